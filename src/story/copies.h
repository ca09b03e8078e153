/* copies.h - near-identical articles: syndicated wire copy, one article
 * on two outlets, a lightly edited update.
 *
 * MinHash over word shingles estimates the Jaccard similarity of two
 * texts from 64 numbers each; locality-sensitive hashing cuts the
 * signature into bands so that the archive finds the few earlier articles
 * that may be copies by exact band lookups, whatever its size. A candidate
 * is confirmed on the texts themselves (shingle containment), so a
 * trimmed last paragraph or an added boilerplate line still counts as a
 * copy, and two articles that only share a quote do not.
 */
#ifndef CW_COPIES_H
#define CW_COPIES_H

#include "core/core.h"

/* Words per shingle: long enough that two independent articles on one
 * event rarely share one, short enough that light edits keep most. */
#define CW_SHINGLE_WORDS 5
/* Hashes per signature, cut into bands of CW_MINHASH_ROWS: with 16 bands
 * of 4 rows a pair at Jaccard 0.5 becomes a candidate with probability
 * 0.64, at 0.7 with 0.98, at 0.2 with 0.03. */
#define CW_MINHASH_N 64
#define CW_MINHASH_ROWS 4
#define CW_MINHASH_BANDS (CW_MINHASH_N / CW_MINHASH_ROWS)
/* Texts with fewer shingles than this are too short to call copies. */
#define CW_COPY_MIN_SHINGLES 12
/* Share of the shorter text's shingles found in the longer one from which
 * two articles are copies. */
#define CW_COPY_CONTAINMENT 0.8

typedef struct cw_minhash {
  uint32_t h[CW_MINHASH_N];
  size_t n_shingles; /* distinct shingles hashed */
} cw_minhash;

/* The distinct hashes of a text's word shingles, ascending. */
typedef struct cw_shingle_set {
  uint64_t *h; /* malloc'd */
  size_t n;
} cw_shingle_set;

/* The shingle set of [text, text + len): words are runs of letters and
 * digits, case-folded for ASCII, other punctuation ignored. Returns CW_OK
 * or CW_ERR_NOMEM; free it with cw_shingle_set_free. */
cw_status cw_shingles(const char *text, size_t len, cw_shingle_set *out);
void cw_shingle_set_free(cw_shingle_set *set);

/* Signature of a shingle set, and of a text (cw_shingles, then
 * cw_minhash_of). cw_minhash_text returns CW_OK or CW_ERR_NOMEM. */
void cw_minhash_of(const cw_shingle_set *set, cw_minhash *out);
cw_status cw_minhash_text(const char *text, size_t len, cw_minhash *out);

/* The band keys of m: one 64-bit hash per band (band index included, so
 * equal rows in different bands never collide). */
void cw_minhash_bands(const cw_minhash *m, uint64_t bands[CW_MINHASH_BANDS]);

/* Estimated Jaccard similarity: the share of equal hashes. */
double cw_minhash_jaccard(const cw_minhash *a, const cw_minhash *b);

/* Exact containment |A & B| / min(|A|, |B|) of two shingle sets, and of
 * two texts' (in *out; CW_OK or CW_ERR_NOMEM). A new article's set is
 * made once and compared with each candidate's. */
double cw_shingle_set_containment(const cw_shingle_set *a,
                                  const cw_shingle_set *b);
cw_status cw_shingle_containment(const char *a, size_t alen, const char *b,
                                 size_t blen, double *out);

#endif
