package visit

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/store/valid"
	"loket/tariff"
	"loket/tui/form"
	"loket/tui/frame"
)

// Step 11: payment. Cash at the counter (the exact total, prefilled), or
// by bank: the kode billing is recorded and the visit suspended while the
// visitor goes to the bank; on their return the NTPN, NTB and time paid
// confirm it. An expired code is replaced by a new one.

// payCash is the cash choice, worded as the method the store records.
var payCash = store.MethodCash.Label()

// The other choices: the bank's two moments and replacing a code.
const (
	payBank    = "Bank (kode billing)"
	payConfirm = "Konfirmasi bank (NTPN)"
	payReplace = "Ganti kode billing"
)

type paymentEd struct {
	formEd
	id, queue string
	total     int64
}

func newPaymentEd(c *frame.Context, v *store.Visit) *paymentEd {
	e := &paymentEd{id: v.ID, queue: v.Queue(), total: v.Total}
	if v.Paid() {
		e.formEd = formEd{c: c, F: form.New(c)}
		return e
	}
	payer := v.Guest.Name
	opts, method := []string{payCash, payBank}, payCash
	if b := v.ActiveBilling(); b != nil {
		payer = b.Payer
		opts, method = []string{payConfirm, payReplace, payCash}, payConfirm
		if b.MustReplace(c.Store.Now()) {
			method = payReplace
		}
	}
	f := form.New(c,
		form.ChoiceF("method", "Cara bayar", opts, method),
		form.TextF("amount", "Uang diterima (Rp)", "").WithHint("Uang dari pengunjung; bila lebih dari tagihan, kembaliannya dihitung. Kosong: pas sebesar tagihan."),
		form.TextF("payer", "Nama wajib bayar", payer).WithHint("Boleh nama instansi."),
		form.TextF("code", "Kode billing", "").WithHint("Kode billing SIMPONI 15 angka; berlaku 7 hari."),
		form.TextF("ntpn", "NTPN", "").WithHint("16 huruf/angka pada bukti setor bank."),
		form.TextF("ntb", "NTB", ""),
		form.TextF("paidat", "Waktu bayar", "").WithHint("HH-BB-TTTT JJ:MM (WIB) seperti pada bukti setor, misalnya "+
			c.Now().In(valid.WIB).Format(valid.DateTimeLayout)+". Kosong: dicatat waktu sekarang."),
	)
	// The bill is proposed: enter takes it, typing the cash handed over
	// replaces it.
	amt := f.Get("amount")
	amt.Suggest, amt.SuggestNote = frame.Thousands(v.Total), "(pas sebesar tagihan)"
	amt.In.Placeholder = amt.Suggest
	e.formEd = formEd{c: c, F: f}
	e.sync()
	return e
}

// sync shows the fields of the chosen way of paying.
func (e *paymentEd) sync() {
	m := e.F.Val("method")
	show := map[string][]string{
		payCash:    {"amount", "payer"},
		payBank:    {"payer", "code"},
		payReplace: {"payer", "code"},
		payConfirm: {"ntpn", "ntb", "paidat"},
	}[m]
	for _, fl := range e.F.Fields {
		if fl.Key == "method" {
			continue
		}
		fl.Hidden = true
		for _, k := range show {
			if fl.Key == k {
				fl.Hidden = false
			}
		}
	}
	e.F.FixFocus()
}

func (e *paymentEd) changed(fl *form.Field, _ *store.Visit) tea.Cmd {
	if fl != nil && fl.Key == "method" {
		e.sync()
	}
	return nil
}

func (e *paymentEd) body(v *store.Visit, w int) ([]string, int) {
	st := e.c.Styles
	head := kv(e.c, "Tagihan", tariff.Rupiah(v.Total), w)
	if inv := v.ActiveInvoice(store.KindInvoice); inv != nil {
		head = append(head, kv(e.c, store.KindInvoice.Label(), inv.Number, w)...)
	}
	if p := v.Payment; p != nil {
		head = append(head, kv(e.c, "Dibayar", p.Method.Label()+" · "+tariff.Rupiah(p.Amount)+" · "+frame.DateTime(p.PaidAt), w)...)
		head = append(head, kv(e.c, "Wajib bayar", p.Payer, w)...)
		if p.Billing != "" {
			head = append(head, kv(e.c, "Kode billing", p.Billing, w)...)
			head = append(head, kv(e.c, "NTPN / NTB", p.NTPN+" / "+p.NTB, w)...)
		}
		if kw := v.ActiveInvoice(store.KindReceipt); kw != nil {
			head = append(head, kv(e.c, store.KindReceipt.Label(), kw.Number, w)...)
		}
		what := "Nama wajib bayar"
		if p.Method == store.MethodBank {
			what = "Nama wajib bayar, NTPN dan NTB"
		}
		note := "Pembayaran sudah diterima dan tidak dapat diubah. " + what + " pada kuitansi diperbaiki di langkah 14 (Kuitansi perlu perbaikan); jumlahnya tetap."
		return append(head, append([]string{""}, frame.WrapStyled(st.Dim, note, w)...)...), 0
	}
	now := e.c.Store.Now()
	for _, b := range v.Billing {
		state := b.State(now)
		if !state.Shown() {
			continue
		}
		shown := state.Label()
		switch {
		case b.MustReplace(now):
			shown = "KEDALUWARSA sejak " + frame.DateTime(b.ExpiresAt) + ": ganti kode billing"
		case state == store.BillingActive:
			shown = "berlaku sampai " + frame.DateTime(b.ExpiresAt) + " (" + frame.Span(b.ExpiresAt.Sub(now)) + " lagi)"
		}
		head = append(head, kv(e.c, "Kode billing", b.Code+" · "+shown, w)...)
	}
	head = append(head, "")
	lines, focus := e.F.Lines(w, nil)
	out := append(head, lines...)
	if m := e.F.Val("method"); m == payBank || m == payReplace {
		out = append(out, "")
		out = append(out, frame.WrapStyled(st.Dim, "Setelah disimpan, kunjungan ditunda selama pengguna layanan membayar di bank; lanjutkan dari Beranda saat ia kembali.", w)...)
	}
	return out, focus + len(head)
}

// refusal: a paid visit's payment is not recorded again (the store's
// reason, which points to step 14 for the kuitansi's name).
func (e *paymentEd) refusal(v *store.Visit) error { return v.PayRefusal() }

func (e *paymentEd) submit(v *store.Visit) tea.Cmd {
	if v.Paid() {
		return nil
	}
	f := e.F
	payer, code := f.Val("payer"), f.Val("code")
	switch f.Val("method") {
	case payCash:
		// The cash handed over (store/valid's one reading of Rupiah); the
		// payment recorded is the bill, and what is over it goes back as
		// change. Empty is the bill as proposed (pas sebesar tagihan).
		tendered, err := e.total, error(nil)
		if typed := f.Val("amount"); strings.TrimSpace(typed) != "" {
			tendered, err = valid.Rupiah("Uang diterima", typed)
		}
		if err == nil && tendered < e.total {
			err = fmt.Errorf("kurang %s dari tagihan %s; tidak ada pembayaran sebagian", tariff.Rupiah(e.total-tendered), tariff.Rupiah(e.total))
		}
		if err != nil {
			f.Get("amount").Err = err.Error()
			f.FocusKey("amount")
			return nil
		}
		total, change := e.total, tendered-e.total
		st, ctx, actor, id := e.c.Store, e.c.Ctx, e.c.Actor(), e.id
		return func() tea.Msg {
			if err := st.PayCash(ctx, actor, id, payer, total); err != nil {
				return frame.ErrMsg{Err: err}
			}
			m := visitSavedMsg{step: store.StepPayment}
			if change > 0 {
				m.note = fmt.Sprintf("uang diterima %s, kembalian %s untuk pengunjung", tariff.Rupiah(tendered), tariff.Rupiah(change))
			}
			return m
		}
	case payBank, payReplace:
		st, ctx, actor, id, q := e.c.Store, e.c.Ctx, e.c.Actor(), e.id, e.queue
		return func() tea.Msg {
			// One transaction: the code is recorded and the visit suspended
			// together, so step 11 never waits on a visit left open.
			b, err := st.IssueBillingAndSuspend(ctx, actor, id, payer, code)
			if err != nil {
				return frame.ErrMsg{Err: err}
			}
			return visitSuspendedMsg{saved: store.StepPayment,
				note: fmt.Sprintf("Kunjungan %s menunggu pembayaran bank; kode billing berlaku sampai %s WIB.", q, frame.DateTime(b.ExpiresAt))}
		}
	case payConfirm:
		ntpn, ntb := f.Val("ntpn"), f.Val("ntb")
		var paidAt time.Time // zero: the store records now
		if typed := strings.TrimSpace(f.Val("paidat")); typed != "" {
			var err error
			if paidAt, err = valid.DateTime("Waktu bayar", typed); err != nil {
				f.Get("paidat").Err = err.Error()
				f.FocusKey("paidat")
				return nil
			}
		}
		return saveStep(e.c, e.id, store.StepPayment, func(ctx context.Context, st *store.Store, actor, id string) error {
			return st.ConfirmBankPayment(ctx, actor, id, ntpn, ntb, paidAt)
		})
	}
	return nil
}
