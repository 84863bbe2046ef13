// Package export writes the day's records to an Excel workbook for the
// Kasubbag Umum, and holds the helpers that put amounts and dates into the
// words and forms the office uses.
package export

import "strings"

var digitWords = [...]string{"nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"}

// scaleWords name the groups of three digits from the lowest: satuan, ribu,
// juta, miliar, triliun, kuadriliun (10^15) and kuintiliun (10^18), enough
// for every int64.
var scaleWords = [...]string{"", "ribu", "juta", "miliar", "triliun", "kuadriliun", "kuintiliun"}

// Terbilang spells a Rupiah amount in Indonesian words, in lower case, as a
// kuitansi writes it: 80000 → "delapan puluh ribu rupiah", 1000 → "seribu
// rupiah", 0 → "nol rupiah". A negative amount starts with "minus". Every
// int64 is spelled, up to kuintiliun.
func Terbilang(n int64) string {
	if n == 0 {
		return "nol rupiah"
	}
	var words []string
	// The magnitude as uint64, so that the smallest int64 has one too.
	u := uint64(n)
	if n < 0 {
		words = append(words, "minus")
		u = -u
	}
	var groups []uint64 // lowest first
	for ; u > 0; u /= 1000 {
		groups = append(groups, u%1000)
	}
	for i := len(groups) - 1; i >= 0; i-- {
		g := groups[i]
		switch {
		case g == 0:
			continue
		case g == 1 && i == 1:
			words = append(words, "seribu") // but "satu juta", "satu miliar"
			continue
		}
		words = append(words, hundreds(int(g))...)
		if i > 0 {
			words = append(words, scaleWords[i])
		}
	}
	return strings.Join(append(words, "rupiah"), " ")
}

// hundreds spells 1–999.
func hundreds(n int) []string {
	var w []string
	switch h := n / 100; h {
	case 0:
	case 1:
		w = append(w, "seratus")
	default:
		w = append(w, digitWords[h], "ratus")
	}
	switch t, u := n%100/10, n%10; {
	case t == 0 && u == 0:
	case t == 0:
		w = append(w, digitWords[u])
	case t == 1 && u == 0:
		w = append(w, "sepuluh")
	case t == 1 && u == 1:
		w = append(w, "sebelas")
	case t == 1:
		w = append(w, digitWords[u], "belas")
	case u == 0:
		w = append(w, digitWords[t], "puluh")
	default:
		w = append(w, digitWords[t], "puluh", digitWords[u])
	}
	return w
}
