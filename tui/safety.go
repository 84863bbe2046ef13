package tui

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/tui/frame"
)

// Data safety in the app (issue 12): the database file or its WAL deleted
// or replaced under the running app, and a PC clock that runs in the past.
// Both are shown by the root on the status line of every screen, above
// whatever the screen says, because they concern every save.

// filesCheckedMsg is the result of a file check on the root's timer.
type filesCheckedMsg struct{ err error }

// clockCheckedMsg is the result of the clock check: warn is "" when the
// clock is plausible.
type clockCheckedMsg struct {
	warn string
	err  error
}

// clockRecheck is how often a shown clock warning is checked again, so
// that it goes once the officer has set the clock right. (The check reads
// the newest audit time, more than a stat: it runs only while a warning
// is shown.)
const clockRecheck = time.Minute

// checkFiles runs Store.CheckFiles off the update loop.
func checkFiles(c *frame.Context) tea.Cmd {
	s, ctx := c.Store, c.Ctx
	return func() tea.Msg { return filesCheckedMsg{err: s.CheckFiles(ctx)} }
}

// checkClock runs Store.CheckClock off the update loop.
func checkClock(c *frame.Context) tea.Cmd {
	s, ctx := c.Store, c.Ctx
	return func() tea.Msg {
		w, err := s.CheckClock(ctx)
		return clockCheckedMsg{warn: w, err: err}
	}
}

// safetyUpdate handles the messages of the two checks and notes a save
// refused because the files are gone; handled reports that msg was one of
// the checks' own.
func (m *Model) safetyUpdate(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	switch msg := msg.(type) {
	case frame.FilesTickMsg:
		if m.filesGone != "" {
			return nil, true // it stays gone: no need to look again
		}
		cmds := []tea.Cmd{checkFiles(m.c), frame.FilesTick()}
		if m.clockWarn != "" && m.c.Now().Sub(m.clockAt) >= clockRecheck {
			m.clockAt = m.c.Now()
			cmds = append(cmds, checkClock(m.c))
		}
		return tea.Batch(cmds...), true
	case filesCheckedMsg:
		switch {
		case errors.Is(msg.err, store.ErrFileGone):
			m.goneFiles(msg.err)
		case msg.err != nil:
			m.errLine = frame.ErrText(msg.err)
			m.resize()
		}
		return nil, true
	case clockCheckedMsg:
		if msg.err != nil {
			m.errLine = frame.ErrText(msg.err)
		} else {
			m.clockWarn = msg.warn
			m.clockAt = m.c.Now()
		}
		m.resize()
		return nil, true
	case frame.ErrMsg:
		// A save refused because the files are gone: every later save
		// is refused the same way, so the message stays.
		if errors.Is(msg.Err, store.ErrFileGone) {
			m.goneFiles(msg.Err)
		}
	}
	return nil, false
}

// goneFiles keeps the message of vanished database files for the rest of
// the session; the screens keep what the officer typed.
func (m *Model) goneFiles(err error) {
	m.filesGone = frame.ErrText(err)
	m.resize()
}

// safetyLine is the text and style of a standing safety message for the
// status line, "" when none: vanished files first (nothing can be saved),
// then the clock.
func (m *Model) safetyLine() (string, bool) {
	switch {
	case m.filesGone != "":
		return "✗ " + m.filesGone, true
	case m.clockWarn != "":
		return "! " + m.clockWarn, false
	}
	return "", false
}
