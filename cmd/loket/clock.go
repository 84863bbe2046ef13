package main

import (
	"context"
	"fmt"
	"time"

	"loket/store"
)

// warnClock prints store.ClockWarning on stderr when the PC's clock is
// earlier than the newest record (a dead CMOS battery): the command still
// runs, but the officer is told before payments land on the wrong day.
func warnClock(ctx context.Context, e *env, s *store.Store) {
	w, err := s.CheckClock(ctx)
	if err != nil {
		fmt.Fprintf(e.stderr, "Jam komputer tidak dapat dibandingkan dengan catatan terbaru: %v\n", err)
		return
	}
	if w != "" {
		fmt.Fprintln(e.stderr, w)
	}
}

// warnClockFile is warnClock for a command that does not hold a store
// open (backup, check, restore, upgrade, gabung, demo): it reads the
// database at path read-only. Call it once the command has read the file
// itself, so a refused file is not reported twice.
func warnClockFile(ctx context.Context, e *env, path string) {
	w, err := store.FileClockWarning(ctx, path, time.Now())
	if err != nil {
		fmt.Fprintf(e.stderr, "Jam komputer tidak dapat dibandingkan dengan catatan terbaru: %v\n", err)
		return
	}
	if w != "" {
		fmt.Fprintln(e.stderr, w)
	}
}
