package store

import (
	"context"
)

// This file is the SKM (Survei Kepuasan Masyarakat) arithmetic: the tally
// of answers per unsur, its NRR and IKM, and the quality grade.

// SKM is a tally of SKM answers: sums and counts per unsur.
type SKM struct {
	N   int
	Sum [9]int
}

// NRR is the average score of unsur i (0-based); 0 without answers.
func (k SKM) NRR(i int) float64 {
	if k.N == 0 {
		return 0
	}
	return float64(k.Sum[i]) / float64(k.N)
}

// IKM is the converted satisfaction index (PermenPANRB 14/2017): Σ NRR × 1/9
// × 25, rounded to two decimals; 0 without answers.
func (k SKM) IKM() float64 {
	if k.N == 0 {
		return 0
	}
	// Σ(sum_i / N) / 9 × 25 = 25 × Σ sum_i / (9N); computed in integers up to
	// the final division so rounding happens once.
	total := 0
	for _, s := range k.Sum {
		total += s
	}
	hundredths := (2500*int64(total)*2 + int64(9*k.N)) / (2 * int64(9*k.N)) // round half up
	return float64(hundredths) / 100
}

// Mutu classifies a converted IKM: A Sangat Baik, B Baik, C Kurang Baik, D
// Tidak Baik; "" below 25 (no answers).
func Mutu(ikm float64) string {
	switch {
	case ikm >= 88.31:
		return "A (Sangat Baik)"
	case ikm >= 76.61:
		return "B (Baik)"
	case ikm >= 65.00:
		return "C (Kurang Baik)"
	case ikm >= 25.00:
		return "D (Tidak Baik)"
	}
	return ""
}

func skmFor(ctx context.Context, q querier, where string, args ...any) (SKM, error) {
	var k SKM
	err := q.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(u1),0), coalesce(sum(u2),0), coalesce(sum(u3),0),
		coalesce(sum(u4),0), coalesce(sum(u5),0), coalesce(sum(u6),0), coalesce(sum(u7),0), coalesce(sum(u8),0),
		coalesce(sum(u9),0) FROM ratings WHERE declined = 0 AND `+where, args...).Scan(&k.N, &k.Sum[0], &k.Sum[1],
		&k.Sum[2], &k.Sum[3], &k.Sum[4], &k.Sum[5], &k.Sum[6], &k.Sum[7], &k.Sum[8])
	return k, err
}

// SKMElements are the nine unsur of PermenPANRB 14/2017, in order U1…U9.
var SKMElements = [9]string{
	"Persyaratan",
	"Sistem, mekanisme dan prosedur",
	"Waktu penyelesaian",
	"Biaya/tarif",
	"Produk spesifikasi jenis pelayanan",
	"Kompetensi pelaksana",
	"Perilaku pelaksana",
	"Penanganan pengaduan, saran dan masukan",
	"Sarana dan prasarana",
}
