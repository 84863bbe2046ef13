#!/usr/bin/env bash
# End-to-end test of the counter app: builds loket, drives the real binary
# in tmux at 80×24 and reads the screen with `tmux capture-pane -p`.
#
#   1. Flow (b): a government visitor gets one e-publication at Rp0 with a
#      request letter; steps 9, 11 and 12 are not applicable.
#   2. A first visit of a private visitor (guest book only, then cancelled):
#      she is now a returning visitor.
#   3. A new visitor buys one e-publication and pays cash; then Siti comes
#      back, buys one and pays cash. For flow (b) and these two visits every
#      navigation or choice key from `n` to the finished visit is counted
#      (not the characters typed into text fields, nor the visitor's nine
#      rating keys) and printed; the goals of issue 15 (returning visitor
#      cash <= 16, new visitor cash <= 28) are checked and a missed goal
#      fails the run.
#   3b. A new private visitor buys a microdata set and pays by bank: step
#      11 issues a kode billing and suspends the visit; she comes back, the
#      visit is resumed from Beranda, the NTPN and NTB confirm the payment
#      and the visit is finished. Its keys are counted and printed too.
#   4. The search finds her by a word of her name; the end of the day
#      records the cash hand-over and writes the day's workbook into
#      Documents/Laporan PST, which openpyxl reads back when available.
#
# Exit status 0 when every screen showed what it should. Set
# E2E_CAPTURE_DIR to keep a text capture of each screen.
set -euo pipefail

cd "$(dirname "$0")/.."

if ! command -v tmux >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		apt-get install -y tmux >/dev/null || { apt-get update >/dev/null && apt-get install -y tmux >/dev/null; }
	else
		echo "e2e: tmux tidak terpasang (apt-get install -y tmux)" >&2
		exit 1
	fi
fi

work=$(mktemp -d)
session="loket-e2e-$$"
bin="$work/loket"
db="$work/loket.db"
captures="${E2E_CAPTURE_DIR:-}"
cleanup() {
	tmux kill-session -t "$session" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$bin" ./cmd/loket

keys=0      # keys counted (not the characters typed into fields)
counting=0  # counting on?

screen() { tmux capture-pane -p -t "$session"; }

fail() {
	echo "e2e GAGAL: $*" >&2
	echo "---- layar ----" >&2
	screen >&2 || true
	exit 1
}

# key KEY...: send tmux key names (Enter, Down, C-s, n, …), counted.
key() {
	for k in "$@"; do
		tmux send-keys -t "$session" "$k"
		if [ "$counting" = 1 ]; then keys=$((keys + 1)); fi
		sleep 0.05
	done
}

# rate SCORE...: the visitor's own rating keys, sent but never counted.
rate() {
	for k in "$@"; do
		tmux send-keys -t "$session" "$k"
		sleep 0.05
	done
}

# begin / finish NAME: count the keys of one visit, from `n` to finished.
declare -A counted
begin() { keys=0; counting=1; }
finish() { counting=0; counted[$1]=$keys; }

# text STRING: type characters into the focused text field, not counted.
text() {
	tmux send-keys -t "$session" -l "$1"
	sleep 0.1
}

# see TEXT [SECONDS]: wait until the screen shows TEXT.
see() {
	local want="$1" limit="${2:-10}" i=0
	while ! screen | grep -qF -- "$want"; do
		i=$((i + 1))
		if [ "$i" -gt $((limit * 20)) ]; then fail "layar tidak menampilkan: $want"; fi
		sleep 0.05
	done
}

# step N: wait until the visit screen works on step N.
step() { see "Langkah $1/16"; sleep 0.1; }

# capture NAME: keep the screen as text when E2E_CAPTURE_DIR is set.
capture() {
	if [ -n "$captures" ]; then
		mkdir -p "$captures"
		screen >"$captures/$1.txt"
	fi
}

home="$work/home" # the app's Documents/Laporan PST goes here
mkdir -p "$home"
tmux new-session -d -s "$session" -x 80 -y 24 "HOME='$home' $bin --db '$db' --petugas 'Rina Wulandari'; sleep 30"
see "Beranda"
see "Belum ada kunjungan berjalan"
capture 01-beranda

echo "== Alur (b): instansi pemerintah, publikasi elektronik tarif nol rupiah"
begin
key n
step 2
capture 02-maksud
see "ketik 1–5 (langsung simpan)"
key 2 # Pemerintahan: the number picks and, on the last field, saves
step 3
text "Budi Santoso"
key Enter y Enter # persetujuan Ya (y lanjut), KTP
text "1906011001800002"
see "1980 (usulan; enter terima)"
see "enter lanjut ke Pendidikan"
key Enter 4 3 # L dan 1980 dari NIK dilewati enter; S2, ASN/TNI/Polri (angka lanjut)
text "Bappeda Belitung Timur"
key Enter 4 # Pemerintah Daerah
text "budi@beltim.go.id"
key Enter
text "081234567891"
capture 03-buku-tamu
key C-s
step 4
text "Statistik Daerah Kabupaten Belitung Timur 2026"
key Enter
text "120"
see "Rp80.000"
key Enter Enter Enter Space # surat permohonan ada: Ya (spasi: dipilih tanpa menyimpan)
see "Total: Rp0 · 1 produk"
capture 04-permintaan-nol-rupiah
key Enter
step 5
key Enter
step 6
see "Total: Rp0 (tarif nol rupiah)"
capture 06-ketentuan
key Enter
step 7
key y y # setuju, surat permohonan diserahkan (y di kolom terakhir menyimpan)
step 8
key y Enter
step 10
see "–  9 Invoice"
see "– 11 Bayar"
see "– 12 SPPD"
key PPage
see "Tidak berlaku untuk kunjungan ini"
capture 09-tidak-berlaku
key Enter
step 10
key Enter
step 13
key Enter
step 14
key Enter
step 15
rate 4 4 3 4 3 4 4 3 4
text "Pelayanan cepat"
capture 15-penilaian
key Enter
step 16
key Enter
see "Kunjungan A-001: Selesai"
finish pemda
capture 16-selesai
key Enter
see "Beranda"
see "selesai 1"

echo "== Kunjungan pertama pengunjung swasta (buku tamu, lalu batal)"
key n
step 2
key k Enter # Komersial (huruf awal memilih, enter menyimpan)
step 3
text "Siti Aminah"
key Enter y Enter
text "1906015203990001"
key Enter # P dan 1999 dari NIK
key 3 5 # D4/S1, Pegawai Swasta
text "CV Maju Bersama"
key Enter 8 # Swasta
text "siti@example.com"
key Enter
text "0812-3456-7890"
key Enter
text "012345678901000"
key C-s
step 4
key C-x
see "Alasan pembatalan"
text "Hanya menanyakan jadwal rilis"
capture batal-dialog
key Enter
see "Kunjungan A-002 dibatalkan"

echo "== Pengunjung baru membeli satu publikasi elektronik, bayar tunai"
begin
key n
step 2
key 4 # Komersial
step 3
text "Andi Pratama"
key Enter y Enter # persetujuan Ya, KTP
text "1906011505920003"
key Enter # L dan 1992 dari NIK: enter lanjut ke Pendidikan
see "1992 (usulan; enter terima)"
key 3 7 # D4/S1, Lainnya
text "Perorangan"
key Enter 9 # Lainnya
text "andi@example.com"
key Enter
text "081234567892"
key C-s
step 4
text "Belitung Timur Dalam Angka 2026"
key Enter
text "120"
see "Total: Rp80.000"
key C-s
step 5
key Enter
step 6
key Enter
step 7
key y
step 9
key Enter
step 10
key Enter
step 11
key C-s
step 13
key Enter
step 14
key Enter
step 15
rate 4 4 4 4 4 4 4 4 4
key Enter
step 16
key Enter
see "Kunjungan A-003: Selesai"
finish baru
key Enter
see "Beranda"

echo "== Pengunjung lama membeli satu publikasi elektronik, bayar tunai"
begin
key n
step 2
key 4 # Komersial
step 3
text "0812 3456 7890" # her phone: one visitor exactly, highlighted
see "Siti Aminah · CV Maju Bersama"
see "enter ambil Siti Aminah"
capture 03-pengunjung-lama
key Enter
see "Pengunjung lama: Siti Aminah"
key C-s
step 4
text "Kabupaten Belitung Timur Dalam Angka 2026"
key Enter
text "120"
see "Total: Rp80.000"
key C-s
step 5
key Enter
step 6
key Enter
step 7
key y
step 9
see "Rp80.000"
key Enter
step 10
see "Invoice INV/1906/A/"
key Enter
step 11
see "Siti Aminah"
capture 11-bayar-tunai
key C-s
step 13
see "Kuitansi KW/1906/A/"
key Enter
step 14
key Enter
step 15
rate 4 4 4 3 4 4 4 4 4
key Enter
step 16
key Enter
see "Kunjungan A-004: Selesai"
finish lama
capture 16-selesai-tunai
key Enter
see "Beranda"
see "selesai 3"
see "PNBP       Rp160.000 (tunai Rp160.000"
capture 01-beranda-akhir
capture 01-beranda-akhir

echo "== Pengunjung swasta baru membeli data mikro, bayar lewat bank (ditunda, lalu dilanjutkan)"
begin
key n
step 2
key 4 # Komersial
step 3
text "Dewi Lestari"
key Enter y Enter # persetujuan Ya, KTP
text "1906016107950004"
key Enter # P dan 1995 dari NIK
key 4 5 # S2, Pegawai Swasta
text "PT Data Bangka"
key Enter 8 # Swasta
text "dewi@example.com"
key Enter
text "081234567893"
key Enter
text "0123456789012345" # NPWP, wajib untuk Swasta
key C-s
step 4
key Up 2 # kode tarif DM-MENTAH (angka lanjut ke Judul)
text "Susenas Maret 2025 Kabupaten Belitung Timur"
key Enter
text "5 MB"
see "Rp100.000"
key Enter Enter
text "CSV"
key Enter
text "umur, jenis kelamin, pendidikan"
key C-s
step 5
key Enter
step 6
see "abstraksi penggunaan data"
key Enter
step 7
key y y Enter # setuju, abstraksi diserahkan, variabelnya sama dengan permintaan
step 8
key y Enter # dokumen lengkap dan sesuai
step 9
key y y # contoh data mikro dan formulir SPPD diserahkan
step 10
key Enter
step 11
see "Invoice: INV/1906/A/"
key 2 Enter # Bank (kode billing); nama wajib bayar Dewi Lestari
text "820261206000123"
capture 11-kode-billing
key C-s
see "menunggu pembayaran bank"
see "Beranda"
capture 01-beranda-bank
key Enter # lanjutkan kunjungan yang kembali dari bank
step 11
see "Konfirmasi bank (NTPN)"
capture 11-konfirmasi-bank
key Enter
text "0A1B2C3D4E5F6G7H"
key Enter
text "NTB123456"
key C-s
step 12
see "Kuitansi KW/1906/A/"
key Enter
step 13
key Enter
step 14
key Enter
step 15
rate 3 4 3 4 4 4 4 3 4
key Enter
step 16
key Enter
see "Kunjungan A-005: Selesai"
finish bank
key Enter
see "Beranda"
see "selesai 4"

# 4. Find her, then close the day.
key /
see "Cari"
text "amin"
see "Pengunjung (1)"
see "Siti Aminah"
capture cari
key Escape
see "Kunjungan berjalan"
key e
see "Tutup hari"
see "Rp160.000 dari 2 pembayaran tunai"
key Enter
text "160.000"
key Enter
text "Sri Wahyuni"
key C-s
see "Rp160.000 kepada Sri Wahyuni"
key C-e
see "Laporan tersimpan" 20
capture tutup-hari
report="$home/Documents/Laporan PST/laporan-pst-$(TZ=Asia/Jakarta date +%F).xlsx"
[ -f "$report" ] || fail "laporan tidak ada: $report"
mode=$(stat -c %a "$report")
[ "$mode" = 600 ] || fail "laporan bermode $mode, seharusnya 600"
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	/usr/bin/python3 scripts/check_workbook.py "$report" >/dev/null || fail "check_workbook.py menolak laporan dari layar Tutup hari"
else
	echo "e2e: openpyxl tidak ada; laporan tidak dibaca ulang" >&2
fi
key Escape
see "Kunjungan berjalan"
key q
sleep 0.5
if tmux capture-pane -p -t "$session" | grep -qF "Beranda"; then
	fail "q di Beranda tidak menutup loket"
fi

# The keys of each visit (navigation and choices, not typed characters,
# not the nine rating keys) against the goals of issue 15: a missed goal
# fails the run, so a change that costs the officer keys is seen.
echo "Tombol navigasi/pilihan dari n sampai selesai (tanpa huruf yang diketik dan 9 tombol penilaian):"
missed=0
report_keys() { # NAME LABEL [GOAL]
	local n="${counted[$1]}" line
	line=$(printf '  %-56s %3d' "$2" "$n")
	if [ -n "${3:-}" ]; then
		if [ "$n" -le "$3" ]; then line="$line   (sasaran <= $3: goal met)"; else line="$line   (sasaran <= $3: GOAL MISSED)"; missed=1; fi
	fi
	echo "$line"
}
report_keys bank "pengunjung Swasta baru, data mikro, bank (ditunda)"
report_keys pemda "pengunjung Pemda baru, publikasi Rp0"
report_keys baru "pengunjung baru, publikasi, tunai" 28
report_keys lama "pengunjung lama, publikasi, tunai" 16
if [ "$missed" = 1 ]; then
	fail "sasaran jumlah tombol issue 15 tidak tercapai"
fi
echo "e2e OK"
