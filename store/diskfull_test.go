package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bigRequest needs many new pages: 50 lines with long variable lists.
func bigRequest() RequestInput {
	var in RequestInput
	for i := 0; i < 50; i++ {
		in.Items = append(in.Items, ItemInput{Code: "PUB-EL", Title: "Publikasi " + strings.Repeat("x", 250), Pages: 10,
			Variables: strings.Repeat("r101, ", 330)})
	}
	return in
}

// pinPool limits the store to two connections (a transaction and the
// statement cache's prepare need two at once) and keeps both, so a PRAGMA
// set on each holds for every later call: PRAGMAs are per connection.
func pinPool(f *fixture) {
	f.s.db.SetMaxOpenConns(2)
	f.s.db.SetMaxIdleConns(2)
}

// onEveryConn runs a PRAGMA on both pooled connections and returns them.
func onEveryConn(f *fixture, pragma string) {
	f.t.Helper()
	var conns []*sql.Conn
	for i := 0; i < 2; i++ {
		c, err := f.s.db.Conn(f.ctx)
		f.must(err)
		conns = append(conns, c)
	}
	for _, c := range conns {
		rows, err := c.QueryContext(f.ctx, pragma)
		f.must(err)
		rows.Close()
		f.must(c.Close())
	}
}

// With the disk full, saving fails with the Indonesian message, nothing of
// the attempt is kept, and once space is back the same input saves, in the
// same process, on the same store. The full disk is SQLITE_FULL from
// max_page_count, which caps the file at its current size.
func TestDiskFullSaveFailsThenRetrySucceeds(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepGuestBook)
	pinPool(f)
	onEveryConn(f, `PRAGMA max_page_count = 1`) // never below the current size: no page may be added
	in := bigRequest()

	err := f.s.RecordRequest(f.ctx, f.off, v.ID, in)
	var re *RuleError
	if !errors.Is(err, ErrDiskFull) || !errors.As(err, &re) {
		t.Fatalf("save on a full disk: %v", err)
	}
	if want := "Gagal menyimpan: disk penuh. Kosongkan ruang disk lalu simpan lagi; isian tidak hilang."; err.Error() != want {
		t.Errorf("message %q", err.Error())
	}
	if got := f.visit(v.ID); len(got.Items) != 0 || got.Step(StepRequest).State != StatePending {
		t.Fatalf("half a save kept: %d items, step 4 %s", len(got.Items), got.Step(StepRequest).State)
	}
	// A smaller save that needs a new page fails the same way; the store
	// stays usable for reading.
	if _, err := f.s.StartVisit(f.ctx, f.off); err != nil && !errors.Is(err, ErrDiskFull) {
		t.Fatalf("start visit on a full disk: %v", err)
	}
	if _, err := f.s.OpenVisits(f.ctx); err != nil {
		t.Fatalf("reading on a full disk: %v", err)
	}

	// Space is back.
	onEveryConn(f, `PRAGMA max_page_count = 1073741823`)
	f.must(f.s.RecordRequest(f.ctx, f.off, v.ID, in))
	if got := f.visit(v.ID); len(got.Items) != 50 || got.Step(StepRequest).State != StateDone {
		t.Fatalf("retry: %d items, step 4 %s", len(got.Items), got.Step(StepRequest).State)
	}
	r, err := Check(context.Background(), f.s.Path())
	if err != nil || !r.OK() {
		t.Fatalf("check after the full disk: %v\n%s", err, problemsText(r))
	}
}

// A database that cannot be written (a read-only medium or file): saving
// fails with the Indonesian message and the same input saves once it can
// be written again. CI runs as root, where chmod does not stop writes, so
// the store's connection is made read-only with query_only.
func TestReadOnlySaveFailsThenRetrySucceeds(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepInvoice)
	pinPool(f)
	onEveryConn(f, `PRAGMA query_only = 1`)
	media := map[string]Medium{v.Items[0].ID: "Flashdisk"}

	err := f.s.RecordPrepared(f.ctx, f.off, v.ID, media)
	want := "Gagal menyimpan: basis data tidak dapat ditulisi (berkas atau foldernya hanya-baca; kode SQLite 8). Periksa disk lalu simpan lagi; isian tidak hilang."
	if !errors.Is(err, ErrReadOnly) || err.Error() != want {
		t.Fatalf("save on a read-only database: %v", err)
	}
	if got := f.visit(v.ID); got.Step(StepPrepare).State != StatePending {
		t.Fatalf("step 10 is %s", got.Step(StepPrepare).State)
	}
	onEveryConn(f, `PRAGMA query_only = 0`)
	f.must(f.s.RecordPrepared(f.ctx, f.off, v.ID, media))
	if got := f.visit(v.ID); got.Step(StepPrepare).State != StateDone || got.Items[0].Media != "Flashdisk" {
		t.Fatalf("retry: step 10 %s, media %q", got.Step(StepPrepare).State, got.Items[0].Media)
	}
}

// A store opened read-only (as export opens it) refuses to save with the
// same message rather than failing obscurely.
func TestReadOnlyStoreRefusesToSave(t *testing.T) {
	src := closedCopy(t, paidPub)
	s, err := Open(context.Background(), src, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	off, err := s.OfficerByName(context.Background(), "Rina Petugas")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartVisit(context.Background(), off.ID); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("start visit on a read-only store: %v", err)
	}
}

// A full disk on the first open of a new database (the app, demo, gabung)
// is said in Indonesian, naming the folder, and leaves no file: not the
// empty .db that createFile made, not a -wal or -shm. An empty file that
// was there before is left as it was. The full disk is SQLITE_FULL from
// max_page_count on every connection of the store.
func TestDiskFullOnANewDatabaseLeavesNoFile(t *testing.T) {
	testPragmas = "&_pragma=max_page_count(1)"
	defer func() { testPragmas = "" }()
	dir := t.TempDir()
	path := filepath.Join(dir, "baru.db")
	_, err := Open(context.Background(), path, Options{})
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "basis data "+path+" tidak dapat dibuka atau dibuat: disk di "+dir+" penuh; kosongkan ruang disk lalu coba lagi. Berkas yang baru dibuat sudah dihapus") {
		t.Fatalf("open on a full disk: %v", err)
	}
	for _, bad := range []string{"store:", "database or disk is full", "Gagal menyimpan"} {
		if strings.Contains(err.Error(), bad) {
			t.Errorf("message holds %q: %v", bad, err)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("left %v", ents)
	}
	// An empty file that was already there stays: it is not ours to
	// remove (another process may be setting it up).
	empty := filepath.Join(dir, "kosong.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), empty, Options{})
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "disk di "+dir+" penuh; kosongkan ruang disk lalu coba lagi. Belum ada data yang tersimpan di sana") {
		t.Fatalf("open of an empty file on a full disk: %v", err)
	}
	if _, err := os.Stat(empty); err != nil {
		t.Errorf("the empty file that was there: %v", err)
	}
}
