//go:build unix

package store

import (
	"context"
	"math/rand"
	"testing"
	"time"
)

// The chain across kill -9: a writer child (TestCrashChildProcess) is
// killed at random points, inside transactions and between them; after
// each kill every counter's chain verifies from its genesis, the trail has
// no gap, and a Kode integritas taken after the first round still verifies
// at the end, as does the code of the newest row.
func TestChainAcrossKill(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test spawns processes")
	}
	ctx := context.Background()
	db := tempPath(t, "loket.db")
	rng := rand.New(rand.NewSource(crashSeed + 13))
	const rounds = 12
	var first string
	var rows int
	for round := 1; round <= rounds; round++ {
		after, extra := rng.Intn(30), time.Duration(rng.Intn(3000))*time.Microsecond
		if _, err := crashRound(db, after, extra); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		r, err := Check(ctx, db)
		if err != nil {
			t.Fatalf("round %d: check: %v", round, err)
		}
		for _, p := range r.Problems {
			if p.Area == "rantai audit" || p.Area == "audit" {
				t.Fatalf("round %d: %s", round, p)
			}
		}
		if r.AuditRows <= rows {
			t.Fatalf("round %d: %d audit rows, %d before: the child wrote nothing", round, r.AuditRows, rows)
		}
		rows = r.AuditRows
		s, err := Open(ctx, db, Options{}) // recovers the WAL, as the app does
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		codes, err := s.IntegrityCodes(ctx, time.Now().Add(time.Hour))
		s.Close()
		if err != nil || len(codes) != 1 {
			t.Fatalf("round %d: codes %v, %v", round, codes, err)
		}
		if first == "" {
			first = codes[0].String()
		}
		if _, err := VerifyCode(ctx, db, codes[0].String()); err != nil {
			t.Fatalf("round %d: newest row's code: %v", round, err)
		}
	}
	if _, err := VerifyCode(ctx, db, first); err != nil {
		t.Fatalf("code of round 1 after %d kills: %v", rounds, err)
	}
	t.Logf("%d kills, %d audit rows, chain verified after each", rounds, rows)
}
