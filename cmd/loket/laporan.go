package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"loket/export"
	"loket/store"
	"loket/tariff"
)

func init() {
	register(command{name: "laporan", summary: "tulis rekap periode (bulan, triwulan, semester, tahun, rentang): PNBP, SKM, pengunjung, dengan grafik", run: runLaporan})
}

// longPeriodDays is from how many days on the recap reports its progress
// on stderr: a month is quick, a year takes a few seconds.
const longPeriodDays = 62

func runLaporan(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "laporan")
	db := dbFlag(fs)
	month := fs.String("bulan", "", "satu bulan TTTT-BB, misalnya 2026-11")
	quarter := fs.String("triwulan", "", "satu triwulan TTTT-T (1–4), misalnya 2026-4")
	semester := fs.String("semester", "", "satu semester TTTT-S (1: Januari–Juni, 2: Juli–Desember), misalnya 2026-2")
	year := fs.String("tahun", "", "satu tahun TTTT, misalnya 2026")
	from := fs.String("from", "", "awal rentang tanggal TTTT-BB-HH (bersama --to)")
	to := fs.String("to", "", "akhir rentang tanggal TTTT-BB-HH (bersama --from)")
	out := fs.String("out", "", "berkas .xlsx atau folder tujuan (bawaan: folder saat ini)")
	officer := fs.String("petugas", "", "nama petugas yang membuat laporan (harus terdaftar)")
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	p, err := laporanPeriod(*month, *quarter, *semester, *year, *from, *to)
	if err != nil {
		return err
	}
	target, err := xlsxOutPath(*out, export.ReportFileName(p))
	if err != nil {
		return err
	}
	path, err := resolveDB(e, *db)
	if err != nil {
		return err
	}
	// Read-only, like the export: one snapshot, beside the counter app.
	s, err := store.Open(ctx, path, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	warnClock(ctx, e, s)
	who, err := registeredOfficer(ctx, s, *officer)
	if err != nil {
		return err
	}
	opt := export.RecapOptions{Period: p, MadeBy: who.Name, Now: exportClock()}
	if p.Days() >= longPeriodDays {
		opt.Progress = recapProgress(e.stderr)
	}
	// An interrupted earlier recap or export left a temporary file:
	// removed once an hour old (loket's names only).
	store.RemoveLeftovers(filepath.Dir(target))
	replaced := exists(target)
	sum, err := export.Recap(ctx, s, target, opt)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, target)
	if replaced {
		replacedNotice(e, target)
	}
	mutu := sum.Mutu
	if mutu == "" {
		mutu = "belum ada responden"
	}
	fmt.Fprintf(e.stderr, "%s: %d hari, %d kunjungan, %d pembayaran (%s), %d kuitansi, %d responden SKM (sampel minimal %d dari %d), mutu %s, %d pengaduan\n",
		p.Label(), sum.Days, sum.Visits, sum.Payments, tariff.Rupiah(sum.PNBP), sum.Receipts, sum.Ratings, sum.Sample,
		sum.Population, mutu, sum.Complaints)
	return nil
}

// laporanPeriod reads the one period flag given; none, or more than one,
// is refused.
func laporanPeriod(month, quarter, semester, year, from, to string) (export.Period, error) {
	var given []string
	for _, f := range []struct{ name, v string }{{"--bulan", month}, {"--triwulan", quarter}, {"--semester", semester},
		{"--tahun", year}} {
		if f.v != "" {
			given = append(given, f.name)
		}
	}
	if from != "" || to != "" {
		given = append(given, "--from/--to")
	}
	switch {
	case len(given) == 0:
		return export.Period{}, usagef("sebutkan periode: --bulan TTTT-BB, --triwulan TTTT-T, --semester TTTT-S, --tahun TTTT, atau --from dan --to")
	case len(given) > 1:
		return export.Period{}, usagef("pakai satu periode saja (tertulis %s)", strings.Join(given, ", "))
	}
	var p export.Period
	var err error
	switch {
	case month != "":
		p, err = export.ParseMonth("--bulan", month)
	case quarter != "":
		p, err = export.ParseQuarter("--triwulan", quarter)
	case semester != "":
		p, err = export.ParseSemester("--semester", semester)
	case year != "":
		p, err = export.ParseYear("--tahun", year)
	default:
		if from == "" || to == "" {
			return p, usagef("--from dan --to harus diisi bersama")
		}
		p, err = export.ParseRange(from, to)
	}
	if err != nil {
		return p, usagef("%v", err)
	}
	return p, nil
}

// recapProgress prints, on stderr, each sheet as it is started and the
// rows read so far, at most twice a second, so a long period shows it is
// working.
func recapProgress(w io.Writer) func(sheet string, rows int) {
	last, lastAt := "-", time.Time{}
	return func(sheet string, rows int) {
		now := time.Now()
		if sheet == last && now.Sub(lastAt) < 500*time.Millisecond {
			return
		}
		last, lastAt = sheet, now
		if sheet == "" {
			fmt.Fprintln(w, "menyusun berkas…")
			return
		}
		fmt.Fprintf(w, "%s: %d baris\n", sheet, rows)
	}
}
