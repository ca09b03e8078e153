/* map.c - the hash map that analysis uses to intern words and to join
 * mentions: open addressing with linear probing over (tag, bytes) keys.
 *
 * Keys are borrowed, so a map costs one array; the load stays at most one
 * half, so lookups stay short even on hostile input (cw_an_map_hash() of
 * the bytes, or the caller's hash for the _h64 calls, mixed with the tag).
 *
 * An article's analysis makes and drops a dozen maps of a few hundred
 * slots; zeroing each new array was a fifth of a million instructions per
 * article. So a slot is in use when its gen equals the map's, and each
 * thread keeps a few dropped arrays of each size for its next maps: one
 * comes back with a gen above every gen it held, which leaves all its
 * slots empty without a write (when the gens of an array run out it is
 * zeroed once). Kept arrays are freed when the thread exits (at exit()
 * for the thread calling it, as stem.c's handles).
 */
#include "analyze/analyze_int.h"

#include <stdlib.h>
#include <string.h>

#define MAP_MIN_CAP 64
/* Sizes kept: MAP_MIN_CAP << 0 .. POOL_CLASSES - 1 slots, a few each. */
#define POOL_CLASSES 8
#define POOL_PER_CLASS 3

typedef struct pool_entry {
  cw_an_slot *slots;
  uint32_t gen; /* the highest gen its slots hold */
} pool_entry;

typedef struct map_pool {
  pool_entry e[POOL_CLASSES][POOL_PER_CLASS];
  unsigned n[POOL_CLASSES];
} map_pool;

static _Thread_local map_pool *thread_pool;

static void pool_free(void *p) {
  map_pool *mp = p;
  for (unsigned c = 0; c < POOL_CLASSES; c++)
    for (unsigned k = 0; k < mp->n[c]; k++)
      free(mp->e[c][k].slots);
  free(mp);
  thread_pool = NULL;
}

static cw_tls_kind pool_tls = CW_TLS_KIND(pool_free);

/* The pool class of an array of cap slots, -1 when such arrays are not
 * kept. */
static int pool_class(size_t cap) {
  for (int c = 0; c < POOL_CLASSES; c++)
    if (cap == (size_t)MAP_MIN_CAP << c)
      return c;
  return -1;
}

/* An array of cap slots, all empty for gen *gen (set here), or NULL. */
static cw_an_slot *slots_take(size_t cap, uint32_t *gen) {
  int c = pool_class(cap);
  map_pool *mp = thread_pool;
  if (c >= 0 && mp && mp->n[c]) {
    pool_entry e = mp->e[c][--mp->n[c]];
    if (e.gen == UINT32_MAX) { /* gens run out: empty it the slow way */
      memset(e.slots, 0, cap * sizeof *e.slots);
      e.gen = 0;
    }
    *gen = e.gen + 1;
    return e.slots;
  }
  if (cap > SIZE_MAX / sizeof(cw_an_slot))
    return NULL;
  *gen = 1; /* calloc's slots hold gen 0 */
  return calloc(cap, sizeof(cw_an_slot));
}

/* Keeps slots (cap of them, gens up to gen) for a later map, or frees
 * them. */
static void slots_drop(cw_an_slot *slots, size_t cap, uint32_t gen) {
  if (!slots)
    return;
  int c = pool_class(cap);
  map_pool *mp = thread_pool;
  if (c >= 0 && !mp)
    mp = thread_pool = cw_tls_zalloc(&pool_tls, sizeof *mp);
  if (c < 0 || !mp || mp->n[c] == POOL_PER_CLASS) {
    free(slots);
    return;
  }
  mp->e[c][mp->n[c]++] = (pool_entry){slots, gen};
}

static uint64_t mix_hash(uint64_t h64, uint64_t tag) {
  return cw_an_map_mix(h64, tag);
}

static uint64_t key_hash(const char *key, size_t n, uint64_t tag) {
  return mix_hash(cw_an_map_hash(key, n), tag);
}

void cw_an_map_free(cw_an_map *m) {
  slots_drop(m->slots, m->cap, m->gen);
  m->slots = NULL;
  m->cap = m->count = 0;
  m->gen = 0;
}

static inline cw_an_slot *find(const cw_an_map *m, const char *key,
                               size_t n, uint64_t tag, uint64_t h) {
  return cw_an_map_find(m, key, n, tag, h);
}

long *cw_an_map_get(const cw_an_map *m, const char *key, size_t n,
                    uint64_t tag) {
  if (!m->cap)
    return NULL;
  cw_an_slot *s = find(m, key, n, tag, key_hash(key, n, tag));
  return s->gen == m->gen ? &s->val : NULL;
}

long *cw_an_map_get_h64(const cw_an_map *m, const char *key, size_t n,
                        uint64_t tag, uint64_t h64) {
  if (!m->cap)
    return NULL;
  cw_an_slot *s = find(m, key, n, tag, mix_hash(h64, tag));
  return s->gen == m->gen ? &s->val : NULL;
}

/* Rehashes m into cap slots (a power of two above twice the count). Out
 * of line, so that a put that needs no room saves no registers for it. */
__attribute__((noinline)) static cw_status grow_to(cw_an_map *m,
                                                   size_t cap) {
  uint32_t gen;
  cw_an_slot *slots = slots_take(cap, &gen);
  if (!slots)
    return CW_ERR_NOMEM;
  cw_an_map old = *m;
  m->slots = slots;
  m->cap = cap;
  m->gen = gen;
  for (size_t i = 0; i < old.cap; i++)
    if (old.slots[i].gen == old.gen) {
      cw_an_slot *s = find(m, old.slots[i].key, old.slots[i].n,
                           old.slots[i].tag, old.slots[i].hash);
      *s = old.slots[i];
      s->gen = gen;
    }
  slots_drop(old.slots, old.cap, old.gen);
  return CW_OK;
}

static cw_status grow(cw_an_map *m) {
  return grow_to(m, m->cap ? m->cap * 2 : MAP_MIN_CAP);
}

cw_status cw_an_map_reserve(cw_an_map *m, size_t n) {
  size_t cap = m->cap ? m->cap : MAP_MIN_CAP;
  while ((n + 1) * 2 > cap) {
    if (cap > SIZE_MAX / 2 / sizeof(cw_an_slot))
      return CW_ERR_NOMEM;
    cap *= 2;
  }
  return cap > m->cap ? grow_to(m, cap) : CW_OK;
}

cw_status cw_an_map_grow(cw_an_map *m) { return grow(m); }

/* The inserts by key: cw_an_map_put_slot_h64() (analyze_int.h), which
 * mixes in the tag itself. */
static cw_status put(cw_an_map *m, const char *key, size_t n, uint64_t tag,
                     uint64_t h64, long val, long **slot, int *created) {
  int fresh;
  cw_an_slot *s = cw_an_map_put_slot_h64(m, key, n, tag, h64, val, &fresh);
  if (!s)
    return CW_ERR_NOMEM;
  if (created)
    *created = fresh;
  if (slot)
    *slot = &s->val;
  return CW_OK;
}

cw_status cw_an_map_put(cw_an_map *m, const char *key, size_t n, uint64_t tag,
                        long val, long **slot, int *created) {
  return put(m, key, n, tag, cw_an_map_hash(key, n), val, slot, created);
}

cw_status cw_an_map_put_h64(cw_an_map *m, const char *key, size_t n,
                            uint64_t tag, uint64_t h64, long val, long **slot,
                            int *created) {
  return put(m, key, n, tag, h64, val, slot, created);
}
