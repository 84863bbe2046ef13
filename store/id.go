package store

import (
	"crypto/rand"
	"io"
	"sync"
	"time"
)

// crockford is the ULID alphabet.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// idSource makes ULIDs: 48 bits of milliseconds then 80 random bits, in
// Crockford base32, so ids sort by creation time and stay unique across
// counters that are merged later. The entropy is injectable so the demo
// generator is reproducible.
type idSource struct {
	mu      sync.Mutex
	entropy io.Reader
}

func newIDSource(r io.Reader) *idSource {
	if r == nil {
		r = rand.Reader
	}
	return &idSource{entropy: r}
}

func (g *idSource) next(t time.Time) string {
	var b [16]byte
	ms := uint64(t.UnixMilli())
	for i := 5; i >= 0; i-- {
		b[i] = byte(ms)
		ms >>= 8
	}
	g.mu.Lock()
	_, err := io.ReadFull(g.entropy, b[6:])
	g.mu.Unlock()
	if err != nil {
		panic("store: id entropy: " + err.Error()) // crypto/rand does not fail
	}
	return encodeULID(b)
}

func encodeULID(b [16]byte) string {
	// 128 bits → 26 characters; the first carries the top 3 bits.
	var out [26]byte
	var acc uint64
	bits := 0
	pos := 25
	for i := 15; i >= 0; i-- {
		acc |= uint64(b[i]) << bits
		bits += 8
		for bits >= 5 && pos >= 0 {
			out[pos] = crockford[acc&31]
			acc >>= 5
			bits -= 5
			pos--
		}
	}
	if pos >= 0 {
		out[pos] = crockford[acc&31]
	}
	return string(out[:])
}

func (s *Store) newID() string { return s.ids.next(s.now()) }
