package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// DayStats are the figures of one WIB day for the home screen.
type DayStats struct {
	Visits, Finished, Open, Canceled, Referred int
	PNBP, Cash, Bank                           int64
	Payments, CashPayments                     int           // payments received that day, and those in cash
	AvgService                                 time.Duration // over finished visits
	Within5                                    int           // finished visits served in ≤ 5 minutes
	Respondents                                int
	IKM                                        float64 // converted (0–100), 0 without respondents
}

// Within5Pct is the share of finished visits within the 5-minute standard.
func (d DayStats) Within5Pct() float64 {
	if d.Finished == 0 {
		return 0
	}
	return 100 * float64(d.Within5) / float64(d.Finished)
}

// ServiceStandard is the service-time standard ("Waktu Penyelesaian: 5 Menit").
const ServiceStandard = 5 * time.Minute

// DayStats computes the home screen's figures for a WIB day (YYYY-MM-DD).
func (s *Store) DayStats(ctx context.Context, day string) (DayStats, error) {
	var d DayStats
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT status, arrived_at, finished_at, suspended_secs FROM visits WHERE day = ?`, day)
		if err != nil {
			return err
		}
		var total time.Duration
		for rows.Next() {
			var status VisitStatus
			var arrived string
			var finished sql.NullString
			var susp int64
			if err := rows.Scan(&status, &arrived, &finished, &susp); err != nil {
				rows.Close()
				return err
			}
			d.Visits++
			switch status {
			case VisitOpen:
				d.Open++
			case VisitCanceled:
				d.Canceled++
			case VisitReferred:
				d.Referred++
			case VisitDone:
				d.Finished++
				st := ServiceTime(parseTime(arrived), nullTime(finished), time.Duration(susp)*time.Second)
				total += st
				if st <= ServiceStandard {
					d.Within5++
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if d.Finished > 0 {
			d.AvgService = total / time.Duration(d.Finished)
		}
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(amount),0), coalesce(sum(CASE WHEN method='Tunai' THEN amount END),0),
			coalesce(sum(CASE WHEN method='Bank' THEN amount END),0), count(*), count(CASE WHEN method='Tunai' THEN 1 END)
			FROM payments WHERE day = ?`, day).Scan(&d.PNBP, &d.Cash, &d.Bank, &d.Payments, &d.CashPayments); err != nil {
			return err
		}
		sk, err := skmFor(ctx, tx, `day = ?`, day)
		if err != nil {
			return err
		}
		d.Respondents, d.IKM = sk.N, sk.IKM()
		return nil
	})
	return d, err
}

// OpenVisit is a line of the home screen's list of open visits.
type OpenVisit struct {
	ID             string
	Queue          string
	Day            string
	Name           string
	Current        int
	Waiting        bool // step 11 menunggu pembayaran
	Suspended      bool
	ArrivedAt      time.Time
	UpdatedAt      time.Time
	BillingCode    string
	BillingExpires time.Time
	Total          int64
}

// OpenVisits lists the visits still Berjalan, oldest first.
func (s *Store) OpenVisits(ctx context.Context) ([]OpenVisit, error) {
	var out []OpenVisit
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT v.id, v.counter_code, v.queue_no, v.day, v.v_name, v.arrived_at, v.updated_at,
			v.suspended_at IS NOT NULL, v.total,
			(SELECT min(step) FROM visit_steps st WHERE st.visit_id = v.id AND st.state NOT IN ('done','na')),
			(SELECT state FROM visit_steps st WHERE st.visit_id = v.id AND st.step = 11),
			coalesce(b.code,''), coalesce(b.expires_at,'')
			FROM visits v LEFT JOIN billing_codes b ON b.visit_id = v.id AND b.status = 'aktif'
			WHERE v.status = 'Berjalan' ORDER BY v.arrived_at`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var o OpenVisit
			var counter, arrived, updated, pay, expires string
			var q int
			var cur sql.NullInt64
			if err := rows.Scan(&o.ID, &counter, &q, &o.Day, &o.Name, &arrived, &updated, &o.Suspended, &o.Total, &cur, &pay,
				&o.BillingCode, &expires); err != nil {
				return err
			}
			o.Queue = queueLabel(counter, q)
			o.ArrivedAt, o.UpdatedAt = parseTime(arrived), parseTime(updated)
			o.Current = int(cur.Int64)
			if !cur.Valid {
				o.Current = NumSteps
			}
			o.Waiting = pay == string(StateWaiting)
			if expires != "" {
				o.BillingExpires = parseTime(expires)
			}
			out = append(out, o)
		}
		return rows.Err()
	})
	return out, err
}

func queueLabel(counter string, n int) string { return fmt.Sprintf("%s-%03d", counter, n) }

// Hit is a search result: a visit, found by what matched.
type Hit struct {
	VisitID   string
	VisitorID string
	Queue     string
	Day       string
	Name      string
	Status    VisitStatus
	By        Match  // what the visit was found by
	Matched   string // the number that matched, e.g. "Kuitansi KW/1906/A/2026/11/0001"; "" for MatchVisitor
}

// Search finds visits and visitors by visitor name/ID/email/phone (any word
// prefix), invoice or kuitansi number, kode billing or NTPN.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	query = strings.TrimSpace(query)
	if query == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 20
	}
	var out []Hit
	err := s.read(ctx, func(tx *sql.Tx) error {
		up := strings.ToUpper(query)
		// add appends the visits of one kind of match; sub selects each
		// visit's id and what matched it.
		add := func(sub string, args ...any) error {
			hits, err := scanHits(ctx, tx, `SELECT v.id, coalesce(v.visitor_id,''), v.counter_code, v.queue_no, v.day, v.v_name, v.status, m.matched
				FROM (`+sub+`) m JOIN visits v ON v.id = m.visit_id ORDER BY v.arrived_at DESC LIMIT ?`, append(args, limit)...)
			out = append(out, hits...)
			return err
		}
		if strings.HasPrefix(up, "INV/") || strings.HasPrefix(up, "KW/") {
			if err := add(`SELECT visit_id, CASE kind WHEN 'invoice' THEN 'Invoice ' ELSE 'Kuitansi ' END || number ||
				CASE WHEN void_at IS NULL THEN '' ELSE ' (batal)' END AS matched
				FROM invoices WHERE number >= ? AND number < ?`, up, up+"\U0010FFFF"); err != nil {
				return err
			}
		}
		digits := strings.ReplaceAll(up, " ", "")
		if len(digits) >= 6 {
			if err := add(`SELECT visit_id, 'Kode billing ' || code AS matched FROM billing_codes WHERE code >= ? AND code < ?`,
				digits, digits+"\U0010FFFF"); err != nil {
				return err
			}
			if err := add(`SELECT visit_id, 'NTPN ' || ntpn AS matched FROM payments WHERE ntpn >= ? AND ntpn < ? AND ntpn <> ''`,
				digits, digits+"\U0010FFFF"); err != nil {
				return err
			}
		}
		vs, err := findVisitorIDs(ctx, tx, query, limit)
		if err != nil {
			return err
		}
		for _, id := range vs {
			if err := add(`SELECT id AS visit_id, '' AS matched FROM visits WHERE visitor_id = ?`, id); err != nil {
				return err
			}
		}
		return nil
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, err
}

// VisitByQueue finds the visit of a queue number ("A-003": counter A,
// number 3) on a WIB day; ErrNotFound when there is none.
func (s *Store) VisitByQueue(ctx context.Context, day, counter string, n int) (string, error) {
	var id string
	err := s.read(ctx, func(tx *sql.Tx) error {
		err := s.cached(tx).QueryRowContext(ctx, `SELECT id FROM visits WHERE day = ? AND counter_code = ? AND queue_no = ?`,
			day, counter, n).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: nomor antrian %s pada %s", ErrNotFound, queueLabel(counter, n), day)
		}
		return err
	})
	return id, err
}

// VisitorVisits lists a visitor's visits, newest first, at most limit.
func (s *Store) VisitorVisits(ctx context.Context, visitorID string, limit int) ([]Hit, error) {
	if limit <= 0 {
		limit = 50
	}
	var out []Hit
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = scanHits(ctx, tx, `SELECT id, coalesce(visitor_id,''), counter_code, queue_no, day, v_name, status, ''
			FROM visits WHERE visitor_id = ? ORDER BY arrived_at DESC LIMIT ?`, visitorID, limit)
		return err
	})
	return out, err
}

// scanHits runs a query selecting a visit's id, visitor, counter, queue
// number, day, name, status and what matched.
func scanHits(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]Hit, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		var h Hit
		var counter string
		var n int
		if err := rows.Scan(&h.VisitID, &h.VisitorID, &counter, &n, &h.Day, &h.Name, &h.Status, &h.Matched); err != nil {
			return nil, err
		}
		h.Queue = queueLabel(counter, n)
		if h.Matched == "" { // found by its visitor: nothing to name
			h.By = MatchVisitor
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// broadTerms is where a typed word stops being selective: a prefix
// shared by this many lookup terms (the first digits of a NIK, which all
// start 1906 in the regency; one or two letters of a name) is not searched
// through the terms, which would read and sort every match on each key.
const broadTerms = 500

// numberTerms turns a number typed with separators (a phone "0812-3456
// 7890" or "+62 812…", a NIK in groups) into the terms it may be indexed
// under: its digits, and for a leading 0 also the country code 62 in its
// place, the way phones are stored (a SIM number or another ID may start
// with 0 too, so both are searched). Anything else gives none.
func numberTerms(query string) []string {
	var b strings.Builder
	for _, r := range query {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '+' || r == '(' || r == ')':
		default:
			return nil
		}
	}
	d := b.String()
	if len(d) < 2 {
		return nil
	}
	if d[0] == '0' {
		return []string{"62" + d[1:], d}
	}
	return []string{d}
}

func findVisitorIDs(ctx context.Context, q querier, query string, limit int) ([]string, error) {
	terms := numberTerms(query)
	if len(terms) == 0 {
		return findVisitorIDsOf(ctx, q, query, limit)
	}
	// A number: the visitors under each form, the phone's first, without
	// repeats.
	var ids []string
	seen := map[string]bool{}
	for _, t := range terms {
		got, err := findVisitorIDsOf(ctx, q, t, limit)
		if err != nil {
			return nil, err
		}
		for _, id := range got {
			if !seen[id] && len(ids) < limit {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	return ids, nil
}

func findVisitorIDsOf(ctx context.Context, q querier, query string, limit int) ([]string, error) {
	words := strings.Fields(strings.ToLower(query))
	if len(words) == 0 {
		return nil, nil
	}
	// The narrowest word drives the search through the terms' primary key;
	// the others narrow it. Counting stops at broadTerms, so asking costs
	// little. Erased visitors have no terms.
	narrow, least := -1, broadTerms
	for i, w := range words {
		w = strings.TrimPrefix(w, "+")
		words[i] = w
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM visitor_terms WHERE term >= ? AND term < ? LIMIT ?)`,
			w, w+"\U0010FFFF", broadTerms).Scan(&n); err != nil {
			return nil, err
		}
		if n < least {
			narrow, least = i, n
		}
	}
	if least == 0 {
		return nil, nil
	}
	var sb strings.Builder
	var args []any
	if narrow >= 0 {
		words[0], words[narrow] = words[narrow], words[0]
		sb.WriteString(`SELECT v.id FROM visitor_terms t JOIN visitors v ON v.id = t.visitor_id
		WHERE t.term >= ? AND t.term < ? AND v.erased_at IS NULL`)
		args = append(args, words[0], words[0]+"\U0010FFFF")
		for _, w := range words[1:] {
			sb.WriteString(` AND v.id IN (SELECT visitor_id FROM visitor_terms WHERE term >= ? AND term < ?)`)
			args = append(args, w, w+"\U0010FFFF")
		}
		sb.WriteString(` GROUP BY v.id ORDER BY max(v.updated_at) DESC LIMIT ?`)
	} else if len(words) == 1 {
		// The word is broad: walk the visitors newest first (IDs are ULIDs,
		// in order of creation) and stop at the limit. Among this many
		// matches the order is the order of first visit rather than of
		// last update; a key or two more narrows the word, and the search
		// above takes over.
		sb.WriteString(`SELECT v.id FROM visitors v WHERE v.erased_at IS NULL
		AND EXISTS (SELECT 1 FROM visitor_terms t WHERE t.visitor_id = v.id AND t.term >= ? AND t.term < ?)
		ORDER BY v.id DESC LIMIT ?`)
		args = append(args, words[0], words[0]+"\U0010FFFF")
	} else {
		// Several broad words ("siti aminah") are narrow together:
		// intersect their visitors inside the terms' key, then read only
		// the visitors left.
		sb.WriteString(`SELECT v.id FROM visitors v WHERE v.erased_at IS NULL AND v.id IN (`)
		for i, w := range words {
			if i > 0 {
				sb.WriteString(` INTERSECT `)
			}
			sb.WriteString(`SELECT visitor_id FROM visitor_terms WHERE term >= ? AND term < ?`)
			args = append(args, w, w+"\U0010FFFF")
		}
		sb.WriteString(`) ORDER BY v.updated_at DESC LIMIT ?`)
	}
	args = append(args, limit)
	rows, err := q.QueryContext(ctx, sb.String(), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
