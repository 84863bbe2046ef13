package tui

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
	searchErasedMsg struct {
		id   string
		op   int
		note string // set when the old values still wait in the log
	}
	// searchRevealedMsg: showing the whole ID number and NPWP was recorded.
	searchRevealedMsg struct{ id string }
)

func (searchSavedMsg) Success()    {}
func (searchErasedMsg) Success()   {}
func (searchRevealedMsg) Success() {}

// searchRecord is the open visitor's record, form and dialog.
type searchRecord struct {
	c        *frame.Context
	id       string
	loaded   bool
	person   store.Visitor
	visits   []store.Hit
	cursor   int
	revealed bool

	form   *form.Form // the correction form while editing
	saving bool       // a save or erase is on its way; esc waits for it
	op     int        // the submission being saved

	confirm    textinput.Model // the erase dialog's HAPUS
	confirmErr string
}

func (r *searchRecord) Restyle(st *frame.Styles) {
	r.confirm.SetStyles(st.Input)
	if r.form != nil {
		r.form.Restyle()
	}
}

func (r *searchRecord) setWidth(w int) { r.confirm.SetWidth(max(min(w-40, 20), 8)) }

func (r *searchRecord) lastField() bool {
	f := r.form
	for i := f.Focus + 1; i < len(f.Fields); i++ {
		if !f.Fields[i].Hidden {
			return false
		}
	}
	return true
}

// openRecord shows a visitor's record and reads it.
func (s *searchScreen) openRecord(id string) tea.Cmd {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 20
	s.rec = searchRecord{c: s.c, id: id, confirm: in}
	s.rec.Restyle(s.c.Styles)
	s.rec.setWidth(s.w)
	s.mode = searchModeRecord
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

func (s *searchScreen) recordMsg(msg tea.Msg) tea.Cmd {
	r := &s.rec
	switch msg := msg.(type) {
	case searchRecordMsg:
		if msg.id != r.id || s.mode == searchModeList {
			return nil
		}
		r.loaded, r.person = true, msg.person
		r.visits = msg.visits
		r.cursor = min(r.cursor, max(len(r.visits)-1, 0))
		if !r.person.ErasedAt.IsZero() && s.mode != searchModeRecord {
			s.mode, r.form = searchModeRecord, nil
		}
	case searchSavedMsg:
		if r.saving && msg.op == r.op {
			r.saving, r.form, s.mode = false, nil, searchModeRecord
		}
		return tea.Batch(frame.Notice("Data pengunjung diperbarui; kunjungan lama tetap memuat data saat itu."), s.refresh(msg.id))
	case searchErasedMsg:
		if r.saving && msg.op == r.op {
			r.saving, r.revealed, s.mode = false, false, searchModeRecord
		}
		text := "Data pribadi dihapus (dianonimkan); kunjungan dan pembayaran tetap tercatat."
		if msg.note != "" {
			text = msg.note
		}
		return tea.Batch(frame.Notice(text), s.refresh(msg.id))
	case searchRevealedMsg:
		if msg.id == r.id {
			r.revealed = true
			r.maskForm()
		}
	case frame.ErrMsg:
		// The root shows the error; the form keeps what was typed and
		// marks the field the store named.
		r.saving = false
		switch s.mode {
		case searchModeEdit:
			if r.form != nil {
				r.form.ShowErr(msg.Err)
			}
		case searchModeErase:
			s.mode, s.stale = searchModeRecord, true
			return searchLoad(s.c, r.id)
		}
	}
	return nil
}

// refresh follows a change to visitor id: the list searches again (now,
// or when the officer returns to it) and the record, if it is theirs, is
// read again.
func (s *searchScreen) refresh(id string) tea.Cmd {
	if s.mode == searchModeList {
		return s.search()
	}
	s.stale = true
	if s.rec.id == id {
		return searchLoad(s.c, id)
	}
	return nil
}

func (s *searchScreen) recordKey(msg tea.KeyPressMsg) tea.Cmd {
	if s.rec.saving {
		return nil // esc and the rest wait for the answer
	}
	switch s.mode {
	case searchModeEdit:
		return s.editKey(msg)
	case searchModeErase:
		return s.eraseKey(msg)
	}
	r, k := &s.rec, s.keys
	switch {
	case msg.String() == "esc":
		s.mode, s.rec = searchModeList, searchRecord{}
		if s.stale {
			s.stale = false
			return s.search()
		}
	case msg.String() == "up":
		r.cursor = max(r.cursor-1, 0)
	case msg.String() == "down":
		r.cursor = min(r.cursor+1, max(len(r.visits)-1, 0))
	case msg.String() == "enter":
		if r.cursor < len(r.visits) {
			return frame.ToVisit(r.visits[r.cursor].VisitID)
		}
	case key.Matches(msg, k.Edit) && k.Edit.Enabled():
		r.form = form.NewForm(s.c, form.GuestFields(r.person.Guest)...) // no consent question, no lookup
		r.form.Get("cat").WithHint("←/→ atau huruf awal. Kunjungan lama tetap memakai kategori saat itu.")
		r.maskForm()
		s.mode = searchModeEdit
	case key.Matches(msg, k.Erase) && k.Erase.Enabled():
		r.confirm.SetValue("")
		r.confirmErr = ""
		r.confirm.Focus()
		s.mode = searchModeErase
	case key.Matches(msg, k.Reveal) && k.Reveal.Enabled():
		return s.reveal()
	}
	return nil
}

// reveal shows the whole ID number and NPWP (an individual's NPWP is
// their NIK), recording in the audit trail that they were shown; a second
// press masks them again.
func (s *searchScreen) reveal() tea.Cmd {
	r := &s.rec
	if r.revealed {
		r.revealed = false
		r.maskForm()
		return nil
	}
	st, ctx, actor, id := s.c.Store, s.c.Ctx, s.c.Actor(), r.id
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
	if r.form == nil {
		return
	}
	for k, hint := range map[string]string{"idno": form.GuestHintIDNo, "npwp": form.GuestHintNPWP} {
		fl := r.form.Get(k)
		if r.revealed {
			fl.In.EchoMode, fl.Hint = textinput.EchoNormal, hint
		} else {
			fl.In.EchoMode, fl.Hint = textinput.EchoPassword, hint+" Disamarkan: ctrl+r menampilkannya (dicatat di jejak audit)."
		}
	}
}

func (s *searchScreen) editKey(msg tea.KeyPressMsg) tea.Cmd {
	r := &s.rec
	f := r.form
	switch msg.String() {
	case "esc":
		r.form, s.mode = nil, searchModeRecord
		return nil
	case "ctrl+s":
		return s.submitEdit()
	case "ctrl+r":
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

func (s *searchScreen) submitEdit() tea.Cmd {
	r := &s.rec
	in := form.GuestInput(r.form, true, r.id) // a visitor with a record consented
	r.form.ClearErrs()
	op := s.submitted()
	st, ctx, actor, id := s.c.Store, s.c.Ctx, s.c.Actor(), r.id
	return func() tea.Msg {
		if err := st.UpdateVisitor(ctx, actor, id, in); err != nil {
			return frame.ErrMsg{Err: err}
		}
		return searchSavedMsg{id, op}
	}
}

// submitted marks a save or erase as on its way and numbers it.
func (s *searchScreen) submitted() int {
	s.ops++
	s.rec.saving, s.rec.op = true, s.ops
	return s.ops
}

func (s *searchScreen) eraseKey(msg tea.KeyPressMsg) tea.Cmd {
	r := &s.rec
	switch msg.String() {
	case "esc":
		s.mode = searchModeRecord
		return nil
	case "enter":
		if !strings.EqualFold(strings.TrimSpace(r.confirm.Value()), searchEraseWord) {
			r.confirmErr = "Ketik " + searchEraseWord + " untuk menghapus, atau tekan esc untuk batal."
			return nil
		}
		op := s.submitted()
		st, ctx, actor, id := s.c.Store, s.c.Ctx, s.c.Actor(), r.id
		return func() tea.Msg {
			err := st.EraseVisitor(ctx, actor, id)
			var re *store.RuleError
			switch {
			case errors.Is(err, store.ErrErasedInLog) && errors.As(err, &re):
				// Erased; an export beside the app keeps the old copy in
				// the log until loket closes. Done, with that said.
				return searchErasedMsg{id: id, op: op, note: re.Msg}
			case err != nil:
				return frame.ErrMsg{Err: err}
			}
			return searchErasedMsg{id: id, op: op}
		}
	}
	r.confirmErr = ""
	var cmd tea.Cmd
	r.confirm, cmd = r.confirm.Update(msg)
	return cmd
}

func (s *searchScreen) recordPaste(msg tea.PasteMsg) tea.Cmd {
	r := &s.rec
	if r.saving {
		return nil
	}
	switch s.mode {
	case searchModeEdit:
		r.form.Paste(msg)
	case searchModeErase:
		r.confirm, _ = r.confirm.Update(msg)
	}
	return nil
}
