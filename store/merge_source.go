package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
)

// mergeTable is a table whose rows travel in a merge, in foreign-key order,
// with how its owner (the counter that created the row) is known: "origin"
// (its origin column), "codes" (a visit's office and counter codes), "visit"
// (the visit it belongs to) or "complaint".
type mergeTable struct{ name, owner string }

var mergeTables = []mergeTable{
	{"officers", "origin"}, {"schedules", "origin"}, {"visitors", "origin"}, {"visits", "codes"},
	{"suspensions", "visit"}, {"visit_steps", "visit"}, {"items", "visit"}, {"documents", "visit"},
	{"billing_codes", "visit"}, {"invoices", "visit"}, {"payments", "visit"}, {"corrections", "visit"},
	{"ratings", "visit"}, {"complaints", "origin"}, {"complaint_followups", "complaint"}, {"handovers", "origin"},
}

// mergeSource merges one source in one transaction on one connection, the
// source attached read-only beside the archive. name is the source as the
// officer gave it, for messages: src may be its copy without identity.
func (a *Store) mergeSource(ctx context.Context, src, name string) (r MergeResult, err error) {
	r.Source = name
	if err := checkSource(ctx, src, mergeUntouched); err != nil {
		return r, err
	}
	if err := a.CheckFiles(ctx); err != nil {
		return r, err
	}
	conn, err := a.db.Conn(ctx)
	if err != nil {
		return r, mapErr(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS src`, sqliteURI(src, "mode=ro")); err != nil {
		return r, fmt.Errorf("%w: %s tidak dapat dibuka untuk dibaca (%v)", ErrNotLoket, src, mapErr(err))
	}
	// The merge's INSERT … SELECT of a whole table keeps its temporary
	// structures (the statement journal, sorts) in a temporary file that
	// is unlinked at once, not in memory as the store's temp_store(MEMORY)
	// would: one counter's ten demo years peaked at 373 MiB of RSS in
	// memory, 39 MiB with a file, for the same CPU (docs/benchmarks.md).
	// Set back before the connection returns to the pool; changing it
	// drops the temporary tables, which the merge has dropped by then.
	if _, err := conn.ExecContext(ctx, `PRAGMA temp_store = FILE`); err != nil {
		return r, mapErr(err)
	}
	defer func() {
		if _, derr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA temp_store = MEMORY`); derr != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	defer func() {
		if _, derr := conn.ExecContext(context.WithoutCancel(ctx), `DETACH DATABASE src`); derr != nil {
			// A connection still holding the source must not go back to the pool.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return r, mapErr(err)
	}
	defer tx.Rollback()
	a.shared.stamps.Store(tx, a.now())
	defer a.shared.stamps.Delete(tx)
	m := &merger{ctx: ctx, tx: tx, a: a, src: name, r: &r}
	if err := m.run(); err != nil {
		return r, err
	}
	if r.UpToDate || r.Older {
		return r, nil // nothing written; the rollback ends the read
	}
	if err := tx.Commit(); err != nil {
		return r, mapErr(err)
	}
	return r, nil
}

// checkSource refuses a source that is not a loket database of this
// schema, or is an archive, before it is attached. untouched ends each
// message: what was left as it was ("arsip tidak diubah" for a merge).
func checkSource(ctx context.Context, path, untouched string) error {
	db, err := openReadOnly(path)
	if err != nil {
		return fmt.Errorf("%w: sumber %s: %v", ErrNotLoket, path, err)
	}
	defer db.Close()
	var version, core, counters int
	err = db.QueryRowContext(ctx, `SELECT (SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN ('visits','meta')),
		(SELECT count(*) FROM sqlite_master WHERE type='table' AND name = 'counters')`).Scan(&version, &core, &counters)
	if err != nil {
		return fmt.Errorf("%w: sumber %s tidak dapat dibaca sebagai basis data SQLite (%v)", ErrNotLoket, path, mapErr(err))
	}
	// The schema version is read before the tables: a counter on an older
	// schema lacks tables of this one (counters came with schema 2) and
	// is told to upgrade, not that it is no loket database.
	switch {
	case version > SchemaVersion:
		return fmt.Errorf("%w: sumber %s ditulis oleh loket yang lebih baru (skema %d, program ini skema %d); perbarui loket dulu, %s",
			ErrMergeConflict, path, version, SchemaVersion, untouched)
	case version == 0 || core < 2:
		return fmt.Errorf("%w: sumber %s bukan basis data loket; %s", ErrNotLoket, path, untouched)
	case version < SchemaVersion:
		return fmt.Errorf("%w: sumber %s masih skema %d; jalankan loket upgrade --db %s di loketnya dulu (program ini skema %d), %s",
			ErrMergeConflict, path, version, path, SchemaVersion, untouched)
	case counters == 0:
		return fmt.Errorf("%w: sumber %s bukan basis data loket (tanpa tabel counters); %s", ErrNotLoket, path, untouched)
	}
	if is, err := isArchive(ctx, db); err != nil {
		return err
	} else if is {
		return fmt.Errorf("%w: sumber %s adalah arsip gabungan, bukan basis data loket; yang digabung atau disalin adalah basis data tiap loket, %s", ErrMergeConflict, path, untouched)
	}
	return nil
}

// merger is one source's merge, inside its transaction.
type merger struct {
	ctx context.Context
	tx  *sql.Tx
	a   *Store
	src string
	r   *MergeResult
	// touched is set when this counter was merged before: a visit's rows
	// are then read only for the visits whose audit rows are past the last
	// sequence merged (every change to a closed visit, and its close, is
	// audited under it) and the open ones saved since (mergeProgressed);
	// the counter's own tables (officers, schedules, visitors, complaints
	// and their follow-ups, hand-overs) only for the records whose audit
	// rows are past it (every insert and update of them writes one under
	// the record's ID).
	touched bool
}

// mergeProgressed lists the visits open in the archive that the source has
// saved since: a step's first save is not an audit row of its own
// (visit_seal.go), so an open visit can move on while the trail does not.
// More steps recorded counts (a first save records its step, so a clock
// set back between two merges does not hide it), and so does a later save
// with as many (a line handed over of several); a copy older than what was
// merged, with fewer steps recorded, leaves the archive's visit as it is,
// whatever its clock said.
const mergeProgressed = `SELECT s.id FROM main.visits d JOIN src.visits s ON s.id = d.id
	WHERE d.status = 'Berjalan' AND (` + srcSteps + ` > ` + dstSteps + `
		OR (` + srcSteps + ` = ` + dstSteps + ` AND s.updated_at > d.updated_at))`

// srcSteps and dstSteps count an open visit's steps recorded in the source
// and in the archive (by the key's prefix).
const (
	srcSteps = `(SELECT count(*) FROM src.visit_steps x WHERE x.visit_id = d.id AND x.state <> 'pending')`
	dstSteps = `(SELECT count(*) FROM main.visit_steps x WHERE x.visit_id = d.id AND x.state <> 'pending')`
)

// only restricts a visit's tables to the touched visits.
func (m *merger) only(t mergeTable) string {
	if !m.touched {
		return ""
	}
	switch t.owner {
	case "codes":
		return " AND s.id IN (SELECT id FROM temp.merge_touched)"
	case "visit":
		return " AND s.visit_id IN (SELECT id FROM temp.merge_touched)"
	case "origin":
		return " AND s.id IN (SELECT id FROM temp.merge_touched_own)"
	case "complaint":
		return " AND s.complaint_id IN (SELECT id FROM temp.merge_touched_own)"
	}
	return ""
}

func (m *merger) exec(q string, args ...any) (sql.Result, error) {
	res, err := m.tx.ExecContext(m.ctx, q, args...)
	return res, mapErr(err)
}

// mergeUntouched ends a merge's refusal.
const mergeUntouched = "arsip tidak diubah"

func (m *merger) conflict(format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s; "+mergeUntouched, ErrMergeConflict, m.src, fmt.Sprintf(format, args...))
}

func (m *merger) run() error {
	if _, err := m.exec(`PRAGMA defer_foreign_keys = ON`); err != nil {
		return err
	}
	fresh, err := m.mapOrigins()
	if err != nil {
		return err
	}
	if err := m.identity(); err != nil {
		return err
	}
	if err := m.forks(); err != nil {
		return err
	}
	if !fresh {
		var newer, older, progressed int
		if err := m.tx.QueryRowContext(m.ctx, `SELECT count(*) FILTER (WHERE o.upto > o.seen), count(*) FILTER (WHERE o.upto < o.seen),
			(SELECT count(*) FROM (`+mergeProgressed+`)) FROM temp.merge_origin o`).Scan(&newer, &older, &progressed); err != nil {
			return mapErr(err)
		}
		switch {
		case older > 0:
			m.r.Older = true
			return nil
		case newer == 0 && progressed == 0:
			m.r.UpToDate = true
			return nil
		}
		if _, err := m.exec(`DROP TABLE IF EXISTS temp.merge_touched`); err != nil {
			return err
		}
		if _, err := m.exec(`CREATE TEMP TABLE merge_touched AS SELECT s.entity_id AS id FROM src.audit s
			JOIN temp.merge_origin o ON o.src = s.origin WHERE s.seq > o.seen AND s.entity = 'visit'
			UNION ` + mergeProgressed); err != nil {
			return err
		}
		if _, err := m.exec(`DROP TABLE IF EXISTS temp.merge_touched_own`); err != nil {
			return err
		}
		if _, err := m.exec(`CREATE TEMP TABLE merge_touched_own AS SELECT DISTINCT s.entity_id AS id FROM src.audit s
			JOIN temp.merge_origin o ON o.src = s.origin WHERE s.seq > o.seen
			AND s.entity IN ('visitor', 'officer', 'schedule', 'complaint', 'handover')`); err != nil {
			return err
		}
		m.touched = true
	}
	if err := m.conflicts(); err != nil {
		return err
	}
	for _, t := range mergeTables {
		if err := m.upsert(t); err != nil {
			return err
		}
	}
	if err := m.terms(); err != nil {
		return err
	}
	if err := m.audit(); err != nil {
		return err
	}
	if err := m.erasures(); err != nil {
		return err
	}
	if err := m.links(); err != nil { // merge_links.go
		return err
	}
	if _, err := m.exec(`DROP TABLE IF EXISTS temp.merge_touched`); err != nil {
		return err
	}
	if _, err := m.exec(`DROP TABLE IF EXISTS temp.merge_touched_own`); err != nil {
		return err
	}
	_, err = m.exec(`DROP TABLE temp.merge_origin`)
	return err
}

// mapOrigins maps each counter of the source to the archive's, by its uid,
// adding the ones new to the archive. fresh is true when one was added.
func (m *merger) mapOrigins() (fresh bool, err error) {
	if _, err := m.exec(`DROP TABLE IF EXISTS temp.merge_origin`); err != nil {
		return false, err
	}
	if _, err := m.exec(`CREATE TEMP TABLE merge_origin (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL, seen INTEGER NOT NULL, upto INTEGER NOT NULL)`); err != nil {
		return false, err
	}
	type counter struct {
		id, upto  int64
		uid, code string
		office    string
	}
	var cs []counter
	// upto is the last audit row of the counter's own: in a copy without
	// identity, the row before the copy's erasures (identityFreeKey).
	rows, err := m.tx.QueryContext(m.ctx, `SELECT id, uid, office_code, counter_code,
		coalesce((SELECT CAST(value AS INTEGER) FROM src.meta WHERE key = ? || uid), audit_seq) FROM src.counters ORDER BY id`, identityFreeKey)
	if err != nil {
		return false, mapErr(err)
	}
	for rows.Next() {
		var c counter
		if err := rows.Scan(&c.id, &c.uid, &c.office, &c.code, &c.upto); err != nil {
			rows.Close()
			return false, mapErr(err)
		}
		cs = append(cs, c)
	}
	if err := rows.Close(); err != nil {
		return false, mapErr(err)
	}
	if len(cs) == 0 {
		return false, fmt.Errorf("%w: sumber %s tidak punya tabel loket (counters) yang berisi; arsip tidak diubah", ErrNotLoket, m.src)
	}
	for i, c := range cs {
		if i == 0 {
			m.r.Counter = c.office + "/" + c.code
		}
		var dst, seen int64
		var uid string
		err := m.tx.QueryRowContext(m.ctx, `SELECT id, uid, audit_seq FROM main.counters WHERE uid = ? OR (office_code = ? AND counter_code = ?)
			ORDER BY uid = ? DESC LIMIT 1`, c.uid, c.office, c.code, c.uid).Scan(&dst, &uid, &seen)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			res, err := m.exec(`INSERT INTO main.counters (uid, office_code, counter_code) VALUES (?, ?, ?)`, c.uid, c.office, c.code)
			if err != nil {
				return false, err
			}
			if dst, err = res.LastInsertId(); err != nil {
				return false, err
			}
			fresh = true
		case err != nil:
			return false, mapErr(err)
		case uid != c.uid:
			return false, m.conflict("loket %s/%s sudah ada di arsip dari basis data loket lain (identitas loket berbeda); dua loket tidak boleh memakai kode kantor dan kode loket yang sama — ubah kode loket di salah satunya", c.office, c.code)
		}
		if _, err := m.exec(`INSERT INTO temp.merge_origin (src, dst, seen, upto) VALUES (?, ?, ?, ?)`, c.id, dst, seen, c.upto); err != nil {
			return false, err
		}
	}
	return fresh, nil
}

// terms replaces the search terms of the source's visitors with the
// source's own (a corrected name has new terms; an erased one none).
func (m *merger) terms() error {
	visitors := "(SELECT id FROM src.visitors)"
	if m.touched {
		visitors = "(SELECT id FROM temp.merge_touched_own)"
	}
	if _, err := m.exec(`DELETE FROM main.visitor_terms WHERE visitor_id IN ` + visitors + `
		AND visitor_id NOT IN (SELECT id FROM main.visitors WHERE erased_at IS NOT NULL)
		AND (term, visitor_id) NOT IN (SELECT term, visitor_id FROM src.visitor_terms)`); err != nil {
		return err
	}
	_, err := m.exec(`INSERT OR IGNORE INTO main.visitor_terms (term, visitor_id) SELECT s.term, s.visitor_id FROM src.visitor_terms s
		JOIN main.visitors v ON v.id = s.visitor_id WHERE v.erased_at IS NULL AND s.visitor_id IN ` + visitors)
	return err
}

// audit appends each origin's trail past the last sequence merged, and
// keeps that origin's counter where the source's stands.
func (m *merger) audit() error {
	cols, _, err := m.columns("audit")
	if err != nil {
		return err
	}
	var sel, quoted []string
	for _, c := range cols {
		quoted = append(quoted, quoteIdent(c))
		if c == "origin" {
			sel = append(sel, "o.dst")
		} else {
			sel = append(sel, "s."+quoteIdent(c))
		}
	}
	res, err := m.exec(fmt.Sprintf(`INSERT INTO main.audit (%s) SELECT %s FROM src.audit s JOIN temp.merge_origin o ON o.src = s.origin
		WHERE s.seq > o.seen AND s.seq <= o.upto ORDER BY s.origin, s.seq`, strings.Join(quoted, ", "), strings.Join(sel, ", ")))
	if err != nil {
		return m.conflict("jejak audit tidak dapat digabung (%v)", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	m.r.Audit = int(n)
	_, err = m.exec(`UPDATE main.counters SET audit_seq = (SELECT o.upto FROM temp.merge_origin o WHERE o.dst = main.counters.id)
		WHERE id IN (SELECT dst FROM temp.merge_origin) AND audit_seq < (SELECT o.upto FROM temp.merge_origin o WHERE o.dst = main.counters.id)`)
	return err
}

// erasures applies the source's erasures to the archive through the
// store's own erasure (eraseVisitor), then records them as the source's.
func (m *merger) erasures() error {
	rows, err := m.tx.QueryContext(m.ctx, `SELECT s.visitor_id FROM src.erasures s JOIN main.visitors v ON v.id = s.visitor_id
		WHERE v.erased_at IS NULL ORDER BY s.visitor_id`)
	if err != nil {
		return mapErr(err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return mapErr(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Close(); err != nil {
		return mapErr(err)
	}
	view := &Store{db: m.a.db, path: m.a.path, now: m.a.now, ids: m.a.ids, shared: m.a.shared, batch: m.tx}
	for _, id := range ids {
		if err := view.eraseVisitor(m.ctx, "", id); err != nil {
			return err
		}
	}
	m.r.Erased = len(ids)
	_, err = m.exec(`INSERT INTO main.erasures AS t (visitor_id, origin, erased_at, officer_id)
		SELECT s.visitor_id, o.dst, s.erased_at, s.officer_id FROM src.erasures s JOIN temp.merge_origin o ON o.src = s.origin WHERE true
		ON CONFLICT (visitor_id) DO UPDATE SET origin = excluded.origin, erased_at = excluded.erased_at, officer_id = excluded.officer_id
		WHERE t.origin IS NOT excluded.origin OR t.erased_at IS NOT excluded.erased_at OR t.officer_id IS NOT excluded.officer_id`)
	return err
}
