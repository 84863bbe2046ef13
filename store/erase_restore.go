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
// knows where they are kept: in schema 1, the visitors marked erased_at.
func erasureLog(ctx context.Context, db *sql.DB) ([]erasure, error) {
	rows, err := db.QueryContext(ctx, `SELECT v.id, v.erased_at, coalesce((SELECT a.officer_id FROM audit a
		WHERE a.entity_id = v.id AND a.action = 'hapus_data_pribadi' ORDER BY a.seq DESC LIMIT 1), '')
		FROM visitors v WHERE v.erased_at IS NOT NULL ORDER BY v.erased_at, v.id`)
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
// an older backup does not bring an erased person back. The copy is then
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
