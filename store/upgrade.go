package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"loket/store/valid"
	"loket/tariff"
)

// ErrNeedsUpgrade is matched (errors.Is) by a NeedsUpgradeError: the
// database has an older schema than this binary and must go through
// `loket upgrade` (or the app's upgrade prompt) before it is used.
var ErrNeedsUpgrade = errors.New("store: basis data perlu diperbarui")

// NeedsUpgradeError refuses a database of an older schema. Open refuses it
// for writing and reading alike: the queries of this binary read columns
// the old schema does not have, and an automatic upgrade on open would
// rebuild a decade of records without a backup or a word to the officer.
type NeedsUpgradeError struct{ Database, Binary int }

func (e *NeedsUpgradeError) Error() string {
	return fmt.Sprintf("basis data memakai skema versi %d, sedangkan program ini memakai versi %d: jalankan `loket upgrade` "+
		"(cadangan dibuat dan diperiksa otomatis lebih dulu); basis data belum diubah", e.Database, e.Binary)
}

// Is makes errors.Is(err, ErrNeedsUpgrade) true.
func (e *NeedsUpgradeError) Is(target error) bool { return target == ErrNeedsUpgrade }

// SchemaOf returns the schema version (PRAGMA user_version) of the loket
// database at path without changing it. It refuses a file that is not a
// loket database (ErrNotLoket).
func SchemaOf(ctx context.Context, path string) (int, error) {
	db, err := openReadOnly(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	return identify(ctx, db, path)
}

// NeedsUpgrade reports whether the loket database at path has an older
// schema than this binary, so the app can ask the officer before calling
// Upgrade. A missing file needs no upgrade (Open creates it).
func NeedsUpgrade(ctx context.Context, path string) (bool, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	v, err := SchemaOf(ctx, path)
	if err != nil {
		return false, err
	}
	if v > SchemaVersion {
		return false, &TooNewError{Database: v, Binary: SchemaVersion}
	}
	return v < SchemaVersion, nil
}

// UpgradeProgress is one report of Upgrade: which phase, and within a
// migration which statement of how many.
type UpgradeProgress struct {
	Phase     string // Indonesian, for the officer: "cadangan", "migrasi 2", "memadatkan", "pemeriksaan"
	Step      int    // 1-based statement within the phase; 0 when the phase has no steps
	Steps     int
	What      string // Indonesian: what the step does, e.g. "menyalin tabel audit"
	Migration int    // the migration running, 0 outside one
}

// UpgradeOptions adjust Upgrade. The zero value is what `loket upgrade` uses.
type UpgradeOptions struct {
	// Progress, when set, is called before each phase and statement; a
	// rebuild of a decade's audit trail takes seconds, so the officer sees
	// it move.
	Progress func(UpgradeProgress)
	// Now is the clock (the backup's name); nil means time.Now.
	Now func() time.Time
	// Locked says the caller already holds LockApp on the database (the
	// app's own upgrade prompt); otherwise Upgrade takes it.
	Locked bool
	// NoVacuum leaves the file uncompacted after the rebuild (tests).
	NoVacuum bool
}

// UpgradeResult is what Upgrade did.
type UpgradeResult struct {
	From, To int
	Backup   string      // the verified copy made first; "" when nothing was to do
	Check    CheckReport // the domain check after the upgrade
	// Compacted is set when a file already at this schema was compacted
	// because an earlier upgrade was stopped during its VACUUM
	// (metaCompactPending).
	Compacted bool
}

// metaCompactPending marks, in the meta table, a file whose migrations
// have committed and whose compaction (VACUUM) has not finished yet: it is
// written in each migration's transaction and removed after the VACUUM, so
// an upgrade killed during the VACUUM, which leaves the new schema whole
// but the file at twice its size with a large -wal, is compacted by the
// next run instead of being reported as having nothing to do.
const metaCompactPending = "upgrade_compact_pending"

// upgradeDiskFactor is how many times the database's size must be free:
// the backup (1×), the rebuilt tables in the WAL (up to 1×) and VACUUM's
// copy (1×).
const upgradeDiskFactor = 3

// Upgrade brings the loket database at path to this binary's schema. In
// order: it refuses a file without the free disk for the work (about 3× the
// file), writes a verified backup beside it (loket-sebelum-upgrade-*.db in
// the database's folder, never pruned by the daily backups), runs each
// pending migration in one transaction with user_version bumped inside it
// on a connection of its own with foreign keys off (a table rebuild needs
// them off; foreign_key_check must pass before commit), compacts the file
// (VACUUM), and ends with quick_check and the domain check (Check). A kill
// at any point leaves the old schema or the new one, never a mix; running
// Upgrade again finishes the work. A database already at this schema is
// left as it is.
func Upgrade(ctx context.Context, path string, opts UpgradeOptions) (UpgradeResult, error) {
	report := func(p UpgradeProgress) {
		if opts.Progress != nil {
			opts.Progress(p)
		}
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	res := UpgradeResult{To: SchemaVersion}
	from, err := SchemaOf(ctx, path)
	if err != nil {
		return res, err
	}
	res.From = from
	if from > SchemaVersion {
		return res, &TooNewError{Database: from, Binary: SchemaVersion}
	}
	if from == SchemaVersion {
		pending, err := compactPending(ctx, path)
		if err != nil {
			return res, err
		}
		if pending {
			if !opts.Locked {
				unlock, err := LockApp(path)
				if err != nil {
					return res, err
				}
				defer unlock()
			}
			if err := compactFile(ctx, path, report); err != nil {
				return res, err
			}
			res.Compacted = true
		}
		res.Check, err = Check(ctx, path)
		return res, err
	}
	if !opts.Locked {
		unlock, err := LockApp(path)
		if err != nil {
			return res, err
		}
		defer unlock()
	}
	if err := checkFreeDisk(path); err != nil {
		return res, err
	}
	report(UpgradeProgress{Phase: "cadangan", What: "membuat dan memeriksa cadangan"})
	if res.Backup, err = backupBeforeUpgrade(ctx, path, now()); err != nil {
		return res, err
	}
	if err := migrateFile(ctx, path, from, now, report); err != nil {
		return res, err
	}
	report(UpgradeProgress{Phase: "pemeriksaan", What: "quick_check dan pemeriksaan data"})
	db, err := openReadOnly(path)
	if err != nil {
		return res, err
	}
	bad, err := integrity(ctx, db, "quick_check", 20)
	db.Close()
	if err != nil {
		return res, fmt.Errorf("upgrade: quick_check: %w", err)
	}
	if len(bad) > 0 {
		return res, fmt.Errorf("upgrade: quick_check menemukan kerusakan (cadangan ada di %s): %s", res.Backup, strings.Join(bad, "; "))
	}
	res.Check, err = Check(ctx, path)
	return res, err
}

// checkFreeDisk refuses an upgrade that could run out of disk half-way.
func checkFreeDisk(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("upgrade: %w", err)
	}
	need := uint64(st.Size()) * upgradeDiskFactor
	if wal, err := os.Stat(path + "-wal"); err == nil {
		need += uint64(wal.Size())
	}
	free, err := freeBytes(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("upgrade: periksa ruang disk: %w", err)
	}
	if free < need {
		return fmt.Errorf("ruang disk kurang untuk pembaruan: perlu sekitar %d MB kosong di %s (3× ukuran basis data), tersedia %d MB; "+
			"kosongkan ruang lalu jalankan `loket upgrade` lagi; basis data tidak diubah", need>>20, filepath.Dir(path), free>>20)
	}
	return nil
}

// backupBeforeUpgrade writes a verified copy of path beside it, named
// loket-sebelum-upgrade-YYYYMMDD-HHMMSS.db (WIB). The copy is written under
// a .part name and renamed only once quick_check passed, so a kill during
// the copy never leaves a file that looks like a good backup.
func backupBeforeUpgrade(ctx context.Context, path string, now time.Time) (string, error) {
	db, err := openReadOnly(path)
	if err != nil {
		return "", fmt.Errorf("cadangan: %w", err)
	}
	defer db.Close()
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return "", fmt.Errorf("cadangan: %w", err)
	}
	removeLeftovers(dir, time.Now()) // a .db.part of an upgrade that was killed
	base := "loket-sebelum-upgrade-" + now.In(valid.WIB).Format("20060102-150405")
	part, err := createExclusive(dir, base, ".db.part")
	if err != nil {
		return "", fmt.Errorf("cadangan: %w", err)
	}
	if err := vacuumInto(ctx, db, part); err != nil {
		return "", fmt.Errorf("cadangan: %w", err)
	}
	// A name not yet taken (a second upgrade started within the second, or
	// an earlier one killed after its copy): base.db, base-2.db, …
	out := filepath.Join(dir, base+".db")
	for n := 2; ; n++ {
		if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
			break
		}
		out = filepath.Join(dir, fmt.Sprintf("%s-%d.db", base, n))
	}
	if err := os.Rename(part, out); err != nil {
		os.Remove(part)
		return "", fmt.Errorf("cadangan: %w", err)
	}
	syncDir(dir)
	return out, nil
}

// migrateFile runs migrations from+1 … SchemaVersion on a connection of its
// own, each in one transaction, then compacts the file.
func migrateFile(ctx context.Context, path string, from int, now func() time.Time, report func(UpgradeProgress)) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	// temp_store stays FILE (the app uses MEMORY): VACUUM and the audit's
	// regrouping build temporary b-trees the size of the tables, 900 MB of
	// RAM on a decade if kept in memory.
	db, err := sql.Open("sqlite", sqliteURI(path, upgradeDSN))
	if err != nil {
		return fmt.Errorf("upgrade: buka %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ids := newIDSource(nil)
	for i := from; i < len(ms); i++ {
		if err := runMigration(ctx, db, i, ms[i], now, ids, report); err != nil {
			return err
		}
	}
	return compact(ctx, db, report)
}

// upgradeDSN opens the upgrade's own connection: foreign keys off for a
// table rebuild, the WAL, every commit synced.
const upgradeDSN = "_pragma=foreign_keys(0)&_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)" +
	"&_pragma=synchronous(FULL)&_pragma=secure_delete(1)&_txlock=immediate"

// compact rebuilds the file (VACUUM), truncates the WAL and then removes
// metaCompactPending.
func compact(ctx context.Context, db *sql.DB, report func(UpgradeProgress)) error {
	report(UpgradeProgress{Phase: "memadatkan", What: "memadatkan berkas (VACUUM)"})
	if _, err := db.ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("upgrade: padatkan berkas: %w", mapErr(err))
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM meta WHERE key = ?`, metaCompactPending); err != nil {
		return fmt.Errorf("upgrade: padatkan berkas: %w", mapErr(err))
	}
	if _, err := db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fmt.Errorf("upgrade: checkpoint: %w", mapErr(err))
	}
	return nil
}

// compactPending reports whether an earlier upgrade of the file at path
// committed its migrations and was stopped before its compaction ended.
func compactPending(ctx context.Context, path string) (bool, error) {
	db, err := openReadOnly(path)
	if err != nil {
		return false, err
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM meta WHERE key = ?`, metaCompactPending).Scan(&n); err != nil {
		return false, fmt.Errorf("upgrade: %w", mapErr(err))
	}
	return n > 0, nil
}

// compactFile finishes the compaction an earlier upgrade did not.
func compactFile(ctx context.Context, path string, report func(UpgradeProgress)) error {
	db, err := sql.Open("sqlite", sqliteURI(path, upgradeDSN))
	if err != nil {
		return fmt.Errorf("upgrade: buka %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	return compact(ctx, db, report)
}

// runMigration applies migration i+1 (script ms) in one transaction.
func runMigration(ctx context.Context, db *sql.DB, i int, script string, now func() time.Time, ids *idSource, report func(UpgradeProgress)) error {
	phase := fmt.Sprintf("migrasi %d", i+1)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("upgrade: %s: %w", phase, mapErr(err))
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("upgrade: %s: %w", phase, mapErr(err))
	}
	if version != i {
		return fmt.Errorf("upgrade: %s: basis data berubah saat diperbarui (versi %d)", phase, version)
	}
	stmts := splitSQL(script)
	for n, st := range stmts {
		report(UpgradeProgress{Phase: phase, Step: n + 1, Steps: len(stmts), What: describeSQL(st), Migration: i + 1})
		if _, err := tx.ExecContext(ctx, st); err != nil {
			return fmt.Errorf("upgrade: %s, langkah %d: %w", phase, n+1, mapErr(err))
		}
	}
	if err := afterMigration(ctx, tx, i+1, ids.next(now()), now()); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')`, metaCompactPending); err != nil {
		return fmt.Errorf("upgrade: %s: %w", phase, mapErr(err))
	}
	if err := foreignKeyCheck(ctx, tx); err != nil {
		return fmt.Errorf("upgrade: %s: %w", phase, err)
	}
	// PRAGMA does not take parameters; the value is an int from this binary.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
		return fmt.Errorf("upgrade: %s: %w", phase, mapErr(err))
	}
	return mapErr(tx.Commit())
}

// foreignKeyCheck fails when any row points at a missing record: with
// foreign keys off during a rebuild nothing else would notice.
func foreignKeyCheck(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return err
		}
		if len(bad) < 5 {
			bad = append(bad, table+" → "+parent)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(bad) > 0 {
		return fmt.Errorf("kunci asing rusak setelah migrasi (%s); basis data tidak diubah", strings.Join(bad, ", "))
	}
	return nil
}

// afterMigration does what a migration needs from Go inside its own
// transaction: migration 2 stores the built-in schedule as a schedule row
// and points every visit without one at it; migration 3 computes the hash
// chain of the audit rows already there (SQLite has no SHA-256).
func afterMigration(ctx context.Context, tx *sql.Tx, version int, newID string, now time.Time) error {
	switch version {
	case 2:
		return storeBuiltinSchedule(ctx, tx, newID)
	case 3:
		return backfillChain(ctx, tx)
	}
	return nil
}

// storeBuiltinSchedule keeps the binary's built-in schedule as a schedule
// row (v1 never stored it, so schedule_id was NULL on every visit priced
// with it) and back-fills schedule_id. Its installed_at is its effective
// date, so a schedule an officer installed with the same effective date
// still wins, as it did in v1.
func storeBuiltinSchedule(ctx context.Context, tx *sql.Tx, newID string) error {
	body := tariff.DefaultFile()
	sch := tariff.Default()
	var id string
	err := tx.QueryRowContext(ctx, `SELECT id FROM schedules WHERE body = ? ORDER BY installed_at LIMIT 1`, string(body)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		id = newID
		eff := sch.Effective.Format(time.DateOnly)
		_, err = tx.ExecContext(ctx, `INSERT INTO schedules (id, name, basis, effective, body, installed_at, installed_by)
			VALUES (?,?,?,?,?,?,NULL)`, id, sch.Name, sch.Basis, eff, string(body), eff+"T00:00:00.000000Z")
	}
	if err != nil {
		return fmt.Errorf("store: simpan jadwal tarif bawaan: %w", err)
	}
	// A v1 visit not yet priced has no schedule name; it now has the
	// built-in schedule, so it gets its name too, as a new visit does.
	if _, err := tx.ExecContext(ctx, `UPDATE visits SET schedule_id = ?,
		schedule_name = CASE schedule_name WHEN '' THEN ? ELSE schedule_name END WHERE schedule_id IS NULL`, id, sch.Name); err != nil {
		return fmt.Errorf("store: isi jadwal tarif kunjungan: %w", err)
	}
	return nil
}
