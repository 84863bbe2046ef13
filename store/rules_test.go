package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"loket/store/valid"
)

// Each rule of the walk has a table: the refused call, then the allowed one.
// A row's refuse returns the error the store gave; allow must succeed.

func TestRuleOrder(t *testing.T) {
	cases := []struct {
		name   string
		kind   int
		upTo   int
		refuse func(f *fixture, v *Visit) error
		want   error
		allow  func(f *fixture, v *Visit) error
	}{
		{"request before guest book", paidPub, StepPurpose,
			func(f *fixture, v *Visit) error {
				return f.s.RecordRequest(f.ctx, f.off, v.ID, RequestInput{Items: []ItemInput{{Code: "PUB-EL", Title: "X", Pages: 10}}})
			}, ErrOrder,
			func(f *fixture, v *Visit) error { return f.s.RecordGuest(f.ctx, f.off, v.ID, student) }},
		{"guest book before purpose", paidPub, StepArrival,
			func(f *fixture, v *Visit) error { return f.s.RecordGuest(f.ctx, f.off, v.ID, student) }, ErrOrder,
			func(f *fixture, v *Visit) error {
				return f.s.RecordPurpose(f.ctx, f.off, v.ID, "Beli publikasi", "Tugas sekolah/kuliah")
			}},
		{"prepare before invoice", paidPub, StepAgreement,
			func(f *fixture, v *Visit) error {
				return f.s.RecordPrepared(f.ctx, f.off, v.ID, map[string]Medium{v.Items[0].ID: "Email"})
			}, ErrOrder,
			func(f *fixture, v *Visit) error { return f.s.IssueInvoice(f.ctx, f.off, v.ID, InvoiceInput{}) }},
		{"rating before check", paidPub, StepHandover,
			func(f *fixture, v *Visit) error {
				return f.s.RecordRating(f.ctx, f.off, v.ID, RatingInput{Scores: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}})
			}, ErrOrder,
			func(f *fixture, v *Visit) error { return f.s.RecordCheck(f.ctx, f.off, v.ID, CheckInput{OK: true}) }},
		{"finish before rating", paidPub, StepCheck,
			func(f *fixture, v *Visit) error { return f.s.Finish(f.ctx, f.off, v.ID) }, ErrOrder,
			func(f *fixture, v *Visit) error {
				return f.s.RecordRating(f.ctx, f.off, v.ID, RatingInput{Declined: true})
			}},
		{"SPPD before the invoice is refused; after it, before payment, allowed", microdata, StepDocCheck,
			func(f *fixture, v *Visit) error { return f.s.RecordSPPD(f.ctx, f.off, v.ID) }, ErrOrder,
			func(f *fixture, v *Visit) error {
				if err := f.s.IssueInvoice(f.ctx, f.off, v.ID, InvoiceInput{SPPDGiven: true}); err != nil {
					return err
				}
				return f.s.RecordSPPD(f.ctx, f.off, v.ID) // 12 before 11 and 10
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			v := f.walk(c.kind, c.upTo)
			err := c.refuse(f, v)
			if !errors.Is(err, c.want) {
				t.Fatalf("refuse: got %v, want %v", err, c.want)
			}
			if err := c.allow(f, f.visit(v.ID)); err != nil {
				t.Fatalf("allow: %v", err)
			}
		})
	}
}

func TestRuleNotApplicable(t *testing.T) {
	f := newFixture(t)
	zero := f.walk(zeroPub, StepRequest)
	for n, want := range map[int]string{StepInvoice: "total Rp0", StepPayment: "tarif nol rupiah", StepSPPD: "tanpa data mikro"} {
		st := zero.Step(n)
		if st.State != StateNA || !strings.Contains(st.Reason, want) {
			t.Errorf("zero visit step %d = %s %q, want na with %q", n, st.State, st.Reason, want)
		}
	}
	if zero.Step(StepDocCheck).State == StateNA {
		t.Errorf("step 8 must apply to Rp0 (request letter)")
	}
	// Refused: paying a Rp0 visit.
	zero = f.walk(zeroPub, StepInvoice)
	if err := f.s.PayCash(f.ctx, f.off, zero.ID, "Budi Santoso", 0); !errors.Is(err, ErrNotApplicable) {
		t.Fatalf("pay Rp0: got %v, want ErrNotApplicable", err)
	}
	// Allowed: the paid publication pays; 8 and 12 do not apply to it.
	paid := f.walk(paidPub, StepInvoice)
	if paid.Step(StepDocCheck).State != StateNA || paid.Step(StepSPPD).State != StateNA {
		t.Errorf("paid e-publication: steps 8 and 12 should not apply: %+v %+v", paid.Step(8), paid.Step(12))
	}
	if err := f.s.PayCash(f.ctx, f.off, paid.ID, "Siti Aminah", 80_000); err != nil {
		t.Fatal(err)
	}
	// The Rp0 visit finishes through its applicable steps only.
	done := f.walk(zeroPub, StepFinish)
	if done.Status != VisitDone || done.Total != 0 || done.Payment != nil {
		t.Errorf("zero visit finished as %s total %d payment %v", done.Status, done.Total, done.Payment)
	}
}

func TestRuleNoHandoverBeforePaymentOrSPPD(t *testing.T) {
	f := newFixture(t)
	v := f.walk(microdata, StepPrepare)
	ids := []string{v.Items[0].ID}
	if err := f.s.HandOverProducts(f.ctx, f.off, v.ID, ids); !errors.Is(err, ErrNotPaid) {
		t.Fatalf("handover before payment: got %v, want ErrNotPaid", err)
	}
	f.must(f.s.PayCash(f.ctx, f.off, v.ID, "Siti Aminah", 100_000))
	if err := f.s.HandOverProducts(f.ctx, f.off, v.ID, ids); !errors.Is(err, ErrNoSPPD) {
		t.Fatalf("handover before SPPD: got %v, want ErrNoSPPD", err)
	}
	f.must(f.s.RecordSPPD(f.ctx, f.off, v.ID))
	f.must(f.s.HandOverProducts(f.ctx, f.off, v.ID, ids))
	if st := f.visit(v.ID).Step(StepHandover); st.State != StateDone {
		t.Fatalf("handover state %s", st.State)
	}
}

func TestRuleCorrectionLoop(t *testing.T) {
	t.Run("product fault reopens 10, 13, 14", func(t *testing.T) {
		f := newFixture(t)
		v := f.walk(paidPub, StepHandover)
		if err := f.s.RecordCheck(f.ctx, f.off, v.ID, CheckInput{Fault: FaultProduct}); err == nil {
			t.Fatal("a correction without text was accepted")
		}
		f.must(f.s.RecordCheck(f.ctx, f.off, v.ID, CheckInput{Fault: FaultProduct, Text: "Berkas PDF rusak"}))
		v = f.visit(v.ID)
		for _, n := range []int{StepPrepare, StepHandover, StepCheck} {
			if v.Step(n).State != StatePending {
				t.Errorf("step %d = %s, want pending", n, v.Step(n).State)
			}
		}
		if v.Corrections != 1 {
			t.Errorf("corrections = %d", v.Corrections)
		}
		if err := f.s.RecordRating(f.ctx, f.off, v.ID, RatingInput{Declined: true}); !errors.Is(err, ErrOrder) {
			t.Fatalf("rating during correction: %v", err)
		}
		f.must(f.s.RecordPrepared(f.ctx, f.off, v.ID, map[string]Medium{v.Items[0].ID: "Flashdisk"}))
		f.must(f.s.HandOverProducts(f.ctx, f.off, v.ID, []string{v.Items[0].ID}))
		f.must(f.s.RecordCheck(f.ctx, f.off, v.ID, CheckInput{OK: true}))
		if f.visit(v.ID).Step(StepCheck).State != StateDone {
			t.Fatal("check not done after the loop")
		}
	})
	t.Run("receipt fault reissues the kuitansi", func(t *testing.T) {
		f := newFixture(t)
		v := f.walk(paidPub, StepHandover)
		old := v.ActiveInvoice("kuitansi")
		f.must(f.s.RecordCheck(f.ctx, f.off, v.ID, CheckInput{Fault: FaultReceipt, Text: "Nama salah eja"}))
		v = f.visit(v.ID)
		nw := v.ActiveInvoice("kuitansi")
		if nw == nil || nw.Number == old.Number || nw.Amount != old.Amount {
			t.Fatalf("kuitansi not reissued: old %+v new %+v", old, nw)
		}
		var voided bool
		for _, in := range v.Invoices {
			if in.Number == old.Number {
				voided = in.Void() && strings.Contains(in.VoidReason, "Nama salah eja") && in.ReplacedBy == nw.ID
			}
		}
		if !voided || v.Corrections != 1 || v.Step(StepCheck).State != StatePending {
			t.Fatalf("voided=%v corrections=%d step14=%s", voided, v.Corrections, v.Step(StepCheck).State)
		}
		f.must(f.s.RecordCheck(f.ctx, f.off, v.ID, CheckInput{OK: true}))
	})
}

func TestRuleNoCancelOrAmountChangeAfterPayment(t *testing.T) {
	f := newFixture(t)
	paid := f.walk(paidPub, StepPayment)
	if err := f.s.Cancel(f.ctx, f.off, paid.ID, "berubah pikiran"); !errors.Is(err, ErrPaid) {
		t.Fatalf("cancel after payment: %v", err)
	}
	req := RequestInput{Items: []ItemInput{{Code: "PUB-EL", Title: "Lain", Pages: 10}}}
	if err := f.s.RecordRequest(f.ctx, f.off, paid.ID, req); !errors.Is(err, ErrPaid) {
		t.Fatalf("change request after payment: %v", err)
	}
	if err := f.s.RecordAvailability(f.ctx, f.off, paid.ID, map[string]bool{paid.Items[0].ID: false}); !errors.Is(err, ErrPaid) {
		t.Fatalf("change availability after payment: %v", err)
	}
	if v := f.visit(paid.ID); v.Status != VisitOpen || v.Total != 80_000 || v.Payment.Amount != 80_000 {
		t.Fatalf("paid visit changed: %s %d", v.Status, v.Total)
	}
	// Allowed before payment: the request changes, the invoice is voided and
	// the steps after it reopen.
	open := f.walk(paidPub, StepInvoice)
	inv := open.ActiveInvoice("invoice").Number
	f.must(f.s.RecordRequest(f.ctx, f.off, open.ID, req))
	v := f.visit(open.ID)
	if v.Total != 50_000 || v.ActiveInvoice("invoice") != nil || v.Step(StepInvoice).State != StatePending || v.Step(StepTerms).State != StatePending {
		t.Fatalf("after change: total %d invoice %v step9 %s step6 %s", v.Total, v.ActiveInvoice("invoice"), v.Step(9).State, v.Step(6).State)
	}
	var voided bool
	for _, in := range v.Invoices {
		voided = voided || (in.Number == inv && in.Void())
	}
	if !voided {
		t.Fatal("old invoice not voided")
	}
	f.must(f.s.Cancel(f.ctx, f.off, open.ID, "pengunjung membatalkan"))
}

func TestRuleBillingCodeExpiry(t *testing.T) {
	f := newFixture(t)
	v := f.walk(microdata, StepPrepare)
	f.must(f.s.IssueBillingCode(f.ctx, f.off, v.ID, "Universitas Bangka Belitung", "820261126000001"))
	if st := f.visit(v.ID).Step(StepPayment); st.State != StateWaiting {
		t.Fatalf("step 11 = %s, want waiting", st.State)
	}
	f.must(f.s.Suspend(f.ctx, f.off, v.ID, "ke bank"))
	f.clock.Add(8 * 24 * time.Hour)
	f.must(f.s.Resume(f.ctx, f.off, v.ID))
	err := f.s.ConfirmBankPayment(f.ctx, f.off, v.ID, "1234567890ABCDEF", "BRI0001", time.Time{})
	if !errors.Is(err, ErrBillingExpired) {
		t.Fatalf("expired code: %v", err)
	}
	f.must(f.s.IssueBillingCode(f.ctx, f.off, v.ID, "Universitas Bangka Belitung", "820261204000002"))
	f.must(f.s.ConfirmBankPayment(f.ctx, f.off, v.ID, "1234567890abcdef", "BRI0002", time.Time{}))
	got := f.visit(v.ID)
	if got.Billing[0].Status != "kedaluwarsa" || got.Billing[1].Status != "dibayar" {
		t.Fatalf("billing statuses %s %s", got.Billing[0].Status, got.Billing[1].Status)
	}
	if p := got.Payment; p == nil || p.Method != "Bank" || p.NTPN != "1234567890ABCDEF" || p.Billing != "820261204000002" || p.Amount != 100_000 {
		t.Fatalf("payment %+v", p)
	}
	if got.ActiveInvoice("kuitansi") == nil || got.Step(StepPayment).State != StateDone {
		t.Fatal("no kuitansi or step not done")
	}
}

func TestRuleCancelWithReason(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepRequest)
	var ve *valid.Error
	if err := f.s.Cancel(f.ctx, f.off, v.ID, "  "); !errors.As(err, &ve) || ve.Field != "Alasan pembatalan" {
		t.Fatalf("cancel without reason: %v", err)
	}
	f.must(f.s.Cancel(f.ctx, f.off, v.ID, "Pengunjung tidak jadi membeli"))
	got := f.visit(v.ID)
	if got.Status != VisitCanceled || got.StatusReason != "Pengunjung tidak jadi membeli" || got.FinishedAt.IsZero() {
		t.Fatalf("after cancel: %s %q", got.Status, got.StatusReason)
	}
	if err := f.s.ConfirmTerms(f.ctx, f.off, v.ID); !errors.Is(err, ErrClosed) {
		t.Fatalf("step on cancelled visit: %v", err)
	}
}

func TestRuleSuspendResume(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepGuestBook)
	f.must(f.s.Suspend(f.ctx, f.off, v.ID, "melayani tamu lain"))
	f.clock.Add(2 * time.Hour)
	req := RequestInput{Items: []ItemInput{{Code: "PUB-EL", Title: "X", Pages: 10}}}
	if err := f.s.RecordRequest(f.ctx, f.off, v.ID, req); !errors.Is(err, ErrSuspended) {
		t.Fatalf("step while suspended: %v", err)
	}
	f.must(f.s.Resume(f.ctx, f.off, v.ID))
	f.must(f.s.RecordRequest(f.ctx, f.off, v.ID, req))
	got := f.visit(v.ID)
	// Arrival, then 2 steps of 10 s, 2 h suspended, then the request: the
	// service time leaves the 2 hours out.
	if st := got.ServiceTime(f.clock.Now()); st != 20*time.Second {
		t.Fatalf("service time %v, want 20s", st)
	}
	if got.Queue() != "A-001" {
		t.Fatalf("queue %s", got.Queue())
	}
}

func TestRuleGoBackToEditIsAudited(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepAvailable)
	changed := student
	changed.Phone = "+62 813 0000 1111"
	f.must(f.s.RecordGuest(f.ctx, f.off, v.ID, changed))
	got := f.visit(v.ID)
	if got.Guest.Phone != "+6281300001111" || got.Step(StepAvailable).State != StateDone {
		t.Fatalf("edit: phone %q step5 %s", got.Guest.Phone, got.Step(StepAvailable).State)
	}
	audit, err := f.s.Audit(f.ctx, v.ID)
	f.must(err)
	var sawPhone, sawEdit bool
	for _, a := range audit {
		if a.Field == "phone" {
			sawPhone = a.Personal && a.Old == "" && a.New == ""
		}
		sawEdit = sawEdit || a.Action == "koreksi"
		if strings.Contains(a.Old+a.New, "0812") || strings.Contains(a.Old+a.New, "Siti") {
			t.Errorf("personal value in audit: %+v", a)
		}
	}
	if !sawPhone || !sawEdit {
		t.Fatalf("audit lacks the edit: phone=%v edit=%v", sawPhone, sawEdit)
	}
	// Editing the guest book on a closed visit is refused.
	f.must(f.s.Cancel(f.ctx, f.off, v.ID, "tidak jadi"))
	if err := f.s.RecordGuest(f.ctx, f.off, v.ID, student); !errors.Is(err, ErrClosed) {
		t.Fatalf("edit closed visit: %v", err)
	}
}

func TestRuleOutcomes(t *testing.T) {
	t.Run("nothing available ends Batal", func(t *testing.T) {
		f := newFixture(t)
		v := f.walk(paidPub, StepRequest)
		if err := f.s.RecordAvailability(f.ctx, f.off, v.ID, map[string]bool{}); err == nil {
			t.Fatal("availability without an answer per line accepted")
		}
		f.must(f.s.RecordAvailability(f.ctx, f.off, v.ID, map[string]bool{v.Items[0].ID: false}))
		if got := f.visit(v.ID); got.Status != VisitCanceled || got.StatusReason != "produk tidak tersedia" {
			t.Fatalf("%s %q", got.Status, got.StatusReason)
		}
	})
	t.Run("terms refused ends Batal", func(t *testing.T) {
		f := newFixture(t)
		v := f.walk(paidPub, StepTerms)
		f.must(f.s.RecordAgreement(f.ctx, f.off, v.ID, AgreementInput{Agreed: false, Reason: "tarif terlalu mahal"}))
		if got := f.visit(v.ID); got.Status != VisitCanceled || !strings.Contains(got.StatusReason, "tarif terlalu mahal") {
			t.Fatalf("%s %q", got.Status, got.StatusReason)
		}
	})
	t.Run("abstraksi missing refused, mismatch referred", func(t *testing.T) {
		f := newFixture(t)
		v := f.walk(microdata, StepTerms)
		if err := f.s.RecordAgreement(f.ctx, f.off, v.ID, AgreementInput{Agreed: true}); !errors.Is(err, ErrDocuments) {
			t.Fatalf("agreement without abstraksi: %v", err)
		}
		f.must(f.s.RecordAgreement(f.ctx, f.off, v.ID, AgreementInput{Agreed: true, Abstraksi: true, Variables: "umur"}))
		f.must(f.s.RecordDocumentCheck(f.ctx, f.off, v.ID, false, "Variabel r101 tidak ada di abstraksi"))
		if got := f.visit(v.ID); got.Status != VisitReferred {
			t.Fatalf("status %s", got.Status)
		}
	})
	t.Run("cash must equal the invoice", func(t *testing.T) {
		f := newFixture(t)
		v := f.walk(paidPub, StepInvoice)
		if err := f.s.PayCash(f.ctx, f.off, v.ID, "Siti Aminah", 50_000); !errors.Is(err, ErrAmount) {
			t.Fatalf("partial payment: %v", err)
		}
		f.must(f.s.PayCash(f.ctx, f.off, v.ID, "Siti Aminah", 80_000))
	})
}
