package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"loket/store"
	"loket/tui/frame"
)

// Step 14's receipt correction changes the name the kuitansi prints: the
// old number is void with the reason and keeps the name it printed, the new
// one prints the corrected name for the same amount. Before, the new
// kuitansi repeated the wrong name.
func TestReceiptCorrectionChangesPayer(t *testing.T) {
	h := newHarness(t, 80, 24)
	id := h.walk(kindPaidPub, store.StepHandover)
	old := *h.stored(id).ActiveInvoice(store.KindReceipt)
	h.keys("k")
	h.sees("[Kuitansi perlu perbaikan]", "jumlahnya tetap")
	h.keys("enter")
	h.typ("Nama wajib bayar harus CV Maju Bersama")
	h.keys("enter")
	h.sees("Nama wajib bayar", "Siti Aminah")
	if scr := h.screen(); strings.Contains(scr, "NTPN") || strings.Contains(scr, "NTB") {
		t.Fatalf("a cash payment's correction offers NTPN/NTB:\n%s", scr)
	}
	h.keys("ctrl+u")
	h.typ("CV Maju Bersama")
	h.keys("enter")
	h.until("the reissue", func() bool { return strings.Contains(h.m.notice, "dibatalkan; kuitansi baru") })
	v := h.stored(id)
	nw := v.ActiveInvoice(store.KindReceipt)
	if nw == nil || nw.Number == old.Number || nw.Payer != "CV Maju Bersama" || nw.Amount != old.Amount || v.Payment.Payer != "CV Maju Bersama" {
		t.Fatalf("new kuitansi %+v, payment %+v", nw, v.Payment)
	}
	for _, in := range v.Invoices {
		if in.Number == old.Number && (!in.Void() || in.Payer != "Siti Aminah" || !strings.Contains(in.VoidReason, "CV Maju Bersama")) {
			t.Fatalf("old kuitansi %+v: want void with the reason, printing Siti Aminah", in)
		}
	}
	if want := "Kuitansi " + old.Number + " dibatalkan; kuitansi baru " + nw.Number + " atas nama CV Maju Bersama, Rp80.000"; h.m.notice != want {
		t.Fatalf("notice %q, want %q", h.m.notice, want)
	}
	h.atStep(store.StepCheck)
	h.sees(nw.Number+" · Rp80.000 · CV Maju", "Perbaikan sebelumnya: 1")
}

// A bank payment's kode billing was issued by SIMPONI under the old name:
// the screen says it keeps it, before and after the correction.
func TestReceiptCorrectionBankKeepsBillingName(t *testing.T) {
	h := newHarness(t, 120, 35)
	id := bankPaidHandedOver(t, h)
	h.update(frame.NavigateMsg{To: frame.ScreenVisit, VisitID: id})
	h.settle()
	h.atStep(store.StepCheck)
	h.keys("k", "enter")
	h.typ("Atas nama kantor")
	h.keys("enter")
	h.sees("Kode billing 820261126000009 te", "atas nama Siti Aminah (diterbitkan")
	h.keys("ctrl+u")
	h.typ("CV Maju Bersama")
	h.keys("enter", "enter", "enter") // NTPN and NTB kept as paid
	h.until("the reissue", func() bool {
		return strings.Contains(h.m.notice, "kode billing 820261126000009 tetap atas nama Siti Aminah")
	})
	if v := h.stored(id); v.Billing[0].Payer != "Siti Aminah" || v.ActiveInvoice(store.KindReceipt).Payer != "CV Maju Bersama" {
		t.Fatalf("billing %+v kuitansi %+v", v.Billing[0], v.ActiveInvoice(store.KindReceipt))
	}
}

// A bank payment's NTPN and NTB, printed on the kuitansi, are offered
// prefilled at step 14 only with "Kuitansi perlu perbaikan"; a malformed
// NTPN is refused naming the field with nothing saved, a corrected one
// reaches the payment with a new kuitansi. Before, a typo made at step 11
// could not be corrected anywhere.
func TestReceiptCorrectionBankIdentifiers(t *testing.T) {
	h := newHarness(t, 80, 24)
	id := bankPaidHandedOver(t, h)
	old := *h.stored(id).ActiveInvoice(store.KindReceipt)
	h.update(frame.NavigateMsg{To: frame.ScreenVisit, VisitID: id})
	h.settle()
	h.atStep(store.StepCheck)
	h.keys("p") // Produk perlu perbaikan: nothing of the payment offered
	h.sees("[Produk perlu perbaikan]")
	if scr := h.screen(); strings.Contains(scr, "NTPN") {
		t.Fatalf("a product fault offers the NTPN:\n%s", scr)
	}
	h.keys("k")
	h.sees("[Kuitansi perlu perbaikan]")
	h.keys("enter")
	h.typ("NTPN salah ketik")
	h.keys("enter", "enter") // past the payer, kept
	h.sees("NTPN", "ABCD1234EFGH5678", "NTB", "BRI123456789")
	h.keys("ctrl+u")
	h.typ("ABCD1234")
	h.keys("ctrl+s")
	h.until("the refusal", func() bool { return strings.Contains(h.m.errLine, "NTPN: harus 16 huruf atau angka") })
	if v := h.stored(id); v.Payment.NTPN != "ABCD1234EFGH5678" || v.ActiveInvoice(store.KindReceipt).Number != old.Number || v.Corrections != 0 {
		t.Fatalf("a refused NTPN saved something: %+v", v.Payment)
	}
	h.keys("ctrl+u")
	h.typ("ABCD1234EFGH5679")
	h.keys("enter", "ctrl+u")
	h.typ("BRI987654321")
	h.keys("enter")
	h.until("the reissue", func() bool { return strings.Contains(h.m.notice, "dibatalkan; kuitansi baru") })
	v := h.stored(id)
	nw := v.ActiveInvoice(store.KindReceipt)
	if v.Payment.NTPN != "ABCD1234EFGH5679" || v.Payment.NTB != "BRI987654321" || nw == nil || nw.Number == old.Number || nw.Amount != old.Amount {
		t.Fatalf("payment %+v, kuitansi %+v", v.Payment, nw)
	}
}

// Step 11 after payment says one thing: the payment is not changed, and
// where the kuitansi's name is corrected; ctrl+s there gives the store's
// reason instead of nothing.
func TestPaidStep11SaysOnlyWhatIsTrue(t *testing.T) {
	h := newHarness(t, 80, 24)
	id := h.walk(kindPaidPub, store.StepHandover)
	h.keys("pgup", "pgup", "pgup")
	h.until("step 11", func() bool { return h.visitScreen().Sel == store.StepPayment })
	scr := h.screen()
	if strings.Contains(scr, "ubah isian") {
		t.Fatalf("step 11 offers a correction it refuses:\n%s", scr)
	}
	h.sees("tidak dapat diubah", "langkah 14")
	h.keys("ctrl+s")
	h.until("refusal", func() bool { return h.m.errLine != "" })
	if want := h.stored(id).PayRefusal().Error(); !strings.Contains(h.m.errLine, want) {
		t.Fatalf("error line %q, want the store's %q", h.m.errLine, want)
	}
}

// Keys the help names that cannot act now answer with the store's reason:
// ctrl+x on a paid visit and on a closed one, ctrl+s on a closed visit,
// ctrl+p before anything is issued. Before, each did nothing.
func TestRefusedKeysSayWhy(t *testing.T) {
	cases := []struct {
		name    string
		walk    int // kindPaidPub walked to this step
		key     string
		want    func(v *store.Visit) string
		onVisit bool // the screen stays on the visit
	}{
		{"ctrl+x paid", store.StepPayment, "ctrl+x", func(v *store.Visit) string { return v.CancelRefusal().Error() }, true},
		{"ctrl+x finished", store.StepRating, "ctrl+x", func(v *store.Visit) string { return v.CancelRefusal().Error() }, true},
		{"ctrl+s finished", store.StepRating, "ctrl+s", func(v *store.Visit) string { return v.StepRefusal(store.StepFinish).Error() }, true},
		{"ctrl+p nothing issued", store.StepAvailable, "ctrl+p", func(v *store.Visit) string {
			return "Belum ada dokumen untuk dicetak pada kunjungan " + v.Queue() + ": invoice terbit di langkah 9"
		}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, 80, 24)
			id := h.walk(kindPaidPub, tc.walk)
			if tc.walk == store.StepRating {
				h.keys("enter") // step 16 recorded: the visit is Selesai
				if h.stored(id).Open() {
					t.Fatal("visit not finished")
				}
				h.update(frame.NavigateMsg{To: frame.ScreenVisit, VisitID: id})
				h.settle()
			}
			h.keys(tc.key)
			h.until("refusal", func() bool { return h.m.errLine != "" })
			if want := tc.want(h.stored(id)); !strings.Contains(h.m.errLine, want) {
				t.Fatalf("error line %q, want %q", h.m.errLine, want)
			}
			h.sees(h.m.errLine[:20])
			if h.m.id != frame.ScreenVisit {
				t.Fatalf("left the visit")
			}
		})
	}
}

// ctrl+s records a step without inputs too (the full help says "simpan
// langkah dari kolom mana pun"); before, it did nothing on step 6.
func TestCtrlSRecordsAStepWithoutInputs(t *testing.T) {
	h := newHarness(t, 80, 24)
	id := h.walk(kindPaidPub, store.StepAvailable)
	h.sees("Sampaikan ketentuan ini")
	h.keys("ctrl+s")
	h.atStep(store.StepAgreement)
	if st := h.stored(id).Step(store.StepTerms).State; st != store.StateDone {
		t.Fatalf("step 6 %s after ctrl+s", st)
	}
}

// A product fault's save is confirmed and says where the work goes on.
func TestProductFaultIsConfirmed(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.walk(kindPaidPub, store.StepHandover)
	h.keys("p", "enter")
	h.typ("Berkas PDF rusak")
	h.keys("enter")
	h.atStep(store.StepPrepare)
	h.until("the confirmation", func() bool { return strings.Contains(h.m.notice, "Perbaikan produk dicatat") })
}

// A finished visit's not-applicable step does not promise an enter that
// goes elsewhere: enter there goes to Beranda, as the heading says.
func TestClosedVisitNotApplicableStep(t *testing.T) {
	h := newHarness(t, 80, 24)
	id := h.walk(kindPaidPub, store.StepRating)
	h.keys("enter")
	h.update(frame.NavigateMsg{To: frame.ScreenVisit, VisitID: id})
	h.settle()
	for h.visitScreen().Sel != store.StepSPPD {
		h.keys("pgup")
	}
	h.sees("Tidak berlaku", "enter/esc: kembali ke Beranda")
	if strings.Contains(h.screen(), "langkah yang sedang dikerjakan") {
		t.Fatalf("a closed visit promises the step at hand:\n%s", h.screen())
	}
	h.keys("enter")
	h.atHome()
}

// ctrl+r on the only product line says why it stays; a score typed on a
// declined survey says how to fill it in again. Before, both did nothing.
func TestEditorKeysSayWhy(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.walk(kindPaidPub, store.StepGuestBook)
	h.keys("ctrl+r")
	h.until("refusal", func() bool { return h.m.errLine != "" })
	if !strings.Contains(h.m.errLine, "isi paling sedikit satu produk") {
		t.Fatalf("ctrl+r on the only line: %q", h.m.errLine)
	}

	h = newHarness(t, 80, 24)
	h.walk(kindPaidPub, store.StepCheck)
	h.keys("t", "up", "4")
	h.until("refusal", func() bool { return h.m.errLine != "" })
	if !strings.Contains(h.m.errLine, "tekan t untuk mengisi survei lagi") {
		t.Fatalf("a score on a declined survey: %q", h.m.errLine)
	}
}

// bankPaidHandedOver walks a publication visit paid at the bank (kode
// billing and payment under Siti Aminah's name, NTPN ABCD1234EFGH5678)
// with its product handed over: step 14 is next.
func bankPaidHandedOver(t *testing.T, h *harness) string {
	t.Helper()
	id := h.walk(kindPaidPub, store.StepPrepare)
	ctx, off := context.Background(), h.m.c.Officer.ID
	if err := h.s.IssueBillingCode(ctx, off, id, "Siti Aminah", "820261126000009"); err != nil {
		t.Fatal(err)
	}
	h.clk.Add(time.Hour)
	if err := h.s.ConfirmBankPayment(ctx, off, id, "ABCD1234EFGH5678", "BRI123456789", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := h.s.HandOverProducts(ctx, off, id, []string{h.stored(id).Items[0].ID}); err != nil {
		t.Fatal(err)
	}
	return id
}
