// Package folder decides where workbooks and printed documents are
// written (the office's export folder, or Documents/Laporan PST) and says
// in Indonesian why a folder cannot be used.
package folder

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"loket/store"
)

// defaultExportSub is the folder under the user's Documents folder where
// workbooks and printed documents go unless Pengaturan names another.
const DefaultExportSub = "Laporan PST"

// userHome is os.UserHomeDir; tests replace it.
var UserHome = os.UserHomeDir

// defaultExportDir is the export folder when Pengaturan names none:
// "Documents/Laporan PST" in the user's home (on Windows
// %USERPROFILE%\Documents\Laporan PST). It only says where; nothing is
// made on disk.
func DefaultExportDir() (string, error) {
	home, err := UserHome()
	if err != nil {
		return "", fmt.Errorf("folder Documents pengguna tidak diketahui; atur folder ekspor di Pengaturan (s): %w", err)
	}
	return filepath.Join(home, "Documents", DefaultExportSub), nil
}

// exportDirOf is the office's export folder: the one set in Pengaturan,
// else the default. It only says where; nothing is made on disk.
func ExportDirOf(o store.Office) (string, error) {
	if o.ExportDir != "" {
		return o.ExportDir, nil
	}
	return DefaultExportDir()
}

// exportFolder is where end-of-day workbooks and printed documents go
// (exportDirOf), created, readable by the user only, when missing. Call it
// only when a file is about to be written there.
func ExportFolder(o store.Office) (string, error) {
	dir, err := ExportDirOf(o)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", &FolderError{dir: dir, err: err, why: FolderProblem(err)}
	}
	return dir, nil
}

// folderError is an export folder that cannot be made, said short enough
// for the error line: the folder named once, and why in Indonesian (said
// when it happened: folderProblem may look at the disk, and the error is
// drawn on every frame).
type FolderError struct {
	dir string
	err error
	why string
}

// Unwrap gives the underlying error.
func (e *FolderError) Unwrap() error { return e.err }

// Error is the Indonesian sentence for the error line.
func (e *FolderError) Error() string {
	return fmt.Sprintf("folder ekspor %s tidak dapat dibuat (%s); periksa Pengaturan (s)", e.dir, e.why)
}

// folderKind is why a folder could not be made or written, as far as the
// officer can act on it.
type folderKind int

const (
	folderOther    folderKind = iota
	folderNoPerm              // no permission to write
	folderReadOnly            // a write-protected disk or flashdisk
	folderFull                // no space left
	folderNotReady            // a drive that is not there any more
	folderMissing             // the drive or a parent folder does not exist
	folderNotDir              // a file where a folder should be
)

// folderProblem says in Indonesian why a folder could not be made or
// written, short enough for the error line after the folder's name: the
// common reasons in the officer's words, anything else in general words
// with the system's own text in parentheses for whoever supports the
// counter. The system's codes differ between Windows and the others:
// folderErrnoKind (folder_windows.go, folder_other.go) sorts them.
func FolderProblem(err error) string {
	kind := folderOther
	var en syscall.Errno
	if errors.As(err, &en) {
		kind = folderErrnoKind(en)
	}
	if kind == folderOther {
		switch {
		case errors.Is(err, store.ErrDiskFull):
			kind = folderFull
		case errors.Is(err, fs.ErrPermission):
			kind = folderNoPerm
		case errors.Is(err, fs.ErrNotExist):
			kind = folderMissing
		case errors.Is(err, fs.ErrExist):
			kind = folderNotDir
		}
	}
	if kind == folderMissing && FolderFileInWay(err) {
		kind = folderNotDir
	}
	switch kind {
	case folderNoPerm:
		return "tidak ada izin menulis"
	case folderReadOnly:
		return "disk atau flashdisk hanya-baca"
	case folderFull:
		return "disk penuh"
	case folderNotReady:
		return "drive tidak siap (flashdisk dicabut?)"
	case folderMissing:
		return "drive atau folder induknya tidak ada"
	case folderNotDir:
		return "alamat itu berkas, bukan folder"
	}
	return "tidak dapat ditulisi (" + folderRaw(err) + ")"
}

// folderFileInWay reports whether the nearest existing folder on the
// error's path is a file: Windows says "path not found" both for a missing
// folder and for a file where a folder should be.
func FolderFileInWay(err error) bool {
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path == "" {
		return false
	}
	for p := filepath.Clean(pe.Path); ; p = filepath.Dir(p) {
		if fi, err := os.Stat(p); err == nil {
			return !fi.IsDir()
		}
		if filepath.Dir(p) == p {
			return false
		}
	}
}

// folderRaw is the system's own text of an error, without the path the
// officer already sees, with the code when there is one.
func folderRaw(err error) string {
	var en syscall.Errno
	if errors.As(err, &en) {
		return fmt.Sprintf("%s, kode %d", en.Error(), uintptr(en))
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	if err == nil {
		return "tanpa keterangan"
	}
	return err.Error()
}
