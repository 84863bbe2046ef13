// One line of Cari's result list, a visitor or a visit, and the window of
// the list that is shown.

package search

import (
	"fmt"
	"strings"

	"loket/store"
	"loket/store/valid"
	"loket/tui/frame"
)

// searchRowLines renders a list row, wrapped rather than cut, the chosen
// one highlighted on every line.
func searchRowLines(st *frame.Styles, row string, on bool, w int) []string {
	var out []string
	for j, l := range frame.WrapIndent(row, w-4, 2) {
		mark := "  "
		if on && j == 0 {
			mark = "› "
		}
		if on {
			out = append(out, " "+st.Selected.Render(frame.Pad(mark+l, w-2)))
		} else {
			out = append(out, " "+frame.Pad(mark+l, w-2))
		}
	}
	return out
}

// searchPersonRow is a visitor in the results: enough to tell two people
// apart without showing the whole ID number.
func searchPersonRow(p store.Visitor) string {
	g := p.Guest
	parts := []string{g.Name}
	if g.IDNumber != "" {
		parts = append(parts, strings.TrimSpace(g.IDType+" "+valid.MaskID(g.IDNumber)))
	}
	if p.Visits > 0 {
		parts = append(parts, fmt.Sprintf("%d kunjungan", p.Visits))
	}
	if g.Institution != "" {
		parts = append(parts, g.Institution)
	}
	return strings.Join(parts, " · ")
}

// searchVisitRow is a visit: queue number, day, status and, in the
// results, the visitor's name and what matched. The selected row (on) has
// its status unstyled: the status style's reset would end the row's
// highlight.
func searchVisitRow(st *frame.Styles, h store.Hit, name, on bool) string {
	row := frame.Pad(h.Queue, 7) + frame.Pad(frame.DayDMY(h.Day), 12) + searchStatus(st, h.Status, on)
	if name {
		row += "  " + frame.VisitorName(h.Name)
		// A number match names the full number (a typed prefix may
		// match several).
		if h.By == store.MatchNumber {
			row += " · " + h.Matched
		}
	}
	return row
}

// searchStatus is a visit's status in a fixed column, coloured unless
// its row is selected (on).
func searchStatus(st *frame.Styles, status store.VisitStatus, on bool) string {
	short := frame.Pad(status.Short(), 9)
	if on {
		return short
	}
	style := st.Accent
	switch status {
	case store.VisitDone:
		style = st.OK
	case store.VisitCanceled, store.VisitReferred:
		style = st.Dim
	}
	return style.Render(short)
}

// searchWindow shows h lines of a list with line cur in view, a little
// below the middle so the lines after it show too.
func searchWindow(lines []string, cur, h int) []string {
	if h <= 0 {
		return nil
	}
	if len(lines) <= h {
		return lines
	}
	start := 0
	if cur+3 >= h {
		start = min(cur+3-h+1, len(lines)-h)
	}
	return lines[start : start+h]
}
