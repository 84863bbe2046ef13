//go:build unix

package store

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// The database, its WAL and shared-memory files, backups, the copy kept
// aside by restore, the restored file and the lock file are all readable by
// the owner only, even with the usual umask 022 (which would give 0644).
func TestFilesAreOwnerOnly(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	f := newFixture(t)
	f.walk(paidPub, StepFinish)
	db := f.s.Path()
	unlock, err := LockApp(db)
	f.must(err)
	unlock()
	bak, err := f.s.Backup(f.ctx, filepath.Join(t.TempDir(), "flashdisk"))
	f.must(err)
	auto, err := f.s.AutoBackup(f.ctx)
	f.must(err)
	files := []string{db, db + "-wal", db + "-shm", LockPath(db), bak, auto}
	for _, p := range files {
		mustMode(t, p)
	}
	f.must(f.s.Close())
	p, err := Restore(context.Background(), bak, db, time.Now())
	f.must(err)
	mustMode(t, db)
	mustMode(t, p.Aside)
	s, err := Open(context.Background(), db, Options{})
	f.must(err)
	defer s.Close()
	_, err = s.AddOfficer(context.Background(), "Petugas Kedua", "")
	f.must(err)
	mustMode(t, db+"-wal")
}

func mustMode(t *testing.T, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Errorf("%s: %v", path, err)
		return
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("%s: mode %v, want 0600", filepath.Base(path), st.Mode().Perm())
	}
}
