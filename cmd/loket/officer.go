package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"

	"loket/store"
)

// The commands that act in an officer's name (tarif pasang, dokumen,
// export) ask for that officer's PIN when there is one, as the counter app
// does: from the terminal without echo, or, for scripts, one line on
// standard input with --pin-stdin. The store counts wrong PINs and makes
// the next try wait after five in a row.

// errNoTerminal: the PIN cannot be asked because standard input is not a
// terminal (a script, a pipe).
var errNoTerminal = errors.New("masukan bukan terminal")

// terminalPIN reads a PIN from the terminal without echo; it is env.readPIN
// outside tests. It calls prompt only once it knows standard input is a
// terminal, so a script is refused without a prompt nobody can answer.
func terminalPIN(prompt func()) (string, error) {
	fd := os.Stdin.Fd()
	if !term.IsTerminal(fd) {
		return "", errNoTerminal
	}
	prompt()
	b, err := term.ReadPassword(fd)
	return string(b), err
}

// pinFlag is --pin-stdin, shared by the commands that act as an officer.
func pinFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("pin-stdin", false, "baca PIN petugas dari baris pertama masukan standar (untuk skrip), bukan dari terminal")
}

// actAs finds the registered officer named by --petugas (the zero Officer
// for an empty name) and, when that officer has a PIN, asks for it and has
// the store check it: a wrong PIN is counted where the store is writable.
func actAs(ctx context.Context, e *env, s *store.Store, name string, pinStdin bool) (store.Officer, error) {
	o, err := registeredOfficer(ctx, s, name)
	if err != nil || o.ID == "" || !o.HasPIN {
		return o, err
	}
	pin, err := readPIN(e, o.Name, pinStdin)
	if err != nil {
		return store.Officer{}, err
	}
	if err := s.CheckPIN(ctx, o.ID, pin); err != nil {
		return store.Officer{}, fmt.Errorf("petugas %s: %w", o.Name, err)
	}
	return o, nil
}

// readPIN reads an officer's PIN from standard input (--pin-stdin) or from
// the terminal; an empty one is refused before the store sees it.
func readPIN(e *env, name string, pinStdin bool) (string, error) {
	var pin string
	if pinStdin {
		line, err := bufio.NewReader(io.LimitReader(e.stdin, 256)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("baca PIN dari masukan standar: %w", err)
		}
		pin = line
	} else {
		if e.readPIN == nil {
			return "", usagef("petugas %s memakai PIN, tetapi masukan bukan terminal: kirim PIN lewat --pin-stdin", name)
		}
		prompted := false
		p, err := e.readPIN(func() {
			prompted = true
			fmt.Fprintf(e.stderr, "PIN %s: ", name)
		})
		if prompted {
			fmt.Fprintln(e.stderr) // the typed PIN is not echoed, nor its enter
		}
		if errors.Is(err, errNoTerminal) {
			return "", usagef("petugas %s memakai PIN, tetapi masukan bukan terminal: kirim PIN lewat --pin-stdin", name)
		}
		if err != nil {
			return "", fmt.Errorf("baca PIN dari terminal: %w", err)
		}
		pin = p
	}
	pin = strings.TrimSpace(pin)
	if pin == "" {
		return "", usagef("PIN petugas %s wajib diisi", name)
	}
	return pin, nil
}
