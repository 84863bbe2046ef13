package main

import (
	"flag"
	"os"
	"path/filepath"
	"runtime"
)

// defaultDBPath is loket.db in the user's local (non-roaming) data folder:
// %LocalAppData%\loket on Windows, $XDG_DATA_HOME/loket or
// ~/.local/share/loket elsewhere.
func defaultDBPath(getenv func(string) string) (string, error) {
	if p := getenv("LOKET_DB"); p != "" {
		return p, nil
	}
	var dir string
	switch {
	case runtime.GOOS == "windows":
		dir = getenv("LocalAppData")
		if dir == "" {
			d, err := os.UserCacheDir() // %LocalAppData% on Windows
			if err != nil {
				return "", err
			}
			dir = d
		}
	case getenv("XDG_DATA_HOME") != "":
		dir = getenv("XDG_DATA_HOME")
	default:
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "loket", "loket.db"), nil
}

// dbFlag adds --db to a flag set; resolve it after parsing.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "berkas basis data (bawaan: LOKET_DB atau loket.db di folder data pengguna)")
}

// resolveDB returns --db if given, else the default path.
func resolveDB(e *env, flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	return defaultDBPath(e.getenv)
}
