package store

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// LeftoverAge is how old one of loket's temporary files must be before it
// is taken for a leftover: `loket backup`, an export and the app's
// automatic backup may run at the same time, and none may delete another's
// work in progress. None of them takes anywhere near an hour.
const LeftoverAge = time.Hour

// leftoverName matches the temporary files loket itself makes, and nothing
// else: a backup's (.loket-cadangan-*.tmp, .gz.tmp), a restore's
// (.loket-pulih-*.tmp), a workbook's — an export, a recap, a printed
// document, under its own name or the one --out gave —
// (.NAME.xlsx.DIGITS.tmp, os.CreateTemp's pattern in export.WriteFile),
// and the copy `loket upgrade` makes before it migrates
// (loket-sebelum-upgrade-YYYYMMDD-HHMMSS[-N].db.part), each with the
// -journal SQLite may leave beside it.
var leftoverName = regexp.MustCompile(`^(?:\.(?:loket-cadangan-\d+(?:\.gz)?\.tmp|loket-pulih-\d+\.tmp|[^/\\]+\.xlsx\.\d+\.tmp)|loket-sebelum-upgrade-\d{8}-\d{6}(?:-\d+)?\.db\.part)(?:-journal)?$`)

// partName matches the copy `loket salin-tanpa-identitas` makes under its
// output's name plus ".part" (store.CopyWithoutIdentity). The output's name
// is the officer's, so the name alone is not loket's: such a file counts as
// a leftover only when it also starts as an SQLite database (sqliteHead).
var partName = regexp.MustCompile(`^[^/\\]+\.part(?:-journal)?$`)

// partialJournal matches the rollback journal of a backup or a copy kept
// aside by restore that an earlier version wrote straight under its final
// name and never finished: the journal and the file it belongs to are both
// a leftover.
var partialJournal = regexp.MustCompile(`^(loket-\d{8}-\d{6}(?:-\d+)?(?:-sebelum-pulih)?(?:-\d+)?\.db)-journal$`)

// RemoveLeftovers removes, from dir, the temporary files an interrupted
// backup, restore or export of loket left behind, once they are
// LeftoverAge old: only loket's own name patterns, never another file. It
// is best effort and reports nothing: a leftover that cannot be removed
// (a read-only flashdisk) harms nobody. backup, restore, export and the
// app's AutoBackup call it.
func RemoveLeftovers(dir string) { removeLeftovers(dir, time.Now()) }

func removeLeftovers(dir string, now time.Time) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	old := func(name string) bool {
		st, err := os.Lstat(filepath.Join(dir, name))
		return err == nil && st.Mode().IsRegular() && now.Sub(st.ModTime()) >= LeftoverAge
	}
	for _, e := range ents {
		name := e.Name()
		switch {
		case leftoverName.MatchString(name):
			if old(name) {
				os.Remove(filepath.Join(dir, name))
			}
		case partialJournal.MatchString(name):
			db := partialJournal.FindStringSubmatch(name)[1]
			if !old(name) || exists(filepath.Join(dir, db)) && !old(db) {
				continue
			}
			// The journal goes. The file it belongs to goes only when the
			// journal is hot (not empty: the copy was cut off) and the file
			// does not check as a whole loket database: an empty journal
			// beside a good backup of an earlier version never takes the
			// backup with it.
			j := filepath.Join(dir, name)
			st, err := os.Lstat(j)
			if err != nil {
				continue
			}
			if st.Size() > 0 && exists(filepath.Join(dir, db)) && verifyLoket(context.Background(), filepath.Join(dir, db)) != nil {
				os.Remove(filepath.Join(dir, db))
			}
			os.Remove(j)
		case partName.MatchString(name) && !strings.HasSuffix(name, "-journal"):
			if old(name) && sqliteHead(filepath.Join(dir, name)) {
				for _, p := range []string{name, name + "-journal", name + "-wal", name + "-shm"} {
					os.Remove(filepath.Join(dir, p))
				}
			}
		}
	}
}

// sqliteHead reports whether the file at path starts with SQLite's header.
func sqliteHead(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 16)
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == "SQLite format 3\x00"
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
