package valid

import (
	"strconv"
	"strings"
	"time"
)

// sizeUnits are the units a microdata size may be typed in; decimal, as
// the tariff counts them (1 MB = 1.000.000 byte).
var sizeUnits = map[string]int64{"": 1, "b": 1, "byte": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12}

// Size reads a microdata size in bytes: "25000000", "25.000.000",
// "25 MB", "1,5 GB" or "800kb". Unlike money and counts, a size may be a
// fraction of its unit, so here a comma is always the decimal point
// (1,250 GB is 1.25 GB) and a dot followed by three digits groups
// thousands (1.500 MB); a dot followed by other than three digits can only
// be a decimal point (2.5 MB). A part of a byte counts as a whole byte.
// Empty is 0 with no error (not filled in yet); a typed size of 0 is
// refused.
func Size(field, s string) (int64, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return 0, nil
	}
	bad := func() (int64, error) {
		return 0, fail(field, "isi ukuran berkas, misalnya 25 MB, 1,5 GB atau 25.000.000 (byte) (tertulis %q)", s)
	}
	num := strings.TrimRightFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' })
	mult, ok := sizeUnits[s[len(num):]]
	num = strings.ReplaceAll(num, " ", "")
	if !ok || num == "" {
		return bad()
	}
	if strings.HasPrefix(num, "-") {
		return 0, fail(field, "tidak boleh negatif (tertulis %q)", s)
	}
	whole, frac := num, ""
	if i := strings.IndexByte(num, ','); i >= 0 {
		whole, frac = num[:i], num[i+1:]
	} else if i := strings.LastIndexByte(num, '.'); i >= 0 && len(num)-i-1 != 3 {
		whole, frac = num[:i], num[i+1:]
	}
	if strings.ContainsAny(frac, ".,") {
		return bad()
	}
	groups := strings.FieldsFunc(whole, func(r rune) bool { return r == '.' })
	for i, g := range groups {
		if i > 0 && len(g) != 3 {
			return bad() // 1,2,3 MB: not thousands, not a decimal
		}
	}
	whole = strings.Join(groups, "")
	if whole == "" || len(frac) > 6 || strings.Trim(whole+frac, "0123456789") != "" {
		return bad()
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > (1<<62)/mult {
		return 0, fail(field, "terlalu besar (tertulis %q)", s)
	}
	n := w * mult
	if frac != "" {
		f, _ := strconv.ParseInt(frac, 10, 64)
		scale := int64(1)
		for range frac {
			scale *= 10
		}
		n += (f*mult + scale - 1) / scale
	}
	if n == 0 {
		return 0, fail(field, "harus lebih dari 0 byte")
	}
	return n, nil
}

// DateTimeLayout is how a WIB date-time is shown as an example: day first,
// as the app shows dates and bank slips print them.
const DateTimeLayout = "02-01-2006 15:04"

// DateTime reads a date and time in WIB as a bank slip prints it: day
// first with - or / ("31-01-2026 10:00", "31/01/2026 10.00"), or year first
// ("2026-01-31 10:00"); the time with : or ., seconds optional. A date that
// is well written but not in the calendar ("31-02-2026 10:00") is refused
// as such, not with a format hint, so the officer looks at the day rather
// than the punctuation.
func DateTime(field, s string) (time.Time, error) {
	parts := strings.Fields(s)
	hint := "tulis tanggal dan jam WIB, hari dulu: HH-BB-TTTT JJ:MM, misalnya 31-01-2026 10:00"
	if len(parts) == 0 {
		return time.Time{}, fail(field, "wajib diisi; %s", hint)
	}
	if len(parts) != 2 {
		return time.Time{}, fail(field, "%s (tertulis %q)", hint, strings.Join(parts, " "))
	}
	date := strings.FieldsFunc(parts[0], func(r rune) bool { return r == '-' || r == '/' })
	clock := strings.FieldsFunc(parts[1], func(r rune) bool { return r == ':' || r == '.' })
	if len(date) != 3 || (len(clock) != 2 && len(clock) != 3) || !digitsLen(date, 1, 4) || !digitsLen(clock, 1, 2) ||
		strings.Count(parts[0], "-")+strings.Count(parts[0], "/") != 2 || strings.Count(parts[1], ":")+strings.Count(parts[1], ".") != len(clock)-1 {
		return time.Time{}, fail(field, "%s (tertulis %q)", hint, strings.Join(parts, " "))
	}
	d, m, y := date[0], date[1], date[2]
	if len(date[0]) == 4 {
		y, m, d = date[0], date[1], date[2]
	}
	if len(y) != 4 || len(d) > 2 || len(m) > 2 || len(clock[1]) != 2 || (len(clock) == 3 && len(clock[2]) != 2) {
		return time.Time{}, fail(field, "%s (tertulis %q)", hint, strings.Join(parts, " "))
	}
	num := func(x string) int { n, _ := strconv.Atoi(x); return n }
	yy, mm, dd := num(y), num(m), num(d)
	if yy < 1 || mm < 1 || mm > 12 || dd < 1 || dd > time.Date(yy, time.Month(mm)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return time.Time{}, fail(field, "tanggal itu tidak ada di kalender: %s (hari dulu, lalu bulan)", parts[0])
	}
	h, mi, sec := num(clock[0]), num(clock[1]), 0
	if len(clock) == 3 {
		sec = num(clock[2])
	}
	if h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, fail(field, "jam itu tidak ada: %s (00:00 sampai 23:59)", parts[1])
	}
	return time.Date(yy, time.Month(mm), dd, h, mi, sec, 0, WIB), nil
}

// digitsLen reports whether every part is min to max ASCII digits.
func digitsLen(parts []string, min, max int) bool {
	for _, p := range parts {
		if len(p) < min || len(p) > max || !allASCIIDigits(p) {
			return false
		}
	}
	return true
}

func allASCIIDigits(s string) bool {
	_, bad := firstNotIn(s, isDigit)
	return !bad
}
