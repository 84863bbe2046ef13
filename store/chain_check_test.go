package store

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"loket/store/valid"
)

const (
	chainDropUpdate = `DROP TRIGGER audit_no_update`
	chainPutUpdate  = `CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`
	chainDropDelete = `DROP TRIGGER audit_no_delete`
	chainPutDelete  = `CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`
)

// copyOf writes clean to a new file and applies stmts with plain SQLite.
func copyOf(t *testing.T, clean []byte, stmts ...string) string {
	t.Helper()
	path := tempPath(t, "loket.db")
	if err := os.WriteFile(path, clean, 0o600); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	db.SetMaxOpenConns(1)
	execAll(t, db, stmts...)
	db.Close()
	return path
}

// recomputeChain is what a careful editor does after editing rows: compute
// every hash again with the program's own code.
func recomputeChain(t *testing.T, path string) {
	t.Helper()
	db := rawDB(t, path)
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if err := backfillChain(context.Background(), tx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	db.Close()
}

func chainFinding(r CheckReport, want string) bool {
	for _, p := range r.Problems {
		if p.Area == "rantai audit" && strings.Contains(p.Msg, want) {
			return true
		}
	}
	return false
}

// An edit, deletion or insertion in the middle of the trail, a renumbering,
// or a hash edited or removed breaks the chain at that row, and check names
// the row. Each tampering is on its own copy; the untouched copy verifies.
func TestChainFindsTamperingInTheMiddle(t *testing.T) {
	clean := readFile(t, closedCopy(t, paidPub, microdata, zeroPub, paidPub))
	r, err := Check(context.Background(), copyOf(t, clean))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Problems {
		if p.Area == "rantai audit" {
			t.Fatalf("untouched copy: %s", p)
		}
	}
	if r.AuditRows < 20 {
		t.Fatalf("only %d audit rows", r.AuditRows)
	}
	cases := []struct {
		name string
		sql  []string
		want string
	}{
		{"row edited", []string{chainDropUpdate, `UPDATE audit SET action = 'batal' WHERE seq = 7`, chainPutUpdate},
			"terputus di baris 7 "},
		{"value edited", []string{chainDropUpdate, `UPDATE audit SET new = '1' WHERE seq = (SELECT min(seq) FROM audit WHERE seq > 5 AND new IS NOT NULL)`, chainPutUpdate},
			"sidik tidak cocok"},
		{"time edited", []string{chainDropUpdate, `UPDATE audit SET at = replace(at, 'T0', 'T1') WHERE seq = 9`, chainPutUpdate},
			"terputus di baris 9 "},
		{"row deleted", []string{chainDropDelete, `DELETE FROM audit WHERE seq = 8`, chainPutDelete},
			"terputus di baris 9 "},
		{"row inserted (later rows renumbered)", []string{chainDropUpdate,
			`UPDATE audit SET seq = seq + 1000000 WHERE seq >= 6`, `UPDATE audit SET seq = seq - 999999 WHERE seq > 1000000`,
			`INSERT INTO audit (origin, seq, at, officer_id, entity, entity_id, action, field, old, new, personal, hash)
				SELECT origin, 6, at, officer_id, entity, entity_id, 'batal', field, old, new, personal, hash FROM audit WHERE seq = 5`,
			chainPutUpdate},
			"terputus di baris 6 "},
		{"hash edited", []string{chainDropUpdate, `UPDATE audit SET hash = randomblob(32) WHERE seq = 10`, chainPutUpdate},
			"terputus di baris 10 "},
		{"hash removed", []string{chainDropUpdate, `UPDATE audit SET hash = NULL WHERE seq = 4`, chainPutUpdate},
			"tidak memiliki sidik rantai"},
		{"first row edited", []string{chainDropUpdate, `UPDATE audit SET officer_id = NULL WHERE seq = 1`, chainPutUpdate},
			"terputus di baris 1 "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Check(context.Background(), copyOf(t, clean, c.sql...))
			if err != nil {
				t.Fatal(err)
			}
			if !chainFinding(r, c.want) {
				t.Errorf("want rantai audit: …%s…; got:\n%s", c.want, problemsText(r))
			}
		})
	}
}

// What a chain does not prove: an editor who recomputes it passes a check
// that sees only the file. This test keeps docs/reliability.md honest.
func TestChainRecomputedPassesCheck(t *testing.T) {
	clean := readFile(t, closedCopy(t, paidPub))
	path := copyOf(t, clean, chainDropUpdate, `UPDATE audit SET action = 'batal' WHERE seq = 7`, chainPutUpdate)
	recomputeChain(t, path)
	r, err := Check(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if chainFinding(r, "") {
		t.Fatalf("a recomputed chain verifies from the file alone, yet check reports:\n%s", problemsText(r))
	}
}

// The anchor: the code of a closed day verifies while the counter writes on,
// and is refused once that day's rows are changed — also when the editor
// recomputed the chain, and when the tail up to it was cut.
func TestVerifyCodeOfADay(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepFinish)
	f.walk(microdata, StepFinish)
	dayEnd := time.Date(2026, 11, 27, 0, 0, 0, 0, valid.WIB)
	f.clock.Add(24 * time.Hour) // the next day
	f.walk(paidPub, StepFinish)
	codes, err := f.s.IntegrityCodes(f.ctx, dayEnd)
	if err != nil || len(codes) != 1 {
		t.Fatalf("codes %v, %v", codes, err)
	}
	code := codes[0]
	f.walk(zeroPub, StepFinish)
	again, err := f.s.IntegrityCodes(f.ctx, dayEnd)
	if err != nil || len(again) != 1 || again[0] != code {
		t.Fatalf("a closed day's code changed as the counter wrote on: %v then %v (%v)", code, again, err)
	}
	var lastOfDay int64
	f.must(testDB(f.s).QueryRow(`SELECT max(seq) FROM audit WHERE at < ?`, fmtTime(dayEnd)).Scan(&lastOfDay))
	if code.Seq != lastOfDay || !strings.HasPrefix(code.String(), code.Origin+"-") || code.Origin == "" {
		t.Fatalf("code %v, last row of the day %d", code, lastOfDay)
	}
	// Beside the running app, and after it closed.
	at, err := VerifyCode(f.ctx, f.s.Path(), code.String())
	if err != nil {
		t.Fatalf("untouched: %v", err)
	}
	if !at.Before(dayEnd) {
		t.Errorf("code's row at %v, after the day's end", at)
	}
	f.must(f.s.Close())
	clean := readFile(t, f.s.Path())
	// Typed from paper: lower case, spaces, O for 0 and so on.
	if _, err := VerifyCode(f.ctx, copyOf(t, clean), strings.ToLower(strings.ReplaceAll(code.String(), "-", " - "))); err != nil {
		t.Errorf("code typed loosely: %v", err)
	}

	dayRow := `(SELECT min(seq) FROM audit WHERE action = 'bayar')`
	later := `(SELECT max(seq) FROM audit)`
	edited := func(t *testing.T, row string, recompute bool) string {
		p := copyOf(t, clean, chainDropUpdate, `UPDATE audit SET new = '1' WHERE seq = `+row, chainPutUpdate)
		if recompute {
			recomputeChain(t, p)
		}
		return p
	}
	cut := copyOf(t, clean, chainDropDelete, `DELETE FROM audit WHERE seq >= `+dayRow, chainPutDelete,
		`UPDATE counters SET audit_seq = (SELECT max(seq) FROM audit)`)
	for _, c := range []struct {
		name string
		path string
		want string // "" when the code must match
	}{
		{"a later day's row edited", edited(t, later, false), ""},
		{"the day's row edited", edited(t, dayRow, false), "sidik tidak cocok"},
		{"the day's row edited, chain recomputed", edited(t, dayRow, true), "telah diubah"},
		{"the tail cut, counter lowered", cut, "telah dihapus"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := VerifyCode(f.ctx, c.path, code.String())
			switch {
			case c.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case c.want != "" && !errors.Is(err, ErrCodeMismatch):
				t.Errorf("want a mismatch (…%s…), got %v", c.want, err)
			case c.want != "" && !strings.Contains(err.Error(), c.want):
				t.Errorf("want …%s…, got %v", c.want, err)
			}
		})
	}
	if _, err := VerifyCode(f.ctx, copyOf(t, clean), strings.Replace(code.String(), "1906/A", "1906/Z", 1)); !errors.Is(err, ErrCodeMismatch) {
		t.Errorf("code of another counter: %v", err)
	}
}

// An audit insert reads its chain link by primary key (plan tests). The
// Kode integritas query is left out: it walks the few counters rows, which
// the plan test's no-full-scan rule would refuse, then each counter's trail
// by primary key.
func init() {
	plannedQueries = append(plannedQueries, []struct {
		name  string
		query string
		args  []any
	}{
		{"audit chain link", chainLinkQuery, nil},
	}...)
}

// A hash removed outside loket does not stop the counter: the next save
// links to the zero hash, and check names the row that lost its hash.
func TestSaveAfterAHashWasRemoved(t *testing.T) {
	clean := readFile(t, closedCopy(t, paidPub))
	path := copyOf(t, clean, chainDropUpdate, `UPDATE audit SET hash = NULL WHERE seq = (SELECT max(seq) FROM audit)`, chainPutUpdate)
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordEvent(ctx, "", "office", "office", "cetak", "uji"); err != nil {
		t.Fatalf("save after a removed hash: %v", err)
	}
	s.Close()
	r, err := Check(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if !chainFinding(r, "tidak memiliki sidik rantai") {
		t.Errorf("want the row without a hash named; got:\n%s", problemsText(r))
	}
}
