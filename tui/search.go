package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/store/valid"
	"loket/tui/frame"
)

// Cari ('/' on Beranda): one field that finds visitors (any word of the
// name, ID number, email, phone) and visits (invoice or kuitansi number,
// kode billing, NTPN) as the officer types. Each search runs in a command
// tagged with a sequence number, so an answer that arrives after newer
// typing is dropped. ↑/↓ move in the results while the field keeps the
// typing; enter opens a visit, or a visitor's record (search_visitor.go)
// where the record can be corrected or erased on the visitor's request.

type searchKeys struct {
	Up, Down, Open, Edit, Erase, Reveal, Next, Save, Field, Confirm, Esc key.Binding
}

func newSearchKeys() searchKeys {
	return searchKeys{
		Up:      key.NewBinding(key.WithKeys("up"), key.WithHelp("↑/↓", "pilih")),
		Down:    key.NewBinding(key.WithKeys("down")),
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "buka")),
		Edit:    key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "ubah data")),
		Erase:   key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "hapus data pribadi")),
		Reveal:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "tampilkan no. ID")),
		Next:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "lanjut")),
		Save:    key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "simpan")),
		Field:   key.NewBinding(key.WithKeys("tab", "shift+tab", "up", "down"), key.WithHelp("tab/↑↓", "kolom")),
		Confirm: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "hapus")),
		Esc:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "ke Beranda")),
	}
}

// searchMin is how many characters start a search.
const searchMin = 2

// searchLimit is how many visits a search returns; searchPeople how many
// visitors.
const (
	searchLimit  = 20
	searchPeople = 10
)

// searchResultsMsg carries the answer to search number seq.
type searchResultsMsg struct {
	seq    int
	query  string
	people []store.Visitor
	hits   []store.Hit
	err    error
}

// searchMode is what the screen shows: the results, a visitor's record,
// its correction form or the erase dialog.
type searchMode int

const (
	searchModeList searchMode = iota
	searchModeRecord
	searchModeEdit
	searchModeErase
)

// searchRow is one line of the results: a visitor or a visit.
type searchRow struct {
	person *store.Visitor
	hit    *store.Hit
}

type searchScreen struct {
	frame.Base
	c      *frame.Context
	keys   searchKeys
	in     textinput.Model
	styles *frame.Styles // the styles the inputs were given

	seq     int    // latest search sent
	query   string // the query the shown results answer
	rows    []searchRow
	people  int // how many of rows are visitors (they come first)
	cursor  int
	pending bool // a search for the current text is on its way
	stale   bool // a record changed: search again when back on the list

	mode searchMode
	rec  searchRecord
	ops  int // saves and erases submitted, to number them
	w, h int
}

func newSearch(c *frame.Context) frame.Screen {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 100
	in.Placeholder = "nama, NIK, email, INV/…, KW/…, kode billing, NTPN"
	s := &searchScreen{c: c, keys: newSearchKeys(), in: in}
	s.Restyle()
	s.in.Focus()
	s.applyKeys()
	return s
}

func (s *searchScreen) Title() string { return "Cari" }
func (s *searchScreen) Init() tea.Cmd { return nil }

func (s *searchScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.in.SetWidth(max(w-10, 10))
	s.rec.setWidth(w)
}

// Typing: the search field, a field of the correction form and the erase
// confirmation take single letters.
func (s *searchScreen) Typing() bool {
	switch s.mode {
	case searchModeList, searchModeErase:
		return true
	case searchModeEdit:
		return s.rec.form != nil && s.rec.form.Typing()
	}
	return false
}

func (s *searchScreen) Restyle() {
	if s.styles == s.c.Styles {
		return
	}
	s.styles = s.c.Styles
	s.in.SetStyles(s.styles.Input)
	s.rec.Restyle(s.styles)
}

func (s *searchScreen) applyKeys() {
	k := &s.keys
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Open, &k.Edit, &k.Erase, &k.Reveal, &k.Next, &k.Save, &k.Field, &k.Confirm} {
		b.SetEnabled(false)
	}
	k.Esc.SetEnabled(!s.rec.saving)
	if s.rec.saving {
		return // the keys wait for the save or erase
	}
	switch s.mode {
	case searchModeList:
		k.Up.SetEnabled(len(s.rows) > 1)
		k.Down.SetEnabled(len(s.rows) > 1)
		k.Open.SetEnabled(len(s.rows) > 0)
		k.Open.SetHelp("enter", "buka")
		if s.cursor < len(s.rows) && s.rows[s.cursor].person != nil {
			k.Open.SetHelp("enter", "buka data pengunjung")
		} else if len(s.rows) > 0 {
			k.Open.SetHelp("enter", "buka kunjungan")
		}
		k.Esc.SetHelp("esc", "ke Beranda")
	case searchModeRecord:
		r := &s.rec
		k.Up.SetEnabled(len(r.visits) > 1)
		k.Down.SetEnabled(len(r.visits) > 1)
		k.Open.SetEnabled(len(r.visits) > 0)
		k.Open.SetHelp("enter", "buka kunjungan")
		live := r.loaded && r.person.ErasedAt.IsZero()
		k.Edit.SetEnabled(live)
		k.Erase.SetEnabled(live)
		k.Reveal.SetEnabled(live && r.hasNumber())
		k.Esc.SetHelp("esc", "ke daftar hasil")
	case searchModeEdit:
		k.Next.SetEnabled(true)
		k.Next.SetHelp("enter", "lanjut")
		if r := &s.rec; r.form != nil && r.lastField() {
			k.Next.SetHelp("enter", "simpan")
		}
		k.Save.SetEnabled(s.rec.form != nil && !s.rec.lastField()) // on the last field enter saves
		k.Field.SetEnabled(true)
		k.Reveal.SetEnabled(s.rec.hasNumber())
		k.Esc.SetHelp("esc", "batal ubah")
	case searchModeErase:
		k.Confirm.SetEnabled(true)
		k.Esc.SetHelp("esc", "batal")
	}
	if s.rec.revealed {
		k.Reveal.SetHelp("ctrl+r", "samarkan no. ID")
	} else {
		k.Reveal.SetHelp("ctrl+r", "tampilkan no. ID")
	}
}

func (s *searchScreen) ShortHelp() []key.Binding {
	k := s.keys
	return []key.Binding{k.Confirm, k.Next, k.Save, k.Field, k.Open, k.Edit, k.Erase, k.Reveal, k.Up, k.Esc}
}

func (s *searchScreen) FullHelp() [][]key.Binding {
	b := func(keys, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(keys, desc))
	}
	return [][]key.Binding{{
		b("ketik", "cari pengunjung, nomor invoice/kuitansi, kode billing, NTPN"),
		b("↑/↓", "pilih hasil atau kunjungan (kolom cari tetap menerima ketikan)"),
		b("enter", "buka kunjungan (selesai/batal hanya dilihat) atau pengunjung"),
		b("ctrl+e", "di data pengunjung: ubah data atas permintaannya"),
		b("ctrl+d", "di data pengunjung: hapus data pribadi (dianonimkan)"),
		b("ctrl+r", "di data pengunjung: tampilkan/samarkan no. ID dan NPWP (dicatat)"),
		b("ctrl+s", "di formulir ubah: simpan"),
		b("esc", "tutup dialog/formulir/data pengunjung; selain itu ke Beranda"),
	}}
}

func (s *searchScreen) Update(msg tea.Msg) (frame.Screen, tea.Cmd) {
	s.Restyle()
	cmd := s.update(msg)
	s.applyKeys()
	return s, cmd
}

func (s *searchScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case searchResultsMsg:
		return s.results(msg)
	case tea.KeyPressMsg:
		if s.mode != searchModeList {
			return s.recordKey(msg)
		}
		return s.listKey(msg)
	case tea.PasteMsg:
		if s.mode != searchModeList {
			return s.recordPaste(msg)
		}
		return s.typeInto(msg)
	}
	return s.recordMsg(msg)
}

// typeInto gives a key or a paste to the search field, and searches again
// when its text changed.
func (s *searchScreen) typeInto(msg tea.Msg) tea.Cmd {
	old := s.in.Value()
	var cmd tea.Cmd
	s.in, cmd = s.in.Update(msg)
	if s.in.Value() != old {
		return tea.Batch(cmd, s.search())
	}
	return cmd
}

func (s *searchScreen) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.keys
	switch {
	case key.Matches(msg, k.Esc):
		return frame.ToHome()
	case msg.String() == "up":
		s.cursor = max(s.cursor-1, 0)
		return nil
	case msg.String() == "down":
		s.cursor = min(s.cursor+1, max(len(s.rows)-1, 0))
		return nil
	case msg.String() == "enter":
		if s.cursor >= len(s.rows) {
			return nil
		}
		r := s.rows[s.cursor]
		if r.person != nil {
			return s.openRecord(r.person.ID)
		}
		return frame.ToVisit(r.hit.VisitID)
	}
	return s.typeInto(msg)
}

// search sends the field's text to the store; only the newest answer is
// shown.
func (s *searchScreen) search() tea.Cmd {
	s.seq++
	q := strings.TrimSpace(s.in.Value())
	if len([]rune(q)) < searchMin {
		s.rows, s.people, s.query, s.cursor, s.pending = nil, 0, "", 0, false
		return nil
	}
	s.pending = true
	seq, st, ctx := s.seq, s.c.Store, s.c.Ctx
	return func() tea.Msg {
		people, err := st.FindVisitors(ctx, q, searchPeople)
		if err != nil {
			return searchResultsMsg{seq: seq, query: q, err: err}
		}
		hits, err := st.Search(ctx, q, searchLimit)
		return searchResultsMsg{seq: seq, query: q, people: people, hits: hits, err: err}
	}
}

func (s *searchScreen) results(m searchResultsMsg) tea.Cmd {
	if m.seq != s.seq {
		return nil // stale: the officer typed on
	}
	s.pending = false
	if m.err != nil {
		return func() tea.Msg { return frame.ErrMsg{Err: m.err} }
	}
	prev := ""
	if s.cursor < len(s.rows) {
		prev = s.rows[s.cursor].id()
	}
	s.query, s.rows, s.cursor = m.query, nil, 0
	for i := range m.people {
		s.rows = append(s.rows, searchRow{person: &m.people[i]})
	}
	s.people = len(s.rows)
	seen := map[string]bool{}
	for i := range m.hits {
		if seen[m.hits[i].VisitID] {
			continue
		}
		seen[m.hits[i].VisitID] = true
		s.rows = append(s.rows, searchRow{hit: &m.hits[i]})
	}
	for i, r := range s.rows {
		if prev != "" && r.id() == prev {
			s.cursor = i
		}
	}
	return nil
}

func (r searchRow) id() string {
	if r.person != nil {
		return "p" + r.person.ID
	}
	return "v" + r.hit.VisitID
}

func (s *searchScreen) View() string {
	switch s.mode {
	case searchModeRecord:
		return strings.Join(s.rec.recordView(s.c.Styles, s.w, s.h), "\n")
	case searchModeEdit:
		return strings.Join(s.rec.editView(s.c.Styles, s.w, s.h), "\n")
	case searchModeErase:
		return strings.Join(s.rec.eraseView(s.c.Styles, s.w, s.h), "\n")
	}
	return strings.Join(s.listView(), "\n")
}

func (s *searchScreen) listView() []string {
	st, w := s.c.Styles, s.w
	out := []string{" " + st.LabelOn.Render("Cari › ") + s.in.View(), ""}
	q := strings.TrimSpace(s.in.Value())
	switch {
	case len([]rune(q)) < searchMin:
		for _, l := range frame.Wrap("Ketik paling sedikit 2 huruf atau angka: kata mana pun dari nama, nomor identitas, email atau nomor HP pengunjung; nomor invoice (INV/…) atau kuitansi (KW/…); kode billing; NTPN. Hasil muncul sambil mengetik.", w-2) {
			out = append(out, " "+st.Dim.Render(l))
		}
		return out
	case len(s.rows) == 0 && s.pending:
		return append(out, " "+st.Dim.Render("Mencari…"))
	case len(s.rows) == 0:
		for _, l := range frame.Wrap("Tidak ada yang cocok dengan “"+s.query+"”.", w-2) {
			out = append(out, " "+l)
		}
		for _, l := range frame.Wrap("Data pengunjung yang dihapus atas permintaannya tidak dapat dicari.", w-2) {
			out = append(out, " "+st.Dim.Render(l))
		}
		return out
	}
	var lines []string
	cur := 0
	heading := func(what string, n, limit int) string {
		h := " " + st.Title.Render(fmt.Sprintf("%s (%d)", what, n))
		if n >= limit {
			h += st.Dim.Render(" · ketik lebih lengkap untuk mempersempit")
		}
		return h
	}
	if s.people > 0 {
		lines = append(lines, heading("Pengunjung", s.people, searchPeople))
	}
	for i, r := range s.rows {
		if i == s.people {
			if i > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, heading("Kunjungan", len(s.rows)-s.people, searchLimit))
		}
		var row string
		if r.person != nil {
			row = searchPersonRow(*r.person)
		} else {
			row = searchVisitRow(st, *r.hit, true, i == s.cursor)
		}
		if i == s.cursor {
			cur = len(lines)
		}
		lines = append(lines, searchRowLines(st, row, i == s.cursor, w)...)
	}
	return append(out, searchWindow(lines, cur, s.h-len(out))...)
}

// searchRowLines renders a list row, wrapped rather than cut, the chosen
// one highlighted on every line.
func searchRowLines(st *frame.Styles, row string, on bool, w int) []string {
	var out []string
	for j, l := range frame.WrapIndent(row, w-4, 2) {
		mark := "  "
		if on && j == 0 {
			mark = "› "
		}
		if on {
			out = append(out, " "+st.Selected.Render(frame.Pad(mark+l, w-2)))
		} else {
			out = append(out, " "+frame.Pad(mark+l, w-2))
		}
	}
	return out
}

// searchPersonRow is a visitor in the results: enough to tell two people
// apart without showing the whole ID number.
func searchPersonRow(p store.Visitor) string {
	g := p.Guest
	parts := []string{g.Name}
	if g.IDNumber != "" {
		parts = append(parts, strings.TrimSpace(g.IDType+" "+valid.MaskID(g.IDNumber)))
	}
	if p.Visits > 0 {
		parts = append(parts, fmt.Sprintf("%d kunjungan", p.Visits))
	}
	if g.Institution != "" {
		parts = append(parts, g.Institution)
	}
	return strings.Join(parts, " · ")
}

// searchVisitRow is a visit: queue number, day, status and, in the
// results, the visitor's name and what matched. The selected row (on) has
// its status unstyled: the status style's reset would end the row's
// highlight.
func searchVisitRow(st *frame.Styles, h store.Hit, name, on bool) string {
	row := frame.Pad(h.Queue, 7) + frame.Pad(frame.DayDMY(h.Day), 12) + searchStatus(st, h.Status, on)
	if name {
		row += "  " + visitorName(h.Name)
		// A number match names the full number (a typed prefix may
		// match several).
		if h.Matched != "" && h.Matched != "Pengunjung" {
			row += " · " + h.Matched
		}
	}
	return row
}

// searchStatus is a visit's status in a fixed column, coloured unless
// its row is selected (on).
func searchStatus(st *frame.Styles, status string, on bool) string {
	short := frame.Pad(status, 9)
	if status == store.StatusReferred {
		short = frame.Pad("Dirujuk", 9)
	}
	if on {
		return short
	}
	style := st.Accent
	switch status {
	case store.StatusDone:
		style = st.OK
	case store.StatusCanceled, store.StatusReferred:
		style = st.Dim
	}
	return style.Render(short)
}

// searchWindow shows h lines of a list with line cur in view, a little
// below the middle so the lines after it show too.
func searchWindow(lines []string, cur, h int) []string {
	if h <= 0 {
		return nil
	}
	if len(lines) <= h {
		return lines
	}
	start := 0
	if cur+3 >= h {
		start = min(cur+3-h+1, len(lines)-h)
	}
	return lines[start : start+h]
}
