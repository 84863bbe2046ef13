package store_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/store"
)

// An identity-free copy holds the figures and no visitor's name, ID
// number, email or phone anywhere in its raw bytes.
func TestCopyWithoutIdentity(t *testing.T) {
	if store.RaceDetector {
		t.Skip("sequential SQL work, run in full without -race")
	}
	ctx := context.Background()
	a, _ := mergeSources(t)
	before := digest(t, a)
	out := filepath.Join(t.TempDir(), "provinsi.db")
	n, err := store.CopyWithoutIdentity(ctx, a, out)
	if err != nil {
		t.Fatal(err)
	}
	if digest(t, a) != before {
		t.Fatal("the source changed")
	}
	if n == 0 || totalsOf(t, out).visits != totalsOf(t, a).visits || totalsOf(t, out).pnbp != totalsOf(t, a).pnbp {
		t.Fatalf("%d erased; copy %+v, source %+v", n, totalsOf(t, out), totalsOf(t, a))
	}
	if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v", st, err)
	}
	assertNoPersonalValue(t, a, out)
	if r, err := store.Check(ctx, out); err != nil || !r.OK() {
		t.Fatalf("check: %v %v", r.Problems, err)
	}
	if _, err := store.CopyWithoutIdentity(ctx, a, out); err == nil {
		t.Fatal("an existing copy overwritten")
	}
}

// assertNoPersonalValue fails when the raw bytes of the file at out hold a
// visitor's name, ID number, email, phone or NPWP, or a payer's name, of
// the counter database src.
func assertNoPersonalValue(t *testing.T, src, out string) {
	t.Helper()
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := sqlOf(t, src).Query(`SELECT value FROM (
		SELECT name AS value FROM visitors UNION SELECT id_number FROM visitors UNION SELECT email FROM visitors
		UNION SELECT phone FROM visitors UNION SELECT npwp FROM visitors
		UNION SELECT v_name FROM visits UNION SELECT v_id_number FROM visits UNION SELECT v_phone FROM visits
		UNION SELECT payer FROM payments UNION SELECT payer FROM invoices)
		WHERE length(value) >= 6 AND value NOT IN (SELECT recipient FROM handovers)
		AND NOT EXISTS (SELECT 1 FROM officers WHERE instr(name, value) > 0) -- a visitor "Siti Aminah" beside the officer "Siti Aminah B"
		AND NOT EXISTS (SELECT 1 FROM items WHERE instr(title, value) > 0)`) // an institution that pays is also in titles ("Kecamatan Manggar Dalam Angka")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	checked := 0
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		checked++
		if bytes.Contains(raw, []byte(v)) {
			t.Errorf("%s still holds a personal value (%d bytes) of %s", filepath.Base(out), len(v), filepath.Base(src))
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("only %d personal values looked for", checked)
	}
}

// recordEvent adds one audit row to a counter's database, as its next use
// at the counter would.
func recordEvent(t *testing.T, path, note string) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, path, store.Options{Now: func() time.Time { return time.Date(2026, 11, 30, 13, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	officers, err := s.Officers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordEvent(ctx, officers[0].ID, "officer", officers[0].ID, "tanpa_samaran", note); err != nil {
		t.Fatal(err)
	}
}

// gabung --tanpa-identitas: each source through a copy without identity
// beside the archive, removed after; the archive holds the figures and no
// personal value, a second merge adds nothing, a newer copy merges on
// (the copies' own erasure rows are not taken for a fork), and an archive
// with identities and one without are never mixed.
func TestMergeWithoutIdentity(t *testing.T) {
	if store.RaceDetector {
		t.Skip("sequential SQL work, run in full without -race")
	}
	ctx := context.Background()
	a, b := mergeSources(t)
	da, db := digest(t, a), digest(t, b)
	dir := t.TempDir()
	archive := filepath.Join(dir, "provinsi.db")
	free := store.MergeOptions{WithoutIdentity: true}
	rs, err := store.MergeWith(ctx, archive, []string{a, b}, free)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Source != a || rs[1].Counter != "1906/B" || rs[0].Added == 0 {
		t.Fatalf("results %+v", rs)
	}
	if digest(t, a) != da || digest(t, b) != db {
		t.Fatal("a source's bytes changed")
	}
	ta, tb, tz := totalsOf(t, a), totalsOf(t, b), totalsOf(t, archive)
	if want := (totals{ta.visits + tb.visits, ta.payments + tb.payments, ta.pnbp + tb.pnbp, ta.audit + tb.audit}); tz != want {
		t.Fatalf("archive %+v, want %+v", tz, want)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), "tanpa-identitas") {
			t.Errorf("left beside the archive: %s", e.Name())
		}
	}
	if st, err := os.Stat(archive); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("archive mode: %v %v", st, err)
	}
	assertNoPersonalValue(t, a, archive)
	assertNoPersonalValue(t, b, archive)
	if r, err := store.Check(ctx, archive); err != nil || !r.OK() {
		t.Fatalf("check: %v %v", r.Problems, err)
	}

	before := digest(t, archive)
	rs, err = store.MergeWith(ctx, archive, []string{a, b}, free)
	if err != nil || !rs[0].UpToDate || !rs[1].UpToDate {
		t.Fatalf("second merge: %+v %v", rs, err)
	}
	if digest(t, archive) != before {
		t.Fatal("a merge that added nothing changed the archive")
	}
	// With identity into the archive without: refused, bytes unchanged.
	if _, err := store.Merge(ctx, archive, []string{a}, io.Discard); !errors.Is(err, store.ErrMergeConflict) || !strings.Contains(err.Error(), "arsip ini tanpa identitas pengunjung") {
		t.Fatalf("identities into an archive without: %v", err)
	}
	if digest(t, archive) != before {
		t.Fatal("a refused merge changed the archive")
	}
	// The counter goes on; its next copy merges on from where the last stopped.
	recordEvent(t, a, "sesudah penggabungan")
	rs, err = store.MergeWith(ctx, archive, []string{a}, free)
	if err != nil || rs[0].UpToDate || rs[0].Audit != 1 {
		t.Fatalf("newer copy: %+v %v", rs, err)
	}
	if got, want := totalsOf(t, archive).audit, totalsOf(t, a).audit+tb.audit; got != want {
		t.Fatalf("audit rows %d, want %d", got, want)
	}

	// Without identity into an archive with identities: refused, bytes unchanged.
	withID := filepath.Join(t.TempDir(), "kantor.db")
	merge(t, withID, b)
	before = digest(t, withID)
	if _, err := store.MergeWith(ctx, withID, []string{a}, free); !errors.Is(err, store.ErrMergeConflict) || !strings.Contains(err.Error(), "arsip ini berisi identitas pengunjung") {
		t.Fatalf("a copy without identity into an archive with: %v", err)
	}
	copyOfA := filepath.Join(t.TempDir(), "a-provinsi.db")
	if _, err := store.CopyWithoutIdentity(ctx, a, copyOfA); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Merge(ctx, withID, []string{copyOfA}, io.Discard); !errors.Is(err, store.ErrMergeConflict) || !strings.Contains(err.Error(), "berisi identitas") {
		t.Fatalf("a flashdisk copy into an archive with identities: %v", err)
	}
	if digest(t, withID) != before {
		t.Fatal("a refused merge changed the archive")
	}
}

// Flashdisk copies (salin-tanpa-identitas) of one counter, month after
// month, merge on into the province's archive: each copy's own erasure
// rows are left out of the archive's trail, so the next copy does not
// fork from the last.
func TestMergeSuccessiveCopiesWithoutIdentity(t *testing.T) {
	ctx := context.Background()
	a, _ := mergeSources(t)
	dir := t.TempDir()
	archive := filepath.Join(dir, "provinsi.db")
	first := filepath.Join(dir, "a-1.db")
	if _, err := store.CopyWithoutIdentity(ctx, a, first); err != nil {
		t.Fatal(err)
	}
	merge(t, archive, first)
	recordEvent(t, a, "bulan berikutnya")
	second := filepath.Join(dir, "a-2.db")
	if _, err := store.CopyWithoutIdentity(ctx, a, second); err != nil {
		t.Fatal(err)
	}
	rs := merge(t, archive, second)
	if rs[0].UpToDate || rs[0].Audit != 1 {
		t.Fatalf("second copy: %+v", rs[0])
	}
	if rs := merge(t, archive, first); !rs[0].Older {
		t.Fatalf("first copy again: %+v", rs[0])
	}
	if r, err := store.Check(ctx, archive); err != nil || !r.OK() {
		t.Fatalf("check: %v %v", r.Problems, err)
	}
}
