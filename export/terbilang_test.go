package export

import (
	"math"
	"strings"
	"testing"
)

func TestTerbilang(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want string
	}{
		{0, "nol rupiah"},
		{1, "satu rupiah"},
		{9, "sembilan rupiah"},
		{10, "sepuluh rupiah"},
		{11, "sebelas rupiah"},
		{12, "dua belas rupiah"},
		{19, "sembilan belas rupiah"},
		{20, "dua puluh rupiah"},
		{21, "dua puluh satu rupiah"},
		{99, "sembilan puluh sembilan rupiah"},
		{100, "seratus rupiah"},
		{101, "seratus satu rupiah"},
		{110, "seratus sepuluh rupiah"},
		{111, "seratus sebelas rupiah"},
		{115, "seratus lima belas rupiah"},
		{200, "dua ratus rupiah"},
		{999, "sembilan ratus sembilan puluh sembilan rupiah"},
		{1000, "seribu rupiah"},
		{1001, "seribu satu rupiah"},
		{1100, "seribu seratus rupiah"},
		{1111, "seribu seratus sebelas rupiah"},
		{2000, "dua ribu rupiah"},
		{10000, "sepuluh ribu rupiah"},
		{11000, "sebelas ribu rupiah"},
		{15000, "lima belas ribu rupiah"},
		{50000, "lima puluh ribu rupiah"},
		{80000, "delapan puluh ribu rupiah"},
		{100000, "seratus ribu rupiah"},
		{101000, "seratus satu ribu rupiah"},
		{111000, "seratus sebelas ribu rupiah"},
		{250000, "dua ratus lima puluh ribu rupiah"},
		{999999, "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan rupiah"},
		{1000000, "satu juta rupiah"},
		{1001000, "satu juta seribu rupiah"},
		{1100000, "satu juta seratus ribu rupiah"},
		{1250000, "satu juta dua ratus lima puluh ribu rupiah"},
		{12000000, "dua belas juta rupiah"},
		{36000000, "tiga puluh enam juta rupiah"},
		{100000001, "seratus juta satu rupiah"},
		{1000000000, "satu miliar rupiah"},
		{1000001000, "satu miliar seribu rupiah"},
		{2500000000, "dua miliar lima ratus juta rupiah"},
		{1000000000000, "satu triliun rupiah"},
		{1001001001001, "satu triliun satu miliar satu juta seribu satu rupiah"},
		{999000000000000, "sembilan ratus sembilan puluh sembilan triliun rupiah"},
		{1000000000000000, "satu kuadriliun rupiah"},
		{-1, "minus satu rupiah"},
		{-1000, "minus seribu rupiah"},
		{-80000, "minus delapan puluh ribu rupiah"},
		{math.MaxInt64, "sembilan kuintiliun dua ratus dua puluh tiga kuadriliun tiga ratus tujuh puluh dua triliun " +
			"tiga puluh enam miliar delapan ratus lima puluh empat juta tujuh ratus tujuh puluh lima ribu " +
			"delapan ratus tujuh rupiah"},
		{math.MinInt64, "minus sembilan kuintiliun dua ratus dua puluh tiga kuadriliun tiga ratus tujuh puluh dua triliun " +
			"tiga puluh enam miliar delapan ratus lima puluh empat juta tujuh ratus tujuh puluh lima ribu " +
			"delapan ratus delapan rupiah"},
	} {
		if got := Terbilang(c.n); got != c.want {
			t.Errorf("Terbilang(%d)\n  got  %q\n  want %q", c.n, got, c.want)
		}
	}
}

// TestTerbilangShape checks every amount up to 200.000 for what any
// spelling must satisfy: one space between words, no "satu ratus",
// "satu puluh" or "satu belas", "seribu" rather than a leading "satu ribu",
// and "nol" only for zero.
func TestTerbilangShape(t *testing.T) {
	for n := int64(1); n <= 200000; n++ {
		s := Terbilang(n)
		if strings.Contains(s, "  ") || !strings.HasSuffix(s, " rupiah") ||
			strings.Contains(s, "satu ratus") || strings.HasPrefix(s, "satu ribu") ||
			strings.Contains(s, "satu belas") || strings.Contains(s, "satu puluh") ||
			strings.Contains(s, "nol") {
			t.Fatalf("Terbilang(%d) = %q", n, s)
		}
	}
}
