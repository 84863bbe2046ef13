package valid

import (
	"strconv"
	"strings"
	"unicode"
)

// How numbers are read at the counter. Indonesians write a dot between
// thousands and a comma before decimals (Rp1.250.000; 1,5 GB), so:
//
//   - Money (Rupiah) is whole. A dot groups thousands and nothing else; a
//     comma can only start a decimal part, which a Rupiah amount does not
//     have, so "100.000,50" and "1,5" are refused with a message rather than
//     read as 10.000.050 or 15. The one exception is a zero decimal part as
//     receipts print it, "Rp50.000,00" or "Rp50.000,-", which is whole.
//   - Counts (pages, maps) are whole too: dots group thousands, a comma is
//     refused.
//   - Sizes (Size) are the one place where a comma is a decimal point,
//     "1,5 GB", because a size with a unit can be a fraction of that unit.
//
// Spaces may stand where dots do ("12 500"), as people type long numbers.

// MaxRupiah is the largest amount of money any field accepts:
// Rp100.000.000.000, the same bound the tariff puts on a quote and on a
// visit's total (tariff.MaxTotal). Anything above it is a typo at a
// statistics counter, and it keeps every sum far inside int64.
const MaxRupiah = 100_000_000_000

// MaxCount is the largest count any field accepts (10^12). The tariff
// bounds each measure far lower (tariff's maxQty); this only keeps the
// parse inside int64 and catches runaway typing.
const MaxCount = 1_000_000_000_000

// Rupiah reads whole Rupiah as typed: "Rp1.250.000", "Rp 1.250.000",
// "Rp. 1.250.000", "1.250.000", "1250000", "12 500", "Rp50.000,-". Zero is
// allowed (the cash counted may be none); empty, negative, decimal, a badly
// grouped number ("1.25"), exponents ("1e5") and amounts over MaxRupiah are
// refused, naming field.
func Rupiah(field, s string) (int64, error) {
	t := strings.TrimSpace(s)
	if len(t) >= 2 && strings.EqualFold(t[:2], "rp") {
		t = strings.TrimSpace(strings.TrimPrefix(t[2:], "."))
	}
	example := "misalnya Rp1.250.000"
	switch {
	case t == "":
		return 0, fail(field, "wajib diisi: rupiah bulat, %s", example)
	case strings.HasPrefix(t, "-"):
		return 0, fail(field, "tidak boleh negatif (tertulis %q)", strings.TrimSpace(s))
	}
	if whole, dec, ok := strings.Cut(t, ","); ok {
		if dec != "00" && dec != "0" && dec != "-" {
			return 0, fail(field, "rupiah bulat tanpa sen: titik memisahkan ribuan dan koma tidak dipakai, %s (tertulis %q)", example, strings.TrimSpace(s))
		}
		t = whole
	}
	digits, msg := grouped(t)
	if msg != "" {
		return 0, fail(field, "%s, %s (tertulis %q)", msg, example, strings.TrimSpace(s))
	}
	n, ok := bounded(digits, MaxRupiah)
	if !ok {
		return 0, fail(field, "terlalu besar: paling banyak Rp%s (tertulis %q)", group(MaxRupiah), strings.TrimSpace(s))
	}
	return n, nil
}

// Count reads a whole count above zero, such as pages or maps: "120",
// "1.000", "1 000". Empty is 0 with no error (the field is not filled in
// yet; the tariff refuses a quantity of 0 naming the measure). A comma is
// refused: "1,5" pages is no count, and reading it as 15 was wrong.
func Count(field, s string) (int64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, nil
	}
	example := "misalnya 120 atau 1.000"
	switch {
	case strings.HasPrefix(t, "-"):
		return 0, fail(field, "tidak boleh negatif (tertulis %q)", t)
	case strings.Contains(t, ","):
		return 0, fail(field, "harus bilangan bulat; titik memisahkan ribuan dan koma tidak dipakai, %s (tertulis %q)", example, t)
	}
	digits, msg := grouped(t)
	if msg != "" {
		return 0, fail(field, "%s, %s (tertulis %q)", msg, example, t)
	}
	n, ok := bounded(digits, MaxCount)
	switch {
	case !ok:
		return 0, fail(field, "terlalu besar: paling banyak %s (tertulis %q)", group(MaxCount), t)
	case n == 0:
		return 0, fail(field, "harus lebih dari 0")
	}
	return n, nil
}

// grouped checks digits written with dots or spaces between thousands and
// returns the bare digits, or an Indonesian reason. Without a separator
// any run of digits is fine; with one, the first group has 1–3 digits and
// every other exactly 3, so "1.25" (a decimal point in English) is refused
// instead of read as 125.
func grouped(t string) (string, string) {
	if r, bad := firstNotIn(t, func(r rune) bool { return isDigit(r) || r == '.' || unicode.IsSpace(r) }); bad {
		return "", "hanya boleh angka dengan titik pemisah ribuan (ada " + shown(r) + ")"
	}
	groups := strings.FieldsFunc(t, func(r rune) bool { return r == '.' || unicode.IsSpace(r) })
	if len(groups) == 0 || strings.Count(t, ".") > len(groups)-1 {
		return "", "titik hanya di antara ribuan"
	}
	for i, g := range groups {
		if (i == 0 && len(groups) > 1 && len(g) > 3) || (i > 0 && len(g) != 3) {
			return "", "titik memisahkan setiap tiga angka ribuan"
		}
	}
	return strings.Join(groups, ""), ""
}

// bounded reads bare digits, ok false above limit (leading zeros allowed).
func bounded(digits string, limit int64) (int64, bool) {
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return 0, true
	}
	if len(digits) > 18 {
		return 0, false
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	return n, err == nil && n <= limit
}

// group writes n with dots between thousands, as messages show bounds.
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}
