package valid

import (
	"strings"
	"testing"
)

func TestNPWP(t *testing.T) {
	runStr(t, NPWP, []strCase{
		{in: "01.234.567.8-901.000", want: "012345678901000"},
		{in: "012345678901000", want: "012345678901000"},
		{in: " 1906011508900001 ", want: "1906011508900001"},
		{in: "0123 4567 8901 2345", want: "0123456789012345"},

		{in: "", err: "NPWP: wajib diisi"},
		{in: "01.234.567.8-901.00", err: "NPWP: harus 15 angka (format lama, misalnya 01.234.567.8-901.000) atau 16 angka (tertulis 14)"},
		{in: "01234567890123456", err: "NPWP: harus 15 angka (format lama, misalnya 01.234.567.8-901.000) atau 16 angka (tertulis 17)"},
		{in: "01/234/567/8-901/000", err: `NPWP: hanya boleh berisi angka, titik, dan tanda hubung (ada "/")`},
		{in: "NPWP 012345678901000", err: `NPWP: hanya boleh berisi angka, titik, dan tanda hubung (ada "N")`},
	})
}

func TestBillingCode(t *testing.T) {
	runStr(t, BillingCode, []strCase{
		{in: "820123456789012", want: "820123456789012"},
		{in: " 8201 2345 6789 012 ", want: "820123456789012"},

		{in: "", err: "Kode billing: wajib diisi"},
		{in: "82012345678901", err: "Kode billing: harus 15 angka (tertulis 14)"},
		{in: "8201234567890123", err: "Kode billing: harus 15 angka (tertulis 16)"},
		{in: "8201-2345-6789-012", err: `Kode billing: hanya boleh berisi angka (ada "-")`},
		{in: "82012345678901O", err: `Kode billing: hanya boleh berisi angka (ada "O")`},
	})
}

func TestNTPN(t *testing.T) {
	runStr(t, NTPN, []strCase{
		{in: "A1B2C3D4E5F6G7H8", want: "A1B2C3D4E5F6G7H8"},
		{in: " a1b2 c3d4 e5f6 g7h8 ", want: "A1B2C3D4E5F6G7H8"},
		{in: "0123456789012345", want: "0123456789012345"},

		{in: "", err: "NTPN: wajib diisi"},
		{in: "A1B2C3D4E5F6G7H", err: "NTPN: harus 16 huruf atau angka (tertulis 15)"},
		{in: "A1B2C3D4E5F6G7H89", err: "NTPN: harus 16 huruf atau angka (tertulis 17)"},
		{in: "A1B2-C3D4-E5F6-G7H8", err: `NTPN: hanya boleh berisi huruf dan angka (ada "-")`},
		{in: "ıA1B2C3D4E5F6G7H", err: `NTPN: hanya boleh berisi huruf dan angka (ada "ı")`},
	})
}

func TestNTB(t *testing.T) {
	runStr(t, NTB, []strCase{
		{in: "ref123", want: "REF123"},
		{in: " 2026 1126 0001 abc ", want: "202611260001ABC"},
		{in: strings.Repeat("9", 32), want: strings.Repeat("9", 32)},

		{in: "", err: "NTB: wajib diisi"},
		{in: "AB12", err: "NTB: harus 6–32 huruf atau angka (tertulis 4)"},
		{in: strings.Repeat("9", 33), err: "NTB: harus 6–32 huruf atau angka (tertulis 33)"},
		{in: "AB#12345", err: `NTB: hanya boleh berisi huruf dan angka (ada "#")`},
	})
}
