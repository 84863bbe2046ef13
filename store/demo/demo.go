// Package demo fills a database with realistic counter data through the
// store's public API, so every generated visit obeys the procedure's rules.
// The same seed gives the same data: the clock and the ID entropy are
// injected.
package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand"
	"slices"
	"sync"
	"time"

	"loket/store"
	"loket/store/valid"
)

// Config says what to generate.
type Config struct {
	Days     int       // calendar days, ending on Until
	Until    time.Time // last day (any time on it; WIB)
	Seed     int64
	Progress io.Writer // one line per generated month; nil for none
	// Durable keeps synchronous=FULL. Demo data is disposable, so the
	// default relaxes it to OFF, which is what makes a year take seconds.
	Durable bool
	// Counter and Office, when set, are this demo counter's counter code
	// (one letter) and office code (four digits), so that demo data of
	// several counters can be merged (loket gabung). A counter other than
	// the default A of office 1906 gets officers of its own names.
	Counter, Office string
}

// officerNames are the demo officers: counter A of the default office has
// the first three, any other counter three of its own. Those other
// counters share them: officers are unique per counter (schema 4), so an
// archive of several demo counters keeps each counter's "Budi Santoso" as
// its own record, as it would two real counters' officers of one name.
func officerNames(cfg Config) []string {
	if (cfg.Counter == "" || cfg.Counter == "A") && (cfg.Office == "" || cfg.Office == "1906") {
		return []string{"Rina Marlina", "Andi Pratama", "Dewi Lestari"}
	}
	return []string{"Budi Santoso", "Siti Aminah", "Yusuf Hidayat"}
}

// counterSeed is the seed the demo runs on. Another counter or office
// mixes its codes into cfg.Seed: two demo counters made with the same
// --seed must not share a record's ID, their counter's identity, an NTPN
// or a billing code, or loket gabung refuses the second and check faults
// the archive. Counter A of office 1906 keeps the plain seed, so its data
// is what it always was.
func counterSeed(cfg Config) int64 {
	if (cfg.Counter == "" || cfg.Counter == "A") && (cfg.Office == "" || cfg.Office == "1906") {
		return cfg.Seed
	}
	h := fnv.New64a()
	h.Write([]byte(cfg.Office + "/" + cfg.Counter))
	return cfg.Seed ^ int64(h.Sum64())
}

// Summary counts what was generated.
type Summary struct {
	Days, Visits, Finished, Canceled, Referred, Open, Payments, Complaints int
	PNBP                                                                   int64
}

// clock is the generator's time, advanced by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// gen holds one run's state.
type gen struct {
	ctx      context.Context
	s        *store.Store
	clk      *clock
	rng      *rand.Rand
	officers []string
	visitors []returning
	bank     []bankVisit // visitors gone to the bank, paying on a later day
	sum      Summary
	lastDay  bool
	nik      int
}

type returning struct {
	id string
	in store.GuestInput
}

type bankVisit struct {
	visitID string
	payDay  time.Time // the day the visitor comes back
	payer   string
	expire  bool // comes back after the code expired
}

// Generate writes cfg.Days days of data into the database at path. It
// refuses a database that holds real visits (store.MarkDemo).
func Generate(ctx context.Context, path string, cfg Config) (Summary, error) {
	if cfg.Days < 1 || cfg.Days > 36600 {
		return Summary{}, &valid.Error{Field: "--days", Msg: "harus 1 sampai 36600 hari"}
	}
	if first := store.DayStart(cfg.Until).AddDate(0, 0, -(cfg.Days - 1)); first.Year() < FirstYear {
		return Summary{}, &valid.Error{Field: "--until", Msg: fmt.Sprintf("hari pertama %s sebelum tahun %d: data demo hanya dapat dibuat mulai %d-01-01", first.Format(time.DateOnly), FirstYear, FirstYear)}
	}
	clk := &clock{}
	rng := rand.New(rand.NewSource(counterSeed(cfg)))
	sync := "OFF"
	if cfg.Durable {
		sync = ""
	}
	s, err := store.Open(ctx, path, store.Options{Now: clk.now, Entropy: rand.New(rand.NewSource(counterSeed(cfg) ^ 0x5eed)), Synchronous: sync})
	if err != nil {
		return Summary{}, err
	}
	defer s.Close()
	last := store.DayStart(cfg.Until)
	first := last.AddDate(0, 0, -(cfg.Days - 1))
	clk.set(first.Add(7 * time.Hour))
	if err := s.MarkDemo(ctx); err != nil {
		return Summary{}, err
	}
	if cfg.Counter != "" || cfg.Office != "" {
		o, err := s.Office(ctx)
		if err != nil {
			return Summary{}, err
		}
		if cfg.Counter != "" {
			o.CounterCode = cfg.Counter
		}
		if cfg.Office != "" {
			o.Code = cfg.Office
		}
		if err := s.UpdateOffice(ctx, "", o); err != nil {
			return Summary{}, err
		}
	}
	g := &gen{ctx: ctx, s: s, clk: clk, rng: rng}
	for _, name := range officerNames(cfg) {
		o, err := s.OfficerByName(ctx, name)
		if err != nil {
			if o, err = s.AddOfficer(ctx, name, ""); err != nil {
				return g.sum, err
			}
		}
		g.officers = append(g.officers, o.ID)
	}
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		if err := ctx.Err(); err != nil {
			return g.sum, err
		}
		g.lastDay = d.Equal(last)
		// One transaction per day: every call still goes through the
		// store's rules, each under its own savepoint.
		err := s.Batch(ctx, func(b *store.Store) error {
			g.s = b
			return g.day(d)
		})
		g.s = s
		if err != nil {
			return g.sum, fmt.Errorf("demo %s: %w", d.Format(time.DateOnly), err)
		}
		g.sum.Days++
		if cfg.Progress != nil && (d.AddDate(0, 0, 1).Day() == 1 || g.lastDay) {
			fmt.Fprintf(cfg.Progress, "demo: sampai %s — %d kunjungan\n", d.Format(time.DateOnly), g.sum.Visits)
		}
	}
	return g.sum, nil
}

func (g *gen) officer() string { return g.officers[g.rng.Intn(len(g.officers))] }

func (g *gen) pause(min, max int) {
	g.clk.add(time.Duration(min+g.rng.Intn(max-min+1)) * time.Second)
}

// day generates one calendar day: weekends are closed; a working day has
// 5–25 visits between 08:00 and 15:30 WIB, the returns of visitors who went
// to the bank, a complaint now and then, and the cash hand-over.
func (g *gen) day(d time.Time) error {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return nil
	}
	n := 5 + g.rng.Intn(21)
	open := 8 * 60
	span := 7*60 + 30
	starts := make([]int, n)
	for i := range starts {
		starts[i] = open + g.rng.Intn(span)
	}
	slices.Sort(starts)
	returns := g.bank[:0:0]
	var later []bankVisit
	for _, b := range g.bank {
		if !b.payDay.After(d) {
			returns = append(returns, b)
		} else {
			later = append(later, b)
		}
	}
	g.bank = later
	ri := 0
	for i, m := range starts {
		t := d.Add(time.Duration(m) * time.Minute)
		if g.clk.now().Before(t) {
			g.clk.set(t)
		}
		// A returning bank visitor comes in between the day's visits.
		if ri < len(returns) && g.rng.Intn(3) == 0 {
			if err := g.bankReturn(returns[ri]); err != nil {
				return err
			}
			ri++
		}
		leaveOpen := g.lastDay && i >= n-3
		if err := g.visit(leaveOpen); err != nil {
			return err
		}
	}
	for ; ri < len(returns); ri++ {
		if err := g.bankReturn(returns[ri]); err != nil {
			return err
		}
	}
	if g.rng.Intn(3) == 0 {
		if err := g.complaint(); err != nil {
			return err
		}
	}
	if !g.lastDay {
		return g.handover(d)
	}
	return nil
}

func (g *gen) handover(d time.Time) error {
	g.clk.set(d.Add(16*time.Hour + time.Duration(g.rng.Intn(30))*time.Minute))
	day := store.Day(d)
	cash, err := g.s.CashReceipts(g.ctx, day)
	if err != nil || cash == 0 {
		return err
	}
	counted, reason := cash, ""
	if g.rng.Intn(40) == 0 {
		counted, reason = cash-5000, "Uang kembalian kurang Rp5.000, diganti petugas"
	}
	_, err = g.s.RecordCashHandover(g.ctx, g.officer(), day, counted, "Sri Wahyuni", reason)
	return err
}

var complaintTexts = []string{
	"Antrian terlalu lama pada jam istirahat.",
	"Mohon publikasi tercetak tersedia lebih banyak.",
	"Petugas sangat membantu, tetapi ruang tunggu panas.",
	"Tarif data mikro mohon dijelaskan di situs web.",
	"Kode billing sulit dibayar di bank daerah.",
}

func (g *gen) complaint() error {
	g.clk.add(time.Duration(g.rng.Intn(60)) * time.Minute)
	id, err := g.s.AddComplaint(g.ctx, g.officer(), store.ComplaintChannels[g.rng.Intn(len(store.ComplaintChannels))],
		complaintTexts[g.rng.Intn(len(complaintTexts))], "")
	if err != nil {
		return err
	}
	g.sum.Complaints++
	if g.rng.Intn(2) == 0 {
		g.clk.add(time.Duration(10+g.rng.Intn(120)) * time.Minute)
		return g.s.FollowUpComplaint(g.ctx, g.officer(), id, store.ComplaintStatuses[1+g.rng.Intn(2)], "Diteruskan ke Kasubbag Umum dan ditindaklanjuti.")
	}
	return nil
}
