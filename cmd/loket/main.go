// Command loket runs the statistical-product sales counter (PST) of BPS
// Kabupaten Belitung Timur: without a subcommand it opens the counter app;
// subcommands generate demo data, show and install the tariff schedule,
// export the day's workbook, print documents, back up, restore and check.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"

	_ "time/tzdata" // a Windows PC has no zoneinfo; WIB must still be right
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// command is one subcommand: run gets the arguments after its name.
type command struct {
	name    string
	summary string // one Indonesian line for the help list
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a command may touch: its streams and environment, injected so
// tests run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// readPIN reads a PIN from the terminal without echo (terminalPIN),
	// calling prompt first once it knows there is a terminal; nil, as in
	// most tests, is a standard input that is not a terminal.
	readPIN func(prompt func()) (string, error)
}

var commands = map[string]command{}

// register adds a subcommand; each lives in its own file.
func register(c command) { commands[c.name] = c }

// usageError is a bad command line: exit code 2 with its message.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{msg: fmt.Sprintf(format, args...)} }

// memoryLimit is the Go heap's soft limit (GOMEMLIMIT overrides it). The
// export streams its rows, but excelize holds each sheet in memory up to
// 16 MB before it spills to a temporary file, and at Go's default pacing
// the heap then doubles before a collection: a decade's export peaked at
// 191-198 MB RSS. With this limit the collector runs earlier and the same
// export peaks at about 150 MB, no slower (docs/benchmarks.md). The app
// itself stays far below it.
const memoryLimit = 128 << 20

func main() {
	restrictUmask()
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, readPIN: terminalPIN}
	os.Exit(run(ctx, e, os.Args[1:]))
}

// run dispatches a command line and returns the exit code: 0 ok, 1 failure,
// 2 bad usage.
func run(ctx context.Context, e *env, args []string) int {
	name := "app"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if name == "help" {
		printHelp(e.stdout)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(e.stderr, "loket: perintah %q tidak dikenal\n\n", name)
		printHelp(e.stderr)
		return 2
	}
	err := c.run(ctx, e, args)
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "loket %s: %s\n", c.name, ue.msg)
		return 2
	default:
		fmt.Fprintf(e.stderr, "loket %s: %v\n", c.name, err)
		return 1
	}
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "loket — loket PST penjualan produk statistik")
	fmt.Fprintln(w, "\nPemakaian: loket [perintah] [--db BERKAS] [opsi]")
	fmt.Fprintln(w, "\nPerintah:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		label := n
		if n == "app" {
			label = "(tanpa perintah)"
		}
		fmt.Fprintf(w, "  %-17s %s\n", label, commands[n].summary)
	}
	fmt.Fprintln(w, "\nBasis data bawaan: loket.db di folder data pengguna; ganti dengan --db BERKAS atau LOKET_DB.")
}

// newFlags makes a flag set that reports errors in Indonesian and never exits.
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("loket "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses and turns the flag package's English errors into
// Indonesian usage errors. --help prints the command's options.
// badValue matches the flag package's "invalid value" and "invalid boolean
// value" errors: the value, the flag's name and the reason.
var badValue = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-(\S+): (.*)$`)

// badValueError says in Indonesian which option got which value and what it
// expects. A reason from loket's own flag values is already Indonesian;
// the standard parsers' reasons ("parse error") are replaced by the kind
// of value expected.
func badValueError(fs *flag.FlagSet, m []string) error {
	value, name, reason := m[1], m[2], m[3]
	// The flag package quoted the value with %q; shown again with %q
	// below, it must not be escaped twice.
	if v, err := strconv.Unquote(`"` + value + `"`); err == nil {
		value = v
	}
	want := ""
	if fl := fs.Lookup(name); fl != nil {
		switch v := fl.Value.(type) {
		case interface{ IsBoolFlag() bool }:
			if v.IsBoolFlag() {
				want = "tulis --" + name + " saja, atau --" + name + "=true / --" + name + "=false"
			}
		}
		if want == "" {
			switch fmt.Sprintf("%T", fl.Value) {
			case "*flag.intValue", "*flag.int64Value", "*flag.uintValue", "*flag.uint64Value":
				want = "harus bilangan bulat, mis. --" + name + "=30"
			}
		}
	}
	if want == "" && reason != "parse error" && reason != "value out of range" {
		want = reason
	}
	if reason == "value out of range" {
		want = "angkanya terlalu besar"
	}
	if want == "" {
		want = "periksa penulisannya"
	}
	return usagef("nilai opsi --%s tidak sah: %q (%s)", name, value, want)
}

func parseFlags(e *env, fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(e.stdout, "Opsi %s:\n", fs.Name())
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		return flag.ErrHelp
	}
	if err != nil {
		msg := err.Error()
		switch {
		case strings.HasPrefix(msg, "flag provided but not defined: "):
			return usagef("opsi %s tidak dikenal (lihat: loket %s --help)", strings.TrimPrefix(msg, "flag provided but not defined: "),
				strings.TrimPrefix(fs.Name(), "loket "))
		case strings.HasPrefix(msg, "flag needs an argument: "):
			return usagef("opsi %s perlu nilai", strings.TrimPrefix(msg, "flag needs an argument: "))
		case badValue.MatchString(msg):
			return badValueError(fs, badValue.FindStringSubmatch(msg))
		}
		return usagef("%s", msg)
	}
	if fs.NArg() > 0 {
		return usagef("argumen tidak dikenal: %s", strings.Join(fs.Args(), " "))
	}
	return nil
}
