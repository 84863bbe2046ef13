package tui

import (
	"errors"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"loket/store/valid"
)

// A small field kit for the step forms. huh owns enter, tab and its own
// navigation inside a form; the visit screen needs enter to walk the fields
// and confirm on the last, ctrl+s to confirm from anywhere, pgup/pgdown for
// steps, live lookups and quotes while typing, and single keys for scores,
// so these forms are written by hand: text fields (bubbles textinput) and
// choices (an option list moved with ←/→, space or the first letter).

type fieldKind int

const (
	textField fieldKind = iota
	choiceField
)

type field struct {
	key    string
	label  string
	kind   fieldKind
	in     textinput.Model
	opts   []string
	sel    int    // chosen option, -1 none
	hint   string // shown under the focused field
	err    string // validation message next to the field
	hidden bool
	// suggest is a text field's proposed value (the year of birth read
	// from a NIK): shown dimmed, taken when the field is left empty, and
	// replaced by whatever the officer types.
	suggest     string
	suggestNote string // shown after the suggestion; "(usulan)" when empty
}

// value is the text typed or the option chosen ("" for none).
func (fl *field) value() string {
	if fl.kind == textField {
		if v := fl.in.Value(); v != "" || fl.suggest == "" {
			return v
		}
		return fl.suggest
	}
	if fl.sel < 0 || fl.sel >= len(fl.opts) {
		return ""
	}
	return fl.opts[fl.sel]
}

func textF(key, label, value string) *field {
	in := textinput.New()
	in.Prompt = ""
	in.SetValue(value)
	in.CharLimit = 2000
	return &field{key: key, label: label, kind: textField, in: in, sel: -1}
}

func choiceF(key, label string, opts []string, value string) *field {
	fl := &field{key: key, label: label, kind: choiceField, opts: opts, sel: -1}
	fl.choose(value)
	return fl
}

// yesNo is a Ya/Tidak choice; "" leaves it unanswered.
func yesNo(key, label, value string) *field {
	return choiceF(key, label, []string{"Ya", "Tidak"}, value)
}

func yn(b bool) string {
	if b {
		return "Ya"
	}
	return "Tidak"
}

func (fl *field) choose(v string) {
	fl.sel = -1
	for i, o := range fl.opts {
		if strings.EqualFold(o, v) {
			fl.sel = i
		}
	}
}

func (fl *field) withHint(h string) *field { fl.hint = h; return fl }

// form is an ordered set of fields with one focused.
type form struct {
	c      *Context
	fields []*field
	focus  int
	styles *Styles // the styles the inputs were given
	dirty  bool    // the officer changed something since it was filled
	// focusLen is how many lines the focused field took when last drawn
	// (its options, error and hint), for scrolling it all into view.
	focusLen int
}

func newForm(c *Context, fields ...*field) *form {
	f := &form{c: c, fields: fields}
	f.restyle()
	f.focusAt(f.firstVisible())
	return f
}

func (f *form) restyle() {
	if f.styles == f.c.Styles {
		return
	}
	f.styles = f.c.Styles
	for _, fl := range f.fields {
		if fl.kind == textField {
			fl.in.SetStyles(f.styles.Input)
		}
	}
}

func (f *form) firstVisible() int {
	for i, fl := range f.fields {
		if !fl.hidden {
			return i
		}
	}
	return 0
}

func (f *form) get(key string) *field {
	for _, fl := range f.fields {
		if fl.key == key {
			return fl
		}
	}
	return nil
}

func (f *form) val(key string) string {
	if fl := f.get(key); fl != nil {
		return fl.value()
	}
	return ""
}

func (f *form) cur() *field {
	if f.focus < 0 || f.focus >= len(f.fields) {
		return nil
	}
	return f.fields[f.focus]
}

func (f *form) focusAt(i int) {
	for j, fl := range f.fields {
		if fl.kind == textField && j != i {
			fl.in.Blur()
		}
	}
	if i < 0 || i >= len(f.fields) {
		return
	}
	f.focus = i
	if fl := f.fields[i]; fl.kind == textField {
		fl.in.Focus()
		fl.in.CursorEnd()
	}
}

// focusKey focuses a field by key.
func (f *form) focusKey(key string) {
	for i, fl := range f.fields {
		if fl.key == key && !fl.hidden {
			f.focusAt(i)
		}
	}
}

// next focuses the next visible field; false when the focus is on the last.
func (f *form) next() bool {
	for i := f.focus + 1; i < len(f.fields); i++ {
		if !f.fields[i].hidden {
			f.focusAt(i)
			return true
		}
	}
	return false
}

// prev focuses the previous visible field; false on the first.
func (f *form) prev() bool {
	for i := f.focus - 1; i >= 0; i-- {
		if !f.fields[i].hidden {
			f.focusAt(i)
			return true
		}
	}
	return false
}

// fixFocus moves the focus off a field that became hidden.
func (f *form) fixFocus() {
	if fl := f.cur(); fl != nil && fl.hidden {
		if !f.next() && !f.prev() {
			f.focusAt(f.firstVisible())
		}
	}
}

func (f *form) typing() bool {
	fl := f.cur()
	return fl != nil && fl.kind == textField
}

// move handles the keys that walk a form: enter (the next field, or on
// the last one the form's submit), tab/↓ and shift+tab/↑. It reports
// whether the key was one of them and whether to submit.
func (f *form) move(msg tea.KeyPressMsg) (handled, submit bool) {
	switch msg.String() {
	case "enter":
		return true, !f.next()
	case "tab", "down":
		f.next()
		return true, false
	case "shift+tab", "up":
		f.prev()
		return true, false
	}
	return false, false
}

// key gives a key to the focused field and reports whether its value
// changed.
func (f *form) key(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	fl := f.cur()
	if fl == nil {
		return false, nil
	}
	hadErr := fl.err != ""
	if fl.kind == textField {
		old := fl.in.Value()
		var cmd tea.Cmd
		fl.in, cmd = fl.in.Update(msg)
		ch := f.changed(fl, old != fl.in.Value())
		return ch, tea.Batch(cmd, f.fixed(hadErr))
	}
	old := fl.sel
	n := len(fl.opts)
	switch msg.String() {
	case "right", "space":
		fl.sel = (fl.sel + 1) % n
	case "left":
		if fl.sel <= 0 {
			fl.sel = n - 1
		} else {
			fl.sel--
		}
	case "backspace", "delete":
		fl.sel = -1
	default:
		fl.sel = typeAhead(fl.opts, fl.sel, msg.Text)
	}
	ch := f.changed(fl, old != fl.sel)
	return ch, f.fixed(hadErr)
}

// fieldFixedMsg: the officer changed the field whose error the error line
// shows, and no field is marked wrong any more; the line is cleared (the
// next save checks again).
type fieldFixedMsg struct{}

func (fieldFixedMsg) success() {}

// fixed reports a field that had an error and was just changed, once no
// field of the form has one left.
func (f *form) fixed(hadErr bool) tea.Cmd {
	if !hadErr {
		return nil
	}
	for _, fl := range f.fields {
		if fl.err != "" {
			return nil
		}
	}
	return func() tea.Msg { return fieldFixedMsg{} }
}

func (f *form) changed(fl *field, yes bool) bool {
	if yes {
		fl.err = ""
		f.dirty = true
	}
	return yes
}

// typeAhead picks the next option whose first letter or digit is the one
// typed, starting after the current one so repeated presses cycle.
func typeAhead(opts []string, cur int, typed string) int {
	r := []rune(strings.ToLower(typed))
	if len(r) != 1 {
		return cur
	}
	for k := 1; k <= len(opts); k++ {
		i := (cur + k) % len(opts)
		if i < 0 {
			i += len(opts)
		}
		for _, c := range strings.ToLower(opts[i]) {
			if unicode.IsLetter(c) || unicode.IsDigit(c) {
				if c == r[0] {
					return i
				}
				break
			}
		}
	}
	return cur
}

// paste puts pasted text into the focused text field.
func (f *form) paste(msg tea.PasteMsg) bool {
	fl := f.cur()
	if fl == nil || fl.kind != textField {
		return false
	}
	old := fl.in.Value()
	fl.in, _ = fl.in.Update(msg)
	return f.changed(fl, old != fl.in.Value())
}

// showErr puts a validation error next to the field it names and focuses
// that field; it reports whether a field was found.
func (f *form) showErr(err error) bool {
	var ve *valid.Error
	if !errors.As(err, &ve) || ve.Field == "" {
		return false
	}
	for i, fl := range f.fields {
		if !fl.hidden && strings.EqualFold(fl.label, ve.Field) {
			fl.err = ve.Msg
			f.focusAt(i)
			return true
		}
	}
	return false
}

func (f *form) clearErrs() {
	for _, fl := range f.fields {
		fl.err = ""
	}
}

// labelWidth is the label column for a panel width: wide enough for the
// longest label, at most half the panel (a longer label gets its own line).
func (f *form) labelWidth(w int) int {
	lw := 8
	for _, fl := range f.fields {
		if !fl.hidden {
			lw = max(lw, width(fl.label)+1)
		}
	}
	return min(lw, max(w/2, 12))
}

// decor adds lines over and under a field (a heading, a lookup's matches).
type decor func(fl *field) (before, after []string)

// under is a decor that only adds lines under fields.
func under(fn func(fl *field) []string) decor {
	return func(fl *field) ([]string, []string) { return nil, fn(fl) }
}

// lines renders the visible fields for a panel of width w, with the decor's
// lines when d is not nil. focus is the line of the focused field.
func (f *form) lines(w int, d decor) (out []string, focus int) {
	f.restyle()
	st := f.c.Styles
	lw := f.labelWidth(w)
	vw := max(w-lw-2, 8)
	for i, fl := range f.fields {
		if fl.hidden {
			continue
		}
		var before, after []string
		if d != nil {
			before, after = d(fl)
		}
		out = append(out, before...)
		on := i == f.focus
		ls := st.Label
		mark := "  "
		if on {
			ls, mark = st.LabelOn, st.LabelOn.Render("› ")
			focus = len(out)
		}
		indent := strings.Repeat(" ", lw+2)
		lab := ls.Render(pad(fl.label, lw))
		if width(fl.label) > lw {
			// Too long for the column: the label on its own line(s).
			for j, l := range wrap(fl.label, w-2) {
				if j == 0 {
					out = append(out, mark+ls.Render(l))
				} else {
					out = append(out, "  "+ls.Render(l))
				}
			}
			mark, lab = "  ", strings.Repeat(" ", lw)
		}
		vals := fl.render(st, on, vw)
		for j, v := range vals {
			if j == 0 {
				out = append(out, mark+lab+v)
			} else {
				out = append(out, indent+v)
			}
		}
		if fl.err != "" {
			for _, l := range wrap("✗ "+fl.err, vw) {
				out = append(out, indent+st.Err.Render(l))
			}
		}
		if on && fl.hint != "" {
			for _, l := range wrap(fl.hint, vw) {
				out = append(out, indent+st.Dim.Render(l))
			}
		}
		if on {
			f.focusLen = len(out) - focus
		}
		out = append(out, after...)
	}
	return out, focus
}

func (fl *field) render(st *Styles, on bool, w int) []string {
	if fl.kind == textField {
		if on {
			// The input scrolls its value within its width, but works the
			// window out only when the cursor moves: a field focused
			// before its width was known would show its whole value.
			if fl.in.Width() != w-1 {
				fl.in.SetWidth(w - 1)
				fl.in.SetCursor(fl.in.Position())
			}
			return []string{fl.in.View()}
		}
		v := fl.in.Value()
		if v == "" && fl.suggest != "" {
			note := fl.suggestNote
			if note == "" {
				note = "(usulan)"
			}
			return []string{st.Dim.Render(fl.suggest + " " + note)}
		}
		if v == "" {
			return []string{st.Dim.Render("—")}
		}
		if fl.in.EchoMode == textinput.EchoPassword {
			v = strings.Repeat("•", len([]rune(v)))
		}
		return wrap(v, w)
	}
	if !on {
		if fl.sel < 0 {
			return []string{st.Dim.Render("(belum dipilih)")}
		}
		return wrap(fl.opts[fl.sel], w)
	}
	// Focused: every option, the chosen one in brackets, wrapped to the
	// width; the first option starts where a text value would.
	var lines []string
	cur, curW := "", 0
	for i, o := range fl.opts {
		style := st.Option
		if i == fl.sel {
			o, style = "["+o+"]", st.OptionOn
		}
		txt, ow := style.Render(o), width(o)
		if ow > w {
			// Wider than the column: on lines of its own, wrapped.
			if curW > 0 {
				lines = append(lines, cur)
			}
			parts := wrap(o, w)
			for _, p := range parts[:len(parts)-1] {
				lines = append(lines, style.Render(p))
			}
			last := parts[len(parts)-1]
			cur, curW = style.Render(last), width(last)
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
