package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/store"
	"loket/store/valid"
)

// fixClock sets the commands' clock for a test.
func fixClock(t *testing.T, tm time.Time) {
	old := exportClock
	exportClock = func() time.Time { return tm }
	t.Cleanup(func() { exportClock = old })
}

func TestExportUsage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "loket.db")
	envs := map[string]string{"LOKET_DB": db}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--date", "2026-02-30"}, "tanggal 2026-02-30 tidak ada di kalender"},
		{[]string{"--date", "26-11-2026"}, "tanggal harus berformat TTTT-BB-HH"},
		{[]string{"--from", "2026-11-26", "--to", "2026-11-01"}, "--from 2026-11-26 sesudah --to 2026-11-01"},
		{[]string{"--from", "2026-11-01"}, "--from dan --to harus diisi bersama"},
		{[]string{"--date", "2026-11-26", "--from", "2026-11-01", "--to", "2026-11-26"}, "pakai --date, atau --from bersama --to"},
		{[]string{"--tanggal", "2026-11-26"}, "opsi -tanggal tidak dikenal"},
		{[]string{"--unmask"}, "--unmask perlu --petugas"},
		{[]string{"--out", filepath.Join(dir, "laporan.csv")}, "--out harus berkas berakhiran .xlsx"},
		{[]string{"--out", filepath.Join(dir, "tidak-ada", "x.xlsx")}, "untuk --out tidak ada"},
		{[]string{"--out", filepath.Join(dir, "tidak-ada") + string(filepath.Separator)}, "folder --out"},
		{[]string{"lebih"}, "argumen tidak dikenal: lebih"},
	}
	for _, c := range cases {
		code, out, errs := runLoket(t, envs, append([]string{"export"}, c.args...)...)
		if code != 2 || !strings.Contains(errs, c.want) || out != "" {
			t.Errorf("%v: exit %d, %q; want 2 with %q", c.args, code, errs, c.want)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("a usage error created the database")
	}
}

func TestExportWritesWorkbook(t *testing.T) {
	db := demoDB(t, 7, 5)
	envs := map[string]string{"LOKET_DB": db}
	fixClock(t, time.Date(2026, 11, 25, 17, 0, 0, 0, valid.WIB))
	dir := t.TempDir()
	t.Chdir(dir)

	// Beside the counter app: another connection holds the write lock with
	// an uncommitted change; the export reads its own snapshot and is not
	// blocked.
	w, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	tx, err := rawDB(t, w.Path()).Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE office SET name = 'belum disimpan'`); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runLoket(t, envs, "export")
	tx.Rollback()
	want := filepath.Join(dir, "laporan-pst-2026-11-25.xlsx")
	if code != 0 || strings.TrimSpace(out) != want {
		t.Fatalf("export today: %d %q %q", code, out, errs)
	}
	if !strings.Contains(errs, "kunjungan") {
		t.Errorf("no summary line: %q", errs)
	}
	if fi, err := os.Stat(want); err != nil || fi.Size() == 0 {
		t.Fatalf("workbook: %v", err)
	}

	sub := filepath.Join(dir, "Laporan PST")
	os.Mkdir(sub, 0o700)
	code, out, errs = runLoket(t, envs, "export", "--from", "2026-11-20", "--to", "2026-11-26", "--out", sub)
	if code != 0 || strings.TrimSpace(out) != filepath.Join(sub, "laporan-pst-2026-11-20_2026-11-26.xlsx") {
		t.Fatalf("range into folder: %d %q %q", code, out, errs)
	}
	if strings.Contains(errs, "yang sudah ada diganti") {
		t.Errorf("a new file reported as replaced: %q", errs)
	}
	code, _, errs = runLoket(t, envs, "export", "--from", "2026-11-20", "--to", "2026-11-26", "--out", sub)
	if want := "Berkas laporan-pst-2026-11-20_2026-11-26.xlsx yang sudah ada diganti dengan buku kerja baru."; code != 0 || !strings.Contains(errs, want) {
		t.Errorf("range again: exit %d, stderr %q; want %q", code, errs, want)
	}
	named := filepath.Join(sub, "harian.XLSX")
	code, out, errs = runLoket(t, envs, "export", "--date", "2026-11-24", "--out", named, "--petugas", "rina marlina")
	if code != 0 || strings.TrimSpace(out) != named {
		t.Fatalf("named file: %d %q %q", code, out, errs)
	}
	code, _, errs = runLoket(t, envs, "export", "--petugas", "Orang Lain")
	if code != 2 || !strings.Contains(errs, `petugas "Orang Lain" tidak terdaftar`) {
		t.Errorf("unknown officer: %d %q", code, errs)
	}
	code, _, errs = runLoket(t, map[string]string{"LOKET_DB": filepath.Join(dir, "tidak-ada.db")}, "export")
	if code != 1 || !strings.Contains(errs, "tidak ditemukan") {
		t.Errorf("missing database: %d %q", code, errs)
	}
}

func TestExportUnmaskIsAudited(t *testing.T) {
	db := demoDB(t, 7, 5)
	envs := map[string]string{"LOKET_DB": db}
	out := filepath.Join(t.TempDir(), "lengkap.xlsx")
	code, stdout, errs := runLoket(t, envs, "export", "--date", "2026-11-25", "--out", out, "--unmask", "--petugas", "Rina Marlina")
	if code != 0 || strings.TrimSpace(stdout) != out {
		t.Fatalf("unmask: %d %q %q", code, stdout, errs)
	}
	s, err := store.Open(context.Background(), db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	trail, err := s.Audit(context.Background(), "lengkap.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	rina, _ := s.OfficerByName(context.Background(), "Rina Marlina")
	if len(trail) != 1 || trail[0].Action != "tanpa_samaran" || trail[0].OfficerID != rina.ID ||
		!strings.Contains(trail[0].New, "2026-11-25") || trail[0].Personal {
		t.Fatalf("audit %+v", trail)
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
