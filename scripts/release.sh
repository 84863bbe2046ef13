#!/usr/bin/env bash
# Builds loket's release archives for a counter PC without Go:
#   scripts/release.sh [OUTDIR]        (default dist/)
# For windows/amd64 a zip, for linux and darwin a tar.gz, each holding the
# binary (cgo off, version stamped from git), BACA-SAYA.txt (Indonesian:
# where data lives, first start, SmartScreen, backups) and the officer's
# guide as one self-contained HTML page rendered with goldmark; then
# SHA256SUMS.txt over the archives. Needs only Go, tar and python3 (its
# zipfile module writes the zip, so no zip program is needed).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The version: the newest tag when there is one (v1.2.0, or v1.2.0-3-gabc1234
# past it), else v0.0.N-HASH with N the number of commits, so that two builds
# of different commits never share a name. -dirty marks uncommitted changes.
if git describe --tags --abbrev=0 >/dev/null 2>&1; then
  ver=$(git describe --tags --dirty)
else
  ver="v0.0.$(git rev-list --count HEAD)-$(git rev-parse --short=7 HEAD)"
  [ -n "$(git status --porcelain --untracked-files=no)" ] && ver="$ver-dirty"
fi
echo "loket $ver -> $out"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
go run ./cmd/panduan-html -version "$ver" docs/panduan-petugas.md >"$stage/panduan-petugas.html"

archives=()
for target in windows/amd64 linux/amd64 darwin/amd64 darwin/arm64; do
  os=${target%/*} arch=${target#*/}
  name="loket-$ver-$os-$arch"
  dir="$stage/$name"
  mkdir -p "$dir"
  bin=loket
  [ "$os" = windows ] && bin=loket.exe
  GOOS=$os GOARCH=$arch CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X main.version=$ver" -o "$dir/$bin" ./cmd/loket
  cp "$stage/panduan-petugas.html" "$dir/"
  sed -e "s/@VERSION@/$ver/g" -e "s/@BINARY@/$bin/g" scripts/release/BACA-SAYA.txt >"$dir/BACA-SAYA.txt"
  if [ "$os" = windows ]; then
    # Notepad on an older Windows 10 shows a file without CR as one line.
    sed -i 's/$/\r/' "$dir/BACA-SAYA.txt"
    rm -f "$out/$name.zip"
    (cd "$stage" && python3 -m zipfile -c "$out/$name.zip" "$name")
    archives+=("$name.zip")
  else
    tar -C "$stage" -czf "$out/$name.tar.gz" "$name"
    archives+=("$name.tar.gz")
  fi
  echo "  $name"
done
(cd "$out" && sha256sum "${archives[@]}" >SHA256SUMS.txt)
echo "  SHA256SUMS.txt"
