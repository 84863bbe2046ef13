package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/store"
	"loket/store/valid"
)

// A command on a database whose newest record is later than the PC's
// clock prints the warning, and still runs.
func TestCommandsWarnOfAClockInThePast(t *testing.T) {
	db := filepath.Join(t.TempDir(), "loket.db")
	// In WIB, as the warning shows it: between 17:00 and 24:00 UTC the
	// WIB date is a day after the UTC one.
	future := time.Now().AddDate(1, 0, 0).In(valid.WIB)
	s, err := store.Open(context.Background(), db, store.Options{Now: func() time.Time { return future }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddOfficer(context.Background(), "Petugas Masa Depan", ""); err != nil {
		t.Fatal(err)
	}
	s.Close()
	bak := filepath.Join(t.TempDir(), "bak")
	for _, args := range [][]string{{"tarif", "--db", db}, {"export", "--db", db, "--out", t.TempDir()},
		{"backup", "--db", db, "--out", bak}, {"laporan", "--db", db, "--bulan", future.Format("2006-01"), "--out", t.TempDir()},
		{"check", "--db", db}, {"upgrade", "--db", db, "--cek"}, {"upgrade", "--db", db}} {
		code, _, errs := runLoket(t, nil, args...)
		if code != 0 || !strings.Contains(errs, "Peringatan: jam komputer menunjukkan") || !strings.Contains(errs, future.In(valid.WIB).Format("2006-01-02")) {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	fresh := demoDB(t, 2, 1)
	if code, _, errs := runLoket(t, nil, "tarif", "--db", fresh); code != 0 || strings.Contains(errs, "Peringatan") {
		t.Errorf("a right clock: exit %d, %q", code, errs)
	}
}
