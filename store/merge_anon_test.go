package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"loket/store"
)

// An identity-free copy holds the figures and no visitor's name, ID
// number, email or phone anywhere in its raw bytes.
func TestCopyWithoutIdentity(t *testing.T) {
	ctx := context.Background()
	a, _ := mergeSources(t)
	before := digest(t, a)
	out := filepath.Join(t.TempDir(), "provinsi.db")
	n, err := store.CopyWithoutIdentity(ctx, a, out)
	if err != nil {
		t.Fatal(err)
	}
	if digest(t, a) != before {
		t.Fatal("the source changed")
	}
	if n == 0 || totalsOf(t, out).visits != totalsOf(t, a).visits || totalsOf(t, out).pnbp != totalsOf(t, a).pnbp {
		t.Fatalf("%d erased; copy %+v, source %+v", n, totalsOf(t, out), totalsOf(t, a))
	}
	if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v", st, err)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := sqlOf(t, a).Query(`SELECT value FROM (
		SELECT name AS value FROM visitors UNION SELECT id_number FROM visitors UNION SELECT email FROM visitors
		UNION SELECT phone FROM visitors UNION SELECT npwp FROM visitors
		UNION SELECT v_name FROM visits UNION SELECT v_id_number FROM visits UNION SELECT v_phone FROM visits
		UNION SELECT payer FROM payments UNION SELECT payer FROM invoices)
		WHERE length(value) >= 6 AND value NOT IN (SELECT name FROM officers) AND value NOT IN (SELECT recipient FROM handovers)
		AND NOT EXISTS (SELECT 1 FROM items WHERE instr(title, value) > 0)`) // an institution that pays is also in titles ("Kecamatan Manggar Dalam Angka")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	checked := 0
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		checked++
		if bytes.Contains(raw, []byte(v)) {
			t.Errorf("the copy still holds a personal value (%d bytes) of the source", len(v))
		}
	}
	if checked < 100 {
		t.Fatalf("only %d personal values looked for", checked)
	}
	if r, err := store.Check(ctx, out); err != nil || !r.OK() {
		t.Fatalf("check: %v %v", r.Problems, err)
	}
	if _, err := store.CopyWithoutIdentity(ctx, a, out); err == nil {
		t.Fatal("an existing copy overwritten")
	}
}
