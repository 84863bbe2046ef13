package store

import (
	"slices"
	"time"

	"loket/store/valid"
	"loket/tariff"
)

// This file is the domain's vocabulary: every name that crosses packages
// (a visit status, a document kind, a billing state, a complaint channel,
// …) is a typed constant here, with the Indonesian label the officer reads
// next to it, so a typo is a compile error instead of a silent mismatch.
// The values are what the database stores and never change. Each type has
// its list (VisitStatuses, DocKinds, …) in the order screens offer it;
// TestNoVocabularyLiteralsOutsideStore checks, from these lists, that no
// other package spells a value or a label as a string literal.

// VisitStatus is the outcome of a visit, spelled as the workbook shows it.
type VisitStatus string

// The statuses of a visit.
const (
	VisitOpen     VisitStatus = "Berjalan"
	VisitDone     VisitStatus = "Selesai"
	VisitCanceled VisitStatus = "Batal"
	VisitReferred VisitStatus = "Dirujuk ke konsultasi"
)

// VisitStatuses are the statuses of a visit.
var VisitStatuses = []VisitStatus{VisitOpen, VisitDone, VisitCanceled, VisitReferred}

// Label is the status as the officer reads it (the stored value is the
// workbook's wording already).
func (s VisitStatus) Label() string { return string(s) }

// Short is the status in at most nine letters, for a list's column:
// Dirujuk for a visit referred to consultation.
func (s VisitStatus) Short() string {
	if s == VisitReferred {
		return "Dirujuk"
	}
	return s.Label()
}

// DocKind is a document the visit may require (step 6).
type DocKind string

// The documents a visit may require.
const (
	DocAbstraksi DocKind = "abstraksi"        // abstraksi penggunaan data
	DocSPPD      DocKind = "sppd"             // Surat Perjanjian Penggunaan Data
	DocLetter    DocKind = "surat_permohonan" // surat permohonan resmi (tarif nol rupiah)
)

// DocKinds are the documents a visit may require.
var DocKinds = []DocKind{DocAbstraksi, DocSPPD, DocLetter}

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

// InvoiceKinds are the numbered money documents.
var InvoiceKinds = []InvoiceKind{KindInvoice, KindReceipt}

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

// NumberState is whether an invoice or kuitansi number is in force, as
// the period report's register writes it.
type NumberState string

// The states of a number.
const (
	NumberInForce NumberState = "Berlaku"
	NumberVoid    NumberState = "Dibatalkan"
)

// NumberStates are the states of a number.
var NumberStates = []NumberState{NumberInForce, NumberVoid}

// Label is the state as the register writes it.
func (n NumberState) Label() string { return string(n) }

// numberState is the state of a number voided at voidAt (zero: in force).
func numberState(voidAt time.Time) NumberState {
	if voidAt.IsZero() {
		return NumberInForce
	}
	return NumberVoid
}

// State is whether the number is in force or voided.
func (i Invoice) State() NumberState { return numberState(i.VoidAt) }

// State is whether the kuitansi number is in force or voided.
func (x ReceiptRow) State() NumberState { return numberState(x.VoidAt) }

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

// BillingStates are the states of a kode billing.
var BillingStates = []BillingState{BillingActive, BillingPaid, BillingExpired, BillingReplaced, BillingCanceled}

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
	if b.Status == BillingActive && now.After(b.ExpiresAt) {
		return BillingExpired
	}
	return b.Status
}

// MustReplace reports whether the code awaits payment but has expired at
// now: a bank payment is refused until a new code is issued.
func (b BillingCode) MustReplace(now time.Time) bool {
	return b.Status == BillingActive && now.After(b.ExpiresAt)
}

// PaymentMethod is how a visit was paid (step 11).
type PaymentMethod string

// The payment methods.
const (
	MethodCash PaymentMethod = "Tunai" // at the counter
	MethodBank PaymentMethod = "Bank"  // via bank with a kode billing
)

// PaymentMethods are the payment methods.
var PaymentMethods = []PaymentMethod{MethodCash, MethodBank}

// Label is the method as the officer reads it.
func (m PaymentMethod) Label() string { return string(m) }

// ItemKind is the kind of a product line; it is the tariff's kind, so the
// schedule and the visit speak one vocabulary (tariff does not import
// store, and its kinds are spelled in tariff).
type ItemKind = tariff.Kind

// The kinds of product line.
const (
	ItemPublication = tariff.KindPublication
	ItemMicrodata   = tariff.KindMicrodata
	ItemMap         = tariff.KindMap
)

// ItemKinds are the kinds of product line.
var ItemKinds = []ItemKind{ItemPublication, ItemMicrodata, ItemMap}

// ItemKindLabel is a kind of product line as the officer reads it (a
// function, as ItemKind is tariff's type).
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

// Medium is how a product is handed over (steps 4 and 12).
type Medium string

// The media.
const (
	MediumEmail     Medium = "Email"
	MediumFlashdisk Medium = "Flashdisk"
	MediumDisc      Medium = "CD/DVD"
	MediumPrint     Medium = "Cetak"
)

// Media are the media, in the order the screens offer them.
var Media = []Medium{MediumEmail, MediumFlashdisk, MediumDisc, MediumPrint}

// Label is the medium as the officer reads it.
func (m Medium) Label() string { return string(m) }

// printedItem is the tariff code of a printed publication, handed over
// on paper unless the officer chooses otherwise.
const printedItem = "PUB-CETAK"

// DefaultMedium is the medium step 12 offers for a line: the one chosen
// at the request, else paper for a printed publication and email for the
// rest.
func DefaultMedium(it Item) Medium {
	switch {
	case it.Media != "":
		return it.Media
	case it.Code == printedItem:
		return MediumPrint
	}
	return MediumEmail
}

// medium reads the medium chosen for a line (field names it), in its
// stored spelling whatever the case typed.
func medium(field string, m Medium) (Medium, error) {
	s, err := valid.OneOf(field, string(m), Strings(Media))
	return Medium(s), err
}

// Gender is the guest book's jenis kelamin.
type Gender string

// The genders.
const (
	GenderMale   Gender = "L"
	GenderFemale Gender = "P"
)

// Genders are the genders, as the guest book offers them.
var Genders = []Gender{GenderMale, GenderFemale}

// Label is the gender in words.
func (g Gender) Label() string {
	switch g {
	case GenderMale:
		return "Laki-laki"
	case GenderFemale:
		return "Perempuan"
	}
	return string(g)
}

// ComplaintStatus is the follow-up state of a complaint.
type ComplaintStatus string

// The follow-up states of a complaint, in order.
const (
	ComplaintReceived ComplaintStatus = "Diterima"
	ComplaintOpen     ComplaintStatus = "Diproses"
	ComplaintDone     ComplaintStatus = "Selesai"
)

// ComplaintStatuses are the follow-up states of a complaint, in order.
var ComplaintStatuses = []ComplaintStatus{ComplaintReceived, ComplaintOpen, ComplaintDone}

// Label is the state as the officer reads it.
func (c ComplaintStatus) Label() string { return string(c) }

// Next is the state that usually follows c: Diproses after Diterima,
// Selesai after Diproses; Selesai stays.
func (c ComplaintStatus) Next() ComplaintStatus {
	if i := slices.Index(ComplaintStatuses, c); i >= 0 && i+1 < len(ComplaintStatuses) {
		return ComplaintStatuses[i+1]
	}
	return c
}

// Closed reports whether the complaint is settled (Selesai).
func (c Complaint) Closed() bool { return c.Status == ComplaintDone }

// ComplaintChannel is how a complaint arrived.
type ComplaintChannel string

// The channels a complaint arrives by.
const (
	ChannelBox      ComplaintChannel = "Kotak saran"
	ChannelLapor    ComplaintChannel = "lapor.go.id"
	ChannelEmail    ComplaintChannel = "Email"
	ChannelMessage  ComplaintChannel = "SMS/WhatsApp"
	ChannelInPerson ComplaintChannel = "Langsung"
)

// ComplaintChannels are the channels, in the order the screen offers them.
var ComplaintChannels = []ComplaintChannel{ChannelBox, ChannelLapor, ChannelEmail, ChannelMessage, ChannelInPerson}

// Label is the channel as the officer reads it.
func (c ComplaintChannel) Label() string { return string(c) }

// Fault is what a step-14 correction is about.
type Fault string

// Correction faults at step 14.
const (
	FaultProduct Fault = "produk"
	FaultReceipt Fault = "kuitansi"
)

// Faults are the correction faults.
var Faults = []Fault{FaultProduct, FaultReceipt}

// Label is the fault as the officer reads it.
func (f Fault) Label() string { return string(f) }

// Match is what a search hit was found by.
type Match int

// What a search finds a visit by.
const (
	MatchNumber  Match = iota // a number: invoice, kuitansi, kode billing, NTPN (Hit.Matched names it)
	MatchVisitor              // the visitor: name, identity, email or phone
)

// Strings is a list of vocabulary values as the strings a choice offers
// and a validator checks.
func Strings[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// vocabulary is every value and label of the typed vocabulary, each with
// the type it belongs to: what no package outside store spells as a
// literal.
func vocabulary() map[string]string {
	m := map[string]string{}
	add := func(typ, value, label string) {
		m[value] = typ
		m[label] = typ
	}
	for _, v := range VisitStatuses {
		add("VisitStatus", string(v), v.Label())
		m[v.Short()] = "VisitStatus"
	}
	for _, v := range DocKinds {
		add("DocKind", string(v), v.Label())
	}
	for _, v := range InvoiceKinds {
		add("InvoiceKind", string(v), v.Label())
	}
	for _, v := range NumberStates {
		add("NumberState", string(v), v.Label())
	}
	for _, v := range BillingStates {
		add("BillingState", string(v), v.Label())
	}
	for _, v := range PaymentMethods {
		add("PaymentMethod", string(v), v.Label())
	}
	for _, v := range ItemKinds {
		add("ItemKind", string(v), ItemKindLabel(v))
	}
	for _, v := range Media {
		add("Medium", string(v), v.Label())
	}
	for _, v := range Genders {
		add("Gender", string(v), v.Label())
	}
	for _, v := range ComplaintStatuses {
		add("ComplaintStatus", string(v), v.Label())
	}
	for _, v := range ComplaintChannels {
		add("ComplaintChannel", string(v), v.Label())
	}
	for _, v := range Faults {
		add("Fault", string(v), v.Label())
	}
	return m
}
