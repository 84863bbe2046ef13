package visit

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/tui/form"
	"loket/tui/frame"
)

// Step 15: the SKM (PermenPANRB 14/2017). Each of the nine unsur takes one
// key, 1 to 4, and the focus moves on by itself; then a suggestion. The
// visitor may decline the survey (t on an unsur).

var scores = []string{"1", "2", "3", "4"}

// RatingEd is the rating step (SKM): scores by key, or declined.
type RatingEd struct {
	formEd
	id       string
	declined bool

	score, decline key.Binding
}

func newRatingEd(c *frame.Context, v *store.Visit) *RatingEd {
	var fs []*form.Field
	var r store.Rating
	if v.Rating != nil {
		r = *v.Rating
	}
	for i := range store.SKMElements {
		val := ""
		if r.Scores[i] > 0 {
			val = fmt.Sprint(r.Scores[i])
		}
		fs = append(fs, form.ChoiceF(fmt.Sprintf("u%d", i+1), fmt.Sprintf("U%d", i+1), scores, val))
	}
	fs = append(fs, form.TextF("saran", "Saran", r.Saran).WithHint("Saran atau masukan pengguna layanan (boleh kosong). enter: simpan."))
	e := &RatingEd{formEd: formEd{c: c, F: form.New(c, fs...)}, id: v.ID, declined: r.Declined,
		score:   key.NewBinding(key.WithKeys("1", "2", "3", "4"), key.WithHelp("1–4", "nilai")),
		decline: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "tolak survei")),
	}
	e.syncKeys()
	return e
}

func (e *RatingEd) onScore() bool {
	fl := e.F.Cur()
	return fl != nil && fl.Kind == form.ChoiceField
}

func (e *RatingEd) syncKeys() {
	on := e.onScore()
	e.score.SetEnabled(on && !e.declined)
	e.decline.SetEnabled(on)
	if e.declined {
		e.decline.SetHelp("t", "isi survei lagi")
	} else {
		e.decline.SetHelp("t", "tolak survei")
	}
}

func (e *RatingEd) keys() []key.Binding { e.syncKeys(); return []key.Binding{e.score, e.decline} }

func (e *RatingEd) handleKey(msg tea.KeyPressMsg, _ *store.Visit) (bool, tea.Cmd) {
	if !e.onScore() {
		return false, nil
	}
	switch {
	case key.Matches(msg, e.decline):
		e.declined = !e.declined
		e.F.Dirty = true
		var cmd tea.Cmd
		if e.declined {
			// A declined survey has no scores to miss: the marks go.
			for _, fl := range e.F.Fields {
				if fl.Kind == form.ChoiceField && fl.Err != "" {
					cmd = e.F.Fix(fl)
				}
			}
			e.F.FocusKey("saran")
		}
		return true, cmd
	case pressed(msg, e.score):
		if e.declined {
			return true, refused(errors.New("Pengguna layanan tidak bersedia mengisi SKM: tekan t untuk mengisi survei lagi"))
		}
		fl := e.F.Cur()
		fl.Choose(msg.Text)
		cmd := e.F.Fix(fl)
		e.F.Next()
		return true, cmd
	}
	return false, nil
}

func (e *RatingEd) body(_ *store.Visit, w int) ([]string, int) {
	st := e.c.Styles
	out := frame.WrapStyled(st.Dim, "Nilai: 1 tidak baik/sesuai · 2 kurang · 3 baik/sesuai · 4 sangat baik/sesuai", w)
	if e.declined {
		out = append(out, st.Warn.Render("Pengguna layanan tidak bersedia mengisi SKM."))
	}
	out = append(out, "")
	focus := 0
	for i, fl := range e.F.Fields {
		if fl.Kind != form.ChoiceField {
			continue
		}
		on := i == e.F.Focus
		mark := "  "
		if on {
			mark = st.LabelOn.Render("› ")
			focus = len(out)
		}
		var boxes strings.Builder
		for j, s := range scores {
			if j == fl.Sel && !e.declined {
				boxes.WriteString(st.OptionOn.Render("[" + s + "]"))
			} else {
				boxes.WriteString(st.Option.Render(" " + s + " "))
			}
		}
		label := fl.Label + " "
		name := store.SKMElements[i]
		if on {
			label = st.LabelOn.Render(label)
		}
		row := frame.WrapIndent(name, max(w-18, 10), 0)
		out = append(out, mark+label+boxes.String()+"  "+row[0])
		for _, r := range row[1:] {
			out = append(out, strings.Repeat(" ", 18)+r)
		}
		if fl.Err != "" {
			out = append(out, "     "+st.Err.Render("✗ "+fl.Err))
		}
	}
	out = append(out, "")
	saran := e.F.Get("saran")
	lines, f := (&form.Form{C: e.c, Fields: []*form.Field{saran}, Focus: -1, Styles: e.F.Styles}).Lines(w, nil)
	if e.F.Cur() == saran {
		lines, f = (&form.Form{C: e.c, Fields: []*form.Field{saran}, Focus: 0, Styles: e.F.Styles}).Lines(w, nil)
		focus = len(out) + f
	}
	return append(out, lines...), focus
}

func (e *RatingEd) submit(*store.Visit) tea.Cmd {
	in := store.RatingInput{Declined: e.declined, Saran: e.F.Val("saran")}
	if !e.declined {
		for i := range in.Scores {
			fmt.Sscan(e.F.Val(fmt.Sprintf("u%d", i+1)), &in.Scores[i])
		}
	}
	return saveStep(e.c, e.id, store.StepRating, func(ctx context.Context, st *store.Store, actor, id string) error {
		return st.RecordRating(ctx, actor, id, in)
	})
}

// ShowErr puts "U3 …: nilai harus 1–4" on each unsur named, and focuses
// the first of them.
func (e *RatingEd) ShowErr(err error) bool {
	first := -1
	for _, ve := range form.FieldErrs(err) {
		n := len(e.F.Fields) // the suggestion, after the nine unsur
		if _, scanErr := fmt.Sscanf(ve.Field, "U%d", &n); scanErr != nil && !strings.EqualFold(ve.Field, "Saran") || n < 1 || n > len(e.F.Fields) {
			continue
		}
		if first < 0 {
			e.F.ClearErrs()
			first = n - 1
		}
		e.F.Fields[n-1].Err = ve.Msg
	}
	if first < 0 {
		return false
	}
	e.F.FocusAt(first)
	return true
}
