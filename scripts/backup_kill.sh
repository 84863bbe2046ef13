#!/usr/bin/env bash
# Kills `loket backup`'s store code with SIGKILL at many random moments
# (store.TestKilledBackups with more rounds than go test's 8) and checks that
# no partial file is ever left under a backup's name. Usage:
#   scripts/backup_kill.sh [ROUNDS]   (default 200, about 15 s)
set -euo pipefail
cd "$(dirname "$0")/.."
LOKET_BACKUP_KILL_ROUNDS="${1:-200}" go test ./store -run '^TestKilledBackups$' -count=1 -v | grep -E 'rounds killed|^(ok|FAIL|---)'
