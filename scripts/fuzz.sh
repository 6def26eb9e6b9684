#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/, clang, ASan + UBSan) in build-fuzz/ and runs
# each for N seconds, from its seed corpus (tests/fuzz/corpus/NAME/) and its dictionary.
#
#   scripts/fuzz.sh --seconds 60                  # every target, two at a time
#   scripts/fuzz.sh --seconds 600 html matcher    # some targets
#   scripts/fuzz.sh --seconds 60 --jobs 1         # one at a time
#   scripts/fuzz.sh --seconds 600 --keep-going    # go on after a finding, keep them all
#   scripts/fuzz.sh --seconds 60 --no-build html  # run what build-fuzz/ holds
#   scripts/fuzz.sh --list                        # the target names
#
# Exits non-zero when a target crashed, leaked, hit undefined behaviour, ran out of memory
# (-rss_limit_mb) or spent more than --timeout seconds on one input; the reproducer's path
# is printed ("reproducer: ..."): run the target on it to see the failure again. New inputs
# found are kept in build-fuzz/corpus/NAME/ (not the seed corpus) and reused by later runs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ALL_TARGETS=(grid probes matcher target answers cas_validation saml_metadata saml_response html ticket_referrer aaf_feed)
SECONDS_PER_TARGET=""
JOBS=2
TIMEOUT=10     # seconds for one input
RSS_LIMIT=2048 # MiB per target
BUILD_DIR="$ROOT/build-fuzz"
KEEP_GOING=0
BUILD=1
TARGETS=()

usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_PER_TARGET="$2"; shift 2 ;;
    --jobs) JOBS="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --build-dir) BUILD_DIR="$(realpath -m "$2")"; shift 2 ;;
    --keep-going) KEEP_GOING=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --list) printf '%s\n' "${ALL_TARGETS[@]}"; exit 0 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "fuzz: unknown option $1" >&2; usage >&2; exit 3 ;;
    *) TARGETS+=("$1"); shift ;;
  esac
done
if ! [[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]] || [ "$SECONDS_PER_TARGET" -lt 1 ]; then
  echo "fuzz: --seconds N is required (N >= 1)" >&2
  exit 3
fi
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")
for t in "${TARGETS[@]}"; do
  if ! printf '%s\n' "${ALL_TARGETS[@]}" | grep -qx "$t"; then
    echo "fuzz: unknown target '$t' (one of: ${ALL_TARGETS[*]})" >&2
    exit 3
  fi
done

# The longest input tried, per target: large enough for the seeds that matter, small
# enough to keep thousands of executions a second.
max_len() {
  case "$1" in
    html | ticket_referrer) echo 65536 ;;
    cas_validation | saml_metadata | saml_response | aaf_feed) echo 32768 ;;
    *) echo 16384 ;;
  esac
}
dictionary() {
  case "$1" in
    html | ticket_referrer) echo tests/fuzz/html.dict ;;
    cas_validation | saml_metadata | saml_response | aaf_feed) echo tests/fuzz/xml.dict ;;
    *) echo tests/fuzz/yaml.dict ;;
  esac
}

if [ "$BUILD" -eq 1 ]; then
  bash scripts/setup.sh >/dev/null
  CXX_COMPILER="$(command -v clang++-14 || command -v clang++ || true)"
  if [ -z "$CXX_COMPILER" ]; then
    echo "fuzz: clang++ not found (scripts/setup.sh installs clang-14)" >&2
    exit 3
  fi
  # -O1 with assertions kept, line tables only (enough for stack traces, faster to build).
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_CXX_COMPILER="$CXX_COMPILER" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DSDETCHECK_FUZZ=ON -DSDETCHECK_WERROR=ON >/dev/null
  cmake --build "$BUILD_DIR" -j2 --target "${TARGETS[@]/%/_fuzz}"
fi

SYMBOLIZER="$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:symbolize=1${SYMBOLIZER:+:external_symbolizer_path=$SYMBOLIZER}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

run_one() {
  local name="$1" work="$BUILD_DIR/corpus/$1" artifacts="$BUILD_DIR/artifacts/$1"
  local log="$BUILD_DIR/logs/$1.log"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  local status=0 mode=() started="$artifacts/.started"
  touch "$started"
  # --keep-going: one child process at a time (-fork=1) that libFuzzer restarts after a
  # finding, so the whole time is fuzzed and every finding is kept.
  [ "$KEEP_GOING" -eq 0 ] || mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  # The first corpus directory receives the new inputs; the seeds are only read.
  "$BUILD_DIR/tests/fuzz/${name}_fuzz" "${mode[@]}" -max_total_time="$SECONDS_PER_TARGET" \
    -timeout="$TIMEOUT" -rss_limit_mb="$RSS_LIMIT" -max_len="$(max_len "$name")" \
    -dict="$(dictionary "$name")" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    "$work" "tests/fuzz/corpus/$name" >"$log" 2>&1 || status=$?
  local execs cov corpus_size findings
  execs="$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || true)"
  # Fork mode prints "#EXECS: cov: ..." lines instead of the final stats.
  [ -n "$execs" ] || execs="$(grep -oE '^#[0-9]+: cov' "$log" | tail -1 | tr -dc '0-9' || true)"
  cov="$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)"
  corpus_size="$(find "$work" -type f | wc -l)"
  findings="$(grep -cE '^(==[0-9]+==ERROR|SUMMARY: |==[0-9]+== ERROR: libFuzzer)' "$log" || true)"
  local reproducers
  reproducers="$(find "$artifacts" -type f -newer "$started" ! -name .started | sort || true)"
  if [ "$KEEP_GOING" -eq 1 ] && [ "$findings" -gt 0 ] || [ -n "$reproducers" ]; then
    [ "$status" -ne 0 ] || status=1
  fi
  if [ "$status" -eq 0 ]; then
    echo "fuzz: $name: ok, ${execs:-?} executions in ${SECONDS_PER_TARGET}s, ${cov:-cov: ?}, corpus $corpus_size inputs"
    return 0
  fi
  echo "fuzz: $name: FAILED (exit $status) after ${execs:-?} executions, ${cov:-cov: ?}"
  grep -E "^(SUMMARY: |.*runtime error:|==[0-9]+== ERROR: libFuzzer)" "$log" | sort | uniq -c \
    | head -10 | sed 's/^ */  /' || true
  echo "  log: $log"
  if [ -z "$reproducers" ]; then
    echo "  reproducer: none written (see the log)"
  else
    for r in $(echo "$reproducers" | head -5); do
      echo "  reproducer: $r"
      echo "    rerun: $BUILD_DIR/tests/fuzz/${name}_fuzz $r"
    done
  fi
  return 1
}

failed=0
running=0
for name in "${TARGETS[@]}"; do
  if [ "$running" -ge "$JOBS" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
  echo "fuzz: $name: running for ${SECONDS_PER_TARGET}s"
  run_one "$name" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
if [ "$failed" -ne 0 ]; then
  echo "fuzz: FAILED: a target found a problem (reproducers above)" >&2
  exit 1
fi
echo "fuzz: ${#TARGETS[@]} targets ran ${SECONDS_PER_TARGET}s each, nothing found"
