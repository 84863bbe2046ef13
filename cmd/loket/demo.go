package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"loket/store/demo"
	"loket/store/valid"
)

func init() {
	register(command{name: "demo", summary: "isi basis data demo dengan data contoh yang mematuhi semua aturan", run: runDemo})
}

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo")
	db := fs.String("db", "", "berkas basis data demo (wajib; tidak pernah basis data yang berisi kunjungan nyata)")
	days := fs.Int("days", 30, "jumlah hari kalender")
	until := fs.String("until", "", "hari terakhir, TTTT-BB-HH (bawaan: hari ini WIB bila sudah lewat pukul 20.00 WIB, selain itu kemarin)")
	seed := fs.Int64("seed", 1, "benih acak; benih sama menghasilkan data sama")
	durable := fs.Bool("durable", false, "tulis dengan synchronous=FULL (lebih lambat)")
	counter := fs.String("loket", "", "kode loket demo, satu huruf A–Z (bawaan A), untuk data beberapa loket yang digabung")
	office := fs.String("kantor", "", "kode kantor demo, 4 angka (bawaan 1906)")
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	if *db == "" {
		return usagef("--db wajib diisi: data demo ditulis ke berkas tersendiri, bukan basis data loket yang dipakai")
	}
	if *days < 1 || *days > 36600 {
		return usagef("--days harus 1 sampai 36600, tertulis %d", *days)
	}
	end := demoLastDay(time.Now())
	if *until != "" {
		t, err := valid.Date("--until", *until)
		if err != nil {
			return usagef("%v", err)
		}
		end = t
	}
	// A date in the future would make visitors born after their visit
	// and fail halfway, leaving a half-filled database: refused before
	// anything is written.
	if today := time.Now().In(valid.WIB); end.After(today) {
		return usagef("--until %s sesudah hari ini (%s): data demo hanya untuk hari yang sudah lewat", end.Format("2006-01-02"), today.Format("2006-01-02"))
	}
	// The generator's visitors are born 1960–2005 and the guest book takes
	// no one under five: an earlier first day would fail halfway too.
	if first := end.AddDate(0, 0, -(*days - 1)); first.Year() < demo.FirstYear {
		return usagef("--days %d sampai --until %s mulai %s, sebelum tahun %d: data demo hanya dapat dibuat mulai %d-01-01; kurangi --days atau pilih --until yang lebih baru",
			*days, end.Format("2006-01-02"), first.Format("2006-01-02"), demo.FirstYear, demo.FirstYear)
	}
	if st, err := os.Stat(*db); err == nil && st.IsDir() {
		return fmt.Errorf("%s adalah folder, bukan berkas basis data; tulis nama berkasnya, mis. %s", *db, filepath.Join(*db, "demo.db"))
	}
	start := time.Now()
	sum, err := demo.Generate(ctx, *db, demo.Config{Days: *days, Until: end, Seed: *seed, Progress: e.stderr, Durable: *durable, Counter: *counter, Office: *office})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d hari, %d kunjungan (%d selesai, %d batal, %d dirujuk), %d pembayaran, %d pengaduan, dalam %.1f detik\n",
		*db, sum.Days, sum.Visits, sum.Finished, sum.Canceled, sum.Referred, sum.Payments, sum.Complaints, time.Since(start).Seconds())
	warnClockFile(ctx, e, *db)
	return nil
}

// demoDayOver is the WIB hour after which a demo day's records (visits,
// bank returns, complaints, the hand-over; the latest seen at 17.22) are all
// in the past.
const demoDayOver = 20

// demoLastDay is the last day demo fills when --until is not given: today
// once the demo's day is over, else yesterday. Filling today in the morning
// would write records later than the computer's clock, which the app and
// every command then rightly warn of as a clock in the past.
func demoLastDay(now time.Time) time.Time {
	now = now.In(valid.WIB)
	if now.Hour() >= demoDayOver {
		return now
	}
	return now.AddDate(0, 0, -1)
}
