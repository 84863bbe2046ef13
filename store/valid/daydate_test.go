package valid

import (
	"errors"
	"testing"
)

func TestDayDate(t *testing.T) {
	ok := []struct {
		in   string
		want string
	}{
		{"01-06-2026", "2026-06-01"},
		{" 1/6/2026 ", "2026-06-01"},
		{"29-02-2028", "2028-02-29"},
		{"31-12-2026", "2026-12-31"},
	}
	for _, c := range ok {
		got, err := DayDate("Dari tanggal", c.in)
		if err != nil || got.Format("2006-01-02") != c.want || got.Location() != WIB {
			t.Errorf("DayDate(%q) = %v, %v; want %s WIB", c.in, got, err, c.want)
		}
	}
	bad := []struct{ in, msg string }{
		{"", "Dari tanggal: wajib diisi; tulis tanggal hari dulu: HH-BB-TTTT, misalnya 01-06-2026"},
		{"2026-06-01", `Dari tanggal: tulis tanggal hari dulu: HH-BB-TTTT, misalnya 01-06-2026 (tertulis "2026-06-01")`},
		{"31-02-2026", "Dari tanggal: tanggal 31-02-2026 tidak ada di kalender (hari dulu, lalu bulan)"},
		{"29-02-2026", "Dari tanggal: tanggal 29-02-2026 tidak ada di kalender (hari dulu, lalu bulan)"},
		{"12-13-2026", "Dari tanggal: tanggal 12-13-2026 tidak ada di kalender (hari dulu, lalu bulan)"},
		{"+1-06-2026", `Dari tanggal: tulis tanggal hari dulu: HH-BB-TTTT, misalnya 01-06-2026 (tertulis "+1-06-2026")`},
		{"01--2026", `Dari tanggal: tulis tanggal hari dulu: HH-BB-TTTT, misalnya 01-06-2026 (tertulis "01--2026")`},
	}
	for _, c := range bad {
		_, err := DayDate("Dari tanggal", c.in)
		var ve *Error
		if !errors.As(err, &ve) || err.Error() != c.msg {
			t.Errorf("DayDate(%q) error = %v; want %q", c.in, err, c.msg)
		}
	}
}

// FuzzDayDate: never panics; what it accepts is midnight WIB and reads
// back from its own day-first form.
func FuzzDayDate(f *testing.F) {
	for _, s := range []string{"01-06-2026", "1/6/2026", "31-02-2026", "", "--", "99-99-9999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := DayDate("Tanggal", s)
		if err != nil {
			var ve *Error
			if !errors.As(err, &ve) || ve.Field != "Tanggal" {
				t.Fatalf("%q: refusal %v is not a field error", s, err)
			}
			return
		}
		if d.Location() != WIB || d.Hour() != 0 || d.Minute() != 0 {
			t.Fatalf("%q: %v is not midnight WIB", s, d)
		}
		back, err := DayDate("Tanggal", d.Format("02-01-2006"))
		if err != nil || !back.Equal(d) {
			t.Fatalf("%q: %v does not read back (%v, %v)", s, d, back, err)
		}
	})
}
