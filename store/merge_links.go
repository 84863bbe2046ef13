// Visitors seen at two counters, linked in an archive.

package store

import "database/sql"

// links keeps an archive's links (visitor_links, schema 5) for the
// source's visitors: each visitor with an ID number is linked, both ways,
// to every other visitor of the archive with the same ID type and number,
// of any counter, neither erased. The links of the visitors this merge
// reads (all of a new counter's; for a counter merged before, those an
// audit row past the last sequence names) are dropped and made again, so
// a corrected ID number drops a link that no longer holds. Every record of
// a person is linked to every other, so the least ID among a visitor's
// links is the person's (periodVisitorsQuery). Erased visitors are never
// linked (an erasure removes their links, recordErasure), nor are records
// without an ID number (an identity-free copy has none). Both records stay
// as each counter wrote them. Linked counts the source's visitors linked
// to a visitor of another counter.
func (m *merger) links() error {
	read := "(SELECT id FROM src.visitors)"
	if m.touched {
		read = "(SELECT id FROM temp.merge_touched_own)"
	}
	for _, q := range []string{
		`DELETE FROM main.visitor_links WHERE visitor_id IN ` + read,
		`DELETE FROM main.visitor_links WHERE linked_id IN ` + read,
		`INSERT OR IGNORE INTO main.visitor_links (visitor_id, linked_id)
		SELECT a.id, b.id FROM main.visitors a JOIN main.visitors b ON b.id_type = a.id_type AND b.id_number = a.id_number AND b.id <> a.id
		WHERE a.id IN ` + read + ` AND a.id_number <> '' AND a.erased_at IS NULL AND b.erased_at IS NULL`,
		`INSERT OR IGNORE INTO main.visitor_links (visitor_id, linked_id)
		SELECT l.linked_id, l.visitor_id FROM main.visitor_links l WHERE l.visitor_id IN ` + read,
	} {
		if _, err := m.exec(q); err != nil {
			return err
		}
	}
	err := m.tx.QueryRowContext(m.ctx, `SELECT count(DISTINCT l.visitor_id) FROM main.visitor_links l
		JOIN main.visitors a ON a.id = l.visitor_id JOIN main.visitors b ON b.id = l.linked_id
		WHERE a.origin <> b.origin AND l.visitor_id IN (SELECT id FROM src.visitors)`).Scan(&m.r.Linked)
	return mapErr(err)
}

// visitorLinks checks each link of an archive: its reverse is there, and it
// joins two visitors, neither erased, with the same ID number.
func (c *checker) visitorLinks() {
	const area = "pengunjung"
	c.each(area, `SELECT l.visitor_id, l.linked_id,
		EXISTS (SELECT 1 FROM visitor_links r WHERE r.visitor_id = l.linked_id AND r.linked_id = l.visitor_id),
		a.id IS NULL OR b.id IS NULL, coalesce(a.erased_at IS NOT NULL OR b.erased_at IS NOT NULL, 0),
		coalesce(a.id_number = '' OR a.id_type <> b.id_type OR a.id_number <> b.id_number, 1)
		FROM visitor_links l LEFT JOIN visitors a ON a.id = l.visitor_id LEFT JOIN visitors b ON b.id = l.linked_id
		ORDER BY l.visitor_id, l.linked_id`, func(rows *sql.Rows) error {
		var a, b string
		var reverse, missing, erased, otherNumber bool
		if err := rows.Scan(&a, &b, &reverse, &missing, &erased, &otherNumber); err != nil {
			return err
		}
		switch {
		case !reverse:
			c.add(area, "tautan pengunjung %s → %s tanpa tautan baliknya", a, b)
		case missing:
			c.add(area, "tautan pengunjung %s ↔ %s: pengunjungnya tidak ada", a, b)
		case erased:
			c.add(area, "tautan pengunjung %s ↔ %s masih ada, padahal datanya sudah dihapus", a, b)
		case otherNumber:
			c.add(area, "tautan pengunjung %s ↔ %s: nomor identitasnya tidak sama", a, b)
		}
		return nil
	})
}
