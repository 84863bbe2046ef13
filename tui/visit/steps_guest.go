package visit

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
type VisitorsFoundMsg struct {
	Seq      int
	Visitors []store.Visitor
	Err      error
}

// lookupMin is how many characters start a lookup.
const lookupMin = 2

// lookupShown is how many matches are offered.
const lookupShown = 4

// GuestEd is step 1, the guest book, with the lookup of returning visitors.
type GuestEd struct {
	formEd
	id        string
	VisitorID string // returning visitor chosen ("" for a new person)
	chosen    string // a returning visitor's name, to say so

	Seq     int // latest lookup sent
	field   string
	query   string // what lookup Seq asked
	matches []store.Visitor
	hi      int // highlighted match, -1 none
	open    bool
	lookErr string

	choose, dismiss    key.Binding // shown while the matches are open
	matchUp, matchTake key.Binding // ↑ and enter in the matches
	matchMove          key.Binding // "↑/↓ pilih", shown once a match is highlighted
}

// The lookup fields.
var lookupFields = map[string]bool{"name": true, "idno": true, "email": true}

// NewGuestEd builds the guest book of visit v.
func NewGuestEd(c *frame.Context, v *store.Visit) *GuestEd {
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
	f := form.New(c, fields...)
	f.Get("name").WithHint("Nama/NIK/email/HP: pengunjung lama ditawarkan di bawah.")
	f.Get("cat").WithHint("Menentukan tarif nol rupiah.")
	e := &GuestEd{formEd: formEd{c: c, F: f}, id: v.ID, VisitorID: v.VisitorID, hi: -1,
		choose:    key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "pilih pengunjung lama")),
		dismiss:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "tutup daftar")),
		matchUp:   key.NewBinding(key.WithKeys("up")),
		matchTake: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "ambil")),
		matchMove: key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "pilih")),
	}
	// Every saved guest has a visitor record; only one who came before
	// this visit is a returning visitor, and the store knows which.
	if v.VisitorID != "" && v.Returning {
		e.chosen = g.Name
	}
	f.EnterSays = e.enterSays
	e.sync()
	return e
}

// sync hides what is not kept without consent.
func (e *GuestEd) sync() {
	no := e.F.No("consent")
	for _, fl := range e.F.Fields {
		switch fl.Key {
		case "name", "consent", "inst", "cat", "email":
		default:
			fl.Hidden = no
		}
	}
	e.F.FixFocus()
}

// keys name enter once, for what it does now: with a match highlighted
// it takes that person (and the screen's "enter lanjut" is not shown);
// otherwise ↓ highlights one and enter walks the form as always.
func (e *GuestEd) keys() []key.Binding {
	if p := e.highlighted(); p != nil {
		e.matchTake.SetHelp("enter", "ambil "+p.Guest.Name)
		return []key.Binding{e.matchTake, e.matchMove, e.dismiss}
	}
	if e.Popup() {
		return []key.Binding{e.choose, e.dismiss}
	}
	return nil
}

// enterSays is what enter does while a match is highlighted: it takes
// that person, not "lanjut"; "" otherwise.
func (e *GuestEd) enterSays() string {
	if p := e.highlighted(); p != nil {
		return "ambil " + p.Guest.Name
	}
	return ""
}

// highlighted is the match enter takes now, or nil.
func (e *GuestEd) highlighted() *store.Visitor {
	if !e.Popup() || e.hi < 0 || e.hi >= len(e.matches) {
		return nil
	}
	return &e.matches[e.hi]
}

// Popup reports the returning visitors' matches open.
func (e *GuestEd) Popup() bool {
	fl := e.F.Cur()
	return e.open && len(e.matches) > 0 && fl != nil && fl.Key == e.field
}

func (e *GuestEd) closePopup() { e.open, e.hi = false, -1 }

func (e *GuestEd) changed(fl *form.Field, _ *store.Visit) tea.Cmd {
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
func (e *GuestEd) fromNIK() {
	f := e.F
	// A proposal belongs to the NIK now in the form, and to none other;
	// so does enter passing over what the NIK filled.
	if y := f.Get("year"); y != nil {
		y.Suggest, y.In.Placeholder, y.PassOver = "", "", false
	}
	if g := f.Get("gender"); g != nil {
		g.PassOver = false
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
	// Enter from the NIK passes over both to the first field still to
	// fill; the line under the NIK says where, and ↑ goes back to them.
	if g := f.Get("gender"); g != nil {
		g.PassOver = g.Sel >= 0
	}
	if y := f.Get("year"); y != nil {
		y.Suggest = fmt.Sprint(year)
		y.In.Placeholder = y.Suggest
		y.PassOver = true
	}
}

// lookup asks the store for matches in a command; only the newest answer
// is used.
func (e *GuestEd) lookup(field, q string) tea.Cmd {
	e.Seq++
	if field != e.field {
		e.hi = -1
	}
	e.field, e.query = field, q
	if len([]rune(strings.TrimSpace(q))) < lookupMin {
		e.matches, e.open = nil, false
		return nil
	}
	seq, st, ctx := e.Seq, e.c.Store, e.c.Ctx
	return func() tea.Msg {
		vs, err := st.FindVisitors(ctx, q, lookupShown)
		return VisitorsFoundMsg{Seq: seq, Visitors: vs, Err: err}
	}
}

// HandleMsg takes the lookup's answers.
func (e *GuestEd) HandleMsg(msg tea.Msg) (bool, tea.Cmd) {
	m, ok := msg.(VisitorsFoundMsg)
	if !ok {
		return false, nil
	}
	if m.Seq != e.Seq {
		return true, nil // stale: the officer typed on
	}
	e.lookErr = ""
	if m.Err != nil {
		e.lookErr = "Pencarian pengunjung lama gagal: " + frame.ErrText(m.Err)
	}
	// A newer answer can land after the officer moved into the list: the
	// person highlighted stays highlighted if still offered.
	prev := ""
	if e.hi >= 0 && e.hi < len(e.matches) {
		prev = e.matches[e.hi].ID
	}
	e.matches, e.open, e.hi = m.Visitors, len(m.Visitors) > 0, -1
	for i, v := range e.matches {
		if prev != "" && v.ID == prev {
			e.hi = i
		}
	}
	if e.hi < 0 && len(e.matches) == 1 && (e.field == "name" || e.field == "idno") && sameIdentity(e.query, e.matches[0].Guest) {
		// The NIK, phone or email typed is this one person's, exactly:
		// they come up highlighted and enter takes them (the line under
		// the field says so). A name, or a part of a number, is never
		// taken by enter without ↓.
		e.hi = 0
	}
	return true, nil
}

// sameIdentity reports whether q is exactly g's ID number, phone (in any
// form valid.Phone reads) or email.
func sameIdentity(q string, g store.Guest) bool {
	q = strings.TrimSpace(q)
	if q == "" {
		return false
	}
	if g.IDNumber != "" && strings.EqualFold(strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '.' {
			return -1
		}
		return r
	}, q), g.IDNumber) {
		return true
	}
	if g.Email != "" && strings.EqualFold(q, g.Email) {
		return true
	}
	if p, err := valid.Phone(q); err == nil && g.Phone != "" && p == g.Phone {
		return true
	}
	return false
}

func (e *GuestEd) handleKey(msg tea.KeyPressMsg, _ *store.Visit) (bool, tea.Cmd) {
	if !e.Popup() {
		return false, nil
	}
	switch {
	case key.Matches(msg, e.choose):
		e.hi = min(e.hi+1, len(e.matches)-1)
		return true, nil
	case key.Matches(msg, e.matchUp):
		if e.hi >= 0 {
			e.hi--
			return true, nil
		}
	case key.Matches(msg, e.matchTake):
		if e.hi >= 0 {
			e.fill(e.matches[e.hi])
			return true, nil
		}
	}
	return false, nil
}

// fill takes a returning visitor's record into the form.
func (e *GuestEd) fill(p store.Visitor) {
	g := p.Guest
	set := map[string]string{"name": g.Name, "consent": form.Yes, "idtype": g.IDType, "idno": g.IDNumber,
		"gender": string(g.Gender), "year": form.GuestYear(g), "edu": g.Education, "job": g.Occupation, "inst": g.Institution,
		"cat": g.Category, "email": g.Email, "phone": g.Phone, "npwp": g.NPWP}
	for _, fl := range e.F.Fields {
		v := set[fl.Key]
		if fl.Kind == form.TextField {
			fl.In.SetValue(v)
			fl.In.CursorEnd()
		} else {
			fl.Choose(v)
		}
		fl.Err = ""
	}
	e.VisitorID, e.chosen = p.ID, g.Name
	e.F.Dirty = true
	e.closePopup()
	e.matches = nil
	e.fromNIK()
	e.sync()
}

func (e *GuestEd) body(_ *store.Visit, w int) ([]string, int) {
	st := e.c.Styles
	var head []string
	if e.chosen != "" {
		head = append(head, frame.WrapStyled(st.OK, "Pengunjung lama: "+e.chosen+". Isian yang diubah memperbarui datanya.", w)...)
		head = append(head, "")
	}
	lines, focus := e.F.Lines(w, form.Under(func(fl *form.Field) []string {
		if fl.Key != e.field || e.F.Cur() != fl {
			return nil
		}
		var out []string
		if e.lookErr != "" {
			out = append(out, "    "+st.Warn.Render(frame.Pad(e.lookErr, w-4)))
		}
		if !e.Popup() {
			return out
		}
		head := "Pengunjung lama: ↓ pilih, esc tutup daftar"
		if e.hi >= 0 {
			head = "Pengunjung lama: ↑/↓ pilih, esc tutup daftar"
		}
		out = append(out, "    "+st.Dim.Render(frame.Pad(head, w-4)))
		for i, p := range e.matches {
			txt := p.Guest.Name + " · " + frame.OrDash(p.Guest.Institution) + " · " + maskEmail(p.Guest.Email)
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

func (e *GuestEd) submit(*store.Visit) tea.Cmd {
	if e.F.Val("consent") == "" {
		return e.ask("consent")
	}
	f := e.F
	in := form.GuestInput(f, f.Yes("consent"), e.VisitorID)
	e.closePopup()
	return saveStep(e.c, e.id, store.StepGuestBook, func(ctx context.Context, st *store.Store, actor, id string) error {
		return st.RecordGuest(ctx, actor, id, in)
	})
}
