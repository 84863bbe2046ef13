package store

import (
	"strings"
	"testing"
	"time"
)

// A visit cancelled at any point before payment leaves a record check
// finds sound: no kode billing left active, step 11 no longer waiting for
// the bank, every change audited. The bank cases were found by
// TestMergeUpdatedSource's cancel of a demo visit waiting at the bank:
// check then said "langkah 11 menunggu pembayaran bank tanpa kode billing
// aktif".
func TestCancelLeavesSoundRecord(t *testing.T) {
	cases := []struct {
		name  string
		setup func(f *fixture) *Visit
		codes int // kode billing that the cancel must void
	}{
		{"before any invoice", func(f *fixture) *Visit { return f.walk(paidPub, StepAgreement) }, 0},
		{"after the invoice, before payment", func(f *fixture) *Visit { return f.walk(paidPub, StepInvoice) }, 0},
		{"suspended without a kode billing", func(f *fixture) *Visit {
			v := f.walk(paidPub, StepPrepare)
			f.must(f.s.Suspend(f.ctx, f.off, v.ID, "melayani pengunjung lain"))
			return v
		}, 0},
		{"suspended at the bank (IssueBillingAndSuspend)", func(f *fixture) *Visit {
			v := f.walk(paidPub, StepPrepare)
			_, err := f.s.IssueBillingAndSuspend(f.ctx, f.off, v.ID, student.Name, "820261126000001")
			f.must(err)
			f.clock.Add(3 * time.Hour)
			return v
		}, 1},
		{"waiting at the bank, not suspended", func(f *fixture) *Visit {
			v := f.walk(microdata, StepPrepare)
			f.must(f.s.IssueBillingCode(f.ctx, f.off, v.ID, student.Name, "820261126000002"))
			f.must(f.s.RecordSPPD(f.ctx, f.off, v.ID)) // 12 done while 11 waits
			return v
		}, 1},
		{"waiting on a replacement for an expired code", func(f *fixture) *Visit {
			v := f.walk(paidPub, StepPrepare)
			f.must(f.s.IssueBillingCode(f.ctx, f.off, v.ID, student.Name, "820261126000003"))
			f.clock.Add(BillingValidity + time.Hour)
			f.must(f.s.IssueBillingCode(f.ctx, f.off, v.ID, student.Name, "820261126000004"))
			return v
		}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			f.walk(paidPub, StepFinish) // a finished visit beside it
			v := f.visit(c.setup(f).ID)
			active := v.ActiveBilling()
			if (active != nil) != (c.codes > 0) {
				t.Fatalf("before cancel: active code %+v", active)
			}
			if waiting := v.Step(StepPayment).State == StateWaiting; waiting != (c.codes > 0) {
				t.Fatalf("before cancel: step 11 %s with active code %+v", v.Step(StepPayment).State, active)
			}
			f.clock.Add(time.Minute)
			f.must(f.s.Cancel(f.ctx, f.off, v.ID, "pengunjung tidak kembali"))

			got := f.visit(v.ID)
			if got.Status != VisitCanceled || got.Suspended() {
				t.Fatalf("after cancel: status %s, suspended %v", got.Status, got.Suspended())
			}
			if st := got.Step(StepPayment).State; st == StateWaiting {
				t.Errorf("step 11 still %s on a cancelled visit", st)
			}
			if b := got.ActiveBilling(); b != nil {
				t.Errorf("kode billing %s still active on a cancelled visit", b.Code)
			}
			if active != nil {
				var voided *BillingCode
				for i := range got.Billing {
					if got.Billing[i].ID == active.ID {
						voided = &got.Billing[i]
					}
				}
				if voided == nil || voided.Status != BillingCanceled {
					t.Errorf("the active code after cancel: %+v, want %s", voided, BillingCanceled)
				}
			}
			// Each voided code and the step's change are in the trail.
			trail, err := f.s.Audit(f.ctx, v.ID)
			f.must(err)
			voids, stepBack := 0, false
			for _, e := range trail {
				if e.Action == "batal_billing" && active != nil && strings.HasPrefix(e.New, active.Code+" ") {
					voids++
				}
				if e.Action == "ubah" && e.Field == "langkah_11" && e.Old == string(StateWaiting) && e.New == string(StatePending) {
					stepBack = true
				}
			}
			if voids != c.codes || stepBack != (c.codes > 0) {
				t.Errorf("audit: %d batal_billing rows (want %d), step 11 left waiting audited %v", voids, c.codes, stepBack)
			}

			r, err := Check(f.ctx, f.s.Path())
			f.must(err)
			if !r.OK() {
				t.Fatalf("check after cancel:\n%s", problemsText(r))
			}
		})
	}
}

// A replaced kode billing (expired, or changed while still valid) leaves
// step 11 waiting for the new one. visitStep used to mark the step done,
// as if paid, because issuing the new code left it in the state it had
// (waiting); check then said "kode billing aktif, tetapi langkah 11 tidak
// menunggu pembayaran" and the visit could go on without paying.
func TestReplacedBillingKeepsStepWaiting(t *testing.T) {
	f := newFixture(t)
	// Through the counter's path: to the bank, back after expiry, again.
	v := f.walk(paidPub, StepPrepare)
	_, err := f.s.IssueBillingAndSuspend(f.ctx, f.off, v.ID, student.Name, "820261126000011")
	f.must(err)
	f.clock.Add(BillingValidity + time.Hour)
	f.must(f.s.Resume(f.ctx, f.off, v.ID))
	b, err := f.s.IssueBillingAndSuspend(f.ctx, f.off, v.ID, student.Name, "820261126000012")
	f.must(err)
	got := f.visit(v.ID)
	if st := got.Step(StepPayment).State; st != StateWaiting || !got.Suspended() || got.ActiveBilling() == nil || got.ActiveBilling().ID != b.ID {
		t.Fatalf("after the expired code was replaced: step 11 %s, suspended %v, active %+v", st, got.Suspended(), got.ActiveBilling())
	}
	// A code replaced while still valid (diganti).
	w := f.walk(paidPub, StepPrepare)
	f.must(f.s.IssueBillingCode(f.ctx, f.off, w.ID, student.Name, "820261126000013"))
	f.must(f.s.IssueBillingCode(f.ctx, f.off, w.ID, student.Name, "820261126000014"))
	if st := f.visit(w.ID).Step(StepPayment).State; st != StateWaiting {
		t.Fatalf("after a valid code was replaced: step 11 %s", st)
	}
	r, err := Check(f.ctx, f.s.Path())
	f.must(err)
	if !r.OK() {
		t.Fatalf("check with replaced codes:\n%s", problemsText(r))
	}
	// The visit still needs paying: the bank payment completes step 11.
	f.must(f.s.Resume(f.ctx, f.off, v.ID))
	f.must(f.s.ConfirmBankPayment(f.ctx, f.off, v.ID, "ABCD1234EFGH5678", "NTB0000000011", time.Time{}))
	if got := f.visit(v.ID); got.Step(StepPayment).State != StateDone || !got.Paid() {
		t.Fatalf("after paying the new code: step 11 %s, paid %v", got.Step(StepPayment).State, got.Paid())
	}
}
