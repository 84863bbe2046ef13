package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

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
