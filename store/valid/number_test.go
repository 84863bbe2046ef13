package valid

import (
	"strings"
	"testing"
	"time"
)

// The money, count, size and date-time parsers replace the TUI's own
// (tui/steps_request.go parseCount and parseSize, tui/endofday.go
// endOfDayParseAmount, tui/steps_payment.go parsePaidAt). Where a comment
// says "old:", it records what the old parser made of the same input.

func TestRupiah(t *testing.T) {
	for in, want := range map[string]int64{
		"Rp1.250.000": 1_250_000, "Rp 1.250.000": 1_250_000, "1.250.000": 1_250_000, "1250000": 1_250_000,
		"rp80.000": 80_000, "Rp. 80.000": 80_000, "0": 0, " 12 500 ": 12_500, "Rp50.000,-": 50_000,
		"Rp50.000,00": 50_000, "100.000.000.000": MaxRupiah, "007": 7,
	} {
		if got, err := Rupiah("Uang", in); err != nil || got != want {
			t.Errorf("Rupiah(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for in, msg := range map[string]string{
		"100.000,50":              "rupiah bulat tanpa sen", // old parseCount: 10.000.050
		"1,5":                     "rupiah bulat tanpa sen", // old parseCount: 15
		"1,000":                   "rupiah bulat tanpa sen", // old parseCount: 1000 (an English comma)
		"1.25":                    "setiap tiga angka",      // old parseCount and endOfDayParseAmount: 125
		"1e5":                     `ada "e"`,                // old: "isi dengan angka, misalnya 120"
		"-5.000":                  "tidak boleh negatif",
		"":                        "wajib diisi",
		"Rp":                      "wajib diisi",
		"100.000.000.001":         "paling banyak Rp100.000.000.000",
		"99999999999999999999999": "paling banyak Rp100.000.000.000",
		"1..000":                  "titik",
		"1.000.":                  "titik",
		"dua ribu":                "hanya boleh angka",
	} {
		_, err := Rupiah("Uang diterima", in)
		if err == nil || !strings.HasPrefix(err.Error(), "Uang diterima: ") || !strings.Contains(err.Error(), msg) {
			t.Errorf("Rupiah(%q) = %v; want a refusal of Uang diterima saying %q", in, err, msg)
		}
		if err != nil && strings.Contains(err.Error(), "misalnya 120") {
			t.Errorf("Rupiah(%q): message %q still gives the count example", in, err)
		}
	}
}

func TestCount(t *testing.T) {
	for in, want := range map[string]int64{
		"120": 120, "1.000": 1000, "1 000": 1000, " 7 ": 7, "": 0, "1.000.000.000.000": MaxCount,
	} {
		if got, err := Count("Jumlah halaman", in); err != nil || got != want {
			t.Errorf("Count(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for in, msg := range map[string]string{
		"1,5":               "koma tidak dipakai", // old parseCount: 15
		"100.000,50":        "koma tidak dipakai", // old parseCount: 10.000.050
		"1.5":               "setiap tiga angka",  // old parseCount: 15
		"0":                 "lebih dari 0",
		"-3":                "tidak boleh negatif",
		"1e5":               `ada "e"`,
		"1.000.000.000.001": "terlalu besar",
	} {
		_, err := Count("Jumlah halaman", in)
		if err == nil || !strings.HasPrefix(err.Error(), "Jumlah halaman: ") || !strings.Contains(err.Error(), msg) {
			t.Errorf("Count(%q) = %v; want a refusal saying %q", in, err, msg)
		}
	}
}

// Size keeps every reading of the old parseSize (its table is copied from
// tui/payment_test.go) and adds the field name and a refusal of zero.
func TestSize(t *testing.T) {
	for in, want := range map[string]int64{
		"25000000": 25_000_000, "25.000.000": 25_000_000, "25 MB": 25_000_000, "25mb": 25_000_000,
		"1,5 GB": 1_500_000_000, "2.5 MB": 2_500_000, "1.500 MB": 1_500_000_000, "800 KB": 800_000,
		"1,250 GB": 1_250_000_000, "2,250 MB": 2_250_000, "1.500,5 MB": 1_500_500_000,
		"0,0001 KB": 1, "12 byte": 12, "3 B": 3, "": 0, " 7 TB ": 7_000_000_000_000,
	} {
		got, err := Size("Ukuran data", in)
		if err != nil || got != want {
			t.Errorf("Size(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"MB", "25 MiB", "dua MB", "1,2,3 MB", "1,5.000 MB", "1.50.000 MB", "-5 MB",
		"1,0000001 GB", "99999999999 TB", "0", "0 MB" /* old parseSize: 0, accepted */} {
		got, err := Size("Ukuran data", in)
		if err == nil || !strings.HasPrefix(err.Error(), "Ukuran data: ") {
			t.Errorf("Size(%q) = %d, %v; want a refusal naming the field", in, got, err)
		}
	}
}

// DateTime accepts what the old parsePaidAt did (its table is copied from
// tui/payment_test.go) and says why a date is refused.
func TestDateTime(t *testing.T) {
	want := time.Date(2026, 11, 27, 10, 5, 0, 0, WIB)
	for _, s := range []string{"27-11-2026 10:05", "27/11/2026 10.05", "2026-11-27 10:05", " 27-11-2026   10:05 ",
		"27-11-2026 10:05:00", "27/11/2026 10:05", "2026/11/27 10.05"} {
		got, err := DateTime("Waktu bayar", s)
		if err != nil || !got.Equal(want) {
			t.Errorf("DateTime(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	if got, err := DateTime("Waktu bayar", "1-2-2026 7:05:09"); err != nil || !got.Equal(time.Date(2026, 2, 1, 7, 5, 9, 0, WIB)) {
		t.Errorf("single digits: %v, %v", got, err)
	}
	if got, _ := DateTime("Waktu bayar", "31-01-2026 10:00"); got.UTC() != time.Date(2026, 1, 31, 3, 0, 0, 0, time.UTC) {
		t.Errorf("31-01-2026 10:00 WIB is %v, want 03:00 UTC", got.UTC())
	}
	for s, msg := range map[string]string{
		"31-02-2026 10:00":  "tanggal itu tidak ada", // old parsePaidAt: refused with the format hint
		"29-02-2025 10:00":  "tanggal itu tidak ada",
		"32-11-2026 10:05":  "tanggal itu tidak ada",
		"27-13-2026 10:05":  "tanggal itu tidak ada",
		"11-27-2026 10:05":  "tanggal itu tidak ada",
		"27-11-2026 25:00":  "jam itu tidak ada",
		"27-11-2026 10:60":  "jam itu tidak ada",
		"27-11-2026":        "HH-BB-TTTT JJ:MM",
		"10:05":             "HH-BB-TTTT JJ:MM",
		"27-11-26 10:05":    "HH-BB-TTTT JJ:MM",
		"kemarin 10:05":     "HH-BB-TTTT JJ:MM",
		"27--11-2026 10:05": "HH-BB-TTTT JJ:MM",
		"27-11-2026 10:5":   "HH-BB-TTTT JJ:MM",
		"":                  "wajib diisi",
	} {
		_, err := DateTime("Waktu bayar", s)
		if err == nil || !strings.HasPrefix(err.Error(), "Waktu bayar: ") || !strings.Contains(err.Error(), msg) {
			t.Errorf("DateTime(%q) = %v; want a refusal saying %q", s, err, msg)
		}
	}
}
