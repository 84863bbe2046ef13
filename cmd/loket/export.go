package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"loket/export"
	"loket/store"
	"loket/store/valid"
	"loket/tariff"
)

func init() {
	register(command{name: "export", summary: "tulis buku kerja Excel harian (atau satu rentang tanggal) untuk Kasubbag Umum", run: runExport})
}

// exportClock is the clock of export and dokumen; tests replace it.
var exportClock = time.Now

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export")
	db := dbFlag(fs)
	date := fs.String("date", "", "tanggal laporan TTTT-BB-HH (bawaan: hari ini WIB)")
	from := fs.String("from", "", "awal rentang tanggal TTTT-BB-HH (bersama --to)")
	to := fs.String("to", "", "akhir rentang tanggal TTTT-BB-HH (bersama --from)")
	out := fs.String("out", "", "berkas .xlsx atau folder tujuan (bawaan: folder saat ini)")
	unmask := fs.Bool("unmask", false, "tampilkan nomor identitas lengkap (dicatat di jejak audit; perlu --petugas)")
	officer := fs.String("petugas", "", "nama petugas yang membuat laporan (harus terdaftar)")
	pinStdin := pinFlag(fs)
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	first, last, err := exportPeriod(*date, *from, *to)
	if err != nil {
		return err
	}
	if *unmask && strings.TrimSpace(*officer) == "" {
		return usagef("--unmask perlu --petugas: membuka nomor identitas dicatat atas nama petugas")
	}
	if *pinStdin && strings.TrimSpace(*officer) == "" {
		return usagef("--pin-stdin perlu --petugas: PIN milik petugas yang disebut")
	}
	target, err := xlsxOutPath(*out, export.FileName(first, last))
	if err != nil {
		return err
	}
	path, err := resolveDB(e, *db)
	if err != nil {
		return err
	}
	// Read-only: the export runs beside the counter app on one snapshot.
	s, err := store.Open(ctx, path, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	warnClock(ctx, e, s)
	who, err := exportOfficer(ctx, e, s, path, *officer, *pinStdin)
	if err != nil {
		return err
	}
	// An interrupted earlier export left a temporary file: removed once
	// an hour old (store.RemoveLeftovers matches loket's names only).
	store.RemoveLeftovers(filepath.Dir(target))
	replaced := exists(target)
	sum, err := export.Export(ctx, s, target, export.Options{From: first, To: last, Unmask: *unmask, MadeBy: who.Name, Now: exportClock()})
	if err != nil {
		return err
	}
	if *unmask {
		if err := auditUnmasked(ctx, path, who.ID, "ekspor", filepath.Base(target),
			fmt.Sprintf("buku kerja %s periode %s s.d. %s dengan nomor identitas lengkap", filepath.Base(target), first, last)); err != nil {
			os.Remove(target) // an unmasked file that is not on record must not stay
			return fmt.Errorf("berkas tidak disimpan: pencatatan jejak audit gagal: %w", err)
		}
	}
	fmt.Fprintln(e.stdout, target)
	if replaced {
		replacedNotice(e, target)
	}
	fmt.Fprintf(e.stderr, "%d kunjungan, %d baris produk, %d pembayaran (%s), %d responden SKM, %d pengaduan\n",
		sum.Visits, sum.Items, sum.Payments, tariff.Rupiah(sum.PNBP), sum.Ratings, sum.Complaints)
	return nil
}

// exists says whether a workbook is already at target, before it is
// written: the commands that write one say when they replaced it.
func exists(target string) bool {
	_, err := os.Stat(target)
	return err == nil
}

// replacedNotice tells the officer on stderr that the workbook at target
// replaced one of the same name (loket export, loket laporan).
func replacedNotice(e *env, target string) {
	fmt.Fprintf(e.stderr, "Berkas %s yang sudah ada diganti dengan buku kerja baru.\n", filepath.Base(target))
}

// exportPeriod reads --date or --from/--to into two WIB days; with neither it is
// today.
func exportPeriod(date, from, to string) (string, string, error) {
	switch {
	case date != "" && (from != "" || to != ""):
		return "", "", usagef("pakai --date, atau --from bersama --to, tidak keduanya")
	case date != "":
		d, err := valid.Date("--date", date)
		if err != nil {
			return "", "", usagef("%v", err)
		}
		return d.Format(time.DateOnly), d.Format(time.DateOnly), nil
	case from != "" || to != "":
		if from == "" || to == "" {
			return "", "", usagef("--from dan --to harus diisi bersama")
		}
		f, err := valid.Date("--from", from)
		if err != nil {
			return "", "", usagef("%v", err)
		}
		t, err := valid.Date("--to", to)
		if err != nil {
			return "", "", usagef("%v", err)
		}
		if f.After(t) {
			return "", "", usagef("--from %s sesudah --to %s", f.Format(time.DateOnly), t.Format(time.DateOnly))
		}
		return f.Format(time.DateOnly), t.Format(time.DateOnly), nil
	}
	d := store.Day(exportClock())
	return d, d, nil
}

// xlsxOutPath resolves --out: empty means name in the current folder; an
// existing folder (or a path ending in a separator) gets name inside it;
// anything else is the file, which must end in .xlsx and whose folder must
// exist. The result is absolute, so the printed path can be opened from
// anywhere.
func xlsxOutPath(out, name string) (string, error) {
	if out == "" {
		out = "."
	}
	if strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(filepath.Separator)) {
		if fi, err := os.Stat(out); err != nil || !fi.IsDir() {
			return "", usagef("folder --out %s tidak ada", out)
		}
	}
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		out = filepath.Join(out, name)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("--out %s: %w", out, err)
	} else if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return "", usagef("--out harus berkas berakhiran .xlsx atau folder yang sudah ada (tertulis %s)", out)
	} else if fi, err := os.Stat(filepath.Dir(out)); err != nil || !fi.IsDir() {
		return "", usagef("folder %s untuk --out tidak ada", filepath.Dir(out))
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	return abs, nil
}

// registeredOfficer finds the registered officer named by --petugas; an empty
// name gives the zero Officer.
func registeredOfficer(ctx context.Context, s *store.Store, name string) (store.Officer, error) {
	if strings.TrimSpace(name) == "" {
		return store.Officer{}, nil
	}
	o, err := s.OfficerByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return o, usagef("petugas %q tidak terdaftar", strings.TrimSpace(name))
	}
	return o, err
}

// exportOfficer is actAs for export, whose own store is read-only: an
// officer with a PIN is checked through an ordinary store, so that a wrong
// PIN is counted as in the app; when the database cannot be written the
// read-only store checks it (the wait holds, nothing is counted).
func exportOfficer(ctx context.Context, e *env, ro *store.Store, dbPath, name string, pinStdin bool) (store.Officer, error) {
	o, err := registeredOfficer(ctx, ro, name)
	if err != nil || !o.HasPIN {
		return o, err
	}
	w, err := store.Open(ctx, dbPath, store.Options{})
	if err != nil {
		return actAs(ctx, e, ro, name, pinStdin)
	}
	defer w.Close()
	return actAs(ctx, e, w, name, pinStdin)
}

// auditUnmasked records, in the audit trail, that ID numbers were written in
// full. The export itself reads through a read-only store, so the event is
// written through a second, ordinary one. The note names the file and
// period, never a person.
func auditUnmasked(ctx context.Context, dbPath, actor, entity, entityID, note string) error {
	w, err := store.Open(ctx, dbPath, store.Options{})
	if err != nil {
		return err
	}
	defer w.Close()
	return w.RecordEvent(ctx, actor, entity, entityID, "tanpa_samaran", note)
}
