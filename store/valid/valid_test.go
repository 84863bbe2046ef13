package valid

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// strCase is one input of a string validator: want is the normalised output
// when err is empty, err is the full message of the *Error otherwise.
type strCase struct{ in, want, err string }

func runStr(t *testing.T, f func(string) (string, error), cases []strCase) {
	t.Helper()
	for _, c := range cases {
		got, err := f(c.in)
		if c.err != "" {
			var ve *Error
			if !errors.As(err, &ve) {
				t.Errorf("%q: error %v (%T), want *Error %q", c.in, err, err, c.err)
				continue
			}
			if err.Error() != c.err {
				t.Errorf("%q: error\n  got  %q\n  want %q", c.in, err.Error(), c.err)
			}
			if got != "" {
				t.Errorf("%q: refused input returned %q", c.in, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: unexpected error %v", c.in, err)
			continue
		}
		if got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

func TestErrorString(t *testing.T) {
	if got := (&Error{Field: "NIK", Msg: "wajib diisi"}).Error(); got != "NIK: wajib diisi" {
		t.Errorf("got %q", got)
	}
	if got := (&Error{Msg: "wajib diisi"}).Error(); got != "wajib diisi" {
		t.Errorf("without field: got %q", got)
	}
}

func TestNIK(t *testing.T) {
	runStr(t, NIK, []strCase{
		{in: "1906011508900001", want: "1906011508900001"},
		{in: " 19.06.01.150890.0001 ", want: "1906011508900001"},
		{in: "1906 0115 0890 0001", want: "1906011508900001"},
		{in: "19-06-01-15-08-90-0001", want: "1906011508900001"},
		{in: "1906015508900002", want: "1906015508900002"}, // woman: day 15 + 40
		{in: "1906012902000003", want: "1906012902000003"}, // 29 February
		{in: "1906016902000004", want: "1906016902000004"}, // woman, 29 February
		{in: "9906017112990001", want: "9906017112990001"}, // province 99, woman born 31 December
		{in: "1100000101000001", want: "1100000101000001"},

		{in: "", err: "NIK: wajib diisi"},
		{in: " .- ", err: "NIK: wajib diisi"},
		{in: "19060115089000A1", err: `NIK: hanya boleh berisi angka (ada "A")`},
		{in: "1906O11508900001", err: `NIK: hanya boleh berisi angka (ada "O")`},
		{in: "１９０６０１１５０８９００００１", err: `NIK: hanya boleh berisi angka (ada "１")`},
		{in: "1906/011508900001", err: `NIK: hanya boleh berisi angka (ada "/")`},
		{in: "190601150890001", err: "NIK: harus 16 angka (tertulis 15)"},
		{in: "19060115089000012", err: "NIK: harus 16 angka (tertulis 17)"},
		{in: "0906011508900001", err: "NIK: harus diawali kode provinsi 11–99 (tertulis 09)"},
		{in: "1006011508900001", err: "NIK: harus diawali kode provinsi 11–99 (tertulis 10)"},
		{in: "1906010008900001", err: "NIK: memuat tanggal lahir yang tidak mungkin: angka ke-7–8 harus 01–31, atau 41–71 untuk perempuan (tertulis 00)"},
		{in: "1906013208900001", err: "NIK: memuat tanggal lahir yang tidak mungkin: angka ke-7–8 harus 01–31, atau 41–71 untuk perempuan (tertulis 32)"},
		{in: "1906014008900001", err: "NIK: memuat tanggal lahir yang tidak mungkin: angka ke-7–8 harus 01–31, atau 41–71 untuk perempuan (tertulis 40)"},
		{in: "1906017208900001", err: "NIK: memuat tanggal lahir yang tidak mungkin: angka ke-7–8 harus 01–31, atau 41–71 untuk perempuan (tertulis 72)"},
		{in: "1906011500900001", err: "NIK: memuat bulan lahir yang tidak mungkin: angka ke-9–10 harus 01–12 (tertulis 00)"},
		{in: "1906011513900001", err: "NIK: memuat bulan lahir yang tidak mungkin: angka ke-9–10 harus 01–12 (tertulis 13)"},
		{in: "1906013104900001", err: "NIK: memuat tanggal lahir yang tidak mungkin: 31 April (angka ke-7–10 tertulis 3104)"},
		{in: "1906013002900001", err: "NIK: memuat tanggal lahir yang tidak mungkin: 30 Februari (angka ke-7–10 tertulis 3002)"},
		{in: "1906017102900001", err: "NIK: memuat tanggal lahir yang tidak mungkin: 31 Februari (angka ke-7–10 tertulis 7102)"},
		{in: "1906011508900000", err: "NIK: berakhiran 0000, padahal nomor urut (4 angka terakhir) dimulai dari 0001"},
	})
}

func TestIDNumber(t *testing.T) {
	for _, c := range []struct{ typ, in, want, err string }{
		{typ: "KTP", in: "19.06.01.150890.0001", want: "1906011508900001"},
		{typ: "ktp", in: "1906011508900001", want: "1906011508900001"},
		{typ: "SIM", in: "1234-5678-9012", want: "123456789012"},
		{typ: "SIM", in: "1234 5678 9012 3456", want: "1234567890123456"},
		{typ: "Paspor", in: " c 1234567 ", want: "C1234567"},
		{typ: "paspor", in: "X12345", want: "X12345"},
		{typ: "Paspor", in: "AB1234567", want: "AB1234567"},
		{typ: "Lainnya", in: "  KITAS 2C11AB1234 ", want: "KITAS 2C11AB1234"},
		{typ: "Lainnya", in: strings.Repeat("x", 40), want: strings.Repeat("x", 40)},

		{typ: "KTA", in: "123", err: `Jenis identitas: harus salah satu dari: KTP, SIM, Paspor, Lainnya (tertulis "KTA")`},
		{typ: "", in: "123", err: "Jenis identitas: wajib diisi (pilihan: KTP, SIM, Paspor, Lainnya)"},
		{typ: "KTP", in: "190601150890001", err: "Nomor identitas: NIK harus 16 angka (tertulis 15)"},
		{typ: "KTP", in: "", err: "Nomor identitas: NIK wajib diisi"},
		{typ: "KTP", in: "1906011513900001", err: "Nomor identitas: NIK memuat bulan lahir yang tidak mungkin: angka ke-9–10 harus 01–12 (tertulis 13)"},
		{typ: "SIM", in: "", err: "Nomor identitas: wajib diisi"},
		{typ: "SIM", in: "12345678901", err: "Nomor identitas: nomor SIM harus 12–16 angka (tertulis 11)"},
		{typ: "SIM", in: "12345678901234567", err: "Nomor identitas: nomor SIM harus 12–16 angka (tertulis 17)"},
		{typ: "SIM", in: "1234567890AB", err: `Nomor identitas: nomor SIM hanya boleh berisi angka (ada "A")`},
		{typ: "Paspor", in: "C1234", err: "Nomor identitas: nomor paspor harus 6–9 huruf atau angka (tertulis 5)"},
		{typ: "Paspor", in: "AB12345678", err: "Nomor identitas: nomor paspor harus 6–9 huruf atau angka (tertulis 10)"},
		{typ: "Paspor", in: "C-1234567", err: `Nomor identitas: nomor paspor hanya boleh berisi huruf dan angka (ada "-")`},
		{typ: "Paspor", in: "ſ1234567", err: `Nomor identitas: nomor paspor hanya boleh berisi huruf dan angka (ada "ſ")`},
		{typ: "Lainnya", in: "   ", err: "Nomor identitas: wajib diisi"},
		{typ: "Lainnya", in: strings.Repeat("x", 41), err: "Nomor identitas: paling banyak 40 karakter (tertulis 41)"},
		{typ: "Lainnya", in: "KITAS\n123", err: "Nomor identitas: tidak boleh berisi baris baru"},
	} {
		got, err := IDNumber(c.typ, c.in)
		if c.err != "" {
			var ve *Error
			if !errors.As(err, &ve) || err.Error() != c.err {
				t.Errorf("%s %q: error %v, want %q", c.typ, c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s %q: got %q, %v; want %q", c.typ, c.in, got, err, c.want)
		}
	}
}

func TestBirthYear(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, WIB)
	for _, c := range []struct {
		in   string
		want int
		err  string
	}{
		{in: "1990", want: 1990},
		{in: " 1916 ", want: 1916},
		{in: "2021", want: 2021},

		{in: "", err: "Tahun lahir: wajib diisi"},
		{in: "90", err: "Tahun lahir: harus 4 angka, misalnya 1990"},
		{in: "19a0", err: "Tahun lahir: harus 4 angka, misalnya 1990"},
		{in: "01990", err: "Tahun lahir: harus 4 angka, misalnya 1990"},
		{in: "١٩٩٠", err: "Tahun lahir: harus 4 angka, misalnya 1990"},
		{in: "1915", err: "Tahun lahir: harus antara 1916 dan 2021 (tertulis 1915)"},
		{in: "2022", err: "Tahun lahir: harus antara 1916 dan 2021 (tertulis 2022)"},
	} {
		got, err := BirthYear(c.in, now)
		if c.err != "" {
			var ve *Error
			if !errors.As(err, &ve) || err.Error() != c.err {
				t.Errorf("%q: error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: got %d, %v; want %d", c.in, got, err, c.want)
		}
	}
}

func TestMaskID(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "",
		"A":                "A",
		"AB12":             "A***",
		"123456":           "1*****",
		"1234567":          "1234*67",
		"C1234567":         "C123**67",
		"1906011508900001": "1906**********01",
		"KITAS ÉÜ12":       "KITA****12",
		"ÄÖÜ":              "Ä**",
	} {
		if got := MaskID(in); got != want {
			t.Errorf("MaskID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWIB(t *testing.T) {
	_, off := time.Date(2026, 7, 1, 0, 0, 0, 0, WIB).Zone()
	if off != 7*3600 {
		t.Errorf("WIB offset %d, want %d", off, 7*3600)
	}
}
