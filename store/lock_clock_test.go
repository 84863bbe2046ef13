package store

import (
	"strings"
	"testing"
	"time"
)

// A PC clock set before the newest record is warned about, naming both
// times; a clock that is right (or a minute off) is not.
func TestClockBehindTheNewestRecordIsWarned(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepPayment)
	newest, err := f.s.NewestRecordTime(f.ctx)
	f.must(err)
	if newest.IsZero() || newest.After(f.clock.Now()) {
		t.Fatalf("newest record %v, clock %v", newest, f.clock.Now())
	}
	if w, err := f.s.CheckClock(f.ctx); err != nil || w != "" {
		t.Fatalf("right clock: %q %v", w, err)
	}
	f.clock.Add(-time.Minute)
	if w, _ := f.s.CheckClock(f.ctx); w != "" {
		t.Fatalf("a minute behind: %q", w)
	}
	f.clock.Add(-30 * 24 * time.Hour) // the CMOS battery died
	w, err := f.s.CheckClock(f.ctx)
	f.must(err)
	if !strings.Contains(w, "jam komputer menunjukkan 2026-10-27") || !strings.Contains(w, "catatan terbaru di basis data (2026-11-26") {
		t.Fatalf("warning: %q", w)
	}
}
