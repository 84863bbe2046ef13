package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"loket/store"
	"loket/store/demo"
)

// Two demo counters, generated once per test binary and copied per test.
var (
	mergeOnce sync.Once
	mergeDir  string
	mergeErr  error
)

const mergeDays = 20

func mergeSources(t *testing.T) (a, b string) {
	t.Helper()
	mergeOnce.Do(func() {
		mergeDir, mergeErr = os.MkdirTemp("", "loket-merge-")
		if mergeErr != nil {
			return
		}
		until := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
		if _, mergeErr = demo.Generate(context.Background(), filepath.Join(mergeDir, "a.db"), demo.Config{Days: mergeDays, Until: until, Seed: 1}); mergeErr != nil {
			return
		}
		_, mergeErr = demo.Generate(context.Background(), filepath.Join(mergeDir, "b.db"), demo.Config{Days: mergeDays, Until: until, Seed: 2, Counter: "B"})
	})
	if mergeErr != nil {
		t.Fatal(mergeErr)
	}
	dir := t.TempDir()
	return copyFile(t, filepath.Join(mergeDir, "a.db"), filepath.Join(dir, "a.db")),
		copyFile(t, filepath.Join(mergeDir, "b.db"), filepath.Join(dir, "b.db"))
}

func TestMain(m *testing.M) {
	code := m.Run()
	if mergeDir != "" {
		os.RemoveAll(mergeDir)
	}
	os.Exit(code)
}

func copyFile(t *testing.T, from, to string) string {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return to
}

func digest(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// totals are what a period's export adds up: visits, payments, PNBP.
type totals struct{ visits, payments, pnbp, audit int64 }

func totalsOf(t *testing.T, path string) totals {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var x totals
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM visits), (SELECT count(*) FROM payments),
		(SELECT coalesce(sum(amount), 0) FROM payments), (SELECT count(*) FROM audit)`).Scan(&x.visits, &x.payments, &x.pnbp, &x.audit); err != nil {
		t.Fatal(err)
	}
	return x
}

func merge(t *testing.T, archive string, sources ...string) []store.MergeResult {
	t.Helper()
	rs, err := store.Merge(context.Background(), archive, sources, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestMergeIsTheUnion(t *testing.T) {
	ctx := context.Background()
	a, b := mergeSources(t)
	da, db := digest(t, a), digest(t, b)
	archive := filepath.Join(t.TempDir(), "arsip.db")
	var progress bytes.Buffer
	rs, err := store.Merge(ctx, archive, []string{a, b}, &progress)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Added == 0 || rs[1].Added == 0 || rs[0].Updated != 0 || rs[0].Counter != "1906/A" || rs[1].Counter != "1906/B" {
		t.Fatalf("results %+v", rs)
	}
	if !bytes.Contains(progress.Bytes(), []byte("catatan baru")) {
		t.Errorf("progress: %q", progress.String())
	}
	if digest(t, a) != da || digest(t, b) != db {
		t.Fatal("a source's bytes changed")
	}
	ta, tb, tz := totalsOf(t, a), totalsOf(t, b), totalsOf(t, archive)
	want := totals{ta.visits + tb.visits, ta.payments + tb.payments, ta.pnbp + tb.pnbp, ta.audit + tb.audit}
	if tz != want || ta.visits == 0 || tb.visits == 0 || ta.pnbp == 0 {
		t.Fatalf("archive %+v, want %+v (a %+v, b %+v)", tz, want, ta, tb)
	}
	if st, err := os.Stat(archive); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("archive mode: %v %v", st.Mode(), err)
	}
	r, err := store.Check(ctx, archive)
	if err != nil || !r.OK() {
		t.Fatalf("check on the archive: %v %v", r.Problems, err)
	}

	// The same copies again: nothing new, said so, the archive unchanged.
	before := digest(t, archive)
	rs = merge(t, archive, a, b)
	for _, r := range rs {
		if !r.UpToDate || r.Added != 0 || r.Updated != 0 {
			t.Fatalf("second merge: %+v", r)
		}
	}
	if digest(t, archive) != before {
		t.Fatal("a merge that added nothing changed the archive")
	}

	// The app and every writing command refuse the archive; readers read it.
	if _, err := store.Open(ctx, archive, store.Options{}); !errors.Is(err, store.ErrArchive) {
		t.Fatalf("writable open of an archive: %v", err)
	}
	s, err := store.Open(ctx, archive, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if is, err := s.IsArchive(ctx); err != nil || !is {
		t.Fatalf("IsArchive %v %v", is, err)
	}
	s.Close()
	// A counter's own database is never made an archive.
	if _, err := store.Merge(ctx, a, []string{b}, nil); !errors.Is(err, store.ErrArchive) {
		t.Fatalf("merge into a counter's database: %v", err)
	}
	if digest(t, a) != da {
		t.Fatal("a counter's database changed")
	}
}

// An open visit finished at its counter after the first merge updates that
// visit in the archive, and nothing else.
func TestMergeUpdatedSource(t *testing.T) {
	ctx := context.Background()
	a, _ := mergeSources(t)
	archive := filepath.Join(t.TempDir(), "arsip.db")
	merge(t, archive, a)
	s, err := store.Open(ctx, a, store.Options{Now: func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	open, err := s.OpenVisits(ctx)
	if err != nil || len(open) == 0 {
		s.Close()
		t.Fatalf("the demo leaves visits open on its last day: %d %v", len(open), err)
	}
	officers, err := s.Officers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The visit cancelled is one waiting at the bank: its cancel once left
	// step 11 waiting beside a voided code, which check found.
	at := slices.IndexFunc(open, func(o store.OpenVisit) bool { return o.Waiting })
	if at < 0 {
		s.Close()
		t.Fatalf("the demo leaves no visit waiting at the bank on its last day: %+v", open)
	}
	open[0] = open[at]
	if err := s.Cancel(ctx, officers[0].ID, open[0].ID, "Pengunjung tidak kembali"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if r, err := store.Check(ctx, a); err != nil || !r.OK() {
		t.Fatalf("check of the source after the cancel: %v %+v", err, r.Problems)
	}
	rs := merge(t, archive, a)
	if rs[0].UpToDate || rs[0].Updated == 0 || rs[0].Updated > 20 || rs[0].Added > 20 || rs[0].Audit == 0 {
		t.Fatalf("after one cancel: %+v", rs[0])
	}
	z, err := store.Open(ctx, archive, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	v, err := z.Visit(ctx, open[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.Status != store.VisitCanceled {
		t.Fatalf("visit in the archive: %s", v.Status)
	}
	if got, want := totalsOf(t, archive), totalsOf(t, a); got != want {
		t.Fatalf("archive %+v, source %+v", got, want)
	}
	if r, err := store.Check(ctx, archive); err != nil || !r.OK() {
		t.Fatalf("check of the archive after the cancel: %v %+v", err, r.Problems)
	}
}

// Each conflict is refused with an Indonesian message, the archive's bytes
// as they were.
func TestMergeConflictsRefused(t *testing.T) {
	ctx := context.Background()
	a, b := mergeSources(t)
	dir := t.TempDir()
	archive := filepath.Join(dir, "arsip.db")
	merge(t, archive, a)
	before := digest(t, archive)

	edit := func(name string, stmts ...string) string {
		p := copyFile(t, a, filepath.Join(dir, name))
		db, err := sql.Open("sqlite", p)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, q := range stmts {
			if _, err := db.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		return p
	}
	otherUID := `UPDATE counters SET uid = 'ffffffffffffffffffffffffffffffff' WHERE id = 1`
	notSQLite := filepath.Join(dir, "catatan.db")
	if err := os.WriteFile(notSQLite, []byte("bukan basis data, hanya teks yang cukup panjang untuk sebuah kepala berkas"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, source, want string
		kind               error
	}{
		// Officers travel first: their IDs are the first refused. Two
		// counters may share an officer's name, never an officer's ID.
		{"same officer ID from two counters", edit("c.db", otherUID, `UPDATE office SET counter_code = 'C'`), "di tabel officers sudah ada di arsip dari loket lain", store.ErrMergeConflict},
		{"two counters, one code", edit("d.db", otherUID), "kode kantor dan kode loket yang sama", store.ErrMergeConflict},
		{"newer schema", edit("e.db", `PRAGMA user_version = 99`), "loket yang lebih baru", store.ErrMergeConflict},
		{"other SQLite", edit("f.db", `PRAGMA user_version = 0`), "bukan basis data loket", store.ErrNotLoket},
		{"not SQLite", notSQLite, "bukan", store.ErrNotLoket},
		{"an archive", archive, "arsip", store.ErrMergeConflict},
	}
	for _, c := range cases {
		_, err := store.Merge(ctx, archive, []string{b, c.source}, io.Discard)
		if !errors.Is(err, c.kind) || !bytes.Contains([]byte(err.Error()), []byte(c.want)) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	// b, merged in front of a source refused after it was opened, stays
	// merged (one transaction per source): a merge of b adds nothing.
	if rs := merge(t, archive, b); !rs[0].UpToDate {
		t.Fatalf("b after the refusals: %+v", rs[0])
	}
	before = digest(t, archive)
	for _, c := range cases {
		if _, err := store.Merge(ctx, archive, []string{c.source}, io.Discard); err == nil {
			t.Errorf("%s: merged", c.name)
		}
		if digest(t, archive) != before {
			t.Fatalf("%s: the archive changed", c.name)
		}
	}
}

// A source's erasure is applied in the archive by the store's erasure, and
// an older copy merged later does not bring the person back.
func TestMergeErasureTravels(t *testing.T) {
	ctx := context.Background()
	a, _ := mergeSources(t)
	dir := t.TempDir()
	old := copyFile(t, a, filepath.Join(dir, "a-lama.db"))
	archive := filepath.Join(dir, "arsip.db")
	merge(t, archive, a)
	s, err := store.Open(ctx, a, store.Options{Now: func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	var visitor, name string
	if err := sqlOf(t, a).QueryRow(`SELECT id, name FROM visitors WHERE erased_at IS NULL AND name <> '' ORDER BY id LIMIT 1`).Scan(&visitor, &name); err != nil {
		t.Fatal(err)
	}
	officers, err := s.Officers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EraseVisitor(ctx, officers[0].ID, visitor); err != nil {
		t.Fatal(err)
	}
	s.Close()
	rs := merge(t, archive, a)
	if rs[0].Erased != 1 {
		t.Fatalf("erasures applied: %+v", rs[0])
	}
	assertErased := func(when string) {
		t.Helper()
		z := sqlOf(t, archive)
		var got string
		var terms, named, erasures int
		if err := z.QueryRow(`SELECT name, (SELECT count(*) FROM visitor_terms WHERE visitor_id = ?1),
			(SELECT count(*) FROM visits WHERE visitor_id = ?1 AND v_name <> ?2),
			(SELECT count(*) FROM erasures WHERE visitor_id = ?1 AND origin <> 1)
			FROM visitors WHERE id = ?1`, visitor, store.Erased).Scan(&got, &terms, &named, &erasures); err != nil {
			t.Fatal(err)
		}
		if got != store.Erased || terms != 0 || named != 0 || erasures != 1 {
			t.Fatalf("%s: name %q, %d terms, %d visits named, %d erasures of the counter", when, got, terms, named, erasures)
		}
	}
	assertErased("after the merge")
	if rs := merge(t, archive, old); !rs[0].Older {
		t.Fatalf("older copy: %+v", rs[0])
	}
	assertErased("after an older copy")
	if r, err := store.Check(ctx, archive); err != nil || !r.OK() {
		t.Fatalf("check: %v %v", r.Problems, err)
	}
}

func sqlOf(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// A person seen at two counters (the same ID number) is reported linked;
// both records are kept.
func TestMergeLinksVisitors(t *testing.T) {
	a, b := mergeSources(t)
	var idType, idNumber string
	if err := sqlOf(t, a).QueryRow(`SELECT id_type, id_number FROM visitors WHERE id_number <> '' ORDER BY id LIMIT 1`).Scan(&idType, &idNumber); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE visitors SET id_type = ?, id_number = ? WHERE id = (SELECT id FROM visitors WHERE id_number <> '' ORDER BY id LIMIT 1)`, idType, idNumber); err != nil {
		t.Fatal(err)
	}
	db.Close()
	archive := filepath.Join(t.TempDir(), "arsip.db")
	rs := merge(t, archive, a, b)
	if rs[0].Linked != 0 || rs[1].Linked != 1 {
		t.Fatalf("linked: %+v", rs)
	}
	var n int
	if err := sqlOf(t, archive).QueryRow(`SELECT count(*) FROM visitors WHERE id_number = ?`, idNumber).Scan(&n); err != nil || n != 2 {
		t.Fatalf("both records kept: %d %v", n, err)
	}
	// The link is stored both ways, by the two IDs only.
	var links, pairs, personVisits int
	if err := sqlOf(t, archive).QueryRow(`SELECT count(*), count(CASE WHEN EXISTS (SELECT 1 FROM visitor_links r
		WHERE r.visitor_id = l.linked_id AND r.linked_id = l.visitor_id) THEN 1 END),
		(SELECT count(*) FROM visits WHERE visitor_id IN (SELECT id FROM visitors WHERE id_number = ?))
		FROM visitor_links l WHERE l.visitor_id IN (SELECT id FROM visitors WHERE id_number = ?)`, idNumber, idNumber).Scan(&links, &pairs, &personVisits); err != nil {
		t.Fatal(err)
	}
	if links != 2 || pairs != 2 {
		t.Fatalf("visitor_links of the person: %d rows, %d with their reverse; want 2 and 2", links, pairs)
	}
	// check knows the rule: a link edited by hand is found.
	for _, e := range []struct{ sql, want string }{
		{`DELETE FROM visitor_links WHERE visitor_id = (SELECT min(visitor_id) FROM visitor_links)`, "tanpa tautan baliknya"},
		{`UPDATE visitors SET id_number = '3171000000000001' WHERE id = (SELECT visitor_id FROM visitor_links LIMIT 1)`, "nomor identitasnya tidak sama"},
	} {
		edited := copyFile(t, archive, filepath.Join(t.TempDir(), "arsip.db"))
		w, err := sql.Open("sqlite", edited)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Exec(e.sql); err != nil {
			t.Fatal(err)
		}
		w.Close()
		r, err := store.Check(context.Background(), edited)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range r.Problems {
			found = found || (p.Area == "pengunjung" && strings.Contains(p.Msg, e.want))
		}
		if !found {
			t.Errorf("%s: want pengunjung …%s…; got %v", e.sql, e.want, r.Problems)
		}
	}
	// The recap counts the person once: one fewer than the visitor records
	// of the period.
	persons := func(path string) (total, records int) {
		t.Helper()
		s, err := store.Open(context.Background(), path, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.Report(context.Background(), "2000-01-01", "2100-12-31", func(r *store.Report) error {
			total, _, err = r.Visitors()
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if err := sqlOf(t, path).QueryRow(`SELECT count(DISTINCT visitor_id) FROM visits`).Scan(&records); err != nil {
			t.Fatal(err)
		}
		return total, records
	}
	if total, records := persons(archive); personVisits < 2 || total != records-1 {
		t.Fatalf("recap of the archive: %d persons of %d visitor records (the person has %d visits); want one fewer", total, records, personVisits)
	}
	// Erased at counter B, the person is erased in the archive and no
	// longer linked to anyone.
	sb, err := store.Open(context.Background(), b, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var erased string
	if err := sqlOf(t, b).QueryRow(`SELECT id FROM visitors WHERE id_number = ?`, idNumber).Scan(&erased); err != nil {
		t.Fatal(err)
	}
	if err := sb.EraseVisitor(context.Background(), "", erased); err != nil {
		t.Fatal(err)
	}
	sb.Close()
	merge(t, archive, b)
	if err := sqlOf(t, archive).QueryRow(`SELECT count(*) FROM visitor_links WHERE visitor_id = ?1 OR linked_id = ?1`, erased).Scan(&links); err != nil || links != 0 {
		t.Fatalf("links of the erased person after the merge: %d %v", links, err)
	}
	if total, records := persons(archive); total != records {
		t.Fatalf("recap after the erasure: %d persons of %d visitor records", total, records)
	}
}

// Two copies of one counter that went separate ways (a restore, a laptop
// copy used beside the PC) share their past and then differ: the second
// copy is refused, naming the counter and the audit row where the two
// histories part, and the archive's bytes are as they were.
func TestMergeForkedSourceRefused(t *testing.T) {
	ctx := context.Background()
	a, _ := mergeSources(t)
	dir := t.TempDir()
	archive := filepath.Join(dir, "arsip.db")
	merge(t, archive, a)
	var seen int64
	if err := sqlOf(t, a).QueryRow(`SELECT audit_seq FROM counters WHERE id = 1`).Scan(&seen); err != nil {
		t.Fatal(err)
	}
	laptop := copyFile(t, a, filepath.Join(dir, "a-laptop.db"))
	twin := copyFile(t, a, filepath.Join(dir, "a-kembar.db"))
	// Each copy records an event on a different open visit (Cancel is not
	// used: on this demo it leaves a check problem of its own).
	use := func(path string, which int, note string) {
		t.Helper()
		s, err := store.Open(ctx, path, store.Options{Now: func() time.Time { return time.Date(2026, 11, 30, 13, 0, 0, 0, time.UTC) }})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		open, err := s.OpenVisits(ctx)
		if err != nil || len(open) <= which {
			t.Fatalf("open visits: %d %v", len(open), err)
		}
		officers, err := s.Officers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.RecordEvent(ctx, officers[0].ID, "visit", open[which].ID, "tanpa_samaran", note); err != nil {
			t.Fatal(err)
		}
	}
	// The counter goes on; the laptop copy is used on its own.
	use(a, 0, "di PC loket")
	use(laptop, 1, "di laptop")
	merge(t, archive, a)
	before := digest(t, archive)
	_, err := store.Merge(ctx, archive, []string{laptop}, io.Discard)
	want := fmt.Sprintf("%s: riwayat loket 1906/A bercabang dari yang sudah digabung: baris jejak audit %d", laptop, seen+1)
	if !errors.Is(err, store.ErrMergeConflict) || !strings.Contains(err.Error(), want) {
		t.Fatalf("forked copy: %v", err)
	}
	if digest(t, archive) != before {
		t.Fatal("the archive changed")
	}
	// A fork that is behind or level with the archive is refused too, not
	// called an older copy or one already merged.
	use(twin, 2, "di PC kembar")
	if _, err := store.Merge(ctx, archive, []string{twin}, io.Discard); !errors.Is(err, store.ErrMergeConflict) || !strings.Contains(err.Error(), "bercabang") {
		t.Fatalf("level fork: %v", err)
	}
	if digest(t, archive) != before {
		t.Fatal("the archive changed")
	}
	if r, err := store.Check(ctx, archive); err != nil || !r.OK() {
		t.Fatalf("check: %v %v", r.Problems, err)
	}
}

// A counter still on schema 1 is told to upgrade, by gabung and by
// salin-tanpa-identitas alike, not called "not a loket database".
func TestMergeSchemaOneSource(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	v1 := copyFile(t, filepath.Join("..", "testdata", "v1", "loket-v1.db"), filepath.Join(dir, "loket-v1.db"))
	before := digest(t, v1)
	archive := filepath.Join(dir, "arsip.db")
	_, err := store.Merge(ctx, archive, []string{v1}, io.Discard)
	want := "masih skema 1; jalankan loket upgrade --db " + v1
	if !errors.Is(err, store.ErrMergeConflict) || !strings.Contains(err.Error(), want) {
		t.Fatalf("merge of a schema-1 counter: %v", err)
	}
	if _, err := os.Stat(archive); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("an archive was created: %v", err)
	}
	if _, err := store.CopyWithoutIdentity(ctx, v1, filepath.Join(dir, "provinsi.db")); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("copy of a schema-1 counter: %v", err)
	}
	if digest(t, v1) != before {
		t.Fatal("the schema-1 file changed")
	}
}

// lockProbe tries the app's lock on path at each progress line.
type lockProbe struct {
	path string
	held []bool
}

func (p *lockProbe) Write(b []byte) (int, error) {
	unlock, err := store.LockApp(p.path)
	if err == nil {
		unlock()
	}
	p.held = append(p.held, errors.Is(err, store.ErrLocked))
	return len(b), nil
}

// The merge holds the app's lock: a second gabung, or the app, on the
// archive while it runs is refused; a merge while another holds it is
// refused with the archive unchanged.
func TestMergeHoldsTheAppLock(t *testing.T) {
	ctx := context.Background()
	a, b := mergeSources(t)
	archive := filepath.Join(t.TempDir(), "arsip.db")
	probe := &lockProbe{path: archive}
	if _, err := store.Merge(ctx, archive, []string{a}, probe); err != nil {
		t.Fatal(err)
	}
	if len(probe.held) != 2 || !probe.held[0] || !probe.held[1] {
		t.Fatalf("lock held at the progress lines: %v", probe.held)
	}
	before := digest(t, archive)
	unlock, err := store.LockApp(archive)
	if err != nil {
		t.Fatal(err)
	}
	_, err = store.Merge(ctx, archive, []string{b}, io.Discard)
	unlock()
	if !errors.Is(err, store.ErrLocked) || !strings.Contains(err.Error(), "sedang dipakai oleh loket gabung lain atau oleh aplikasi loket") {
		t.Fatalf("merge while the lock is held: %v", err)
	}
	if digest(t, archive) != before {
		t.Fatal("the archive changed")
	}
}

// A billing code or invoice replaced by another (replaced_by) is read from
// the source newest first, so that the replacement is in the archive
// before the row naming it (merger.order: a speed matter, see there). The
// chains arrive whole whatever the order: each archive row names the same
// replacement as at its counter.
func TestMergeKeepsReplacementChains(t *testing.T) {
	a, b := mergeSources(t)
	archive := filepath.Join(t.TempDir(), "arsip.db")
	merge(t, archive, a, b)
	chains := func(path string) (map[string]string, int) {
		t.Helper()
		db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rows, err := db.Query(`SELECT 'b' || id, coalesce(replaced_by, '') FROM billing_codes
			UNION ALL SELECT 'i' || id, coalesce(replaced_by, '') FROM invoices`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out, replaced := map[string]string{}, 0
		for rows.Next() {
			var id, by string
			if err := rows.Scan(&id, &by); err != nil {
				t.Fatal(err)
			}
			out[id] = by
			if by != "" {
				replaced++
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out, replaced
	}
	want, replacedA := chains(a)
	fromB, replacedB := chains(b)
	for id, by := range fromB {
		want[id] = by
	}
	if replacedA == 0 || replacedB == 0 {
		t.Fatalf("the demo counters replaced nothing (A %d, B %d): the test would test no chain", replacedA, replacedB)
	}
	got, _ := chains(archive)
	if len(got) != len(want) {
		t.Fatalf("archive holds %d billing codes and invoices, the counters %d", len(got), len(want))
	}
	for id, by := range want {
		if got[id] != by {
			t.Errorf("%s: replaced by %q in the archive, %q at its counter", id, got[id], by)
		}
	}
}

// A step's first save is not an audit row (visit_seal.go): an open visit
// that moved on without one still reaches the archive on the next merge,
// and an older copy does not take it back.
func TestMergeOpenVisitMovedOnWithoutAuditRows(t *testing.T) {
	ctx := context.Background()
	a, _ := mergeSources(t)
	dir := t.TempDir()
	clock := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	s, err := store.Open(ctx, a, store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	officers, err := s.Officers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.StartVisit(ctx, officers[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := copyFile(t, a, filepath.Join(dir, "sebelum.db"))
	archive := filepath.Join(dir, "arsip.db")
	merge(t, archive, a)

	var seq int64
	if err := sqlOf(t, a).QueryRow(`SELECT audit_seq FROM counters WHERE id = 1`).Scan(&seq); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(5 * time.Minute)
	s, err = store.Open(ctx, a, store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordPurpose(ctx, officers[0].ID, v.ID, "Mencari data kemiskinan", "Penelitian"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	var after int64
	if err := sqlOf(t, a).QueryRow(`SELECT audit_seq FROM counters WHERE id = 1`).Scan(&after); err != nil || after != seq {
		t.Fatalf("the first save of step 2 wrote audit rows (%d → %d, %v); this test needs one that does not", seq, after, err)
	}
	rs := merge(t, archive, a)
	if rs[0].UpToDate {
		t.Fatalf("the visit moved on, yet the merge says up to date: %+v", rs[0])
	}
	purpose := func() (use string, step2 string) {
		t.Helper()
		if err := sqlOf(t, archive).QueryRow(`SELECT v.use, s.state FROM visits v JOIN visit_steps s ON s.visit_id = v.id AND s.step = 2
			WHERE v.id = ?`, v.ID).Scan(&use, &step2); err != nil {
			t.Fatal(err)
		}
		return use, step2
	}
	if use, st := purpose(); use != "Penelitian" || st != "done" {
		t.Fatalf("the archive's visit after the merge: use %q, step 2 %s", use, st)
	}
	if rs := merge(t, archive, a); !rs[0].UpToDate {
		t.Fatalf("merged again: %+v", rs[0])
	}
	// The next step saved with the counter's clock set back three minutes
	// (still after the arrival): its updated_at is earlier than the last
	// save's, its step is recorded.
	clock = clock.Add(-3 * time.Minute)
	s, err = store.Open(ctx, a, store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordGuest(ctx, officers[0].ID, v.ID, store.GuestInput{Guest: store.Guest{Name: "Tamu Tanpa Persetujuan", Category: "Swasta", Email: "tamu@contoh.id"}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if rs := merge(t, archive, a); rs[0].UpToDate {
		t.Fatalf("step 3 saved with the clock set back, yet the merge says up to date: %+v", rs[0])
	}
	var step3 string
	if err := sqlOf(t, archive).QueryRow(`SELECT state FROM visit_steps WHERE visit_id = ? AND step = 3`, v.ID).Scan(&step3); err != nil || step3 != "done" {
		t.Fatalf("step 3 in the archive: %q %v", step3, err)
	}
	// The copy from before the save changes nothing.
	merge(t, archive, before)
	if use, st := purpose(); use != "Penelitian" || st != "done" {
		t.Fatalf("an older copy took the visit back: use %q, step 2 %s", use, st)
	}
	if r, err := store.Check(ctx, archive); err != nil || !r.OK() {
		t.Fatalf("check of the archive: %v %+v", err, r.Problems)
	}
}

// A counter merged before is read past its last merged sequence for its
// own tables too: the records a later audit row names (a new officer, a
// visitor corrected, a complaint and a follow-up that keeps its status)
// reach the archive, and a record no audit row names is not read again —
// an edit made outside loket does not travel.
func TestMergeReadsOwnTablesPastLastSequence(t *testing.T) {
	ctx := context.Background()
	a, _ := mergeSources(t)
	archive := filepath.Join(t.TempDir(), "arsip.db")
	merge(t, archive, a)

	var untouched, corrected string
	if err := sqlOf(t, a).QueryRow(`SELECT (SELECT id FROM visitors WHERE erased_at IS NULL ORDER BY id LIMIT 1),
		(SELECT id FROM visitors WHERE erased_at IS NULL ORDER BY id DESC LIMIT 1)`).Scan(&untouched, &corrected); err != nil {
		t.Fatal(err)
	}
	w, err := sql.Open("sqlite", a)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Exec(`UPDATE visitors SET occupation = 'Diubah di luar loket' WHERE id = ?`, untouched); err != nil {
		t.Fatal(err)
	}
	w.Close()
	s, err := store.Open(ctx, a, store.Options{Now: func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	o, err := s.AddOfficer(ctx, "Petugas Baru", "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Visitor(ctx, corrected)
	if err != nil {
		t.Fatal(err)
	}
	p.Guest.Phone = "0819-0000-4321"
	if err := s.UpdateVisitor(ctx, o.ID, corrected, store.GuestInput{Guest: p.Guest, BirthYear: fmt.Sprint(p.Guest.BirthYear)}); err != nil {
		t.Fatal(err)
	}
	c, err := s.AddComplaint(ctx, o.ID, store.ComplaintChannels[0], "Antrean terlalu lama", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.FollowUpComplaint(ctx, o.ID, c, store.ComplaintStatuses[0], "Sudah dihubungi"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	merge(t, archive, a)
	// A follow-up that keeps the status, after the complaint was merged.
	s, err = store.Open(ctx, a, store.Options{Now: func() time.Time { return time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.FollowUpComplaint(ctx, o.ID, c, store.ComplaintStatuses[0], "Dihubungi lagi, menunggu jawaban"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if rs := merge(t, archive, a); rs[0].UpToDate {
		t.Fatalf("a follow-up that keeps the status: %+v", rs[0])
	}
	var officer, phone, occupation string
	var complaints, followups int
	if err := sqlOf(t, archive).QueryRow(`SELECT (SELECT name FROM officers WHERE id = ?1), (SELECT phone FROM visitors WHERE id = ?2),
		(SELECT occupation FROM visitors WHERE id = ?3), (SELECT count(*) FROM complaints WHERE id = ?4),
		(SELECT count(*) FROM complaint_followups WHERE complaint_id = ?4)`, o.ID, corrected, untouched, c).Scan(&officer, &phone, &occupation, &complaints, &followups); err != nil {
		t.Fatal(err)
	}
	if officer != "Petugas Baru" || phone != "+6281900004321" || complaints != 1 || followups != 2 {
		t.Errorf("in the archive: officer %q, phone %q, %d complaints, %d follow-ups; want the new officer, the new phone, 1, 2",
			officer, phone, complaints, followups)
	}
	if occupation == "Diubah di luar loket" {
		t.Errorf("a visitor no audit row names was read again: %q", occupation)
	}
	if r, err := store.Check(ctx, archive); err != nil || !r.OK() {
		t.Fatalf("check of the archive: %v %+v", err, r.Problems)
	}
}

// One person's records are all linked to one another, whatever counter
// holds them and however their IDs sort: two records at counter A and one
// at B are one person in the recap. A number corrected at B later drops
// B's links and keeps A's two records linked.
func TestMergeLinksFollowTheIDNumber(t *testing.T) {
	ctx := context.Background()
	a, b := mergeSources(t)
	var idType, idNumber string
	if err := sqlOf(t, a).QueryRow(`SELECT id_type, id_number FROM visitors WHERE id_number <> '' ORDER BY id LIMIT 1`).Scan(&idType, &idNumber); err != nil {
		t.Fatal(err)
	}
	for _, src := range []struct {
		path, pick string
	}{
		{a, `(SELECT id FROM visitors WHERE id_number <> '' AND id_number <> ?2 ORDER BY id DESC LIMIT 1)`}, // a second record at A
		{b, `(SELECT id FROM visitors WHERE id_number <> '' ORDER BY id LIMIT 1)`},                          // and one at B
	} {
		w, err := sql.Open("sqlite", src.path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Exec(`UPDATE visitors SET id_type = ?1, id_number = ?2 WHERE id = `+src.pick, idType, idNumber); err != nil {
			t.Fatal(err)
		}
		w.Close()
	}
	archive := filepath.Join(t.TempDir(), "arsip.db")
	merge(t, archive, a, b)
	persons := func() (total, records, links int) {
		t.Helper()
		s, err := store.Open(ctx, archive, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.Report(ctx, "2000-01-01", "2100-12-31", func(r *store.Report) error {
			total, _, err = r.Visitors()
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if err := sqlOf(t, archive).QueryRow(`SELECT (SELECT count(DISTINCT visitor_id) FROM visits), (SELECT count(*) FROM visitor_links)`).Scan(&records, &links); err != nil {
			t.Fatal(err)
		}
		return total, records, links
	}
	total, records, links := persons()
	if links != 6 || total != records-2 {
		t.Fatalf("three records of one person: %d links (want 6), %d persons of %d records (want two fewer)", links, total, records)
	}
	var atB string
	if err := sqlOf(t, b).QueryRow(`SELECT id FROM visitors WHERE id_number = ?`, idNumber).Scan(&atB); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(ctx, b, store.Options{Now: func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Visitor(ctx, atB)
	if err != nil {
		t.Fatal(err)
	}
	p.Guest.IDNumber = "3171011201900001" // a typo corrected at B
	if err := s.UpdateVisitor(ctx, "", atB, store.GuestInput{Guest: p.Guest, BirthYear: fmt.Sprint(p.Guest.BirthYear)}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	merge(t, archive, b)
	total, records, links = persons()
	if links != 2 || total != records-1 {
		t.Fatalf("after the correction at B: %d links (want A's 2), %d persons of %d records (want one fewer)", links, total, records)
	}
	if r, err := store.Check(ctx, archive); err != nil || !r.OK() {
		t.Fatalf("check: %v %+v", err, r.Problems)
	}
}
