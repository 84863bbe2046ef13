package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// This file holds what backup, restore and check share: opening a loket
// file for reading without changing it, telling a loket database from any
// other file, and writing a copy durably.

// sqliteURI makes a file: URI for SQLite with the given URI parameters.
// Only the characters the URI syntax reserves are escaped, so any path the
// OS accepts works, '?' and '#' included.
func sqliteURI(path, params string) string {
	path = filepath.Clean(path)
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return "file:" + r.Replace(path) + "?" + params
}

// openReadOnly opens an existing database with SQLite's mode=ro: nothing is
// created, migrated or written, so the main file stays byte for byte as it
// was (SQLite may add the -shm and -wal side files of a WAL database, as any
// reader does). A file that is missing, a folder, empty or not SQLite is
// refused before SQLite sees it.
func openReadOnly(path string) (*sql.DB, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &missingError{path}
	}
	if err != nil {
		return nil, fmt.Errorf("baca %s: %w", path, err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s adalah folder, bukan berkas basis data", path)
	}
	if st.Size() == 0 {
		return nil, fmt.Errorf("%w: %s berkas kosong", ErrNotLoket, path)
	}
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	// A hot rollback journal beside it means a copy that was never
	// finished (a backup killed halfway by an earlier version): SQLite
	// would need to write to roll it back, and would answer "read-only".
	if st, err := os.Stat(path + "-journal"); err == nil && st.Size() > 0 {
		return nil, fmt.Errorf("%w: %s tidak selesai ditulis (ada %s-journal di sampingnya: salinan yang terputus); pakai cadangan lain", ErrNotLoket, path, filepath.Base(path))
	}
	db, err := sql.Open("sqlite", sqliteURI(path, "mode=ro&_pragma=busy_timeout(5000)&_pragma=secure_delete(1)"))
	if err != nil {
		return nil, fmt.Errorf("buka %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// missingError is a missing file, said in Indonesian only (not "file does
// not exist"); errors.Is still matches fs.ErrNotExist.
type missingError struct{ path string }

func (e *missingError) Error() string {
	return fmt.Sprintf("basis data %s tidak ditemukan; periksa nama berkasnya", e.path)
}

func (e *missingError) Is(target error) bool { return target == fs.ErrNotExist }

// identify says whether q is a loket database and returns its schema
// version. It reads only: the version, and that the tables loket keeps its
// records in are there.
func identify(ctx context.Context, q querier, path string) (int, error) {
	var version int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		if ro := walReadOnly(path, err); ro != nil {
			return 0, ro
		}
		return 0, fmt.Errorf("%w: %s tidak dapat dibaca sebagai basis data SQLite (%v)", ErrNotLoket, path, mapErr(err))
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table'
		AND name IN ('meta', 'visits', 'visit_steps', 'payments', 'audit')`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("%w: %s tidak dapat dibaca sebagai basis data SQLite (%v)", ErrNotLoket, path, mapErr(err))
	}
	if version == 0 || n < 5 {
		return version, fmt.Errorf("%w: %s adalah basis data SQLite lain, bukan milik loket", ErrNotLoket, path)
	}
	return version, nil
}

// vacuumInto writes a consistent copy of db's main database to out with
// VACUUM INTO (one read transaction, so a copy taken beside a running app
// holds whole commits only), makes it owner-only, flushes it and its folder
// to disk, and checks the copy with quick_check. out must not exist or be
// empty; a failed copy is removed.
func vacuumInto(ctx context.Context, db *sql.DB, out string) (err error) {
	defer func() {
		if err != nil {
			os.Remove(out)
		}
	}()
	// An absolute name can never be taken for a "file:" URI by SQLite.
	target, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, target); err != nil {
		err = mapErr(err)
		var re *RuleError
		if errors.As(err, &re) {
			// The store's "Gagal menyimpan … isian tidak hilang" is about a
			// save; here the copy's folder is what failed.
			return fmt.Errorf("salin ke %s: %w", out, writeErr(filepath.Dir(target), err))
		}
		return fmt.Errorf("salin ke %s: %w", out, err)
	}
	// VACUUM INTO creates the file with the umask's mode (0644); a file made
	// beforehand keeps its 0600, and chmod covers the rest.
	if err := os.Chmod(out, 0o600); err != nil {
		return fmt.Errorf("atur izin %s: %w", out, err)
	}
	if err := syncFile(out); err != nil {
		return err
	}
	syncDir(filepath.Dir(out))
	return verifyCopy(ctx, out)
}

// verifyCopy runs quick_check on a file nobody else writes, opened
// immutable so that checking it creates nothing beside it, then holds a
// loket database to this binary's schema and table rules (verifyRules).
func verifyCopy(ctx context.Context, path string) error {
	db, err := openImmutable(path)
	if err != nil {
		return err
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&res); err != nil {
		return fmt.Errorf("periksa salinan %s: %w", path, mapErr(err))
	}
	if res != "ok" {
		return fmt.Errorf("salinan %s rusak: %s", path, res)
	}
	version, err := identify(ctx, db, path)
	if err != nil {
		return fmt.Errorf("periksa salinan: %w", err)
	}
	if version > SchemaVersion {
		return nil // a newer schema's rules are not known to this binary
	}
	if err := verifyRules(ctx, db, version); err != nil {
		return fmt.Errorf("salinan %s ditolak: %w", path, err)
	}
	return nil
}

// openImmutable opens a file nobody else writes for reading, creating
// nothing beside it.
func openImmutable(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", sqliteURI(path, "mode=ro&immutable=1"))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// createExclusive creates an empty owner-only file named base+ext in dir,
// or base-2+ext, base-3+ext… when that name is taken, and returns its path.
// O_EXCL makes two copies started in the same second take different names.
func createExclusive(dir, base, ext string) (string, error) {
	for i := 1; i < 1000; i++ {
		name := base + ext
		if i > 1 {
			name = fmt.Sprintf("%s-%d%s", base, i, ext)
		}
		p := filepath.Join(dir, name)
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("buat %s: %w", p, err)
		}
		return p, f.Close()
	}
	return "", fmt.Errorf("buat cadangan di %s: terlalu banyak berkas bernama %s", dir, base)
}

// copyFile copies src to dst (created owner-only, must not exist) and
// flushes it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := out.ReadFrom(in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("tulis %s ke disk: %w", path, err)
	}
	return f.Close()
}

// syncDir flushes a folder's entries, so a new or renamed file survives a
// power cut. It is best effort: Windows cannot flush a folder (NTFS journals
// the rename) and some flashdisk file systems refuse to, which must not fail
// a copy that is already written and flushed.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
