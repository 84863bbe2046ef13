//go:build unix

package store

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

const lockChildEnv = "LOKET_TEST_LOCK_CHILD"

// TestLockChildProcess is the helper process of
// TestLockReleasedWhenHolderIsKilled: it takes the lock, says so and waits
// to be killed.
func TestLockChildProcess(t *testing.T) {
	db := os.Getenv(lockChildEnv)
	if db == "" {
		t.Skip("helper process")
	}
	if _, err := LockApp(db); err != nil {
		os.Stdout.WriteString("error " + err.Error() + "\n")
		os.Exit(3)
	}
	os.Stdout.WriteString("locked\n")
	time.Sleep(time.Minute)
	os.Exit(4)
}

// A copy of the app killed with SIGKILL (no chance to unlock) never blocks
// the next start: the kernel drops its lock with the process.
func TestLockReleasedWhenHolderIsKilled(t *testing.T) {
	db := tempPath(t, "loket.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), lockChildEnv+"="+db)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "locked" {
		cmd.Process.Kill()
		t.Fatalf("child said %q, %v", line, err)
	}
	if _, err := LockApp(db); !errors.Is(err, ErrLocked) {
		t.Fatalf("while the child holds it: %v", err)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	unlock, err := LockApp(db)
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	unlock()
}
