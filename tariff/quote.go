package tariff

import (
	"fmt"
	"math"
	"strings"
)

// Line is one requested product to price. Only the quantity of the item's
// measure is read: Pages for publications, Bytes for microdata, Maps for
// maps; the others are ignored.
type Line struct {
	Code  string
	Pages int64
	Bytes int64
	Maps  int64
}

// Eligibility is what decides the Rp0 facility for a visit.
type Eligibility struct {
	Category string // kategori instansi from the guest book
	Use      string // pemanfaatan (intended use)
	Letter   bool   // the formal request letter (surat permohonan) was received
}

// Quote is the price of one line under a schedule. A visit keeps its quotes:
// they record the schedule and basis they were made with.
type Quote struct {
	Code      string
	Amount    int64    // to pay, whole Rupiah
	Breakdown []string // how Amount was reached, Indonesian, one step per line
	Zero      bool     // the Rp0 facility was applied ("Tarif Nol Rupiah" = Ya)
	NoItem    bool     // the schedule has no item for this product: Rp0, nothing charged
	Basis     string   // legal basis of Amount: the Rp0 rule's when Zero, else the schedule's
	Schedule  string   // name of the schedule used
	// FullAmount is what the line costs without the Rp0 facility; it equals
	// Amount unless Zero, and is 0 when NoItem.
	FullAmount int64
}

// QuoteError is a line Quote refuses, worded for the officer.
type QuoteError struct {
	Code  string // the line's code
	Field string // what to correct: "kode", or the measure ("halaman", "byte", "peta")
	Msg   string // Indonesian
}

// Error returns the message alone, ready to show next to the field.
func (e *QuoteError) Error() string { return e.Msg }

// maxQty is the largest quantity accepted per measure: far beyond any real
// order, and small enough that a typo (an extra zero or three) is caught:
// 100.000 pages, 1.000.000.000.000 bytes (1 TB), 10.000 maps. It bounds the
// block sizes of a schedule file too (parseNumber).
var maxQty = map[string]int64{
	MeasurePages: 100_000,
	MeasureBytes: 1_000_000_000_000,
	MeasureMaps:  10_000,
}

// qtyNames name a line's quantity in messages, after the workbook's columns.
var qtyNames = map[string]string{
	MeasurePages: "Jumlah halaman",
	MeasureBytes: "Ukuran data (byte)",
	MeasureMaps:  "Jumlah peta",
}

// Quote prices a line. Eligible visitors (ZeroEligible) pay Rp0 and the
// breakdown still shows what the line would have cost. A product the
// schedule has no item for costs Rp0 whoever asks (NoItem, and not Zero: the
// facility was not what made it free); its quantity is not used and not
// checked. Otherwise the line's quantity must be above 0 and not absurd.
func (s *Schedule) Quote(l Line, e Eligibility) (Quote, error) {
	it, ok := s.Item(l.Code)
	if !ok {
		return Quote{}, &QuoteError{l.Code, "kode", fmt.Sprintf("Kode tarif %q tidak ada dalam %s", l.Code, s.Name)}
	}
	q := Quote{Code: it.Code, Basis: s.Basis, Schedule: s.Name}
	if !it.Charged {
		q.NoItem = true
		q.Breakdown = []string{fmt.Sprintf("Tidak ada item tarif dalam %s: tidak dipungut biaya", s.Name)}
		return q, nil
	}
	qty := quantity(l, it.Measure)
	field := func(format string, a ...any) error {
		return &QuoteError{it.Code, it.Measure, fmt.Sprintf(format, a...)}
	}
	if qty <= 0 {
		return Quote{}, field("%s harus lebih dari 0", qtyNames[it.Measure])
	}
	if limit := maxQty[it.Measure]; qty > limit {
		return Quote{}, field("%s terlalu besar: paling banyak %s %s", qtyNames[it.Measure], groupDigits(limit), it.Measure)
	}
	amount, lines, ok := price(it, qty)
	if !ok || amount > MaxTotal {
		return Quote{}, field("Tarif %s untuk %s %s melebihi batas %s per kunjungan; periksa %s",
			it.Code, groupDigits(qty), it.Measure, Rupiah(MaxTotal), strings.ToLower(qtyNames[it.Measure]))
	}
	q.Amount, q.FullAmount, q.Breakdown = amount, amount, lines
	if zero, reason := s.ZeroEligible(e); zero {
		q.Zero, q.Amount, q.Basis = true, 0, s.Zero.Basis
		q.Breakdown = append(q.Breakdown, "Tarif tanpa fasilitas nol rupiah: "+Rupiah(amount), reason)
	}
	return q, nil
}

// quantity picks the line's quantity for a measure.
func quantity(l Line, measure string) int64 {
	switch measure {
	case MeasurePages:
		return l.Pages
	case MeasureBytes:
		return l.Bytes
	case MeasureMaps:
		return l.Maps
	}
	return 0
}

// price computes a charged item's amount for qty > 0 units, with its
// breakdown. ok is false if the amount does not fit in int64.
func price(it Item, qty int64) (amount int64, lines []string, ok bool) {
	if it.StepQty == 0 { // per unit
		amount, ok = mul(qty, it.BaseRp)
		return amount, []string{fmt.Sprintf("%s %s × %s: %s", groupDigits(qty), it.Measure, Rupiah(it.BaseRp), Rupiah(amount))}, ok
	}
	first := fmt.Sprintf("%s %s pertama: %s", groupDigits(it.BaseQty), it.Measure, Rupiah(it.BaseRp))
	if qty < it.BaseQty {
		first = fmt.Sprintf("%s %s (dalam %s %s pertama): %s", groupDigits(qty), it.Measure, groupDigits(it.BaseQty), it.Measure, Rupiah(it.BaseRp))
	}
	lines = []string{first}
	if qty <= it.BaseQty {
		return it.BaseRp, lines, true
	}
	// A partial block counts whole: ceil((qty-BaseQty)/StepQty), written so
	// that it cannot overflow.
	rest := qty - it.BaseQty
	steps := rest / it.StepQty
	if rest%it.StepQty != 0 {
		steps++
	}
	further, ok := mul(steps, it.StepRp)
	if !ok {
		return 0, nil, false
	}
	amount, ok = Add(it.BaseRp, further)
	lines = append(lines, fmt.Sprintf("%s × %s %s berikutnya: %s", groupDigits(steps), groupDigits(it.StepQty), it.Measure, Rupiah(further)))
	return amount, lines, ok
}

// mul multiplies two non-negative numbers, reporting overflow.
func mul(a, b int64) (int64, bool) {
	if a != 0 && b > math.MaxInt64/a {
		return 0, false
	}
	return a * b, true
}

// ZeroEligible reports whether a visitor gets the Rp0 facility, with the
// reason in Indonesian either way: the categories and excluded uses come from
// the schedule, matched without regard to case or stray spaces. Every unmet
// condition is named, so the officer can tell the visitor all that is
// missing at once. The reason ends with the rule's legal basis.
func (s *Schedule) ZeroEligible(e Eligibility) (bool, string) {
	z := s.Zero
	if len(z.Categories) == 0 {
		return false, fmt.Sprintf("Tarif normal: %s tidak mengatur tarif nol rupiah", s.Name)
	}
	category, use := normalize(e.Category), normalize(e.Use)
	var unmet []string
	switch {
	case category == "":
		unmet = append(unmet, "kategori instansi belum diisi")
	case !containsFold(z.Categories, category):
		unmet = append(unmet, fmt.Sprintf("kategori instansi %s tidak termasuk penerima tarif nol rupiah", category))
	}
	switch {
	case use == "":
		unmet = append(unmet, "pemanfaatan data belum diisi")
	case containsFold(z.ExcludedUses, use):
		unmet = append(unmet, fmt.Sprintf("pemanfaatan %s tidak mendapat tarif nol rupiah", use))
	}
	if z.NeedsLetter && !e.Letter {
		unmet = append(unmet, "surat permohonan resmi belum diterima")
	}
	if len(unmet) > 0 {
		return false, fmt.Sprintf("Tarif normal: %s. Dasar tarif nol rupiah: %s", strings.Join(unmet, "; "), z.Basis)
	}
	letter := ""
	if z.NeedsLetter {
		letter = ", surat permohonan diterima"
	}
	return true, fmt.Sprintf("Tarif nol rupiah (Rp0): kategori instansi %s, pemanfaatan %s%s. Dasar: %s", category, use, letter, z.Basis)
}

func containsFold(list []string, v string) bool {
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}
