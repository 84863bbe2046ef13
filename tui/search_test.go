package tui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"loket/store"
	"loket/store/valid"
	"loket/tui/frame"
	"loket/tui/search"
	"loket/tui/visit"
)

// Update/View tests of the search screen and the visitor's record.

// searchPaidVisit records Siti's paid visit (e-publication, Rp80.000,
// cash) through the store and returns to Beranda; it returns the visit.
func searchPaidVisit(t *testing.T, h *harness) *store.Visit {
	t.Helper()
	id := h.walk(kindPaidPub, store.StepPayment)
	h.update(frame.NavigateMsg{To: frame.ScreenHome})
	h.atHome()
	v := h.stored(id)
	if v.Payment == nil || len(v.Invoices) == 0 || v.VisitorID == "" {
		t.Fatalf("seed visit: payment %v, invoices %d, visitor %q", v.Payment, len(v.Invoices), v.VisitorID)
	}
	return v
}

// searchOpen goes from Beranda to the search screen.
func searchOpen(h *harness) *search.Screen {
	h.t.Helper()
	h.keys("/")
	s, ok := h.m.screen.(*search.Screen)
	if !ok {
		h.t.Fatalf("/ on Beranda did not open Cari:\n%s", h.screen())
	}
	return s
}

// searchFor replaces the field's text and waits for the answer.
func searchFor(h *harness, s *search.Screen, q string) {
	h.t.Helper()
	h.keys("ctrl+u")
	h.typ(q)
	h.until("hasil "+q, func() bool { return !s.Pending && s.Query == strings.TrimSpace(q) })
}

// searchRecordOf opens Siti's record from the results.
func searchRecordOf(t *testing.T, h *harness, s *search.Screen) {
	t.Helper()
	searchFor(h, s, "aminah")
	if s.People != 1 || s.Cursor != 0 {
		t.Fatalf("want Siti as the first row, people %d cursor %d:\n%s", s.People, s.Cursor, h.screen())
	}
	h.keys("enter")
	h.until("data pengunjung", func() bool { return s.Mode == search.SearchModeRecord && s.Rec.Loaded && len(s.Rec.Visits) > 0 })
}

// searchHold presses a key and returns the command it started without
// running it: the store's answer arrives when the test says.
func searchHold(h *harness, k string) tea.Cmd {
	h.t.Helper()
	_, cmd := h.m.Update(keyMsg(k))
	if cmd == nil {
		h.t.Fatalf("%s started nothing", k)
	}
	return cmd
}

// searchRelease delivers a held command's answer.
func searchRelease(h *harness, cmd tea.Cmd) {
	h.dispatch(cmd())
	h.settle()
}

// searchToPhone opens the correction form and replaces the phone number.
func searchToPhone(t *testing.T, h *harness, s *search.Screen, phone string) {
	t.Helper()
	h.keys("ctrl+e")
	for range 10 { // name … email, to the phone
		h.keys("tab")
	}
	if fl := s.Rec.Form.Cur(); fl.Key != "phone" {
		t.Fatalf("focused %q, want phone", fl.Key)
	}
	h.keys("ctrl+u")
	h.typ(phone)
}

func searchAudit(t *testing.T, h *harness, id string) []store.AuditEntry {
	t.Helper()
	a, err := h.s.Audit(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestSearchFindsByNameIDNumberAndInvoice(t *testing.T) {
	h := newHarness(t, 80, 24)
	v := searchPaidVisit(t, h)
	s := searchOpen(h)
	h.sees("Cari ›", "Ketik paling sedikit 2 huruf")

	searchFor(h, s, "amin") // a word of the name, by its prefix
	h.sees("Pengunjung (1)", "Siti Aminah · KTP "+valid.MaskID(siti.IDNumber), "Kunjungan (1)", v.Queue())
	if strings.Contains(h.screen(), siti.IDNumber) {
		t.Fatalf("results show the whole ID number:\n%s", h.screen())
	}

	searchFor(h, s, siti.IDNumber)
	h.sees("Pengunjung (1)", "Siti Aminah")

	inv := v.Invoices[0].Number
	searchFor(h, s, strings.ToLower(inv))
	h.sees("Kunjungan (1)", v.Queue()+"  26-11-2026  Berjalan   Siti Aminah", "Invoice "+inv)
	if s.People != 0 || len(s.Rows) != 1 || s.Rows[0].Hit.VisitID != v.ID {
		t.Fatalf("invoice search rows %+v", s.Rows)
	}

	searchFor(h, s, "zzzz")
	h.sees("Tidak ada yang cocok dengan “zzzz”.")
}

func TestSearchDropsStaleAnswers(t *testing.T) {
	h := newHarness(t, 80, 24)
	searchPaidVisit(t, h)
	s := searchOpen(h)
	searchFor(h, s, "siti")
	if len(s.Rows) == 0 {
		t.Fatalf("no rows:\n%s", h.screen())
	}
	// An answer to an older query lands after the newer one: ignored.
	h.update(search.SearchResultsMsg{Seq: s.Seq - 1, Query: "si"})
	if s.Query != "siti" || len(s.Rows) == 0 {
		t.Fatalf("stale answer replaced the results: query %q rows %d", s.Query, len(s.Rows))
	}
}

func TestSearchOpensVisit(t *testing.T) {
	h := newHarness(t, 80, 24)
	v := searchPaidVisit(t, h)
	s := searchOpen(h)
	searchFor(h, s, "siti")
	h.keys("down") // past the visitor, onto the visit
	h.sees("enter buka kunjungan")
	h.keys("enter")
	if vs := h.visitScreen(); vs.Id != v.ID {
		t.Fatalf("opened visit %q, want %q", vs.Id, v.ID)
	}
	h.until("kunjungan dimuat", func() bool { return h.visitScreen().V != nil })
}

func TestSearchOpensFinishedVisitReadOnly(t *testing.T) {
	h := newHarness(t, 80, 24)
	id := h.walk(kindPaidPub, store.StepRating)
	if err := h.s.Finish(context.Background(), h.m.c.Actor(), id); err != nil {
		t.Fatal(err)
	}
	h.update(frame.NavigateMsg{To: frame.ScreenHome})
	h.atHome()
	v := h.stored(id)
	s := searchOpen(h)
	searchFor(h, s, v.Invoices[0].Number)
	h.sees("Selesai")
	h.keys("enter")
	h.until("kunjungan selesai", func() bool {
		vs, ok := h.m.screen.(*visit.Screen)
		return ok && vs.V != nil
	})
	h.sees("Kunjungan "+v.Queue()+": Selesai", "kembali ke Cari")
	if h.visitScreen().Typing() {
		t.Fatal("a finished visit has a focused field")
	}
	// enter on a finished visit goes back where it was opened, too.
	h.keys("enter")
	h.until("Cari", func() bool { return h.m.screen == frame.Screen(s) })
}

func TestSearchCorrectsPhone(t *testing.T) {
	h := newHarness(t, 80, 24)
	v := searchPaidVisit(t, h)
	s := searchOpen(h)
	searchRecordOf(t, h, s)
	h.sees("Siti Aminah", "1 kunjungan", "Nomor identitas", valid.MaskID(siti.IDNumber), "(disamarkan)",
		"siti@example.com", "Kunjungan (1)", v.Queue(), "ctrl+e ubah data")
	if strings.Contains(h.screen(), siti.IDNumber) {
		t.Fatalf("record shows the whole ID number before ctrl+r:\n%s", h.screen())
	}

	// Revealing the number is explicit and audited.
	h.keys("ctrl+r")
	h.sees(siti.IDNumber)
	found := false
	for _, a := range searchAudit(t, h, v.VisitorID) {
		found = found || a.Action == "tampil_nomor_identitas"
	}
	if !found {
		t.Fatal("revealing the ID number left no audit row")
	}
	h.keys("ctrl+r")
	if strings.Contains(h.screen(), siti.IDNumber) {
		t.Fatal("ctrl+r again did not mask the number")
	}

	before := len(searchAudit(t, h, v.VisitorID))
	h.keys("ctrl+e")
	h.sees("Ubah data pengunjung", "Nomor HP", "ctrl+r tampilkan no. ID")
	if strings.Contains(h.screen(), siti.IDNumber) {
		t.Fatalf("form shows the whole ID number before ctrl+r:\n%s", h.screen())
	}
	h.keys("ctrl+r")
	h.sees(siti.IDNumber, "ctrl+r samarkan no. ID")
	for range 10 { // name … email, to the phone
		h.keys("tab")
	}
	if fl := s.Rec.Form.Cur(); fl.Key != "phone" {
		t.Fatalf("focused %q, want phone", fl.Key)
	}
	h.keys("ctrl+u")
	h.typ("0813 9999 8888")
	h.keys("ctrl+s")
	h.until("kembali ke data", func() bool { return s.Mode == search.SearchModeRecord && !s.Rec.Saving })
	h.sees("Data pengunjung diperbarui")

	p, err := h.s.Visitor(context.Background(), v.VisitorID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Guest.Phone != "+6281399998888" {
		t.Fatalf("phone %q", p.Guest.Phone)
	}
	h.waitSee("+6281399998888")
	var changed []string
	for _, a := range searchAudit(t, h, v.VisitorID)[before:] {
		if a.Action == "ubah" {
			changed = append(changed, a.Field)
			if !a.Personal || a.Old != "" || a.New != "" {
				t.Fatalf("personal change audited with values: %+v", a)
			}
		}
	}
	if strings.Join(changed, ",") != "phone" {
		t.Fatalf("audited changes %v, want phone only", changed)
	}
	// The past visit keeps what was true then.
	if got := h.stored(v.ID).Guest.Phone; got != "+6281234567890" {
		t.Fatalf("visit snapshot phone %q", got)
	}
}

func TestSearchBadEmailIsRefused(t *testing.T) {
	h := newHarness(t, 80, 24)
	v := searchPaidVisit(t, h)
	s := searchOpen(h)
	searchRecordOf(t, h, s)
	before := len(searchAudit(t, h, v.VisitorID))
	h.keys("ctrl+e")
	for range 9 { // to the email
		h.keys("tab")
	}
	h.keys("ctrl+u")
	h.typ("siti.example.com")
	h.keys("ctrl+s")
	h.until("penolakan", func() bool { return !s.Rec.Saving })
	h.sees("Email: harus berisi @", "✗ harus berisi @")
	if s.Mode != search.SearchModeEdit || s.Rec.Form.Val("email") != "siti.example.com" || s.Rec.Form.Cur().Key != "email" {
		t.Fatalf("form not kept on the email: mode %v email %q", s.Mode, s.Rec.Form.Val("email"))
	}
	p, err := h.s.Visitor(context.Background(), v.VisitorID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Guest.Email != "siti@example.com" {
		t.Fatalf("email saved: %q", p.Guest.Email)
	}
	if n := len(searchAudit(t, h, v.VisitorID)); n != before {
		t.Fatalf("audit grew from %d to %d on a refused save", before, n)
	}
	// esc drops the correction and shows the record as it is.
	h.keys("esc")
	if s.Mode != search.SearchModeRecord {
		t.Fatalf("esc left mode %v", s.Mode)
	}
	h.sees("siti@example.com")
}

func TestSearchErasesAfterConfirmation(t *testing.T) {
	h := newHarness(t, 80, 24)
	v := searchPaidVisit(t, h)
	s := searchOpen(h)
	searchRecordOf(t, h, s)

	h.keys("ctrl+d")
	h.sees("Hapus data pribadi pengunjung?", "Data pribadi dihapus (dianonimkan); kunjungan dan pembayaran tetap",
		"Ketik HAPUS lalu enter", "esc batal")
	h.typ("ya")
	h.keys("enter")
	h.sees("Ketik HAPUS untuk menghapus")
	if p, err := h.s.Visitor(context.Background(), v.VisitorID); err != nil {
		t.Fatal(err)
	} else if !p.ErasedAt.IsZero() {
		t.Fatal("erased without the confirmation word")
	}
	h.keys("ctrl+u")
	h.typ("hapus")
	h.keys("enter")
	h.until("penghapusan", func() bool { return s.Mode == search.SearchModeRecord && s.Rec.Person.ErasedAt.IsZero() == false })
	h.sees("Data pribadi dihapus (dianonimkan)", store.Erased, "dihapus atas permintaannya", "Kunjungan (1)", v.Queue())
	if k := s.Keys; k.Edit.Enabled() || k.Erase.Enabled() || k.Reveal.Enabled() {
		t.Fatal("edit, erase or reveal still enabled on an erased record")
	}

	p, err := h.s.Visitor(context.Background(), v.VisitorID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Guest.Name != store.Erased || p.Guest.IDNumber != "" || p.Guest.Email != "" || p.Guest.Phone != "" {
		t.Fatalf("visitor not anonymised: %+v", p.Guest)
	}
	after := h.stored(v.ID)
	if after.Payment == nil || after.Payment.Amount != v.Payment.Amount || after.Total != v.Total ||
		after.Invoices[0].Number != v.Invoices[0].Number {
		t.Fatalf("visit or payment changed: payment %+v total %d", after.Payment, after.Total)
	}
	if after.Guest.Name != store.Erased || after.Guest.IDNumber != "" {
		t.Fatalf("visit snapshot keeps the identity: %+v", after.Guest)
	}
	erased := false
	for _, a := range searchAudit(t, h, v.VisitorID) {
		erased = erased || a.Action == "hapus_data_pribadi"
	}
	if !erased {
		t.Fatal("erasure not audited")
	}
	// Back on the list the search runs again: the erased person is gone.
	h.keys("esc")
	h.until("hasil baru", func() bool { return !s.Pending && s.Mode == search.SearchModeList })
	h.sees("Tidak ada yang cocok dengan “aminah”.")
}

func TestSearchEscClosesDialogThenRecordThenScreen(t *testing.T) {
	h := newHarness(t, 80, 24)
	searchPaidVisit(t, h)
	s := searchOpen(h)
	searchRecordOf(t, h, s)
	h.keys("ctrl+d")
	h.sees("Hapus data pribadi pengunjung?")
	h.keys("esc")
	if s.Mode != search.SearchModeRecord {
		t.Fatalf("esc on the dialog: mode %v", s.Mode)
	}
	h.sees("Nomor identitas", "esc ke daftar hasil")
	h.keys("ctrl+e")
	h.keys("esc")
	if s.Mode != search.SearchModeRecord {
		t.Fatalf("esc on the form: mode %v", s.Mode)
	}
	h.keys("esc")
	if s.Mode != search.SearchModeList || h.m.id != frame.ScreenSearch {
		t.Fatalf("esc on the record: mode %v screen %v", s.Mode, h.m.id)
	}
	h.sees("Cari ›", "Pengunjung (1)")
	h.keys("esc")
	h.atHome()
}

func TestSearchTypingKeepsLetters(t *testing.T) {
	h := newHarness(t, 80, 24)
	searchPaidVisit(t, h)
	s := searchOpen(h)
	h.typ("q?")
	if h.quit || h.m.fullHelp || s.In.Value() != "q?" {
		t.Fatalf("single keys left the field: quit %v help %v value %q", h.quit, h.m.fullHelp, s.In.Value())
	}
}

func TestSearchRendersWithinSize(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 35}} {
		h := newHarness(t, sz[0], sz[1])
		searchPaidVisit(t, h)
		s := searchOpen(h)
		check := func(name string) {
			t.Helper()
			lines := strings.Split(h.screen(), "\n")
			if len(lines) != sz[1] {
				t.Fatalf("%dx%d %s: %d lines", sz[0], sz[1], name, len(lines))
			}
			for i, l := range lines {
				if frame.Width(l) > sz[0] {
					t.Fatalf("%dx%d %s: line %d is %d wide:\n%s", sz[0], sz[1], name, i, frame.Width(l), h.screen())
				}
				// The root cuts what is too wide with "…" at the edge.
				if tr := strings.TrimRight(l, " "); strings.HasSuffix(tr, "…") && frame.Width(tr) >= sz[0]-1 {
					t.Fatalf("%dx%d %s: line %d cut off:\n%s", sz[0], sz[1], name, i, h.screen())
				}
			}
			if !h.m.fullHelp {
				for i, l := range strings.Split(s.View(), "\n") {
					if frame.Width(l) > sz[0] {
						t.Fatalf("%dx%d %s: body line %d is %d wide", sz[0], sz[1], name, i, frame.Width(l))
					}
				}
			}
			h.dump("cari-" + name)
		}
		check("kosong")
		h.keys("f1")
		check("bantuan")
		h.keys("esc")
		searchFor(h, s, "siti")
		check("hasil")
		searchFor(h, s, "zzzz")
		check("tidak-ada")
		searchRecordOf(t, h, s)
		check("pengunjung")
		h.keys("ctrl+e")
		check("ubah")
		for range 11 {
			h.keys("tab")
		}
		check("ubah-npwp")
		h.keys("esc", "ctrl+d")
		check("hapus")
		h.keys("esc")
		// Resized while the record is shown.
		h.update(tea.WindowSizeMsg{Width: sz[0] + 7, Height: sz[1] + 3})
		lines := strings.Split(h.screen(), "\n")
		for i, l := range lines {
			if frame.Width(l) > sz[0]+7 {
				t.Fatalf("after resize line %d is %d wide", i, frame.Width(l))
			}
		}
	}
}

// An erasure that finishes after the officer pressed esc is not lost: esc
// waits for it, and the list no longer offers the person.
func TestSearchEscWaitsForErasure(t *testing.T) {
	h := newHarness(t, 80, 24)
	v := searchPaidVisit(t, h)
	s := searchOpen(h)
	searchRecordOf(t, h, s)
	h.keys("ctrl+d")
	h.typ("HAPUS")
	held := searchHold(h, "enter")
	h.sees("Menghapus… tunggu sebentar.")
	h.keys("esc", "esc")
	if s.Mode != search.SearchModeErase || s.Rec.Id != v.VisitorID {
		t.Fatalf("esc left the erasure on its way: mode %v record %q", s.Mode, s.Rec.Id)
	}
	searchRelease(h, held)
	h.until("data terhapus", func() bool { return s.Mode == search.SearchModeRecord && !s.Rec.Person.ErasedAt.IsZero() })
	h.sees("Data pribadi dihapus (dianonimkan)", "dihapus atas permintaannya")
	h.keys("esc")
	h.until("hasil baru", func() bool { return s.Mode == search.SearchModeList && !s.Pending })
	h.sees("Tidak ada yang cocok dengan “aminah”.")
}

// A change that lands after its record was left still refreshes the list
// and says so.
func TestSearchLateErasureRefreshesList(t *testing.T) {
	h := newHarness(t, 80, 24)
	v := searchPaidVisit(t, h)
	s := searchOpen(h)
	searchRecordOf(t, h, s)
	h.keys("esc")
	h.sees("Pengunjung (1)", "Siti Aminah")
	if err := h.s.EraseVisitor(context.Background(), h.m.c.Actor(), v.VisitorID); err != nil {
		t.Fatal(err)
	}
	h.update(search.SearchErasedMsg{Id: v.VisitorID, Op: s.Ops + 1})
	h.settle()
	h.waitSee("Tidak ada yang cocok dengan “aminah”.")
	h.sees("Data pribadi dihapus (dianonimkan)")
}

// esc while a correction is saving keeps the form, which takes no typing
// until the answer.
func TestSearchEscWaitsForSave(t *testing.T) {
	h := newHarness(t, 80, 24)
	v := searchPaidVisit(t, h)
	s := searchOpen(h)
	searchRecordOf(t, h, s)
	searchToPhone(t, h, s, "0813 9999 8888")
	held := searchHold(h, "ctrl+s")
	h.sees("menyimpan…")
	if k := s.Keys; k.Esc.Enabled() || k.Save.Enabled() {
		t.Fatal("esc or ctrl+s offered while saving")
	}
	h.keys("esc")
	h.typ("7")
	if s.Mode != search.SearchModeEdit || s.Rec.Form.Val("phone") != "0813 9999 8888" {
		t.Fatalf("while saving: mode %v phone %q", s.Mode, s.Rec.Form.Val("phone"))
	}
	searchRelease(h, held)
	h.until("kembali ke data", func() bool { return s.Mode == search.SearchModeRecord && !s.Rec.Saving })
	h.waitSee("+6281399998888")
	if p, err := h.s.Visitor(context.Background(), v.VisitorID); err != nil {
		t.Fatal(err)
	} else if p.Guest.Phone != "+6281399998888" {
		t.Fatalf("phone %q", p.Guest.Phone)
	}
}

// A save's answer never closes a form it did not submit: here an
// unrelated error freed the form, the officer left and began a new
// correction, then the first save's answer came.
func TestSearchLateSaveKeepsNewForm(t *testing.T) {
	h := newHarness(t, 80, 24)
	searchPaidVisit(t, h)
	s := searchOpen(h)
	searchRecordOf(t, h, s)
	searchToPhone(t, h, s, "0813 9999 8888")
	held := searchHold(h, "ctrl+s")
	h.update(frame.ErrMsg{Err: errors.New("uji")})
	h.keys("esc", "ctrl+e", "ctrl+u")
	h.typ("Siti Aminah Putri")
	searchRelease(h, held)
	if s.Mode != search.SearchModeEdit || s.Rec.Form == nil || s.Rec.Form.Val("name") != "Siti Aminah Putri" {
		t.Fatalf("late answer closed the new form: mode %v", s.Mode)
	}
	h.sees("Data pengunjung diperbarui")
	if !s.Stale {
		t.Fatal("the list is not searched again after the change")
	}
}

// The NPWP is masked like the ID number (an individual's NPWP is their
// NIK), in the record and the form, and the mask is never saved.
func TestSearchMasksNPWP(t *testing.T) {
	h := newHarness(t, 80, 24)
	v := searchPaidVisit(t, h)
	s := searchOpen(h)
	before, err := h.s.Visitor(context.Background(), v.VisitorID)
	if err != nil {
		t.Fatal(err)
	}
	npwp := before.Guest.NPWP
	if npwp == "" {
		t.Fatal("seed visitor has no NPWP")
	}
	searchRecordOf(t, h, s)
	h.sees("NPWP", valid.MaskID(npwp))
	if strings.Contains(h.screen(), npwp) {
		t.Fatalf("record shows the whole NPWP before ctrl+r:\n%s", h.screen())
	}
	h.keys("ctrl+r")
	h.sees(npwp)
	h.keys("ctrl+r")

	searchToPhone(t, h, s, "0813 9999 8888")
	h.keys("tab") // onto the NPWP
	if s.Rec.Form.Cur().Key != "npwp" {
		t.Fatalf("focused %q, want npwp", s.Rec.Form.Cur().Key)
	}
	h.sees("Disamarkan:", "menampilkannya (dicatat")
	if scr := h.screen(); strings.Contains(scr, npwp) || strings.Contains(scr, before.Guest.IDNumber) {
		t.Fatalf("form shows the whole NPWP or ID number before ctrl+r:\n%s", scr)
	}
	h.keys("ctrl+r")
	h.sees(npwp)
	h.keys("ctrl+r", "ctrl+s")
	h.until("kembali ke data", func() bool { return s.Mode == search.SearchModeRecord && !s.Rec.Saving })
	after, err := h.s.Visitor(context.Background(), v.VisitorID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Guest.NPWP != npwp || after.Guest.IDNumber != before.Guest.IDNumber || after.Guest.Phone != "+6281399998888" {
		t.Fatalf("saved NPWP %q ID %q phone %q", after.Guest.NPWP, after.Guest.IDNumber, after.Guest.Phone)
	}
}

// The selected row is highlighted to its end: no style inside it resets
// the reverse video after the status column.
func TestSearchSelectedRowKeepsHighlight(t *testing.T) {
	h := newHarness(t, 80, 24)
	v := searchPaidVisit(t, h)
	s := searchOpen(h)
	selected := func(where string) {
		t.Helper()
		for _, l := range strings.Split(s.View(), "\n") {
			if !strings.Contains(ansi.Strip(l), "› "+v.Queue()) {
				continue
			}
			body := strings.TrimRight(l, " ")
			resets := strings.Count(body, "\x1b[m") + strings.Count(body, "\x1b[0m")
			if resets != 1 || !(strings.HasSuffix(body, "\x1b[m") || strings.HasSuffix(body, "\x1b[0m")) {
				t.Fatalf("%s: the selected row resets its style before its end: %q", where, l)
			}
			return
		}
		t.Fatalf("%s: no selected row for %s:\n%s", where, v.Queue(), s.View())
	}
	searchFor(h, s, "siti")
	h.keys("down") // past the visitor, onto the visit
	selected("hasil")
	h.keys("up", "enter")
	h.until("data pengunjung", func() bool { return s.Mode == search.SearchModeRecord && s.Rec.Loaded })
	selected("data pengunjung")
}

// The correction form is the guest book's identity: the same fields,
// labels, options and hints as step 3 without the consent question; only
// the name's lookup hint and the category's hint differ.
func TestSearchFormMatchesGuestBook(t *testing.T) {
	h := newHarness(t, 80, 24)
	v := searchPaidVisit(t, h)
	s := searchOpen(h)
	searchRecordOf(t, h, s)
	h.keys("ctrl+r", "ctrl+e") // revealed: the hints carry no mask note
	book := visit.NewGuestEd(h.m.c, v).F
	var keys []string
	for _, fl := range book.Fields {
		if fl.Key != "consent" {
			keys = append(keys, fl.Key)
		}
	}
	var got []string
	for _, fl := range s.Rec.Form.Fields {
		got = append(got, fl.Key)
		want := book.Get(fl.Key)
		if want == nil {
			continue
		}
		if fl.Label != want.Label || fl.Kind != want.Kind || strings.Join(fl.Opts, "|") != strings.Join(want.Opts, "|") {
			t.Fatalf("%s: label %q kind %v opts %v, guest book %q %v %v", fl.Key, fl.Label, fl.Kind, fl.Opts, want.Label, want.Kind, want.Opts)
		}
		if fl.Key != "name" && fl.Key != "cat" && fl.Hint != want.Hint {
			t.Fatalf("%s: hint %q, guest book %q", fl.Key, fl.Hint, want.Hint)
		}
	}
	if strings.Join(got, ",") != strings.Join(keys, ",") {
		t.Fatalf("correction fields %v, guest book %v", got, keys)
	}
}

// Beside an export holding a snapshot, the erasure is still done: the
// screen says so, with the note that the old copy leaves the log when
// loket closes, instead of an error asking to save again.
func TestSearchErasureBesideAReader(t *testing.T) {
	h := newHarness(t, 80, 24)
	v := searchPaidVisit(t, h)
	s := searchOpen(h)
	searchRecordOf(t, h, s)

	ro, err := store.Open(context.Background(), h.path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	// A report is one read transaction: held open while the erasure runs.
	hold, hold2, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- ro.Report(context.Background(), "2026-11-26", "2026-11-26", func(r *store.Report) error {
			// The snapshot starts with the first read.
			if err := r.Visits(func(store.VisitRow) error { return nil }); err != nil {
				return err
			}
			close(hold)
			<-hold2
			return nil
		})
	}()
	<-hold

	h.keys("ctrl+d")
	h.typ("HAPUS")
	h.keys("enter")
	h.until("penghapusan", func() bool { return !s.Rec.Person.ErasedAt.IsZero() })
	h.until("the note", func() bool { return strings.Contains(h.m.notice, "salinan lamanya masih di berkas log") })
	if h.m.errLine != "" {
		t.Fatalf("error line after an erasure that was done: %q", h.m.errLine)
	}
	close(hold2)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if p, err := h.s.Visitor(context.Background(), v.VisitorID); err != nil || p.Guest.Name != store.Erased {
		t.Fatalf("not erased: %+v %v", p.Guest, err)
	}
}
