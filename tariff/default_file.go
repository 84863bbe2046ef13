package tariff

// DefaultFile returns the bytes of the embedded default schedule file, so
// the store can keep it as a schedule row (schema 2): a quote can then be
// re-priced from what is in the database alone. Each call returns a copy.
func DefaultFile() []byte {
	return append([]byte(nil), defaultFile...)
}
