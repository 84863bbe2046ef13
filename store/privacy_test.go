package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A visitor whose every personal value is distinctive, so that a trace of
// any of them anywhere is found by a plain substring search.
var kartika = GuestInput{Guest: Guest{IDType: "KTP", IDNumber: "1906014507950003", Name: "Kartika Purnamasari",
	Gender: "P", Education: "S2", Occupation: "Wiraswasta", Institution: "CV Lada Putih Manggar",
	Category: "Swasta", Email: "kartika.lada@contoh.id", Phone: "0812-9988-7766", NPWP: "01.234.567.8-901.234"},
	BirthYear: "1995", Consent: true}

// kartikaTraces are her values as typed and as stored (normalised), and the
// values she corrected them from.
var kartikaTraces = []string{"1906014507950003", "Kartika", "Purnamasari", "Lada Putih", "kartika.lada", "kartika.baru",
	"81299887766", "8129988", "82155554444", "01.234.567", "012345678901234"}

// walkAs walks a visit with a different guest in step 3.
func (f *fixture) walkAs(g GuestInput, kind, upTo int) *Visit {
	f.t.Helper()
	old := student
	student = g
	defer func() { student = old }()
	return f.walk(kind, upTo)
}

// kartikaVisits records two paid visits of Kartika (cash, then bank with a
// kode billing and NTPN), a correction of her record and a complaint.
func kartikaVisits(f *fixture) (visitorID string) {
	f.t.Helper()
	v1 := f.walkAs(kartika, paidPub, StepFinish)
	f.clock.Add(time.Hour)
	g := kartika
	g.VisitorID = v1.VisitorID
	v2 := f.walkAs(g, microdata, StepPrepare)
	f.must(f.s.IssueBillingCode(f.ctx, f.off, v2.ID, "Kartika Purnamasari", "820261126000042"))
	f.clock.Add(time.Hour)
	f.must(f.s.ConfirmBankPayment(f.ctx, f.off, v2.ID, "0A1B2C3D4E5F6G7H", "1234567", time.Time{}))
	corrected := kartika
	corrected.Email, corrected.Phone = "kartika.baru@contoh.id", "+62 821-5555-4444"
	f.must(f.s.UpdateVisitor(f.ctx, f.off, v1.VisitorID, corrected))
	return v1.VisitorID
}

// findTraces lists every cell of every table that holds one of needles.
func findTraces(t *testing.T, db *sql.DB, tables string, needles []string) []string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ?`, tables)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	var found []string
	for _, table := range names {
		rows, err := db.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				s := strings.ToLower(fmt.Sprint(v))
				if b, ok := v.([]byte); ok {
					s = strings.ToLower(string(b))
				}
				for _, n := range needles {
					if strings.Contains(s, strings.ToLower(n)) {
						found = append(found, fmt.Sprintf("%s.%s holds %q: %.80s", table, cols[i], n, s))
					}
				}
			}
		}
		rows.Close()
	}
	return found
}

// The audit trail records that a personal field changed, never its value:
// after a guest book, two payments (payer names), a bank payment, a
// correction of the person and one of a visit's guest book, no audit cell
// holds any of the visitor's values.
func TestAuditHoldsNoPersonalValues(t *testing.T) {
	f := newFixture(t)
	id := kartikaVisits(f)
	// A guest book saved again on an open visit: a correction, a row (the
	// first save is the step's own record, visit_seal.go).
	g := kartika
	g.VisitorID = id
	v3 := f.walkAs(g, paidPub, StepRequest)
	g.Phone = "+62 813-7777-0101"
	f.must(f.s.RecordGuest(f.ctx, f.off, v3.ID, g))
	if len(findTraces(t, f.s.db, "visitors", kartikaTraces)) == 0 {
		t.Fatal("the search finds nothing even where her values are kept")
	}
	f.must(f.s.EraseVisitor(f.ctx, f.off, id))
	if got := findTraces(t, f.s.db, "audit", append(kartikaTraces, "81377770101")); len(got) > 0 {
		t.Errorf("personal values in the audit trail:\n%s", strings.Join(got, "\n"))
	}
	// Schema 2 lists the fields one save changed in one row (comma-separated).
	rows, err := f.s.db.Query(`SELECT entity || ' ' || field FROM audit WHERE personal = 1 ORDER BY seq`)
	f.must(err)
	var personal []string
	for rows.Next() {
		var r string
		f.must(rows.Scan(&r))
		personal = append(personal, r)
	}
	f.must(rows.Err())
	rows.Close()
	want := []string{
		"visitor email,phone", // UpdateVisitor
		"visitor email,phone", // v3's first guest book puts her old ones back on the person, not a row on the visit
		"visitor phone",       // the visit's correction updates the person
		"visit phone",         // and is a row on the visit
	}
	if strings.Join(personal, "; ") != strings.Join(want, "; ") {
		t.Errorf("personal rows of the audit:\n%s\nwant:\n%s", strings.Join(personal, "\n"), strings.Join(want, "\n"))
	}
}

// The audit table refuses UPDATE and DELETE, whatever issues them.
func TestAuditAppendOnlyTriggersHold(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepGuestBook)
	for _, q := range []string{`UPDATE audit SET action = 'x'`, `UPDATE audit SET old = NULL, new = NULL`,
		`DELETE FROM audit`, `DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)`} {
		if _, err := f.s.db.Exec(q); err == nil || !strings.Contains(err.Error(), "audit is append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
	r, err := Check(f.ctx, f.s.Path())
	if err != nil || !r.OK() {
		t.Fatalf("check: %v %v", err, r.Problems)
	}
}

// Erasure on request anonymises the person everywhere in the records while
// the money trail stays whole: amounts, methods, NTPN, invoice and kuitansi
// numbers, visit totals and outcomes. A backup made after it holds no trace
// of the person even in its free space.
func TestErasureAnonymisesEverywhereKeepsMoneyTrail(t *testing.T) {
	f := newFixture(t)
	id := kartikaVisits(f)
	other := f.walk(zeroPub, StepFinish) // someone else's visit is untouched
	money := func() string {
		var b strings.Builder
		for _, q := range []string{
			`SELECT visit_id, method, amount, coalesce(billing_id,''), ntpn, ntb, paid_at, day FROM payments ORDER BY id`,
			`SELECT visit_id, kind, number, amount, issued_at, coalesce(void_at,''), void_reason FROM invoices ORDER BY number`,
			`SELECT id, day, queue_no, status, total, arrived_at, finished_at FROM visits ORDER BY id`,
			`SELECT visit_id, code, amount, status FROM billing_codes ORDER BY id`,
			`SELECT visit_id, seq, code, amount FROM items ORDER BY visit_id, seq`,
		} {
			rows, err := f.s.db.Query(q)
			f.must(err)
			cols, _ := rows.Columns()
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				f.must(rows.Scan(ptrs...))
				fmt.Fprintln(&b, vals...)
			}
			rows.Close()
		}
		return b.String()
	}
	before := money()
	var paid int64
	f.must(f.s.db.QueryRow(`SELECT sum(amount) FROM payments`).Scan(&paid))

	if len(findTraces(t, f.s.db, "%", kartikaTraces)) == 0 {
		t.Fatal("the search finds nothing before erasure")
	}
	f.must(f.s.EraseVisitor(f.ctx, f.off, id))

	if after := money(); after != before {
		t.Errorf("money trail changed:\nbefore\n%s\nafter\n%s", before, after)
	}
	if got := findTraces(t, f.s.db, "%", kartikaTraces); len(got) > 0 {
		t.Errorf("traces left after erasure:\n%s", strings.Join(got, "\n"))
	}
	v, err := f.s.Visitor(f.ctx, id)
	f.must(err)
	if v.Guest.Name != Erased || v.ErasedAt.IsZero() || v.Visits != 2 {
		t.Errorf("visitor after erasure: %+v", v)
	}
	if hits, err := f.s.FindVisitors(f.ctx, "kartika", 10); err != nil || len(hits) != 0 {
		t.Errorf("lookup still finds her: %v %v", hits, err)
	}
	if got := f.visit(other.ID); got.Guest.Name != official.Name {
		t.Errorf("another visitor's visit changed: %q", got.Guest.Name)
	}
	r, err := Check(f.ctx, f.s.Path())
	if err != nil || !r.OK() || r.Payments != 2 {
		t.Fatalf("check after erasure: %v %+v", err, r)
	}
	var after int64
	f.must(f.s.db.QueryRow(`SELECT sum(amount) FROM payments`).Scan(&after))
	if after != paid {
		t.Errorf("PNBP total %d, was %d", after, paid)
	}

	// The live database and its WAL keep no byte of her values either:
	// freed space is zeroed (secure_delete) and the WAL, which still held
	// the pages as they were, is checkpointed and truncated.
	noTraceInFiles(t, "after erasure", f.s.Path(), f.s.Path()+"-wal")

	// A backup made after the erasure is rebuilt page by page (VACUUM
	// INTO): no byte of her values survives in it.
	bak, err := f.s.Backup(context.Background(), t.TempDir())
	f.must(err)
	if len(readFile(t, bak)) == 0 { // the backup must be there to be read
		t.Fatal("empty backup")
	}
	noTraceInFiles(t, "after erasure", gunzipped(t, bak))
}

// noTraceInFiles fails for each of Kartika's values found in the raw bytes
// of a file (a missing file holds none).
func noTraceInFiles(t *testing.T, when string, paths ...string) {
	t.Helper()
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		raw = bytes.ToLower(raw)
		for _, n := range kartikaTraces {
			if bytes.Contains(raw, bytes.ToLower([]byte(n))) {
				t.Errorf("%s %s holds %q", filepath.Base(p), when, n)
			}
		}
	}
}

// An export reading beside the app holds a snapshot, and the WAL cannot be
// emptied under it: the erasure is still done, and says so with
// ErrErasedInLog rather than failing. Once the reader is gone and the
// store closed, the files hold no trace.
func TestErasureBesideAReader(t *testing.T) {
	f := newFixture(t)
	id := kartikaVisits(f)

	ro, err := Open(f.ctx, f.s.Path(), Options{ReadOnly: true})
	f.must(err)
	tx, err := ro.db.BeginTx(f.ctx, &sql.TxOptions{ReadOnly: true})
	f.must(err)
	var n int
	f.must(tx.QueryRow(`SELECT count(*) FROM visits`).Scan(&n)) // the snapshot starts here

	err = f.s.EraseVisitor(f.ctx, f.off, id)
	var re *RuleError
	if !errors.Is(err, ErrErasedInLog) || !errors.As(err, &re) || !strings.HasPrefix(re.Msg, "Data pribadi sudah dihapus") {
		t.Fatalf("erasure beside a reader: %v", err)
	}
	if v, err := f.s.Visitor(f.ctx, id); err != nil || v.Guest.Name != Erased {
		t.Fatalf("not erased: %+v %v", v, err)
	}
	f.must(tx.Rollback())
	f.must(ro.Close())
	f.must(f.s.Close())
	noTraceInFiles(t, "after the reader and the store closed", f.s.Path(), f.s.Path()+"-wal")
}
