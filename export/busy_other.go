//go:build !windows

package export

// targetBusy reports whether a rename failed because the target is open in
// another program. Outside Windows an open file never blocks a rename.
func targetBusy(path string, err error) bool { return false }
