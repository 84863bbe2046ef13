package visit

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/tariff"
	"loket/tui/form"
	"loket/tui/frame"
)

// Steps 10 (prepare), 12 (SPPD), 13 (handover), 14 (check) and 16 (finish).

// itemsEd is a step with one field per counting line (10 and 13): under
// each field its line and, once done, the word and the time it was done.
type itemsEd struct {
	formEd
	id         string
	items      []store.Item
	head, done string
	at         func(store.Item) time.Time
}

func newItemsEd(c *frame.Context, v *store.Visit, field func(store.Item) *form.Field) itemsEd {
	e := itemsEd{id: v.ID}
	var fs []*form.Field
	for _, it := range v.Items {
		if it.Counts() {
			e.items = append(e.items, it)
			fs = append(fs, field(it))
		}
	}
	e.formEd = formEd{c: c, F: form.New(c, fs...)}
	return e
}

func (e *itemsEd) body(_ *store.Visit, w int) ([]string, int) {
	lines, focus := e.F.Lines(w, form.Under(func(fl *form.Field) []string {
		for _, it := range e.items {
			if it.ID == fl.Key {
				out := itemLines(e.c, it, w)
				if t := e.at(it); !t.IsZero() {
					out = append(out, "    "+e.c.Styles.OK.Render(e.done+" "+frame.DateTime(t)))
				}
				return out
			}
		}
		return nil
	}))
	return append([]string{e.head, ""}, lines...), focus + 2
}

// Step 10: each available line prepared on a medium, the store's default
// offered.
type prepareEd struct{ itemsEd }

func newPrepareEd(c *frame.Context, v *store.Visit) *prepareEd {
	e := &prepareEd{newItemsEd(c, v, func(it store.Item) *form.Field {
		return form.ChoiceF(it.ID, fmt.Sprintf("Produk %d: media", it.Seq), store.Strings(store.Media),
			string(store.DefaultMedium(it)))
	})}
	e.head, e.done, e.at = "Siapkan produk dan pilih medianya.", "disiapkan", func(it store.Item) time.Time { return it.Prepared }
	return e
}

func (e *prepareEd) submit(*store.Visit) tea.Cmd {
	media := map[string]store.Medium{}
	for _, fl := range e.F.Fields {
		media[fl.Key] = store.Medium(fl.Value())
	}
	return saveStep(e.c, e.id, store.StepPrepare, func(ctx context.Context, st *store.Store, actor, id string) error {
		return st.RecordPrepared(ctx, actor, id, media)
	})
}

// Step 12: the SPPD signed and received.
func sppdLines(c *frame.Context, v *store.Visit, w int) []string {
	out := frame.Wrap("SPPD (Surat Perjanjian Penggunaan Data) ditandatangani pengguna layanan di atas meterai Rp10.000, lalu diserahkan kepada petugas. Pengguna layanan tidak boleh memberikan data kepada pihak ketiga dan wajib mencantumkan BPS sebagai sumber.", w)
	if d := v.Document(store.DocSPPD); d != nil && d.Received {
		return append(out, "", c.Styles.OK.Render("✓ SPPD sudah diterima."))
	}
	if v.Open() {
		out = append(out, "", "Tekan enter bila SPPD bermeterai sudah diterima.")
	}
	return out
}

// Step 13: handover per line.
type handoverEd struct{ itemsEd }

func newHandoverEd(c *frame.Context, v *store.Visit) *handoverEd {
	e := &handoverEd{newItemsEd(c, v, func(it store.Item) *form.Field {
		return form.YesNo(it.ID, fmt.Sprintf("Produk %d diserahkan", it.Seq), form.Yes)
	})}
	e.head, e.done, e.at = "Serahkan produk kepada pengguna layanan.", "diserahkan", func(it store.Item) time.Time { return it.Handed }
	return e
}

func (e *handoverEd) submit(*store.Visit) tea.Cmd {
	var ids []string
	for _, fl := range e.F.Fields {
		if fl.IsYes() {
			ids = append(ids, fl.Key)
		}
	}
	return saveStep(e.c, e.id, store.StepHandover, func(ctx context.Context, st *store.Store, actor, id string) error {
		return st.HandOverProducts(ctx, actor, id, ids)
	})
}

// Step 14: the visitor checks kuitansi and products. A receipt fault
// reissues the kuitansi with its payer's name and, for a bank payment, its
// NTPN and NTB as corrected here; the amount is the money received and is
// not offered for change.
type checkEd struct {
	formEd
	id   string
	bank bool // paid by bank: NTPN and NTB are offered for correction
}

const (
	checkOK      = "Sesuai"
	checkProduct = "Produk perlu perbaikan"
	checkReceipt = "Kuitansi perlu perbaikan"
)

func newCheckEd(c *frame.Context, v *store.Visit) *checkEd {
	opts := []string{checkOK, checkProduct}
	hint := "Produk: kembali ke langkah 10 (siapkan) dan 13."
	payer, payerHint := "", "Nama yang dicetak pada kuitansi baru; boleh nama instansi."
	var ntpn, ntb string
	bank := v.Paid() && v.Payment.Method == store.MethodBank
	if bank {
		ntpn, ntb = v.Payment.NTPN, v.Payment.NTB
	}
	if v.Paid() {
		opts = append(opts, checkReceipt)
		hint += " Kuitansi: nomor lama dibatalkan, kuitansi baru diterbitkan dengan isian yang diperbaiki; jumlahnya tetap."
		payer = v.Payment.Payer
		if b := paidBilling(v); b != nil {
			payerHint += " Kode billing " + b.Code + " tetap atas nama " + b.Payer + " (diterbitkan SIMPONI dengan nama itu)."
		}
	}
	f := form.New(c,
		form.ChoiceF("result", "Hasil pengecekan", opts, checkOK).WithHint(hint),
		form.TextF("text", "Permintaan perbaikan", ""),
		form.TextF("payer", "Nama wajib bayar", payer).WithHint(payerHint),
		form.TextF("ntpn", "NTPN", ntpn).WithHint("Seperti pada bukti setor bank; 16 huruf/angka."),
		form.TextF("ntb", "NTB", ntb),
	)
	e := &checkEd{formEd{c: c, F: f}, v.ID, bank}
	e.sync()
	return e
}

// paidBilling is the kode billing a bank payment was made with, nil for
// cash.
func paidBilling(v *store.Visit) *store.BillingCode {
	if v.Payment == nil || v.Payment.Billing == "" {
		return nil
	}
	for i := range v.Billing {
		if v.Billing[i].Code == v.Payment.Billing {
			return &v.Billing[i]
		}
	}
	return nil
}

func (e *checkEd) sync() {
	r := e.F.Val("result")
	e.F.Get("text").Hidden = r == checkOK
	e.F.Get("payer").Hidden = r != checkReceipt
	e.F.Get("ntpn").Hidden = r != checkReceipt || !e.bank
	e.F.Get("ntb").Hidden = r != checkReceipt || !e.bank
	e.F.FixFocus()
}

func (e *checkEd) changed(*form.Field, *store.Visit) tea.Cmd { e.sync(); return nil }

func (e *checkEd) body(v *store.Visit, w int) ([]string, int) {
	var head []string
	if kw := v.ActiveInvoice(store.KindReceipt); kw != nil {
		head = append(head, kv(e.c, store.KindReceipt.Label(), kw.Number+" · "+tariff.Rupiah(kw.Amount)+" · "+kw.Payer, w)...)
	}
	for _, it := range v.Items {
		if it.Counts() {
			head = append(head, kv(e.c, fmt.Sprintf("Produk %d", it.Seq), it.Title+" ("+it.Media.Label()+")", w)...)
		}
	}
	if v.Corrections > 0 {
		head = append(head, kv(e.c, "Perbaikan sebelumnya", fmt.Sprint(v.Corrections), w)...)
	}
	head = append(head, "")
	lines, focus := e.F.Lines(w, nil)
	return append(head, lines...), focus + len(head)
}

func (e *checkEd) submit(*store.Visit) tea.Cmd {
	in := store.CheckInput{OK: e.F.Val("result") == checkOK, Text: e.F.Val("text")}
	switch e.F.Val("result") {
	case checkProduct:
		in.Fault = store.FaultProduct
	case checkReceipt:
		in.Fault, in.Payer = store.FaultReceipt, e.F.Val("payer")
		if e.bank {
			in.NTPN, in.NTB = e.F.Val("ntpn"), e.F.Val("ntb")
		}
	}
	return saveStep(e.c, e.id, store.StepCheck, func(ctx context.Context, st *store.Store, actor, id string) error {
		return st.RecordCheck(ctx, actor, id, in)
	})
}

// Step 16: the summary with the service time against the standard.
func finishLines(c *frame.Context, v *store.Visit, w int) []string {
	st := c.Styles
	now := c.Now()
	d := v.ServiceTime(now)
	verdict := st.OK.Render("dalam standar 5 menit")
	if d > store.ServiceStandard {
		verdict = st.Err.Render("melewati standar 5 menit")
	}
	out := kv(c, "Datang", frame.DateTime(v.ArrivedAt), w)
	if !v.FinishedAt.IsZero() {
		out = append(out, kv(c, "Waktu selesai", frame.DateTime(v.FinishedAt), w)...)
	}
	out = append(out, kv(c, "Waktu layanan", frame.Stopwatch(d)+" — "+verdict, w)...)
	n := 0
	for _, it := range v.Items {
		if it.Counts() {
			n++
		}
	}
	out = append(out, kv(c, "Produk", fmt.Sprint(n), w)...)
	out = append(out, kv(c, "Total", tariff.Rupiah(v.Total), w)...)
	if p := v.Payment; p != nil {
		pay := p.Method.Label() + " · " + tariff.Rupiah(p.Amount)
		if kw := v.ActiveInvoice(store.KindReceipt); kw != nil {
			pay += " · " + kw.Number
		}
		out = append(out, kv(c, "Pembayaran", pay, w)...)
	}
	if r := v.Rating; r != nil {
		if r.Declined {
			out = append(out, kv(c, "SKM", "tidak bersedia mengisi", w)...)
		} else {
			out = append(out, kv(c, "SKM", "terisi", w)...)
		}
	}
	if v.Corrections > 0 {
		out = append(out, kv(c, "Perbaikan", fmt.Sprint(v.Corrections), w)...)
	}
	if v.Open() {
		out = append(out, "", "Tekan enter untuk menyelesaikan kunjungan.")
	}
	return out
}
