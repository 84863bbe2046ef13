package main

import (
	"context"
	"fmt"
	"time"

	"loket/store"
)

func init() {
	register(command{name: "upgrade", summary: "perbarui basis data ke skema program ini (cadangan dibuat dan diperiksa lebih dulu)", run: runUpgrade})
}

// runUpgrade brings an older database to this binary's schema with
// store.Upgrade: free-disk check, a verified backup beside the database,
// each migration in one transaction, then quick_check and the domain check.
// Progress goes to stderr, the result to stdout. With --cek it only reports
// the schema version and whether the schema is whole (an upgrade stopped
// by a power cut leaves the old one or the new one, never a mix).
func runUpgrade(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "upgrade")
	db := dbFlag(fs)
	verify := fs.Bool("cek", false, "hanya periksa versi skema dan keutuhannya; tidak mengubah apa pun")
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	path, err := resolveDB(e, *db)
	if err != nil {
		return err
	}
	if *verify {
		v, err := store.VerifySchema(ctx, path)
		if err != nil {
			return err
		}
		state := "terbaru"
		if v < store.SchemaVersion {
			state = fmt.Sprintf("lama, perlu `loket upgrade` ke versi %d", store.SchemaVersion)
		}
		fmt.Fprintf(e.stdout, "Basis data %s: skema versi %d utuh (%s).\n", path, v, state)
		warnClockFile(ctx, e, path)
		return nil
	}
	start := time.Now()
	last := ""
	res, err := store.Upgrade(ctx, path, store.UpgradeOptions{Progress: func(p store.UpgradeProgress) {
		line := p.Phase + ": " + p.What
		if p.Steps > 0 {
			line = fmt.Sprintf("%s: langkah %d/%d, %s", p.Phase, p.Step, p.Steps, p.What)
		}
		if line != last {
			fmt.Fprintf(e.stderr, "upgrade: %s (%.1f detik)\n", line, time.Since(start).Seconds())
			last = line
		}
	}})
	if err != nil {
		if res.Backup != "" {
			return fmt.Errorf("%w\nCadangan sebelum pembaruan: %s", err, res.Backup)
		}
		return err
	}
	warnClockFile(ctx, e, path)
	switch {
	case res.From == res.To && res.Compacted:
		fmt.Fprintf(e.stdout, "Basis data %s sudah memakai skema versi %d; pemadatan berkas yang terhenti pada pembaruan sebelumnya diselesaikan.\n", path, res.To)
	case res.From == res.To:
		fmt.Fprintf(e.stdout, "Basis data %s sudah memakai skema versi %d; tidak ada yang diubah.\n", path, res.To)
	default:
		fmt.Fprintf(e.stdout, "Basis data %s diperbarui dari skema versi %d ke %d dalam %.1f detik.\nCadangan sebelum pembaruan (sudah diperiksa): %s\n",
			path, res.From, res.To, time.Since(start).Seconds(), res.Backup)
	}
	r := res.Check
	if !r.OK() {
		fmt.Fprintf(e.stdout, "Pemeriksaan sesudah pembaruan menemukan %d masalah:\n", len(r.Problems))
		for _, p := range r.Problems {
			fmt.Fprintf(e.stdout, "  - %s\n", p)
		}
		return fmt.Errorf("%d masalah ditemukan sesudah pembaruan; cadangan sebelum pembaruan: %s", len(r.Problems), res.Backup)
	}
	fmt.Fprintf(e.stdout, "Pemeriksaan baik: %d kunjungan (%d selesai), %d pembayaran, %d baris jejak audit.\n",
		r.Visits, r.Finished, r.Payments, r.AuditRows)
	return nil
}
