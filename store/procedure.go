package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"loket/store/valid"
)

// StartVisit records a visitor's arrival (step 1): a new visit with the next
// queue number of the day at this counter.
func (s *Store) StartVisit(ctx context.Context, actor string) (*Visit, error) {
	var v *Visit
	err := s.write(ctx, func(tx *sql.Tx) error {
		o, err := getOffice(ctx, s.cached(tx))
		if err != nil {
			return err
		}
		now := s.now()
		day := Day(now)
		var q int
		if err := s.cached(tx).QueryRowContext(ctx, `SELECT coalesce(max(queue_no),0)+1 FROM visits
			WHERE office_code = ? AND counter_code = ? AND day = ?`, o.Code, o.CounterCode, day).Scan(&q); err != nil {
			return err
		}
		id := s.newID()
		ts := fmtTime(now)
		if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO visits (id, office_code, counter_code, day, queue_no, arrived_at,
			officer_id, created_at, updated_at, schedule_id) VALUES (?,?,?,?,?,?,?,?,?,
			(SELECT id FROM schedules WHERE effective <= ? ORDER BY effective DESC, installed_at DESC LIMIT 1))`,
			id, o.Code, o.CounterCode, day, q, ts, actor, ts, ts, day); err != nil {
			return fmt.Errorf("store: start visit: %w", err)
		}
		for n := 1; n <= NumSteps; n++ {
			state, done, officer := StatePending, sql.NullString{}, sql.NullString{}
			if n == StepArrival {
				state, done, officer = StateDone, sql.NullString{String: ts, Valid: true}, nullStr(actor)
			}
			if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO visit_steps (visit_id, step, state, officer_id, done_at)
				VALUES (?,?,?,?,?)`, id, n, state, officer, done); err != nil {
				return err
			}
		}
		a := s.auditor(ctx, tx, actor, "visit", id)
		a.eventNote("datang", queueLabel(o.CounterCode, q))
		// The new visit is fully known here; no need to read it back.
		v = &Visit{ID: id, OfficeCode: o.Code, CounterCode: o.CounterCode, Day: day, QueueNo: q,
			ArrivedAt: parseTime(ts), Status: StatusOpen, OfficerID: actor}
		for i := range v.Steps {
			v.Steps[i] = Step{Num: i + 1, State: StatePending}
		}
		v.Steps[0] = Step{Num: StepArrival, State: StateDone, OfficerID: actor, DoneAt: v.ArrivedAt}
		return a.err
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// RecordPurpose records step 2: the purpose of the visit and the intended
// use of the data (pemanfaatan).
func (s *Store) RecordPurpose(ctx context.Context, actor, visitID, purpose, use string) error {
	purpose, err := valid.Text("Maksud kunjungan", purpose, 500, true)
	if err != nil {
		return err
	}
	use, err = valid.OneOf("Pemanfaatan data", use, valid.Uses)
	if err != nil {
		return err
	}
	return s.visitStep(ctx, actor, visitID, StepPurpose, func(tx *sql.Tx, v *Visit) error {
		if v.Paid() && use != v.Use {
			return refuse(ErrPaid, "Pemanfaatan tidak dapat diubah: pembayaran sudah diterima dan tarif bergantung padanya")
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET purpose = ?, use = ? WHERE id = ?`, purpose, use, v.ID); err != nil {
			return err
		}
		a := s.auditor(ctx, tx, actor, "visit", v.ID)
		a.textChange("purpose", v.Purpose, purpose)
		a.change("use", v.Use, use)
		changed := v.Use != use && v.Step(StepRequest).State == StateDone
		v.Purpose, v.Use = purpose, use
		if a.err != nil || !changed {
			return a.err
		}
		return s.requote(ctx, tx, actor, v)
	})
}

// RequestInput is step 4: the product lines and whether a formal request
// letter (surat permohonan) for the Rp0 tariff is brought.
type RequestInput struct {
	Items  []ItemInput
	Letter bool
}

// ItemInput is one requested product line.
type ItemInput struct {
	Code      string // tariff item code; its kind follows from the schedule
	Title     string
	Year      int
	Pages     int64
	Bytes     int64
	Maps      int64
	Format    string
	Variables string
	Media     string
}

// RecordRequest records step 4 and quotes every line with the schedule in
// force. Correcting the request later is refused once paid; before that it
// reopens the steps that depend on the amount and voids an unpaid invoice.
func (s *Store) RecordRequest(ctx context.Context, actor, visitID string, in RequestInput) error {
	if len(in.Items) == 0 {
		return &valid.Error{Field: "Permintaan", Msg: "isi paling sedikit satu produk"}
	}
	if len(in.Items) > 50 {
		return &valid.Error{Field: "Permintaan", Msg: "paling banyak 50 produk per kunjungan"}
	}
	return s.visitStep(ctx, actor, visitID, StepRequest, func(tx *sql.Tx, v *Visit) error {
		if v.Paid() {
			return refuse(ErrPaid, "Permintaan tidak dapat diubah: pembayaran sudah diterima")
		}
		sch, schedID, err := s.scheduleInForce(ctx, tx)
		if err != nil {
			return err
		}
		items := make([]Item, len(in.Items))
		for i, x := range in.Items {
			item, ok := sch.Item(strings.TrimSpace(x.Code))
			if !ok {
				return &valid.Error{Field: fmt.Sprintf("Produk %d", i+1), Msg: fmt.Sprintf("kode tarif %q tidak ada dalam %s", x.Code, sch.Name)}
			}
			title, err := valid.Text(fmt.Sprintf("Produk %d: judul", i+1), x.Title, 300, true)
			if err != nil {
				return err
			}
			vars, err := valid.Text(fmt.Sprintf("Produk %d: variabel", i+1), x.Variables, 2000, false)
			if err != nil {
				return err
			}
			media := ""
			if strings.TrimSpace(x.Media) != "" {
				if media, err = valid.OneOf(fmt.Sprintf("Produk %d: media", i+1), x.Media, valid.Media); err != nil {
					return err
				}
			}
			items[i] = Item{ID: s.newID(), Seq: i + 1, Kind: string(item.Kind), Code: item.Code, Title: title,
				Year: x.Year, Pages: x.Pages, Bytes: x.Bytes, Maps: x.Maps, Format: strings.TrimSpace(x.Format),
				Variables: vars, Media: media}
		}
		v.Letter = in.Letter
		if err := quoteItems(sch, v, items); err != nil {
			return &valid.Error{Field: "Permintaan", Msg: err.Error()}
		}
		a := s.auditor(ctx, tx, actor, "visit", v.ID)
		oldTotal := v.Total
		if len(v.Items) > 0 {
			if _, err := s.cached(tx).ExecContext(ctx, `DELETE FROM items WHERE visit_id = ?`, v.ID); err != nil {
				return err
			}
			a.eventNote("permintaan_diganti", fmt.Sprintf("%d produk diganti %d produk", len(v.Items), len(items)))
		}
		for _, it := range items {
			if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO items (id, visit_id, seq, kind, code, title, year, pages, bytes,
				maps, format, variables, media, amount, zero, no_item, quote, basis) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
				it.ID, v.ID, it.Seq, it.Kind, it.Code, it.Title, nullInt(it.Year), it.Pages, it.Bytes, it.Maps, it.Format,
				it.Variables, it.Media, it.Amount, it.Zero, it.NoItem, joinLines(it.Quote), it.Basis); err != nil {
				return fmt.Errorf("store: save item: %w", err)
			}
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET letter = ?, schedule_id = ?, schedule_name = ? WHERE id = ?`,
			in.Letter, schedID, sch.Name, v.ID); err != nil {
			return err
		}
		v.Items, v.ScheduleName = items, sch.Name
		if err := s.applicability(ctx, tx, v); err != nil {
			return err
		}
		a.change("total", oldTotal, v.Total)
		if a.err != nil {
			return a.err
		}
		return s.reopenAfter(ctx, tx, actor, v, StepRequest, "permintaan diubah")
	})
}

// requote prices the existing lines again (the Rp0 eligibility changed) and
// reopens what depends on the amount.
func (s *Store) requote(ctx context.Context, tx *sql.Tx, actor string, v *Visit) error {
	if len(v.Items) == 0 {
		return nil
	}
	if v.Paid() {
		return refuse(ErrPaid, "Data ini menentukan tarif dan tidak dapat diubah setelah pembayaran diterima")
	}
	sch, _, err := s.scheduleInForce(ctx, tx)
	if err != nil {
		return err
	}
	old := v.Total
	if err := quoteItems(sch, v, v.Items); err != nil {
		return err
	}
	for _, it := range v.Items {
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE items SET amount = ?, zero = ?, no_item = ?, quote = ?, basis = ? WHERE id = ?`,
			it.Amount, it.Zero, it.NoItem, joinLines(it.Quote), it.Basis, it.ID); err != nil {
			return err
		}
	}
	if err := s.applicability(ctx, tx, v); err != nil {
		return err
	}
	if old == v.Total {
		return nil
	}
	a := s.auditor(ctx, tx, actor, "visit", v.ID)
	a.change("total", old, v.Total)
	if a.err != nil {
		return a.err
	}
	return s.reopenAfter(ctx, tx, actor, v, StepAvailable, "tarif berubah")
}

// reopenAfter sends every done step after n (up to 15) back to pending,
// voids the unpaid invoice and cancels an unpaid billing code: they were made
// for a request that has changed. A new visit (nothing after n done) is left
// alone.
func (s *Store) reopenAfter(ctx context.Context, tx *sql.Tx, actor string, v *Visit, n int, why string) error {
	for k := n + 1; k < StepFinish; k++ {
		if v.Step(k).State == StateDone || v.Step(k).State == StateWaiting {
			if err := s.setStep(ctx, tx, v, k, StatePending, "", actor); err != nil {
				return err
			}
		}
	}
	if inv := v.ActiveInvoice("invoice"); inv != nil {
		if err := s.voidInvoice(ctx, tx, actor, v, inv, why, ""); err != nil {
			return err
		}
	}
	if b := v.ActiveBilling(); b != nil {
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE billing_codes SET status = 'dibatalkan' WHERE id = ?`, b.ID); err != nil {
			return err
		}
		b.Status = "dibatalkan"
	}
	// Steps 10 and 13 reopened above: lines must be prepared and handed
	// over again, after the new payment.
	if _, err := s.cached(tx).ExecContext(ctx, `UPDATE items SET prepared_at = NULL, handed_at = NULL WHERE visit_id = ?`, v.ID); err != nil {
		return err
	}
	return nil
}

// RecordAvailability records step 5: whether each line (by item ID) is
// available. Unavailable lines stay on record and leave the quote; if none
// is left the visit ends Batal ("produk tidak tersedia").
func (s *Store) RecordAvailability(ctx context.Context, actor, visitID string, available map[string]bool) error {
	return s.visitStep(ctx, actor, visitID, StepAvailable, func(tx *sql.Tx, v *Visit) error {
		if v.Paid() {
			return refuse(ErrPaid, "Ketersediaan tidak dapat diubah: pembayaran sudah diterima")
		}
		any := false
		for i := range v.Items {
			it := &v.Items[i]
			ok, given := available[it.ID]
			if !given {
				return &valid.Error{Field: fmt.Sprintf("Produk %d", it.Seq), Msg: "pilih tersedia atau tidak tersedia"}
			}
			if _, err := s.cached(tx).ExecContext(ctx, `UPDATE items SET available = ? WHERE id = ?`, ok, it.ID); err != nil {
				return err
			}
			it.Available = &ok
			any = any || ok
		}
		if err := s.applicability(ctx, tx, v); err != nil {
			return err
		}
		if !any {
			if err := s.setStep(ctx, tx, v, StepAvailable, StateDone, "", actor); err != nil {
				return err
			}
			return s.close(ctx, tx, v, actor, StatusCanceled, "produk tidak tersedia")
		}
		return s.reopenAfter(ctx, tx, actor, v, StepAvailable, "ketersediaan diubah")
	})
}

// ConfirmTerms records step 6: the officer has told the tariff per line with
// its legal basis and the documents required; the required documents are
// put on the visit's checklist.
func (s *Store) ConfirmTerms(ctx context.Context, actor, visitID string) error {
	return s.visitStep(ctx, actor, visitID, StepTerms, func(tx *sql.Tx, v *Visit) error {
		want := map[string]bool{"abstraksi": v.HasMicrodata(), "sppd": v.HasMicrodata(), "surat_permohonan": v.ZeroApplied()}
		for kind, need := range want {
			has := v.Document(kind) != nil
			switch {
			case need && !has:
				if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO documents (id, visit_id, kind, updated_at) VALUES (?,?,?,?)`,
					s.newID(), v.ID, kind, fmtTime(s.now())); err != nil {
					return err
				}
			case !need && has:
				if _, err := s.cached(tx).ExecContext(ctx, `DELETE FROM documents WHERE visit_id = ? AND kind = ?`, v.ID, kind); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// AgreementInput is step 7: the visitor's answer to the PNBP terms and the
// documents handed in.
type AgreementInput struct {
	Agreed    bool
	Reason    string // why not, when Agreed is false
	Abstraksi bool   // abstraksi penggunaan data handed in
	Variables string // variables the abstraksi names
	Letter    bool   // surat permohonan handed in
}

// RecordAgreement records step 7. A refusal ends the visit Batal with the
// reason. Agreeing requires the documents the request needs.
func (s *Store) RecordAgreement(ctx context.Context, actor, visitID string, in AgreementInput) error {
	return s.visitStep(ctx, actor, visitID, StepAgreement, func(tx *sql.Tx, v *Visit) error {
		a := s.auditor(ctx, tx, actor, "visit", v.ID)
		if !in.Agreed {
			reason, err := valid.Text("Alasan", in.Reason, 500, true)
			if err != nil {
				return err
			}
			if v.Paid() {
				return refuse(ErrPaid, "Kunjungan sudah dibayar; persetujuan tidak dapat ditarik")
			}
			if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET agreed = 0 WHERE id = ?`, v.ID); err != nil {
				return err
			}
			if err := s.setStep(ctx, tx, v, StepAgreement, StateDone, "", actor); err != nil {
				return err
			}
			return s.close(ctx, tx, v, actor, StatusCanceled, "tidak menyetujui ketentuan PNBP: "+reason)
		}
		if v.Document("abstraksi") != nil && !in.Abstraksi {
			return refuse(ErrDocuments, "Abstraksi penggunaan data wajib diserahkan untuk data mikro atau peta")
		}
		if v.Document("surat_permohonan") != nil && !in.Letter {
			return refuse(ErrDocuments, "Surat permohonan wajib diserahkan untuk tarif nol rupiah; tanpa surat, ubah permintaan (langkah 4) agar tarif biasa berlaku")
		}
		vars, err := valid.Text("Variabel dalam abstraksi", in.Variables, 2000, false)
		if err != nil {
			return err
		}
		now := fmtTime(s.now())
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE documents SET received = 1, variables = ?, updated_at = ?
			WHERE visit_id = ? AND kind = 'abstraksi'`, vars, now, v.ID); err != nil {
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE documents SET received = 1, updated_at = ?
			WHERE visit_id = ? AND kind = 'surat_permohonan'`, now, v.ID); err != nil {
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET agreed = 1 WHERE id = ?`, v.ID); err != nil {
			return err
		}
		a.change("agreed", v.Agreed != nil && *v.Agreed, true)
		return a.err
	})
}

// RecordDocumentCheck records step 8: the documents are complete and the
// abstraksi matches the variables requested. A mismatch refers the visitor
// to consultation and ends the visit with that outcome.
func (s *Store) RecordDocumentCheck(ctx context.Context, actor, visitID string, matches bool, note string) error {
	note, err := valid.Text("Catatan pemeriksaan", note, 1000, !matches)
	if err != nil {
		return err
	}
	return s.visitStep(ctx, actor, visitID, StepDocCheck, func(tx *sql.Tx, v *Visit) error {
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE documents SET checked = 1, matches = ?, note = ?, updated_at = ?
			WHERE visit_id = ? AND kind IN ('abstraksi','surat_permohonan')`, matches, note, fmtTime(s.now()), v.ID); err != nil {
			return err
		}
		if matches {
			return nil
		}
		if v.Paid() {
			return refuse(ErrPaid, "Kunjungan sudah dibayar; tidak dapat dirujuk ke konsultasi")
		}
		if err := s.setStep(ctx, tx, v, StepDocCheck, StateDone, "", actor); err != nil {
			return err
		}
		return s.close(ctx, tx, v, actor, StatusReferred, note)
	})
}

// InvoiceInput is step 9: what the officer hands over besides the invoice.
type InvoiceInput struct {
	SampleGiven bool // contoh data mikro
	SPPDGiven   bool // SPPD form handed to the visitor
}

// IssueInvoice records step 9: an invoice with the next number when the
// total is above Rp0, and for microdata or maps the SPPD form handed over.
func (s *Store) IssueInvoice(ctx context.Context, actor, visitID string, in InvoiceInput) error {
	return s.visitStep(ctx, actor, visitID, StepInvoice, func(tx *sql.Tx, v *Visit) error {
		if v.HasMicrodata() && !in.SPPDGiven {
			return refuse(ErrDocuments, "Dokumen perjanjian (SPPD) wajib diserahkan kepada pengguna layanan untuk data mikro atau peta")
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET sample_given = ?, sppd_given = ? WHERE id = ?`,
			in.SampleGiven, in.SPPDGiven, v.ID); err != nil {
			return err
		}
		if v.Total > 0 && v.ActiveInvoice("invoice") == nil {
			if _, err := s.newInvoice(ctx, tx, actor, v, "invoice", v.Total); err != nil {
				return err
			}
		}
		return nil
	})
}

// RecordPrepared records step 10: each available line prepared, on a medium
// (Email, Flashdisk, CD/DVD, Cetak), keyed by item ID.
func (s *Store) RecordPrepared(ctx context.Context, actor, visitID string, media map[string]string) error {
	return s.visitStep(ctx, actor, visitID, StepPrepare, func(tx *sql.Tx, v *Visit) error {
		now := fmtTime(s.now())
		for _, it := range v.Items {
			if !it.Counts() {
				continue
			}
			m, err := valid.OneOf(fmt.Sprintf("Produk %d: media", it.Seq), media[it.ID], valid.Media)
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
			WHERE visit_id = ? AND kind = 'sppd'`, fmtTime(s.now()), v.ID)
		return err
	})
}

// HandOverProducts records step 13 for the given lines; the step is done
// when every available line has been handed over.
func (s *Store) HandOverProducts(ctx context.Context, actor, visitID string, itemIDs []string) error {
	return s.visitStep(ctx, actor, visitID, StepHandover, func(tx *sql.Tx, v *Visit) error {
		now := s.now()
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

// Correction faults at step 14.
const (
	FaultProduct = "produk"
	FaultReceipt = "kuitansi"
)

// CheckInput is step 14: the visitor's check of the kuitansi and products.
type CheckInput struct {
	OK    bool
	Fault string // FaultProduct or FaultReceipt when not OK
	Text  string // what is wrong
}

// RecordCheck records step 14. A product fault reopens steps 10, 13 and 14;
// a receipt fault reissues the kuitansi (old number void with the reason)
// and leaves 14 to be checked again. Both count a correction.
func (s *Store) RecordCheck(ctx context.Context, actor, visitID string, in CheckInput) error {
	var text string
	if !in.OK {
		var err error
		if text, err = valid.Text("Permintaan perbaikan", in.Text, 1000, true); err != nil {
			return err
		}
		if in.Fault != FaultProduct && in.Fault != FaultReceipt {
			return &valid.Error{Field: "Jenis perbaikan", Msg: "pilih produk atau kuitansi"}
		}
	}
	return s.visitStep(ctx, actor, visitID, StepCheck, func(tx *sql.Tx, v *Visit) error {
		if in.OK {
			return nil
		}
		if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO corrections (id, visit_id, fault, text, at, officer_id) VALUES (?,?,?,?,?,?)`,
			s.newID(), v.ID, in.Fault, text, fmtTime(s.now()), nullStr(actor)); err != nil {
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
			kw := v.ActiveInvoice("kuitansi")
			if kw == nil {
				return refuse(ErrNotPaid, "Tidak ada kuitansi untuk diperbaiki: kunjungan ini tanpa pembayaran")
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
	saran, err := valid.Text("Saran", in.Saran, 2000, false)
	if err != nil {
		return err
	}
	if !in.Declined {
		for i, sc := range in.Scores {
			if sc < 1 || sc > 4 {
				return &valid.Error{Field: fmt.Sprintf("U%d %s", i+1, SKMElements[i]), Msg: "nilai harus 1, 2, 3 atau 4"}
			}
		}
	}
	return s.visitStep(ctx, actor, visitID, StepRating, func(tx *sql.Tx, v *Visit) error {
		var u [9]sql.NullInt64
		if !in.Declined {
			for i, sc := range in.Scores {
				u[i] = sql.NullInt64{Int64: int64(sc), Valid: true}
			}
		}
		now := s.now()
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
		return s.close(ctx, tx, v, actor, StatusDone, "")
	})
}

// Cancel ends an open visit as Batal with a reason. A paid visit cannot be
// cancelled: the money stays on record.
func (s *Store) Cancel(ctx context.Context, actor, visitID, reason string) error {
	reason, err := valid.Text("Alasan pembatalan", reason, 500, true)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		v, err := loadVisit(ctx, tx, visitID)
		if err != nil {
			return err
		}
		if !v.Open() {
			return refuse(ErrClosed, "Kunjungan %s sudah ditutup (%s)", v.Queue(), v.Status)
		}
		if v.Paid() {
			return refuse(ErrPaid, "Kunjungan %s sudah dibayar dan tidak dapat dibatalkan; uang tetap tercatat", v.Queue())
		}
		if inv := v.ActiveInvoice("invoice"); inv != nil {
			if err := s.voidInvoice(ctx, tx, actor, v, inv, "kunjungan batal: "+reason, ""); err != nil {
				return err
			}
		}
		return s.close(ctx, tx, v, actor, StatusCanceled, reason)
	})
}

// Suspend pauses an open visit (the visitor goes to the bank, or the officer
// serves someone else); the time until Resume does not count as service time.
func (s *Store) Suspend(ctx context.Context, actor, visitID, reason string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		v, err := loadVisit(ctx, tx, visitID)
		if err != nil {
			return err
		}
		if !v.Open() {
			return refuse(ErrClosed, "Kunjungan %s sudah ditutup (%s)", v.Queue(), v.Status)
		}
		if v.Suspended() {
			return nil // already suspended: suspending twice is harmless
		}
		now := fmtTime(s.now())
		if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO suspensions (id, visit_id, started_at, reason) VALUES (?,?,?,?)`,
			s.newID(), v.ID, now, reason); err != nil {
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET suspended_at = ?, updated_at = ? WHERE id = ?`, now, now, v.ID); err != nil {
			return err
		}
		a := s.auditor(ctx, tx, actor, "visit", v.ID)
		a.textEvent("tunda", "reason", "")
		return a.err
	})
}

// Resume continues a suspended visit.
func (s *Store) Resume(ctx context.Context, actor, visitID string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		v, err := loadVisit(ctx, tx, visitID)
		if err != nil {
			return err
		}
		if !v.Open() {
			return refuse(ErrClosed, "Kunjungan %s sudah ditutup (%s)", v.Queue(), v.Status)
		}
		if !v.Suspended() {
			return nil
		}
		now := s.now()
		secs := int64(now.Sub(v.SuspendedAt).Seconds())
		if secs < 0 {
			secs = 0
		}
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

// SKMElements are the nine unsur of PermenPANRB 14/2017, in order U1…U9.
var SKMElements = [9]string{
	"Persyaratan",
	"Sistem, mekanisme dan prosedur",
	"Waktu penyelesaian",
	"Biaya/tarif",
	"Produk spesifikasi jenis pelayanan",
	"Kompetensi pelaksana",
	"Perilaku pelaksana",
	"Penanganan pengaduan, saran dan masukan",
	"Sarana dan prasarana",
}

func nullInt(n int) sql.NullInt64 { return sql.NullInt64{Int64: int64(n), Valid: n != 0} }
