package settings

import (
	"charm.land/bubbles/v2/key"

	"loket/tui/frame"
)

// settingsKeys are the settings screen's keys.
type settingsKeys struct {
	Next, Prev, S1, S2, S3 key.Binding
	Edit, Add, PIN         key.Binding
	Up, Down               key.Binding
	Field, Enter, Save     key.Binding
	Close, Back            key.Binding
}

func newSettingsKeys() settingsKeys {
	return settingsKeys{
		Next:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/1-3", "bagian")),
		Prev:  key.NewBinding(key.WithKeys("shift+tab")),
		S1:    key.NewBinding(key.WithKeys("1")),
		S2:    key.NewBinding(key.WithKeys("2")),
		S3:    key.NewBinding(key.WithKeys("3")),
		Edit:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "ubah")),
		Add:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "tambah petugas")),
		PIN:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "ubah PIN saya")),
		Up:    frame.UpKey("gulir"),
		Down:  frame.DownKey(),
		Field: key.NewBinding(key.WithKeys("tab", "down", "shift+tab", "up"), key.WithHelp("tab/↑/↓", "pindah isian")),
		Enter: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "lanjut")),
		Save:  key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "simpan")),
		Close: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "batal")),
		Back:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "Beranda")),
	}
}
