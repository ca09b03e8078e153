/* test_copy_filter.c - near-copies are found the same with the filter of
 * the band keys a period holds (src/store/derived.c): once a period has
 * been looked up in often enough its filter is built, and keys stored
 * after that, in the same ingest or the next, are in it; a filter kept in
 * the archive holds every key of its period after merges (built again
 * when too full), after migration 13 and never survives an import; a new
 * connection reads it and finds copies through it; and the same with the
 * shingle sets of recent articles kept in memory, with the sets
 * computed from older candidates' stored texts, and with the newest
 * holders of band keys kept in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/core.h"
#include "crosswire.h"
#include "archive_files.h"
#include "store/schema.sql.h"
#include "store/sqlite_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char db_path[64];

static int setup(void **state) {
  (void)state;
  snprintf(db_path, sizeof db_path, "/tmp/cw-test-filter-%d.db", (int)getpid());
  return 0;
}

static int teardown(void **state) {
  (void)state;
  remove_archive(db_path);
  return 0;
}

/* An invented text of 40 words made of syllables, different for each n:
 * no two share a run of five words. */
static void text_of(unsigned n, char *out, size_t cap) {
  static const char *const syl[] = {"ka", "lo", "mir", "te", "van", "su",
                                    "dor", "pe", "li", "ros", "ne", "tam"};
  uint32_t x = 2166136261u ^ (n * 16777619u);
  size_t len = 0;
  for (int w = 0; w < 40; w++) {
    for (int k = 0; k < 3; k++) {
      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      len += (size_t)snprintf(out + len, cap - len, "%s", syl[x % 12]);
    }
    len += (size_t)snprintf(out + len, cap - len, w == 39 ? "." : " ");
  }
}

static void add_line(cw_buf *b, const char *id, const char *text) {
  cw_buf_printf(b,
                "{\"id\":\"%s\",\"title\":\"Notice %s\",\"text\":\"%s\","
                "\"published\":\"2031-05-10T09:00:00Z\","
                "\"outlet\":\"Tamsu Courier\"}\n",
                id, id, text);
}

static int64_t copy_of_in(const char *path, const char *source_id) {
  sqlite3 *db;
  sqlite3_stmt *st;
  int64_t v = -1;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db,
                                      "SELECT coalesce(a.copy_of, 0), "
                                      "coalesce((SELECT o.source_id FROM "
                                      "articles o WHERE o.id = a.copy_of), '') "
                                      "FROM articles a WHERE a.source_id = ?",
                                      -1, &st, NULL),
                   SQLITE_OK);
  sqlite3_bind_text(st, 1, source_id, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0) ? atoi((const char *)sqlite3_column_text(st, 1) + 1) : 0;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

static int64_t copy_of(const char *source_id) {
  return copy_of_in(db_path, source_id);
}

static void copies_found_through_the_filter(void **state) {
  (void)state;
  char text[1024], copy[1100];
  cw_buf b;
  cw_buf_init(&b, 0);
  /* 100 distinct texts of one day: 1,600 lookups in their period */
  for (unsigned i = 1; i <= 100; i++) {
    char id[16];
    snprintf(id, sizeof id, "a%u", i);
    text_of(i, text, sizeof text);
    add_line(&b, id, text);
  }
  /* after the filter is built, in the same ingest: an original and its
   * copy, and a copy of an article stored before the filter */
  text_of(500, text, sizeof text);
  add_line(&b, "a500", text);
  snprintf(copy, sizeof copy, "%s (Wire.)", text);
  add_line(&b, "a501", copy);
  text_of(3, text, sizeof text);
  snprintf(copy, sizeof copy, "%s (Agencies.)", text);
  add_line(&b, "a502", copy);
  assert_int_equal(b.err, CW_OK);
  cw_store *s;
  cw_articles *list;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  assert_int_equal(cw_extract_bytes(b.ptr, b.len, "f.jsonl", NULL, &list, &err),
                   CW_OK);
  assert_int_equal(cw_store_add_articles(s, list, NULL, &err), CW_OK);
  cw_articles_free(list);
  /* the articles' period, its nearer neighbour and the period of today
   * (where an undated original added with them would be) */
  assert_int_equal(cw_sq_bands_built(s), 3);
  /* the next ingest on the connection keeps the filter */
  cw_buf_reset(&b);
  text_of(600, text, sizeof text);
  add_line(&b, "a600", text);
  snprintf(copy, sizeof copy, "%s (Wire desk.)", text);
  add_line(&b, "a601", copy);
  text_of(500, text, sizeof text);
  snprintf(copy, sizeof copy, "%s (Pool.)", text);
  add_line(&b, "a602", copy);
  assert_int_equal(cw_extract_bytes(b.ptr, b.len, "g.jsonl", NULL, &list, &err),
                   CW_OK);
  assert_int_equal(cw_store_add_articles(s, list, NULL, &err), CW_OK);
  cw_articles_free(list);
  assert_int_equal(cw_sq_bands_built(s), 3);
  cw_store_close(s);
  cw_buf_free(&b);
  assert_int_equal(copy_of("a501"), 500);
  assert_int_equal(copy_of("a502"), 3);
  assert_int_equal(copy_of("a601"), 600);
  assert_int_equal(copy_of("a602"), 500);
  for (unsigned i = 1; i <= 100; i += 9) { /* distinct texts stay apart */
    char id[16];
    snprintf(id, sizeof id, "a%u", i);
    assert_int_equal(copy_of(id), 0);
  }
}

/* One ingest of the lines in b on a connection to the archive. */
static void ingest(cw_store *s, cw_buf *b, const char *name) {
  cw_articles *list;
  cw_error err;
  assert_int_equal(b->err, CW_OK);
  assert_int_equal(cw_extract_bytes(b->ptr, b->len, name, NULL, &list, &err),
                   CW_OK);
  assert_int_equal(cw_store_add_articles(s, list, NULL, &err), CW_OK);
  cw_articles_free(list);
  cw_buf_reset(b);
}

/* A copy candidate is checked against its shingle set kept from its own
 * ingest on this connection, or computed from its stored text when the
 * set is not kept (another connection stored it): both find the copy,
 * and a distinct text is no copy either way. */
static void copies_found_with_kept_sets(void **state) {
  (void)state;
  char text[1024], copy[1100];
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  text_of(700, text, sizeof text);
  add_line(&b, "a700", text);
  text_of(703, text, sizeof text);
  add_line(&b, "a703", text);
  ingest(s, &b, "f.jsonl");
  assert_int_equal(cw_sq_sets_held(s), 2);
  cw_store_close(s);
  /* a new connection keeps nothing: the candidates' texts are read */
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  assert_int_equal(cw_sq_sets_held(s), 0);
  text_of(700, text, sizeof text);
  snprintf(copy, sizeof copy, "%s (Wire.)", text);
  add_line(&b, "a701", copy);
  text_of(704, text, sizeof text);
  add_line(&b, "a704", text);
  ingest(s, &b, "g.jsonl");
  assert_int_equal(cw_sq_sets_held(s), 2);
  /* the next ingest finds copies of both through the kept sets */
  text_of(700, text, sizeof text);
  snprintf(copy, sizeof copy, "%s (Pool.)", text);
  add_line(&b, "a702", copy);
  text_of(704, text, sizeof text);
  snprintf(copy, sizeof copy, "Updated: %s", text);
  add_line(&b, "a705", copy);
  text_of(706, text, sizeof text);
  add_line(&b, "a706", text);
  ingest(s, &b, "h.jsonl");
  assert_int_equal(cw_sq_sets_held(s), 5);
  cw_sq_forget(s); /* as after a rollback */
  assert_int_equal(cw_sq_sets_held(s), 0);
  cw_store_close(s);
  cw_buf_free(&b);
  assert_int_equal(copy_of("a701"), 700);
  assert_int_equal(copy_of("a702"), 700);
  assert_int_equal(copy_of("a705"), 704);
  assert_int_equal(copy_of("a703"), 0);
  assert_int_equal(copy_of("a704"), 0);
  assert_int_equal(copy_of("a706"), 0);
}

/* The words [from, to) of text_of(n), without its closing stop. */
static void words_of(unsigned n, int from, int to, char *out, size_t cap) {
  char text[1024];
  text_of(n, text, sizeof text);
  const char *p = text, *start = NULL, *end = NULL;
  for (int w = 0; w <= to && *p; w++) {
    if (w == from)
      start = p;
    const char *q = p + strcspn(p, " .");
    if (w == to - 1)
      end = q;
    p = *q ? q + 1 : q;
  }
  assert_non_null(start);
  assert_non_null(end);
  snprintf(out, cap, "%.*s.", (int)(end - start), start);
}

/* Sets computed from the stored texts of candidates another connection
 * stored are kept, each under its own article, and used again: the
 * originals' texts are read once. Each copy is the first or the last 32
 * of its original's 40 words, so that the second is no copy of the first
 * (24 shared words of 32) and is found through its original's set
 * alone. */
static void copies_found_with_read_sets(void **state) {
  (void)state;
  char text[1024], id[16];
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  for (unsigned i = 810; i < 830; i++) {
    snprintf(id, sizeof id, "a%u", i);
    text_of(i, text, sizeof text);
    add_line(&b, id, text);
  }
  ingest(s, &b, "f.jsonl");
  cw_store_close(s);
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  for (unsigned i = 810; i < 830; i++) {
    snprintf(id, sizeof id, "a%u", i + 100);
    words_of(i, 0, 32, text, sizeof text);
    add_line(&b, id, text);
  }
  ingest(s, &b, "g.jsonl");
  assert_int_equal(cw_sq_sets_texts_read(s), 20);
  assert_int_equal(cw_sq_sets_read_held(s), 20);
  assert_int_equal(cw_sq_sets_held(s), 20);
  /* the other copies, the other way round, and distinct texts */
  for (unsigned i = 829; i >= 810; i--) {
    snprintf(id, sizeof id, "a%u", i + 200);
    words_of(i, 8, 40, text, sizeof text);
    add_line(&b, id, text);
    snprintf(id, sizeof id, "a%u", i + 300);
    text_of(i + 300, text, sizeof text);
    add_line(&b, id, text);
  }
  ingest(s, &b, "h.jsonl");
  assert_int_equal(cw_sq_sets_texts_read(s), 20); /* none read again */
  assert_int_equal(cw_sq_sets_read_held(s), 20);
  cw_sq_forget(s); /* as after a rollback */
  assert_int_equal(cw_sq_sets_read_held(s), 0);
  cw_store_close(s);
  cw_buf_free(&b);
  for (unsigned i = 810; i < 830; i++) {
    snprintf(id, sizeof id, "a%u", i);
    assert_int_equal(copy_of(id), 0);
    snprintf(id, sizeof id, "a%u", i + 100);
    assert_int_equal(copy_of(id), (int64_t)i);
    snprintf(id, sizeof id, "a%u", i + 200);
    assert_int_equal(copy_of(id), (int64_t)i);
    snprintf(id, sizeof id, "a%u", i + 300);
    assert_int_equal(copy_of(id), 0);
  }
}

/* copy_bands_recent's filter is built once the lookups reach a quarter of
 * its rows: not in a short ingest over many keys, at once after a merge
 * has emptied it; copies are found the same either way. */
static void copies_found_with_or_without_recent_filter(void **state) {
  (void)state;
  char text[1024], copy[1100], id[16];
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  for (unsigned i = 1000; i < 1400; i++) { /* 6,400 keys */
    snprintf(id, sizeof id, "a%u", i);
    text_of(i, text, sizeof text);
    add_line(&b, id, text);
  }
  ingest(s, &b, "f.jsonl");
  cw_store_close(s);
  /* 25 articles: at most 1,200 lookups, fewer than a quarter of the keys */
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  for (unsigned i = 1000; i < 1025; i++) {
    snprintf(id, sizeof id, "a%u", i + 1000);
    text_of(i, text, sizeof text);
    snprintf(copy, sizeof copy, "%s (Wire.)", text);
    add_line(&b, id, copy);
  }
  ingest(s, &b, "g.jsonl");
  assert_int_equal(cw_sq_bands_recent_built(s), 0);
  assert_int_equal(cw_sq_exec(s, "BEGIN", &err), CW_OK);
  assert_int_equal(cw_sq_bands_merge(s, 1, &err), CW_OK);
  assert_int_equal(cw_sq_exec(s, "COMMIT", &err), CW_OK);
  /* the next lookup finds the table empty: the filter is built, and the
   * keys of this ingest go into it */
  for (unsigned i = 1025; i < 1050; i++) {
    snprintf(id, sizeof id, "a%u", i + 1000);
    text_of(i, text, sizeof text);
    snprintf(copy, sizeof copy, "%s (Wire.)", text);
    add_line(&b, id, copy);
    text_of(i - 25, text, sizeof text); /* its keys are in copy_bands */
    snprintf(copy, sizeof copy, "Updated: %s", text);
    snprintf(id, sizeof id, "a%u", i + 2000);
    add_line(&b, id, copy);
  }
  ingest(s, &b, "h.jsonl");
  assert_int_equal(cw_sq_bands_recent_built(s), 1);
  cw_store_close(s);
  cw_buf_free(&b);
  for (unsigned i = 1000; i < 1050; i++) {
    snprintf(id, sizeof id, "a%u", i);
    assert_int_equal(copy_of(id), 0);
    snprintf(id, sizeof id, "a%u", i + 1000);
    assert_int_equal(copy_of(id), (int64_t)i);
  }
  for (unsigned i = 1025; i < 1050; i++) {
    snprintf(id, sizeof id, "a%u", i + 2000);
    assert_int_equal(copy_of(id), (int64_t)i - 25);
  }
}

/* Distinct texts a<from> .. a<to - 1>, ingested and merged into
 * copy_bands. */
static void store_merged(cw_store *s, unsigned from, unsigned to) {
  char text[1024], id[16];
  cw_buf b;
  cw_error err;
  cw_buf_init(&b, 0);
  for (unsigned i = from; i < to; i++) {
    snprintf(id, sizeof id, "a%u", i);
    text_of(i, text, sizeof text);
    add_line(&b, id, text);
  }
  ingest(s, &b, "merged.jsonl");
  cw_buf_free(&b);
  assert_int_equal(cw_sq_exec(s, "BEGIN", &err), CW_OK);
  assert_int_equal(cw_sq_bands_merge(s, 1, &err), CW_OK);
  assert_int_equal(cw_sq_exec(s, "COMMIT", &err), CW_OK);
}

/* Copies a<i + 1000> of a<from> .. a<to - 1> and distinct texts
 * n<i + 2000>, ingested on s. */
static void add_copies(cw_store *s, unsigned from, unsigned to) {
  char text[1024], copy[1100], id[16];
  cw_buf b;
  cw_buf_init(&b, 0);
  for (unsigned i = from; i < to; i++) {
    text_of(i, text, sizeof text);
    snprintf(copy, sizeof copy, "%s (Wire.)", text);
    snprintf(id, sizeof id, "a%u", i + 1000);
    add_line(&b, id, copy);
    text_of(i + 2000, text, sizeof text);
    snprintf(id, sizeof id, "n%u", i + 2000);
    add_line(&b, id, text);
  }
  ingest(s, &b, "copies.jsonl");
  cw_buf_free(&b);
}

static void copies_were_found(unsigned from, unsigned to) {
  char id[16];
  for (unsigned i = from; i < to; i++) {
    snprintf(id, sizeof id, "a%u", i + 1000);
    assert_int_equal(copy_of(id), (int64_t)i);
    snprintf(id, sizeof id, "n%u", i + 2000);
    assert_int_equal(copy_of(id), 0);
  }
}

/* A merge keeps each period's filter in the archive with every key of
 * copy_bands in it, larger once the keys outgrow it; a new connection
 * reads it and finds the copies of merged articles through it. */
static void filters_kept_in_the_archive(void **state) {
  (void)state;
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  store_merged(s, 2000, 2100); /* 1,600 keys */
  assert_true(archive_int(db_path, "SELECT count(*) FROM copy_band_filters") >= 1);
  int64_t bytes = archive_int(db_path, "SELECT max(length(bits)) FROM copy_band_filters");
  assert_true(bytes >= 512);
  assert_int_equal(cw_sq_bands_filters_missing(s), 0);
  store_merged(s, 2100, 2300); /* 4,800 keys: fewer than 6 bits each */
  assert_true(archive_int(db_path, "SELECT max(length(bits)) FROM copy_band_filters") > bytes);
  assert_int_equal(cw_sq_bands_filters_missing(s), 0);
  /* every period of copy_bands has one (and the periods looked up in,
   * the neighbour and today's, one with no key) */
  assert_int_equal(archive_int(db_path, "SELECT count(*) FROM copy_bands WHERE"
                                      " period NOT IN (SELECT period FROM"
                                      " copy_band_filters)"),
                   0);
  cw_store_close(s);
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  add_copies(s, 2000, 2040);
  assert_true(cw_sq_bands_loaded(s) >= 1);
  cw_store_close(s);
  copies_were_found(2000, 2040);
  /* a short run (fewer lookups than make it read the period's recent
   * keys) and a merge: the keys merged go into the filter read */
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  add_copies(s, 2040, 2045);
  assert_int_equal(cw_sq_exec(s, "BEGIN", &err), CW_OK);
  assert_int_equal(cw_sq_bands_merge(s, 1, &err), CW_OK);
  assert_int_equal(cw_sq_exec(s, "COMMIT", &err), CW_OK);
  assert_int_equal(archive_int(db_path, "SELECT count(*) FROM copy_bands_recent"), 0);
  assert_int_equal(cw_sq_bands_filters_missing(s), 0);
  cw_store_close(s);
  copies_were_found(2040, 2045);
}

/* An archive of schema version 12 gets the filters of the keys it holds
 * when it is opened. */
static void filters_built_by_migration(void **state) {
  (void)state;
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  store_merged(s, 2000, 2060);
  cw_store_close(s);
  sqlite3 *db;
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "DROP TABLE copy_band_filters;"
                                    "PRAGMA user_version=12;",
                                0, 0, 0),
                   SQLITE_OK);
  sqlite3_close(db);
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  assert_int_equal(archive_int(db_path, "PRAGMA user_version"),
                   CW_SCHEMA_VERSION);
  assert_true(archive_int(db_path, "SELECT count(*) FROM copy_band_filters") >= 1);
  assert_int_equal(archive_int(db_path, "SELECT count(*) FROM copy_band_filters"),
                   archive_int(db_path, "SELECT count(DISTINCT period) FROM copy_bands"));
  assert_int_equal(cw_sq_bands_filters_missing(s), 0);
  add_copies(s, 2000, 2020);
  assert_true(cw_sq_bands_loaded(s) >= 1);
  cw_store_close(s);
  copies_were_found(2000, 2020);
}

/* The filters of schema version 13 took their probes from other bits of
 * the keys: opening such an archive drops them and builds them again
 * (here they are emptied, which no new probe could read as holding the
 * keys: left as they were, every key would be missing from them). */
static void filters_of_version_13_built_again(void **state) {
  (void)state;
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  store_merged(s, 2000, 2060);
  cw_store_close(s);
  int64_t periods = archive_int(db_path, "SELECT count(*) FROM copy_band_filters");
  assert_true(periods >= 1);
  sqlite3 *db;
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "UPDATE copy_band_filters SET"
                                    " bits = zeroblob(length(bits));"
                                    "PRAGMA user_version=13;",
                                0, 0, 0),
                   SQLITE_OK);
  sqlite3_close(db);
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  assert_int_equal(archive_int(db_path, "PRAGMA user_version"),
                   CW_SCHEMA_VERSION);
  assert_int_equal(archive_int(db_path, "SELECT count(*) FROM copy_band_filters"),
                   periods);
  assert_int_equal(cw_sq_bands_filters_missing(s), 0);
  add_copies(s, 2000, 2020);
  cw_store_close(s);
  copies_were_found(2000, 2020);
}

static int to_file(void *ctx, const char *json, size_t len) {
  return fwrite(json, 1, len, ctx) != len || fputc('\n', ctx) == EOF;
}

/* An export carries no filter, and import empties the table: a filter
 * left from before (here one with no key, which would hide every holder)
 * cannot outlive the keys it was built for. */
static void import_keeps_no_filter(void **state) {
  (void)state;
  char path[96], export_path[96];
  snprintf(path, sizeof path, "%s.import.db", db_path);
  snprintf(export_path, sizeof export_path, "%s.export.jsonl", db_path);
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  store_merged(s, 2000, 2060);
  FILE *f = fopen(export_path, "w");
  assert_non_null(f);
  assert_int_equal(cw_store_export(s, to_file, f, &err), CW_OK);
  fclose(f);
  cw_store_close(s);
  int64_t period = archive_int(db_path, "SELECT min(period) FROM copy_bands");
  assert_int_equal(cw_store_open(path, &s, &err), CW_OK);
  cw_store_close(s);
  char sql[160];
  snprintf(sql, sizeof sql,
           "INSERT INTO copy_band_filters VALUES(%lld, 0, 5, zeroblob(4096))",
           (long long)period);
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, sql, 0, 0, 0), SQLITE_OK);
  sqlite3_close(db);
  assert_int_equal(cw_store_open(path, &s, &err), CW_OK);
  assert_int_equal(cw_store_import(s, export_path, NULL, &err), CW_OK);
  assert_int_equal(archive_int(path, "SELECT count(*) FROM copy_band_filters"), 0);
  assert_int_equal(archive_int(path, "SELECT count(*) FROM copy_bands"),
                   archive_int(db_path, "SELECT count(*) FROM copy_bands"));
  cw_store_close(s);
  remove_archive(db_path);
  assert_int_equal(rename(path, db_path), 0); /* copies_were_found reads it */
  remove_archive(path); /* its -wal and -shm, if left */
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  add_copies(s, 2000, 2020);
  cw_store_close(s);
  copies_were_found(2000, 2020);
  remove(export_path);
}

/* The newest holders of band keys kept in memory answer as the archive
 * does. One wire text reported 60 times (each with its own sign-off, so
 * that its band keys gather more than COPY_POSTINGS = 32 holders, and
 * the kept holders are both put in front and cut), between 20 distinct
 * texts: added in one ingest on one connection, where later lookups of
 * the shared keys are answered from memory, each report finds the same
 * original as when the same lines are added one by one, each by a new
 * connection that keeps nothing from the one before. */
static void copies_found_with_kept_holders(void **state) {
  (void)state;
  char cold_path[80], text[1024], line[1100], id[16];
  snprintf(cold_path, sizeof cold_path, "%s.cold.db", db_path);
  remove_archive(cold_path);
  cw_buf all, one;
  cw_buf_init(&all, 0);
  cw_buf_init(&one, 0);
  cw_store *s;
  cw_error err;
  for (unsigned i = 0; i < 80; i++) {
    snprintf(id, sizeof id, "a%u", 3000 + i);
    text_of(i % 4 == 3 ? 3100 + i : 3000, text, sizeof text);
    if (i % 4 != 3)
      snprintf(line, sizeof line, "%s (Desk %u.)", text, i);
    else
      snprintf(line, sizeof line, "%s", text);
    add_line(&all, id, line);
    add_line(&one, id, line);
    assert_int_equal(cw_store_open(cold_path, &s, &err), CW_OK);
    ingest(s, &one, "one.jsonl");
    assert_int_equal(cw_sq_bands_holder_hits(s), 0);
    cw_store_close(s);
  }
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  ingest(s, &all, "all.jsonl");
  uint64_t hits = cw_sq_bands_holder_hits(s);
  /* every key kept holds what the archive says, after the reports that
   * came after it was read were put in front */
  size_t kept = 0;
  assert_int_equal(cw_sq_bands_holders_wrong(s, &kept), 0);
  assert_true(kept >= 16);
  cw_sq_forget(s); /* as after a rollback */
  assert_int_equal(cw_sq_bands_holder_hits(s), 0);
  cw_store_close(s);
  /* the 60 reports' 16 keys each, after the first two reports: most
   * lookups answered from memory */
  assert_true(hits >= 40 * 16);
  int copies = 0;
  for (unsigned i = 0; i < 80; i++) {
    snprintf(id, sizeof id, "a%u", 3000 + i);
    int64_t warm = copy_of(id);
    assert_int_equal(warm, copy_of_in(cold_path, id));
    if (i % 4 == 3)
      assert_int_equal(warm, 0); /* a distinct text */
    else
      copies += warm != 0;
  }
  assert_int_equal(copies, 59); /* every report but the first */
  assert_int_equal(copy_of("a3001"), 3000);
  cw_buf_free(&all);
  cw_buf_free(&one);
  remove_archive(cold_path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(copies_found_through_the_filter, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(copies_found_with_kept_sets, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(copies_found_with_read_sets, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(
          copies_found_with_or_without_recent_filter, setup, teardown),
      cmocka_unit_test_setup_teardown(filters_kept_in_the_archive, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(filters_of_version_13_built_again, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(filters_built_by_migration, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(import_keeps_no_filter, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(copies_found_with_kept_holders, setup,
                                      teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
