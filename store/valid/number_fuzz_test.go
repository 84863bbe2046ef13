package valid

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"loket/tariff"
)

// Properties of the number and date-time parsers: no panic, every refusal
// is a *Error on the field, nothing negative or over its bound is accepted,
// and what the app prints (tariff.Rupiah, DateTimeLayout) reads back to the
// same value.

func FuzzRupiah(f *testing.F) {
	for _, s := range []string{"Rp1.250.000", "Rp 1.250.000", "1.250.000", "1250000", "100.000,50", "1,5", "1e5",
		"-1", "", "Rp50.000,-", "100.000.000.001", "1..0", " 12 500 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Rupiah("Uang", s)
		if err != nil {
			checkRefusal(t, err, "Uang")
			return
		}
		if n < 0 || n > MaxRupiah {
			t.Fatalf("accepted %q as %d", s, n)
		}
		for _, out := range []string{tariff.Rupiah(n), strconv.FormatInt(n, 10), group(n)} {
			if back, err := Rupiah("Uang", out); err != nil || back != n {
				t.Fatalf("%q read as %d, but %q reads back as %d, %v", s, n, out, back, err)
			}
		}
		if strings.Contains(s, ",") && !strings.Contains(s, ",-") && !strings.Contains(s, ",0") {
			t.Fatalf("accepted %q with a decimal part as %d", s, n)
		}
	})
}

func FuzzCount(f *testing.F) {
	for _, s := range []string{"120", "1.000", "1,5", "100.000,50", "0", "-3", "", "1.5", "1 000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Count("Jumlah", s)
		if err != nil {
			checkRefusal(t, err, "Jumlah")
			return
		}
		if n < 0 || n > MaxCount || (n == 0 && strings.TrimSpace(s) != "") || strings.Contains(s, ",") {
			t.Fatalf("accepted %q as %d", s, n)
		}
		if back, err := Count("Jumlah", group(n)); n > 0 && (err != nil || back != n) {
			t.Fatalf("%q read as %d, but %q reads back as %d, %v", s, n, group(n), back, err)
		}
	})
}

func FuzzSize(f *testing.F) {
	for _, s := range []string{"25 MB", "1,5 GB", "2.5 MB", "1.500 MB", "0,0001 KB", "7 TB", "1,2,3 MB", "-5 MB", "0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Size("Ukuran", s)
		if err != nil {
			checkRefusal(t, err, "Ukuran")
			return
		}
		if n < 0 || (n == 0 && strings.TrimSpace(s) != "") {
			t.Fatalf("accepted %q as %d", s, n)
		}
		if n > 0 {
			if back, err := Size("Ukuran", group(n)+" byte"); err != nil || back != n {
				t.Fatalf("%q read as %d, but %q reads back as %d, %v", s, n, group(n), back, err)
			}
		}
	})
}

func FuzzDateTime(f *testing.F) {
	for _, s := range []string{"31-01-2026 10:00", "31-02-2026 10:00", "2026-01-31 10.00", "27/11/2026 10:05:00", "27-11-2026", "29-02-2024 23:59"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := DateTime("Waktu", s)
		if err != nil {
			checkRefusal(t, err, "Waktu")
			return
		}
		if tm.Location() != WIB {
			t.Fatalf("%q read in %v, want WIB", s, tm.Location())
		}
		out := tm.Format(DateTimeLayout + ":05")
		if back, err := DateTime("Waktu", out); err != nil || !back.Equal(tm) {
			t.Fatalf("%q read as %v, but %q reads back as %v, %v", s, tm, out, back, err)
		}
		if tm.Sub(time.Date(1, 1, 1, 0, 0, 0, 0, WIB)) < 0 {
			t.Fatalf("%q read before year 1: %v", s, tm)
		}
	})
}

// The money a field accepts and the total a visit may reach are one bound.
func TestMaxRupiahIsTariffBound(t *testing.T) {
	if MaxRupiah != tariff.MaxTotal {
		t.Fatalf("valid.MaxRupiah %d, tariff.MaxTotal %d: one bound, please", MaxRupiah, tariff.MaxTotal)
	}
}
