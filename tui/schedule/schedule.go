// Package schedule is the 't' screen: the tariff schedule in force. It is
// not named tariff so that it does not shadow loket/tariff.
package schedule

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/tariff"
	"loket/tui/frame"
)

// Tarif: the PNBP schedule in force, read-only, for the officer to read out
// at step 6 or to answer a visitor who asks before ordering. Everything shown
// comes from the schedule (store.Schedule): its name, legal basis, effective
// date, items by product kind, the Rp0 rule and its notes; the readings (1 MB
// = 1.000.000 byte, a partial unit counts whole) are how tariff.Quote
// computes, and the worked examples are computed by it.

type tariffKeys struct {
	Up, Down, PgUp, PgDown, Top, Bottom, Back key.Binding
}

func newTariffKeys() tariffKeys {
	return tariffKeys{
		Up:     frame.UpKey("gulir"),
		Down:   frame.DownKey(),
		PgUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup/pgdn", "per halaman")),
		PgDown: key.NewBinding(key.WithKeys("pgdown", "space")),
		Top:    key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/end", "awal/akhir")),
		Bottom: key.NewBinding(key.WithKeys("end", "G")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "Beranda")),
	}
}

// tariffLoadedMsg carries the schedule in force.
type tariffLoadedMsg struct{ sch *tariff.Schedule }

// Success clears the error line: the store accepted the change.
func (tariffLoadedMsg) Success() {}

// Screen is the schedule screen; the root holds it behind frame.Screen.
type Screen struct {
	frame.Base
	c    *frame.Context
	Keys tariffKeys
	Sch  *tariff.Schedule
	Top  int // first shown line
	w, h int

	// The rendered lines, kept while the width and styles stay the same.
	lines   []string
	linesW  int
	linesSt *frame.Styles
}

// New builds the screen from the shared context.
func New(c *frame.Context) frame.Screen {
	t := &Screen{c: c, Keys: newTariffKeys()}
	t.applyKeys()
	return t
}

// Title names the screen in the header.
func (t *Screen) Title() string { return "Tarif" }

// Init starts the screen's first read.
func (t *Screen) Init() tea.Cmd {
	s, ctx := t.c.Store, t.c.Ctx
	return func() tea.Msg {
		sch, err := s.Schedule(ctx)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		return tariffLoadedMsg{sch}
	}
}

// SetSize takes the body's size from the root.
func (t *Screen) SetSize(w, h int) {
	t.w, t.h = w, h
	t.clamp()
	t.applyKeys()
}

// ShortHelp is the help bar: the keys that work now.
func (t *Screen) ShortHelp() []key.Binding {
	k := t.Keys
	return []key.Binding{k.Up, k.PgUp, k.Top, k.Back}
}

// FullHelp lists every key of the screen for f1.
func (t *Screen) FullHelp() [][]key.Binding { return [][]key.Binding{t.ShortHelp()} }

// room is how many schedule lines fit: the body less the position line
// when the schedule is longer than the body.
func (t *Screen) room() int {
	n := len(t.Render())
	if n <= t.h {
		return max(t.h, 1)
	}
	return max(t.h-1, 1)
}

func (t *Screen) maxTop() int { return max(len(t.Render())-t.room(), 0) }

func (t *Screen) clamp() { t.Top = min(max(t.Top, 0), t.maxTop()) }

func (t *Screen) applyKeys() {
	scroll := t.Sch != nil && t.maxTop() > 0
	for _, b := range []*key.Binding{&t.Keys.Up, &t.Keys.Down, &t.Keys.PgUp, &t.Keys.PgDown, &t.Keys.Top, &t.Keys.Bottom} {
		b.SetEnabled(scroll)
	}
}

// Update handles a message and returns the screen.
func (t *Screen) Update(msg tea.Msg) (frame.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tariffLoadedMsg:
		t.Sch, t.lines = msg.sch, nil
		t.clamp()
		t.applyKeys()
	case tea.KeyPressMsg:
		k := t.Keys
		switch {
		case key.Matches(msg, k.Back):
			return t, frame.ToHome()
		case key.Matches(msg, k.Up):
			t.Top--
		case key.Matches(msg, k.Down):
			t.Top++
		case key.Matches(msg, k.PgUp):
			t.Top -= max(t.room()-1, 1)
		case key.Matches(msg, k.PgDown):
			t.Top += max(t.room()-1, 1)
		case key.Matches(msg, k.Top):
			t.Top = 0
		case key.Matches(msg, k.Bottom):
			t.Top = t.maxTop()
		}
		t.clamp()
	}
	return t, nil
}

// View renders the screen's body.
func (t *Screen) View() string {
	if t.Sch == nil {
		return "\n  Memuat jadwal tarif…"
	}
	all := t.Render()
	room := t.room()
	end := min(t.Top+room, len(all))
	out := append([]string(nil), all[t.Top:end]...)
	if len(all) > t.h {
		for len(out) < room {
			out = append(out, "")
		}
		pos := fmt.Sprintf("baris %d–%d dari %d", t.Top+1, end, len(all))
		switch {
		case end < len(all):
			pos += " · ↓ lanjut"
		default:
			pos += " · akhir"
		}
		out = append(out, t.c.Styles.Dim.Render(frame.Between("", pos+" ", t.w)))
	}
	return strings.Join(out, "\n")
}

// tariffKindName names a kind of product line as the service standard
// does: the store's label, the map in full.
func tariffKindName(k tariff.Kind) string {
	if k == store.ItemMap {
		return "Peta digital wilayah kerja statistik (wilkerstat)"
	}
	return store.ItemKindLabel(k)
}

// render lays the schedule out for the width, once per width and styles.
func (t *Screen) Render() []string {
	if t.Sch == nil {
		return nil
	}
	if t.lines != nil && t.linesW == t.w && t.linesSt == t.c.Styles {
		return t.lines
	}
	st, sch, w := t.c.Styles, t.Sch, max(t.w, 40)
	var out []string
	add := func(ls ...string) { out = append(out, ls...) }
	// para wraps text at the width, indented by ind, with the first line
	// starting with lead (a bullet) in place of the indent's end.
	para := func(ind int, lead, text string) {
		for i, l := range frame.Wrap(text, w-ind-1) {
			prefix := strings.Repeat(" ", ind)
			if i == 0 && lead != "" {
				prefix = strings.Repeat(" ", ind-frame.Width(lead)) + lead
			}
			add(prefix + l)
		}
	}
	field := func(label, text string) {
		for i, l := range frame.Wrap(text, w-16) {
			lab := strings.Repeat(" ", 14)
			if i == 0 {
				lab = st.Dim.Render(frame.Pad(label, 14))
			}
			add(" " + lab + l)
		}
	}

	add(" "+st.Title.Render("Jadwal tarif PNBP: "+sch.Name), "")
	field("Dasar hukum", sch.Basis)
	e := sch.Effective
	field("Berlaku sejak", fmt.Sprintf("%d %s %d", e.Day(), frame.MonthNames[e.Month()-1], e.Year()))
	add("")

	// Items grouped by product kind, in the file's order.
	codeW := 0
	var kinds []tariff.Kind
	byKind := map[tariff.Kind][]tariff.Item{}
	for _, it := range sch.Items {
		codeW = max(codeW, frame.Width(it.Code))
		if _, ok := byKind[it.Kind]; !ok {
			kinds = append(kinds, it.Kind)
		}
		byKind[it.Kind] = append(byKind[it.Kind], it)
	}
	priceW := len("Rp00.000.000") + 1
	for _, it := range sch.Items {
		priceW = max(priceW, frame.Width(tariff.Rupiah(it.BaseRp)), frame.Width(tariff.Rupiah(it.StepRp)))
	}
	ind := 3 + codeW + 2
	descW := min(max(w-ind-priceW-2, 16), 56) // prices stay near their words on wide terminals
	for _, k := range kinds {
		add(" " + st.Title.Render(tariffKindName(k)))
		for _, it := range byKind[k] {
			// The name wraps under itself, clear of the code column.
			for i, l := range frame.Wrap(it.Name, max(w-ind-1, 16)) {
				lead := strings.Repeat(" ", ind)
				if i == 0 {
					lead = "   " + st.Accent.Render(frame.Pad(it.Code, codeW)) + "  "
				}
				add(lead + l)
			}
			for _, p := range tariffPriceLines(it) {
				ls := frame.Wrap(p.desc, descW)
				for i, l := range ls {
					row := strings.Repeat(" ", ind) + frame.Pad(l, descW)
					if i == len(ls)-1 {
						row += "  " + fmt.Sprintf("%*s", priceW, p.price)
					}
					add(row)
				}
			}
		}
		add("")
	}

	add(" " + st.Title.Render("Cara membaca"))
	para(4, "- ", "1 MB = 1.000.000 byte (bukan 1.048.576 byte).")
	para(4, "- ", "Bagian dari satu satuan dihitung satu satuan penuh (pembulatan ke atas).")
	for _, ex := range tariffExamples(sch) {
		para(6, "", "Contoh: "+ex)
	}
	para(4, "- ", fmt.Sprintf("Produk yang tidak mempunyai item tarif dalam %s tidak dipungut biaya (Rp0).", sch.Name))
	para(4, "- ", "Pelayanan di loket PST sendiri tidak dipungut biaya; tarif di atas adalah tarif produk.")
	add("")

	add(" " + st.Title.Render("Tarif nol rupiah (Rp0)"))
	z := sch.Zero
	if len(z.Categories) == 0 {
		para(2, "", "Jadwal ini tidak mengatur tarif nol rupiah: semua pengunjung membayar tarif di atas.")
	} else {
		para(2, "", "Pengunjung tidak membayar (Rp0) bila semua syarat ini terpenuhi:")
		para(5, "1. ", "Kategori instansi di buku tamu salah satu dari:")
		for _, c := range z.Categories {
			para(8, "• ", c)
		}
		n := 2
		if len(z.ExcludedUses) > 0 {
			para(5, fmt.Sprintf("%d. ", n), "Pemanfaatan data bukan "+strings.Join(z.ExcludedUses, " atau ")+".")
			n++
		}
		if z.NeedsLetter {
			para(5, fmt.Sprintf("%d. ", n), "Surat permohonan resmi dari instansi sudah diterima.")
		}
		para(2, "", "Bila satu syarat saja tidak terpenuhi, tarif di atas berlaku penuh.")
		if z.Basis != "" {
			field("Dasar", z.Basis)
		}
	}
	if len(sch.Notes) > 0 {
		add("", " "+st.Title.Render("Catatan"))
		for _, n := range sch.Notes {
			para(4, "- ", n)
		}
	}
	t.lines, t.linesW, t.linesSt = out, t.w, t.c.Styles
	return out
}

type tariffPrice struct{ desc, price string }

// tariffPriceLines describe an item's prices, one line per block, in the
// words tariff.Schedule.Format uses.
func tariffPriceLines(it tariff.Item) []tariffPrice {
	if !it.Charged {
		return []tariffPrice{{"tidak ada item tarif: tidak dipungut biaya", tariff.Rupiah(0)}}
	}
	if it.StepQty == 0 {
		return []tariffPrice{{"per " + it.Measure, tariff.Rupiah(it.BaseRp)}}
	}
	return []tariffPrice{
		{tariffAmount(it.BaseQty, it.Measure) + " pertama", tariff.Rupiah(it.BaseRp)},
		{"setiap " + tariffAmount(it.StepQty, it.Measure) + " berikutnya (atau bagiannya)", tariff.Rupiah(it.StepRp)},
	}
}

// tariffAmount writes a quantity with its measure, with megabytes for whole
// megabytes so the officer can match a visitor's file size.
func tariffAmount(n int64, measure string) string {
	s := frame.Thousands(n) + " " + measure
	if measure == tariff.MeasureBytes && n >= 1_000_000 && n%1_000_000 == 0 {
		s += fmt.Sprintf(" (%s MB)", frame.Thousands(n/1_000_000))
	}
	return s
}

// tariffExamples work one partial block through Quote for the first
// block-priced item of each measure (120 halaman; 2.000.400 byte), so the
// examples always agree with what the visit screen charges.
func tariffExamples(sch *tariff.Schedule) []string {
	var out []string
	seen := map[string]bool{}
	for _, it := range sch.Items {
		if !it.Charged || it.StepQty == 0 || seen[it.Measure] {
			continue
		}
		seen[it.Measure] = true
		qty := 2*it.BaseQty + max(1, it.StepQty*2/5)
		l := tariff.Line{Code: it.Code}
		switch it.Measure {
		case tariff.MeasurePages:
			l.Pages = qty
		case tariff.MeasureBytes:
			l.Bytes = qty
		case tariff.MeasureMaps:
			l.Maps = qty
		}
		q, err := sch.Quote(l, tariff.Eligibility{})
		if err != nil {
			continue // too large to quote: no example rather than a wrong one
		}
		parts := make([]string, len(q.Breakdown))
		for i, b := range q.Breakdown {
			parts[i] = strings.Replace(b, ": ", " ", 1)
		}
		out = append(out, fmt.Sprintf("%s %s %s = %s = %s.", frame.Thousands(qty), it.Measure, it.Code,
			strings.Join(parts, " + "), tariff.Rupiah(q.Amount)))
	}
	return out
}
