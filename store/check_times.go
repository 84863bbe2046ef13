package store

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"loket/store/valid"
)

// times checks each visit's clock: arrival on its own WIB day, arrival ≤
// every suspension ≤ finish, done steps between arrival and finish, the
// suspended seconds equal to the sum of its ended suspensions (so ≥ 0 and
// ≤ the time it was open), and the queue numbers of each day 1…N.
func (c *checker) times() {
	const area = "waktu"
	type visitTimes struct {
		day             string
		arrived, finish time.Time
		suspendedAt     string
		secs            int64
		sum             int64
		open            []string // started_at of suspensions without an end
		last            time.Time
	}
	vt := map[string]*visitTimes{}
	queues := map[string][]int{} // office/counter/day → queue numbers
	c.each(area, `SELECT id, office_code, counter_code, day, queue_no, arrived_at, coalesce(finished_at, ''),
		coalesce(suspended_at, ''), suspended_secs FROM visits`, func(rows *sql.Rows) error {
		var id, office, counter, day, arrived, finished string
		var q int
		t := &visitTimes{}
		if err := rows.Scan(&id, &office, &counter, &day, &q, &arrived, &finished, &t.suspendedAt, &t.secs); err != nil {
			return err
		}
		t.day, t.arrived, t.finish = day, parseTime(arrived), parseTime(finished)
		name := c.visit(id)
		switch {
		case t.arrived.IsZero():
			c.add(area, "%s: waktu datang %q tidak terbaca", name, arrived)
		case Day(t.arrived) != day:
			c.add(area, "%s: tercatat pada tanggal %s, padahal datang %s WIB", name, day, t.arrived.In(valid.WIB).Format("2006-01-02 15:04"))
		}
		if finished != "" && t.finish.IsZero() {
			c.add(area, "%s: waktu selesai %q tidak terbaca", name, finished)
		}
		if !t.finish.IsZero() && t.finish.Before(t.arrived) {
			c.add(area, "%s: selesai %s WIB sebelum datang %s WIB", name, t.finish.In(valid.WIB).Format("15:04:05"), t.arrived.In(valid.WIB).Format("15:04:05"))
		}
		if t.secs < 0 {
			c.add(area, "%s: lama ditunda %d detik, tidak boleh negatif", name, t.secs)
		}
		vt[id] = t
		k := office + "/" + counter + "/" + day
		queues[k] = append(queues[k], q)
		return nil
	})
	c.each(area, `SELECT visit_id, started_at, coalesce(ended_at, '') FROM suspensions ORDER BY visit_id, started_at`, func(rows *sql.Rows) error {
		var id, started, ended string
		if err := rows.Scan(&id, &started, &ended); err != nil {
			return err
		}
		t := vt[id]
		if t == nil {
			return nil // a foreign-key finding
		}
		name := c.visit(id)
		s, e := parseTime(started), parseTime(ended)
		switch {
		case s.IsZero():
			c.add(area, "%s: awal penundaan %q tidak terbaca", name, started)
			return nil
		case s.Before(t.arrived):
			c.add(area, "%s: ditunda %s WIB sebelum datang", name, s.In(valid.WIB).Format("2006-01-02 15:04:05"))
		case s.Before(t.last):
			c.add(area, "%s: penundaan %s WIB mulai sebelum penundaan sebelumnya berakhir", name, s.In(valid.WIB).Format("2006-01-02 15:04:05"))
		}
		if ended == "" {
			t.open = append(t.open, started)
			return nil
		}
		switch {
		case e.IsZero():
			c.add(area, "%s: akhir penundaan %q tidak terbaca", name, ended)
		case e.Before(s):
			c.add(area, "%s: penundaan berakhir sebelum dimulai", name)
		case !t.finish.IsZero() && e.After(t.finish):
			c.add(area, "%s: penundaan berakhir setelah kunjungan selesai", name)
		default:
			t.sum += int64(e.Sub(s).Seconds())
			t.last = e
		}
		return nil
	})
	for _, id := range sortedKeys(vt) {
		t, name := vt[id], c.visit(id)
		if t.secs != t.sum {
			c.add(area, "%s: lama ditunda tercatat %d detik, jumlah penundaannya %d detik", name, t.secs, t.sum)
		}
		if !t.finish.IsZero() && !t.arrived.IsZero() && t.secs > int64(t.finish.Sub(t.arrived).Seconds()) {
			c.add(area, "%s: lama ditunda %d detik melebihi lama kunjungan %d detik", name, t.secs, int64(t.finish.Sub(t.arrived).Seconds()))
		}
		switch {
		case len(t.open) > 1:
			c.add(area, "%s: %d penundaan belum berakhir", name, len(t.open))
		case len(t.open) == 1 && t.suspendedAt != t.open[0]:
			c.add(area, "%s: penundaan belum berakhir, tetapi kunjungan tidak tercatat ditunda sejak saat itu", name)
		case len(t.open) == 0 && t.suspendedAt != "":
			c.add(area, "%s: tercatat ditunda tanpa catatan penundaan", name)
		case len(t.open) == 1 && !t.finish.IsZero():
			c.add(area, "%s: sudah selesai, tetapi penundaannya belum berakhir", name)
		}
	}
	c.each(area, `SELECT visit_id, step, done_at FROM visit_steps WHERE done_at IS NOT NULL`, func(rows *sql.Rows) error {
		var id, done string
		var n int
		if err := rows.Scan(&id, &n, &done); err != nil {
			return err
		}
		t := vt[id]
		at := parseTime(done)
		if t == nil || at.IsZero() {
			return nil // foreign keys, and unreadable times of finished visits, are reported elsewhere
		}
		if at.Before(t.arrived) {
			c.add(area, "%s: langkah %d tercatat sebelum pengunjung datang", c.visit(id), n)
		} else if !t.finish.IsZero() && at.After(t.finish) {
			c.add(area, "%s: langkah %d tercatat setelah kunjungan selesai", c.visit(id), n)
		}
		return nil
	})
	for _, k := range sortedKeys(queues) {
		qs := queues[k]
		seen := make(map[int]bool, len(qs))
		max := 0
		for _, q := range qs {
			seen[q] = true
			if q > max {
				max = q
			}
		}
		var missing []string
		for q := 1; q <= max && len(missing) < 5; q++ {
			if !seen[q] {
				missing = append(missing, fmt.Sprintf("%03d", q))
			}
		}
		if len(missing) > 0 {
			c.add(area, "antrean %s: nomor %v tidak ada, padahal nomor antrean tidak pernah dihapus", k, missing)
		}
	}
}

// auditPersonal finds audit rows of personal fields (the guest book, the
// payer's name, a PIN) that carry a value or are not marked personal: the
// trail may record that such a field changed, never what it held. Schema 2
// writes one personal row per save, its field a comma-separated list
// ("name,gender,…"), so a row matches when any field of its list is
// personal.
func (c *checker) auditPersonal() {
	anyOf := func(fields []string) string {
		conds := make([]string, len(fields))
		for i, f := range fields {
			conds[i] = "instr(',' || field || ',', '," + f + ",') > 0"
		}
		return "(" + strings.Join(conds, " OR ") + ")"
	}
	c.each("audit", `SELECT origin, seq, entity, field, personal FROM audit WHERE
		((entity IN ('visit', 'visitor') AND `+anyOf(append(personalFields, "payer"))+`)
		OR (entity = 'officer' AND field = 'pin'))
		AND (personal = 0 OR old IS NOT NULL OR new IS NOT NULL) ORDER BY origin, seq LIMIT 20`, func(rows *sql.Rows) error {
		var origin, seq int64
		var entity, field string
		var personal bool
		if err := rows.Scan(&origin, &seq, &entity, &field, &personal); err != nil {
			return err
		}
		if !personal {
			c.add("audit", "baris jejak audit loket %d nomor %d (%s %s) tidak bertanda data pribadi", origin, seq, entity, field)
		} else {
			c.add("audit", "baris jejak audit loket %d nomor %d (%s %s) memuat nilai data pribadi", origin, seq, entity, field)
		}
		return nil
	})
}
