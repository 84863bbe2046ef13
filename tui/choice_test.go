package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"loket/store/valid"
	"loket/tui/form"
	"loket/tui/frame"
)

// A choice is reached in one key by the number shown beside each option,
// or by typing the start of its name ("pe", "peg", "pegawai s" narrow);
// the way is said under the focused field, with what enter does.
func TestChoiceByNumberOrPrefix(t *testing.T) {
	c := &frame.Context{Styles: frame.NewStyles(true)}
	f := form.New(c, form.ChoiceF("job", "Pekerjaan", valid.Occupations, ""), form.TextF("inst", "Instansi", ""))
	job := f.Get("job")
	f.Key(keyMsg("5"))
	if job.Value() != "Pegawai Swasta" {
		t.Fatalf("5: %q", job.Value())
	}
	f.FocusAt(0)
	for _, tc := range []struct{ k, want string }{
		{"p", "Pelajar/Mahasiswa"}, {"e", "Pelajar/Mahasiswa"}, {"g", "Pegawai BUMN/BUMD"},
	} {
		f.Key(keyMsg(tc.k))
		if job.Value() != tc.want {
			t.Fatalf("after %q: %q, want %q", tc.k, job.Value(), tc.want)
		}
	}
	// The initial typed again with nothing matching moves to the next
	// option with it, as before.
	f.FocusAt(0)
	f.Key(keyMsg("w"))
	if job.Value() != "Wiraswasta" {
		t.Fatalf("w: %q", job.Value())
	}
	lines, _ := f.Lines(60, nil)
	scr := strings.Join(lines, "\n")
	for _, want := range []string{"1 Pelajar/Mahasiswa", "6 [Wiraswasta]", "ketik 1–7 atau awal nama", "enter lanjut"} {
		if !strings.Contains(ansi.Strip(scr), want) {
			t.Errorf("%q not shown:\n%s", want, ansi.Strip(scr))
		}
	}
	f.FocusAt(1)
	lines, _ = f.Lines(60, nil)
	if !strings.Contains(ansi.Strip(strings.Join(lines, "\n")), "▸ enter simpan") {
		t.Errorf("the last field does not say enter saves:\n%s", ansi.Strip(strings.Join(lines, "\n")))
	}
}
