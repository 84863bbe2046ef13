//go:build windows

package export

import (
	"errors"
	"os"
	"syscall"
)

// Windows error codes met when a file is open in another program.
const (
	errAccessDenied     = syscall.Errno(5)  // ERROR_ACCESS_DENIED
	errSharingViolation = syscall.Errno(32) // ERROR_SHARING_VIOLATION
	errLockViolation    = syscall.Errno(33) // ERROR_LOCK_VIOLATION
)

// targetBusy reports whether renaming over path failed because path is open
// in another program (Excel opens a workbook without sharing write or
// delete). Access denied is ambiguous, so the target is probed: if it cannot
// be opened for writing because of sharing, it is open elsewhere.
func targetBusy(path string, err error) bool {
	if errors.Is(err, errSharingViolation) || errors.Is(err, errLockViolation) {
		return true
	}
	if !errors.Is(err, errAccessDenied) {
		return false
	}
	f, oerr := os.OpenFile(path, os.O_WRONLY, 0)
	if oerr == nil {
		f.Close()
		return false
	}
	return errors.Is(oerr, errSharingViolation) || errors.Is(oerr, errLockViolation)
}
