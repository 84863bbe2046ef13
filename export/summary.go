package export

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"loket/store"
	"loket/store/valid"
	"loket/tariff"
)

// Labels of the Ringkasan rows the contract names (DOMAIN.md). Other rows
// (letterhead, breakdowns, the cash hand-over) come around them.
const (
	LabelPeriod       = "Periode"
	LabelVisits       = "Jumlah kunjungan"
	LabelDone         = "Kunjungan selesai"
	LabelCanceled     = "Kunjungan batal"
	LabelReferred     = "Kunjungan dirujuk ke konsultasi"
	LabelOpen         = "Kunjungan berjalan"
	LabelPNBP         = "Total PNBP (Rp)"
	LabelCash         = "PNBP tunai (Rp)"
	LabelBank         = "PNBP bank (Rp)"
	LabelAvgService   = "Rata-rata waktu layanan (menit)"
	LabelWithin5      = "Kunjungan selesai <= 5 menit (%)"
	LabelRespondents  = "Jumlah responden SKM"
	LabelIKM          = "IKM"
	LabelMutu         = "Mutu pelayanan"
	LabelComplaints   = "Jumlah pengaduan"
	LabelDeclined     = "Responden menolak mengisi SKM"
	LabelPayments     = "Jumlah pembayaran"
	LabelNote         = "Keterangan"
	LabelIntegrity    = "Kode integritas"
	LabelIDNumbers    = "Nomor identitas"
	NoVisitsNote      = "Tidak ada kunjungan pada periode ini."
	labelNRRPrefix    = "NRR "
	labelCategoryPref = "Kunjungan menurut kategori instansi: "
)

// tally accumulates the summary from the rows as they are written, so
// that every figure is a function of exactly those rows.
type tally struct {
	visits, done, canceled, referred, open int
	served                                 time.Duration // service time of Selesai visits
	within5                                int
	byCategory                             map[string]int

	items      int
	codeVisits map[string]int   // visits with a line of the code
	codeValue  map[string]int64 // Nilai (Rp) of the lines of the code
	lastVisit  string
	seen       map[string]bool // codes of lastVisit already counted

	payments         int
	pnbp, cash, bank int64
	overflow         error // the first sum of money past int64, if any

	skm      store.SKM
	declined int

	complaints int
}

func newTally() tally {
	return tally{byCategory: map[string]int{}, codeVisits: map[string]int{}, codeValue: map[string]int64{},
		seen: map[string]bool{}}
}

func (t *tally) addVisit(v store.VisitRow) {
	t.visits++
	t.byCategory[v.Guest.Category]++
	switch v.Status {
	case store.VisitDone:
		t.done++
		d, _ := v.ServiceTime()
		t.served += d
		if d <= store.ServiceStandard {
			t.within5++
		}
	case store.VisitCanceled:
		t.canceled++
	case store.VisitReferred:
		t.referred++
	default:
		t.open++
	}
}

// itemValue is a product line's Nilai (Rp): 0 for a line found
// unavailable, which left the quote.
func itemValue(it store.ItemRow) int64 {
	if it.Counts() {
		return it.Amount
	}
	return 0
}

func (t *tally) addItem(it store.ItemRow, value int64) {
	t.items++
	if it.VisitID != t.lastVisit {
		t.lastVisit = it.VisitID
		clear(t.seen)
	}
	if !t.seen[it.Code] {
		t.seen[it.Code] = true
		t.codeVisits[it.Code]++
	}
	v := t.codeValue[it.Code]
	t.addMoney(&v, value, "Nilai produk "+it.Code)
	t.codeValue[it.Code] = v
}

func (t *tally) addPayment(p store.PaymentRow) {
	t.payments++
	t.addMoney(&t.pnbp, p.Amount, LabelPNBP)
	if p.Method == store.MethodCash {
		t.addMoney(&t.cash, p.Amount, LabelCash)
	} else {
		t.addMoney(&t.bank, p.Amount, LabelBank)
	}
}

// addMoney adds v to *sum through tariff.Add. A sum past int64 is not
// wrapped: the first one is kept in t.overflow, and the summary sheet
// refuses to be written with it.
func (t *tally) addMoney(sum *int64, v int64, label string) {
	s, ok := tariff.Add(*sum, v)
	if !ok {
		if t.overflow == nil {
			t.overflow = fmt.Errorf("jumlah %q melampaui batas angka yang dapat dihitung; periksa basis data dengan loket check", label)
		}
		return
	}
	*sum = s
}

func (t *tally) addRating(x store.RatingRow) {
	t.skm.N++
	for i, sc := range x.Scores {
		t.skm.Sum[i] += sc
	}
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// integrityCode is the Ringkasan's Kode integritas: the audit chain's head
// at the last row before the end of the period's last day, one code per
// counter the file holds (one on a single counter's PC). Kept with the
// workbook, it lets `loket check --kode` show later that the trail up to it
// was not changed (docs/reliability.md).
func integrityCode(r *store.Report) (string, error) {
	codes, err := r.IntegrityCodes()
	if err != nil {
		return "", err
	}
	if len(codes) == 0 {
		return "belum ada jejak audit", nil
	}
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = c.String()
	}
	return strings.Join(out, "; "), nil
}

// summaryRow is one Uraian/Nilai row and the kind of its value.
type summaryRow struct {
	label string
	k     kind
	v     any
}

var summaryColumns = []column{{"Uraian", kLong}, {"Nilai", kName}}

// summarySheet writes Ringkasan: the letterhead and period as rows under
// the Uraian/Nilai header (the header stays the first row, as the contract
// wants), then the contract's figures, the breakdowns and the cash
// hand-overs of the period.
func (b *book) summarySheet() error {
	if b.t.overflow != nil {
		return b.t.overflow
	}
	sh, err := b.newSheet(SheetSummary, summaryColumns)
	if err != nil {
		return err
	}
	st, t := b.st, &b.t
	row := func(label string, k kind, v any) error {
		return sh.addCells(excelize.Cell{StyleID: st.text, Value: cellText(label)}, st.cell(k, v))
	}
	head := func(label string) error {
		return sh.addCells(excelize.Cell{StyleID: st.bold, Value: cellText(label)})
	}
	office, err := b.r.Office()
	if err != nil {
		return err
	}
	madeBy := b.opt.MadeBy
	if madeBy == "" {
		madeBy = "(tidak disebutkan)"
	}
	idNote := "disamarkan (paling banyak 4 karakter pertama dan 2 terakhir terlihat)"
	if b.opt.Unmask {
		idNote = "ditampilkan lengkap atas permintaan petugas (tercatat di jejak audit)"
	}
	rows := []summaryRow{
		{"Kantor", kText, office.Name},
		{"Unit", kText, office.Unit},
		{"Alamat", kText, office.Address},
		{"Laporan", kText, b.reportTitle()},
		{LabelPeriod, kText, b.periodLabel()},
		{"Tanggal awal", kDate, dayDate(b.r.From)},
		{"Tanggal akhir", kDate, dayDate(b.r.To)},
		{"Dibuat pada (WIB)", kDateTime, b.opt.Now},
		{"Dibuat oleh", kText, madeBy},
	}
	if !b.noIDs {
		rows = append(rows, summaryRow{LabelIDNumbers, kText, idNote})
	}
	code, err := integrityCode(b.r)
	if err != nil {
		return err
	}
	rows = append(rows, summaryRow{LabelIntegrity, kText, code})
	if t.visits == 0 {
		rows = append(rows, summaryRow{LabelNote, kText, NoVisitsNote})
	}
	rows = append(rows, t.figures("")...)
	for _, r := range rows {
		if err := row(r.label, r.k, r.v); err != nil {
			return err
		}
	}
	if err := t.breakdowns("", head, row); err != nil {
		return err
	}
	if err := b.handovers(head, row); err != nil {
		return err
	}
	if err := b.counterBlocks(head, row); err != nil {
		return err
	}
	return sh.close()
}

// figures are the contract's figures of a tally, each label after prefix
// ("" for the total, CounterPrefix(c) for a counter's block).
func (t *tally) figures(prefix string) []summaryRow {
	var avg, within any
	if t.done > 0 {
		avg = round2(t.served.Seconds() / 60 / float64(t.done))
		within = round2(100 * float64(t.within5) / float64(t.done))
	}
	var ikm any
	mutu := "belum ada responden"
	if t.skm.N > 0 {
		ikm = t.skm.IKM()
		mutu = store.Mutu(t.skm.IKM())
	}
	rows := []summaryRow{
		{LabelVisits, kCount, t.visits},
		{LabelDone, kCount, t.done},
		{LabelCanceled, kCount, t.canceled},
		{LabelReferred, kCount, t.referred},
		{LabelOpen, kCount, t.open},
		{LabelPNBP, kMoney, t.pnbp},
		{LabelCash, kMoney, t.cash},
		{LabelBank, kMoney, t.bank},
		{LabelPayments, kCount, t.payments},
		{LabelAvgService, kDecimal, avg},
		{LabelWithin5, kDecimal, within},
		{LabelRespondents, kCount, t.skm.N},
		{LabelDeclined, kCount, t.declined},
		{LabelIKM, kDecimal, ikm},
		{LabelMutu, kText, mutu},
		{LabelComplaints, kCount, t.complaints},
	}
	for i := range rows {
		rows[i].label = prefix + rows[i].label
	}
	return rows
}

// breakdowns writes a tally's NRR per unsur, visits per kategori instansi
// and products per tariff code, each label after prefix as in figures.
func (t *tally) breakdowns(prefix string, head func(string) error, row func(string, kind, any) error) error {
	if err := head(prefix + "Nilai rata-rata per unsur SKM (NRR)"); err != nil {
		return err
	}
	for i, name := range store.SKMElements {
		var nrr any
		if t.skm.N > 0 {
			nrr = t.skm.NRR(i)
		}
		if err := row(prefix+labelNRRPrefix+"U"+itoa(i+1)+" "+name, kDecimal, nrr); err != nil {
			return err
		}
	}

	if err := head(prefix + "Kunjungan menurut kategori instansi"); err != nil {
		return err
	}
	for _, c := range categories(t.byCategory) {
		name := c
		if name == "" {
			name = "(belum diisi)"
		}
		if err := row(prefix+labelCategoryPref+name, kCount, t.byCategory[c]); err != nil {
			return err
		}
	}

	if err := head(prefix + "Produk yang diminta menurut kode tarif"); err != nil {
		return err
	}
	codes := productCodes(t.codeVisits)
	if len(codes) == 0 {
		if err := row(prefix+"Produk", kText, "tidak ada"); err != nil {
			return err
		}
	}
	for _, c := range codes {
		if err := row(prefix+"Kunjungan dengan produk "+c, kCount, t.codeVisits[c]); err != nil {
			return err
		}
		if err := row(prefix+"Nilai produk "+c+" (Rp)", kMoney, t.codeValue[c]); err != nil {
			return err
		}
	}
	return nil
}

// LabelPerCounter heads the per-counter blocks of an archive's Ringkasan.
const LabelPerCounter = "Rincian per loket (arsip gabungan)"

// CounterPrefix starts each label of a counter's block on an archive's
// Ringkasan: "Loket 1906/A: Jumlah kunjungan".
func CounterPrefix(counter string) string { return "Loket " + counter + ": " }

// counterBlocks writes, on an archive, the figures of each counter merged
// into it, under a bold row naming the counter: every counter the archive
// holds, those without a row in the period included, so that the blocks
// of a figure that adds up (counts, Rupiah) sum to the total above.
func (b *book) counterBlocks(head func(string) error, row func(string, kind, any) error) error {
	if !b.archive() {
		return nil
	}
	known, err := b.r.Counters()
	if err != nil {
		return err
	}
	for _, c := range known {
		b.counter(c)
	}
	labels := slices.Sorted(maps.Keys(b.counters))
	if err := head(LabelPerCounter); err != nil {
		return err
	}
	for _, c := range labels {
		t := b.counters[c]
		if t.overflow != nil {
			return t.overflow
		}
		if err := head("Loket " + c); err != nil {
			return err
		}
		for _, r := range t.figures(CounterPrefix(c)) {
			if err := row(r.label, r.k, r.v); err != nil {
				return err
			}
		}
		if err := t.breakdowns(CounterPrefix(c), head, row); err != nil {
			return err
		}
	}
	return nil
}

// handovers writes the cash hand-overs of the period, read in the same
// snapshot.
func (b *book) handovers(head func(string) error, row func(string, kind, any) error) error {
	if err := head("Serah terima uang tunai kepada bendahara penerimaan"); err != nil {
		return err
	}
	n := 0
	err := b.r.Handovers(func(h store.HandoverRow) error {
		n++
		p := "Serah terima " + itoa(n) + " (hari " + dayDate(h.Day).Format("02-01-2006") + "): "
		for _, r := range []summaryRow{
			{p + "penerimaan tunai tercatat (Rp)", kMoney, h.CashReceipts},
			{p + "uang dihitung (Rp)", kMoney, h.Counted},
			{p + "selisih (Rp)", kMoney, h.Difference},
			{p + "alasan selisih", kText, h.Reason},
			{p + "penerima", kText, h.Recipient},
			{p + "waktu (WIB)", kDateTime, h.HandedAt},
			{p + "petugas", kText, h.Officer},
			{p + "loket", kText, h.Counter}, // on an archive only
		} {
			if r.k == kText && r.v == "" {
				continue
			}
			if err := row(r.label, r.k, r.v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if n == 0 {
		return row("Serah terima", kText, "belum dicatat untuk periode ini")
	}
	return nil
}

// categories orders the kategori instansi as the guest book lists them,
// then any other value, then the visits without one.
func categories(m map[string]int) []string {
	var out []string
	for _, c := range valid.InstCategories {
		if m[c] > 0 {
			out = append(out, c)
		}
	}
	var rest []string
	for c := range m {
		if c != "" && !slices.Contains(valid.InstCategories, c) {
			rest = append(rest, c)
		}
	}
	slices.Sort(rest)
	out = append(out, rest...)
	if m[""] > 0 {
		out = append(out, "")
	}
	return out
}

// productCodes orders tariff codes as the default schedule lists them,
// then any others alphabetically.
func productCodes(m map[string]int) []string {
	var out []string
	known := map[string]bool{}
	for _, it := range tariff.Default().Items {
		known[it.Code] = true
		if m[it.Code] > 0 {
			out = append(out, it.Code)
		}
	}
	var rest []string
	for c := range m {
		if !known[c] {
			rest = append(rest, c)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}
