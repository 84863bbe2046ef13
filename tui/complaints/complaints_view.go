package complaints

import (
	"cmp"
	"fmt"
	"strings"

	"loket/store"
	"loket/tui/form"
	"loket/tui/frame"
)

// The complaints screen's rendering: the list, the new-complaint form and
// the detail with its follow-up history.

// View renders the screen's body.
func (s *Screen) View() string {
	switch s.Mode {
	case ComplaintsNew:
		return s.newView()
	case ComplaintsDetail:
		top, bottom := s.detailParts()
		return strings.Join(append(s.detailWindow(top, bottom), bottom...), "\n")
	}
	return s.listView()
}

// complaintsCols are the fixed columns of the list: received, channel,
// status.
const complaintsDateW, complaintsChanW, complaintsStatW = 16, 12, 8

func (s *Screen) listView() string {
	st, w := s.c.Styles, s.w
	title := fmt.Sprintf("Pengaduan terbuka (%d)", len(s.List))
	other := "a: tampilkan semua"
	if s.All {
		title = fmt.Sprintf("Semua pengaduan, %d bulan terakhir (%d)", complaintsAllMonths, len(s.List))
		other = "a: hanya terbuka"
	}
	out := []string{frame.Between(" "+st.Title.Render(title), st.Dim.Render(other)+" ", w), ""}
	switch {
	case !s.Loaded:
		return strings.Join(append(out, " Memuat…"), "\n")
	case len(s.List) == 0 && s.All:
		return strings.Join(append(out, frame.WrapStyled(st.Dim, " Belum ada pengaduan. Tekan n untuk mencatat pengaduan yang diterima.", s.w-1)...), "\n")
	case len(s.List) == 0:
		return strings.Join(append(out, frame.WrapStyled(st.Dim, " Tidak ada pengaduan terbuka. Tekan n untuk mencatat "+
			"pengaduan baru, a untuk melihat semua.", s.w-1)...), "\n")
	}
	rest := w - 4 - complaintsDateW - complaintsChanW - complaintsStatW - 6
	textW, fuW := rest, 0
	if w >= 110 {
		fuW = rest * 2 / 5
		textW = rest - fuW - 2
	}
	// "Diterima" here titles the date column (when it was received), not the status.
	head := "   " + frame.Pad("Diterima", complaintsDateW+2) + frame.Pad("Saluran", complaintsChanW+2) +
		frame.Pad("Status", complaintsStatW+2) + frame.Pad("Isi", textW)
	if fuW > 0 {
		head += "  Tindak lanjut terakhir"
	}
	out = append(out, st.Dim.Render(head))
	preview := s.preview(w)
	room := max(s.h-len(out)-len(preview)-1, 3)
	first := 0
	if s.cursor >= room {
		first = s.cursor - room + 1
	}
	for i := first; i < len(s.List) && i < first+room; i++ {
		out = append(out, s.row(s.List[i], i == s.cursor, textW, fuW))
	}
	return strings.Join(append(append(out, ""), preview...), "\n")
}

// complaintsOneLine flattens text for a column.
func complaintsOneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func (s *Screen) statusStyle(status store.ComplaintStatus) func(...string) string {
	st := s.c.Styles
	switch status {
	case store.ComplaintReceived:
		return st.Warn.Render
	case store.ComplaintOpen:
		return st.Accent.Render
	}
	return st.OK.Render
}

func (s *Screen) row(c store.Complaint, on bool, textW, fuW int) string {
	status := frame.Pad(c.Status.Label(), complaintsStatW)
	if !on {
		status = s.statusStyle(c.Status)(status)
	}
	row := frame.Pad(frame.DateTime(c.ReceivedAt), complaintsDateW+2) + frame.Pad(c.Channel.Label(), complaintsChanW+2) + status + "  " +
		frame.Pad(complaintsOneLine(c.Text), textW)
	if fuW > 0 {
		row += "  " + frame.Pad(cmp.Or(complaintsOneLine(c.LastFollowUp()), "—"), fuW)
	}
	if on {
		return s.c.Styles.Selected.Render(frame.Pad(" › "+row, s.w-1))
	}
	return "   " + row
}

// preview shows more of the selected complaint under the list.
func (s *Screen) preview(w int) []string {
	c, ok := s.selected()
	if !ok {
		return nil
	}
	st := s.c.Styles
	const lw = 15
	vw := max(w-lw-2, 10)
	block := func(label, text string, limit int) []string {
		lines := frame.Wrap(complaintsOneLine(text), vw)
		if len(lines) > limit {
			lines = append(lines[:limit-1], frame.Pad(strings.Join(lines[limit-1:], " "), vw))
		}
		for i := range lines {
			lead := strings.Repeat(" ", lw+1)
			if i == 0 {
				lead = " " + st.Dim.Render(frame.Pad(label, lw))
			}
			lines[i] = lead + lines[i]
		}
		return lines
	}
	out := []string{" " + st.Border.Render(strings.Repeat("─", max(w-2, 1)))}
	out = append(out, block("Isi", c.Text, 3)...)
	fu := "belum ada"
	if n := len(c.FollowUps); n > 0 {
		f := c.FollowUps[n-1]
		fu = frame.DateTime(f.At) + " · " + f.Status.Label() + " · " + f.Note
	}
	return append(out, block("Tindak lanjut", fu, 2)...)
}

// textPreview shows a focused text field's whole value, wrapped, once it
// is longer than the one-line input shows.
func (s *Screen) textPreview(f *form.Form, w int) form.Decor {
	st := s.c.Styles
	vw := max(w-f.LabelWidth(w)-2, 8)
	ind := strings.Repeat(" ", f.LabelWidth(w)+2)
	return form.Under(func(fl *form.Field) []string {
		if fl.Kind != form.TextField || fl != f.Cur() || frame.Width(fl.Value()) < vw-1 {
			return nil
		}
		lines := frame.Wrap(fl.Value(), vw)
		if len(lines) > 6 {
			lines = append([]string{"…"}, lines[len(lines)-5:]...)
		}
		for i, l := range lines {
			lines[i] = ind + st.Dim.Render(l)
		}
		return lines
	})
}

// formLines renders the open form one column in from the left.
func (s *Screen) formLines() []string {
	w := s.w - 1
	lines, _ := s.Form.Lines(w, s.textPreview(s.Form, w))
	for i, l := range lines {
		lines[i] = " " + l
	}
	return lines
}

func (s *Screen) newView() string {
	st, o := s.c.Styles, s.c.Office
	out := []string{" " + st.Title.Render("Pengaduan baru")}
	ways := "Saluran pengaduan: kotak saran di unit PST · lapor.go.id · email " +
		cmp.Or(o.ComplaintEmail, store.DefaultOffice.ComplaintEmail) + " · " +
		cmp.Or(o.ComplaintContact, store.DefaultOffice.ComplaintContact) + "."
	for _, l := range frame.Wrap(ways, s.w-2) {
		out = append(out, " "+st.Dim.Render(l))
	}
	out = append(out, "")
	return strings.Join(append(out, s.formLines()...), "\n")
}

// detailParts are the open complaint (top, scrolled when it does not fit)
// and the follow-up form (bottom, always shown).
func (s *Screen) detailParts() (top, bottom []string) {
	st, w, c := s.c.Styles, s.w, s.cur
	const lw = 11
	vw := max(w-lw-3, 10)
	field := func(label string, lines ...string) {
		for i, l := range lines {
			lead := strings.Repeat(" ", lw+2)
			if i == 0 {
				lead = " " + st.Dim.Render(frame.Pad(label, lw)) + " "
			}
			top = append(top, lead+l)
		}
	}
	top = append(top, " "+st.Title.Render("Pengaduan diterima "+frame.LongDate(c.ReceivedAt)+" "+frame.Hm(c.ReceivedAt)+" WIB"))
	field("Saluran", c.Channel.Label())
	field("Status", s.statusStyle(c.Status)(c.Status.Label()))
	if c.VisitID != "" {
		field("Kunjungan", frame.Wrap(cmp.Or(s.visitLabel, c.VisitID), vw)...)
	}
	field("Isi", frame.Wrap(c.Text, vw)...)
	top = append(top, "", " "+st.Title.Render(fmt.Sprintf("Riwayat tindak lanjut (%d)", len(c.FollowUps))))
	if len(c.FollowUps) == 0 {
		top = append(top, "   "+st.Dim.Render("Belum ada tindak lanjut."))
	}
	ind := 3 + complaintsDateW + 2 + complaintsStatW + 2
	for _, f := range c.FollowUps {
		lead := "   " + frame.DateTime(f.At) + "  " + frame.Pad(f.Status.Label(), complaintsStatW) + "  "
		for i, l := range frame.Wrap(f.Note, max(w-ind-1, 10)) {
			if i == 0 {
				top = append(top, lead+l)
			} else {
				top = append(top, strings.Repeat(" ", ind)+l)
			}
		}
	}
	bottom = []string{"", " " + st.Border.Render(strings.Repeat("─", max(w-2, 1))), " " + st.Title.Render("Tindak lanjut baru")}
	return top, append(bottom, s.formLines()...)
}

// detailWindow is the part of top that fits above bottom, from the scroll
// offset, with a line saying there is more.
func (s *Screen) detailWindow(top, bottom []string) []string {
	room := max(s.h-len(bottom), 2)
	if len(top) <= room {
		return top
	}
	last := len(top) - (room - 1)
	off := s.offset
	if off < 0 || off > last {
		off = last
	}
	out := append([]string(nil), top[off:off+room-1]...)
	return append(out, "   "+s.c.Styles.Dim.Render(fmt.Sprintf("… baris %d–%d dari %d · pgup/pgdn untuk menggulir",
		off+1, off+room-1, len(top))))
}

// detailLayout is the detail's top part and the lines it may use.
func (s *Screen) detailLayout() (top []string, room int) {
	top, bottom := s.detailParts()
	return top, max(s.h-len(bottom), 2) - 1
}
