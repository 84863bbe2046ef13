package demo

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/store"
	"loket/store/valid"
)

var until = time.Date(2026, 11, 26, 0, 0, 0, 0, valid.WIB)

func TestGenerateIsReproducible(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, err := Generate(ctx, filepath.Join(dir, "a.db"), Config{Days: 21, Until: until, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(ctx, filepath.Join(dir, "b.db"), Config{Days: 21, Until: until, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Fatalf("same seed, different data:\n%+v\n%+v", a, b)
	}
	if a.Visits < 15*5 || a.Finished == 0 || a.Payments == 0 || a.Open == 0 && a.Visits == a.Finished+a.Canceled+a.Referred {
		t.Fatalf("implausible summary %+v", a)
	}
	sa, err := store.Open(ctx, filepath.Join(dir, "a.db"), store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer sa.Close()
	sb, err := store.Open(ctx, filepath.Join(dir, "b.db"), store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	va, _ := sa.OpenVisits(ctx)
	vb, _ := sb.OpenVisits(ctx)
	if len(va) == 0 || len(va) != len(vb) || va[0].ID != vb[0].ID || va[0].Name != vb[0].Name {
		t.Fatalf("open visits differ or none: %d vs %d", len(va), len(vb))
	}
}

func TestGenerateRefusesRealDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "real.db")
	s, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	o, err := s.AddOfficer(ctx, "Petugas Nyata", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartVisit(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Generate(ctx, path, Config{Days: 3, Until: until, Seed: 1}); err == nil {
		t.Fatal("demo data was written into a database holding a real visit")
	}
}

func BenchmarkGenerate30Days(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Generate(context.Background(), filepath.Join(b.TempDir(), "d.db"), Config{Days: 30, Until: until, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestGenerateCoversTheDomain checks that two months of demo data hold every
// kind of record the brief lists, so the export and the screens are shown
// something of each.
func TestGenerateCoversTheDomain(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	if _, err := Generate(ctx, path, Config{Days: 90, Until: until, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(ctx, path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checks := map[string]string{
		"every product code":          `SELECT count(DISTINCT code) = 8 FROM items`,
		"Rp0 lines":                   `SELECT count(*) > 0 FROM items WHERE zero = 1`,
		"cash payments":               `SELECT count(*) > 0 FROM payments WHERE method = 'Tunai'`,
		"bank payments with NTPN":     `SELECT count(*) > 0 FROM payments WHERE method = 'Bank' AND ntpn <> ''`,
		"expired billing codes":       `SELECT count(*) > 0 FROM billing_codes WHERE status = 'kedaluwarsa'`,
		"cancellations":               `SELECT count(*) > 0 FROM visits WHERE status = 'Batal'`,
		"referrals":                   `SELECT count(*) > 0 FROM visits WHERE status = 'Dirujuk ke konsultasi'`,
		"unavailable lines":           `SELECT count(*) > 0 FROM items WHERE available = 0`,
		"open visits on the last day": `SELECT count(*) > 0 FROM visits WHERE status = 'Berjalan' AND day = '2026-11-26'`,
		"corrections at step 14":      `SELECT count(DISTINCT fault) = 2 FROM corrections`,
		"declined ratings":            `SELECT count(*) > 0 FROM ratings WHERE declined = 1`,
		"ratings":                     `SELECT count(*) > 0 FROM ratings WHERE declined = 0`,
		"complaints with follow-up":   `SELECT count(*) > 0 FROM complaint_followups`,
		"cash hand-overs":             `SELECT count(*) > 0 FROM handovers`,
		"returning visitors":          `SELECT count(*) > 0 FROM (SELECT visitor_id FROM visits WHERE visitor_id IS NOT NULL GROUP BY visitor_id HAVING count(*) > 1)`,
		"reissued kuitansi":           `SELECT count(*) > 0 FROM invoices WHERE kind = 'kuitansi' AND void_at IS NOT NULL`,
		"marked as demo":              `SELECT value = '1' FROM meta WHERE key = 'demo'`,
	}
	for name, q := range checks {
		var ok bool
		if err := rawDB(t, s.Path()).QueryRowContext(ctx, q).Scan(&ok); err != nil || !ok {
			t.Errorf("%s: %v (%s)", name, err, q)
		}
	}
}

// Cached generates a demo database once, under its telling name, and
// hands back the same file after; no partial file is left beside it.
func TestCachedGeneratesOnce(t *testing.T) {
	dir := t.TempDir()
	cfg := Config{Days: 2, Until: BenchUntil, Seed: 7}
	path, made, err := Cached(context.Background(), dir, cfg)
	if err != nil || !made || filepath.Base(path) != fmt.Sprintf("demo-v%d-2d-2026-11-26-s7.db", store.SchemaVersion) {
		t.Fatalf("first: %q %v %v", path, made, err)
	}
	again, made, err := Cached(context.Background(), dir, cfg)
	if err != nil || made || again != path {
		t.Fatalf("second: %q %v %v", again, made, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".part") {
			t.Errorf("partial file left: %s", e.Name())
		}
	}
}

// rawDB opens the database file below the store's API, for a test that
// writes what the API never would; only tests do this (the store has no
// such door).
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// The generator fills every day from FirstYear on (its youngest visitor is
// then five, as the guest book requires), and refuses an earlier first day
// before it writes anything: `demo --until 1980-…` failed halfway with
// "Tahun lahir: harus antara …" and left a half-filled database.
func TestGenerateDatesBoundedByWhatItCanProduce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	last := time.Date(FirstYear, 1, 20, 0, 0, 0, 0, valid.WIB)
	sum, err := Generate(ctx, filepath.Join(dir, "first.db"), Config{Days: 20, Until: last, Seed: 3})
	if err != nil {
		t.Fatalf("from %d-01-01: %v", FirstYear, err)
	}
	if sum.Visits < 50 {
		t.Errorf("from %d-01-01: %+v", FirstYear, sum)
	}
	for _, until := range []time.Time{last, time.Date(1980, 6, 1, 0, 0, 0, 0, valid.WIB)} {
		p := filepath.Join(dir, "early-"+until.Format("2006")+".db")
		_, err := Generate(ctx, p, Config{Days: 21, Until: until, Seed: 3})
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("sebelum tahun %d", FirstYear)) {
			t.Errorf("until %s, 21 days: %v", until.Format(time.DateOnly), err)
		}
		if _, err := os.Stat(p); err == nil {
			t.Errorf("until %s: a database was left behind", until.Format(time.DateOnly))
		}
	}
}
