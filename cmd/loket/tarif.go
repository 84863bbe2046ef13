package main

import (
	"context"
	"errors"
	"fmt"
	iofs "io/fs"
	"os"

	"loket/store"
)

func init() {
	register(command{name: "tarif", summary: "tampilkan jadwal tarif PNBP yang berlaku; 'tarif pasang BERKAS' memasang jadwal baru", run: runTarif})
}

func runTarif(ctx context.Context, e *env, args []string) error {
	install := ""
	if len(args) > 0 && args[0] == "pasang" {
		if len(args) < 2 || args[1] == "" || args[1][0] == '-' {
			return usagef("pakai: loket tarif pasang BERKAS [--db BERKAS] [--petugas NAMA]")
		}
		install, args = args[1], args[2:]
	}
	fs := newFlags(e, "tarif")
	db := dbFlag(fs)
	officer := fs.String("petugas", "", "nama petugas yang memasang jadwal (dicatat di jejak audit)")
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	path, err := resolveDB(e, *db)
	if err != nil {
		return err
	}
	// tarif never creates a database: a typo in --db must not leave one.
	s, err := store.Open(ctx, path, store.Options{MustExist: true})
	if err != nil {
		return err
	}
	defer s.Close()
	warnClock(ctx, e, s)
	if install == "" {
		sch, err := s.Schedule(ctx)
		if err != nil {
			return err
		}
		fmt.Fprint(e.stdout, sch.Format())
		return nil
	}
	body, err := os.ReadFile(install)
	switch {
	case errors.Is(err, iofs.ErrNotExist):
		return fmt.Errorf("berkas jadwal tarif %s tidak ditemukan; periksa nama dan foldernya", install)
	case errors.Is(err, iofs.ErrPermission):
		return fmt.Errorf("berkas jadwal tarif %s tidak boleh dibaca (izin ditolak)", install)
	case err != nil:
		if st, serr := os.Stat(install); serr == nil && st.IsDir() {
			return fmt.Errorf("%s adalah folder; tulis nama berkas jadwal tarifnya", install)
		}
		return fmt.Errorf("berkas jadwal tarif %s tidak dapat dibaca", install)
	}
	actor := ""
	if *officer != "" {
		o, err := s.OfficerByName(ctx, *officer)
		if err != nil {
			return fmt.Errorf("petugas %q tidak terdaftar", *officer)
		}
		actor = o.ID
	}
	sch, err := s.InstallSchedule(ctx, actor, body)
	if err != nil {
		return fmt.Errorf("%s: %w", install, err)
	}
	fmt.Fprintf(e.stdout, "Jadwal tarif %q terpasang, berlaku mulai %s.\n", sch.Name, sch.Effective.Format("2006-01-02"))
	return nil
}
