package store

import (
	"database/sql"
	"errors"
	"fmt"

	"loket/store/chain"
	"loket/store/valid"
)

// chain verifies each counter's audit trail as a hash chain from its
// genesis (schema 3): every row's stored hash must be chain.Next of the
// previous row's and its own content, so a row edited, deleted or inserted
// anywhere, or renumbered, breaks it at that row. The first broken row of
// each counter is named; the rows after it cannot verify either and are not
// listed.
//
// A chain holds no secret: whoever edits rows and recomputes every later
// hash, or cuts the tail and lowers the counter, passes this check. What
// catches that is the Kode integritas in the day's workbook (VerifyCode,
// loket check --kode), kept away from the PC; see docs/reliability.md.
func (c *checker) chain() {
	const area = "rantai audit"
	var v *chain.Verifier
	var origin int64 = -1
	broken := false
	c.each(area, `SELECT `+chainRowSQL+`, a.hash, a.origin, `+counterLabelSQL+` FROM audit a JOIN counters k ON k.id = a.origin
		ORDER BY a.origin, a.seq`, func(rows *sql.Rows) error {
		var b []byte
		var o int64
		var label string
		r, err := scanChainRow(rows, &b, &o, &label)
		if err != nil {
			return err
		}
		if o != origin {
			origin, broken, v = o, false, chain.NewVerifier(r.Origin)
		}
		if broken {
			return nil
		}
		h, ok := hashOf(b)
		err = v.Add(r, h)
		if err == nil {
			return nil
		}
		broken = true
		var br *chain.Break
		if !errors.As(err, &br) {
			return err
		}
		msg := br.Msg
		if !ok {
			msg = "tidak memiliki sidik rantai yang sah (kolom hash kosong atau rusak)"
		}
		c.add(area, "jejak audit loket %s terputus di baris %d (%s): %s; baris sesudahnya tidak dapat dibuktikan utuh",
			label, r.Seq, c.auditRowName(r), msg)
		return nil
	})
}

// auditRowName names an audit row as the officer can look it up: its time
// in WIB, what it recorded, and the visit it belongs to when it is one.
func (c *checker) auditRowName(r chain.Row) string {
	what := r.Entity + " " + r.Action
	if r.Field != "" {
		what += " " + r.Field
	}
	if r.Entity == "visit" {
		what += ", " + c.visit(r.EntityID)
	}
	at := parseTime(r.At)
	if at.IsZero() {
		return fmt.Sprintf("waktu %q, %s", r.At, what)
	}
	return at.In(valid.WIB).Format("02-01-2006 15:04:05") + " WIB, " + what
}
