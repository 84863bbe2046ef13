//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const readOnlyChildEnv = "LOKET_TEST_READONLY_CHILD"

// A WAL database on a read-only folder (a CD, a write-protected flashdisk):
// SQLite must create the -shm beside it even to read, so every command
// failed — check and backup with "bukan basis data loket … Gagal
// menyimpan …", export and laporan with "unable to open database file
// (14)", restore and the app with "open …lock: read-only file system".
// Each now names the read-only folder and says to copy the file to a
// writable one, and changes nothing. The read-only folder is a tmpfs
// remounted read-only in a mount namespace of its own (unshare -m); the
// test is skipped where that is not allowed.
func TestReadOnlyFolderIsSaidPlainly(t *testing.T) {
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("no unshare")
	}
	src := demoDB(t, 2, 9)
	cmd := exec.Command(unshare, "-m", "--propagation", "private", os.Args[0], "-test.run=^TestReadOnlyFolderChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), readOnlyChildEnv+"="+src)
	out, err := cmd.CombinedOutput()
	switch {
	case bytes.Contains(out, []byte("SKIP: ")):
		t.Skipf("child: %s", out)
	case err != nil && !bytes.Contains(out, []byte("=== RUN")):
		t.Skipf("unshare -m not allowed here: %v %s", err, out)
	case err != nil:
		t.Fatalf("child: %v\n%s", err, out)
	}
}

// TestReadOnlyFolderChild runs inside TestReadOnlyFolderIsSaidPlainly's
// mount namespace.
func TestReadOnlyFolderChild(t *testing.T) {
	src := os.Getenv(readOnlyChildEnv)
	if src == "" {
		t.Skip("run by TestReadOnlyFolderIsSaidPlainly")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "mode=0700"); err != nil {
		t.Skipf("SKIP: mount tmpfs: %v", err)
	}
	defer syscall.Unmount(dir, 0)
	db := filepath.Join(dir, "loket.db")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("SKIP: remount read-only: %v", err)
	}
	out := t.TempDir()
	want := "folder " + dir + " hanya-baca atau tidak dapat ditulisi (CD, flashdisk yang dikunci, atau izin ditolak), dan basis data loket.db perlu membuat berkas pendamping di sampingnya agar dapat dibuka. Salin berkas basis data ke folder yang dapat ditulisi (mis. Documents) lalu jalankan lagi dengan --db salinan itu"
	for _, args := range [][]string{
		{"check", "--db", db},
		{"backup", "--db", db, "--out", out},
		{"export", "--db", db, "--date", "2026-11-26", "--out", out},
		{"laporan", "--db", db, "--bulan", "2026-11", "--out", out},
		{"restore", "--db", db, "--from", src, "--yes"},
		{"tarif", "--db", db},
		{"upgrade", "--db", db, "--cek"},
	} {
		code, _, errs := runLoket(t, nil, args...)
		if code != 1 || !strings.Contains(errs, want) {
			t.Errorf("%s: exit %d, %q", args[0], code, errs)
		}
		msg := strings.TrimPrefix(errs, "loket "+args[0]+": ")
		for _, bad := range []string{"store:", "unable to open", "read-only file system", "Gagal menyimpan", "bukan basis data loket"} {
			if strings.Contains(msg, bad) {
				t.Errorf("%s says %q: %s", args[0], bad, errs)
			}
		}
	}
	if now, _ := os.ReadFile(db); !bytes.Equal(now, b) {
		t.Error("the database changed")
	}
}
