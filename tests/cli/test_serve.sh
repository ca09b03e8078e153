#!/usr/bin/env bash
# test_serve.sh - `crosswire serve` and `crosswire token`: every API route's
# status and JSON fields, cursor paging, ETag/304, the write token (401),
# the body limit (413), JSON errors, path traversal, the CSP header, the
# page's assets equal to src/serve/assets/, hostile article text kept as
# data, and a clean shutdown on SIGTERM (no sanitizer report, exit 0).
. "$(dirname "$0")/lib.sh"
command -v curl > /dev/null || { echo "curl missing: skipped"; exit 77; }
jqq() { jq "$@" > /dev/null 2>&1; } # jq -e as a quiet predicate

"$CW" --db a.db add "$SRC/examples/corpus" > /dev/null 2>&1
check "corpus ingested" test "$("$CW" --db a.db stories --json | wc -l)" -gt 3

# ---- crosswire token -------------------------------------------------------
expect_exit 0 "token" "$CW" --db a.db token
TOKEN=$(cat out)
check "token is 64 hex digits" grep -Eq '^[0-9a-f]{64}$' out
check "token file beside the archive, mode 600" test "$(stat -c %a a.db.token)" = 600
expect_exit 0 "token again" "$CW" --db a.db token
check "the same token twice" test "$(cat out)" = "$TOKEN"
expect_exit 2 "token takes no argument" "$CW" --db a.db token extra
expect_exit 2 "bad port" "$CW" --db a.db serve --port 70000
expect_exit 2 "bad bind address" "$CW" --db a.db serve --bind localhost --port 0
expect_exit 0 "serve help" "$CW" serve --help
check "help names --bind" grep -q -- '--bind' out

# ---- start the server on a free port ---------------------------------------
"$CW" --db a.db serve --port 0 --quiet 2> serve.err &
PID=$!
trap 'kill "$PID" 2> /dev/null; rm -rf "$TMP"' EXIT
PORT=
for _ in $(seq 1 300); do
  PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' serve.err)
  [ -n "$PORT" ] && curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break
  sleep 0.1
done
if [ -z "$PORT" ]; then
  fail "server did not start"; cat serve.err >&2; finish
fi
B=http://127.0.0.1:$PORT
# get URL [curl args]: body in body.json, headers in head.txt, status echoed
get() { local u=$1; shift; rm -f body.json; curl -s -o body.json -D head.txt -w '%{http_code}' "$@" "$B$u"; }
status_is() { # status_is WANT DESCRIPTION URL [curl args]
  local want=$1 what=$2 u=$3; shift 3
  local got; got=$(get "$u" "$@")
  if [ "$got" = "$want" ]; then ok; else fail "$what: status $got, want $want"; head -c 300 body.json >&2; echo >&2; fi
}
header() { grep -i "^$1:" head.txt | head -1 | cut -d' ' -f2- | tr -d '\r'; }
is_error() { jqq -e '.error | (.code | type == "string") and (.message | type == "string")' body.json; }

status_is 200 "healthz" /healthz
check "healthz says ok" jqq -e '.status == "ok"' body.json
check "JSON content type" test "$(header Content-Type)" = application/json
check "CSP header on the API" test "$(header Content-Security-Policy)" = "default-src 'self'; script-src 'self'; style-src 'self'"
check "nosniff" test "$(header X-Content-Type-Options)" = nosniff
status_is 200 "HEAD healthz" /healthz -I

# ---- the page ----------------------------------------------------------------
status_is 200 "page" /
check "page is HTML" sh -c "grep -qi '^content-type: text/html' head.txt"
check "CSP header on the page" grep -qi "^content-security-policy: default-src 'self'; script-src 'self'; style-src 'self'" head.txt
check "page loads /app.js and /app.css" sh -c "grep -q 'src=\"/app.js\"' body.json && grep -q 'href=\"/app.css\"' body.json"
check "page has no inline script" sh -c "! grep -Eq '<script>|<script [^s]|<style|style=' body.json"
check "page equals src/serve/assets/index.html" cmp -s body.json "$SRC/src/serve/assets/index.html"
status_is 200 "app.js" /app.js
check "app.js is JavaScript" sh -c "grep -qi '^content-type: text/javascript' head.txt"
check "app.js equals the asset file (run src/serve/embed.sh)" cmp -s body.json "$SRC/src/serve/assets/app.js"
check "app.js never parses data as HTML" sh -c "! grep -Eq '\\.(inner|outer)HTML|insertAdjacentHTML|document\\.write|eval\\(|new Function' body.json"
status_is 200 "app.css" /app.css
check "app.css equals the asset file" cmp -s body.json "$SRC/src/serve/assets/app.css"
check "app.css has a dark scheme" grep -q 'prefers-color-scheme: dark' body.json
status_is 200 "app.js gzipped" /app.js -H 'Accept-Encoding: gzip'
check "app.js gzip says so" test "$(header Content-Encoding)" = gzip
check "app.js gzip keeps its type" sh -c "grep -qi '^content-type: text/javascript' head.txt"
check "app.js gzip inflates to the asset file" cmp -s <(gzip -dc body.json) "$SRC/src/serve/assets/app.js"
JS_ETAG=$(header ETag)
status_is 304 "app.js ETag gives 304" /app.js -H 'Accept-Encoding: gzip' -H "If-None-Match: $JS_ETAG"
status_is 200 "HEAD app.js" /app.js -I
status_is 404 "unknown page" /nothing-here
check "404 is a JSON error" is_error
status_is 404 "path traversal" /../../etc/passwd --path-as-is
status_is 404 "encoded path traversal" /%2e%2e/%2e%2e/etc/passwd --path-as-is
status_is 404 "traversal behind an asset" /app.js/../../../etc/passwd --path-as-is
status_is 404 "double slash" //etc/passwd --path-as-is
check "no passwd content" sh -c "! grep -q 'root:' body.json"
status_is 405 "POST to the page" / -X POST -d x
check "405 names the allowed methods" test -n "$(header Allow)"

# ---- stories --------------------------------------------------------------------
status_is 200 "stories" /api/stories
check "stories: fields" jqq -e '(.stories | length > 3) and (.stories | all(has("id") and has("title") and has("last_update") and has("first_seen") and (.outlets | type == "array") and (.articles | type == "array") and (.people | type == "array") and (.n_discrepancies | type == "number")))' body.json
check "stories: articles carry source" jqq -e 'all(.stories[].articles[]; .source | has("path") and has("part") and has("id"))' body.json
check "stories: one page, no cursor" jqq -e '.next_cursor == null' body.json
ALL=$(jq -c '[.stories[].id]' body.json)
N=$(jq '.stories | length' body.json)
check "stories match the CLI" test "$ALL" = "$("$CW" --db a.db stories --json | jq -s -c '[.[].id]')"
# walk pages of 3
ids=() cursor="" pages=0
while :; do
  get "/api/stories?limit=3${cursor:+&cursor=$cursor}" > /dev/null
  pages=$((pages + 1))
  for i in $(jq '.stories[].id' body.json); do ids+=("$i"); done
  cursor=$(jq -r '.next_cursor // empty' body.json)
  [ -z "$cursor" ] || [ $pages -gt 50 ] && break
  cursor=$(jq -rn --arg c "$cursor" '$c | @uri')
done
check "paging: pages of 3" test "$pages" -eq $(((N + 2) / 3))
check "paging: every story once, in order" test "[$(IFS=,; echo "${ids[*]}")]" = "$ALL"
status_is 200 "since in the future" "/api/stories?since=2999-01-01"
check "since: nothing" jqq -e '.stories == []' body.json
OUTLET=$(curl -s "$B/api/outlets" | jq -r '.outlets[0].name')
status_is 200 "outlet filter" "/api/stories?outlet=$(jq -rn --arg o "$OUTLET" '$o|@uri')"
check "outlet filter keeps that outlet" jqq -e --arg o "$OUTLET" '(.stories | length > 0) and all(.stories[]; .outlets | index($o))' body.json
status_is 200 "q filter" "/api/stories?q=strike"
check "q filter narrows" jqq -e --argjson n "$N" '(.stories | length > 0) and (.stories | length < $n)' body.json
status_is 400 "bad limit" "/api/stories?limit=0"
check "bad limit: JSON error" is_error
status_is 400 "bad cursor" "/api/stories?cursor=nonsense"
status_is 400 "bad since" "/api/stories?since=yesterday"
status_is 400 "bad q" "/api/stories?q=%22open"
status_is 405 "DELETE stories" /api/stories -X DELETE

SID=$(jq -r '.[0]' <<< "$ALL")
status_is 200 "one story" "/api/stories/$SID"
check "story equals 'crosswire story --json'" test "$(jq -S -c . body.json)" = "$("$CW" --db a.db story "$SID" --json | jq -S -c .)"
check "story: full fields" jqq -e 'has("timeline") and has("quotes") and has("discrepancies") and has("summary") and has("entities")' body.json
ETAG=$(header ETag)
check "story has an ETag" test -n "$ETAG"
status_is 304 "If-None-Match gives 304" "/api/stories/$SID" -H "If-None-Match: $ETAG"
check "304 has no body" test ! -s body.json
status_is 304 "ETag in a list" "/api/stories/$SID" -H "If-None-Match: \"x\", $ETAG"
status_is 200 "another ETag gives 200" "/api/stories/$SID" -H 'If-None-Match: "0000000000000000"'
cp body.json plain.json
status_is 200 "story gzipped" "/api/stories/$SID" -H 'Accept-Encoding: gzip'
check "gzip answer says so" test "$(header Content-Encoding)" = gzip
check "answers vary by encoding" test "$(header Vary)" = Accept-Encoding
check "gzip body inflates to the plain body" cmp -s <(gzip -dc body.json) plain.json
check "gzip form has its own ETag" test "$(header ETag)" != "$ETAG"
GZ_ETAG=$(header ETag)
status_is 304 "gzip ETag gives 304" "/api/stories/$SID" -H 'Accept-Encoding: gzip' -H "If-None-Match: $GZ_ETAG"
status_is 200 "gzip;q=0 is plain" "/api/stories/$SID" -H 'Accept-Encoding: gzip;q=0'
check "gzip;q=0: no Content-Encoding" test -z "$(header Content-Encoding)"
status_is 400 "story id not a number" /api/stories/abc
check "bad id: JSON error" jqq -e '.error.code == "bad_id"' body.json
status_is 400 "story id negative" /api/stories/-1
status_is 400 "story id huge" /api/stories/99999999999999999999999
status_is 404 "no such story" /api/stories/999999
check "not found: JSON error" jqq -e '.error.code == "not_found"' body.json
check "errors do not leak the archive path" sh -c "! grep -q 'a.db' body.json"

# ---- articles, search, outlets, feeds -------------------------------------------
AID=$(curl -s "$B/api/stories/$SID" | jq '.articles[0].id')
status_is 200 "one article" "/api/articles/$AID"
check "article: fields" jqq -e --argjson s "$SID" '(.story_id == $s) and (.text | length > 100) and has("title") and has("outlet") and has("url") and has("published") and has("dateline") and has("byline") and (.source | has("path") and has("part") and has("id")) and (.copies | type == "array")' body.json
status_is 404 "no such article" /api/articles/999999
check "article 404 is a JSON error" is_error
status_is 400 "article id not a number" "/api/articles/1x"
status_is 200 "search" "/api/search?q=strike"
check "search: results with snippets" jqq -e '(.query == "strike") and (.results | length > 0) and all(.results[]; has("article_id") and has("story_id") and has("title") and has("snippet") and has("score"))' body.json
check "search: marks in the snippet" jqq -e 'any(.results[]; .snippet | contains("«"))' body.json
status_is 200 "search limit" "/api/search?q=strike&limit=1"
check "search limit 1" jqq -e '.results | length == 1' body.json
status_is 400 "search without q" /api/search
status_is 400 "malformed search" "/api/search?q=%28strike"
check "malformed search: JSON error" jqq -e '.error.code == "bad_query"' body.json
status_is 200 "outlets" /api/outlets
check "outlets: names and counts" jqq -e '(.outlets | length > 0) and all(.outlets[]; (.name | type == "string") and (.articles > 0) and (.stories > 0))' body.json
status_is 200 "feeds" /api/feeds
check "feeds: empty list" jqq -e '.feeds == []' body.json
status_is 404 "unknown API route" /api/nothing
check "unknown route: JSON error" is_error

# ---- writes need the token -----------------------------------------------------
cat > evil.json <<'EOF'
{"id": "evil-1", "title": "<script>alert(1)</script> Zorbulax harbour vote", "outlet": "<b onmouseover=alert(4)>Evil Outlet</b>", "url": "javascript:alert(5)", "published": "2026-03-09",
 "text": "The Zorbulax harbour board met on Tuesday. <img src=x onerror=alert(1)> See <a href=\"javascript:alert(2)\">this</a> and javascript:alert(3).\n\nA second paragraph: the Zorbulax board voted on the new pier."}
EOF
status_is 401 "POST without token" /api/articles -X POST --data-binary @evil.json
check "401: JSON error" jqq -e '.error.code == "unauthorized"' body.json
status_is 401 "POST with a wrong token" /api/articles -X POST --data-binary @evil.json -H "Authorization: Bearer 0123"
status_is 401 "POST with another scheme" /api/articles -X POST --data-binary @evil.json -H "Authorization: Basic $TOKEN"
status_is 401 "POST feeds without token" /api/feeds -X POST -d '{}'
AUTH="Authorization: Bearer $TOKEN"
status_is 400 "POST feeds: no url" /api/feeds -X POST -d '{}' -H "$AUTH"
check "feeds: bad feed named" jqq -e '.error.code == "bad_feed"' body.json
status_is 400 "POST feeds: not http" /api/feeds -X POST -d '{"url":"file:///etc/passwd"}' -H "$AUTH"
status_is 400 "POST feeds: not JSON" /api/feeds -X POST -d 'feed me' -H "$AUTH"
status_is 201 "POST feeds subscribes" /api/feeds -X POST -H "$AUTH" -d '[{"url":"https://brask-times.example/rss","title":"Brask Times"},{"url":"https://valley.example/atom.xml"}]'
check "two feeds created" jqq -e '[.feeds[].created] == [true, true]' body.json
FEED_ID=$(jq '.feeds[0].id' body.json)
status_is 201 "POST the same feed again" /api/feeds -X POST -H "$AUTH" -d '{"url":"https://brask-times.example/rss"}'
check "same feed: not created twice" jqq -e '.feeds[0].created == false and .feeds[0].id == '"$FEED_ID" body.json
status_is 200 "feeds listed" /api/feeds
check "feeds: both with titles" jqq -e '(.feeds | length) == 2 and .feeds[0].title == "Brask Times"' body.json
status_is 401 "DELETE feed without token" "/api/feeds/$FEED_ID" -X DELETE
status_is 200 "DELETE feed" "/api/feeds/$FEED_ID" -X DELETE -H "$AUTH"
status_is 404 "DELETE it again" "/api/feeds/$FEED_ID" -X DELETE -H "$AUTH"
status_is 200 "feeds after DELETE" /api/feeds
check "one feed left" jqq -e '(.feeds | length) == 1' body.json
head -c $((5 * 1024 * 1024)) /dev/zero | tr '\0' 'a' > big.txt
status_is 413 "oversized body" /api/articles -X POST --data-binary @big.txt -H "$AUTH"
check "413: JSON error" jqq -e '.error.code == "too_large"' body.json
status_is 413 "oversized chunked body" /api/articles -X POST --data-binary @big.txt -H "$AUTH" -H "Transfer-Encoding: chunked"
status_is 400 "body not JSON" /api/articles -X POST --data-binary 'just words' -H "$AUTH"
check "bad body: JSON error" jqq -e '.error.code == "bad_body"' body.json
status_is 400 "empty body" /api/articles -X POST -H "$AUTH" -H "Content-Type: application/json" --data-binary ''
status_is 405 "GET /api/articles" /api/articles
get /api/stories > /dev/null
LIST_ETAG=$(header ETag)
status_is 304 "list ETag" /api/stories -H "If-None-Match: $LIST_ETAG"
status_is 201 "POST a hostile article (pretty JSON object)" /api/articles -X POST --data-binary @evil.json -H "$AUTH"
check "one article added" jqq -e '.articles_added == 1 and .articles_found == 1' body.json
status_is 200 "the same article again" /api/articles -X POST --data-binary @evil.json -H "$AUTH"
check "idempotent: a duplicate" jqq -e '.articles_added == 0 and .duplicates == 1' body.json
printf '%s\n%s\n' \
  '{"id":"jl-1","title":"Quarry lake opens for swimmers","text":"The Quarry lake at Tensby opened for swimmers on Saturday after tests found the water clean.","outlet":"Tensby Echo","published":"2026-06-01"}' \
  '{"id":"jl-2","title":"Tensby lifeguards hired","text":"Tensby hired six lifeguards for the Quarry lake, which opened for swimmers on Saturday after water tests.","outlet":"Lakeside Review","published":"2026-06-02"}' > two.jsonl
status_is 201 "POST JSON lines" /api/articles -X POST --data-binary @two.jsonl -H "$AUTH"
check "two articles added" jqq -e '.articles_added == 2' body.json

status_is 200 "find the hostile article" "/api/search?q=zorbulax"
EID=$(jq '.results[0].article_id' body.json)
status_is 200 "hostile article" "/api/articles/$EID"
check "title kept as data" jqq -e '.title == "<script>alert(1)</script> Zorbulax harbour vote"' body.json
check "outlet kept as data" jqq -e '.outlet == "<b onmouseover=alert(4)>Evil Outlet</b>"' body.json
check "text kept as data" jqq -e '(.text | contains("<img src=x onerror=alert(1)>")) and (.text | contains("href=\"javascript:alert(2)\""))' body.json
check "url kept as data" jqq -e '.url == "javascript:alert(5)"' body.json
check "hostile article served as JSON" test "$(header Content-Type)" = application/json
check "hostile article has the CSP" test -n "$(header Content-Security-Policy)"
ESID=$(jq '.story_id' body.json)
status_is 200 "hostile story" "/api/stories/$ESID"
check "story keeps the outlet as data" jqq -e 'any(.outlets[]; . == "<b onmouseover=alert(4)>Evil Outlet</b>")' body.json
status_is 200 "stories list after ingest" "/api/stories?outlet=$(jq -rn '"<b onmouseover=alert(4)>Evil Outlet</b>"|@uri')"
check "list filtered by the hostile outlet" jqq -e '.stories | length == 1' body.json
status_is 200 "a write changes the list's ETag" /api/stories -H "If-None-Match: $LIST_ETAG"

# another process writes while the server runs: no stale answer
get /api/stories > /dev/null
BEFORE=$(jq '.stories | length' body.json)
printf '%s\n' '{"id":"cli-1","title":"Brask observatory reopens","text":"The Brask observatory reopened to visitors on Sunday after a two-year restoration of its copper dome and its great refractor.","outlet":"Brask Times","published":"2026-07-05"}' > more.jsonl
"$CW" --db a.db add more.jsonl > /dev/null 2>&1
status_is 200 "list after 'crosswire add' beside the server" /api/stories
check "the new story shows (cache follows the archive)" test "$(jq '.stories | length' body.json)" -eq $((BEFORE + 1))

# ---- stop ----------------------------------------------------------------------
kill -TERM "$PID"
wait "$PID"
check "server exits 0 on SIGTERM" test $? -eq 0
check "no sanitizer report" sh -c "! grep -q 'Sanitizer\|runtime error' serve.err"
trap 'rm -rf "$TMP"' EXIT
finish
