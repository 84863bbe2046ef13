package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"loket/store"
)

// Update+View per key on the busiest screens. No database work happens in
// either (lookups run in the returned command, which is not run here).

func benchKeys(b *testing.B, h *harness, keys ...tea.KeyPressMsg) {
	b.Helper()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		h.m.Update(keys[i%len(keys)])
		_ = h.m.View()
	}
}

// BenchmarkKeyVisitScreen: pgdown/pgup between two steps of a visit with
// microdata (sidebar, heading, wording and the step's panel redrawn).
func BenchmarkKeyVisitScreen(b *testing.B) {
	h := newHarness(b, 80, 24)
	h.walk(kindMicrodata, store.StepPrepare)
	benchKeys(b, h, keyMsg("pgup"), keyMsg("pgdown"))
}

// BenchmarkKeyGuestBook: typing into the name field of the guest book
// (13 fields, lookup offered).
func BenchmarkKeyGuestBook(b *testing.B) {
	h := newHarness(b, 80, 24)
	h.keys("n")
	h.atStep(store.StepPurpose)
	h.keys("enter", "t", "enter")
	h.atStep(store.StepGuestBook)
	h.typ("Siti Amina")
	benchKeys(b, h, keyMsg("h"), keyMsg("backspace"))
}

// BenchmarkKeyRequest: typing the quantity of a line of a two-line request
// (the live quote and total follow each key).
func BenchmarkKeyRequest(b *testing.B) {
	h := newHarness(b, 80, 24)
	h.walk(kindPaidPub, store.StepGuestBook)
	h.keys("enter")
	h.typ("Statistik Daerah 2026")
	h.keys("enter")
	h.typ("120")
	h.keys("ctrl+t", "d", "enter")
	h.typ("Susenas Maret 2025")
	h.keys("enter")
	h.typ("500000")
	benchKeys(b, h, keyMsg("0"), keyMsg("backspace"))
}
