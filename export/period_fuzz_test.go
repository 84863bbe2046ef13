package export

import (
	"errors"
	"strings"
	"testing"
	"time"

	"loket/store/valid"
)

// Properties of the period flags' parsers: no panic; a refusal is a
// *valid.Error on the flag; an accepted period is whole months (or a
// year) from its first day to its last, its Slug reads back as the same
// period, and the input held nothing but ASCII digits, the dash and the
// T/S/Q markers.

func fuzzPeriod(f *testing.F, kind PeriodKind, parse func(field, s string) (Period, error), seeds ...string) {
	for _, s := range append(seeds, "", "2026", "2026-", "-1", "+202-1", "2026-+4", "2026-00", "0000-1", "2026-1-1", "٢٠٢٦-1", " 2026-1 ") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parse("--flag", s)
		if err != nil {
			var ve *valid.Error
			if !errors.As(err, &ve) || ve.Field != "--flag" || ve.Msg == "" {
				t.Fatalf("%q: error %v (%T), want a *valid.Error on --flag", s, err, err)
			}
			return
		}
		if strings.Trim(strings.TrimSpace(s), "0123456789-SsTtQq") != "" || strings.ContainsAny(strings.TrimSpace(s), " +") {
			t.Fatalf("accepted %q as %+v", s, p)
		}
		from, err1 := time.Parse(time.DateOnly, p.From)
		to, err2 := time.Parse(time.DateOnly, p.To)
		if err1 != nil || err2 != nil || p.Kind != kind || from.Day() != 1 || to.AddDate(0, 0, 1).Day() != 1 || to.Before(from) {
			t.Fatalf("%q read as %+v", s, p)
		}
		if p.Year < 1 || p.Year > 9999 || from.Year() != p.Year || to.Year() != p.Year {
			t.Fatalf("%q read as year %d, %s to %s", s, p.Year, p.From, p.To)
		}
		back, err := parse("--flag", p.Slug())
		if err != nil || back != p {
			t.Fatalf("%q read as %+v, but its slug %q reads as %+v, %v", s, p, p.Slug(), back, err)
		}
	})
}

func FuzzParseMonth(f *testing.F) {
	fuzzPeriod(f, PeriodMonth, ParseMonth, "2026-11", "2024-02", "2026-13", "2026-1", "2026-T1")
}

func FuzzParseQuarter(f *testing.F) {
	fuzzPeriod(f, PeriodQuarter, ParseQuarter, "2026-4", "2026-T1", "2026-q2", "2026-5", "2026-04")
}

func FuzzParseSemester(f *testing.F) {
	fuzzPeriod(f, PeriodSemester, ParseSemester, "2026-2", "2026-S1", "2026-s2", "2026-3")
}

func FuzzParseYear(f *testing.F) {
	fuzzPeriod(f, PeriodYear, ParseYear, "2026", "0001", "+202", "-001", "26", "20266")
}
