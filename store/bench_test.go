package store

import (
	"testing"
	"time"
)

// BenchmarkLoadVisit measures loading one visit with all its records, which
// every step does before its rules are checked.
func BenchmarkLoadVisit(b *testing.B) {
	f := newFixture(b)
	v := f.walk(microdata, StepHandover)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f.s.Visit(f.ctx, v.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStepCommit measures one step saved with synchronous=FULL: the
// price of durability the officer pays per step (issue 5, goal 5).
func BenchmarkStepCommit(b *testing.B) {
	f := newFixture(b)
	v := f.walk(paidPub, StepGuestBook)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f.clock.Add(time.Second)
		if err := f.s.RecordPurpose(f.ctx, f.off, v.ID, "Membeli data", "Tugas sekolah/kuliah"); err != nil {
			b.Fatal(err)
		}
	}
}
