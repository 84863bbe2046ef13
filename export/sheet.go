package export

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// sheet streams one data sheet: a bold header row, frozen, with an
// autofilter over the rows written, column widths from the columns' kinds,
// and a print setup (A4 landscape, fit to width, header repeated on every
// page). Rows are written as they come; nothing is kept.
type sheet struct {
	f     *excelize.File
	st    *styles
	sw    *excelize.StreamWriter
	name  string
	cols  []column
	row   int             // last row written
	buf   []any           // reused for every row
	cells []excelize.Cell // what buf points at in a data row, reused

	progress func(sheet string, rows int) // Options.Progress; may be nil
}

// progressEvery is how often, in rows, a sheet reports its progress.
const progressEvery = 500

// newSheet sets up the sheet name (which must exist and be empty) and
// writes its header. Everything a stream must know before the first row
// (sheet properties, widths, panes) is set here.
func newSheet(f *excelize.File, st *styles, name string, cols []column, landscape bool) (*sheet, error) {
	if err := printSetup(f, name, landscape, true); err != nil {
		return nil, err
	}
	// The stream writes the used range before the rows, when it is not
	// known; a wrong one ("A1") makes readers that trust it (openpyxl in
	// read-only mode, and so pandas) see a single cell. The element is
	// optional: without it every reader counts the rows itself.
	if err := f.SetSheetDimension(name, ""); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	// excelize puts each new column before the ones set already; set them
	// from the last, so the file lists them in ascending order as Excel
	// expects.
	for i := len(cols) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, cols[i].width()); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	s := &sheet{f: f, st: st, sw: sw, name: name, cols: cols, buf: make([]any, len(cols)),
		cells: make([]excelize.Cell, len(cols))}
	for i, c := range cols {
		s.buf[i] = excelize.Cell{StyleID: st.header, Value: c.name}
	}
	if err := s.flushRow(); err != nil {
		return nil, err
	}
	return s, nil
}

// printSetup makes a sheet print on A4, fitted to the page width, with its
// first row repeated on every page when repeatHeader is set, and page
// numbers in the footer. It must run before the sheet's stream starts:
// the fit-to-page flag sits at the top of the sheet's XML.
func printSetup(f *excelize.File, name string, landscape, repeatHeader bool) error {
	fit := true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	a4, one, zero := 9, 1, 0
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	layout := &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}
	if !landscape {
		layout.FitToHeight = &one // documents: one page
	}
	if err := f.SetPageLayout(name, layout); err != nil {
		return err
	}
	m, edge := 0.5, 0.3
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m,
		Header: &edge, Footer: &edge}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: "&L&A&RHalaman &P dari &N"}); err != nil {
		return err
	}
	if !repeatHeader {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$1", name), Scope: name})
}

// add writes one data row; vals follow the columns.
func (s *sheet) add(vals ...any) error {
	if len(vals) != len(s.cols) {
		return fmt.Errorf("export: %s: %d nilai untuk %d kolom", s.name, len(vals), len(s.cols))
	}
	for i, v := range vals {
		s.buf[i] = nil
		if c := &s.cells[i]; s.st.fill(c, s.cols[i].kind, v) {
			s.buf[i] = c // excelize takes *Cell as well as Cell: no copy boxed per cell
		}
	}
	return s.flushRow()
}

// addCells writes one row of ready cells (the summary sheet mixes kinds in
// a column).
func (s *sheet) addCells(cells ...any) error {
	copy(s.buf, cells)
	for i := len(cells); i < len(s.buf); i++ {
		s.buf[i] = nil
	}
	return s.flushRow()
}

func (s *sheet) flushRow() error {
	s.row++
	ref, err := excelize.CoordinatesToCellName(1, s.row)
	if err != nil {
		return err
	}
	if s.progress != nil && s.row > 1 && (s.row-1)%progressEvery == 0 {
		s.progress(s.name, s.row-1)
	}
	return s.sw.SetRow(ref, s.buf)
}

// close sets the autofilter over the header and the rows written, and
// ends the stream.
func (s *sheet) close() error {
	last, err := excelize.CoordinatesToCellName(len(s.cols), s.row)
	if err != nil {
		return err
	}
	if err := s.f.AutoFilter(s.name, "A1:"+last, nil); err != nil {
		return err
	}
	if s.progress != nil {
		s.progress(s.name, s.row-1)
	}
	return s.sw.Flush()
}
