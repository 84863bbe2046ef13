//go:build unix

package store

import (
	"context"
	"os"
	"testing"
)

// After a crash (the app killed with kill -9, so nothing checkpointed or
// removed its log) the -wal file holds the newest saves. check reads them
// without folding them into the file: the database and the -wal are byte
// for byte the same afterwards, and check saw the saves in the log.
// TestCheckLeavesLoketFileUnchanged covers a log whose app is still open.
func TestCheckLeavesCrashLeftoversUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test spawns processes")
	}
	ctx := context.Background()
	db := tempPath(t, "loket.db")
	saved, err := crashRound(db, 25, 0) // TestCrashChildProcess, killed after 26 saves
	if err != nil {
		t.Fatal(err)
	}
	visits := map[string]bool{}
	for _, s := range saved {
		visits[s.visit] = true
	}
	main, wal := readFile(t, db), readFile(t, db+"-wal")
	if len(wal) == 0 {
		t.Fatal("the killed app left no -wal: nothing to prove")
	}
	// Twice: a first reader finds no live writer, the case where SQLite
	// would otherwise recover and checkpoint the log.
	for i := 1; i <= 2; i++ {
		r, err := Check(ctx, db)
		if err != nil {
			t.Fatalf("check %d: %v", i, err)
		}
		if !r.OK() {
			t.Fatalf("check %d found:\n%s", i, problemsText(r))
		}
		if r.Visits < len(visits) {
			t.Fatalf("check %d saw %d visits, the child reported %d saved: the log was not read", i, r.Visits, len(visits))
		}
		sameBytes(t, db, main)
		sameBytes(t, db+"-wal", wal)
	}
	// The log's saves are in it, not in the file: a reader of the file
	// alone (the log moved aside) sees fewer visits, so the log mattered.
	dir := t.TempDir()
	alone := dir + "/loket.db"
	if err := os.WriteFile(alone, main, 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := Check(ctx, alone)
	if err != nil {
		t.Fatal(err)
	}
	if r.Visits >= len(visits) {
		t.Errorf("the file alone holds all %d visits (%d): the saves were not in the log", len(visits), r.Visits)
	}
}
