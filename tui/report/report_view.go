package report

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"loket/export"
	"loket/tariff"
	"loket/tui/frame"
)

// The Laporan screen's rendering: the periods, the range's dates, and the
// workbook with its progress or its figures.

// labelW is the width of a choice's name and of a row's label.
const labelW = 17

// View renders the screen's body.
func (r *Screen) View() string {
	st, w := r.C.Styles, max(r.w-1, 40)
	out := []string{" " + st.Title.Render("Rekap periode: PNBP, SKM, statistik pengunjung"), ""}
	out = append(out, r.choiceLines(w)...)
	out = append(out, "")
	out = append(out, r.workbookLines(w)...)
	if len(out) > r.h && r.h > 0 {
		// A short body loses the blank lines first.
		var dense []string
		for _, l := range out {
			if l != "" {
				dense = append(dense, l)
			}
		}
		out = dense
	}
	return strings.Join(out, "\n")
}

// choiceLines: the ready-made periods and the range, the cursor on one,
// with the range's dates under it while it is chosen.
func (r *Screen) choiceLines(w int) []string {
	st := r.C.Styles
	var out []string
	row := func(i int, name, period string) {
		mark, line := "   ", frame.Pad(name, labelW)+period
		if i == r.Cursor {
			mark = " " + st.Accent.Render("▸") + " "
			line = st.Selected.Render(line)
		}
		out = append(out, frame.WrapIndent(mark+line, w, 3+labelW)...)
	}
	now := r.C.Now()
	for i, c := range export.PeriodChoices {
		row(i, c.Label(), st.Dim.Render(c.Period(now).Label()))
	}
	rangeText := "dua tanggal, hari dulu"
	if r.OnRange() {
		if p, err := r.Period(); err == nil {
			rangeText = p.Label()
		}
	}
	row(len(export.PeriodChoices), "Rentang tanggal", st.Dim.Render(rangeText))
	if !r.OnRange() {
		return out
	}
	lines, _ := r.F.Lines(w-5, nil)
	for _, l := range lines {
		out = append(out, "     "+l)
	}
	return out
}

// kv is a labelled row; a long value wraps under itself.
func (r *Screen) kv(label, value string, w int) []string {
	return frame.WrapIndent("   "+r.C.Styles.Dim.Render(frame.Pad(label, labelW))+value, w, 3+labelW)
}

// workbookLines: where the workbook goes, then its progress, its figures
// or what enter will do.
func (r *Screen) workbookLines(w int) []string {
	st := r.C.Styles
	out := []string{" " + st.Title.Render("Buku kerja rekap")}
	dir, name := r.Folder, ""
	p, err := r.Period()
	if err == nil {
		name = export.ReportFileName(p)
	}
	// The figures stay while their period is the one chosen.
	done := r.Done != nil && err == nil && r.Done.Period == p
	if done {
		dir, name = filepath.Split(r.Done.Path)
		dir = filepath.Clean(dir)
	}
	switch {
	case r.FolderErr != nil && !done:
		out = append(out, r.kv("Folder", st.Err.Render(frame.ErrText(r.FolderErr)), w)...)
	case dir != "":
		out = append(out, r.kv("Folder", dir, w)...)
	}
	if name != "" {
		out = append(out, r.kv("Berkas", name, w)...)
	}
	switch {
	case r.Busy:
		status := r.Spinner() + " Menulis rekap"
		if r.writing.From != "" {
			status += " " + r.writing.Label()
		}
		switch p := r.Progress; {
		case p.Next == nil:
		case p.Sheet == "":
			status += " · menyimpan berkas…"
		default:
			status += fmt.Sprintf(" · lembar %s, %d baris", p.Sheet, p.Rows)
		}
		out = append(out, frame.WrapIndent("   "+status, w, 3)...)
	case done:
		out = append(out, r.summaryLines(w)...)
	case r.Editing:
		out = append(out, frame.WrapIndent("   "+st.Dim.Render("enter pada tanggal terakhir menulis rekap; esc kembali ke pilihan."), w, 3)...)
	default:
		out = append(out, frame.WrapIndent("   "+st.Dim.Render("enter menulis rekap periode terpilih (tanpa nomor identitas)."), w, 3)...)
	}
	return out
}

// summaryLines are the figures of the workbook just written.
func (r *Screen) summaryLines(w int) []string {
	st, d := r.C.Styles, r.Done
	s := d.Sum
	out := frame.WrapIndent("   "+st.OK.Render(fmt.Sprintf("✓ Tertulis pukul %s WIB: %s, %d hari.", frame.Hm(d.At), d.Period.Label(), s.Days)), w, 3)
	out = append(out, r.kv("Kunjungan", fmt.Sprintf("%d (%d selesai)", s.Visits, s.Population), w)...)
	out = append(out, r.kv("PNBP", fmt.Sprintf("%s dari %d pembayaran, %d kuitansi", tariff.Rupiah(s.PNBP), s.Payments, s.Receipts), w)...)
	ikm := st.Dim.Render("belum ada responden")
	if s.Ratings > 0 {
		ikm = decimal(s.IKM) + " · mutu " + s.Mutu
	}
	out = append(out, r.kv("IKM", ikm, w)...)
	enough := st.Warn.Render("belum mencukupi")
	if d.Sum.SampleEnough() {
		enough = st.OK.Render("mencukupi")
	}
	out = append(out, r.kv("Responden SKM", fmt.Sprintf("%d, sampel minimal %d: ", s.Ratings, s.Sample)+enough, w)...)
	return append(out, r.kv("Pengaduan", strconv.Itoa(s.Complaints), w)...)
}

// decimal writes a converted IKM with an Indonesian decimal comma: 87,50.
func decimal(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', 2, 64), ".", ",", 1)
}
