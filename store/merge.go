package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// ErrArchive refuses to write to an archive (the result of loket gabung)
// anywhere but in a merge: its records belong to the counters they came
// from, and only a merge of those counters' own databases may change them.
var ErrArchive = errors.New("basis data arsip gabungan")

// ErrMergeConflict is a merge refused because a record could not belong to
// one counter only: the archive is left as it was before that source.
var ErrMergeConflict = errors.New("konflik penggabungan")

// archiveKey is the meta row that marks an archive. It needs no migration:
// meta exists since schema 1.
const archiveKey = "archive"

// archiveCounterCode is the counter code of the archive's own row 1 in
// counters. An archive is no counter: its row must not take the office and
// counter code of the first counter merged into it (UNIQUE (office_code,
// counter_code)), and a counter code is one letter A–Z, so this cannot
// collide with any real one.
const archiveCounterCode = "-"

// refuseArchive is Open's hook: a writable open of an archive is refused
// unless it is a merge's (Options.Archive).
func (s *Store) refuseArchive(ctx context.Context) error {
	is, err := isArchive(ctx, s.db)
	if err != nil {
		return err
	}
	if is {
		return refuse(ErrArchive, "%s adalah arsip gabungan (loket gabung): arsip hanya dibaca — ekspor, laporan, periksa dan cetak ulang dokumen — dan hanya diubah oleh loket gabung; buka basis data loket untuk melayani", s.path)
	}
	return nil
}

type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func isArchive(ctx context.Context, q queryRower) (bool, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, archiveKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: baca penanda arsip: %w", mapErr(err))
	}
	return v == "1", nil
}

// IsArchive reports whether the open database is an archive.
func (s *Store) IsArchive(ctx context.Context) (bool, error) { return isArchive(ctx, s.db) }

// MergeResult is what one source brought into the archive.
type MergeResult struct {
	Source  string // the source's path
	Counter string // office and counter code, e.g. "1906/A"
	// Added and Updated count records (audit rows not included) new to
	// the archive and changed since the last merge of this counter.
	Added, Updated int
	Audit          int // audit rows added
	Erased         int // erasures newly applied in the archive
	// Linked counts the source's visitors whose ID number a visitor of
	// another counter in the archive has: the same person seen at two
	// counters, linked in visitor_links (merge_links.go). Both records are
	// kept; only the count is reported (no personal value leaves the
	// archive in a message).
	Linked   int
	UpToDate bool // nothing past what was merged before: nothing done
	Older    bool // a copy older than what was merged before: skipped
}

// MergeOptions are the choices of a merge.
type MergeOptions struct {
	// Progress gets one line per source; nil for none.
	Progress io.Writer
	// WithoutIdentity merges each source through a copy without any
	// visitor's identity (CopyWithoutIdentity), made as a 0600 file beside
	// the archive and removed after: the archive never holds a personal
	// value. An archive is either with identities or without; the two are
	// not mixed (merger.identity).
	WithoutIdentity bool
}

// Merge merges the databases at sources into the archive at archivePath,
// creating it (mode 0600) if it is missing. Each source is opened
// read-only (SQLite mode=ro) and merged in one transaction: a refused
// source, an error or a kill leaves the archive as it was before that
// source, or as it is after it, never between. The archive is held under
// the app's lock (LockApp) for the whole run. progress gets one line per
// source; nil for none. It returns the results of the sources merged so
// far, with the error of the first that was refused.
func Merge(ctx context.Context, archivePath string, sources []string, progress io.Writer) ([]MergeResult, error) {
	return MergeWith(ctx, archivePath, sources, MergeOptions{Progress: progress})
}

// MergeWith is Merge with its options.
func MergeWith(ctx context.Context, archivePath string, sources []string, opts MergeOptions) ([]MergeResult, error) {
	progress := opts.Progress
	if progress == nil {
		progress = io.Discard
	}
	// Every source is checked before the archive is created or locked, so
	// a typo leaves no empty archive behind.
	for _, src := range sources {
		if err := refuseSameFile(archivePath, src); err != nil {
			return nil, err
		}
		if err := checkSource(ctx, src, mergeUntouched); err != nil {
			return nil, err
		}
	}
	unlock, err := LockApp(archivePath)
	if errors.Is(err, ErrLocked) {
		return nil, refuse(ErrLocked, "%s sedang dipakai oleh loket gabung lain atau oleh aplikasi loket; tunggu sampai selesai lalu jalankan lagi, arsip tidak diubah", archivePath)
	}
	if err != nil {
		return nil, err
	}
	defer unlock()
	a, err := Open(ctx, archivePath, Options{Archive: true})
	if err != nil {
		return nil, err
	}
	defer a.Close()
	if err := a.markArchive(ctx); err != nil {
		return nil, err
	}
	var out []MergeResult
	for i, src := range sources {
		start := time.Now()
		fmt.Fprintf(progress, "gabung %d/%d: %s …\n", i+1, len(sources), src)
		r, err := a.mergeFrom(ctx, src, i, opts.WithoutIdentity, progress)
		if err != nil {
			return out, err
		}
		out = append(out, r)
		fmt.Fprintf(progress, "gabung %d/%d: %s\n", i+1, len(sources), r.describe(time.Since(start)))
	}
	return out, nil
}

// mergeFrom merges one source, through a copy without identity when asked.
// The copy is named after the archive and the source's place in the list,
// so a copy left by a killed run is found and replaced by the next.
func (a *Store) mergeFrom(ctx context.Context, src string, i int, withoutIdentity bool, progress io.Writer) (MergeResult, error) {
	if !withoutIdentity {
		return a.mergeSource(ctx, src, src)
	}
	tmp := fmt.Sprintf("%s.tanpa-identitas-%d.tmp", a.path, i+1)
	removeDB(tmp)
	defer removeDB(tmp)
	defer removeDB(tmp + ".part")
	fmt.Fprintf(progress, "gabung %d: %s disalin tanpa identitas ke %s …\n", i+1, src, tmp)
	if _, err := CopyWithoutIdentity(ctx, src, tmp); err != nil {
		return MergeResult{Source: src}, err
	}
	return a.mergeSource(ctx, tmp, src)
}

func (r MergeResult) describe(took time.Duration) string {
	switch {
	case r.UpToDate:
		return fmt.Sprintf("%s (loket %s): sudah digabung sebelumnya, tidak ada yang baru", r.Source, r.Counter)
	case r.Older:
		return fmt.Sprintf("%s (loket %s): salinan ini lebih lama dari yang sudah digabung; dilewati, arsip tidak diubah", r.Source, r.Counter)
	}
	return fmt.Sprintf("%s (loket %s): %d catatan baru, %d diperbarui, %d baris audit, %d penghapusan data pribadi, %d pengunjung juga tercatat di loket lain (nomor identitas sama; kedua catatan disimpan), dalam %.1f detik",
		r.Source, r.Counter, r.Added, r.Updated, r.Audit, r.Erased, r.Linked, took.Seconds())
}

// refuseSameFile refuses a source that is the archive itself.
func refuseSameFile(archivePath, src string) error {
	as, err := os.Stat(archivePath)
	if err != nil {
		return nil // a new archive is no source
	}
	ss, err := os.Stat(src)
	if err == nil && os.SameFile(as, ss) {
		return refuse(ErrMergeConflict, "%s adalah arsip tujuan itu sendiri; tidak digabung ke dirinya", src)
	}
	return nil
}

// markArchive marks the database an archive. A database that is not one
// already may become one only while it holds no visit: a counter's own
// database is never turned into an archive.
func (s *Store) markArchive(ctx context.Context) error {
	is, err := s.IsArchive(ctx)
	if err != nil || is {
		return err
	}
	var visits int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM visits`).Scan(&visits); err != nil {
		return mapErr(err)
	}
	if visits > 0 {
		return refuse(ErrArchive, "%s berisi %d kunjungan dan bukan arsip gabungan: basis data loket tidak dijadikan arsip; tulis nama berkas arsip baru di --ke", s.path, visits)
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, '1')`, archiveKey); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE counters SET counter_code = ? WHERE id = 1`, archiveCounterCode)
		return err
	})
}
