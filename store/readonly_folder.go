package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// A database in WAL mode cannot be read where its folder cannot be
// written (a CD, a write-protected flashdisk, a folder without write
// permission) unless its -shm is already there: SQLite must create the
// shared-memory file beside it even to read, and says only "unable to open
// database file (14)". walReadOnly tells that case apart and says what to
// do. Opening such a file with SQLite's immutable=1 would read it, but it
// would also ignore a -wal holding commits not yet in the main file, so
// loket does not do it: the officer copies the file instead.

// walReadOnly returns the Indonesian error for a WAL database at path
// that SQLite could not open because its folder is read-only, or nil when
// err is something else.
func walReadOnly(path string, err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_CANTOPEN {
		return nil
	}
	if !walMode(path) || exists(path+"-shm") {
		return nil
	}
	return readOnlyFolderError(path)
}

// readOnlyFolderError says that the folder of the database at path cannot
// be written, and what to do.
func readOnlyFolderError(path string) error {
	dir := filepath.Dir(path)
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return &RuleError{Kind: ErrReadOnly, Msg: fmt.Sprintf("folder %s hanya-baca atau tidak dapat ditulisi (CD, flashdisk yang dikunci, atau izin ditolak), "+
		"dan basis data %s perlu membuat berkas pendamping di sampingnya agar dapat dibuka. "+
		"Salin berkas basis data ke folder yang dapat ditulisi (mis. Documents) lalu jalankan lagi dengan --db salinan itu; berkas di folder ini tidak diubah",
		dir, filepath.Base(path))}
}

// walMode reports whether the SQLite file at path is in WAL mode: bytes
// 18 and 19 of its header are 2.
func walMode(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 20)
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return string(head[:16]) == "SQLite format 3\x00" && head[18] == 2 && head[19] == 2
}
