// Package store keeps loket's records in a local SQLite file and guards the
// rules of the 16-step visit: whatever calls it, a visit cannot move to a step
// the procedure forbids, money cannot change once paid, and every change is
// written to an append-only audit trail.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"loket/tariff"

	sqlite "modernc.org/sqlite" // also registers the pure-Go "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// SchemaVersion is the schema version this binary writes: the number of
// migrations it carries.
var SchemaVersion = len(mustMigrations())

func mustMigrations() []string {
	ms, err := migrations()
	if err != nil {
		panic(err)
	}
	return ms
}

// migrations returns the embedded migration scripts in order. Migration N
// (1-based) upgrades a database from user_version N-1 to N.
func migrations() ([]string, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]string, 0, len(names))
	for _, n := range names {
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, nil
}

// Options adjust how a store is opened. The zero value is what the counter
// uses.
type Options struct {
	// Now returns the current time; tests and the demo generator inject one.
	Now func() time.Time
	// Entropy feeds the random part of new IDs; nil means crypto/rand.
	Entropy io.Reader
	// Synchronous overrides PRAGMA synchronous (default FULL, because a
	// counter PC loses power). Only disposable demo data may relax it.
	Synchronous string
	// ReadOnly opens an existing database for reading only: nothing is
	// created or migrated. export, check and backup use it.
	ReadOnly bool
	// MustExist refuses to create a missing database: tarif and dokumen
	// only work on one that is there, and a typo in --db must not leave a
	// new empty database behind.
	MustExist bool
	// Archive lets a writable open through on an archive (merge.go): only
	// a merge writes to one. Without it, a writable open refuses an
	// archive with ErrArchive; a read-only one (export, check) reads it.
	Archive bool
}

// testPragmas is appended to the read-write DSN. Tests set it to
// "&_pragma=max_page_count(1)": SQLITE_FULL, a full disk, without root.
var testPragmas string

// Store is an open loket database. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time
	ids  *idSource

	shared *shared
	batch  *sql.Tx // set inside Batch: every call joins this transaction
}

// shared is what a Store and its Batch views share.
type shared struct {
	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt

	// stamps holds each open write transaction's one timestamp, read
	// once when it begins (see at).
	stamps sync.Map // *sql.Tx -> time.Time

	mu      sync.Mutex // guards sched and schedID
	sched   *tariff.Schedule
	schedID string

	files fileIdentity // the files a writable store opened (lock_identity.go)
}

// Open opens (creating if needed, unless opts.ReadOnly) the database at path,
// applies pending migrations and refuses a database written by a newer
// loket. A new file is created with mode 0600; SQLite gives its WAL the same
// mode. A file this call created is removed again (with its -wal and -shm)
// when the open fails, so a full disk leaves no empty database behind.
func Open(ctx context.Context, path string, opts Options) (_ *Store, err error) {
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("nama berkas basis data tidak boleh memuat '?' atau '#': %s", path)
	}
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return nil, fmt.Errorf("%s adalah folder, bukan berkas basis data; tulis nama berkasnya, mis. %s", path, filepath.Join(path, "loket.db"))
	case err != nil && (opts.ReadOnly || opts.MustExist):
		return nil, &notFoundError{path: path, err: err}
	}
	created := false
	if !opts.ReadOnly {
		if created, err = createFile(path); err != nil {
			return nil, err
		}
		// Only a file this call made is removed: an empty one that was
		// there may be another process's new database, being set up.
		if created {
			defer func() {
				if err != nil {
					removeNewDB(path)
				}
			}()
		}
	}
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	if !opts.ReadOnly {
		if err := refuseLinks(path); err != nil {
			return nil, err
		}
	}
	// Refuse a file that is not loket's, or is newer, before the
	// read-write DSN below switches it to WAL mode (which rewrites its
	// header): read it with mode=ro first.
	if st, err := os.Stat(path); err == nil && st.Size() > 0 && !opts.ReadOnly {
		if err := preflight(ctx, path); err != nil {
			return nil, err
		}
	}
	sync := "FULL"
	if opts.Synchronous != "" {
		sync = opts.Synchronous
	}
	dsn := path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(" + sync + ")&_pragma=temp_store(MEMORY)&_pragma=secure_delete(1)&_txlock=immediate" + testPragmas
	if opts.ReadOnly {
		dsn = path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=query_only(1)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("buka %s: %w", path, err)
	}
	s := &Store{db: db, path: path, now: opts.Now, ids: newIDSource(opts.Entropy), shared: &shared{}}
	if s.now == nil {
		s.now = time.Now
	}
	if err := s.migrate(ctx, opts.ReadOnly); err != nil {
		db.Close()
		return nil, openErr(path, created, err)
	}
	if !opts.ReadOnly && !opts.Archive {
		if err := s.refuseArchive(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	s.shared.files.disabled = opts.ReadOnly
	if !opts.ReadOnly {
		if err := s.rememberFiles(ctx, dsn); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// notFoundError is a missing database, said in Indonesian only; errors.Is
// still matches fs.ErrNotExist.
type notFoundError struct {
	path string
	err  error
}

func (e *notFoundError) Error() string {
	return fmt.Sprintf("basis data %s tidak ditemukan; periksa --db atau LOKET_DB (perintah ini tidak membuat basis data baru)", e.path)
}

func (e *notFoundError) Unwrap() error { return e.err }

// preflight reads an existing file read-only and refuses it when it is not
// a loket database (another SQLite file, tables but no schema version) or
// was written by a newer loket, so that nothing is written to it.
func preflight(ctx context.Context, path string) error {
	db, err := openReadOnly(path)
	if err != nil {
		return err
	}
	defer db.Close()
	var version, tables, visits int
	err = db.QueryRowContext(ctx, `SELECT (SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_master), (SELECT count(*) FROM sqlite_master WHERE type='table' AND name='visits')`).Scan(&version, &tables, &visits)
	if err != nil {
		if ro := walReadOnly(path, err); ro != nil {
			return ro
		}
		return fmt.Errorf("%w: %s tidak dapat dibaca sebagai basis data SQLite (%v)", ErrNotLoket, path, mapErr(err))
	}
	switch {
	case version > SchemaVersion:
		return &TooNewError{Database: version, Binary: SchemaVersion}
	case version == 0 && tables > 0:
		return fmt.Errorf("%w: %s adalah basis data SQLite lain, bukan milik loket; basis data tidak diubah", ErrNotLoket, path)
	case version > 0 && visits == 0:
		return fmt.Errorf("%w: %s tidak memiliki tabel kunjungan; basis data tidak diubah", ErrNotLoket, path)
	}
	return nil
}

// createFile makes the database file (and its folder) if it does not exist,
// owner-only, before SQLite opens it: SQLite would otherwise create it with
// the process umask, typically 0644. created says it made the file.
func createFile(path string) (created bool, err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return false, fmt.Errorf("folder basis data: %w", writeErr(filepath.Dir(path), err))
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("basis data %s tidak dapat dibuat: %w", path, writeErr(filepath.Dir(path), err))
	}
	return true, f.Close()
}

// removeNewDB removes a database file Open created and could not finish,
// with the side files SQLite may have made beside it.
func removeNewDB(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		os.Remove(p)
	}
}

// openErr says in Indonesian why a database could not be opened or set up:
// a full disk or a folder that cannot be written is named with what to do,
// not as "database or disk is full (13)" and not as a failed save.
func openErr(path string, created bool, err error) error {
	if ro := walReadOnly(path, err); ro != nil {
		return ro
	}
	m := mapErr(err) // a driver error anywhere in the chain
	var re *RuleError
	if !errors.As(m, &re) {
		return err
	}
	if !errors.Is(m, ErrDiskFull) && !errors.Is(m, ErrReadOnly) {
		return m // busy, damaged: the store's own sentence
	}
	dir := filepath.Dir(path)
	if abs, aerr := filepath.Abs(dir); aerr == nil {
		dir = abs
	}
	if errors.Is(m, ErrDiskFull) {
		msg := fmt.Sprintf("basis data %s tidak dapat dibuka atau dibuat: disk di %s penuh; kosongkan ruang disk lalu coba lagi", path, dir)
		if created {
			return &RuleError{Kind: ErrDiskFull, Msg: msg + ". Berkas yang baru dibuat sudah dihapus"}
		}
		return &RuleError{Kind: ErrDiskFull, Msg: msg + ". Belum ada data yang tersimpan di sana"}
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return m
	}
	return &RuleError{Kind: ErrReadOnly, Msg: fmt.Sprintf("basis data %s tidak dapat dibuka (%s; kode SQLite %d). Periksa disk, atau salin berkasnya ke folder yang dapat ditulisi lalu jalankan lagi dengan --db salinan itu",
		path, writeCause(se.Code()&0xff), se.Code())}
}

// checkHeader refuses a file that is not empty and not an SQLite database,
// before SQLite gets a chance to touch it.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("buka %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 16)
	n, err := io.ReadFull(f, head)
	if n == 0 {
		return nil // new, empty file
	}
	if err != nil || string(head) != "SQLite format 3\x00" {
		return fmt.Errorf("%w: %s bukan berkas basis data SQLite", ErrNotLoket, path)
	}
	return nil
}

func (s *Store) migrate(ctx context.Context, readOnly bool) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("baca versi skema: %w", err)
	}
	if version > len(ms) {
		return &TooNewError{Database: version, Binary: len(ms)}
	}
	if version > 0 {
		var ok int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='visits'").Scan(&ok); err != nil || ok == 0 {
			return fmt.Errorf("%w: tabel kunjungan tidak ada", ErrNotLoket)
		}
	}
	if version == len(ms) {
		return nil
	}
	if readOnly {
		if version == 0 {
			return fmt.Errorf("%w: basis data kosong atau bukan milik loket", ErrNotLoket)
		}
		return &NeedsUpgradeError{Database: version, Binary: len(ms)}
	}
	if version > 0 {
		return &NeedsUpgradeError{Database: version, Binary: len(ms)} // Upgrade: backup first, then migrate (upgrade.go)
	}
	if version == 0 {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
			return fmt.Errorf("periksa basis data: %w", err)
		}
		if n > 0 {
			return fmt.Errorf("%w: basis data sudah berisi tabel lain", ErrNotLoket)
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrasi: %w", err)
	}
	defer tx.Rollback()
	for i := version; i < len(ms); i++ {
		if _, err := tx.ExecContext(ctx, ms[i]); err != nil {
			return fmt.Errorf("migrasi %d: %w", i+1, err)
		}
		if i == 0 {
			if err := s.seedOffice(ctx, tx); err != nil {
				return err
			}
		}
		if err := afterMigration(ctx, tx, i+1, s.newID(), s.now()); err != nil {
			return err
		}
	}
	// PRAGMA does not take parameters; the value is an int from this binary.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(ms))); err != nil {
		return fmt.Errorf("set user_version: %w", err)
	}
	return tx.Commit()
}

// Close closes the database.
func (s *Store) Close() error {
	c := s.shared
	c.stmtMu.Lock()
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts = nil
	c.stmtMu.Unlock()
	if k := c.files.keep; k != nil {
		k.Close()
		c.files.keep = nil
	}
	return s.db.Close()
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// write runs fn in an immediate (write) transaction. Inside a Batch it runs
// in the batch's transaction under a savepoint, so a refused call still
// leaves nothing half-written. It first makes sure the database file and
// its WAL are still the ones opened (CheckFiles: refused with ErrFileGone
// if not), and after a commit that closed a visit it checkpoints the WAL.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.batch != nil {
		return s.savepoint(ctx, fn)
	}
	if err := s.CheckFiles(ctx); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	s.shared.stamps.Store(tx, s.now())
	defer s.shared.stamps.Delete(tx)
	if err := fn(tx); err != nil {
		s.shared.files.closedV.Store(false)
		return mapErr(err)
	}
	if err := tx.Commit(); err != nil {
		s.shared.files.closedV.Store(false)
		return mapErr(err)
	}
	s.checkpointAfterVisit(ctx)
	return nil
}

// read runs fn in a read-only transaction: one consistent snapshot that does
// not take the write lock, so it runs beside the counter's writes.
func (s *Store) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.batch != nil {
		return mapErr(fn(s.batch))
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	return mapErr(fn(tx))
}

// at is the one timestamp of the write transaction tx: every row, step
// and audit entry one change writes carries the same instant, read from
// the clock once when the transaction (or, in a Batch, the call's
// savepoint) began. Outside a write it is the clock.
func (s *Store) at(tx *sql.Tx) time.Time {
	if t, ok := s.shared.stamps.Load(tx); ok {
		return t.(time.Time)
	}
	return s.now()
}

func (s *Store) savepoint(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx := s.batch
	if prev, ok := s.shared.stamps.Load(tx); ok {
		defer s.shared.stamps.Store(tx, prev)
	}
	s.shared.stamps.Store(tx, s.now())
	if _, err := tx.ExecContext(ctx, "SAVEPOINT call"); err != nil {
		return mapErr(err)
	}
	if err := fn(tx); err != nil {
		if _, rerr := tx.ExecContext(ctx, "ROLLBACK TO call"); rerr != nil {
			return errors.Join(mapErr(err), rerr)
		}
		_, _ = tx.ExecContext(ctx, "RELEASE call") // after ROLLBACK TO it only pops the savepoint
		return mapErr(err)
	}
	_, err := tx.ExecContext(ctx, "RELEASE call")
	return mapErr(err)
}

// Batch runs fn with a view of the store whose every method joins one
// transaction, committed when fn returns nil. Each call still runs under
// its own savepoint: a refused call rolls back alone. It is for bulk
// generation (loket demo), where one commit per day instead of one per step
// is most of the speed; the counter itself never batches.
func (s *Store) Batch(ctx context.Context, fn func(b *Store) error) error {
	if s.batch != nil {
		return fn(s)
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		b := &Store{db: s.db, path: s.path, now: s.now, ids: s.ids, shared: s.shared, batch: tx}
		return fn(b)
	})
}
