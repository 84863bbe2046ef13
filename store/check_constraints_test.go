package store

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// The constraint list is read from the migrations' CREATE TABLE text; it
// must hold every CHECK and every NOT NULL the migration files declare,
// counted here independently, straight from the files, table by table: a
// table a later migration rebuilds (CREATE t_v2, DROP t, RENAME t_v2 TO t)
// counts with its new text only, and ALTER TABLE … ADD COLUMN adds to its
// table.
func TestConstraintsCoverEverySchemaRule(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	comment := regexp.MustCompile(`--[^\n]*`)
	checkRe := regexp.MustCompile(`\bCHECK\s*\(`)
	notNullRe := regexp.MustCompile(`\bNOT\s+NULL\b`)
	isNotNullRe := regexp.MustCompile(`\bIS\s+NOT\s+NULL\b`) // inside a CHECK
	createRe := regexp.MustCompile(`^CREATE\s+TABLE\s+(\w+)`)
	dropRe := regexp.MustCompile(`^DROP\s+TABLE\s+(\w+)`)
	renameRe := regexp.MustCompile(`^ALTER\s+TABLE\s+(\w+)\s+RENAME\s+TO\s+(\w+)`)
	addRe := regexp.MustCompile(`^ALTER\s+TABLE\s+(\w+)\s+ADD\s+COLUMN\b`)
	type count struct{ checks, notNulls int }
	tables := map[string]count{}
	for _, m := range ms {
		for _, st := range splitSQL(m) {
			st = strings.TrimSpace(strings.ToUpper(comment.ReplaceAllString(st, "")))
			n := count{len(checkRe.FindAllString(st, -1)),
				len(notNullRe.FindAllString(st, -1)) - len(isNotNullRe.FindAllString(st, -1))}
			switch {
			case createRe.MatchString(st):
				tables[createRe.FindStringSubmatch(st)[1]] = n
			case dropRe.MatchString(st):
				delete(tables, dropRe.FindStringSubmatch(st)[1])
			case renameRe.MatchString(st):
				r := renameRe.FindStringSubmatch(st)
				tables[r[2]] = tables[r[1]]
				delete(tables, r[1])
			case addRe.MatchString(st):
				name := addRe.FindStringSubmatch(st)[1]
				c := tables[name]
				tables[name] = count{c.checks + n.checks, c.notNulls + n.notNulls}
			}
		}
	}
	var checks, notNulls int
	for _, c := range tables {
		checks += c.checks
		notNulls += c.notNulls
	}
	cs, err := Constraints(context.Background(), SchemaVersion)
	if err != nil {
		t.Fatal(err)
	}
	var gotChecks, gotNotNulls int
	for _, c := range cs {
		if strings.HasSuffix(c.Expr, " IS NOT NULL") && strings.HasPrefix(c.Expr, `"`) {
			gotNotNulls++
		} else {
			gotChecks++
		}
	}
	if checks == 0 || gotChecks != checks || gotNotNulls != notNulls {
		t.Errorf("constraints: %d CHECK and %d NOT NULL, the migrations declare %d and %d:\n%v",
			gotChecks, gotNotNulls, checks, notNulls, cs)
	}
}

// Every listed constraint runs as a query on a fresh database and finds
// nothing there; one broken row of each kind is found and named.
func TestCheckConstraintsFindsBrokenRows(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepFinish)
	ps, err := CheckConstraints(f.ctx, testDB(f.s), SchemaVersion, 10)
	if err != nil || len(ps) != 0 {
		t.Fatalf("sound database: %v %v", ps, err)
	}
	db := rawDB(t, f.s.Path())
	conn, err := db.Conn(f.ctx)
	f.must(err)
	defer conn.Close()
	for _, s := range []string{`PRAGMA ignore_check_constraints = ON`,
		`UPDATE visit_steps SET step = 17 WHERE step = 16`,
		`UPDATE items SET kind = 'buku'`,
		`UPDATE meta SET value = value`} {
		if _, err := conn.ExecContext(f.ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	ps, err = CheckConstraints(f.ctx, conn, SchemaVersion, 10)
	f.must(err)
	var got []string
	for _, p := range ps {
		got = append(got, p.Msg)
	}
	text := strings.Join(got, "\n")
	for _, want := range []string{"tabel visit_steps, baris visit_id, step = '", "', 17, melanggar aturan step BETWEEN 1 AND 16",
		"tabel items, baris id = ", "melanggar aturan kind IN ('publikasi','data_mikro','peta')"} {
		if !strings.Contains(text, want) {
			t.Errorf("want …%s…, got:\n%s", want, text)
		}
	}
	if len(ps) != 2 {
		t.Errorf("%d findings, want 2:\n%s", len(ps), text)
	}
}

// The CHECK expressions are cut out of CREATE TABLE text whole: nested
// parentheses, quoted strings holding parentheses, comments.
func TestCheckExprs(t *testing.T) {
	got := checkExprs(`CREATE TABLE t (
	a TEXT CHECK (a IN ('x)', 'y')), -- CHECK (not this)
	b INTEGER NOT NULL CHECK ((b > 0) AND (b < 9)),
	CHECK (a IS NULL OR b = 1))`)
	want := []string{`a IN ('x)', 'y')`, `(b > 0) AND (b < 9)`, `a IS NULL OR b = 1`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	if nn := notNullColumns(`CREATE TABLE t (a TEXT, b INTEGER NOT NULL DEFAULT 0, c TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID`); strings.Join(nn, ",") != "b,c" {
		t.Errorf("not null columns %v", nn)
	}
}
