package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"time"

	"loket/store/valid"
)

// Retention: a folder keeps the newest verified backup of each of the last
// BackupDaily days, BackupWeekly ISO weeks and BackupMonthly months that
// have one. Counting days, weeks and months (not files) means a run of
// interrupted or repeated backups can never push out every good copy: last
// month's copy stays however many runs happen today.
const (
	BackupDaily   = 7
	BackupWeekly  = 4
	BackupMonthly = 12
)

// MetaLastBackupDay is the meta key holding the WIB day of the last
// automatic backup.
const MetaLastBackupDay = "last_backup_day"

// backupName matches the names Backup gives, and only those: pruning never
// touches any other file in the folder. ".db.gz" is what Backup writes now;
// ".db" is what earlier versions wrote, left alone by pruning (it carries
// no identity of its database, see pruneBackups).
var backupName = regexp.MustCompile(`^loket-(\d{8})-(\d{6})(?:-(\d+))?\.db(\.gz)?$`)

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
// a writable store (it records the day). Every call also removes loket's
// own leftovers (an hour old or more) beside the database and in
// BackupDir: temporary files of a backup, export or restore that was
// interrupted.
func (s *Store) AutoBackup(ctx context.Context) (string, error) {
	removeLeftovers(filepath.Dir(s.path), time.Now())
	removeLeftovers(BackupDir(s.path), time.Now())
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

// BackupFile writes a verified, compressed copy of the loket database at
// dbPath into dir as loket-YYYYMMDD-HHMMSS.db.gz (the WIB time of now),
// mode 0600, prunes the folder (see BackupDaily) and returns the copy's
// path. A file under that name is always whole and verified:
//
//  1. VACUUM INTO a temporary file .loket-cadangan-*.tmp in dir, on a
//     read-only (mode=ro) connection: one snapshot, so it works beside a
//     running counter app, never blocks its writes and holds whole commits
//     only. It reads any schema version, so a database can be copied before
//     an upgrade;
//  2. quick_check of the copy and the check that it is a loket database;
//  3. gzip into a second temporary file, flushed to disk (fsync);
//  4. rename to the final name, and the folder flushed.
//
// A process killed at any point leaves only temporary names, which the
// next backup (or the app's AutoBackup) removes once they are an hour old:
// an hour, because `loket backup` and the app's automatic copy may run at
// the same time and neither may delete the other's work in progress.
//
// gzip, not zstd: zstd makes a set about a fifth smaller (5.3× against
// 4.2× on a year of visits), but gzip is in Go's standard library, so a
// backup needs no dependency and opens with any tool on any PC.
func BackupFile(ctx context.Context, dbPath, dir string, now time.Time) (string, error) {
	db, err := openReadOnly(dbPath)
	if err != nil {
		return "", fmt.Errorf("cadangan: %w", err)
	}
	defer db.Close()
	if _, err := identify(ctx, db, dbPath); err != nil {
		return "", fmt.Errorf("cadangan: %w", err)
	}
	tag, err := backupTag(ctx, db, dbPath)
	if err != nil {
		return "", fmt.Errorf("cadangan: %w", err)
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return "", fmt.Errorf("cadangan: %w", err)
	}
	if err := makeBackupDir(dir); err != nil {
		return "", err
	}
	removeLeftovers(dir, time.Now())
	raw, err := tempFile(dir, ".loket-cadangan-*.tmp")
	if err != nil {
		return "", fmt.Errorf("cadangan: %w", writeErr(dir, err))
	}
	defer os.Remove(raw)
	if err := vacuumInto(ctx, db, raw); err != nil {
		return "", fmt.Errorf("cadangan: %w", err)
	}
	if err := verifyLoket(ctx, raw); err != nil {
		return "", fmt.Errorf("cadangan: %w", err)
	}
	gz, err := tempFile(dir, ".loket-cadangan-*.gz.tmp")
	if err != nil {
		return "", fmt.Errorf("cadangan: %w", writeErr(dir, err))
	}
	defer os.Remove(gz) // a no-op once renamed
	if err := gzipFile(raw, gz, tag); err != nil {
		return "", fmt.Errorf("cadangan: %w", writeErr(dir, err))
	}
	os.Remove(raw)
	stamp := now.In(valid.WIB).Format("20060102-150405")
	out, err := renameUnique(gz, dir, "loket-"+stamp, ".db.gz")
	if err != nil {
		return "", fmt.Errorf("cadangan: %w", writeErr(dir, err))
	}
	syncDir(dir)
	pruneBackups(dir, filepath.Base(out), tag)
	return out, nil
}

// makeBackupDir creates the backup folder, saying plainly when the path is
// a file or cannot be written.
func makeBackupDir(dir string) error {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return fmt.Errorf("cadangan: folder %s tidak dapat dibuat: sudah ada berkas bernama itu, bukan folder; pilih folder lain dengan --out", dir)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cadangan: folder %s tidak dapat dibuat: %w", dir, writeErr(dir, err))
	}
	return nil
}

// renameUnique renames tmp to base+ext in dir, or base-2+ext, base-3+ext…
// when that name is taken, and returns the new path. A hard link refuses
// an existing name atomically, so two backups of the same second never
// overwrite each other; where the file system has no hard links (FAT on a
// flashdisk) a plain rename after a look is the best there is.
func renameUnique(tmp, dir, base, ext string) (string, error) {
	for i := 1; i < 1000; i++ {
		name := base + ext
		if i > 1 {
			name = fmt.Sprintf("%s-%d%s", base, i, ext)
		}
		p := filepath.Join(dir, name)
		err := os.Link(tmp, p)
		if err == nil {
			return p, os.Remove(tmp)
		}
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if _, serr := os.Lstat(p); serr == nil {
			continue
		}
		if err := os.Rename(tmp, p); err != nil {
			return "", err
		}
		return p, nil
	}
	return "", fmt.Errorf("terlalu banyak berkas bernama %s di %s", base, dir)
}

// backupEntry is one file of the folder named like a backup.
type backupEntry struct {
	name, stamp string // stamp is YYYYMMDDHHMMSS
	n           int
	t           time.Time
}

// pruneBackups applies the retention rule (BackupDaily, BackupWeekly,
// BackupMonthly) to the backups in dir whose header carries tag, the
// identity of the database just backed up (see backupTag), and removes the
// others of that set. A .db.gz is verified by construction (the name is
// given only after the checks). made, the backup just written, is never
// removed (see retain).
//
// Backups of another database, and backups without an identity (a .db of
// an earlier version, a .db.gz written before backups were tagged, a file
// that is not gzip), are neither counted nor removed. An untagged backup
// may be any database's, and may be that database's only copy: two
// databases backed up into one folder before this version both left
// untagged files there, so even a folder with no other database's tagged
// backup can hold another database's untagged one. Leaving every untagged
// backup alone is the only rule that can never delete another database's
// copy; they are at most the 23 or so an earlier retention kept per
// folder, and the officer deletes them by hand when no longer wanted.
//
// Pruning is best effort: a copy that cannot be removed (a read-only
// flashdisk) stays, and the new backup is not failed for it.
func pruneBackups(dir, made, tag string) {
	if tag == "" {
		return
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	var list []backupEntry
	for _, e := range ents {
		m := backupName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() || m[4] == "" {
			continue
		}
		if readBackupTag(filepath.Join(dir, e.Name())) != tag {
			continue
		}
		t, err := time.ParseInLocation("20060102150405", m[1]+m[2], valid.WIB)
		if err != nil {
			continue
		}
		n := 1
		if m[3] != "" {
			fmt.Sscan(m[3], &n)
		}
		list = append(list, backupEntry{e.Name(), m[1] + m[2], n, t})
	}
	keep := retain(list, made)
	for _, e := range list {
		if !keep[e.name] {
			os.Remove(filepath.Join(dir, e.name))
		}
	}
}

// retain returns the names the retention rule keeps: walking from the
// newest, the first backup of each new day while fewer than BackupDaily
// days are kept, likewise per ISO week and per month. The newest backup by
// its name is always kept, and so is made, the backup just written, whatever
// its name says: with the PC's clock behind (a dead CMOS battery) it is
// dated before copies already in the folder, and the rule alone would prune
// the very file `loket backup` just printed. It does not count for a day,
// week or month, so it pushes out nothing.
func retain(list []backupEntry, made string) map[string]bool {
	// Newest first: by the time in the name, then by the -N suffix that
	// told apart copies of the same second.
	sort.Slice(list, func(i, j int) bool {
		if list[i].stamp != list[j].stamp {
			return list[i].stamp > list[j].stamp
		}
		return list[i].n > list[j].n
	})
	keep := map[string]bool{}
	days, weeks, months := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, e := range list {
		day := e.t.Format("2006-01-02")
		y, w := e.t.ISOWeek()
		week := fmt.Sprintf("%d-%02d", y, w)
		month := e.t.Format("2006-01")
		if !days[day] && len(days) < BackupDaily {
			days[day] = true
			keep[e.name] = true
		}
		if !weeks[week] && len(weeks) < BackupWeekly {
			weeks[week] = true
			keep[e.name] = true
		}
		if !months[month] && len(months) < BackupMonthly {
			months[month] = true
			keep[e.name] = true
		}
	}
	if made != "" {
		keep[made] = true
	}
	return keep
}
