package visit

import (
	"context"
	"fmt"

	"loket/store"
	"loket/tariff"
	"loket/tui/form"
	"loket/tui/frame"

	tea "charm.land/bubbletea/v2"
)

// Step 8: documents complete, abstraksi matching the variables.
type docCheckEd struct {
	formEd
	id string
}

func newDocCheckEd(c *frame.Context, v *store.Visit) *docCheckEd {
	matches, note := "", ""
	for _, d := range v.Documents {
		if d.Matches != nil && d.Kind != store.DocSPPD {
			matches, note = form.Yn(*d.Matches), d.Note
		}
	}
	f := form.New(c,
		form.YesNo("matches", "Dokumen lengkap dan sesuai", matches).WithHint("Tidak: pengguna layanan dirujuk ke konsultasi statistik; kunjungan berakhir."),
		form.TextF("note", "Catatan pemeriksaan", note),
	)
	return &docCheckEd{formEd{c: c, F: f}, v.ID}
}

func (e *docCheckEd) body(v *store.Visit, w int) ([]string, int) {
	var head []string
	for _, it := range v.Items {
		if it.Counts() && it.Variables != "" {
			head = append(head, kv(e.c, fmt.Sprintf("Diminta (produk %d)", it.Seq), it.Variables, w)...)
		}
	}
	for _, d := range v.Documents {
		switch d.Kind {
		case store.DocAbstraksi:
			head = append(head, kv(e.c, "Abstraksi", receivedText(d.Received)+"; variabel: "+frame.OrDash(d.Variables), w)...)
		case store.DocLetter:
			head = append(head, kv(e.c, "Surat permohonan", receivedText(d.Received), w)...)
		}
	}
	head = append(head, "")
	lines, focus := e.F.Lines(w, nil)
	return append(head, lines...), focus + len(head)
}

func receivedText(b bool) string {
	if b {
		return "diterima"
	}
	return "belum diterima"
}

func (e *docCheckEd) submit(*store.Visit) tea.Cmd {
	if e.F.Val("matches") == "" {
		return e.ask("matches")
	}
	matches, note := e.F.Yes("matches"), e.F.Val("note")
	return saveStep(e.c, e.id, store.StepDocCheck, func(ctx context.Context, st *store.Store, actor, id string) error {
		return st.RecordDocumentCheck(ctx, actor, id, matches, note)
	})
}

// Step 9: invoice, sample microdata, SPPD form.
type invoiceEd struct {
	formEd
	id string
}

func newInvoiceEd(c *frame.Context, v *store.Visit) *invoiceEd {
	var fs []*form.Field
	done := v.Step(store.StepInvoice).State == store.StateDone
	val := func(b bool) string {
		if done {
			return form.Yn(b)
		}
		return ""
	}
	if v.HasKind(store.ItemMicrodata) {
		fs = append(fs, form.YesNo("sample", "Contoh data mikro diberikan", val(v.SampleGiven)))
	}
	if v.NeedsAgreement() {
		fs = append(fs, form.YesNo("sppdForm", "Formulir SPPD diserahkan", val(v.SPPDGiven)).WithHint("Wajib untuk data mikro dan peta: ditandatangani di atas meterai Rp10.000 (langkah 12)."))
	}
	return &invoiceEd{formEd{c: c, F: form.New(c, fs...)}, v.ID}
}

func (e *invoiceEd) body(v *store.Visit, w int) ([]string, int) {
	head := kv(e.c, "Total", tariff.Rupiah(v.Total), w)
	switch inv := v.ActiveInvoice(store.KindInvoice); {
	case inv != nil:
		head = append(head, kv(e.c, "Nomor invoice", inv.Number, w)...)
		head = append(head, kv(e.c, "Diterbitkan", frame.DateTime(inv.IssuedAt), w)...)
	case v.Total > 0:
		head = append(head, kv(e.c, store.KindInvoice.Label(), "nomor diterbitkan saat langkah ini disimpan", w)...)
	default:
		head = append(head, kv(e.c, store.KindInvoice.Label(), "tidak ada (Rp0)", w)...)
	}
	head = append(head, "")
	if len(e.F.Fields) == 0 {
		if v.Open() && v.Step(store.StepInvoice).State != store.StateDone {
			head = append(head, "Tekan enter untuk menerbitkan invoice.")
		}
		return head, 0
	}
	lines, focus := e.F.Lines(w, nil)
	return append(head, lines...), focus + len(head)
}

func (e *invoiceEd) submit(*store.Visit) tea.Cmd {
	for _, fl := range e.F.Fields {
		if fl.Value() == "" {
			return e.ask(fl.Key)
		}
	}
	in := store.InvoiceInput{SampleGiven: e.F.Yes("sample"), SPPDGiven: e.F.Yes("sppdForm")}
	return saveStep(e.c, e.id, store.StepInvoice, func(ctx context.Context, st *store.Store, actor, id string) error {
		return st.IssueInvoice(ctx, actor, id, in)
	})
}
