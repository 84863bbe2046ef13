package main

import (
	"bytes"
	"context"
	"database/sql"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"loket/store"
	"loket/store/demo"
	"loket/store/valid"
)

// demoDB generates days of demo visits (payments included) up to
// 26 November 2026 into a fresh file and returns its path.
func demoDB(t *testing.T, days int, seed int64) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "loket.db")
	until := time.Date(2026, 11, 26, 0, 0, 0, 0, valid.WIB)
	if _, err := demo.Generate(context.Background(), db, demo.Config{Days: days, Until: until, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	return db
}

// randomBytes writes seeded random bytes, a file that is no database.
func randomBytes(t *testing.T, path string) []byte {
	t.Helper()
	b := make([]byte, 16<<10)
	rand.New(rand.NewSource(7)).Read(b)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return b
}

// foreignSQLite writes an SQLite database that is not loket's.
func foreignSQLite(t *testing.T, path string) []byte {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE kontak (nama TEXT); INSERT INTO kontak VALUES ('Ani')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	b, _ := os.ReadFile(path)
	return b
}

// newerDB writes a loket database claiming schema version 99.
func newerDB(t *testing.T, path string) {
	t.Helper()
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
}

var backupLine = regexp.MustCompile(`^(.*loket-\d{8}-\d{6}(-\d+)?\.db\.gz)\n$`)

func TestBackupCommand(t *testing.T) {
	db := demoDB(t, 3, 11)
	// Beside a running app: the app's store is open and holds its lock.
	unlock, err := store.LockApp(db)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	app, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()

	code, out, errs := runLoket(t, nil, "backup", "--db", db)
	m := backupLine.FindStringSubmatch(out)
	if code != 0 || m == nil || errs != "" {
		t.Fatalf("backup: %d %q %q", code, out, errs)
	}
	if filepath.Dir(m[1]) != store.BackupDir(db) {
		t.Errorf("default folder: %s", m[1])
	}
	flash := filepath.Join(t.TempDir(), "FLASHDISK", "loket")
	code, out, errs = runLoket(t, map[string]string{"LOKET_DB": db}, "backup", "--out", flash)
	m = backupLine.FindStringSubmatch(out)
	if code != 0 || m == nil || filepath.Dir(m[1]) != flash {
		t.Fatalf("backup --out: %d %q %q", code, out, errs)
	}
	if runtime.GOOS != "windows" {
		if st, err := os.Stat(m[1]); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("backup file mode: %v %v", st.Mode(), err)
		}
	}
	code, out, _ = runLoket(t, nil, "check", "--db", m[1])
	if code != 0 || !strings.Contains(out, "baik") {
		t.Errorf("check of the backup: %d %q", code, out)
	}
}

func TestCheckCommand(t *testing.T) {
	db := demoDB(t, 3, 11)
	code, out, errs := runLoket(t, nil, "check", "--db", db)
	if code != 0 || !regexp.MustCompile(`^Basis data .* baik: skema versi `+strconv.Itoa(store.SchemaVersion)+`, \d+ kunjungan \(\d+ selesai\), \d+ pembayaran, \d+ baris jejak audit\.\n$`).MatchString(out) {
		t.Fatalf("check: %d %q %q", code, out, errs)
	}
	// A payment changed behind the store's back.
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE payments SET amount = amount + 5000 WHERE id = (SELECT min(id) FROM payments)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, out, errs = runLoket(t, nil, "check", "--db", db)
	// Four sums disagree, the audit row written with the payment holds the
	// old amount, and the day's cash hand-over no longer adds up.
	if code != 1 || !strings.Contains(out, "Ditemukan 6 masalah:") || !strings.Contains(out, "  - pembayaran: kunjungan A-") ||
		!strings.Contains(out, "tidak sama dengan yang dicatat jejak audit saat dibayar") || !strings.Contains(out, "  - penyerahan kas: ") ||
		!strings.Contains(errs, "6 masalah ditemukan; basis data tidak diubah") {
		t.Fatalf("check of a changed payment: %d\n%s\n%s", code, out, errs)
	}
}

func TestRestoreCommand(t *testing.T) {
	db := demoDB(t, 3, 11)
	_, out, _ := runLoket(t, nil, "backup", "--db", db)
	bak := strings.TrimSpace(out)
	// Work goes on after the backup.
	s, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	o, err := s.AddOfficer(context.Background(), "Petugas Sore", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartVisit(context.Background(), o.ID); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, _ := os.ReadFile(db)

	// Without --yes: says what it would do, changes nothing.
	code, out, errs := runLoket(t, nil, "restore", "--from", bak, "--db", db)
	if code != 0 || !strings.Contains(out, "Akan memulihkan "+db) || !strings.Contains(out, "Basis data sebelumnya akan disimpan dulu ke "+store.BackupDir(db)) ||
		!strings.Contains(out, "Belum ada yang diubah. Jalankan lagi dengan --yes") {
		t.Fatalf("dry run: %d %q %q", code, out, errs)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Fatal("the dry run changed the database")
	}

	// Refused while the app has it open.
	unlock, err := store.LockApp(db)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errs = runLoket(t, nil, "restore", "--from", bak, "--db", db, "--yes")
	unlock()
	if code != 1 || errs != "loket restore: loket sudah dibuka di jendela lain untuk basis data ini\n" {
		t.Fatalf("restore beside the app: %d %q", code, errs)
	}

	code, out, errs = runLoket(t, nil, "restore", "--from", bak, "--db", db, "--yes")
	if code != 0 || !strings.Contains(out, "Dipulihkan "+db) || !strings.Contains(out, "-sebelum-pulih.db") {
		t.Fatalf("restore: %d %q %q", code, out, errs)
	}
	s, err = store.Open(context.Background(), db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.OfficerByName(context.Background(), "Petugas Sore"); err == nil {
		t.Error("the restored database holds what was added after the backup")
	}
}
