package main

import (
	"context"
	"fmt"
	"strings"

	"loket/store"
)

func init() {
	register(command{name: "tarif", summary: "tampilkan jadwal tarif PNBP yang berlaku; 'tarif pasang BERKAS --petugas NAMA' memasang jadwal baru", run: runTarif})
}

func runTarif(ctx context.Context, e *env, args []string) error {
	install := ""
	if len(args) > 0 && args[0] == "pasang" {
		if len(args) < 2 || args[1] == "" || args[1][0] == '-' {
			return usagef("pakai: loket tarif pasang BERKAS --petugas NAMA [--pin-stdin] [--db BERKAS]")
		}
		install, args = args[1], args[2:]
	}
	fs := newFlags(e, "tarif")
	db := dbFlag(fs)
	officer := fs.String("petugas", "", "nama petugas yang memasang jadwal (wajib untuk pasang; dicatat di jejak audit)")
	pinStdin := pinFlag(fs)
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	if install != "" && strings.TrimSpace(*officer) == "" {
		return usagef("tarif pasang perlu --petugas: pemasangan jadwal dicatat atas nama petugas")
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
	body, err := readSchedule(install)
	if err != nil {
		return err
	}
	o, err := actAs(ctx, e, s, *officer, *pinStdin)
	if err != nil {
		return err
	}
	sch, err := s.InstallSchedule(ctx, o.ID, body)
	if err != nil {
		return fmt.Errorf("%s: %w", install, err)
	}
	fmt.Fprintf(e.stdout, "Jadwal tarif %q terpasang, berlaku mulai %s.\n", sch.Name, sch.Effective.Format("2006-01-02"))
	return nil
}
