package tariff

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// FuzzParse checks that no file makes Parse panic, that every refusal is a
// *ParseError naming a line (or the whole file), and that whatever parses can
// be formatted and quoted without panic, within the bounds of money.go.
// Seeds: testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add(defaultFile)
	f.Add([]byte(header + pubEl))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(bytes.NewReader(data))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v, want *ParseError", err, err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "baris ") && !strings.HasPrefix(msg, "berkas tarif: ") {
				t.Fatalf("error %q names no line", msg)
			}
			return
		}
		if s.Name == "" || s.Basis == "" || s.Effective.IsZero() || len(s.Items) == 0 {
			t.Fatalf("incomplete schedule accepted: %+v", s)
		}
		if len(s.Items) > MaxItems {
			t.Fatalf("%d items accepted", len(s.Items))
		}
		for _, it := range s.Items {
			if it.BaseRp > MaxUnitRp || it.StepRp > MaxUnitRp || (it.Charged && (it.BaseQty > maxQty[it.Measure] || it.StepQty > maxQty[it.Measure])) {
				t.Fatalf("item over the bounds accepted: %+v", it)
			}
		}
		_ = s.Format()
		elig := []Eligibility{{}, {Category: "Pemerintah Daerah", Use: "Pemerintahan", Letter: true}}
		if len(s.Zero.Categories) > 0 {
			elig = append(elig, Eligibility{Category: s.Zero.Categories[0], Use: "Penelitian", Letter: true})
		}
		for _, it := range s.Items {
			for _, n := range []int64{1, it.BaseQty, it.BaseQty + 1, it.BaseQty + it.StepQty + 1, 100_000, 10_000, 1_000_000_000_000} {
				for _, e := range elig {
					q, err := s.Quote(Line{Code: it.Code, Pages: n, Bytes: n, Maps: n}, e)
					if err == nil && (q.Amount < 0 || q.FullAmount < q.Amount || q.FullAmount > MaxTotal) {
						t.Fatalf("%s × %d: %+v", it.Code, n, q)
					}
				}
			}
		}
	})
}
