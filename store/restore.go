package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"loket/store/valid"
)

// RestorePlan says what Restore does: which backup replaces which database,
// what the backup holds, and where the database it replaces is kept.
type RestorePlan struct {
	From, To string
	Version  int    // schema version of the backup
	Visits   int    // visits in the backup
	LastDay  string // WIB day of the latest visit in the backup, "" if none
	Replaces bool   // To exists and is kept aside before it is replaced
	Aside    string // the copy of the replaced database (planned name until Restore runs)
}

// PlanRestore checks a backup and says what Restore would do, changing
// nothing: the backup must be an SQLite file, a loket database no newer than
// this program, pass integrity_check, and have this program's schema with
// every row keeping its CHECK and NOT NULL rules (CheckSchema,
// CheckConstraints). The backup is opened read-only.
// A compressed backup (.db.gz, what Backup writes) is decompressed into a
// temporary owner-only file beside the database for the check, removed
// before PlanRestore returns.
func PlanRestore(ctx context.Context, from, to string, now time.Time) (RestorePlan, error) {
	src, done, err := openSource(from, filepath.Dir(to))
	if err != nil {
		return RestorePlan{From: from, To: to}, fmt.Errorf("pulihkan: cadangan %w", err)
	}
	defer done()
	return planRestore(ctx, from, src, to, now)
}

// planRestore is PlanRestore on src, the plain database file of the
// backup named from.
func planRestore(ctx context.Context, from, src, to string, now time.Time) (RestorePlan, error) {
	p := RestorePlan{From: from, To: to}
	if a, b := mustAbs(from), mustAbs(to); a == b {
		return p, fmt.Errorf("pulihkan: cadangan dan basis data tujuan adalah berkas yang sama (%s)", from)
	}
	if sf, err1 := os.Stat(from); err1 == nil {
		if st, err2 := os.Stat(to); err2 == nil && os.SameFile(sf, st) {
			return p, fmt.Errorf("pulihkan: cadangan dan basis data tujuan adalah berkas yang sama (%s)", from)
		}
	}
	db, err := openReadOnly(src)
	if err != nil {
		return p, fmt.Errorf("pulihkan: cadangan %w", renamed(err, src, from))
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return p, fmt.Errorf("pulihkan: baca cadangan %s: %w", from, mapErr(err))
	}
	defer tx.Rollback()
	if p.Version, err = identify(ctx, tx, from); err != nil {
		return p, fmt.Errorf("pulihkan: cadangan %w", err)
	}
	if p.Version > SchemaVersion {
		return p, fmt.Errorf("pulihkan: cadangan %s: %w", from, &TooNewError{Database: p.Version, Binary: SchemaVersion})
	}
	if bad, err := integrity(ctx, tx, "integrity_check", 10); err != nil {
		return p, fmt.Errorf("pulihkan: cadangan %s rusak, tidak dapat diperiksa: %w", from, err)
	} else if len(bad) > 0 {
		return p, fmt.Errorf("pulihkan: cadangan %s rusak (integrity_check): %s", from, bad[0])
	}
	if err := verifyRules(ctx, tx, p.Version); err != nil {
		return p, fmt.Errorf("pulihkan: cadangan %s ditolak: %w; basis data tidak diubah", from, err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(max(day),'') FROM visits`).Scan(&p.Visits, &p.LastDay); err != nil {
		return p, fmt.Errorf("pulihkan: baca cadangan %s: %w", from, mapErr(err))
	}
	if st, err := os.Stat(to); err == nil && st.Size() > 0 {
		p.Replaces = true
		p.Aside = filepath.Join(BackupDir(to), asideBase(now)+".db")
	}
	return p, nil
}

// asideBase names the copy of a replaced database. It does not match the
// names Backup prunes, so it is never removed automatically.
func asideBase(now time.Time) string {
	return "loket-" + now.In(valid.WIB).Format("20060102-150405") + "-sebelum-pulih"
}

// renamed puts the backup's own name back into an error about the
// temporary file it was decompressed into.
func renamed(err error, tmp, name string) error {
	if tmp == name {
		return err
	}
	return &renamedError{msg: strings.ReplaceAll(err.Error(), tmp, name), err: err}
}

type renamedError struct {
	msg string
	err error
}

func (e *renamedError) Error() string { return e.msg }
func (e *renamedError) Unwrap() error { return e.err }

func mustAbs(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// Restore replaces the database at to with the backup at from, after
// PlanRestore's checks. It refuses (ErrLocked) while the counter app has
// the database open, and holds the app's lock while it works so the app
// cannot start halfway. In order:
//
//  1. the backup is copied (VACUUM INTO, which honours a -wal beside it)
//     into a temporary owner-only file beside to, flushed and checked;
//  2. the current database, if any, is kept aside in BackupDir(to) as
//     loket-…-sebelum-pulih.db: a consistent copy when SQLite can read it,
//     else its raw bytes (and its -wal), so even a damaged database is kept;
//  3. the current database leaves WAL mode (which needs every other
//     connection closed: an export or check still reading makes Restore
//     refuse with ErrBusy) and its -wal, -shm and -journal side files are
//     removed, so none of them can be applied to the restored file;
//  4. the temporary file is renamed over to and the folder flushed.
//
// Until step 4 the current database is untouched but for its journal mode;
// a failure before it leaves it in place.
//
// A compressed backup (.db.gz) is first decompressed into a temporary
// owner-only file beside to. Leftovers of an earlier interrupted restore or
// backup (an hour old) are removed from to's folder and BackupDir(to).
func Restore(ctx context.Context, from, to string, now time.Time) (RestorePlan, error) {
	removeLeftovers(filepath.Dir(to), time.Now())
	removeLeftovers(BackupDir(to), time.Now())
	src, done, err := openSource(from, filepath.Dir(to))
	if err != nil {
		return RestorePlan{From: from, To: to}, fmt.Errorf("pulihkan: cadangan %w", err)
	}
	defer done()
	p, err := planRestore(ctx, from, src, to, now)
	if err != nil {
		return p, err
	}
	unlock, err := LockApp(to)
	if err != nil {
		return p, err
	}
	defer unlock()

	tmp, err := copyBackup(ctx, src, filepath.Dir(to))
	if err != nil {
		return p, err
	}
	defer os.Remove(tmp) // a no-op once renamed
	if p.Replaces {
		if p.Aside, err = keepAside(ctx, to, now); err != nil {
			return p, err
		}
		if err := detach(ctx, to); err != nil {
			// Nothing was replaced: the copy kept aside is not needed.
			os.Remove(p.Aside)
			os.Remove(p.Aside + "-wal")
			p.Aside = ""
			return p, err
		}
	}
	if err := os.Rename(tmp, to); err != nil {
		return p, fmt.Errorf("pulihkan: ganti %s: %w", to, err)
	}
	syncDir(filepath.Dir(to))
	return p, nil
}

// copyBackup copies the backup into a new temporary file in dir.
func copyBackup(ctx context.Context, from, dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("pulihkan: buat folder %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, ".loket-pulih-*.tmp") // mode 0600
	if err != nil {
		return "", fmt.Errorf("pulihkan: %w", err)
	}
	tmp := f.Name()
	f.Close()
	db, err := openReadOnly(from)
	if err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("pulihkan: cadangan %w", err)
	}
	defer db.Close()
	if err := vacuumInto(ctx, db, tmp); err != nil {
		return "", fmt.Errorf("pulihkan: %w", err)
	}
	return tmp, nil
}

// keepAside saves the database about to be replaced into BackupDir(to).
func keepAside(ctx context.Context, to string, now time.Time) (string, error) {
	dir := BackupDir(to)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("pulihkan: buat folder %s: %w", dir, err)
	}
	// The copy is made under a temporary name and renamed when whole, so
	// a restore killed halfway never leaves a partial file under a name
	// that looks like a kept database.
	tmp, err := tempFile(dir, ".loket-pulih-*.tmp")
	if err != nil {
		return "", fmt.Errorf("pulihkan: %w", writeErr(dir, err))
	}
	defer os.Remove(tmp) // a no-op once renamed
	if db, err := openReadOnly(to); err == nil {
		err = vacuumInto(ctx, db, tmp)
		db.Close()
		if err == nil {
			aside, err := renameUnique(tmp, dir, asideBase(now), ".db")
			if err != nil {
				return "", fmt.Errorf("pulihkan: %w", writeErr(dir, err))
			}
			syncDir(dir)
			return aside, nil
		}
	}
	// SQLite cannot read it (damaged, or not a database): keep the bytes.
	os.Remove(tmp)
	if err := copyFile(to, tmp); err != nil {
		return "", fmt.Errorf("pulihkan: simpan basis data lama: %w", writeErr(dir, err))
	}
	var wal string
	if _, err := os.Stat(to + "-wal"); err == nil {
		if wal, err = tempFile(dir, ".loket-pulih-*.tmp"); err == nil {
			os.Remove(wal)
			err = copyFile(to+"-wal", wal)
		}
		if err != nil {
			os.Remove(wal)
			return "", fmt.Errorf("pulihkan: simpan %s-wal: %w", to, writeErr(dir, err))
		}
		defer os.Remove(wal)
	}
	aside, err := renameUnique(tmp, dir, asideBase(now), ".db")
	if err != nil {
		return "", fmt.Errorf("pulihkan: %w", writeErr(dir, err))
	}
	if wal != "" {
		if err := os.Rename(wal, aside+"-wal"); err != nil {
			return "", fmt.Errorf("pulihkan: simpan %s-wal: %w", to, writeErr(dir, err))
		}
	}
	syncDir(dir)
	return aside, nil
}

// detach takes the current database out of WAL mode and removes its side
// files. Leaving WAL mode needs the only connection to the file: if another
// process still reads it, SQLite answers busy and the restore stops here.
// A file SQLite cannot open that way (damaged) has already been kept aside
// byte for byte, so its side files are removed regardless.
func detach(ctx context.Context, to string) error {
	db, err := sql.Open("sqlite", sqliteURI(to, "_pragma=busy_timeout(2000)"))
	if err == nil {
		var mode string
		err = db.QueryRowContext(ctx, "PRAGMA journal_mode=DELETE").Scan(&mode)
		db.Close()
		if errors.Is(mapErr(err), ErrBusy) {
			return refuse(ErrBusy, "Basis data %s sedang dibaca proses lain (ekspor, cek atau cadangan); pulihkan lagi setelah selesai. Basis data belum diubah.", to)
		}
	}
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(to + side); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("pulihkan: hapus %s%s: %w", to, side, err)
		}
	}
	return nil
}
