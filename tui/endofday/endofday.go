// Package endofday is the 'e' screen: the day's cash hand-over and the
// day's workbook.
package endofday

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"loket/export"
	"loket/store"
	"loket/store/valid"
	"loket/tariff"
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
	Enter                         key.Binding // saves on the last field (Next's enter elsewhere)
}

func newEndOfDayKeys() endOfDayKeys {
	return endOfDayKeys{
		Edit:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "isi serah terima")),
		Next:   key.NewBinding(key.WithKeys("tab", "down", "enter"), key.WithHelp("tab/enter", "isian berikutnya")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "sebelumnya")),
		Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "catat serah terima")),
		Enter:  key.NewBinding(key.WithKeys("enter")),
		Leave:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "selesai mengisi")),
		Export: key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "tulis laporan Excel")),
		Yes:    key.NewBinding(key.WithKeys("y", "enter"), key.WithHelp("y/enter", "ya, tulis laporan")),
		No:     key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "batal")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "Beranda")),
	}
}

// endOfDayLoadedMsg carries what the screen shows of a WIB day.
type EndOfDayLoadedMsg struct {
	Gen       int // which load; an older one arriving late is dropped
	Day       string
	Receipts  int64 // the store's sum of today's cash payments
	CashCount int   // how many cash payments
	Payments  int   // all payments made today
	Visits    int   // visits that arrived today
	Open      int   // of those, still open
	Handovers []store.CashHandover
	Recipient string            // who received the last hand-over, to prefill
	Bank      []store.OpenVisit // open visits awaiting a bank payment
	Folder    string            // the export folder
	FolderErr error             // why there is none
	Written   time.Time         // when today's workbook was last written, zero if not yet
	Changed   time.Time         // the latest change recorded in the store
}

// endOfDayHandedMsg: the cash hand-over was recorded.
type endOfDayHandedMsg struct{ h store.CashHandover }

// endOfDayExportedMsg: the workbook was written to path.
type EndOfDayExportedMsg struct {
	Path string
	Sum  export.Summary
	at   time.Time
}

// Success clears the error line: the store accepted the change.
func (endOfDayHandedMsg) Success() {}

// Success clears the error line: the store accepted the change.
func (EndOfDayExportedMsg) Success() {}

// Screen is the endofday screen; the root holds it behind frame.Screen.
type Screen struct {
	frame.Base
	C             *frame.Context
	Keys          endOfDayKeys
	Loaded        bool
	Data          EndOfDayLoadedMsg
	LoadGen       int // the latest load asked for
	F             *form.Form
	Editing       bool // a field of the hand-over form has the focus
	saving        bool
	Confirm       bool // asking whether to export without a hand-over
	frame.Writing      // the workbook being written
	done          *EndOfDayExportedMsg
	w, h          int
}

// New builds the screen from the shared context.
func New(c *frame.Context) frame.Screen {
	e := &Screen{C: c, Keys: newEndOfDayKeys()}
	e.F = form.New(c,
		form.TextF("counted", "Uang tunai dihitung", "").WithHint("Rupiah bulat, misalnya 1.250.000."),
		form.TextF("recipient", "Penerima (bendahara)", "").WithHint("Nama bendahara penerimaan."),
		form.TextF("reason", "Alasan selisih", "").WithHint("Mengapa uang dihitung berbeda."),
	)
	e.F.Get("reason").Hidden = true
	e.blur()
	e.applyKeys()
	return e
}

// Title names the screen in the header.
func (e *Screen) Title() string { return "Tutup hari" }

// SetSize takes the body's size from the root.
func (e *Screen) SetSize(w, h int) { e.w, e.h = w, h }

// Init starts the screen's first read.
func (e *Screen) Init() tea.Cmd { return e.load() }

// Typing reports a focused text field, which takes single letters.
func (e *Screen) Typing() bool { return e.Editing }

// ShortHelp is the help bar: the keys that work now.
func (e *Screen) ShortHelp() []key.Binding {
	k := e.Keys
	return []key.Binding{k.Save, k.Next, k.Prev, k.Leave, k.Edit, k.Yes, k.No, k.Export, k.Back}
}

// FullHelp lists every key of the screen for f1.
func (e *Screen) FullHelp() [][]key.Binding { return [][]key.Binding{e.ShortHelp()} }

func (e *Screen) applyKeys() {
	k := &e.Keys
	idle := !e.Editing && !e.Confirm
	k.Edit.SetEnabled(idle && e.Loaded && !e.saving)
	k.Next.SetEnabled(e.Editing)
	k.Prev.SetEnabled(e.Editing)
	k.Save.SetEnabled(e.Editing && !e.saving)
	k.Leave.SetEnabled(e.Editing)
	k.Yes.SetEnabled(e.Confirm)
	k.No.SetEnabled(e.Confirm)
	k.Export.SetEnabled(idle && e.Loaded && !e.Busy)
	k.Back.SetEnabled(idle && !e.Busy)
}

// blur leaves the form: no field has the focus.
func (e *Screen) blur() {
	e.F.FocusAt(-1)
	e.F.Focus = -1
	e.Editing = false
}

func (e *Screen) edit(key string) {
	e.Editing = true
	e.F.FocusKey(key)
}

// load reads the day's figures, hand-overs, awaited bank payments and the
// export folder.
func (e *Screen) load() tea.Cmd {
	e.LoadGen++
	s, ctx, now, gen := e.C.Store, e.C.Ctx, e.C.Now(), e.LoadGen
	return func() tea.Msg {
		day := store.Day(now)
		m := EndOfDayLoadedMsg{Gen: gen, Day: day}
		// The day's figures come from one snapshot: the cash receipts, the
		// count of cash payments and the visits agree with each other.
		st, err := s.DayStats(ctx, day)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		m.Receipts, m.Payments, m.CashCount, m.Visits, m.Open = st.Cash, st.Payments, st.CashPayments, st.Visits, st.Open
		// The last recipient of the past two months prefills the field:
		// the bendahara is nearly always the same person.
		hs, err := s.CashHandovers(ctx, store.Day(store.DayStart(now).AddDate(0, 0, -60)), day)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		for _, h := range hs {
			m.Recipient = h.Recipient
			if h.Day == day {
				m.Handovers = append(m.Handovers, h)
			}
		}
		open, err := s.OpenVisits(ctx)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		for _, o := range open {
			if o.BillingCode != "" || o.Waiting {
				m.Bank = append(m.Bank, o)
			}
		}
		sort.SliceStable(m.Bank, func(i, j int) bool { return endOfDayExpiry(m.Bank[i]).Before(endOfDayExpiry(m.Bank[j])) })
		office, err := s.Office(ctx)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		// Only where it is: the folder is made when the workbook is written.
		m.Folder, m.FolderErr = export.ExportDirOf(office)
		if m.FolderErr == nil {
			if fi, err := os.Stat(filepath.Join(m.Folder, export.FileName(day, day))); err == nil {
				m.Written = fi.ModTime()
			}
		}
		if m.Changed, err = s.LastChange(ctx); err != nil {
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

// Update handles a message and returns the screen.
func (e *Screen) Update(msg tea.Msg) (frame.Screen, tea.Cmd) {
	cmd := e.update(msg)
	e.applyKeys()
	return e, cmd
}

func (e *Screen) update(msg tea.Msg) tea.Cmd {
	if cmd, ok := e.Handle(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case EndOfDayLoadedMsg:
		if msg.Gen != e.LoadGen {
			return nil
		}
		e.Loaded, e.Data = true, msg
		if rc := e.F.Get("recipient"); rc.Value() == "" && msg.Recipient != "" {
			rc.In.SetValue(msg.Recipient)
		}
		e.sync()
	case endOfDayHandedMsg:
		e.saving = false
		for _, k := range []string{"counted", "reason"} {
			e.F.Get(k).In.SetValue("")
		}
		e.F.Dirty = false
		e.blur()
		e.sync()
		h := msg.h
		return tea.Batch(e.load(), frame.Notice(fmt.Sprintf("Serah terima %s kepada %s tercatat pukul %s WIB%s.",
			tariff.Rupiah(h.Counted), h.Recipient, frame.Hm(h.HandedAt), endOfDayDiffText(h.Difference))))
	case EndOfDayExportedMsg:
		e.Busy = false
		e.done = &msg
		return frame.Notice("Laporan tersimpan: " + msg.Path)
	case frame.ErrMsg:
		var xe *endOfDayExportError
		switch {
		case errors.As(msg.Err, &xe):
			e.Busy = false
		case e.saving:
			// Refused: the message goes next to its field, and the
			// receipts are read again in case cash came in meanwhile.
			e.saving = false
			e.fieldErr(msg.Err)
			return e.load()
		}
	case tea.PasteMsg:
		if e.Editing && e.F.Paste(msg) {
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
func (e *Screen) fieldErr(err error) {
	var ve *valid.Error
	if !errors.As(err, &ve) {
		return
	}
	if ve.Field == "Alasan selisih" {
		e.F.Get("reason").Hidden = false
	}
	if ve.Field == "Uang dihitung" {
		ve = &valid.Error{Field: endOfDayCountedField, Msg: ve.Msg}
	}
	if e.F.ShowErr(ve) {
		e.Editing = true
	}
}

// Key handles a key press.
func (e *Screen) Key(msg tea.KeyPressMsg) tea.Cmd {
	k := e.Keys
	switch {
	case e.Confirm:
		switch {
		case key.Matches(msg, k.Yes):
			e.Confirm = false
			return e.export()
		case key.Matches(msg, k.No):
			e.Confirm = false
		}
		return nil
	case e.Editing:
		switch {
		case key.Matches(msg, k.Save):
			return e.save()
		case key.Matches(msg, k.Leave):
			e.blur()
		case key.Matches(msg, k.Enter) && !e.hasNext():
			return e.save()
		case key.Matches(msg, k.Next):
			e.F.Next()
		case key.Matches(msg, k.Prev):
			e.F.Prev()
		default:
			_, cmd := e.F.Key(msg)
			e.sync()
			return cmd
		}
		return nil
	case key.Matches(msg, k.Export):
		// Not while a field is focused: ctrl+e there moves to the end of
		// the text.
		if e.Loaded && !e.Busy {
			if (e.Data.Receipts > 0 && len(e.Data.Handovers) == 0) || e.Data.Open > 0 {
				e.Confirm = true
				return nil
			}
			return e.export()
		}
		return nil
	case key.Matches(msg, k.Edit):
		if e.Loaded && !e.saving {
			e.edit("counted")
		}
	case key.Matches(msg, k.Back):
		if !e.Busy {
			return frame.ToHome()
		}
	}
	return nil
}

// hasNext reports whether a visible field follows the focused one.
func (e *Screen) hasNext() bool {
	for i := e.F.Focus + 1; i < len(e.F.Fields); i++ {
		if !e.F.Fields[i].Hidden {
			return true
		}
	}
	return false
}

// counted is the amount typed, if it reads as one.
func (e *Screen) counted() (int64, bool) {
	n, err := valid.Rupiah(endOfDayCountedField, e.F.Val("counted"))
	return n, err == nil
}

// sync shows the reason field while the amount typed differs from the
// receipts.
func (e *Screen) sync() {
	if n, ok := e.counted(); ok {
		e.F.Get("reason").Hidden = n == e.Data.Receipts
	} else if strings.TrimSpace(e.F.Val("counted")) == "" {
		e.F.Get("reason").Hidden = true
	}
	if e.Editing {
		e.F.FixFocus()
	}
}

// save records the hand-over; the amount is read here, the rest is the
// store's to check.
func (e *Screen) save() tea.Cmd {
	if e.saving || !e.Loaded {
		return nil
	}
	e.F.ClearErrs()
	counted, err := valid.Rupiah(endOfDayCountedField, e.F.Val("counted"))
	if err != nil {
		e.F.ShowErr(err)
		e.Editing = true
		return func() tea.Msg { return frame.ErrMsg{Err: err} }
	}
	reason := ""
	if !e.F.Get("reason").Hidden {
		reason = e.F.Val("reason")
	}
	e.saving = true
	s, ctx, actor, day, recipient := e.C.Store, e.C.Ctx, e.C.Actor(), e.Data.Day, e.F.Val("recipient")
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
