package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync/atomic"
)

// ErrFileGone means the database file or its WAL is no longer the file the
// store opened: moved, deleted or replaced while the app ran. SQLite would
// go on writing into the file it holds open, which nobody can find again
// after the app closes (and a deleted WAL loses every save since the last
// checkpoint when the app dies), so the store stops writing.
var ErrFileGone = errors.New("berkas basis data dipindahkan atau dihapus")

// ErrHardLink refuses a database file that has more than one name on disk.
var ErrHardLink = errors.New("berkas basis data punya lebih dari satu nama")

// fileIdentity remembers which files a writable store opened, so that
// every write can first make sure they are still the files at those
// names. gone is sticky: once a file was lost, no later write may go into
// whatever file now has the name.
type fileIdentity struct {
	path     string
	db, wal  os.FileInfo
	gone     atomic.Bool
	closedV  atomic.Bool // a visit was closed in a write not yet checkpointed
	keep     *sql.DB     // holds the WAL open: see rememberFiles
	disabled bool        // read-only stores never write
}

// rememberFiles keeps one SQLite connection open for the store's life, in
// a pool of its own so it never takes one of the store's (SQLite deletes
// the WAL when its last connection closes, and would create a new file
// under the same name on the next open: the identity must not change
// under the store's own feet), and records the identity of the database
// file and its WAL.
func (s *Store) rememberFiles(ctx context.Context, dsn string) error {
	id := &s.shared.files
	id.path = s.path
	keep, err := sql.Open("sqlite", dsn)
	if err != nil {
		return mapErr(err)
	}
	keep.SetMaxOpenConns(1)
	keep.SetMaxIdleConns(1)
	var n int
	if err := keep.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
		keep.Close()
		return mapErr(err)
	}
	id.keep = keep
	if id.db, err = os.Stat(s.path); err != nil {
		return fmt.Errorf("store: baca %s: %w", s.path, err)
	}
	if id.wal, err = os.Stat(s.path + "-wal"); err != nil {
		return fmt.Errorf("store: baca %s-wal: %w", s.path, err)
	}
	return nil
}

// CheckFiles reports ErrFileGone (a RuleError with the officer's message)
// when the database file or its WAL is no longer the file the store
// opened. Every write runs it first (two stat calls); the app also calls
// it on its timer, so the officer learns of it before typing a whole
// visit. Once it has failed it keeps failing: close the app and restore.
// A read-only store always returns nil.
func (s *Store) CheckFiles(ctx context.Context) error {
	id := &s.shared.files
	if id.disabled || id.db == nil {
		return nil
	}
	if id.gone.Load() {
		return fileGone(id.path)
	}
	for _, f := range []struct {
		name string
		was  os.FileInfo
	}{{id.path, id.db}, {id.path + "-wal", id.wal}} {
		st, err := os.Stat(f.name)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && !os.SameFile(st, f.was)) {
			id.gone.Store(true)
			return fileGone(id.path)
		}
		if err != nil {
			return &RuleError{Kind: ErrReadOnly, Msg: fmt.Sprintf("Gagal menyimpan: berkas basis data %s tidak dapat dibaca (%v). Periksa disk lalu simpan lagi; isian tidak hilang.", f.name, errors.Unwrap(err))}
		}
	}
	return nil
}

func fileGone(path string) error {
	return &RuleError{Kind: ErrFileGone, Msg: fmt.Sprintf("Gagal menyimpan: berkas basis data %s dipindahkan, diganti atau dihapus selagi loket berjalan, "+
		"jadi penyimpanan dihentikan agar tidak ada yang hilang tanpa ketahuan. Catat isian di layar, tutup loket, "+
		"lalu pulihkan cadangan terbaru (loket restore --from BERKAS --yes; cadangan ada di folder backup di samping basis data).", path)}
}

// refuseLinks refuses a database file with more than one hard link.
// SQLite names the WAL and the lock after the path: two names of one file
// have two WALs, no lock can make them safe, and two apps opened through
// them write the same queue number and corrupt the index.
func refuseLinks(path string) error {
	n, err := linkCount(path)
	if err != nil || n <= 1 {
		return nil // a file that cannot be asked is refused by SQLite, if at all
	}
	return &RuleError{Kind: ErrHardLink, Msg: fmt.Sprintf("Basis data %s tidak dibuka: berkasnya punya %d nama di disk (tautan keras). "+
		"SQLite menamai log WAL menurut nama berkas, jadi dua aplikasi lewat dua nama dapat menulis bersamaan dan merusak basis data. "+
		"Hapus nama lain itu, atau buat salinan tersendiri dengan loket backup lalu loket restore.", path, n)}
}

// checkpointAfterVisit runs after a committed write: when that write
// closed a visit, the WAL is copied into the database file (PASSIVE: it
// never waits for a reader), so a finished visit does not live only in the
// WAL. It is best effort: the visit is saved either way, and a checkpoint
// that could not finish is done by the next one or on close.
func (s *Store) checkpointAfterVisit(ctx context.Context) {
	if s.shared.files.closedV.Swap(false) {
		_, _ = s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)")
	}
}

// visitClosed marks that the current write closes a visit.
func (s *Store) visitClosed() { s.shared.files.closedV.Store(true) }
