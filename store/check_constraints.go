package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// Constraint is one CHECK constraint of a table, or a NOT NULL column
// (Expr "col IS NOT NULL"), as the binary's migrations declare it.
type Constraint struct {
	Table string
	Expr  string // the SQL expression, as written in the migration
}

// Constraints lists every CHECK constraint and NOT NULL column of the
// tables of schema version version, taken from the CREATE TABLE text the
// migrations produce (ExpectedSchema), never from the file being checked:
// a constraint someone removed from the file is still asked of its rows.
func Constraints(ctx context.Context, version int) ([]Constraint, error) {
	want, err := ExpectedSchema(ctx, version)
	if err != nil {
		return nil, err
	}
	var out []Constraint
	for _, name := range sortedNames(want) {
		o := want[name]
		if o.Type != "table" {
			continue
		}
		for _, e := range checkExprs(o.SQL) {
			out = append(out, Constraint{Table: o.Name, Expr: e})
		}
		for _, col := range notNullColumns(o.SQL) {
			out = append(out, Constraint{Table: o.Name, Expr: quoteIdent(col) + " IS NOT NULL"})
		}
	}
	return out, nil
}

// CheckConstraints re-evaluates every constraint of Constraints as a query
// on q and returns a finding for each row that breaks one (at most max per
// constraint). It is needed because check opens the file read-only, and
// SQLite's integrity_check on a read-only connection does not evaluate
// CHECK constraints: a status byte flipped with a hex editor passes it.
// It changes nothing, so restore and backup can run it on the copy they
// verify, in the same read transaction as their other checks.
func CheckConstraints(ctx context.Context, q querier, version, max int) ([]Problem, error) {
	return checkConstraints(ctx, q, version, max, nil)
}

// checkConstraints is CheckConstraints; with visit set, a row of a visit
// (the visit itself, or a row with visit_id) is also named the way the
// officer knows the visit: queue number and date.
func checkConstraints(ctx context.Context, q querier, version, max int, visit func(id string) string) ([]Problem, error) {
	cs, err := Constraints(ctx, version)
	if err != nil {
		return nil, err
	}
	byTable := map[string][]Constraint{}
	var tables []string
	for _, c := range cs {
		if byTable[c.Table] == nil {
			tables = append(tables, c.Table)
		}
		byTable[c.Table] = append(byTable[c.Table], c)
	}
	var out []Problem
	for _, table := range tables {
		found, err := tableViolations(ctx, q, table, byTable[table], max, visit)
		out = append(out, found...)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// tableViolations reads a table once, for all its constraints: a row
// breaks a constraint when its expression is false (NULL passes, as in
// SQLite's own CHECK).
func tableViolations(ctx context.Context, q querier, table string, cs []Constraint, max int, visit func(string) string) ([]Problem, error) {
	key, err := primaryKey(ctx, q, table)
	if err != nil {
		return nil, err
	}
	visitCol := "''"
	if table == "visits" {
		visitCol = "id"
	} else {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info(?) WHERE name = 'visit_id'`, table).Scan(&n); err != nil {
			return nil, mapErr(err)
		}
		if n > 0 {
			visitCol = "visit_id"
		}
	}
	keyCols := make([]string, len(key))
	for i, k := range key {
		keyCols[i] = "quote(" + quoteIdent(k) + ")"
	}
	sel := []string{strings.Join(keyCols, " || ', ' || "), "coalesce(" + visitCol + ", '')"}
	where := make([]string, len(cs))
	for i, c := range cs {
		sel = append(sel, "coalesce(NOT ("+c.Expr+"), 0)")
		where[i] = "NOT (" + c.Expr + ")"
	}
	rows, err := q.QueryContext(ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE %s LIMIT %d`,
		strings.Join(sel, ", "), quoteIdent(table), strings.Join(where, " OR "), max))
	if err != nil {
		return nil, fmt.Errorf("store: periksa aturan tabel %s: %w", table, mapErr(err))
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		var id, visitID string
		broken := make([]bool, len(cs))
		dest := []any{&id, &visitID}
		for i := range broken {
			dest = append(dest, &broken[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return out, mapErr(err)
		}
		of := ""
		if visit != nil && visitID != "" {
			of = " (" + visit(visitID) + ")"
		}
		for i, b := range broken {
			if b {
				out = append(out, Problem{Area: "aturan tabel", Msg: fmt.Sprintf("tabel %s, baris %s = %s%s, melanggar aturan %s",
					table, strings.Join(key, ", "), id, of, oneLine(cs[i].Expr, 200))})
			}
		}
	}
	return out, mapErr(rows.Err())
}

// primaryKey names a table's key columns, or rowid when it has none
// declared (every rowid table has one).
func primaryKey(ctx context.Context, q querier, table string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0`, table)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	type col struct {
		name string
		pk   int
	}
	var cols []col
	for rows.Next() {
		var c col
		if err := rows.Scan(&c.name, &c.pk); err != nil {
			return nil, mapErr(err)
		}
		cols = append(cols, c)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	sort.Slice(cols, func(i, j int) bool { return cols[i].pk < cols[j].pk })
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.name
	}
	if len(out) == 0 {
		out = []string{"rowid"}
	}
	return out, nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// sqlToken is a piece of CREATE TABLE text: a word, a punctuation mark, a
// string or quoted name (kept whole with its quotes). Comments and spaces
// are dropped; start and end locate it in the text.
type sqlToken struct {
	text       string
	start, end int
}

// tokens splits SQL text into tokens, skipping comments.
func tokens(s string) []sqlToken {
	var out []sqlToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			j := strings.Index(s[i+2:], "*/")
			if j < 0 {
				i = len(s)
			} else {
				i += j + 4
			}
		case c == '\'' || c == '"' || c == '`' || c == '[':
			closer := c
			if c == '[' {
				closer = ']'
			}
			j := i + 1
			for j < len(s) {
				if s[j] == closer {
					if closer != ']' && j+1 < len(s) && s[j+1] == closer { // doubled quote
						j += 2
						continue
					}
					break
				}
				j++
			}
			end := min(j+1, len(s))
			out = append(out, sqlToken{s[i:end], i, end})
			i = end
		case isWordByte(c):
			j := i
			for j < len(s) && isWordByte(s[j]) {
				j++
			}
			out = append(out, sqlToken{s[i:j], i, j})
			i = j
		default:
			out = append(out, sqlToken{s[i : i+1], i, i + 1})
			i++
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// checkExprs returns the expression of every CHECK (…) in a CREATE TABLE
// statement, column constraints and table constraints alike, as written.
func checkExprs(create string) []string {
	ts := tokens(create)
	var out []string
	for i := 0; i+1 < len(ts); i++ {
		if !strings.EqualFold(ts[i].text, "CHECK") || ts[i+1].text != "(" {
			continue
		}
		depth := 0
		for j := i + 1; j < len(ts); j++ {
			switch ts[j].text {
			case "(":
				depth++
			case ")":
				depth--
			}
			if depth == 0 {
				out = append(out, strings.TrimSpace(create[ts[i+1].end:ts[j].start]))
				i = j
				break
			}
		}
	}
	return out
}

// notNullColumns names the columns declared NOT NULL in a CREATE TABLE
// statement: the first word of each top-level definition that is not a
// table constraint, when NOT NULL follows it at the same depth.
func notNullColumns(create string) []string {
	ts := tokens(create)
	open := -1
	for i, t := range ts {
		if t.text == "(" {
			open = i
			break
		}
	}
	if open < 0 {
		return nil
	}
	var out []string
	var def []string // the current definition's top-level tokens
	depth := 0
	flush := func() {
		if len(def) == 0 {
			return
		}
		switch strings.ToUpper(def[0]) {
		case "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN":
		default:
			for k := 1; k+1 < len(def); k++ {
				if strings.EqualFold(def[k], "NOT") && strings.EqualFold(def[k+1], "NULL") {
					out = append(out, strings.Trim(def[0], "\"`[]"))
					break
				}
			}
		}
		def = def[:0]
	}
	for _, t := range ts[open+1:] {
		switch {
		case t.text == "(":
			depth++
		case t.text == ")" && depth == 0:
			flush()
			return out
		case t.text == ")":
			depth--
		case t.text == "," && depth == 0:
			flush()
		case depth == 0:
			def = append(def, t.text)
		}
	}
	return out
}

// constraints runs CheckConstraints inside Check.
func (c *checker) constraints() {
	ps, err := checkConstraints(c.ctx, c.tx, c.r.Version, maxProblems, c.visit)
	c.fail("aturan tabel", err)
	for _, p := range ps {
		c.add(p.Area, "%s", p.Msg)
	}
}

var _ querier = (*sql.Tx)(nil)
