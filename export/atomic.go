package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// BusyError says that the target file could not be replaced because it is
// open in another program, which on Windows is nearly always Excel.
type BusyError struct {
	Path  string
	Again string // what to do again once it is closed: "ekspor", "cetak"
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("berkas %s sedang dibuka di Excel; tutup dulu lalu %s lagi", e.Path, e.Again)
}

// writeDirError is a target folder no file can be written in, said with
// the folder policy's words (FolderProblem) instead of the system's
// English; errors.Is still sees the system's error.
type writeDirError struct {
	dir string
	err error
	why string
}

func (e *writeDirError) Error() string {
	return fmt.Sprintf("tidak dapat menulis di folder %s (%s)", e.dir, e.why)
}

func (e *writeDirError) Unwrap() error { return e.err }

// WriteFile writes a file atomically: write fills a temporary file in the
// target's folder (mode 0600, so personal data is never readable by others
// even for a moment), which is synced, closed and renamed over path. On any
// error the temporary file is removed and an existing file at path is left
// as it was. again names the action for the message shown when the target
// is open in Excel ("ekspor", "cetak").
func WriteFile(path, again string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		why := FolderProblem(err)
		// "No such file" for a new file in a folder that is there: a folder
		// that takes no new file (Linux's /proc, some mounted devices), not
		// a missing parent, which would send the officer looking for one.
		if fi, serr := os.Stat(dir); errors.Is(err, fs.ErrNotExist) && serr == nil && fi.IsDir() {
			why = "folder itu ada tetapi tidak dapat ditulisi, mis. folder sistem; pilih folder lain"
		}
		return &writeDirError{dir: dir, err: err, why: why}
	}
	name, closed := tmp.Name(), false
	defer func() {
		if err != nil {
			if !closed {
				tmp.Close()
			}
			os.Remove(name)
		}
	}()
	if err := tmp.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("atur izin %s: %w", name, err)
	}
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err := write(bw); err != nil {
		return fileErr(dir, err)
	}
	if err := bw.Flush(); err != nil {
		return fileErr(dir, err)
	}
	if err := tmp.Sync(); err != nil {
		return fileErr(dir, err)
	}
	closed = true
	if err := tmp.Close(); err != nil {
		return fileErr(dir, err)
	}
	if err := os.Rename(name, path); err != nil {
		if targetBusy(path, err) {
			return &BusyError{Path: path, Again: again}
		}
		var le *os.LinkError
		if errors.As(err, &le) {
			err = le.Err
		}
		return fmt.Errorf("tidak dapat mengganti %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// fileErr says why the temporary file in dir could not be written in the
// folder policy's words ("disk penuh"), not as "write …: no space left on
// device": an error of the file system, passed back through the workbook
// writer, becomes a writeDirError; any other error (the workbook's own) is
// returned as it is.
func fileErr(dir string, err error) error {
	var pe *fs.PathError
	var en syscall.Errno
	if errors.As(err, &pe) || errors.As(err, &en) {
		return &writeDirError{dir: dir, err: err, why: FolderProblem(err)}
	}
	return err
}

// syncDir makes the rename durable where the system allows syncing a
// folder; a failure there does not undo a complete file, so it is ignored.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
