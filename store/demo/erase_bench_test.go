package demo

import (
	"context"
	"testing"

	"loket/store"
)

// BenchmarkEraseVisitorYear erases one visitor on request in a demo year,
// as the counter does (issue 14): the anonymisation and free-text scrub in
// one transaction, then the file rebuilt (VACUUM, temp_store=FILE) and the
// WAL checkpointed and truncated. Each run erases another visitor of the
// same copy.
func BenchmarkEraseVisitorYear(b *testing.B) {
	ctx := context.Background()
	path := benchCopy(b, benchDemoDB(b, 365))
	s, err := store.Open(ctx, path, store.Options{Now: benchNow})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	found, err := s.FindVisitors(ctx, "pengunjung", 200)
	if err != nil || len(found) == 0 {
		b.Fatalf("visitors to erase: %d %v", len(found), err)
	}
	i := 0
	for b.Loop() {
		if i == len(found) {
			b.Fatal("ran out of visitors to erase")
		}
		if err := s.EraseVisitor(ctx, "", found[i].ID); err != nil {
			b.Fatal(err)
		}
		i++
	}
	benchSize(b, path)
}
