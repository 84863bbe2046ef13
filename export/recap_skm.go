package export

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"loket/store"
	"loket/store/valid"
)

// SampleSize is the Krejcie–Morgan minimum sample for a population of n:
// s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)) with χ² = 3,841, P = 0,5 and
// d = 0,05, rounded to the nearest whole number as the published table is
// (N = 50 gives 44,34: 44). Computed in integers (the constants times
// 10⁵ and 4), so the rounding never depends on floating point.
func SampleSize(n int) int {
	if n <= 0 {
		return 0
	}
	// χ²·P(1−P) = 3,841/4; d² = 1/400. Times 400·4·1000 = 1.600.000:
	// numerator 3841·400·N, denominator 4000(N−1) + 3841·400.
	num := int64(3841) * 400 * int64(n)
	den := int64(4000)*int64(n-1) + 3841*400
	return int((2*num + den) / (2 * den))
}

// SampleEnough is the one rule for "Sampel Mencukupi", on Laporan SKM
// and on the Laporan screen alike: at least the minimum sample answered,
// and at least one respondent. A period without finished visits has a
// minimum of 0, yet no respondent is no survey: not enough.
func SampleEnough(respondents, sample int) bool {
	return respondents > 0 && respondents >= sample
}

// Labels of Laporan SKM's rows after the table of unsur.
const (
	LabelSKMWeight     = "Bobot per unsur"
	LabelSKMIKM        = "IKM"
	LabelSKMConverted  = "IKM Konversi"
	LabelSKMMutu       = "Mutu Pelayanan"
	LabelSKMKinerja    = "Kinerja Unit Pelayanan"
	LabelSKMRespond    = "Jumlah Responden"
	LabelSKMPopulation = "Populasi"
	LabelSKMSample     = "Sampel Minimal"
	LabelSKMEnough     = "Sampel Mencukupi"
	LabelSKMWeakest    = "Unsur Terendah"
	WeightNote         = "1/9 tepat (0,111… tidak dibulatkan); kantor yang membulatkan bobot menjadi 0,111 atau 0,11 mendapat IKM konversi sekitar 0,1 % atau 1 % lebih rendah"
)

var recapSKMColumns = []column{
	{"Unsur", kLong}, {"Jumlah Nilai", kName}, {"Jumlah Jawaban", kCount}, {"NRR", kDecimal}, {"NRR Tertimbang", kDecimal},
}

// fmtNRR shows NRR to three decimals (the value is stored exactly).
const fmtNRR = `0.000`

// mutuParts splits store.Mutu's "A (Sangat Baik)" into the letter and the
// words, so the thresholds stay in one place.
func mutuParts(m string) (letter, words string) {
	letter, words, _ = strings.Cut(m, " (")
	return letter, strings.TrimSuffix(words, ")")
}

// skmSheet writes Laporan SKM as PermenPANRB 14/2017 lays the report out:
// per unsur the sum of scores, the answers, NRR and weighted NRR; then
// IKM, its conversion, mutu and kinerja, the sample, the respondents'
// profile, the weakest unsur and every Saran of the period.
func (rc *recap) skmSheet() error {
	r, st, f := rc.b.r, rc.b.st, rc.b.f
	k, err := r.SKM()
	if err != nil {
		return err
	}
	rc.skm = k
	pop, err := r.Population()
	if err != nil {
		return err
	}
	nrrStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: strPtr(fmtNRR)})
	if err != nil {
		return err
	}
	sh, err := rc.b.newSheet(SheetRecapSKM, recapSKMColumns)
	if err != nil {
		return err
	}
	nrr := func(v float64) any {
		if k.N == 0 {
			return nil
		}
		return excelize.Cell{StyleID: nrrStyle, Value: v}
	}
	var ikm float64
	weakest := -1
	for i, name := range store.SKMElements {
		w := k.NRR(i) / 9
		ikm += w
		if k.N > 0 && (weakest < 0 || k.NRR(i) < k.NRR(weakest)) {
			weakest = i
		}
		if err := sh.addCells(st.cell(kText, "U"+itoa(i+1)+" "+name), st.cell(kCount, k.Sum[i]), st.cell(kCount, k.N),
			nrr(k.NRR(i)), nrr(w)); err != nil {
			return err
		}
	}
	if err := sh.addCells(excelize.Cell{StyleID: st.bold, Value: LabelTotal}, st.cell(kCount, sum9(k.Sum)),
		st.cell(kCount, 9*k.N), nil, nrr(ikm)); err != nil {
		return err
	}
	if err := sh.addCells(); err != nil {
		return err
	}
	row := func(label string, v any) error {
		return sh.addCells(st.cell(kText, label), v)
	}
	mutu, kinerja, weak := "belum ada responden", "belum ada responden", "belum ada responden"
	var conv any
	if k.N > 0 {
		conv = st.cell(kDecimal, k.IKM())
		mutu, kinerja = mutuParts(store.Mutu(k.IKM()))
		weak = "U" + itoa(weakest+1) + " " + store.SKMElements[weakest] + " (NRR " +
			strings.Replace(strconv.FormatFloat(k.NRR(weakest), 'f', 3, 64), ".", ",", 1) + "): tindak lanjut perbaikan"
		rc.sum.Mutu = store.Mutu(k.IKM())
	}
	sample := SampleSize(pop)
	rc.sum.Population, rc.sum.Sample = pop, sample
	enough := "Tidak"
	if SampleEnough(k.N, sample) {
		enough = "Ya"
	}
	for _, x := range []struct {
		label string
		v     any
	}{
		{LabelSKMWeight, st.cell(kText, WeightNote)},
		{LabelSKMIKM, nrr(ikm)},
		{LabelSKMConverted, conv},
		{LabelSKMMutu, st.cell(kText, mutu)},
		{LabelSKMKinerja, st.cell(kText, kinerja)},
		{LabelSKMRespond, st.cell(kCount, k.N)},
		{LabelSKMPopulation, st.cell(kCount, pop)},
		{LabelSKMSample, st.cell(kCount, sample)},
		{LabelSKMEnough, st.cell(kText, enough)},
		{LabelSKMWeakest, st.cell(kText, weak)},
	} {
		if err := row(x.label, x.v); err != nil {
			return err
		}
	}
	if err := rc.profile(sh, row); err != nil {
		return err
	}
	if err := sh.addCells(); err != nil {
		return err
	}
	if err := sh.addCells(excelize.Cell{StyleID: st.header, Value: "Saran"},
		excelize.Cell{StyleID: st.header, Value: "Waktu Penilaian"}); err != nil {
		return err
	}
	n := 0
	err = r.Suggestions(func(at time.Time, saran string) error {
		n++
		// Text a visitor typed: an inline string cell, never a formula.
		return sh.addCells(st.cell(kLong, saran), st.cell(kDateTime, at))
	})
	if err != nil {
		return err
	}
	if n == 0 {
		if err := row("(tidak ada saran pada periode ini)", nil); err != nil {
			return err
		}
	}
	return sh.close()
}

func sum9(s [9]int) int {
	t := 0
	for _, v := range s {
		t += v
	}
	return t
}

// ageGroups are the respondents' age groups, from the year of birth.
var ageGroups = []struct {
	label    string
	min, max int
}{
	{"Umur < 20 tahun", 0, 19}, {"Umur 20–29 tahun", 20, 29}, {"Umur 30–39 tahun", 30, 39},
	{"Umur 40–49 tahun", 40, 49}, {"Umur 50–59 tahun", 50, 59}, {"Umur >= 60 tahun", 60, math.MaxInt},
}

// profile writes the respondents' profile: jenis kelamin, pendidikan,
// pekerjaan and age groups, each group a label/count row.
func (rc *recap) profile(sh *sheet, row func(string, any) error) error {
	r, st := rc.b.r, rc.b.st
	if err := sh.addCells(); err != nil {
		return err
	}
	if err := sh.addCells(excelize.Cell{StyleID: st.header, Value: "Profil Responden"},
		excelize.Cell{StyleID: st.header, Value: "Jumlah"}); err != nil {
		return err
	}
	for _, g := range []struct {
		field, prefix string
		order         []string
	}{
		{"kelamin", "Jenis kelamin: ", store.Strings(store.Genders)},
		{"pendidikan", "Pendidikan: ", valid.Educations},
		{"pekerjaan", "Pekerjaan: ", valid.Occupations},
	} {
		counts, err := r.RespondentsBy(g.field)
		if err != nil {
			return err
		}
		for _, c := range ordered(counts, g.order) {
			if err := row(g.prefix+blankName(c.Key), st.cell(kCount, c.N)); err != nil {
				return err
			}
		}
	}
	ages, err := r.RespondentAges()
	if err != nil {
		return err
	}
	groups := make([]int, len(ageGroups)+1)
	for _, a := range ages {
		age, _ := strconv.Atoi(a.Key)
		i := len(ageGroups) // unknown
		for j, g := range ageGroups {
			if a.Key != "-1" && age >= g.min && age <= g.max {
				i = j
			}
		}
		groups[i] += a.N
	}
	for i, n := range groups {
		label := "Umur tidak diketahui"
		if i < len(ageGroups) {
			label = ageGroups[i].label
		}
		if n == 0 && i == len(ageGroups) {
			continue
		}
		if err := row(label, st.cell(kCount, n)); err != nil {
			return err
		}
	}
	return nil
}

// ordered puts groups in the guest book's order of options, then any
// other value, then the empty one last.
func ordered(counts []store.Count, order []string) []store.Count {
	var out, rest []store.Count
	var empty *store.Count
	by := map[string]store.Count{}
	for _, c := range counts {
		by[c.Key] = c
	}
	for _, o := range order {
		if c, ok := by[o]; ok {
			out = append(out, c)
			delete(by, o)
		}
	}
	for _, c := range counts {
		if _, ok := by[c.Key]; !ok {
			continue
		}
		if c.Key == "" {
			e := c
			empty = &e
			continue
		}
		rest = append(rest, c)
	}
	out = append(out, rest...)
	if empty != nil {
		out = append(out, *empty)
	}
	return out
}

// blankName spells an empty guest-book field.
func blankName(s string) string {
	if s == "" {
		return "(belum diisi)"
	}
	return s
}
