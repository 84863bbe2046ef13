//go:build windows

package store

import (
	"os"

	"golang.org/x/sys/windows"
)

// linkCount is the number of hard links of the file at path
// (NumberOfLinks of GetFileInformationByHandle).
func linkCount(path string) (uint64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var info windows.ByHandleFileInformation
	if err := windows.GetFileInformationByHandle(windows.Handle(f.Fd()), &info); err != nil {
		return 0, err
	}
	return uint64(info.NumberOfLinks), nil
}
