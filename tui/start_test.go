package tui

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/crypto/bcrypt"
)

func newEmptyHarness(t *testing.T, officer string) *harness {
	t.Helper()
	clk := &fakeClock{t: testStart}
	path := filepath.Join(t.TempDir(), "loket.db")
	s := openStore(t, path, clk)
	h := startHarness(t, s, clk, officer, 80, 24)
	h.path = path
	return h
}

// paste types text into a huh field in one message.
func (h *harness) Paste(s string) {
	h.update(tea.PasteMsg{Content: s})
	h.settle()
}

func TestStartFirstRunAsksOnlyTheName(t *testing.T) {
	h := newEmptyHarness(t, "")
	h.waitSee("Belum ada petugas terdaftar")
	h.sees("Nama petugas", "BPS Kabupaten Belitung Timur")
	if h.screen() == "" || h.m.ticking {
		t.Fatalf("the start screen has no clock, yet it ticks")
	}
	h.Paste("Rina Wulandari")
	h.keys("enter")
	h.atHome()
	h.sees("Beranda", "Petugas: Rina Wulandari", "Kamis, 26 November 2026", "09:00:00 WIB")
	if !h.m.ticking {
		t.Fatalf("Beranda shows a clock but does not tick")
	}
	os, err := h.s.Officers(context.Background())
	if err != nil || len(os) != 1 || os[0].HasPIN {
		t.Fatalf("officers %+v %v", os, err)
	}
}

func TestStartChooseAddAndPIN(t *testing.T) {
	h := newEmptyHarness(t, "")
	ctx := context.Background()
	if _, err := h.s.AddOfficer(ctx, "Agus Setiawan", "123456"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.s.AddOfficer(ctx, "Rina Wulandari", ""); err != nil {
		t.Fatal(err)
	}
	h = startHarness(t, h.s, h.clk, "", 80, 24)
	h.waitSee("Siapa yang bertugas di loket?")
	h.sees("Agus Setiawan", "(PIN)", "Rina Wulandari", "+ Tambah petugas baru")

	// Agus has a PIN: a wrong one is refused and asked again.
	h.keys("enter")
	h.waitSee("PIN Agus Setiawan")
	h.Paste("999999")
	h.keys("enter")
	h.until("PIN salah", func() bool { return h.m.errLine == "PIN salah" })
	h.sees("✗ PIN salah")
	h.Paste("123456")
	h.keys("enter")
	h.atHome()
	h.sees("Petugas: Agus Setiawan")
	if h.m.c.Officer.Name != "Agus Setiawan" {
		t.Fatalf("officer %+v", h.m.c.Officer)
	}

	// Adding an officer inline, with a PIN; a duplicate name is refused
	// and the typed name kept.
	h = startHarness(t, h.s, h.clk, "", 80, 24)
	h.waitSee("Siapa yang bertugas")
	h.keys("t")
	h.waitSee("Tambah petugas baru")
	h.Paste("Rina Wulandari")
	h.keys("enter", "enter")
	h.until("refusal", func() bool { return h.m.errLine != "" })
	h.sees("sudah terdaftar", "Rina Wulandari")
	h.keys("esc")
	h.waitSee("Siapa yang bertugas")
	h.keys("down", "down", "enter")
	h.waitSee("Tambah petugas baru")
	h.Paste("Dewi Lestari")
	h.keys("enter")
	h.Paste("654321")
	h.keys("enter")
	h.atHome()
	o, err := h.s.OfficerByName(ctx, "Dewi Lestari")
	if err != nil || !o.HasPIN || h.m.c.Officer.ID != o.ID {
		t.Fatalf("Dewi %+v %v; on duty %+v", o, err, h.m.c.Officer)
	}
}

func TestStartPetugasFlag(t *testing.T) {
	// A new name is created and goes straight to Beranda.
	h := newEmptyHarness(t, "Rina Wulandari")
	h.atHome()
	h.sees("Petugas: Rina Wulandari")

	// A known officer with a PIN is still asked for it.
	if _, err := h.s.AddOfficer(context.Background(), "Agus Setiawan", "123456"); err != nil {
		t.Fatal(err)
	}
	h = startHarness(t, h.s, h.clk, "agus setiawan", 80, 24)
	h.waitSee("PIN Agus Setiawan")
	if h.m.c.Officer.ID != "" {
		t.Fatalf("on duty before the PIN: %+v", h.m.c.Officer)
	}
	h.Paste("123456")
	h.keys("enter")
	h.atHome()
	h.sees("Petugas: Agus Setiawan")
}

// After five wrong PINs in a row the start screen says how long to wait,
// and even the right PIN is refused until the wait is over.
func TestStartPINWaitAfterFiveWrong(t *testing.T) {
	h := newEmptyHarness(t, "")
	if _, err := h.s.AddOfficer(context.Background(), "Agus Setiawan", "123456"); err != nil {
		t.Fatal(err)
	}
	h = startHarness(t, h.s, h.clk, "agus setiawan", 80, 24)
	h.waitSee("PIN Agus Setiawan")
	for i := 1; i <= 4; i++ {
		h.Paste("999999")
		h.keys("enter")
		h.until(fmt.Sprintf("wrong PIN %d", i), func() bool { return h.m.errLine == "PIN salah" })
		h.m.errLine = "" // the next refusal must be a new one
	}
	h.Paste("999999")
	h.keys("enter")
	wait := "PIN salah 5 kali berturut-turut; coba lagi dalam 30 detik"
	h.until("the wait after the fifth", func() bool { return h.m.errLine == wait })
	h.m.errLine = ""

	// The sixth try, with the right PIN, is refused with the wait.
	h.Paste("123456")
	h.keys("enter")
	h.until("the wait on the sixth", func() bool { return h.m.errLine == wait })
	h.sees("✗ " + wait)
	if h.m.c.Officer.ID != "" {
		t.Fatalf("on duty during the wait: %+v", h.m.c.Officer)
	}

	// After the wait the right PIN opens Beranda.
	h.clk.Add(30 * time.Second)
	h.Paste("123456")
	h.keys("enter")
	h.atHome()
	h.sees("Petugas: Agus Setiawan")
}

// A PIN of 4–5 digits set by an older loket still opens the app, and the
// officer is told to change it to 6–8 digits in Pengaturan; a PIN of the
// new length is not nagged about.
func TestStartShortPINIsToldToChange(t *testing.T) {
	h := newEmptyHarness(t, "")
	path := h.path
	if _, err := h.s.AddOfficer(context.Background(), "Agus Setiawan", "123456"); err != nil {
		t.Fatal(err)
	}
	h = startHarness(t, h.s, h.clk, "agus setiawan", 80, 24)
	h.waitSee("PIN Agus Setiawan")
	h.Paste("123456")
	h.keys("enter")
	h.atHome()
	if h.m.notice != "" {
		t.Fatalf("a 6-digit PIN gets a notice: %q", h.m.notice)
	}

	hash, err := bcrypt.GenerateFromPassword([]byte("1234"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE officers SET pin_hash = ? WHERE name = 'Agus Setiawan'`, string(hash)); err != nil {
		t.Fatal(err)
	}
	h = startHarness(t, h.s, h.clk, "agus setiawan", 80, 24)
	h.waitSee("PIN Agus Setiawan")
	h.Paste("1234")
	h.keys("enter")
	h.atHome()
	want := "PIN Anda hanya 4 angka: ganti ke 6–8 angka di Pengaturan (s, 2, p)"
	h.until("the notice", func() bool { return h.m.notice == want })
	h.sees("✓ " + want)
}
