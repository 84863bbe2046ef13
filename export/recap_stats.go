package export

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"loket/store"
	"loket/store/valid"
)

var recapVisitorColumns = []column{{"Kelompok", kLong}, {"Jumlah", kCount}, {"Persentase (%)", kDecimal}}

// pct is n as a share of of in percent, two decimals; none when of is 0.
func pct(n, of int) any {
	if of == 0 {
		return nil
	}
	return round2(100 * float64(n) / float64(of))
}

// visitors writes Statistik Pengunjung: the visits of the period by
// kategori instansi (first: the chart reads it), pemanfaatan, pendidikan,
// pekerjaan, jenis kelamin and product kind, then new and returning
// visitors.
func (rc *recap) visitors() error {
	r, st := rc.b.r, rc.b.st
	sh, err := rc.b.newSheet(SheetRecapVisits, recapVisitorColumns)
	if err != nil {
		return err
	}
	total := rc.b.t.visits
	head := func(title string) error {
		return sh.addCells(excelize.Cell{StyleID: st.bold, Value: title})
	}
	for i, g := range []struct {
		field, title string
		order        []string
	}{
		{"kategori", "Kunjungan menurut kategori instansi", valid.InstCategories},
		{"pemanfaatan", "Kunjungan menurut pemanfaatan data", valid.Uses},
		{"pendidikan", "Kunjungan menurut pendidikan", valid.Educations},
		{"pekerjaan", "Kunjungan menurut pekerjaan", valid.Occupations},
		{"kelamin", "Kunjungan menurut jenis kelamin", store.Strings(store.Genders)},
	} {
		counts, err := r.VisitsBy(g.field)
		if err != nil {
			return err
		}
		if i > 0 {
			if err := sh.addCells(); err != nil {
				return err
			}
		}
		if err := head(g.title); err != nil {
			return err
		}
		if i == 0 {
			rc.catRow[0] = sh.row + 1
			if len(counts) == 0 { // the chart keeps a range to read
				if err := sh.add("(tidak ada kunjungan)", 0, nil); err != nil {
					return err
				}
			}
		}
		for _, c := range ordered(counts, g.order) {
			if err := sh.add(blankName(c.Key), c.N, pct(c.N, total)); err != nil {
				return err
			}
		}
		if i == 0 {
			rc.catRow[1] = sh.row
		}
	}
	kinds, err := r.VisitsByKind()
	if err != nil {
		return err
	}
	if err := sh.addCells(); err != nil {
		return err
	}
	if err := head("Kunjungan menurut jenis produk yang diminta (satu kunjungan dapat meminta beberapa jenis)"); err != nil {
		return err
	}
	for _, c := range kinds {
		name := store.ItemKindLabel(store.ItemKind(c.Key))
		if err := sh.add(name, c.N, pct(c.N, total)); err != nil {
			return err
		}
	}
	all, back, err := r.Visitors()
	if err != nil {
		return err
	}
	if err := sh.addCells(); err != nil {
		return err
	}
	if err := head("Pengunjung (orang) baru dan kembali"); err != nil {
		return err
	}
	for _, x := range []struct {
		label string
		n     int
	}{{"Pengunjung baru (kunjungan pertama pada periode ini)", all - back},
		{"Pengunjung kembali (pernah berkunjung sebelum periode ini)", back},
		{"Jumlah pengunjung (orang)", all}} {
		if err := sh.add(x.label, x.n, pct(x.n, all)); err != nil {
			return err
		}
	}
	return sh.close()
}

var recapComplaintColumns = []column{
	{"Saluran", kText}, {"Status", kCode}, {"Jumlah", kCount}, {"Diterima", kDateTime}, {"Selesai", kDateTime},
	{"Hari sampai Selesai", kCount}, {"ID Pengaduan", kID},
}

// complaints writes Pengaduan: the complaints of the period by channel
// and status, then each one with the days from receipt to Selesai (WIB
// calendar days), and their average.
func (rc *recap) complaints() error {
	r, st := rc.b.r, rc.b.st
	groups, err := r.ComplaintsByChannel()
	if err != nil {
		return err
	}
	sh, err := rc.b.newSheet(SheetRecapCompl, recapComplaintColumns)
	if err != nil {
		return err
	}
	n := 0
	for _, g := range groups {
		ch, status, _ := strings.Cut(g.Key, "\x1f")
		if err := sh.add(ch, status, g.N, nil, nil, nil, nil); err != nil {
			return err
		}
		n += g.N
	}
	if err := sh.addCells(excelize.Cell{StyleID: st.bold, Value: LabelTotal}, nil, st.cell(kCount, n)); err != nil {
		return err
	}
	if err := sh.addCells(); err != nil {
		return err
	}
	if err := sh.addCells(excelize.Cell{StyleID: st.bold, Value: "Lama penyelesaian setiap pengaduan"}); err != nil {
		return err
	}
	done, days := 0, 0
	err = r.Resolutions(func(x store.Resolution) error {
		var d any
		if !x.Resolved.IsZero() {
			k := int(store.DayStart(x.Resolved).Sub(store.DayStart(x.ReceivedAt)).Hours()/24 + 0.5)
			d, done, days = k, done+1, days+k
		}
		return sh.add(x.Channel, x.Status, 1, x.ReceivedAt, x.Resolved, d, x.ID)
	})
	if err != nil {
		return err
	}
	var avg any
	if done > 0 {
		avg = round2(float64(days) / float64(done))
	}
	if err := sh.addCells(st.cell(kText, "Rata-rata hari sampai Selesai"), nil, st.cell(kCount, done), nil, nil,
		st.cell(kDecimal, avg)); err != nil {
		return err
	}
	return sh.close()
}

var recapReceiptColumns = []column{
	{"No. Kuitansi", kNumber}, {"Tanggal Terbit", kDateTime}, {"ID Kunjungan", kID}, {"No. Antrian", kCode},
	{"Tanggal Kunjungan", kDate}, {"Nama Wajib Bayar", kName}, {"Jumlah (Rp)", kMoney}, {"Metode", kCode},
	{"Status", kCode}, {"Alasan Pembatalan", kLong}, {"Diganti Dengan", kNumber}, {"Dibatalkan Pada", kDateTime},
}

// receipts writes Register Kuitansi: every kuitansi number of the
// period's payments in number order, voided ones with their reason and
// the number that replaced them.
func (rc *recap) receipts() error {
	sh, err := rc.b.newSheet(SheetRecapReceipt, recapReceiptColumns)
	if err != nil {
		return err
	}
	err = rc.b.r.Receipts(func(x store.ReceiptRow) error {
		rc.sum.Receipts++
		return sh.add(x.Number, x.IssuedAt, x.VisitID, x.Queue, dayDate(x.VisitDay), x.Payer, x.Amount, x.Method,
			x.State().Label(), x.VoidReason, x.ReplacedBy, x.VoidAt)
	})
	if err != nil {
		return err
	}
	return sh.close()
}

// charts adds Grafik in normal mode, after every streamed sheet is
// flushed (a StreamWriter cannot hold charts): native charts whose series
// reference the ranges of the other sheets, so they follow the data.
func (rc *recap) charts() error {
	f := rc.b.f
	if _, err := f.NewSheet(SheetRecapCharts); err != nil {
		return err
	}
	if err := f.SetCellValue(SheetRecapCharts, "A1", "Grafik "+rc.opt.Period.Label()); err != nil {
		return err
	}
	q := func(sheet string) string { return "'" + sheet + "'" }
	days := q(SheetRecapDays)
	last := rc.days + 1
	rng := func(sheet, col string, from, to int) string {
		return fmt.Sprintf("%s!$%s$%d:$%s$%d", sheet, col, from, col, to)
	}
	dim := excelize.ChartDimension{Width: 760, Height: 340}
	// The day axis shows dates: its categories are date cells, and an
	// axis left at General showed their serial numbers (46327) in
	// LibreOffice. The year is written when the period spans two.
	dayAxis := excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: dayAxisFormat(rc.opt.Period)}}
	type chartAt struct {
		cell string
		c    *excelize.Chart
	}
	all := []chartAt{
		{"A3", &excelize.Chart{Type: excelize.Line, Dimension: dim, Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Kunjungan per hari"}}},
			Series: []excelize.ChartSeries{{Name: days + "!$B$1", Categories: rng(days, "A", 2, last),
				Values: rng(days, "B", 2, last)}},
			XAxis: dayAxis, Legend: excelize.ChartLegend{Position: "none"}}},
		{"A22", &excelize.Chart{Type: excelize.ColStacked, Dimension: dim, Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "PNBP per hari (Rp): tunai dan bank"}}},
			Series: []excelize.ChartSeries{
				{Name: days + "!$F$1", Categories: rng(days, "A", 2, last), Values: rng(days, "F", 2, last)},
				{Name: days + "!$G$1", Categories: rng(days, "A", 2, last), Values: rng(days, "G", 2, last)}},
			XAxis: dayAxis, YAxis: excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: fmtRupiah}},
			Legend: excelize.ChartLegend{Position: "bottom"}}},
	}
	skm := q(SheetRecapSKM)
	// NRR is charted without respondents too: its cells are then empty.
	all = append(all, chartAt{"A41", &excelize.Chart{Type: excelize.Bar, Dimension: dim,
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "NRR per unsur SKM"}}},
		Series: []excelize.ChartSeries{{Name: skm + "!$D$1", Categories: rng(skm, "A", 2, 10), Values: rng(skm, "D", 2, 10)}},
		Legend: excelize.ChartLegend{Position: "none"}}})
	if rc.catRow[1] >= rc.catRow[0] && rc.catRow[0] > 0 {
		vis := q(SheetRecapVisits)
		all = append(all, chartAt{"A60", &excelize.Chart{Type: excelize.Bar, Dimension: dim,
			Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Kunjungan menurut kategori instansi"}}},
			Series: []excelize.ChartSeries{{Name: vis + "!$B$1", Categories: rng(vis, "A", rc.catRow[0], rc.catRow[1]),
				Values: rng(vis, "B", rc.catRow[0], rc.catRow[1])}},
			Legend: excelize.ChartLegend{Position: "none"}}})
	}
	for _, c := range all {
		if err := f.AddChart(SheetRecapCharts, c.cell, c.c); err != nil {
			return err
		}
	}
	return nil
}

// dayAxisFormat is the number format of the charts' day axis: day and
// month within one year, with the year when the period spans two.
func dayAxisFormat(p Period) string {
	if p.From[:4] == p.To[:4] {
		return "dd/mm"
	}
	return "dd/mm/yy"
}
