//go:build windows

package folder

import (
	"syscall"

	"golang.org/x/sys/windows"
)

// folderErrnoKind sorts the Windows error codes that folderProblem names
// (the counter PCs run Windows). A file in the way of a folder comes back
// as ERROR_PATH_NOT_FOUND (syscall.ENOTDIR is that code on Windows):
// folderProblem looks at the disk to tell it from a missing folder.
func folderErrnoKind(e syscall.Errno) folderKind {
	switch e {
	case windows.ERROR_ACCESS_DENIED:
		return folderNoPerm
	case windows.ERROR_WRITE_PROTECT:
		return folderReadOnly
	case windows.ERROR_DISK_FULL, windows.ERROR_HANDLE_DISK_FULL:
		return folderFull
	case windows.ERROR_NOT_READY, windows.ERROR_NO_MEDIA_IN_DRIVE, windows.ERROR_DEV_NOT_EXIST,
		windows.ERROR_DEVICE_NOT_CONNECTED:
		return folderNotReady
	case windows.ERROR_FILE_NOT_FOUND, windows.ERROR_PATH_NOT_FOUND, windows.ERROR_INVALID_DRIVE,
		windows.ERROR_BAD_NETPATH, windows.ERROR_BAD_NET_NAME:
		return folderMissing
	case windows.ERROR_DIRECTORY, windows.ERROR_ALREADY_EXISTS, windows.ERROR_FILE_EXISTS:
		return folderNotDir
	}
	return folderOther
}
