package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"loket/store"
	"loket/store/demo"
	"loket/store/valid"
)

var exportSummary = regexp.MustCompile(`(\d+) kunjungan, (\d+) baris produk, (\d+) pembayaran \(Rp([\d.]+)\)`)

// exportFigures exports the period from db and returns the visits, item
// rows, payments and PNBP of its summary line.
func exportFigures(t *testing.T, db, out string) [4]int64 {
	t.Helper()
	code, _, errs := runLoket(t, nil, "export", "--db", db, "--from", "2026-11-01", "--to", "2026-11-26", "--out", out)
	m := exportSummary.FindStringSubmatch(errs)
	if code != 0 || m == nil {
		t.Fatalf("export %s: %d %q", db, code, errs)
	}
	var f [4]int64
	for i := range f {
		n, err := strconv.ParseInt(strings.ReplaceAll(m[i+1], ".", ""), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		f[i] = n
	}
	return f
}

func TestGabungExportsTheUnion(t *testing.T) {
	dir := t.TempDir()
	until := time.Date(2026, 11, 26, 0, 0, 0, 0, valid.WIB)
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	if _, err := demo.Generate(context.Background(), a, demo.Config{Days: 10, Until: until, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Generate(context.Background(), b, demo.Config{Days: 10, Until: until, Seed: 6, Counter: "B"}); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(dir, "arsip.db")
	code, out, errs := runLoket(t, nil, "gabung", "--ke", archive, a, b)
	if code != 0 || !strings.Contains(out, "2 sumber") || !strings.Contains(errs, "loket 1906/B") {
		t.Fatalf("gabung: %d %q %q", code, out, errs)
	}
	code, _, errs = runLoket(t, nil, "gabung", a, "--ke", archive)
	if code != 0 || !strings.Contains(errs, "tidak ada yang baru") {
		t.Fatalf("gabung again: %d %q", code, errs)
	}
	fa, fb, fz := exportFigures(t, a, filepath.Join(dir, "a.xlsx")), exportFigures(t, b, filepath.Join(dir, "b.xlsx")), exportFigures(t, archive, filepath.Join(dir, "z.xlsx"))
	for i := range fz {
		if fz[i] != fa[i]+fb[i] || fa[i] == 0 {
			t.Fatalf("archive's export %v, counters' %v + %v", fz, fa, fb)
		}
	}
	// The archive's workbook says which counter each visit and payment
	// is from (Loket, last), and Ringkasan gives each counter's figures.
	wz := readXLSX(t, filepath.Join(dir, "z.xlsx"))
	for _, c := range []struct {
		sheet   string
		a, b, n int64
	}{{"Kunjungan", fa[0], fb[0], 0}, {"PNBP", fa[2], fb[2], 0}} {
		rows := wz.rows(c.sheet)
		head := rows[0]
		if head[len(head)-1] != "Loket" {
			t.Fatalf("archive's %s ends with %q", c.sheet, head[len(head)-1])
		}
		per := map[string]int64{}
		for _, r := range rows[1:] {
			per[r[len(head)-1]]++
		}
		if len(per) != 2 || per["1906/A"] != c.a || per["1906/B"] != c.b {
			t.Fatalf("archive's %s rows per Loket %v, counters' %d and %d", c.sheet, per, c.a, c.b)
		}
	}
	sum := map[string]string{}
	for _, r := range wz.rows("Ringkasan") {
		if len(r) > 1 {
			sum[r[0]] = r[1]
		}
	}
	for c, f := range map[string][4]int64{"1906/A": fa, "1906/B": fb} {
		for label, want := range map[string]int64{"Jumlah kunjungan": f[0], "Jumlah pembayaran": f[2], "Total PNBP (Rp)": f[3]} {
			if got := sum["Loket "+c+": "+label]; got != strconv.FormatInt(want, 10) {
				t.Errorf("archive's Ringkasan Loket %s: %s = %q, the counter's export %d", c, label, got, want)
			}
		}
	}
	if a := readXLSX(t, filepath.Join(dir, "a.xlsx")).rows("Kunjungan")[0]; a[len(a)-1] == "Loket" {
		t.Errorf("a counter's Kunjungan has a Loket column")
	}
	if code, out, _ := runLoket(t, nil, "check", "--db", archive); code != 0 || !strings.Contains(out, "baik") {
		t.Fatalf("check on the archive: %d %q", code, out)
	}
	if code, _, errs := runLoket(t, nil, "tarif", "--db", archive); code != 1 || !strings.Contains(errs, "arsip gabungan") {
		t.Fatalf("tarif on the archive: %d %q", code, errs)
	}
	for _, args := range [][]string{{"gabung", a}, {"gabung", "--ke", archive}} {
		if code, _, errs := runLoket(t, nil, args...); code != 2 {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
}

func TestSalinTanpaIdentitas(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.db")
	if _, err := demo.Generate(context.Background(), a, demo.Config{Days: 3, Until: time.Date(2026, 11, 26, 0, 0, 0, 0, valid.WIB), Seed: 7}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "provinsi.db")
	code, stdout, errs := runLoket(t, nil, "salin-tanpa-identitas", a, out)
	if code != 0 || !strings.Contains(stdout, "pengunjung dianonimkan") {
		t.Fatalf("salin: %d %q %q", code, stdout, errs)
	}
	if code, _, errs := runLoket(t, nil, "salin-tanpa-identitas", a, out); code != 1 || !strings.Contains(errs, "sudah ada") {
		t.Fatalf("existing copy: %d %q", code, errs)
	}
	if code, _, _ := runLoket(t, nil, "salin-tanpa-identitas", a); code != 2 {
		t.Fatalf("one argument: %d", code)
	}
	if code, out, _ := runLoket(t, nil, "check", "--db", out); code != 0 {
		t.Fatalf("check of the copy: %d %q", code, out)
	}
}

// fileDigest is the SHA-256 of a file's bytes.
func fileDigest(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// An archive is read: a reprint from it is written and not counted, the
// reissue and the unmasked SPPD sheet (which must be recorded) are
// refused, and laporan reads it; the archive's bytes stay as they were.
func TestDokumenAndLaporanOnArchiveWriteNothing(t *testing.T) {
	db := demoDB(t, 7, 5)
	bank, cash := paidVisits(t, db)
	dir := t.TempDir()
	archive := filepath.Join(dir, "arsip.db")
	if code, _, errs := runLoket(t, nil, "gabung", "--ke", archive, db); code != 0 {
		t.Fatalf("gabung: %d %q", code, errs)
	}
	before := fileDigest(t, archive)
	kw := cash.ActiveInvoice(store.KindReceipt)
	code, out, errs := runLoket(t, nil, "dokumen", "--db", archive, "--nomor", kw.Number, "--out", dir)
	if code != 0 || !strings.HasSuffix(strings.TrimSpace(out), ".xlsx") || !strings.Contains(errs, "tidak dihitung dan tidak dicatat") {
		t.Fatalf("reprint from the archive: %d %q %q", code, out, errs)
	}
	code, out, errs = runLoket(t, nil, "dokumen", "--db", archive, "--visit", bank.ID, "--jenis", "invoice", "--petugas", "Andi Pratama", "--out", dir)
	if code != 0 || !strings.HasSuffix(strings.TrimSpace(out), ".xlsx") {
		t.Fatalf("invoice from the archive: %d %q %q", code, out, errs)
	}
	for _, args := range [][]string{
		{"--visit", bank.ID, "--jenis", "sppd", "--unmask", "--petugas", "Andi Pratama", "--out", dir},
		{"--visit", cash.ID, "--jenis", "kuitansi", "--terbit-ulang", "Nama salah", "--petugas", "Andi Pratama", "--out", dir},
	} {
		code, _, errs := runLoket(t, nil, append([]string{"dokumen", "--db", archive}, args...)...)
		if code != 1 || !strings.Contains(errs, "arsip gabungan") || !strings.Contains(errs, "loket asal kunjungan") {
			t.Errorf("%v on the archive: %d %q", args, code, errs)
		}
	}
	code, out, errs = runLoket(t, nil, "laporan", "--db", archive, "--bulan", "2026-11", "--out", dir)
	if code != 0 || !strings.Contains(errs, "kunjungan") {
		t.Fatalf("laporan on the archive: %d %q %q", code, out, errs)
	}
	if fileDigest(t, archive) != before {
		t.Fatal("dokumen or laporan changed the archive")
	}
	s, err := store.Open(context.Background(), archive, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, err := s.Visit(context.Background(), cash.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := v.ActiveInvoice(store.KindReceipt); got.Number != kw.Number || got.Printed != kw.Printed {
		t.Fatalf("kuitansi in the archive after a reprint: %+v, was printed %d times", got, kw.Printed)
	}
}

// gabung --tanpa-identitas makes an archive without identities, which a
// merge with identities is then refused.
func TestGabungTanpaIdentitas(t *testing.T) {
	db := demoDB(t, 3, 9)
	archive := filepath.Join(t.TempDir(), "provinsi.db")
	code, out, errs := runLoket(t, nil, "gabung", "--tanpa-identitas", "--ke", archive, db)
	if code != 0 || !strings.Contains(out, "(tanpa identitas pengunjung): 1 sumber") || !strings.Contains(errs, "disalin tanpa identitas") {
		t.Fatalf("gabung --tanpa-identitas: %d %q %q", code, out, errs)
	}
	before := fileDigest(t, archive)
	code, _, errs = runLoket(t, nil, "gabung", "--ke", archive, db)
	if code != 1 || !strings.Contains(errs, "arsip ini tanpa identitas pengunjung") {
		t.Fatalf("gabung with identities into it: %d %q", code, errs)
	}
	if fileDigest(t, archive) != before {
		t.Fatal("the archive changed")
	}
}

// demo --kantor and --loket make another counter that merges beside the
// default one even with the same --seed (its IDs, NTPNs and billing codes
// are its own), and the archive passes check. Two such counters have
// officers of the same names, each kept as its counter's own record; on
// the archive such a name names no one officer.
func TestDemoKantorMergesBesideCounterA(t *testing.T) {
	dir := t.TempDir()
	a, c, d := filepath.Join(dir, "a.db"), filepath.Join(dir, "c.db"), filepath.Join(dir, "d.db")
	for _, args := range [][]string{
		{"demo", "--db", a, "--days", "3", "--until", "2026-11-26"},
		{"demo", "--db", c, "--days", "3", "--until", "2026-11-26", "--kantor", "1971", "--loket", "C"},
		{"demo", "--db", d, "--days", "3", "--until", "2026-11-26", "--kantor", "1971", "--loket", "D"},
	} {
		if code, _, errs := runLoket(t, nil, args...); code != 0 {
			t.Fatalf("%v: %d %q", args, code, errs)
		}
	}
	archive := filepath.Join(dir, "arsip.db")
	code, _, errs := runLoket(t, nil, "gabung", "--ke", archive, a, c, d)
	if code != 0 || !strings.Contains(errs, "(loket 1971/C)") || !strings.Contains(errs, "(loket 1971/D)") {
		t.Fatalf("gabung: %d %q", code, errs)
	}
	if code, out, _ := runLoket(t, nil, "check", "--db", archive); code != 0 || !strings.Contains(out, "baik") {
		t.Fatalf("check on the archive: %d %q", code, out)
	}
	raw, err := sql.Open("sqlite", "file:"+archive+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var budi, origins int
	if err := raw.QueryRow(`SELECT count(*), count(DISTINCT origin) FROM officers WHERE name = 'Budi Santoso'`).Scan(&budi, &origins); err != nil {
		t.Fatal(err)
	}
	if budi != 2 || origins != 2 {
		t.Fatalf("Budi Santoso in the archive: %d records from %d counters, want 2 from 2", budi, origins)
	}
	xlsx := filepath.Join(dir, "arsip.xlsx")
	code, _, errs = runLoket(t, nil, "export", "--db", archive, "--date", "2026-11-26", "--petugas", "Budi Santoso", "--out", xlsx)
	if code == 0 || !strings.Contains(errs, `petugas "Budi Santoso" terdaftar di 2 loket dalam arsip ini (1971/C, 1971/D)`) {
		t.Fatalf("export of the archive as an officer two counters have: %d %q", code, errs)
	}
	if code, _, errs := runLoket(t, nil, "export", "--db", archive, "--date", "2026-11-26", "--petugas", "Andi Pratama", "--out", xlsx); code != 0 {
		t.Fatalf("export of the archive as counter A's officer: %d %q", code, errs)
	}
	if code, _, errs := runLoket(t, nil, "demo", "--db", filepath.Join(dir, "x.db"), "--days", "1", "--until", "2026-11-26", "--kantor", "19a6"); code == 0 || !strings.Contains(errs, "Kode kantor") {
		t.Fatalf("--kantor 19a6: %d %q", code, errs)
	}
}

// The commands that write refuse an archive through the command line
// (demo, tarif and tarif pasang; the app is store.Open's refusal, tested
// in the store), its bytes unchanged. backup copies an archive, and
// restore puts an archive's own backup back: both work on files, and
// restore keeps the former file aside.
func TestWritingCommandsRefuseAnArchive(t *testing.T) {
	db := demoDB(t, 3, 11)
	dir := t.TempDir()
	archive := filepath.Join(dir, "arsip.db")
	if code, _, errs := runLoket(t, nil, "gabung", "--ke", archive, db); code != 0 {
		t.Fatalf("gabung: %d %q", code, errs)
	}
	before := fileDigest(t, archive)
	for _, args := range [][]string{
		{"demo", "--db", archive, "--days", "1", "--until", "2026-11-26"},
		{"tarif", "--db", archive},
		{"tarif", "pasang", filepath.Join("..", "..", "tariff", "pp13-2024.tarif"), "--petugas", "Andi Pratama", "--db", archive},
	} {
		code, _, errs := runLoket(t, nil, args...)
		if code != 1 || !strings.Contains(errs, "arsip gabungan (loket gabung)") {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
	if fileDigest(t, archive) != before {
		t.Fatal("a refused command changed the archive")
	}
	code, out, errs := runLoket(t, nil, "backup", "--db", archive)
	if code != 0 {
		t.Fatalf("backup of the archive: %d %q", code, errs)
	}
	if code, _, errs := runLoket(t, nil, "restore", "--db", archive, "--from", strings.TrimSpace(out), "--yes"); code != 0 {
		t.Fatalf("restore of the archive's backup: %d %q", code, errs)
	}
	if code, _, errs := runLoket(t, nil, "tarif", "--db", archive); code != 1 || !strings.Contains(errs, "arsip gabungan") {
		t.Fatalf("the restored file is no longer an archive: %d %q", code, errs)
	}
	if code, out, _ := runLoket(t, nil, "check", "--db", archive); code != 0 {
		t.Fatalf("check of the restored archive: %d %q", code, out)
	}
}

// xlsx is a workbook read back with raw cell values.
type xlsx struct {
	t *testing.T
	f *excelize.File
}

func readXLSX(t *testing.T, path string) xlsx {
	t.Helper()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return xlsx{t, f}
}

func (x xlsx) rows(sheet string) [][]string {
	x.t.Helper()
	rows, err := x.f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil || len(rows) == 0 {
		x.t.Fatalf("%s: %d rows, %v", sheet, len(rows), err)
	}
	return rows
}
