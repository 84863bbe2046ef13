package tui

import (
	"context"
	"os"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"loket/tariff"
	"loket/tui/schedule"
)

// tariffOpen opens Tarif from Beranda and waits for the schedule.
func tariffOpen(t *testing.T, h *harness) *schedule.Screen {
	t.Helper()
	h.keys("t")
	h.until("jadwal tarif", func() bool {
		ts, ok := h.m.screen.(*schedule.Screen)
		return ok && ts.Sch != nil
	})
	return h.m.screen.(*schedule.Screen)
}

// tariffReadAll pages through the whole schedule with pgdown and returns
// every body line seen, checking each frame's size on the way.
func tariffReadAll(t *testing.T, h *harness) []string {
	t.Helper()
	var seen []string
	for i := 0; ; i++ {
		scr := h.screen()
		settingsFrameFits(t, h, scr)
		seen = append(seen, strings.Split(scr, "\n")...)
		if !strings.Contains(scr, "· ↓ lanjut") {
			return seen
		}
		if i > 50 {
			t.Fatalf("pgdown never reaches the end:\n%s", scr)
		}
		h.keys("pgdown")
	}
}

func TestTariffShowsEveryItemOfTheScheduleAndScrolls(t *testing.T) {
	h := newHarness(t, 80, 24)
	ts := tariffOpen(t, h)
	sch, err := h.s.Schedule(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	first := h.screen()
	if !strings.Contains(first, "Tarif") || !strings.Contains(first, "baris 1–") {
		t.Fatalf("Tarif at 80×24 should start at the top with a position line:\n%s", first)
	}
	last := sch.Notes[len(sch.Notes)-1]
	if strings.Contains(first, last[:30]) {
		t.Fatalf("the whole schedule fits in 24 lines? the test expects scrolling:\n%s", first)
	}
	all := strings.Join(tariffReadAll(t, h), "\n")
	for _, it := range sch.Items {
		for _, want := range []string{it.Code, it.Name} {
			if !strings.Contains(all, want) {
				t.Errorf("item %s: %q not shown", it.Code, want)
			}
		}
		price := tariff.Rupiah(it.BaseRp)
		if !it.Charged {
			price = "Rp0"
		}
		if !tariffHasRow(all, it.Code, price) {
			t.Errorf("item %s: price %s not shown", it.Code, price)
		}
		if it.StepQty > 0 && !strings.Contains(all, tariff.Rupiah(it.StepRp)) {
			t.Errorf("item %s: price of further blocks %s not shown", it.Code, tariff.Rupiah(it.StepRp))
		}
	}
	for _, want := range []string{"Jadwal tarif PNBP: " + sch.Name, "Dasar hukum", "Berlaku sejak 1 Januari 2024",
		"1 MB = 1.000.000 byte", "120 halaman PUB-EL", "= Rp80.000.", "Tarif nol rupiah (Rp0)",
		"Pemanfaatan data bukan Komersial.", "Surat permohonan resmi", " · akhir"} {
		if !strings.Contains(all, want) {
			t.Errorf("schedule lacks %q", want)
		}
	}
	for _, c := range sch.Zero.Categories {
		if !strings.Contains(all, "• "+c) {
			t.Errorf("Rp0 category %q not listed", c)
		}
	}
	if !strings.Contains(h.screen(), last[len(last)-20:]) {
		t.Fatalf("the last note is not on the last page:\n%s", h.screen())
	}

	// Back up line by line, to the top, and home again.
	end := ts.Top
	h.keys("up")
	if ts.Top != end-1 {
		t.Fatalf("↑ moved from line %d to %d", end, ts.Top)
	}
	h.keys("pgdown", "pgdown")
	if ts.Top != end {
		t.Fatalf("pgdown went past the end: top %d, want %d", ts.Top, end)
	}
	h.keys("home")
	if ts.Top != 0 || !strings.Contains(h.screen(), "Jadwal tarif PNBP") {
		t.Fatalf("home did not go to the top:\n%s", h.screen())
	}
	h.keys("pgup", "up")
	if ts.Top != 0 {
		t.Fatalf("scrolled above the top: %d", ts.Top)
	}
	h.keys("esc")
	h.atHome()
}

// tariffHasRow reports whether a row of the item's block shows the price:
// the first price line after the code's line.
func tariffHasRow(all, code, price string) bool {
	lines := strings.Split(all, "\n")
	for i, l := range lines {
		if strings.Contains(l, " "+code+" ") && i+1 < len(lines) {
			for _, next := range lines[i+1 : min(i+4, len(lines))] {
				if strings.HasSuffix(strings.TrimRight(next, " "), " "+price) {
					return true
				}
			}
		}
	}
	return false
}

func TestTariffShowsTheInstalledScheduleInForce(t *testing.T) {
	h := newHarness(t, 120, 35)
	body, err := os.ReadFile("../tariff/pp13-2024.tarif")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(body), "nama: PP No. 13 Tahun 2024", "nama: Jadwal Uji 2026", 1)
	text = strings.Replace(text, "berlaku: 2024-01-01", "berlaku: 2026-03-15", 1)
	text = strings.Replace(text, "| 50        | 50.000     |", "| 50        | 55.000     |", 1)
	if text == string(body) {
		t.Fatal("the test's edits did not apply to the schedule file")
	}
	if _, err := h.s.InstallSchedule(context.Background(), h.m.c.Actor(), []byte(text)); err != nil {
		t.Fatal(err)
	}
	tariffOpen(t, h)
	all := strings.Join(tariffReadAll(t, h), "\n")
	for _, want := range []string{"Jadwal tarif PNBP: Jadwal Uji 2026", "Berlaku sejak 15 Maret 2026", "Rp55.000",
		"= Rp85.000."} {
		if !strings.Contains(all, want) {
			t.Errorf("installed schedule: %q not shown:\n%s", want, all)
		}
	}
	if strings.Contains(all, "Rp50.000 ") {
		t.Errorf("the replaced price Rp50.000 is still shown")
	}
}

func TestTariffKeysWorkOnlyWhenThereIsMoreToScroll(t *testing.T) {
	h := newHarness(t, 80, 24)
	ts := tariffOpen(t, h)
	if !ts.Keys.PgDown.Enabled() {
		t.Fatal("the schedule is longer than the body, yet pgdown is off")
	}
	ts.SetSize(80, 200)
	for _, b := range []key.Binding{ts.Keys.Up, ts.Keys.PgDown, ts.Keys.Top} {
		if b.Enabled() {
			t.Fatalf("%s is on although everything fits", b.Help().Key)
		}
	}
	if strings.Contains(ts.View(), "baris ") {
		t.Fatalf("a position line although everything fits:\n%s", ts.View())
	}
}

// An installed schedule may name an item at length: the name wraps under
// itself at 80 columns, whole, and the price rows follow it.
func TestTariffWrapsALongItemName(t *testing.T) {
	h := newHarness(t, 80, 24)
	body, err := os.ReadFile("../tariff/pp13-2024.tarif")
	if err != nil {
		t.Fatal(err)
	}
	long := "Publikasi elektronik hasil sensus dan survei dengan tabel rinci per kecamatan, desa, kelurahan dan wilayah kerja Beltim."
	if len([]rune(long)) != 120 {
		t.Fatalf("the name has %d characters", len([]rune(long)))
	}
	text := strings.Replace(string(body), "Publikasi elektronik                               |", long+" |", 1)
	if text == string(body) {
		t.Fatal("the test's edit did not apply to the schedule file")
	}
	if _, err := h.s.InstallSchedule(context.Background(), h.m.c.Actor(), []byte(text)); err != nil {
		t.Fatal(err)
	}
	tariffOpen(t, h)
	all := tariffReadAll(t, h) // every frame fits, nothing cut at the edge
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if !strings.Contains(squeeze(strings.Join(all, "\n")), squeeze(long)) {
		t.Fatalf("the long name is not shown whole:\n%s", strings.Join(all, "\n"))
	}
	if !tariffHasRow(strings.Join(all, "\n"), "PUB-EL", "Rp50.000") {
		t.Fatalf("the price row does not follow the wrapped name:\n%s", strings.Join(all, "\n"))
	}
}
