package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"loket/store/valid"
)

// GuestInput is step 3: the guest book as typed, the consent answer and the
// returning visitor chosen from the lookup ("" for a new person).
type GuestInput struct {
	Guest
	BirthYear string // as typed; "" allowed
	Consent   bool
	VisitorID string
}

// ValidateGuest checks and normalises a guest book entry. With consent the
// whole identity is required; without it only the minimum the service needs
// (name, kategori instansi, email for delivery) is kept and the rest dropped.
// Every field is checked, and a refusal of more than one field is a
// valid.Errors in the guest book's order (Nama, the identity, Instansi,
// Kategori, Email, HP, NPWP), so the counter sees all of them in one save.
func ValidateGuest(in GuestInput, now time.Time) (Guest, error) {
	var g Guest
	var errs valid.Errors
	// check keeps a field's value, or its refusal; an error that is not a
	// field's refusal stops the check.
	var other error
	refuse := func(err error) {
		if !errs.Add(err) && other == nil {
			other = err
		}
	}
	check := func(dst *string, v string, err error) {
		if err != nil {
			refuse(err)
			return
		}
		*dst = v
	}
	var s string
	var err error
	s, err = valid.Name("Nama", in.Name)
	check(&g.Name, s, err)
	if in.Consent {
		s, err = valid.OneOf("Jenis identitas", in.IDType, valid.IDTypes)
		check(&g.IDType, s, err)
		if err == nil {
			s, err = valid.IDNumber(g.IDType, in.IDNumber)
			check(&g.IDNumber, s, err)
		}
		s, err = valid.OneOf("Jenis kelamin", string(in.Gender), Strings(Genders))
		check((*string)(&g.Gender), s, err)
		if strings.TrimSpace(in.BirthYear) != "" {
			y, err := valid.BirthYear(in.BirthYear, now)
			if err != nil {
				refuse(err)
			}
			g.BirthYear = y
		}
		s, err = valid.OneOf("Pendidikan", in.Education, valid.Educations)
		check(&g.Education, s, err)
		s, err = valid.OneOf("Pekerjaan", in.Occupation, valid.Occupations)
		check(&g.Occupation, s, err)
	}
	s, err = valid.Text("Instansi", in.Institution, 200, in.Consent)
	check(&g.Institution, s, err)
	s, err = valid.OneOf("Kategori instansi", in.Category, valid.InstCategories)
	check(&g.Category, s, err)
	s, err = valid.Email(in.Email)
	check(&g.Email, s, err)
	if in.Consent {
		if strings.TrimSpace(in.Phone) != "" {
			s, err = valid.Phone(in.Phone)
			check(&g.Phone, s, err)
		}
		if g.Category == "Swasta" || strings.TrimSpace(in.NPWP) != "" {
			s, err = valid.NPWP(in.NPWP)
			if err != nil && g.Category == "Swasta" && strings.TrimSpace(in.NPWP) == "" {
				err = &valid.Error{Field: "NPWP", Msg: "wajib untuk segmen swasta (15 atau 16 angka)"}
			}
			check(&g.NPWP, s, err)
		}
	}
	if other != nil {
		return g, other
	}
	return g, errs.Err()
}

// personalFields are the guest-book fields audited as changed without values.
var personalFields = []string{"id_type", "id_number", "name", "gender", "birth_year", "education", "occupation",
	"institution", "inst_category", "email", "phone", "npwp"}

func guestValues(g Guest) []any {
	return []any{g.IDType, g.IDNumber, g.Name, g.Gender, nullInt(g.BirthYear), g.Education, g.Occupation,
		g.Institution, g.Category, g.Email, g.Phone, g.NPWP}
}

func guestStrings(g Guest) []string {
	return []string{g.IDType, g.IDNumber, g.Name, string(g.Gender), fmt.Sprint(g.BirthYear), g.Education, g.Occupation,
		g.Institution, g.Category, g.Email, g.Phone, g.NPWP}
}

// RecordGuest records step 3. With consent, the person is saved (or the
// returning visitor updated) so they are found next time; the visit keeps a
// snapshot of what was true today. Changing kategori instansi after the
// request re-quotes the Rp0 eligibility (refused once paid).
func (s *Store) RecordGuest(ctx context.Context, actor, visitID string, in GuestInput) error {
	g, err := ValidateGuest(in, s.now())
	if err != nil {
		return err
	}
	return s.visitStep(ctx, actor, visitID, StepGuestBook, func(tx *sql.Tx, v *Visit) error {
		visitorID := sql.NullString{}
		if in.Consent {
			id, err := s.upsertVisitor(ctx, tx, actor, in.VisitorID, g)
			if err != nil {
				return err
			}
			visitorID = sql.NullString{String: id, Valid: true}
		}
		args := append(guestValues(g), visitorID, in.Consent, v.ID)
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET v_id_type=?, v_id_number=?, v_name=?, v_gender=?, v_birth_year=?,
			v_education=?, v_occupation=?, v_institution=?, v_inst_category=?, v_email=?, v_phone=?, v_npwp=?,
			visitor_id=?, consent=? WHERE id = ?`, args...); err != nil {
			return fmt.Errorf("store: save guest: %w", err)
		}
		if v.Guest != (Guest{}) || v.Consent { // a first guest book is step 3's own record (visit_seal.go)
			a := s.auditor(ctx, tx, actor, "visit", v.ID)
			a.personalChanges(changedFields(v.Guest, g))
			a.change("consent", v.Consent, in.Consent)
			if a.err != nil {
				return a.err
			}
		}
		recat := v.Guest.Category != g.Category && v.Step(StepRequest).State == StateDone
		v.Guest, v.Consent = g, in.Consent
		if recat {
			return s.requote(ctx, tx, actor, v)
		}
		return nil
	})
}

// upsertVisitor creates the person, or updates a returning one; it returns
// the visitor's id.
func (s *Store) upsertVisitor(ctx context.Context, tx *sql.Tx, actor, id string, g Guest) (string, error) {
	now := fmtTime(s.at(tx))
	if id == "" {
		id = s.newID()
		args := append([]any{id}, guestValues(g)...)
		args = append(args, now, now)
		if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO visitors (id, id_type, id_number, name, gender, birth_year, education,
			occupation, institution, inst_category, email, phone, npwp, consent, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)`, args...); err != nil {
			return "", fmt.Errorf("store: save visitor: %w", err)
		}
		a := s.auditor(ctx, tx, actor, "visitor", id)
		a.event("tambah")
		if a.err != nil {
			return "", a.err
		}
	} else {
		old, err := loadVisitor(ctx, tx, id)
		if err != nil {
			return "", err
		}
		if !old.ErasedAt.IsZero() {
			return "", refuse(ErrNotFound, "Data pengunjung ini sudah dihapus atas permintaannya; isi sebagai pengunjung baru")
		}
		if err := s.updateVisitor(ctx, tx, actor, old, g); err != nil {
			return "", err
		}
	}
	return id, s.indexVisitor(ctx, tx, id, g)
}

func (s *Store) updateVisitor(ctx context.Context, tx *sql.Tx, actor string, old Visitor, g Guest) error {
	args := append(guestValues(g), fmtTime(s.at(tx)), old.ID)
	if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visitors SET id_type=?, id_number=?, name=?, gender=?, birth_year=?, education=?,
		occupation=?, institution=?, inst_category=?, email=?, phone=?, npwp=?, consent=1, updated_at=? WHERE id = ?`, args...); err != nil {
		return fmt.Errorf("store: update visitor: %w", err)
	}
	a := s.auditor(ctx, tx, actor, "visitor", old.ID)
	a.personalChanges(changedFields(old.Guest, g))
	return a.err
}

// changedFields names the personal fields that differ between two guest
// books, in personalFields' order, for an audit row without values.
func changedFields(old, new Guest) []string {
	olds, news := guestStrings(old), guestStrings(new)
	var changed []string
	for i, f := range personalFields {
		if olds[i] != news[i] {
			changed = append(changed, f)
		}
	}
	return changed
}

// indexVisitor rewrites the lookup terms of a visitor.
func (s *Store) indexVisitor(ctx context.Context, tx *sql.Tx, id string, g Guest) error {
	if _, err := s.cached(tx).ExecContext(ctx, `DELETE FROM visitor_terms WHERE visitor_id = ?`, id); err != nil {
		return err
	}
	terms := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(g.Name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		terms[w] = true
	}
	for _, t := range []string{strings.ToLower(g.IDNumber), strings.ToLower(g.Email), strings.TrimPrefix(g.Phone, "+")} {
		if t != "" {
			terms[t] = true
		}
	}
	for t := range terms {
		if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO visitor_terms (term, visitor_id) VALUES (?, ?)`, t, id); err != nil {
			return err
		}
	}
	return nil
}

// Visitor is a person seen at the counter, as currently known.
type Visitor struct {
	ID        string
	Guest     Guest
	ErasedAt  time.Time
	UpdatedAt time.Time
	Visits    int
	LastVisit string // WIB day
}

func loadVisitor(ctx context.Context, q querier, id string) (Visitor, error) {
	var v Visitor
	g := &v.Guest
	var erased sql.NullString
	var updated string
	err := q.QueryRowContext(ctx, `SELECT id, id_type, id_number, name, gender, coalesce(birth_year,0), education, occupation,
		institution, inst_category, email, phone, npwp, erased_at, updated_at FROM visitors WHERE id = ?`, id).Scan(
		&v.ID, &g.IDType, &g.IDNumber, &g.Name, &g.Gender, &g.BirthYear, &g.Education, &g.Occupation, &g.Institution,
		&g.Category, &g.Email, &g.Phone, &g.NPWP, &erased, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("%w: pengunjung %s", ErrNotFound, id)
	}
	if err != nil {
		return v, err
	}
	v.ErasedAt, v.UpdatedAt = nullTime(erased), parseTime(updated)
	err = q.QueryRowContext(ctx, `SELECT count(*), coalesce(max(day),'') FROM visits WHERE visitor_id = ?`, id).Scan(&v.Visits, &v.LastVisit)
	return v, err
}

// Visitor loads one visitor.
func (s *Store) Visitor(ctx context.Context, id string) (Visitor, error) {
	var v Visitor
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = loadVisitor(ctx, tx, id)
		return err
	})
	return v, err
}

// FindVisitors offers returning visitors for what is typed: a prefix of any
// word of the name, of the ID number, email or phone. Every word typed must
// match. Erased visitors are never offered.
func (s *Store) FindVisitors(ctx context.Context, query string, limit int) ([]Visitor, error) {
	words := strings.Fields(strings.ToLower(strings.TrimSpace(query)))
	if len(words) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = 10
	}
	var out []Visitor
	err := s.read(ctx, func(tx *sql.Tx) error {
		ids, err := findVisitorIDs(ctx, tx, query, limit)
		if err != nil {
			return err
		}
		for _, id := range ids {
			v, err := loadVisitor(ctx, tx, id)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// UpdateVisitor corrects a visitor's record on request (audited without
// values). Past visits keep their snapshot.
func (s *Store) UpdateVisitor(ctx context.Context, actor, id string, in GuestInput) error {
	in.Consent = true
	g, err := ValidateGuest(in, s.now())
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		old, err := loadVisitor(ctx, tx, id)
		if err != nil {
			return err
		}
		if !old.ErasedAt.IsZero() {
			return refuse(ErrNotFound, "Data pengunjung ini sudah dihapus")
		}
		if err := s.updateVisitor(ctx, tx, actor, old, g); err != nil {
			return err
		}
		return s.indexVisitor(ctx, tx, id, g)
	})
}

// Erased is what replaces a name erased on request.
const Erased = "(dihapus atas permintaan)"

// EraseVisitor anonymises a person on request (UU PDP): the visitor row, the
// snapshots on their visits and the payer names on their payments lose every
// identity field; visits, amounts and numbers stay, so the money trail holds.
//
// The old values must not linger in the files either: secure_delete (set
// on every connection) zeroes the space the old rows freed, the file is
// rebuilt (rebuildFile: copies a restore by an older loket left), and the WAL,
// which still holds the pages as they were, is checkpointed into the
// database and truncated. Backups made before the erasure still hold them
// (docs/reliability.md says so).
func (s *Store) EraseVisitor(ctx context.Context, actor, id string) error {
	if err := s.eraseVisitor(ctx, actor, id); err != nil {
		return err
	}
	// The erasure is committed: whatever stops the file from being
	// rebuilt or the log from being emptied now, the answer is that it is
	// done, with a note.
	err := s.rebuildFile(ctx)
	if err == nil {
		err = s.truncateWAL(ctx)
	}
	if err == nil || errors.Is(err, ErrErasedInLog) {
		return err
	}
	return refuse(ErrErasedInLog, "Data pribadi sudah dihapus (dianonimkan), tetapi berkas basis data atau lognya belum dapat dibersihkan (%v); hapus sekali lagi untuk membersihkannya.", err)
}

// truncateWAL copies the WAL into the database and empties it. A reader
// still holding an old snapshot (an export running beside the app) stops
// it half way. The erasure itself is committed by then, so that is not a
// failure: it is reported as ErrErasedInLog, and the WAL is emptied when
// the last connection closes (SQLite checkpoints and removes it then) or
// by the next erasure.
func (s *Store) truncateWAL(ctx context.Context) (err error) {
	// A checkpoint waits for readers as long as the busy timeout allows;
	// an export can take seconds, so this one waits a second at most.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return mapErr(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 1000`); err != nil {
		return mapErr(err)
	}
	defer func() {
		// Back to the pool's setting even when ctx is done; a connection
		// that cannot be reset is dropped instead of going back with a
		// one-second timeout.
		if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA busy_timeout = 5000`); rerr != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn }) // marks the connection for closing; its error is ErrBadConn by design
			if err == nil {
				err = mapErr(rerr)
			}
		}
	}()
	var busy, logFrames, done int
	if err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &done); err != nil {
		return mapErr(err)
	}
	if busy != 0 {
		return refuse(ErrErasedInLog, "Data pribadi sudah dihapus (dianonimkan), tetapi salinan lamanya masih di berkas log basis data karena proses lain sedang membaca (mis. ekspor); salinan itu dihapus saat loket ditutup.")
	}
	return nil
}

func (s *Store) eraseVisitor(ctx context.Context, actor, id string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		old, err := loadVisitor(ctx, tx, id)
		if err != nil {
			return err
		}
		if !old.ErasedAt.IsZero() {
			return nil
		}
		if err := scrubFreeText(ctx, tx, old); err != nil {
			return err
		}
		now := fmtTime(s.at(tx))
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visitors SET id_type='', id_number='', name=?, gender='', birth_year=NULL,
			education='', occupation='', institution='', email='', phone='', npwp='', consent=0, erased_at=?, updated_at=?
			WHERE id = ?`, Erased, now, now, id); err != nil {
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `DELETE FROM visitor_terms WHERE visitor_id = ?`, id); err != nil {
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE payments SET payer = ? WHERE visit_id IN (SELECT id FROM visits WHERE visitor_id = ?)`, Erased, id); err != nil {
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE billing_codes SET payer = ? WHERE visit_id IN (SELECT id FROM visits WHERE visitor_id = ?)`, Erased, id); err != nil {
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET v_id_type='', v_id_number='', v_name=?, v_gender='', v_birth_year=NULL,
			v_education='', v_occupation='', v_institution='', v_email='', v_phone='', v_npwp='' WHERE visitor_id = ?`, Erased, id); err != nil {
			return err
		}
		return recordErasure(ctx, s, tx, actor, id, now)
	})
}
