package valid

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// nameMarks are the punctuation marks a name may hold besides letters,
// digits and spaces; ’ is the apostrophe word processors type.
const nameMarks = ".,'’-()/&"

// Name checks the name of a person or an institution for the given field
// ("Nama", "Nama wajib bayar", …). It trims the name and collapses runs of
// whitespace (including line breaks) to one space, then wants 2–100
// characters with at least one letter. Letters of any script, digits (for
// institutions such as "SMA Negeri 1 Manggar"), spaces and . , ' ’ - ( ) / &
// are allowed.
func Name(field, s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", fail(field, "berisi karakter yang tidak terbaca")
	}
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", fail(field, "wajib diisi")
	}
	if r, bad := firstNotIn(s, func(r rune) bool { return !unicode.IsControl(r) }); bad {
		return "", fail(field, "tidak boleh berisi %s", shown(r))
	}
	if r, bad := firstNotIn(s, isNameRune); bad {
		return "", fail(field, "tidak boleh berisi %s; yang boleh: huruf, angka, spasi, dan . , ' - ( ) / &", shown(r))
	}
	if strings.IndexFunc(s, unicode.IsLetter) < 0 {
		return "", fail(field, "harus berisi huruf")
	}
	switch n := utf8.RuneCountInString(s); {
	case n < 2:
		return "", fail(field, "paling sedikit 2 karakter")
	case n > 100:
		return "", fail(field, "paling banyak 100 karakter (tertulis %d)", n)
	}
	return s, nil
}

// isNameRune allows letters and combining marks of any script, ASCII digits,
// the space and nameMarks.
func isNameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || isDigit(r) || r == ' ' ||
		strings.ContainsRune(nameMarks, r)
}

// Text checks free text for the given field: it is trimmed, Windows line
// ends become "\n", control characters other than newline and tab are
// refused, it may hold at most max characters (runes; max ≤ 0 means no
// limit), and if required it may not be empty. Empty text that is not
// required is returned as "" without error.
func Text(field, s string, max int, required bool) (string, error) {
	return text(field, s, max, required, true)
}

// text is Text; multiline false refuses newlines and tabs too.
func text(field, s string, max int, required, multiline bool) (string, error) {
	if !utf8.ValidString(s) {
		return "", fail(field, "berisi karakter yang tidak terbaca")
	}
	if multiline {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			return "", fail(field, "wajib diisi")
		}
		return "", nil
	}
	if r, bad := firstNotIn(s, func(r rune) bool {
		return !unicode.IsControl(r) || (multiline && (r == '\n' || r == '\t'))
	}); bad {
		return "", fail(field, "tidak boleh berisi %s", shown(r))
	}
	if n := utf8.RuneCountInString(s); max > 0 && n > max {
		return "", fail(field, "paling banyak %d karakter (tertulis %d)", max, n)
	}
	return s, nil
}

// OneOf matches s, trimmed and without regard to case, against options and
// returns the option as spelled there. The message lists the options.
func OneOf(field, s string, options []string) (string, error) {
	t := strings.TrimSpace(s)
	list := strings.Join(options, ", ")
	if t == "" {
		return "", fail(field, "wajib diisi (pilihan: %s)", list)
	}
	for _, o := range options {
		if strings.EqualFold(t, o) {
			return o, nil
		}
	}
	return "", fail(field, "harus salah satu dari: %s (tertulis %q)", list, t)
}

const dateFormatMsg = "tanggal harus berformat TTTT-BB-HH, misalnya 2026-11-26"

// Date reads a date written YYYY-MM-DD (the officer sees TTTT-BB-HH) and
// returns midnight WIB of that day. The date must exist in the calendar
// (year 0001 or later).
func Date(field, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fail(field, "wajib diisi; %s", dateFormatMsg)
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, fail(field, dateFormatMsg)
	}
	if _, bad := firstNotIn(s[:4]+s[5:7]+s[8:], isDigit); bad {
		return time.Time{}, fail(field, dateFormatMsg)
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:])
	if y < 1 || m < 1 || m > 12 || d < 1 || d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return time.Time{}, fail(field, "tanggal %s tidak ada di kalender", s)
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, WIB), nil
}
