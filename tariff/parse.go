package tariff

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The schedule file format (UTF-8, one statement per line):
//
//	# a comment: a line whose first non-blank character is '#'
//	nama: PP No. 13 Tahun 2024
//	dasar: Peraturan Pemerintah Nomor 13 Tahun 2024 tentang ...
//	berlaku: 2024-01-01
//	catatan: a note shown with the schedule (repeatable)
//	item: CODE | kind | name | measure | first qty | first Rp | next qty | next Rp
//	tanpa_tarif: CODE | kind | name
//	nol.kategori: Pemerintah Daerah          (repeatable)
//	nol.kecuali_pemanfaatan: Komersial       (repeatable)
//	nol.surat: ya                            (ya or tidak)
//	nol.dasar: legal basis of the Rp0 facility
//
// Numbers are whole and may group thousands with dots (1.000.000); a price
// may start with "Rp". A '#' after other text is part of that text, so a
// trailing comment on an item line is refused as a bad number rather than
// silently dropped.
//
// Bounds (money.go): a price is at most MaxUnitRp (Rp1.000.000.000); a block
// size ("jumlah pertama", "jumlah berikutnya") at most the largest quantity
// a request may ask for in that measure (maxQty: 100.000 halaman,
// 1.000.000.000.000 byte, 10.000 peta); a file at most MaxFileBytes (1 MB)
// and MaxItems (1.000) items. The file is read through a limit, so an
// oversized one is refused after 1 MB, not after reading all of it.

// maxLineBytes bounds a line so a corrupt file cannot make Parse hold an
// unbounded buffer.
const maxLineBytes = 4096

// ParseError is a schedule file refused by Parse, worded for the officer.
type ParseError struct {
	Line int    // 1-based line number; 0 when the problem is the file as a whole
	Msg  string // Indonesian
}

// Error returns "baris N: problem", or "berkas tarif: problem" when the
// problem is something missing from the whole file.
func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("baris %d: %s", e.Line, e.Msg)
	}
	return "berkas tarif: " + e.Msg
}

// Parse reads a schedule file. It refuses the whole file at its first
// problem, with a *ParseError naming the line and the problem in Indonesian:
// a schedule that is half right must never be used to take money.
//
// At most MaxFileBytes+1 bytes are read from r: a larger file is refused at
// the line where it passes 1 MB, however large it is.
func Parse(r io.Reader) (*Schedule, error) {
	p := parser{s: &Schedule{}, seen: map[string]int{}}
	lr := &countingReader{r: io.LimitReader(r, MaxFileBytes+1)}
	sc := bufio.NewScanner(lr)
	sc.Buffer(make([]byte, 0, 512), maxLineBytes)
	n, consumed := 0, int64(0)
	for sc.Scan() {
		n++
		// consumed counts a newline after every line; only a file longer
		// than the limit (lr.n past it) can make both exceed it.
		if consumed += int64(len(sc.Bytes())) + 1; consumed > MaxFileBytes && lr.n > MaxFileBytes {
			return nil, &ParseError{n, fmt.Sprintf("berkas tarif lebih dari %s byte (1 MB); jadwal tarif yang sah jauh lebih kecil", groupDigits(MaxFileBytes))}
		}
		if err := p.line(n, sc.Text()); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &ParseError{n + 1, fmt.Sprintf("baris terlalu panjang (lebih dari %s byte)", groupDigits(maxLineBytes))}
		}
		return nil, fmt.Errorf("berkas tarif tidak terbaca: %w", err)
	}
	return p.finish()
}

func parseBytes(b []byte) (*Schedule, error) { return Parse(bytes.NewReader(b)) }

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	k, err := c.r.Read(b)
	c.n += int64(k)
	return k, err
}

// parser holds the state of one Parse call.
type parser struct {
	s    *Schedule
	seen map[string]int // single-valued key, item code or Rp0 entry → line it was first written on
	// zeroLine is the first line of any nol.* key, for the file-level checks
	// of the Rp0 rule; letterSet records that nol.surat was written.
	zeroLine  int
	letterSet bool
}

var codeRE = regexp.MustCompile(`^[A-Z0-9]+(-[A-Z0-9]+)*$`)

func (p *parser) line(n int, text string) error {
	fail := func(format string, a ...any) error {
		return &ParseError{n, fmt.Sprintf(format, a...)}
	}
	if n == 1 {
		text = strings.TrimPrefix(text, "\uFEFF") // a byte-order mark left by Windows Notepad
	}
	if !utf8.ValidString(text) {
		return fail("teks bukan UTF-8 yang sah")
	}
	for _, r := range text {
		if unicode.IsControl(r) && r != '\t' {
			return fail("baris berisi karakter kendali %U", r)
		}
	}
	text = strings.TrimSpace(text)
	if text == "" || text[0] == '#' {
		return nil
	}
	key, value, ok := strings.Cut(text, ":")
	if !ok {
		return fail(`baris harus berbentuk "kunci: isi", tertulis %q`, text)
	}
	key = strings.ToLower(strings.TrimSpace(key))
	value = strings.TrimSpace(value)
	if !knownKeys[key] {
		return fail("kunci %q tidak dikenal", key)
	}
	if value == "" {
		return fail("isi %q kosong", key)
	}
	if singleKeys[key] {
		if first, dup := p.seen["key:"+key]; dup {
			return fail("%q sudah ditulis di baris %d", key, first)
		}
		p.seen["key:"+key] = n
	}
	if strings.HasPrefix(key, "nol.") && p.zeroLine == 0 {
		p.zeroLine = n
	}

	switch key {
	case "nama":
		p.s.Name = value
	case "dasar":
		p.s.Basis = value
	case "berlaku":
		d, err := time.Parse("2006-01-02", value)
		if err != nil {
			return fail("tanggal berlaku harus berbentuk TTTT-BB-HH dan ada di kalender, tertulis %q", value)
		}
		p.s.Effective = d
	case "catatan":
		p.s.Notes = append(p.s.Notes, value)
	case "item", "tanpa_tarif":
		it, msg := parseItem(key, value)
		if msg != "" {
			return fail("%s", msg)
		}
		if first, dup := p.seen["code:"+it.Code]; dup {
			return fail("kode %q sudah dipakai di baris %d", it.Code, first)
		}
		p.seen["code:"+it.Code] = n
		if len(p.s.Items) == MaxItems {
			return fail("lebih dari %s item tarif; jadwal tarif yang sah jauh lebih sedikit", groupDigits(MaxItems))
		}
		p.s.Items = append(p.s.Items, it)
	case "nol.kategori", "nol.kecuali_pemanfaatan":
		v := normalize(value)
		id := key + ":" + strings.ToLower(v)
		if first, dup := p.seen[id]; dup {
			return fail("%q sudah ditulis di baris %d", v, first)
		}
		p.seen[id] = n
		if key == "nol.kategori" {
			p.s.Zero.Categories = append(p.s.Zero.Categories, v)
		} else {
			p.s.Zero.ExcludedUses = append(p.s.Zero.ExcludedUses, v)
		}
	case "nol.surat":
		switch strings.ToLower(value) {
		case "ya":
			p.s.Zero.NeedsLetter = true
		case "tidak":
			p.s.Zero.NeedsLetter = false
		default:
			return fail(`"nol.surat" harus ya atau tidak, tertulis %q`, value)
		}
		p.letterSet = true
	case "nol.dasar":
		p.s.Zero.Basis = value
	}
	return nil
}

// knownKeys are the keys a schedule file may use; singleKeys may appear once.
var (
	knownKeys = map[string]bool{
		"nama": true, "dasar": true, "berlaku": true, "catatan": true,
		"item": true, "tanpa_tarif": true,
		"nol.kategori": true, "nol.kecuali_pemanfaatan": true, "nol.surat": true, "nol.dasar": true,
	}
	singleKeys = map[string]bool{"nama": true, "dasar": true, "berlaku": true, "nol.surat": true, "nol.dasar": true}
)

// parseItem reads the value of an "item" or "tanpa_tarif" line. It returns
// the problem in Indonesian, or "".
func parseItem(key, value string) (Item, string) {
	f := strings.Split(value, "|")
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	want := 8
	layout := "KODE | jenis | nama | satuan | jumlah pertama | harga pertama | jumlah berikutnya | harga berikutnya"
	if key == "tanpa_tarif" {
		want, layout = 3, "KODE | jenis | nama"
	}
	if len(f) != want {
		return Item{}, fmt.Sprintf("%q harus berisi %d kolom dipisah \"|\" (%s), tertulis %d", key, want, layout, len(f))
	}
	it := Item{Code: f[0], Kind: Kind(f[1]), Name: normalize(f[2])}
	if !codeRE.MatchString(it.Code) || len(it.Code) > 32 {
		return it, fmt.Sprintf("kode %q tidak sah: hanya huruf besar, angka dan tanda hubung, paling panjang 32", it.Code)
	}
	measure, ok := measureOf[it.Kind]
	if !ok {
		return it, fmt.Sprintf("jenis %q tidak dikenal: pilih publikasi, data_mikro atau peta", f[1])
	}
	if it.Name == "" {
		return it, fmt.Sprintf("nama produk %s kosong", it.Code)
	}
	if key == "tanpa_tarif" {
		return it, ""
	}
	it.Charged = true
	it.Measure = f[3]
	switch it.Measure {
	case MeasurePages, MeasureBytes, MeasureMaps:
	default:
		return it, fmt.Sprintf("satuan %q tidak dikenal: pilih halaman, byte atau peta", f[3])
	}
	if it.Measure != measure {
		return it, fmt.Sprintf("jenis %s harus bersatuan %s, tertulis %q", it.Kind, measure, it.Measure)
	}
	nums := []struct {
		dst   *int64
		text  string
		price bool
	}{{&it.BaseQty, f[4], false}, {&it.BaseRp, f[5], true}, {&it.StepQty, f[6], false}, {&it.StepRp, f[7], true}}
	for _, n := range nums {
		v, msg := parseNumber(n.text, n.price, measure)
		if msg != "" {
			return it, msg
		}
		*n.dst = v
	}
	if it.BaseQty <= 0 {
		return it, "jumlah pertama harus lebih dari 0"
	}
	if it.StepQty == 0 && (it.BaseQty != 1 || it.StepRp != 0) {
		return it, "harga per satuan (jumlah berikutnya 0) harus berjumlah pertama 1 dan berharga berikutnya 0"
	}
	return it, ""
}

// parseNumber reads a whole number, digits optionally grouped in threes by
// dots ("1.000.000"); a price may carry an "Rp" prefix. Decimal commas, loose
// dots ("50.00") and leading zeros are refused: in a tariff they are typos.
// A price is bounded by MaxUnitRp, a quantity by maxQty of the measure.
func parseNumber(text string, price bool, measure string) (int64, string) {
	bad := func() (int64, string) {
		if price {
			return 0, fmt.Sprintf("harga harus bilangan bulat rupiah, tertulis %q", text)
		}
		return 0, fmt.Sprintf("jumlah harus bilangan bulat, tertulis %q", text)
	}
	s := text
	if price && len(s) >= 2 && strings.EqualFold(s[:2], "rp") {
		s = strings.TrimSpace(s[2:])
	}
	groups := strings.Split(s, ".")
	for i, g := range groups {
		if g == "" || strings.Trim(g, "0123456789") != "" {
			return bad()
		}
		if (i == 0 && len(groups) > 1 && len(g) > 3) || (i > 0 && len(g) != 3) {
			return bad()
		}
	}
	digits := strings.Join(groups, "")
	if len(digits) > 1 && digits[0] == '0' {
		return bad()
	}
	limit := maxQty[measure]
	if price {
		limit = MaxUnitRp
	}
	if len(digits) > 13 {
		return tooBig(text, price, measure, limit)
	}
	var v int64
	for _, c := range digits {
		v = v*10 + int64(c-'0')
	}
	if v > limit {
		return tooBig(text, price, measure, limit)
	}
	return v, ""
}

func tooBig(text string, price bool, measure string, limit int64) (int64, string) {
	if price {
		return 0, fmt.Sprintf("harga terlalu besar (paling banyak %s), tertulis %q", Rupiah(limit), text)
	}
	return 0, fmt.Sprintf("jumlah terlalu besar (paling banyak %s %s, jumlah terbesar satu permintaan), tertulis %q", groupDigits(limit), measure, text)
}

// finish checks what only the whole file can show.
func (p *parser) finish() (*Schedule, error) {
	fail := func(line int, msg string) (*Schedule, error) { return nil, &ParseError{line, msg} }
	s := p.s
	switch {
	case s.Name == "":
		return fail(0, `belum ada baris "nama:" (nama singkat jadwal tarif)`)
	case s.Basis == "":
		return fail(0, `belum ada baris "dasar:" (dasar hukum)`)
	case s.Effective.IsZero():
		return fail(0, `belum ada baris "berlaku:" (tanggal berlaku, TTTT-BB-HH)`)
	case len(s.Items) == 0:
		return fail(0, `belum ada item tarif (baris "item:" atau "tanpa_tarif:")`)
	}
	if p.zeroLine > 0 {
		switch {
		case len(s.Zero.Categories) == 0:
			return fail(p.zeroLine, `aturan tarif nol rupiah tanpa baris "nol.kategori:"`)
		case s.Zero.Basis == "":
			return fail(p.zeroLine, `aturan tarif nol rupiah tanpa baris "nol.dasar:"`)
		case !p.letterSet:
			return fail(p.zeroLine, `aturan tarif nol rupiah tanpa baris "nol.surat:" (ya atau tidak)`)
		}
	}
	return s, nil
}

// normalize trims and collapses runs of blanks, so that categories and uses
// typed with stray spaces still match.
func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }
