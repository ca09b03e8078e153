#!/usr/bin/env bash
# test_search.sh - `crosswire search`: words, phrases, prefixes, boolean
# operators, filters, ranking, snippets in text and JSON, --limit, and
# malformed queries refused with exit 2 (never a crash).
. "$(dirname "$0")/lib.sh"
jqq() { jq "$@" > /dev/null; } # jq -e as a quiet predicate
DATA=$SRC/tests/data/archive

"$CW" --db s.db add "$DATA/ferries.jsonl" > /dev/null 2>&1
check "fixture ingested" test $? -eq 0

expect_exit 0 "plain word" "$CW" --db s.db search ferry --json
check "ferry: four articles" test "$(wc -l < out)" -eq 4
check "json fields" jqq -e 'has("article_id") and has("story_id") and has("title") and has("outlet") and has("published") and has("score") and has("snippet") and (.source | has("path") and has("part") and has("id"))' out
check "snippet marks the match with «»" sh -c "head -1 out | jq -r .snippet | grep -q '«'"
check "scores descend" jqq -s -e '[.[].score] == ([.[].score] | sort | reverse)' out
check "frost article (ferry only in body, oldest) ranks last" test "$(tail -1 out | jq -r .source.id)" = fr-1

expect_exit 0 "stemming: ferries finds ferry" "$CW" --db s.db search ferries --json
check "stemmed results" test "$(wc -l < out)" -eq 4

expect_exit 0 "phrase" "$CW" --db s.db search '"walked out"' --json
check "phrase: one article" test "$(wc -l < out)" -eq 1
check "phrase marked as one span" sh -c "jq -r .snippet out | grep -q '«walked out»'"
expect_exit 0 "phrase in wrong order" "$CW" --db s.db search '"out walked"' --json
check "no match for the reversed phrase" test ! -s out

expect_exit 0 "prefix" "$CW" --db s.db search 'nordw*' --json
check "prefix: three articles" test "$(wc -l < out)" -eq 3

expect_exit 0 "OR" "$CW" --db s.db search 'frost OR bridge' --json
check "OR: two articles" test "$(wc -l < out)" -eq 2
expect_exit 0 "NOT" "$CW" --db s.db search 'ferry NOT frost' --json
check "NOT: three articles" test "$(wc -l < out)" -eq 3
expect_exit 0 "AND with group" "$CW" --db s.db search '(frost OR stoppage) AND ferry' --json
check "group: three articles" test "$(jq -r .source.id out | sort | tr '\n' ' ')" = "fa-1 fa-2 fr-1 "
expect_exit 0 "words as several arguments" "$CW" --db s.db search vell ferry --json
check "implicit AND across arguments" test "$(wc -l < out)" -eq 3

expect_exit 0 "outlet filter" "$CW" --db s.db search 'ferry outlet:"vell gazette"' --json
check "outlet: two articles" test "$(wc -l < out)" -eq 2
check "outlet: all from that outlet" jqq -s -e 'all(.outlet == "Vell Gazette")' out
expect_exit 0 "date filters" "$CW" --db s.db search 'ferry since:2031-05-02 until:2031-05-03' --json
check "dates: one article" test "$(jq -r .source.id out)" = fa-2
expect_exit 0 "until a month" "$CW" --db s.db search 'until:2031-04' --json
check "until:2031-04 covers April" test "$(jq -r .source.id out | sort | tr '\n' ' ')" = "cc-1 fr-1 "
story=$(jq -r 'select(.source.id == "fa-1") | .story_id' < <("$CW" --db s.db search nordwave --json))
expect_exit 0 "story filter" "$CW" --db s.db search "story:$story" --json
check "story filter keeps one story" test "$(jq -r .story_id out | sort -u)" = "$story"
check "filters alone list newest first" test "$(jq -r .published out | head -1)" = "$(jq -r .published out | sort -r | head -1)"

expect_exit 0 "limit" "$CW" --db s.db search ferry --limit 2 --json
check "limit 2" test "$(wc -l < out)" -eq 2

expect_exit 0 "text output" "$CW" --db s.db search '"walked out"'
check "text output marks with []" grep -q '\[walked out\]' out
check "text output shows the title" grep -q 'Ferry crews walk out at Port Amsel' out
expect_exit 0 "no match" "$CW" --db s.db search zeppelin
check "no match says so" grep -q 'no articles match' out

# malformed queries: exit 2, a message naming the problem, no crash
for q in '"walked out' 'ferry OR' 'OR ferry' '(ferry' 'ferry)' '()' 'title:ferry' \
         'since:yesterday' 'story:x' '*' 'AND' 'NOT NOT' '((((((((((((((((((a'; do
  expect_exit 2 "malformed query [$q]" "$CW" --db s.db search "$q"
  check "message for [$q]" grep -q '^crosswire: search: ' err
  check "no sanitizer report for [$q]" sh -c "! grep -q 'Sanitizer\|runtime error' err"
done
expect_exit 2 "empty query" "$CW" --db s.db search '...'
expect_exit 2 "no query" "$CW" --db s.db search
expect_exit 2 "bad limit" "$CW" --db s.db search ferry --limit 0
expect_exit 2 "unknown flag" "$CW" --db s.db search ferry --bogus
expect_exit 0 "FTS5 syntax in words is plain text" "$CW" --db s.db search 'NEAR(ferry port) umn^ {x} -y +z'
expect_exit 0 "help" "$CW" search --help
check "help explains filters" grep -q 'outlet:NAME' out
finish
