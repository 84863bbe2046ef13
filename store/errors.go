package store

import (
	"errors"
	"fmt"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Sentinel errors. Rule errors wrap one of these with an Indonesian message
// for the officer; test with errors.Is.
var (
	ErrNotFound = errors.New("data tidak ditemukan")
	ErrConflict = errors.New("data bentrok dengan yang sudah ada")
	ErrNotLoket = errors.New("bukan basis data loket")
	ErrBusy     = errors.New("basis data sedang dipakai proses lain")
	ErrDiskFull = errors.New("disk penuh")
	ErrReadOnly = errors.New("basis data tidak dapat ditulisi")
	ErrCorrupt  = errors.New("basis data rusak")
	// ErrErasedInLog: an erasure is done, but the old values wait in the
	// WAL for a reader to finish; the caller reports success with a note.
	ErrErasedInLog = errors.New("data terhapus, salinan lama masih di log")

	ErrOrder          = errors.New("urutan langkah")
	ErrNotApplicable  = errors.New("langkah tidak berlaku")
	ErrClosed         = errors.New("kunjungan sudah ditutup")
	ErrSuspended      = errors.New("kunjungan sedang ditunda")
	ErrNotPaid        = errors.New("belum dibayar")
	ErrNoSPPD         = errors.New("SPPD belum diterima")
	ErrPaid           = errors.New("sudah dibayar")
	ErrAmount         = errors.New("jumlah tidak sesuai")
	ErrBillingExpired = errors.New("kode billing kedaluwarsa")
	ErrNoBilling      = errors.New("belum ada kode billing")
	ErrReason         = errors.New("alasan wajib diisi")
	ErrDocuments      = errors.New("dokumen belum lengkap")
	ErrPIN            = errors.New("PIN salah")
	ErrDemo           = errors.New("basis data berisi kunjungan nyata")
)

// RuleError is a refusal by the procedure's rules: Msg is the Indonesian
// sentence the officer reads; Kind is the sentinel to test for.
type RuleError struct {
	Kind error
	Msg  string
}

func (e *RuleError) Error() string { return e.Msg }

// Unwrap lets errors.Is match the sentinel.
func (e *RuleError) Unwrap() error { return e.Kind }

func refuse(kind error, format string, args ...any) error {
	return &RuleError{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// TooNewError refuses a database written by a newer loket.
type TooNewError struct{ Database, Binary int }

func (e *TooNewError) Error() string {
	return fmt.Sprintf("basis data memakai skema versi %d, sedangkan program ini hanya mengenal sampai versi %d: perbarui loket; basis data tidak diubah", e.Database, e.Binary)
}

// mapErr turns driver errors into the store's sentinels, so callers never
// depend on SQLite codes.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return &RuleError{Kind: ErrBusy, Msg: fmt.Sprintf("Basis data sedang dipakai proses lain (kode SQLite %d); coba lagi sebentar lagi. Isian tidak hilang.", se.Code())}
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return &RuleError{Kind: ErrCorrupt, Msg: fmt.Sprintf("Basis data rusak (kode SQLite %d): jangan lanjut menyimpan. Catat isian di layar, tutup loket, jalankan \"loket check\", lalu pulihkan cadangan terbaru (\"loket restore\").", se.Code())}
		case sqlite3.SQLITE_FULL:
			return &RuleError{Kind: ErrDiskFull, Msg: "Gagal menyimpan: disk penuh. Kosongkan ruang disk lalu simpan lagi; isian tidak hilang."}
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_PERM:
			return &RuleError{Kind: ErrReadOnly, Msg: fmt.Sprintf("Gagal menyimpan: basis data tidak dapat ditulisi (%s; kode SQLite %d). Periksa disk lalu simpan lagi; isian tidak hilang.",
				writeCause(se.Code()&0xff), se.Code())}
		case sqlite3.SQLITE_CONSTRAINT:
			return fmt.Errorf("%w: %v", ErrConflict, err)
		}
	}
	return err
}

// writeCause says in Indonesian why SQLite could not write; the code is
// shown beside it for whoever supports the counter.
func writeCause(code int) string {
	switch code {
	case sqlite3.SQLITE_READONLY:
		return "berkas atau foldernya hanya-baca"
	case sqlite3.SQLITE_CANTOPEN:
		return "berkas tidak dapat dibuka"
	case sqlite3.SQLITE_PERM:
		return "izin ditolak"
	default:
		return "kesalahan baca/tulis disk; flashdisk atau disk mungkin dicabut atau rusak"
	}
}
