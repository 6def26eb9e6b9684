#!/usr/bin/env bash
# Benchmark: `sdetcheck tls scan` against sslscan and `testssl.sh -p -S` (all from Debian), on
# the same endpoints of the reference ENT in one run, with the findings compared.
#
#   bench/tls.sh [--build DIR] [--port-base N] [--runs K] [--latency MS]
#
# The ENT is put 2*MS of round trip away (default MS=10) by `scripts/refent.sh start --latency`;
# --latency 0 measures on bare loopback. Endpoints: the portal of the conformant variant
# (TLS 1.2-1.3, ECDHE AEAD suites) and of the flawed one (TLS 1.0-1.3, OpenSSL's default suites
# and NULL-SHA256).
#
# For each endpoint: sslscan (protocols, suites, groups, certificate; median of K runs),
# testssl.sh -p -S (protocols, server defaults, certificate; one run: it takes tens of
# seconds), sdetcheck tls scan with the rate cap lifted (-r 1000 -c 8, sslscan has none;
# median of K runs) and at its default politeness (10 handshakes/s, 4 per host). Prints wall
# times, the ratios, and where the three disagree on protocols, suites and certificate.
#
# Needs: a built sdetcheck, the reference ENT's packages and sslscan + testssl.sh
# (scripts/setup.sh). Starts its own reference ENT in BUILD/bench-tls and stops it at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
PORT_BASE=33000
RUNS=3
LATENCY=10
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD="$2"; shift 2 ;;
    --port-base) PORT_BASE="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --latency) LATENCY="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "tls bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
SDETCHECK="$BUILD/sdetcheck"
[ -x "$SDETCHECK" ] || { echo "tls bench: no $SDETCHECK (build first)" >&2; exit 2; }
for tool in sslscan testssl; do
  command -v "$tool" >/dev/null || { echo "tls bench: $tool missing (scripts/setup.sh)" >&2; exit 2; }
done
WORK="$BUILD/bench-tls"
REFENT="$WORK/refent"
rm -rf "$WORK" && mkdir -p "$WORK"
cleanup() { "$ROOT/scripts/refent.sh" stop --dir "$REFENT" >/dev/null 2>&1 || true; }
trap cleanup EXIT
"$ROOT/scripts/refent.sh" start --variant conformant --dir "$REFENT" --port-base "$PORT_BASE" \
  --latency "$LATENCY" --sdetcheck "$SDETCHECK" >/dev/null
CA="$REFENT/certs/ca.pem"
URL="https://localhost:$((PORT_BASE + 443))/"
HOSTPORT="localhost:$((PORT_BASE + 443))"

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
timed() { local s e; s=$(now); "$@" >/dev/null 2>&1 || true; e=$(now); calc "$e - $s"; }

bench_variant() {
  local variant="$1" dir="$WORK/$1" i
  mkdir -p "$dir"
  "$ROOT/scripts/refent.sh" variant "$variant" --dir "$REFENT" >/dev/null
  "$SDETCHECK" tls scan "$URL" --ca-bundle "$CA" -r 1000 -c 8 --json > "$dir/sdetcheck.json" 2>/dev/null || true
  sslscan --no-colour --xml="$dir/sslscan.xml" "$HOSTPORT" > /dev/null 2>&1 || true
  local fast=() polite=() ssl=()
  for i in $(seq "$RUNS"); do
    fast+=("$(timed "$SDETCHECK" tls scan "$URL" --ca-bundle "$CA" -r 1000 -c 8)")
    polite+=("$(timed "$SDETCHECK" tls scan "$URL" --ca-bundle "$CA")")
    ssl+=("$(timed sslscan --no-colour "$HOSTPORT")")
  done
  local testssl_time
  testssl_time=$(timed testssl -p -S --add-ca "$CA" --warnings off --quiet --color 0 \
    --jsonfile "$dir/testssl.json" "$HOSTPORT")
  local t_fast t_polite t_ssl
  t_fast=$(printf '%s\n' "${fast[@]}" | median)
  t_polite=$(printf '%s\n' "${polite[@]}" | median)
  t_ssl=$(printf '%s\n' "${ssl[@]}" | median)
  echo "== $variant ($URL, latency ${LATENCY} ms each way, median of $RUNS)"
  printf '  %-40s %8s s\n' "sdetcheck tls scan -r 1000 -c 8" "$t_fast" \
    "sdetcheck tls scan (default: 10/s, 4/host)" "$t_polite" "sslscan" "$t_ssl" \
    "testssl.sh -p -S (1 run)" "$testssl_time"
  echo "  ratios: sslscan / sdetcheck = $(calc "$t_ssl / $t_fast")x," \
    "testssl.sh / sdetcheck = $(calc "$testssl_time / $t_fast")x," \
    "sslscan / sdetcheck at default politeness = $(calc "$t_ssl / $t_polite")x"
  python3 "$ROOT/bench/tls_compare.py" "$dir/sdetcheck.json" "$dir/sslscan.xml" "$dir/testssl.json"
}

bench_variant conformant
bench_variant flawed
