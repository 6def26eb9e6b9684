#!/usr/bin/env bash
# Fails when a C++ file of the repository is not formatted as .clang-format says.
#   scripts/check-format.sh          # check (CI)
#   scripts/check-format.sh --fix    # reformat in place
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.h')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/sdetcheck-format.$$; then
  grep -E "^[^ ].*: (warning|error):" /tmp/sdetcheck-format.$$ | cut -d: -f1 | sort -u | sed 's/^/  /'
  rm -f /tmp/sdetcheck-format.$$
  echo "check-format: the files above differ from .clang-format; run scripts/check-format.sh --fix" >&2
  exit 1
fi
rm -f /tmp/sdetcheck-format.$$
echo "check-format: ${#files[@]} files formatted"
