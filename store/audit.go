package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"loket/store/chain"
)

// auditor appends audit rows for one entity inside a transaction. The first
// error sticks in err, so a run of calls is checked once.
type auditor struct {
	ctx      context.Context
	tx       *sql.Tx
	s        *Store
	actor    string
	entity   string
	entityID string
	err      error
}

func (s *Store) auditor(ctx context.Context, tx *sql.Tx, actor, entity, entityID string) *auditor {
	return &auditor{ctx: ctx, tx: tx, s: s, actor: actor, entity: entity, entityID: entityID}
}

func (a *auditor) insert(action, field string, old, new sql.NullString, personal bool) {
	if a.err != nil {
		return
	}
	// The row's hash links it to the previous row of this counter (schema 3,
	// audit_chain.go); its number and link are read under the write lock.
	uid, seq, prev, err := a.s.chainLink(a.ctx, a.tx)
	if err != nil {
		a.err = err
		return
	}
	at := fmtTime(a.s.at(a.tx))
	h := chain.Next(prev, chain.Row{Origin: uid, Seq: seq, At: at, Officer: a.actor, Entity: a.entity, EntityID: a.entityID,
		Action: action, Field: field, Values: chain.ValuesHash(strPtr(old), strPtr(new))})
	_, err = a.s.cached(a.tx).ExecContext(a.ctx, `INSERT INTO audit (origin, seq, at, officer_id, entity, entity_id, action, field, old, new, personal, hash)
		VALUES (1, ?,?,?,?,?,?,?,?,?,?,?)`, seq, at, nullStr(a.actor), a.entity, a.entityID,
		action, field, old, new, personal, h[:])
	if err != nil {
		a.err = fmt.Errorf("store: audit: %w", err)
	}
}

// event records an action without a field (e.g. "batal", "cetak").
func (a *auditor) event(action string) {
	a.insert(action, "", sql.NullString{}, sql.NullString{}, false)
}

// eventNote records an action with a non-personal note in new.
func (a *auditor) eventNote(action, note string) {
	a.insert(action, "", sql.NullString{}, sql.NullString{String: note, Valid: true}, false)
}

// change records old → new for a non-personal field when it changed.
func (a *auditor) change(field string, old, new any) {
	o, n := fmt.Sprint(old), fmt.Sprint(new)
	if o == n {
		return
	}
	a.insert("ubah", field, sql.NullString{String: o, Valid: true}, sql.NullString{String: n, Valid: true}, false)
}

// personalChange records that a personal field changed, never its values.
func (a *auditor) personalChange(field string) {
	a.insert("ubah", field, sql.NullString{}, sql.NullString{}, true)
}

// AuditEntry is one row of the audit trail.
type AuditEntry struct {
	At        time.Time
	OfficerID string
	Entity    string
	EntityID  string
	Action    string
	Field     string
	Old, New  string
	Personal  bool
}

// Audit lists the audit rows of one entity (a visit, visitor, officer…), oldest first.
func (s *Store) Audit(ctx context.Context, entityID string) ([]AuditEntry, error) {
	var out []AuditEntry
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT at, coalesce(officer_id,''), entity, entity_id, action, field,
			coalesce(old,''), coalesce(new,''), personal FROM audit WHERE entity_id = ? ORDER BY seq`, entityID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e AuditEntry
			var at string
			if err := rows.Scan(&at, &e.OfficerID, &e.Entity, &e.EntityID, &e.Action, &e.Field, &e.Old, &e.New, &e.Personal); err != nil {
				return err
			}
			e.At = parseTime(at)
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}

// RecordEvent appends an audit event that is not a change of a record, such
// as an export with ID numbers unmasked. note must hold no personal data.
func (s *Store) RecordEvent(ctx context.Context, actor, entity, entityID, action, note string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		a := s.auditor(ctx, tx, actor, entity, entityID)
		a.eventNote(action, note)
		return a.err
	})
}

// lastChangeQuery reads the latest change: each counter's latest audit row
// that changes something (by primary key, from the newest), and the latest
// save of an open visit (through visits_status). A closed visit's last save
// is its close, which is an audit row.
const lastChangeQuery = `SELECT max(coalesce((SELECT max(at) FROM (SELECT (SELECT at FROM audit a
	WHERE a.origin = k.id AND a.action NOT IN ('tampil_nomor_identitas', 'cetak', 'tanpa_samaran', 'pin_salah') ORDER BY a.seq DESC LIMIT 1) AS at
	FROM counters k)), ''), coalesce((SELECT max(updated_at) FROM visits WHERE status = 'Berjalan'), ''))`

// LastChange is when the latest change was recorded, zero on a database
// without any: the latest audit row, or the latest save of an open visit
// (visits.updated_at, which every step's save sets: a step's first record
// is not an audit row of its own, visit_seal.go). Rows that only record
// that something was shown or printed (an ID number revealed, a document
// printed, an export without masking) change nothing a workbook holds and
// are passed over. A workbook written before it may be out of date.
func (s *Store) LastChange(ctx context.Context) (time.Time, error) {
	var at string
	err := s.read(ctx, func(tx *sql.Tx) error {
		err := s.cached(tx).QueryRowContext(ctx, lastChangeQuery).Scan(&at)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil || at == "" {
		return time.Time{}, err
	}
	return parseTime(at), nil
}
