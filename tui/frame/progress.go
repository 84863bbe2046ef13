package frame

import tea "charm.land/bubbletea/v2"

// progressStep is one step of work reported by WithProgress, before the
// screen's own message is made of it.
type progressStep struct {
	sheet string
	rows  int
}

// WithProgress runs work in a goroutine of its own and returns the command
// that yields its messages in turn: each progress step as step(sheet,
// rows, next), where next is the command for the following message, then
// work's result. Writing a workbook (Tutup hari, Laporan) reports this
// way. The work never waits for the screen: a step the screen has not
// read yet is replaced by the newer one.
func WithProgress(work func(progress func(sheet string, rows int)) tea.Msg,
	step func(sheet string, rows int, next tea.Cmd) tea.Msg) tea.Cmd {
	ch := make(chan tea.Msg, 1)
	var next tea.Cmd
	next = func() tea.Msg {
		msg := <-ch
		if p, ok := msg.(progressStep); ok {
			return step(p.sheet, p.rows, next)
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
