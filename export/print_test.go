package export

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"loket/store"
)

// failingPrints is the real store whose recording of a print fails, as a
// full disk or a lost drive would make it.
type failingPrints struct {
	*store.Store
	err error
}

func (f failingPrints) MarkPrinted(context.Context, string, string) error { return f.err }
func (f failingPrints) RecordEvent(context.Context, string, string, string, string, string) error {
	return f.err
}

// entries lists a folder's names, temporary files included.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range des {
		out = append(out, d.Name())
	}
	return out
}

func TestPrintDocumentWritesNamesAndCounts(t *testing.T) {
	f := newFixture(t)
	v := f.walk(plan{guest: student, pay: "tunai", scores: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}, items: pubEL})
	dir := t.TempDir()
	for _, kind := range []PrintKind{KindInvoice, KindReceipt} {
		in := v.ActiveInvoice(store.InvoiceKind(kind))
		path, err := PrintDocument(f.ctx, f.s, PrintRequest{VisitID: v.ID, Kind: kind, Actor: f.off, Officer: "Rina Petugas", Now: day, Dir: dir})
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		want := filepath.Join(dir, string(kind)+"-"+strings.ReplaceAll(in.Number, "/", "-")+".xlsx")
		if path != want {
			t.Errorf("%s written to %s, want %s", kind, path, want)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", kind, fi.Mode().Perm())
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if p := readDoc(t, b); !strings.Contains(p.text, in.Number) || !strings.Contains(p.text, "Rina Petugas") {
			t.Errorf("%s does not show its number and officer:\n%s", kind, p.text)
		}
		if got := f.visit(v.ID).ActiveInvoice(store.InvoiceKind(kind)).Printed; got != in.Printed+1 {
			t.Errorf("%s printed %d times on record, want %d", kind, got, in.Printed+1)
		}
	}
	// Path names the file itself.
	own := filepath.Join(t.TempDir(), "kuitansi-saya.xlsx")
	if path, err := PrintDocument(f.ctx, f.s, PrintRequest{VisitID: v.ID, Kind: KindReceipt, Actor: f.off, Now: day, Path: own}); err != nil || path != own {
		t.Fatalf("Path: %q, %v", path, err)
	}
}

// Without a folder the document goes to the office's export folder, made
// for the user only, as the counter app has always done.
func TestPrintDocumentGoesToTheExportFolder(t *testing.T) {
	f := newFixture(t)
	v := f.walk(plan{guest: student, pay: "tunai", scores: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}, items: pubEL})
	home := t.TempDir()
	old := UserHome
	UserHome = func() (string, error) { return home, nil }
	t.Cleanup(func() { UserHome = old })
	path, err := PrintDocument(f.ctx, f.s, PrintRequest{VisitID: v.ID, Kind: KindInvoice, Actor: f.off, Now: day})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(home, "Documents", DefaultExportSub); filepath.Dir(path) != want {
		t.Fatalf("written to %s, want inside %s", path, want)
	}
	// A folder that cannot be made is said in Indonesian, nothing written.
	file := filepath.Join(t.TempDir(), "berkas")
	f.must(os.WriteFile(file, []byte("x"), 0o600))
	o, err := f.s.Office(f.ctx)
	f.must(err)
	o.ExportDir = filepath.Join(file, "Laporan")
	f.must(f.s.UpdateOffice(f.ctx, f.off, o))
	_, err = PrintDocument(f.ctx, f.s, PrintRequest{VisitID: v.ID, Kind: KindInvoice, Actor: f.off, Now: day})
	var fe *FolderError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "alamat itu berkas, bukan folder") {
		t.Fatalf("unusable folder: %v", err)
	}
}

// A print that cannot be put on record leaves no file behind, neither the
// document nor its temporary file, and says why.
func TestPrintDocumentRemovesTheFileWhenRecordingFails(t *testing.T) {
	f := newFixture(t)
	v := f.walk(plan{guest: student, items: dm, pay: "bank", billing: "820261126000010", scores: [9]int{3, 3, 3, 3, 3, 3, 3, 3, 3}})
	boom := errors.New("disk penuh")
	for _, r := range []PrintRequest{
		{VisitID: v.ID, Kind: KindInvoice, Actor: f.off},
		{VisitID: v.ID, Kind: KindReceipt, Actor: f.off},
		{VisitID: v.ID, Kind: KindSPPD, Actor: f.off, Unmask: true},
	} {
		dir := t.TempDir()
		r.Dir, r.Now = dir, day
		path, err := PrintDocument(f.ctx, failingPrints{f.s, boom}, r)
		if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "berkas tidak disimpan: pencatatan cetak gagal") {
			t.Errorf("%s: %q, %v", r.Kind, path, err)
		}
		if left := entries(t, dir); len(left) != 0 {
			t.Errorf("%s: files left after a failed record: %v", r.Kind, left)
		}
	}
	// The masked SPPD sheet records nothing, so it cannot fail on record.
	dir := t.TempDir()
	if _, err := PrintDocument(f.ctx, failingPrints{f.s, boom}, PrintRequest{VisitID: v.ID, Kind: KindSPPD, Dir: dir, Now: day}); err != nil {
		t.Fatalf("masked SPPD: %v", err)
	}
}

// The unmasked SPPD sheet is on the audit trail under the officer.
func TestPrintDocumentAuditsAnUnmaskedSheet(t *testing.T) {
	f := newFixture(t)
	v := f.walk(plan{guest: student, items: dm, pay: "bank", billing: "820261126000010", scores: [9]int{3, 3, 3, 3, 3, 3, 3, 3, 3}})
	before, err := f.s.Audit(f.ctx, v.ID)
	f.must(err)
	if _, err := PrintDocument(f.ctx, f.s, PrintRequest{VisitID: v.ID, Kind: KindSPPD, Actor: f.off, Unmask: true, Dir: t.TempDir(), Now: day}); err != nil {
		t.Fatal(err)
	}
	after, err := f.s.Audit(f.ctx, v.ID)
	f.must(err)
	if len(after) != len(before)+1 || after[len(after)-1].Action != "tanpa_samaran" {
		t.Fatalf("audit after an unmasked print: %+v", after[len(before):])
	}
}

func TestPrintDocumentRefusesWhatTheVisitDoesNotHave(t *testing.T) {
	f := newFixture(t)
	open := f.walk(plan{guest: student, items: pubEL, stopAt: store.StepInvoice})
	dir := t.TempDir()
	for _, c := range []struct {
		r    PrintRequest
		want string
	}{
		{PrintRequest{VisitID: open.ID, Kind: KindInvoice}, "belum ada invoice untuk kunjungan " + open.Queue()},
		{PrintRequest{VisitID: open.ID, Kind: KindReceipt}, "belum ada kuitansi untuk kunjungan " + open.Queue()},
		{PrintRequest{VisitID: open.ID, Kind: "surat"}, `jenis dokumen harus invoice, kuitansi atau sppd (tertulis "surat")`},
		{PrintRequest{VisitID: open.ID, Kind: KindInvoice, Unmask: true}, "nomor identitas lengkap hanya dicetak di lampiran SPPD"},
	} {
		c.r.Dir = dir
		if _, err := PrintDocument(f.ctx, f.s, c.r); err == nil || err.Error() != c.want {
			t.Errorf("%+v: %v, want %q", c.r, err, c.want)
		}
	}
	if _, err := PrintDocument(f.ctx, f.s, PrintRequest{VisitID: open.ID, Kind: KindSPPD, Dir: dir}); !errors.Is(err, ErrNoDocument) {
		t.Errorf("SPPD without microdata: %v", err)
	}
	if _, err := PrintDocument(f.ctx, f.s, PrintRequest{VisitID: "tidak-ada", Kind: KindInvoice, Dir: dir}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown visit: %v", err)
	}
	if left := entries(t, dir); len(left) != 0 {
		t.Errorf("refusals left files: %v", left)
	}
}
