package endofday

import (
	"context"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"loket/export"
	"loket/store"
	"loket/tui/frame"
)

// Writing the day's workbook from Tutup hari, with its progress.

// export writes the day's workbook in a command; the spinner turns and
// the sheet being written shows until it answers.
func (e *Screen) export() tea.Cmd {
	e.done = nil
	return tea.Batch(EndOfDayWrite(e.C.Ctx, e.C.Store, e.Data.Day, e.C.Officer.Name, e.C.Now()), e.Start(e.C.Styles))
}

// endOfDayWrite writes the workbook of day to the export folder as
// laporan-pst-YYYY-MM-DD.xlsx, ID numbers masked, reporting its progress
// through frame.WithProgress: each command returns its next message,
// progress first, then the result.
func EndOfDayWrite(ctx context.Context, s *store.Store, day, officer string, now time.Time) tea.Cmd {
	return frame.WithProgress(func(progress func(string, int)) tea.Msg {
		return endOfDayExport(ctx, s, day, officer, now, progress)
	})
}

func endOfDayExport(ctx context.Context, s *store.Store, day, officer string, now time.Time, progress func(string, int)) tea.Msg {
	fail := func(err error) tea.Msg { return frame.ErrMsg{Err: &endOfDayExportError{err}} }
	office, err := s.Office(ctx)
	if err != nil {
		return fail(err)
	}
	dir, err := export.ExportFolder(office)
	if err != nil {
		return fail(err)
	}
	path := filepath.Join(dir, export.FileName(day, day))
	sum, err := export.Export(ctx, s, path, export.Options{From: day, To: day, MadeBy: officer, Now: now, Progress: progress})
	if err != nil {
		return fail(err)
	}
	return EndOfDayExportedMsg{Path: path, Sum: sum, at: now}
}

// endOfDayExportError is a failed export, told apart from a refused
// hand-over when it comes back as an errMsg.
type endOfDayExportError struct{ err error }

// Error is the Indonesian sentence for the error line.
func (e *endOfDayExportError) Error() string { return "laporan belum tertulis: " + e.err.Error() }

// userText is the error line's sentence: already Indonesian, without the
// "Gagal:" the error line puts before other errors.
func (e *endOfDayExportError) UserText() string {
	return "Laporan belum tertulis: " + frame.ErrText(e.err)
}

// Unwrap gives the underlying error.
func (e *endOfDayExportError) Unwrap() error { return e.err }
