package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorruptPageIsSaidInIndonesian: a damaged page of the database (a
// failing disk, a copy cut short) reaches the officer as the store's
// Indonesian sentence with what to do, not SQLite's "database disk image
// is malformed (11)".
func TestCorruptPageIsSaidInIndonesian(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepFinish)
	// A copy of the file to damage, made with SQLite's own VACUUM INTO.
	path := filepath.Join(t.TempDir(), "rusak.db")
	if _, err := testDB(f.s).Exec(`VACUUM INTO ?`, path); err != nil {
		t.Fatal(err)
	}

	var root, pageSize int64
	db := rawDB(t, path)
	if err := db.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE name = 'visits'`).Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`PRAGMA page_size`).Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	db.Close()
	fh, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	junk := make([]byte, pageSize)
	for i := range junk {
		junk[i] = 0xA5
	}
	if _, err := fh.WriteAt(junk, (root-1)*pageSize); err != nil {
		t.Fatal(err)
	}
	fh.Close()

	s, err := Open(context.Background(), path, Options{Now: f.clock.Now})
	if err != nil {
		// Refused at open: it must be said the same way.
		assertCorrupt(t, err)
		return
	}
	defer s.Close()
	_, err = s.Visit(context.Background(), v.ID)
	assertCorrupt(t, err)
}

func assertCorrupt(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("damaged page gave %v, want ErrCorrupt", err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "Basis data rusak (kode SQLite 11") || !strings.Contains(msg, "loket restore") || strings.Contains(msg, "malformed") {
		t.Fatalf("message %q is not the Indonesian one", msg)
	}
}
