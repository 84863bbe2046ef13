package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"sync"
)

// schemaObject is one row of sqlite_schema that loket created: a table,
// index, trigger or view with the exact CREATE text SQLite keeps for it.
type schemaObject struct {
	Type, Name, Table, SQL string
}

// expectedSchemas caches, per schema version, what this binary's embedded
// migrations produce: applying them to an in-memory database takes a few
// milliseconds, but check, backup and restore may each ask.
var expectedSchemas struct {
	sync.Mutex
	byVersion map[int]map[string]schemaObject
}

// ExpectedSchema returns the tables, indexes and triggers that the first
// version migrations of this binary create, keyed by name, as SQLite
// stores them in sqlite_schema. It applies the migrations to a private
// in-memory database, so the text is SQLite's own and not a copy that could
// drift from the migration files.
func ExpectedSchema(ctx context.Context, version int) (map[string]schemaObject, error) {
	expectedSchemas.Lock()
	defer expectedSchemas.Unlock()
	if s, ok := expectedSchemas.byVersion[version]; ok {
		return s, nil
	}
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	if version < 1 || version > len(ms) {
		return nil, fmt.Errorf("store: tidak ada skema versi %d (program ini mengenal 1–%d)", version, len(ms))
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // every :memory: connection is a database of its own
	for i := 0; i < version; i++ {
		if _, err := db.ExecContext(ctx, ms[i]); err != nil {
			return nil, fmt.Errorf("store: migrasi %d di memori: %w", i+1, err)
		}
	}
	s, err := readSchema(ctx, db)
	if err != nil {
		return nil, err
	}
	if expectedSchemas.byVersion == nil {
		expectedSchemas.byVersion = map[int]map[string]schemaObject{}
	}
	expectedSchemas.byVersion[version] = s
	return s, nil
}

// readSchema lists the objects of q's main database that carry CREATE text.
// SQLite's own objects (sqlite_sequence, the automatic indexes of UNIQUE
// and PRIMARY KEY) are left out: they follow from the tables' text.
func readSchema(ctx context.Context, q querier) (map[string]schemaObject, error) {
	rows, err := q.QueryContext(ctx, `SELECT type, name, tbl_name, sql FROM sqlite_master
		WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[string]schemaObject{}
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.Type, &o.Name, &o.Table, &o.SQL); err != nil {
			return nil, mapErr(err)
		}
		out[o.Name] = o
	}
	return out, mapErr(rows.Err())
}

// schemaKinds names sqlite_schema's types in Indonesian.
var schemaKinds = map[string]string{"table": "tabel", "index": "indeks", "trigger": "pemicu", "view": "tampilan"}

// CheckSchema compares the schema of q (a loket database of the given
// version, read inside one transaction) with what this binary's migrations
// produce, text for text, and returns a finding in Indonesian for every
// table, index or trigger that is missing, added or different. A replaced
// audit trigger (one with WHEN 0, say) differs in its text and is named.
// It reads only; restore and backup can run it on the copy they verify.
func CheckSchema(ctx context.Context, q querier, version int) ([]Problem, error) {
	want, err := ExpectedSchema(ctx, version)
	if err != nil {
		return nil, err
	}
	got, err := readSchema(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []Problem
	add := func(format string, args ...any) {
		out = append(out, Problem{Area: "skema", Msg: fmt.Sprintf(format, args...)})
	}
	for _, name := range sortedNames(want) {
		w := want[name]
		g, ok := got[name]
		switch {
		case !ok:
			add("%s %s tidak ada, padahal dibuat oleh migrasi program ini", schemaKinds[w.Type], name)
		case g.Type != w.Type:
			add("%s diharapkan berupa %s, ternyata %s", name, schemaKinds[w.Type], schemaKinds[g.Type])
		case g.SQL != w.SQL:
			add("%s %s diubah: teksnya tidak sama dengan migrasi program ini (tertulis: %s)", schemaKinds[w.Type], name, oneLine(g.SQL, 160))
		}
	}
	for _, name := range sortedNames(got) {
		if _, ok := want[name]; !ok {
			g := got[name]
			add("%s %s ditambahkan di luar loket (%s)", schemaKinds[g.Type], name, oneLine(g.SQL, 160))
		}
	}
	return out, nil
}

func sortedNames(m map[string]schemaObject) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// oneLine squeezes SQL text onto one line of at most max runes, for a
// finding the officer can read.
func oneLine(s string, max int) string {
	var b []rune
	space := false
	for _, r := range s {
		if r == '\n' || r == '\t' || r == '\r' || r == ' ' {
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = append(b, r)
	}
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}

// schema runs CheckSchema inside Check.
func (c *checker) schema() {
	ps, err := CheckSchema(c.ctx, c.tx, c.r.Version)
	c.fail("skema", err)
	for _, p := range ps {
		c.add(p.Area, "%s", p.Msg)
	}
}
