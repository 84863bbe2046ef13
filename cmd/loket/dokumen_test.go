package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"loket/store"
)

// paidVisits returns, from a demo database, a visit paid by bank with
// microdata or maps and a visit paid in cash.
func paidVisits(t *testing.T, db string) (bank, cash *store.Visit) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var ids []string
	err = s.Report(ctx, "2026-11-01", "2026-11-26", func(r *store.Report) error {
		return r.Payments(func(p store.PaymentRow) error { ids = append(ids, p.VisitID); return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		v, err := s.Visit(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case bank == nil && v.Payment.Method == store.MethodBank && v.NeedsAgreement():
			bank = v
		case cash == nil && v.Payment.Method == store.MethodCash:
			cash = v
		}
	}
	if bank == nil || cash == nil {
		t.Fatal("demo data without a bank payment for microdata and a cash payment")
	}
	return bank, cash
}

func TestDokumenUsage(t *testing.T) {
	envs := map[string]string{"LOKET_DB": filepath.Join(t.TempDir(), "loket.db")}
	cases := []struct {
		args []string
		want string
	}{
		{nil, "isi salah satu: --visit ID atau --nomor NOMOR"},
		{[]string{"--visit", "X", "--nomor", "KW/1"}, "isi salah satu"},
		{[]string{"--visit", "X"}, "--jenis wajib diisi bersama --visit"},
		{[]string{"--visit", "X", "--jenis", "faktur"}, "--jenis harus invoice, kuitansi atau sppd"},
		{[]string{"--nomor", "INV/1", "--jenis", "sppd"}, "lampiran SPPD tidak bernomor"},
		{[]string{"--visit", "X", "--jenis", "kuitansi", "--terbit-ulang", "salah nama"}, "--terbit-ulang perlu --petugas"},
		{[]string{"--visit", "X", "--jenis", "sppd", "--terbit-ulang", "x", "--petugas", "A"}, "--terbit-ulang hanya untuk invoice atau kuitansi"},
		{[]string{"--visit", "X", "--jenis", "invoice", "--unmask", "--petugas", "A"}, "--unmask hanya untuk lampiran SPPD"},
		{[]string{"--visit", "X", "--jenis", "sppd", "--unmask"}, "--unmask perlu --petugas"},
		{[]string{"--visit", "X", "--jenis", "sppd", "--out", "x.pdf"}, "--out harus berkas berakhiran .xlsx"},
	}
	for _, c := range cases {
		code, _, errs := runLoket(t, envs, append([]string{"dokumen"}, c.args...)...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %q; want 2 with %q", c.args, code, errs, c.want)
		}
	}
}

func TestDokumenPrintsReprintsAndReissues(t *testing.T) {
	db := demoDB(t, 7, 5)
	envs := map[string]string{"LOKET_DB": db}
	bank, cash := paidVisits(t, db)
	dir := t.TempDir()

	inv := bank.ActiveInvoice(store.KindInvoice)
	code, out, errs := runLoket(t, envs, "dokumen", "--visit", bank.ID, "--jenis", "invoice", "--out", dir, "--petugas", "Andi Pratama")
	want := filepath.Join(dir, "invoice-"+strings.ReplaceAll(inv.Number, "/", "-")+".xlsx")
	if code != 0 || strings.TrimSpace(out) != want {
		t.Fatalf("invoice: %d %q %q", code, out, errs)
	}
	kw := cash.ActiveInvoice(store.KindReceipt)
	for i := 0; i < 2; i++ { // print, then reprint: same number, counted
		code, out, errs = runLoket(t, envs, "dokumen", "--nomor", strings.ToLower(kw.Number), "--out", dir)
		if code != 0 || !strings.HasSuffix(strings.TrimSpace(out), "kuitansi-"+strings.ReplaceAll(kw.Number, "/", "-")+".xlsx") {
			t.Fatalf("kuitansi by number: %d %q %q", code, out, errs)
		}
	}
	code, out, errs = runLoket(t, envs, "dokumen", "--visit", bank.ID, "--jenis", "sppd", "--out", filepath.Join(dir, "sppd.xlsx"),
		"--unmask", "--petugas", "Andi Pratama")
	if code != 0 || strings.TrimSpace(out) != filepath.Join(dir, "sppd.xlsx") {
		t.Fatalf("sppd: %d %q %q", code, out, errs)
	}
	code, _, errs = runLoket(t, envs, "dokumen", "--visit", cash.ID, "--jenis", "kuitansi", "--terbit-ulang", "Nama wajib bayar salah", "--petugas", "Andi Pratama", "--out", dir)
	if code != 0 || !strings.Contains(errs, "nomor lama dibatalkan") {
		t.Fatalf("reissue: %d %q", code, errs)
	}
	code, _, errs = runLoket(t, envs, "dokumen", "--nomor", kw.Number, "--out", dir)
	if code != 1 || !strings.Contains(errs, "sudah dibatalkan (Nama wajib bayar salah); nomor yang berlaku: KW/") {
		t.Errorf("voided number: %d %q", code, errs)
	}
	code, _, errs = runLoket(t, envs, "dokumen", "--nomor", "INV/1906/A/1999/01/0001")
	if code != 1 || !strings.Contains(errs, "tidak ditemukan") {
		t.Errorf("unknown number: %d %q", code, errs)
	}
	code, _, errs = runLoket(t, envs, "dokumen", "--nomor", kw.Number, "--jenis", "invoice")
	if code != 2 || !strings.Contains(errs, "adalah kuitansi, bukan invoice") {
		t.Errorf("kind mismatch: %d %q", code, errs)
	}

	s, err := store.Open(context.Background(), db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, err := s.Visit(context.Background(), cash.ID)
	if err != nil {
		t.Fatal(err)
	}
	var old *store.Invoice
	for i := range v.Invoices {
		if v.Invoices[i].Number == kw.Number {
			old = &v.Invoices[i]
		}
	}
	if old == nil || old.Printed != kw.Printed+2 || !old.Void() || v.ActiveInvoice(store.KindReceipt).Number == kw.Number {
		t.Errorf("kuitansi after two prints and a reissue: %+v", old)
	}
	if v.ActiveInvoice(store.KindReceipt).Printed != 1 {
		t.Errorf("reissued kuitansi printed %d times, want 1", v.ActiveInvoice(store.KindReceipt).Printed)
	}
	trail, _ := s.Audit(context.Background(), bank.ID)
	unmasked := false
	for _, a := range trail {
		unmasked = unmasked || a.Action == "tanpa_samaran"
	}
	if !unmasked {
		t.Errorf("unmasked SPPD not in the audit trail")
	}
	if l, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}
