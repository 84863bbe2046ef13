package store

import (
	"database/sql"
	"strings"
)

// auditTriggers are the triggers that make the audit table append-only, by
// the statement each must refuse.
var auditTriggers = map[string]string{"audit_no_update": "BEFORE UPDATE ON AUDIT", "audit_no_delete": "BEFORE DELETE ON AUDIT",
	"audit_seq": "AFTER INSERT ON AUDIT"}

// audit checks what can be verified of the audit trail from inside the file:
//
//   - the two triggers that refuse UPDATE and DELETE on it are present;
//   - each origin's rows are numbered 1…N without a gap: numbers are taken
//     inside the writing transaction, so a rolled-back save leaves no gap
//     (store/check_test.go shows it) and a gap means rows were deleted;
//   - the origin's counter (counters.audit_seq, kept by trigger audit_seq)
//     equals its last number: a lower last row means the newest rows were
//     deleted;
//   - rows marked personal hold no old or new value.
//
// A row edited, or rows removed and the numbering and counter rewritten,
// by someone who dropped the triggers and put them back with an SQLite
// tool, is the hash chain's to find (checker.chain, check_chain.go); one
// who recomputed the chain too is found only by a Kode integritas kept off
// the PC (VerifyCode): the file carries no signature.
func (c *checker) audit() {
	found := map[string]bool{}
	c.each("audit", `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'`, func(rows *sql.Rows) error {
		var name string
		var body sql.NullString
		if err := rows.Scan(&name, &body); err != nil {
			return err
		}
		norm := strings.ToUpper(strings.Join(strings.Fields(body.String), " "))
		if want, ok := auditTriggers[name]; ok && strings.Contains(norm, want) &&
			(strings.Contains(norm, "RAISE(ABORT") || strings.Contains(norm, "SET AUDIT_SEQ = NEW.SEQ")) {
			found[name] = true
		}
		return nil
	})
	for _, name := range []string{"audit_no_update", "audit_no_delete", "audit_seq"} {
		if !found[name] {
			c.add("audit", "pengaman jejak audit %s hilang atau diubah: jejak audit dapat diubah atau dihapus", name)
		}
	}
	// Each origin (counter) numbers its own rows 1…N (schema 2); counters
	// keeps the last number given, as sqlite_sequence did in schema 1.
	c.each("audit", `SELECT a.origin, count(*), min(a.seq), max(a.seq), coalesce(k.audit_seq, -1)
		FROM audit a LEFT JOIN counters k ON k.id = a.origin GROUP BY a.origin`, func(rows *sql.Rows) error {
		var origin, n, lo, hi, counter int64
		if err := rows.Scan(&origin, &n, &lo, &hi, &counter); err != nil {
			return err
		}
		c.r.AuditRows += int(n)
		if lo != 1 || hi != n {
			c.add("audit", "%d baris jejak audit loket %d hilang: nomor urut 1–%d hanya berisi %d baris", hi-n, origin, hi, n)
		}
		if counter < 0 {
			c.add("audit", "jejak audit loket %d tidak terdaftar di tabel loket (counters)", origin)
		} else if counter != hi {
			c.add("audit", "penghitung jejak audit loket %d: %d, baris terakhir nomor %d: baris terbaru telah dihapus", origin, counter, hi)
		}
		return nil
	})
	c.each("audit", `SELECT a.origin, a.seq + 1 FROM audit a WHERE a.seq < (SELECT max(b.seq) FROM audit b WHERE b.origin = a.origin)
		AND NOT EXISTS (SELECT 1 FROM audit b WHERE b.origin = a.origin AND b.seq = a.seq + 1) ORDER BY a.origin, a.seq LIMIT 5`, func(rows *sql.Rows) error {
		var origin, gap int64
		err := rows.Scan(&origin, &gap)
		c.add("audit", "baris jejak audit nomor %d tidak ada", gap)
		return err
	})
	c.each("audit", `SELECT k.id, k.audit_seq FROM counters k WHERE k.audit_seq > 0
		AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.origin = k.id)`, func(rows *sql.Rows) error {
		var origin, counter int64
		err := rows.Scan(&origin, &counter)
		c.add("audit", "penghitung jejak audit loket %d: %d, padahal tidak ada barisnya: jejak audit telah dihapus", origin, counter)
		return err
	})
	var leaked int
	if err := c.tx.QueryRowContext(c.ctx, `SELECT count(*) FROM audit WHERE personal = 1
		AND (old IS NOT NULL OR new IS NOT NULL)`).Scan(&leaked); err != nil {
		c.fail("audit", err)
	} else if leaked > 0 {
		c.add("audit", "%d baris jejak audit data pribadi memuat nilai, padahal hanya boleh mencatat bahwa data berubah", leaked)
	}
}
