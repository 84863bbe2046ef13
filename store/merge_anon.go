package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// CopyWithoutIdentity writes to out a copy of the loket database at src
// with every visitor's identity removed as an erasure on request removes it
// (eraseVisitor: the visitor row, search terms, visit snapshots, payer
// names), for a province that needs figures and not people (issue 17).
// src is read with a read-only connection and never changed; out must not
// exist. The copy is made under out+".part", its log emptied and the file
// rewritten (VACUUM), then renamed: a copy stopped half way is never under
// out's name. It returns how many visitors were erased in the copy.
func CopyWithoutIdentity(ctx context.Context, src, out string) (int, error) {
	if err := checkSource(ctx, src, "tidak ada salinan yang dibuat"); err != nil {
		return 0, err
	}
	if _, err := os.Stat(out); err == nil {
		return 0, fmt.Errorf("%s sudah ada; tulis nama berkas baru untuk salinan tanpa identitas", out)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("periksa %s: %w", out, err)
	}
	tmp := out + ".part"
	removeDB(tmp) // a leftover of a copy that was stopped
	// Made beforehand with mode 0600: VACUUM INTO keeps an existing empty
	// file's mode, and the copy holds every identity until it is erased.
	if _, err := createFile(tmp); err != nil {
		return 0, err
	}
	db, err := openReadOnly(src)
	if err != nil {
		return 0, err
	}
	err = vacuumInto(ctx, db, tmp)
	db.Close()
	if err != nil {
		return 0, err
	}
	n, err := eraseAll(ctx, tmp)
	if err != nil {
		removeDB(tmp)
		return 0, err
	}
	if err := os.Rename(tmp, out); err != nil {
		removeDB(tmp)
		return 0, fmt.Errorf("ganti nama %s: %w", tmp, err)
	}
	return n, nil
}

func removeDB(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
}

// eraseAll erases every visitor of the database at path in one batch, then
// empties the log and rewrites the file, so that no old page keeps a value.
func eraseAll(ctx context.Context, path string) (int, error) {
	s, err := Open(ctx, path, Options{})
	if err != nil {
		return 0, err
	}
	var ids []string
	err = s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM visitors WHERE erased_at IS NULL ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return rows.Err()
	})
	if err == nil {
		err = s.Batch(ctx, func(b *Store) error {
			if err := b.markIdentityFree(ctx); err != nil {
				return err
			}
			for _, id := range ids {
				if err := b.eraseVisitor(ctx, "", id); err != nil {
					return err
				}
			}
			return b.eraseNamelessVisits(ctx)
		})
	}
	if err == nil {
		err = s.truncateWAL(ctx)
	}
	if err == nil {
		_, err = s.db.ExecContext(ctx, `VACUUM`)
		err = mapErr(err)
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	return len(ids), err
}

// identityFreeKey prefixes the meta row, one per counter, that marks a copy
// without identity and keeps the counter's audit sequence before the copy's
// erasures were written: the copy's own erasure rows extend the counter's
// chain where the counter itself will write other rows, so a merge reads
// the copy's trail only up to that sequence (merge_source.go), and the next
// copy of the same counter does not fork from it.
const identityFreeKey = "tanpa_identitas:"

// markIdentityFree records, before the erasures' audit rows are written,
// each counter's sequence under identityFreeKey. A copy of a copy keeps
// the first sequence (INSERT OR IGNORE).
func (s *Store) markIdentityFree(ctx context.Context) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO meta (key, value) SELECT ? || uid, audit_seq FROM counters`, identityFreeKey)
		return err
	})
}

// eraseNamelessVisits removes the identity of visits that have no visitor
// record (a name typed at the counter without the guest book): an erasure
// is per visitor and never reaches them, a copy without identity must.
func (s *Store) eraseNamelessVisits(ctx context.Context) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		const nameless = `(SELECT id FROM visits WHERE visitor_id IS NULL)`
		for _, q := range []string{
			`UPDATE payments SET payer = ?1 WHERE payer <> '' AND visit_id IN ` + nameless,
			`UPDATE billing_codes SET payer = ?1 WHERE payer <> '' AND visit_id IN ` + nameless,
			`UPDATE invoices SET payer = ?1 WHERE payer <> '' AND visit_id IN ` + nameless,
			`UPDATE visits SET v_id_type='', v_id_number='', v_name = CASE WHEN v_name = '' THEN '' ELSE ?1 END, v_gender='', v_birth_year=NULL,
				v_education='', v_occupation='', v_institution='', v_email='', v_phone='', v_npwp='' WHERE visitor_id IS NULL`,
		} {
			if _, err := tx.ExecContext(ctx, q, Erased); err != nil {
				return err
			}
		}
		return nil
	})
}
