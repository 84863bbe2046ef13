package main

import (
	"context"
	"fmt"
	"path/filepath"

	"loket/store"
)

func init() {
	register(command{name: "salin-tanpa-identitas", summary: "salin basis data loket tanpa identitas pengunjung (untuk dibawa ke provinsi): loket salin-tanpa-identitas SUMBER.db KELUAR.db", run: runSalin})
}

// runSalin writes an identity-free copy (store.CopyWithoutIdentity).
func runSalin(ctx context.Context, e *env, args []string) error {
	if len(args) != 2 || args[0] == "" || args[1] == "" || args[0][0] == '-' || args[1][0] == '-' {
		return usagef("tulis dua berkas: loket salin-tanpa-identitas SUMBER.db KELUAR.db")
	}
	// A copy stopped earlier left OUT.part (or another name's .part):
	// removed once an hour old (store.RemoveLeftovers).
	store.RemoveLeftovers(filepath.Dir(args[1]))
	n, err := store.CopyWithoutIdentity(ctx, args[0], args[1])
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: salinan tanpa identitas, %d pengunjung dianonimkan; %s tidak diubah.\n", args[1], n, args[0])
	return nil
}
