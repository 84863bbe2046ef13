package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"loket/store"
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
	f.PickMoves = true // as on the visit screen
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
	for _, want := range []string{"1 Pelajar/Mahasiswa", "6 [Wiraswasta]", "ketik 1–7 (langsung lanjut) atau awal nama", "enter lanjut"} {
		if !strings.Contains(ansi.Strip(scr), want) {
			t.Errorf("%q not shown:\n%s", want, ansi.Strip(scr))
		}
	}
	// A screen whose picks only choose (the complaints, the visitor's
	// record) does not promise to move on.
	f.PickMoves = false
	lines, _ = f.Lines(60, nil)
	if scr := ansi.Strip(strings.Join(lines, "\n")); !strings.Contains(scr, "▸ ketik 1–7 atau awal nama") {
		t.Errorf("a form without PickMoves says the pick moves on:\n%s", scr)
	}
	f.FocusAt(1)
	lines, _ = f.Lines(60, nil)
	if !strings.Contains(ansi.Strip(strings.Join(lines, "\n")), "▸ enter simpan") {
		t.Errorf("the last field does not say enter saves:\n%s", ansi.Strip(strings.Join(lines, "\n")))
	}
}

// A number, or y/t on a Ya/Tidak question, picks in one key and so acts as
// enter (the visit screen moves on after it); a letter of another choice
// only narrows, since a name typed on would run into the next field.
func TestPickKeyActsAsEnter(t *testing.T) {
	c := &frame.Context{Styles: frame.NewStyles(true)}
	f := form.New(c, form.ChoiceF("job", "Pekerjaan", valid.Occupations, ""), form.YesNo("ok", "Setuju", ""), form.TextF("x", "Catatan", ""))
	for _, tc := range []struct {
		k    string
		want bool
	}{{"5", true}, {"7", true}, {"8", false}, {"p", false}, {"y", false}, {"ctrl+s", false}} {
		if got := f.PickKey(keyMsg(tc.k)); got != tc.want {
			t.Errorf("Pekerjaan, %q: pick %v, want %v", tc.k, got, tc.want)
		}
	}
	f.FocusAt(1)
	for _, tc := range []struct {
		k    string
		want bool
	}{{"y", true}, {"t", true}, {"1", true}, {"2", true}, {"3", false}, {"a", false}} {
		if got := f.PickKey(keyMsg(tc.k)); got != tc.want {
			t.Errorf("Ya/Tidak, %q: pick %v, want %v", tc.k, got, tc.want)
		}
	}
	f.FocusAt(2)
	if f.PickKey(keyMsg("1")) {
		t.Errorf("a text field takes 1 as typing, not as a pick")
	}
}

// Enter passes over a field filled for the officer (PassOver), and the
// line under the field before says where it lands; tab still reaches it.
func TestEnterPassesOverFilledFields(t *testing.T) {
	c := &frame.Context{Styles: frame.NewStyles(true)}
	f := form.New(c, form.TextF("idno", "Nomor identitas", ""), form.ChoiceF("gender", "Jenis kelamin", store.Strings(store.Genders), string(store.GenderMale)),
		form.TextF("year", "Tahun lahir", ""), form.ChoiceF("edu", "Pendidikan", valid.Educations, ""))
	f.Get("gender").PassOver = true
	f.Get("year").PassOver = true
	lines, _ := f.Lines(60, nil)
	if scr := ansi.Strip(strings.Join(lines, "\n")); !strings.Contains(scr, "▸ enter lanjut ke Pendidikan") {
		t.Errorf("the line under the NIK does not say where enter goes:\n%s", scr)
	}
	if handled, submit := f.Move(keyMsg("enter")); !handled || submit || f.Cur().Key != "edu" {
		t.Fatalf("enter: handled %v submit %v focus %q, want Pendidikan", handled, submit, f.Cur().Key)
	}
	f.FocusAt(0)
	f.Move(keyMsg("tab"))
	if f.Cur().Key != "gender" {
		t.Fatalf("tab went to %q, want Jenis kelamin", f.Cur().Key)
	}
}
