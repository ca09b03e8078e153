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

#include <stdint.h>

/* Terms kept per article vector and per story centroid: enough to carry the
 * names and the event words of a story, small enough to keep the inverted
 * index bounded (at most this many postings per story). */
#define CW_STORY_VECTOR_TERMS 64
/* Terms of a new article used to look up candidate stories. */
#define CW_STORY_QUERY_TERMS 24
/* Weight multiplier of entity terms ("e:elon musk") over plain words. */
#define CW_STORY_NAME_BOOST 2.0f
/* How much a name's repeats count, against a word's: a name weighs
 * (1 + CW_STORY_NAME_REPEATS * ln mentions) * idf, then an article's names
 * are scaled together to the weight they would have with every mention
 * counted as a word's are (1 + ln tf). So names weigh as much against
 * words as before (they are what tells apart two stories worded alike),
 * but among names, how often a report repeats its main person says whom
 * the report is about, not which event: sibling events (a coach fired,
 * the same coach hired three years before) repeat the same person, and
 * what tells them apart is the others named. With a first name alone
 * counted as its person ("Hugh" as "Hugh Jackman"), the main person's
 * count grew and ECB+ dev BCubed F1 (mean of 5 orders) fell 0.931 ->
 * 0.927; damped, 0.931 (0.929 at 0.4, 0.931 at 0.6, 0.927 at 1: no
 * damping), on 10 other orders 0.922 -> 0.926, bench/run's synthetic news
 * 0.872 -> 0.874. Without the scaling back (names lighter than words)
 * ECB+ rises to 0.934 but the synthetic news fall to 0.76. */
#define CW_STORY_NAME_REPEATS 0.5
/* Score (cw_story_score, a probability) from which an article joins a
 * story: below one half, since the score is fitted on decisions between
 * sibling events, harder than the usual choice between unrelated stories.
 * Lower than without the split check (0.30 then), since a story that takes
 * a sibling event's reports is split again; ECB+ dev F1 (mean of 5
 * orders) 0.914 here, 0.912 at 0.30, 0.910 at 0.35. */
#define CW_STORY_JOIN_THRESHOLD 0.25
/* Centroid cosine below which a story is not considered at all (the former
 * join threshold on the cosine alone): facets such as a shared year or a
 * shared figure never make two differently worded events one. */
#define CW_STORY_MIN_COSINE 0.18
/* cw_story_score's logistic weights: bias, centroid cosine, average member
 * cosine (the facet weights are in story.c). Fitted on ECB+ dev decisions
 * and rounded; the member average weighs more than the centroid because a
 * centroid drifts towards whatever joined it. */
#define CW_STORY_SCORE_BIAS (-0.9)
#define CW_STORY_SCORE_CENTROID 1.8
#define CW_STORY_SCORE_MEMBERS 2.3
/* Two stories merge when one new article scores at least this
 * (cw_story_score) with both and their centroids have a cosine of at least
 * CW_STORY_MERGE_CENTROIDS: an article that only mentions another story in
 * passing ties them weakly, a second report of one event strongly. High,
 * since a wrong merge joins two whole stories (at 0.6 sibling events
 * merge, ECB+ F1 -0.025; at 0.8 merging adds 0.007 there). */
#define CW_STORY_MERGE_THRESHOLD 0.8
/* The merge threshold when the two stories hold at most CW_STORY_SPLIT_MAX
 * articles together: a wrong merge of stories that small is undone by the
 * split check, so a lower bar finds more second halves of one event (ECB+
 * dev F1 +0.008). Not for bigger stories: at 0.7 for all, the synthetic
 * news of bench/run chain into stories of a thousand (F1 0.89 -> 0.75). */
#define CW_STORY_MERGE_SMALL 0.7
#define CW_STORY_MERGE_CENTROIDS 0.25
/* A story goes quiet when its newest article is this much older than the
 * new one; a quiet story takes no new articles (days). */
#define CW_STORY_WINDOW_DAYS 7

/* The join threshold in force (a cw_story_score): CW_STORY_JOIN_THRESHOLD
 * unless the environment variable CROSSWIRE_JOIN_THRESHOLD sets another
 * (0..1). */
double cw_story_join_threshold(void);

/* A story's title is the title of its most central article that has a
 * headline; only when none has one, the most central lead. A title is a
 * lead when it is the start of the text: a text page without a headline
 * is titled by its first sentence (cut with "…"), and a feed item or
 * JSON line may repeat it. cw_story_title_score gives the score to keep
 * the best of: `central` (a cosine, 0..1) for a headline, below any
 * headline's for a lead. */
int cw_story_title_is_lead(const char *title, const char *text);
double cw_story_title_score(const char *title, const char *text,
                            double central);

typedef struct cw_wterm {
  char *term; /* owned by the vector (malloc) */
  float w;
  /* cw_term_key(term), or 0 when not yet computed (the vector functions
   * compute it then) */
  uint64_t key;
} cw_wterm;

/* The first 8 bytes of a term as a big-endian number, zero-padded: two
 * keys compare as strcmp compares their terms, except that equal keys with
 * a non-zero last byte leave the rest of the terms to compare. */
uint64_t cw_term_key(const char *term);

typedef struct cw_termvec {
  cw_wterm *items; /* sorted by term (strcmp), unique */
  size_t n;
  /* NULL, or one block holding every term (cw_termvec_unpack; changed by
   * cw_termvec_add into terms of their own):
   * the terms are freed with it, not one by one */
  char *pool;
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
 * ln((ndocs + 1) / (df + 1)) + 1, names boosted and their repeats damped
 * (CW_STORY_NAME_REPEATS), top CW_STORY_VECTOR_TERMS kept,
 * L2-normalised. df[i] is the document frequency of an->terms[i] before
 * this article. */
cw_status cw_story_vector(const cw_analysis *an, const uint32_t *df,
                          uint64_t ndocs, cw_termvec *out);

/* ---- extra evidence: facets, members ----------------------------------
 *
 * Two different events of one kind (two earthquakes, two arrests, two
 * patches of one browser) share most of their words; what tells them apart
 * is when they happened, who was involved and the numbers reported. An
 * article's facets are a small vector of prefixed terms, one prefix per
 * kind:
 *   "y:2013"        a year the text writes (of a time expression, or a
 *                   four-digit number): not one a relative date ("on
 *                   Monday") takes from the article's own date, which
 *                   every story of the week shares
 *   "d:06-08"       a day of the year the text writes (of a date, with or
 *                   without a year: "June 8"): not one a weekday, a word
 *                   ("yesterday", "the next day"), a clock time or a
 *                   holiday's name gives
 *   "p:jane doe"    a person (entity of type PERSON; weight: mentions)
 *   "q:12 worker"   a number fact (money, percent, quantity: its value)
 * A story's facets are the sum of its articles', bounded per kind. */

/* Facet terms kept per kind, per article and per story: an article names a
 * handful of years, days, people and numbers; a story's few dozen more
 * add nothing to the comparison and would grow its row count. */
#define CW_STORY_FACET_TERMS 16
/* Years taken as years when written as a bare four-digit number: wide
 * enough for history mentioned in passing, narrow enough to leave out
 * counts such as "4000 homes" or clock times such as "2045". */
#define CW_STORY_YEAR_MIN 1900
#define CW_STORY_YEAR_MAX 2099
/* Member vectors of a story compared with a new article (its most recent
 * articles): the cost per article stays bounded however big stories
 * grow. */
#define CW_STORY_MEMBER_SAMPLE 8

/* The facets of an analysed article (cw_analyze_deep run on it): years of
 * its time expressions that the text writes somewhere (in the expression,
 * in a range such as "2012-13", or in the date a relative one counts
 * from; an analysis made by hand, without tokens, has all of its
 * expressions' years counted) and four-digit numbers between CW_STORY_YEAR_MIN
 * and CW_STORY_YEAR_MAX among its terms (so a dateline in the title
 * counts), days of its dates that write their day of the month (likewise
 * all of them in an analysis made by hand), its people, its number
 * facts; at most
 * CW_STORY_FACET_TERMS per kind, not normalised, sorted by term. Empty when
 * it has none. On success *out is owned by the caller (cw_termvec_free).
 * Returns CW_OK or CW_ERR_NOMEM. */
cw_status cw_story_facets(const cw_analysis *an, cw_termvec *out);
/* acc += b, then keeps the CW_STORY_FACET_TERMS heaviest terms of each
 * kind. Returns CW_OK or CW_ERR_NOMEM (acc unchanged). */
cw_status cw_story_facets_add(cw_termvec *acc, const cw_termvec *b);
/* Cosine of a's and b's facets of one kind ('y', 'd', 'p' or 'q'): 1 when
 * they name the same ones alike, 0 when they share none; -1 when either has
 * none of that kind (no evidence either way). */
double cw_story_facet_agreement(const cw_termvec *a, const cw_termvec *b,
                                char kind);

/* Serialises v into a new malloc'ed buffer (*buf, *len; the caller frees
 * it): per term a 4-byte little-endian IEEE float then the term and a NUL.
 * Returns CW_OK or CW_ERR_NOMEM; an empty v gives *len 0 and *buf NULL. */
cw_status cw_termvec_pack(const cw_termvec *v, unsigned char **buf,
                          size_t *len);
/* Reads what cw_termvec_pack wrote into *out (owned by the caller). A
 * truncated or malformed buffer (a damaged archive row) gives
 * CW_ERR_FORMAT and an empty *out; terms out of order are sorted, so the
 * result is a valid vector whatever the bytes. Returns CW_OK,
 * CW_ERR_FORMAT or CW_ERR_NOMEM. */
cw_status cw_termvec_unpack(const void *buf, size_t len, cw_termvec *out);

/* A live story as the archive shows it to the assignment rule. */
typedef struct cw_story_candidate {
  int64_t id;
  int64_t last_published; /* epoch seconds of its newest article, or 0 */
  cw_termvec centroid;    /* sum of its articles' vectors */
  /* Optional evidence (zeroed when the archive has none): */
  cw_termvec facets;   /* sum of its articles' cw_story_facets */
  cw_termvec *members; /* vectors of up to CW_STORY_MEMBER_SAMPLE of its
                          articles, most recent first */
  size_t n_members;
} cw_story_candidate;

/* Frees what a candidate owns (centroid, facets, members), not c itself. */
void cw_story_candidate_free(cw_story_candidate *c);

/* How likely an article (its vector and its cw_story_facets, which may be
 * NULL) reports the candidate's event, 0..1: a logistic combination of the
 * centroid cosine, the average cosine to the sampled members (the centroid
 * cosine again when none are sampled) and the agreement of each facet
 * kind, rewarded when they agree and penalised when both sides name some
 * and share none. Below CW_STORY_MIN_COSINE the wording is too far apart
 * for the facets to matter and the score is 0. The people's agreement is
 * left out when it rests on one person whose name is also most of the
 * wording shared (without it the centroid cosine would fall below the
 * minimum) and the article reads less like the members than the minimum:
 * another event of a person many stories name. */
double cw_story_score(const cw_termvec *article, const cw_termvec *facets,
                      const cw_story_candidate *c);

/* The rule: the candidate with the highest cw_story_score (without facets)
 * at or above the join threshold, among those not gone quiet relative to
 * published (epoch seconds, 0 = unknown, then time is not used). Returns
 * its index or -1, and the best score in *score. */
long cw_story_pick(const cw_termvec *article, int64_t published,
                   const cw_story_candidate *cands, size_t n, double *score);
/* cw_story_pick with the article's facets (may be NULL): the candidate with
 * the highest cw_story_score at or above the join threshold. */
long cw_story_pick_facets(const cw_termvec *article, const cw_termvec *facets,
                          int64_t published, const cw_story_candidate *cands,
                          size_t n, double *score);

/* ---- splitting a story ------------------------------------------------
 *
 * One early wrong join (a report of a sibling event scoring just above the
 * threshold) makes a story's centroid and facets those of two events, and
 * from then on it takes the reports of both. Pair by pair the two events
 * stay apart (their own years, days, figures; closer wording within each),
 * so after an article joins a story of at most CW_STORY_SPLIT_MAX
 * articles, its members are divided in two by their links and the story
 * is split when the sides link much less across than within. The work is
 * bounded by CW_STORY_SPLIT_MAX squared link computations. */

/* Story sizes (articles) checked for a split: from this many, */
#define CW_STORY_SPLIT_MIN 6
/* up to this many (beyond, a story is established and not checked). */
#define CW_STORY_SPLIT_MAX 32
/* Articles each side needs for a split. */
#define CW_STORY_SPLIT_PART 2
/* A split needs the average cw_story_link across the sides at most
 * CW_STORY_SPLIT_CROSS and the weaker side's average link within it at
 * least CW_STORY_SPLIT_GAP above that (in logits; ECB+ dev: 1.5 splits
 * single events, 2.5 leaves pairs of events together). */
#define CW_STORY_SPLIT_CROSS 0.0
#define CW_STORY_SPLIT_GAP 2.0
/* Or: the average link across at most CW_STORY_SPLIT_TIGHT_CROSS, the
 * tighter side's average link within at least CW_STORY_SPLIT_TIGHT_GAP
 * above it and the looser side's at least CW_STORY_SPLIT_LOOSE_GAP above
 * it. The close reports of one event (a story's core) beside a looser
 * group of a sibling event: the loose side's reports are worded alike
 * with both, so the cross links alone stay near even, but the core stands
 * apart from them far more than from its own. A single event's loose
 * reports link to its core about as well as to each other, so they stay.
 * ECB+ dev F1 (mean of 5 orders) 0.914 -> 0.930, synthetic news of
 * bench/run unchanged. */
#define CW_STORY_SPLIT_TIGHT_CROSS 0.75
#define CW_STORY_SPLIT_TIGHT_GAP 4.0
#define CW_STORY_SPLIT_LOOSE_GAP 1.0

/* How strongly two articles (vectors and cw_story_facets, facets may be
 * NULL) report one event, as a logit: positive when more likely than not. */
double cw_story_link(const cw_termvec *va, const cw_termvec *fa,
                     const cw_termvec *vb, const cw_termvec *fb);
/* Divides a story's n members (vectors, facets or NULL, oldest first) in
 * two by their cw_story_link: side[k] is 0 or 1 for member k. with[k] >= 0
 * (with may be NULL) keeps member k on the side of member with[k] (a copy
 * with its original). Returns 1 when the story should split, side[0] then
 * being 0 (the side of the first member keeps the story); 0 otherwise,
 * always when n is outside [CW_STORY_SPLIT_MIN, CW_STORY_SPLIT_MAX]. */
int cw_story_split(const cw_termvec *vecs, const cw_termvec *facets,
                   const long *with, size_t n, unsigned char *side);
/* cw_story_split on links already known: z (n x n, row-major, symmetric,
 * zero diagonal) holds cw_story_link of members i and j, called with the
 * later member (i > j) first. A caller that keeps links between checks
 * (the archive's split check) computes only the new members' links. */
int cw_story_split_links(const double *z, const long *with, size_t n,
                         unsigned char *side);

#endif
