package search

import (
	"charm.land/bubbles/v2/key"

	"loket/tui/frame"
)

// searchKeys are the search screen's keys, switched per mode in applyKeys.
type searchKeys struct {
	Up, Down, Open, NewVisit, Edit, Erase, Reveal, Next, Save, Field, Confirm, Esc key.Binding
}

func newSearchKeys() searchKeys {
	return searchKeys{
		Up:       frame.UpKey("pilih"),
		Down:     frame.DownKey(),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "buka")),
		NewVisit: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "kunjungan baru")),
		Edit:     key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "ubah data")),
		Erase:    key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "hapus data pribadi")),
		Reveal:   key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "tampilkan no. ID")),
		Next:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "lanjut")),
		Save:     key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "simpan")),
		Field:    key.NewBinding(key.WithKeys("tab", "shift+tab", "up", "down"), key.WithHelp("tab/↑↓", "kolom")),
		Confirm:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "hapus")),
		Esc:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "ke Beranda")),
	}
}
