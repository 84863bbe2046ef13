package tui

import (
	"context"
	"strings"
	"testing"

	"loket/store"
	"loket/tui/frame"
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

var _ = visit.New
