package tariff

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

// paying is a visitor who never gets the Rp0 facility.
var paying = Eligibility{Category: "Swasta", Use: "Komersial", Letter: false}

func TestQuoteAmounts(t *testing.T) {
	s := Default()
	tests := []struct {
		name   string
		line   Line
		amount int64
		lines  []string
	}{
		// PUB-EL: Rp50.000 for the first 50 pages, Rp15.000 per further 50 or part.
		{"PUB-EL 1 halaman", Line{Code: "PUB-EL", Pages: 1}, 50_000,
			[]string{"1 halaman (dalam 50 halaman pertama): Rp50.000"}},
		{"PUB-EL 50 halaman", Line{Code: "PUB-EL", Pages: 50}, 50_000,
			[]string{"50 halaman pertama: Rp50.000"}},
		{"PUB-EL 51 halaman", Line{Code: "PUB-EL", Pages: 51}, 65_000,
			[]string{"50 halaman pertama: Rp50.000", "1 × 50 halaman berikutnya: Rp15.000"}},
		{"PUB-EL 100 halaman", Line{Code: "PUB-EL", Pages: 100}, 65_000,
			[]string{"50 halaman pertama: Rp50.000", "1 × 50 halaman berikutnya: Rp15.000"}},
		{"PUB-EL 101 halaman", Line{Code: "PUB-EL", Pages: 101}, 80_000,
			[]string{"50 halaman pertama: Rp50.000", "2 × 50 halaman berikutnya: Rp30.000"}},
		{"PUB-EL 120 halaman (DOMAIN.md)", Line{Code: "PUB-EL", Pages: 120}, 80_000,
			[]string{"50 halaman pertama: Rp50.000", "2 × 50 halaman berikutnya: Rp30.000"}},
		{"PUB-EL 100.000 halaman (batas)", Line{Code: "PUB-EL", Pages: 100_000}, 50_000 + 1999*15_000,
			[]string{"50 halaman pertama: Rp50.000", "1.999 × 50 halaman berikutnya: Rp29.985.000"}},
		{"PUB-EL other fields ignored", Line{Code: "PUB-EL", Pages: 50, Bytes: 5_000_000, Maps: 3}, 50_000,
			[]string{"50 halaman pertama: Rp50.000"}},

		// DM-MENTAH: Rp20.000 for the first 1 MB, Rp20 per further 1.000 bytes or part.
		{"DM-MENTAH 1 byte", Line{Code: "DM-MENTAH", Bytes: 1}, 20_000,
			[]string{"1 byte (dalam 1.000.000 byte pertama): Rp20.000"}},
		{"DM-MENTAH 1.000.000 byte", Line{Code: "DM-MENTAH", Bytes: 1_000_000}, 20_000,
			[]string{"1.000.000 byte pertama: Rp20.000"}},
		{"DM-MENTAH 1.000.001 byte", Line{Code: "DM-MENTAH", Bytes: 1_000_001}, 20_020,
			[]string{"1.000.000 byte pertama: Rp20.000", "1 × 1.000 byte berikutnya: Rp20"}},
		{"DM-MENTAH 1.001.000 byte", Line{Code: "DM-MENTAH", Bytes: 1_001_000}, 20_020,
			[]string{"1.000.000 byte pertama: Rp20.000", "1 × 1.000 byte berikutnya: Rp20"}},
		{"DM-MENTAH 5.000.000 byte (DOMAIN.md)", Line{Code: "DM-MENTAH", Bytes: 5_000_000}, 100_000,
			[]string{"1.000.000 byte pertama: Rp20.000", "4.000 × 1.000 byte berikutnya: Rp80.000"}},
		{"DM-MENTAH 10^12 byte (batas)", Line{Code: "DM-MENTAH", Bytes: 1_000_000_000_000}, 20_000 + 999_999_000*20,
			[]string{"1.000.000 byte pertama: Rp20.000", "999.999.000 × 1.000 byte berikutnya: Rp19.999.980.000"}},

		// DM-OLAH: Rp22.000 for the first 1 MB, Rp22 per further 1.000 bytes or part.
		{"DM-OLAH 1.000.000 byte", Line{Code: "DM-OLAH", Bytes: 1_000_000}, 22_000,
			[]string{"1.000.000 byte pertama: Rp22.000"}},
		{"DM-OLAH 1.000.001 byte", Line{Code: "DM-OLAH", Bytes: 1_000_001}, 22_022,
			[]string{"1.000.000 byte pertama: Rp22.000", "1 × 1.000 byte berikutnya: Rp22"}},
		{"DM-OLAH 5.000.000 byte", Line{Code: "DM-OLAH", Bytes: 5_000_000}, 110_000,
			[]string{"1.000.000 byte pertama: Rp22.000", "4.000 × 1.000 byte berikutnya: Rp88.000"}},

		// Maps: per map.
		{"PETA-ID-KEC 1 peta", Line{Code: "PETA-ID-KEC", Maps: 1}, 12_000_000,
			[]string{"1 peta × Rp12.000.000: Rp12.000.000"}},
		{"PETA-ID-DESA 1 peta", Line{Code: "PETA-ID-DESA", Maps: 1}, 36_000_000,
			[]string{"1 peta × Rp36.000.000: Rp36.000.000"}},
		{"PETA-ID-DESA 2 peta", Line{Code: "PETA-ID-DESA", Maps: 2}, 72_000_000,
			[]string{"2 peta × Rp36.000.000: Rp72.000.000"}},
		{"PETA-KAB-KEC 1 peta", Line{Code: "PETA-KAB-KEC", Maps: 1}, 30_000,
			[]string{"1 peta × Rp30.000: Rp30.000"}},
		{"PETA-KAB-KEC 3 peta", Line{Code: "PETA-KAB-KEC", Maps: 3}, 90_000,
			[]string{"3 peta × Rp30.000: Rp90.000"}},
		{"PETA-KAB-DESA 1 peta", Line{Code: "PETA-KAB-DESA", Maps: 1}, 70_000,
			[]string{"1 peta × Rp70.000: Rp70.000"}},
		{"PETA-KAB-DESA 10.000 peta (batas)", Line{Code: "PETA-KAB-DESA", Maps: 10_000}, 700_000_000,
			[]string{"10.000 peta × Rp70.000: Rp700.000.000"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := s.Quote(tc.line, paying)
			if err != nil {
				t.Fatalf("Quote: %v", err)
			}
			if q.Amount != tc.amount || q.FullAmount != tc.amount {
				t.Errorf("Amount = %d, FullAmount = %d, want %d", q.Amount, q.FullAmount, tc.amount)
			}
			if !reflect.DeepEqual(q.Breakdown, tc.lines) {
				t.Errorf("Breakdown = %q\nwant        %q", q.Breakdown, tc.lines)
			}
			if q.Zero || q.NoItem || q.Code != tc.line.Code {
				t.Errorf("Zero=%v NoItem=%v Code=%q", q.Zero, q.NoItem, q.Code)
			}
			if q.Schedule != "PP No. 13 Tahun 2024" || !strings.HasPrefix(q.Basis, "Peraturan Pemerintah Nomor 13 Tahun 2024") {
				t.Errorf("Schedule=%q Basis=%q", q.Schedule, q.Basis)
			}
		})
	}
}

func TestQuoteRefusesQuantities(t *testing.T) {
	s := Default()
	tests := []struct {
		line  Line
		field string
		msg   string
	}{
		{Line{Code: "PUB-EL"}, "halaman", "Jumlah halaman harus lebih dari 0"},
		{Line{Code: "PUB-EL", Pages: -1}, "halaman", "Jumlah halaman harus lebih dari 0"},
		{Line{Code: "PUB-EL", Bytes: 5000}, "halaman", "Jumlah halaman harus lebih dari 0"},
		{Line{Code: "PUB-EL", Pages: 100_001}, "halaman", "Jumlah halaman terlalu besar: paling banyak 100.000 halaman"},
		{Line{Code: "PUB-EL", Pages: math.MaxInt64}, "halaman", "Jumlah halaman terlalu besar: paling banyak 100.000 halaman"},
		{Line{Code: "DM-MENTAH"}, "byte", "Ukuran data (byte) harus lebih dari 0"},
		{Line{Code: "DM-OLAH", Bytes: -5_000_000}, "byte", "Ukuran data (byte) harus lebih dari 0"},
		{Line{Code: "DM-MENTAH", Bytes: 1_000_000_000_001}, "byte", "Ukuran data (byte) terlalu besar: paling banyak 1.000.000.000.000 byte"},
		{Line{Code: "PETA-KAB-KEC"}, "peta", "Jumlah peta harus lebih dari 0"},
		{Line{Code: "PETA-ID-DESA", Maps: math.MinInt64}, "peta", "Jumlah peta harus lebih dari 0"},
		{Line{Code: "PETA-ID-KEC", Maps: 10_001}, "peta", "Jumlah peta terlalu besar: paling banyak 10.000 peta"},
		{Line{Code: "PUB-XX", Pages: 10}, "kode", `Kode tarif "PUB-XX" tidak ada dalam PP No. 13 Tahun 2024`},
		{Line{Code: "pub-el", Pages: 10}, "kode", `Kode tarif "pub-el" tidak ada dalam PP No. 13 Tahun 2024`},
		{Line{Code: "", Pages: 10}, "kode", `Kode tarif "" tidak ada dalam PP No. 13 Tahun 2024`},
	}
	for _, tc := range tests {
		t.Run(tc.msg, func(t *testing.T) {
			q, err := s.Quote(tc.line, paying)
			var qe *QuoteError
			if !errors.As(err, &qe) {
				t.Fatalf("Quote(%+v) = %+v, %v; want *QuoteError", tc.line, q, err)
			}
			if qe.Error() != tc.msg || qe.Field != tc.field || qe.Code != tc.line.Code {
				t.Errorf("got %q field %q code %q, want %q field %q", qe.Error(), qe.Field, qe.Code, tc.msg, tc.field)
			}
		})
	}
}

func TestQuoteOverflow(t *testing.T) {
	// Allowed numbers whose product does not fit in int64 are refused, not wrapped.
	s := mustParse("test", []byte(header+
		"item: DM-X | data_mikro | Mahal | byte | 1 | 1.000.000.000 | 1 | 1.000.000.000\n"+
		"item: PETA-X | peta | Mahal | peta | 1 | 1.000.000.000 | 0 | 0\n"+
		// The item of the issue 14 report: accepted, and each line of
		// 999.999.949.786 bytes was quoted Rp6.148.914.691.236.543.872.
		"item: DM-MENTAH | data_mikro | Mentah | byte | 1 | 4.310.597 | 1 | 6.148.915\n"))
	for _, tc := range []struct {
		l    Line
		want string
	}{
		{Line{Code: "DM-X", Bytes: 1_000_000_000_000}, "Tarif DM-X untuk 1.000.000.000.000 byte melebihi batas Rp100.000.000.000 per kunjungan; periksa ukuran data (byte)"},
		{Line{Code: "PETA-X", Maps: 101}, "Tarif PETA-X untuk 101 peta melebihi batas Rp100.000.000.000 per kunjungan; periksa jumlah peta"},
		{Line{Code: "DM-MENTAH", Bytes: 999_999_949_786}, "Tarif DM-MENTAH untuk 999.999.949.786 byte melebihi batas Rp100.000.000.000 per kunjungan; periksa ukuran data (byte)"},
	} {
		if q, err := s.Quote(tc.l, paying); err == nil {
			t.Errorf("Quote(%+v) = %d, want a refusal over MaxTotal", tc.l, q.Amount)
		} else if err.Error() != tc.want {
			t.Errorf("error %q, want %q", err, tc.want)
		}
	}
	// 100 maps × Rp1.000.000.000 = MaxTotal exactly: large but allowed.
	q, err := s.Quote(Line{Code: "PETA-X", Maps: 100}, paying)
	if err != nil || q.Amount != MaxTotal {
		t.Errorf("PETA-X: %d, %v", q.Amount, err)
	}
}

func TestAdd(t *testing.T) {
	for _, tc := range []struct {
		a, b, sum int64
		ok        bool
	}{
		{1, 2, 3, true}, {math.MaxInt64, 0, math.MaxInt64, true}, {math.MaxInt64, 1, 0, false},
		{math.MinInt64, -1, 0, false}, {math.MinInt64, 1, math.MinInt64 + 1, true}, {-5, 3, -2, true},
		{6_148_914_691_236_543_872, 6_148_914_691_236_543_872, 0, false},
	} {
		if sum, ok := Add(tc.a, tc.b); sum != tc.sum || ok != tc.ok {
			t.Errorf("Add(%d, %d) = %d, %v; want %d, %v", tc.a, tc.b, sum, ok, tc.sum, tc.ok)
		}
	}
}

func TestQuoteNoItem(t *testing.T) {
	s := Default()
	want := []string{"Tidak ada item tarif dalam PP No. 13 Tahun 2024: tidak dipungut biaya"}
	for _, e := range []Eligibility{paying, eligible()} {
		for _, pages := range []int64{0, 120} {
			q, err := s.Quote(Line{Code: "PUB-CETAK", Pages: pages}, e)
			if err != nil {
				t.Fatal(err)
			}
			if q.Amount != 0 || q.FullAmount != 0 || !q.NoItem || q.Zero || !reflect.DeepEqual(q.Breakdown, want) {
				t.Errorf("PUB-CETAK %d pages, %+v: %+v", pages, e, q)
			}
		}
	}
	it, ok := s.Item("PUB-CETAK")
	if !ok || it.Charged || it.Measure != "" || it.Kind != KindPublication {
		t.Errorf("PUB-CETAK item = %+v, %v", it, ok)
	}
}

func TestQuoteZero(t *testing.T) {
	s := Default()
	q, err := s.Quote(Line{Code: "PUB-EL", Pages: 120}, eligible())
	if err != nil {
		t.Fatal(err)
	}
	if q.Amount != 0 || q.FullAmount != 80_000 || !q.Zero || q.NoItem {
		t.Errorf("got %+v", q)
	}
	if q.Basis != s.Zero.Basis {
		t.Errorf("Basis = %q, want the Rp0 rule's", q.Basis)
	}
	want := []string{
		"50 halaman pertama: Rp50.000",
		"2 × 50 halaman berikutnya: Rp30.000",
		"Tarif tanpa fasilitas nol rupiah: Rp80.000",
		"Tarif nol rupiah (Rp0): kategori instansi Pemerintah Daerah, pemanfaatan Pemerintahan, surat permohonan diterima. Dasar: " + s.Zero.Basis,
	}
	if !reflect.DeepEqual(q.Breakdown, want) {
		t.Errorf("Breakdown = %q\nwant        %q", q.Breakdown, want)
	}
	// Quantities are still checked at Rp0.
	if _, err := s.Quote(Line{Code: "PETA-KAB-KEC"}, eligible()); err == nil {
		t.Error("0 maps at Rp0 accepted")
	}
}

func eligible() Eligibility {
	return Eligibility{Category: "Pemerintah Daerah", Use: "Pemerintahan", Letter: true}
}

func TestZeroEligible(t *testing.T) {
	s := Default()
	basis := ". Dasar: " + s.Zero.Basis
	tests := []struct {
		e      Eligibility
		ok     bool
		reason string
	}{
		{Eligibility{"Lembaga Negara", "Pemerintahan", true}, true,
			"Tarif nol rupiah (Rp0): kategori instansi Lembaga Negara, pemanfaatan Pemerintahan, surat permohonan diterima"},
		{Eligibility{"Kementerian & Lembaga Pemerintah", "Penelitian", true}, true,
			"Tarif nol rupiah (Rp0): kategori instansi Kementerian & Lembaga Pemerintah, pemanfaatan Penelitian, surat permohonan diterima"},
		{Eligibility{"TNI/Polri/BIN/Kejaksaan", "Pemerintahan", true}, true,
			"Tarif nol rupiah (Rp0): kategori instansi TNI/Polri/BIN/Kejaksaan, pemanfaatan Pemerintahan, surat permohonan diterima"},
		{Eligibility{"Pemerintah Daerah", "Lainnya", true}, true,
			"Tarif nol rupiah (Rp0): kategori instansi Pemerintah Daerah, pemanfaatan Lainnya, surat permohonan diterima"},
		{Eligibility{"Lembaga Internasional", "Penelitian", true}, true,
			"Tarif nol rupiah (Rp0): kategori instansi Lembaga Internasional, pemanfaatan Penelitian, surat permohonan diterima"},
		{Eligibility{"Lembaga Penelitian & Pendidikan", "Tugas sekolah/kuliah", true}, true,
			"Tarif nol rupiah (Rp0): kategori instansi Lembaga Penelitian & Pendidikan, pemanfaatan Tugas sekolah/kuliah, surat permohonan diterima"},
		{Eligibility{"  pemerintah   daerah ", "pemerintahan", true}, true,
			"Tarif nol rupiah (Rp0): kategori instansi pemerintah daerah, pemanfaatan pemerintahan, surat permohonan diterima"},
		{Eligibility{"Pemerintah Daerah", "Komersial", true}, false,
			"Tarif normal: pemanfaatan Komersial tidak mendapat tarif nol rupiah"},
		{Eligibility{"Lembaga Penelitian & Pendidikan", "komersial", true}, false,
			"Tarif normal: pemanfaatan komersial tidak mendapat tarif nol rupiah"},
		{Eligibility{"Pemerintah Daerah", "Pemerintahan", false}, false,
			"Tarif normal: surat permohonan resmi belum diterima"},
		{Eligibility{"Swasta", "Penelitian", true}, false,
			"Tarif normal: kategori instansi Swasta tidak termasuk penerima tarif nol rupiah"},
		{Eligibility{"BUMN/BUMD", "Pemerintahan", true}, false,
			"Tarif normal: kategori instansi BUMN/BUMD tidak termasuk penerima tarif nol rupiah"},
		{Eligibility{"Lainnya", "Penelitian", true}, false,
			"Tarif normal: kategori instansi Lainnya tidak termasuk penerima tarif nol rupiah"},
		{Eligibility{"Swasta", "Komersial", false}, false,
			"Tarif normal: kategori instansi Swasta tidak termasuk penerima tarif nol rupiah; pemanfaatan Komersial tidak mendapat tarif nol rupiah; surat permohonan resmi belum diterima"},
		{Eligibility{"", "", true}, false,
			"Tarif normal: kategori instansi belum diisi; pemanfaatan data belum diisi"},
	}
	for _, tc := range tests {
		ok, reason := s.ZeroEligible(tc.e)
		want := tc.reason + basis
		if !tc.ok {
			want = tc.reason + ". Dasar tarif nol rupiah: " + s.Zero.Basis
		}
		if ok != tc.ok || reason != want {
			t.Errorf("ZeroEligible(%+v) = %v, %q\nwant %v, %q", tc.e, ok, reason, tc.ok, want)
		}
		q, err := s.Quote(Line{Code: "DM-MENTAH", Bytes: 5_000_000}, tc.e)
		if err != nil || q.Zero != tc.ok || (q.Amount == 0) != tc.ok || q.FullAmount != 100_000 {
			t.Errorf("Quote with %+v: %+v, %v", tc.e, q, err)
		}
	}
}

func TestZeroEligibleWithoutRule(t *testing.T) {
	s := mustParse("test", []byte(header+"item: PUB-EL | publikasi | P | halaman | 50 | 50.000 | 50 | 15.000\n"))
	ok, reason := s.ZeroEligible(eligible())
	if ok || reason != "Tarif normal: Uji tidak mengatur tarif nol rupiah" {
		t.Errorf("got %v, %q", ok, reason)
	}
	q, err := s.Quote(Line{Code: "PUB-EL", Pages: 10}, eligible())
	if err != nil || q.Zero || q.Amount != 50_000 {
		t.Errorf("got %+v, %v", q, err)
	}
}

func TestZeroRuleWithoutLetter(t *testing.T) {
	s := mustParse("test", []byte(header+"item: PUB-EL | publikasi | P | halaman | 50 | 50.000 | 50 | 15.000\n"+
		"nol.kategori: Pemerintah Daerah\nnol.surat: tidak\nnol.dasar: Uji\n"))
	ok, reason := s.ZeroEligible(Eligibility{Category: "Pemerintah Daerah", Use: "Komersial"})
	if !ok || reason != "Tarif nol rupiah (Rp0): kategori instansi Pemerintah Daerah, pemanfaatan Komersial. Dasar: Uji" {
		t.Errorf("got %v, %q", ok, reason)
	}
}
