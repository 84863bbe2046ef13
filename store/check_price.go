package store

import (
	"database/sql"
	"strings"

	"loket/tariff"
)

// reprice prices every product line again from the schedule its visit
// stored (the built-in one when schedule_id is NULL) with the visit's Rp0
// eligibility, exactly as the store quoted it, and compares amount, Rp0
// flag, no-item flag, breakdown and basis; then each visit's total with
// the sum of its counting lines. Pages or bytes changed without re-pricing,
// the Rp0 flag set on a charged line, or an amount changed on its own are
// found here.
func (c *checker) reprice(vs map[string]*moneyVisit) {
	const area = "tarif"
	scheds := map[string]*tariff.Schedule{}
	bad := map[string]bool{}
	c.each(area, `SELECT id, body FROM schedules`, func(rows *sql.Rows) error {
		var id, body string
		if err := rows.Scan(&id, &body); err != nil {
			return err
		}
		s, err := tariff.Parse(strings.NewReader(body))
		if err != nil {
			bad[id] = true
			c.add(area, "jadwal tarif terpasang %s tidak terbaca lagi: %v", id, err)
			return nil
		}
		scheds[id] = s
		return nil
	})
	builtin := tariff.Default()
	sums := map[string]int64{}
	overflow := map[string]bool{} // visits whose lines sum past int64
	c.each(area, `SELECT visit_id, seq, code, pages, bytes, maps, available, amount, zero, no_item, quote, basis
		FROM items ORDER BY visit_id, seq`, func(rows *sql.Rows) error {
		var visit, code, quote, basis string
		var seq int
		var pages, bytes, maps, amount int64
		var zero, noItem bool
		var available sql.NullBool
		if err := rows.Scan(&visit, &seq, &code, &pages, &bytes, &maps, &available, &amount, &zero, &noItem, &quote, &basis); err != nil {
			return err
		}
		if !available.Valid || available.Bool {
			if sum, ok := tariff.Add(sums[visit], amount); ok && !overflow[visit] {
				sums[visit] = sum
			} else {
				overflow[visit] = true
			}
		}
		v := vs[visit]
		if v == nil {
			return nil // reported by the foreign-key check
		}
		sch := builtin
		if v.scheduleID.Valid {
			if bad[v.scheduleID.String] {
				return nil
			}
			if sch = scheds[v.scheduleID.String]; sch == nil {
				return nil // a missing schedule is a foreign-key finding
			}
		}
		name := c.visit(visit)
		q, err := sch.Quote(tariff.Line{Code: code, Pages: pages, Bytes: bytes, Maps: maps}, v.elig)
		if err != nil {
			c.add(area, "%s: produk %d (%s) tidak dapat dihitung ulang dengan %s: %v", name, seq, code, sch.Name, err)
			return nil
		}
		switch {
		case q.Amount != amount:
			c.add(area, "%s: produk %d (%s) tercatat %s, dihitung ulang dengan %s: %s", name, seq, code,
				tariff.Rupiah(amount), sch.Name, tariff.Rupiah(q.Amount))
		case q.Zero != zero:
			c.add(area, "%s: produk %d (%s) bertanda tarif nol rupiah %s, padahal menurut %s %s", name, seq, code,
				yaTidak(zero), sch.Name, yaTidak(q.Zero))
		case q.NoItem != noItem:
			c.add(area, "%s: produk %d (%s) bertanda tanpa item tarif %s, padahal menurut %s %s", name, seq, code,
				yaTidak(noItem), sch.Name, yaTidak(q.NoItem))
		case joinLines(q.Breakdown) != quote || q.Basis != basis:
			c.add(area, "%s: produk %d (%s): rincian atau dasar tarif yang tercatat tidak sama dengan hitungan ulang %s", name, seq, code, sch.Name)
		}
		return nil
	})
	for _, id := range sortedKeys(vs) {
		v := vs[id]
		if overflow[id] {
			c.add(area, "%s: total kunjungan %s, jumlah produknya melampaui batas angka yang dapat dihitung", c.visit(id), tariff.Rupiah(v.total))
		} else if sums[id] != v.total {
			c.add(area, "%s: total kunjungan %s, jumlah produknya %s", c.visit(id), tariff.Rupiah(v.total), tariff.Rupiah(sums[id]))
		}
		want := builtin.Name
		if s := scheds[v.scheduleID.String]; s != nil {
			want = s.Name
		}
		if v.scheduleName != want && (v.scheduleName != "" || v.scheduleID.Valid) && !bad[v.scheduleID.String] {
			c.add(area, "%s: nama jadwal tarif tercatat %q, jadwal yang dipakainya %q", c.visit(id), v.scheduleName, want)
		}
	}
}

// schedules checks each installed schedule's columns against its text,
// and its text against the name and effective date the audit trail
// recorded when it was installed. The built-in schedule, which schema 2
// stores as a row when it creates or upgrades a file, was never installed
// by an officer and has no such audit rows: it is recognised by its text,
// byte for byte the one embedded in this binary (tariff.DefaultFile), and
// by having no installer. Any other text without install rows, or an
// embedded text claimed by an officer's install, is still a finding.
func (c *checker) schedules() {
	const area = "tarif"
	builtin := string(tariff.DefaultFile())
	c.each(area, `SELECT s.id, s.name, s.basis, s.effective, s.body, s.installed_by IS NULL,
		coalesce((SELECT new FROM audit a WHERE a.origin = s.origin AND a.entity_id = s.id AND a.field = 'name' ORDER BY a.seq DESC LIMIT 1), ''),
		coalesce((SELECT new FROM audit a WHERE a.origin = s.origin AND a.entity_id = s.id AND a.field = 'effective' ORDER BY a.seq DESC LIMIT 1), ''),
		EXISTS (SELECT 1 FROM audit a WHERE a.entity_id = s.id)
		FROM schedules s ORDER BY s.installed_at`, func(rows *sql.Rows) error {
		var id, name, basis, effective, body, auditName, auditEff string
		var noInstaller, audited bool
		if err := rows.Scan(&id, &name, &basis, &effective, &body, &noInstaller, &auditName, &auditEff, &audited); err != nil {
			return err
		}
		s, err := tariff.Parse(strings.NewReader(body))
		if err != nil {
			return nil // reported by reprice
		}
		eff := s.Effective.Format("2006-01-02")
		if s.Name != name || s.Basis != basis || eff != effective {
			c.add(area, "jadwal tarif %s: nama, dasar hukum atau tanggal berlaku di tabel (%s, %s) tidak sama dengan teks jadwalnya (%s, %s)",
				name, name, effective, s.Name, eff)
		}
		if body == builtin && noInstaller && !audited {
			return nil // the built-in schedule, checked against the binary's own text
		}
		if s.Name != auditName || eff != auditEff {
			c.add(area, "jadwal tarif %s: teksnya tidak sama dengan yang dicatat jejak audit saat dipasang (%s, berlaku %s)",
				s.Name, auditName, auditEff)
		}
		return nil
	})
}

func yaTidak(b bool) string {
	if b {
		return "Ya"
	}
	return "Tidak"
}
