// Package frame is what every screen of the counter app shares: the
// Context (size, styles, keys, store, clock, officer, office), the styles,
// the messages between the screens and the root, the Screen contract,
// typed navigation and the formatting helpers. It imports no screen.
package frame

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// ScreenID names a screen of the app.
type ScreenID int

// The screens; the root builds each from a NavigateMsg.
const (
	ScreenStart      ScreenID = iota // officer on duty, PIN
	ScreenHome                       // Beranda
	ScreenVisit                      // the 16 steps of one visit
	ScreenSearch                     // '/' find visitors, visits, numbers
	ScreenComplaints                 // 'p' pengaduan
	ScreenTariff                     // 't' jadwal tarif
	ScreenSettings                   // 's' pengaturan
	ScreenEndOfDay                   // 'e' akhir hari
	ScreenReport                     // 'l' laporan periode
)

// Screen is one screen behind the root: the whole contract, declared here
// rather than found by type assertion. Update returns the screen itself (or
// another value of the same screen); View renders the body only: the root
// adds the header, the error line and the help bar, and builds the
// tea.View. A screen embeds Base for the parts it does not use.
type Screen interface {
	Init() tea.Cmd
	Update(msg tea.Msg) (Screen, tea.Cmd)
	View() string
	// SetSize gives the body's size, without the root's header and footer.
	SetSize(width, height int)
	help.KeyMap
	// Title names the screen in the header, after the office.
	Title() string
	// Clock reports a clock on the screen: the root ticks every second
	// while it is true, and not otherwise.
	Clock() bool
	// Typing reports a focused text field: single-letter keys (?, q)
	// belong to the field then.
	Typing() bool
	// Status is put on the right of the help bar (the service clock).
	Status() string
	// QuitCmd is run before the program ends, for a screen with something
	// to save (the visit screen suspends its visit); nil when none.
	QuitCmd() tea.Cmd
}

// Base is embedded by every screen: no clock, no text field, no status,
// nothing to save on quit. A screen overrides what it has.
type Base struct{}

// Clock reports no clock.
func (Base) Clock() bool { return false }

// Typing reports no focused text field.
func (Base) Typing() bool { return false }

// Status shows nothing on the help bar.
func (Base) Status() string { return "" }

// QuitCmd saves nothing.
func (Base) QuitCmd() tea.Cmd { return nil }

// Success is implemented by result messages after which the root clears
// the error line: the store accepted what the screen sent.
type Success interface{ Success() }

// GlobalKeys work on every screen; the root handles them.
type GlobalKeys struct {
	Quit key.Binding
	Help key.Binding
	// HelpLetter opens the full help when no text field has the typing;
	// CloseHelp closes it.
	HelpLetter key.Binding
	CloseHelp  key.Binding
}

// NewGlobalKeys returns the keys of every screen.
func NewGlobalKeys() GlobalKeys {
	return GlobalKeys{
		Quit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "keluar")),
		Help: key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "semua tombol")),

		HelpLetter: key.NewBinding(key.WithKeys("?")),
		CloseHelp:  key.NewBinding(key.WithKeys("esc", "?")),
	}
}

// UpKey moves a list's cursor or scrolls a panel up; its help, "↑/↓ desc",
// stands for DownKey too. Arrows only, on every screen: single letters are
// commands (Beranda's n, p, t) or typing in a field, so j/k would mean one
// thing on one screen and another on the next.
func UpKey(desc string) key.Binding {
	return key.NewBinding(key.WithKeys("up"), key.WithHelp("↑/↓", desc))
}

// DownKey moves a list's cursor or scrolls a panel down; UpKey's help
// names it.
func DownKey() key.Binding { return key.NewBinding(key.WithKeys("down")) }
