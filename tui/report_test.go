package tui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"loket/export"
	"loket/store/valid"
	"loket/tui/frame"
	"loket/tui/report"
)

// reportOpen opens Laporan from Beranda with l.
func reportOpen(t *testing.T, h *harness) *report.Screen {
	t.Helper()
	h.atHome()
	h.keys("l")
	h.until("Laporan", func() bool { _, ok := h.m.screen.(*report.Screen); return ok })
	return h.m.screen.(*report.Screen)
}

// Each ready-made choice is the period of the injected WIB day, the cursor
// moved with the arrows, and its file name is shown before enter.
func TestReportChoicesComputeThePeriodOfToday(t *testing.T) {
	h := newHarness(t, 120, 35)
	type want struct{ from, to, file string }
	cases := []struct {
		now  time.Time
		want []want // this month, last month, this semester, last semester, this year
	}{
		{testStart, []want{
			{"2026-11-01", "2026-11-30", "rekap-pst-2026-11.xlsx"},
			{"2026-10-01", "2026-10-31", "rekap-pst-2026-10.xlsx"},
			{"2026-07-01", "2026-12-31", "rekap-pst-2026-S2.xlsx"},
			{"2026-01-01", "2026-06-30", "rekap-pst-2026-S1.xlsx"},
			{"2026-01-01", "2026-12-31", "rekap-pst-2026.xlsx"},
		}},
		// 1 January 00:30 WIB is still 31 December in UTC: the WIB day counts.
		{time.Date(2026, 1, 1, 0, 30, 0, 0, valid.WIB), []want{
			{"2026-01-01", "2026-01-31", "rekap-pst-2026-01.xlsx"},
			{"2025-12-01", "2025-12-31", "rekap-pst-2025-12.xlsx"},
			{"2026-01-01", "2026-06-30", "rekap-pst-2026-S1.xlsx"},
			{"2025-07-01", "2025-12-31", "rekap-pst-2025-S2.xlsx"},
			{"2026-01-01", "2026-12-31", "rekap-pst-2026.xlsx"},
		}},
		{time.Date(2024, 3, 15, 10, 0, 0, 0, valid.WIB), []want{
			{"2024-03-01", "2024-03-31", "rekap-pst-2024-03.xlsx"},
			{"2024-02-01", "2024-02-29", "rekap-pst-2024-02.xlsx"}, // a leap year
			{"2024-01-01", "2024-06-30", "rekap-pst-2024-S1.xlsx"},
			{"2023-07-01", "2023-12-31", "rekap-pst-2023-S2.xlsx"},
			{"2024-01-01", "2024-12-31", "rekap-pst-2024.xlsx"},
		}},
	}
	for _, tc := range cases {
		c := *h.m.c
		now := tc.now
		c.Now = func() time.Time { return now }
		r := report.New(&c).(*report.Screen)
		r.SetSize(119, 30)
		for i, w := range tc.want {
			if r.Cursor != i {
				t.Fatalf("%v: cursor %d, want %d", now, r.Cursor, i)
			}
			p, err := r.Period()
			if err != nil || p.From != w.from || p.To != w.to || export.ReportFileName(p) != w.file {
				t.Errorf("%v, %s: %+v %v, want %s..%s %s", now, export.PeriodChoices[i].Label(), p, err, w.from, w.to, w.file)
			}
			if v := r.View(); !strings.Contains(v, w.file) || !strings.Contains(v, p.Label()) {
				t.Errorf("%v: view lacks %s / %s:\n%s", now, w.file, p.Label(), v)
			}
			r.Update(keyMsg("down"))
		}
		if !r.OnRange() {
			t.Fatalf("the last choice is not the range")
		}
		r.Update(keyMsg("down")) // the list stops at the range
		if !r.OnRange() {
			t.Fatalf("down past the range moved the cursor to %d", r.Cursor)
		}
	}
}

// A range whose first day comes after its last is refused naming the
// field; a date not in the calendar names its own; nothing is written.
func TestReportRangeRefusedNamingTheField(t *testing.T) {
	h := newHarness(t, 80, 24)
	dir := endOfDayExportTo(t, h)
	r := reportOpen(t, h)
	h.keys("down", "down", "down", "down", "down", "enter")
	if !r.OnRange() || !r.Editing || !h.m.Typing() {
		t.Fatalf("enter on the range did not focus its dates")
	}
	h.keys("ctrl+u")
	h.typ("20-11-2026")
	h.keys("tab", "ctrl+u")
	h.typ("01-11-2026")
	h.keys("enter")
	h.until("the error line", func() bool { return h.m.errLine != "" })
	want := "Dari tanggal: 20-11-2026 sesudah sampai tanggal 01-11-2026; tanggal awal harus sama atau sebelum tanggal akhir"
	if !strings.Contains(h.m.errLine, want) {
		t.Errorf("error line %q, want %q", h.m.errLine, want)
	}
	if r.Busy || r.F.Get("from").Err == "" || r.F.Cur().Label != report.FromField {
		t.Fatalf("not refused at Dari tanggal (busy %v, err %q)", r.Busy, r.F.Get("from").Err)
	}
	endOfDayFits(t, h, "range refused")

	h.keys("ctrl+u")
	h.typ("31-02-2026")
	h.keys("enter", "enter")
	h.until("the calendar error", func() bool { return strings.Contains(h.m.errLine, "tidak ada di kalender") })
	if !strings.HasPrefix(h.m.errLine, "Dari tanggal: tanggal 31-02-2026 tidak ada di kalender") {
		t.Errorf("error line %q", h.m.errLine)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Fatalf("written after a refused range: %v", ents)
	}

	// A good range is written under its days' name; esc leaves the dates,
	// then goes back to Beranda.
	h.keys("ctrl+u")
	h.typ("1/11/2026")
	h.keys("enter", "enter")
	h.waitSee("Tertulis pukul")
	if _, err := os.Stat(filepath.Join(dir, "rekap-pst-2026-11-01_2026-11-01.xlsx")); err != nil {
		t.Fatal(err)
	}
	h.keys("esc")
	h.atHome()
}

// Writing puts rekap-pst-PERIOD.xlsx (0600) into the export folder and
// shows the path and the figures; the screen fits 80 and 120 columns.
func TestReportWritesRecapIntoExportFolder(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 35}} {
		h := newHarness(t, size[0], size[1])
		dir := endOfDayExportTo(t, h)
		endOfDayPaidCash(t, h, 1)
		r := reportOpen(t, h)
		h.waitSee(dir)
		h.sees("Bulan ini", "November 2026", "Semester lalu", "Rentang tanggal", "rekap-pst-2026-11.xlsx")
		endOfDayFits(t, h, "choices")
		h.keys("down", "down", "down", "down", "down", "enter")
		endOfDayFits(t, h, "range dates")
		h.keys("esc", "up", "up", "up", "up", "up")
		if r.Cursor != 0 || r.Editing {
			t.Fatalf("cursor %d editing %v", r.Cursor, r.Editing)
		}
		h.keys("enter")
		path := filepath.Join(dir, "rekap-pst-2026-11.xlsx")
		h.waitSee("Tertulis pukul 09:")
		h.sees("November 2026, 30 hari", "1 (0 selesai)", "Rp80.000 dari 1 pembayaran, 1 kuitansi", "belum ada responden",
			"0, sampel minimal 0: belum mencukupi", "rekap-pst-2026-11.xlsx")
		if h.m.notice != "Laporan tersimpan: "+path {
			t.Errorf("notice %q", h.m.notice)
		}
		endOfDayFits(t, h, "written")
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
			t.Fatalf("workbook mode %v, want 0600", fi.Mode().Perm())
		}
		if r.Busy || h.m.id != frame.ScreenReport {
			t.Fatalf("still busy or left the screen")
		}
		// Another choice shows its own file, not the figures just written.
		h.keys("down")
		h.sees("rekap-pst-2026-10.xlsx", "enter menulis rekap periode terpilih")
		if strings.Contains(h.screen(), "Tertulis pukul") {
			t.Fatalf("the figures of November stay under October:\n%s", h.screen())
		}
	}
}

// The recap reports its progress through its command chain: its sheets in
// the workbook's order, then the save, then the result; the screen shows
// the sheet and rows while busy.
func TestReportProgressInOrder(t *testing.T) {
	h := newHarness(t, 120, 35)
	dir := endOfDayExportTo(t, h)
	endOfDayPaidCash(t, h, 1)
	p := export.PeriodChoices[0].Period(h.clk.Now())
	var sheets []string
	cmd := report.Write(h.ctx, h.s, p, "Uji", h.clk.Now())
	for cmd != nil {
		switch msg := cmd().(type) {
		case frame.ProgressMsg:
			if len(sheets) == 0 || sheets[len(sheets)-1] != msg.Sheet {
				sheets = append(sheets, msg.Sheet)
			}
			cmd = msg.Next
		case report.WrittenMsg:
			if msg.Path != filepath.Join(dir, "rekap-pst-2026-11.xlsx") || msg.Sum.Visits != 1 || msg.Sum.PNBP != 80000 {
				t.Fatalf("written %+v", msg)
			}
			cmd = nil
		default:
			t.Fatalf("unexpected %#v", msg)
		}
	}
	// One progress step is held at a time (a late one is replaced), so
	// only the order is certain; the save comes last.
	if len(sheets) < 2 || sheets[len(sheets)-1] != "" {
		t.Fatalf("progress %q: want sheets, then the save", sheets)
	}
	order := append(append([]string{}, export.RecapSheets...), "")
	i := 0
	for _, s := range sheets {
		for i < len(order) && order[i] != s {
			i++
		}
		if i == len(order) {
			t.Fatalf("progress %q out of the order %q", sheets, order)
		}
	}

	r := reportOpen(t, h)
	r.Busy, r.Progress = true, frame.ProgressMsg{Sheet: "Rekap Harian", Rows: 30, Next: func() tea.Msg { return nil }}
	h.sees("lembar Rekap Harian, 30 baris")
	r.Progress.Sheet = ""
	h.sees("menyimpan berkas…")
	h.keys("esc", "down")
	if h.m.id != frame.ScreenReport || r.Cursor != 0 {
		t.Fatalf("keys worked while writing")
	}
	r.Busy = false
}

// A workbook open in Excel says which file to close and to press enter
// again; the screen stays usable.
func TestReportBusyFileMessage(t *testing.T) {
	h := newHarness(t, 80, 24)
	r := reportOpen(t, h)
	r.Busy = true
	path := filepath.Join("C:", "Laporan PST", "rekap-pst-2026-11.xlsx")
	h.update(frame.ErrMsg{Err: &report.WriteError{Err: &export.BusyError{Path: path, Again: "buat laporan"}}})
	h.settle()
	want := "Laporan belum tertulis: berkas " + path + " sedang dibuka di Excel; tutup dulu lalu tekan enter lagi."
	if h.m.errLine != want {
		t.Errorf("error line\n %q\nwant\n %q", h.m.errLine, want)
	}
	if r.Busy || !r.Keys.Write.Enabled() || h.m.id != frame.ScreenReport {
		t.Fatalf("screen not usable after a busy file")
	}
	endOfDayFits(t, h, "busy file")
}
