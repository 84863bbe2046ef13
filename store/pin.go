package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"loket/store/valid"
)

// An officer's PIN guards the counter's screen and the commands that act
// in the officer's name. It does not protect a copied database file: the
// bcrypt hash of a short PIN falls to a search in minutes. What it can do
// is make guessing at the counter slow: wrong PINs are counted per officer
// and, after pinFreeTries in a row, each further try must wait, longer
// every time. The count and the time of the last failure live in the meta
// table (key pinFailKey), so they survive a restart without a schema
// change; a right PIN clears them.

// Limits of the PIN and of guessing it.
const (
	// PINMinDigits is the shortest new PIN: a million choices instead of
	// the ten thousand of a four-digit PIN. Shorter PINs set before keep
	// working until they are changed.
	PINMinDigits = 6
	// PINMaxDigits is the longest PIN.
	PINMaxDigits = 8
	// pinFreeTries wrong PINs in a row are allowed without a wait.
	pinFreeTries = 5
	// pinFirstWait is the wait after the fifth wrong PIN in a row; it
	// doubles with each further wrong PIN, up to pinMaxWait.
	pinFirstWait = 30 * time.Second
	pinMaxWait   = time.Hour
)

// ErrPINWait is the sentinel of PINWaitError.
var ErrPINWait = errors.New("terlalu banyak PIN salah")

// PINWaitError refuses a PIN check while the wait after too many wrong
// PINs in a row runs; the PIN is not even compared. Wait is what is left.
type PINWaitError struct {
	Failures int           // wrong PINs in a row so far
	Wait     time.Duration // until the next try is accepted
}

func (e *PINWaitError) Error() string {
	return fmt.Sprintf("PIN salah %d kali berturut-turut; coba lagi dalam %s", e.Failures, waitText(e.Wait))
}

// Unwrap is a RuleError of ErrPINWait with the same sentence, so that
// errors.Is(err, ErrPINWait) holds and a screen that shows a RuleError's
// Msg shows this one as it stands.
func (e *PINWaitError) Unwrap() error { return &RuleError{Kind: ErrPINWait, Msg: e.Error()} }

// waitText says a wait in Indonesian, rounded up to the second.
func waitText(d time.Duration) string {
	secs := int((d + time.Second - 1) / time.Second)
	switch {
	case secs >= 60 && secs%60 == 0:
		return fmt.Sprintf("%d menit", secs/60)
	case secs >= 60:
		return fmt.Sprintf("%d menit %d detik", secs/60, secs%60)
	}
	return fmt.Sprintf("%d detik", secs)
}

// pinWait is the wait that follows the n-th wrong PIN in a row.
func pinWait(n int) time.Duration {
	if n < pinFreeTries {
		return 0
	}
	w := pinFirstWait
	for i := pinFreeTries; i < n && w < pinMaxWait; i++ {
		w *= 2
	}
	return min(w, pinMaxWait)
}

func pinFailKey(officerID string) string { return "pin_gagal:" + officerID }

// pinFailures reads an officer's count of wrong PINs in a row and the time
// of the last one; a value that does not read counts as none.
func pinFailures(ctx context.Context, q querier, officerID string) (int, time.Time, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, pinFailKey(officerID)).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, time.Time{}, nil
	}
	if err != nil {
		return 0, time.Time{}, err
	}
	count, at, _ := strings.Cut(v, " ")
	n, err := strconv.Atoi(count)
	if err != nil || n < 0 {
		return 0, time.Time{}, nil
	}
	return n, parseTime(at), nil
}

// CheckPIN reports nil when pin is the officer's PIN (an officer without a
// PIN passes with any input), a RuleError of ErrPIN ("PIN salah") when it
// is not, and a *PINWaitError while the wait after pinFreeTries wrong PINs
// in a row runs. Where the store is writable each wrong PIN is counted and
// audited (the PIN itself never); a right one clears the count. On a
// read-only store the wait is still enforced but nothing is counted.
func (s *Store) CheckPIN(ctx context.Context, officerID, pin string) error {
	var hash sql.NullString
	var fails int
	var last time.Time
	err := s.read(ctx, func(tx *sql.Tx) error {
		err := s.cached(tx).QueryRowContext(ctx, `SELECT pin_hash FROM officers WHERE id = ?`, officerID).Scan(&hash)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		fails, last, err = pinFailures(ctx, s.cached(tx), officerID)
		return err
	})
	if err != nil || !hash.Valid {
		return err
	}
	now := s.now()
	if left := last.Add(pinWait(fails)).Sub(now); left > 0 {
		return &PINWaitError{Failures: fails, Wait: left}
	}
	right := bcrypt.CompareHashAndPassword([]byte(hash.String), []byte(strings.TrimSpace(pin))) == nil
	if right && fails == 0 {
		return nil
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if right {
			_, err := s.cached(tx).ExecContext(ctx, `DELETE FROM meta WHERE key = ?`, pinFailKey(officerID))
			return err
		}
		// Counted again inside the write: another process may have
		// counted a failure since the read.
		n, _, err := pinFailures(ctx, s.cached(tx), officerID)
		if err != nil {
			return err
		}
		fails = n + 1
		_, err = s.cached(tx).ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, pinFailKey(officerID), strconv.Itoa(fails)+" "+fmtTime(now))
		if err != nil {
			return err
		}
		a := s.auditor(ctx, tx, "", "officer", officerID)
		a.eventNote("pin_salah", fmt.Sprintf("PIN salah, ke-%d berturut-turut", fails))
		return a.err
	})
	switch {
	case errors.Is(err, ErrReadOnly):
		// A read-only store (export beside the app) cannot count.
		fails = 0
	case err != nil:
		return err
	}
	if right {
		return nil
	}
	if w := pinWait(fails); w > 0 {
		return &PINWaitError{Failures: fails, Wait: w}
	}
	return refuse(ErrPIN, "PIN salah")
}

// hashPIN checks a new PIN (PINMinDigits–PINMaxDigits digits) and hashes it
// with bcrypt; an empty pin is no PIN.
func hashPIN(pin string) (sql.NullString, error) {
	pin = strings.TrimSpace(pin)
	if pin == "" {
		return sql.NullString{}, nil
	}
	if len(pin) < PINMinDigits || len(pin) > PINMaxDigits || strings.Trim(pin, "0123456789") != "" {
		return sql.NullString{}, &valid.Error{Field: "PIN", Msg: fmt.Sprintf("harus %d–%d angka", PINMinDigits, PINMaxDigits)}
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pin), bcrypt.DefaultCost)
	if err != nil {
		return sql.NullString{}, fmt.Errorf("store: hash PIN: %w", err)
	}
	return sql.NullString{String: string(h), Valid: true}, nil
}
