package main

import (
	"context"
	"strings"
	"testing"

	"loket/store"
)

// loket restore of a backup made before an erasure erases the person
// again and says so.
func TestRestoreCommandErasesAgain(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t, 3, 11)
	_, out, _ := runLoket(t, nil, "backup", "--db", db)
	bak := strings.TrimSpace(out)
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	found, err := s.FindVisitors(ctx, "pengunjung", 1)
	if err != nil || len(found) != 1 {
		t.Fatalf("a visitor to erase: %v %v", found, err)
	}
	id := found[0].ID
	if err := s.EraseVisitor(ctx, "", id); err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, out, errs := runLoket(t, nil, "restore", "--from", bak, "--db", db, "--yes")
	if code != 0 || !strings.Contains(out, "1 pengunjung yang datanya sudah dihapus atas permintaan di basis data sebelumnya dihapus lagi di hasil pemulihan.") {
		t.Fatalf("restore: %d %q %q", code, out, errs)
	}
	s, err = store.Open(ctx, db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.Visitor(ctx, id); err != nil || v.Guest.Name != store.Erased || v.ErasedAt.IsZero() {
		t.Errorf("after restore: %+v %v", v, err)
	}
}
