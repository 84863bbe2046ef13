//go:build unix

package store

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The killed-backup test: a child process makes backups in a loop and the
// parent kills it with SIGKILL at seeded random moments. Whatever the
// moment, no file under a backup's name (loket-….db.gz) may be partial:
// each one decompresses and passes Check; everything else the kills left
// is one of loket's temporary names, and the next backup removes those
// once they are an hour old. LOKET_BACKUP_KILL_ROUNDS raises the rounds
// (scripts/backup_kill.sh); go test runs a few.

const (
	backupChildEnv  = "LOKET_TEST_BACKUP_CHILD"
	backupKillSeed  = 20261202
	backupKillQuick = 8
)

// TestBackupChildProcess is the helper process of TestKilledBackups.
func TestBackupChildProcess(t *testing.T) {
	arg := os.Getenv(backupChildEnv)
	if arg == "" {
		t.Skip("helper process")
	}
	db, dir, _ := strings.Cut(arg, "|")
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for i := 0; ; i++ {
		p, err := BackupFile(context.Background(), db, dir, now.Add(time.Duration(i)*time.Hour))
		if err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("made", p)
	}
}

func TestKilledBackups(t *testing.T) {
	rounds := backupKillQuick
	if n, err := strconv.Atoi(os.Getenv("LOKET_BACKUP_KILL_ROUNDS")); err == nil && n > 0 {
		rounds = n
	}
	src := closedCopy(t, paidPub, microdata, paidPub, microdata, paidPub, microdata)
	dir := t.TempDir()
	rng := rand.New(rand.NewSource(backupKillSeed))
	made := 0
	for r := 0; r < rounds; r++ {
		after := rng.Intn(3)
		extra := time.Duration(rng.Intn(8000)) * time.Microsecond
		n, err := killBackupRound(src, dir, after, extra)
		if err != nil {
			t.Fatalf("round %d: %v", r, err)
		}
		made += n
		checkBackupFolder(t, dir, r)
	}
	t.Logf("%d rounds killed, %d backups made, %d temporary files left by the kills", rounds, made, checkBackupFolder(t, dir, rounds))
	// The leftovers go once an hour old, and only they.
	old := time.Now().Add(-2 * LeftoverAge)
	for _, n := range listDir(t, dir) {
		if !backupName.MatchString(n) {
			if err := os.Chtimes(filepath.Join(dir, n), old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := BackupFile(context.Background(), src, dir, time.Now()); err != nil {
		t.Fatal(err)
	}
	for _, n := range listDir(t, dir) {
		if !backupName.MatchString(n) {
			t.Errorf("leftover %s not removed by the next backup", n)
		}
	}
	// Check itself leaves nothing beside the .gz it decompressed.
	for _, n := range listDir(t, dir) {
		if strings.HasPrefix(n, ".") {
			t.Errorf("check left %s", n)
		}
	}
}

// checkBackupFolder fails for any file under a backup name that does not
// check clean, and for any other file that is not loket's temporary name;
// it returns how many temporary files there were.
func checkBackupFolder(t *testing.T, dir string, round int) int {
	t.Helper()
	tmp := 0
	for _, n := range listDir(t, dir) {
		p := filepath.Join(dir, n)
		switch {
		case backupName.MatchString(n):
			r, err := Check(context.Background(), p)
			if err != nil || !r.OK() || r.Visits != 6 {
				t.Errorf("round %d: %s under a backup name: %v %v (%d visits)", round, n, err, r.Problems, r.Visits)
			}
		case leftoverName.MatchString(n):
			tmp++
		default:
			t.Errorf("round %d: unexpected file %s", round, n)
		}
	}
	return tmp
}

// killBackupRound starts the child, waits until it has made `after`
// backups and `extra` more time has passed, kills it and returns how many
// backups it reported.
func killBackupRound(src, dir string, after int, extra time.Duration) (int, error) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestBackupChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), backupChildEnv+"="+src+"|"+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	made, fail := 0, ""
	timeout := time.After(30 * time.Second)
wait:
	for made < after {
		select {
		case l, ok := <-lines:
			if !ok {
				break wait
			}
			if strings.HasPrefix(l, "made ") {
				made++
			} else if strings.HasPrefix(l, "error") {
				fail = l
			}
		case <-timeout:
			break wait
		}
	}
	time.Sleep(extra)
	cmd.Process.Signal(syscall.SIGKILL)
	for l := range lines {
		if strings.HasPrefix(l, "made ") {
			made++
		} else if strings.HasPrefix(l, "error") {
			fail = l
		}
	}
	cmd.Wait()
	if fail != "" {
		return made, fmt.Errorf("child: %s", fail)
	}
	return made, nil
}
