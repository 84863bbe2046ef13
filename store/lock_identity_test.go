//go:build unix

package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Deleting or replacing the database or its WAL under an open store stops
// every later write with ErrFileGone and its Indonesian message; CheckFiles
// (the app's timer) says so before any write. (Unix: Windows does not let
// an open file be deleted.)
func TestFileGoneStopsWriting(t *testing.T) {
	cases := []struct {
		name string
		do   func(t *testing.T, db string)
	}{
		{"wal deleted", func(t *testing.T, db string) { must(t, os.Remove(db+"-wal")) }},
		{"database deleted", func(t *testing.T, db string) { must(t, os.Remove(db)) }},
		{"database, wal and shm deleted", func(t *testing.T, db string) {
			for _, s := range []string{"", "-wal", "-shm"} {
				must(t, os.Remove(db+s))
			}
		}},
		{"database replaced", func(t *testing.T, db string) {
			other := closedCopy(t, paidPub)
			must(t, os.Rename(other, db))
		}},
		{"database moved", func(t *testing.T, db string) { must(t, os.Rename(db, db+".pindah")) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			v := f.walk(paidPub, StepGuestBook)
			f.must(f.s.CheckFiles(f.ctx))
			c.do(t, f.s.Path())
			err := f.s.CheckFiles(f.ctx)
			if !errors.Is(err, ErrFileGone) {
				t.Fatalf("CheckFiles: %v", err)
			}
			_, err = f.s.AddOfficer(f.ctx, "Petugas Baru", "")
			var re *RuleError
			if !errors.Is(err, ErrFileGone) || !errors.As(err, &re) ||
				!strings.Contains(re.Msg, "dipindahkan, diganti atau dihapus") || !strings.Contains(re.Msg, "pulihkan cadangan terbaru") {
				t.Fatalf("write after %s: %v", c.name, err)
			}
			if err := f.s.Cancel(f.ctx, f.off, v.ID, "uji"); !errors.Is(err, ErrFileGone) {
				t.Fatalf("second write: %v", err)
			}
			// Nothing was recreated with the umask's mode under the name.
			if c.name == "database, wal and shm deleted" {
				if _, err := os.Stat(f.s.Path()); err == nil {
					t.Error("the database was recreated")
				}
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Two names of one file would get two WALs: Open refuses a database with
// more than one hard link and says why; the file is not changed.
func TestOpenRefusesAHardLinkedDatabase(t *testing.T) {
	db := closedCopy(t, paidPub)
	other := filepath.Join(t.TempDir(), "nama-lain.db")
	must(t, os.Link(db, other))
	before := readFile(t, db)
	for _, p := range []string{db, other} {
		_, err := Open(context.Background(), p, Options{})
		var re *RuleError
		if !errors.Is(err, ErrHardLink) || !errors.As(err, &re) || !strings.Contains(re.Msg, "punya 2 nama di disk (tautan keras)") ||
			!strings.Contains(re.Msg, "log WAL") {
			t.Fatalf("open %s: %v", filepath.Base(p), err)
		}
	}
	sameBytes(t, db, before)
	if _, err := os.Stat(db + "-wal"); err == nil {
		t.Error("a -wal was created")
	}
	// Reading (export, check) is harmless and still works.
	s, err := Open(context.Background(), other, Options{ReadOnly: true})
	must(t, err)
	s.Close()
	must(t, os.Remove(other))
	s, err = Open(context.Background(), db, Options{})
	must(t, err)
	s.Close()
}

// A finished visit is checkpointed into the database file: the file alone,
// without its WAL, already holds it.
func TestFinishedVisitIsCheckpointed(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepFinish)
	alone := filepath.Join(t.TempDir(), "tanpa-wal.db")
	must(t, os.WriteFile(alone, readFile(t, f.s.Path()), 0o600))
	s, err := Open(f.ctx, alone, Options{ReadOnly: true})
	must(t, err)
	defer s.Close()
	got, err := s.Visit(f.ctx, v.ID)
	if err != nil || got.Status != VisitDone {
		t.Fatalf("the database file without its WAL: %v %+v", err, got)
	}
}

// BenchmarkCheckFiles is what every write transaction pays for the file
// identity check (two stat calls); compare BenchmarkStepCommit.
func BenchmarkCheckFiles(b *testing.B) {
	f := newFixture(b)
	for b.Loop() {
		if err := f.s.CheckFiles(f.ctx); err != nil {
			b.Fatal(err)
		}
	}
}
