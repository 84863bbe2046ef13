package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestBackupIsAConsistentOwnerOnlyCopy(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepFinish)
	f.walk(microdata, StepPayment)
	dir := filepath.Join(t.TempDir(), "flashdisk", "cadangan")
	p, err := f.s.Backup(f.ctx, dir)
	f.must(err)
	// The fixture's clock reads 26 Nov 2026 09:0x WIB.
	if filepath.Dir(p) != dir || !strings.HasPrefix(filepath.Base(p), "loket-20261126-090") || !backupName.MatchString(filepath.Base(p)) {
		t.Errorf("backup path %s", p)
	}
	if runtime.GOOS != "windows" {
		st, err := os.Stat(p)
		f.must(err)
		if st.Mode().Perm() != 0o600 {
			t.Errorf("backup mode %v, want 0600", st.Mode().Perm())
		}
	}
	if n := countVisits(t, p); n != 2 {
		t.Errorf("backup holds %d visits, want 2", n)
	}
	// The copy is a plain rollback-journal file: opening it needs no -wal.
	if b := readFile(t, p); b[18] != 1 || b[19] != 1 {
		t.Errorf("backup journal mode bytes %d %d, want 1 1", b[18], b[19])
	}
}

// A backup taken while another connection holds an open write transaction
// (the counter app saving a step) neither waits for it nor holds any of it.
func TestBackupBesideAnOpenWrite(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepRequest)
	tx, err := f.s.db.BeginTx(f.ctx, nil) // immediate: holds the write lock
	f.must(err)
	_, err = tx.Exec(`UPDATE visits SET purpose = 'belum disimpan' WHERE id = ?`, v.ID)
	f.must(err)
	p, err := BackupFile(f.ctx, f.s.Path(), t.TempDir(), f.clock.Now())
	f.must(err)
	f.must(tx.Commit())
	s, err := Open(f.ctx, p, Options{ReadOnly: true})
	f.must(err)
	defer s.Close()
	got, err := s.Visit(f.ctx, v.ID)
	f.must(err)
	if got.Purpose != "Membeli data" {
		t.Errorf("backup holds uncommitted purpose %q", got.Purpose)
	}
}

// A database closed cleanly has no -wal or -shm; the read-only copy must
// still work (SQLite creates the side files a WAL reader needs).
func TestBackupOfAClosedDatabase(t *testing.T) {
	src := closedCopy(t, paidPub)
	if _, err := os.Stat(src + "-wal"); err == nil {
		t.Fatal("fixture left a -wal")
	}
	p, err := BackupFile(context.Background(), src, t.TempDir(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if n := countVisits(t, p); n != 1 {
		t.Errorf("backup holds %d visits", n)
	}
}

func TestBackupKeepsTheNewest30OfItsOwnNames(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	others := []string{"catatan.txt", "loket-lama.db", "loket-20200101-000000-sebelum-pulih.db", "loket.db", "loket-2020.db"}
	for _, n := range others {
		f.must(os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600))
	}
	var made []string
	for i := 0; i < BackupKeep+4; i++ {
		f.clock.Add(time.Hour)
		p, err := f.s.Backup(f.ctx, dir)
		f.must(err)
		made = append(made, filepath.Base(p))
	}
	// Two in the same second get distinct names, and the later one is newer.
	p1, err := f.s.Backup(f.ctx, dir)
	f.must(err)
	p2, err := f.s.Backup(f.ctx, dir)
	f.must(err)
	if p1 == p2 || !strings.HasSuffix(p1, "-2.db") || !strings.HasSuffix(p2, "-3.db") {
		t.Errorf("same-second backups: %s, %s", p1, p2)
	}
	made = append(made, filepath.Base(p1), filepath.Base(p2))

	got := listDir(t, dir)
	want := append([]string{}, others...)
	want = append(want, made[len(made)-BackupKeep:]...)
	if fmt.Sprint(sorted(got)) != fmt.Sprint(sorted(want)) {
		t.Errorf("folder holds\n%v\nwant\n%v", sorted(got), sorted(want))
	}
}

func sorted(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}

func TestAutoBackupOncePerDay(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepGuestBook)
	p, err := f.s.AutoBackup(f.ctx)
	f.must(err)
	if filepath.Dir(p) != filepath.Join(filepath.Dir(f.s.Path()), "backup") {
		t.Errorf("auto backup at %s", p)
	}
	f.clock.Add(3 * time.Hour)
	again, err := f.s.AutoBackup(f.ctx)
	f.must(err)
	if again != "" {
		t.Errorf("second auto backup the same day: %s", again)
	}
	f.clock.Add(24 * time.Hour)
	next, err := f.s.AutoBackup(f.ctx)
	f.must(err)
	if next == "" || next == p {
		t.Errorf("next day's auto backup: %q", next)
	}
	day, err := f.s.Meta(f.ctx, MetaLastBackupDay)
	f.must(err)
	if day != "2026-11-27" {
		t.Errorf("last_backup_day = %q", day)
	}
}

func TestBackupRefusesWhatIsNotLoket(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T, path string)
		want string
	}{
		{"random bytes", func(t *testing.T, p string) { randomFile(t, p, 8192) }, "bukan berkas basis data SQLite"},
		{"another SQLite database", otherSQLite, "bukan milik loket"},
		{"empty file", func(t *testing.T, p string) { os.WriteFile(p, nil, 0o600) }, "berkas kosong"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := tempPath(t, "x.db")
			c.make(t, path)
			before := readFile(t, path)
			out := t.TempDir()
			_, err := BackupFile(context.Background(), path, out, time.Now())
			if !errors.Is(err, ErrNotLoket) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want …%s…", err, c.want)
			}
			sameBytes(t, path, before)
			if got := listDir(t, out); len(got) != 0 {
				t.Errorf("left %v in the backup folder", got)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		path := tempPath(t, "x.db")
		_, err := BackupFile(context.Background(), path, t.TempDir(), time.Now())
		if err == nil || !strings.Contains(err.Error(), "tidak ditemukan") {
			t.Fatalf("err = %v", err)
		}
		if _, err := os.Stat(path); err == nil {
			t.Error("backup created the database")
		}
	})
	t.Run("destination is a file", func(t *testing.T) {
		src := closedCopy(t, paidPub)
		out := tempPath(t, "bukan-folder")
		if err := os.WriteFile(out, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := BackupFile(context.Background(), src, out, time.Now())
		if err == nil || !strings.Contains(err.Error(), "tidak dapat dibuat") {
			t.Fatalf("err = %v", err)
		}
	})
}
