package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/store/valid"
)

// Step 15: the SKM (PermenPANRB 14/2017). Each of the nine unsur takes one
// key, 1 to 4, and the focus moves on by itself; then a suggestion. The
// visitor may decline the survey (t on an unsur).

var scores = []string{"1", "2", "3", "4"}

type ratingEd struct {
	formEd
	id       string
	declined bool

	score, decline key.Binding
}

func newRatingEd(c *Context, v *store.Visit) *ratingEd {
	var fs []*field
	var r store.Rating
	if v.Rating != nil {
		r = *v.Rating
	}
	for i := range store.SKMElements {
		val := ""
		if r.Scores[i] > 0 {
			val = fmt.Sprint(r.Scores[i])
		}
		fs = append(fs, choiceF(fmt.Sprintf("u%d", i+1), fmt.Sprintf("U%d", i+1), scores, val))
	}
	fs = append(fs, textF("saran", "Saran", r.Saran).withHint("Saran atau masukan pengguna layanan (boleh kosong). enter: simpan."))
	e := &ratingEd{formEd: formEd{c, newForm(c, fs...)}, id: v.ID, declined: r.Declined,
		score:   key.NewBinding(key.WithKeys("1", "2", "3", "4"), key.WithHelp("1–4", "nilai")),
		decline: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "tolak survei")),
	}
	e.syncKeys()
	return e
}

func (e *ratingEd) onScore() bool {
	fl := e.f.cur()
	return fl != nil && fl.kind == choiceField
}

func (e *ratingEd) syncKeys() {
	on := e.onScore()
	e.score.SetEnabled(on && !e.declined)
	e.decline.SetEnabled(on)
	if e.declined {
		e.decline.SetHelp("t", "isi survei lagi")
	} else {
		e.decline.SetHelp("t", "tolak survei")
	}
}

func (e *ratingEd) keys() []key.Binding { e.syncKeys(); return []key.Binding{e.score, e.decline} }

func (e *ratingEd) handleKey(msg tea.KeyPressMsg, _ *store.Visit) (bool, tea.Cmd) {
	if !e.onScore() {
		return false, nil
	}
	switch {
	case key.Matches(msg, e.decline):
		e.declined = !e.declined
		e.f.dirty = true
		if e.declined {
			e.f.focusKey("saran")
		}
		return true, nil
	case key.Matches(msg, e.score):
		if e.declined {
			return true, nil
		}
		fl := e.f.cur()
		fl.choose(msg.Text)
		fl.err = ""
		e.f.dirty = true
		e.f.next()
		return true, nil
	}
	return false, nil
}

func (e *ratingEd) body(_ *store.Visit, w int) ([]string, int) {
	st := e.c.Styles
	out := wrapStyled(st.Dim, "Nilai: 1 tidak baik/sesuai · 2 kurang · 3 baik/sesuai · 4 sangat baik/sesuai", w)
	if e.declined {
		out = append(out, st.Warn.Render("Pengguna layanan tidak bersedia mengisi SKM."))
	}
	out = append(out, "")
	focus := 0
	for i, fl := range e.f.fields {
		if fl.kind != choiceField {
			continue
		}
		on := i == e.f.focus
		mark := "  "
		if on {
			mark = st.LabelOn.Render("› ")
			focus = len(out)
		}
		var boxes strings.Builder
		for j, s := range scores {
			if j == fl.sel && !e.declined {
				boxes.WriteString(st.OptionOn.Render("[" + s + "]"))
			} else {
				boxes.WriteString(st.Option.Render(" " + s + " "))
			}
		}
		label := fl.label + " "
		name := store.SKMElements[i]
		if on {
			label = st.LabelOn.Render(label)
		}
		row := wrapIndent(name, max(w-18, 10), 0)
		out = append(out, mark+label+boxes.String()+"  "+row[0])
		for _, r := range row[1:] {
			out = append(out, strings.Repeat(" ", 18)+r)
		}
		if fl.err != "" {
			out = append(out, "     "+st.Err.Render("✗ "+fl.err))
		}
	}
	out = append(out, "")
	saran := e.f.get("saran")
	lines, f := (&form{c: e.c, fields: []*field{saran}, focus: -1, styles: e.f.styles}).lines(w, nil)
	if e.f.cur() == saran {
		lines, f = (&form{c: e.c, fields: []*field{saran}, focus: 0, styles: e.f.styles}).lines(w, nil)
		focus = len(out) + f
	}
	return append(out, lines...), focus
}

func (e *ratingEd) submit(*store.Visit) tea.Cmd {
	in := store.RatingInput{Declined: e.declined, Saran: e.f.val("saran")}
	if !e.declined {
		for i := range in.Scores {
			fmt.Sscan(e.f.val(fmt.Sprintf("u%d", i+1)), &in.Scores[i])
		}
	}
	return saveStep(e.c, e.id, store.StepRating, func(ctx context.Context, st *store.Store, actor, id string) error {
		return st.RecordRating(ctx, actor, id, in)
	})
}

// showErr puts "U3 …: nilai harus 1–4" on that unsur.
func (e *ratingEd) showErr(err error) bool {
	var ve *valid.Error
	if !errors.As(err, &ve) {
		return false
	}
	var n int
	if _, scanErr := fmt.Sscanf(ve.Field, "U%d", &n); scanErr != nil || n < 1 || n > 9 {
		return false
	}
	e.f.fields[n-1].err = ve.Msg
	e.f.focusAt(n - 1)
	return true
}
