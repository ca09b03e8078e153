/* test_serve.c - the API without sockets: routes, statuses, JSON errors,
 * paging, the write token and the asset table (src/serve). The HTTP side
 * (ETags, limits, headers) is tested by tests/cli/test_serve.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/core.h"
#include "serve/serve.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Invented articles: two on one ferry strike, one on a library fire. */
static const char articles_jsonl[] =
    "{\"id\":\"t-1\",\"title\":\"Ferry crews strike at Port Velmar\","
    "\"outlet\":\"Velmar Courier\",\"published\":\"2031-04-02\","
    "\"text\":\"Ferry crews at Port Velmar walked out on Monday over "
    "rosters, stranding hundreds of travellers on the Velmar ferry route."
    "\\n\\nThe Velmar ferry union said the strike would last two days.\"}\n"
    "{\"id\":\"t-2\",\"title\":\"Velmar ferry strike strands travellers\","
    "\"outlet\":\"Orrin Daily\",\"published\":\"2031-04-03\","
    "\"text\":\"Hundreds of travellers were stranded at Port Velmar as "
    "ferry crews went on strike over rosters, the Velmar ferry union said."
    "\"}\n"
    "{\"id\":\"t-3\",\"title\":\"Fire damages Sarn town library\","
    "\"outlet\":\"<b>Sarn</b> Herald\",\"published\":\"2031-05-09\","
    "\"text\":\"A fire damaged the Sarn town library overnight; firefighters "
    "saved most of the old map collection, the mayor said.\"}\n";

typedef struct args {
  const char *names[4];
  const char *values[4];
} args;

static const char *get_arg(void *ctx, const char *name) {
  args *a = ctx;
  for (int i = 0; a && i < 4 && a->names[i]; i++)
    if (!strcmp(a->names[i], name))
      return a->values[i];
  return NULL;
}

typedef struct fixture {
  char dir[64];
  char db[96];
  cw_store *store;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  strcpy(f->dir, "/tmp/cw-test-serve-XXXXXX");
  if (!f || !mkdtemp(f->dir))
    return -1;
  snprintf(f->db, sizeof f->db, "%s/a.db", f->dir);
  if (cw_store_open(f->db, &f->store, NULL))
    return -1;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  char cmd[128];
  cw_store_close(f->store);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
  if (system(cmd) != 0)
    return -1;
  free(f);
  return 0;
}

/* Runs one request; returns the parsed body (caller decrefs). */
static json_t *call(cw_store *s, const char *method, const char *path,
                    args *a, const char *body, int authorized,
                    unsigned *status) {
  cw_serve_request rq = {method, path, get_arg, a, body,
                         body ? strlen(body) : 0, authorized, NULL, NULL, NULL};
  cw_serve_reply r = {0};
  cw_serve_api(s, &rq, &r);
  *status = r.status;
  json_t *v = r.body ? json_loadb(r.body, r.len, 0, NULL) : NULL;
  free(r.body);
  return v;
}

static const char *err_code(json_t *v) {
  return json_string_value(json_object_get(json_object_get(v, "error"),
                                           "code"));
}

static void ingest(cw_store *s) {
  unsigned st;
  json_t *v = call(s, "POST", "/api/articles", NULL, articles_jsonl, 1, &st);
  assert_int_equal(st, 201);
  assert_int_equal(json_integer_value(json_object_get(v, "articles_added")),
                   3);
  json_decref(v);
}

static void test_writes_need_token(void **state) {
  fixture *f = *state;
  unsigned st;
  json_t *v = call(f->store, "POST", "/api/articles", NULL, articles_jsonl, 0,
                   &st);
  assert_int_equal(st, 401);
  assert_string_equal(err_code(v), "unauthorized");
  json_decref(v);
  v = call(f->store, "POST", "/api/feeds", NULL, "{}", 0, &st);
  assert_int_equal(st, 401);
  json_decref(v);
  assert_int_equal(cw_serve_is_write("POST", "/api/articles"), 1);
  assert_int_equal(cw_serve_is_write("GET", "/api/articles"), 0);
}

static void test_ingest_and_read(void **state) {
  fixture *f = *state;
  unsigned st;
  ingest(f->store);
  /* the same again adds nothing */
  json_t *v = call(f->store, "POST", "/api/articles", NULL, articles_jsonl, 1,
                   &st);
  assert_int_equal(st, 200);
  assert_int_equal(json_integer_value(json_object_get(v, "duplicates")), 3);
  json_decref(v);

  v = call(f->store, "GET", "/api/stories", NULL, NULL, 0, &st);
  assert_int_equal(st, 200);
  json_t *stories = json_object_get(v, "stories");
  assert_true(json_array_size(stories) >= 2);
  assert_true(json_is_null(json_object_get(v, "next_cursor")));
  json_t *first = json_array_get(stories, 0);
  assert_true(json_is_array(json_object_get(first, "people")));
  assert_true(json_is_integer(json_object_get(first, "n_discrepancies")));
  json_int_t sid = json_integer_value(json_object_get(first, "id"));
  json_decref(v);

  char path[64];
  snprintf(path, sizeof path, "/api/stories/%lld", (long long)sid);
  v = call(f->store, "GET", path, NULL, NULL, 0, &st);
  assert_int_equal(st, 200);
  /* the body is cw_store_story_json's, unchanged */
  char *js = NULL;
  assert_int_equal(cw_store_story_json(f->store, sid, &js, NULL), CW_OK);
  json_t *direct = json_loads(js, 0, NULL);
  assert_true(json_equal(v, direct));
  json_decref(direct);
  free(js);
  json_decref(v);

  args a = {{"q"}, {"sarn library"}};
  v = call(f->store, "GET", "/api/search", &a, NULL, 0, &st);
  assert_int_equal(st, 200);
  json_t *hit = json_array_get(json_object_get(v, "results"), 0);
  assert_non_null(hit);
  json_int_t aid = json_integer_value(json_object_get(hit, "article_id"));
  json_decref(v);
  snprintf(path, sizeof path, "/api/articles/%lld", (long long)aid);
  v = call(f->store, "GET", path, NULL, NULL, 0, &st);
  assert_int_equal(st, 200);
  assert_string_equal(json_string_value(json_object_get(v, "outlet")),
                      "<b>Sarn</b> Herald");
  assert_string_equal(json_string_value(json_object_get(v, "title")),
                      "Fire damages Sarn town library");
  json_decref(v);

  v = call(f->store, "GET", "/api/outlets", NULL, NULL, 0, &st);
  assert_int_equal(st, 200);
  assert_int_equal(json_array_size(json_object_get(v, "outlets")), 3);
  json_decref(v);
}

static void test_paging(void **state) {
  fixture *f = *state;
  unsigned st;
  ingest(f->store);
  args a = {{"limit"}, {"1"}};
  json_t *v = call(f->store, "GET", "/api/stories", &a, NULL, 0, &st);
  assert_int_equal(st, 200);
  assert_int_equal(json_array_size(json_object_get(v, "stories")), 1);
  const char *cur = json_string_value(json_object_get(v, "next_cursor"));
  assert_non_null(cur);
  json_int_t id1 = json_integer_value(
      json_object_get(json_array_get(json_object_get(v, "stories"), 0), "id"));
  args b = {{"limit", "cursor"}, {"1", cur}};
  json_t *w = call(f->store, "GET", "/api/stories", &b, NULL, 0, &st);
  assert_int_equal(st, 200);
  json_int_t id2 = json_integer_value(
      json_object_get(json_array_get(json_object_get(w, "stories"), 0), "id"));
  assert_true(id2 > 0);
  assert_true(id1 != id2);
  json_decref(v);
  json_decref(w);
  args c = {{"outlet"}, {"<B>SARN</B> HERALD"}};
  v = call(f->store, "GET", "/api/stories", &c, NULL, 0, &st);
  assert_int_equal(json_array_size(json_object_get(v, "stories")), 1);
  json_decref(v);
}

static void test_errors(void **state) {
  fixture *f = *state;
  unsigned st;
  static const struct {
    const char *method, *path;
    unsigned status;
    const char *code;
  } cases[] = {
      {"GET", "/api/stories/abc", 400, "bad_id"},
      {"GET", "/api/stories/0", 400, "bad_id"},
      {"GET", "/api/stories/99999999999999999999", 400, "bad_id"},
      {"GET", "/api/stories/4242", 404, "not_found"},
      {"GET", "/api/articles/4242", 404, "not_found"},
      {"GET", "/api/search", 400, "bad_request"},
      {"GET", "/api/nothing", 404, "not_found"},
      {"DELETE", "/api/stories", 405, "method_not_allowed"},
      {"GET", "/api/articles", 405, "method_not_allowed"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    json_t *v = call(f->store, cases[i].method, cases[i].path, NULL, NULL, 0,
                     &st);
    assert_int_equal(st, cases[i].status);
    assert_string_equal(err_code(v), cases[i].code);
    assert_non_null(json_string_value(
        json_object_get(json_object_get(v, "error"), "message")));
    json_decref(v);
  }
  args a = {{"limit"}, {"101"}};
  json_t *v = call(f->store, "GET", "/api/stories", &a, NULL, 0, &st);
  assert_int_equal(st, 400);
  json_decref(v);
  args q = {{"q"}, {"\"unclosed"}};
  v = call(f->store, "GET", "/api/search", &q, NULL, 0, &st);
  assert_int_equal(st, 400);
  assert_string_equal(err_code(v), "bad_query");
  json_decref(v);
  v = call(f->store, "POST", "/api/articles", NULL, "plain words", 1, &st);
  assert_int_equal(st, 400);
  assert_string_equal(err_code(v), "bad_body");
  json_decref(v);
  v = call(f->store, "POST", "/api/articles", NULL, "[1, 2]", 1, &st);
  assert_int_equal(st, 400);
  json_decref(v);
  v = call(NULL, "GET", "/healthz", NULL, NULL, 0, &st);
  assert_int_equal(st, 200);
  json_decref(v);
}

static void test_token(void **state) {
  fixture *f = *state;
  char *t1 = NULL, *t2 = NULL, path[128];
  assert_int_equal(cw_serve_token(f->db, &t1, NULL), CW_OK);
  assert_int_equal(strlen(t1), 64);
  assert_int_equal(strspn(t1, "0123456789abcdef"), 64);
  assert_int_equal(cw_serve_token(f->db, &t2, NULL), CW_OK);
  assert_string_equal(t1, t2);
  snprintf(path, sizeof path, "%s.token", f->db);
  struct stat sb;
  assert_int_equal(stat(path, &sb), 0);
  assert_int_equal(sb.st_mode & 0777, 0600);
  assert_true(cw_serve_token_eq(t1, t2));
  t2[63] = t2[63] == 'a' ? 'b' : 'a';
  assert_false(cw_serve_token_eq(t1, t2));
  assert_false(cw_serve_token_eq(t1, ""));
  assert_false(cw_serve_token_eq(t1, "0"));
  free(t1);
  free(t2);
  /* a damaged token file is refused, not trusted */
  FILE *fp = fopen(path, "w");
  assert_non_null(fp);
  fputs("short\n", fp);
  fclose(fp);
  cw_error err;
  assert_int_equal(cw_serve_token(f->db, &t1, &err), CW_ERR_FORMAT);
  assert_null(t1);
}

static void test_assets(void **state) {
  (void)state;
  const cw_serve_asset *a = cw_serve_find_asset("/");
  assert_non_null(a);
  assert_true(a->len > 100);
  assert_non_null(strstr(a->content_type, "text/html"));
  a = cw_serve_find_asset("/app.js");
  assert_non_null(a);
  assert_non_null(strstr(a->content_type, "javascript"));
  assert_non_null(cw_serve_find_asset("/app.css"));
  assert_null(cw_serve_find_asset("/../etc/passwd"));
  assert_null(cw_serve_find_asset("/app.js/"));
  assert_null(cw_serve_find_asset("app.js"));
  assert_null(cw_serve_find_asset(""));
}

/* The story cache: exact versions, a newer version replaces an older one,
 * the previous version is served only while another reader builds the
 * new one, and the byte budget evicts the least recently used. */
static void test_story_cache(void **state) {
  (void)state;
  cw_serve_cache *c = cw_serve_cache_new(64 << 10);
  assert_non_null(c);
  size_t len = 0;
  assert_null(cw_serve_cache_get(c, CW_CACHE_STORY, 7, 1, &len));
  cw_serve_cache_put(c, CW_CACHE_STORY, 7, 1, "{\"v\":1}", 7);
  char *b = cw_serve_cache_get(c, CW_CACHE_STORY, 7, 1, &len);
  assert_non_null(b);
  assert_int_equal(len, 7);
  assert_string_equal(b, "{\"v\":1}");
  free(b);
  /* another kind, same id: not the same entry */
  assert_null(cw_serve_cache_get(c, CW_CACHE_CARD, 7, 1, &len));
  /* version 2 exists now: the first reader builds it (NULL), a second
   * one meanwhile gets version 1 */
  assert_null(cw_serve_cache_get(c, CW_CACHE_STORY, 7, 2, &len));
  b = cw_serve_cache_get(c, CW_CACHE_STORY, 7, 2, &len);
  assert_non_null(b);
  assert_string_equal(b, "{\"v\":1}");
  free(b);
  cw_serve_cache_put(c, CW_CACHE_STORY, 7, 2, "{\"v\":2}", 7);
  /* any version, for a list that may show an older card */
  b = cw_serve_cache_get_any(c, CW_CACHE_STORY, 7, &len);
  assert_non_null(b);
  free(b);
  assert_null(cw_serve_cache_get_any(c, CW_CACHE_CARD, 7, &len));
  /* a slow reader's older version does not replace the newer one */
  cw_serve_cache_put(c, CW_CACHE_STORY, 7, 1, "{\"v\":1}", 7);
  b = cw_serve_cache_get(c, CW_CACHE_STORY, 7, 2, &len);
  assert_non_null(b);
  assert_string_equal(b, "{\"v\":2}");
  free(b);
  /* budget: 64 KB holds a few 6 KB bodies, not 40; the oldest go */
  char big[6000];
  memset(big, 'x', sizeof big);
  for (int64_t id = 100; id < 140; id++)
    cw_serve_cache_put(c, CW_CACHE_STORY, id, 1, big, sizeof big);
  uint64_t hits, misses;
  size_t bytes;
  cw_serve_cache_stats(c, &hits, &misses, &bytes);
  assert_true(bytes <= (64 << 10));
  assert_null(cw_serve_cache_get(c, CW_CACHE_STORY, 100, 1, &len));
  b = cw_serve_cache_get(c, CW_CACHE_STORY, 139, 1, &len);
  assert_non_null(b);
  assert_int_equal(len, sizeof big);
  free(b);
  /* a body over an eighth of the budget is not kept */
  char *huge = calloc(1, 9000);
  cw_serve_cache_put(c, CW_CACHE_STORY, 500, 1, huge, 9000);
  assert_null(cw_serve_cache_get(c, CW_CACHE_STORY, 500, 1, &len));
  free(huge);
  cw_serve_cache_free(c);
}

typedef struct wanted {
  int64_t ids[8];
  size_t n;
} wanted;

static void record_want(void *ctx, int64_t story) {
  wanted *w = ctx;
  if (w->n < 8)
    w->ids[w->n++] = story;
}

static json_t *list_with(cw_store *s, cw_serve_cache *cache, wanted *w) {
  cw_serve_request rq = {"GET", "/api/stories", get_arg, NULL, NULL, 0, 0,
                         cache, record_want, w};
  cw_serve_reply r = {0};
  cw_serve_api(s, &rq, &r);
  assert_int_equal(r.status, 200);
  json_t *v = json_loadb(r.body, r.len, 0, NULL);
  free(r.body);
  return v;
}

/* The list's cards: built once per story version; after a story changes,
 * a page shows its previous card and asks the refresher for that story,
 * which builds the new version, so that the next page asks nothing. */
static void test_list_cards_refresh(void **state) {
  fixture *f = *state;
  ingest(f->store);
  cw_serve_cache *cache = cw_serve_cache_new(1 << 20);
  wanted w = {{0}, 0};
  json_t *v = list_with(f->store, cache, &w);
  assert_int_equal(w.n, 0); /* every card new: built, nothing asked */
  json_t *ferry = NULL;
  size_t i;
  json_t *x;
  json_array_foreach(json_object_get(v, "stories"), i, x) {
    if (json_integer_value(json_object_get(x, "n_articles")) == 2)
      ferry = x;
  }
  assert_non_null(ferry);
  assert_non_null(json_object_get(ferry, "people"));
  int64_t id = json_integer_value(json_object_get(ferry, "id"));
  json_decref(v);

  /* a third ferry article changes the story */
  static const char more[] =
      "{\"id\":\"t-4\",\"title\":\"Velmar ferry strike ends after two "
      "days\",\"outlet\":\"Sarn Herald\",\"published\":\"2031-04-04\","
      "\"text\":\"Ferry crews at Port Velmar ended their strike over "
      "rosters, the Velmar ferry union said, and travellers boarded the "
      "Velmar ferry route again.\"}\n";
  unsigned st;
  json_t *p = call(f->store, "POST", "/api/articles", NULL, more, 1, &st);
  assert_int_equal(st, 201);
  json_decref(p);
  v = list_with(f->store, cache, &w);
  assert_int_equal(w.n, 1);
  assert_int_equal(w.ids[0], id);
  json_decref(v);
  /* the refresher's work: the next page needs nothing more */
  cw_serve_refresh_story(f->store, cache, id);
  w.n = 0;
  v = list_with(f->store, cache, &w);
  assert_int_equal(w.n, 0);
  json_decref(v);
  cw_serve_cache_free(cache);
}

/* A story's answer carries its version as validator; the version moves
 * when an article joins the story and stays when another story grows, so
 * the server may serve the answer again without rebuilding it. */
static void test_story_validator(void **state) {
  fixture *f = *state;
  ingest(f->store);
  args none = {{NULL}, {NULL}};
  unsigned st;
  json_t *v = call(f->store, "GET", "/api/stories", &none, NULL, 0, &st);
  assert_int_equal(st, 200);
  int64_t ferry = 0, other = 0;
  size_t i;
  json_t *x;
  json_array_foreach(json_object_get(v, "stories"), i, x) {
    int64_t id = json_integer_value(json_object_get(x, "id"));
    if (json_integer_value(json_object_get(x, "n_articles")) == 2)
      ferry = id;
    else
      other = id;
  }
  json_decref(v);
  assert_true(ferry > 0 && other > 0);
  char ferry_path[64], other_path[64];
  snprintf(ferry_path, sizeof ferry_path, "/api/stories/%lld", (long long)ferry);
  snprintf(other_path, sizeof other_path, "/api/stories/%lld", (long long)other);

  cw_serve_request rq = {"GET", ferry_path, get_arg, &none, NULL, 0, 0,
                         NULL, NULL, NULL};
  cw_serve_reply r = {0};
  cw_serve_api(f->store, &rq, &r);
  assert_int_equal(r.status, 200);
  int64_t before = r.validator, now = 0, other_before = 0;
  free(r.body);
  assert_true(before > 0);
  assert_int_equal(cw_serve_validator(f->store, ferry_path, &now), 1);
  assert_int_equal(now, before);
  assert_int_equal(cw_serve_validator(f->store, other_path, &other_before), 1);
  /* routes without a validator, and stories that do not exist */
  assert_int_equal(cw_serve_validator(f->store, "/api/stories", &now), 0);
  assert_int_equal(cw_serve_validator(f->store, "/api/outlets", &now), 0);
  assert_int_equal(cw_serve_validator(f->store, "/api/stories/999999", &now),
                   0);
  assert_int_equal(cw_serve_validator(f->store, "/api/stories/x", &now), 0);

  static const char more[] =
      "{\"id\":\"t-5\",\"title\":\"Velmar ferry strike ends after two "
      "days\",\"outlet\":\"Sarn Herald\",\"published\":\"2031-04-04\","
      "\"text\":\"Ferry crews at Port Velmar ended their strike over "
      "rosters, the Velmar ferry union said, and travellers boarded the "
      "Velmar ferry route again.\"}\n";
  json_t *p = call(f->store, "POST", "/api/articles", NULL, more, 1, &st);
  assert_int_equal(st, 201);
  json_decref(p);
  assert_int_equal(cw_serve_validator(f->store, ferry_path, &now), 1);
  assert_true(now > before); /* the ferry story changed */
  int64_t other_now = 0;
  assert_int_equal(cw_serve_validator(f->store, other_path, &other_now), 1);
  assert_int_equal(other_now, other_before); /* the other did not */
}

/* A list entry carries the newest CW_SERVE_LIST_ARTICLES articles, every
 * article's day in articles_by_day (copies counted) and the total. */
static void test_list_entries_slim(void **state) {
  fixture *f = *state;
  cw_buf b;
  cw_buf_init(&b, 0);
  /* one story of 14 reports over 3 days: the Ostrel dam inspections */
  for (int i = 0; i < 14; i++)
    cw_buf_printf(&b,
                  "{\"id\":\"dam-%d\",\"title\":\"Ostrel dam inspection "
                  "report %d\",\"outlet\":\"Outlet %c\",\"published\":"
                  "\"2031-06-%02dT%02d:00:00Z\",\"text\":\"Inspectors at the "
                  "Ostrel dam filed report %d on the spillway gates, the Ostrel "
                  "water board said, after crack %d was found in the dam wall "
                  "near gate %d.\"}\n",
                  i, i, 'A' + i, 10 + i / 5, i % 24, i * 3, i * 7, i % 5);
  assert_int_equal(b.err, CW_OK);
  unsigned st;
  json_t *p = call(f->store, "POST", "/api/articles", NULL, b.ptr, 1, &st);
  cw_buf_free(&b);
  assert_int_equal(st, 201);
  json_decref(p);
  args none = {{NULL}, {NULL}};
  json_t *v = call(f->store, "GET", "/api/stories", &none, NULL, 0, &st);
  assert_int_equal(st, 200);
  json_t *dam = NULL, *x;
  size_t i;
  json_array_foreach(json_object_get(v, "stories"), i, x) {
    if (strstr(json_string_value(json_object_get(x, "title")), "Ostrel"))
      dam = x;
  }
  assert_non_null(dam);
  json_int_t n = json_integer_value(json_object_get(dam, "n_articles"));
  json_int_t all = json_integer_value(json_object_get(dam, "n_with_copies"));
  assert_true(n > CW_SERVE_LIST_ARTICLES);
  assert_true(all >= n);
  json_t *arts = json_object_get(dam, "articles");
  assert_int_equal(json_array_size(arts), CW_SERVE_LIST_ARTICLES);
  /* the newest are kept: no article the list leaves out is newer than
   * one it keeps (the full story lists them all) */
  char path[64];
  snprintf(path, sizeof path, "/api/stories/%lld",
           (long long)json_integer_value(json_object_get(dam, "id")));
  json_t *full = call(f->store, "GET", path, &none, NULL, 0, &st);
  assert_int_equal(st, 200);
  json_t *every = json_object_get(full, "articles");
  assert_int_equal(json_array_size(every), (size_t)n);
  const char *oldest_kept = "9999";
  json_array_foreach(arts, i, x) {
    const char *pub = json_string_value(json_object_get(x, "published"));
    if (strcmp(pub, oldest_kept) < 0)
      oldest_kept = pub;
  }
  size_t newer = 0;
  json_array_foreach(every, i, x) {
    const char *pub = json_string_value(json_object_get(x, "published"));
    newer += strcmp(pub, oldest_kept) > 0;
  }
  assert_true(newer < CW_SERVE_LIST_ARTICLES);
  json_decref(full);
  json_t *days = json_object_get(dam, "articles_by_day");
  assert_int_equal(json_array_size(days), 3);
  json_int_t sum = 0;
  const char *prev = "";
  json_array_foreach(days, i, x) {
    const char *d = json_string_value(json_object_get(x, "day"));
    assert_int_equal(strlen(d), 10);
    assert_true(strcmp(d, prev) > 0); /* in order */
    prev = d;
    sum += json_integer_value(json_object_get(x, "n"));
  }
  assert_int_equal(sum, all);
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(days, 0), "day")),
      "2031-06-10");
  json_decref(v);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_writes_need_token, setup, teardown),
      cmocka_unit_test_setup_teardown(test_ingest_and_read, setup, teardown),
      cmocka_unit_test_setup_teardown(test_paging, setup, teardown),
      cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
      cmocka_unit_test_setup_teardown(test_token, setup, teardown),
      cmocka_unit_test(test_assets),
      cmocka_unit_test(test_story_cache),
      cmocka_unit_test_setup_teardown(test_story_validator, setup, teardown),
      cmocka_unit_test_setup_teardown(test_list_entries_slim, setup, teardown),
      cmocka_unit_test_setup_teardown(test_list_cards_refresh, setup,
                                      teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
