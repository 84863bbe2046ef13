// What a merge refuses before it copies anything: a mix of identities, a
// forked history, a record claimed by two counters.

package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// identityKey is the archive's meta row that says whether it holds
// visitors' identities ("dengan") or only copies without them ("tanpa").
const identityKey = "archive_identity"

// identity refuses to mix, in one archive, counters merged with their
// visitors' identities and copies without them (gabung --tanpa-identitas,
// salin-tanpa-identitas). An archive without identity is made for a
// province that needs figures and not people: a merge with identity
// would bring people into it, and the copy's erased visitors, merged into
// an archive with identity, would erase there the people the counter
// still serves (erasures are applied and never undone). The archive takes
// the kind of its first source; one made before the mark, holding a
// visitor who is not erased, holds identities.
func (m *merger) identity() error {
	var free bool
	if err := m.tx.QueryRowContext(m.ctx, `SELECT EXISTS (SELECT 1 FROM src.meta WHERE key LIKE ? ESCAPE '\')`,
		strings.ReplaceAll(identityFreeKey, "_", `\_`)+"%").Scan(&free); err != nil {
		return mapErr(err)
	}
	kind := map[bool]string{true: "tanpa", false: "dengan"}[free]
	var have string
	err := m.tx.QueryRowContext(m.ctx, `SELECT value FROM main.meta WHERE key = ?`, identityKey).Scan(&have)
	if errors.Is(err, sql.ErrNoRows) {
		var people bool
		if err := m.tx.QueryRowContext(m.ctx, `SELECT EXISTS (SELECT 1 FROM main.visitors WHERE erased_at IS NULL)`).Scan(&people); err != nil {
			return mapErr(err)
		}
		have = kind
		if people {
			have = "dengan"
		}
		if _, err := m.exec(`INSERT INTO main.meta (key, value) VALUES (?, ?)`, identityKey, have); err != nil {
			return err
		}
	} else if err != nil {
		return mapErr(err)
	}
	switch {
	case have == kind:
		return nil
	case free:
		return m.conflict("arsip ini berisi identitas pengunjung (digabung tanpa --tanpa-identitas), sedangkan sumber ini salinan tanpa identitas; " +
			"keduanya tidak dicampur dalam satu arsip — gabungkan salinan tanpa identitas ke arsip baru (--ke BERKAS-BARU), atau gabungkan basis data loketnya tanpa --tanpa-identitas")
	}
	return m.conflict("arsip ini tanpa identitas pengunjung (dibuat dengan --tanpa-identitas atau dari salinan tanpa identitas); " +
		"basis data loket yang berisi identitas tidak digabung ke dalamnya — pakai loket gabung --tanpa-identitas, atau arsip lain")
}

// forks refuses a source whose history of a counter already merged is not
// the one the archive holds: two copies of one counter used apart (a
// restore from a backup that then went on, a laptop copy used beside the
// PC) number their new audit rows alike but write different ones. The
// audit chain tells them apart: each row's hash covers every row before
// it, so the source's last row at or below what both hold must carry the
// archive's hash. Checked whatever the source's sequence, so a fork that
// is behind or level with the archive is not taken for an older copy or
// one already merged. Two lookups by primary key per counter; the first
// differing row is looked for only when they differ.
func (m *merger) forks() error {
	type origin struct {
		src, dst, upto int64
		label          string
	}
	var os []origin
	rows, err := m.tx.QueryContext(m.ctx, `SELECT o.src, o.dst, min(o.upto, o.seen), k.office_code || '/' || k.counter_code
		FROM temp.merge_origin o JOIN src.counters k ON k.id = o.src WHERE o.seen > 0 ORDER BY o.src`)
	if err != nil {
		return mapErr(err)
	}
	for rows.Next() {
		var o origin
		if err := rows.Scan(&o.src, &o.dst, &o.upto, &o.label); err != nil {
			rows.Close()
			return mapErr(err)
		}
		os = append(os, o)
	}
	if err := rows.Close(); err != nil {
		return mapErr(err)
	}
	for _, o := range os {
		var same bool
		err := m.tx.QueryRowContext(m.ctx, `SELECT (SELECT seq || ':' || hex(hash) FROM src.audit WHERE origin = ?1 AND seq <= ?3 ORDER BY seq DESC LIMIT 1)
			IS (SELECT seq || ':' || hex(hash) FROM main.audit WHERE origin = ?2 AND seq <= ?3 ORDER BY seq DESC LIMIT 1)`, o.src, o.dst, o.upto).Scan(&same)
		if err != nil {
			return mapErr(err)
		}
		if same {
			continue
		}
		at := o.upto
		var first sql.NullInt64
		if err := m.tx.QueryRowContext(m.ctx, `SELECT min(seq) FROM (
			SELECT seq, hash FROM src.audit WHERE origin = ?1 AND seq <= ?3 EXCEPT SELECT seq, hash FROM main.audit WHERE origin = ?2 AND seq <= ?3
			UNION ALL
			SELECT seq, hash FROM main.audit WHERE origin = ?2 AND seq <= ?3 EXCEPT SELECT seq, hash FROM src.audit WHERE origin = ?1 AND seq <= ?3)`,
			o.src, o.dst, o.upto).Scan(&first); err != nil {
			return mapErr(err)
		}
		if first.Valid {
			at = first.Int64
		}
		return m.conflict("riwayat loket %s bercabang dari yang sudah digabung: baris jejak audit %d berbeda dengan yang ada di arsip. "+
			"Salinan ini dan basis data loket %s yang digabung sebelumnya dipakai terpisah (dipulihkan dari cadangan lalu dipakai lagi, atau disalin ke PC lain lalu dipakai melayani); "+
			"hanya satu salinan sebuah loket yang boleh terus dipakai dan digabung — gabungkan basis data yang dipakai melayani", o.label, at, o.label)
	}
	return nil
}

// conflicts refuses a record whose ID the archive holds from another
// counter. Two counters' officers may share a name (schema 4: officers are
// unique per origin): each keeps its own record and ID.
func (m *merger) conflicts() error {
	for _, t := range mergeTables {
		var cond string
		switch t.owner {
		case "origin":
			cond = `JOIN temp.merge_origin o ON o.src = s.origin WHERE d.origin <> o.dst`
		case "codes":
			cond = `WHERE (d.office_code <> s.office_code OR d.counter_code <> s.counter_code)`
		case "visit":
			if t.name == "visit_steps" {
				continue // keyed by its visit, which is checked
			}
			cond = `WHERE d.visit_id <> s.visit_id`
		case "complaint":
			cond = `WHERE d.complaint_id <> s.complaint_id`
		}
		if o := m.only(t); o != "" {
			if !strings.Contains(cond, "WHERE") {
				cond += " WHERE true"
			}
			cond += o
		}
		var id string
		err := m.tx.QueryRowContext(m.ctx, fmt.Sprintf(`SELECT s.id FROM src.%[1]s s JOIN main.%[1]s d ON d.id = s.id %[2]s LIMIT 1`,
			quoteIdent(t.name), cond)).Scan(&id)
		if err == nil {
			return m.conflict("catatan %s di tabel %s sudah ada di arsip dari loket lain; ID yang sama dari dua loket tidak digabung", id, t.name)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return mapErr(err)
		}
	}
	return nil
}
