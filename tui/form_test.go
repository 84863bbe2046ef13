package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A text field focused before its width is known (a form opened with a
// long value already in it) shows the end of its value within the width,
// cursor at the end, on the very first frame: not the whole value cut off
// by the screen's edge.
func TestFormFocusedLongValueScrollsWithinWidth(t *testing.T) {
	c := &Context{Styles: newStyles(true)}
	long := "SMS/WhatsApp 081278563877 (Syahroni, Kasubbag Umum BPS Kabupaten Belitung Timur)"
	f := newForm(c, textF("kontak", "Kontak pengaduan", long))
	f.focusAt(0)

	got := f.fields[0].render(c.Styles, true, 40)
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
	line = ansi.Strip(f.fields[0].render(c.Styles, true, 25)[0])
	if w := ansi.StringWidth(line); w > 25 || !strings.Contains(line, "Timur)") {
		t.Errorf("after a resize to 25: %d columns, %q", w, line)
	}
}
