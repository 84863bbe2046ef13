package frame

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// ScreenID names a screen of the app.
type ScreenID int

// The screens. Those without a constructor in screens are not built yet;
// Beranda keeps their keys disabled until they are.
const (
	ScreenStart      ScreenID = iota // officer on duty, PIN
	ScreenHome                       // Beranda
	ScreenVisit                      // the 16 steps of one visit
	ScreenSearch                     // '/' find visitors, visits, numbers
	ScreenComplaints                 // 'p' pengaduan
	ScreenTariff                     // 't' jadwal tarif
	ScreenSettings                   // 's' pengaturan
	ScreenEndOfDay                   // 'e' akhir hari
)

// Screen is one screen behind the root. Update returns the screen itself
// (or another value of the same screen); View renders the body only: the
// root adds the header, the error line and the help bar, and builds the
// tea.View.
type Screen interface {
	Init() tea.Cmd
	Update(msg tea.Msg) (Screen, tea.Cmd)
	View() string
	// SetSize gives the body's size, without the root's header and footer.
	SetSize(width, height int)
	help.KeyMap
	// Title names the screen in the header, after the office.
	Title() string
}

// Optional screen behaviour the root asks for.
type (
	// clockScreen screens show a clock: the root ticks every second while
	// one is shown, and not otherwise.
	ClockScreen interface{ Clock() bool }
	// typingScreen screens report a focused text field: single-letter keys
	// (?, q) belong to the field then.
	TypingScreen interface{ Typing() bool }
	// statusScreen screens put a status (the service clock) on the right of
	// the help bar.
	StatusScreen interface{ Status() string }
	// quitScreen screens have something to save before the program ends
	// (the visit screen suspends its visit).
	QuitScreen interface{ QuitCmd() tea.Cmd }
)

// success marks result messages after which the error line is cleared.
type Success interface{ Success() }

// globalKeys work on every screen; the root handles them.
type globalKeys struct {
	Quit key.Binding
	Help key.Binding
}

func NewGlobalKeys() globalKeys {
	return globalKeys{
		Quit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "keluar")),
		Help: key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "semua tombol")),
	}
}
