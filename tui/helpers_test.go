package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"loket/export"
	"loket/store"
	"loket/store/valid"
	"loket/tui/frame"
	"loket/tui/home"
	"loket/tui/visit"
)

// Helpers for pure Update/View tests: a real store on a temporary file, a
// settable clock, keys sent straight to the root model and the commands it
// returns run in goroutines whose results are fed back, then the screen as
// plain text.

// fakeClock is a settable clock shared by the store and the app.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// testStart is the clock's start: Kamis, 26 November 2026, 09:00 WIB.
var testStart = time.Date(2026, 11, 26, 9, 0, 0, 0, valid.WIB)

// TestMain keeps the tests' documents and workbooks out of the real
// user's Documents folder: the home is a temporary folder.
func TestMain(m *testing.M) {
	frame.Tick = func(int) tea.Cmd { return nil }   // tests send tickMsg themselves
	frame.FilesTick = func() tea.Cmd { return nil } // and FilesTickMsg
	home, err := os.MkdirTemp("", "loket-tui-home-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	export.UserHome = func() (string, error) { return home, nil }
	code := m.Run()
	os.RemoveAll(home)
	os.Exit(code)
}

type harness struct {
	t        testing.TB
	m        *Model
	s        *store.Store
	clk      *fakeClock
	ctx      context.Context
	path     string
	results  chan tea.Msg
	inflight int
	quit     bool
}

// openStore opens a store on path with the clock.
func openStore(t testing.TB, path string, clk *fakeClock) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), path, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newHarness opens a fresh database with one officer (no PIN) and starts
// the app as that officer, on Beranda, at w×h.
func newHarness(t testing.TB, w, h int) *harness {
	t.Helper()
	clk := &fakeClock{t: testStart}
	path := filepath.Join(t.TempDir(), "loket.db")
	s := openStore(t, path, clk)
	if _, err := s.AddOfficer(context.Background(), "Rina Wulandari", ""); err != nil {
		t.Fatal(err)
	}
	hs := startHarness(t, s, clk, "Rina Wulandari", w, h)
	hs.path = path
	hs.until("Beranda", func() bool { return hs.m.id == frame.ScreenHome })
	return hs
}

// startHarness starts the app on a store, as --petugas officer when given.
func startHarness(t testing.TB, s *store.Store, clk *fakeClock, officer string, w, h int) *harness {
	t.Helper()
	hs := &harness{t: t, s: s, clk: clk, ctx: context.Background(), results: make(chan tea.Msg, 64)}
	hs.m = New(hs.ctx, Options{Store: s, Officer: officer, Now: clk.Now})
	hs.update(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(hs.m.Init())
	hs.settle()
	return hs
}

func (h *harness) update(msg tea.Msg) {
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

func (h *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	h.inflight++
	go func() { h.results <- cmd() }()
}

// dispatch feeds a command's result back, unpacking batches.
func (h *harness) dispatch(msg tea.Msg) {
	if msg == nil {
		return
	}
	if _, ok := msg.(tea.QuitMsg); ok {
		h.quit = true
		return
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		for i := 0; i < v.Len(); i++ {
			c, _ := v.Index(i).Interface().(tea.Cmd)
			h.run(c)
		}
		return
	}
	h.update(msg)
}

// settle feeds results back until no command is left, or none answers for
// a while (a cursor blink of a huh field).
func (h *harness) settle() {
	for h.inflight > 0 {
		select {
		case msg := <-h.results:
			h.inflight--
			h.dispatch(msg)
		case <-time.After(150 * time.Millisecond):
			return
		}
	}
}

// until settles until cond holds, failing after a few seconds.
func (h *harness) until(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			h.t.Fatalf("waiting for %s; screen:\n%s", what, h.screen())
		}
		select {
		case msg := <-h.results:
			h.inflight--
			h.dispatch(msg)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// keyMsg builds the key press for a name as tea writes it ("enter",
// "ctrl+s", "pgdown", "a").
func keyMsg(k string) tea.KeyPressMsg {
	special := map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "up": tea.KeyUp,
		"down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"backspace": tea.KeyBackspace, "space": tea.KeySpace, "f1": tea.KeyF1}
	if strings.HasPrefix(k, "ctrl+") {
		return tea.KeyPressMsg{Code: rune(k[5]), Mod: tea.ModCtrl}
	}
	if strings.HasPrefix(k, "shift+") {
		return tea.KeyPressMsg{Code: special[k[6:]], Mod: tea.ModShift}
	}
	if c, ok := special[k]; ok {
		if c == tea.KeySpace {
			return tea.KeyPressMsg{Code: c, Text: " "}
		}
		return tea.KeyPressMsg{Code: c}
	}
	r := []rune(k)
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// keys sends keys one by one, settling after each.
func (h *harness) keys(ks ...string) {
	h.t.Helper()
	for _, k := range ks {
		h.update(keyMsg(k))
		h.settle()
	}
}

// typ types text into the focused field, one key per character.
func (h *harness) typ(s string) {
	for _, r := range s {
		h.update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	h.settle()
}

// screen is the whole frame as plain text.
func (h *harness) screen() string { return ansi.Strip(h.m.View().Content) }

// sees fails unless the screen shows every text.
func (h *harness) sees(texts ...string) {
	h.t.Helper()
	scr := h.screen()
	for _, t := range texts {
		if !strings.Contains(scr, t) {
			h.t.Fatalf("screen lacks %q:\n%s", t, scr)
		}
	}
}

// waitSee settles until the screen shows text.
func (h *harness) waitSee(text string) {
	h.t.Helper()
	h.until(text, func() bool { return strings.Contains(h.screen(), text) })
}

// visit is the visit the visit screen holds.
func (h *harness) visit() *store.Visit {
	h.t.Helper()
	vs, ok := h.m.screen.(*visit.Screen)
	if !ok || vs.V == nil {
		h.t.Fatalf("not on a loaded visit screen:\n%s", h.screen())
	}
	return vs.V
}

func (h *harness) visitScreen() *visit.Screen {
	h.t.Helper()
	vs, ok := h.m.screen.(*visit.Screen)
	if !ok {
		h.t.Fatalf("not on the visit screen:\n%s", h.screen())
	}
	return vs
}

// stored reads a visit back from the store.
func (h *harness) stored(id string) *store.Visit {
	h.t.Helper()
	v, err := h.s.Visit(h.ctx, id)
	if err != nil {
		h.t.Fatal(err)
	}
	return v
}

// atStep waits until the visit screen works on step n.
func (h *harness) atStep(n int) {
	h.t.Helper()
	h.until("langkah "+store.Steps[n-1].Name, func() bool {
		vs, ok := h.m.screen.(*visit.Screen)
		return ok && vs.V != nil && vs.Sel == n && !vs.Saving
	})
}

// The flows run on two drivers: the harness above (Update/View called
// directly) and a teatest program (tt_test.go). Both implement driver.
type driver interface {
	keys(ks ...string)
	typ(s string)
	screen() string
	sees(texts ...string)
	waitSee(text string)
	atStep(n int)
	atHome()
	visitID() string
	clock() *fakeClock
	db() *store.Store
	dump(name string)
	// restart quits the program (q on Beranda) and starts a new one on
	// the same database file.
	restart()
	fatalf(format string, args ...any)
}

func (h *harness) atHome() {
	h.t.Helper()
	h.until("Beranda", func() bool {
		hs, ok := h.m.screen.(*home.Screen)
		return ok && hs.Loaded
	})
}

func (h *harness) visitID() string { return h.visit().ID }

func (h *harness) clock() *fakeClock { return h.clk }

func (h *harness) db() *store.Store { return h.s }

func (h *harness) fatalf(format string, args ...any) { h.t.Helper(); h.t.Fatalf(format, args...) }

func (h *harness) restart() {
	h.t.Helper()
	h.atHome()
	h.keys("q")
	if !h.quit {
		h.t.Fatalf("q on Beranda did not quit:\n%s", h.screen())
	}
	w, ht := h.m.c.Width, h.m.c.Height
	s := openStore(h.t, h.path, h.clk)
	n := startHarness(h.t, s, h.clk, "Rina Wulandari", w, ht)
	n.path = h.path
	*h = *n
	h.atHome()
}

// dump writes the screen to $LOKET_DUMP/WxH-name.txt when set, to look at
// every screen while developing and for the officer's guide.
func (h *harness) dump(name string) {
	dumpScreen(h.m.c.Width, h.m.c.Height, name, h.screen())
}

func dumpScreen(w, ht int, name, screen string) {
	dir := os.Getenv("LOKET_DUMP")
	if dir == "" {
		return
	}
	_ = os.MkdirAll(dir, 0o755)
	_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("%dx%d-%s.txt", w, ht, name)), []byte(screen+"\n"), 0o644)
}
