// The seal of a closed visit's steps in the audit trail.

package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"loket/store/chain"
)

// A visit's step rows (visit_steps) record who did each step and when. The
// trail does not repeat that forward progress row by row: a step's change
// is a row of its own only when it takes back what was recorded (a done
// step reopened, a visit no longer waiting at the bank), and when the visit
// is closed one row (actionSealSteps) seals its sixteen step rows as they
// stand. check recomputes the seal, so an edit of a closed visit's step
// state, officer or time is found as any edit of a chained row is. An open
// visit's steps are not sealed yet; every other row of its saves is.
//
// This is what keeps a visit's audit trail about a dozen rows instead of
// twenty-six (docs/benchmarks.md, bytes per visit). Files written before
// carry one langkah_N row per step change and, for visits closed since,
// the seal as well.

// actionSealSteps is the audit action of the seal; its new value is the
// seal, chain.Seal of the step rows (stepSealParts).
const actionSealSteps = "segel_langkah"

// stepSealColumns are what a seal covers of a step row, read in the order
// of the steps. The reason is left out: it is free text an erasure may
// scrub (erase_text.go).
const stepSealColumns = `step, state, coalesce(officer_id, ''), coalesce(done_at, '')`

// stepSealParts appends one step row's sealed fields.
func stepSealParts(parts []string, step int, state, officer, doneAt string) []string {
	return append(parts, strconv.Itoa(step), state, officer, doneAt)
}

// sealSteps writes the seal of v's step rows as stored, in close's
// transaction after its last change to them.
func (s *Store) sealSteps(ctx context.Context, tx *sql.Tx, a *auditor, visitID string) {
	if a.err != nil {
		return
	}
	rows, err := s.cached(tx).QueryContext(ctx, `SELECT `+stepSealColumns+` FROM visit_steps WHERE visit_id = ? ORDER BY step`, visitID)
	if err != nil {
		a.err = fmt.Errorf("store: segel langkah: %w", err)
		return
	}
	defer rows.Close()
	var parts []string
	for rows.Next() {
		var step int
		var state, officer, done string
		if err := rows.Scan(&step, &state, &officer, &done); err != nil {
			a.err = fmt.Errorf("store: segel langkah: %w", err)
			return
		}
		parts = stepSealParts(parts, step, state, officer, done)
	}
	if err := rows.Err(); err != nil {
		a.err = fmt.Errorf("store: segel langkah: %w", err)
		return
	}
	a.eventNote(actionSealSteps, chain.Seal(parts...))
}

// stepSeals compares each sealed visit's step rows with its latest seal.
func (c *checker) stepSeals() {
	const area = "langkah"
	seals := map[string]string{}
	c.each("audit", `SELECT entity_id, coalesce(new, '') FROM audit WHERE action = '`+actionSealSteps+`' ORDER BY origin, seq`,
		func(rows *sql.Rows) error {
			var id, seal string
			if err := rows.Scan(&id, &seal); err != nil {
				return err
			}
			seals[id] = seal
			return nil
		})
	if len(seals) == 0 {
		return
	}
	var visit string
	var parts []string
	compare := func() {
		if seal, ok := seals[visit]; ok && chain.Seal(parts...) != seal {
			c.add(area, "%s: langkahnya (status, petugas atau waktu) tidak sama dengan yang disegel jejak audit saat kunjungan ditutup", c.visit(visit))
		}
	}
	c.each(area, `SELECT visit_id, `+stepSealColumns+` FROM visit_steps ORDER BY visit_id, step`,
		func(rows *sql.Rows) error {
			var id, state, officer, done string
			var step int
			if err := rows.Scan(&id, &step, &state, &officer, &done); err != nil {
				return err
			}
			if id != visit {
				if visit != "" {
					compare()
				}
				visit, parts = id, nil
			}
			parts = stepSealParts(parts, step, state, officer, done)
			return nil
		})
	if visit != "" {
		compare()
	}
}
