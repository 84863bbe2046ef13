// The visit screen's keys: which act now, what a refused one says, and the help.

package visit

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"loket/export"
	"loket/store"
	"loket/tui/frame"
)

type visitKeys struct {
	Next, Save, Field, PrevStep, NextStep, ScrollUp, ScrollDown, Esc, Cancel, Print key.Binding
}

func newVisitKeys() visitKeys {
	return visitKeys{
		Next:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "lanjut")),
		Save:       key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "simpan")),
		Field:      key.NewBinding(key.WithKeys("tab", "shift+tab", "up", "down"), key.WithHelp("tab/↑↓", "kolom")),
		PrevStep:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup/pgdn", "langkah")),
		NextStep:   key.NewBinding(key.WithKeys("pgdown")),
		ScrollUp:   frame.UpKey("gulir"),
		ScrollDown: frame.DownKey(),
		Esc:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "tunda")),
		Cancel:     key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "batalkan")),
		Print:      key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "cetak")),
	}
}

func (s *Screen) applyKeys() {
	k := &s.keys
	open := s.V != nil && s.V.Open()
	ed := s.Editor()
	na := s.V != nil && s.V.Step(s.Sel).State == store.StateNA
	hasForm := ed != nil && ed.Fields() != nil && len(ed.Fields().Fields) > 0 && !na
	k.Save.SetEnabled(open && hasForm)
	k.Field.SetEnabled(open && hasForm)
	k.ScrollUp.SetEnabled(!hasForm || !open)
	k.ScrollDown.SetEnabled(!hasForm || !open)
	k.Cancel.SetEnabled(open && !s.V.Paid()) // shown only when it can act; pressed anyway, it says why not
	pk := printKind(s.V, s.Sel)
	k.Print.SetEnabled(pk != "")
	k.Print.SetHelp("ctrl+p", "cetak "+strings.ToLower(export.PrintNames[pk]))
	leave := "ke " + s.backName()
	if s.back != frame.ScreenHome && s.back != frame.ScreenStart {
		leave = "kembali " + leave // "kembali ke Cari": not where a visit usually goes
	}
	switch {
	case s.cancel != nil || s.popupOpen():
		k.Esc.SetHelp("esc", "tutup")
	case open:
		k.Esc.SetHelp("esc", "tunda ke "+s.backName())
	default:
		k.Esc.SetHelp("esc", leave)
	}
	switch {
	case !open:
		k.Next.SetHelp("enter", leave)
	case na || (ed != nil && ed.refusal(s.V) != nil):
		// The step's number, shorter than "sekarang": at 80 columns the
		// help keeps esc on the bar.
		k.Next.SetHelp("enter", fmt.Sprintf("ke langkah %d", s.V.Current()))
	case ed != nil && (!hasForm || ed.Fields().Cur() == nil || s.lastField()):
		k.Next.SetHelp("enter", "simpan")
	default:
		k.Next.SetHelp("enter", "lanjut")
	}
}

// pressed matches a key whether or not its binding is shown now: a key
// that cannot act answers with the reason instead of being ignored.
func pressed(msg tea.KeyPressMsg, b key.Binding) bool {
	b.SetEnabled(true)
	return key.Matches(msg, b)
}

// refused shows the store's reason an action cannot be done on the error
// line (the root's, as every refusal).
func refused(err error) tea.Cmd {
	return func() tea.Msg { return frame.ErrMsg{Err: err} }
}

// keyRefusal is why a key cannot act here that is not the store's to say
// (pgup on step 1): shown on the error line as it is written.
type keyRefusal string

func (r keyRefusal) Error() string { return string(r) }

// UserText is the sentence for the error line.
func (r keyRefusal) UserText() string { return string(r) }

// refusal is the store's reason the selected step cannot be recorded now
// (the visit closed, the step not applicable, a paid payment), nil when
// ctrl+s may record it.
func (s *Screen) refusal() error {
	if s.V == nil {
		return nil
	}
	if !s.V.Open() || s.V.Step(s.Sel).State == store.StateNA {
		return s.V.StepRefusal(s.Sel)
	}
	if ed := s.Editor(); ed != nil {
		return ed.refusal(s.V)
	}
	return nil
}

// ShortHelp is the help bar: the keys that work now.
func (s *Screen) ShortHelp() []key.Binding {
	k := s.keys
	if s.cancel != nil {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "batalkan kunjungan")), k.Esc}
	}
	var out []key.Binding
	// An editor's key on enter or esc says what that key does now; the
	// screen's own is not named beside it.
	taken := func(k string) bool { return false }
	if ed := s.Editor(); ed != nil && s.V != nil && s.V.Open() {
		eks := ed.keys()
		out = append(out, eks...)
		taken = func(k string) bool {
			return slices.ContainsFunc(eks, func(b key.Binding) bool { return b.Enabled() && slices.Contains(b.Keys(), k) })
		}
	}
	out = append(out, k.Print)
	if !taken("enter") {
		out = append(out, k.Next)
	}
	if k.Save.Enabled() && !s.lastField() {
		out = append(out, k.Save) // on the last field enter saves already
	}
	out = append(out, k.Field, k.ScrollUp, k.PrevStep)
	if !taken("esc") {
		out = append(out, k.Esc)
	}
	return append(out, k.Cancel)
}

// visitHelp explains every key of the visit screen for the full help;
// back names where esc goes.
func visitHelp(back string) []key.Binding {
	b := func(keys, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(keys, desc))
	}
	return []key.Binding{
		b("enter", "kolom berikutnya; di kolom terakhir: simpan langkah"),
		b("ctrl+s", "simpan langkah dari kolom mana pun"),
		b("tab / ↓", "kolom berikutnya"),
		b("shift+tab / ↑", "kolom sebelumnya"),
		b("1–9", "pilih dengan angka di depannya, langsung lanjut seperti enter"),
		b("y / t", "Ya / Tidak, langsung lanjut (Tidak di kolom terakhir: enter)"),
		b("← / → / spasi", "ganti pilihan tanpa lanjut; atau ketik awal namanya"),
		b("ctrl+u", "hapus isi kolom sampai kursor"),
		b("pgup / pgdn", "langkah sebelumnya / berikutnya (lihat, koreksi)"),
		b("esc", "tutup daftar/dialog; selain itu tunda ke "+back),
		b("ctrl+x", "batalkan kunjungan dengan alasan (sebelum dibayar)"),
		b("ctrl+p", "cetak invoice, kuitansi atau lampiran SPPD"),
	}
}

// FullHelp lists every key of the screen for f1.
func (s *Screen) FullHelp() [][]key.Binding {
	var ed []key.Binding
	if e := s.Editor(); e != nil {
		ed = e.keys()
	}
	return [][]key.Binding{ed, visitHelp(s.backName())}
}
