package export

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"loket/store"
)

// page read back: every non-empty cell by reference, and the sheet's
// print settings.
type readPage struct {
	f     *excelize.File
	sheet string
	cells map[string]string // ref → raw value
	text  string            // all values, one per line
}

func readDoc(t *testing.T, b []byte) *readPage {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	sheets := f.GetSheetList()
	if len(sheets) != 1 {
		t.Fatalf("sheets %v, want one page", sheets)
	}
	p := &readPage{f: f, sheet: sheets[0], cells: map[string]string{}}
	rows, err := f.GetRows(p.sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for r, row := range rows {
		for c, v := range row {
			if v == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			p.cells[ref] = v
			all = append(all, v)
		}
	}
	p.text = strings.Join(all, "\n")
	return p
}

// valueRightOf returns the cell in column C of the row whose column A
// holds label (the "label: value" rows).
func (p *readPage) valueRightOf(t *testing.T, label string) (string, string) {
	t.Helper()
	for ref, v := range p.cells {
		if v == label && strings.HasPrefix(ref, "A") {
			c := "C" + ref[1:]
			return p.cells[c], c
		}
	}
	t.Fatalf("no row %q in\n%s", label, p.text)
	return "", ""
}

func (p *readPage) checkPrint(t *testing.T) {
	t.Helper()
	layout, err := p.f.GetPageLayout(p.sheet)
	if err != nil {
		t.Fatal(err)
	}
	if *layout.Size != 9 || *layout.Orientation != "portrait" || *layout.FitToWidth != 1 || *layout.FitToHeight != 1 {
		t.Errorf("page layout %+v", layout)
	}
	names := p.f.GetDefinedName()
	found := false
	for _, n := range names {
		if n.Name == "_xlnm.Print_Area" && n.Scope == p.sheet && strings.HasPrefix(n.RefersTo, "'"+p.sheet+"'!$A$1:$F$") {
			found = true
		}
	}
	if !found {
		t.Errorf("no print area in %+v", names)
	}
}

func (f *fixture) doc(v *store.Visit) Document {
	o, err := f.s.Office(f.ctx)
	f.must(err)
	return Document{Office: o, Visit: v, Officer: "Rina Petugas", Now: madeAt}
}

var (
	pubEL = []store.ItemInput{{Code: "PUB-EL", Title: "Belitung Timur Dalam Angka 2026", Pages: 120}}
	dm    = []store.ItemInput{{Code: "DM-MENTAH", Title: "Susenas Maret 2025", Bytes: 5_000_000, Format: "CSV", Variables: "r101, r102"}}
)

func TestInvoiceAndReceipt(t *testing.T) {
	f := newFixture(t)
	v := f.walk(plan{guest: student, use: "Tugas sekolah/kuliah", pay: "tunai", scores: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}, items: pubEL})
	var buf bytes.Buffer
	if err := Invoice(&buf, f.doc(v)); err != nil {
		t.Fatal(err)
	}
	p := readDoc(t, buf.Bytes())
	p.checkPrint(t)
	if p.sheet != SheetInvoice || !strings.Contains(p.text, "INVOICE") || !strings.Contains(p.text, store.DefaultOffice.Name) {
		t.Errorf("invoice:\n%s", p.text)
	}
	if n, _ := p.valueRightOf(t, "Nomor"); n != v.ActiveInvoice(store.KindInvoice).Number {
		t.Errorf("Nomor %q", n)
	}
	if w, _ := p.valueRightOf(t, "Terbilang"); w != "Delapan puluh ribu rupiah" {
		t.Errorf("Terbilang %q", w)
	}
	if !strings.Contains(p.text, "50 halaman pertama: Rp50.000") || !strings.Contains(p.text, "Peraturan Pemerintah Nomor 13 Tahun 2024") {
		t.Errorf("no tariff basis:\n%s", p.text)
	}
	if !strings.Contains(p.text, "Lunas, tunai") {
		t.Errorf("paid invoice without its status:\n%s", p.text)
	}
	total := ""
	for ref, val := range p.cells {
		if val == "Jumlah" && strings.HasPrefix(ref, "A") {
			total = "F" + ref[1:]
		}
	}
	if typ, _ := p.f.GetCellType(p.sheet, total); p.cells[total] != "80000" || typ != excelize.CellTypeUnset {
		t.Errorf("total %s = %q (type %v), want the number 80000", total, p.cells[total], typ)
	}

	buf.Reset()
	if err := Receipt(&buf, f.doc(v)); err != nil {
		t.Fatal(err)
	}
	r := readDoc(t, buf.Bytes())
	r.checkPrint(t)
	if n, _ := r.valueRightOf(t, "Nomor"); !strings.HasPrefix(n, "KW/1906/A/2026/11/") {
		t.Errorf("kuitansi number %q", n)
	}
	if who, _ := r.valueRightOf(t, "Telah terima dari"); who != "Siti Aminah" {
		t.Errorf("payer %q", who)
	}
	if m, _ := r.valueRightOf(t, "Metode"); m != store.MethodCash.Label() {
		t.Errorf("Metode %q", m)
	}
}

func TestInvoiceWithBillingCode(t *testing.T) {
	f := newFixture(t)
	v := f.walk(plan{guest: student, items: dm, stopAt: store.StepPayment})
	f.must(f.s.IssueBillingCode(f.ctx, f.off, v.ID, "Universitas Bangka Belitung", "820261126000009"))
	v = f.visit(v.ID)
	var buf bytes.Buffer
	if err := Invoice(&buf, f.doc(v)); err != nil {
		t.Fatal(err)
	}
	p := readDoc(t, buf.Bytes())
	if c, _ := p.valueRightOf(t, "Kode billing"); c != "820261126000009" {
		t.Errorf("kode billing %q", c)
	}
	if e, _ := p.valueRightOf(t, "Berlaku sampai"); e != "3 Desember 2026 pukul "+v.ActiveBilling().ExpiresAt.In(madeAt.Location()).Format("15.04")+" WIB" {
		t.Errorf("expiry %q", e)
	}
	if who, _ := p.valueRightOf(t, "Kepada"); who != "Universitas Bangka Belitung" {
		t.Errorf("payer %q", who)
	}
	if err := Receipt(&buf, f.doc(v)); !errors.Is(err, ErrNoDocument) {
		t.Errorf("kuitansi before payment: %v", err)
	}
}

func TestSPPDSheet(t *testing.T) {
	f := newFixture(t)
	v := f.walk(plan{guest: student, items: dm, pay: "bank", billing: "820261126000010", scores: [9]int{3, 3, 3, 3, 3, 3, 3, 3, 3}})
	var buf bytes.Buffer
	if err := SPPD(&buf, f.doc(v)); err != nil {
		t.Fatal(err)
	}
	p := readDoc(t, buf.Bytes())
	p.checkPrint(t)
	for _, want := range []string{SPPDNotice, "Susenas Maret 2025", "r101, r102\nFormat: CSV", "r101, r102, r105", "Penelitian",
		"KTP 1906**********01", "tidak memberikan data kepada pihak ketiga", "mencantumkan BPS sebagai sumber data"} {
		if !strings.Contains(p.text, want) {
			t.Errorf("SPPD sheet lacks %q:\n%s", want, p.text)
		}
	}
	d := f.doc(v)
	d.Unmask = true
	buf.Reset()
	if err := SPPD(&buf, d); err != nil {
		t.Fatal(err)
	}
	if p := readDoc(t, buf.Bytes()); !strings.Contains(p.text, "KTP 1906015203990001") {
		t.Errorf("unmasked SPPD:\n%s", p.text)
	}

	zero := f.walk(plan{guest: official, use: "Pemerintahan", letter: true, declined: true, items: pubEL})
	if err := SPPD(&buf, f.doc(zero)); !errors.Is(err, ErrNoDocument) {
		t.Errorf("SPPD without microdata: %v", err)
	}
	if err := Invoice(&buf, f.doc(zero)); !errors.Is(err, ErrNoDocument) {
		t.Errorf("invoice at Rp0: %v", err)
	}
}
