package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/tui/frame"
)

// The upgrade prompt (issue 11): the app on a database of an older schema
// asks the officer before anything is changed (enter = perbarui, esc =
// keluar), then runs store.Upgrade with its progress on screen, as `loket
// upgrade` does on stderr. It is a small program of its own, run before
// the store is opened: the counter app needs the new schema to open at all.

// upgradeState is where the prompt is.
type upgradeState int

const (
	upgradeAsk     upgradeState = iota // asking: perbarui or keluar
	upgradeRunning                     // store.Upgrade is running
	upgradeDone                        // upgraded: enter goes on to the app
	upgradeFailed                      // refused or failed: the database is the old one
)

// upgradeProgressMsg is one progress report of store.Upgrade.
type upgradeProgressMsg store.UpgradeProgress

// upgradeTickMsg redraws the seconds while a long step runs.
type upgradeTickMsg struct{}

func upgradeTick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return upgradeTickMsg{} })
}

// upgradeFinishedMsg is store.Upgrade's result.
type upgradeFinishedMsg struct {
	res store.UpgradeResult
	err error
}

// UpgradeModel is the prompt's Bubble Tea model. Upgraded reports, once the
// program has ended, whether the officer can go on to the app.
type UpgradeModel struct {
	ctx      context.Context
	path     string
	from, to int
	opts     store.UpgradeOptions
	styles   *frame.Styles
	w, h     int
	state    upgradeState
	progress string    // the last progress line
	started  time.Time // when the upgrade began, for the seconds shown
	res      store.UpgradeResult
	err      error
	events   chan tea.Msg
	enter    key.Binding
	quit     key.Binding
}

// NewUpgrade builds the prompt for the database at path, whose schema
// (need.Database) is older than the binary's (need.Binary). opts are passed
// to store.Upgrade with Locked set: the app holds the lock already.
func NewUpgrade(ctx context.Context, path string, need *store.NeedsUpgradeError, opts store.UpgradeOptions) *UpgradeModel {
	opts.Locked = true
	return &UpgradeModel{ctx: ctx, path: path, from: need.Database, to: need.Binary, opts: opts,
		styles: frame.NewStyles(true), w: minWidth, h: minHeight,
		enter: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "perbarui")),
		quit:  key.NewBinding(key.WithKeys("esc", "ctrl+c"), key.WithHelp("esc", "keluar"))}
}

// Upgraded reports whether the database was upgraded and the officer went
// on (enter after the result).
func (m *UpgradeModel) Upgraded() bool { return m.state == upgradeDone && m.err == nil }

// Init asks the terminal for its background.
func (m *UpgradeModel) Init() tea.Cmd { return tea.RequestBackgroundColor }

// Update handles a key, a progress report or the result.
func (m *UpgradeModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tea.BackgroundColorMsg:
		m.styles = frame.NewStyles(msg.IsDark())
	case upgradeProgressMsg:
		p := store.UpgradeProgress(msg)
		m.progress = p.Phase + ": " + p.What
		if p.Steps > 0 {
			m.progress = fmt.Sprintf("%s: langkah %d/%d, %s", p.Phase, p.Step, p.Steps, p.What)
		}
		return m, m.wait()
	case upgradeTickMsg:
		if m.state == upgradeRunning {
			return m, upgradeTick()
		}
	case upgradeFinishedMsg:
		m.res, m.err = msg.res, msg.err
		m.state = upgradeDone
		if m.err != nil {
			m.state = upgradeFailed
		}
	case tea.KeyPressMsg:
		switch m.state {
		case upgradeAsk:
			if key.Matches(msg, m.enter) {
				return m, m.start()
			}
			if key.Matches(msg, m.quit) {
				return m, tea.Quit
			}
		case upgradeDone:
			if key.Matches(msg, m.enter) {
				return m, tea.Quit
			}
		case upgradeFailed:
			if key.Matches(msg, m.quit, m.enter) {
				return m, tea.Quit
			}
		}
		// While it runs no key stops it: a half-done upgrade is rolled
		// back, but the officer would only have to start it again.
	}
	return m, nil
}

// start runs store.Upgrade off the update loop; its progress comes back
// through events, read one message at a time by wait.
func (m *UpgradeModel) start() tea.Cmd {
	m.state, m.started = upgradeRunning, time.Now()
	m.progress = "memulai"
	m.events = make(chan tea.Msg, 16)
	ctx, path, opts, events := m.ctx, m.path, m.opts, m.events
	opts.Progress = func(p store.UpgradeProgress) {
		select {
		case events <- upgradeProgressMsg(p):
		default: // the screen is behind: this report is skipped, the next shown
		}
	}
	run := func() tea.Msg {
		res, err := store.Upgrade(ctx, path, opts)
		events <- upgradeFinishedMsg{res: res, err: err}
		return nil
	}
	return tea.Batch(run, m.wait(), upgradeTick())
}

// wait returns the next event of the running upgrade.
func (m *UpgradeModel) wait() tea.Cmd {
	events := m.events
	return func() tea.Msg { return <-events }
}

// View draws the prompt.
func (m *UpgradeModel) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.WindowTitle = "loket — pembaruan basis data"
	return v
}

// Render is the prompt as text.
func (m *UpgradeModel) Render() string {
	st, w := m.styles, max(m.w, 20)
	var body []string
	para := func(s string) { body = append(body, frame.Wrap(s, w-4)...) }
	para(fmt.Sprintf("Basis data %s memakai skema versi %d; program ini memakai versi %d.", m.path, m.from, m.to))
	body = append(body, "")
	var help []key.Binding
	switch m.state {
	case upgradeAsk:
		para("Sebelum loket dapat dipakai, basis data perlu diperbarui. Lebih dulu dibuat cadangan yang diperiksa " +
			"di folder yang sama (loket-sebelum-upgrade-….db); bila pembaruan terputus, basis data tetap yang lama.")
		body = append(body, "")
		para("Tekan enter untuk memperbarui sekarang, atau esc untuk keluar tanpa mengubah apa pun.")
		help = []key.Binding{m.enter, m.quit}
	case upgradeRunning:
		body = append(body, st.Title.Render("Memperbarui…"), "")
		para(fmt.Sprintf("%s (%.0f detik)", m.progress, time.Since(m.started).Seconds()))
		body = append(body, "")
		para("Jangan matikan komputer. Basis data besar dapat memerlukan beberapa menit.")
	case upgradeDone:
		body = append(body, st.OK.Render(fmt.Sprintf("Basis data diperbarui ke skema versi %d.", m.res.To)), "")
		if m.res.Backup != "" {
			para("Cadangan sebelum pembaruan (sudah diperiksa): " + m.res.Backup)
		}
		if r := m.res.Check; !r.OK() {
			body = append(body, "")
			para(st.Warn.Render(fmt.Sprintf("Pemeriksaan sesudah pembaruan menemukan %d masalah (rinciannya: `loket check`):", len(r.Problems))))
			for i, p := range r.Problems {
				if i == 3 {
					break
				}
				para(st.Warn.Render("- " + p.String()))
			}
		}
		body = append(body, "")
		para("Tekan enter untuk membuka loket.")
		help = []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "buka loket"))}
	case upgradeFailed:
		body = append(body, st.Err.Render("✗ Pembaruan gagal; basis data tetap yang lama."), "")
		para(frame.ErrText(m.err))
		if m.res.Backup != "" {
			body = append(body, "")
			para("Cadangan sebelum pembaruan: " + m.res.Backup)
		}
		body = append(body, "")
		para("Tekan esc untuk keluar; jalankan `loket upgrade` untuk melihat rinciannya.")
		help = []key.Binding{m.quit}
	}
	var b strings.Builder
	b.WriteString(st.Header.Render(frame.Pad(" loket · Pembaruan basis data", w)))
	b.WriteByte('\n')
	lines := make([]string, 0, len(body)+1)
	lines = append(lines, "")
	for _, l := range body {
		lines = append(lines, "  "+l)
	}
	for _, l := range frame.Fit(lines, w, max(m.h-2, 1)) {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	var items []string
	for _, k := range help {
		items = append(items, st.HelpKey.Render(k.Help().Key)+" "+st.HelpDesc.Render(k.Help().Desc))
	}
	b.WriteString(frame.Pad(" "+strings.Join(items, st.Dim.Render(" · ")), w))
	return b.String()
}

// RunUpgrade shows the upgrade prompt for the database at path and reports
// whether it was upgraded and the officer went on to the app; false with a
// nil error means the officer chose to leave, and nothing was changed.
func RunUpgrade(ctx context.Context, path string, need *store.NeedsUpgradeError, opts ...tea.ProgramOption) (bool, error) {
	m := NewUpgrade(ctx, path, need, store.UpgradeOptions{})
	opts = append([]tea.ProgramOption{tea.WithContext(ctx)}, opts...)
	if _, err := tea.NewProgram(m, opts...).Run(); err != nil {
		return false, err
	}
	if m.state == upgradeFailed {
		return false, m.err
	}
	return m.Upgraded(), nil
}
