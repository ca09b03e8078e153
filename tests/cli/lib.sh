# lib.sh - helpers for the CLI tests: each test script gets the crosswire
# binary as $1 and the source tree as $2, works in a fresh temporary folder
# and prints "N passed, M failed" at the end; exit 0 only when nothing failed.
set -u
CW=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then ok; else fail "$what"; fi
}
expect_exit() { # expect_exit CODE DESCRIPTION COMMAND...
  local want=$1 what=$2; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else
    fail "$what: exit $got, want $want"; sed 's/^/  stderr: /' "$TMP/err" | head -5 >&2
  fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}
