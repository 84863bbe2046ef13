#!/usr/bin/env bash
# Builds the release archives into a temporary folder and checks what a
# counter officer would get: every archive holds the binary, BACA-SAYA.txt
# and the guide page; the checksums verify; the linux binary says the
# stamped version, not "dev"; the guide page is self-contained.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
scripts/release.sh "$out"
cd "$out"
sha256sum --check --quiet SHA256SUMS.txt
n=$(wc -l <SHA256SUMS.txt)
[ "$n" -eq 4 ] || { echo "expected 4 archives in SHA256SUMS.txt, got $n"; exit 1; }
for a in *.zip *.tar.gz; do
  case "$a" in
    *.zip) list=$(python3 -m zipfile -l "$a"); bin=loket.exe ;;
    *) list=$(tar -tzf "$a"); bin=loket ;;
  esac
  for f in "$bin" BACA-SAYA.txt panduan-petugas.html; do
    grep -q "/$f" <<<"$list" || { echo "$a lacks $f"; exit 1; }
  done
done
tar -xzf loket-*-linux-amd64.tar.gz
dir=$(ls -d loket-*-linux-amd64)
ver=${dir#loket-}; ver=${ver%-linux-amd64}
"$dir/loket" version | grep -q "^loket $ver " || { echo "binary does not say version $ver:"; "$dir/loket" version; exit 1; }
grep -q "$ver" "$dir/BACA-SAYA.txt" || { echo "BACA-SAYA.txt lacks the version"; exit 1; }
if grep -n '@[A-Z]*@' "$dir/BACA-SAYA.txt"; then echo "unfilled placeholder"; exit 1; fi
if grep -Eq '<script|<link|src="http|href="http' "$dir/panduan-petugas.html"; then
  echo "guide page loads something from elsewhere"; exit 1
fi
python3 - "$out"/loket-*-windows-amd64.zip <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
txt = next(n for n in z.namelist() if n.endswith("BACA-SAYA.txt"))
body = z.read(txt)
assert b"\r\n" in body, "BACA-SAYA.txt in the Windows zip has no CRLF line ends"
exe = next(n for n in z.namelist() if n.endswith("loket.exe"))
assert z.read(exe)[:2] == b"MZ", "loket.exe is not a Windows executable"
PY
echo "release archives OK ($ver)"
