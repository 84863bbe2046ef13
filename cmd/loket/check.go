package main

import (
	"context"
	"fmt"

	"loket/store"
)

func init() {
	register(command{name: "check", summary: "periksa keutuhan basis data dan aturan kunjungan (boleh sambil aplikasi berjalan)", run: runCheck})
}

// runCheck prints store.Check's findings; any problem makes it exit 1.
func runCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "check")
	db := dbFlag(fs)
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	path, err := resolveDB(e, *db)
	if err != nil {
		return err
	}
	r, err := store.Check(ctx, path)
	if err != nil {
		return err
	}
	summary := fmt.Sprintf("skema versi %d, %d kunjungan (%d selesai), %d pembayaran, %d baris jejak audit",
		r.Version, r.Visits, r.Finished, r.Payments, r.AuditRows)
	if r.OK() {
		fmt.Fprintf(e.stdout, "Basis data %s baik: %s.\n", path, summary)
		return nil
	}
	fmt.Fprintf(e.stdout, "Basis data %s: %s.\nDitemukan %d masalah:\n", path, summary, len(r.Problems))
	for _, p := range r.Problems {
		fmt.Fprintf(e.stdout, "  - %s\n", p)
	}
	return fmt.Errorf("%d masalah ditemukan; basis data tidak diubah. Pulihkan dari cadangan bila perlu: loket restore --from BERKAS", len(r.Problems))
}
