package main

import (
	"context"
	"fmt"
	"time"

	"loket/store"
)

func init() {
	register(command{name: "restore", summary: "pulihkan basis data dari cadangan (--from BERKAS --yes); tanpa --yes hanya menjelaskan", run: runRestore})
}

func runRestore(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "restore")
	db := dbFlag(fs)
	from := fs.String("from", "", "berkas cadangan yang dipulihkan (wajib)")
	yes := fs.Bool("yes", false, "jalankan pemulihan; tanpa ini hanya ditampilkan apa yang akan dilakukan")
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	if *from == "" {
		return usagef("--from wajib diisi: berkas cadangan yang akan dipulihkan (lihat folder backup di samping basis data)")
	}
	path, err := resolveDB(e, *db)
	if err != nil {
		return err
	}
	now := time.Now()
	if !*yes {
		p, err := store.PlanRestore(ctx, *from, path, now)
		if err != nil {
			return err
		}
		describeRestore(e, p, false)
		if p.Replaces {
			warnClockFile(ctx, e, path)
		}
		fmt.Fprintln(e.stdout, "Belum ada yang diubah. Jalankan lagi dengan --yes untuk memulihkan (aplikasi loket harus ditutup dulu).")
		return nil
	}
	p, err := store.Restore(ctx, *from, path, now)
	if err != nil {
		return err
	}
	describeRestore(e, p, true)
	warnClockFile(ctx, e, path)
	return nil
}

func describeRestore(e *env, p store.RestorePlan, done bool) {
	last := "belum ada kunjungan"
	if p.LastDay != "" {
		last = "kunjungan terakhir " + p.LastDay
	}
	verb, aside := "Akan memulihkan", "akan disimpan dulu ke"
	if done {
		verb, aside = "Dipulihkan", "disimpan ke"
	}
	fmt.Fprintf(e.stdout, "%s %s dari cadangan %s (skema versi %d, %d kunjungan, %s; pemeriksaan integritas baik).\n",
		verb, p.To, p.From, p.Version, p.Visits, last)
	if p.Replaces {
		fmt.Fprintf(e.stdout, "Basis data sebelumnya %s %s\n", aside, p.Aside)
	} else {
		fmt.Fprintf(e.stdout, "Belum ada basis data di %s; tidak ada yang diganti.\n", p.To)
	}
	if !done {
		return
	}
	if p.Reerased > 0 {
		fmt.Fprintf(e.stdout, "%d pengunjung yang datanya sudah dihapus atas permintaan di basis data sebelumnya dihapus lagi di hasil pemulihan.\n", p.Reerased)
	}
	if p.ErasuresUnknown {
		fmt.Fprintln(e.stdout, "Peringatan: basis data sebelumnya tidak terbaca, jadi penghapusan data pribadi yang tercatat di sana tidak dapat diterapkan lagi; hapus lagi data pengunjung yang pernah diminta dihapus.")
	}
}
