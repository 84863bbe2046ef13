// Package folder is what is left of the TUI's export-folder policy, which
// moved to package export (export/folder.go). It forwards to export so
// that tui/visit keeps building until its print step uses
// export.PrintDocument; then this package is deleted.
package folder

import (
	"loket/export"
	"loket/store"
)

// ExportFolder is export.ExportFolder.
//
// Deprecated: use export.ExportFolder.
func ExportFolder(o store.Office) (string, error) { return export.ExportFolder(o) }
