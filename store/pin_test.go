package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// New PINs are at least six digits; the four-digit PINs accepted before
// are refused when set anew.
func TestNewPINsNeedSixDigits(t *testing.T) {
	f := newFixture(t)
	want := "PIN: harus 6–8 angka"
	for _, pin := range []string{"1234", "12345", "123456789", "12a456"} {
		if _, err := f.s.AddOfficer(f.ctx, "Petugas "+pin, pin); err == nil || err.Error() != want {
			t.Errorf("AddOfficer with PIN %q: %v, want %q", pin, err, want)
		}
		if err := f.s.SetPIN(f.ctx, f.off, pin); err == nil || err.Error() != want {
			t.Errorf("SetPIN %q: %v, want %q", pin, err, want)
		}
	}
	o, err := f.s.AddOfficer(f.ctx, "Agus Setiawan", "246813")
	f.must(err)
	if !o.HasPIN {
		t.Fatal("officer with a six-digit PIN has none")
	}
	f.must(f.s.CheckPIN(f.ctx, o.ID, "246813"))
}

// A four-digit PIN set by an older loket keeps working.
func TestShortPINSetBeforeStillWorks(t *testing.T) {
	f := newFixture(t)
	h, err := bcrypt.GenerateFromPassword([]byte("1234"), bcrypt.MinCost)
	f.must(err)
	_, err = f.s.db.Exec(`UPDATE officers SET pin_hash = ? WHERE id = ?`, string(h), f.off)
	f.must(err)
	f.must(f.s.CheckPIN(f.ctx, f.off, "1234"))
	if err := f.s.CheckPIN(f.ctx, f.off, "4321"); !errors.Is(err, ErrPIN) {
		t.Fatalf("wrong short PIN: %v", err)
	}
}

func TestPINWaitGrows(t *testing.T) {
	for n, want := range map[int]time.Duration{0: 0, 4: 0, 5: 30 * time.Second, 6: time.Minute, 7: 2 * time.Minute,
		10: 16 * time.Minute, 11: 32 * time.Minute, 12: time.Hour, 40: time.Hour} {
		if got := pinWait(n); got != want {
			t.Errorf("pinWait(%d) = %v, want %v", n, got, want)
		}
	}
	for d, want := range map[time.Duration]string{time.Second: "1 detik", 1500 * time.Millisecond: "2 detik",
		time.Minute: "1 menit", 90 * time.Second: "1 menit 30 detik"} {
		if got := waitText(d); got != want {
			t.Errorf("waitText(%v) = %q, want %q", d, got, want)
		}
	}
}

// After five wrong PINs in a row the store refuses every try, the right
// PIN included, until the wait is over; the wait grows with each further
// wrong PIN and a right PIN clears the count. The count survives closing
// the store, and every wrong PIN is audited without the PIN.
func TestWrongPINsAreCountedWithAGrowingWait(t *testing.T) {
	f := newFixture(t)
	o, err := f.s.AddOfficer(f.ctx, "Agus Setiawan", "246813")
	f.must(err)
	for i := 1; i <= 4; i++ {
		f.clock.Add(time.Second)
		if err := f.s.CheckPIN(f.ctx, o.ID, "135792"); !errors.Is(err, ErrPIN) || err.Error() != "PIN salah" {
			t.Fatalf("wrong PIN %d: %v", i, err)
		}
	}
	wait := func(pin string, want time.Duration, msg string) {
		t.Helper()
		err := f.s.CheckPIN(f.ctx, o.ID, pin)
		var we *PINWaitError
		if !errors.As(err, &we) || !errors.Is(err, ErrPINWait) || we.Wait != want || err.Error() != msg {
			t.Fatalf("PIN %s: %v (%+v), want a wait of %v: %q", pin, err, we, want, msg)
		}
		// Screens show a RuleError's sentence as it stands.
		var re *RuleError
		if !errors.As(err, &re) || re.Msg != msg {
			t.Fatalf("PIN %s: no RuleError with the sentence: %v", pin, re)
		}
	}
	f.clock.Add(time.Second)
	wait("135792", 30*time.Second, "PIN salah 5 kali berturut-turut; coba lagi dalam 30 detik")
	// The right PIN is not even compared while the wait runs.
	f.clock.Add(29 * time.Second)
	wait("246813", time.Second, "PIN salah 5 kali berturut-turut; coba lagi dalam 1 detik")

	// The count and the time are on disk: a new store (the app started
	// again) keeps them.
	path := f.s.path
	f.must(f.s.Close())
	s, err := Open(f.ctx, path, Options{Now: f.clock.Now})
	f.must(err)
	f.s = s
	t.Cleanup(func() { s.Close() })
	wait("246813", time.Second, "PIN salah 5 kali berturut-turut; coba lagi dalam 1 detik")

	f.clock.Add(time.Second)
	wait("135792", time.Minute, "PIN salah 6 kali berturut-turut; coba lagi dalam 1 menit")
	f.clock.Add(time.Minute)
	f.must(f.s.CheckPIN(f.ctx, o.ID, "246813"))
	// Cleared: one wrong PIN is just wrong again.
	if err := f.s.CheckPIN(f.ctx, o.ID, "135792"); !errors.Is(err, ErrPIN) {
		t.Fatalf("after a right PIN: %v", err)
	}

	audit, err := f.s.Audit(f.ctx, o.ID)
	f.must(err)
	wrong := 0
	for _, a := range audit {
		if a.Action == "pin_salah" {
			wrong++
		}
		for _, field := range []string{a.Field, a.Old, a.New, a.OfficerID} {
			if strings.Contains(field, "135792") || strings.Contains(field, "246813") {
				t.Errorf("audit row holds a PIN: %+v", a)
			}
		}
	}
	if wrong != 7 {
		t.Errorf("%d wrong PINs audited, want 7: %+v", wrong, audit)
	}
	// A wrong PIN is not a change to the data: workbooks stay up to date.
	if last, err := f.s.LastChange(f.ctx); err != nil || !last.Before(f.clock.Now().Add(-time.Minute)) {
		t.Errorf("LastChange %v, %v: a wrong PIN counted as a change", last, err)
	}
}

// A read-only store (export beside the running app) honours the wait but
// cannot count.
func TestReadOnlyStoreHonoursTheWait(t *testing.T) {
	f := newFixture(t)
	o, err := f.s.AddOfficer(f.ctx, "Agus Setiawan", "246813")
	f.must(err)
	ro, err := Open(f.ctx, f.s.path, Options{ReadOnly: true, Now: f.clock.Now})
	f.must(err)
	defer ro.Close()
	for range 6 {
		if err := ro.CheckPIN(f.ctx, o.ID, "135792"); !errors.Is(err, ErrPIN) {
			t.Fatalf("read-only wrong PIN: %v", err)
		}
	}
	f.must(ro.CheckPIN(f.ctx, o.ID, "246813"))
	for range 5 {
		_ = f.s.CheckPIN(f.ctx, o.ID, "135792")
	}
	if err := ro.CheckPIN(f.ctx, o.ID, "246813"); !errors.Is(err, ErrPINWait) {
		t.Fatalf("read-only store during the wait: %v", err)
	}
}
