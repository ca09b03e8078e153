/* map.c - the hash map that analysis uses to intern words and to join
 * mentions: open addressing with linear probing over (tag, bytes) keys.
 *
 * Keys are borrowed, so a map costs one array; the load stays at most one
 * half, so lookups stay short even on hostile input (FNV-1a over the bytes,
 * mixed with the tag).
 */
#include "analyze/analyze_int.h"

#include <stdlib.h>
#include <string.h>

#define MAP_MIN_CAP 64

/* The slot hash of a key whose cw_hash64() is h64. */
static uint64_t mix_hash(uint64_t h64, uint64_t tag) {
  uint64_t h = h64 ^ (tag * 0x9E3779B97F4A7C15ULL);
  h ^= h >> 29; /* spread the high bits into the index bits */
  return h;
}

static uint64_t key_hash(const char *key, size_t n, uint64_t tag) {
  return mix_hash(cw_hash64(key, n), tag);
}

void cw_an_map_free(cw_an_map *m) {
  free(m->slots);
  m->slots = NULL;
  m->cap = m->count = 0;
}

static cw_an_slot *find(const cw_an_map *m, const char *key, size_t n,
                        uint64_t tag, uint64_t h) {
  size_t mask = m->cap - 1, i = (size_t)h & mask;
  for (;;) {
    cw_an_slot *s = &m->slots[i];
    if (!s->key)
      return s;
    if (s->hash == h && s->tag == tag && s->n == n &&
        memcmp(s->key, key, n) == 0)
      return s;
    i = (i + 1) & mask;
  }
}

long *cw_an_map_get(const cw_an_map *m, const char *key, size_t n,
                    uint64_t tag) {
  if (!m->cap)
    return NULL;
  cw_an_slot *s = find(m, key, n, tag, key_hash(key, n, tag));
  return s->key ? &s->val : NULL;
}

long *cw_an_map_get_h64(const cw_an_map *m, const char *key, size_t n,
                        uint64_t tag, uint64_t h64) {
  if (!m->cap)
    return NULL;
  cw_an_slot *s = find(m, key, n, tag, mix_hash(h64, tag));
  return s->key ? &s->val : NULL;
}

/* Rehashes m into cap slots (a power of two above twice the count). */
static cw_status grow_to(cw_an_map *m, size_t cap) {
  if (cap > SIZE_MAX / sizeof(cw_an_slot))
    return CW_ERR_NOMEM;
  cw_an_slot *old = m->slots;
  size_t old_cap = m->cap;
  m->slots = calloc(cap, sizeof(cw_an_slot));
  if (!m->slots) {
    m->slots = old;
    return CW_ERR_NOMEM;
  }
  m->cap = cap;
  for (size_t i = 0; i < old_cap; i++)
    if (old[i].key)
      *find(m, old[i].key, old[i].n, old[i].tag, old[i].hash) = old[i];
  free(old);
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

cw_status cw_an_map_put(cw_an_map *m, const char *key, size_t n, uint64_t tag,
                        long val, long **slot, int *created) {
  if ((m->count + 1) * 2 > m->cap && grow(m))
    return CW_ERR_NOMEM;
  uint64_t h = key_hash(key, n, tag);
  cw_an_slot *s = find(m, key, n, tag, h);
  if (created)
    *created = s->key == NULL;
  if (!s->key) {
    s->key = key;
    s->n = n;
    s->tag = tag;
    s->hash = h;
    s->val = val;
    m->count++;
  }
  if (slot)
    *slot = &s->val;
  return CW_OK;
}
