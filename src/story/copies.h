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

/* Signature of [text, text + len): words are runs of letters and digits,
 * case-folded for ASCII, other punctuation ignored. Returns CW_OK or
 * CW_ERR_NOMEM. */
cw_status cw_minhash_text(const char *text, size_t len, cw_minhash *out);

/* The band keys of m: one 64-bit hash per band (band index included, so
 * equal rows in different bands never collide). */
void cw_minhash_bands(const cw_minhash *m, uint64_t bands[CW_MINHASH_BANDS]);

/* Estimated Jaccard similarity: the share of equal hashes. */
double cw_minhash_jaccard(const cw_minhash *a, const cw_minhash *b);

/* Exact containment |A & B| / min(|A|, |B|) of the two texts' shingle
 * sets, in *out. Returns CW_OK or CW_ERR_NOMEM. */
cw_status cw_shingle_containment(const char *a, size_t alen, const char *b,
                                 size_t blen, double *out);

#endif
