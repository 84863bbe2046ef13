package tui

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/store/valid"
	"loket/tariff"
)

// Messages shared by the root and the screens. Results of store work are
// named after what happened (visitSavedMsg); every failure is an errMsg.

// errMsg is the one error message: the root shows it on the error line and
// hands it to the screen, which keeps what the officer typed.
type errMsg struct{ err error }

// navigateMsg switches to another screen; arg is the screen's argument
// (the visit ID for the visit screen).
type navigateMsg struct {
	to  ScreenID
	arg any
}

// noticeMsg is a short confirmation shown on the status line ("Kunjungan
// A-001 ditunda").
type noticeMsg string

// tickMsg is the once-a-second clock of screens that show one; gen tells a
// live chain from one that should stop.
type tickMsg struct{ gen int }

// officerChosenMsg: the officer on duty is known (and their PIN checked).
type officerChosenMsg struct{ officer store.Officer }

// officeLoadedMsg carries the office settings for the header.
type officeLoadedMsg struct{ office store.Office }

// navigate returns a command that switches screens.
func navigate(to ScreenID, arg any) tea.Cmd {
	return func() tea.Msg { return navigateMsg{to: to, arg: arg} }
}

func notice(s string) tea.Cmd { return func() tea.Msg { return noticeMsg(s) } }

// errText turns an error into the Indonesian sentence for the error line.
// Store and validator errors are already Indonesian.
func errText(err error) string {
	var re *store.RuleError
	var ve *valid.Error
	var qe *tariff.QuoteError
	var tn *store.TooNewError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &re):
		return re.Msg
	case errors.As(err, &ve):
		return ve.Error()
	case errors.As(err, &qe):
		return qe.Msg
	case errors.As(err, &tn):
		return tn.Error()
	case errors.Is(err, store.ErrBusy):
		return "Basis data sedang dipakai proses lain; coba simpan lagi sebentar lagi. Isian tidak hilang."
	case errors.Is(err, store.ErrNotFound):
		return "Data tidak ditemukan."
	case errors.Is(err, store.ErrConflict):
		return "Data bentrok dengan yang sudah tercatat."
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "Dibatalkan."
	}
	var ut interface{ userText() string }
	if errors.As(err, &ut) {
		return ut.userText()
	}
	var fe *folderError
	if errors.As(err, &fe) {
		return fe.Error()
	}
	return "Gagal: " + err.Error()
}

// loadOffice reads the office settings for the header.
func loadOffice(c *Context) tea.Cmd {
	s, ctx := c.Store, c.Ctx
	return func() tea.Msg {
		o, err := s.Office(ctx)
		if err != nil {
			return errMsg{err}
		}
		return officeLoadedMsg{o}
	}
}

// tick schedules the next clock tick of chain gen. Update/View tests
// replace it and send tickMsg themselves.
var tick = func(gen int) tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{gen: gen} })
}
