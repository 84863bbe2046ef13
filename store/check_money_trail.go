// The audit trail's record of each money row, which check compares it with.

package store

import (
	"database/sql"
	"fmt"
	"strings"

	"loket/store/valid"
	"loket/tariff"
)

// auditNotes are the values the audit trail recorded when money records
// were written: the store writes each of these rows in the same
// transaction as the record, so a record edited later no longer matches.
// A row's time is the transaction's one clock reading, the one the record
// stored, and its officer the record's officer.
type auditNotes map[string]map[string][]auditStamp // entity_id → "action\x00note" → rows, in trail order

// auditStamp is when and by whom an audit row was written.
type auditStamp struct{ at, officer, note string }

// latestPayment keys, under a visit in auditNotes, its latest bayar or
// koreksi_bayar row (the note in auditStamp.note): what a payment's NTPN,
// NTB and bank paid time are compared with.
const latestPayment = "\x00latest payment"

func (n auditNotes) has(entityID, action, note string) bool {
	return len(n[entityID][action+"\x00"+note]) > 0
}

// stamped reports whether a row with this note was written at the given
// time by the given officer (its stored forms, compared as text).
func (n auditNotes) stamped(entityID, action, note, at, officer string) bool {
	for _, s := range n[entityID][action+"\x00"+note] {
		if s.at == at && s.officer == officer {
			return true
		}
	}
	return false
}

// notes lists the notes an action recorded on an entity, with their rows.
func (n auditNotes) notes(entityID, action string) map[string][]auditStamp {
	out := map[string][]auditStamp{}
	for k, rows := range n[entityID] {
		if a, note, _ := strings.Cut(k, "\x00"); a == action {
			out[note] = rows
		}
	}
	return out
}

func (c *checker) loadAuditNotes() auditNotes {
	n := auditNotes{}
	c.each("audit", `SELECT entity_id, action, coalesce(new, ''), at, coalesce(officer_id, '') FROM audit WHERE action IN
		('bayar', 'koreksi_bayar', 'kode_billing', 'terbit_invoice', 'terbit_kuitansi', 'serah_tunai')
		OR action LIKE 'batal\_%' ESCAPE '\' ORDER BY origin, seq`, func(rows *sql.Rows) error {
		var id, action, note string
		var st auditStamp
		if err := rows.Scan(&id, &action, &note, &st.at, &st.officer); err != nil {
			return err
		}
		if n[id] == nil {
			n[id] = map[string][]auditStamp{}
		}
		n[id][action+"\x00"+note] = append(n[id][action+"\x00"+note], st)
		if action == "bayar" || action == "koreksi_bayar" { // in trail order: the last one read is the latest
			n[id][latestPayment] = []auditStamp{{at: st.at, officer: st.officer, note: note}}
		}
		if strings.HasPrefix(action, "batal_") { // "number: reason": the number is what is checked
			if num, _, ok := strings.Cut(note, ": "); ok {
				n[id][action+"\x00"+num] = append(n[id][action+"\x00"+num], st)
			}
		}
		return nil
	})
	return n
}

// paymentTrail compares a payment with the audit row written with it
// (paymentNote): its method and amount, its officer, its time (a cash
// payment's is the row's own; a bank payment's, typed from the bank's
// proof, is in the note) and a bank payment's NTPN and NTB, from the
// latest of that row and any koreksi_bayar (a receipt correction). A bank
// payment's row written before the note carried them (schema 3 as first
// released, and every older file) holds method and amount only, and is
// accepted with those.
func (c *checker) paymentTrail(name, visit, method string, amount int64, ntpn, ntb, paidAt, officer string, notes auditNotes) {
	const area = "pembayaran"
	rp := tariff.Rupiah(amount)
	recorded := notes.notes(visit, "bayar")
	var note string
	var rows []auditStamp
	for _, n := range sortedKeys(recorded) {
		if f := strings.Fields(n); len(f) >= 2 && f[0] == method && f[1] == rp {
			note, rows = n, recorded[n]
		}
	}
	// A receipt correction at step 14 writes koreksi_bayar with the
	// corrected NTPN and NTB: the latest of the two rows is the truth.
	if l := notes[visit][latestPayment]; rows != nil && len(l) == 1 {
		if f := strings.Fields(l[0].note); len(f) >= 2 && f[0] == method && f[1] == rp {
			note = l[0].note
		}
	}
	if rows == nil {
		c.add(area, "%s: pembayaran %s %s tidak sama dengan yang dicatat jejak audit saat dibayar", name, method, rp)
		return
	}
	st := rows[len(rows)-1]
	if st.officer != officer {
		c.add(area, "%s: petugas pembayaran tidak sama dengan yang dicatat jejak audit saat dibayar", name)
	}
	recordedAt := st.at
	if method == string(MethodBank) {
		f := strings.Fields(note)
		switch {
		case len(f) == 2:
			return // an older row: method and amount only
		case len(f) != 8 || f[2] != "NTPN" || f[4] != "NTB" || f[6] != "dibayar":
			c.add(area, "%s: catatan jejak audit pembayaran bank %s tidak terbaca", name, rp)
			return
		}
		if f[3] != ntpn {
			c.add(area, "%s: pembayaran bank %s tercatat dengan NTPN %s, padahal jejak audit mencatat NTPN %s saat dibayar", name, rp, ntpn, f[3])
		}
		if f[5] != ntb {
			c.add(area, "%s: pembayaran bank %s tercatat dengan NTB %s, padahal jejak audit mencatat NTB %s saat dibayar", name, rp, ntb, f[5])
		}
		recordedAt = f[7]
	}
	if paidAt != recordedAt {
		c.add(area, "%s: waktu bayar tercatat %s, padahal jejak audit mencatat waktu bayar %s", name, wibText(paidAt), wibText(recordedAt))
	}
}

// wibText shows a stored time in WIB to the second, or as stored when it
// does not parse.
func wibText(s string) string {
	if t := parseTime(s); !t.IsZero() {
		return t.In(valid.WIB).Format("2006-01-02 15:04:05") + " WIB"
	}
	return fmt.Sprintf("%q", s)
}

// trailStamp reports whether none of an audit note's rows was written at
// the given time, or by the given officer: a record written with the row
// stores the same clock reading and officer. No rows, nothing to compare.
func trailStamp(rows []auditStamp, at, officer string) (badAt, badOfficer bool) {
	if len(rows) == 0 {
		return false, false
	}
	badAt, badOfficer = true, true
	for _, r := range rows {
		badAt = badAt && r.at != at
		badOfficer = badOfficer && r.officer != officer
	}
	return badAt, badOfficer
}
