package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"time"

	"loket/store/valid"
)

// BackupKeep is how many backups named by Backup a folder keeps: the newest
// 30, about a month of daily automatic copies.
const BackupKeep = 30

// MetaLastBackupDay is the meta key holding the WIB day of the last
// automatic backup.
const MetaLastBackupDay = "last_backup_day"

// backupName matches the names Backup gives, and only those: pruning never
// touches any other file in the folder.
var backupName = regexp.MustCompile(`^loket-(\d{8})-(\d{6})(?:-(\d+))?\.db$`)

// BackupDir is the folder beside the database where AutoBackup writes and
// where restore keeps the database it replaces.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backup") }

// Backup writes a consistent copy of the database into dir (created if
// needed, a flashdisk included) and returns its path. See BackupFile.
func (s *Store) Backup(ctx context.Context, dir string) (string, error) {
	return BackupFile(ctx, s.path, dir, s.now())
}

// AutoBackup makes the day's automatic backup into BackupDir on the first
// call of each WIB day and records the day under MetaLastBackupDay; later
// calls that day return "" and do nothing. The counter app runs it once
// after its first frame, in the background, so the officer never waits for
// it; a failure is shown to the officer and changes nothing else. It needs
// a writable store (it records the day).
func (s *Store) AutoBackup(ctx context.Context) (string, error) {
	day := Day(s.now())
	last, err := s.Meta(ctx, MetaLastBackupDay)
	if err != nil {
		return "", err
	}
	if last == day {
		return "", nil
	}
	p, err := s.Backup(ctx, BackupDir(s.path))
	if err != nil {
		return "", err
	}
	return p, s.SetMeta(ctx, MetaLastBackupDay, day)
}

// BackupFile writes a consistent copy of the loket database at dbPath into
// dir as loket-YYYYMMDD-HHMMSS.db (the WIB time of now), mode 0600, and
// keeps only the newest BackupKeep files of that name pattern in dir. It
// returns the copy's path.
//
// The copy is made with VACUUM INTO on a read-only (mode=ro) connection: it
// reads one snapshot, so it works beside a running counter app, never blocks
// its writes and holds whole commits only. It reads any schema version, so a
// database can be copied before an upgrade. The copy is flushed to disk and
// checked (quick_check) before the path is returned.
func BackupFile(ctx context.Context, dbPath, dir string, now time.Time) (string, error) {
	db, err := openReadOnly(dbPath)
	if err != nil {
		return "", fmt.Errorf("cadangan: %w", err)
	}
	defer db.Close()
	if _, err := identify(ctx, db, dbPath); err != nil {
		return "", fmt.Errorf("cadangan: %w", err)
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return "", fmt.Errorf("cadangan: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("cadangan: folder %s tidak dapat dibuat: %w", dir, err)
	}
	stamp := now.In(valid.WIB).Format("20060102-150405")
	out, err := createExclusive(dir, "loket-"+stamp, ".db")
	if err != nil {
		return "", fmt.Errorf("cadangan: %w", err)
	}
	if err := vacuumInto(ctx, db, out); err != nil {
		return "", fmt.Errorf("cadangan: %w", err)
	}
	pruneBackups(dir, BackupKeep)
	return out, nil
}

// pruneBackups removes all but the newest keep files named like Backup's
// copies. It is best effort: a copy that cannot be removed (a read-only
// flashdisk) stays, and the new backup is not failed for it.
func pruneBackups(dir string, keep int) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type entry struct {
		name, stamp string
		n           int
	}
	var list []entry
	for _, e := range ents {
		m := backupName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		n := 1
		if m[3] != "" {
			fmt.Sscan(m[3], &n)
		}
		list = append(list, entry{e.Name(), m[1] + m[2], n})
	}
	// Newest first: by the time in the name, then by the -N suffix that
	// told apart copies of the same second.
	sort.Slice(list, func(i, j int) bool {
		if list[i].stamp != list[j].stamp {
			return list[i].stamp > list[j].stamp
		}
		return list[i].n > list[j].n
	})
	for _, e := range list[min(keep, len(list)):] {
		os.Remove(filepath.Join(dir, e.name))
	}
}
