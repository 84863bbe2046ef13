package tui

import (
	"fmt"
	"strings"

	"loket/tui/frame"

	tea "charm.land/bubbletea/v2"
)

// startupChecks runs the integrity quick check and the day's first backup.
// They are commands, so the first frame is drawn before they run and the
// officer never waits on them; only a problem is shown.
func startupChecks(c *frame.Context) tea.Cmd {
	s, ctx := c.Store, c.Ctx
	return func() tea.Msg {
		problems, err := s.QuickCheck(ctx)
		if err != nil {
			return frame.ErrMsg{Err: fmt.Errorf("pemeriksaan basis data gagal: %w", err)}
		}
		if len(problems) > 0 {
			return frame.ErrMsg{Err: fmt.Errorf("basis data bermasalah (%s); jalankan 'loket check' dan pulihkan dari cadangan", strings.Join(problems, "; "))}
		}
		if _, err := s.AutoBackup(ctx); err != nil {
			return frame.ErrMsg{Err: fmt.Errorf("cadangan harian gagal: %w", err)}
		}
		return nil
	}
}
