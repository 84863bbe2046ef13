package valid

import (
	"testing"
	"time"
)

// A valid NIK gives its holder's gender and year of birth; the century is
// the one that keeps the year from the future.
func TestNIKFacts(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, WIB)
	for _, c := range []struct {
		nik    string
		gender string
		year   int
		ok     bool
	}{
		{"1906011001800002", "L", 1980, true},
		{"1906015203950001", "P", 1995, true}, // day 52 = 12th, a woman
		{"1906 0101 0708 0003", "L", 2008, true},
		{"1906014107210001", "P", 2021, true}, // five years old
		{"1906014107220001", "P", 1922, true}, // not four: BirthYear would refuse it
		{"1906011001270001", "L", 1927, true}, // 27 is after 2026's 26
		{"1906013201800002", "", 0, false},    // day 32
		{"190601100180", "", 0, false},
	} {
		g, y, ok := NIKFacts(c.nik, now)
		if g != c.gender || y != c.year || ok != c.ok {
			t.Errorf("NIKFacts(%q) = %q %d %v, want %q %d %v", c.nik, g, y, ok, c.gender, c.year, c.ok)
		}
	}
}
