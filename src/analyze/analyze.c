/* analyze.c - the analysis driver: sentences, tokens, entities and the
 * bag of terms of one article.
 *
 * Passes, each linear: split sentences and tokens (src/text); fold every
 * word once and intern it, so that later passes compare small integers and
 * keep per-word facts (seen in lower case? capitalised mid-sentence?) in
 * one place; mark sentence-initial words and title-cased headlines; find
 * and join entity mentions (entities.c); count stemmed terms of the body
 * and, twice, of the title; add one "e:" term per entity so that
 * clustering can weight names up. The result lives in one arena.
 */
#include "analyze/analyze_int.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Longer "words" (URLs without spaces, base64, noise) are not terms: they
 * would only bloat the index and never match another article. */
#define CW_TERM_MAX_BYTES 64
/* Numbers shorter than this ("5", "13") are too common to tell stories
 * apart; "300", "2,000" and "3.5" stay. */
#define CW_TERM_MIN_NUMBER 3
/* A sentence is a title-cased headline when it has at least this many
 * content words and at most one in TITLE_LOWER_RATIO of them in lower
 * case ("Russia Offers Asylum to Elon Musk Amid Feud"). */
#define TITLE_MIN_WORDS 4
#define TITLE_LOWER_RATIO 10
/* Words up to this many bytes take intern()'s ASCII path (on the stack). */
#define INTERN_ASCII_MAX 64
/* word_hash(): its start and multiplier. */
#define WORD_HASH_SEED 0x2545F4914F6CDD1DULL
#define WORD_HASH_MUL 0x9E3779B97F4A7C15ULL

const char *cw_entity_type_name(cw_entity_type type) {
  switch (type) {
  case CW_ENT_PERSON:
    return "PERSON";
  case CW_ENT_ORG:
    return "ORG";
  case CW_ENT_PLACE:
    return "PLACE";
  case CW_ENT_UNKNOWN:
    break;
  }
  return "UNKNOWN";
}

/* ---- the thread's cache of word kinds ------------------------------------
 *
 * A word's lexicon bits (cw_an_lex) and kinds (cw_word_kinds) depend on
 * its bytes alone, and the words of news repeat from article to article:
 * each thread keeps those of the words it interned last, direct-mapped by
 * the hash intern() made (a word evicts the one in its slot). Read through
 * the C11 thread-local, freed by the key's destructor when the thread
 * exits and at exit() for the thread calling it, as ner_tagger.c's word
 * cache. */
#define KIND_CACHE_SLOTS 4096
#define KIND_CACHE_WORD 23 /* longer words are looked up every time */

typedef struct kind_entry {
  uint64_t hash;
  unsigned char n;   /* 0: empty */
  unsigned char nul;  /* w holds a NUL byte */
  unsigned char dash; /* w holds a '-' */
  unsigned char sn;  /* the stem's length + 1; 0: not stemmed yet */
  char w[KIND_CACHE_WORD];
  char stem[KIND_CACHE_WORD]; /* cw_stem() of w, once count_word asked */
  unsigned lex, kinds;
} kind_entry;

typedef struct kind_cache {
  kind_entry e[KIND_CACHE_SLOTS];
} kind_cache;

static _Thread_local kind_cache *thread_kinds;

static void kinds_free(void *p) {
  free(p);
  thread_kinds = NULL;
}

static cw_tls_kind kinds_tls = CW_TLS_KIND(kinds_free);

/* The thread's cache, or NULL without memory. */
static kind_cache *kinds_cache(void) {
  kind_cache *kc = thread_kinds;
  if (!kc)
    kc = thread_kinds = cw_tls_zalloc(&kinds_tls, sizeof *kc);
  return kc;
}

/* The slot of word hash h64 in kc. */
static inline kind_entry *kind_slot(kind_cache *kc, uint64_t h64) {
  return &kc->e[(h64 ^ (h64 >> 32)) & (KIND_CACHE_SLOTS - 1)];
}

/* cw_an_lex() and cw_word_kinds() of [w, w + n) (word_hash() h64), and
 * whether it holds a NUL byte or a '-', through the thread's cache. */
static void word_kinds_cached(const char *w, size_t n, uint64_t h64,
                              unsigned *lex, unsigned *kinds, int *nul,
                              int *dash) {
  kind_cache *kc = n && n <= KIND_CACHE_WORD ? kinds_cache() : NULL;
  if (!kc) {
    *lex = cw_an_lex(w, n);
    *kinds = cw_word_kinds(w, n);
    *nul = memchr(w, 0, n) != NULL;
    *dash = memchr(w, '-', n) != NULL;
    return;
  }
  kind_entry *e = kind_slot(kc, h64);
  if (e->n != n || e->hash != h64 || !cw_mem_eq(e->w, w, n)) {
    e->hash = h64;
    e->n = (unsigned char)n;
    e->sn = 0;
    memcpy(e->w, w, n);
    e->nul = memchr(w, 0, n) != NULL;
    e->dash = memchr(w, '-', n) != NULL;
    e->lex = cw_an_lex(w, n);
    e->kinds = cw_word_kinds(w, n);
  }
  *lex = e->lex;
  *kinds = e->kinds;
  *nul = e->nul;
  *dash = e->dash;
}

/* cw_stem() of word w (into *n its length), through the thread's cache:
 * the slot add_word() filled for w keeps its stem, so a word of the last
 * articles is stemmed without hashing it again. NULL without memory. */
static const char *stem_cached(cw_stemmer *st, const cw_an_word *w,
                               size_t *n) {
  kind_cache *kc = thread_kinds;
  kind_entry *e = NULL;
  if (kc && w->n && w->n <= KIND_CACHE_WORD) {
    e = kind_slot(kc, w->hash);
    if (e->n != w->n || e->hash != w->hash || !cw_mem_eq(e->w, w->s, w->n))
      e = NULL; /* evicted by another word since */
    else if (e->sn) {
      *n = e->sn - 1u;
#ifndef NDEBUG
      size_t rn;
      const char *r = cw_stem(st, w->s, w->n, &rn);
      assert(r && rn == *n && memcmp(r, e->stem, rn) == 0);
#endif
      return e->stem;
    }
  }
  const char *s = cw_stem(st, w->s, w->n, n);
  if (s && e && *n <= KIND_CACHE_WORD) {
    memcpy(e->stem, s, *n);
    e->sn = (unsigned char)(*n + 1);
  }
  return s;
}

/* ---- the hash of interned words ------------------------------------------
 *
 * intern() folds and hashes a token eight bytes at a time: a word's bytes
 * as little-endian 64-bit chunks (the last one zero-padded), each mixed
 * into the hash, then its length. The words' table (c->word_ix) and the
 * kind cache are its only users, so any hash does that gives one word one
 * value on every path: word_hash() over the folded bytes is the reference
 * the ASCII path computes as it folds. */

static uint64_t hash_chunk(uint64_t h, uint64_t v) {
  h = (h ^ v) * WORD_HASH_MUL;
  return h ^ (h >> 32);
}

static uint64_t hash_end(uint64_t h, size_t n) {
  h = (h ^ (uint64_t)n) * WORD_HASH_MUL;
  return h ^ (h >> 29);
}

/* The chunk of the m bytes at p (1 <= m <= 8), zero-padded. */
static uint64_t load_chunk(const char *p, size_t m) {
  unsigned char t[8] = {0};
  memcpy(t, p, m);
  uint64_t v = 0;
  for (int k = 7; k >= 0; k--)
    v = v << 8 | t[k];
  return v;
}

/* The hash of the folded word [b, b + n). */
static uint64_t word_hash(const char *b, size_t n) {
  uint64_t h = WORD_HASH_SEED;
  for (size_t i = 0; i < n; i += 8)
    h = hash_chunk(h, load_chunk(b + i, n - i < 8 ? n - i : 8));
  return hash_end(h, n);
}

/* The lower case of the ASCII letters of chunk v, whose bytes are all
 * ASCII: 0x20 added where a byte is in A..Z (no byte carries into the
 * next: each is below 0x80). */
static uint64_t lower_chunk(uint64_t v) {
  const uint64_t high = 0x8080808080808080ULL;
  uint64_t ge_a = v + 0x3F3F3F3F3F3F3F3FULL; /* high bit: byte >= 'A' */
  uint64_t gt_z = v + 0x2525252525252525ULL; /* high bit: byte > 'Z' */
  return v | ((ge_a & ~gt_z & high) >> 2);
}

/* cw_vec_push() for vectors of elements of `size` bytes, inline while v
 * has room (cw_analyze() reserves the words and the terms). */
static void *vec_push(cw_vec *v, size_t size) {
  if (v->len < v->cap) {
    void *e = (char *)v->items + v->len++ * size;
    memset(e, 0, size);
    return e;
  }
  return cw_vec_push(v);
}

/* Adds the folded word [b, b + k) (copied; word_hash() h64) to c->words as
 * *out: slot, its entry in c->word_ix just made (value the index it
 * gets, key b), gets the copy as its key. */
static cw_status add_word(cw_an_ctx *c, cw_an_slot *slot, const char *b,
                          size_t k, uint64_t h64, long *out) {
  char *copy = cw_arena_strndup(c->arena, b, k);
  cw_an_word *w = vec_push(&c->words, sizeof *w);
  if (!copy || !w)
    return CW_ERR_NOMEM;
  slot->key = copy;
  w->s = copy;
  w->n = k;
  w->hash = h64;
  unsigned kinds;
  int nul, dash;
  word_kinds_cached(copy, k, h64, &w->lex, &kinds, &nul, &dash);
  w->nul = nul != 0;
  w->dash = dash != 0;
  w->stop = (kinds & CW_WORD_STOP) != 0;
  w->report = (kinds & CW_WORD_REPORT) != 0;
  w->term = -1;
  *out = (long)c->words.len - 1;
  assert(slot->val == *out);
  return CW_OK;
}

/* Interns the folded word [b, b + k) (word_hash() h64; b borrowed for the
 * call): its index in c->words into *out, after one probe of the table. */
/* (always inline: the hot loop of cw_analyze() inlines intern(), which
 * inlines this; out of line, each costs a call a token) */
#if defined(__GNUC__)
#define AN_INLINE __attribute__((always_inline)) inline
#else
#define AN_INLINE inline
#endif

static AN_INLINE cw_status intern_folded(cw_an_ctx *c, const char *b,
                                         size_t k, uint64_t h64, long *out) {
  int created;
  cw_an_slot *s = cw_an_map_put_slot_h64(&c->word_ix, b, k, 0, h64,
                                         (long)c->words.len, &created);
  if (!s)
    return CW_ERR_NOMEM;
  if (!created) {
    *out = s->val;
    return CW_OK;
  }
  return add_word(c, s, b, k, h64, out);
}

/* Interns the folded form of [s, s + n): *out is its index in c->words,
 * or -1 when the slice cannot be folded; *ascii is set when the slice is
 * ASCII (its fold then its lower case). The bytes up to end (at least
 * s + n) may be read: a token's last chunk is loaded whole when they
 * reach eight bytes past its start. */
static AN_INLINE cw_status intern(cw_an_ctx *c, const char *s, size_t n,
                                  const char *end, long *out, int *ascii) {
  *out = -1;
  *ascii = 0;
  if (n <= INTERN_ASCII_MAX) {
    /* ASCII, the common case: folded (lower-cased, as cw_text_fold does)
     * and hashed (word_hash) eight bytes at a time */
    char b[INTERN_ASCII_MAX + 8];
    uint64_t h = WORD_HASH_SEED, nonascii = 0;
    for (size_t i = 0; i < n && !nonascii; i += 8) {
      size_t m = n - i < 8 ? n - i : 8;
      uint64_t v;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      if ((size_t)(end - (s + i)) >= 8) {
        memcpy(&v, s + i, 8);
        if (m < 8)
          v &= ((uint64_t)1 << (8 * m)) - 1;
      } else {
        v = load_chunk(s + i, m);
      }
#else
      v = load_chunk(s + i, m);
#endif
      nonascii = v & 0x8080808080808080ULL;
      v = lower_chunk(v);
      for (size_t k = 0; k < 8; k++)
        b[i + k] = (char)(unsigned char)(v >> (8 * k));
      h = hash_chunk(h, v);
    }
    if (!nonascii) {
      *ascii = 1;
      return intern_folded(c, b, n, hash_end(h, n), out);
    }
  }
  cw_buf_reset(&c->scratch);
  cw_status st = cw_text_fold(s, n, &c->scratch);
  if (st == CW_ERR_CHARSET)
    return CW_OK;
  if (st)
    return st;
  /* curly apostrophes made straight: "Musk’s" and "Musk's" are one word */
  char *b = c->scratch.ptr;
  size_t k = 0;
  for (size_t i = 0; i < c->scratch.len; i++) {
    if ((unsigned char)b[i] == 0xE2 && i + 2 < c->scratch.len &&
        (unsigned char)b[i + 1] == 0x80 && (unsigned char)b[i + 2] == 0x99) {
      b[k++] = '\'';
      i += 2;
    } else {
      b[k++] = b[i];
    }
  }
  return intern_folded(c, b, k, word_hash(b, k), out);
}

/* intern() for the few words of a title: out of line. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static cw_status intern_title(cw_an_ctx *c, const char *s, size_t n,
                              const char *end, long *out) {
  int ascii;
  return intern(c, s, n, end, out, &ascii);
}

static int punct_is(const cw_an_ctx *c, size_t i, const char *s) {
  size_t n = strlen(s);
  return c->tok[i].kind == CW_TOK_PUNCT &&
         c->tok[i].end - c->tok[i].start == n &&
         memcmp(c->text + c->tok[i].start, s, n) == 0;
}

/* Whether word token j opens a clause after punctuation inside sentence
 * [k0, ...): right after an opening quote ("said: 'Scary'"), or after a
 * spaced dash or colon ("KABUL - The Taliban", "meltdown: How the"). Such
 * words are capitalised for the same reason as sentence-initial ones. */
static int opens_clause(const cw_an_ctx *c, size_t j, size_t k0) {
  if (j == k0)
    return 0;
  size_t q = j - 1;
  const cw_token *p = &c->tok[q];
  if (p->kind != CW_TOK_PUNCT)
    return 0;
  if (punct_is(c, q, "'") || punct_is(c, q, "\"") ||
      punct_is(c, q, "\xE2\x80\x98") || punct_is(c, q, "\xE2\x80\x9C"))
    return p->end == c->tok[j].start &&
           (q == k0 || (p->start > 0 &&
                        cw_an_is_space((unsigned char)c->text[p->start - 1])));
  if (punct_is(c, q, "-") || punct_is(c, q, "\xE2\x80\x93") ||
      punct_is(c, q, "\xE2\x80\x94") || punct_is(c, q, ":"))
    return p->end < c->tok[j].start;
  return 0;
}

/* Whether token j is an all-capitals word opening its sentence and
 * followed by a dash or colon: "PORTLAND – The board...". */
static int is_dateline(const cw_an_ctx *c, size_t j) {
  if (!c->info[j].initial || !(c->tok[j].flags & CW_TOKF_ALLCAPS) ||
      j + 1 >= c->ntok)
    return 0;
  return punct_is(c, j + 1, "-") || punct_is(c, j + 1, "\xE2\x80\x93") ||
         punct_is(c, j + 1, "\xE2\x80\x94") || punct_is(c, j + 1, ":");
}

/* Capitalised words of a sentence whose cap_mid waits for the sentence's
 * case (mark_sentences()); a sentence of more rescans its tokens. */
#define PENDING_MAX 64

/* Whether tokens a < b are words one space apart: parts of one name. */
static int one_space(const cw_an_ctx *c, size_t a, size_t b) {
  return c->tok[a].end + 1 == c->tok[b].start && c->text[c->tok[a].end] == ' ';
}

/* Whether token k is a capitalised word that is no stopword ("Korsa",
 * not "The"). */
static int name_word(cw_an_ctx *c, size_t k) {
  return c->tok[k].kind == CW_TOK_WORD && c->info[k].word >= 0 &&
         (c->tok[k].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) &&
         !cw_an_word_at(c, c->info[k].word)->stop;
}

/* Whether token k is a connector in lower case ("of", "de"). */
static int conn_word(cw_an_ctx *c, size_t k) {
  return c->tok[k].kind == CW_TOK_WORD && c->info[k].word >= 0 &&
         !(c->tok[k].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) &&
         (cw_an_word_at(c, c->info[k].word)->lex & LX_CONN);
}

/* Whether capitalised word token j is part of a longer name: a capitalised
 * word beside it, or past a connector ("Maritime Safety Directorate",
 * "Port of Korsa", "Korsa Port Authority"). */
static int in_longer_name(cw_an_ctx *c, size_t j) {
  if (j > 0 && one_space(c, j - 1, j) &&
      (name_word(c, j - 1) ||
       (j > 1 && conn_word(c, j - 1) && one_space(c, j - 2, j - 1) &&
        name_word(c, j - 2))))
    return 1;
  return j + 1 < c->ntok && one_space(c, j, j + 1) &&
         (name_word(c, j + 1) ||
          (j + 2 < c->ntok && conn_word(c, j + 1) &&
           one_space(c, j + 1, j + 2) && name_word(c, j + 2)));
}

/* Whether token j is a function word written Title Case inside a sentence
 * ("Russia to Welcome Musk If Required"): only names ("Bank Of ...") and
 * headings do that. Not "US" (capitals) nor a title or qualifier. */
static int title_stopword(cw_an_ctx *c, size_t j) {
  const cw_token *t = &c->tok[j];
  if (t->kind != CW_TOK_WORD || c->info[j].initial || c->info[j].word < 0 ||
      (t->flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) != CW_TOKF_CAP)
    return 0;
  const cw_an_word *w = cw_an_word_at(c, c->info[j].word);
  return w->stop && !(w->lex & (LX_TITLE | LX_HON | LX_QUAL | LX_TIME));
}

/* A heading glued to the sentence after it ("... to deport Musk. Russia
 * to Welcome Musk If Required "However, ..."): the words that open
 * sentence tokens [k0, k1), one space apart, each capitalised or a
 * function word, with a title_stopword() between two capitalised words
 * and at least TITLE_MIN_WORDS capitalised content words, are marked
 * title 2, a headline of their own (no evidence of names). A stretch
 * inside the sentence is left alone: "Ohio-based KeyCorp and Banc One
 * Corp." is a list of names. */
static void mark_glued_heading(cw_an_ctx *c, size_t k0, size_t k1) {
  size_t e = k0, caps = 0;
  int inner = 0;
  for (; e < k1; e++) {
    if (c->tok[e].kind != CW_TOK_WORD || c->info[e].word < 0 ||
        (e > k0 && !one_space(c, e - 1, e)))
      break;
    const cw_an_word *w = cw_an_word_at(c, c->info[e].word);
    int cap = (c->tok[e].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) != 0;
    if (!cap && !w->stop)
      break;
    if (caps && title_stopword(c, e) && e + 1 < k1 && one_space(c, e, e + 1) &&
        name_word(c, e + 1))
      inner = 1;
    caps += cap && !w->stop;
  }
  if (!inner || caps < TITLE_MIN_WORDS)
    return;
  for (size_t q = k0; q < e; q++)
    c->info[q].title = 2;
  c->title_stretches = 1;
}

/* Marks sentence-initial tokens and headline sentences, and records per
 * word whether the text writes it in lower case or capitalises it inside
 * a normal sentence. One pass over a sentence's tokens marks them and
 * counts its words; the capitalised words not opening it get cap_mid
 * after, unless it is a headline. */
static void mark_sentences(cw_an_ctx *c, const cw_span *sents, size_t ns) {
  size_t k = 0;
  size_t pending[PENDING_MAX];
  /* in locals: the stores below through c->info and the words would have
   * them reloaded for every token */
  const size_t ntok = c->ntok;
  const cw_token *tok = c->tok;
  cw_an_tok *info = c->info;
  for (size_t s = 0; s < ns && k < ntok; s++) {
    const size_t sent_start = sents[s].start, sent_end = sents[s].end;
    while (k < ntok && tok[k].start < sent_start)
      k++;
    size_t k0 = k, content = 0, lower = 0, np = 0;
    int seen_word = 0;
    unsigned title_stop = 0; /* a capitalised stopword inside it */
    for (; k < ntok && tok[k].start < sent_end; k++) {
      size_t j = k;
      const cw_token *t = &tok[j];
      if (t->kind == CW_TOK_PUNCT)
        continue;
      if (!seen_word || opens_clause(c, j, k0))
        info[j].initial = 1;
      seen_word = 1;
      cw_an_word *w =
          info[j].word >= 0 ? cw_an_word_at(c, info[j].word) : NULL;
      if (t->kind != CW_TOK_WORD || !w)
        continue;
      if (t->flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) {
        /* a dateline ("PORTLAND –") capitalises a name too; another
         * capitalised word opening the sentence or a clause does not, nor
         * does one of a headline (known at its end) */
        if (c->info[j].initial) {
          if ((t->flags & CW_TOKF_ALLCAPS) && is_dateline(c, j))
            w->cap_mid = 1;
        } else {
          if (np < PENDING_MAX)
            pending[np++] = j;
          else
            np = PENDING_MAX + 1; /* too many: rescanned */
          if (w->stop && !title_stop)
            title_stop = (unsigned)title_stopword(c, j);
        }
      } else {
        /* cw_text_letter_case() == 1, inline for an ASCII first byte
         * (lower case: a to z only) */
        unsigned char b0 = (unsigned char)c->text[t->start];
        if (b0 < 0x80 ? (unsigned)(b0 - 'a') < 26u
                      : cw_text_letter_case(c->text + t->start,
                                            t->end - t->start, NULL) == 1)
          w->lower = 1;
      }
      if (w->stop)
        continue;
      content++;
      if (!(t->flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)))
        lower++;
    }
    int title =
        content >= TITLE_MIN_WORDS && lower * TITLE_LOWER_RATIO <= content;
    if (title) {
      for (size_t j = k0; j < k; j++)
        c->info[j].title = 1;
    } else {
      /* a heading glued to the sentence is a headline of its own */
      if (title_stop)
        mark_glued_heading(c, k0, k);
      if (np <= PENDING_MAX) {
        for (size_t q = 0; q < np; q++)
          if (!title_stop || !c->info[pending[q]].title)
            cw_an_word_at(c, c->info[pending[q]].word)->cap_mid = 1;
      } else {
        for (size_t j = k0; j < k; j++)
          if (c->tok[j].kind == CW_TOK_WORD && c->info[j].word >= 0 &&
              (c->tok[j].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) &&
              !c->info[j].initial && !c->info[j].title)
            cw_an_word_at(c, c->info[j].word)->cap_mid = 1;
      }
    }
#ifndef NDEBUG
    /* debug builds: every capitalised word inside a sentence that is no
     * headline has cap_mid, as do the datelines */
    for (size_t j = k0; j < k; j++)
      if (c->tok[j].kind == CW_TOK_WORD && c->info[j].word >= 0 &&
          (c->tok[j].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)))
        assert(((!c->info[j].title && !c->info[j].initial) || is_dateline(c, j))
                   ? cw_an_word_at(c, c->info[j].word)->cap_mid
                   : 1);
#endif
  }
}

void cw_an_mark_solo(cw_an_ctx *c) {
  if (c->solo_marked)
    return;
  c->solo_marked = 1;
  for (size_t j = 0; j < c->ntok; j++)
    if (c->tok[j].kind == CW_TOK_WORD && c->info[j].word >= 0 &&
        (c->tok[j].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) &&
        ((!c->info[j].initial && !c->info[j].title) ||
         (c->info[j].initial && (c->tok[j].flags & CW_TOKF_ALLCAPS) &&
          is_dateline(c, j))) &&
        !in_longer_name(c, j))
      cw_an_word_at(c, c->info[j].word)->cap_solo = 1;
}

typedef struct term_acc {
  cw_stemmer *stemmer; /* the thread's (cw_stemmer_thread) */
  cw_an_map map;       /* term -> index into vec */
  cw_vec vec;          /* cw_term */
} term_acc;

/* Finds or adds the term [s, s + n) (copied into the arena when new):
 * one probe of the terms' table, inline. */
static inline cw_status term_index(cw_an_ctx *c, term_acc *ta, const char *s,
                                   size_t n, int is_name, long *out) {
  int created;
  cw_an_slot *slot = cw_an_map_put_slot_h64(
      &ta->map, s, n, 0, cw_an_map_hash(s, n), (long)ta->vec.len, &created);
  if (!slot)
    return CW_ERR_NOMEM;
  *out = slot->val;
  if (!created)
    return CW_OK;
  char *copy = cw_arena_strndup(c->arena, s, n);
  cw_term *t = vec_push(&ta->vec, sizeof *t);
  if (!copy || !t)
    return CW_ERR_NOMEM;
  slot->key = copy; /* s is borrowed (the stemmer's or the scratch) */
  t->term = copy;
  t->is_name = is_name;
  return CW_OK;
}

/* Counts token word `word` (of token kind `kind`) with weight. */
static inline cw_status count_word(cw_an_ctx *c, term_acc *ta, long word,
                                   int kind, float weight) {
  if (word < 0)
    return CW_OK;
  cw_an_word *w = cw_an_word_at(c, word);
  if (w->term == -1) {
    w->term = -2; /* not a term, unless found otherwise below */
    if (w->stop || w->n == 0)
      return CW_OK;
    const char *s = w->s;
    size_t n = w->n;
    if (kind == CW_TOK_NUMBER) {
      if (n < CW_TERM_MIN_NUMBER)
        return CW_OK;
    } else {
      if (n > CW_TERM_MAX_BYTES)
        return CW_OK;
      s = stem_cached(ta->stemmer, w, &n);
      if (!s)
        return CW_ERR_NOMEM;
    }
    long t;
    cw_status st = term_index(c, ta, s, n, 0, &t);
    if (st)
      return st;
    w = cw_an_word_at(c, word); /* words did not move, but be plain */
    w->term = t;
  }
  if (w->term >= 0)
    CW_VEC_AT(&ta->vec, cw_term, (size_t)w->term).tf += weight;
  return CW_OK;
}

static int cmp_term(const void *x, const void *y) {
  return strcmp(((const cw_term *)x)->term, ((const cw_term *)y)->term);
}

/* A term under sorting: its first eight bytes big-endian (NUL-padded),
 * which order as strcmp orders those bytes, then its index. */
typedef struct term_key {
  uint64_t k;
  size_t i;
} term_key;

static int key_less(const cw_term *t, const term_key *a, const term_key *b) {
  return a->k != b->k ? a->k < b->k : strcmp(t[a->i].term, t[b->i].term) < 0;
}

/* The first eight bytes of term s big-endian, the bytes after its NUL
 * zero. Terms are cw_arena_strndup() copies (term_index()), whose NUL and
 * padding to 16 bytes are zero: eight bytes are loaded at once. */
static uint64_t term_prefix(const char *s) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) &&                            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t k;
  memcpy(&k, s, 8);
  k = __builtin_bswap64(k);
#else
  uint64_t k = 0;
  for (size_t j = 0; j < 8; j++) {
    unsigned char ch = (unsigned char)s[j];
    k = k << 8 | ch;
    if (!ch) {
      k <<= 8 * (7 - j); /* the NUL and the padding after it */
      break;
    }
  }
#endif
#ifndef NDEBUG
  {
    uint64_t r = 0;
    int end = 0;
    for (size_t j = 0; j < 8; j++) {
      end |= !s[j];
      r = r << 8 | (end ? 0u : (unsigned char)s[j]);
    }
    assert(k == r);
  }
#endif
  return k;
}

/* Buckets of this many keys or fewer are sorted by insertion. */
#define TERM_BUCKET_SMALL 24

/* Sorts the keys a[0..n) of terms t by key_less(): a merge sort, b the
 * room for n more; returns a or b, whichever holds them sorted. */
static term_key *merge_sort_keys(const cw_term *t, term_key *a, term_key *b,
                                 size_t n) {
  for (size_t w = 1; w < n; w *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n,
             hi = lo + 2 * w < n ? lo + 2 * w : n;
      size_t i = lo, j = mid, o = lo;
      while (i < mid && j < hi)
        b[o++] = key_less(t, &a[j], &a[i]) ? a[j++] : a[i++];
      while (i < mid)
        b[o++] = a[i++];
      while (j < hi)
        b[o++] = a[j++];
    }
    term_key *x = a;
    a = b;
    b = x;
  }
  return a;
}

/* Writes t[0..n) to out sorted as qsort with cmp_term sorts them (the
 * terms are distinct, so the order is the one order): the prefix keys
 * bucketed by their first byte, each bucket sorted by insertion or, when
 * large, merged; mostly without a strcmp call or a term moved twice. */
static void sort_terms(const cw_term *t, size_t n, cw_term *out) {
  term_key *a = malloc(2 * n * sizeof *a);
  if (!a) {
    memcpy(out, t, n * sizeof *t);
    qsort(out, n, sizeof *out, cmp_term);
    return;
  }
  term_key *b = a + n;
  size_t start[257] = {0};
  for (size_t i = 0; i < n; i++) {
    uint64_t k = term_prefix(t[i].term);
    b[i].k = k;
    b[i].i = i;
    start[(k >> 56) + 1]++;
  }
  for (size_t v = 1; v <= 256; v++)
    start[v] += start[v - 1];
  /* start[v] is now where bucket v begins; each bucket filled in order */
  for (size_t i = 0; i < n; i++)
    a[start[b[i].k >> 56]++] = b[i];
  /* start[v] is where bucket v ends */
  for (size_t v = 0, lo = 0; v < 256; lo = start[v++]) {
    size_t hi = start[v];
    if (hi - lo > TERM_BUCKET_SMALL) {
      term_key *s = merge_sort_keys(t, a + lo, b + lo, hi - lo);
      if (s != a + lo)
        memcpy(a + lo, s, (hi - lo) * sizeof *a);
      continue;
    }
    for (size_t i = lo + 1; i < hi; i++) {
      term_key x = a[i];
      size_t j = i;
      for (; j > lo && key_less(t, &x, &a[j - 1]); j--)
        a[j] = a[j - 1];
      a[j] = x;
    }
  }
  for (size_t i = 0; i < n; i++)
    out[i] = t[a[i].i];
  free(a);
#ifndef NDEBUG
  for (size_t i = 1; i < n; i++)
    assert(strcmp(out[i - 1].term, out[i].term) < 0);
#endif
}

/* Entity names this long or shorter make their term in a local buffer
 * when ASCII (build_terms()). */
#define NAME_TERM_FAST 128

static cw_status build_terms(cw_an_ctx *c, const char *title, cw_analysis *a) {
  cw_status st = CW_ERR_NOMEM;
  term_acc ta = {0};
  cw_vec tt;
  cw_vec_init(&ta.vec, sizeof(cw_term));
  cw_vec_init(&tt, sizeof(cw_token));
  if (!(ta.stemmer = cw_stemmer_thread()))
    goto fail;
  /* terms: stems of the content words, and the names */
  if ((st = cw_an_map_reserve(&ta.map, c->words.len / 2 + a->n_entities)) ||
      (st = cw_vec_reserve(&ta.vec, c->words.len / 2 + a->n_entities + 8)))
    goto fail;
  st = CW_ERR_NOMEM;
  for (size_t i = 0; i < c->ntok; i++) {
    /* count_word(), its common case inline: a word already seen */
    long word = c->info[i].word;
    if (word < 0)
      continue;
    long term = cw_an_word_at(c, word)->term;
    if (term >= 0)
      CW_VEC_AT(&ta.vec, cw_term, (size_t)term).tf += 1.0f;
    else if (term == -1 &&
             (st = count_word(c, &ta, word, c->tok[i].kind, 1.0f)))
      goto fail;
  }
  if (title) {
    size_t tn = strlen(title);
    if ((st = cw_text_tokens(title, tn, NULL, &tt)))
      goto fail;
    for (size_t i = 0; i < tt.len; i++) {
      const cw_token *t = &CW_VEC_AT(&tt, cw_token, i);
      long w;
      if (t->kind == CW_TOK_PUNCT)
        continue;
      if ((st = intern_title(c, title + t->start, t->end - t->start,
                             title + tn, &w)) ||
          (st = count_word(c, &ta, w, t->kind, 2.0f)))
        goto fail;
    }
  }
  for (size_t e = 0; e < a->n_entities; e++) {
    const cw_entity *en = &a->entities[e];
    long t;
    /* "e:" and the folded name; an ASCII name's fold is its lower case
     * (cw_text_fold), made here without the scratch buffer */
    char key[2 + NAME_TERM_FAST];
    size_t nn = strlen(en->name), k = 0;
    unsigned char hi = 0;
    if (nn <= NAME_TERM_FAST) {
      key[0] = 'e';
      key[1] = ':';
      for (; k < nn; k++) {
        unsigned char ch = (unsigned char)en->name[k];
        hi |= ch;
        key[2 + k] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
      }
    }
    if (nn <= NAME_TERM_FAST && hi < 0x80) {
#ifndef NDEBUG
      cw_buf_reset(&c->scratch);
      cw_buf_puts(&c->scratch, "e:");
      assert(cw_text_fold(en->name, nn, &c->scratch) == CW_OK &&
             !c->scratch.err && c->scratch.len == 2 + nn &&
             memcmp(c->scratch.ptr, key, 2 + nn) == 0);
#endif
      if ((st = term_index(c, &ta, key, 2 + nn, 1, &t)))
        goto fail;
    } else {
      cw_buf_reset(&c->scratch);
      cw_buf_puts(&c->scratch, "e:");
      if ((st = cw_text_fold(en->name, nn, &c->scratch)) &&
          st != CW_ERR_CHARSET)
        goto fail;
      if (c->scratch.err) {
        st = c->scratch.err;
        goto fail;
      }
      if ((st = term_index(c, &ta, c->scratch.ptr, c->scratch.len, 1, &t)))
        goto fail;
    }
    cw_term *term = &CW_VEC_AT(&ta.vec, cw_term, (size_t)t);
    term->is_name = 1;
    term->tf += (float)en->n_mentions;
  }
  st = CW_ERR_NOMEM;
  a->n_terms = ta.vec.len;
  if (ta.vec.len) {
    a->terms = cw_arena_alloc_uninit(c->arena, ta.vec.len * sizeof(cw_term));
    if (!a->terms)
      goto fail;
    sort_terms(ta.vec.items, a->n_terms, a->terms);
  }
  st = CW_OK;
fail:
  cw_an_map_free(&ta.map);
  cw_vec_free(&ta.vec);
  cw_vec_free(&tt);
  return st;
}

cw_status cw_analyze(const char *title, const char *text, size_t len,
                     cw_analysis **out) {
  if (!out || (!text && len))
    return CW_ERR_USAGE;
  *out = NULL;
  if (!text)
    text = "";
  cw_status st = CW_ERR_NOMEM;
  cw_an_ctx c;
  cw_vec sents, toks;
  memset(&c, 0, sizeof c);
  cw_vec_init(&sents, sizeof(cw_span));
  cw_vec_init(&toks, sizeof(cw_token));
  cw_vec_init(&c.words, sizeof(cw_an_word));
  cw_vec_init(&c.mentions, sizeof(cw_an_mention));
  cw_buf_init(&c.scratch, 0);
  c.text = text;
  c.len = len;
  cw_arena *arena = cw_arena_new();
  cw_analysis *a = arena ? cw_arena_alloc(arena, sizeof *a) : NULL;
  if (!a)
    goto fail;
  a->arena = c.arena = arena;

  if ((st = cw_text_sentences(text, len, &sents)) ||
      (st = cw_text_tokens(text, len, &sents, &toks)))
    goto fail;
  st = CW_ERR_NOMEM;
  a->n_sentences = sents.len;
  if (sents.len) {
    a->sentences =
        cw_arena_memdup(arena, sents.items, sents.len * sizeof(cw_span));
    if (!a->sentences)
      goto fail;
  }
  if (toks.len) {
    /* the vector itself, cut to its tokens (the arena would zero a copy
     * and copy them: 24 bytes a token twice) */
    cw_token *own = realloc(toks.items, toks.len * sizeof(cw_token));
    if (own) {
      toks.items = own;
      toks.cap = toks.len;
    }
    a->tokens = a->own_tokens = toks.items;
  }
  a->n_tokens = toks.len;
  a->text_len = len;
  c.tok = toks.items;
  c.ntok = toks.len;
  /* not zeroed: the loop below writes every token's entry */
  if (c.ntok && !(c.info = malloc(c.ntok * sizeof *c.info)))
    goto fail;
  /* about a quarter of a news text's tokens are distinct words: one
   * table for them rather than one per doubling (the table's size is a
   * power of two; the vector's, a third of the tokens, seldom grows) */
  if ((st = cw_an_map_reserve(&c.word_ix, c.ntok / 4)) ||
      (st = cw_vec_reserve(&c.words, c.ntok / 3 + 8)))
    goto fail;
  st = CW_ERR_NOMEM;
  /* the words of the ASCII tokens for the deep pass (quotes.c folds the
   * others itself) */
  if (c.ntok && c.ntok < INT32_MAX &&
      !(a->token_word =
            cw_arena_alloc_uninit(arena, c.ntok * sizeof(int32_t))))
    goto fail;
  /* in locals: the stores below could otherwise be c's or a's fields */
  const cw_token *tok = c.tok;
  cw_an_tok *info = c.info;
  int32_t *token_word = a->token_word;
  for (size_t i = 0, ntok = c.ntok; i < ntok; i++) {
    long w = -1;
    int ascii = 0;
    if (tok[i].kind != CW_TOK_PUNCT &&
        (st = intern(&c, text + tok[i].start, tok[i].end - tok[i].start,
                     text + len, &w, &ascii)))
      goto fail;
    info[i].word = w; /* an ASCII token's is its lower case */
    info[i].initial = info[i].title = 0;
    /* a token holds no NUL byte (the tokenizer's white space) */
    assert(w < 0 || !cw_an_word_at(&c, w)->nul);
    int plain = ascii && w >= 0;
    if (token_word)
      token_word[i] = plain ? (int32_t)w : -1;
  }
  st = CW_ERR_NOMEM;
  if (c.words.len) {
    if (!(a->words =
              cw_arena_alloc_uninit(arena, c.words.len * sizeof *a->words)))
      goto fail;
    for (size_t k = 0; k < c.words.len; k++)
      a->words[k] = cw_an_word_at(&c, (long)k)->s;
    a->n_words = c.words.len;
  }
  mark_sentences(&c, a->sentences, a->n_sentences);
  if ((st = cw_an_find_mentions(&c)) || (st = cw_an_resolve(&c, a)) ||
      (st = build_terms(&c, title, a)) || (st = cw_an_descriptions(&c, a)))
    goto fail;
  *out = a;
  arena = NULL;
  st = CW_OK;
fail:
  /* the tokens unless a holds them (a failed analysis is in the arena) */
  if (arena || !toks.len)
    cw_vec_free(&toks);
  cw_arena_free(arena);
  cw_vec_free(&sents);
  free(c.info);
  cw_vec_free(&c.words);
  cw_vec_free(&c.mentions);
  cw_an_map_free(&c.word_ix);
  cw_buf_free(&c.scratch);
  return st;
}

cw_status cw_an_tokens(const cw_analysis *a, const char *text, size_t len,
                       int with_sentences, cw_vec *own, const cw_token **tok,
                       size_t *ntok) {
  if (a->tokens && a->text_len == len) {
    *tok = a->tokens;
    *ntok = a->n_tokens;
    return CW_OK;
  }
  cw_vec sents_view; /* a read-only view, never grown or freed */
  sents_view.items = a->sentences;
  sents_view.len = sents_view.cap = a->n_sentences;
  sents_view.size = sizeof(cw_span);
  cw_status st =
      cw_text_tokens(text, len, with_sentences ? &sents_view : NULL, own);
  *tok = own->items;
  *ntok = own->len;
  return st;
}

void cw_analysis_free(cw_analysis *a) {
  if (!a)
    return;
  free(a->own_tokens); /* cw_analyze()'s token vector */
  cw_arena_free(a->arena);
}
