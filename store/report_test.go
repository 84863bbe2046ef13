package store

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestReportPeriods checks which rows a period holds: visits by the day
// they arrived, payments by the day they were made, ratings by the day
// they were given; declined surveys are counted, not listed.
func TestReportPeriods(t *testing.T) {
	f := newFixture(t) // 26 November 2026, 09:00 WIB
	paid := f.walk(paidPub, StepFinish)
	late := f.walk(microdata, StepInvoice) // pays tomorrow
	open := f.walk(zeroPub, StepRequest)
	f.must(f.s.RecordRating(f.ctx, f.off, f.walk(zeroPub, StepCheck).ID, RatingInput{Declined: true}))
	f.clock.Add(24 * time.Hour)
	f.must(f.s.RecordPrepared(f.ctx, f.off, late.ID, map[string]Medium{late.Items[0].ID: "Email"}))
	f.must(f.s.PayCash(f.ctx, f.off, late.ID, "Siti Aminah", late.Total))
	_, err := f.s.AddComplaint(f.ctx, f.off, "Email", "Antrean lama", "")
	f.must(err)

	type got struct {
		visits, items, payments, ratings, complaints []string
		declined                                     int
		steps                                        map[string]int
	}
	read := func(from, to string) got {
		var g got
		g.steps = map[string]int{}
		f.must(f.s.Report(f.ctx, from, to, func(r *Report) error {
			if o, err := r.Office(); err != nil || o.Code != "1906" {
				t.Fatalf("office %+v %v", o, err)
			}
			f.must(r.Visits(func(v VisitRow) error {
				g.visits = append(g.visits, v.ID)
				g.steps[v.ID] = v.LastStep
				return nil
			}))
			f.must(r.Items(func(it ItemRow) error { g.items = append(g.items, it.VisitID); return nil }))
			f.must(r.Payments(func(p PaymentRow) error { g.payments = append(g.payments, p.VisitID); return nil }))
			f.must(r.Ratings(func(x RatingRow) error { g.ratings = append(g.ratings, x.VisitID); return nil }))
			f.must(r.Complaints(func(c ComplaintRow) error { g.complaints = append(g.complaints, c.ID); return nil }))
			var err error
			g.declined, err = r.DeclinedRatings()
			return err
		}))
		return g
	}
	d1 := read("2026-11-26", "2026-11-26")
	if len(d1.visits) != 4 || len(d1.payments) != 1 || d1.payments[0] != paid.ID || len(d1.ratings) != 1 ||
		d1.declined != 1 || len(d1.complaints) != 0 {
		t.Errorf("26 Nov: %+v", d1)
	}
	if d1.steps[paid.ID] != StepFinish || d1.steps[open.ID] != StepAvailable {
		t.Errorf("last steps: finished %d, open %d", d1.steps[paid.ID], d1.steps[open.ID])
	}
	d2 := read("2026-11-27", "2026-11-27")
	if len(d2.visits) != 0 || len(d2.items) != 0 || len(d2.payments) != 1 || d2.payments[0] != late.ID || len(d2.complaints) != 1 {
		t.Errorf("27 Nov: %+v", d2)
	}
	both := read("2026-11-26", "2026-11-27")
	if len(both.visits) != 4 || len(both.payments) != 2 || len(both.items) != len(d1.items) {
		t.Errorf("both days: %+v", both)
	}

	for _, p := range [][2]string{{"2026-11-27", "2026-11-26"}, {"2026-02-30", "2026-03-01"}, {"26-11-2026", "2026-11-26"}} {
		if err := f.s.Report(f.ctx, p[0], p[1], func(*Report) error { return nil }); err == nil {
			t.Errorf("period %v accepted", p)
		}
	}
}

func TestInvoiceByNumber(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepPayment)
	kw := v.ActiveInvoice("kuitansi")
	id, kind, err := f.s.InvoiceByNumber(f.ctx, " "+strings.ToLower(kw.Number)+" ")
	if err != nil || id != v.ID || kind != "kuitansi" {
		t.Fatalf("%q %q %v", id, kind, err)
	}
	if _, _, err := f.s.InvoiceByNumber(f.ctx, "KW/0000/A/2026/11/0001"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown number: %v", err)
	}
	if name, err := f.s.OfficerName(f.ctx, f.off); err != nil || name != "Rina Petugas" {
		t.Errorf("officer name %q %v", name, err)
	}
}
