package tui

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"loket/store"
	"loket/tui/frame"
	"loket/tui/home"
	"loket/tui/visit"
)

// The teatest driver runs the real program loop (fixed size, ASCII colour
// profile) and reads the screen through a probe message: the renderer
// writes only the cells that change, so the byte stream is no place to
// look for a whole line.

// probeMsg asks the running model for a snapshot.
type probeMsg struct{ ch chan snapshot }

type snapshot struct {
	screen  string
	id      frame.ScreenID
	sel     int
	saving  bool
	loaded  bool
	visitID string
}

// probed wraps the root so tests can look inside while it runs; the
// program's final model is this wrapper.
type probed struct{ m *Model }

func (p *probed) Init() tea.Cmd  { return p.m.Init() }
func (p *probed) View() tea.View { return p.m.View() }
func (p *probed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if pr, ok := msg.(probeMsg); ok {
		s := snapshot{screen: ansi.Strip(p.m.View().Content), id: p.m.id}
		switch sc := p.m.screen.(type) {
		case *visit.Screen:
			s.sel, s.saving, s.loaded = sc.Sel, sc.Saving, sc.V != nil
			if sc.V != nil {
				s.visitID = sc.V.ID
			}
		case *home.Screen:
			s.loaded = sc.Loaded
		}
		pr.ch <- s
		return p, nil
	}
	_, cmd := p.m.Update(msg)
	return p, cmd
}

type ttDriver struct {
	t    *testing.T
	tm   *teatest.TestModel
	clk  *fakeClock
	s    *store.Store
	path string
	w, h int
	last snapshot
}

// newTT starts the program on a fresh database as an officer at w×h.
func newTT(t *testing.T, w, h int) *ttDriver {
	t.Helper()
	clk := &fakeClock{t: testStart}
	d := &ttDriver{t: t, clk: clk, path: filepath.Join(t.TempDir(), "loket.db"), w: w, h: h}
	d.s = openStore(t, d.path, clk)
	if _, err := d.s.AddOfficer(context.Background(), "Rina Wulandari", ""); err != nil {
		t.Fatal(err)
	}
	d.start()
	return d
}

func (d *ttDriver) start() {
	m := New(context.Background(), Options{Store: d.s, Officer: "Rina Wulandari", Now: d.clk.Now})
	d.tm = teatest.NewTestModel(d.t, &probed{m},
		teatest.WithInitialTermSize(d.w, d.h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.ASCII)))
	d.atHome()
}

func (d *ttDriver) snap() snapshot {
	ch := make(chan snapshot, 1)
	d.tm.Send(probeMsg{ch})
	select {
	case s := <-ch:
		d.last = s
	case <-time.After(5 * time.Second):
		d.t.Fatalf("program did not answer the probe")
	}
	return d.last
}

// screenReader gives teatest.WaitFor one fresh snapshot per read (the
// condition looks at the snapshot; the bytes are a dot per look).
type screenReader struct {
	d    *ttDriver
	done bool
}

func (r *screenReader) Read(p []byte) (int, error) {
	if r.done || len(p) == 0 {
		r.done = false
		return 0, io.EOF
	}
	r.done = true
	r.d.snap()
	p[0] = '.'
	return 1, nil
}

// wait waits, with a generous duration, until cond holds for a snapshot;
// on failure the last screen is logged.
func (d *ttDriver) wait(what string, cond func(snapshot) bool) {
	d.t.Helper()
	defer func() {
		if d.t.Failed() {
			d.t.Logf("waiting for %s; last screen:\n%s", what, d.last.screen)
		}
	}()
	teatest.WaitFor(d.t, &screenReader{d: d}, func([]byte) bool { return cond(d.last) },
		teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(15*time.Millisecond))
}

func (d *ttDriver) keys(ks ...string) {
	for _, k := range ks {
		d.tm.Send(keyMsg(k))
	}
}

func (d *ttDriver) typ(s string) { d.tm.Type(s) }

func (d *ttDriver) screen() string { return d.snap().screen }

func (d *ttDriver) sees(texts ...string) {
	d.t.Helper()
	scr := d.screen()
	for _, t := range texts {
		if !strings.Contains(scr, t) {
			d.t.Fatalf("screen lacks %q:\n%s", t, scr)
		}
	}
}

func (d *ttDriver) waitSee(text string) {
	d.t.Helper()
	d.wait(text, func(s snapshot) bool { return strings.Contains(s.screen, text) })
}

func (d *ttDriver) atStep(n int) {
	d.t.Helper()
	d.wait(store.Steps[n-1].Name, func(s snapshot) bool {
		return s.id == frame.ScreenVisit && s.loaded && s.sel == n && !s.saving
	})
}

func (d *ttDriver) atHome() {
	d.t.Helper()
	d.wait("Beranda", func(s snapshot) bool { return s.id == frame.ScreenHome && s.loaded })
}

func (d *ttDriver) visitID() string { return d.snap().visitID }

func (d *ttDriver) clock() *fakeClock { return d.clk }

func (d *ttDriver) db() *store.Store { return d.s }

func (d *ttDriver) dump(name string) { dumpScreen(d.w, d.h, name, d.screen()) }

func (d *ttDriver) fatalf(format string, args ...any) { d.t.Helper(); d.t.Fatalf(format, args...) }

// quit presses q on Beranda and returns the final root model.
func (d *ttDriver) quit() *Model {
	d.t.Helper()
	d.atHome()
	d.keys("q")
	fm := d.tm.FinalModel(d.t, teatest.WithFinalTimeout(20*time.Second))
	p, ok := fm.(*probed)
	if !ok {
		d.t.Fatalf("final model is %T", fm)
	}
	return p.m
}

func (d *ttDriver) restart() {
	d.t.Helper()
	d.quit()
	// A new program on the same file, as after closing loket at night.
	d.s = openStore(d.t, d.path, d.clk)
	d.start()
}

// The flows in the real program loop, with assertions on the final model.

func TestTeaFlowPaidMicrodataByBank(t *testing.T) {
	d := newTT(t, 80, 24)
	id := flowPaidMicrodata(d)
	m := d.quit()
	if m.c.Officer.Name != "Rina Wulandari" || m.id != frame.ScreenHome {
		t.Fatalf("final model: officer %q screen %d", m.c.Officer.Name, m.id)
	}
	if v := storedVisit(d, id); v.Status != store.VisitDone || v.Payment == nil || v.Payment.Method != "Bank" {
		t.Fatalf("visit %s payment %+v", v.Status, v.Payment)
	}
}

func TestTeaFlowFreeGovernment(t *testing.T) {
	d := newTT(t, 80, 24)
	id := flowFreeGov(d)
	m := d.quit()
	h, ok := m.screen.(*home.Screen)
	if !ok || h.Data.Stats.Finished != 1 || h.Data.Stats.PNBP != 0 || h.Data.Stats.Respondents != 1 {
		t.Fatalf("final Beranda: %+v", m.screen)
	}
	if v := storedVisit(d, id); !v.ZeroApplied() || v.Step(store.StepPayment).State != store.StateNA {
		t.Fatalf("visit zero %v step 11 %s", v.ZeroApplied(), v.Step(store.StepPayment).State)
	}
}

func TestTeaFlowCancel(t *testing.T) {
	d := newTT(t, 80, 24)
	flowCancel(d)
	m := d.quit()
	h := m.screen.(*home.Screen)
	if h.Data.Stats.Canceled != 1 || len(h.Data.Open) != 0 {
		t.Fatalf("final Beranda stats %+v open %d", h.Data.Stats, len(h.Data.Open))
	}
}

func TestTeaFlowSuspendQuitResume(t *testing.T) {
	d := newTT(t, 80, 24)
	id := flowSuspendResume(d)
	d.keys("esc")
	m := d.quit()
	h := m.screen.(*home.Screen)
	if len(h.Data.Open) != 1 || h.Data.Open[0].ID != id || !h.Data.Open[0].Suspended {
		t.Fatalf("final Beranda open visits %+v", h.Data.Open)
	}
}

func TestTeaFlowCorrection(t *testing.T) {
	d := newTT(t, 80, 24)
	id := flowCorrection(d)
	d.keys("enter")
	m := d.quit()
	if m.id != frame.ScreenHome {
		t.Fatalf("final screen %d", m.id)
	}
	if v := storedVisit(d, id); v.Corrections != 2 || v.Status != store.VisitDone {
		t.Fatalf("corrections %d status %s", v.Corrections, v.Status)
	}
}
