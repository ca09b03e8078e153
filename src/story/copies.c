/* copies.c - MinHash signatures, LSH band keys and shingle containment
 * (see copies.h for why each is there).
 */
#include "story/copies.h"

#include <stdlib.h>
#include <string.h>

/* Hashes of the word shingles of a text, sorted and unique, in a
 * malloc'd array. */
static cw_status shingles(const char *text, size_t len, uint64_t **out,
                          size_t *n) {
  uint64_t words[CW_SHINGLE_WORDS];
  size_t nw = 0, cap = 0, k = 0;
  uint64_t *sh = NULL;
  *out = NULL;
  *n = 0;
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)text[i];
    int word = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
               c >= 0x80;
    if (!word) {
      i++;
      continue;
    }
    uint64_t h = 1469598103934665603ULL;
    for (; i < len; i++) {
      c = (unsigned char)text[i];
      if (c >= 'A' && c <= 'Z')
        c = (unsigned char)(c | 0x20);
      else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                 c >= 0x80))
        break;
      h = (h ^ c) * 1099511628211ULL;
    }
    if (nw == CW_SHINGLE_WORDS) { /* slide the window one word */
      memmove(words, words + 1, (CW_SHINGLE_WORDS - 1) * sizeof *words);
      nw--;
    }
    words[nw++] = h;
    if (nw < CW_SHINGLE_WORDS)
      continue;
    uint64_t s = 0;
    for (size_t w = 0; w < CW_SHINGLE_WORDS; w++)
      s = (s ^ words[w]) * 0x9E3779B97F4A7C15ULL + w;
    if (k == cap) {
      size_t ncap = cap ? cap * 2 : 256;
      uint64_t *g = realloc(sh, ncap * sizeof *g);
      if (!g) {
        free(sh);
        return CW_ERR_NOMEM;
      }
      sh = g;
      cap = ncap;
    }
    sh[k++] = s;
  }
  cw_sort_u64(sh, k);
  size_t u = 0;
  for (size_t i = 0; i < k; i++)
    if (!u || sh[u - 1] != sh[i])
      sh[u++] = sh[i];
  *out = sh;
  *n = u;
  return CW_OK;
}

/* splitmix64: the per-hash-function constants, fixed forever (stored
 * signatures depend on them). */
static uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

cw_status cw_shingles(const char *text, size_t len, cw_shingle_set *out) {
  return shingles(text, len, &out->h, &out->n);
}

void cw_shingle_set_free(cw_shingle_set *set) {
  free(set->h);
  set->h = NULL;
  set->n = 0;
}

cw_status cw_minhash_text(const char *text, size_t len, cw_minhash *out) {
  cw_shingle_set set;
  cw_status st = cw_shingles(text, len, &set);
  if (st)
    return st;
  cw_minhash_of(&set, out);
  cw_shingle_set_free(&set);
  return CW_OK;
}

void cw_minhash_of(const cw_shingle_set *set, cw_minhash *out) {
  const uint64_t *sh = set->h;
  size_t n = set->n;
  /* hash function f is mix(x ^ mix(f + 1)): its constant once, not once
   * per shingle */
  uint64_t key[CW_MINHASH_N];
  for (size_t f = 0; f < CW_MINHASH_N; f++) {
    key[f] = mix(f + 1);
    out->h[f] = UINT32_MAX;
  }
  for (size_t i = 0; i < n; i++)
    for (size_t f = 0; f < CW_MINHASH_N; f++) {
      uint32_t v = (uint32_t)(mix(sh[i] ^ key[f]) >> 32);
      if (v < out->h[f])
        out->h[f] = v;
    }
  out->n_shingles = n;
}

void cw_minhash_bands(const cw_minhash *m, uint64_t bands[CW_MINHASH_BANDS]) {
  for (size_t b = 0; b < CW_MINHASH_BANDS; b++) {
    uint64_t h = mix(b + 0x5bd1e995ULL);
    for (size_t r = 0; r < CW_MINHASH_ROWS; r++)
      h = mix(h ^ m->h[b * CW_MINHASH_ROWS + r]);
    /* SQLite integers are signed: keep the key in 63 bits */
    bands[b] = h >> 1;
  }
}

double cw_minhash_jaccard(const cw_minhash *a, const cw_minhash *b) {
  size_t eq = 0;
  for (size_t f = 0; f < CW_MINHASH_N; f++)
    eq += a->h[f] == b->h[f];
  return (double)eq / CW_MINHASH_N;
}

double cw_shingle_set_containment(const cw_shingle_set *a,
                                  const cw_shingle_set *b) {
  const uint64_t *x = a->h, *y = b->h;
  size_t nx = a->n, ny = b->n, i = 0, j = 0, both = 0;
  while (i < nx && j < ny) {
    if (x[i] == y[j]) {
      both++;
      i++;
      j++;
    } else if (x[i] < y[j]) {
      i++;
    } else {
      j++;
    }
  }
  size_t small = nx < ny ? nx : ny;
  return small ? (double)both / (double)small : 0;
}

cw_status cw_shingle_containment(const char *a, size_t alen, const char *b,
                                 size_t blen, double *out) {
  cw_shingle_set x, y;
  cw_status st = cw_shingles(a, alen, &x);
  if (st)
    return st;
  if ((st = cw_shingles(b, blen, &y))) {
    cw_shingle_set_free(&x);
    return st;
  }
  *out = cw_shingle_set_containment(&x, &y);
  cw_shingle_set_free(&x);
  cw_shingle_set_free(&y);
  return CW_OK;
}
