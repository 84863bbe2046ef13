package store_test

import (
	"strings"
	"testing"
)

// Sums that Check makes of stored amounts (a visit's lines, a day's cash
// before a hand-over) are overflow-checked: amounts edited so that their
// sum wraps around int64 to exactly the recorded figure are reported as a
// sum beyond what can be counted, never taken as matching.
func TestCheckSumsDoNotWrap(t *testing.T) {
	const max = "9223372036854775807"
	// a visit with exactly two lines, both counted
	twoLines := `(SELECT visit_id FROM items GROUP BY visit_id
		HAVING count(*) = 2 AND sum(available IS NULL OR available = 1) = 2 ORDER BY visit_id LIMIT 1)`
	// a hand-over whose day has at least two cash payments
	busy := `(SELECT h.id FROM handovers h WHERE (SELECT count(*) FROM payments p
		WHERE p.day = h.day AND p.method = 'Tunai') >= 2 ORDER BY h.day LIMIT 1)`
	for _, e := range []edit{
		{"a visit's lines sum past int64 to its total", []string{
			`UPDATE items SET amount = ` + max + ` WHERE visit_id = ` + twoLines,
			`UPDATE visits SET total = -2 WHERE id = ` + twoLines,
		}, "tarif", "jumlah produknya melampaui"},
		{"a day's cash sums past int64", []string{
			`UPDATE payments SET amount = ` + max + ` WHERE method = 'Tunai' AND day = (SELECT day FROM handovers WHERE id = ` + busy + `)`,
		}, "penyerahan kas", "melampaui"},
	} {
		t.Run(e.name, func(t *testing.T) {
			path := writeCopy(t, catalogueBytes(t))
			apply(t, path, e.sql)
			r := checkUnchanged(t, path)
			for _, p := range r.Problems {
				if p.Area == e.area && strings.Contains(p.Msg, e.want) {
					return
				}
			}
			t.Errorf("want %s: …%s…; got:\n%s", e.area, e.want, problems(r))
		})
	}
}
