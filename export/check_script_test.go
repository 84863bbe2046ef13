package export

import (
	"context"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"loket/store"
	"loket/store/demo"
	"loket/store/valid"
)

// python returns /usr/bin/python3 if it can import openpyxl; the test is
// skipped otherwise (CI installs python3-openpyxl, see .ci/run).
func python(t *testing.T) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import openpyxl").Run(); err != nil {
		t.Skipf("%s with openpyxl not available (apt-get install -y --no-install-recommends python3-openpyxl): %v", py, err)
	}
	return py
}

func checkScript(t *testing.T, path string) (string, int) {
	t.Helper()
	out, err := exec.Command(python(t), filepath.Join("..", "scripts", "check_workbook.py"), path).CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

// TestCheckScriptOnFixture: the repo's openpyxl check passes the fixture's
// workbook, and fails a copy in which a total was changed and a formula
// slipped in.
func TestCheckScriptOnFixture(t *testing.T) {
	python(t)
	f := newFixture(t)
	f.scenario()
	path, _ := exportDay(t, f, Options{})
	out, code := checkScript(t, path)
	if code != 0 || !strings.Contains(out, "OK:") {
		t.Fatalf("check failed (%d):\n%s", code, out)
	}

	wb, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wb.SetCellValue("PNBP", "J2", 1)
	wb.SetCellFormula("Kunjungan", "I2", `HYPERLINK("http://x","y")`)
	bad := filepath.Join(t.TempDir(), "rusak.xlsx")
	if err := wb.SaveAs(bad); err != nil {
		t.Fatal(err)
	}
	wb.Close()
	out, code = checkScript(t, bad)
	if code != 1 || !strings.Contains(out, "Total PNBP") || !strings.Contains(out, "rumus") {
		t.Fatalf("tampered workbook passed (%d):\n%s", code, out)
	}
}

// TestCheckScriptOnDemo exports a month of generated data (the issue's
// "loket demo then loket export") and an empty day, and checks both.
func TestCheckScriptOnDemo(t *testing.T) {
	python(t)
	if testing.Short() {
		t.Skip("generates a month of data")
	}
	s := demoStore(t, 30)
	for _, p := range [][2]string{{"2026-10-28", "2026-11-26"}, {"2026-11-25", "2026-11-25"}, {"2026-11-28", "2026-11-28"}} {
		path := filepath.Join(t.TempDir(), FileName(p[0], p[1]))
		if _, err := Export(context.Background(), s, path, Options{From: p[0], To: p[1]}); err != nil {
			t.Fatal(err)
		}
		out, code := checkScript(t, path)
		if code != 0 {
			t.Errorf("%s: check failed (%d):\n%s", filepath.Base(path), code, out)
		}
		if p[0] == "2026-11-28" && !strings.Contains(out, "Kunjungan 0 baris") {
			t.Errorf("empty day:\n%s", out)
		}
	}
}

// demoStore generates days of demo data up to 26 November 2026 and opens
// it read-only, as loket export does.
func demoStore(t testing.TB, days int) *store.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	until := time.Date(2026, 11, 26, 0, 0, 0, 0, valid.WIB)
	if _, err := demo.Generate(context.Background(), path, demo.Config{Days: days, Until: until, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(context.Background(), path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkExport writes the workbook of 30 days of demo data (a month's
// end-of-month export) to nowhere.
func BenchmarkExport(b *testing.B) {
	s := demoStore(b, 30)
	opt := Options{From: "2026-10-28", To: "2026-11-26", Now: madeAt}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Workbook(context.Background(), s, io.Discard, opt); err != nil {
			b.Fatal(err)
		}
	}
}
