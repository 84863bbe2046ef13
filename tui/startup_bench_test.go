package tui

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"loket/store"
	"loket/store/demo"
	"loket/tui/frame"
	"loket/tui/home"
)

// Startup on ten busy years (issue 5, goal 3): from opening the database
// to the first Beranda frame with today's figures and the open visits.
// The integrity quick check and the daily backup run after that frame and
// are measured in store/demo (BenchmarkQuickCheck, BenchmarkAutoBackup).

// benchUntil and benchSeed fix the demo data the module's benchmarks and
// scripts/bench.sh share (demo.BenchUntil, demo.BenchSeed).
var benchUntil = demo.BenchUntil

const benchSeed = demo.BenchSeed

// benchDemoDB returns the cached demo database of days days ending on
// benchUntil in os.TempDir()/loket-bench, generated on first use.
func benchDemoDB(b *testing.B, days int) string {
	b.Helper()
	if testing.Short() {
		b.Skip("needs a demo database of many days")
	}
	path, made, err := demo.Cached(context.Background(), filepath.Join(os.TempDir(), "loket-bench"),
		demo.Config{Days: days, Until: benchUntil, Seed: benchSeed})
	if err != nil {
		b.Fatal(err)
	}
	if made {
		b.Logf("generated %d demo days into %s (once)", days, path)
	}
	return path
}

// BenchmarkStartupFirstFrame: store.Open (schema version check), the root
// model as `loket --petugas` builds it, its Init commands run in turn (the
// office, the officer, then Beranda's DayStats for today and OpenVisits),
// and the first home-screen View. The commands run synchronously here;
// the app runs them in goroutines. The quick check and the backup that
// Init also starts are left out: they follow the first frame.
func BenchmarkStartupFirstFrame(b *testing.B) {
	path := benchDemoDB(b, 3650)
	ctx := context.Background()
	now := func() time.Time { return benchUntil.Add(10 * time.Hour) } // the last demo day, open visits on it
	var first string
	b.ReportAllocs()
	for b.Loop() {
		s, err := store.Open(ctx, path, store.Options{Now: now})
		if err != nil {
			b.Fatal(err)
		}
		m := New(ctx, Options{Store: s, Officer: "Rina Marlina", Now: now})
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		// Model.Init without what follows the first frame (startupChecks)
		// and the terminal's answer about its background.
		benchRun(b, m, tea.Batch(frame.LoadOffice(m.c), m.screen.Init()))
		first = m.View().Content
		b.StopTimer()
		if h, ok := m.screen.(*home.Screen); !ok || !h.Loaded {
			b.Fatalf("not on a loaded Beranda:\n%s", ansi.Strip(first))
		}
		s.Close()
		b.StartTimer()
	}
	if !strings.Contains(ansi.Strip(first), "Beranda") {
		b.Fatalf("first frame:\n%s", ansi.Strip(first))
	}
}

// benchRun runs cmd and every command its messages lead to, in order, on
// this goroutine, feeding each result to the model.
func benchRun(b *testing.B, m *Model, cmd tea.Cmd) {
	b.Helper()
	cmdType := reflect.TypeOf(tea.Cmd(nil))
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if msg == nil {
			continue
		}
		if e, ok := msg.(frame.ErrMsg); ok {
			b.Fatal(e.Err)
		}
		// tea.Batch and tea.Sequence answer with a slice of commands.
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
			for i := range v.Len() {
				next, _ := v.Index(i).Interface().(tea.Cmd)
				queue = append(queue, next)
			}
			continue
		}
		_, next := m.Update(msg)
		queue = append(queue, next)
	}
}
