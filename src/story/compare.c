/* compare.c - lining up what the outlets of one story say.
 *
 * Two statements are "about the same thing" when the content words of
 * their sentences overlap (stemmed, stopwords out): that is how a figure
 * in one article is matched with a figure in another, a quote with its
 * other wording, a dated event with the same event elsewhere. Then:
 *
 * - number: figures of one measure whose values cannot both be true. A
 *   figure that grows from day to day (ships waiting, hectares burned) is
 *   a story developing, not a disagreement: two figures dated on different
 *   days are never set against each other; figures of one day, or of an
 *   undated report, are.
 * - role: one person given titles that conflict ("former Transport
 *   Minister" against "Transport Minister"), not titles that differ in
 *   style ("US President" against "President").
 * - quote_wording: one speaker, one utterance, different words.
 * - attribution: the same words given to different speakers.
 * - date: one event given different days.
 * - uncorroborated: a person only one outlet names, quoted or introduced
 *   as an expert, in a story several outlets cover.
 *
 * Quotes are compared, and grouped into "who said what", only when they
 * report words (cw_quote_is_utterance()): "Roe said the plan would fail",
 * not "Roe declined to comment" or "Roe turned to the budget".
 *
 * Everything is bounded by the story's size; pairwise loops are over the
 * facts or quotes of at most CW_COMPARE_MAX_ARTICLES articles.
 */
#include "story/compare.h"

#include "core/time.h"

#include "text/text.h"

#include <ctype.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Facts, quotes or dated sentences compared in one story at most. */
#define MAX_ITEMS 4000
/* Content-word Jaccard from which two sentences speak of the same
 * measure (figures) or the same event (dates). */
#define SAME_MEASURE 0.18
/* Figures: the words right around the number ("will cost about €250
 * million and take") say what it measures better than the sentence; a
 * window of this many bytes each side, cut at the sentence. */
#define FIGURE_WINDOW 48
#define SAME_FIGURE_WINDOW 0.2
#define SAME_FIGURE_SENTENCE 0.18
#define SAME_EVENT 0.45
/* With the same event verb before both dates: the share of the shorter
 * sentence's words found in the other. */
#define SAME_EVENT_VERB 0.6
/* Content-word Jaccard from which two quotes of one speaker are one
 * utterance, and word Jaccard from which quotes of different speakers are
 * the same words. */
#define SAME_UTTERANCE 0.25
#define SAME_WORDS 0.8
/* With a partial quote, the share of the smaller one's content words from
 * which two quotes of one speaker are one utterance, and at least
 * SAME_PARTIAL_WORDS of them (part_of_utterance). */
#define SAME_PARTIAL 0.4
#define SAME_PARTIAL_WORDS 2
/* Outlets a story needs before a person named by only one of them is
 * worth pointing out. */
#define UNCORROBORATED_MIN_OUTLETS 3
/* What one story shows at most: a big story (a thousand articles on one
 * event) must not print a thousand pairs of quotes. Per kind of
 * discrepancy, pieces of evidence per variant, quote groups and timeline
 * entries; quotes compared pairwise. */
#define MAX_PER_KIND 40
#define MAX_EVIDENCE 12
#define MAX_QUOTE_GROUPS 200
#define MAX_TIMELINE 200
#define MAX_QUOTES_COMPARED 1500
/* Longest sentence given as evidence (bytes). */
#define EVIDENCE_MAX 600

typedef struct wordset {
  uint64_t *w; /* sorted, unique hashes of stems */
  size_t n;
} wordset;

typedef struct cmp {
  const cw_cmp_article *arts;
  size_t n;
  cw_stemmer *stem; /* the thread's (cw_stemmer_thread): its memo lasts */
  cw_buf fold;
  int nomem;
} cmp;

/* Starts a comparison of at most CW_COMPARE_MAX_ARTICLES articles and
 * returns the (empty) array it fills, or NULL when out of memory. */
static json_t *cmp_open(cmp *c, const cw_cmp_article *arts, size_t n) {
  memset(c, 0, sizeof *c);
  c->arts = arts;
  c->n = n < CW_COMPARE_MAX_ARTICLES ? n : CW_COMPARE_MAX_ARTICLES;
  json_t *out = json_array();
  if (!out || !(c->stem = cw_stemmer_thread())) {
    json_decref(out);
    return NULL;
  }
  cw_buf_init(&c->fold, 0);
  return out;
}

static void cmp_close(cmp *c) { cw_buf_free(&c->fold); }

static int cmp_u64(const void *x, const void *y) {
  uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
  return a < b ? -1 : a > b;
}

/* The sentence around pos, as the analysis splits sentences
 * (cw_text_sentences: "Mr. Trump", "U.S. officials" and a quote closing
 * after its full stop, "out.' However", are read right). Only the
 * paragraph holding pos is split: a blank line always ends a sentence.
 * When out of memory, the line around pos. */
static void sentence_at(const char *t, size_t len, size_t pos, size_t *s,
                        size_t *e) {
  size_t a = pos < len ? pos : len, b = a;
  while (a > 0 && !(t[a - 1] == '\n' && a >= 2 && t[a - 2] == '\n'))
    a--;
  while (b < len && !(t[b] == '\n' && b + 1 < len && t[b + 1] == '\n'))
    b++;
  cw_vec v;
  cw_vec_init(&v, sizeof(cw_span));
  if (cw_text_sentences(t + a, b - a, &v) == CW_OK && v.len) {
    const cw_span *sp = v.items;
    size_t k = 0, p = (pos < len ? pos : len) - a;
    while (k + 1 < v.len && sp[k + 1].start <= p)
      k++;
    *s = a + sp[k].start;
    *e = a + sp[k].end;
    cw_vec_free(&v);
    return;
  }
  cw_vec_free(&v);
  size_t i = pos < len ? pos : len;
  while (a < i && memchr(t + a, '\n', i - a))
    a += (size_t)((const char *)memchr(t + a, '\n', i - a) - (t + a)) + 1;
  const char *nl = memchr(t + i, '\n', b - i);
  *s = a;
  *e = nl ? (size_t)(nl - t) : b;
}

/* Stemmed content words of [s, e), leaving out [skip_s, skip_e). */
/* Adds the stem hash of the word [ks, ke) of t to ws unless it is a stop
 * word. */
static void add_stem(cmp *c, wordset *ws, const char *t, size_t ks,
                     size_t ke) {
  cw_buf_reset(&c->fold);
  if (ke <= ks || cw_text_fold(t + ks, ke - ks, &c->fold) || !c->fold.len)
    return;
  if (cw_is_stopword(c->fold.ptr, c->fold.len))
    return;
  size_t sl;
  const char *st = cw_stem(c->stem, c->fold.ptr, c->fold.len, &sl);
  if (st)
    ws->w[ws->n++] = cw_hash64(st, sl);
}

/* The sorted, distinct stem hashes of the content words of [s, e) of t,
 * but those overlapping [skip_s, skip_e). With parts, a hyphenated word
 * counts as its parts: a quote's "pork-filled" and another's "pork". */
static wordset words_of_parts(cmp *c, const char *t, size_t s, size_t e,
                              size_t skip_s, size_t skip_e, int parts) {
  wordset ws = {0};
  cw_vec toks;
  cw_vec_init(&toks, sizeof(cw_token));
  if (cw_text_tokens(t + s, e - s, NULL, &toks)) {
    c->nomem = 1;
    return ws;
  }
  size_t cap = toks.len + 1;
  if (parts)
    for (size_t p = s; p < e; p++)
      cap += t[p] == '-';
  ws.w = malloc(cap * sizeof *ws.w);
  if (!ws.w) {
    c->nomem = 1;
    cw_vec_free(&toks);
    return ws;
  }
  for (size_t i = 0; i < toks.len; i++) {
    cw_token *k = &CW_VEC_AT(&toks, cw_token, i);
    size_t ks = s + k->start, ke = s + k->end;
    if (k->kind != CW_TOK_WORD || (ks < skip_e && ke > skip_s))
      continue;
    if (t[ks] >= '0' && t[ks] <= '9')
      continue;
    const char *hy = parts ? memchr(t + ks, '-', ke - ks) : NULL;
    if (!hy) {
      add_stem(c, &ws, t, ks, ke);
      continue;
    }
    for (size_t p = ks; p <= ke;) {
      const char *q = memchr(t + p, '-', ke - p);
      size_t pe = q ? (size_t)(q - t) : ke;
      add_stem(c, &ws, t, p, pe);
      p = pe + 1;
    }
  }
  cw_vec_free(&toks);
  qsort(ws.w, ws.n, sizeof *ws.w, cmp_u64);
  size_t u = 0;
  for (size_t i = 0; i < ws.n; i++)
    if (!u || ws.w[u - 1] != ws.w[i])
      ws.w[u++] = ws.w[i];
  ws.n = u;
  return ws;
}

static wordset words_of(cmp *c, const char *t, size_t s, size_t e,
                        size_t skip_s, size_t skip_e) {
  return words_of_parts(c, t, s, e, skip_s, skip_e, 0);
}

/* Words both sets hold (sorted sets). */
static size_t shared_words(const wordset *a, const wordset *b) {
  size_t i = 0, j = 0, both = 0;
  while (i < a->n && j < b->n) {
    if (a->w[i] == b->w[j]) {
      both++;
      i++;
      j++;
    } else if (a->w[i] < b->w[j]) {
      i++;
    } else {
      j++;
    }
  }
  return both;
}

static double jaccard(const wordset *a, const wordset *b) {
  size_t both = shared_words(a, b);
  size_t uni = a->n + b->n - both;
  return uni ? (double)both / (double)uni : 0;
}

/* Shared words over the smaller set: a short sentence that repeats most of
 * a longer one's facts tells the same event; a partial quote that repeats
 * part of a longer one's words is from the same utterance. */
static double overlap(const wordset *a, const wordset *b) {
  size_t least = a->n < b->n ? a->n : b->n;
  return least ? (double)shared_words(a, b) / (double)least : 0;
}

static int same_outlet(const cw_cmp_article *a, const cw_cmp_article *b) {
  if (a == b)
    return 1;
  return a->outlet && b->outlet && !strcasecmp(a->outlet, b->outlet);
}

/* The day a figure at `at` speaks for, in its sentence starting at s:
 * else the article's publication day, else "". */
static void day_of(const cw_cmp_article *a, size_t s, size_t at,
                   char out[11]) {
  out[0] = 0;
  /* the last full date before the figure in its sentence: "By Monday
   * evening, 14 vessels"; a date after it ("23 vessels, up from 14 on
   * Monday") belongs to something else */
  for (size_t i = 0; i < a->n_times; i++) {
    const cw_timex *t = &a->times[i];
    if (t->start >= s && t->end <= at && t->type == CW_TIMEX_DATE &&
        t->value && strlen(t->value) == 10 && t->value[0] != 'X')
      memcpy(out, t->value, 11);
  }
  if (!out[0] && a->published && strlen(a->published) >= 10) {
    memcpy(out, a->published, 10);
    out[10] = 0;
  }
}

static json_t *evidence(const cw_cmp_article *a, size_t start, size_t end) {
  size_t s, e;
  sentence_at(a->text, a->len, start, &s, &e);
  if (e < end && end <= a->len)
    e = end;
  if (e - s > EVIDENCE_MAX)
    e = s + EVIDENCE_MAX;
  while (e > s && e < a->len && (a->text[e] & 0xC0) == 0x80)
    e--; /* never cut a UTF-8 sequence */
  return json_pack("{s:I, s:I, s:I, s:s%}", "article", (json_int_t)a->id,
                   "start", (json_int_t)start, "end", (json_int_t)end,
                   "sentence", a->text + s, e - s);
}

/* Adds article id to a JSON array of ids unless present. */
static void add_id(json_t *ids, int64_t id) {
  size_t i;
  json_t *v;
  json_array_foreach(ids, i, v) {
    if (json_integer_value(v) == id)
      return;
  }
  json_array_append_new(ids, json_integer(id));
}

static json_t *variant(const char *value) {
  return json_pack("{s:s, s:[], s:[]}", "value", value, "articles",
                   "evidence");
}

static void variant_add(json_t *v, const cw_cmp_article *a, size_t start,
                        size_t end) {
  add_id(json_object_get(v, "articles"), a->id);
  json_t *ev = json_object_get(v, "evidence");
  size_t i;
  json_t *x;
  if (json_array_size(ev) >= MAX_EVIDENCE)
    return; /* the articles list still names every article */
  json_array_foreach(ev, i, x) {
    if (json_integer_value(json_object_get(x, "article")) == a->id)
      return; /* one piece of evidence per article is enough */
  }
  json_array_append_new(ev, evidence(a, start, end));
}

static json_t *discrepancy(const char *kind, const char *subject,
                           json_t *variants) {
  return json_pack("{s:s, s:s, s:o}", "kind", kind, "subject", subject,
                   "variants", variants);
}

/* ---- numbers ------------------------------------------------------ */

typedef struct num_item {
  const cw_cmp_article *a;
  const cw_fact *f;
  wordset ctx;    /* the sentence's content words */
  wordset win;    /* the words around the figure */
  size_t sent;    /* the sentence's start */
  uint64_t lead;  /* stem of the content word just before the figure
                     ("cost" in "will cost about €250 million"), or 0 */
  char day[11];
  size_t comp;    /* measure (connected component) */
  long variant;   /* index of its variant within the measure */
} num_item;

/* People counted under different nouns are one measure ("12 workers",
 * "at least 15 people"). */
static int people_noun(const char *stem) {
  static const char *const nouns[] = {"peopl", "person", "worker", "colleagu",
                                      "employe", "staff", "man", "women",
                                      NULL};
  for (size_t i = 0; nouns[i]; i++)
    if (!strcmp(stem, nouns[i]))
      return 1;
  return 0;
}

static int same_subject(const cw_fact *x, const cw_fact *y) {
  if (x->kind != y->kind)
    return 0;
  if (!strcmp(x->subject, y->subject))
    return 1;
  return x->kind == CW_FACT_QUANTITY && people_noun(x->subject) &&
         people_noun(y->subject);
}

static size_t uf_find(size_t *p, size_t i) {
  while (p[i] != i)
    i = p[i] = p[p[i]];
  return i;
}

/* Hedges between a figure and the word that says what it measures. */
static int hedge_word(const char *w) {
  static const char *const h[] = {"about", "around", "nearly", "almost",
                                  "roughly", "some", "approximately", "over",
                                  "least", "more", "than", "up", "to", "at",
                                  "just", "close", "estimated", NULL};
  for (size_t i = 0; h[i]; i++)
    if (!strcmp(w, h[i]))
      return 1;
  return 0;
}

/* The stem of the last content word of [s, at) that is not a hedge, or 0:
 * "will cost about" gives "cost". Looks back at most a few words. */
static uint64_t lead_word(cmp *c, const char *t, size_t s, size_t at) {
  cw_vec toks;
  uint64_t h = 0;
  size_t from = at > s + FIGURE_WINDOW ? at - FIGURE_WINDOW : s;
  cw_vec_init(&toks, sizeof(cw_token));
  if (cw_text_tokens(t + from, at - from, NULL, &toks)) {
    c->nomem = 1;
    return 0;
  }
  for (size_t i = toks.len; i-- > 0 && !h;) {
    cw_token *k = &CW_VEC_AT(&toks, cw_token, i);
    if (k->kind == CW_TOK_PUNCT && t[from + k->start] != '\xe2' &&
        t[from + k->start] != '$')
      break; /* a comma or a stop: the clause ends */
    if (k->kind != CW_TOK_WORD)
      continue;
    cw_buf_reset(&c->fold);
    if (cw_text_fold(t + from + k->start, k->end - k->start, &c->fold) ||
        hedge_word(c->fold.ptr))
      continue;
    if (cw_is_stopword(c->fold.ptr, c->fold.len))
      break;
    size_t sl;
    const char *st = cw_stem(c->stem, c->fold.ptr, c->fold.len, &sl);
    if (st)
      h = cw_hash64(st, sl);
  }
  cw_vec_free(&toks);
  return h;
}

/* Percentages are everywhere in a story about money (rates, inflation,
 * shares): two of them are one measure only on stronger evidence. */
#define SAME_PERCENT_SENTENCE 0.35

static int same_measure(const num_item *x, const num_item *y) {
  double sent = jaccard(&x->ctx, &y->ctx);
  if (x->f->kind == CW_FACT_PERCENT)
    return sent >= SAME_PERCENT_SENTENCE;
  return sent >= SAME_FIGURE_SENTENCE ||
         jaccard(&x->win, &y->win) >= SAME_FIGURE_WINDOW ||
         (x->lead && x->lead == y->lead);
}

/* Which variants of one measure stand together in an article: bit vb of
 * with[va] when an article gives values of both. An outlet that gives
 * both is telling two things apart (a rate before and after, an insured
 * value and a reward), not disagreeing. mem is in item order, and an
 * article's items are consecutive: one pass over its runs, each run's
 * variants a mask (a pass for every pair of members, as this was, took
 * 27 M of the 506 M instructions of reading the largest story of
 * bench/run's 10k archive). */
static void variants_together(const num_item *items, const size_t *mem,
                              size_t nm, size_t nv, uint64_t *with) {
  for (size_t v = 0; v < nv; v++)
    with[v] = 0;
  for (size_t x = 0; x < nm;) {
    const cw_cmp_article *a = items[mem[x]].a;
    uint64_t mask = 0;
    for (; x < nm && items[mem[x]].a == a; x++)
      if (items[mem[x]].variant >= 0)
        mask |= UINT64_C(1) << items[mem[x]].variant;
    for (size_t v = 0; v < nv; v++)
      if (mask >> v & 1)
        with[v] |= mask;
  }
}

/* What same_subject compares: the kind, then the subject, every people
 * noun of a count being one subject. Items sorted by it (then by index)
 * have same_subject true exactly within a run of equal keys. */
typedef struct subject_key {
  int kind, people;
  const char *subject;
  size_t i;
} subject_key;

/* Figures of one subject paired at most (see numbers()). */
#define MEASURE_GROUP_MAX 600

static int by_subject(const void *x, const void *y) {
  const subject_key *a = x, *b = y;
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->people != b->people)
    return a->people - b->people;
  int c = a->people ? 0 : strcmp(a->subject, b->subject);
  if (c)
    return c;
  return a->i < b->i ? -1 : a->i > b->i;
}

static void numbers(cmp *c, json_t *out) {
  num_item *items = NULL;
  size_t n = 0, cap = 0;
  for (size_t i = 0; i < c->n; i++)
    for (size_t k = 0; k < c->arts[i].n_facts && n < MAX_ITEMS; k++) {
      const cw_fact *f = &c->arts[i].facts[k];
      if (f->kind == CW_FACT_ROLE)
        continue;
      if (n == cap) {
        size_t ncap = cap ? cap * 2 : 64;
        num_item *g = realloc(items, ncap * sizeof *g);
        if (!g) {
          c->nomem = 1;
          goto done;
        }
        items = g;
        cap = ncap;
      }
      num_item *it = &items[n++];
      size_t s, e;
      sentence_at(c->arts[i].text, c->arts[i].len, f->start, &s, &e);
      it->a = &c->arts[i];
      it->f = f;
      it->ctx = words_of(c, c->arts[i].text, s, e, f->start, f->end);
      size_t ws = f->start > s + FIGURE_WINDOW ? f->start - FIGURE_WINDOW : s;
      size_t we = f->end + FIGURE_WINDOW < e ? f->end + FIGURE_WINDOW : e;
      it->win = words_of(c, c->arts[i].text, ws, we, f->start, f->end);
      it->sent = s;
      it->lead = lead_word(c, c->arts[i].text, s, f->start);
      day_of(&c->arts[i], s, f->start, it->day);
      it->variant = -1;
    }
  /* measures: items of one subject (same_subject) linked by
   * same_measure, joined in the order i < j of the pairs as before (the
   * components' roots, and so the order of the output, stay the same);
   * pairs of different subjects are never looked at */
  size_t *parent = malloc((n + 1) * sizeof *parent);
  subject_key *order = malloc((n + 1) * sizeof *order);
  size_t *mem = malloc((n + 1) * sizeof *mem);
  size_t *first = malloc((n + 1) * sizeof *first);
  if (!parent || !order || !mem || !first) {
    free(parent);
    free(order);
    free(mem);
    free(first);
    c->nomem = 1;
    goto done;
  }
  for (size_t i = 0; i < n; i++) {
    const cw_fact *f = items[i].f;
    parent[i] = i;
    order[i] = (subject_key){(int)f->kind,
                             f->kind == CW_FACT_QUANTITY &&
                                 people_noun(f->subject),
                             f->subject, i};
  }
  qsort(order, n, sizeof *order, by_subject);
  for (size_t lo = 0; lo < n;) {
    size_t hi = lo + 1;
    while (hi < n && same_subject(items[order[lo].i].f, items[order[hi].i].f))
      hi++;
    /* a subject's first MEASURE_GROUP_MAX figures are paired (in article
     * order): the cost of a story stays bounded whatever its size; the
     * figures after them in a huge story stand alone */
    size_t top = hi - lo > MEASURE_GROUP_MAX ? lo + MEASURE_GROUP_MAX : hi;
    for (size_t x = lo; x < top; x++)
      for (size_t y = x + 1; y < top; y++) {
        size_t i = order[x].i, j = order[y].i;
        if (items[i].a == items[j].a)
          continue;
        /* two figures already joined need no comparing: the union would
         * change nothing (a large story's figures of one subject mostly
         * end in one measure; comparing every pair was 85% of reading a
         * story of 3,000 articles) */
        size_t ri = uf_find(parent, i), rj = uf_find(parent, j);
        if (ri != rj && same_measure(&items[i], &items[j]))
          parent[ri] = rj;
      }
    lo = hi;
  }
  for (size_t i = 0; i < n; i++)
    items[i].comp = uf_find(parent, i);
  /* each measure's members in index order: counting sort by root */
  for (size_t i = 0; i <= n; i++)
    first[i] = 0;
  for (size_t i = 0; i < n; i++)
    first[items[i].comp + 1]++;
  for (size_t r = 0; r < n; r++)
    first[r + 1] += first[r];
  for (size_t i = 0; i < n; i++)
    parent[i] = first[i]; /* the next free slot of each root */
  for (size_t i = 0; i < n; i++)
    mem[parent[items[i].comp]++] = i;
  free(parent);
  free(order);
  /* per measure: variants of compatible values, then conflicts */
  for (size_t root = 0; root < n; root++) {
    if (items[root].comp != root)
      continue;
    const size_t *m = mem + first[root];
    size_t members = first[root + 1] - first[root];
    if (members < 2)
      continue;
    /* variant representatives: the first fact of each */
    size_t reps[64], nv = 0;
    for (size_t x = 0; x < members; x++) {
      size_t i = m[x];
      long v = -1;
      for (size_t r = 0; r < nv && v < 0; r++)
        if (cw_fact_compatible(items[reps[r]].f, items[i].f))
          v = (long)r;
      if (v < 0 && nv < sizeof reps / sizeof *reps) {
        reps[nv] = i;
        v = (long)nv++;
      }
      items[i].variant = v;
    }
    if (nv < 2)
      continue;
    /* two variants conflict when incompatible, from different outlets,
     * reported for the same day */
    int conflict[64] = {0}, any = 0;
    uint64_t with[64];
    variants_together(items, m, members, nv, with);
    for (size_t x = 0; x < members; x++)
      for (size_t y = x + 1; y < members; y++) {
        size_t i = m[x], j = m[y];
        if (items[i].variant == items[j].variant || items[i].variant < 0 ||
            items[j].variant < 0)
          continue;
        /* two dated figures of different days may both be right: the
         * story moved on (ships waiting: 14 on Monday, 31 on Thursday) */
        int moved_on = items[i].day[0] && items[j].day[0] &&
                       strcmp(items[i].day, items[j].day);
        if (same_outlet(items[i].a, items[j].a) || moved_on ||
            cw_fact_compatible(items[i].f, items[j].f) ||
            (with[items[i].variant] >> items[j].variant & 1))
          continue;
        conflict[items[i].variant] = conflict[items[j].variant] = 1;
        any = 1;
      }
    if (!any)
      continue;
    json_t *variants = json_array();
    for (size_t r = 0; r < nv; r++) {
      if (!conflict[r])
        continue;
      const cw_fact *f = items[reps[r]].f;
      const cw_cmp_article *a = items[reps[r]].a;
      char val[160];
      snprintf(val, sizeof val, "%.*s", (int)(f->end - f->start),
               a->text + f->start);
      json_t *v = variant(val);
      for (size_t x = 0; x < members; x++)
        if (items[m[x]].variant == (long)r)
          variant_add(v, items[m[x]].a, items[m[x]].f->start,
                      items[m[x]].f->end);
      json_array_append_new(variants, v);
    }
    /* the subject: the counted noun as written, or the currency */
    const cw_fact *f0 = items[root].f;
    char subject[96];
    if (f0->kind == CW_FACT_QUANTITY) {
      const char *t = items[root].a->text;
      size_t e = f0->end, s = e;
      while (s > f0->start && t[s - 1] != ' ')
        s--;
      snprintf(subject, sizeof subject, "number of %.*s", (int)(e - s),
               t + s);
    } else if (f0->kind == CW_FACT_MONEY) {
      snprintf(subject, sizeof subject, "amount (%s)", f0->subject);
    } else {
      snprintf(subject, sizeof subject, "percentage");
    }
    json_array_append_new(out, discrepancy("number", subject, variants));
  }
  free(mem);
  free(first);
done:
  for (size_t i = 0; i < n; i++) {
    free(items[i].ctx.w);
    free(items[i].win.w);
  }
  free(items);
}

/* ---- roles -------------------------------------------------------- */

/* Words of a role that change what it says: a former minister is not a
 * minister, a deputy governor not the governor. */
static int rank_word(const char *w) {
  static const char *const r[] = {"former", "ex",     "deputy", "vice",
                                  "acting", "interim", "late",  "assistant",
                                  "outgoing", "incoming", NULL};
  for (size_t i = 0; r[i]; i++)
    if (!strcmp(w, r[i]))
      return 1;
  return 0;
}

/* Words of a role that only say where ("US", "Russian"): style. */
static int place_word(const char *w) {
  static const char *const p[] = {
      "us",      "u.s.",   "american", "russian", "british", "uk",
      "french",  "german", "chinese",  "indian",  "spanish", "belgian",
      "irish",   "eu",     "european", "national", "state",  "federal",
      "the",     "then",   NULL};
  for (size_t i = 0; p[i]; i++)
    if (!strcmp(w, p[i]))
      return 1;
  return 0;
}

/* Lower-cased role words without place words, "ex-" split, into out
 * (space separated); *rank gets a bit mask signature of rank words. */
static void role_norm(const char *role, char *out, size_t cap,
                      unsigned *rank) {
  size_t o = 0;
  *rank = 0;
  char w[48];
  const char *p = role;
  while (*p) {
    while (*p == ' ' || *p == '-')
      p++;
    size_t n = 0;
    while (p[n] && p[n] != ' ' && p[n] != '-')
      n++;
    if (!n)
      break;
    size_t k = 0;
    for (; k < n && k + 1 < sizeof w; k++)
      w[k] = (p[k] >= 'A' && p[k] <= 'Z') ? (char)(p[k] | 0x20) : p[k];
    w[k] = 0;
    p += n;
    if (place_word(w))
      continue;
    if (rank_word(w)) {
      *rank |= 1u << (cw_hash64(w, k) % 31);
      if (!strcmp(w, "ex"))
        *rank |= 1u << (cw_hash64("former", 6) % 31);
    }
    if (!strcmp(w, "ex"))
      continue;
    if (o + k + 2 < cap) {
      if (o)
        out[o++] = ' ';
      memcpy(out + o, w, k);
      o += k;
    }
  }
  out[o] = 0;
}

/* Two roles of one person conflict when their rank words differ
 * ("former Transport Minister", "Transport Minister") or their heads, the
 * last word, do ("minister", "governor"). Words before the head name the
 * office in more or less detail ("KDU general secretary", "union general
 * secretary"): style, not fact. */
static int roles_conflict(const char *a, unsigned ra, const char *b,
                          unsigned rb) {
  if (ra != rb)
    return 1;
  const char *ha = strrchr(a, ' '), *hb = strrchr(b, ' ');
  return strcmp(ha ? ha + 1 : a, hb ? hb + 1 : b) != 0;
}

typedef struct role_item {
  const cw_cmp_article *a;
  const cw_fact *f;
  char norm[96];
  unsigned rank;
} role_item;

static void roles(cmp *c, json_t *out) {
  role_item *items = NULL;
  size_t n = 0, cap = 0;
  for (size_t i = 0; i < c->n; i++)
    for (size_t k = 0; k < c->arts[i].n_facts && n < MAX_ITEMS; k++) {
      const cw_fact *f = &c->arts[i].facts[k];
      if (f->kind != CW_FACT_ROLE)
        continue;
      if (n == cap) {
        size_t ncap = cap ? cap * 2 : 64;
        role_item *g = realloc(items, ncap * sizeof *g);
        if (!g) {
          c->nomem = 1;
          free(items);
          return;
        }
        items = g;
        cap = ncap;
      }
      items[n].a = &c->arts[i];
      items[n].f = f;
      role_norm(f->value, items[n].norm, sizeof items[n].norm,
                &items[n].rank);
      if (items[n].norm[0])
        n++;
    }
  char *done = calloc(n + 1, 1);
  if (!done) {
    c->nomem = 1;
    free(items);
    return;
  }
  for (size_t i = 0; i < n; i++) {
    if (done[i])
      continue;
    /* all roles of this person; is there a conflict across outlets? */
    int conflict = 0;
    for (size_t j = i + 1; j < n && !conflict; j++)
      if (!strcmp(items[i].f->subject, items[j].f->subject))
        for (size_t k = i; k < n && !conflict; k++)
          if (!strcmp(items[k].f->subject, items[i].f->subject) &&
              !same_outlet(items[k].a, items[j].a) &&
              roles_conflict(items[k].norm, items[k].rank, items[j].norm,
                             items[j].rank))
            conflict = 1;
    if (!conflict) {
      for (size_t j = i; j < n; j++)
        if (!strcmp(items[j].f->subject, items[i].f->subject))
          done[j] = 1;
      continue;
    }
    /* variants: roles that do not conflict share one (the longest form
     * names it) */
    json_t *variants = json_array();
    for (size_t j = i; j < n; j++) {
      if (done[j] || strcmp(items[j].f->subject, items[i].f->subject))
        continue;
      json_t *v = variant(items[j].f->value);
      size_t best_len = strlen(items[j].f->value);
      for (size_t k = j; k < n; k++) {
        if (done[k] || strcmp(items[k].f->subject, items[i].f->subject) ||
            roles_conflict(items[j].norm, items[j].rank, items[k].norm,
                           items[k].rank))
          continue;
        done[k] = 1;
        variant_add(v, items[k].a, items[k].f->start, items[k].f->end);
        if (strlen(items[k].f->value) > best_len) {
          best_len = strlen(items[k].f->value);
          json_object_set_new(v, "value", json_string(items[k].f->value));
        }
      }
      json_array_append_new(variants, v);
    }
    if (json_array_size(variants) > 1)
      json_array_append_new(
          out, discrepancy("role", items[i].f->subject, variants));
    else
      json_decref(variants);
  }
  free(done);
  free(items);
}

/* ---- quotes ------------------------------------------------------- */

typedef struct quote_item {
  const cw_cmp_article *a;
  const cw_quote *q;
  wordset content; /* stemmed content words */
  char *norm;      /* lower-cased letters and digits, single spaces */
  size_t group;
} quote_item;

static char *normalise(const char *s) {
  size_t n = strlen(s), o = 0;
  char *out = malloc(n + 1);
  if (!out)
    return NULL;
  int space = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || ch >= 0x80 ||
        (ch >= 'A' && ch <= 'Z')) {
      if (space && o)
        out[o++] = ' ';
      space = 0;
      out[o++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch | 0x20) : (char)ch;
    } else {
      space = 1;
    }
  }
  out[o] = 0;
  return out;
}

/* Speakers are the same person when their names are equal or one ends
 * with the other ("Irena Solberg", "Solberg"). */
static int same_speaker(const char *x, const char *y) {
  if (!x || !y)
    return 0;
  size_t a = strlen(x), b = strlen(y);
  if (a == b)
    return !strcasecmp(x, y);
  const char *lng = a > b ? x : y, *sht = a > b ? y : x;
  size_t l = a > b ? a : b, s = a > b ? b : a;
  return lng[l - s - 1] == ' ' && !strcasecmp(lng + l - s, sht);
}

static size_t collect_quotes(cmp *c, quote_item **out) {
  quote_item *items = NULL;
  size_t n = 0, cap = 0;
  for (size_t i = 0; i < c->n; i++)
    for (size_t k = 0; k < c->arts[i].n_quotes && n < MAX_QUOTES_COMPARED;
         k++) {
      const cw_quote *q = &c->arts[i].quotes[k];
      /* words said, not what the source did ("Roe declined to comment") */
      if (!q->text || !*q->text || !cw_quote_is_utterance(q))
        continue;
      if (n == cap) {
        size_t ncap = cap ? cap * 2 : 64;
        quote_item *g = realloc(items, ncap * sizeof *g);
        if (!g) {
          c->nomem = 1;
          break;
        }
        items = g;
        cap = ncap;
      }
      quote_item *it = &items[n++];
      it->a = &c->arts[i];
      it->q = q;
      it->content = words_of_parts(c, q->text, 0, strlen(q->text), 0, 0, 1);
      it->norm = normalise(q->text);
      it->group = n - 1;
    }
  *out = items;
  return n;
}

static void free_quotes(quote_item *items, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(items[i].content.w);
    free(items[i].norm);
  }
  free(items);
}

/* One is the other's words, or a part of them (a partial quote). */
static int same_text(const quote_item *x, const quote_item *y) {
  if (!x->norm || !y->norm)
    return 0;
  return strstr(x->norm, y->norm) || strstr(y->norm, x->norm);
}

/* A speaker as a name: every word capitalised ("Irena Solberg"), not a
 * clause the quote finder took for one ("the inquiry", "it"). */
static int name_like(const char *s) {
  if (!s || !*s)
    return 0;
  size_t words = 0;
  for (const char *p = s; *p;) {
    while (*p == ' ')
      p++;
    if (!*p)
      break;
    if (*p >= 'a' && *p <= 'z')
      return 0;
    words++;
    while (*p && *p != ' ')
      p++;
  }
  return words >= 1 && words <= 5;
}

static size_t word_count(const char *s) {
  size_t n = 0;
  for (const char *p = s; *p; p++)
    if (*p != ' ' && (p == s || p[-1] == ' '))
      n++;
  return n;
}

/* Quotes shorter than this many words ("No," "Yes") are too common to
 * pin on anyone. */
#define MIN_QUOTE_WORDS 4

/* Whether a partial quote gives part of the other quote's utterance in
 * other words: a speaker's "disgusting abomination", inside a long quote
 * in one outlet, is a "disgusting monstrosity full of political pork" in
 * another. Against a long quote the Jaccard similarity of the two is low
 * however many of the partial's words come back, so the share of the
 * smaller one's content words counts (SAME_PARTIAL, two words at least). */
static int part_of_utterance(const quote_item *x, const quote_item *y) {
  if (x->q->kind != CW_QUOTE_PARTIAL && y->q->kind != CW_QUOTE_PARTIAL)
    return 0;
  return shared_words(&x->content, &y->content) >= SAME_PARTIAL_WORDS &&
         overlap(&x->content, &y->content) >= SAME_PARTIAL;
}

/* Adds the quote to the discrepancy d: to the variant whose value matches
 * (same words for quote_wording, same speaker for attribution), else as a
 * new variant. */
static void join_variant(json_t *d, const quote_item *q, int by_speaker) {
  json_t *variants = json_object_get(d, "variants"), *v;
  size_t i;
  const char *value = by_speaker ? q->q->speaker : q->q->text;
  json_array_foreach(variants, i, v) {
    const char *have = json_string_value(json_object_get(v, "value"));
    int same;
    if (by_speaker) {
      same = same_speaker(have, value);
    } else {
      char *nh = normalise(have);
      same = nh && q->norm && !strcmp(nh, q->norm);
      free(nh);
    }
    if (same) {
      variant_add(v, q->a, q->q->start, q->q->end);
      return;
    }
  }
  v = variant(value);
  variant_add(v, q->a, q->q->start, q->q->end);
  json_array_append_new(variants, v);
}

/* One discrepancy per utterance (quote_wording) or per set of words
 * (attribution), however many articles carry it: a quote already in one
 * brings the other quote of a pair into it as a variant. */
static void quote_discrepancies(cmp *c, json_t *out) {
  quote_item *items;
  size_t n = collect_quotes(c, &items);
  json_t **wording = calloc(n + 1, sizeof *wording);
  json_t **attrib = calloc(n + 1, sizeof *attrib);
  unsigned char *pairable = NULL;
  size_t n_wording = 0, n_attrib = 0;
  if (!wording || !attrib) {
    c->nomem = 1;
    goto done;
  }
  /* every pair of the story's quotes is looked at: what one quote alone
   * decides (its kind, its speaker's form, its length) is decided once
   * for it rather than once a pair */
  pairable = malloc(n + 1);
  if (!pairable) {
    c->nomem = 1;
    goto done;
  }
  for (size_t i = 0; i < n; i++)
    pairable[i] = items[i].q->kind != CW_QUOTE_INDIRECT &&
                  name_like(items[i].q->speaker) &&
                  word_count(items[i].q->text) >= MIN_QUOTE_WORDS;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n && pairable[i]; j++) {
      const quote_item *x = &items[i], *y = &items[j];
      if (!pairable[j] || same_outlet(x->a, y->a))
        continue;
      double sim = jaccard(&x->content, &y->content);
      int kind; /* 1 wording, 2 attribution */
      if (same_speaker(x->q->speaker, y->q->speaker))
        kind = (sim >= SAME_UTTERANCE || part_of_utterance(x, y)) &&
                       !same_text(x, y)
                   ? 1
                   : 0;
      else
        kind = same_text(x, y) || sim >= SAME_WORDS ? 2 : 0;
      if (!kind)
        continue;
      json_t **in = kind == 1 ? wording : attrib;
      size_t *count = kind == 1 ? &n_wording : &n_attrib;
      if (in[i] && in[j])
        continue;
      if (in[i] || in[j]) {
        json_t *d = in[i] ? in[i] : in[j];
        join_variant(d, in[i] ? y : x, kind == 2);
        in[i] = in[j] = d;
        continue;
      }
      if (*count >= MAX_PER_KIND)
        continue;
      json_t *d;
      if (kind == 1) {
        const char *who = strlen(x->q->speaker) >= strlen(y->q->speaker)
                              ? x->q->speaker
                              : y->q->speaker;
        d = discrepancy("quote_wording", who, json_array());
      } else {
        d = discrepancy("attribution",
                        strlen(x->q->text) <= strlen(y->q->text) ? x->q->text
                                                                 : y->q->text,
                        json_array());
      }
      if (!d) {
        c->nomem = 1;
        goto done;
      }
      join_variant(d, x, kind == 2);
      join_variant(d, y, kind == 2);
      json_array_append_new(out, d); /* out holds it; in[] borrows */
      in[i] = in[j] = d;
      (*count)++;
    }
done:
  free(pairable);
  free(wording);
  free(attrib);
  free_quotes(items, n);
}

json_t *cw_compare_quotes(const cw_cmp_article *arts, size_t n) {
  cmp c;
  json_t *out = cmp_open(&c, arts, n);
  if (!out)
    return NULL;
  quote_item *items;
  size_t m = collect_quotes(&c, &items);
  /* groups: one speaker (or none), one utterance */
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < i; j++)
      if (items[j].group == j &&
          ((items[i].q->speaker == NULL && items[j].q->speaker == NULL) ||
           same_speaker(items[i].q->speaker, items[j].q->speaker)) &&
          (same_text(&items[i], &items[j]) ||
           jaccard(&items[i].content, &items[j].content) >= SAME_UTTERANCE)) {
        items[i].group = j;
        break;
      }
  for (size_t g = 0; g < m && json_array_size(out) < MAX_QUOTE_GROUPS; g++) {
    if (items[g].group != g)
      continue;
    json_t *variants = json_array();
    const char *speaker = items[g].q->speaker;
    for (size_t i = g; i < m; i++) {
      if (items[i].group != g)
        continue;
      if (items[i].q->speaker &&
          (!speaker || strlen(items[i].q->speaker) > strlen(speaker)))
        speaker = items[i].q->speaker;
      /* the same words make one variant */
      json_t *v = NULL;
      size_t k;
      json_t *x;
      json_array_foreach(variants, k, x) {
        char *nx = normalise(json_string_value(json_object_get(x, "text")));
        int eq = nx && items[i].norm && !strcmp(nx, items[i].norm);
        free(nx);
        if (eq) {
          v = x;
          break;
        }
      }
      if (!v) {
        v = json_pack("{s:s, s:s, s:[], s:[]}", "text", items[i].q->text,
                      "kind", cw_quote_kind_name(items[i].q->kind),
                      "articles", "evidence");
        json_array_append_new(variants, v);
      }
      /* where it was said or reported ("X", "TASS", "Newsweek"), as the
       * first article giving one says */
      if (items[i].q->channel && *items[i].q->channel &&
          !json_object_get(v, "channel"))
        json_object_set_new(v, "channel", json_string(items[i].q->channel));
      variant_add(v, items[i].a, items[i].q->start, items[i].q->end);
    }
    json_array_append_new(out, json_pack("{s:o, s:o}", "speaker",
                                         speaker ? json_string(speaker)
                                                 : json_null(),
                                         "variants", variants));
  }
  free_quotes(items, m);
  cmp_close(&c);
  return out;
}

/* ---- dates and the timeline ----------------------------------------- */

typedef struct dated {
  const cw_cmp_article *a;
  const cw_timex *t;
  size_t s, e; /* its sentence */
  wordset ctx; /* without the time expression */
  uint64_t verb; /* the event's word before the date ("voted"), or 0 */
  size_t group;
  char value[11]; /* its day, "2025-06-02" */
  int inferred;   /* the year is the story's, not the article's (year_for) */
} dated;

/* Words between an event's verb and its date ("voted on Tuesday", "met
 * last week"), skipped when looking for the verb. */
static const char *const date_lead[] = {"on", "in", "at", "by", "last",
                                        "this", "early", "late",
                                        "earlier", "next", NULL};
/* Words before a date that name no event of their own: reporting verbs
 * (two outlets may report different statements on different days),
 * auxiliaries and function words. */
static const char *const not_event[] = {
    "said", "say", "says", "told", "tell", "announced", "reported", "added",
    "wrote", "posted", "stated", "was", "were", "is", "are", "be", "been",
    "had", "has", "have", "and", "or", "the", "a", "of", "to", "until",
    "since", "from", "before", "after", NULL};

static int in_list(const char *const *list, const char *w, size_t n) {
  for (size_t i = 0; list[i]; i++)
    if (strlen(list[i]) == n && !strncasecmp(list[i], w, n))
      return 1;
  return 0;
}

/* The stem hash of the word that names the dated event: the last word
 * before the date in its sentence, past "on", "last" and the like; 0 when
 * that word names no event ("said on Monday"). */
static uint64_t verb_before(cmp *c, const char *t, size_t s, size_t at) {
  size_t p = at;
  for (int words = 0; words < 3; words++) {
    while (p > s && !isalpha((unsigned char)t[p - 1]))
      if (t[--p] == ',' || t[p] == ';' || t[p] == ':')
        return 0; /* the date opens a clause: "On Tuesday, ..." */
    size_t e = p;
    while (p > s && (isalpha((unsigned char)t[p - 1]) || t[p - 1] == '-'))
      p--;
    if (p == e)
      return 0;
    if (in_list(date_lead, t + p, e - p))
      continue;
    if (in_list(not_event, t + p, e - p))
      return 0;
    cw_buf_reset(&c->fold);
    if (cw_text_fold(t + p, e - p, &c->fold) || !c->fold.len)
      return 0;
    size_t sl;
    const char *st = cw_stem(c->stem, c->fold.ptr, c->fold.len, &sl);
    return st ? cw_hash64(st, sl) : 0;
  }
  return 0;
}

/* Whether two dated sentences tell one event: largely the same words, or
 * the same event verb right before the date with most of the shorter
 * sentence's words ("voted on Tuesday to summon Transport Minister Irena
 * Solberg" / "voted on March 4 to call Transport Minister Irena
 * Solberg"). */
static int same_dated_event(const dated *x, const dated *y) {
  if (x->ctx.n < 3 || y->ctx.n < 3)
    return 0;
  if (jaccard(&x->ctx, &y->ctx) >= SAME_EVENT)
    return 1;
  return x->verb && x->verb == y->verb && x->ctx.n >= 5 && y->ctx.n >= 5 &&
         overlap(&x->ctx, &y->ctx) >= SAME_EVENT_VERB;
}

/* Whether a TimeML value names one calendar day, "2025-06-02": not
 * "FUTURE_REF" (ten characters too), a week "2025-W23-1", a month or a
 * day of an unknown year ("XXXX-06-02"). */
static int is_day(const char *v) {
  if (!v || strlen(v) != 10 || v[4] != '-' || v[7] != '-')
    return 0;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !isdigit((unsigned char)v[i]))
      return 0;
  return 1;
}

/* The last publication day of the story's dated articles, "" for none:
 * what an undated article's "June 2" is read against (year_for). */
static void story_day(const cmp *c, char out[11]) {
  out[0] = 0;
  for (size_t i = 0; i < c->n; i++) {
    const char *p = c->arts[i].published;
    char day[11];
    if (!p || strlen(p) < 10)
      continue;
    memcpy(day, p, 10);
    day[10] = 0;
    if (is_day(day) && strcmp(day, out) > 0)
      memcpy(out, day, sizeof day);
  }
}

/* Days the story's day may precede a day it tells of: a day a week ahead
 * is an announcement ("on June 9", said on June 6), not last year's. */
#define AHEAD_DAYS 7

/* A day of unknown year ("XXXX-06-02": an article without a date says "On
 * June 2") in the year that puts it nearest before the story's day `ref`
 * (or at most AHEAD_DAYS after): news tells what has happened. 0 when v
 * is no such day or there is no ref. */
static int year_for(const char *v, const char *ref, char out[11]) {
  if (!v || strlen(v) != 10 || memcmp(v, "XXXX-", 5) || !ref[0])
    return 0;
  char day[11];
  memcpy(day, ref, 5);
  memcpy(day + 5, v + 5, 6);
  if (!is_day(day))
    return 0;
  int y = atoi(ref), m = atoi(day + 5), d = atoi(day + 8);
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 2 || y > 9999)
    return 0;
  int64_t r = cw_days_from_civil(y, atoi(ref + 5), atoi(ref + 8));
  if (cw_days_from_civil(y, m, d) > r + AHEAD_DAYS)
    y--;
  snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
  return 1;
}

static size_t collect_dated(cmp *c, dated **out) {
  dated *items = NULL;
  size_t n = 0, cap = 0;
  char ref[11];
  story_day(c, ref);
  for (size_t i = 0; i < c->n; i++) {
    size_t last_sentence = (size_t)-1;
    for (size_t k = 0; k < c->arts[i].n_times && n < MAX_ITEMS; k++) {
      const cw_timex *t = &c->arts[i].times[k];
      char value[11];
      int inferred = 0;
      if (t->type != CW_TIMEX_DATE)
        continue;
      if (is_day(t->value))
        memcpy(value, t->value, 11);
      else if (!c->arts[i].published && year_for(t->value, ref, value))
        inferred = 1;
      else
        continue;
      size_t s, e;
      sentence_at(c->arts[i].text, c->arts[i].len, t->start, &s, &e);
      if (s == last_sentence)
        continue; /* one date per sentence: its first */
      last_sentence = s;
      if (n == cap) {
        size_t ncap = cap ? cap * 2 : 64;
        dated *g = realloc(items, ncap * sizeof *g);
        if (!g) {
          c->nomem = 1;
          break;
        }
        items = g;
        cap = ncap;
      }
      dated *d = &items[n++];
      d->a = &c->arts[i];
      d->t = t;
      d->s = s;
      d->e = e;
      d->ctx = words_of(c, c->arts[i].text, s, e, t->start, t->end);
      d->verb = verb_before(c, c->arts[i].text, s, t->start);
      d->group = n - 1;
      memcpy(d->value, value, sizeof d->value);
      d->inferred = inferred;
    }
  }
  *out = items;
  return n;
}

static void free_dated(dated *items, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(items[i].ctx.w);
  }
  free(items);
}

static size_t find_root(dated *d, size_t i) {
  while (d[i].group != i)
    i = d[i].group = d[d[i].group].group;
  return i;
}

/* One discrepancy per event that outlets date differently: dated sentences
 * are joined into events (same_dated_event, transitively), and an event
 * whose sentences give two or more days, from two or more outlets, lists
 * each day with every article behind it. */
static void date_discrepancies(cmp *c, json_t *out) {
  dated *d;
  size_t n = collect_dated(c, &d);
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      if (find_root(d, i) != find_root(d, j) && same_dated_event(&d[i], &d[j]))
        d[find_root(d, j)].group = find_root(d, i);
  size_t found = 0;
  for (size_t r = 0; r < n && found < MAX_PER_KIND; r++) {
    if (find_root(d, r) != r)
      continue;
    /* a disagreement: two outlets, two days */
    int differ = 0;
    for (size_t i = r; i < n && !differ; i++)
      for (size_t j = i + 1; j < n && !differ && find_root(d, i) == r; j++)
        differ = find_root(d, j) == r && !same_outlet(d[i].a, d[j].a) &&
                 strcmp(d[i].value, d[j].value);
    if (!differ)
      continue;
    json_t *variants = json_array();
    for (size_t i = r; i < n; i++) {
      if (find_root(d, i) != r)
        continue;
      json_t *v = NULL;
      size_t k;
      json_t *x;
      json_array_foreach(variants, k, x) {
        if (!strcmp(json_string_value(json_object_get(x, "value")),
                    d[i].value))
          v = x;
      }
      if (!v) {
        v = variant(d[i].value);
        json_array_append_new(variants, v);
      }
      variant_add(v, d[i].a, d[i].t->start, d[i].t->end);
    }
    char subject[200];
    snprintf(subject, sizeof subject, "%.*s",
             (int)(d[r].e - d[r].s < 160 ? d[r].e - d[r].s : 160),
             d[r].a->text + d[r].s);
    json_array_append_new(out, discrepancy("date", subject, variants));
    found++;
  }
  free_dated(d, n);
}

static int cmp_entry_date(const void *x, const void *y) {
  const char *a = json_string_value(json_object_get(*(json_t *const *)x, "date"));
  const char *b = json_string_value(json_object_get(*(json_t *const *)y, "date"));
  return strcmp(a ? a : "", b ? b : "");
}

json_t *cw_compare_timeline(const cw_cmp_article *arts, size_t n) {
  cmp c;
  json_t *out = cmp_open(&c, arts, n);
  if (!out)
    return NULL;
  dated *d;
  size_t m = collect_dated(&c, &d);
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < i; j++)
      if (d[j].group == j && !strcmp(d[i].value, d[j].value) &&
          jaccard(&d[i].ctx, &d[j].ctx) >= SAME_MEASURE) {
        d[i].group = j;
        break;
      }
  size_t ne = 0;
  json_t **entries = malloc((m + 1) * sizeof *entries);
  for (size_t g = 0; entries && g < m; g++) {
    if (d[g].group != g)
      continue;
    size_t e = d[g].e - d[g].s > EVIDENCE_MAX ? d[g].s + EVIDENCE_MAX : d[g].e;
    json_t *o = json_pack("{s:s, s:s%, s:[], s:[]}", "date", d[g].value,
                          "text", d[g].a->text + d[g].s, e - d[g].s,
                          "articles", "evidence");
    /* the year of an undated article's day is the story's: said so */
    if (o && d[g].inferred)
      json_object_set_new(o, "year_inferred", json_true());
    for (size_t i = g; i < m; i++)
      if (d[i].group == g)
        variant_add(o, d[i].a, d[i].t->start, d[i].t->end);
    entries[ne++] = o;
  }
  if (entries) {
    qsort(entries, ne, sizeof *entries, cmp_entry_date);
    for (size_t i = 0; i < ne; i++) {
      if (i < MAX_TIMELINE)
        json_array_append_new(out, entries[i]);
      else
        json_decref(entries[i]);
    }
  }
  free(entries);
  free_dated(d, m);
  cmp_close(&c);
  return out;
}

/* ---- uncorroborated ------------------------------------------------- */

/* Words that introduce someone as an outside expert. */
static int expert_intro(const char *t, size_t len, size_t from) {
  static const char *const words[] = {
      "professor", "analyst", "expert",     "economist", "researcher",
      "lecturer",  "consultant", "detective", "strategist", "scholar",
      "fellow",    "specialist", "former detective", "scientist", NULL};
  size_t end = from + 100 < len ? from + 100 : len;
  for (size_t p = from; p < end; p++)
    if (t[p] == '.' && p + 1 < len && t[p + 1] == ' ' && p > from + 3 &&
        t[p - 2] != ' ' && t[p - 3] != ' ') {
      end = p; /* the sentence ends ("Dr." and initials do not end it) */
      break;
    }
  for (size_t i = 0; words[i]; i++) {
    size_t wl = strlen(words[i]);
    for (size_t p = from; p + wl <= end; p++)
      /* the first letter first: the words are lower case, and | 0x20
       * lowers an ASCII capital (what else it matches strncasecmp
       * turns down) */
      if ((t[p] | 0x20) == words[i][0] && !strncasecmp(t + p, words[i], wl))
        return 1;
  }
  return 0;
}

static const char *find_name(const char *text, size_t len, const char *name) {
  size_t nl = strlen(name);
  for (size_t p = 0; p + nl <= len; p++)
    if (text[p] == name[0] && !memcmp(text + p, name, nl))
      return text + p;
  return NULL;
}

static void uncorroborated(cmp *c, json_t *out) {
  /* distinct outlets of the story */
  size_t outlets = 0;
  for (size_t i = 0; i < c->n; i++) {
    int seen = 0;
    for (size_t j = 0; j < i && !seen; j++)
      seen = same_outlet(&c->arts[i], &c->arts[j]);
    outlets += !seen;
  }
  if (outlets < UNCORROBORATED_MIN_OUTLETS)
    return;
  for (size_t i = 0; i < c->n; i++) {
    const cw_cmp_article *a = &c->arts[i];
    for (size_t k = 0; k < a->n_entities; k++) {
      const cw_cmp_entity *e = &a->entities[k];
      if (!strchr(e->name, ' '))
        continue; /* a full name */
      const char *at = find_name(a->text, a->len, e->name);
      if (!at)
        continue;
      size_t pos = (size_t)(at - a->text);
      char acronym[16] = "";
      if (!strcasecmp(e->type, "ORG") || !strcasecmp(e->type, "organization")) {
        /* an organisation the article introduces with its acronym,
         * "Office of Harbour Safety (OHS)" */
        const char *p = at + strlen(e->name);
        size_t ak = 0;
        if (p[0] == ' ' && p[1] == '(') {
          for (p += 2; *p >= 'A' && *p <= 'Z' && k + 1 < sizeof acronym; p++)
            acronym[ak++] = *p;
          acronym[ak] = 0;
        }
        if (ak < 2 || *p != ')')
          continue;
      } else {
        if (!name_like(e->name) || (strcasecmp(e->type, "PERSON") &&
                                    strcasecmp(e->type, "UNKNOWN")))
          continue;
        int quoted = 0;
        for (size_t q = 0; q < a->n_quotes && !quoted; q++)
          quoted = same_speaker(a->quotes[q].speaker, e->name) &&
                   cw_quote_is_utterance(&a->quotes[q]);
        /* someone introduced as an outside expert (of unknown type: and
         * quoted too) */
        if (!expert_intro(a->text, a->len, pos + strlen(e->name)) ||
            (strcasecmp(e->type, "PERSON") && !quoted))
          continue;
      }
      /* nobody else names them (a person by surname, an organisation by
       * name or acronym) */
      const char *surname = acronym[0] ? e->name : strrchr(e->name, ' ') + 1;
      int elsewhere = 0, first = 1;
      for (size_t j = 0; j < c->n && !elsewhere; j++) {
        if (same_outlet(a, &c->arts[j])) {
          if (j < i && find_name(c->arts[j].text, c->arts[j].len, e->name))
            first = 0; /* reported once per outlet */
          continue;
        }
        elsewhere = find_name(c->arts[j].text, c->arts[j].len, surname) ||
                    (acronym[0] &&
                     find_name(c->arts[j].text, c->arts[j].len, acronym));
      }
      if (elsewhere || !first)
        continue;
      char value[200];
      snprintf(value, sizeof value, "only %s", a->outlet ? a->outlet
                                                          : "one article");
      json_t *v = variant(value);
      variant_add(v, a, pos, pos + strlen(e->name));
      json_array_append_new(out, discrepancy("uncorroborated", e->name,
                                             json_pack("[o]", v)));
    }
  }
}

/* Keeps the first MAX_PER_KIND discrepancies of each kind. */
static void limit_per_kind(json_t *out) {
  static const char *const kinds[] = {"number", "role", "quote_wording",
                                      "attribution", "date",
                                      "uncorroborated"};
  size_t seen[sizeof kinds / sizeof *kinds] = {0};
  for (size_t i = 0; i < json_array_size(out);) {
    const char *k =
        json_string_value(json_object_get(json_array_get(out, i), "kind"));
    size_t x = 0;
    while (x < sizeof kinds / sizeof *kinds && strcmp(k ? k : "", kinds[x]))
      x++;
    if (x < sizeof kinds / sizeof *kinds && ++seen[x] > MAX_PER_KIND)
      json_array_remove(out, i);
    else
      i++;
  }
}

json_t *cw_compare_discrepancies(const cw_cmp_article *arts, size_t n) {
  cmp c;
  json_t *out = cmp_open(&c, arts, n);
  if (!out)
    return NULL;
  numbers(&c, out);
  roles(&c, out);
  quote_discrepancies(&c, out);
  date_discrepancies(&c, out);
  uncorroborated(&c, out);
  limit_per_kind(out);
  cmp_close(&c);
  if (c.nomem) {
    json_decref(out);
    return NULL;
  }
  return out;
}
