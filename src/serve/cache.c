/* cache.c - stories' JSON kept in memory with the version they were
 * computed at (see serve.h). A hash table of entries chained by key, and a
 * doubly linked list in order of use; the least recently used entries go
 * when the bytes held pass the budget. One mutex: every operation is a few
 * pointer moves and one copy of the body.
 */
#include "serve/serve.h"

#include "core/core.h"
#include "core/time.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 4096 /* a power of two */
/* While one reader builds a story's new version, the others get the
 * previous one for up to this long rather than all building it at once. */
#define REFRESH_NS (3000LL * 1000 * 1000)


typedef struct entry {
  struct entry *next_in_bucket;
  struct entry *newer, *older; /* the use list */
  int kind;
  int64_t id;
  int64_t version;
  int64_t refreshing; /* CLOCK_MONOTONIC ns when a reader set out to
                         build a newer version, or 0 */
  size_t len;
  char body[]; /* len bytes and a NUL */
} entry;

struct cw_serve_cache {
  pthread_mutex_t lock;
  entry *bucket[BUCKETS];
  entry *newest, *oldest;
  size_t bytes, budget;
  uint64_t hits, misses;
};

cw_serve_cache *cw_serve_cache_new(size_t budget) {
  cw_serve_cache *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  if (pthread_mutex_init(&c->lock, NULL)) {
    free(c);
    return NULL;
  }
  c->budget = budget;
  return c;
}

void cw_serve_cache_free(cw_serve_cache *c) {
  if (!c)
    return;
  for (entry *e = c->newest, *next; e; e = next) {
    next = e->older;
    free(e);
  }
  pthread_mutex_destroy(&c->lock);
  free(c);
}

static size_t slot(int kind, int64_t id) {
  uint64_t h = ((uint64_t)id * 0x9E3779B97F4A7C15ULL) ^ (uint64_t)kind;
  return (size_t)(h >> 40) & (BUCKETS - 1);
}

static void unlink_use(cw_serve_cache *c, entry *e) {
  if (e->newer)
    e->newer->older = e->older;
  else
    c->newest = e->older;
  if (e->older)
    e->older->newer = e->newer;
  else
    c->oldest = e->newer;
  e->newer = e->older = NULL;
}

static void push_newest(cw_serve_cache *c, entry *e) {
  e->older = c->newest;
  e->newer = NULL;
  if (c->newest)
    c->newest->newer = e;
  c->newest = e;
  if (!c->oldest)
    c->oldest = e;
}

/* Unlinks and frees e, which is in bucket b. */
static void drop(cw_serve_cache *c, entry *e) {
  entry **p = &c->bucket[slot(e->kind, e->id)];
  while (*p != e)
    p = &(*p)->next_in_bucket;
  *p = e->next_in_bucket;
  unlink_use(c, e);
  c->bytes -= sizeof *e + e->len + 1;
  free(e);
}

static entry *find(cw_serve_cache *c, int kind, int64_t id) {
  for (entry *e = c->bucket[slot(kind, id)]; e; e = e->next_in_bucket)
    if (e->id == id && e->kind == kind)
      return e;
  return NULL;
}

char *cw_serve_cache_get(cw_serve_cache *c, int kind, int64_t id,
                         int64_t version, size_t *len) {
  if (!c)
    return NULL;
  char *out = NULL;
  pthread_mutex_lock(&c->lock);
  entry *e = find(c, kind, id);
  int serve = 0;
  if (e && e->version == version) {
    serve = 1;
  } else if (e && e->version < version) {
    int64_t now = cw_monotonic_ns();
    if (e->refreshing && now - e->refreshing < REFRESH_NS)
      serve = 1; /* another reader is building the new version */
    else
      e->refreshing = now; /* this caller builds it */
  }
  if (serve && (out = malloc(e->len + 1))) {
    memcpy(out, e->body, e->len + 1);
    *len = e->len;
    unlink_use(c, e);
    push_newest(c, e);
    c->hits++;
  } else {
    c->misses++;
  }
  pthread_mutex_unlock(&c->lock);
  return out;
}

char *cw_serve_cache_get_any(cw_serve_cache *c, int kind, int64_t id,
                             size_t *len) {
  if (!c)
    return NULL;
  char *out = NULL;
  pthread_mutex_lock(&c->lock);
  entry *e = find(c, kind, id);
  if (e && (out = malloc(e->len + 1))) {
    memcpy(out, e->body, e->len + 1);
    *len = e->len;
  }
  pthread_mutex_unlock(&c->lock);
  return out;
}

void cw_serve_cache_put(cw_serve_cache *c, int kind, int64_t id,
                        int64_t version, const char *body, size_t len) {
  if (!c || sizeof(entry) + len + 1 > c->budget / 8)
    return; /* no single story may take more than an eighth */
  entry *n = malloc(sizeof *n + len + 1);
  if (!n)
    return;
  memset(n, 0, sizeof *n);
  n->kind = kind;
  n->id = id;
  n->version = version;
  n->len = len;
  memcpy(n->body, body, len);
  n->body[len] = '\0';
  pthread_mutex_lock(&c->lock);
  entry *old = find(c, kind, id);
  if (old && old->version > version) {
    /* a slower reader computed an older version: keep the newer one */
    pthread_mutex_unlock(&c->lock);
    free(n);
    return;
  }
  if (old)
    drop(c, old);
  size_t b = slot(kind, id);
  n->next_in_bucket = c->bucket[b];
  c->bucket[b] = n;
  push_newest(c, n);
  c->bytes += sizeof *n + len + 1;
  while (c->bytes > c->budget && c->oldest && c->oldest != n)
    drop(c, c->oldest);
  pthread_mutex_unlock(&c->lock);
}

void cw_serve_cache_stats(cw_serve_cache *c, uint64_t *hits, uint64_t *misses,
                          size_t *bytes) {
  pthread_mutex_lock(&c->lock);
  *hits = c->hits;
  *misses = c->misses;
  *bytes = c->bytes;
  pthread_mutex_unlock(&c->lock);
}
