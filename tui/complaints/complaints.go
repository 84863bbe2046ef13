// Package complaints is the 'p' screen: complaints received at the
// counter, recorded and followed up.
package complaints

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/store/valid"
	"loket/tui/form"
	"loket/tui/frame"
)

// Pengaduan: the complaints received at the counter (kotak saran,
// lapor.go.id, email, SMS/WhatsApp to the Kasubbag Umum, or in person) and
// their follow-up. The list shows the open complaints, or with `a` every
// complaint of the last twelve months (open ones first); `n` records a new
// one, `enter` opens one with its full text and history and a form for the
// next follow-up. The forms are the field kit of the visit screen: enter
// walks the fields and saves on the last, ctrl+s saves from any field, esc
// closes the form.

type complaintsMode int

const (
	ComplaintsList   complaintsMode = iota
	ComplaintsNew                   // the new-complaint form
	ComplaintsDetail                // one complaint with the follow-up form
)

// complaintsAllMonths is how far back "semua" reaches; open complaints are
// shown whatever their age.
const complaintsAllMonths = 12

// Results of the screen's store work.
type (
	complaintsLoadedMsg struct {
		gen  int
		list []store.Complaint
	}
	// complaintsDetailMsg is the open complaint read again.
	complaintsDetailMsg struct{ c store.Complaint }
	// complaintsVisitMsg names the visit a complaint is linked to.
	complaintsVisitMsg    struct{ id, label string }
	complaintsAddedMsg    struct{ id string }
	complaintsFollowedMsg struct {
		id     string
		status store.ComplaintStatus
	}
)

// Success clears the error line: the store accepted the change.
func (complaintsAddedMsg) Success() {}

// Success clears the error line: the store accepted the change.
func (complaintsFollowedMsg) Success() {}

// Screen is the complaints screen; the root holds it behind frame.Screen.
type Screen struct {
	frame.Base
	c      *frame.Context
	keys   complaintsKeys
	All    bool // semua instead of only the open ones
	gen    int  // of the latest list load: older answers are dropped
	Loaded bool
	List   []store.Complaint
	cursor int
	pick   string // complaint to select when the list arrives

	Mode       complaintsMode
	Form       *form.Form
	cur        store.Complaint // open in the detail
	visitLabel string          // the linked visit, as the officer knows it
	offset     int             // first line of the detail shown; -1 the end
	saving     bool
	w, h       int
}

// newComplaints opens the list; a visit ID as arg opens the new-complaint
// form linked to that visit.
func New(c *frame.Context, visitID string) frame.Screen {
	s := &Screen{c: c, keys: newComplaintsKeys()}
	if id := visitID; id != "" {
		s.openNew(id)
	}
	s.applyKeys()
	return s
}

// Title names the screen in the header.
func (s *Screen) Title() string { return "Pengaduan" }

// SetSize takes the body's size from the root.
func (s *Screen) SetSize(w, h int) { s.w, s.h = w, h }

// Init starts the screen's first read.
func (s *Screen) Init() tea.Cmd { return s.load() }

// Typing reports a focused text field, which takes single letters.
func (s *Screen) Typing() bool { return s.Form != nil && s.Form.Typing() }

// selected is the complaint under the cursor, if any.
func (s *Screen) selected() (store.Complaint, bool) {
	if s.cursor < 0 || s.cursor >= len(s.List) {
		return store.Complaint{}, false
	}
	return s.List[s.cursor], true
}

// ShortHelp is the help bar: the keys that work now.
func (s *Screen) ShortHelp() []key.Binding {
	k := s.keys
	return []key.Binding{k.Save, k.Next, k.Field, k.Scroll, k.New, k.Open, k.Up, k.Toggle, k.Esc}
}

// FullHelp lists every key of the screen for f1.
func (s *Screen) FullHelp() [][]key.Binding {
	k := s.keys
	b := func(keys, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(keys, desc))
	}
	if s.Form != nil {
		return [][]key.Binding{{b("ctrl+s", "simpan dari kolom mana pun"), b("enter", "kolom berikutnya; simpan di kolom terakhir"),
			b("tab/↓", "kolom berikutnya"), b("shift+tab/↑", "kolom sebelumnya"), b("←/→/spasi", "ganti pilihan"),
			k.Scroll, b("esc", "tutup tanpa menyimpan")}}
	}
	return [][]key.Binding{{k.New, b("enter", "buka pengaduan terpilih: isi, riwayat, tindak lanjut"), b("↑/↓", "pilih pengaduan"),
		b("a", "ganti tampilan: hanya terbuka / semua 12 bulan terakhir"), b("esc", "ke Beranda")}}
}

func (s *Screen) applyKeys() {
	k := &s.keys
	list := s.Form == nil
	for _, b := range []*key.Binding{&k.New, &k.Toggle} {
		b.SetEnabled(list)
	}
	k.Open.SetEnabled(list && len(s.List) > 0)
	k.Up.SetEnabled(list && len(s.List) > 1)
	k.Down.SetEnabled(list && len(s.List) > 1)
	k.Save.SetEnabled(!list)
	k.Next.SetEnabled(!list)
	k.Field.SetEnabled(!list)
	if s.Mode == ComplaintsDetail {
		top, room := s.detailLayout()
		k.Scroll.SetEnabled(len(top) > room+1)
	} else {
		k.Scroll.SetEnabled(false)
	}
	if s.All {
		k.Toggle.SetHelp("a", "hanya terbuka")
	} else {
		k.Toggle.SetHelp("a", "tampilkan semua")
	}
	switch {
	case list:
		k.Esc.SetHelp("esc", "ke Beranda")
	default:
		k.Esc.SetHelp("esc", "tutup")
		if s.Form.Focus == len(s.Form.Fields)-1 {
			k.Next.SetHelp("enter", "simpan")
		} else {
			k.Next.SetHelp("enter", "lanjut")
		}
	}
}

// load reads the list: the open complaints, or with all every complaint
// received in the last twelve months plus older open ones, open first.
func (s *Screen) load() tea.Cmd {
	s.gen++
	st, ctx, gen, all, now := s.c.Store, s.c.Ctx, s.gen, s.All, s.c.Now()
	to, from := store.Day(now), store.Day(now)
	if all {
		from = store.Day(now.AddDate(0, -complaintsAllMonths, 0))
	}
	return func() tea.Msg {
		list, err := st.Complaints(ctx, from, to, true)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		if !all {
			list = slices.DeleteFunc(list, complaintClosed)
		}
		slices.SortStableFunc(list, func(a, b store.Complaint) int {
			return cmp.Compare(complaintsBtoi(complaintClosed(a)), complaintsBtoi(complaintClosed(b)))
		})
		return complaintsLoadedMsg{gen: gen, list: list}
	}
}

func complaintClosed(c store.Complaint) bool { return c.Closed() }

func complaintsBtoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// loadDetail reads the open complaint again (by its day, so a complaint
// just closed is found while the list shows only open ones).
func (s *Screen) loadDetail() tea.Cmd {
	st, ctx, id, day := s.c.Store, s.c.Ctx, s.cur.ID, store.Day(s.cur.ReceivedAt)
	return func() tea.Msg {
		list, err := st.Complaints(ctx, day, day, false)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		for _, c := range list {
			if c.ID == id {
				return complaintsDetailMsg{c}
			}
		}
		return frame.ErrMsg{Err: fmt.Errorf("%w: pengaduan %s", store.ErrNotFound, id)}
	}
}

// loadVisit names the linked visit: queue number, day, visitor, status.
func (s *Screen) loadVisit(id string) tea.Cmd {
	st, ctx := s.c.Store, s.c.Ctx
	return func() tea.Msg {
		v, err := st.Visit(ctx, id)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		label := fmt.Sprintf("%s · %s · %s (%s)", v.Queue(), frame.DayDMY(v.Day), frame.VisitorName(v.Guest.Name), v.Status.Label())
		return complaintsVisitMsg{id: id, label: label}
	}
}

// Update handles a message and returns the screen.
func (s *Screen) Update(msg tea.Msg) (frame.Screen, tea.Cmd) {
	cmd := s.update(msg)
	s.applyKeys()
	return s, cmd
}

func (s *Screen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case complaintsLoadedMsg:
		if msg.gen != s.gen {
			return nil
		}
		s.Loaded, s.List = true, msg.list
		if i := slices.IndexFunc(s.List, func(c store.Complaint) bool { return c.ID == s.pick }); i >= 0 {
			s.cursor = i
		}
		s.pick = ""
		s.cursor = max(min(s.cursor, len(s.List)-1), 0)
	case complaintsDetailMsg:
		if s.Mode == ComplaintsDetail && s.cur.ID == msg.c.ID {
			s.cur = msg.c
		}
	case complaintsVisitMsg:
		if s.cur.VisitID == msg.id {
			s.visitLabel = msg.label
		}
	case complaintsAddedMsg:
		s.saving, s.Form, s.Mode, s.pick = false, nil, ComplaintsList, msg.id
		return tea.Batch(s.load(), frame.Notice("Pengaduan dicatat dengan status "+store.ComplaintReceived.Label()+"."))
	case complaintsFollowedMsg:
		s.saving = false
		if s.Mode == ComplaintsDetail && s.cur.ID == msg.id {
			s.cur.Status = msg.status
			s.Form, s.offset = s.followUpForm(), -1
		}
		return tea.Batch(s.loadDetail(), s.load(), frame.Notice("Tindak lanjut dicatat; status pengaduan "+msg.status.Label()+"."))
	case frame.ErrMsg:
		s.saving = false
		if s.Form != nil {
			s.Form.ShowErr(msg.Err)
		}
	case tea.PasteMsg:
		if s.Form != nil {
			s.Form.Paste(msg)
		}
	case tea.KeyPressMsg:
		if s.Form != nil {
			return s.formKey(msg)
		}
		return s.listKey(msg)
	}
	return nil
}

func (s *Screen) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.keys
	switch {
	case key.Matches(msg, k.Esc):
		return frame.ToHome()
	case key.Matches(msg, k.Up):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(msg, k.Down):
		s.cursor = max(min(s.cursor+1, len(s.List)-1), 0)
	case key.Matches(msg, k.New):
		s.openNew("")
	case key.Matches(msg, k.Toggle):
		s.All = !s.All
		if c, ok := s.selected(); ok {
			s.pick = c.ID
		}
		return s.load()
	case key.Matches(msg, k.Open):
		c, ok := s.selected()
		if !ok {
			return nil
		}
		s.Mode, s.cur, s.visitLabel, s.offset = ComplaintsDetail, c, "", 0
		s.Form = s.followUpForm()
		if c.VisitID != "" {
			return s.loadVisit(c.VisitID)
		}
	}
	return nil
}

func (s *Screen) formKey(msg tea.KeyPressMsg) tea.Cmd {
	k, f := s.keys, s.Form
	switch {
	case key.Matches(msg, k.Esc):
		s.Form, s.Mode = nil, ComplaintsList
		return nil
	case key.Matches(msg, k.Save):
		return s.submit()
	case key.Matches(msg, k.Scroll):
		if s.Mode == ComplaintsDetail {
			s.scroll(key.Matches(msg, k.PageDown))
		}
		return nil
	}
	if handled, submit := f.Move(msg); handled {
		if submit {
			return s.submit()
		}
		return nil
	}
	changed, cmd := f.Key(msg)
	if changed && f.Cur().Key == "channel" {
		f.Cur().Hint = s.channelHint(store.ComplaintChannel(f.Cur().Value()))
	}
	return cmd
}

// openNew opens the new-complaint form, linked to a visit when given.
func (s *Screen) openNew(visitID string) {
	text := form.TextF("text", "Isi pengaduan", "").
		WithHint("Tulis pengaduan seperti yang disampaikan pengadu.")
	text.In.CharLimit = 4000
	s.Mode, s.saving = ComplaintsNew, false
	s.Form = form.New(s.c,
		form.ChoiceF("channel", "Saluran", store.Strings(store.ComplaintChannels), "").
			WithHint("Pilih dengan ←/→, spasi, atau huruf pertamanya."),
		text,
		form.TextF("visit", "Kunjungan", visitID).
			WithHint("Boleh kosong: nomor antrian hari ini (A-003), hari lain (A-003 2026-11-25), atau ID kunjungan."))
}

// channelHint says where a channel's complaints arrive, as the service
// standard publishes it.
func (s *Screen) channelHint(channel store.ComplaintChannel) string {
	o := s.c.Office
	switch channel {
	case store.ChannelBox:
		return "Kotak saran & pengaduan di unit PST."
	case store.ChannelLapor:
		return "Diterima lewat https://lapor.go.id."
	case store.ChannelEmail:
		return "Diterima lewat email " + cmp.Or(o.ComplaintEmail, store.DefaultOffice.ComplaintEmail) + "."
	case store.ChannelMessage:
		return "Diterima lewat " + cmp.Or(o.ComplaintContact, store.DefaultOffice.ComplaintContact) + "."
	case store.ChannelInPerson:
		return "Disampaikan langsung kepada petugas di loket."
	}
	return "Pilih dengan ←/→, spasi, atau huruf pertamanya."
}

// followUpForm is the form for the next follow-up of the open complaint,
// its status set to the one that usually comes next.
func (s *Screen) followUpForm() *form.Form {
	note := form.TextF("note", "Tindak lanjut", "").
		WithHint("Apa yang dilakukan atau dijawab kepada pengadu.")
	f := form.New(s.c, form.ChoiceF("status", "Status", store.Strings(store.ComplaintStatuses), string(s.cur.Status.Next())), note)
	f.FocusAt(1) // the status is usually right; the note is what is typed
	return f
}

func (s *Screen) submit() tea.Cmd {
	if s.saving || s.Form == nil {
		return nil
	}
	s.Form.ClearErrs()
	s.saving = true
	st, ctx, actor, f := s.c.Store, s.c.Ctx, s.c.Actor(), s.Form
	if s.Mode == ComplaintsDetail {
		id, status, note := s.cur.ID, store.ComplaintStatus(f.Val("status")), f.Val("note")
		return func() tea.Msg {
			if err := st.FollowUpComplaint(ctx, actor, id, status, note); err != nil {
				return frame.ErrMsg{Err: err}
			}
			return complaintsFollowedMsg{id: id, status: status}
		}
	}
	channel, text, link := store.ComplaintChannel(f.Val("channel")), f.Val("text"), f.Val("visit")
	today, counter := store.Day(s.c.Now()), cmp.Or(s.c.Office.CounterCode, store.DefaultOffice.CounterCode)
	return func() tea.Msg {
		visitID, err := complaintsFindVisit(ctx, st, link, today, counter)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		id, err := st.AddComplaint(ctx, actor, channel, text, visitID)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		return complaintsAddedMsg{id}
	}
}

// complaintsFindVisit turns what the officer typed in Kunjungan into a
// visit ID: "" for none, a queue number of today or of a given day, or a
// visit ID. A visit that does not exist is refused naming the field.
func complaintsFindVisit(ctx context.Context, st *store.Store, typed, today, counter string) (string, error) {
	words := strings.Fields(typed)
	notFound := func(what string) error {
		return &valid.Error{Field: "Kunjungan", Msg: what + " tidak ditemukan; periksa nomor antrian dan tanggalnya " +
			"(A-003 2026-11-25), atau ID kunjungan, atau kosongkan"}
	}
	var ctr string
	var n int
	queue := false
	if len(words) > 0 {
		ctr, n, queue = valid.QueueNo(words[0])
	}
	switch {
	case len(words) == 0:
		return "", nil
	case len(words) <= 2 && queue:
		ctr = strings.ToUpper(cmp.Or(ctr, counter))
		day := today
		if len(words) == 2 {
			d, err := valid.Date("Kunjungan", words[1])
			if err != nil {
				return "", err
			}
			day = store.Day(d)
		}
		id, err := st.VisitByQueue(ctx, day, ctr, n)
		if errors.Is(err, store.ErrNotFound) {
			return "", notFound(fmt.Sprintf("nomor antrian %s-%03d pada %s", ctr, n, day))
		}
		return id, err
	case len(words) == 1:
		v, err := st.Visit(ctx, words[0])
		if errors.Is(err, store.ErrNotFound) {
			return "", notFound("kunjungan " + words[0])
		}
		if err != nil {
			return "", err
		}
		return v.ID, nil
	}
	return "", notFound(fmt.Sprintf("%q", typed))
}

func (s *Screen) scroll(down bool) {
	top, room := s.detailLayout()
	last := max(len(top)-room, 0)
	if s.offset < 0 || s.offset > last {
		s.offset = last
	}
	step := max(room-1, 1)
	if down {
		s.offset = min(s.offset+step, last)
	} else {
		s.offset = max(s.offset-step, 0)
	}
}
