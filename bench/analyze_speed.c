/* analyze_speed.c - cw-analyze-speed [--reps N] [--dct DATE] [--join BYTES]
 * [--shallow] FILE...: times the analysis of `crosswire analyze` (entities,
 * time expressions, quotes, facts: cw_analyze + cw_analyze_deep) over the
 * articles of FILE... in one process, and prints articles/s and MB/s of
 * CPU time (and of wall time, which a loaded machine inflates) and the
 * mean article size, then the fastest and the median pass (one pass
 * over every article) of CPU time: other jobs on a shared host only ever
 * add time, so the fastest pass is the closest to the analysis alone.
 *
 * A FILE ending in .jsonl holds one article a line in crosswire's input
 * contract ("title", "text", "published"), e.g. from `bench/gen --count
 * 500 --seed 1`; any other FILE is one plain-text article. --join BYTES
 * glues consecutive articles of the input (texts separated by a blank
 * line, the first title kept) until each reaches BYTES, so that short
 * generated articles can stand for 5 KB news articles. --dct overrides
 * each article's published date; --shallow times cw_analyze alone. The
 * texts are read before the clocks start, so only the analysis is timed.
 * One article is analysed before the clocks start (the tagger's model
 * loads on first use). The bound: 2,000 articles of 5 KB per second on
 * one core.
 *
 *   bench/gen --count 3000 --seed 1 > /tmp/gen.jsonl
 *   build/bench/cw-analyze-speed --reps 3 --join 5000 /tmp/gen.jsonl
 */
#include "analyze/analyze.h"
#include "core/core.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Largest input file read. */
#define SPEED_MAX_FILE ((size_t)256 << 20)

typedef struct speed_article {
  char *title; /* NULL when none */
  char *text;
  size_t len;
  char *dct; /* published date, NULL when none */
} speed_article;

static int cmp_double(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

static double now_seconds(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *dup_or_null(const char *s) {
  if (!s)
    return NULL;
  size_t n = strlen(s);
  char *d = malloc(n + 1);
  if (d)
    memcpy(d, s, n + 1);
  return d;
}

static void article_free(speed_article *a) {
  free(a->title);
  free(a->text);
  free(a->dct);
}

/* Appends article [title, text) to arts, or to its last article when that
 * one is still shorter than join bytes. Takes text (malloc'd). */
static int add_article(cw_vec *arts, const char *title, char *text, size_t len,
                       const char *dct, size_t join) {
  speed_article *last =
      arts->len ? &CW_VEC_AT(arts, speed_article, arts->len - 1) : NULL;
  if (join && last && last->len < join) {
    char *t = realloc(last->text, last->len + 2 + len + 1);
    if (!t) {
      free(text);
      return -1;
    }
    memcpy(t + last->len, "\n\n", 2);
    memcpy(t + last->len + 2, text, len + 1);
    last->text = t;
    last->len += 2 + len;
    free(text);
    return 0;
  }
  speed_article *a = cw_vec_push(arts);
  if (!a) {
    free(text);
    return -1;
  }
  memset(a, 0, sizeof *a);
  a->text = text;
  a->len = len;
  a->title = dup_or_null(title);
  a->dct = dup_or_null(dct);
  return (title && !a->title) || (dct && !a->dct) ? -1 : 0;
}

static int read_jsonl(const char *path, cw_vec *arts, size_t join) {
  cw_buf b;
  cw_buf_init(&b, SPEED_MAX_FILE);
  if (cw_read_file(path, SPEED_MAX_FILE, &b, NULL) != CW_OK) {
    cw_buf_free(&b);
    return -1;
  }
  int rc = 0;
  const char *p = b.ptr, *end = b.ptr + b.len;
  while (p < end && !rc) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    if (le > p) {
      json_error_t err;
      json_t *o = json_loadb(p, (size_t)(le - p), 0, &err);
      const char *text = json_string_value(json_object_get(o, "text"));
      if (!o || !text) {
        fprintf(stderr, "cw-analyze-speed: %s: bad line\n", path);
        rc = -1;
      } else {
        size_t len = json_string_length(json_object_get(o, "text"));
        char *t = malloc(len + 1);
        if (!t) {
          rc = -1;
        } else {
          memcpy(t, text, len);
          t[len] = '\0';
          len = strlen(t); /* the CLI sees texts as C strings */
          rc = add_article(
              arts, json_string_value(json_object_get(o, "title")), t, len,
              json_string_value(json_object_get(o, "published")), join);
        }
      }
      json_decref(o);
    }
    p = le + 1;
  }
  cw_buf_free(&b);
  return rc;
}

static int read_plain(const char *path, cw_vec *arts, size_t join) {
  cw_buf b;
  cw_buf_init(&b, SPEED_MAX_FILE);
  if (cw_read_file(path, SPEED_MAX_FILE, &b, NULL) != CW_OK) {
    cw_buf_free(&b);
    return -1;
  }
  char *t = malloc(b.len + 1);
  if (!t) {
    cw_buf_free(&b);
    return -1;
  }
  memcpy(t, b.ptr, b.len);
  t[b.len] = '\0';
  cw_buf_free(&b);
  return add_article(arts, NULL, t, strlen(t), NULL, join);
}

int main(int argc, char **argv) {
  const char *dct = NULL;
  long reps = 1;
  size_t join = 0;
  int shallow = 0, rc = 1, nfiles = 0;
  cw_vec arts;
  cw_vec_init(&arts, sizeof(speed_article));
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--dct") && i + 1 < argc) {
      dct = argv[++i];
    } else if (!strcmp(argv[i], "--reps") && i + 1 < argc) {
      reps = strtol(argv[++i], NULL, 10);
    } else if (!strcmp(argv[i], "--join") && i + 1 < argc) {
      join = (size_t)strtoul(argv[++i], NULL, 10);
    } else if (!strcmp(argv[i], "--shallow")) {
      shallow = 1;
    } else {
      size_t n = strlen(argv[i]);
      int jsonl = n > 6 && !strcmp(argv[i] + n - 6, ".jsonl");
      nfiles++;
      if ((jsonl ? read_jsonl(argv[i], &arts, join)
                 : read_plain(argv[i], &arts, join))) {
        fprintf(stderr, "cw-analyze-speed: %s: cannot read\n", argv[i]);
        goto fail;
      }
    }
  }
  if (!nfiles || !arts.len || reps < 1) {
    fprintf(stderr, "usage: cw-analyze-speed [--reps N] [--dct DATE] "
                    "[--join BYTES] [--shallow] FILE...\n");
    goto fail;
  }
  size_t bytes = 0, entities = 0, times = 0, quotes = 0, facts = 0;
  for (size_t i = 0; i < arts.len; i++)
    bytes += CW_VEC_AT(&arts, speed_article, i).len;
  /* one analysis before the clocks start: the tagger's model loads once */
  cw_analysis *warm;
  const speed_article *first = &CW_VEC_AT(&arts, speed_article, 0);
  if (cw_analyze(first->title, first->text, first->len, &warm)) {
    fprintf(stderr, "cw-analyze-speed: out of memory\n");
    goto fail;
  }
  cw_analysis_free(warm);
  /* each pass's CPU time: on a shared host other jobs only ever add
   * time, so the fastest pass is the closest to the analysis alone */
  double *pass = malloc((size_t)reps * sizeof *pass);
  if (!pass) {
    fprintf(stderr, "cw-analyze-speed: out of memory\n");
    goto fail;
  }
  double start = now_seconds(CLOCK_MONOTONIC);
  double cpu_start = now_seconds(CLOCK_PROCESS_CPUTIME_ID);
  for (long r = 0; r < reps; r++) {
    double pass_start = now_seconds(CLOCK_PROCESS_CPUTIME_ID);
    for (size_t i = 0; i < arts.len; i++) {
      const speed_article *a = &CW_VEC_AT(&arts, speed_article, i);
      cw_analysis *an;
      if (cw_analyze(a->title, a->text, a->len, &an) ||
          (!shallow &&
           cw_analyze_deep(an, a->text, a->len, dct ? dct : a->dct))) {
        fprintf(stderr, "cw-analyze-speed: out of memory\n");
        free(pass);
        goto fail;
      }
      if (r == 0) {
        entities += an->n_entities;
        times += an->n_times;
        quotes += an->n_quotes;
        facts += an->n_facts;
      }
      cw_analysis_free(an);
    }
    pass[r] = now_seconds(CLOCK_PROCESS_CPUTIME_ID) - pass_start;
  }
  double cpu = now_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
  double secs = now_seconds(CLOCK_MONOTONIC) - start;
  double n = (double)arts.len * (double)reps;
  double mb = (double)bytes * (double)reps / 1e6;
  printf("articles %zu (mean %.0f bytes), reps %ld; per pass: entities %zu, "
         "times %zu, quotes %zu, facts %zu\n",
         arts.len, (double)bytes / (double)arts.len, reps, entities, times,
         quotes, facts);
  printf("cpu %.3f s: %.0f articles/s, %.2f MB/s (= %.0f articles of 5 KB/s)"
         "; wall %.3f s: %.0f articles/s, %.2f MB/s\n",
         cpu, n / cpu, mb / cpu, mb / cpu * 1e6 / 5000.0, secs, n / secs,
         mb / secs);
  qsort(pass, (size_t)reps, sizeof *pass, cmp_double);
  double fast = pass[0], mid = pass[reps / 2];
  double pmb = (double)bytes / 1e6;
  printf("passes of cpu: fastest %.3f s: %.0f articles/s (= %.0f articles "
         "of 5 KB/s); median %.3f s: %.0f articles/s (= %.0f of 5 KB/s)\n",
         fast, (double)arts.len / fast, pmb / fast * 1e6 / 5000.0, mid,
         (double)arts.len / mid, pmb / mid * 1e6 / 5000.0);
  free(pass);
  rc = 0;
fail:
  for (size_t i = 0; i < arts.len; i++)
    article_free(&CW_VEC_AT(&arts, speed_article, i));
  cw_vec_free(&arts);
  return rc;
}
