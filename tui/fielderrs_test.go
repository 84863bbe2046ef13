package tui

import (
	"strings"
	"testing"

	"loket/store"
	"loket/tui/form"
)

// One save of a guest book with four bad fields marks all four beside
// their fields, in the guest book's order, and focuses the first (the
// NIK, above Email); fixing one field clears its mark alone (and the
// error line that summed up the save).
func TestGuestBookShowsEveryFieldErrorAtOnce(t *testing.T) {
	h := newVisitAt(t, 120, 35)
	h.keys("enter", "t", "enter")
	h.atStep(store.StepGuestBook)
	f := h.visitScreen().Editor().Fields()
	set := func(k, v string) {
		fl := f.Get(k)
		if fl.Kind == form.TextField {
			fl.In.SetValue(v)
		} else {
			fl.Choose(v)
		}
	}
	for k, v := range map[string]string{"name": "Siti Rahma", "consent": "Ya", "idno": "123", "gender": "P",
		"edu": "D4/S1", "job": "Pegawai Swasta", "inst": "CV Maju", "cat": "Swasta",
		"email": "siti@", "phone": "12", "npwp": ""} {
		set(k, v)
	}
	h.keys("ctrl+s")
	h.settle()
	want := []string{"idno", "email", "phone", "npwp"}
	for _, fl := range f.Fields {
		bad := fl.Err != ""
		if bad != strings.Contains(strings.Join(want, " "), fl.Key) {
			t.Errorf("field %s: error %q", fl.Key, fl.Err)
		}
	}
	if cur := f.Cur(); cur == nil || cur.Key != "idno" {
		t.Fatalf("focus on %v, want the first bad field (Nomor identitas)", cur)
	}
	h.sees("4 isian belum benar")
	scr := h.screen()
	if strings.Count(scr, "✗") < 4 {
		t.Fatalf("fewer than four marks on screen:\n%s", scr)
	}

	// Fixing the NIK clears its mark only.
	f.Get("idno").In.SetValue("")
	h.typ("1906015203950001")
	if f.Get("idno").Err != "" || f.Get("email").Err == "" {
		t.Fatalf("after fixing the NIK: idno %q, email %q", f.Get("idno").Err, f.Get("email").Err)
	}
	for _, k := range []string{"email", "phone", "npwp"} {
		f.FocusKey(k)
		f.Get(k).In.SetValue("")
		h.typ(map[string]string{"email": "siti@maju.co.id", "phone": "081234567890", "npwp": "012345678901234"}[k])
	}
	h.settle()
	if strings.Contains(h.screen(), "isian belum benar") {
		t.Fatalf("error line stays after every field is fixed:\n%s", h.screen())
	}
	h.keys("ctrl+s")
	h.until("guest book saved", func() bool { return h.stored(h.visitID()).Step(store.StepGuestBook).State == store.StateDone })
}

// The rating step marks every unsur left without a score in one save,
// focuses the first, and a score typed there clears both its mark and the
// error line (it stayed after the fix).
func TestRatingShowsEveryMissingScoreAndClearsWhenFixed(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.walk(kindPaidPub, store.StepRating-1)
	h.atStep(store.StepRating)
	h.keys("4", "4", "tab", "4", "tab", "4", "4", "4", "4")
	h.keys("ctrl+s")
	h.settle()
	f := h.visitScreen().Editor().Fields()
	if f.Get("u3").Err == "" || f.Get("u5").Err == "" || f.Get("u1").Err != "" {
		t.Fatalf("marks: u1 %q, u3 %q, u5 %q", f.Get("u1").Err, f.Get("u3").Err, f.Get("u5").Err)
	}
	if f.Cur().Key != "u3" {
		t.Fatalf("focus on %s, want u3", f.Cur().Key)
	}
	h.sees("2 isian belum benar")
	h.keys("3")
	if f.Get("u3").Err != "" || f.Get("u5").Err == "" {
		t.Fatalf("after scoring U3: u3 %q, u5 %q", f.Get("u3").Err, f.Get("u5").Err)
	}
	f.FocusKey("u5")
	h.keys("3")
	h.settle()
	if scr := h.screen(); strings.Contains(scr, "isian belum benar") || strings.Contains(scr, "Waktu penyelesaian: nilai") {
		t.Fatalf("the error line stays after every unsur is scored:\n%s", scr)
	}
}
