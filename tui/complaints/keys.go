package complaints

import (
	"charm.land/bubbles/v2/key"

	"loket/tui/frame"
)

// complaintsKeys are the complaints screen's keys.
type complaintsKeys struct {
	Up, Down, Open, New, Toggle    key.Binding
	Save, Next, Field, Scroll, Esc key.Binding
	PageDown                       key.Binding // the half of Scroll that goes down
}

func newComplaintsKeys() complaintsKeys {
	return complaintsKeys{
		Up:       frame.UpKey("pilih"),
		Down:     frame.DownKey(),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "buka & tindak lanjut")),
		New:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "pengaduan baru")),
		Toggle:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "tampilkan semua")),
		Save:     key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "simpan")),
		Next:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "lanjut")),
		Field:    key.NewBinding(key.WithKeys("tab", "shift+tab", "up", "down"), key.WithHelp("tab/↑↓", "kolom")),
		Scroll:   key.NewBinding(key.WithKeys("pgup", "pgdown"), key.WithHelp("pgup/pgdn", "gulir")),
		PageDown: key.NewBinding(key.WithKeys("pgdown")),
		Esc:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "ke Beranda")),
	}
}
