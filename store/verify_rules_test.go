package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A database whose audit trigger was replaced by one that never fires
// passes quick_check; the backup of it is refused, naming the trigger,
// and leaves no file in the backup folder.
func TestBackupRefusesAReplacedAuditTrigger(t *testing.T) {
	src := closedCopy(t, paidPub)
	db := rawDB(t, src)
	execAll(t, db, `DROP TRIGGER audit_no_update`, `CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit WHEN 0
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`)
	db.Close()
	dir := t.TempDir()
	p, err := BackupFile(context.Background(), src, dir, time.Now())
	if err == nil || !strings.Contains(err.Error(), "ditolak") || !strings.Contains(err.Error(), "pemicu audit_no_update diubah") {
		t.Fatalf("backup %q: %v", p, err)
	}
	if left := listDir(t, dir); len(left) != 0 {
		t.Errorf("refused backup left %v", left)
	}
}

// A backup whose row breaks a CHECK rule (written with the rules switched
// off, as an SQLite tool can) passes integrity_check on a read-only
// connection; PlanRestore and Restore refuse it, naming the rule, and the
// database to be replaced stays as it was.
func TestRestoreRefusesABackupWithABrokenRule(t *testing.T) {
	bak := closedCopy(t, paidPub)
	db := rawDB(t, bak)
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`PRAGMA ignore_check_constraints = ON`, `UPDATE visits SET status = 'Sei'`} {
		if _, err := conn.ExecContext(context.Background(), s); err != nil {
			t.Fatal(err)
		}
	}
	conn.Close()
	db.Close()
	target := closedCopy(t, microdata)
	before, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	for name, run := range map[string]func(context.Context, string, string, time.Time) (RestorePlan, error){
		"PlanRestore": PlanRestore, "Restore": Restore} {
		_, err := run(context.Background(), bak, target, restoreNow)
		if err == nil || !strings.Contains(err.Error(), "ditolak") || !strings.Contains(err.Error(), "melanggar aturan status IN") {
			t.Errorf("%s: %v", name, err)
		}
	}
	after, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Error("refused restore changed the database")
	}
	if _, err := os.Stat(filepath.Join(BackupDir(target))); err == nil {
		for _, e := range listDir(t, BackupDir(target)) {
			t.Errorf("refused restore left %s", e)
		}
	}
}
