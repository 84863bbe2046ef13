package store

import (
	"context"
	"database/sql"

	"loket/store/valid"
)

// This file is the actions on a whole visit outside the procedure's
// steps: cancelling it, and suspending and resuming it (the visitor at the
// bank, or the officer serving someone else).

// Cancel ends an open visit as Batal with a reason. A paid visit cannot be
// cancelled: the money stays on record.
func (s *Store) Cancel(ctx context.Context, actor, visitID, reason string) error {
	reason, err := valid.Text("Alasan pembatalan", reason, 500, true)
	if err != nil {
		return err
	}
	return s.openVisit(ctx, visitID, func(tx *sql.Tx, v *Visit) error {
		if err := v.CancelRefusal(); err != nil {
			return err // paid: the money stays on record
		}
		if inv := v.ActiveInvoice(KindInvoice); inv != nil {
			if err := s.voidInvoice(ctx, tx, actor, v, inv, "kunjungan batal: "+reason, ""); err != nil {
				return err
			}
		}
		return s.close(ctx, tx, v, actor, VisitCanceled, reason)
	})
}

// Suspend pauses an open visit (the visitor goes to the bank, or the officer
// serves someone else); the time until Resume does not count as service time.
func (s *Store) Suspend(ctx context.Context, actor, visitID, reason string) error {
	return s.openVisit(ctx, visitID, func(tx *sql.Tx, v *Visit) error {
		return s.suspend(ctx, tx, actor, v, reason)
	})
}

// suspend is Suspend inside a transaction, for the calls that suspend as
// part of another change (IssueBillingAndSuspend).
func (s *Store) suspend(ctx context.Context, tx *sql.Tx, actor string, v *Visit, reason string) error {
	if v.Suspended() {
		return nil // already suspended: suspending twice is harmless
	}
	now := s.at(tx)
	ts := fmtTime(now)
	if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO suspensions (id, visit_id, started_at, reason) VALUES (?,?,?,?)`,
		s.newID(), v.ID, ts, reason); err != nil {
		return err
	}
	if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET suspended_at = ?, updated_at = ? WHERE id = ?`, ts, ts, v.ID); err != nil {
		return err
	}
	v.SuspendedAt = now
	a := s.auditor(ctx, tx, actor, "visit", v.ID)
	a.textEvent("tunda", "reason", "")
	return a.err
}

// Resume continues a suspended visit.
func (s *Store) Resume(ctx context.Context, actor, visitID string) error {
	return s.openVisit(ctx, visitID, func(tx *sql.Tx, v *Visit) error {
		if !v.Suspended() {
			return nil
		}
		now := s.at(tx)
		secs := max(int64(now.Sub(v.SuspendedAt).Seconds()), 0)
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE suspensions SET ended_at = ? WHERE visit_id = ? AND ended_at IS NULL`, fmtTime(now), v.ID); err != nil {
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET suspended_at = NULL, suspended_secs = suspended_secs + ?, updated_at = ?
			WHERE id = ?`, secs, fmtTime(now), v.ID); err != nil {
			return err
		}
		a := s.auditor(ctx, tx, actor, "visit", v.ID)
		a.event("lanjut")
		return a.err
	})
}
