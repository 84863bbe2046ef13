package store

import (
	"context"
	"database/sql"

	"loket/tariff"
)

// A receipt correction (step 14, FaultReceipt) changes what the kuitansi
// prints that is not money: the name of the wajib bayar. The money itself
// (the payment's amount, the kuitansi's amount) is what the bendahara
// received and stays; a fault in it is not a correction of the kuitansi.

// correctReceipt applies a receipt correction to the payment before the
// kuitansi kw is reissued: a different amount is refused, a new payer's
// name is put on the payment (audited as a personal change, never its
// value), so the new kuitansi prints it. The voided kuitansi keeps its own
// invoices.payer, and a kode billing keeps the name it was issued under.
func (s *Store) correctReceipt(ctx context.Context, tx *sql.Tx, actor string, v *Visit, kw *Invoice, payer string, amount int64) error {
	if amount != 0 && amount != kw.Amount {
		return refuse(ErrAmount, "Jumlah pada kuitansi %s tidak dapat diubah menjadi %s: uang yang diterima %s tercatat dan tetap; perbaikan kuitansi hanya mengubah isian selain jumlah",
			kw.Number, tariff.Rupiah(amount), tariff.Rupiah(kw.Amount))
	}
	if payer == "" || payer == v.Payment.Payer {
		return nil
	}
	if _, err := s.cached(tx).ExecContext(ctx, `UPDATE payments SET payer = ? WHERE id = ?`, payer, v.Payment.ID); err != nil {
		return err
	}
	v.Payment.Payer = payer
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
	return refuse(ErrPaid, "Kunjungan %s sudah dibayar (%s %s); pembayaran tidak dapat diubah. Nama wajib bayar pada kuitansi diperbaiki di langkah 14 (kuitansi perlu perbaikan)",
		v.Queue(), v.Payment.Method.Label(), tariff.Rupiah(v.Payment.Amount))
}
