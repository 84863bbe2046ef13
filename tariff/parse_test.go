package tariff

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// header is the smallest valid head of a schedule file: 3 lines.
const header = "nama: Uji\ndasar: Dasar uji\nberlaku: 2024-01-01\n"

const pubEl = "item: PUB-EL | publikasi | Publikasi elektronik | halaman | 50 | 50.000 | 50 | 15.000\n"

func TestDefault(t *testing.T) {
	s := Default()
	if s.Name != "PP No. 13 Tahun 2024" {
		t.Errorf("Name = %q", s.Name)
	}
	if want := "Peraturan Pemerintah Nomor 13 Tahun 2024 tentang Jenis dan Tarif atas Jenis Penerimaan Negara Bukan Pajak yang Berlaku pada Badan Pusat Statistik"; s.Basis != want {
		t.Errorf("Basis = %q", s.Basis)
	}
	if want := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC); !s.Effective.Equal(want) {
		t.Errorf("Effective = %v", s.Effective)
	}
	want := []Item{
		{"PUB-EL", "Publikasi elektronik", KindPublication, MeasurePages, 50, 50_000, 50, 15_000, true},
		{"DM-MENTAH", "Data mikro tanpa proses (per dataset)", KindMicrodata, MeasureBytes, 1_000_000, 20_000, 1_000, 20, true},
		{"DM-OLAH", "Data mikro dengan proses (tabulasi, per tabel)", KindMicrodata, MeasureBytes, 1_000_000, 22_000, 1_000, 22, true},
		{"PETA-ID-KEC", "Peta wilkerstat Indonesia per kecamatan", KindMap, MeasureMaps, 1, 12_000_000, 0, 0, true},
		{"PETA-ID-DESA", "Peta wilkerstat Indonesia per desa", KindMap, MeasureMaps, 1, 36_000_000, 0, 0, true},
		{"PETA-KAB-KEC", "Peta wilkerstat kabupaten/kota per kecamatan", KindMap, MeasureMaps, 1, 30_000, 0, 0, true},
		{"PETA-KAB-DESA", "Peta wilkerstat kabupaten/kota per desa/kelurahan", KindMap, MeasureMaps, 1, 70_000, 0, 0, true},
		{"PUB-CETAK", "Publikasi tercetak (hardcopy)", KindPublication, "", 0, 0, 0, 0, false},
	}
	if !reflect.DeepEqual(s.Items, want) {
		t.Errorf("Items =\n%+v\nwant\n%+v", s.Items, want)
	}
	zero := ZeroRule{
		Categories: []string{"Lembaga Negara", "Kementerian & Lembaga Pemerintah", "TNI/Polri/BIN/Kejaksaan",
			"Pemerintah Daerah", "Lembaga Internasional", "Lembaga Penelitian & Pendidikan"},
		ExcludedUses: []string{"Komersial"},
		NeedsLetter:  true,
	}
	got := s.Zero
	got.Basis = ""
	if !reflect.DeepEqual(got, zero) || !strings.HasPrefix(s.Zero.Basis, "PP No. 13 Tahun 2024 Pasal 4") {
		t.Errorf("Zero = %+v", s.Zero)
	}
	if len(s.Notes) == 0 {
		t.Error("no notes")
	}
}

func TestDefaultIsACopy(t *testing.T) {
	a := Default()
	a.Items[0].BaseRp = 1
	a.Zero.Categories[0] = "Swasta"
	a.Name = "x"
	b := Default()
	if b.Items[0].BaseRp != 50_000 || b.Zero.Categories[0] != "Lembaga Negara" || b.Name != "PP No. 13 Tahun 2024" {
		t.Error("changing one Default() changed the next")
	}
}

func TestMustParsePanicsOnBrokenFile(t *testing.T) {
	defer func() {
		r := recover()
		want := `tariff: embedded schedule rusak.tarif: berkas tarif: belum ada baris "nama:" (nama singkat jadwal tarif)`
		if r != want {
			t.Errorf("panic = %v, want %q", r, want)
		}
	}()
	mustParse("rusak.tarif", []byte("# kosong\n"))
}

func TestParseAccepts(t *testing.T) {
	file := "\uFEFF# komentar\r\n" +
		"  NAMA :  Uji  \r\n" +
		"dasar: Dasar: dengan titik dua\r\n" +
		"berlaku: 2024-02-29\r\n" +
		"\r\n" +
		"\t# komentar berindentasi\n" +
		"item: PUB-EL|publikasi|Publikasi   elektronik|halaman|50|Rp50.000|50|rp 15000\n" +
		"item: PETA-1 | peta | Peta # satu | peta | 1 | 0 | 0 | 0\n" +
		"tanpa_tarif: PUB-CETAK | publikasi | Cetak\n" +
		"nol.kategori:   Pemerintah    Daerah \n" +
		"nol.surat: Ya\n" +
		"nol.dasar: Dasar nol\n" +
		"catatan: satu\ncatatan: dua"
	s, err := Parse(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	want := &Schedule{
		Name: "Uji", Basis: "Dasar: dengan titik dua", Effective: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
		Items: []Item{
			{"PUB-EL", "Publikasi elektronik", KindPublication, MeasurePages, 50, 50_000, 50, 15_000, true},
			{"PETA-1", "Peta # satu", KindMap, MeasureMaps, 1, 0, 0, 0, true},
			{"PUB-CETAK", "Cetak", KindPublication, "", 0, 0, 0, 0, false},
		},
		Zero:  ZeroRule{Categories: []string{"Pemerintah Daerah"}, NeedsLetter: true, Basis: "Dasar nol"},
		Notes: []string{"satu", "dua"},
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got\n%+v\nwant\n%+v", s, want)
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in    string
		price bool
		want  int64
		ok    bool
	}{
		{"0", true, 0, true},
		{"15000", true, 15_000, true},
		{"15.000", true, 15_000, true},
		{"Rp15.000", true, 15_000, true},
		{"1.000.000.000.000", false, 1_000_000_000_000, true},
		{"1000000000", true, 1_000_000_000, true}, // MaxUnitRp
		{"Rp1.000.000.001", true, 0, false},       // over MaxUnitRp
		{"1000000000000", true, 0, false},         // accepted before the price bound (issue 14)
		{"1.000.000.000.001", false, 0, false},    // over maxQty[byte]
		{"Rp15.000", false, 0, false},             // Rp only on prices
		{"5O.000", true, 0, false},
		{"50.00", true, 0, false},
		{"50,000", true, 0, false},
		{"50000.", true, 0, false},
		{".500", true, 0, false},
		{"1000.000", true, 0, false},
		{"050.000", true, 0, false},
		{"00", false, 0, false},
		{"-5", false, 0, false},
		{"+5", false, 0, false},
		{"", false, 0, false},
		{"Rp", true, 0, false},
		{"1.000.000.000.001", true, 0, false},
		{"99999999999999999999999", false, 0, false},
		{"١٢", false, 0, false},
	}
	for _, tc := range tests {
		got, msg := parseNumber(tc.in, tc.price, MeasureBytes)
		if (msg == "") != tc.ok || got != tc.want {
			t.Errorf("parseNumber(%q, %v) = %d, %q", tc.in, tc.price, got, msg)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	long := header + pubEl + "catatan: " + strings.Repeat("x", maxLineBytes) + "\n"
	tests := []struct {
		name, file, want string
	}{
		{"unknown key", header + "harga: 5\n" + pubEl,
			`baris 4: kunci "harga" tidak dikenal`},
		{"no colon", header + "PUB-EL 50.000\n",
			`baris 4: baris harus berbentuk "kunci: isi", tertulis "PUB-EL 50.000"`},
		{"empty value", "nama:\n",
			`baris 1: isi "nama" kosong`},
		{"missing name", "dasar: D\nberlaku: 2024-01-01\n" + pubEl,
			`berkas tarif: belum ada baris "nama:" (nama singkat jadwal tarif)`},
		{"missing basis", "nama: N\nberlaku: 2024-01-01\n" + pubEl,
			`berkas tarif: belum ada baris "dasar:" (dasar hukum)`},
		{"missing date", "nama: N\ndasar: D\n" + pubEl,
			`berkas tarif: belum ada baris "berlaku:" (tanggal berlaku, TTTT-BB-HH)`},
		{"no items", header + "# belum ada item\n",
			`berkas tarif: belum ada item tarif (baris "item:" atau "tanpa_tarif:")`},
		{"empty file", "",
			`berkas tarif: belum ada baris "nama:" (nama singkat jadwal tarif)`},
		{"date in words", "nama: N\ndasar: D\nberlaku: 1 Maret 2024\n",
			`baris 3: tanggal berlaku harus berbentuk TTTT-BB-HH dan ada di kalender, tertulis "1 Maret 2024"`},
		{"date not in calendar", "nama: N\ndasar: D\nberlaku: 2023-02-29\n",
			`baris 3: tanggal berlaku harus berbentuk TTTT-BB-HH dan ada di kalender, tertulis "2023-02-29"`},
		{"duplicate key", header + "nama: Lagi\n",
			`baris 4: "nama" sudah ditulis di baris 1`},
		{"duplicate code", header + pubEl + "tanpa_tarif: PUB-EL | publikasi | Lagi\n",
			`baris 5: kode "PUB-EL" sudah dipakai di baris 4`},
		{"bad amount (letter O)", header + "\n\n\nitem: PUB-EL | publikasi | P | halaman | 50 | 5O.000 | 50 | 15.000\n",
			`baris 7: harga harus bilangan bulat rupiah, tertulis "5O.000"`},
		{"decimal amount", header + "item: PUB-EL | publikasi | P | halaman | 50 | 50.000 | 50 | 15,5\n",
			`baris 4: harga harus bilangan bulat rupiah, tertulis "15,5"`},
		{"trailing comment", header + "item: PUB-EL | publikasi | P | halaman | 50 | 50.000 | 50 | 15.000 # lama\n",
			`baris 4: harga harus bilangan bulat rupiah, tertulis "15.000 # lama"`},
		{"amount too large", header + "item: PUB-EL | publikasi | P | halaman | 50 | 50.000.000.000.000 | 50 | 15.000\n",
			`baris 4: harga terlalu besar (paling banyak Rp1.000.000.000), tertulis "50.000.000.000.000"`},
		{"bad quantity", header + "item: PUB-EL | publikasi | P | halaman | lima puluh | 50.000 | 50 | 15.000\n",
			`baris 4: jumlah harus bilangan bulat, tertulis "lima puluh"`},
		{"quantity too large", header + "item: DM-X | data_mikro | D | byte | 10.000.000.000.000 | 1 | 1 | 1\n",
			`baris 4: jumlah terlalu besar (paling banyak 1.000.000.000.000 byte, jumlah terbesar satu permintaan), tertulis "10.000.000.000.000"`},
		{"price over MaxUnitRp", header + "item: PETA-X | peta | P | peta | 1 | 1.000.000.001 | 0 | 0\n",
			`baris 4: harga terlalu besar (paling banyak Rp1.000.000.000), tertulis "1.000.000.001"`},
		{"block over a request's pages", header + "item: PUB-X | publikasi | P | halaman | 50 | 50.000 | 100.001 | 15.000\n",
			`baris 4: jumlah terlalu besar (paling banyak 100.000 halaman, jumlah terbesar satu permintaan), tertulis "100.001"`},
		{"zero first quantity", header + "item: PUB-EL | publikasi | P | halaman | 0 | 50.000 | 50 | 15.000\n",
			`baris 4: jumlah pertama harus lebih dari 0`},
		{"per-unit with step price", header + "item: PETA-X | peta | P | peta | 1 | 30.000 | 0 | 5\n",
			`baris 4: harga per satuan (jumlah berikutnya 0) harus berjumlah pertama 1 dan berharga berikutnya 0`},
		{"too few fields", header + "item: PUB-EL | publikasi | P | halaman | 50 | 50.000\n",
			`baris 4: "item" harus berisi 8 kolom dipisah "|" (KODE | jenis | nama | satuan | jumlah pertama | harga pertama | jumlah berikutnya | harga berikutnya), tertulis 6`},
		{"tanpa_tarif with prices", header + "tanpa_tarif: PUB-CETAK | publikasi | Cetak | halaman\n",
			`baris 4: "tanpa_tarif" harus berisi 3 kolom dipisah "|" (KODE | jenis | nama), tertulis 4`},
		{"unknown kind", header + "item: BUKU | buku | B | halaman | 50 | 50.000 | 50 | 15.000\n",
			`baris 4: jenis "buku" tidak dikenal: pilih publikasi, data_mikro atau peta`},
		{"unknown measure", header + "item: PUB-EL | publikasi | P | lembar | 50 | 50.000 | 50 | 15.000\n",
			`baris 4: satuan "lembar" tidak dikenal: pilih halaman, byte atau peta`},
		{"kind and measure disagree", header + "item: PUB-EL | publikasi | P | byte | 50 | 50.000 | 50 | 15.000\n",
			`baris 4: jenis publikasi harus bersatuan halaman, tertulis "byte"`},
		{"bad code", header + "item: pub el | publikasi | P | halaman | 50 | 50.000 | 50 | 15.000\n",
			`baris 4: kode "pub el" tidak sah: hanya huruf besar, angka dan tanda hubung, paling panjang 32`},
		{"empty product name", header + "tanpa_tarif: PUB-CETAK | publikasi |  \n",
			`baris 4: nama produk PUB-CETAK kosong`},
		{"bad nol.surat", header + pubEl + "nol.surat: mungkin\n",
			`baris 5: "nol.surat" harus ya atau tidak, tertulis "mungkin"`},
		{"duplicate category", header + pubEl + "nol.kategori: Pemerintah Daerah\nnol.kategori: pemerintah  daerah\n",
			`baris 6: "pemerintah daerah" sudah ditulis di baris 5`},
		{"Rp0 rule without categories", header + pubEl + "nol.surat: ya\nnol.dasar: D\n",
			`baris 5: aturan tarif nol rupiah tanpa baris "nol.kategori:"`},
		{"Rp0 rule without basis", header + pubEl + "nol.kategori: Pemerintah Daerah\nnol.surat: ya\n",
			`baris 5: aturan tarif nol rupiah tanpa baris "nol.dasar:"`},
		{"Rp0 rule without letter", header + pubEl + "nol.kecuali_pemanfaatan: Komersial\nnol.kategori: Pemerintah Daerah\nnol.dasar: D\n",
			`baris 5: aturan tarif nol rupiah tanpa baris "nol.surat:" (ya atau tidak)`},
		{"invalid UTF-8", header + "catatan: caf\xe9\n" + pubEl,
			`baris 4: teks bukan UTF-8 yang sah`},
		{"control character", header + "catatan: merah \x1b[31m\n" + pubEl,
			`baris 4: baris berisi karakter kendali U+001B`},
		{"line too long", long,
			`baris 5: baris terlalu panjang (lebih dari 4.096 byte)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse(strings.NewReader(tc.file))
			if err == nil {
				t.Fatalf("accepted: %+v", s)
			}
			if err.Error() != tc.want {
				t.Errorf("error\n got %s\nwant %s", err, tc.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error is %T, want *ParseError", err)
			}
		})
	}
}

func TestParseReadError(t *testing.T) {
	_, err := Parse(iotest.ErrReader(errors.New("disk rusak")))
	if err == nil || err.Error() != "berkas tarif tidak terbaca: disk rusak" {
		t.Errorf("got %v", err)
	}
}

// endless yields "catatan: x" lines forever and counts the bytes read.
type endless struct{ n int64 }

func (e *endless) Read(b []byte) (int, error) {
	const line = "catatan: x\n"
	for i := range b {
		b[i] = line[(e.n+int64(i))%int64(len(line))]
	}
	e.n += int64(len(b))
	return len(b), nil
}

// A schedule file over 1 MB is refused after reading at most 1 MB and a
// bit, naming the line where it passes the bound: a 637 MB file once took
// 96 s and 4,3 GB to install.
func TestParseFileBound(t *testing.T) {
	r := &endless{}
	_, err := Parse(io.MultiReader(strings.NewReader(header+pubEl), r))
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line < 1000 || !strings.Contains(pe.Msg, "lebih dari 1.000.000 byte (1 MB)") {
		t.Fatalf("endless file: %v, want a refusal naming its line", err)
	}
	if r.n > MaxFileBytes+64*1024 {
		t.Errorf("read %d bytes of an endless file, want about %d at most", r.n, MaxFileBytes)
	}
	// Exactly 1 MB, without a final newline, is still a schedule.
	var bb strings.Builder
	bb.WriteString(header + pubEl)
	pad := "# " + strings.Repeat("x", 100) + "\n"
	for bb.Len()+len(pad) < MaxFileBytes {
		bb.WriteString(pad)
	}
	bb.WriteString("#" + strings.Repeat("x", MaxFileBytes-bb.Len()-1))
	body := bb.String()
	if len(body) != MaxFileBytes {
		t.Fatalf("test file is %d bytes", len(body))
	}
	if _, err := Parse(strings.NewReader(body)); err != nil {
		t.Errorf("1 MB file refused: %v", err)
	}
	if _, err := Parse(strings.NewReader(body + "x")); err == nil || !strings.Contains(err.Error(), "1 MB") {
		t.Errorf("1 MB + 1 byte: %v, want the size refusal", err)
	}
}

// At most MaxItems items; the one over is refused naming its line.
func TestParseItemBound(t *testing.T) {
	var b strings.Builder
	b.WriteString(header)
	for i := range MaxItems {
		fmt.Fprintf(&b, "item: P-%d | publikasi | P | halaman | 50 | 50.000 | 50 | 15.000\n", i)
	}
	s, err := Parse(strings.NewReader(b.String()))
	if err != nil || len(s.Items) != MaxItems {
		t.Fatalf("%d items: %v", MaxItems, err)
	}
	b.WriteString("tanpa_tarif: P-X | publikasi | P\n")
	want := fmt.Sprintf("baris %d: lebih dari 1.000 item tarif; jadwal tarif yang sah jauh lebih sedikit", strings.Count(b.String(), "\n"))
	if _, err := Parse(strings.NewReader(b.String())); err == nil || err.Error() != want {
		t.Errorf("%d items: %v, want %q", MaxItems+1, err, want)
	}
}
