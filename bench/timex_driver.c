/* timex_driver.c - cw-timex [--dct DATE] [FILE]: runs cw_times_find over
 * one text (FILE or stdin) and prints one JSON line per expression,
 * {"start":N,"end":N,"type":"DATE","value":"2025-06-05"}, byte offsets
 * into the text. bench/eval-time drives it over TimeML documents.
 */
#include "analyze/times.h"
#include "core/core.h"

#include <stdio.h>
#include <string.h>

/* Largest text we read: the evaluation documents are a few KiB. */
#define DRIVER_MAX_TEXT ((size_t)64 << 20)

static void put_json_string(const char *s) {
  putchar('"');
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\')
      printf("\\%c", ch);
    else if (ch < 0x20)
      printf("\\u%04x", ch);
    else
      putchar(ch);
  }
  putchar('"');
}

int main(int argc, char **argv) {
  const char *dct = NULL, *path = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--dct") && i + 1 < argc)
      dct = argv[++i];
    else
      path = argv[i];
  }
  cw_buf b;
  cw_buf_init(&b, DRIVER_MAX_TEXT);
  if (path) {
    if (cw_read_file(path, DRIVER_MAX_TEXT, &b, NULL) != CW_OK) {
      fprintf(stderr, "cw-timex: %s: cannot read\n", path);
      return 1;
    }
  } else {
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, stdin)) > 0)
      cw_buf_append(&b, chunk, got);
    if (b.err != CW_OK) {
      fprintf(stderr, "cw-timex: stdin: too big\n");
      return 1;
    }
  }
  cw_arena *arena = cw_arena_new();
  cw_timex *t;
  size_t n;
  if (!arena || cw_times_find(b.ptr, b.len, dct, arena, &t, &n) != CW_OK) {
    fprintf(stderr, "cw-timex: out of memory\n");
    return 1;
  }
  for (size_t i = 0; i < n; i++) {
    printf("{\"start\":%zu,\"end\":%zu,\"type\":\"%s\",\"value\":", t[i].start,
           t[i].end, cw_timex_type_name(t[i].type));
    put_json_string(t[i].value);
    printf("}\n");
  }
  cw_arena_free(arena);
  cw_buf_free(&b);
  return 0;
}
