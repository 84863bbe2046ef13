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

const (
	payCash    = "Tunai"
	payBank    = "Bank (kode billing)"
	payConfirm = "Konfirmasi bank (NTPN)"
	payReplace = "Ganti kode billing"
)

// paidAtLayout is how the time paid is shown as an example: day first,
// as the app shows dates and bank slips print them.
const paidAtLayout = "02-01-2006 15:04"

// paidAtLayouts are the ways a time paid may be typed (WIB): day first
// with - or /, or year first, the time with : or . as slips write it.
var paidAtLayouts = []string{
	"2-1-2006 15:04", "2/1/2006 15:04", "2006-1-2 15:04",
	"2-1-2006 15.04", "2/1/2006 15.04", "2006-1-2 15.04",
	"2-1-2006 15:04:05", "2/1/2006 15:04:05", "2006-1-2 15:04:05",
}

// parsePaidAt reads a typed time paid in WIB.
func parsePaidAt(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	for _, l := range paidAtLayouts {
		if t, err := time.ParseInLocation(l, s, valid.WIB); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

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
		if c.Now().After(b.ExpiresAt) {
			method = payReplace
		}
	}
	f := form.New(c,
		form.ChoiceF("method", "Cara bayar", opts, method).WithHint("←/→ atau huruf awal untuk memilih."),
		form.TextF("amount", "Uang diterima (Rp)", "").WithHint("Uang dari pengunjung; bila lebih dari tagihan, kembaliannya dihitung. Kosong: pas sebesar tagihan."),
		form.TextF("payer", "Nama wajib bayar", payer).WithHint("Boleh nama instansi."),
		form.TextF("code", "Kode billing", "").WithHint("Kode billing SIMPONI 15 angka; berlaku 7 hari."),
		form.TextF("ntpn", "NTPN", "").WithHint("16 huruf/angka pada bukti setor bank."),
		form.TextF("ntb", "NTB", ""),
		form.TextF("paidat", "Waktu bayar", "").WithHint("HH-BB-TTTT JJ:MM (WIB) seperti pada bukti setor, misalnya "+
			c.Now().In(valid.WIB).Format(paidAtLayout)+". Kosong: dicatat waktu sekarang."),
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
	if inv := v.ActiveInvoice("invoice"); inv != nil {
		head = append(head, kv(e.c, "Invoice", inv.Number, w)...)
	}
	if p := v.Payment; p != nil {
		head = append(head, kv(e.c, "Dibayar", p.Method+" · "+tariff.Rupiah(p.Amount)+" · "+frame.DateTime(p.PaidAt), w)...)
		head = append(head, kv(e.c, "Wajib bayar", p.Payer, w)...)
		if p.Billing != "" {
			head = append(head, kv(e.c, "Kode billing", p.Billing, w)...)
			head = append(head, kv(e.c, "NTPN / NTB", p.NTPN+" / "+p.NTB, w)...)
		}
		if kw := v.ActiveInvoice("kuitansi"); kw != nil {
			head = append(head, kv(e.c, "Kuitansi", kw.Number, w)...)
		}
		return append(head, "", st.Dim.Render("Pembayaran sudah diterima dan tidak dapat diubah.")), 0
	}
	for _, b := range v.Billing {
		if b.Status != "aktif" && b.Status != "kedaluwarsa" && b.Status != "diganti" {
			continue
		}
		state := b.Status
		if b.Status == "aktif" {
			left := b.ExpiresAt.Sub(e.c.Now())
			state = "berlaku sampai " + frame.DateTime(b.ExpiresAt) + " (" + frame.Span(left) + " lagi)"
			if left <= 0 {
				state = "KEDALUWARSA sejak " + frame.DateTime(b.ExpiresAt) + ": ganti kode billing"
			}
		}
		head = append(head, kv(e.c, "Kode billing", b.Code+" · "+state, w)...)
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

func (e *paymentEd) submit(v *store.Visit) tea.Cmd {
	if v.Paid() {
		return nil
	}
	f := e.F
	payer, code := f.Val("payer"), f.Val("code")
	switch f.Val("method") {
	case payCash:
		// The cash handed over; the payment recorded is the bill, and what
		// is over it goes back as change.
		tendered, err := parseCount(f.Val("amount"))
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
		expires := e.c.Now().Add(store.BillingValidity)
		return func() tea.Msg {
			if err := st.IssueBillingCode(ctx, actor, id, payer, code); err != nil {
				return frame.ErrMsg{Err: err}
			}
			if err := st.Suspend(ctx, actor, id, "ke bank: menunggu pembayaran"); err != nil {
				return frame.ErrMsg{Err: err}
			}
			return visitSuspendedMsg{saved: store.StepPayment,
				note: fmt.Sprintf("Kunjungan %s menunggu pembayaran bank; kode billing berlaku sampai %s WIB.", q, frame.DateTime(expires))}
		}
	case payConfirm:
		ntpn, ntb := f.Val("ntpn"), f.Val("ntb")
		var paidAt time.Time // zero: the store records now
		if typed := strings.TrimSpace(f.Val("paidat")); typed != "" {
			var ok bool
			if paidAt, ok = parsePaidAt(typed); !ok {
				f.Get("paidat").Err = "tulis tanggal dan jam WIB, misalnya " + e.c.Now().In(valid.WIB).Format(paidAtLayout)
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
