#!/usr/bin/env bash
# Builds sdetcheck and runs the whole test suite (unit + integration against the local
# HTTPS test ENT, which CTest starts and stops itself).
#
#   scripts/run-tests.sh              # normal build in build/
#   scripts/run-tests.sh --sanitize   # AddressSanitizer + UBSan build in build-asan/
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh

# Developers and CI build with warnings as errors; users' plain cmake builds do not.
BUILD_DIR=build
CMAKE_ARGS=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSDETCHECK_WERROR=ON)
if [ "${1:-}" = "--sanitize" ]; then
  BUILD_DIR=build-asan
  CMAKE_ARGS=(-G Ninja -DCMAKE_BUILD_TYPE=Debug -DSDETCHECK_SANITIZE=ON -DSDETCHECK_WERROR=ON)
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
fi
cmake -S . -B "$BUILD_DIR" "${CMAKE_ARGS[@]}" >/dev/null
cmake --build "$BUILD_DIR" -j2
cd "$BUILD_DIR"
ctest --output-on-failure
