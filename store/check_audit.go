package store

import (
	"database/sql"
	"strings"
)

// auditTriggers are the triggers that make the audit table append-only, by
// the statement each must refuse.
var auditTriggers = map[string]string{"audit_no_update": "BEFORE UPDATE ON AUDIT", "audit_no_delete": "BEFORE DELETE ON AUDIT"}

// audit checks what can be verified of the audit trail from inside the file:
//
//   - the two triggers that refuse UPDATE and DELETE on it are present;
//   - the rows are numbered 1…N without a gap: AUTOINCREMENT numbers are
//     taken inside the writing transaction, so a rolled-back save leaves no
//     gap (store/check_test.go shows it) and a gap means rows were deleted;
//   - SQLite's AUTOINCREMENT counter (sqlite_sequence) equals the last
//     number: a lower last row means the newest rows were deleted;
//   - rows marked personal hold no old or new value.
//
// It cannot show that a row was edited, or that rows were removed and the
// numbering and counter rewritten, by someone who dropped the triggers and
// put them back with a SQLite tool: the file carries no signature. The
// trail guards against mistakes and casual edits, not a determined editor.
func (c *checker) audit() {
	found := map[string]bool{}
	c.each("audit", `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'`, func(rows *sql.Rows) error {
		var name string
		var body sql.NullString
		if err := rows.Scan(&name, &body); err != nil {
			return err
		}
		norm := strings.ToUpper(strings.Join(strings.Fields(body.String), " "))
		if want, ok := auditTriggers[name]; ok && strings.Contains(norm, want) && strings.Contains(norm, "RAISE(ABORT") {
			found[name] = true
		}
		return nil
	})
	for _, name := range []string{"audit_no_update", "audit_no_delete"} {
		if !found[name] {
			c.add("audit", "pengaman jejak audit %s hilang atau diubah: jejak audit dapat diubah atau dihapus", name)
		}
	}
	var n, lo, hi int64
	if err := c.tx.QueryRowContext(c.ctx, `SELECT count(*), coalesce(min(seq), 0), coalesce(max(seq), 0) FROM audit`).Scan(&n, &lo, &hi); err != nil {
		c.fail("audit", err)
		return
	}
	c.r.AuditRows = int(n)
	if n > 0 && (lo != 1 || hi != n) {
		c.add("audit", "%d baris jejak audit hilang: nomor urut 1–%d hanya berisi %d baris", hi-n, hi, n)
		c.each("audit", `SELECT a.seq + 1 FROM audit a WHERE a.seq < (SELECT max(seq) FROM audit)
			AND NOT EXISTS (SELECT 1 FROM audit b WHERE b.seq = a.seq + 1) ORDER BY a.seq LIMIT 5`, func(rows *sql.Rows) error {
			var gap int64
			err := rows.Scan(&gap)
			c.add("audit", "baris jejak audit nomor %d tidak ada", gap)
			return err
		})
	}
	var counter sql.NullInt64
	err := c.tx.QueryRowContext(c.ctx, `SELECT seq FROM sqlite_sequence WHERE name = 'audit'`).Scan(&counter)
	if err != nil && err != sql.ErrNoRows {
		c.fail("audit", err)
		return
	}
	if counter.Int64 != hi {
		c.add("audit", "penghitung jejak audit %d, baris terakhir nomor %d: baris terbaru telah dihapus", counter.Int64, hi)
	}
	var leaked int
	if err := c.tx.QueryRowContext(c.ctx, `SELECT count(*) FROM audit WHERE personal = 1
		AND (old IS NOT NULL OR new IS NOT NULL)`).Scan(&leaked); err != nil {
		c.fail("audit", err)
	} else if leaked > 0 {
		c.add("audit", "%d baris jejak audit data pribadi memuat nilai, padahal hanya boleh mencatat bahwa data berubah", leaked)
	}
}
