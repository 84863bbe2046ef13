package demo

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"loket/store"
)

// BenchmarkMergeYear is loket gabung of two counters' demo years (counter
// A and counter B, generated once and cached) into a new archive: every
// conflict check on, one transaction per source. It reports visits and
// rows (records and audit rows) per second.
func BenchmarkMergeYear(b *testing.B) {
	a := benchDemoDB(b, 365)
	src, made, err := Cached(context.Background(), filepath.Join(os.TempDir(), "loket-bench"),
		Config{Days: 365, Until: benchUntil, Seed: benchSeed + 1, Counter: "B"})
	if err != nil {
		b.Fatal(err)
	}
	if made {
		b.Logf("generated counter B's demo year into %s (once)", src)
	}
	var rows int
	var archive string
	b.ResetTimer()
	for b.Loop() {
		archive = filepath.Join(b.TempDir(), "arsip.db")
		rs, err := store.Merge(context.Background(), archive, []string{a, src}, nil)
		if err != nil {
			b.Fatal(err)
		}
		rows = 0
		for _, r := range rs {
			rows += r.Added + r.Audit
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.StopTimer()
	r, err := store.Check(context.Background(), archive)
	if err != nil || !r.OK() {
		b.Fatalf("archive: %v %v", r.Problems, err)
	}
	b.ReportMetric(float64(r.Visits)/sec, "visits/s")
	b.ReportMetric(float64(rows)/sec, "rows/s")
}
