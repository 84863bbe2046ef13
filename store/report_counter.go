// The counter of each report row, read only from an archive of several counters.

package store

import (
	"database/sql"
	"fmt"
	"strings"
)

// visitCounterSQL is the origin of a visit and of what travels with it
// (product lines, payments, ratings): the office and counter codes the
// visit carries, "1906/A". A merge keeps them and decides by them which
// counter owns the visit.
const visitCounterSQL = `v.office_code || '/' || v.counter_code`

// originCounterSQL is the origin of a record with an origin column
// (complaints, cash hand-overs), as visitCounterSQL; ORIGIN is replaced
// by the column.
const originCounterSQL = `(SELECT ` + counterLabelSQL + ` FROM counters k WHERE k.id = ORIGIN)`

// withCounter adds a last column, the record's counter, to a report
// query: the archive's form of it (Report.Archive). col is inserted
// before the query's first line-leading FROM.
func withCounter(query, col string) string {
	i := strings.Index(query, "\n\tFROM ")
	return query[:i] + ", " + col + query[i:]
}

const reportDeclinedByCounterQuery = `SELECT (SELECT ` + visitCounterSQL + ` FROM visits v WHERE v.id = r.visit_id), count(*)
	FROM ratings r WHERE r.day BETWEEN ? AND ? AND r.declined = 1 GROUP BY 1`

// DeclinedByCounter counts the declined surveys of the period per counter
// of the visit ("1906/A" → n); on an archive, where a visit's counter is
// read (Report.Archive).
func (r *Report) DeclinedByCounter() (map[string]int, error) {
	return r.countsByCounter("declined ratings", reportDeclinedByCounterQuery)
}

const reportComplaintsByCounterQuery = `SELECT (SELECT ` + counterLabelSQL + ` FROM counters k WHERE k.id = c.origin), count(*)
	FROM complaints c WHERE c.day BETWEEN ? AND ? GROUP BY 1`

// ComplaintsByCounter counts the complaints received in the period per
// counter that recorded them ("1906/A" → n).
func (r *Report) ComplaintsByCounter() (map[string]int, error) {
	return r.countsByCounter("complaints", reportComplaintsByCounterQuery)
}

func (r *Report) countsByCounter(what, query string) (map[string]int, error) {
	out := map[string]int{}
	err := r.each("report "+what+" per loket", query, func(sc scanner) error {
		var label sql.NullString
		var n int
		if err := sc.Scan(&label, &n); err != nil {
			return err
		}
		out[label.String] += n
		return nil
	})
	return out, err
}

const reportCountersQuery = `SELECT ` + counterLabelSQL + ` FROM counters k WHERE k.counter_code <> '` + archiveCounterCode + `'
	ORDER BY k.office_code, k.counter_code`

// Counters lists the counters whose records the database holds, by office
// and counter code ("1906/A"): on an archive, every counter merged into it
// (the archive's own row is none); on a counter's database, itself.
func (r *Report) Counters() ([]string, error) {
	rows, err := r.tx.QueryContext(r.ctx, reportCountersQuery)
	if err != nil {
		return nil, fmt.Errorf("store: report counters: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("store: report counters: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
