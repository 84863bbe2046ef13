package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"loket/store/valid"
)

// clockSlack is how far the PC's clock may be behind the newest record
// before it is warned about: two PCs (or a correction of a few seconds by
// the time service) must not raise it.
const clockSlack = 2 * time.Minute

// newestRecordQuery reads the time of the newest record: the latest audit
// row or the latest save of an open visit (visits.updated_at: a step's
// first save is not an audit row, visit_seal.go; a closed visit's last save
// is its close, an audit row).
const newestRecordQuery = `SELECT max(coalesce((SELECT max(at) FROM audit), ''),
	coalesce((SELECT max(updated_at) FROM visits WHERE status = 'Berjalan'), ''))`

// NewestRecordTime returns the time of the newest record in the database
// (newestRecordQuery), or the zero time for a database with none. A PC
// whose CMOS battery died boots in the past; the app compares this with
// the clock before the first save (ClockWarning).
func (s *Store) NewestRecordTime(ctx context.Context) (time.Time, error) {
	var at sql.NullString
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, newestRecordQuery).Scan(&at)
	})
	if err != nil {
		return time.Time{}, err
	}
	return nullTime(at), nil
}

// ClockWarning returns the Indonesian warning to show when now is earlier
// than the newest record (by more than a couple of minutes), else "". It
// says what it sees: both times in WIB, and what to do.
func ClockWarning(now, newest time.Time) string {
	if newest.IsZero() || !now.Before(newest.Add(-clockSlack)) {
		return ""
	}
	const f = "2006-01-02 15:04 WIB"
	return fmt.Sprintf("Peringatan: jam komputer menunjukkan %s, lebih awal dari catatan terbaru di basis data (%s). "+
		"Jam komputer mungkin salah (baterai CMOS habis?): pembayaran akan tercatat pada hari yang salah. "+
		"Betulkan tanggal dan jam Windows dulu sebelum menyimpan.",
		now.In(valid.WIB).Format(f), newest.In(valid.WIB).Format(f))
}

// CheckClock is NewestRecordTime and ClockWarning against the store's
// clock in one call: "" when the clock is plausible.
func (s *Store) CheckClock(ctx context.Context) (string, error) {
	newest, err := s.NewestRecordTime(ctx)
	if err != nil {
		return "", err
	}
	return ClockWarning(s.now(), newest), nil
}

// FileClockWarning is CheckClock for a command that does not open a
// Store (backup, check, restore, upgrade, gabung, demo): it reads the
// newest record time of the database at path on a read-only connection,
// changing nothing, and compares it with now. A compressed backup
// (.db.gz) is not a database the clock writes into: "" for it.
func FileClockWarning(ctx context.Context, path string, now time.Time) (string, error) {
	if isGzip(path) {
		return "", nil
	}
	db, err := openReadOnly(path)
	if err != nil {
		return "", err
	}
	defer db.Close()
	var at sql.NullString
	if err := db.QueryRowContext(ctx, newestRecordQuery).Scan(&at); err != nil {
		return "", fmt.Errorf("baca catatan terbaru %s: %w", path, mapErr(err))
	}
	return ClockWarning(now, nullTime(at)), nil
}
