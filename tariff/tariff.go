// Package tariff prices statistical products with a PNBP tariff schedule.
//
// A schedule is data, not code: a text file with a name, a legal basis, an
// effective date, one line per tariff item and the rule for the Rp0 (nol
// rupiah) facility, so that the next regulation is a new file. The package
// is pure: apart from loading the embedded default schedule
// (pp13-2024.tarif, PP No. 13 Tahun 2024) it does no I/O. Money is whole
// Rupiah in int64, never floating point, and every multiplication is checked
// for overflow.
//
// Everything a person reads (errors, breakdowns, the schedule text) is in
// Indonesian.
package tariff

import (
	_ "embed"
	"time"
)

// Kind is the product line an item belongs to. Its value is the word used in
// schedule files.
type Kind string

// The product lines of the PST counter (DOMAIN.md, "Products").
const (
	KindPublication Kind = "publikasi"
	KindMicrodata   Kind = "data_mikro"
	KindMap         Kind = "peta"
)

// The measures an item's quantity can count. Each kind has exactly one:
// publications count pages, microdata bytes and maps maps.
const (
	MeasurePages = "halaman"
	MeasureBytes = "byte"
	MeasureMaps  = "peta"
)

// measureOf is the only measure a kind may use; Parse enforces it so that a
// line's quantity always sits in the same column (pages, bytes, maps).
var measureOf = map[Kind]string{
	KindPublication: MeasurePages,
	KindMicrodata:   MeasureBytes,
	KindMap:         MeasureMaps,
}

// Item is one tariff item of a schedule, or a product the schedule has no
// item for (Charged false).
//
// A charged item costs BaseRp for the first BaseQty units and StepRp for each
// further StepQty units or part of them. With StepQty 0 it is priced per unit
// instead: BaseQty is 1 and every unit costs BaseRp.
type Item struct {
	Code    string // stable name used in files, the database and exports, e.g. "PUB-EL"
	Name    string // Indonesian, e.g. "Publikasi elektronik"
	Kind    Kind
	Measure string // MeasurePages, MeasureBytes, MeasureMaps, or "" when not Charged
	BaseQty int64  // units in the first block: 50 pages, 1.000.000 bytes, 1 map
	BaseRp  int64  // price of the first block (or of each unit when StepQty is 0)
	StepQty int64  // units in each further block; 0 for per-unit pricing
	StepRp  int64  // price of each further block
	Charged bool   // false: the schedule has no item for this product, so it costs Rp0
}

// ZeroRule is the schedule's Rp0 (nol rupiah) facility: which visitors get
// it. It lives in the schedule file, not in code, because the regulation
// delegates it and it may change. A rule with no Categories grants nothing.
type ZeroRule struct {
	Categories   []string // kategori instansi that qualify, as in the guest book
	ExcludedUses []string // pemanfaatan that never qualify, e.g. "Komersial"
	NeedsLetter  bool     // a formal request letter (surat permohonan) must be received
	Basis        string   // legal basis of the facility, Indonesian
}

// Schedule is a PNBP tariff schedule.
type Schedule struct {
	Name  string // short name shown on quotes, e.g. "PP No. 13 Tahun 2024"
	Basis string // full legal basis, Indonesian
	// Effective is the calendar date the schedule takes effect, held as
	// midnight UTC. Only its year, month and day mean anything: read them
	// directly (Format("2006-01-02")) rather than converting to WIB.
	Effective time.Time
	Items     []Item // in file order
	Zero      ZeroRule
	Notes     []string // further provisions shown with the schedule, Indonesian
}

// Item returns the item with the given code.
func (s *Schedule) Item(code string) (Item, bool) {
	for _, it := range s.Items {
		if it.Code == code {
			return it, true
		}
	}
	return Item{}, false
}

// clone returns a deep copy, so that a caller changing a slice of the
// schedule it got cannot change the one shared by everybody else.
func (s *Schedule) clone() *Schedule {
	c := *s
	c.Items = append([]Item(nil), s.Items...)
	c.Zero.Categories = append([]string(nil), s.Zero.Categories...)
	c.Zero.ExcludedUses = append([]string(nil), s.Zero.ExcludedUses...)
	c.Notes = append([]string(nil), s.Notes...)
	return &c
}

//go:embed pp13-2024.tarif
var defaultFile []byte

// defaultSchedule is parsed once at start-up. A broken embedded file is a
// build defect, so it stops the program at once instead of quoting with a
// half-read schedule.
var defaultSchedule = mustParse("pp13-2024.tarif", defaultFile)

// Default returns the schedule embedded in the binary: PP No. 13 Tahun 2024.
// Each call returns a fresh copy that the caller may change.
func Default() *Schedule {
	return defaultSchedule.clone()
}

// mustParse parses an embedded schedule file and panics if it is broken.
func mustParse(name string, b []byte) *Schedule {
	s, err := parseBytes(b)
	if err != nil {
		panic("tariff: embedded schedule " + name + ": " + err.Error())
	}
	return s
}
