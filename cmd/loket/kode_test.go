package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"loket/store/valid"
)

// ringkasanCode reads the Kode integritas row of a workbook's Ringkasan.
func ringkasanCode(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Ringkasan")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) >= 2 && r[0] == "Kode integritas" {
			return r[1]
		}
	}
	t.Fatalf("%s: Ringkasan has no Kode integritas row", path)
	return ""
}

// The anchor end to end: the code on a closed day's workbook is the same on
// a second export made later, `loket check --kode` accepts it on the
// untouched file and after a later day's row is edited, and refuses it,
// naming the row, once a row of that day is edited.
func TestCheckKode(t *testing.T) {
	db := demoDB(t, 3, 7)
	fixClock(t, time.Date(2026, 11, 26, 17, 0, 0, 0, valid.WIB))
	dir := t.TempDir()
	envs := map[string]string{"LOKET_DB": db}
	export := func(name string) string {
		out := filepath.Join(dir, name)
		if code, _, errs := runLoket(t, envs, "export", "--date", "2026-11-24", "--out", out); code != 0 {
			t.Fatalf("export: %d %s", code, errs)
		}
		return ringkasanCode(t, out)
	}
	kode := export("a.xlsx")
	if !strings.Contains(kode, "-") || len(kode) < 30 {
		t.Fatalf("Kode integritas %q", kode)
	}
	// A later export (the unmasked one writes an audit row of its own, today).
	if code, _, errs := runLoket(t, envs, "export", "--date", "2026-11-25", "--out", filepath.Join(dir, "c.xlsx")); code != 0 {
		t.Fatalf("export: %d %s", code, errs)
	}
	if again := export("b.xlsx"); again != kode {
		t.Fatalf("two exports of a closed day: %q then %q", kode, again)
	}
	code, out, errs := runLoket(t, envs, "check", "--kode", kode)
	if code != 0 || !strings.HasPrefix(out, "Kode integritas cocok: jejak audit ") || !strings.Contains(out, "24-11-2026") {
		t.Fatalf("check --kode on the untouched file: %d %q %q", code, out, errs)
	}

	edit := func(where string) {
		raw, err := sql.Open("sqlite", db)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		raw.SetMaxOpenConns(1)
		for _, q := range []string{`DROP TRIGGER audit_no_update`,
			`UPDATE audit SET new = '1' WHERE seq = (SELECT max(seq) FROM audit WHERE new IS NOT NULL AND ` + where + `)`,
			`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	}
	edit(`at >= '2026-11-25T17:00:00'`) // 26 November WIB
	if code, out, errs = runLoket(t, envs, "check", "--kode", kode); code != 0 {
		t.Fatalf("check --kode after an edit of a later day: %d %q %q", code, out, errs)
	}
	if code, out, _ = runLoket(t, envs, "check", "--db", db); code != 1 || !strings.Contains(out, "rantai audit: jejak audit loket ") {
		t.Fatalf("plain check after the edit: %d %q", code, out)
	}
	edit(`at >= '2026-11-23T17:00:00' AND at < '2026-11-24T17:00:00'`) // 24 November WIB
	code, out, errs = runLoket(t, envs, "check", "--kode", kode)
	if code != 1 || !strings.Contains(errs, "TIDAK cocok") || !strings.Contains(errs, "baris ") {
		t.Fatalf("check --kode after an edit of the day: %d %q %q", code, out, errs)
	}
	if code, _, errs = runLoket(t, envs, "check", "--kode", "bukan kode"); code != 1 || !strings.Contains(errs, "Kode integritas: ") {
		t.Errorf("unreadable code: %d %q", code, errs)
	}
}
