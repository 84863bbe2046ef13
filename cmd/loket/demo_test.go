package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"loket/store"
	"loket/store/valid"
)

// Without --until, demo fills today only once its day is over: in the
// morning the last day is yesterday, so no record is later than the clock
// (which the app would warn of as a clock in the past).
func TestDemoDefaultLastDayIsInThePast(t *testing.T) {
	for _, tc := range []struct{ now, want string }{
		{"2026-12-07T09:00:00+07:00", "2026-12-06"},
		{"2026-12-07T00:30:00+07:00", "2026-12-06"},
		{"2026-12-07T19:59:00+07:00", "2026-12-06"},
		{"2026-12-07T20:00:00+07:00", "2026-12-07"},
		{"2026-12-06T18:00:00Z", "2026-12-06"}, // 01:00 WIB on the 7th: still morning there
	} {
		now, err := time.Parse(time.RFC3339, tc.now)
		if err != nil {
			t.Fatal(err)
		}
		if got := demoLastDay(now).In(valid.WIB).Format(time.DateOnly); got != tc.want {
			t.Errorf("demoLastDay(%s) = %s, want %s", tc.now, got, tc.want)
		}
	}
	// And the real command: a demo made now holds nothing later than now.
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errs := runLoket(t, nil, "demo", "--db", db, "--days", "2"); code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	if w, err := store.FileClockWarning(context.Background(), db, time.Now()); err != nil || w != "" {
		t.Errorf("a default demo database warns of the clock: %q %v", w, err)
	}
}
