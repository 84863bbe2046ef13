// Package form is the counter app's field kit: text fields and choices
// walked with enter and tab, errors in Indonesian under the field, and the
// guest-book fields shared by the visit and the visitor record.
package form

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"loket/store/valid"
	"loket/tui/frame"
)

// A small field kit for the step forms. huh owns enter, tab and its own
// navigation inside a form; the visit screen needs enter to walk the fields
// and confirm on the last, ctrl+s to confirm from anywhere, pgup/pgdown for
// steps, live lookups and quotes while typing, and single keys for scores,
// so these forms are written by hand: text fields (bubbles textinput) and
// choices (an option list moved with ←/→, space or the first letter).

type fieldKind int

const (
	TextField fieldKind = iota
	ChoiceField
)

// Field is one input of a form: a text field or a choice.
type Field struct {
	Key   string
	Label string
	Kind  fieldKind
	In    textinput.Model
	Opts  []string
	Sel   int    // chosen option, -1 none
	Hint  string // shown under the focused field
	Err   string // validation message next to the field
	// Note says what became of the last paste when it did not all fit
	// (cut at the field's limit); it goes with the next change.
	Note   string
	Hidden bool
	// suggest is a text field's proposed value (the year of birth read
	// from a NIK): shown dimmed, taken when the field is left empty, and
	// replaced by whatever the officer types.
	Suggest     string
	SuggestNote string // shown after the suggestion; "(usulan)" when empty
	// PassOver: enter passes over the field, which was filled for the
	// officer (the gender and the proposed year read from a NIK); tab, ↓
	// and ↑ still reach it, and the line under the field before says
	// where enter goes.
	PassOver bool
	// typed is what the officer has typed on a focused choice since it
	// got the focus: "p", "pe", "peg" narrow to the option starting so.
	typed string
}

// value is the text typed or the option chosen ("" for none).
func (fl *Field) Value() string {
	if fl.Kind == TextField {
		if v := fl.In.Value(); v != "" || fl.Suggest == "" {
			return v
		}
		return fl.Suggest
	}
	if fl.Sel < 0 || fl.Sel >= len(fl.Opts) {
		return ""
	}
	return fl.Opts[fl.Sel]
}

// TextF is a text field holding value.
func TextF(key, label, value string) *Field {
	in := textinput.New()
	in.Prompt = ""
	in.SetValue(value)
	in.CharLimit = 2000
	return &Field{Key: key, Label: label, Kind: TextField, In: in, Sel: -1}
}

// ChoiceF is a choice among opts, value chosen ("" for none).
func ChoiceF(key, label string, opts []string, value string) *Field {
	fl := &Field{Key: key, Label: label, Kind: ChoiceField, Opts: opts, Sel: -1}
	fl.Choose(value)
	return fl
}

// The two answers of a YesNo field, as the officer sees them.
const (
	Yes = "Ya"
	No  = "Tidak"
)

// YesNo is a Ya/Tidak choice; "" leaves it unanswered.
func YesNo(key, label, value string) *Field {
	return ChoiceF(key, label, []string{Yes, No}, value)
}

// Yn is the YesNo answer for b.
func Yn(b bool) string {
	if b {
		return Yes
	}
	return No
}

// IsYes reports whether a YesNo field is answered Ya.
func (fl *Field) IsYes() bool { return fl.Value() == Yes }

// IsNo reports whether a YesNo field is answered Tidak (unanswered is
// neither).
func (fl *Field) IsNo() bool { return fl.Value() == No }

// Yes reports whether the YesNo field key is answered Ya; false for a
// field the form does not have.
func (f *Form) Yes(key string) bool {
	fl := f.Get(key)
	return fl != nil && fl.IsYes()
}

// No reports whether the YesNo field key is answered Tidak.
func (f *Form) No(key string) bool {
	fl := f.Get(key)
	return fl != nil && fl.IsNo()
}

// Choose selects option v (case does not matter); no option matching
// leaves the field unanswered.
func (fl *Field) Choose(v string) {
	fl.Sel = -1
	for i, o := range fl.Opts {
		if strings.EqualFold(o, v) {
			fl.Sel = i
		}
	}
}

// WithHint sets the hint shown under the field.
func (fl *Field) WithHint(h string) *Field { fl.Hint = h; return fl }

// form is an ordered set of fields with one focused.
type Form struct {
	C      *frame.Context
	Fields []*Field
	Focus  int
	Styles *frame.Styles // the styles the inputs were given
	Dirty  bool          // the officer changed something since it was filled
	// EnterSays, when set, says what enter does now if the screen takes it
	// from the form ("ambil Siti Aminah" on a highlighted lookup match);
	// "" when enter walks the form. Asked at each draw, never stored.
	EnterSays func() string
	// PickMoves: the screen moves on after a pick by number or y/t, as
	// enter would (PickKey); the line under a choice says so. Off, a pick
	// only chooses.
	PickMoves bool
	// focusLen is how many lines the focused field took when last drawn
	// (its options, error and hint), for scrolling it all into view.
	FocusLen int
}

// New builds the screen from the shared context.
func New(c *frame.Context, fields ...*Field) *Form {
	f := &Form{C: c, Fields: fields}
	f.Restyle()
	f.FocusAt(f.firstVisible())
	return f
}

// Restyle takes the context's styles (they change with the background).
func (f *Form) Restyle() {
	if f.Styles == f.C.Styles {
		return
	}
	f.Styles = f.C.Styles
	for _, fl := range f.Fields {
		if fl.Kind == TextField {
			fl.In.SetStyles(f.Styles.Input)
		}
	}
}

func (f *Form) firstVisible() int {
	for i, fl := range f.Fields {
		if !fl.Hidden {
			return i
		}
	}
	return 0
}

// Get is the field key, or nil.
func (f *Form) Get(key string) *Field {
	for _, fl := range f.Fields {
		if fl.Key == key {
			return fl
		}
	}
	return nil
}

// Val is field key's value, "" for a field the form does not have.
func (f *Form) Val(key string) string {
	if fl := f.Get(key); fl != nil {
		return fl.Value()
	}
	return ""
}

// Cur is the focused field, or nil.
func (f *Form) Cur() *Field {
	if f.Focus < 0 || f.Focus >= len(f.Fields) {
		return nil
	}
	return f.Fields[f.Focus]
}

// FocusAt focuses field i (-1: none).
func (f *Form) FocusAt(i int) {
	for j, fl := range f.Fields {
		if fl.Kind == TextField && j != i {
			fl.In.Blur()
		}
	}
	if i < 0 || i >= len(f.Fields) {
		return
	}
	f.Fields[i].typed = ""
	f.Focus = i
	if fl := f.Fields[i]; fl.Kind == TextField {
		fl.In.Focus()
		fl.In.CursorEnd()
	}
}

// focusKey focuses a field by key.
func (f *Form) FocusKey(key string) {
	for i, fl := range f.Fields {
		if fl.Key == key && !fl.Hidden {
			f.FocusAt(i)
		}
	}
}

// next focuses the next visible field; false when the focus is on the last.
func (f *Form) Next() bool {
	for i := f.Focus + 1; i < len(f.Fields); i++ {
		if !f.Fields[i].Hidden {
			f.FocusAt(i)
			return true
		}
	}
	return false
}

// EnterTarget is the field enter moves to from the focused one: the next
// visible field that enter does not pass over; -1 when enter saves.
func (f *Form) EnterTarget() int {
	for i := f.Focus + 1; i < len(f.Fields); i++ {
		if fl := f.Fields[i]; !fl.Hidden && !fl.PassOver {
			return i
		}
	}
	return -1
}

// prev focuses the previous visible field; false on the first.
func (f *Form) Prev() bool {
	for i := f.Focus - 1; i >= 0; i-- {
		if !f.Fields[i].Hidden {
			f.FocusAt(i)
			return true
		}
	}
	return false
}

// fixFocus moves the focus off a field that became hidden.
func (f *Form) FixFocus() {
	if fl := f.Cur(); fl != nil && fl.Hidden {
		if !f.Next() && !f.Prev() {
			f.FocusAt(f.firstVisible())
		}
	}
}

// Typing reports a focused text field, which takes single letters.
func (f *Form) Typing() bool {
	fl := f.Cur()
	return fl != nil && fl.Kind == TextField
}

// KeyMap are the keys of the field kit: walking a form and changing a
// choice. The screens show them in their help as "tab/↑↓ kolom" and
// "← / → / spasi"; a text field takes every other key as typing.
type KeyMap struct {
	Enter, Next, Prev       key.Binding // enter: next field, or submit on the last
	OptNext, OptPrev, Clear key.Binding // a choice's options
}

// Keys is the field kit's key map, the same in every form.
var Keys = KeyMap{
	Enter:   key.NewBinding(key.WithKeys("enter")),
	Next:    key.NewBinding(key.WithKeys("tab", "down")),
	Prev:    key.NewBinding(key.WithKeys("shift+tab", "up")),
	OptNext: key.NewBinding(key.WithKeys("right", "space")),
	OptPrev: key.NewBinding(key.WithKeys("left")),
	Clear:   key.NewBinding(key.WithKeys("backspace", "delete")),
}

// Advance is enter's move: to the next field it does not pass over
// (EnterTarget); false when there is none and enter saves.
func (f *Form) Advance() bool {
	i := f.EnterTarget()
	if i < 0 {
		return false
	}
	f.FocusAt(i)
	return true
}

// Move handles the keys that walk a form: enter (the next field, or on
// the last one the form's submit), tab/↓ and shift+tab/↑. It reports
// whether the key was one of them and whether to submit.
func (f *Form) Move(msg tea.KeyPressMsg) (handled, submit bool) {
	switch {
	case key.Matches(msg, Keys.Enter):
		return true, !f.Advance()
	case key.Matches(msg, Keys.Next):
		f.Next()
		return true, false
	case key.Matches(msg, Keys.Prev):
		f.Prev()
		return true, false
	}
	return false, false
}

// Key gives a key to the focused field and reports whether its value
// changed.
func (f *Form) Key(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	fl := f.Cur()
	if fl == nil {
		return false, nil
	}
	hadErr := fl.Err != ""
	if fl.Kind == TextField {
		old := fl.In.Value()
		var cmd tea.Cmd
		fl.In, cmd = fl.In.Update(msg)
		ch := f.changed(fl, old != fl.In.Value())
		return ch, tea.Batch(cmd, f.fixed(hadErr))
	}
	old := fl.Sel
	n := len(fl.Opts)
	switch {
	case key.Matches(msg, Keys.OptNext):
		fl.Sel = (fl.Sel + 1) % n
	case key.Matches(msg, Keys.OptPrev):
		if fl.Sel <= 0 {
			fl.Sel = n - 1
		} else {
			fl.Sel--
		}
	case key.Matches(msg, Keys.Clear):
		fl.Sel = -1
	default:
		fl.Sel = fl.pick(msg.Text)
	}
	if old != fl.Sel && msg.Text == "" {
		fl.typed = "" // an arrow or a clear starts the typing afresh
	}
	ch := f.changed(fl, old != fl.Sel)
	return ch, f.fixed(hadErr)
}

// fieldFixedMsg: the officer changed a field the last save marked wrong;
// the error line, which summed up that save, is cleared (the other
// fields keep their marks, and the next save checks again).
type fieldFixedMsg struct{}

// Success clears the error line: the store accepted the change.
func (fieldFixedMsg) Success() {}

// fixed reports a field that had an error and was just changed.
func (f *Form) fixed(hadErr bool) tea.Cmd {
	if !hadErr {
		return nil
	}
	return func() tea.Msg { return fieldFixedMsg{} }
}

// Fix follows an edit a screen made itself (a score typed on the rating
// step): the field's mark goes, and the error line above the form too.
func (f *Form) Fix(fl *Field) tea.Cmd {
	hadErr := fl.Err != ""
	fl.Err = ""
	f.Dirty = true
	return f.fixed(hadErr)
}

func (f *Form) changed(fl *Field, yes bool) bool {
	if yes {
		fl.Err, fl.Note = "", ""
		f.Dirty = true
	}
	return yes
}

// Paste puts pasted text into the focused text field. What does not fit
// the field's limit is left out, and the field says so: the officer must
// not find a long paste cut without a word.
func (f *Form) Paste(msg tea.PasteMsg) bool {
	fl := f.Cur()
	if fl == nil || fl.Kind != TextField {
		return false
	}
	clean := pasteText(msg.Content)
	old := fl.In.Value()
	fl.In, _ = fl.In.Update(tea.PasteMsg{Content: clean})
	ch := f.changed(fl, old != fl.In.Value())
	got := len([]rune(fl.In.Value())) - len([]rune(old))
	if lost := len([]rune(clean)) - got; fl.In.CharLimit > 0 && lost > 0 {
		fl.Note = fmt.Sprintf("Tempelan dipotong: isian paling banyak %s karakter; %s karakter tidak masuk.",
			frame.Thousands(int64(fl.In.CharLimit)), frame.Thousands(int64(lost)))
	}
	return ch
}

// pasteText is pasted text as a one-line field keeps it (the text
// input's own cleaning: line breaks and tabs become spaces, other control
// characters go), so that what did not fit can be counted.
func pasteText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError:
			return -1
		case r == '\r' || r == '\n' || r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// FieldErrs are the field refusals in err: every one of a valid.Errors,
// or the single *valid.Error; nil for any other error.
func FieldErrs(err error) []*valid.Error {
	var ves valid.Errors
	if errors.As(err, &ves) {
		return ves
	}
	var ve *valid.Error
	if errors.As(err, &ve) {
		return []*valid.Error{ve}
	}
	return nil
}

// ShowErr puts every field refusal in err next to the field it names,
// replacing the marks of the last save, and focuses the first marked field
// in the form's order; it reports whether a field was found.
func (f *Form) ShowErr(err error) bool {
	es := FieldErrs(err)
	first := -1
	for i, fl := range f.Fields {
		if fl.Hidden {
			continue
		}
		for _, ve := range es {
			if ve.Field != "" && strings.EqualFold(fl.Label, ve.Field) {
				if first < 0 {
					f.ClearErrs() // the marks of the last save go first
					first = i
				}
				fl.Err = ve.Msg
				break
			}
		}
	}
	if first < 0 {
		return false
	}
	f.FocusAt(first)
	return true
}

// ClearErrs removes every field's error. A paste's note stays until the
// field changes: a save does not make the cut text whole.
func (f *Form) ClearErrs() {
	for _, fl := range f.Fields {
		fl.Err = ""
	}
}
