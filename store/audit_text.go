package store

import (
	"database/sql"
	"strings"
)

// Free text (a visit's purpose, a cancel, suspend or void reason, a
// note) lives in its record only. Its audit row names the record (entity and
// entity_id) and the field and never copies the text, so an erasure scrubs
// the text in one place and the append-only trail never holds it (schema 2).

// textChange records that a free-text field changed, without its values.
func (a *auditor) textChange(field, old, new string) {
	if old == new {
		return
	}
	a.insert("ubah", field, sql.NullString{}, sql.NullString{}, false)
}

// textEvent records an action whose free text is in field of the record;
// ref is an optional non-personal reference such as a kuitansi number.
func (a *auditor) textEvent(action, field, ref string) {
	a.insert(action, field, sql.NullString{}, sql.NullString{String: ref, Valid: ref != ""}, false)
}

// personalChanges records, in one row, that the listed personal fields
// changed (comma-separated in field), never their values: a guest book
// saved for a new visitor changes a dozen fields at once, and one row
// instead of twelve is most of a visit's audit bytes (schema 2).
func (a *auditor) personalChanges(fields []string) {
	if len(fields) == 0 {
		return
	}
	a.insert("ubah", strings.Join(fields, ","), sql.NullString{}, sql.NullString{}, true)
}
