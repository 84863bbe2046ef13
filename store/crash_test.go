//go:build unix

package store

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The crash test: a child process walks visits through the store, printing
// "saved <visit> <step>" after each step's commit returns; the parent kills
// it with SIGKILL at seeded random moments, reopens the same file and checks
// that every step reported saved is there and nothing is half-written. It
// proves that a save is atomic and durable against the process dying at
// any instruction. It does not prove survival of a power cut: that rests on
// synchronous=FULL and on the disk honouring fsync (docs/reliability.md).

const (
	crashChildEnv = "LOKET_TEST_CRASH_CHILD_DB"
	crashRounds   = 30
	crashSeed     = 20261126
)

// TestCrashChildProcess is the helper process of TestCrashSafety.
func TestCrashChildProcess(t *testing.T) {
	db := os.Getenv(crashChildEnv)
	if db == "" {
		t.Skip("helper process")
	}
	if err := crashChild(db); err != nil {
		fmt.Fprintln(os.Stdout, "error", err)
		os.Exit(3)
	}
	os.Exit(0)
}

// crashChild resumes the visits left open by the previous round, then
// starts new ones, until it is killed (or a minute passes).
func crashChild(path string) error {
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		return err
	}
	off, err := s.OfficerByName(ctx, "Petugas Uji")
	if err != nil {
		if off, err = s.AddOfficer(ctx, "Petugas Uji", ""); err != nil {
			return err
		}
	}
	saved := func(id string, n int) { fmt.Fprintf(os.Stdout, "saved %s %d\n", id, n) }
	open, err := s.OpenVisits(ctx)
	if err != nil {
		return err
	}
	for _, o := range open {
		if err := crashWalk(ctx, s, off.ID, o.ID, saved); err != nil {
			return err
		}
	}
	for end := time.Now().Add(time.Minute); time.Now().Before(end); {
		v, err := s.StartVisit(ctx, off.ID)
		if err != nil {
			return err
		}
		saved(v.ID, StepArrival)
		if err := crashWalk(ctx, s, off.ID, v.ID, saved); err != nil {
			return err
		}
	}
	return nil
}

// crashWalk records the visit's current step until it is finished. The kind
// of visit follows from its queue number, so a resumed visit goes on the
// same way: a paid publication, microdata with SPPD, or Rp0 for government.
func crashWalk(ctx context.Context, s *Store, off, id string, saved func(string, int)) error {
	for {
		v, err := s.Visit(ctx, id)
		if err != nil {
			return err
		}
		if !v.Open() {
			return nil
		}
		kind := v.QueueNo % 3
		g, use := student, "Tugas sekolah/kuliah"
		items := []ItemInput{{Code: "PUB-EL", Title: "Belitung Timur Dalam Angka 2026", Pages: 120}}
		switch kind {
		case microdata:
			use = "Penelitian"
			items = []ItemInput{{Code: "DM-MENTAH", Title: "Susenas Maret 2025", Bytes: 5_000_000, Format: "CSV", Variables: "r101, r102"}}
		case zeroPub:
			g, use = official, "Pemerintahan"
		}
		all := func() []string {
			var ids []string
			for _, it := range v.Items {
				ids = append(ids, it.ID)
			}
			return ids
		}
		n := v.Current()
		switch n {
		case StepPurpose:
			err = s.RecordPurpose(ctx, off, id, "Membeli data", use)
		case StepGuestBook:
			err = s.RecordGuest(ctx, off, id, g)
		case StepRequest:
			err = s.RecordRequest(ctx, off, id, RequestInput{Items: items, Letter: kind == zeroPub})
		case StepAvailable:
			m := map[string]bool{}
			for _, it := range all() {
				m[it] = true
			}
			err = s.RecordAvailability(ctx, off, id, m)
		case StepTerms:
			err = s.ConfirmTerms(ctx, off, id)
		case StepAgreement:
			err = s.RecordAgreement(ctx, off, id, AgreementInput{Agreed: true, Abstraksi: v.Document("abstraksi") != nil,
				Letter: v.Document("surat_permohonan") != nil, Variables: "r101, r102"})
		case StepDocCheck:
			err = s.RecordDocumentCheck(ctx, off, id, true, "")
		case StepInvoice:
			err = s.IssueInvoice(ctx, off, id, InvoiceInput{SampleGiven: v.NeedsAgreement(), SPPDGiven: v.NeedsAgreement()})
		case StepPrepare:
			m := map[string]Medium{}
			for _, it := range all() {
				m[it] = "Email"
			}
			err = s.RecordPrepared(ctx, off, id, m)
		case StepPayment:
			err = s.PayCash(ctx, off, id, g.Name, v.Total)
		case StepSPPD:
			err = s.RecordSPPD(ctx, off, id)
		case StepHandover:
			err = s.HandOverProducts(ctx, off, id, all())
		case StepCheck:
			err = s.RecordCheck(ctx, off, id, CheckInput{OK: true})
		case StepRating:
			err = s.RecordRating(ctx, off, id, RatingInput{Scores: [9]int{4, 3, 4, 4, 3, 4, 4, 3, 4}, Saran: "cepat"})
		case StepFinish:
			err = s.Finish(ctx, off, id)
		default:
			return fmt.Errorf("visit %s: no step %d", id, n)
		}
		if err != nil {
			return fmt.Errorf("visit %s step %d: %w", id, n, err)
		}
		saved(id, n)
	}
}

type savedStep struct {
	visit string
	step  int
}

func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test spawns processes")
	}
	ctx := context.Background()
	db := tempPath(t, "loket.db")
	rng := rand.New(rand.NewSource(crashSeed))
	var all []savedStep
	midVisit := 0
	for round := 1; round <= crashRounds; round++ {
		// Mostly: kill after a random number of reported saves, then up to
		// 3 ms more, so the kill lands inside a transaction as often as
		// between two. One round in five: kill at a random moment from the
		// start, which can fall while the child opens the database.
		after, extra := rng.Intn(40), time.Duration(rng.Intn(3000))*time.Microsecond
		if round%5 == 0 {
			after, extra = -1, time.Duration(rng.Intn(40))*time.Millisecond
		}
		got, err := crashRound(db, after, extra)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		all = append(all, got...)
		// Check first, read-only, as the officer would after a crash; then
		// the app's own open, which recovers the WAL.
		r, err := Check(ctx, db)
		if err != nil {
			t.Fatalf("round %d: check: %v", round, err)
		}
		if !r.OK() {
			t.Fatalf("round %d: check found:\n%s", round, problemsText(r))
		}
		s, err := Open(ctx, db, Options{})
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		open, err := s.OpenVisits(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(open) > 0 {
			midVisit++
		}
		verifySaved(t, s.db, round, all)
		s.Close()
	}
	r, err := Check(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d rounds, %d steps reported saved, %d visits (%d finished), %d payments, %d kills left a visit open",
		crashRounds, len(all), r.Visits, r.Finished, r.Payments, midVisit)
	if r.Finished < 10 || midVisit < crashRounds/2 {
		t.Errorf("the kills did not exercise enough: %d finished visits, %d kills mid-visit", r.Finished, midVisit)
	}
}

// crashRound runs the child and kills it once it has reported more than
// `after` saves (at once for -1) and `extra` more time has passed; it
// returns every save the child reported, including those still in the pipe
// when it died.
func crashRound(db string, after int, extra time.Duration) ([]savedStep, error) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+db)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	var (
		mu    sync.Mutex
		got   []savedStep
		fail  string
		ready = make(chan struct{})
		done  = make(chan struct{})
	)
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		signalled := false
		for sc.Scan() {
			line := sc.Text()
			f := strings.Fields(line)
			mu.Lock()
			switch {
			case len(f) == 3 && f[0] == "saved":
				n, _ := strconv.Atoi(f[2])
				got = append(got, savedStep{f[1], n})
				if len(got) > after && !signalled && after >= 0 {
					signalled = true
					close(ready)
				}
			case strings.HasPrefix(line, "error"):
				fail = line
			}
			mu.Unlock()
		}
		if !signalled && after >= 0 {
			close(ready)
		}
	}()
	if after >= 0 {
		select {
		case <-ready:
		case <-time.After(30 * time.Second):
		}
	}
	time.Sleep(extra)
	cmd.Process.Signal(syscall.SIGKILL)
	<-done
	cmd.Wait()
	mu.Lock()
	defer mu.Unlock()
	if fail != "" {
		return got, fmt.Errorf("child: %s", fail)
	}
	if after >= 0 && len(got) <= after {
		return got, fmt.Errorf("child stopped after %d saves", len(got))
	}
	return got, nil
}

// verifySaved checks, beyond what Check covers, that every step the child
// reported saved is recorded done and every visit is whole.
func verifySaved(t *testing.T, db *sql.DB, round int, saved []savedStep) {
	t.Helper()
	for _, sv := range saved {
		var state string
		var done sql.NullString
		err := db.QueryRow(`SELECT state, done_at FROM visit_steps WHERE visit_id = ? AND step = ?`, sv.visit, sv.step).Scan(&state, &done)
		if err != nil || state != string(StateDone) || !done.Valid {
			t.Fatalf("round %d: visit %s step %d was reported saved; now %q %v %v", round, sv.visit, sv.step, state, done, err)
		}
	}
	var bad int
	queries := map[string]string{
		"visit without 16 step rows": `SELECT count(*) FROM visits v WHERE (SELECT count(*) FROM visit_steps s WHERE s.visit_id = v.id) <> 16`,
		"payment without kuitansi": `SELECT count(*) FROM payments p WHERE NOT EXISTS (SELECT 1 FROM invoices i
			WHERE i.visit_id = p.visit_id AND i.kind = 'kuitansi' AND i.void_at IS NULL AND i.amount = p.amount)`,
		"requested visit without items": `SELECT count(*) FROM visit_steps s WHERE s.step = 4 AND s.state = 'done'
			AND NOT EXISTS (SELECT 1 FROM items i WHERE i.visit_id = s.visit_id)`,
		// Step progress is sealed in the trail when a visit closes
		// (visit_seal.go), in the transaction that closes it.
		"closed visit without the seal of its steps": `SELECT count(*) FROM visits v WHERE v.status <> 'Berjalan'
			AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity_id = v.id AND a.action = 'tutup')`,
		"open visit with a seal": `SELECT count(*) FROM visits v WHERE v.status = 'Berjalan'
			AND EXISTS (SELECT 1 FROM audit a WHERE a.entity_id = v.id AND a.action = 'tutup')`,
	}
	for what, q := range queries {
		if err := db.QueryRow(q).Scan(&bad); err != nil {
			t.Fatal(err)
		}
		if bad > 0 {
			t.Fatalf("round %d: %d × %s", round, bad, what)
		}
	}
}
