package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
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
	// A backup cut off halfway, and a partial copy with a hot journal as
	// earlier versions left under a backup's name.
	truncated, partial := p("loket-20261126-090000.db.gz"), p("loket-20261126-100000.db")
	raw, _ := os.ReadFile(bak)
	os.WriteFile(truncated, raw[:len(raw)/2], 0o600)
	os.WriteFile(partial, []byte("SQLite format 3\x00"+strings.Repeat("x", 4000)), 0o600)
	os.WriteFile(partial+"-journal", []byte(strings.Repeat("j", 512)), 0o600)
	// A database another process is writing: it holds the write lock for
	// the whole catalogue, past every busy timeout.
	busy := p("sibuk.db")
	goodBytes, _ := os.ReadFile(good)
	os.WriteFile(busy, goodBytes, 0o600)
	holder, err := sql.Open("sqlite", busy+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	holder.SetMaxOpenConns(1)
	hold, err := holder.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	defer hold.Rollback()
	// An existing workbook that export replaces, saying so.
	workbook := p("ada.xlsx")
	os.WriteFile(workbook, []byte("buku kerja lama"), 0o600)

	type row struct {
		args []string
		env  map[string]string
		code int
		want string
	}
	cases := []row{
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
		{[]string{"check", "--db", newer}, nil, 1, fmt.Sprintf("basis data memakai skema versi 99, sedangkan program ini hanya mengenal sampai versi %d", store.SchemaVersion)},
		{[]string{"check"}, map[string]string{"LOKET_DB": empty}, 1, "berkas kosong"},

		// Backups offered to restore, and where they go.
		{[]string{"restore", "--from", missing, "--db", good, "--yes"}, nil, 1, "pulihkan: cadangan basis data " + missing + " tidak ditemukan"},
		{[]string{"restore", "--from", random, "--db", good, "--yes"}, nil, 1, "bukan berkas basis data SQLite"},
		{[]string{"restore", "--from", foreign, "--db", good, "--yes"}, nil, 1, "bukan milik loket"},
		{[]string{"restore", "--from", empty, "--db", good, "--yes"}, nil, 1, "berkas kosong"},
		{[]string{"restore", "--from", folder, "--db", good}, nil, 1, "adalah folder"},
		{[]string{"restore", "--from", newer, "--db", good, "--yes"}, nil, 1, fmt.Sprintf("skema versi 99, sedangkan program ini hanya mengenal sampai versi %d", store.SchemaVersion)},
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

		// Periods of the recap.
		{[]string{"laporan", "--db", good}, nil, 2, "sebutkan periode: --bulan TTTT-BB"},
		{[]string{"laporan", "--db", good, "--semester", "2026-3"}, nil, 2, "--semester: semester 3 tidak ada; pilih 1 sampai 2"},
		{[]string{"laporan", "--db", good, "--bulan", "2026-13"}, nil, 2, "--bulan: bulan 13 tidak ada; pilih 1 sampai 12"},
		{[]string{"laporan", "--db", good, "--bulan", "November"}, nil, 2, "--bulan: tulis bulan sebagai TTTT-BB"},
		{[]string{"laporan", "--db", good, "--triwulan", "2026-5"}, nil, 2, "--triwulan: triwulan 5 tidak ada"},
		{[]string{"laporan", "--db", good, "--tahun", "26"}, nil, 2, "--tahun: tulis tahun sebagai TTTT"},
		{[]string{"laporan", "--db", good, "--from", "2026-11-26", "--to", "2026-11-01"}, nil, 2, "--from 2026-11-26 sesudah --to 2026-11-01"},
		{[]string{"laporan", "--db", good, "--from", "2026-02-30", "--to", "2026-03-01"}, nil, 2, "tanggal 2026-02-30 tidak ada di kalender"},
		{[]string{"laporan", "--db", good, "--from", "2026-11-01"}, nil, 2, "--from dan --to harus diisi bersama"},
		{[]string{"laporan", "--db", good, "--tahun", "2026", "--bulan", "2026-11"}, nil, 2, "pakai satu periode saja (tertulis --bulan, --tahun)"},
		{[]string{"laporan", "--db", good, "--bulan", "2026-11", "--out", p("catatan.ods")}, nil, 2, "--out harus berkas berakhiran .xlsx"},
		{[]string{"laporan", "--db", missing, "--bulan", "2026-11"}, nil, 1, "tidak ditemukan"},
		{[]string{"laporan", "--db", good, "--bulan", "2026-11", "--petugas", "Tidak Ada"}, nil, 2, `petugas "Tidak Ada" tidak terdaftar`},
		{[]string{"dokumen", "--db", good}, nil, 2, "isi salah satu: --visit ID atau --nomor NOMOR"},
		{[]string{"dokumen", "--db", good, "--visit", "01ABC", "--jenis", "faktur"}, nil, 2, `--jenis harus invoice, kuitansi atau sppd (tertulis "faktur")`},
		{[]string{"dokumen", "--db", good, "--visit", "01ABC", "--jenis", "invoice"}, nil, 1, "kunjungan 01ABC tidak ditemukan"},
		{[]string{"dokumen", "--db", good, "--nomor", "INV/1906/A/2026/13/0001"}, nil, 1, "nomor INV/1906/A/2026/13/0001 tidak ditemukan"},
		{[]string{"tarif", "--db", p("a?b.db")}, nil, 1, "nama berkas basis data tidak boleh memuat '?' atau '#'"},
		{[]string{"tarif", "--db", random}, nil, 1, "bukan berkas basis data SQLite"},

		// Acting as an officer: who, and the PIN.
		{[]string{"tarif", "pasang", plain, "--db", good}, nil, 2, "tarif pasang perlu --petugas: pemasangan jadwal dicatat atas nama petugas"},
		{[]string{"tarif", "pasang", plain, "--db", good, "--pin-stdin"}, nil, 2, "tarif pasang perlu --petugas"},
		{[]string{"tarif", "pasang", plain, "--db", good, "--petugas", "Tak Ada"}, nil, 2, `petugas "Tak Ada" tidak terdaftar`},
		{[]string{"dokumen", "--db", good, "--visit", "01ABC", "--jenis", "invoice", "--pin-stdin"}, nil, 2, "--pin-stdin perlu --petugas: PIN milik petugas yang disebut"},
		{[]string{"dokumen", "--db", good, "--visit", "01ABC", "--jenis", "kuitansi", "--terbit-ulang", "salah", "--petugas", "Tak Ada"}, nil, 2, `petugas "Tak Ada" tidak terdaftar`},
		{[]string{"export", "--db", good, "--pin-stdin"}, nil, 2, "--pin-stdin perlu --petugas: PIN milik petugas yang disebut"},
		{[]string{"export", "--db", good, "--unmask", "--pin-stdin"}, nil, 2, "--unmask perlu --petugas"},
		{[]string{"export", "--db", good, "--petugas", "Tak Ada", "--pin-stdin=ya"}, nil, 2, `nilai opsi --pin-stdin tidak sah: "ya"`},

		// Issue 12: no English tail, no raw SQLite error, and nothing
		// written where a command should only read or refuse.
		{[]string{"check", "--db", missing}, nil, 1, "basis data " + missing + " tidak ditemukan; periksa nama berkasnya\n"},
		{[]string{"backup", "--db", good, "--out", plain}, nil, 1, "sudah ada berkas bernama itu, bukan folder; pilih folder lain dengan --out\n"},
		{[]string{"tarif", "--db", good, "pasang", p("tidak-ada.tarif")}, nil, 2, "argumen tidak dikenal"},
		{[]string{"tarif", "pasang", p("tidak-ada.tarif"), "--db", good, "--petugas", "Tak Ada"}, nil, 1, "berkas jadwal tarif " + p("tidak-ada.tarif") + " tidak ditemukan; periksa nama dan foldernya\n"},
		{[]string{"tarif", "--db", missing}, nil, 1, "basis data " + missing + " tidak ditemukan; periksa --db atau LOKET_DB (perintah ini tidak membuat basis data baru)"},
		{[]string{"dokumen", "--db", missing, "--visit", "01ABC", "--jenis", "invoice"}, nil, 1, "perintah ini tidak membuat basis data baru"},
		{[]string{"--db", missing}, nil, 1, "aplikasi loket perlu dijalankan di jendela terminal"},
		{[]string{"tarif", "--db", foreign}, nil, 1, foreign + " adalah basis data SQLite lain, bukan milik loket; basis data tidak diubah"},
		{[]string{"tarif", "--db", newer}, nil, 1, "basis data memakai skema versi 99, sedangkan program ini hanya mengenal sampai versi " + strconv.Itoa(store.SchemaVersion) + ": perbarui loket; basis data tidak diubah"},
		{[]string{"dokumen", "--db", foreign, "--visit", "01ABC", "--jenis", "invoice"}, nil, 1, "bukan milik loket; basis data tidak diubah"},
		{[]string{"demo", "--db", foreign, "--days", "1", "--until", "2026-11-26"}, nil, 1, "bukan milik loket"},
		{[]string{"demo", "--db", newer, "--days", "1", "--until", "2026-11-26"}, nil, 1, "skema versi 99"},
		{[]string{"demo", "--db", missing, "--until", "2099-01-01"}, nil, 2, "--until 2099-01-01 sesudah hari ini"},
		{[]string{"demo", "--db", folder, "--until", "2026-11-26"}, nil, 1, folder + " adalah folder, bukan berkas basis data"},
		{[]string{"demo", "--db", missing, "--until", "1980-06-01"}, nil, 2, "sebelum tahun 2010: data demo hanya dapat dibuat mulai 2010-01-01"},
		{[]string{"demo", "--db", missing, "--until", "2010-01-05", "--days", "6"}, nil, 2, "mulai 2009-12-31, sebelum tahun 2010"},
		{[]string{"export", "--db", folder, "--date", "2026-11-26"}, nil, 1, folder + " adalah folder, bukan berkas basis data"},
		{[]string{"tarif", "--db", folder}, nil, 1, folder + " adalah folder, bukan berkas basis data"},
		{[]string{"check", "--db", bak + "-terpotong.db.gz"}, nil, 1, "tidak ditemukan"},
		{[]string{"check", "--db", truncated}, nil, 1, "terpotong atau rusak, tidak dapat dibuka"},
		{[]string{"restore", "--from", truncated, "--db", good}, nil, 1, "terpotong atau rusak"},
		{[]string{"check", "--db", partial}, nil, 1, "tidak selesai ditulis (ada " + filepath.Base(partial) + "-journal di sampingnya"},
		{[]string{"restore", "--from", partial, "--db", good, "--yes"}, nil, 1, "tidak selesai ditulis"},

		// Accepted, or refused plainly: the rest of issue 12's list.
		{[]string{"version", "--db", missing}, nil, 0, ""},
		{[]string{"export", "--db", good, "--date", "2026-11-26", "--out", workbook}, nil, 0, "Berkas ada.xlsx yang sudah ada diganti dengan buku kerja baru."},
		{[]string{"demo", "--db", busy, "--days", "1", "--until", "2026-11-26"}, nil, 1, "Basis data sedang dipakai proses lain (kode SQLite 5)"},
	}

	if runtime.GOOS == "linux" {
		// /proc is there but takes no new file: not "folder induknya
		// tidak ada", which would send the officer looking for one.
		cases = append(cases,
			row{[]string{"export", "--db", good, "--date", "2026-11-26", "--out", "/proc/x.xlsx"}, nil, 1, "tidak dapat menulis di folder /proc (folder itu ada tetapi tidak dapat ditulisi, mis. folder sistem; pilih folder lain)"},
			row{[]string{"laporan", "--db", good, "--bulan", "2026-11", "--out", "/proc/x.xlsx"}, nil, 1, "folder itu ada tetapi tidak dapat ditulisi"})
	}
	files := []string{good, bak, random, foreign, empty, newer, damaged, plain, truncated, partial, partial + "-journal", busy}
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
	src = gunzip(t, src)
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

// gunzip decompresses a backup (.db.gz) into a test file and returns its
// path.
func gunzip(t *testing.T, gz string) string {
	t.Helper()
	in, err := os.Open(gz)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	zr, err := gzip.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "plain.db")
	if err := os.WriteFile(out, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}
