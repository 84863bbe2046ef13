package export

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"loket/store"
)

// Printing one of the counter's documents (the invoice, the kuitansi or the
// SPPD data sheet) is one use case with one order, whoever asks for it: the
// counter app (ctrl+p) and `loket dokumen` both call PrintDocument, so the
// file name, the atomic write, the print counted on the number and the
// removal of a file that is not on record cannot drift apart.

// PrintKind is a document PrintDocument prints: one of the store's two
// numbered kinds, or the SPPD data sheet, named as its store document.
type PrintKind string

// Document kinds PrintDocument prints; the values are the store's names,
// which are also the --jenis of `loket dokumen`.
const (
	KindInvoice = PrintKind(store.KindInvoice)
	KindReceipt = PrintKind(store.KindReceipt)
	KindSPPD    = PrintKind(store.DocSPPD)
)

// PrintNames are the documents' names as the officer reads them.
var PrintNames = map[PrintKind]string{KindInvoice: store.KindInvoice.Label(), KindReceipt: store.KindReceipt.Label(),
	KindSPPD: "Lampiran SPPD"}

// PrintStore is what printing needs of the store; *store.Store has it.
// Tests wrap it to make recording the print fail.
type PrintStore interface {
	Visit(ctx context.Context, id string) (*store.Visit, error)
	Office(ctx context.Context) (store.Office, error)
	MarkPrinted(ctx context.Context, actor, invoiceID string) error
	RecordEvent(ctx context.Context, actor, entity, entityID, action, note string) error
}

// PrintRequest is one document to print.
type PrintRequest struct {
	VisitID string
	Kind    PrintKind // KindInvoice, KindReceipt or KindSPPD
	Actor   string    // officer ID the print is recorded under ("" = none)
	Officer string    // officer name printed on the signature line
	Now     time.Time // the print's time, printed on the document
	// Unmask prints the SPPD sheet's ID numbers in full; it is recorded in
	// the audit trail under Actor.
	Unmask bool
	// Path is the file to write. Empty: DocumentFileName inside Dir, or
	// inside the office's export folder (ExportFolder) when Dir is empty too.
	Path string
	Dir  string
}

// DocumentFileName is the file name a document is printed under:
// invoice-INV-1906-A-2026-11-0001.xlsx for a numbered one (the number
// in force), lampiran-sppd-DAY-QUEUE.xlsx for the SPPD sheet; "" when the
// visit has no such numbered document.
func DocumentFileName(kind PrintKind, v *store.Visit) string {
	switch kind {
	case KindInvoice, KindReceipt:
		in := v.ActiveInvoice(store.InvoiceKind(kind))
		if in == nil {
			return ""
		}
		return string(kind) + "-" + strings.ReplaceAll(in.Number, "/", "-") + ".xlsx"
	case KindSPPD:
		return "lampiran-sppd-" + v.Day + "-" + v.Queue() + ".xlsx"
	}
	return ""
}

// PrintDocument writes a visit's document as a one-page workbook,
// atomically (WriteFile), and records the print: a numbered document's
// print is counted on its number (MarkPrinted), an unmasked SPPD sheet is
// audited. When recording fails the file is removed, because a print that
// is not on record must not stay. It returns the file's path.
func PrintDocument(ctx context.Context, st PrintStore, r PrintRequest) (string, error) {
	write, ok := map[PrintKind]func(io.Writer, Document) error{KindInvoice: Invoice, KindReceipt: Receipt, KindSPPD: SPPD}[r.Kind]
	if !ok {
		return "", fmt.Errorf("jenis dokumen harus invoice, kuitansi atau sppd (tertulis %q)", r.Kind)
	}
	if r.Unmask && r.Kind != KindSPPD {
		return "", fmt.Errorf("nomor identitas lengkap hanya dicetak di lampiran SPPD")
	}
	v, err := st.Visit(ctx, r.VisitID)
	if err != nil {
		return "", err
	}
	office, err := st.Office(ctx)
	if err != nil {
		return "", err
	}
	var in *store.Invoice
	if r.Kind != KindSPPD {
		if in = v.ActiveInvoice(store.InvoiceKind(r.Kind)); in == nil {
			return "", &missingError{fmt.Sprintf("belum ada %s untuk kunjungan %s", r.Kind, v.Queue())}
		}
	}
	target := r.Path
	if target == "" {
		dir := r.Dir
		if dir == "" {
			if dir, err = ExportFolder(office); err != nil {
				return "", err
			}
		}
		target = filepath.Join(dir, DocumentFileName(r.Kind, v))
	}
	d := Document{Office: office, Visit: v, Officer: r.Officer, Now: r.Now, Unmask: r.Unmask}
	if err := WriteFile(target, "cetak", func(w io.Writer) error { return write(w, d) }); err != nil {
		return "", err
	}
	var record error
	switch {
	case in != nil:
		record = st.MarkPrinted(ctx, r.Actor, in.ID)
	case r.Unmask:
		record = st.RecordEvent(ctx, r.Actor, "visit", v.ID, "tanpa_samaran", "lampiran SPPD dengan nomor identitas lengkap")
	}
	if record != nil {
		if err := os.Remove(target); err != nil {
			return "", fmt.Errorf("pencatatan cetak gagal (%v) dan berkas %s tidak dapat dihapus: %w", record, target, err)
		}
		return "", fmt.Errorf("berkas tidak disimpan: pencatatan cetak gagal: %w", record)
	}
	return target, nil
}

// missingError is a numbered document the visit does not have yet, said as
// the counter app has always said it; errors.Is matches ErrNoDocument.
type missingError struct{ msg string }

func (e *missingError) Error() string { return e.msg }

// Is lets errors.Is(err, ErrNoDocument) hold.
func (e *missingError) Is(target error) bool { return target == ErrNoDocument }
