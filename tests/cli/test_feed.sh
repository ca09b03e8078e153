#!/usr/bin/env bash
# test_feed.sh - `crosswire feed` prints the Feed contract (feedparser's
# names) with --json and a summary without it; feeds given to `add` and
# `extract` become one article per entry; bad feeds are reported.
. "$(dirname "$0")/lib.sh"
DATA=$SRC/tests/data/feeds
command -v jq >/dev/null || { echo "jq not found: skipped"; exit 77; }

expect_exit 0 "feed --json on an RSS 2.0 file" "$CW" feed --json "$DATA/rss2_harbor.xml"
check "one object per file" test "$(wc -l < out)" -eq 1
check "version" test "$(jq -r .version out)" = rss20
check "bozo false" test "$(jq -r .bozo out)" = false
check "feed title" test "$(jq -r .feed.title out)" = "The Lantern Bay Courier"
check "entry count" test "$(jq '.entries | length' out)" -eq 2
check "entry link resolved with xml:base" test "$(jq -r '.entries[0].link' out)" = "https://news.lantern-bay.example/stories/ferry-rota"
check "published kept as written" test "$(jq -r '.entries[0].published' out)" = "Tue, 10 Jun 2025 09:15:00 BST"
check "published_parsed in UTC" test "$(jq -r '.entries[0].published_parsed' out)" = "2025-06-10T08:15:00Z"
check "enclosure" test "$(jq -r '.entries[0].enclosures[0].type' out)" = "audio/mpeg"
check "summary sanitised" sh -c "! jq -r '.entries[1].summary' out | grep -Eq 'script|onerror|javascript'"

expect_exit 0 "several files, one line each" "$CW" feed --json "$DATA/atom10_valley.xml" "$DATA/rss1_rdf.xml" "$DATA/jsonfeed.json"
check "three lines" test "$(wc -l < out)" -eq 3
check "versions in order" test "$(jq -r .version out | tr '\n' ' ')" = "atom10 rss10 json11 "

expect_exit 0 "ill-formed feed recovers" "$CW" feed --json "$DATA/illformed_truncated.xml"
check "bozo true" test "$(jq -r .bozo out)" = true
check "bozo_reason given" test -n "$(jq -r .bozo_reason out)"
check "entries recovered" test "$(jq '.entries | length' out)" -eq 2

expect_exit 0 "summary without --json" "$CW" feed "$DATA/atom10_valley.xml"
check "summary names title" grep -q "title:   Ashgrove Valley Herald" out
check "summary names entries" grep -q "entries: 2" out

expect_exit 1 "entity bomb refused" "$CW" feed --json "$DATA/bomb.xml"
check "refusal names the input" grep -q "bomb.xml: entity declarations refused" err
expect_exit 1 "missing file" "$CW" feed --json nosuch.xml
expect_exit 2 "no input" "$CW" feed --json
expect_exit 2 "unknown flag" "$CW" feed --bogus x

# feeds through extract and add: one article per entry
expect_exit 0 "extract a feed" "$CW" extract "$DATA/rss2_harbor.xml"
check "two articles" test "$(wc -l < out)" -eq 2
check "outlet is the feed title" test "$(jq -r .outlet out | sort -u)" = "The Lantern Bay Courier"
check "parts number entries" test "$(jq -r .source.part out | tr '\n' ' ')" = "0 1 "
check "source id is the guid" test "$(jq -r .source.id out | head -1)" = "courier-2025-0610-ferry"

cp "$DATA/rss2_harbor.xml" feed.xml
expect_exit 0 "add a feed" "$CW" --db t.db add feed.xml
"$CW" --db t.db stories --json > stories.jsonl
check "one article per entry stored" test "$(jq -s '[.[].articles | length] | add' stories.jsonl)" -eq 2
check "entry titles stored" sh -c "jq -r '.articles[].title' stories.jsonl | grep -qx 'Lighthouse reopens to visitors'"
expect_exit 0 "adding the feed again" "$CW" --db t.db add feed.xml
"$CW" --db t.db stories --json > again.jsonl
check "nothing added twice" test "$(jq -s '[.[].articles | length] | add' again.jsonl)" -eq 2

finish
