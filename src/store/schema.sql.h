/* schema.sql.h - the archive's schema, version by version.
 *
 * PRAGMA user_version holds the version of a file. Opening a file runs the
 * migrations from its version up to CW_SCHEMA_VERSION in one transaction;
 * a file with a higher version was written by a newer crosswire and is
 * refused. Never edit a released migration: add the next one.
 */
#ifndef CW_STORE_SCHEMA_H
#define CW_STORE_SCHEMA_H

#define CW_SCHEMA_VERSION 20

/* In SQL, the time that files an article's near-copy band keys (of the
 * articles row named a: published, else added; seconds since 1970) and
 * the 32-day period of that time e (floor division), as
 * cw_sq_copy_period computes them: migration 10 and the import of an
 * older export's band keys use them. */
#define CW_SQL_COPY_TIME(a)                                                  \
  "coalesce(CAST(strftime('%s', " a ".published) AS INTEGER),"               \
  " CAST(strftime('%s', " a ".added) AS INTEGER), 0)"
#define CW_SQL_COPY_PERIOD                                                   \
  "CASE WHEN e >= 0 THEN e / 2764800 ELSE (e - 2764799) / 2764800 END"

static const char *const cw_schema_migrations[CW_SCHEMA_VERSION] = {
    /* 1: documents, articles, stories, the clustering index, search */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
    "INSERT INTO meta VALUES('ndocs', 0);"
    "CREATE TABLE documents("
    "  id INTEGER PRIMARY KEY,"
    "  origin TEXT NOT NULL,"
    "  hash TEXT NOT NULL UNIQUE,"
    "  added TEXT NOT NULL,"
    "  articles INTEGER NOT NULL);"
    "CREATE TABLE stories("
    "  id INTEGER PRIMARY KEY,"
    "  title TEXT,"
    "  title_score REAL NOT NULL DEFAULT 0,"
    "  first_seen TEXT,"
    "  last_update TEXT,"
    "  last_published INTEGER NOT NULL DEFAULT 0,"
    "  n_articles INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX stories_by_update ON stories(last_update);"
    "CREATE TABLE articles("
    "  id INTEGER PRIMARY KEY,"
    "  document_id INTEGER NOT NULL REFERENCES documents(id),"
    "  story_id INTEGER NOT NULL REFERENCES stories(id),"
    "  content_hash TEXT NOT NULL UNIQUE,"
    "  title TEXT, outlet TEXT, url TEXT, published TEXT,"
    "  dateline TEXT, byline TEXT, text TEXT NOT NULL,"
    "  credits TEXT NOT NULL DEFAULT '[]',"
    "  source_path TEXT, source_part INTEGER NOT NULL DEFAULT 0,"
    "  source_id TEXT,"
    "  added TEXT NOT NULL,"
    "  similarity REAL NOT NULL DEFAULT 0);"
    "CREATE INDEX articles_by_story ON articles(story_id);"
    "CREATE TABLE article_entities("
    "  article_id INTEGER NOT NULL REFERENCES articles(id),"
    "  name TEXT NOT NULL,"
    "  type TEXT NOT NULL,"
    "  roles TEXT NOT NULL DEFAULT '[]',"
    "  mentions INTEGER NOT NULL);"
    "CREATE INDEX article_entities_by_article ON article_entities(article_id);"
    /* the clustering index: each story's heaviest terms (bounded), looked
     * up by term, newest stories first */
    "CREATE TABLE story_terms("
    "  term TEXT NOT NULL,"
    "  story_id INTEGER NOT NULL,"
    "  weight REAL NOT NULL,"
    "  PRIMARY KEY(term, story_id)) WITHOUT ROWID;"
    "CREATE INDEX story_terms_by_story ON story_terms(story_id);"
    "CREATE TABLE df(term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "  title, text, content='articles', content_rowid='id',"
    "  tokenize='porter unicode61 remove_diacritics 2');",

    /* 2: near-copies (MinHash bands), what each article says (facts,
     * quotes, times, with byte spans into articles.text), story merges */
    "ALTER TABLE articles ADD COLUMN copy_of INTEGER REFERENCES articles(id);"
    "CREATE INDEX articles_by_copy ON articles(copy_of);"
    "CREATE TABLE article_signatures("
    "  article_id INTEGER PRIMARY KEY REFERENCES articles(id),"
    "  minhash BLOB NOT NULL);"
    "CREATE TABLE copy_bands("
    "  band INTEGER NOT NULL,"
    "  article_id INTEGER NOT NULL,"
    "  PRIMARY KEY(band, article_id)) WITHOUT ROWID;"
    "CREATE TABLE article_facts("
    "  article_id INTEGER NOT NULL REFERENCES articles(id),"
    "  kind TEXT NOT NULL, subject TEXT NOT NULL, value TEXT NOT NULL,"
    "  number REAL NOT NULL DEFAULT 0,"
    "  qualifier INTEGER NOT NULL DEFAULT 0,"
    "  approximate INTEGER NOT NULL DEFAULT 0,"
    "  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL);"
    "CREATE INDEX article_facts_by_article ON article_facts(article_id);"
    "CREATE TABLE article_quotes("
    "  article_id INTEGER NOT NULL REFERENCES articles(id),"
    "  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,"
    "  kind TEXT NOT NULL, text TEXT NOT NULL,"
    "  speaker TEXT, speaker_start INTEGER, speaker_end INTEGER,"
    "  cue TEXT, channel TEXT);"
    "CREATE INDEX article_quotes_by_article ON article_quotes(article_id);"
    "CREATE TABLE article_times("
    "  article_id INTEGER NOT NULL REFERENCES articles(id),"
    "  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,"
    "  type TEXT NOT NULL, value TEXT NOT NULL);"
    "CREATE INDEX article_times_by_article ON article_times(article_id);"
    "CREATE TABLE story_merges("
    "  from_story INTEGER NOT NULL, into_story INTEGER NOT NULL,"
    "  similarity REAL NOT NULL, at TEXT NOT NULL);",

    /* 3: clustering evidence beyond the centroid: each article's term
     * vector and facets (years, days, people, numbers; cw_termvec_pack),
     * read back for a bounded sample of a story's newest members, and each
     * story's facets (bounded per kind) */
    "CREATE TABLE article_vectors("
    "  article_id INTEGER PRIMARY KEY REFERENCES articles(id),"
    "  story_id INTEGER NOT NULL,"
    "  vector BLOB NOT NULL,"
    "  facets BLOB NOT NULL);"
    "CREATE INDEX article_vectors_by_story"
    "  ON article_vectors(story_id, article_id);"
    "CREATE TABLE story_facets("
    "  story_id INTEGER NOT NULL,"
    "  facet TEXT NOT NULL,"
    "  weight REAL NOT NULL,"
    "  PRIMARY KEY(story_id, facet)) WITHOUT ROWID;",

    /* 4: feed subscriptions with the state of their last poll (for
     * conditional GET), and the entries of each feed already taken in, so
     * a poll fetches only the article pages of new entries */
    "CREATE TABLE feeds("
    "  id INTEGER PRIMARY KEY,"
    "  url TEXT NOT NULL UNIQUE,"
    "  title TEXT,"
    "  etag TEXT,"
    "  last_modified TEXT,"
    "  last_fetch TEXT,"
    "  last_status INTEGER,"
    "  last_error TEXT,"
    "  added TEXT NOT NULL);"
    "CREATE TABLE feed_entries("
    "  feed_id INTEGER NOT NULL,"
    "  entry TEXT NOT NULL,"
    "  note TEXT,"
    "  seen TEXT NOT NULL,"
    "  PRIMARY KEY(feed_id, entry)) WITHOUT ROWID;",

    /* 5: each story's centroid packed in one blob beside its story_terms
     * rows: the rows serve the term -> story lookup, the blob the read of
     * a candidate's whole vector (one row instead of 64) */
    "ALTER TABLE stories ADD COLUMN centroid BLOB;",

    /* 6: whether a story's first_seen/last_update come from publication
     * dates (1) or, while none of its articles is dated, ingest times */
    ("ALTER TABLE stories ADD COLUMN dated INTEGER NOT NULL DEFAULT 0;"
     "UPDATE stories SET dated = 1 WHERE last_published > 0;"),

    /* 7: a change counter per story, raised by every write that changes
     * what the story shows: a reader compares it instead of recomputing
     * the story (the server's cache, ETags) */
    "ALTER TABLE stories ADD COLUMN version INTEGER NOT NULL DEFAULT 1;",

    /* 8: stories divided after the fact (the split step after a join:
     * the articles of one of two events moved to a new story), as merges
     * are recorded in story_merges; entities by name */
    ("CREATE TABLE story_splits("
     "  from_story INTEGER NOT NULL, into_story INTEGER NOT NULL,"
     "  articles INTEGER NOT NULL, at TEXT NOT NULL);"
     /* and the articles naming an entity, by name: a story's related
      * stories are found from its names without a scan of the archive */
     "CREATE INDEX article_entities_by_name"
     "  ON article_entities(name, article_id);"),

    /* 9: the search index merges its segments when 16 of a level have
     * gathered instead of 4: FTS5's merges at COMMIT grew with the index
     * (16 M -> 149 M instructions per 300 articles from 10k to 100k
     * articles); with 16 the ingest of 12,000 articles into a 90k archive
     * takes 8% less CPU while searches cost the same instructions
     * (docs/schema.md) */
    "INSERT INTO articles_fts(articles_fts, rank) VALUES('automerge', 16);",

    /* 10: near-copy band keys filed by 32-day period of their article's
     * time (published, else added), then key: an ingest writes its keys
     * into the recent periods instead of one page of the index per key
     * (at 1M articles 60% of the pages a commit wrote); the period is
     * src/store/derived.c's cw_sq_copy_period, floor division here too */
    ("CREATE TABLE copy_bands_by_period("
     "  period INTEGER NOT NULL, band INTEGER NOT NULL,"
     "  article_id INTEGER NOT NULL,"
     "  PRIMARY KEY(period, band, article_id)) WITHOUT ROWID;"
     "INSERT INTO copy_bands_by_period(period, band, article_id)"
     "  SELECT " CW_SQL_COPY_PERIOD ", band, article_id"
     "  FROM (SELECT b.band AS band, b.article_id AS article_id, "
     CW_SQL_COPY_TIME("a") " AS e"
     "        FROM copy_bands b JOIN articles a ON a.id = b.article_id)"
     "  ORDER BY 1, 2, 3;"
     "DROP TABLE copy_bands;"
     "ALTER TABLE copy_bands_by_period RENAME TO copy_bands;"),

    /* 11: what a search reads of each candidate article (its outlet,
     * dates and story, for the filters and recency) in a covering index
     * by id: ~75 bytes an article, so the newest 1,000 matches of a word
     * are read from a few dozen index pages instead of 1,000 pages of
     * article text; an outlet: query looking through 20,000 matches read
     * 10,000 pages (docs/schema.md) */
    "CREATE INDEX IF NOT EXISTS articles_search"
    "  ON articles(id, outlet, published, added, story_id);",

    /* 12: the band keys and story terms written since the last merge in
     * small tables of their own, copy_bands_recent and story_terms_recent,
     * moved into copy_bands and story_terms in key order once they hold
     * 2^18 / 2^17 rows (CW_SQ_BANDS_RECENT_MAX, CW_SQ_TERMS_RECENT_MAX in
     * sqlite_int.h): at a million articles a period of copy_bands and the
     * term index span thousands of pages, and an ingest's keys, random
     * within them, wrote one page each (7.2 and 4.0 of the 16.5 pages an
     * article wrote); every lookup reads both tables of a pair */
    ("CREATE TABLE IF NOT EXISTS copy_bands_recent("
     "  period INTEGER NOT NULL, band INTEGER NOT NULL,"
     "  article_id INTEGER NOT NULL,"
     "  PRIMARY KEY(period, band, article_id)) WITHOUT ROWID;"
     "CREATE TABLE IF NOT EXISTS story_terms_recent("
     "  term TEXT NOT NULL,"
     "  story_id INTEGER NOT NULL,"
     "  weight REAL NOT NULL,"
     "  PRIMARY KEY(term, story_id)) WITHOUT ROWID;"
     "CREATE INDEX IF NOT EXISTS story_terms_recent_by_story"
     "  ON story_terms_recent(story_id);"),

    /* 13: each period's Bloom filter of its band keys in copy_bands, kept
     * so that a new connection reads it (2 MiB for a million keys) rather
     * than seek the index for every key, most of which no article holds:
     * at 862k articles those seeks were 55% of the pages a short ingest
     * read. Derived: written by src/store/derived.c at merges, never
     * exported, emptied by import; a period without one is looked up as
     * before. bits: bit i in byte i / 8 (bit i % 8), a power of two */
    "CREATE TABLE IF NOT EXISTS copy_band_filters("
    "  period INTEGER PRIMARY KEY, keys INTEGER NOT NULL,"
    "  probes INTEGER NOT NULL, bits BLOB NOT NULL);",

    /* 14: the filters of version 13 took a key's probes from its low bits
     * alone (5.8% false positives where 0.5% were meant); dropped, and
     * built again with probes from the whole key (src/store/derived.c) */
    "DELETE FROM copy_band_filters;",

    /* 15: the content hashes of the articles, looked up for exact
     * duplicates, in tables of their own: article_hashes_recent takes an
     * ingest's hashes and moves them into article_hashes in key order once
     * it holds 2^16 (CW_SQ_HASHES_RECENT_MAX in sqlite_int.h), as the band
     * keys and story terms do (12). The UNIQUE index of articles'
     * content_hash had an article write one page of its own at a random
     * place of a 50 MiB index: at 862k articles 36% of the pages a commit
     * wrote and, scattered over the file, most of what the checkpoint's
     * fsync wrote back. New articles leave content_hash NULL (sqlite.c
     * makes the column nullable, which SQL cannot); earlier ones keep it,
     * and every hash is in the new tables. */
    ("CREATE TABLE IF NOT EXISTS article_hashes("
     "  hash TEXT PRIMARY KEY, article_id INTEGER NOT NULL) WITHOUT ROWID;"
     "CREATE TABLE IF NOT EXISTS article_hashes_recent("
     "  hash TEXT PRIMARY KEY, article_id INTEGER NOT NULL) WITHOUT ROWID;"
     "INSERT OR IGNORE INTO article_hashes(hash, article_id)"
     "  SELECT content_hash, id FROM articles"
     "  WHERE content_hash IS NOT NULL ORDER BY content_hash;"),

    /* 16: no index of story_terms by story. A story's rows are the terms
     * of its packed centroid (5), so a merge removes the absorbed story's
     * rows by key; the index only cost: every merge of the recent rows
     * wrote each row twice, the second time in story order, and every
     * change of a centroid kept it up (sqlite.c packs the centroids of
     * stories older than 5 first, through the index); rows of a story
     * that is gone, which no merge would remove any more, go first */
    ("DELETE FROM story_terms WHERE story_id NOT IN (SELECT id FROM stories);"
     "DELETE FROM story_terms_recent"
     "  WHERE story_id NOT IN (SELECT id FROM stories);"
     "DROP INDEX IF EXISTS story_terms_by_story;"
     "DROP INDEX IF EXISTS story_terms_recent_by_story;"),

    /* 17: the names' index filed by block of 16,384 article ids first
     * (article_id >> 14, as the related-stories query in derived.c reads
     * it), then by name:
     * an ingest writes its names into the newest block's part of the
     * index, a few hundred pages that stay in its cache, where the index
     * by name alone took each name on a page of its own at a random place
     * (0.98 of the 7.8 pages an article wrote at 862k articles). A story's
     * related stories are looked for in the blocks around its ids, each
     * name sought in each block. */
    ("DROP INDEX IF EXISTS article_entities_by_name;"
     "CREATE INDEX IF NOT EXISTS article_entities_by_block"
     "  ON article_entities(article_id >> 14, name, article_id);"),

    /* 18: article_vectors without story_id (and its index by story): a
     * story's vectors are found through its articles (articles_by_story),
     * so a merge or a split moves an article by its articles row alone.
     * The copy of the story in each vector had every merge rewrite one
     * more scattered page an article moved (1.12 of the 6.9 pages an
     * added article wrote at 862k articles). sqlite.c drops the column
     * after this step (vectors_story_dropped: SQL cannot drop it only when
     * it is there) */
    "DROP INDEX IF EXISTS article_vectors_by_story;",

    /* 19: an article's facts, quotes and times filed by article: WITHOUT
     * ROWID tables keyed (article_id, seq), seq the row's place among its
     * article's rows. As rowid tables with an index by article each row
     * was two B-tree inserts (the table and the index) and a story read
     * each article's rows through the index; now one insert, and one
     * range read. sqlite.c rebuilds each table that is still a rowid
     * table with cw_schema_19_rebuild (SQL cannot ask which it is): rows
     * already stored keep their rowid as their seq (it grows with the
     * order they were written in, as seq does); an older export's rowid
     * column is read as seq (export.c). */
    "SELECT 19;",

    /* 20: an article's facts, quotes and times in one row of
     * article_analysis, three JSON arrays, instead of a row each in three
     * tables: an ingest wrote 16.6 rows an article there, 147k of the
     * 1.9M instructions an added article cost, almost all of it SQLite's
     * work per row. article_facts, article_quotes and article_times stay
     * as views over the arrays, with the columns and order they had (a
     * story's comparison, an export and SQL written against them read
     * them as before; seq is the place in the array), and an insert into
     * a view appends to its article's array (an import of an older
     * export). sqlite.c runs cw_schema_20_pack after migration 19's
     * rebuild, which it needs. */
    "SELECT 20;",
};

/* Migration 20: article_analysis filled from the three tables, which
 * become views of it. An element of facts is [kind, subject, value,
 * number, qualifier, approximate, span_start, span_end]; of quotes
 * [span_start, span_end, kind, text, speaker, speaker_start, speaker_end,
 * cue, channel]; of times [span_start, span_end, type, value]: the
 * columns of the tables in their order, without article_id and seq. */
#define CW_SQL_FACT_COLUMNS                                                   \
  "kind, subject, value, number, qualifier, approximate, span_start, span_end"
#define CW_SQL_QUOTE_COLUMNS                                                  \
  "span_start, span_end, kind, text, speaker, speaker_start, speaker_end,"    \
  " cue, channel"
#define CW_SQL_TIME_COLUMNS "span_start, span_end, type, value"
#define CW_SQL_PACKED(table, cols)                                            \
  "coalesce((SELECT json_group_array(json_array(" cols ")) FROM (SELECT *"    \
  " FROM " table " t WHERE t.article_id = ids.id ORDER BY t.seq)), '[]')"
#define CW_SQL_ELEMENT(i) "json_extract(j.value, '$[" #i "]')"
/* the view of one array: article_id, seq, then the element's columns */
#define CW_SQL_ANALYSIS_VIEW(name, col, cols, elements)                       \
  "CREATE VIEW " name "(article_id, seq, " cols ") AS SELECT a.article_id,"   \
  " j.key, " elements " FROM article_analysis a, json_each(a." col ") j;"
/* an insert appends to its article's array: the rows of an older export
 * come in their order; no conflict can arise, whatever the insert's
 * conflict clause (an import's INSERT OR REPLACE) */
#define CW_SQL_ANALYSIS_APPEND(name, col, values)                             \
  "CREATE TRIGGER " name "_append INSTEAD OF INSERT ON " name " BEGIN"        \
  " INSERT INTO article_analysis(article_id) SELECT NEW.article_id WHERE NOT"  \
  " EXISTS (SELECT 1 FROM article_analysis WHERE article_id ="                \
  " NEW.article_id);"                                                         \
  " UPDATE article_analysis SET " col " = json_insert(" col ", '$[#]',"       \
  " json_array(" values ")) WHERE article_id = NEW.article_id; END;"
static const char cw_schema_20_pack[] =
    "CREATE TABLE article_analysis("
    "  article_id INTEGER PRIMARY KEY REFERENCES articles(id),"
    "  facts TEXT NOT NULL DEFAULT '[]',"
    "  quotes TEXT NOT NULL DEFAULT '[]',"
    "  times TEXT NOT NULL DEFAULT '[]');"
    "INSERT INTO article_analysis(article_id, facts, quotes, times)"
    "  SELECT ids.id, " CW_SQL_PACKED("article_facts", CW_SQL_FACT_COLUMNS)
    ", " CW_SQL_PACKED("article_quotes", CW_SQL_QUOTE_COLUMNS)
    ", " CW_SQL_PACKED("article_times", CW_SQL_TIME_COLUMNS)
    "  FROM (SELECT article_id AS id FROM article_facts UNION SELECT"
    "  article_id FROM article_quotes UNION SELECT article_id FROM"
    "  article_times) ids ORDER BY ids.id;"
    "DROP TABLE article_facts;"
    "DROP TABLE article_quotes;"
    "DROP TABLE article_times;"
    CW_SQL_ANALYSIS_VIEW("article_facts", "facts", CW_SQL_FACT_COLUMNS,
                         CW_SQL_ELEMENT(0) ", " CW_SQL_ELEMENT(1) ", "
                         CW_SQL_ELEMENT(2) ", " CW_SQL_ELEMENT(3) ", "
                         CW_SQL_ELEMENT(4) ", " CW_SQL_ELEMENT(5) ", "
                         CW_SQL_ELEMENT(6) ", " CW_SQL_ELEMENT(7))
    CW_SQL_ANALYSIS_VIEW("article_quotes", "quotes", CW_SQL_QUOTE_COLUMNS,
                         CW_SQL_ELEMENT(0) ", " CW_SQL_ELEMENT(1) ", "
                         CW_SQL_ELEMENT(2) ", " CW_SQL_ELEMENT(3) ", "
                         CW_SQL_ELEMENT(4) ", " CW_SQL_ELEMENT(5) ", "
                         CW_SQL_ELEMENT(6) ", " CW_SQL_ELEMENT(7) ", "
                         CW_SQL_ELEMENT(8))
    CW_SQL_ANALYSIS_VIEW("article_times", "times", CW_SQL_TIME_COLUMNS,
                         CW_SQL_ELEMENT(0) ", " CW_SQL_ELEMENT(1) ", "
                         CW_SQL_ELEMENT(2) ", " CW_SQL_ELEMENT(3))
    CW_SQL_ANALYSIS_APPEND("article_facts", "facts",
                           "NEW.kind, NEW.subject, NEW.value,"
                           " coalesce(NEW.number, 0.0),"
                           " coalesce(NEW.qualifier, 0),"
                           " coalesce(NEW.approximate, 0),"
                           " NEW.span_start, NEW.span_end")
    CW_SQL_ANALYSIS_APPEND("article_quotes", "quotes",
                           "NEW.span_start, NEW.span_end, NEW.kind, NEW.text,"
                           " NEW.speaker, NEW.speaker_start, NEW.speaker_end,"
                           " NEW.cue, NEW.channel")
    CW_SQL_ANALYSIS_APPEND("article_times", "times",
                           "NEW.span_start, NEW.span_end, NEW.type,"
                           " NEW.value");

/* Migration 19's rebuild of one table (CW_SCHEMA_19_TABLES of them, by
 * name) as a WITHOUT ROWID table keyed by article and seq. */
#define CW_SCHEMA_19_TABLES 3
static const char *const cw_schema_19_rebuild[CW_SCHEMA_19_TABLES][2] = {
    {"article_facts",
     "CREATE TABLE article_facts_19("
     "  article_id INTEGER NOT NULL REFERENCES articles(id),"
     "  seq INTEGER NOT NULL,"
     "  kind TEXT NOT NULL, subject TEXT NOT NULL, value TEXT NOT NULL,"
     "  number REAL NOT NULL DEFAULT 0,"
     "  qualifier INTEGER NOT NULL DEFAULT 0,"
     "  approximate INTEGER NOT NULL DEFAULT 0,"
     "  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,"
     "  PRIMARY KEY(article_id, seq)) WITHOUT ROWID;"
     "INSERT INTO article_facts_19 SELECT article_id, rowid, kind, subject,"
     "  value, number, qualifier, approximate, span_start, span_end"
     "  FROM article_facts ORDER BY article_id, rowid;"
     "DROP TABLE article_facts;"
     "ALTER TABLE article_facts_19 RENAME TO article_facts;"},
    {"article_quotes",
     "CREATE TABLE article_quotes_19("
     "  article_id INTEGER NOT NULL REFERENCES articles(id),"
     "  seq INTEGER NOT NULL,"
     "  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,"
     "  kind TEXT NOT NULL, text TEXT NOT NULL,"
     "  speaker TEXT, speaker_start INTEGER, speaker_end INTEGER,"
     "  cue TEXT, channel TEXT,"
     "  PRIMARY KEY(article_id, seq)) WITHOUT ROWID;"
     "INSERT INTO article_quotes_19 SELECT article_id, rowid, span_start,"
     "  span_end, kind, text, speaker, speaker_start, speaker_end, cue,"
     "  channel FROM article_quotes ORDER BY article_id, rowid;"
     "DROP TABLE article_quotes;"
     "ALTER TABLE article_quotes_19 RENAME TO article_quotes;"},
    {"article_times",
     "CREATE TABLE article_times_19("
     "  article_id INTEGER NOT NULL REFERENCES articles(id),"
     "  seq INTEGER NOT NULL,"
     "  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,"
     "  type TEXT NOT NULL, value TEXT NOT NULL,"
     "  PRIMARY KEY(article_id, seq)) WITHOUT ROWID;"
     "INSERT INTO article_times_19 SELECT article_id, rowid, span_start,"
     "  span_end, type, value FROM article_times"
     "  ORDER BY article_id, rowid;"
     "DROP TABLE article_times;"
     "ALTER TABLE article_times_19 RENAME TO article_times;"},
};

#endif
