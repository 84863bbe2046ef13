// Package start is the first screen: the officer on duty and their PIN.
package start

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"loket/store"
	"loket/tui/frame"
)

// The start screen: who is on duty. On the first run (no officers) it asks
// only the name; otherwise the officer is chosen from the list (or added
// inline, with an optional PIN), and a PIN is asked when one is set.
// `--petugas NAMA` skips the list. The small forms are huh forms: nothing
// else on this screen competes for their keys.

type startState int

const (
	startLoading startState = iota
	startFirst              // first run: only the name
	startList               // choose an officer
	startAdd                // add an officer: name and optional PIN
	startPIN                // PIN of the chosen officer
)

type startKeys struct {
	Up, Down, Choose, Add, Back, Quit key.Binding
}

func newStartKeys() startKeys {
	return startKeys{
		Up:     frame.UpKey("pilih"),
		Down:   frame.DownKey(),
		Choose: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "masuk")),
		Add:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "tambah petugas")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "kembali ke daftar")),
		Quit:   key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "keluar")),
	}
}

type startScreen struct {
	frame.Base
	c        *frame.Context
	keys     startKeys
	state    startState
	officers []store.Officer
	cursor   int // index in officers; len(officers) is "tambah petugas"
	chosen   store.Officer
	wantName string // --petugas
	busy     bool

	// Bound to the huh forms; kept across a refused save.
	name, pin string
	form      *huh.Form
	w, h      int
}

// Results of the start screen's store work.
type (
	officersLoadedMsg struct{ officers []store.Officer }
	// officerNeedsPINMsg: the officer is known and has a PIN to check.
	officerNeedsPINMsg struct{ officer store.Officer }
)

// New builds the screen from the shared context.
func New(c *frame.Context, officer string) frame.Screen {
	s := &startScreen{c: c, keys: newStartKeys(), wantName: officer}
	s.applyKeys()
	return s
}

// Title names the screen in the header.
func (s *startScreen) Title() string { return "Petugas" }

// Init starts the screen's first read.
func (s *startScreen) Init() tea.Cmd {
	st, ctx, name := s.c.Store, s.c.Ctx, strings.TrimSpace(s.wantName)
	if name != "" {
		return func() tea.Msg {
			o, err := st.OfficerByName(ctx, name)
			if errors.Is(err, store.ErrNotFound) {
				o, err = st.AddOfficer(ctx, name, "")
			}
			if err != nil {
				return frame.ErrMsg{Err: err}
			}
			if o.HasPIN {
				return officerNeedsPINMsg{o}
			}
			return frame.OfficerChosenMsg{Officer: o}
		}
	}
	return func() tea.Msg {
		os, err := st.Officers(ctx)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		return officersLoadedMsg{os}
	}
}

// SetSize takes the body's size from the root.
func (s *startScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	if s.form != nil {
		s.form.WithWidth(s.formWidth())
	}
}

func (s *startScreen) formWidth() int { return min(60, s.w-4) }

// Typing reports a focused text field, which takes single letters.
func (s *startScreen) Typing() bool { return s.form != nil }

func (s *startScreen) applyKeys() {
	list := s.state == startList
	s.keys.Up.SetEnabled(list)
	s.keys.Down.SetEnabled(list)
	s.keys.Choose.SetEnabled(list)
	s.keys.Add.SetEnabled(list)
	s.keys.Quit.SetEnabled(list)
	s.keys.Back.SetEnabled((s.state == startAdd || s.state == startPIN) && len(s.officers) > 0)
}

// ShortHelp is the help bar: the keys that work now.
func (s *startScreen) ShortHelp() []key.Binding {
	k := s.keys
	if s.form != nil {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "lanjut")), k.Back}
	}
	return []key.Binding{k.Up, k.Choose, k.Add, k.Quit}
}

// FullHelp lists every key of the screen for f1.
func (s *startScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

// newForm builds the huh form of the current state, bound to name and pin.
func (s *startScreen) newForm() tea.Cmd {
	var fields []huh.Field
	switch s.state {
	case startFirst:
		fields = append(fields, huh.NewInput().Title("Nama petugas").Description("Petugas pertama di loket ini.").Value(&s.name).CharLimit(100))
	case startAdd:
		fields = append(fields,
			huh.NewInput().Title("Nama petugas").Value(&s.name).CharLimit(100),
			huh.NewInput().Title(fmt.Sprintf("PIN (opsional, %d–%d angka)", store.PINMinDigits, store.PINMaxDigits)).Description("Kosongkan bila tanpa PIN.").
				EchoMode(huh.EchoModePassword).Value(&s.pin).CharLimit(store.PINMaxDigits))
	case startPIN:
		s.pin = ""
		fields = append(fields, huh.NewInput().Title("PIN "+s.chosen.Name).EchoMode(huh.EchoModePassword).Value(&s.pin).CharLimit(store.PINMaxDigits))
	default:
		s.form = nil
		return nil
	}
	s.form = huh.NewForm(huh.NewGroup(fields...)).WithShowHelp(false).WithTheme(s.c.Styles.Huh).WithWidth(s.formWidth())
	return s.form.Init()
}

func (s *startScreen) setState(st startState) tea.Cmd {
	s.state = st
	cmd := s.newForm()
	s.applyKeys()
	return cmd
}

// Update handles a message and returns the screen.
func (s *startScreen) Update(msg tea.Msg) (frame.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case officersLoadedMsg:
		s.officers = msg.officers
		if len(s.officers) == 0 {
			return s, s.setState(startFirst)
		}
		return s, s.setState(startList)
	case officerNeedsPINMsg:
		s.chosen = msg.officer
		return s, s.setState(startPIN)
	case frame.ErrMsg:
		s.busy = false
		if s.form != nil {
			// The form was completed; build it again with the input kept
			// (the PIN is asked afresh).
			return s, s.newForm()
		}
		if s.state == startLoading && s.wantName != "" {
			s.wantName = ""
			return s, s.Init()
		}
		return s, nil
	case tea.KeyPressMsg:
		if s.busy {
			return s, nil
		}
		if key.Matches(msg, s.keys.Back) {
			return s, s.setState(startList)
		}
		if s.form == nil {
			return s, s.listKey(msg)
		}
	}
	if s.form == nil || s.busy {
		// While a completed form is being saved, another message (a
		// cursor blink) must not submit it again: a wrong PIN would be
		// counted twice.
		return s, nil
	}
	m, cmd := s.form.Update(msg)
	s.form = m.(*huh.Form)
	if s.form.State == huh.StateCompleted {
		s.busy = true
		return s, s.submit()
	}
	return s, cmd
}

func (s *startScreen) listKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.keys.Quit):
		return tea.Quit
	case key.Matches(msg, s.keys.Up):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(msg, s.keys.Down):
		s.cursor = min(s.cursor+1, len(s.officers))
	case key.Matches(msg, s.keys.Add):
		s.name, s.pin = "", ""
		return s.setState(startAdd)
	case key.Matches(msg, s.keys.Choose):
		if s.cursor == len(s.officers) {
			s.name, s.pin = "", ""
			return s.setState(startAdd)
		}
		o := s.officers[s.cursor]
		if o.HasPIN {
			s.chosen = o
			return s.setState(startPIN)
		}
		return func() tea.Msg { return frame.OfficerChosenMsg{Officer: o} }
	}
	return nil
}

// submit saves what the completed form holds.
func (s *startScreen) submit() tea.Cmd {
	st, ctx, name, pin, chosen := s.c.Store, s.c.Ctx, s.name, s.pin, s.chosen
	switch s.state {
	case startFirst, startAdd:
		return func() tea.Msg {
			o, err := st.AddOfficer(ctx, name, pin)
			if err != nil {
				return frame.ErrMsg{Err: err}
			}
			return frame.OfficerChosenMsg{Officer: o}
		}
	case startPIN:
		return func() tea.Msg {
			if err := st.CheckPIN(ctx, chosen.ID, pin); err != nil {
				return frame.ErrMsg{Err: err}
			}
			on := func() tea.Msg { return frame.OfficerChosenMsg{Officer: chosen} }
			if n := len(strings.TrimSpace(pin)); n < store.PINMinDigits {
				// A PIN set by an older loket: it still works, but the
				// officer is told to change it.
				return tea.Sequence(on, frame.Notice(fmt.Sprintf("PIN Anda hanya %d angka: ganti ke %d–%d angka di Pengaturan (s, 2, p)",
					n, store.PINMinDigits, store.PINMaxDigits)))()
			}
			return on()
		}
	}
	return nil
}

// View renders the screen's body.
func (s *startScreen) View() string {
	st := s.c.Styles
	var out []string
	out = append(out, "", st.Title.Render("  Selamat datang di loket"), st.Dim.Render("  Loket PST penjualan produk statistik"), "")
	switch s.state {
	case startLoading:
		out = append(out, "  Memuat…")
	case startFirst:
		out = append(out, "  Belum ada petugas terdaftar. Isi nama petugas yang bertugas, lalu enter.", "")
	case startList:
		out = append(out, "  Siapa yang bertugas di loket?", "")
		for i, o := range s.officers {
			line := "  " + o.Name
			if o.HasPIN {
				line += st.Dim.Render("  (PIN)")
			}
			out = append(out, s.row(i, line))
		}
		out = append(out, s.row(len(s.officers), "  + Tambah petugas baru"))
	case startAdd:
		out = append(out, "  Tambah petugas baru. PIN boleh dikosongkan.", "")
	case startPIN:
		out = append(out, "  Masukkan PIN "+s.chosen.Name+", lalu enter.", "")
	}
	if s.form != nil {
		for _, l := range frame.SplitLines(s.form.View()) {
			out = append(out, "  "+l)
		}
	}
	return strings.Join(out, "\n")
}

func (s *startScreen) row(i int, text string) string {
	if i == s.cursor {
		return s.c.Styles.Selected.Render(frame.Pad("›"+text[1:], min(s.w-2, 50)))
	}
	return text
}
