// Package home is Beranda: today's figures, the open visits, and the keys
// to every other screen.
package home

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"loket/store"
	"loket/tariff"
	"loket/tui/frame"
)

// Beranda: the office's day at a glance (date, clock, today's figures), the
// open visits with their waiting time, and the bank payments awaited with
// the billing code's time to expiry. From here the officer starts a visit
// (n) or resumes one (enter).

type homeKeys struct {
	Up, Down, New, Resume                          key.Binding
	Search, Complaints, Tariff, EndOfDay, Settings key.Binding
	Report                                         key.Binding
	Help, Quit                                     key.Binding
}

func newHomeKeys() homeKeys {
	k := homeKeys{
		Up:         frame.UpKey("pilih"),
		Down:       frame.DownKey(),
		New:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "kunjungan baru")),
		Resume:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "lanjutkan")),
		Search:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "cari")),
		Complaints: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "pengaduan")),
		Tariff:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "tarif")),
		EndOfDay:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "tutup hari")),
		Settings:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "pengaturan")),
		Report:     key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "laporan")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "bantuan")),
		Quit:       key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "keluar")),
	}
	return k
}

// homeLoadedMsg carries the figures and open visits read for Beranda.
type homeLoadedMsg struct {
	day   string
	Stats store.DayStats
	Open  []store.OpenVisit
}

// visitStartedMsg: a new visit was recorded (step 1).
type visitStartedMsg struct{ visit *store.Visit }

// Success clears the error line: the store accepted the change.
func (visitStartedMsg) Success() {}

// Screen is the home screen; the root holds it behind frame.Screen.
type Screen struct {
	frame.Base
	c      *frame.Context
	keys   homeKeys
	Loaded bool
	Data   homeLoadedMsg
	cursor int
	ticks  int
	busy   bool
	w, h   int
}

// New builds the screen from the shared context.
func New(c *frame.Context) frame.Screen {
	return &Screen{c: c, keys: newHomeKeys()}
}

// Title names the screen in the header.
func (h *Screen) Title() string { return "Beranda" }

// Clock reports the clock shown, so the root ticks.
func (h *Screen) Clock() bool { return true }

// SetSize takes the body's size from the root.
func (h *Screen) SetSize(w, ht int) { h.w, h.h = w, ht }

// Init starts the screen's first read.
func (h *Screen) Init() tea.Cmd { return h.load() }

// homeRefresh is how often Beranda reads its figures again while shown.
const homeRefresh = 30 // seconds

func (h *Screen) load() tea.Cmd {
	s, ctx, day := h.c.Store, h.c.Ctx, store.Day(h.c.Now())
	return func() tea.Msg {
		st, err := s.DayStats(ctx, day)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		open, err := s.OpenVisits(ctx)
		if err != nil {
			return frame.ErrMsg{Err: err}
		}
		return homeLoadedMsg{day: day, Stats: st, Open: open}
	}
}

// ShortHelp is the help bar: the keys that work now.
func (h *Screen) ShortHelp() []key.Binding {
	k := h.keys
	return []key.Binding{k.New, k.Resume, k.Up, k.Search, k.Complaints, k.Tariff, k.EndOfDay, k.Report, k.Settings, k.Help, k.Quit}
}

// FullHelp lists every key of the screen for f1.
func (h *Screen) FullHelp() [][]key.Binding {
	k := h.keys
	up := frame.UpKey("pilih kunjungan berjalan")
	resume := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "lanjutkan kunjungan terpilih (mis. kembali dari bank)"))
	// The peripheral keys say more here than in the bar, keeping whether
	// they are enabled.
	long := func(b key.Binding, desc string) key.Binding {
		l := key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
		l.SetEnabled(b.Enabled())
		return l
	}
	return [][]key.Binding{{k.New, resume, up,
		long(k.Search, "cari pengunjung, kunjungan, invoice/kuitansi, kode billing, NTPN"),
		long(k.Complaints, "pengaduan: catat dan tindak lanjuti"),
		long(k.Tariff, "jadwal tarif PNBP dan syarat tarif nol rupiah"),
		long(k.EndOfDay, "tutup hari: serah terima uang tunai, laporan Excel"),
		long(k.Report, "laporan periode: rekap bulan, semester, tahun atau rentang tanggal"),
		long(k.Settings, "pengaturan: kantor, petugas, PIN, folder ekspor, cadangan"),
		k.Help, k.Quit}}
}

// Update handles a message and returns the screen.
func (h *Screen) Update(msg tea.Msg) (frame.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case homeLoadedMsg:
		h.Loaded, h.Data = true, msg
		h.cursor = min(h.cursor, max(len(msg.Open)-1, 0))
		h.keys.Resume.SetEnabled(len(msg.Open) > 0)
		h.keys.Up.SetEnabled(len(msg.Open) > 1)
		h.keys.Down.SetEnabled(len(msg.Open) > 1)
	case visitStartedMsg:
		h.busy = false
		return h, frame.ToVisit(msg.visit.ID)
	case frame.ErrMsg:
		h.busy = false
	case frame.TickMsg:
		h.ticks++
		if h.ticks%homeRefresh == 0 || store.Day(h.c.Now()) != h.Data.day {
			return h, h.load()
		}
	case tea.KeyPressMsg:
		return h, h.Key(msg)
	}
	return h, nil
}

// Key handles a key press.
func (h *Screen) Key(msg tea.KeyPressMsg) tea.Cmd {
	k := h.keys
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Up):
		h.cursor = max(h.cursor-1, 0)
	case key.Matches(msg, k.Down):
		h.cursor = min(h.cursor+1, max(len(h.Data.Open)-1, 0))
	case key.Matches(msg, k.New):
		if h.busy {
			return nil
		}
		h.busy = true
		s, ctx, actor := h.c.Store, h.c.Ctx, h.c.Actor()
		return func() tea.Msg {
			v, err := s.StartVisit(ctx, actor)
			if err != nil {
				return frame.ErrMsg{Err: err}
			}
			return visitStartedMsg{v}
		}
	case key.Matches(msg, k.Resume):
		if h.cursor < len(h.Data.Open) {
			return frame.ToVisit(h.Data.Open[h.cursor].ID)
		}
	case key.Matches(msg, k.Search):
		return frame.ToSearch()
	case key.Matches(msg, k.Complaints):
		return frame.ToComplaints("")
	case key.Matches(msg, k.Tariff):
		return frame.ToTariff()
	case key.Matches(msg, k.EndOfDay):
		return frame.ToEndOfDay()
	case key.Matches(msg, k.Report):
		return frame.ToReport()
	case key.Matches(msg, k.Settings):
		return frame.ToSettings()
	}
	return nil
}

// decimal writes a float with an Indonesian decimal comma: 87,50.
func decimal(f float64, places int) string {
	return strings.Replace(fmt.Sprintf("%.*f", places, f), ".", ",", 1)
}

// View renders the screen's body.
func (h *Screen) View() string {
	c, st := h.c, h.c.Styles
	now := c.Now()
	w := h.w
	out := []string{frame.Between(" "+st.Title.Render(frame.LongDate(now)), st.Title.Render(frame.Clock(now)+" WIB")+" ", w), ""}
	if !h.Loaded {
		return strings.Join(append(out, " Memuat…"), "\n")
	}
	d := h.Data.Stats
	lab := func(s string) string { return st.Dim.Render(frame.Pad(s, 11)) }
	out = append(out,
		" "+lab("Hari ini")+fmt.Sprintf("Kunjungan %d · selesai %d · berjalan %d · batal %d · dirujuk %d",
			d.Visits, d.Finished, d.Open, d.Canceled, d.Referred),
		" "+lab("PNBP")+fmt.Sprintf("%s (tunai %s · bank %s)", tariff.Rupiah(d.PNBP), tariff.Rupiah(d.Cash), tariff.Rupiah(d.Bank)))
	svc := "—"
	if d.Finished > 0 {
		svc = fmt.Sprintf("rata-rata %s · ≤ 5 menit %s%%", frame.Stopwatch(d.AvgService), decimal(d.Within5Pct(), 0))
	}
	ikm := "belum ada responden"
	if d.Respondents > 0 {
		ikm = fmt.Sprintf("%s %s (%d responden)", decimal(d.IKM, 2), store.Mutu(d.IKM), d.Respondents)
	}
	out = append(out, " "+lab("Layanan")+svc, " "+lab("IKM")+ikm, "")

	open := h.Data.Open
	out = append(out, " "+st.Title.Render(fmt.Sprintf("Kunjungan berjalan (%d)", len(open))))
	if len(open) == 0 {
		out = append(out, " "+st.Dim.Render("Belum ada kunjungan berjalan. Tekan n untuk melayani pengunjung baru."))
	} else {
		nameW := max(w-54, 12)
		out = append(out, st.Dim.Render(" "+frame.Pad("  No.", 14)+frame.Pad("Pengunjung", nameW)+frame.Pad("Langkah", 24)+"Menunggu"))
		var bank []store.OpenVisit
		for _, o := range open {
			if o.BillingCode != "" {
				bank = append(bank, o)
			}
		}
		room := h.h - len(out) - 1
		if len(bank) > 0 {
			room -= 2 + 2*len(bank)
		}
		room = max(room, 3)
		first := 0
		if h.cursor >= room {
			first = h.cursor - room + 1
		}
		for i := first; i < len(open) && i < first+room; i++ {
			out = append(out, h.openRow(i, open[i], now, nameW))
		}
		if len(bank) > 0 {
			out = append(out, "", " "+st.Title.Render(fmt.Sprintf("Menunggu pembayaran bank (%d)", len(bank))))
			// Columns of one width for every row. The name gives way, cut
			// with "…": the code, the amount and the expiry stay whole on
			// one line.
			type bankRow struct{ q, code, amt, exp string }
			rows := make([]bankRow, len(bank))
			styles := make([]lipgloss.Style, len(bank))
			var qW, codeW, amtW, expW int
			for i, o := range bank {
				left := o.BillingExpires.Sub(now)
				r := bankRow{o.Queue, o.BillingCode, tariff.Rupiah(o.Total), "berlaku " + frame.Span(left) + " lagi"}
				styles[i] = st.OK
				switch {
				case left <= 0:
					r.exp, styles[i] = "kedaluwarsa: buat kode baru", st.Err
				case left < 24*time.Hour:
					styles[i] = st.Warn
				}
				rows[i] = r
				qW, codeW = max(qW, frame.Width(r.q)), max(codeW, frame.Width(r.code))
				amtW, expW = max(amtW, frame.Width(r.amt)), max(expW, frame.Width(r.exp))
			}
			nameW := min(18, w-1-(3+qW+1+2+codeW+2+amtW+2+expW))
			for i, o := range bank {
				r := rows[i]
				name := frame.VisitorName(o.Name)
				if nameW >= 6 {
					out = append(out, "   "+frame.Pad(r.q, qW)+" "+frame.Pad(name, nameW)+"  "+frame.Pad(r.code, codeW)+"  "+
						frame.Pad(r.amt, amtW)+"  "+styles[i].Render(r.exp))
				} else { // narrower than the app is made for: the expiry below
					out = append(out, "   "+r.q+" "+frame.Pad(name, 18)+"  "+r.code+"  "+r.amt, "         "+styles[i].Render(r.exp))
				}
			}
		}
	}
	return strings.Join(out, "\n")
}

func (h *Screen) openRow(i int, o store.OpenVisit, now time.Time, nameW int) string {
	st := h.c.Styles
	q := o.Queue
	if o.Day != h.Data.day {
		q += " " + o.Day[8:10] + "/" + o.Day[5:7]
	}
	step := fmt.Sprintf("%d %s", o.Current, store.Steps[o.Current-1].Short)
	switch {
	case o.Waiting:
		step += " (bank)"
	case o.Suspended:
		step += " (ditunda)"
	}
	row := " " + frame.Pad("  "+q, 14) + frame.Pad(frame.VisitorName(o.Name), nameW) + frame.Pad(step, 23) + " " + frame.Span(now.Sub(o.UpdatedAt))
	if i == h.cursor {
		return st.Selected.Render(frame.Pad(" ›"+row[2:], h.w-1))
	}
	return row
}
