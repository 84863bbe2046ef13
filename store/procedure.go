package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"loket/store/valid"
	"loket/tariff"
)

// This file is the procedure from arrival to the availability check
// (steps 1–5), and reopening what a changed request invalidates.

// StartVisit records a visitor's arrival (step 1): a new visit with the next
// queue number of the day at this counter.
func (s *Store) StartVisit(ctx context.Context, actor string) (*Visit, error) {
	var v *Visit
	err := s.write(ctx, func(tx *sql.Tx) error {
		o, err := getOffice(ctx, s.cached(tx))
		if err != nil {
			return err
		}
		now := s.at(tx)
		day := Day(now)
		var q int
		if err := s.cached(tx).QueryRowContext(ctx, `SELECT coalesce(max(queue_no),0)+1 FROM visits
			WHERE office_code = ? AND counter_code = ? AND day = ?`, o.Code, o.CounterCode, day).Scan(&q); err != nil {
			return err
		}
		id := s.newID()
		ts := fmtTime(now)
		// The schedule in force is recorded with its name, as RecordRequest
		// records it: check holds a visit's schedule_name to its schedule.
		var schedID sql.NullString
		var schedName string
		err = s.cached(tx).QueryRowContext(ctx, `SELECT id, name FROM schedules WHERE effective <= ?
			ORDER BY effective DESC, installed_at DESC LIMIT 1`, day).Scan(&schedID, &schedName)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: start visit: %w", err)
		}
		if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO visits (id, office_code, counter_code, day, queue_no, arrived_at,
			officer_id, created_at, updated_at, schedule_id, schedule_name) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
			id, o.Code, o.CounterCode, day, q, ts, actor, ts, ts, schedID, schedName); err != nil {
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
			ArrivedAt: parseTime(ts), Status: VisitOpen, OfficerID: actor, ScheduleName: schedName}
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
		if v.Purpose != "" || v.Use != "" { // a first value is step 2's own record (visit_seal.go)
			a := s.auditor(ctx, tx, actor, "visit", v.ID)
			a.textChange("purpose", v.Purpose, purpose)
			a.change("use", v.Use, use)
			if a.err != nil {
				return a.err
			}
		}
		changed := v.Use != use && v.Step(StepRequest).State == StateDone
		v.Purpose, v.Use = purpose, use
		if !changed {
			return nil
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

// ItemInput is one requested product line, as the officer typed it; Item
// embeds it.
type ItemInput struct {
	Code      string // tariff item code; its kind follows from the schedule
	Title     string
	Year      int
	Pages     int64
	Bytes     int64
	Maps      int64
	Format    string
	Variables string
	Media     Medium
}

// WithQuantity is x with n in the measure its kind is priced by: bytes of
// microdata, maps, or pages of a publication.
func (x ItemInput) WithQuantity(k ItemKind, n int64) ItemInput {
	switch k {
	case ItemMicrodata:
		x.Bytes = n
	case ItemMap:
		x.Maps = n
	default:
		x.Pages = n
	}
	return x
}

// Line is the tariff line x is quoted as.
func (x ItemInput) Line() tariff.Line {
	return tariff.Line{Code: x.Code, Pages: x.Pages, Bytes: x.Bytes, Maps: x.Maps}
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
			if err := valid.CheckProductYear(fmt.Sprintf("Produk %d: tahun", i+1), x.Year); err != nil {
				return err
			}
			vars, err := valid.Text(fmt.Sprintf("Produk %d: variabel", i+1), x.Variables, 2000, false)
			if err != nil {
				return err
			}
			var media Medium
			if strings.TrimSpace(string(x.Media)) != "" {
				if media, err = medium(fmt.Sprintf("Produk %d: media", i+1), x.Media); err != nil {
					return err
				}
			}
			x.Code, x.Title, x.Format, x.Variables, x.Media = item.Code, title, strings.TrimSpace(x.Format), vars, media
			items[i] = Item{ID: s.newID(), Seq: i + 1, Kind: item.Kind, ItemInput: x}
		}
		v.Letter = in.Letter
		if err := quoteItems(sch, v, items); err != nil {
			return &valid.Error{Field: "Permintaan", Msg: err.Error()}
		}
		a := s.auditor(ctx, tx, actor, "visit", v.ID)
		first, oldTotal := len(v.Items) == 0, v.Total // a first request is step 4's own record (visit_seal.go)
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
		if !first {
			a.change("total", oldTotal, v.Total)
		}
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
	if inv := v.ActiveInvoice(KindInvoice); inv != nil {
		if err := s.voidInvoice(ctx, tx, actor, v, inv, why, ""); err != nil {
			return err
		}
	}
	if err := s.cancelBilling(ctx, tx, actor, v); err != nil {
		return err
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
			return s.close(ctx, tx, v, actor, VisitCanceled, "produk tidak tersedia")
		}
		return s.reopenAfter(ctx, tx, actor, v, StepAvailable, "ketersediaan diubah")
	})
}

func nullInt(n int) sql.NullInt64 { return sql.NullInt64{Int64: int64(n), Valid: n != 0} }
