package tariff

import "math"

// The bounds on money and schedules. They are far above anything a real
// regulation or a real request at a BPS counter can reach, and low enough
// that a typo in a schedule file or at the counter is refused instead of
// overflowing int64 (an item of Rp6.148.915 per byte once made three lines
// of 999.999.949.786 bytes sum to Rp80.000).
const (
	// MaxUnitRp bounds every price in a schedule file (the first block's and
	// each further block's): Rp1.000.000.000.
	MaxUnitRp = 1_000_000_000
	// MaxTotal bounds the quote of one line and the total of one visit:
	// Rp100.000.000.000. store/valid.MaxRupiah is the same bound for money
	// typed at the counter.
	MaxTotal = 100_000_000_000
	// MaxFileBytes bounds a schedule file: 1 MB (1.000.000 byte). The
	// embedded schedule is about 5 KB.
	MaxFileBytes = 1_000_000
	// MaxItems bounds the items ("item:" and "tanpa_tarif:" lines) of a
	// schedule: 1.000. PP No. 13 Tahun 2024 has 8.
	MaxItems = 1_000
)

// Add adds two amounts of money, ok false when the sum does not fit in
// int64. Every sum of money goes through it, so an overflow is refused
// rather than wrapped around to a small, plausible amount.
func Add(a, b int64) (sum int64, ok bool) {
	if (b > 0 && a > math.MaxInt64-b) || (b < 0 && a < math.MinInt64-b) {
		return 0, false
	}
	return a + b, true
}
