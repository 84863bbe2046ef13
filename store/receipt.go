package store

import (
	"context"
	"database/sql"

	"loket/store/valid"
	"loket/tariff"
)

// A receipt correction (step 14, FaultReceipt) changes what the kuitansi
// prints that is not money: the name of the wajib bayar and, for a bank
// payment, the NTPN and NTB typed from the bank's proof. The money itself
// (the payment's amount, the kuitansi's amount) is what the bendahara
// received and stays; a fault in it is not a correction of the kuitansi.

// receiptFix is what a receipt correction asks to print: "" (0 for the
// amount) keeps the payment's value.
type receiptFix struct {
	payer, ntpn, ntb string
	amount           int64
}

// correctReceipt applies a receipt correction to the payment before the
// kuitansi kw is reissued: a different amount is refused, a new payer's
// name is put on the payment (audited as a personal change, never its
// value), so the new kuitansi prints it. The voided kuitansi keeps its own
// invoices.payer, and a kode billing keeps the name it was issued under.
// A new NTPN or NTB (bank payments only; the NTPN unique across payments,
// as at step 11) is put on the payment with a koreksi_bayar audit row in
// paymentNote's form, the record loket check compares the payment with.
func (s *Store) correctReceipt(ctx context.Context, tx *sql.Tx, actor string, v *Visit, kw *Invoice, fix receiptFix) error {
	if fix.amount != 0 && fix.amount != kw.Amount {
		return refuse(ErrAmount, "Jumlah pada kuitansi %s tidak dapat diubah menjadi %s: uang yang diterima %s tercatat dan tetap; perbaikan kuitansi hanya mengubah isian selain jumlah",
			kw.Number, tariff.Rupiah(fix.amount), tariff.Rupiah(kw.Amount))
	}
	p := v.Payment
	if p.Method != MethodBank {
		if fix.ntpn != "" {
			return &valid.Error{Field: "NTPN", Msg: "hanya untuk pembayaran bank; pembayaran ini tunai"}
		}
		if fix.ntb != "" {
			return &valid.Error{Field: "NTB", Msg: "hanya untuk pembayaran bank; pembayaran ini tunai"}
		}
	}
	ntpn, ntb := p.NTPN, p.NTB
	if fix.ntpn != "" {
		ntpn = fix.ntpn
	}
	if fix.ntb != "" {
		ntb = fix.ntb
	}
	if ntpn != p.NTPN || ntb != p.NTB {
		if ntpn != p.NTPN {
			if err := s.ntpnFree(ctx, tx, ntpn, p.ID); err != nil {
				return err
			}
		}
		var paidAt string
		if err := s.cached(tx).QueryRowContext(ctx, `SELECT paid_at FROM payments WHERE id = ?`, p.ID).Scan(&paidAt); err != nil {
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE payments SET ntpn = ?, ntb = ? WHERE id = ?`, ntpn, ntb, p.ID); err != nil {
			return err
		}
		p.NTPN, p.NTB = ntpn, ntb
		a := s.auditor(ctx, tx, actor, "visit", v.ID)
		a.eventNote("koreksi_bayar", paymentNote(string(p.Method), p.Amount, ntpn, ntb, paidAt))
		if a.err != nil {
			return a.err
		}
	}
	if fix.payer == "" || fix.payer == p.Payer {
		return nil
	}
	if _, err := s.cached(tx).ExecContext(ctx, `UPDATE payments SET payer = ? WHERE id = ?`, fix.payer, p.ID); err != nil {
		return err
	}
	p.Payer = fix.payer
	a := s.auditor(ctx, tx, actor, "visit", v.ID)
	a.personalChange("payer")
	return a.err
}

// CancelRefusal is the store's reason a visit cannot be cancelled now
// (closed, or paid: the money stays on record), nil when Cancel may go
// ahead; screens ask it before asking for a reason.
func (v *Visit) CancelRefusal() error {
	if !v.Open() {
		return refuse(ErrClosed, "Kunjungan %s sudah ditutup (%s); tidak dapat dibatalkan", v.Queue(), v.Status)
	}
	if v.Paid() {
		return refuse(ErrPaid, "Kunjungan %s sudah dibayar dan tidak dapat dibatalkan; uang tetap tercatat", v.Queue())
	}
	return nil
}

// StepRefusal is the store's reason step n (1–16) cannot be recorded now
// (the visit closed or suspended, the step not applicable or out of
// order), nil when it can: the gate every step's recording passes.
func (v *Visit) StepRefusal(n int) error { return checkAct(v, n) }

// PayRefusal is the store's reason step 11 cannot be recorded again: the
// visit is paid, and the money received is not changed; what the kuitansi
// prints besides it is corrected at step 14. nil before payment.
func (v *Visit) PayRefusal() error {
	if !v.Paid() {
		return nil
	}
	what := "Nama wajib bayar"
	if v.Payment.Method == MethodBank {
		what = "Nama wajib bayar, NTPN dan NTB"
	}
	return refuse(ErrPaid, "Kunjungan %s sudah dibayar (%s %s); pembayaran tidak dapat diubah. %s pada kuitansi diperbaiki di langkah 14 (kuitansi perlu perbaikan)",
		v.Queue(), v.Payment.Method.Label(), tariff.Rupiah(v.Payment.Amount), what)
}
