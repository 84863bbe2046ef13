package store

import (
	"bytes"
	"context"
	"database/sql"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Helpers shared by the reliability tests (backup, restore, check, lock,
// crash, disk full, privacy).

// rawDB opens a file with plain SQLite, bypassing the store, to tamper with
// it or build files that are not loket's.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func execAll(t *testing.T, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// randomFile writes n seeded random bytes.
func randomFile(t *testing.T, path string, n int) {
	t.Helper()
	b := make([]byte, n)
	rand.New(rand.NewSource(int64(n))).Read(b)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// otherSQLite makes an SQLite database that is not loket's.
func otherSQLite(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE kontak (nama TEXT); INSERT INTO kontak VALUES ('Ani')`); err != nil {
		t.Fatal(err)
	}
}

// tooNew makes a loket database that claims a schema newer than this binary.
func tooNew(t *testing.T, path string) {
	t.Helper()
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
}

// damaged copies a closed loket database and overwrites the b-tree page
// header of the audit table's root page, so integrity_check fails while the
// schema (page 1) still reads.
func damaged(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var root, size int
	db := rawDB(t, src)
	if err := db.QueryRow(`SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = 'audit'`).Scan(&root, &size); err != nil {
		t.Fatal(err)
	}
	db.Close()
	at := (root - 1) * size
	for i := at; i < at+12; i++ {
		b[i] = 0xA5
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sameBytes(t *testing.T, path string, want []byte) {
	t.Helper()
	if got := readFile(t, path); !bytes.Equal(got, want) {
		t.Errorf("%s changed (%d bytes, was %d)", path, len(got), len(want))
	}
}

// listDir names the entries of a folder, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

// closedCopy walks some visits in a fixture, closes the store (checkpointing
// the WAL into the file) and returns the database's path.
func closedCopy(t *testing.T, kinds ...int) string {
	t.Helper()
	f := newFixture(t)
	for _, k := range kinds {
		f.walk(k, StepFinish)
	}
	f.must(f.s.Close())
	return f.s.Path()
}

func countVisits(t *testing.T, path string) int {
	t.Helper()
	r, err := Check(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Fatalf("%s: %v", path, r.Problems)
	}
	return r.Visits
}

func problemsText(r CheckReport) string {
	var b strings.Builder
	for _, p := range r.Problems {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

func tempPath(t *testing.T, name string) string { return filepath.Join(t.TempDir(), name) }
