package export

import (
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// contract is DOMAIN.md's table "The workbook's columns", copied here by
// hand so that a change in the code cannot silently change the test.
var contract = map[string][]string{
	"Ringkasan": {"Uraian", "Nilai"},
	"Kunjungan": {"ID Kunjungan", "No. Antrian", "Tanggal", "Jam Datang", "Jam Selesai", "Durasi (menit)", "Status",
		"Langkah Terakhir", "Nama", "Jenis Identitas", "No. Identitas", "Jenis Kelamin", "Pendidikan", "Pekerjaan",
		"Instansi", "Kategori Instansi", "Email", "No. HP", "Pemanfaatan", "Petugas", "Jumlah Koreksi"},
	"Produk": {"ID Kunjungan", "Jenis Produk", "Kode Tarif", "Judul", "Jumlah Halaman", "Ukuran (byte)", "Jumlah Peta",
		"Tarif Nol Rupiah", "Nilai (Rp)"},
	"PNBP": {"ID Kunjungan", "No. Invoice", "No. Kuitansi", "Nama Wajib Bayar", "Metode", "Kode Billing", "NTPN", "NTB",
		"Waktu Bayar", "Jumlah (Rp)"},
	"SKM":       {"ID Kunjungan", "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "Saran"},
	"Pengaduan": {"Tanggal", "Saluran", "Isi", "Status", "Tindak Lanjut"},
}

var sheetOrder = []string{"Ringkasan", "Kunjungan", "Produk", "PNBP", "SKM", "Pengaduan"}

// cellVal is a cell read back: its raw value and how the file stores it.
type cellVal struct {
	raw     string
	typ     excelize.CellType
	formula string
	format  string // number format code
}

// num reads the cell as a number, failing the test if it is not one.
func (c cellVal) num(t *testing.T) float64 {
	t.Helper()
	if c.typ != excelize.CellTypeUnset && c.typ != excelize.CellTypeNumber {
		t.Fatalf("cell %q is type %v, not a number", c.raw, c.typ)
	}
	x, err := strconv.ParseFloat(c.raw, 64)
	if err != nil {
		t.Fatalf("cell %q is not a number: %v", c.raw, err)
	}
	return x
}

func (c cellVal) int(t *testing.T) int64 {
	t.Helper()
	x := c.num(t)
	if x != math.Trunc(x) {
		t.Fatalf("cell %v is not whole", x)
	}
	return int64(x)
}

func (c cellVal) time(t *testing.T) time.Time {
	t.Helper()
	tm, err := excelize.ExcelDateToTime(c.num(t), false)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// book is a workbook read back: per sheet, the header and the rows keyed by
// header.
type readBook struct {
	order   []string
	headers map[string][]string
	rows    map[string][]map[string]cellVal
}

func readWorkbook(t *testing.T, path string) *readBook {
	t.Helper()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := &readBook{order: f.GetSheetList(), headers: map[string][]string{}, rows: map[string][]map[string]cellVal{}}
	for _, name := range b.order {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			t.Fatalf("%s: no header row", name)
		}
		b.headers[name] = rows[0]
		for r := 1; r < len(rows); r++ {
			m := map[string]cellVal{}
			for c, h := range rows[0] {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				typ, err := f.GetCellType(name, ref)
				if err != nil {
					t.Fatal(err)
				}
				formula, err := f.GetCellFormula(name, ref)
				if err != nil {
					t.Fatal(err)
				}
				style, err := f.GetCellStyle(name, ref)
				if err != nil {
					t.Fatal(err)
				}
				var format string
				if s, err := f.GetStyle(style); err == nil && s.CustomNumFmt != nil {
					format = *s.CustomNumFmt
				}
				v := ""
				if c < len(rows[r]) {
					v = rows[r][c]
				}
				m[h] = cellVal{raw: v, typ: typ, formula: formula, format: format}
			}
			b.rows[name] = append(b.rows[name], m)
		}
	}
	return b
}

// summary returns Ringkasan as label → value.
func (b *readBook) summary() map[string]cellVal {
	out := map[string]cellVal{}
	for _, r := range b.rows["Ringkasan"] {
		out[r["Uraian"].raw] = r["Nilai"]
	}
	return out
}
