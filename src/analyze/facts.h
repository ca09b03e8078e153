/* facts.h - checkable facts in an article: amounts of money, percentages,
 * counted quantities ("12 workers", "more than 5 million customers") and
 * the roles an article gives the people it names.
 *
 * These are what outlets get wrong: the story's comparison (src/story)
 * lines up facts with the same subject across outlets and reports the
 * values that conflict. A fact keeps its qualifier ("nearly", "at least")
 * apart from its number, so "nearly €300 million" and "€250 million" can be
 * told apart from "about €250 million" and "€250 million".
 */
#ifndef CW_FACTS_H
#define CW_FACTS_H

#include "analyze/analyze.h"

typedef enum cw_fact_kind {
  CW_FACT_MONEY = 0, /* subject: currency code ("EUR", "USD", "GBP") */
  CW_FACT_PERCENT,   /* subject: "%" */
  CW_FACT_QUANTITY,  /* subject: stem of the counted noun ("worker") */
  CW_FACT_ROLE       /* subject: entity name; value: the role */
} cw_fact_kind;

/* How a number is hedged. */
typedef enum cw_fact_qualifier {
  CW_QUAL_EXACT = 0, /* "12 workers", "about 8,000" (approximate but
                        centred on the number) */
  CW_QUAL_ATLEAST,   /* "more than", "at least", "over" */
  CW_QUAL_ATMOST     /* "nearly", "almost", "up to", "less than" */
} cw_fact_qualifier;

typedef struct cw_fact {
  size_t start, end; /* the expression's bytes, qualifier and unit included */
  cw_fact_kind kind;
  const char *subject; /* see cw_fact_kind; in the arena */
  /* Normalised value: "250000000 EUR", "9.25%", "12 worker", or the role;
   * a qualifier is written before it (">" at least, "<" at most, "~"
   * about). In the arena. */
  const char *value;
  double number;        /* the number, scale applied (0 for ROLE) */
  cw_fact_qualifier qualifier;
  int approximate;      /* "about", "around", "some", "roughly" */
  size_t sentence;      /* index into the analysis' sentences */
} cw_fact;

/* Finds the facts of an analysed article (an's sentences and entities refer
 * to [text, text + len)), in text order; role facts come from entity
 * mentions carrying a role other than a bare honorific. Allocated in
 * an->arena. Returns CW_OK or CW_ERR_NOMEM. Thread safe (the stemmer is
 * created per call). */
cw_status cw_facts_find(const char *text, size_t len, const cw_analysis *an,
                        cw_fact **out, size_t *n);

/* "money", "percent", "quantity", "role". */
const char *cw_fact_kind_name(cw_fact_kind kind);

/* Whether two values of one subject can both be true: 12 and "at least 10"
 * can, 12 and "at least 15" cannot; approximate values are allowed a
 * tolerance of 5 %. */
int cw_fact_compatible(const cw_fact *a, const cw_fact *b);

#endif
