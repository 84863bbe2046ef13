package chain

import "crypto/sha256"

// Seal is a short digest of a record's fields that an audit row carries,
// so that the chain covers a record whose every change is not a row of its
// own: a visit's sixteen step rows are sealed in one row when the visit is
// closed (store/steps_seal.go), instead of one row per step. Each part is
// length-prefixed, so no two different lists of parts seal alike; the
// result is 20 Crockford base32 characters (100 bits), as a Kode
// integritas carries.
func Seal(parts ...string) string {
	h := sha256.New()
	h.Write([]byte("loket seal v1\x00"))
	for _, p := range parts {
		writeOpt(h, &p)
	}
	var sum Hash
	h.Sum(sum[:0])
	return base32Prefix(sum[:], headChars)
}
