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
/* Two stories merge when one new article has at least this similarity
 * with both and their centroids have at least CW_STORY_MERGE_CENTROIDS:
 * an article that only mentions another story in passing ties them
 * weakly, a second report of one event strongly. */
#define CW_STORY_MERGE_THRESHOLD 0.35
#define CW_STORY_MERGE_CENTROIDS 0.25
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
  /* Optional evidence (zeroed when the archive has none): */
  cw_termvec years;    /* sum of its articles' cw_story_years */
  cw_termvec *members; /* vectors of up to CW_STORY_MEMBER_SAMPLE of its
                          articles, most recent first */
  size_t n_members;
} cw_story_candidate;

/* Frees what a candidate owns (centroid, years, members), not c itself. */
void cw_story_candidate_free(cw_story_candidate *c);

/* How well an article (its vector and its cw_story_years) fits a
 * candidate story, 0..1: the centroid cosine blended with the average
 * cosine to the sampled members, scaled down when the years named by the
 * article and by the story disagree. */
double cw_story_score(const cw_termvec *article, const cw_termvec *years,
                      const cw_story_candidate *c);

/* ---- extra evidence: years, members ---------------------------------- */

/* Year terms ("y:2013") kept per article and per story: an article names a
 * handful of years, a story's history a few more; older or rarer ones add
 * nothing to the comparison and are dropped. */
#define CW_STORY_YEAR_TERMS 8
/* Years taken as years when written as a bare four-digit number: wide
 * enough for history mentioned in passing, narrow enough to leave out
 * counts such as "4000 homes" or clock times such as "2045". */
#define CW_STORY_YEAR_MIN 1900
#define CW_STORY_YEAR_MAX 2099
/* Member vectors of a story compared with a new article (its most recent
 * articles): the cost per article stays bounded however big stories
 * grow. */
#define CW_STORY_MEMBER_SAMPLE 8

/* Years an analysed article refers to, as a vector of "y:YYYY" terms
 * weighted by how often each occurs: years of its time expressions (dates,
 * times; values with X placeholders add nothing) and four-digit numbers
 * between CW_STORY_YEAR_MIN and CW_STORY_YEAR_MAX among its terms (so a
 * dateline in the title counts). At most CW_STORY_YEAR_TERMS, heaviest
 * first kept; not normalised. Empty when it names no year. On success *out
 * is owned by the caller (cw_termvec_free). Returns CW_OK or
 * CW_ERR_NOMEM. */
cw_status cw_story_years(const cw_analysis *an, cw_termvec *out);

/* Serialises v into a new malloc'ed buffer (*buf, *len; the caller frees
 * it): per term a 4-byte little-endian IEEE float then the term and a NUL.
 * Returns CW_OK or CW_ERR_NOMEM; an empty v gives *len 0 and *buf NULL. */
cw_status cw_termvec_pack(const cw_termvec *v, unsigned char **buf,
                          size_t *len);
/* Reads what cw_termvec_pack wrote into *out (owned by the caller). A
 * truncated or malformed buffer gives CW_ERR_FORMAT and an empty *out;
 * terms out of order are sorted, so the result is a valid vector whatever
 * the bytes. Returns CW_OK, CW_ERR_FORMAT or CW_ERR_NOMEM. */
cw_status cw_termvec_unpack(const void *buf, size_t len, cw_termvec *out);

/* The rule: the candidate with the highest cosine at or above the
 * threshold, among those not gone quiet relative to published (epoch
 * seconds, 0 = unknown, then time is not used). Returns its index or -1,
 * and the best similarity in *score. */
long cw_story_pick(const cw_termvec *article, int64_t published,
                   const cw_story_candidate *cands, size_t n, double *score);
/* cw_story_pick with the article's years (may be NULL): the candidate with
 * the highest cw_story_score at or above the threshold. */
long cw_story_pick_years(const cw_termvec *article, const cw_termvec *years,
                         int64_t published, const cw_story_candidate *cands,
                         size_t n, double *score);

#endif
