package valid

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// These fuzz targets assert properties rather than values: no panic, every
// refusal is a *Error on the expected field with a message, and an accepted
// value is already normal (validating it again returns it unchanged). The
// corpus lives in testdata/fuzz/FuzzX.

func checkRefusal(t *testing.T, err error, field string) {
	t.Helper()
	var ve *Error
	if !errors.As(err, &ve) {
		t.Fatalf("error %v (%T) is not *Error", err, err)
	}
	if ve.Field != field || ve.Msg == "" {
		t.Fatalf("error %+v, want field %q and a message", ve, field)
	}
}

func allDigits(s string) bool {
	_, bad := firstNotIn(s, isDigit)
	return !bad
}

// again validates out a second time and wants it unchanged.
func again(t *testing.T, f func(string) (string, error), out string) {
	t.Helper()
	if got, err := f(out); err != nil || got != out {
		t.Fatalf("output %q not stable: got %q, %v", out, got, err)
	}
}

func FuzzNIK(f *testing.F) {
	for _, s := range []string{"1906011508900001", "19.06.01.550890.0002", "1906013104900001", "0906011508900001", "１９"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := NIK(s)
		id, idErr := IDNumber("KTP", s)
		if (err == nil) != (idErr == nil) || id != out {
			t.Fatalf("NIK and IDNumber(KTP) disagree: %q, %v / %q, %v", out, err, id, idErr)
		}
		if err != nil {
			checkRefusal(t, err, "NIK")
			checkRefusal(t, idErr, "Nomor identitas")
			return
		}
		if len(out) != 16 || !allDigits(out) || out[:2] < "11" || out[12:] == "0000" {
			t.Fatalf("accepted %q as %q", s, out)
		}
		again(t, NIK, out)
	})
}

func FuzzEmail(f *testing.F) {
	for _, s := range []string{"Budi@Gmail.COM", "a <b@c.d>", "x@y", "a@b..c", "a@İ.com", "a@\u023a.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := Email(s)
		if err != nil {
			checkRefusal(t, err, "Email")
			return
		}
		local, domain, _ := strings.Cut(out, "@")
		if strings.Count(out, "@") != 1 || local == "" || !strings.Contains(domain, ".") ||
			strings.IndexFunc(out, unicode.IsSpace) >= 0 || utf8.RuneCountInString(out) > 254 ||
			strings.ToLower(domain) != domain {
			t.Fatalf("accepted %q as %q", s, out)
		}
		again(t, Email, out)
	})
}

func FuzzPhone(f *testing.F) {
	for _, s := range []string{"0812-3456-7890", "+62 (0) 812 3456 7890", "+65 9123 4567", "62", "+", "(0719) 21234"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := Phone(s)
		if err != nil {
			checkRefusal(t, err, "Nomor HP")
			return
		}
		d := strings.TrimPrefix(out, "+")
		if !strings.HasPrefix(out, "+") || !allDigits(d) || len(d) < 8 || len(d) > 15 || d[0] == '0' {
			t.Fatalf("accepted %q as %q", s, out)
		}
		if strings.HasPrefix(d, "62") && (len(d) < 11 || len(d) > 14 || d[2] != '8') {
			t.Fatalf("accepted %q as Indonesian %q", s, out)
		}
		again(t, Phone, out)
	})
}

func FuzzNPWP(f *testing.F) {
	for _, s := range []string{"01.234.567.8-901.000", "1906011508900001", "01/234"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := NPWP(s)
		if err != nil {
			checkRefusal(t, err, "NPWP")
			return
		}
		if (len(out) != 15 && len(out) != 16) || !allDigits(out) {
			t.Fatalf("accepted %q as %q", s, out)
		}
		again(t, NPWP, out)
	})
}

func FuzzBillingCode(f *testing.F) {
	for _, s := range []string{"8201 2345 6789 012", "820123456789012", "8201-2345"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := BillingCode(s)
		if err != nil {
			checkRefusal(t, err, "Kode billing")
			return
		}
		if len(out) != 15 || !allDigits(out) {
			t.Fatalf("accepted %q as %q", s, out)
		}
		again(t, BillingCode, out)
	})
}

// FuzzNTPN covers NTB as well: both are upper-case ASCII references.
func FuzzNTPN(f *testing.F) {
	for _, s := range []string{"a1b2 c3d4 e5f6 g7h8", "ıA1B2C3D4E5F6G7H", "ref123"} {
		f.Add(s)
	}
	upperAlnum := func(s string) bool {
		_, bad := firstNotIn(s, func(r rune) bool { return isDigit(r) || (r >= 'A' && r <= 'Z') })
		return !bad
	}
	f.Fuzz(func(t *testing.T, s string) {
		if out, err := NTPN(s); err != nil {
			checkRefusal(t, err, "NTPN")
		} else {
			if len(out) != 16 || !upperAlnum(out) {
				t.Fatalf("NTPN accepted %q as %q", s, out)
			}
			again(t, NTPN, out)
		}
		if out, err := NTB(s); err != nil {
			checkRefusal(t, err, "NTB")
		} else {
			if len(out) < 6 || len(out) > 32 || !upperAlnum(out) {
				t.Fatalf("NTB accepted %q as %q", s, out)
			}
			again(t, NTB, out)
		}
	})
}

func FuzzBirthYear(f *testing.F) {
	f.Add("1990", 2026)
	f.Add(" 1916", 2026)
	f.Add("١٩٩٠", 2026)
	f.Add("+990", 1)
	f.Fuzz(func(t *testing.T, s string, year int) {
		year = 1 + abs(year)%9998 // years time.Date keeps as given
		now := time.Date(year, 6, 1, 0, 0, 0, 0, WIB)
		y, err := BirthYear(s, now)
		if err != nil {
			checkRefusal(t, err, "Tahun lahir")
			return
		}
		if y < year-110 || y > year-5 || y < 0 || y > 9999 {
			t.Fatalf("accepted %q as %d in %d", s, y, year)
		}
		if y2, err := BirthYear(strconv.Itoa(y), now); y >= 1000 && (err != nil || y2 != y) {
			t.Fatalf("year %d not stable: %d, %v", y, y2, err)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -(n + 1) // stays non-negative for the smallest int
	}
	return n
}

// FuzzName also exercises Text and MaskID on the same input.
func FuzzName(f *testing.F) {
	for _, s := range []string{"  budi   santoso ", "Jose\u0301", "李小龙", "A", "=1+1", "a\x00b", "x\r\ny"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if out, err := Name("Nama", s); err != nil {
			checkRefusal(t, err, "Nama")
		} else {
			n := utf8.RuneCountInString(out)
			if n < 2 || n > 100 || strings.TrimSpace(out) != out || strings.Contains(out, "  ") ||
				strings.IndexFunc(out, unicode.IsLetter) < 0 {
				t.Fatalf("accepted %q as %q", s, out)
			}
			again(t, func(s string) (string, error) { return Name("Nama", s) }, out)
		}
		if out, err := Text("Saran", s, 50, false); err != nil {
			checkRefusal(t, err, "Saran")
		} else {
			if utf8.RuneCountInString(out) > 50 || strings.ContainsRune(out, '\r') {
				t.Fatalf("Text accepted %q as %q", s, out)
			}
			again(t, func(s string) (string, error) { return Text("Saran", s, 50, false) }, out)
		}
		m := MaskID(s)
		if utf8.RuneCountInString(m) != utf8.RuneCountInString(s) {
			t.Fatalf("MaskID(%q) = %q changes the length", s, m)
		}
	})
}

func FuzzDate(f *testing.F) {
	for _, s := range []string{"2026-11-26", "2024-02-29", "2026-02-29", "0000-01-01", "+026-11-26"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Date("Tanggal", s)
		if err != nil {
			checkRefusal(t, err, "Tanggal")
			return
		}
		if d.Location() != WIB || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("accepted %q as %v, not midnight WIB", s, d)
		}
		out := d.Format(time.DateOnly)
		if strings.TrimSpace(s) != out {
			t.Fatalf("accepted %q as %s", s, out)
		}
		if d2, err := Date("Tanggal", out); err != nil || !d2.Equal(d) {
			t.Fatalf("date %s not stable: %v, %v", out, d2, err)
		}
	})
}
