package frame

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"loket/store/valid"
)

var (
	dayNames   = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}
	MonthNames = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
		"Agustus", "September", "Oktober", "November", "Desember"}
)

// longDate writes a day the Indonesian way, in WIB: "Kamis, 26 November 2026".
func LongDate(t time.Time) string {
	w := t.In(valid.WIB)
	return fmt.Sprintf("%s, %d %s %d", dayNames[w.Weekday()], w.Day(), MonthNames[w.Month()-1], w.Year())
}

// clock writes a WIB time of day: "14:03:22".
func Clock(t time.Time) string { return t.In(valid.WIB).Format("15:04:05") }

// hm writes a WIB time of day without seconds: "14:03".
func Hm(t time.Time) string { return t.In(valid.WIB).Format("15:04") }

// dateTime writes a WIB date and time: "26-11-2026 14:03".
func DateTime(t time.Time) string { return t.In(valid.WIB).Format("02-01-2006 15:04") }

// stopwatch writes a duration as m:ss (h:mm:ss from an hour): the service
// clock.
func Stopwatch(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int(d / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

// span writes a longer duration in words: "3 hari 4 jam", "2 jam 5 menit",
// "12 menit", "< 1 menit".
func Span(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	m := int(d / time.Minute)
	switch {
	case m < 1:
		return "< 1 menit"
	case m < 60:
		return fmt.Sprintf("%d menit", m)
	case m < 24*60:
		if m%60 == 0 {
			return fmt.Sprintf("%d jam", m/60)
		}
		return fmt.Sprintf("%d jam %d menit", m/60, m%60)
	}
	days, hours := m/(24*60), m/60%24
	if hours == 0 {
		return fmt.Sprintf("%d hari", days)
	}
	return fmt.Sprintf("%d hari %d jam", days, hours)
}

// width is the display width of a string that may hold ANSI styles.
func Width(s string) int { return ansi.StringWidth(s) }

// pad fits a one-line string to exactly w columns: truncated with "…" when
// longer, padded with spaces when shorter.
func Pad(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := ansi.StringWidth(s)
	if n > w {
		return ansi.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", w-n)
}

var (
	dateWord = regexp.MustCompile(`^\d{2}-\d{2}-\d{4}$`)
	timeWord = regexp.MustCompile(`^\d{2}:\d{2}`)
	wibWord  = regexp.MustCompile(`^WIB\b`)
)

// valueWords splits a paragraph at its spaces, except the spaces inside one
// value: a date and the time after it ("09-12-2026 08:43"), and a time and
// the WIB after it, stay one word for Wrap.
func valueWords(para string) []string {
	words := strings.Split(para, " ")
	out := words[:0:0]
	for i, w := range words {
		if n := len(out); n > 0 && i > 0 {
			prev := words[i-1]
			if (dateWord.MatchString(prev) && timeWord.MatchString(w)) || (timeWord.MatchString(prev) && wibWord.MatchString(w)) {
				out[n-1] += " " + w
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

// wrap breaks text into lines of at most w columns, at spaces where it can
// and inside a word only when the word alone is wider than w: no text is cut.
func Wrap(s string, w int) []string {
	if w < 1 {
		w = 1
	}
	// Breaks only at spaces: ansi.Wrap also breaks at hyphens and inside
	// words, which split "09-12-⏎2026" and "laporan-⏎pst-….xlsx". A word
	// wider than the line (a long path) gets its own line(s), cut only
	// then.
	var out []string
	for _, para := range strings.Split(s, "\n") {
		cur, curW := "", -1
		for _, word := range valueWords(para) {
			ww := ansi.StringWidth(word)
			switch {
			case curW < 0:
				cur, curW = word, ww
			case curW+1+ww <= w:
				cur, curW = cur+" "+word, curW+1+ww
			default:
				out = append(out, cur)
				cur, curW = word, ww
			}
			for curW > w {
				parts := strings.Split(ansi.Hardwrap(cur, w, false), "\n")
				out = append(out, parts[:len(parts)-1]...)
				cur = parts[len(parts)-1]
				curW = ansi.StringWidth(cur)
			}
		}
		out = append(out, cur)
	}
	return out
}

// wrapIndent wraps text and indents the continuation lines by ind columns.
func WrapIndent(first string, w, ind int) []string {
	lines := Wrap(first, w)
	if len(lines) <= 1 || ind <= 0 || ind >= w {
		return lines
	}
	rest := Wrap(strings.Join(lines[1:], " "), w-ind)
	out := []string{lines[0]}
	for _, l := range rest {
		out = append(out, strings.Repeat(" ", ind)+l)
	}
	return out
}

// fit makes a block exactly h lines of exactly w columns.
func Fit(lines []string, w, h int) []string {
	out := make([]string, h)
	for i := range out {
		if i < len(lines) {
			out[i] = Pad(lines[i], w)
		} else {
			out[i] = strings.Repeat(" ", max(w, 0))
		}
	}
	return out
}

// splitLines splits a rendered block into lines.
func SplitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// between writes "left … right" with the right part flush to w columns.
func Between(left, right string, w int) string {
	gap := w - Width(left) - Width(right)
	if gap < 1 {
		return Pad(left, max(w-Width(right)-1, 0)) + " " + right
	}
	return left + strings.Repeat(" ", gap) + right
}

// thousands writes a count with dots between thousands: 5.000.000.
func Thousands(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := fmt.Sprint(n)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// dayDMY writes a stored day (YYYY-MM-DD) the Indonesian way, 26-11-2026;
// anything else is shown as it is.
func DayDMY(day string) string {
	if len(day) != 10 || day[4] != '-' || day[7] != '-' {
		return day
	}
	return day[8:10] + "-" + day[5:7] + "-" + day[0:4]
}

// VisitorName is a visitor's name as lists show it, or that the guest book
// is not filled in yet.
func VisitorName(n string) string {
	if strings.TrimSpace(n) == "" {
		return "(buku tamu belum diisi)"
	}
	return n
}

// OrDash is s, or a dash for an empty value.
func OrDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// WrapStyled wraps text to width w and styles each line.
func WrapStyled(style interface{ Render(...string) string }, text string, w int) []string {
	ls := Wrap(text, w)
	for i, l := range ls {
		ls[i] = style.Render(l)
	}
	return ls
}
