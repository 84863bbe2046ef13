package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// This file reads a visit and its records from the database.

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
// returning is read by the same query: the visitor has an earlier visit
// (Visit.Returning).
type visitHas struct{ items, docs, invoices, billing, payment, rating, returning bool }

const visitHasColumns = `, EXISTS (SELECT 1 FROM items WHERE visit_id = visits.id),
	EXISTS (SELECT 1 FROM documents WHERE visit_id = visits.id),
	EXISTS (SELECT 1 FROM invoices WHERE visit_id = visits.id),
	EXISTS (SELECT 1 FROM billing_codes WHERE visit_id = visits.id),
	EXISTS (SELECT 1 FROM payments WHERE visit_id = visits.id),
	EXISTS (SELECT 1 FROM ratings WHERE visit_id = visits.id),
	EXISTS (SELECT 1 FROM visits w WHERE w.visitor_id = visits.visitor_id AND
		(w.arrived_at < visits.arrived_at OR (w.arrived_at = visits.arrived_at AND w.rowid < visits.rowid)))`

func loadVisit(ctx context.Context, q querier, id string) (*Visit, error) {
	var has visitHas
	v, err := scanVisit(q.QueryRowContext(ctx, `SELECT `+visitColumns+visitHasColumns+` FROM visits WHERE id = ?`, id),
		&has.items, &has.docs, &has.invoices, &has.billing, &has.payment, &has.rating, &has.returning)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: kunjungan %s", ErrNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: load visit: %w", err)
	}
	v.Returning = has.returning
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
