package export

import (
	"strings"
	"testing"
	"time"

	"loket/store/valid"
)

func TestParsePeriods(t *testing.T) {
	cases := []struct {
		parse    func(string, string) (Period, error)
		in       string
		from, to string
		label    string
		file     string
	}{
		{ParseMonth, "2026-11", "2026-11-01", "2026-11-30", "November 2026", "rekap-pst-2026-11.xlsx"},
		{ParseMonth, "2024-02", "2024-02-01", "2024-02-29", "Februari 2024", "rekap-pst-2024-02.xlsx"},
		{ParseMonth, "2026-02", "2026-02-01", "2026-02-28", "Februari 2026", "rekap-pst-2026-02.xlsx"},
		{ParseQuarter, "2026-4", "2026-10-01", "2026-12-31", "Triwulan IV 2026", "rekap-pst-2026-T4.xlsx"},
		{ParseQuarter, "2026-T1", "2026-01-01", "2026-03-31", "Triwulan I 2026", "rekap-pst-2026-T1.xlsx"},
		{ParseSemester, "2026-2", "2026-07-01", "2026-12-31", "Semester II 2026", "rekap-pst-2026-S2.xlsx"},
		{ParseSemester, "2026-S1", "2026-01-01", "2026-06-30", "Semester I 2026", "rekap-pst-2026-S1.xlsx"},
		{func(_, s string) (Period, error) { return ParseYear("--tahun", s) }, "2026", "2026-01-01", "2026-12-31", "Tahun 2026", "rekap-pst-2026.xlsx"},
		{func(_, s string) (Period, error) { f, to, _ := strings.Cut(s, " "); return ParseRange(f, to) },
			"2026-06-01 2026-11-20", "2026-06-01", "2026-11-20", "1 Juni 2026 s.d. 20 November 2026",
			"rekap-pst-2026-06-01_2026-11-20.xlsx"},
	}
	for _, c := range cases {
		p, err := c.parse("--x", c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if p.From != c.from || p.To != c.to || p.Label() != c.label || ReportFileName(p) != c.file {
			t.Errorf("%q: got %s..%s %q %q, want %s..%s %q %q", c.in, p.From, p.To, p.Label(), ReportFileName(p),
				c.from, c.to, c.label, c.file)
		}
	}
}

func TestParsePeriodRefusals(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{second(ParseSemester("--semester", "2026-3")), "--semester: semester 3 tidak ada; pilih 1 sampai 2"},
		{second(ParseMonth("--bulan", "2026-13")), "--bulan: bulan 13 tidak ada; pilih 1 sampai 12"},
		{second(ParseMonth("--bulan", "2026-00")), "--bulan: bulan 0 tidak ada"},
		{second(ParseMonth("--bulan", "November")), "--bulan: tulis bulan sebagai TTTT-BB"},
		{second(ParseMonth("--bulan", "2026-1")), "--bulan: tulis bulan sebagai TTTT-BB"},
		{second(ParseMonth("--bulan", "2026-S2")), "--bulan: tulis bulan sebagai TTTT-BB"},
		{second(ParseQuarter("--triwulan", "2026-5")), "--triwulan: triwulan 5 tidak ada; pilih 1 sampai 4"},
		{second(ParseYear("--tahun", "26")), "--tahun: tulis tahun sebagai TTTT"},
		{second(ParseRange("2026-11-20", "2026-11-01")), "Periode: --from 2026-11-20 sesudah --to 2026-11-01"},
		{second(ParseRange("2026-02-30", "2026-03-01")), "tanggal 2026-02-30 tidak ada di kalender"},
	}
	for _, c := range cases {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("got %v, want %q", c.err, c.want)
		}
	}
}

func second(_ Period, err error) error { return err }

func TestPeriodChoices(t *testing.T) {
	// 1 January 2027 03:00 WIB is still 31 December 2026 in UTC: the WIB day decides.
	jan := time.Date(2026, 12, 31, 20, 0, 0, 0, time.UTC)
	nov := time.Date(2026, 11, 20, 9, 0, 0, 0, valid.WIB)
	cases := []struct {
		c        PeriodChoice
		now      time.Time
		from, to string
	}{
		{ThisMonth, jan, "2027-01-01", "2027-01-31"},
		{LastMonth, jan, "2026-12-01", "2026-12-31"},
		{ThisSemester, jan, "2027-01-01", "2027-06-30"},
		{LastSemester, jan, "2026-07-01", "2026-12-31"},
		{ThisYear, jan, "2027-01-01", "2027-12-31"},
		{LastMonth, nov, "2026-10-01", "2026-10-31"},
		{ThisSemester, nov, "2026-07-01", "2026-12-31"},
		{LastSemester, nov, "2026-01-01", "2026-06-30"},
	}
	for _, c := range cases {
		p := c.c.Period(c.now)
		if p.From != c.from || p.To != c.to {
			t.Errorf("%s at %v: %s..%s, want %s..%s", c.c.Label(), c.now, p.From, p.To, c.from, c.to)
		}
	}
	if got := SemesterPeriod(2026, 2).Days(); got != 184 {
		t.Errorf("Days of S2 2026 = %d, want 184", got)
	}
}
