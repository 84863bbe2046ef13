package export

import (
	"context"
	"math/rand"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"loket/store"
	"loket/store/valid"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// fixture is a store in a temporary folder with a fake clock, filled
// through the store's public API only, so the data obeys every rule.
type fixture struct {
	t     *testing.T
	ctx   context.Context
	s     *store.Store
	path  string
	clock *clock
	off   string
}

var day = time.Date(2026, 11, 26, 8, 0, 0, 0, valid.WIB)

func newFixture(t testing.TB) *fixture {
	t.Helper()
	c := &clock{t: day}
	path := filepath.Join(t.TempDir(), "loket.db")
	s, err := store.Open(context.Background(), path, store.Options{Now: c.Now, Entropy: rand.New(rand.NewSource(1))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	o, err := s.AddOfficer(context.Background(), "Rina Petugas", "")
	if err != nil {
		t.Fatal(err)
	}
	tt, _ := t.(*testing.T)
	return &fixture{t: tt, ctx: context.Background(), s: s, path: path, clock: c, off: o.ID}
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) visit(id string) *store.Visit {
	f.t.Helper()
	v, err := f.s.Visit(f.ctx, id)
	f.must(err)
	return v
}

// Guests of the scenarios. The institution, the phone and the purpose hold
// what a spreadsheet would turn into a formula or a number if written
// carelessly.
var (
	student = store.GuestInput{Guest: store.Guest{IDType: "KTP", IDNumber: "1906015203990001", Name: "Siti Aminah",
		Gender: "P", Education: "D4/S1", Occupation: "Pelajar/Mahasiswa",
		Institution: `=HYPERLINK("http://contoh.test","klik")`, Category: "Lembaga Penelitian & Pendidikan",
		Email: "siti@example.com", Phone: "+62 812-3456-7890"}, BirthYear: "1999", Consent: true}
	official = store.GuestInput{Guest: store.Guest{IDType: "KTP", IDNumber: "1906011001800002", Name: "Budi Santoso",
		Gender: "L", Education: "S2", Occupation: "ASN/TNI/Polri", Institution: "Bappeda Belitung Timur",
		Category: "Pemerintah Daerah", Email: "budi@beltim.go.id", Phone: "081234567891"}, BirthYear: "1980", Consent: true}
	company = store.GuestInput{Guest: store.Guest{IDType: "SIM", IDNumber: "123456789012", Name: "Andi Wijaya",
		Gender: "L", Education: "≤SMA", Occupation: "Pegawai Swasta", Institution: "PT Maju\nCabang Manggar",
		Category: "Swasta", Email: "andi@example.com", Phone: "0812 7777 8888", NPWP: "012345678901234"},
		BirthYear: "1990", Consent: true}
)

// plan says how a visit goes.
type plan struct {
	guest    store.GuestInput
	use      string
	purpose  string
	items    []store.ItemInput
	letter   bool
	unavail  []int  // indexes of lines found unavailable
	pay      string // "tunai", "bank" or "" (Rp0)
	billing  string // kode billing for bank
	stopAt   int    // leave open before this step (0: walk to the end)
	cancelAt int    // cancel with a reason before this step
	refer    bool   // step 8 finds a mismatch
	declined bool
	scores   [9]int
	saran    string
	reissue  bool // the kuitansi is reissued at step 14
}

// walk runs a visit through the procedure; each step takes 30 seconds.
func (f *fixture) walk(p plan) *store.Visit {
	f.t.Helper()
	v, err := f.s.StartVisit(f.ctx, f.off)
	f.must(err)
	id := v.ID
	md := false
	for _, it := range p.items {
		if it.Code[:2] == "DM" || it.Code[:2] == "PE" {
			md = true
		}
	}
	if p.use == "" {
		p.use = "Penelitian"
	}
	if p.purpose == "" {
		p.purpose = "Membeli data"
	}
	steps := map[int]func() error{
		store.StepPurpose:   func() error { return f.s.RecordPurpose(f.ctx, f.off, id, p.purpose, p.use) },
		store.StepGuestBook: func() error { return f.s.RecordGuest(f.ctx, f.off, id, p.guest) },
		store.StepRequest: func() error {
			return f.s.RecordRequest(f.ctx, f.off, id, store.RequestInput{Items: p.items, Letter: p.letter})
		},
		store.StepAvailable: func() error {
			m := map[string]bool{}
			for i, it := range f.visit(id).Items {
				m[it.ID] = true
				for _, u := range p.unavail {
					if u == i {
						m[it.ID] = false
					}
				}
			}
			return f.s.RecordAvailability(f.ctx, f.off, id, m)
		},
		store.StepTerms: func() error { return f.s.ConfirmTerms(f.ctx, f.off, id) },
		store.StepAgreement: func() error {
			v := f.visit(id)
			return f.s.RecordAgreement(f.ctx, f.off, id, store.AgreementInput{Agreed: true, Abstraksi: md,
				Letter: v.ZeroApplied(), Variables: "r101, r102, r105"})
		},
		store.StepDocCheck: func() error {
			if p.refer {
				return f.s.RecordDocumentCheck(f.ctx, f.off, id, false, "Variabel tidak sesuai abstraksi")
			}
			return f.s.RecordDocumentCheck(f.ctx, f.off, id, true, "")
		},
		store.StepInvoice: func() error {
			return f.s.IssueInvoice(f.ctx, f.off, id, store.InvoiceInput{SampleGiven: md, SPPDGiven: md})
		},
		store.StepPrepare: func() error {
			m := map[string]store.Medium{}
			for _, it := range f.visit(id).Items {
				m[it.ID] = "Email"
			}
			return f.s.RecordPrepared(f.ctx, f.off, id, m)
		},
		store.StepPayment: func() error {
			v := f.visit(id)
			if p.pay == "bank" {
				f.must(f.s.IssueBillingCode(f.ctx, f.off, id, p.guest.Name, p.billing))
				f.must(f.s.Suspend(f.ctx, f.off, id, "ke bank"))
				f.clock.Add(40 * time.Minute)
				f.must(f.s.Resume(f.ctx, f.off, id))
				return f.s.ConfirmBankPayment(f.ctx, f.off, id, "0123456789ABCDEF"[:16], "BRI000000001", f.clock.Now().Add(-10*time.Minute))
			}
			return f.s.PayCash(f.ctx, f.off, id, p.guest.Name, v.Total)
		},
		store.StepSPPD: func() error { return f.s.RecordSPPD(f.ctx, f.off, id) },
		store.StepHandover: func() error {
			var ids []string
			for _, it := range f.visit(id).Items {
				if it.Counts() {
					ids = append(ids, it.ID)
				}
			}
			return f.s.HandOverProducts(f.ctx, f.off, id, ids)
		},
		store.StepCheck: func() error {
			if p.reissue {
				f.must(f.s.RecordCheck(f.ctx, f.off, id, store.CheckInput{Fault: store.FaultReceipt, Text: "Nama salah eja"}))
			}
			return f.s.RecordCheck(f.ctx, f.off, id, store.CheckInput{OK: true})
		},
		store.StepRating: func() error {
			return f.s.RecordRating(f.ctx, f.off, id, store.RatingInput{Declined: p.declined, Scores: p.scores, Saran: p.saran})
		},
		store.StepFinish: func() error { return f.s.Finish(f.ctx, f.off, id) },
	}
	for n := store.StepPurpose; n <= store.StepFinish; n++ {
		if n == p.stopAt {
			break
		}
		if n == p.cancelAt {
			f.clock.Add(30 * time.Second)
			f.must(f.s.Cancel(f.ctx, f.off, id, "Pengunjung membatalkan"))
			break
		}
		v := f.visit(id)
		if !v.Open() {
			break
		}
		if v.Step(n).State == store.StateNA {
			continue
		}
		f.clock.Add(30 * time.Second)
		if err := steps[n](); err != nil {
			f.t.Fatalf("step %d: %v", n, err)
		}
	}
	return f.visit(id)
}

// scenario fills the fixture's day (26 November 2026) with one visit of
// each kind, plus a paid visit the day before, a complaint with follow-ups
// and the cash hand-over.
func (f *fixture) scenario() {
	f.t.Helper()
	good := [9]int{4, 4, 3, 4, 3, 4, 4, 3, 4}
	// The day before: a bank visit that pays today (PNBP today, visit not).
	f.clock.Set(day.AddDate(0, 0, -1).Add(2 * time.Hour))
	prev := f.walk(plan{guest: company, use: "Komersial", pay: "bank", billing: "820261125000001",
		items:  []store.ItemInput{{Code: "PETA-KAB-DESA", Title: "Peta wilkerstat Kabupaten Belitung Timur", Maps: 3}},
		stopAt: store.StepPayment})
	f.must(f.s.Suspend(f.ctx, f.off, prev.ID, "ke bank"))

	f.clock.Set(day)
	// 1. Student, e-publication 120 pages, cash, Rp80.000; kuitansi reissued.
	f.walk(plan{guest: student, use: "Tugas sekolah/kuliah", pay: "tunai", scores: good, reissue: true,
		saran: "=1+1\nbaris kedua\tdengan tab",
		items: []store.ItemInput{{Code: "PUB-EL", Title: "Belitung Timur Dalam Angka 2026", Pages: 120}}})
	// 2. Student, microdata 5 MB + a map that is not available, bank, Rp100.000.
	f.clock.Add(5 * time.Minute)
	f.walk(plan{guest: student, pay: "bank", billing: "820261126000002", scores: [9]int{3, 3, 3, 3, 3, 3, 3, 3, 2},
		purpose: "+62812 untuk penelitian",
		items: []store.ItemInput{{Code: "DM-MENTAH", Title: "Susenas Maret 2025", Bytes: 5_000_000, Format: "CSV", Variables: "r101, r102"},
			{Code: "PETA-KAB-KEC", Title: "Peta kecamatan", Maps: 2}}, unavail: []int{1}})
	// 3. Government with letter: Rp0, survey declined.
	f.clock.Add(5 * time.Minute)
	f.walk(plan{guest: official, use: "Pemerintahan", letter: true, declined: true, saran: "Tidak mau mengisi",
		items: []store.ItemInput{{Code: "PUB-EL", Title: "Statistik Daerah 2026", Pages: 40}}})
	// 4. Cancelled at step 6.
	f.clock.Add(5 * time.Minute)
	f.walk(plan{guest: student, cancelAt: store.StepTerms,
		items: []store.ItemInput{{Code: "PUB-CETAK", Title: "Publikasi tercetak", Pages: 100}}})
	// 5. Referred to consultation at step 8.
	f.clock.Add(5 * time.Minute)
	f.walk(plan{guest: student, refer: true,
		items: []store.ItemInput{{Code: "DM-OLAH", Title: "Tabulasi Sakernas", Bytes: 120_000, Format: "XLSX"}}})
	// 6. Still open at step 4.
	f.clock.Add(5 * time.Minute)
	f.walk(plan{guest: official, use: "Pemerintahan", stopAt: store.StepRequest})
	// 7. Cash again, low scores, two lines.
	f.clock.Add(5 * time.Minute)
	f.walk(plan{guest: company, use: "Komersial", pay: "tunai", scores: [9]int{2, 3, 2, 3, 2, 3, 2, 3, 1},
		items: []store.ItemInput{{Code: "PUB-EL", Title: "PDRB 2025", Pages: 51}, {Code: "DM-OLAH", Title: "Tabulasi", Bytes: 1_500_001}}})

	// The bank visitor of yesterday comes back and pays.
	f.clock.Add(10 * time.Minute)
	f.must(f.s.Resume(f.ctx, f.off, prev.ID))
	f.must(f.s.IssueBillingCode(f.ctx, f.off, prev.ID, "PT Maju", "820261126000003"))
	f.clock.Add(time.Minute)
	f.must(f.s.ConfirmBankPayment(f.ctx, f.off, prev.ID, "ABCDEF0123456789", "BNI0001", time.Time{}))

	cid, err := f.s.AddComplaint(f.ctx, f.off, "Kotak saran", "@SUM(A1:A9)\n-2+3 antrean lama", "")
	f.must(err)
	f.clock.Add(time.Hour)
	f.must(f.s.FollowUpComplaint(f.ctx, f.off, cid, store.ComplaintOpen, "Diteruskan ke Kasubbag Umum"))
	f.clock.Add(time.Hour)
	f.must(f.s.FollowUpComplaint(f.ctx, f.off, cid, store.ComplaintDone, "Loket kedua dibuka"))

	f.clock.Set(day.Add(8 * time.Hour))
	cash, err := f.s.CashReceipts(f.ctx, "2026-11-26")
	f.must(err)
	_, err = f.s.RecordCashHandover(f.ctx, f.off, "2026-11-26", cash, "Sri Wahyuni", "")
	f.must(err)
}
