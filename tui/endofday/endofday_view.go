package endofday

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"loket/export"
	"loket/store"
	"loket/store/valid"
	"loket/tariff"
	"loket/tui/form"
	"loket/tui/frame"
)

// The end-of-day screen's rendering: the cash, the awaited bank payments
// and the workbook.

// View renders the screen's body.
func (e *Screen) View() string {
	st, w := e.C.Styles, max(e.w-1, 40)
	title := "Tutup hari"
	if e.Loaded {
		if d, err := time.ParseInLocation(time.DateOnly, e.Data.Day, valid.WIB); err == nil {
			title = frame.LongDate(d)
		}
	}
	out := []string{" " + st.Title.Render(title), ""}
	if !e.Loaded {
		return strings.Join(append(out, " Memuat data hari ini"), "\n")
	}
	cash, report, remind := e.cashLines(w), e.reportLines(w), e.reminder(w)
	// When the body is short, the blank lines go first, then the list of
	// awaited payments shrinks to its heading, then the reminder goes (the
	// hand-over shows "belum dicatat" above).
	bankMin := min(2+len(e.Data.Bank), 4) // heading, columns, a row, "dan n lagi"
	need := len(cash) + len(report) + len(remind) + bankMin
	gap := []string{""}
	if len(out)+need+2 > e.h {
		out, gap = out[:1], nil
	}
	if len(out)+need > e.h {
		remind = nil
	}
	report = append(report, remind...)
	room := e.h - len(out) - len(cash) - len(report) - 2*len(gap)
	out = append(out, cash...)
	out = append(out, gap...)
	out = append(out, e.BankLines(w, room)...)
	out = append(out, gap...)
	out = append(out, report...)
	return strings.Join(out, "\n")
}

// kv is a labelled row aligned with the hand-over form's fields; a long
// value wraps under itself.
func (e *Screen) kv(label, value string, w int) []string {
	lw := e.F.LabelWidth(w - 1)
	ind := 3 + lw
	return frame.WrapIndent("   "+e.C.Styles.Dim.Render(frame.Pad(label, lw))+value, w, ind)
}

// cashLines: today's cash receipts, the hand-over recorded and the form.
func (e *Screen) cashLines(w int) []string {
	st, d := e.C.Styles, e.Data
	out := []string{" " + st.Title.Render("Kas tunai")}
	paid := "tidak ada pembayaran tunai"
	if d.CashCount > 0 {
		paid = fmt.Sprintf("dari %d pembayaran tunai", d.CashCount)
	}
	out = append(out, e.kv("Penerimaan tunai", tariff.Rupiah(d.Receipts)+" "+paid, w)...)
	if n := len(d.Handovers); n == 0 {
		state := st.Dim.Render("belum dicatat")
		if d.Receipts > 0 {
			state = st.Warn.Render("belum dicatat")
		}
		out = append(out, e.kv("Serah terima", state, w)...)
	} else {
		h := d.Handovers[n-1]
		v := fmt.Sprintf("%s kepada %s pukul %s WIB%s", tariff.Rupiah(h.Counted), h.Recipient, frame.Hm(h.HandedAt), endOfDayDiffText(h.Difference))
		if n > 1 {
			v = fmt.Sprintf("ke-%d: %s", n, v)
		}
		out = append(out, e.kv("Serah terima", v, w)...)
		if h.Reason != "" {
			out = append(out, e.kv("Alasan selisih", h.Reason, w)...)
		}
		if h.CashReceipts != d.Receipts {
			out = append(out, frame.WrapIndent("   "+st.Warn.Render(fmt.Sprintf("Penerimaan tunai berubah sejak serah terima itu (%s); catat serah terima lagi.",
				tariff.Rupiah(h.CashReceipts))), w, 3)...)
		}
	}
	if !e.Editing && len(d.Handovers) > 0 {
		return out
	}
	lines, _ := e.F.Lines(w-1, form.Under(func(fl *form.Field) []string {
		if fl.Key != "counted" {
			return nil
		}
		n, ok := e.counted()
		if !ok || strings.TrimSpace(fl.Value()) == "" {
			return nil
		}
		ind := strings.Repeat(" ", e.F.LabelWidth(w-1)+2)
		diff := n - d.Receipts
		if diff == 0 {
			return []string{ind + st.OK.Render("sama dengan penerimaan tunai")}
		}
		return frame.WrapIndent(ind+st.Warn.Render("selisih"+endOfDayDiffText(diff)[1:]+" dari penerimaan tunai"), w-1, len(ind))
	}))
	for _, l := range lines {
		out = append(out, " "+l)
	}
	return out
}

// bankLines: the open visits awaiting a bank payment, the code that
// expires first on top, in at most room lines.
func (e *Screen) BankLines(w, room int) []string {
	st, bank, now := e.C.Styles, e.Data.Bank, e.C.Now()
	head := " " + st.Title.Render(fmt.Sprintf("Menunggu pembayaran bank (%d)", len(bank)))
	if len(bank) == 0 {
		return []string{head, "   " + st.Dim.Render("Tidak ada kode billing yang menunggu pembayaran.")}
	}
	// Heading, column heads and a row take three lines; a list cut short
	// needs one more for "dan n lagi".
	if room < 3 || (len(bank) > 1 && room < 4) {
		return []string{head + st.Dim.Render(" · daftarnya di Beranda")}
	}
	const qW, codeW, amtW, expW = 12, 17, 13, 20
	nameW := max(w-3-qW-codeW-amtW-expW, 8)
	out := []string{head, st.Dim.Render("   " + frame.Pad("No.", qW) + frame.Pad("Kode billing", codeW) + frame.Pad("Jumlah", amtW) + frame.Pad("Berlaku", expW) + "Pengunjung")}
	shown := len(bank)
	if 2+shown > room {
		shown = room - 3
	}
	for _, o := range bank[:shown] {
		q := o.Queue
		if o.Day != e.Data.Day && len(o.Day) == 10 {
			q += " " + o.Day[8:10] + "/" + o.Day[5:7]
		}
		code, exp := o.BillingCode, st.Dim.Render("—")
		if code == "" {
			code = st.Dim.Render("tanpa kode aktif")
		} else {
			switch left := o.BillingExpires.Sub(now); {
			case left <= 0:
				exp = st.Err.Render(store.BillingExpired.Label())
			case left < 24*time.Hour:
				exp = st.Warn.Render(frame.Span(left) + " lagi")
			default:
				exp = st.OK.Render(frame.Span(left) + " lagi")
			}
		}
		out = append(out, "   "+frame.Pad(q, qW)+frame.Pad(code, codeW)+frame.Pad(tariff.Rupiah(o.Total), amtW)+frame.Pad(exp, expW)+frame.Pad(frame.VisitorName(o.Name), nameW))
	}
	if rest := len(bank) - shown; rest > 0 {
		out = append(out, "   "+st.Dim.Render(fmt.Sprintf("dan %d lagi; lihat Beranda", rest)))
	}
	return out
}

// reportLines: where the workbook goes and what happened to it.
func (e *Screen) reportLines(w int) []string {
	st, d := e.C.Styles, e.Data
	out := []string{" " + st.Title.Render("Laporan harian untuk Kasubbag Umum")}
	dir, name := d.Folder, export.FileName(d.Day, d.Day)
	if e.done != nil {
		dir, name = filepath.Split(e.done.Path)
		dir = filepath.Clean(dir)
	}
	if d.FolderErr != nil && e.done == nil {
		out = append(out, e.kv("Folder", st.Err.Render(frame.ErrText(d.FolderErr)), w)...)
	} else {
		out = append(out, e.kv("Folder", dir, w)...)
	}
	out = append(out, e.kv("Berkas", name, w)...)
	status := ""
	switch {
	case e.Confirm:
		var why []string
		if d.Receipts > 0 && len(d.Handovers) == 0 {
			why = append(why, fmt.Sprintf("Uang tunai %s hari ini belum dicatat diserahkan ke bendahara.", tariff.Rupiah(d.Receipts)))
		}
		if d.Open > 0 {
			why = append(why, fmt.Sprintf("%d kunjungan hari ini masih berjalan.", d.Open))
		}
		status = st.Warn.Render(strings.Join(why, " ") + " Tetap tulis laporan? y/enter ya · n/esc batal")
	case e.Busy:
		status = e.Spinner() + " " + fmt.Sprintf("Menulis buku kerja: %d kunjungan, %d pembayaran", d.Visits, d.Payments)
		switch p := e.Progress; {
		case p.Next == nil:
		case p.Sheet == "":
			status += " · menyimpan berkas…"
		default:
			status += fmt.Sprintf(" · lembar %s, %d baris", p.Sheet, p.Rows)
		}
	case e.done != nil:
		s := e.done.Sum
		status = st.OK.Render(fmt.Sprintf("✓ Tertulis pukul %s WIB: %d kunjungan, %d pembayaran (%s), %d responden SKM, %d pengaduan.",
			frame.Hm(e.done.at), s.Visits, s.Payments, tariff.Rupiah(s.PNBP), s.Ratings, s.Complaints))
		if e.handedAfter(e.done.at) {
			status += " " + st.Warn.Render("Serah terima dicatat sesudahnya; ctrl+e menulis ulang.")
		}
	case !d.Written.IsZero() && e.handedAfter(d.Written):
		status = st.Warn.Render(fmt.Sprintf("Ditulis pukul %s WIB, sebelum serah terima terakhir; ctrl+e menulis ulang.", frame.Hm(d.Written)))
	case !d.Written.IsZero() && d.Changed.After(d.Written):
		// A visit cancelled, a payment or a complaint recorded since.
		written, changed := frame.Hm(d.Written), frame.Hm(d.Changed)
		if written == changed { // the same minute: say the seconds
			written, changed = d.Written.In(valid.WIB).Format("15:04:05"), d.Changed.In(valid.WIB).Format("15:04:05")
		}
		status = st.Warn.Render(fmt.Sprintf("Ditulis pukul %s WIB; sesudahnya ada perubahan tercatat (terakhir %s WIB); ctrl+e menulis ulang.",
			written, changed))
	case !d.Written.IsZero():
		status = st.Dim.Render(fmt.Sprintf("Sudah ditulis pukul %s WIB; ctrl+e menulis ulang dengan data terbaru.", frame.Hm(d.Written)))
	default:
		status = st.Dim.Render("Belum ditulis; ctrl+e menulis (nomor identitas disamarkan).")
	}
	return append(out, frame.WrapIndent("   "+status, w, 3)...)
}

// handedAfter reports whether a hand-over was recorded after t: the
// workbook written at t lacks it.
func (e *Screen) handedAfter(t time.Time) bool {
	hs := e.Data.Handovers
	return len(hs) > 0 && hs[len(hs)-1].HandedAt.After(t)
}

// reminder repeats under the report that the cash is not handed over yet,
// where the body has room for it.
func (e *Screen) reminder(w int) []string {
	d := e.Data
	if e.Confirm {
		return nil
	}
	var out []string
	if d.Open > 0 {
		// The workbook lists them as Berjalan; the day is not closed yet.
		out = append(out, frame.WrapIndent("   "+e.C.Styles.Warn.Render(fmt.Sprintf(
			"%d kunjungan hari ini masih berjalan: selesaikan atau tunda dulu bila perlu (lihat Beranda); di laporan tercatat Berjalan.", d.Open)), w, 3)...)
	}
	if d.Receipts > 0 && len(d.Handovers) == 0 {
		out = append(out, frame.WrapIndent("   "+e.C.Styles.Warn.Render("Serah terima uang tunai ke bendahara belum dicatat."), w, 3)...)
	}
	return out
}
