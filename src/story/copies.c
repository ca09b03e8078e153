/* copies.c - MinHash signatures, LSH band keys and shingle containment
 * (see copies.h for why each is there).
 */
#include "story/copies.h"

#include <stdlib.h>
#include <string.h>

/* Each byte as a word hashes it: ASCII letters lower-cased, digits and
 * bytes of non-ASCII characters as they are; 0 for a byte between words
 * (one lookup instead of the tests per byte). */
static const unsigned char word_byte[256] = {
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67,
    0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70, 0x71, 0x72, 0x73,
    0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B,
    0x6C, 0x6D, 0x6E, 0x6F, 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77,
    0x78, 0x79, 0x7A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x81, 0x82, 0x83,
    0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x8D, 0x8E, 0x8F,
    0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B,
    0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7,
    0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF, 0xB0, 0xB1, 0xB2, 0xB3,
    0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF,
    0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB,
    0xCC, 0xCD, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7,
    0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF, 0xE0, 0xE1, 0xE2, 0xE3,
    0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB,
    0xFC, 0xFD, 0xFE, 0xFF,
};

/* Hashes of the word shingles of a text, sorted and unique, in a
 * malloc'd array. */
static cw_status shingles(const char *text, size_t len, uint64_t **out,
                          size_t *n) {
  const unsigned char *t = (const unsigned char *)text;
  uint64_t words[CW_SHINGLE_WORDS];
  size_t nw = 0, cap = 0, k = 0;
  uint64_t *sh = NULL;
  *out = NULL;
  *n = 0;
  for (size_t i = 0; i < len;) {
    if (!word_byte[t[i]]) {
      i++;
      continue;
    }
    uint64_t h = 1469598103934665603ULL;
    unsigned char c;
    for (; i < len && (c = word_byte[t[i]]) != 0; i++)
      h = (h ^ c) * 1099511628211ULL;
    if (nw == CW_SHINGLE_WORDS) { /* slide the window one word */
      for (size_t w = 1; w < CW_SHINGLE_WORDS; w++)
        words[w - 1] = words[w];
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

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/* The signature four hash functions at a time with AVX2, where the CPU has
 * it: the same mix() in each 64-bit lane (the compiler builds the 64-bit
 * multiplies AVX2 lacks from 32-bit ones), about half the instructions of
 * the plain loop, which was 6% of adding an article. */
#define MINHASH_AVX2 1
typedef uint64_t u64x4 __attribute__((vector_size(32)));

__attribute__((target("avx2"))) static void
minhash_avx2(const uint64_t *sh, size_t n, const uint64_t *key,
             uint32_t *out) {
  for (size_t f = 0; f < CW_MINHASH_N; f += 4) {
    u64x4 k, best = {UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX};
    memcpy(&k, key + f, sizeof k);
    for (size_t i = 0; i < n; i++) {
      u64x4 x = (k ^ sh[i]) + 0x9E3779B97F4A7C15ULL;
      x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
      x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
      x = (x ^ (x >> 31)) >> 32;
      u64x4 less = (u64x4)(x < best);
      best = (x & less) | (best & ~less);
    }
    for (size_t l = 0; l < 4; l++)
      out[f + l] = (uint32_t)best[l];
  }
}
#endif

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
  out->n_shingles = n;
#ifdef MINHASH_AVX2
  if (__builtin_cpu_supports("avx2")) {
    minhash_avx2(sh, n, key, out->h);
    return;
  }
#endif
  for (size_t i = 0; i < n; i++)
    for (size_t f = 0; f < CW_MINHASH_N; f++) {
      uint32_t v = (uint32_t)(mix(sh[i] ^ key[f]) >> 32);
      if (v < out->h[f])
        out->h[f] = v;
    }
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
