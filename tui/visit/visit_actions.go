package visit

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"loket/store"
	"loket/tariff"
	"loket/tui/frame"
)

// What the visit screen does with the store: record a step, reload, keep
// drafts, suspend, cancel.

// saveStep is the command every step records through: fn gets copies of
// what it needs, runs in the command's goroutine, and the result comes back
// as visitSavedMsg or errMsg.
func saveStep(c *frame.Context, visitID string, step int, fn func(ctx context.Context, st *store.Store, actor, id string) error) tea.Cmd {
	st, ctx, actor := c.Store, c.Ctx, c.Actor()
	return func() tea.Msg {
		if err := fn(ctx, st, actor, visitID); err != nil {
			return frame.ErrMsg{Err: err}
		}
		return visitSavedMsg{step: step}
	}
}

// QuitCmd suspends an open visit when the program ends, so the time away
// does not count as service time; it reopens where it stopped.
func (s *Screen) QuitCmd() tea.Cmd {
	if s.V == nil || !s.V.Open() {
		return nil
	}
	st, ctx, actor, id := s.c.Store, s.c.Ctx, s.c.Actor(), s.Id
	return func() tea.Msg {
		// The program is ending and nothing is left to show an error on:
		// a visit that could not be suspended stays open, its steps all
		// saved, and only its service clock keeps running until resumed.
		_ = st.Suspend(ctx, actor, id, "program ditutup")
		return nil
	}
}

// Draft is what an officer typed on a visit without saving it, kept by the
// root while the program runs so that suspending a visit loses no typing.
type Draft struct {
	v   *store.Visit
	eds map[int]editor
}

// DraftKeptMsg hands the root the unsaved input of a visit being left; the
// root, the only writer of shared state, gives it back when the visit is
// opened again.
type DraftKeptMsg struct {
	VisitID string
	Draft   *Draft
}

// keepDraft returns the command that hands the editors with unsaved input
// to the root, or nil when nothing was typed.
func (s *Screen) keepDraft() tea.Cmd {
	eds := map[int]editor{}
	for n, ed := range s.eds {
		if f := ed.Fields(); f != nil && f.Dirty {
			eds[n] = ed
		}
	}
	if len(eds) == 0 || s.V == nil {
		return nil
	}
	msg := DraftKeptMsg{VisitID: s.Id, Draft: &Draft{v: s.V, eds: eds}}
	return func() tea.Msg { return msg }
}

// loaded takes a freshly read visit: editors the officer has not touched
// are rebuilt from it (the saved step's always), and the selection moves to
// the step to work on next.
func (s *Screen) loaded(msg visitLoadedMsg) tea.Cmd {
	prev := s.V
	if prev == nil {
		prev = s.draftV
	}
	s.V, s.sch, s.Saving, s.draftV = msg.visit, msg.sch, false, nil
	if msg.visitor != nil && s.V.Open() && s.V.VisitorID == "" {
		s.returning, s.visitorID = msg.visitor, ""
	}
	saved, extra := s.justSaved, s.savedExtra
	s.justSaved, s.savedExtra = 0, ""
	for n, ed := range s.eds {
		f := ed.Fields()
		keep := f != nil && f.Dirty && n != saved
		if itemSteps[n] && !sameItems(prev, s.V) {
			keep = false // built on product lines that changed
		}
		if !keep {
			delete(s.eds, n)
		}
	}
	s.Sel = s.V.Current()
	if !s.V.Open() {
		s.Sel = store.StepFinish
	}
	s.offset = 0
	s.side = nil
	note := savedNote(saved, prev, s.V)
	if extra != "" {
		note = strings.TrimPrefix(note+"; "+extra, "; ")
	}
	if msg.visitor != nil && s.returning != nil {
		note = "Kunjungan " + s.V.Queue() + " untuk " + msg.visitor.Guest.Name + ": buku tamu (langkah 3) terisi datanya"
	}
	if note != "" {
		return frame.Notice(note)
	}
	return nil
}

// savedNote tells the officer the numbers a step just issued: the invoice
// (step 9), the kuitansi of a payment (11) or its reissue (14).
func savedNote(step int, prev, v *store.Visit) string {
	kw := v.ActiveInvoice(store.KindReceipt)
	switch step {
	case store.StepInvoice:
		if inv := v.ActiveInvoice(store.KindInvoice); inv != nil {
			return "Invoice " + inv.Number + " diterbitkan: " + tariff.Rupiah(inv.Amount)
		}
	case store.StepPayment:
		if kw != nil && v.Payment != nil {
			return "Kuitansi " + kw.Number + ": " + tariff.Rupiah(kw.Amount) + " diterima (" + v.Payment.Method.Label() + ")"
		}
	case store.StepCheck:
		if old := prev.ActiveInvoice(store.KindReceipt); kw != nil && old != nil && old.Number != kw.Number {
			note := "Kuitansi " + old.Number + " dibatalkan; kuitansi baru " + kw.Number + " atas nama " + kw.Payer + ", " + tariff.Rupiah(kw.Amount)
			if b := paidBilling(v); b != nil && b.Payer != kw.Payer {
				note += "; kode billing " + b.Code + " tetap atas nama " + b.Payer
			}
			return note
		}
		if v.Step(store.StepCheck).State != store.StateDone && prev.Step(store.StepPrepare).State == store.StateDone &&
			v.Step(store.StepPrepare).State != store.StateDone {
			return "Perbaikan produk dicatat: siapkan lagi di langkah 10, lalu serahkan di langkah 13"
		}
	}
	return ""
}

// itemSteps are the steps whose form lists the product lines.
var itemSteps = map[int]bool{store.StepAvailable: true, store.StepInvoice: true, store.StepPrepare: true, store.StepHandover: true}

// sameItems reports whether two readings of a visit have the same product
// lines, so that a form built on the first still fits the second.
func sameItems(a, b *store.Visit) bool {
	if a == nil || b == nil || len(a.Items) != len(b.Items) {
		return false
	}
	for i := range a.Items {
		if a.Items[i].ID != b.Items[i].ID || a.Items[i].Counts() != b.Items[i].Counts() {
			return false
		}
	}
	return true
}

// submit records the selected step.
func (s *Screen) submit() tea.Cmd {
	if s.Saving || !s.V.Open() {
		return nil
	}
	ed := s.Editor()
	if f := ed.Fields(); f != nil {
		f.ClearErrs()
	}
	if s.V.Step(s.Sel).State == store.StateNA {
		s.SelectStep(s.V.Current())
		return nil
	}
	cmd := ed.submit(s.V)
	if cmd == nil {
		if f := ed.Fields(); f == nil || len(f.Fields) == 0 {
			s.SelectStep(s.V.Current()) // nothing to record here: go to the step at hand
		}
		return nil
	}
	s.Saving = true
	return cmd
}

// leave suspends an open visit and goes back to the screen it was opened
// from (Beranda, Cari).
func (s *Screen) leave() tea.Cmd {
	if !s.V.Open() {
		return s.goBack()
	}
	if s.Saving {
		return nil
	}
	s.Saving = true
	st, ctx, actor, id, q := s.c.Store, s.c.Ctx, s.c.Actor(), s.Id, s.V.Queue()
	note := fmt.Sprintf("Kunjungan %s ditunda; pilih di daftar lalu enter untuk melanjutkan.", q)
	if s.back == frame.ScreenSearch {
		note = fmt.Sprintf("Kunjungan %s ditunda; lanjutkan dengan enter pada kunjungan itu di sini atau di Beranda.", q)
	}
	return func() tea.Msg {
		if err := st.Suspend(ctx, actor, id, "ditunda petugas"); err != nil {
			return frame.ErrMsg{Err: err}
		}
		return visitSuspendedMsg{note: note}
	}
}

// openCancel shows the ctrl+x dialog (a huh form: one reason field), keeping
// a reason typed before.
func (s *Screen) openCancel() tea.Cmd {
	s.cancel = huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Alasan pembatalan kunjungan " + s.V.Queue()).
			Description("Kunjungan tetap tercatat sebagai Batal dengan alasan ini. esc: kembali tanpa membatalkan.").
			Value(&s.cancelReason).CharLimit(500),
	)).WithShowHelp(false).WithTheme(s.c.Styles.Huh).WithWidth(s.mainWidth())
	return s.cancel.Init()
}

func (s *Screen) cancelUpdate(msg tea.Msg) tea.Cmd {
	m, cmd := s.cancel.Update(msg)
	s.cancel = m.(*huh.Form)
	if s.cancel.State != huh.StateCompleted {
		return cmd
	}
	st, ctx, actor, id, q, reason := s.c.Store, s.c.Ctx, s.c.Actor(), s.Id, s.V.Queue(), strings.TrimSpace(s.cancelReason)
	s.Saving = true
	return func() tea.Msg {
		if err := st.Cancel(ctx, actor, id, reason); err != nil {
			return frame.ErrMsg{Err: err}
		}
		return visitCanceledMsg{note: fmt.Sprintf("Kunjungan %s dibatalkan: %s", q, reason)}
	}
}
