#!/usr/bin/env bash
# test_fetch.sh - `crosswire add URL`, `add LIST.opml`, `feeds`, `fetch`
# against a local `python3 -m http.server` serving an invented outlet: the
# private-address guard, one article per feed entry, subscriptions, a
# second poll that adds nothing, robots.txt keeping a page out (the entry's
# own content is stored and the failure recorded), and unsubscribing.
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "jq not found: skipped"; exit 77; }
command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
jqq() { jq "$@" > /dev/null; }
DATA=$SRC/tests/data

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
mkdir -p site
cp -R "$DATA/fetch/site/." site/
sed -i "s#LINKBASE#$BASE#g" site/feed.xml
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory site > server.log 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 1 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('$BASE/robots.txt')" 2>/dev/null && break
  sleep 0.2
done
DB=--db=$TMP/cw.db

# the private-address guard
expect_exit 1 "add of a loopback URL without --allow-private" "$CW" "$DB" add "$BASE/feed.xml"
check "error names the refused address" grep -q "refused to connect to private address 127.0.0.1" err
check "error suggests --allow-private" grep -q -- "--allow-private" err
check "nothing requested from the server" sh -c "! grep -q 'GET /feed.xml' server.log"
expect_exit 0 "feeds when none" "$CW" "$DB" feeds --json
check "no subscription after the refusal" jqq -e 'length == 0' out

# a feed URL: subscribed, one article per entry
expect_exit 0 "add feed URL with --allow-private" "$CW" "$DB" --json add --allow-private "$BASE/feed.xml"
check "three articles added" jqq -e '.articles_added == 3' out
check "robots.txt read" grep -q 'GET /robots.txt' server.log
check "article pages fetched" grep -q 'GET /news/ferry-night-crossing.html' server.log
check "disallowed page not fetched" sh -c "! grep -q 'GET /private/' server.log"
check "robots failure reported" grep -q "disallowed by robots.txt" err

expect_exit 0 "feeds --json" "$CW" "$DB" feeds --json
check "one subscription" jqq -e 'length == 1' out
check "subscription url" test "$(jq -r '.[0].url' out)" = "$BASE/feed.xml"
check "feed title learnt" test "$(jq -r '.[0].title' out)" = "The Harrowmere Gazette"
check "last status 200" jqq -e '.[0].last_status == 200' out
check "three entries seen" jqq -e '.[0].entries == 3' out
check "robots failure recorded on the feed" sh -c "jq -r '.[0].last_error' out | grep -q 'robots.txt'"
check "validator kept for conditional GET" jqq -e '.[0].last_modified != null' out
expect_exit 0 "feeds summary" "$CW" "$DB" feeds
check "summary names the feed" grep -q "The Harrowmere Gazette" out

expect_exit 0 "page text stored" "$CW" "$DB" search --json Ouvray
check "article page text (not the feed summary) stored" jqq -e 'select(.title | test("night crossing"))' out
expect_exit 0 "entry content used for the disallowed page" "$CW" "$DB" search --json zanthorpe
check "fallback article stored" test "$(wc -l < out)" -eq 1
expect_exit 0 "draft text absent" "$CW" "$DB" search --json foxglovecrumb
check "disallowed page text never stored" test ! -s out

# single pages
expect_exit 0 "add a page URL" "$CW" "$DB" --json add --allow-private "$BASE/news/oyster-beds-reopen.html"
check "page already stored through the feed" jqq -e '.duplicates == 1 and .articles_added == 0' out
expect_exit 1 "add a page robots.txt disallows" "$CW" "$DB" add --allow-private "$BASE/private/barrier-tender.html"
check "refusal names robots.txt" grep -q "barrier-tender.html: disallowed by robots.txt" err
check "disallowed page never requested" sh -c "! grep -q 'GET /private/' server.log"
expect_exit 1 "add a missing page" "$CW" "$DB" add --allow-private "$BASE/news/nope.html"
check "404 reported" grep -q "HTTP status 404" err

# a second poll: conditional GET, nothing new
expect_exit 0 "fetch again" "$CW" "$DB" --json fetch --allow-private
check "one feed polled" jqq -e '.feeds == 1 and .failed == 0' out
check "no new entries" jqq -e '.new_entries == 0 and .articles_added == 0' out
check "conditional GET answered 304" grep -q '"GET /feed.xml HTTP/1.1" 304' server.log
check "article pages not fetched again" test "$(grep -c 'GET /news/ferry-night-crossing.html' server.log)" -eq 1
expect_exit 1 "fetch without --allow-private fails" "$CW" "$DB" fetch
check "fetch error names the address" grep -q "127.0.0.1" err
expect_exit 0 "feeds after the failed poll" "$CW" "$DB" feeds --json
check "failed poll recorded" sh -c "jq -r '.[0].last_error' out | grep -q 'private address'"

# unsubscribing
expect_exit 2 "feeds rm without argument" "$CW" "$DB" feeds rm
expect_exit 1 "feeds rm of an unknown feed" "$CW" "$DB" feeds rm "$BASE/nope.xml"
check "unknown feed named" grep -q "no such feed" err
expect_exit 0 "feeds rm URL" "$CW" "$DB" feeds rm "$BASE/feed.xml"
expect_exit 0 "feeds after rm" "$CW" "$DB" feeds --json
check "no subscription left" jqq -e 'length == 0' out
expect_exit 0 "articles stay after rm" "$CW" "$DB" search --json Threlkeld
check "stored article still there" test "$(wc -l < out)" -eq 1

# an OPML subscription list
expect_exit 0 "add OPML" "$CW" "$DB" add "$DATA/opml/subscriptions.opml"
expect_exit 0 "feeds after OPML" "$CW" "$DB" feeds --json
check "three feeds subscribed (non-http and duplicate skipped)" jqq -e 'length == 3' out
check "titles from the outlines" test "$(jq -r '.[0].title' out)" = "The Harrowmere Gazette"
check "xmlurl spelled in lower case read" jqq -e 'any(.[]; .url == "http://caddock-tides.example/atom.xml")' out
expect_exit 0 "OPML twice subscribes nothing new" "$CW" "$DB" add "$DATA/opml/subscriptions.opml"
expect_exit 0 "feeds after OPML twice" "$CW" "$DB" feeds --json
check "still three feeds" jqq -e 'length == 3' out
expect_exit 0 "feeds rm by id" "$CW" "$DB" feeds rm "$(jq -r '.[1].id' out)"
expect_exit 0 "feeds after rm by id" "$CW" "$DB" feeds --json
check "two feeds left" jqq -e 'length == 2' out
printf '<html><body>no</body></html>' > bad.opml
expect_exit 1 "not an OPML file" "$CW" "$DB" add bad.opml
check "OPML error names the file" grep -q "bad.opml: not an OPML document" err

# usage
expect_exit 2 "fetch --every too short" "$CW" "$DB" fetch --every 5s
expect_exit 2 "fetch --every bad" "$CW" "$DB" fetch --every soon
expect_exit 2 "fetch stray argument" "$CW" "$DB" fetch x
expect_exit 1 "add of a non-http scheme stays a missing file" "$CW" "$DB" add "ftp://127.0.0.1/x"

finish
