package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The app itself needs a terminal; its command line is checked here.
func TestAppFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "loket.db")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--petugas"}, 2, "opsi -petugas perlu nilai"},
		{[]string{"--db", db, "--bogus"}, 2, "opsi -bogus tidak dikenal"},
		{[]string{"--db", db, "lebih"}, 2, "argumen tidak dikenal: lebih"},
	} {
		code, _, stderr := runLoket(t, nil, c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("loket %v: exit %d, stderr %q; want %d and %q", c.args, code, stderr, c.code, c.want)
		}
	}
	code, stdout, _ := runLoket(t, nil, "--help")
	if code != 0 || !strings.Contains(stdout, "-petugas") || !strings.Contains(stdout, "-db") {
		t.Errorf("--help: exit %d, %q", code, stdout)
	}
}
