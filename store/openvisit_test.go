package store

import (
	"errors"
	"testing"
)

// Cancel, Suspend and Resume share one path: each refuses a closed visit
// with ErrClosed and writes nothing.
func TestRuleVisitActionsRefuseClosedVisit(t *testing.T) {
	for _, c := range []struct {
		name string
		act  func(f *fixture, id string) error
	}{
		{"cancel", func(f *fixture, id string) error { return f.s.Cancel(f.ctx, f.off, id, "salah input") }},
		{"suspend", func(f *fixture, id string) error { return f.s.Suspend(f.ctx, f.off, id, "ke bank") }},
		{"resume", func(f *fixture, id string) error { return f.s.Resume(f.ctx, f.off, id) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			v := f.walk(paidPub, StepFinish)
			var before, after int
			f.must(testDB(f.s).QueryRow(`SELECT count(*) FROM audit`).Scan(&before))
			if err := c.act(f, v.ID); !errors.Is(err, ErrClosed) {
				t.Fatalf("%s on a finished visit: err = %v, want ErrClosed", c.name, err)
			}
			f.must(testDB(f.s).QueryRow(`SELECT count(*) FROM audit`).Scan(&after))
			if got := f.visit(v.ID); got.Status != VisitDone || got.Suspended() || after != before {
				t.Fatalf("after a refused %s: status %s, suspended %v, audit %d→%d", c.name, got.Status, got.Suspended(), before, after)
			}
		})
	}
}

// Suspending twice and resuming a visit that is not suspended are harmless.
func TestRuleSuspendResumeIdempotent(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepRequest)
	f.must(f.s.Resume(f.ctx, f.off, v.ID))
	f.must(f.s.Suspend(f.ctx, f.off, v.ID, "melayani tamu lain"))
	at := f.visit(v.ID).SuspendedAt
	f.clock.Add(60e9)
	f.must(f.s.Suspend(f.ctx, f.off, v.ID, "lagi"))
	if got := f.visit(v.ID); !got.SuspendedAt.Equal(at) {
		t.Fatalf("second suspend moved the start: %v → %v", at, got.SuspendedAt)
	}
	f.must(f.s.Resume(f.ctx, f.off, v.ID))
	if got := f.visit(v.ID); got.Suspended() || got.SuspendedSecs != 60 {
		t.Fatalf("after resume: suspended %v, %d s; want false, 60", got.Suspended(), got.SuspendedSecs)
	}
}
