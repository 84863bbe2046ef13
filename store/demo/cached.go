package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"loket/store"
	"loket/store/valid"
)

// BenchUntil and BenchSeed fix the demo data the module's benchmarks share
// (export, store/demo and tui), and scripts/bench.sh names its files the
// same way, so one generated decade serves them all.
var BenchUntil = time.Date(2026, 11, 26, 0, 0, 0, 0, valid.WIB)

// BenchSeed is the seed of the benchmarks' demo data.
const BenchSeed = 1

// CachedName is the file name of a cached demo database: the schema
// version, the days, the last day and the seed, as in
// demo-v1-365d-2026-11-26-s1.db.
func CachedName(cfg Config) string {
	name := fmt.Sprintf("demo-v%d-%dd-%s-s%d", store.SchemaVersion, cfg.Days, cfg.Until.Format(time.DateOnly), cfg.Seed)
	if cfg.Counter != "" || cfg.Office != "" {
		name += "-k" + cfg.Office + cfg.Counter // another counter is another file
	}
	return name + ".db"
}

// Cached returns the demo database of cfg in dir, generating it on first
// use (a decade takes a minute or two). It is written under a temporary
// name and renamed, so a half-made file is never taken for a cached one;
// made says whether it was generated now.
func Cached(ctx context.Context, dir string, cfg Config) (path string, made bool, err error) {
	path = filepath.Join(dir, CachedName(cfg))
	if _, err := os.Stat(path); err == nil {
		return path, false, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", false, err
	}
	tmp := fmt.Sprintf("%s.%d.part", path, os.Getpid())
	if _, err := Generate(ctx, tmp, cfg); err != nil {
		os.Remove(tmp)
		return "", false, err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return "", false, err
	}
	return path, true, nil
}
