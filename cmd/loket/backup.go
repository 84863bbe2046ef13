package main

import (
	"context"
	"fmt"
	"time"

	"loket/store"
)

func init() {
	register(command{name: "backup", summary: "buat cadangan basis data (boleh sambil aplikasi berjalan); mencetak nama berkasnya", run: runBackup})
}

// runBackup copies the database with store.BackupFile. It opens nothing for
// writing, so it runs beside the counter app and on a database of any schema
// version (a copy before an upgrade).
func runBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "backup")
	db := dbFlag(fs)
	out := fs.String("out", "", "folder tujuan, mis. flashdisk (bawaan: folder backup di samping basis data); disimpan cadangan terbaru tiap hari (7 hari), tiap minggu (4 minggu) dan tiap bulan (12 bulan)")
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	path, err := resolveDB(e, *db)
	if err != nil {
		return err
	}
	dir := *out
	if dir == "" {
		dir = store.BackupDir(path)
	}
	p, err := store.BackupFile(ctx, path, dir, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, p)
	warnClockFile(ctx, e, path)
	return nil
}
