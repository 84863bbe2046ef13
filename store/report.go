package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"loket/store/valid"
)

// Report is one read-only snapshot of the records of a period (WIB days From
// to To, inclusive), for the end-of-day workbook. Every row is handed to a
// callback as it is read, so memory does not grow with the number of rows;
// every query starts from a day index (visits_day, payments_day,
// ratings_day, complaints_day, handovers_day).
//
// Which rows a period holds follows DOMAIN.md: visits and their product
// lines by the day of arrival, payments by the day they were made, ratings
// by the day they were given, complaints and cash hand-overs by their day.
type Report struct {
	ctx      context.Context
	tx       *sql.Tx
	From, To string // YYYY-MM-DD
	// Archive says the snapshot is of an archive (loket gabung): the rows
	// then carry the office and counter code of the counter they came
	// from (Counter, e.g. "1906/A"), which a counter's own database does
	// not need and does not read.
	Archive bool
}

// Report runs fn over one consistent read-only snapshot of the period
// [from, to] (WIB days, YYYY-MM-DD). It takes no write lock, so it runs
// beside the counter's writes; the Report is valid only inside fn.
func (s *Store) Report(ctx context.Context, from, to string, fn func(r *Report) error) error {
	f, err := valid.Date("Dari tanggal", from)
	if err != nil {
		return err
	}
	t, err := valid.Date("Sampai tanggal", to)
	if err != nil {
		return err
	}
	if f.After(t) {
		return &valid.Error{Field: "Periode", Msg: fmt.Sprintf("tanggal awal %s sesudah tanggal akhir %s", from, to)}
	}
	from, to = f.Format(time.DateOnly), t.Format(time.DateOnly)
	return s.read(ctx, func(tx *sql.Tx) error {
		archive, err := isArchive(ctx, tx)
		if err != nil {
			return err
		}
		return fn(&Report{ctx: ctx, tx: tx, From: from, To: to, Archive: archive})
	})
}

// Office returns the office settings as of the snapshot.
func (r *Report) Office() (Office, error) { return getOffice(r.ctx, r.tx) }

// VisitRow is a visit as the workbook's Kunjungan sheet shows it: the guest
// book as it was at the visit, and where the visit stands.
type VisitRow struct {
	ID           string
	Queue        string
	Day          string // WIB day of arrival
	ArrivedAt    time.Time
	FinishedAt   time.Time // zero while Berjalan
	Status       VisitStatus
	StatusReason string
	// LastStep is where the visit stands: for an open visit the step the
	// officer works on next, for a closed one the last step done.
	LastStep      int
	Officer       string // who started the visit
	Guest         Guest
	Consent       bool
	Purpose       string
	Use           string
	Total         int64
	Paid          bool
	Corrections   int
	SuspendedSecs int64
	// Counter is the office and counter code of the counter that served
	// the visit ("1906/A"); set on an archive only (Report.Archive).
	Counter string
}

// ServiceTime is the time the visit was open at the counter (arrival to
// finish minus suspensions) and whether it is known: an open visit has none
// yet.
func (v VisitRow) ServiceTime() (time.Duration, bool) {
	if v.FinishedAt.IsZero() {
		return 0, false
	}
	return ServiceTime(v.ArrivedAt, v.FinishedAt, time.Duration(v.SuspendedSecs)*time.Second), true
}

const reportVisitsQuery = `SELECT v.id, v.counter_code, v.queue_no, v.day, v.arrived_at, v.finished_at, v.status,
	v.status_reason, coalesce(o.name,''), v.v_id_type, v.v_id_number, v.v_name, v.v_gender, v.v_education,
	v.v_occupation, v.v_institution, v.v_inst_category, v.v_email, v.v_phone, v.consent, v.purpose, v.use,
	v.total, v.corrections, v.suspended_secs,
	(SELECT max(st.step) FROM visit_steps st WHERE st.visit_id = v.id AND st.state = 'done'),
	(SELECT min(st.step) FROM visit_steps st WHERE st.visit_id = v.id AND st.state NOT IN ('done','na')),
	EXISTS (SELECT 1 FROM payments p WHERE p.visit_id = v.id)
	FROM visits v LEFT JOIN officers o ON o.id = v.officer_id
	WHERE v.day BETWEEN ? AND ?
	ORDER BY v.day, v.arrived_at, v.id`

var reportVisitsArchiveQuery = withCounter(reportVisitsQuery, visitCounterSQL)

// Visits calls fn for each visit that arrived in the period, in order of
// arrival.
func (r *Report) Visits(fn func(VisitRow) error) error {
	query := reportVisitsQuery
	if r.Archive {
		query = reportVisitsArchiveQuery
	}
	rows, err := r.tx.QueryContext(r.ctx, query, r.From, r.To)
	if err != nil {
		return fmt.Errorf("store: report visits: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v VisitRow
		var counter, arrived string
		var queue int
		var finished sql.NullString
		var done, current sql.NullInt64
		g := &v.Guest
		dest := []any{&v.ID, &counter, &queue, &v.Day, &arrived, &finished, &v.Status, &v.StatusReason,
			&v.Officer, &g.IDType, &g.IDNumber, &g.Name, &g.Gender, &g.Education, &g.Occupation, &g.Institution,
			&g.Category, &g.Email, &g.Phone, &v.Consent, &v.Purpose, &v.Use, &v.Total, &v.Corrections,
			&v.SuspendedSecs, &done, &current, &v.Paid}
		if r.Archive {
			dest = append(dest, &v.Counter)
		}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: report visits: %w", err)
		}
		v.Queue = queueLabel(counter, queue)
		v.ArrivedAt, v.FinishedAt = parseTime(arrived), nullTime(finished)
		switch {
		case v.Status != VisitOpen:
			v.LastStep = int(done.Int64)
		case current.Valid:
			v.LastStep = int(current.Int64)
		default:
			v.LastStep = NumSteps
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ItemRow is a product line of a visit that arrived in the period.
type ItemRow struct {
	VisitID string
	Item
	// VisitPaid reports whether the visit's payment is confirmed (at any
	// time up to the snapshot): its counting lines are then paid lines.
	VisitPaid bool
	Counter   string // the visit's counter, on an archive only (VisitRow.Counter)
}

// Paid reports whether the line is part of a confirmed payment: the visit
// is paid and the line is still in the quote.
func (it ItemRow) Paid() bool { return it.VisitPaid && it.Counts() }

var reportItemsQuery = `SELECT i.visit_id, ` + itemColumns("i.") + `,
	EXISTS (SELECT 1 FROM payments p WHERE p.visit_id = v.id)
	FROM visits v JOIN items i ON i.visit_id = v.id
	WHERE v.day BETWEEN ? AND ?
	ORDER BY v.day, v.arrived_at, v.id, i.seq`

var reportItemsArchiveQuery = withCounter(reportItemsQuery, visitCounterSQL)

// Items calls fn for each product line of the visits that arrived in the
// period, in the order of Visits and then of the request.
func (r *Report) Items(fn func(ItemRow) error) error {
	query := reportItemsQuery
	if r.Archive {
		query = reportItemsArchiveQuery
	}
	rows, err := r.tx.QueryContext(r.ctx, query, r.From, r.To)
	if err != nil {
		return fmt.Errorf("store: report items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var it ItemRow
		tail := []any{&it.VisitPaid}
		if r.Archive {
			tail = append(tail, &it.Counter)
		}
		item, err := scanItem(scanPrefixed{rows, &it.VisitID}, tail...)
		if err != nil {
			return fmt.Errorf("store: report items: %w", err)
		}
		it.Item = item
		if err := fn(it); err != nil {
			return err
		}
	}
	return rows.Err()
}

// PaymentRow is a payment made in the period, with the numbers of its
// documents.
type PaymentRow struct {
	VisitID  string
	VisitDay string // WIB day the visit arrived
	Queue    string
	Payment
	Invoice      string // the invoice number in force ("" if none)
	Receipt      string // the kuitansi number in force
	VoidReceipts string // kuitansi numbers voided on reissue, comma separated
	Officer      string // who recorded the payment
	Counter      string // the visit's counter, on an archive only (VisitRow.Counter)
}

const reportPaymentsQuery = `SELECT p.visit_id, v.day, v.counter_code, v.queue_no, p.id, p.method, p.payer, p.amount,
	coalesce(b.code,''), p.ntpn, p.ntb, p.paid_at, coalesce(o.name,''),
	coalesce((SELECT i.number FROM invoices i WHERE i.visit_id = p.visit_id AND i.kind = 'invoice' AND i.void_at IS NULL
		ORDER BY i.issued_at DESC LIMIT 1),''),
	coalesce((SELECT i.number FROM invoices i WHERE i.visit_id = p.visit_id AND i.kind = 'kuitansi' AND i.void_at IS NULL
		ORDER BY i.issued_at DESC LIMIT 1),''),
	coalesce((SELECT group_concat(i.number, ', ') FROM invoices i WHERE i.visit_id = p.visit_id AND i.kind = 'kuitansi'
		AND i.void_at IS NOT NULL),'')
	FROM payments p JOIN visits v ON v.id = p.visit_id
	LEFT JOIN billing_codes b ON b.id = p.billing_id
	LEFT JOIN officers o ON o.id = p.officer_id
	WHERE p.day BETWEEN ? AND ?
	ORDER BY p.day, p.paid_at, p.id`

var reportPaymentsArchiveQuery = withCounter(reportPaymentsQuery, visitCounterSQL)

// Payments calls fn for each payment made in the period (what finance
// deposits), in order of payment.
func (r *Report) Payments(fn func(PaymentRow) error) error {
	query := reportPaymentsQuery
	if r.Archive {
		query = reportPaymentsArchiveQuery
	}
	rows, err := r.tx.QueryContext(r.ctx, query, r.From, r.To)
	if err != nil {
		return fmt.Errorf("store: report payments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p PaymentRow
		var counter, paid string
		var queue int
		dest := []any{&p.VisitID, &p.VisitDay, &counter, &queue, &p.ID, &p.Method, &p.Payer, &p.Amount,
			&p.Billing, &p.NTPN, &p.NTB, &paid, &p.Officer, &p.Invoice, &p.Receipt, &p.VoidReceipts}
		if r.Archive {
			dest = append(dest, &p.Counter)
		}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: report payments: %w", err)
		}
		p.Queue, p.PaidAt = queueLabel(counter, queue), parseTime(paid)
		if err := fn(p); err != nil {
			return err
		}
	}
	return rows.Err()
}

// RatingRow is an SKM answer given in the period.
type RatingRow struct {
	VisitID string
	Rating
	Counter string // the visit's counter, on an archive only (VisitRow.Counter)
}

const reportRatingsQuery = `SELECT r.visit_id, r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9, r.saran, r.rated_at
	FROM ratings r WHERE r.day BETWEEN ? AND ? AND r.declined = 0
	ORDER BY r.day, r.rated_at, r.id`

var reportRatingsArchiveQuery = withCounter(reportRatingsQuery,
	`(SELECT `+visitCounterSQL+` FROM visits v WHERE v.id = r.visit_id)`)

// Ratings calls fn for each SKM answer given in the period with its nine
// scores. Declined surveys are not rows: the IKM is computed from exactly
// the answers, and DeclinedRatings counts the others.
func (r *Report) Ratings(fn func(RatingRow) error) error {
	query := reportRatingsQuery
	if r.Archive {
		query = reportRatingsArchiveQuery
	}
	rows, err := r.tx.QueryContext(r.ctx, query, r.From, r.To)
	if err != nil {
		return fmt.Errorf("store: report ratings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var x RatingRow
		var rated string
		u := &x.Scores
		dest := []any{&x.VisitID, &u[0], &u[1], &u[2], &u[3], &u[4], &u[5], &u[6], &u[7], &u[8], &x.Saran, &rated}
		if r.Archive {
			dest = append(dest, &x.Counter)
		}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: report ratings: %w", err)
		}
		x.RatedAt = parseTime(rated)
		if err := fn(x); err != nil {
			return err
		}
	}
	return rows.Err()
}

const reportDeclinedQuery = `SELECT count(*) FROM ratings WHERE day BETWEEN ? AND ? AND declined = 1`

// DeclinedRatings counts the visitors who declined the survey in the period.
func (r *Report) DeclinedRatings() (int, error) {
	var n int
	if err := r.tx.QueryRowContext(r.ctx, reportDeclinedQuery, r.From, r.To).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: report declined ratings: %w", err)
	}
	return n, nil
}

// ComplaintRow is a complaint received in the period with all its
// follow-ups, oldest first.
type ComplaintRow struct {
	Day string
	Complaint
	Counter string // the counter that recorded it, on an archive only
}

const reportComplaintsQuery = `SELECT c.id, c.day, c.received_at, c.channel, c.text, c.status, coalesce(c.visit_id,''),
	f.at, coalesce(f.status,''), coalesce(f.note,'')
	FROM complaints c LEFT JOIN complaint_followups f ON f.complaint_id = c.id
	WHERE c.day BETWEEN ? AND ?
	ORDER BY c.day, c.received_at, c.id, f.at, f.id`

var reportComplaintsArchiveQuery = withCounter(reportComplaintsQuery, strings.Replace(originCounterSQL, "ORIGIN", "c.origin", 1))

// Complaints calls fn for each complaint received in the period, in order
// of receipt. Only one complaint's follow-ups are held at a time.
func (r *Report) Complaints(fn func(ComplaintRow) error) error {
	query := reportComplaintsQuery
	if r.Archive {
		query = reportComplaintsArchiveQuery
	}
	rows, err := r.tx.QueryContext(r.ctx, query, r.From, r.To)
	if err != nil {
		return fmt.Errorf("store: report complaints: %w", err)
	}
	defer rows.Close()
	var cur *ComplaintRow
	for rows.Next() {
		var c ComplaintRow
		var received string
		var at sql.NullString
		var f FollowUp
		dest := []any{&c.ID, &c.Day, &received, &c.Channel, &c.Text, &c.Status, &c.VisitID, &at, &f.Status, &f.Note}
		if r.Archive {
			dest = append(dest, &c.Counter)
		}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: report complaints: %w", err)
		}
		if cur == nil || cur.ID != c.ID {
			if cur != nil {
				if err := fn(*cur); err != nil {
					return err
				}
			}
			c.ReceivedAt = parseTime(received)
			cur = &c
		}
		if at.Valid {
			f.At = parseTime(at.String)
			cur.FollowUps = append(cur.FollowUps, f)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if cur != nil {
		return fn(*cur)
	}
	return nil
}

// HandoverRow is a cash hand-over of a day in the period.
type HandoverRow struct {
	CashHandover
	Officer string // who handed the cash over
	Counter string // the counter it was recorded at, on an archive only
}

const reportHandoversQuery = `SELECT h.id, h.day, h.cash_receipts, h.counted, h.difference, h.reason, h.recipient,
	h.handed_at, coalesce(o.name,'')
	FROM handovers h LEFT JOIN officers o ON o.id = h.officer_id
	WHERE h.day BETWEEN ? AND ?
	ORDER BY h.day, h.handed_at, h.id`

var reportHandoversArchiveQuery = withCounter(reportHandoversQuery, strings.Replace(originCounterSQL, "ORIGIN", "h.origin", 1))

// Handovers calls fn for each cash hand-over of the days in the period.
func (r *Report) Handovers(fn func(HandoverRow) error) error {
	query := reportHandoversQuery
	if r.Archive {
		query = reportHandoversArchiveQuery
	}
	rows, err := r.tx.QueryContext(r.ctx, query, r.From, r.To)
	if err != nil {
		return fmt.Errorf("store: report handovers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h HandoverRow
		var at string
		dest := []any{&h.ID, &h.Day, &h.CashReceipts, &h.Counted, &h.Difference, &h.Reason, &h.Recipient, &at, &h.Officer}
		if r.Archive {
			dest = append(dest, &h.Counter)
		}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: report handovers: %w", err)
		}
		h.HandedAt = parseTime(at)
		if err := fn(h); err != nil {
			return err
		}
	}
	return rows.Err()
}

// InvoiceByNumber finds the visit and kind (invoice, kuitansi) of a
// document number, void or not, so a document can be printed from its
// number alone.
func (s *Store) InvoiceByNumber(ctx context.Context, number string) (visitID, kind string, err error) {
	number = strings.ToUpper(strings.TrimSpace(number))
	err = s.read(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT visit_id, kind FROM invoices WHERE number = ?`, number).Scan(&visitID, &kind)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: nomor %s", ErrNotFound, number)
		}
		return err
	})
	return visitID, kind, err
}

// OfficerName is the name of an officer, active or not; "" for an unknown
// id.
func (s *Store) OfficerName(ctx context.Context, id string) (string, error) {
	var name string
	err := s.read(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT name FROM officers WHERE id = ?`, id).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return name, err
}

// scanPrefixed scans one leading column into first before the rest.
type scanPrefixed struct {
	rows  *sql.Rows
	first any
}

func (p scanPrefixed) Scan(dest ...any) error {
	return p.rows.Scan(append([]any{p.first}, dest...)...)
}
