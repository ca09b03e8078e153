/* fuzz_times.c - libFuzzer harness for time expressions (times.c).
 *
 * The first byte picks the document creation time (none, a date, a full
 * time, a leap day, a year boundary), so relative expressions are resolved
 * against each kind; the rest is decoded as crosswire decodes a file and
 * searched with cw_times_find(). Every span must lie inside the text and
 * the expressions must come in text order without overlapping, as times.h
 * promises; a broken promise aborts.
 */
#include "analyze/times.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const dcts[] = {NULL,
                                   "2025-06-06",
                                   "2025-06-06T14:05:00Z",
                                   "2024-02-29",
                                   "1999-12-31T23:59:59+05:30",
                                   "2026-01-01"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > CW_FUZZ_MAX_INPUT)
    return 0;
  const char *dct = dcts[data[0] % (sizeof dcts / sizeof dcts[0])];
  cw_document doc;
  if (cw_document_decode((const char *)data + 1, size - 1, "fuzz.txt", &doc,
                         NULL) != CW_OK)
    return 0;
  cw_arena *arena = cw_arena_new();
  cw_timex *tx = NULL;
  size_t n = 0;
  if (arena && cw_times_find(doc.text, doc.len, dct, arena, &tx, &n) == CW_OK) {
    size_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
      if (tx[i].start > tx[i].end || tx[i].end > doc.len ||
          tx[i].start < prev_end || !tx[i].value)
        abort();
      prev_end = tx[i].end;
      (void)strlen(cw_timex_type_name(tx[i].type));
    }
  }
  cw_arena_free(arena);
  cw_document_free(&doc);
  return 0;
}
