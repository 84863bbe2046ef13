package valid

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// IDTypes are the kinds of identity document the guest book accepts
// (Jenis identitas).
var IDTypes = []string{"KTP", "SIM", "Paspor", "Lainnya"}

var monthNames = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni",
	"Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// daysIn is the last day of each month; February has 29 because a NIK holds
// only two digits of the year, so any birth year may be a leap year.
var daysIn = [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// NIK checks a KTP number (Nomor Induk Kependudukan) and returns its 16
// digits. Spaces, dots and dashes are dropped. It refuses only what cannot be
// a NIK: a length other than 16, a character that is not a digit, a province
// code outside 11–99, a birth date that cannot exist (day 1–31, or 41–71 for
// women; month 1–12; 29 February always allowed) and serial 0000.
func NIK(s string) (string, error) {
	n, msg := nik(s)
	if msg != "" {
		return "", &Error{Field: "NIK", Msg: msg}
	}
	return n, nil
}

// nik returns the digits of a NIK or a message that reads after the word
// "NIK", so that it serves both the NIK field and the ID-number field.
func nik(s string) (string, string) {
	d := stripSeparators(s)
	if d == "" {
		return "", "wajib diisi"
	}
	if r, bad := firstNotIn(d, isDigit); bad {
		return "", "hanya boleh berisi angka (ada " + shown(r) + ")"
	}
	if len(d) != 16 {
		return "", "harus 16 angka (tertulis " + strconv.Itoa(len(d)) + ")"
	}
	if prov := d[0:2]; prov < "11" {
		return "", "harus diawali kode provinsi 11–99 (tertulis " + prov + ")"
	}
	day, _ := strconv.Atoi(d[6:8])
	month, _ := strconv.Atoi(d[8:10])
	if day > 40 {
		day -= 40 // women
	}
	if day < 1 || day > 31 {
		return "", "memuat tanggal lahir yang tidak mungkin: angka ke-7–8 harus 01–31, atau 41–71 untuk perempuan (tertulis " + d[6:8] + ")"
	}
	if month < 1 || month > 12 {
		return "", "memuat bulan lahir yang tidak mungkin: angka ke-9–10 harus 01–12 (tertulis " + d[8:10] + ")"
	}
	if day > daysIn[month-1] {
		return "", "memuat tanggal lahir yang tidak mungkin: " + strconv.Itoa(day) + " " + monthNames[month-1] +
			" (angka ke-7–10 tertulis " + d[6:10] + ")"
	}
	if d[12:] == "0000" {
		return "", "berakhiran 0000, padahal nomor urut (4 angka terakhir) dimulai dari 0001"
	}
	return d, ""
}

// IDNumber checks an identity number for its document type, one of IDTypes
// (matched without regard to case), and returns it normalised:
//   - KTP: the NIK rules, 16 digits;
//   - SIM: 12–16 digits, separators (spaces, dots, dashes) dropped;
//   - Paspor: 6–9 letters or digits, spaces dropped, upper case;
//   - Lainnya: any text of at most 40 characters without control
//     characters, trimmed.
//
// An unknown type is reported on the field "Jenis identitas".
func IDNumber(idType, s string) (string, error) {
	const field = "Nomor identitas"
	t, err := OneOf("Jenis identitas", idType, IDTypes)
	if err != nil {
		return "", err
	}
	switch t {
	case "KTP":
		n, msg := nik(s)
		if msg != "" {
			return "", &Error{Field: field, Msg: "NIK " + msg}
		}
		return n, nil
	case "SIM":
		d := stripSeparators(s)
		if d == "" {
			return "", fail(field, "wajib diisi")
		}
		if r, bad := firstNotIn(d, isDigit); bad {
			return "", fail(field, "nomor SIM hanya boleh berisi angka (ada %s)", shown(r))
		}
		if len(d) < 12 || len(d) > 16 {
			return "", fail(field, "nomor SIM harus 12–16 angka (tertulis %d)", len(d))
		}
		return d, nil
	case "Paspor":
		p := stripSpaces(s)
		if p == "" {
			return "", fail(field, "wajib diisi")
		}
		if r, bad := firstNotIn(p, isAlnum); bad {
			return "", fail(field, "nomor paspor hanya boleh berisi huruf dan angka (ada %s)", shown(r))
		}
		p = strings.ToUpper(p)
		if len(p) < 6 || len(p) > 9 {
			return "", fail(field, "nomor paspor harus 6–9 huruf atau angka (tertulis %d)", len(p))
		}
		return p, nil
	}
	return text(field, s, 40, true, false)
}

// BirthYear checks a four-digit year of birth: at most 110 and at least 5
// years before now's year.
func BirthYear(s string, now time.Time) (int, error) {
	const field = "Tahun lahir"
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fail(field, "wajib diisi")
	}
	if _, bad := firstNotIn(s, isDigit); bad || len(s) != 4 {
		return 0, fail(field, "harus 4 angka, misalnya 1990")
	}
	y, _ := strconv.Atoi(s)
	lo, hi := now.Year()-110, now.Year()-5
	if y < lo || y > hi {
		return 0, fail(field, "harus antara %d dan %d (tertulis %d)", lo, hi, y)
	}
	return y, nil
}

// MaskID hides most of an ID number for exports: it keeps at most the first
// 4 and the last 2 characters and writes * for the rest. A string of 6
// characters or fewer keeps only its first character; an empty one stays
// empty. Characters are counted as runes.
func MaskID(s string) string {
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return ""
	}
	r := []rune(s)
	if n <= 6 {
		return string(r[:1]) + strings.Repeat("*", n-1)
	}
	return string(r[:4]) + strings.Repeat("*", n-6) + string(r[n-2:])
}

// NIKFacts reads what a valid NIK says of its holder: the gender, L or P
// (a woman's day of birth is written plus 40), and the year of birth from
// its two digits, in the century that makes the holder at least five, as
// BirthYear accepts. ok is false when s is not a valid NIK.
func NIKFacts(s string, now time.Time) (gender string, birthYear int, ok bool) {
	d, msg := nik(s)
	if msg != "" {
		return "", 0, false
	}
	gender = "L"
	if d[6] >= '4' {
		gender = "P"
	}
	// The youngest visitor the guest book takes was born five years ago
	// (BirthYear); two digits above that are of the last century.
	yy, _ := strconv.Atoi(d[10:12])
	year := now.Year()/100*100 + yy
	if year > now.Year()-5 {
		year -= 100
	}
	return gender, year, true
}
