package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"loket/store"
)

// defaultExportSub is the folder under the user's Documents folder where
// workbooks and printed documents go unless Pengaturan names another.
const defaultExportSub = "Laporan PST"

// userHome is os.UserHomeDir; tests replace it.
var userHome = os.UserHomeDir

// exportFolder is where end-of-day workbooks and printed documents go: the
// folder set in Pengaturan, else "Documents/Laporan PST" in the user's
// home (on Windows %USERPROFILE%\Documents\Laporan PST). It is created,
// readable by the user only, when missing.
func exportFolder(o store.Office) (string, error) {
	dir := o.ExportDir
	if dir == "" {
		home, err := userHome()
		if err != nil {
			return "", fmt.Errorf("folder Documents pengguna tidak diketahui; atur folder ekspor di Pengaturan (s): %w", err)
		}
		dir = filepath.Join(home, "Documents", defaultExportSub)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", &folderError{dir: dir, err: err}
	}
	return dir, nil
}

// folderError is an export folder that cannot be made, said short enough
// for the error line: the folder named once, and why in Indonesian where
// the system's reason is a common one.
type folderError struct {
	dir string
	err error
}

func (e *folderError) Unwrap() error { return e.err }

func (e *folderError) Error() string {
	why := e.err.Error()
	var pe *fs.PathError
	switch {
	case errors.Is(e.err, fs.ErrPermission):
		why = "tidak ada izin menulis"
	case errors.Is(e.err, fs.ErrNotExist):
		why = "drive atau folder induknya tidak ada"
	case errors.As(e.err, &pe):
		why = pe.Err.Error()
	}
	return fmt.Sprintf("folder ekspor %s tidak dapat dibuat (%s); periksa Pengaturan (s)", e.dir, why)
}
