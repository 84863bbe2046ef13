package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

var restoreNow = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC) // 15:00 WIB

// Backup, carry on working, restore: the database is the backup again, and
// what was done after the backup is kept aside, not lost.
func TestRestoreRoundTrip(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepFinish)
	bak, err := f.s.Backup(f.ctx, t.TempDir())
	f.must(err)
	later := f.walk(microdata, StepFinish)
	f.must(f.s.Close())
	db := f.s.Path()

	plan, err := PlanRestore(f.ctx, bak, db, restoreNow)
	f.must(err)
	if !plan.Replaces || plan.Visits != 1 || plan.Version != SchemaVersion || plan.LastDay != "2026-11-26" {
		t.Errorf("plan %+v", plan)
	}
	if _, err := os.Stat(BackupDir(db)); err == nil {
		t.Error("PlanRestore created the backup folder")
	}

	got, err := Restore(f.ctx, bak, db, restoreNow)
	f.must(err)
	if got.Aside != filepath.Join(BackupDir(db), "loket-20261127-150000-sebelum-pulih.db") {
		t.Errorf("aside %s", got.Aside)
	}
	if n := countVisits(t, db); n != 1 {
		t.Errorf("restored database holds %d visits, want 1", n)
	}
	if n := countVisits(t, got.Aside); n != 2 {
		t.Errorf("the replaced database kept aside holds %d visits, want 2", n)
	}
	if runtime.GOOS != "windows" {
		for _, p := range []string{db, got.Aside} {
			if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
				t.Errorf("%s: %v %v", p, st.Mode(), err)
			}
		}
	}
	for _, e := range listDir(t, filepath.Dir(db)) {
		if strings.HasSuffix(e, ".tmp") {
			t.Errorf("temporary file left: %s", e)
		}
	}
	// The app opens the restored file as usual, and the later visit is gone.
	s, err := Open(f.ctx, db, Options{})
	f.must(err)
	defer s.Close()
	if _, err := s.Visit(f.ctx, later.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("visit made after the backup: %v", err)
	}
}

// The database being replaced may have commits still in its -wal (the app
// was killed): they are kept aside with it, and the stale -wal is never
// applied to the restored file.
func TestRestoreOverADatabaseWithAHotWAL(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepFinish)
	bak, err := f.s.Backup(f.ctx, t.TempDir())
	f.must(err)
	f.walk(zeroPub, StepFinish)
	f.walk(microdata, StepFinish)
	// Freeze the files as a power cut would: the main file plus its -wal.
	crashed := filepath.Join(t.TempDir(), "loket.db")
	for _, side := range []string{"", "-wal"} {
		if err := os.WriteFile(crashed+side, readFile(t, f.s.Path()+side), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Restore(f.ctx, bak, crashed, restoreNow)
	f.must(err)
	if n := countVisits(t, p.Aside); n != 3 {
		t.Errorf("kept aside %d visits, want the 3 committed ones", n)
	}
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(crashed + side); err == nil {
			t.Errorf("stale %s left beside the restored database", side)
		}
	}
	if n := countVisits(t, crashed); n != 1 {
		t.Errorf("restored database holds %d visits, want 1", n)
	}
}

// Restoring onto a PC with no database yet (the old PC died).
func TestRestoreOntoANewPC(t *testing.T) {
	src := closedCopy(t, paidPub, microdata)
	bak, err := BackupFile(context.Background(), src, t.TempDir(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "baru", "loket", "loket.db")
	p, err := Restore(context.Background(), bak, db, restoreNow)
	if err != nil {
		t.Fatal(err)
	}
	if p.Replaces || p.Aside != "" {
		t.Errorf("plan %+v", p)
	}
	if n := countVisits(t, db); n != 2 {
		t.Errorf("restored %d visits", n)
	}
}

// A damaged database that SQLite cannot read is kept aside byte for byte.
func TestRestoreKeepsADamagedDatabaseAsItWas(t *testing.T) {
	src := closedCopy(t, paidPub)
	bak, err := BackupFile(context.Background(), src, t.TempDir(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	db := tempPath(t, "loket.db")
	randomFile(t, db, 20000)
	old := readFile(t, db)
	p, err := Restore(context.Background(), bak, db, restoreNow)
	if err != nil {
		t.Fatal(err)
	}
	sameBytes(t, p.Aside, old)
	if n := countVisits(t, db); n != 1 {
		t.Errorf("restored %d visits", n)
	}
}

// Restore checks the backup first; a bad one changes nothing at all.
func TestRestoreRefusesABadBackup(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T, path string)
		want string
	}{
		{"random bytes", func(t *testing.T, p string) { randomFile(t, p, 8192) }, "bukan berkas basis data SQLite"},
		{"empty file", func(t *testing.T, p string) { os.WriteFile(p, nil, 0o600) }, "berkas kosong"},
		{"another SQLite database", otherSQLite, "bukan milik loket"},
		{"newer schema", tooNew, "skema versi 99"},
		{"damaged", func(t *testing.T, p string) {
			damaged(t, closedCopy(t, paidPub, microdata, zeroPub, paidPub, microdata, zeroPub), p)
		}, "rusak"},
		{"missing", func(t *testing.T, p string) {}, "tidak ditemukan"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bak := tempPath(t, "cadangan.db")
			c.make(t, bak)
			db := closedCopy(t, paidPub)
			before, files := readFile(t, db), listDir(t, filepath.Dir(db))
			_, err := Restore(context.Background(), bak, db, restoreNow)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want …%s…", err, c.want)
			}
			sameBytes(t, db, before)
			if got := listDir(t, filepath.Dir(db)); strings.Join(got, ",") != strings.Join(files, ",") {
				t.Errorf("folder was %v, now %v", files, got)
			}
		})
	}
}

func TestRestoreRefusesWhileTheAppIsOpen(t *testing.T) {
	src := closedCopy(t, paidPub)
	bak, err := BackupFile(context.Background(), src, t.TempDir(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	db := closedCopy(t, paidPub, zeroPub)
	unlock, err := LockApp(db)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	before := readFile(t, db)
	_, err = Restore(context.Background(), bak, db, restoreNow)
	if !errors.Is(err, ErrLocked) || err.Error() != "loket sudah dibuka di jendela lain untuk basis data ini" {
		t.Fatalf("err = %v", err)
	}
	sameBytes(t, db, before)
	if _, err := os.Stat(BackupDir(db)); err == nil {
		t.Error("refused restore still wrote to the backup folder")
	}
}

// Another process reading the database (an export) makes restore stop
// before it replaces anything.
func TestRestoreRefusesWhileAnotherConnectionReads(t *testing.T) {
	src := closedCopy(t, paidPub)
	bak, err := BackupFile(context.Background(), src, t.TempDir(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t) // the reader: an open store on the target
	f.walk(zeroPub, StepFinish)
	_, err = Restore(f.ctx, bak, f.s.Path(), restoreNow)
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "sedang dibaca proses lain") {
		t.Fatalf("err = %v", err)
	}
	if got := listDir(t, BackupDir(f.s.Path())); len(got) != 0 {
		t.Errorf("refused restore left %v in the backup folder", got)
	}
	f.must(f.s.Close())
	if _, err := Restore(f.ctx, bak, f.s.Path(), restoreNow.Add(time.Second)); err != nil {
		t.Fatalf("after the reader closed: %v", err)
	}
}

func TestRestoreRefusesTheSameFile(t *testing.T) {
	db := closedCopy(t, paidPub)
	_, err := Restore(context.Background(), db, db, restoreNow)
	if err == nil || !strings.Contains(err.Error(), "berkas yang sama") {
		t.Fatalf("err = %v", err)
	}
	link := filepath.Join(filepath.Dir(db), "tautan.db")
	if err := os.Symlink(db, link); err == nil {
		_, err := Restore(context.Background(), link, db, restoreNow)
		if err == nil || !strings.Contains(err.Error(), "berkas yang sama") {
			t.Fatalf("via symlink: err = %v", err)
		}
	}
}
