// The seal of a closed visit in the audit trail.

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"loket/store/chain"
)

// A visit's record of its own work (its step rows: who did each step and
// when; the values those steps set: use, consent, agreement, total…) is not
// repeated in the trail row by row. A step's forward progress is its
// visit_steps row, and the first values a step records are that step's
// record. What the trail records one row each is what takes a
// record back or changes it once recorded: a done step reopened, a visit no
// longer waiting at the bank, a field changed by a later save of its step,
// and every money, document and status event as before. When the visit is
// closed, one row (actionSeal) says so and seals its record as it stands:
// the visit's non-personal columns and its sixteen step rows. check recomputes each
// seal, so an edit of a closed visit's steps or values is found as an edit
// of a chained row is. An open visit is not sealed yet.
//
// This keeps a visit's audit trail at about 6 rows instead of 26
// (docs/benchmarks.md, bytes per visit). Files written before carry one
// langkah_N row per step change, a row per first value and an "ubah
// status" row at the close; their visits closed since carry the seal.

// actionSeal is the audit action of a visit's close. Its new value is the
// status it closed with and the seal (sealNote): chain.Seal of
// visitSealColumns then, for each step in order, stepSealColumns.
const actionSeal = "tutup"

// sealNote is the value of a close's row, e.g. "Selesai, segel 7K2QM…".
func sealNote(status VisitStatus, seal string) string { return string(status) + ", segel " + seal }

// sealOf reads the seal back from a close's row.
func sealOf(note string) string {
	_, seal, _ := strings.Cut(note, ", segel ")
	return seal
}

// visitSealColumns are what a seal covers of the visit row: every column
// no later action changes once the visit is closed. Left out: the guest's
// personal snapshot and visitor_id (an erasure and an identity-free copy
// change them), the purpose and the status reason (free text an erasure
// scrubs), updated_at and suspended_at.
const visitSealColumns = `office_code, counter_code, day, queue_no, arrived_at, coalesce(finished_at, ''), status, officer_id,
	consent, use, letter, coalesce(agreed, ''), sample_given, sppd_given, coalesce(schedule_id, ''), schedule_name, total,
	corrections, suspended_secs`

// visitSealWidth is the number of visitSealColumns.
const visitSealWidth = 19

// stepSealColumns are what a seal covers of a step row. The reason is left
// out: it is free text an erasure may scrub (erase_text.go).
const stepSealColumns = `step, state, coalesce(officer_id, ''), coalesce(done_at, '')`

// A first value — set where the visit recorded nothing yet (no purpose or
// use, no guest book, no request lines, no answer to the terms) — is the
// step's own record, sealed when the visit closes, not an audit row per
// field; each call site says so. A later save that changes a recorded
// value is a correction, and each field it changes is a row. The test is
// on the values, not on the step's state, so a step reopened and saved
// again still records what it changes.

// visitSealParts reads the sealed columns of one visit.
func visitSealParts(ctx context.Context, q querier, visitID string) ([]string, error) {
	parts := make([]string, visitSealWidth)
	dest := make([]any, visitSealWidth)
	for i := range parts {
		dest[i] = &parts[i]
	}
	if err := q.QueryRowContext(ctx, `SELECT `+visitSealColumns+` FROM visits WHERE id = ?`, visitID).Scan(dest...); err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT `+stepSealColumns+` FROM visit_steps WHERE visit_id = ? ORDER BY step`, visitID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var step int
		var state, officer, done string
		if err := rows.Scan(&step, &state, &officer, &done); err != nil {
			return nil, err
		}
		parts = append(parts, strconv.Itoa(step), state, officer, done)
	}
	return parts, rows.Err()
}

// seal writes the close's row with the seal of the visit's record as
// stored, in close's transaction after its last change to the visit and
// its steps.
func (s *Store) seal(ctx context.Context, tx *sql.Tx, a *auditor, visitID string, status VisitStatus) {
	if a.err != nil {
		return
	}
	parts, err := visitSealParts(ctx, s.cached(tx), visitID)
	if err != nil {
		a.err = fmt.Errorf("store: segel kunjungan: %w", err)
		return
	}
	a.eventNote(actionSeal, sealNote(status, chain.Seal(parts...)))
}

// seals compares each sealed visit with its latest seal.
func (c *checker) seals() {
	const area = "kunjungan"
	seals := map[string]string{}
	c.each("audit", `SELECT entity_id, coalesce(new, '') FROM audit WHERE action = '`+actionSeal+`' ORDER BY origin, seq`,
		func(rows *sql.Rows) error {
			var id, seal string
			if err := rows.Scan(&id, &seal); err != nil {
				return err
			}
			seals[id] = sealOf(seal)
			return nil
		})
	for _, id := range sortedKeys(seals) {
		parts, err := visitSealParts(c.ctx, c.tx, id)
		if errors.Is(err, sql.ErrNoRows) {
			continue // a seal of a visit not in the file: a foreign-key matter
		}
		if err != nil {
			c.fail(area, err)
			return
		}
		if chain.Seal(parts...) != seals[id] {
			c.add(area, "%s: datanya (status, waktu, petugas, langkah, pemanfaatan, total …) tidak sama dengan yang disegel jejak audit saat kunjungan ditutup", c.visit(id))
		}
	}
}
