package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"loket/store/valid"
	"loket/tariff"
)

// BillingValidity is how long a kode billing (SIMPONI) stays valid.
const BillingValidity = 7 * 24 * time.Hour

// newInvoice issues the next number of a monthly series:
// INV/1906/A/2026/11/0001 or KW/1906/A/2026/11/0001.
func (s *Store) newInvoice(ctx context.Context, tx *sql.Tx, actor string, v *Visit, kind InvoiceKind, amount int64) (*Invoice, error) {
	now := s.at(tx)
	w := now.In(valid.WIB)
	var seq int
	if err := s.cached(tx).QueryRowContext(ctx, `SELECT coalesce(max(seq),0)+1 FROM invoices WHERE kind = ? AND office_code = ?
		AND counter_code = ? AND year = ? AND month = ?`, kind, v.OfficeCode, v.CounterCode, w.Year(), int(w.Month())).Scan(&seq); err != nil {
		return nil, err
	}
	prefix := kind.prefix()
	payer := ""
	if kind == KindReceipt && v.Payment != nil {
		payer = v.Payment.Payer // printed on it, kept when a later kuitansi corrects the name
	}
	in := &Invoice{ID: s.newID(), Kind: kind, Amount: amount, IssuedAt: now, Payer: payer,
		Number: fmt.Sprintf("%s/%s/%s/%04d/%02d/%04d", prefix, v.OfficeCode, v.CounterCode, w.Year(), int(w.Month()), seq)}
	if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO invoices (id, visit_id, kind, number, office_code, counter_code, year, month,
		seq, amount, issued_at, officer_id, payer) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`, in.ID, v.ID, kind, in.Number, v.OfficeCode,
		v.CounterCode, w.Year(), int(w.Month()), seq, amount, fmtTime(now), nullStr(actor), payer); err != nil {
		return nil, fmt.Errorf("store: issue %s: %w", kind, err)
	}
	v.Invoices = append(v.Invoices, *in)
	a := s.auditor(ctx, tx, actor, "visit", v.ID)
	a.eventNote("terbit_"+string(kind), in.Number+" "+tariff.Rupiah(amount))
	return in, a.err
}

// voidInvoice voids a number with a reason; with reissue set it issues the
// replacement and links the two.
func (s *Store) voidInvoice(ctx context.Context, tx *sql.Tx, actor string, v *Visit, old *Invoice, reason string, reissue string) error {
	var repl sql.NullString
	if reissue != "" {
		n, err := s.newInvoice(ctx, tx, actor, v, old.Kind, old.Amount)
		if err != nil {
			return err
		}
		repl = sql.NullString{String: n.ID, Valid: true}
	}
	if _, err := s.cached(tx).ExecContext(ctx, `UPDATE invoices SET void_at = ?, void_reason = ?, replaced_by = ? WHERE id = ?`,
		fmtTime(s.at(tx)), reason, repl, old.ID); err != nil {
		return err
	}
	for i := range v.Invoices {
		if v.Invoices[i].ID == old.ID {
			v.Invoices[i].VoidAt, v.Invoices[i].VoidReason, v.Invoices[i].ReplacedBy = s.at(tx), reason, repl.String
		}
	}
	a := s.auditor(ctx, tx, actor, "visit", v.ID)
	a.textEvent("batal_"+string(old.Kind), "void_reason", old.Number)
	return a.err
}

// ReissueDocument gives an invoice or kuitansi a new number, voiding the old
// one with a reason. A paid visit's invoice cannot be reissued (its kuitansi
// can).
func (s *Store) ReissueDocument(ctx context.Context, actor, visitID string, kind InvoiceKind, reason string) (*Invoice, error) {
	reason, err := valid.Text("Alasan terbit ulang", reason, 500, true)
	if err != nil {
		return nil, err
	}
	var out *Invoice
	err = s.write(ctx, func(tx *sql.Tx) error {
		v, err := loadVisit(ctx, tx, visitID)
		if err != nil {
			return err
		}
		old := v.ActiveInvoice(kind)
		if old == nil {
			return refuse(ErrNotFound, "Belum ada %s untuk kunjungan %s", string(kind), v.Queue())
		}
		if kind == KindInvoice && v.Paid() {
			return refuse(ErrPaid, "Invoice kunjungan yang sudah dibayar tidak diterbitkan ulang; terbitkan ulang kuitansinya")
		}
		if err := s.voidInvoice(ctx, tx, actor, v, old, reason, "reissue"); err != nil {
			return err
		}
		out = v.ActiveInvoice(kind)
		return nil
	})
	return out, err
}

// MarkPrinted counts a print of an invoice or kuitansi (reprints are free
// and keep the number) and audits it.
func (s *Store) MarkPrinted(ctx context.Context, actor, invoiceID string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var visitID, number string
		if err := s.cached(tx).QueryRowContext(ctx, `SELECT visit_id, number FROM invoices WHERE id = ?`, invoiceID).Scan(&visitID, &number); err != nil {
			if err == sql.ErrNoRows {
				return ErrNotFound
			}
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE invoices SET printed = printed + 1 WHERE id = ?`, invoiceID); err != nil {
			return err
		}
		a := s.auditor(ctx, tx, actor, "visit", visitID)
		a.eventNote("cetak", number)
		return a.err
	})
}

// PayCash records step 11 paid in cash at the counter: the amount must equal
// the invoice (no partial payments). A kuitansi is issued.
func (s *Store) PayCash(ctx context.Context, actor, visitID, payer string, amount int64) error {
	payer, err := valid.Name("Nama wajib bayar", payer)
	if err != nil {
		return err
	}
	return s.visitStep(ctx, actor, visitID, StepPayment, func(tx *sql.Tx, v *Visit) error {
		if err := v.PayRefusal(); err != nil {
			return err
		}
		if amount != v.Total {
			return refuse(ErrAmount, "Jumlah dibayar %s tidak sama dengan tagihan %s; pembayaran harus penuh", tariff.Rupiah(amount), tariff.Rupiah(v.Total))
		}
		if err := s.cancelBilling(ctx, tx, actor, v); err != nil {
			return err
		}
		return s.savePayment(ctx, tx, actor, v, MethodCash, payer, sql.NullString{}, "", "", s.at(tx))
	})
}

// cancelBilling voids every active kode billing of v (the request changed,
// the visitor paid in cash instead, or the visit closed without payment),
// each with an audit row naming the code and its amount.
func (s *Store) cancelBilling(ctx context.Context, tx *sql.Tx, actor string, v *Visit) error {
	for i := range v.Billing {
		b := &v.Billing[i]
		if b.Status != BillingActive {
			continue
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE billing_codes SET status = ? WHERE id = ?`, BillingCanceled, b.ID); err != nil {
			return err
		}
		b.Status = BillingCanceled
		a := s.auditor(ctx, tx, actor, "visit", v.ID)
		a.eventNote("batal_billing", b.Code+" "+tariff.Rupiah(b.Amount))
		if a.err != nil {
			return a.err
		}
	}
	return nil
}

func (s *Store) savePayment(ctx context.Context, tx *sql.Tx, actor string, v *Visit, method PaymentMethod, payer string,
	billing sql.NullString, ntpn, ntb string, paidAt time.Time) error {
	id := s.newID()
	if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO payments (id, visit_id, method, payer, amount, billing_id, ntpn, ntb, paid_at, day, officer_id)
		VALUES (?,?,?,?,?,?,?,?,?,?,?)`, id, v.ID, method, payer, v.Total, billing, ntpn, ntb, fmtTime(paidAt),
		Day(paidAt), nullStr(actor)); err != nil {
		return fmt.Errorf("store: save payment: %w", err)
	}
	v.Payment = &Payment{ID: id, Method: method, Payer: payer, Amount: v.Total, NTPN: ntpn, NTB: ntb, PaidAt: paidAt}
	if _, err := s.newInvoice(ctx, tx, actor, v, KindReceipt, v.Total); err != nil {
		return err
	}
	a := s.auditor(ctx, tx, actor, "visit", v.ID)
	// The payer is recorded with the payment, its first value (visit_seal.go):
	// step 11 is never saved again once paid; a receipt correction of the
	// payer is a row (receipt.go).
	a.eventNote("bayar", paymentNote(string(method), v.Total, ntpn, ntb, fmtTime(paidAt)))
	return a.err
}

// paymentNote is a payment's audit note: its method and amount and, for a
// bank payment, the NTPN, NTB and paid time typed from the bank's proof
// ("Bank Rp50.000 NTPN … NTB … dibayar 2026-11-25T03:04:05.000000Z"; a
// cash payment's time is its audit row's own). None of them is personal.
// check compares the payment with the note (checker.paymentTrail).
func paymentNote(method string, amount int64, ntpn, ntb, paidAt string) string {
	note := method + " " + tariff.Rupiah(amount)
	if method == string(MethodBank) {
		note += " NTPN " + ntpn + " NTB " + ntb + " dibayar " + paidAt
	}
	return note
}

// IssueBillingCode records the kode billing created for a bank payment;
// step 11 waits (menunggu pembayaran) until ConfirmBankPayment. A code
// already active for this visit is replaced (kept on record).
func (s *Store) IssueBillingCode(ctx context.Context, actor, visitID, payer, code string) error {
	_, err := s.issueBilling(ctx, actor, visitID, payer, code, false)
	return err
}

// IssueBillingAndSuspend is what the counter does when the visitor goes to
// the bank: it records the kode billing (as IssueBillingCode) and suspends
// the visit in the same transaction, so step 11 never waits on a visit
// that was not suspended. It returns the code as stored, whose ExpiresAt
// is the one to tell the visitor.
func (s *Store) IssueBillingAndSuspend(ctx context.Context, actor, visitID, payer, code string) (*BillingCode, error) {
	return s.issueBilling(ctx, actor, visitID, payer, code, true)
}

func (s *Store) issueBilling(ctx context.Context, actor, visitID, payer, code string, suspend bool) (*BillingCode, error) {
	payer, err := valid.Name("Nama wajib bayar", payer)
	if err != nil {
		return nil, err
	}
	code, err = valid.BillingCode(code)
	if err != nil {
		return nil, err
	}
	var out *BillingCode
	err = s.visitStep(ctx, actor, visitID, StepPayment, func(tx *sql.Tx, v *Visit) error {
		if err := v.PayRefusal(); err != nil {
			return err
		}
		var other int
		if err := s.cached(tx).QueryRowContext(ctx, `SELECT count(*) FROM billing_codes WHERE code = ? AND visit_id <> ?`, code, v.ID).Scan(&other); err != nil {
			return err
		}
		if other > 0 {
			return refuse(ErrConflict, "Kode billing %s sudah dipakai kunjungan lain", code)
		}
		now := s.at(tx)
		b := BillingCode{ID: s.newID(), Code: code, Payer: payer, Amount: v.Total, CreatedAt: parseTime(fmtTime(now)),
			ExpiresAt: parseTime(fmtTime(now.Add(BillingValidity))), Status: BillingActive}
		if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO billing_codes (id, visit_id, code, payer, amount, created_at, expires_at, officer_id)
			VALUES (?,?,?,?,?,?,?,?)`, b.ID, v.ID, code, payer, v.Total, fmtTime(b.CreatedAt), fmtTime(b.ExpiresAt), nullStr(actor)); err != nil {
			return err
		}
		if old := v.ActiveBilling(); old != nil {
			status := old.State(now)
			if status == BillingActive {
				status = BillingReplaced
			}
			if _, err := s.cached(tx).ExecContext(ctx, `UPDATE billing_codes SET status = ?, replaced_by = ? WHERE id = ?`, status, b.ID, old.ID); err != nil {
				return err
			}
			old.Status = status
			a := s.auditor(ctx, tx, actor, "visit", v.ID)
			a.eventNote("ganti_billing", old.Code+" ("+string(status)+") → "+code)
			if a.err != nil {
				return a.err
			}
		}
		v.Billing = append(v.Billing, b)
		out = &v.Billing[len(v.Billing)-1]
		a := s.auditor(ctx, tx, actor, "visit", v.ID)
		a.eventNote("kode_billing", code+" "+tariff.Rupiah(v.Total)) // its payer is the code's first value (visit_seal.go)
		if a.err != nil {
			return a.err
		}
		if err := s.setStep(ctx, tx, v, StepPayment, StateWaiting, "", actor); err != nil {
			return err
		}
		if suspend {
			if err := s.suspend(ctx, tx, actor, v, "ke bank: menunggu pembayaran"); err != nil {
				return err
			}
		}
		// Step 11 now waits for the payment. When it already waited (a
		// replaced code), visitStep must not take the unchanged state for
		// a step left to be marked done: that recorded an unpaid step 11
		// done beside an active code.
		return errStayPending
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ConfirmBankPayment completes a bank payment with its NTPN and NTB. The
// payment time must fall within the code's validity: an expired code is
// refused and must be replaced first.
func (s *Store) ConfirmBankPayment(ctx context.Context, actor, visitID, ntpn, ntb string, paidAt time.Time) error {
	ntpn, err := valid.NTPN(ntpn)
	if err != nil {
		return err
	}
	ntb, err = valid.NTB(ntb)
	if err != nil {
		return err
	}
	return s.visitStep(ctx, actor, visitID, StepPayment, func(tx *sql.Tx, v *Visit) error {
		if err := v.PayRefusal(); err != nil {
			return err
		}
		b := v.ActiveBilling()
		if b == nil {
			return refuse(ErrNoBilling, "Belum ada kode billing aktif untuk kunjungan %s", v.Queue())
		}
		now := s.at(tx)
		if paidAt.IsZero() {
			paidAt = now
		}
		if paidAt.After(now) {
			return &valid.Error{Field: "Waktu bayar", Msg: "tidak boleh di masa depan"}
		}
		if paidAt.Before(b.CreatedAt) {
			return &valid.Error{Field: "Waktu bayar", Msg: "tidak boleh sebelum kode billing dibuat"}
		}
		if paidAt.After(b.ExpiresAt) {
			return refuse(ErrBillingExpired, "Kode billing %s kedaluwarsa sejak %s WIB; buat kode billing baru", b.Code,
				b.ExpiresAt.In(valid.WIB).Format("02-01-2006 15:04"))
		}
		if err := s.ntpnFree(ctx, tx, ntpn, ""); err != nil {
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE billing_codes SET status = ? WHERE id = ?`, BillingPaid, b.ID); err != nil {
			return err
		}
		if err := s.savePayment(ctx, tx, actor, v, MethodBank, b.Payer, sql.NullString{String: b.ID, Valid: true}, ntpn, ntb, paidAt); err != nil {
			return err
		}
		return s.setStep(ctx, tx, v, StepPayment, StateDone, "", actor)
	})
}

// ntpnFree refuses an NTPN that a payment other than the one with ID self
// ("" for a new payment) already holds: one bank receipt, one payment.
func (s *Store) ntpnFree(ctx context.Context, tx *sql.Tx, ntpn, self string) error {
	var dup int
	if err := s.cached(tx).QueryRowContext(ctx, `SELECT count(*) FROM payments WHERE ntpn = ? AND id <> ?`, ntpn, self).Scan(&dup); err != nil {
		return err
	}
	if dup > 0 {
		return refuse(ErrConflict, "NTPN %s sudah tercatat pada pembayaran lain", ntpn)
	}
	return nil
}
