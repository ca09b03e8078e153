/* story.h - grouping articles into stories: weighted term vectors, cosine
 * similarity, the online assignment rule and story centroids.
 *
 * The story module decides; it does not store. The archive (src/store)
 * gives it document frequencies and candidate stories from its inverted
 * index and records the decision, so the rule here is testable without a
 * database and the cost per article depends only on the candidates it is
 * shown, never on the size of the archive.
 */
#ifndef CW_STORY_H
#define CW_STORY_H

#include "analyze/analyze.h"
#include "core/core.h"

/* Terms kept per article vector and per story centroid: enough to carry the
 * names and the event words of a story, small enough to keep the inverted
 * index bounded (at most this many postings per story). */
#define CW_STORY_VECTOR_TERMS 64
/* Terms of a new article used to look up candidate stories. */
#define CW_STORY_QUERY_TERMS 24
/* Weight multiplier of entity terms ("e:elon musk") over plain words. */
#define CW_STORY_NAME_BOOST 2.0f
/* Cosine similarity from which an article joins a story. */
#define CW_STORY_JOIN_THRESHOLD 0.18
/* A story goes quiet when its newest article is this much older than the
 * new one; a quiet story takes no new articles (days). */
#define CW_STORY_WINDOW_DAYS 7

/* The join threshold in force: CW_STORY_JOIN_THRESHOLD unless the
 * environment variable CROSSWIRE_JOIN_THRESHOLD sets another (0..1). */
double cw_story_join_threshold(void);

typedef struct cw_wterm {
  char *term; /* owned by the vector (malloc) */
  float w;
} cw_wterm;

typedef struct cw_termvec {
  cw_wterm *items; /* sorted by term (strcmp), unique */
  size_t n;
} cw_termvec;

void cw_termvec_free(cw_termvec *v);
/* Euclidean norm. */
double cw_termvec_norm(const cw_termvec *v);
/* Cosine of two vectors (0 when either is empty). */
double cw_termvec_cosine(const cw_termvec *a, const cw_termvec *b);
/* Adds b into acc (acc += b), then keeps acc's `keep` heaviest terms. */
cw_status cw_termvec_add(cw_termvec *acc, const cw_termvec *b, size_t keep);
/* Indexes of v's k heaviest terms, heaviest first, into idx (k entries at
 * most); returns how many. */
size_t cw_termvec_top(const cw_termvec *v, size_t k, size_t *idx);

/* TF-IDF vector of an analysed article: weight = (1 + ln tf) * idf, idf =
 * ln((ndocs + 1) / (df + 1)) + 1, names boosted, top CW_STORY_VECTOR_TERMS
 * kept, L2-normalised. df[i] is the document frequency of an->terms[i]
 * before this article. */
cw_status cw_story_vector(const cw_analysis *an, const uint32_t *df,
                          uint64_t ndocs, cw_termvec *out);

/* A live story as the archive shows it to the assignment rule. */
typedef struct cw_story_candidate {
  int64_t id;
  int64_t last_published; /* epoch seconds of its newest article, or 0 */
  cw_termvec centroid;    /* sum of its articles' vectors */
} cw_story_candidate;

/* The rule: the candidate with the highest cosine at or above the
 * threshold, among those not gone quiet relative to published (epoch
 * seconds, 0 = unknown, then time is not used). Returns its index or -1,
 * and the best similarity in *score. */
long cw_story_pick(const cw_termvec *article, int64_t published,
                   const cw_story_candidate *cands, size_t n, double *score);

#endif
