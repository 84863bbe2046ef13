package frame

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"loket/export"
	"loket/store"
	"loket/store/valid"
	"loket/tariff"
)

// Messages shared by the root and the screens. Results of store work are
// named after what happened (visitSavedMsg); every failure is an ErrMsg.

// ErrMsg is the one error message: the root shows it on the error line and
// hands it to the screen, which keeps what the officer typed.
type ErrMsg struct{ Err error }

// NoticeMsg is a short confirmation shown on the status line ("Kunjungan
// A-001 ditunda").
type NoticeMsg string

// TickMsg is the once-a-second clock of screens that show one; gen tells a
// live chain from one that should stop.
type TickMsg struct{ Gen int }

// OfficerChosenMsg: the officer on duty is known (and their PIN checked).
type OfficerChosenMsg struct{ Officer store.Officer }

// OfficeLoadedMsg carries the office settings for the header.
type OfficeLoadedMsg struct{ Office store.Office }

// Notice returns the command that shows s on the status line.
func Notice(s string) tea.Cmd { return func() tea.Msg { return NoticeMsg(s) } }

// errText turns an error into the Indonesian sentence for the error line.
// Store and validator errors are already Indonesian.
func ErrText(err error) string {
	var re *store.RuleError
	var ve *valid.Error
	var qe *tariff.QuoteError
	var tn *store.TooNewError
	var ves valid.Errors
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ves):
		return ves.Summary()
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
	var ut interface{ UserText() string }
	if errors.As(err, &ut) {
		return ut.UserText()
	}
	var fe *export.FolderError
	if errors.As(err, &fe) {
		return fe.Error()
	}
	return "Gagal: " + err.Error()
}

// loadOffice reads the office settings for the header.
func LoadOffice(c *Context) tea.Cmd {
	s, ctx := c.Store, c.Ctx
	return func() tea.Msg {
		o, err := s.Office(ctx)
		if err != nil {
			return ErrMsg{Err: err}
		}
		return OfficeLoadedMsg{Office: o}
	}
}

// tick schedules the next clock tick of chain gen. Update/View tests
// replace it and send tickMsg themselves.
var Tick = func(gen int) tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return TickMsg{Gen: gen} })
}

// FilesTickMsg is the root's timer of the file-identity check (issue 12):
// it runs whatever screen is shown, unlike the clock of TickMsg.
type FilesTickMsg struct{}

// FilesEvery is how often the app checks that the database file and its
// WAL are still the ones it opened: often enough that the officer learns of
// a deleted file before typing a whole visit, seldom enough to cost nothing
// (two stat calls).
const FilesEvery = 5 * time.Second

// FilesTick schedules the next file check. Update/View tests replace it and
// send FilesTickMsg themselves.
var FilesTick = func() tea.Cmd {
	return tea.Tick(FilesEvery, func(time.Time) tea.Msg { return FilesTickMsg{} })
}
