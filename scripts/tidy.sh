#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy) over every C++ source of src/ (and the src/ headers they
# include), two at a time, with the compile commands of a build directory it configures
# (build-tidy/, nothing is built). Fails when clang-tidy reports anything; prints each finding
# once and a count per check.
#   scripts/tidy.sh                  # every source of src/
#   scripts/tidy.sh src/net/url.cpp  # only these files
#
# Not tests/: clang-tidy 14 rejects a structured binding named in doctest's INFO or
# CHECK_MESSAGE (they capture it in a lambda: valid C++20, accepted by GCC 12, by clang only
# from 16), and the tests would double the time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR=build-tidy
TIDY=clang-tidy-14
command -v "$TIDY" >/dev/null || TIDY=clang-tidy
if ! command -v "$TIDY" >/dev/null; then
  echo "tidy: clang-tidy not found; run scripts/setup.sh" >&2
  exit 1
fi

cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  -DSDETCHECK_BUILD_TESTS=OFF >/dev/null
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files 'src/*.cpp')
fi

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
start=$SECONDS
# One log per file (named after it), so two clang-tidy processes never interleave lines.
printf '%s\n' "${files[@]}" | xargs -P 2 -I{} sh -c \
  '"$1" -p "$2" --quiet "$3" >"$4/$(echo "$3" | tr / _).log" 2>&1 || echo "$3" >>"$4/failed"' \
  sh "$TIDY" "$BUILD_DIR" {} "$OUT"

# A finding in a header is reported by every file that includes it: count it once.
findings="$(cat "$OUT"/*.log | grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error|fatal error):' |
  sed "s|^$ROOT/||" | sort -u || true)"
elapsed=$((SECONDS - start))
if [ -z "$findings" ] && [ ! -e "$OUT/failed" ]; then
  echo "tidy: ${#files[@]} files clean (${elapsed}s)"
  exit 0
fi
if [ -z "$findings" ]; then
  # clang-tidy failed without a finding (no compile command, a crash): show what it said.
  while read -r f; do cat "$OUT/$(echo "$f" | tr / _).log"; done <"$OUT/failed"
  echo "tidy: clang-tidy failed on $(wc -l <"$OUT/failed") files (${elapsed}s)" >&2
  exit 1
fi
echo "$findings"
echo "tidy: $(echo "$findings" | wc -l) findings in ${#files[@]} files (${elapsed}s):" >&2
echo "$findings" | grep -oE '\[[a-z0-9.-]+(,-warnings-as-errors)?\]$' |
  sed -E 's/^\[//; s/(,-warnings-as-errors)?\]$//' | sort | uniq -c | sort -rn >&2
exit 1
