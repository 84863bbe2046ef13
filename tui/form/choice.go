package form

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
)

// Choosing an option by typing: its number beside it, or a prefix of its
// name that narrows as the officer types.

// Numbered reports a choice whose options are picked by their number,
// 1 to 9, shown beside each: every list of nine options or fewer whose
// options do not start with a digit themselves.
func (fl *Field) Numbered() bool {
	if fl.Kind != ChoiceField || len(fl.Opts) > 9 {
		return false
	}
	for _, o := range fl.Opts {
		if o != "" && unicode.IsDigit([]rune(o)[0]) {
			return false
		}
	}
	return true
}

// pick is the option a typed character chooses: its number, or the first
// option starting with everything typed so far ("pe", then "peg" for
// Pegawai Swasta; the current option is kept while it still matches). A
// letter that matches nothing with what came before starts afresh and,
// typed again, moves to the next option with that initial.
func (fl *Field) pick(typed string) int {
	r := []rune(strings.ToLower(typed))
	if len(r) != 1 {
		return fl.Sel
	}
	if fl.Numbered() && r[0] >= '1' && r[0] <= '9' {
		if n := int(r[0] - '0'); n <= len(fl.Opts) {
			fl.typed = ""
			return n - 1
		}
		return fl.Sel
	}
	if p := fl.typed + string(r); len(fl.typed) > 0 {
		if fl.Sel >= 0 && hasPrefix(fl.Opts[fl.Sel], p) {
			fl.typed = p
			return fl.Sel
		}
		for i, o := range fl.Opts {
			if hasPrefix(o, p) {
				fl.typed = p
				return i
			}
		}
	}
	fl.typed = string(r)
	return typeAhead(fl.Opts, fl.Sel, string(r))
}

// hasPrefix compares an option's letters and digits (ignoring case, "≤"
// and the like) with what was typed.
func hasPrefix(opt, p string) bool {
	var b strings.Builder
	for _, c := range strings.ToLower(opt) {
		if unicode.IsLetter(c) || unicode.IsDigit(c) || (c == ' ' && b.Len() > 0) {
			b.WriteRune(c)
		}
	}
	return strings.HasPrefix(b.String(), p)
}

// Typed is what was typed on the focused choice so far, to show it.
func (fl *Field) Typed() string { return fl.typed }

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

// YesNo reports a Ya/Tidak question.
func (fl *Field) YesNo() bool {
	return fl.Kind == ChoiceField && len(fl.Opts) == 2 && fl.Opts[0] == Yes && fl.Opts[1] == No
}

// PickKey reports a key that picks an option of the focused choice in one
// press and so acts as enter after it (the next field, or saving on the
// last), as a score does on the rating step: the number beside an option,
// or y/t on a Ya/Tidak question. Letters of other options only narrow the
// choice: a name typed on would run into the next field.
func (f *Form) PickKey(msg tea.KeyPressMsg) bool {
	fl := f.Cur()
	if fl == nil || fl.Kind != ChoiceField || !fl.Numbered() {
		return false
	}
	r := []rune(strings.ToLower(msg.Text))
	if len(r) != 1 || msg.Mod&(tea.ModCtrl|tea.ModAlt) != 0 {
		return false
	}
	if r[0] >= '1' && int(r[0]-'0') <= len(fl.Opts) {
		return true
	}
	return fl.YesNo() && (r[0] == 'y' || r[0] == 't')
}
