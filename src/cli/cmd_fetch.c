/* cmd_fetch.c - `crosswire fetch`, and URLs and OPML files given to `add`.
 *
 * Polling a feed: a conditional GET with the validators of the last poll
 * (a 304 ends it), then for each entry not taken in before, the article
 * page it links to is fetched (when robots.txt allows) and extracted; when
 * that fails the entry's own content from the feed is stored instead and
 * the failure is noted on the entry and the feed. Every entry is stored in
 * its own transaction, so an interrupted poll keeps what it finished.
 */
#include "cli/cli.h"

#include "core/time.h"
#include "extract/extract.h"
#include "extract/opml.h"
#include "ingest/fetch.h"
#include "ingest/ingest.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char fetch_help[] =
    "usage: crosswire fetch [--every INTERVAL] [--allow-private]\n"
    "\n"
    "Polls every subscribed feed once (conditional GET), fetches the article\n"
    "page of each new entry (respecting robots.txt) and stores its article;\n"
    "when the page cannot be had, the entry's own content is stored and the\n"
    "failure recorded on the feed (see 'crosswire feeds').\n"
    "\n"
    "  --every INTERVAL  poll again after INTERVAL (30s, 15m, 2h), forever\n"
    "  --allow-private   allow loopback and private network addresses\n"
    "  --json            print the result of each poll as one JSON object\n";

/* Polling more often than this is rude to the feed's server. */
#define MIN_EVERY_SECONDS 60

typedef struct poll_totals {
  size_t feeds, feeds_failed, entries_new, fallbacks;
  cw_add_result added;
} poll_totals;

static void add_totals(cw_add_result *t, const cw_add_result *r) {
  t->articles_found += r->articles_found;
  t->articles_added += r->articles_added;
  t->duplicates += r->duplicates;
  t->stories_created += r->stories_created;
}

static void crawl_now(char out[32]) {
  cw_format_iso8601((int64_t)time(NULL), 1, out);
}

/* Whether the bytes are a feed (RSS, RDF, Atom, JSON Feed). */
static int is_feed(const char *body, size_t len, const char *origin) {
  cw_document doc;
  if (cw_document_decode(body, len, origin, &doc, NULL))
    return 0;
  int feed = doc.format == CW_FORMAT_FEED;
  cw_document_free(&doc);
  return feed;
}

/* A one-article list holding a copy of entry e (the feed's own content). */
static cw_articles *entry_list(const cw_article *e) {
  cw_articles *l = cw_articles_new();
  cw_article *a = l ? cw_articles_add(l) : NULL;
  if (!a) {
    cw_articles_free(l);
    return NULL;
  }
#define COPY(f) a->f = e->f ? cw_articles_strndup(l, e->f, strlen(e->f)) : NULL
  COPY(title);
  COPY(outlet);
  COPY(url);
  COPY(published);
  COPY(dateline);
  COPY(byline);
  COPY(text);
  COPY(source_path);
  COPY(source_id);
#undef COPY
  a->part = 0;
  return l;
}

/* Fills what the article page left out from its feed entry. */
static void enrich(cw_articles *page, const cw_article *e) {
  if (page->items.len == 0)
    return;
  cw_article *a = &CW_VEC_AT(&page->items, cw_article, 0);
#define FILL(f)                                                                \
  if (!a->f && e->f)                                                           \
  a->f = cw_articles_strndup(page, e->f, strlen(e->f))
  FILL(title);
  FILL(outlet);
  FILL(url);
  FILL(published);
  FILL(byline);
#undef FILL
}

/* The article page of entry e, extracted; NULL with *note set on failure. */
static cw_articles *article_page(const cw_article *e, int allow_private,
                                 cw_buf *note) {
  cw_fetch_opts fo = {0};
  cw_fetch_response r;
  cw_error err;
  cw_articles *page = NULL;
  int allowed = 1;
  fo.allow_private = allow_private;
  if (!e->url || !cw_fetch_is_url(e->url)) {
    cw_buf_puts(note, "entry has no http(s) link");
    return NULL;
  }
  if (cw_fetch_robots_check(e->url, &fo, &allowed, &err)) {
    cw_buf_puts(note, err.msg);
    return NULL;
  }
  if (!allowed) {
    cw_buf_printf(note, "%s: disallowed by robots.txt", e->url);
    return NULL;
  }
  if (cw_fetch(e->url, &fo, &r, &err)) {
    cw_buf_puts(note, err.msg);
    return NULL;
  }
  if (r.status < 200 || r.status >= 300) {
    cw_buf_printf(note, "%s: HTTP status %ld", e->url, r.status);
  } else {
    char now[32];
    cw_extract_opts eo = {0};
    crawl_now(now);
    eo.crawl_time = now;
    if (cw_extract_bytes(r.body, r.len, r.final_url, &eo, &page, &err)) {
      cw_buf_puts(note, err.msg);
      page = NULL;
    } else if (cw_articles_count(page) == 0 ||
               !cw_articles_get(page, 0)->text ||
               !*cw_articles_get(page, 0)->text) {
      cw_buf_printf(note, "%s: no article found on the page", e->url);
      cw_articles_free(page);
      page = NULL;
    }
  }
  cw_fetch_response_free(&r);
  if (page)
    enrich(page, e);
  return page;
}

/* Takes in the new entries of a fetched feed. Returns 0 when all went
 * well, 1 when something failed (and was reported). */
static int ingest_feed(cw_store *store, int64_t feed_id,
                       const cw_fetch_response *resp, int allow_private,
                       poll_totals *t) {
  cw_articles *entries = NULL;
  cw_error err;
  cw_feed_poll poll = {0};
  cw_buf problems;
  size_t nfail = 0;
  int bad = 0;
  char now[32];
  cw_extract_opts eo = {0};
  crawl_now(now);
  eo.crawl_time = now;
  cw_buf_init(&problems, 0);
  poll.status = resp->status;
  poll.etag = resp->etag;
  poll.last_modified = resp->last_modified;
  if (cw_extract_bytes(resp->body, resp->len, resp->final_url, &eo, &entries,
                       &err)) {
    cw_cli_error("%s", err.msg);
    poll.error = err.msg;
    poll.etag = poll.last_modified = NULL;
    poll.status = 0; /* unreadable: keep the old validators */
    cw_store_feed_record(store, feed_id, &poll, NULL);
    cw_buf_free(&problems);
    return 1;
  }
  for (size_t i = 0; i < cw_articles_count(entries); i++) {
    const cw_article *e = cw_articles_get(entries, i);
    const char *key = e->source_id ? e->source_id : e->url ? e->url : e->title;
    int seen = 0;
    if (!poll.title && e->outlet)
      poll.title = e->outlet;
    if (!key)
      continue;
    if (cw_store_feed_entry_seen(store, feed_id, key, &seen, &err)) {
      cw_cli_error("%s", err.msg);
      bad = 1;
      break;
    }
    if (seen)
      continue;
    t->entries_new++;
    cw_buf note;
    cw_buf_init(&note, 0);
    cw_articles *list = article_page(e, allow_private, &note);
    if (!list) {
      t->fallbacks++;
      if (nfail++ == 0)
        cw_buf_printf(&problems, "%s; used the feed's content", note.ptr);
      cw_cli_error("warning: %s; used the feed's content", note.ptr);
      list = entry_list(e);
    }
    cw_add_result r;
    if (!list) {
      cw_cli_error("out of memory");
      bad = 1;
    } else if (cw_store_add_articles(store, list, &r, &err)) {
      cw_cli_error("%s: not stored: %s", key, err.msg);
      bad = 1;
    } else {
      add_totals(&t->added, &r);
      if (cw_store_feed_entry_mark(store, feed_id, key,
                                   note.len ? note.ptr : NULL, &err)) {
        cw_cli_error("%s", err.msg);
        bad = 1;
      }
    }
    cw_articles_free(list);
    cw_buf_free(&note);
  }
  if (nfail > 1)
    cw_buf_printf(&problems, " (and %zu more entries)", nfail - 1);
  poll.error = problems.len ? problems.ptr : NULL;
  if (cw_store_feed_record(store, feed_id, &poll, &err)) {
    cw_cli_error("%s", err.msg);
    bad = 1;
  }
  cw_buf_free(&problems);
  cw_articles_free(entries);
  return bad;
}

/* One poll of one subscribed feed; 0 ok, 1 failed. */
static int poll_feed(cw_store *store, int64_t id, const char *url,
                     const char *etag, const char *last_modified,
                     int allow_private, poll_totals *t) {
  cw_fetch_opts fo = {0};
  cw_fetch_response r;
  cw_error err;
  cw_feed_poll poll = {0};
  int bad = 0;
  fo.allow_private = allow_private;
  fo.etag = etag;
  fo.last_modified = last_modified;
  t->feeds++;
  if (cw_fetch(url, &fo, &r, &err)) {
    cw_cli_error("%s", err.msg);
    poll.error = err.msg;
    cw_store_feed_record(store, id, &poll, NULL);
    t->feeds_failed++;
    return 1;
  }
  if (r.status == 304) {
    poll.status = 304;
    bad = cw_store_feed_record(store, id, &poll, &err) != CW_OK;
  } else if (r.status < 200 || r.status >= 300) {
    cw_buf msg;
    cw_buf_init(&msg, 0);
    cw_buf_printf(&msg, "%s: HTTP status %ld", url, r.status);
    cw_cli_error("%s", msg.ptr);
    poll.status = r.status;
    poll.error = msg.ptr;
    cw_store_feed_record(store, id, &poll, NULL);
    cw_buf_free(&msg);
    bad = 1;
  } else if (!is_feed(r.body, r.len, r.final_url)) {
    cw_cli_error("%s: not a feed", url);
    poll.status = r.status;
    poll.error = "not a feed";
    cw_store_feed_record(store, id, &poll, NULL);
    bad = 1;
  } else {
    bad = ingest_feed(store, id, &r, allow_private, t);
  }
  if (bad)
    t->feeds_failed++;
  cw_fetch_response_free(&r);
  return bad;
}

/* `add` with an OPML file: subscribes to each feed it lists. */
static int add_opml(cw_cli *cli, const char *path, size_t *subscribed) {
  cw_buf b;
  cw_error err;
  cw_opml_outline *o = NULL;
  size_t n = 0;
  int bad = 0;
  cw_buf_init(&b, 0);
  if (cw_read_file(path, CW_DEFAULT_MAX_INPUT, &b, &err) ||
      cw_opml_parse(b.ptr, b.len, path, &o, &n, &err)) {
    cw_cli_error("%s", err.msg);
    cw_buf_free(&b);
    return 1;
  }
  cw_buf_free(&b);
  cw_store *store = cw_cli_open_store(cli);
  if (!store) {
    cw_opml_free(o, n);
    return 1;
  }
  for (size_t i = 0; i < n; i++) {
    int created = 0;
    if (cw_store_feed_subscribe(store, o[i].url, o[i].title, NULL, &created,
                                &err)) {
      cw_cli_error("%s: %s", o[i].url, err.msg);
      bad = 1;
    } else if (created) {
      (*subscribed)++;
    }
  }
  if (!cli->json)
    printf("%s: %zu feed%s listed, %zu new subscription%s\n", path, n,
           n == 1 ? "" : "s", *subscribed, *subscribed == 1 ? "" : "s");
  cw_store_close(store);
  cw_opml_free(o, n);
  return bad;
}

static int has_opml_extension(const char *a) {
  size_t n = strlen(a);
  return n > 5 && cw_strncaseeq(a + n - 5, ".opml", 5);
}

/* `add` with a URL: a feed is subscribed and polled, a page stored. */
static int add_url(cw_cli *cli, const char *url, int allow_private,
                   cw_add_result *total) {
  cw_fetch_opts fo = {0};
  cw_fetch_response r;
  cw_error err;
  int bad = 0;
  int allowed = 1;
  fo.allow_private = allow_private;
  /* robots.txt first: a disallowed page is not even requested */
  if (cw_fetch_robots_check(url, &fo, &allowed, &err)) {
    cw_cli_error("%s", err.msg);
    return 1;
  }
  if (!allowed) {
    cw_cli_error("%s: disallowed by robots.txt", url);
    return 1;
  }
  if (cw_fetch(url, &fo, &r, &err)) {
    cw_cli_error("%s", err.msg);
    return 1;
  }
  if (r.status < 200 || r.status >= 300) {
    cw_cli_error("%s: HTTP status %ld", url, r.status);
    cw_fetch_response_free(&r);
    return 1;
  }
  cw_store *store = cw_cli_open_store(cli);
  if (!store) {
    cw_fetch_response_free(&r);
    return 1;
  }
  if (is_feed(r.body, r.len, r.final_url)) {
    int64_t id = 0;
    poll_totals t = {0};
    if (cw_store_feed_subscribe(store, url, NULL, &id, NULL, &err)) {
      cw_cli_error("%s: %s", url, err.msg);
      bad = 1;
    } else {
      bad = ingest_feed(store, id, &r, allow_private, &t);
      add_totals(total, &t.added);
      if (!cli->json)
        printf("%s: subscribed; %zu new entr%s\n", url, t.entries_new,
               t.entries_new == 1 ? "y" : "ies");
    }
  } else {
    cw_articles *list = NULL;
    cw_add_result res;
    char now[32];
    cw_extract_opts eo = {0};
    crawl_now(now);
    eo.crawl_time = now;
    if (cw_extract_bytes(r.body, r.len, r.final_url, &eo, &list, &err)) {
      cw_cli_error("%s", err.msg);
      bad = 1;
    } else if (cw_store_add_articles(store, list, &res, &err)) {
      cw_cli_error("%s: not stored: %s", url, err.msg);
      bad = 1;
    } else {
      add_totals(total, &res);
    }
    cw_articles_free(list);
  }
  cw_store_close(store);
  cw_fetch_response_free(&r);
  return bad;
}

int cw_cli_add_remote(cw_cli *cli, const char *arg, int allow_private,
                      cw_add_result *total, size_t *failed, size_t *done) {
  size_t subscribed = 0;
  int bad;
  if (cw_fetch_is_url(arg))
    bad = add_url(cli, arg, allow_private, total);
  else if (has_opml_extension(arg))
    bad = add_opml(cli, arg, &subscribed);
  else
    return 0;
  if (bad)
    (*failed)++;
  else
    (*done)++;
  return 1;
}

/* "15m" -> 900; 0 when not an interval. */
static long parse_interval(const char *s) {
  char *end;
  long v = strtol(s, &end, 10);
  long mul = 1;
  if (end == s || v <= 0)
    return 0;
  switch (*end) {
  case '\0':
  case 's':
    break;
  case 'm':
    mul = 60;
    break;
  case 'h':
    mul = 3600;
    break;
  default:
    return 0;
  }
  if (*end && end[1])
    return 0;
  if (v > 7L * 24 * 3600 / mul)
    return 0;
  return v * mul;
}

static int poll_all(cw_cli *cli, int allow_private) {
  cw_store *store = cw_cli_open_store(cli);
  char *js = NULL;
  cw_error err;
  poll_totals t = {0};
  if (!store)
    return CW_EXIT_FAILED;
  if (cw_store_feeds_json(store, &js, &err)) {
    cw_cli_error("%s", err.msg);
    cw_store_close(store);
    return CW_EXIT_FAILED;
  }
  json_t *feeds = json_loads(js, 0, NULL);
  free(js);
  size_t i;
  json_t *f;
  json_array_foreach(feeds, i, f) {
    poll_feed(store, json_integer_value(json_object_get(f, "id")),
              json_string_value(json_object_get(f, "url")),
              json_string_value(json_object_get(f, "etag")),
              json_string_value(json_object_get(f, "last_modified")),
              allow_private, &t);
  }
  json_decref(feeds);
  cw_store_close(store);
  if (cli->json) {
    json_t *o = json_pack(
        "{s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "feeds", (json_int_t)t.feeds, "failed",
        (json_int_t)t.feeds_failed, "new_entries", (json_int_t)t.entries_new,
        "fallbacks", (json_int_t)t.fallbacks, "articles_added",
        (json_int_t)t.added.articles_added, "duplicates",
        (json_int_t)t.added.duplicates, "stories_created",
        (json_int_t)t.added.stories_created);
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    if (s)
      puts(s);
    free(s);
    json_decref(o);
  } else {
    printf("polled %zu feed%s: %zu new entr%s, added %zu article%s "
           "(%zu already stored), %zu new stor%s",
           t.feeds, t.feeds == 1 ? "" : "s", t.entries_new,
           t.entries_new == 1 ? "y" : "ies", t.added.articles_added,
           t.added.articles_added == 1 ? "" : "s", t.added.duplicates,
           t.added.stories_created, t.added.stories_created == 1 ? "y" : "ies");
    if (t.fallbacks)
      printf("; %zu from feed content", t.fallbacks);
    if (t.feeds_failed)
      printf("; %zu feed%s failed", t.feeds_failed,
             t.feeds_failed == 1 ? "" : "s");
    putchar('\n');
  }
  fflush(stdout);
  return t.feeds_failed ? CW_EXIT_FAILED : CW_EXIT_OK;
}

int cw_cmd_fetch(cw_cli *cli) {
  long every = 0;
  int allow_private = 0;
  if (cli->help) {
    fputs(fetch_help, stdout);
    return CW_EXIT_OK;
  }
  for (int i = 0; i < cli->argc; i++) {
    const char *a = cli->argv[i];
    if (!strcmp(a, "--every")) {
      if (i + 1 >= cli->argc)
        return cw_cli_usage("fetch", "--every needs an interval");
      every = parse_interval(cli->argv[++i]);
      if (!every)
        return cw_cli_usage("fetch", "--every: '%s' is not an interval",
                            cli->argv[i]);
      if (every < MIN_EVERY_SECONDS)
        return cw_cli_usage("fetch", "--every: at least %ds between polls",
                            MIN_EVERY_SECONDS);
    } else if (!strcmp(a, "--allow-private")) {
      allow_private = 1;
    } else {
      return cw_cli_usage("fetch", "unexpected argument '%s'", a);
    }
  }
  for (;;) {
    int rc = poll_all(cli, allow_private);
    if (!every)
      return rc;
    struct timespec ts = {(time_t)every, 0};
    nanosleep(&ts, NULL);
  }
}
