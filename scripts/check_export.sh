#!/usr/bin/env bash
# The issue's end-to-end check of the workbook: generate demo data with
# `loket demo`, export a day, a month and an empty day with `loket export`,
# and read each workbook back with scripts/check_workbook.py (openpyxl, a
# reader other than the excelize that wrote it); then the period recap,
# and an archive of two counters (loket gabung) with its export, recap and
# scripts/check_archive.py. Exits non-zero on any mismatch. Needs /usr/bin/python3 with openpyxl (.ci/run installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/loket" ./cmd/loket
"$tmp/loket" demo --db "$tmp/demo.db" --days 30 --until 2026-11-26 --seed 1 2>/dev/null
for period in "--date 2026-11-25" "--from 2026-10-28 --to 2026-11-26" "--date 2026-11-28"; do
  # shellcheck disable=SC2086 # the period is two or four words on purpose
  out=$("$tmp/loket" export --db "$tmp/demo.db" $period --out "$tmp/" --petugas "Rina Marlina" 2>/dev/null)
  echo
  /usr/bin/python3 scripts/check_workbook.py "$out"
done

# The period recap (loket laporan) against the range export of the same
# days: the demo's whole range (it starts on the first day with data, so
# every payment's visit is on the export), and an empty month.
for pair in "2026-10-28 2026-11-26" "2026-01-01 2026-01-31"; do
  read -r from to <<<"$pair"
  rec=$("$tmp/loket" laporan --db "$tmp/demo.db" --from "$from" --to "$to" --out "$tmp/" --petugas "Rina Marlina" 2>/dev/null)
  exp=$("$tmp/loket" export --db "$tmp/demo.db" --from "$from" --to "$to" --out "$tmp/" --petugas "Rina Marlina" 2>/dev/null)
  echo
  /usr/bin/python3 scripts/check_report.py "$rec" "$exp"
done

# An archive (loket gabung) of two counters of the office: the demo above
# is counter 1906/A; 1906/B is generated with its own officers. The
# archive's range export passes the same check (with its Loket column and
# per-counter Ringkasan), check_archive.py finds in it exactly the two
# counters' rows and figures added up, each block equal to its counter's
# own export, and the recap of the archive matches its export.
"$tmp/loket" demo --db "$tmp/demo-b.db" --loket B --days 30 --until 2026-11-26 --seed 2 2>/dev/null
"$tmp/loket" gabung --ke "$tmp/arsip.db" "$tmp/demo.db" "$tmp/demo-b.db" 2>/dev/null
mkdir -p "$tmp/a" "$tmp/b" "$tmp/arsip"
range=(--from 2026-10-28 --to 2026-11-26)
a=$("$tmp/loket" export --db "$tmp/demo.db" "${range[@]}" --out "$tmp/a/" 2>/dev/null)
b=$("$tmp/loket" export --db "$tmp/demo-b.db" "${range[@]}" --out "$tmp/b/" 2>/dev/null)
z=$("$tmp/loket" export --db "$tmp/arsip.db" "${range[@]}" --out "$tmp/arsip/" --petugas "Rina Marlina" 2>/dev/null)
echo
/usr/bin/python3 scripts/check_workbook.py "$z"
echo
/usr/bin/python3 scripts/check_archive.py "$z" "$a" "$b"
rec=$("$tmp/loket" laporan --db "$tmp/arsip.db" "${range[@]}" --out "$tmp/arsip/" --petugas "Rina Marlina" 2>/dev/null)
echo
/usr/bin/python3 scripts/check_report.py "$rec" "$z"
