#!/usr/bin/env bash
# Benchmark: `sdetcheck aaf validate` (every rule, cross-file integrity included) against
# `xmllint --noout --stream` (a well-formedness pass only, libxml2's streaming reader) and
# `cat` (the read floor), on the same generated feed, in one run.
#
#   bench/aaf.sh [--build DIR] [--persons N] [--feed DIR] [--runs K] [--threads J]
#
# 1. `sdetcheck aaf generate --persons N` writes a synthetic académie (default 1,000,000
#    persons, about 1.8 GB in some twenty ISO-8859-15 files) into DIR (default
#    BUILD/bench-aaf/feed), unless a feed generated with the same N is already there.
# 2. Each tool runs K times (default 3) on the files, the page cache warm (one unmeasured
#    `cat` first); wall time and peak RSS come from GNU time. The median run is shown.
# 3. Prints wall time, throughput and peak RSS of each, and the ratios. The bar (issue 13):
#    validation at least 3x faster than xmllint --stream, peak RSS at most 300 MB.
#
# Needs: a built sdetcheck (a Release build: cmake -DCMAKE_BUILD_TYPE=Release), xmllint and
# GNU time (scripts/setup.sh installs both).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
PERSONS=1000000
FEED=""
RUNS=3
THREADS=2
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD="$2"; shift 2 ;;
    --persons) PERSONS="$2"; shift 2 ;;
    --feed) FEED="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "aaf bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
SDETCHECK="$BUILD/sdetcheck"
[ -x "$SDETCHECK" ] || { echo "aaf bench: no $SDETCHECK (build first)" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "aaf bench: xmllint missing (scripts/setup.sh)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "aaf bench: GNU time missing (scripts/setup.sh)" >&2; exit 2; }
grep -q 'CMAKE_BUILD_TYPE:STRING=Release' "$BUILD/CMakeCache.txt" 2>/dev/null ||
  echo "aaf bench: warning: $BUILD is not a Release build; figures will be low" >&2
FEED="${FEED:-$BUILD/bench-aaf/feed}"
WORK="$(dirname "$FEED")"
mkdir -p "$WORK"

if [ "$(cat "$FEED/.persons" 2>/dev/null)" != "$PERSONS" ]; then
  rm -rf "$FEED"
  echo "generating $PERSONS persons into $FEED"
  "$SDETCHECK" aaf generate --persons "$PERSONS" --out "$FEED" >/dev/null
  echo "$PERSONS" > "$FEED/.persons"
fi
mapfile -t FILES < <(ls "$FEED"/*.xml)
BYTES=$(cat "${FILES[@]}" | wc -c)
echo "feed: ${#FILES[@]} files, $((BYTES / 1000000)) MB, $PERSONS persons"
cat "${FILES[@]}" > /dev/null  # warm the page cache

measure() {  # $1: name, rest: command; prints "seconds max_rss_kb"
  local name="$1" out="$WORK/time-$1"; shift
  /usr/bin/time -f "%e %M" -o "$out" "$@" > /dev/null 2> "$WORK/stderr-$name" || true
  cat "$out"
}
median() { sort -g | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }

declare -A RESULT
for tool in cat xmllint sdetcheck; do
  runs=()
  for _ in $(seq 1 "$RUNS"); do
    case "$tool" in
      cat) runs+=("$(measure cat cat "${FILES[@]}")") ;;
      xmllint) runs+=("$(measure xmllint xmllint --noout --stream "${FILES[@]}")") ;;
      sdetcheck) runs+=("$(measure sdetcheck "$SDETCHECK" aaf validate -j "$THREADS" --format json \
                          -o "$WORK/validation.json" "$FEED")") ;;
    esac
  done
  RESULT[$tool]="$(printf '%s\n' "${runs[@]}" | median)"
done
findings=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sum(d['counts'].values()), d['records'])" "$WORK/validation.json")

printf '\nAAF feed of %d persons, %d MB in %d files, %d runs (median), %d threads for sdetcheck\n' \
  "$PERSONS" "$((BYTES / 1000000))" "${#FILES[@]}" "$RUNS" "$THREADS"
for tool in cat xmllint sdetcheck; do
  read -r seconds rss <<< "${RESULT[$tool]}"
  printf '  %-44s %7.2f s  %7.0f MB/s  peak RSS %6.0f MB\n' \
    "$(case $tool in cat) echo "cat (read floor)";; xmllint) echo "xmllint --noout --stream (well-formedness)";; sdetcheck) echo "sdetcheck aaf validate (every rule)";; esac)" \
    "$seconds" "$(awk "BEGIN {print $BYTES / 1e6 / $seconds}")" "$(awk "BEGIN {print $rss / 1024}")"
done
read -r s_sdet rss_sdet <<< "${RESULT[sdetcheck]}"
read -r s_xml _ <<< "${RESULT[xmllint]}"
printf '  records checked: %s, findings: %s\n' "${findings#* }" "${findings% *}"
printf '  ratio xmllint / sdetcheck: %.2fx (bar >= 3, aim 5)\n' "$(awk "BEGIN {print $s_xml / $s_sdet}")"
printf '  sdetcheck peak RSS: %.0f MB (bar <= 300)\n' "$(awk "BEGIN {print $rss_sdet / 1024}")"
