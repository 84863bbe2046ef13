package store

import (
	"errors"
	"strings"
	"testing"
)

// The search finds a visit by each number the counter hands out, names
// what matched with the full number, and finds a visitor's visits by any
// word of the name; VisitorVisits lists them newest first.
func TestSearchNamesWhatMatched(t *testing.T) {
	f := newFixture(t)
	id := kartikaVisits(f)
	visits, err := f.s.VisitorVisits(f.ctx, id, 0)
	f.must(err)
	if len(visits) != 2 || visits[0].Day+visits[0].Queue < visits[1].Day+visits[1].Queue {
		t.Fatalf("VisitorVisits: %+v", visits)
	}
	cash, bank := f.visit(visits[1].VisitID), f.visit(visits[0].VisitID)
	kw := cash.ActiveInvoice("kuitansi").Number
	inv := bank.ActiveInvoice("invoice").Number

	for _, c := range []struct {
		query, visit, matched string
	}{
		{kw, cash.ID, "Kuitansi " + kw},
		{strings.ToLower(inv), bank.ID, "Invoice " + inv},
		{"820261126000042", bank.ID, "Kode billing 820261126000042"},
		{"0a1b2c3d4e5f6g7h", bank.ID, "NTPN 0A1B2C3D4E5F6G7H"},
		// The start of a code or an NTPN, as read off a slip.
		{"82026112600", bank.ID, "Kode billing 820261126000042"},
		{"0a1b2c 3d", bank.ID, "NTPN 0A1B2C3D4E5F6G7H"},
	} {
		hits, err := f.s.Search(f.ctx, c.query, 10)
		f.must(err)
		if len(hits) != 1 || hits[0].VisitID != c.visit || hits[0].Matched != c.matched || hits[0].By != MatchNumber || hits[0].Name != "Kartika Purnamasari" {
			t.Errorf("Search(%q) = %+v, want visit %s matched %q", c.query, hits, c.visit, c.matched)
		}
	}

	// A prefix shared by both kuitansi numbers finds both, each with its
	// own number.
	prefix := kw[:strings.LastIndex(kw, "/")+1]
	hits, err := f.s.Search(f.ctx, prefix, 10)
	f.must(err)
	seen := map[string]bool{}
	for _, h := range hits {
		if !strings.HasPrefix(h.Matched, "Kuitansi "+prefix) {
			t.Errorf("prefix %q matched %q", prefix, h.Matched)
		}
		seen[h.Matched] = true
	}
	if len(seen) != len(hits) || len(hits) < 2 {
		t.Errorf("prefix %q: %+v", prefix, hits)
	}

	hits, err = f.s.Search(f.ctx, "purnama", 10)
	f.must(err)
	if len(hits) != 2 || hits[0].VisitorID != id || hits[0].By != MatchVisitor || hits[0].Matched != "" {
		t.Errorf("by a word of the name: %+v", hits)
	}
	if hits, err := f.s.Search(f.ctx, "tidakadayangcocok", 10); err != nil || len(hits) != 0 {
		t.Errorf("no match: %+v %v", hits, err)
	}
}

// A queue number names one visit of a day and counter; another day, or a
// number not given out, is not found.
func TestVisitByQueue(t *testing.T) {
	f := newFixture(t)
	a := f.walk(paidPub, StepArrival)
	b := f.walk(paidPub, StepArrival)
	day := Day(f.clock.Now())
	if id, err := f.s.VisitByQueue(f.ctx, day, "A", b.QueueNo); err != nil || id != b.ID || a.QueueNo == b.QueueNo {
		t.Fatalf("%s on %s: %q %v", b.Queue(), day, id, err)
	}
	for _, c := range []struct {
		day, counter string
		n            int
	}{{day, "A", 99}, {day, "B", a.QueueNo}, {"2026-11-25", "A", a.QueueNo}} {
		if id, err := f.s.VisitByQueue(f.ctx, c.day, c.counter, c.n); !errors.Is(err, ErrNotFound) || id != "" {
			t.Errorf("%+v: %q %v", c, id, err)
		}
	}
}

// A complaint links to a visit that exists; an unknown visit is refused
// naming the field, and nothing is saved.
func TestComplaintLinksAnExistingVisit(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepArrival)
	if _, err := f.s.AddComplaint(f.ctx, f.off, "Email", "Antrean lama", v.ID); err != nil {
		t.Fatal(err)
	}
	_, err := f.s.AddComplaint(f.ctx, f.off, "Email", "Antrean lama", "01NOSUCHVISIT")
	if err == nil || err.Error() != "Kunjungan: kunjungan 01NOSUCHVISIT tidak ditemukan" {
		t.Fatalf("unknown visit: %v", err)
	}
	day := Day(f.clock.Now())
	if cs, err := f.s.Complaints(f.ctx, day, day, false); err != nil || len(cs) != 1 {
		t.Fatalf("complaints %d %v", len(cs), err)
	}
}
