package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"
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

// plannedQueries lists the queries the home screen, the visitor lookup,
// the search and the export run, with sample arguments. A full scan of a table that grows
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
	{"search billing code", `SELECT visit_id, 'Kode billing ' || code AS matched FROM billing_codes WHERE code >= ? AND code < ?`, []any{"8202611", "8202611\U0010FFFF"}},
	{"visit by queue number", `SELECT id FROM visits WHERE day = ? AND counter_code = ? AND queue_no = ?`, []any{"2026-11-26", "A", 3}},
	{"search NTPN", `SELECT visit_id, 'NTPN ' || ntpn AS matched FROM payments WHERE ntpn >= ? AND ntpn < ? AND ntpn <> ''`, []any{"1234567", "1234567\U0010FFFF"}},
	{"load visit steps", `SELECT step, state FROM visit_steps WHERE visit_id = ?`, []any{"X"}},
	{"load items", `SELECT id FROM items WHERE visit_id = ? ORDER BY seq`, []any{"X"}},
	{"queue number", `SELECT coalesce(max(queue_no),0)+1 FROM visits WHERE office_code = ? AND counter_code = ? AND day = ?`, []any{"1906", "A", "2026-11-26"}},
	{"invoice number", `SELECT coalesce(max(seq),0)+1 FROM invoices WHERE kind = ? AND office_code = ? AND counter_code = ? AND year = ? AND month = ?`, []any{"invoice", "1906", "A", 2026, 11}},
	{"lookup: how broad a word is", `SELECT count(*) FROM (SELECT 1 FROM visitor_terms WHERE term >= ? AND term < ? LIMIT ?)`, []any{"19", "19\U0010FFFF", broadTerms}},
	{"lookup by one broad word", `SELECT v.id FROM visitors v WHERE v.erased_at IS NULL
		AND EXISTS (SELECT 1 FROM visitor_terms t WHERE t.visitor_id = v.id AND t.term >= ? AND t.term < ?)
		ORDER BY v.id DESC LIMIT ?`, []any{"19", "19\U0010FFFF", 4}},
	{"lookup by broad words", `SELECT v.id FROM visitors v WHERE v.erased_at IS NULL AND v.id IN (
		SELECT visitor_id FROM visitor_terms WHERE term >= ? AND term < ? INTERSECT
		SELECT visitor_id FROM visitor_terms WHERE term >= ? AND term < ?) ORDER BY v.updated_at DESC LIMIT ?`,
		[]any{"siti", "siti\U0010FFFF", "a", "a\U0010FFFF", 4}},
	{"schedule in force", `SELECT id, body FROM schedules WHERE effective <= ? ORDER BY effective DESC, installed_at DESC LIMIT 1`, []any{"2026-11-26"}},
	{"resume a suspended visit", `UPDATE suspensions SET ended_at = ? WHERE visit_id = ? AND ended_at IS NULL`, []any{"2026-11-26T02:00:00.000000Z", "X"}},
	{"billing code used elsewhere", `SELECT count(*) FROM billing_codes WHERE code = ? AND visit_id <> ?`, []any{"820261126000001", "X"}},
	{"cancel active billing codes", `UPDATE billing_codes SET status = 'dibatalkan' WHERE visit_id = ? AND status = 'aktif'`, []any{"X"}},
	{"audit of a record", `SELECT at, action FROM audit WHERE entity_id = ? ORDER BY seq`, []any{"X"}},
	{"last change", lastChangeQuery, nil},
	{"next audit number", `SELECT audit_seq + 1 FROM counters WHERE id = 1`, nil},
	{"erase: visits of a visitor", `UPDATE invoices SET payer = 'x' WHERE payer <> '' AND visit_id IN (SELECT id FROM visits WHERE visitor_id = ?)`, []any{"X"}},
	{"erase: terms", `DELETE FROM visitor_terms WHERE visitor_id = ?`, []any{"X"}},
	// The export reads a period through the day indexes (report.go).
	{"report: visits", reportVisitsQuery, reportPeriod},
	{"report: items", reportItemsQuery, reportPeriod},
	{"report: payments", reportPaymentsQuery, reportPeriod},
	{"report: ratings", reportRatingsQuery, reportPeriod},
	{"report: declined", reportDeclinedQuery, reportPeriod},
	{"report: complaints", reportComplaintsQuery, reportPeriod},
	{"report: handovers", reportHandoversQuery, reportPeriod},
	// On an archive the same queries read each record's counter too.
	{"archive report: visits", reportVisitsArchiveQuery, reportPeriod},
	{"archive report: items", reportItemsArchiveQuery, reportPeriod},
	{"archive report: payments", reportPaymentsArchiveQuery, reportPeriod},
	{"archive report: ratings", reportRatingsArchiveQuery, reportPeriod},
	{"archive report: declined", reportDeclinedByCounterQuery, reportPeriod},
	{"archive report: complaints", reportComplaintsArchiveQuery, reportPeriod},
	{"archive report: complaints per counter", reportComplaintsByCounterQuery, reportPeriod},
	{"archive report: handovers", reportHandoversArchiveQuery, reportPeriod},
}

// reportPeriod is a sample period of the report queries.
var reportPeriod = []any{"2026-11-01", "2026-11-26"}

func TestQueriesUseIndexes(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepFinish)
	for _, q := range plannedQueries {
		plan := planOf(t, f.s, q.query, q.args...)
		for _, line := range strings.Split(plan, "\n") {
			// SCAN (subquery-N) walks a result already narrowed by an
			// index; SCAN of a table without USING reads all of it.
			// SCAN CONSTANT ROW is a SELECT without FROM, reading no table.
			if strings.HasPrefix(line, "SCAN ") && !strings.HasPrefix(line, "SCAN (") && !strings.Contains(line, "USING") &&
				line != "SCAN CONSTANT ROW" {
				t.Errorf("%s: full scan %q\n%s", q.name, line, plan)
			}
		}
	}
}

// TestLookupBroadWords checks the lookup on words too broad to search
// through the terms (more than broadTerms share the prefix): every word
// must still match, the newest come first and an erased visitor is never
// offered.
func TestLookupBroadWords(t *testing.T) {
	f := newFixture(t)
	var ids []string
	f.must(f.s.write(f.ctx, func(tx *sql.Tx) error {
		for i := range broadTerms + 20 {
			g := Guest{IDType: "KTP", Name: fmt.Sprintf("Budi Santoso %c", 'a'+i%26), Category: "Swasta",
				IDNumber: fmt.Sprintf("1906%012d", i), Email: fmt.Sprintf("budi%d@example.com", i)}
			if i == 100 {
				g.Name = "Siti Aminah"
			}
			f.clock.Add(time.Second)
			id, err := f.s.upsertVisitor(f.ctx, tx, f.off, "", g)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	}))
	newest := ids[len(ids)-1]
	f.must(f.s.EraseVisitor(f.ctx, f.off, newest))

	vs, err := f.s.FindVisitors(f.ctx, "19", 4)
	f.must(err)
	if len(vs) != 4 || vs[0].ID != ids[len(ids)-2] || vs[3].ID != ids[len(ids)-5] {
		t.Errorf("broad word: got %d, want the 4 newest not erased", len(vs))
	}
	for _, q := range []string{"budi 1906", "budi santoso 1906000000000100", "si am"} {
		vs, err = f.s.FindVisitors(f.ctx, q, 4)
		f.must(err)
		for _, v := range vs {
			if v.ID == newest {
				t.Errorf("%q offers the erased visitor", q)
			}
		}
		if q == "si am" && (len(vs) != 1 || vs[0].Guest.Name != "Siti Aminah") {
			t.Errorf("%q: %+v", q, vs)
		}
		if q == "budi santoso 1906000000000100" && len(vs) != 0 {
			t.Errorf("%q matched %d, want none (visitor 100 is Siti)", q, len(vs))
		}
	}
}

// The period recap's queries (period.go) go through the same day indexes.
func init() {
	for _, q := range []struct{ name, query string }{
		{"recap: visit days", periodVisitDaysQuery},
		{"recap: service time", periodServiceQuery},
		{"recap: payment days", periodPaymentDaysQuery},
		{"recap: handover days", periodHandoverDaysQuery},
		{"recap: pnbp by code", periodPNBPCodeQuery},
		{"recap: pnbp by method", periodPNBPMethodQuery},
		{"recap: pnbp by category", periodPNBPCategoryQuery},
		{"recap: respondent ages", periodRespondentAgeQuery},
		{"recap: kinds", periodKindsQuery},
		{"recap: population", periodPopulationQuery},
		{"recap: saran", periodSaranQuery},
		{"recap: complaints", periodComplaintGroupsQuery},
		{"recap: resolutions", periodResolutionsQuery},
		{"recap: receipts", periodReceiptsQuery},
		{"recap: visits by kategori", `SELECT v_inst_category, count(*), 0 FROM visits WHERE day BETWEEN ? AND ? GROUP BY v_inst_category`},
		{"recap: respondents by kelamin", `SELECT v.v_gender, count(*), 0 FROM ratings x JOIN visits v ON v.id = x.visit_id
			WHERE x.day BETWEEN ? AND ? AND x.declined = 0 GROUP BY v.v_gender`},
	} {
		plannedQueries = append(plannedQueries, struct {
			name  string
			query string
			args  []any
		}{q.name, q.query, reportPeriod})
	}
	plannedQueries = append(plannedQueries, struct {
		name  string
		query string
		args  []any
	}{"recap: visitors", periodVisitorsQuery, []any{"2026-11-01", "2026-11-01", "2026-11-26"}},
		struct {
			name  string
			query string
			args  []any
		}{"recap: schedule of a code", periodScheduleQuery, []any{"01ABC"}})
}

// TestEveryIndexUsed fails on an index that no planned query uses: an
// index nobody reads costs bytes and write time on every row (schema 2
// dropped those). Indexes SQLite makes for UNIQUE and PRIMARY KEY
// constraints are constraints, not choices, and are left out.
func TestEveryIndexUsed(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepFinish)
	var plans strings.Builder
	for _, q := range plannedQueries {
		plans.WriteString(planOf(t, f.s, q.query, q.args...))
	}
	rows, err := f.s.db.Query(`SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(plans.String(), "INDEX "+name+" ") && !strings.Contains(plans.String(), "INDEX "+name+"\n") {
			t.Errorf("index %s is used by no planned query: add the query that needs it to plannedQueries, or drop it in a migration", name)
		}
	}
}
