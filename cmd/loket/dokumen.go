package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"loket/export"
	"loket/store"
)

func init() {
	register(command{name: "dokumen", summary: "cetak invoice, kuitansi atau lampiran SPPD sebuah kunjungan ke berkas Excel satu halaman", run: runDokumen})
}

// docKinds are the documents dokumen prints.
var docKinds = []export.PrintKind{export.KindInvoice, export.KindReceipt, export.KindSPPD}

// sppdKind is the --jenis of the SPPD attachment.
const sppdKind = string(export.KindSPPD)

func runDokumen(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "dokumen")
	db := dbFlag(fs)
	visitID := fs.String("visit", "", "ID kunjungan")
	number := fs.String("nomor", "", "nomor invoice atau kuitansi (pengganti --visit)")
	kind := fs.String("jenis", "", "jenis dokumen: invoice, kuitansi atau sppd")
	out := fs.String("out", "", "berkas .xlsx atau folder tujuan (bawaan: folder saat ini)")
	officer := fs.String("petugas", "", "nama petugas yang mencetak (harus terdaftar)")
	reissue := fs.String("terbit-ulang", "", "terbitkan nomor baru dengan ALASAN ini; nomor lama dibatalkan (perlu --petugas)")
	unmask := fs.Bool("unmask", false, "lampiran SPPD: tampilkan nomor identitas lengkap (dicatat di jejak audit; perlu --petugas)")
	pinStdin := pinFlag(fs)
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	*kind = strings.ToLower(strings.TrimSpace(*kind))
	switch {
	case (*visitID == "") == (*number == ""):
		return usagef("isi salah satu: --visit ID atau --nomor NOMOR")
	case *kind != "" && !slices.Contains(docKinds, export.PrintKind(*kind)):
		return usagef("--jenis harus invoice, kuitansi atau sppd (tertulis %q)", *kind)
	case *visitID != "" && *kind == "":
		return usagef("--jenis wajib diisi bersama --visit: invoice, kuitansi atau sppd")
	case *number != "" && *kind == sppdKind:
		return usagef("lampiran SPPD tidak bernomor; pakai --visit ID")
	case *reissue != "" && *kind == sppdKind:
		return usagef("--terbit-ulang hanya untuk invoice atau kuitansi")
	case *reissue != "" && strings.TrimSpace(*officer) == "":
		return usagef("--terbit-ulang perlu --petugas: penerbitan ulang dicatat atas nama petugas")
	case *unmask && *kind != sppdKind:
		return usagef("--unmask hanya untuk lampiran SPPD")
	case *unmask && strings.TrimSpace(*officer) == "":
		return usagef("--unmask perlu --petugas: membuka nomor identitas dicatat atas nama petugas")
	case *pinStdin && strings.TrimSpace(*officer) == "":
		return usagef("--pin-stdin perlu --petugas: PIN milik petugas yang disebut")
	}
	if *out != "" {
		// Checked before anything is written, so a bad --out reissues nothing.
		if _, err := xlsxOutPath(*out, "dokumen.xlsx"); err != nil {
			return err
		}
	}
	path, err := resolveDB(e, *db)
	if err != nil {
		return err
	}
	// dokumen never creates a database: a typo in --db must not leave one.
	s, err := store.Open(ctx, path, store.Options{MustExist: true})
	archive := errors.Is(err, store.ErrArchive)
	if archive {
		// An archive (loket gabung) only reprints, and records nothing:
		// its records are its counters', changed only by a merge of their
		// own databases. What must be recorded is done at the counter.
		switch {
		case *reissue != "":
			return fmt.Errorf("%s adalah arsip gabungan (loket gabung), yang hanya dibaca: --terbit-ulang tidak dapat dipakai di arsip; terbitkan nomor baru di basis data loket asal kunjungan, lalu gabungkan lagi", path)
		case *unmask:
			return fmt.Errorf("%s adalah arsip gabungan (loket gabung), yang hanya dibaca: --unmask tidak dapat dipakai di arsip, karena membuka nomor identitas lengkap harus tercatat di jejak audit; cetak lampiran itu dari basis data loket asal kunjungan", path)
		}
		s, err = store.Open(ctx, path, store.Options{ReadOnly: true})
	}
	if err != nil {
		return err
	}
	defer s.Close()
	warnClock(ctx, e, s)
	// An officer with a PIN proves it before anything is done in their name.
	who, err := actAs(ctx, e, s, *officer, *pinStdin)
	if err != nil {
		return err
	}
	id := strings.TrimSpace(*visitID)
	if *number != "" {
		vid, k, err := s.InvoiceByNumber(ctx, *number)
		if err != nil {
			return fmt.Errorf("nomor %s tidak ditemukan", strings.ToUpper(strings.TrimSpace(*number)))
		}
		if *kind != "" && *kind != k {
			return usagef("nomor %s adalah %s, bukan %s", strings.ToUpper(strings.TrimSpace(*number)), k, *kind)
		}
		id, *kind = vid, k
	}
	v, err := s.Visit(ctx, id)
	if err != nil {
		return fmt.Errorf("kunjungan %s tidak ditemukan", id)
	}
	if *number != "" && *reissue == "" {
		if err := checkNotVoid(v, strings.ToUpper(strings.TrimSpace(*number))); err != nil {
			return err
		}
	}
	if *reissue != "" {
		in, err := s.ReissueDocument(ctx, who.ID, v.ID, store.InvoiceKind(*kind), *reissue)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "%s baru: %s (nomor lama dibatalkan)\n", *kind, in.Number)
		if v, err = s.Visit(ctx, v.ID); err != nil {
			return err
		}
	}
	// The name is the document's own (its number); --out may override it.
	name := export.DocumentFileName(export.PrintKind(*kind), v)
	if name == "" {
		name = *kind + ".xlsx" // PrintDocument refuses with a clear message
	}
	target, err := xlsxOutPath(*out, name)
	if err != nil {
		return err
	}
	// A print is on record (reprints keep the number and are counted),
	// except from an archive, which records nothing.
	var ps export.PrintStore = s
	if archive {
		ps = unrecorded{s}
	}
	target, err = export.PrintDocument(ctx, ps, export.PrintRequest{VisitID: v.ID, Kind: export.PrintKind(*kind), Actor: who.ID,
		Officer: who.Name, Now: exportClock(), Unmask: *unmask, Path: target})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, target)
	if archive {
		fmt.Fprintf(e.stderr, "Cetak ulang dari arsip gabungan %s: tidak dihitung dan tidak dicatat (arsip hanya dibaca); cetakan yang dihitung dibuat di loket asal kunjungan.\n", path)
	}
	return nil
}

// unrecorded prints from an archive without recording the print: the
// archive is opened read-only, and a print counted there would be counted
// nowhere the counter sees.
type unrecorded struct{ *store.Store }

func (unrecorded) MarkPrinted(context.Context, string, string) error { return nil }

func (unrecorded) RecordEvent(context.Context, string, string, string, string, string) error {
	return nil
}

// checkNotVoid refuses to print a voided number and names its replacement.
func checkNotVoid(v *store.Visit, number string) error {
	for _, in := range v.Invoices {
		if in.Number != number || !in.Void() {
			continue
		}
		msg := fmt.Sprintf("nomor %s sudah dibatalkan (%s)", number, in.VoidReason)
		if cur := v.ActiveInvoice(in.Kind); cur != nil {
			msg += "; nomor yang berlaku: " + cur.Number
		}
		return fmt.Errorf("%s", msg)
	}
	return nil
}
