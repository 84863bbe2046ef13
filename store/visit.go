package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Visit statuses, spelled as the workbook shows them.
const (
	StatusOpen     = "Berjalan"
	StatusDone     = "Selesai"
	StatusCanceled = "Batal"
	StatusReferred = "Dirujuk ke konsultasi"
)

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
	Gender      string
	BirthYear   int
	Education   string
	Occupation  string
	Institution string
	Category    string // kategori instansi
	Email       string
	Phone       string
	NPWP        string
}

// Item is a requested product line with its tariff quote.
type Item struct {
	ID        string
	Seq       int
	Kind      string // publikasi, data_mikro, peta
	Code      string // tariff item code
	Title     string
	Year      int
	Pages     int64
	Bytes     int64
	Maps      int64
	Format    string
	Variables string
	Media     string
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
	Kind      string // abstraksi, sppd, surat_permohonan
	Received  bool
	Checked   bool
	Matches   *bool
	Variables string
	Note      string
}

// Invoice is an invoice or kuitansi with its number.
type Invoice struct {
	ID         string
	Kind       string // invoice, kuitansi
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
	Status    string // aktif, dibayar, kedaluwarsa, diganti, dibatalkan
}

// Payment is the confirmed payment of a visit.
type Payment struct {
	ID      string
	Method  string // Tunai, Bank
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
	ID            string
	OfficeCode    string
	CounterCode   string
	Day           string
	QueueNo       int
	ArrivedAt     time.Time
	FinishedAt    time.Time
	Status        string
	StatusReason  string
	OfficerID     string
	VisitorID     string
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
func (v *Visit) Open() bool { return v.Status == StatusOpen }

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
	d := end.Sub(v.ArrivedAt) - susp
	if d < 0 {
		return 0
	}
	return d
}

// HasMicrodata reports whether a counting line is microdata or a map, which
// brings the abstraksi and the SPPD.
func (v *Visit) HasMicrodata() bool {
	for _, it := range v.Items {
		if it.Counts() && (it.Kind == "data_mikro" || it.Kind == "peta") {
			return true
		}
	}
	return false
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
func (v *Visit) ActiveInvoice(kind string) *Invoice {
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
		if v.Billing[i].Status == "aktif" {
			return &v.Billing[i]
		}
	}
	return nil
}

// Document returns the document of a kind, if required.
func (v *Visit) Document(kind string) *Document {
	for i := range v.Documents {
		if v.Documents[i].Kind == kind {
			return &v.Documents[i]
		}
	}
	return nil
}

// Visit loads one visit with all its records.
func (s *Store) Visit(ctx context.Context, id string) (*Visit, error) {
	var v *Visit
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = loadVisit(ctx, s.cached(tx), id)
		return err
	})
	return v, err
}

const visitColumns = `id, office_code, counter_code, day, queue_no, arrived_at, finished_at, status, status_reason,
	officer_id, coalesce(visitor_id,''), v_id_type, v_id_number, v_name, v_gender, coalesce(v_birth_year,0), v_education,
	v_occupation, v_institution, v_inst_category, v_email, v_phone, v_npwp, consent, purpose, use, letter,
	agreed, sample_given, sppd_given, schedule_name, total, corrections, suspended_at, suspended_secs`

// scanVisit reads visitColumns, then any extra destinations.
func scanVisit(sc interface{ Scan(...any) error }, extra ...any) (*Visit, error) {
	v := &Visit{}
	var arrived string
	var finished, suspended sql.NullString
	var agreed sql.NullBool
	g := &v.Guest
	dest := append([]any{&v.ID, &v.OfficeCode, &v.CounterCode, &v.Day, &v.QueueNo, &arrived, &finished, &v.Status,
		&v.StatusReason, &v.OfficerID, &v.VisitorID, &g.IDType, &g.IDNumber, &g.Name, &g.Gender, &g.BirthYear,
		&g.Education, &g.Occupation, &g.Institution, &g.Category, &g.Email, &g.Phone, &g.NPWP, &v.Consent,
		&v.Purpose, &v.Use, &v.Letter, &agreed, &v.SampleGiven, &v.SPPDGiven, &v.ScheduleName, &v.Total,
		&v.Corrections, &suspended, &v.SuspendedSecs}, extra...)
	err := sc.Scan(dest...)
	if err != nil {
		return nil, err
	}
	v.ArrivedAt = parseTime(arrived)
	v.FinishedAt = nullTime(finished)
	v.SuspendedAt = nullTime(suspended)
	if agreed.Valid {
		b := agreed.Bool
		v.Agreed = &b
	}
	return v, nil
}

// visitHas says which of a visit's records exist, probed by the query that
// reads the visit: a visit in its first steps has no items, documents,
// invoices, billing codes, payment or rating yet, and each query not run
// is a round trip through database/sql and the driver saved. Loading a
// visit happens before every step, so this is most of a step's reading.
type visitHas struct{ items, docs, invoices, billing, payment, rating bool }

const visitHasColumns = `, EXISTS (SELECT 1 FROM items WHERE visit_id = visits.id),
	EXISTS (SELECT 1 FROM documents WHERE visit_id = visits.id),
	EXISTS (SELECT 1 FROM invoices WHERE visit_id = visits.id),
	EXISTS (SELECT 1 FROM billing_codes WHERE visit_id = visits.id),
	EXISTS (SELECT 1 FROM payments WHERE visit_id = visits.id),
	EXISTS (SELECT 1 FROM ratings WHERE visit_id = visits.id)`

func loadVisit(ctx context.Context, q querier, id string) (*Visit, error) {
	var has visitHas
	v, err := scanVisit(q.QueryRowContext(ctx, `SELECT `+visitColumns+visitHasColumns+` FROM visits WHERE id = ?`, id),
		&has.items, &has.docs, &has.invoices, &has.billing, &has.payment, &has.rating)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: kunjungan %s", ErrNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: load visit: %w", err)
	}
	for i := range v.Steps {
		v.Steps[i] = Step{Num: i + 1, State: StatePending}
	}
	if err := loadSteps(ctx, q, v); err != nil {
		return nil, err
	}
	if has.items {
		if err := loadItems(ctx, q, v); err != nil {
			return nil, err
		}
	}
	if err := loadDocsMoney(ctx, q, v, has); err != nil {
		return nil, err
	}
	return v, nil
}

func loadSteps(ctx context.Context, q querier, v *Visit) error {
	rows, err := q.QueryContext(ctx, `SELECT step, state, reason, coalesce(officer_id,''), done_at FROM visit_steps WHERE visit_id = ?`, v.ID)
	if err != nil {
		return fmt.Errorf("store: load steps: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st Step
		var done sql.NullString
		if err := rows.Scan(&st.Num, &st.State, &st.Reason, &st.OfficerID, &done); err != nil {
			return err
		}
		st.DoneAt = nullTime(done)
		v.Steps[st.Num-1] = st
	}
	return rows.Err()
}

// itemColumns lists the items columns scanItem reads, in its order, each
// qualified with the table alias a ("i." or ""); callers may select more
// after them.
func itemColumns(a string) string {
	return a + "id, " + a + "seq, " + a + "kind, " + a + "code, " + a + "title, coalesce(" + a + "year,0), " +
		a + "pages, " + a + "bytes, " + a + "maps, " + a + "format, " + a + "variables, " + a + "media, " +
		a + "available, " + a + "amount, " + a + "zero, " + a + "no_item, " + a + "quote, " + a + "basis"
}

// scanItem reads itemColumns, then any extra destinations.
func scanItem(sc interface{ Scan(...any) error }, extra ...any) (Item, error) {
	var it Item
	var avail sql.NullBool
	var quote string
	dest := append([]any{&it.ID, &it.Seq, &it.Kind, &it.Code, &it.Title, &it.Year, &it.Pages, &it.Bytes, &it.Maps,
		&it.Format, &it.Variables, &it.Media, &avail, &it.Amount, &it.Zero, &it.NoItem, &quote, &it.Basis}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return it, err
	}
	if avail.Valid {
		b := avail.Bool
		it.Available = &b
	}
	if quote != "" {
		it.Quote = strings.Split(quote, "\n")
	}
	return it, nil
}

func loadItems(ctx context.Context, q querier, v *Visit) error {
	rows, err := q.QueryContext(ctx, `SELECT `+itemColumns("")+`, prepared_at, handed_at
		FROM items WHERE visit_id = ? ORDER BY seq`, v.ID)
	if err != nil {
		return fmt.Errorf("store: load items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var prep, hand sql.NullString
		it, err := scanItem(rows, &prep, &hand)
		if err != nil {
			return err
		}
		it.Prepared, it.Handed = nullTime(prep), nullTime(hand)
		v.Items = append(v.Items, it)
	}
	return rows.Err()
}

func loadDocsMoney(ctx context.Context, q querier, v *Visit, has visitHas) error {
	if has.docs {
		rows, err := q.QueryContext(ctx, `SELECT kind, received, checked, matches, variables, note FROM documents
			WHERE visit_id = ? ORDER BY CASE kind WHEN 'surat_permohonan' THEN 1 WHEN 'abstraksi' THEN 2 ELSE 3 END`, v.ID)
		if err != nil {
			return fmt.Errorf("store: load documents: %w", err)
		}
		for rows.Next() {
			var d Document
			var m sql.NullBool
			if err := rows.Scan(&d.Kind, &d.Received, &d.Checked, &m, &d.Variables, &d.Note); err != nil {
				rows.Close()
				return err
			}
			if m.Valid {
				b := m.Bool
				d.Matches = &b
			}
			v.Documents = append(v.Documents, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	if has.invoices {
		rows, err := q.QueryContext(ctx, `SELECT id, kind, number, amount, issued_at, printed, void_at, void_reason,
			coalesce(replaced_by,''), payer FROM invoices WHERE visit_id = ? ORDER BY issued_at, number`, v.ID)
		if err != nil {
			return fmt.Errorf("store: load invoices: %w", err)
		}
		for rows.Next() {
			var in Invoice
			var issued string
			var void sql.NullString
			if err := rows.Scan(&in.ID, &in.Kind, &in.Number, &in.Amount, &issued, &in.Printed, &void, &in.VoidReason, &in.ReplacedBy, &in.Payer); err != nil {
				rows.Close()
				return err
			}
			in.IssuedAt, in.VoidAt = parseTime(issued), nullTime(void)
			v.Invoices = append(v.Invoices, in)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	if has.billing {
		rows, err := q.QueryContext(ctx, `SELECT id, code, payer, amount, created_at, expires_at, status FROM billing_codes
			WHERE visit_id = ? ORDER BY created_at`, v.ID)
		if err != nil {
			return fmt.Errorf("store: load billing: %w", err)
		}
		for rows.Next() {
			var b BillingCode
			var created, expires string
			if err := rows.Scan(&b.ID, &b.Code, &b.Payer, &b.Amount, &created, &expires, &b.Status); err != nil {
				rows.Close()
				return err
			}
			b.CreatedAt, b.ExpiresAt = parseTime(created), parseTime(expires)
			v.Billing = append(v.Billing, b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	if has.payment {
		var p Payment
		var paid string
		err := q.QueryRowContext(ctx, `SELECT p.id, p.method, p.payer, p.amount, coalesce(b.code,''), p.ntpn, p.ntb, p.paid_at
			FROM payments p LEFT JOIN billing_codes b ON b.id = p.billing_id WHERE p.visit_id = ?`, v.ID).
			Scan(&p.ID, &p.Method, &p.Payer, &p.Amount, &p.Billing, &p.NTPN, &p.NTB, &paid)
		switch {
		case err == nil:
			p.PaidAt = parseTime(paid)
			v.Payment = &p
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("store: load payment: %w", err)
		}
	}
	if has.rating {
		var r Rating
		var rated string
		var u [9]sql.NullInt64
		err := q.QueryRowContext(ctx, `SELECT declined, u1, u2, u3, u4, u5, u6, u7, u8, u9, saran, rated_at
			FROM ratings WHERE visit_id = ?`, v.ID).Scan(&r.Declined, &u[0], &u[1], &u[2], &u[3], &u[4], &u[5],
			&u[6], &u[7], &u[8], &r.Saran, &rated)
		switch {
		case err == nil:
			for i := range u {
				r.Scores[i] = int(u[i].Int64)
			}
			r.RatedAt = parseTime(rated)
			v.Rating = &r
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("store: load rating: %w", err)
		}
	}
	return nil
}
