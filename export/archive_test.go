package export

import (
	"context"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"loket/store"
	"loket/store/demo"
	"loket/store/valid"
)

// archivePeriod is the period the archive tests export: the demo's ten
// days up to 26 November 2026.
var archivePeriod = [2]string{"2026-11-17", "2026-11-26"}

// archiveSources generates two counters of one office (1906/A and 1906/B,
// ten demo days each) and merges them into an archive; it returns the
// three paths.
func archiveSources(t *testing.T) (a, b, archive string) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	until := time.Date(2026, 11, 26, 0, 0, 0, 0, valid.WIB)
	a, b, archive = filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db"), filepath.Join(dir, "arsip.db")
	if _, err := demo.Generate(ctx, a, demo.Config{Days: 10, Until: until, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Generate(ctx, b, demo.Config{Days: 10, Until: until, Seed: 6, Counter: "B"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Merge(ctx, archive, []string{a, b}, nil); err != nil {
		t.Fatal(err)
	}
	return a, b, archive
}

// exportOf exports archivePeriod of the database at db read-only and reads
// the workbook back; with recap, it writes the period recap of the same
// days too and returns its path.
func exportOf(t *testing.T, db string, recap bool) (*readBook, string, string) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dir := t.TempDir()
	path := filepath.Join(dir, FileName(archivePeriod[0], archivePeriod[1]))
	if _, err := Export(ctx, s, path, Options{From: archivePeriod[0], To: archivePeriod[1], Now: madeAt}); err != nil {
		t.Fatal(err)
	}
	rec := ""
	if recap {
		p, err := ParseRange(archivePeriod[0], archivePeriod[1])
		if err != nil {
			t.Fatal(err)
		}
		rec = filepath.Join(dir, ReportFileName(p))
		if _, err := Recap(ctx, s, rec, RecapOptions{Period: p, Now: madeAt}); err != nil {
			t.Fatal(err)
		}
	}
	return readWorkbook(t, path), path, rec
}

func names(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.name
	}
	return out
}

// figureRows are Ringkasan's rows from Jumlah kunjungan up to the cash
// hand-overs: the contract's figures, NRR, kategori and tariff codes.
func figureRows(t *testing.T, b *readBook) [][2]string {
	t.Helper()
	var out [][2]string
	in := false
	for _, r := range b.rows[SheetSummary] {
		label := r["Uraian"].raw
		if label == LabelVisits {
			in = true
		}
		if strings.HasPrefix(label, "Serah terima") {
			break
		}
		if in {
			out = append(out, [2]string{label, r["Nilai"].raw})
		}
	}
	if len(out) == 0 {
		t.Fatal("Ringkasan without figures")
	}
	return out
}

// TestArchiveWorkbookNamesEachRowsCounter: the workbook of an archive
// keeps the contract's columns and adds Loket last on Kunjungan and PNBP,
// each row naming the counter it came from; Ringkasan keeps the total and
// adds a block per counter that equals that counter's own export, the
// blocks adding up to the total. A counter's own workbook has neither.
func TestArchiveWorkbookNamesEachRowsCounter(t *testing.T) {
	if testing.Short() {
		t.Skip("generates two counters' demo data")
	}
	a, b, archive := archiveSources(t)
	wa, _, _ := exportOf(t, a, false)
	wb, _, _ := exportOf(t, b, false)
	wz, zpath, zrec := exportOf(t, archive, true)

	// A counter's own workbook: the columns as ever, no Loket anywhere.
	for _, w := range []*readBook{wa, wb} {
		if got, want := w.headers[SheetVisits], names(visitColumns); !slices.Equal(got, want) {
			t.Fatalf("counter's Kunjungan columns %q, want %q", got, want)
		}
		if got, want := w.headers[SheetPayments], names(paymentColumns); !slices.Equal(got, want) {
			t.Fatalf("counter's PNBP columns %q, want %q", got, want)
		}
		for label := range w.summary() {
			if strings.HasPrefix(label, "Loket ") || label == LabelPerCounter || strings.HasSuffix(label, ": loket") {
				t.Fatalf("counter's Ringkasan has %q", label)
			}
		}
	}

	// The archive's: the same columns, then Loket.
	for sheet, cols := range map[string][]column{SheetVisits: visitColumns, SheetPayments: paymentColumns} {
		want := append(names(cols), "Loket")
		if got := wz.headers[sheet]; !slices.Equal(got, want) {
			t.Fatalf("archive's %s columns %q, want %q", sheet, got, want)
		}
	}
	for _, sheet := range []string{SheetItems, SheetRatings, SheetComplaints} {
		if slices.Contains(wz.headers[sheet], "Loket") {
			t.Errorf("archive's %s has a Loket column", sheet)
		}
	}
	// Each row names its own counter: the visits and payments of A's
	// export are 1906/A on the archive's, B's 1906/B, and nothing else.
	for sheet, key := range map[string]string{SheetVisits: "ID Kunjungan", SheetPayments: "No. Kuitansi"} {
		origin := map[string]string{}
		for c, w := range map[string]*readBook{"1906/A": wa, "1906/B": wb} {
			for _, r := range w.rows[sheet] {
				origin[r[key].raw] = c
			}
		}
		if len(wz.rows[sheet]) != len(origin) || len(origin) == 0 {
			t.Fatalf("archive's %s: %d rows, the counters' %d", sheet, len(wz.rows[sheet]), len(origin))
		}
		for _, r := range wz.rows[sheet] {
			if got, want := r["Loket"].raw, origin[r[key].raw]; got != want {
				t.Fatalf("archive's %s %s: Loket %q, want %q", sheet, r[key].raw, got, want)
			}
		}
	}

	// Ringkasan: the total as ever, then each counter's block equal to
	// that counter's own Ringkasan, figure by figure.
	sum := wz.summary()
	if _, ok := sum[LabelPerCounter]; !ok {
		t.Fatalf("archive's Ringkasan has no %q", LabelPerCounter)
	}
	for c, w := range map[string]*readBook{"1906/A": wa, "1906/B": wb} {
		if _, ok := sum["Loket "+c]; !ok {
			t.Errorf("archive's Ringkasan has no block %q", "Loket "+c)
		}
		for _, fr := range figureRows(t, w) {
			got, ok := sum[CounterPrefix(c)+fr[0]]
			if !ok && fr[1] != "" {
				t.Errorf("archive's Ringkasan has no %q", CounterPrefix(c)+fr[0])
			} else if got.raw != fr[1] {
				t.Errorf("archive's %q = %q, the counter's own %q", CounterPrefix(c)+fr[0], got.raw, fr[1])
			}
		}
	}
	// The blocks of what adds up sum to the total above them.
	added := 0
	for _, fr := range figureRows(t, wz) {
		label := fr[0]
		switch label {
		case LabelAvgService, LabelWithin5, LabelIKM, LabelMutu:
			continue
		}
		if strings.HasPrefix(label, labelNRRPrefix) || fr[1] == "" {
			continue
		}
		total, err := strconv.ParseInt(fr[1], 10, 64)
		if err != nil {
			continue // a heading or text
		}
		var parts int64
		for _, c := range []string{"1906/A", "1906/B"} {
			n, _ := strconv.ParseInt(sum[CounterPrefix(c)+label].raw, 10, 64)
			parts += n
		}
		if parts != total {
			t.Errorf("%q: total %d, the counters' blocks add up to %d", label, total, parts)
		}
		added++
	}
	if added < 12 {
		t.Fatalf("only %d figures compared", added)
	}
	// Each cash hand-over names its counter.
	handovers := 0
	for label, v := range sum {
		if strings.HasPrefix(label, "Serah terima ") && strings.HasSuffix(label, ": loket") {
			handovers++
			if v.raw != "1906/A" && v.raw != "1906/B" {
				t.Errorf("%q = %q", label, v.raw)
			}
		}
	}
	if handovers == 0 {
		t.Error("archive's hand-overs do not name their counter")
	}
	// The Kode integritas names each counter, as it did before.
	if k := sum[LabelIntegrity].raw; !strings.HasPrefix(k, "1906/A-") || !strings.Contains(k, "; 1906/B-") {
		t.Errorf("archive's %s: %q", LabelIntegrity, k)
	}

	// The recap of the same days has the same Ringkasan figures, the
	// counters' blocks included (complaints per counter come from a
	// grouped query there).
	rec := sheetRows(t, zrec, SheetSummary)
	exp := sheetRows(t, zpath, SheetSummary)
	from := func(rows [][]string) [][]string {
		for i, r := range rows {
			if len(r) > 0 && r[0] == LabelVisits {
				return rows[i:]
			}
		}
		t.Fatal("no figures")
		return nil
	}
	ra, ea := from(rec), from(exp)
	if len(ra) != len(ea) {
		t.Fatalf("recap's Ringkasan %d rows, the export's %d", len(ra), len(ea))
	}
	for i := range ra {
		if strings.Join(ra[i], "|") != strings.Join(ea[i], "|") {
			t.Errorf("recap's Ringkasan row %d %q, the export's %q", i, ra[i], ea[i])
		}
	}
}

// TestCheckScriptOnArchive: scripts/check_workbook.py passes an archive's
// workbook and a counter's, and fails an archive's whose Loket column
// names the wrong counter for a row, whose counter block no longer adds
// up, or a counter's workbook given a counter block it cannot have.
func TestCheckScriptOnArchive(t *testing.T) {
	python(t)
	if testing.Short() {
		t.Skip("generates two counters' demo data")
	}
	a, b, archive := archiveSources(t)
	_, apath, _ := exportOf(t, a, false)
	_, bpath, _ := exportOf(t, b, false)
	wz, zpath, _ := exportOf(t, archive, false)
	for _, p := range []string{apath, zpath} {
		out, code := checkScript(t, p)
		if code != 0 || !strings.Contains(out, "OK:") {
			t.Fatalf("%s: check failed (%d):\n%s", filepath.Base(p), code, out)
		}
	}
	if out, _ := checkScript(t, zpath); !strings.Contains(out, "arsip gabungan, 2 loket (1906/A, 1906/B)") {
		t.Errorf("archive's check does not say its counters:\n%s", out)
	}

	// check_archive.py: the archive is its two counters, row by row and
	// figure by figure; with one counter left out it is not.
	archiveScript := func(paths ...string) (string, int) {
		out, err := exec.Command(python(t), append([]string{filepath.Join("..", "scripts", "check_archive.py")}, paths...)...).CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok {
			return string(out), ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), 0
	}
	if out, code := archiveScript(zpath, apath, bpath); code != 0 || !strings.Contains(out, "OK:") {
		t.Fatalf("check_archive.py failed (%d):\n%s", code, out)
	}
	if out, code := archiveScript(zpath, apath); code != 1 || !strings.Contains(out, "Kunjungan: arsip") {
		t.Fatalf("check_archive.py without counter B (%d):\n%s", code, out)
	}

	loket := len(wz.headers[SheetVisits]) // the Loket column, last
	col, _ := excelize.ColumnNumberToName(loket)
	visits := 0
	for i, r := range wz.rows[SheetSummary] {
		if r["Uraian"].raw == CounterPrefix("1906/A")+LabelVisits {
			visits = i + 2
		}
	}
	if visits == 0 {
		t.Fatal("no block of 1906/A")
	}
	tamper := func(path string, edit func(*excelize.File) error) string {
		x, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		if err := edit(x); err != nil {
			t.Fatal(err)
		}
		bad := filepath.Join(t.TempDir(), filepath.Base(path))
		if err := x.SaveAs(bad); err != nil {
			t.Fatal(err)
		}
		return bad
	}
	for name, c := range map[string]struct {
		path string
		edit func(*excelize.File) error
		want string
	}{
		"a row moved to the other counter": {zpath, func(x *excelize.File) error {
			v, err := x.GetCellValue(SheetVisits, col+"2")
			if err != nil {
				return err
			}
			other := map[string]string{"1906/A": "1906/B", "1906/B": "1906/A"}[v]
			return x.SetCellValue(SheetVisits, col+"2", other)
		}, "Jumlah kunjungan"},
		"a Loket that is no code": {zpath, func(x *excelize.File) error {
			return x.SetCellValue(SheetVisits, col+"3", "loket satu")
		}, "bukan kode kantor/loket"},
		"a block that does not add up": {zpath, func(x *excelize.File) error {
			return x.SetCellValue(SheetSummary, "B"+strconv.Itoa(visits), 1)
		}, "rincian per loket berjumlah"},
		"a counter's workbook with a block": {apath, func(x *excelize.File) error {
			rows, err := x.GetRows(SheetSummary)
			if err != nil {
				return err
			}
			n := strconv.Itoa(len(rows) + 1)
			if err := x.SetCellValue(SheetSummary, "A"+n, CounterPrefix("1906/A")+LabelVisits); err != nil {
				return err
			}
			return x.SetCellValue(SheetSummary, "B"+n, 1)
		}, "tanpa kolom Loket"},
	} {
		out, code := checkScript(t, tamper(c.path, c.edit))
		if code != 1 || !strings.Contains(out, c.want) {
			t.Errorf("%s: check passed or said otherwise (%d), want %q:\n%s", name, code, c.want, out)
		}
	}
}
