package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"loket/export"
	"loket/store"
	"loket/store/valid"
	"loket/tariff"
	"loket/tui/endofday"
	"loket/tui/frame"
)

// endOfDayGuest is a visitor of the private segment, n-th of the test.
func endOfDayGuest(n int) store.GuestInput {
	in := siti
	in.IDNumber = fmt.Sprintf("19060152039900%02d", n)
	in.Email = fmt.Sprintf("tamu%d@example.com", n)
	in.Name = []string{"Siti Aminah", "Budi Hartono", "Dewi Lestari", "Agus Salim"}[n%4]
	return in
}

// endOfDayInvoiced walks a visit through the store up to its invoice: one
// e-publication of 120 pages, Rp80.000.
func endOfDayInvoiced(t *testing.T, h *harness, n int) string {
	t.Helper()
	ctx, s := h.ctx, h.s
	off := officerID(h)
	v, err := s.StartVisit(ctx, off)
	if err != nil {
		t.Fatal(err)
	}
	id := v.ID
	steps := []func() error{
		func() error { return s.RecordPurpose(ctx, off, id, "Membeli publikasi", "Komersial") },
		func() error { return s.RecordGuest(ctx, off, id, endOfDayGuest(n)) },
		func() error {
			return s.RecordRequest(ctx, off, id, store.RequestInput{Items: []store.ItemInput{
				{Code: "PUB-EL", Title: "Kabupaten Belitung Timur Dalam Angka 2026", Year: 2026, Pages: 120, Format: "PDF"}}})
		},
		func() error {
			v, err := s.Visit(ctx, id)
			if err != nil {
				return err
			}
			return s.RecordAvailability(ctx, off, id, map[string]bool{v.Items[0].ID: true})
		},
		func() error { return s.ConfirmTerms(ctx, off, id) },
		func() error { return s.RecordAgreement(ctx, off, id, store.AgreementInput{Agreed: true}) },
		func() error { return s.IssueInvoice(ctx, off, id, store.InvoiceInput{}) },
	}
	for i, f := range steps {
		h.clk.Add(time.Minute)
		if err := f(); err != nil {
			t.Fatalf("visit %d, step %d: %v", n, i, err)
		}
	}
	return id
}

// endOfDayPaidCash records a visit paid Rp80.000 in cash.
func endOfDayPaidCash(t *testing.T, h *harness, n int) {
	t.Helper()
	id := endOfDayInvoiced(t, h, n)
	if err := h.s.PayCash(h.ctx, officerID(h), id, endOfDayGuest(n).Name, 80000); err != nil {
		t.Fatal(err)
	}
}

// endOfDayAtBank records a visit gone to the bank with a billing code.
func endOfDayAtBank(t *testing.T, h *harness, n int, code string) {
	t.Helper()
	id := endOfDayInvoiced(t, h, n)
	off := officerID(h)
	if err := h.s.IssueBillingCode(h.ctx, off, id, endOfDayGuest(n).Name, code); err != nil {
		t.Fatal(err)
	}
	if err := h.s.Suspend(h.ctx, off, id, "ke bank"); err != nil {
		t.Fatal(err)
	}
}

// endOfDayOpen opens Tutup hari from Beranda and waits for its figures.
func endOfDayOpen(t *testing.T, h *harness) *endofday.Screen {
	t.Helper()
	h.atHome()
	h.keys("e")
	h.until("Tutup hari", func() bool {
		e, ok := h.m.screen.(*endofday.Screen)
		return ok && e.Loaded
	})
	return h.m.screen.(*endofday.Screen)
}

// endOfDayExportTo points the export folder at a new temporary folder.
func endOfDayExportTo(t *testing.T, h *harness) string {
	t.Helper()
	dir := t.TempDir()
	o, err := h.s.Office(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	o.ExportDir = dir
	if err := h.s.UpdateOffice(h.ctx, officerID(h), o); err != nil {
		t.Fatal(err)
	}
	return dir
}

func endOfDayFits(t *testing.T, h *harness, what string) {
	t.Helper()
	w, ht := h.m.c.Width, h.m.c.Height
	lines := strings.Split(h.m.View().Content, "\n")
	if len(lines) != ht {
		t.Fatalf("%s: %d lines at %dx%d:\n%s", what, len(lines), w, ht, h.screen())
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > w {
			t.Fatalf("%s: line wider than %d: %q", what, w, ansi.Strip(l))
		}
		if strings.Contains(ansi.Strip(l), "…") {
			t.Fatalf("%s: cut text at %dx%d: %q\n%s", what, w, ht, ansi.Strip(l), h.screen())
		}
	}
}

func TestEndOfDayCashReceiptsMatchStore(t *testing.T) {
	h := newHarness(t, 80, 24)
	endOfDayPaidCash(t, h, 1)
	endOfDayPaidCash(t, h, 2)
	endOfDayAtBank(t, h, 3, "820261126000001") // not cash: not counted
	want, err := h.s.CashReceipts(h.ctx, store.Day(h.clk.Now()))
	if err != nil {
		t.Fatal(err)
	}
	if want != 160000 {
		t.Fatalf("store's cash receipts %d, want 160000", want)
	}
	endOfDayOpen(t, h)
	h.sees("Kamis, 26 November 2026", "Kas tunai", tariff.Rupiah(want)+" dari 2 pembayaran tunai", "belum dicatat")
	endOfDayFits(t, h, "idle")
}

func TestEndOfDayHandoverDifferenceNeedsReason(t *testing.T) {
	h := newHarness(t, 80, 24)
	endOfDayPaidCash(t, h, 1)
	endOfDayPaidCash(t, h, 2)
	endOfDayOpen(t, h)
	h.keys("enter")
	h.typ("155.000")
	h.sees("selisih kurang Rp5.000 dari penerimaan tunai", "Alasan selisih")
	h.keys("tab")
	h.typ("Sri Wahyuni")
	h.keys("ctrl+s")
	h.waitSee("Alasan selisih: wajib diisi")
	day := store.Day(h.clk.Now())
	if hs, err := h.s.CashHandovers(h.ctx, day, day); err != nil || len(hs) != 0 {
		t.Fatalf("hand-over saved without a reason: %v %v", hs, err)
	}
	h.sees("155.000", "Sri Wahyuni") // what was typed stays
	endOfDayFits(t, h, "refused")
	if !h.m.Typing() {
		t.Fatalf("the reason field does not have the focus:\n%s", h.screen())
	}
	h.typ("Uang kembalian kurang, diganti petugas")
	h.keys("ctrl+s")
	h.waitSee("kepada Sri Wahyuni pukul 09:")
	hs, err := h.s.CashHandovers(h.ctx, day, day)
	if err != nil || len(hs) != 1 {
		t.Fatalf("hand-overs %v %v", hs, err)
	}
	got := hs[0]
	if got.Counted != 155000 || got.CashReceipts != 160000 || got.Difference != -5000 ||
		got.Recipient != "Sri Wahyuni" || got.Reason != "Uang kembalian kurang, diganti petugas" {
		t.Fatalf("hand-over %+v", got)
	}
	endOfDaySees(t, h, "Rp155.000 kepada Sri Wahyuni pukul 09:14 WIB, kurang Rp5.000", "Alasan selisih Uang kembalian kurang")
	if h.m.Typing() {
		t.Fatalf("a field keeps the focus after saving")
	}
	endOfDayFits(t, h, "saved")

	// Another hand-over the same day is allowed; the recipient is kept.
	h.keys("enter")
	h.typ("160000")
	h.sees("sama dengan penerimaan tunai")
	h.keys("enter", "enter") // to the recipient, then save from the last field
	h.waitSee("ke-2: Rp160.000 kepada Sri Wahyuni")
	if hs, _ := h.s.CashHandovers(h.ctx, day, day); len(hs) != 2 || hs[1].Difference != 0 || hs[1].Reason != "" {
		t.Fatalf("second hand-over %+v", hs)
	}
}

func TestEndOfDayBadAmountNamesField(t *testing.T) {
	h := newHarness(t, 80, 24)
	endOfDayPaidCash(t, h, 1)
	endOfDayOpen(t, h)
	cases := []struct{ typed, msg string }{
		{"12a", `Uang tunai dihitung: hanya boleh angka dengan titik pemisah ribuan (ada "a"), misalnya Rp1.250.000 (tertulis "12a")`},
		{"12,50", `Uang tunai dihitung: rupiah bulat tanpa sen: titik memisahkan ribuan dan koma tidak dipakai, misalnya Rp1.250.000 (tertulis "12,50")`},
		{"100.000,50", `Uang tunai dihitung: rupiah bulat tanpa sen: titik memisahkan ribuan dan koma tidak dipakai, misalnya Rp1.250.000 (tertulis "100.000,50")`},
		{"1,5", `Uang tunai dihitung: rupiah bulat tanpa sen: titik memisahkan ribuan dan koma tidak dipakai, misalnya Rp1.250.000 (tertulis "1,5")`},
		{"-5000", `Uang tunai dihitung: tidak boleh negatif (tertulis "-5000")`},
		{"", "Uang tunai dihitung: wajib diisi: rupiah bulat, misalnya Rp1.250.000"},
	}
	for _, c := range cases {
		h.keys("enter")
		e := h.m.screen.(*endofday.Screen)
		e.F.Get("counted").In.SetValue(c.typed)
		e.F.Get("recipient").In.SetValue("Sri Wahyuni")
		h.keys("ctrl+s")
		if !strings.Contains(h.m.errLine, c.msg) {
			t.Fatalf("%q: error line %q, want %q", c.typed, h.m.errLine, c.msg)
		}
		if e.F.Get("counted").Err == "" || e.F.Cur() == nil || e.F.Cur().Key != "counted" {
			t.Fatalf("%q: no message at the amount field, or it lacks the focus:\n%s", c.typed, h.screen())
		}
		h.sees("✗ " + c.msg[len("Uang tunai dihitung: "):][:10])
		endOfDayFits(t, h, "bad amount "+c.typed)
		h.keys("esc")
	}
	h.sees("belum dicatat")
	day := store.Day(h.clk.Now())
	if hs, _ := h.s.CashHandovers(h.ctx, day, day); len(hs) != 0 {
		t.Fatalf("hand-over saved from a bad amount: %+v", hs)
	}
	for in, want := range map[string]int64{"1.250.000": 1250000, "Rp 80.000": 80000, "0": 0, " 12 500 ": 12500} {
		if got, err := valid.Rupiah("Uang tunai dihitung", in); err != nil || got != want {
			t.Errorf("valid.Rupiah(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
}

func TestEndOfDayAwaitedBankPayment(t *testing.T) {
	h := newHarness(t, 80, 24)
	endOfDayAtBank(t, h, 1, "820261126000001")
	endOfDayOpen(t, h)
	h.sees("Menunggu pembayaran bank (1)", "A-001", "820261126000001", "Rp80.000", "7 hari lagi", endOfDayGuest(1).Name)
	h.keys("esc")

	// Six days and a half later the code has hours left; after eight it
	// has expired and must be replaced.
	h.clk.Add(6*24*time.Hour + 12*time.Hour)
	e := endOfDayOpen(t, h)
	h.sees("A-001 26/11", "12 jam lagi")
	if warn := e.C.Styles.Warn.Render("12 jam lagi"); warn == "12 jam lagi" ||
		!strings.Contains(endOfDayRow(e.View(), "820261126000001"), warn) {
		t.Fatalf("less than a day left is not a warning: %q", endOfDayRow(e.View(), "820261126000001"))
	}
	h.keys("esc")
	h.clk.Add(2 * 24 * time.Hour)
	e = endOfDayOpen(t, h)
	h.sees("kedaluwarsa")
	if row := endOfDayRow(e.View(), "820261126000001"); !strings.Contains(row, e.C.Styles.Err.Render("kedaluwarsa")) {
		t.Fatalf("an expired code is not shown as an error: %q", row)
	}
	endOfDayFits(t, h, "bank")
}

// endOfDaySees fails unless the screen shows each text, wrapped or not:
// runs of spaces and line breaks count as one space.
func endOfDaySees(t *testing.T, h *harness, texts ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(h.screen()), " ")
	for _, s := range texts {
		if !strings.Contains(flat, s) {
			t.Fatalf("screen lacks %q:\n%s", s, h.screen())
		}
	}
}

// endOfDayRow is the line of a rendered block that holds text.
func endOfDayRow(view, text string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(ansi.Strip(l), text) {
			return l
		}
	}
	return ""
}

func TestEndOfDayExportWritesWorkbook(t *testing.T) {
	h := newHarness(t, 160, 35)
	dir := endOfDayExportTo(t, h)
	endOfDayPaidCash(t, h, 1)
	endOfDayAtBank(t, h, 2, "820261126000002")
	endOfDayOpen(t, h)
	path := filepath.Join(dir, "laporan-pst-2026-11-26.xlsx")
	h.sees("Folder               "+dir, "Berkas               laporan-pst-2026-11-26.xlsx", "Belum ditulis",
		"Serah terima uang tunai ke bendahara belum dicatat")

	// Cash taken and no hand-over: asked first; n writes nothing.
	h.keys("ctrl+e")
	h.sees("Uang tunai Rp80.000 hari ini belum dicatat diserahkan ke bendahara. 2 kunjungan hari ini masih berjalan. Tetap tulis laporan?")
	h.keys("n")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("written after n: %v", err)
	}
	h.keys("ctrl+e", "y")
	h.waitSee("Tertulis pukul 09:")
	h.sees(dir, "laporan-pst-2026-11-26.xlsx", "2 kunjungan, 1 pembayaran (Rp80.000)", "Laporan tersimpan: "+path)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Fatalf("workbook mode %v, want 0600", fi.Mode().Perm())
	}
	if fi.Size() == 0 {
		t.Fatalf("empty workbook")
	}
	// Shown at 80×24 too, wrapped rather than cut.
	h.update(tea.WindowSizeMsg{Width: 80, Height: 24})
	endOfDayFits(t, h, "exported")
	h.sees("laporan-pst-2026-11-26.xlsx")

	// Coming back later, the screen knows the workbook is there.
	h.keys("esc")
	endOfDayOpen(t, h)
	h.sees("Sudah ditulis pukul")

	// A hand-over recorded after the workbook makes it out of date.
	h.keys("ctrl+e", "y")
	h.waitSee("Tertulis pukul 09:")
	h.clk.Add(time.Hour)
	h.keys("enter")
	h.typ("80.000")
	h.keys("tab")
	h.typ("Sri Wahyuni")
	h.keys("ctrl+s")
	h.waitSee("Rp80.000 kepada Sri Wahyuni")
	endOfDaySees(t, h, "Serah terima dicatat sesudahnya; ctrl+e menulis ulang.")
}

func TestEndOfDayExportErrorKeepsScreen(t *testing.T) {
	h := newHarness(t, 80, 24)
	// The export folder is a file: it cannot be made.
	blocker := filepath.Join(t.TempDir(), "bukan-folder")
	if err := os.WriteFile(blocker, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	o, err := h.s.Office(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	o.ExportDir = filepath.Join(blocker, "Laporan")
	if err := h.s.UpdateOffice(h.ctx, officerID(h), o); err != nil {
		t.Fatal(err)
	}
	e := endOfDayOpen(t, h)
	h.sees("Folder", "Laporan") // opening the screen makes no folder
	h.keys("ctrl+e")            // no cash: no question
	h.until("the error line", func() bool { return strings.Contains(h.m.errLine, "tidak dapat dibuat") })
	want := "Laporan belum tertulis: folder ekspor " + o.ExportDir + " tidak dapat dibuat (alamat itu berkas, bukan folder); periksa Pengaturan (s)"
	if runtime.GOOS != "windows" && h.m.errLine != want {
		t.Errorf("error line\n %q\nwant\n %q", h.m.errLine, want)
	}
	if h.m.id != frame.ScreenEndOfDay || e.Busy || !e.Keys.Export.Enabled() {
		t.Fatalf("screen not usable after the error:\n%s", h.screen())
	}
	endOfDayFits(t, h, "export error")
}

func TestEndOfDayEscLeavesFieldThenHome(t *testing.T) {
	h := newHarness(t, 80, 24)
	endOfDayOpen(t, h)
	h.keys("enter")
	h.typ("q?")
	if h.quit || h.m.fullHelp {
		t.Fatalf("single keys fired while typing")
	}
	e := h.m.screen.(*endofday.Screen)
	if got := e.F.Val("counted"); got != "q?" {
		t.Fatalf("field holds %q", got)
	}
	h.keys("esc")
	if h.m.id != frame.ScreenEndOfDay || h.m.Typing() {
		t.Fatalf("esc did not just leave the field")
	}
	h.keys("esc")
	h.atHome()
}

func TestEndOfDayFitsWhileEditing(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 35}} {
		h := newHarness(t, size[0], size[1])
		endOfDayPaidCash(t, h, 1)
		for i := 0; i < 6; i++ {
			endOfDayAtBank(t, h, 10+i, fmt.Sprintf("8202611260000%02d", i))
		}
		endOfDayOpen(t, h)
		endOfDayFits(t, h, "many awaited")
		h.keys("enter")
		h.typ("79.000")
		h.keys("ctrl+s")
		h.waitSee("Penerima (bendahara): wajib diisi")
		endOfDayFits(t, h, "editing with errors")
		if size[0] == 80 {
			h.sees("Menunggu pembayaran bank (6)", "lagi; lihat Beranda") // shortened, not cut
		}
		h.keys("esc", "ctrl+e")
		endOfDayFits(t, h, "confirm")
	}
}

// The export reports its progress through its command chain: each sheet
// in order, then the save, then the workbook written; the screen shows
// the sheet being written while it is busy.
func TestEndOfDayExportReportsProgress(t *testing.T) {
	h := newHarness(t, 120, 35)
	dir := endOfDayExportTo(t, h)
	endOfDayPaidCash(t, h, 1)

	var sheets []string
	cmd := endofday.EndOfDayWrite(h.ctx, h.s, "2026-11-26", "Uji", h.clk.Now())
	for cmd != nil {
		switch msg := cmd().(type) {
		case frame.ProgressMsg:
			if len(sheets) == 0 || sheets[len(sheets)-1] != msg.Sheet {
				sheets = append(sheets, msg.Sheet)
			}
			cmd = msg.Next
		case endofday.EndOfDayExportedMsg:
			if msg.Path != filepath.Join(dir, "laporan-pst-2026-11-26.xlsx") || msg.Sum.Visits != 1 {
				t.Fatalf("exported %+v", msg)
			}
			cmd = nil
		default:
			t.Fatalf("unexpected %#v", msg)
		}
	}
	// The channel holds one progress step: a step the reader is late for
	// is replaced by the next, so only the order is certain, and the save,
	// which nothing replaces, comes last.
	if len(sheets) == 0 || sheets[len(sheets)-1] != "" {
		t.Fatalf("progress %q does not end with the save", sheets)
	}
	order := []string{"Kunjungan", "Produk", "PNBP", "SKM", "Pengaduan", "Ringkasan", ""}
	i := 0
	for _, s := range sheets {
		for i < len(order) && order[i] != s {
			i++
		}
		if i == len(order) {
			t.Fatalf("progress %q out of the order %q", sheets, order)
		}
	}

	// On screen, while busy.
	endOfDayOpen(t, h)
	s := h.m.screen.(*endofday.Screen)
	s.Busy, s.Progress = true, frame.ProgressMsg{Sheet: "Produk", Rows: 500, Next: func() tea.Msg { return nil }}
	h.sees("lembar Produk, 500 baris")
	s.Progress.Sheet = ""
	h.sees("menyimpan berkas…")
	s.Busy = false
}

// ctrl+e inside a field is the text input's own key (end of the text):
// it never starts the export or its question while the officer types.
func TestEndOfDayCtrlEInAFieldIsTheFields(t *testing.T) {
	h := newHarness(t, 120, 35)
	dir := endOfDayExportTo(t, h)
	endOfDayPaidCash(t, h, 1)
	s := endOfDayOpen(t, h)
	h.keys("enter")
	h.typ("80000")
	h.keys("tab")
	h.typ("ri Wahyuni")
	h.keys("home")
	h.typ("S")
	h.keys("ctrl+e")
	h.typ(" (bendahara)")
	if !s.Editing || s.Confirm || s.Busy {
		t.Fatalf("ctrl+e in a field: editing %v, confirm %v, busy %v", s.Editing, s.Confirm, s.Busy)
	}
	if got := s.F.Val("recipient"); got != "Sri Wahyuni (bendahara)" {
		t.Fatalf("recipient %q: ctrl+e did not move to the end of the text", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "laporan-pst-2026-11-26.xlsx")); !os.IsNotExist(err) {
		t.Fatalf("workbook written from inside a field: %v", err)
	}
	h.keys("esc", "ctrl+e")
	if !s.Confirm {
		t.Fatal("ctrl+e outside the fields does not start the export")
	}
}

// The awaited bank payments fold into one line only when even one row does
// not fit: a heading, the column heads and a row take three lines, and a
// list cut short says how many more there are.
func TestEndOfDayBankListUsesItsRoom(t *testing.T) {
	h := newHarness(t, 80, 24)
	endOfDayAtBank(t, h, 1, "820261126000001")
	s := endOfDayOpen(t, h)
	plain := func(lines []string) string { return ansi.Strip(strings.Join(lines, "\n")) }
	if got := plain(s.BankLines(80, 3)); !strings.Contains(got, "820261126000001") || len(s.BankLines(80, 3)) != 3 {
		t.Errorf("one payment in three lines:\n%s", got)
	}
	if got := plain(s.BankLines(80, 2)); !strings.Contains(got, "daftarnya di Beranda") {
		t.Errorf("two lines:\n%s", got)
	}
	endOfDayAtBank(t, h, 2, "820261126000002")
	endOfDayAtBank(t, h, 3, "820261126000003")
	h.keys("esc")
	s = endOfDayOpen(t, h)
	got := s.BankLines(80, 4)
	if len(got) != 4 || !strings.Contains(plain(got), "dan 2 lagi") {
		t.Errorf("three payments in four lines:\n%s", plain(got))
	}
	if got := plain(s.BankLines(80, 3)); !strings.Contains(got, "daftarnya di Beranda") {
		t.Errorf("three payments in three lines:\n%s", got)
	}
}

// Loads can overlap (a hand-over saved while the first read is still
// out): an older read arriving after a newer one is dropped.
func TestEndOfDayDropsAnOlderLoad(t *testing.T) {
	h := newHarness(t, 120, 35)
	endOfDayPaidCash(t, h, 1)
	s := endOfDayOpen(t, h)
	if s.Data.Receipts != 80_000 {
		t.Fatalf("receipts %d", s.Data.Receipts)
	}
	h.update(endofday.EndOfDayLoadedMsg{Gen: s.LoadGen - 1, Day: s.Data.Day, Receipts: 5})
	if s.Data.Receipts != 80_000 {
		t.Fatalf("an older load replaced the newer: receipts %d", s.Data.Receipts)
	}
}

// Opening Tutup hari shows where the workbook will go without making the
// folder; writing the workbook makes it.
func TestEndOfDayOpeningMakesNoFolder(t *testing.T) {
	home := t.TempDir()
	old := export.UserHome
	export.UserHome = func() (string, error) { return home, nil }
	t.Cleanup(func() { export.UserHome = old })
	h := newHarness(t, 120, 35)
	endOfDayOpen(t, h)
	dir := filepath.Join(home, "Documents", "Laporan PST")
	h.sees(dir)
	if _, err := os.Stat(filepath.Join(home, "Documents")); !os.IsNotExist(err) {
		t.Fatalf("opening the screen made %s: %v", dir, err)
	}
	h.keys("ctrl+e")
	h.waitSee("Laporan tersimpan")
	if _, err := os.Stat(filepath.Join(dir, "laporan-pst-2026-11-26.xlsx")); err != nil {
		t.Fatal(err)
	}
}

// A workbook written before the latest recorded change (a visit cancelled
// or a complaint taken after it) is said to be out of date.
func TestEndOfDayWorkbookOutOfDateAfterAChange(t *testing.T) {
	h := newHarness(t, 120, 35)
	dir := endOfDayExportTo(t, h)
	endOfDayOpen(t, h)
	h.keys("ctrl+e")
	h.waitSee("Laporan tersimpan")
	path := filepath.Join(dir, "laporan-pst-2026-11-26.xlsx")
	// The file's time is the machine's; the store's clock is the test's.
	written := h.clk.Now().Add(-time.Hour)
	if err := os.Chtimes(path, written, written); err != nil {
		t.Fatal(err)
	}
	h.keys("esc")
	endOfDayOpen(t, h)
	h.sees("Ditulis pukul 08:00 WIB; sesudahnya ada perubahan tercatat")

	later := h.clk.Now().Add(time.Hour)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	h.keys("esc")
	endOfDayOpen(t, h)
	h.sees("Sudah ditulis pukul 10:")
}
