package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"loket/store/chain"
	"loket/store/valid"
)

// The audit trail is a hash chain per origin (schema 3, issue 13): each row's
// hash column is chain.Next(previous row's hash, the row's canonical
// content), the first row of an origin following chain.Genesis. The origin
// in the hashed content is the counter's uid, not its local id or its codes:
// the id is renumbered when trails of several counters are merged into one
// file, and the office and counter codes follow the settings.

// chainRowSQL selects an audit row's canonical content, for chainRow.
const chainRowSQL = `k.uid, a.seq, a.at, coalesce(a.officer_id, ''), a.entity, a.entity_id, a.action, a.field, a.old, a.new`

// scanChainRow reads the columns of chainRowSQL (then extra) into a chain row.
func scanChainRow(rows interface{ Scan(...any) error }, extra ...any) (chain.Row, error) {
	var r chain.Row
	var old, new sql.NullString
	dest := append([]any{&r.Origin, &r.Seq, &r.At, &r.Officer, &r.Entity, &r.EntityID, &r.Action, &r.Field, &old, &new}, extra...)
	if err := rows.Scan(dest...); err != nil {
		return r, err
	}
	r.Values = chain.ValuesHash(strPtr(old), strPtr(new))
	return r, nil
}

// strPtr is nil for NULL: ValuesHash tells NULL from the empty string.
func strPtr(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

// hashOf reads a stored hash; ok is false for NULL or a value of the wrong
// length, which no chain link can be.
func hashOf(b []byte) (h chain.Hash, ok bool) {
	if len(b) != len(h) {
		return h, false
	}
	copy(h[:], b)
	return h, true
}

// chainLinkQuery reads this counter's next audit number and its last row's
// hash (the row at the counter's number, or below it when v1 had lost its
// tail): two lookups by primary key.
const chainLinkQuery = `SELECT k.uid, k.audit_seq + 1, (SELECT a.hash FROM audit a
	WHERE a.origin = k.id AND a.seq <= k.audit_seq ORDER BY a.seq DESC LIMIT 1) FROM counters k WHERE k.id = 1`

// integrityCodesQuery finds each counter's last audit row before a time,
// walking its rows backwards by primary key from the newest: a recent day
// reads a few rows.
const integrityCodesQuery = `SELECT ` + counterLabelSQL + `, a.seq, a.hash FROM counters k
	JOIN audit a ON a.origin = k.id AND a.seq = (SELECT b.seq FROM audit b WHERE b.origin = k.id AND b.at < ? ORDER BY b.seq DESC LIMIT 1)
	ORDER BY k.id`

// chainLink is what an audit insert needs to extend this counter's chain:
// the origin's uid, the row's number and the previous row's hash. It is read
// in the writing transaction, which holds the write lock (_txlock=immediate),
// so no other insert can take the same number or link to the same row.
func (s *Store) chainLink(ctx context.Context, tx *sql.Tx) (uid string, seq int64, prev chain.Hash, err error) {
	var last []byte
	err = s.cached(tx).QueryRowContext(ctx, chainLinkQuery).Scan(&uid, &seq, &last)
	if err != nil {
		return "", 0, prev, fmt.Errorf("store: audit: ujung rantai: %w", err)
	}
	// A previous hash that is not 32 bytes (edited outside loket) links as
	// the zero hash: the counter keeps saving, and check names the row
	// where the chain breaks.
	prev, _ = hashOf(last)
	return uid, seq, prev, nil
}

// backfillChain computes the hash of every audit row already in the file
// (migration 3), each origin from chain.Genesis in the order of its numbers.
// The append-only trigger is dropped for the UPDATE and put back with the
// text migration 2 gave it, inside the migration's transaction, so the
// schema compares equal to a new file's and no other writer sees the gap.
func backfillChain(ctx context.Context, tx *sql.Tx) error {
	type link struct {
		origin, seq int64
		hash        chain.Hash
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+chainRowSQL+`, a.origin FROM audit a JOIN counters k ON k.id = a.origin ORDER BY a.origin, a.seq`)
	if err != nil {
		return fmt.Errorf("store: rantai jejak audit: %w", err)
	}
	var links []link
	heads := map[int64]chain.Hash{}
	for rows.Next() {
		var origin int64
		r, err := scanChainRow(rows, &origin)
		if err != nil {
			rows.Close()
			return fmt.Errorf("store: rantai jejak audit: %w", err)
		}
		h := chain.Next(heads[origin], r)
		heads[origin] = h
		links = append(links, link{origin, r.Seq, h})
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: rantai jejak audit: %w", err)
	}
	var orphans int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM audit WHERE origin NOT IN (SELECT id FROM counters)`).Scan(&orphans); err != nil {
		return fmt.Errorf("store: rantai jejak audit: %w", err)
	}
	if orphans > 0 {
		return fmt.Errorf("store: rantai jejak audit: %d baris jejak audit tanpa loket asal (counters); basis data tidak diubah", orphans)
	}
	if len(links) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DROP TRIGGER audit_no_update`); err != nil {
		return fmt.Errorf("store: rantai jejak audit: %w", err)
	}
	st, err := tx.PrepareContext(ctx, `UPDATE audit SET hash = ? WHERE origin = ? AND seq = ?`)
	if err != nil {
		return fmt.Errorf("store: rantai jejak audit: %w", err)
	}
	defer st.Close()
	for _, l := range links {
		if _, err := st.ExecContext(ctx, l.hash[:], l.origin, l.seq); err != nil {
			return fmt.Errorf("store: rantai jejak audit baris %d: %w", l.seq, err)
		}
	}
	// The text of migration 2, whitespace aside: check compares it.
	if _, err := tx.ExecContext(ctx, `CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`); err != nil {
		return fmt.Errorf("store: rantai jejak audit: %w", err)
	}
	return nil
}

// counterLabelSQL is how a counter is named in a Kode integritas: office and
// counter code, e.g. 1906/A.
const counterLabelSQL = `k.office_code || '/' || k.counter_code`

// IntegrityCodes returns each counter's Kode integritas at its last audit
// row written before end (the end of the day a workbook reports), so two
// exports of the same closed day give the same codes. A counter without a
// row before end has none. The codes are the anchor of the chain: kept in
// the Kasubbag Umum's workbooks, they show later (loket check --kode) that
// the trail up to them is unchanged.
func (s *Store) IntegrityCodes(ctx context.Context, end time.Time) ([]chain.Code, error) {
	var out []chain.Code
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = integrityCodes(ctx, tx, end)
		return err
	})
	return out, err
}

// IntegrityCodes are the codes at the end of the report's last day (WIB),
// read from the report's snapshot: see Store.IntegrityCodes.
func (r *Report) IntegrityCodes() ([]chain.Code, error) {
	to, err := time.ParseInLocation(time.DateOnly, r.To, valid.WIB)
	if err != nil {
		return nil, err
	}
	return integrityCodes(r.ctx, r.tx, to.AddDate(0, 0, 1))
}

func integrityCodes(ctx context.Context, tx *sql.Tx, end time.Time) ([]chain.Code, error) {
	rows, err := tx.QueryContext(ctx, integrityCodesQuery, fmtTime(end))
	if err != nil {
		return nil, fmt.Errorf("store: kode integritas: %w", mapErr(err))
	}
	defer rows.Close()
	var out []chain.Code
	for rows.Next() {
		var label string
		var seq int64
		var b []byte
		if err := rows.Scan(&label, &seq, &b); err != nil {
			return nil, err
		}
		h, ok := hashOf(b)
		if !ok {
			return nil, fmt.Errorf("store: kode integritas: baris jejak audit %s nomor %d tanpa sidik yang sah; jalankan loket check", label, seq)
		}
		out = append(out, chain.NewCode(label, seq, h))
	}
	return out, rows.Err()
}

// CodeError is a Kode integritas that does not match the database: the
// trail up to the code's row was changed, cut, or belongs to another file.
type CodeError struct{ Msg string }

func (e *CodeError) Error() string { return e.Msg }

// ErrCodeMismatch is matched (errors.Is) by every CodeError.
var ErrCodeMismatch = errors.New("store: kode integritas tidak cocok")

// Is makes errors.Is(err, ErrCodeMismatch) true.
func (e *CodeError) Is(target error) bool { return target == ErrCodeMismatch }

// VerifyCode checks a Kode integritas (as a workbook's Ringkasan prints it)
// against the database at path, opened read-only like Check: the trail of
// the code's counter, from its first row to the code's row, must recompute
// to the head the code names. Rows after it are not read, so a code from a
// closed day stays valid while the counter writes on. It returns the row's
// time on success, a *CodeError when the trail differs, and another error
// when the code cannot be read or the file cannot be examined.
func VerifyCode(ctx context.Context, path, code string) (time.Time, error) {
	c, err := chain.ParseCode(code)
	if err != nil {
		return time.Time{}, err
	}
	src, done, err := openSource(path, "")
	if err != nil {
		return time.Time{}, err
	}
	defer done()
	db, err := openReadOnly(src)
	if err != nil {
		return time.Time{}, renamed(err, src, path)
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return time.Time{}, fmt.Errorf("baca %s: %w", path, mapErr(err))
	}
	defer tx.Rollback()
	version, err := identify(ctx, tx, path)
	if err != nil {
		return time.Time{}, err
	}
	if version != SchemaVersion {
		if version > SchemaVersion {
			return time.Time{}, &TooNewError{Database: version, Binary: SchemaVersion}
		}
		return time.Time{}, &NeedsUpgradeError{Database: version, Binary: SchemaVersion}
	}
	var origin int64
	var uid string
	err = tx.QueryRowContext(ctx, `SELECT k.id, k.uid FROM counters k WHERE upper(`+counterLabelSQL+`) = ?`, c.Origin).Scan(&origin, &uid)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, &CodeError{fmt.Sprintf("kode integritas %s: loket %s tidak ada di basis data ini (kode dari basis data lain, atau kode kantor/loket telah diubah)", c, c.Origin)}
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("baca %s: %w", path, mapErr(err))
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+chainRowSQL+`, a.hash FROM audit a JOIN counters k ON k.id = a.origin
		WHERE a.origin = ? AND a.seq <= ? ORDER BY a.seq`, origin, c.Seq)
	if err != nil {
		return time.Time{}, fmt.Errorf("baca %s: %w", path, mapErr(err))
	}
	defer rows.Close()
	var at string
	var scanErr error
	byUID := c
	byUID.Origin = uid
	verr := chain.VerifyCode(byUID, func(yield func(chain.Row, chain.Hash) bool) {
		for rows.Next() {
			var b []byte
			r, err := scanChainRow(rows, &b)
			if err != nil {
				scanErr = err
				return
			}
			h, _ := hashOf(b) // a missing hash is the zero hash: it does not verify
			at = r.At
			if !yield(r, h) {
				return
			}
		}
		scanErr = rows.Err()
	})
	if scanErr != nil {
		return time.Time{}, fmt.Errorf("baca %s: %w", path, mapErr(scanErr))
	}
	var br *chain.Break
	if errors.As(verr, &br) {
		return time.Time{}, &CodeError{fmt.Sprintf("kode integritas %s TIDAK cocok: jejak audit loket %s baris %d: %s", c, c.Origin, br.Seq, br.Msg)}
	}
	if verr != nil {
		return time.Time{}, verr
	}
	return parseTime(at), nil
}
