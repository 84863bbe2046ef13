package export

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

func TestCellText(t *testing.T) {
	cases := []struct{ in, want string }{
		{`=HYPERLINK("http://x","klik")`, `=HYPERLINK("http://x","klik")`},
		{"+6281234567890", "+6281234567890"},
		{"-2+3", "-2+3"},
		{"@SUM(A1)", "@SUM(A1)"},
		{"baris satu\nbaris dua\r\n\tdengan tab", "baris satu\nbaris dua\r\n\tdengan tab"},
		{"a\x00b\x01c\x08d\x0be\x0cf\x1fg", "abcdefg"},
		{"x\uFFFEy\uFFFFz", "xyz"},
		{"tidak\xffterbaca\xc3", "tidakterbaca"},
		{"pengganti \uFFFD asli", "pengganti \uFFFD asli"},
		{"emoji 😀 dan aksara ꦧꦠꦶꦏ꧀", "emoji 😀 dan aksara ꦧꦠꦶꦏ꧀"},
		{"_x0041_ tetap", "_x0041_ tetap"},
		{"", ""},
	}
	for _, c := range cases {
		if got := cellText(c.in); got != c.want {
			t.Errorf("cellText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCellTextCutsLongText(t *testing.T) {
	exact := strings.Repeat("a", MaxCellChars)
	if got := cellText(exact); got != exact {
		t.Errorf("a text of exactly %d characters was changed", MaxCellChars)
	}
	for _, in := range []string{
		strings.Repeat("a", MaxCellChars+1),
		strings.Repeat("é", 40000),
		strings.Repeat("😀", 20000), // two UTF-16 units each: cut never splits one
		"x" + strings.Repeat("😀", 20000),
	} {
		got := cellText(in)
		if !strings.HasSuffix(got, CutMark) || !utf8.ValidString(got) {
			t.Errorf("long text not cut with the mark: …%q", got[len(got)-30:])
		}
		if n := utf16Len(got); n > MaxCellChars || n < MaxCellChars-1 {
			t.Errorf("cut text is %d UTF-16 units, want %d (or one less)", n, MaxCellChars)
		}
		if !strings.HasPrefix(in, strings.TrimSuffix(got, CutMark)) {
			t.Errorf("cut text is not a prefix of the original")
		}
	}
}

// A text cut to fit carries the mark even when the cut text and its mark
// come out exactly as long, in bytes, as the text was: 32,769 ASCII
// characters become 32,755 and "… [dipotong]", 14 bytes.
func TestFillCutsTextOfTheSameByteLength(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		t.Fatal(err)
	}
	in := strings.Repeat("a", MaxCellChars+2)
	var c excelize.Cell
	if !st.fill(&c, kText, in) {
		t.Fatal("not filled")
	}
	got, _ := c.Value.(string)
	if len(got) != len(in) || !strings.HasSuffix(got, CutMark) {
		t.Fatalf("written %d bytes ending %q; want the same length ending with the mark", len(got), got[len(got)-20:])
	}
}
