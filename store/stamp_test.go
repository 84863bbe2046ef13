package store

import (
	"testing"
	"time"
)

// One change carries one timestamp: with a clock that moves on every
// reading, a cash payment's payment, kuitansi, step and audit entries
// still all carry the same instant.
func TestOneTimestampPerTransaction(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepPrepare)
	f.clock.tick = time.Millisecond
	f.must(f.s.PayCash(f.ctx, f.off, v.ID, student.Name, v.Total))
	v = f.visit(v.ID)
	kw := v.ActiveInvoice(KindReceipt)
	if v.Payment == nil || kw == nil {
		t.Fatal("no payment or kuitansi")
	}
	at := v.Payment.PaidAt
	if !kw.IssuedAt.Equal(at) || !v.Step(StepPayment).DoneAt.Equal(at) {
		t.Fatalf("paid %v, kuitansi %v, step %v: want one instant", at, kw.IssuedAt, v.Step(StepPayment).DoneAt)
	}
	var n int
	f.must(testDB(f.s).QueryRowContext(f.ctx, `SELECT count(DISTINCT at) FROM audit WHERE entity_id = ? AND at >= ?`,
		v.ID, fmtTime(at)).Scan(&n))
	if n != 1 {
		t.Fatalf("audit entries of the payment carry %d timestamps, want 1", n)
	}
}
