#!/usr/bin/env bash
# Process-level kill test of `loket upgrade` (issue 11): on a fresh copy of a
# schema-1 database each round kills the upgrade with SIGKILL at a random
# point of its run, then requires
#   - `loket upgrade --cek`: the schema is whole at some version (each
#     migration is one transaction: the old one, one between, or the
#     binary's newest), never a mix;
#   - `loket upgrade` again finishes, and `loket check` is clean with the
#     same number of visits.
#
#   scripts/upgrade_kill.sh [DB] [ROUNDS]
#
# DB defaults to the kept v1 file testdata/v1/loket-v1.db (what .ci/run
# uses, 3 rounds); the issue's run is the demo decade made by the v1 binary
# (commit f893676: loket demo --days 3650) with 10 rounds. Every copy is
# made in a temporary folder; DB itself is only read.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-testdata/v1/loket-v1.db}
rounds=${2:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/loket" ./cmd/loket
bin="$work/loket"

copy() { rm -rf "$work/r"; mkdir -p "$work/r"; cp "$db" "$work/r/loket.db"; }

# Time one whole upgrade, in milliseconds.
copy
t0=$(date +%s%N)
"$bin" upgrade --db "$work/r/loket.db" >/dev/null 2>&1
full=$(( ($(date +%s%N) - t0) / 1000000 ))
# The newest schema is the binary's, read from the upgraded copy rather than
# written here, so that a later migration cannot leave this script behind.
latest=$("$bin" upgrade --cek --db "$work/r/loket.db" | sed -n 's/.*skema versi \([0-9]*\) utuh (terbaru).*/\1/p')
visits=$("$bin" check --db "$work/r/loket.db" | sed -n "s/.*skema versi ${latest}, \([0-9]*\) kunjungan.*/\1/p")
if [ -z "$latest" ] || [ -z "$visits" ]; then
  echo "upgrade_kill: the whole upgrade did not give a clean newest schema"
  "$bin" upgrade --cek --db "$work/r/loket.db"; "$bin" check --db "$work/r/loket.db"; exit 1
fi
echo "upgrade_kill: whole upgrade ${full} ms to schema ${latest}, ${visits} visits; ${rounds} rounds"

old=0; new=0
for round in $(seq 1 "$rounds"); do
  copy
  delay=$(( RANDOM * 32768 + RANDOM ))
  delay=$(( delay % (full > 1 ? full : 1) ))
  "$bin" upgrade --db "$work/r/loket.db" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if ! state=$("$bin" upgrade --cek --db "$work/r/loket.db" 2>&1); then
    echo "round $round (kill at ${delay} ms): schema not whole: $state"; exit 1
  fi
  case "$state" in
    *"skema versi ${latest} utuh (terbaru)"*) new=$((new + 1)) ;;
    *"skema versi "[0-9]*" utuh (lama"*) old=$((old + 1)) ;;
    *) echo "round $round: unexpected: $state"; exit 1 ;;
  esac
  "$bin" upgrade --db "$work/r/loket.db" >/dev/null 2>&1 || { echo "round $round: upgrade after the kill failed"; "$bin" upgrade --db "$work/r/loket.db"; exit 1; }
  out=$("$bin" check --db "$work/r/loket.db") || { echo "round $round: check: $out"; exit 1; }
  case "$out" in
    *"baik: skema versi ${latest}, ${visits} kunjungan"*) ;;
    *) echo "round $round: check: $out"; exit 1 ;;
  esac
  echo "round $round: killed at ${delay} ms: $(echo "$state" | sed 's/.*: //'); upgraded again, check clean"
done
echo "upgrade_kill: ${rounds} rounds, an older schema after the kill ${old}, the newest ${new}; every check clean"
