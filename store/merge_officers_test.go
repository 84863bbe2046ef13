package store_test

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/store"
)

// officerCounter makes a counter's database with the code given and the
// officers named, each of whom starts one visit. It returns the path and
// the officer of each visit (visit ID → officer name).
func officerCounter(t *testing.T, dir, code string, names ...string) (string, map[string]string) {
	t.Helper()
	ctx := context.Background()
	p := filepath.Join(dir, "loket-"+code+".db")
	now := time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	s, err := store.Open(ctx, p, store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	o, err := s.Office(ctx)
	if err != nil {
		t.Fatal(err)
	}
	o.CounterCode = code
	if err := s.UpdateOffice(ctx, "", o); err != nil {
		t.Fatal(err)
	}
	visits := map[string]string{}
	for _, n := range names {
		off, err := s.AddOfficer(ctx, n, "")
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.StartVisit(ctx, off.ID)
		if err != nil {
			t.Fatal(err)
		}
		visits[v.ID] = n
	}
	return p, visits
}

// reportOfficers is the officer the period's report (what the export's
// Kunjungan sheet prints) names for each visit.
func reportOfficers(t *testing.T, path string) map[string]string {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := map[string]string{}
	err = s.Report(ctx, "2026-11-26", "2026-11-26", func(r *store.Report) error {
		return r.Visits(func(v store.VisitRow) error {
			got[v.ID] = v.Officer
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// Two counters that both have an officer "Rina Wulandari" merge: the
// archive keeps both, each with its own ID and its own counter as origin,
// and names the right officer for every visit of either counter. On the
// archive, the shared name does not pick one of them.
func TestMergeSameOfficerNameFromTwoCounters(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, va := officerCounter(t, dir, "A", "Rina Wulandari", "Andi Pratama")
	b, vb := officerCounter(t, dir, "B", "Rina Wulandari", "Dewi Lestari")
	archive := filepath.Join(dir, "arsip.db")
	if _, err := store.Merge(ctx, archive, []string{a, b}, io.Discard); err != nil {
		t.Fatalf("merge of two counters with the same officer's name: %v", err)
	}
	db := sqlOf(t, archive)
	rows, err := db.Query(`SELECT o.id, k.counter_code FROM officers o JOIN counters k ON k.id = o.origin
		WHERE o.name = 'Rina Wulandari' ORDER BY k.counter_code`)
	if err != nil {
		t.Fatal(err)
	}
	var ids, codes []string
	for rows.Next() {
		var id, code string
		if err := rows.Scan(&id, &code); err != nil {
			t.Fatal(err)
		}
		ids, codes = append(ids, id), append(codes, code)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if len(ids) != 2 || ids[0] == ids[1] || strings.Join(codes, ",") != "A,B" {
		t.Fatalf("Rina Wulandari in the archive: IDs %v, counters %v; want two records, from A and from B", ids, codes)
	}
	got := reportOfficers(t, archive)
	if len(got) != len(va)+len(vb) {
		t.Fatalf("archive report has %d visits, want %d", len(got), len(va)+len(vb))
	}
	for _, src := range []map[string]string{va, vb} {
		for id, name := range src {
			if got[id] != name {
				t.Errorf("visit %s: the archive names officer %q, the counter %q", id, got[id], name)
			}
		}
	}
	// Each visit points at its own counter's Rina.
	var crossed int
	if err := db.QueryRow(`SELECT count(*) FROM visits v JOIN officers o ON o.id = v.officer_id
		JOIN counters k ON k.id = o.origin WHERE k.counter_code <> v.counter_code`).Scan(&crossed); err != nil {
		t.Fatal(err)
	}
	if crossed != 0 {
		t.Errorf("%d visits point at another counter's officer", crossed)
	}
	if r, err := store.Check(ctx, archive); err != nil || !r.OK() {
		t.Fatalf("check on the archive: %v %v", r.Problems, err)
	}

	z, err := store.Open(ctx, archive, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	if _, err := z.OfficerByName(ctx, "rina wulandari"); !errors.Is(err, store.ErrAmbiguousOfficer) ||
		!strings.Contains(err.Error(), "1906/A, 1906/B") || !strings.Contains(err.Error(), "tanpa --petugas") {
		t.Errorf("OfficerByName of the shared name on the archive: %v", err)
	}
	if o, err := z.OfficerByName(ctx, "Dewi Lestari"); err != nil || o.Name != "Dewi Lestari" {
		t.Errorf("OfficerByName of B's own officer on the archive: %+v %v", o, err)
	}

	// A second merge of the same copies adds nothing.
	before := digest(t, archive)
	rs, err := store.Merge(ctx, archive, []string{a, b}, io.Discard)
	if err != nil || !rs[0].UpToDate || !rs[1].UpToDate || digest(t, archive) != before {
		t.Fatalf("second merge: %+v %v", rs, err)
	}
}

// On a counter's own database the app lists and picks only this counter's
// officers (origin 1), even if a row of another origin has the same name.
func TestOfficersOfThisCounterOnly(t *testing.T) {
	ctx := context.Background()
	p, _ := officerCounter(t, t.TempDir(), "A", "Rina Wulandari")
	raw, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO officers (id, name, created_at, origin) VALUES ('01ZZZZZZZZZZZZZZZZZZZZZZZZ', 'Rina Wulandari', '2026-11-26T02:00:00.000000Z', 2)`); err != nil {
		t.Fatalf("a second Rina of another origin: %v", err)
	}
	if _, err := raw.Exec(`INSERT INTO officers (id, name, created_at, origin) VALUES ('01YYYYYYYYYYYYYYYYYYYYYYYY', 'rina wulandari', '2026-11-26T02:00:00.000000Z', 1)`); err == nil {
		t.Fatal("a second Rina of this counter was accepted (names are unique per counter, case-insensitively)")
	}
	raw.Close()
	s, err := store.Open(ctx, p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.Officers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID == "01ZZZZZZZZZZZZZZZZZZZZZZZZ" {
		t.Fatalf("officers listed: %+v", list)
	}
	o, err := s.OfficerByName(ctx, "Rina Wulandari")
	if err != nil || o.ID != list[0].ID {
		t.Fatalf("OfficerByName: %+v %v, want %s", o, err, list[0].ID)
	}
	if _, err := s.AddOfficer(ctx, "RINA WULANDARI", ""); err == nil || !strings.Contains(err.Error(), "sudah terdaftar") {
		t.Fatalf("AddOfficer of a name this counter has: %v", err)
	}
}
