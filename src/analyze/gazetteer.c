/* gazetteer.c - looks names up in the generated gazetteer
 * (gazetteer_data.c): first names, person names, countries, subdivisions,
 * cities, nationalities and companies from openly licensed lists.
 *
 * The table is compiled in (no file to find at run time) and sorted in
 * strcmp order, so a lookup is one bisection over folded names (within
 * those that share its first two bytes). The bits
 * are evidence for typing, never a verdict: "Jordan" is both a country
 * and a first name, and the caller weighs context.
 */
#include "analyze/analyze_int.h"

#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The bisection starts from the names that share the first two bytes of
 * the one sought (a few dozen of the table's 160,000, so about half the
 * steps): names whose bytes begin (a, b) are cw_gz_entries[gz_from[k]] up
 * to gz_from[k + 1] with k = a * 256 + b, b = 0 for one-byte names. Built
 * once per process (gz_index). */
#define GZ_KEYS 65536
static uint32_t gz_from[GZ_KEYS + 1];
static pthread_once_t gz_once = PTHREAD_ONCE_INIT;

static size_t gz_key(const char *w, size_t n) {
  if (!n)
    return 0;
  return (size_t)(unsigned char)w[0] << 8 |
         (n > 1 ? (size_t)(unsigned char)w[1] : 0);
}

/* The key of entry k: gz_key() of its name. Names in strcmp order have
 * keys in ascending order. */
static size_t entry_key(size_t k) {
  const char *name = cw_gz_name(k);
  return gz_key(name, name[0] ? 2 : 0);
}

/* gz_from[key] is the first entry whose key is key or above. The entries
 * of one key are skipped by galloping, not one by one: a few thousand
 * keys occur among the 160,000 names, so the index costs a fraction of a
 * walk over the table (2.5 M instructions at every process start, about
 * what the analysis of an article costs). */
static void gz_index(void) {
  size_t key = 0, k = 0;
  while (k < cw_gz_count) {
    size_t run = entry_key(k);
    while (key <= run)
      gz_from[key++] = (uint32_t)k;
    /* the end of the run: the first entry of a greater key, between lo
     * (of the run) and hi (past it, or the end of the table) */
    size_t lo = k, hi = k + 1, step = 1;
    while (hi < cw_gz_count && entry_key(hi) == run) {
      lo = hi;
      step *= 2;
      hi = cw_gz_count - lo > step ? lo + step : cw_gz_count;
    }
    while (hi - lo > 1) {
      size_t mid = lo + (hi - lo) / 2;
      if (entry_key(mid) == run)
        lo = mid;
      else
        hi = mid;
    }
    k = hi;
  }
  while (key <= GZ_KEYS)
    gz_from[key++] = (uint32_t)cw_gz_count;
#ifndef NDEBUG
  /* debug builds: the index is what a walk over every entry gives */
  k = 0;
  for (key = 0; key <= GZ_KEYS; key++) {
    while (k < cw_gz_count && entry_key(k) < key)
      k++;
    assert(gz_from[key] == k);
  }
#endif
}

/* strcmp order of NUL-terminated e against [w, w + n), without strlen
 * (lookups are hot: four per capitalised token), from byte k0 on: the
 * bytes before it are known equal. */
static int cmp_name(const char *e, const char *w, size_t n, size_t k0) {
  for (size_t k = k0; k < n; k++) {
    unsigned char a = (unsigned char)e[k], b = (unsigned char)w[k];
    if (a != b)
      return a < b ? -1 : 1; /* e ending (a == 0) sorts first */
  }
  return e[n] ? 1 : 0;
}

/* ---- the thread's cache of lookups ---------------------------------------
 *
 * Tagging looks up every capitalised word and run of words of an article,
 * and names recur from article to article: each thread keeps the answers
 * of its last lookups, direct-mapped by hash (a key evicts the one in its
 * slot). The table never changes, so neither do the answers. Read through
 * the C11 thread-local, freed by the key's destructor when the thread
 * exits and at exit() for the thread calling it, as ner_tagger.c's word
 * cache. */
#define GZ_CACHE_SLOTS 2048
#define GZ_CACHE_KEY 40 /* longer keys are looked up every time */

typedef struct gz_cache_entry {
  uint32_t hash;
  unsigned char n; /* 0: empty */
  char key[GZ_CACHE_KEY];
  unsigned bits;
  int longer; /* gz_lookup()'s *longer */
} gz_cache_entry;

typedef struct gz_cache {
  gz_cache_entry e[GZ_CACHE_SLOTS];
} gz_cache;

static _Thread_local gz_cache *thread_gz;

static void gz_cache_free(void *p) {
  free(p);
  thread_gz = NULL;
}

static cw_tls_kind gz_tls = CW_TLS_KIND(gz_cache_free);

/* The thread's cache, or NULL without memory. */
static gz_cache *gz_cache_get(void) {
  gz_cache *gc = thread_gz;
  if (!gc)
    gc = thread_gz = cw_tls_zalloc(&gz_tls, sizeof *gc);
  return gc;
}

static unsigned gz_lookup(const char *w, size_t n, int *longer);

unsigned cw_an_gaz_longer(const char *w, size_t n, int *longer) {
  int more;
  if (!longer)
    longer = &more;
  gz_cache *gc = n && n <= GZ_CACHE_KEY ? gz_cache_get() : NULL;
  if (!gc)
    return gz_lookup(w, n, longer);
  uint32_t h = cw_hash32_fast(w, n);
  gz_cache_entry *e = &gc->e[(h ^ (h >> 16)) & (GZ_CACHE_SLOTS - 1)];
  if (e->n == n && e->hash == h && cw_mem_eq(e->key, w, n)) {
    *longer = e->longer;
    return e->bits;
  }
  unsigned bits = gz_lookup(w, n, longer);
  e->hash = h;
  e->n = (unsigned char)n;
  memcpy(e->key, w, n);
  e->bits = bits;
  e->longer = *longer;
  return bits;
}

unsigned cw_an_gaz(const char *w, size_t n) {
  return cw_an_gaz_longer(w, n, NULL);
}

/* Whether name e begins with [w, w + n) (which holds no NUL where e
 * ends: a NUL byte of w is never a prefix). */
static int gz_prefix(const char *e, const char *w, size_t n) {
  for (size_t k = 0; k < n; k++)
    if (e[k] != w[k] || !e[k])
      return 0;
  return 1;
}

/* The bits of [w, w + n) in the table: one bisection. *longer is set
 * when some name begins with [w, w + n) and a space. In strcmp order the
 * names from the bisection's point on are w itself, then those that
 * extend w by a byte below the space (none in practice: skipped), then
 * those that extend it by a space, so one name tells. */
static unsigned gz_lookup(const char *w, size_t n, int *longer) {
  pthread_once(&gz_once, gz_index);
  size_t key = gz_key(w, n);
  size_t lo = gz_from[key], hi = gz_from[key + 1];
  /* every name between lo and hi begins with w's first two bytes when
   * the second is not NUL: the comparisons start after them */
  size_t k0 = n >= 2 && w[1] ? 2 : 0;
  unsigned bits = 0;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = cmp_name(cw_gz_name(mid), w, n, k0);
    if (c == 0) {
      bits = cw_gz_entries[mid].bits;
      lo = mid + 1;
      break;
    }
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (!n) {
    *longer = 1; /* every name begins with "" */
    return bits;
  }
  size_t j = lo;
  while (j < cw_gz_count && gz_prefix(cw_gz_name(j), w, n) &&
         (unsigned char)cw_gz_name(j)[n] < ' ')
    j++;
  *longer = j < cw_gz_count && gz_prefix(cw_gz_name(j), w, n) &&
            cw_gz_name(j)[n] == ' ';
  return bits;
}

int cw_an_gaz_sorted(void) {
  for (size_t i = 1; i < cw_gz_count; i++)
    if (strcmp(cw_gz_name(i - 1), cw_gz_name(i)) >= 0)
      return 0;
  return 1;
}
