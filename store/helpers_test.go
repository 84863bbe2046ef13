package store

import (
	"context"
	"database/sql"
	"math/rand"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"loket/store/valid"
)

// clock is a settable test clock.
type clock struct {
	mu   sync.Mutex
	t    time.Time
	tick time.Duration // added on every reading: a clock that moves while a call runs
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(c.tick)
	return c.t
}
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type fixture struct {
	t     testing.TB
	s     *Store
	clock *clock
	ctx   context.Context
	off   string
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	c := &clock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, valid.WIB)}
	path := filepath.Join(t.TempDir(), "loket.db")
	s, err := Open(context.Background(), path, Options{Now: c.Now, Entropy: rand.New(rand.NewSource(1))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	o, err := s.AddOfficer(context.Background(), "Rina Petugas", "")
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, s: s, clock: c, ctx: context.Background(), off: o.ID}
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) visit(id string) *Visit {
	f.t.Helper()
	v, err := f.s.Visit(f.ctx, id)
	f.must(err)
	return v
}

// Guests used by the scenarios.
var (
	student = GuestInput{Guest: Guest{IDType: "KTP", IDNumber: "1906015203990001", Name: "Siti Aminah", Gender: "P",
		Education: "D4/S1", Occupation: "Pelajar/Mahasiswa", Institution: "Universitas Bangka Belitung",
		Category: "Lembaga Penelitian & Pendidikan", Email: "siti@example.com", Phone: "0812-3456-7890"},
		BirthYear: "1999", Consent: true}
	official = GuestInput{Guest: Guest{IDType: "KTP", IDNumber: "1906011001800002", Name: "Budi Santoso", Gender: "L",
		Education: "S2", Occupation: "ASN/TNI/Polri", Institution: "Bappeda Belitung Timur",
		Category: "Pemerintah Daerah", Email: "budi@beltim.go.id", Phone: "081234567891"},
		BirthYear: "1980", Consent: true}
)

// scenario kinds
const (
	paidPub   = iota // student, e-publication 120 pages, Rp80.000, paid
	microdata        // student, microdata 5 MB, Rp100.000, needs SPPD
	zeroPub          // government with letter, Rp0
)

// walk starts a visit of a kind and records steps up to and including upTo.
func (f *fixture) walk(kind, upTo int) *Visit {
	f.t.Helper()
	v, err := f.s.StartVisit(f.ctx, f.off)
	f.must(err)
	id := v.ID
	g, use, items, letter := student, "Tugas sekolah/kuliah", []ItemInput{{Code: "PUB-EL", Title: "Belitung Timur Dalam Angka 2026", Pages: 120}}, false
	switch kind {
	case microdata:
		items = []ItemInput{{Code: "DM-MENTAH", Title: "Susenas Maret 2025", Bytes: 5_000_000, Format: "CSV", Variables: "r101, r102"}}
		use = "Penelitian"
	case zeroPub:
		g, use, letter = official, "Pemerintahan", true
	}
	steps := []func() error{
		StepPurpose:   func() error { return f.s.RecordPurpose(f.ctx, f.off, id, "Membeli data", use) },
		StepGuestBook: func() error { return f.s.RecordGuest(f.ctx, f.off, id, g) },
		StepRequest:   func() error { return f.s.RecordRequest(f.ctx, f.off, id, RequestInput{Items: items, Letter: letter}) },
		StepAvailable: func() error {
			v := f.visit(id)
			m := map[string]bool{}
			for _, it := range v.Items {
				m[it.ID] = true
			}
			return f.s.RecordAvailability(f.ctx, f.off, id, m)
		},
		StepTerms: func() error { return f.s.ConfirmTerms(f.ctx, f.off, id) },
		StepAgreement: func() error {
			return f.s.RecordAgreement(f.ctx, f.off, id, AgreementInput{Agreed: true, Abstraksi: kind == microdata, Letter: letter, Variables: "r101, r102"})
		},
		StepDocCheck: func() error { return f.s.RecordDocumentCheck(f.ctx, f.off, id, true, "") },
		StepInvoice: func() error {
			return f.s.IssueInvoice(f.ctx, f.off, id, InvoiceInput{SampleGiven: kind == microdata, SPPDGiven: kind == microdata})
		},
		StepPrepare: func() error {
			v := f.visit(id)
			m := map[string]Medium{}
			for _, it := range v.Items {
				m[it.ID] = "Email"
			}
			return f.s.RecordPrepared(f.ctx, f.off, id, m)
		},
		StepPayment: func() error { return f.s.PayCash(f.ctx, f.off, id, g.Name, f.visit(id).Total) },
		StepSPPD:    func() error { return f.s.RecordSPPD(f.ctx, f.off, id) },
		StepHandover: func() error {
			v := f.visit(id)
			var ids []string
			for _, it := range v.Items {
				ids = append(ids, it.ID)
			}
			return f.s.HandOverProducts(f.ctx, f.off, id, ids)
		},
		StepCheck: func() error { return f.s.RecordCheck(f.ctx, f.off, id, CheckInput{OK: true}) },
		StepRating: func() error {
			return f.s.RecordRating(f.ctx, f.off, id, RatingInput{Scores: [9]int{4, 4, 3, 4, 3, 4, 4, 3, 4}})
		},
		StepFinish: func() error { return f.s.Finish(f.ctx, f.off, id) },
	}
	for n := StepPurpose; n <= upTo; n++ {
		if f.visit(id).Step(n).State == StateNA {
			continue
		}
		f.clock.Add(10 * time.Second)
		if err := steps[n](); err != nil {
			f.t.Fatalf("step %d: %v", n, err)
		}
	}
	return f.visit(id)
}

// testDB is the store's database handle, for tests that check what was
// written below the API; only tests reach it.
func testDB(s *Store) *sql.DB { return s.db }

// skipUnderRace skips a test of one goroutine's SQL work in a -race build:
// the race detector has nothing to watch there and makes SQLite's pure-Go
// code about ten times slower, and the ordinary `go test ./...` runs the
// test in full. CI's race run must fit its time (.ci/run).
func skipUnderRace(t *testing.T) {
	t.Helper()
	if RaceDetector {
		t.Skip("sequential SQL work, run in full without -race")
	}
}
