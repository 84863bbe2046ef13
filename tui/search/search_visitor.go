package search

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/tui/form"
	"loket/tui/frame"
)

// A visitor's record on the search screen: the identity as now known (the
// ID number and NPWP masked until the officer reveals them, which is
// audited) and
// their visits. On the visitor's request the record is corrected (ctrl+e,
// the guest book's fields and validation) or erased (ctrl+d, behind a
// dialog that wants HAPUS typed): both go through the store, which audits
// them without personal values.

// searchEraseWord is what the officer types to confirm an erasure.
const searchEraseWord = "HAPUS"

// searchVisitsMax bounds the visits read for one visitor's record.
const searchVisitsMax = 200

// Results of the record's store work. A save or erase carries the number
// of the submission (op), so that an answer arriving after the officer
// moved on never closes a form it did not submit; it still refreshes what
// is shown.
type (
	// searchRecordMsg carries a visitor read again, with their visits.
	searchRecordMsg struct {
		id     string
		person store.Visitor
		visits []store.Hit
	}
	// searchSavedMsg: the correction was recorded.
	searchSavedMsg struct {
		id string
		op int
	}
	// searchErasedMsg: the visitor was anonymised.
	SearchErasedMsg struct {
		Id   string
		Op   int
		Note string // set when the old values still wait in the log
	}
	// searchRevealedMsg: showing the whole ID number and NPWP was recorded.
	searchRevealedMsg struct{ id string }
)

// Success clears the error line: the store accepted the change.
func (searchSavedMsg) Success() {}

// Success clears the error line: the store accepted the change.
func (SearchErasedMsg) Success() {}

// Success clears the error line: the store accepted the change.
func (searchRevealedMsg) Success() {}

// searchRecord is the open visitor's record, form and dialog.
type searchRecord struct {
	c        *frame.Context
	Id       string
	Loaded   bool
	Person   store.Visitor
	Visits   []store.Hit
	cursor   int
	revealed bool

	Form   *form.Form // the correction form while editing
	Saving bool       // a save or erase is on its way; esc waits for it
	op     int        // the submission being saved

	confirm    textinput.Model // the erase dialog's HAPUS
	confirmErr string
}

// Restyle takes the styles st.
func (r *searchRecord) Restyle(st *frame.Styles) {
	r.confirm.SetStyles(st.Input)
	if r.Form != nil {
		r.Form.Restyle()
	}
}

func (r *searchRecord) setWidth(w int) { r.confirm.SetWidth(max(min(w-40, 20), 8)) }

func (r *searchRecord) lastField() bool {
	f := r.Form
	for i := f.Focus + 1; i < len(f.Fields); i++ {
		if !f.Fields[i].Hidden {
			return false
		}
	}
	return true
}

// openRecord shows a visitor's record and reads it.
func (s *Screen) openRecord(id string) tea.Cmd {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 20
	s.Rec = searchRecord{c: s.c, Id: id, confirm: in}
	s.Rec.Restyle(s.c.Styles)
	s.Rec.setWidth(s.w)
	s.Mode = SearchModeRecord
	return searchLoad(s.c, id)
}

// searchLoad reads a visitor and their visits (kept after an erasure).
func searchLoad(c *frame.Context, id string) tea.Cmd {
	st, ctx := c.Store, c.Ctx
	return func() tea.Msg {
		p, err := st.Visitor(ctx, id)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		m := searchRecordMsg{id: id, person: p}
		if m.visits, err = st.VisitorVisits(ctx, id, searchVisitsMax); err != nil {
			return frame.ErrMsg{Err: err}
		}
		return m
	}
}

func (s *Screen) recordMsg(msg tea.Msg) tea.Cmd {
	r := &s.Rec
	switch msg := msg.(type) {
	case searchRecordMsg:
		if msg.id != r.Id || s.Mode == SearchModeList {
			return nil
		}
		r.Loaded, r.Person = true, msg.person
		r.Visits = msg.visits
		r.cursor = min(r.cursor, max(len(r.Visits)-1, 0))
		if !r.Person.ErasedAt.IsZero() && s.Mode != SearchModeRecord {
			s.Mode, r.Form = SearchModeRecord, nil
		}
	case searchSavedMsg:
		if r.Saving && msg.op == r.op {
			r.Saving, r.Form, s.Mode = false, nil, SearchModeRecord
		}
		return tea.Batch(frame.Notice("Data pengunjung diperbarui; kunjungan lama tetap memuat data saat itu."), s.refresh(msg.id))
	case SearchErasedMsg:
		if r.Saving && msg.Op == r.op {
			r.Saving, r.revealed, s.Mode = false, false, SearchModeRecord
		}
		text := "Data pribadi dihapus (dianonimkan); kunjungan dan pembayaran tetap tercatat."
		if msg.Note != "" {
			text = msg.Note
		}
		return tea.Batch(frame.Notice(text), s.refresh(msg.Id))
	case visitStartedMsg:
		s.Starting = false
		return frame.ToNewVisitFor(msg.visitID, msg.visitor)
	case searchRevealedMsg:
		if msg.id == r.Id {
			r.revealed = true
			r.maskForm()
		}
	case frame.ErrMsg:
		// The root shows the error; the form keeps what was typed and
		// marks the field the store named.
		r.Saving, s.Starting = false, false
		switch s.Mode {
		case SearchModeEdit:
			if r.Form != nil {
				r.Form.ShowErr(msg.Err)
			}
		case SearchModeErase:
			s.Mode, s.Stale = SearchModeRecord, true
			return searchLoad(s.c, r.Id)
		}
	}
	return nil
}

// refresh follows a change to visitor id: the list searches again (now,
// or when the officer returns to it) and the record, if it is theirs, is
// read again.
func (s *Screen) refresh(id string) tea.Cmd {
	if s.Mode == SearchModeList {
		return s.search()
	}
	s.Stale = true
	if s.Rec.Id == id {
		return searchLoad(s.c, id)
	}
	return nil
}

func (s *Screen) recordKey(msg tea.KeyPressMsg) tea.Cmd {
	if s.Rec.Saving {
		return nil // esc and the rest wait for the answer
	}
	switch s.Mode {
	case SearchModeEdit:
		return s.editKey(msg)
	case SearchModeErase:
		return s.eraseKey(msg)
	}
	r, k := &s.Rec, s.Keys
	switch {
	case key.Matches(msg, k.Esc):
		s.Mode, s.Rec = SearchModeList, searchRecord{}
		if s.Stale {
			s.Stale = false
			return s.search()
		}
	case key.Matches(msg, k.Up):
		r.cursor = max(r.cursor-1, 0)
	case key.Matches(msg, k.Down):
		r.cursor = min(r.cursor+1, max(len(r.Visits)-1, 0))
	case key.Matches(msg, k.Open):
		if r.cursor < len(r.Visits) {
			return frame.ToVisitFrom(r.Visits[r.cursor].VisitID, frame.ScreenSearch)
		}
	case key.Matches(msg, k.NewVisit) && k.NewVisit.Enabled():
		return s.startVisit()
	case key.Matches(msg, k.Edit) && k.Edit.Enabled():
		r.Form = form.New(s.c, form.GuestFields(r.Person.Guest)...) // no consent question, no lookup
		r.Form.Get("cat").WithHint("←/→ atau huruf awal. Kunjungan lama tetap memakai kategori saat itu.")
		r.maskForm()
		s.Mode = SearchModeEdit
	case key.Matches(msg, k.Erase) && k.Erase.Enabled():
		r.confirm.SetValue("")
		r.confirmErr = ""
		r.confirm.Focus()
		s.Mode = SearchModeErase
	case key.Matches(msg, k.Reveal) && k.Reveal.Enabled():
		return s.reveal()
	}
	return nil
}

// visitStartedMsg: a new visit was recorded for the record's visitor.
type visitStartedMsg struct{ visitID, visitor string }

// Success clears the error line: the store accepted the change.
func (visitStartedMsg) Success() {}

// startVisit records a new visit (step 1, as n on Beranda) and opens it
// with the record's visitor taken at step 3. Leaving it goes to Beranda,
// where every visit under way is listed.
func (s *Screen) startVisit() tea.Cmd {
	s.Starting = true
	st, ctx, actor, who := s.c.Store, s.c.Ctx, s.c.Actor(), s.Rec.Id
	return func() tea.Msg {
		v, err := st.StartVisit(ctx, actor)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		return visitStartedMsg{visitID: v.ID, visitor: who}
	}
}

// reveal shows the whole ID number and NPWP (an individual's NPWP is
// their NIK), recording in the audit trail that they were shown; a second
// press masks them again.
func (s *Screen) reveal() tea.Cmd {
	r := &s.Rec
	if r.revealed {
		r.revealed = false
		r.maskForm()
		return nil
	}
	st, ctx, actor, id := s.c.Store, s.c.Ctx, s.c.Actor(), r.Id
	return func() tea.Msg {
		// The note names the screen, never the person.
		if err := st.RecordEvent(ctx, actor, "visitor", id, "tampil_nomor_identitas", "layar cari"); err != nil {
			return frame.ErrMsg{Err: err}
		}
		return searchRevealedMsg{id}
	}
}

// maskForm hides the ID number and the NPWP in the correction form until
// they are revealed: only the echo changes, so the value saved is the one
// stored or typed, never the mask.
func (r *searchRecord) maskForm() {
	if r.Form == nil {
		return
	}
	for k, hint := range map[string]string{"idno": form.GuestHintIDNo, "npwp": form.GuestHintNPWP} {
		fl := r.Form.Get(k)
		if r.revealed {
			fl.In.EchoMode, fl.Hint = textinput.EchoNormal, hint
		} else {
			fl.In.EchoMode, fl.Hint = textinput.EchoPassword, hint+" Disamarkan: ctrl+r menampilkannya (dicatat di jejak audit)."
		}
	}
}

func (s *Screen) editKey(msg tea.KeyPressMsg) tea.Cmd {
	r, k := &s.Rec, s.Keys
	f := r.Form
	switch {
	case key.Matches(msg, k.Esc):
		r.Form, s.Mode = nil, SearchModeRecord
		return nil
	case key.Matches(msg, k.Save):
		return s.submitEdit()
	case key.Matches(msg, k.Reveal):
		return s.reveal()
	}
	if handled, submit := f.Move(msg); handled {
		if submit {
			return s.submitEdit()
		}
		return nil
	}
	_, cmd := f.Key(msg)
	return cmd
}

func (s *Screen) submitEdit() tea.Cmd {
	r := &s.Rec
	in := form.GuestInput(r.Form, true, r.Id) // a visitor with a record consented
	r.Form.ClearErrs()
	op := s.submitted()
	st, ctx, actor, id := s.c.Store, s.c.Ctx, s.c.Actor(), r.Id
	return func() tea.Msg {
		if err := st.UpdateVisitor(ctx, actor, id, in); err != nil {
			return frame.ErrMsg{Err: err}
		}
		return searchSavedMsg{id, op}
	}
}

// submitted marks a save or erase as on its way and numbers it.
func (s *Screen) submitted() int {
	s.Ops++
	s.Rec.Saving, s.Rec.op = true, s.Ops
	return s.Ops
}

func (s *Screen) eraseKey(msg tea.KeyPressMsg) tea.Cmd {
	r, k := &s.Rec, s.Keys
	switch {
	case key.Matches(msg, k.Esc):
		s.Mode = SearchModeRecord
		return nil
	case key.Matches(msg, k.Confirm):
		if !strings.EqualFold(strings.TrimSpace(r.confirm.Value()), searchEraseWord) {
			r.confirmErr = "Ketik " + searchEraseWord + " untuk menghapus, atau tekan esc untuk batal."
			return nil
		}
		op := s.submitted()
		st, ctx, actor, id := s.c.Store, s.c.Ctx, s.c.Actor(), r.Id
		return func() tea.Msg {
			err := st.EraseVisitor(ctx, actor, id)
			var re *store.RuleError
			switch {
			case errors.Is(err, store.ErrErasedInLog) && errors.As(err, &re):
				// Erased; an export beside the app keeps the old copy in
				// the log until loket closes. Done, with that said.
				return SearchErasedMsg{Id: id, Op: op, Note: re.Msg}
			case err != nil:
				return frame.ErrMsg{Err: err}
			}
			return SearchErasedMsg{Id: id, Op: op}
		}
	}
	r.confirmErr = ""
	var cmd tea.Cmd
	r.confirm, cmd = r.confirm.Update(msg)
	return cmd
}

func (s *Screen) recordPaste(msg tea.PasteMsg) tea.Cmd {
	r := &s.Rec
	if r.Saving {
		return nil
	}
	switch s.Mode {
	case SearchModeEdit:
		r.Form.Paste(msg)
	case SearchModeErase:
		r.confirm, _ = r.confirm.Update(msg)
	}
	return nil
}
