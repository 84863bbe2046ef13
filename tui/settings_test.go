package tui

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"loket/export"
	"loket/store"
	"loket/tui/frame"
	"loket/tui/settings"
)

// settingsOpen opens Pengaturan from Beranda and waits until it is read.
func settingsOpen(t *testing.T, h *harness) *settings.Screen {
	t.Helper()
	h.keys("s")
	h.until("pengaturan", func() bool {
		s, ok := h.m.screen.(*settings.Screen)
		return ok && s.Loaded
	})
	return h.m.screen.(*settings.Screen)
}

// settingsFrameFits fails unless the frame has exactly the terminal's
// lines, none wider than its columns and none cut with "…" at the right
// edge, and unless every line of the screen's own body fits the width.
// The root pads and cuts every line to the width, so a frame that merely
// has the right size says nothing: a cut shows as "…" at the edge (the
// error line is cut one column earlier), or as a body line too wide.
func settingsFrameFits(t *testing.T, h *harness, scr string) {
	t.Helper()
	w, ht := h.m.c.Width, h.m.c.Height
	lines := strings.Split(h.m.View().Content, "\n")
	if len(lines) != ht {
		t.Fatalf("frame has %d lines, want %d:\n%s", len(lines), ht, scr)
	}
	for i, l := range lines {
		if frame.Width(l) > w {
			t.Fatalf("line %d is %d columns wide (> %d): %q", i+1, frame.Width(l), w, ansi.Strip(l))
		}
		plain := strings.TrimRight(ansi.Strip(l), " ")
		if strings.HasSuffix(plain, "…") && frame.Width(plain) >= w-1 {
			t.Fatalf("line %d is cut at %d×%d: %q\n%s", i+1, w, ht, plain, scr)
		}
	}
	if h.m.fullHelp {
		return
	}
	for i, l := range frame.SplitLines(h.m.screen.View()) {
		if frame.Width(l) > w {
			t.Fatalf("body line %d is %d columns wide (> %d), cut on screen: %q\n%s", i+1, frame.Width(l), w, ansi.Strip(l), scr)
		}
	}
}

// settingsRetype focuses the field with the key by tabbing from the first
// and replaces its value by typing.
func settingsRetype(t *testing.T, h *harness, s *settings.Screen, fieldKey, value string) {
	t.Helper()
	for s.Form.Focus != 0 {
		h.keys("shift+tab")
	}
	for s.Form.Cur().Key != fieldKey {
		before := s.Form.Focus
		h.keys("tab")
		if s.Form.Focus == before {
			t.Fatalf("no field %q in the form", fieldKey)
		}
	}
	h.keys("ctrl+u")
	h.typ(value)
	if got := s.Form.Val(fieldKey); got != value {
		t.Fatalf("field %s holds %q after typing %q", fieldKey, got, value)
	}
}

// settingsRetypeFocus focuses the field with the key by tabbing from the
// first, typing nothing.
func settingsRetypeFocus(t *testing.T, h *harness, s *settings.Screen, fieldKey string) {
	t.Helper()
	for s.Form.Focus != 0 {
		h.keys("shift+tab")
	}
	for s.Form.Cur().Key != fieldKey {
		before := s.Form.Focus
		h.keys("tab")
		if s.Form.Focus == before {
			t.Fatalf("no field %q in the form", fieldKey)
		}
	}
}

// settingsShows reports whether the screen shows a path without spaces,
// possibly wrapped over several lines.
func settingsShows(h *harness, path string) bool {
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	return strings.Contains(squeeze(h.screen()), squeeze(path))
}

// settingsNoEnglish fails on the system's English words in a message for
// the officer.
func settingsNoEnglish(t *testing.T, msg string) {
	t.Helper()
	for _, en := range []string{"not a directory", "permission denied", "no such file", "read-only file system",
		"no space left", "file exists", "mkdir ", "open ", "stat "} {
		if strings.Contains(strings.ToLower(msg), en) {
			t.Fatalf("English system text %q reaches the officer: %q", en, msg)
		}
	}
}

func (h *harness) settingsOffice() store.Office {
	h.t.Helper()
	o, err := h.s.Office(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return o
}

func TestSettingsSavesTheOfficeAndTheHeaderFollows(t *testing.T) {
	h := newHarness(t, 80, 24)
	s := settingsOpen(t, h)
	h.sees("BPS Kabupaten Belitung Timur · Pengaturan", "Kantor", "Kode loket", "(bawaan)")
	home, _ := export.UserHome()
	if def := filepath.Join(home, "Documents", export.DefaultExportSub); s.Data.ExportDir != def || !settingsShows(h, def) {
		t.Fatalf("default export folder %q, want %q shown:\n%s", s.Data.ExportDir, def, h.screen())
	}
	h.keys("enter")
	if s.Form == nil || !s.Typing() {
		t.Fatalf("enter on Kantor does not open the form:\n%s", h.screen())
	}
	// Digits and the section/help keys go into the fields, not to the screen.
	settingsRetype(t, h, s, "address", "Jl. Baru 3 No. 12, t/p ?")
	settingsRetype(t, h, s, "name", "BPS Kab. Beltim")
	settingsRetype(t, h, s, "counter", "b")
	if s.Sec != settings.SettingsOffice || h.m.fullHelp {
		t.Fatalf("typing switched the section or opened help:\n%s", h.screen())
	}
	h.keys("ctrl+s")
	h.waitSee("Pengaturan kantor disimpan.")
	o := h.settingsOffice()
	if o.Name != "BPS Kab. Beltim" || o.Address != "Jl. Baru 3 No. 12, t/p ?" || o.CounterCode != "B" {
		t.Fatalf("stored office: %+v", o)
	}
	if o.Unit != store.DefaultOffice.Unit || o.ExportDir != "" {
		t.Fatalf("untouched fields changed: %+v", o)
	}
	h.sees("BPS Kab. Beltim · Pengaturan", "Jl. Baru 3 No. 12, t/p ?")
	if s.Form != nil {
		t.Fatal("the form stays open after saving")
	}
	// The counter letter is what the next visit's queue number carries.
	v, err := h.s.StartVisit(context.Background(), h.m.c.Actor())
	if err != nil {
		t.Fatal(err)
	}
	if v.Queue() != "B-001" {
		t.Fatalf("queue after changing the counter code: %s", v.Queue())
	}
	h.keys("esc")
	h.atHome()
	h.sees("BPS Kab. Beltim · Beranda")
}

func TestSettingsRefusesABadCounterCodeAndSavesNothing(t *testing.T) {
	h := newHarness(t, 80, 24)
	s := settingsOpen(t, h)
	h.keys("enter")
	settingsRetype(t, h, s, "address", "Jl. Lain 1")
	settingsRetype(t, h, s, "counter", "AB1")
	h.keys("ctrl+s")
	h.waitSee("✗ Kode loket: harus satu huruf A–Z")
	settingsFrameFits(t, h, h.screen())
	if fl := s.Form.Get("counter"); fl == nil || fl.Err == "" || s.Form.Cur() != fl {
		t.Fatalf("the error is not next to Kode loket, or it is not focused:\n%s", h.screen())
	}
	if s.Form.Val("address") != "Jl. Lain 1" || s.Form.Val("counter") != "AB1" {
		t.Fatal("the refused save lost what the officer typed")
	}
	if o := h.settingsOffice(); o != store.DefaultOffice {
		t.Fatalf("a refused save changed the office: %+v", o)
	}
	// The name is required too, and named.
	settingsRetype(t, h, s, "counter", "C")
	settingsRetype(t, h, s, "name", "  ")
	h.keys("ctrl+s")
	h.waitSee("✗ Nama kantor: wajib diisi")
	if o := h.settingsOffice(); o != store.DefaultOffice {
		t.Fatalf("a refused save changed the office: %+v", o)
	}
	// esc closes the form (and its error), then goes home.
	h.keys("esc")
	if s.Form != nil || strings.Contains(h.screen(), "✗") {
		t.Fatalf("esc did not close the form and its error:\n%s", h.screen())
	}
	h.sees("Jl. Raya Manggarawan")
	h.keys("esc")
	h.atHome()
}

func TestSettingsRefusesAnExportFolderThatCannotBeMade(t *testing.T) {
	h := newHarness(t, 80, 24)
	s := settingsOpen(t, h)
	file := filepath.Join(t.TempDir(), "berkas")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.keys("enter")
	settingsRetype(t, h, s, "export", filepath.Join(file, "laporan"))
	h.keys("ctrl+s")
	h.waitSee("✗ Folder ekspor:")
	if want := "Folder ekspor: alamat itu berkas, bukan folder"; h.m.errLine != want {
		t.Fatalf("error line %q, want %q", h.m.errLine, want)
	}
	settingsNoEnglish(t, h.m.errLine)
	settingsFrameFits(t, h, h.screen())
	if o := h.settingsOffice(); o.ExportDir != "" {
		t.Fatalf("an unusable export folder was saved: %q", o.ExportDir)
	}
	dir := filepath.Join(t.TempDir(), "Laporan")
	settingsRetype(t, h, s, "export", dir)
	h.keys("ctrl+s")
	h.waitSee("Pengaturan kantor disimpan.")
	if o := h.settingsOffice(); o.ExportDir != dir {
		t.Fatalf("export folder stored as %q, want %q", o.ExportDir, dir)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Fatalf("the export folder was not made: %v", err)
	}
	if h.m.c.Office.ExportDir != dir {
		t.Fatal("the app's office was not updated after saving")
	}
}

func TestSettingsAddsAnOfficerWithAPIN(t *testing.T) {
	h := newHarness(t, 80, 24)
	s := settingsOpen(t, h)
	h.keys("2")
	h.sees("Petugas terdaftar (1)", "Rina Wulandari", "← bertugas")
	h.keys("t")
	h.typ("Sari Dewi")
	h.keys("tab")
	h.typ("654321")
	h.keys("tab")
	h.typ("654312")
	h.keys("enter")
	h.waitSee("✗ Ulangi PIN: tidak sama dengan PIN")
	if list, _ := h.s.Officers(context.Background()); len(list) != 1 {
		t.Fatalf("officer added although the PINs differ: %v", list)
	}
	if strings.Contains(h.screen(), "654321") || strings.Contains(h.screen(), "654312") {
		t.Fatalf("a PIN is shown:\n%s", h.screen())
	}
	h.keys("ctrl+u")
	h.typ("654321")
	h.keys("enter")
	h.waitSee("Petugas Sari Dewi ditambahkan.")
	h.sees("Petugas terdaftar (2)", "Sari Dewi")
	if s.Form != nil {
		t.Fatal("the form stays open after adding")
	}
	o, err := h.s.OfficerByName(context.Background(), "Sari Dewi")
	if err != nil || !o.HasPIN {
		t.Fatalf("officer stored as %+v, %v", o, err)
	}
	if err := h.s.CheckPIN(context.Background(), o.ID, "654321"); err != nil {
		t.Fatalf("CheckPIN refuses the PIN given: %v", err)
	}
	if err := h.s.CheckPIN(context.Background(), o.ID, "123456"); !errors.Is(err, store.ErrPIN) {
		t.Fatalf("CheckPIN accepts a wrong PIN: %v", err)
	}
	// A name already there is refused, named, and the form kept.
	h.keys("t")
	h.typ("Sari Dewi")
	h.keys("ctrl+s")
	h.waitSee("✗ Nama petugas: sudah terdaftar")
	if s.Form == nil || s.Form.Val("name") != "Sari Dewi" {
		t.Fatal("the refused form was closed or emptied")
	}
}

func TestSettingsSetsAndChangesTheOwnPIN(t *testing.T) {
	h := newHarness(t, 80, 24)
	s := settingsOpen(t, h)
	ctx, me := context.Background(), h.m.c.Officer.ID
	h.keys("2", "p")
	if s.Form.Get("cur") != nil {
		t.Fatal("asks the current PIN of an officer without one")
	}
	h.typ("246824")
	h.keys("tab")
	h.typ("246824")
	h.keys("enter")
	h.waitSee("PIN Anda diubah.")
	if err := h.s.CheckPIN(ctx, me, "246824"); err != nil {
		t.Fatalf("new PIN not set: %v", err)
	}
	h.sees("ada PIN")

	// Now the current PIN is asked; a wrong one changes nothing.
	h.keys("p")
	if s.Form.Get("cur") == nil {
		t.Fatalf("the current PIN is not asked:\n%s", h.screen())
	}
	h.typ("111111")
	h.keys("tab")
	h.typ("135713")
	h.keys("tab")
	h.typ("135713")
	h.keys("enter")
	h.waitSee("✗ PIN salah")
	if err := h.s.CheckPIN(ctx, me, "246824"); err != nil {
		t.Fatalf("a wrong current PIN changed the PIN: %v", err)
	}
	if s.Form.Cur().Key != "cur" || s.Form.Val("pin") != "135713" {
		t.Fatal("after a wrong PIN the focus is not on it, or the new PIN was lost")
	}
	h.typ("246824")
	h.keys("ctrl+s")
	h.waitSee("PIN Anda diubah.")
	if err := h.s.CheckPIN(ctx, me, "135713"); err != nil {
		t.Fatalf("PIN not changed: %v", err)
	}
	// A PIN that is not 6–8 digits is refused at the new PIN.
	h.keys("p")
	h.typ("135713")
	h.keys("tab")
	h.typ("12")
	h.keys("tab")
	h.typ("12")
	h.keys("enter")
	h.waitSee("✗ PIN baru: harus 6–8 angka")
	if s.Form.Cur().Key != "pin" {
		t.Fatalf("the error is not at PIN baru:\n%s", h.screen())
	}
}

func TestSettingsBacksUpToAFolder(t *testing.T) {
	h := newHarness(t, 80, 24)
	s := settingsOpen(t, h)
	dir := t.TempDir()
	h.keys("3")
	h.sees("Cadangkan ke…", "belum pernah", store.BackupDir(h.path))
	h.keys("enter")
	h.typ(dir)
	h.keys("enter")
	h.until("cadangan", func() bool { return s.LastOut != "" })
	h.waitSee("Cadangan tersimpan")
	files, _ := filepath.Glob(filepath.Join(dir, "loket-*.db.gz"))
	if len(files) != 1 || files[0] != s.LastOut {
		t.Fatalf("backup files %v, screen says %q", files, s.LastOut)
	}
	if st, err := os.Stat(files[0]); err != nil || st.Size() == 0 {
		t.Fatalf("backup file: %v", err)
	}
	h.sees("Tersimpan")
	if !settingsShows(h, files[0]) {
		t.Fatalf("the backup's path %s is not shown:\n%s", files[0], h.screen())
	}
	settingsFrameFits(t, h, h.screen())
	// The folder is remembered for the next time.
	h.keys("esc")
	h.atHome()
	s = settingsOpen(t, h)
	h.keys("3", "enter")
	if got := s.Form.Val("dir"); got != dir {
		t.Fatalf("the folder field holds %q, want the last folder %q", got, dir)
	}
}

func TestSettingsBackupToAMissingFolderAsksFirst(t *testing.T) {
	h := newHarness(t, 80, 24)
	s := settingsOpen(t, h)
	dir := filepath.Join(t.TempDir(), "usb", "cadangan")
	h.keys("3", "enter")
	h.typ(dir)
	h.keys("enter")
	h.waitSee("belum ada")
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the folder was made before the officer confirmed: %v", err)
	}
	settingsFrameFits(t, h, h.screen())
	h.keys("enter")
	h.until("cadangan", func() bool { return s.LastOut != "" })
	if filepath.Dir(s.LastOut) != dir {
		t.Fatalf("backup written to %s, want in %s", s.LastOut, dir)
	}
}

func TestSettingsBackupErrorIsIndonesianAndTheScreenStaysUsable(t *testing.T) {
	h := newHarness(t, 80, 24)
	s := settingsOpen(t, h)
	file := filepath.Join(t.TempDir(), "bukan-folder")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.keys("3", "enter")
	// A file where the folder should be, and a folder under a file.
	for _, bad := range []struct{ path, want string }{
		{file, "adalah berkas, bukan folder"},
		{filepath.Join(file, "usb"), "alamat itu berkas, bukan folder"},
	} {
		h.keys("ctrl+u")
		h.typ(bad.path)
		h.keys("enter")
		h.until("the error", func() bool { return s.Form != nil && s.Form.Get("dir").Err != "" })
		h.sees("✗ Folder tujuan:")
		if !strings.Contains(h.m.errLine, bad.want) {
			t.Fatalf("%s: error line %q lacks %q", bad.path, h.m.errLine, bad.want)
		}
		settingsNoEnglish(t, h.m.errLine)
		if s.Form.Val("dir") != bad.path || s.Busy {
			t.Fatal("the screen lost the typed folder or stays busy")
		}
		settingsFrameFits(t, h, h.screen())
	}
	if s.LastOut != "" {
		t.Fatal("a failed backup reports a file")
	}
	// The officer corrects the folder and the backup runs.
	dir := t.TempDir()
	h.keys("ctrl+u")
	h.typ(dir)
	h.keys("enter")
	h.until("cadangan", func() bool { return s.LastOut != "" })
	if h.m.errLine != "" {
		t.Fatalf("the error line stays after success: %q", h.m.errLine)
	}
}

func TestSettingsSectionKeysDoNotFireWhileTyping(t *testing.T) {
	h := newHarness(t, 80, 24)
	s := settingsOpen(t, h)
	h.keys("3", "enter")
	h.typ("/mnt/1?2t3p")
	if s.Sec != settings.SettingsBackup || h.m.fullHelp || s.Form.Val("dir") != "/mnt/1?2t3p" {
		t.Fatalf("keys typed into the folder went elsewhere: section %d, help %v, value %q",
			s.Sec, h.m.fullHelp, s.Form.Val("dir"))
	}
	h.keys("tab") // one field: tab stays in the form
	if s.Sec != settings.SettingsBackup || s.Form == nil {
		t.Fatal("tab in a form switched the section")
	}
	h.keys("esc")
	h.keys("tab")
	if s.Sec != settings.SettingsOffice {
		t.Fatalf("tab after closing the form: section %d", s.Sec)
	}
	h.keys("shift+tab")
	if s.Sec != settings.SettingsBackup {
		t.Fatalf("shift+tab: section %d", s.Sec)
	}
	h.keys("2")
	if s.Sec != settings.SettingsOfficers {
		t.Fatalf("2: section %d", s.Sec)
	}
}

func TestSettingsFitsTheTerminal(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 35}} {
		h := newHarness(t, size[0], size[1])
		for i := 0; i < 12; i++ {
			if _, err := h.s.AddOfficer(context.Background(), "Petugas Nomor "+string(rune('A'+i))+" Dengan Nama Yang Cukup Panjang", ""); err != nil {
				t.Fatal(err)
			}
		}
		s := settingsOpen(t, h)
		check := func(what string) {
			t.Helper()
			scr := h.screen()
			settingsFrameFits(t, h, scr)
			dumpScreen(size[0], size[1], "settings-"+what, scr)
		}
		check("kantor")
		h.keys("enter")
		settingsRetype(t, h, s, "counter", "AB1")
		h.keys("ctrl+s")
		h.waitSee("harus satu huruf")
		check("kantor-ubah")
		settingsRetype(t, h, s, "export", "")
		check("kantor-ekspor")
		// The complaint contact is long (79 characters by default): the
		// focused field scrolls it within its width.
		settingsRetypeFocus(t, h, s, "contact")
		if !strings.Contains(h.screen(), "Kontak pengaduan") {
			t.Fatalf("the contact field is not in sight when focused:\n%s", h.screen())
		}
		check("kantor-kontak")
		h.keys("esc", "2")
		check("petugas")
		if size[1] == 24 && strings.Contains(h.screen(), "← bertugas") {
			t.Fatalf("13 officers fit at 80×24? the test expects scrolling:\n%s", h.screen())
		}
		for range 20 {
			h.keys("down")
		}
		if !strings.Contains(h.screen(), "← bertugas") {
			t.Fatalf("the officer list does not scroll:\n%s", h.screen())
		}
		check("petugas-gulir")
		h.keys("t")
		check("petugas-tambah")
		h.keys("esc", "p")
		check("petugas-pin")
		h.keys("esc", "tab", "enter")
		h.typ(filepath.Join(t.TempDir(), "belum", "ada", "folder", "dengan", "nama", "yang", "panjang"))
		h.keys("enter")
		h.waitSee("belum ada")
		check("cadangan")
		h.keys("esc")
		h.update(tea.WindowSizeMsg{Width: 100, Height: 30})
		h.settle()
		settingsFrameFits(t, h, h.screen())
	}
}

// Pengaturan shows where the default export folder is; reading it must not
// make it on the disk (it is made when a document is written).
func TestSettingsOpeningMakesNoExportFolder(t *testing.T) {
	home := t.TempDir()
	old := export.UserHome
	export.UserHome = func() (string, error) { return home, nil }
	t.Cleanup(func() { export.UserHome = old })
	h := newHarness(t, 80, 24)
	s := settingsOpen(t, h)
	def := filepath.Join(home, "Documents", export.DefaultExportSub)
	if s.Data.ExportDir != def || s.Data.ExportErr != nil || !settingsShows(h, def) {
		t.Fatalf("default export folder %q (%v), want %q shown:\n%s", s.Data.ExportDir, s.Data.ExportErr, def, h.screen())
	}
	h.keys("enter") // the office form names the default folder in a hint
	settingsRetypeFocus(t, h, s, "export")
	h.keys("esc")
	if _, err := os.Stat(filepath.Join(home, "Documents")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("opening Pengaturan made %s: %v", filepath.Join(home, "Documents"), err)
	}
}

// A backup that was written but whose folder could not be remembered (the
// database cannot be written) is done, with a warning: not a failure
// saying "Gagal", and not a form still open for a second backup.
func TestSettingsBackupWrittenButNotRememberedIsDoneWithAWarning(t *testing.T) {
	h := newHarness(t, 80, 24)
	s := settingsOpen(t, h)
	ro, err := store.Open(context.Background(), h.path, store.Options{ReadOnly: true, Now: h.clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	if err := ro.SetMeta(context.Background(), settings.SettingsBackupMeta, "x"); err == nil {
		t.Fatal("a read-only store remembers a folder: the test cannot make the step after the backup fail")
	}
	h.m.c.Store = ro
	dir := t.TempDir()
	h.keys("3", "enter")
	h.typ(dir)
	h.keys("enter")
	h.until("cadangan", func() bool { return !s.Busy && (s.LastOut != "" || h.m.errLine != "") })
	h.settle() // the notice is a command of its own, still in flight when LastOut is set
	files, _ := filepath.Glob(filepath.Join(dir, "loket-*.db.gz"))
	if len(files) != 1 || s.LastOut != files[0] {
		t.Fatalf("backup files %v, screen says %q; error line %q", files, s.LastOut, h.m.errLine)
	}
	if h.m.errLine != "" || strings.Contains(h.screen(), "Gagal") {
		t.Fatalf("a written backup is reported as a failure (%q):\n%s", h.m.errLine, h.screen())
	}
	if s.Form != nil {
		t.Fatal("the backup form stays open: enter would make a second backup")
	}
	if !strings.HasPrefix(h.m.notice, "Cadangan tersimpan") || !strings.Contains(h.m.notice, "tidak diingat") {
		t.Fatalf("notice %q does not say the backup is saved with a warning", h.m.notice)
	}
	h.sees("Tersimpan", "Peringatan: cadangan sudah tersimpan dan utuh", "(basis data tidak dapat ditulisi)")
	if s.Data.BackupDir != "" {
		t.Fatalf("the screen shows %q as the remembered folder, though it was not stored", s.Data.BackupDir)
	}
	settingsFrameFits(t, h, h.screen())
	h.keys("enter") // opens the form again: no backup without the officer
	if files, _ := filepath.Glob(filepath.Join(dir, "loket-*.db.gz")); len(files) != 1 || s.Form == nil {
		t.Fatalf("enter after the warning: files %v, form open %v", files, s.Form != nil)
	}
}
