package demo

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"loket/store"
)

// Benchmarks of issue 5, goal 3: what the counter app runs after its first
// frame on a database of ten busy years. The app draws Beranda first and
// runs these as a command, so the officer never waits on them; they are
// reported beside the startup figure (tui BenchmarkStartupFirstFrame).

// benchUntil and benchSeed fix the demo data the module's benchmarks and
// scripts/bench.sh share (BenchUntil, BenchSeed).
var benchUntil = BenchUntil

const benchSeed = BenchSeed

// benchDemoDB returns the cached demo database of days days ending on
// benchUntil in os.TempDir()/loket-bench, generated on first use.
func benchDemoDB(b *testing.B, days int) string {
	b.Helper()
	if testing.Short() {
		b.Skip("needs a demo database of many days")
	}
	path, made, err := Cached(context.Background(), filepath.Join(os.TempDir(), "loket-bench"),
		Config{Days: days, Until: benchUntil, Seed: benchSeed})
	if err != nil {
		b.Fatal(err)
	}
	if made {
		b.Logf("generated %d demo days into %s (once)", days, path)
	}
	return path
}

// benchCopy copies the cached decade into the benchmark's own folder, so
// that what the benchmark writes (the backup folder, the day of the last
// backup) never touches the shared file.
func benchCopy(b *testing.B, src string) string {
	b.Helper()
	dst := filepath.Join(b.TempDir(), "loket.db")
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return dst
}

// benchNow is the morning after the last demo day: the first start of a
// new day, when the app runs both.
func benchNow() time.Time { return benchUntil.Add(24*time.Hour + 7*time.Hour + 45*time.Minute) }

// BenchmarkQuickCheck runs the integrity quick check the app runs after
// its first frame every day, on ten years of data.
func BenchmarkQuickCheck(b *testing.B) {
	ctx := context.Background()
	s, err := store.Open(ctx, benchDemoDB(b, 3650), store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	for b.Loop() {
		problems, err := s.QuickCheck(ctx)
		if err != nil || len(problems) > 0 {
			b.Fatal(problems, err)
		}
	}
	benchSize(b, s.Path())
}

// BenchmarkAutoBackup makes the day's automatic backup of ten years of
// data (VACUUM INTO, flushed and checked), as on the first start of a day.
// Between runs the backup is removed and the day of the last backup
// forgotten, outside the timer.
func BenchmarkAutoBackup(b *testing.B) {
	ctx := context.Background()
	path := benchCopy(b, benchDemoDB(b, 3650))
	s, err := store.Open(ctx, path, store.Options{Now: benchNow})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		if err := os.RemoveAll(store.BackupDir(path)); err != nil {
			b.Fatal(err)
		}
		if err := s.SetMeta(ctx, store.MetaLastBackupDay, ""); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		p, err := s.AutoBackup(ctx)
		if err != nil || p == "" {
			b.Fatalf("backup %q: %v", p, err)
		}
	}
	benchSize(b, path)
}

// benchSize reports the database's size in MB.
func benchSize(b *testing.B, path string) {
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/1e6, "MB")
	}
}
