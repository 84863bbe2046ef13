package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A sound database: every kind of visit finished, one in progress, one
// cancelled, one waiting at the bank.
func TestCheckSoundDatabase(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepFinish)
	f.walk(microdata, StepFinish)
	f.walk(zeroPub, StepFinish)
	f.walk(microdata, StepSPPD)
	v := f.walk(paidPub, StepAgreement)
	f.must(f.s.Cancel(f.ctx, f.off, v.ID, "pengunjung pergi"))
	v = f.walk(paidPub, StepPrepare)
	f.must(f.s.IssueBillingCode(f.ctx, f.off, v.ID, "Siti Aminah", "820261126000001"))

	r, err := Check(f.ctx, f.s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Fatalf("problems in a sound database:\n%s", problemsText(r))
	}
	if r.Visits != 6 || r.Finished != 3 || r.Payments != 3 || r.AuditRows == 0 || r.Version != SchemaVersion {
		t.Errorf("report %+v", r)
	}
	bad, err := f.s.QuickCheck(f.ctx)
	if err != nil || bad != nil {
		t.Errorf("QuickCheck = %v, %v", bad, err)
	}
}

// Each tampering breaks one invariant; Check names it in Indonesian. The
// tampering goes around the store with plain SQL, as a person with an
// SQLite tool would.
func TestCheckFindsProblems(t *testing.T) {
	const dropTriggers = `DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete`
	const putTriggers = `CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`
	finished := `(SELECT id FROM visits WHERE status = 'Selesai' ORDER BY queue_no LIMIT 1)`
	cases := []struct {
		name string
		sql  []string
		area string
		want string
	}{
		{"payment differs from the visit total", []string{`UPDATE payments SET amount = amount + 1000`},
			"pembayaran", "total kunjungan"},
		{"payment differs from the kuitansi", []string{`UPDATE invoices SET amount = 1 WHERE kind = 'kuitansi'`},
			"pembayaran", "kuitansi KW/1906/A/2026/11/0001 bernilai Rp1"},
		{"payment without kuitansi", []string{`UPDATE invoices SET void_at = '2026-11-26T02:00:00.000000Z' WHERE kind = 'kuitansi'`},
			"pembayaran", "tanpa kuitansi yang berlaku"},
		{"kuitansi without payment", []string{`DELETE FROM payments`},
			"pembayaran", "berlaku tanpa pembayaran"},
		{"paid visit cancelled", []string{`UPDATE visits SET status = 'Batal'`},
			"pembayaran", "berstatus Batal"},
		{"finished visit with a pending step", []string{`UPDATE visit_steps SET state = 'pending', done_at = NULL WHERE step = 14`},
			"langkah", `langkah 14 (Pengecekan) berstatus "pending"`},
		{"finished visit with step 13 not applicable", []string{`UPDATE visit_steps SET state = 'na', done_at = NULL WHERE step = 13`},
			"langkah", "langkah 13 (Ambil) tercatat tidak berlaku"},
		{"check recorded before handover", []string{`UPDATE visit_steps SET done_at = '2026-11-26T01:00:00.000000Z' WHERE step = 14`},
			"langkah", "langkah 14 (Pengecekan) tercatat sebelum langkah 13 (Ambil)"},
		{"finish before rating", []string{`UPDATE visit_steps SET done_at = '2026-11-26T01:00:00.000000Z' WHERE step = 16`},
			"langkah", "langkah 16 (Selesai) tercatat sebelum langkah 15"},
		{"guest book before purpose", []string{`UPDATE visit_steps SET done_at = '2026-11-26T01:00:00.000000Z' WHERE step = 3`},
			"langkah", "langkah 3 (Buku tamu) tercatat sebelum langkah 2 (Maksud)"},
		{"step 11 done without payment", []string{`DELETE FROM invoices WHERE kind = 'kuitansi'`, `DELETE FROM payments`},
			"langkah", "langkah 11 selesai tanpa pembayaran"},
		{"product not handed over", []string{`UPDATE items SET handed_at = NULL`},
			"langkah", "1 produk belum tercatat diserahkan"},
		{"handover before payment", []string{`UPDATE items SET handed_at = '2026-11-26T01:00:00.000000Z'`},
			"penyerahan", "produk 1 diserahkan sebelum pembayaran"},
		{"handover before preparation", []string{`UPDATE items SET prepared_at = '2026-11-27T01:00:00.000000Z'`},
			"penyerahan", "produk 1 diserahkan sebelum disiapkan"},
		{"missing step row", []string{`DELETE FROM visit_steps WHERE step = 7 AND visit_id = ` + finished},
			"kunjungan", "mempunyai 15 baris langkah"},
		{"closed visit without finishing time", []string{`UPDATE visits SET finished_at = NULL`},
			"kunjungan", "tanpa waktu selesai"},
		{"record pointing at a missing visit", []string{`PRAGMA foreign_keys = OFF`, `UPDATE corrections SET visit_id = 'X'`,
			`INSERT INTO suspensions (id, visit_id, started_at) VALUES ('S1', 'TIDAK-ADA', '2026-11-26T02:00:00.000000Z')`},
			"kunci asing", "tabel suspensions menunjuk ke visits yang tidak ada"},
		{"audit trigger dropped", []string{`DROP TRIGGER audit_no_delete`},
			"audit", "audit_no_delete hilang"},
		{"audit trigger replaced by a harmless one", []string{`DROP TRIGGER audit_no_update`,
			`CREATE TRIGGER audit_no_update AFTER INSERT ON audit BEGIN SELECT 1; END`},
			"audit", "audit_no_update hilang atau diubah"},
		{"audit row deleted from the middle", []string{dropTriggers, `DELETE FROM audit WHERE seq = 5`, putTriggers},
			"audit", "baris jejak audit nomor 5 tidak ada"},
		{"newest audit rows deleted", []string{dropTriggers, `DELETE FROM audit WHERE seq > (SELECT max(seq) - 3 FROM audit)`, putTriggers},
			"audit", "baris terbaru telah dihapus"},
		{"personal value written into the audit", []string{dropTriggers,
			`PRAGMA ignore_check_constraints = ON`,
			`INSERT INTO audit (origin, seq, at, entity, entity_id, action, field, new, personal) VALUES (1, 100000, '2026-11-26T02:00:00.000000Z', 'visitor', 'v', 'ubah', 'name', 'Siti', 1)`,
			putTriggers},
			"audit", "data pribadi memuat nilai"},
	}
	src := closedCopy(t, paidPub)
	clean := readFile(t, src)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := tempPath(t, "loket.db")
			if err := os.WriteFile(path, clean, 0o600); err != nil {
				t.Fatal(err)
			}
			db := rawDB(t, path)
			conn, err := db.Conn(context.Background()) // PRAGMAs hold per connection
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range c.sql {
				if _, err := conn.ExecContext(context.Background(), s); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			conn.Close()
			db.Close()
			r, err := Check(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range r.Problems {
				if p.Area == c.area && strings.Contains(p.Msg, c.want) {
					return
				}
			}
			t.Errorf("want %s: …%s…; got:\n%s", c.area, c.want, problemsText(r))
		})
	}
}

func TestCheckFindsDamage(t *testing.T) {
	src := closedCopy(t, paidPub, microdata, zeroPub, paidPub, microdata, zeroPub)
	path := tempPath(t, "rusak.db")
	damaged(t, src, path)
	before := readFile(t, path)
	r, err := Check(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range r.Problems {
		found = found || p.Area == "integritas"
	}
	if !found {
		t.Errorf("damage not reported:\n%s", problemsText(r))
	}
	sameBytes(t, path, before)
}

// Check refuses what is not a loket database with a clear message, and
// leaves the file byte for byte as it was, creating nothing beside it.
func TestCheckRefusesOtherFilesUnchanged(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T, path string)
		is   error
		want string
		wal  bool // a WAL-mode file: SQLite may add its -wal and -shm side files, as any reader does
	}{
		{"random bytes", func(t *testing.T, p string) { randomFile(t, p, 64<<10) }, ErrNotLoket, "bukan berkas basis data SQLite", false},
		{"short random bytes", func(t *testing.T, p string) { randomFile(t, p, 10) }, ErrNotLoket, "bukan berkas basis data SQLite", false},
		{"empty file", func(t *testing.T, p string) { os.WriteFile(p, nil, 0o600) }, ErrNotLoket, "berkas kosong", false},
		{"another SQLite database", otherSQLite, ErrNotLoket, "basis data SQLite lain, bukan milik loket", false},
		{"newer schema", tooNew, nil, fmt.Sprintf("skema versi 99, sedangkan program ini hanya mengenal sampai versi %d", SchemaVersion), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := tempPath(t, "x.db")
			c.make(t, path)
			before, files := readFile(t, path), listDir(t, filepath.Dir(path))
			_, err := Check(context.Background(), path)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want …%s…", err, c.want)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("err = %v, want %v", err, c.is)
			}
			sameBytes(t, path, before)
			if c.wal {
				os.Remove(path + "-wal")
				os.Remove(path + "-shm")
			}
			if got := listDir(t, filepath.Dir(path)); strings.Join(got, ",") != strings.Join(files, ",") {
				t.Errorf("folder was %v, now %v", files, got)
			}
		})
	}
	t.Run("missing file is not created", func(t *testing.T) {
		path := tempPath(t, "tidak-ada.db")
		_, err := Check(context.Background(), path)
		if err == nil || !strings.Contains(err.Error(), "tidak ditemukan") {
			t.Fatalf("err = %v", err)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("check created %s", path)
		}
	})
	t.Run("folder", func(t *testing.T) {
		_, err := Check(context.Background(), t.TempDir())
		if err == nil || !strings.Contains(err.Error(), "adalah folder") {
			t.Fatalf("err = %v", err)
		}
	})
}

// A loket database is byte for byte the same after Check, even one with a
// WAL left by a running app.
func TestCheckLeavesLoketFileUnchanged(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepFinish)
	before := readFile(t, f.s.Path())
	wal := readFile(t, f.s.Path()+"-wal")
	r, err := Check(f.ctx, f.s.Path())
	if err != nil || !r.OK() {
		t.Fatalf("check: %v %v", err, r.Problems)
	}
	sameBytes(t, f.s.Path(), before)
	sameBytes(t, f.s.Path()+"-wal", wal)
}

// The audit check rests on AUTOINCREMENT leaving no gap when a save is
// rolled back, whole or a statement of it: the numbers are taken inside the
// transaction and go back with it. Without that, every failed save would
// look like a deleted audit row.
func TestAuditNumbersHaveNoGapAfterRollback(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepPurpose)
	tx, err := f.s.db.BeginTx(f.ctx, nil)
	f.must(err)
	a := f.s.auditor(f.ctx, tx, f.off, "visit", v.ID)
	a.event("uji")
	a.event("uji")
	f.must(a.err)
	f.must(tx.Rollback())
	// A save refused half way: the store rolls back its audit rows too.
	f.must(f.s.RecordGuest(f.ctx, f.off, v.ID, student))
	err = f.s.RecordRequest(f.ctx, f.off, v.ID, RequestInput{Items: []ItemInput{
		{Code: "PUB-EL", Title: "Ada", Pages: 10}, {Code: "TIDAK-ADA", Title: "Tidak ada"}}})
	if err == nil {
		t.Fatal("bad request accepted")
	}
	f.clock.Add(time.Minute)
	f.walk(paidPub, StepFinish)
	r, err := Check(f.ctx, f.s.Path())
	if err != nil || !r.OK() {
		t.Fatalf("check: %v\n%s", err, problemsText(r))
	}
}
