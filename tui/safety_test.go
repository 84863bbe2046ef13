package tui

import (
	"os"
	"strings"
	"testing"
	"time"

	"loket/tui/frame"
)

// Update/View tests of the data-safety messages the root shows on every
// screen (issue 12): database files gone under the app, and a clock behind
// the newest record.

// safetyGoneText is the start of store.ErrFileGone's message.
const safetyGoneText = "✗ Gagal menyimpan: berkas basis data"

func TestSafetyFilesGoneIsShownOnEveryScreenAndKeepsTheInput(t *testing.T) {
	for _, gone := range []string{"-wal", ""} {
		t.Run("delete loket.db"+gone, func(t *testing.T) {
			h := complaintsOpen(t, 80, 24)
			h.keys("n", "e", "enter")
			h.typ("Antrian lama sekali")
			h.update(frame.FilesTickMsg{}) // nothing gone yet: nothing shown
			h.settle()
			if h.m.filesGone != "" || strings.Contains(h.screen(), safetyGoneText) {
				t.Fatalf("files gone before anything was deleted:\n%s", h.screen())
			}

			if err := os.Remove(h.path + gone); err != nil {
				t.Fatal(err)
			}
			h.update(frame.FilesTickMsg{})
			h.until("the files-gone message", func() bool { return strings.Contains(h.screen(), safetyGoneText) })
			if !strings.Contains(h.m.filesGone, "dipindahkan, diganti atau dihapus") || !strings.Contains(h.m.filesGone, "loket restore") {
				t.Fatalf("message %q does not say what happened and what to do", h.m.filesGone)
			}
			if got := h.complaintsScreen().Form.Val("text"); got != "Antrian lama sekali" {
				t.Fatalf("the typed text is lost: %q", got)
			}

			// A save is refused, the input stays, and the message too.
			h.keys("ctrl+s")
			h.until("the refused save", func() bool { return h.m.errLine != "" })
			if !strings.Contains(h.m.errLine, "dipindahkan, diganti atau dihapus") {
				t.Fatalf("save refused with %q", h.m.errLine)
			}
			if cs := h.complaintsScreen(); cs.Form == nil || cs.Form.Val("text") != "Antrian lama sekali" {
				t.Fatalf("the typed text is lost after the refused save:\n%s", h.screen())
			}
			h.sees(safetyGoneText)
			if words := strings.Join(strings.Fields(h.screen()), " "); !strings.Contains(words, "folder backup di samping basis data") {
				t.Fatalf("the message is cut before what to do:\n%s", h.screen())
			}

			// It stays on the other screens, after a success clears the
			// error line.
			h.m.errLine = ""
			h.keys("esc", "esc")
			h.until("Beranda", func() bool { return h.m.id == frame.ScreenHome })
			h.sees(safetyGoneText, "Beranda")
			h.sees("lalu pulihkan cadangan terbaru") // what to do is not cut
		})
	}
}

func TestSafetyClockBehindIsWarnedOnBerandaUntilItIsRight(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.settle()
	if h.m.clockWarn != "" {
		t.Fatalf("a clock warning with the clock right: %q", h.m.clockWarn)
	}

	// The PC boots two days in the past: the newest record (the officer
	// added at 09:00) is later than the clock.
	h.clk.Add(-48 * time.Hour)
	h = startHarness(t, h.s, h.clk, "Rina Wulandari", 80, 24)
	h.until("Beranda", func() bool { return h.m.id == frame.ScreenHome })
	h.until("the clock warning", func() bool { return h.m.clockWarn != "" })
	h.sees("! Peringatan: jam komputer menunjukkan 2026-11-24 09:00 WIB")
	if !strings.Contains(h.m.clockWarn, "2026-11-26 09:00 WIB") {
		t.Fatalf("the warning does not name the newest record: %q", h.m.clockWarn)
	}

	// Set right again, the warning goes at the next check.
	h.clk.Add(48*time.Hour + time.Minute)
	h.update(frame.FilesTickMsg{})
	h.until("the warning gone", func() bool { return h.m.clockWarn == "" })
	if strings.Contains(h.screen(), "Peringatan: jam komputer") {
		t.Fatalf("the warning stays after the clock is right:\n%s", h.screen())
	}
}
