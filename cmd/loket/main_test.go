package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loket/store"
)

// runLoket runs a command line in-process with LOKET_DB pointing into a
// temp folder unless the test sets it.
func runLoket(t *testing.T, envs map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return envs[k] }}
	code = run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestUnknownCommandAndFlag(t *testing.T) {
	code, _, errs := runLoket(t, nil, "terbang")
	if code != 2 || !strings.Contains(errs, `perintah "terbang" tidak dikenal`) {
		t.Fatalf("unknown command: %d %q", code, errs)
	}
	code, _, errs = runLoket(t, nil, "version", "--warna")
	if code != 2 || !strings.Contains(errs, "opsi -warna tidak dikenal") {
		t.Fatalf("unknown flag: %d %q", code, errs)
	}
	code, out, _ := runLoket(t, nil, "help")
	if code != 0 || !strings.Contains(out, "demo") || !strings.Contains(out, "tarif") {
		t.Fatalf("help: %d %q", code, out)
	}
}

func TestTarifPrintsAndInstalls(t *testing.T) {
	db := filepath.Join(t.TempDir(), "loket.db")
	envs := map[string]string{"LOKET_DB": db}
	// tarif never creates a database; the app does, on its first start.
	s, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, errs := runLoket(t, envs, "tarif")
	if code != 0 || !strings.Contains(out, "PP No. 13 Tahun 2024") || !strings.Contains(out, "DM-MENTAH") {
		t.Fatalf("tarif: %d %q %q", code, out, errs)
	}
	addOfficer(t, db, "Rina Wulandari", "")
	bad := filepath.Join(t.TempDir(), "rusak.tarif")
	os.WriteFile(bad, []byte("nama: Coba\nitem: X | publikasi\n"), 0o600)
	code, _, errs = runLoket(t, envs, "tarif", "pasang", bad)
	if code != 2 || !strings.Contains(errs, "tarif pasang perlu --petugas") {
		t.Fatalf("no --petugas: %d %q", code, errs)
	}
	code, _, errs = runLoket(t, envs, "tarif", "pasang", bad, "--petugas", "Rina Wulandari")
	if code != 1 || !strings.Contains(errs, "baris 2") {
		t.Fatalf("malformed schedule: %d %q", code, errs)
	}
	code, _, errs = runLoket(t, envs, "tarif", "pasang")
	if code != 2 || !strings.Contains(errs, "pakai: loket tarif pasang BERKAS") {
		t.Fatalf("missing file: %d %q", code, errs)
	}
	// A schedule file over 1 MB is refused before it is read whole.
	huge := filepath.Join(t.TempDir(), "besar.tarif")
	os.WriteFile(huge, bytes.Repeat([]byte("# komentar yang sangat panjang\n"), 100_000), 0o600)
	code, _, errs = runLoket(t, envs, "tarif", "pasang", huge, "--petugas", "Rina Wulandari")
	if code != 1 || !strings.Contains(errs, "berkas tarif lebih dari 1 MB (1.000.000 byte)") {
		t.Fatalf("3 MB schedule: %d %q", code, errs)
	}
}

func TestDemoFlags(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"demo"}, "--db wajib diisi"},
		{[]string{"demo", "--db", filepath.Join(dir, "d.db"), "--days", "0"}, "--days harus 1 sampai 36600"},
		{[]string{"demo", "--db", filepath.Join(dir, "d.db"), "--until", "2026-02-30"}, "tanggal 2026-02-30 tidak ada di kalender"},
		{[]string{"demo", "--db", filepath.Join(dir, "d.db"), "--days", "tiga"}, `nilai opsi --days tidak sah: "tiga" (harus bilangan bulat`},
	}
	for _, c := range cases {
		code, _, errs := runLoket(t, nil, c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: %d %q, want exit 2 with %q", c.args, code, errs, c.want)
		}
	}
	db := filepath.Join(dir, "demo.db")
	code, out, errs := runLoket(t, nil, "demo", "--db", db, "--days", "7", "--until", "2026-11-26", "--seed", "3")
	if code != 0 || !strings.Contains(out, "7 hari") || !strings.Contains(errs, "demo: sampai 2026-11-26") {
		t.Fatalf("demo: %d %q %q", code, out, errs)
	}
	// Again on the filled demo database: the same seed would repeat its
	// records, so it is refused with a clear message and left as it was.
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errs = runLoket(t, nil, "demo", "--db", db, "--days", "7", "--until", "2026-11-26", "--seed", "3")
	if code != 1 || !strings.Contains(errs, "basis data demo ini sudah berisi") || !strings.Contains(errs, "buat data demo di berkas baru") {
		t.Fatalf("demo again: %d %q", code, errs)
	}
	if after, err := os.ReadFile(db); err != nil || !bytes.Equal(before, after) {
		t.Error("the refused demo changed the database")
	}
}

func TestDefaultDBPath(t *testing.T) {
	p, err := defaultDBPath(func(k string) string {
		return map[string]string{"XDG_DATA_HOME": "/data"}[k]
	})
	if err != nil || filepath.ToSlash(p) != "/data/loket/loket.db" && !strings.HasSuffix(p, `loket\loket.db`) {
		t.Fatalf("default path %q %v", p, err)
	}
	p, _ = defaultDBPath(func(k string) string { return map[string]string{"LOKET_DB": "/x/y.db"}[k] })
	if p != "/x/y.db" {
		t.Fatalf("LOKET_DB ignored: %q", p)
	}
}
