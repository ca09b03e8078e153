/* test_search.c - the search query language (filters, phrases, prefixes,
 * operators, refusal of malformed queries) and cw_store_search on a small
 * invented archive: ranking, filters, snippets, export/import round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "crosswire.h"
#include "core/core.h"
#include "store/search.h"
#include "archive_files.h"

#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- parsing ------------------------------------------------------------ */

static void parses_to(const char *query, const char *fts) {
  cw_search_query q;
  cw_error err = {0};
  cw_status st = cw_search_query_parse(query, &q, &err);
  if (st)
    fail_msg("'%s' refused: %s", query, err.msg);
  if (fts)
    assert_string_equal(q.fts, fts);
  else
    assert_null(q.fts);
  cw_search_query_free(&q);
}

static void refused(const char *query, cw_status want, const char *needle) {
  cw_search_query q;
  cw_error err = {0};
  cw_status st = cw_search_query_parse(query, &q, &err);
  if (st != want)
    fail_msg("'%s': status %d, want %d (%s)", query, st, want, err.msg);
  if (needle && !strstr(err.msg, needle))
    fail_msg("'%s': message '%s' lacks '%s'", query, err.msg, needle);
  assert_null(q.fts);
}

static void test_words_are_quoted(void **state) {
  (void)state;
  parses_to("harbor strike", "\"harbor\" AND \"strike\"");
  /* lower-case operators are words; FTS5 syntax in words is neutralised */
  parses_to("cats and dogs", "\"cats\" AND \"and\" AND \"dogs\"");
  parses_to("don't 10:30", "\"don't\" AND \"10:30\"");
  /* a colon ending a word is punctuation, not a filter */
  parses_to("Warning: storm", "\"Warning:\" AND \"storm\"");
}

static void test_phrases_and_prefixes(void **state) {
  (void)state;
  parses_to("\"walked out\" strik*", "\"walked out\" AND \"strik\"*");
  parses_to("\"santa lu\"*", "\"santa lu\"*");
  parses_to("NEAR(a b)", "\"NEAR\" AND (\"a\" AND \"b\")");
  parses_to("a^b c-d", "\"a^b\" AND \"c-d\"");
  /* punctuation-only words match nothing and are dropped */
  parses_to("harbor ... \"--\" strike", "\"harbor\" AND \"strike\"");
}

static void test_operators(void **state) {
  (void)state;
  parses_to("a OR b c", "\"a\" OR \"b\" AND \"c\"");
  parses_to("a AND b NOT c", "\"a\" AND \"b\" NOT \"c\"");
  parses_to("(a OR b) c", "(\"a\" OR \"b\") AND \"c\"");
  parses_to("((a))", "((\"a\"))");
}

static void test_filters(void **state) {
  (void)state;
  cw_search_query q;
  cw_error err;
  assert_int_equal(
      cw_search_query_parse("outlet:\"Harbor Ledger\" crane since:2026-03 "
                            "until:2026-03-04 story:7",
                            &q, &err),
      CW_OK);
  assert_string_equal(q.fts, "\"crane\"");
  assert_string_equal(q.outlet, "Harbor Ledger");
  assert_string_equal(q.since, "2026-03");
  assert_string_equal(q.until, "2026-03-04");
  assert_int_equal(q.story_id, 7);
  cw_search_query_free(&q);
  /* filters alone are a query; words optional */
  assert_int_equal(cw_search_query_parse("Outlet:Courier", &q, &err), CW_OK);
  assert_null(q.fts);
  assert_string_equal(q.outlet, "Courier");
  cw_search_query_free(&q);
  /* a time of day is accepted as a date */
  assert_int_equal(
      cw_search_query_parse("since:2026-03-04T10:00:00Z x", &q, &err), CW_OK);
  assert_string_equal(q.since, "2026-03-04T10:00:00Z");
  cw_search_query_free(&q);
}

static void test_bad_queries(void **state) {
  (void)state;
  refused("\"walked out", CW_ERR_USAGE, "unterminated quote at byte 0");
  refused("a OR", CW_ERR_USAGE, "ends after 'OR'");
  refused("OR a", CW_ERR_USAGE, "'OR' at byte 0 needs a term before it");
  refused("a AND OR b", CW_ERR_USAGE, "follows another operator");
  refused("(a b", CW_ERR_USAGE, "expected ')'");
  refused("a b)", CW_ERR_USAGE, "unbalanced ')' at byte 3");
  refused("()", CW_ERR_USAGE, "empty parentheses");
  refused("a (", CW_ERR_USAGE, "unbalanced '('");
  refused("* x", CW_ERR_USAGE, "'*' at byte 0 needs a word");
  refused("title:crane", CW_ERR_USAGE, "unknown filter 'title:'");
  refused("since:yesterday x", CW_ERR_USAGE, "since:yesterday is not a date");
  refused("until:2026-13 x", CW_ERR_USAGE, "is not a date");
  refused("story:abc", CW_ERR_USAGE, "story:abc is not a story id");
  refused("story:-3", CW_ERR_USAGE, "not a story id");
  refused("outlet:a outlet:b", CW_ERR_USAGE, "given twice");
  refused("outlet: x", CW_ERR_USAGE, "needs a value");
  refused("", CW_ERR_EMPTY, "no words");
  refused("   ...  ", CW_ERR_EMPTY, "no words");
  refused(NULL, CW_ERR_EMPTY, NULL);
}

static void test_limits(void **state) {
  (void)state;
  char deep[64] = "";
  memset(deep, '(', CW_SEARCH_MAX_DEPTH + 1);
  deep[CW_SEARCH_MAX_DEPTH + 1] = 'a';
  refused(deep, CW_ERR_TOO_BIG, "nested deeper");
  char many[1024] = "";
  for (int i = 0; i < CW_SEARCH_MAX_TERMS + 1; i++)
    memcpy(many + 2 * i, "w ", 2);
  refused(many, CW_ERR_TOO_BIG, "more than 64 words");
  char *huge = malloc(CW_SEARCH_MAX_QUERY + 2);
  memset(huge, 'a', CW_SEARCH_MAX_QUERY + 1);
  huge[CW_SEARCH_MAX_QUERY + 1] = '\0';
  refused(huge, CW_ERR_TOO_BIG, "longer than");
  free(huge);
}

/* ---- searching an archive ----------------------------------------------- */

static char db_path[64], db2_path[64];

static void remove_db(const char *path) {
  char p[96];
  unlink(path);
  snprintf(p, sizeof p, "%s-wal", path);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", path);
  unlink(p);
}

static int setup(void **state) {
  (void)state;
  snprintf(db_path, sizeof db_path, "/tmp/cw-test-search-%d.db", (int)getpid());
  snprintf(db2_path, sizeof db2_path, "/tmp/cw-test-search2-%d.db",
           (int)getpid());
  remove_db(db_path);
  remove_db(db2_path);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  remove_db(db_path);
  remove_db(db2_path);
  return 0;
}

/* invented outlets and events */
static const char ferry_news[] =
    "{\"id\":\"f1\",\"title\":\"Ferry crews walk out at Port Amsel\","
    "\"text\":\"Ferry crews at Port Amsel walked out on Monday over rosters. "
    "The union said the stoppage would last until talks resume.\","
    "\"published\":\"2031-05-01\",\"outlet\":\"Amsel Tribune\"}\n"
    "{\"id\":\"f2\",\"title\":\"Port Amsel ferry stoppage enters third day\","
    "\"text\":\"Passengers queued at Port Amsel as the ferry stoppage went "
    "into a third day. Ferry operator Nordwave cancelled every crossing.\","
    "\"published\":\"2031-05-03\",\"outlet\":\"Coast Herald\"}\n"
    "{\"id\":\"o1\",\"title\":\"Orchard growers count frost damage\","
    "\"text\":\"Growers in the Vell valley said a late frost destroyed half "
    "of the apple blossom. Ferry traffic was not affected.\","
    "\"published\":\"2031-04-02\",\"outlet\":\"Vell Gazette\"}\n";

static int collect(void *ctx, const char *json, size_t len) {
  json_array_append_new((json_t *)ctx, json_loadb(json, len, 0, NULL));
  return 0;
}

static json_t *search(cw_store *s, const char *q, cw_status want) {
  json_t *all = json_array();
  cw_error err = {0};
  cw_status st = cw_store_search(s, q, NULL, collect, all, &err);
  if (st != want)
    fail_msg("search '%s': status %d (%s)", q, st, err.msg);
  return all;
}

static const char *title_of(json_t *all, size_t i) {
  return json_string_value(json_object_get(json_array_get(all, i), "title"));
}

static cw_store *filled_store(void) {
  cw_store *s;
  cw_articles *list;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  assert_int_equal(cw_extract_bytes(ferry_news, sizeof ferry_news - 1,
                                    "ferry.jsonl", NULL, &list, &err),
                   CW_OK);
  assert_int_equal(cw_store_add_articles(s, list, NULL, &err), CW_OK);
  cw_articles_free(list);
  return s;
}

static void test_search_ranks_and_filters(void **state) {
  (void)state;
  cw_store *s = filled_store();
  json_t *r = search(s, "ferry", CW_OK);
  assert_int_equal(json_array_size(r), 3);
  /* the frost article mentions a ferry once, in the body only: last */
  assert_string_equal(title_of(r, 2), "Orchard growers count frost damage");
  json_t *first = json_array_get(r, 0);
  assert_true(json_number_value(json_object_get(first, "score")) > 0);
  assert_non_null(
      strstr(json_string_value(json_object_get(first, "snippet")), "«"));
  assert_non_null(json_object_get(json_object_get(first, "source"), "path"));
  json_decref(r);

  r = search(s, "\"walked out\"", CW_OK);
  assert_int_equal(json_array_size(r), 1);
  assert_non_null(strstr(
      json_string_value(json_object_get(json_array_get(r, 0), "snippet")),
      "«walked out»"));
  json_decref(r);

  r = search(s, "ferr* NOT frost", CW_OK);
  assert_int_equal(json_array_size(r), 2);
  json_decref(r);

  r = search(s, "ferry outlet:\"coast herald\"", CW_OK);
  assert_int_equal(json_array_size(r), 1);
  assert_string_equal(title_of(r, 0),
                      "Port Amsel ferry stoppage enters third day");
  json_decref(r);

  r = search(s, "ferry until:2031-04", CW_OK);
  assert_int_equal(json_array_size(r), 1);
  json_decref(r);
  r = search(s, "ferry since:2031-05-02", CW_OK);
  assert_int_equal(json_array_size(r), 1);
  json_decref(r);

  /* filters only: newest first */
  r = search(s, "since:2031-01-01", CW_OK);
  assert_int_equal(json_array_size(r), 3);
  assert_string_equal(title_of(r, 0),
                      "Port Amsel ferry stoppage enters third day");
  json_decref(r);

  r = search(s, "(ferry", CW_ERR_USAGE);
  assert_int_equal(json_array_size(r), 0);
  json_decref(r);
  r = search(s, "zeppelin", CW_OK);
  assert_int_equal(json_array_size(r), 0);
  json_decref(r);

  cw_search_opts opts = {1, "<b>", "</b>"};
  r = json_array();
  assert_int_equal(cw_store_search(s, "port amsel", &opts, collect, r, NULL),
                   CW_OK);
  assert_int_equal(json_array_size(r), 1);
  assert_non_null(strstr(
      json_string_value(json_object_get(json_array_get(r, 0), "snippet")),
      "<b>"));
  json_decref(r);
  cw_store_close(s);
}

/* Each result has its own snippet (they are computed in one pass for all
 * results), and story: with words walks the story's own articles. */
static void test_snippets_and_story_filter(void **state) {
  (void)state;
  cw_store *s = filled_store();
  json_t *r = search(s, "ferry", CW_OK);
  assert_int_equal(json_array_size(r), 3);
  size_t i;
  json_t *o;
  int64_t amsel_story = 0;
  json_array_foreach(r, i, o) {
    const char *title = json_string_value(json_object_get(o, "title"));
    const char *snip = json_string_value(json_object_get(o, "snippet"));
    assert_non_null(strstr(snip, "«"));
    if (!strcmp(title, "Orchard growers count frost damage"))
      assert_non_null(strstr(snip, "«Ferry» traffic"));
    else if (!strcmp(title, "Port Amsel ferry stoppage enters third day"))
      assert_non_null(strstr(snip, "Nordwave"));
    else
      assert_non_null(strstr(snip, "rosters"));
    if (strstr(title, "Amsel"))
      amsel_story = json_integer_value(json_object_get(o, "story_id"));
  }
  json_decref(r);
  assert_true(amsel_story > 0);

  char q[64];
  snprintf(q, sizeof q, "ferry story:%lld", (long long)amsel_story);
  r = search(s, q, CW_OK);
  assert_true(json_array_size(r) >= 1);
  json_array_foreach(r, i, o) {
    assert_int_equal(json_integer_value(json_object_get(o, "story_id")),
                     amsel_story);
    assert_null(strstr(json_string_value(json_object_get(o, "title")),
                       "Orchard"));
  }
  json_decref(r);
  snprintf(q, sizeof q, "frost story:%lld", (long long)amsel_story);
  r = search(s, q, CW_OK);
  assert_int_equal(json_array_size(r), 0); /* frost is another story's */
  json_decref(r);
  r = search(s, "ferry story:999999", CW_OK);
  assert_int_equal(json_array_size(r), 0);
  json_decref(r);
  cw_store_close(s);
}

/* The ranking considers the newest matches: SEARCH_CANDIDATES (1000) of
 * them, or 10x the limit. An old article that outranks every newer one on
 * BM25 is found once the candidates reach back to it. */
static void test_newest_matches_ranked(void **state) {
  (void)state;
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  cw_buf b;
  cw_buf_init(&b, 1 << 20);
  /* the oldest: "lighthouse" in its title and all over its text */
  cw_buf_puts(&b, "{\"id\":\"old\",\"title\":\"Lighthouse lighthouse "
                  "keepers of the Brask lighthouse\",\"text\":\"The Brask "
                  "lighthouse keepers kept the lighthouse lit; lighthouse "
                  "after lighthouse went dark.\",\"published\":"
                  "\"2031-01-01\",\"outlet\":\"Brask Times\"}\n");
  for (int i = 0; i < 1100; i++)
    cw_buf_printf(&b,
                  "{\"id\":\"n%d\",\"title\":\"Harbour log %d\",\"text\":"
                  "\"Entry %d of the Quay %d harbour log mentions the "
                  "lighthouse once among many notes on tides, cargo number "
                  "%d and the weather over berth %d.\",\"published\":"
                  "\"2031-01-02\",\"outlet\":\"Quay Notes\"}\n",
                  i, i, i, i * 7, i * 13, i % 97);
  assert_int_equal(b.err, CW_OK);
  cw_articles *list;
  assert_int_equal(cw_extract_bytes(b.ptr, b.len, "log.jsonl", NULL, &list,
                                    &err),
                   CW_OK);
  cw_buf_free(&b);
  assert_int_equal(cw_store_add_articles(s, list, NULL, &err), CW_OK);
  cw_articles_free(list);

  /* limit 20: the newest 1000 matches, the old article is not among them */
  json_t *r = search(s, "lighthouse", CW_OK);
  assert_int_equal(json_array_size(r), CW_SEARCH_DEFAULT_LIMIT);
  size_t i;
  json_t *o;
  json_array_foreach(r, i, o)
    assert_null(strstr(json_string_value(json_object_get(o, "title")),
                       "keepers"));
  json_decref(r);
  /* limit 150: 1500 candidates reach it, and BM25 puts it first */
  cw_search_opts opts = {150, NULL, NULL};
  r = json_array();
  assert_int_equal(cw_store_search(s, "lighthouse", &opts, collect, r, &err),
                   CW_OK);
  assert_int_equal(json_array_size(r), 150);
  assert_non_null(strstr(title_of(r, 0), "keepers"));
  json_decref(r);
  cw_store_close(s);
}

static int to_buf(void *ctx, const char *json, size_t len) {
  FILE *f = ctx;
  fwrite(json, 1, len, f);
  fputc('\n', f);
  return 0;
}

static char *export_text(cw_store *s) {
  char *text = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&text, &n);
  assert_non_null(f);
  assert_int_equal(cw_store_export(s, to_buf, f, NULL), CW_OK);
  fclose(f);
  return text;
}

static void test_export_import_round_trip(void **state) {
  (void)state;
  cw_store *s = filled_store();
  char *first = export_text(s);
  cw_store_close(s);
  char path[96];
  snprintf(path, sizeof path, "%s.jsonl", db_path);
  FILE *f = fopen(path, "w");
  fputs(first, f);
  fclose(f);

  cw_store *t;
  cw_import_result r;
  cw_error err;
  assert_int_equal(cw_store_open(db2_path, &t, &err), CW_OK);
  assert_int_equal(cw_store_import(t, path, &r, &err), CW_OK);
  assert_int_equal(r.articles, 3);
  assert_int_equal(r.documents, 1);
  assert_int_equal(r.reclustered, 0);
  char *second = export_text(t);
  assert_string_equal(first, second);
  /* the restored search index works */
  json_t *hits = search(t, "blossom", CW_OK);
  assert_int_equal(json_array_size(hits), 1);
  json_decref(hits);
  /* importing into a non-empty archive is refused, nothing changes */
  assert_int_equal(cw_store_import(t, path, &r, &err), CW_ERR_USAGE);
  assert_non_null(strstr(err.msg, "empty archive"));
  char *third = export_text(t);
  assert_string_equal(first, third);
  cw_store_close(t);
  unlink(path);
  free(first);
  free(second);
  free(third);
}

static void test_stats_and_check(void **state) {
  (void)state;
  cw_store *s = filled_store();
  char *js = NULL;
  assert_int_equal(cw_store_stats_json(s, &js, NULL), CW_OK);
  json_t *o = json_loads(js, 0, NULL);
  assert_int_equal(json_integer_value(json_object_get(o, "articles")), 3);
  assert_int_equal(json_integer_value(json_object_get(o, "documents")), 1);
  assert_int_equal(json_integer_value(json_object_get(o, "outlets")), 3);
  assert_true(json_integer_value(json_object_get(o, "db_bytes")) > 0);
  assert_true(json_integer_value(json_object_get(o, "schema_version")) >= 1);
  assert_int_equal(json_array_size(json_object_get(o, "feeds")), 0);
  json_decref(o);
  free(js);
  char *check = NULL;
  assert_int_equal(cw_store_check(s, &check, NULL), CW_OK);
  assert_string_equal(check, "ok");
  free(check);
  cw_store_close(s);
}

/* An archive of n invented harbour notes, one a day from 2031-01-01 (ids
 * 1..n in that order); word(i) names the words of note i, which every
 * fifth note has in its title too. */
static cw_store *notes_store(int n, const char *(*word)(int)) {
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  cw_buf b;
  cw_buf_init(&b, 1 << 16);
  for (int i = 0; i < n; i++)
    cw_buf_printf(&b,
                  "{\"id\":\"h%d\",\"title\":\"Harbour note %d%s%s\","
                  "\"text\":\"Note %d of the Tarrow harbour office: %s, "
                  "tides and cargo %d.%s\",\"published\":"
                  "\"2031-%02d-%02dT08:00:00Z\",\"outlet\":\"Tarrow Notes\"}\n",
                  i, i, i % 5 ? "" : ": ", i % 5 ? "" : word(i), i,
                  word(i), i * 7, i % 4 ? "" : " Berths were full.",
                  1 + i / 28, 1 + i % 28);
  assert_int_equal(b.err, CW_OK);
  cw_articles *list;
  assert_int_equal(cw_extract_bytes(b.ptr, b.len, "notes.jsonl", NULL, &list,
                                    &err),
                   CW_OK);
  cw_buf_free(&b);
  assert_int_equal(cw_store_add_articles(s, list, NULL, &err), CW_OK);
  cw_articles_free(list);
  return s;
}

static json_t *search_window(cw_store *s, const char *q, int64_t window) {
  json_t *all = json_array();
  cw_error err = {0};
  cw_status st = cw_search_run(s, q, NULL, window, collect, all, &err);
  if (st)
    fail_msg("search '%s' (IDF window %lld): %s", q, (long long)window,
             err.msg);
  return all;
}

static double score_of(json_t *all, size_t i) {
  return json_number_value(
      json_object_get(json_array_get(all, i), "score"));
}

static const char *quay_every_third(int i) {
  return i % 3 == 0 ? (i % 2 ? "quay repairs at the quay" : "quay repairs")
                    : "dredging";
}

/* Past the IDF window (50,000 articles; 12 here) BM25's IDF is counted
 * over the newest articles by cw_bm25. With one phrase the IDF scales
 * every score alike: the same articles in the same order, each score
 * times idf(window) / idf(archive), which checks that cw_bm25 computes
 * bm25()'s formula. */
static void test_idf_window_one_phrase(void **state) {
  (void)state;
  cw_store *s = notes_store(30, quay_every_third);
  /* archive: 10 of 30 notes say quay; the newest 12 (notes 18..29): 4 */
  double want = log((12 - 4 + 0.5) / (4 + 0.5)) / log((30 - 10 + 0.5) /
                                                      (10 + 0.5));
  json_t *all = search_window(s, "quay", 0);
  json_t *win = search_window(s, "quay", 12);
  assert_int_equal(json_array_size(all), 10);
  assert_int_equal(json_array_size(win), 10);
  for (size_t i = 0; i < 10; i++) {
    assert_string_equal(title_of(win, i), title_of(all, i));
    double ratio = score_of(win, i) / score_of(all, i);
    if (fabs(ratio - want) > 1e-4)
      fail_msg("result %zu: score ratio %f, want %f", i, ratio, want);
  }
  /* results all inside the window (notes 21, 24, 27): the count comes
   * from the pass that makes the snippets, the same IDF */
  json_t *all_new = search_window(s, "since:2031-01-20 quay", 0);
  json_t *win_new = search_window(s, "since:2031-01-20 quay", 12);
  assert_int_equal(json_array_size(all_new), 3);
  assert_int_equal(json_array_size(win_new), 3);
  for (size_t i = 0; i < 3; i++) {
    assert_string_equal(title_of(win_new, i), title_of(all_new, i));
    double ratio = score_of(win_new, i) / score_of(all_new, i);
    if (fabs(ratio - want) > 1e-4)
      fail_msg("recent result %zu: score ratio %f, want %f", i, ratio, want);
    assert_non_null(strstr(json_string_value(json_object_get(
                               json_array_get(win_new, i), "snippet")),
                           "«quay»"));
  }
  json_decref(all_new);
  json_decref(win_new);
  /* no larger than the window: bm25() over the whole archive */
  json_t *same = search_window(s, "quay", 30);
  char *a = json_dumps(all, JSON_COMPACT), *b = json_dumps(same, JSON_COMPACT);
  assert_string_equal(a, b);
  free(a);
  free(b);
  /* and the default window (50,000) is no different at this size */
  json_t *def = search(s, "quay", CW_OK);
  a = json_dumps(all, JSON_COMPACT);
  b = json_dumps(def, JSON_COMPACT);
  assert_string_equal(a, b);
  free(a);
  free(b);
  json_decref(all);
  json_decref(win);
  json_decref(same);
  json_decref(def);
  cw_store_close(s);
}

static const char *ferry_then_quay(int i) {
  /* notes 0..29 all say ferry; then one more ferry, nine quays */
  return i <= 30 ? "ferry crossings" : "quay repairs";
}

/* With several phrases the window weighs them by their recent rarity:
 * "ferry" fills the old notes (so over the archive it weighs nothing) but
 * is rare in the newest ten, where "quay" is everywhere. */
static void test_idf_window_weighs_recent_rarity(void **state) {
  (void)state;
  cw_store *s = notes_store(40, ferry_then_quay);
  json_t *all = search_window(s, "quay OR ferry", 0);
  json_t *win = search_window(s, "quay OR ferry", 10);
  assert_int_equal(json_array_size(all), 20);
  assert_int_equal(json_array_size(win), 20);
  assert_non_null(strstr(title_of(all, 0), "note 3")); /* a quay note */
  assert_string_not_equal(title_of(all, 0), "Harbour note 30: ferry crossings");
  assert_string_equal(title_of(win, 0), "Harbour note 30: ferry crossings");
  json_decref(all);
  json_decref(win);
  cw_store_close(s);
}


/* The JSON lines of a search, joined, for comparing two runs. */
static char *search_text(cw_store *s, const char *q) {
  json_t *all = search(s, q, CW_OK);
  char *text = json_dumps(all, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(all);
  assert_non_null(text);
  return text;
}

/* A file of the version before the covering index articles_search (10;
 * the searches read their candidates' outlet, dates and story from it)
 * is migrated when opened, and its searches find the same articles. The
 * version is read from a new file, not written here: the index is the
 * last migration. */
static void test_archive_before_index_migrated(void **state) {
  (void)state;
  static const char *const queries[] = {
      "ferry",      "outlet:\"coast herald\" ferry", "since:2031-05 ferry",
      "until:2031-04 ferry OR frost", "outlet:\"Vell Gazette\"",
      "since:2031-05-02",
  };
  enum { NQ = sizeof queries / sizeof *queries };
  char *before[NQ];
  cw_store *s = filled_store();
  for (size_t i = 0; i < NQ; i++)
    before[i] = search_text(s, queries[i]);
  cw_store_close(s);
  int64_t version = archive_int(db_path, "PRAGMA user_version");
  assert_true(version >= 10);
  assert_int_equal(
      archive_int(db_path, "SELECT count(*) FROM sqlite_master WHERE "
                       "type='index' AND name='articles_search'"),
      1);

  /* back to the version before: no index */
  sqlite3 *db;
  char sql[96];
  snprintf(sql, sizeof sql,
           "DROP INDEX articles_search; PRAGMA user_version=%d", 10);
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, sql, 0, 0, 0), SQLITE_OK);
  sqlite3_close(db);
  assert_int_equal(
      archive_int(db_path, "SELECT count(*) FROM sqlite_master WHERE "
                       "type='index' AND name='articles_search'"),
      0);

  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  for (size_t i = 0; i < NQ; i++) {
    char *after = search_text(s, queries[i]);
    assert_string_equal(after, before[i]);
    free(after);
    free(before[i]);
  }
  cw_store_close(s);
  assert_int_equal(archive_int(db_path, "PRAGMA user_version"), version);
  assert_int_equal(
      archive_int(db_path, "SELECT count(*) FROM sqlite_master WHERE "
                       "type='index' AND name='articles_search'"),
      1);
  /* the index is complete: as many entries as articles */
  assert_int_equal(archive_int(db_path, "SELECT count(*) FROM articles "
                                    "INDEXED BY articles_search "
                                    "WHERE id > 0"),
                   3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_words_are_quoted),
      cmocka_unit_test(test_phrases_and_prefixes),
      cmocka_unit_test(test_operators),
      cmocka_unit_test(test_filters),
      cmocka_unit_test(test_bad_queries),
      cmocka_unit_test(test_limits),
      cmocka_unit_test_setup_teardown(test_snippets_and_story_filter, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_newest_matches_ranked, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_search_ranks_and_filters, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_export_import_round_trip, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_stats_and_check, setup, teardown),
      cmocka_unit_test_setup_teardown(test_archive_before_index_migrated, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_idf_window_one_phrase, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_idf_window_weighs_recent_rarity,
                                      setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
