package store

import (
	"time"

	"loket/tariff"
)

// This file is the domain's vocabulary: every name that crosses packages
// (a document kind, an invoice kind, a billing state, …) is a typed
// constant here, with the Indonesian label the officer reads next to it,
// so a typo is a compile error instead of a silent mismatch. The values
// are what the database stores and never change.
//
// Some struct fields (Visit.Status, Item.Kind, Payment.Method,
// BillingCode.Status, Complaint.Status, Hit.Status) are still plain
// strings because the TUI reads them as text today; their typed accessors
// (VisitStatus, ItemKind, PaymentMethod, State, ComplaintStatus) are what
// new code uses, and the fields turn typed once the TUI has adopted them.

// VisitStatus is the outcome of a visit, spelled as the workbook shows it.
type VisitStatus string

// The statuses of a visit.
const (
	VisitOpen     VisitStatus = StatusOpen
	VisitDone     VisitStatus = StatusDone
	VisitCanceled VisitStatus = StatusCanceled
	VisitReferred VisitStatus = StatusReferred
)

// Label is the status as the officer reads it (the stored value is the
// workbook's wording already).
func (s VisitStatus) Label() string { return string(s) }

// VisitStatus is the typed status of the visit.
func (v *Visit) VisitStatus() VisitStatus { return VisitStatus(v.Status) }

// VisitStatus is the typed status of the visit found.
func (h Hit) VisitStatus() VisitStatus { return VisitStatus(h.Status) }

// DocKind is a document the visit may require (step 6).
type DocKind string

// The documents a visit may require.
const (
	DocAbstraksi DocKind = "abstraksi"        // abstraksi penggunaan data
	DocSPPD      DocKind = "sppd"             // Surat Perjanjian Penggunaan Data
	DocLetter    DocKind = "surat_permohonan" // surat permohonan resmi (tarif nol rupiah)
)

// Label is the document as step 6 tells it to the visitor.
func (k DocKind) Label() string {
	switch k {
	case DocAbstraksi:
		return "abstraksi penggunaan data (variabel yang diminta)"
	case DocSPPD:
		return "Surat Perjanjian Penggunaan Data (SPPD) bermeterai Rp10.000"
	case DocLetter:
		return "surat permohonan resmi (tarif nol rupiah)"
	}
	return string(k)
}

// InvoiceKind is a numbered money document.
type InvoiceKind string

// The numbered money documents.
const (
	KindInvoice InvoiceKind = "invoice"  // before payment
	KindReceipt InvoiceKind = "kuitansi" // after payment
)

// Label is the document's name as printed and read.
func (k InvoiceKind) Label() string {
	switch k {
	case KindInvoice:
		return "Invoice"
	case KindReceipt:
		return "Kuitansi"
	}
	return string(k)
}

// prefix is the number's series prefix: INV/… or KW/….
func (k InvoiceKind) prefix() string {
	if k == KindReceipt {
		return "KW"
	}
	return "INV"
}

// BillingState is the state of a kode billing.
type BillingState string

// The states of a kode billing.
const (
	BillingActive   BillingState = "aktif"       // awaiting payment
	BillingPaid     BillingState = "dibayar"     // paid, NTPN recorded
	BillingExpired  BillingState = "kedaluwarsa" // replaced after its validity ran out
	BillingReplaced BillingState = "diganti"     // replaced while still valid
	BillingCanceled BillingState = "dibatalkan"  // the request changed, paid in cash, or the visit closed unpaid
)

// Label is the state as the officer reads it.
func (b BillingState) Label() string { return string(b) }

// Shown reports whether the payment step lists a code in this state: the
// one awaiting payment and those it replaced.
func (b BillingState) Shown() bool {
	return b == BillingActive || b == BillingExpired || b == BillingReplaced
}

// State is the code's state at now (the store's clock, Store.Now): an
// active code past its validity reads kedaluwarsa, as it will be recorded
// when it is replaced.
func (b BillingCode) State(now time.Time) BillingState {
	st := BillingState(b.Status)
	if st == BillingActive && now.After(b.ExpiresAt) {
		return BillingExpired
	}
	return st
}

// MustReplace reports whether the code awaits payment but has expired at
// now: a bank payment is refused until a new code is issued.
func (b BillingCode) MustReplace(now time.Time) bool {
	return BillingState(b.Status) == BillingActive && now.After(b.ExpiresAt)
}

// PaymentMethod is how a visit was paid (step 11).
type PaymentMethod string

// The payment methods.
const (
	MethodCash PaymentMethod = "Tunai" // at the counter
	MethodBank PaymentMethod = "Bank"  // via bank with a kode billing
)

// Label is the method as the officer reads it.
func (m PaymentMethod) Label() string { return string(m) }

// PaymentMethod is the typed method of the payment.
func (p *Payment) PaymentMethod() PaymentMethod { return PaymentMethod(p.Method) }

// ItemKind is the kind of a product line; it is the tariff's kind, so the
// schedule and the visit speak one vocabulary (tariff does not import
// store).
type ItemKind = tariff.Kind

// The kinds of product line.
const (
	ItemPublication = tariff.KindPublication
	ItemMicrodata   = tariff.KindMicrodata
	ItemMap         = tariff.KindMap
)

// ItemKindLabel is a kind of product line as the officer reads it.
func ItemKindLabel(k ItemKind) string {
	switch k {
	case ItemPublication:
		return "Publikasi"
	case ItemMicrodata:
		return "Data mikro"
	case ItemMap:
		return "Peta wilkerstat"
	}
	return string(k)
}

// ItemKind is the typed kind of the line.
func (it Item) ItemKind() ItemKind { return ItemKind(it.Kind) }

// ComplaintStatus is the follow-up state of a complaint.
type ComplaintStatus string

// The follow-up states of a complaint, in order.
const (
	ComplaintReceived ComplaintStatus = "Diterima"
	ComplaintOpen     ComplaintStatus = "Diproses"
	ComplaintDone     ComplaintStatus = "Selesai"
)

// Label is the state as the officer reads it.
func (c ComplaintStatus) Label() string { return string(c) }

// ComplaintStatus is the typed state of the complaint.
func (c Complaint) ComplaintStatus() ComplaintStatus { return ComplaintStatus(c.Status) }

// Closed reports whether the complaint is settled (Selesai).
func (c Complaint) Closed() bool { return c.ComplaintStatus() == ComplaintDone }

// Fault is what a step-14 correction is about.
type Fault string

// Label is the fault as the officer reads it.
func (f Fault) Label() string { return string(f) }
