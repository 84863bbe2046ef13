package store

import "testing"

// A visit records the schedule in force with its name as soon as it
// starts, as pricing it does: check holds schedule_name to schedule_id,
// so an open visit not yet priced must already agree.
func TestStartedVisitRecordsItsScheduleName(t *testing.T) {
	f := newFixture(t)
	v, err := f.s.StartVisit(f.ctx, f.off)
	f.must(err)
	var id, name, want string
	f.must(f.s.db.QueryRow(`SELECT coalesce(schedule_id, ''), schedule_name FROM visits WHERE id = ?`, v.ID).Scan(&id, &name))
	f.must(f.s.db.QueryRow(`SELECT name FROM schedules WHERE id = ?`, id).Scan(&want))
	if id == "" || name != want || v.ScheduleName != want || f.visit(v.ID).ScheduleName != want {
		t.Errorf("started visit: schedule %q named %q (returned %q), schedule's name %q", id, name, v.ScheduleName, want)
	}
}
