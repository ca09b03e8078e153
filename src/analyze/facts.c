/* facts.c - numbers with what they count, and roles, found in news text.
 *
 * A number becomes a fact when the words around it say what it measures:
 * a currency sign or word (money), "%" or "percent" (percentage), or a
 * plural noun right after it, perhaps through "of its" (quantity). Years,
 * clock times, days of a month, ordinals and parts of names are not facts.
 * The qualifier before the number ("more than", "nearly", "about") is kept
 * apart so that comparison across outlets can tell a hedge from a
 * different figure. The scan works token by token over the article once.
 */
#include "analyze/facts.h"
#include "analyze/analyze_int.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tokens looked at between a number and the noun it counts ("4.2 million
 * of its customers": million, of, its). More would pick up nouns of the
 * next clause. */
#define COUNTED_NOUN_GAP 3
/* A number token longer than this is noise (a phone number, an ID). */
#define MAX_NUMBER_BYTES 24

const char *cw_fact_kind_name(cw_fact_kind kind) {
  switch (kind) {
  case CW_FACT_MONEY:
    return "money";
  case CW_FACT_PERCENT:
    return "percent";
  case CW_FACT_QUANTITY:
    return "quantity";
  case CW_FACT_ROLE:
    return "role";
  }
  return "quantity";
}

typedef struct scan {
  const char *text;
  const cw_token *tok;
  size_t ntok;
  cw_arena *arena;
  cw_vec *facts;
  cw_stemmer *stem; /* the thread's (cw_stemmer_thread) */
  char fold[64];
  size_t fold_of; /* the token whose low() fold holds, + 1 (0: none) */
  /* the analysis's word of each token (token_word, or NULL when the
   * tokens are not the analysis's), and per word what tok_is_month() and
   * countable_noun() found of it (MEMO_*; NULL until first asked) */
  const int32_t *token_word;
  size_t n_words;
  unsigned char *memo;
  int memo_err; /* no memory for memo: every token asks afresh */
} scan;

/* Bits of scan.memo: whether a word is a month (known, and the answer),
 * and whether countable_noun()'s word tests pass. A token's word is its
 * low() fold (token_word: its ASCII lower case), so the answers of one
 * token are those of every token of its word. */
enum {
  MEMO_MONTH_KNOWN = 1,
  MEMO_MONTH = 2,
  MEMO_NOUN_KNOWN = 4,
  MEMO_NOUN = 8
};

/* The memo byte of token i's word, or NULL when it has none. */
static unsigned char *memo_of(scan *s, size_t i) {
  if (!s->token_word || s->token_word[i] < 0 || s->memo_err)
    return NULL;
  if (!s->memo && !(s->memo = calloc(s->n_words ? s->n_words : 1, 1))) {
    s->memo_err = 1;
    return NULL;
  }
  assert((size_t)s->token_word[i] < s->n_words);
  return &s->memo[s->token_word[i]];
}

/* The token's text, ASCII-lower-cased into s->fold ("" when too long);
 * the fold of the token asked for last is kept (number_at() asks for a
 * word several times). */
static const char *low(scan *s, size_t i) {
  if (s->fold_of == i + 1)
    return s->fold;
  s->fold_of = i + 1;
  size_t n = s->tok[i].end - s->tok[i].start;
  if (n >= sizeof s->fold)
    n = 0;
  for (size_t k = 0; k < n; k++) {
    char c = s->text[s->tok[i].start + k];
    s->fold[k] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
  }
  s->fold[n] = 0;
  return s->fold;
}

/* Whether low(s, i) equals w, compared in place: s->fold is left alone
 * (no caller holds low()'s result across a tok_is()). */
static int tok_is(scan *s, size_t i, const char *w) {
  if (i >= s->ntok)
    return 0;
  size_t n = s->tok[i].end - s->tok[i].start;
  if (n >= sizeof s->fold)
    n = 0;
  const char *t = s->text + s->tok[i].start;
  for (size_t k = 0; k < n; k++) {
    char c = t[k];
    c = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    if (c != w[k])
      return 0;
    if (!c)
      return 1; /* a NUL ends low()'s string, and w's */
  }
  return w[n] == 0;
}

static int in_list(const char *w, const char *const *list) {
  for (; *list; list++)
    if (w[0] == (*list)[0] && !strcmp(w, *list)) /* first bytes: cheap */
      return 1;
  return 0;
}

/* The lower-case first letters of a list's words, as a bit mask. */
#define FIRST(c) (1u << ((c) - 'a'))

/* in_list() for a list of lower-case words whose first letters are all in
 * first (FIRST() bits): a word starting with any other byte is not looked
 * for. Debug builds check that the mask covers the list. */
static int in_lower_list(const char *w, const char *const *list,
                         uint32_t first) {
#ifndef NDEBUG
  for (const char *const *l = list; *l; l++)
    assert((*l)[0] >= 'a' && (*l)[0] <= 'z' && (first & FIRST((*l)[0])));
#endif
  unsigned k = (unsigned char)w[0] - 'a';
  if (k >= 26 || !(first >> k & 1))
    return 0;
  return in_list(w, list);
}

static const char *const months[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december",
    "jan",     "feb",      "mar",       "apr",     "jun",      "jul",
    "aug",     "sep",      "sept",      "oct",     "nov",      "dec",
    NULL};
#define MONTH_FIRSTS                                                           \
  (FIRST('j') | FIRST('f') | FIRST('m') | FIRST('a') | FIRST('s') |           \
   FIRST('o') | FIRST('n') | FIRST('d'))

/* Whether token i is a month name in any case: in_lower_list(low(s, i),
 * months, MONTH_FIRSTS) without folding a token whose first letter no
 * month has (most numbers' neighbours). */
static int tok_is_month(scan *s, size_t i) {
  size_t n = s->tok[i].end - s->tok[i].start;
  if (n == 0 || n >= sizeof s->fold)
    return 0; /* low() gives "" */
  unsigned char c = (unsigned char)s->text[s->tok[i].start];
  unsigned k = (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) - 'a';
  if (k >= 26 || !(MONTH_FIRSTS >> k & 1))
    return 0;
  unsigned char *m = memo_of(s, i);
  if (m && (*m & MEMO_MONTH_KNOWN)) {
    assert(!!(*m & MEMO_MONTH) == in_lower_list(low(s, i), months, MONTH_FIRSTS));
    return (*m & MEMO_MONTH) != 0;
  }
  int is = in_lower_list(low(s, i), months, MONTH_FIRSTS);
  if (m)
    *m |= (unsigned char)(MEMO_MONTH_KNOWN | (is ? MEMO_MONTH : 0));
  return is;
}

/* Scale words and their factors. */
static double scale_of(const char *w) {
  static const struct {
    const char *w;
    double f;
  } scales[] = {{"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9},
                {"trillion", 1e12}, {"m", 1e6},      {"bn", 1e9},
                {"k", 1e3},         {"mn", 1e6},     {"millions", 1e6},
                {"billions", 1e9}};
  for (size_t i = 0; i < sizeof scales / sizeof *scales; i++)
    if (w[0] == scales[i].w[0] && !strcmp(w, scales[i].w))
      return scales[i].f;
  return 0;
}

/* Currency from a sign (the PUNCT token's bytes) or a word after the
 * number. */
static const char *currency_sign(const char *p, size_t n) {
  if (n == 1 && *p == '$')
    return "USD";
  if (n == 3 && !memcmp(p, "\xe2\x82\xac", 3))
    return "EUR";
  if (n == 2 && !memcmp(p, "\xc2\xa3", 2))
    return "GBP";
  if (n == 2 && !memcmp(p, "\xc2\xa5", 2))
    return "JPY";
  if (n == 3 && !memcmp(p, "\xe2\x82\xb9", 3))
    return "INR";
  return NULL;
}

static const char *currency_word(const char *w) {
  static const struct {
    const char *w, *code;
  } words[] = {{"euros", "EUR"},  {"euro", "EUR"},     {"dollars", "USD"},
               {"dollar", "USD"}, {"pounds", "GBP"},   {"rupees", "INR"},
               {"yen", "JPY"},    {"marks", "MARK"},   {"francs", "CHF"},
               {"usd", "USD"},    {"eur", "EUR"},      {"gbp", "GBP"},
               {"roubles", "RUB"}, {"rubles", "RUB"},  {"yuan", "CNY"}};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (w[0] == words[i].w[0] && !strcmp(w, words[i].w))
      return words[i].code;
  return NULL;
}

/* Parses "2,000", "3.5", "48m" (digits then a scale suffix); *suffix gets
 * the letters after the digits ("" when none). 0 when not a number. */
static int parse_number(const char *p, size_t n, double *v, char *suffix,
                        size_t suffix_cap) {
  char buf[MAX_NUMBER_BYTES + 1];
  size_t k = 0, i = 0;
  if (n > MAX_NUMBER_BYTES)
    return 0;
  for (; i < n && ((p[i] >= '0' && p[i] <= '9') || p[i] == ',' || p[i] == '.');
       i++)
    if (p[i] != ',')
      buf[k++] = p[i];
  buf[k] = 0;
  if (!k || buf[0] == '.')
    return 0;
  size_t sl = 0;
  for (; i < n && sl + 1 < suffix_cap; i++) {
    char c = p[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
      return 0;
    suffix[sl++] = (char)(c | 0x20);
  }
  if (i < n)
    return 0;
  suffix[sl] = 0;
  /* digits alone, at most 15 of them (most numbers): the integer below
   * 10^15 < 2^53 that strtod() gives too, exactly, without its cost */
  if (k <= 15) {
    double x = 0;
    size_t d = 0;
    for (; d < k && buf[d] >= '0' && buf[d] <= '9'; d++)
      x = x * 10 + (buf[d] - '0');
    if (d == k) {
      *v = x;
      return 1;
    }
  }
  char *end;
  *v = cw_strtod(buf, &end);
  return *end == 0;
}

/* Words before a number that hedge it, longest first. */
static size_t qualifier_before(scan *s, size_t i, cw_fact_qualifier *q,
                               int *approx) {
  static const struct {
    const char *a, *b; /* two words, or one when b is NULL */
    cw_fact_qualifier q;
    int approx;
  } quals[] = {
      {"more", "than", CW_QUAL_ATLEAST, 0}, {"at", "least", CW_QUAL_ATLEAST, 0},
      {"upwards", "of", CW_QUAL_ATLEAST, 0}, {"less", "than", CW_QUAL_ATMOST, 0},
      {"fewer", "than", CW_QUAL_ATMOST, 0}, {"up", "to", CW_QUAL_ATMOST, 0},
      {"at", "most", CW_QUAL_ATMOST, 0},    {"close", "to", CW_QUAL_ATMOST, 1},
      {"nearly", NULL, CW_QUAL_ATMOST, 1},  {"almost", NULL, CW_QUAL_ATMOST, 1},
      {"over", NULL, CW_QUAL_ATLEAST, 0},   {"under", NULL, CW_QUAL_ATMOST, 0},
      {"about", NULL, CW_QUAL_EXACT, 1},    {"around", NULL, CW_QUAL_EXACT, 1},
      {"roughly", NULL, CW_QUAL_EXACT, 1},  {"some", NULL, CW_QUAL_EXACT, 1},
      {"approximately", NULL, CW_QUAL_EXACT, 1},
      {"an", "estimated", CW_QUAL_EXACT, 1}, {"estimated", NULL, CW_QUAL_EXACT, 1},
  };
  *q = CW_QUAL_EXACT;
  *approx = 0;
  /* every qualifier's last word begins with a letter of these (FIRST()
   * bits): the word before i is mostly none of them */
  const uint32_t last_firsts = FIRST('t') | FIRST('l') | FIRST('o') |
                               FIRST('m') | FIRST('n') | FIRST('a') |
                               FIRST('u') | FIRST('r') | FIRST('s') |
                               FIRST('e');
  if (i == 0 || s->tok[i - 1].kind != CW_TOK_WORD)
    return 0; /* tok_is() of a qualifier word fails on anything else */
  unsigned char c0 = (unsigned char)s->text[s->tok[i - 1].start];
  unsigned f0 = (c0 >= 'A' && c0 <= 'Z' ? c0 - 'A' + 'a' : c0) - 'a';
  if (f0 >= 26 || !(last_firsts >> f0 & 1))
    return 0;
  for (size_t k = 0; k < sizeof quals / sizeof *quals; k++) {
    const char *lw = quals[k].b ? quals[k].b : quals[k].a;
    assert(lw[0] >= 'a' && lw[0] <= 'z' && (last_firsts & FIRST(lw[0])));
    /* tok_is(s, i - 1, lw) fails unless the first letters agree */
    if ((unsigned)(lw[0] - 'a') != f0)
      continue;
    if (quals[k].b) {
      if (i >= 2 && tok_is(s, i - 2, quals[k].a) &&
          tok_is(s, i - 1, quals[k].b)) {
        *q = quals[k].q;
        *approx = quals[k].approx;
        return 2;
      }
    } else if (i >= 1 && tok_is(s, i - 1, quals[k].a)) {
      *q = quals[k].q;
      *approx = quals[k].approx;
      return 1;
    }
  }
  return 0;
}

/* A lower-case content word that can be counted: not a stopword, a
 * month, a scale or a time word. */
static int countable_noun(scan *s, size_t i) {
  static const char *const not_nouns[] = {
      "a.m.", "p.m.", "am", "pm", "per", "percent", "years", "year",
      "old", "days", "day", "hours", "hour", "minutes", "minute", "weeks",
      "week", "months", "month", "times", "seconds", "decades", NULL};
  if (s->tok[i].kind != CW_TOK_WORD || (s->tok[i].flags & CW_TOKF_CAP))
    return 0;
  unsigned char *m = memo_of(s, i);
#ifdef NDEBUG
  if (m && (*m & MEMO_NOUN_KNOWN))
    return (*m & MEMO_NOUN) != 0;
#endif
  const char *w = low(s, i);
  size_t n = strlen(w);
  const uint32_t not_noun_firsts = FIRST('a') | FIRST('p') | FIRST('y') |
                                   FIRST('o') | FIRST('d') | FIRST('h') |
                                   FIRST('m') | FIRST('w') | FIRST('t') |
                                   FIRST('s');
  int is = !(!n || cw_is_stopword(w, n) ||
             in_lower_list(w, months, MONTH_FIRSTS) || scale_of(w) ||
             in_lower_list(w, not_nouns, not_noun_firsts) ||
             currency_word(w)) &&
           w[0] >= 'a' && w[0] <= 'z';
  /* debug builds: a memo agrees with the tests */
  assert(!m || !(*m & MEMO_NOUN_KNOWN) || !!(*m & MEMO_NOUN) == is);
  if (m)
    *m |= (unsigned char)(MEMO_NOUN_KNOWN | (is ? MEMO_NOUN : 0));
  return is;
}

/* Whether x is a whole number below lim in magnitude (lim <= 1e15) and
 * not -0: then printf's %g with lim = 1e6 (or %.15g with lim = 1e15)
 * writes its digits alone, which *v receives. */
static int whole_number(double x, double lim, long long *v) {
  if (!(x > -lim && x < lim))
    return 0;
  long long i = (long long)x;
  if ((double)i != x || (i == 0 && signbit(x)))
    return 0;
  *v = i;
  return 1;
}

static cw_status add_fact(scan *s, size_t start, size_t end, cw_fact_kind kind,
                          const char *subject, double number,
                          cw_fact_qualifier q, int approx) {
  cw_fact *f = cw_vec_push(s->facts);
  char val[96];
  const char *mark = q == CW_QUAL_ATLEAST ? ">"
                     : q == CW_QUAL_ATMOST ? "<"
                     : approx              ? "~"
                                           : "";
  long long iv;
  size_t ml = strlen(mark), sl = strlen(subject);
  /* a whole number, as %g and %.15g write it: its digits */
  if (whole_number(number, kind == CW_FACT_PERCENT ? 1e6 : 1e15, &iv) &&
      ml + 16 + 1 + sl < sizeof val) { /* 16: a sign and 15 digits */
    memcpy(val, mark, ml);
    size_t k = ml + cw_fmt_int(val + ml, iv, 0);
    if (kind == CW_FACT_PERCENT) {
      val[k++] = '%';
    } else {
      val[k++] = ' ';
      memcpy(val + k, subject, sl);
      k += sl;
    }
    val[k] = '\0';
  } else if (kind == CW_FACT_PERCENT) {
    cw_snprintf_c(val, sizeof val, "%s%g%%", mark, number);
  } else {
    cw_snprintf_c(val, sizeof val, "%s%.15g %s", mark, number, subject);
  }
  if (!f)
    return CW_ERR_NOMEM;
  f->start = start;
  f->end = end;
  f->kind = kind;
  f->subject = cw_arena_strdup(s->arena, subject);
  f->value = cw_arena_strdup(s->arena, val);
  f->number = number;
  f->qualifier = q;
  f->approximate = approx;
  return f->subject && f->value ? CW_OK : CW_ERR_NOMEM;
}

/* Looks at the number token i; adds a fact when it measures something. */
static cw_status number_at(scan *s, size_t i) {
  const cw_token *t = &s->tok[i];
  double v;
  char suffix[8];
  if (!parse_number(s->text + t->start, t->end - t->start, &v, suffix,
                    sizeof suffix))
    return CW_OK;
  double scale = 1;
  if (suffix[0] && !(scale = scale_of(suffix)))
    return CW_OK; /* "10th", "5G", "17th-century" */
  /* dates and clock times: "March 3", "3 March", "6 a.m.", "2:14" */
  if (i > 0 && (tok_is_month(s, i - 1) ||
                (s->tok[i - 1].kind == CW_TOK_PUNCT &&
                 s->text[s->tok[i - 1].start] == ':')))
    return CW_OK;
  if (i + 1 < s->ntok &&
      (tok_is_month(s, i + 1) || tok_is(s, i + 1, "a.m.") ||
       tok_is(s, i + 1, "p.m.") || tok_is(s, i + 1, ":")))
    return CW_OK;
  size_t start = t->start, end = t->end, j = i + 1;
  const char *cur = NULL;
  if (i > 0 && s->tok[i - 1].kind == CW_TOK_PUNCT &&
      s->tok[i - 1].end == t->start)
    cur = currency_sign(s->text + s->tok[i - 1].start,
                        s->tok[i - 1].end - s->tok[i - 1].start);
  if (cur)
    start = s->tok[i - 1].start;
  if (scale == 1 && j < s->ntok && s->tok[j].kind == CW_TOK_WORD &&
      (scale = scale_of(low(s, j))) != 0) {
    end = s->tok[j++].end;
  } else if (scale == 0) {
    scale = 1;
  }
  if (!scale)
    scale = 1;
  v *= scale;
  cw_fact_qualifier q;
  int approx;
  size_t qn = qualifier_before(s, cur ? i - 1 : i, &q, &approx);
  size_t qstart = qn ? s->tok[(cur ? i - 1 : i) - qn].start : start;
  /* a bare year ("in 2024", "since 1998") measures nothing */
  if (!cur && scale == 1 && v >= 1800 && v <= 2100 && v == floor(v) &&
      t->end - t->start == 4)
    return CW_OK;
  if (!cur && j < s->ntok && s->tok[j].kind == CW_TOK_WORD &&
      (cur = currency_word(low(s, j))) != NULL)
    end = s->tok[j++].end;
  if (cur)
    return add_fact(s, qstart, end, CW_FACT_MONEY, cur, v, q, approx);
  if (j < s->ntok &&
      ((s->tok[j].kind == CW_TOK_PUNCT && s->text[s->tok[j].start] == '%') ||
       tok_is(s, j, "percent") ||
       (tok_is(s, j, "per") && tok_is(s, j + 1, "cent")))) {
    end = s->tok[tok_is(s, j, "per") ? j + 1 : j].end;
    return add_fact(s, qstart, end, CW_FACT_PERCENT, "%", v, q, approx);
  }
  /* the counted noun, perhaps after "of its/their/the" or an adjective */
  for (size_t k = j; k < s->ntok && k <= j + COUNTED_NOUN_GAP; k++) {
    if (s->tok[k].kind == CW_TOK_PUNCT)
      break;
    const char *w = low(s, k);
    if (!strcmp(w, "of") || !strcmp(w, "its") || !strcmp(w, "their") ||
        !strcmp(w, "the") || !strcmp(w, "our") || !strcmp(w, "his") ||
        !strcmp(w, "her"))
      continue;
    if (!countable_noun(s, k))
      break;
    /* an adjective before a plural noun ("12 injured workers") */
    size_t last = k;
    const char *w0 = low(s, k);
    size_t l0 = strlen(w0);
    if (w0[l0 - 1] != 's' && k + 1 < s->ntok && countable_noun(s, k + 1)) {
      const char *w1 = low(s, k + 1);
      if (w1[strlen(w1) - 1] == 's')
        last = k + 1;
    }
    const char *noun = low(s, last);
    size_t sl;
    const char *stem = cw_stem(s->stem, noun, strlen(noun), &sl);
    if (!stem)
      return CW_ERR_NOMEM;
    char subject[64];
    /* snprintf("%.*s") without its cost: at most 63 bytes, to a NUL */
    size_t cl = strnlen(stem, sl < sizeof subject ? sl : sizeof subject - 1);
    memcpy(subject, stem, cl);
    subject[cl] = '\0';
    return add_fact(s, qstart, s->tok[last].end, CW_FACT_QUANTITY, subject, v,
                    q, approx);
  }
  return CW_OK;
}

static int cmp_fact(const void *x, const void *y) {
  const cw_fact *a = x, *b = y;
  return a->start < b->start ? -1 : a->start > b->start;
}

/* Bare honorifics are style, not roles. */
static int is_honorific(const char *r) {
  static const char *const h[] = {"Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.",
                                  "Miss", "Mx", "Mx.", "Dr", "Dr.", NULL};
  return in_list(r, h);
}

cw_status cw_facts_find(const char *text, size_t len, const cw_analysis *an,
                        cw_fact **out, size_t *n) {
  *out = NULL;
  *n = 0;
  if (!an)
    return CW_ERR_USAGE;
  cw_vec toks, facts;
  cw_vec_init(&toks, sizeof(cw_token));
  cw_vec_init(&facts, sizeof(cw_fact));
  scan s = {.text = text, .arena = an->arena, .facts = &facts};
  cw_status st = CW_ERR_NOMEM;
  if (!(s.stem = cw_stemmer_thread()))
    goto done;
  if ((st = cw_an_tokens(an, text, len, 0, &toks, &s.tok, &s.ntok)))
    goto done;
  /* the tokens and their count in locals: number_at() takes &s, which
   * would have them reloaded for every token (it changes neither) */
  if (s.tok == an->tokens && an->token_word) {
    s.token_word = an->token_word;
    s.n_words = an->n_words;
  }
  const cw_token *tk = s.tok;
  for (size_t i = 0, nt = s.ntok; i < nt; i++) {
    /* punctuation, and the words of ASCII letters alone (CW_TOKF_ASCII:
     * the tokenizer gives it to no other), hold no number */
    if (tk[i].kind == CW_TOK_PUNCT || (tk[i].flags & CW_TOKF_ASCII))
      continue;
    if ((tk[i].kind == CW_TOK_NUMBER ||
         (tk[i].kind == CW_TOK_WORD && text[tk[i].start] >= '0' &&
          text[tk[i].start] <= '9')) &&
        (st = number_at(&s, i)))
      goto done;
  }
  for (size_t e = 0; e < an->n_entities; e++) {
    const cw_entity *ent = &an->entities[e];
    for (size_t m = 0; m < ent->n_mentions; m++) {
      const cw_mention *mn = &ent->mentions[m];
      if (!mn->role || is_honorific(mn->role))
        continue;
      cw_fact *f = cw_vec_push(&facts);
      if (!f) {
        st = CW_ERR_NOMEM;
        goto done;
      }
      size_t rl = strlen(mn->role);
      /* the role's bytes sit before the name in the text when written
       * there ("former Transport Minister Irena Solberg") */
      f->start = mn->start;
      if (mn->start >= rl + 1 &&
          !memcmp(text + mn->start - rl - 1, mn->role, rl))
        f->start = mn->start - rl - 1;
      f->end = mn->end;
      f->kind = CW_FACT_ROLE;
      f->subject = ent->name;
      f->value = mn->role;
    }
  }
  if (facts.len)
    cw_sort_stable(facts.items, facts.len, sizeof(cw_fact), cmp_fact);
  /* sentence of each fact */
  cw_fact *fs = facts.items;
  size_t si = 0;
  for (size_t k = 0; k < facts.len; k++) {
    while (si + 1 < an->n_sentences && an->sentences[si].end <= fs[k].start)
      si++;
    fs[k].sentence = si;
  }
  if (facts.len) {
    *out = cw_arena_memdup(an->arena, facts.items, facts.len * sizeof(cw_fact));
    if (!*out) {
      st = CW_ERR_NOMEM;
      goto done;
    }
    *n = facts.len;
  }
  st = CW_OK;
done:
  free(s.memo);
  cw_vec_free(&toks);
  cw_vec_free(&facts);
  return st;
}

/* The interval [lo, hi] a hedged value allows. */
static void interval(const cw_fact *f, double *lo, double *hi) {
  /* a hedge ("about", "nearly") allows 5 %: "about 8,000" covers 8,300,
   * "nearly 300" does not reach down to "about 250" */
  double v = f->number, tol = f->approximate ? 0.05 * v : 0.0;
  switch (f->qualifier) {
  case CW_QUAL_ATLEAST:
    *lo = v;
    *hi = INFINITY;
    break;
  case CW_QUAL_ATMOST:
    /* "nearly 300" means a little under 300, not anything up to it */
    *lo = v - (tol > 0 ? tol : 0.05 * v);
    *hi = v;
    break;
  default:
    *lo = v - tol;
    *hi = v + tol;
  }
}

int cw_fact_compatible(const cw_fact *a, const cw_fact *b) {
  if (a->kind != b->kind)
    return 0;
  if (a->kind == CW_FACT_ROLE)
    return !strcmp(a->value, b->value);
  double alo, ahi, blo, bhi;
  interval(a, &alo, &ahi);
  interval(b, &blo, &bhi);
  return alo <= bhi && blo <= ahi;
}
