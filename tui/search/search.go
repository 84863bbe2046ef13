// Package search is the '/' screen: find visitors, visits and numbers, and
// correct or erase a visitor's record on request.
package search

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/tui/frame"
)

// Cari ('/' on Beranda): one field that finds visitors (any word of the
// name, ID number, email, phone) and visits (invoice or kuitansi number,
// kode billing, NTPN) as the officer types. Each search runs in a command
// tagged with a sequence number, so an answer that arrives after newer
// typing is dropped. ↑/↓ move in the results while the field keeps the
// typing; enter opens a visit, or a visitor's record (search_visitor.go)
// where the record can be corrected or erased on the visitor's request.

// searchMin is how many characters start a search.
const searchMin = 2

// searchLimit is how many visits a search returns; searchPeople how many
// visitors.
const (
	searchLimit  = 20
	searchPeople = 10
)

// searchResultsMsg carries the answer to search number seq.
type SearchResultsMsg struct {
	Seq    int
	Query  string
	People []store.Visitor
	Hits   []store.Hit
	Err    error
}

// searchMode is what the screen shows: the results, a visitor's record,
// its correction form or the erase dialog.
type searchMode int

const (
	SearchModeList searchMode = iota
	SearchModeRecord
	SearchModeEdit
	SearchModeErase
)

// searchRow is one line of the results: a visitor or a visit.
type searchRow struct {
	person *store.Visitor
	Hit    *store.Hit
}

// Screen is the search screen; the root holds it behind frame.Screen.
type Screen struct {
	frame.Base
	c      *frame.Context
	Keys   searchKeys
	In     textinput.Model
	styles *frame.Styles // the styles the inputs were given

	Seq     int    // latest search sent
	Query   string // the query the shown results answer
	Rows    []searchRow
	People  int // how many of rows are visitors (they come first)
	Cursor  int
	Pending bool // a search for the current text is on its way
	Stale   bool // a record changed: search again when back on the list

	Mode searchMode
	Rec  searchRecord
	// Starting: a new visit for the record's visitor is being recorded.
	Starting bool
	Ops      int // saves and erases submitted, to number them
	w, h     int
}

// New builds the screen from the shared context.
func New(c *frame.Context) frame.Screen {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 100
	in.Placeholder = "nama, NIK, email, INV/…, KW/…, kode billing, NTPN"
	s := &Screen{c: c, Keys: newSearchKeys(), In: in}
	s.Restyle()
	s.In.Focus()
	s.applyKeys()
	return s
}

// Title names the screen in the header.
func (s *Screen) Title() string { return "Cari" }

// Init starts the screen's first read: nothing on a new screen; on the
// screen a visit returns to, the record or the results read again, as
// the visit may have changed them (its status, a new visit).
func (s *Screen) Init() tea.Cmd {
	switch {
	case s.Mode == SearchModeRecord && s.Rec.Id != "":
		return searchLoad(s.c, s.Rec.Id)
	case strings.TrimSpace(s.In.Value()) != "" && s.Mode == SearchModeList:
		return s.search()
	}
	return nil
}

// SetSize takes the body's size from the root.
func (s *Screen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.In.SetWidth(max(w-10, 10))
	s.Rec.setWidth(w)
}

// Typing: the search field, a field of the correction form and the erase
// confirmation take single letters.
func (s *Screen) Typing() bool {
	switch s.Mode {
	case SearchModeList, SearchModeErase:
		return true
	case SearchModeEdit:
		return s.Rec.Form != nil && s.Rec.Form.Typing()
	}
	return false
}

// Restyle takes the context's styles.
func (s *Screen) Restyle() {
	if s.styles == s.c.Styles {
		return
	}
	s.styles = s.c.Styles
	s.In.SetStyles(s.styles.Input)
	s.Rec.Restyle(s.styles)
}

func (s *Screen) applyKeys() {
	k := &s.Keys
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Open, &k.NewVisit, &k.Edit, &k.Erase, &k.Reveal, &k.Next, &k.Save, &k.Field, &k.Confirm} {
		b.SetEnabled(false)
	}
	k.Esc.SetEnabled(!s.Rec.Saving)
	if s.Rec.Saving {
		return // the keys wait for the save or erase
	}
	switch s.Mode {
	case SearchModeList:
		k.Up.SetEnabled(len(s.Rows) > 1)
		k.Down.SetEnabled(len(s.Rows) > 1)
		k.Open.SetEnabled(len(s.Rows) > 0)
		k.Open.SetHelp("enter", "buka")
		if s.Cursor < len(s.Rows) && s.Rows[s.Cursor].person != nil {
			k.Open.SetHelp("enter", "buka data pengunjung")
		} else if len(s.Rows) > 0 {
			k.Open.SetHelp("enter", "buka kunjungan")
		}
		k.Esc.SetHelp("esc", "ke Beranda")
	case SearchModeRecord:
		r := &s.Rec
		k.Up.SetEnabled(len(r.Visits) > 1)
		k.Down.SetEnabled(len(r.Visits) > 1)
		k.Open.SetEnabled(len(r.Visits) > 0)
		k.Open.SetHelp("enter", "buka kunjungan")
		if s.w < 100 {
			// At 80 columns the record's keys fill both help lines: the
			// list under "Kunjungan (n)" says what enter opens.
			k.Open.SetHelp("enter", "buka")
		}
		live := r.Loaded && r.Person.ErasedAt.IsZero()
		k.NewVisit.SetEnabled(live && !s.Starting)
		k.Edit.SetEnabled(live)
		k.Erase.SetEnabled(live)
		k.Reveal.SetEnabled(live && r.hasNumber())
		k.Esc.SetHelp("esc", "ke daftar hasil")
	case SearchModeEdit:
		k.Next.SetEnabled(true)
		k.Next.SetHelp("enter", "lanjut")
		if r := &s.Rec; r.Form != nil && r.lastField() {
			k.Next.SetHelp("enter", "simpan")
		}
		k.Save.SetEnabled(s.Rec.Form != nil)
		k.Field.SetEnabled(true)
		k.Reveal.SetEnabled(s.Rec.hasNumber())
		k.Esc.SetHelp("esc", "batal ubah")
	case SearchModeErase:
		k.Confirm.SetEnabled(true)
		k.Esc.SetHelp("esc", "batal")
	}
	if s.Rec.revealed {
		k.Reveal.SetHelp("ctrl+r", "samarkan no. ID")
	} else {
		k.Reveal.SetHelp("ctrl+r", "tampilkan no. ID")
	}
}

// ShortHelp is the help bar: the keys that work now.
func (s *Screen) ShortHelp() []key.Binding {
	k := s.Keys
	save := k.Save
	if s.Rec.Form != nil && s.Rec.lastField() {
		save.SetEnabled(false) // on the last field enter saves: not offered twice
	}
	return []key.Binding{k.Confirm, k.Next, save, k.Field, k.Open, k.NewVisit, k.Edit, k.Erase, k.Reveal, k.Up, k.Esc}
}

// FullHelp lists every key of the screen for f1.
func (s *Screen) FullHelp() [][]key.Binding {
	b := func(keys, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(keys, desc))
	}
	return [][]key.Binding{{
		b("ketik", "cari pengunjung, nomor invoice/kuitansi, kode billing, NTPN"),
		b("↑/↓", "pilih hasil atau kunjungan (kolom cari tetap menerima ketikan)"),
		b("enter", "buka kunjungan (selesai/batal hanya dilihat) atau pengunjung"),
		b("n", "di data pengunjung: kunjungan baru untuknya (buku tamu terisi)"),
		b("ctrl+e", "di data pengunjung: ubah data atas permintaannya"),
		b("ctrl+d", "di data pengunjung: hapus data pribadi (dianonimkan)"),
		b("ctrl+r", "di data pengunjung: tampilkan/samarkan no. ID dan NPWP (dicatat)"),
		b("ctrl+s", "di formulir ubah: simpan"),
		b("esc", "tutup dialog/formulir/data pengunjung; selain itu ke Beranda"),
	}}
}

// Update handles a message and returns the screen.
func (s *Screen) Update(msg tea.Msg) (frame.Screen, tea.Cmd) {
	s.Restyle()
	cmd := s.update(msg)
	s.applyKeys()
	return s, cmd
}

func (s *Screen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case SearchResultsMsg:
		return s.results(msg)
	case tea.KeyPressMsg:
		if s.Mode != SearchModeList {
			return s.recordKey(msg)
		}
		return s.listKey(msg)
	case tea.PasteMsg:
		if s.Mode != SearchModeList {
			return s.recordPaste(msg)
		}
		return s.typeInto(msg)
	}
	return s.recordMsg(msg)
}

// typeInto gives a key or a paste to the search field, and searches again
// when its text changed.
func (s *Screen) typeInto(msg tea.Msg) tea.Cmd {
	old := s.In.Value()
	var cmd tea.Cmd
	s.In, cmd = s.In.Update(msg)
	if s.In.Value() != old {
		return tea.Batch(cmd, s.search())
	}
	return cmd
}

func (s *Screen) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.Keys
	switch {
	case key.Matches(msg, k.Esc):
		return frame.ToHome()
	case key.Matches(msg, k.Up):
		s.Cursor = max(s.Cursor-1, 0)
		return nil
	case key.Matches(msg, k.Down):
		s.Cursor = min(s.Cursor+1, max(len(s.Rows)-1, 0))
		return nil
	case key.Matches(msg, k.Open):
		if s.Cursor >= len(s.Rows) {
			return nil
		}
		r := s.Rows[s.Cursor]
		if r.person != nil {
			return s.openRecord(r.person.ID)
		}
		return frame.ToVisitFrom(r.Hit.VisitID, frame.ScreenSearch)
	}
	return s.typeInto(msg)
}

// search sends the field's text to the store; only the newest answer is
// shown.
func (s *Screen) search() tea.Cmd {
	s.Seq++
	q := strings.TrimSpace(s.In.Value())
	if len([]rune(q)) < searchMin {
		s.Rows, s.People, s.Query, s.Cursor, s.Pending = nil, 0, "", 0, false
		return nil
	}
	s.Pending = true
	seq, st, ctx := s.Seq, s.c.Store, s.c.Ctx
	return func() tea.Msg {
		people, err := st.FindVisitors(ctx, q, searchPeople)
		if err != nil {
			return SearchResultsMsg{Seq: seq, Query: q, Err: err}
		}
		hits, err := st.Search(ctx, q, searchLimit)
		return SearchResultsMsg{Seq: seq, Query: q, People: people, Hits: hits, Err: err}
	}
}

func (s *Screen) results(m SearchResultsMsg) tea.Cmd {
	if m.Seq != s.Seq {
		return nil // stale: the officer typed on
	}
	s.Pending = false
	if m.Err != nil {
		return func() tea.Msg { return frame.ErrMsg{Err: m.Err} }
	}
	prev := ""
	if s.Cursor < len(s.Rows) {
		prev = s.Rows[s.Cursor].id()
	}
	s.Query, s.Rows, s.Cursor = m.Query, nil, 0
	for i := range m.People {
		s.Rows = append(s.Rows, searchRow{person: &m.People[i]})
	}
	s.People = len(s.Rows)
	seen := map[string]bool{}
	for i := range m.Hits {
		if seen[m.Hits[i].VisitID] {
			continue
		}
		seen[m.Hits[i].VisitID] = true
		s.Rows = append(s.Rows, searchRow{Hit: &m.Hits[i]})
	}
	for i, r := range s.Rows {
		if prev != "" && r.id() == prev {
			s.Cursor = i
		}
	}
	return nil
}

func (r searchRow) id() string {
	if r.person != nil {
		return "p" + r.person.ID
	}
	return "v" + r.Hit.VisitID
}

// View renders the screen's body.
func (s *Screen) View() string {
	switch s.Mode {
	case SearchModeRecord:
		return strings.Join(s.Rec.recordView(s.c.Styles, s.w, s.h), "\n")
	case SearchModeEdit:
		return strings.Join(s.Rec.editView(s.c.Styles, s.w, s.h), "\n")
	case SearchModeErase:
		return strings.Join(s.Rec.eraseView(s.c.Styles, s.w, s.h), "\n")
	}
	return strings.Join(s.listView(), "\n")
}

func (s *Screen) listView() []string {
	st, w := s.c.Styles, s.w
	out := []string{" " + st.LabelOn.Render("Cari › ") + s.In.View(), ""}
	q := strings.TrimSpace(s.In.Value())
	switch {
	case len([]rune(q)) < searchMin:
		for _, l := range frame.Wrap("Ketik paling sedikit 2 huruf atau angka: kata mana pun dari nama, nomor identitas, email atau nomor HP pengunjung; nomor invoice (INV/…) atau kuitansi (KW/…); kode billing; NTPN. Hasil muncul sambil mengetik.", w-2) {
			out = append(out, " "+st.Dim.Render(l))
		}
		return out
	case len(s.Rows) == 0 && s.Pending:
		return append(out, " "+st.Dim.Render("Mencari…"))
	case len(s.Rows) == 0:
		for _, l := range frame.Wrap("Tidak ada yang cocok dengan “"+s.Query+"”.", w-2) {
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
	if s.People > 0 {
		lines = append(lines, heading("Pengunjung", s.People, searchPeople))
	}
	for i, r := range s.Rows {
		if i == s.People {
			if i > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, heading("Kunjungan", len(s.Rows)-s.People, searchLimit))
		}
		var row string
		if r.person != nil {
			row = searchPersonRow(*r.person)
		} else {
			row = searchVisitRow(st, *r.Hit, true, i == s.Cursor)
		}
		if i == s.Cursor {
			cur = len(lines)
		}
		lines = append(lines, searchRowLines(st, row, i == s.Cursor, w)...)
	}
	return append(out, searchWindow(lines, cur, s.h-len(out))...)
}
