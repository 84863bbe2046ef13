package export

import (
	"fmt"
	"io"
	"strings"

	"loket/store"
	"loket/store/valid"
)

// SPPDNotice heads the SPPD data sheet: it is an attachment to the office's
// official agreement, never the agreement itself.
const SPPDNotice = "Lembar ini adalah LAMPIRAN data untuk formulir Surat Perjanjian Penggunaan Data (SPPD) resmi " +
	"dan BUKAN pengganti SPPD. SPPD ditandatangani pengguna data di atas meterai Rp10.000 pada formulir resmi kantor."

// SPPD writes the pre-filled data sheet to attach to the office's official
// SPPD form for a visit with microdata or maps: the user's identity (ID
// number masked unless d.Unmask), the data requested with its variables,
// the purpose and intended use, the variables named in the abstraksi with
// the result of the check, and the cost.
func SPPD(w io.Writer, d Document) error {
	v := d.Visit
	if !v.NeedsAgreement() {
		return fmt.Errorf("%w: kunjungan %s tanpa data mikro atau peta, tidak ada SPPD", ErrNoDocument, v.Queue())
	}
	p, err := newPage(SheetSPPD)
	if err != nil {
		return err
	}
	p.letterhead(d.Office, "LAMPIRAN SURAT PERJANJIAN PENGGUNAAN DATA (SPPD)")
	p.row++
	p.set("A", SPPDNotice, p.st.warn)
	for _, c := range []string{"B", "C", "D", "E", "F"} {
		p.set(c, "", p.st.warn)
	}
	p.merge("A", lastDocCol)
	p.height(3)
	p.blank()
	p.reference(v)

	g := v.Guest
	id := g.IDNumber
	if !d.Unmask {
		id = valid.MaskID(id)
	}
	p.blank()
	p.line("A. Identitas pengguna data", p.st.label, 1)
	p.field("Nama", g.Name, 0)
	if g.IDType != "" {
		p.field("Identitas", g.IDType+" "+id, 0)
	}
	p.field("Instansi", g.Institution, 0)
	p.field("Kategori instansi", g.Category, 0)
	p.field("Pekerjaan", g.Occupation, 0)
	p.field("Email", g.Email, 0)
	p.field("No. HP", g.Phone, 0)

	p.blank()
	p.line("B. Data yang diminta", p.st.label, 1)
	p.row++
	for i, h := range []string{"No", "Data", "Kode Tarif", "Ukuran / jumlah", "Variabel dan format", "Media"} {
		p.set(string(rune('A'+i)), h, p.st.thead)
	}
	n := 0
	for _, it := range v.Items {
		if !it.Counts() || (it.Kind != store.ItemMicrodata && it.Kind != store.ItemMap) {
			continue
		}
		n++
		p.row++
		title := it.Title
		if it.Year > 0 && !strings.Contains(title, itoa(it.Year)) {
			title += " (" + itoa(it.Year) + ")"
		}
		vars := it.Variables
		if vars == "" && it.Kind == store.ItemMicrodata {
			vars = "seluruh variabel"
		}
		if it.Format != "" {
			vars = strings.TrimPrefix(vars+"\nFormat: "+it.Format, "\n")
		}
		p.set("A", n, p.st.tcell)
		p.set("B", title, p.st.tcell)
		p.set("C", it.Code, p.st.tcell)
		p.set("D", quantityText(it), p.st.tcell)
		p.set("E", vars, p.st.tcell)
		p.set("F", it.Media, p.st.tcell)
		p.height(max(textLines(vars, 38), textLines(title, 30)))
	}

	p.blank()
	p.line("C. Tujuan penggunaan data", p.st.label, 1)
	p.field("Maksud dan tujuan", v.Purpose, 0)
	p.field("Pemanfaatan", v.Use, 0)

	p.blank()
	p.line("D. Abstraksi penggunaan data", p.st.label, 1)
	check := "belum diperiksa"
	vars := ""
	if a := v.Document(store.DocAbstraksi); a != nil {
		vars = a.Variables
		if a.Matches != nil {
			check = "sesuai dengan variabel yang diminta"
			if !*a.Matches {
				check = "tidak sesuai"
			}
			if a.Note != "" {
				check += "; " + a.Note
			}
		}
	}
	if vars == "" {
		vars = "(tidak disebutkan)"
	}
	p.field("Variabel dalam abstraksi", vars, 0)
	p.field("Hasil pemeriksaan petugas", check, 0)

	p.blank()
	p.line("E. Biaya", p.st.label, 1)
	p.field("Jumlah", v.Total, p.st.money)
	p.field("Terbilang", capitalize(Terbilang(v.Total)), p.st.italic)
	if inv := v.ActiveInvoice(store.KindInvoice); inv != nil {
		p.field(store.KindInvoice.Label(), inv.Number, 0)
	}
	if v.ZeroApplied() {
		p.field("Keterangan", "Tarif nol rupiah diterapkan (surat permohonan diterima).", 0)
	}

	p.blank()
	p.line("F. Ketentuan pokok SPPD", p.st.label, 1)
	p.line("1. Pengguna data tidak memberikan data kepada pihak ketiga dalam bentuk apa pun.", p.st.text, 1)
	p.line("2. Pengguna data wajib mencantumkan BPS sebagai sumber data pada setiap hasil yang menggunakannya.", p.st.text, 1)
	p.line("Isi perjanjian yang mengikat adalah yang tertulis pada formulir SPPD resmi.", p.st.sub, 1)
	p.blank()
	p.field("Disiapkan oleh", nameOrBlank(d.Officer)+", petugas PST, "+longDate(d.Now), 0)
	p.printNote(nil, d)
	return p.finish(w)
}
