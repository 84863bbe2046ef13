package store

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// This file holds the compressed side of backups: writing a .db.gz,
// reading one back into a temporary owner-only file for check and restore,
// and telling the officer in Indonesian why a file could not be written.

// gzipMagic starts every gzip stream.
var gzipMagic = []byte{0x1f, 0x8b}

// tempFile creates an empty owner-only file in dir named by pattern (as
// os.CreateTemp) and returns its path.
func tempFile(dir, pattern string) (string, error) {
	f, err := os.CreateTemp(dir, pattern) // mode 0600
	if err != nil {
		return "", err
	}
	name := f.Name()
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// gzipFile compresses src into dst (an existing empty file) and flushes dst
// to disk. The default level, not BestSpeed: on a demo half-year it makes
// the copy 3.98× smaller against 3.58× for about a second more per 20 MB
// (docs/benchmarks.md, "Backup set size"), and the copy runs in the
// background beside the counter while the set is kept for a year.
//
// comment goes into the gzip header's comment field (see backupTag): it
// tells whose backup this is without changing the file's name, and every
// gzip reader (loket's restore and check, gunzip, 7-Zip) skips it.
func gzipFile(src, dst, comment string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 256<<10)
	zw, err := gzip.NewWriterLevel(bw, gzip.DefaultCompression)
	if err != nil {
		out.Close()
		return err
	}
	zw.Comment = comment
	_, err = io.Copy(zw, in)
	err = errors.Join(err, zw.Close())
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = out.Sync()
	}
	return errors.Join(err, out.Close())
}

// isGzip reports whether the file at path starts like a gzip stream.
func isGzip(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 2)
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return head[0] == gzipMagic[0] && head[1] == gzipMagic[1]
}

// openSource returns a plain database file to read for a backup that may
// be compressed: path itself for a .db, or for a .db.gz (told by its first
// bytes, whatever its name) a temporary owner-only file in dir holding the
// decompressed copy. done removes that file; call it when finished. A .gz
// that does not decompress whole is refused, naming the file.
func openSource(path, dir string) (src string, done func(), err error) {
	if st, err := os.Stat(path); err != nil || st.IsDir() || !isGzip(path) {
		return path, func() {}, nil // openReadOnly says what is wrong with it
	}
	if dir == "" {
		dir = filepath.Dir(path)
	}
	tmp, err := tempFile(dir, ".loket-pulih-*.tmp")
	if err != nil {
		// A read-only flashdisk: decompress into the user's temp folder.
		if tmp, err = tempFile(os.TempDir(), ".loket-pulih-*.tmp"); err != nil {
			return "", nil, writeErr(dir, err)
		}
	}
	done = func() { os.Remove(tmp); os.Remove(tmp + "-journal") }
	if err := gunzipFile(path, tmp); err != nil {
		done()
		return "", nil, err
	}
	return tmp, done, nil
}

// gunzipFile decompresses src into the existing empty file dst.
func gunzipFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("baca %s: %w", src, err)
	}
	defer in.Close()
	zr, err := gzip.NewReader(bufio.NewReaderSize(in, 256<<10))
	if err != nil {
		return fmt.Errorf("%w: %s bukan cadangan gzip yang utuh", ErrNotLoket, src)
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return writeErr(filepath.Dir(dst), err)
	}
	_, err = io.Copy(out, zr)
	if cerr := out.Close(); err == nil && cerr != nil {
		return writeErr(filepath.Dir(dst), cerr)
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return writeErr(filepath.Dir(dst), err)
		}
		return fmt.Errorf("%w: %s terpotong atau rusak, tidak dapat dibuka (cadangan yang tidak selesai ditulis?); pakai cadangan lain", ErrNotLoket, src)
	}
	return nil
}

// verifyLoket checks a copy nobody else writes: quick_check, and that it
// is a loket database (its tables and a schema version). It is opened
// immutable, so checking it creates nothing beside it.
func verifyLoket(ctx context.Context, path string) error {
	if err := verifyCopy(ctx, path); err != nil {
		return err
	}
	db, err := openImmutable(path)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = identify(ctx, db, path)
	return err
}

// writeErr says in Indonesian why a file in dir could not be written,
// instead of the OS's English ("no space left on device").
func writeErr(dir string, err error) error {
	if err == nil {
		return nil
	}
	var re *RuleError
	switch {
	case errors.As(err, &re) && errors.Is(err, ErrDiskFull):
		return fmt.Errorf("disk di %s penuh; kosongkan ruang disk atau pilih folder lain. Tidak ada berkas yang ditinggalkan", dir)
	case errors.As(err, &re) && errors.Is(err, ErrReadOnly):
		return fmt.Errorf("folder %s tidak dapat ditulisi (hanya-baca, izin ditolak, atau disk dicabut); pilih folder lain", dir)
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("disk di %s penuh; kosongkan ruang disk atau pilih folder lain. Tidak ada berkas yang ditinggalkan", dir)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("folder %s tidak dapat ditulisi (hanya-baca atau izin ditolak); pilih folder lain", dir)
	case errors.Is(err, syscall.ENOTDIR):
		return fmt.Errorf("%s bukan folder", dir)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("folder %s tidak ada", dir)
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return fmt.Errorf("tidak dapat menulis di %s (%s)", dir, msg)
}
