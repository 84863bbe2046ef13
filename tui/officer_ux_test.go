package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"loket/store"
	"loket/tui/frame"
	"loket/tui/home"
	"loket/tui/search"
	"loket/tui/visit"
)

// Issue 15's messages and navigation: what the screen says must be what
// happens (the visitor's history, a cut paste, where esc goes, what enter
// takes), and a refused key says why.

// selectStep moves the visit screen to step n with pgup/pgdn.
func (h *harness) selectStep(n int) {
	h.t.Helper()
	for i := 0; i < store.NumSteps && h.visitScreen().Sel != n; i++ {
		if h.visitScreen().Sel > n {
			h.keys("pgup")
		} else {
			h.keys("pgdown")
		}
	}
	if h.visitScreen().Sel != n {
		h.t.Fatalf("could not select step %d:\n%s", n, h.screen())
	}
}

// A person first recorded by this visit is not called a returning visitor
// when step 3 is shown again; the same person's next visit, taken from the
// lookup, is. Before, every saved guest was "Pengunjung lama".
func TestGuestBookSaysReturningOnlyForAnEarlierVisitor(t *testing.T) {
	h := newHarness(t, 80, 24)
	first := h.walk(kindPaidPub, store.StepGuestBook)
	h.selectStep(store.StepGuestBook)
	h.sees("Siti Aminah")
	if strings.Contains(h.screen(), "Pengunjung lama:") {
		t.Fatalf("a new visitor is called returning:\n%s", h.screen())
	}

	ctx, off := context.Background(), h.m.c.Officer.ID
	v, err := h.s.StartVisit(ctx, off)
	if err != nil {
		t.Fatal(err)
	}
	in := siti
	in.VisitorID = h.stored(first).VisitorID
	if err := h.s.RecordPurpose(ctx, off, v.ID, "Membeli data", "Komersial"); err != nil {
		t.Fatal(err)
	}
	if err := h.s.RecordGuest(ctx, off, v.ID, in); err != nil {
		t.Fatal(err)
	}
	h.update(frame.NavigateMsg{To: frame.ScreenVisit, VisitID: v.ID})
	h.settle()
	h.atStep(store.StepRequest)
	h.selectStep(store.StepGuestBook)
	h.sees("Pengunjung lama: Siti Aminah")
}

// A paste longer than the field's limit is cut, and the field says how
// much did not go in. Before, 3.200 characters vanished without a word.
func TestPasteCutAtTheLimitIsSaid(t *testing.T) {
	h := newVisitAt(t, 80, 24)
	f := h.visitScreen().Editor().Fields()
	f.FocusKey("purpose")
	f.Get("purpose").In.SetValue("")
	h.Paste(strings.Repeat("a", 5200))
	if got := len(f.Get("purpose").In.Value()); got != 2000 {
		t.Fatalf("field holds %d characters, want 2000", got)
	}
	h.sees("Tempelan dipotong: isian paling banyak", "2.000 karakter; 3.200 karakter tidak")
	// Typing on in the field is the officer's answer: the note goes.
	h.keys("backspace")
	if strings.Contains(h.screen(), "Tempelan dipotong") {
		t.Fatalf("the note stayed after the field changed:\n%s", h.screen())
	}
	// A paste that fits says nothing.
	h.keys("ctrl+u")
	h.Paste("Membeli data\r\npublikasi")
	if v := f.Get("purpose").In.Value(); v != "Membeli data  publikasi" {
		t.Fatalf("pasted %q", v)
	}
	if strings.Contains(h.screen(), "Tempelan dipotong") {
		t.Fatalf("a paste that fits is called cut:\n%s", h.screen())
	}
}

// esc from a visit opened in Cari returns to Cari with its query and
// results, or to the visitor's record it was opened from; the help says
// so. Before, it went to Beranda and the search was lost.
func TestEscFromAVisitOpenedInCariReturnsThere(t *testing.T) {
	h := newHarness(t, 80, 24)
	v := searchPaidVisit(t, h)
	s := searchOpen(h)
	searchFor(h, s, "siti")
	h.keys("down") // past the visitor, onto the visit
	h.keys("enter")
	h.until("kunjungan dimuat", func() bool { vs, ok := h.m.screen.(*visit.Screen); return ok && vs.V != nil })
	h.sees("esc tunda ke Cari")
	h.keys("f1")
	h.sees("selain itu tunda ke Cari")
	h.keys("esc", "esc")
	h.until("Cari", func() bool { return h.m.screen == frame.Screen(s) })
	h.until("hasil", func() bool { return !s.Pending })
	if s.In.Value() != "siti" || s.Query != "siti" || len(s.Rows) < 2 || s.Cursor != 1 {
		t.Fatalf("Cari not as left: query %q/%q, %d rows, cursor %d", s.In.Value(), s.Query, len(s.Rows), s.Cursor)
	}
	h.sees("Cari › siti", "ditunda")
	if !h.stored(v.ID).Suspended() {
		t.Fatal("esc did not suspend the visit")
	}

	// From the visitor's record: back to the record.
	searchRecordOf(t, h, s)
	h.keys("enter")
	h.until("kunjungan dimuat", func() bool { vs, ok := h.m.screen.(*visit.Screen); return ok && vs.V != nil })
	h.keys("esc")
	h.until("Cari", func() bool { return h.m.screen == frame.Screen(s) })
	h.until("data pengunjung", func() bool { return s.Rec.Loaded })
	if s.Mode != search.SearchModeRecord {
		t.Fatalf("back in mode %v, want the record", s.Mode)
	}
	h.sees("Siti Aminah", "Kunjungan (1)")

	// A visit opened from Beranda still goes back to Beranda.
	h.keys("esc", "esc")
	h.atHome()
	h.keys("enter")
	h.until("kunjungan dimuat", func() bool { vs, ok := h.m.screen.(*visit.Screen); return ok && vs.V != nil })
	h.sees("esc tunda ke Beranda")
	h.keys("esc")
	h.atHome()
}

// n on a visitor's record in Cari starts a new visit with that visitor
// taken at step 3, as the lookup of a returning visitor takes them.
func TestNewVisitFromAVisitorRecord(t *testing.T) {
	h := newHarness(t, 80, 24)
	first := searchPaidVisit(t, h)
	s := searchOpen(h)
	searchRecordOf(t, h, s)
	h.sees("n kunjungan baru")
	h.keys("n")
	h.until("kunjungan baru", func() bool {
		vs, ok := h.m.screen.(*visit.Screen)
		return ok && vs.V != nil && vs.V.ID != first.ID
	})
	h.atStep(store.StepPurpose)
	h.until("notice", func() bool { return strings.Contains(h.m.notice, "untuk Siti Aminah") })
	h.keys("enter", "k", "enter") // step 2: Komersial
	h.atStep(store.StepGuestBook)
	h.sees("Pengunjung lama: Siti Aminah", "CV Maju Bersama")
	h.keys("ctrl+s")
	h.atStep(store.StepRequest)
	v := h.visit()
	if v.VisitorID != first.VisitorID || !v.Returning || v.Guest.IDNumber != siti.IDNumber {
		t.Fatalf("new visit's visitor %q (returning %v), want %q", v.VisitorID, v.Returning, first.VisitorID)
	}
}

// helpBar is the help bar's two lines at the foot of the screen.
func (h *harness) helpBar() string {
	lines := strings.Split(h.screen(), "\n")
	return strings.Join(lines[len(lines)-2:], "\n")
}

// The returning visitors' list names enter once, for what it does now:
// with nothing highlighted it walks on ("enter lanjut"); with a match
// highlighted it takes that person, in the help bar and under the field.
// Before, the bar said "↓ enter pilih pengunjung lama · … · enter lanjut"
// and the field "▸ enter lanjut" while enter took the person.
func TestLookupListNamesEnterOnce(t *testing.T) {
	for _, w := range []int{80, 120} {
		lookupNamesEnterOnce(t, w)
	}
}

func lookupNamesEnterOnce(t *testing.T, w int) {
	h := newHarness(t, w, 35)
	seedReturning(h, siti, "Komersial")
	h.keys("n")
	h.atStep(store.StepPurpose)
	h.keys("enter", "k", "enter")
	h.atStep(store.StepGuestBook)
	h.typ("Si")
	h.waitSee("Siti Aminah · CV Maju Bersama")
	bar := h.helpBar()
	if n := strings.Count(bar, "enter"); n != 1 || !strings.Contains(bar, "enter lanjut") || !strings.Contains(bar, "↓ pilih pengunjung lama") {
		t.Fatalf("list open, nothing highlighted: enter named %d times:\n%s", n, bar)
	}
	h.sees("▸ enter lanjut")
	if n := strings.Count(bar, "esc"); n != 1 {
		t.Fatalf("esc named %d times:\n%s", n, bar)
	}

	h.keys("down")
	bar = h.helpBar()
	if n := strings.Count(bar, "enter"); n != 1 || !strings.Contains(bar, "enter ambil Siti Aminah") {
		t.Fatalf("a match highlighted: enter named %d times:\n%s", n, bar)
	}
	h.sees("▸ enter ambil Siti Aminah")
	if strings.Contains(h.screen(), "enter lanjut") {
		t.Fatalf("enter promised to walk on while it takes the person:\n%s", h.screen())
	}
	h.keys("enter")
	h.sees("Pengunjung lama: Siti Aminah")
	h.sees("enter lanjut")
}

// Beranda's bank list keeps a row on one line at 80 columns: the name is
// cut, never the amount or the expiry. Before, "berlaku 5 hari 1 jam lagi"
// went onto a line of its own.
func TestHomeBankRowKeepsAmountAndExpiryTogether(t *testing.T) {
	h := newHarness(t, 80, 24)
	hs := h.m.screen.(*home.Screen)
	now := h.clk.Now()
	hs.Data.Open = []store.OpenVisit{{ID: "x", Queue: "A-007", Day: store.Day(now), Name: "Siti Aminah Kusumawardhani", Current: 11,
		Waiting: true, UpdatedAt: now, BillingCode: "820261126000001", BillingExpires: now.Add(5*24*time.Hour + time.Hour + time.Minute),
		Total: 247980}}
	scr := h.screen()
	var row string
	for _, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, "820261126000001") {
			row = l
		}
	}
	if !strings.Contains(row, "Rp247.980  berlaku 5 hari 1 jam lagi") || !strings.Contains(row, "Siti Aminah") {
		t.Fatalf("bank row split or lost a value: %q\n%s", row, scr)
	}
	if strings.Contains(row, "Kusumawardhani") || !strings.Contains(row, "…") {
		t.Fatalf("the name was not the part cut: %q", row)
	}
}

// pgup on step 1 and pgdn on step 16 say why nothing moved. Before, they
// did nothing and said nothing.
func TestStepKeysAtTheEndsSayWhy(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.walk(kindPaidPub, store.StepGuestBook)
	h.selectStep(1)
	h.keys("pgup")
	h.until("refusal", func() bool { return h.m.errLine != "" })
	if !strings.Contains(h.m.errLine, "Sudah di langkah pertama") || strings.Contains(h.m.errLine, "Gagal") {
		t.Fatalf("pgup on step 1: %q", h.m.errLine)
	}
	h.sees("Sudah di langkah pertama")
	h.selectStep(store.NumSteps)
	h.keys("pgdown")
	h.until("refusal", func() bool { return strings.Contains(h.m.errLine, "terakhir") })
	h.sees("Sudah di langkah terakhir")
	if h.visitScreen().Sel != store.NumSteps || h.m.id != frame.ScreenVisit {
		t.Fatalf("pgdn on step 16 moved: step %d", h.visitScreen().Sel)
	}
}
