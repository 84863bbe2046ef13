package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// erasure is one entry of a database's erasure log: who was erased, when
// and by which officer (never a personal value).
type erasure struct {
	VisitorID string
	ErasedAt  time.Time
	OfficerID string
}

// erasureLog lists the erasures recorded in db. It is the one place that
// knows where they are kept: the erasures table of schema 2, and in a
// database of schema 1 (not yet upgraded) the visitors marked erased_at,
// with the officer from the audit trail.
func erasureLog(ctx context.Context, db *sql.DB) ([]erasure, error) {
	q := `SELECT visitor_id, erased_at, coalesce(officer_id, '') FROM erasures ORDER BY erased_at, visitor_id`
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'erasures'`).Scan(&tables); err != nil {
		return nil, mapErr(err)
	}
	if tables == 0 {
		q = `SELECT v.id, v.erased_at, coalesce((SELECT a.officer_id FROM audit a
			WHERE a.entity_id = v.id AND a.action = 'hapus_data_pribadi' ORDER BY a.seq DESC LIMIT 1), '')
			FROM visitors v WHERE v.erased_at IS NOT NULL ORDER BY v.erased_at, v.id`
	}
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []erasure
	for rows.Next() {
		var e erasure
		var at string
		if err := rows.Scan(&e.VisitorID, &at, &e.OfficerID); err != nil {
			return nil, mapErr(err)
		}
		e.ErasedAt = parseTime(at)
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

// reapplyErasures erases again, in the restored copy tmp (not yet renamed
// over to), every person the database at to had erased, so that restoring
// an older backup does not bring an erased person back; in a copy of
// schema 2 each is recorded in its erasures table with the original time
// and officer (none when the copy does not know that officer yet). The copy is then
// rebuilt, so none of their values stays in its free space. A database
// that SQLite cannot read (damaged) has no readable log: the restore goes
// on, and the plan says so (ErasuresUnknown).
func reapplyErasures(ctx context.Context, to, tmp string, p *RestorePlan) error {
	log, err := readErasureLog(ctx, to)
	if err != nil {
		p.ErasuresUnknown = true
		return nil
	}
	if len(log) == 0 {
		return nil
	}
	var at time.Time
	db, err := sql.Open("sqlite", sqliteURI(tmp,
		"_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=journal_mode(MEMORY)&_pragma=secure_delete(1)&_txlock=immediate"))
	if err != nil {
		return fmt.Errorf("pulihkan: %w", err)
	}
	// A store on the copy, not Open: the copy is the backup's schema as it
	// is, and is neither migrated nor watched for being replaced.
	s := &Store{db: db, path: tmp, now: func() time.Time { return at }, ids: newIDSource(nil), shared: &shared{}}
	s.shared.files.disabled = true
	defer s.Close()
	for _, e := range log {
		at = e.ErasedAt
		if at.IsZero() {
			at = time.Now()
		}
		actor, err := knownOfficer(ctx, db, e.OfficerID)
		if err != nil {
			return fmt.Errorf("pulihkan: terapkan ulang penghapusan data pribadi: %w", err)
		}
		done, err := s.reerase(ctx, actor, e)
		if err != nil {
			return fmt.Errorf("pulihkan: terapkan ulang penghapusan data pribadi: %w", err)
		}
		if done {
			p.Reerased++
		}
	}
	if p.Reerased == 0 {
		return nil
	}
	if err := s.rebuildFile(ctx); err != nil {
		return fmt.Errorf("pulihkan: terapkan ulang penghapusan data pribadi: %w", err)
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("pulihkan: %w", err)
	}
	return syncFile(tmp)
}

func readErasureLog(ctx context.Context, path string) ([]erasure, error) {
	db, err := openReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return erasureLog(ctx, db)
}

// knownOfficer is id when the restored copy knows that officer, else ""
// (an officer added after the backup was made).
func knownOfficer(ctx context.Context, db *sql.DB, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM officers WHERE id = ?`, id).Scan(&n); err != nil {
		return "", mapErr(err)
	}
	if n == 0 {
		return "", nil
	}
	return id, nil
}

// reerase erases e's visitor in s when the copy holds them and they are
// not erased there yet; done says whether it did.
func (s *Store) reerase(ctx context.Context, actor string, e erasure) (done bool, err error) {
	v, err := s.Visitor(ctx, e.VisitorID)
	if errors.Is(err, ErrNotFound) {
		return false, nil // added after the backup: not in it at all
	}
	if err != nil || !v.ErasedAt.IsZero() {
		return false, err
	}
	return true, s.eraseVisitor(ctx, actor, e.VisitorID)
}

// recordErasure ends an erasure: in schema 2 the payer printed on each
// kuitansi is erased, the erasure log gets its row and the audit trail its
// event; from schema 5 the person's links in an archive are removed. A restore may erase again in a copy of a schema 1 backup (upgraded
// later by loket upgrade, whose migration builds the log from erased_at and
// the kuitansi payer from the payment's, already erased): there only the
// audit event is written, in that schema's form.
func recordErasure(ctx context.Context, s *Store, tx *sql.Tx, actor, id, now string) error {
	var version int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return err
	}
	if version < 2 {
		_, err := tx.ExecContext(ctx, `INSERT INTO audit (id, at, officer_id, entity, entity_id, action) VALUES (?, ?, ?, 'visitor', ?, 'hapus_data_pribadi')`,
			s.newID(), now, nullStr(actor), id)
		return err
	}
	if _, err := s.cached(tx).ExecContext(ctx, `UPDATE invoices SET payer = ? WHERE payer <> '' AND visit_id IN (SELECT id FROM visits WHERE visitor_id = ?)`, Erased, id); err != nil {
		return err
	}
	// An erased person is no longer known to be anyone else (an archive's
	// links, schema 5, merge_links.go): both directions, by the key.
	if version >= 5 {
		if _, err := s.cached(tx).ExecContext(ctx, `DELETE FROM visitor_links WHERE linked_id = ?1
			AND visitor_id IN (SELECT linked_id FROM visitor_links WHERE visitor_id = ?1)`, id); err != nil {
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `DELETE FROM visitor_links WHERE visitor_id = ?`, id); err != nil {
			return err
		}
	}
	if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO erasures (visitor_id, origin, erased_at, officer_id) VALUES (?, 1, ?, ?)
		ON CONFLICT (visitor_id) DO UPDATE SET erased_at = excluded.erased_at, officer_id = excluded.officer_id`, id, now, nullStr(actor)); err != nil {
		return err
	}
	a := s.auditor(ctx, tx, actor, "visitor", id)
	a.event("hapus_data_pribadi")
	return a.err
}
