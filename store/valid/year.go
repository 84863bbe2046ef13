package valid

import (
	"regexp"
	"strconv"
	"strings"
)

// The years a requested product may be of (the publication or the data's
// year).
const (
	MinProductYear = 1900
	MaxProductYear = 2100
)

// ProductYear reads the year of a requested product as typed: "" is none
// (0); otherwise four ASCII digits from MinProductYear to MaxProductYear.
// "+2025", "02025" and "2025.0" are refused (strconv.Atoi read the first
// two as 2025).
func ProductYear(field, s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if len(s) != 4 || !allASCIIDigits(s) {
		return 0, fail(field, "tahun 4 angka, misalnya 2025 (tertulis %q)", s)
	}
	y, _ := strconv.Atoi(s)
	if y < MinProductYear { // "0000" is not "no year"
		return 0, yearRange(field, y)
	}
	return y, CheckProductYear(field, y)
}

// CheckProductYear refuses a product year out of range; 0 is none.
func CheckProductYear(field string, y int) error {
	if y != 0 && (y < MinProductYear || y > MaxProductYear) {
		return yearRange(field, y)
	}
	return nil
}

func yearRange(field string, y int) error {
	return fail(field, "tahun harus antara %d dan %d (tertulis %d)", MinProductYear, MaxProductYear, y)
}

// queueNo is a queue number as the officer types it: A-003, a3, 3.
var queueNo = regexp.MustCompile(`^([A-Za-z]{0,3})-?([0-9]{1,4})$`)

// QueueNo reads a queue number as the officer types it — "A-003", "a3",
// "3" — into its counter code (upper case; "" when only the number was
// typed, for the caller's own counter) and its number (at most 9999). ok is
// false when s is not a queue number (it may be a visit ID).
func QueueNo(s string) (counter string, n int, ok bool) {
	m := queueNo.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", 0, false
	}
	n, _ = strconv.Atoi(m[2]) // 1 to 4 ASCII digits
	return strings.ToUpper(m[1]), n, true
}
