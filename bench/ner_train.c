/* ner_train.c - trains the averaged-perceptron tagger of
 * src/analyze/ner_tagger.c and writes the model file it loads.
 *
 * Input on stdin (bench/train-ner makes it from CoNLL-2003 train.txt):
 * records "DOC <bytes>\n" + text, then "SPANS <k>\n" and k lines
 * "<start> <end> <PER|ORG|LOC|MISC>" of gold byte spans. The text is split
 * with cw_text_sentences/cw_text_tokens exactly as cw_analyze() does, a
 * token overlapping a gold span takes its label (B- on its first token),
 * and the tagger's own feature function is used, so training and tagging
 * cannot disagree. Usage: cw-ner-train OUT.bin [EPOCHS [MIN_WEIGHT]].
 * Features whose largest averaged weight (after int16 quantisation) is
 * below MIN_WEIGHT are dropped to keep the file small.
 *
 * cw_ner_decode() tags twice, the second pass seeing what the first made
 * of each word elsewhere in the document. The model learns both passes:
 * every document is trained once as the first pass sees it and once with
 * the first pass's document context. That context comes from models
 * trained on the other FOLDS - 1 parts of the data (jackknifing), so it
 * is as wrong as it will be on unseen text, not learnt by heart.
 */
#include "analyze/analyze_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOC_MAX_BYTES (16u << 20)
#define TABLE_BITS 23 /* feature slots: 8M, load stays low */
#define FOLDS 5       /* jackknife parts for the first pass's context */

typedef struct doc {
  char *text;
  size_t len;
  cw_vec toks;
  cw_ner_doc nd;
  unsigned char *gold;
  unsigned *plain;   /* nd.tflags as the first pass sees them */
  unsigned *stacked; /* ... and with a held-out model's first pass */
} doc;

typedef struct table {
  uint32_t *keys;
  int32_t *idx; /* -1 empty */
  size_t cap, n, wcap;
  float *w;       /* n * NER_NLABELS */
  double *u;      /* update sums weighted by time, for averaging */
  long long step; /* updates so far */
} table;

static long find(const table *t, uint32_t k) {
  size_t i = (k * 2654435761u) & (t->cap - 1);
  while (t->idx[i] >= 0) {
    if (t->keys[i] == k)
      return t->idx[i];
    i = (i + 1) & (t->cap - 1);
  }
  return -1;
}

static long insert(table *t, uint32_t k) {
  size_t i = (k * 2654435761u) & (t->cap - 1);
  while (t->idx[i] >= 0) {
    if (t->keys[i] == k)
      return t->idx[i];
    i = (i + 1) & (t->cap - 1);
  }
  if (t->n == t->wcap) {
    t->wcap = t->wcap ? 2 * t->wcap : 1 << 16;
    t->w = realloc(t->w, t->wcap * NER_NLABELS * sizeof *t->w);
    t->u = realloc(t->u, t->wcap * NER_NLABELS * sizeof *t->u);
    if (!t->w || !t->u) {
      fprintf(stderr, "cw-ner-train: out of memory\n");
      exit(1);
    }
  }
  memset(t->w + t->n * NER_NLABELS, 0, NER_NLABELS * sizeof *t->w);
  memset(t->u + t->n * NER_NLABELS, 0, NER_NLABELS * sizeof *t->u);
  t->keys[i] = k;
  t->idx[i] = (int32_t)t->n;
  return (long)t->n++;
}

static void score(void *ctx, const uint32_t *f, size_t nf, float *s) {
  const table *t = ctx;
  for (int l = 0; l < NER_NLABELS; l++)
    s[l] = 0;
  for (size_t k = 0; k < nf; k++) {
    long i = find(t, f[k]);
    if (i >= 0)
      for (int l = 0; l < NER_NLABELS; l++)
        s[l] += t->w[i * NER_NLABELS + l];
  }
}

static void update(table *t, const uint32_t *f, size_t nf, int label,
                   float d) {
  for (size_t k = 0; k < nf; k++) {
    long i = insert(t, f[k]);
    t->w[i * NER_NLABELS + label] += d;
    t->u[i * NER_NLABELS + label] += (double)t->step * d;
  }
}

static int label_of(const char *type, int begin) {
  int base = !strcmp(type, "PER")   ? NER_B_PER
             : !strcmp(type, "ORG") ? NER_B_ORG
             : !strcmp(type, "LOC") ? NER_B_LOC
                                    : NER_B_MISC;
  return begin ? base : base + 1;
}

static int read_doc(doc *d) {
  char line[128];
  unsigned long n, k;
  if (!fgets(line, sizeof line, stdin))
    return 0;
  if (sscanf(line, "DOC %lu", &n) != 1 || n > DOC_MAX_BYTES)
    return -1;
  d->text = malloc(n + 1);
  if (!d->text || fread(d->text, 1, n, stdin) != n)
    return -1;
  d->text[n] = 0;
  d->len = n;
  cw_vec sents;
  cw_vec_init(&sents, sizeof(cw_span));
  cw_vec_init(&d->toks, sizeof(cw_token));
  if (cw_text_sentences(d->text, n, &sents) ||
      cw_text_tokens(d->text, n, &sents, &d->toks))
    return -1;
  cw_vec_free(&sents);
  const cw_token *tok = d->toks.items;
  size_t nt = d->toks.len;
  d->gold = calloc(nt ? nt : 1, 1);
  if (!d->gold || !fgets(line, sizeof line, stdin) ||
      sscanf(line, "SPANS %lu", &k) != 1)
    return -1;
  for (unsigned long s = 0; s < k; s++) {
    unsigned long a, b;
    char type[16];
    if (!fgets(line, sizeof line, stdin) ||
        sscanf(line, "%lu %lu %15s", &a, &b, type) != 3)
      return -1;
    int first = 1;
    for (size_t i = 0; i < nt; i++)
      if (tok[i].start < b && tok[i].end > a) {
        d->gold[i] = (unsigned char)label_of(type, first);
        first = 0;
      }
  }
  if (cw_ner_doc_init(&d->nd, d->text, tok, nt))
    return -1;
  size_t fb = (nt ? nt : 1) * sizeof *d->plain;
  d->plain = malloc(fb);
  d->stacked = malloc(fb);
  if (!d->plain || !d->stacked)
    return -1;
  memcpy(d->plain, d->nd.tflags, nt * sizeof *d->plain);
  memcpy(d->stacked, d->nd.tflags, nt * sizeof *d->plain);
  return 1;
}

static void table_init(table *t) {
  memset(t, 0, sizeof *t);
  t->cap = (size_t)1 << TABLE_BITS;
  t->keys = malloc(t->cap * sizeof *t->keys);
  t->idx = malloc(t->cap * sizeof *t->idx);
  if (!t->keys || !t->idx) {
    fprintf(stderr, "cw-ner-train: out of memory\n");
    exit(1);
  }
  memset(t->idx, 0xff, t->cap * sizeof *t->idx);
}

static void table_free(table *t) {
  free(t->keys);
  free(t->idx);
  free(t->w);
  free(t->u);
  memset(t, 0, sizeof *t);
}

/* One greedy pass over d with perceptron updates; returns the errors. */
static size_t train_doc(table *t, doc *d) {
  uint32_t f[NER_MAX_FEATS];
  float s[NER_NLABELS];
  size_t errors = 0;
  int p1 = NER_O, p2 = NER_O;
  for (size_t i = 0; i < d->nd.ntok; i++) {
    size_t nf = cw_ner_features(&d->nd, i, p1, p2, f);
    score(t, f, nf, s);
    int best = NER_O;
    /* as cw_ner_decode(): no I- label after a line break */
    const cw_token *tk = d->nd.tok;
    int nl = i > 0 && memchr(d->text + tk[i - 1].end, '\n',
                             tk[i].start - tk[i - 1].end);
    for (int l = 1; l < NER_NLABELS; l++) {
      if (!(l & 1) && ((p1 != l - 1 && p1 != l) || nl))
        continue;
      if (s[l] > s[best])
        best = l;
    }
    t->step++;
    int g = d->gold[i];
    if (best != g) {
      update(t, f, nf, g, 1.0f);
      update(t, f, nf, best, -1.0f);
      errors++;
    }
    p2 = p1;
    p1 = best;
  }
  return errors;
}

/* Replaces the weights by their averages over all steps. */
static double average(table *t) {
  double maxabs = 0;
  for (size_t i = 0; i < t->n * NER_NLABELS; i++) {
    double a = t->w[i] - t->u[i] / (double)(t->step ? t->step : 1);
    t->w[i] = (float)a;
    if (fabs(a) > maxabs)
      maxabs = fabs(a);
  }
  return maxabs;
}

/* Fisher-Yates with a fixed seed, so that training is reproducible. */
static void shuffle(size_t *order, size_t n, unsigned long long *rng) {
  for (size_t i = n; i > 1; i--) {
    *rng = *rng * 6364136223846793005ULL + 1442695040888963407ULL;
    size_t j = (size_t)(*rng >> 33) % i, tmp = order[i - 1];
    order[i - 1] = order[j];
    order[j] = tmp;
  }
}

static void set_flags(doc *d, const unsigned *from) {
  memcpy(d->nd.tflags, from, d->nd.ntok * sizeof *from);
}

static void put_u32(FILE *fp, uint32_t v) {
  unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                        (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
  fwrite(b, 1, 4, fp);
}

typedef struct kept {
  uint32_t key;
  long i;
} kept;

static int cmp_kept(const void *x, const void *y) {
  uint32_t a = ((const kept *)x)->key, b = ((const kept *)y)->key;
  return (a > b) - (a < b);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: cw-ner-train OUT.bin [EPOCHS [MIN_WEIGHT]]\n");
    return 2;
  }
  int epochs = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 10;
  long min_w = argc > 3 ? strtol(argv[3], NULL, 10) : 20;
  cw_vec docs;
  cw_vec_init(&docs, sizeof(doc));
  for (;;) {
    doc d;
    memset(&d, 0, sizeof d);
    int r = read_doc(&d);
    if (r < 0) {
      fprintf(stderr, "cw-ner-train: bad input\n");
      return 1;
    }
    if (r == 0)
      break;
    doc *p = cw_vec_push(&docs);
    if (!p)
      return 1;
    *p = d;
  }
  size_t nd = docs.len;
  size_t *order = malloc((nd ? nd : 1) * sizeof *order);
  if (!order)
    return 1;
  unsigned long long rng = 12345;
  table t;
  /* the first pass's context of each document, from a model that did not
   * see it */
  for (size_t k = 0; k < FOLDS; k++) {
    table_init(&t);
    for (int ep = 0; ep < epochs; ep++) {
      for (size_t i = 0; i < nd; i++)
        order[i] = i;
      shuffle(order, nd, &rng);
      for (size_t di = 0; di < nd; di++) {
        if (order[di] % FOLDS == k)
          continue;
        doc *d = &CW_VEC_AT(&docs, doc, order[di]);
        set_flags(d, d->plain);
        train_doc(&t, d);
      }
    }
    average(&t);
    for (size_t i = k; i < nd; i += FOLDS) {
      doc *d = &CW_VEC_AT(&docs, doc, i);
      unsigned char *lab = malloc(d->nd.ntok + 1);
      if (!lab)
        return 1;
      set_flags(d, d->plain);
      cw_ner_decode(&d->nd, score, &t, lab);
      memcpy(d->stacked, d->nd.tflags, d->nd.ntok * sizeof *d->stacked);
      free(lab);
    }
    table_free(&t);
    fprintf(stderr, "fold %zu of %d labelled\n", k + 1, FOLDS);
  }
  table_init(&t);
  for (size_t i = 0; i < nd; i++)
    order[i] = i;
  for (int ep = 0; ep < epochs; ep++) {
    shuffle(order, nd, &rng);
    size_t errors = 0, total = 0;
    for (size_t di = 0; di < nd; di++) {
      doc *d = &CW_VEC_AT(&docs, doc, order[di]);
      set_flags(d, d->plain);
      errors += train_doc(&t, d);
      set_flags(d, d->stacked);
      errors += train_doc(&t, d);
      total += 2 * d->nd.ntok;
    }
    fprintf(stderr, "epoch %d: %zu errors / %zu tokens, %zu features\n",
            ep + 1, errors, total, t.n);
  }
  /* averaged weights, quantised to int16 with one scale */
  double maxabs = average(&t);
  double scale = maxabs > 0 ? maxabs / 32767.0 : 1.0;
  kept *kp = malloc((t.n ? t.n : 1) * sizeof *kp);
  size_t nk = 0;
  for (size_t c = 0; c < t.cap; c++) {
    if (t.idx[c] < 0)
      continue;
    long i = t.idx[c];
    long big = 0;
    for (int l = 0; l < NER_NLABELS; l++) {
      long q = lround(t.w[i * NER_NLABELS + l] / scale);
      if (labs(q) > big)
        big = labs(q);
    }
    if (big > min_w) {
      kp[nk].key = t.keys[c];
      kp[nk].i = i;
      nk++;
    }
  }
  qsort(kp, nk, sizeof *kp, cmp_kept);
  FILE *fp = fopen(argv[1], "wb");
  if (!fp) {
    perror(argv[1]);
    return 1;
  }
  float fs = (float)scale;
  uint32_t sb;
  memcpy(&sb, &fs, sizeof sb);
  fwrite("CWNER01\n", 1, 8, fp);
  put_u32(fp, (uint32_t)nk);
  put_u32(fp, NER_NLABELS);
  put_u32(fp, sb);
  for (size_t k = 0; k < nk; k++)
    put_u32(fp, kp[k].key);
  for (size_t k = 0; k < nk; k++)
    for (int l = 0; l < NER_NLABELS; l++) {
      long q = lround(t.w[kp[k].i * NER_NLABELS + l] / scale);
      unsigned v = (unsigned)(uint16_t)(int16_t)q;
      fputc((int)(v & 0xff), fp);
      fputc((int)(v >> 8), fp);
    }
  if (fclose(fp)) {
    perror(argv[1]);
    return 1;
  }
  fprintf(stderr, "kept %zu of %zu features\n", nk, t.n);
  for (size_t i = 0; i < nd; i++) {
    doc *d = &CW_VEC_AT(&docs, doc, i);
    cw_ner_doc_free(&d->nd);
    cw_vec_free(&d->toks);
    free(d->text);
    free(d->gold);
    free(d->plain);
    free(d->stacked);
  }
  cw_vec_free(&docs);
  free(order);
  free(kp);
  table_free(&t);
  return 0;
}
