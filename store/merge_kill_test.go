//go:build unix

package store_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"loket/store"
)

// The killed-merge test: a child process merges two counters into an
// archive and the parent kills it with SIGKILL at seeded random moments.
// Whatever the moment, the archive holds nothing, the first counter, or
// both — never part of a source — and a merge run again completes it.
// LOKET_MERGE_KILL_ROUNDS raises the rounds; go test runs a few.

const mergeChildEnv = "LOKET_TEST_MERGE_CHILD"

// TestMergeChildProcess is the helper process of TestKilledMerge.
func TestMergeChildProcess(t *testing.T) {
	arg := os.Getenv(mergeChildEnv)
	if arg == "" {
		t.Skip("helper process")
	}
	parts := strings.Split(arg, "|")
	fmt.Println("start")
	for _, src := range parts[1:] {
		if _, err := store.Merge(context.Background(), parts[0], []string{src}, nil); err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("merged", src)
	}
	os.Exit(0)
}

func TestKilledMerge(t *testing.T) {
	if store.RaceDetector {
		t.Skip("sequential SQL work, run in full without -race")
	}
	rounds := 4
	if n, err := strconv.Atoi(os.Getenv("LOKET_MERGE_KILL_ROUNDS")); err == nil && n > 0 {
		rounds = n
	}
	a, b := mergeSources(t)
	ta, tb := totalsOf(t, a), totalsOf(t, b)
	both := totals{ta.visits + tb.visits, ta.payments + tb.payments, ta.pnbp + tb.pnbp, ta.audit + tb.audit}
	rng := rand.New(rand.NewSource(20261202))
	seen := map[string]int{}
	for r := 0; r < rounds; r++ {
		archive := filepath.Join(t.TempDir(), "arsip.db")
		delay := time.Duration(rng.Intn(700)) * time.Millisecond
		if err := killMergeRound(archive, delay, a, b); err != nil {
			t.Fatalf("round %d: %v", r, err)
		}
		var got totals
		if _, err := os.Stat(archive); err == nil {
			got = totalsOfOpened(t, archive)
		}
		switch got {
		case totals{}:
			seen["nothing"]++
		case ta:
			seen["a"]++
		case both:
			seen["a+b"]++
		default:
			t.Fatalf("round %d, killed after %v: the archive holds part of a source: %+v (a %+v, a+b %+v)", r, delay, got, ta, both)
		}
		merge(t, archive, a, b)
		if got := totalsOf(t, archive); got != both {
			t.Fatalf("round %d: merged again: %+v, want %+v", r, got, both)
		}
		if rep, err := store.Check(context.Background(), archive); err != nil || !rep.OK() {
			t.Fatalf("round %d: check: %v %v", r, rep.Problems, err)
		}
	}
	t.Logf("%d rounds killed: %v", rounds, seen)
}

// totalsOfOpened reads the totals through the store, which recovers the
// WAL a kill left. An archive killed while it was being created is still
// empty (its schema is one transaction): nothing, and the next merge,
// asserted by the caller, makes it.
func totalsOfOpened(t *testing.T, path string) totals {
	t.Helper()
	s, err := store.Open(context.Background(), path, store.Options{ReadOnly: true})
	if errors.Is(err, store.ErrNotLoket) {
		return totals{}
	}
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	return totalsOf(t, path)
}

func killMergeRound(archive string, delay time.Duration, sources ...string) error {
	cmd := exec.Command(os.Args[0], "-test.run=^TestMergeChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), mergeChildEnv+"="+archive+"|"+strings.Join(sources, "|"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	sc := bufio.NewScanner(out)
	sc.Scan() // "start": the child runs
	time.Sleep(delay)
	cmd.Process.Signal(syscall.SIGKILL)
	fail := ""
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "error") {
			fail = sc.Text()
		}
	}
	cmd.Wait()
	if fail != "" {
		return fmt.Errorf("child: %s", fail)
	}
	return nil
}
