package store

import (
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
// (.loket-pulih-*.tmp), an export's or a printed document's
// (.laporan-pst-….xlsx.*.tmp, see export.WriteFile), each with the
// -journal SQLite may leave beside it.
var leftoverName = regexp.MustCompile(`^\.(?:loket-cadangan-\d+(?:\.gz)?\.tmp|loket-pulih-\d+\.tmp|(?:laporan-pst|invoice|kuitansi|lampiran-sppd)-[^/\\]+\.xlsx\.\d+\.tmp)(?:-journal)?$`)

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
		case !strings.HasPrefix(name, ".") && !strings.HasSuffix(name, "-journal"):
		case leftoverName.MatchString(name):
			if old(name) {
				os.Remove(filepath.Join(dir, name))
			}
		case partialJournal.MatchString(name):
			db := partialJournal.FindStringSubmatch(name)[1]
			if old(name) && (old(db) || !exists(filepath.Join(dir, db))) {
				os.Remove(filepath.Join(dir, db))
				os.Remove(filepath.Join(dir, name))
			}
		}
	}
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
