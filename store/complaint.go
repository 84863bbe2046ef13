package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"loket/store/valid"
)

// Complaint is a complaint received (pengaduan layanan) with its follow-up.
type Complaint struct {
	ID         string
	ReceivedAt time.Time
	Channel    ComplaintChannel
	Text       string
	Status     ComplaintStatus
	VisitID    string
	FollowUps  []FollowUp
}

// FollowUp is one step of a complaint's handling.
type FollowUp struct {
	At     time.Time
	Status ComplaintStatus
	Note   string
}

// LastFollowUp is the latest follow-up note, "" if none.
func (c Complaint) LastFollowUp() string {
	if len(c.FollowUps) == 0 {
		return ""
	}
	return c.FollowUps[len(c.FollowUps)-1].Note
}

// AddComplaint records a complaint received through a channel.
func (s *Store) AddComplaint(ctx context.Context, actor string, channel ComplaintChannel, text, visitID string) (string, error) {
	c, err := valid.OneOf("Saluran", string(channel), Strings(ComplaintChannels))
	if err != nil {
		return "", err
	}
	channel = ComplaintChannel(c)
	text, err = valid.Text("Isi pengaduan", text, 4000, true)
	if err != nil {
		return "", err
	}
	id := s.newID()
	err = s.write(ctx, func(tx *sql.Tx) error {
		if visitID != "" {
			var n int
			if err := s.cached(tx).QueryRowContext(ctx, `SELECT count(*) FROM visits WHERE id = ?`, visitID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return &valid.Error{Field: "Kunjungan", Msg: "kunjungan " + visitID + " tidak ditemukan"}
			}
		}
		now := s.at(tx)
		if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO complaints (id, received_at, day, channel, text, visit_id, officer_id, updated_at)
			VALUES (?,?,?,?,?,?,?,?)`, id, fmtTime(now), Day(now), channel, text, nullStr(visitID), nullStr(actor), fmtTime(now)); err != nil {
			return fmt.Errorf("store: save complaint: %w", err)
		}
		a := s.auditor(ctx, tx, actor, "complaint", id)
		a.eventNote("terima", string(channel))
		return a.err
	})
	return id, err
}

// FollowUpComplaint records a follow-up and the new status.
func (s *Store) FollowUpComplaint(ctx context.Context, actor, id string, status ComplaintStatus, note string) error {
	st, err := valid.OneOf("Status", string(status), Strings(ComplaintStatuses))
	if err != nil {
		return err
	}
	status = ComplaintStatus(st)
	note, err = valid.Text("Tindak lanjut", note, 2000, true)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		var old string
		if err := s.cached(tx).QueryRowContext(ctx, `SELECT status FROM complaints WHERE id = ?`, id).Scan(&old); err != nil {
			if err == sql.ErrNoRows {
				return ErrNotFound
			}
			return err
		}
		now := fmtTime(s.at(tx))
		if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO complaint_followups (id, complaint_id, at, status, note, officer_id)
			VALUES (?,?,?,?,?,?)`, s.newID(), id, now, status, note, nullStr(actor)); err != nil {
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE complaints SET status = ?, updated_at = ? WHERE id = ?`, status, now, id); err != nil {
			return err
		}
		a := s.auditor(ctx, tx, actor, "complaint", id)
		if old == string(status) {
			// A follow-up that keeps the status is a record too: its note
			// is free text, named and never copied (audit_text.go).
			a.textEvent("tindak_lanjut", "note", "")
		} else {
			a.change("status", old, status)
		}
		return a.err
	})
}

// Complaints lists complaints received in [from, to] (WIB days, inclusive)
// plus, with open set, any not yet Selesai; newest first.
func (s *Store) Complaints(ctx context.Context, from, to string, open bool) ([]Complaint, error) {
	var out []Complaint
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := s.cached(tx).QueryContext(ctx, `SELECT id, received_at, channel, text, status, coalesce(visit_id,'') FROM complaints
			WHERE (day BETWEEN ? AND ?) OR (? AND status <> 'Selesai') ORDER BY received_at DESC`, from, to, open)
		if err != nil {
			return err
		}
		for rows.Next() {
			var c Complaint
			var at string
			if err := rows.Scan(&c.ID, &at, &c.Channel, &c.Text, &c.Status, &c.VisitID); err != nil {
				rows.Close()
				return err
			}
			c.ReceivedAt = parseTime(at)
			out = append(out, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range out {
			fr, err := s.cached(tx).QueryContext(ctx, `SELECT at, status, note FROM complaint_followups WHERE complaint_id = ? ORDER BY at`, out[i].ID)
			if err != nil {
				return err
			}
			for fr.Next() {
				var f FollowUp
				var at string
				if err := fr.Scan(&at, &f.Status, &f.Note); err != nil {
					fr.Close()
					return err
				}
				f.At = parseTime(at)
				out[i].FollowUps = append(out[i].FollowUps, f)
			}
			fr.Close()
			if err := fr.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}
