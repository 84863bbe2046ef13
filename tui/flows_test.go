package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"loket/store"
)

// The five flows of issue 4, written once and run on both drivers: the
// Update/View harness (fast, exact) and teatest (the real program loop).

// officerID is the test officer's ID.
func officerID(d driver) string {
	o, err := d.db().OfficerByName(context.Background(), "Rina Wulandari")
	if err != nil {
		d.fatalf("officer: %v", err)
	}
	return o.ID
}

func storedVisit(d driver, id string) *store.Visit {
	v, err := d.db().Visit(context.Background(), id)
	if err != nil {
		d.fatalf("visit %s: %v", id, err)
	}
	return v
}

// seedReturning records a first visit's guest book through the store, so
// the next visit finds the person.
func seedReturning(d driver, in store.GuestInput, use string) {
	ctx, off, s := context.Background(), officerID(d), d.db()
	v, err := s.StartVisit(ctx, off)
	if err == nil {
		err = s.RecordPurpose(ctx, off, v.ID, "Membeli data", use)
	}
	if err == nil {
		err = s.RecordGuest(ctx, off, v.ID, in)
	}
	if err == nil {
		err = s.Cancel(ctx, off, v.ID, "Kunjungan contoh")
	}
	if err != nil {
		d.fatalf("seed: %v", err)
	}
}

var siti = store.GuestInput{Guest: store.Guest{IDType: "KTP", IDNumber: "1906015203990001", Name: "Siti Aminah", Gender: "P",
	Education: "D4/S1", Occupation: "Pegawai Swasta", Institution: "CV Maju Bersama",
	Category: "Swasta", Email: "siti@example.com", Phone: "0812-3456-7890", NPWP: "012345678901000"},
	BirthYear: "1999", Consent: true}

// fillNewGov fills steps 2 and 3 for a new government visitor (Pemerintah
// Daerah, pemanfaatan Pemerintahan).
func fillNewGov(d driver) {
	d.sees("› Pemanfaatan data") // the purpose is prefilled: the form opens on the use
	d.keys("p", "enter")         // Pemerintahan by its initial; enter saves on the last field
	d.atStep(store.StepGuestBook)
	d.typ("Budi Santoso")
	d.keys("enter", "y") // consent Ya: y moves on to Jenis identitas
	d.sees("› Jenis identitas")
	d.dump("03-buku-tamu")
	d.keys("enter") // KTP
	d.typ("1906011001800002")
	d.sees("enter lanjut ke Pendidikan")
	d.dump("03-buku-tamu-nik")
	d.keys("enter") // L and 1980 read from the NIK: enter passes over them
	d.sees("› Pendidikan")
	d.keys("s", "s", "enter") // S2
	d.keys("a", "enter")      // ASN/TNI/Polri
	d.typ("Bappeda Belitung Timur")
	d.keys("enter", "p", "enter") // Pemerintah Daerah
	d.typ("budi@beltim.go.id")
	d.keys("enter")
	d.typ("081234567891")
	d.dump("03-buku-tamu-isi")
	d.keys("ctrl+s")
	d.atStep(store.StepRequest)
}

// flowFreeGov is flow (b): a government visitor, one e-publication at Rp0
// with a request letter; steps 9, 11 and 12 do not apply and say why.
func flowFreeGov(d driver) string {
	d.keys("n")
	d.atStep(store.StepPurpose)
	d.dump("02-maksud")
	fillNewGov(d)
	id := d.visitID()
	d.sees("Produk 1", "Kode tarif", "Publikasi elektronik", "› Judul") // PUB-EL by default: the form opens on the title
	d.typ("Statistik Daerah Kabupaten Belitung Timur 2026")
	d.keys("enter")
	d.typ("120")
	d.waitSee("Rp80.000")
	d.keys("enter", "enter", "enter", "space") // Ya chosen with space: seen before enter saves
	d.waitSee("Total: Rp0 · 1 produk")
	d.sees("Rp0 (tarif nol rupiah; tanpa")
	d.dump("04-permintaan-nol-rupiah")
	d.keys("enter")
	d.atStep(store.StepAvailable)
	d.keys("enter")
	d.atStep(store.StepTerms)
	d.sees("Total: Rp0 (tarif nol rupiah)", "surat permohonan resmi")
	d.keys("enter")
	d.atStep(store.StepAgreement)
	d.keys("y", "space") // y agrees and moves on to the letter
	d.dump("07-persetujuan-surat")
	d.keys("enter")
	d.atStep(store.StepDocCheck)
	d.keys("y", "enter") // y moves on to the note; enter saves
	d.atStep(store.StepPrepare)
	v := storedVisit(d, id)
	for _, n := range []int{store.StepInvoice, store.StepPayment, store.StepSPPD} {
		if v.Step(n).State != store.StateNA {
			d.fatalf("step %d is %s, want not applicable", n, v.Step(n).State)
		}
	}
	d.keys("pgup")
	d.waitSee("Tidak berlaku untuk kunjungan ini")
	d.sees("total Rp0")
	d.dump("09-tidak-berlaku")
	d.keys("enter")
	d.atStep(store.StepPrepare)
	d.keys("enter")
	d.atStep(store.StepHandover)
	d.keys("enter")
	d.atStep(store.StepCheck)
	d.keys("enter")
	d.atStep(store.StepRating)
	d.keys("4", "4", "3", "4", "3", "4", "4", "3", "4")
	d.typ("Pelayanan cepat")
	d.keys("enter")
	d.atStep(store.StepFinish)
	d.clock().Add(3 * time.Minute)
	d.keys("enter")
	d.waitSee("Kunjungan A-001: Selesai")
	v = storedVisit(d, id)
	if v.Status != store.VisitDone || v.Total != 0 || !v.ZeroApplied() || v.Rating == nil || v.Rating.Scores[2] != 3 {
		d.fatalf("visit %s total %d zero %v rating %+v", v.Status, v.Total, v.ZeroApplied(), v.Rating)
	}
	if v.Use != "Pemerintahan" || v.Guest.Gender != "L" || v.Guest.BirthYear != 1980 || v.Guest.Education != "S2" {
		d.fatalf("use %q guest %+v", v.Use, v.Guest)
	}
	d.keys("enter")
	d.atHome()
	d.sees("selesai 1", "IKM")
	return id
}

// flowReturningCash: a returning visitor buys one e-publication and pays
// cash. It returns the keys sent from n to the finished visit, not
// counting characters typed into text fields.
func flowReturningCash(d driver) int {
	seedReturning(d, siti, "Komersial")
	n := 0
	k := func(ks ...string) { n += len(ks); d.keys(ks...) }
	k("n")
	d.atStep(store.StepPurpose)
	k("k", "enter") // Komersial
	d.atStep(store.StepGuestBook)
	d.typ("siti")
	d.waitSee("Siti Aminah · CV Maju Bersama")
	d.dump("03-buku-tamu-pengunjung-lama")
	if sc := d.screen(); strings.Contains(sc, "enter ambil Siti") || strings.Contains(sc, "› Siti Aminah") {
		d.fatalf("a part of a name highlighted a returning visitor:\n%s", d.screen())
	}
	k("down", "enter")
	d.waitSee("Pengunjung lama: Siti Aminah")
	k("ctrl+s")
	d.atStep(store.StepRequest)
	d.typ("Kabupaten Belitung Timur Dalam Angka 2026")
	k("enter")
	d.typ("120")
	d.waitSee("Total: Rp80.000")
	d.dump("04-permintaan")
	k("ctrl+s")
	d.atStep(store.StepAvailable)
	k("enter")
	d.atStep(store.StepTerms)
	d.dump("06-ketentuan")
	k("enter")
	d.atStep(store.StepAgreement)
	k("y") // the only question: y answers and records the step
	d.atStep(store.StepInvoice)
	d.sees("Rp80.000")
	d.dump("09-invoice")
	k("enter")
	d.atStep(store.StepPrepare)
	d.waitSee("Invoice INV/1906/A/2026/11/0001 diterbitkan")
	k("enter")
	d.atStep(store.StepPayment)
	d.sees("80.000", "Siti Aminah")
	d.dump("11-bayar-tunai")
	k("ctrl+s")
	d.atStep(store.StepHandover)
	d.waitSee("Kuitansi KW/1906/A/2026/11/0001")
	k("enter")
	d.atStep(store.StepCheck)
	k("enter")
	d.atStep(store.StepRating)
	k("4", "4", "4", "4", "4", "4", "4", "4", "4", "enter")
	d.atStep(store.StepFinish)
	k("enter")
	d.waitSee("Kunjungan A-002: Selesai")
	v := storedVisit(d, d.visitID())
	if v.Payment == nil || v.Payment.Amount != 80000 || v.Payment.Method != store.MethodCash || v.VisitorID == "" {
		d.fatalf("payment %+v visitor %q", v.Payment, v.VisitorID)
	}
	return n
}

// flowPaidMicrodata is flow (a): a student buys microdata (5 MB,
// Rp100.000), pays with a bank billing code and comes back the next day.
func flowPaidMicrodata(d driver) string {
	d.keys("n")
	d.atStep(store.StepPurpose)
	d.keys("p", "p", "enter") // Penelitian
	d.atStep(store.StepGuestBook)
	d.typ("Siti Aminah")
	d.keys("enter", "y", "enter")
	d.typ("1906015203990001")
	d.keys("enter")           // P and 1999 from the NIK
	d.keys("d", "d", "enter") // D4/S1
	d.keys("p", "enter")      // Pelajar/Mahasiswa
	d.typ("Universitas Bangka Belitung")
	d.keys("enter", "l", "l", "l", "enter") // Lembaga Penelitian & Pendidikan
	d.typ("siti@example.com")
	d.keys("enter")
	d.typ("0812-3456-7890")
	d.keys("ctrl+s")
	d.atStep(store.StepRequest)
	id := d.visitID()
	d.keys("up", "d", "enter") // DM-MENTAH (the form opens on the title; ↑ to the code)
	d.typ("Susenas Maret 2025")
	d.keys("enter")
	d.typ("5.000.000")
	d.keys("enter")
	d.typ("2025")
	d.keys("enter")
	d.typ("CSV")
	d.keys("enter")
	d.typ("r101, r102, r105")
	d.keys("enter")
	d.waitSee("Total: Rp100.000 · 1 produk")
	d.dump("04-permintaan-data-mikro")
	d.keys("t", "enter") // no request letter: normal tariff
	d.atStep(store.StepAvailable)
	d.dump("05-ketersediaan")
	d.keys("enter")
	d.atStep(store.StepTerms)
	d.dump("06-ketentuan-data-mikro")
	d.keys("enter")
	d.atStep(store.StepAgreement)
	d.keys("y", "y") // agreed, abstraksi handed in; on to the variables
	d.dump("07-persetujuan")
	d.keys("enter")
	d.atStep(store.StepDocCheck)
	d.keys("y")
	d.dump("08-cek-dokumen")
	d.keys("enter")
	d.atStep(store.StepInvoice)
	d.keys("y", "space") // sample given; the SPPD form chosen with space, seen before saving
	d.dump("09-invoice-data-mikro")
	d.keys("enter")
	d.atStep(store.StepPrepare)
	d.waitSee("Invoice INV/1906/A/2026/11/0001 diterbitkan: Rp100.000")
	d.dump("10-siapkan")
	d.keys("enter")
	d.atStep(store.StepPayment)
	d.keys("b")
	d.waitSee("Kode billing")
	d.keys("enter", "enter")
	d.typ("820261126000001")
	d.dump("11-bayar-kode-billing")
	d.clock().Add(4 * time.Minute)
	d.keys("enter")
	d.atHome()
	d.waitSee("menunggu pembayaran bank")
	d.sees("Menunggu pembayaran bank (1)", "820261126000001", "Rp100.000", "berlaku 7 hari lagi")
	d.dump("01-beranda-menunggu-bank")
	if v := storedVisit(d, id); !v.Suspended() || v.Step(store.StepPayment).State != store.StateWaiting {
		d.fatalf("after the billing code: suspended %v, step 11 %s", v.Suspended(), v.Step(store.StepPayment).State)
	}

	// The next day the visitor is back with the bank's proof of payment.
	d.clock().Add(26 * time.Hour)
	d.restart()
	d.sees("Jumat, 27 November 2026", "berlaku 5 hari 22 jam lagi", "11 Bayar (bank)")
	d.keys("enter")
	d.atStep(store.StepPayment)
	d.sees("$ Menunggu pembayaran melalui bank", "Konfirmasi bank (NTPN)")
	d.keys("enter")
	d.typ("ABCD1234EFGH5678")
	d.keys("enter")
	d.typ("BRI123456789")
	d.dump("11-bayar-konfirmasi-ntpn")
	d.keys("enter", "enter")
	d.atStep(store.StepSPPD)
	d.dump("12-sppd")
	d.keys("enter")
	d.atStep(store.StepHandover)
	d.dump("13-ambil")
	d.keys("enter")
	d.atStep(store.StepCheck)
	d.dump("14-pengecekan")
	d.keys("enter")
	d.atStep(store.StepRating)
	d.keys("4", "3")
	d.dump("15-penilaian")
	d.keys("4", "4", "3", "4", "4", "3", "4")
	d.typ("Terima kasih")
	d.keys("enter")
	d.atStep(store.StepFinish)
	d.dump("16-selesai")
	d.clock().Add(30 * time.Second)
	d.keys("enter")
	d.waitSee("Kunjungan A-001: Selesai")
	d.dump("16-selesai-tutup")
	v := storedVisit(d, id)
	if v.Payment == nil || v.Payment.Method != store.MethodBank || v.Payment.NTPN != "ABCD1234EFGH5678" || v.Payment.Amount != 100000 {
		d.fatalf("payment %+v", v.Payment)
	}
	if v.Guest.Gender != "P" || v.Guest.BirthYear != 1999 || v.Letter || !v.SampleGiven || !v.SPPDGiven {
		d.fatalf("guest %+v letter %v sample %v sppd form %v", v.Guest, v.Letter, v.SampleGiven, v.SPPDGiven)
	}
	if st := v.ServiceTime(d.clock().Now()); st > 10*time.Minute {
		d.fatalf("service time %s counts the day at the bank", st)
	}
	if v.Day == store.Day(v.Payment.PaidAt) {
		d.fatalf("paid on the day of the visit, want the next day")
	}
	d.keys("esc")
	d.atHome()
	return id
}

// flowCancel is flow (c): a visit cancelled with a reason at the guest
// book; it stays in the log as Batal.
func flowCancel(d driver) string {
	d.keys("n")
	d.atStep(store.StepPurpose)
	id := d.visitID()
	d.keys("t", "enter")
	d.atStep(store.StepGuestBook)
	d.typ("Rudi")
	d.keys("ctrl+x")
	d.waitSee("Alasan pembatalan kunjungan A-001")
	d.typ("Pengunjung urung membeli")
	d.dump("batal-dialog")
	d.keys("enter")
	d.atHome()
	d.waitSee("Kunjungan A-001 dibatalkan: Pengunjung urung membeli")
	d.sees("batal 1", "Belum ada kunjungan berjalan")
	d.dump("01-beranda-batal")
	v := storedVisit(d, id)
	if v.Status != store.VisitCanceled || v.StatusReason != "Pengunjung urung membeli" {
		d.fatalf("status %q reason %q", v.Status, v.StatusReason)
	}
	return id
}

// flowSuspendResume is flow (d): a visit suspended with esc, the program
// quit and started again on the same file, the visit resumed where it
// stopped.
func flowSuspendResume(d driver) string {
	d.keys("n")
	d.atStep(store.StepPurpose)
	id := d.visitID()
	d.keys("t", "enter") // Tugas sekolah/kuliah
	d.atStep(store.StepGuestBook)
	d.typ("Andi Pratama")
	d.keys("enter", "t") // no consent: name, instansi, kategori, email; t moves on
	d.sees("› Instansi")
	d.typ("SMA Negeri 1 Manggar")
	d.keys("enter", "l", "l", "l", "enter")
	d.typ("andi@example.com")
	d.clock().Add(time.Minute)
	d.keys("esc")
	d.atHome()
	d.waitSee("Kunjungan A-001 ditunda")
	d.sees("A-001", "3 Buku tamu (ditunda)")
	if v := storedVisit(d, id); !v.Suspended() {
		d.fatalf("not suspended")
	}
	d.clock().Add(20 * time.Minute)
	d.restart()
	d.sees("3 Buku tamu (ditunda)")
	d.keys("enter")
	d.atStep(store.StepGuestBook)
	if v := storedVisit(d, id); v.Suspended() {
		d.fatalf("opening the visit did not resume it")
	}
	// The guest book was not saved: it is filled again and confirmed.
	d.typ("Andi Pratama")
	d.keys("enter", "t")
	d.typ("SMA Negeri 1 Manggar")
	d.keys("enter", "l", "l", "l", "enter")
	d.typ("andi@example.com")
	d.keys("ctrl+s")
	d.atStep(store.StepRequest)
	v := storedVisit(d, id)
	if v.Consent || v.Guest.Name != "Andi Pratama" || v.Guest.IDNumber != "" {
		d.fatalf("guest %+v consent %v", v.Guest, v.Consent)
	}
	if st := v.ServiceTime(d.clock().Now()); st > 2*time.Minute {
		d.fatalf("service time %s counts the suspension", st)
	}
	return id
}

// flowCorrection is flow (e): the request corrected from a later step
// (pgup), then at the check a product fault sends the visit back to steps
// 10 and 13, and a receipt fault reissues the kuitansi.
func flowCorrection(d driver) string {
	seedReturning(d, siti, "Komersial")
	d.keys("n")
	d.atStep(store.StepPurpose)
	d.keys("k", "enter")
	d.atStep(store.StepGuestBook)
	d.typ("1906015203990001") // her NIK exactly: she comes up highlighted
	// The lookup answers each key as typed: a partial NIK's answer lists
	// her unhighlighted first, so wait for the answer to the whole one.
	d.waitSee("enter ambil Siti Aminah")
	d.sees("Siti Aminah · CV Maju Bersama")
	d.keys("enter", "ctrl+s")
	d.atStep(store.StepRequest)
	id := d.visitID()
	d.typ("Kecamatan Manggar Dalam Angka 2026")
	d.keys("enter")
	d.typ("120")
	d.keys("ctrl+s")
	d.atStep(store.StepAvailable)
	d.keys("enter")
	d.atStep(store.StepTerms)
	d.sees("Total: Rp80.000")
	// The visitor wants only 60 pages: back to the request.
	d.keys("pgup", "pgup")
	d.waitSee("Untuk mengoreksi")
	d.keys("down", "down")
	d.keys("backspace", "backspace", "backspace")
	d.typ("60")
	d.waitSee("Total: Rp65.000")
	d.dump("04-koreksi-permintaan")
	d.keys("ctrl+s")
	d.atStep(store.StepAvailable)
	if v := storedVisit(d, d.visitID()); v.Total != 65000 || v.Step(store.StepAvailable).State != store.StatePending {
		d.fatalf("after the correction total %d, step 5 %s", v.Total, v.Step(store.StepAvailable).State)
	}
	d.keys("enter")
	d.atStep(store.StepTerms)
	d.keys("enter")
	d.atStep(store.StepAgreement)
	d.keys("y")
	d.atStep(store.StepInvoice)
	d.keys("enter")
	d.atStep(store.StepPrepare)
	d.keys("enter")
	d.atStep(store.StepPayment)
	d.keys("ctrl+s")
	d.atStep(store.StepHandover)
	d.keys("enter")
	d.atStep(store.StepCheck)
	// The file does not open: product fault.
	d.keys("right", "enter")
	d.typ("Berkas PDF tidak dapat dibuka")
	d.dump("14-perbaikan-produk")
	d.keys("enter")
	d.atStep(store.StepPrepare)
	d.keys("right", "enter") // on a flashdisk this time
	d.atStep(store.StepHandover)
	d.keys("enter")
	d.atStep(store.StepCheck)
	// The name on the kuitansi is misspelt: receipt fault.
	d.keys("right", "right", "enter")
	d.typ("Nama pada kuitansi salah eja")
	d.keys("enter") // to the name the new kuitansi prints
	d.keys("ctrl+u")
	d.typ("Siti Aminah (CV Maju Bersama)")
	d.keys("enter")
	d.atStep(store.StepCheck)
	d.waitSee("KW/1906/A/2026/11/0002")
	d.keys("enter")
	d.atStep(store.StepRating)
	d.keys("t", "enter")
	d.atStep(store.StepFinish)
	d.keys("enter")
	d.waitSee("Kunjungan A-002: Selesai")
	v := storedVisit(d, id)
	if v.Corrections != 2 || v.Items[0].Media != "Flashdisk" || v.Rating == nil || !v.Rating.Declined {
		d.fatalf("corrections %d media %q rating %+v", v.Corrections, v.Items[0].Media, v.Rating)
	}
	var void int
	for _, in := range v.Invoices {
		if in.Kind == store.KindReceipt && in.Void() {
			void++
		}
	}
	if kw := v.ActiveInvoice(store.KindReceipt); void != 1 || kw.Number != "KW/1906/A/2026/11/0002" || kw.Payer != "Siti Aminah (CV Maju Bersama)" {
		d.fatalf("kuitansi: %+v", v.Invoices)
	}
	return id
}

// Update/View runs of the flows.

func TestFlowPaidMicrodataByBank(t *testing.T) { flowPaidMicrodata(newHarness(t, 80, 24)) }
func TestFlowFreeGovernment(t *testing.T)      { flowFreeGov(newHarness(t, 80, 24)) }
func TestFlowCancel(t *testing.T)              { flowCancel(newHarness(t, 80, 24)) }
func TestFlowSuspendResume(t *testing.T)       { flowSuspendResume(newHarness(t, 80, 24)) }
func TestFlowCorrection(t *testing.T)          { flowCorrection(newHarness(t, 80, 24)) }

func TestFlowReturningCashKeys(t *testing.T) {
	n := flowReturningCash(newHarness(t, 80, 24))
	t.Logf("keys from n to the finished visit: %d", n)
	if n > 40 {
		t.Fatalf("%d keys, budget 40", n)
	}
}

// The same flows at 120×35 (full step names in the sidebar).
func TestFlowsWide(t *testing.T) {
	flowPaidMicrodata(newHarness(t, 120, 35))
	flowFreeGov(newHarness(t, 120, 35))
	flowReturningCash(newHarness(t, 120, 35))
}
