package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/store"
)

// TestLaporanWritesTheRecap runs the command on a demo month: the file
// gets the period's name in the --out folder (mode 0600), stdout is its
// path and stderr says what it holds; a month has no progress lines.
func TestLaporanWritesTheRecap(t *testing.T) {
	fixClock(t, time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC))
	db := demoDB(t, 5, 3)
	dir := t.TempDir()
	code, out, errs := runLoket(t, nil, "laporan", "--db", db, "--bulan", "2026-11", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := filepath.Join(dir, "rekap-pst-2026-11.xlsx")
	if strings.TrimSpace(out) != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
	fi, err := os.Stat(want)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		t.Errorf("mode %v: readable by others", fi.Mode())
	}
	if !strings.Contains(errs, "November 2026: 30 hari,") || strings.Contains(errs, "baris\n") {
		t.Errorf("stderr %q", errs)
	}
	// The same month again replaces the file and says so, as loket export
	// does; the first run had nothing to replace.
	const notice = "Berkas rekap-pst-2026-11.xlsx yang sudah ada diganti dengan buku kerja baru."
	if strings.Contains(errs, "yang sudah ada diganti") {
		t.Errorf("a new file reported as replaced: %q", errs)
	}
	code, _, errs = runLoket(t, nil, "laporan", "--db", db, "--bulan", "2026-11", "--out", dir)
	if code != 0 || !strings.Contains(errs, notice) {
		t.Errorf("again: exit %d, stderr %q; want %q", code, errs, notice)
	}
	// A year reports its progress.
	code, _, errs = runLoket(t, nil, "laporan", "--db", db, "--tahun", "2026", "--out", dir)
	if code != 0 || !strings.Contains(errs, "Rekap Harian: ") || !strings.Contains(errs, "menyusun berkas") {
		t.Errorf("year: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "rekap-pst-2026.xlsx")); err != nil {
		t.Error(err)
	}
}

// laporan removes what an interrupted recap left in its folder once an
// hour old (it never cleaned up), and nothing younger or foreign.
func TestLaporanRemovesOldLeftovers(t *testing.T) {
	db := demoDB(t, 3, 5)
	dir := t.TempDir()
	old := time.Now().Add(-2 * store.LeftoverAge)
	stale, young, foreign := filepath.Join(dir, ".rekap-pst-2026-10.xlsx.123.tmp"), filepath.Join(dir, ".rekap-pst-2026-09.xlsx.7.tmp"), filepath.Join(dir, "catatan.txt")
	for _, p := range []string{stale, young, foreign} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	os.Chtimes(stale, old, old)
	os.Chtimes(foreign, old, old)
	if code, _, errs := runLoket(t, nil, "laporan", "--db", db, "--bulan", "2026-11", "--out", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("an hour-old leftover stayed")
	}
	for _, p := range []string{young, foreign} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed", filepath.Base(p))
		}
	}
}
