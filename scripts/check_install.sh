#!/usr/bin/env bash
# What a new user gets: for each interpreter, a fresh clone of the committed
# HEAD, an empty venv made by that interpreter, pip's cache disabled, then
# `make demo` (and `make test` with CHECK_TESTS=1). Prints one line per
# interpreter with the pip it bootstrapped and the minutes each step took.
#
#   scripts/check_install.sh python3.11 python3.12 python3.13
#   CHECK_TESTS=1 scripts/check_install.sh python3.13
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="$(cd "$repo/.." && pwd)/shared"
status=0
# An interpreter name that does not run as is (a pyenv shim for a version that
# is installed but not selected) is looked up among pyenv's versions.
resolve() {
  if "$1" -c 'import sys' >/dev/null 2>&1; then command -v "$1"; return; fi
  local root; root="$(pyenv root 2>/dev/null)" || return 1
  for cand in "$root"/versions/*/bin/"$1"; do
    [ -x "$cand" ] && "$cand" -c 'import sys' >/dev/null 2>&1 && { echo "$cand"; return; }
  done
  return 1
}
for name in "${@:-python3}"; do
  py="$(resolve "$name")" || { echo "$name: not found"; status=1; continue; }
  work="$(mktemp -d "${TMPDIR:-/tmp}/newsevents-install-XXXXXX")"
  # the tests and the demo read ../shared beside the clone, as CI lays it out
  [ -d "$shared" ] && ln -s "$shared" "$work/shared"
  git clone --quiet "$repo" "$work/main"
  cd "$work/main" || exit 1
  log="$work/install.log"
  t0=$(date +%s)
  if PIP_NO_CACHE_DIR=1 make demo PY="$py" >"$log" 2>&1; then demo="ok"; else demo="FAILED"; status=1; fi
  t1=$(date +%s)
  tests="skipped"
  if [ "$demo" = ok ] && [ "${CHECK_TESTS:-0}" = 1 ]; then
    if PIP_NO_CACHE_DIR=1 make test PY="$py" >>"$log" 2>&1; then tests="ok"; else tests="FAILED"; status=1; fi
  fi
  t2=$(date +%s)
  pyv="$(.venv/bin/python --version 2>&1)"
  pipv="$(.venv/bin/python -m pip --version 2>/dev/null | cut -d' ' -f1-2)"
  printf '%s: %s, %s; make demo %s in %ss; make test %s in %ss; log %s\n' \
    "$py" "$pyv" "$pipv" "$demo" "$((t1 - t0))" "$tests" "$((t2 - t1))" "$log"
  [ "$demo" = ok ] || tail -20 "$log"
  cd "$repo" || exit 1
done
exit $status
