package store

import (
	"context"
	"strings"
	"testing"
)

// planOf returns SQLite's query plan, one detail per line.
func planOf(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, query)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		b.WriteString(detail + "\n")
	}
	return b.String()
}

// PlannedQueries lists the queries the home screen, the visitor lookup and
// the search run, with sample arguments. A full scan of a table that grows
// with the years is a defect: these must stay index lookups.
var plannedQueries = []struct {
	name  string
	query string
	args  []any
}{
	{"day stats: visits", `SELECT status, arrived_at, finished_at, suspended_secs FROM visits WHERE day = ?`, []any{"2026-11-26"}},
	{"day stats: payments", `SELECT coalesce(sum(amount),0) FROM payments WHERE day = ?`, []any{"2026-11-26"}},
	{"day stats: ratings", `SELECT count(*), coalesce(sum(u1),0) FROM ratings WHERE declined = 0 AND day = ?`, []any{"2026-11-26"}},
	{"open visits", `SELECT v.id, (SELECT min(step) FROM visit_steps st WHERE st.visit_id = v.id AND st.state NOT IN ('done','na'))
		FROM visits v LEFT JOIN billing_codes b ON b.visit_id = v.id AND b.status = 'aktif'
		WHERE v.status = 'Berjalan' ORDER BY v.arrived_at`, nil},
	{"lookup by word", `SELECT v.id FROM visitor_terms t JOIN visitors v ON v.id = t.visitor_id
		WHERE t.term >= ? AND t.term < ? AND v.erased_at IS NULL
		AND v.id IN (SELECT visitor_id FROM visitor_terms WHERE term >= ? AND term < ?)
		GROUP BY v.id ORDER BY max(v.updated_at) DESC LIMIT ?`, []any{"siti", "siti\U0010FFFF", "am", "am\U0010FFFF", 10}},
	{"visits of a visitor", `SELECT count(*), coalesce(max(day),'') FROM visits WHERE visitor_id = ?`, []any{"X"}},
	{"search invoice number", `SELECT visit_id FROM invoices WHERE number >= ? AND number < ?`, []any{"KW/1906", "KW/1906\U0010FFFF"}},
	{"search billing code", `SELECT visit_id FROM billing_codes WHERE code = ?`, []any{"820261126000001"}},
	{"search NTPN", `SELECT visit_id FROM payments WHERE ntpn = ? AND ntpn <> ''`, []any{"1234567890ABCDEF"}},
	{"load visit steps", `SELECT step, state FROM visit_steps WHERE visit_id = ?`, []any{"X"}},
	{"load items", `SELECT id FROM items WHERE visit_id = ? ORDER BY seq`, []any{"X"}},
	{"queue number", `SELECT coalesce(max(queue_no),0)+1 FROM visits WHERE office_code = ? AND counter_code = ? AND day = ?`, []any{"1906", "A", "2026-11-26"}},
	{"invoice number", `SELECT coalesce(max(seq),0)+1 FROM invoices WHERE kind = ? AND office_code = ? AND counter_code = ? AND year = ? AND month = ?`, []any{"invoice", "1906", "A", 2026, 11}},
}

func TestQueriesUseIndexes(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepFinish)
	for _, q := range plannedQueries {
		plan := planOf(t, f.s, q.query, q.args...)
		for _, line := range strings.Split(plan, "\n") {
			if strings.HasPrefix(line, "SCAN ") && !strings.Contains(line, "USING") {
				t.Errorf("%s: full scan %q\n%s", q.name, line, plan)
			}
		}
	}
}
