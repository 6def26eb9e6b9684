#!/usr/bin/env bash
# Renders a report in headless Chromium and saves a PNG, to look at what a reader sees.
#   scripts/screenshot.sh out/report.html out/report.png [WIDTHxHEIGHT]
# Installs Debian's chromium when missing. Fails when Chromium reports a page error.
set -euo pipefail
HTML="${1:?usage: screenshot.sh REPORT.html OUT.png [WIDTHxHEIGHT]}"
PNG="${2:?usage: screenshot.sh REPORT.html OUT.png [WIDTHxHEIGHT]}"
SIZE="${3:-1280x3000}"
if ! command -v chromium >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
PROFILE="$(mktemp -d)"
trap 'rm -rf "$PROFILE"' EXIT
URL="file://$(cd "$(dirname "$HTML")" && pwd)/$(basename "$HTML")"
# --enable-logging=stderr with --v=0 prints console errors ("Uncaught ...") of the page.
LOG="$PROFILE/chromium.log"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$PROFILE" --window-size="${SIZE/x/,}" --enable-logging=stderr --v=0 \
  --screenshot="$PNG" "$URL" 2>"$LOG" >/dev/null
if grep -E "Uncaught|CONSOLE\(.*\).*[Ee]rror" "$LOG"; then
  echo "screenshot: the page reported errors (above)" >&2
  exit 1
fi
echo "screenshot: $PNG"
