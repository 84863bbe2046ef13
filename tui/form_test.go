package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"loket/store"
	"loket/store/valid"
	"loket/tui/form"
	"loket/tui/frame"
)

// A text field focused before its width is known (a form opened with a
// long value already in it) shows the end of its value within the width,
// cursor at the end, on the very first frame: not the whole value cut off
// by the screen's edge.
func TestFormFocusedLongValueScrollsWithinWidth(t *testing.T) {
	c := &frame.Context{Styles: frame.NewStyles(true)}
	long := "SMS/WhatsApp 081278563877 (Syahroni, Kasubbag Umum BPS Kabupaten Belitung Timur)"
	f := form.New(c, form.TextF("kontak", "Kontak pengaduan", long))
	f.FocusAt(0)

	got := f.Fields[0].Render(c.Styles, true, 40)
	if len(got) != 1 {
		t.Fatalf("%d lines", len(got))
	}
	line := ansi.Strip(got[0])
	if w := ansi.StringWidth(line); w > 40 {
		t.Errorf("focused field is %d columns wide in 40: %q", w, line)
	}
	if !strings.Contains(line, "Belitung Timur)") || strings.Contains(line, "SMS/WhatsApp") {
		t.Errorf("focused field does not show the end of its value: %q", line)
	}

	// Narrower after a resize: still within the width.
	line = ansi.Strip(f.Fields[0].Render(c.Styles, true, 25)[0])
	if w := ansi.StringWidth(line); w > 25 || !strings.Contains(line, "Timur)") {
		t.Errorf("after a resize to 25: %d columns, %q", w, line)
	}
}

// At 80×24 a long choice in the guest book (Kategori instansi, eleven
// options) shows whole when focused: every option, the chosen one even
// when it is the last, none cut at the panel's edge, and its hint.
func TestFormLongChoiceShowsWholeAt80x24(t *testing.T) {
	h := newVisitAt(t, 80, 24)
	h.keys("enter", "t", "enter")
	h.atStep(store.StepGuestBook)
	h.visitScreen().Editor().Fields().FocusKey("cat")
	for range valid.InstCategories {
		h.keys("right")
	}
	scr := h.screen()
	last := valid.InstCategories[len(valid.InstCategories)-1]
	for _, o := range valid.InstCategories {
		if !strings.Contains(scr, o) && !strings.Contains(scr, strings.Fields(o)[0]) {
			t.Errorf("option %q not on screen", o)
		}
	}
	if !strings.Contains(scr, fmt.Sprintf("%d [%s]", len(valid.InstCategories), last)) {
		t.Errorf("the chosen last option %q is not shown:\n%s", last, scr)
	}
	for _, l := range strings.Split(scr, "\n") {
		if strings.HasSuffix(strings.TrimRight(l, " "), "…") {
			t.Errorf("cut line: %q", l)
		}
	}
}

// A complete, valid NIK fills the gender when none is chosen and proposes
// the year of birth: taken when the field is left empty, replaced (not
// added to) when the officer types one.
func TestGuestBookFillsGenderAndYearFromNIK(t *testing.T) {
	h := newVisitAt(t, 80, 24)
	h.keys("enter", "t", "enter")
	h.atStep(store.StepGuestBook)
	f := h.visitScreen().Editor().Fields()
	f.FocusKey("idno")
	h.typ("190601520395000")
	if f.Val("gender") != "" || f.Val("year") != "" {
		t.Fatalf("filled from an incomplete NIK: %q %q", f.Val("gender"), f.Val("year"))
	}
	h.typ("1")
	if f.Val("gender") != "P" || f.Val("year") != "1995" {
		t.Fatalf("from the NIK: gender %q, year %q; want P, 1995", f.Val("gender"), f.Val("year"))
	}
	h.sees("1995 (usulan; enter terima)")
	f.FocusKey("year")
	h.typ("1996")
	if f.Val("year") != "1996" {
		t.Fatalf("typed over the proposal: %q", f.Val("year"))
	}

	// The proposal follows the NIK: gone when the ID is no longer a KTP
	// or no longer a valid NIK, so no stale year is saved.
	f.Get("year").In.SetValue("")
	f.FocusKey("idtype")
	h.keys("right") // KTP → SIM
	if f.Val("idtype") == "KTP" || f.Val("year") != "" {
		t.Fatalf("after switching to %s: year %q", f.Val("idtype"), f.Val("year"))
	}
	f.FocusKey("idtype")
	h.keys("left")
	if f.Val("year") != "1995" {
		t.Fatalf("back to KTP: year %q", f.Val("year"))
	}
	f.FocusKey("idno")
	h.keys("backspace")
	if f.Val("year") != "" {
		t.Fatalf("an incomplete NIK keeps the proposal %q", f.Val("year"))
	}
	h.typ("1")

	// A gender chosen first is kept.
	f.Get("gender").Choose("L")
	f.FocusKey("idno")
	h.keys("backspace")
	h.typ("2")
	if f.Val("gender") != "L" {
		t.Fatalf("the officer's gender replaced: %q", f.Val("gender"))
	}
}
