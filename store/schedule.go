package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"loket/tariff"
)

// This file is the tariff schedules: the one in force on a day, and
// installing a new one.

// Schedule returns the tariff schedule in force today: the installed one
// with the latest effective date not after today, else the embedded default.
func (s *Store) Schedule(ctx context.Context) (*tariff.Schedule, error) {
	var sch *tariff.Schedule
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		sch, _, err = s.scheduleInForce(ctx, tx)
		return err
	})
	return sch, err
}

func (s *Store) scheduleInForce(ctx context.Context, q querier) (*tariff.Schedule, sql.NullString, error) {
	var id sql.NullString
	var body string
	err := q.QueryRowContext(ctx, `SELECT id, body FROM schedules WHERE effective <= ?
		ORDER BY effective DESC, installed_at DESC LIMIT 1`, Day(s.now())).Scan(&id, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return tariff.Default(), sql.NullString{}, nil
	}
	if err != nil {
		return nil, id, fmt.Errorf("store: schedule: %w", err)
	}
	c := s.shared
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sched != nil && c.schedID == id.String {
		return c.sched, id, nil
	}
	sch, err := tariff.Parse(strings.NewReader(body))
	if err != nil {
		return nil, id, fmt.Errorf("store: jadwal tarif terpasang rusak: %w", err)
	}
	c.sched, c.schedID = sch, id.String
	return sch, id, nil
}

// InstallSchedule validates a schedule file and stores it; it is in force
// from its effective date. A malformed file is refused with the parser's
// message (line and problem) and nothing is stored. Installing again the
// very schedule already in force is refused as already installed (ErrConflict):
// a second copy would only add a row and an audit entry. "The very schedule"
// is compared as parsed, not byte for byte, so a comment, blank lines or
// another spelling of the same prices do not make it a new one.
func (s *Store) InstallSchedule(ctx context.Context, actor string, body []byte) (*tariff.Schedule, error) {
	sch, err := tariff.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	id := s.newID()
	err = s.write(ctx, func(tx *sql.Tx) error {
		var cur string
		err := s.cached(tx).QueryRowContext(ctx, `SELECT body FROM schedules WHERE effective <= ?
			ORDER BY effective DESC, installed_at DESC LIMIT 1`, Day(s.at(tx))).Scan(&cur)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err == nil && sameSchedule(cur, sch) {
			return refuse(ErrConflict, "Jadwal tarif %s (berlaku %s) sudah terpasang dan sedang berlaku; tidak dipasang lagi",
				sch.Name, sch.Effective.Format("02-01-2006"))
		}
		_, err = s.cached(tx).ExecContext(ctx, `INSERT INTO schedules (id, name, basis, effective, body, installed_at, installed_by)
			VALUES (?,?,?,?,?,?,?)`, id, sch.Name, sch.Basis, sch.Effective.Format("2006-01-02"), string(body),
			fmtTime(s.at(tx)), nullStr(actor))
		if err != nil {
			return err
		}
		a := s.auditor(ctx, tx, actor, "schedule", id)
		a.change("name", "", sch.Name)
		a.change("effective", "", sch.Effective.Format("2006-01-02"))
		return a.err
	})
	return sch, err
}

// sameSchedule reports whether the stored schedule body says what sch
// says: every field Parse reads (name, basis, effective date, items and
// their prices, the Rp0 rule, notes), whatever the comments, spacing or
// number spelling. A stored body that no longer parses is not the same.
func sameSchedule(body string, sch *tariff.Schedule) bool {
	cur, err := tariff.Parse(strings.NewReader(body))
	return err == nil && reflect.DeepEqual(cur, sch)
}
