package visit

import (
	tea "charm.land/bubbletea/v2"

	"loket/export"
	"loket/store"
	"loket/tui/frame"
)

// Printing the counter's documents (ctrl+p): the invoice, the kuitansi and
// the SPPD sheet (see printKind). The use case is export.PrintDocument, the
// one `loket dokumen` calls too: it names the file, writes it atomically to
// the office's export folder and counts the print on the number.

// printKind is the document ctrl+p prints on a step: the step's own (the
// invoice at 9, the kuitansi at 11 and 14, the SPPD sheet at 12), else the
// visit's latest (the kuitansi once paid, the invoice before), "" for none.
func printKind(v *store.Visit, step int) export.PrintKind {
	inv, kw := v.ActiveInvoice(store.KindInvoice) != nil, v.ActiveInvoice(store.KindReceipt) != nil
	switch {
	case step == store.StepSPPD && v.NeedsAgreement():
		return export.KindSPPD
	case step == store.StepInvoice && inv:
		return export.KindInvoice
	case kw:
		return export.KindReceipt
	case inv:
		return export.KindInvoice
	}
	return ""
}

// printDoc writes a visit's document in a command and reports where.
func printDoc(c *frame.Context, visitID string, kind export.PrintKind) tea.Cmd {
	st, ctx := c.Store, c.Ctx
	r := export.PrintRequest{VisitID: visitID, Kind: kind, Actor: c.Actor(), Officer: c.Officer.Name, Now: c.Now()}
	return func() tea.Msg {
		path, err := export.PrintDocument(ctx, st, r)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		return frame.NoticeMsg(export.PrintNames[kind] + " tersimpan untuk dicetak: " + path)
	}
}

// noDocument is why ctrl+p has nothing to print yet: no invoice issued
// (step 9) or none at all on this visit (Rp0).
func noDocument(v *store.Visit) error {
	why := "invoice terbit di langkah 9, kuitansi setelah pembayaran"
	if st := v.Step(store.StepInvoice); st.State == store.StateNA {
		why = "kunjungan ini tanpa invoice maupun kuitansi (" + st.Reason + ")"
	}
	return &store.RuleError{Kind: store.ErrNotFound, Msg: "Belum ada dokumen untuk dicetak pada kunjungan " + v.Queue() + ": " + why}
}
