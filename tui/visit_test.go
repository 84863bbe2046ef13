package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"loket/store"
	"loket/tui/frame"
	"loket/tui/visit"
)

// Update/View tests of the visit screen, step by step. Visits are walked
// up to the step under test through the store, then opened on screen.

// newVisitAt starts a harness and a new visit, at step 2.
func newVisitAt(t *testing.T, w, h int) *harness {
	t.Helper()
	hs := newHarness(t, w, h)
	hs.keys("n")
	hs.atStep(store.StepPurpose)
	return hs
}

const (
	kindPaidPub   = iota // Siti (Swasta), e-publication 120 pages: Rp80.000
	kindMicrodata        // a student, microdata 5 MB: Rp100.000, SPPD
	kindZero             // a government visitor with a letter: Rp0
)

var student = store.GuestInput{Guest: store.Guest{IDType: "KTP", IDNumber: "1906015203990002", Name: "Dewi Lestari", Gender: "P",
	Education: "D4/S1", Occupation: "Pelajar/Mahasiswa", Institution: "Universitas Bangka Belitung",
	Category: "Lembaga Penelitian & Pendidikan", Email: "dewi@example.com", Phone: "081234567890"},
	BirthYear: "2001", Consent: true}

var official = store.GuestInput{Guest: store.Guest{IDType: "KTP", IDNumber: "1906011001800002", Name: "Budi Santoso", Gender: "L",
	Education: "S2", Occupation: "ASN/TNI/Polri", Institution: "Bappeda Belitung Timur",
	Category: "Pemerintah Daerah", Email: "budi@beltim.go.id", Phone: "081234567891"},
	BirthYear: "1980", Consent: true}

// walk records a visit of a kind through the store, steps 2 to upTo, and
// opens it on screen at the step that follows.
func (h *harness) walk(kind, upTo int) string {
	h.t.Helper()
	ctx, s := context.Background(), h.s
	off := h.m.c.Officer.ID
	v, err := s.StartVisit(ctx, off)
	if err != nil {
		h.t.Fatal(err)
	}
	id := v.ID
	g, use, letter := siti, "Komersial", false
	items := []store.ItemInput{{Code: "PUB-EL", Title: "Belitung Timur Dalam Angka 2026", Pages: 120}}
	switch kind {
	case kindMicrodata:
		g, use = student, "Penelitian"
		items = []store.ItemInput{{Code: "DM-MENTAH", Title: "Susenas Maret 2025", Bytes: 5_000_000, Format: "CSV", Variables: "r101, r102"}}
	case kindZero:
		g, use, letter = official, "Pemerintahan", true
	}
	get := func() *store.Visit { return h.stored(id) }
	ids := func() []string {
		var out []string
		for _, it := range get().Items {
			out = append(out, it.ID)
		}
		return out
	}
	md := kind == kindMicrodata
	steps := map[int]func() error{
		store.StepPurpose:   func() error { return s.RecordPurpose(ctx, off, id, "Membeli data", use) },
		store.StepGuestBook: func() error { return s.RecordGuest(ctx, off, id, g) },
		store.StepRequest: func() error {
			return s.RecordRequest(ctx, off, id, store.RequestInput{Items: items, Letter: letter})
		},
		store.StepAvailable: func() error {
			m := map[string]bool{}
			for _, i := range ids() {
				m[i] = true
			}
			return s.RecordAvailability(ctx, off, id, m)
		},
		store.StepTerms: func() error { return s.ConfirmTerms(ctx, off, id) },
		store.StepAgreement: func() error {
			return s.RecordAgreement(ctx, off, id, store.AgreementInput{Agreed: true, Abstraksi: md, Letter: letter, Variables: "r101, r102"})
		},
		store.StepDocCheck: func() error { return s.RecordDocumentCheck(ctx, off, id, true, "") },
		store.StepInvoice: func() error {
			return s.IssueInvoice(ctx, off, id, store.InvoiceInput{SampleGiven: md, SPPDGiven: md})
		},
		store.StepPrepare: func() error {
			m := map[string]store.Medium{}
			for _, i := range ids() {
				m[i] = "Email"
			}
			return s.RecordPrepared(ctx, off, id, m)
		},
		store.StepPayment:  func() error { return s.PayCash(ctx, off, id, g.Name, get().Total) },
		store.StepSPPD:     func() error { return s.RecordSPPD(ctx, off, id) },
		store.StepHandover: func() error { return s.HandOverProducts(ctx, off, id, ids()) },
		store.StepCheck:    func() error { return s.RecordCheck(ctx, off, id, store.CheckInput{OK: true}) },
		store.StepRating: func() error {
			return s.RecordRating(ctx, off, id, store.RatingInput{Scores: [9]int{4, 4, 3, 4, 3, 4, 4, 3, 4}})
		},
	}
	for n := store.StepPurpose; n <= upTo; n++ {
		if get().Step(n).State == store.StateNA {
			continue
		}
		if err := steps[n](); err != nil {
			h.t.Fatalf("step %d: %v", n, err)
		}
	}
	h.update(frame.NavigateMsg{To: frame.ScreenVisit, VisitID: id})
	h.settle()
	h.atStep(get().Current())
	return id
}

func TestVisitPurpose(t *testing.T) {
	h := newVisitAt(t, 80, 24)
	h.sees("Langkah 2/16", "Pelaku: Petugas", "Maksud kunjungan", "Membeli produk statistik", "Waktu layanan 00:00 / 05:00")
	// The purpose is proposed: the form opens on the use, the one field
	// still to fill, and says a number saves it there.
	h.sees("› Pemanfaatan data", "ketik 1–5 (langsung simpan)")
	h.keys("p")
	h.sees("[Pemerintahan]")
	h.keys("enter")
	h.atStep(store.StepGuestBook)
	v := h.stored(h.visit().ID)
	if v.Use != "Pemerintahan" || v.Purpose != "Membeli produk statistik" {
		t.Fatalf("purpose %q use %q", v.Purpose, v.Use)
	}
}

func TestGuestBookFieldErrorKeepsInput(t *testing.T) {
	h := newVisitAt(t, 80, 24)
	h.keys("t", "enter")
	h.atStep(store.StepGuestBook)
	h.typ("Andi")
	h.keys("enter", "y", "enter")
	h.typ("12345")
	for _, k := range []string{"inst", "cat", "email"} {
		h.visitScreen().Editor().Fields().FocusKey(k)
		switch k {
		case "inst":
			h.typ("SMA Negeri 1 Manggar")
		case "cat":
			h.keys("l", "l", "l")
		case "email":
			h.typ("andi@example.com")
		}
	}
	h.keys("ctrl+s")
	h.until("error", func() bool { return h.m.errLine != "" })
	h.sees("✗ NIK harus 16 angka", "12345", "isian belum benar")
	// The field with the error has the focus; the officer corrects it.
	if f := h.visitScreen().Editor().Fields().Cur(); f.Key != "idno" {
		t.Fatalf("focus on %q, want the ID number", f.Key)
	}
	h.keys("backspace")
	// Changing the field clears its mark and the error line, which would
	// otherwise keep blaming the corrected value until the next save.
	h.until("the error line cleared", func() bool { return h.m.errLine == "" })
	if f := h.visitScreen().Editor().Fields().Cur(); f.Err != "" {
		t.Fatalf("field still marked: %q", f.Err)
	}
	h.keys("backspace", "backspace", "backspace", "backspace")
	h.typ("1906011001800002")
	h.keys("ctrl+s")
	h.until("error", func() bool { return h.m.errLine != "" && !strings.Contains(h.m.errLine, "NIK") })
	h.sees("Jenis kelamin", "Andi", "1906011001800002")
}

func TestGuestLookupOffersAndDropsStale(t *testing.T) {
	h := newHarness(t, 80, 24)
	seedReturning(h, siti, "Komersial")
	h.keys("n")
	h.atStep(store.StepPurpose)
	h.keys("k", "enter")
	h.atStep(store.StepGuestBook)
	ed := h.visitScreen().Editor().(*visit.GuestEd)
	h.typ("Si")
	h.waitSee("Siti Aminah · CV Maju Bersama · si***@example.com")
	// A late answer to an older lookup does not replace the newer one.
	old := ed.Seq - 1
	ed.HandleMsg(visit.VisitorsFoundMsg{Seq: old, Visitors: nil})
	h.sees("Siti Aminah · CV Maju Bersama")
	// esc closes the list first; the visit stays open.
	h.keys("esc")
	if h.m.id != frame.ScreenVisit || ed.Popup() {
		t.Fatalf("esc with the list open left the visit or kept the list")
	}
	h.typ("t")
	h.waitSee("Siti Aminah · CV Maju Bersama")
	h.keys("down", "enter")
	h.sees("Pengunjung lama: Siti Aminah", "1906015203990001", "Pegawai Swasta")
	if ed.VisitorID == "" {
		t.Fatalf("choosing the visitor did not keep their ID")
	}
	h.keys("ctrl+s")
	h.atStep(store.StepRequest)
}

func TestRequestLinesQuoteAndTotal(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.walk(kindPaidPub, store.StepGuestBook)
	h.sees("Produk 1", "isi jumlah halaman untuk menghitung tarif", "Total: Rp0 · 1 produk")
	if strings.Contains(h.screen(), "Surat permohonan ada?") {
		t.Fatalf("the Rp0 question shows for a private visitor")
	}
	h.sees("› Judul") // the code has its default: the form opens on the title
	h.typ("Statistik Daerah 2026")
	h.keys("enter")
	h.typ("120")
	h.sees("Rp80.000", "50 halaman pertama: Rp50.000", "Total: Rp80.000 · 1 produk")
	// A second line: processed microdata, 2 MB.
	h.keys("ctrl+t")
	h.sees("Produk 2")
	h.keys("d", "d", "enter")
	h.typ("Tabulasi Sakernas menurut kecamatan")
	h.keys("enter")
	h.typ("2000000")
	h.sees("Ukuran berkas", "Rp44.000", "Total: Rp124.000 · 2 produk")
	// The same size with a unit, as the visitor says it.
	for range len("2000000") {
		h.keys("backspace")
	}
	h.typ("2 MB")
	h.sees("Rp44.000", "Total: Rp124.000 · 2 produk")
	h.typ("x")
	h.sees("isi ukuran berkas, misalnya 25 MB")
	h.keys("backspace")
	h.keys("ctrl+r")
	h.sees("Total: Rp80.000 · 1 produk")
	h.keys("ctrl+s")
	h.atStep(store.StepAvailable)
	v := h.visit()
	if len(v.Items) != 1 || v.Total != 80000 || v.Items[0].Pages != 120 {
		t.Fatalf("items %+v total %d", v.Items, v.Total)
	}
}

func TestAvailabilityNoneEndsBatal(t *testing.T) {
	h := newHarness(t, 80, 24)
	id := h.walk(kindPaidPub, store.StepRequest)
	h.sees("Apakah produk tersedia?", "Produk 1", "PUB-EL · Belitung Timur Dalam Angka 2026 · 120", "Rp80.000")
	h.keys("t", "enter")
	h.waitSee("Kunjungan A-001: Batal (produk tidak tersedia)")
	if v := h.stored(id); v.Status != store.VisitCanceled {
		t.Fatalf("status %s", v.Status)
	}
	h.keys("enter")
	h.atHome()
}

func TestTermsShowQuoteBasisAndDocuments(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.walk(kindMicrodata, store.StepAvailable)
	h.sees("Total: Rp100.000", "abstraksi penggunaan data", "Data mikro tanpa proses (per dataset): Rp100.000")
	h.keys("down", "down", "down", "down", "down", "down")
	h.sees("1.000.000 byte pertama: Rp20.000", "4.000 × 1.000 byte berikutnya: Rp80.000", "Dasar: Peraturan Pemerintah Nomor 13")
	// The schedule's note for the office is not read out to the visitor.
	h.keys("down", "down", "down", "down", "down", "down")
	if strings.Contains(h.screen(), "belum dipastikan") {
		t.Errorf("step 6 shows the office's note on the schedule:\n%s", h.screen())
	}
	h.keys("enter")
	h.atStep(store.StepAgreement)
}

func TestAgreementRefusedEndsBatal(t *testing.T) {
	h := newHarness(t, 80, 24)
	id := h.walk(kindPaidPub, store.StepTerms)
	h.keys("enter")
	h.sees("pilih Ya atau Tidak")
	h.keys("t") // Tidak shows the reason and moves to it
	h.sees("› Alasan")
	h.keys("enter")
	h.until("error", func() bool { return h.m.errLine != "" })
	h.sees("Alasan: wajib diisi")
	h.typ("Tarif melebihi anggaran")
	h.keys("enter")
	h.waitSee("Batal (tidak menyetujui ketentuan PNBP:")
	if v := h.stored(id); v.Status != store.VisitCanceled {
		t.Fatalf("status %s", v.Status)
	}
}

func TestDocumentMismatchRefersToConsultation(t *testing.T) {
	h := newHarness(t, 80, 24)
	id := h.walk(kindMicrodata, store.StepAgreement)
	h.sees("Diminta (produk 1): r101, r102", "Abstraksi: diterima; variabel: r101, r102")
	h.keys("t") // Tidak moves on to the note
	h.sees("› Catatan pemeriksaan")
	h.typ("Variabel r105 tidak ada di abstraksi")
	h.keys("enter")
	h.waitSee("Dirujuk ke konsultasi")
	if v := h.stored(id); v.Status != store.VisitReferred {
		t.Fatalf("status %s", v.Status)
	}
}

func TestInvoiceRequiresSPPDForMicrodata(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.walk(kindMicrodata, store.StepDocCheck)
	h.sees("Invoice: nomor diterbitkan saat langkah ini disimpan", "Contoh data mikro diberikan", "Formulir SPPD diserahkan")
	h.keys("y", "t") // sample given, moving on; Tidak on the last field waits for enter
	if v := h.visit(); v.Step(store.StepInvoice).State == store.StateDone {
		t.Fatalf("a Tidak on the last field saved the step")
	}
	h.keys("enter")
	h.until("refusal", func() bool { return h.m.errLine != "" })
	h.sees("✗ Dokumen perjanjian (SPPD) wajib diserahkan")
	h.keys("y") // Ya on the last field saves, as enter would
	h.atStep(store.StepPrepare)
	h.sees("Invoice INV/1906/A/2026/11/0001 diterbitkan: Rp100.000")
	if h.m.errLine != "" {
		t.Fatalf("error line kept after the save: %q", h.m.errLine)
	}
}

func TestCashAmountMustMatchAndInputIsKept(t *testing.T) {
	h := newHarness(t, 80, 24)
	id := h.walk(kindPaidPub, store.StepPrepare)
	h.sees("Tagihan: Rp80.000", "Cara bayar", "[Tunai]", "80.000 (pas sebesar tagihan)", "Siti Aminah")
	h.keys("enter")
	h.typ("50000") // replaces the proposed bill instead of adding to it
	h.keys("enter")
	h.typ(" (CV Maju Bersama)")
	h.keys("enter")
	h.sees("kurang Rp30.000 dari tagihan", "50000", "Siti Aminah (CV Maju")
	if v := h.stored(id); v.Payment != nil {
		t.Fatalf("paid short: %+v", v.Payment)
	}
	// More than the bill: the bill is recorded and the change is said.
	h.keys("backspace", "backspace", "backspace", "backspace", "backspace")
	h.typ("100.000")
	h.keys("ctrl+s")
	h.atStep(store.StepHandover)
	h.until("the change", func() bool { return strings.Contains(h.m.notice, "kembalian Rp20.000 untuk pengunjung") })
	v := h.stored(id)
	if v.Payment == nil || v.Payment.Payer != "Siti Aminah (CV Maju Bersama)" || v.Payment.Amount != 80_000 {
		t.Fatalf("payment %+v", v.Payment)
	}
	// Paid: the visit can no longer be cancelled; ctrl+x is not offered.
	if strings.Contains(h.screen(), "ctrl+x") {
		t.Fatalf("ctrl+x offered on a paid visit:\n%s", h.screen())
	}
}

func TestExpiredBillingCodeIsReplaced(t *testing.T) {
	h := newHarness(t, 80, 24)
	id := h.walk(kindPaidPub, store.StepPrepare)
	h.keys("b", "enter", "enter")
	h.typ("820261126000009")
	h.keys("enter")
	h.atHome()
	h.clk.Add(8 * 24 * time.Hour)
	h.update(frame.TickMsg{Gen: h.m.tickGen})
	h.settle()
	h.waitSee("kedaluwarsa: buat kode baru")
	h.keys("enter")
	h.atStep(store.StepPayment)
	h.sees("KEDALUWARSA", "[Ganti kode billing]")
	h.keys("enter", "enter")
	h.typ("820261204000010")
	h.keys("enter")
	h.atHome()
	v := h.stored(id)
	if len(v.Billing) != 2 || store.BillingState(v.Billing[0].Status) != store.BillingExpired || v.ActiveBilling().Code != "820261204000010" {
		t.Fatalf("billing %+v", v.Billing)
	}
}

func TestCheckReceiptFaultOnlyWhenPaid(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.walk(kindZero, store.StepHandover)
	h.sees("[Sesuai]", "Produk perlu perbaikan")
	if strings.Contains(h.screen(), "Kuitansi perlu perbaikan") {
		t.Fatalf("a receipt fault is offered on a visit without payment")
	}
}

func TestRatingScoresAdvanceAndDecline(t *testing.T) {
	h := newHarness(t, 80, 24)
	id := h.walk(kindPaidPub, store.StepCheck)
	h.sees("U1", "Persyaratan", "U8", "Penanganan pengaduan, saran dan masukan", "1–4 nilai", "t tolak survei")
	h.keys("4", "3", "2")
	ed := h.visitScreen().Editor().(*visit.RatingEd)
	if ed.F.Val("u3") != "2" || ed.F.Cur().Key != "u4" {
		t.Fatalf("after three scores: u3=%q focus %q", ed.F.Val("u3"), ed.F.Cur().Key)
	}
	// Saving with unsur missing: the store names each, the first focused.
	h.keys("ctrl+s")
	h.until("refusal", func() bool { return h.m.errLine != "" })
	h.sees("6 isian belum benar", "✗ nilai harus 1, 2, 3 atau 4")
	if ed.F.Get("u4").Err != "nilai harus 1, 2, 3 atau 4" || ed.F.Get("u9").Err == "" || ed.F.Cur().Key != "u4" {
		t.Fatalf("after the refusal: u4 %q, u9 %q, focus %q", ed.F.Get("u4").Err, ed.F.Get("u9").Err, ed.F.Cur().Key)
	}
	h.keys("t")
	h.sees("Pengguna layanan tidak bersedia mengisi SKM.")
	h.typ("Antrean perlu nomor")
	h.keys("enter")
	h.atStep(store.StepFinish)
	if v := h.stored(id); v.Rating == nil || !v.Rating.Declined || v.Rating.Saran != "Antrean perlu nomor" {
		t.Fatalf("rating %+v", v.Rating)
	}
}

func TestFinishShowsServiceTimeAgainstStandard(t *testing.T) {
	h := newHarness(t, 80, 24)
	id := h.walk(kindPaidPub, store.StepRating)
	h.clk.Add(6 * time.Minute)
	h.update(frame.TickMsg{Gen: h.m.tickGen})
	h.sees("Waktu layanan: 06:00 — melewati standar 5 menit", "Tekan enter untuk menyelesaikan kunjungan.")
	h.keys("enter")
	h.waitSee("Kunjungan A-001: Selesai")
	if v := h.stored(id); v.Status != store.VisitDone {
		t.Fatalf("status %s", v.Status)
	}
	if h.m.ticking {
		t.Fatalf("the clock of a finished visit still ticks")
	}
}

func TestServiceClockColours(t *testing.T) {
	h := newVisitAt(t, 80, 24)
	vs := h.visitScreen()
	st := h.m.c.Styles
	for _, c := range []struct {
		after time.Duration
		want  string
	}{{time.Minute, st.OK.Render("Waktu layanan 01:00 / 05:00")},
		{3 * time.Minute, st.Warn.Render("Waktu layanan 04:00 / 05:00")},
		{time.Minute, st.Err.Render("Waktu layanan 05:00 / 05:00")}} {
		h.clk.Add(c.after)
		if got := vs.Status(); got != c.want {
			t.Errorf("after %s: %q, want %q", c.after, got, c.want)
		}
	}
}

func TestNotApplicableStepsShowTheirReason(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.walk(kindZero, store.StepDocCheck)
	h.keys("pgup")
	h.sees("Langkah 9/16", "Tidak berlaku untuk kunjungan ini: total Rp0", "tidak ada invoice")
	h.keys("pgdown", "pgdown")
	h.sees("Langkah 11/16", "Tidak berlaku untuk kunjungan ini: tarif nol rupiah: tidak", "enter ke langkah 10")
	h.keys("pgdown")
	h.sees("Langkah 12/16", "Tidak berlaku untuk kunjungan ini: tanpa data mikro atau")
	h.keys("enter")
	h.atStep(store.StepPrepare)
}

func TestEscSuspendsAndCtrlCSuspendsBeforeQuitting(t *testing.T) {
	h := newVisitAt(t, 80, 24)
	id := h.visit().ID
	h.keys("esc")
	h.atHome()
	h.sees("Kunjungan A-001 ditunda", "2 Maksud (ditunda)")
	if !h.stored(id).Suspended() {
		t.Fatalf("esc did not suspend")
	}
	h.keys("enter")
	h.atStep(store.StepPurpose)
	if h.stored(id).Suspended() {
		t.Fatalf("opening did not resume")
	}
	h.update(keyMsg("ctrl+c"))
	h.settle()
	if !h.quit || !h.stored(id).Suspended() {
		t.Fatalf("ctrl+c: quit %v suspended %v", h.quit, h.stored(id).Suspended())
	}
}

func TestCancelDialogEscKeepsVisit(t *testing.T) {
	h := newVisitAt(t, 80, 24)
	h.keys("ctrl+x")
	h.waitSee("Alasan pembatalan kunjungan A-001")
	h.sees("enter batalkan kunjungan", "esc tutup")
	h.keys("esc")
	h.sees("Maksud kunjungan")
	h.keys("ctrl+x")
	h.keys("enter")
	h.until("refusal", func() bool { return h.m.errLine != "" })
	h.sees("Alasan pembatalan: wajib diisi")
	if h.m.id != frame.ScreenVisit {
		t.Fatalf("left the visit after a refused cancel")
	}
}

// TestEveryScreenFits walks every step of the three kinds of visit at
// several sizes: no line is wider than the terminal and none is cut.
func TestEveryScreenFits(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}, {120, 35}} {
		for _, kind := range []int{kindPaidPub, kindMicrodata, kindZero} {
			h := newHarness(t, size[0], size[1])
			h.walk(kind, store.StepRating)
			for n := store.NumSteps; n >= 1; n-- {
				vs := h.visitScreen()
				vs.SelectStep(n)
				h.update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				checkFits(t, h, size[0], size[1])
			}
		}
	}
	h := newHarness(t, 80, 24)
	checkFits(t, h, 80, 24)
	for _, size := range [][2]int{{120, 35}, {81, 25}, {80, 24}} {
		h.update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		checkFits(t, h, size[0], size[1])
	}
}

func checkFits(t *testing.T, h *harness, w, ht int) {
	t.Helper()
	lines := strings.Split(h.m.View().Content, "\n")
	if len(lines) != ht {
		t.Fatalf("%d lines at %dx%d:\n%s", len(lines), w, ht, h.screen())
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > w {
			t.Fatalf("line wider than %d: %q", w, ansi.Strip(l))
		}
		if strings.Contains(ansi.Strip(l), "…") && !strings.Contains(ansi.Strip(l), "08… atau") {
			t.Errorf("cut text at %dx%d: %q", w, ht, ansi.Strip(l))
		}
	}
}

func TestLightBackground(t *testing.T) {
	h := newVisitAt(t, 80, 24)
	if !h.m.c.Styles.Dark {
		t.Fatalf("not dark before the terminal answers")
	}
	h.update(tea.BackgroundColorMsg{Color: lightWhite{}})
	if h.m.c.Styles.Dark {
		t.Fatalf("still dark on a white background")
	}
	h.sees("Maksud kunjungan")
}

type lightWhite struct{}

func (lightWhite) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

func TestPrintInvoiceAndKuitansi(t *testing.T) {
	h := newHarness(t, 80, 24)
	dir := t.TempDir()
	o, err := h.s.Office(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	o.ExportDir = dir
	if err := h.s.UpdateOffice(h.ctx, h.m.c.Officer.ID, o); err != nil {
		t.Fatal(err)
	}
	id := h.walk(kindPaidPub, store.StepInvoice)
	h.sees("ctrl+p cetak invoice")
	h.keys("ctrl+p")
	h.waitSee("Invoice tersimpan untuk dicetak")
	want := filepath.Join(dir, "invoice-INV-1906-A-2026-11-0001.xlsx")
	if _, err := os.Stat(want); err != nil {
		t.Fatalf("no invoice file: %v", err)
	}
	if v := h.stored(id); v.ActiveInvoice(store.KindInvoice).Printed != 1 {
		t.Fatalf("print not counted: %+v", v.ActiveInvoice(store.KindInvoice))
	}
	h.keys("enter") // step 10
	h.atStep(store.StepPayment)
	h.keys("ctrl+s")
	h.atStep(store.StepHandover)
	h.sees("ctrl+p cetak kuitansi")
	h.keys("ctrl+p")
	h.waitSee("Kuitansi tersimpan untuk dicetak")
	if _, err := os.Stat(filepath.Join(dir, "kuitansi-KW-1906-A-2026-11-0001.xlsx")); err != nil {
		t.Fatalf("no kuitansi file: %v", err)
	}
}

func TestFullHelpAndDisabledKeys(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.sees("n kunjungan baru", "? bantuan", "q keluar")
	// Each peripheral key is offered and opens its screen; esc returns.
	for _, p := range []struct {
		key string
		id  frame.ScreenID
	}{{"/", frame.ScreenSearch}, {"p", frame.ScreenComplaints}, {"t", frame.ScreenTariff}, {"e", frame.ScreenEndOfDay}, {"s", frame.ScreenSettings}} {
		offered := strings.Contains(h.screen(), " "+p.key+" ")
		h.keys(p.key)
		if !offered || h.m.id != p.id {
			t.Fatalf("key %s: offered %v, screen %d, want %d", p.key, offered, h.m.id, p.id)
		}
		h.keys("esc")
		if h.m.id != frame.ScreenHome {
			t.Fatalf("esc from the screen of %s left it on %d", p.key, h.m.id)
		}
	}
	h.keys("?")
	h.sees("Semua tombol di layar ini", "kunjungan baru", "ctrl+c")
	h.dump("bantuan-beranda")
	h.keys("esc")
	h.sees("Kunjungan berjalan")
	h.keys("n")
	h.atStep(store.StepPurpose)
	h.keys("f1")
	h.sees("Semua tombol di layar ini", "simpan", "tunda ke Beranda", "batalkan")
	h.dump("bantuan-kunjungan")
	// The key column is as wide as its longest key: none is cut.
	h.sees("shift+tab / ↑", "← / → / spasi")
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, "…") {
			t.Errorf("cut in the full help: %q", l)
		}
	}
	// While the full help shows, keys do nothing else.
	h.keys("enter")
	h.sees("Semua tombol di layar ini")
	h.keys("f1")
	h.sees("Maksud kunjungan")
}

// A returning visitor comes up highlighted (enter takes them) only when
// the Nama or NIK field holds exactly one person's NIK, phone or email;
// the same email typed into the Email field of someone else's entry, or a
// part of a number, is only offered.
func TestGuestLookupHighlightsOnlyAnExactIdentity(t *testing.T) {
	h := newHarness(t, 80, 24)
	seedReturning(h, siti, "Komersial")
	h.keys("n")
	h.atStep(store.StepPurpose)
	h.keys("4")
	h.atStep(store.StepGuestBook)
	h.typ("0812-3456")
	h.waitSee("Siti Aminah · CV Maju Bersama")
	if strings.Contains(h.screen(), "enter ambil Siti") {
		t.Fatalf("a part of a phone number highlighted her:\n%s", h.screen())
	}
	h.typ("-7890")
	h.waitSee("enter ambil Siti Aminah")
	h.keys("enter")
	h.sees("Pengunjung lama: Siti Aminah", "CV Maju Bersama")
	if ed := h.visitScreen().Editor().(*visit.GuestEd); ed.VisitorID == "" {
		t.Fatalf("enter did not take the highlighted visitor")
	}

	// Another visitor who gives the same email: typed into Email, it is
	// offered but enter goes on to the next field.
	h.keys("esc")
	h.atHome()
	h.keys("n")
	h.atStep(store.StepPurpose)
	h.keys("4")
	h.atStep(store.StepGuestBook)
	h.typ("Rudi Hartono")
	h.visitScreen().Editor().Fields().FocusKey("email")
	h.typ("siti@example.com")
	h.waitSee("Siti Aminah · CV Maju Bersama")
	if strings.Contains(h.screen(), "enter ambil Siti") {
		t.Fatalf("an email typed in the Email field highlighted her:\n%s", h.screen())
	}
	h.keys("enter")
	if f := h.visitScreen().Editor().Fields().Cur(); f.Key != "phone" || strings.Contains(h.screen(), "Pengunjung lama: Siti") {
		t.Fatalf("enter on the Email field went to %q / took her:\n%s", f.Key, h.screen())
	}
}
