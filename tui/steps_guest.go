package tui

import (
	"context"
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

// Step 3: the guest book, with the consent question and the returning
// visitor lookup. Typing a name, an ID number or an email offers people
// seen before; choosing one fills the form. The lookup runs in a command
// and a result that arrives after newer typing is dropped, so typing never
// waits for it.

// visitorsFoundMsg carries the matches of lookup number seq.
type visitorsFoundMsg struct {
	seq      int
	visitors []store.Visitor
	err      error
}

// lookupMin is how many characters start a lookup.
const lookupMin = 2

// lookupShown is how many matches are offered.
const lookupShown = 4

type guestEd struct {
	formEd
	id        string
	visitorID string // returning visitor chosen ("" for a new person)
	chosen    string // their name, to say so

	seq     int // latest lookup sent
	field   string
	matches []store.Visitor
	hi      int // highlighted match, -1 none
	open    bool
	lookErr string

	choose, dismiss key.Binding
}

// The lookup fields.
var lookupFields = map[string]bool{"name": true, "idno": true, "email": true}

func newGuestEd(c *frame.Context, v *store.Visit) *guestEd {
	g := v.Guest
	consent := ""
	if v.Step(store.StepGuestBook).State == store.StateDone {
		consent = form.Yn(v.Consent)
	}
	if g.IDType == "" {
		g.IDType = "KTP"
	}
	fields := slices.Insert(form.GuestFields(g), 1,
		form.YesNo("consent", "Persetujuan data pribadi", consent).WithHint("Pengunjung setuju datanya dipakai untuk layanan ini dan statistik layanan BPS (UU PDP). Tidak: hanya nama, instansi, kategori dan email yang dicatat."))
	f := form.NewForm(c, fields...)
	f.Get("name").WithHint("Ketik nama, nomor identitas, email atau nomor HP: pengunjung lama ditawarkan di bawah.")
	f.Get("cat").WithHint("←/→ atau huruf awal; menentukan tarif nol rupiah.")
	e := &guestEd{formEd: formEd{c, f}, id: v.ID, visitorID: v.VisitorID, hi: -1,
		choose:  key.NewBinding(key.WithKeys("down"), key.WithHelp("↓ enter", "pilih pengunjung lama")),
		dismiss: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "tutup daftar")),
	}
	if v.VisitorID != "" {
		e.chosen = g.Name
	}
	e.sync()
	return e
}

// sync hides what is not kept without consent.
func (e *guestEd) sync() {
	no := e.f.Val("consent") == "Tidak"
	for _, fl := range e.f.Fields {
		switch fl.Key {
		case "name", "consent", "inst", "cat", "email":
		default:
			fl.Hidden = no
		}
	}
	e.f.FixFocus()
}

func (e *guestEd) keys() []key.Binding {
	if e.popup() {
		return []key.Binding{e.choose, e.dismiss}
	}
	return nil
}

func (e *guestEd) popup() bool {
	fl := e.f.Cur()
	return e.open && len(e.matches) > 0 && fl != nil && fl.Key == e.field
}

func (e *guestEd) closePopup() { e.open, e.hi = false, -1 }

func (e *guestEd) changed(fl *form.Field, _ *store.Visit) tea.Cmd {
	if fl == nil {
		return nil
	}
	if fl.Key == "consent" {
		e.sync()
	}
	if fl.Key == "idno" || fl.Key == "idtype" {
		e.fromNIK()
	}
	if !lookupFields[fl.Key] {
		return nil
	}
	return e.lookup(fl.Key, fl.Value())
}

// fromNIK fills the gender from a complete, valid NIK when none is chosen
// yet, and proposes the year of birth.
func (e *guestEd) fromNIK() {
	f := e.f
	// A proposal belongs to the NIK now in the form, and to none other.
	if y := f.Get("year"); y != nil {
		y.Suggest, y.In.Placeholder = "", ""
	}
	if f.Val("idtype") != "KTP" {
		return
	}
	gender, year, ok := valid.NIKFacts(f.Val("idno"), e.c.Now())
	if !ok {
		return
	}
	if g := f.Get("gender"); g != nil && g.Sel < 0 {
		g.Choose(gender)
	}
	// The year is proposed, not typed in: an officer typing the year
	// as the visitor says it replaces the proposal instead of adding to it.
	if y := f.Get("year"); y != nil {
		y.Suggest = fmt.Sprint(year)
		y.In.Placeholder = y.Suggest
	}
}

// lookup asks the store for matches in a command; only the newest answer
// is used.
func (e *guestEd) lookup(field, q string) tea.Cmd {
	e.seq++
	if field != e.field {
		e.hi = -1
	}
	e.field = field
	if len([]rune(strings.TrimSpace(q))) < lookupMin {
		e.matches, e.open = nil, false
		return nil
	}
	seq, st, ctx := e.seq, e.c.Store, e.c.Ctx
	return func() tea.Msg {
		vs, err := st.FindVisitors(ctx, q, lookupShown)
		return visitorsFoundMsg{seq: seq, visitors: vs, err: err}
	}
}

func (e *guestEd) handleMsg(msg tea.Msg) (bool, tea.Cmd) {
	m, ok := msg.(visitorsFoundMsg)
	if !ok {
		return false, nil
	}
	if m.seq != e.seq {
		return true, nil // stale: the officer typed on
	}
	e.lookErr = ""
	if m.err != nil {
		e.lookErr = "Pencarian pengunjung lama gagal: " + frame.ErrText(m.err)
	}
	// A newer answer can land after the officer moved into the list: the
	// person highlighted stays highlighted if still offered.
	prev := ""
	if e.hi >= 0 && e.hi < len(e.matches) {
		prev = e.matches[e.hi].ID
	}
	e.matches, e.open, e.hi = m.visitors, len(m.visitors) > 0, -1
	for i, v := range e.matches {
		if prev != "" && v.ID == prev {
			e.hi = i
		}
	}
	return true, nil
}

func (e *guestEd) handleKey(msg tea.KeyPressMsg, _ *store.Visit) (bool, tea.Cmd) {
	if !e.popup() {
		return false, nil
	}
	switch msg.String() {
	case "down":
		e.hi = min(e.hi+1, len(e.matches)-1)
		return true, nil
	case "up":
		if e.hi >= 0 {
			e.hi--
			return true, nil
		}
	case "enter":
		if e.hi >= 0 {
			e.fill(e.matches[e.hi])
			return true, nil
		}
	}
	return false, nil
}

// fill takes a returning visitor's record into the form.
func (e *guestEd) fill(p store.Visitor) {
	g := p.Guest
	set := map[string]string{"name": g.Name, "consent": "Ya", "idtype": g.IDType, "idno": g.IDNumber,
		"gender": g.Gender, "year": form.GuestYear(g), "edu": g.Education, "job": g.Occupation, "inst": g.Institution,
		"cat": g.Category, "email": g.Email, "phone": g.Phone, "npwp": g.NPWP}
	for _, fl := range e.f.Fields {
		v := set[fl.Key]
		if fl.Kind == form.TextField {
			fl.In.SetValue(v)
			fl.In.CursorEnd()
		} else {
			fl.Choose(v)
		}
		fl.Err = ""
	}
	e.visitorID, e.chosen = p.ID, g.Name
	e.f.Dirty = true
	e.closePopup()
	e.matches = nil
	e.fromNIK()
	e.sync()
}

func (e *guestEd) body(_ *store.Visit, w int) ([]string, int) {
	st := e.c.Styles
	var head []string
	if e.chosen != "" {
		head = append(head, wrapStyled(st.OK, "Pengunjung lama: "+e.chosen+". Isian yang diubah memperbarui datanya.", w)...)
		head = append(head, "")
	}
	lines, focus := e.f.Lines(w, form.Under(func(fl *form.Field) []string {
		if fl.Key != e.field || e.f.Cur() != fl {
			return nil
		}
		var out []string
		if e.lookErr != "" {
			out = append(out, "    "+st.Warn.Render(frame.Pad(e.lookErr, w-4)))
		}
		if !e.popup() {
			return out
		}
		out = append(out, "    "+st.Dim.Render(frame.Pad("Pengunjung lama: ↓ pilih, enter ambil, esc tutup", w-4)))
		for i, p := range e.matches {
			txt := p.Guest.Name + " · " + orDash(p.Guest.Institution) + " · " + maskEmail(p.Guest.Email)
			if p.Visits > 0 {
				txt += fmt.Sprintf(" · %d kunjungan", p.Visits)
			}
			for j, l := range frame.WrapIndent(txt, w-6, 2) {
				switch {
				case i == e.hi && j == 0:
					out = append(out, "    "+st.Selected.Render(frame.Pad("› "+l, w-4)))
				case i == e.hi:
					out = append(out, "    "+st.Selected.Render(frame.Pad("  "+l, w-4)))
				default:
					out = append(out, "    "+frame.Pad("  "+l, w-4))
				}
			}
		}
		return out
	}))
	return append(head, lines...), focus + len(head)
}

// maskEmail shows enough of an address to tell two people apart in front
// of a queue: "bu***@beltim.go.id".
func maskEmail(s string) string {
	at := strings.IndexByte(s, '@')
	if at < 0 {
		return s
	}
	user := []rune(s[:at])
	if len(user) > 2 {
		user = append(user[:2], []rune("***")...)
	}
	return string(user) + s[at:]
}

func (e *guestEd) submit(*store.Visit) tea.Cmd {
	if e.f.Val("consent") == "" {
		return e.ask("consent")
	}
	f := e.f
	in := form.GuestInput(f, f.Val("consent") == "Ya", e.visitorID)
	e.closePopup()
	return saveStep(e.c, e.id, store.StepGuestBook, func(ctx context.Context, st *store.Store, actor, id string) error {
		return st.RecordGuest(ctx, actor, id, in)
	})
}
