/* times.h - time expressions in news text, normalised to TimeML values
 * against the article's date (the document creation time, DCT).
 *
 * "on June 5" -> DATE 2025-06-05; "on Friday" -> the Friday of the DCT's
 * week (before the DCT when the sentence is in the past tense); "last
 * week" -> 2025-W22; "two days later" -> anchored on the previous date
 * found in the text; "4:25 PM IST" -> TIME; "three years" -> DURATION P3Y;
 * "every week" -> SET P1W; "39 minutes ago" -> TIME.
 *
 * Spans follow TimeBank: leading prepositions stay outside ("on June 5"
 * gives "June 5"), determiners and modifiers inside ("the third quarter",
 * "early 2024", "three days ago"). Values are TimeML: "2025-W22", "199"
 * (the 1990s), "2025-SU", "2025-Q1", "PRESENT_REF", "P3Y", "PXW".
 * bench/eval-time scores them against TimeML gold.
 */
#ifndef CW_TIMES_H
#define CW_TIMES_H

#include "core/core.h"

typedef enum cw_timex_type {
  CW_TIMEX_DATE = 0,
  CW_TIMEX_TIME,
  CW_TIMEX_DURATION,
  CW_TIMEX_SET
} cw_timex_type;

typedef struct cw_timex {
  size_t start, end;  /* the expression's bytes in the text */
  cw_timex_type type;
  const char *value;  /* TimeML value ("2025-06-05", "2025-W22", "P3Y",
                         "PRESENT_REF", "XXXX-06-05" when no DCT...), in
                         the arena */
} cw_timex;

/* Finds the time expressions of [text, text + len) in text order, not
 * overlapping. dct is the article's date ("YYYY-MM-DD" or a full ISO 8601
 * time), or NULL when unknown: relative expressions then get values with
 * X placeholders or are left unresolved, never invented. Everything is
 * allocated in arena. Returns CW_OK or CW_ERR_NOMEM. Linear in len;
 * thread safe. */
cw_status cw_times_find(const char *text, size_t len, const char *dct,
                        cw_arena *arena, cw_timex **out, size_t *n);

struct cw_analysis;
/* cw_times_find() over the text cw_analyze() read into a (its tokens and
 * words, kept for the deep pass): the same expressions, found faster (the
 * words a has already split and folded are not read again). Without
 * them (a NULL, an analysis made by hand or of another text) it is
 * cw_times_find(). */
cw_status cw_times_find_an(const char *text, size_t len, const char *dct,
                           const struct cw_analysis *a, cw_arena *arena,
                           cw_timex **out, size_t *n);

/* "DATE", "TIME", "DURATION", "SET". */
const char *cw_timex_type_name(cw_timex_type type);

#endif
