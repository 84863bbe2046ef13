package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// eraseOrders are the ways an erasure meets a restore and a backup. Each
// ends with the erased person's values searched for in the raw bytes of
// the database, its -wal and -shm, and of a backup made afterwards.
var eraseOrders = []struct {
	name string
	run  func(t *testing.T, f *fixture, id string) *Store
}{
	{"erase", func(t *testing.T, f *fixture, id string) *Store {
		f.must(f.s.EraseVisitor(f.ctx, f.off, id))
		return f.s
	}},
	{"restore then erase", func(t *testing.T, f *fixture, id string) *Store {
		s := restoreFresh(t, f)
		f.must(s.EraseVisitor(f.ctx, f.off, id))
		return s
	}},
	{"erase, backup, restore", func(t *testing.T, f *fixture, id string) *Store {
		f.must(f.s.EraseVisitor(f.ctx, f.off, id))
		return restoreFresh(t, f)
	}},
	{"restore, erase, backup, restore", func(t *testing.T, f *fixture, id string) *Store {
		s := restoreFresh(t, f)
		f.must(s.EraseVisitor(f.ctx, f.off, id))
		f.s = s
		return restoreFresh(t, f)
	}},
	{"erase twice after a restore", func(t *testing.T, f *fixture, id string) *Store {
		s := restoreFresh(t, f)
		f.must(s.EraseVisitor(f.ctx, f.off, id))
		f.must(s.EraseVisitor(f.ctx, f.off, id))
		return s
	}},
}

// restoreFresh backs f's store up, closes it, restores the backup over
// its database and opens the result as the app would.
func restoreFresh(t *testing.T, f *fixture) *Store {
	t.Helper()
	bak, err := f.s.Backup(context.Background(), t.TempDir())
	f.must(err)
	f.must(f.s.Close())
	if _, err := Restore(f.ctx, bak, f.s.Path(), restoreNow); err != nil {
		t.Fatal(err)
	}
	s, err := Open(f.ctx, f.s.Path(), Options{Now: f.clock.Now})
	f.must(err)
	t.Cleanup(func() { s.Close() })
	return s
}

// Every order of erasure, backup and restore the store offers leaves no
// byte of the person's values in the database, its -wal and -shm, nor in
// a backup made after it: neither the values of her record nor what her
// visits said of her in free text (suggestion, complaints, notes,
// reasons). Others visit too, so the index pages the person
// shares with them are full and split, as on a real counter.
func TestErasureLeavesNoBytesInAnyOrder(t *testing.T) {
	skipUnderRace(t)
	for _, o := range eraseOrders {
		t.Run(o.name, func(t *testing.T) {
			f := newFixture(t)
			for i := 0; i < 3; i++ {
				f.walk(paidPub, StepFinish)
			}
			id := kartikaVisits(f)
			kartikaFreeText(f, id)
			withFreeTextTraces(t)
			f.walk(zeroPub, StepFinish)
			addFillers(t, f, 120)
			s := o.run(t, f, id)
			if v, err := s.Visitor(f.ctx, id); err != nil || v.Guest.Name != Erased {
				t.Fatalf("not erased: %+v %v", v, err)
			}
			noTraceInFiles(t, "while open", s.Path(), s.Path()+"-wal", s.Path()+"-shm")
			bak, err := s.Backup(context.Background(), t.TempDir())
			f.must(err)
			noTraceInFiles(t, "in a later backup", gunzipped(t, bak))
			f.must(s.Close())
			noTraceInFiles(t, "after closing", s.Path(), s.Path()+"-wal", s.Path()+"-shm")
		})
	}
}

// addFillers records n other visitors after Kartika, with their lookup
// terms, so that every b-tree holding her (the visitors table, its ID
// number and email indexes, visitor_terms) outgrows one page: a rebuild
// (VACUUM INTO, as backup and restore make) then splits its root, which is
// where copies of her cells used to stay behind in unused space.
func addFillers(t *testing.T, f *fixture, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("01ZZFILLER%016d", i)
		name := fmt.Sprintf("Pengisi Nomor%03d", i)
		_, err := f.s.db.Exec(`INSERT INTO visitors (id, id_type, id_number, name, institution, email, phone, consent, created_at, updated_at)
			VALUES (?, 'KTP', ?, ?, ?, ?, ?, 1, '2026-11-26T02:00:00Z', '2026-11-26T02:00:00Z')`,
			id, fmt.Sprintf("99%014d", i), name, strings.Repeat("Instansi Pengisi ", 8), fmt.Sprintf("pengisi%03d@contoh.id", i), fmt.Sprintf("+62899%08d", i))
		f.must(err)
		for _, term := range []string{"pengisi", fmt.Sprintf("nomor%03d", i), fmt.Sprintf("99%014d", i), fmt.Sprintf("pengisi%03d@contoh.id", i)} {
			_, err := f.s.db.Exec(`INSERT INTO visitor_terms (term, visitor_id) VALUES (?, ?)`, term, id)
			f.must(err)
		}
	}
}

// A database restored by an older loket (its VACUUM INTO ran without
// secure_delete) carries copies of live cells in unused space of its
// interior pages. An erasure must clean those too: it rebuilds the file
// (VACUUM) before emptying the WAL.
func TestErasureCleansADatabaseRestoredBefore(t *testing.T) {
	f := newFixture(t)
	id := kartikaVisits(f)
	addFillers(t, f, 120)
	f.must(f.s.Close())
	old := f.s.Path() + ".lama"
	raw, err := sql.Open("sqlite", f.s.Path()+"?mode=ro")
	f.must(err)
	_, err = raw.Exec(`VACUUM INTO ?`, old)
	f.must(err)
	f.must(raw.Close())
	for _, side := range []string{"", "-wal", "-shm"} {
		os.Remove(f.s.Path() + side)
	}
	f.must(os.Rename(old, f.s.Path()))
	s, err := Open(f.ctx, f.s.Path(), Options{Now: f.clock.Now})
	f.must(err)
	defer s.Close()
	f.must(s.EraseVisitor(f.ctx, f.off, id))
	noTraceInFiles(t, "after erasure", s.Path(), s.Path()+"-wal", s.Path()+"-shm")
	f.must(s.Close())
	noTraceInFiles(t, "after closing", s.Path(), s.Path()+"-wal", s.Path()+"-shm")
}

// Restoring a backup made before an erasure does not bring the person
// back: Restore erases them again in the restored copy, from the erasure
// log of the database it replaces, and no byte of their values — nor of
// what their visits said of them in free text — is in the restored files,
// nor in a backup made after.
func TestRestoreKeepsAnErasedPersonErased(t *testing.T) {
	f := newFixture(t)
	id := kartikaVisits(f)
	kartikaFreeText(f, id)
	withFreeTextTraces(t)
	addFillers(t, f, 120)
	bak, err := f.s.Backup(f.ctx, t.TempDir())
	f.must(err)
	f.clock.Add(time.Hour)
	f.must(f.s.EraseVisitor(f.ctx, f.off, id))
	erasedAt := f.visitor(id).ErasedAt
	f.must(f.s.Close())

	p, err := Restore(f.ctx, bak, f.s.Path(), restoreNow)
	f.must(err)
	if p.Reerased != 1 || p.ErasuresUnknown {
		t.Errorf("plan after restore: %+v", p)
	}
	noTraceInFiles(t, "after restore", f.s.Path(), f.s.Path()+"-wal", f.s.Path()+"-shm", f.s.Path()+"-journal")
	s, err := Open(f.ctx, f.s.Path(), Options{Now: f.clock.Now})
	f.must(err)
	defer s.Close()
	v, err := s.Visitor(f.ctx, id)
	f.must(err)
	if v.Guest.Name != Erased || !v.ErasedAt.Equal(erasedAt) {
		t.Errorf("restored visitor %q erased at %v, want erased at %v", v.Guest.Name, v.ErasedAt, erasedAt)
	}
	if hits, err := s.FindVisitors(f.ctx, "kartika", 10); err != nil || len(hits) != 0 {
		t.Errorf("lookup finds her after the restore: %v %v", hits, err)
	}
	var at, by string
	f.must(s.db.QueryRow(`SELECT erased_at, coalesce(officer_id, '') FROM erasures WHERE visitor_id = ?`, id).Scan(&at, &by))
	if !parseTime(at).Equal(erasedAt) || by != f.off {
		t.Errorf("erasure log of the restored database: %s by %q, want %v by %q", at, by, erasedAt, f.off)
	}
	r, err := Check(f.ctx, s.Path())
	if err != nil || !r.OK() {
		t.Fatalf("check after restore: %v %v", err, r.Problems)
	}
	later, err := s.Backup(f.ctx, t.TempDir())
	f.must(err)
	noTraceInFiles(t, "in a backup after the restore", gunzipped(t, later))
	f.must(s.Close())
	noTraceInFiles(t, "after closing", s.Path(), s.Path()+"-wal", s.Path()+"-shm")

	// Restoring once more over the restored database: still erased (it
	// is in that database's log too), and nothing left to erase again.
	p, err = Restore(f.ctx, bak, f.s.Path(), restoreNow.Add(time.Minute))
	f.must(err)
	if p.Reerased != 1 {
		t.Errorf("second restore re-erased %d", p.Reerased)
	}
	noTraceInFiles(t, "after the second restore", f.s.Path(), f.s.Path()+"-wal", f.s.Path()+"-shm")
}

func (f *fixture) visitor(id string) Visitor {
	f.t.Helper()
	v, err := f.s.Visitor(f.ctx, id)
	f.must(err)
	return v
}

// A backup of schema 1 restored by this loket stays schema 1 (loket
// upgrade comes after), and the people the replaced schema-2 database had
// erased are erased in it as well: no byte of their ID number or email.
func TestRestoreOfASchema1BackupKeepsErasures(t *testing.T) {
	skipUnderRace(t)
	ctx := context.Background()
	bak := copyV1(t)
	cur := copyV1(t)
	raw, err := sql.Open("sqlite", bak+"?mode=ro")
	f := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f(err)
	var id, nik, email string
	f(raw.QueryRow(`SELECT id, id_number, email FROM visitors WHERE id_number <> '' AND email <> '' AND erased_at IS NULL
		AND (SELECT count(*) FROM visitors w WHERE w.id_number = visitors.id_number OR w.email = visitors.email) = 1
		ORDER BY id LIMIT 1`).Scan(&id, &nik, &email))
	f(raw.Close())
	if _, err := Upgrade(ctx, cur, UpgradeOptions{}); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, cur, Options{})
	f(err)
	f(s.EraseVisitor(ctx, "", id))
	f(s.Close())

	p, err := Restore(ctx, bak, cur, restoreNow)
	f(err)
	if p.Version != 1 || p.Reerased != 1 {
		t.Errorf("plan %+v", p)
	}
	if v, err := SchemaOf(ctx, cur); err != nil || v != 1 {
		t.Errorf("restored schema %d %v", v, err)
	}
	raw, err = sql.Open("sqlite", cur+"?mode=ro")
	f(err)
	defer raw.Close()
	var name string
	var erased sql.NullString
	f(raw.QueryRow(`SELECT name, erased_at FROM visitors WHERE id = ?`, id).Scan(&name, &erased))
	if name != Erased || !erased.Valid {
		t.Errorf("restored visitor %q erased %v", name, erased)
	}
	for _, p := range []string{cur, cur + "-wal", cur + "-journal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, n := range []string{nik, email} {
			if strings.Contains(string(b), n) {
				t.Errorf("%s holds %q", p, n)
			}
		}
	}
}

// A database being replaced that SQLite cannot read has no readable
// erasure log: the restore goes on and says so.
func TestRestoreOverADamagedDatabaseSaysErasuresUnknown(t *testing.T) {
	src := closedCopy(t, paidPub)
	bak, err := BackupFile(context.Background(), src, t.TempDir(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	db := tempPath(t, "loket.db")
	randomFile(t, db, 20000)
	p, err := Restore(context.Background(), bak, db, restoreNow)
	if err != nil {
		t.Fatal(err)
	}
	if !p.ErasuresUnknown || p.Reerased != 0 {
		t.Errorf("plan over a damaged database: %+v", p)
	}
	// Over a readable one without erasures, nothing is said.
	p, err = Restore(context.Background(), bak, db, restoreNow.Add(time.Minute))
	if err != nil || p.ErasuresUnknown || p.Reerased != 0 {
		t.Errorf("plan over a readable database: %+v %v", p, err)
	}
}
