//go:build unix

package store

import (
	"os"
	"syscall"
)

// linkCount is the number of hard links of the file at path (st_nlink).
func linkCount(path string) (uint64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Nlink), nil
	}
	return 1, nil
}
