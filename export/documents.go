package export

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"loket/store"
	"loket/tariff"
)

// Document is what a printed counter document needs: the office for the
// letterhead, the visit with its lines, documents and payment, and who
// prints it when.
type Document struct {
	Office  store.Office
	Visit   *store.Visit
	Officer string    // the officer printing, named under the signature
	Now     time.Time // when printed
	Unmask  bool      // SPPD: the ID number in full instead of masked
}

// ErrNoDocument is returned when the visit has no document of the kind
// asked for (no invoice at Rp0, no kuitansi before payment, no SPPD without
// microdata or maps).
var ErrNoDocument = errors.New("dokumen tidak ada")

// Document sheets: one printable page each.
const (
	SheetInvoice = "Invoice"
	SheetReceipt = "Kuitansi"
	SheetSPPD    = "Lampiran SPPD"
)

// docCols are the six columns of a document page and their widths.
var docCols = []float64{5, 30, 14, 17, 38, 17}

const lastDocCol = "F"

// docStyles are the cell styles of a document.
type docStyles struct {
	office, title, sub, label, text, italic, small, warn, thead, tcell, tmoney, total, totalMoney, money int
}

func newDocStyles(f *excelize.File) (*docStyles, error) {
	var err error
	mk := func(s excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(&s)
		return id
	}
	rp := fmtRupiah
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	st := &docStyles{
		office:     mk(excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}),
		title:      mk(excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center"}}),
		sub:        mk(excelize.Style{Font: &excelize.Font{Size: 9}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		label:      mk(excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top}),
		text:       mk(excelize.Style{Alignment: top}),
		italic:     mk(excelize.Style{Font: &excelize.Font{Italic: true}, Alignment: top}),
		small:      mk(excelize.Style{Font: &excelize.Font{Size: 8, Italic: true, Color: "606060"}, Alignment: top}),
		warn:       mk(excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}}),
		thead:      mk(excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}}),
		tcell:      mk(excelize.Style{Alignment: top, Border: border}),
		tmoney:     mk(excelize.Style{Alignment: top, Border: border, CustomNumFmt: &rp}),
		total:      mk(excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}, Border: border}),
		totalMoney: mk(excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, CustomNumFmt: &rp}),
		money:      mk(excelize.Style{Alignment: top, CustomNumFmt: &rp}),
	}
	return st, err
}

// page writes one document page top to bottom. The first error sticks.
type page struct {
	f    *excelize.File
	st   *docStyles
	name string
	row  int
	err  error
}

func newPage(name string) (*page, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", name); err != nil {
		f.Close()
		return nil, err
	}
	st, err := newDocStyles(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	for i, w := range docCols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, w); err != nil {
			f.Close()
			return nil, err
		}
	}
	if err := printSetup(f, name, false, false); err != nil {
		f.Close()
		return nil, err
	}
	return &page{f: f, st: st, name: name}, nil
}

func (p *page) ref(col string) string { return fmt.Sprintf("%s%d", col, p.row) }

// set writes a value into a column of the current row; strings are cleaned
// like every text cell.
func (p *page) set(col string, v any, style int) {
	if p.err != nil {
		return
	}
	if s, ok := v.(string); ok {
		v = cellText(s)
	}
	if t, ok := v.(time.Time); ok {
		v = wall(t)
	}
	if p.err = p.f.SetCellValue(p.name, p.ref(col), v); p.err == nil && style != 0 {
		p.err = p.f.SetCellStyle(p.name, p.ref(col), p.ref(col), style)
	}
}

// line starts a new row holding text across the whole width; lines is the
// number of text lines it needs, for its height.
func (p *page) line(text string, style int, lines int) {
	p.row++
	p.set("A", text, style)
	p.merge("A", lastDocCol)
	p.height(lines)
}

// field starts a row "label: value" with the value across C–F.
func (p *page) field(label string, value any, style int) {
	p.row++
	p.set("A", label, p.st.label)
	p.merge("A", "B")
	if style == 0 {
		style = p.st.text
	}
	p.set("C", value, style)
	p.merge("C", lastDocCol)
	if s, ok := value.(string); ok {
		p.height(textLines(s, 80))
	}
}

func (p *page) merge(from, to string) {
	if p.err == nil {
		p.err = p.f.MergeCell(p.name, p.ref(from), p.ref(to))
	}
}

func (p *page) height(lines int) {
	if p.err == nil && lines > 1 {
		p.err = p.f.SetRowHeight(p.name, p.row, float64(15*lines))
	}
}

func (p *page) blank() { p.row++ }

// textLines estimates the lines a text needs in a cell about width
// characters wide, for the row height (a file cannot ask the reader to fit
// it).
func textLines(s string, width int) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		n += 1 + len([]rune(l))/width
	}
	return max(n, 1)
}

// letterhead writes the office's name and contacts and the document's
// title.
func (p *page) letterhead(o store.Office, title string) {
	p.line(o.Name, p.st.office, 1)
	p.line(o.Unit, p.st.label, 1)
	contact := o.Address
	for _, s := range []string{o.Phone, o.Website, o.ComplaintEmail} {
		if s != "" {
			contact += " · " + s
		}
	}
	p.line(contact, p.st.sub, 2)
	p.blank()
	p.line(title, p.st.title, 2)
	p.blank()
}

// lineTable writes the product lines still in the quote with their tariff
// basis and the total in figures and in words.
func (p *page) lineTable(v *store.Visit, total int64) {
	p.row++
	for i, h := range []string{"No", "Produk", "Kode Tarif", "Jumlah", "Dasar tarif dan rincian", "Nilai (Rp)"} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		p.set(col, h, p.st.thead)
	}
	n := 0
	for _, it := range v.Items {
		if !it.Counts() {
			continue
		}
		n++
		p.row++
		detail := strings.Join(it.Quote, "\n")
		if it.Basis != "" {
			detail += "\nDasar: " + it.Basis
		}
		if it.Zero {
			detail += "\nTarif nol rupiah diterapkan."
		}
		title := it.Title
		if it.Year > 0 && !strings.Contains(title, itoa(it.Year)) {
			title += " (" + itoa(it.Year) + ")"
		}
		p.set("A", n, p.st.tcell)
		p.set("B", title, p.st.tcell)
		p.set("C", it.Code, p.st.tcell)
		p.set("D", quantityText(it), p.st.tcell)
		p.set("E", detail, p.st.tcell)
		p.set("F", it.Amount, p.st.tmoney)
		p.height(max(textLines(detail, 38), textLines(title, 30)))
	}
	p.row++
	p.set("A", "Jumlah", p.st.total)
	for _, c := range []string{"B", "C", "D", "E"} {
		p.set(c, "", p.st.total)
	}
	p.merge("A", "E")
	p.set("F", total, p.st.totalMoney)
	p.field("Terbilang", capitalize(Terbilang(total)), p.st.italic)
}

// quantityText writes a line's quantity with its unit: "120 halaman",
// "5.000.000 byte", "3 peta".
func quantityText(it store.Item) string {
	switch {
	case it.Pages > 0:
		return groupDigits(it.Pages) + " halaman"
	case it.Bytes > 0:
		return groupDigits(it.Bytes) + " byte"
	case it.Maps > 0:
		return groupDigits(it.Maps) + " peta"
	}
	return ""
}

func groupDigits(n int64) string { return strings.TrimPrefix(tariff.Rupiah(n), "Rp") }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// signature writes a signature block on the right: place for the date, the
// role, room to sign and the name.
func (p *page) signature(left, right, leftName, rightName string, when time.Time) {
	p.blank()
	p.row++
	p.set("E", longDate(when), p.st.text)
	p.row++
	if left != "" {
		p.set("B", left, p.st.text)
	}
	p.set("E", right, p.st.text)
	p.row += 3
	p.row++
	if left != "" {
		p.set("B", nameOrBlank(leftName), p.st.label)
	}
	p.set("E", nameOrBlank(rightName), p.st.label)
}

func nameOrBlank(s string) string {
	if s == "" {
		return "(................................................)"
	}
	return "(" + s + ")"
}

// finish sets the print area over what was written and writes the file.
func (p *page) finish(w io.Writer) error {
	defer p.f.Close()
	if p.err != nil {
		return p.err
	}
	area := fmt.Sprintf("'%s'!$A$1:$%s$%d", p.name, lastDocCol, p.row)
	if err := p.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: area, Scope: p.name}); err != nil {
		return err
	}
	return p.f.Write(w)
}

// reference writes the numbers that identify the visit on every document.
func (p *page) reference(v *store.Visit) {
	p.field("No. Antrian", v.Queue()+" ("+longDate(v.ArrivedAt)+")", 0)
	p.field("ID Kunjungan", v.ID, 0)
}

// printNote tells which print this is, so a reprint is recognisable.
func (p *page) printNote(in *store.Invoice, d Document) {
	p.blank()
	note := "Dicetak " + longDateTime(d.Now) + " oleh loket PST"
	if in != nil && in.Printed > 0 {
		note += "; cetakan ke-" + itoa(in.Printed+1) + " (cetak ulang, nomor tetap)"
	}
	p.line(note, p.st.small, 1)
}

// Invoice writes the visit's invoice in force (step 9) as a one-page A4
// portrait workbook: letterhead, number and date, the payer, the lines
// with their tariff basis, the total in figures and words, and how to pay —
// with the kode billing and its expiry when one is active.
func Invoice(w io.Writer, d Document) error {
	v := d.Visit
	in := v.ActiveInvoice(store.KindInvoice)
	if in == nil {
		return fmt.Errorf("%w: kunjungan %s tidak mempunyai invoice (total Rp0 atau belum sampai langkah 9)", ErrNoDocument, v.Queue())
	}
	p, err := newPage(SheetInvoice)
	if err != nil {
		return err
	}
	p.letterhead(d.Office, "INVOICE")
	p.field("Nomor", in.Number, p.st.label)
	p.field("Tanggal", longDate(in.IssuedAt), 0)
	p.reference(v)
	p.blank()
	payer := v.Guest.Name
	switch b := v.ActiveBilling(); {
	case v.Payment != nil:
		payer = v.Payment.Payer
	case b != nil:
		payer = b.Payer
	}
	p.field("Kepada", payer, 0)
	if v.Guest.Institution != "" && v.Guest.Institution != payer {
		p.field("Instansi", v.Guest.Institution, 0)
	}
	p.blank()
	p.lineTable(v, in.Amount)
	p.blank()
	p.field("Jadwal tarif", v.ScheduleName, 0)
	p.line("Tarif belum termasuk ongkos kirim dan biaya bank. Pembayaran penuh sesuai invoice; tidak ada pembayaran sebagian.", p.st.sub, 1)
	p.blank()
	if pay := v.Payment; pay != nil {
		status := "Lunas, " + strings.ToLower(pay.Method.Label()) + ", " + longDateTime(pay.PaidAt)
		if kw := v.ActiveInvoice(store.KindReceipt); kw != nil {
			status += "; kuitansi " + kw.Number
		}
		p.field("Status", status, 0)
	} else if b := v.ActiveBilling(); b != nil {
		p.field("Cara bayar", "Melalui bank/pos persepsi dengan kode billing SIMPONI di bawah ini; simpan bukti bayar yang memuat NTPN.", 0)
		p.field("Kode billing", b.Code, p.st.label)
		p.field("Berlaku sampai", longDateTime(b.ExpiresAt), 0)
	} else {
		p.field("Cara bayar", "Tunai di loket PST kepada bendahara penerimaan, atau melalui bank dengan kode billing SIMPONI (berlaku 7 hari).", 0)
	}
	p.signature("", "Petugas PST,", "", d.Officer, d.Now)
	p.printNote(in, d)
	return p.finish(w)
}

// Receipt writes the visit's kuitansi in force (step 11): received from
// whom, how much in figures and words, for which lines, and the payment's
// references (method, kode billing, NTPN, NTB, time).
func Receipt(w io.Writer, d Document) error {
	v := d.Visit
	in := v.ActiveInvoice(store.KindReceipt)
	if in == nil || v.Payment == nil {
		return fmt.Errorf("%w: kunjungan %s belum membayar, belum ada kuitansi", ErrNoDocument, v.Queue())
	}
	pay := v.Payment
	p, err := newPage(SheetReceipt)
	if err != nil {
		return err
	}
	p.letterhead(d.Office, "KUITANSI")
	p.field("Nomor", in.Number, p.st.label)
	p.field("Tanggal", longDate(in.IssuedAt), 0)
	if inv := v.ActiveInvoice(store.KindInvoice); inv != nil {
		p.field("Untuk invoice", inv.Number, 0)
	}
	p.reference(v)
	p.blank()
	payer := pay.Payer
	if in.Payer != "" {
		payer = in.Payer // the name printed on this kuitansi (schema 2)
	}
	p.field("Telah terima dari", payer, 0)
	p.field("Uang sejumlah", pay.Amount, p.st.money)
	p.field("Terbilang", capitalize(Terbilang(pay.Amount)), p.st.italic)
	p.field("Untuk pembayaran", "PNBP penjualan produk statistik, dengan rincian:", 0)
	p.blank()
	p.lineTable(v, pay.Amount)
	p.blank()
	p.field("Metode", pay.Method, 0)
	if pay.Method == store.MethodBank {
		p.field("Kode billing", pay.Billing, 0)
		p.field("NTPN", pay.NTPN, 0)
		p.field("NTB", pay.NTB, 0)
	}
	p.field("Waktu bayar", longDateTime(pay.PaidAt), 0)
	p.field("Jadwal tarif", v.ScheduleName, 0)
	p.signature("Wajib bayar,", "Bendahara Penerimaan / Petugas PST,", payer, d.Officer, d.Now)
	p.printNote(in, d)
	return p.finish(w)
}
