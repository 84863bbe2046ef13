package main

import (
	"context"
	"fmt"
	"runtime"

	"loket/store"
)

func init() {
	register(command{name: "version", summary: "versi program dan skema basis data", run: runVersion})
}

func runVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "version")
	// Every command takes --db (README); the program's version does not
	// depend on it, so it is accepted and not opened.
	dbFlag(fs)
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "loket %s (skema basis data versi %d, %s/%s, %s)\n", version, store.SchemaVersion,
		runtime.GOOS, runtime.GOARCH, runtime.Version())
	return nil
}
