package export

import (
	"archive/zip"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"loket/store"
	"loket/store/valid"
)

// TestSampleSize checks the Krejcie–Morgan formula against the whole
// published table (Krejcie & Morgan 1970, Table 1).
func TestSampleSize(t *testing.T) {
	table := map[int]int{
		10: 10, 15: 14, 20: 19, 25: 24, 30: 28, 35: 32, 40: 36, 45: 40, 50: 44, 55: 48, 60: 52, 65: 56, 70: 59,
		75: 63, 80: 66, 85: 70, 90: 73, 95: 76, 100: 80, 110: 86, 120: 92, 130: 97, 140: 103, 150: 108, 160: 113,
		170: 118, 180: 123, 190: 127, 200: 132, 210: 136, 220: 140, 230: 144, 240: 148, 250: 152, 260: 155,
		270: 159, 280: 162, 290: 165, 300: 169, 320: 175, 340: 181, 360: 186, 380: 191, 400: 196, 420: 201,
		440: 205, 460: 210, 480: 214, 500: 217, 550: 226, 600: 234, 650: 242, 700: 248, 750: 254, 800: 260,
		850: 265, 900: 269, 950: 274, 1000: 278, 1100: 285, 1200: 291, 1300: 297, 1400: 302, 1500: 306,
		1600: 310, 1700: 313, 1800: 317, 1900: 320, 2000: 322, 2200: 327, 2400: 331, 2600: 335, 2800: 338,
		3000: 341, 3500: 346, 4000: 351, 4500: 354, 5000: 357, 6000: 361, 7000: 364, 8000: 367, 9000: 368,
		10000: 370, 15000: 375, 20000: 377, 30000: 379, 40000: 380, 50000: 381, 75000: 382, 1000000: 384,
	}
	for n, want := range table {
		if got := SampleSize(n); got != want {
			t.Errorf("SampleSize(%d) = %d, want %d (published table)", n, got, want)
		}
	}
	if SampleSize(0) != 0 || SampleSize(1) != 1 || SampleSize(2) != 2 {
		t.Errorf("small populations: %d %d %d", SampleSize(0), SampleSize(1), SampleSize(2))
	}
}

// TestSampleEnough: one rule for "Sampel Mencukupi", which Laporan SKM
// and the Laporan screen both use. No respondent is never enough, even
// when a period without finished visits asks for a sample of 0.
func TestSampleEnough(t *testing.T) {
	for _, c := range []struct {
		respondents, sample int
		want                bool
	}{{0, 0, false}, {0, 1, false}, {1, 0, true}, {1, 1, true}, {1, 2, false}, {44, 44, true}, {43, 44, false}, {50, 44, true}} {
		if got := SampleEnough(c.respondents, c.sample); got != c.want {
			t.Errorf("SampleEnough(%d, %d) = %v, want %v", c.respondents, c.sample, got, c.want)
		}
		if got := (RecapSummary{Summary: Summary{Ratings: c.respondents}, Sample: c.sample}).SampleEnough(); got != c.want {
			t.Errorf("RecapSummary{%d, %d}.SampleEnough() = %v, want %v", c.respondents, c.sample, got, c.want)
		}
	}
	// A month without visits: population 0, sample 0, no respondent; the
	// sheet and the summary the screen shows say the same: not enough.
	f := newFixture(t)
	path, sum := writeRecap(t, f, MonthPeriod(2026, 10))
	label := map[string]string{}
	for _, r := range sheetRows(t, path, SheetRecapSKM) {
		if len(r) > 1 {
			label[r[0]] = r[1]
		}
	}
	if label[LabelSKMSample] != "0" || label[LabelSKMEnough] != "Tidak" || sum.Sample != 0 || sum.SampleEnough() {
		t.Errorf("empty month: sheet sample %q enough %q; summary sample %d enough %v",
			label[LabelSKMSample], label[LabelSKMEnough], sum.Sample, sum.SampleEnough())
	}
}

// recapFixture fills three days across the year boundary (WIB): on 31
// December 2026 a paid visit (its kuitansi reissued) and a cancelled one,
// with a cash hand-over Rp5.000 short and a complaint; on 1 January 2027
// (00.30 WIB, still 31 December in UTC) a paid visit whose visitor
// declines the survey; on 2 January only a cancellation, and the
// complaint is resolved; that visitor came on 31 December too. It returns the two finished visits' service
// times, measured on the test clock.
func recapFixture(t *testing.T) (*fixture, [2]time.Duration) {
	f := newFixture(t)
	var served [2]time.Duration
	good := [9]int{4, 4, 3, 4, 3, 4, 4, 3, 4}
	f.clock.Set(time.Date(2026, 12, 31, 9, 0, 0, 0, valid.WIB))
	t0 := f.clock.Now()
	first := f.walk(plan{guest: student, use: "Tugas sekolah/kuliah", pay: "tunai", scores: good, reissue: true,
		saran: "=1+1 antrean", items: []store.ItemInput{{Code: "PUB-EL", Title: "Dalam Angka", Pages: 120}}})
	served[0] = f.clock.Now().Sub(t0)
	f.clock.Add(10 * time.Minute)
	f.walk(plan{guest: student, cancelAt: store.StepTerms,
		items: []store.ItemInput{{Code: "PUB-EL", Title: "Statistik Daerah", Pages: 10}}})
	cid, err := f.s.AddComplaint(f.ctx, f.off, "Email", "Antrean lama", "")
	f.must(err)
	f.clock.Set(time.Date(2026, 12, 31, 16, 0, 0, 0, valid.WIB))
	_, err = f.s.RecordCashHandover(f.ctx, f.off, "2026-12-31", 75_000, "Sri Wahyuni", "uang kembalian kurang")
	f.must(err)

	f.clock.Set(time.Date(2027, 1, 1, 0, 30, 0, 0, valid.WIB))
	t1 := f.clock.Now()
	f.walk(plan{guest: company, use: "Komersial", pay: "tunai", declined: true,
		items: []store.ItemInput{{Code: "DM-OLAH", Title: "Tabulasi", Bytes: 1_500_001}}})
	served[1] = f.clock.Now().Sub(t1)

	f.clock.Set(time.Date(2027, 1, 2, 10, 0, 0, 0, valid.WIB))
	again := student // found again in the guest book: the same person
	again.VisitorID = first.VisitorID
	f.walk(plan{guest: again, cancelAt: store.StepRequest})
	f.must(f.s.FollowUpComplaint(f.ctx, f.off, cid, "Selesai", "Loket kedua dibuka"))
	return f, served
}

// sheetRows reads a sheet's raw values, row by row.
func sheetRows(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	x, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func writeRecap(t *testing.T, f *fixture, p Period) (string, RecapSummary) {
	t.Helper()
	path := filepath.Join(t.TempDir(), ReportFileName(p))
	sum, err := Recap(f.ctx, f.s, path, RecapOptions{Period: p, MadeBy: "Rina Petugas", Now: f.clock.Now()})
	f.must(err)
	return path, sum
}

func minutes(d time.Duration) string { return strconv.FormatFloat(round2(d.Seconds()/60), 'f', -1, 64) }

func TestRecapFigures(t *testing.T) {
	f, served := recapFixture(t)
	p, err := ParseRange("2026-12-31", "2027-01-02")
	f.must(err)
	path, sum := writeRecap(t, f, p)
	pct := func(d time.Duration) string {
		if d <= store.ServiceStandard {
			return "100"
		}
		return "0"
	}
	// PUB-EL 120 pages: 50.000 + 2 × 15.000; DM-OLAH 1.500.001 bytes: 22.000 + 501 × 22.
	wantDays := [][]string{
		{"Tanggal", "Kunjungan", "Selesai", "Batal", "Dirujuk", "PNBP Tunai (Rp)", "PNBP Bank (Rp)", "Total PNBP (Rp)",
			"Tunai Diserahkan (Rp)", "Selisih Serah Terima (Rp)", "Rata-rata Waktu Layanan (menit)", "Selesai <= 5 menit (%)"},
		{"46387", "2", "1", "1", "0", "80000", "0", "80000", "75000", "-5000", minutes(served[0]), pct(served[0])},
		{"46388", "1", "1", "0", "0", "33022", "0", "33022", "0", "0", minutes(served[1]), pct(served[1])},
		{"46389", "1", "0", "1", "0", "0", "0", "0", "0", "0"},
		{"Jumlah", "4", "2", "2", "0", "113022", "0", "113022", "75000", "-5000", minutes((served[0] + served[1]) / 2), ""},
	}
	within := 0
	for _, d := range served {
		if d <= store.ServiceStandard {
			within++
		}
	}
	wantDays[4][11] = strconv.FormatFloat(round2(100*float64(within)/2), 'f', -1, 64)
	assertRows(t, "Rekap Harian", sheetRows(t, path, SheetRecapDays), wantDays)

	assertRows(t, "Rekap PNBP", sheetRows(t, path, SheetRecapPNBP), [][]string{
		{"Kode Tarif", "Uraian", "Jumlah Baris", "Baris Tarif Nol Rupiah", "Jumlah (Rp)"},
		{"DM-OLAH", "Data mikro dengan proses (tabulasi, per tabel)", "1", "0", "33022"},
		{"PUB-EL", "Publikasi elektronik", "1", "0", "80000"},
		{"Jumlah", "", "2", "0", "113022"},
		nil,
		{"Metode", "Uraian", "Jumlah Pembayaran", "", "Jumlah (Rp)"},
		{"Tunai", "Tunai di loket, diserahkan ke bendahara penerimaan", "2", "", "113022"},
		{"Jumlah", "", "2", "", "113022"},
		nil,
		{"Kategori Instansi", "Uraian", "Jumlah Pembayaran", "", "Jumlah (Rp)"},
		{"Lembaga Penelitian & Pendidikan", "", "1", "", "80000"},
		{"Swasta", "", "1", "", "33022"},
		{"Jumlah", "", "2", "", "113022"},
	})

	skm := sheetRows(t, path, SheetRecapSKM)
	label := map[string]string{}
	for _, r := range skm {
		if len(r) > 1 {
			label[r[0]] = r[1]
		}
	}
	if skm[1][0] != "U1 Persyaratan" || skm[1][1] != "4" || skm[1][2] != "1" || skm[1][3] != "4" || !strings.HasPrefix(skm[1][4], "0.444444") {
		t.Errorf("Laporan SKM U1: %q", skm[1])
	}
	for k, want := range map[string]string{
		LabelSKMConverted: "91.67", // 25 × 33/9 = 91,666…
		LabelSKMMutu:      "A", LabelSKMKinerja: "Sangat Baik",
		LabelSKMRespond: "1", LabelSKMPopulation: "2", LabelSKMSample: "2", LabelSKMEnough: "Tidak",
		LabelSKMWeakest:    "U3 Waktu penyelesaian (NRR 3,000): tindak lanjut perbaikan",
		"Jenis kelamin: P": "1", "Umur 20–29 tahun": "1", // born 1999, answered in 2026: 27
	} {
		if label[k] != want {
			t.Errorf("Laporan SKM %s = %q, want %q", k, label[k], want)
		}
	}
	if !strings.HasPrefix(label[LabelSKMIKM], "3.66666") || !strings.Contains(label[LabelSKMWeight], "1/9") {
		t.Errorf("IKM %q, weight %q", label[LabelSKMIKM], label[LabelSKMWeight])
	}
	if sum.Population != 2 || sum.Sample != 2 || sum.Receipts != 3 || sum.Days != 3 || sum.PNBP != 113022 {
		t.Errorf("summary %+v", sum)
	}

	// The register lists the voided number with its replacement, in order.
	reg := sheetRows(t, path, SheetRecapReceipt)
	if len(reg) != 4 || reg[1][0] != "KW/1906/A/2026/12/0001" || reg[1][8] != "Dibatalkan" ||
		reg[1][10] != "KW/1906/A/2026/12/0002" || reg[2][8] != "Berlaku" || reg[3][0] != "KW/1906/A/2027/01/0001" {
		t.Errorf("Register Kuitansi: %q", reg)
	}
	// Received 31 December, Selesai 2 January: two days.
	var resolved []string
	for _, r := range sheetRows(t, path, SheetRecapCompl) {
		if len(r) > 5 && r[0] == "Email" && r[3] != "" {
			resolved = r
		}
	}
	if resolved == nil || resolved[5] != "2" {
		t.Errorf("Pengaduan: %q", resolved)
	}
	// The Saran is a string cell, never a formula.
	x, err := excelize.OpenFile(path)
	f.must(err)
	defer x.Close()
	for r := 1; r <= len(skm); r++ {
		ref := "A" + strconv.Itoa(r)
		if v, _ := x.GetCellValue(SheetRecapSKM, ref); v == "=1+1 antrean" {
			if typ, _ := x.GetCellType(SheetRecapSKM, ref); typ != excelize.CellTypeInlineString {
				t.Errorf("Saran cell type %v", typ)
			}
			if fm, _ := x.GetCellFormula(SheetRecapSKM, ref); fm != "" {
				t.Errorf("Saran became a formula %q", fm)
			}
		}
	}
	assertCharts(t, path, "dd/mm/yy") // 31 December to 2 January
}

// TestRecapSemesters splits the fixture at the year boundary: the second
// semester of 2026 holds 31 December, the first of 2027 the January days,
// which have no ratings (the one visitor declined).
func TestRecapSemesters(t *testing.T) {
	f, _ := recapFixture(t)
	s2, sum2 := writeRecap(t, f, SemesterPeriod(2026, 2))
	if len(sheetRows(t, s2, SheetRecapDays)) != 1+184+1 || sum2.Visits != 2 || sum2.PNBP != 80000 || sum2.Ratings != 1 {
		t.Errorf("S2 2026: %d rows, %+v", len(sheetRows(t, s2, SheetRecapDays)), sum2)
	}
	s1, sum1 := writeRecap(t, f, SemesterPeriod(2027, 1))
	if filepath.Base(s1) != "rekap-pst-2027-S1.xlsx" || sum1.Visits != 2 || sum1.PNBP != 33022 || sum1.Ratings != 0 ||
		sum1.Declined != 1 || sum1.Mutu != "" {
		t.Errorf("S1 2027: %s %+v", s1, sum1)
	}
	label := map[string]string{}
	for _, r := range sheetRows(t, s1, SheetRecapSKM) {
		if len(r) > 1 {
			label[r[0]] = r[1]
		} else if len(r) == 1 {
			label[r[0]] = ""
		}
	}
	if label[LabelSKMIKM] != "" || label[LabelSKMConverted] != "" || label[LabelSKMMutu] != "belum ada responden" ||
		label[LabelSKMRespond] != "0" || label[LabelSKMPopulation] != "1" || label[LabelSKMSample] != "1" {
		t.Errorf("S1 2027 without ratings: %q", label)
	}
	// 2 January: only a cancellation.
	days := sheetRows(t, s1, SheetRecapDays)
	if got := days[2]; len(got) < 10 || got[1] != "1" || got[2] != "0" || got[3] != "1" || got[7] != "0" || len(got) > 10 {
		t.Errorf("2 January: %q", got)
	}
	// New and returning: the company's first visit is in January; the
	// student came before (31 December).
	vis := map[string]string{}
	for _, r := range sheetRows(t, s1, SheetRecapVisits) {
		if len(r) > 1 {
			vis[r[0]] = r[1]
		}
	}
	if vis["Pengunjung baru (kunjungan pertama pada periode ini)"] != "1" ||
		vis["Pengunjung kembali (pernah berkunjung sebelum periode ini)"] != "1" {
		t.Errorf("visitors: %q", vis)
	}
	assertCharts(t, s1, "dd/mm")
}

// TestRecapSummaryIsTheExports checks that Ringkasan's figures equal the
// daily workbook's for the same days, row for row.
func TestRecapSummaryIsTheExports(t *testing.T) {
	f, _ := recapFixture(t)
	p, _ := ParseRange("2026-12-31", "2027-01-02")
	rec, _ := writeRecap(t, f, p)
	exp := filepath.Join(t.TempDir(), FileName(p.From, p.To))
	_, err := Export(f.ctx, f.s, exp, Options{From: p.From, To: p.To, MadeBy: "Rina Petugas", Now: f.clock.Now()})
	f.must(err)
	figures := func(path string) [][]string {
		rows := sheetRows(t, path, SheetSummary)
		for i, r := range rows {
			if len(r) > 0 && r[0] == LabelVisits {
				return rows[i:]
			}
		}
		t.Fatalf("%s: no %s", path, LabelVisits)
		return nil
	}
	a, b := figures(rec), figures(exp)
	if len(a) != len(b) {
		t.Fatalf("Ringkasan: %d rows, export %d", len(a), len(b))
	}
	for i := range a {
		if strings.Join(a[i], "|") != strings.Join(b[i], "|") {
			t.Errorf("Ringkasan row %d: %q, export %q", i, a[i], b[i])
		}
	}
	// The recap holds no ID number, so its Ringkasan says nothing about
	// masking them; the export's does.
	labels := func(path string) map[string]string {
		m := map[string]string{}
		for _, r := range sheetRows(t, path, SheetSummary) {
			if len(r) > 1 {
				m[r[0]] = r[1]
			}
		}
		return m
	}
	if v, ok := labels(rec)[LabelIDNumbers]; ok {
		t.Errorf("recap Ringkasan has %s: %q", LabelIDNumbers, v)
	}
	if v := labels(exp)[LabelIDNumbers]; !strings.HasPrefix(v, "disamarkan") {
		t.Errorf("export Ringkasan %s: %q", LabelIDNumbers, v)
	}
}

func assertRows(t *testing.T, sheet string, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, want %d: %q", sheet, len(got), len(want), got)
		return
	}
	for i := range want {
		g := strings.TrimRight(strings.Join(got[i], "|"), "|")
		w := strings.TrimRight(strings.Join(want[i], "|"), "|")
		if g != w {
			t.Errorf("%s row %d:\n got %s\nwant %s", sheet, i+1, g, w)
		}
	}
}

// assertCharts finds the four native charts of Grafik in the package. The
// two charts per day label their day axis with dayFmt (serial numbers
// such as 46327 under an axis left at General, as LibreOffice showed);
// PNBP's value axis is in Rupiah.
func assertCharts(t *testing.T, path, dayFmt string) {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	n, perDay := 0, 0
	axisFmt := func(x, axis string) string {
		m := regexp.MustCompile(`<` + axis + `>.*?<numFmt formatCode="([^"]*)"`).FindStringSubmatch(x)
		if m == nil {
			return ""
		}
		return html.UnescapeString(m[1])
	}
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, "xl/charts/chart") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		n++
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		x := string(b)
		if !strings.Contains(html.UnescapeString(x), "'"+SheetRecapDays+"'!$A$2") {
			continue
		}
		perDay++
		if got := axisFmt(x, "catAx"); got != dayFmt {
			t.Errorf("%s: day axis format %q, want %q", f.Name, got, dayFmt)
		}
		if strings.Contains(html.UnescapeString(x), "'"+SheetRecapDays+"'!$F$2") {
			if got := axisFmt(x, "valAx"); got != fmtRupiah {
				t.Errorf("%s: PNBP axis format %q, want %q", f.Name, got, fmtRupiah)
			}
		}
	}
	if n != 4 || perDay != 2 {
		t.Errorf("%s: %d charts (%d per day), want 4 (2)", path, n, perDay)
	}
}

// TestRecapPNBPNamesFromStoredSchedule: Rekap PNBP's Uraian is the name the
// schedule stored for the visits gives a code, not the built-in one's. The
// office installs a schedule that renames PUB-EL and adds PUB-WEB (a code
// the built-in schedule lacks); a visit paid before it keeps the built-in
// pricing, the later one uses the new schedule, whose names the sheet
// shows (PUB-EL's last payment in the period was priced by it).
func TestRecapPNBPNamesFromStoredSchedule(t *testing.T) {
	f := newFixture(t)
	pub := func(code string, pages int64) store.ItemInput {
		return store.ItemInput{Code: code, Title: "Belitung Timur Dalam Angka", Pages: pages}
	}
	good := [9]int{4, 4, 3, 4, 3, 4, 4, 3, 4}
	first := f.walk(plan{guest: student, use: "Tugas sekolah/kuliah", pay: "tunai", scores: good,
		items: []store.ItemInput{pub("PUB-EL", 120)}})
	b, err := os.ReadFile("../tariff/pp13-2024.tarif")
	f.must(err)
	body := regexp.MustCompile(`(?m)^item: PUB-EL .*$`).ReplaceAllString(string(b),
		"item: PUB-EL | publikasi | Publikasi elektronik (jadwal kantor) | halaman | 50 | 50.000 | 50 | 15.000\n"+
			"item: PUB-WEB | publikasi | Publikasi di laman kantor | halaman | 1 | 1.000 | 0 | 0")
	body = regexp.MustCompile(`(?m)^nama:.*$`).ReplaceAllString(body, "nama: Jadwal Kantor 2026")
	body = regexp.MustCompile(`(?m)^berlaku:.*$`).ReplaceAllString(body, "berlaku: 2026-11-26")
	_, err = f.s.InstallSchedule(f.ctx, f.off, []byte(body))
	f.must(err)
	f.clock.Add(10 * time.Minute)
	second := f.walk(plan{guest: student, use: "Tugas sekolah/kuliah", pay: "tunai", scores: good,
		items: []store.ItemInput{pub("PUB-WEB", 7), pub("PUB-EL", 10)}})
	if first.ScheduleName == second.ScheduleName || second.ScheduleName != "Jadwal Kantor 2026" {
		t.Fatalf("schedules %q and %q", first.ScheduleName, second.ScheduleName)
	}
	path, _ := writeRecap(t, f, MonthPeriod(2026, 11))
	got := map[string][]string{}
	for _, r := range sheetRows(t, path, SheetRecapPNBP) {
		if len(r) > 1 && strings.HasPrefix(r[0], "PUB-") {
			got[r[0]] = r
		}
	}
	for code, want := range map[string][]string{
		"PUB-EL":  {"PUB-EL", "Publikasi elektronik (jadwal kantor)", "2"},
		"PUB-WEB": {"PUB-WEB", "Publikasi di laman kantor", "1"},
	} {
		if r := got[code]; len(r) < 3 || r[1] != want[1] || r[2] != want[2] {
			t.Errorf("Rekap PNBP %s: %q, want %q", code, r, want)
		}
	}
}
