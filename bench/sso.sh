#!/usr/bin/env bash
# Benchmark: the SSO axis of an audit of the reference ENT, against the same requests sent by
# curl, in one run on the same servers.
#
#   bench/sso.sh [--build DIR] [--port-base N] [--concurrency C] [--runs K] [--latency MS]
#
# The ENT is put 2*MS of round trip away (default MS=10: 20 ms, an ENT across France) by
# `scripts/refent.sh start --latency MS`; --latency 0 measures on bare loopback, where the
# ENT's own CPU (LemonLDAP::NG, on the same 2 cores as the clients) bounds every client.
#
# 1. sdetcheck audits the reference ENT with only the single sign-on items (every grid item
#    whose probe is defined in probes/sso.yaml), at --concurrency C per host, rate cap lifted
#    (--rate 1000) so the flows' own ordering is what is measured.
# 2. The requests it made are read back from the ENT's nginx access log (method and URL, in
#    order), and sent again by curl:
#      - sequential: one curl process, one request after another, connection closed after each
#        (as sdetcheck does), which is what a shell script of curl calls does at best;
#      - parallel: `curl --parallel --parallel-max C`, the same requests at the same limit.
#    Both send each request as sdetcheck did (GET, or a POST with a form body of the same size),
#    with no flow logic: tickets and form tokens in them are stale, so the ENT answers errors
#    where sdetcheck got tickets. That makes curl's job lighter, never heavier.
# 3. Prints wall times (median of K runs), requests per second, and the ratios.
#
# Needs: a built sdetcheck (cmake --build build), the reference ENT's packages (scripts/setup.sh),
# curl. Starts its own reference ENT in DIR/bench-refent and stops it at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
PORT_BASE=32000
CONCURRENCY=4
RUNS=3
LATENCY=10
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD="$2"; shift 2 ;;
    --port-base) PORT_BASE="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --latency) LATENCY="$2"; shift 2 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "sso bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
SDETCHECK="$BUILD/sdetcheck"
[ -x "$SDETCHECK" ] || { echo "sso bench: no $SDETCHECK (build first)" >&2; exit 2; }
WORK="$BUILD/bench-sso"
REFENT="$WORK/refent"
rm -rf "$WORK" && mkdir -p "$WORK"
LOG="$REFENT/logs/nginx-access.log"

cleanup() { "$ROOT/scripts/refent.sh" stop --dir "$REFENT" >/dev/null 2>&1 || true; }
trap cleanup EXIT
"$ROOT/scripts/refent.sh" start --variant conformant --dir "$REFENT" --port-base "$PORT_BASE" \
  --latency "$LATENCY" >/dev/null

# The single sign-on items: those checked by a probe of probes/sso.yaml.
ITEMS="$(python3 - "$ROOT" <<'PY'
import sys, yaml, glob
root = sys.argv[1]
probes = {p["name"] for p in yaml.safe_load(open(f"{root}/probes/sso.yaml"))["probes"]}
items = []
for f in sorted(glob.glob(f"{root}/grids/sdet-6.3/*.yaml")):
    for item in (yaml.safe_load(open(f)) or {}).get("items", []):
        if item.get("check", {}).get("probe") in probes:
            items.append(item["id"])
print(",".join(items))
PY
)"
echo "SSO items: $ITEMS"

now() { date +%s.%N; }
calc() { awk "BEGIN { print $1 }"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

run_sdetcheck() {
  local out="$WORK/audit-$1" start end
  start=$(now)
  "$SDETCHECK" audit -q --target "$REFENT/target.yaml" --only "$ITEMS" --out "$out" \
    --format json --concurrency "$CONCURRENCY" --rate 1000 >/dev/null 2>"$out.log" || true
  end=$(now)
  calc "$end - $start"
}

# curl config for the requests logged between lines $1 and $2 of the access log.
curl_config() {
  sed -n "$1,$2p" "$LOG" | python3 -c '
import sys, re
base = int(sys.argv[1])
for line in sys.stdin:
    m = re.match(r"\S+ (\d+) \d+ \"(\w+) (\S+) HTTP/[\d.]+\"", line)
    if not m:
        continue
    port, method, path = m.groups()
    if int(port) >= base + 1000:  # nginx behind the delay proxy logs its own port
        port = str(int(port) - 1000)
    print(f"url = \"https://localhost:{port}{path}\"")
    if method == "POST":
        print("data = \"user=x&password=x&token=x\"")
    elif method != "GET":
        print(f"request = \"{method}\"")
    print("output = \"/dev/null\"")
' "$PORT_BASE"
}

run_curl() {  # $1: sequential|parallel, $2: config
  local start end parallel=()
  [ "$1" = parallel ] && parallel=(--parallel --parallel-immediate --parallel-max "$CONCURRENCY")
  start=$(now)
  curl -s --no-progress-meter --cacert "$REFENT/certs/ca.pem" -H "Connection: close" "${parallel[@]}" -K "$2" || true
  end=$(now)
  calc "$end - $start"
}

declare -a T_SDET T_SEQ T_PAR
REQUESTS=0
for i in $(seq 1 "$RUNS"); do
  first=$(( $(wc -l < "$LOG") + 1 ))
  T_SDET+=("$(run_sdetcheck "$i")")
  last=$(wc -l < "$LOG")
  REQUESTS=$(( last - first + 1 ))
  curl_config "$first" "$last" > "$WORK/requests-$i.curl"
  T_SEQ+=("$(run_curl sequential "$WORK/requests-$i.curl")")
  T_PAR+=("$(run_curl parallel "$WORK/requests-$i.curl")")
done

sdet=$(printf '%s\n' "${T_SDET[@]}" | median)
seq_=$(printf '%s\n' "${T_SEQ[@]}" | median)
par=$(printf '%s\n' "${T_PAR[@]}" | median)
printf '\nSSO axis of the reference ENT, %d requests per run (last run), concurrency %d per host, round trip %d ms, %d runs (median)\n' \
  "$REQUESTS" "$CONCURRENCY" "$((2 * LATENCY))" "$RUNS"
printf '  %-34s %8.2f s  %7.1f req/s\n' "sdetcheck audit (SSO items)" "$sdet" "$(calc "$REQUESTS / $sdet")"
printf '  %-34s %8.2f s  %7.1f req/s\n' "curl, sequential (same requests)" "$seq_" "$(calc "$REQUESTS / $seq_")"
printf '  %-34s %8.2f s  %7.1f req/s\n' "curl --parallel-max $CONCURRENCY" "$par" "$(calc "$REQUESTS / $par")"
printf '  ratio sequential / sdetcheck: %.2fx (goal >= 5)\n' "$(calc "$seq_ / $sdet")"
printf '  ratio sdetcheck / curl --parallel: %.2f (goal <= 1.20)\n' "$(calc "$sdet / $par")"
