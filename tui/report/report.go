// Package report is the Laporan screen ('l' on Beranda): the period recap
// workbook (export.Recap) of this month, last month, this semester, last
// semester, this year or a range of days, written into the export folder.
package report

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"loket/export"
	"loket/store/valid"
	"loket/tui/form"
	"loket/tui/frame"
)

// The labels of the range's two fields, as their messages name them.
const (
	FromField = "Dari tanggal"
	ToField   = "Sampai tanggal"
)

// dateLayout is how the range's dates are typed: day first, as the rest
// of the app writes dates.
const dateLayout = "02-01-2006"

// KeyMap are the Laporan screen's keys.
type KeyMap struct {
	Up, Down    key.Binding // the choice list
	Write       key.Binding // write the chosen period (on the range: go to its dates)
	Next, Prev  key.Binding // between the range's dates
	Submit      key.Binding // enter on the last date writes
	Leave, Back key.Binding
}

// DefaultKeyMap is the screen's key map.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:     frame.UpKey("pilih periode"),
		Down:   frame.DownKey(),
		Write:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "tulis laporan")),
		Next:   key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", "tanggal berikutnya")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "sebelumnya")),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "tanggal berikutnya / tulis")),
		Leave:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "kembali ke pilihan")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "Beranda")),
	}
}

// Screen is the Laporan screen; the root holds it behind frame.Screen.
type Screen struct {
	frame.Base
	C             *frame.Context
	Keys          KeyMap
	Cursor        int // index into export.PeriodChoices; len(PeriodChoices) is the range
	F             *form.Form
	Editing       bool // a date of the range has the focus
	frame.Writing      // the workbook being written
	Done          *WrittenMsg
	Folder        string        // the export folder, read when the screen opens
	FolderErr     error         // why there is none
	writing       export.Period // the period being written
	w, h          int
}

// folderMsg carries where the workbook will go.
type folderMsg struct {
	dir string
	err error
}

// New builds the screen from the shared context; the range starts as the
// first of this month to today.
func New(c *frame.Context) frame.Screen {
	now := c.Now().In(valid.WIB)
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, valid.WIB)
	r := &Screen{C: c, Keys: DefaultKeyMap()}
	r.F = form.New(c,
		form.TextF("from", FromField, first.Format(dateLayout)).WithHint("HH-BB-TTTT, misalnya "+first.Format(dateLayout)+"."),
		form.TextF("to", ToField, now.Format(dateLayout)).WithHint("HH-BB-TTTT, hari terakhir ikut dihitung."),
	)
	r.blur()
	r.applyKeys()
	return r
}

// Title names the screen in the header.
func (r *Screen) Title() string { return "Laporan" }

// SetSize takes the body's size from the root.
func (r *Screen) SetSize(w, h int) { r.w, r.h = w, h }

// Init reads where the workbook will go (the periods come from the
// clock); nothing is made on disk until it is written.
func (r *Screen) Init() tea.Cmd {
	s, ctx := r.C.Store, r.C.Ctx
	return func() tea.Msg {
		o, err := s.Office(ctx)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		dir, err := export.ExportDirOf(o)
		return folderMsg{dir, err}
	}
}

// Typing reports a focused date field, which takes single letters.
func (r *Screen) Typing() bool { return r.Editing }

// ShortHelp is the help bar: the keys that work now.
func (r *Screen) ShortHelp() []key.Binding {
	k := r.Keys
	return []key.Binding{k.Up, k.Write, k.Submit, k.Next, k.Prev, k.Leave, k.Back}
}

// FullHelp lists every key of the screen for f1.
func (r *Screen) FullHelp() [][]key.Binding { return [][]key.Binding{r.ShortHelp()} }

func (r *Screen) applyKeys() {
	k := &r.Keys
	idle := !r.Editing && !r.Busy
	k.Up.SetEnabled(idle)
	k.Down.SetEnabled(idle)
	k.Write.SetEnabled(idle)
	k.Submit.SetEnabled(r.Editing && !r.Busy)
	k.Next.SetEnabled(r.Editing)
	k.Prev.SetEnabled(r.Editing)
	k.Leave.SetEnabled(r.Editing)
	k.Back.SetEnabled(idle)
}

// OnRange reports the cursor on the range choice.
func (r *Screen) OnRange() bool { return r.Cursor == len(export.PeriodChoices) }

// Period is the chosen period: a ready-made one from the clock, or the
// range typed, refused with the field it names when a date is wrong or
// the first comes after the last.
func (r *Screen) Period() (export.Period, error) {
	if !r.OnRange() {
		return export.PeriodChoices[r.Cursor].Period(r.C.Now()), nil
	}
	f, err := valid.DayDate(FromField, r.F.Val("from"))
	if err != nil {
		return export.Period{}, err
	}
	t, err := valid.DayDate(ToField, r.F.Val("to"))
	if err != nil {
		return export.Period{}, err
	}
	if f.After(t) {
		return export.Period{}, &valid.Error{Field: FromField, Msg: fmt.Sprintf("%s sesudah %s %s; tanggal awal harus sama atau sebelum tanggal akhir",
			f.Format(dateLayout), strings.ToLower(ToField), t.Format(dateLayout))}
	}
	return export.RangePeriod(f, t), nil
}

// blur leaves the range's dates.
func (r *Screen) blur() {
	r.F.FocusAt(-1)
	r.F.Focus = -1
	r.Editing = false
}

// Update handles a message and returns the screen.
func (r *Screen) Update(msg tea.Msg) (frame.Screen, tea.Cmd) {
	cmd := r.update(msg)
	r.applyKeys()
	return r, cmd
}

func (r *Screen) update(msg tea.Msg) tea.Cmd {
	if cmd, ok := r.Handle(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case folderMsg:
		r.Folder, r.FolderErr = msg.dir, msg.err
	case WrittenMsg:
		r.Busy = false
		r.Done = &msg
		return frame.Notice("Laporan tersimpan: " + msg.Path)
	case frame.ErrMsg:
		var we *WriteError
		if errors.As(msg.Err, &we) {
			r.Busy = false
		}
	case tea.PasteMsg:
		if r.Editing {
			r.F.Paste(msg)
		}
	case tea.KeyPressMsg:
		return r.Key(msg)
	}
	return nil
}

// Key handles a key press.
func (r *Screen) Key(msg tea.KeyPressMsg) tea.Cmd {
	k := r.Keys
	if r.Busy {
		return nil
	}
	if r.Editing {
		switch {
		case key.Matches(msg, k.Leave):
			r.blur()
		case key.Matches(msg, k.Submit):
			if !r.F.Next() {
				return r.write()
			}
		case key.Matches(msg, k.Next):
			r.F.Next()
		case key.Matches(msg, k.Prev):
			r.F.Prev()
		default:
			_, cmd := r.F.Key(msg)
			return cmd
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Up):
		r.Cursor = max(r.Cursor-1, 0)
	case key.Matches(msg, k.Down):
		r.Cursor = min(r.Cursor+1, len(export.PeriodChoices))
	case key.Matches(msg, k.Write):
		if r.OnRange() {
			r.Editing = true
			r.F.FocusKey("from")
			return nil
		}
		return r.write()
	case key.Matches(msg, k.Back):
		return frame.ToHome()
	}
	return nil
}

// write checks the period and writes its workbook in a command; a wrong
// date goes next to its field and to the error line, nothing is written.
func (r *Screen) write() tea.Cmd {
	r.F.ClearErrs()
	p, err := r.Period()
	if err != nil {
		if r.F.ShowErr(err) {
			r.Editing = true
		}
		return func() tea.Msg { return frame.ErrMsg{Err: err} }
	}
	r.blur()
	r.Done, r.writing = nil, p
	return tea.Batch(Write(r.C.Ctx, r.C.Store, p, r.C.Officer.Name, r.C.Now()), r.Start(r.C.Styles))
}
