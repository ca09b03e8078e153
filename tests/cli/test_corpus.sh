#!/usr/bin/env bash
# test_corpus.sh - the bundled demo corpus: every article is read, and the
# stories crosswire forms match the hand-made labels (BCubed F1).
. "$(dirname "$0")/lib.sh"
CORPUS=$SRC/examples/corpus
"$CW" --db demo.db add "$CORPUS" > out 2> err
check "demo corpus ingests cleanly" test $? -eq 0
check "no errors or warnings" test ! -s err
"$CW" --db demo.db stories --json > stories.jsonl
# --stages: the CPU time of each ingest stage, only when asked for
"$CW" --db stages.db --json add --stages "$CORPUS" > stages.json 2> err
check "--stages --json: seven stages, none negative, analysis and writing timed" jq -e '
  (.stage_cpu_seconds | keys | sort) == ["analyze","cluster","commit","copies","read","split","write"]
  and all(.stage_cpu_seconds[]; . >= 0)
  and .stage_cpu_seconds.analyze > 0 and .stage_cpu_seconds.write > 0 and .articles_added > 0' stages.json
check "no stage times unless asked for" sh -c "'$CW' --db nostages.db --json add '$CORPUS' | jq -e 'has(\"stage_cpu_seconds\") | not' > /dev/null"
"$CW" --db stages2.db add --stages "$CORPUS" > stages.txt
check "--stages: a line of seconds and microseconds per article" grep -Eq '^stages \(CPU s, us per article added\): read [0-9.]+ \([0-9]+\) analyze [0-9.]+ \([0-9]+\)' stages.txt
# key = file name # part (text pages) or file name # id (JSON lines)
jq -r '.id as $s | .articles[] | (., .copies[]?) | "\(.source.path | split("/") | last)#\(.source.id // .source.part)\t\($s)"' stories.jsonl > pred.tsv
labelled=$(($(wc -l < "$CORPUS/labels.tsv") - 1))
check "every labelled article stored ($labelled)" test "$(wc -l < pred.tsv)" -eq "$labelled"
check "every stored article labelled" sh -c "cut -f1 pred.tsv | sort > a; tail -n +2 '$CORPUS/labels.tsv' | cut -f1 | sort > b; cmp -s a b"
scores=$("$SRC/bench/bcubed" "$CORPUS/labels.tsv" pred.tsv)
echo "demo corpus clustering: $scores"
f1=$(echo "$scores" | sed 's/.*bcubed_f1=\([0-9.]*\).*/\1/')
check "BCubed F1 $f1 >= 0.90" awk -v f="$f1" 'BEGIN { exit !(f >= 0.90) }'
# every story has dated articles: its dates are publication dates (2 to 8
# March 2026), never the day the test ran
check "story dates come from publication dates" jq -e -s '
  all(.[]; (.first_seen | startswith("2026-03")) and (.last_update | startswith("2026-03")))' stories.jsonl
# a story's entity takes the type most of its articles give: the bridge
# contractor is typed a person in one article and an organisation in
# three; the port city a place
sid=$(jq -r 'select(any(.articles[]; (.title // "") | test("Halden"))) | .id' stories.jsonl | head -1)
"$CW" --db demo.db story "$sid" --json > halden.json
check "story entity type by majority: Brevik Construct" jq -e 'any(.entities[]; .name == "Brevik Construct" and .type == "organization")' halden.json
check "story entity type by majority: Korsa" jq -e 'any(.entities[]; .name == "Korsa" and .type == "place")' halden.json
# --limit gives the first stories of the whole list, in its order;
# --outlet the stories with an article of that outlet (any case), and
# only those
"$CW" --db demo.db stories --json --limit 3 > first3.jsonl
check "--limit 3: the list's first three" sh -c 'head -3 stories.jsonl | cmp -s - first3.jsonl'
outlet=$(jq -r '.articles[].outlet // empty' stories.jsonl | sort | uniq -c | sort -rn | awk 'NR == 2 { $1 = ""; sub(/^ /, ""); print }')
want=$(jq -r --arg o "$outlet" 'select(any(.articles[] | (., .copies[]?); (.outlet // "") | ascii_downcase == ($o | ascii_downcase))) | .id' stories.jsonl)
got=$("$CW" --db demo.db stories --json --outlet "$(echo "$outlet" | tr '[:lower:]' '[:upper:]')" | jq -r .id)
check "--outlet '$outlet': its $(echo "$want" | wc -w) stories, not all $(wc -l < stories.jsonl)" test -n "$want" -a "$got" = "$want" -a "$(echo "$want" | wc -l)" -lt "$(wc -l < stories.jsonl)"
expect_exit 2 "--limit 0 is a usage error" "$CW" --db demo.db stories --limit 0
"$CW" --db demo.db stories --outlet "Nobody Weekly" > none.txt
check "--outlet without a match says so" grep -q "no stories match" none.txt
# a story with copies says how many articles it has with them (its
# entities count them too)
cid=$(jq -r 'select([.articles[].copies[]?] | length > 0) | .id' stories.jsonl | head -1)
call=$(jq -r --argjson i "$cid" 'select(.id == $i) | [.articles[] | (., .copies[]?)] | length' stories.jsonl)
ctop=$(jq -r --argjson i "$cid" 'select(.id == $i) | .articles | length' stories.jsonl)
"$CW" --db demo.db story "$cid" > story.txt
check "story $cid: $ctop articles ($call with their copies)" grep -q "^$ctop articles ($call with their copies) from" story.txt
# ingesting again changes nothing
"$CW" --db demo.db add "$CORPUS" > out 2> err
check "re-ingest adds nothing" grep -q "^added 0 articles" out
finish
