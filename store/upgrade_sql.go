package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
)

// splitSQL splits a migration script into statements, so Upgrade can
// report progress between them. A statement ends at a line ending in ';'
// outside a trigger body; a trigger ends at its END;. Comment lines are
// dropped.
func splitSQL(script string) []string {
	var out []string
	var cur strings.Builder
	inTrigger := false
	for _, line := range strings.Split(script, "\n") {
		t := strings.TrimSpace(line)
		if cur.Len() == 0 && (t == "" || strings.HasPrefix(t, "--")) {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasPrefix(strings.ToUpper(t), "CREATE TRIGGER") {
			inTrigger = true
		}
		upper := strings.ToUpper(t)
		if inTrigger && !strings.HasSuffix(upper, "END;") {
			continue
		}
		if strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
			inTrigger = false
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}

var sqlVerb = regexp.MustCompile(`(?is)^(CREATE TABLE|CREATE INDEX|CREATE TRIGGER|INSERT INTO|UPDATE|DELETE FROM|DROP TABLE|DROP INDEX|ALTER TABLE)\s+(\w+)`)

// describeSQL says in Indonesian what a migration statement does, for the
// progress line.
func describeSQL(st string) string {
	m := sqlVerb.FindStringSubmatch(st)
	if m == nil {
		return "langkah migrasi"
	}
	name := strings.TrimSuffix(m[2], "_v2")
	switch strings.ToUpper(m[1]) {
	case "CREATE TABLE":
		return "membuat tabel " + name
	case "CREATE INDEX":
		return "membuat indeks " + name
	case "CREATE TRIGGER":
		return "membuat pemicu " + name
	case "INSERT INTO":
		return "menyalin data ke tabel " + name
	case "UPDATE":
		return "mengisi tabel " + name
	case "DELETE FROM":
		return "membersihkan " + name
	case "DROP TABLE":
		return "menghapus tabel lama " + name
	case "DROP INDEX":
		return "menghapus indeks tak terpakai " + name
	default:
		return "mengubah tabel " + name
	}
}

// VerifySchema reports the schema version of the database at path and
// fails unless its tables, indexes and triggers are, text for text, what
// this binary's migrations 1…version make (applied to an in-memory
// database): an upgrade stopped half-way, or a hand-edited schema, shows
// as a difference. It opens the file read-only.
func VerifySchema(ctx context.Context, path string) (int, error) {
	db, err := openReadOnly(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	version, err := identify(ctx, db, path)
	if err != nil {
		return version, err
	}
	if version > SchemaVersion {
		return version, &TooNewError{Database: version, Binary: SchemaVersion}
	}
	ms, err := migrations()
	if err != nil {
		return version, err
	}
	mem, err := sql.Open("sqlite", "file::memory:?_pragma=foreign_keys(0)")
	if err != nil {
		return version, err
	}
	defer mem.Close()
	mem.SetMaxOpenConns(1)
	for i := 0; i < version; i++ {
		if _, err := mem.ExecContext(ctx, ms[i]); err != nil {
			return version, fmt.Errorf("store: migrasi %d di memori: %w", i+1, err)
		}
	}
	want, err := schemaText(ctx, mem)
	if err != nil {
		return version, err
	}
	got, err := schemaText(ctx, db)
	if err != nil {
		return version, err
	}
	for name, w := range want {
		if g, ok := got[name]; !ok {
			return version, fmt.Errorf("skema versi %d tidak utuh: %s tidak ada", version, name)
		} else if g != w {
			return version, fmt.Errorf("skema versi %d tidak utuh: %s berbeda dari yang dibuat migrasi", version, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			return version, fmt.Errorf("skema versi %d tidak utuh: %s tidak dikenal", version, name)
		}
	}
	return version, nil
}

// schemaText maps "type name" to the normalised SQL of every table, index
// and trigger (SQLite's own sqlite_* objects left out).
func schemaText(ctx context.Context, db *sql.DB) (map[string]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT type, name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var typ, name, text string
		if err := rows.Scan(&typ, &name, &text); err != nil {
			return nil, err
		}
		out[typ+" "+name] = strings.Join(strings.Fields(text), " ")
	}
	return out, rows.Err()
}
