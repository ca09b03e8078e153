/* api.c - the JSON API: one request in, one status and JSON body out.
 *
 * Routes (docs/api.md, docs/openapi.yaml):
 *   GET  /healthz                 liveness
 *   GET  /api/stories             newest activity first, cursor paging,
 *                                 filters since, outlet, q (full text)
 *   GET  /api/stories/{id}        the Story object of `crosswire story --json`
 *   GET  /api/articles/{id}       one article
 *   POST /api/articles            ingest JSON lines or one JSON object
 *   GET  /api/search?q=           full-text search over articles
 *   GET  /api/outlets             outlets with counts
 *   GET  /api/feeds               subscriptions with their last fetch
 *   POST /api/feeds               subscribe ({"url", "title"} or an array)
 *   DELETE /api/feeds/{id}        unsubscribe
 * Nothing here knows libmicrohttpd: server.c hands in the method, path,
 * query parameters and body, and sends what comes back. Every value from
 * the archive or the client reaches the body through jansson, so it is
 * escaped JSON; errors are {"error": {"code", "message"}} and never carry
 * the archive's path.
 */
#include "serve/serve.h"

#include "core/core.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char stories_prefix[] = "/api/stories/";
static const char articles_prefix[] = "/api/articles/";
static const char feeds_prefix[] = "/api/feeds/";

/* Sets the reply from a JSON value, consuming it. */
static void reply_json(cw_serve_reply *r, unsigned status, json_t *v) {
  char *s = v ? json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                  JSON_ENCODE_ANY)
              : NULL;
  json_decref(v);
  if (!s) {
    cw_serve_error(r, 500, "internal", "out of memory");
    return;
  }
  free(r->body);
  r->status = status;
  r->body = s;
  r->len = strlen(s);
}

void cw_serve_error(cw_serve_reply *r, unsigned status, const char *code,
                    const char *message) {
  json_t *e = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message",
                        message);
  char *s = e ? json_dumps(e, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  json_decref(e);
  free(r->body);
  r->status = status;
  r->body = s; /* NULL only when out of memory: the server sends no body */
  r->len = s ? strlen(s) : 0;
}

/* Maps a library failure to a reply; internal details go to stderr. */
static void store_failure(cw_serve_reply *r, cw_status st,
                          const cw_error *err, const char *what) {
  switch (st) {
  case CW_ERR_NOT_FOUND:
    cw_serve_error(r, 404, "not_found", what);
    break;
  case CW_ERR_NOMEM:
    cw_serve_error(r, 503, "unavailable", "out of memory");
    break;
  default:
    fprintf(stderr, "crosswire: serve: %s\n", err->msg);
    cw_serve_error(r, 500, "internal", "the archive failed; see the log");
  }
}

/* A parameter, NULL when absent; *bad set when longer than allowed. */
static const char *param(const cw_serve_request *rq, const char *name,
                         int *bad) {
  const char *v = rq->arg ? rq->arg(rq->arg_ctx, name) : NULL;
  if (v && strlen(v) > CW_SERVE_MAX_PARAM)
    *bad = 1;
  return v && *v ? v : NULL;
}

/* Positive decimal id of at most 18 digits; 0 when not one. */
static int64_t parse_id(const char *s) {
  int64_t v = 0;
  size_t n = 0;
  if (!s || !*s || *s == '0')
    return 0;
  for (; s[n]; n++) {
    if (s[n] < '0' || s[n] > '9' || n >= 18)
      return 0;
    v = v * 10 + (s[n] - '0');
  }
  return v;
}

/* An ISO 8601 date or time: digits, '-', ':', 'T', 'Z', '.', '+'. */
static int iso_like(const char *s) {
  size_t n = strlen(s);
  if (n < 4 || n > 40 || s[0] < '0' || s[0] > '9')
    return 0;
  return strspn(s, "0123456789-:TZ.+") == n;
}

/* ---- /api/stories --------------------------------------------------------- */

typedef struct list_ctx {
  const char *cursor_update; /* the page starts after this (update, id) */
  int64_t cursor_id;
  size_t limit;
  json_t *page;
  int more;
} list_ctx;

/* Collects a page; the story after a full page only says there is more. */
static int list_sink(void *vctx, const char *json, size_t len) {
  list_ctx *c = vctx;
  json_t *o = json_loadb(json, len, 0, NULL);
  if (!o)
    return 0;
  if (json_array_size(c->page) == c->limit) {
    c->more = 1;
    json_decref(o);
    return 1;
  }
  json_array_append_new(c->page, o);
  return 0;
}

typedef struct id_set {
  int64_t *ids;
  size_t n, cap;
  int nomem;
} id_set;

static int search_ids_sink(void *vctx, const char *json, size_t len) {
  id_set *set = vctx;
  json_t *o = json_loadb(json, len, 0, NULL);
  json_t *sid = json_object_get(o, "story_id");
  if (json_is_integer(sid)) {
    if (set->n == set->cap) {
      size_t cap = set->cap ? 2 * set->cap : 64;
      int64_t *p = realloc(set->ids, cap * sizeof *p);
      if (!p) {
        set->nomem = 1;
        json_decref(o);
        return 1;
      }
      set->ids = p;
      set->cap = cap;
    }
    set->ids[set->n++] = json_integer_value(sid);
  }
  json_decref(o);
  return 0;
}

/* What the story list shows of a story and the light Story object lacks:
 * {"people", "n_quotes", "n_discrepancies", "lead"}, from the full story. */
static json_t *card_of(const char *story_json, size_t len) {
  json_t *full = json_loadb(story_json, len, 0, NULL);
  if (!full)
    return NULL;
  json_t *card = json_object();
  json_t *people = json_array();
  size_t i;
  json_t *e;
  json_array_foreach(json_object_get(full, "entities"), i, e) {
    const char *type = json_string_value(json_object_get(e, "type"));
    if (type && !strcmp(type, "person") && json_array_size(people) < 3)
      json_array_append(people, json_object_get(e, "name"));
  }
  json_object_set_new(card, "people", people);
  json_object_set_new(
      card, "n_quotes",
      json_integer((json_int_t)json_array_size(json_object_get(full, "quotes"))));
  json_object_set_new(card, "n_discrepancies",
                      json_integer((json_int_t)json_array_size(
                          json_object_get(full, "discrepancies"))));
  json_t *summary = json_object_get(full, "summary");
  if (json_array_size(summary))
    json_object_set(card, "lead", json_array_get(summary, 0));
  json_decref(full);
  return card;
}

/* Keeps the card of a story's JSON at version. */
static void put_card(cw_serve_cache *cache, int64_t id, int64_t version,
                     const char *story_json, size_t len) {
  if (!cache)
    return;
  json_t *card = card_of(story_json, len);
  char *cs = card ? json_dumps(card, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  if (cs)
    cw_serve_cache_put(cache, CW_CACHE_CARD, id, version, cs, strlen(cs));
  free(cs);
  json_decref(card);
}

/* A story's JSON: from the cache when it holds the story's current
 * version, else built (the costly part: timeline, quotes, discrepancies)
 * and kept. */
static cw_status story_body(cw_store *s, cw_serve_cache *cache, int64_t id,
                            char **out, size_t *len, int64_t *version_out,
                            cw_error *err) {
  int64_t version = 0;
  cw_status st = cw_store_story_version(s, id, &version, err);
  *version_out = version;
  if (st == CW_ERR_NOT_FOUND)
    return cw_store_story_json(s, id, out, err); /* its message says more */
  if (st)
    return st;
  if ((*out = cw_serve_cache_get(cache, CW_CACHE_STORY, id, version, len)))
    return CW_OK;
  /* a write between the version and the build makes the body newer than
   * its version: the next read sees a higher version and builds again */
  if ((st = cw_store_story_json(s, id, out, err)))
    return st;
  *len = strlen(*out);
  cw_serve_cache_put(cache, CW_CACHE_STORY, id, version, *out, *len);
  put_card(cache, id, version, *out, *len); /* the list's card, fresh */
  return CW_OK;
}

void cw_serve_refresh_story(cw_store *s, cw_serve_cache *cache,
                            int64_t story) {
  char *js = NULL;
  size_t len = 0;
  cw_error err;
  int64_t version;
  if (!story_body(s, cache, story, &js, &len, &version, &err))
    free(js);
}

/* Adds the story's card to a list entry: the card of the story's current
 * version when the cache has it; else the card of an older version while
 * the refresher thread builds the new one (or, without a refresher, while
 * *rebuilds has run out); else a new one, built here. A page of stories an
 * ingest keeps changing thus costs a bounded number of story builds. */
static void enrich(cw_store *s, const cw_serve_request *rq, json_t *story,
                   int *rebuilds) {
  cw_serve_cache *cache = rq->cache;
  cw_error err;
  int64_t id = json_integer_value(json_object_get(story, "id"));
  int64_t version = 0;
  if (cw_store_story_version(s, id, &version, &err))
    return;
  size_t len = 0;
  char *js = cw_serve_cache_get(cache, CW_CACHE_CARD, id, version, &len);
  if (!js && (rq->want || *rebuilds <= 0) &&
      (js = cw_serve_cache_get_any(cache, CW_CACHE_CARD, id, &len)) &&
      rq->want)
    rq->want(rq->want_ctx, id);
  json_t *card = js ? json_loadb(js, len, 0, NULL) : NULL;
  free(js);
  if (!card) {
    (*rebuilds)--;
    int64_t built;
    if (story_body(s, cache, id, &js, &len, &built, &err))
      return;
    card = card_of(js, len);
    free(js);
  }
  if (card)
    json_object_update(story, card);
  json_decref(card);
}

static void list_stories(cw_store *s, const cw_serve_request *rq,
                         cw_serve_reply *r) {
  int bad = 0;
  const char *cursor = param(rq, "cursor", &bad);
  const char *limit_s = param(rq, "limit", &bad);
  const char *since = param(rq, "since", &bad);
  const char *outlet = param(rq, "outlet", &bad);
  const char *q = param(rq, "q", &bad);
  if (bad) {
    cw_serve_error(r, 400, "bad_request", "a parameter is too long");
    return;
  }
  list_ctx c = {0};
  c.limit = CW_SERVE_DEFAULT_PAGE;
  if (limit_s) {
    int64_t n = parse_id(limit_s);
    if (n < 1 || n > CW_SERVE_MAX_PAGE) {
      cw_serve_error(r, 400, "bad_request", "limit must be 1 to 100");
      return;
    }
    c.limit = (size_t)n;
  }
  if (since && !iso_like(since)) {
    cw_serve_error(r, 400, "bad_request",
                   "since must be an ISO 8601 date such as 2026-03-07");
    return;
  }
  /* cursor: "<last_update>_<id>" of the last story of the previous page */
  char cursor_update[64];
  if (cursor) {
    const char *us = strrchr(cursor, '_');
    size_t n = us ? (size_t)(us - cursor) : 0;
    if (!us || n == 0 || n >= sizeof cursor_update ||
        !(c.cursor_id = parse_id(us + 1))) {
      cw_serve_error(r, 400, "bad_request", "malformed cursor");
      return;
    }
    memcpy(cursor_update, cursor, n);
    cursor_update[n] = '\0';
    if (!iso_like(cursor_update)) {
      cw_serve_error(r, 400, "bad_request", "malformed cursor");
      return;
    }
    c.cursor_update = cursor_update;
  }
  id_set set = {0};
  cw_error err;
  cw_status st;
  if (q) {
    cw_search_opts so = {CW_SERVE_STORY_SEARCH, NULL, NULL};
    st = cw_store_search(s, q, &so, search_ids_sink, &set, &err);
    if (st == CW_ERR_USAGE || st == CW_ERR_EMPTY) {
      free(set.ids);
      cw_serve_error(r, 400, "bad_query", err.msg);
      return;
    }
    if (st || set.nomem) {
      free(set.ids);
      store_failure(r, st ? st : CW_ERR_NOMEM, &err, "search failed");
      return;
    }
  }
  c.page = json_array();
  if (!c.page) {
    st = CW_ERR_NOMEM;
  } else {
    /* one page from the index (and the search's story ids); one more
     * story tells whether there is a next page */
    /* list entries, slim whatever the story's size: the newest
     * CW_SERVE_LIST_ARTICLES articles, and the counts by day for the chart
     * (the story's own route lists every article) */
    cw_story_page pg = {since,
                        c.cursor_update,
                        c.cursor_id,
                        outlet,
                        c.limit + 1,
                        q ? set.ids : NULL,
                        q ? set.n : 0,
                        CW_SERVE_LIST_ARTICLES};
    static const int64_t none = 0;
    if (q && !set.n)
      pg.ids = &none, pg.n_ids = 1; /* no story matches: id 0 is none */
    st = cw_store_story_page(s, &pg, list_sink, &c, &err);
  }
  free(set.ids);
  if (st) {
    json_decref(c.page);
    store_failure(r, st, &err, "no stories");
    return;
  }
  json_t *next = json_null();
  size_t n = json_array_size(c.page);
  if (c.more && n) {
    json_t *last = json_array_get(c.page, n - 1);
    const char *upd = json_string_value(json_object_get(last, "last_update"));
    char buf[128];
    snprintf(buf, sizeof buf, "%s_%lld", upd ? upd : "0000",
             (long long)json_integer_value(json_object_get(last, "id")));
    json_decref(next);
    next = json_string(buf);
  }
  size_t i;
  json_t *v;
  int rebuilds = CW_SERVE_CARD_REBUILDS;
  json_array_foreach(c.page, i, v) enrich(s, rq, v, &rebuilds);
  reply_json(r, 200,
             json_pack("{s:o,s:o}", "stories", c.page, "next_cursor", next));
}

/* ---- one story, one article ------------------------------------------- */

static void one_story(cw_store *s, cw_serve_cache *cache, const char *id_s,
                      cw_serve_reply *r) {
  int64_t id = parse_id(id_s);
  if (!id) {
    cw_serve_error(r, 400, "bad_id", "a story id is a positive integer");
    return;
  }
  char *js = NULL;
  size_t len = 0;
  cw_error err;
  int64_t version = 0;
  cw_status st = story_body(s, cache, id, &js, &len, &version, &err);
  if (st) {
    store_failure(r, st, &err, "no such story");
    return;
  }
  free(r->body);
  r->status = 200;
  r->body = js;
  r->len = len;
  r->validator = version;
}

int cw_serve_validator(cw_store *s, const char *path, int64_t *out) {
  if (strncmp(path, stories_prefix, sizeof stories_prefix - 1))
    return 0;
  int64_t id = parse_id(path + sizeof stories_prefix - 1);
  cw_error err;
  return id && !cw_store_story_version(s, id, out, &err);
}

static void one_article(cw_store *s, const char *id_s, cw_serve_reply *r) {
  int64_t id = parse_id(id_s);
  if (!id) {
    cw_serve_error(r, 400, "bad_id", "an article id is a positive integer");
    return;
  }
  char *js = NULL;
  cw_error err;
  cw_status st = cw_store_article_json(s, id, &js, &err);
  if (st) {
    store_failure(r, st, &err, "no such article");
    return;
  }
  free(r->body);
  r->status = 200;
  r->body = js;
  r->len = strlen(js);
}

/* ---- search, outlets, feeds ------------------------------------------- */

static int append_sink(void *ctx, const char *json, size_t len) {
  json_t *o = json_loadb(json, len, 0, NULL);
  if (o)
    json_array_append_new(ctx, o);
  return 0;
}

static void search(cw_store *s, const cw_serve_request *rq,
                   cw_serve_reply *r) {
  int bad = 0;
  const char *q = param(rq, "q", &bad);
  const char *limit_s = param(rq, "limit", &bad);
  if (bad) {
    cw_serve_error(r, 400, "bad_request", "a parameter is too long");
    return;
  }
  if (!q) {
    cw_serve_error(r, 400, "bad_request", "give a query: ?q=WORDS");
    return;
  }
  cw_search_opts so = {CW_SEARCH_DEFAULT_LIMIT, NULL, NULL};
  if (limit_s) {
    int64_t n = parse_id(limit_s);
    if (n < 1 || n > CW_SERVE_MAX_RESULTS) {
      cw_serve_error(r, 400, "bad_request", "limit must be 1 to 100");
      return;
    }
    so.limit = (size_t)n;
  }
  json_t *results = json_array();
  cw_error err;
  cw_status st = results ? cw_store_search(s, q, &so, append_sink, results,
                                           &err)
                         : CW_ERR_NOMEM;
  if (st == CW_ERR_USAGE || st == CW_ERR_EMPTY) {
    json_decref(results);
    cw_serve_error(r, 400, "bad_query", err.msg);
    return;
  }
  if (st) {
    json_decref(results);
    store_failure(r, st, &err, "search failed");
    return;
  }
  reply_json(r, 200,
             json_pack("{s:s,s:o}", "query", q, "results", results));
}

static void outlets(cw_store *s, cw_serve_reply *r) {
  char *js = NULL;
  cw_error err;
  cw_status st = cw_store_outlets_json(s, &js, &err);
  if (st) {
    store_failure(r, st, &err, "no outlets");
    return;
  }
  json_t *arr = json_loads(js, 0, NULL);
  free(js);
  reply_json(r, 200, arr ? json_pack("{s:o}", "outlets", arr) : NULL);
}

/* ---- POST /api/articles ------------------------------------------------ */

/* Turns a body holding one JSON object (pretty-printed, over several
 * lines) or an array of objects into JSON lines; JSON lines stay as they
 * are. *lines is NULL when the body is to be used unchanged. */
static int normalise_body(const char *body, size_t len, char **lines) {
  *lines = NULL;
  json_error_t jerr;
  json_t *v = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
  if (!v)
    return 0; /* several values: JSON lines, checked by the reader */
  cw_buf b;
  cw_buf_init(&b, 2 * CW_SERVE_MAX_BODY);
  int ok = 1;
  if (json_is_object(v)) {
    char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
    ok = s && !cw_buf_puts(&b, s);
    free(s);
  } else if (json_is_array(v)) {
    size_t i;
    json_t *a;
    json_array_foreach(v, i, a) {
      char *s = json_is_object(a)
                    ? json_dumps(a, JSON_COMPACT | JSON_PRESERVE_ORDER)
                    : NULL;
      ok = ok && s && !cw_buf_puts(&b, s) && !cw_buf_putc(&b, '\n');
      free(s);
    }
  } else {
    ok = 0;
  }
  json_decref(v);
  if (!ok || b.err) {
    cw_buf_free(&b);
    return -1;
  }
  *lines = cw_buf_detach(&b);
  return 0;
}

static void add_articles(cw_store *s, const cw_serve_request *rq,
                         cw_serve_reply *r) {
  const char *p = rq->body ? rq->body : "";
  size_t n = rq->body_len;
  while (n && cw_is_space((unsigned char)*p)) {
    p++;
    n--;
  }
  if (!n || (*p != '{' && *p != '[')) {
    cw_serve_error(r, 400, "bad_body",
                   "send JSON lines or one JSON object per article: "
                   "{\"title\", \"text\", \"published\", \"outlet\", "
                   "\"url\", \"id\"}");
    return;
  }
  char *lines = NULL;
  if (normalise_body(p, n, &lines)) {
    cw_serve_error(r, 400, "bad_body",
                   "the body must be a JSON object, an array of objects or "
                   "JSON lines");
    return;
  }
  cw_extract_opts eo = {CW_SERVE_MAX_BODY * 2, NULL};
  cw_articles *list = NULL;
  cw_error err;
  cw_status st = cw_extract_bytes(lines ? lines : p, lines ? strlen(lines) : n,
                                  "api", &eo, &list, &err);
  free(lines);
  if (st == CW_ERR_TOO_BIG) {
    cw_serve_error(r, 413, "too_large", "the body is too large");
    return;
  }
  if (st == CW_ERR_NOMEM) {
    cw_serve_error(r, 503, "unavailable", "out of memory");
    return;
  }
  if (st) {
    cw_serve_error(r, 400, "bad_body", err.msg);
    return;
  }
  if (cw_articles_count(list) == 0) {
    cw_articles_free(list);
    cw_serve_error(r, 400, "bad_body", "the body holds no article with text");
    return;
  }
  cw_add_result res = {0};
  st = cw_store_add_articles(s, list, &res, &err);
  json_t *warnings = json_array();
  for (size_t i = 0; i < cw_articles_warning_count(list); i++)
    json_array_append_new(warnings,
                          json_string(cw_articles_warning(list, i)));
  cw_articles_free(list);
  if (st) {
    json_decref(warnings);
    store_failure(r, st, &err, "not stored");
    return;
  }
  reply_json(r, res.articles_added ? 201 : 200,
             json_pack("{s:I,s:I,s:I,s:I,s:o}", "articles_found",
                       (json_int_t)res.articles_found, "articles_added",
                       (json_int_t)res.articles_added, "duplicates",
                       (json_int_t)res.duplicates, "stories_created",
                       (json_int_t)res.stories_created, "warnings",
                       warnings));
}

/* ---- dispatch ----------------------------------------------------------- */

/* ---- feed subscriptions ----------------------------------------------- */

static void list_feeds(cw_store *s, cw_serve_reply *r) {
  char *js = NULL;
  cw_error err;
  cw_status st = cw_store_feeds_json(s, &js, &err);
  if (st) {
    store_failure(r, st, &err, "no feeds");
    return;
  }
  json_t *feeds = json_loads(js, 0, NULL);
  free(js);
  if (!feeds) {
    store_failure(r, CW_ERR_NOMEM, &err, "no feeds");
    return;
  }
  reply_json(r, 200, json_pack("{s:o}", "feeds", feeds));
}

/* A feed URL the fetcher can poll: http or https, printable, bounded. */
static int feed_url_ok(const char *u) {
  size_t n = strlen(u);
  if (n > 2048 || (strncasecmp(u, "http://", 7) && strncasecmp(u, "https://", 8)))
    return 0;
  for (const unsigned char *p = (const unsigned char *)u; *p; p++)
    if (*p <= ' ' || *p == 0x7f)
      return 0;
  return n > 8;
}

/* POST /api/feeds: {"url", "title"?} or an array of them. All are checked
 * before any is stored; answers 201 with {"feeds": [{"id", "url",
 * "created"}]}. The fetcher (`crosswire fetch`) polls them. */
static void subscribe(cw_store *s, const cw_serve_request *rq,
                      cw_serve_reply *r) {
  json_error_t jerr;
  json_t *in = json_loadb(rq->body ? rq->body : "", rq->body_len, 0, &jerr);
  if (!in) {
    char msg[200];
    snprintf(msg, sizeof msg, "body is not JSON: %s (line %d)", jerr.text,
             jerr.line);
    cw_serve_error(r, 400, "bad_body", msg);
    return;
  }
  json_t *list = json_is_array(in) ? json_incref(in) : json_pack("[O]", in);
  json_decref(in);
  size_t i;
  json_t *f;
  if (!json_array_size(list) || json_array_size(list) > CW_SERVE_MAX_RESULTS) {
    json_decref(list);
    cw_serve_error(r, 400, "bad_body", "send 1 to 100 feeds");
    return;
  }
  json_array_foreach(list, i, f) {
    const char *url = json_string_value(json_object_get(f, "url"));
    json_t *title = json_object_get(f, "title");
    if (!json_is_object(f) || !url || !feed_url_ok(url) ||
        (title && !json_is_string(title) && !json_is_null(title))) {
      char msg[120];
      snprintf(msg, sizeof msg,
               "feed %zu: give \"url\" (http or https) and an optional "
               "\"title\" string",
               i + 1);
      json_decref(list);
      cw_serve_error(r, 400, "bad_feed", msg);
      return;
    }
  }
  json_t *out = json_array();
  json_array_foreach(list, i, f) {
    int64_t id = 0;
    int created = 0;
    cw_error err;
    const char *url = json_string_value(json_object_get(f, "url"));
    cw_status st = cw_store_feed_subscribe(
        s, url, json_string_value(json_object_get(f, "title")), &id, &created,
        &err);
    if (st) {
      json_decref(list);
      json_decref(out);
      store_failure(r, st, &err, "subscribing failed");
      return;
    }
    json_array_append_new(out, json_pack("{s:I,s:s,s:b}", "id", (json_int_t)id,
                                         "url", url, "created", created));
  }
  json_decref(list);
  reply_json(r, 201, json_pack("{s:o}", "feeds", out));
}

static void unsubscribe(cw_store *s, const char *id_s, cw_serve_reply *r) {
  if (!parse_id(id_s)) {
    cw_serve_error(r, 400, "bad_id", "a feed id is a positive integer");
    return;
  }
  cw_error err;
  cw_status st = cw_store_feed_remove(s, id_s, &err);
  if (st) {
    store_failure(r, st, &err, "no such feed");
    return;
  }
  reply_json(r, 200, json_pack("{s:s}", "removed", id_s));
}

static int is_read(const char *m) {
  return !strcmp(m, "GET") || !strcmp(m, "HEAD");
}

int cw_serve_is_write(const char *method, const char *path) {
  if (!strcmp(method, "DELETE"))
    return !strncmp(path, feeds_prefix, sizeof feeds_prefix - 1);
  return !strcmp(method, "POST") &&
         (!strcmp(path, "/api/articles") || !strcmp(path, "/api/feeds"));
}

int cw_serve_is_api(const char *path) {
  return !strncmp(path, "/api/", 5) || !strcmp(path, "/api") ||
         !strcmp(path, "/healthz");
}

static void method_not_allowed(cw_serve_reply *r, const char *allow) {
  cw_serve_error(r, 405, "method_not_allowed", "method not allowed here");
  r->allow = allow;
}

void cw_serve_api(cw_store *s, const cw_serve_request *rq,
                  cw_serve_reply *r) {
  const char *path = rq->path, *m = rq->method;
  r->allow = NULL;
  if (!strcmp(path, "/healthz")) {
    if (!is_read(m))
      {
      method_not_allowed(r, "GET, HEAD");
      return;
    }
    reply_json(r, 200,
               json_pack("{s:s,s:s}", "status", "ok", "version", CW_VERSION));
    return;
  }
  if (cw_serve_is_write(m, path) && !rq->authorized) {
    cw_serve_error(r, 401, "unauthorized",
                   "send Authorization: Bearer TOKEN (see 'crosswire token')");
    return;
  }
  if (!s) {
    cw_serve_error(r, 503, "unavailable", "the archive cannot be opened");
    return;
  }
  if (!strcmp(path, "/api/stories")) {
    if (!is_read(m))
      {
      method_not_allowed(r, "GET, HEAD");
      return;
    }
    list_stories(s, rq, r);
  } else if (!strncmp(path, stories_prefix, sizeof stories_prefix - 1)) {
    if (!is_read(m))
      {
      method_not_allowed(r, "GET, HEAD");
      return;
    }
    one_story(s, rq->cache, path + sizeof stories_prefix - 1, r);
  } else if (!strcmp(path, "/api/articles")) {
    if (strcmp(m, "POST"))
      {
      method_not_allowed(r, "POST");
      return;
    }
    add_articles(s, rq, r);
  } else if (!strncmp(path, articles_prefix, sizeof articles_prefix - 1)) {
    if (!is_read(m))
      {
      method_not_allowed(r, "GET, HEAD");
      return;
    }
    one_article(s, path + sizeof articles_prefix - 1, r);
  } else if (!strcmp(path, "/api/search")) {
    if (!is_read(m))
      {
      method_not_allowed(r, "GET, HEAD");
      return;
    }
    search(s, rq, r);
  } else if (!strcmp(path, "/api/outlets")) {
    if (!is_read(m))
      {
      method_not_allowed(r, "GET, HEAD");
      return;
    }
    outlets(s, r);
  } else if (!strcmp(path, "/api/feeds")) {
    if (is_read(m))
      list_feeds(s, r);
    else if (!strcmp(m, "POST"))
      subscribe(s, rq, r);
    else
      method_not_allowed(r, "GET, HEAD, POST");
  } else if (!strncmp(path, feeds_prefix, sizeof feeds_prefix - 1)) {
    if (strcmp(m, "DELETE")) {
      method_not_allowed(r, "DELETE");
      return;
    }
    unsubscribe(s, path + sizeof feeds_prefix - 1, r);
  } else {
    cw_serve_error(r, 404, "not_found", "no such route");
  }
}
