/* quotes_driver.c - reads one article's text (stdin, or the file named as
 * the first argument), runs cw_analyze and cw_quotes_find, and prints one
 * JSON object per quote:
 *   {"start":..,"end":..,"kind":"direct","speaker_start":..,
 *    "speaker_end":..,"speaker":"..","cue":"..","channel":".."}
 * Offsets are bytes into the text. Used by bench/eval-quotes.
 */
#include "analyze/analyze.h"
#include "analyze/quotes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Articles longer than this are refused: the evaluation data is news. */
#define DRIVER_MAX_BYTES ((size_t)16 << 20)

static void put_json_string(const char *s) {
  if (!s) {
    fputs("null", stdout);
    return;
  }
  putchar('"');
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\')
      printf("\\%c", ch);
    else if (ch == '\n')
      fputs("\\n", stdout);
    else if (ch < 0x20)
      printf("\\u%04x", ch);
    else
      putchar(ch);
  }
  putchar('"');
}

int main(int argc, char **argv) {
  cw_buf b;
  cw_buf_init(&b, DRIVER_MAX_BYTES);
  if (argc > 1) {
    cw_error err;
    memset(&err, 0, sizeof err);
    if (cw_read_file(argv[1], DRIVER_MAX_BYTES, &b, &err) != CW_OK) {
      fprintf(stderr, "cw-quotes: %s: cannot read\n", argv[1]);
      return 1;
    }
  } else {
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
      cw_buf_append(&b, chunk, n);
    if (b.err) {
      fputs("cw-quotes: stdin: too big\n", stderr);
      return 1;
    }
  }
  cw_analysis *an = NULL;
  if (cw_analyze(NULL, b.ptr, b.len, &an) != CW_OK) {
    fputs("cw-quotes: analysis failed\n", stderr);
    return 1;
  }
  cw_quote *q = NULL;
  size_t n = 0;
  if (cw_quotes_find(b.ptr, b.len, an, &q, &n) != CW_OK) {
    fputs("cw-quotes: quotes failed\n", stderr);
    return 1;
  }
  for (size_t i = 0; i < n; i++) {
    printf("{\"start\":%zu,\"end\":%zu,\"kind\":\"%s\",\"speaker_start\":%zu,"
           "\"speaker_end\":%zu,\"speaker_entity\":%ld,\"speaker\":",
           q[i].start, q[i].end, cw_quote_kind_name(q[i].kind),
           q[i].speaker_start, q[i].speaker_end, q[i].speaker_entity);
    put_json_string(q[i].speaker);
    fputs(",\"cue\":", stdout);
    put_json_string(q[i].cue);
    fputs(",\"channel\":", stdout);
    put_json_string(q[i].channel);
    fputs("}\n", stdout);
  }
  cw_analysis_free(an);
  cw_buf_free(&b);
  return 0;
}
