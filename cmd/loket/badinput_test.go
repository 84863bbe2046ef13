package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/store"
)

// The catalogue of bad command lines: each row is what an officer (or a
// script) might type, the exit code (2 for a bad command line, 1 for a
// refused file) and the Indonesian message it must get. No row may change
// any file or create the database it names.
func TestBadInputCatalogue(t *testing.T) {
	dir := t.TempDir()
	good := demoDB(t, 3, 11)
	p := func(name string) string { return filepath.Join(dir, name) }
	random, foreign, empty, newer, damaged := p("acak.db"), p("lain.db"), p("kosong.db"), p("baru.db"), p("rusak.db")
	missing, folder, plain := p("tidak-ada.db"), p("folder"), p("catatan.txt")
	randomBytes(t, random)
	foreignSQLite(t, foreign)
	os.WriteFile(empty, nil, 0o600)
	newerDB(t, newer)
	os.Mkdir(folder, 0o700)
	os.WriteFile(plain, []byte("bukan folder"), 0o600)
	bak, err := store.BackupFile(context.Background(), good, t.TempDir(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	damage(t, bak, damaged)

	cases := []struct {
		args []string
		env  map[string]string
		code int
		want string
	}{
		// The command line itself.
		{[]string{"terbang"}, nil, 2, `perintah "terbang" tidak dikenal`},
		{[]string{"backup", "--warna"}, nil, 2, "opsi -warna tidak dikenal (lihat: loket backup --help)"},
		{[]string{"check", "--cepat"}, nil, 2, "opsi -cepat tidak dikenal (lihat: loket check --help)"},
		{[]string{"restore", "--paksa"}, nil, 2, "opsi -paksa tidak dikenal (lihat: loket restore --help)"},
		{[]string{"check", "--db"}, nil, 2, "opsi -db perlu nilai"},
		{[]string{"backup", "--db", good, "--out"}, nil, 2, "opsi -out perlu nilai"},
		{[]string{"restore", "--from"}, nil, 2, "opsi -from perlu nilai"},
		{[]string{"check", "--db", good, "lagi"}, nil, 2, "argumen tidak dikenal: lagi"},
		{[]string{"backup", "--db", good, p("cadangan")}, nil, 2, "argumen tidak dikenal: " + p("cadangan")},
		{[]string{"version", "lebih"}, nil, 2, "argumen tidak dikenal: lebih"},
		{[]string{"restore", "--from", bak, "--db", good, "--yes=mungkin"}, nil, 2, `"mungkin"`},
		{[]string{"restore"}, nil, 2, "--from wajib diisi: berkas cadangan yang akan dipulihkan"},
		{[]string{"restore", "--yes", "--db", good}, nil, 2, "--from wajib diisi"},
		{[]string{"tarif", "pasang"}, nil, 2, "pakai: loket tarif pasang BERKAS"},

		// Database paths for backup.
		{[]string{"backup", "--db", missing}, nil, 1, "basis data " + missing + " tidak ditemukan"},
		{[]string{"backup", "--db", random}, nil, 1, "bukan basis data loket: " + random + " bukan berkas basis data SQLite"},
		{[]string{"backup", "--db", foreign}, nil, 1, foreign + " adalah basis data SQLite lain, bukan milik loket"},
		{[]string{"backup", "--db", empty}, nil, 1, empty + " berkas kosong"},
		{[]string{"backup", "--db", folder}, nil, 1, folder + " adalah folder, bukan berkas basis data"},
		{[]string{"backup", "--db", good, "--out", plain}, nil, 1, "folder " + plain + " tidak dapat dibuat"},
		{[]string{"backup"}, map[string]string{"LOKET_DB": random}, 1, "bukan berkas basis data SQLite"},

		// Database paths for check.
		{[]string{"check", "--db", missing}, nil, 1, "basis data " + missing + " tidak ditemukan"},
		{[]string{"check", "--db", random}, nil, 1, random + " bukan berkas basis data SQLite"},
		{[]string{"check", "--db", foreign}, nil, 1, "bukan milik loket"},
		{[]string{"check", "--db", empty}, nil, 1, "berkas kosong"},
		{[]string{"check", "--db", folder}, nil, 1, "adalah folder"},
		{[]string{"check", "--db", newer}, nil, 1, "basis data memakai skema versi 99, sedangkan program ini hanya mengenal sampai versi 2"},
		{[]string{"check"}, map[string]string{"LOKET_DB": empty}, 1, "berkas kosong"},

		// Backups offered to restore, and where they go.
		{[]string{"restore", "--from", missing, "--db", good, "--yes"}, nil, 1, "pulihkan: cadangan basis data " + missing + " tidak ditemukan"},
		{[]string{"restore", "--from", random, "--db", good, "--yes"}, nil, 1, "bukan berkas basis data SQLite"},
		{[]string{"restore", "--from", foreign, "--db", good, "--yes"}, nil, 1, "bukan milik loket"},
		{[]string{"restore", "--from", empty, "--db", good, "--yes"}, nil, 1, "berkas kosong"},
		{[]string{"restore", "--from", folder, "--db", good}, nil, 1, "adalah folder"},
		{[]string{"restore", "--from", newer, "--db", good, "--yes"}, nil, 1, "skema versi 99, sedangkan program ini hanya mengenal sampai versi 2"},
		{[]string{"restore", "--from", damaged, "--db", good, "--yes"}, nil, 1, "rusak (integrity_check)"},
		{[]string{"restore", "--from", good, "--db", good, "--yes"}, nil, 1, "cadangan dan basis data tujuan adalah berkas yang sama"},
		{[]string{"restore", "--from", random}, map[string]string{"LOKET_DB": good}, 1, "bukan berkas basis data SQLite"},

		// The shared commands: dates, IDs and numbers, files.
		{[]string{"demo", "--db", missing, "--until", "2026-02-30"}, nil, 2, "tanggal 2026-02-30 tidak ada di kalender"},
		{[]string{"demo", "--db", missing, "--until", "26-11-2026"}, nil, 2, "tanggal harus berformat TTTT-BB-HH"},
		{[]string{"demo", "--db", missing, "--days", "-1"}, nil, 2, "--days harus 1 sampai 36600"},
		{[]string{"demo", "--db", missing, "--seed", "satu"}, nil, 2, `nilai opsi --seed tidak sah: "satu" (harus bilangan bulat, mis. --seed=30)`},
		{[]string{"demo", "--db", missing, "--days", "99999999999999999999"}, nil, 2, `nilai opsi --days tidak sah: "99999999999999999999" (angkanya terlalu besar)`},
		{[]string{"restore", "--from", good, "--yes=ya"}, nil, 2, `nilai opsi --yes tidak sah: "ya" (tulis --yes saja, atau --yes=true / --yes=false)`},
		{[]string{"export", "--db", good, "--unmask=benar"}, nil, 2, `nilai opsi --unmask tidak sah: "benar"`},
		{[]string{"export", "--db", good, "--date", "2026-13-01"}, nil, 2, "tanggal 2026-13-01 tidak ada di kalender"},
		{[]string{"export", "--db", good, "--from", "2026-11-26", "--to", "2026-11-01"}, nil, 2, "--from 2026-11-26 sesudah --to 2026-11-01"},
		{[]string{"export", "--db", random, "--date", "2026-11-26"}, nil, 1, "bukan berkas basis data SQLite"},
		{[]string{"export", "--db", missing, "--date", "2026-11-26"}, nil, 1, "tidak ditemukan"},
		{[]string{"dokumen", "--db", good}, nil, 2, "isi salah satu: --visit ID atau --nomor NOMOR"},
		{[]string{"dokumen", "--db", good, "--visit", "01ABC", "--jenis", "faktur"}, nil, 2, `--jenis harus invoice, kuitansi atau sppd (tertulis "faktur")`},
		{[]string{"dokumen", "--db", good, "--visit", "01ABC", "--jenis", "invoice"}, nil, 1, "kunjungan 01ABC tidak ditemukan"},
		{[]string{"dokumen", "--db", good, "--nomor", "INV/1906/A/2026/13/0001"}, nil, 1, "nomor INV/1906/A/2026/13/0001 tidak ditemukan"},
		{[]string{"tarif", "--db", p("a?b.db")}, nil, 1, "nama berkas basis data tidak boleh memuat '?' atau '#'"},
		{[]string{"tarif", "--db", random}, nil, 1, "bukan berkas basis data SQLite"},
	}

	files := []string{good, bak, random, foreign, empty, newer, damaged, plain}
	before := map[string][]byte{}
	for _, f := range files {
		before[f], _ = os.ReadFile(f)
	}
	for _, c := range cases {
		name := strings.ReplaceAll(strings.Join(c.args, " "), dir+string(filepath.Separator), "")
		t.Run(name, func(t *testing.T) {
			code, out, errs := runLoket(t, c.env, c.args...)
			if code != c.code || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d, stderr %q; want exit %d with %q", code, errs, c.code, c.want)
			}
			if code == 2 && out != "" {
				t.Errorf("a usage error printed %q", out)
			}
			for _, f := range files {
				if now, _ := os.ReadFile(f); !bytes.Equal(now, before[f]) {
					t.Errorf("%s changed", filepath.Base(f))
				}
			}
			for _, f := range []string{missing, p("a?b.db"), filepath.Join(folder, "backup")} {
				if _, err := os.Stat(f); err == nil {
					t.Errorf("%s was created", filepath.Base(f))
					os.RemoveAll(f)
				}
			}
		})
	}
	if len(cases) < 25 {
		t.Errorf("catalogue has %d rows", len(cases))
	}
}

// damage copies a backup and overwrites the page header of the audit
// table's root page: the schema still reads, integrity_check fails.
func damage(t *testing.T, src, dst string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+src+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var root, size int
	err = db.QueryRow(`SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = 'audit'`).Scan(&root, &size)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	for i := (root - 1) * size; i < (root-1)*size+12; i++ {
		b[i] = 0xA5
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
