package main

import (
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"

	"loket/tariff"
)

// readSchedule reads a schedule file for `tarif pasang`, at most
// tariff.MaxFileBytes and one byte more: a larger file is refused after
// reading 1 MB, instead of after holding all of it in memory (a 637 MB file
// once took 96 s and 4,3 GB to install).
func readSchedule(path string) ([]byte, error) {
	f, err := os.Open(path)
	switch {
	case errors.Is(err, iofs.ErrNotExist):
		return nil, fmt.Errorf("berkas jadwal tarif %s tidak ditemukan; periksa nama dan foldernya", path)
	case errors.Is(err, iofs.ErrPermission):
		return nil, fmt.Errorf("berkas jadwal tarif %s tidak boleh dibaca (izin ditolak)", path)
	case err != nil:
		return nil, fmt.Errorf("berkas jadwal tarif %s tidak dapat dibaca", path)
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, tariff.MaxFileBytes+1))
	if err != nil {
		// A folder opens on Unix and fails only when read.
		if st, serr := f.Stat(); serr == nil && st.IsDir() {
			return nil, fmt.Errorf("%s adalah folder; tulis nama berkas jadwal tarifnya", path)
		}
		return nil, fmt.Errorf("berkas jadwal tarif %s tidak dapat dibaca", path)
	}
	if len(body) > tariff.MaxFileBytes {
		return nil, fmt.Errorf("%s: berkas tarif lebih dari 1 MB (%s byte); jadwal tarif yang sah jauh lebih kecil", path, tariff.Thousands(tariff.MaxFileBytes))
	}
	return body, nil
}
