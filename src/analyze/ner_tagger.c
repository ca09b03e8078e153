/* ner_tagger.c - a small statistical named-entity tagger: an averaged
 * perceptron over word, shape, affix, gazetteer, lexicon, document-case,
 * document-context and previous-label features, decoded greedily left to
 * right with IOB labels for PER, ORG, LOC and MISC, twice: the second
 * pass also sees how the first labelled the word's other occurrences in
 * the document, so that "Varga" alone agrees with "Lidia Varga".
 * Document context is what the text does around a word's capitalised
 * occurrences anywhere: after a first name or "Mr", before "Group",
 * after "in", after an initial, alone or in a longer run.
 *
 * Why: capitalisation rules find names well in clean prose but cannot
 * type "Leicestershire" or "Simmons" without knowledge; a linear model
 * trained on CoNLL-2003 carries that knowledge compactly. The features
 * are computed here for both training (bench/ner_train.c) and tagging, so
 * they cannot drift apart. Features are 32-bit FNV-1a hashes of a
 * template number and a value; the model file holds the sorted hashes of
 * the features kept and nine int16 weights each (one scale for all),
 * indexed by a hash table, so a score is a probe or two per feature; with
 * the shipped model, decoding scores the features that ignore the labels
 * once per token for both passes (greedy_model), and scores each of them
 * once per value rather than once per token where it can: those of a word
 * once per distinct word of the document, those of shapes once per
 * distinct shape or pair, those with few values (bits, labels) from tables
 * filled at load; the sums of a word's features, and those of a pair of
 * neighbouring words, are kept per thread from document to document
 * (word_cache); the label features after O, O (before most tokens) are
 * summed with those that ignore the labels, so that such a token adds
 * nothing at its step; and the second pass scores again only the tokens
 * whose history or first-pass evidence changed. The sums are of integers,
 * so the order does not change them: the labels are those of scoring
 * every feature of every token (debug builds check each token's sums).
 * A bound on what the label features can add cannot settle a token as O
 * before they are scored: one feature's weights can differ by more than
 * the usual margin of O over the other labels. The
 * model is read once per process (pthread_once) from $CW_NER_MODEL or
 * data/ner/model.bin of the source tree; without it cw_analyze() falls
 * back to rules alone.
 */
#include "analyze/analyze_int.h"
#include "core/core.h"

#include <assert.h>
#include <float.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Token flags. */
enum {
  NF_CAP = 1 << 0,        /* first letter upper case */
  NF_ALLCAPS = 1 << 1,    /* all letters upper case */
  NF_SENT_START = 1 << 2, /* first token of its sentence */
  NF_SENT_CAPS = 1 << 3,  /* in a sentence of mostly all-capitals words */
  NF_DOC_LOWER = 1 << 4,  /* the document also writes it in lower case */
  NF_DOC_CAPMID = 1 << 5, /* ... and capitalised inside a mixed sentence */
  NF_PUNCT = 1 << 6,
  NF_NUMBER = 1 << 7,
  /* a word token with NF_CAP or NF_ALLCAPS (cap_word()); no feature
   * reads it */
  NF_CAPWORD = 1 << 8,
  /* no capitalised word within NER_NEAR tokens either side: decoding
   * labels it O without scoring it (cw_ner_decode(); the bit is set for
   * the general path, greedy(), alone); no feature reads it */
  NF_FAR = 1 << 9,
  /* bit 10 unused (no feature reads a token's digits, hyphens or periods
   * but through its shape) */
  /* how the document uses a capitalised word elsewhere (any occurrence,
   * this one included): evidence a lone "Varga" or "Kestrel" lacks */
  NF_CTX_FIRST = 1 << 11,    /* after a capitalised first name */
  NF_CTX_HON = 1 << 12,      /* after an honorific or a title ("Mr", "coach") */
  NF_CTX_ORG = 1 << 13,      /* before an organisation head word ("Group") */
  NF_CTX_PREP = 1 << 14,     /* after a place preposition ("in") */
  NF_CTX_INITIAL = 1 << 15,  /* after an initial ("J. R. Hollis") */
  NF_CTX_MULTI = 1 << 16,    /* inside a run of two or more capitalised words */
  NF_CTX_ALONE = 1 << 17,    /* alone: no capitalised word either side */
  NF_CTX_NEXT_CAP = 1 << 18, /* before a capitalised word: a first name? */
  /* what the first pass of cw_ner_decode() made of the word's other
   * capitalised occurrences in the document */
  NF_L1_PER = 1 << 19,    /* then NF_L1_ORG, _LOC, _MISC, _O: 1 << 20 .. 23 */
  NF_L1_SURNAME = 1 << 24 /* the last word of a longer PER span */
};
/* The first pass's types, one bit each from NF_L1_PER (O last). */
#define NF_L1_SHIFT 19
#define NF_L1_TYPES 5
/* The majority type elsewhere, 1 + its index, 0 when none: 3 bits. */
#define NF_L1_MAJ_SHIFT 25
#define NF_L1_MASK (0x1ffu << NF_L1_SHIFT)
/* Bits of NF_CTX_* (shifted down for features). */
#define NF_CTX_SHIFT 11
#define NF_CTX_BITS 8

_Static_assert((int)NF_CAP == (int)CW_TOKF_CAP &&
                   (int)NF_ALLCAPS == (int)CW_TOKF_ALLCAPS &&
                   (int)NF_SENT_START == (int)CW_TOKF_SENT_START,
               "doc_init() copies the tokenizer's case bits");

/* A token more than this many tokens from every capitalised word is
 * labelled O without asking the scorer (NF_FAR). One keeps the small words
 * inside and around names ("Bank of England", "van", "the" of "the
 * Hague"); on CoNLL-2003 valid the span F1 is that of scoring every token,
 * and what it drops are lower-case words the model had called names
 * (words of URLs, "radio" after a station) and the capitalised words they
 * dragged along ("My" after an opening quote mark). */
#define NER_NEAR 1

/* Longest gazetteer name tried, in tokens. */
#define GAZ_MAX_TOKENS 4
/* Folded name bytes tried against the gazetteer. */
#define GAZ_KEY_MAX 64
/* Above the GZ_* bits: a word's gazetteer bits are known (doc_init). */
#define GAZ_SEEN (1u << 16)
/* ... and some gazetteer name begins with the word and a space */
#define GAZ_LONGER (1u << 17)
/* Characters of a word's shape kept ("Xx-Xx"); the rest is noise. */
#define SHAPE_MAX 7
/* Bytes of a word used in features; longer words are cut. */
#define WORD_FEAT_MAX 40
/* A model file larger than this many features is refused as corrupt. */
#define MODEL_MAX_FEATS (1u << 24)

static const char *fold_at(const cw_ner_doc *d, size_t i) { return d->fold[i]; }

/* Short shape: X for upper, x for lower, d for digit, the character
 * itself otherwise; repeats collapsed ("Xx", "X.X.", "dd-Xx" -> "d-Xx"),
 * at most SHAPE_MAX characters, NUL-padded. */
static void make_shape(const char *text, const cw_token *t, char *out) {
  size_t k = 0;
  char last = 0;
  if (t->kind == CW_TOK_WORD &&
      (t->flags & (CW_TOKF_ASCII | CW_TOKF_MIXED)) == CW_TOKF_ASCII) {
    /* ASCII letters of one case, or a capital then lower case: the
     * tokenizer's flags tell which ("x", "X", "Xx") */
    out[0] = (t->flags & CW_TOKF_CAP) ? 'X' : 'x';
    if ((t->flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) == CW_TOKF_CAP &&
        t->end - t->start > 1)
      out[1] = 'x';
    return;
  }
  for (size_t b = t->start; b < t->end && k < SHAPE_MAX;) {
    size_t cl = 1;
    char c;
    unsigned char ch = (unsigned char)text[b];
    if ((unsigned)(ch - '0') < 10u || (unsigned)((ch | 0x20) - 'a') < 26u) {
      /* an ASCII digit or letter and the rest of its run (the same
       * class repeated adds nothing) */
      c = ch <= '9' ? 'd' : ch >= 'a' ? 'x' : 'X';
      unsigned char lo = c == 'd' ? '0' : c == 'x' ? 'a' : 'A';
      unsigned char span = c == 'd' ? 10 : 26;
      for (b++; b < t->end && (unsigned)((unsigned char)text[b] - lo) < span;)
        b++;
    } else if (ch < 128) {
      /* ASCII but a letter or digit: no case (cw_text_letter_case() 0),
       * the character itself */
      c = (char)ch;
      b++;
    } else {
      int lc = cw_text_letter_case(text + b, t->end - b, &cl);
      c = lc == 2 ? 'X' : lc == 1 ? 'x' : '*';
      b += cl ? cl : 1;
    }
    if (c != last)
      out[k++] = c;
    last = c;
  }
}

#ifndef NDEBUG
/* Whether sh is make_shape() of token t (debug checks of doc_init()'s
 * short cuts). */
static int shape_is(const char *text, const cw_token *t, const char *sh) {
  char want[8] = {0};
  make_shape(text, t, want);
  return !memcmp(want, sh, sizeof want);
}
#endif

/* Whether token i is a capitalised word. */
static int cap_word(const cw_ner_doc *d, size_t i) {
  return i < d->ntok && (d->tflags[i] & NF_CAPWORD);
}

/* Whether token j follows token j - 1 in the same sentence after one
 * space at most. */
static int adjacent(const cw_ner_doc *d, size_t j) {
  return j > 0 && j < d->ntok && !(d->tflags[j] & NF_SENT_START) &&
         d->tok[j].start <= d->tok[j - 1].end + 1;
}

#ifndef NDEBUG
/* NF_CTX_* of one capitalised occurrence, token i, as it reads: the
 * check of context_of() in debug builds. */
static unsigned context_of_plain(const cw_ner_doc *d, size_t i) {
  unsigned f = 0;
  int pc = adjacent(d, i) && cap_word(d, i - 1);
  int nc = adjacent(d, i + 1) && cap_word(d, i + 1);
  if (pc && (d->gaz[i - 1] & GZ_FIRST))
    f |= NF_CTX_FIRST;
  if (adjacent(d, i) && (d->lex[i - 1] & (LX_HON | LX_TITLE)))
    f |= NF_CTX_HON;
  if (nc && (d->lex[i + 1] & LX_ORG))
    f |= NF_CTX_ORG;
  if (adjacent(d, i) && !pc && (d->lex[i - 1] & LX_PREP))
    f |= NF_CTX_PREP;
  if (i >= 2 && adjacent(d, i) && adjacent(d, i - 1) &&
      d->tok[i - 1].kind == CW_TOK_PUNCT && d->fold_len[i - 1] == 1 &&
      fold_at(d, i - 1)[0] == '.' && d->fold_len[i - 2] == 1 &&
      cap_word(d, i - 2))
    f |= NF_CTX_INITIAL;
  if (pc || nc)
    f |= NF_CTX_MULTI;
  else
    f |= NF_CTX_ALONE;
  if (nc)
    f |= NF_CTX_NEXT_CAP;
  return f;
}
#endif

/* NF_CTX_* of one capitalised occurrence, token i: context_of_plain()
 * with each neighbour's adjacency and flags read once. */
static unsigned context_of(const cw_ner_doc *d, size_t i) {
  unsigned f = 0;
  int ap = adjacent(d, i), an = adjacent(d, i + 1);
  /* (adjacent: both tokens exist) */
  int pc = ap && (d->tflags[i - 1] & NF_CAPWORD);
  int nc = an && (d->tflags[i + 1] & NF_CAPWORD);
  if (ap) {
    unsigned lp = d->lex[i - 1];
    if (pc && (d->gaz[i - 1] & GZ_FIRST))
      f |= NF_CTX_FIRST;
    if (lp & (LX_HON | LX_TITLE))
      f |= NF_CTX_HON;
    if (!pc && (lp & LX_PREP))
      f |= NF_CTX_PREP;
    if (i >= 2 && d->fold_len[i - 1] == 1 && fold_at(d, i - 1)[0] == '.' &&
        d->tok[i - 1].kind == CW_TOK_PUNCT && adjacent(d, i - 1) &&
        d->fold_len[i - 2] == 1 && cap_word(d, i - 2))
      f |= NF_CTX_INITIAL;
  }
  if (nc && (d->lex[i + 1] & LX_ORG))
    f |= NF_CTX_ORG;
  f |= pc || nc ? NF_CTX_MULTI : NF_CTX_ALONE;
  if (nc)
    f |= NF_CTX_NEXT_CAP;
  assert(f == context_of_plain(d, i));
  return f;
}

/* Appends [s, s + n) to b as cw_buf_append() does, lower-casing ASCII
 * capitals when lower is set; inline while b has room. */
static void fold_append(cw_buf *b, const char *s, size_t n, int lower) {
  if (!b->err && b->cap && n + 1 <= b->cap - b->len && n <= b->max - b->len) {
    char *o = b->ptr + b->len;
    if (lower) {
      for (size_t k = 0; k < n; k++) {
        char ch = s[k];
        o[k] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
      }
    } else {
      memcpy(o, s, n);
    }
    b->len += n;
    b->ptr[b->len] = '\0';
    return;
  }
  size_t at = b->len;
  if (cw_buf_append(b, s, n) == CW_OK && lower)
    for (size_t k = at; k < b->len; k++)
      if (b->ptr[k] >= 'A' && b->ptr[k] <= 'Z')
        b->ptr[k] = (char)(b->ptr[k] + 32);
}

/* The folds of a document's last few tokens with bytes beyond ASCII
 * ("\u201c", "\u2014"), which cw_text_fold() maps through utf8proc: the same
 * bytes fold the same way, so a repeated token copies its fold. */
#define FOLD_MEMO_N 8
#define FOLD_MEMO_SRC 16
#define FOLD_MEMO_FOLD 32
typedef struct fold_memo {
  struct {
    unsigned char n, fn; /* n = 0: empty */
    char src[FOLD_MEMO_SRC];
    char fold[FOLD_MEMO_FOLD];
  } e[FOLD_MEMO_N];
  unsigned next; /* the entry replaced next */
} fold_memo;

/* Appends the fold of token [s, s + n) to b and a NUL, as
 * cw_text_fold() then cw_buf_putc(b, 0) (a text it cannot fold gives
 * "?"); returns the fold's length. */
static size_t fold_token(cw_buf *b, fold_memo *memo, const char *s, size_t n) {
  size_t at = b->len, k = 0;
  while (k < n && (unsigned char)s[k] < 0x80)
    k++;
  if (k == n) { /* ASCII: cw_text_fold() lower-cases */
    fold_append(b, s, n, 1);
  } else {
    int memo_ok = n <= FOLD_MEMO_SRC;
    for (unsigned e = 0; memo_ok && e < FOLD_MEMO_N; e++)
      if (memo->e[e].n == n && !memcmp(memo->e[e].src, s, n)) {
        fold_append(b, memo->e[e].fold, memo->e[e].fn, 0);
        size_t fl = b->len - at;
        fold_append(b, "", 1, 0);
        return fl;
      }
    cw_status st = cw_text_fold(s, n, b);
    if (st == CW_ERR_CHARSET)
      cw_buf_append(b, "?", 1);
    size_t fl = b->len - at;
    if (memo_ok && (st == CW_OK || st == CW_ERR_CHARSET) && !b->err &&
        fl <= FOLD_MEMO_FOLD) {
      unsigned e = memo->next++ % FOLD_MEMO_N;
      memo->e[e].n = (unsigned char)n;
      memo->e[e].fn = (unsigned char)fl;
      memcpy(memo->e[e].src, s, n);
      memcpy(memo->e[e].fold, b->ptr + at, fl);
    }
  }
  size_t fl = b->len - at;
  fold_append(b, "", 1, 0);
  return fl;
}

/* Numbers the distinct folded words of the word tokens: id[i] for each
 * (-1 for other tokens), *nw of them. hint[i] (NULL for none) is the
 * analysis' word of token i when its folded bytes are that word's, -1
 * otherwise; hint_id, one per such word (nhint), remembers the number
 * each got, so that a word is hashed once rather than once per token.
 * (When every word token has a hint, doc_init() numbers them itself.) */
static cw_status word_ids(const cw_ner_doc *d, const long *hint, long *hint_id,
                          size_t nhint, long *id, size_t *nw) {
  cw_an_map ix = {0};
  *nw = 0;
  for (size_t k = 0; k < nhint; k++)
    hint_id[k] = -1;
  for (size_t i = 0; i < d->ntok; i++) {
    id[i] = -1;
    if (d->tok[i].kind != CW_TOK_WORD)
      continue;
    long h = hint ? hint[i] : -1;
    if (h >= 0 && hint_id[h] >= 0) {
      id[i] = hint_id[h];
      continue;
    }
    const char *w = fold_at(d, i);
    long *slot;
    int created;
    if (cw_an_map_put(&ix, w, strlen(w), 0, (long)*nw, &slot, &created)) {
      cw_an_map_free(&ix);
      return CW_ERR_NOMEM;
    }
    *nw += created != 0;
    id[i] = *slot;
    if (h >= 0)
      hint_id[h] = *slot;
  }
  cw_an_map_free(&ix);
  return CW_OK;
}

/* Ors the contexts of every capitalised occurrence of a word into the
 * flags of all of them; ctx holds one entry per word id, zeroed. */
static void doc_context(cw_ner_doc *d, const long *id, unsigned *ctx) {
  for (size_t k = 0; k < d->ncaps; k++)
    ctx[id[d->caps[k]]] |= context_of(d, d->caps[k]);
  for (size_t k = 0; k < d->ncaps; k++)
    d->tflags[d->caps[k]] |= ctx[id[d->caps[k]]];
}

/* Ors NF_SENT_CAPS into the flags of tokens [s, e), a sentence of `words`
 * words of two bytes or more, `caps` of them all capitals, when it is one
 * of mostly capitals (headlines, tables). */
static void sentence_caps(cw_ner_doc *d, size_t s, size_t e, size_t words,
                          size_t caps) {
  if (words && caps * 10 >= words * 7)
    for (size_t i = s; i < e; i++)
      d->tflags[i] |= NF_SENT_CAPS;
}

/* cw_ner_doc_init(), with the analysis' words when c is not NULL (c's
 * text and tokens are then text and tok). One pass over the tokens folds
 * them and sets their own flags, and with c numbers the words (as
 * word_ids() does: c's words tell them apart without hashing) and notes
 * which the text writes in lower case; a second gives the flags of the
 * document's use; the rest passes over the capitalised words only. */
static cw_status doc_init(cw_ner_doc *d, const char *text, const cw_token *tok,
                          size_t ntok, const cw_an_ctx *c) {
  memset(d, 0, sizeof *d);
  d->text = text;
  d->tok = tok;
  d->ntok = ntok;
  cw_buf_init(&d->folds, 0);
  size_t n = ntok ? ntok : 1, nw = 0;
  long *id = NULL; /* per token: its word id (word_ids()), d->word_id */
  /* the tokens whose folds are copies in d->folds, and the offsets of
   * those copies, until the folds stop moving: token, offset, ... */
  size_t *fix = NULL, nfix = 0;
  unsigned *use = NULL; /* per word id: case use, then context; use[-1] 0 */
  unsigned *use_base = NULL; /* use - 1 */
  long *hint = NULL;         /* per token: word of c whose bytes it folds to */
  long *hint_id = NULL;      /* per word of c: word_ids() */
  size_t nhint = c ? c->words.len : 0;
  /* fix, hint and hint_id in one block (fix its start) */
  fix = malloc(2 * n * sizeof *fix +
               (c ? n * sizeof *hint + nhint * sizeof *hint_id : 0));
  if (!fix || (c && !(use_base = calloc(nhint + 2, sizeof *use_base))))
    goto nomem;
  if (c) {
    hint = (long *)(fix + 2 * n);
    hint_id = hint + n;
    use = use_base + 1;
  }
  for (size_t k = 0; k < nhint; k++)
    hint_id[k] = -1;
  /* the words numbered in the first pass: every word token has a hint
   * (distinct hints are then distinct folds), as without a byte 0xE2 */
  int numbered = c != NULL;
  /* d's tables in one block, d->fold its start (cw_ner_doc_free()):
   * those of eight bytes a token, then of four, then of two. The loop
   * below writes each token's entries (gaz and gaz_b zero, to be or-ed
   * into after it). */
  char *b =
      malloc(n * (sizeof *d->fold + sizeof *d->shape + sizeof *d->caps +
                  sizeof *id + 4 * sizeof *d->tflags + sizeof *d->fold_len));
  if (!b)
    goto nomem;
  _Static_assert(sizeof *d->fold == 8 && sizeof *d->shape == 8 &&
                     sizeof *d->caps == 8 && sizeof *id == 8 &&
                     sizeof *d->tflags == 4 && sizeof *d->lex == 4 &&
                     sizeof *d->gaz == 4 && sizeof *d->gaz_b == 4,
                 "d's tables in order of alignment");
  d->fold = (const char **)(void *)b;
  d->shape = (char(*)[8])(void *)(b += n * sizeof *d->fold);
  d->caps = (size_t *)(void *)(b += n * sizeof *d->shape);
  d->word_id = id = (long *)(void *)(b += n * sizeof *d->caps);
  d->tflags = (unsigned *)(void *)(b += n * sizeof *id);
  d->lex = (unsigned *)(void *)(b += n * sizeof *d->tflags);
  d->gaz = (unsigned *)(void *)(b += n * sizeof *d->lex);
  d->gaz_b = (unsigned *)(void *)(b += n * sizeof *d->gaz);
  d->fold_len = (unsigned short *)(void *)(b += n * sizeof *d->gaz_b);
  /* the bytes 0xE2 (curly apostrophes) are looked for one after the other
   * as the tokens pass them */
  size_t text_end = ntok ? tok[ntok - 1].end : 0;
  size_t next_e2 = 0; /* the first byte 0xE2 at or after it, text_end if none */
  int e2_known = 0;   /* next_e2 is that of the current token's start */
  fold_memo memo;
  memset(&memo, 0, sizeof memo);
  /* the sentence so far: its first token, its words of two bytes or
   * more, and how many of them are all capitals */
  size_t sent = 0, sent_words = 0, sent_caps = 0;
  /* the tables in locals: a store through one of them could otherwise be
   * a store to d's fields, reloaded for every token */
  const char **fold = d->fold;
  unsigned *tflags = d->tflags, *gaz = d->gaz, *gaz_b = d->gaz_b,
           *lex = d->lex;
  unsigned short *fold_len = d->fold_len;
  char(*shape)[8] = d->shape;
  size_t *caps = d->caps, ncaps = 0;
  const cw_an_tok *cinfo = c ? c->info : NULL;
  const cw_an_word *cwords = c ? c->words.items : NULL;
  for (size_t i = 0; i < ntok; i++) {
    const cw_token *t = &tok[i];
    size_t len = t->end - t->start;
    if (i > 0 && (t->flags & CW_TOKF_SENT_START)) {
      sentence_caps(d, sent, i, sent_words, sent_caps);
      sent = i;
      sent_words = sent_caps = 0;
    }
    /* the interned word is this token's fold unless interning made a
     * curly apostrophe straight: a text without the byte 0xE2 has none,
     * nor has a word of ASCII letters (CW_TOKF_ASCII) */
    const cw_an_word *w = NULL;
    int ascii_word = 0; /* such a word, with its word in c */
    if (hint) {
      long h = cinfo[i].word;
      ascii_word = (t->flags & CW_TOKF_ASCII) && h >= 0;
      assert(!ascii_word || t->kind == CW_TOK_WORD);
      if (!ascii_word && h >= 0) {
        if (t->kind == CW_TOK_PUNCT) {
          h = -1;
        } else {
          /* whether the token holds a 0xE2, from the next one in the
           * text (found once per such byte, not once per token) */
          if (!e2_known || next_e2 < t->start) {
            const char *p = memchr(text + t->start, 0xE2, text_end - t->start);
            next_e2 = p ? (size_t)(p - text) : text_end;
            e2_known = 1;
          }
          if (next_e2 < t->end)
            h = -1;
        }
      }
      hint[i] = h;
      if (h >= 0)
        w = &cwords[h];
    }
    if (ascii_word || (w && t->kind == CW_TOK_WORD)) {
      /* the common case, a word of the analysis: what the general path
       * below does for it, in fewer steps (the flags NF_CAP, NF_ALLCAPS
       * and NF_SENT_START are the tokenizer's bits) */
      unsigned f = (unsigned)t->flags & (NF_CAP | NF_ALLCAPS | NF_SENT_START);
      gaz[i] = gaz_b[i] = 0;
      fold[i] = w->s;
      fold_len[i] =
          (unsigned short)(w->n > WORD_FEAT_MAX ? WORD_FEAT_MAX : w->n);
      lex[i] = w->lex;
      if ((t->flags & (CW_TOKF_ASCII | CW_TOKF_MIXED)) == CW_TOKF_ASCII) {
        /* make_shape()'s first case: "x", "X" or "Xx", one copy */
        static const char ascii_shape[3][8] = {"x", "X", "Xx"};
        int k = !(t->flags & CW_TOKF_CAP) ? 0
                : (t->flags & CW_TOKF_ALLCAPS) || len < 2 ? 1
                                                          : 2;
        memcpy(shape[i], ascii_shape[k], sizeof ascii_shape[k]);
        assert(shape_is(text, t, shape[i]));
      } else {
        memset(shape[i], 0, sizeof shape[i]);
        make_shape(text, t, shape[i]);
      }
      if (f & (NF_CAP | NF_ALLCAPS)) {
        f |= NF_CAPWORD;
        caps[ncaps++] = i;
      }
      if (len > 1) {
        sent_words++;
        sent_caps += (f & NF_ALLCAPS) != 0;
      }
      long h = hint[i];
      id[i] = -1;
      if (numbered) {
        if (hint_id[h] < 0)
          hint_id[h] = (long)nw++;
        id[i] = hint_id[h];
        if (!(f & (NF_CAP | NF_ALLCAPS)))
          use[id[i]] |= 1;
      }
      tflags[i] = f;
      continue;
    }
    id[i] = -1;
    size_t fl, at = d->folds.len;
    int copied = 1; /* the fold is a copy in d->folds, at `at` */
    if (w) {
      /* the word itself (arena copies are NUL-terminated, and outlive the
       * document) */
      fold[i] = w->s;
      fl = w->n;
      copied = 0;
    } else if (len == 1 && (unsigned char)text[t->start] < 0x80 &&
               !d->folds.err && d->folds.cap - d->folds.len >= 3 &&
               d->folds.len + 2 <= d->folds.max) {
      /* fold_token() of one ASCII byte (mostly punctuation), inline: the
       * byte lower-cased, its NUL and the buffer's */
      char ch = text[t->start];
      char *o = d->folds.ptr + d->folds.len;
      o[0] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
      o[1] = o[2] = '\0';
      d->folds.len += 2;
      fl = 1;
    } else {
      fl = fold_token(&d->folds, &memo, text + t->start, len);
    }
    if (copied) {
      fix[2 * nfix] = i;
      fix[2 * nfix++ + 1] = at;
    }
    fold_len[i] = (unsigned short)(fl > WORD_FEAT_MAX ? WORD_FEAT_MAX : fl);
    lex[i] = 0;
    gaz[i] = gaz_b[i] = 0;
    if (t->kind != CW_TOK_PUNCT && !d->folds.err)
      lex[i] = w ? w->lex : cw_an_lex(d->folds.ptr + at, fl);
    memset(shape[i], 0, sizeof shape[i]);
    unsigned char b0 = (unsigned char)text[t->start];
    if (len == 1 && b0 < 0x80) {
      /* make_shape() of one ASCII byte (mostly punctuation) */
      shape[i][0] = (unsigned)(b0 - '0') < 10u   ? 'd'
                       : (unsigned)(b0 - 'a') < 26u ? 'x'
                       : (unsigned)(b0 - 'A') < 26u ? 'X'
                                                    : (char)b0;
      assert(shape_is(text, t, shape[i]));
    } else {
      make_shape(text, t, shape[i]);
    }
    unsigned f = 0;
    if (t->flags & CW_TOKF_CAP)
      f |= NF_CAP;
    if (t->flags & CW_TOKF_ALLCAPS)
      f |= NF_ALLCAPS;
    if (t->flags & CW_TOKF_SENT_START)
      f |= NF_SENT_START;
    if (t->kind == CW_TOK_PUNCT)
      f |= NF_PUNCT;
    if (t->kind == CW_TOK_NUMBER)
      f |= NF_NUMBER;
    if (t->kind == CW_TOK_WORD) {
      if (f & (NF_CAP | NF_ALLCAPS)) {
        f |= NF_CAPWORD;
        caps[ncaps++] = i;
      }
      if (len > 1) {
        sent_words++;
        sent_caps += (f & NF_ALLCAPS) != 0;
      }
      /* word_ids() with every word hinted: a new hint, a new number */
      long h = hint ? hint[i] : -1;
      if (h < 0) {
        numbered = 0;
      } else if (numbered) {
        if (hint_id[h] < 0)
          hint_id[h] = (long)nw++;
        id[i] = hint_id[h];
        if (!(f & (NF_CAP | NF_ALLCAPS)))
          use[id[i]] |= 1;
      }
    }
    tflags[i] = f;
  }
  d->ncaps = ncaps;
  if (ntok)
    sentence_caps(d, sent, ntok, sent_words, sent_caps);
  if (d->folds.err)
    goto nomem;
  /* the copied folds where they now stand */
  for (size_t k = 0; k < nfix; k++)
    fold[fix[2 * k]] = d->folds.ptr + fix[2 * k + 1];
  /* how the document writes each word elsewhere: in lower case (1), or
   * capitalised inside a sentence of mixed case, not after punctuation
   * (2; capitalised words only) */
  if (!numbered) {
    free(use_base);
    use = use_base = NULL;
    if (word_ids(d, hint, hint_id, nhint, id, &nw) ||
        !(use_base = calloc(nw + 2, sizeof *use_base)))
      goto nomem;
    use = use_base + 1;
    for (size_t i = 0; i < ntok; i++)
      if (id[i] >= 0 && !(d->tflags[i] & (NF_CAP | NF_ALLCAPS)))
        use[id[i]] |= 1;
  }
  for (size_t q = 0; q < d->ncaps; q++) {
    size_t i = d->caps[q];
    if (!(d->tflags[i] & (NF_SENT_START | NF_SENT_CAPS)) &&
        !(i > 0 && (d->tflags[i - 1] & NF_PUNCT)))
      use[id[i]] |= 2;
  }
  /* (tflags is d's, in a local; use[-1], that of the tokens of no word
   * id, is 0) */
  _Static_assert(NF_DOC_LOWER == 1 << 4 && NF_DOC_CAPMID == 2 << 4,
                 "the bits of use shifted");
  for (size_t i = 0; i < ntok; i++)
    tflags[i] |= (use[id[i]] & 3u) << 4;
  /* gazetteer names of one to GAZ_MAX_TOKENS capitalised tokens; those
   * of one word looked up once per word (use[] then holds GZ_* | GAZ_SEEN,
   * and GAZ_LONGER, once known); a run stops growing where no name goes
   * on (cw_an_gaz_longer); runs begin at capitalised words */
  memset(use, 0, (nw ? nw : 1) * sizeof *use);
  for (size_t ci = 0; ci < d->ncaps; ci++) {
    size_t i = d->caps[ci];
    char key[GAZ_KEY_MAX];
    size_t kn = 0;
    /* a word seen before that begins no longer name: its bits, without
     * its key (what the loop below does for it) */
    unsigned u = use[id[i]];
    if ((u & (GAZ_SEEN | GAZ_LONGER)) == GAZ_SEEN) {
      unsigned g = u & ~(unsigned)GAZ_SEEN;
      d->gaz_b[i] |= g;
      d->gaz[i] |= g;
      continue;
    }
    for (size_t k = 0; k < GAZ_MAX_TOKENS && i + k < ntok; k++) {
      size_t j = i + k;
      if (tok[j].kind != CW_TOK_WORD || !(d->tflags[j] & (NF_CAP | NF_ALLCAPS)))
        break;
      if (k && tok[j].start != tok[j - 1].end + 1)
        break;
      const char *w = fold_at(d, j);
      /* (a word token holds no NUL byte, nor does its fold) */
      size_t wn = d->fold_len[j] < WORD_FEAT_MAX ? d->fold_len[j] : strlen(w);
      assert(wn == strlen(w));
      if (kn + wn + 1 > sizeof key)
        break;
      if (k)
        key[kn++] = ' ';
      memcpy(key + kn, w, wn);
      kn += wn;
      unsigned g;
      int longer;
      if (k == 0) {
        if (!(use[id[i]] & GAZ_SEEN)) {
          use[id[i]] = cw_an_gaz_longer(key, kn, &longer) | GAZ_SEEN;
          if (longer)
            use[id[i]] |= GAZ_LONGER;
        }
        g = use[id[i]] & ~(GAZ_SEEN | GAZ_LONGER);
        longer = (use[id[i]] & GAZ_LONGER) != 0;
      } else {
        g = cw_an_gaz_longer(key, kn, &longer);
      }
      if (g) {
        d->gaz_b[i] |= g;
        for (size_t q = i; q <= j; q++)
          d->gaz[q] |= g;
      }
      /* no name begins with these words and a space: the longer runs
       * would find nothing */
      if (!longer)
        break;
    }
  }
  memset(use, 0, (nw ? nw : 1) * sizeof *use);
  doc_context(d, id, use);
  d->n_words = nw;
  free(use_base);
  free(fix);
  return CW_OK;
nomem:
  free(fix);
  free(use_base);
  cw_ner_doc_free(d);
  return CW_ERR_NOMEM;
}

cw_status cw_ner_doc_init(cw_ner_doc *d, const char *text, const cw_token *tok,
                          size_t ntok) {
  return doc_init(d, text, tok, ntok, NULL);
}

cw_status cw_ner_doc_init_ctx(cw_ner_doc *d, const cw_an_ctx *c) {
  return doc_init(d, c->text, c->tok, c->ntok, c);
}

void cw_ner_doc_free(cw_ner_doc *d) {
  cw_buf_free(&d->folds);
  free(d->fold); /* and the other tables of its block (doc_init()) */
  memset(d, 0, sizeof *d);
}

/* The model (read under "the model" below): here for greedy_model(). */
/* Templates (numbered below 64) whose value is a small number (feat_num):
 * their weights are looked up once, at load, for values below NUM_VALS. */
#define NUM_TMPLS 64
#define NUM_VALS 16
/* Templates whose value is a set of bits (bit_slot), of 16 bits at most. */
#define BIT_TMPLS 10

/* One feature of the model's hash table, its weights inline: a lookup
 * touches one cache line or two (the table is larger than the caches, so
 * that is what scoring costs). */
typedef struct model_slot {
  uint32_t key;
  int16_t w[NER_NLABELS];
  uint16_t used; /* 0 = empty */
} model_slot;

struct cw_ner_model {
  uint64_t serial; /* distinct for each model loaded (word_cache) */
  uint32_t *keys;  /* sorted */
  int16_t *w;      /* NER_NLABELS per key */
  size_t n;
  float scale;
  model_slot *slot; /* open addressing over the keys, load under 1/2 */
  size_t mask;
  /* Weights of features that take few values, filled at load (zero for
   * a feature the model lacks, which adds nothing either): */
  int32_t num[NUM_TMPLS][NUM_VALS][NER_NLABELS];        /* feat_num(tmpl, v) */
  int32_t majlab[8 * 16][NER_NLABELS];                  /* feat_num(42, v) */
  int32_t bias[NER_NLABELS];                            /* feat(1, "bias") */
  int32_t lab1[NER_NLABELS][NER_NLABELS];               /* 17: label p1 */
  int32_t lab2[NER_NLABELS][NER_NLABELS][NER_NLABELS];  /* 18: p1, p2 */
  int32_t lab12[NER_NLABELS][NER_NLABELS][NER_NLABELS]; /* 17 + 18 */
  int32_t caselab[16][NER_NLABELS][NER_NLABELS];        /* 28: case flags, p1 */
  int32_t gazlab[2][NER_NLABELS][NER_NLABELS]; /* 35: "name"/"place", p1 */
  /* num[t][b] summed over the bits b set in a byte, for the templates of
   * bit sets (bit_slot): byte k of a set of bits (k = 0, 1) adds
   * bitsum[slot][k][byte] (num_bits) */
  int32_t bitsum[BIT_TMPLS][2][256][NER_NLABELS];
  unsigned char bitcount[256]; /* bits set in a byte */
};

/* The templates of sets of bits (bits_feats(): gazetteer, lexicon, context
 * and first-pass bits), numbered for cw_ner_model.bitsum; -1 for others. */
static int bit_slot(unsigned tmpl) {
  switch (tmpl) {
  case 22:
    return 0;
  case 23:
    return 1;
  case 24:
    return 2;
  case 25:
    return 3;
  case 26:
    return 4;
  case 32:
    return 5;
  case 34:
    return 6;
  case 36:
    return 7;
  case 37:
    return 8;
  case 39:
    return 9;
  default:
    return -1;
  }
}

static size_t slot_of(uint32_t key, size_t mask) {
  return (size_t)((key * 2654435761u) ^ (key >> 16)) & mask;
}

/* Adds the weights of the features f that the model knows to acc. */
static void model_add(const cw_ner_model *m, const uint32_t *f, size_t nf,
                      int32_t *acc) {
  for (size_t k = 0; k < nf; k++) {
    for (size_t s = slot_of(f[k], m->mask); m->slot[s].used;
         s = (s + 1) & m->mask) {
      if (m->slot[s].key != f[k])
        continue;
      for (int l = 0; l < NER_NLABELS; l++)
        acc[l] += m->slot[s].w[l];
      break;
    }
  }
}

/* ---- features ------------------------------------------------------------ */

typedef struct fset {
  uint32_t *out;
  size_t n;
} fset;

/* FNV-1a, four bytes a round (half the loop's own instructions: the
 * features of a document hash a few hundred thousand bytes). */
static uint32_t fnv(uint32_t h, const void *p, size_t n) {
  const unsigned char *s = p;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    h = (h ^ s[i]) * 16777619u;
    h = (h ^ s[i + 1]) * 16777619u;
    h = (h ^ s[i + 2]) * 16777619u;
    h = (h ^ s[i + 3]) * 16777619u;
  }
  for (; i < n; i++)
    h = (h ^ s[i]) * 16777619u;
  return h;
}

/* Adds feature (template, a, b): a and b are byte strings. */
static void feat2(fset *fs, unsigned char tmpl, const char *a, size_t an,
                  const char *b, size_t bn) {
  if (fs->n >= NER_MAX_FEATS)
    return;
  uint32_t h = (2166136261u ^ tmpl) * 16777619u; /* fnv() of one byte */
  h = fnv(h, a, an);
  if (b) {
    h = (h ^ 0x1f) * 16777619u;
    h = fnv(h, b, bn);
  }
  fs->out[fs->n++] = h;
}

static void feat(fset *fs, unsigned char tmpl, const char *a) {
  feat2(fs, tmpl, a, strlen(a), NULL, 0);
}

static void feat_num(fset *fs, unsigned char tmpl, unsigned v) {
  char b[12];
  size_t k = 0;
  do {
    b[k++] = (char)('0' + v % 10);
    v /= 10;
  } while (v && k < sizeof b);
  feat2(fs, tmpl, b, k, NULL, 0);
}

/* The word of token i for features ("<s>" / "</s>" beyond the ends). */
static const char *word(const cw_ner_doc *d, long i, size_t *n) {
  if (i < 0) {
    *n = 3;
    return "<s>";
  }
  if ((size_t)i >= d->ntok) {
    *n = 4;
    return "</s>";
  }
  *n = d->fold_len[i];
  return fold_at(d, (size_t)i);
}

/* Shape of token i from the table ("#" beyond the ends). */
static size_t shape(const cw_ner_doc *d, long i, char *out) {
  if (i < 0 || (size_t)i >= d->ntok) {
    out[0] = '#';
    return 1;
  }
  size_t k = 0;
  while (k < SHAPE_MAX && d->shape[i][k]) {
    out[k] = d->shape[i][k];
    k++;
  }
  return k;
}

/* One feature per bit set among the low nbits (< 32) of bits. */
static void bits_feats(fset *fs, unsigned char tmpl, unsigned bits,
                       unsigned nbits) {
  bits &= (1u << nbits) - 1;
  for (unsigned b = 0; bits; b++, bits >>= 1)
    if (bits & 1)
      feat_num(fs, tmpl, b);
}

static unsigned lex_at(const cw_ner_doc *d, long i) {
  if (i < 0 || (size_t)i >= d->ntok)
    return 0;
  return d->lex[i];
}

/* Bytes of label_names[l]: "O", then two letters. */
static size_t label_len(int l) { return l == NER_O ? 1 : 2; }

static const char *const label_names[NER_NLABELS] = {
    "O", "BP", "IP", "BO", "IO", "BL", "IL", "BM", "IM"};

/* The features come in the order the model was trained with, in pieces
 * that do or do not depend on the labels decided before token i: the
 * fast decoder (greedy_model) scores the label-free pieces of a token
 * once per document and only the others at each step. */

/* The flags of token i that features see with its shape or label. */
static void case_flags(const cw_ner_doc *d, size_t i, char flag[4]) {
  unsigned f = d->tflags[i];
  flag[0] = (f & NF_SENT_START) ? 'S' : 's';
  flag[1] = (f & NF_SENT_CAPS) ? 'C' : 'c';
  flag[2] = (char)('a' + (f & (NF_DOC_LOWER | NF_DOC_CAPMID)) / NF_DOC_LOWER);
  flag[3] = 0;
}

/* Label-free: the word, its neighbours, shapes and affixes. */
static void word_feats(fset *fs, const cw_ner_doc *d, size_t i) {
  long li = (long)i;
  size_t wn, an, bn;
  const char *w = word(d, li, &wn);
  char sh[SHAPE_MAX + 1], shp[SHAPE_MAX + 1], shn[SHAPE_MAX + 1];
  size_t shl = shape(d, li, sh), shpl = shape(d, li - 1, shp),
         shnl = shape(d, li + 1, shn);

  feat(fs, 1, "bias");
  feat2(fs, 2, w, wn, NULL, 0);
  const char *a = word(d, li - 1, &an);
  feat2(fs, 3, a, an, NULL, 0);
  const char *b = word(d, li + 1, &bn);
  feat2(fs, 4, b, bn, NULL, 0);
  feat2(fs, 20, a, an, w, wn);
  feat2(fs, 21, w, wn, b, bn);
  const char *x = word(d, li - 2, &an);
  feat2(fs, 5, x, an, NULL, 0);
  x = word(d, li + 2, &bn);
  feat2(fs, 6, x, bn, NULL, 0);
  feat2(fs, 7, sh, shl, NULL, 0);
  feat2(fs, 8, shp, shpl, NULL, 0);
  feat2(fs, 9, shn, shnl, NULL, 0);
  feat2(fs, 30, shp, shpl, sh, shl);
  feat2(fs, 33, sh, shl, shn, shnl);
  for (size_t k = 1; k <= 3 && k < wn; k++) {
    feat2(fs, (unsigned char)(9 + k), w, k, NULL, 0);
  }
  for (size_t k = 1; k <= 4 && k < wn; k++)
    feat2(fs, (unsigned char)(12 + k), w + wn - k, k, NULL, 0);
}

/* With the labels: the previous two, with the word and with its shape. */
static void history_feats(fset *fs, const cw_ner_doc *d, size_t i, int p1,
                          int p2) {
  size_t wn;
  const char *w = word(d, (long)i, &wn);
  char sh[SHAPE_MAX + 1];
  size_t shl = shape(d, (long)i, sh);
  const char *lp1 = label_names[p1], *lp2 = label_names[p2];
  feat2(fs, 17, lp1, label_len(p1), NULL, 0);
  feat2(fs, 18, lp1, label_len(p1), lp2, label_len(p2));
  feat2(fs, 19, lp1, label_len(p1), w, wn);
  feat2(fs, 31, lp1, label_len(p1), sh, shl);
}

/* Label-free: the sentence and document case with the shape. */
static void case_feat(fset *fs, const cw_ner_doc *d, size_t i) {
  char flag[4], sh[SHAPE_MAX + 1];
  size_t shl = shape(d, (long)i, sh);
  case_flags(d, i, flag);
  feat2(fs, 27, flag, 3, sh, shl);
}

/* With the label: the sentence and document case with it. */
static void case_history_feat(fset *fs, const cw_ner_doc *d, size_t i, int p1) {
  char flag[4];
  const char *lp1 = label_names[p1];
  case_flags(d, i, flag);
  feat2(fs, 28, flag, 3, lp1, label_len(p1));
}

/* Label-free: gazetteer, lexicon and document-context bits around i
 * (NF_CTX_* only, so they do not change between the passes). */
static void evidence_feats(fset *fs, const cw_ner_doc *d, size_t i) {
  long li = (long)i;
  bits_feats(fs, 22, d->gaz[i], 8);
  bits_feats(fs, 34, d->gaz_b[i], 8);
  if (i > 0)
    bits_feats(fs, 25, d->gaz[i - 1], 8);
  if (i + 1 < d->ntok)
    bits_feats(fs, 26, d->gaz[i + 1], 8);
  bits_feats(fs, 23, lex_at(d, li), 11);
  bits_feats(fs, 24, lex_at(d, li - 1), 11);
  bits_feats(fs, 32, lex_at(d, li + 1), 11);
  bits_feats(fs, 36, d->tflags[i] >> NF_CTX_SHIFT, NF_CTX_BITS);
  if (i + 1 < d->ntok)
    bits_feats(fs, 37, d->tflags[i + 1] >> NF_CTX_SHIFT, NF_CTX_BITS);
}

/* With the label: the first pass elsewhere in the document (second pass
 * only) and the gazetteer's view with the label history ("Simmons" after
 * B-PER). */
static void pass_feats(fset *fs, const cw_ner_doc *d, size_t i, int p1) {
  unsigned f = d->tflags[i];
  const char *lp1 = label_names[p1];
  if (f & NF_L1_MASK) {
    char sh[SHAPE_MAX + 1];
    size_t shl = shape(d, (long)i, sh);
    unsigned l1 = f >> NF_L1_SHIFT;
    bits_feats(fs, 39, l1, NF_L1_TYPES + 1);
    feat_num(fs, 40, (f >> NF_L1_MAJ_SHIFT) & 7);
    feat2(fs, 41, lp1, label_len(p1), sh, shl);
    feat_num(fs, 42, ((f >> NF_L1_MAJ_SHIFT) & 7) * 16 + (unsigned)p1);
  }
  if (d->gaz[i] & (GZ_FIRST | GZ_NAME))
    feat2(fs, 35, lp1, label_len(p1), "name", 4);
  if (d->gaz[i] & (GZ_CITY | GZ_COUNTRY | GZ_REGION))
    feat2(fs, 35, lp1, label_len(p1), "place", 5);
}

size_t cw_ner_features(const cw_ner_doc *d, size_t i, int p1, int p2,
                       uint32_t *out) {
  fset fs = {out, 0};
  word_feats(&fs, d, i);
  history_feats(&fs, d, i, p1, p2);
  case_feat(&fs, d, i);
  case_history_feat(&fs, d, i, p1);
  evidence_feats(&fs, d, i);
  pass_feats(&fs, d, i, p1);
  return fs.n;
}

/* The best label of token i for scores s after label p1: an I- label
 * continues the same type only, and no name runs over a line break (a
 * headline, then a dateline). */
static int best_label_nl(int nl, int p1, const float *s) {
  int best = NER_O;
  for (int l = 1; l < NER_NLABELS; l++) {
    if (!(l & 1) && ((p1 != l - 1 && p1 != l) || nl))
      continue;
    if (s[l] > s[best])
      best = l;
  }
  return best;
}

/* best_label_nl() for the scores (float)acc[l] * scale, from the integer
 * sums when exact: scale normal, positive and below 2^100 and every
 * acc[l] in [-2^22, 2^22) (as every sum of fewer than NER_MAX_FEATS
 * weights is: vsum_in_range()). Each
 * product is then within 2^-24 of its exact value while two sums that
 * differ give products at least scale apart, so the scores keep the
 * sums' order and ties (the same label) without the conversions. */
static int best_label_sums(int nl, int p1, const int32_t *acc, float scale,
                           int exact) {
  if (!exact) {
    float s[NER_NLABELS];
    for (int l = 0; l < NER_NLABELS; l++)
      s[l] = (float)acc[l] * scale;
    return best_label_nl(nl, p1, s);
  }
  /* the loop of best_label_nl() over the labels it allows: O, the B-
   * labels, and the one I- label that continues p1's type (none after O
   * or a line break); the first of equal sums wins, as there */
  int best = NER_O;
  for (int l = 1; l < NER_NLABELS; l += 2)
    if (acc[l] > acc[best])
      best = l;
  if (p1 != NER_O && !nl) {
    int in = (p1 & 1) ? p1 + 1 : p1; /* I- of p1's type */
    if (acc[in] > acc[best] || (acc[in] == acc[best] && in < best))
      best = in;
  }
  return best;
}

static int best_label(const cw_ner_doc *d, size_t i, int p1, const float *s) {
  int nl = i > 0 && memchr(d->text + d->tok[i - 1].end, '\n',
                           d->tok[i].start - d->tok[i - 1].end);
  return best_label_nl(nl, p1, s);
}

static void greedy(const cw_ner_doc *d, cw_ner_scorer score, void *ctx,
                   unsigned char *labels) {
  uint32_t f[NER_MAX_FEATS];
  float s[NER_NLABELS];
  int p1 = NER_O, p2 = NER_O;
  for (size_t i = 0; i < d->ntok; i++) {
    if (d->tflags[i] & NF_FAR) {
      labels[i] = NER_O;
      p2 = p1;
      p1 = NER_O;
      continue;
    }
    size_t nf = cw_ner_features(d, i, p1, p2, f);
    score(ctx, f, nf, s);
    int best = best_label(d, i, p1, s);
    labels[i] = (unsigned char)best;
    p2 = p1;
    p1 = best;
  }
}

/* Summed weights of one token's features for the shipped model: the
 * label-free ones once per document, those of the label history for the
 * last (p1, p2) seen, since the second pass mostly repeats the first's
 * labels. The counts say whether cw_ner_features() could cut the set. */
typedef struct token_score {
  /* word_feats, case_feat, evidence_feats, and history_feats with
   * case_history_feat after O, O (the labels before most tokens) */
  int32_t fixed[NER_NLABELS];
  /* history_feats and case_history_feat after hist_p1, hist_p2 less
   * those after O, O (unused when both are O) */
  int32_t hist[NER_NLABELS];
  size_t nfixed, nhist;
  int hist_p1, hist_p2; /* labels of hist, -1 before the first */
  int nl;               /* a line break before the token (best_label) */
  unsigned cidx;        /* case_index() */
  long wkey, sid;       /* its tagger key (word_keys) and shape (sid) */
} token_score;

/* The runs of tokens within NER_NEAR tokens of a capitalised word (those
 * decoding scores), tokens [a, b), in order and apart. */
typedef struct tok_run {
  size_t a, b;
} tok_run;

/* The weights of the label features that repeat across tokens, filled
 * when first needed: template 19 (label, word) after O, by tagger key,
 * and templates 31 and 41 (label, shape) by shape and label (41 only
 * where first-pass bits are, pass_sums()). */
typedef struct hist_cache {
  int32_t (*w19)[NER_NLABELS]; /* per key */
  unsigned char *w19_done;
  /* per key: template 19 after one other label, w19x_lab (0, O, for
   * none), the last asked for */
  int32_t (*w19x)[NER_NLABELS];
  unsigned char *w19x_lab;
  /* per shape: [0] template 31, [1] 41, per label; and a bit per label,
   * 41's from bit 16 */
  int32_t (*s31)[2][NER_NLABELS][NER_NLABELS];
  uint32_t *s31_done;
  tok_run *runs; /* the tokens scored (not NF_FAR): near_runs() */
  size_t nruns;
} hist_cache;

static void hist_cache_free(hist_cache *hc) {
  free(hc->w19);
  free(hc->w19_done);
  free(hc->w19x);
  free(hc->w19x_lab);
  free(hc->s31);
  free(hc->s31_done);
  free(hc->runs);
  memset(hc, 0, sizeof *hc);
}

/* The nine sums of a token kept in registers while a dozen vectors are
 * added to them (static_sums()): labels 0-3 and 4-7 as vectors of four
 * lanes (GCC and Clang vectors: SSE2 on x86-64, plain code elsewhere),
 * label 8 alone. A loop adding one array to another left the choice to
 * the optimiser, which went from registers to memory round trips as the
 * code around it changed. Integer sums: the same values either way. */
_Static_assert(NER_NLABELS == 9, "vsum holds nine labels");
typedef int32_t v4i32 __attribute__((vector_size(16)));
typedef struct vsum {
  v4i32 lo, hi;
  int32_t last;
} vsum;

static inline vsum vsum_load(const int32_t *v) {
  vsum s;
  memcpy(&s.lo, v, sizeof s.lo);
  memcpy(&s.hi, v + 4, sizeof s.hi);
  s.last = v[8];
  return s;
}

static inline void vsum_add(vsum *s, const int32_t *v) {
  v4i32 a, b;
  memcpy(&a, v, sizeof a);
  memcpy(&b, v + 4, sizeof b);
  s->lo += a;
  s->hi += b;
  s->last += v[8];
}

static inline void vsum_store(const vsum *s, int32_t *out) {
  memcpy(out, &s->lo, sizeof s->lo);
  memcpy(out + 4, &s->hi, sizeof s->hi);
  out[8] = s->last;
}

/* Whether every sum of s is in [-2^22, 2^22) (best_label_sums()): each
 * plus 2^22, as unsigned, is below 2^23. The sums greedy_model() takes
 * are of fewer than NER_MAX_FEATS weights of at most 2^15 in magnitude,
 * so they always are: debug builds check. */
_Static_assert((long)NER_MAX_FEATS * 32768 <= 1L << 22,
               "sums of NER_MAX_FEATS int16 weights in [-2^22, 2^22)");
#ifndef NDEBUG
static inline int vsum_in_range(const vsum *s) {
  typedef uint32_t v4u32 __attribute__((vector_size(16)));
  const v4u32 bias = {1u << 22, 1u << 22, 1u << 22, 1u << 22};
  v4u32 r = ((v4u32)s->lo + bias) | ((v4u32)s->hi + bias);
  uint32_t range = r[0] | r[1] | r[2] | r[3] | ((uint32_t)s->last + (1u << 22));
  return range < (1u << 23);
}
#endif

/* Whether the sum of O in s is at least that of every B- label (1, 3,
 * 5, 7): after O, where no I- label may follow, best_label_sums() then
 * keeps O (the first of equal sums wins). */
static inline int o_wins(const vsum *s) {
  v4i32 o = {s->lo[0], s->lo[0], s->lo[0], s->lo[0]};
  v4i32 gt = (s->lo > o) | (s->hi > o); /* lanes 1 and 3: the B- labels */
  return !(gt[1] | gt[3]);
}

#ifndef NDEBUG
/* The nine sums of s in acc, which it returns (debug checks). */
static const int32_t *vsum_acc(const vsum *s, int32_t *acc) {
  vsum_store(s, acc);
  return acc;
}
#endif

/* Adds the weights of feat_num(tmpl, b) for each bit b among the low
 * nbits of bits, and counts them in *nf: one vector per byte of bits,
 * the sums of its bits (model_tables). Every caller's template has a
 * slot (bit_slot) and at most 16 bits. */
static inline void num_bits(const cw_ner_model *m, unsigned tmpl, unsigned bits,
                            unsigned nbits, vsum *acc, size_t *nf) {
  bits &= (1u << nbits) - 1;
  if (!bits)
    return;
  int slot = bit_slot(tmpl);
  *nf += (size_t)(m->bitcount[bits & 0xff] + m->bitcount[bits >> 8]);
  vsum_add(acc, m->bitsum[slot][0][bits & 0xff]);
  if (bits >> 8)
    vsum_add(acc, m->bitsum[slot][1][bits >> 8]);
}

/* The hash of feat2(tmpl, a, b) before b's bytes: a pair feature of a
 * word is fnv(pair_prefix(...), b, bn), the first word hashed once per
 * document and key rather than once per token. */
static uint32_t pair_prefix(unsigned char tmpl, const char *a, size_t an) {
  uint32_t h = (2166136261u ^ tmpl) * 16777619u;
  h = fnv(h, a, an);
  return (h ^ 0x1f) * 16777619u;
}

/* The summed weights of the features a distinct word brings wherever it
 * stands (tagger key: its folded bytes, cut at WORD_FEAT_MAX, and its
 * lexicon bits): as the token itself (template 2), one and two before it
 * (3, 5), one and two after it (4, 6), its affixes (10-16), and its
 * lexicon bits as the token (23), the one before (24) and the one after
 * (32). Scored once per document and word instead of once per token and
 * neighbour. The token's own sums (WS_SELF) hold besides those of the
 * word (2) its affixes and lexicon bits, template 19 after O
 * (history_sums() of a token after O, O), the bias and the label
 * features after O, O: all that static_sums() adds for the word itself
 * but the shape and case, in one vector (integer sums: the order does
 * not matter). */
enum { WS_SELF, WS_PREV, WS_NEXT, WS_PREV2, WS_NEXT2, WS_N };
typedef struct word_sums {
  int32_t s[WS_N][NER_NLABELS];
  unsigned nself;  /* features among the affixes and lexicon bits (23) */
  unsigned nlex;   /* features of the lexicon bits (23, 24 or 32 alike) */
  unsigned lex;    /* the lexicon bits (LX_*) it was scored with */
  uint32_t pre[2]; /* pair_prefix() of templates 20 and 21 */
} word_sums;

static void word_sums_of(const cw_ner_model *m, const char *w, size_t wn,
                         unsigned lex, word_sums *out) {
  static const unsigned char tmpl[WS_N] = {2, 3, 4, 5, 6};
  /* the lexicon bits' templates as the token, before it, after it */
  static const unsigned char lex_tmpl[3] = {23, 24, 32};
  _Static_assert(WS_SELF == 0 && WS_PREV == 1 && WS_NEXT == 2,
                 "lex_tmpl follows the rows");
  uint32_t f[8];
  memset(out, 0, sizeof *out);
  for (int r = 0; r < WS_N; r++) {
    fset fs = {f, 0};
    feat2(&fs, tmpl[r], w, wn, NULL, 0);
    model_add(m, f, fs.n, out->s[r]);
  }
  fset fs = {f, 0};
  for (size_t k = 1; k <= 3 && k < wn; k++)
    feat2(&fs, (unsigned char)(9 + k), w, k, NULL, 0);
  for (size_t k = 1; k <= 4 && k < wn; k++)
    feat2(&fs, (unsigned char)(12 + k), w + wn - k, k, NULL, 0);
  model_add(m, f, fs.n, out->s[WS_SELF]);
  out->nself = (unsigned)fs.n;
  fs.n = 0;
  feat2(&fs, 19, label_names[NER_O], label_len(NER_O), w, wn);
  model_add(m, f, fs.n, out->s[WS_SELF]);
  for (int l = 0; l < NER_NLABELS; l++)
    out->s[WS_SELF][l] += m->bias[l] + m->lab12[NER_O][NER_O][l];
  /* evidence_feats()' lexicon bits of the token and its neighbours */
  for (int r = 0; r < 3; r++) {
    vsum v = vsum_load(out->s[r]);
    size_t nf = 0;
    num_bits(m, lex_tmpl[r], lex, 11, &v, &nf);
    vsum_store(&v, out->s[r]);
    out->nlex = (unsigned)nf;
  }
  out->nself += out->nlex;
  out->lex = lex;
  out->pre[0] = pair_prefix(20, w, wn);
  out->pre[1] = pair_prefix(21, w, wn);
}

/* ---- the thread's cache of word sums ------------------------------------
 *
 * A word's sums depend on its bytes, its lexicon bits and the model
 * alone, and the words of news repeat from article to article: each
 * thread keeps the sums of the words it scored last, direct-mapped by
 * hash (a word evicts the one in its slot), for the model of the serial
 * it holds (a cache filled for another model is emptied first). Read
 * through the C11 thread-local (so leak checkers see it), freed by the
 * key's destructor when the thread exits and at exit() for the thread
 * calling it, as stem.c's handles. */
#define WORD_CACHE_SLOTS 8192

/* Each filling of an entry gets a stamp of its own (never 0, never
 * given twice while the cache lives): a stamp names the word's bytes and
 * lexicon bits. The cache also keeps the summed weights of the two
 * features of a pair of neighbouring words (templates 20 and 21, the most
 * costly to score: two hashes and two probes of the model), direct-mapped
 * by the pair of stamps, and the words of news repeat in pairs too ("of
 * the", "said on"). A stamp outlives its entry, so a pair's sums stay
 * those of its bytes when either word is evicted. */
#define PAIR_CACHE_SLOTS 16384

typedef struct word_cache_entry {
  uint32_t hash;   /* cw_hash32_fast() of the word */
  unsigned char n; /* 0: empty */
  char w[WORD_FEAT_MAX];
  uint32_t stamp;
  word_sums sums;
} word_cache_entry;

/* The sums of feat2(20, a, b) plus a's WS_PREV (what a brings to b as
 * the word before it) and of feat2(21, a, b) plus b's WS_NEXT (what b
 * brings to a), for words a then b of stamps sa and sb (sa == 0: empty). */
typedef struct pair_cache_entry {
  uint32_t sa, sb;
  int32_t s20[NER_NLABELS], s21[NER_NLABELS];
} pair_cache_entry;

typedef struct word_cache {
  uint64_t serial;     /* the model's */
  uint32_t next_stamp; /* the last stamp given */
  word_cache_entry e[WORD_CACHE_SLOTS];
  pair_cache_entry p[PAIR_CACHE_SLOTS];
} word_cache;

static _Thread_local word_cache *thread_cache;

static void cache_free(void *p) {
  free(p);
  thread_cache = NULL;
}

static cw_tls_kind cache_tls = CW_TLS_KIND(cache_free);

/* Empties wc for model m, its stamps given from after `last`. */
static void word_cache_empty(word_cache *wc, const cw_ner_model *m,
                             uint32_t last) {
  for (size_t k = 0; k < WORD_CACHE_SLOTS; k++)
    wc->e[k].n = 0;
  for (size_t k = 0; k < PAIR_CACHE_SLOTS; k++)
    wc->p[k].sa = 0;
  wc->serial = m->serial;
  wc->next_stamp = last;
}

/* The thread's cache for model m, or NULL without memory. */
static word_cache *word_cache_for(const cw_ner_model *m) {
  word_cache *wc = thread_cache;
  if (!wc && !(wc = thread_cache = cw_tls_zalloc(&cache_tls, sizeof *wc)))
    return NULL;
  /* another model, or the stamps run out: emptied (stamps given afresh
   * cannot then name two words) */
  if (wc->serial != m->serial || wc->next_stamp == UINT32_MAX)
    word_cache_empty(wc, m, 0);
  return wc;
}

void cw_ner_cache_restamp(const cw_ner_model *m, uint32_t last) {
  word_cache *wc = word_cache_for(m);
  if (wc)
    word_cache_empty(wc, m, last);
}

/* word_sums_of(), through the cache wc (NULL for none); returns the
 * stamp of the entry that holds the word, 0 for none. Once the stamps run
 * out (after four billion words filled), words are scored uncached until
 * word_cache_for() empties the cache for the next document. */
static inline uint32_t word_sums_cached(const cw_ner_model *m, word_cache *wc,
                                        const char *w, size_t wn, unsigned lex,
                                        word_sums *out) {
  if (!wc || !wn || wn > WORD_FEAT_MAX) {
    word_sums_of(m, w, wn, lex, out);
    return 0;
  }
  uint32_t h = cw_hash32_fast(w, wn);
  word_cache_entry *e = &wc->e[h & (WORD_CACHE_SLOTS - 1)];
  if (e->n == wn && e->hash == h && e->sums.lex == lex &&
      cw_mem_eq(e->w, w, wn)) {
    *out = e->sums;
    return e->stamp;
  }
  word_sums_of(m, w, wn, lex, out);
  if (wc->next_stamp == UINT32_MAX)
    return 0;
  e->hash = h;
  e->n = (unsigned char)wn;
  memcpy(e->w, w, wn);
  e->sums = *out;
  e->stamp = ++wc->next_stamp;
  return e->stamp;
}

/* The sums of templates 20 and 21 over words a then b, with the word
 * sums each brings to the other (pair_cache_entry): a's sums wa, b's wb
 * and bytes [bw, bw + bn); feat2(20, a, b) and feat2(21, a, b) resumed
 * from a's pair prefixes. */
static void pair_sums_of(const cw_ner_model *m, const word_sums *wa,
                         const word_sums *wb, const char *bw, size_t bn,
                         int32_t *s20, int32_t *s21) {
  uint32_t f20 = fnv(wa->pre[0], bw, bn), f21 = fnv(wa->pre[1], bw, bn);
  memcpy(s20, wa->s[WS_PREV], NER_NLABELS * sizeof *s20);
  memcpy(s21, wb->s[WS_NEXT], NER_NLABELS * sizeof *s21);
  model_add(m, &f20, 1, s20);
  model_add(m, &f21, 1, s21);
}

/* pair_sums_of() through the cache wc (NULL for none), for words of
 * stamps sa and sb (0: not cached); the sums are left in *s20 and *s21,
 * which point into the cache or at the buffers b20 and b21. */
static void pair_sums_cached(const cw_ner_model *m, word_cache *wc, uint32_t sa,
                             uint32_t sb, const word_sums *wa,
                             const word_sums *wb, const char *bw, size_t bn,
                             int32_t *b20, int32_t *b21, const int32_t **s20,
                             const int32_t **s21) {
  if (!wc || !sa || !sb) {
    pair_sums_of(m, wa, wb, bw, bn, b20, b21);
    *s20 = b20;
    *s21 = b21;
    return;
  }
  uint32_t h = sa * 0x9E3779B1u ^ sb * 0x85EBCA77u;
  pair_cache_entry *e = &wc->p[(h ^ h >> 15) & (PAIR_CACHE_SLOTS - 1)];
  if (e->sa != sa || e->sb != sb) {
    pair_sums_of(m, wa, wb, bw, bn, e->s20, e->s21);
    e->sa = sa;
    e->sb = sb;
  } else {
    /* debug builds: a pair found is the pair of these words */
    assert((pair_sums_of(m, wa, wb, bw, bn, b20, b21),
            !memcmp(b20, e->s20, sizeof e->s20) &&
                !memcmp(b21, e->s21, sizeof e->s21)));
  }
  *s20 = e->s20;
  *s21 = e->s21;
}

/* What a scored token reads: since only tokens within NER_NEAR tokens of
 * a capitalised word are scored (NF_FAR), the sums of the words (and the
 * tagger keys) of tokens within NEED_WORD tokens of one, and the shapes of
 * those within NEED_SHAPE; score_static() sums no other. */
#define NEED_SHAPE (NER_NEAR + 1)
#define NEED_WORD (NER_NEAR + 2)

/* The runs of scored tokens (tok_run) into runs (room for d->ncaps + 1);
 * returns their count. From the capitalised words (d->caps, in order):
 * no pass over the others. */
static size_t near_runs(const cw_ner_doc *d, tok_run *runs) {
  size_t n = 0;
  const size_t *caps = d->caps, ncaps = d->ncaps, ntok = d->ntok;
  for (size_t q = 0; q < ncaps; q++) {
    size_t c = caps[q], a = c > NER_NEAR ? c - NER_NEAR : 0,
           b = c + NER_NEAR + 1 < ntok ? c + NER_NEAR + 1 : ntok;
    if (n && a <= runs[n - 1].b) {
      runs[n - 1].b = b;
    } else {
      runs[n].a = a;
      runs[n++].b = b;
    }
  }
#ifndef NDEBUG
  /* debug builds: the runs hold the tokens within NER_NEAR of a
   * capitalised word, in order, apart (in documents of a size unit tests
   * write) */
  for (size_t i = 0, k = 0; ntok <= 4096 && i < ntok; i++) {
    int is_near = 0;
    for (size_t q = 0; q < ncaps; q++)
      is_near |= (caps[q] > i ? caps[q] - i : i - caps[q]) <= NER_NEAR;
    while (k < n && runs[k].b <= i)
      k++;
    assert(is_near == (k < n && runs[k].a <= i));
    assert(k == 0 || k >= n || runs[k - 1].b < runs[k].a);
  }
#endif
  return n;
}

/* The first token and the end of run k of runs[0, nruns) (near_runs())
 * widened by `reach` tokens each side, within [0, ntok), from *next on
 * (the end of the last, which *next then gets): the tokens whose words
 * (reach 2) or shapes (1) a scored token reads, each once. */
static inline size_t reach_run(const tok_run *runs, size_t k, size_t ntok,
                               size_t reach, size_t *next) {
  size_t a = runs[k].a > reach ? runs[k].a - reach : 0,
         b = runs[k].b + reach < ntok ? runs[k].b + reach : ntok;
  size_t from = a > *next ? a : *next;
  *next = b;
  return from;
}

/* A small hash map from nonzero 64-bit keys to ids 0, 1, 2, ... in order
 * of first use (open addressing, load at most one half): shapes are eight
 * bytes, so they need no byte hashing. */
typedef struct id_map {
  uint64_t *keys; /* 0 = empty */
  uint32_t *ids;
  size_t cap, count;
} id_map;

static void id_map_free(id_map *im) {
  free(im->keys);
  free(im->ids);
  memset(im, 0, sizeof *im);
}

static size_t id_slot(const id_map *im, uint64_t key) {
  uint64_t h = key * 0x9E3779B97F4A7C15ULL;
  size_t i = (size_t)(h ^ (h >> 29)) & (im->cap - 1);
  while (im->keys[i] && im->keys[i] != key)
    i = (i + 1) & (im->cap - 1);
  return i;
}

/* The id of key (nonzero), a new one (== the count before) when it is
 * new; -1 without memory. */
/* Doubles the table of im (64 slots at first). -1 without memory. */
static int id_map_grow(id_map *im) {
  size_t cap = im->cap ? im->cap * 2 : 64;
  id_map old = *im;
  im->keys = calloc(cap, sizeof *im->keys);
  im->ids = malloc(cap * sizeof *im->ids);
  if (!im->keys || !im->ids) {
    free(im->keys);
    free(im->ids);
    *im = old;
    return -1;
  }
  im->cap = cap;
  for (size_t i = 0; i < old.cap; i++)
    if (old.keys[i]) {
      size_t k = id_slot(im, old.keys[i]);
      im->keys[k] = old.keys[i];
      im->ids[k] = old.ids[i];
    }
  free(old.keys);
  free(old.ids);
  return 0;
}

static inline long id_map_get(id_map *im, uint64_t key) {
  if ((im->count + 1) * 2 > im->cap && id_map_grow(im))
    return -1;
  size_t k = id_slot(im, key);
  if (!im->keys[k]) {
    im->keys[k] = key;
    im->ids[k] = (uint32_t)im->count++;
  }
  return (long)im->ids[k];
}

/* id_map_get() with the id val (below 2^32) for a new key rather than
 * the count: the id of key, *created set when it is new; -1 without
 * memory. */
static inline long id_map_put(id_map *im, uint64_t key, long val,
                              int *created) {
  if ((im->count + 1) * 2 > im->cap && id_map_grow(im))
    return -1;
  size_t k = id_slot(im, key);
  *created = !im->keys[k];
  if (*created) {
    im->keys[k] = key;
    im->ids[k] = (uint32_t)val;
    im->count++;
  }
  return (long)im->ids[k];
}

/* Numbers the tokens whose words a scored token reads (those of runs
 * [0, nruns) widened by NEED_WORD - NER_NEAR, reach_run()) so that tokens
 * of one number have one tagger key: word tokens by their word ids (d->word_id,
 * distinct folded words), the others after them by their folded bytes
 * and lexicon bits (a key's words have one set of lexicon bits:
 * word_sums). id[i] for each (other entries untouched), *nw numbers in
 * all; first[] gets the first token of each number used (room for
 * d->ntok), *nfirst of them. */
static cw_status word_keys(const cw_ner_doc *d, const tok_run *runs,
                           size_t nruns, long *id, size_t *nw, size_t *first,
                           size_t *nfirst) {
  /* the others: those of up to seven bytes and no lexicon bits (",",
   * "2,000", "\xE2\x80\x9C") by their bytes and length as a number
   * (never 0), the rest by the map */
  id_map shorts = {0};
  cw_an_map ix = {0};
  unsigned char *seen = calloc(d->n_words ? d->n_words : 1, 1);
  cw_status st = CW_ERR_NOMEM;
  if (!seen)
    return CW_ERR_NOMEM;
  size_t n = d->n_words, nf = 0;
  const long *word_id = d->word_id;
  const unsigned *lex = d->lex;
  for (size_t k = 0, next = 0; k < nruns; k++) {
    size_t i = reach_run(runs, k, d->ntok, NEED_WORD - NER_NEAR, &next);
    for (; i < next; i++) {
      long w = word_id[i];
      if (w >= 0) {
        id[i] = w;
        if (!seen[w]) {
          seen[w] = 1;
          first[nf++] = i;
        }
        continue;
      }
      size_t fl = d->fold_len[i];
      long key;
      int created;
      if (fl && fl < 8 && !lex[i]) {
        uint64_t b = 0;
        memcpy(&b, fold_at(d, i), fl);
        b = (b & ((1ull << 56) - 1)) | (uint64_t)fl << 56;
        key = id_map_put(&shorts, b, (long)n, &created);
        if (key < 0)
          goto done;
      } else {
        long *slot;
        if (cw_an_map_put(&ix, fold_at(d, i), fl, lex[i], (long)n, &slot,
                          &created))
          goto done;
        key = *slot;
      }
      if (created) {
        n++;
        first[nf++] = i;
      }
      id[i] = key;
    }
  }
  *nw = n;
  *nfirst = nf;
  st = CW_OK;
done:
  id_map_free(&shorts);
  cw_an_map_free(&ix);
  free(seen);
  return st;
}

/* Index of case_flags() into the model's tables: 16 combinations. */
static unsigned case_index(const cw_ner_doc *d, size_t i) {
  unsigned f = d->tflags[i];
  return ((f & NF_SENT_START) ? 1u : 0u) | ((f & NF_SENT_CAPS) ? 2u : 0u) |
         ((f & (NF_DOC_LOWER | NF_DOC_CAPMID)) / NF_DOC_LOWER) << 2;
}

/* The summed weights of the features of shapes, which take few values in
 * a document: per distinct shape, and per distinct pair of neighbouring
 * shapes, filled when first seen. */
typedef struct shape_entry {
  int32_t s[3][NER_NLABELS]; /* 7 (the token's), 8 (previous), 9 (next) */
  /* 27 with case_flags() of index k, plus 7 (s[0]), plus 28 (the case
   * flags) and 31 (the shape) after O: a token adds its own shape's sums
   * once (static_sums()) */
  int32_t flag[16][NER_NLABELS];
  unsigned has_flag; /* bit k: flag[k] is filled */
} shape_entry;

/* Shapes (a, b) of neighbouring tokens; each vector holds the neighbour's
 * single-shape sums too, so that a token adds one per side. */
typedef struct pair_entry {
  int32_t left[NER_NLABELS];  /* for b: 30 (a the previous), plus a's 8 */
  int32_t right[NER_NLABELS]; /* for a: 33 (b the next), plus b's 9 */
} pair_entry;

/* Up to this many distinct shapes in a document, shape_cache_fill()
 * numbers pairs of shapes in a square table (64 KiB at most). */
#define PAIR_SQUARE_MAX 128

typedef struct shape_cache {
  long *sid;         /* per token: its shape's entry */
  long *pid;         /* per token but the last: the pair with the next one */
  cw_vec ones, twos; /* shape_entry, pair_entry */
} shape_cache;

static void shape_cache_free(shape_cache *sc) {
  free(sc->sid);
  free(sc->pid);
  cw_vec_free(&sc->ones);
  cw_vec_free(&sc->twos);
}

/* Weights of feat2(tmpl, a, b) (b NULL for none) into acc. */
static void feat_sums(const cw_ner_model *m, unsigned char tmpl, const char *a,
                      size_t an, const char *b, size_t bn, int32_t *acc) {
  uint32_t f[1];
  fset fs = {f, 0};
  feat2(&fs, tmpl, a, an, b, bn);
  model_add(m, f, fs.n, acc);
}

/* A new last entry of v, uninitialised (cw_vec_push() without zeroing
 * it: the callers write what they read), or NULL without memory. */
static inline void *vec_push_raw(cw_vec *v) {
  if (v->len == v->cap && cw_vec_reserve(v, v->cap ? 2 * v->cap : 16))
    return NULL;
  return (char *)v->items + v->len++ * v->size;
}

/* Numbers the shapes of the tokens a scored token reads (those of runs
 * [0, nruns) widened by NEED_SHAPE - NER_NEAR, reach_run()) and the pairs
 * of neighbouring shapes with a scored token, and sums the weights of
 * each new one. CW_OK or CW_ERR_NOMEM. */
static cw_status shape_cache_fill(shape_cache *sc, const cw_ner_doc *d,
                                  const tok_run *runs, size_t nruns,
                                  const cw_ner_model *m) {
  size_t n = d->ntok ? d->ntok : 1;
  id_map ones = {0}, twos = {0};
  cw_status st = CW_ERR_NOMEM;
  cw_vec_init(&sc->ones, sizeof(shape_entry));
  cw_vec_init(&sc->twos, sizeof(pair_entry));
  if (!(sc->sid = malloc(n * sizeof *sc->sid)) ||
      !(sc->pid = malloc(n * sizeof *sc->pid)))
    goto done;
  uint64_t last_key = 0; /* no key: the previous token's */
  long last_id = -1;
  /* in locals: an id stored could otherwise be d's or sc's fields */
  long *sid = sc->sid, *pid = sc->pid;
  const size_t ntok = d->ntok;
  for (size_t k = 0, next = 0; k < nruns; k++) {
    size_t i = reach_run(runs, k, ntok, NEED_SHAPE - NER_NEAR, &next);
    for (; i < next; i++) {
      uint64_t key;
      memcpy(&key, d->shape[i], sizeof key); /* NUL-padded: never 0 */
      /* runs of one shape ("x x x") ask the map once */
      long id = key == last_key ? last_id : id_map_get(&ones, key);
      if (id < 0)
        goto done;
      last_key = key;
      last_id = id;
      sid[i] = id;
      if ((size_t)id == sc->ones.len) {
        shape_entry *e = vec_push_raw(&sc->ones);
        if (!e)
          goto done;
        /* (flag[k] is zeroed and filled before it is read: has_flag) */
        memset(e->s, 0, sizeof e->s);
        e->has_flag = 0;
        char sh[SHAPE_MAX + 1];
        size_t shl = shape(d, (long)i, sh);
        for (int r = 0; r < 3; r++)
          feat_sums(m, (unsigned char)(7 + r), sh, shl, NULL, 0, e->s[r]);
      }
    }
  }
  last_key = 0;
  /* with few shapes (as in prose), the pairs' ids in a square table
   * rather than the map: -1 until seen */
  size_t ns = sc->ones.len;
  int32_t *square = NULL;
  if (ns && ns <= PAIR_SQUARE_MAX &&
      !(square = malloc(ns * ns * sizeof *square)))
    goto done;
  if (square)
    memset(square, 0xff, ns * ns * sizeof *square);
  /* pairs with a scored token only: pair i is of tokens i and i + 1, and
   * a scored token i reads pairs i - 1 and i: those of a run [a, b) of
   * them are a - 1 to b - 1 (runs are apart: no pair is of two) */
  for (size_t k = 0; k < nruns; k++) {
    size_t i0 = runs[k].a ? runs[k].a - 1 : 0;
    for (size_t i = i0; i < runs[k].b && i + 1 < ntok; i++) {
      uint64_t key = (uint64_t)(sid[i] + 1) << 32 | (uint64_t)(sid[i + 1] + 1);
      long id;
      if (key == last_key) {
        id = last_id;
      } else if (square) {
        int32_t *sq = &square[(size_t)sid[i] * ns + (size_t)sid[i + 1]];
        if (*sq < 0)
          *sq = (int32_t)sc->twos.len;
        id = *sq;
      } else {
        id = id_map_get(&twos, key);
      }
      if (id < 0) {
        free(square);
        goto done;
      }
      last_key = key;
      last_id = id;
      pid[i] = id;
      if ((size_t)id == sc->twos.len) {
        pair_entry *e = vec_push_raw(&sc->twos);
        if (!e) {
          free(square);
          goto done;
        }
        memset(e, 0, sizeof *e);
        char a[SHAPE_MAX + 1], b[SHAPE_MAX + 1];
        size_t al = shape(d, (long)i, a), bl = shape(d, (long)i + 1, b);
        feat_sums(m, 30, a, al, b, bl, e->left);
        feat_sums(m, 33, a, al, b, bl, e->right);
        const shape_entry *sa =
            &CW_VEC_AT(&sc->ones, shape_entry, (size_t)sc->sid[i]);
        const shape_entry *sb =
            &CW_VEC_AT(&sc->ones, shape_entry, (size_t)sc->sid[i + 1]);
        for (int l = 0; l < NER_NLABELS; l++) {
          e->left[l] += sa->s[1][l];
          e->right[l] += sb->s[2][l];
        }
      }
    }
  }
  free(square);
  st = CW_OK;
done:
  id_map_free(&ones);
  id_map_free(&twos);
  return st;
}

/* word_feats(), case_feat() and evidence_feats() summed: the features of
 * one word from ws (nw distinct words, then "<s>" and "</s>"), those of
 * shapes from sc (hashed for the "#" beyond the ends), those of two words
 * hashed, the evidence bits from the model's tables. The count is that of
 * cw_ner_features() before its cut at NER_MAX_FEATS: either way such a
 * token is scored the slow way. */
static void static_sums(const cw_ner_doc *d, const cw_ner_model *m, size_t i,
                        const long *id, const word_sums *ws, const int32_t *s20,
                        const int32_t *s21, shape_cache *sc, token_score *t) {
  long li = (long)i;
  /* id[-2], id[-1] and id[n], id[n + 1] name "<s>" and "</s>" */
#define WS_AT(j) (&ws[id[(j)]])
  /* with the lexicon bits of the token and its neighbours (23, 24, 32) */
  size_t nf =
      1 + 5 + WS_AT(li)->nself + WS_AT(li - 1)->nlex + WS_AT(li + 1)->nlex;
  /* the bias, the word's affixes and lexicon bits are in its WS_SELF
   * (word_sums_of) */
  vsum acc = vsum_load(WS_AT(li)->s[WS_SELF]);
  /* WS_PREV of the word before and WS_NEXT of the one after (with their
   * lexicon bits) are in the pairs' sums s20 and s21 */
  vsum_add(&acc, WS_AT(li - 2)->s[WS_PREV2]);
  vsum_add(&acc, WS_AT(li + 2)->s[WS_NEXT2]);
#undef WS_AT
  /* word_feats() and case_feat() over two words, or over shapes (from
   * the document's tables, but for the "#" beyond the ends) */
  uint32_t f[8];
  fset fs = {f, 0};
  /* feat2(20, previous word, w) and feat2(21, w, next word), with the
   * neighbours' WS_PREV and WS_NEXT: the sums of the pairs (score_static) */
  vsum_add(&acc, s20);
  vsum_add(&acc, s21);
  /* the token's shape is copied out only where it is hashed: at the ends
   * and for a shape's first case flags */
  char sh[SHAPE_MAX + 1], shp[SHAPE_MAX + 1], shn[SHAPE_MAX + 1];
  size_t shl = i == 0 || i + 1 >= d->ntok ? shape(d, li, sh) : 0;
  shape_entry *e = &CW_VEC_AT(&sc->ones, shape_entry, (size_t)sc->sid[i]);
  if (i > 0) {
    /* 30 and the previous shape's 8 */
    vsum_add(&acc,
             CW_VEC_AT(&sc->twos, pair_entry, (size_t)sc->pid[i - 1]).left);
  } else {
    size_t shpl = shape(d, li - 1, shp);
    feat2(&fs, 8, shp, shpl, NULL, 0);
    feat2(&fs, 30, shp, shpl, sh, shl);
  }
  if (i + 1 < d->ntok) {
    /* 33 and the next shape's 9 */
    vsum_add(&acc, CW_VEC_AT(&sc->twos, pair_entry, (size_t)sc->pid[i]).right);
  } else {
    size_t shnl = shape(d, li + 1, shn);
    feat2(&fs, 9, shn, shnl, NULL, 0);
    feat2(&fs, 33, sh, shl, shn, shnl);
  }
  unsigned k = t->cidx = case_index(d, i);
  if (!(e->has_flag & 1u << k)) {
    char flag[4];
    case_flags(d, i, flag);
    shl = shape(d, li, sh);
    memset(e->flag[k], 0, sizeof e->flag[k]);
    feat_sums(m, 27, flag, 3, sh, shl, e->flag[k]);
    feat_sums(m, 31, label_names[NER_O], label_len(NER_O), sh, shl, e->flag[k]);
    for (int l = 0; l < NER_NLABELS; l++)
      e->flag[k][l] += e->s[0][l] + m->caselab[k][NER_O][l];
    e->has_flag |= 1u << k;
  }
  /* 27, the token's own shape (7), 28 and 31 after O */
  vsum_add(&acc, e->flag[k]);
  if (fs.n) { /* the shapes beyond the ends */
    int32_t hashed[NER_NLABELS] = {0};
    model_add(m, f, fs.n, hashed);
    vsum_add(&acc, hashed);
  }
  nf += 8;
  /* evidence_feats() */
  num_bits(m, 22, d->gaz[i], 8, &acc, &nf);
  num_bits(m, 34, d->gaz_b[i], 8, &acc, &nf);
  if (i > 0)
    num_bits(m, 25, d->gaz[i - 1], 8, &acc, &nf);
  if (i + 1 < d->ntok)
    num_bits(m, 26, d->gaz[i + 1], 8, &acc, &nf);
  /* (the lexicon bits: in the word sums above) */
  num_bits(m, 36, d->tflags[i] >> NF_CTX_SHIFT, NF_CTX_BITS, &acc, &nf);
  if (i + 1 < d->ntok)
    num_bits(m, 37, d->tflags[i + 1] >> NF_CTX_SHIFT, NF_CTX_BITS, &acc, &nf);
  vsum_store(&acc, t->fixed);
  t->nfixed = nf;
}

#ifndef NDEBUG
/* Documents up to this many tokens have their sums checked (below). */
#define NER_CHECK_MAX_TOKENS 4096

/* Whether s holds the summed weights of cw_ner_features(d, i, p1, p2),
 * each scored (the check of debug builds on greedy_model()). */
static int sums_of_features(const cw_ner_doc *d, const cw_ner_model *m,
                            size_t i, int p1, int p2, const vsum *s) {
  uint32_t f[NER_MAX_FEATS];
  int32_t want[NER_NLABELS] = {0}, got[NER_NLABELS];
  model_add(m, f, cw_ner_features(d, i, p1, p2, f), want);
  vsum_store(s, got);
  return !memcmp(want, got, sizeof got);
}
#endif

/* pass_feats() summed into acc; returns their count. Template 41 (label,
 * shape) from hc, filled here (t is token i's). */
static size_t pass_sums(const cw_ner_doc *d, const cw_ner_model *m, size_t i,
                        int p1, const token_score *t, hist_cache *hc,
                        vsum *acc) {
  unsigned f = d->tflags[i];
  size_t nf = 0;
  if (f & NF_L1_MASK) {
    unsigned maj = (f >> NF_L1_MAJ_SHIFT) & 7;
    num_bits(m, 39, f >> NF_L1_SHIFT, NF_L1_TYPES + 1, acc, &nf);
    vsum_add(acc, m->num[40][maj]);
    int32_t *s41 = hc->s31[t->sid][1][p1];
    if (!(hc->s31_done[t->sid] & 1u << (16 + p1))) {
      char sh[SHAPE_MAX + 1];
      size_t shl = shape(d, (long)i, sh);
      memset(s41, 0, sizeof hc->s31[t->sid][1][p1]);
      feat_sums(m, 41, label_names[p1], label_len(p1), sh, shl, s41);
      hc->s31_done[t->sid] |= 1u << (16 + p1);
    }
    vsum_add(acc, s41);
    vsum_add(acc, m->majlab[maj * 16 + (unsigned)p1]);
    nf += 3;
  }
  if (d->gaz[i] & (GZ_FIRST | GZ_NAME)) {
    vsum_add(acc, m->gazlab[0][p1]);
    nf++;
  }
  if (d->gaz[i] & (GZ_CITY | GZ_COUNTRY | GZ_REGION)) {
    vsum_add(acc, m->gazlab[1][p1]);
    nf++;
  }
  return nf;
}

/* history_feats() and case_history_feat() summed into acc: the label
 * features from the model's tables, those of templates 19 and 31 from hc
 * (filled here); returns their count. */
static inline size_t history_sums_cached(const cw_ner_doc *d,
                                         const cw_ner_model *m, size_t i,
                                         int p1, int p2, const token_score *t,
                                         hist_cache *hc, int32_t *acc) {
  const char *lp1 = label_names[p1];
  vsum sum = vsum_load(m->lab12[p1][p2]);
  vsum_add(&sum, m->caselab[t->cidx][p1]);
  size_t wn;
  if (p1 == NER_O) {
    if (!hc->w19_done[t->wkey]) {
      const char *w = word(d, (long)i, &wn);
      memset(hc->w19[t->wkey], 0, sizeof hc->w19[t->wkey]);
      feat_sums(m, 19, lp1, label_len(p1), w, wn, hc->w19[t->wkey]);
      hc->w19_done[t->wkey] = 1;
    }
    vsum_add(&sum, hc->w19[t->wkey]);
  } else {
    int32_t *w19 = hc->w19x[t->wkey];
    if (hc->w19x_lab[t->wkey] != p1) {
      const char *w = word(d, (long)i, &wn);
      memset(w19, 0, sizeof hc->w19x[t->wkey]);
      feat_sums(m, 19, lp1, label_len(p1), w, wn, w19);
      hc->w19x_lab[t->wkey] = (unsigned char)p1;
    }
    vsum_add(&sum, w19);
  }
  int32_t *s31 = hc->s31[t->sid][0][p1];
  if (!(hc->s31_done[t->sid] & 1u << p1)) {
    char sh[SHAPE_MAX + 1];
    size_t shl = shape(d, (long)i, sh);
    memset(s31, 0, sizeof hc->s31[t->sid][0][p1]);
    feat_sums(m, 31, lp1, label_len(p1), sh, shl, s31);
    hc->s31_done[t->sid] |= 1u << p1;
  }
  vsum_add(&sum, s31);
  vsum_store(&sum, acc);
  return 5; /* as history_sums(): three from the tables, two hashed */
}

/* greedy() for the shipped scorer: the same labels, since the integer
 * sums of a feature multiset do not depend on its order. A token whose
 * features could reach NER_MAX_FEATS, where cw_ner_features() cuts the
 * tail, is scored the slow way. In the second pass (second != 0, labels
 * holding the first's), a token without first-pass bits (NF_L1_*) whose
 * two previous labels are those the first pass saw (its hist) has the
 * features it had then, so it keeps its label unscored. Only the tokens
 * of hc->runs are visited: the first pass makes the others O, and a
 * token's previous labels are those of the two tokens before it. */
static void greedy_model(const cw_ner_doc *d, const cw_ner_model *m,
                         token_score *ts, hist_cache *hc, unsigned char *labels,
                         int second) {
  uint32_t f[NER_MAX_FEATS];
  float s[NER_NLABELS];
  int scale_ok = m->scale >= FLT_MIN && m->scale < 0x1p100f;
  if (!second) /* the tokens not scored: O in both passes */
    memset(labels, NER_O, d->ntok);
  /* in locals: a label stored (a byte) could be any of these, reloaded
   * for every token otherwise */
  const tok_run *runs = hc->runs;
  const size_t nruns = hc->nruns;
  const unsigned *tflags = d->tflags;
  /* the labels before token i: those of tokens i - 1 and i - 2 */
  for (size_t k = 0; k < nruns; k++)
    for (size_t i = runs[k].a; i < runs[k].b; i++) {
      token_score *t = &ts[i];
      int p1 = i > 0 ? labels[i - 1] : NER_O;
      int p2 = i > 1 ? labels[i - 2] : NER_O;
      if (second && t->hist_p1 == p1 && t->hist_p2 == p2 &&
          !(tflags[i] & NF_L1_MASK))
        continue;
      /* the history after O, O is in t->fixed; another one adds the
       * difference */
      int oo = p1 == NER_O && p2 == NER_O;
      if (!oo && (t->hist_p1 != p1 || t->hist_p2 != p2)) {
        int32_t h_oo[NER_NLABELS];
        history_sums_cached(d, m, i, p1, p2, t, hc, t->hist);
        history_sums_cached(d, m, i, NER_O, NER_O, t, hc, h_oo);
        for (int l = 0; l < NER_NLABELS; l++)
          t->hist[l] -= h_oo[l];
      }
      t->hist_p1 = p1;
      t->hist_p2 = p2;
      int32_t acc[NER_NLABELS];
      vsum sum = vsum_load(t->fixed);
      if (!oo)
        vsum_add(&sum, t->hist);
      size_t np = pass_sums(d, m, i, p1, t, hc, &sum);
      int best;
      if (t->nfixed + t->nhist + np < NER_MAX_FEATS) {
        assert(vsum_in_range(&sum)); /* fewer than NER_MAX_FEATS weights */
        /* debug builds: the sums are those of every feature scored (in
         * documents of a size unit tests write; hostile ones are larger) */
        assert(d->ntok > NER_CHECK_MAX_TOKENS ||
               sums_of_features(d, m, i, p1, p2, &sum));
        if (scale_ok && p1 == NER_O && o_wins(&sum)) {
          best = NER_O;
          assert(best == best_label_sums(t->nl, p1, vsum_acc(&sum, acc),
                                         m->scale, scale_ok));
        } else {
          vsum_store(&sum, acc);
          best = best_label_sums(t->nl, p1, acc, m->scale, scale_ok);
        }
      } else {
        size_t nf = cw_ner_features(d, i, p1, p2, f);
        cw_ner_model_score((void *)m, f, nf, s);
        best = best_label_nl(t->nl, p1, s);
      }
      labels[i] = (unsigned char)best;
    }
}

/* The label-free sums of every token scored (in hc->runs, not NF_FAR),
 * or NULL without memory; hc gets empty caches for its keys and shapes
 * (freed by the caller either way). What only far tokens read (their
 * words, shapes and pairs: NEED_WORD, NEED_SHAPE) is not summed, nor
 * looked at. */
static token_score *score_static(const cw_ner_doc *d, const cw_ner_model *m,
                                 hist_cache *hc) {
  const size_t ntok = d->ntok, n = ntok ? ntok : 1;
  /* in locals: the sums stored below could otherwise be hc's fields */
  const tok_run *runs = hc->runs;
  const size_t nruns = hc->nruns;
  token_score *ts = malloc(n * sizeof *ts);
  /* the keys of the tokens with two more each side for the ends */
  long *id_all = malloc((ntok + 4) * sizeof *id_all), *id = id_all + 2;
  size_t *first = malloc(n * sizeof *first); /* of each key: word_keys() */
  word_sums *ws = NULL;
  uint32_t *stamp = NULL; /* per key: its word's stamp, 0 for none */
  size_t nw = 0, nfirst = 0;
  if (!ts || !id_all || !first ||
      word_keys(d, runs, nruns, id, &nw, first, &nfirst) ||
      !(ws = malloc((nw + 2) * sizeof *ws)) ||
      !(stamp = malloc((nw + 2) * sizeof *stamp))) {
    free(stamp);
    free(ts);
    free(id_all);
    free(ws);
    free(first);
    return NULL;
  }
  id[-2] = id[-1] = (long)nw;
  id[ntok] = id[ntok + 1] = (long)nw + 1;
  /* the sums of each distinct word a scored token reads, then of the
   * ends beyond the text */
  word_cache *wc = word_cache_for(m);
  for (size_t q = 0; q < nfirst; q++) {
    size_t i = first[q];
    long k = id[i];
    stamp[k] = word_sums_cached(m, wc, fold_at(d, i), d->fold_len[i], d->lex[i],
                                &ws[k]);
  }
  free(first);
#ifndef NDEBUG
  /* debug builds: the tokens of a key have its lexicon bits */
  for (size_t k = 0, next = 0; k < nruns; k++)
    for (size_t i = reach_run(runs, k, ntok, NEED_WORD - NER_NEAR, &next);
         i < next; i++)
      assert(ws[id[i]].lex == d->lex[i]);
#endif
  stamp[nw] = word_sums_cached(m, wc, "<s>", 3, 0, &ws[nw]);
  stamp[nw + 1] = word_sums_cached(m, wc, "</s>", 4, 0, &ws[nw + 1]);
  shape_cache sc = {0};
  size_t nk = nw ? nw : 1;
  if (shape_cache_fill(&sc, d, runs, nruns, m) ||
      !(hc->w19 = malloc(nk * sizeof *hc->w19)) ||
      !(hc->w19_done = calloc(nk, 1)) ||
      !(hc->w19x = malloc(nk * sizeof *hc->w19x)) ||
      !(hc->w19x_lab = calloc(nk, 1)) ||
      !(hc->s31 = malloc((sc.ones.len + 1) * sizeof *hc->s31)) ||
      !(hc->s31_done = calloc(sc.ones.len + 1, sizeof *hc->s31_done))) {
    shape_cache_free(&sc);
    free(stamp);
    free(id_all);
    free(ws);
    free(ts);
    return NULL;
  }
  /* the pairs of neighbouring words, "<s>" and "</s>" beyond the ends:
   * pair j (words j and j + 1) gives template 21 of token j and 20 of
   * token j + 1 */
  int32_t b20[NER_NLABELS], b21[NER_NLABELS], left[NER_NLABELS];
  const int32_t *s20, *s21;
  for (size_t k = 0; k < nruns; k++) {
    /* a token labelled O unscored needs no sums, nor does a pair of two
     * (the sums of each pair with a scored token, in order: left holds
     * those of the pair before token i) */
    size_t i = runs[k].a, nn;
    /* the pair before the run, of a token not scored (or "<s>", id[-1])
     * and token i */
    const char *w = word(d, (long)i, &nn);
    pair_sums_cached(m, wc, stamp[id[(long)i - 1]], stamp[id[i]],
                     &ws[id[(long)i - 1]], &ws[id[i]], w, nn, b20, b21, &s20,
                     &s21);
    memcpy(left, s20, sizeof left);
    for (; i < runs[k].b; i++) {
      const char *next = word(d, (long)i + 1, &nn);
      pair_sums_cached(m, wc, stamp[id[i]], stamp[id[i + 1]], &ws[id[i]],
                       &ws[id[i + 1]], next, nn, b20, b21, &s20, &s21);
      static_sums(d, m, i, id, ws, left, s21, &sc, &ts[i]);
      memcpy(left, s20, sizeof left);
      ts[i].hist_p1 = ts[i].hist_p2 = -1;
      ts[i].nhist = 5; /* history_sums_cached() */
      ts[i].wkey = id[i];
      ts[i].sid = sc.sid[i];
      ts[i].nl = 0;
      /* a line break between the tokens (a gap is mostly one space) */
      if (i > 0) {
        size_t b = d->tok[i - 1].end, e = d->tok[i].start;
        if (e == b + 1)
          ts[i].nl = d->text[b] == '\n';
        else if (e > b)
          ts[i].nl = memchr(d->text + b, '\n', e - b) != NULL;
      }
    }
  }
  shape_cache_free(&sc);
  free(stamp);
  free(id_all);
  free(ws);
  return ts;
}

/* Sets NF_L1_* of each capitalised word from the labels of its other
 * capitalised occurrences. d is const but its tables are not: decoding
 * owns these bits. CW_ERR_NOMEM leaves them clear. A word met once (most
 * capitalised words) has no other occurrence: no bits. The bits depend on
 * the word's counts and what the occurrence itself adds to them (own: its
 * type's bit, SURNAME's for the last word of a person), and the
 * occurrences of a word mostly add the same: the bits of the last own are
 * kept per word. */
static cw_status label_context(const cw_ner_doc *d,
                               const unsigned char *labels) {
  enum { SURNAME = NF_L1_TYPES, NCOUNT };
  /* per distinct word (d->word_id: capitalised words are word tokens),
   * zeroed for the capitalised words only: no other is read. n counts its
   * occurrences; own is 0 (none has) until the first with another one. */
  struct {
    unsigned c[NCOUNT], n, own, bits;
  } *cnt = malloc((d->n_words ? d->n_words : 1) * sizeof *cnt);
  if (!cnt)
    return CW_ERR_NOMEM;
  const size_t *caps = d->caps;
  const size_t ncaps = d->ncaps, ntok = d->ntok;
  const long *word_id = d->word_id;
  unsigned *tflags = d->tflags;
  for (size_t q = 0; q < ncaps; q++)
    memset(&cnt[word_id[caps[q]]], 0, sizeof *cnt);
  for (size_t q = 0; q < ncaps; q++) {
    size_t i = caps[q];
    long at = word_id[i];
    int l = labels[i];
    cnt[at].c[l == NER_O ? NF_L1_TYPES - 1 : (l - 1) / 2]++;
    cnt[at].n++;
    if (l == NER_I_PER && (i + 1 == ntok || labels[i + 1] != NER_I_PER))
      cnt[at].c[SURNAME]++;
  }
  for (size_t q = 0; q < ncaps; q++) {
    size_t i = caps[q];
    long at = word_id[i];
    if (cnt[at].n == 1) /* its own counts alone: every one left is 0 */
      continue;
    int l = labels[i];
    unsigned type = l == NER_O ? NF_L1_TYPES - 1 : (unsigned)(l - 1) / 2;
    unsigned own = 1u << type;
    if (l == NER_I_PER && (i + 1 == ntok || labels[i + 1] != NER_I_PER))
      own |= 1u << SURNAME;
    if (cnt[at].own != own) {
      unsigned c[NCOUNT], bits = 0, maj = 0, best = 0;
      memcpy(c, cnt[at].c, sizeof c);
      for (unsigned k = 0; k < NCOUNT; k++) {
        c[k] -= own >> k & 1;
        if (c[k])
          bits |= 1u << k;
      }
      for (unsigned k = 0; k < NF_L1_TYPES; k++)
        if (c[k] > best) {
          best = c[k];
          maj = k + 1;
        }
      cnt[at].own = own;
      cnt[at].bits = bits << NF_L1_SHIFT | maj << NF_L1_MAJ_SHIFT;
    }
    tflags[i] |= cnt[at].bits;
  }
  free(cnt);
  return CW_OK;
}

/* Two greedy passes: the second sees what the first made of each word's
 * other occurrences ("Varga" alone after "Lidia Varga"). The shipped
 * scorer takes greedy_model(), which scores the label-free features of
 * each token once for both passes. Tokens far from every capitalised
 * word (NER_NEAR) are O in both, unscored. */
/* For greedy(), which reads every token's flags: NF_FAR set but for the
 * scored tokens (hc's runs, or without memory, from the capitalised
 * words), and no first-pass bits. */
static void mark_far(const cw_ner_doc *d, const hist_cache *hc) {
  const unsigned keep = ~(NF_L1_MASK | 7u << NF_L1_MAJ_SHIFT);
  unsigned *tflags = d->tflags;
  for (size_t i = 0; i < d->ntok; i++)
    tflags[i] = (tflags[i] & keep) | NF_FAR;
  if (hc->runs) {
    for (size_t k = 0; k < hc->nruns; k++)
      for (size_t i = hc->runs[k].a; i < hc->runs[k].b; i++)
        tflags[i] &= ~(unsigned)NF_FAR;
  } else { /* without memory */
    for (size_t q = 0; q < d->ncaps; q++) {
      size_t c = d->caps[q], b = c > NER_NEAR ? c - NER_NEAR : 0;
      for (size_t i = b; i <= c + NER_NEAR && i < d->ntok; i++)
        tflags[i] &= ~(unsigned)NF_FAR;
    }
  }
}

void cw_ner_decode(const cw_ner_doc *d, cw_ner_scorer score, void *ctx,
                   unsigned char *labels) {
  hist_cache hc = {0};
  /* the tokens scored: score_static() and greedy_model() visit no other */
  if ((hc.runs = malloc((d->ncaps + 1) * sizeof *hc.runs)))
    hc.nruns = near_runs(d, hc.runs);
  const unsigned keep = ~(NF_L1_MASK | 7u << NF_L1_MAJ_SHIFT);
  /* in locals: the stores could otherwise be d's or hc's fields */
  unsigned *tflags = d->tflags;
  const tok_run *runs = hc.runs;
  const size_t nruns = hc.nruns;
  /* the first pass's bits cleared where they are read: greedy_model()
   * reads the scored tokens' alone */
  for (size_t k = 0; k < nruns; k++)
    for (size_t i = runs[k].a; i < runs[k].b; i++)
      tflags[i] &= keep;
  token_score *ts =
      score == cw_ner_model_score && hc.runs ? score_static(d, ctx, &hc) : NULL;
  if (ts) {
    greedy_model(d, ctx, ts, &hc, labels, 0);
    if (label_context(d, labels) == CW_OK)
      greedy_model(d, ctx, ts, &hc, labels, 1);
  } else {
    mark_far(d, &hc);
    greedy(d, score, ctx, labels);
    if (label_context(d, labels) == CW_OK)
      greedy(d, score, ctx, labels);
  }
  hist_cache_free(&hc);
  free(ts);
}

/* ---- the model ------------------------------------------------------------
 */

void cw_ner_model_score(void *ctx, const uint32_t *f, size_t nf,
                        float *scores) {
  const cw_ner_model *m = ctx;
  int32_t acc[NER_NLABELS] = {0};
  model_add(m, f, nf, acc);
  for (int l = 0; l < NER_NLABELS; l++)
    scores[l] = (float)acc[l] * m->scale;
}

void cw_ner_model_free(cw_ner_model *m) {
  if (!m)
    return;
  free(m->keys);
  free(m->w);
  free(m->slot);
  free(m);
}

static int read_u32(FILE *fp, uint32_t *v) {
  unsigned char b[4];
  if (fread(b, 1, 4, fp) != 4)
    return -1;
  *v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
       (uint32_t)b[3] << 24;
  return 0;
}

/* Adds the weights of the features of fs into acc. */
static void table_add(const cw_ner_model *m, const fset *fs, int32_t *acc) {
  model_add(m, fs->out, fs->n, acc);
}

/* Fills the tables of m for features that take few values. */
static void model_tables(cw_ner_model *m) {
  uint32_t f[4];
  for (unsigned t = 0; t < NUM_TMPLS; t++)
    for (unsigned v = 0; v < NUM_VALS; v++) {
      fset fs = {f, 0};
      feat_num(&fs, (unsigned char)t, v);
      table_add(m, &fs, m->num[t][v]);
    }
  for (unsigned v = 0; v < 8 * 16; v++) {
    fset fs = {f, 0};
    feat_num(&fs, 42, v);
    table_add(m, &fs, m->majlab[v]);
  }
  for (unsigned v = 0; v < 256; v++)
    for (unsigned b = 0; b < 8; b++)
      m->bitcount[v] += (unsigned char)(v >> b & 1);
  for (unsigned t = 0; t < NUM_TMPLS; t++) {
    int slot = bit_slot(t);
    if (slot < 0)
      continue;
    for (unsigned k = 0; k < 2; k++)
      for (unsigned v = 0; v < 256; v++)
        for (unsigned b = 0; b < 8; b++)
          if (v >> b & 1 && 8 * k + b < NUM_VALS)
            for (int l = 0; l < NER_NLABELS; l++)
              m->bitsum[slot][k][v][l] += m->num[t][8 * k + b][l];
  }
  fset fs = {f, 0};
  feat(&fs, 1, "bias");
  table_add(m, &fs, m->bias);
  for (int p1 = 0; p1 < NER_NLABELS; p1++) {
    const char *lp1 = label_names[p1];
    fs.n = 0;
    feat2(&fs, 17, lp1, label_len(p1), NULL, 0);
    table_add(m, &fs, m->lab1[p1]);
    for (int p2 = 0; p2 < NER_NLABELS; p2++) {
      fs.n = 0;
      feat2(&fs, 18, lp1, label_len(p1), label_names[p2], label_len(p2));
      table_add(m, &fs, m->lab2[p1][p2]);
      for (int l = 0; l < NER_NLABELS; l++)
        m->lab12[p1][p2][l] = m->lab1[p1][l] + m->lab2[p1][p2][l];
    }
    for (unsigned c = 0; c < 16; c++) {
      /* case_flags() of index c (case_index) */
      char flag[3] = {(c & 1) ? 'S' : 's', (c & 2) ? 'C' : 'c',
                      (char)('a' + (c >> 2))};
      fs.n = 0;
      feat2(&fs, 28, flag, 3, lp1, label_len(p1));
      table_add(m, &fs, m->caselab[c][p1]);
    }
    fs.n = 0;
    feat2(&fs, 35, lp1, label_len(p1), "name", 4);
    table_add(m, &fs, m->gazlab[0][p1]);
    fs.n = 0;
    feat2(&fs, 35, lp1, label_len(p1), "place", 5);
    table_add(m, &fs, m->gazlab[1][p1]);
  }
}

/* File: "CWNER01\n", u32 count, u32 labels (9), u32 scale as a float's
 * bits, then count sorted u32 keys, then count * labels int16 weights;
 * little-endian. */
cw_ner_model *cw_ner_model_load(const char *path) {
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return NULL;
  char magic[8];
  uint32_t n, nl, sb;
  static atomic_uint_fast64_t serials;
  cw_ner_model *m = calloc(1, sizeof *m);
  if (m)
    m->serial = (uint64_t)atomic_fetch_add(&serials, 1) + 1;
  if (!m || fread(magic, 1, 8, fp) != 8 || memcmp(magic, "CWNER01\n", 8) ||
      read_u32(fp, &n) || read_u32(fp, &nl) || read_u32(fp, &sb) ||
      nl != NER_NLABELS || n == 0 || n > MODEL_MAX_FEATS)
    goto bad;
  memcpy(&m->scale, &sb, sizeof m->scale);
  m->n = n;
  m->keys = malloc(n * sizeof *m->keys);
  m->w = malloc((size_t)n * NER_NLABELS * sizeof *m->w);
  unsigned char *raw = malloc((size_t)n * NER_NLABELS * 2);
  if (!m->keys || !m->w || !raw) {
    free(raw);
    goto bad;
  }
  /* the keys through raw too (it holds 18 bytes per key, they need 4) */
  if (fread(raw, 4, n, fp) != n) {
    free(raw);
    goto bad;
  }
  for (size_t k = 0; k < n; k++) {
    const unsigned char *b = raw + 4 * k;
    m->keys[k] = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
                 (uint32_t)b[3] << 24;
    if (k && m->keys[k] <= m->keys[k - 1]) {
      free(raw);
      goto bad;
    }
  }
  if (fread(raw, 2, (size_t)n * NER_NLABELS, fp) != (size_t)n * NER_NLABELS) {
    free(raw);
    goto bad;
  }
  for (size_t k = 0; k < (size_t)n * NER_NLABELS; k++)
    m->w[k] = (int16_t)(uint16_t)(raw[2 * k] | raw[2 * k + 1] << 8);
  free(raw);
  fclose(fp);
  /* load at most one half (about a third for the shipped model): most
   * features looked up are not in the model, and a miss probes up to the
   * next empty slot */
  size_t cap = 1;
  while (cap < 2 * (size_t)n + 1)
    cap <<= 1;
  m->mask = cap - 1;
  if (!(m->slot = cw_zalloc_big(cap, sizeof *m->slot))) {
    cw_ner_model_free(m);
    return NULL;
  }
  for (size_t k = 0; k < n; k++) {
    size_t s = slot_of(m->keys[k], m->mask);
    while (m->slot[s].used)
      s = (s + 1) & m->mask;
    m->slot[s].key = m->keys[k];
    memcpy(m->slot[s].w, m->w + k * NER_NLABELS, sizeof m->slot[s].w);
    m->slot[s].used = 1;
  }
  model_tables(m);
  return m;
bad:
  fclose(fp);
  cw_ner_model_free(m);
  return NULL;
}

static cw_ner_model *shipped;
static pthread_once_t shipped_once = PTHREAD_ONCE_INIT;

/* The model of the source tree: this file's directory, ../../data/ner. */
static void load_shipped(void) {
  const char *env = getenv("CW_NER_MODEL");
  if (env) {
    if (*env)
      shipped = cw_ner_model_load(env);
    return; /* CW_NER_MODEL="" turns the tagger off */
  }
  static const char here[] = __FILE__;
  static const char rel[] = "/../../data/ner/model.bin";
  const char *slash = strrchr(here, '/');
  char path[4096];
  size_t dn = slash ? (size_t)(slash - here) : 0;
  if (!slash || dn + sizeof rel > sizeof path)
    return;
  memcpy(path, here, dn);
  memcpy(path + dn, rel, sizeof rel);
  shipped = cw_ner_model_load(path);
}

const cw_ner_model *cw_ner_model_get(void) {
  pthread_once(&shipped_once, load_shipped);
  return shipped;
}
