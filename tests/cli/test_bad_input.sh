#!/usr/bin/env bash
# test_bad_input.sh - bad inputs get a one-line error naming them, the rest
# of the batch is stored, and the exit code says something failed; usage
# errors exit 2; re-ingest is idempotent; global flags go anywhere.
. "$(dirname "$0")/lib.sh"
DATA=$SRC/tests/data/cli

mkdir in
cp "$DATA/harbor_strike.txt" in/a_good.txt
: > in/b_empty.txt
printf 'PK\003\004\000\000binary\000junk' > in/c_binary.txt
mkdir in/d_sub
ln -s /nonexistent/crosswire-missing.txt in/d_sub/e_unreadable.txt
truncate -s 100M in/f_huge.txt           # sparse: refused before reading
printf '\xef\xbb\xbfHarbor cranes back in service\nCranes at the Harbor of Santa L\xc3\xbacia returned to service on Friday after inspectors cleared them, the port authority said, ending a week of delays for shipping lines that had rerouted cargo to other ports.\n' > in/g_bom.txt
printf 'Caf\xe9 owners protest new harbour parking fees\nOwners of waterfront caf\xe9s said the fees would drive away visitors \x96 and customers agreed.\n' > in/h_cp1252.txt
# saved as "Unicode" by a Windows editor: UTF-16LE with a byte order mark
{ printf '\xff\xfe'; printf 'Ferry timetable cut for the winter\nThe island ferry will sail twice a day from November instead of four times, the harbour office said, blaming fuel costs and fewer visitors.\n' | iconv -f UTF-8 -t UTF-16LE; } > in/i_utf16.txt

expect_exit 1 "batch with bad inputs exits 1" "$CW" --db t.db add in
check "empty file named" grep -q "in/b_empty.txt: empty input" err
check "binary file named" grep -q "in/c_binary.txt: binary data" err
check "unreadable file named" grep -q "in/d_sub/e_unreadable.txt: No such file" err
check "huge file named" grep -q "in/f_huge.txt: file of 104857600 bytes exceeds the limit" err
check "one line per bad input" test "$(grep -c '^crosswire: ' err)" -eq 4
check "summary counts failures" grep -q "4 inputs failed" out
"$CW" --db t.db stories --json > stories.jsonl
check "good inputs stored" test "$(jq -s '[.[].articles | length] | add' stories.jsonl)" -eq 4
check "UTF-16 decoded" sh -c "jq -r '.articles[].title' stories.jsonl | grep -qx 'Ferry timetable cut for the winter'"
check "windows-1252 decoded" sh -c "jq -r '.articles[].title' stories.jsonl | grep -q 'Café owners protest'"
check "BOM stripped from title" sh -c "jq -r '.articles[].title' stories.jsonl | grep -qx 'Harbor cranes back in service'"

# idempotent: the same inputs again add nothing
expect_exit 1 "second run still reports the bad inputs" "$CW" --db t.db add in
check "nothing added twice" grep -q "^added 0 articles" out
"$CW" --db t.db stories --json > again.jsonl
check "stories unchanged" cmp -s stories.jsonl again.jsonl

# a mostly-UTF-8 file with one broken byte: warning, not an error
{ cat "$DATA/harbor_strike.txt"; printf 'Updated at 18:00 \xff local time.\n'; } > broken.txt
expect_exit 0 "broken UTF-8 byte is a warning" "$CW" --db t.db add broken.txt
check "warning names the input" grep -q "warning: broken.txt: 1 invalid UTF-8 byte" err

# size limit is configurable
head -c 3000 /dev/zero | tr '\0' 'a' > long.txt
expect_exit 1 "--max-size refuses larger input" "$CW" --db t.db add --max-size 1K long.txt
check "limit named" grep -q "long.txt: file of 3000 bytes exceeds the limit of 1024 bytes" err

# usage errors exit 2
expect_exit 2 "unknown command" "$CW" --db t.db frobnicate
expect_exit 2 "unknown flag" "$CW" --db t.db add --bogus x
expect_exit 2 "story needs an id" "$CW" --db t.db story
expect_exit 2 "story id must be a number" "$CW" --db t.db story seven
expect_exit 2 "add needs a path" "$CW" --db t.db add
expect_exit 1 "missing story" "$CW" --db t.db story 9999
check "missing story named" grep -q "no story 9999" err
expect_exit 0 "help" "$CW" --help
check "help lists commands" grep -q "stories" out
expect_exit 0 "command help" "$CW" add --help
check "add help" grep -q -- "--max-size" out

# global flags before or after the command name give the same output
id=$(jq -s '.[0].id' stories.jsonl)
"$CW" --db t.db --json story "$id" > s1.json
"$CW" story "$id" --json --db t.db > s2.json
check "flags anywhere" cmp -s s1.json s2.json
check "story json has contract fields" jq -e 'has("id") and has("title") and has("first_seen") and has("last_update") and has("outlets") and has("articles") and has("entities") and has("timeline") and has("quotes") and has("discrepancies") and has("summary")' s1.json
check "articles carry source" jq -e '.articles | all(has("source") and has("copies") and has("outlet") and has("published"))' s1.json

# extract prints articles and stores nothing
expect_exit 0 "extract jsonl" "$CW" --db none.db extract --json "$DATA/valley_fire.jsonl"
check "two articles extracted" test "$(wc -l < out)" -eq 2
check "id kept as source.id" test "$(jq -r '.source.id' out | head -1)" = vf-1
check "extract stores nothing" test ! -e none.db
finish
