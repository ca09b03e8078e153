#!/usr/bin/env bash
# test_browser.sh - the web page in a real browser: builds an archive from
# examples/corpus plus the hostile articles of tests/browser/hostile.jsonl
# (script tags, onerror/onload attributes, javascript: links and attribute
# breakouts in title, text, outlet and byline), starts `crosswire serve` on
# a free port and runs tests/browser/page.test.mjs: Debian's chromium driven
# by playwright-core under node's own test runner. Skipped (77) when node,
# chromium or playwright-core is missing and npm cannot install it (offline).
#   CW_CHROMIUM   the browser (default: chromium on the PATH)
#   CW_BROWSER_SHOTS  where screenshots go (default $TMPDIR/crosswire-browser-shots)
. "$(dirname "$0")/lib.sh"
BDIR=$SRC/tests/browser
skip() { echo "$*: skipped"; exit 77; }
command -v node > /dev/null || skip "node missing"
command -v curl > /dev/null || skip "curl missing"
command -v jq > /dev/null || skip "jq missing"
CHROMIUM=${CW_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] && [ -x "$CHROMIUM" ] || skip "chromium missing"
node_major=$(node -p 'process.versions.node.split(".")[0]' 2> /dev/null || echo 0)
[ "$node_major" -ge 18 ] || skip "node $node_major is older than 18"

# playwright-core, at the version package-lock.json pins
want=$(jq -r '.packages["node_modules/playwright-core"].version' "$BDIR/package-lock.json")
have=$(jq -r '.version // empty' "$BDIR/node_modules/playwright-core/package.json" 2> /dev/null || true)
if [ "$have" != "$want" ]; then
  command -v npm > /dev/null || skip "playwright-core not installed and npm missing"
  # offline: npm gives up after one short retry instead of hanging
  if ! timeout 90 npm ci --prefix "$BDIR" --no-audit --no-fund --prefer-offline --fetch-retries=1 \
      --fetch-timeout=20000 > npm.log 2>&1; then
    sed 's/^/  npm: /' npm.log | tail -5
    skip "npm could not install playwright-core"
  fi
fi

# ---- the archive and the server -------------------------------------------
"$CW" --db a.db add "$SRC/examples/corpus" > /dev/null 2>&1
expect_exit 0 "hostile articles ingested" "$CW" --db a.db add "$BDIR/hostile.jsonl"
check "corpus and hostile story" test "$("$CW" --db a.db stories --json | wc -l)" -gt 3
"$CW" --db a.db serve --port 0 --quiet 2> serve.err &
PID=$!
trap 'kill "$PID" 2> /dev/null; wait "$PID" 2> /dev/null; rm -rf "$TMP"' EXIT
PORT=
for _ in $(seq 1 300); do
  PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' serve.err)
  [ -n "$PORT" ] && curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break
  sleep 0.1
done
if [ -z "$PORT" ]; then
  fail "server did not start"; cat serve.err >&2; finish
fi

# ---- the browser tests ------------------------------------------------------
SHOTS=${CW_BROWSER_SHOTS:-${TMPDIR:-/tmp}/crosswire-browser-shots}
rm -rf "$SHOTS"
mkdir -p "$SHOTS"
# the spec report for people (its failing tests at the end), TAP to count
if CW_BASE_URL="http://127.0.0.1:$PORT" CW_CHROMIUM="$CHROMIUM" CW_SHOTS="$SHOTS" \
   timeout 240 node --test --test-reporter=spec --test-reporter-destination=stdout \
     --test-reporter=tap --test-reporter-destination=node.tap "$BDIR/" > node.out 2>&1; then
  ok
else
  fail "browser tests (node --test tests/browser/)"
  { sed -n '/failing tests:/,$p' node.out; tail -n 30 node.out; } |
    grep -vE '^\s+at |node:internal' | head -150 >&2
fi
grep -E '^# (tests|pass|fail|duration_ms)' node.tap
check "browser tests ran" grep -Eq '^# pass [1-9]' node.tap
echo "screenshots: $SHOTS"

# ---- stop ---------------------------------------------------------------------
kill -TERM "$PID"
wait "$PID"
check "server exits 0 on SIGTERM" test $? -eq 0
check "no sanitizer report" sh -c "! grep -q 'Sanitizer\|runtime error' serve.err"
trap 'rm -rf "$TMP"' EXIT
finish
