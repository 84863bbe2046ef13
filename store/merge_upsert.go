// How a merge copies one table's rows: the columns both files have, the
// upsert that writes only what changed, and the order rows are read in.

package store

import (
	"fmt"
	"strings"
)

// columns are the archive's columns of table that the source has too, and
// the archive's primary key.
func (m *merger) columns(table string) (cols, pk []string, err error) {
	rows, err := m.tx.QueryContext(m.ctx, `SELECT d.name, d.pk FROM pragma_table_info(?, 'main') d
		JOIN pragma_table_info(?, 'src') s ON s.name = d.name ORDER BY d.cid`, table, table)
	if err != nil {
		return nil, nil, mapErr(err)
	}
	defer rows.Close()
	type col struct {
		name string
		pk   int
	}
	var pks []col
	for rows.Next() {
		var c col
		if err := rows.Scan(&c.name, &c.pk); err != nil {
			return nil, nil, mapErr(err)
		}
		cols = append(cols, c.name)
		if c.pk > 0 {
			pks = append(pks, c)
		}
	}
	for i := 1; i <= len(pks); i++ {
		for _, c := range pks {
			if c.pk == i {
				pk = append(pk, c.name)
			}
		}
	}
	return cols, pk, mapErr(rows.Err())
}

// upsert copies table's rows: new ones are added, changed ones updated,
// equal ones left alone (the WHERE of DO UPDATE), so that a merge writes
// only what changed. An erased visitor is never written again.
func (m *merger) upsert(t mergeTable) error {
	cols, pk, err := m.columns(t.name)
	if err != nil {
		return err
	}
	if len(pk) == 0 {
		return fmt.Errorf("store: gabung: tabel %s tanpa kunci utama", t.name)
	}
	var sel, set, diff []string
	for _, c := range cols {
		q := quoteIdent(c)
		if c == "origin" {
			sel = append(sel, `(SELECT dst FROM temp.merge_origin WHERE src = s.origin)`)
		} else {
			sel = append(sel, "s."+q)
		}
		if !contains(pk, c) {
			set = append(set, q+" = excluded."+q)
			diff = append(diff, "t."+q+" IS NOT excluded."+q)
		}
	}
	where := "(" + strings.Join(diff, " OR ") + ")"
	if t.name == "visitors" {
		where += " AND t.erased_at IS NULL AND excluded.erased_at IS NULL"
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = quoteIdent(c)
	}
	qpk := make([]string, len(pk))
	for i, c := range pk {
		qpk[i] = quoteIdent(c)
	}
	var before, after int
	count := fmt.Sprintf(`SELECT count(*) FROM main.%s`, quoteIdent(t.name))
	if err := m.tx.QueryRowContext(m.ctx, count).Scan(&before); err != nil {
		return mapErr(err)
	}
	order, err := m.order(t.name, qpk)
	if err != nil {
		return err
	}
	q := fmt.Sprintf(`INSERT INTO main.%[1]s AS t (%[2]s) SELECT %[3]s FROM src.%[1]s s WHERE true%[7]s%[8]s
		ON CONFLICT (%[4]s) DO UPDATE SET %[5]s WHERE %[6]s`,
		quoteIdent(t.name), strings.Join(quoted, ", "), strings.Join(sel, ", "), strings.Join(qpk, ", "), strings.Join(set, ", "), where, m.only(t), order)
	res, err := m.exec(q)
	if err != nil {
		return m.conflict("tabel %s tidak dapat digabung (%v)", t.name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if err := m.tx.QueryRowContext(m.ctx, count).Scan(&after); err != nil {
		return mapErr(err)
	}
	m.r.Added += after - before
	m.r.Updated += int(n) - (after - before)
	return nil
}

// order is how table's rows are read from the source: as stored (a rowid
// table by rowid, which is the order its ULIDs were made in; a table
// WITHOUT ROWID by its key), except for a table whose rows refer to one
// another (invoices and billing_codes: replaced_by names the row that
// replaced this one, made after it and so with a later ULID), read newest
// first. The merge's foreign keys are deferred: a row inserted before the
// row it refers to counts as a pending violation, and while one is
// pending SQLite looks, for every row inserted after, for the rows
// referring to it, by a full scan of each referring column that has no
// index (replaced_by, payments.billing_id). Those scans grew with the
// archive: a second counter's decade took 88 s for its 8,805 billing
// codes. The order is for speed only: a row whose replacement is read
// after it is still a deferred violation that the replacement resolves
// before the commit.
func (m *merger) order(table string, qpk []string) (string, error) {
	var self bool
	if err := m.tx.QueryRowContext(m.ctx, `SELECT EXISTS (SELECT 1 FROM pragma_foreign_key_list(?, 'main') WHERE "table" = ?)`,
		table, table).Scan(&self); err != nil {
		return "", mapErr(err)
	}
	if !self {
		return "", nil
	}
	keys := make([]string, len(qpk))
	for i, k := range qpk {
		keys[i] = "s." + k + " DESC"
	}
	return " ORDER BY " + strings.Join(keys, ", "), nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
