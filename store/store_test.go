package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"loket/store/valid"
)

func TestOpenCreatesOwnerOnlyFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes are a Unix notion; on Windows the file lives in the user's own profile")
	}
	f := newFixture(t)
	f.walk(paidPub, StepGuestBook) // something in the WAL
	for _, p := range []string{f.s.Path(), f.s.Path() + "-wal"} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", filepath.Base(p), st.Mode().Perm())
		}
	}
}

func TestOpenRefusesNewerSchemaAndLeavesItUntouched(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "loket.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, "PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, _ := os.ReadFile(path)
	_, err = Open(ctx, path, Options{})
	var tn *TooNewError
	if !errors.As(err, &tn) || tn.Database != 99 || tn.Binary != SchemaVersion {
		t.Fatalf("got %v, want TooNewError{99, %d}", err, SchemaVersion)
	}
	if !strings.Contains(err.Error(), "99") || !strings.Contains(err.Error(), "versi") {
		t.Errorf("message does not name both versions: %q", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("the newer database was modified")
	}
}

func TestOpenRefusesForeignFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("this is not a database at all, just text"), 0o600)
	if _, err := Open(ctx, junk, Options{}); !errors.Is(err, ErrNotLoket) {
		t.Fatalf("random bytes: %v", err)
	}
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE notes (x TEXT)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(ctx, other, Options{}); !errors.Is(err, ErrNotLoket) {
		t.Fatalf("foreign sqlite file: %v", err)
	}
}

func TestMigrationFromEmptyToCurrent(t *testing.T) {
	f := newFixture(t)
	var v int
	if err := f.s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != SchemaVersion {
		t.Fatalf("user_version %d (%v), want %d", v, err, SchemaVersion)
	}
	o, err := f.s.Office(f.ctx)
	if err != nil || o != DefaultOffice {
		t.Fatalf("office %+v (%v)", o, err)
	}
	// Reopening an up-to-date database changes nothing and keeps the data.
	path := f.s.Path()
	f.s.Close()
	s, err := Open(f.ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if offs, _ := s.Officers(f.ctx); len(offs) != 1 {
		t.Fatalf("officers after reopen: %v", offs)
	}
}

func TestAuditIsAppendOnly(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepGuestBook)
	for _, q := range []string{"UPDATE audit SET action = 'x'", "DELETE FROM audit"} {
		if _, err := f.s.db.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
}

func TestIDsAreULIDs(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepRequest)
	re := regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{26}$`)
	for _, id := range []string{v.ID, v.VisitorID, v.Items[0].ID, f.off} {
		if !re.MatchString(id) {
			t.Errorf("id %q is not a ULID", id)
		}
	}
	if v.OfficeCode != "1906" || v.CounterCode != "A" {
		t.Errorf("visit codes %s/%s", v.OfficeCode, v.CounterCode)
	}
	// ULIDs sort by time.
	f.clock.Add(time.Second)
	w := f.walk(paidPub, StepArrival)
	if !(v.ID < w.ID) {
		t.Errorf("later id %s sorts before %s", w.ID, v.ID)
	}
}

func TestNumbersCarryOfficeAndCounter(t *testing.T) {
	f := newFixture(t)
	f.must(f.s.UpdateOffice(f.ctx, f.off, func() Office { o := DefaultOffice; o.CounterCode = "b"; return o }()))
	a := f.walk(paidPub, StepPayment)
	b := f.walk(paidPub, StepInvoice)
	if a.Queue() != "B-001" || b.Queue() != "B-002" {
		t.Fatalf("queues %s %s", a.Queue(), b.Queue())
	}
	if n := a.ActiveInvoice("invoice").Number; n != "INV/1906/B/2026/11/0001" {
		t.Errorf("invoice %s", n)
	}
	if n := a.ActiveInvoice("kuitansi").Number; n != "KW/1906/B/2026/11/0001" {
		t.Errorf("kuitansi %s", n)
	}
	if n := b.ActiveInvoice("invoice").Number; n != "INV/1906/B/2026/11/0002" {
		t.Errorf("second invoice %s", n)
	}
	// The queue restarts the next WIB day; the invoice series runs monthly.
	f.clock.Add(24 * time.Hour)
	c := f.walk(paidPub, StepInvoice)
	if c.Queue() != "B-001" || c.ActiveInvoice("invoice").Number != "INV/1906/B/2026/11/0003" {
		t.Errorf("next day: %s %s", c.Queue(), c.ActiveInvoice("invoice").Number)
	}
	var ve *valid.Error
	if err := f.s.UpdateOffice(f.ctx, f.off, func() Office { o := DefaultOffice; o.CounterCode = "12"; return o }()); !errors.As(err, &ve) {
		t.Errorf("bad counter code accepted: %v", err)
	}
	bad := DefaultOffice
	bad.ComplaintEmail = "bps1906 bps.go.id"
	if err := f.s.UpdateOffice(f.ctx, f.off, bad); err == nil || err.Error() != "Email pengaduan: tidak boleh berisi spasi" {
		t.Errorf("bad complaint email: %v", err)
	}
	if o, _ := f.s.Office(f.ctx); o.ComplaintEmail != DefaultOffice.ComplaintEmail {
		t.Errorf("complaint email after a refusal: %q", o.ComplaintEmail)
	}
}

func TestReturningVisitorLookup(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepGuestBook)
	for _, q := range []string{"siti", "AMI", "siti amin", "1906015203", "siti@exam", "62812345",
		"0812345", "0812-345", "+62 812 345", "(0812) 345", "1906 0152 03"} {
		got, err := f.s.FindVisitors(f.ctx, q, 5)
		f.must(err)
		if len(got) != 1 || got[0].ID != v.VisitorID || got[0].Guest.Name != "Siti Aminah" {
			t.Errorf("lookup %q: %+v", q, got)
		}
	}
	if got, _ := f.s.FindVisitors(f.ctx, "budi", 5); len(got) != 0 {
		t.Errorf("lookup budi found %+v", got)
	}
	// A SIM number starts with the holder's birth year and month, so it
	// may start with 0 like a phone: it is found as typed too.
	g := student
	g.IDType, g.IDNumber, g.Name, g.Email, g.Phone = "SIM", "010312345678", "Rafi Pratama", "rafi@contoh.id", "081355556666"
	sim := f.walkAs(g, paidPub, StepGuestBook)
	for _, q := range []string{"010312345678", "0103", "0813555"} {
		got, err := f.s.FindVisitors(f.ctx, q, 5)
		f.must(err)
		if len(got) != 1 || got[0].ID != sim.VisitorID {
			t.Errorf("lookup %q: %+v", q, got)
		}
	}
	// A returning visitor: the person is updated, the first visit keeps its snapshot.
	w, err := f.s.StartVisit(f.ctx, f.off)
	f.must(err)
	f.must(f.s.RecordPurpose(f.ctx, f.off, w.ID, "Data lagi", "Penelitian"))
	again := student
	again.VisitorID = v.VisitorID
	again.Institution = "BPS Provinsi"
	f.must(f.s.RecordGuest(f.ctx, f.off, w.ID, again))
	if f.visit(v.ID).Guest.Institution != "Universitas Bangka Belitung" {
		t.Error("past visit's snapshot changed")
	}
	p, err := f.s.Visitor(f.ctx, v.VisitorID)
	f.must(err)
	if p.Guest.Institution != "BPS Provinsi" || p.Visits != 2 {
		t.Errorf("visitor %+v", p)
	}
}

func TestEraseVisitorKeepsMoney(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepFinish)
	f.must(f.s.EraseVisitor(f.ctx, f.off, v.VisitorID))
	got := f.visit(v.ID)
	if got.Guest.Name != Erased || got.Guest.IDNumber != "" || got.Guest.Email != "" || got.Guest.Phone != "" {
		t.Errorf("snapshot not anonymised: %+v", got.Guest)
	}
	if got.Payment == nil || got.Payment.Amount != 80_000 || got.Payment.Payer != Erased || got.ActiveInvoice("kuitansi") == nil {
		t.Errorf("money trail lost: %+v", got.Payment)
	}
	if found, _ := f.s.FindVisitors(f.ctx, "siti", 5); len(found) != 0 {
		t.Errorf("erased visitor still found: %+v", found)
	}
}

func TestDayStatsAndIKM(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepFinish) // scores 4,4,3,4,3,4,4,3,4 = 33
	f.walk(zeroPub, StepFinish)
	f.walk(paidPub, StepRequest) // open
	d, err := f.s.DayStats(f.ctx, Day(f.clock.Now()))
	f.must(err)
	if d.Visits != 3 || d.Finished != 2 || d.Open != 1 || d.PNBP != 80_000 || d.Cash != 80_000 || d.Respondents != 2 ||
		d.Payments != 1 || d.CashPayments != 1 {
		t.Fatalf("%+v", d)
	}
	// Both answers are 33/36 → IKM = 33/9 × 25 = 91.666… → 91.67, mutu A.
	if d.IKM != 91.67 || Mutu(d.IKM) != "A (Sangat Baik)" {
		t.Fatalf("IKM %v %s", d.IKM, Mutu(d.IKM))
	}
}

func TestIKMRoundingAndMutu(t *testing.T) {
	cases := []struct {
		sum  [9]int
		n    int
		ikm  float64
		mutu string
	}{
		{[9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}, 1, 100, "A (Sangat Baik)"},
		{[9]int{1, 1, 1, 1, 1, 1, 1, 1, 1}, 1, 25, "D (Tidak Baik)"},
		{[9]int{7, 7, 7, 7, 7, 7, 7, 7, 7}, 2, 87.5, "B (Baik)"},
		{[9]int{3, 3, 3, 3, 3, 3, 3, 3, 3}, 1, 75, "C (Kurang Baik)"},
		{[9]int{3, 3, 3, 3, 3, 3, 3, 3, 2}, 1, 72.22, "C (Kurang Baik)"},
	}
	for _, c := range cases {
		k := SKM{N: c.n, Sum: c.sum}
		if got := k.IKM(); got != c.ikm || Mutu(got) != c.mutu {
			t.Errorf("%v/%d: IKM %v %s, want %v %s", c.sum, c.n, got, Mutu(got), c.ikm, c.mutu)
		}
	}
	for _, b := range []struct {
		v    float64
		mutu string
	}{{88.31, "A (Sangat Baik)"}, {88.30, "B (Baik)"}, {76.61, "B (Baik)"}, {76.60, "C (Kurang Baik)"}, {65.00, "C (Kurang Baik)"}, {64.99, "D (Tidak Baik)"}} {
		if got := Mutu(b.v); got != b.mutu {
			t.Errorf("Mutu(%v) = %s, want %s", b.v, got, b.mutu)
		}
	}
}

func TestInstallSchedule(t *testing.T) {
	f := newFixture(t)
	before := f.walk(paidPub, StepRequest)
	body := strings.Replace(string(mustRead(t, "../tariff/pp13-2024.tarif")), "| 50.000 ", "| 60.000 ", 1)
	body = regexp.MustCompile(`(?m)^berlaku:.*$`).ReplaceAllString(body, "berlaku: 2026-11-01")
	sch, err := f.s.InstallSchedule(f.ctx, f.off, []byte(body))
	f.must(err)
	cur, err := f.s.Schedule(f.ctx)
	f.must(err)
	if cur.Effective != sch.Effective {
		t.Fatalf("schedule in force %v, want the installed one", cur.Effective)
	}
	// A visit keeps the quote it was given; a new one gets the new tariff.
	if got := f.visit(before.ID).Total; got != 80_000 {
		t.Errorf("earlier visit requoted: %d", got)
	}
	if got := f.walk(paidPub, StepRequest).Total; got != 90_000 {
		t.Errorf("new visit total %d, want 90.000 under the new schedule", got)
	}
	// The same file again is refused as already installed, nothing stored.
	var n int
	f.must(testDB(f.s).QueryRow(`SELECT count(*) FROM schedules`).Scan(&n))
	if _, err := f.s.InstallSchedule(f.ctx, f.off, []byte(body)); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "sudah terpasang") {
		t.Fatalf("same schedule again: err = %v, want ErrConflict naming it installed", err)
	}
	// So is the same schedule written differently: a comment added,
	// lines indented, blank lines, Windows line ends, "Rp" before a price.
	for _, same := range []string{
		"# komentar: dipasang ulang\n" + body,
		strings.ReplaceAll(body, "\nitem:", "\n\n   item:"),
		strings.ReplaceAll(body, "\n", "\r\n"),
		strings.Replace(body, "| 60.000 ", "| Rp60.000 ", 1),
	} {
		if _, err := f.s.InstallSchedule(f.ctx, f.off, []byte(same)); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "sudah terpasang") {
			t.Errorf("the schedule in force written differently: err = %v, want ErrConflict naming it installed", err)
		}
	}
	var m int
	f.must(testDB(f.s).QueryRow(`SELECT count(*) FROM schedules`).Scan(&m))
	if m != n {
		t.Fatalf("refused install stored a row: %d → %d", n, m)
	}
	// A schedule that differs in one price is not the one in force.
	changed := strings.Replace(body, "| 60.000 ", "| 61.000 ", 1)
	if _, err := f.s.InstallSchedule(f.ctx, f.off, []byte(changed)); err != nil {
		t.Fatalf("a changed schedule refused: %v", err)
	}
	if _, err := f.s.InstallSchedule(f.ctx, f.off, []byte("nama: rusak\n")); err == nil {
		t.Fatal("malformed schedule installed")
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// LastChange is the store's clock at the latest audited change.
func TestLastChange(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepGuestBook)
	first, err := f.s.LastChange(f.ctx)
	f.must(err)
	f.clock.Add(90 * time.Minute)
	f.walk(paidPub, StepPurpose)
	last, err := f.s.LastChange(f.ctx)
	f.must(err)
	if last.Sub(first) < 90*time.Minute || !last.Equal(f.clock.Now()) {
		t.Fatalf("last change %v after %v, want %v", last, first, f.clock.Now())
	}
	// Showing an ID number changes nothing a workbook holds.
	f.clock.Add(time.Hour)
	v := f.visit(f.walk(paidPub, StepGuestBook).ID)
	shown := f.clock.Now()
	f.clock.Add(time.Hour)
	f.must(f.s.RecordEvent(f.ctx, f.off, "visitor", v.VisitorID, "tampil_nomor_identitas", "layar cari"))
	if at, err := f.s.LastChange(f.ctx); err != nil || !at.Equal(shown) {
		t.Fatalf("after an ID number was shown: %v %v, want %v", at, err, shown)
	}
	// A step's first save is not an audit row of its own (visit_seal.go),
	// yet it is a change a workbook holds.
	f.clock.Add(time.Hour)
	f.must(f.s.RecordRequest(f.ctx, f.off, v.ID, RequestInput{Items: []ItemInput{{Code: "PUB-EL", Title: "Statistik Daerah", Pages: 40}}}))
	if at, err := f.s.LastChange(f.ctx); err != nil || !at.Equal(f.clock.Now()) {
		t.Fatalf("after step 4 of an open visit: %v %v, want %v", at, err, f.clock.Now())
	}
	// Its close is an audit row, and the latest change after it.
	f.clock.Add(time.Hour)
	f.must(f.s.Cancel(f.ctx, f.off, v.ID, "pengunjung pulang"))
	if at, err := f.s.LastChange(f.ctx); err != nil || !at.Equal(f.clock.Now()) {
		t.Fatalf("after the close: %v %v, want %v", at, err, f.clock.Now())
	}
}
