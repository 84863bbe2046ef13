package export

import (
	"context"
	"io"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"

	"loket/store"
)

// Sheet names of the period recap workbook (loket laporan), in order: a
// contract like the daily workbook's.
const (
	SheetRecapDays    = "Rekap Harian"
	SheetRecapPNBP    = "Rekap PNBP"
	SheetRecapSKM     = "Laporan SKM"
	SheetRecapVisits  = "Statistik Pengunjung"
	SheetRecapCompl   = "Pengaduan"
	SheetRecapReceipt = "Register Kuitansi"
	SheetRecapCharts  = "Grafik"
)

// RecapSheets lists the recap workbook's sheets in order.
var RecapSheets = []string{SheetSummary, SheetRecapDays, SheetRecapPNBP, SheetRecapSKM, SheetRecapVisits,
	SheetRecapCompl, SheetRecapReceipt, SheetRecapCharts}

// RecapOptions say which period to recap.
type RecapOptions struct {
	Period Period
	MadeBy string    // the officer who makes the workbook, shown on Ringkasan
	Now    time.Time // when it is made; zero means time.Now()
	// Progress, when set, is told how far the workbook is, as
	// Options.Progress: the sheet and its rows so far, and last "" while
	// the file is compressed and written. It must not block.
	Progress func(sheet string, rows int)

	tmpDir string
}

// RecapSummary is what a recap workbook holds, for the caller's last line.
type RecapSummary struct {
	Summary           // the Ringkasan figures, as the daily export of the same days
	Days       int    // calendar days of the period
	Population int    // finished visits (the SKM population)
	Sample     int    // Krejcie–Morgan minimum sample for Population
	Receipts   int    // kuitansi numbers on the register, voided ones included
	Mutu       string // as on Ringkasan; "" without respondents
}

// SampleEnough says whether the respondents reach the minimum sample, as
// Laporan SKM's "Sampel Mencukupi" does (see SampleEnough).
func (s RecapSummary) SampleEnough() bool { return SampleEnough(s.Ratings, s.Sample) }

// Recap writes the period recap workbook to path atomically (see
// WriteFile): a failure leaves no file behind and an existing one as it
// was. This is what a Laporan screen calls, with a Period from
// PeriodChoice.Period or RangePeriod and path from ReportFileName.
func Recap(ctx context.Context, s *store.Store, path string, opt RecapOptions) (RecapSummary, error) {
	var sum RecapSummary
	opt.tmpDir = filepath.Dir(path)
	err := WriteFile(path, "buat laporan", func(w io.Writer) error {
		var err error
		sum, err = RecapWorkbook(ctx, s, w, opt)
		return err
	})
	return sum, err
}

// RecapWorkbook writes the recap of a period to w, read from one snapshot:
// Ringkasan (the daily workbook's figures for the whole period, computed
// by the same code), Rekap Harian, Rekap PNBP, Laporan SKM, Statistik
// Pengunjung, Pengaduan and Register Kuitansi, streamed, then the charts
// of Grafik in excelize's normal mode.
func RecapWorkbook(ctx context.Context, s *store.Store, w io.Writer, opt RecapOptions) (RecapSummary, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	f := excelize.NewFile(excelize.Options{TmpDir: opt.tmpDir})
	defer f.Close()
	var sum RecapSummary
	err := s.Report(ctx, opt.Period.From, opt.Period.To, func(r *store.Report) error {
		rb, err := newRecap(f, r, opt)
		if err != nil {
			return err
		}
		if err := rb.write(); err != nil {
			return err
		}
		sum = rb.sum
		sum.Summary = rb.b.summary()
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

// recap is one recap workbook being written. It wraps the daily
// workbook's book, whose tally and Ringkasan it reuses.
type recap struct {
	b   *book
	opt RecapOptions
	sum RecapSummary

	days   int // rows of Rekap Harian (one per day), for the charts
	catRow [2]int
	skm    store.SKM
}

func newRecap(f *excelize.File, r *store.Report, opt RecapOptions) (*recap, error) {
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return nil, err
	}
	for _, name := range RecapSheets[1 : len(RecapSheets)-1] {
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	title := "Rekap PST " + opt.Period.Label()
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "loket", Language: "id-ID",
		Created: opt.Now.UTC().Format(time.RFC3339), Modified: opt.Now.UTC().Format(time.RFC3339)}); err != nil {
		return nil, err
	}
	b := &book{f: f, st: st, r: r, t: newTally(), counters: counterTallies(r),
		opt:    Options{From: r.From, To: r.To, MadeBy: opt.MadeBy, Now: opt.Now, Progress: opt.Progress},
		title:  "Rekap Pelayanan Penjualan Produk Statistik: " + opt.Period.Label(),
		period: opt.Period.Label(), noIDs: true}
	return &recap{b: b, opt: opt, sum: RecapSummary{Days: opt.Period.Days()}}, nil
}

func (rc *recap) write() error {
	for _, step := range []func() error{rc.summary, rc.daily, rc.pnbp, rc.skmSheet, rc.visitors, rc.complaints,
		rc.receipts, rc.charts} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// summary tallies the period's rows exactly as the daily workbook does
// (the same tally, fed by the same store rows, without writing them), so
// that Ringkasan equals `loket export --from --to` of the same days.
func (rc *recap) summary() error {
	b, r := rc.b, rc.b.r
	n := 0
	tick := func() {
		n++
		if rc.opt.Progress != nil && n%(progressEvery*10) == 0 {
			rc.opt.Progress(SheetSummary, n)
		}
	}
	if err := r.Visits(func(v store.VisitRow) error { tick(); b.addVisit(v); return nil }); err != nil {
		return err
	}
	if err := r.Items(func(it store.ItemRow) error { tick(); b.addItem(it, itemValue(it)); return nil }); err != nil {
		return err
	}
	if err := r.Payments(func(p store.PaymentRow) error { b.addPayment(p); return nil }); err != nil {
		return err
	}
	if err := r.Ratings(func(x store.RatingRow) error { b.addRating(x); return nil }); err != nil {
		return err
	}
	if err := b.readDeclined(); err != nil {
		return err
	}
	groups, err := r.ComplaintsByChannel()
	if err != nil {
		return err
	}
	for _, g := range groups {
		b.t.complaints += g.N
	}
	if b.archive() {
		per, err := r.ComplaintsByCounter()
		if err != nil {
			return err
		}
		for c, n := range per {
			b.counter(c).complaints = n
		}
	}
	return b.summarySheet()
}

// Columns of Rekap Harian: the contract of issue 16, in its order.
var recapDayColumns = []column{
	{"Tanggal", kDate}, {"Kunjungan", kCount}, {"Selesai", kCount}, {"Batal", kCount}, {"Dirujuk", kCount},
	{"PNBP Tunai (Rp)", kMoney}, {"PNBP Bank (Rp)", kMoney}, {"Total PNBP (Rp)", kMoney},
	{"Tunai Diserahkan (Rp)", kMoney}, {"Selisih Serah Terima (Rp)", kMoney},
	{"Rata-rata Waktu Layanan (menit)", kDecimal}, {"Selesai <= 5 menit (%)", kDecimal},
}

// LabelTotal starts the total row of a recap table.
const LabelTotal = "Jumlah"

// daily writes Rekap Harian: one row per calendar day, then the total.
func (rc *recap) daily() error {
	days, err := rc.b.r.Days()
	if err != nil {
		return err
	}
	sh, err := rc.b.newSheet(SheetRecapDays, recapDayColumns)
	if err != nil {
		return err
	}
	var tot store.DayRecap
	for _, d := range days {
		avg, within := serviceFigures(d.Served, d.Within5, d.Done)
		if err := sh.add(dayDate(d.Day), d.Visits, d.Done, d.Canceled, d.Referred, d.Cash, d.Bank, d.Cash+d.Bank,
			d.HandedOver, d.HandoverDiff, avg, within); err != nil {
			return err
		}
		tot.Visits += d.Visits
		tot.Done += d.Done
		tot.Canceled += d.Canceled
		tot.Referred += d.Referred
		tot.Cash += d.Cash
		tot.Bank += d.Bank
		tot.HandedOver += d.HandedOver
		tot.HandoverDiff += d.HandoverDiff
		tot.Served += d.Served
		tot.Within5 += d.Within5
	}
	rc.days = len(days)
	avg, within := serviceFigures(tot.Served, tot.Within5, tot.Done)
	st := rc.b.st
	if err := sh.addCells(excelize.Cell{StyleID: st.bold, Value: LabelTotal}, st.cell(kCount, tot.Visits),
		st.cell(kCount, tot.Done), st.cell(kCount, tot.Canceled), st.cell(kCount, tot.Referred),
		st.cell(kMoney, tot.Cash), st.cell(kMoney, tot.Bank), st.cell(kMoney, tot.Cash+tot.Bank),
		st.cell(kMoney, tot.HandedOver), st.cell(kMoney, tot.HandoverDiff), st.cell(kDecimal, avg),
		st.cell(kDecimal, within)); err != nil {
		return err
	}
	return sh.close()
}

// serviceFigures are the average service time in minutes and the share
// within the standard in percent, both rounded to two decimals as on
// Ringkasan; none without finished visits.
func serviceFigures(served time.Duration, within5, done int) (avg, within any) {
	if done == 0 {
		return nil, nil
	}
	return round2(served.Seconds() / 60 / float64(done)), round2(100 * float64(within5) / float64(done))
}

// Columns of Rekap PNBP's first table, per tariff code; the tables per
// method and per kategori instansi follow under their own header rows.
var recapPNBPColumns = []column{
	{"Kode Tarif", kCode}, {"Uraian", kLong}, {"Jumlah Baris", kCount}, {"Baris Tarif Nol Rupiah", kCount},
	{"Jumlah (Rp)", kMoney},
}

// Headers of Rekap PNBP's second and third tables.
var (
	recapMethodHeader   = []string{"Metode", "Uraian", "Jumlah Pembayaran", "", "Jumlah (Rp)"}
	recapCategoryHeader = []string{"Kategori Instansi", "Uraian", "Jumlah Pembayaran", "", "Jumlah (Rp)"}
)

func (rc *recap) pnbp() error {
	r, st := rc.b.r, rc.b.st
	byCode, err := r.PNBPByCode()
	if err != nil {
		return err
	}
	byMethod, err := r.PNBPByMethod()
	if err != nil {
		return err
	}
	byCat, err := r.PNBPByCategory()
	if err != nil {
		return err
	}
	sh, err := rc.b.newSheet(SheetRecapPNBP, recapPNBPColumns)
	if err != nil {
		return err
	}
	var lines, zero int
	var amount int64
	for _, c := range byCode {
		if err := sh.add(c.Key, c.Name, c.N, c.Zero, c.Amount); err != nil {
			return err
		}
		lines, zero, amount = lines+c.N, zero+c.Zero, amount+c.Amount
	}
	total := func(n, z any, a int64) error {
		return sh.addCells(excelize.Cell{StyleID: st.bold, Value: LabelTotal}, nil, st.cell(kCount, n),
			st.cell(kCount, z), st.cell(kMoney, a))
	}
	if err := total(lines, zero, amount); err != nil {
		return err
	}
	table := func(header []string, rows []store.Count, label func(string) (string, string)) error {
		if err := sh.addCells(); err != nil {
			return err
		}
		cells := make([]any, len(header))
		for i, h := range header {
			if h != "" {
				cells[i] = excelize.Cell{StyleID: st.header, Value: h}
			}
		}
		if err := sh.addCells(cells...); err != nil {
			return err
		}
		var n int
		var a int64
		for _, c := range rows {
			key, desc := label(c.Key)
			if err := sh.addCells(st.cell(kText, key), st.cell(kText, desc), st.cell(kCount, c.N), nil,
				st.cell(kMoney, c.Amount)); err != nil {
				return err
			}
			n, a = n+c.N, a+c.Amount
		}
		return total(n, nil, a)
	}
	methods := map[string]string{string(store.MethodCash): "Tunai di loket, diserahkan ke bendahara penerimaan",
		string(store.MethodBank): "Setoran bank dengan kode billing (SIMPONI)"}
	if err := table(recapMethodHeader, byMethod, func(k string) (string, string) { return k, methods[k] }); err != nil {
		return err
	}
	if err := table(recapCategoryHeader, byCat, func(k string) (string, string) {
		if k == "" {
			return "(belum diisi)", ""
		}
		return k, ""
	}); err != nil {
		return err
	}
	return sh.close()
}
