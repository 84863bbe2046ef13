package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// releasedMigrations are the SHA-256 of every released migration file: a
// released migration is never edited (a database made by it would no longer
// match what the file says), so an in-place edit fails here. A new
// migration adds its line.
var releasedMigrations = map[string]string{
	"migrations/0001_init.sql":                 "9515aad9281460718c119638f8bba91b164fa29abf024c135035e0f1e256814f",
	"migrations/0002_origin_footprint.sql":     "6f129b08eeac641a524c043556171245338ff83cb6e7e6f3720ac27a13aa5552",
	"migrations/0003_audit_chain.sql":          "12dc668d84c050b564d9b383888e91216af2fe9b3e2ddc86ac70b57575018217",
	"migrations/0004_officers_per_counter.sql": "42ab97113718a29f7c85acdf4f661851046ac4913b17b70a176b52df9f328b1c",
	"migrations/0005_visitor_links.sql":        "0bbbdfed21a71252ed2227564138aaa23d84db16e15fc75324a56f7710fc923f",
}

func TestReleasedMigrationsUnchanged(t *testing.T) {
	for name, want := range releasedMigrations {
		b, err := migrationFiles.ReadFile(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s was edited (SHA-256 %s, released %s): add a new migration instead", name, got, want)
		}
	}
	if SchemaVersion != len(releasedMigrations) {
		t.Errorf("%d migrations, %d recorded here", SchemaVersion, len(releasedMigrations))
	}
}

// v1DB is a database written by the released schema-1 loket (see
// cmd/loket/upgrade_test.go).
const v1DB = "../testdata/v1/loket-v1.db"

func copyV1(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(v1DB)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "loket.db")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUpgradeV1(t *testing.T) {
	ctx := context.Background()
	p := copyV1(t)
	if _, err := Open(ctx, p, Options{}); !errorsIsNeedsUpgrade(err) {
		t.Fatalf("Open of a v1 file: %v, want NeedsUpgradeError", err)
	}
	need, err := NeedsUpgrade(ctx, p)
	if err != nil || !need {
		t.Fatalf("NeedsUpgrade = %v, %v", need, err)
	}
	officers := func() string {
		t.Helper()
		db := rawDB(t, p)
		defer db.Close()
		var all string
		if err := db.QueryRow(`SELECT group_concat(id || '|' || name || '|' || coalesce(pin_hash, '-') || '|' || active || '|' || created_at, ';' ORDER BY id)
			FROM officers`).Scan(&all); err != nil {
			t.Fatal(err)
		}
		return all
	}
	v1Officers := officers()
	var phases []string
	res, err := Upgrade(ctx, p, UpgradeOptions{Progress: func(u UpgradeProgress) { phases = append(phases, u.Phase) }})
	if err != nil {
		t.Fatal(err)
	}
	if res.From != 1 || res.To != SchemaVersion || !res.Check.OK() || res.Check.Visits != 320 {
		t.Fatalf("result %+v", res)
	}
	if !strings.HasPrefix(filepath.Base(res.Backup), "loket-sebelum-upgrade-") || filepath.Dir(res.Backup) != filepath.Dir(p) {
		t.Errorf("backup %s, want beside %s", res.Backup, p)
	}
	if v, err := SchemaOf(ctx, res.Backup); err != nil || v != 1 {
		t.Errorf("backup schema %d, %v", v, err)
	}
	if len(phases) < 5 || phases[0] != "cadangan" || phases[len(phases)-1] != "pemeriksaan" {
		t.Errorf("progress phases %v", phases)
	}
	if v, err := VerifySchema(ctx, p); err != nil || v != SchemaVersion {
		t.Fatalf("VerifySchema = %d, %v", v, err)
	}
	// Migration 4 rebuilt officers (UNIQUE per origin) keeping every row.
	if got := officers(); got != v1Officers || strings.Count(got, ";") != 2 {
		t.Errorf("officers after the upgrade:\n%s\nv1:\n%s", got, v1Officers)
	}
	db := rawDB(t, p)
	defer db.Close()
	// Migration 3 gave every row of the kept trail its chain hash (check
	// above verified the chain itself).
	var unhashed int
	if err := db.QueryRow(`SELECT count(*) FROM audit WHERE hash IS NULL OR length(hash) <> 32`).Scan(&unhashed); err != nil || unhashed != 0 {
		t.Fatalf("%d audit rows without a hash after the upgrade (%v)", unhashed, err)
	}
	var nullSched, steps, kw, kwPayer, counters, seq int
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.QueryRow(`SELECT count(*) FROM visits WHERE schedule_id IS NULL`).Scan(&nullSched))
	must(db.QueryRow(`SELECT count(*) FROM visit_steps`).Scan(&steps))
	must(db.QueryRow(`SELECT count(*), count(nullif(i.payer = p.payer, 0)) FROM invoices i JOIN payments p ON p.visit_id = i.visit_id
		WHERE i.kind = 'kuitansi'`).Scan(&kw, &kwPayer))
	must(db.QueryRow(`SELECT count(*), max(audit_seq) FROM counters`).Scan(&counters, &seq))
	if nullSched != 0 || steps != 320*16 || kw == 0 || kwPayer != kw || counters != 1 || seq != res.Check.AuditRows {
		t.Errorf("NULL schedule_id %d, steps %d, kuitansi %d with the payer %d, counters %d, audit_seq %d (rows %d)",
			nullSched, steps, kw, kwPayer, counters, seq, res.Check.AuditRows)
	}
	var copied int
	must(db.QueryRow(`SELECT count(*) FROM audit WHERE (field IN ('purpose','status_reason','reason','void_reason')
		AND old IS NOT NULL) OR (field IN ('purpose','status_reason','reason') AND new IS NOT NULL)
		OR (action LIKE 'batal_%' AND new LIKE '%:%')`).Scan(&copied))
	if copied != 0 {
		t.Errorf("%d audit rows still copy free text", copied)
	}
	// The upgraded file works: a visit, with its steps and audit rows.
	s, err := Open(ctx, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	off, err := s.AddOfficer(ctx, "Petugas Baru", "")
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.StartVisit(ctx, off.ID)
	if err != nil {
		t.Fatal(err)
	}
	var sched string
	must(db.QueryRow(`SELECT coalesce(schedule_id, '') FROM visits WHERE id = ?`, v.ID).Scan(&sched))
	if sched == "" {
		t.Error("a new visit has no schedule_id")
	}
	r, err := Check(ctx, p)
	if err != nil || !r.OK() {
		t.Fatalf("check after a new visit: %v %v", err, r.Problems)
	}
}

func errorsIsNeedsUpgrade(err error) bool {
	_, ok := err.(*NeedsUpgradeError)
	return ok
}

// upgradeChildEnv makes this test binary a child that upgrades the named
// file: the kill test kills it at random points.
const upgradeChildEnv = "LOKET_UPGRADE_CHILD"

func TestUpgradeChild(t *testing.T) {
	p := os.Getenv(upgradeChildEnv)
	if p == "" {
		t.Skip("only run as the kill test's child process")
	}
	if _, err := Upgrade(context.Background(), p, UpgradeOptions{}); err != nil {
		t.Fatal(err)
	}
}

// A kill -9 at a random point of an upgrade leaves the old schema or the
// new one, whole, never a mix; the next upgrade finishes and check is
// clean. The first round runs to the end to time a whole upgrade; the
// others kill at random points within that time.
func TestUpgradeSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("process-level kill test")
	}
	ctx := context.Background()
	var full time.Duration
	rng := rand.New(rand.NewPCG(11, 13))
	seen := map[int]int{} // schema version found after a kill: how often
	for round := 0; round < 6; round++ {
		p := copyV1(t)
		cmd := exec.Command(os.Args[0], "-test.run=^TestUpgradeChild$")
		cmd.Env = append(os.Environ(), upgradeChildEnv+"="+p)
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if round == 0 {
			if err := cmd.Wait(); err != nil {
				t.Fatalf("child: %v", err)
			}
			full = time.Since(start)
		} else {
			time.Sleep(time.Duration(rng.Int64N(int64(full))))
			_ = cmd.Process.Kill() // SIGKILL; it may have finished already
			_ = cmd.Wait()
		}
		// VerifySchema fails unless the file is, text for text, what
		// migrations 1…v make: a mix shows as an error here.
		v, err := VerifySchema(ctx, p)
		if err != nil {
			t.Fatalf("round %d: after the kill: %v", round, err)
		}
		if v < 1 || v > SchemaVersion {
			t.Fatalf("round %d: schema %d after the kill, want 1 (the v1 file) to %d", round, v, SchemaVersion)
		}
		if round == 0 && v != SchemaVersion {
			t.Fatalf("a whole upgrade left schema %d, want %d", v, SchemaVersion)
		}
		if round > 0 {
			seen[v]++
		}
		res, err := Upgrade(ctx, p, UpgradeOptions{})
		if err != nil {
			t.Fatalf("round %d: upgrade after the kill (schema %d): %v", round, v, err)
		}
		if !res.Check.OK() || res.Check.Visits != 320 {
			t.Fatalf("round %d: check %+v", round, res.Check)
		}
		if v, err := VerifySchema(ctx, p); err != nil || v != SchemaVersion {
			t.Fatalf("round %d: after the upgrade that followed the kill: schema %d, %v; want %d", round, v, err, SchemaVersion)
		}
	}
	t.Logf("whole upgrade %v; schema found after a kill (version: rounds): %v; newest %d", full, seen, SchemaVersion)
}

// A file of every older schema, not only v1, goes to the newest: v1 taken
// to schema 2 and 3 by their migrations alone, as the loket of those
// schemas left it, is upgraded the rest of the way with its officers and
// its visits' references to them kept.
func TestUpgradeFromEachOlderSchema(t *testing.T) {
	skipUnderRace(t)
	ctx := context.Background()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for stop := 2; stop < SchemaVersion; stop++ {
		p := copyV1(t)
		db, err := sql.Open("sqlite", sqliteURI(p, "_pragma=foreign_keys(0)&_pragma=busy_timeout(5000)&_txlock=immediate"))
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		ids := newIDSource(nil)
		for i := 1; i < stop; i++ {
			if err := runMigration(ctx, db, i, ms[i], time.Now, ids, func(UpgradeProgress) {}); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		if v, err := VerifySchema(ctx, p); err != nil || v != stop {
			t.Fatalf("the file made for schema %d: %d, %v", stop, v, err)
		}
		var before string
		raw := rawDB(t, p)
		if err := raw.QueryRow(`SELECT group_concat(o.id || o.name || (SELECT count(*) FROM visits v WHERE v.officer_id = o.id), ';' ORDER BY o.id) FROM officers o`).Scan(&before); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		res, err := Upgrade(ctx, p, UpgradeOptions{})
		if err != nil {
			t.Fatalf("upgrade from schema %d: %v", stop, err)
		}
		if res.From != stop || res.To != SchemaVersion || !res.Check.OK() || res.Check.Visits != 320 {
			t.Fatalf("upgrade from schema %d: %+v", stop, res)
		}
		if v, err := VerifySchema(ctx, p); err != nil || v != SchemaVersion {
			t.Fatalf("after the upgrade from schema %d: %d, %v", stop, v, err)
		}
		var after string
		raw = rawDB(t, p)
		if err := raw.QueryRow(`SELECT group_concat(o.id || o.name || (SELECT count(*) FROM visits v WHERE v.officer_id = o.id), ';' ORDER BY o.id) FROM officers o`).Scan(&after); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		if after != before || before == "" {
			t.Errorf("officers and their visits after the upgrade from schema %d:\n%s\nbefore:\n%s", stop, after, before)
		}
	}
}

// An upgrade stopped during its VACUUM leaves the new schema whole and the
// file uncompacted; the next run compacts it and says so, and a run after
// that has nothing to do.
func TestUpgradeFinishesAnInterruptedCompaction(t *testing.T) {
	skipUnderRace(t)
	ctx := context.Background()
	p := copyV1(t)
	res, err := Upgrade(ctx, p, UpgradeOptions{})
	if err != nil || res.Compacted {
		t.Fatalf("upgrade: %+v %v", res, err)
	}
	pending := func() int {
		t.Helper()
		db := rawDB(t, p)
		defer db.Close()
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM meta WHERE key = ?`, metaCompactPending).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := pending(); n != 0 {
		t.Fatalf("a finished upgrade left the compaction marked pending (%d)", n)
	}
	// What a kill during VACUUM leaves: the migrations' marker, and free
	// pages the VACUUM would have removed.
	db, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`INSERT INTO meta (key, value) VALUES ('` + metaCompactPending + `', '1')`,
		`CREATE TABLE ballast (b BLOB)`, `INSERT INTO ballast SELECT randomblob(4096) FROM visits`, `DROP TABLE ballast`,
		`PRAGMA wal_checkpoint(TRUNCATE)`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	var free int
	if err := db.QueryRow(`PRAGMA freelist_count`).Scan(&free); err != nil || free < 100 {
		t.Fatalf("freelist %d, %v", free, err)
	}
	db.Close()
	res, err = Upgrade(ctx, p, UpgradeOptions{})
	if err != nil || !res.Compacted || !res.Check.OK() || res.From != SchemaVersion {
		t.Fatalf("rerun: %+v %v", res, err)
	}
	if n := pending(); n != 0 {
		t.Fatalf("the marker is still there after the compaction (%d)", n)
	}
	db = rawDB(t, p)
	if err := db.QueryRow(`PRAGMA freelist_count`).Scan(&free); err != nil || free != 0 {
		t.Fatalf("freelist after the compaction %d, %v", free, err)
	}
	db.Close()
	if res, err := Upgrade(ctx, p, UpgradeOptions{}); err != nil || res.Compacted {
		t.Fatalf("a third run: %+v %v", res, err)
	}
}
