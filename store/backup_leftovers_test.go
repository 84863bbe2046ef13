package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Leftovers: loket's own temporary names go once an hour old — a recap's,
// a workbook under a name --out gave, upgrade's .db.part, the .part of
// salin-tanpa-identitas — and nothing else: not a young file (a backup or
// export running now), not another program's file, not the database's own
// journal. A stray journal beside a good backup of an earlier version goes
// alone; a hot journal beside a copy that does not check takes the copy.
func TestRemoveLeftoversOnlyOldOwnNames(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(closedCopy(t, paidPub))
	if err != nil {
		t.Fatal(err)
	}
	sqliteJunk := []byte("SQLite format 3\x00" + string(make([]byte, 4000)))
	files := map[string][]byte{
		// Old leftovers of loket's own.
		".rekap-pst-2026-11.xlsx.123456.tmp":              []byte("x"),
		".rekap-pst-2026-11.xlsx.123456.tmp-journal":      []byte("x"),
		".x.xlsx.42.tmp":                                  []byte("x"),
		".laporan-pst-2026-11-26.xlsx.9.tmp":              []byte("x"),
		".loket-cadangan-77.gz.tmp":                       []byte("x"),
		"loket-sebelum-upgrade-20261126-090000.db.part":   sqliteJunk,
		"loket-sebelum-upgrade-20261126-090000-2.db.part": sqliteJunk,
		"provinsi.db.part":                                sqliteJunk,
		"provinsi.db.part-wal":                            []byte("x"),
		"loket-20261102-090000.db":                        sqliteJunk, // cut off, with a hot journal
		"loket-20261102-090000.db-journal":                []byte("hot journal"),
		"loket-20261101-090000.db-journal":                nil, // stray, empty, beside a good backup
		"loket-20261101-090000.db":                        good,
		"loket-20261103-090000-sebelum-pulih.db-journal":  nil,
		"loket-20261103-090000-sebelum-pulih.db":          good,
		"loket-20261104-090000.db-journal":                []byte("hot, but the copy checks"),
		"loket-20261104-090000.db":                        good,
	}
	kept := map[string][]byte{
		// Another program's files, however old.
		"catatan.txt":              []byte("x"),
		".x.xlsx.tmp":              []byte("x"),
		"~$laporan.xlsx":           []byte("x"),
		"film.mkv.part":            []byte("not SQLite"),
		"loket.db":                 good,
		"loket.db-journal":         []byte("the database's own journal"),
		".loket-cadangan-x.tmp":    []byte("x"),
		"loket-sebelum-upgrade.db": good,
	}
	young := ".rekap-pst-2026-12.xlsx.999.tmp" // a recap being written now
	old := time.Now().Add(-2 * LeftoverAge)
	for name, b := range files {
		writeAged(t, filepath.Join(dir, name), b, old)
	}
	for name, b := range kept {
		writeAged(t, filepath.Join(dir, name), b, old)
	}
	writeAged(t, filepath.Join(dir, young), []byte("x"), time.Now())

	RemoveLeftovers(dir)

	want := map[string]bool{young: true, "loket-20261101-090000.db": true, "loket-20261103-090000-sebelum-pulih.db": true,
		"loket-20261104-090000.db": true}
	for name := range kept {
		want[name] = true
	}
	got := map[string]bool{}
	for _, n := range listDir(t, dir) {
		got[n] = true
		if !want[n] {
			t.Errorf("%s not removed", n)
		}
	}
	for n := range want {
		if !got[n] {
			t.Errorf("%s removed", n)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "loket-20261101-090000.db")); string(b) != string(good) {
		t.Error("the good backup beside a stray journal changed")
	}
}

func writeAged(t *testing.T, path string, b []byte, at time.Time) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, at, at); err != nil {
		t.Fatal(err)
	}
}
