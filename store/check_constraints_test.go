package store

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// The constraint list is read from the migrations' CREATE TABLE text; it
// must hold every CHECK and every NOT NULL the migration files declare,
// counted here independently, straight from the files.
func TestConstraintsCoverEverySchemaRule(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	comment := regexp.MustCompile(`--[^\n]*`)
	var checks, notNulls int
	for _, m := range ms {
		m = strings.ToUpper(comment.ReplaceAllString(m, ""))
		checks += len(regexp.MustCompile(`\bCHECK\s*\(`).FindAllString(m, -1))
		notNulls += len(regexp.MustCompile(`\bNOT\s+NULL\b`).FindAllString(m, -1)) -
			len(regexp.MustCompile(`\bIS\s+NOT\s+NULL\b`).FindAllString(m, -1)) // inside a CHECK
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
	for _, want := range []string{"tabel visit_steps, baris id = ", "melanggar aturan step BETWEEN 1 AND 16",
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
