package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"loket/store/valid"
)

// This file is the day's cash hand-over to the bendahara penerimaan: the
// cash receipts of a day, and the hand-over with its counted amount.

// CashHandover is the day's cash handed to the bendahara penerimaan.
type CashHandover struct {
	ID           string
	Day          string
	CashReceipts int64 // cash payments recorded that day
	Counted      int64 // cash counted
	Difference   int64 // Counted − CashReceipts
	Reason       string
	Recipient    string
	HandedAt     time.Time
}

// CashReceipts is the sum of cash payments of a WIB day.
func (s *Store) CashReceipts(ctx context.Context, day string) (int64, error) {
	var n int64
	err := s.read(ctx, func(tx *sql.Tx) error {
		return s.cached(tx).QueryRowContext(ctx, `SELECT coalesce(sum(amount),0) FROM payments WHERE day = ? AND method = 'Tunai'`, day).Scan(&n)
	})
	return n, err
}

// RecordCashHandover records the hand-over of a day's cash. A difference
// between the cash counted and the receipts needs a reason.
func (s *Store) RecordCashHandover(ctx context.Context, actor, day string, counted int64, recipient, reason string) (CashHandover, error) {
	h := CashHandover{Day: day, Counted: counted}
	var err error
	if h.Recipient, err = valid.Name("Penerima (bendahara)", recipient); err != nil {
		return h, err
	}
	if counted < 0 {
		return h, &valid.Error{Field: "Uang dihitung", Msg: "tidak boleh negatif"}
	}
	if h.Reason, err = valid.Text("Alasan selisih", reason, 1000, false); err != nil {
		return h, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := s.cached(tx).QueryRowContext(ctx, `SELECT coalesce(sum(amount),0) FROM payments WHERE day = ? AND method = 'Tunai'`, day).Scan(&h.CashReceipts); err != nil {
			return err
		}
		h.Difference = counted - h.CashReceipts
		if h.Difference != 0 && h.Reason == "" {
			return &valid.Error{Field: "Alasan selisih", Msg: "wajib diisi bila uang dihitung berbeda dari penerimaan tunai"}
		}
		h.ID, h.HandedAt = s.newID(), s.at(tx)
		if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO handovers (id, day, cash_receipts, counted, difference, reason, recipient, handed_at, officer_id)
			VALUES (?,?,?,?,?,?,?,?,?)`, h.ID, day, h.CashReceipts, counted, h.Difference, h.Reason, h.Recipient,
			fmtTime(h.HandedAt), nullStr(actor)); err != nil {
			return err
		}
		a := s.auditor(ctx, tx, actor, "handover", h.ID)
		a.eventNote("serah_tunai", fmt.Sprintf("%s: %d", day, counted))
		return a.err
	})
	return h, err
}

// CashHandovers lists the hand-overs of days in [from, to].
func (s *Store) CashHandovers(ctx context.Context, from, to string) ([]CashHandover, error) {
	var out []CashHandover
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := s.cached(tx).QueryContext(ctx, `SELECT id, day, cash_receipts, counted, difference, reason, recipient, handed_at
			FROM handovers WHERE day BETWEEN ? AND ? ORDER BY handed_at`, from, to)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h CashHandover
			var at string
			if err := rows.Scan(&h.ID, &h.Day, &h.CashReceipts, &h.Counted, &h.Difference, &h.Reason, &h.Recipient, &at); err != nil {
				return err
			}
			h.HandedAt = parseTime(at)
			out = append(out, h)
		}
		return rows.Err()
	})
	return out, err
}
