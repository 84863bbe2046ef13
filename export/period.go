package export

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"loket/store/valid"
)

// PeriodKind is the kind of reporting period of a recap workbook.
type PeriodKind int

// The kinds of period: the bendahara's month, the quarter and semester many
// offices report the SKM on, the year, and any range of days.
const (
	PeriodMonth PeriodKind = iota
	PeriodQuarter
	PeriodSemester
	PeriodYear
	PeriodRange
)

// Period is a reporting period: WIB days From to To, inclusive
// (YYYY-MM-DD), and what kind of period it is. Year and N say which
// month (1–12), quarter (1–4) or semester (1–2); a range has neither.
type Period struct {
	Kind     PeriodKind
	Year, N  int
	From, To string
}

// Label names the period for people: "November 2026", "Triwulan IV 2026",
// "Semester II 2026", "Tahun 2026", "1 Juni 2026 s.d. 20 November 2026".
func (p Period) Label() string {
	switch p.Kind {
	case PeriodMonth:
		return monthNames[p.N-1] + " " + itoa(p.Year)
	case PeriodQuarter:
		return "Triwulan " + roman[p.N] + " " + itoa(p.Year)
	case PeriodSemester:
		return "Semester " + roman[p.N] + " " + itoa(p.Year)
	case PeriodYear:
		return "Tahun " + itoa(p.Year)
	}
	return periodText(p.From, p.To)
}

var roman = [...]string{"", "I", "II", "III", "IV"}

// Slug is the period in a file name: 2026-11, 2026-T4, 2026-S2, 2026,
// 2026-06-01_2026-11-20.
func (p Period) Slug() string {
	switch p.Kind {
	case PeriodMonth:
		return fmt.Sprintf("%04d-%02d", p.Year, p.N)
	case PeriodQuarter:
		return fmt.Sprintf("%04d-T%d", p.Year, p.N)
	case PeriodSemester:
		return fmt.Sprintf("%04d-S%d", p.Year, p.N)
	case PeriodYear:
		return fmt.Sprintf("%04d", p.Year)
	}
	return p.From + "_" + p.To
}

// ReportFileName is the default name of the recap workbook of a period,
// rekap-pst-2026-11.xlsx; the daily export's laporan-pst-… names stay its
// own.
func ReportFileName(p Period) string { return "rekap-pst-" + p.Slug() + ".xlsx" }

// Days is the number of calendar days in the period.
func (p Period) Days() int {
	f, t := dayDate(p.From), dayDate(p.To)
	return int(t.Sub(f).Hours()/24+0.5) + 1
}

// months makes the period of the months first..last of year y.
func months(kind PeriodKind, y, n, first, last int) Period {
	f := time.Date(y, time.Month(first), 1, 0, 0, 0, 0, time.UTC)
	t := time.Date(y, time.Month(last)+1, 0, 0, 0, 0, 0, time.UTC)
	return Period{Kind: kind, Year: y, N: n, From: f.Format(time.DateOnly), To: t.Format(time.DateOnly)}
}

// MonthPeriod is month m (1–12) of year y.
func MonthPeriod(y, m int) Period { return months(PeriodMonth, y, m, m, m) }

// QuarterPeriod is quarter q (1–4) of year y.
func QuarterPeriod(y, q int) Period { return months(PeriodQuarter, y, q, 3*q-2, 3*q) }

// SemesterPeriod is semester s (1: January–June, 2: July–December) of year y.
func SemesterPeriod(y, s int) Period { return months(PeriodSemester, y, s, 6*s-5, 6*s) }

// YearPeriod is the calendar year y.
func YearPeriod(y int) Period { return months(PeriodYear, y, 0, 1, 12) }

// yearPart reads "YYYY-N" (N one or two digits, optionally after a letter
// such as S, T or Q) for a flag; max is the largest N.
func yearPart(field, s, shape, what string, max int) (int, int, error) {
	s = strings.TrimSpace(s)
	bad := func() error {
		return &valid.Error{Field: field, Msg: fmt.Sprintf("tulis %s (tertulis %q)", shape, s)}
	}
	y, rest, ok := strings.Cut(s, "-")
	if !ok || len(y) != 4 || !asciiDigits(y) {
		return 0, 0, bad()
	}
	year, err := strconv.Atoi(y)
	if err != nil || year < 1 {
		return 0, 0, bad()
	}
	rest = strings.TrimLeft(rest, "SsTtQq")
	if rest == "" || len(rest) > 2 || !asciiDigits(rest) {
		return 0, 0, bad()
	}
	n, err := strconv.Atoi(rest)
	if err != nil {
		return 0, 0, bad()
	}
	if n < 1 || n > max {
		return 0, 0, &valid.Error{Field: field, Msg: fmt.Sprintf("%s %d tidak ada; pilih 1 sampai %d (tertulis %q)", what, n, max, s)}
	}
	return year, n, nil
}

// asciiDigits reports whether s is all ASCII digits: strconv.Atoi also
// takes a sign, so "+202" was the year 202.
func asciiDigits(s string) bool {
	return strings.Trim(s, "0123456789") == ""
}

// ParseMonth reads --bulan YYYY-MM.
func ParseMonth(field, s string) (Period, error) {
	y, m, err := yearPart(field, s, "bulan sebagai TTTT-BB, misalnya 2026-11", "bulan", 12)
	if err != nil {
		return Period{}, err
	}
	if t := strings.TrimSpace(s); len(t) != 7 || t[5] < '0' || t[5] > '9' {
		return Period{}, &valid.Error{Field: field, Msg: fmt.Sprintf("tulis bulan sebagai TTTT-BB, misalnya 2026-11 (tertulis %q)", s)}
	}
	return MonthPeriod(y, m), nil
}

// ParseQuarter reads --triwulan YYYY-Q (Q 1–4; "2026-T4" is read too).
func ParseQuarter(field, s string) (Period, error) {
	y, q, err := yearPart(field, s, "triwulan sebagai TTTT-T, misalnya 2026-4", "triwulan", 4)
	if err != nil {
		return Period{}, err
	}
	return QuarterPeriod(y, q), nil
}

// ParseSemester reads --semester YYYY-S (S 1 or 2; "2026-S2" is read too).
func ParseSemester(field, s string) (Period, error) {
	y, n, err := yearPart(field, s, "semester sebagai TTTT-S, misalnya 2026-2", "semester", 2)
	if err != nil {
		return Period{}, err
	}
	return SemesterPeriod(y, n), nil
}

// ParseYear reads --tahun YYYY.
func ParseYear(field, s string) (Period, error) {
	s = strings.TrimSpace(s)
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 || !asciiDigits(s) || y < 1 {
		return Period{}, &valid.Error{Field: field, Msg: fmt.Sprintf("tulis tahun sebagai TTTT, misalnya 2026 (tertulis %q)", s)}
	}
	return YearPeriod(y), nil
}

// ParseRange reads --from and --to (YYYY-MM-DD, inclusive); from may not
// come after to.
func ParseRange(from, to string) (Period, error) {
	f, err := valid.Date("--from", from)
	if err != nil {
		return Period{}, err
	}
	t, err := valid.Date("--to", to)
	if err != nil {
		return Period{}, err
	}
	if f.After(t) {
		return Period{}, &valid.Error{Field: "Periode", Msg: fmt.Sprintf("--from %s sesudah --to %s",
			f.Format(time.DateOnly), t.Format(time.DateOnly))}
	}
	return RangePeriod(f, t), nil
}

// RangePeriod is the WIB days of from to to, inclusive (a screen's range
// choice; the caller orders them).
func RangePeriod(from, to time.Time) Period {
	return Period{Kind: PeriodRange, From: from.In(valid.WIB).Format(time.DateOnly), To: to.In(valid.WIB).Format(time.DateOnly)}
}

// PeriodChoice is one of the ready-made periods a screen offers.
type PeriodChoice int

// The ready-made periods, relative to today (WIB).
const (
	ThisMonth PeriodChoice = iota
	LastMonth
	ThisSemester
	LastSemester
	ThisYear
)

// PeriodChoices lists the ready-made periods in the order a screen shows
// them; a range is chosen with RangePeriod.
var PeriodChoices = []PeriodChoice{ThisMonth, LastMonth, ThisSemester, LastSemester, ThisYear}

// Label names the choice on a screen: "Bulan ini".
func (c PeriodChoice) Label() string {
	switch c {
	case ThisMonth:
		return "Bulan ini"
	case LastMonth:
		return "Bulan lalu"
	case ThisSemester:
		return "Semester ini"
	case LastSemester:
		return "Semester lalu"
	case ThisYear:
		return "Tahun ini"
	}
	return "Rentang tanggal"
}

// Period is the choice's period on the WIB day of now. The current month,
// semester and year run to their end (the days still to come have no
// visits yet, and the file name stays the period's).
func (c PeriodChoice) Period(now time.Time) Period {
	w := now.In(valid.WIB)
	y, m := w.Year(), int(w.Month())
	s := (m + 5) / 6
	switch c {
	case LastMonth:
		if m == 1 {
			return MonthPeriod(y-1, 12)
		}
		return MonthPeriod(y, m-1)
	case ThisSemester:
		return SemesterPeriod(y, s)
	case LastSemester:
		if s == 1 {
			return SemesterPeriod(y-1, 2)
		}
		return SemesterPeriod(y, 1)
	case ThisYear:
		return YearPeriod(y)
	}
	return MonthPeriod(y, m)
}
