package demo

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

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

// BenchmarkMergeDecades is the scale of issue 17: five counters (A–E of
// office 1906, seed 1) with ten demo years each, merged by one loket
// gabung into a new archive, every conflict check on; then the same five
// sources merged again, which must find nothing new (each origin is read
// only past its last merged sequence). The decades are generated once and
// cached in os.TempDir()/loket-bench under the names scripts/bench.sh
// uses (minutes each); skipped under -short. It reports visits and rows
// (records and audit rows) per second of the first merge, the second
// merge's time as a share of the first's, the archive's size and, on
// Linux, the process's peak resident memory (VmHWM: SQLite's pages are
// outside the Go heap, so MemStats would not show them).
func BenchmarkMergeDecades(b *testing.B) {
	if testing.Short() {
		b.Skip("needs five demo decades")
	}
	var srcs []string
	for _, k := range []string{"A", "B", "C", "D", "E"} {
		cfg := Config{Days: 3650, Until: benchUntil, Seed: benchSeed}
		if k != "A" {
			cfg.Counter = k // counter A of office 1906 is the plain decade the other benchmarks share
		}
		path, made, err := Cached(context.Background(), filepath.Join(os.TempDir(), "loket-bench"), cfg)
		if err != nil {
			b.Fatal(err)
		}
		if made {
			b.Logf("generated counter %s's demo decade into %s (once)", k, path)
		}
		srcs = append(srcs, path)
	}
	var rows int
	var first, second time.Duration
	var archive string
	b.ResetTimer()
	for b.Loop() {
		archive = filepath.Join(b.TempDir(), "arsip.db")
		start := time.Now()
		rs, err := store.Merge(context.Background(), archive, srcs, nil)
		if err != nil {
			b.Fatal(err)
		}
		first = time.Since(start)
		rows = 0
		for _, r := range rs {
			rows += r.Added + r.Audit
		}
		start = time.Now()
		again, err := store.Merge(context.Background(), archive, srcs, nil)
		if err != nil {
			b.Fatal(err)
		}
		second = time.Since(start)
		for _, r := range again {
			if !r.UpToDate {
				b.Fatalf("second merge of unchanged %s: %+v, want nothing new", r.Source, r)
			}
		}
	}
	b.StopTimer()
	db, err := sql.Open("sqlite", "file:"+archive+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var visits int
	if err := db.QueryRow(`SELECT count(*) FROM visits`).Scan(&visits); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(archive)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(visits)/first.Seconds(), "visits/s")
	b.ReportMetric(float64(rows)/first.Seconds(), "rows/s")
	b.ReportMetric(100*second.Seconds()/first.Seconds(), "%second")
	b.ReportMetric(float64(st.Size())/1e6, "archive-MB")
	if kb := peakRSSKB(); kb > 0 {
		b.ReportMetric(float64(kb)/1024, "peak-RSS-MB")
	}
}

// peakRSSKB is the process's peak resident set (VmHWM) in kB, 0 where
// /proc/self/status does not tell.
func peakRSSKB() int {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	return 0
}
