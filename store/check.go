package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"loket/tariff"
)

// Problem is one thing Check found wrong, in Indonesian for the officer.
type Problem struct {
	Area string // integritas, kunci asing, kunjungan, langkah, pembayaran, penyerahan, audit
	Msg  string
}

func (p Problem) String() string { return p.Area + ": " + p.Msg }

// CheckReport is the result of Check.
type CheckReport struct {
	Path      string
	Version   int // schema version
	Visits    int
	Finished  int // visits Selesai
	Payments  int
	AuditRows int
	Problems  []Problem
}

// OK reports whether nothing was found wrong.
func (r CheckReport) OK() bool { return len(r.Problems) == 0 }

// maxProblems caps each area's list, so a badly damaged file still gives a
// readable report.
const maxProblems = 50

// Check examines the loket database at path without changing it (it is
// opened with SQLite's mode=ro; the main file stays byte for byte the same)
// and works beside a running counter app, reading one snapshot. It returns
// an error, and no report, when the file cannot be examined: missing, a
// folder, empty, not SQLite, not loket (ErrNotLoket), or newer than this
// program (TooNewError). Otherwise the report lists every problem found:
//
//   - integritas: PRAGMA integrity_check (the file's structure);
//   - kunci asing: PRAGMA foreign_key_check (no record points at a missing one);
//   - kunjungan: every visit has its 16 step rows; a closed visit has its
//     finishing time, and its record (non-personal columns and step rows)
//     equals the seal the trail wrote when it was closed (visit_seal.go);
//   - pembayaran: every payment equals its visit's total, the sum of its
//     product lines, its invoice and its one valid kuitansi; no valid
//     kuitansi without a payment; a paid visit is not Batal or Dirujuk;
//   - langkah: every Selesai visit has steps 1–16 each done or, for 8, 9, 11
//     and 12 only, not applicable; done steps in an allowed order (1–9 in
//     turn, 10–12 after them, 13 after 10–12, then 14, 15, 16 last); step 11
//     done exactly when there is a payment; every product line handed over;
//   - penyerahan: no product handed over before it was prepared, before the
//     payment, or before the SPPD was received, nor while payment is pending;
//   - audit: see checker.audit (check_audit.go) for what can and cannot be
//     verified;
//   - rantai audit: each counter's audit trail recomputes as a hash chain
//     (checker.chain, check_chain.go); what that proves and what it does
//     not is in docs/reliability.md.
//
// A compressed backup (.db.gz) is checked too: it is decompressed into a
// temporary owner-only file beside it (or in the user's temp folder when
// that folder is read-only), removed before Check returns.
func Check(ctx context.Context, path string) (CheckReport, error) {
	r := CheckReport{Path: path}
	src, done, err := openSource(path, "")
	if err != nil {
		return r, err
	}
	defer done()
	db, err := openReadOnly(src)
	if err != nil {
		return r, renamed(err, src, path)
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return r, fmt.Errorf("baca %s: %w", path, mapErr(err))
	}
	defer tx.Rollback()
	if r.Version, err = identify(ctx, tx, path); err != nil {
		return r, err
	}
	if r.Version > SchemaVersion {
		return r, &TooNewError{Database: r.Version, Binary: SchemaVersion}
	}
	if r.Version < SchemaVersion {
		return r, &NeedsUpgradeError{Database: r.Version, Binary: SchemaVersion}
	}
	c := &checker{ctx: ctx, tx: tx, r: &r}
	bad, err := integrity(ctx, tx, "integrity_check", maxProblems)
	c.fail("integritas", err)
	for _, b := range bad {
		c.add("integritas", "%s", b)
	}
	c.schema()
	c.foreignKeys()
	c.origins()
	c.fail("kunjungan", c.loadVisits())
	c.constraints() // after loadVisits: its findings name the visit
	c.stepRows()
	c.seals()        // visit_seal.go
	c.visitorLinks() // merge_links.go
	c.payments()
	c.finished()
	c.handovers()
	c.money()
	c.times()
	c.audit()
	c.chain() // check_chain.go
	c.auditPersonal()
	return r, nil
}

// QuickCheck runs PRAGMA quick_check on the open database: the file's
// structure without the slower index cross-checks, a second or less on a
// year of visits. The counter app runs it once after its first frame and
// shows the result only when it is not clean. It returns nil when the file
// is sound, else SQLite's findings (at most 20).
func (s *Store) QuickCheck(ctx context.Context) ([]string, error) {
	return integrity(ctx, s.db, "quick_check", 20)
}

// integrity runs integrity_check or quick_check and returns the problems it
// reports (nil for "ok").
func integrity(ctx context.Context, q querier, pragma string, max int) ([]string, error) {
	rows, err := q.QueryContext(ctx, fmt.Sprintf("PRAGMA %s(%d)", pragma, max))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, mapErr(err)
		}
		if s != "ok" {
			out = append(out, s)
		}
	}
	return out, mapErr(rows.Err())
}

type visitInfo struct {
	label  string // "A-003 (2026-11-26)"
	status VisitStatus
	total  int64
}

type checker struct {
	ctx    context.Context
	tx     *sql.Tx
	r      *CheckReport
	visits map[string]visitInfo
	count  map[string]int
}

func (c *checker) add(area, format string, args ...any) {
	if c.count == nil {
		c.count = map[string]int{}
	}
	c.count[area]++
	switch n := c.count[area]; {
	case n < maxProblems:
		c.r.Problems = append(c.r.Problems, Problem{Area: area, Msg: fmt.Sprintf(format, args...)})
	case n == maxProblems:
		c.r.Problems = append(c.r.Problems, Problem{Area: area, Msg: "… masalah lain di bagian ini tidak ditampilkan"})
	}
}

// fail records that a part of the check could not run (a damaged file).
func (c *checker) fail(area string, err error) {
	if err != nil {
		c.add(area, "pemeriksaan tidak dapat dijalankan: %v", mapErr(err))
	}
}

// visit names a visit as the officer knows it.
func (c *checker) visit(id string) string {
	if v, ok := c.visits[id]; ok {
		return "kunjungan " + v.label
	}
	return "kunjungan " + id
}

// each runs a query and calls fn for each row; a failed query is reported
// under area.
func (c *checker) each(area, query string, fn func(rows *sql.Rows) error) {
	rows, err := c.tx.QueryContext(c.ctx, query)
	if err != nil {
		c.fail(area, err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			c.fail(area, err)
			return
		}
	}
	c.fail(area, rows.Err())
}

func (c *checker) foreignKeys() {
	c.each("kunci asing", "PRAGMA foreign_key_check", func(rows *sql.Rows) error {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		c.add("kunci asing", "baris %d tabel %s menunjuk ke %s yang tidak ada", rowid.Int64, table, parent)
		return nil
	})
}

func (c *checker) loadVisits() error {
	c.visits = map[string]visitInfo{}
	rows, err := c.tx.QueryContext(c.ctx, `SELECT id, counter_code, queue_no, day, status, total,
		finished_at IS NOT NULL FROM visits`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, counter, day string
		var q int
		var finished bool
		var v visitInfo
		if err := rows.Scan(&id, &counter, &q, &day, &v.status, &v.total, &finished); err != nil {
			return err
		}
		v.label = queueLabel(counter, q) + " (" + day + ")"
		c.visits[id] = v
		c.r.Visits++
		if v.status == VisitDone {
			c.r.Finished++
		}
		if v.status != VisitOpen && !finished {
			c.add("kunjungan", "kunjungan %s berstatus %s tetapi tanpa waktu selesai", v.label, v.status)
		}
	}
	return rows.Err()
}

func (c *checker) stepRows() {
	c.each("kunjungan", `SELECT v.id, count(s.step) FROM visits v LEFT JOIN visit_steps s ON s.visit_id = v.id
		GROUP BY v.id HAVING count(s.step) <> 16`, func(rows *sql.Rows) error {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		c.add("kunjungan", "%s mempunyai %d baris langkah, seharusnya 16", c.visit(id), n)
		return nil
	})
}

func (c *checker) payments() {
	type doc struct {
		number string
		amount int64
	}
	active := map[string]map[string][]doc{} // visit → kind → valid documents
	c.each("pembayaran", `SELECT visit_id, kind, number, amount FROM invoices WHERE void_at IS NULL`, func(rows *sql.Rows) error {
		var visit, kind string
		var d doc
		if err := rows.Scan(&visit, &kind, &d.number, &d.amount); err != nil {
			return err
		}
		if active[visit] == nil {
			active[visit] = map[string][]doc{}
		}
		active[visit][kind] = append(active[visit][kind], d)
		return nil
	})
	paid := map[string]bool{}
	c.each("pembayaran", `SELECT p.visit_id, p.amount, coalesce((SELECT sum(i.amount) FROM items i
		WHERE i.visit_id = p.visit_id AND (i.available IS NULL OR i.available = 1)), 0)
		FROM payments p`, func(rows *sql.Rows) error {
		var id string
		var amount, lines int64
		if err := rows.Scan(&id, &amount, &lines); err != nil {
			return err
		}
		c.r.Payments++
		paid[id] = true
		v, name, rp := c.visits[id], c.visit(id), tariff.Rupiah(amount)
		if amount != v.total {
			c.add("pembayaran", "%s: dibayar %s, total kunjungan %s", name, rp, tariff.Rupiah(v.total))
		}
		if amount != lines {
			c.add("pembayaran", "%s: dibayar %s, jumlah produk %s", name, rp, tariff.Rupiah(lines))
		}
		for _, kind := range []string{"invoice", "kuitansi"} {
			docs := active[id][kind]
			switch {
			case len(docs) == 0:
				c.add("pembayaran", "%s: dibayar %s tanpa %s yang berlaku", name, rp, kind)
			case len(docs) > 1:
				c.add("pembayaran", "%s: %d %s berlaku sekaligus", name, len(docs), kind)
			case docs[0].amount != amount:
				c.add("pembayaran", "%s: %s %s bernilai %s, dibayar %s", name, kind, docs[0].number, tariff.Rupiah(docs[0].amount), rp)
			}
		}
		if v.status == VisitCanceled || v.status == VisitReferred {
			c.add("pembayaran", "%s sudah dibayar %s tetapi berstatus %s", name, rp, v.status)
		}
		return nil
	})
	for id, kinds := range active {
		for _, d := range kinds["kuitansi"] {
			if !paid[id] {
				c.add("pembayaran", "%s: kuitansi %s berlaku tanpa pembayaran", c.visit(id), d.number)
			}
		}
	}
}

// finished checks the steps of every Selesai visit.
func (c *checker) finished() {
	type step struct {
		state string
		at    time.Time
		raw   string
	}
	steps := map[string]*[NumSteps + 1]step{}
	var order []string
	c.each("langkah", `SELECT s.visit_id, s.step, s.state, coalesce(s.done_at, '') FROM visit_steps s
		JOIN visits v ON v.id = s.visit_id WHERE v.status = 'Selesai' ORDER BY s.visit_id, s.step`, func(rows *sql.Rows) error {
		var id, state, done string
		var n int
		if err := rows.Scan(&id, &n, &state, &done); err != nil {
			return err
		}
		if steps[id] == nil {
			steps[id] = &[NumSteps + 1]step{}
			order = append(order, id)
		}
		if n >= 1 && n <= NumSteps {
			steps[id][n] = step{state: state, at: parseTime(done), raw: done}
		}
		return nil
	})
	paid := map[string]bool{}
	c.each("langkah", `SELECT visit_id FROM payments`, func(rows *sql.Rows) error {
		var id string
		err := rows.Scan(&id)
		paid[id] = true
		return err
	})
	unhanded := map[string]int{}
	c.each("langkah", `SELECT i.visit_id, count(*) FROM items i JOIN visits v ON v.id = i.visit_id
		WHERE v.status = 'Selesai' AND (i.available IS NULL OR i.available = 1) AND i.handed_at IS NULL
		GROUP BY i.visit_id`, func(rows *sql.Rows) error {
		var id string
		var n int
		err := rows.Scan(&id, &n)
		unhanded[id] = n
		return err
	})
	mayBeNA := map[int]bool{StepDocCheck: true, StepInvoice: true, StepPayment: true, StepSPPD: true}
	for _, id := range order {
		st, name := steps[id], c.visit(id)
		ok := true
		for n := 1; n <= NumSteps; n++ {
			s := st[n]
			switch {
			case s.state == string(StateDone) && s.at.IsZero():
				c.add("langkah", "%s selesai, tetapi langkah %d tanpa waktu yang terbaca (%q)", name, n, s.raw)
				ok = false
			case s.state == string(StateDone):
			case s.state == string(StateNA) && mayBeNA[n]:
			case s.state == string(StateNA):
				c.add("langkah", "%s selesai, tetapi langkah %d (%s) tercatat tidak berlaku", name, n, Steps[n-1].Short)
				ok = false
			default:
				c.add("langkah", "%s selesai, tetapi langkah %d (%s) berstatus %q", name, n, Steps[n-1].Short, s.state)
				ok = false
			}
		}
		if !ok {
			continue
		}
		done := func(n int) bool { return st[n].state == string(StateDone) }
		before := func(a, b int) {
			if done(a) && done(b) && st[b].at.Before(st[a].at) {
				c.add("langkah", "%s: langkah %d (%s) tercatat sebelum langkah %d (%s)", name, b, Steps[b-1].Short, a, Steps[a-1].Short)
			}
		}
		last := 0 // the latest done step among 1–9
		for n := 1; n <= StepInvoice; n++ {
			if done(n) {
				if last > 0 {
					before(last, n)
				}
				last = n
			}
		}
		for _, n := range []int{StepPrepare, StepPayment, StepSPPD} {
			before(last, n)
			before(n, StepHandover)
		}
		before(StepHandover, StepCheck)
		before(StepCheck, StepRating)
		for n := 1; n < StepFinish; n++ {
			before(n, StepFinish)
		}
		if done(StepPayment) != paid[id] {
			if paid[id] {
				c.add("langkah", "%s: ada pembayaran, tetapi langkah 11 tercatat tidak berlaku", name)
			} else {
				c.add("langkah", "%s: langkah 11 selesai tanpa pembayaran", name)
			}
		}
		if n := unhanded[id]; n > 0 {
			c.add("langkah", "%s selesai, tetapi %d produk belum tercatat diserahkan", name, n)
		}
	}
}

// handovers checks every product line handed over, in any visit.
func (c *checker) handovers() {
	c.each("penyerahan", `SELECT i.visit_id, i.seq, i.handed_at, coalesce(i.prepared_at, ''), coalesce(p.paid_at, ''),
		coalesce(s11.state, ''), coalesce(s12.state, ''), coalesce(s12.done_at, '')
		FROM items i
		LEFT JOIN payments p ON p.visit_id = i.visit_id
		LEFT JOIN visit_steps s11 ON s11.visit_id = i.visit_id AND s11.step = 11
		LEFT JOIN visit_steps s12 ON s12.visit_id = i.visit_id AND s12.step = 12
		WHERE i.handed_at IS NOT NULL`, func(rows *sql.Rows) error {
		var id, handed, prepared, paidAt, s11, s12, sppdAt string
		var seq int
		if err := rows.Scan(&id, &seq, &handed, &prepared, &paidAt, &s11, &s12, &sppdAt); err != nil {
			return err
		}
		h, name := parseTime(handed), c.visit(id)
		switch {
		case prepared == "":
			c.add("penyerahan", "%s: produk %d diserahkan tanpa tercatat disiapkan", name, seq)
		case h.Before(parseTime(prepared)):
			c.add("penyerahan", "%s: produk %d diserahkan sebelum disiapkan", name, seq)
		}
		switch {
		case paidAt != "" && h.Before(parseTime(paidAt)):
			c.add("penyerahan", "%s: produk %d diserahkan sebelum pembayaran", name, seq)
		case paidAt == "" && s11 != string(StateNA):
			c.add("penyerahan", "%s: produk %d diserahkan, tetapi pembayaran belum diterima", name, seq)
		}
		if s12 == string(StateDone) && h.Before(parseTime(sppdAt)) {
			c.add("penyerahan", "%s: produk %d diserahkan sebelum SPPD diterima", name, seq)
		}
		return nil
	})
}
