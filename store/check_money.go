package store

import (
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"loket/store/valid"
	"loket/tariff"
)

// moneyVisit is what the money-trail checks need of a visit.
type moneyVisit struct {
	office, counter string
	total           int64
	scheduleID      sql.NullString
	scheduleName    string
	elig            tariff.Eligibility
	arrived         time.Time
	finished        time.Time // zero while open
	paid            bool
}

// money checks the money trail beyond the sums of checker.payments: every
// payment, invoice, kuitansi, billing code and hand-over against each
// other, the identifier formats, the WIB day, the numbering series, each
// line priced again from its schedule, and each record against the values
// the audit trail recorded for it (see docs/reliability.md).
func (c *checker) money() {
	vs := c.loadMoneyVisits()
	notes := c.loadAuditNotes()
	c.payments2(vs, notes)
	c.billingCodes(vs, notes)
	c.invoices(vs, notes)
	c.handoverRecords(notes)
	c.reprice(vs)
	c.schedules()
}

func (c *checker) loadMoneyVisits() map[string]*moneyVisit {
	vs := map[string]*moneyVisit{}
	c.each("pembayaran", `SELECT v.id, v.office_code, v.counter_code, v.total, v.schedule_id, v.schedule_name,
		v.v_inst_category, v.use, v.letter, v.arrived_at, coalesce(v.finished_at, ''),
		EXISTS (SELECT 1 FROM payments p WHERE p.visit_id = v.id) FROM visits v`, func(rows *sql.Rows) error {
		var id, arrived, finished string
		v := &moneyVisit{}
		if err := rows.Scan(&id, &v.office, &v.counter, &v.total, &v.scheduleID, &v.scheduleName,
			&v.elig.Category, &v.elig.Use, &v.elig.Letter, &arrived, &finished, &v.paid); err != nil {
			return err
		}
		v.arrived, v.finished = parseTime(arrived), parseTime(finished)
		vs[id] = v
		return nil
	})
	return vs
}

// payments2 checks each payment's method against its NTPN, NTB and billing
// code, the identifiers' formats, its WIB day and its times.
func (c *checker) payments2(vs map[string]*moneyVisit, notes auditNotes) {
	const area = "pembayaran"
	ntpns := map[string][]string{}
	c.each(area, `SELECT p.visit_id, p.method, p.amount, coalesce(p.billing_id, ''), p.ntpn, p.ntb, p.paid_at, p.day,
		coalesce(p.officer_id, ''), coalesce(b.visit_id, ''), coalesce(b.status, ''), coalesce(b.amount, 0), coalesce(b.created_at, ''), coalesce(b.expires_at, ''),
		coalesce(b.code, ''), (SELECT count(*) FROM invoices k WHERE k.visit_id = p.visit_id AND k.kind = 'kuitansi' AND k.void_at IS NULL)
		FROM payments p LEFT JOIN billing_codes b ON b.id = p.billing_id`, func(rows *sql.Rows) error {
		var visit, method, billingID, ntpn, ntb, paidAt, day, officer, bVisit, bStatus, bCreated, bExpires, bCode string
		var amount, bAmount int64
		var kuitansi int
		if err := rows.Scan(&visit, &method, &amount, &billingID, &ntpn, &ntb, &paidAt, &day, &officer,
			&bVisit, &bStatus, &bAmount, &bCreated, &bExpires, &bCode, &kuitansi); err != nil {
			return err
		}
		name, rp := c.visit(visit), tariff.Rupiah(amount)
		at := parseTime(paidAt)
		switch {
		case at.IsZero():
			c.add(area, "%s: waktu bayar %q tidak terbaca", name, paidAt)
		case Day(at) != day:
			c.add(area, "%s: pembayaran %s tercatat pada tanggal %s, padahal waktu bayarnya %s WIB (tanggal %s)",
				name, rp, day, at.In(valid.WIB).Format("2006-01-02 15:04"), Day(at))
		}
		if v := vs[visit]; v != nil && !at.IsZero() {
			if at.Before(v.arrived) {
				c.add(area, "%s: dibayar sebelum pengunjung datang", name)
			}
			if !v.finished.IsZero() && at.After(v.finished) {
				c.add(area, "%s: dibayar setelah kunjungan selesai", name)
			}
		}
		c.paymentTrail(name, visit, method, amount, ntpn, ntb, paidAt, officer, notes)
		switch method {
		case "Tunai":
			if ntpn != "" || ntb != "" || billingID != "" {
				c.add(area, "%s: pembayaran tunai %s membawa NTPN, NTB atau kode billing; itu hanya untuk pembayaran bank", name, rp)
			}
		case "Bank":
			if got, err := valid.NTPN(ntpn); err != nil || got != ntpn {
				c.add(area, "%s: pembayaran bank %s dengan NTPN %q yang tidak sah: NTPN 16 huruf atau angka", name, rp, ntpn)
			} else {
				ntpns[ntpn] = append(ntpns[ntpn], visit)
			}
			if got, err := valid.NTB(ntb); err != nil || got != ntb {
				c.add(area, "%s: pembayaran bank %s dengan NTB %q yang tidak sah", name, rp, ntb)
			}
			switch {
			case billingID == "" || bVisit == "":
				c.add(area, "%s: pembayaran bank %s tanpa kode billing", name, rp)
			case bVisit != visit:
				c.add(area, "%s: pembayaran bank memakai kode billing %s milik %s", name, bCode, c.visit(bVisit))
			default:
				if bStatus != "dibayar" {
					c.add(area, "%s: dibayar lewat bank, tetapi kode billing %s berstatus %s", name, bCode, bStatus)
				}
				if bAmount != amount {
					c.add(area, "%s: dibayar %s, kode billing %s bernilai %s", name, rp, bCode, tariff.Rupiah(bAmount))
				}
				if !at.IsZero() && (at.Before(parseTime(bCreated)) || at.After(parseTime(bExpires))) {
					c.add(area, "%s: waktu bayar di luar masa berlaku kode billing %s", name, bCode)
				}
			}
		}
		return nil
	})
	for _, n := range sortedKeys(ntpns) {
		if ids := ntpns[n]; len(ids) > 1 {
			names := make([]string, len(ids))
			for i, id := range ids {
				names[i] = c.visit(id)
			}
			c.add(area, "NTPN %s tercatat pada %d pembayaran: %s", n, len(ids), strings.Join(names, ", "))
		}
	}
}

// billingCodes checks every kode billing: its digits, its status against
// the payment and the code that replaced it, its amount and validity.
func (c *checker) billingCodes(vs map[string]*moneyVisit, notes auditNotes) {
	const area = "kode billing"
	type code struct {
		id, visit, code, status, replacedBy string
		amount                              int64
		created, expires                    time.Time
		createdText, officer                string // as stored, for the audit row
		usedBy                              string // visit of the payment that names it
	}
	var all []*code
	byID := map[string]*code{}
	usedBy := map[string]string{} // billing id → visit of the payment naming it (payments.billing_id has no index)
	c.each(area, `SELECT billing_id, visit_id FROM payments WHERE billing_id IS NOT NULL`, func(rows *sql.Rows) error {
		var b, v string
		err := rows.Scan(&b, &v)
		usedBy[b] = v
		return err
	})
	c.each(area, `SELECT id, visit_id, code, status, coalesce(replaced_by, ''), amount, created_at, expires_at, coalesce(officer_id, '')
		FROM billing_codes ORDER BY visit_id, created_at`, func(rows *sql.Rows) error {
		b := &code{}
		var expires string
		if err := rows.Scan(&b.id, &b.visit, &b.code, &b.status, &b.replacedBy, &b.amount, &b.createdText, &expires, &b.officer); err != nil {
			return err
		}
		b.created, b.expires, b.usedBy = parseTime(b.createdText), parseTime(expires), usedBy[b.id]
		all = append(all, b)
		byID[b.id] = b
		return nil
	})
	visitsOf := map[string]map[string]bool{}
	active := map[string]int{}
	for _, b := range all {
		name := c.visit(b.visit)
		label := fmt.Sprintf("%s: kode billing %s", name, b.code)
		if got, err := valid.BillingCode(b.code); err != nil || got != b.code {
			c.add(area, "%s tidak sah: kode billing 15 angka", label)
		}
		if visitsOf[b.code] == nil {
			visitsOf[b.code] = map[string]bool{}
		}
		visitsOf[b.code][b.visit] = true
		note := b.code + " " + tariff.Rupiah(b.amount)
		if !notes.has(b.visit, "kode_billing", note) {
			c.add(area, "%s bernilai %s, tidak sama dengan yang dicatat jejak audit saat dibuat", label, tariff.Rupiah(b.amount))
		}
		badAt, badOfficer := trailStamp(notes[b.visit]["kode_billing\x00"+note], b.createdText, b.officer)
		if badAt {
			c.add(area, "%s dibuat pada waktu yang tidak sama dengan yang dicatat jejak audit (tercatat %s)", label, wibText(b.createdText))
		}
		if badOfficer {
			c.add(area, "%s: petugas tidak sama dengan yang dicatat jejak audit saat dibuat", label)
		}
		if b.created.IsZero() || !b.expires.Equal(b.created.Add(BillingValidity)) {
			c.add(area, "%s: masa berlaku tidak 7 hari sejak dibuat", label)
		}
		repl := byID[b.replacedBy]
		if b.replacedBy != "" && (repl == nil || repl.visit != b.visit) {
			c.add(area, "%s diganti oleh kode yang tidak ada pada kunjungan ini", label)
		}
		want := ""
		switch {
		case b.usedBy != "":
			want = "dibayar"
		case repl != nil && repl.created.After(b.expires):
			want = "kedaluwarsa"
		case repl != nil:
			want = "diganti"
		case b.replacedBy == "" && b.status == "aktif":
			want = "aktif"
		default:
			want = "dibatalkan"
		}
		if b.status != want {
			c.add(area, "%s berstatus %s, seharusnya %s", label, b.status, want)
		}
		if b.status == "aktif" {
			active[b.visit]++
			if v := vs[b.visit]; v != nil && (v.paid || v.total != b.amount) {
				c.add(area, "%s masih aktif bernilai %s, padahal total kunjungan %s", label, tariff.Rupiah(b.amount), tariff.Rupiah(v.total))
			}
		}
	}
	for _, code := range sortedKeys(visitsOf) {
		if n := len(visitsOf[code]); n > 1 {
			c.add(area, "kode billing %s dipakai %d kunjungan", code, n)
		}
	}
	// Step 11 waits at the bank exactly while one code is active.
	c.each(area, `SELECT visit_id, state FROM visit_steps WHERE step = 11`, func(rows *sql.Rows) error {
		var visit, state string
		if err := rows.Scan(&visit, &state); err != nil {
			return err
		}
		waiting := state == string(StateWaiting)
		switch n := active[visit]; {
		case n > 1:
			c.add(area, "%s: %d kode billing aktif sekaligus", c.visit(visit), n)
		case waiting && n == 0:
			c.add(area, "%s: langkah 11 menunggu pembayaran bank tanpa kode billing aktif", c.visit(visit))
		case !waiting && n == 1:
			c.add(area, "%s: kode billing aktif, tetapi langkah 11 tidak menunggu pembayaran", c.visit(visit))
		}
		return nil
	})
}

// invoices checks every invoice and kuitansi: its number against its
// series fields, the series without gaps or duplicates (a void keeps its
// number, with a reason), its amount, and the audit row that issued it.
func (c *checker) invoices(vs map[string]*moneyVisit, notes auditNotes) {
	const area = "nomor"
	type series struct {
		kind, office, counter string
		year, month           int
	}
	seqs := map[series][]int{}
	kinds, visitOf := map[string]string{}, map[string]string{} // invoice id → kind, visit
	c.each(area, `SELECT id, kind, visit_id FROM invoices`, func(rows *sql.Rows) error {
		var id, kind, visit string
		err := rows.Scan(&id, &kind, &visit)
		kinds[id], visitOf[id] = kind, visit
		return err
	})
	c.each(area, `SELECT i.visit_id, i.kind, i.number, i.office_code, i.counter_code, i.year, i.month, i.seq, i.amount, i.issued_at,
		coalesce(i.void_at, ''), i.void_reason, coalesce(i.replaced_by, ''), i.payer, p.payer, coalesce(i.officer_id, '')
		FROM invoices i LEFT JOIN payments p ON p.visit_id = i.visit_id ORDER BY i.issued_at`, func(rows *sql.Rows) error {
		var visit, kind, number, office, counter, issued, voidAt, reason, repl, payer, officer string
		var paidBy sql.NullString
		var year, month, seq int
		var amount int64
		if err := rows.Scan(&visit, &kind, &number, &office, &counter, &year, &month, &seq, &amount, &issued, &voidAt, &reason, &repl,
			&payer, &paidBy, &officer); err != nil {
			return err
		}
		name := c.visit(visit)
		label := fmt.Sprintf("%s %s (%s)", kind, number, name)
		// A kuitansi prints its payment's payer (schema 2 keeps it on the
		// kuitansi, so a later corrected name leaves a voided one as it
		// was); an invoice names no payer. The names are personal data and
		// stay out of the finding.
		switch {
		case kind == "invoice" && payer != "":
			c.add(area, "%s memuat nama wajib bayar, padahal hanya kuitansi yang mencatatnya", label)
		case kind == "kuitansi" && !paidBy.Valid && payer != "":
			c.add(area, "%s memuat nama wajib bayar, padahal kunjungannya tidak tercatat dibayar", label)
		case kind == "kuitansi" && paidBy.Valid && voidAt == "" && payer != paidBy.String:
			c.add(area, "%s: nama wajib bayar di kuitansi tidak sama dengan nama pada pembayarannya", label)
		}
		prefix := map[string]string{"invoice": "INV", "kuitansi": "KW"}[kind]
		if want := fmt.Sprintf("%s/%s/%s/%04d/%02d/%04d", prefix, office, counter, year, month, seq); number != want {
			c.add(area, "%s: nomor tidak sesuai urutannya, seharusnya %s", label, want)
		}
		if at := parseTime(issued); at.IsZero() {
			c.add(area, "%s: waktu terbit %q tidak terbaca", label, issued)
		} else if w := at.In(valid.WIB); w.Year() != year || int(w.Month()) != month {
			c.add(area, "%s: terbit %s WIB, tetapi tercatat pada seri bulan %02d/%04d", label, w.Format("2006-01-02"), month, year)
		}
		if v := vs[visit]; v != nil {
			if v.office != office || v.counter != counter {
				c.add(area, "%s: kode kantor/loket %s/%s, kunjungan %s/%s", label, office, counter, v.office, v.counter)
			}
			if voidAt == "" && kind == "invoice" && amount != v.total {
				c.add(area, "%s bernilai %s, total kunjungan %s", label, tariff.Rupiah(amount), tariff.Rupiah(v.total))
			}
		}
		note := number + " " + tariff.Rupiah(amount)
		if !notes.has(visit, "terbit_"+kind, note) {
			c.add(area, "%s bernilai %s: nomor atau nilainya tidak sama dengan yang dicatat jejak audit saat terbit", label, tariff.Rupiah(amount))
		}
		badAt, badOfficer := trailStamp(notes[visit]["terbit_"+kind+"\x00"+note], issued, officer)
		if badAt {
			c.add(area, "%s terbit pada waktu yang tidak sama dengan yang dicatat jejak audit (tercatat %s)", label, wibText(issued))
		}
		if badOfficer {
			c.add(area, "%s: petugas tidak sama dengan yang dicatat jejak audit saat terbit", label)
		}
		if voidAt != "" {
			if strings.TrimSpace(reason) == "" {
				c.add(area, "%s dibatalkan tanpa alasan", label)
			}
			if !notes.has(visit, "batal_"+kind, number) {
				c.add(area, "%s dibatalkan tanpa catatan pembatalan di jejak audit", label)
			} else if badAt, _ := trailStamp(notes[visit]["batal_"+kind+"\x00"+number], voidAt, ""); badAt {
				c.add(area, "%s dibatalkan pada waktu yang tidak sama dengan yang dicatat jejak audit (tercatat %s)", label, wibText(voidAt))
			}
		} else if reason != "" || repl != "" {
			c.add(area, "%s berlaku, tetapi tercatat alasan batal atau penggantinya", label)
		}
		if repl != "" && (kinds[repl] != kind || visitOf[repl] != visit) {
			c.add(area, "%s diganti oleh dokumen yang bukan %s kunjungan ini", label, kind)
		}
		s := series{kind, office, counter, year, month}
		seqs[s] = append(seqs[s], seq)
		return nil
	})
	var names []series
	for s := range seqs {
		names = append(names, s)
	}
	sort.Slice(names, func(i, j int) bool { return fmt.Sprint(names[i]) < fmt.Sprint(names[j]) })
	for _, s := range names {
		ns := seqs[s]
		sort.Ints(ns)
		label := fmt.Sprintf("seri %s %s/%s %02d/%04d", s.kind, s.office, s.counter, s.month, s.year)
		for i, n := range ns {
			switch {
			case i > 0 && n == ns[i-1]:
				c.add(area, "%s: nomor urut %04d tercatat dua kali", label, n)
			case n != i+1 && (i == 0 || n != ns[i-1]+1):
				prev := 0
				if i > 0 {
					prev = ns[i-1]
				}
				c.add(area, "%s: nomor urut %04d sampai %04d tidak ada (nomor yang dibatalkan tetap tercatat, jadi seri tidak boleh berlubang)", label, prev+1, n-1)
			}
		}
	}
}

// handoverRecords checks each cash hand-over against the cash payments of
// its day and against what the audit trail recorded.
func (c *checker) handoverRecords(notes auditNotes) {
	const area = "penyerahan kas"
	// A hand-over sums the cash payments of its day committed before it;
	// the audit trail's numbers give that order (the clock may not: a PC's
	// clock can be set back), and paid_at is the fallback without them.
	// Numbers are per origin (schema 2): they order two rows of the same
	// counter only, so rows of different origins fall back to the clock.
	type cash struct {
		at          time.Time
		origin, seq int64
		amount      int64
		owner       int64 // the counter the payment's visit belongs to (an archive holds several)
	}
	byDay := map[string][]cash{}
	c.each(area, `SELECT p.day, p.paid_at, p.amount,
		coalesce((SELECT a.origin FROM audit a WHERE a.entity_id = p.visit_id AND a.action = 'bayar' ORDER BY a.seq DESC LIMIT 1), 0),
		coalesce((SELECT a.seq FROM audit a WHERE a.entity_id = p.visit_id AND a.action = 'bayar' ORDER BY a.seq DESC LIMIT 1), 0),
		coalesce((SELECT k.id FROM visits v JOIN counters k ON k.office_code = v.office_code AND k.counter_code = v.counter_code
			WHERE v.id = p.visit_id), 1)
		FROM payments p WHERE p.method = 'Tunai'`, func(rows *sql.Rows) error {
		var day, at string
		var p cash
		err := rows.Scan(&day, &at, &p.amount, &p.origin, &p.seq, &p.owner)
		p.at = parseTime(at)
		byDay[day] = append(byDay[day], p)
		return err
	})
	c.each(area, `SELECT h.id, h.day, h.cash_receipts, h.counted, h.difference, h.reason, h.handed_at, h.origin,
		coalesce((SELECT min(a.seq) FROM audit a WHERE a.origin = h.origin AND a.entity_id = h.id AND a.action = 'serah_tunai'), 0),
		coalesce(h.officer_id, '')
		FROM handovers h ORDER BY h.handed_at`, func(rows *sql.Rows) error {
		var id, day, reason, handed, officer string
		var receipts, counted, diff, origin, seq int64
		if err := rows.Scan(&id, &day, &receipts, &counted, &diff, &reason, &handed, &origin, &seq, &officer); err != nil {
			return err
		}
		at := parseTime(handed)
		var sum int64
		ok := true
		for _, p := range byDay[day] {
			if p.owner != origin {
				continue // another counter's cash, handed over at that counter
			}
			ordered := seq > 0 && p.seq > 0 && p.origin == origin
			if ok && (ordered && p.seq < seq || !ordered && !p.at.After(at)) {
				sum, ok = tariff.Add(sum, p.amount)
			}
		}
		label := "penyerahan kas tanggal " + day
		if !ok {
			c.add(area, "%s: penerimaan tunai tercatat %s, pembayaran tunai hari itu sampai saat penyerahan melampaui batas angka yang dapat dihitung",
				label, tariff.Rupiah(receipts))
		} else if receipts != sum {
			c.add(area, "%s: penerimaan tunai tercatat %s, pembayaran tunai hari itu sampai saat penyerahan %s",
				label, tariff.Rupiah(receipts), tariff.Rupiah(sum))
		}
		if diff != counted-receipts {
			c.add(area, "%s: selisih tercatat %s, padahal dihitung %s dan penerimaan %s", label, tariff.Rupiah(diff),
				tariff.Rupiah(counted), tariff.Rupiah(receipts))
		}
		if counted != receipts && strings.TrimSpace(reason) == "" {
			c.add(area, "%s: uang dihitung %s berbeda dari penerimaan %s tanpa alasan", label, tariff.Rupiah(counted), tariff.Rupiah(receipts))
		}
		note := fmt.Sprintf("%s: %d", day, counted)
		if !notes.has(id, "serah_tunai", note) {
			c.add(area, "%s: uang dihitung %s tidak sama dengan yang dicatat jejak audit", label, tariff.Rupiah(counted))
		}
		// The cash of a day is handed over once the day has begun (the
		// screen may be left open past midnight, so a later day is not
		// refused); the time itself is the audit row's.
		if start, err := time.ParseInLocation("2006-01-02", day, valid.WIB); err == nil && !at.IsZero() && at.Before(start) {
			c.add(area, "%s: diserahkan sebelum hari itu dimulai (%s)", label, wibText(handed))
		}
		badAt, badOfficer := trailStamp(notes[id]["serah_tunai\x00"+note], handed, officer)
		if badAt {
			c.add(area, "%s: diserahkan pada waktu yang tidak sama dengan yang dicatat jejak audit (tercatat %s)", label, wibText(handed))
		}
		if badOfficer {
			c.add(area, "%s: petugas tidak sama dengan yang dicatat jejak audit", label)
		}
		return nil
	})
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
