package store

import (
	"strings"
	"testing"
)

// The scrubber replaces the person's identifiers however they were typed,
// and leaves unrelated text, longer numbers and longer words alone.
func TestScrubberFindsThePersonOnly(t *testing.T) {
	sc := newScrubber([]Guest{kartika.Guest, {Name: "Kartika Purnamasari", Phone: "+6281299887766",
		IDNumber: "1906014507950003", NPWP: "012345678901234", Email: "kartika.lada@contoh.id"}})
	for _, c := range []struct{ in, want string }{
		{"Terima kasih, Kartika Purnamasari sangat puas", "Terima kasih, [dihapus] sangat puas"},
		{"kartika  PURNAMASARI.", "[dihapus]."},
		{"hubungi 0812-9988-7766, +62 812 9988 7766 atau 081299887766", "hubungi [dihapus], [dihapus] atau [dihapus]"},
		{"WA +6281299887766.", "WA [dihapus]."},
		{"NIK 1906014507950003 salah", "NIK [dihapus] salah"},
		{"NIK 1906 0145 0795 0003", "NIK [dihapus]"},
		{"nomor 19060145079500031 lain", "nomor 19060145079500031 lain"},
		{"kirim ke KARTIKA.LADA@contoh.id ya", "kirim ke [dihapus] ya"},
		{"NPWP 01.234.567.8-901.234", "NPWP [dihapus]"},
		{"Bu Kartika minta peta", "Bu [dihapus] minta peta"},
		{"Kartikasari dan Purnama", "Kartikasari dan Purnama"},
		{"Data Susenas 2025, 120 halaman", "Data Susenas 2025, 120 halaman"},
	} {
		if got := sc.scrub(c.in, true); got != c.want {
			t.Errorf("scrub(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// Outside her own visits a single word of her name is left: it may be
	// anyone's.
	if got := sc.scrub("Bu Kartika dari dinas", false); got != "Bu Kartika dari dinas" {
		t.Errorf("a lone name word outside her visits: %q", got)
	}
	// A short name word is replaced only as part of the whole name.
	short := newScrubber([]Guest{{Name: "Ani Wu"}})
	if got := short.scrub("Ani Wu datang; Ani lain; Wuhan", true); got != "[dihapus] datang; Ani lain; Wuhan" {
		t.Errorf("short name: %q", got)
	}
}

// freeTextTraces are Kartika's values as typed into free text.
var freeTextTraces = []string{"Kartika", "Purnamasari", "1906014507950003", "kartika.lada", "0812 9988 7766", "8129988", "01.234.567"}

// kartikaText is what kartikaFreeText recorded, for the tests to read back.
type kartikaText struct {
	visit, micro, late string // a finished visit, her microdata visit, a cancelled one
	complaint, other   string // a complaint about visit, one tied to no visit
}

// kartikaFreeText has Kartika's visits say her name, ID number, email and
// phone in every kind of free text: the SKM suggestion, a complaint about
// a visit and its follow-up, a complaint tied to no visit (her full name,
// phone and email only), a correction request, a document note, a product
// title, a purpose, a suspend reason and a cancel reason.
func kartikaFreeText(f *fixture, id string) kartikaText {
	f.t.Helper()
	var k kartikaText
	g := kartika
	g.VisitorID = id
	v := f.walkAs(g, paidPub, StepHandover)
	k.visit = v.ID
	f.must(f.s.RecordCheck(f.ctx, f.off, v.ID, CheckInput{Fault: FaultProduct, Text: "Halaman kurang, kirim ulang ke kartika.lada@contoh.id (Kartika)"}))
	items := map[string]Medium{}
	var ids []string
	for _, it := range f.visit(v.ID).Items {
		items[it.ID] = "Email"
		ids = append(ids, it.ID)
	}
	f.must(f.s.RecordPrepared(f.ctx, f.off, v.ID, items))
	f.must(f.s.HandOverProducts(f.ctx, f.off, v.ID, ids))
	f.must(f.s.RecordCheck(f.ctx, f.off, v.ID, CheckInput{OK: true}))
	f.must(f.s.RecordRating(f.ctx, f.off, v.ID, RatingInput{Scores: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4},
		Saran: "Saya Kartika Purnamasari, NIK 1906014507950003, hubungi 0812 9988 7766. Pelayanan cepat."}))
	f.must(f.s.Finish(f.ctx, f.off, v.ID))
	var err error
	k.complaint, err = f.s.AddComplaint(f.ctx, f.off, "Langsung", "Bu Kartika menunggu lama", v.ID)
	f.must(err)
	f.must(f.s.FollowUpComplaint(f.ctx, f.off, k.complaint, "Diproses", "Sudah ditelepon ke 0812-9988-7766"))
	k.other, err = f.s.AddComplaint(f.ctx, f.off, "Kotak saran", "Kartika Purnamasari (WA +62 812 9988 7766) minta antrean daring", "")
	f.must(err)
	f.must(f.s.FollowUpComplaint(f.ctx, f.off, k.other, "Diproses", "Dibalas lewat email kartika.lada@contoh.id"))
	f.must(f.s.db.QueryRow(`SELECT visit_id FROM documents WHERE kind = 'abstraksi' AND visit_id IN (SELECT id FROM visits WHERE visitor_id = ?)`, id).Scan(&k.micro))
	_, err = f.s.db.Exec(`UPDATE documents SET note = 'abstraksi ditandatangani Kartika Purnamasari 01.234.567.8-901.234' WHERE visit_id = ?`, k.micro)
	f.must(err)
	_, err = f.s.db.Exec(`UPDATE items SET title = 'Susenas untuk tesis Kartika' WHERE visit_id = ?`, k.micro)
	f.must(err)

	late := f.walkAs(g, paidPub, StepInvoice)
	k.late = late.ID
	f.must(f.s.RecordPurpose(f.ctx, f.off, late.ID, "Data untuk Kartika Purnamasari", "Penelitian"))
	f.must(f.s.Suspend(f.ctx, f.off, late.ID, "Kartika ke bank dulu, NIK 1906014507950003"))
	f.must(f.s.Resume(f.ctx, f.off, late.ID))
	f.must(f.s.Cancel(f.ctx, f.off, late.ID, "Kartika Purnamasari batal, nomor 081299887766, kartika.lada@contoh.id"))
	return k
}

// withFreeTextTraces has noTraceInFiles look for freeTextTraces as well
// until the test ends.
func withFreeTextTraces(t *testing.T) {
	old := kartikaTraces
	kartikaTraces = append(append([]string{}, kartikaTraces...), freeTextTraces...)
	t.Cleanup(func() { kartikaTraces = old })
}

// What a person's visits say in free text — the SKM suggestion, a
// complaint and its follow-up, a correction request, a document note, a
// product title, a purpose, suspend and cancel reasons — loses their name,
// ID number, email and phone at erasure, in the tables and in the raw
// bytes of the files; the rest of each text stays. A complaint tied to no
// visit loses her full name, email and phone.
func TestErasureScrubsFreeText(t *testing.T) {
	f := newFixture(t)
	id := kartikaVisits(f)
	k := kartikaFreeText(f, id)
	v, c, other, micro := k.visit, k.complaint, k.other, k.micro
	if len(findTraces(t, f.s.db, "ratings", freeTextTraces)) == 0 || len(findTraces(t, f.s.db, "complaints", freeTextTraces)) == 0 {
		t.Fatal("the search finds nothing before erasure")
	}

	f.must(f.s.EraseVisitor(f.ctx, f.off, id))

	for _, table := range []string{"ratings", "complaints", "complaint_followups", "corrections", "documents", "items",
		"visits", "visit_steps", "suspensions", "invoices", "visitors", "visitor_terms", "payments", "billing_codes"} {
		if got := findTraces(t, f.s.db, table, freeTextTraces); len(got) > 0 {
			t.Errorf("traces in free text after erasure:\n%s", strings.Join(got, "\n"))
		}
	}
	if got := findTraces(t, f.s.db, "audit", freeTextTraces); len(got) > 0 {
		t.Errorf("traces in the audit trail:\n%s", strings.Join(got, "\n"))
	}
	text := func(q string, args ...any) string {
		t.Helper()
		var s string
		f.must(f.s.db.QueryRow(q, args...).Scan(&s))
		return s
	}
	for _, c := range []struct{ got, want string }{
		{text(`SELECT saran FROM ratings WHERE visit_id = ?`, v), "Saya [dihapus], NIK [dihapus], hubungi [dihapus]. Pelayanan cepat."},
		{text(`SELECT text FROM complaints WHERE id = ?`, c), "Bu [dihapus] menunggu lama"},
		{text(`SELECT note FROM complaint_followups WHERE complaint_id = ?`, c), "Sudah ditelepon ke [dihapus]"},
		{text(`SELECT text FROM complaints WHERE id = ?`, other), "[dihapus] (WA [dihapus]) minta antrean daring"},
		{text(`SELECT note FROM complaint_followups WHERE complaint_id = ?`, other), "Dibalas lewat email [dihapus]"},
		{text(`SELECT text FROM corrections WHERE visit_id = ?`, v), "Halaman kurang, kirim ulang ke [dihapus] ([dihapus])"},
		{text(`SELECT note FROM documents WHERE visit_id = ? AND kind = 'abstraksi'`, micro), "abstraksi ditandatangani [dihapus] [dihapus]"},
		{text(`SELECT title FROM items WHERE visit_id = ?`, micro), "Susenas untuk tesis [dihapus]"},
	} {
		if c.got != c.want {
			t.Errorf("after erasure %q, want %q", c.got, c.want)
		}
	}
	for _, c := range []struct{ got, want string }{
		{text(`SELECT status_reason FROM visits WHERE id = ?`, k.late), "[dihapus] batal, nomor [dihapus], [dihapus]"},
		{text(`SELECT reason FROM suspensions WHERE visit_id = ?`, k.late), "[dihapus] ke bank dulu, NIK [dihapus]"},
		{text(`SELECT purpose FROM visits WHERE id = ?`, k.late), "Data untuk [dihapus]"},
	} {
		if c.got != c.want {
			t.Errorf("after erasure %q, want %q", c.got, c.want)
		}
	}
	r, err := Check(f.ctx, f.s.Path())
	if err != nil || !r.OK() {
		t.Fatalf("check after erasure: %v %v", err, r.Problems)
	}
	withFreeTextTraces(t)
	noTraceInFiles(t, "after erasure", f.s.Path(), f.s.Path()+"-wal", f.s.Path()+"-shm")
}
