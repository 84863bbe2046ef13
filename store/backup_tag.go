package store

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// backupTagPrefix starts the gzip header comment of every backup written
// since backups carry the identity of their database (see backupTag).
const backupTagPrefix = "loket-db "

// backupTag returns the identity of the database at dbPath that BackupFile
// writes into the gzip header comment of its backup, so retention counts
// and prunes only the backups of the same database (see pruneBackups)
// while the name stays loket-<stamp>.db.gz. It is a hash of this counter's
// own uid (counters row 1; "" for a schema older than that table) and the
// database file's absolute path: two files on one PC differ by path, two
// PCs with the same path differ by uid. A hash, so the header holds only
// Latin-1 (gzip's rule, whatever letters the path has) and no user name
// from the path.
func backupTag(ctx context.Context, db *sql.DB, dbPath string) (string, error) {
	var uid string
	var has int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'counters'`).Scan(&has); err != nil {
		return "", mapErr(err)
	}
	if has > 0 {
		err := db.QueryRowContext(ctx, `SELECT uid FROM counters WHERE id = 1`).Scan(&uid)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", mapErr(err)
		}
	}
	p, err := filepath.Abs(dbPath)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	}
	if runtime.GOOS == "windows" {
		// C:\Users\… and c:\users\… are the same file there.
		p = strings.ToLower(p)
	}
	sum := sha256.Sum256([]byte(uid + "\x00" + p))
	return backupTagPrefix + hex.EncodeToString(sum[:16]), nil
}

// readBackupTag returns the identity in the gzip header of the backup at
// path, or "" for a backup without one: a .db of an earlier version, a
// .db.gz written before backups were tagged, or a file that is not gzip.
// It reads the header only, a few bytes, never the compressed data.
func readBackupTag(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReaderSize(f, 512))
	if err != nil {
		return ""
	}
	if !strings.HasPrefix(zr.Comment, backupTagPrefix) {
		return ""
	}
	return zr.Comment
}
