package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"loket/export"
	"loket/store"
	"loket/store/valid"
	"loket/tariff"
	"loket/tui/folder"
	"loket/tui/form"
	"loket/tui/frame"
)

// Tutup hari (e on Beranda): the end of the counter's WIB day. The cash
// taken today against the cash counted, and its hand-over to the bendahara
// penerimaan (amount, recipient, time, any difference and why); the bank
// payments still awaited with their billing codes' time to expiry; and the
// day's workbook for the Kasubbag Umum, written to the export folder.
//
// The store decides: it sums the cash receipts itself when the hand-over
// is recorded and refuses a difference without a reason. A day may have
// more than one hand-over (a correction, or cash taken after the first);
// each is compared with the whole day's cash receipts.

type endOfDayKeys struct {
	Edit, Next, Prev, Save, Leave key.Binding
	Export, Yes, No, Back         key.Binding
}

func newEndOfDayKeys() endOfDayKeys {
	return endOfDayKeys{
		Edit:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "isi serah terima")),
		Next:   key.NewBinding(key.WithKeys("tab", "down", "enter"), key.WithHelp("tab/enter", "isian berikutnya")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "sebelumnya")),
		Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "catat serah terima")),
		Leave:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "selesai mengisi")),
		Export: key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "tulis laporan Excel")),
		Yes:    key.NewBinding(key.WithKeys("y", "enter"), key.WithHelp("y/enter", "ya, tulis laporan")),
		No:     key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "batal")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "Beranda")),
	}
}

// endOfDayLoadedMsg carries what the screen shows of a WIB day.
type endOfDayLoadedMsg struct {
	gen       int // which load; an older one arriving late is dropped
	day       string
	receipts  int64 // the store's sum of today's cash payments
	cashCount int   // how many cash payments
	payments  int   // all payments made today
	visits    int   // visits that arrived today
	open      int   // of those, still open
	handovers []store.CashHandover
	recipient string            // who received the last hand-over, to prefill
	bank      []store.OpenVisit // open visits awaiting a bank payment
	folder    string            // the export folder
	folderErr error             // why there is none
	written   time.Time         // when today's workbook was last written, zero if not yet
	changed   time.Time         // the latest change recorded in the store
}

// endOfDayHandedMsg: the cash hand-over was recorded.
type endOfDayHandedMsg struct{ h store.CashHandover }

// endOfDayExportedMsg: the workbook was written to path.
type endOfDayExportedMsg struct {
	path string
	sum  export.Summary
	at   time.Time
}

func (endOfDayHandedMsg) Success()   {}
func (endOfDayExportedMsg) Success() {}

type endOfDayScreen struct {
	frame.Base
	c        *frame.Context
	keys     endOfDayKeys
	loaded   bool
	data     endOfDayLoadedMsg
	loadGen  int // the latest load asked for
	f        *form.Form
	editing  bool // a field of the hand-over form has the focus
	saving   bool
	confirm  bool // asking whether to export without a hand-over
	busy     bool // writing the workbook
	spin     spinner.Model
	progress endOfDayProgressMsg // the sheet being written
	done     *endOfDayExportedMsg
	w, h     int
}

func newEndOfDay(c *frame.Context) frame.Screen {
	e := &endOfDayScreen{c: c, keys: newEndOfDayKeys()}
	e.f = form.NewForm(c,
		form.TextF("counted", "Uang tunai dihitung", "").WithHint("Rupiah bulat, misalnya 1.250.000."),
		form.TextF("recipient", "Penerima (bendahara)", "").WithHint("Nama bendahara penerimaan."),
		form.TextF("reason", "Alasan selisih", "").WithHint("Mengapa uang dihitung berbeda."),
	)
	e.f.Get("reason").Hidden = true
	e.blur()
	e.applyKeys()
	return e
}

func (e *endOfDayScreen) Title() string    { return "Tutup hari" }
func (e *endOfDayScreen) SetSize(w, h int) { e.w, e.h = w, h }
func (e *endOfDayScreen) Init() tea.Cmd    { return e.load() }
func (e *endOfDayScreen) Typing() bool     { return e.editing }
func (e *endOfDayScreen) ShortHelp() []key.Binding {
	k := e.keys
	return []key.Binding{k.Save, k.Next, k.Prev, k.Leave, k.Edit, k.Yes, k.No, k.Export, k.Back}
}
func (e *endOfDayScreen) FullHelp() [][]key.Binding { return [][]key.Binding{e.ShortHelp()} }

func (e *endOfDayScreen) applyKeys() {
	k := &e.keys
	idle := !e.editing && !e.confirm
	k.Edit.SetEnabled(idle && e.loaded && !e.saving)
	k.Next.SetEnabled(e.editing)
	k.Prev.SetEnabled(e.editing)
	k.Save.SetEnabled(e.editing && !e.saving)
	k.Leave.SetEnabled(e.editing)
	k.Yes.SetEnabled(e.confirm)
	k.No.SetEnabled(e.confirm)
	k.Export.SetEnabled(idle && e.loaded && !e.busy)
	k.Back.SetEnabled(idle && !e.busy)
}

// blur leaves the form: no field has the focus.
func (e *endOfDayScreen) blur() {
	e.f.FocusAt(-1)
	e.f.Focus = -1
	e.editing = false
}

func (e *endOfDayScreen) edit(key string) {
	e.editing = true
	e.f.FocusKey(key)
}

// load reads the day's figures, hand-overs, awaited bank payments and the
// export folder.
func (e *endOfDayScreen) load() tea.Cmd {
	e.loadGen++
	s, ctx, now, gen := e.c.Store, e.c.Ctx, e.c.Now(), e.loadGen
	return func() tea.Msg {
		day := store.Day(now)
		m := endOfDayLoadedMsg{gen: gen, day: day}
		// The day's figures come from one snapshot: the cash receipts, the
		// count of cash payments and the visits agree with each other.
		st, err := s.DayStats(ctx, day)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		m.receipts, m.payments, m.cashCount, m.visits, m.open = st.Cash, st.Payments, st.CashPayments, st.Visits, st.Open
		// The last recipient of the past two months prefills the field:
		// the bendahara is nearly always the same person.
		hs, err := s.CashHandovers(ctx, store.Day(store.DayStart(now).AddDate(0, 0, -60)), day)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		for _, h := range hs {
			m.recipient = h.Recipient
			if h.Day == day {
				m.handovers = append(m.handovers, h)
			}
		}
		open, err := s.OpenVisits(ctx)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		for _, o := range open {
			if o.BillingCode != "" || o.Waiting {
				m.bank = append(m.bank, o)
			}
		}
		sort.SliceStable(m.bank, func(i, j int) bool { return endOfDayExpiry(m.bank[i]).Before(endOfDayExpiry(m.bank[j])) })
		office, err := s.Office(ctx)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		// Only where it is: the folder is made when the workbook is written.
		m.folder, m.folderErr = folder.ExportDirOf(office)
		if m.folderErr == nil {
			if fi, err := os.Stat(filepath.Join(m.folder, export.FileName(day, day))); err == nil {
				m.written = fi.ModTime()
			}
		}
		if m.changed, err = s.LastChange(ctx); err != nil {
			return frame.ErrMsg{Err: err}
		}
		return m
	}
}

// endOfDayExpiry orders awaited payments: the code that expires first on
// top, visits without an active code last.
func endOfDayExpiry(o store.OpenVisit) time.Time {
	if o.BillingCode == "" {
		return time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return o.BillingExpires
}

// endOfDayCountedField is the label of the amount field, as its messages
// name it.
const endOfDayCountedField = "Uang tunai dihitung"

// endOfDayParseAmount reads the cash counted: whole Rupiah, digits with
// dots or spaces between thousands, an optional "Rp" in front.
func endOfDayParseAmount(s string) (int64, error) {
	t := strings.TrimSpace(s)
	if len(t) >= 2 && strings.EqualFold(t[:2], "rp") {
		t = strings.TrimSpace(t[2:])
	}
	fail := func(msg string) error { return &valid.Error{Field: endOfDayCountedField, Msg: msg} }
	switch {
	case t == "":
		return 0, fail("wajib diisi: jumlah uang tunai yang dihitung, misalnya 1.250.000 (0 bila tidak ada)")
	case strings.HasPrefix(t, "-"):
		return 0, fail("tidak boleh negatif")
	case strings.Contains(t, ","):
		return 0, fail(fmt.Sprintf("rupiah bulat tanpa sen, misalnya 1.250.000 (tertulis %q)", s))
	}
	digits := strings.NewReplacer(".", "", " ", "").Replace(t)
	for _, r := range digits {
		if r < '0' || r > '9' {
			return 0, fail(fmt.Sprintf("isi dengan angka rupiah bulat, misalnya 1.250.000 (tertulis %q)", strings.TrimSpace(s)))
		}
	}
	if len(digits) > 15 {
		return 0, fail("terlalu besar")
	}
	var n int64
	for _, r := range digits {
		n = n*10 + int64(r-'0')
	}
	return n, nil
}

func (e *endOfDayScreen) Update(msg tea.Msg) (frame.Screen, tea.Cmd) {
	cmd := e.update(msg)
	e.applyKeys()
	return e, cmd
}

func (e *endOfDayScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case endOfDayLoadedMsg:
		if msg.gen != e.loadGen {
			return nil
		}
		e.loaded, e.data = true, msg
		if rc := e.f.Get("recipient"); rc.Value() == "" && msg.recipient != "" {
			rc.In.SetValue(msg.recipient)
		}
		e.sync()
	case endOfDayHandedMsg:
		e.saving = false
		for _, k := range []string{"counted", "reason"} {
			e.f.Get(k).In.SetValue("")
		}
		e.f.Dirty = false
		e.blur()
		e.sync()
		h := msg.h
		return tea.Batch(e.load(), frame.Notice(fmt.Sprintf("Serah terima %s kepada %s tercatat pukul %s WIB%s.",
			tariff.Rupiah(h.Counted), h.Recipient, frame.Hm(h.HandedAt), endOfDayDiffText(h.Difference))))
	case endOfDayProgressMsg:
		if e.busy {
			e.progress = msg
		}
		return msg.next
	case endOfDayExportedMsg:
		e.busy = false
		e.done = &msg
		return frame.Notice("Laporan tersimpan: " + msg.path)
	case spinner.TickMsg:
		if !e.busy {
			return nil
		}
		var cmd tea.Cmd
		e.spin, cmd = e.spin.Update(msg)
		return cmd
	case frame.ErrMsg:
		var xe *endOfDayExportError
		switch {
		case errors.As(msg.Err, &xe):
			e.busy = false
		case e.saving:
			// Refused: the message goes next to its field, and the
			// receipts are read again in case cash came in meanwhile.
			e.saving = false
			e.fieldErr(msg.Err)
			return e.load()
		}
	case tea.PasteMsg:
		if e.editing && e.f.Paste(msg) {
			e.sync()
		}
	case tea.KeyPressMsg:
		return e.Key(msg)
	}
	return nil
}

// fieldErr puts a refusal next to the field it names; a missing reason
// shows the reason field first (the receipts may have changed since the
// screen read them).
func (e *endOfDayScreen) fieldErr(err error) {
	var ve *valid.Error
	if !errors.As(err, &ve) {
		return
	}
	if ve.Field == "Alasan selisih" {
		e.f.Get("reason").Hidden = false
	}
	if ve.Field == "Uang dihitung" {
		ve = &valid.Error{Field: endOfDayCountedField, Msg: ve.Msg}
	}
	if e.f.ShowErr(ve) {
		e.editing = true
	}
}

func (e *endOfDayScreen) Key(msg tea.KeyPressMsg) tea.Cmd {
	k := e.keys
	switch {
	case e.confirm:
		switch {
		case key.Matches(msg, k.Yes):
			e.confirm = false
			return e.export()
		case key.Matches(msg, k.No):
			e.confirm = false
		}
		return nil
	case e.editing:
		switch {
		case key.Matches(msg, k.Save):
			return e.save()
		case key.Matches(msg, k.Leave):
			e.blur()
		case msg.String() == "enter" && !e.hasNext():
			return e.save()
		case key.Matches(msg, k.Next):
			e.f.Next()
		case key.Matches(msg, k.Prev):
			e.f.Prev()
		default:
			_, cmd := e.f.Key(msg)
			e.sync()
			return cmd
		}
		return nil
	case key.Matches(msg, k.Export):
		// Not while a field is focused: ctrl+e there moves to the end of
		// the text.
		if e.loaded && !e.busy {
			if (e.data.receipts > 0 && len(e.data.handovers) == 0) || e.data.open > 0 {
				e.confirm = true
				return nil
			}
			return e.export()
		}
		return nil
	case key.Matches(msg, k.Edit):
		if e.loaded && !e.saving {
			e.edit("counted")
		}
	case key.Matches(msg, k.Back):
		if !e.busy {
			return frame.ToHome()
		}
	}
	return nil
}

// hasNext reports whether a visible field follows the focused one.
func (e *endOfDayScreen) hasNext() bool {
	for i := e.f.Focus + 1; i < len(e.f.Fields); i++ {
		if !e.f.Fields[i].Hidden {
			return true
		}
	}
	return false
}

// counted is the amount typed, if it reads as one.
func (e *endOfDayScreen) counted() (int64, bool) {
	n, err := endOfDayParseAmount(e.f.Val("counted"))
	return n, err == nil
}

// sync shows the reason field while the amount typed differs from the
// receipts.
func (e *endOfDayScreen) sync() {
	if n, ok := e.counted(); ok {
		e.f.Get("reason").Hidden = n == e.data.receipts
	} else if strings.TrimSpace(e.f.Val("counted")) == "" {
		e.f.Get("reason").Hidden = true
	}
	if e.editing {
		e.f.FixFocus()
	}
}

// save records the hand-over; the amount is read here, the rest is the
// store's to check.
func (e *endOfDayScreen) save() tea.Cmd {
	if e.saving || !e.loaded {
		return nil
	}
	e.f.ClearErrs()
	counted, err := endOfDayParseAmount(e.f.Val("counted"))
	if err != nil {
		e.f.ShowErr(err)
		e.editing = true
		return func() tea.Msg { return frame.ErrMsg{Err: err} }
	}
	reason := ""
	if !e.f.Get("reason").Hidden {
		reason = e.f.Val("reason")
	}
	e.saving = true
	s, ctx, actor, day, recipient := e.c.Store, e.c.Ctx, e.c.Actor(), e.data.day, e.f.Val("recipient")
	return func() tea.Msg {
		h, err := s.RecordCashHandover(ctx, actor, day, counted, recipient, reason)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		return endOfDayHandedMsg{h}
	}
}

// endOfDayDiffText says a hand-over's difference: "" when none.
func endOfDayDiffText(d int64) string {
	switch {
	case d > 0:
		return ", lebih " + tariff.Rupiah(d)
	case d < 0:
		return ", kurang " + tariff.Rupiah(-d)
	}
	return ", tanpa selisih"
}
