package frame

import (
	"context"
	"time"

	"loket/store"
)

// Context is what every screen shares, passed as one pointer instead of
// many parameters: the terminal's size, the styles, the global keys, the
// store, the clock, the officer on duty and the office. Only the root model
// writes it; screens read it.
type Context struct {
	Ctx    context.Context
	Store  *store.Store
	Now    func() time.Time
	Width  int // whole terminal
	Height int
	Styles *Styles
	Keys   GlobalKeys // keys that work on every screen

	Officer store.Officer // on duty; zero until chosen on the start screen
	Office  store.Office
}

// actor is the officer ID the store records on every change.
func (c *Context) Actor() string { return c.Officer.ID }
