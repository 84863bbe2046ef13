#!/usr/bin/env bash
# The issue's end-to-end check of the workbook: generate demo data with
# `loket demo`, export a day, a month and an empty day with `loket export`,
# and read each workbook back with scripts/check_workbook.py (openpyxl, a
# reader other than the excelize that wrote it). Exits non-zero on any
# mismatch. Needs /usr/bin/python3 with openpyxl (.ci/run installs it).
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
