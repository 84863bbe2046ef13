package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// leftovers lists the files of dir other than the ones named.
func leftovers(t *testing.T, dir string, keep ...string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if !slices.Contains(keep, e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestWriteFileReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "laporan.xlsx")
	if err := os.WriteFile(path, []byte("lama"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("gagal di tengah")
	err := WriteFile(path, "ekspor", func(w io.Writer) error {
		io.WriteString(w, "setengah")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "lama" {
		t.Errorf("existing file changed to %q", b)
	}
	if l := leftovers(t, dir, "laporan.xlsx"); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}

	if err := WriteFile(path, "ekspor", func(w io.Writer) error { _, err := io.WriteString(w, "baru"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "baru" {
		t.Errorf("file holds %q", b)
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if l := leftovers(t, dir, "laporan.xlsx"); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

func TestWriteFileRenameFails(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "laporan.xlsx")
	// A non-empty folder where the file should go: the rename fails.
	if err := os.MkdirAll(filepath.Join(path, "isi"), 0o700); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(path, "ekspor", func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err })
	if err == nil || !strings.Contains(err.Error(), "tidak dapat mengganti") {
		t.Fatalf("error %v", err)
	}
	if l := leftovers(t, dir, "laporan.xlsx"); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

func TestWriteFileMissingFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tidak-ada")
	err := WriteFile(filepath.Join(dir, "x.xlsx"), "ekspor", func(io.Writer) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "tidak dapat menulis di folder") {
		t.Fatalf("error %v", err)
	}
	// Said in the officer's words, the system's error kept for errors.Is.
	if want := "tidak dapat menulis di folder " + dir + " (drive atau folder induknya tidak ada)"; err.Error() != want || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("error %q, want %q wrapping fs.ErrNotExist", err, want)
	}
}

func TestBusyErrorMessage(t *testing.T) {
	e := &BusyError{Path: `C:\Laporan PST\laporan-pst-2026-11-26.xlsx`, Again: "ekspor"}
	want := `berkas C:\Laporan PST\laporan-pst-2026-11-26.xlsx sedang dibuka di Excel; tutup dulu lalu ekspor lagi`
	if e.Error() != want {
		t.Errorf("%q", e.Error())
	}
}

func TestExportCanceledLeavesNothing(t *testing.T) {
	f := newFixture(t)
	f.scenario()
	dir := t.TempDir()
	path := filepath.Join(dir, FileName("2026-11-26", "2026-11-26"))
	os.WriteFile(path, []byte("kemarin"), 0o600)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Export(ctx, f.s, path, Options{From: "2026-11-26", To: "2026-11-26"}); err == nil {
		t.Fatal("canceled export succeeded")
	}
	if b, _ := os.ReadFile(path); string(b) != "kemarin" {
		t.Errorf("existing workbook changed")
	}
	if l := leftovers(t, dir, filepath.Base(path)); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

// A full disk while the workbook is written is said in the officer's
// words, naming the folder ("disk penuh"), not as "write …: no space left
// on device"; the temporary file is removed and the old workbook stays.
// The full disk is injected: the file system's error, passed back through
// the workbook writer as excelize passes it.
func TestWriteFileDiskFullIsSaidInIndonesian(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("ENOSPC is a Unix code")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "x.xlsx")
	if err := os.WriteFile(path, []byte("lama"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(path, "ekspor", func(w io.Writer) error {
		io.WriteString(w, "sebagian")
		return fmt.Errorf("xlsx: %w", &fs.PathError{Op: "write", Path: filepath.Join(dir, ".x.xlsx.123.tmp"), Err: syscall.ENOSPC})
	})
	if want := "tidak dapat menulis di folder " + dir + " (disk penuh)"; err == nil || err.Error() != want || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("error %v, want %q", err, want)
	}
	if l := leftovers(t, dir, "x.xlsx"); len(l) != 0 {
		t.Errorf("left %v", l)
	}
	if b, _ := os.ReadFile(path); string(b) != "lama" {
		t.Errorf("old workbook now %q", b)
	}
}
