package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"loket/store"
	"loket/tui"
)

func init() {
	register(command{name: "app", summary: "buka aplikasi loket (bawaan tanpa perintah)", run: runApp})
}

// runApp opens the counter app on the database: `loket`, `loket --db
// BERKAS`, or `loket --petugas NAMA` to start as that officer.
func runApp(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "app")
	db := dbFlag(fs)
	officer := fs.String("petugas", "", "nama petugas yang bertugas (dibuat bila belum terdaftar; PIN tetap ditanyakan bila ada)")
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	// Without a terminal (a shortcut to a console-less runner, output
	// piped) the app cannot draw: said before anything is opened, so no
	// database is created or touched.
	if !isTerminal(e.stdin) || !isTerminal(e.stdout) {
		return errors.New("aplikasi loket perlu dijalankan di jendela terminal (Command Prompt, PowerShell atau terminal); tanpa itu tidak ada yang dibuka atau diubah. Perintah lain seperti loket export dan loket backup berjalan tanpa terminal")
	}
	path, err := resolveDB(e, *db)
	if err != nil {
		return err
	}
	// One app per database: a second window is told plainly. The OS drops
	// the lock when the process dies, so a crash never blocks the next start.
	unlock, err := store.LockApp(path)
	if err != nil {
		return err
	}
	defer unlock()
	s, err := store.Open(ctx, path, store.Options{})
	var need *store.NeedsUpgradeError
	if errors.As(err, &need) {
		// An older schema: the officer is asked before anything changes,
		// and the upgrade runs with its progress on screen (issue 11).
		ok, uerr := tui.RunUpgrade(ctx, path, need)
		if uerr != nil {
			return uerr
		}
		if !ok {
			fmt.Fprintf(e.stdout, "Basis data %s belum diperbarui; tidak ada yang diubah. Jalankan loket lagi atau `loket upgrade` untuk memperbaruinya.\n", path)
			return nil
		}
		s, err = store.Open(ctx, path, store.Options{})
	}
	if err != nil {
		return err
	}
	defer s.Close()
	return tui.Run(ctx, tui.Options{Store: s, Officer: *officer})
}

// isTerminal reports whether a stream is a character device (a console or
// terminal); a test's buffer or a pipe is not.
func isTerminal(s any) bool {
	f, ok := s.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
