// Package settings is the 's' screen: the office, the officers and their
// PINs, and backups.
package settings

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"loket/export"
	"loket/store"
	"loket/store/valid"
	"loket/tui/form"
	"loket/tui/frame"
)

// Pengaturan: three sections, switched with tab or 1/2/3 while no field is
// open. Kantor: the office's details printed on documents and the counter
// letter of the numbers, saved with UpdateOffice. Petugas: the officers,
// adding one, and the PIN of the officer on duty. Cadangkan ke…: a copy of
// the database to a folder the officer names (a flashdisk). Each section
// is read first; enter (or t, p) opens a small form of the field kit, and
// while it is open every letter and digit belongs to it.

type settingsSection int

const (
	SettingsOffice settingsSection = iota
	SettingsOfficers
	SettingsBackup
)

var settingsSectionNames = [...]string{"Kantor", "Petugas", "Cadangkan ke…"}

// settingsMode is what the open form is for; settingsView when none is.
type settingsMode int

const (
	settingsView settingsMode = iota
	settingsEditOffice
	settingsAddOfficer
	settingsChangePIN
	settingsBackupForm
)

// Results of the settings screen's work.
type (
	settingsLoadedMsg struct {
		office     store.Office
		officers   []store.Officer
		ExportDir  string // the default export folder, resolved
		ExportErr  error  // why it could not be
		BackupDir  string // last folder backed up to
		autoBackup string // where the daily automatic backup goes
	}
	settingsOfficeSavedMsg struct{ office store.Office }
	settingsOfficersMsg    struct {
		officers []store.Officer
		done     string
	}
	// settingsClosedMsg: a form was closed without saving; the error it
	// left on the error line no longer applies.
	settingsClosedMsg struct{}
)

// Success clears the error line: the store accepted the change.
func (settingsOfficeSavedMsg) Success() {}

// Success clears the error line: the store accepted the change.
func (settingsOfficersMsg) Success() {}

// Success clears the error line: the store accepted the change.
func (settingsClosedMsg) Success() {}

// Screen is the settings screen; the root holds it behind frame.Screen.
type Screen struct {
	frame.Base
	c        *frame.Context
	keys     settingsKeys
	Sec      settingsSection
	mode     settingsMode
	Form     *form.Form
	Loaded   bool
	Data     settingsLoadedMsg
	Busy     bool
	top      int    // scroll of the Petugas list
	confirm  string // a missing backup folder the officer was warned about
	LastOut  string // the backup written in this visit to the screen
	lastWarn string // what went wrong after it was written
	w, h     int
}

// New builds the screen from the shared context.
func New(c *frame.Context) frame.Screen {
	s := &Screen{c: c, keys: newSettingsKeys()}
	s.applyKeys()
	return s
}

// Title names the screen in the header.
func (s *Screen) Title() string { return "Pengaturan" }

// SetSize takes the body's size from the root.
func (s *Screen) SetSize(w, h int) { s.w, s.h = w, h; s.applyKeys() }

// Typing: a form is open on a text field, so letters and digits are input.
func (s *Screen) Typing() bool { return s.Form != nil && s.Form.Typing() }

// Init starts the screen's first read.
func (s *Screen) Init() tea.Cmd {
	st, ctx := s.c.Store, s.c.Ctx
	return func() tea.Msg {
		var m settingsLoadedMsg
		var err error
		if m.office, err = st.Office(ctx); err != nil {
			return frame.ErrMsg{Err: err}
		}
		if m.officers, err = st.Officers(ctx); err != nil {
			return frame.ErrMsg{Err: err}
		}
		if m.BackupDir, err = st.Meta(ctx, SettingsBackupMeta); err != nil {
			return frame.ErrMsg{Err: err}
		}
		m.ExportDir, m.ExportErr = export.DefaultExportDir()
		m.autoBackup = store.BackupDir(st.Path())
		return m
	}
}

func (s *Screen) applyKeys() {
	k := &s.keys
	view := s.mode == settingsView && s.Loaded && !s.Busy
	for _, b := range []*key.Binding{&k.Next, &k.Prev, &k.S1, &k.S2, &k.S3} {
		b.SetEnabled(view)
	}
	k.Edit.SetEnabled(view && s.Sec != SettingsOfficers)
	if s.Sec == SettingsBackup {
		k.Edit.SetHelp("enter", "pilih folder dan cadangkan")
	} else {
		k.Edit.SetHelp("enter", "ubah")
	}
	k.Add.SetEnabled(view && s.Sec == SettingsOfficers)
	k.PIN.SetEnabled(view && s.Sec == SettingsOfficers && s.c.Officer.ID != "")
	scroll := view && s.Sec == SettingsOfficers && len(s.Data.officers) > s.listRoom()
	k.Up.SetEnabled(scroll)
	k.Down.SetEnabled(scroll)
	open := s.Form != nil
	k.Field.SetEnabled(open && len(s.Form.Fields) > 1)
	k.Enter.SetEnabled(open)
	k.Save.SetEnabled(open)
	if s.mode == settingsBackupForm {
		k.Save.SetHelp("ctrl+s", "cadangkan")
		k.Enter.SetHelp("enter", "cadangkan")
	} else {
		k.Save.SetHelp("ctrl+s", "simpan")
		k.Enter.SetHelp("enter", "lanjut")
	}
	k.Close.SetEnabled(open)
	k.Back.SetEnabled(!open)
}

// ShortHelp is the help bar: the keys that work now.
func (s *Screen) ShortHelp() []key.Binding {
	k := s.keys
	if s.Form != nil {
		if s.mode == settingsBackupForm {
			return []key.Binding{k.Enter, k.Close}
		}
		return []key.Binding{k.Enter, k.Field, k.Save, k.Close}
	}
	return []key.Binding{k.Edit, k.Add, k.PIN, k.Up, k.Next, k.Back}
}

// FullHelp lists every key of the screen for f1.
func (s *Screen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

// Update handles a message and returns the screen.
func (s *Screen) Update(msg tea.Msg) (frame.Screen, tea.Cmd) {
	defer s.applyKeys()
	switch msg := msg.(type) {
	case settingsLoadedMsg:
		s.Loaded, s.Data = true, msg
	case settingsOfficeSavedMsg:
		s.Busy, s.Data.office = false, msg.office
		s.closeForm()
		o := msg.office
		return s, tea.Batch(func() tea.Msg { return frame.OfficeLoadedMsg{Office: o} }, frame.Notice("Pengaturan kantor disimpan."))
	case settingsOfficersMsg:
		s.Busy, s.Data.officers = false, msg.officers
		s.closeForm()
		return s, frame.Notice(msg.done)
	case settingsBackupMissingMsg:
		s.Busy, s.confirm = false, msg.dir
	case settingsBackupDoneMsg:
		s.Busy, s.LastOut, s.lastWarn = false, msg.path, msg.warn
		s.closeForm()
		if msg.warn != "" {
			return s, frame.Notice("Cadangan tersimpan; foldernya tidak diingat untuk lain kali (lihat peringatan).")
		}
		s.Data.BackupDir = msg.dir
		return s, frame.Notice("Cadangan tersimpan: " + msg.path)
	case frame.ErrMsg:
		s.Busy = false
		if s.Form != nil {
			s.ShowErr(msg.Err)
		}
	case tea.PasteMsg:
		if s.Form != nil && !s.Busy {
			s.Form.Paste(msg)
		}
	case tea.KeyPressMsg:
		if s.Busy || !s.Loaded {
			if key.Matches(msg, s.keys.Back) && !s.Loaded {
				return s, frame.ToHome()
			}
			return s, nil
		}
		if s.Form != nil {
			return s, s.formKey(msg)
		}
		return s, s.viewKey(msg)
	}
	return s, nil
}

func (s *Screen) viewKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.keys
	switch {
	case key.Matches(msg, k.Back):
		return frame.ToHome()
	case key.Matches(msg, k.Next):
		s.Sec = (s.Sec + 1) % 3
	case key.Matches(msg, k.Prev):
		s.Sec = (s.Sec + 2) % 3
	case key.Matches(msg, k.S1):
		s.Sec = SettingsOffice
	case key.Matches(msg, k.S2):
		s.Sec = SettingsOfficers
	case key.Matches(msg, k.S3):
		s.Sec = SettingsBackup
	case key.Matches(msg, k.Up):
		s.top = max(s.top-1, 0)
	case key.Matches(msg, k.Down):
		s.top = min(s.top+1, max(len(s.Data.officers)-s.listRoom(), 0))
	case key.Matches(msg, k.Edit):
		if s.Sec == SettingsOffice {
			s.openOfficeForm()
		} else {
			s.openBackupForm()
		}
	case key.Matches(msg, k.Add):
		s.mode = settingsAddOfficer
		s.open(form.New(s.c,
			form.TextF("name", "Nama petugas", ""),
			settingsPINField("pin", "PIN").WithHint("Opsional, "+pinDigits+". Kosongkan bila tanpa PIN."),
			settingsPINField("pin2", "Ulangi PIN")))
	case key.Matches(msg, k.PIN):
		s.mode = settingsChangePIN
		var fields []*form.Field
		hint := pinDigits + "."
		if s.onDuty().HasPIN {
			fields = append(fields, settingsPINField("cur", "PIN sekarang"))
			hint += " Kosongkan untuk menghapus PIN."
		}
		fields = append(fields,
			settingsPINField("pin", "PIN baru").WithHint(hint),
			settingsPINField("pin2", "Ulangi PIN baru"))
		s.open(form.New(s.c, fields...))
	}
	return nil
}

// pinDigits is how long a new PIN must be, in the officer's words.
var pinDigits = fmt.Sprintf("%d–%d angka", store.PINMinDigits, store.PINMaxDigits)

func settingsPINField(key, label string) *form.Field {
	fl := form.TextF(key, label, "")
	fl.In.EchoMode = textinput.EchoPassword
	fl.In.CharLimit = store.PINMaxDigits
	return fl
}

// onDuty is the officer on duty as the list last read them (their PIN may
// have changed since the start screen).
func (s *Screen) onDuty() store.Officer {
	for _, o := range s.Data.officers {
		if o.ID == s.c.Officer.ID {
			return o
		}
	}
	return s.c.Officer
}

func (s *Screen) openOfficeForm() {
	o := s.Data.office
	def := "folder bawaan"
	if s.Data.ExportDir != "" {
		def = s.Data.ExportDir
	}
	s.mode = settingsEditOffice
	s.open(form.New(s.c,
		form.TextF("name", "Nama kantor", o.Name).WithHint("Tampil di kepala layar dan pada dokumen."),
		form.TextF("unit", "Unit", o.Unit),
		form.TextF("address", "Alamat", o.Address),
		form.TextF("phone", "Telepon", o.Phone),
		form.TextF("website", "Situs web", o.Website),
		form.TextF("email", "Email pengaduan", o.ComplaintEmail),
		form.TextF("contact", "Kontak pengaduan", o.ComplaintContact),
		form.TextF("counter", "Kode loket", o.CounterCode).
			WithHint("Satu huruf A–Z: huruf pada nomor antrean (A-001), invoice dan kuitansi."),
		settingsExportField(o.ExportDir).
			WithHint("Tempat laporan Excel dan dokumen cetak. Kosongkan untuk folder bawaan: "+def)))
}

func settingsExportField(v string) *form.Field {
	fl := form.TextF("export", "Folder ekspor", v)
	fl.In.Placeholder = "(folder bawaan)"
	return fl
}

func (s *Screen) openBackupForm() {
	s.mode, s.confirm = settingsBackupForm, ""
	s.open(form.New(s.c, form.TextF("dir", "Folder tujuan", s.Data.BackupDir).
		WithHint(`Mis. flashdisk: E:\ di Windows, /media/usb di Linux. Nama berkas dibuat otomatis.`)))
}

// open shows a form.
func (s *Screen) open(f *form.Form) { s.Form = f }

func (s *Screen) closeForm() {
	s.Form, s.mode, s.confirm = nil, settingsView, ""
}

func (s *Screen) formKey(msg tea.KeyPressMsg) tea.Cmd {
	k, f := s.keys, s.Form
	switch {
	case key.Matches(msg, k.Close):
		s.closeForm()
		return func() tea.Msg { return settingsClosedMsg{} }
	case key.Matches(msg, k.Save):
		return s.submit()
	}
	if handled, submit := f.Move(msg); handled {
		if submit {
			return s.submit()
		}
		return nil
	}
	changed, cmd := f.Key(msg)
	if changed && s.mode == settingsBackupForm {
		s.confirm = ""
	}
	return cmd
}

// showErr puts an error next to the field it names; a wrong PIN goes to
// the current PIN, emptied.
func (s *Screen) ShowErr(err error) {
	f := s.Form
	f.ClearErrs()
	if fl := f.Get("cur"); fl != nil && errors.Is(err, store.ErrPIN) {
		fl.Err = frame.ErrText(err)
		fl.In.SetValue("")
		f.FocusKey("cur")
		return
	}
	f.ShowErr(err)
}

// submit checks what only the screen can (a repeated PIN) and hands the
// rest to the store in a command.
func (s *Screen) submit() tea.Cmd {
	f := s.Form
	f.ClearErrs()
	st, ctx := s.c.Store, s.c.Ctx
	refuse := func(field, msg string) tea.Cmd {
		return func() tea.Msg { return frame.ErrMsg{Err: &valid.Error{Field: field, Msg: msg}} }
	}
	if (s.mode == settingsAddOfficer || s.mode == settingsChangePIN) && f.Val("pin") != f.Val("pin2") {
		return refuse(f.Get("pin2").Label, "tidak sama dengan "+f.Get("pin").Label)
	}
	var cmd tea.Cmd
	switch s.mode {
	case settingsEditOffice:
		if !f.Dirty {
			s.closeForm()
			return frame.Notice("Tidak ada yang diubah.")
		}
		o := s.Data.office
		o.Name, o.Unit, o.Address = f.Val("name"), f.Val("unit"), f.Val("address")
		o.Phone, o.Website = f.Val("phone"), f.Val("website")
		o.ComplaintEmail, o.ComplaintContact = f.Val("email"), f.Val("contact")
		o.CounterCode, o.ExportDir = f.Val("counter"), f.Val("export")
		cmd = settingsSaveOffice(s.c, o, s.Data.office.ExportDir)
	case settingsAddOfficer:
		name, pin := f.Val("name"), f.Val("pin")
		cmd = func() tea.Msg {
			o, err := st.AddOfficer(ctx, name, pin)
			if err != nil {
				return frame.ErrMsg{Err: err}
			}
			return settingsReadOfficers(ctx, st, "Petugas "+o.Name+" ditambahkan.")
		}
	case settingsChangePIN:
		id, cur, pin, had := s.c.Officer.ID, f.Val("cur"), strings.TrimSpace(f.Val("pin")), s.onDuty().HasPIN
		if pin == "" && !had {
			return refuse("PIN baru", "isi "+pinDigits)
		}
		done := "PIN Anda diubah."
		if pin == "" {
			done = "PIN Anda dihapus."
		}
		cmd = func() tea.Msg {
			if had {
				if err := st.CheckPIN(ctx, id, cur); err != nil {
					return frame.ErrMsg{Err: err}
				}
			}
			if err := st.SetPIN(ctx, id, pin); err != nil {
				var ve *valid.Error
				if errors.As(err, &ve) && ve.Field == "PIN" {
					err = &valid.Error{Field: "PIN baru", Msg: ve.Msg}
				}
				return frame.ErrMsg{Err: err}
			}
			return settingsReadOfficers(ctx, st, done)
		}
	case settingsBackupForm:
		cmd = settingsRunBackup(s.c, f.Val("dir"), s.confirm)
	}
	s.Busy = true
	return cmd
}

// settingsReadOfficers reads the officers again after a change.
func settingsReadOfficers(ctx context.Context, st *store.Store, done string) tea.Msg {
	list, err := st.Officers(ctx)
	if err != nil {
		return frame.ErrMsg{Err: err}
	}
	return settingsOfficersMsg{list, done}
}

// settingsSaveOffice saves the office; a new export folder is first made
// and tried with a file, so a wrong path is refused now rather than at the
// end of the day.
func settingsSaveOffice(c *frame.Context, o store.Office, oldExport string) tea.Cmd {
	st, ctx, actor := c.Store, c.Ctx, c.Actor()
	for _, p := range []*string{&o.Name, &o.Unit, &o.Address, &o.Phone, &o.Website, &o.ComplaintEmail, &o.ComplaintContact, &o.CounterCode, &o.ExportDir} {
		*p = strings.TrimSpace(*p)
	}
	return func() tea.Msg {
		if o.ExportDir != "" && o.ExportDir != oldExport {
			abs, err := filepath.Abs(o.ExportDir)
			if err == nil {
				o.ExportDir = abs
				err = settingsTryFolder(o)
			}
			if err != nil {
				return frame.ErrMsg{Err: &valid.Error{Field: "Folder ekspor", Msg: export.FolderProblem(err)}}
			}
		}
		if err := st.UpdateOffice(ctx, actor, o); err != nil {
			return frame.ErrMsg{Err: err}
		}
		saved, err := st.Office(ctx)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		return settingsOfficeSavedMsg{saved}
	}
}
