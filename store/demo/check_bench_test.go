package demo

import (
	"context"
	"testing"

	"loket/store"
)

// BenchmarkCheckYear is `loket check` on a demo year: every check of
// store.Check, the schema, constraint, money-trail and clock checks of
// issue 13 included. It must find nothing in demo data.
func BenchmarkCheckYear(b *testing.B) { benchCheck(b, 365) }

// BenchmarkCheckDecade is the same on ten years (generated once, cached).
func BenchmarkCheckDecade(b *testing.B) { benchCheck(b, 3650) }

func benchCheck(b *testing.B, days int) {
	path := benchDemoDB(b, days)
	b.ResetTimer()
	for b.Loop() {
		r, err := store.Check(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		if !r.OK() {
			b.Fatalf("demo data not sound: %v", r.Problems)
		}
	}
}
