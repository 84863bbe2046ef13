package store

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestRequiredDocuments(t *testing.T) {
	no := false
	line := func(k ItemKind, zero bool) Item { return Item{Kind: k, Zero: zero} }
	unavailable := func(it Item) Item { it.Available = &no; return it }
	for _, c := range []struct {
		name  string
		items []Item
		want  []DocKind
		micro bool
		agree bool
	}{
		{"publication", []Item{line(ItemPublication, false)}, nil, false, false},
		{"publication at Rp0", []Item{line(ItemPublication, true)}, []DocKind{DocLetter}, false, false},
		{"microdata", []Item{line(ItemMicrodata, false)}, []DocKind{DocAbstraksi, DocSPPD}, true, true},
		// A map brings the abstraksi and the SPPD, but is not microdata:
		// the old HasMicrodata said true here.
		{"map", []Item{line(ItemMap, false)}, []DocKind{DocAbstraksi, DocSPPD}, false, true},
		{"map at Rp0", []Item{line(ItemMap, true)}, []DocKind{DocLetter, DocAbstraksi, DocSPPD}, false, true},
		{"unavailable microdata", []Item{line(ItemPublication, false), unavailable(line(ItemMicrodata, true))}, nil, false, false},
	} {
		v := &Visit{Items: c.items}
		if got := RequiredDocuments(v); !slices.Equal(got, c.want) {
			t.Errorf("%s: RequiredDocuments = %v, want %v", c.name, got, c.want)
		}
		if got := v.HasKind(ItemMicrodata); got != c.micro {
			t.Errorf("%s: HasKind(microdata) = %v, want %v", c.name, got, c.micro)
		}
		if got := v.NeedsAgreement(); got != c.agree {
			t.Errorf("%s: NeedsAgreement = %v, want %v", c.name, got, c.agree)
		}
	}
}

// ConfirmTerms puts exactly RequiredDocuments on the checklist.
func TestRuleConfirmTermsPutsRequiredDocuments(t *testing.T) {
	f := newFixture(t)
	for _, kind := range []int{paidPub, microdata, zeroPub} {
		v := f.walk(kind, StepTerms)
		var got []DocKind
		for _, d := range v.Documents {
			got = append(got, d.Kind)
		}
		want := RequiredDocuments(v)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("kind %d: documents %v, want %v", kind, got, want)
		}
	}
}

func TestBillingState(t *testing.T) {
	exp := time.Date(2026, 12, 3, 2, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		status  BillingState
		now     time.Time
		want    BillingState
		replace bool
	}{
		{BillingActive, exp.Add(-time.Second), BillingActive, false},
		{BillingActive, exp, BillingActive, false},
		{BillingActive, exp.Add(time.Second), BillingExpired, true},
		{BillingPaid, exp.Add(time.Hour), BillingPaid, false},
		{BillingReplaced, exp.Add(time.Hour), BillingReplaced, false},
		{BillingCanceled, exp.Add(time.Hour), BillingCanceled, false},
	} {
		b := BillingCode{Status: c.status, ExpiresAt: exp}
		if got := b.State(c.now); got != c.want {
			t.Errorf("%s at %v: State = %s, want %s", c.status, c.now.Sub(exp), got, c.want)
		}
		if got := b.MustReplace(c.now); got != c.replace {
			t.Errorf("%s at %v: MustReplace = %v, want %v", c.status, c.now.Sub(exp), got, c.replace)
		}
	}
}

// Issuing a kode billing for the bank and suspending the visit is one
// change: both or neither.
func TestRuleIssueBillingAndSuspend(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepPrepare)
	b, err := f.s.IssueBillingAndSuspend(f.ctx, f.off, v.ID, student.Name, "820261126000001")
	f.must(err)
	got := f.visit(v.ID)
	if !got.Suspended() || got.Step(StepPayment).State != StateWaiting {
		t.Fatalf("after IssueBillingAndSuspend: suspended %v, step 11 %s", got.Suspended(), got.Step(StepPayment).State)
	}
	stored := got.ActiveBilling()
	if stored == nil || stored.ID != b.ID || !stored.ExpiresAt.Equal(b.ExpiresAt) || !b.ExpiresAt.Equal(got.SuspendedAt.Add(BillingValidity)) {
		t.Fatalf("returned code %+v, stored %+v, suspended at %v", b, stored, got.SuspendedAt)
	}
	// Refused while suspended (the gate): nothing is written, the first
	// code stays the active one.
	if _, err := f.s.IssueBillingAndSuspend(f.ctx, f.off, v.ID, student.Name, "820261126000002"); !errors.Is(err, ErrSuspended) {
		t.Fatalf("second code while suspended: err = %v, want ErrSuspended", err)
	}
	// A refused code (used by another visit) leaves the visit unsuspended.
	w := f.walk(paidPub, StepPrepare)
	if _, err := f.s.IssueBillingAndSuspend(f.ctx, f.off, w.ID, student.Name, "820261126000001"); !errors.Is(err, ErrConflict) {
		t.Fatalf("code of another visit: err = %v, want ErrConflict", err)
	}
	if got := f.visit(w.ID); got.Suspended() || len(got.Billing) != 0 {
		t.Fatalf("refused code: suspended %v, %d codes", got.Suspended(), len(got.Billing))
	}
	// After the code expired, issuing a new one records the old as
	// kedaluwarsa, as the screen was told by MustReplace.
	f.must(f.s.Resume(f.ctx, f.off, v.ID))
	f.clock.Add(BillingValidity + time.Minute)
	if old := f.visit(v.ID).ActiveBilling(); !old.MustReplace(f.s.Now()) {
		t.Fatal("expired code: MustReplace false")
	}
	_, err = f.s.IssueBillingAndSuspend(f.ctx, f.off, v.ID, student.Name, "820261126000003")
	f.must(err)
	for _, c := range f.visit(v.ID).Billing {
		if c.Code == "820261126000001" && c.Status != BillingExpired {
			t.Fatalf("replaced expired code is %q, want kedaluwarsa", c.Status)
		}
	}
}

// WithQuantity puts the quantity in the measure the kind is priced by,
// which the request screen's preview and its save both use.
func TestItemInputWithQuantity(t *testing.T) {
	for _, c := range []struct {
		kind               ItemKind
		pages, bytes, maps int64
	}{
		{ItemPublication, 7, 0, 0},
		{ItemMicrodata, 0, 7, 0},
		{ItemMap, 0, 0, 7},
	} {
		l := ItemInput{Code: "X"}.WithQuantity(c.kind, 7).Line()
		if l.Code != "X" || l.Pages != c.pages || l.Bytes != c.bytes || l.Maps != c.maps {
			t.Errorf("%s: line %+v", c.kind, l)
		}
	}
}
