package export

import (
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"loket/store/valid"
)

// MaxCellChars is Excel's limit on the text of one cell, counted in UTF-16
// code units.
const MaxCellChars = 32767

// CutMark ends a text that was cut to fit in a cell, so a reader sees that
// something is missing.
const CutMark = "… [dipotong]"

// cellText prepares text typed by people for a cell. It is written as an
// inline string, never a formula, so "=HYPERLINK(…)" or "+62812…" stay
// exactly what was typed; newlines and tabs are kept. What changes: bytes
// that are not UTF-8 and characters XML 1.0 cannot carry (control
// characters other than tab, newline and carriage return; U+FFFE, U+FFFF)
// are dropped, and a text longer than Excel's cell limit is cut, on a
// character boundary, with CutMark so that the result fits.
func cellText(s string) string {
	clean := true
	for i, r := range s {
		if !xmlChar(r) || (r == utf8.RuneError && isBadByte(s, i)) {
			clean = false
			break
		}
	}
	if !clean {
		var b strings.Builder
		b.Grow(len(s))
		for i, r := range s {
			if xmlChar(r) && !(r == utf8.RuneError && isBadByte(s, i)) {
				b.WriteRune(r)
			}
		}
		s = b.String()
	}
	if len(s) <= MaxCellChars { // bytes ≥ UTF-16 units: certainly fits
		return s
	}
	if utf16Len(s) <= MaxCellChars {
		return s
	}
	room := MaxCellChars - utf16Len(CutMark)
	n := 0
	for i, r := range s {
		w := 1
		if r > 0xFFFF {
			w = 2
		}
		if n+w > room {
			return s[:i] + CutMark
		}
		n += w
	}
	return s + CutMark // not reached: s is longer than room
}

// isBadByte reports whether the U+FFFD decoded at s[i] stands for an
// invalid byte rather than a real U+FFFD typed by someone.
func isBadByte(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 1
}

// xmlChar reports whether XML 1.0 can carry r:
// #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
func xmlChar(r rune) bool {
	switch {
	case r == 0x9 || r == 0xA || r == 0xD:
		return true
	case r >= 0x20 && r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r > 0xFFFF {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// wall is t's wall-clock time in WIB, labelled UTC and cut to the second:
// excelize writes a time's wall clock as the Excel serial, and Excel has no
// time zones, so every date in a workbook is a WIB date.
func wall(t time.Time) time.Time {
	w := t.In(valid.WIB)
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, time.UTC)
}

// dayDate is a stored WIB day (YYYY-MM-DD) as an Excel date; the zero time
// if it cannot be read.
func dayDate(day string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, day, valid.WIB)
	if err != nil {
		return time.Time{}
	}
	return t
}

// Number formats. "Rp"#,##0 uses the reader's thousands separator, so an
// Indonesian Excel or LibreOffice shows Rp1.250.000 (a format written with
// "." as separator is not valid in the file format). Dates are written day
// first whatever the reader's locale, as the office writes them.
const (
	fmtRupiah   = `"Rp"#,##0`
	fmtDate     = `dd/mm/yyyy`
	fmtTime     = `hh:mm`
	fmtDateTime = `dd/mm/yyyy hh:mm`
	fmtMinutes  = `0.0`
	fmtDecimal  = `0.00`
	fmtCount    = `#,##0`
	fmtPlain    = `0`
	fmtTextCell = `@`
)

// styles are the cell styles of a workbook, made once.
type styles struct {
	header, bold, text, date, time, datetime, money, count, plain, minutes, decimal int
}

func newStyles(f *excelize.File) (*styles, error) {
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	num := func(code string) *excelize.Style { return &excelize.Style{CustomNumFmt: &code} }
	st := &styles{
		header: mk(&excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
			Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		}),
		bold:     mk(&excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: strPtr(fmtTextCell)}),
		text:     mk(num(fmtTextCell)),
		date:     mk(num(fmtDate)),
		time:     mk(num(fmtTime)),
		datetime: mk(num(fmtDateTime)),
		money:    mk(num(fmtRupiah)),
		count:    mk(num(fmtCount)),
		plain:    mk(num(fmtPlain)),
		minutes:  mk(num(fmtMinutes)),
		decimal:  mk(num(fmtDecimal)),
	}
	return st, err
}

func strPtr(s string) *string { return &s }

// kind is what a column holds; it decides the cell style and the column
// width, which a stream must set before the first row.
type kind int

const (
	kID       kind = iota // ULID
	kCode                 // short fixed words: queue number, method, status
	kText                 // short text
	kName                 // names, institutions, email addresses
	kLong                 // free text
	kNumber               // document numbers INV/1906/A/2026/11/0001
	kDate                 // a WIB day
	kTime                 // time of day (the value is the full date and time)
	kDateTime             // date and time
	kMinutes              // duration in minutes, one decimal shown
	kCount                // whole number with thousands separators
	kPlain                // whole number without separators (a year, a step)
	kScore                // SKM score 1–4
	kMoney                // whole Rupiah
	kDecimal              // two decimals
)

var kindWidth = map[kind]float64{
	kID: 28, kCode: 11, kText: 18, kName: 26, kLong: 48, kNumber: 26, kDate: 11, kTime: 8,
	kDateTime: 17, kMinutes: 9, kCount: 11, kPlain: 8, kScore: 5, kMoney: 15, kDecimal: 10,
}

// column is one column of a sheet: its header, exactly as the contract
// spells it, and its kind.
type column struct {
	name string
	kind kind
}

// width is the column's kind width, widened to fit its header and the
// filter button.
func (c column) width() float64 {
	return max(kindWidth[c.kind], float64(utf8.RuneCountInString(c.name))+4)
}

// cell turns a value into a styled cell for a column of kind k. Empty
// values (nil, "", the zero time) give no cell at all.
func (st *styles) cell(k kind, v any) any {
	var c excelize.Cell
	if !st.fill(&c, k, v) {
		return nil
	}
	return c
}

// fill sets c to the styled cell of v for a column of kind k, and reports
// false for an empty value (nil, "", the zero time), which gets no cell.
// A value written as it came keeps the interface it came in, so a row of
// cells costs no allocation beyond the values themselves.
func (st *styles) fill(c *excelize.Cell, k kind, v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		if x == "" {
			return false
		}
		c.StyleID = st.text
		// Unchanged, the value keeps the interface it came in (no new
		// allocation). The comparison is cheap then: cellText returns its
		// argument, and equal strings sharing one pointer compare at once.
		// A length check would miss a cut whose mark brings the text back
		// to its old length.
		if t := cellText(x); t != x {
			c.Value = t
		} else {
			c.Value = v
		}
	case time.Time:
		if x.IsZero() {
			return false
		}
		c.StyleID = st.datetime
		switch k {
		case kDate:
			c.StyleID = st.date
		case kTime:
			c.StyleID = st.time
		}
		c.Value = wall(x)
	case int:
		return st.fill(c, k, int64(x))
	case int64:
		c.StyleID = st.count
		switch k {
		case kMoney:
			c.StyleID = st.money
		case kPlain, kScore:
			c.StyleID = st.plain
		}
		c.Value = v
	case float64:
		c.StyleID = st.decimal
		if k == kMinutes {
			c.StyleID = st.minutes
		}
		c.Value = v
	default:
		// A typed word of the store's vocabulary (a status, a method, a
		// kind) is written as its text.
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
			return st.fill(c, k, rv.String())
		}
		panic("export: no cell for a value of this type")
	}
	return true
}

// yesNo spells a flag as the workbook does.
func yesNo(b bool) string {
	if b {
		return "Ya"
	}
	return "Tidak"
}
