/* server.c - the HTTP side of `crosswire serve` (libmicrohttpd).
 *
 CW_SERVE_THREADS threads of libmicrohttpd's, each polling its share of
 * at most CW_SERVE_MAX_CONNECTIONS connections (epoll), idle ones closed
 * after CW_SERVE_TIMEOUT_S. SQLite handles are not shared between threads:
 * each request borrows one from a small pool (opening a new one when none
 * is free) and gives it back. The archive runs in WAL mode, so readers never
 * wait for the ingest writer; writers take one mutex so two POSTs queue
 * here instead of spinning on SQLite's busy timeout.
 *
 * Every answer carries the Content-Security-Policy of the page (no inline
 * script or style, nothing from elsewhere), nosniff and no-referrer. GET
 * answers carry a strong ETag (a hash of the body) and honour
 * If-None-Match with 304. GET answers are cached per path and parameters
 * until the archive file or its WAL changes (any commit, from this server
 * or another process); a story's JSON, costly to build, is kept per story
 * with its version (cache.c), so an ingest elsewhere in the archive does
 * not throw it away. Static
 * files come from a fixed table
 * (assets.c): the request path is compared, never opened.
 */
#include "serve/serve.h"

#include "core/core.h"
#include "core/time.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <zlib.h>

#define CSP "default-src 'self'; script-src 'self'; style-src 'self'"
/* Archive handles kept open for reuse; more may be open while busy. */
#define POOL_SIZE (2 * CW_SERVE_THREADS)
/* Cached API answers: slots, and the largest body kept. A story's JSON
 * costs tens of milliseconds to build (quotes, discrepancies); the cache
 * serves it again until the archive changes. */
#define CACHE_SLOTS 4096
/* While one thread rebuilds an answer the archive has outdated, the others
 * keep serving the old one for up to this long (stale while revalidate):
 * under a steady ingest each commit would otherwise send every reader to
 * SQLite at once. A lone client always gets a fresh answer. */
#define CACHE_REFRESH_NS (5000LL * 1000 * 1000)
#define CACHE_MAX_BODY ((size_t)1 << 20)
/* Static files kept as shared bodies: more than the table holds. */
#define ASSET_SLOTS 16
/* Query parameters that make up a cache key (all that the API reads). */
static const char *const cache_params[] = {"cursor", "limit", "since",
                                           "outlet", "q"};

/* libmicrohttpd is opened by `serve`, not linked: with its TLS library it
 * cost every other crosswire command 3.8 M instructions of relocation at
 * start. CW_MHD_SONAME is the library the headers came with
 * (CMakeLists.txt). */
#ifndef CW_MHD_SONAME
#define CW_MHD_SONAME "libmicrohttpd.so.12"
#endif
static struct {
  __typeof__(&MHD_start_daemon) start_daemon;
  __typeof__(&MHD_stop_daemon) stop_daemon;
  __typeof__(&MHD_get_daemon_info) get_daemon_info;
  __typeof__(&MHD_lookup_connection_value) lookup_connection_value;
  __typeof__(&MHD_create_response_from_buffer) create_response_from_buffer;
  __typeof__(&MHD_create_response_from_buffer_with_free_callback_cls)
      create_response_from_buffer_with_free_callback_cls;
  __typeof__(&MHD_add_response_header) add_response_header;
  __typeof__(&MHD_queue_response) queue_response;
  __typeof__(&MHD_destroy_response) destroy_response;
} mhd;

/* Loads libmicrohttpd (once; it stays loaded); 0, or -1 with why in
 * problem. */
static int mhd_load(char *problem, size_t len) {
  static int loaded;
  if (loaded)
    return 0;
  void *lib = dlopen(CW_MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    snprintf(problem, len, "cannot load %s (install libmicrohttpd12): %s",
             CW_MHD_SONAME, dlerror());
    return -1;
  }
#define SYM(field)                                                            \
  if (!(*(void **)(&mhd.field) = dlsym(lib, "MHD_" #field))) {               \
    snprintf(problem, len, "%s lacks MHD_%s", CW_MHD_SONAME, #field);        \
    return -1;                                                               \
  }
  SYM(start_daemon)
  SYM(stop_daemon)
  SYM(get_daemon_info)
  SYM(lookup_connection_value)
  SYM(create_response_from_buffer)
  SYM(create_response_from_buffer_with_free_callback_cls)
  SYM(add_response_header)
  SYM(queue_response)
  SYM(destroy_response)
#undef SYM
  loaded = 1;
  return 0;
}

/* the calls below read as libmicrohttpd's own */
#define MHD_start_daemon mhd.start_daemon
#define MHD_stop_daemon mhd.stop_daemon
#define MHD_get_daemon_info mhd.get_daemon_info
#define MHD_lookup_connection_value mhd.lookup_connection_value
#define MHD_create_response_from_buffer mhd.create_response_from_buffer
#define MHD_create_response_from_buffer_with_free_callback_cls                \
  mhd.create_response_from_buffer_with_free_callback_cls
#define MHD_add_response_header mhd.add_response_header
#define MHD_queue_response mhd.queue_response
#define MHD_destroy_response mhd.destroy_response

/* An answer's bytes, shared by the cache and the responses sending them
 * (libmicrohttpd releases its reference when the response is done), with
 * its ETag and, when it is worth it, its gzip form: built once, sent many
 * times without a copy. */
typedef struct shared_body {
  int refs; /* under the server's cache_lock */
  pthread_mutex_t *lock;
  char etag[24];
  unsigned char *gz; /* NULL when not compressed */
  size_t gz_len;
  size_t len;
  char data[]; /* len bytes and a NUL */
} shared_body;

typedef struct cache_entry {
  char *key;
  uint64_t generation;
  shared_body *b;
  int64_t refreshing; /* when a thread set out to rebuild it
                         (cw_monotonic_ns), or 0 */
  uint64_t writes;    /* the server's write count when it was built */
  int64_t validator;  /* the reply's validator (cw_serve_validator), or 0 */
} cache_entry;


typedef struct server {
  const cw_serve_opts *opts;
  char *token;
  pthread_mutex_t pool_lock;
  cw_store *pool[POOL_SIZE];
  size_t n_pool;
  pthread_mutex_t write_lock;
  pthread_mutex_t cache_lock;
  cache_entry cache[CACHE_SLOTS];
  /* the static files as shared bodies (ETag and gzip made once), made at
   * their first request (under cache_lock) */
  struct {
    const cw_serve_asset *a;
    struct shared_body *b;
  } assets[ASSET_SLOTS];
  char *wal_path;
  cw_serve_cache *stories; /* story JSON by story version */
  uint64_t writes; /* writes through this server (under cache_lock): a
                      client reads its own writes at once */
  /* stories the refresher thread is to rebuild (under refresh_lock) */
  pthread_mutex_t refresh_lock;
  pthread_cond_t refresh_cond;
  int64_t wanted[CW_SERVE_REFRESH_QUEUE];
  size_t n_wanted;
  int refresher_stop;
} server;

/* What one request accumulates between the calls of the handler. */
typedef struct request_state {
  cw_buf body;
  int too_big;
  struct timespec start;
} request_state;

static cw_store *borrow_store(server *sv) {
  cw_store *s = NULL;
  pthread_mutex_lock(&sv->pool_lock);
  if (sv->n_pool)
    s = sv->pool[--sv->n_pool];
  pthread_mutex_unlock(&sv->pool_lock);
  if (!s) {
    cw_error err;
    if (cw_store_open(sv->opts->db, &s, &err)) {
      fprintf(stderr, "crosswire: serve: %s\n", err.msg);
      return NULL;
    }
  }
  return s;
}

static void return_store(server *sv, cw_store *s) {
  if (!s)
    return;
  pthread_mutex_lock(&sv->pool_lock);
  if (sv->n_pool < POOL_SIZE) {
    sv->pool[sv->n_pool++] = s;
    s = NULL;
  }
  pthread_mutex_unlock(&sv->pool_lock);
  cw_store_close(s);
}

/* ---- answer cache ----------------------------------------------------------
 * Keyed by path and query parameters, valid for one generation of the
 * archive: the modification times and sizes of the archive file and its
 * WAL, which change with every commit, by this server or by any other
 * process (`crosswire add` beside a running server). */

static uint64_t archive_generation(const server *sv) {
  struct stat a, w;
  uint64_t g = 1469598103934665603ULL;
  const struct stat *both[2] = {&a, &w};
  int have[2] = {stat(sv->opts->db, &a) == 0, stat(sv->wal_path, &w) == 0};
  for (int i = 0; i < 2; i++) {
    uint64_t v[3] = {0, 0, 0};
    if (have[i]) {
      v[0] = (uint64_t)both[i]->st_mtim.tv_sec;
      v[1] = (uint64_t)both[i]->st_mtim.tv_nsec;
      v[2] = (uint64_t)both[i]->st_size;
    }
    g ^= cw_hash64(v, sizeof v) + (uint64_t)i;
    g *= 1099511628211ULL;
  }
  return g;
}

/* "path?LEN:v1&LEN:v2..." of the parameters the API reads; NULL when too
 * long. */
static char *cache_key(struct MHD_Connection *c, const char *url) {
  cw_buf b;
  cw_buf_init(&b, 4 * CW_SERVE_MAX_PARAM);
  cw_buf_puts(&b, url);
  for (size_t i = 0; i < sizeof cache_params / sizeof *cache_params; i++) {
    const char *v =
        MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, cache_params[i]);
    /* length-prefixed, so no value can imitate another parameter */
    if (v)
      cw_buf_printf(&b, "%c%zu:%s", i ? '&' : '?', strlen(v), v);
    else
      cw_buf_putc(&b, i ? '&' : '?');
  }
  if (b.err) {
    cw_buf_free(&b);
    return NULL;
  }
  return cw_buf_detach(&b);
}

static size_t cache_slot(const char *key) {
  return (size_t)(cw_hash64(key, strlen(key)) % CACHE_SLOTS);
}

/* Bodies smaller than this go uncompressed. */
#define GZIP_MIN 1024

static void body_release(void *cls) {
  shared_body *b = cls;
  if (!b)
    return;
  pthread_mutex_lock(b->lock);
  int last = --b->refs == 0;
  pthread_mutex_unlock(b->lock);
  if (last) {
    free(b->gz);
    free(b);
  }
}

/* gzip of data (RFC 1952) into a new buffer, or NULL. */
static unsigned char *gzip_of(const char *data, size_t len, size_t *out_len) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (deflateInit2(&z, 5, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return NULL;
  uLong cap = deflateBound(&z, (uLong)len);
  unsigned char *out = malloc(cap);
  if (!out) {
    deflateEnd(&z);
    return NULL;
  }
  z.next_in = (Bytef *)data;
  z.avail_in = (uInt)len;
  z.next_out = out;
  z.avail_out = (uInt)cap;
  int rc = deflate(&z, Z_FINISH);
  *out_len = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END || *out_len >= len) {
    free(out);
    return NULL;
  }
  return out;
}

/* A new body holding a copy of data (one reference), or NULL. */
static shared_body *body_new(server *sv, const char *data, size_t len) {
  shared_body *b = malloc(sizeof *b + len + 1);
  if (!b)
    return NULL;
  b->refs = 1;
  b->lock = &sv->cache_lock;
  memcpy(b->data, data, len);
  b->data[len] = '\0';
  b->len = len;
  snprintf(b->etag, sizeof b->etag, "\"%016llx\"",
           (unsigned long long)cw_hash64(data, len));
  b->gz = len >= GZIP_MIN && len <= (size_t)UINT32_MAX
              ? gzip_of(data, len, &b->gz_len)
              : NULL;
  return b;
}

/* The cached body for key (a new reference), or NULL: served while the
 * archive is unchanged (gen) and, after it changed, while another thread
 * rebuilds it; the first thread to find it outdated gets NULL, with
 * *validator set when the answer has one (else 0), and revalidates or
 * rebuilds it. */
static shared_body *cache_get(server *sv, const char *key, uint64_t gen,
                              uint64_t writes, int64_t *validator) {
  shared_body *out = NULL;
  *validator = 0;
  cache_entry *e = &sv->cache[cache_slot(key)];
  int64_t now = cw_monotonic_ns();
  pthread_mutex_lock(&sv->cache_lock);
  if (e->key && !strcmp(e->key, key)) {
    int serve = e->generation == gen ||
                (e->writes == writes && e->refreshing &&
                 now - e->refreshing < CACHE_REFRESH_NS);
    if (!serve) {
      e->refreshing = now;
      *validator = e->validator;
    } else {
      out = e->b;
      out->refs++;
    }
  }
  pthread_mutex_unlock(&sv->cache_lock);
  return out;
}

/* The body kept for key (a new reference) when it was built with
 * validator, now current: it is marked valid for generation gen and served
 * without a rebuild (a write elsewhere in the archive left it right).
 * NULL when another thread replaced it meanwhile. */
static shared_body *cache_revalidate(server *sv, const char *key,
                                     uint64_t gen, uint64_t writes,
                                     int64_t validator) {
  shared_body *out = NULL;
  cache_entry *e = &sv->cache[cache_slot(key)];
  pthread_mutex_lock(&sv->cache_lock);
  if (e->key && !strcmp(e->key, key) && e->validator == validator) {
    e->generation = gen;
    e->writes = writes;
    e->refreshing = 0;
    out = e->b;
    out->refs++;
  }
  pthread_mutex_unlock(&sv->cache_lock);
  return out;
}

/* Keeps b (takes a new reference) as the answer for key. */
static void cache_put(server *sv, const char *key, uint64_t gen,
                      uint64_t writes, int64_t validator, shared_body *b) {
  if (b->len > CACHE_MAX_BODY)
    return;
  char *k = cw_strdup(key);
  if (!k)
    return;
  cache_entry *e = &sv->cache[cache_slot(key)];
  pthread_mutex_lock(&sv->cache_lock);
  shared_body *old = e->b;
  free(e->key);
  e->key = k;
  e->b = b;
  b->refs++;
  e->generation = gen;
  e->refreshing = 0;
  e->writes = writes;
  e->validator = validator;
  pthread_mutex_unlock(&sv->cache_lock);
  body_release(old);
}

/* 1 when the client takes gzip (Accept-Encoding lists it, not with q=0). */
static int accepts_gzip(struct MHD_Connection *c) {
  const char *ae =
      MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding");
  const char *g = ae ? strstr(ae, "gzip") : NULL;
  if (!g)
    return 0;
  const char *q = strstr(g, "q=");
  const char *comma = strchr(g, ',');
  return !(q && (!comma || q < comma) && cw_strtod(q + 2, NULL) == 0.0);
}

static void common_headers(struct MHD_Response *resp, const char *ctype) {
  MHD_add_response_header(resp, "Content-Type", ctype);
  MHD_add_response_header(resp, "Content-Security-Policy", CSP);
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  MHD_add_response_header(resp, "Cache-Control", "no-cache");
}

/* 1 when the If-None-Match header lists etag (or is "*"). */
static int etag_matches(struct MHD_Connection *c, const char *etag) {
  const char *inm =
      MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
  if (!inm)
    return 0;
  size_t n = strlen(etag);
  for (const char *p = inm; *p;) {
    while (*p == ' ' || *p == ',' || *p == '\t')
      p++;
    if (!strncmp(p, "W/", 2))
      p += 2;
    if (*p == '*' || (!strncmp(p, etag, n) &&
                      (p[n] == '\0' || p[n] == ',' || p[n] == ' ')))
      return 1;
    while (*p && *p != ',')
      p++;
  }
  return 0;
}

static void log_request(const server *sv, const request_state *rs,
                        const char *method, const char *url,
                        unsigned status) {
  if (sv->opts->quiet)
    return;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  double ms = (double)(now.tv_sec - rs->start.tv_sec) * 1e3 +
              (double)(now.tv_nsec - rs->start.tv_nsec) / 1e6;
  fprintf(stderr, "%s %.200s %u %.1fms\n", method, url, status, ms);
}

/* Sends body (len bytes); must_free says the body is malloc'd. GET and
 * HEAD 200 answers get an ETag and may become 304. */
static enum MHD_Result send_reply(struct MHD_Connection *c, const char *method,
                                  unsigned status, const char *ctype,
                                  const void *body, size_t len, int must_free,
                                  const char *allow) {
  char etag[24];
  int cacheable =
      status == 200 && (!strcmp(method, "GET") || !strcmp(method, "HEAD"));
  if (cacheable) {
    snprintf(etag, sizeof etag, "\"%016llx\"",
             (unsigned long long)cw_hash64(body, len));
    if (etag_matches(c, etag)) {
      if (must_free)
        free((void *)body);
      body = "";
      len = 0;
      must_free = 0;
      status = MHD_HTTP_NOT_MODIFIED;
    }
  }
  struct MHD_Response *resp = MHD_create_response_from_buffer(
      len, (void *)body,
      must_free ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
  if (!resp) {
    if (must_free)
      free((void *)body);
    return MHD_NO;
  }
  common_headers(resp, ctype);
  if (cacheable)
    MHD_add_response_header(resp, "ETag", etag);
  if (allow)
    MHD_add_response_header(resp, "Allow", allow);
  enum MHD_Result ret = MHD_queue_response(c, status, resp);
  MHD_destroy_response(resp);
  return ret;
}

/* Sends a shared body as a 200 answer to GET or HEAD: gzip when the
 * client takes it, 304 when If-None-Match names this form's ETag.
 * Consumes the caller's reference to b. */
static enum MHD_Result send_body(struct MHD_Connection *c, shared_body *b,
                                 const char *ctype) {
  int gz = b->gz && accepts_gzip(c);
  char etag[32];
  if (gz)
    snprintf(etag, sizeof etag, "\"%.16s-gz\"", b->etag + 1);
  else
    snprintf(etag, sizeof etag, "%s", b->etag);
  unsigned status = MHD_HTTP_OK;
  struct MHD_Response *resp;
  if (etag_matches(c, etag)) {
    status = MHD_HTTP_NOT_MODIFIED;
    body_release(b);
    resp = MHD_create_response_from_buffer(0, (void *)"",
                                           MHD_RESPMEM_PERSISTENT);
  } else {
    resp = MHD_create_response_from_buffer_with_free_callback_cls(
        gz ? b->gz_len : b->len, gz ? (void *)b->gz : (void *)b->data,
        body_release, b);
    if (!resp)
      body_release(b);
  }
  if (!resp)
    return MHD_NO;
  common_headers(resp, ctype);
  MHD_add_response_header(resp, "ETag", etag);
  MHD_add_response_header(resp, "Vary", "Accept-Encoding");
  if (gz && status == MHD_HTTP_OK)
    MHD_add_response_header(resp, "Content-Encoding", "gzip");
  enum MHD_Result ret = MHD_queue_response(c, status, resp);
  MHD_destroy_response(resp);
  return ret;
}

/* The shared body of a static file (a new reference), made at its first
 * request: its ETag and gzip form are then made once, not per request (a
 * hash of app.js per request was most of the cost of serving it). NULL
 * when out of memory or slots: the caller sends the file as it is. */
static shared_body *asset_body(server *sv, const cw_serve_asset *a) {
  shared_body *b = NULL;
  pthread_mutex_lock(&sv->cache_lock);
  size_t i = 0;
  for (; i < ASSET_SLOTS && sv->assets[i].a && sv->assets[i].a != a; i++)
    ;
  if (i < ASSET_SLOTS && sv->assets[i].a == a) {
    b = sv->assets[i].b;
    b->refs++;
  }
  pthread_mutex_unlock(&sv->cache_lock);
  if (b || i == ASSET_SLOTS)
    return b;
  /* made outside the lock; if two threads race, one keeps its own */
  shared_body *made = body_new(sv, (const char *)a->data, a->len);
  if (!made)
    return NULL;
  pthread_mutex_lock(&sv->cache_lock);
  for (i = 0; i < ASSET_SLOTS && sv->assets[i].a && sv->assets[i].a != a; i++)
    ;
  if (i < ASSET_SLOTS && !sv->assets[i].a) {
    sv->assets[i].a = a;
    sv->assets[i].b = made;
    made->refs++; /* the slot's */
  }
  pthread_mutex_unlock(&sv->cache_lock);
  return made;
}

static enum MHD_Result send_error(struct MHD_Connection *c, const char *method,
                                  unsigned status, const char *code,
                                  const char *message) {
  cw_serve_reply r = {0};
  cw_serve_error(&r, status, code, message);
  return send_reply(c, method, r.status, "application/json", r.body ? r.body : "",
                    r.len, r.body != NULL, NULL);
}

static const char *query_arg(void *ctx, const char *name) {
  return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name);
}

static int authorized(const server *sv, struct MHD_Connection *c) {
  const char *h =
      MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
  if (!h || strncasecmp(h, "Bearer ", 7))
    return 0;
  h += 7;
  while (*h == ' ')
    h++;
  return cw_serve_token_eq(sv->token, h);
}

/* ---- the refresher thread ----------------------------------------------
 * Builds, one at a time and away from the request threads, the stories
 * whose list cards are out of date: a page of the story list shows the
 * previous card meanwhile instead of waiting seconds for a large story. */

static void want_story(void *ctx, int64_t story) {
  server *sv = ctx;
  pthread_mutex_lock(&sv->refresh_lock);
  int queued = 0;
  for (size_t i = 0; i < sv->n_wanted && !queued; i++)
    queued = sv->wanted[i] == story;
  if (!queued && sv->n_wanted < CW_SERVE_REFRESH_QUEUE) {
    sv->wanted[sv->n_wanted++] = story;
    pthread_cond_signal(&sv->refresh_cond);
  }
  pthread_mutex_unlock(&sv->refresh_lock);
}

static void *refresher(void *arg) {
  server *sv = arg;
  cw_store *s = NULL;
  pthread_mutex_lock(&sv->refresh_lock);
  while (!sv->refresher_stop) {
    if (!sv->n_wanted) {
      pthread_cond_wait(&sv->refresh_cond, &sv->refresh_lock);
      continue;
    }
    int64_t story = sv->wanted[0];
    memmove(sv->wanted, sv->wanted + 1, --sv->n_wanted * sizeof *sv->wanted);
    pthread_mutex_unlock(&sv->refresh_lock);
    if (!s)
      s = borrow_store(sv);
    if (s)
      cw_serve_refresh_story(s, sv->stories, story);
    pthread_mutex_lock(&sv->refresh_lock);
  }
  pthread_mutex_unlock(&sv->refresh_lock);
  return_store(sv, s);
  return NULL;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
                              const char *url, const char *method,
                              const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls) {
  (void)version;
  server *sv = cls;
  request_state *rs = *con_cls;
  if (!rs) {
    /* first call: headers only. Refuse early what needs no body. */
    if (!(rs = calloc(1, sizeof *rs)))
      return MHD_NO;
    cw_buf_init(&rs->body, CW_SERVE_MAX_BODY);
    clock_gettime(CLOCK_MONOTONIC, &rs->start);
    *con_cls = rs;
    if (cw_serve_is_write(method, url)) {
      if (!authorized(sv, c)) {
        log_request(sv, rs, method, url, 401);
        return send_error(c, method, 401, "unauthorized",
                          "send Authorization: Bearer TOKEN (see 'crosswire "
                          "token')");
      }
      const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                   "Content-Length");
      if (cl && strtoull(cl, NULL, 10) > CW_SERVE_MAX_BODY) {
        log_request(sv, rs, method, url, 413);
        return send_error(c, method, 413, "too_large",
                          "the body exceeds the server's limit");
      }
    }
    return MHD_YES;
  }
  if (*upload_data_size) {
    if (!rs->too_big &&
        cw_buf_append(&rs->body, upload_data, *upload_data_size))
      rs->too_big = 1; /* keep reading, answer 413 at the end */
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (rs->too_big) {
    log_request(sv, rs, method, url, 413);
    return send_error(c, method, 413, "too_large",
                      "the body exceeds the server's limit");
  }
  if (!cw_serve_is_api(url)) {
    const cw_serve_asset *a = cw_serve_find_asset(url);
    if (!a) {
      log_request(sv, rs, method, url, 404);
      return send_error(c, method, 404, "not_found", "no such page");
    }
    if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
      cw_serve_reply r = {0};
      cw_serve_error(&r, 405, "method_not_allowed", "method not allowed here");
      log_request(sv, rs, method, url, 405);
      return send_reply(c, method, 405, "application/json",
                        r.body ? r.body : "", r.len, r.body != NULL,
                        "GET, HEAD");
    }
    log_request(sv, rs, method, url, 200);
    shared_body *b = asset_body(sv, a);
    if (b)
      return send_body(c, b, a->content_type);
    return send_reply(c, method, 200, a->content_type, a->data, a->len, 0,
                      NULL);
  }
  cw_serve_request rq = {method,       url,          query_arg,
                         c,            rs->body.ptr, rs->body.len,
                         authorized(sv, c), sv->stories,
                         want_story, sv};
  cw_serve_reply r = {0};
  int write = cw_serve_is_write(method, url);
  int cacheable = !strcmp(method, "GET") || !strcmp(method, "HEAD");
  char *key = cacheable ? cache_key(c, url) : NULL;
  uint64_t gen = key ? archive_generation(sv) : 0;
  pthread_mutex_lock(&sv->cache_lock);
  uint64_t writes = sv->writes;
  pthread_mutex_unlock(&sv->cache_lock);
  int64_t validator = 0;
  shared_body *hit = key ? cache_get(sv, key, gen, writes, &validator) : NULL;
  if (!hit && validator) {
    /* the archive changed; did this answer? (a story's version) */
    cw_store *vs = borrow_store(sv);
    int64_t now_valid;
    if (vs && cw_serve_validator(vs, url, &now_valid) &&
        now_valid == validator)
      hit = cache_revalidate(sv, key, gen, writes, validator);
    return_store(sv, vs);
  }
  if (hit) {
    free(key);
    log_request(sv, rs, method, url, 200);
    return send_body(c, hit, "application/json");
  }
  cw_store *s = strcmp(url, "/healthz") ? borrow_store(sv) : NULL;
  if (write)
    pthread_mutex_lock(&sv->write_lock);
  cw_serve_api(s, &rq, &r);
  if (write) {
    pthread_mutex_unlock(&sv->write_lock);
    pthread_mutex_lock(&sv->cache_lock);
    sv->writes++;
    pthread_mutex_unlock(&sv->cache_lock);
  }
  return_store(sv, s);
  shared_body *b = key && r.status == 200 && r.body ? body_new(sv, r.body, r.len)
                                             : NULL;
  if (b) {
    cache_put(sv, key, gen, writes, r.validator, b);
    free(key);
    free(r.body);
    log_request(sv, rs, method, url, 200);
    return send_body(c, b, "application/json");
  }
  free(key);
  log_request(sv, rs, method, url, r.status);
  return send_reply(c, method, r.status, "application/json",
                    r.body ? r.body : "", r.len, r.body != NULL, r.allow);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe) {
  (void)cls;
  (void)c;
  (void)toe;
  request_state *rs = *con_cls;
  if (rs) {
    cw_buf_free(&rs->body);
    free(rs);
    *con_cls = NULL;
  }
}

static void mhd_log(void *cls, const char *fmt, va_list ap) {
  (void)cls;
  fputs("crosswire: serve: ", stderr);
  vfprintf(stderr, fmt, ap);
}

cw_status cw_serve_run(const cw_serve_opts *opts, volatile sig_atomic_t *stop,
                       cw_error *err) {
  const char *bind = opts->bind ? opts->bind : CW_SERVE_DEFAULT_BIND;
  char problem[256];
  if (mhd_load(problem, sizeof problem))
    return cw_error_set(err, CW_ERR_IO, 0, "serve: %s", problem);
  struct sockaddr_storage addr;
  memset(&addr, 0, sizeof addr);
  /* a few threads, each polling many connections (epoll where there is
   * one): a thread per connection cost a thread and an archive handle per
   * client, and the handles ran out at 100 clients */
  unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
  struct sockaddr_in *v4 = (struct sockaddr_in *)&addr;
  struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&addr;
  if (inet_pton(AF_INET, bind, &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons((uint16_t)opts->port);
  } else if (inet_pton(AF_INET6, bind, &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons((uint16_t)opts->port);
    flags |= MHD_USE_IPv6;
  } else {
    return cw_error_set(err, CW_ERR_USAGE, 0,
                        "--bind %s: not a numeric IPv4 or IPv6 address", bind);
  }

  server sv;
  memset(&sv, 0, sizeof sv);
  sv.opts = opts;
  cw_status st = cw_serve_token(opts->db, &sv.token, err);
  if (st)
    return st;
  /* open the archive once up front: a bad path fails here, not per request */
  cw_store *first;
  if ((st = cw_store_open(opts->db, &first, err))) {
    free(sv.token);
    return st;
  }
  size_t n = strlen(opts->db);
  if (!(sv.wal_path = malloc(n + sizeof "-wal"))) {
    cw_store_close(first);
    free(sv.token);
    return cw_error_set(err, CW_ERR_NOMEM, 0, "out of memory");
  }
  memcpy(sv.wal_path, opts->db, n);
  memcpy(sv.wal_path + n, "-wal", sizeof "-wal");
  pthread_mutex_init(&sv.pool_lock, NULL);
  pthread_mutex_init(&sv.write_lock, NULL);
  pthread_mutex_init(&sv.cache_lock, NULL);
  sv.pool[sv.n_pool++] = first;
  sv.stories = cw_serve_cache_new(CW_SERVE_CACHE_BYTES);
  pthread_mutex_init(&sv.refresh_lock, NULL);
  pthread_cond_init(&sv.refresh_cond, NULL);
  pthread_t refresh_thread;
  int have_refresher =
      pthread_create(&refresh_thread, NULL, refresher, &sv) == 0;

  struct MHD_Daemon *d = MHD_start_daemon(
      flags, (uint16_t)opts->port, NULL, NULL, handle, &sv,
      MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
      MHD_OPTION_CONNECTION_LIMIT, (unsigned)CW_SERVE_MAX_CONNECTIONS,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)CW_SERVE_MAX_PER_IP,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CW_SERVE_TIMEOUT_S,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, CW_SERVE_CONN_MEMORY,
      MHD_OPTION_THREAD_POOL_SIZE, (unsigned)CW_SERVE_THREADS,
      MHD_OPTION_NOTIFY_COMPLETED, completed, &sv, MHD_OPTION_END);
  if (!d) {
    st = cw_error_set(err, CW_ERR_IO, 0,
                      "cannot listen on %s port %u (in use, or not allowed)",
                      bind, opts->port);
  } else {
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info ? info->port : opts->port;
    fprintf(stderr, "crosswire: listening on http://%s%s%s:%u/\n",
            strchr(bind, ':') ? "[" : "", bind, strchr(bind, ':') ? "]" : "",
            port);
    while (!*stop) {
      struct timespec nap = {0, 100 * 1000 * 1000};
      nanosleep(&nap, NULL);
    }
    MHD_stop_daemon(d);
  }
  if (have_refresher) {
    pthread_mutex_lock(&sv.refresh_lock);
    sv.refresher_stop = 1;
    pthread_cond_signal(&sv.refresh_cond);
    pthread_mutex_unlock(&sv.refresh_lock);
    pthread_join(refresh_thread, NULL);
  }
  pthread_mutex_destroy(&sv.refresh_lock);
  pthread_cond_destroy(&sv.refresh_cond);
  for (size_t i = 0; i < sv.n_pool; i++)
    cw_store_close(sv.pool[i]);
  pthread_mutex_destroy(&sv.pool_lock);
  pthread_mutex_destroy(&sv.write_lock);
  cw_serve_cache_free(sv.stories);
  for (size_t i = 0; i < CACHE_SLOTS; i++) {
    free(sv.cache[i].key);
    body_release(sv.cache[i].b);
  }
  for (size_t i = 0; i < ASSET_SLOTS; i++)
    body_release(sv.assets[i].b);
  pthread_mutex_destroy(&sv.cache_lock); /* the bodies' lock: after them */
  free(sv.wal_path);
  free(sv.token);
  return st;
}
