package store

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestLockAppSecondCopyIsToldPlainly(t *testing.T) {
	db := tempPath(t, "loket.db")
	unlock, err := LockApp(db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = LockApp(db)
	var re *RuleError
	if !errors.Is(err, ErrLocked) || !errors.As(err, &re) || err.Error() != "loket sudah dibuka di jendela lain untuk basis data ini" {
		t.Fatalf("second lock: %v", err)
	}
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	if err := unlock(); err != nil {
		t.Fatalf("unlock twice: %v", err)
	}
	again, err := LockApp(db)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	again()
	if runtime.GOOS != "windows" {
		st, err := os.Stat(LockPath(db))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("lock file: %v %v", st.Mode(), err)
		}
	}
}

// Two names of one database share one lock.
func TestLockAppFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "loket.db")
	if err := os.WriteFile(db, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "tautan.db")
	if err := os.Symlink(db, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	unlock, err := LockApp(db)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := LockApp(link); !errors.Is(err, ErrLocked) {
		t.Fatalf("lock through the symlink: %v", err)
	}
}

// The lock is for the app only: check and backup read beside it.
func TestLockLeavesCheckAndBackupWorking(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepFinish)
	unlock, err := LockApp(f.s.Path())
	f.must(err)
	defer unlock()
	if r, err := Check(f.ctx, f.s.Path()); err != nil || !r.OK() {
		t.Fatalf("check beside the app: %v %v", err, r.Problems)
	}
	if _, err := f.s.Backup(f.ctx, t.TempDir()); err != nil {
		t.Fatalf("backup beside the app: %v", err)
	}
	if _, err := BackupFile(f.ctx, f.s.Path(), t.TempDir(), f.clock.Now()); err != nil {
		t.Fatalf("backup command beside the app: %v", err)
	}
}
