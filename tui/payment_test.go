package tui

import (
	"testing"
	"time"

	"loket/store/valid"
)

// The time paid is typed as the bank slip prints it: day first (the way
// the app shows dates) or year first, with - or /, : or . in the time.
func TestParsePaidAt(t *testing.T) {
	want := time.Date(2026, 11, 27, 10, 5, 0, 0, valid.WIB)
	for _, s := range []string{"27-11-2026 10:05", "27/11/2026 10.05", "2026-11-27 10:05", " 27-11-2026   10:05 ",
		"27-11-2026 10:05:00", "27/11/2026 10:05"} {
		got, ok := parsePaidAt(s)
		if !ok || !got.Equal(want) {
			t.Errorf("parsePaidAt(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"27-11-2026", "10:05", "32-11-2026 10:05", "27-13-2026 10:05", "11-27-2026 10:05",
		"27-11-26 10:05", "kemarin 10:05", "27-11-2026 25:00"} {
		if got, ok := parsePaidAt(s); ok {
			t.Errorf("parsePaidAt(%q) accepted as %v", s, got)
		}
	}
}
