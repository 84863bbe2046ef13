// Visitors seen at two counters, linked in an archive.

package store

import "database/sql"

// links links each visitor of the source to the archive's visitors of
// other counters with the same ID number (type and number), both ways
// (visitor_links, schema 5), and counts the source's visitors so linked.
// Erased visitors are never linked (an erasure removes their links,
// eraseVisitor), nor are records without an ID number (an identity-free
// copy has none). Both records stay as each counter wrote them; the recap
// counts the person once (periodVisitorsQuery).
func (m *merger) links() error {
	if _, err := m.exec(`INSERT OR IGNORE INTO main.visitor_links (visitor_id, linked_id)
		SELECT a.id, b.id FROM src.visitors s JOIN main.visitors a ON a.id = s.id
		JOIN main.visitors b ON b.id_type = a.id_type AND b.id_number = a.id_number AND b.origin <> a.origin
		WHERE a.id_number <> '' AND a.erased_at IS NULL AND b.erased_at IS NULL`); err != nil {
		return err
	}
	if _, err := m.exec(`INSERT OR IGNORE INTO main.visitor_links (visitor_id, linked_id)
		SELECT l.linked_id, l.visitor_id FROM main.visitor_links l WHERE l.visitor_id IN (SELECT id FROM src.visitors)`); err != nil {
		return err
	}
	err := m.tx.QueryRowContext(m.ctx, `SELECT count(DISTINCT l.visitor_id) FROM main.visitor_links l
		WHERE l.visitor_id IN (SELECT id FROM src.visitors)`).Scan(&m.r.Linked)
	return mapErr(err)
}

// visitorLinks checks each link of an archive: its reverse is there, and it
// joins two visitors of different counters, neither erased, with the same
// ID number.
func (c *checker) visitorLinks() {
	const area = "pengunjung"
	c.each(area, `SELECT l.visitor_id, l.linked_id,
		EXISTS (SELECT 1 FROM visitor_links r WHERE r.visitor_id = l.linked_id AND r.linked_id = l.visitor_id),
		coalesce(a.origin = b.origin, 1), coalesce(a.erased_at IS NOT NULL OR b.erased_at IS NOT NULL, 0),
		coalesce(a.id_number = '' OR a.id_type <> b.id_type OR a.id_number <> b.id_number, 1)
		FROM visitor_links l LEFT JOIN visitors a ON a.id = l.visitor_id LEFT JOIN visitors b ON b.id = l.linked_id
		ORDER BY l.visitor_id, l.linked_id`, func(rows *sql.Rows) error {
		var a, b string
		var reverse, sameCounter, erased, otherNumber bool
		if err := rows.Scan(&a, &b, &reverse, &sameCounter, &erased, &otherNumber); err != nil {
			return err
		}
		switch {
		case !reverse:
			c.add(area, "tautan pengunjung %s → %s tanpa tautan baliknya", a, b)
		case erased:
			c.add(area, "tautan pengunjung %s ↔ %s masih ada, padahal datanya sudah dihapus", a, b)
		case sameCounter:
			c.add(area, "tautan pengunjung %s ↔ %s: keduanya dari loket yang sama (atau tidak ada)", a, b)
		case otherNumber:
			c.add(area, "tautan pengunjung %s ↔ %s: nomor identitasnya tidak sama", a, b)
		}
		return nil
	})
}
