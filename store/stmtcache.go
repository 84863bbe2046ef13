package store

import (
	"context"
	"database/sql"
)

// prepared returns a statement prepared once on the pool; database/sql
// keeps one prepared copy per connection, so a query run thousands of times
// (loading a visit, writing a step, an audit row) is parsed once per
// connection instead of every time. SQLite's parser is a large share of a
// step's cost otherwise.
func (s *Store) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	c := s.shared
	c.stmtMu.Lock()
	defer c.stmtMu.Unlock()
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if c.stmts == nil {
		c.stmts = map[string]*sql.Stmt{}
	}
	c.stmts[query] = st
	return st, nil
}

// cachedTx runs a transaction's statements through the statement cache.
type cachedTx struct {
	tx *sql.Tx
	s  *Store
}

func (s *Store) cached(tx *sql.Tx) cachedTx { return cachedTx{tx: tx, s: s} }

func (c cachedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	return c.tx.StmtContext(ctx, st).ExecContext(ctx, args...)
}

func (c cachedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	return c.tx.StmtContext(ctx, st).QueryContext(ctx, args...)
}

func (c cachedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.s.prepared(ctx, query)
	if err != nil {
		return c.tx.QueryRowContext(ctx, query, args...) // reports the same error
	}
	return c.tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
}
