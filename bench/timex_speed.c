/* timex_speed.c - cw-timex-speed [--reps N] [--dct DATE] FILE...: times
 * cw_times_find over the texts of FILE... (each a plain text), run N
 * times over all of them in one process, and prints the throughput in
 * MB/s (of CPU time, and of wall time, which a loaded machine inflates)
 * and the number of expressions found per pass. The texts are read
 * before the clocks start, so only the analysis is timed; use it to check
 * that the time-expression analyser keeps up with ingest (2,000 articles
 * of 5 KB per second on one core).
 *
 *   build/bench/cw-timex-speed --reps 20 --dct 1998-03-01 a.txt b.txt
 */
#include "analyze/times.h"
#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Largest text file read: news articles are a few KiB. */
#define SPEED_MAX_TEXT ((size_t)64 << 20)

static double now_seconds(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  const char *dct = NULL;
  long reps = 10;
  int nfiles = 0, rc = 1;
  cw_buf *texts = calloc((size_t)argc, sizeof *texts);
  if (!texts) {
    fprintf(stderr, "cw-timex-speed: out of memory\n");
    return 1;
  }
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--dct") && i + 1 < argc) {
      dct = argv[++i];
    } else if (!strcmp(argv[i], "--reps") && i + 1 < argc) {
      reps = strtol(argv[++i], NULL, 10);
    } else {
      cw_buf *b = &texts[nfiles++];
      cw_buf_init(b, SPEED_MAX_TEXT);
      if (cw_read_file(argv[i], SPEED_MAX_TEXT, b, NULL) != CW_OK) {
        fprintf(stderr, "cw-timex-speed: %s: cannot read\n", argv[i]);
        goto fail;
      }
    }
  }
  if (!nfiles || reps < 1) {
    fprintf(stderr, "usage: cw-timex-speed [--reps N] [--dct DATE] FILE...\n");
    goto fail;
  }
  size_t bytes = 0, found = 0;
  for (int f = 0; f < nfiles; f++)
    bytes += texts[f].len;
  double start = now_seconds(CLOCK_MONOTONIC);
  double cpu_start = now_seconds(CLOCK_PROCESS_CPUTIME_ID);
  for (long r = 0; r < reps; r++) {
    for (int f = 0; f < nfiles; f++) {
      cw_arena *arena = cw_arena_new();
      cw_timex *t;
      size_t n;
      if (!arena || cw_times_find(texts[f].ptr, texts[f].len, dct, arena, &t,
                                  &n) != CW_OK) {
        fprintf(stderr, "cw-timex-speed: out of memory\n");
        cw_arena_free(arena);
        goto fail;
      }
      if (r == 0)
        found += n;
      cw_arena_free(arena);
    }
  }
  double cpu = now_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
  double secs = now_seconds(CLOCK_MONOTONIC) - start;
  double mb = (double)bytes * (double)reps / 1e6;
  printf("files %d, bytes %zu, reps %ld, expressions %zu: cpu %.3f s, "
         "%.1f MB/s; wall %.3f s, %.1f MB/s\n",
         nfiles, bytes, reps, found, cpu, mb / cpu, secs, mb / secs);
  rc = 0;
fail:
  for (int f = 0; f < nfiles; f++)
    cw_buf_free(&texts[f]);
  free(texts);
  return rc;
}
