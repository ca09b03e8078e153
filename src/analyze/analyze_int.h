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

/* ---- gazetteer (gazetteer.c, data in gazetteer_data.c) ----------------- */

/* What a folded name may be, from openly licensed lists (see
 * data/gazetteer/ATTRIBUTION.md; regenerate with scripts/gen-gazetteer). */
enum {
  GZ_FIRST = 1 << 0,   /* an English first name ("hanna") */
  GZ_NAME = 1 << 1,    /* a person's first name or surname */
  GZ_COUNTRY = 1 << 2, /* a country ("norway", "united states") */
  GZ_REGION = 1 << 3,  /* a country's subdivision ("bavaria") */
  GZ_CITY = 1 << 4,    /* a city, town or village (GeoNames) */
  GZ_MAJOR = 1 << 5,   /* a country or a time-zone city ("oslo") */
  GZ_NATION = 1 << 6,  /* a nationality ("norwegian") */
  GZ_COMPANY = 1 << 7  /* a company ("microsoft") */
};

typedef struct cw_gz_entry {
  uint32_t name; /* folded, at this offset in cw_gz_names */
  unsigned bits; /* GZ_* */
} cw_gz_entry;

/* The names, NUL-terminated one after another: offsets instead of
 * pointers spare the loader 160k relocations at every process start. */
extern const char cw_gz_names[];
extern const cw_gz_entry cw_gz_entries[]; /* strcmp order */

/* The folded name of entry k. */
static inline const char *cw_gz_name(size_t k) {
  return cw_gz_names + cw_gz_entries[k].name;
}
extern const size_t cw_gz_count;

/* GZ_* bits of the folded name [w, w + n), 0 when unknown. */
unsigned cw_an_gaz(const char *w, size_t n);
/* cw_an_gaz(), and *longer (when not NULL) set when some name begins with
 * [w, w + n) and a space ("new" of "new york"): when it is clear, no
 * longer run of words that begins with w is a name. */
unsigned cw_an_gaz_longer(const char *w, size_t n, int *longer);
/* For tests: 1 when the gazetteer is in strcmp order. */
int cw_an_gaz_sorted(void);

/* ---- statistical tagger (ner_tagger.c) ---------------------------------- */

/* IOB labels of the tagger (CoNLL-2003 types). */
enum {
  NER_O = 0,
  NER_B_PER,
  NER_I_PER,
  NER_B_ORG,
  NER_I_ORG,
  NER_B_LOC,
  NER_I_LOC,
  NER_B_MISC,
  NER_I_MISC,
  NER_NLABELS
};
/* Features of one token: the templates of ner_tagger.c stay under it. */
#define NER_MAX_FEATS 96

/* A document prepared for tagging: per-token folded words, shapes and
 * gazetteer / lexicon / document-case evidence. */
typedef struct cw_ner_doc {
  const char *text;
  const cw_token *tok;
  size_t ntok;
  cw_buf folds;      /* NUL-terminated folded words, back to back */
  const char **fold; /* per token: its folded word, NUL-terminated: in folds,
                        or the analysis' word when that is the fold */
  unsigned *tflags;  /* per token: NF_* of ner_tagger.c */
  unsigned *gaz;     /* per token: GZ_* of 1-4 word names covering it */
  unsigned *gaz_b;   /* per token: GZ_* of names starting here */
  unsigned *lex;     /* per token: LX_* of its folded word */
  unsigned short *fold_len; /* per token: bytes of its folded word */
  char (*shape)[8]; /* per token: short shape ("Xx", "X.X."), NUL-padded */
  long *word_id;    /* per token: its distinct folded word, numbered from 0
                       in order of first occurrence; -1 unless a WORD */
  size_t n_words;   /* distinct folded words */
  size_t *caps;     /* the tokens that are capitalised words, in order */
  size_t ncaps;
} cw_ner_doc;

/* Prepares d over tokens (from cw_text_tokens with sentences); d borrows
 * text and tok. CW_OK or CW_ERR_NOMEM (d then needs no free). */
cw_status cw_ner_doc_init(cw_ner_doc *d, const char *text, const cw_token *tok,
                          size_t ntok);
void cw_ner_doc_free(cw_ner_doc *d);
/* Hashed features of token i given the two previous labels; returns how
 * many were written to out (at most NER_MAX_FEATS). */
size_t cw_ner_features(const cw_ner_doc *d, size_t i, int p1, int p2,
                       uint32_t *out);
/* Scores every label for features f; used by cw_ner_decode. */
typedef void (*cw_ner_scorer)(void *ctx, const uint32_t *f, size_t nf,
                              float *scores);
/* Greedy left-to-right decoding of d into labels[ntok] (NER_*), never an
 * I- label after a different type. */
void cw_ner_decode(const cw_ner_doc *d, cw_ner_scorer score, void *ctx,
                   unsigned char *labels);
/* The shipped model (data/ner/model.bin, or $CW_NER_MODEL), loaded once;
 * NULL when it cannot be read. */
typedef struct cw_ner_model cw_ner_model;
const cw_ner_model *cw_ner_model_get(void);
/* Scorer for a loaded model (ctx = the model). */
void cw_ner_model_score(void *ctx, const uint32_t *f, size_t nf,
                        float *scores);
/* Loads a model file; NULL when unreadable or malformed. */
cw_ner_model *cw_ner_model_load(const char *path);
void cw_ner_model_free(cw_ner_model *m);

/* ---- tokens ------------------------------------------------------------ */

/* The tokens of [text, text + len) for the deep pass: those cw_analyze()
 * kept in a when it read a text of that length, else tokenised into own
 * (with a's sentences when with_sentences; the caller frees own). *tok and
 * *ntok receive them. CW_OK or CW_ERR_NOMEM. */
cw_status cw_an_tokens(const cw_analysis *a, const char *text, size_t len,
                       int with_sentences, cw_vec *own, const cw_token **tok,
                       size_t *ntok);

/* ---- string map ------------------------------------------------------- */

/* Open-addressing hash map from (tag, bytes) to a long. Keys are borrowed:
 * they must outlive the map (they live in the arena or the text). A map
 * starts as {0}. */
typedef struct cw_an_slot {
  const char *key;
  size_t n;
  uint64_t tag;
  uint32_t hash; /* the low bits of the slot hash */
  uint32_t gen;  /* in use when equal to the map's gen, empty otherwise */
  long val;
} cw_an_slot;

typedef struct cw_an_map {
  cw_an_slot *slots;
  size_t cap, count;
  uint32_t gen; /* of the slots in use (slot arrays are reused: map.c) */
} cw_an_map;

void cw_an_map_free(cw_an_map *m);
/* The value slot of key, or NULL when absent. */
long *cw_an_map_get(const cw_an_map *m, const char *key, size_t n,
                    uint64_t tag);
/* The hash of a key that cw_an_map_get() and cw_an_map_put() make (and
 * the _h64 calls below take): in memory only, never stored. */
static inline uint64_t cw_an_map_hash(const char *key, size_t n) {
  return cw_hash32_fast(key, n);
}
/* cw_an_map_get() for a key whose hash the caller has: h64, its
 * cw_an_map_hash(), or another hash made the same way by every call on
 * the map (c->word_ix: intern()'s). */
long *cw_an_map_get_h64(const cw_an_map *m, const char *key, size_t n,
                        uint64_t tag, uint64_t h64);
/* Finds key or inserts it with value val; *slot receives the value slot
 * and *created whether it was inserted. CW_ERR_NOMEM on failure. */
cw_status cw_an_map_put(cw_an_map *m, const char *key, size_t n, uint64_t tag,
                        long val, long **slot, int *created);
/* cw_an_map_put() for a key whose hash the caller has (as above). */
cw_status cw_an_map_put_h64(cw_an_map *m, const char *key, size_t n,
                            uint64_t tag, uint64_t h64, long val, long **slot,
                            int *created);
/* The slot hash of a key whose hash is h64 (map.c). */
static inline uint64_t cw_an_map_mix(uint64_t h64, uint64_t tag) {
  uint64_t h = h64 ^ (tag * 0x9E3779B97F4A7C15ULL);
  h ^= h >> 29; /* spread the high bits into the index bits */
  return h;
}

/* The slot of key (slot hash h) in m (cap > 0): the key's, or the empty
 * one where it would go. */
static inline cw_an_slot *cw_an_map_find(const cw_an_map *m, const char *key,
                                         size_t n, uint64_t tag, uint64_t h) {
  /* the index from the low 32 bits, which the slot keeps for rehashing */
  uint32_t h32 = (uint32_t)h, gen = m->gen;
  size_t mask = m->cap - 1, i = (size_t)h32 & mask;
  for (;;) {
    cw_an_slot *s = &m->slots[i];
    if (s->gen != gen)
      return s;
    if (s->hash == h32 && s->tag == tag && s->n == n &&
        cw_mem_eq(s->key, key, n))
      return s;
    i = (i + 1) & mask;
  }
}

/* Doubles m's table (map.c's growth, for cw_an_map_put_slot_h64()). */
cw_status cw_an_map_grow(cw_an_map *m);

/* cw_an_map_put_h64() inline, returning the key's slot, NULL without
 * memory. A caller that inserts a key it borrows for the call alone
 * (*created set) points the slot's key at a lasting copy of the same
 * bytes. */
static inline cw_an_slot *cw_an_map_put_slot_h64(cw_an_map *m,
                                                 const char *key, size_t n,
                                                 uint64_t tag, uint64_t h64,
                                                 long val, int *created) {
  if ((m->count + 1) * 2 > m->cap && cw_an_map_grow(m))
    return NULL;
  uint64_t h = cw_an_map_mix(h64, tag);
  cw_an_slot *s = cw_an_map_find(m, key, n, tag, h);
  *created = s->gen != m->gen;
  if (*created) {
    s->key = key;
    s->n = n;
    s->tag = tag;
    s->hash = (uint32_t)h;
    s->gen = m->gen;
    s->val = val;
    m->count++;
  }
  return s;
}

/* Sizes m for n keys at least, so that puts up to n keys never rehash
 * (the table is one allocation rather than one per doubling); the map's
 * contents and lookups are unchanged. CW_ERR_NOMEM on failure. */
cw_status cw_an_map_reserve(cw_an_map *m, size_t n);

/* ---- analysis context --------------------------------------------------- */

typedef struct cw_an_word { /* one distinct folded word */
  const char *s;            /* folded, curly apostrophes made straight */
  size_t n;
  unsigned lex;         /* LX_* */
  unsigned stop : 1;    /* a stopword */
  unsigned report : 1;  /* a reporting verb */
  unsigned lower : 1;   /* seen with a lower-case first letter */
  unsigned cap_mid : 1; /* seen capitalised inside a normal sentence */
  /* ... and there not as part of a longer name ("Port", not the "Port" of
   * "Port of Korsa"); set by cw_an_mark_solo() only */
  unsigned cap_solo : 1;
  unsigned nul : 1;     /* holds a NUL byte */
  unsigned dash : 1;    /* holds a '-' */
  /* entities.c's descriptions, looked up once: desc_known, then whether it
   * names a public figure ("billionaire") or may qualify one ("former") */
  unsigned desc_known : 1, desc_figure : 1, desc_adjective : 1;
  /* entities.c's word_class(), looked up once: wc_known, then the class */
  unsigned wc_known : 1, wc : 4;
  uint64_t hash;        /* analyze.c's word_hash() of s */
  long term;            /* index of its term, -1 before first use */
} cw_an_word;

typedef struct cw_an_tok { /* per token, beside cw_token */
  long word;               /* index into words, -1 for punctuation */
  unsigned char initial;   /* first word of its sentence */
  unsigned char title;     /* in a title-cased sentence (headline): 1, or
                              2 in a heading glued into a sentence */
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
      org_word : 1, acronym : 1, bare_role : 1,
      /* one word right after "the", no role: "the Bill" (a bill) */
      after_the : 1,
      /* one word right after "the" or a possessive ("his Presidential") */
      determined : 1,
      /* the organisation word is a club's prefix ("KV Maasveld"), so the
       * last word alone may name it */
      club : 1,
      /* the last word names a building or a street ("City Hall") */
      facility : 1,
      /* after "according to": a source, a person or an organisation */
      source : 1,
      /* a name of several words before a reporting verb ("X said") */
      said : 1;
  /* the type the words around it give (entities.c mention_cues): a noun
   * in apposition ("the collector X", "X, the payments app"), a reporting
   * verb after a first name; a TAG_* value, 0 for none */
  unsigned char cue;
  /* the tagger's type for this span (0 none, 1 PER, 2 ORG, 3 LOC) */
  unsigned char tag;
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
  int solo_marked;     /* cw_an_mark_solo() has run */
  int title_stretches; /* some tokens have title 2 */
} cw_an_ctx;

/* cw_is_space() inline, for the loops over every byte of a text. */
static inline int cw_an_is_space(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r'); /* \t \n \v \f \r */
}

static inline cw_an_word *cw_an_word_at(cw_an_ctx *c, long i) {
  return &CW_VEC_AT(&c->words, cw_an_word, (size_t)i);
}

/* Sets cap_solo of the words the text capitalises inside a normal
 * sentence other than as part of a longer name (capitalised words beside
 * them, or past a connector: "Port of Korsa"). Few texts ask (entities.c,
 * for a lone sentence-initial word also written in lower case), so it runs
 * on the first ask, once: one pass over the tokens. */
void cw_an_mark_solo(cw_an_ctx *c);

/* cw_ner_doc_init() for the tokens of c: the folded bytes, lexicon bits
 * and word numbers of the words interned by cw_analyze() are reused
 * instead of folding and looking up each token again (the same bytes, so
 * the same document). */
cw_status cw_ner_doc_init_ctx(cw_ner_doc *d, const cw_an_ctx *c);

/* For tests: empties the calling thread's cache of word and word-pair
 * sums (ner_tagger.c) for model m, its stamps given from after `last`, so
 * that they run out after UINT32_MAX - last more words. Other threads'
 * caches are their own and untouched. */
void cw_ner_cache_restamp(const cw_ner_model *m, uint32_t last);

/* Finds the mentions of the text (entities.c) into c->mentions. */
cw_status cw_an_find_mentions(cw_an_ctx *c);
/* Joins mentions into entities and fills a->entities (entities.c). */
cw_status cw_an_resolve(cw_an_ctx *c, cw_analysis *a);
/* Joins the descriptions of people ("the Tesla CEO", "the president") to
 * the entities of a (after cw_an_resolve) they unambiguously point at: a
 * mention without a role and an alias "the ..." each. */
cw_status cw_an_descriptions(cw_an_ctx *c, cw_analysis *a);

#endif
