package export

import (
	"context"
	"io"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"

	"loket/store"
	"loket/store/valid"
)

// Sheet names of the end-of-day workbook, in order. They are part of the
// contract with the Kasubbag Umum (DOMAIN.md, "The workbook's columns").
const (
	SheetSummary    = "Ringkasan"
	SheetVisits     = "Kunjungan"
	SheetItems      = "Produk"
	SheetPayments   = "PNBP"
	SheetRatings    = "SKM"
	SheetComplaints = "Pengaduan"
)

// Sheets lists the workbook's sheets in order.
var Sheets = []string{SheetSummary, SheetVisits, SheetItems, SheetPayments, SheetRatings, SheetComplaints}

// Options say what to export.
type Options struct {
	From, To string    // WIB days, YYYY-MM-DD, inclusive
	Unmask   bool      // show ID numbers in full instead of masked
	MadeBy   string    // the officer who makes the workbook, shown on Ringkasan
	Now      time.Time // when it is made; zero means time.Now()
	// Progress, when set, is told how far the workbook is: the sheet being
	// written and its rows so far (every 500 rows and when the sheet is
	// done), and last, with sheet "", that the file itself is being
	// compressed and written. It runs on the export's goroutine and must
	// not block.
	Progress func(sheet string, rows int)

	tmpDir string // where excelize may spill large sheets; "" = system temp
}

// Summary counts what a workbook holds.
type Summary struct {
	Visits, Items, Payments, Ratings, Declined, Complaints int
	PNBP                                                   int64
	IKM                                                    float64 // 0 without respondents
}

// FileName is the default name of the workbook of a period:
// laporan-pst-2026-11-26.xlsx for a day, laporan-pst-2026-11-01_2026-11-26.xlsx
// for a range.
func FileName(from, to string) string {
	if from == to {
		return "laporan-pst-" + from + ".xlsx"
	}
	return "laporan-pst-" + from + "_" + to + ".xlsx"
}

// Export writes the workbook of a period to path atomically (see
// WriteFile): a failure leaves no file behind and an existing file as it
// was.
func Export(ctx context.Context, s *store.Store, path string, opt Options) (Summary, error) {
	var sum Summary
	opt.tmpDir = filepath.Dir(path)
	err := WriteFile(path, "ekspor", func(w io.Writer) error {
		var err error
		sum, err = Workbook(ctx, s, w, opt)
		return err
	})
	return sum, err
}

// Workbook writes the end-of-day workbook of a period to w: sheets
// Ringkasan, Kunjungan, Produk, PNBP, SKM and Pengaduan, read from one
// snapshot of the store. Data sheets are streamed row by row; the summary
// is computed from exactly the rows written, so each of its figures can be
// recomputed from the other sheets.
func Workbook(ctx context.Context, s *store.Store, w io.Writer, opt Options) (Summary, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	f := excelize.NewFile(excelize.Options{TmpDir: opt.tmpDir})
	defer f.Close()
	var sum Summary
	err := s.Report(ctx, opt.From, opt.To, func(r *store.Report) error {
		b, err := newBook(f, r, opt)
		if err != nil {
			return err
		}
		if err := b.write(); err != nil {
			return err
		}
		sum = b.summary()
		return nil
	})
	if err != nil {
		return sum, err
	}
	if opt.Progress != nil {
		opt.Progress("", 0)
	}
	return sum, f.Write(w)
}

// book is one workbook being written.
type book struct {
	f   *excelize.File
	st  *styles
	r   *store.Report
	opt Options
	t   tally
	// counters holds, on an archive (store.Report.Archive), a tally per
	// counter the rows came from, keyed by office and counter code
	// ("1906/A"): Ringkasan adds a block per counter after the total.
	// It stays nil on a counter's own database.
	counters map[string]*tally
	// title and period, when set, replace the daily workbook's report
	// title and period text on Ringkasan (the period recap's).
	title, period string
	// noIDs says the workbook holds no ID number at all (the period
	// recap), so Ringkasan has no row saying how they are shown.
	noIDs bool
}

func (b *book) reportTitle() string {
	if b.title != "" {
		return b.title
	}
	return "Laporan Pelayanan Penjualan Produk Statistik untuk Kasubbag Umum"
}

func (b *book) periodLabel() string {
	if b.period != "" {
		return b.period
	}
	return periodText(b.r.From, b.r.To)
}

func newBook(f *excelize.File, r *store.Report, opt Options) (*book, error) {
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return nil, err
	}
	for _, name := range Sheets[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	title := "Laporan PST " + periodText(r.From, r.To)
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "loket", Language: "id-ID",
		Created: opt.Now.UTC().Format(time.RFC3339), Modified: opt.Now.UTC().Format(time.RFC3339)}); err != nil {
		return nil, err
	}
	return &book{f: f, st: st, r: r, opt: opt, t: newTally(), counters: counterTallies(r)}, nil
}

// counterTallies is the per-counter tallies of a book: an empty map on an
// archive, nil on a counter's own database.
func counterTallies(r *store.Report) map[string]*tally {
	if !r.Archive {
		return nil
	}
	return map[string]*tally{}
}

// archive says the workbook is of an archive: Kunjungan and PNBP end with
// a Loket column and Ringkasan has a block per counter.
func (b *book) archive() bool { return b.counters != nil }

// counter is the tally of one counter of an archive, made on first use.
func (b *book) counter(label string) *tally {
	t := b.counters[label]
	if t == nil {
		nt := newTally()
		t = &nt
		b.counters[label] = t
	}
	return t
}

// The rows feed the total and, on an archive, their counter's tally.

func (b *book) addVisit(v store.VisitRow) {
	b.t.addVisit(v)
	if b.counters != nil {
		b.counter(v.Counter).addVisit(v)
	}
}

func (b *book) addItem(it store.ItemRow, value int64) {
	b.t.addItem(it, value)
	if b.counters != nil {
		b.counter(it.Counter).addItem(it, value)
	}
}

func (b *book) addPayment(p store.PaymentRow) {
	b.t.addPayment(p)
	if b.counters != nil {
		b.counter(p.Counter).addPayment(p)
	}
}

func (b *book) addRating(x store.RatingRow) {
	b.t.addRating(x)
	if b.counters != nil {
		b.counter(x.Counter).addRating(x)
	}
}

// readDeclined reads the declined surveys of the period, per counter too
// on an archive.
func (b *book) readDeclined() error {
	var err error
	if b.t.declined, err = b.r.DeclinedRatings(); err != nil || b.counters == nil {
		return err
	}
	per, err := b.r.DeclinedByCounter()
	for c, n := range per {
		b.counter(c).declined = n
	}
	return err
}

// newSheet starts one of the workbook's sheets (A4 landscape), reporting
// its progress.
func (b *book) newSheet(name string, cols []column) (*sheet, error) {
	sh, err := newSheet(b.f, b.st, name, cols, true)
	if err != nil {
		return nil, err
	}
	sh.progress = b.opt.Progress
	return sh, nil
}

// write streams the data sheets, then the summary built from them.
func (b *book) write() error {
	for _, step := range []func() error{b.visits, b.items, b.payments, b.ratings, b.complaints, b.summarySheet} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func (b *book) summary() Summary {
	t := &b.t
	s := Summary{Visits: t.visits, Items: t.items, Payments: t.payments, Ratings: t.skm.N, Declined: t.declined,
		Complaints: t.complaints, PNBP: t.pnbp}
	if t.skm.N > 0 {
		s.IKM = t.skm.IKM()
	}
	return s
}

// periodText writes a period for people: "26 November 2026" or
// "1 November 2026 s.d. 26 November 2026".
func periodText(from, to string) string {
	if from == to {
		return longDate(dayDate(from))
	}
	return longDate(dayDate(from)) + " s.d. " + longDate(dayDate(to))
}

var monthNames = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni",
	"Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// longDate writes a WIB date the Indonesian way: 26 November 2026.
func longDate(t time.Time) string {
	w := t.In(valid.WIB)
	return itoa(w.Day()) + " " + monthNames[w.Month()-1] + " " + itoa(w.Year())
}

// longDateTime adds the WIB time: 26 November 2026 pukul 14.05 WIB.
func longDateTime(t time.Time) string {
	w := t.In(valid.WIB)
	return longDate(w) + " pukul " + w.Format("15.04") + " WIB"
}
