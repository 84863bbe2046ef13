package visit

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"loket/export"
	"loket/store"
	"loket/tui/folder"
	"loket/tui/frame"
)

// Printing the counter's documents (ctrl+p): the invoice, the kuitansi and
// the SPPD sheet (see printKind). The export
// package writes the one-page workbook; the file goes to the office's
// export folder (the current folder when none is set, as `loket dokumen`
// does) and the print is counted on the number.

// printKind is the document ctrl+p prints on a step: the step's own (the
// invoice at 9, the kuitansi at 11 and 14, the SPPD sheet at 12), else the
// visit's latest (the kuitansi once paid, the invoice before), "" for none.
func printKind(v *store.Visit, step int) string {
	inv, kw := v.ActiveInvoice("invoice") != nil, v.ActiveInvoice("kuitansi") != nil
	switch {
	case step == store.StepSPPD && v.HasMicrodata():
		return "sppd"
	case step == store.StepInvoice && inv:
		return "invoice"
	case kw:
		return "kuitansi"
	case inv:
		return "invoice"
	}
	return ""
}

var printNames = map[string]string{"invoice": "Invoice", "kuitansi": "Kuitansi", "sppd": "Lampiran SPPD"}

// printDoc writes a visit's document in a command and reports where.
func printDoc(c *frame.Context, visitID, kind string) tea.Cmd {
	st, ctx, actor, officer, now := c.Store, c.Ctx, c.Actor(), c.Officer.Name, c.Now()
	return func() tea.Msg {
		path, err := writeDoc(ctx, st, actor, officer, visitID, kind, now)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		return frame.NoticeMsg(printNames[kind] + " tersimpan untuk dicetak: " + path)
	}
}

func writeDoc(ctx context.Context, st *store.Store, actor, officer, visitID, kind string, now time.Time) (string, error) {
	v, err := st.Visit(ctx, visitID)
	if err != nil {
		return "", err
	}
	office, err := st.Office(ctx)
	if err != nil {
		return "", err
	}
	dir, err := folder.ExportFolder(office)
	if err != nil {
		return "", err
	}
	write, in := export.Invoice, v.ActiveInvoice("invoice")
	name := ""
	switch kind {
	case "kuitansi":
		write, in = export.Receipt, v.ActiveInvoice("kuitansi")
	case "sppd":
		write, in = export.SPPD, nil
		name = "lampiran-sppd-" + v.Day + "-" + v.Queue() + ".xlsx"
	}
	if in != nil {
		name = kind + "-" + strings.ReplaceAll(in.Number, "/", "-") + ".xlsx"
	}
	if name == "" {
		return "", fmt.Errorf("belum ada %s untuk kunjungan %s", kind, v.Queue())
	}
	target := filepath.Join(dir, name)
	d := export.Document{Office: office, Visit: v, Officer: officer, Now: now}
	if err := export.WriteFile(target, "cetak", func(w io.Writer) error { return write(w, d) }); err != nil {
		return "", err
	}
	if in != nil {
		// A print is on record; a file that is not must not stay.
		if err := st.MarkPrinted(ctx, actor, in.ID); err != nil {
			os.Remove(target)
			return "", fmt.Errorf("berkas tidak disimpan: pencatatan cetak gagal: %w", err)
		}
	}
	return target, nil
}
