package export

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"loket/store"
)

// A workbook made after an erasure holds none of the person's values:
// not in the guest book sheet, not in the SKM suggestions, not in the
// complaints, not in any part of the xlsx (read here XML by XML), even
// with ID numbers unmasked. (The theme part is fixed text and skipped.)
func TestWorkbookAfterErasureHoldsNoTrace(t *testing.T) {
	f := newFixture(t)
	g := store.GuestInput{Guest: store.Guest{IDType: "KTP", IDNumber: "1906014507950003", Name: "Kartika Purnamasari",
		Gender: "P", Education: "S2", Occupation: "Wiraswasta", Institution: "CV Lada Putih Manggar",
		Category: "Swasta", Email: "kartika.lada@contoh.id", Phone: "0812-9988-7766", NPWP: "01.234.567.8-901.234"},
		BirthYear: "1995", Consent: true}
	v := f.walk(plan{guest: g, items: []store.ItemInput{{Code: "PUB-EL", Title: "Belitung Timur Dalam Angka 2026", Pages: 120}},
		pay: "tunai", scores: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4},
		saran: "Terima kasih dari Kartika Purnamasari, hubungi 0812 9988 7766 atau kartika.lada@contoh.id"})
	c, err := f.s.AddComplaint(f.ctx, f.off, "Langsung", "Kartika menunggu lama; NIK 1906014507950003", v.ID)
	f.must(err)
	f.must(f.s.FollowUpComplaint(f.ctx, f.off, c, "Diproses", "Ditelepon ke +62 812 9988 7766"))
	traces := []string{"Kartika", "Purnamasari", "1906014507950003", "kartika.lada", "9988", "01.234.567", "012345678901234", "Lada Putih"}

	workbookText := func() string {
		var buf bytes.Buffer
		if _, err := Workbook(f.ctx, f.s, &buf, Options{From: "2026-11-26", To: "2026-11-26", Unmask: true, MadeBy: "Rina Petugas", Now: day}); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		f.must(err)
		var all strings.Builder
		for _, zf := range zr.File {
			if strings.HasPrefix(zf.Name, "xl/theme/") {
				continue // Office's fixed theme names a font "Kartika"
			}
			r, err := zf.Open()
			f.must(err)
			b, err := io.ReadAll(r)
			r.Close()
			f.must(err)
			all.Write(b)
		}
		return strings.ToLower(all.String())
	}
	if before := workbookText(); !strings.Contains(before, "purnamasari") || !strings.Contains(before, "9988") {
		t.Fatal("the workbook shows nothing of her even before the erasure: the test proves nothing")
	}
	f.must(f.s.EraseVisitor(f.ctx, f.off, v.VisitorID))
	after := workbookText()
	for _, n := range traces {
		if i := strings.Index(after, strings.ToLower(n)); i >= 0 {
			t.Errorf("workbook after erasure holds %q: …%s…", n, after[max(0, i-60):min(len(after), i+60)])
		}
	}
}
