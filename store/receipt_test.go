package store

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// A receipt correction at step 14 reissues the kuitansi with what it prints
// corrected (the payer's name), voids the old number with the reason and
// keeps the name the old one printed; the amount never changes.
func TestReceiptCorrection(t *testing.T) {
	cases := []struct {
		name       string
		bank       bool
		in         CheckInput
		wantErr    error  // refusal; nothing changes
		wantPayer  string // on the payment and the new kuitansi
		wantAudit  bool   // a personal "payer" change row
		errContain string
	}{
		{name: "payer changed, cash", in: CheckInput{Fault: FaultReceipt, Text: "Nama wajib bayar harus CV Maju Bersama", Payer: "CV Maju Bersama"},
			wantPayer: "CV Maju Bersama", wantAudit: true},
		{name: "payer changed, bank", bank: true, in: CheckInput{Fault: FaultReceipt, Text: "Atas nama kantor", Payer: "CV Maju Bersama"},
			wantPayer: "CV Maju Bersama", wantAudit: true},
		{name: "same amount is no change", in: CheckInput{Fault: FaultReceipt, Text: "Nama kantor", Payer: "CV Maju Bersama", Amount: 80_000},
			wantPayer: "CV Maju Bersama", wantAudit: true},
		{name: "payer kept when empty", in: CheckInput{Fault: FaultReceipt, Text: "Cetakan rusak"}, wantPayer: "Siti Aminah"},
		{name: "amount change refused", in: CheckInput{Fault: FaultReceipt, Text: "Jumlah harus Rp50.000", Payer: "CV Maju Bersama", Amount: 50_000},
			wantErr: ErrAmount, errContain: "tidak dapat diubah menjadi Rp50.000"},
		{name: "bad payer refused", in: CheckInput{Fault: FaultReceipt, Text: "Nama", Payer: "=1+2"},
			errContain: "Nama wajib bayar"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			v := f.walk(paidPub, StepPrepare)
			if tc.bank {
				f.must(f.s.IssueBillingCode(f.ctx, f.off, v.ID, "Siti Aminah", "820261126000001"))
				f.clock.Add(time.Hour)
				f.must(f.s.ConfirmBankPayment(f.ctx, f.off, v.ID, "0A1B2C3D4E5F6G7H", "1234567", time.Time{}))
			} else {
				f.must(f.s.PayCash(f.ctx, f.off, v.ID, "Siti Aminah", v.Total))
			}
			f.must(f.s.HandOverProducts(f.ctx, f.off, v.ID, []string{v.Items[0].ID}))
			before := f.visit(v.ID)
			old := *before.ActiveInvoice(KindReceipt)
			auditBefore, err := f.s.Audit(f.ctx, v.ID)
			f.must(err)

			err = f.s.RecordCheck(f.ctx, f.off, v.ID, tc.in)
			after := f.visit(v.ID)
			if tc.errContain != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errContain) || (tc.wantErr != nil && !errors.Is(err, tc.wantErr)) {
					t.Fatalf("err = %v, want %v containing %q", err, tc.wantErr, tc.errContain)
				}
				kw := after.ActiveInvoice(KindReceipt)
				if kw == nil || kw.Number != old.Number || kw.Void() || after.Payment.Payer != "Siti Aminah" || after.Corrections != 0 || kw.Amount != old.Amount {
					t.Fatalf("a refused correction changed something: kuitansi %+v payer %q corrections %d", kw, after.Payment.Payer, after.Corrections)
				}
				return
			}
			f.must(err)
			nw := after.ActiveInvoice(KindReceipt)
			if nw == nil || nw.Number == old.Number || nw.Amount != old.Amount || after.Payment.Amount != before.Payment.Amount {
				t.Fatalf("kuitansi not reissued for the same amount: old %+v new %+v", old, nw)
			}
			if nw.Payer != tc.wantPayer || after.Payment.Payer != tc.wantPayer {
				t.Errorf("new kuitansi prints %q, payment %q; want %q", nw.Payer, after.Payment.Payer, tc.wantPayer)
			}
			var voided *Invoice
			for i := range after.Invoices {
				if after.Invoices[i].Number == old.Number {
					voided = &after.Invoices[i]
				}
			}
			if voided == nil || !voided.Void() || !strings.Contains(voided.VoidReason, tc.in.Text) || voided.ReplacedBy != nw.ID {
				t.Fatalf("old kuitansi not void with the reason: %+v", voided)
			}
			if voided.Payer != "Siti Aminah" {
				t.Errorf("voided kuitansi prints %q, want the name it printed: Siti Aminah", voided.Payer)
			}
			if tc.bank {
				if b := after.Billing[len(after.Billing)-1]; b.Payer != "Siti Aminah" {
					t.Errorf("kode billing's payer = %q, want the name SIMPONI issued it under", b.Payer)
				}
			}
			if after.Corrections != 1 || after.Step(StepCheck).State != StatePending {
				t.Errorf("corrections %d, step 14 %s", after.Corrections, after.Step(StepCheck).State)
			}
			aud, err := f.s.Audit(f.ctx, v.ID)
			f.must(err)
			var payerRow, voidRow bool
			for _, e := range aud[len(auditBefore):] {
				if strings.Contains(e.Old+e.New, tc.in.Text) || (tc.in.Payer != "" && strings.Contains(e.Old+e.New, tc.in.Payer)) {
					t.Errorf("audit row copies free text or the name: %+v", e)
				}
				payerRow = payerRow || (e.Field == "payer" && e.Personal)
				voidRow = voidRow || (e.Action == "batal_kuitansi" && e.Field == "void_reason" && e.New == old.Number)
			}
			if payerRow != tc.wantAudit || !voidRow {
				t.Errorf("audit: payer change %v (want %v), void named %v", payerRow, tc.wantAudit, voidRow)
			}
			// The period's Register Kuitansi lists each number with the
			// name it printed.
			printed := map[string]string{}
			day := Day(f.clock.Now())
			f.must(f.s.Report(f.ctx, day, day, func(r *Report) error {
				return r.Receipts(func(x ReceiptRow) error { printed[x.Number] = x.Payer; return nil })
			}))
			if printed[old.Number] != "Siti Aminah" || printed[nw.Number] != tc.wantPayer {
				t.Errorf("register: %v; want %s Siti Aminah, %s %s", printed, old.Number, nw.Number, tc.wantPayer)
			}
			r, err := Check(f.ctx, f.s.Path())
			f.must(err)
			if !r.OK() {
				t.Fatalf("check after the correction:\n%s", problemsText(r))
			}
		})
	}
}

// The store's predicates give the refusals the screens show before asking
// anything: a paid visit cannot be cancelled, a closed one neither.
func TestCancelRefusal(t *testing.T) {
	f := newFixture(t)
	open := f.walk(paidPub, StepPrepare)
	if err := open.CancelRefusal(); err != nil {
		t.Fatalf("unpaid visit: %v", err)
	}
	paid := f.walk(paidPub, StepPayment)
	err := paid.CancelRefusal()
	if !errors.Is(err, ErrPaid) || !strings.Contains(err.Error(), "sudah dibayar dan tidak dapat dibatalkan; uang tetap tercatat") {
		t.Fatalf("paid visit: %v", err)
	}
	if cerr := f.s.Cancel(f.ctx, f.off, paid.ID, "pergi"); cerr == nil || cerr.Error() != err.Error() {
		t.Fatalf("Cancel says %v, the predicate %v", cerr, err)
	}
	perr := paid.PayRefusal()
	if !errors.Is(perr, ErrPaid) || !strings.Contains(perr.Error(), "langkah 14") {
		t.Fatalf("paid visit's payment: %v", perr)
	}
	if cerr := f.s.PayCash(f.ctx, f.off, paid.ID, "Siti Aminah", paid.Total); cerr == nil || cerr.Error() != perr.Error() {
		t.Fatalf("PayCash says %v, the predicate %v", cerr, perr)
	}
	if open.PayRefusal() != nil {
		t.Fatal("unpaid visit refused payment")
	}
	done := f.walk(paidPub, StepFinish)
	if err := done.CancelRefusal(); !errors.Is(err, ErrClosed) {
		t.Fatalf("finished visit: %v", err)
	}
	if err := done.StepRefusal(StepPayment); !errors.Is(err, ErrClosed) {
		t.Fatalf("step on a finished visit: %v", err)
	}
}

// A bank payment's NTPN and NTB, printed on the kuitansi, are corrected at
// step 14 like the payer: the payment takes the new values, the kuitansi is
// reissued (old number void with the reason), a koreksi_bayar row records
// them and check takes it as the payment's truth. A malformed or another
// payment's NTPN is refused with nothing saved.
func TestReceiptCorrectionBankIdentifiers(t *testing.T) {
	f := newFixture(t)
	pay := func(code, ntpn string) *Visit {
		v := f.walk(paidPub, StepPrepare)
		f.must(f.s.IssueBillingCode(f.ctx, f.off, v.ID, "Siti Aminah", code))
		f.clock.Add(time.Hour)
		f.must(f.s.ConfirmBankPayment(f.ctx, f.off, v.ID, ntpn, "1234567", time.Time{}))
		f.must(f.s.HandOverProducts(f.ctx, f.off, v.ID, []string{v.Items[0].ID}))
		return f.visit(v.ID)
	}
	other := pay("820261126000002", "ZZZZ1111ZZZZ1111")
	v := pay("820261126000001", "0A1B2C3D4E5F6G7H")
	old := *v.ActiveInvoice(KindReceipt)

	refused := []struct {
		name string
		in   CheckInput
		want string
	}{
		{"malformed NTPN", CheckInput{Fault: FaultReceipt, Text: "NTPN salah ketik", NTPN: "0A1B2C3D", NTB: "7654321"}, "NTPN"},
		{"malformed NTB", CheckInput{Fault: FaultReceipt, Text: "NTB salah ketik", NTPN: "0A1B2C3D4E5F6G7J", NTB: "12-34"}, "NTB"},
		{"another payment's NTPN", CheckInput{Fault: FaultReceipt, Text: "NTPN salah ketik", NTPN: other.Payment.NTPN}, "sudah tercatat pada pembayaran lain"},
	}
	for _, tc := range refused {
		err := f.s.RecordCheck(f.ctx, f.off, v.ID, tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Fatalf("%s: err = %v, want one naming %q", tc.name, err, tc.want)
		}
		after := f.visit(v.ID)
		if kw := after.ActiveInvoice(KindReceipt); kw == nil || kw.Number != old.Number || after.Payment.NTPN != "0A1B2C3D4E5F6G7H" ||
			after.Payment.NTB != "1234567" || after.Corrections != 0 {
			t.Fatalf("%s: a refused correction changed something: kuitansi %+v payment %+v", tc.name, kw, after.Payment)
		}
	}

	f.must(f.s.RecordCheck(f.ctx, f.off, v.ID, CheckInput{Fault: FaultReceipt, Text: "NTPN dan NTB salah ketik",
		NTPN: "0a1b 2c3d 4e5f 6g7j", NTB: "7654321"}))
	after := f.visit(v.ID)
	if p := after.Payment; p.NTPN != "0A1B2C3D4E5F6G7J" || p.NTB != "7654321" || p.Amount != v.Payment.Amount || !p.PaidAt.Equal(v.Payment.PaidAt) {
		t.Fatalf("payment after the correction: %+v", p)
	}
	nw := after.ActiveInvoice(KindReceipt)
	if nw == nil || nw.Number == old.Number || nw.Amount != old.Amount {
		t.Fatalf("kuitansi not reissued: old %s new %+v", old.Number, nw)
	}
	for _, in := range after.Invoices {
		if in.Number == old.Number && (!in.Void() || !strings.Contains(in.VoidReason, "NTPN dan NTB salah ketik") || in.ReplacedBy != nw.ID) {
			t.Fatalf("old kuitansi not void with the reason: %+v", in)
		}
	}
	aud, err := f.s.Audit(f.ctx, v.ID)
	f.must(err)
	var row bool
	for _, e := range aud {
		row = row || (e.Action == "koreksi_bayar" && strings.Contains(e.New, "NTPN 0A1B2C3D4E5F6G7J NTB 7654321"))
	}
	if !row {
		t.Error("no koreksi_bayar audit row with the new NTPN and NTB")
	}
	r, err := Check(f.ctx, f.s.Path())
	f.must(err)
	if !r.OK() {
		t.Fatalf("check after the correction:\n%s", problemsText(r))
	}
	// A cash payment has no NTPN to correct.
	cash := f.walk(paidPub, StepPayment)
	f.must(f.s.HandOverProducts(f.ctx, f.off, cash.ID, []string{cash.Items[0].ID}))
	if err := f.s.RecordCheck(f.ctx, f.off, cash.ID, CheckInput{Fault: FaultReceipt, Text: "NTPN", NTPN: "0A1B2C3D4E5F6G7K"}); err == nil || !strings.Contains(err.Error(), "NTPN") {
		t.Fatalf("cash payment's NTPN: %v", err)
	}
}
