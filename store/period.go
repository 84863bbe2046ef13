package store

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"loket/tariff"
)

// The period recap (loket laporan) reads the same snapshot as the daily
// workbook, through the same day indexes, but aggregates in SQL where the
// figure is a count or a sum: a year's recap reads a few hundred grouped
// rows, not every visit. Service time is the one exception: it is
// VisitRow.ServiceTime, computed in Go over the finished visits' three
// columns, so there is one formula.

// DayRecap is one WIB day of the period recap: visits by the day they
// arrived, PNBP by the day it was paid, cash hand-overs by their day.
type DayRecap struct {
	Day                      string
	Visits, Done, Canceled   int
	Referred                 int
	Cash, Bank               int64
	HandedOver, HandoverDiff int64 // sums of the day's hand-overs: cash counted, difference
	Handovers                int
	Served                   time.Duration // total service time of the Done visits
	Within5                  int           // Done visits within ServiceStandard
}

const (
	periodVisitDaysQuery = `SELECT day, count(*), count(CASE WHEN status = 'Selesai' THEN 1 END),
	count(CASE WHEN status = 'Batal' THEN 1 END), count(CASE WHEN status = 'Dirujuk ke konsultasi' THEN 1 END)
	FROM visits WHERE day BETWEEN ? AND ? GROUP BY day`
	periodServiceQuery = `SELECT day, arrived_at, finished_at, suspended_secs FROM visits
	WHERE day BETWEEN ? AND ? AND status = 'Selesai'`
	periodPaymentDaysQuery = `SELECT day, coalesce(sum(CASE WHEN method = 'Tunai' THEN amount END),0),
	coalesce(sum(CASE WHEN method = 'Bank' THEN amount END),0) FROM payments WHERE day BETWEEN ? AND ? GROUP BY day`
	periodHandoverDaysQuery = `SELECT day, count(*), sum(counted), sum(difference) FROM handovers
	WHERE day BETWEEN ? AND ? GROUP BY day`
)

// Days returns one DayRecap for every calendar day of the period, days
// without visits included, in order. A decade is 3,653 small values.
func (r *Report) Days() ([]DayRecap, error) {
	f, _ := time.Parse(time.DateOnly, r.From)
	t, _ := time.Parse(time.DateOnly, r.To)
	var out []DayRecap
	index := map[string]int{}
	for d := f; !d.After(t); d = d.AddDate(0, 0, 1) {
		index[d.Format(time.DateOnly)] = len(out)
		out = append(out, DayRecap{Day: d.Format(time.DateOnly)})
	}
	at := func(day string) (*DayRecap, error) {
		i, ok := index[day]
		if !ok {
			return nil, fmt.Errorf("store: recap: day %q outside the period", day)
		}
		return &out[i], nil
	}
	err := r.each("recap visits", periodVisitDaysQuery, func(sc scanner) error {
		var day string
		var v, done, canc, ref int
		if err := sc.Scan(&day, &v, &done, &canc, &ref); err != nil {
			return err
		}
		d, err := at(day)
		if err != nil {
			return err
		}
		d.Visits, d.Done, d.Canceled, d.Referred = v, done, canc, ref
		return nil
	})
	if err == nil {
		err = r.each("recap service time", periodServiceQuery, func(sc scanner) error {
			var day, arrived string
			var v VisitRow
			var finished sql.NullString
			if err := sc.Scan(&day, &arrived, &finished, &v.SuspendedSecs); err != nil {
				return err
			}
			v.ArrivedAt, v.FinishedAt = parseTime(arrived), nullTime(finished)
			d, err := at(day)
			if err != nil {
				return err
			}
			st, _ := v.ServiceTime()
			d.Served += st
			if st <= ServiceStandard {
				d.Within5++
			}
			return nil
		})
	}
	if err == nil {
		err = r.each("recap payments", periodPaymentDaysQuery, func(sc scanner) error {
			var day string
			var cash, bank int64
			if err := sc.Scan(&day, &cash, &bank); err != nil {
				return err
			}
			d, err := at(day)
			if err != nil {
				return err
			}
			d.Cash, d.Bank = cash, bank
			return nil
		})
	}
	if err == nil {
		err = r.each("recap handovers", periodHandoverDaysQuery, func(sc scanner) error {
			var day string
			var n int
			var counted, diff int64
			if err := sc.Scan(&day, &n, &counted, &diff); err != nil {
				return err
			}
			d, err := at(day)
			if err != nil {
				return err
			}
			d.Handovers, d.HandedOver, d.HandoverDiff = n, counted, diff
			return nil
		})
	}
	return out, err
}

// Count is one group of a breakdown: its key, how many, and a sum of
// money where the breakdown has one.
type Count struct {
	Key    string
	N      int
	Zero   int    // Rp0 lines (tariff codes only)
	Amount int64  // Rupiah (money breakdowns only)
	Name   string // the tariff item's name (tariff codes only; see PNBPByCode)
}

// Product lines count on their payment's day, as PNBP does: the lines
// still in the quote of the visits paid in the period.
const (
	// The bare v.schedule_id comes from the row of max(p.paid_at) (SQLite
	// takes bare columns from the row of a query's one min or max): the
	// schedule of the code's last payment in the period.
	periodPNBPCodeQuery = `SELECT i.code, count(*), count(CASE WHEN i.zero <> 0 THEN 1 END), coalesce(sum(i.amount),0),
		v.schedule_id, max(p.paid_at)
	FROM payments p JOIN items i ON i.visit_id = p.visit_id JOIN visits v ON v.id = p.visit_id
	WHERE p.day BETWEEN ? AND ? AND (i.available IS NULL OR i.available <> 0)
	GROUP BY i.code ORDER BY i.code`
	periodPNBPMethodQuery = `SELECT method, count(*), sum(amount) FROM payments WHERE day BETWEEN ? AND ?
	GROUP BY method ORDER BY method DESC`
	periodPNBPCategoryQuery = `SELECT v.v_inst_category, count(*), sum(p.amount)
	FROM payments p JOIN visits v ON v.id = p.visit_id WHERE p.day BETWEEN ? AND ?
	GROUP BY v.v_inst_category ORDER BY v.v_inst_category`
)

// PNBPByCode groups the paid product lines of the period's payments by
// tariff code: lines, Rp0 lines, their value, and the item's name as the
// schedule stored for the visits names it, not the built-in schedule's
// (an installed schedule may add codes or rename them). Where the period
// holds visits priced by two schedules that name a code differently, the
// name is that of the schedule of the code's last payment in the period.
func (r *Report) PNBPByCode() ([]Count, error) {
	var out []Count
	scheds := map[string]*tariff.Schedule{}
	type named struct {
		i     int
		sched sql.NullString
	}
	var todo []named
	err := r.each("recap pnbp by code", periodPNBPCodeQuery, func(sc scanner) error {
		var c Count
		var sched sql.NullString
		var last string
		if err := sc.Scan(&c.Key, &c.N, &c.Zero, &c.Amount, &sched, &last); err != nil {
			return err
		}
		todo = append(todo, named{len(out), sched})
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, n := range todo {
		sch, err := r.schedule(n.sched, scheds)
		if err != nil {
			return nil, err
		}
		if it, ok := sch.Item(out[n.i].Key); ok {
			out[n.i].Name = it.Name
		}
	}
	return out, nil
}

const periodScheduleQuery = `SELECT body FROM schedules WHERE id = ?`

// schedule reads the stored schedule id from the snapshot, parsing each
// once into cache; a visit without one (schema 1 priced it by the
// built-in schedule, never stored) gets the built-in schedule.
func (r *Report) schedule(id sql.NullString, cache map[string]*tariff.Schedule) (*tariff.Schedule, error) {
	if !id.Valid {
		return tariff.Default(), nil
	}
	if sch := cache[id.String]; sch != nil {
		return sch, nil
	}
	var body string
	if err := r.tx.QueryRowContext(r.ctx, periodScheduleQuery, id.String).Scan(&body); err != nil {
		return nil, fmt.Errorf("store: recap schedule %s: %w", id.String, err)
	}
	sch, err := tariff.Parse(strings.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("store: jadwal tarif terpasang %s rusak: %w", id.String, err)
	}
	cache[id.String] = sch
	return sch, nil
}

// PNBPByMethod groups the period's payments by method (Tunai, Bank).
func (r *Report) PNBPByMethod() ([]Count, error) {
	return r.counts("recap pnbp by method", periodPNBPMethodQuery, false)
}

// PNBPByCategory groups the period's payments by the payer visit's
// kategori instansi.
func (r *Report) PNBPByCategory() ([]Count, error) {
	return r.counts("recap pnbp by category", periodPNBPCategoryQuery, false)
}

// visitBreakdowns are the guest-book columns the visitor statistics group
// by: a fixed list, so no caller's text reaches the SQL.
var visitBreakdowns = map[string]string{
	"kategori":    "v_inst_category",
	"pemanfaatan": "use",
	"pendidikan":  "v_education",
	"pekerjaan":   "v_occupation",
	"kelamin":     "v_gender",
}

// VisitsBy groups the visits that arrived in the period by one guest-book
// field: "kategori", "pemanfaatan", "pendidikan", "pekerjaan" or
// "kelamin".
func (r *Report) VisitsBy(field string) ([]Count, error) {
	col, ok := visitBreakdowns[field]
	if !ok {
		return nil, fmt.Errorf("store: no visit breakdown %q", field)
	}
	return r.counts("recap visits by "+field, `SELECT `+col+`, count(*), 0 FROM visits WHERE day BETWEEN ? AND ?
	GROUP BY `+col+` ORDER BY `+col, false)
}

// RespondentsBy groups the period's SKM respondents by one guest-book
// field of their visit, as VisitsBy.
func (r *Report) RespondentsBy(field string) ([]Count, error) {
	col, ok := visitBreakdowns[field]
	if !ok {
		return nil, fmt.Errorf("store: no respondent breakdown %q", field)
	}
	return r.counts("recap respondents by "+field, `SELECT v.`+col+`, count(*), 0
	FROM ratings x JOIN visits v ON v.id = x.visit_id WHERE x.day BETWEEN ? AND ? AND x.declined = 0
	GROUP BY v.`+col+` ORDER BY v.`+col, false)
}

const periodRespondentAgeQuery = `SELECT coalesce(CAST(substr(x.day,1,4) AS INTEGER) - v.v_birth_year, -1), count(*), 0
	FROM ratings x JOIN visits v ON v.id = x.visit_id WHERE x.day BETWEEN ? AND ? AND x.declined = 0
	GROUP BY 1 ORDER BY 1`

// RespondentAges groups the period's SKM respondents by age in the year
// they answered (year of answer minus year of birth); Key "-1" is unknown.
func (r *Report) RespondentAges() ([]Count, error) {
	return r.counts("recap respondent ages", periodRespondentAgeQuery, false)
}

const periodKindsQuery = `SELECT i.kind, count(DISTINCT v.id), count(*) FROM visits v JOIN items i ON i.visit_id = v.id
	WHERE v.day BETWEEN ? AND ? GROUP BY i.kind ORDER BY i.kind`

// VisitsByKind groups the product lines of the period's visits by kind
// (publikasi, data_mikro, peta): N is the visits that asked for one,
// Amount the number of lines.
func (r *Report) VisitsByKind() ([]Count, error) {
	return r.counts("recap visits by kind", periodKindsQuery, false)
}

// periodVisitorsQuery counts persons: a visitor linked to others (an
// archive's visitor_links, the same person at several counters) is the
// person of the least of their IDs, and returning when any of those
// records has a visit before the period. A counter's own file has no
// links, and a person is their visitor record.
const periodVisitorsQuery = `SELECT count(DISTINCT p.person), count(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM visits w
	WHERE w.visitor_id IN (SELECT p.visitor_id UNION ALL SELECT l.linked_id FROM visitor_links l WHERE l.visitor_id = p.visitor_id)
	AND w.day < ?) THEN p.person END)
	FROM (SELECT v.visitor_id, min(v.visitor_id, coalesce((SELECT min(l.linked_id) FROM visitor_links l WHERE l.visitor_id = v.visitor_id),
		v.visitor_id)) AS person FROM visits v WHERE v.day BETWEEN ? AND ?) p`

// Visitors counts the distinct persons of the period and those of them
// who had come before it (returning; the rest are new).
func (r *Report) Visitors() (total, returning int, err error) {
	err = r.tx.QueryRowContext(r.ctx, periodVisitorsQuery, r.From, r.From, r.To).Scan(&total, &returning)
	if err != nil {
		err = fmt.Errorf("store: recap visitors: %w", err)
	}
	return total, returning, err
}

// SKM tallies the period's SKM answers (declined surveys excluded), as the
// daily workbook's SKM sheet does.
func (r *Report) SKM() (SKM, error) {
	k, err := skmFor(r.ctx, r.tx, `day BETWEEN ? AND ?`, r.From, r.To)
	if err != nil {
		return k, fmt.Errorf("store: recap skm: %w", err)
	}
	return k, nil
}

const periodPopulationQuery = `SELECT count(*) FROM visits WHERE day BETWEEN ? AND ? AND status = 'Selesai'`

// Population is the number of finished visits of the period: the SKM's
// population for the sample size.
func (r *Report) Population() (int, error) {
	var n int
	if err := r.tx.QueryRowContext(r.ctx, periodPopulationQuery, r.From, r.To).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: recap population: %w", err)
	}
	return n, nil
}

const periodSaranQuery = `SELECT rated_at, saran FROM ratings
	WHERE day BETWEEN ? AND ? AND declined = 0 AND saran <> '' ORDER BY day, rated_at, id`

// Suggestions calls fn for every Saran written in the period's SKM
// answers, in order.
func (r *Report) Suggestions(fn func(at time.Time, saran string) error) error {
	return r.each("recap saran", periodSaranQuery, func(sc scanner) error {
		var at, s string
		if err := sc.Scan(&at, &s); err != nil {
			return err
		}
		return fn(parseTime(at), s)
	})
}

const periodComplaintGroupsQuery = `SELECT channel || char(31) || status, count(*), 0 FROM complaints
	WHERE day BETWEEN ? AND ? GROUP BY channel, status ORDER BY channel, status`

// ComplaintsByChannel groups the complaints received in the period by
// channel and status; Key is "channel\x1fstatus".
func (r *Report) ComplaintsByChannel() ([]Count, error) {
	return r.counts("recap complaints", periodComplaintGroupsQuery, false)
}

// Resolution is a complaint received in the period and when it was
// marked Selesai (zero if it is not yet).
type Resolution struct {
	ID, Channel, Status  string
	ReceivedAt, Resolved time.Time
}

const periodResolutionsQuery = `SELECT c.id, c.channel, c.status, c.received_at,
	coalesce((SELECT min(f.at) FROM complaint_followups f WHERE f.complaint_id = c.id AND f.status = 'Selesai'),'')
	FROM complaints c WHERE c.day BETWEEN ? AND ? ORDER BY c.day, c.received_at, c.id`

// Resolutions calls fn for each complaint received in the period with
// the time it was first marked Selesai.
func (r *Report) Resolutions(fn func(Resolution) error) error {
	return r.each("recap resolutions", periodResolutionsQuery, func(sc scanner) error {
		var x Resolution
		var got, done string
		if err := sc.Scan(&x.ID, &x.Channel, &x.Status, &got, &done); err != nil {
			return err
		}
		x.ReceivedAt = parseTime(got)
		if done != "" {
			x.Resolved = parseTime(done)
		}
		return fn(x)
	})
}

// ReceiptRow is one kuitansi number of a payment made in the period: the
// one in force, or a voided one with its reason and its replacement.
type ReceiptRow struct {
	Number     string
	IssuedAt   time.Time
	VisitID    string
	Queue      string
	VisitDay   string
	Payer      string
	Method     PaymentMethod
	Amount     int64
	VoidAt     time.Time // zero while in force
	VoidReason string
	ReplacedBy string
}

// The payer is the one printed on each kuitansi (schema 2's invoices.payer):
// a receipt correction voids a number that keeps the name it printed.
const periodReceiptsQuery = `SELECT i.number, i.issued_at, p.visit_id, v.counter_code, v.queue_no, v.day,
	CASE WHEN i.payer <> '' THEN i.payer ELSE p.payer END,
	p.method, i.amount, coalesce(i.void_at,''), i.void_reason, coalesce(n.number,'')
	FROM payments p JOIN visits v ON v.id = p.visit_id
	JOIN invoices i ON i.visit_id = p.visit_id AND i.kind = 'kuitansi'
	LEFT JOIN invoices n ON n.id = i.replaced_by
	WHERE p.day BETWEEN ? AND ? ORDER BY i.number`

// Receipts calls fn for every kuitansi number of the payments made in the
// period, voided ones included, in number order.
func (r *Report) Receipts(fn func(ReceiptRow) error) error {
	return r.each("recap receipts", periodReceiptsQuery, func(sc scanner) error {
		var x ReceiptRow
		var issued, void, counter string
		var q int
		if err := sc.Scan(&x.Number, &issued, &x.VisitID, &counter, &q, &x.VisitDay, &x.Payer, &x.Method, &x.Amount,
			&void, &x.VoidReason, &x.ReplacedBy); err != nil {
			return err
		}
		x.IssuedAt, x.Queue = parseTime(issued), queueLabel(counter, q)
		if void != "" {
			x.VoidAt = parseTime(void)
		}
		return fn(x)
	})
}

// scanner is one row being read.
type scanner interface{ Scan(dest ...any) error }

// each runs a period query (its two arguments are From and To) and calls
// fn for each row.
func (r *Report) each(what, query string, fn func(scanner) error) error {
	rows, err := r.tx.QueryContext(r.ctx, query, r.From, r.To)
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// counts reads key, count, amount groups; with zero, a fourth column
// (key, count, zero count, amount).
func (r *Report) counts(what, query string, zero bool) ([]Count, error) {
	var out []Count
	err := r.each(what, query, func(sc scanner) error {
		var c Count
		var err error
		if zero {
			err = sc.Scan(&c.Key, &c.N, &c.Zero, &c.Amount)
		} else {
			err = sc.Scan(&c.Key, &c.N, &c.Amount)
		}
		out = append(out, c)
		return err
	})
	return out, err
}
