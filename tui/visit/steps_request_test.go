package visit

import (
	"math"
	"strings"
	"testing"

	"loket/tariff"
	"loket/tui/frame"
)

// The total shown over the request's lines is summed through tariff.Add:
// quotes whose sum does not fit in int64 show as over the limit, never as
// a wrapped-around (negative or small) amount.
func TestRequestTotalDoesNotWrap(t *testing.T) {
	e := &requestEd{}
	e.c = &frame.Context{Styles: frame.NewStyles(true)}
	for _, a := range []int64{math.MaxInt64, 80_000} {
		e.lines = append(e.lines, &reqLine{quote: tariff.Quote{Amount: a}})
	}
	if got := e.pinned(); !strings.Contains(got, "melampaui batas") || strings.Contains(got, "-Rp") {
		t.Errorf("total over int64 shown as %q", got)
	}
	e.lines[0].quote.Amount = 50_000
	if got := e.pinned(); !strings.Contains(got, "Rp130.000") {
		t.Errorf("total shown as %q, want Rp130.000", got)
	}
}
