package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"loket/store/valid"
)

// Office is the office and counter the database belongs to. Its codes are
// printed in queue, invoice and kuitansi numbers.
type Office struct {
	Code             string // BPS office code, 1906
	Name             string
	Unit             string
	Address          string
	Phone            string
	Website          string
	ComplaintEmail   string
	ComplaintContact string
	CounterCode      string // counter letter, default A
	ExportDir        string // where end-of-day workbooks go; "" = default
}

// DefaultOffice is the office as the service standard names it.
var DefaultOffice = Office{
	Code:             "1906",
	Name:             "BPS Kabupaten Belitung Timur",
	Unit:             "Pelayanan Statistik Terpadu BPS Kabupaten Belitung Timur",
	Address:          "Jl. Raya Manggarawan Desa Padang Manggar 33512",
	Phone:            "07199220090",
	Website:          "belitungtimurkab.bps.go.id",
	ComplaintEmail:   "bps1906@bps.go.id",
	ComplaintContact: "SMS/WhatsApp 081278563877 (Syahroni, Kasubbag Umum BPS Kabupaten Belitung Timur)",
	CounterCode:      "A",
}

func (s *Store) seedOffice(ctx context.Context, tx *sql.Tx) error {
	o := DefaultOffice
	// Not through the statement cache: inside the migration the table
	// exists only in this transaction, not for the pool's other connections.
	_, err := tx.ExecContext(ctx, `INSERT INTO office (id, code, name, unit, address, phone, website,
		complaint_email, complaint_contact, counter_code, export_dir, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, s.newID(), o.Code, o.Name, o.Unit, o.Address, o.Phone,
		o.Website, o.ComplaintEmail, o.ComplaintContact, o.CounterCode, o.ExportDir, fmtTime(s.at(tx)))
	if err != nil {
		return fmt.Errorf("store: seed office: %w", err)
	}
	return nil
}

func getOffice(ctx context.Context, q querier) (Office, error) {
	var o Office
	err := q.QueryRowContext(ctx, `SELECT code, name, unit, address, phone, website, complaint_email,
		complaint_contact, counter_code, export_dir FROM office LIMIT 1`).Scan(&o.Code, &o.Name, &o.Unit,
		&o.Address, &o.Phone, &o.Website, &o.ComplaintEmail, &o.ComplaintContact, &o.CounterCode, &o.ExportDir)
	if err != nil {
		return o, fmt.Errorf("store: office: %w", err)
	}
	return o, nil
}

// Office returns the office settings.
func (s *Store) Office(ctx context.Context) (Office, error) {
	var o Office
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		o, err = getOffice(ctx, tx)
		return err
	})
	return o, err
}

// UpdateOffice saves the office settings, validating the counter code (one
// letter A–Z) and the office code (four digits). Each changed field is
// audited.
func (s *Store) UpdateOffice(ctx context.Context, actor string, o Office) error {
	o.CounterCode = strings.ToUpper(strings.TrimSpace(o.CounterCode))
	if len(o.CounterCode) != 1 || o.CounterCode[0] < 'A' || o.CounterCode[0] > 'Z' {
		return &valid.Error{Field: "Kode loket", Msg: "harus satu huruf A–Z"}
	}
	if len(o.Code) != 4 || strings.Trim(o.Code, "0123456789") != "" {
		return &valid.Error{Field: "Kode kantor", Msg: "harus 4 angka, misalnya 1906"}
	}
	for _, f := range []struct{ name, v string }{{"Nama kantor", o.Name}, {"Alamat", o.Address}} {
		if strings.TrimSpace(f.v) == "" {
			return &valid.Error{Field: f.name, Msg: "wajib diisi"}
		}
	}
	// The complaint address is printed on documents; a typo there sends
	// complaints nowhere. It may be left empty.
	if strings.TrimSpace(o.ComplaintEmail) != "" {
		e, err := valid.Email(o.ComplaintEmail)
		if err != nil {
			var ve *valid.Error
			if errors.As(err, &ve) {
				return &valid.Error{Field: "Email pengaduan", Msg: ve.Msg}
			}
			return err
		}
		o.ComplaintEmail = e
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		old, err := getOffice(ctx, tx)
		if err != nil {
			return err
		}
		_, err = s.cached(tx).ExecContext(ctx, `UPDATE office SET code=?, name=?, unit=?, address=?, phone=?, website=?,
			complaint_email=?, complaint_contact=?, counter_code=?, export_dir=?, updated_at=?`,
			o.Code, o.Name, o.Unit, o.Address, o.Phone, o.Website, o.ComplaintEmail, o.ComplaintContact,
			o.CounterCode, o.ExportDir, fmtTime(s.at(tx)))
		if err != nil {
			return err
		}
		a := s.auditor(ctx, tx, actor, "office", "office")
		a.change("code", old.Code, o.Code)
		a.change("name", old.Name, o.Name)
		a.change("unit", old.Unit, o.Unit)
		a.change("address", old.Address, o.Address)
		a.change("phone", old.Phone, o.Phone)
		a.change("website", old.Website, o.Website)
		a.change("complaint_email", old.ComplaintEmail, o.ComplaintEmail)
		a.change("complaint_contact", old.ComplaintContact, o.ComplaintContact)
		a.change("counter_code", old.CounterCode, o.CounterCode)
		a.change("export_dir", old.ExportDir, o.ExportDir)
		return a.err
	})
}

// Officer is a counter officer (petugas PST).
type Officer struct {
	ID     string
	Name   string
	HasPIN bool
}

// Officers lists this counter's active officers by name. Officers of
// other counters (origin ≠ 1) are only ever in an archive, which the app
// does not open; they are never listed to act at this counter.
func (s *Store) Officers(ctx context.Context) ([]Officer, error) {
	var out []Officer
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := s.cached(tx).QueryContext(ctx, `SELECT id, name, pin_hash IS NOT NULL FROM officers WHERE origin = 1 AND active = 1 ORDER BY name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var o Officer
			if err := rows.Scan(&o.ID, &o.Name, &o.HasPIN); err != nil {
				return err
			}
			out = append(out, o)
		}
		return rows.Err()
	})
	return out, err
}

// OfficerByName finds an active officer by name, case-insensitively: on a
// counter's database one of this counter's own (origin 1). An archive
// (loket gabung) has no officers of its own, only its counters', and is
// only read (export, laporan, a reprint name the officer who made them):
// there the name is looked up in every counter, and a name two counters
// share is refused (ErrAmbiguousOfficer) rather than one of them taken.
func (s *Store) OfficerByName(ctx context.Context, name string) (Officer, error) {
	var o Officer
	name = strings.TrimSpace(name)
	err := s.read(ctx, func(tx *sql.Tx) error {
		archive, err := isArchive(ctx, tx)
		if err != nil {
			return err
		}
		if !archive {
			err := s.cached(tx).QueryRowContext(ctx, `SELECT id, name, pin_hash IS NOT NULL FROM officers WHERE origin = 1 AND name = ? AND active = 1`,
				name).Scan(&o.ID, &o.Name, &o.HasPIN)
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT o.id, o.name, o.pin_hash IS NOT NULL, coalesce(k.office_code || '/' || k.counter_code, '?')
			FROM officers o LEFT JOIN counters k ON k.id = o.origin WHERE o.name = ? AND o.active = 1 ORDER BY o.origin`, name)
		if err != nil {
			return err
		}
		defer rows.Close()
		var counters []string
		for rows.Next() {
			var counter string
			if err := rows.Scan(&o.ID, &o.Name, &o.HasPIN, &counter); err != nil {
				return err
			}
			counters = append(counters, counter)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		switch len(counters) {
		case 0:
			return ErrNotFound
		case 1:
			return nil
		}
		o = Officer{}
		return fmt.Errorf("%w: petugas %q terdaftar di %d loket dalam arsip ini (%s), jadi nama itu tidak menunjuk satu petugas; "+
			"jalankan tanpa --petugas, atau dari basis data loket petugas itu", ErrAmbiguousOfficer, name, len(counters), strings.Join(counters, ", "))
	})
	return o, err
}

// ErrAmbiguousOfficer is an officer's name that several counters of an
// archive have (schema 4: officers are unique per counter).
var ErrAmbiguousOfficer = errors.New("nama petugas tidak unik di arsip")

// AddOfficer records a new officer; pin may be empty. The PIN (6–8 digits,
// see hashPIN) is stored as a bcrypt hash, never in clear.
func (s *Store) AddOfficer(ctx context.Context, name, pin string) (Officer, error) {
	name, err := valid.Name("Nama petugas", name)
	if err != nil {
		return Officer{}, err
	}
	hash, err := hashPIN(pin)
	if err != nil {
		return Officer{}, err
	}
	o := Officer{ID: s.newID(), Name: name, HasPIN: hash.Valid}
	err = s.write(ctx, func(tx *sql.Tx) error {
		_, err := s.cached(tx).ExecContext(ctx, `INSERT INTO officers (id, name, pin_hash, created_at) VALUES (?,?,?,?)`,
			o.ID, o.Name, hash, fmtTime(s.at(tx)))
		if err != nil {
			return err
		}
		a := s.auditor(ctx, tx, o.ID, "officer", o.ID)
		a.event("tambah")
		if hash.Valid {
			a.personalChange("pin")
		}
		return a.err
	})
	if errors.Is(err, ErrConflict) {
		return Officer{}, &valid.Error{Field: "Nama petugas", Msg: "sudah terdaftar"}
	}
	return o, err
}

// SetPIN sets or (with an empty pin) removes an officer's PIN.
func (s *Store) SetPIN(ctx context.Context, officerID, pin string) error {
	hash, err := hashPIN(pin)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := s.cached(tx).ExecContext(ctx, `UPDATE officers SET pin_hash = ? WHERE id = ?`, hash, officerID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		a := s.auditor(ctx, tx, officerID, "officer", officerID)
		a.personalChange("pin")
		return a.err
	})
}

// IsDemo reports whether the database is marked as holding demo data.
func (s *Store) IsDemo(ctx context.Context) (bool, error) {
	var v string
	err := s.read(ctx, func(tx *sql.Tx) error {
		err := s.cached(tx).QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'demo'`).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return v == "1", err
}

// MarkDemo marks the database as demo data. Demo data goes only into a
// database without visits: one holding real visits is refused (real
// records are never mixed with generated ones), and so is a demo database
// already filled, whose generated records the same seed would repeat.
func (s *Store) MarkDemo(ctx context.Context) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var demo string
		err := s.cached(tx).QueryRowContext(ctx, `SELECT value FROM meta WHERE key='demo'`).Scan(&demo)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var n int
		if err := s.cached(tx).QueryRowContext(ctx, `SELECT count(*) FROM visits`).Scan(&n); err != nil {
			return err
		}
		switch {
		case n > 0 && demo == "1":
			return refuse(ErrDemo, "basis data demo ini sudah berisi %d kunjungan; buat data demo di berkas baru (atau hapus berkas ini dulu)", n)
		case n > 0:
			return refuse(ErrDemo, "basis data ini berisi %d kunjungan nyata; data demo hanya dibuat di basis data baru", n)
		case demo == "1":
			return nil
		}
		_, err = s.cached(tx).ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('demo', '1')`)
		return err
	})
}

// Meta reads a key of the meta table ("" if unset).
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.read(ctx, func(tx *sql.Tx) error {
		err := s.cached(tx).QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return v, err
}

// SetMeta writes a key of the meta table.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := s.cached(tx).ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func nullStr(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
