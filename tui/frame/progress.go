package frame

import (
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// ProgressMsg is how far a workbook write is: the sheet being written and
// its rows so far ("" once the file is being saved). Next waits for the
// write's following message.
type ProgressMsg struct {
	Sheet string
	Rows  int
	Next  tea.Cmd
}

// Writing is what a screen that writes a workbook (Tutup hari, Laporan)
// embeds: whether it is busy, the latest progress, and the spinner.
type Writing struct {
	Busy     bool        // writing the workbook
	Progress ProgressMsg // the sheet being written
	spin     spinner.Model
}

// Start marks the write begun and returns the spinner's first tick, to
// batch with the write's command.
func (w *Writing) Start(st *Styles) tea.Cmd {
	w.Busy, w.Progress = true, ProgressMsg{}
	w.spin = spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(st.Accent))
	return w.spin.Tick
}

// Spinner is the spinner's current frame.
func (w *Writing) Spinner() string { return w.spin.View() }

// Handle handles the write's progress and the spinner's ticks: the latest
// step is kept while busy and the next one read; the spinner turns only
// while busy. handled is false for any other message.
func (w *Writing) Handle(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	switch msg := msg.(type) {
	case ProgressMsg:
		if w.Busy {
			w.Progress = msg
		}
		return msg.Next, true
	case spinner.TickMsg:
		if w.Busy {
			w.spin, cmd = w.spin.Update(msg)
		}
		return cmd, true
	}
	return nil, false
}

// progressStep is one step of work reported by WithProgress, before the
// screen's own message is made of it.
type progressStep struct {
	sheet string
	rows  int
}

// WithProgress runs work in a goroutine of its own and returns the command
// that yields its messages in turn: each progress step as a ProgressMsg,
// whose Next is the command for the following message, then work's
// result. Writing a workbook (Tutup hari, Laporan) reports this
// way. The work never waits for the screen: a step the screen has not
// read yet is replaced by the newer one.
func WithProgress(work func(progress func(sheet string, rows int)) tea.Msg) tea.Cmd {
	ch := make(chan tea.Msg, 1)
	var next tea.Cmd
	next = func() tea.Msg {
		msg := <-ch
		if p, ok := msg.(progressStep); ok {
			return ProgressMsg{Sheet: p.sheet, Rows: p.rows, Next: next}
		}
		return msg
	}
	go func() {
		ch <- work(func(sheet string, rows int) {
			p := progressStep{sheet, rows}
			for {
				select {
				case ch <- p:
					return
				default:
				}
				select {
				case <-ch:
				default:
				}
			}
		})
	}()
	return next
}
