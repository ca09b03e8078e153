/* analyze_int.h - shared internals of src/analyze, not exported.
 *
 * cw_an_ctx carries one analysis through its passes: the tokens of the
 * text with one interned, case-folded word per token, the mentions found
 * by entities.c, and the hash maps that join them. Temporary state lives
 * in malloc'd vectors freed at the end; everything the result points at
 * lives in the analysis arena.
 */
#ifndef CW_ANALYZE_INT_H
#define CW_ANALYZE_INT_H

#include "analyze/analyze.h"

#include <stdint.h>

/* ---- lexicon (lexicon.c) ----------------------------------------------- */

enum {
  LX_TITLE = 1 << 0,  /* a person's title: ends a role ("President") */
  LX_HON = 1 << 1,    /* an honorific ("Mr", "Dr", "Sir") */
  LX_BARE = 1 << 2,   /* an honorific that is not a role ("Mr", "Ms") */
  LX_QUAL = 1 << 3,   /* qualifies a title ("former", "deputy", "US") */
  LX_TAIL = 1 << 4,   /* continues a title ("Attorney General") */
  LX_NATION = 1 << 5, /* a nationality adjective ("Russian") */
  LX_CONN = 1 << 6,   /* joins name words ("of", "de", "bin") */
  LX_ORG = 1 << 7,    /* makes a name an organisation ("Agency") */
  LX_PLACE = 1 << 8,  /* a known place (folded full name) */
  LX_TIME = 1 << 9,   /* a month or weekday: never a name */
  LX_PREP = 1 << 10   /* a preposition that precedes places ("in") */
};

/* Lexicon bits of the folded word or name [w, w + n), 0 when unknown. */
unsigned cw_an_lex(const char *w, size_t n);
/* For tests: 1 when the lexicon table is in strcmp order. */
int cw_an_lex_sorted(void);

/* ---- string map ------------------------------------------------------- */

/* Open-addressing hash map from (tag, bytes) to a long. Keys are borrowed:
 * they must outlive the map (they live in the arena or the text). */
typedef struct cw_an_slot {
  const char *key; /* NULL = empty */
  size_t n;
  uint64_t tag, hash;
  long val;
} cw_an_slot;

typedef struct cw_an_map {
  cw_an_slot *slots;
  size_t cap, count;
} cw_an_map;

void cw_an_map_free(cw_an_map *m);
/* The value slot of key, or NULL when absent. */
long *cw_an_map_get(const cw_an_map *m, const char *key, size_t n,
                    uint64_t tag);
/* Finds key or inserts it with value val; *slot receives the value slot
 * and *created whether it was inserted. CW_ERR_NOMEM on failure. */
cw_status cw_an_map_put(cw_an_map *m, const char *key, size_t n, uint64_t tag,
                        long val, long **slot, int *created);

/* ---- analysis context --------------------------------------------------- */

typedef struct cw_an_word { /* one distinct folded word */
  const char *s;            /* folded, curly apostrophes made straight */
  size_t n;
  unsigned lex;         /* LX_* */
  unsigned stop : 1;    /* a stopword */
  unsigned report : 1;  /* a reporting verb */
  unsigned lower : 1;   /* seen with a lower-case first letter */
  unsigned cap_mid : 1; /* seen capitalised inside a normal sentence */
  const char *stem;     /* lazily: the term of this word, or NULL */
  long term;            /* index of its term, -1 before first use */
} cw_an_word;

typedef struct cw_an_tok { /* per token, beside cw_token */
  long word;               /* index into words, -1 for punctuation */
  unsigned char initial;   /* first word of its sentence */
  unsigned char title;     /* in a title-cased sentence (headline) */
} cw_an_tok;

typedef struct cw_an_mention {
  size_t start, end; /* the name's bytes */
  const char *role;  /* arena, NULL when none */
  const char *name;  /* surface, white space collapsed (arena) */
  const char *key;   /* folded name (arena) */
  size_t key_n;
  const char *last; /* folded last word (interned) */
  size_t last_n;
  const char *hform; /* "Mr Musk" when a lone honorific precedes */
  int n_words;
  unsigned honorific : 1, titled : 1, place_cue : 1, dateline : 1, allcaps : 1,
      org_word : 1, acronym : 1, bare_role : 1;
  long alias_of; /* for an acronym in parentheses: the mention it names */
  long entity;
} cw_an_mention;

typedef struct cw_an_ctx {
  cw_arena *arena;
  const char *text;
  size_t len;
  cw_token *tok;
  size_t ntok;
  cw_an_tok *info;
  cw_vec words;      /* cw_an_word */
  cw_an_map word_ix; /* folded word -> index into words */
  cw_vec mentions;   /* cw_an_mention */
  cw_buf scratch;
} cw_an_ctx;

static inline cw_an_word *cw_an_word_at(cw_an_ctx *c, long i) {
  return &CW_VEC_AT(&c->words, cw_an_word, (size_t)i);
}

/* Finds the mentions of the text (entities.c) into c->mentions. */
cw_status cw_an_find_mentions(cw_an_ctx *c);
/* Joins mentions into entities and fills a->entities (entities.c). */
cw_status cw_an_resolve(cw_an_ctx *c, cw_analysis *a);

#endif
