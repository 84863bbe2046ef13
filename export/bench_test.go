package export

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"loket/store"
	"loket/store/demo"
	"loket/store/valid"
)

// Benchmarks of issue 5, goal 1: exporting a busy year against the floor,
// which is excelize's StreamWriter alone writing the same workbook shape.
// scripts/bench.sh runs them and docs/benchmarks.md records the figures.

// benchUntil and benchSeed fix the demo data the module's benchmarks and
// scripts/bench.sh share (demo.BenchUntil, demo.BenchSeed).
var benchUntil = demo.BenchUntil

const benchSeed = demo.BenchSeed

// benchDemoDB returns the cached demo database of days days ending on
// benchUntil in os.TempDir()/loket-bench, generated on first use.
func benchDemoDB(b *testing.B, days int) string {
	b.Helper()
	path, made, err := demo.Cached(context.Background(), filepath.Join(os.TempDir(), "loket-bench"),
		demo.Config{Days: days, Until: benchUntil, Seed: benchSeed})
	if err != nil {
		b.Fatal(err)
	}
	if made {
		b.Logf("generated %d demo days into %s (once)", days, path)
	}
	return path
}

// benchPeriod is the period of the last days days up to benchUntil.
func benchPeriod(days int) (from, to string) {
	return benchUntil.AddDate(0, 0, 1-days).Format(time.DateOnly), benchUntil.Format(time.DateOnly)
}

var benchMadeAt = time.Date(2026, 11, 26, 16, 30, 0, 0, valid.WIB)

func BenchmarkExportYear(b *testing.B) {
	ctx := context.Background()
	s, err := store.Open(ctx, benchDemoDB(b, 365), store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	from, to := benchPeriod(365)
	shape := yearShape(b)
	b.ReportAllocs()
	var sum Summary
	for b.Loop() {
		if sum, err = Workbook(ctx, s, io.Discard, Options{From: from, To: to, MadeBy: "Rina Marlina", Now: benchMadeAt}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(sum.Visits), "visits")
	b.ReportMetric(float64(shape.rows()), "rows")
}

// BenchmarkStreamWriterFloor writes the workbook BenchmarkExportYear
// writes, with excelize alone: the same sheets, the same rows and columns,
// the same cell values, types and styles, column widths, frozen header and
// autofilter, from rows prepared beforehand. It reads no database; the
// shape comes from reading back one export made before the timer starts.
func BenchmarkStreamWriterFloor(b *testing.B) {
	shape := yearShape(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := shape.write(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(shape.visits), "visits")
	b.ReportMetric(float64(shape.rows()), "rows")
}

// floorShape is a workbook as rows of ready cells, per sheet.
type floorShape struct {
	visits int
	sheets []floorSheet
}

type floorSheet struct {
	name   string
	widths []float64
	rows   [][]any // excelize.Cell or nil
}

func (s *floorShape) rows() int {
	n := 0
	for _, sh := range s.sheets {
		n += len(sh.rows)
	}
	return n
}

var (
	yearShapeOnce sync.Once
	yearShapeVal  *floorShape
	yearShapeErr  error
)

// yearShape exports the demo year once and reads the workbook back into a
// floorShape.
func yearShape(b *testing.B) *floorShape {
	b.Helper()
	path := benchDemoDB(b, 365)
	yearShapeOnce.Do(func() {
		ctx := context.Background()
		s, err := store.Open(ctx, path, store.Options{ReadOnly: true})
		if err != nil {
			yearShapeErr = err
			return
		}
		defer s.Close()
		from, to := benchPeriod(365)
		var buf bytes.Buffer
		sum, err := Workbook(ctx, s, &buf, Options{From: from, To: to, MadeBy: "Rina Marlina", Now: benchMadeAt})
		if err != nil {
			yearShapeErr = err
			return
		}
		yearShapeVal, yearShapeErr = readShape(buf.Bytes())
		if yearShapeVal != nil {
			yearShapeVal.visits = sum.Visits
		}
	})
	if yearShapeErr != nil {
		b.Fatal(yearShapeErr)
	}
	return yearShapeVal
}

// readShape reads a workbook back into rows of cells of the types and
// styles it holds. The styles are made in the same order as newStyles
// makes them, so their IDs are the same in a new file.
func readShape(xlsx []byte) (*floorShape, error) {
	f, err := excelize.OpenReader(bytes.NewReader(xlsx))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := newStyles(excelize.NewFile())
	if err != nil {
		return nil, err
	}
	shape := &floorShape{}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		sh := floorSheet{name: name}
		for c := range rows[0] {
			col, _ := excelize.ColumnNumberToName(c + 1)
			w, err := f.GetColWidth(name, col)
			if err != nil {
				return nil, err
			}
			sh.widths = append(sh.widths, w)
		}
		for r, raw := range rows {
			cells := make([]any, len(rows[0]))
			for c, v := range raw {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				style, err := f.GetCellStyle(name, ref)
				if err != nil {
					return nil, err
				}
				typ, err := f.GetCellType(name, ref)
				if err != nil {
					return nil, err
				}
				val, err := floorValue(st, style, typ, v)
				if err != nil {
					return nil, fmt.Errorf("%s!%s: %w", name, ref, err)
				}
				cells[c] = excelize.Cell{StyleID: style, Value: val}
			}
			sh.rows = append(sh.rows, cells)
		}
		shape.sheets = append(shape.sheets, sh)
	}
	return shape, nil
}

// floorValue turns a raw cell back into the Go value the export handed to
// excelize: text, a time, an int64 or a float64.
func floorValue(st *styles, style int, typ excelize.CellType, raw string) (any, error) {
	if typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		return raw, nil
	}
	x, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return nil, err
	}
	switch style {
	case st.date, st.time, st.datetime:
		return excelize.ExcelDateToTime(x, false)
	case st.money, st.count, st.plain:
		return int64(x), nil
	}
	return x, nil
}

// write streams the shape into a new workbook, as newBook and newSheet lay
// out theirs, and writes the file to w.
func (s *floorShape) write(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range s.sheets {
		var err error
		if i == 0 {
			err = f.SetSheetName("Sheet1", sh.name)
		} else {
			_, err = f.NewSheet(sh.name)
		}
		if err != nil {
			return err
		}
	}
	if _, err := newStyles(f); err != nil {
		return err
	}
	for _, sh := range s.sheets {
		sw, err := f.NewStreamWriter(sh.name)
		if err != nil {
			return err
		}
		for i := len(sh.widths) - 1; i >= 0; i-- {
			if err := sw.SetColWidth(i+1, i+1, sh.widths[i]); err != nil {
				return err
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		for r, row := range sh.rows {
			ref, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.SetRow(ref, row); err != nil {
				return err
			}
		}
		last, _ := excelize.CoordinatesToCellName(len(sh.widths), len(sh.rows))
		if err := f.AutoFilter(sh.name, "A1:"+last, nil); err != nil {
			return err
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// BenchmarkReportYearRead reads the rows BenchmarkExportYear writes, from
// the same snapshot queries, and writes nothing: the database's share of
// the export.
func BenchmarkReportYearRead(b *testing.B) {
	ctx := context.Background()
	s, err := store.Open(ctx, benchDemoDB(b, 365), store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	from, to := benchPeriod(365)
	b.ReportAllocs()
	rows := 0
	for b.Loop() {
		rows = 0
		err := s.Report(ctx, from, to, func(r *store.Report) error {
			if _, err := r.Office(); err != nil {
				return err
			}
			count := func(err error) error { return err }
			if err := count(r.Visits(func(store.VisitRow) error { rows++; return nil })); err != nil {
				return err
			}
			if err := r.Items(func(store.ItemRow) error { rows++; return nil }); err != nil {
				return err
			}
			if err := r.Payments(func(store.PaymentRow) error { rows++; return nil }); err != nil {
				return err
			}
			if err := r.Ratings(func(store.RatingRow) error { rows++; return nil }); err != nil {
				return err
			}
			if _, err := r.DeclinedRatings(); err != nil {
				return err
			}
			if err := r.Complaints(func(store.ComplaintRow) error { rows++; return nil }); err != nil {
				return err
			}
			return r.Handovers(func(store.HandoverRow) error { rows++; return nil })
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows), "records")
}
