package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// ErrLocked means another copy of the counter app has the database open.
var ErrLocked = errors.New("loket sudah dibuka di jendela lain untuk basis data ini")

// errLockHeld is what the OS-specific tryLock returns when another process
// (or another open of the file in this process) holds the lock.
var errLockHeld = errors.New("lock held")

// LockPath is the side file whose OS lock marks the database as open in the
// counter app: "<db>.lock" beside the database. The file itself stays after
// the app quits; only the lock on it means anything.
func LockPath(dbPath string) string { return dbPath + ".lock" }

// LockApp takes the single-instance lock of the counter app on the database
// at dbPath, so that a second copy of the app on the same database is told
// plainly that it is open elsewhere instead of both writing from two screens.
// It returns a RuleError of kind ErrLocked when another process holds it.
//
// The lock is an OS advisory lock (flock on Unix, LockFileEx on Windows) on
// LockPath(dbPath), created with mode 0600. The OS drops it when the process
// ends in any way, a kill or a crash included, so a lock left behind never
// blocks the next start. Only the app and restore take it: export, backup
// and check read beside a running app through SQLite's own locking.
//
// The app calls it before store.Open and calls unlock when it quits; unlock
// is safe to call more than once.
func LockApp(dbPath string) (unlock func() error, err error) {
	path := dbPath
	if real, err := filepath.EvalSymlinks(dbPath); err == nil {
		path = real // two names of one file share one lock
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("folder basis data: %w", writeErr(filepath.Dir(path), err))
	}
	f, err := os.OpenFile(LockPath(path), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		// A read-only folder or flashdisk, said as such (not "open
		// …lock: read-only file system"), with what to do.
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
			return nil, readOnlyFolderError(path)
		}
		return nil, fmt.Errorf("berkas kunci %s tidak dapat dibuat: %w", LockPath(path), writeErr(filepath.Dir(path), err))
	}
	if err := tryLock(f); err != nil {
		f.Close()
		if errors.Is(err, errLockHeld) {
			return nil, &RuleError{Kind: ErrLocked, Msg: ErrLocked.Error()}
		}
		return nil, fmt.Errorf("kunci %s: %w", LockPath(path), err)
	}
	var once sync.Once
	return func() error {
		err := error(nil)
		once.Do(func() {
			err = errors.Join(unlockFile(f), f.Close())
		})
		return err
	}, nil
}
