package visit

import (
	"fmt"
	"strings"

	"loket/store"
	"loket/tui/form"
	"loket/tui/frame"
)

// Rendering of the visit screen: sidebar, main panel, service clock. View
// reads only what Update cached: the visit as last loaded, the editors.

// fullNamesFrom is the width from which the sidebar shows the steps' full
// names; below it the short ones keep 80 columns usable.
const fullNamesFrom = 100

var shortSideW, fullSideW = func() (int, int) {
	s, f := 0, 0
	for _, st := range store.Steps {
		s, f = max(s, frame.Width(st.Short)), max(f, frame.Width(st.Name))
	}
	return s + 6, f + 6
}()

func (s *Screen) sideWidth() (int, bool) {
	if s.w >= fullNamesFrom {
		return fullSideW, true
	}
	return shortSideW, false
}

// mainWidth is the main panel's width: what the sidebar leaves.
func (s *Screen) mainWidth() int {
	sw, _ := s.sideWidth()
	return max(s.w-sw-3, 20)
}

// View renders the screen's body.
func (s *Screen) View() string {
	if s.V == nil {
		return "\n  Memuat kunjungan…"
	}
	sw, full := s.sideWidth()
	mw := s.mainWidth()
	side := s.sidebar(sw, full)
	main := s.mainPanel(mw, s.h)
	bar := s.c.Styles.Border.Render("│")
	var b strings.Builder
	for i := 0; i < s.h; i++ {
		l, r := "", ""
		if i < len(side) {
			l = side[i]
		}
		if i < len(main) {
			r = main[i]
		}
		b.WriteString(frame.Pad(l, sw))
		b.WriteString(" ")
		b.WriteString(bar)
		b.WriteString(" ")
		b.WriteString(r)
		if i < s.h-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// stepMark is the sidebar's sign for a step's state.
func (s *Screen) stepMark(n int) (string, string) {
	st := s.c.Styles
	step := s.V.Step(n)
	switch {
	case step.State == store.StateWaiting:
		// "$": waiting for the bank. An hourglass emoji is one column in
		// some terminals and two in others, which shifted the sidebar.
		return st.Warn.Render("$ "), "menunggu"
	case step.State == store.StateDone:
		return st.StepDone.Render("✓ "), "selesai"
	case step.State == store.StateNA:
		return st.StepNA.UnsetStrikethrough().Render("– "), "tidak berlaku"
	case s.V.Open() && n == s.V.Current():
		return st.StepCurrent.Render("▶ "), "sekarang"
	}
	return st.StepPending.Render("· "), "belum"
}

// plainMark is the state's sign without colour, for the reversed row.
func plainMark(v *store.Visit, n int) string {
	switch v.Step(n).State {
	case store.StateWaiting:
		return "$ "
	case store.StateDone:
		return "✓ "
	case store.StateNA:
		return "– "
	}
	if v.Open() && n == v.Current() {
		return "▶ "
	}
	return "· "
}

// sidebar lists the 16 steps with their state; cached until the visit,
// the selection or the size changes.
func (s *Screen) sidebar(w int, full bool) []string {
	if s.side != nil && s.sideSel == s.Sel && s.sideV == s.V && s.sideW == w && s.sideFull == full {
		return s.side
	}
	st := s.c.Styles
	v := s.V
	status := v.Status.Label()
	if v.Open() && v.Suspended() {
		status = "Ditunda"
	}
	out := []string{st.Title.Render(frame.Pad(v.Queue()+" · "+status, w)), st.Dim.Render(frame.Pad(sideName(v.Guest.Name), w))}
	for n := 1; n <= store.NumSteps; n++ {
		mark, _ := s.stepMark(n)
		name := store.Steps[n-1].Short
		if full {
			name = store.Steps[n-1].Name
		}
		text := fmt.Sprintf("%2d %s", n, name)
		style := st.StepPending
		switch v.Step(n).State {
		case store.StateDone:
			style = st.StepDone
		case store.StateNA:
			style = st.StepNA
		case store.StateWaiting:
			style = st.StepWaiting
		default:
			if v.Open() && n == v.Current() {
				style = st.StepCurrent
			}
		}
		line := mark + style.Render(frame.Pad(text, w-2))
		if n == s.Sel {
			line = st.Selected.Render(frame.Pad(plainMark(v, n)+text, w))
		}
		out = append(out, line)
	}
	s.side, s.sideSel, s.sideV, s.sideW, s.sideFull = out, s.Sel, s.V, w, full
	return out
}

// mainPanel renders the selected step: a pinned heading, then its state,
// actor, wording and the editor's body, scrolled so the focused line shows.
func (s *Screen) mainPanel(w, h int) []string {
	st := s.c.Styles
	v, n := s.V, s.Sel
	info := store.Steps[n-1]
	_, stateWord := s.stepMark(n)

	var head []string
	if !v.Open() {
		head = append(head, s.closedLines(w)...)
	}
	actor := string(info.Actor)
	if info.Actor == store.ActorNone {
		actor = "—"
	}
	head = append(head, st.Dim.Render("Pelaku: ")+actor+st.Dim.Render(" · Status: ")+stateWord)
	head = append(head, s.stateLines(w)...)
	for _, l := range frame.Wrap(info.Text, w) {
		head = append(head, st.Dim.Render(l))
	}
	head = append(head, "")

	var body []string
	focus := -1
	ed := s.Editor()
	if v.Step(n).State == store.StateNA {
		if v.Open() { // a closed visit's enter goes back, as its heading says
			body = append(body, frame.Wrap("Tekan enter untuk ke langkah yang sedang dikerjakan.", w)...)
		}
	} else if ed != nil {
		var f int
		body, f = ed.body(v, w)
		if ff := ed.Fields(); ff != nil && len(ff.Fields) > 0 && v.Open() {
			focus = len(head) + f
		}
	}
	if s.cancel != nil {
		body = append(body, "")
		focus = len(head) + len(body)
		body = append(body, frame.SplitLines(s.cancel.View())...)
	}
	lines := append(head, body...)

	// The heading stays put (wrapped when the step's name is long); the
	// rest scrolls, keeping the focused line and a few after it (hint,
	// error, matches) in view; without a form the officer scrolls with ↑/↓.
	titles := frame.Wrap(fmt.Sprintf("Langkah %d/%d · %s", n, store.NumSteps, info.Name), w-9)
	vh := h - len(titles)
	foot := ""
	if p := ed.pinned(); p != "" && v.Step(n).State != store.StateNA {
		foot = p
		vh--
	}
	if focus >= 0 {
		// The focused field whole (a choice's options, its error and
		// hint) and a line or two after it, as far as the panel allows;
		// its first line always.
		after := 4
		if ff := editorForm(ed); ff != nil && s.cancel == nil {
			after = max(after, ff.FocusLen+1)
		}
		if focus < s.offset {
			s.offset = max(focus-1, 0)
		}
		if end := min(focus+after, len(lines)-1); end >= s.offset+vh {
			s.offset = min(end-vh+1, focus)
		}
	}
	s.offset = max(min(s.offset, len(lines)-vh), 0)
	more := ""
	if s.offset > 0 {
		more += "↑"
	}
	if s.offset+vh < len(lines) {
		more += "↓"
	}
	if more != "" {
		more = st.Dim.Render(" " + more + " gulir")
	}
	var out []string
	for i, t := range titles {
		if i == 0 {
			out = append(out, frame.Between(st.Title.Render(t), more, w))
		} else {
			out = append(out, st.Title.Render(t))
		}
	}
	end := min(s.offset+vh, len(lines))
	out = append(out, lines[s.offset:end]...)
	if foot != "" {
		for len(out) < h-1 {
			out = append(out, "")
		}
		out = append(out, foot)
	}
	return out
}

// stateLines says where the selected step stands.
func (s *Screen) stateLines(w int) []string {
	st := s.c.Styles
	v, n := s.V, s.Sel
	step := v.Step(n)
	var l string
	switch step.State {
	case store.StateNA:
		return frame.WrapStyled(st.Warn, "Tidak berlaku untuk kunjungan ini: "+step.Reason, w)
	case store.StateWaiting:
		l = st.Warn.Render("$ Menunggu pembayaran melalui bank.")
	case store.StateDone:
		// Only a step with inputs that may still be recorded is corrected
		// by editing them (a paid payment is not: the screen says where).
		if ed := s.Editor(); n == store.StepArrival || !v.Open() || editorForm(ed) == nil || len(ed.Fields().Fields) == 0 || ed.refusal(v) != nil {
			return frame.WrapStyled(st.OK, "✓ Dicatat pukul "+frame.Hm(step.DoneAt)+".", w)
		}
		return frame.WrapStyled(st.OK, "✓ Dicatat pukul "+frame.Hm(step.DoneAt)+". Untuk mengoreksi: ubah isian lalu ctrl+s.", w)
	default:
		if v.Open() && n != v.Current() {
			return frame.WrapStyled(st.Dim, fmt.Sprintf("Langkah yang sedang dikerjakan: %d (%s).", v.Current(), store.Steps[v.Current()-1].Short), w)
		}
		return nil
	}
	return []string{l}
}

// closedLines head the panel of a visit that has ended.
func (s *Screen) closedLines(w int) []string {
	st := s.c.Styles
	v := s.V
	text := "Kunjungan " + v.Queue() + ": " + v.Status.Label()
	if v.StatusReason != "" {
		text += " (" + v.StatusReason + ")"
	}
	style := st.OK
	if v.Status != store.VisitDone {
		style = st.Warn
	}
	return append(frame.WrapStyled(style, text+".", w), st.Dim.Render("enter/esc: kembali ke "+s.backName()+" · pgup/pgdn: lihat langkah"))
}

// Status is the service clock against the 5-minute standard: its colour
// turns at 4:00 and at 5:00; it stops while the visit is suspended and once
// it is closed.
func (s *Screen) Status() string {
	if s.V == nil {
		return ""
	}
	st := s.c.Styles
	d := s.V.ServiceTime(s.c.Now())
	txt := "Waktu layanan " + frame.Stopwatch(d) + " / 05:00"
	switch {
	case d >= store.ServiceStandard:
		return st.Err.Render(txt)
	case d >= store.ServiceStandard-store.ServiceStandard/5:
		return st.Warn.Render(txt)
	}
	return st.OK.Render(txt)
}

// sideName is the visitor's name for the sidebar, short enough for it.
func sideName(n string) string {
	if n == "" {
		return "(belum diisi)"
	}
	return n
}

// editorForm is an editor's form, nil without an editor or a form.
func editorForm(ed editor) *form.Form {
	if ed == nil {
		return nil
	}
	return ed.Fields()
}
