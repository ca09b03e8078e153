/* compare.h - what a story's articles say together, and where they
 * disagree: the timeline, quote groups and discrepancies of the Story
 * contract (DESIGN.md), each item with the articles and byte spans behind
 * it.
 *
 * The comparison works on plain arrays that the archive fills from its
 * rows, so it is tested without a database. It never looks beyond one
 * story: its cost is bounded by the story's size (capped below).
 */
#ifndef CW_COMPARE_H
#define CW_COMPARE_H

#include "analyze/facts.h"
#include "analyze/quotes.h"
#include "analyze/times.h"

/* Articles of one story compared at most (the newest are dropped past it):
 * a bound on the pairwise work of a read. */
#define CW_COMPARE_MAX_ARTICLES 400

typedef struct cw_cmp_entity {
  const char *name;
  const char *type; /* "PERSON", "ORG", "PLACE", "UNKNOWN" (any case) */
} cw_cmp_entity;

typedef struct cw_cmp_article {
  int64_t id;
  const char *outlet;    /* NULL when unknown: then it counts as its own */
  const char *published; /* ISO 8601 or NULL */
  const char *text;      /* every span below points into it */
  size_t len;
  const cw_fact *facts;
  size_t n_facts;
  const cw_quote *quotes; /* speaker_entity is not used here */
  size_t n_quotes;
  const cw_timex *times;
  size_t n_times;
  const cw_cmp_entity *entities;
  size_t n_entities;
} cw_cmp_article;

struct json_t;

/* The story's discrepancies: [{"kind", "subject", "variants": [{"value",
 * "articles": [id...], "evidence": [{"article", "start", "end",
 * "sentence"}]}]}] with kind one of number, role, date, quote_wording,
 * attribution, uncorroborated. New reference, NULL when out of memory. */
struct json_t *cw_compare_discrepancies(const cw_cmp_article *arts, size_t n);

/* Quote groups: [{"speaker", "variants": [{"text", "articles",
 * "evidence"}]}], the most reported first. */
struct json_t *cw_compare_quotes(const cw_cmp_article *arts, size_t n);

/* Timeline: [{"date", "text", "articles", "evidence"}] sorted by date; one
 * entry per event however many outlets report it. */
struct json_t *cw_compare_timeline(const cw_cmp_article *arts, size_t n);

#endif
