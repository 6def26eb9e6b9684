#!/usr/bin/env bash
# Builds the .deb from a build directory (cpack), checks that its dependencies are declared and
# resolvable on this Debian, installs it into a clean root (dpkg --root, no container), then
# runs `sdetcheck lint` and an audit of the reference ENT from the installed copy, which must
# find its grids, probes and templates in <root>/usr/share/sdetcheck without --data-dir.
#   scripts/check-deb.sh BUILD_DIR [REFENT_DIR]
set -euo pipefail
BUILD="$(cd "${1:?usage: check-deb.sh BUILD_DIR [REFENT_DIR]}" && pwd)"
REFENT="${2:-}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
unset SDETCHECK_DATA_DIR

(cd "$BUILD" && cpack -G DEB -B "$WORK/pkg" >/dev/null)
DEB="$(ls "$WORK"/pkg/sdetcheck_*.deb)"
echo "package: $(basename "$DEB"), $(stat -c %s "$DEB") bytes"
DEPENDS="$(dpkg-deb -f "$DEB" Depends)"
echo "depends: $DEPENDS"
for lib in libcurl4 libyaml-cpp libssl3 libxmlsec1-openssl libarchive13 libldap; do
  case "$DEPENDS" in *"$lib"*) ;; *) echo "check-deb: $lib missing from Depends" >&2; exit 1;; esac
done
# Every declared dependency resolvable by apt on this release (simulation: nothing installed).
apt-get install -s "$DEB" >/dev/null

ROOT="$WORK/root"
mkdir -p "$ROOT/var/lib/dpkg/info" "$ROOT/var/lib/dpkg/updates"
touch "$ROOT/var/lib/dpkg/status"
start=$(date +%s.%N)
# The clean root has no libraries: its dependencies are the host's (checked above).
dpkg --root="$ROOT" --force-depends --force-script-chrootless -i "$DEB" >/dev/null 2>&1 ||
  dpkg --root="$ROOT" --force-depends -i "$DEB" >/dev/null
end=$(date +%s.%N)
echo "install: $(awk "BEGIN { printf \"%.2f\", $end - $start }") s into a clean root"
BIN="$ROOT/usr/bin/sdetcheck"
test -x "$BIN"
test -f "$ROOT/usr/share/man/man1/sdetcheck.1.gz"
test -f "$ROOT/usr/share/sdetcheck/grids/sdet-6.3/manifest.yaml"
"$BIN" --version
"$BIN" lint
# Whole output to a file: `| head` would end the writer with SIGPIPE under pipefail.
"$BIN" grid list > "$WORK/grid-list.txt"
head -1 "$WORK/grid-list.txt"

if [ -n "$REFENT" ]; then
  OUT="$WORK/out"
  code=0
  "$BIN" audit -q --rate 40 -t "$REFENT/target.yaml" --only SEC-01A,SEC-01B,AUTH-02A,RGPD-02A \
    -o "$OUT" -f json,html --today 2026-11-23 || code=$?
  [ "$code" -le 2 ] || { echo "check-deb: audit exit $code" >&2; exit 1; }
  # The installed copy read its own grid files.
  grep -q "\"path\": \"$ROOT/usr/share/sdetcheck/grids/sdet-6.3/manifest.yaml\"" "$OUT/report.json" ||
    { echo "check-deb: the installed copy did not read its own grids" >&2; exit 1; }
  grep -q '"state": "pass"' "$OUT/report.json"
  echo "audit: the installed copy audited $REFENT/target.yaml"
fi
echo "check-deb: ok"
