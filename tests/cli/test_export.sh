#!/usr/bin/env bash
# test_export.sh - `crosswire export` / `import`: export -> import into a
# new file -> export gives the same bytes; import keeps story assignments
# without re-clustering, refuses a non-empty archive, a truncated or
# foreign file, and re-clusters articles that carry no story id. `stats`.
. "$(dirname "$0")/lib.sh"
jqq() { jq "$@" > /dev/null; } # jq -e as a quiet predicate
DATA=$SRC/tests/data/archive

"$CW" --db a.db add "$DATA/ferries.jsonl" "$SRC/tests/data/cli" > /dev/null 2>&1
check "fixtures ingested" test $? -eq 0

expect_exit 0 "export" "$CW" --db a.db export
cp out e1.jsonl
check "every line is a JSON object" sh -c "jq -e 'type == \"object\"' e1.jsonl > /dev/null"
check "header first" test "$(head -1 e1.jsonl | jq -r .type)" = header
check "end last" test "$(tail -1 e1.jsonl | jq -r .type)" = end
check "articles carry text, source and copies" jqq -s -e 'map(select(.type == "article")) | length > 0 and all((.text | length > 0) and (.source | has("path")) and (.copies | type == "array"))' e1.jsonl
check "stories carry the Story object" jqq -s -e 'map(select(.type == "story")) | length > 0 and all(has("articles") and has("outlets") and has("entities") and has("summary") and (.state | has("id")))' e1.jsonl
expect_exit 0 "export --output" "$CW" --db a.db export --format jsonl --output e1b.jsonl
check "--output gives the same bytes" cmp -s e1.jsonl e1b.jsonl

expect_exit 0 "import into a new archive" "$CW" --db b.db import e1.jsonl
check "import reports counts" grep -q "^imported $(grep -c '"type":"article"' e1.jsonl) articles" out
"$CW" --db b.db export > e2.jsonl
check "export -> import -> export is byte-identical" cmp -s e1.jsonl e2.jsonl
# an export of schema 9, whose near-copy keys had no period: each key is
# filed by its article's date on import, exactly as crosswire files it
# (version 9 kept every key in copy_bands: the rows of copy_bands_recent too)
sed -e '1s/"schema_version":[0-9]*/"schema_version":9/' \
    -e 's/"table":"copy_bands_recent"/"table":"copy_bands"/' \
    -e '/"table":"copy_bands"/{s/"columns":\["period","band","article_id"\]/"columns":["band","article_id"]/;s/\[-\{0,1\}[0-9]\{1,\},\(-\{0,1\}[0-9]\{1,\},[0-9]\{1,\}\)\]/[\1]/g;}' \
    e1.jsonl > e9.jsonl
check "the schema 9 export has keys without periods" grep -q '"columns":\["band","article_id"\],"rows":\[\[' e9.jsonl
expect_exit 0 "import of a schema 9 export" "$CW" --db b9.db import e9.jsonl
"$CW" --db b9.db export > e3.jsonl
# import files them in copy_bands, where a merge would have put them:
# the same keys, and every other line the same bytes
others() { jq -c 'select(.type != "rows" or (.table | startswith("copy_bands") | not))' "$1"; }
keys() { jq -c 'select(.type == "rows" and (.table | startswith("copy_bands"))) | .rows[]' "$1" | sort; }
others e1.jsonl > o1; others e3.jsonl > o3; keys e1.jsonl > k1; keys e3.jsonl > k3
check "schema 9 export -> import -> export as from this version" sh -c 'cmp -s o1 o3 && cmp -s k1 k3 && test -s k1'
check "schema 9 keys filed in copy_bands" jqq -s -e 'map(select(.type == "rows" and .table == "copy_bands") | .rows | length) | add > 0' e3.jsonl
"$CW" --db a.db stories --json > sa.jsonl
"$CW" --db b.db stories --json > sb.jsonl
check "stories listing identical" cmp -s sa.jsonl sb.jsonl
"$CW" --db a.db search ferry --json > qa.jsonl
"$CW" --db b.db search ferry --json > qb.jsonl
check "search index rebuilt" cmp -s qa.jsonl qb.jsonl
check "search finds something" test -s qb.jsonl
expect_exit 0 "integrity of the imported archive" "$CW" --db b.db stats --check
check "check says ok" test "$(cat out)" = ok
# the restored archive keeps working: a re-add changes nothing
expect_exit 0 "re-add into the imported archive" "$CW" --db b.db add "$DATA/ferries.jsonl"
check "imported archive knows its documents" grep -q "^added 0 articles" out

# an export of schema 14 carries each article's content hash in the
# article's own line, with no article_hashes rows: import moves them to
# article_hashes, and a copy of an imported article is still a duplicate
jq -c -s '(map(select(.type == "rows" and (.table | startswith("article_hashes"))) | .rows[])) as $r
  | ($r | map({key: (.[1] | tostring), value: .[0]}) | from_entries) as $h
  | .[] | select((.type == "rows" and (.table | startswith("article_hashes"))) | not)
  | if .type == "header" then .schema_version = 14
    elif .type == "article" then .content_hash = $h[.id | tostring]
    elif .type == "end" then .rows -= ($r | length) else . end' e1.jsonl > e14.jsonl
check "the schema 14 export has hashes in its articles only" sh -c "jq -e -s 'map(select(.type == \"article\")) | all(.content_hash | type == \"string\")' e14.jsonl > /dev/null && ! grep -q article_hashes e14.jsonl"
expect_exit 0 "import of a schema 14 export" "$CW" --db b14.db import e14.jsonl
head -n 1 "$DATA/ferries.jsonl" | sed 's/"id":"[^"]*"/"id":"again"/' > again.jsonl
expect_exit 0 "a copy of an article of the schema 14 export" "$CW" --db b14.db add again.jsonl
check "the copy is a duplicate" grep -q "^added 0 articles from 1 input (1 already stored)" out

# an export of schema 17 carries each article vector's story in a column
# of its own, which schema 18 dropped (the story is the article's):
# import leaves it out, and the vectors come back as this version's
jq -c 'if .type == "header" then .schema_version = 17
  elif .type == "rows" and .table == "article_vectors"
  then .columns |= [.[0], "story_id"] + .[1:] | .rows |= map([.[0], 1] + .[1:])
  else . end' e1.jsonl > e17.jsonl
check "the schema 17 export has the vectors' story" grep -q '"table":"article_vectors","columns":\["article_id","story_id"' e17.jsonl
expect_exit 0 "import of a schema 17 export" "$CW" --db b17.db import e17.jsonl
"$CW" --db b17.db export > e18.jsonl
vectors() { jq -c 'select(.type == "rows" and .table == "article_vectors")' "$1"; }
vectors e1.jsonl > v1; vectors e18.jsonl > v18
check "schema 17 vectors restored as this version's" sh -c 'cmp -s v1 v18 && test -s v1'

# an export of schema 18 carries an article's facts, quotes and times as
# rowid tables, the rowid first: schema 19 keys them by article and seq,
# and import reads the rowid as the seq, as migration 19 does; schema 20
# appends each row to its article's array (article_analysis), in the
# export's order, so seq is again the place among the article's rows
analysis='article_facts|article_quotes|article_times'
jq -c --arg t "^($analysis)$" 'if .type == "header" then .schema_version = 18
  elif .type == "rows" and (.table | test($t))
  then .columns |= ["rowid", .[0]] + .[2:] | .rows |= map([.[1] + 1000, .[0]] + .[2:])
  else . end' e1.jsonl > e18a.jsonl
check "the schema 18 export has rowids" grep -q '"table":"article_quotes","columns":\["rowid","article_id"' e18a.jsonl
expect_exit 0 "import of a schema 18 export" "$CW" --db b18.db import e18a.jsonl
"$CW" --db b18.db export > e19.jsonl
rows_of() { jq -c --arg t "^($analysis)$" 'select(.type == "rows" and (.table | test($t))) | .rows[]' "$1"; }
rows_of e1.jsonl > a1; rows_of e19.jsonl > a19
check "schema 18 facts, quotes and times restored in their order" sh -c 'cmp -s a1 a19 && test -s a1'
"$CW" --db b18.db stories --json > s18.jsonl
check "stories of the schema 18 import as the original's" cmp -s sa.jsonl s18.jsonl

# refusals leave the archive as it was
expect_exit 2 "import into a non-empty archive" "$CW" --db b.db import e1.jsonl
check "non-empty refused by name" grep -q "import needs an empty archive" err
head -n 5 e1.jsonl > trunc.jsonl
expect_exit 1 "truncated export" "$CW" --db c.db import trunc.jsonl
check "truncation named" grep -q "truncated" err
"$CW" --db c.db stats --json > st.json
check "nothing kept from a truncated import" test "$(jq .articles st.json)" -eq 0
expect_exit 1 "not an export" "$CW" --db c.db import "$DATA/ferries.jsonl"
check "foreign file named" grep -q "not a crosswire export" err
printf '{"type":"header","format":"crosswire-export","version":1,"schema_version":1}\n{"type":"rows","table":"sqlite_master","columns":["name"],"rows":[["x"]]}\n' > evil.jsonl
expect_exit 1 "unknown table refused" "$CW" --db c.db import evil.jsonl
check "table named" grep -q "table 'sqlite_master' is not in this archive" err
printf '{"type":"header","format":"crosswire-export","version":1,"schema_version":1}\n{"type":"document","id":1,"origin":"x","hash":"h","added":"2031-01-01","articles":0,"evil\\"); DROP TABLE articles; --":1}\n' > evil2.jsonl
expect_exit 1 "unknown column refused" "$CW" --db c.db import evil2.jsonl
check "column named" grep -q "has no column" err
expect_exit 1 "missing file" "$CW" --db c.db import nonexistent.jsonl
expect_exit 2 "import needs a file" "$CW" --db c.db import
expect_exit 2 "unknown export format" "$CW" --db c.db export --format xml

# articles without story ids are clustered anew
{ echo '{"type":"header","format":"crosswire-export","version":1,"schema_version":1}'
  jq -c 'select(.type == "article") | {type, title, text, outlet, published, url, source}' e1.jsonl
  echo "{\"type\":\"end\",\"stories\":0,\"documents\":0,\"articles\":$(grep -c '"type":"article"' e1.jsonl),\"rows\":0}"
} > bare.jsonl
expect_exit 0 "import without story ids" "$CW" --db d.db import bare.jsonl
check "re-clustered count reported" grep -q "clustered anew" out
"$CW" --db d.db stats --json > sd.json
"$CW" --db a.db stats --json > sa.json
check "all articles re-clustered" test "$(jq .articles sd.json)" -eq "$(jq .articles sa.json)"
check "stories formed again" test "$(jq .stories sd.json)" -ge 2

# stats
expect_exit 0 "stats --json" "$CW" --db a.db stats --json
check "stats fields" jqq -e 'has("documents") and has("articles") and has("stories") and has("outlets") and has("entities") and has("db_bytes") and has("file_bytes") and has("schema_version") and (.feeds == [])' out
check "stats counts articles" test "$(jq .articles out)" -eq "$(grep -c '"type":"article"' e1.jsonl)"
check "stats counts outlets" test "$(jq .outlets out)" -ge 3
expect_exit 0 "stats text" "$CW" --db a.db stats
check "stats text lists the schema version" grep -q '^schema version' out
finish
