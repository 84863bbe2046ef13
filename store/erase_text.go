package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// ErasedText replaces a person's name, ID number, email, phone or NPWP
// where it was typed into free text (a suggestion, a complaint, a note, a
// reason), so the rest of the text keeps its meaning.
const ErasedText = "[dihapus]"

// freeText lists every column an officer or visitor types free text into
// that belongs to a visit, as (table, column, how the row is tied to a
// visit). Generated text (quotes, bases, audit notes) is not listed.
var freeText = []struct{ table, column, visit string }{
	{"visits", "purpose", "id"},
	{"visits", "status_reason", "id"},
	{"visit_steps", "reason", "visit_id"},
	{"suspensions", "reason", "visit_id"},
	{"items", "title", "visit_id"},
	{"items", "variables", "visit_id"},
	{"documents", "variables", "visit_id"},
	{"documents", "note", "visit_id"},
	{"invoices", "void_reason", "visit_id"},
	{"corrections", "text", "visit_id"},
	{"ratings", "saran", "visit_id"},
	{"complaints", "text", "visit_id"},
}

// scrubber finds one person's identifiers in free text. Phrases (the full
// name, an email, a number with whatever separators it was typed with)
// are replaced wherever they stand as a whole; a single word of the name
// only where the text belongs to the person's own visits, and only when it
// has at least 4 letters, so a short word such as "Ani" is replaced only as
// part of the full name and unrelated prose keeps its words.
type scrubber struct {
	phrases []*regexp.Regexp
	words   map[string]bool // lowercase name words of >= 4 letters
}

// sep is what people type between the digits of a number.
const sep = `[\s.\-()/]*`

// digitsPattern matches the digits of d with any separators between them.
func digitsPattern(d string) string {
	var b strings.Builder
	for i, r := range d {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// newScrubber builds the scrubber for a person known under the values in g
// (their current record and the snapshots of their visits).
func newScrubber(gs []Guest) *scrubber {
	sc := &scrubber{words: map[string]bool{}}
	seen := map[string]bool{}
	add := func(pattern string) {
		if !seen[pattern] {
			seen[pattern] = true
			sc.phrases = append(sc.phrases, regexp.MustCompile(`(?i)`+pattern))
		}
	}
	for _, g := range gs {
		if words := nameWords(g.Name); len(words) > 0 && g.Name != Erased {
			quoted := make([]string, len(words))
			for i, w := range words {
				quoted[i] = regexp.QuoteMeta(w)
				if len([]rune(w)) >= 4 {
					sc.words[strings.ToLower(w)] = true
				}
			}
			add(strings.Join(quoted, `[\s.,'-]+`))
		}
		if e := strings.TrimSpace(g.Email); e != "" {
			add(regexp.QuoteMeta(e))
		}
		for _, n := range []string{g.IDNumber, g.NPWP} {
			if d := onlyDigits(n); len(d) >= 8 {
				add(digitsPattern(d))
			}
		}
		if d := onlyDigits(g.Phone); len(d) >= 8 {
			if nsn, ok := strings.CutPrefix(d, "62"); ok && strings.HasPrefix(g.Phone, "+62") {
				// +62 812…, 62812…, (+62) 0812…, 0812… and 812… alike.
				add(`(?:(?:\+` + sep + `)?62` + sep + `0?|0)?` + sep + digitsPattern(nsn))
			} else {
				add(`\+?` + sep + digitsPattern(d))
			}
		}
	}
	// Longer phrases first, so a full name is replaced before a shorter
	// one it contains.
	sort.SliceStable(sc.phrases, func(i, j int) bool { return len(sc.phrases[i].String()) > len(sc.phrases[j].String()) })
	return sc
}

func nameWords(name string) []string {
	return strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// scrub returns text with the person's identifiers replaced by ErasedText;
// withWords also replaces the single words of the name.
func (sc *scrubber) scrub(text string, withWords bool) string {
	for _, re := range sc.phrases {
		text = replaceWhole(re, text)
	}
	if withWords && len(sc.words) > 0 {
		var b strings.Builder
		rs := []rune(text)
		for i := 0; i < len(rs); {
			if !isWordRune(rs[i]) {
				b.WriteRune(rs[i])
				i++
				continue
			}
			j := i
			for j < len(rs) && isWordRune(rs[j]) {
				j++
			}
			if w := string(rs[i:j]); sc.words[strings.ToLower(w)] {
				b.WriteString(ErasedText)
			} else {
				b.WriteString(w)
			}
			i = j
		}
		text = b.String()
	}
	return text
}

// replaceWhole replaces the matches of re that stand as a whole: not glued
// to a letter or digit on either side (so a phone number is not cut out of
// a longer number, nor a name out of a longer word).
func replaceWhole(re *regexp.Regexp, text string) string {
	ms := re.FindAllStringIndex(text, -1)
	if ms == nil {
		return text
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		start, end := m[0], m[1]
		// A separator the pattern took at its edge is not part of it.
		for start < end && !isWordRune(rune(text[start])) && text[start] != '+' && text[start] < 0x80 {
			start++
		}
		for end > start && !isWordRune(rune(text[end-1])) && text[end-1] < 0x80 {
			end--
		}
		if start == end {
			continue
		}
		before, after := lastRune(text[:start]), firstRune(text[end:])
		if isWordRune(before) || isWordRune(after) {
			continue
		}
		b.WriteString(text[last:start])
		b.WriteString(ErasedText)
		last = end
	}
	b.WriteString(text[last:])
	return b.String()
}

func lastRune(s string) rune {
	rs := []rune(s)
	if len(rs) == 0 {
		return ' '
	}
	return rs[len(rs)-1]
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return ' '
}

// personValues collects every version of the person's identity the
// database holds: the visitor row and the snapshot on each of their
// visits (a corrected email or phone lives on in the older visits).
func personValues(ctx context.Context, tx *sql.Tx, old Visitor) ([]Guest, error) {
	gs := []Guest{old.Guest}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT v_name, v_id_number, v_email, v_phone, v_npwp FROM visits WHERE visitor_id = ?`, old.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var g Guest
		if err := rows.Scan(&g.Name, &g.IDNumber, &g.Email, &g.Phone, &g.NPWP); err != nil {
			return nil, err
		}
		gs = append(gs, g)
	}
	return gs, rows.Err()
}

// scrubFreeText replaces the person's identifiers in the free text of
// their visits (every column in freeText, and the follow-up notes of
// complaints about those visits), and their full name, ID number, email,
// phone and NPWP in complaints tied to no visit. It runs inside the
// erasure's transaction, before the snapshots are blanked.
func scrubFreeText(ctx context.Context, tx *sql.Tx, old Visitor) error {
	gs, err := personValues(ctx, tx, old)
	if err != nil {
		return fmt.Errorf("store: erase text: %w", err)
	}
	sc := newScrubber(gs)
	mine := `IN (SELECT id FROM visits WHERE visitor_id = ?)`
	for _, c := range freeText {
		if err := scrubRows(ctx, tx, sc, c.table, c.column, c.visit+` `+mine, true, old.ID); err != nil {
			return err
		}
	}
	if err := scrubRows(ctx, tx, sc, "complaint_followups", "note",
		`complaint_id IN (SELECT id FROM complaints WHERE visit_id `+mine+`)`, true, old.ID); err != nil {
		return err
	}
	if err := scrubRows(ctx, tx, sc, "complaints", "text", `visit_id IS NULL`, false); err != nil {
		return err
	}
	return scrubRows(ctx, tx, sc, "complaint_followups", "note",
		`complaint_id IN (SELECT id FROM complaints WHERE visit_id IS NULL)`, false)
}

// scrubRows rewrites column in the rows of table that where selects and
// whose text holds the person. Rows are matched by their text rather than
// a key, which works alike for tables with and without a rowid; equal
// texts scrub to equal texts.
func scrubRows(ctx context.Context, tx *sql.Tx, sc *scrubber, table, column, where string, withWords bool, args ...any) error {
	fail := func(err error) error { return fmt.Errorf("store: erase text %s.%s: %w", table, column, err) }
	rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT DISTINCT %s FROM %s WHERE %s AND %s <> ''`, column, table, where, column), args...)
	if err != nil {
		return fail(err)
	}
	changes := map[string]string{}
	for rows.Next() {
		var text string
		if err := rows.Scan(&text); err != nil {
			rows.Close()
			return fail(err)
		}
		if clean := sc.scrub(text, withWords); clean != text {
			changes[text] = clean
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	for text, clean := range changes {
		q := fmt.Sprintf(`UPDATE %s SET %s = ? WHERE %s = ? AND %s`, table, column, column, where)
		if _, err := tx.ExecContext(ctx, q, append([]any{clean, text}, args...)...); err != nil {
			return fail(err)
		}
	}
	return nil
}
