package store

import (
	"context"
	"database/sql"
	"fmt"

	"loket/store/valid"
)

// This file is the procedure from the product to the end: preparing it
// (step 10), the signed SPPD (12), handing over (13), the visitor's check
// (14), the SKM rating (15) and finishing (16). Payment (11) is payment.go.

// RecordPrepared records step 10: each available line prepared, on a medium
// (Email, Flashdisk, CD/DVD, Cetak), keyed by item ID.
func (s *Store) RecordPrepared(ctx context.Context, actor, visitID string, media map[string]Medium) error {
	return s.visitStep(ctx, actor, visitID, StepPrepare, func(tx *sql.Tx, v *Visit) error {
		now := fmtTime(s.at(tx))
		for _, it := range v.Items {
			if !it.Counts() {
				continue
			}
			m, err := medium(fmt.Sprintf("Produk %d: media", it.Seq), media[it.ID])
			if err != nil {
				return err
			}
			if _, err := s.cached(tx).ExecContext(ctx, `UPDATE items SET media = ?, prepared_at = ?, prepared_by = ? WHERE id = ?`,
				m, now, nullStr(actor), it.ID); err != nil {
				return err
			}
		}
		return nil
	})
}

// RecordSPPD records step 12: the SPPD signed on meterai and received.
func (s *Store) RecordSPPD(ctx context.Context, actor, visitID string) error {
	return s.visitStep(ctx, actor, visitID, StepSPPD, func(tx *sql.Tx, v *Visit) error {
		_, err := s.cached(tx).ExecContext(ctx, `UPDATE documents SET received = 1, checked = 1, updated_at = ?
			WHERE visit_id = ? AND kind = 'sppd'`, fmtTime(s.at(tx)), v.ID)
		return err
	})
}

// HandOverProducts records step 13 for the given lines; the step is done
// when every available line has been handed over.
func (s *Store) HandOverProducts(ctx context.Context, actor, visitID string, itemIDs []string) error {
	return s.visitStep(ctx, actor, visitID, StepHandover, func(tx *sql.Tx, v *Visit) error {
		now := s.at(tx)
		want := map[string]bool{}
		for _, id := range itemIDs {
			want[id] = true
		}
		left := 0
		for i := range v.Items {
			it := &v.Items[i]
			if !it.Counts() {
				continue
			}
			if want[it.ID] && it.Handed.IsZero() {
				if _, err := s.cached(tx).ExecContext(ctx, `UPDATE items SET handed_at = ? WHERE id = ?`, fmtTime(now), it.ID); err != nil {
					return err
				}
				it.Handed = now
			}
			if it.Handed.IsZero() {
				left++
			}
		}
		if left > 0 {
			// Some lines handed, not all: the step stays pending, the lines are saved.
			return errStayPending
		}
		return nil
	})
}

// CheckInput is step 14: the visitor's check of the kuitansi and products.
type CheckInput struct {
	OK    bool
	Fault Fault  // FaultProduct or FaultReceipt when not OK
	Text  string // what is wrong
	// Payer is, for a receipt fault, the name of the wajib bayar the new
	// kuitansi prints; "" keeps the payment's. The payment takes the new
	// name, the voided kuitansi keeps the one it printed, and a bank
	// payment's kode billing keeps the name SIMPONI issued it under.
	Payer string
	// Amount is, for a receipt fault, the amount the visitor asks the
	// kuitansi to show; 0 keeps it. The amount is the money received and
	// no correction changes it: any other amount is refused.
	Amount int64
	// NTPN and NTB are, for a receipt fault on a bank payment, the
	// identifiers of the bank's proof the new kuitansi prints; "" keeps
	// the payment's. A typo made at step 11 is corrected here: the
	// payment takes the new values, audited as koreksi_bayar (which
	// loket check takes as the payment's latest record).
	NTPN, NTB string
}

// RecordCheck records step 14. A product fault reopens steps 10, 13 and 14;
// a receipt fault reissues the kuitansi (old number void with the reason)
// with what it prints corrected (the payer's name, a bank payment's NTPN and
// NTB; never the amount) and
// leaves 14 to be checked again. Both count a correction.
func (s *Store) RecordCheck(ctx context.Context, actor, visitID string, in CheckInput) error {
	var text, payer, ntpn, ntb string
	if !in.OK {
		var err error
		if text, err = valid.Text("Permintaan perbaikan", in.Text, 1000, true); err != nil {
			return err
		}
		if in.Fault != FaultProduct && in.Fault != FaultReceipt {
			return &valid.Error{Field: "Jenis perbaikan", Msg: "pilih produk atau kuitansi"}
		}
		if in.Fault == FaultReceipt && in.Payer != "" {
			if payer, err = valid.Name("Nama wajib bayar", in.Payer); err != nil {
				return err
			}
		}
		if in.Fault == FaultReceipt && in.NTPN != "" {
			if ntpn, err = valid.NTPN(in.NTPN); err != nil {
				return err
			}
		}
		if in.Fault == FaultReceipt && in.NTB != "" {
			if ntb, err = valid.NTB(in.NTB); err != nil {
				return err
			}
		}
	}
	return s.visitStep(ctx, actor, visitID, StepCheck, func(tx *sql.Tx, v *Visit) error {
		if in.OK {
			return nil
		}
		if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO corrections (id, visit_id, fault, text, at, officer_id) VALUES (?,?,?,?,?,?)`,
			s.newID(), v.ID, in.Fault, text, fmtTime(s.at(tx)), nullStr(actor)); err != nil {
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET corrections = corrections + 1 WHERE id = ?`, v.ID); err != nil {
			return err
		}
		v.Corrections++
		a := s.auditor(ctx, tx, actor, "visit", v.ID)
		a.change("corrections", v.Corrections-1, v.Corrections)
		if a.err != nil {
			return a.err
		}
		switch in.Fault {
		case FaultProduct:
			for _, n := range []int{StepPrepare, StepHandover, StepCheck} {
				if err := s.setStep(ctx, tx, v, n, StatePending, "", actor); err != nil {
					return err
				}
			}
			if _, err := s.cached(tx).ExecContext(ctx, `UPDATE items SET prepared_at = NULL, handed_at = NULL WHERE visit_id = ?`, v.ID); err != nil {
				return err
			}
			return errStayPending
		default:
			kw := v.ActiveInvoice(KindReceipt)
			if kw == nil || v.Payment == nil {
				return refuse(ErrNotPaid, "Tidak ada kuitansi untuk diperbaiki: kunjungan ini tanpa pembayaran")
			}
			if err := s.correctReceipt(ctx, tx, actor, v, kw, receiptFix{payer: payer, ntpn: ntpn, ntb: ntb, amount: in.Amount}); err != nil {
				return err
			}
			if err := s.voidInvoice(ctx, tx, actor, v, kw, "perbaikan: "+text, "reissue"); err != nil {
				return err
			}
			if err := s.setStep(ctx, tx, v, StepCheck, StatePending, "", actor); err != nil {
				return err
			}
			return errStayPending
		}
	})
}

// RatingInput is step 15: the nine SKM scores (1–4) and a suggestion, or a
// declined survey.
type RatingInput struct {
	Declined bool
	Scores   [9]int
	Saran    string
}

// RecordRating records step 15.
func (s *Store) RecordRating(ctx context.Context, actor, visitID string, in RatingInput) error {
	// Every unsur left without a score is refused at once, in order, then
	// the suggestion: the form marks them all in one save.
	var errs valid.Errors
	if !in.Declined {
		for i, sc := range in.Scores {
			if sc < 1 || sc > 4 {
				errs = append(errs, &valid.Error{Field: fmt.Sprintf("U%d %s", i+1, SKMElements[i]), Msg: "nilai harus 1, 2, 3 atau 4"})
			}
		}
	}
	saran, err := valid.Text("Saran", in.Saran, 2000, false)
	if err != nil && !errs.Add(err) {
		return err
	}
	if err := errs.Err(); err != nil {
		return err
	}
	return s.visitStep(ctx, actor, visitID, StepRating, func(tx *sql.Tx, v *Visit) error {
		var u [9]sql.NullInt64
		if !in.Declined {
			for i, sc := range in.Scores {
				u[i] = sql.NullInt64{Int64: int64(sc), Valid: true}
			}
		}
		now := s.at(tx)
		_, err := s.cached(tx).ExecContext(ctx, `INSERT INTO ratings (id, visit_id, declined, u1, u2, u3, u4, u5, u6, u7, u8, u9, saran, rated_at, day)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT(visit_id) DO UPDATE SET declined=excluded.declined, u1=excluded.u1, u2=excluded.u2, u3=excluded.u3,
			u4=excluded.u4, u5=excluded.u5, u6=excluded.u6, u7=excluded.u7, u8=excluded.u8, u9=excluded.u9,
			saran=excluded.saran, rated_at=excluded.rated_at, day=excluded.day`,
			s.newID(), v.ID, in.Declined, u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], saran, fmtTime(now), Day(now))
		return err
	})
}

// Finish records step 16: the visit is Selesai and its service time fixed.
func (s *Store) Finish(ctx context.Context, actor, visitID string) error {
	return s.visitStep(ctx, actor, visitID, StepFinish, func(tx *sql.Tx, v *Visit) error {
		if err := s.setStep(ctx, tx, v, StepFinish, StateDone, "", actor); err != nil {
			return err
		}
		return s.close(ctx, tx, v, actor, VisitDone, "")
	})
}
