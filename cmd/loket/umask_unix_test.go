//go:build unix

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

const umaskChildEnv = "LOKET_TEST_UMASK_CHILD"

// TestUmaskChild is not a test of its own: TestMainSetsUmask runs the test
// binary again with umaskChildEnv set, and then it runs main() itself on a
// command that reports the process's umask.
func TestUmaskChild(t *testing.T) {
	if os.Getenv(umaskChildEnv) == "" {
		t.Skip("run by TestMainSetsUmask")
	}
	register(command{name: "umask-uji", run: func(ctx context.Context, e *env, args []string) error {
		m := syscall.Umask(0o077)
		fmt.Fprintf(e.stdout, "umask %03o\n", m)
		return nil
	}})
	os.Args = []string{"loket", "umask-uji"}
	main()
}

// The process sets umask 077 on Unix before any command runs, so nothing
// it creates (SQLite's side files, a workbook's temporary file, a folder)
// is ever readable by others, whatever the shell's umask (022 here).
func TestMainSetsUmask(t *testing.T) {
	cmd := exec.Command("/bin/sh", "-c", `umask 022; exec "$0" -test.run='^TestUmaskChild$' -test.count=1`, os.Args[0])
	cmd.Env = append(os.Environ(), umaskChildEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "umask 077\n") {
		t.Errorf("the process runs its commands with %q, want umask 077", out)
	}
}
