package tariff

import (
	"math"
	"strings"
	"testing"
)

func TestRupiah(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "Rp0"},
		{1, "Rp1"},
		{20, "Rp20"},
		{999, "Rp999"},
		{1_000, "Rp1.000"},
		{15_000, "Rp15.000"},
		{100_000, "Rp100.000"},
		{1_250_000, "Rp1.250.000"},
		{36_000_000, "Rp36.000.000"},
		{-5_000, "-Rp5.000"},
		{-1, "-Rp1"},
		{math.MaxInt64, "Rp9.223.372.036.854.775.807"},
		{math.MinInt64, "-Rp9.223.372.036.854.775.808"},
	}
	for _, tc := range tests {
		if got := Rupiah(tc.n); got != tc.want {
			t.Errorf("Rupiah(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestFormat(t *testing.T) {
	s := Default()
	out := s.Format()
	for _, it := range s.Items {
		if !strings.Contains(out, it.Code) || !strings.Contains(out, it.Name) {
			t.Errorf("Format lacks %s %q", it.Code, it.Name)
		}
	}
	for _, want := range []string{
		"Jadwal tarif PNBP: PP No. 13 Tahun 2024",
		"Dasar hukum: Peraturan Pemerintah Nomor 13 Tahun 2024 tentang Jenis dan Tarif",
		"Berlaku sejak: 1 Januari 2024",
		"50 halaman pertama: Rp50.000",
		"setiap 50 halaman berikutnya (atau bagiannya): Rp15.000",
		"1.000.000 byte (1 MB) pertama: Rp20.000",
		"setiap 1.000 byte berikutnya (atau bagiannya): Rp22",
		"per peta: Rp36.000.000",
		"tidak ada item tarif dalam PP No. 13 Tahun 2024: Rp0, tidak dipungut biaya",
		"1 MB = 1.000.000 byte",
		"Bagian dari satu satuan dihitung satu satuan penuh",
		"Contoh: 120 halaman PUB-EL: 50 halaman pertama Rp50.000 + 2 × 50 halaman berikutnya Rp30.000 = Rp80.000.",
		"Produk yang tidak mempunyai item tarif dalam PP No. 13 Tahun 2024 tidak dipungut biaya (Rp0).",
		"Lembaga Penelitian & Pendidikan",
		"pemanfaatan data bukan: Komersial",
		"surat permohonan resmi telah diterima",
		"biaya pengiriman dan jasa perbankan",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Format lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}

func TestFormatMinimal(t *testing.T) {
	s := mustParse("test", []byte(header+"tanpa_tarif: PUB-CETAK | publikasi | Cetak\n"))
	out := s.Format()
	for _, want := range []string{"Berlaku sejak: 1 Januari 2024", "PUB-CETAK", "Tarif nol rupiah: tidak diatur dalam jadwal ini."} {
		if !strings.Contains(out, want) {
			t.Errorf("Format lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Contoh:") || strings.Contains(out, "Catatan:") {
		t.Errorf("unexpected example or notes:\n%s", out)
	}
}
