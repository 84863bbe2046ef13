package store

import (
	"database/sql"
	"fmt"
)

// originTables are the schema-2 tables whose rows carry the counter that
// created them in an origin column. ALTER TABLE could not declare it a
// foreign key (see 0002_origin_footprint.sql), so foreign_key_check does
// not look at it and check does.
var originTables = []string{"officers", "visitors", "schedules", "complaints", "handovers"}

// origins finds rows whose origin names no counter in counters: a merge
// or a restore would not know which counter they came from, and their
// audit rows would be looked for in a trail that does not exist.
func (c *checker) origins() {
	if c.r.Version < 2 {
		return
	}
	for _, table := range originTables {
		c.each("loket asal", fmt.Sprintf(`SELECT origin, count(*) FROM %s
			WHERE origin NOT IN (SELECT id FROM counters) GROUP BY origin ORDER BY origin`, quoteIdent(table)), func(rows *sql.Rows) error {
			var origin, n int64
			if err := rows.Scan(&origin, &n); err != nil {
				return err
			}
			c.add("loket asal", "tabel %s: %d baris berasal dari loket %d, yang tidak terdaftar di tabel loket (counters)", table, n, origin)
			return nil
		})
	}
}
