package valid

import (
	"strconv"
	"strings"
	"time"
)

const dayDateHint = "tulis tanggal hari dulu: HH-BB-TTTT, misalnya 01-06-2026"

// DayDate reads a date typed day first at the counter, as the officer's
// other dates are: HH-BB-TTTT with '-' or '/' between ("01-06-2026",
// "1/6/2026"). It returns midnight WIB of that day; a date that is not in
// the calendar (31-02-2026) is refused as such, not with a format hint.
// The command line's dates stay YYYY-MM-DD (Date).
func DayDate(field, s string) (time.Time, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return time.Time{}, fail(field, "wajib diisi; %s", dayDateHint)
	}
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == '-' || r == '/' })
	if len(parts) != 3 || len(parts[0]) > 2 || len(parts[1]) > 2 || len(parts[2]) != 4 {
		return time.Time{}, fail(field, "%s (tertulis %q)", dayDateHint, t)
	}
	var n [3]int
	for i, p := range parts {
		if _, bad := firstNotIn(p, isDigit); bad || p == "" {
			return time.Time{}, fail(field, "%s (tertulis %q)", dayDateHint, t)
		}
		n[i], _ = strconv.Atoi(p)
	}
	d, m, y := n[0], n[1], n[2]
	if y < 1 || m < 1 || m > 12 || d < 1 || d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return time.Time{}, fail(field, "tanggal %s tidak ada di kalender (hari dulu, lalu bulan)", t)
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, WIB), nil
}
