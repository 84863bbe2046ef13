package export

import (
	"context"
	"database/sql"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"loket/store"
	"loket/store/valid"
)

var madeAt = time.Date(2026, 11, 26, 16, 30, 0, 0, valid.WIB)

func exportDay(t *testing.T, f *fixture, opt Options) (string, Summary) {
	t.Helper()
	if opt.From == "" {
		opt.From, opt.To = "2026-11-26", "2026-11-26"
	}
	if opt.Now.IsZero() {
		opt.Now = madeAt
	}
	path := filepath.Join(t.TempDir(), FileName(opt.From, opt.To))
	sum, err := Export(context.Background(), f.s, path, opt)
	if err != nil {
		t.Fatal(err)
	}
	return path, sum
}

// TestWorkbookReadBack exports a day built through the store's API, reads
// the file back and recomputes every figure of Ringkasan from the rows of
// the other sheets.
func TestWorkbookReadBack(t *testing.T) {
	f := newFixture(t)
	f.scenario()
	path, sum := exportDay(t, f, Options{MadeBy: "Rina Petugas"})
	if runtime.GOOS != "windows" {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", fi.Mode().Perm())
		}
	}
	b := readWorkbook(t, path)

	if !slices.Equal(b.order, sheetOrder) {
		t.Fatalf("sheets %v, want %v", b.order, sheetOrder)
	}
	for name, want := range contract {
		got := b.headers[name]
		if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
			t.Errorf("%s header\n got %q\nwant %q (then extras)", name, got, want)
		}
	}
	for name, rows := range b.rows {
		for i, r := range rows {
			for h, c := range r {
				if c.formula != "" {
					t.Errorf("%s row %d %s: formula %q", name, i+2, h, c.formula)
				}
			}
		}
	}

	s := b.summary()
	visits := b.rows["Kunjungan"]
	count := func(label string) int64 { t.Helper(); return s[label].int(t) }
	if got := count(LabelVisits); got != int64(len(visits)) || got != 7 || sum.Visits != 7 {
		t.Errorf("Jumlah kunjungan %d, rows %d, summary %d; want 7", got, len(visits), sum.Visits)
	}
	status := map[string]int64{}
	var served float64
	var within int64
	for _, v := range visits {
		status[v["Status"].raw]++
		if v["Status"].raw == "Selesai" {
			d := v["Durasi (menit)"].num(t)
			served += d
			if d <= 5 {
				within++
			}
		}
	}
	for label, st := range map[string]string{LabelDone: "Selesai", LabelCanceled: "Batal", LabelReferred: "Dirujuk ke konsultasi", LabelOpen: "Berjalan"} {
		if count(label) != status[st] {
			t.Errorf("%s = %d, rows with Status %q: %d", label, count(label), st, status[st])
		}
	}
	if status["Selesai"] != 4 || status["Batal"] != 1 || status["Dirujuk ke konsultasi"] != 1 || status["Berjalan"] != 1 {
		t.Errorf("statuses %v", status)
	}
	if avg := s[LabelAvgService].num(t); math.Abs(avg-served/float64(status["Selesai"])) > 0.005+1e-9 {
		t.Errorf("%s %v, recomputed %v", LabelAvgService, avg, served/float64(status["Selesai"]))
	}
	if pct := s[LabelWithin5].num(t); math.Abs(pct-100*float64(within)/float64(status["Selesai"])) > 0.005+1e-9 {
		t.Errorf("%s %v, recomputed %d of %d", LabelWithin5, pct, within, status["Selesai"])
	}

	// PNBP: totals equal the rows; each payment equals its paid lines.
	var total, cash, bank int64
	for _, p := range b.rows["PNBP"] {
		a := p["Jumlah (Rp)"].int(t)
		total += a
		switch p["Metode"].raw {
		case "Tunai":
			cash += a
		case "Bank":
			bank += a
		default:
			t.Errorf("Metode %q", p["Metode"].raw)
		}
		if p["Jumlah (Rp)"].format != fmtRupiah {
			t.Errorf("Jumlah (Rp) format %q", p["Jumlah (Rp)"].format)
		}
	}
	if total != count(LabelPNBP) || cash != count(LabelCash) || bank != count(LabelBank) || total != sum.PNBP {
		t.Errorf("PNBP %d/%d/%d, Ringkasan %d/%d/%d", total, cash, bank, count(LabelPNBP), count(LabelCash), count(LabelBank))
	}
	if total != 488_022 || cash != 178_022 || bank != 310_000 {
		t.Errorf("PNBP total %d tunai %d bank %d; want 488022, 178022, 310000", total, cash, bank)
	}
	if len(b.rows["PNBP"]) != 4 || count(LabelPayments) != 4 {
		t.Errorf("%d payments, want 4 (one of a visit from the day before)", len(b.rows["PNBP"]))
	}
	paidLines := map[string]int64{}
	onProduk := map[string]bool{}
	for _, it := range b.rows["Produk"] {
		id := it["ID Kunjungan"].raw
		onProduk[id] = true
		if it["Dibayar"].raw == "Ya" {
			paidLines[id] += it["Nilai (Rp)"].int(t)
		}
		if tz := it["Tarif Nol Rupiah"].raw; tz != "Ya" && tz != "Tidak" {
			t.Errorf("Tarif Nol Rupiah %q", tz)
		}
	}
	checked := 0
	for _, p := range b.rows["PNBP"] {
		id := p["ID Kunjungan"].raw
		if !onProduk[id] {
			continue
		}
		checked++
		if paidLines[id] != p["Jumlah (Rp)"].int(t) {
			t.Errorf("visit %s paid %d, its paid lines sum to %d", id, p["Jumlah (Rp)"].int(t), paidLines[id])
		}
	}
	if checked != 3 {
		t.Errorf("%d payments checked against their lines, want 3", checked)
	}

	// SKM: IKM from exactly the rows, in integers, rounded half up.
	rows := b.rows["SKM"]
	var sums [9]int64
	for _, r := range rows {
		for i := range sums {
			sc := r["U"+itoa(i+1)].int(t)
			if sc < 1 || sc > 4 {
				t.Errorf("score %d", sc)
			}
			sums[i] += sc
		}
	}
	n := int64(len(rows))
	if n != 3 || count(LabelRespondents) != n || count(LabelDeclined) != 1 {
		t.Errorf("respondents %d, Ringkasan %d, declined %d; want 3 and 1", n, count(LabelRespondents), count(LabelDeclined))
	}
	var all int64
	for _, x := range sums {
		all += x
	}
	hundredths := (2500*all*2 + 9*n) / (2 * 9 * n)
	ikm := s[LabelIKM].num(t)
	if int64(math.Round(ikm*100)) != hundredths || ikm != sum.IKM {
		t.Errorf("IKM %v, recomputed %d/100", ikm, hundredths)
	}
	if s[LabelMutu].raw != store.Mutu(float64(hundredths)/100) {
		t.Errorf("Mutu %q for IKM %v", s[LabelMutu].raw, ikm)
	}
	for i, name := range store.SKMElements {
		got := s[labelNRRPrefix+"U"+itoa(i+1)+" "+name].num(t)
		if math.Abs(got-float64(sums[i])/float64(n)) > 1e-9 {
			t.Errorf("NRR U%d %v, recomputed %v", i+1, got, float64(sums[i])/float64(n))
		}
	}

	if got := count(LabelComplaints); got != int64(len(b.rows["Pengaduan"])) || got != 1 {
		t.Errorf("Jumlah pengaduan %d, rows %d", got, len(b.rows["Pengaduan"]))
	}

	// Letterhead, period, who and when.
	if s["Kantor"].raw != store.DefaultOffice.Name || s["Alamat"].raw != store.DefaultOffice.Address {
		t.Errorf("letterhead %q %q", s["Kantor"].raw, s["Alamat"].raw)
	}
	if s[LabelPeriod].raw != "26 November 2026" || s["Dibuat oleh"].raw != "Rina Petugas" {
		t.Errorf("Periode %q, Dibuat oleh %q", s[LabelPeriod].raw, s["Dibuat oleh"].raw)
	}
	if got := s["Dibuat pada (WIB)"].time(t); !got.Equal(time.Date(2026, 11, 26, 16, 30, 0, 0, time.UTC)) {
		t.Errorf("Dibuat pada %v", got)
	}
	if _, ok := s[LabelNote]; ok {
		t.Errorf("a day with visits says %q", s[LabelNote].raw)
	}
	if count(labelCategoryPref+"Lembaga Penelitian & Pendidikan") != 4 || count("Kunjungan dengan produk PUB-EL") != 3 {
		t.Errorf("breakdowns wrong: %+v", s)
	}
	if count("Serah terima 1 (hari 26-11-2026): uang dihitung (Rp)") != cash-0 || s["Serah terima 1 (hari 26-11-2026): penerima"].raw != "Sri Wahyuni" {
		t.Errorf("hand-over rows missing or wrong")
	}
}

// TestWorkbookValues checks the cells people read: masking, text that
// looks like a formula or a number, dates as dates.
func TestWorkbookValues(t *testing.T) {
	f := newFixture(t)
	f.scenario()
	path, _ := exportDay(t, f, Options{})
	b := readWorkbook(t, path)
	v := b.rows["Kunjungan"][0]
	if v["No. Identitas"].raw != "1906**********01" {
		t.Errorf("ID number %q, want masked", v["No. Identitas"].raw)
	}
	if got := v["Instansi"]; got.raw != `=HYPERLINK("http://contoh.test","klik")` || got.typ != excelize.CellTypeInlineString || got.formula != "" {
		t.Errorf("Instansi %+v: must stay text", got)
	}
	if got := v["No. HP"]; got.raw != "+6281234567890" || got.typ != excelize.CellTypeInlineString {
		t.Errorf("No. HP %+v: must stay text", got)
	}
	if got := v["Tanggal"]; got.time(t) != time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC) || got.format != fmtDate {
		t.Errorf("Tanggal %+v", got)
	}
	if got := v["Jam Datang"].time(t); got != time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC) {
		t.Errorf("Jam Datang %v, want 08:00 WIB", got)
	}
	if v["Langkah Terakhir"].int(t) != 16 || v["Status"].raw != "Selesai" || v["Jumlah Koreksi"].int(t) != 1 {
		t.Errorf("visit 1: %+v", v)
	}
	if got := b.rows["Kunjungan"][1]["Maksud Kunjungan"]; got.raw != "+62812 untuk penelitian" || got.typ != excelize.CellTypeInlineString {
		t.Errorf("Maksud %+v", got)
	}
	if got := b.rows["Kunjungan"][6]["Instansi"].raw; got != "PT Maju\nCabang Manggar" {
		t.Errorf("newline lost: %q", got)
	}
	if got := b.rows["SKM"][0]["Saran"].raw; got != "=1+1\nbaris kedua\tdengan tab" {
		t.Errorf("Saran %q", got)
	}
	c := b.rows["Pengaduan"][0]
	if c["Isi"].raw != "@SUM(A1:A9)\n-2+3 antrean lama" || c["Status"].raw != "Selesai" || c["Tindak Lanjut"].raw != "Loket kedua dibuka" {
		t.Errorf("complaint %+v", c)
	}
	if !strings.Contains(c["Riwayat Tindak Lanjut"].raw, "Diproses: Diteruskan ke Kasubbag Umum\n") {
		t.Errorf("history %q", c["Riwayat Tindak Lanjut"].raw)
	}
	p := b.rows["PNBP"][0]
	if !strings.HasPrefix(p["No. Kuitansi"].raw, "KW/1906/A/2026/11/") || p["Kuitansi Dibatalkan"].raw == "" {
		t.Errorf("reissued kuitansi: %q, void %q", p["No. Kuitansi"].raw, p["Kuitansi Dibatalkan"].raw)
	}
	if got := p["Waktu Bayar"]; got.format != fmtDateTime {
		t.Errorf("Waktu Bayar format %q", got.format)
	}
	for _, p := range b.rows["PNBP"] {
		if p["Metode"].raw == "Bank" && (len(p["Kode Billing"].raw) != 15 || p["Kode Billing"].typ != excelize.CellTypeInlineString) {
			t.Errorf("kode billing %+v", p["Kode Billing"])
		}
	}
	for _, it := range b.rows["Produk"] {
		if it["Kode Tarif"].raw == "PETA-KAB-KEC" && (it["Tersedia"].raw != "Tidak" || it["Nilai (Rp)"].int(t) != 0 || it["Dibayar"].raw != "Tidak") {
			t.Errorf("unavailable line %+v", it)
		}
		if it["Judul"].raw == "Statistik Daerah 2026" && it["Tarif Nol Rupiah"].raw != "Ya" {
			t.Errorf("Rp0 line %+v", it)
		}
	}

	unmasked, _ := exportDay(t, f, Options{Unmask: true})
	if got := readWorkbook(t, unmasked).rows["Kunjungan"][0]["No. Identitas"].raw; got != "1906015203990001" {
		t.Errorf("--unmask: %q", got)
	}
}

// TestWorkbookEmptyPeriod: a period without visits still gives a complete
// workbook whose summary says so.
func TestWorkbookEmptyPeriod(t *testing.T) {
	f := newFixture(t)
	path, sum := exportDay(t, f, Options{From: "2026-11-01", To: "2026-11-02"})
	if filepath.Base(path) != "laporan-pst-2026-11-01_2026-11-02.xlsx" {
		t.Errorf("name %s", filepath.Base(path))
	}
	b := readWorkbook(t, path)
	if !slices.Equal(b.order, sheetOrder) || sum.Visits != 0 {
		t.Fatalf("sheets %v, visits %d", b.order, sum.Visits)
	}
	for _, name := range sheetOrder[1:] {
		if len(b.rows[name]) != 0 {
			t.Errorf("%s has %d rows", name, len(b.rows[name]))
		}
	}
	s := b.summary()
	if s[LabelNote].raw != NoVisitsNote || s[LabelVisits].int(t) != 0 || s[LabelPNBP].int(t) != 0 {
		t.Errorf("summary %+v", s)
	}
	if s[LabelIKM].raw != "" || s[LabelMutu].raw != "belum ada responden" {
		t.Errorf("IKM %q mutu %q without respondents", s[LabelIKM].raw, s[LabelMutu].raw)
	}
	if s[LabelPeriod].raw != "1 November 2026 s.d. 2 November 2026" {
		t.Errorf("Periode %q", s[LabelPeriod].raw)
	}
}

// TestWorkbookDropsWhatXMLCannotCarry writes a control character that got
// into the database some other way (an old version, a merge): the workbook
// is still valid and the character is gone.
func TestWorkbookDropsWhatXMLCannotCarry(t *testing.T) {
	f := newFixture(t)
	v := f.walk(plan{guest: student, stopAt: store.StepRequest})
	if _, err := rawDB(t, f.s.Path()).Exec(`UPDATE visits SET purpose = ?, v_institution = ? WHERE id = ?`,
		"a\x01b\x0bc\uFFFEd\xffe", strings.Repeat("x", 40000), v.ID); err != nil {
		t.Fatal(err)
	}
	path, _ := exportDay(t, f, Options{})
	r := readWorkbook(t, path).rows["Kunjungan"][0]
	if got := r["Maksud Kunjungan"].raw; got != "abcde" {
		t.Errorf("purpose %q", got)
	}
	inst := r["Instansi"].raw
	if utf16Len(inst) > MaxCellChars || !strings.HasSuffix(inst, CutMark) {
		t.Errorf("long text: %d units, ends %q", utf16Len(inst), inst[len(inst)-20:])
	}
}

// Progress is told each sheet in the order written, with its final count
// of rows matching the rows in the file, and last that the file is being
// saved.
func TestWorkbookProgress(t *testing.T) {
	f := newFixture(t)
	f.scenario()
	type call struct {
		sheet string
		rows  int
	}
	var calls []call
	path, _ := exportDay(t, f, Options{Progress: func(sheet string, rows int) { calls = append(calls, call{sheet, rows}) }})
	b := readWorkbook(t, path)

	if len(calls) == 0 || calls[len(calls)-1] != (call{"", 0}) {
		t.Fatalf("last progress call %v, want the save", calls)
	}
	final := map[string]int{}
	var order []string
	for _, c := range calls[:len(calls)-1] {
		if len(order) == 0 || order[len(order)-1] != c.sheet {
			order = append(order, c.sheet)
		}
		if c.rows < final[c.sheet] {
			t.Errorf("%s went back from %d to %d rows", c.sheet, final[c.sheet], c.rows)
		}
		final[c.sheet] = c.rows
	}
	want := []string{SheetVisits, SheetItems, SheetPayments, SheetRatings, SheetComplaints, SheetSummary}
	if !slices.Equal(order, want) {
		t.Errorf("sheets reported %v, want %v", order, want)
	}
	for _, name := range want[:5] {
		if final[name] != len(b.rows[name]) || final[name] == 0 {
			t.Errorf("%s: progress ended at %d rows, the file has %d", name, final[name], len(b.rows[name]))
		}
	}
}

// rawDB opens the database file below the store's API, for a test that
// writes what the API never would; only tests do this (the store has no
// such door).
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
