// Package valid checks and normalises the fields the officer types at the
// counter: guest-book identity, contact details, payment references, names,
// free text and dates, money, counts, file sizes and WIB date-times (one
// reading of '.' and ',' for all of them: see number.go). It also holds the
// option lists of the guest book.
//
// Every validator returns the normalised value and, on failure, a *Error
// whose Indonesian message says what is expected, so the TUI can show it next
// to the field unchanged. The rule throughout is to refuse only what cannot be
// right: turning a real visitor away costs more than keeping a typo.
//
// The package imports only the standard library, so that its fuzz targets
// build and start in seconds.
package valid

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Error is a validation failure: Field names the form field in Indonesian,
// Msg says what is expected.
type Error struct{ Field, Msg string }

// Error joins the field and the message, e.g.
// "Nomor identitas: NIK harus 16 angka (tertulis 15)".
func (e *Error) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

// WIB is the office's time zone, Asia/Jakarta (UTC+7, no daylight saving).
// Without a zoneinfo database (a bare Windows PC) it falls back to a fixed
// UTC+7 zone named WIB, which gives the same wall-clock times.
var WIB = loadWIB()

func loadWIB() *time.Location {
	if loc, err := time.LoadLocation("Asia/Jakarta"); err == nil {
		return loc
	}
	return time.FixedZone("WIB", 7*3600)
}

// fail builds the error every validator returns.
func fail(field, format string, args ...any) error {
	return &Error{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// stripSeparators removes whitespace, dots and dashes, the separators people
// put in long numbers.
func stripSeparators(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '.' || r == '-' {
			return -1
		}
		return r
	}, s)
}

// stripSpaces removes all whitespace.
func stripSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// firstNotIn returns the first rune of s for which ok is false, and whether
// there is one.
func firstNotIn(s string, ok func(rune) bool) (rune, bool) {
	for _, r := range s {
		if !ok(r) {
			return r, true
		}
	}
	return 0, false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isAlnum(r rune) bool {
	return isDigit(r) || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z')
}

// shown quotes a rejected character for a message, spelling out the ones a
// reader cannot see.
func shown(r rune) string {
	switch {
	case r == '\n':
		return "baris baru"
	case r == '\t':
		return "tab"
	case r == ' ':
		return "spasi"
	case r == unicode.ReplacementChar:
		return "karakter yang tidak terbaca"
	case unicode.IsSpace(r), unicode.IsControl(r), !unicode.IsPrint(r):
		return fmt.Sprintf("karakter U+%04X", r)
	}
	return fmt.Sprintf("%q", string(r))
}
