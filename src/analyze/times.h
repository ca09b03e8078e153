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

/* Bits of cw_timex.flags: which fields of a DATE or TIME value the text
 * states, rather than the article's date (DCT) or a word. Only a field
 * the text states tells two events apart: every report of a week shares
 * the DCT's year, and "on Monday" names a day of the DCT's week.
 *
 * CW_TIMEX_YEAR_WRITTEN: the value's year (or its decade or century) is
 * the text's: written in the expression, in digits ("June 5, 2013",
 * "2013", "fiscal 1989", "6/5/2013", "2031-03-10", "the 1990s", "summer
 * 2013", "Christmas 2031"), as two digits the century is guessed for
 * ("June '98", "6/5/98") or in words ("nineteen ninety-four", "the year
 * two thousand", "the nineties"); or counted from such a date of the text
 * ("two years later" after "in 2013" is 2015, "the next day" after "March
 * 10, 2013", "that year", "a year earlier" after "the third quarter of
 * 2013", a clock time on that day). Not set when the year is the DCT's or
 * counted from it ("June 5", "on Monday", "yesterday", "last week", "this
 * year", "June last year", "on Christmas", "two years ago", a clock time
 * alone), counted from a date of the text whose year was not written
 * ("the next day" after "June 5"), or unknown ("XXXX-06-05" without a
 * DCT).
 *
 * CW_TIMEX_DAY_WRITTEN: the value's day of the month is written as a
 * number in the expression itself ("March 10", "10 March", "Friday,
 * March 10", "3/10/2031", "2031-03-10", the "25" of "April 24 and 25",
 * "5 p.m. March 10"). Not set for a day named by a weekday or a word
 * ("on Monday", "yesterday", "today"), counted from another date, even a
 * written one ("the next day" and "that day" after "March 10", "two days
 * later"), a holiday ("on Christmas", "Christmas Day", "Easter"), or a
 * clock time whose day is not in its own span ("at 5 p.m." on the day
 * under discussion: its number is the hour, not the day). An ordinal day
 * alone ("the 10th") is no expression.
 *
 * DURATION and SET values and the references ("PRESENT_REF", "PAST_REF")
 * have neither. A cw_timex made by hand and zeroed has neither: its
 * fields count as not written. */
#define CW_TIMEX_YEAR_WRITTEN 1u
#define CW_TIMEX_DAY_WRITTEN 2u

typedef struct cw_timex {
  size_t start, end;  /* the expression's bytes in the text */
  cw_timex_type type;
  const char *value;  /* TimeML value ("2025-06-05", "2025-W22", "P3Y",
                         "PRESENT_REF", "XXXX-06-05" when no DCT...), in
                         the arena */
  unsigned flags;     /* CW_TIMEX_YEAR_WRITTEN, CW_TIMEX_DAY_WRITTEN */
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
