package tui

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"loket/store"
)

// upgradeDriver runs the upgrade prompt's commands as a program would and
// feeds their messages back, without a terminal.
type upgradeDriver struct {
	t       *testing.T
	m       *UpgradeModel
	results chan tea.Msg
	quit    bool
}

func (d *upgradeDriver) run(cmd tea.Cmd) {
	if cmd != nil {
		go func() { d.results <- cmd() }()
	}
}

func (d *upgradeDriver) feed(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.QuitMsg:
		d.quit = true
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	default:
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := 0; i < v.Len(); i++ {
				c, _ := v.Index(i).Interface().(tea.Cmd)
				d.run(c)
			}
			return
		}
		_, cmd := d.m.Update(msg)
		d.run(cmd)
	}
}

func (d *upgradeDriver) key(k string) {
	_, cmd := d.m.Update(keyMsg(k))
	d.run(cmd)
}

func (d *upgradeDriver) screen() string { return ansi.Strip(d.m.Render()) }

func (d *upgradeDriver) until(what string, cond func() bool) {
	d.t.Helper()
	deadline := time.Now().Add(60 * time.Second) // a real upgrade with its backup and check
	for !cond() {
		if time.Now().After(deadline) {
			d.t.Fatalf("waiting for %s; screen:\n%s", what, d.screen())
		}
		select {
		case msg := <-d.results:
			d.feed(msg)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// upgradeV1 copies the kept v1 database into a temporary folder and
// returns its path and Open's refusal of it.
func upgradeV1(t *testing.T) (string, *store.NeedsUpgradeError) {
	t.Helper()
	src, err := os.Open(filepath.Join("..", "testdata", "v1", "loket-v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	path := filepath.Join(t.TempDir(), "loket.db")
	dst, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = store.Open(context.Background(), path, store.Options{})
	var need *store.NeedsUpgradeError
	if !errors.As(err, &need) {
		t.Fatalf("Open of the v1 file: %v, want a NeedsUpgradeError", err)
	}
	return path, need
}

func TestUpgradePromptAsksThenUpgradesWithProgressAndOpens(t *testing.T) {
	path, need := upgradeV1(t)
	before, _ := os.ReadFile(path)
	var phases []string
	m := NewUpgrade(context.Background(), path, need, store.UpgradeOptions{NoVacuum: true})
	d := &upgradeDriver{t: t, m: m, results: make(chan tea.Msg, 64)}
	d.feed(tea.WindowSizeMsg{Width: 80, Height: 24})
	scr := d.screen()
	for _, want := range []string{"skema versi 1", "versi " + strconv.Itoa(store.SchemaVersion), "enter perbarui", "esc keluar", "cadangan"} {
		if !strings.Contains(scr, want) {
			t.Fatalf("the prompt lacks %q:\n%s", want, scr)
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("the database changed before the officer said yes")
	}

	d.key("enter")
	if !strings.Contains(d.screen(), "Memperbarui") {
		t.Fatalf("no progress shown:\n%s", d.screen())
	}
	d.until("the result", func() bool {
		if m.state == upgradeRunning && m.progress != "" && (len(phases) == 0 || phases[len(phases)-1] != m.progress) {
			phases = append(phases, m.progress)
		}
		return m.state != upgradeRunning
	})
	if m.state != upgradeDone {
		t.Fatalf("upgrade failed: %v\n%s", m.err, d.screen())
	}
	// The kept v1 file is sound: the check after the upgrade must be clean,
	// and the screen says so.
	if r := m.res.Check; !r.OK() {
		t.Fatalf("check after the upgrade found %v", r.Problems)
	}
	if len(phases) < 2 {
		t.Fatalf("progress shown %v, want the phases as they run", phases)
	}
	scr = d.screen()
	// Long paths are wrapped inside words: the lines are joined to find it.
	var joined strings.Builder
	for _, l := range strings.Split(scr, "\n") {
		joined.WriteString(strings.TrimSpace(l))
	}
	if !strings.Contains(scr, "Basis data diperbarui ke skema versi "+strconv.Itoa(store.SchemaVersion)) || !strings.Contains(joined.String(), m.res.Backup) {
		t.Fatalf("the result does not say what was done and where the backup is:\n%s", scr)
	}
	if _, err := os.Stat(m.res.Backup); err != nil {
		t.Fatalf("backup %q: %v", m.res.Backup, err)
	}
	d.key("enter")
	d.until("the prompt ends", func() bool { return d.quit })
	if !m.Upgraded() {
		t.Fatal("Upgraded is false after a done upgrade")
	}

	// The app opens the upgraded file, on the start screen.
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatalf("Open after the upgrade: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	h := startHarness(t, s, &fakeClock{t: time.Now()}, "", 80, 24)
	h.waitSee("Siapa yang bertugas di loket?")
}

func TestUpgradePromptEscLeavesTheDatabaseAsItWas(t *testing.T) {
	path, need := upgradeV1(t)
	before, _ := os.ReadFile(path)
	m := NewUpgrade(context.Background(), path, need, store.UpgradeOptions{})
	d := &upgradeDriver{t: t, m: m, results: make(chan tea.Msg, 64)}
	d.key("esc")
	d.until("the prompt ends", func() bool { return d.quit })
	if m.Upgraded() {
		t.Fatal("Upgraded after esc")
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("esc changed the database")
	}
	if v, err := store.SchemaOf(context.Background(), path); err != nil || v != 1 {
		t.Fatalf("schema after esc: %d %v", v, err)
	}
}
