package export

import (
	"bytes"
	"database/sql"
	"strings"
	"testing"

	"loket/store"
)

// The workbook's sums of money (Total PNBP, tunai, bank, Nilai produk per
// code) go through tariff.Add: payments edited so that they sum past
// int64 make the export fail naming the figure, instead of writing a
// wrapped-around total.
func TestWorkbookSumsDoNotWrap(t *testing.T) {
	f := newFixture(t)
	items := []store.ItemInput{{Code: "PUB-EL", Title: "Belitung Timur Dalam Angka 2026", Pages: 120}}
	f.walk(plan{guest: student, items: items, pay: "tunai", declined: true})
	f.walk(plan{guest: official, use: "Komersial", items: items, pay: "tunai", declined: true})
	raw, err := sql.Open("sqlite", f.path+"?_pragma=busy_timeout(5000)")
	f.must(err)
	defer raw.Close()
	res, err := raw.Exec(`UPDATE payments SET amount = 9223372036854775807`)
	f.must(err)
	if n, _ := res.RowsAffected(); n != 2 {
		t.Fatalf("%d payments edited, want 2", n)
	}
	var buf bytes.Buffer
	_, err = Workbook(f.ctx, f.s, &buf, Options{From: "2026-11-26", To: "2026-11-26", MadeBy: "Rina Petugas", Now: day})
	if err == nil || !strings.Contains(err.Error(), "melampaui batas") || !strings.Contains(err.Error(), LabelPNBP) {
		t.Fatalf("export of payments summing past int64: %v", err)
	}
}
