package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"loket/tariff"
)

// checkAct is the procedure's gate: it says whether step n of v may be
// recorded now (for the first time, or again to correct it). Every method
// that records a step passes through it.
func checkAct(v *Visit, n int) error {
	if !v.Open() {
		return refuse(ErrClosed, "Kunjungan %s sudah ditutup (%s); tidak dapat diubah", v.Queue(), v.Status)
	}
	if v.Suspended() {
		return refuse(ErrSuspended, "Kunjungan %s sedang ditunda; lanjutkan kunjungan dulu", v.Queue())
	}
	st := v.Step(n)
	if st.State == StateNA {
		return refuse(ErrNotApplicable, "Langkah %d (%s) tidak berlaku untuk kunjungan ini: %s", n, Steps[n-1].Name, st.Reason)
	}
	settled := func(from, to int) (int, bool) {
		for i := from; i <= to; i++ {
			if !v.Step(i).Settled() {
				return i, false
			}
		}
		return 0, true
	}
	need := func(upTo int) error {
		if k, ok := settled(1, upTo); !ok {
			return refuse(ErrOrder, "Langkah %d (%s) belum boleh: selesaikan dulu langkah %d (%s)", n, Steps[n-1].Name, k, Steps[k-1].Name)
		}
		return nil
	}
	switch {
	case n <= StepInvoice:
		return need(n - 1)
	case n <= StepSPPD: // 10, 11, 12 in any order once 9 is settled
		return need(StepInvoice)
	case n == StepHandover:
		if err := need(StepInvoice); err != nil {
			return err
		}
		if !v.Step(StepPrepare).Settled() {
			return refuse(ErrOrder, "Produk belum disiapkan (langkah 10); belum dapat diserahkan")
		}
		if !v.Step(StepPayment).Settled() {
			return refuse(ErrNotPaid, "Produk belum dapat diserahkan: pembayaran belum diterima (langkah 11)")
		}
		if !v.Step(StepSPPD).Settled() {
			return refuse(ErrNoSPPD, "Produk belum dapat diserahkan: SPPD yang ditandatangani belum diterima (langkah 12)")
		}
		return nil
	default: // 14, 15, 16 strictly in turn after 13
		return need(n - 1)
	}
}

// applicability recomputes which of steps 8, 9, 11, 12 apply, from the
// counting lines of the request, and writes the changes. A step that
// becomes applicable again goes back to pending.
func (s *Store) applicability(ctx context.Context, tx *sql.Tx, v *Visit) error {
	md, zero := v.NeedsAgreement(), v.ZeroApplied()
	// The total is summed with a checked add and bounded: lines that each
	// fit int64 once summed to a wrapped-around Rp80.000.
	var total int64
	for _, it := range v.Items {
		if !it.Counts() {
			continue
		}
		sum, ok := tariff.Add(total, it.Amount)
		if !ok || sum > tariff.MaxTotal {
			return refuse(ErrAmount, "Produk %d (%s): total kunjungan menjadi lebih dari %s, batas satu kunjungan; periksa jumlahnya",
				it.Seq, it.Code, tariff.Rupiah(tariff.MaxTotal))
		}
		total = sum
	}
	na := map[int]string{}
	if !md && !zero {
		na[StepDocCheck] = "tidak ada dokumen yang dipersyaratkan (tanpa data mikro/peta dan bukan tarif nol rupiah)"
	}
	if total == 0 && !md {
		na[StepInvoice] = "total Rp0 dan tanpa data mikro/peta: tidak ada invoice maupun dokumen perjanjian"
	}
	if total == 0 {
		if zero {
			na[StepPayment] = "tarif nol rupiah: tidak ada pembayaran"
		} else {
			na[StepPayment] = "total Rp0: tidak ada pembayaran"
		}
	}
	if !md {
		na[StepSPPD] = "tanpa data mikro atau peta: tidak ada SPPD"
	}
	for _, n := range []int{StepDocCheck, StepInvoice, StepPayment, StepSPPD} {
		reason, isNA := na[n]
		st := v.Step(n)
		switch {
		case isNA && (st.State != StateNA || st.Reason != reason):
			if err := s.setStep(ctx, tx, v, n, StateNA, reason, ""); err != nil {
				return err
			}
		case !isNA && st.State == StateNA:
			if err := s.setStep(ctx, tx, v, n, StatePending, "", ""); err != nil {
				return err
			}
		}
	}
	if total != v.Total {
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET total = ? WHERE id = ?`, total, v.ID); err != nil {
			return err
		}
		v.Total = total
	}
	return nil
}

// errStayPending tells visitStep that fn saved its work but the step is not
// complete yet (some lines handed over, a correction to check again, a kode
// billing issued and step 11 left waiting for the bank).
var errStayPending = errors.New("step stays pending")

// setStep writes a step's state and keeps v in step with the database.
func (s *Store) setStep(ctx context.Context, tx *sql.Tx, v *Visit, n int, state StepState, reason, actor string) error {
	var done sql.NullString
	if state == StateDone {
		done = sql.NullString{String: fmtTime(s.at(tx)), Valid: true}
	}
	_, err := s.cached(tx).ExecContext(ctx, `UPDATE visit_steps SET state = ?, reason = ?, officer_id = ?, done_at = ?
		WHERE visit_id = ? AND step = ?`, state, reason, nullStr(actor), done, v.ID, n)
	if err != nil {
		return fmt.Errorf("store: set step %d: %w", n, err)
	}
	old := v.Steps[n-1].State
	v.Steps[n-1] = Step{Num: n, State: state, Reason: reason, OfficerID: actor, DoneAt: nullTime(done)}
	// Forward progress is the step row itself, sealed in the trail when the
	// visit closes (visit_seal.go); what takes a record back is a row now.
	if old != StateDone && (old != StateWaiting || state != StatePending) {
		return nil
	}
	a := s.auditor(ctx, tx, actor, "visit", v.ID)
	a.change(fmt.Sprintf("langkah_%d", n), old, state)
	return a.err
}

// visitStep runs one step's work in a write transaction: it loads the visit,
// checks the gate, runs fn, marks the step done unless fn settled it
// otherwise, and recomputes applicability.
func (s *Store) visitStep(ctx context.Context, actor, visitID string, n int, fn func(tx *sql.Tx, v *Visit) error) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		v, err := loadVisit(ctx, s.cached(tx), visitID)
		if err != nil {
			return err
		}
		if err := checkAct(v, n); err != nil {
			return err
		}
		before := v.Step(n).State
		if err := fn(tx, v); errors.Is(err, errStayPending) {
			return s.touch(ctx, tx, v)
		} else if err != nil {
			return err
		}
		if v.Step(n).State == before && before != StateDone && v.Open() {
			if err := s.setStep(ctx, tx, v, n, StateDone, "", actor); err != nil {
				return err
			}
		} else if before == StateDone && v.Step(n).State == StateDone {
			a := s.auditor(ctx, tx, actor, "visit", v.ID)
			a.eventNote("koreksi", fmt.Sprintf("langkah %d diubah", n))
			if a.err != nil {
				return a.err
			}
		}
		return s.touch(ctx, tx, v)
	})
}

// openVisit is the one path of the actions on a whole visit (cancel,
// suspend, resume): in one write transaction it loads the visit, refuses a
// closed one, and runs fn. Recording a step goes through visitStep, which
// adds the procedure's gate.
func (s *Store) openVisit(ctx context.Context, visitID string, fn func(tx *sql.Tx, v *Visit) error) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		v, err := loadVisit(ctx, s.cached(tx), visitID)
		if err != nil {
			return err
		}
		if !v.Open() {
			return refuse(ErrClosed, "Kunjungan %s sudah ditutup (%s)", v.Queue(), v.Status)
		}
		return fn(tx, v)
	})
}

func (s *Store) touch(ctx context.Context, tx *sql.Tx, v *Visit) error {
	_, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET updated_at = ? WHERE id = ?`, fmtTime(s.at(tx)), v.ID)
	return err
}

// close ends a visit with a status other than Selesai (or Selesai at step 16).
func (s *Store) close(ctx context.Context, tx *sql.Tx, v *Visit, actor string, status VisitStatus, reason string) error {
	s.visitClosed() // the WAL is checkpointed after the commit
	now := s.at(tx)
	susp := v.SuspendedSecs
	if v.Suspended() {
		susp += int64(now.Sub(v.SuspendedAt).Seconds())
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE suspensions SET ended_at = ? WHERE visit_id = ? AND ended_at IS NULL`, fmtTime(now), v.ID); err != nil {
			return err
		}
	}
	_, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET status = ?, status_reason = ?, finished_at = ?, suspended_at = NULL,
		suspended_secs = ?, updated_at = ? WHERE id = ?`, status, reason, fmtTime(now), susp, fmtTime(now), v.ID)
	if err != nil {
		return fmt.Errorf("store: close visit: %w", err)
	}
	// Nobody waits at the bank for a closed visit: its active kode billing
	// is void and step 11 goes back from waiting to pending, each audited,
	// so check finds no step waiting without an active code.
	if err := s.cancelBilling(ctx, tx, actor, v); err != nil {
		return err
	}
	if v.Step(StepPayment).State == StateWaiting {
		if err := s.setStep(ctx, tx, v, StepPayment, StatePending, "", actor); err != nil {
			return err
		}
	}
	a := s.auditor(ctx, tx, actor, "visit", v.ID)
	if reason != "" {
		a.textChange("status_reason", v.StatusReason, reason)
	}
	s.seal(ctx, tx, a, v.ID, status)
	v.Status, v.StatusReason, v.FinishedAt, v.SuspendedAt, v.SuspendedSecs = status, reason, now, time.Time{}, susp
	return a.err
}

// quoteItems prices every line with the schedule in force and the visit's
// Rp0 eligibility.
func quoteItems(sch *tariff.Schedule, v *Visit, items []Item) error {
	elig := tariff.Eligibility{Category: v.Guest.Category, Use: v.Use, Letter: v.Letter}
	for i := range items {
		it := &items[i]
		q, err := sch.Quote(it.Line(), elig)
		if err != nil {
			return fmt.Errorf("Produk %d: %w", i+1, err)
		}
		it.Amount, it.Zero, it.NoItem, it.Quote, it.Basis = q.Amount, q.Zero, q.NoItem, q.Breakdown, q.Basis
	}
	return nil
}

func joinLines(l []string) string { return strings.Join(l, "\n") }
