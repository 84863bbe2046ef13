package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// A file written before the seal (the v1 fixture, upgraded) holds visits
// whose steps were audited row by row. Closing one of its open visits now
// seals its steps as they stand; check passes on the mix, and an edit of
// the sealed steps is found while the same edit of an old closed visit is
// left to the rules it always had.
func TestSealOnAnUpgradedFile(t *testing.T) {
	skipUnderRace(t)
	ctx := context.Background()
	p := copyV1(t)
	if _, err := Upgrade(ctx, p, UpgradeOptions{}); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	open, err := s.OpenVisits(ctx)
	if err != nil || len(open) == 0 {
		t.Fatalf("open visits of the v1 fixture: %d, %v", len(open), err)
	}
	o, err := s.AddOfficer(ctx, "Petugas Baru", "")
	if err != nil {
		t.Fatal(err)
	}
	id := open[0].ID
	if err := s.Cancel(ctx, o.ID, id, "pengunjung pulang"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	db := rawDB(t, p)
	var seals, oldRows int
	var note string
	if err := db.QueryRow(`SELECT count(*), coalesce(max(new), '') FROM audit WHERE entity_id = ? AND action = 'tutup'`, id).Scan(&seals, &note); err != nil {
		t.Fatal(err)
	}
	if seal := strings.TrimPrefix(note, "Batal, segel "); len(seal) != 20 || seal == note {
		t.Errorf("the close's row says %q; want the status and a 20-character seal", note)
	}
	if err := db.QueryRow(`SELECT count(*) FROM audit WHERE entity_id = ? AND field LIKE 'langkah\_%' ESCAPE '\'`, id).Scan(&oldRows); err != nil {
		t.Fatal(err)
	}
	if seals != 1 || oldRows == 0 {
		t.Fatalf("the cancelled v1 visit has %d seals and %d step rows of the old trail; want 1 and some", seals, oldRows)
	}
	r, err := Check(ctx, p)
	if err != nil || !r.OK() {
		t.Fatalf("check of the mixed file: %v\n%s", err, problemsText(r))
	}

	// The same edit on the sealed visit and on a v1 visit closed before.
	var oldClosed string
	if err := db.QueryRow(`SELECT v.id FROM visits v WHERE v.status = 'Batal' AND v.id <> ?
		AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity_id = v.id AND a.action = 'tutup') ORDER BY v.id LIMIT 1`, id).Scan(&oldClosed); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{id, oldClosed} {
		if _, err := db.Exec(`UPDATE visit_steps SET officer_id = ? WHERE visit_id = ? AND step = 1`, o.ID, v); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	r, err = Check(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, pr := range r.Problems {
		if pr.Area == "kunjungan" && strings.Contains(pr.Msg, "disegel") {
			found = append(found, pr.Msg)
		}
	}
	if len(found) != 1 || !strings.Contains(found[0], open[0].Queue) {
		t.Fatalf("seal findings %q; want one, naming %s", found, open[0].Queue)
	}
}

// An erasure changes what a seal leaves out (the personal snapshot, free
// text), never what it covers: a sealed visit still verifies after its
// visitor is erased, and an identity-free copy of it too.
func TestSealSurvivesErasure(t *testing.T) {
	f := newFixture(t)
	v := f.walk(microdata, StepFinish)
	f.must(f.s.EraseVisitor(f.ctx, f.off, f.visit(v.ID).VisitorID))
	f.must(f.s.Close())
	r, err := Check(f.ctx, f.s.Path())
	if err != nil || !r.OK() || r.Finished != 1 {
		t.Fatalf("check after the erasure: %v %+v\n%s", err, r, problemsText(r))
	}
	db := rawDB(t, f.s.Path())
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM audit WHERE entity_id = ? AND action = 'tutup'`, v.ID).Scan(&n); err != nil || n != 1 {
		t.Fatalf("the erased visitor's visit has %d seals, %v", n, err)
	}
}

// A step's first values are its own record; saving it again with other
// values writes a row per changed field, old and new.
func TestFirstValuesAreTheStepsRecordChangesAreRows(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepRequest)
	rows := func() map[string]string {
		t.Helper()
		trail, err := f.s.Audit(f.ctx, v.ID)
		f.must(err)
		m := map[string]string{}
		for _, e := range trail {
			m[e.Action+"/"+e.Field] = e.Old + "→" + e.New
		}
		return m
	}
	first := rows()
	for _, k := range []string{"ubah/purpose", "ubah/use", "ubah/total", "ubah/consent", "permintaan_diganti/"} {
		if _, ok := first[k]; ok {
			t.Errorf("the first saves of steps 2–4 wrote %s: %v", k, first)
		}
	}
	f.must(f.s.RecordPurpose(f.ctx, f.off, v.ID, "Membeli data untuk skripsi", "Penelitian"))
	f.must(f.s.RecordRequest(f.ctx, f.off, v.ID, RequestInput{Items: []ItemInput{{Code: "PUB-EL", Title: "Belitung Timur Dalam Angka 2026", Pages: 200}}}))
	got := rows()
	for k, want := range map[string]string{
		"ubah/purpose":        "→", // free text: named, never copied
		"ubah/use":            "Tugas sekolah/kuliah→Penelitian",
		"ubah/total":          "80000→" + fmt.Sprint(f.visit(v.ID).Total),
		"permintaan_diganti/": "→1 produk diganti 1 produk",
	} {
		if got[k] != want {
			t.Errorf("%s: %q, want %q (trail %v)", k, got[k], want, got)
		}
	}
}
