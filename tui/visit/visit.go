// Package visit is the visit screen: the 16 steps of one visit in a
// sidebar, the selected step's editor in the main panel, the service clock
// in the footer, and the printed documents of the visit.
package visit

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"loket/store"
	"loket/tariff"
	"loket/tui/form"
	"loket/tui/frame"
)

// The visit screen: a sidebar with the 16 steps and their state, the
// selected step's wording, actor and inputs in the main panel, and the
// service clock in the footer. enter walks a step's fields and confirms it
// on the last; ctrl+s confirms from any field; pgup/pgdown review other
// steps; esc suspends the visit to Beranda; ctrl+x cancels it with a reason.

// Results of the visit screen's store work.
type (
	visitLoadedMsg struct {
		visit   *store.Visit
		sch     *tariff.Schedule
		visitor *store.Visitor // the returning visitor to take at step 3, when opened with one
	}
	// visitSavedMsg: a step was recorded; the visit is read again.
	visitSavedMsg struct {
		step int
		note string // said on the status line, e.g. the change to give back
	}
	// visitSuspendedMsg: the visit is suspended (esc, or the visitor went
	// to the bank after step saved); back to Beranda with the note.
	visitSuspendedMsg struct {
		note  string
		saved int
	}
	// visitCanceledMsg: the visit ended Batal.
	visitCanceledMsg struct{ note string }
)

// Success clears the error line: the store accepted the change.
func (visitLoadedMsg) Success() {}

// Success clears the error line: the store accepted the change.
func (visitSavedMsg) Success() {}

// Success clears the error line: the store accepted the change.
func (visitSuspendedMsg) Success() {}

// Success clears the error line: the store accepted the change.
func (visitCanceledMsg) Success() {}

// Screen is the visit screen; the root holds it behind frame.Screen.
type Screen struct {
	frame.Base
	c      *frame.Context
	Id     string
	V      *store.Visit
	sch    *tariff.Schedule
	Sel    int
	eds    map[int]editor
	keys   visitKeys
	Saving bool
	offset int // scroll of the main panel
	// justSaved is the step whose save the next load follows; savedExtra
	// is said after the numbers it issued (the change to give back).
	justSaved  int
	savedExtra string
	draftV     *store.Visit // the visit the drafts in eds were typed on
	w, h       int

	cancel       *huh.Form // ctrl+x dialog
	cancelReason string

	back      frame.ScreenID // where leaving the visit goes (Beranda, Cari)
	visitorID string         // a returning visitor to take at step 3 ("" none)
	returning *store.Visitor // that visitor, read; taken when step 3 is built

	side     []string // sidebar cache
	sideSel  int
	sideV    *store.Visit
	sideW    int
	sideFull bool
}

// Opened is how a visit was opened: from which screen, which leaving it
// returns to, and with which returning visitor for step 3.
type Opened struct {
	From    frame.ScreenID // zero: Beranda
	Visitor string         // a visitor's ID, taken at step 3; "" none
}

// New opens visit id; d is the input typed but not saved before the
// visit was last suspended, which the root kept (nil when none).
func New(c *frame.Context, id string, d *Draft, o Opened) frame.Screen {
	s := &Screen{c: c, Id: id, eds: map[int]editor{}, keys: newVisitKeys(), Sel: store.StepPurpose,
		back: o.From, visitorID: o.Visitor}
	if d != nil {
		s.eds, s.draftV = d.eds, d.v
	}
	return s
}

// Title names the screen in the header.
func (s *Screen) Title() string {
	if s.V == nil {
		return "Kunjungan"
	}
	return "Kunjungan " + s.V.Queue()
}

// Init resumes the visit (opening it from Beranda resumes it) and reads it
// with the tariff schedule in force.
func (s *Screen) Init() tea.Cmd {
	st, ctx, actor, id, who := s.c.Store, s.c.Ctx, s.c.Actor(), s.Id, s.visitorID
	return func() tea.Msg {
		v, err := st.Visit(ctx, id)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		if v.Open() && v.Suspended() {
			if err := st.Resume(ctx, actor, id); err != nil {
				return frame.ErrMsg{Err: err}
			}
		}
		msg := loadVisit(ctx, st, id)
		if lm, ok := msg.(visitLoadedMsg); ok && who != "" {
			p, err := st.Visitor(ctx, who)
			if err != nil {
				return frame.ErrMsg{Err: err}
			}
			lm.visitor = &p
			return lm
		}
		return msg
	}
}

func loadVisit(ctx context.Context, st *store.Store, id string) tea.Msg {
	v, err := st.Visit(ctx, id)
	if err != nil {
		return frame.ErrMsg{Err: err}
	}
	sch, err := st.Schedule(ctx)
	if err != nil {
		return frame.ErrMsg{Err: err}
	}
	return visitLoadedMsg{visit: v, sch: sch}
}

func (s *Screen) reload() tea.Cmd {
	st, ctx, id := s.c.Store, s.c.Ctx, s.Id
	return func() tea.Msg { return loadVisit(ctx, st, id) }
}

// SetSize takes the body's size from the root.
func (s *Screen) SetSize(w, h int) {
	if w != s.w || h != s.h {
		s.w, s.h, s.side = w, h, nil
	}
}

// Clock reports the clock shown, so the root ticks.
func (s *Screen) Clock() bool { return s.V != nil && s.V.Open() }

// Typing reports a focused text field, which takes single letters.
func (s *Screen) Typing() bool {
	if s.cancel != nil {
		return true
	}
	if ed := s.Editor(); ed != nil && ed.Fields() != nil {
		return ed.Fields().Typing()
	}
	return false
}

// editor returns the selected step's editor, building it from the visit.
func (s *Screen) Editor() editor {
	if s.V == nil {
		return nil
	}
	ed, ok := s.eds[s.Sel]
	if !ok {
		ed = newEditor(s.c, s.V, s.sch, s.Sel)
		if f := ed.Fields(); f != nil {
			f.PickMoves = true // afterPick: a number or y/t moves on
		}
		if f := ed.Fields(); f != nil && !s.V.Open() {
			f.FocusAt(-1) // a closed visit is read only: nothing focused
			f.Focus = -1
		}
		s.eds[s.Sel] = ed
		// A visit started from a visitor's record takes them at step 3,
		// as choosing them from the lookup does.
		if g, ok := ed.(*GuestEd); ok && s.returning != nil && s.V.Open() && s.V.VisitorID == "" {
			g.fill(*s.returning)
			s.returning = nil
		}
	}
	return ed
}

// backName names the screen leaving the visit goes to.
func (s *Screen) backName() string { return frame.ScreenName(s.back) }

// goBack returns to the screen the visit was opened from.
func (s *Screen) goBack() tea.Cmd { return frame.Back(s.back) }

func (s *Screen) popupOpen() bool {
	ed := s.Editor()
	return ed != nil && ed.Popup()
}

func (s *Screen) lastField() bool {
	ed := s.Editor()
	if ed == nil || ed.Fields() == nil {
		return true
	}
	f := ed.Fields()
	for i := f.Focus + 1; i < len(f.Fields); i++ {
		if !f.Fields[i].Hidden {
			return false
		}
	}
	return true
}

// Update handles a message and returns the screen.
func (s *Screen) Update(msg tea.Msg) (frame.Screen, tea.Cmd) {
	cmd := s.update(msg)
	if s.V != nil {
		s.applyKeys()
	}
	return s, cmd
}

func (s *Screen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case visitLoadedMsg:
		return s.loaded(msg)
	case visitSavedMsg:
		s.justSaved, s.savedExtra = msg.step, msg.note
		return s.reload()
	case visitSuspendedMsg:
		s.Saving = false
		delete(s.eds, msg.saved)
		return tea.Sequence(s.keepDraft(), tea.Batch(s.goBack(), frame.Notice(msg.note)))
	case visitCanceledMsg:
		s.Saving = false
		return tea.Batch(s.goBack(), frame.Notice(msg.note))
	case frame.ErrMsg:
		s.Saving = false
		if s.cancel != nil {
			return s.openCancel()
		}
		ed := s.Editor()
		if ed != nil && ed.ShowErr(msg.Err) {
			return nil
		}
		if ed != nil && ed.Fields() != nil {
			ed.Fields().ShowErr(msg.Err)
		}
		return nil
	case tea.KeyPressMsg:
		if s.V == nil {
			if key.Matches(msg, s.keys.Esc) {
				return s.goBack()
			}
			return nil
		}
		return s.Key(msg)
	case tea.PasteMsg:
		if s.cancel != nil {
			return s.cancelUpdate(msg)
		}
		if ed := s.Editor(); ed != nil && ed.Fields() != nil && s.V.Open() {
			if ed.Fields().Paste(msg) {
				return s.changed(ed)
			}
		}
		return nil
	}
	if s.cancel != nil {
		return s.cancelUpdate(msg)
	}
	if ed := s.Editor(); ed != nil {
		_, cmd := ed.HandleMsg(msg)
		return cmd
	}
	return nil
}

// Key handles a key press.
func (s *Screen) Key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.keys
	if s.cancel != nil {
		if key.Matches(msg, k.Esc) {
			s.cancel = nil
			return nil
		}
		return s.cancelUpdate(msg)
	}
	ed := s.Editor()
	switch {
	case key.Matches(msg, k.Esc):
		if ed.Popup() {
			ed.closePopup()
			return nil
		}
		return s.leave()
	case pressed(msg, k.Print):
		pk := printKind(s.V, s.Sel)
		if pk == "" {
			return refused(noDocument(s.V)) // nothing issued yet
		}
		return printDoc(s.c, s.Id, pk)
	case pressed(msg, k.Cancel) && s.V.CancelRefusal() != nil:
		return refused(s.V.CancelRefusal())
	case pressed(msg, k.Save) && s.refusal() != nil:
		return refused(s.refusal())
	case key.Matches(msg, k.PrevStep):
		if s.Sel <= 1 {
			return refused(keyRefusal(fmt.Sprintf("Sudah di langkah pertama (1/%d); pgdn ke langkah berikutnya.", store.NumSteps)))
		}
		s.SelectStep(s.Sel - 1)
		return nil
	case key.Matches(msg, k.NextStep):
		if s.Sel >= store.NumSteps {
			return refused(keyRefusal(fmt.Sprintf("Sudah di langkah terakhir (%d/%d); pgup ke langkah sebelumnya.", store.NumSteps, store.NumSteps)))
		}
		s.SelectStep(s.Sel + 1)
		return nil
	}
	if !s.V.Open() {
		switch {
		case key.Matches(msg, k.Next):
			return s.goBack()
		case key.Matches(msg, k.ScrollUp):
			s.offset = max(s.offset-1, 0)
		case key.Matches(msg, k.ScrollDown):
			s.offset++
		}
		return nil
	}
	if key.Matches(msg, k.Cancel) {
		return s.openCancel()
	}
	if pressed(msg, k.Save) {
		return s.submit() // from any field, and on a step without inputs
	}
	if handled, cmd := ed.handleKey(msg, s.V); handled {
		return cmd
	}
	f := ed.Fields()
	if f == nil || len(f.Fields) == 0 {
		switch {
		case key.Matches(msg, k.Next):
			return s.submit()
		case key.Matches(msg, k.ScrollUp):
			s.offset = max(s.offset-1, 0)
		case key.Matches(msg, k.ScrollDown):
			s.offset++
		}
		return nil
	}
	if handled, submit := f.Move(msg); handled {
		if submit {
			return s.submit()
		}
		return nil
	}
	pick := f.PickKey(msg)
	changed, cmd := f.Key(msg)
	if changed {
		cmd = tea.Batch(cmd, s.changed(ed))
	}
	if pick {
		return tea.Batch(cmd, s.afterPick(f))
	}
	return cmd
}

// afterPick acts as enter after an option picked by its number or y/t
// (the editor has shown or hidden fields by then): the next field, or on
// the last the step is saved, as enter would. A Tidak on the last field
// waits for enter: a no can end the visit (step 5), and the officer sees
// it chosen before it does.
func (s *Screen) afterPick(f *form.Form) tea.Cmd {
	if f.Advance() {
		return nil
	}
	if fl := f.Cur(); fl != nil && fl.YesNo() && fl.IsNo() {
		return nil
	}
	return s.submit()
}

func (s *Screen) changed(ed editor) tea.Cmd {
	return ed.changed(ed.Fields().Cur(), s.V)
}

// SelectStep shows step n (1–16) for review; out of range is ignored.
func (s *Screen) SelectStep(n int) {
	if n < 1 || n > store.NumSteps || n == s.Sel {
		return
	}
	s.Sel, s.offset = n, 0
}
