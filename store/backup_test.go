package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"loket/store/valid"
)

func TestBackupIsAConsistentOwnerOnlyCopy(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepFinish)
	f.walk(microdata, StepPayment)
	dir := filepath.Join(t.TempDir(), "flashdisk", "cadangan")
	p, err := f.s.Backup(f.ctx, dir)
	f.must(err)
	// The fixture's clock reads 26 Nov 2026 09:0x WIB.
	if filepath.Dir(p) != dir || !strings.HasPrefix(filepath.Base(p), "loket-20261126-090") || !backupName.MatchString(filepath.Base(p)) {
		t.Errorf("backup path %s", p)
	}
	if runtime.GOOS != "windows" {
		st, err := os.Stat(p)
		f.must(err)
		if st.Mode().Perm() != 0o600 {
			t.Errorf("backup mode %v, want 0600", st.Mode().Perm())
		}
	}
	if n := countVisits(t, p); n != 2 {
		t.Errorf("backup holds %d visits, want 2", n)
	}
	// The copy is gzip; inside it, a plain rollback-journal file: opening
	// it needs no -wal.
	if !isGzip(p) || !strings.HasSuffix(p, ".db.gz") {
		t.Errorf("backup %s is not gzip", p)
	}
	if b := readFile(t, gunzipped(t, p)); b[18] != 1 || b[19] != 1 {
		t.Errorf("backup journal mode bytes %d %d, want 1 1", b[18], b[19])
	}
}

// A backup taken while another connection holds an open write transaction
// (the counter app saving a step) neither waits for it nor holds any of it.
func TestBackupBesideAnOpenWrite(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepRequest)
	tx, err := f.s.db.BeginTx(f.ctx, nil) // immediate: holds the write lock
	f.must(err)
	_, err = tx.Exec(`UPDATE visits SET purpose = 'belum disimpan' WHERE id = ?`, v.ID)
	f.must(err)
	p, err := BackupFile(f.ctx, f.s.Path(), t.TempDir(), f.clock.Now())
	f.must(err)
	f.must(tx.Commit())
	s, err := Open(f.ctx, gunzipped(t, p), Options{ReadOnly: true})
	f.must(err)
	defer s.Close()
	got, err := s.Visit(f.ctx, v.ID)
	f.must(err)
	if got.Purpose != "Membeli data" {
		t.Errorf("backup holds uncommitted purpose %q", got.Purpose)
	}
}

// A database closed cleanly has no -wal or -shm; the read-only copy must
// still work (SQLite creates the side files a WAL reader needs).
func TestBackupOfAClosedDatabase(t *testing.T) {
	src := closedCopy(t, paidPub)
	if _, err := os.Stat(src + "-wal"); err == nil {
		t.Fatal("fixture left a -wal")
	}
	p, err := BackupFile(context.Background(), src, t.TempDir(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if n := countVisits(t, p); n != 1 {
		t.Errorf("backup holds %d visits", n)
	}
}

func TestBackupRetentionKeepsDaysWeeksMonths(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	others := []string{"catatan.txt", "loket-lama.db", "loket-20200101-000000-sebelum-pulih.db", "loket.db", "loket-2020.db",
		"loket-20200101-000000.db.tmp"}
	for _, n := range others {
		f.must(os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600))
	}
	// A broken file under a backup name of an earlier version: never
	// counted (it would push out a good copy), never removed.
	broken := "loket-20260101-090000.db"
	f.must(os.WriteFile(filepath.Join(dir, broken), []byte("SQLite format 3\x00rusak"), 0o600))
	// Backups over 10 days, two a day: the folder keeps what retain
	// chooses (the rule itself is TestRetainKeepsAYearOfHistory's).
	var made []string
	for d := 0; d < 10; d++ {
		for i := 0; i < 2; i++ {
			f.clock.Add(time.Hour)
			p, err := f.s.Backup(f.ctx, dir)
			f.must(err)
			made = append(made, filepath.Base(p))
		}
		f.clock.Add(22 * time.Hour)
	}
	// Two in the same second get distinct names, and the later one is newer.
	p1, err := f.s.Backup(f.ctx, dir)
	f.must(err)
	p2, err := f.s.Backup(f.ctx, dir)
	f.must(err)
	if p1 == p2 || strings.HasSuffix(p1, "-2.db.gz") || !strings.HasSuffix(p2, "-2.db.gz") {
		t.Errorf("same-second backups: %s, %s", p1, p2)
	}
	made = append(made, filepath.Base(p1), filepath.Base(p2))

	var entries []backupEntry
	for _, n := range made {
		m := backupName.FindStringSubmatch(n)
		tm, _ := time.ParseInLocation("20060102150405", m[1]+m[2], valid.WIB)
		k := 1
		if m[3] != "" {
			fmt.Sscan(m[3], &k)
		}
		entries = append(entries, backupEntry{n, m[1] + m[2], k, tm})
	}
	keep := retain(entries, "")
	got := listDir(t, dir)
	want := append([]string{broken}, others...)
	for n := range keep {
		want = append(want, n)
	}
	if fmt.Sprint(sorted(got)) != fmt.Sprint(sorted(want)) {
		t.Errorf("folder holds\n%v\nwant\n%v", sorted(got), sorted(want))
	}
	if !keep[filepath.Base(p2)] || len(keep) < BackupDaily || len(keep) > 10 {
		t.Errorf("kept %v", keep)
	}
	for _, n := range got {
		if strings.HasSuffix(n, ".gz") {
			countVisits(t, filepath.Join(dir, n))
			break
		}
	}
}

// TestRetainKeepsAYearOfHistory: three backups a day for 400 days keep
// the newest of each of the last 7 days, 4 ISO weeks and 12 months, so the
// oldest kept copy is about a year old however many runs a day there are.
func TestRetainKeepsAYearOfHistory(t *testing.T) {
	start := time.Date(2025, 10, 1, 8, 0, 0, 0, valid.WIB)
	var list []backupEntry
	for d := 0; d < 400; d++ {
		for i := 0; i < 3; i++ {
			tm := start.AddDate(0, 0, d).Add(time.Duration(i) * time.Hour)
			st := tm.Format("20060102150405")
			list = append(list, backupEntry{"loket-" + st[:8] + "-" + st[8:] + ".db.gz", st, 1, tm})
		}
	}
	newest := list[len(list)-1]
	keep := retain(list, "")
	if !keep[newest.name] {
		t.Error("the newest backup was pruned")
	}
	days, weeks, months := map[string]bool{}, map[string]bool{}, map[string]bool{}
	oldest := newest.t
	for _, e := range list {
		if !keep[e.name] {
			continue
		}
		if days[e.t.Format("2006-01-02")] {
			t.Errorf("two backups of %s kept", e.t.Format("2006-01-02"))
		}
		days[e.t.Format("2006-01-02")] = true
		y, w := e.t.ISOWeek()
		weeks[fmt.Sprint(y, w)] = true
		months[e.t.Format("2006-01")] = true
		if e.t.Before(oldest) {
			oldest = e.t
		}
		if e.t.Hour() != 10 {
			t.Errorf("%s kept, not the newest of its day", e.name)
		}
	}
	if len(months) != BackupMonthly || len(weeks) < BackupWeekly || len(days) > BackupDaily+BackupWeekly+BackupMonthly {
		t.Errorf("kept %d days, %d weeks, %d months", len(days), len(weeks), len(months))
	}
	if age := newest.t.Sub(oldest); age < 300*24*time.Hour || age > 366*24*time.Hour {
		t.Errorf("oldest kept backup is %v old", age)
	}
}

// gunzipped decompresses a backup into a test file and returns its path.
func gunzipped(t *testing.T, gz string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "plain.db")
	if err := os.WriteFile(out, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := gunzipFile(gz, out); err != nil {
		t.Fatal(err)
	}
	return out
}

func sorted(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}

func TestAutoBackupOncePerDay(t *testing.T) {
	f := newFixture(t)
	f.walk(paidPub, StepGuestBook)
	p, err := f.s.AutoBackup(f.ctx)
	f.must(err)
	if filepath.Dir(p) != filepath.Join(filepath.Dir(f.s.Path()), "backup") {
		t.Errorf("auto backup at %s", p)
	}
	f.clock.Add(3 * time.Hour)
	again, err := f.s.AutoBackup(f.ctx)
	f.must(err)
	if again != "" {
		t.Errorf("second auto backup the same day: %s", again)
	}
	f.clock.Add(24 * time.Hour)
	next, err := f.s.AutoBackup(f.ctx)
	f.must(err)
	if next == "" || next == p {
		t.Errorf("next day's auto backup: %q", next)
	}
	day, err := f.s.Meta(f.ctx, MetaLastBackupDay)
	f.must(err)
	if day != "2026-11-27" {
		t.Errorf("last_backup_day = %q", day)
	}
}

func TestBackupRefusesWhatIsNotLoket(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T, path string)
		want string
	}{
		{"random bytes", func(t *testing.T, p string) { randomFile(t, p, 8192) }, "bukan berkas basis data SQLite"},
		{"another SQLite database", otherSQLite, "bukan milik loket"},
		{"empty file", func(t *testing.T, p string) { os.WriteFile(p, nil, 0o600) }, "berkas kosong"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := tempPath(t, "x.db")
			c.make(t, path)
			before := readFile(t, path)
			out := t.TempDir()
			_, err := BackupFile(context.Background(), path, out, time.Now())
			if !errors.Is(err, ErrNotLoket) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want …%s…", err, c.want)
			}
			sameBytes(t, path, before)
			if got := listDir(t, out); len(got) != 0 {
				t.Errorf("left %v in the backup folder", got)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		path := tempPath(t, "x.db")
		_, err := BackupFile(context.Background(), path, t.TempDir(), time.Now())
		if err == nil || !strings.Contains(err.Error(), "tidak ditemukan") {
			t.Fatalf("err = %v", err)
		}
		if _, err := os.Stat(path); err == nil {
			t.Error("backup created the database")
		}
	})
	t.Run("destination is a file", func(t *testing.T) {
		src := closedCopy(t, paidPub)
		out := tempPath(t, "bukan-folder")
		if err := os.WriteFile(out, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := BackupFile(context.Background(), src, out, time.Now())
		if err == nil || !strings.Contains(err.Error(), "tidak dapat dibuat") {
			t.Fatalf("err = %v", err)
		}
	})
}

// A backup made with the PC's clock behind (a dead CMOS battery) is dated
// before the copies already in the folder. Retention alone would prune it
// at once, although `loket backup` had just printed its path: the copy
// just made is always kept, and the later-dated copies stay too.
func TestBackupWithTheClockBehindIsKept(t *testing.T) {
	src := closedCopy(t, paidPub)
	dir := t.TempDir()
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, valid.WIB)
	var later []string
	// The newest copies of the same day, week and month, and of later
	// days: every bucket the new copy could take is filled.
	for d := 0; d < 3; d++ {
		n := "loket-" + now.AddDate(0, 0, d).Add(time.Hour).Format("20060102-150405") + ".db.gz"
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		later = append(later, n)
	}
	p, err := BackupFile(context.Background(), src, dir, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("the backup just made was pruned: %v", err)
	}
	if n := countVisits(t, p); n != 1 {
		t.Errorf("backup holds %d visits", n)
	}
	if _, err := os.Stat(filepath.Join(dir, later[0])); err != nil {
		t.Errorf("a later copy of the same day was removed: %v", err)
	}
}

// Two databases backed up into one folder (loket.db and demo.db beside
// each other share backup/) over 40 days, one backup each a day: each keeps
// exactly what retention keeps of its own backups, as if alone in the
// folder. Before backups carried their database's identity, the second
// backup of a day pruned the first database's copy of that day.
func TestBackupRetentionPerDatabase(t *testing.T) {
	a, b := closedCopy(t, paidPub), closedCopy(t, paidPub, microdata)
	dir := t.TempDir()
	start := time.Date(2026, 1, 5, 8, 0, 0, 0, valid.WIB)
	var madeA, madeB []string
	for d := 0; d < 40; d++ {
		day := start.AddDate(0, 0, d)
		pa, err := BackupFile(context.Background(), a, dir, day)
		if err != nil {
			t.Fatal(err)
		}
		pb, err := BackupFile(context.Background(), b, dir, day.Add(30*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		madeA, madeB = append(madeA, filepath.Base(pa)), append(madeB, filepath.Base(pb))
	}
	want := append(keptOf(t, madeA), keptOf(t, madeB)...)
	got := listDir(t, dir)
	if fmt.Sprint(sorted(got)) != fmt.Sprint(sorted(want)) {
		t.Errorf("folder holds\n%v\nwant each database's own retention\n%v", sorted(got), sorted(want))
	}
	// 40 days: 7 days, plus the newest of 4 weeks and 2 months not among
	// them; the rule prunes within each database's set.
	if n := len(keptOf(t, madeA)); n < BackupDaily+1 || n >= 40 {
		t.Errorf("database a keeps %d of 40", n)
	}
	for _, n := range got {
		switch {
		case slices.Contains(madeA, n) && countVisits(t, filepath.Join(dir, n)) != 1,
			slices.Contains(madeB, n) && countVisits(t, filepath.Join(dir, n)) != 2:
			t.Errorf("%s holds the other database", n)
		}
	}
}

// keptOf returns the names retain keeps of one database's backups.
func keptOf(t *testing.T, names []string) []string {
	t.Helper()
	var list []backupEntry
	for _, n := range names {
		m := backupName.FindStringSubmatch(n)
		if m == nil {
			t.Fatalf("%s is not a backup name", n)
		}
		tm, _ := time.ParseInLocation("20060102150405", m[1]+m[2], valid.WIB)
		list = append(list, backupEntry{n, m[1] + m[2], 1, tm})
	}
	var out []string
	for n := range retain(list, "") {
		out = append(out, n)
	}
	return out
}

// A backup without an identity (a .db.gz from before backups were tagged,
// a .db of an earlier version) may be another database's only copy: a new
// backup's retention neither counts nor removes it, even one of the same
// day (which the daily rule would prune) and even when no other database's
// tagged backup is in the folder. The same database's older tagged copy of
// the day is pruned as before.
func TestUntaggedBackupIsNotPrunedByAnotherDatabase(t *testing.T) {
	other, mine := closedCopy(t, paidPub, microdata), closedCopy(t, paidPub)
	dir := t.TempDir()
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, valid.WIB)
	raw := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(raw, readFile(t, other), 0o600); err != nil {
		t.Fatal(err)
	}
	oldGz := "loket-" + now.Add(-2*time.Hour).Format("20060102-150405") + ".db.gz"
	oldDB := "loket-" + now.Add(-3*time.Hour).Format("20060102-150405") + ".db"
	if err := os.WriteFile(filepath.Join(dir, oldGz), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := gzipFile(raw, filepath.Join(dir, oldGz), ""); err != nil { // as written before tags
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, oldDB), readFile(t, raw), 0o600); err != nil {
		t.Fatal(err)
	}
	first, err := BackupFile(context.Background(), mine, dir, now.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	p, err := BackupFile(context.Background(), mine, dir, now)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{oldDB, oldGz, filepath.Base(p)}
	if got := listDir(t, dir); fmt.Sprint(sorted(got)) != fmt.Sprint(sorted(want)) {
		t.Errorf("folder holds %v, want %v (the same day's earlier %s pruned, the untagged kept)", sorted(got), sorted(want), filepath.Base(first))
	}
	if n := countVisits(t, filepath.Join(dir, oldGz)); n != 2 {
		t.Errorf("untagged backup holds %d visits", n)
	}
}

// The identity in the gzip header differs between two databases, and
// between two counters whose database has the same path (two PCs); it
// leaves check, the restore dry run and restore reading the backup whole.
func TestBackupTagRoundTrip(t *testing.T) {
	src := closedCopy(t, paidPub)
	dir := t.TempDir()
	p, err := BackupFile(context.Background(), src, dir, time.Date(2026, 3, 10, 9, 0, 0, 0, valid.WIB))
	if err != nil {
		t.Fatal(err)
	}
	tag := readBackupTag(p)
	if !strings.HasPrefix(tag, backupTagPrefix) {
		t.Fatalf("backup header comment %q", tag)
	}
	db, err := openReadOnly(src)
	if err != nil {
		t.Fatal(err)
	}
	same, err := backupTag(context.Background(), db, src)
	db.Close()
	if err != nil || same != tag {
		t.Errorf("tag of the same database %q, %v; want %q", same, err, tag)
	}
	other := closedCopy(t, paidPub)
	odb, err := openReadOnly(other)
	if err != nil {
		t.Fatal(err)
	}
	otherTag, err := backupTag(context.Background(), odb, other)
	odb.Close()
	if err != nil || otherTag == tag {
		t.Errorf("another database's tag %q, %v", otherTag, err)
	}
	// Another PC: the same path, another counter.
	rw, err := Open(context.Background(), src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = rw.db.Exec(`UPDATE counters SET uid = 'ffffffffffffffffffffffffffffffff' WHERE id = 1`)
	if err != nil {
		t.Fatal(err)
	}
	pcTag, err := backupTag(context.Background(), rw.db, src)
	rw.Close()
	if err != nil || pcTag == tag {
		t.Errorf("another counter at the same path: tag %q, %v", pcTag, err)
	}

	if n := countVisits(t, p); n != 1 {
		t.Errorf("check of the tagged backup: %d visits", n)
	}
	to := filepath.Join(t.TempDir(), "loket.db")
	if _, err := PlanRestore(context.Background(), p, to, time.Now()); err != nil {
		t.Fatalf("restore dry run: %v", err)
	}
	if _, err := Restore(context.Background(), p, to, time.Now()); err != nil {
		t.Fatalf("restore: %v", err)
	}
	if n := countVisits(t, to); n != 1 {
		t.Errorf("restored database holds %d visits", n)
	}
}
