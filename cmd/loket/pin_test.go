package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loket/store"
)

// addOfficer registers an officer, with a PIN when pin is not empty.
func addOfficer(t *testing.T, db, name, pin string) store.Officer {
	t.Helper()
	s, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	o, err := s.AddOfficer(context.Background(), name, pin)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// runWithPIN runs a command line whose standard input holds stdin and
// whose terminal, when term is not nil, answers the PIN prompt.
func runWithPIN(t *testing.T, db, stdin string, term func(prompt func()) (string, error), args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, readPIN: term,
		getenv: func(k string) string { return map[string]string{"LOKET_DB": db}[k] }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

// schedule writes an installable schedule file that differs from the one
// in force (its name), so installing it is a real change.
func schedule(t *testing.T, name string) string {
	t.Helper()
	body, err := os.ReadFile("../../tariff/pp13-2024.tarif")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(body), "nama: PP No. 13 Tahun 2024", "nama: "+name, 1)
	if text == string(body) {
		t.Fatal("the schedule's name line did not change")
	}
	p := filepath.Join(t.TempDir(), "baru.tarif")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// installed is the name of the schedule in force.
func installed(t *testing.T, db string) string {
	t.Helper()
	s, err := store.Open(context.Background(), db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sch, err := s.Schedule(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return sch.Name
}

// tarif pasang in the name of an officer with a PIN needs that PIN, from
// the terminal or from standard input; without it nothing is installed.
func TestTarifPasangAsksTheOfficersPIN(t *testing.T) {
	db := filepath.Join(t.TempDir(), "loket.db")
	addOfficer(t, db, "Agus Setiawan", "246813")
	file := schedule(t, "Jadwal Uji PIN")
	args := []string{"tarif", "pasang", file, "--petugas", "Agus Setiawan"}
	stdin := append(args[:len(args):len(args)], "--pin-stdin")
	for _, c := range []struct {
		name  string
		stdin string
		term  func(prompt func()) (string, error)
		args  []string
		code  int
		want  string
	}{
		{"no terminal", "", nil, args, 2, "petugas Agus Setiawan memakai PIN, tetapi masukan bukan terminal: kirim PIN lewat --pin-stdin"},
		{"not a terminal", "", func(func()) (string, error) { return "", errNoTerminal }, args, 2, "kirim PIN lewat --pin-stdin"},
		{"empty stdin", "\n", nil, stdin, 2, "PIN petugas Agus Setiawan wajib diisi"},
		{"wrong stdin", "135792\n", nil, stdin, 1, "petugas Agus Setiawan: PIN salah"},
		{"wrong terminal", "", func(prompt func()) (string, error) { prompt(); return "135792", nil }, args, 1, "petugas Agus Setiawan: PIN salah"},
		{"broken terminal", "", func(prompt func()) (string, error) { prompt(); return "", errors.New("EIO") }, args, 1, "baca PIN dari terminal: EIO"},
	} {
		code, out, errs := runWithPIN(t, db, c.stdin, c.term, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) || out != "" {
			t.Errorf("%s: exit %d, %q %q; want %d with %q", c.name, code, out, errs, c.code, c.want)
		}
		// The PIN is asked for only on a terminal: a refusal for want of
		// one is not preceded by a prompt nobody can answer.
		if prompted := strings.Contains(errs, "PIN Agus Setiawan:"); prompted != (c.args[len(c.args)-1] != "--pin-stdin" && c.name != "no terminal" && c.name != "not a terminal") {
			t.Errorf("%s: prompted %v: %q", c.name, prompted, errs)
		}
		if got := installed(t, db); got == "Jadwal Uji PIN" {
			t.Fatalf("%s: installed without the right PIN", c.name)
		}
	}
	code, out, errs := runWithPIN(t, db, "", func(prompt func()) (string, error) { prompt(); return "246813", nil }, args...)
	if code != 0 || !strings.Contains(out, `Jadwal tarif "Jadwal Uji PIN" terpasang`) || !strings.Contains(errs, "PIN Agus Setiawan: ") {
		t.Fatalf("right PIN from the terminal: %d %q %q", code, out, errs)
	}
	if strings.Contains(errs, "246813") {
		t.Fatalf("the PIN was echoed: %q", errs)
	}
	code, out, errs = runWithPIN(t, db, "246813\n", nil, "tarif", "pasang", schedule(t, "Jadwal Uji Kedua"), "--petugas", "agus setiawan", "--pin-stdin")
	if code != 0 || !strings.Contains(out, "Jadwal Uji Kedua") {
		t.Fatalf("right PIN on stdin: %d %q %q", code, out, errs)
	}
}

// Five wrong PINs in a row through the commands make the store refuse the
// next try, the right PIN too, saying how long to wait; export counts
// them as well, though its own store is read-only.
func TestWrongPINsOnTheCommandLineAreCounted(t *testing.T) {
	db := demoDB(t, 3, 11)
	o := addOfficer(t, db, "Agus Setiawan", "246813")
	_, cash := paidVisits(t, db)
	out := t.TempDir()
	reissue := []string{"dokumen", "--visit", cash.ID, "--jenis", "kuitansi", "--terbit-ulang", "Nama wajib bayar salah",
		"--petugas", "Agus Setiawan", "--pin-stdin", "--out", out}
	unmask := []string{"export", "--date", "2026-11-26", "--unmask", "--petugas", "Agus Setiawan", "--pin-stdin", "--out", out}
	for i, args := range [][]string{reissue, unmask, reissue, unmask} {
		if code, _, errs := runWithPIN(t, db, "135792\n", nil, args...); code != 1 || !strings.Contains(errs, "PIN salah") {
			t.Fatalf("wrong PIN %d (%s): %d %q", i+1, args[0], code, errs)
		}
	}
	code, _, errs := runWithPIN(t, db, "135792\n", nil, reissue...)
	if code != 1 || !strings.Contains(errs, "petugas Agus Setiawan: PIN salah 5 kali berturut-turut; coba lagi dalam 30 detik") {
		t.Fatalf("fifth wrong PIN: %d %q", code, errs)
	}
	for _, args := range [][]string{reissue, unmask} {
		if code, _, errs := runWithPIN(t, db, "246813\n", nil, args...); code != 1 || !strings.Contains(errs, "coba lagi dalam") {
			t.Fatalf("right PIN during the wait (%s): %d %q", args[0], code, errs)
		}
	}
	if files, _ := os.ReadDir(out); len(files) != 0 {
		t.Fatalf("files written without the right PIN: %v", files)
	}
	s, err := store.Open(context.Background(), db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, err := s.Visit(context.Background(), cash.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.ActiveInvoice("kuitansi").Number != cash.ActiveInvoice("kuitansi").Number {
		t.Fatal("the kuitansi was reissued without the right PIN")
	}
	audit, err := s.Audit(context.Background(), o.ID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range audit {
		if a.Action == "pin_salah" {
			n++
		}
	}
	if n != 5 {
		t.Fatalf("%d wrong PINs audited, want 5", n)
	}
}

// With the right PIN the officer's commands run as before.
func TestRightPINOnTheCommandLine(t *testing.T) {
	db := demoDB(t, 3, 11)
	addOfficer(t, db, "Agus Setiawan", "246813")
	bank, _ := paidVisits(t, db)
	out := t.TempDir()
	code, stdout, errs := runWithPIN(t, db, "246813\n", nil, "dokumen", "--visit", bank.ID, "--jenis", "sppd", "--unmask",
		"--petugas", "Agus Setiawan", "--pin-stdin", "--out", out)
	if code != 0 || !strings.HasSuffix(strings.TrimSpace(stdout), ".xlsx") {
		t.Fatalf("dokumen --unmask: %d %q %q", code, stdout, errs)
	}
	code, stdout, errs = runWithPIN(t, db, "246813\n", nil, "export", "--date", "2026-11-26", "--unmask",
		"--petugas", "Agus Setiawan", "--pin-stdin", "--out", out)
	if code != 0 || !strings.HasSuffix(strings.TrimSpace(stdout), ".xlsx") {
		t.Fatalf("export --unmask: %d %q %q", code, stdout, errs)
	}
	// An officer without a PIN (the demo's) needs none, as CI scripts do.
	code, _, errs = runWithPIN(t, db, "", nil, "export", "--date", "2026-11-26", "--unmask", "--petugas", "Rina Marlina", "--out", out)
	if code != 0 {
		t.Fatalf("officer without a PIN: %d %q", code, errs)
	}
}
