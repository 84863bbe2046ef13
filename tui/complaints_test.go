package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"loket/store"
	"loket/tui/complaints"
	"loket/tui/frame"
)

// Update/View tests of the Pengaduan screen, through the keys, against a
// real store.

// complaintsOpen starts a harness at w×h and opens Pengaduan from Beranda.
func complaintsOpen(t *testing.T, w, h int) *harness {
	t.Helper()
	hs := newHarness(t, w, h)
	hs.atHome()
	hs.keys("p")
	hs.complaintsLoaded()
	return hs
}

// complaintsLoaded waits until the Pengaduan list has been read.
func (h *harness) complaintsLoaded() *complaints.Screen {
	h.t.Helper()
	h.until("daftar pengaduan", func() bool {
		cs, ok := h.m.screen.(*complaints.Screen)
		return ok && cs.Loaded
	})
	return h.m.screen.(*complaints.Screen)
}

func (h *harness) complaintsScreen() *complaints.Screen {
	h.t.Helper()
	cs, ok := h.m.screen.(*complaints.Screen)
	if !ok {
		h.t.Fatalf("not on Pengaduan:\n%s", h.screen())
	}
	return cs
}

// complaintsAll reads every complaint of the test's day from the store.
func (h *harness) complaintsAll() []store.Complaint {
	h.t.Helper()
	day := store.Day(h.clk.Now())
	list, err := h.s.Complaints(h.ctx, day, day, true)
	if err != nil {
		h.t.Fatal(err)
	}
	return list
}

// complaintsAdd records a complaint straight through the store.
func (h *harness) complaintsAdd(channel store.ComplaintChannel, text string) string {
	h.t.Helper()
	id, err := h.s.AddComplaint(h.ctx, h.m.c.Officer.ID, channel, text, "")
	if err != nil {
		h.t.Fatal(err)
	}
	h.clk.Add(time.Minute)
	return id
}

func TestComplaintsRecordThroughKeys(t *testing.T) {
	h := complaintsOpen(t, 80, 24)
	v, err := h.s.StartVisit(h.ctx, h.m.c.Officer.ID) // today's A-001
	if err != nil {
		t.Fatal(err)
	}
	h.sees("Tidak ada pengaduan terbuka")
	h.keys("n")
	h.sees("Pengaduan baru", "Saluran", "Isi pengaduan", "Kunjungan")
	h.keys("e") // first letter: Email
	if got := h.complaintsScreen().Form.Val("channel"); got != "Email" {
		t.Fatalf("e chose %q, want Email", got)
	}
	h.sees("bps1906@bps.go.id")
	h.keys("enter")
	h.typ("Nomor antrian tidak dipanggil")
	h.keys("enter")
	h.typ("a-1")
	h.keys("enter") // the last field: saves
	h.waitSee("Pengaduan dicatat")

	list := h.complaintsAll()
	if len(list) != 1 {
		t.Fatalf("store holds %d complaints, want 1", len(list))
	}
	c := list[0]
	if c.Channel != "Email" || c.Text != "Nomor antrian tidak dipanggil" || c.Status != "Diterima" || c.VisitID != v.ID {
		t.Fatalf("stored %+v; want Email, the text, Diterima, visit %s", c, v.ID)
	}
	cs := h.complaintsScreen()
	if cs.Form != nil || cs.Mode != complaints.ComplaintsList {
		t.Fatal("the form stayed open after saving")
	}
	h.until("the new complaint in the list", func() bool {
		return len(cs.List) == 1 && strings.Contains(h.screen(), "Nomor antrian tidak dipanggil")
	})
	h.sees("Pengaduan terbuka (1)", "Email", "Diterima")

	// Opened, it names the linked visit by its queue number.
	h.keys("enter")
	h.waitSee("A-001 · 26-11-2026")
}

func TestComplaintsFromVisitLinksIt(t *testing.T) {
	h := newHarness(t, 80, 24)
	v, err := h.s.StartVisit(h.ctx, h.m.c.Officer.ID)
	if err != nil {
		t.Fatal(err)
	}
	h.update(frame.NavigateMsg{To: frame.ScreenComplaints, VisitID: v.ID})
	h.complaintsLoaded()
	if cs := h.complaintsScreen(); cs.Mode != complaints.ComplaintsNew || cs.Form.Val("visit") != v.ID {
		t.Fatalf("opened with a visit: mode %v, kunjungan %q", cs.Mode, cs.Form.Val("visit"))
	}
	h.keys("s", "tab")
	h.typ("Minta salinan kuitansi lewat WhatsApp")
	h.keys("ctrl+s")
	h.waitSee("Pengaduan dicatat")
	if list := h.complaintsAll(); len(list) != 1 || list[0].VisitID != v.ID || list[0].Channel != "SMS/WhatsApp" {
		t.Fatalf("stored %+v; want SMS/WhatsApp linked to %s", list, v.ID)
	}
}

func TestComplaintsEmptyTextRefused(t *testing.T) {
	h := complaintsOpen(t, 80, 24)
	if _, err := h.s.StartVisit(h.ctx, h.m.c.Officer.ID); err != nil {
		t.Fatal(err)
	}
	h.keys("n", "space") // Kotak saran
	h.keys("tab", "tab")
	h.typ("A-001")
	h.keys("ctrl+s")
	h.waitSee("✗ Isi pengaduan: wajib diisi")
	if n := len(h.complaintsAll()); n != 0 {
		t.Fatalf("a complaint without text was saved (%d)", n)
	}
	cs := h.complaintsScreen()
	if cs.Form == nil || cs.Mode != complaints.ComplaintsNew {
		t.Fatal("the form closed on a refusal")
	}
	f := cs.Form
	if f.Val("channel") != "Kotak saran" || f.Val("visit") != "A-001" {
		t.Fatalf("the typed input was lost: channel %q, kunjungan %q", f.Val("channel"), f.Val("visit"))
	}
	if f.Cur().Key != "text" || f.Get("text").Err != "wajib diisi" {
		t.Fatalf("the refused field is not focused with its message: focus %q, err %q", f.Cur().Key, f.Get("text").Err)
	}

	// A visit that does not exist is refused naming the field, and
	// nothing is saved either.
	h.typ("Petugas kurang ramah")
	h.keys("tab", "backspace", "backspace", "backspace")
	h.typ("9")
	h.keys("ctrl+s")
	h.waitSee("Kunjungan: nomor antrian A-009 pada 2026-11-26 tidak ditemukan")
	if n := len(h.complaintsAll()); n != 0 {
		t.Fatalf("a complaint with an unknown visit was saved (%d)", n)
	}
	// Corrected, it is saved; the error line clears.
	h.keys("backspace", "backspace", "backspace", "backspace", "backspace")
	h.keys("ctrl+s")
	h.waitSee("Pengaduan dicatat")
	if list := h.complaintsAll(); len(list) != 1 || list[0].Text != "Petugas kurang ramah" || list[0].VisitID != "" {
		t.Fatalf("after the correction the store holds %+v", list)
	}
	if strings.Contains(h.screen(), "✗") {
		t.Fatalf("the error stayed after the save:\n%s", h.screen())
	}
}

func TestComplaintsFollowUp(t *testing.T) {
	h := newHarness(t, 80, 24)
	id := h.complaintsAdd("lapor.go.id", "Kode billing sulit dibayar di bank")
	h.keys("p")
	h.complaintsLoaded()
	h.keys("enter")
	h.sees("Pengaduan diterima Kamis, 26 November 2026 09:00 WIB", "Kode billing sulit dibayar di bank",
		"Riwayat tindak lanjut (0)", "Belum ada tindak lanjut.")
	cs := h.complaintsScreen()
	if cs.Mode != complaints.ComplaintsDetail || cs.Form.Val("status") != "Diproses" || cs.Form.Cur().Key != "note" {
		t.Fatalf("detail: mode %v, status %q, focus %q; want the note focused, Diproses chosen",
			cs.Mode, cs.Form.Val("status"), cs.Form.Cur().Key)
	}
	// An empty note is refused by the store, nothing changes.
	h.keys("enter")
	h.waitSee("✗ Tindak lanjut: wajib diisi")
	if c := h.complaintsAll()[0]; c.Status != "Diterima" || len(c.FollowUps) != 0 {
		t.Fatalf("an empty follow-up changed the complaint: %+v", c)
	}

	h.typ("Diteruskan ke Kasubbag Umum")
	h.keys("enter")
	h.waitSee("Tindak lanjut dicatat; status pengaduan Diproses.")
	h.waitSee("Riwayat tindak lanjut (1)")
	h.sees("Diproses  Diteruskan ke Kasubbag Umum")
	c := h.complaintsAll()[0]
	if c.ID != id || c.Status != "Diproses" || len(c.FollowUps) != 1 || c.FollowUps[0].Note != "Diteruskan ke Kasubbag Umum" {
		t.Fatalf("after the follow-up the store holds %+v", c)
	}

	// The next one closes it: Selesai is now the status offered. The
	// detail stays on the closed complaint though the list drops it.
	h.clk.Add(time.Hour)
	if got := h.complaintsScreen().Form.Val("status"); got != "Selesai" {
		t.Fatalf("after Diproses the form offers %q, want Selesai", got)
	}
	h.typ("Pengadu sudah dihubungi dan dibantu membayar")
	h.keys("ctrl+s")
	h.waitSee("Riwayat tindak lanjut (2)")
	h.sees("Status      Selesai", "Selesai   Pengadu sudah dihubungi")
	if c := h.complaintsAll()[0]; c.Status != "Selesai" || len(c.FollowUps) != 2 {
		t.Fatalf("after closing the store holds %+v", c)
	}
	h.keys("esc")
	h.until("the list without the closed complaint", func() bool {
		return strings.Contains(h.screen(), "Tidak ada pengaduan terbuka")
	})
	h.keys("esc")
	h.atHome()
}

func TestComplaintsToggleShowsClosed(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.complaintsAdd("Email", "Data mikro belum dikirim")
	closed := h.complaintsAdd("Langsung", "Ruang tunggu panas")
	if err := h.s.FollowUpComplaint(h.ctx, h.m.c.Officer.ID, closed, "Selesai", "Kipas angin dipasang"); err != nil {
		t.Fatal(err)
	}
	h.keys("p")
	h.complaintsLoaded()
	h.sees("Pengaduan terbuka (1)", "Data mikro belum dikirim")
	if strings.Contains(h.screen(), "Ruang tunggu panas") {
		t.Fatalf("the closed complaint is listed among the open ones:\n%s", h.screen())
	}
	h.keys("a")
	h.waitSee("Ruang tunggu panas")
	h.sees("Semua pengaduan, 12 bulan terakhir (2)", "Data mikro belum dikirim", "Selesai")
	// Open ones first, even though the closed one is newer.
	scr := h.screen()
	if strings.Index(scr, "Data mikro") > strings.Index(scr, "Ruang tunggu") {
		t.Fatalf("the closed complaint is listed before the open one:\n%s", scr)
	}
	// Its last follow-up shows under the list when it is selected.
	h.keys("down")
	h.sees("Kipas angin dipasang")
	h.keys("a")
	h.until("only the open complaint", func() bool {
		s := h.screen()
		return strings.Contains(s, "Pengaduan terbuka (1)") && !strings.Contains(s, "Ruang tunggu panas")
	})
}

func TestComplaintsTypingLettersGoToTheField(t *testing.T) {
	h := complaintsOpen(t, 80, 24)
	h.keys("n", "tab")
	cs := h.complaintsScreen()
	if !cs.Typing() {
		t.Fatal("Typing() is false with the text field focused")
	}
	form := cs.Form
	h.typ("n")
	h.typ("aq?")
	if cs.Form != form || cs.Mode != complaints.ComplaintsNew {
		t.Fatal("n inside the text field opened a new form")
	}
	if got := cs.Form.Val("text"); got != "naq?" {
		t.Fatalf("the field holds %q, want %q", got, "naq?")
	}
	if h.quit || h.m.fullHelp || cs.All {
		t.Fatalf("a letter typed in the field fired a key: quit %v, help %v, toggle %v", h.quit, h.m.fullHelp, cs.All)
	}
	// esc closes the form first, then leaves to Beranda.
	h.keys("esc")
	if cs.Form != nil || h.m.id != frame.ScreenComplaints {
		t.Fatal("esc did not just close the form")
	}
	h.keys("esc")
	h.atHome()
}

func TestComplaintsRender(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 35}} {
		h := newHarness(t, size.w, size.h)
		h.keys("p")
		h.complaintsLoaded()
		h.sees("Tidak ada pengaduan terbuka")
		emptyCheck := func() {
			for i, l := range strings.Split(h.m.screen.View(), "\n") {
				if w := frame.Width(l); w > size.w {
					t.Fatalf("%dx%d empty list: the screen's line %d is %d wide: %q", size.w, size.h, i+1, w, ansi.Strip(l))
				}
			}
		}
		emptyCheck()
		for i := range 14 {
			id := h.complaintsAdd("SMS/WhatsApp", strings.Repeat("Pelayanan data mikro terlalu lama dan tarif kurang jelas; ", 1+i%4))
			for j := range i % 4 {
				if err := h.s.FollowUpComplaint(h.ctx, h.m.c.Officer.ID, id, "Diproses",
					strings.Repeat("Sudah dijelaskan ulang kepada pengadu melalui WhatsApp. ", 1+j)); err != nil {
					t.Fatal(err)
				}
			}
		}
		check := func(name string) {
			t.Helper()
			h.dump("pengaduan-" + name)
			lines := strings.Split(h.screen(), "\n")
			if len(lines) != size.h {
				t.Fatalf("%dx%d %s: %d lines:\n%s", size.w, size.h, name, len(lines), h.screen())
			}
			for i, l := range lines {
				if w := frame.Width(l); w > size.w {
					t.Fatalf("%dx%d %s: line %d is %d wide:\n%s", size.w, size.h, name, i+1, w, h.screen())
				}
			}
			// The root cuts what is too wide, so the frame alone cannot
			// show a line that did not fit: the screen's own lines must.
			for i, l := range strings.Split(h.m.screen.View(), "\n") {
				if w := frame.Width(l); w > size.w {
					t.Fatalf("%dx%d %s: the screen's line %d is %d wide: %q", size.w, size.h, name, i+1, w, ansi.Strip(l))
				}
			}
		}
		h.keys("esc")
		h.keys("p")
		h.complaintsLoaded()
		check("daftar")
		h.keys("down", "down", "down", "down", "down", "down", "down", "down", "down", "down", "down", "down")
		h.sees("› ")
		check("daftar-bawah")
		// The third newest has the longest text and three follow-ups: at
		// 80×24 it does not fit above the form and scrolls.
		h.keys("up", "up", "up", "up", "up", "up", "up", "up", "up", "up", "enter")
		h.sees("Pengaduan diterima Kamis, 26 November 2026 09:11 WIB")
		check("buka")
		if size.h == 24 {
			h.sees("pgup/pgdn untuk menggulir", "pgup/pgdn gulir")
			h.keys("pgdown", "pgdown", "pgdown")
			h.sees("Riwayat tindak lanjut (3)", "melalui WhatsApp. Sudah dijelaskan")
			check("buka-gulir")
		}
		h.typ(strings.Repeat("Tindak lanjut yang panjang sekali ", 6))
		check("tindak-lanjut")
		h.keys("esc", "n", "tab")
		h.typ(strings.Repeat("Isi pengaduan yang panjang ", 8))
		check("baru")
		h.keys("ctrl+s")
		h.waitSee("Saluran: wajib diisi")
		check("baru-salah")
		h.update(tea.WindowSizeMsg{Width: size.w + 17, Height: size.h + 3})
		size.w, size.h = size.w+17, size.h+3
		check("baru-ubah-ukuran")
	}
}
