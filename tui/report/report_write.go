package report

import (
	"context"
	"errors"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"loket/export"
	"loket/store"
	"loket/tui/frame"
)

// Writing the recap workbook from the Laporan screen, with its progress.

// WrittenMsg: the recap of Period was written to Path.
type WrittenMsg struct {
	Path   string
	Period export.Period
	Sum    export.RecapSummary
	At     time.Time
}

// Success clears the error line: the workbook was written.
func (WrittenMsg) Success() {}

// Write writes the recap of p into the office's export folder as
// export.ReportFileName(p), reporting through frame.WithProgress: each
// command returns its next message, progress first, then the result
// (WrittenMsg, or a frame.ErrMsg holding a *WriteError).
func Write(ctx context.Context, s *store.Store, p export.Period, officer string, now time.Time) tea.Cmd {
	return frame.WithProgress(func(progress func(string, int)) tea.Msg {
		return recap(ctx, s, p, officer, now, progress)
	})
}

func recap(ctx context.Context, s *store.Store, p export.Period, officer string, now time.Time, progress func(string, int)) tea.Msg {
	fail := func(err error) tea.Msg { return frame.ErrMsg{Err: &WriteError{err}} }
	office, err := s.Office(ctx)
	if err != nil {
		return fail(err)
	}
	dir, err := export.ExportFolder(office)
	if err != nil {
		return fail(err)
	}
	path := filepath.Join(dir, export.ReportFileName(p))
	sum, err := export.Recap(ctx, s, path, export.RecapOptions{Period: p, MadeBy: officer, Now: now, Progress: progress})
	if err != nil {
		return fail(err)
	}
	return WrittenMsg{Path: path, Period: p, Sum: sum, At: now}
}

// WriteError is a recap that was not written, told apart from a refused
// date when it comes back as a frame.ErrMsg.
type WriteError struct{ Err error }

// Error is the Indonesian sentence.
func (e *WriteError) Error() string { return "laporan belum tertulis: " + e.Err.Error() }

// UserText is the error line's sentence: already Indonesian, without the
// "Gagal:" the error line puts before other errors. A workbook open in
// Excel says which file to close and that enter writes it again.
func (e *WriteError) UserText() string {
	var be *export.BusyError
	if errors.As(e.Err, &be) {
		return "Laporan belum tertulis: berkas " + be.Path + " sedang dibuka di Excel; tutup dulu lalu tekan enter lagi."
	}
	return "Laporan belum tertulis: " + frame.ErrText(e.Err)
}

// Unwrap gives the underlying error.
func (e *WriteError) Unwrap() error { return e.Err }
