package tui

import (
	"strings"
	"testing"

	"loket/store"
	"loket/store/valid"
)

// Step 11 reads the cash handed over with store/valid's one reading of
// Rupiah: a comma is no decimal point in a Rupiah amount, so "100.000,50"
// and "1,5" are refused with valid's message. The old parser stripped the
// comma and read them as 10.000.050 (change Rp9.970.050 shown to the
// officer) and 15 (a shortfall).
func TestStep11RefusesDecimalCash(t *testing.T) {
	h := newHarness(t, 120, 30)
	id := h.walk(kindPaidPub, store.StepPrepare)
	h.sees("Tagihan: Rp80.000", "[Tunai]")
	h.keys("enter") // to Uang diterima
	for _, typed := range []string{"100.000,50", "1,5"} {
		_, want := valid.Rupiah("Uang diterima", typed)
		if want == nil {
			t.Fatalf("valid.Rupiah accepts %q; the test no longer shows the refusal", typed)
		}
		h.typ(typed)
		h.keys("ctrl+s")
		h.settle()
		if got := h.visitScreen().Editor().Fields().Get("amount").Err; got != want.Error() {
			t.Fatalf("cash %q: field error %q, want valid's %q", typed, got, want.Error())
		}
		h.sees("Uang diterima: rupiah bulat tanpa sen", typed)
		if strings.Contains(h.m.notice, "kembalian") {
			t.Fatalf("cash %q: change offered: %s", typed, h.m.notice)
		}
		if v := h.stored(id); v.Payment != nil {
			t.Fatalf("cash %q recorded a payment: %+v", typed, v.Payment)
		}
		h.atStep(store.StepPayment)
		for range len(typed) {
			h.keys("backspace")
		}
	}
	// The same amount written as the bill is taken.
	h.typ("80.000")
	h.keys("ctrl+s")
	h.atStep(store.StepHandover)
	if v := h.stored(id); v.Payment == nil || v.Payment.Amount != 80_000 {
		t.Fatalf("payment %+v", v.Payment)
	}
}

// The time paid on the bank's slip is read by valid.DateTime, and its own
// message is shown: a date that is not in the calendar is said as such.
func TestStep11RefusesADayThatDoesNotExist(t *testing.T) {
	h := newHarness(t, 120, 30)
	id := h.walk(kindPaidPub, store.StepPrepare)
	h.keys("b", "enter", "enter")
	h.typ("820261126000009")
	h.keys("enter")
	h.atHome()
	if v := h.stored(id); !v.Suspended() || v.ActiveBilling() == nil {
		t.Fatalf("after the billing code: suspended %v, billing %+v", v.Suspended(), v.Billing)
	}
	h.keys("enter")
	h.atStep(store.StepPayment)
	h.sees("[Konfirmasi bank (NTPN)]")
	h.keys("enter")
	h.typ("ABCD1234EFGH5678")
	h.keys("enter")
	h.typ("BRI123456789")
	h.keys("enter")
	h.typ("31-02-2026 10:00")
	h.keys("ctrl+s")
	h.settle()
	_, want := valid.DateTime("Waktu bayar", "31-02-2026 10:00")
	if want == nil {
		t.Fatal("valid.DateTime accepts 31 February")
	}
	if got := h.visitScreen().Editor().Fields().Get("paidat").Err; got != want.Error() {
		t.Fatalf("time paid: field error %q, want valid's %q", got, want.Error())
	}
	h.sees("tanggal itu tidak ada")
	if v := h.stored(id); v.Payment != nil {
		t.Fatalf("31 February recorded a payment: %+v", v.Payment)
	}
	h.atStep(store.StepPayment)
}
