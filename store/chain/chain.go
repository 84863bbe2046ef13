// Package chain is the pure part of the audit trail's hash chain (issue
// 13): the canonical encoding of an audit row, SHA-256 chaining per origin,
// and the `Kode integritas` printed on the day's workbook that anchors a
// prefix of the chain off the PC.
//
// The store wires it to the schema (migration 0003's audit.hash column,
// store/audit_chain.go and store/check_chain.go). It imports only the
// standard library.
//
// What a chain proves: it holds no secret, so whoever edits rows and
// recomputes every later hash, or cuts the tail, passes a check that sees
// only the file. The proof is the anchor: a code kept outside the PC (the
// Kasubbag Umum's workbooks) that names a row and the chain head there;
// VerifyCode then shows that the prefix up to that row is unchanged.
package chain

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// Hash is a row's SHA-256 chain hash.
type Hash [sha256.Size]byte

// Genesis is the previous hash of an origin's first row.
var Genesis Hash

// Row is the canonical content of one audit row. At is the stored text
// (RFC 3339 UTC), not a parsed time, so that the hash never depends on how
// a time is formatted again. Values is ValuesHash(old, new): the values
// themselves can be scrubbed (erasure) without breaking the chain.
type Row struct {
	Origin   string // the counter that wrote the row, e.g. "1906/A"
	Seq      int64  // 1, 2, 3… within the origin
	At       string
	Officer  string
	Entity   string
	EntityID string
	Action   string
	Field    string
	Values   Hash
}

// domain separates these hashes from any other SHA-256 use, and versions
// the encoding.
const domain = "loket audit v1\x00"

// ValuesHash hashes a row's old and new values; nil is NULL, distinct from
// the empty string.
func ValuesHash(old, new *string) Hash {
	h := sha256.New()
	h.Write([]byte("loket values v1\x00"))
	for _, v := range []*string{old, new} {
		writeOpt(h, v)
	}
	var out Hash
	h.Sum(out[:0])
	return out
}

type writer interface{ Write([]byte) (int, error) }

// writeOpt writes a length-prefixed string (4-byte big-endian length), or
// the length 0xFFFFFFFF for NULL: no two different rows encode alike.
func writeOpt(w writer, s *string) {
	var n [4]byte
	if s == nil {
		binary.BigEndian.PutUint32(n[:], 0xFFFFFFFF)
		w.Write(n[:])
		return
	}
	binary.BigEndian.PutUint32(n[:], uint32(len(*s)))
	w.Write(n[:])
	w.Write([]byte(*s))
}

// Encode is the canonical byte encoding of a row after prev: the input of
// its hash.
func Encode(prev Hash, r Row) []byte {
	var b strings.Builder
	b.WriteString(domain)
	writeOpt(&b, &r.Origin)
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(r.Seq))
	b.Write(n[:])
	for _, s := range []string{r.At, r.Officer, r.Entity, r.EntityID, r.Action, r.Field} {
		writeOpt(&b, &s)
	}
	b.Write(r.Values[:])
	b.Write(prev[:])
	return []byte(b.String())
}

// Next is the hash of r following prev.
func Next(prev Hash, r Row) Hash { return sha256.Sum256(Encode(prev, r)) }

// Break is where a chain stops verifying, in Indonesian for the officer.
type Break struct {
	Origin string
	Seq    int64
	Msg    string
}

func (b *Break) Error() string {
	return fmt.Sprintf("jejak audit %s baris %d: %s", b.Origin, b.Seq, b.Msg)
}

// Verifier walks one origin's rows in order and recomputes each hash.
type Verifier struct {
	Origin string
	Head   Hash  // the hash of the last row added
	Seq    int64 // the last row's number
}

// NewVerifier starts at an origin's beginning.
func NewVerifier(origin string) *Verifier { return &Verifier{Origin: origin} }

// Add checks the next row and the hash stored with it: a row edited,
// deleted or inserted anywhere breaks the sequence or the hash.
func (v *Verifier) Add(r Row, stored Hash) error {
	switch {
	case r.Origin != v.Origin:
		return &Break{v.Origin, r.Seq, fmt.Sprintf("berasal dari %s, bukan rantai ini", r.Origin)}
	case r.Seq != v.Seq+1:
		return &Break{v.Origin, r.Seq, fmt.Sprintf("sesudah baris %d seharusnya baris %d: ada baris yang hilang atau disisipkan", v.Seq, v.Seq+1)}
	}
	h := Next(v.Head, r)
	if h != stored {
		return &Break{v.Origin, r.Seq, "isinya atau baris sebelumnya telah diubah (sidik tidak cocok)"}
	}
	v.Head, v.Seq = h, r.Seq
	return nil
}

// Code is a `Kode integritas`: an origin, a row number and the first 100
// bits of the chain head at that row, as 20 base32 characters.
type Code struct {
	Origin string
	Seq    int64
	Head   string // 20 characters of Crockford base32, upper case
}

// crockford is Crockford's base32 alphabet: no I, L, O or U, so a code read
// aloud or typed from paper is not misread.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// headChars is how many base32 characters of the head a code carries:
// 100 bits, beyond any search for a second row with the same prefix.
const headChars = 20

// NewCode makes the code of the row seq of origin whose hash is head.
func NewCode(origin string, seq int64, head Hash) Code {
	return Code{Origin: origin, Seq: seq, Head: base32Prefix(head[:], headChars)}
}

// base32Prefix encodes the first n*5 bits of b.
func base32Prefix(b []byte, n int) string {
	out := make([]byte, n)
	for i := range n {
		bit := i * 5
		// read 5 bits starting at bit, across byte boundaries
		v := uint16(b[bit/8]) << 8
		if bit/8+1 < len(b) {
			v |= uint16(b[bit/8+1])
		}
		out[i] = crockford[(v>>(11-bit%8))&31]
	}
	return string(out)
}

// String writes the code as ORIGIN-SEQ-XXXXX-XXXXX-XXXXX-XXXXX, e.g.
// 1906/A-1532-7K2QM-…; the groups of five are for reading from paper.
func (c Code) String() string {
	var g []string
	for i := 0; i < len(c.Head); i += 5 {
		g = append(g, c.Head[i:min(i+5, len(c.Head))])
	}
	return fmt.Sprintf("%s-%d-%s", c.Origin, c.Seq, strings.Join(g, "-"))
}

// Matches reports whether head is the chain head the code names.
func (c Code) Matches(head Hash) bool { return base32Prefix(head[:], headChars) == c.Head }

// CodeError is a code that cannot be read, in Indonesian.
type CodeError struct{ Msg string }

func (e *CodeError) Error() string { return "Kode integritas: " + e.Msg }

// ParseCode reads a code as String writes it, forgiving what paper does to
// it: lower case (counter codes are upper case), spaces, and I, L read as
// 1 and O as 0 in the head.
func ParseCode(s string) (Code, error) {
	s = strings.Join(strings.Fields(s), "")
	parts := strings.Split(s, "-")
	// From the right: the head's characters (in groups or not), then the
	// row number; what is left is the origin, which may hold a '-' itself.
	var head string
	i := len(parts) - 1
	for ; i >= 0 && len(head) < headChars; i-- {
		head = parts[i] + head
	}
	if len(head) != headChars || i < 1 {
		return Code{}, &CodeError{fmt.Sprintf("bentuknya ASAL-NOMOR-XXXXX-XXXXX-XXXXX-XXXXX (%d huruf/angka di akhir)", headChars)}
	}
	seq, err := strconv.ParseInt(parts[i], 10, 64)
	if err != nil || seq < 1 {
		return Code{}, &CodeError{fmt.Sprintf("nomor baris %q harus bilangan bulat lebih dari 0", parts[i])}
	}
	origin := strings.ToUpper(strings.Join(parts[:i], "-"))
	if origin == "" {
		return Code{}, &CodeError{"asal (kode loket) kosong"}
	}
	var b strings.Builder
	for _, r := range strings.ToUpper(head) {
		switch r {
		case 'I', 'L':
			r = '1'
		case 'O':
			r = '0'
		}
		if !strings.ContainsRune(crockford, r) {
			return Code{}, &CodeError{fmt.Sprintf("huruf %q tidak dipakai dalam kode", r)}
		}
		b.WriteRune(r)
	}
	return Code{Origin: origin, Seq: seq, Head: b.String()}, nil
}

// VerifyCode walks rows (one origin's, in order, with their stored hashes)
// up to the code's row and reports whether that prefix is unchanged: every
// hash recomputes and the head there is the one the code names. Rows after
// the code's are not read, so a day closed and anchored stays verifiable
// while the counter writes on.
func VerifyCode(c Code, rows func(yield func(Row, Hash) bool)) error {
	v := NewVerifier(c.Origin)
	var err error
	rows(func(r Row, stored Hash) bool {
		if err = v.Add(r, stored); err != nil {
			return false
		}
		return v.Seq < c.Seq
	})
	if err != nil {
		return err
	}
	if v.Seq < c.Seq {
		return &Break{c.Origin, v.Seq + 1, fmt.Sprintf("jejak berakhir di baris %d, padahal kode menyebut baris %d: baris terbaru telah dihapus", v.Seq, c.Seq)}
	}
	if !c.Matches(v.Head) {
		return &Break{c.Origin, c.Seq, "sidik rantai di baris ini tidak sama dengan kode integritas: jejak audit sampai baris ini telah diubah"}
	}
	return nil
}
