package demo

import (
	"context"
	"path/filepath"
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
