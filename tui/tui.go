// Package tui is loket's counter app: a Bubble Tea program that walks the
// officer through the 16 steps of a visit, keyboard first, at 80×24 and up.
//
// One root Model holds the current screen (start, Beranda, visit, …) and a
// shared Context (size, styles, store, clock, officer, office); screens are
// small models behind the Screen interface. Every change goes through the
// store in a tea.Cmd, never in Update; the store decides what is legal and
// its Indonesian refusals appear on the error line while the officer's input
// stays where it was.
package tui

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/tui/frame"
	"loket/tui/start"
)

// Options configure the app.
type Options struct {
	Store *store.Store
	// Officer is the --petugas name: start on Beranda as that officer
	// (created if new; the PIN is still asked when one is set).
	Officer string
	// Now is the clock; nil means time.Now. Tests inject one.
	Now func() time.Time
}

// New builds the root model on the start screen.
func New(ctx context.Context, o Options) *Model {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	c := &frame.Context{Ctx: ctx, Store: o.Store, Now: now, Styles: frame.NewStyles(true), Keys: frame.NewGlobalKeys(),
		Width: minWidth, Height: minHeight}
	m := &Model{c: c, id: frame.ScreenStart}
	m.screen = start.New(c, o.Officer)
	m.resize()
	return m
}

// Run runs the app until the officer quits.
func Run(ctx context.Context, o Options, opts ...tea.ProgramOption) error {
	m := New(ctx, o)
	opts = append([]tea.ProgramOption{tea.WithContext(ctx)}, opts...)
	_, err := tea.NewProgram(m, opts...).Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil // interrupted from outside: every step is saved already
	}
	return err
}
