package store

import "testing"

// Visit.Returning is true only when the visitor has a visit that arrived
// before this one: the visit that first recorded a person does not call
// them returning, even read again later, and a visit without a visitor
// record (no consent) never does. The clock stands still, as at a busy
// counter within one second: the order of arrival still decides.
func TestVisitReturningOnlyAfterAnEarlierVisit(t *testing.T) {
	f := newFixture(t)
	guest := func(in GuestInput) *Visit {
		v, err := f.s.StartVisit(f.ctx, f.off)
		f.must(err)
		f.must(f.s.RecordPurpose(f.ctx, f.off, v.ID, "Membeli data", "Penelitian"))
		f.must(f.s.RecordGuest(f.ctx, f.off, v.ID, in))
		return f.visit(v.ID)
	}
	first := guest(student)
	if first.VisitorID == "" || first.Returning {
		t.Fatalf("first visit: visitor %q, returning %v", first.VisitorID, first.Returning)
	}
	in := student
	in.VisitorID = first.VisitorID
	second := guest(in)
	if second.VisitorID != first.VisitorID || !second.Returning {
		t.Fatalf("second visit: visitor %q, returning %v", second.VisitorID, second.Returning)
	}
	if f.visit(first.ID).Returning {
		t.Fatal("the first visit became returning after the second")
	}
	anon := student
	anon.Consent = false
	if v := guest(anon); v.VisitorID != "" || v.Returning {
		t.Fatalf("no consent: visitor %q, returning %v", v.VisitorID, v.Returning)
	}
}
