package visit

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/store/valid"
	"loket/tariff"
	"loket/tui/form"
	"loket/tui/frame"
)

// newEditor builds the panel of step n from the visit as last read.
func newEditor(c *frame.Context, v *store.Visit, sch *tariff.Schedule, n int) editor {
	// info is a step without inputs whose enter records it with rec.
	info := func(body func(*store.Visit, int) []string, rec func(*store.Store, context.Context, string, string) error) editor {
		return &infoEd{body0: body, save: saveStep(c, v.ID, n, func(ctx context.Context, st *store.Store, actor, id string) error {
			return rec(st, ctx, actor, id)
		})}
	}
	switch n {
	case store.StepArrival:
		return &infoEd{body0: func(v *store.Visit, w int) []string { return arrivalLines(c, v, w) }}
	case store.StepPurpose:
		return newPurposeEd(c, v)
	case store.StepGuestBook:
		return NewGuestEd(c, v)
	case store.StepRequest:
		return newRequestEd(c, v, sch)
	case store.StepAvailable:
		return newAvailEd(c, v)
	case store.StepTerms:
		return info(func(v *store.Visit, w int) []string { return termsLines(c, v, sch, w) }, (*store.Store).ConfirmTerms)
	case store.StepAgreement:
		return newAgreeEd(c, v)
	case store.StepDocCheck:
		return newDocCheckEd(c, v)
	case store.StepInvoice:
		return newInvoiceEd(c, v)
	case store.StepPrepare:
		return newPrepareEd(c, v)
	case store.StepPayment:
		return newPaymentEd(c, v)
	case store.StepSPPD:
		return info(func(v *store.Visit, w int) []string { return sppdLines(c, v, w) }, (*store.Store).RecordSPPD)
	case store.StepHandover:
		return newHandoverEd(c, v)
	case store.StepCheck:
		return newCheckEd(c, v)
	case store.StepRating:
		return newRatingEd(c, v)
	}
	return info(func(v *store.Visit, w int) []string { return finishLines(c, v, w) }, (*store.Store).Finish)
}

// infoEd is a step without inputs: it shows what the officer tells or
// checks, and enter records it.
type infoEd struct {
	editorBase
	body0 func(v *store.Visit, w int) []string
	save  tea.Cmd
}

// Fields is nil: the step has no inputs.
func (e *infoEd) Fields() *form.Form { return nil }
func (e *infoEd) body(v *store.Visit, w int) ([]string, int) {
	return e.body0(v, w), 0
}
func (e *infoEd) submit(*store.Visit) tea.Cmd { return e.save }

// formEd is the common part of a step with a form.
type formEd struct {
	editorBase
	c *frame.Context
	F *form.Form
}

// Fields is the step's form.
func (e *formEd) Fields() *form.Form { return e.F }

// kv writes "label: value" with the label dimmed, wrapped to w.
func kv(c *frame.Context, label, value string, w int) []string {
	lines := frame.WrapIndent(label+": "+value, w, 2)
	lines[0] = c.Styles.Dim.Render(label+":") + strings.TrimPrefix(lines[0], label+":")
	return lines
}

// itemQty writes a line's quantity in its measure.
func itemQty(it store.Item) string {
	switch {
	case it.Kind == store.ItemMicrodata:
		return frame.Thousands(it.Bytes) + " byte"
	case it.Kind == store.ItemMap:
		return frame.Thousands(it.Maps) + " peta"
	case it.Pages > 0:
		return frame.Thousands(it.Pages) + " halaman"
	}
	return ""
}

// itemLines describe a product line under its field.
func itemLines(c *frame.Context, it store.Item, w int) []string {
	text := it.Code + " · " + it.Title
	if q := itemQty(it); q != "" {
		text += " · " + q
	}
	text += " · " + tariff.Rupiah(it.Amount)
	if it.Available != nil && !*it.Available {
		text += " (tidak tersedia)"
	}
	var out []string
	for _, l := range frame.Wrap(text, w-4) {
		out = append(out, "    "+c.Styles.Dim.Render(l))
	}
	return out
}

func arrivalLines(c *frame.Context, v *store.Visit, w int) []string {
	out := kv(c, "Nomor antrian", v.Queue(), w)
	out = append(out, kv(c, "Datang", frame.LongDate(v.ArrivedAt)+", "+frame.Clock(v.ArrivedAt)+" WIB", w)...)
	if v.Open() {
		out = append(out, "")
		out = append(out, frame.WrapStyled(c.Styles.Dim, "Tekan enter untuk ke langkah yang sedang dikerjakan.", w)...)
	}
	return out
}

// Step 2: maksud dan tujuan, pemanfaatan data.
type purposeEd struct {
	formEd
	id string
}

func newPurposeEd(c *frame.Context, v *store.Visit) *purposeEd {
	p := v.Purpose
	if p == "" {
		p = "Membeli produk statistik"
	}
	f := form.New(c,
		form.TextF("purpose", "Maksud kunjungan", p),
		form.ChoiceF("use", "Pemanfaatan data", valid.Uses, v.Use),
	)
	if v.Use == "" {
		// The purpose is proposed: the form opens on what is still to
		// fill, and ↑ reaches the purpose.
		f.FocusKey("use")
	}
	return &purposeEd{formEd{c: c, F: f}, v.ID}
}

func (e *purposeEd) body(_ *store.Visit, w int) ([]string, int) { return e.F.Lines(w, nil) }

func (e *purposeEd) submit(*store.Visit) tea.Cmd {
	purpose, use := e.F.Val("purpose"), e.F.Val("use")
	return saveStep(e.c, e.id, store.StepPurpose, func(ctx context.Context, st *store.Store, actor, id string) error {
		return st.RecordPurpose(ctx, actor, id, purpose, use)
	})
}

// Step 5: availability of each line.
type availEd struct {
	formEd
	id    string
	items []store.Item
}

func newAvailEd(c *frame.Context, v *store.Visit) *availEd {
	e := &availEd{id: v.ID, items: v.Items}
	var fs []*form.Field
	for _, it := range v.Items {
		val := form.Yes
		if it.Available != nil {
			val = form.Yn(*it.Available)
		}
		fs = append(fs, form.YesNo(it.ID, fmt.Sprintf("Produk %d", it.Seq), val).WithHint("Ya: tersedia · Tidak: tidak tersedia (tetap tercatat, tidak ditagih)"))
	}
	e.formEd = formEd{c: c, F: form.New(c, fs...)}
	return e
}

func (e *availEd) body(_ *store.Visit, w int) ([]string, int) {
	head := []string{"Apakah produk tersedia?", ""}
	lines, focus := e.F.Lines(w, form.Under(func(fl *form.Field) []string {
		for _, it := range e.items {
			if it.ID == fl.Key {
				return itemLines(e.c, it, w)
			}
		}
		return nil
	}))
	foot := frame.WrapStyled(e.c.Styles.Dim, "Bila tidak ada produk yang tersedia, kunjungan berakhir Batal (produk tidak tersedia).", w)
	return append(append(head, lines...), append([]string{""}, foot...)...), focus + len(head)
}

func (e *availEd) submit(*store.Visit) tea.Cmd {
	avail := map[string]bool{}
	for _, fl := range e.F.Fields {
		if v := fl.Value(); v != "" {
			avail[fl.Key] = fl.IsYes()
		}
	}
	return saveStep(e.c, e.id, store.StepAvailable, func(ctx context.Context, st *store.Store, actor, id string) error {
		return st.RecordAvailability(ctx, actor, id, avail)
	})
}

// Step 6: the tariff of each line with its basis, and the documents.
func termsLines(c *frame.Context, v *store.Visit, sch *tariff.Schedule, w int) []string {
	st := c.Styles
	var out []string
	total := "Total: " + tariff.Rupiah(v.Total)
	if v.ZeroApplied() {
		total += " (tarif nol rupiah)"
	}
	out = append(out, frame.WrapStyled(st.Title, total, w)...)
	docs := "tidak ada"
	if d := requiredDocs(v); d != "" {
		docs = d
	}
	out = append(out, kv(c, "Dokumen yang harus dipenuhi", docs, w)...)
	out = append(out, kv(c, "Jadwal tarif", v.ScheduleName, w)...)
	if v.Open() && v.Step(store.StepTerms).State != store.StateDone {
		out = append(out, st.Accent.Render("Sampaikan ketentuan ini, lalu tekan enter."))
	}
	for _, it := range v.Items {
		name := it.Code
		if sch != nil {
			if ti, ok := sch.Item(it.Code); ok {
				name = ti.Name
			}
		}
		out = append(out, "")
		out = append(out, frame.WrapStyled(st.Title, fmt.Sprintf("%d. %s: %s", it.Seq, name, tariff.Rupiah(it.Amount)), w)...)
		out = append(out, frame.WrapIndent("   "+it.Title+" · "+itemQty(it), w, 3)...)
		if !it.Counts() {
			out = append(out, st.Warn.Render("   Tidak tersedia: tidak ditagih"))
			continue
		}
		for _, q := range it.Quote {
			out = append(out, frame.WrapIndent("   "+q, w, 3)...)
		}
		if !it.Zero {
			out = append(out, frame.WrapIndent("   Dasar: "+it.Basis, w, 3)...)
		}
	}
	// The schedule's notes are for the office (an unconfirmed effective
	// date, say) and stay on the Tarif screen: this text is read out to the
	// visitor.
	out = append(out, "")
	if v.HasKind(store.ItemMicrodata) {
		out = append(out, frame.WrapStyled(st.Dim, "• 1 MB = 1.000.000 byte; bagian dari satuan dihitung satu satuan penuh.", w)...)
	}
	return out
}

// requiredDocs names the documents the request brings, as step 6 tells
// them (store.RequiredDocuments, the list the store puts on the checklist
// when the step is recorded), "" for none.
func requiredDocs(v *store.Visit) string {
	var out []string
	for _, k := range store.RequiredDocuments(v) {
		out = append(out, k.Label())
	}
	return strings.Join(out, "; ")
}

// Step 7: agreement and documents handed in.
type agreeEd struct {
	formEd
	id string
}

func newAgreeEd(c *frame.Context, v *store.Visit) *agreeEd {
	agreed := ""
	if v.Agreed != nil {
		agreed = form.Yn(*v.Agreed)
	}
	fs := []*form.Field{
		form.YesNo("agreed", "Menyetujui ketentuan", agreed).WithHint("Tidak: kunjungan berakhir Batal dengan alasannya."),
		form.TextF("reason", "Alasan", ""),
	}
	if d := v.Document(store.DocAbstraksi); d != nil {
		vars := d.Variables
		if vars == "" {
			vars = requestedVars(v)
		}
		fs = append(fs, form.YesNo("abstract", "Abstraksi diserahkan", receivedVal(d)),
			form.TextF("vars", "Variabel dalam abstraksi", vars))
	}
	if d := v.Document(store.DocLetter); d != nil {
		fs = append(fs, form.YesNo("letter", "Surat permohonan diserahkan", receivedVal(d)))
	}
	e := &agreeEd{formEd{c: c, F: form.New(c, fs...)}, v.ID}
	e.sync()
	return e
}

func receivedVal(d *store.Document) string {
	if d.Received {
		return form.Yes
	}
	return ""
}

func requestedVars(v *store.Visit) string {
	var vs []string
	for _, it := range v.Items {
		if it.Counts() && strings.TrimSpace(it.Variables) != "" {
			vs = append(vs, it.Variables)
		}
	}
	return strings.Join(vs, "; ")
}

// sync shows the reason only for a refusal, the documents only for an
// agreement.
func (e *agreeEd) sync() {
	no := e.F.No("agreed")
	for _, fl := range e.F.Fields {
		switch fl.Key {
		case "reason":
			fl.Hidden = !no
		case "abstract", "vars", "letter":
			fl.Hidden = no
		}
	}
	e.F.FixFocus()
}

func (e *agreeEd) changed(*form.Field, *store.Visit) tea.Cmd { e.sync(); return nil }

func (e *agreeEd) body(v *store.Visit, w int) ([]string, int) {
	head := kv(e.c, "Total tagihan", tariff.Rupiah(v.Total), w)
	if docs := requiredDocs(v); docs != "" {
		head = append(head, kv(e.c, "Dokumen", docs, w)...)
	}
	head = append(head, "")
	lines, focus := e.F.Lines(w, nil)
	return append(head, lines...), focus + len(head)
}

func (e *agreeEd) submit(*store.Visit) tea.Cmd {
	in := store.AgreementInput{
		Agreed:    e.F.Yes("agreed"),
		Reason:    e.F.Val("reason"),
		Abstraksi: e.F.Yes("abstract"),
		Variables: e.F.Val("vars"),
		Letter:    e.F.Yes("letter"),
	}
	if e.F.Val("agreed") == "" {
		return e.ask("agreed")
	}
	return saveStep(e.c, e.id, store.StepAgreement, func(ctx context.Context, st *store.Store, actor, id string) error {
		return st.RecordAgreement(ctx, actor, id, in)
	})
}

// ask marks an unanswered Ya/Tidak question.
func (e *formEd) ask(key string) tea.Cmd {
	fl := e.F.Get(key)
	fl.Err = "pilih Ya atau Tidak (tombol y atau t)"
	e.F.FocusKey(key)
	return nil
}
