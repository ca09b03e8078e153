/* serve.h - the HTTP server of crosswire: JSON API and web page.
 *
 * server.c owns the socket side (libmicrohttpd, a pool of polling threads,
 * a pool of archive handles, the write token check, ETags, limits); api.c
 * answers one request from an archive handle and knows nothing of HTTP
 * libraries, so it can be tested on its own; assets.c holds the page (HTML,
 * CSS, JS generated from src/serve/assets/ by src/serve/embed.sh); token.c
 * keeps the write token in a file beside the archive.
 */
#ifndef CW_SERVE_H
#define CW_SERVE_H

#include "crosswire.h"

#include <signal.h>
#include <stddef.h>

#define CW_SERVE_DEFAULT_PORT 8080
#define CW_SERVE_DEFAULT_BIND "127.0.0.1"

/* Largest request body accepted (POST /api/articles): a few thousand
 * articles of JSON lines. Bigger batches belong to `crosswire add`; the cap
 * keeps one client from making the server hold unbounded memory. */
#define CW_SERVE_MAX_BODY ((size_t)4 << 20)
/* Threads answering requests, each polling many connections. A request
 * that computes a large story holds its thread; the others go on. */
#define CW_SERVE_THREADS 16
/* A story with a list card of an older version shows it while the
 * refresher thread builds the new one; without a refresher, one page of the
 * story list rebuilds this many such stories at most. A story with no card
 * yet is always built (new stories are small). */
#define CW_SERVE_CARD_REBUILDS 1
/* Stories waiting for the refresher thread at most (more are dropped: a
 * later page asks again). */
#define CW_SERVE_REFRESH_QUEUE 256
/* Memory for stories' JSON kept between requests (cache.c). */
#define CW_SERVE_CACHE_BYTES ((size_t)256 << 20)
/* Connections served at once; libmicrohttpd refuses more, so a flood
 * cannot exhaust memory (CW_SERVE_CONN_MEMORY each). */
#define CW_SERVE_MAX_CONNECTIONS 1024
/* Connections from one address at once (a single misbehaving client must
 * leave room for the others). */
#define CW_SERVE_MAX_PER_IP 256
/* Seconds a connection may stay idle (slow or stalled clients) before it
 * is closed. */
#define CW_SERVE_TIMEOUT_S 30
/* Memory libmicrohttpd may use per connection for headers and buffers;
 * request headers beyond it get 431/413 from the library. */
#define CW_SERVE_CONN_MEMORY ((size_t)16 << 10)
/* Articles a story of /api/stories lists at most (its newest; the story's
 * own route lists all). */
#define CW_SERVE_LIST_ARTICLES 10
/* Stories on one page of /api/stories: default and most. */
#define CW_SERVE_DEFAULT_PAGE 20
#define CW_SERVE_MAX_PAGE 100
/* Search results on one answer of /api/search at most. */
#define CW_SERVE_MAX_RESULTS 100
/* Articles looked at when /api/stories?q= narrows stories by search. */
#define CW_SERVE_STORY_SEARCH 500
/* Longest query parameter value considered (q, outlet, cursor, since). */
#define CW_SERVE_MAX_PARAM 512

typedef struct cw_serve_opts {
  const char *db;   /* archive path */
  const char *bind; /* numeric address; NULL = CW_SERVE_DEFAULT_BIND */
  unsigned port;    /* 0 = any free port (printed when listening) */
  int quiet;        /* no request log on stderr */
} cw_serve_opts;

/* Serves until *stop becomes non-zero (set it from a signal handler).
 * Prints "crosswire: listening on http://ADDR:PORT/" on stderr once the
 * socket is bound. Returns CW_ERR_USAGE for a bad address, CW_ERR_IO when
 * the socket cannot be bound, or the archive's error. */
cw_status cw_serve_run(const cw_serve_opts *opts, volatile sig_atomic_t *stop,
                       cw_error *err);

/* ---- token.c -------------------------------------------------------------
 * The write token: 64 hex digits from /dev/urandom in the file
 * "<archive>.token" (mode 0600), made on first use. *out is a new string
 * the caller frees. */
cw_status cw_serve_token(const char *db, char **out, cw_error *err);
/* Compares two tokens in time independent of where they differ; 1 when
 * equal. */
int cw_serve_token_eq(const char *a, const char *b);

/* ---- cache.c -------------------------------------------------------------
 * Stories' JSON (and the list's cards) in memory, each with the story
 * version (cw_store_story_version) it was computed at: a read checks the
 * version, one indexed lookup, and answers from memory until the story
 * changes. Least recently used entries go past a byte budget. Thread-safe. */
typedef struct cw_serve_cache cw_serve_cache;
enum { CW_CACHE_STORY = 1, CW_CACHE_CARD = 2 };
/* NULL when out of memory (the server then runs without). */
cw_serve_cache *cw_serve_cache_new(size_t budget_bytes);
void cw_serve_cache_free(cw_serve_cache *cache);
/* A copy (malloc'd, NUL-terminated) of what is held for (kind, id) at
 * version, or NULL: the caller builds it and puts it. While one caller
 * builds a newer version, the others get the previous one (for a few
 * seconds at most) instead of building it too. cache may be NULL. */
char *cw_serve_cache_get(cw_serve_cache *cache, int kind, int64_t id,
                         int64_t version, size_t *len);
/* A copy of whatever version is held for (kind, id), or NULL. */
char *cw_serve_cache_get_any(cw_serve_cache *cache, int kind, int64_t id,
                             size_t *len);
/* Keeps a copy of body for (kind, id) at version, replacing an older
 * version; ignored for a body over an eighth of the budget. */
void cw_serve_cache_put(cw_serve_cache *cache, int kind, int64_t id,
                        int64_t version, const char *body, size_t len);
void cw_serve_cache_stats(cw_serve_cache *cache, uint64_t *hits,
                          uint64_t *misses, size_t *bytes);

/* ---- api.c --------------------------------------------------------------- */

/* A query parameter by name, NULL when absent. */
typedef const char *(*cw_serve_arg_fn)(void *ctx, const char *name);

typedef struct cw_serve_request {
  const char *method; /* "GET", "HEAD", "POST", ... */
  const char *path;   /* decoded path without the query string */
  cw_serve_arg_fn arg;
  void *arg_ctx;
  const char *body; /* request body (POST), NUL-terminated */
  size_t body_len;
  int authorized; /* the write token was presented */
  cw_serve_cache *cache; /* stories computed before; NULL for none */
  /* Asks for a story's JSON and card to be rebuilt in the background (the
   * server's refresher thread); NULL: the request rebuilds what it needs */
  void (*want)(void *want_ctx, int64_t story);
  void *want_ctx;
} cw_serve_request;

typedef struct cw_serve_reply {
  unsigned status;          /* HTTP status */
  char *body;               /* malloc'd JSON; NULL for none */
  size_t len;               /* bytes of body */
  const char *allow;        /* Allow header for 405, else NULL */
  /* Nonzero: the answer stays right, whatever else the archive gains, while
   * cw_serve_validator gives the same value for the path (a story's
   * version); 0: it must be rebuilt after any change to the archive. */
  int64_t validator;
} cw_serve_reply;

/* 1 when the request changes the archive (needs the token and the write
 * lock), else 0. */
int cw_serve_is_write(const char *method, const char *path);
/* 1 when path is an API route (the server acquires an archive handle). */
int cw_serve_is_api(const char *path);
/* Answers one API request from store (which may be NULL for /healthz).
 * Fills reply; the caller frees reply->body. Thread safety: one store
 * handle per concurrent call. */
void cw_serve_api(cw_store *store, const cw_serve_request *req,
                  cw_serve_reply *reply);
/* The current validator of path (see cw_serve_reply): 1 with *out set
 * when the path has one and it could be read, else 0. Cheap (one indexed
 * read), so that an answer kept from before a write elsewhere in the
 * archive can be served again without being rebuilt. */
int cw_serve_validator(cw_store *store, const char *path, int64_t *out);
/* Builds story's JSON and list card into cache if the cache lacks its
 * current version (the refresher thread's work). */
void cw_serve_refresh_story(cw_store *store, cw_serve_cache *cache,
                            int64_t story);
/* Sets reply to {"error": {"code", "message"}} with status. */
void cw_serve_error(cw_serve_reply *reply, unsigned status, const char *code,
                    const char *message);

/* ---- assets.c ------------------------------------------------------------ */

typedef struct cw_serve_asset {
  const char *path;         /* "/", "/app.js", ... exactly */
  const char *content_type; /* with charset */
  const unsigned char *data;
  size_t len;
} cw_serve_asset;

/* The asset served at exactly path, NULL when none: a fixed table, so no
 * request path can reach a file. */
const cw_serve_asset *cw_serve_find_asset(const char *path);

#endif
