package store

import "time"

// StepState is the state of one step of a visit.
type StepState string

// The states of a step.
const (
	StatePending StepState = "pending" // not yet done
	StateWaiting StepState = "waiting" // menunggu pembayaran (bank)
	StateDone    StepState = "done"
	StateNA      StepState = "na" // tidak berlaku, with a reason
)

// Step is one step of one visit.
type Step struct {
	Num       int
	State     StepState
	Reason    string // why it does not apply
	OfficerID string
	DoneAt    time.Time
}

// Settled reports whether the step no longer blocks later ones.
func (s Step) Settled() bool { return s.State == StateDone || s.State == StateNA }

// Guest is the guest-book identity of a visitor.
type Guest struct {
	IDType      string
	IDNumber    string
	Name        string
	Gender      Gender
	BirthYear   int
	Education   string
	Occupation  string
	Institution string
	Category    string // kategori instansi
	Email       string
	Phone       string
	NPWP        string
}

// Item is a requested product line with its tariff quote: the request as
// typed (ItemInput, so the two cannot drift apart) and what the store
// worked out from it.
type Item struct {
	ID        string
	Seq       int
	Kind      ItemKind
	ItemInput       // what was requested: code, title, measures, format, variables, media
	Available *bool // nil until step 5
	Amount    int64
	Zero      bool // Rp0 facility applied
	NoItem    bool // no tariff item in the schedule
	Quote     []string
	Basis     string
	Prepared  time.Time
	Handed    time.Time
}

// Counts reports whether the line is still part of the quote (available or
// not yet checked).
func (it Item) Counts() bool { return it.Available == nil || *it.Available }

// Document is a document required for the visit.
type Document struct {
	Kind      DocKind
	Received  bool
	Checked   bool
	Matches   *bool
	Variables string
	Note      string
}

// Invoice is an invoice or kuitansi with its number.
type Invoice struct {
	ID         string
	Kind       InvoiceKind
	Number     string
	Amount     int64
	IssuedAt   time.Time
	Printed    int
	VoidAt     time.Time
	VoidReason string
	ReplacedBy string
	Payer      string // kuitansi: the payer printed on it (schema 2); '' on an invoice
}

// Void reports whether the number was voided.
func (i Invoice) Void() bool { return !i.VoidAt.IsZero() }

// BillingCode is a SIMPONI kode billing issued for a bank payment.
type BillingCode struct {
	ID        string
	Code      string
	Payer     string
	Amount    int64
	CreatedAt time.Time
	ExpiresAt time.Time
	Status    BillingState // as recorded; see State
}

// Payment is the confirmed payment of a visit.
type Payment struct {
	ID      string
	Method  PaymentMethod
	Payer   string
	Amount  int64
	Billing string // kode billing for bank payments
	NTPN    string
	NTB     string
	PaidAt  time.Time
}

// Rating is the SKM answer of a visit.
type Rating struct {
	Declined bool
	Scores   [9]int
	Saran    string
	RatedAt  time.Time
}

// Visit is one visit with everything recorded on it.
type Visit struct {
	ID           string
	OfficeCode   string
	CounterCode  string
	Day          string
	QueueNo      int
	ArrivedAt    time.Time
	FinishedAt   time.Time
	Status       VisitStatus
	StatusReason string
	OfficerID    string
	VisitorID    string
	// Returning: the visitor (VisitorID) came before this visit (they have
	// a visit that arrived earlier), so step 3 took a known person rather
	// than recording a new one. False for a person first recorded by this
	// visit and for a visit without a visitor record.
	Returning     bool
	Guest         Guest
	Consent       bool
	Purpose       string
	Use           string
	Letter        bool
	Agreed        *bool
	SampleGiven   bool
	SPPDGiven     bool
	ScheduleName  string
	Total         int64
	Corrections   int
	SuspendedAt   time.Time
	SuspendedSecs int64

	Steps     [NumSteps]Step // Steps[n-1] is step n
	Items     []Item
	Documents []Document
	Invoices  []Invoice
	Billing   []BillingCode
	Payment   *Payment
	Rating    *Rating
}

// Queue is the queue number as called out: "A-001".
func (v *Visit) Queue() string { return queueLabel(v.CounterCode, v.QueueNo) }

// Step returns step n (1-based).
func (v *Visit) Step(n int) Step { return v.Steps[n-1] }

// Open reports whether the visit is still being served.
func (v *Visit) Open() bool { return v.Status == VisitOpen }

// Suspended reports whether the visit is suspended (e.g. visitor at the bank).
func (v *Visit) Suspended() bool { return !v.SuspendedAt.IsZero() }

// Paid reports whether a payment is confirmed.
func (v *Visit) Paid() bool { return v.Payment != nil }

// Current is the step the officer works on next: the first step, in the
// procedure's order, that is neither done nor not applicable, or 16 once all
// are. A closed visit keeps the step it stopped at.
func (v *Visit) Current() int {
	for i, st := range v.Steps {
		if !st.Settled() {
			return i + 1
		}
	}
	return NumSteps
}

// ServiceTime is the time the visit was open at the counter: arrival to
// finish (or now), minus suspensions.
func (v *Visit) ServiceTime(now time.Time) time.Duration {
	end := now
	if !v.FinishedAt.IsZero() {
		end = v.FinishedAt
	}
	susp := time.Duration(v.SuspendedSecs) * time.Second
	if v.Suspended() && v.FinishedAt.IsZero() {
		susp += now.Sub(v.SuspendedAt)
	}
	return ServiceTime(v.ArrivedAt, end, susp)
}

// HasKind reports whether a counting line (available or not yet checked)
// is of kind k.
func (v *Visit) HasKind(k ItemKind) bool {
	for _, it := range v.Items {
		if it.Counts() && it.Kind == k {
			return true
		}
	}
	return false
}

// NeedsAgreement reports whether a counting line is microdata or a map,
// which brings the abstraksi and the SPPD (steps 6–9 and 12).
func (v *Visit) NeedsAgreement() bool {
	return v.HasKind(ItemMicrodata) || v.HasKind(ItemMap)
}

// RequiredDocuments lists the documents the visit's request brings, in the
// order step 6 tells them: the surat permohonan for the Rp0 tariff, then
// the abstraksi and the SPPD for microdata or maps. ConfirmTerms puts
// exactly these on the checklist; the screen reads them from here.
func RequiredDocuments(v *Visit) []DocKind {
	var out []DocKind
	if v.ZeroApplied() {
		out = append(out, DocLetter)
	}
	if v.NeedsAgreement() {
		out = append(out, DocAbstraksi, DocSPPD)
	}
	return out
}

// ZeroApplied reports whether the Rp0 facility applies to a counting line.
func (v *Visit) ZeroApplied() bool {
	for _, it := range v.Items {
		if it.Counts() && it.Zero {
			return true
		}
	}
	return false
}

// ActiveInvoice returns the current (not void) document of a kind.
func (v *Visit) ActiveInvoice(kind InvoiceKind) *Invoice {
	for i := range v.Invoices {
		if v.Invoices[i].Kind == kind && !v.Invoices[i].Void() {
			return &v.Invoices[i]
		}
	}
	return nil
}

// ActiveBilling returns the billing code awaiting payment, if any.
func (v *Visit) ActiveBilling() *BillingCode {
	for i := range v.Billing {
		if BillingState(v.Billing[i].Status) == BillingActive {
			return &v.Billing[i]
		}
	}
	return nil
}

// Document returns the document of a kind, if required.
func (v *Visit) Document(kind DocKind) *Document {
	for i := range v.Documents {
		if v.Documents[i].Kind == kind {
			return &v.Documents[i]
		}
	}
	return nil
}
