/* extract_speed.c - cw-extract-speed [--rounds N] [--each]
 * [--only parse|extract] FILE...: the cost of HTML extraction against
 * libxml2's bare parse of the same pages.
 *
 * Each file is read and decoded once (src/ingest, as `crosswire extract`
 * does); then, round after round, every decoded page is parsed with
 * htmlReadMemory (the options the extractor uses) and freed, and extracted
 * with cw_extract_html, the two taking turns at going first (the first
 * brings the page into the CPU's caches: measured, going first costs the
 * extraction about 5% and the parse about 10% of its time). Prints the
 * seconds of each and the ratio extraction / parse, the figure the issue
 * bounds at 1.3. The ratio compares the whole extraction with libxml2
 * parsing the whole page; the extractor hands libxml2 less (the text of
 * scripts and styles and the attributes it never reads are cut out
 * first, cw_html_cut), and the share cut is printed too. Pages that are
 * not HTML are skipped.
 *
 * With --each, each page's seconds and ratio too (path first,
 * tab-separated: the pages that cost most stand out when sorted). --only
 * parse or --only extract times one side alone, so that a profiler sees
 * it by itself. bench/eval-extract --speed drives it over the evaluation
 * pages (gzip'd ones are unpacked there). Times are CPU time of the
 * process, so a busy machine does not skew the ratio.
 */
#include "extract/extract.h"
#include "extract/html_int.h"
#include "ingest/ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Largest page read: the evaluation pages are well under this. */
#define SPEED_MAX_PAGE ((size_t)64 << 20)

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  int rounds = 1, each = 0;
  /* --only parse|extract: time one side alone, for a profiler */
  int do_parse = 1, do_extract = 1;
  cw_vec pages; /* cw_document */
  cw_vec_init(&pages, sizeof(cw_document));
  /* the path of each page, for --each */
  const char **names = calloc((size_t)argc, sizeof *names);
  size_t bytes = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
      rounds = (int)strtol(argv[++i], NULL, 10);
      if (rounds < 1)
        rounds = 1;
      continue;
    }
    if (!strcmp(argv[i], "--only") && i + 1 < argc) {
      i++;
      do_parse = !strcmp(argv[i], "parse");
      do_extract = !strcmp(argv[i], "extract");
      continue;
    }
    if (!strcmp(argv[i], "--each")) {
      each = 1;
      continue;
    }
    cw_buf b;
    cw_buf_init(&b, SPEED_MAX_PAGE);
    if (cw_read_file(argv[i], SPEED_MAX_PAGE, &b, NULL) != CW_OK) {
      fprintf(stderr, "cw-extract-speed: %s: cannot read\n", argv[i]);
      cw_buf_free(&b);
      continue;
    }
    cw_document doc;
    if (cw_document_decode(b.ptr, b.len, argv[i], &doc, NULL) == CW_OK) {
      cw_document *slot;
      if (doc.format == CW_FORMAT_HTML && (slot = cw_vec_push(&pages))) {
        *slot = doc;
        if (names)
          names[pages.len - 1] = argv[i];
        bytes += doc.len;
      } else {
        cw_document_free(&doc);
      }
    }
    cw_buf_free(&b);
  }
  if (!pages.len) {
    fprintf(stderr,
            "usage: cw-extract-speed [--rounds N] [--each] "
            "[--only parse|extract] FILE.html...\n");
    free(names);
    return 2;
  }
  double parse = 0, extract = 0;
  size_t failed = 0;
  double *page_parse = calloc(pages.len, sizeof *page_parse);
  double *page_extract = calloc(pages.len, sizeof *page_extract);
  if (!page_parse || !page_extract || !names)
    each = 0;
  for (int r = 0; r < rounds; r++) {
    for (size_t i = 0; i < pages.len; i++) {
      cw_document *d = &CW_VEC_AT(&pages, cw_document, i);
      /* Whichever runs first reads the page into the CPU's caches and
       * pays for it: the two take turns at going first. */
      int parse_first = (i + (size_t)r) % 2 == 0;
      double tp = 0, te = 0;
      for (int k = 0; k < 2; k++) {
        double t0 = now();
        if (k == !parse_first) {
          if (!do_parse)
            continue;
          htmlDocPtr doc = htmlReadMemory(d->text, (int)d->len, "page",
                                          "UTF-8", CW_HTML_PARSE_OPTS);
          xmlFreeDoc(doc);
          tp = now() - t0;
        } else {
          if (!do_extract)
            continue;
          cw_articles *list = cw_articles_new();
          cw_extract_ctx ctx = {"page", NULL};
          if (list &&
              cw_extract_html(d->text, d->len, &ctx, list, NULL) != CW_OK)
            failed += r == 0;
          cw_articles_free(list);
          te = now() - t0;
        }
      }
      parse += tp;
      extract += te;
      if (each) {
        page_parse[i] += tp;
        page_extract[i] += te;
      }
    }
  }
  for (size_t i = 0; each && i < pages.len; i++) {
    printf("%s\t%.6f\t%.6f\t%.2f\n", names[i], page_parse[i],
           page_extract[i],
           page_parse[i] > 0 ? page_extract[i] / page_parse[i] : 0);
  }
  free(page_parse);
  free(page_extract);
  free(names);
  /* what the extractor hands libxml2: the pages without the text of
   * their scripts and styles and the attributes it never reads
   * (cw_html_cut) */
  size_t cut = 0;
  for (size_t i = 0; i < pages.len; i++) {
    cw_document *d = &CW_VEC_AT(&pages, cw_document, i);
    size_t n = 0;
    char *c = cw_html_cut(d->text, d->len, &n);
    if (c)
      cut += d->len - n;
    free(c);
  }
  printf("pages %zu, %.1f MB, rounds %d, no text %zu\n", pages.len,
         (double)bytes / 1e6, rounds, failed);
  printf("script and style text and attributes not read, left out before "
         "parsing: %.1f MB (%.1f%%)\n",
         (double)cut / 1e6, bytes ? 100.0 * (double)cut / (double)bytes : 0);
  printf("libxml2 parse %.3f s, extraction %.3f s, ratio %.2f\n", parse,
         extract, parse > 0 ? extract / parse : 0);
  if (extract > 0)
    printf("extraction: %.0f pages/s, %.1f MB/s of CPU on one core\n",
           (double)pages.len * rounds / extract,
           (double)bytes * rounds / 1e6 / extract);
  for (size_t i = 0; i < pages.len; i++)
    cw_document_free(&CW_VEC_AT(&pages, cw_document, i));
  cw_vec_free(&pages);
  return 0;
}
