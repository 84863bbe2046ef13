package tui

import (
	"fmt"
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
		return "", fmt.Errorf("folder ekspor %s tidak dapat dibuat: %w", dir, err)
	}
	return dir, nil
}
