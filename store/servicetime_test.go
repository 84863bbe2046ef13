package store

import (
	"testing"
	"time"
)

func TestServiceTime(t *testing.T) {
	at := time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		end  time.Time
		susp time.Duration
		want time.Duration
	}{
		{"plain", at.Add(4 * time.Minute), 0, 4 * time.Minute},
		{"minus suspension", at.Add(30 * time.Minute), 27 * time.Minute, 3 * time.Minute},
		{"clock set back", at.Add(-time.Hour), 0, 0},
		{"suspension longer than the visit", at.Add(time.Minute), 2 * time.Minute, 0},
	} {
		if got := ServiceTime(at, c.end, c.susp); got != c.want {
			t.Errorf("%s: ServiceTime = %v, want %v", c.name, got, c.want)
		}
	}
}

// A visit finished after the clock was set back has a service time of
// zero in every reading: the visit, the report row and the day's figures
// (the day's figures once counted it negative, lowering the average).
func TestServiceTimeOneReadingEverywhere(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepRating)
	f.clock.Add(-time.Hour)
	f.must(f.s.Finish(f.ctx, f.off, v.ID))
	v = f.visit(v.ID)
	if st := v.ServiceTime(f.clock.Now()); st != 0 {
		t.Fatalf("Visit.ServiceTime = %v, want 0", st)
	}
	d, err := f.s.DayStats(f.ctx, v.Day)
	f.must(err)
	if d.Finished != 1 || d.AvgService != 0 || d.Within5 != 1 {
		t.Fatalf("DayStats = finished %d, avg %v, within5 %d; want 1, 0, 1", d.Finished, d.AvgService, d.Within5)
	}
	f.must(f.s.Report(f.ctx, v.Day, v.Day, func(r *Report) error {
		return r.Visits(func(row VisitRow) error {
			if st, ok := row.ServiceTime(); !ok || st != 0 {
				t.Errorf("VisitRow.ServiceTime = %v, %v; want 0, true", st, ok)
			}
			return nil
		})
	}))
}
