package form

import (
	"fmt"
	"strings"

	"loket/tui/frame"

	"charm.land/bubbles/v2/textinput"
)

// labelWidth is the label column for a panel width: wide enough for the
// longest label, at most half the panel (a longer label gets its own line).
func (f *Form) LabelWidth(w int) int {
	lw := 8
	for _, fl := range f.Fields {
		if !fl.Hidden {
			lw = max(lw, frame.Width(fl.Label)+1)
		}
	}
	return min(lw, max(w/2, 12))
}

// decor adds lines over and under a field (a heading, a lookup's matches).
type Decor func(fl *Field) (before, after []string)

// under is a decor that only adds lines under fields.
func Under(fn func(fl *Field) []string) Decor {
	return func(fl *Field) ([]string, []string) { return nil, fn(fl) }
}

// lines renders the visible fields for a panel of width w, with the decor's
// lines when d is not nil. focus is the line of the focused field.
func (f *Form) Lines(w int, d Decor) (out []string, focus int) {
	f.Restyle()
	st := f.C.Styles
	lw := f.LabelWidth(w)
	vw := max(w-lw-2, 8)
	for i, fl := range f.Fields {
		if fl.Hidden {
			continue
		}
		var before, after []string
		if d != nil {
			before, after = d(fl)
		}
		out = append(out, before...)
		on := i == f.Focus
		ls := st.Label
		mark := "  "
		if on {
			ls, mark = st.LabelOn, st.LabelOn.Render("› ")
			focus = len(out)
		}
		indent := strings.Repeat(" ", lw+2)
		lab := ls.Render(frame.Pad(fl.Label, lw))
		if frame.Width(fl.Label) > lw {
			// Too long for the column: the label on its own line(s).
			for j, l := range frame.Wrap(fl.Label, w-2) {
				if j == 0 {
					out = append(out, mark+ls.Render(l))
				} else {
					out = append(out, "  "+ls.Render(l))
				}
			}
			mark, lab = "  ", strings.Repeat(" ", lw)
		}
		vals := fl.Render(st, on, vw)
		for j, v := range vals {
			if j == 0 {
				out = append(out, mark+lab+v)
			} else {
				out = append(out, indent+v)
			}
		}
		if fl.Err != "" {
			for _, l := range frame.Wrap("✗ "+fl.Err, vw) {
				out = append(out, indent+st.Err.Render(l))
			}
		}
		if fl.Note != "" {
			for _, l := range frame.Wrap("! "+fl.Note, vw) {
				out = append(out, indent+st.Warn.Render(l))
			}
		}
		if on && fl.Hint != "" {
			for _, l := range frame.Wrap(fl.Hint, vw) {
				out = append(out, indent+st.Dim.Render(l))
			}
		}
		if on {
			for _, l := range frame.Wrap(f.how(fl), vw) {
				out = append(out, indent+st.LabelOn.Render(l))
			}
		}
		if on {
			f.FocusLen = len(out) - focus
		}
		out = append(out, after...)
	}
	return out, focus
}

// Render draws the field, focused when on, for width w.
func (fl *Field) Render(st *frame.Styles, on bool, w int) []string {
	if fl.Kind == TextField {
		if on {
			// The input scrolls its value within its width, but works the
			// window out only when the cursor moves: a field focused
			// before its width was known would show its whole value.
			if fl.In.Width() != w-1 {
				fl.In.SetWidth(w - 1)
				fl.In.SetCursor(fl.In.Position())
			}
			return []string{fl.In.View()}
		}
		v := fl.In.Value()
		if v == "" && fl.Suggest != "" {
			note := fl.SuggestNote
			if note == "" {
				note = "(usulan; enter terima)"
			}
			return []string{st.Dim.Render(fl.Suggest + " " + note)}
		}
		if v == "" {
			return []string{st.Dim.Render("—")}
		}
		if fl.In.EchoMode == textinput.EchoPassword {
			v = strings.Repeat("•", len([]rune(v)))
		}
		return frame.Wrap(v, w)
	}
	if !on {
		if fl.Sel < 0 {
			return []string{st.Dim.Render("(belum dipilih)")}
		}
		return frame.Wrap(fl.Opts[fl.Sel], w)
	}
	// Focused: every option, the chosen one in brackets, wrapped to the
	// width; the first option starts where a text value would.
	var lines []string
	cur, curW := "", 0
	numbered := fl.Numbered()
	for i, o := range fl.Opts {
		style := st.Option
		if i == fl.Sel {
			o, style = "["+o+"]", st.OptionOn
		}
		num := ""
		if numbered {
			num = fmt.Sprintf("%d ", i+1) // outside the brackets: "2 [Tidak]"
		}
		txt, ow := st.Dim.Render(num)+style.Render(o), frame.Width(num+o)
		if ow > w {
			// Wider than the column: on lines of its own, wrapped.
			if curW > 0 {
				lines = append(lines, cur)
			}
			parts := frame.Wrap(num+o, w)
			for _, p := range parts[:len(parts)-1] {
				lines = append(lines, style.Render(p))
			}
			last := parts[len(parts)-1]
			cur, curW = style.Render(last), frame.Width(last)
			continue
		}
		if curW > 0 && curW+2+ow > w {
			lines = append(lines, cur)
			cur, curW = "", 0
		}
		if curW > 0 {
			cur += "  "
			curW += 2
		}
		cur += txt
		curW += ow
	}
	return append(lines, cur)
}

// how is the line under the focused field that says what its keys do: how
// to choose, how to take a proposed value, and what enter does now (the
// next field, or saving on the last), so it cannot be missed.
func (f *Form) how(fl *Field) string {
	if f.EnterSays != nil {
		if says := f.EnterSays(); says != "" {
			return "▸ enter " + says // the screen took enter for now
		}
	}
	enter := "enter simpan"
	if i := f.EnterTarget(); i >= 0 {
		enter = "enter lanjut"
		if i != f.nextVisible() {
			// Enter passes over fields filled for the officer: say where
			// it lands.
			enter = "enter lanjut ke " + f.Fields[i].Label
		}
	}
	// A pick by number (or y/t) acts as enter: say what it does here.
	pick := "langsung lanjut"
	if enter == "enter simpan" {
		pick = "langsung simpan"
	}
	switch {
	case fl.Kind == ChoiceField && fl.Numbered() && !f.PickMoves:
		way := fmt.Sprintf("ketik 1–%d atau awal nama", len(fl.Opts))
		if fl.typed != "" {
			way = fmt.Sprintf("ketik 1–%d atau awal nama (%q)", len(fl.Opts), fl.typed)
		}
		return "▸ " + way + " · " + enter
	case fl.Kind == ChoiceField && fl.YesNo() && enter == "enter simpan":
		// Tidak on the last field waits for enter: a no can end the visit.
		return "▸ y/1 langsung simpan · t/2 lalu enter simpan"
	case fl.Kind == ChoiceField && fl.YesNo():
		return "▸ y/t atau 1–2, langsung lanjut · " + enter
	case fl.Kind == ChoiceField && fl.Numbered():
		way := fmt.Sprintf("ketik 1–%d (%s) atau awal nama", len(fl.Opts), pick)
		if fl.typed != "" {
			way += fmt.Sprintf(" (%q)", fl.typed)
		}
		return "▸ " + way + " · " + enter
	case fl.Kind == ChoiceField:
		return "▸ ketik awal nama atau ←/→ · " + enter
	case fl.Suggest != "" && fl.In.Value() == "":
		return "▸ " + enter + " terima usulan " + fl.Suggest + ", atau ketik"
	}
	return "▸ " + enter
}

// nextVisible is the index of the next visible field after the focus, -1
// on the last.
func (f *Form) nextVisible() int {
	for i := f.Focus + 1; i < len(f.Fields); i++ {
		if !f.Fields[i].Hidden {
			return i
		}
	}
	return -1
}
