package store

import (
	"strings"
	"testing"
	"time"
)

// Schema 2 keeps free text out of the audit trail: purpose, cancel,
// suspend and void reasons are named by record and field, never copied.
func TestAuditNamesFreeTextFieldsWithoutCopying(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepFinish)
	_, err := f.s.ReissueDocument(f.ctx, f.off, v.ID, "kuitansi", "Salah ketik nama Zulkarnain")
	f.must(err)
	o, err := f.s.StartVisit(f.ctx, f.off)
	f.must(err)
	f.must(f.s.RecordPurpose(f.ctx, f.off, o.ID, "Skripsi tentang Manggar", "Penelitian"))
	// The first purpose is step 2's own record (visit_seal.go); saving it
	// again is a correction, a row that names the field.
	f.must(f.s.RecordPurpose(f.ctx, f.off, o.ID, "Skripsi tentang Manggar dan Gantung", "Penelitian"))
	f.must(f.s.Suspend(f.ctx, f.off, o.ID, "Menunggu dosen Yusrizal"))
	f.clock.Add(time.Minute)
	f.must(f.s.Cancel(f.ctx, f.off, o.ID, "Pengunjung pulang karena hujan Kelapa Kampit"))
	if got := findTraces(t, f.s.db, "audit", []string{"Zulkarnain", "Manggar", "Gantung", "Yusrizal", "Kampit", "Membeli data"}); len(got) > 0 {
		t.Errorf("free text copied into the audit:\n%s", strings.Join(got, "\n"))
	}
	fields := map[string]bool{}
	for _, id := range []string{v.ID, o.ID} {
		rows, err := f.s.Audit(f.ctx, id)
		f.must(err)
		for _, a := range rows {
			fields[a.Action+"/"+a.Field] = true
			if a.Action == "batal_kuitansi" && !strings.HasPrefix(a.New, "KW/") {
				t.Errorf("void row does not name the kuitansi: %+v", a)
			}
		}
	}
	for _, want := range []string{"ubah/purpose", "tunda/reason", "ubah/status_reason", "batal_kuitansi/void_reason"} {
		if !fields[want] {
			t.Errorf("no audit row %s; rows %v", want, fields)
		}
	}
}

// Each kuitansi keeps the payer printed on it; erasure scrubs it and logs
// the erasure (who, when; no personal value). New visits carry the stored
// built-in schedule.
func TestKuitansiPayerAndErasureLog(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepFinish)
	kw := f.visit(v.ID).ActiveInvoice("kuitansi")
	if kw == nil || kw.Payer == "" || kw.Payer != f.visit(v.ID).Payment.Payer {
		t.Fatalf("kuitansi payer %+v", kw)
	}
	if inv := f.visit(v.ID).ActiveInvoice("invoice"); inv != nil && inv.Payer != "" {
		t.Errorf("an invoice has a payer %q", inv.Payer)
	}
	var sched, builtin string
	f.must(f.s.db.QueryRow(`SELECT coalesce(schedule_id, '') FROM visits WHERE id = ?`, v.ID).Scan(&sched))
	f.must(f.s.db.QueryRow(`SELECT id FROM schedules WHERE installed_by IS NULL`).Scan(&builtin))
	if sched == "" || sched != builtin {
		t.Errorf("visit schedule_id %q, built-in schedule row %q", sched, builtin)
	}
	visitor := f.visit(v.ID).VisitorID
	f.clock.Add(time.Hour)
	f.must(f.s.EraseVisitor(f.ctx, f.off, visitor))
	if got := f.visit(v.ID).ActiveInvoice("kuitansi").Payer; got != Erased {
		t.Errorf("kuitansi payer after erasure %q", got)
	}
	var n int
	var at, by string
	f.must(f.s.db.QueryRow(`SELECT count(*), max(erased_at), max(officer_id) FROM erasures WHERE visitor_id = ?`, visitor).Scan(&n, &at, &by))
	if n != 1 || at != fmtTime(f.clock.Now()) || by != f.off {
		t.Errorf("erasure log: %d rows, at %q by %q", n, at, by)
	}
	var cols int
	f.must(f.s.db.QueryRow(`SELECT count(*) FROM pragma_table_info('erasures')`).Scan(&cols))
	if cols != 4 {
		t.Errorf("erasures has %d columns: it must hold no personal value", cols)
	}
}
