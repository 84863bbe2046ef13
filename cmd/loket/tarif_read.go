package main

import (
	"fmt"
	"io"
	"os"

	"loket/tariff"
)

// readSchedule reads a schedule file for `tarif pasang`, at most
// tariff.MaxFileBytes and one byte more: a larger file is refused after
// reading 1 MB, instead of after holding all of it in memory (a 637 MB file
// once took 96 s and 4,3 GB to install).
func readSchedule(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("baca %s: %w", path, err)
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, tariff.MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("baca %s: %w", path, err)
	}
	if len(body) > tariff.MaxFileBytes {
		return nil, fmt.Errorf("%s: berkas tarif lebih dari 1 MB (%d byte); jadwal tarif yang sah jauh lebih kecil", path, tariff.MaxFileBytes)
	}
	return body, nil
}
