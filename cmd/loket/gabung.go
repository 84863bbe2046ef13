package main

import (
	"context"
	"fmt"
	"strings"

	"loket/store"
)

func init() {
	register(command{name: "gabung", summary: "gabungkan basis data beberapa loket ke satu arsip: loket gabung --ke ARSIP.db SUMBER.db …", run: runGabung})
}

// runGabung merges counters' databases into an archive (store.Merge). The
// sources follow the flags; each is merged in its own transaction, so a
// refused source leaves the archive as the sources before it made it.
func runGabung(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "gabung")
	to := fs.String("ke", "", "berkas arsip tujuan (dibuat bila belum ada); tidak pernah basis data loket yang dipakai melayani")
	noIdentity := fs.Bool("tanpa-identitas", false, "gabungkan tanpa identitas pengunjung (seperti salin-tanpa-identitas), untuk arsip provinsi; arsip tanpa identitas tidak dicampur dengan yang berisi identitas")
	var flagArgs, sources []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--ke" || a == "-ke":
			flagArgs = append(flagArgs, a)
			if i+1 < len(args) {
				i++
				flagArgs = append(flagArgs, args[i])
			}
		case strings.HasPrefix(a, "-"):
			flagArgs = append(flagArgs, a)
		default:
			sources = append(sources, a)
		}
	}
	if err := parseFlags(e, fs, flagArgs); err != nil {
		return err
	}
	if strings.TrimSpace(*to) == "" {
		return usagef("--ke wajib diisi: berkas arsip tujuan, mis. loket gabung --ke arsip.db loket-a.db loket-b.db")
	}
	if len(sources) == 0 {
		return usagef("tulis paling sedikit satu basis data sumber setelah --ke ARSIP.db")
	}
	rs, err := store.MergeWith(ctx, *to, sources, store.MergeOptions{Progress: e.stderr, WithoutIdentity: *noIdentity})
	if err != nil {
		return err
	}
	var added, updated int
	for _, r := range rs {
		added += r.Added
		updated += r.Updated
	}
	kind := ""
	if *noIdentity {
		kind = " (tanpa identitas pengunjung)"
	}
	fmt.Fprintf(e.stdout, "Arsip %s%s: %d sumber, %d catatan baru, %d diperbarui.\n", *to, kind, len(rs), added, updated)
	warnClockFile(ctx, e, *to)
	return nil
}
