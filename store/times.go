package store

import (
	"database/sql"
	"time"

	"loket/store/valid"
)

// timeFormat stores instants in UTC with fixed width, so text order is time
// order.
const timeFormat = "2006-01-02T15:04:05.000000Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) time.Time {
	t, err := time.Parse(timeFormat, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func nullTime(ns sql.NullString) time.Time {
	if !ns.Valid {
		return time.Time{}
	}
	return parseTime(ns.String)
}

// Day is the WIB calendar day of t, as stored (YYYY-MM-DD).
func Day(t time.Time) string { return t.In(valid.WIB).Format(time.DateOnly) }

// DayStart is midnight WIB of the day that holds t.
func DayStart(t time.Time) time.Time {
	w := t.In(valid.WIB)
	return time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, valid.WIB)
}

// ServiceTime is the one reading of a visit's service time: from arrival to
// end, minus the time it was suspended, never below zero (a clock set back
// between arrival and end must not make a negative time count against the
// 5-minute standard or lower a day's average). Visit.ServiceTime, the
// report rows and the day's statistics all use it.
func ServiceTime(arrived, end time.Time, suspended time.Duration) time.Duration {
	return max(end.Sub(arrived)-suspended, 0)
}
