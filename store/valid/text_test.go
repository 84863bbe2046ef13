package valid

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestName(t *testing.T) {
	name := func(s string) (string, error) { return Name("Nama", s) }
	runStr(t, name, []strCase{
		{in: "  budi   santoso ", want: "budi santoso"},
		{in: "Ni Luh\n\tPutu", want: "Ni Luh Putu"},
		{in: "Siti Nur'aini", want: "Siti Nur'aini"},
		{in: "Siti Nur’aini", want: "Siti Nur’aini"},
		{in: "Dinas Kependudukan & Pencatatan Sipil", want: "Dinas Kependudukan & Pencatatan Sipil"},
		{in: "SMA Negeri 1 Manggar", want: "SMA Negeri 1 Manggar"},
		{in: "PT. Timah (Persero) Tbk", want: "PT. Timah (Persero) Tbk"},
		{in: "Bappeda/Litbang, Kab. Beltim", want: "Bappeda/Litbang, Kab. Beltim"},
		{in: "José Ramos-Horta", want: "José Ramos-Horta"},
		{in: "Jose\u0301", want: "Jose\u0301"}, // combining accent
		{in: "李小龙", want: "李小龙"},
		{in: "Ab", want: "Ab"},
		{in: strings.Repeat("a", 100), want: strings.Repeat("a", 100)},

		{in: "", err: "Nama: wajib diisi"},
		{in: " \n ", err: "Nama: wajib diisi"},
		{in: "A", err: "Nama: paling sedikit 2 karakter"},
		{in: "12", err: "Nama: harus berisi huruf"},
		{in: "-.", err: "Nama: harus berisi huruf"},
		{in: strings.Repeat("a", 101), err: "Nama: paling banyak 100 karakter (tertulis 101)"},
		{in: "Budi\x07", err: "Nama: tidak boleh berisi karakter U+0007"},
		{in: "Budi\u200bSantoso", err: "Nama: tidak boleh berisi karakter U+200B; yang boleh: huruf, angka, spasi, dan . , ' - ( ) / &"},
		{in: "budi@bps", err: `Nama: tidak boleh berisi "@"; yang boleh: huruf, angka, spasi, dan . , ' - ( ) / &`},
		{in: "Budi_Santoso", err: `Nama: tidak boleh berisi "_"; yang boleh: huruf, angka, spasi, dan . , ' - ( ) / &`},
		{in: "=HYPERLINK(1)", err: `Nama: tidak boleh berisi "="; yang boleh: huruf, angka, spasi, dan . , ' - ( ) / &`},
		{in: "Budi\xff", err: "Nama: berisi karakter yang tidak terbaca"},
	})
	if _, err := Name("Nama wajib bayar", ""); err == nil || err.Error() != "Nama wajib bayar: wajib diisi" {
		t.Errorf("field not used: %v", err)
	}
}

func TestText(t *testing.T) {
	for _, c := range []struct {
		in       string
		max      int
		required bool
		want     string
		err      string
	}{
		{in: " halo\r\ndunia ", max: 100, want: "halo\ndunia"},
		{in: "satu\rdua", max: 100, want: "satu\ndua"},
		{in: "kolom\tdua", max: 100, want: "kolom\tdua"},
		{in: "", max: 100, want: ""},
		{in: "  \n ", max: 100, want: ""},
		{in: "abcde", max: 5, required: true, want: "abcde"},
		{in: "ééééé", max: 5, want: "ééééé"},
		{in: strings.Repeat("x", 10000), max: 0, want: strings.Repeat("x", 10000)},

		{in: "", max: 100, required: true, err: "Saran: wajib diisi"},
		{in: " \r\n ", max: 100, required: true, err: "Saran: wajib diisi"},
		{in: "abcdef", max: 5, err: "Saran: paling banyak 5 karakter (tertulis 6)"},
		{in: "ok\x1b[31m", max: 100, err: "Saran: tidak boleh berisi karakter U+001B"},
		{in: "ok\x00", max: 100, err: "Saran: tidak boleh berisi karakter U+0000"},
		{in: "ok\xc3", max: 100, err: "Saran: berisi karakter yang tidak terbaca"},
	} {
		got, err := Text("Saran", c.in, c.max, c.required)
		if c.err != "" {
			var ve *Error
			if !errors.As(err, &ve) || err.Error() != c.err {
				t.Errorf("%q: error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: got %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestOneOf(t *testing.T) {
	runStr(t, func(s string) (string, error) { return OneOf("Jenis kelamin", s, []string{"L", "P"}) }, []strCase{
		{in: "L", want: "L"},
		{in: " p ", want: "P"},

		{in: "", err: "Jenis kelamin: wajib diisi (pilihan: L, P)"},
		{in: "X", err: `Jenis kelamin: harus salah satu dari: L, P (tertulis "X")`},
		{in: "Laki-laki", err: `Jenis kelamin: harus salah satu dari: L, P (tertulis "Laki-laki")`},
	})
	runStr(t, func(s string) (string, error) { return OneOf("Pendidikan", s, Educations) }, []strCase{
		{in: "d4/s1", want: "D4/S1"},
		{in: "≤sma", want: "≤SMA"},
		{in: "S4", err: `Pendidikan: harus salah satu dari: ≤SMA, D1–D3, D4/S1, S2, S3 (tertulis "S4")`},
	})
}

// TestEnums checks that every option list is free of duplicates (ignoring
// case, as OneOf matches) and that each option maps to itself.
func TestEnums(t *testing.T) {
	for name, opts := range map[string][]string{
		"IDTypes": IDTypes, "Educations": Educations,
		"Occupations": Occupations, "InstCategories": InstCategories, "Uses": Uses,
	} {
		for i, o := range opts {
			if slices.IndexFunc(opts[:i], func(p string) bool { return strings.EqualFold(p, o) }) >= 0 {
				t.Errorf("%s: %q twice", name, o)
			}
			if got, err := OneOf(name, strings.ToLower(o), opts); err != nil || got != o {
				t.Errorf("%s: OneOf(%q) = %q, %v", name, o, got, err)
			}
		}
	}
	if len(InstCategories) != 9 || len(Occupations) != 7 || InstCategories[8] != "Lainnya" {
		t.Errorf("option lists changed: %d kategori instansi, %d pekerjaan", len(InstCategories), len(Occupations))
	}
}

func TestDate(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Time
		err  string
	}{
		{in: "2026-11-26", want: time.Date(2026, 11, 26, 0, 0, 0, 0, WIB)},
		{in: " 2024-02-29 ", want: time.Date(2024, 2, 29, 0, 0, 0, 0, WIB)},
		{in: "2000-02-29", want: time.Date(2000, 2, 29, 0, 0, 0, 0, WIB)},
		{in: "0001-01-01", want: time.Date(1, 1, 1, 0, 0, 0, 0, WIB)},

		{in: "", err: "Tanggal: wajib diisi; tanggal harus berformat TTTT-BB-HH, misalnya 2026-11-26"},
		{in: "26-11-2026", err: "Tanggal: tanggal harus berformat TTTT-BB-HH, misalnya 2026-11-26"},
		{in: "2026/11/26", err: "Tanggal: tanggal harus berformat TTTT-BB-HH, misalnya 2026-11-26"},
		{in: "2026-1-26", err: "Tanggal: tanggal harus berformat TTTT-BB-HH, misalnya 2026-11-26"},
		{in: "2026-11-26T10:00", err: "Tanggal: tanggal harus berformat TTTT-BB-HH, misalnya 2026-11-26"},
		{in: "+026-11-26", err: "Tanggal: tanggal harus berformat TTTT-BB-HH, misalnya 2026-11-26"},
		{in: "2026-02-29", err: "Tanggal: tanggal 2026-02-29 tidak ada di kalender"},
		{in: "1900-02-29", err: "Tanggal: tanggal 1900-02-29 tidak ada di kalender"},
		{in: "2026-04-31", err: "Tanggal: tanggal 2026-04-31 tidak ada di kalender"},
		{in: "2026-13-01", err: "Tanggal: tanggal 2026-13-01 tidak ada di kalender"},
		{in: "2026-00-10", err: "Tanggal: tanggal 2026-00-10 tidak ada di kalender"},
		{in: "2026-11-00", err: "Tanggal: tanggal 2026-11-00 tidak ada di kalender"},
		{in: "0000-01-01", err: "Tanggal: tanggal 0000-01-01 tidak ada di kalender"},
	} {
		got, err := Date("Tanggal", c.in)
		if c.err != "" {
			var ve *Error
			if !errors.As(err, &ve) || err.Error() != c.err {
				t.Errorf("%q: error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || !got.Equal(c.want) || got.Location() != WIB {
			t.Errorf("%q: got %v, %v; want %v", c.in, got, err, c.want)
		}
	}
}
