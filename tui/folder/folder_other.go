//go:build !windows

package folder

import "syscall"

// folderErrnoKind sorts the system codes of Linux, macOS and the other
// Unix systems that folderProblem names; fs.ErrPermission and
// fs.ErrNotExist cover EACCES, EPERM and ENOENT.
func folderErrnoKind(e syscall.Errno) folderKind {
	switch e {
	case syscall.EACCES, syscall.EPERM:
		return folderNoPerm
	case syscall.EROFS:
		return folderReadOnly
	case syscall.ENOSPC, syscall.EDQUOT:
		return folderFull
	case syscall.EIO, syscall.ENXIO, syscall.ENODEV:
		return folderNotReady
	case syscall.ENOENT:
		return folderMissing
	case syscall.ENOTDIR, syscall.EEXIST:
		return folderNotDir
	}
	return folderOther
}
