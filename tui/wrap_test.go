package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"loket/tui/frame"
)

// A status line at 80 columns breaks at spaces only: a date, an amount or
// a path stays whole on one line (a path wider than the line gets lines of
// its own), and nothing is lost.
func TestWrapNeverSplitsAValue(t *testing.T) {
	for _, tc := range []struct {
		text  string
		whole []string
	}{
		{"✓ Kode billing 820261202000123 dibuat; bayar Rp247.980 di bank, berlaku sampai 09-12-2026 08:43 WIB",
			[]string{"09-12-2026", "Rp247.980", "820261202000123"}},
		{"✓ Laporan ditulis ke /home/petugas/Dokumen/loket/ekspor/2026/laporan-pst-2026-12-02.xlsx",
			[]string{"/home/petugas/Dokumen/loket/ekspor/2026/laporan-pst-2026-12-02.xlsx"}},
	} {
		lines := frame.Wrap(tc.text, 79)
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > 79 {
				t.Errorf("line of %d columns: %q", w, l)
			}
		}
		for _, v := range tc.whole {
			found := false
			for _, l := range lines {
				found = found || strings.Contains(l, v)
			}
			if !found {
				t.Errorf("%q split across lines: %q", v, lines)
			}
		}
		if got := strings.Join(lines, " "); got != tc.text {
			t.Errorf("text changed by wrapping:\n got %q\nwant %q", got, tc.text)
		}
	}
	// Only a word wider than the line is cut, on lines of its own.
	long := strings.Repeat("x", 30)
	got := frame.Wrap("ke "+long+" selesai", 12)
	if got[0] != "ke" || strings.Join(got[1:len(got)-1], "") != long || got[len(got)-1] != "selesai" {
		t.Errorf("a long word: %q", got)
	}
}

// A date and its time (and the WIB after it) are one value at every width
// that can hold them: at 41 columns the bank notice used to end a line with
// "13-12-2026" and start the next with "23:36 WIB.".
func TestWrapKeepsADateWithItsTime(t *testing.T) {
	for _, tc := range []struct{ text, whole string }{
		{"Kunjungan A-014 menunggu pembayaran bank; kode billing berlaku sampai 13-12-2026 23:36 WIB.", "13-12-2026 23:36 WIB."},
		{"Kode billing 820261202000123 berlaku sampai 09-12-2026 08:43 (5 hari 1 jam lagi)", "09-12-2026 08:43"},
	} {
		for w := len(tc.whole); w < 80; w++ {
			lines := frame.Wrap(tc.text, w)
			found := false
			for _, l := range lines {
				found = found || strings.Contains(l, tc.whole)
			}
			if !found {
				t.Errorf("width %d: %q split across lines: %q", w, tc.whole, lines)
			}
			if got := strings.Join(lines, " "); got != tc.text {
				t.Errorf("width %d: text changed by wrapping:\n got %q\nwant %q", w, got, tc.text)
			}
		}
	}
}
