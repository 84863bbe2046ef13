package valid

import (
	"strconv"
	"strings"
	"testing"
)

func TestProductYear(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
		err  string
	}{
		{in: "", want: 0},
		{in: "  ", want: 0},
		{in: "2025", want: 2025},
		{in: " 1900 ", want: 1900},
		{in: "2100", want: 2100},
		// strconv.Atoi, which the request screen used, read these two as
		// 2025.
		{in: "+2025", err: `Tahun: tahun 4 angka, misalnya 2025 (tertulis "+2025")`},
		{in: "02025", err: `Tahun: tahun 4 angka, misalnya 2025 (tertulis "02025")`},
		{in: "2025.0", err: `Tahun: tahun 4 angka, misalnya 2025 (tertulis "2025.0")`},
		{in: "25", err: `Tahun: tahun 4 angka, misalnya 2025 (tertulis "25")`},
		{in: "٢٠٢٥", err: `Tahun: tahun 4 angka, misalnya 2025 (tertulis "٢٠٢٥")`},
		{in: "0000", err: "Tahun: tahun harus antara 1900 dan 2100 (tertulis 0)"}, // not "no year"
		{in: "1899", err: "Tahun: tahun harus antara 1900 dan 2100 (tertulis 1899)"},
		{in: "2101", err: "Tahun: tahun harus antara 1900 dan 2100 (tertulis 2101)"},
	} {
		got, err := ProductYear("Tahun", c.in)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("ProductYear(%q) = %d, %v; want error %q", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ProductYear(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	if err := CheckProductYear("Tahun", 0); err != nil {
		t.Errorf("CheckProductYear(0) = %v, want none", err)
	}
}

func TestQueueNo(t *testing.T) {
	for _, c := range []struct {
		in      string
		counter string
		n       int
		ok      bool
	}{
		{"A-003", "A", 3, true},
		{"a3", "A", 3, true},
		{"3", "", 3, true},
		{" b-12 ", "B", 12, true},
		{"ABC-9999", "ABC", 9999, true},
		{"A-10000", "", 0, false},
		{"ABCD-1", "", 0, false},
		{"A--3", "", 0, false},
		{"A-", "", 0, false},
		{"01JBX7Z9Q2", "", 0, false}, // a visit ID
		{"", "", 0, false},
		{"A-٣", "", 0, false},
	} {
		counter, n, ok := QueueNo(c.in)
		if counter != c.counter || n != c.n || ok != c.ok {
			t.Errorf("QueueNo(%q) = %q, %d, %v; want %q, %d, %v", c.in, counter, n, ok, c.counter, c.n, c.ok)
		}
	}
}

// FuzzProductYear: no panic; a refusal is a *Error on the field; a year
// accepted is 0 for blank input or in range, and reads back as itself.
func FuzzProductYear(f *testing.F) {
	for _, s := range []string{"2025", "", "+2025", "02025", "1899", "2101", " 1990 ", "٢٠٢٥"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		y, err := ProductYear("Tahun", s)
		if err != nil {
			checkRefusal(t, err, "Tahun")
			return
		}
		if strings.TrimSpace(s) == "" {
			if y != 0 {
				t.Fatalf("blank %q read as %d", s, y)
			}
			return
		}
		if y < MinProductYear || y > MaxProductYear {
			t.Fatalf("accepted %q as %d", s, y)
		}
		if back, err := ProductYear("Tahun", strconv.Itoa(y)); err != nil || back != y {
			t.Fatalf("%q read as %d, which reads back as %d, %v", s, y, back, err)
		}
	})
}

// FuzzQueueNo: no panic; an accepted number has an upper-case counter of
// at most three ASCII letters and at most 9999, and the label the app
// prints reads back the same.
func FuzzQueueNo(f *testing.F) {
	for _, s := range []string{"A-003", "a3", "3", "ABC-9999", "A-10000", "01JBX7Z9Q2", "", "ß-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		counter, n, ok := QueueNo(s)
		if !ok {
			if counter != "" || n != 0 {
				t.Fatalf("refused %q but returned %q, %d", s, counter, n)
			}
			return
		}
		if n < 0 || n > 9999 || len(counter) > 3 || strings.ToUpper(counter) != counter {
			t.Fatalf("accepted %q as %q, %d", s, counter, n)
		}
		for _, r := range counter {
			if r < 'A' || r > 'Z' {
				t.Fatalf("accepted %q with counter %q", s, counter)
			}
		}
		if counter != "" {
			label := counter + "-" + strconv.Itoa(n)
			if c2, n2, ok := QueueNo(label); !ok || c2 != counter || n2 != n {
				t.Fatalf("%q read as %q %d, but %q reads as %q %d %v", s, counter, n, label, c2, n2, ok)
			}
		}
	})
}
