package visit

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

// A microdata size is typed in bytes or with a unit, decimal as the tariff
// counts (1 MB = 1.000.000 byte), with an Indonesian decimal comma.
func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{
		"25000000": 25_000_000, "25.000.000": 25_000_000, "25 MB": 25_000_000, "25mb": 25_000_000,
		"1,5 GB": 1_500_000_000, "2.5 MB": 2_500_000, "1.500 MB": 1_500_000_000, "800 KB": 800_000,
		"1,250 GB": 1_250_000_000, "2,250 MB": 2_250_000, "1.500,5 MB": 1_500_500_000,
		"0,0001 KB": 1, "12 byte": 12, "3 B": 3, "": 0, " 7 TB ": 7_000_000_000_000,
	} {
		got, err := parseSize(in)
		if err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"MB", "25 MiB", "dua MB", "1,2,3 MB", "1,5.000 MB", "1.50.000 MB", "-5 MB", "1,0000001 GB", "99999999999 TB"} {
		if got, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) accepted as %d", in, got)
		}
	}
}
