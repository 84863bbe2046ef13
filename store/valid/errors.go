package valid

import (
	"fmt"
	"strings"
)

// Errors is every field refused by one save, in the form's field order,
// so a screen can mark them all at once instead of one per save. errors.As
// finds the first *Error in it (Unwrap), so a caller that shows one
// refusal keeps working.
type Errors []*Error

// Error is every refusal, "Field: what is expected", joined by "; ".
func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Summary is the one line a screen shows above a form whose fields carry
// their own messages: how many are wrong, and where to look.
func (es Errors) Summary() string {
	if len(es) == 1 {
		return es[0].Error()
	}
	return fmt.Sprintf("%d isian belum benar, ditandai ✗ di samping isiannya; yang pertama sudah dipilih.", len(es))
}

// Unwrap gives the single refusals to errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Add appends err when it is a field refusal and reports whether it was
// one; any other error is left to the caller.
func (es *Errors) Add(err error) bool {
	if e, ok := err.(*Error); ok {
		*es = append(*es, e)
		return true
	}
	return false
}

// Err is nil for no refusal, the refusal itself for one, and the list for
// more: a single mistake reads as it always did.
func (es Errors) Err() error {
	switch len(es) {
	case 0:
		return nil
	case 1:
		return es[0]
	}
	return es
}
