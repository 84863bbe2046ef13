package folder

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"loket/store"
)

// The system's codes for the reasons an officer can act on, as the
// counter's system gives them: Windows on the counter PCs, Unix elsewhere.
func exportFolderCodes() map[syscall.Errno]string {
	if runtime.GOOS == "windows" {
		return map[syscall.Errno]string{
			syscall.Errno(5):   "tidak ada izin menulis",                // ERROR_ACCESS_DENIED
			syscall.Errno(19):  "disk atau flashdisk hanya-baca",        // ERROR_WRITE_PROTECT
			syscall.Errno(112): "disk penuh",                            // ERROR_DISK_FULL
			syscall.Errno(39):  "disk penuh",                            // ERROR_HANDLE_DISK_FULL
			syscall.Errno(21):  "drive tidak siap (flashdisk dicabut?)", // ERROR_NOT_READY
			syscall.Errno(3):   "drive atau folder induknya tidak ada",  // ERROR_PATH_NOT_FOUND
			syscall.Errno(15):  "drive atau folder induknya tidak ada",  // ERROR_INVALID_DRIVE
			syscall.Errno(267): "alamat itu berkas, bukan folder",       // ERROR_DIRECTORY
		}
	}
	return map[syscall.Errno]string{
		syscall.EACCES:  "tidak ada izin menulis",
		syscall.EPERM:   "tidak ada izin menulis",
		syscall.EROFS:   "disk atau flashdisk hanya-baca",
		syscall.ENOSPC:  "disk penuh",
		syscall.EIO:     "drive tidak siap (flashdisk dicabut?)",
		syscall.ENOENT:  "drive atau folder induknya tidak ada",
		syscall.ENOTDIR: "alamat itu berkas, bukan folder",
	}
}

func TestExportFolderProblemSaysTheReasonInIndonesian(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Laporan") // nothing on the way is a file
	for code, want := range exportFolderCodes() {
		for _, err := range []error{
			&fs.PathError{Op: "mkdir", Path: dir, Err: code},
			fmt.Errorf("cadangan: %w", &fs.PathError{Op: "open", Path: dir, Err: code}),
		} {
			if got := FolderProblem(err); got != want {
				t.Errorf("%v (code %d): %q, want %q", err, uintptr(code), got, want)
			}
		}
	}
	// A store that finds the disk full says so with its own sentinel.
	if got := FolderProblem(fmt.Errorf("salin: %w", &store.RuleError{Kind: store.ErrDiskFull, Msg: "Gagal menyimpan: disk penuh."})); got != "disk penuh" {
		t.Errorf("store's full disk: %q", got)
	}
	// Anything else: general Indonesian words, the system's text in
	// parentheses for support, without the path.
	odd := &fs.PathError{Op: "mkdir", Path: dir, Err: errors.New("weird device failure")}
	if got := FolderProblem(odd); got != "tidak dapat ditulisi (weird device failure)" {
		t.Errorf("other error: %q", got)
	}
}

// Windows says "path not found" also when a file stands where a folder of
// the path should be; folderProblem looks at the disk to tell them apart.
func TestExportFolderProblemFindsAFileInTheWay(t *testing.T) {
	file := filepath.Join(t.TempDir(), "berkas")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	inWay := &fs.PathError{Op: "mkdir", Path: filepath.Join(file, "Laporan", "PST"), Err: fs.ErrNotExist}
	if got := FolderProblem(inWay); got != "alamat itu berkas, bukan folder" {
		t.Errorf("a file in the way: %q", got)
	}
	missing := &fs.PathError{Op: "mkdir", Path: filepath.Join(t.TempDir(), "tidak", "ada"), Err: fs.ErrNotExist}
	if got := FolderProblem(missing); got != "drive atau folder induknya tidak ada" {
		t.Errorf("a missing folder: %q", got)
	}
}

// The error the end-of-day screen and the documents show names the folder
// and says why in Indonesian, never the system's English.
func TestExportFolderErrorIsIndonesian(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bukan-folder")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{file, filepath.Join(file, "Laporan")} {
		_, err := ExportFolder(store.Office{ExportDir: dir})
		var fe *FolderError
		if !errors.As(err, &fe) {
			t.Fatalf("%s: %v, want a folderError", dir, err)
		}
		want := "folder ekspor " + dir + " tidak dapat dibuat (alamat itu berkas, bukan folder); periksa Pengaturan (s)"
		if err.Error() != want {
			t.Errorf("got  %q\nwant %q", err.Error(), want)
		}
		if !errors.Is(err, syscall.ENOTDIR) && runtime.GOOS != "windows" {
			t.Errorf("%s: the system's error is not kept for errors.Is: %v", dir, err)
		}
	}
}

// Saying where the folder is makes nothing; exportFolder makes it, for
// the user only.
func TestExportDirOfMakesNothingAndExportFolderMakesIt(t *testing.T) {
	home := t.TempDir()
	old := UserHome
	UserHome = func() (string, error) { return home, nil }
	t.Cleanup(func() { UserHome = old })
	def := filepath.Join(home, "Documents", DefaultExportSub)
	set := filepath.Join(t.TempDir(), "Ekspor", "PST")
	for _, c := range []struct {
		o    store.Office
		want string
	}{{store.Office{}, def}, {store.Office{ExportDir: set}, set}} {
		got, err := ExportDirOf(c.o)
		if err != nil || got != c.want {
			t.Fatalf("exportDirOf(%q) = %q, %v; want %q", c.o.ExportDir, got, err, c.want)
		}
		if _, err := os.Stat(got); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("exportDirOf made %s: %v", got, err)
		}
	}
	if got, err := DefaultExportDir(); err != nil || got != def {
		t.Fatalf("defaultExportDir = %q, %v", got, err)
	}
	if _, err := os.Stat(filepath.Join(home, "Documents")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("defaultExportDir made Documents: %v", err)
	}
	got, err := ExportFolder(store.Office{})
	if err != nil || got != def {
		t.Fatalf("exportFolder = %q, %v", got, err)
	}
	fi, err := os.Stat(def)
	if err != nil || !fi.IsDir() {
		t.Fatalf("exportFolder did not make %s: %v", def, err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o700 {
		t.Fatalf("export folder mode %v, want 0700", fi.Mode().Perm())
	}
	// A home that cannot be found is said in Indonesian, with the way out.
	UserHome = func() (string, error) { return "", errors.New("$HOME is not defined") }
	if _, err := DefaultExportDir(); err == nil || !strings.Contains(err.Error(), "atur folder ekspor di Pengaturan (s)") {
		t.Fatalf("unknown home: %v", err)
	}
}
