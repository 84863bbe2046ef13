package export

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestCheckReportScript: scripts/check_report.py passes the recap of the
// fixture's days against their range export, and fails a copy in which a
// day's cash and a Saran were changed.
func TestCheckReportScript(t *testing.T) {
	py := python(t)
	f, _ := recapFixture(t)
	p, _ := ParseRange("2026-12-31", "2027-01-02")
	rec, _ := writeRecap(t, f, p)
	exp := filepath.Join(t.TempDir(), FileName(p.From, p.To))
	_, err := Export(f.ctx, f.s, exp, Options{From: p.From, To: p.To, MadeBy: "Rina Petugas", Now: f.clock.Now()})
	f.must(err)
	run := func(path string) (string, int) {
		out, err := exec.Command(py, filepath.Join("..", "scripts", "check_report.py"), path, exp).CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok {
			return string(out), ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), 0
	}
	if out, code := run(rec); code != 0 || !strings.Contains(out, "; OK") {
		t.Fatalf("check failed (%d):\n%s", code, out)
	}
	wb, err := excelize.OpenFile(rec)
	f.must(err)
	f.must(wb.SetCellValue(SheetRecapDays, "F2", 79_000))
	f.must(wb.SetCellFormula(SheetRecapSKM, "B2", "1+1"))
	bad := filepath.Join(t.TempDir(), "rusak.xlsx")
	f.must(wb.SaveAs(bad))
	wb.Close()
	if out, code := run(bad); code != 1 || !strings.Contains(out, "Rekap Harian 2026-12-31") || !strings.Contains(out, "rumus") {
		t.Fatalf("tampered recap passed (%d):\n%s", code, out)
	}
}
