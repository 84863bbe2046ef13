package visit

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/store/valid"
	"loket/tariff"
	"loket/tui/form"
	"loket/tui/frame"
)

// Step 4: the request, a list of product lines. Each line takes a tariff
// code from the schedule in force, a title, the quantity its measure
// counts (pages, bytes or maps) and, for microdata, the variables; the
// quote of each line and the total follow every key. The Rp0 question (is
// there a request letter?) shows only when the visitor's kategori and
// pemanfaatan could earn the facility.

type reqLine struct {
	code, title, qty, year, format, vars *form.Field
	quote                                tariff.Quote
	qerr                                 string
}

type requestEd struct {
	formEd
	id     string
	sch    *tariff.Schedule
	elig   tariff.Eligibility
	lines  []*reqLine
	letter *form.Field
	zeroOK bool // the visitor could get Rp0 with a letter

	add, del key.Binding
}

func newRequestEd(c *frame.Context, v *store.Visit, sch *tariff.Schedule) *requestEd {
	if sch == nil {
		sch = tariff.Default()
	}
	e := &requestEd{id: v.ID, sch: sch,
		elig: tariff.Eligibility{Category: v.Guest.Category, Use: v.Use},
		add:  key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "tambah produk")),
		del:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "hapus produk")),
	}
	e.zeroOK, _ = sch.ZeroEligible(tariff.Eligibility{Category: e.elig.Category, Use: e.elig.Use, Letter: true})
	letter := ""
	if v.Step(store.StepRequest).State == store.StateDone {
		letter = form.Yn(v.Letter)
	}
	e.letter = form.YesNo("letter", "Surat permohonan ada?", letter).WithHint("Tarif nol rupiah berlaku dengan surat permohonan resmi dari instansi. Tanpa surat: tarif biasa.")
	e.letter.Hidden = !e.zeroOK
	for _, it := range v.Items {
		q := ""
		switch it.Kind {
		case store.ItemMicrodata:
			q = fmt.Sprint(it.Bytes)
		case store.ItemMap:
			q = fmt.Sprint(it.Maps)
		default:
			if it.Pages > 0 {
				q = fmt.Sprint(it.Pages)
			}
		}
		year := ""
		if it.Year > 0 {
			year = fmt.Sprint(it.Year)
		}
		e.lines = append(e.lines, e.newLine(it.Code, it.Title, q, year, it.Format, it.Variables))
	}
	if len(e.lines) == 0 {
		e.lines = append(e.lines, e.newLine(sch.Items[0].Code, "", "", "", "", ""))
	}
	e.formEd = formEd{c: c, F: form.New(c)}
	e.rebuild(nil)
	if l := e.lines[0]; l.title.Value() == "" {
		// The code has its default: the form opens on the title, and ↑
		// reaches the code.
		e.F.FocusAt(e.indexOf(l.title))
	}
	return e
}

func (e *requestEd) codes() []string {
	out := make([]string, len(e.sch.Items))
	for i, it := range e.sch.Items {
		out[i] = it.Code
	}
	return out
}

func (e *requestEd) newLine(code, title, qty, year, format, vars string) *reqLine {
	l := &reqLine{
		code:   form.ChoiceF("code", "Kode tarif", e.codes(), code),
		title:  form.TextF("title", "Judul", title).WithHint("Judul publikasi, nama dataset, atau wilayah peta."),
		qty:    form.TextF("qty", "Jumlah halaman", qty),
		year:   form.TextF("year", "Tahun", year),
		format: form.TextF("format", "Format", format).WithHint("Misalnya PDF, CSV, DTA, SAV, XLSX, SHP."),
		vars:   form.TextF("vars", "Variabel", vars).WithHint("Variabel yang diminta; dibandingkan dengan abstraksi (langkah 8)."),
	}
	e.syncLine(l)
	return l
}

// syncLine fits a line to its item: the quantity's label, the variables
// for microdata, and the live quote.
func (e *requestEd) syncLine(l *reqLine) {
	it, _ := e.sch.Item(l.code.Value())
	switch it.Kind {
	case store.ItemMicrodata:
		l.qty.Label, l.qty.Hint = "Ukuran berkas", "Byte, atau dengan satuan: 25 MB, 1,5 GB (1 MB = 1.000.000 byte)."
	case store.ItemMap:
		l.qty.Label, l.qty.Hint = "Jumlah peta", ""
	default:
		l.qty.Label, l.qty.Hint = "Jumlah halaman", ""
	}
	l.vars.Hidden = it.Kind != store.ItemMicrodata
	l.quote, l.qerr = tariff.Quote{}, ""
	n, err := e.lineQty(l, it.Kind)
	switch {
	case err != nil && it.Charged:
		l.qerr = err.Error()
		return
	case n == 0 && it.Charged:
		l.qerr = "isi " + strings.ToLower(l.qty.Label) + " untuk menghitung tarif"
		return
	}
	line := store.ItemInput{Code: it.Code}.WithQuantity(it.Kind, n).Line()
	elig := e.elig
	elig.Letter = e.letter != nil && e.letter.IsYes()
	q, err := e.sch.Quote(line, elig)
	if err != nil {
		l.qerr = err.Error()
		return
	}
	l.quote = q
}

// lineQty reads a line's quantity: a size for microdata, else a count
// (store/valid; empty is 0, not filled in yet). The message is shown right
// under the quantity, so it does not name the field again.
func (e *requestEd) lineQty(l *reqLine, kind store.ItemKind) (int64, error) {
	if kind == store.ItemMicrodata {
		return valid.Size("", l.qty.Value())
	}
	return valid.Count("", l.qty.Value())
}

// rebuild lays the lines' fields into the form, keeping the focus on the
// same field.
func (e *requestEd) rebuild(focus *form.Field) {
	var fs []*form.Field
	for _, l := range e.lines {
		fs = append(fs, l.code, l.title, l.qty, l.year, l.format, l.vars)
	}
	fs = append(fs, e.letter)
	dirty, moves := e.F.Dirty, e.F.PickMoves
	e.F = form.New(e.c, fs...)
	e.F.Dirty, e.F.PickMoves = dirty, moves
	if focus != nil {
		for i, fl := range fs {
			if fl == focus {
				e.F.FocusAt(i)
			}
		}
	}
}

func (e *requestEd) keys() []key.Binding {
	e.del.SetEnabled(len(e.lines) > 1)
	return []key.Binding{e.add, e.del}
}

// lineOf finds the line holding a field.
func (e *requestEd) lineOf(fl *form.Field) int {
	for i, l := range e.lines {
		if fl == l.code || fl == l.title || fl == l.qty || fl == l.year || fl == l.format || fl == l.vars {
			return i
		}
	}
	return -1
}

func (e *requestEd) handleKey(msg tea.KeyPressMsg, _ *store.Visit) (bool, tea.Cmd) {
	switch {
	case key.Matches(msg, e.add):
		cur := e.lineOf(e.F.Cur())
		code := e.sch.Items[0].Code
		if cur >= 0 {
			code = e.lines[cur].code.Value()
		}
		l := e.newLine(code, "", "", "", "", "")
		e.lines = append(e.lines, l)
		e.F.Dirty = true
		e.rebuild(l.code)
		return true, nil
	case pressed(msg, e.del) && len(e.lines) == 1:
		// The last line stays: the store refuses a request without one.
		return true, refused(&valid.Error{Field: "Permintaan", Msg: "isi paling sedikit satu produk; produk terakhir tidak dihapus"})
	case key.Matches(msg, e.del):
		cur := e.lineOf(e.F.Cur())
		if cur < 0 {
			cur = len(e.lines) - 1
		}
		e.lines = append(e.lines[:cur], e.lines[cur+1:]...)
		e.F.Dirty = true
		e.rebuild(e.lines[min(cur, len(e.lines)-1)].code)
		return true, nil
	}
	return false, nil
}

func (e *requestEd) changed(fl *form.Field, _ *store.Visit) tea.Cmd {
	if fl == e.letter {
		for _, l := range e.lines {
			e.syncLine(l)
		}
		return nil
	}
	if i := e.lineOf(fl); i >= 0 && (fl == e.lines[i].code || fl == e.lines[i].qty) {
		e.syncLine(e.lines[i])
	}
	return nil
}

// total sums the lines' quotes through tariff.Add; ok is false when the
// sum does not fit in int64 (the store refuses any total over
// tariff.MaxTotal long before that, naming the line).
func (e *requestEd) total() (t int64, ok bool) {
	for _, l := range e.lines {
		if t, ok = tariff.Add(t, l.quote.Amount); !ok {
			return 0, false
		}
	}
	return t, true
}

func (e *requestEd) body(_ *store.Visit, w int) ([]string, int) {
	st := e.c.Styles
	lw := e.F.LabelWidth(w)
	ind := strings.Repeat(" ", lw+2)
	vw := max(w-lw-2, 8)
	heads := map[*form.Field]int{}
	for i, l := range e.lines {
		heads[l.code] = i + 1
	}
	out, focus := e.F.Lines(w, func(fl *form.Field) (before, after []string) {
		if n, ok := heads[fl]; ok {
			before = []string{st.Title.Render(fmt.Sprintf("Produk %d", n))}
		}
		i := e.lineOf(fl)
		if i < 0 {
			return before, nil
		}
		l := e.lines[i]
		switch fl {
		case l.code:
			it, _ := e.sch.Item(l.code.Value())
			for _, x := range frame.Wrap(it.Name, vw) {
				after = append(after, ind+st.Dim.Render(x))
			}
		case l.qty:
			after = e.quoteLines(l, w) // the quote follows the quantity
		}
		return before, after
	})
	return out, focus
}

func (e *requestEd) quoteLines(l *reqLine, w int) []string {
	st := e.c.Styles
	lw := e.F.LabelWidth(w)
	ind := strings.Repeat(" ", lw+2)
	vw := max(w-lw-2, 8)
	head := "  " + st.Label.Render(frame.Pad("Tarif", lw))
	if l.qerr != "" {
		out := []string{head + st.Warn.Render(frame.Pad("—", vw))}
		for _, x := range frame.Wrap(l.qerr, vw) {
			out = append(out, ind+st.Warn.Render(x))
		}
		return out
	}
	amount := tariff.Rupiah(l.quote.Amount)
	switch {
	case l.quote.Zero:
		amount += " (tarif nol rupiah; tanpa fasilitas " + tariff.Rupiah(l.quote.FullAmount) + ")"
	case l.quote.NoItem:
		amount += " (tidak ada item tarif)"
	}
	var out []string
	for i, x := range frame.Wrap(amount, vw) {
		if i == 0 {
			out = append(out, head+st.Accent.Render(x))
		} else {
			out = append(out, ind+st.Accent.Render(x))
		}
	}
	bd := l.quote.Breakdown
	if l.quote.Zero && len(bd) >= 2 {
		bd = bd[:len(bd)-2] // the price; the Rp0 reason is told at step 6
	}
	for _, x := range frame.Wrap(strings.Join(bd, "; "), vw) {
		out = append(out, ind+st.Dim.Render(x))
	}
	return out
}

// pinned keeps the total in view however long the list.
func (e *requestEd) pinned() string {
	total := "melampaui batas " + tariff.Rupiah(tariff.MaxTotal)
	if t, ok := e.total(); ok {
		total = tariff.Rupiah(t)
	}
	return e.c.Styles.Title.Render(fmt.Sprintf("Total: %s · %d produk", total, len(e.lines)))
}

func (e *requestEd) submit(*store.Visit) tea.Cmd {
	if !e.letter.Hidden && e.letter.Value() == "" {
		return e.ask("letter")
	}
	in := store.RequestInput{Letter: e.letter.IsYes()}
	for _, l := range e.lines {
		it, _ := e.sch.Item(l.code.Value())
		n, err := e.lineQty(l, it.Kind)
		if err != nil {
			l.qty.Err = err.Error()
			e.F.FocusAt(e.indexOf(l.qty))
			return nil
		}
		year, err := valid.ProductYear("", l.year.Value())
		if err != nil {
			l.year.Err = err.Error()
			e.F.FocusAt(e.indexOf(l.year))
			return nil
		}
		x := store.ItemInput{Code: l.code.Value(), Title: l.title.Value(), Year: year, Format: l.format.Value()}.WithQuantity(it.Kind, n)
		if it.Kind == store.ItemMicrodata {
			x.Variables = l.vars.Value()
		}
		in.Items = append(in.Items, x)
	}
	return saveStep(e.c, e.id, store.StepRequest, func(ctx context.Context, st *store.Store, actor, id string) error {
		return st.RecordRequest(ctx, actor, id, in)
	})
}

func (e *requestEd) indexOf(fl *form.Field) int {
	for i, x := range e.F.Fields {
		if x == fl {
			return i
		}
	}
	return 0
}

// showErr puts the store's "Produk n: judul" errors on that line's field.
func (e *requestEd) ShowErr(err error) bool {
	var ve *valid.Error
	if !errors.As(err, &ve) {
		return false
	}
	var n int
	var what string
	if _, scanErr := fmt.Sscanf(ve.Field, "Produk %d: %s", &n, &what); scanErr != nil || n < 1 || n > len(e.lines) {
		return false
	}
	l := e.lines[n-1]
	fl := map[string]*form.Field{"judul": l.title, "variabel": l.vars, "media": l.format}[what]
	if fl == nil {
		return false
	}
	fl.Err = ve.Msg
	e.F.FocusAt(e.indexOf(fl))
	return true
}
