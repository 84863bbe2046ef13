package settings

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"loket/export"
	"loket/store"
	"loket/store/valid"
	"loket/tui/frame"
)

// The settings screen's work on folders: trying a new export folder before
// it is saved, and the backup to a folder the officer names.

// settingsBackupMeta is the meta key remembering the last folder backed up
// to, so the flashdisk's path is typed once.
const SettingsBackupMeta = "tui_backup_dir"

// Results of a backup.
type (
	// settingsBackupDoneMsg: the copy is at path. warn, when not empty,
	// says what went wrong after it was written (the folder could not be
	// remembered); the copy is good all the same.
	settingsBackupDoneMsg struct{ path, dir, warn string }
	// settingsBackupMissingMsg: the folder does not exist; the officer is
	// asked before it is made.
	settingsBackupMissingMsg struct{ dir string }
)

// Success clears the error line: the store accepted the change.
func (settingsBackupDoneMsg) Success() {}

// settingsTryFolder makes the export folder and writes a file into it.
func settingsTryFolder(o store.Office) error {
	dir, err := export.ExportFolder(o)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".loket-uji-*")
	if err != nil {
		return err
	}
	name := f.Name()
	err = f.Close()
	if rmErr := os.Remove(name); err == nil {
		err = rmErr
	}
	return err
}

// settingsRunBackup copies the database into dir. A folder that does not
// exist is only made once the officer confirmed it (confirmed == dir): an
// unplugged flashdisk must not turn into a folder on the PC's own disk.
func settingsRunBackup(c *frame.Context, dir, confirmed string) tea.Cmd {
	st, ctx := c.Store, c.Ctx
	dir = strings.TrimSpace(dir)
	return func() tea.Msg {
		fail := func(msg string) tea.Msg { return frame.ErrMsg{Err: &valid.Error{Field: "Folder tujuan", Msg: msg}} }
		if dir == "" {
			return fail("wajib diisi, mis. E:\\ atau /media/usb")
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			return fail(export.FolderProblem(err))
		}
		info, err := os.Stat(abs)
		missing := errors.Is(err, fs.ErrNotExist) && !fileInWay(err)
		switch {
		case missing && confirmed != abs:
			return settingsBackupMissingMsg{abs}
		case err == nil && !info.IsDir():
			return fail(abs + " adalah berkas, bukan folder; pilih folder lain")
		case err != nil && !missing:
			return fail(export.FolderProblem(err))
		}
		p, err := st.Backup(ctx, abs)
		if err != nil {
			return fail("cadangan ke " + abs + " gagal: " + export.FolderProblem(err))
		}
		if err := st.SetMeta(ctx, SettingsBackupMeta, abs); err != nil {
			return settingsBackupDoneMsg{path: p, dir: abs,
				warn: "Peringatan: cadangan sudah tersimpan dan utuh, tetapi foldernya tidak dapat diingat untuk lain kali (" + settingsWhy(err) + ")."}
		}
		return settingsBackupDoneMsg{path: p, dir: abs}
	}
}

// settingsWhy is why the store could not save, in a few words (errText's
// sentences speak of a form whose input is kept).
func settingsWhy(err error) string {
	for _, e := range []error{store.ErrReadOnly, store.ErrDiskFull, store.ErrBusy} {
		if errors.Is(err, e) {
			return e.Error()
		}
	}
	return strings.TrimPrefix(frame.ErrText(err), "Gagal: ")
}

// fileInWay reports whether the nearest existing folder on the error's
// path is a file: Windows says "path not found" both for a missing folder
// and for a file where a folder should be, and only a missing folder may
// be offered to be made.
func fileInWay(err error) bool {
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
