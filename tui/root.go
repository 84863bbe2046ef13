package tui

import (
	"fmt"
	"strings"
	"time"

	"loket/tui/complaints"
	"loket/tui/endofday"
	"loket/tui/frame"
	"loket/tui/home"
	"loket/tui/report"
	"loket/tui/schedule"
	"loket/tui/search"
	"loket/tui/settings"
	"loket/tui/visit"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// build makes the screen a NavigateMsg asks for. A new screen is a
// sub-package with its constructor and one case here.
func (m *Model) build(msg frame.NavigateMsg) frame.Screen {
	switch msg.To {
	case frame.ScreenVisit:
		d := m.drafts[msg.VisitID]
		delete(m.drafts, msg.VisitID)
		return visit.New(m.c, msg.VisitID, d, visit.Opened{From: msg.From, Visitor: msg.Visitor})
	case frame.ScreenSearch:
		return search.New(m.c)
	case frame.ScreenComplaints:
		return complaints.New(m.c, msg.VisitID)
	case frame.ScreenTariff:
		return schedule.New(m.c)
	case frame.ScreenSettings:
		return settings.New(m.c)
	case frame.ScreenEndOfDay:
		return endofday.New(m.c)
	case frame.ScreenReport:
		return report.New(m.c)
	default:
		return home.New(m.c)
	}
}

// Model is the root model: it holds the current screen, routes messages,
// draws the header, error line and help bar, and builds the only tea.View.
type Model struct {
	c      *frame.Context
	screen frame.Screen
	id     frame.ScreenID
	drafts map[string]*visit.Draft // unsaved input of suspended visits, by visit ID
	// left is the screen a visit was opened from (Cari), kept as it was
	// until the visit goes back to it; leftID names it.
	left     frame.Screen
	leftID   frame.ScreenID
	errLine  string
	notice   string
	fullHelp bool
	tickGen  int
	ticking  bool

	filesGone string    // the database files vanished: stays for the session (safety.go)
	clockWarn string    // the PC's clock is behind the newest record (safety.go)
	clockAt   time.Time // when the clock was last checked

	helpSig   string // what the cached help bar was drawn for
	helpCache []string
}

func (m *Model) setScreen(id frame.ScreenID, s frame.Screen) tea.Cmd {
	m.id, m.screen, m.fullHelp = id, s, false
	m.resize()
	return tea.Batch(s.Init(), m.syncTick())
}

// syncTick starts the clock when the screen shows one and lets the old
// chain die otherwise.
func (m *Model) syncTick() tea.Cmd {
	want := m.screen.Clock()
	if want == m.ticking {
		return nil
	}
	m.ticking = want
	m.tickGen++
	if want {
		return frame.Tick(m.tickGen)
	}
	return nil
}

// Init asks the terminal for its background and starts the first screen.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, frame.LoadOffice(m.c), m.screen.Init(), m.syncTick(), startupChecks(m.c),
		checkClock(m.c), frame.FilesTick())
}

// Update routes a message: what belongs to the whole app is handled here,
// everything else goes to the current screen.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok := m.safetyUpdate(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = msg.Width, msg.Height
		m.resize()
	case tea.BackgroundColorMsg:
		m.c.Styles = frame.NewStyles(msg.IsDark())
	case frame.OfficeLoadedMsg:
		m.c.Office = msg.Office
		return m, nil
	case frame.OfficerChosenMsg:
		m.c.Officer = msg.Officer
		m.errLine = ""
		return m, frame.ToHome()
	case frame.NavigateMsg:
		m.errLine = ""
		to := msg.To
		if to == frame.ScreenStart {
			to = frame.ScreenHome // the start screen is only the first
		}
		var next frame.Screen
		if msg.Back && m.left != nil && m.leftID == to {
			next = m.left // as it was left: its query, results and record
		}
		m.left = nil
		if msg.From == m.id && m.id != frame.ScreenHome && m.id != frame.ScreenStart {
			m.left, m.leftID = m.screen, m.id
		}
		if next == nil {
			next = m.build(msg)
		}
		return m, m.setScreen(to, next)
	case visit.DraftKeptMsg:
		if m.drafts == nil {
			m.drafts = map[string]*visit.Draft{}
		}
		m.drafts[msg.VisitID] = msg.Draft
		return m, nil
	case frame.NoticeMsg:
		m.notice, m.errLine = string(msg), ""
		m.resize()
		return m, nil
	case frame.ErrMsg:
		m.errLine = frame.ErrText(msg.Err)
	case frame.TickMsg:
		if msg.Gen != m.tickGen || !m.ticking {
			return m, nil
		}
		var cmd tea.Cmd
		m.screen, cmd = m.screen.Update(msg)
		return m, tea.Batch(cmd, frame.Tick(m.tickGen))
	case tea.KeyPressMsg:
		m.notice = ""
		if key.Matches(msg, m.c.Keys.Quit) {
			if q := m.screen.QuitCmd(); q != nil {
				return m, tea.Sequence(q, tea.Quit)
			}
			return m, tea.Quit
		}
		if m.fullHelp {
			if key.Matches(msg, m.c.Keys.Help, m.c.Keys.CloseHelp) {
				m.fullHelp = false
			}
			return m, nil
		}
		if key.Matches(msg, m.c.Keys.Help) || (key.Matches(msg, m.c.Keys.HelpLetter) && !m.Typing()) {
			m.fullHelp = true
			return m, nil
		}
	}
	if _, ok := msg.(frame.Success); ok {
		m.errLine = ""
	}
	var cmd tea.Cmd
	m.screen, cmd = m.screen.Update(msg)
	m.resize()
	return m, tea.Batch(cmd, m.syncTick())
}

// Typing reports a focused text field, which takes single letters.
func (m *Model) Typing() bool {
	return m.screen.Typing()
}

// Layout: one header line, the body, the status line (an error or notice
// wraps onto up to three lines rather than being cut) and the help bar (two
// lines below 150 columns, where the keys of a busy screen need them).
func (m *Model) helpLines() int {
	if m.c.Width >= 150 {
		return 1
	}
	return 2
}

// statusLines are the error or notice, wrapped; one blank line when none.
func (m *Model) statusLines() []string {
	st, w := m.c.Styles, m.c.Width
	text, style := "", st.Err
	switch {
	case m.errLine != "":
		text = "✗ " + m.errLine
	case m.notice != "":
		text, style = "✓ "+m.notice, st.Notice
	}
	var lines []string
	safe, isErr := m.safetyLine()
	if safe != "" {
		// The standing message is shown above the screen's own, on up
		// to six lines: what to do (close, restore) must not be cut.
		sst := st.Warn
		if isErr {
			sst = st.Err
		}
		lines = m.wrapStatus(safe, sst, w, 6)
	}
	if text != "" && text != safe {
		lines = append(lines, m.wrapStatus(text, style, w, 3)...)
	}
	if len(lines) == 0 {
		return []string{""}
	}
	return lines
}

// wrapStatus wraps a status message onto up to n lines.
func (m *Model) wrapStatus(text string, style lipgloss.Style, w, n int) []string {
	lines := frame.Wrap(text, max(w-1, 10))
	if len(lines) > n {
		lines = append(lines[:n-1], frame.Pad(strings.Join(lines[n-1:], " "), w-1))
	}
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return lines
}

func (m *Model) bodyHeight() int {
	return max(m.c.Height-1-len(m.statusLines())-m.helpLines(), 1)
}

func (m *Model) resize() {
	if m.screen != nil {
		m.screen.SetSize(m.c.Width, m.bodyHeight())
	}
}

// Minimum terminal the layout is made for.
const minWidth, minHeight = 80, 24

// View builds the frame: header naming the office, the screen's body, the
// error line and the help bar.
func (m *Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.WindowTitle = "loket — " + m.officeName()
	return v
}

func (m *Model) officeName() string {
	if m.c.Office.Name != "" {
		return m.c.Office.Name
	}
	return "PST"
}

// Render is the whole frame as text (View wraps it in a tea.View).
func (m *Model) Render() string {
	c, st := m.c, m.c.Styles
	w, h := c.Width, c.Height
	if w <= 0 || h <= 0 {
		return ""
	}
	if w < minWidth-10 || h < minHeight-6 {
		return strings.Join(frame.Wrap("Jendela terminal terlalu kecil: perbesar sampai paling sedikit 80 kolom × 24 baris.", w), "\n")
	}
	var b strings.Builder
	b.Grow(w * h * 2)

	// Header: the office, the screen, the officer on duty.
	left := " " + m.officeName() + " · " + m.screen.Title()
	if w >= 100 {
		left = " loket ·" + left
	}
	right := ""
	if c.Officer.Name != "" {
		right = "Petugas: " + c.Officer.Name + " "
	}
	b.WriteString(st.Header.Render(frame.Between(left, right, w)))
	b.WriteByte('\n')

	var body []string
	if m.fullHelp {
		body = m.fullHelpLines(w)
	} else {
		body = frame.SplitLines(m.screen.View())
	}
	for _, l := range frame.Fit(body, w, m.bodyHeight()) {
		b.WriteString(l)
		b.WriteByte('\n')
	}

	// The status: an error stays until the next success; a notice until
	// the next key.
	for _, l := range m.statusLines() {
		b.WriteString(frame.Pad(l, w))
		b.WriteByte('\n')
	}
	b.WriteString(strings.Join(m.helpBar(w), "\n"))
	return b.String()
}

// helpBar renders the keys that work now, packed into the help lines, with
// the screen's status (the service clock) flush right on the last line.
func (m *Model) helpBar(w int) []string {
	st := m.c.Styles
	status := m.screen.Status()
	// The bar is drawn again only when its keys, the width or the status
	// change: typing into a field changes none of them.
	var sig strings.Builder
	fmt.Fprintf(&sig, "%d|%v|%p|%s", w, m.fullHelp, st, status)
	var keys []key.Binding
	if !m.fullHelp {
		for _, k := range m.screen.ShortHelp() {
			if k.Enabled() && k.Help().Key != "" {
				keys = append(keys, k)
				sig.WriteString("|" + k.Help().Key + " " + k.Help().Desc)
			}
		}
	}
	if sig.String() == m.helpSig {
		return m.helpCache
	}
	var items []string
	last := "" // always shown: where the other keys are
	if m.fullHelp {
		items = append(items, st.HelpKey.Render("esc")+" "+st.HelpDesc.Render("tutup bantuan"))
	} else {
		hasHelp := false
		for _, k := range keys {
			items = append(items, st.HelpKey.Render(k.Help().Key)+" "+st.HelpDesc.Render(k.Help().Desc))
			hasHelp = hasHelp || k.Help().Key == "?"
		}
		if !hasHelp {
			last = st.HelpKey.Render(m.c.Keys.Help.Help().Key) + " " + st.HelpDesc.Render(m.c.Keys.Help.Help().Desc)
		}
	}
	n := m.helpLines()
	lines := make([]string, n)
	sep := st.Dim.Render(" · ")
	li := 0
	for i, it := range items {
		limit := w - 1
		if li == n-1 {
			limit = w - frame.Width(status) - 2
			if last != "" && i < len(items) {
				limit -= frame.Width(last) + 3 // room for f1 at the end
			}
		}
		cand := it
		if lines[li] != "" {
			cand = lines[li] + sep + it
		}
		if frame.Width(cand)+1 <= limit || lines[li] == "" {
			lines[li] = cand
			continue
		}
		if li == n-1 {
			break // the rest is under f1
		}
		li++
		lines[li] = it
	}
	if last != "" {
		limit := w - 1
		if li == n-1 {
			limit = w - frame.Width(status) - 2
		}
		if lines[li] != "" && frame.Width(lines[li]+sep+last)+1 > limit && li < n-1 {
			li++
		}
		if lines[li] != "" {
			lines[li] += sep
		}
		lines[li] += last
	}
	for i := range lines {
		lines[i] = " " + lines[i]
		if i == n-1 {
			lines[i] = frame.Between(lines[i], status, w)
		}
		lines[i] = frame.Pad(lines[i], w)
	}
	m.helpSig, m.helpCache = sig.String(), lines
	return lines
}

// fullHelpLines lists every key of the screen with what it does, in two
// columns when one does not fit the body.
func (m *Model) fullHelpLines(w int) []string {
	st := m.c.Styles
	var keys []key.Binding
	groups := append(m.screen.FullHelp(), []key.Binding{m.c.Keys.Help, m.c.Keys.Quit})
	for _, g := range groups {
		for _, k := range g {
			if k.Enabled() && k.Help().Key != "" {
				keys = append(keys, k)
			}
		}
	}
	// The key column fits the longest key ("shift+tab / ↑"), up to a
	// third of the screen.
	kw := 12
	for _, k := range keys {
		kw = max(kw, frame.Width(k.Help().Key))
	}
	kw = min(kw, max(w/3, 12))
	var items []string
	for _, k := range keys {
		items = append(items, st.HelpKey.Render(frame.Pad(k.Help().Key, kw))+" "+st.HelpDesc.Render(k.Help().Desc))
	}
	out := []string{st.Title.Render(" Semua tombol di layar ini"), ""}
	rows := m.bodyHeight() - len(out)
	if len(items) <= rows || w < 2*36 {
		for _, it := range items {
			out = append(out, "  "+it)
		}
		return out
	}
	half := (len(items) + 1) / 2
	colW := w/2 - 2
	for i := 0; i < half; i++ {
		l := "  " + frame.Pad(items[i], colW)
		if i+half < len(items) {
			l += items[i+half]
		}
		out = append(out, l)
	}
	return out
}
