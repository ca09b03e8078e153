/* test_times.c - time expressions and their TimeML values: absolute and
 * relative dates, weekdays by tense, anchored "two days later", clock
 * times, durations, sets, no DCT (X placeholders), hostile input. The
 * sentences are invented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyze/analyze.h"
#include "analyze/times.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* 2025-06-05 is a Thursday, in ISO week 23. */
#define DCT "2025-06-05"

typedef struct found {
  cw_arena *arena;
  cw_timex *t;
  size_t n;
  const char *text;
} found;

static found run(const char *text, const char *dct) {
  found f;
  f.arena = cw_arena_new();
  f.text = text;
  assert_non_null(f.arena);
  assert_int_equal(cw_times_find(text, strlen(text), dct, f.arena, &f.t, &f.n),
                   CW_OK);
  return f;
}

/* Asserts that the expression covering exactly `span` (its first
 * occurrence in the text) was found with this type and value. */
static void expect(const found *f, const char *span, const char *type,
                   const char *value) {
  const char *at = strstr(f->text, span);
  assert_non_null(at);
  size_t start = (size_t)(at - f->text), end = start + strlen(span);
  for (size_t i = 0; i < f->n; i++) {
    if (f->t[i].start == start && f->t[i].end == end) {
      if (strcmp(cw_timex_type_name(f->t[i].type), type) ||
          strcmp(f->t[i].value, value))
        fail_msg("'%s': got %s %s, want %s %s", span,
                 cw_timex_type_name(f->t[i].type), f->t[i].value, type, value);
      return;
    }
  }
  for (size_t i = 0; i < f->n; i++)
    print_message("  found '%.*s' %s %s\n", (int)(f->t[i].end - f->t[i].start),
                  f->text + f->t[i].start, cw_timex_type_name(f->t[i].type),
                  f->t[i].value);
  fail_msg("'%s' not found as a time expression", span);
}

/* Asserts that no expression overlaps `span`. */
static void expect_none(const found *f, const char *span) {
  const char *at = strstr(f->text, span);
  assert_non_null(at);
  size_t start = (size_t)(at - f->text), end = start + strlen(span);
  for (size_t i = 0; i < f->n; i++)
    if (f->t[i].start < end && start < f->t[i].end)
      fail_msg("'%s' overlaps '%.*s'", span, (int)(f->t[i].end - f->t[i].start),
               f->text + f->t[i].start);
}

static void done(found *f) { cw_arena_free(f->arena); }

/* Every byte the tokenizer takes for a blank (space, tab, CR, LF, FF, VT)
 * separates words as a space does, and no other control byte does: the
 * same text with each blank gives the expressions of the spaced one, at
 * the same offsets; with 0x01 or 0x1F for the blanks, "June" and "5"
 * are not one date. */
static void blank_bytes_separate_words(void **state) {
  (void)state;
  const char *spaced = "The board met on June 5 2024 and again three days "
                       "later at 4:30 p.m. on Friday.";
  found ref = run(spaced, DCT);
  assert_true(ref.n >= 3);
  const char blanks[] = {'\t', '\r', '\f', '\v', '\n'};
  for (size_t b = 0; b < sizeof blanks; b++) {
    char text[128];
    strcpy(text, spaced);
    for (char *q = text; *q; q++)
      if (*q == ' ' && q[1] != 'o') /* "on": keep some spaces */
        *q = blanks[b];
    found f = run(text, DCT);
    /* a newline can end a sentence (two in a row do); one does not */
    assert_int_equal(f.n, ref.n);
    for (size_t k = 0; k < f.n; k++) {
      assert_int_equal(f.t[k].start, ref.t[k].start);
      assert_int_equal(f.t[k].end, ref.t[k].end);
      assert_string_equal(f.t[k].value, ref.t[k].value);
    }
    done(&f);
  }
  const char others[] = {0x01, 0x1F};
  for (size_t b = 0; b < sizeof others; b++) {
    char text[] = "The board met on June 5 2024.";
    char *sp = strstr(text, "June ") + 4;
    *sp = others[b];
    found f = run(text, DCT);
    for (size_t k = 0; k < f.n; k++)
      assert_false(strcmp(f.t[k].value, "2024-06-05") == 0);
    done(&f);
  }
  done(&ref);
}

static void absolute_dates(void **state) {
  (void)state;
  found f = run("The Lakeview ferry resumed on June 5 after repairs.", DCT);
  expect(&f, "June 5", "DATE", "2025-06-05");
  expect_none(&f, "on ");
  done(&f);
  f = run("Talks opened 5 June 2025 in Harwick. The Orlen Prize was awarded "
          "June 4, 2025. Jun. 3 was the deadline. The filing is dated "
          "2025-06-02 and the permit 06/01/2024. The vote took place in May. "
          "Sales fell in March 2025 and in 2023. Rents rose in the 1990s "
          "and again in mid-June. Output recovered in early 2024.",
          DCT);
  expect(&f, "5 June 2025", "DATE", "2025-06-05");
  expect(&f, "June 4, 2025", "DATE", "2025-06-04");
  expect(&f, "Jun. 3", "DATE", "2025-06-03");
  expect(&f, "2025-06-02", "DATE", "2025-06-02");
  expect(&f, "06/01/2024", "DATE", "2024-06-01");
  expect(&f, "May", "DATE", "2025-05");
  expect(&f, "March 2025", "DATE", "2025-03");
  expect(&f, "2023", "DATE", "2023");
  expect(&f, "the 1990s", "DATE", "199");
  expect(&f, "mid-June", "DATE", "2025-06");
  expect(&f, "early 2024", "DATE", "2024");
  done(&f);
}

static void seasons_quarters(void **state) {
  (void)state;
  found f = run("Profit in the first quarter of 2025 doubled, and the plant "
                "will reopen this summer. Output fell in the winter of 2023.",
                DCT);
  expect(&f, "the first quarter of 2025", "DATE", "2025-Q1");
  expect(&f, "this summer", "DATE", "2025-SU");
  expect(&f, "the winter of 2023", "DATE", "2023-WI");
  done(&f);
}

static void weekdays_follow_tense(void **state) {
  (void)state;
  /* DCT Thursday 2025-06-05: the Monday before, the Monday after */
  found f = run("The Harwick council said on Monday it had approved the "
                "budget.",
                DCT);
  expect(&f, "Monday", "DATE", "2025-06-02");
  done(&f);
  f = run("The Harwick council will vote on Monday.", DCT);
  expect(&f, "Monday", "DATE", "2025-06-09");
  done(&f);
  f = run("The strike ended last Friday and resumes next Tuesday.", DCT);
  expect(&f, "last Friday", "DATE", "2025-05-30");
  expect(&f, "next Tuesday", "DATE", "2025-06-10");
  done(&f);
}

/* The tense of a word is worked out when an expression first asks for
 * it (TX_TENSE_WINDOW tokens either side, the nearest cue winning): a
 * cue within the window sets the weekday's side, one beyond it does not,
 * and each expression of a sentence finds its own nearest cue. */
static void tense_window(void **state) {
  (void)state;
  found f = run("The board will meet on Monday.", DCT);
  expect(&f, "Monday", "DATE", "2025-06-09");
  done(&f);
  /* "will" 42 tokens before "Monday": out of reach, so no future */
  f = run("The board will meet the long and careful review of many budget "
          "plans put forward by members of the finance committee and by "
          "residents of the old harbour town in the north of the region "
          "near the coast and the hills on Monday.",
          DCT);
  expect(&f, "Monday", "DATE", "2025-06-02");
  done(&f);
  f = run("Talks ended on Monday, and the board will meet again on Friday.",
          DCT);
  expect(&f, "Monday", "DATE", "2025-06-02");
  expect(&f, "Friday", "DATE", "2025-06-06");
  done(&f);
}

static void day_words(void **state) {
  (void)state;
  found f = run("The mayor spoke today. Crews worked yesterday and return "
                "tomorrow. A vigil is planned tonight. Police said this "
                "morning that the fire started last night.",
                DCT);
  expect(&f, "today", "DATE", "2025-06-05");
  expect(&f, "yesterday", "DATE", "2025-06-04");
  expect(&f, "tomorrow", "DATE", "2025-06-06");
  expect(&f, "tonight", "TIME", "2025-06-05TNI");
  expect(&f, "this morning", "TIME", "2025-06-05TMO");
  expect(&f, "last night", "TIME", "2025-06-04TNI");
  done(&f);
}

static void relative_dates(void **state) {
  (void)state;
  found f = run("Prices rose last week and will fall next month. Sales were "
                "flat last year but grew earlier this year. The league meets "
                "this week. The bridge closed three days ago, the mill two "
                "weeks ago, and the port opens in three years.",
                DCT);
  expect(&f, "last week", "DATE", "2025-W22");
  expect(&f, "next month", "DATE", "2025-07");
  expect(&f, "last year", "DATE", "2024");
  expect(&f, "earlier this year", "DATE", "2025");
  expect(&f, "this week", "DATE", "2025-W23");
  expect(&f, "three days ago", "DATE", "2025-06-02");
  expect(&f, "two weeks ago", "DATE", "2025-W21");
  expect(&f, "three years", "DATE", "2028");
  done(&f);
}

static void anchored_on_previous_date(void **state) {
  (void)state;
  found f = run("The Tarn dam failed on March 3, 2024. Two days later, the "
                "valley was evacuated. The next day, rain stopped.",
                DCT);
  expect(&f, "March 3, 2024", "DATE", "2024-03-03");
  expect(&f, "Two days later", "DATE", "2024-03-05");
  expect(&f, "The next day", "DATE", "2024-03-06");
  done(&f);
  /* an anchor coarser than a day: the month is known, or nothing is */
  f = run("The Lorn plant closed in October 2024, and that same day the "
          "union met. In 2019, traders lost money that day.",
          DCT);
  expect(&f, "that same day", "DATE", "2024-10-XX");
  expect_none(&f, "that day");
  done(&f);
}

static void present_past_refs(void **state) {
  (void)state;
  found f = run("The mine is now closed. It currently employs no one and "
                "was recently sold.",
                DCT);
  expect(&f, "now", "DATE", "PRESENT_REF");
  expect(&f, "currently", "DATE", "PRESENT_REF");
  expect(&f, "recently", "DATE", "PAST_REF");
  done(&f);
}

static void clock_times(void **state) {
  (void)state;
  found f = run("The quake struck at 4:25 PM. A second shock came at 5:10 "
                "p.m. IST, a third at noon and a fourth near midnight. Shops "
                "open at 6 a.m. here.",
                DCT);
  expect(&f, "4:25 PM", "TIME", "2025-06-05T16:25");
  expect(&f, "5:10 p.m. IST", "TIME", "2025-06-05T17:10");
  expect(&f, "noon", "TIME", "2025-06-05T12:00");
  expect(&f, "midnight", "TIME", "2025-06-05T24:00");
  expect(&f, "6 a.m.", "TIME", "2025-06-05T06:00");
  done(&f);
}

static void minutes_ago(void **state) {
  (void)state;
  found f = run("The alert went out 39 minutes ago and the road closed an "
                "hour ago.",
                "2025-06-05T16:00:00Z");
  expect(&f, "39 minutes ago", "TIME", "2025-06-05T15:21");
  expect(&f, "an hour ago", "TIME", "2025-06-05T15:00");
  done(&f);
  /* without a time of day in the DCT: the DCT's date */
  f = run("The alert went out 39 minutes ago.", DCT);
  expect(&f, "39 minutes ago", "DATE", "2025-06-05");
  done(&f);
}

static void durations(void **state) {
  (void)state;
  found f = run("The siege lasted three years. Talks ran for two weeks, the "
                "vote took 48 hours, the rebuild a decade, and repairs "
                "several weeks.",
                DCT);
  expect(&f, "three years", "DURATION", "P3Y");
  expect(&f, "two weeks", "DURATION", "P2W");
  expect_none(&f, "for ");
  expect(&f, "48 hours", "DURATION", "PT48H");
  expect(&f, "a decade", "DURATION", "P10Y");
  expect(&f, "several weeks", "DURATION", "PXW");
  done(&f);
}

static void sets(void **state) {
  (void)state;
  found f = run("The ferry sails every week, the bus runs daily, the fair "
                "comes each year and the paper appears weekly.",
                DCT);
  expect(&f, "every week", "SET", "P1W");
  expect(&f, "daily", "SET", "P1D");
  expect(&f, "each year", "SET", "P1Y");
  expect(&f, "weekly", "SET", "P1W");
  done(&f);
}

static void no_dct_leaves_placeholders(void **state) {
  (void)state;
  found f = run("The fair opened June 5. Rain fell yesterday and last week. "
                "The board met on Friday.",
                NULL);
  expect(&f, "June 5", "DATE", "XXXX-06-05");
  expect(&f, "yesterday", "DATE", "XXXX-XX-XX");
  expect(&f, "last week", "DATE", "XXXX-WXX");
  expect(&f, "Friday", "DATE", "XXXX-WXX-5");
  done(&f);
  /* an explicit date still anchors "two days later" */
  f = run("The levee broke on June 5, 2019. Two days later the town "
          "flooded.",
          NULL);
  expect(&f, "June 5, 2019", "DATE", "2019-06-05");
  expect(&f, "Two days later", "DATE", "2019-06-07");
  done(&f);
}

/* Earnings news: "a year ago" is the reported quarter a year before; a
 * forecast quarter or one compared with does not change that; after "the
 * first nine months" the comparison is with last year. */
static void earnings_periods(void **state) {
  (void)state;
  /* DCT Tuesday 2025-10-28: the third quarter is over, the fourth not */
  const char *dct = "2025-10-28";
  found f = run("Orlen Mills said third-quarter profit rose to $4 million. "
                "It expects fourth-quarter sales to slow. After a flat "
                "second quarter, margins in the latest period widened from "
                "a year ago. The quarter-to-quarter gain was small.",
                dct);
  expect(&f, "third-quarter", "DATE", "2025-Q3");
  expect(&f, "fourth-quarter", "DATE", "2025-Q4");
  expect(&f, "second quarter", "DATE", "2025-Q2");
  expect(&f, "the latest period", "DATE", "2025-Q3");
  expect(&f, "a year ago", "DATE", "2024-Q3");
  expect_none(&f, "quarter-to-quarter");
  done(&f);
  f = run("Orlen Mills said third-quarter profit rose. In the first nine "
          "months, profit rose from a year earlier, and the year-earlier "
          "results included a charge.",
          dct);
  expect(&f, "the first nine months", "DURATION", "P9M");
  expect(&f, "a year earlier", "DATE", "2024");
  expect(&f, "the year-earlier results", "DATE", "2024");
  done(&f);
  f = run("Losses grew in the past two quarters and will last through the "
          "first two quarters of 2026. Dividends are paid every quarter and "
          "funds hold more than a quarter of the market. Sales in the "
          "latest fiscal year rose.",
          dct);
  expect(&f, "the past two quarters", "DURATION", "P2Q");
  expect(&f, "the first two quarters of 2026", "DATE", "2026-H1");
  expect(&f, "every quarter", "SET", "P1Q");
  expect_none(&f, "a quarter of the market");
  expect(&f, "the latest fiscal year", "DATE", "2024");
  done(&f);
  /* the quarter under discussion, not the one compared with */
  f = run("Brenmoor earned $2 million in the third quarter ended Sept. 30, "
          "up from a year earlier. During the quarter, it hired 40 people.",
          dct);
  expect(&f, "the third quarter", "DATE", "2025-Q3");
  expect(&f, "a year earlier", "DATE", "2024-Q3");
  expect(&f, "the quarter", "DATE", "2025-Q3");
  done(&f);
}

/* Cues that used to point weekdays the wrong way. */
/* "compared with ... last year" in earnings news is the quarter under
 * discussion a year before, like "a year ago"; "last year" elsewhere in
 * the same story, or "up from last year's" (which may compare years), is
 * the year. */
static void last_year_compared(void **state) {
  (void)state;
  found f = run("Kelton Mills earned $5 million in the third quarter, compared "
                "with a loss of $2 million last year. The mill, which last "
                "year hired 40 people, expects more orders.",
                "2025-11-02");
  expect(&f, "the third quarter", "DATE", "2025-Q3");
  expect(&f, "last year", "DATE", "2024-Q3");
  const char *second = strstr(f.text, "which last year") + strlen("which ");
  size_t at = (size_t)(second - f.text);
  int seen = 0;
  for (size_t i = 0; i < f.n; i++)
    if (f.t[i].start == at) {
      assert_string_equal(f.t[i].value, "2024");
      seen = 1;
    }
  assert_true(seen);
  done(&f);
}

/* The tense of a weekday's or month's clause: a cue before it counts
 * more than one after it, and past a comma another clause speaks ("the
 * operator said", "after figures released ...") only when nothing before
 * does; "will be paid" is a passive, not a past tense; past tenses without
 * "-ed" ("swept") count; "is due" looks ahead; no cue at all gives the day
 * of the DCT's week (DCT Thursday 2025-06-05). Months take the year the
 * tense points to. */
static void clause_tenses(void **state) {
  (void)state;
  found f = run("The ferry will leave the harbour at Larsund for the islands "
                "on Saturday, the operator said.",
                DCT);
  expect(&f, "Saturday", "DATE", "2025-06-07");
  done(&f);
  f = run("The ministry will publish the report from the inquiry into the "
          "collapse on Friday, after figures released last week showed "
          "losses.",
          DCT);
  expect(&f, "Friday", "DATE", "2025-06-06");
  done(&f);
  f = run("The dividend will be paid on Friday.", DCT);
  expect(&f, "Friday", "DATE", "2025-06-06");
  done(&f);
  f = run("A storm swept across Tarn on Sunday. Talks resume Friday. The "
          "report is due on Monday.",
          DCT);
  expect(&f, "Sunday", "DATE", "2025-06-01");
  expect(&f, "Friday", "DATE", "2025-06-06");
  expect(&f, "Monday", "DATE", "2025-06-09");
  done(&f);
  /* a month ahead with the future tense, even when further than the one
   * behind; "untouched" after it does not make the sentence past */
  f = run("Colonel Vay will be named commander for a flight in December.",
          "2025-03-04");
  expect(&f, "December", "DATE", "2025-12");
  done(&f);
  /* the past tense of an event verb keeps a month behind the DCT even
   * when the one ahead is nearer; "said" alone does not ("said the trial
   * begins in January" is the coming one); a year "ended" is over */
  f = run("In January, the mill brought in a new chief. Kell said the trial "
          "begins in January. In the fiscal year ended Jan. 31, sales fell.",
          "2025-10-27");
  expect(&f, "January", "DATE", "2025-01");
  const char *said = strstr(f.text, "begins in January") + 10;
  int seen = 0;
  for (size_t i = 0; i < f.n; i++)
    if (f.t[i].start == (size_t)(said - f.text)) {
      assert_string_equal(f.t[i].value, "2026-01");
      seen = 1;
    }
  assert_true(seen);
  expect(&f, "Jan. 31", "DATE", "2025-01-31");
  done(&f);
  f = run("Tarn Air will double its flights to the coast by August in the "
          "search for markets untouched by the slump.",
          "2025-02-13");
  expect(&f, "August", "DATE", "2025-08");
  done(&f);
}

/* "for Wednesday and Thursday": the second day follows the first, not the
 * tense; listed backwards ("made Friday and Thursday") each is read alone.
 * DCT Wednesday 2025-06-04. */
static void weekdays_in_a_row(void **state) {
  (void)state;
  found f = run("Forecasters had warned of high winds for Wednesday and "
                "Thursday. Statements were made Friday and Thursday.",
                "2025-06-04");
  expect(&f, "Wednesday", "DATE", "2025-06-04");
  expect(&f, "Thursday", "DATE", "2025-06-05");
  const char *back = strstr(f.text, "Friday and Thursday") + 11;
  size_t at = (size_t)(back - f.text);
  int seen = 0;
  for (size_t i = 0; i < f.n; i++)
    if (f.t[i].start == at) {
      assert_string_equal(f.t[i].value, "2025-05-29");
      seen = 1;
    }
  assert_true(seen);
  done(&f);
  /* a past clause does not carry the second day past the article's:
   * written on Wednesday 4 June, "Tuesday and Thursday" of talks that
   * were held are the 3rd and the Thursday before */
  f = run("Talks were held on Tuesday and Thursday.", "2025-06-04");
  expect(&f, "Tuesday", "DATE", "2025-06-03");
  expect(&f, "Thursday", "DATE", "2025-05-29");
  done(&f);
}

/* A clock time followed by its day as an expression of its own takes that
 * day: "2 p.m. local time on Saturday", "10:35 a.m. (0835 GMT) Friday". */
static void clock_time_then_day(void **state) {
  (void)state;
  found f = run("The vote is at 2 p.m. local time on Saturday. The blast came "
                "at 10:35 a.m. (0835 GMT) Friday.",
                DCT);
  expect(&f, "2 p.m.", "TIME", "2025-06-07T14:00");
  expect(&f, "Saturday", "DATE", "2025-06-07");
  expect(&f, "10:35 a.m.", "TIME", "2025-05-30T10:35"); /* "came" */
  done(&f);
}

/* "in six months" is a date ahead only when it looks ahead: after a
 * record ("the third time", "its highest level", "the worst"), before
 * "of", or in a past clause it is the stretch of time. */
static void in_months_looking_back(void **state) {
  (void)state;
  found f = run("Rates are up for the third time in six months. The mark is "
                "at its highest level in 20 years. In three hours of "
                "testimony she answers each question. Members had signed up "
                "in two days, and the port opens in three years.",
                DCT);
  expect(&f, "six months", "DURATION", "P6M");
  expect(&f, "20 years", "DURATION", "P20Y");
  expect(&f, "three hours", "DURATION", "PT3H");
  expect(&f, "two days", "DURATION", "P2D");
  expect(&f, "three years", "DATE", "2028");
  done(&f);
}

static void weekday_cues(void **state) {
  (void)state;
  /* DCT Thursday 2025-06-05 */
  found f = run("A bomb went off next to the Tarn depot on Friday. Talks are "
                "set to resume Monday. The mayor said she would fly to "
                "Harwick Saturday. Rivals attacked Wednesday's ruling.",
                DCT);
  expect(&f, "Friday", "DATE", "2025-05-30");
  expect(&f, "Monday", "DATE", "2025-06-09");
  expect(&f, "Saturday", "DATE", "2025-06-07");
  expect(&f, "Wednesday", "DATE", "2025-06-04");
  done(&f);
  /* "the previous Friday": the one before the day under discussion */
  f = run("Shares closed higher on Friday than the previous Friday.", DCT);
  expect(&f, "Friday", "DATE", "2025-05-30");
  expect(&f, "the previous Friday", "DATE", "2025-05-23");
  done(&f);
  f = run("The rally began Tuesday evening and ended Tuesday night. By "
          "mid-afternoon yesterday the square was empty; by mid afternoon "
          "it filled again.",
          DCT);
  expect(&f, "Tuesday evening", "TIME", "2025-06-03TEV");
  expect(&f, "Tuesday night", "DATE", "2025-06-03");
  expect(&f, "mid-afternoon yesterday", "TIME", "2025-06-04TAF");
  expect(&f, "mid afternoon", "TIME", "2025-06-05TAF");
  done(&f);
}

static void fractions_holidays_spoken(void **state) {
  (void)state;
  found f = run("The Lorn camp stood for 2 1/2 years; the flight took about "
                "5 1/2 hours and the speech a minute and a half.",
                DCT);
  expect(&f, "2 1/2 years", "DURATION", "P2Y6M");
  expect(&f, "about 5 1/2 hours", "DURATION", "PT5H30M");
  expect(&f, "a minute and a half", "DURATION", "PT1M30S");
  done(&f);
  /* "in a ..." is a span of time; "in three years" a date ahead */
  f = run("Tarn had no order in about a decade, or in a quarter, and will "
          "open a plant in three years.",
          DCT);
  expect(&f, "about a decade", "DURATION", "P10Y");
  expect(&f, "a quarter", "DURATION", "P1Q");
  expect(&f, "three years", "DATE", "2028");
  done(&f);
  /* DCT Monday 2025-10-27 */
  f = run("The campaign runs from now to Election Day. Pilgrims came as "
          "Easter week began.",
          "2025-10-27");
  expect(&f, "Election Day", "DATE", "2025-11-04");
  expect(&f, "Easter week", "DATE", "2025-W16");
  done(&f);
  f = run("Easter fell late that spring.", "2025-10-27");
  expect(&f, "Easter", "DATE", "2025-04-20");
  done(&f);
  /* without a DCT: Easter may be in March, the day stays unknown */
  f = run("Pilgrims came at Easter and met mid-afternoon yesterday.", NULL);
  expect(&f, "Easter", "DATE", "XXXX-XX-XX");
  expect(&f, "mid-afternoon yesterday", "TIME", "XXXX-XX-XXTAF");
  done(&f);
  f = run("Oil was cheap in the winter of nineteen ninety-four. January "
          "nineteen ninety-seven. Rates were low in the early summer. The "
          "summit is on April 24 and 25.",
          DCT);
  expect(&f, "the winter of nineteen ninety-four", "DATE", "1994-WI");
  expect(&f, "January nineteen ninety-seven", "DATE", "1997-01");
  expect(&f, "the early summer", "DATE", "2025-SU");
  expect(&f, "April 24", "DATE", "2025-04-24");
  expect(&f, "25", "DATE", "2025-04-25");
  done(&f);
  f = run("Analysts say Tarn will one day lead the league. Tax cuts come in "
          "future quarters. Fighting may go on well into the future if "
          "talks fail.",
          DCT);
  expect(&f, "one day", "DATE", "FUTURE_REF");
  expect(&f, "future quarters", "DATE", "FUTURE_REF");
  expect(&f, "the future", "DATE", "FUTURE_REF");
  done(&f);
}

static void not_times(void **state) {
  (void)state;
  found f = run("The 45-year-old clerk may march with 2000 marchers. He "
                "paid $1990 for 3,000 tickets.",
                DCT);
  expect_none(&f, "45-year-old");
  expect_none(&f, "may march");
  expect_none(&f, "2000 marchers");
  expect_none(&f, "1990");
  done(&f);
  f = run("It was a second blow, aired on \"This Week\" and on 60 Minutes, "
          "at high noon for the future of the port.",
          DCT);
  expect_none(&f, "a second");
  expect_none(&f, "This Week");
  expect_none(&f, "60 Minutes");
  expect_none(&f, "high noon");
  expect_none(&f, "the future");
  done(&f);
}

/* Words are looked up once in the lexicon, whatever their case; words
 * that only contain a lexicon word, and overlong ones, match nothing;
 * frequent words that never start an expression are skipped without
 * hiding the expressions around them. */
static void word_lookup(void **state) {
  (void)state;
  found f = run("YESTERDAY the Harwick council met; last FRIDAY it voted. "
                "Officials of the port said it will reopen in three years, "
                "and for years before that the ferry ran daily.",
                DCT);
  expect(&f, "YESTERDAY", "DATE", "2025-06-04");
  expect(&f, "last FRIDAY", "DATE", "2025-05-30");
  expect(&f, "three years", "DATE", "2028");
  expect(&f, "daily", "SET", "P1D");
  expect_none(&f, "said");
  expect_none(&f, "in ");
  done(&f);
  /* the "for years" above, alone: "for" stays outside */
  f = run("and for years before that", DCT);
  expect(&f, "years", "DURATION", "PXY");
  done(&f);
  f = run("The Mayday Junebug fundraiser was nowhere near annualised "
          "dailies, and yesterdayyesterday is no word; Secondhand "
          "minutesmen in Todayville.",
          DCT);
  assert_int_equal(f.n, 0);
  done(&f);
}

static void type_names(void **state) {
  (void)state;
  assert_string_equal(cw_timex_type_name(CW_TIMEX_DATE), "DATE");
  assert_string_equal(cw_timex_type_name(CW_TIMEX_TIME), "TIME");
  assert_string_equal(cw_timex_type_name(CW_TIMEX_DURATION), "DURATION");
  assert_string_equal(cw_timex_type_name(CW_TIMEX_SET), "SET");
}

static double seconds_since(clock_t t0) {
  return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

static void hostile_input(void **state) {
  (void)state;
  size_t n = (size_t)1 << 20;
  char *big = malloc(n + 1);
  assert_non_null(big);
  clock_t t0 = clock();
  /* a long digit run: not a number, no overflow */
  memset(big, '9', n);
  big[n] = '\0';
  found f = run(big, DCT);
  assert_int_equal(f.n, 0);
  done(&f);
  /* 1 MB of "June June June ...": months alone, found quickly */
  for (size_t i = 0; i < n; i++)
    big[i] = "June "[i % 5];
  big[n] = '\0';
  f = run(big, DCT);
  assert_true(f.n > 0);
  for (size_t i = 1; i < f.n; i++)
    assert_true(f.t[i].start >= f.t[i - 1].end);
  done(&f);
  /* invalid UTF-8 and control bytes around dates */
  for (size_t i = 0; i < n; i++)
    big[i] = (char)(i % 7 == 0 ? 0xff : i % 7 == 1 ? 0xc3 : "9:/-.J"[i % 6]);
  big[n] = '\0';
  f = run(big, DCT);
  done(&f);
  free(big);
  /* linear: a few seconds even under the sanitizers */
  assert_true(seconds_since(t0) < 30.0);
  /* empty input */
  cw_arena *a = cw_arena_new();
  cw_timex *t = NULL;
  size_t count = 7;
  assert_int_equal(cw_times_find("", 0, DCT, a, &t, &count), CW_OK);
  assert_int_equal(count, 0);
  /* a DCT that does not parse is treated as none */
  const char *s = "It rained yesterday.";
  assert_int_equal(cw_times_find(s, strlen(s), "junk", a, &t, &count), CW_OK);
  assert_int_equal(count, 1);
  assert_string_equal(t[0].value, "XXXX-XX-XX");
  cw_arena_free(a);
}

/* Values of each granularity as cd_format() writes them (digits padded
 * as printf's %02d, %03d and %04d pad them), with and without a DCT. */
static void values_of_every_form(void **state) {
  (void)state;
  found f = run("The abbey was built in the 12th century and rebuilt in the "
                "1880s. Sales rose in the first half of 2024 and fell in the "
                "second quarter of 2009. The fair opens next week and closes "
                "this weekend. Crews worked through the winter of 2021.",
                DCT);
  expect(&f, "the 12th century", "DATE", "11");
  expect(&f, "the 1880s", "DATE", "188");
  expect(&f, "the first half of 2024", "DATE", "2024-H1");
  expect(&f, "the second quarter of 2009", "DATE", "2009-Q2");
  expect(&f, "next week", "DATE", "2025-W24");
  expect(&f, "this weekend", "DATE", "2025-W23-WE");
  expect(&f, "the winter of 2021", "DATE", "2021-WI");
  done(&f);
  f = run("The ferry sailed on Friday, on March 3 and in September 2009.",
          NULL);
  expect(&f, "Friday", "DATE", "XXXX-WXX-5");
  expect(&f, "March 3", "DATE", "XXXX-03-03");
  expect(&f, "September 2009", "DATE", "2009-09");
  done(&f);
}

/* Words the driver skips as never starting an expression ("since",
 * "until", "could", "told", "plan") still let the expression after them
 * be found, and are never part of it (debug builds also run every
 * matcher at them and assert that none matches). */
static void skipped_words_before_dates(void **state) {
  (void)state;
  found f = run("Prices have risen since June 2024. The bridge stays shut "
                "until Friday. Officials told reporters on Monday that the "
                "port could reopen in July and plan talks for 2026.",
                DCT);
  expect(&f, "June 2024", "DATE", "2024-06");
  expect(&f, "Friday", "DATE", "2025-06-06");
  expect(&f, "Monday", "DATE", "2025-06-02");
  expect(&f, "July", "DATE", "2025-07");
  expect(&f, "2026", "DATE", "2026");
  expect_none(&f, "since");
  expect_none(&f, "until");
  expect_none(&f, "told");
  expect_none(&f, "could");
  expect_none(&f, "plan");
  done(&f);
}

/* Lexicon words that are only tense cues or only follow a first token
 * ("rose", "held", "near", "high", "clock", "m", "budget", "figures")
 * are skipped as starts, and the expressions right after, around and
 * made of them are still found whole. */
static void cue_words_never_start(void **state) {
  (void)state;
  found f = run("Exports rose 5% in June 2024 and fell last week. The board "
                "held talks on Friday, made a deal Tuesday and began work "
                "yesterday. It expects a vote in the near future. He left at "
                "high noon, kept going until 6 a.m. and won by 10 o'clock. "
                "The 2022 budget and 2023 figures put the rise at 2 m; he "
                "thought it did well in March 2025.",
                DCT);
  expect(&f, "June 2024", "DATE", "2024-06");
  expect(&f, "last week", "DATE", "2025-W22");
  expect(&f, "Friday", "DATE", "2025-05-30");
  expect(&f, "Tuesday", "DATE", "2025-06-03");
  expect(&f, "yesterday", "DATE", "2025-06-04");
  expect(&f, "the near future", "DATE", "FUTURE_REF");
  /* the day last named: yesterday */
  expect(&f, "6 a.m.", "TIME", "2025-06-04T06:00");
  expect(&f, "10 o'clock", "TIME", "2025-06-04T10:00");
  expect(&f, "2022", "DATE", "2022");
  expect(&f, "2023", "DATE", "2023");
  expect(&f, "March 2025", "DATE", "2025-03");
  expect_none(&f, "rose");
  expect_none(&f, "fell");
  expect_none(&f, "held");
  expect_none(&f, "made");
  expect_none(&f, "began");
  expect_none(&f, "expects");
  expect_none(&f, "left");
  expect_none(&f, "kept");
  expect_none(&f, "won");
  expect_none(&f, "budget");
  expect_none(&f, "figures");
  expect_none(&f, "put");
  expect_none(&f, "2 m");
  expect_none(&f, "thought");
  expect_none(&f, "did");
  expect_none(&f, "high noon");
  assert_int_equal(f.n, 11);
  done(&f);
  /* an apostrophe starts only a decade; "new", "Election" and the words
   * of approximations start only before lexicon words */
  f = run("In the '90s and in '80s films, the 'new' port grew; 'tis true. "
          "The fair on New Year's Day, new cranes, Election Day and election "
          "results came nearly two weeks late, almost three years on, "
          "roughly 40 minutes, approximately six hours and around 10 days. "
          "Around noon the crowd left, nearly certain.",
          DCT);
  expect(&f, "the '90s", "DATE", "199");
  expect(&f, "'80s", "DATE", "198");
  expect(&f, "New Year's Day", "DATE", "2025-01-01");
  expect(&f, "Election Day", "DATE", "2024-11-05");
  expect(&f, "nearly two weeks", "DURATION", "P2W");
  expect(&f, "almost three years", "DURATION", "P3Y");
  expect(&f, "roughly 40 minutes", "DURATION", "PT40M");
  expect(&f, "approximately six hours", "DURATION", "PT6H");
  expect(&f, "around 10 days", "DURATION", "P10D");
  expect(&f, "noon", "TIME", "2024-11-05T12:00");
  expect_none(&f, "'new'");
  expect_none(&f, "'tis");
  expect_none(&f, "new cranes");
  expect_none(&f, "election results");
  expect_none(&f, "nearly certain");
  assert_int_equal(f.n, 10);
  done(&f);
  /* "the" before a name outside the lexicon starts nothing, before a
   * capitalised lexicon word it still starts what it starts */
  f = run("The Harbour Board met the Friday after Easter. The Kestland fair "
          "opened in the Spring of 2024, shut the Christmas before, in the "
          "1990s, the Third Quarter report in the Fall and The Week ran the "
          "Previous Monday. the Ferria team left The Summer camp.",
          DCT);
  expect(&f, "Friday", "DATE", "2025-05-30");
  expect(&f, "Easter", "DATE", "2025-04-20");
  expect(&f, "the Spring of 2024", "DATE", "2024-SP");
  expect(&f, "Christmas", "DATE", "2024-12-25");
  expect(&f, "the 1990s", "DATE", "199");
  expect(&f, "the Third Quarter", "DATE", "2024-Q3");
  expect(&f, "the Fall", "DATE", "2024-FA");
  expect(&f, "the Previous Monday", "DATE", "2025-06-02");
  expect(&f, "The Summer", "DATE", "2025-SU");
  expect_none(&f, "The Harbour");
  expect_none(&f, "The Kestland");
  expect_none(&f, "the Ferria");
  assert_int_equal(f.n, 9);
  done(&f);
  /* "at" starts only "at least" and "at most", "up" only "up to";
   * "within" and "before" start nothing */
  f = run("Crews worked at least two weeks, at most 3 days and up to 48 "
          "hours at the port. At 6 a.m. they left; up the river at noon, "
          "within two weeks and within days, two days before the vote, "
          "before dawn, at Christmas and At Least Twice.",
          DCT);
  expect(&f, "at least two weeks", "DURATION", "P2W");
  expect(&f, "at most 3 days", "DURATION", "P3D");
  expect(&f, "up to 48 hours", "DURATION", "PT48H");
  expect(&f, "6 a.m.", "TIME", "2025-06-05T06:00");
  expect(&f, "noon", "TIME", "2025-06-05T12:00");
  expect(&f, "Christmas", "DATE", "2024-12-25");
  expect_none(&f, "at the port");
  expect_none(&f, "up the river");
  expect_none(&f, "before the vote");
  expect_none(&f, "before dawn");
  expect_none(&f, "At Least Twice");
  assert_int_equal(f.n, 9);
  done(&f);
  /* "that" starts only before a unit or "same", an approximation only
   * before a number, a part of the day only after "early", "late" or
   * "mid" */
  f = run("On March 3 the port shut. That day the crews met; that same week "
          "they voted and that plan failed. About 40 days later, about the "
          "plan, about a year on and about ten weeks, nearly all left. Early "
          "morning rain, late evening talks and a mid-afternoon break came; "
          "the night was cold, at night they slept, the evening ended and in "
          "the morning they woke.",
          DCT);
  expect(&f, "March 3", "DATE", "2025-03-03");
  expect(&f, "That day", "DATE", "2025-03-03");
  expect(&f, "that same week", "DATE", "2025-W10");
  expect(&f, "About 40 days later", "DATE", "2025-04-12");
  expect(&f, "about a year", "DURATION", "P1Y");
  expect(&f, "about ten weeks", "DURATION", "P10W");
  expect(&f, "Early morning", "TIME", "2025-06-05TMO");
  expect(&f, "late evening", "TIME", "2025-06-05TEV");
  expect(&f, "mid-afternoon", "TIME", "2025-06-05TAF");
  expect_none(&f, "that plan");
  expect_none(&f, "about the plan");
  expect_none(&f, "nearly all");
  expect_none(&f, "the night");
  expect_none(&f, "at night");
  expect_none(&f, "the evening");
  expect_none(&f, "the morning");
  assert_int_equal(f.n, 9);
  done(&f);
  /* "first" starts only "first quarter" and "first half" */
  f = run("The first quarter, first-half sales and the first three months "
          "rose; first they met, the first time, first quarterly report, a "
          "First Half gain.",
          DCT);
  expect(&f, "The first quarter", "DATE", "2025-Q1");
  expect(&f, "first-half", "DATE", "2025-H1");
  expect(&f, "the first three months", "DURATION", "P3M");
  expect(&f, "First Half", "DATE", "2025-H1");
  expect_none(&f, "first they");
  expect_none(&f, "the first time");
  expect_none(&f, "first quarterly");
  assert_int_equal(f.n, 4);
  done(&f);
}

/* A period after an abbreviation of the list ends no sentence: the past
 * tense of "met" still reaches "Friday" after it (the last one), while
 * after a name the sentence ends and Friday, without a tense, is the one
 * of the DCT's week. */
static void abbreviations_end_no_sentence(void **state) {
  (void)state;
  static const char *const abbrevs[] = {
      "Mr",  "Mrs", "Ms",  "Dr",  "St",  "Gen",  "Sen",  "Rep", "Gov",
      "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",  "Aug",  "Sep", "Sept",
      "Oct", "Nov", "Dec", "U",   "S",   "Co",   "Corp", "Inc", "No",
      "A",   "P",   "M",   "Lt",  "Col", "Capt", "Jr",   "vs",  "Berg"};
  for (size_t k = 0; k < sizeof abbrevs / sizeof abbrevs[0]; k++) {
    char text[96];
    snprintf(text, sizeof text, "Lund met %s. Roe on Friday.", abbrevs[k]);
    found f = run(text, DCT);
    int name = !strcmp(abbrevs[k], "Berg");
    /* "met" reaches "Friday" only when the abbreviation ends no sentence;
     * without a tense the Friday is the one of the DCT's week */
    expect(&f, "Friday", "DATE", name ? "2025-06-06" : "2025-05-30");
    done(&f);
  }
}

/* Common words that start expressions only before a known word, a
 * number or a capital ("the", "a", "at", "about", "every", "that",
 * "within", "before", "more", "most", "up", "per", "this"), and numbers
 * but years, are skipped before a lower-case word outside the lexicon,
 * and still start the expressions they begin. */
static void function_words_before_other_words(void **state) {
  (void)state;
  found f = run("The company said the third quarter was weak, and a spokesman "
                "left a year ago. Talks at the port begin at 6 a.m. on "
                "Friday. About the plan: staff worked about two weeks, every "
                "crew every Monday. That deal closed that morning, within "
                "reach and within a week. Before dawn the union met before "
                "noon, more pay for more than three years, most crews most "
                "recently. Up the river, up to 48 hours per shift and 300 "
                "dollars per day. This firm said this week.",
                DCT);
  expect(&f, "the third quarter", "DATE", "2024-Q3");
  expect(&f, "a year ago", "DATE", "2023-Q3");
  /* "begin ... on Friday", no tense: the Friday of the DCT's week, and
   * the clock time is on it */
  expect(&f, "6 a.m.", "TIME", "2025-06-06T06:00");
  expect(&f, "Friday", "DATE", "2025-06-06");
  expect(&f, "about two weeks", "DURATION", "P2W");
  expect(&f, "every Monday", "SET", "XXXX-WXX-1");
  expect(&f, "a week", "DURATION", "P1W");
  expect(&f, "noon", "TIME", "2025-06-06T12:00");
  expect(&f, "more than three years", "DURATION", "P3Y");
  expect(&f, "up to 48 hours", "DURATION", "PT48H");
  expect(&f, "per day", "SET", "P1D");
  expect(&f, "this week", "DATE", "2025-W23");
  expect_none(&f, "The company");
  expect_none(&f, "a spokesman");
  expect_none(&f, "the port");
  expect_none(&f, "the plan");
  expect_none(&f, "every crew");
  expect_none(&f, "That deal");
  expect_none(&f, "within reach");
  expect_none(&f, "more pay");
  expect_none(&f, "most crews");
  expect_none(&f, "per shift");
  expect_none(&f, "This firm");
  assert_int_equal(f.n, 13);
  done(&f);
  /* numbers before such a word are skipped too, but years */
  f = run("Some 12 workers and 300 dockers left; 2024 figures show 7 days "
          "of strikes, 3 p.m. talks, 5 June and 14 tonnes. In the 90s, 40 "
          "cranes stood idle for 48 hours.",
          DCT);
  expect(&f, "2024", "DATE", "2024");
  expect(&f, "7 days", "DURATION", "P7D");
  expect(&f, "3 p.m.", "TIME", "2025-06-05T15:00");
  expect(&f, "5 June", "DATE", "2025-06-05");
  expect(&f, "48 hours", "DURATION", "PT48H");
  expect_none(&f, "12 workers");
  expect_none(&f, "14 tonnes");
  assert_int_equal(f.n, 5);
  done(&f);
}

/* The tokenizer reads words eight bytes at a time where the text goes on
 * that far and a byte at a time near its end, and looks them up by
 * their lower case: a lexicon word is found in any case, at any
 * alignment, before any byte or at the very end of a text that has no
 * byte after it (ASan builds see a read past it), and a longer word that
 * begins with one is not it. */
static void lexicon_words_any_case_and_place(void **state) {
  (void)state;
  static const char *const forms[] = {"yesterday", "Yesterday", "YESTERDAY",
                                      "yEsTeRdAy"};
  /* bytes that end the word (the neighbours of A..Z and a..z among
   * them), then letters that go on it */
  static const char *const after[] = {
      "",  ".", ",", " and", "-", "\xC3\xA9", "@",   "[",
      "`", "{", "a", "z",    "A", "Z",        "ish", "yyyyyyy"};
  char buf[96];
  for (size_t pad = 0; pad < 9; pad++)
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++)
      for (size_t a = 0; a < 2 * (sizeof after / sizeof after[0]); a++) {
        /* each at the end, then with more text after it */
        int more = a >= sizeof after / sizeof after[0];
        int len =
            snprintf(buf, sizeof buf, "It%*s happened %s%s%s", (int)pad, "",
                     forms[f], after[a % (sizeof after / sizeof after[0])],
                     more ? " so it went" : "");
        assert_true(len > 0 && (size_t)len < sizeof buf);
        char *text = malloc((size_t)len); /* no byte after the text */
        assert_non_null(text);
        memcpy(text, buf, (size_t)len);
        cw_arena *arena = cw_arena_new();
        assert_non_null(arena);
        cw_timex *t;
        size_t n;
        assert_int_equal(cw_times_find(text, (size_t)len, DCT, arena, &t, &n),
                         CW_OK);
        /* an ASCII letter after it makes another word ("yesterdayish");
         * a byte beyond ASCII ends it */
        int word = a % (sizeof after / sizeof after[0]) < 10;
        if (!word) {
          assert_int_equal(n, 0);
        } else {
          assert_int_equal(n, 1);
          size_t at = 2 + pad + 10;
          assert_int_equal(t[0].start, at);
          assert_int_equal(t[0].end, at + 9);
          assert_string_equal(t[0].value, "2025-06-04");
        }
        cw_arena_free(arena);
        free(text);
      }
}

/* Asserts that cw_times_find_an() with the analysis of text finds what
 * cw_times_find() finds (debug builds also compare the two tokenizers'
 * tokens), and returns how many expressions there are. */
static size_t same_with_analysis(const char *text, size_t len,
                                 const char *dct) {
  cw_analysis *an = NULL;
  assert_int_equal(cw_analyze(NULL, text, len, &an), CW_OK);
  assert_non_null(an);
  assert_non_null(an->token_word); /* the words the fast path reads */
  cw_arena *arena = cw_arena_new();
  assert_non_null(arena);
  cw_timex *t, *u;
  size_t n, m;
  assert_int_equal(cw_times_find(text, len, dct, arena, &t, &n), CW_OK);
  assert_int_equal(cw_times_find_an(text, len, dct, an, arena, &u, &m), CW_OK);
  assert_int_equal(n, m);
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(t[i].start, u[i].start);
    assert_int_equal(t[i].end, u[i].end);
    assert_int_equal(t[i].type, u[i].type);
    assert_string_equal(t[i].value, u[i].value);
    assert_int_equal(t[i].flags, u[i].flags);
  }
  cw_arena_free(arena);
  cw_analysis_free(an);
  return n;
}

/* The tokens read with the analysis' words give the same expressions:
 * sentence ends after abbreviations, quotes and blank lines (also with
 * spaces, tabs or CR between the newlines), words glued to punctuation,
 * digits or bytes beyond ASCII, apostrophes, hyphens, long words, and an
 * analysis of another text (ignored). */
static void analysis_words_same_expressions(void **state) {
  (void)state;
  static const char *const texts[] = {
      "Officials said on Monday that the bridge would reopen on June 5. "
      "Two days later, it closed again. \"We expect news next week.\" "
      "She left! Then on Friday it rained.",
      "Mr. Ortan met Dr. Vell on Jan. 5 in the U.S. capital; the 1990s "
      "and the '90s were calmer. It opened at 5pm and at 4:25 p.m. EST.",
      "The council met.\n\nFriday the vote came.\n \nOn Tuesday it ended."
      "\r\n\r\nLast week the mayor spoke.\n\t\nThe next day, nothing.",
      "Caf\xc3\xa9 owners in Z\xc3\xbcrich said on Sunday they don't plan to "
      "reopen until mid-2026, a well-known step \xe2\x80\x94 since March 3.",
      "Representatives of the internationalisation committee met "
      "yesterday; internationalism was discussed for three hours. "
      "MONDAY: JUNE 5 2025. the following week, every Monday.",
      "\xe2\x80\x9cThe company will report on Thursday,\xe2\x80\x9d she said. "
      "It had fallen 3.5% in the third quarter, a year earlier 12%.",
      "abc\xff\xfe def June\xc2\xa0"
      "5 and 6, 2024 (Wednesday) \x01"
      "Friday.",
  };
  size_t total = 0;
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    total += same_with_analysis(texts[i], strlen(texts[i]), DCT);
    total += same_with_analysis(texts[i], strlen(texts[i]), NULL);
  }
  assert_true(total >= 40); /* the texts are full of expressions */
  /* an analysis of another text, or none: cw_times_find() */
  const char *other = "Nothing happened here at all, said the mayor.";
  const char *text = texts[0];
  cw_analysis *an = NULL;
  assert_int_equal(cw_analyze(NULL, other, strlen(other), &an), CW_OK);
  cw_arena *arena = cw_arena_new();
  assert_non_null(arena);
  cw_timex *t;
  size_t n;
  assert_int_equal(cw_times_find_an(text, strlen(text), DCT, an, arena, &t, &n),
                   CW_OK);
  assert_int_equal(n, 5);
  assert_int_equal(
      cw_times_find_an(text, strlen(text), DCT, NULL, arena, &t, &n), CW_OK);
  assert_int_equal(n, 5);
  assert_string_equal(t[1].value, "2025-06-05");
  cw_arena_free(arena);
  cw_analysis_free(an);
}

/* The tokens read with the analysis, word by word, give the expressions
 * of the text's own tokens whatever comes between two words: one space,
 * a mark and a space, a mark and a blank line, a number between spaces,
 * marks beyond ASCII, a capital or an all-capital word opening a
 * sentence; an expression at the very end of the text; more expressions
 * than the room reserved for a short text; no token at all. */
static void analysis_words_between_and_after(void **state) {
  (void)state;
  static const char *const texts[] = {
      "The Fenmoor council met on Monday. Its 12 members voted on June 3, "
      "and the mayor said: \xe2\x80\x9cWe start on Friday.\xe2\x80\x9d\n\n"
      "TUESDAY brought 40 complaints.\n\nThe depot reopens on 2026",
      "On June 1, June 2, June 3, June 4, June 5, June 6, June 7, June 8, "
      "June 9, June 10, June 11, June 12, June 13, June 14 and June 15 the "
      "ferry ran; on May 1, May 2, May 3, May 4 it did not.",
      "Friday",
      " \n\n , . ; \n",
  };
  size_t counts[4];
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    counts[i] = same_with_analysis(texts[i], strlen(texts[i]), DCT);
    same_with_analysis(texts[i], strlen(texts[i]), NULL);
  }
  assert_int_equal(counts[0], 5); /* Monday, June 3, Friday, TUESDAY, 2026 */
  assert_int_equal(counts[1], 19);
  assert_int_equal(counts[2], 1);
  assert_int_equal(counts[3], 0);
  found f = run(texts[0], DCT);
  expect(&f, "June 3", "DATE", "2025-06-03");
  expect(&f, "2026", "DATE", "2026");
  expect_none(&f, "12 members");
  done(&f);
  f = run(texts[1], DCT);
  expect(&f, "June 15", "DATE", "2025-06-15");
  expect(&f, "May 4", "DATE", "2025-05-04");
  done(&f);
  f = run(texts[2], DCT);
  expect(&f, "Friday", "DATE", "2025-06-06");
  done(&f);
}

/* A month-day without a year takes the year that puts it nearest the
 * DCT as the tense says, across February 29 of leap years (2024) and its
 * absence in others (2025, 2100), before and after New Year. */
static void month_days_across_years(void **state) {
  (void)state;
  static const struct {
    const char *dct, *text, *span, *value;
  } cases[] = {
      {"2024-03-01", "The contract was signed on February 29.", "February 29",
       "2024-02-29"},
      {"2024-03-01", "Workers left on December 30.", "December 30",
       "2023-12-30"},
      {"2024-03-01", "The mill will reopen on March 2.", "March 2",
       "2024-03-02"},
      {"2025-01-03", "The talks ended on December 30.", "December 30",
       "2024-12-30"},
      {"2025-01-03", "The vote will be held on February 2.", "February 2",
       "2025-02-02"},
      {"2024-12-30", "It opens on January 4.", "January 4", "2025-01-04"},
      {"2024-12-30", "Sales fell on November 28.", "November 28", "2024-11-28"},
      {"2100-03-01", "Talks resumed on February 28.", "February 28",
       "2100-02-28"},
      {"2100-03-01", "They will end on March 1.", "March 1", "2100-03-01"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    found f = run(cases[i].text, cases[i].dct);
    expect(&f, cases[i].span, "DATE", cases[i].value);
    done(&f);
  }
}

/* The few tests of a word's letters beyond its lexicon id read them off
 * the text, in any case, and only for words of fewer than 16 letters (as
 * the tokenizer folds them): a past tense in "-ed", "local time" after a
 * clock time, a record before "in six months" ("time", "-est" but
 * "interest"), a plural noun after a year. Both tokenizers agree. */
static void word_letters_read_from_text(void **state) {
  (void)state;
  static const struct {
    const char *text, *span, *type, *value;
  } cases[] = {
      {"Officials REORGANIZED the unit on Friday.", "Friday", "DATE",
       "2025-05-30"},
      {"Officials reorganized the unit on Friday.", "Friday", "DATE",
       "2025-05-30"},
      /* 17 letters: no tense of its own, the Friday of the DCT's week */
      {"Officials compartmentalized the unit on Friday.", "Friday", "DATE",
       "2025-06-06"},
      {"The vote is at 2 p.m. LOCAL TIME on Saturday.", "2 p.m.", "TIME",
       "2025-06-07T14:00"},
      {"The vote is at 2 p.m. Local Time on Saturday.", "2 p.m.", "TIME",
       "2025-06-07T14:00"},
      {"The vote is at 2 p.m. local timer on Saturday.", "2 p.m.", "TIME",
       "2025-06-05T14:00"},
      {"Rates are up for the third TIME in six months.", "six months",
       "DURATION", "P6M"},
      {"Rates are up for the third tide in six months.", "six months", "DATE",
       "2025-12"},
      {"Rates are at the HIGHEST in six months.", "six months", "DURATION",
       "P6M"},
      {"Rates are of INTEREST in six months.", "six months", "DATE", "2025-12"},
      /* 16 letters: no word the tests know */
      {"Rates are at the extraordinariest in six months.", "six months", "DATE",
       "2025-12"},
      {"Crowds gathered in 1990 PROTESTS.", "1990", "DATE", "1990"},
      {"Crowds gathered in 1990 internationalisations.", "1990", "DATE",
       "1990"},
      {"Crowds gathered in 1990 as rain fell.", "1990", "DATE", "1990"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    found f = run(cases[i].text, DCT);
    expect(&f, cases[i].span, cases[i].type, cases[i].value);
    done(&f);
    same_with_analysis(cases[i].text, strlen(cases[i].text), DCT);
  }
  /* a plural noun after a year: no year */
  found f = run("Crowds gathered in 1990 protests.", DCT);
  expect_none(&f, "1990");
  done(&f);
  /* more tokens than the room reserved for them (a quarter of the
   * text's bytes): the vector grows under both tokenizers */
  static char many[8192];
  size_t len = 0;
  for (int k = 0; len + 64 < sizeof many; k++)
    len += (size_t)snprintf(many + len, sizeof many - len,
                            "a, b c d e.\n\nI a x y z; On June %d it I. ",
                            k % 28 + 1);
  assert_true(same_with_analysis(many, len, DCT) >= 100);
}

/* The driver tries at a token only the matchers (and m_date()'s cores)
 * that can start at its kind: a number by its digits, "'", a word of
 * the lexicon by its id, month names, weekdays and most holidays only
 * capitalised. An expression of each start, first in its sentence
 * (capitalised) and after other words, is found as before; debug builds
 * (the tests' build) also try every matcher and core everywhere and
 * assert the others find nothing. Both tokenizers agree on each text. */
static void each_kind_of_start(void **state) {
  (void)state;
  static const struct {
    const char *text, *span, *type, *value;
    size_t n; /* expressions in the text */
  } cases[] = {
      {"The depot reopened on June 5 after repairs.", "June 5", "DATE",
       "2025-06-05", 1},
      {"The depot reopened on 5 June after repairs.", "5 June", "DATE",
       "2025-06-05", 1},
      {"The depot reopened on Sept. 5 after repairs.", "Sept. 5", "DATE",
       "2025-09-05", 1},
      {"The depot reopened last November after repairs.", "last November",
       "DATE", "2024-11", 1},
      {"Last Friday the depot reopened.", "Last Friday", "DATE", "2025-05-30",
       1},
      {"The depot reopened on 2025-05-30 after repairs.", "2025-05-30", "DATE",
       "2025-05-30", 1},
      {"The depot reopened in 2024 after repairs.", "2024", "DATE", "2024", 1},
      {"The depot reopened in fiscal 2024 after repairs.", "fiscal 2024",
       "DATE", "2024", 1},
      {"The depot reopened in nineteen ninety-four after repairs.",
       "nineteen ninety-four", "DATE", "1994", 1},
      {"The depot reopened by two thousand and four.", "two thousand", "DATE",
       "2000", 1},
      {"The depot shut on April 24 and 25 for repairs.", "April 24", "DATE",
       "2025-04-24", 1},
      {"The depot reopened in the 1990s after repairs.", "the 1990s", "DATE",
       "199", 1},
      {"The depot reopened in the '90s after repairs.", "the '90s", "DATE",
       "199", 1},
      {"The depot reopened in the nineties after repairs.", "the nineties",
       "DATE", "199", 1},
      {"The depot reopened this summer after repairs.", "this summer", "DATE",
       "2025-SU", 1},
      {"Summer 2024 saw the depot reopen.", "Summer 2024", "DATE", "2024-SU",
       1},
      {"The depot reopened in the third quarter.", "the third quarter", "DATE",
       "2024-Q3", 1},
      {"Third-quarter sales rose at the depot.", "Third-quarter", "DATE",
       "2024-Q3", 1},
      {"The depot reopened in the current quarter.", "the current quarter",
       "DATE", "2025-Q2", 1},
      {"Year-earlier sales were weak at the depot.", "Year-earlier", "DATE",
       "2024-Q1", 1},
      {"The depot reopened yesterday after repairs.", "yesterday", "DATE",
       "2025-06-04", 1},
      {"Yesterday the depot reopened.", "Yesterday", "DATE", "2025-06-04", 1},
      {"The depot reopened on Friday after repairs.", "Friday", "DATE",
       "2025-05-30", 1},
      {"The depot reopened this morning after repairs.", "this morning", "TIME",
       "2025-06-05TMO", 1},
      {"The depot opened tonight after repairs.", "tonight", "TIME",
       "2025-06-05TNI", 1},
      {"The depot worked overnight on repairs.", "overnight", "TIME",
       "2025-06-04TNI", 1},
      {"The depot reopened next month after repairs.", "next month", "DATE",
       "2025-07", 1},
      {"Next month the depot reopens.", "Next month", "DATE", "2025-07", 1},
      {"The depot reopened the following week.", "the following week", "DATE",
       "2025-W24", 1},
      {"The depot reopened earlier this year after repairs.",
       "earlier this year", "DATE", "2025", 1},
      {"Earlier this year the depot reopened.", "Earlier this year", "DATE",
       "2025", 1},
      {"The depot reopened on Christmas Eve after repairs.", "Christmas Eve",
       "DATE", "2024-12-24", 1},
      {"The depot reopens on New Year's Day after repairs.", "New Year's Day",
       "DATE", "2025-01-01", 1},
      {"The depot reopened on Thanksgiving after repairs.", "Thanksgiving",
       "DATE", "2024-11-28", 1},
      {"On March 3 the depot shut and it reopened later that day.",
       "later that day", "DATE", "2025-03-03", 2},
      {"The depot shut on March 3. That same week it reopened.",
       "That same week", "DATE", "2025-W10", 2},
      {"The depot reopened by year-end after repairs.", "year-end", "DATE",
       "2025", 1},
      {"The depot was built in the 19th century.", "the 19th century", "DATE",
       "18", 1},
      {"The depot was built in the nineteenth century.",
       "the nineteenth century", "DATE", "18", 1},
      {"Twenty-first century depots were built.", "Twenty-first century",
       "DATE", "20", 1},
      {"The depot reopened at the end of the year.", "the end of the year",
       "DATE", "2025", 1},
      {"The depot reopened in early 2024 after repairs.", "early 2024", "DATE",
       "2024", 1},
      {"Early 2024 saw the depot reopen.", "Early 2024", "DATE", "2024", 1},
      {"The depot reopened in mid-June after repairs.", "mid-June", "DATE",
       "2025-06", 1},
      {"The depot reopened at the beginning of March after repairs.",
       "the beginning of March", "DATE", "2025-03", 1},
      {"The depot reopened at 4:25 p.m. after repairs.", "4:25 p.m.", "TIME",
       "2025-06-05T16:25", 1},
      {"The depot reopened at noon after repairs.", "noon", "TIME",
       "2025-06-05T12:00", 1},
      {"Midnight came at the depot.", "Midnight", "TIME", "2025-06-05T24:00",
       1},
      {"The depot worked for three years on repairs.", "three years",
       "DURATION", "P3Y", 1},
      {"Three years passed at the depot.", "Three years", "DURATION", "P3Y", 1},
      {"The depot worked for 300 days on repairs.", "300 days", "DURATION",
       "P300D", 1},
      {"The depot worked nearly two weeks on repairs.", "nearly two weeks",
       "DURATION", "P2W", 1},
      {"About two weeks passed at the depot.", "About two weeks", "DURATION",
       "P2W", 1},
      {"The depot worked more than three years on repairs.",
       "more than three years", "DURATION", "P3Y", 1},
      {"The depot worked up to 48 hours on repairs.", "up to 48 hours",
       "DURATION", "PT48H", 1},
      {"The depot worked at least two weeks on repairs.", "at least two weeks",
       "DURATION", "P2W", 1},
      {"The depot worked the past two months on repairs.",
       "the past two months", "DURATION", "P2M", 1},
      {"The depot shut a year ago for repairs.", "a year ago", "DATE", "2024",
       1},
      {"A year ago the depot shut.", "A year ago", "DATE", "2024", 1},
      {"The depot worked a couple of days on repairs.", "a couple of days",
       "DURATION", "P2D", 1},
      {"The depot worked a dozen years on repairs.", "a dozen years",
       "DURATION", "P12Y", 1},
      {"The depot worked several weeks on repairs.", "several weeks",
       "DURATION", "PXW", 1},
      {"The depot worked twenty-five years on repairs.", "twenty-five years",
       "DURATION", "P25Y", 1},
      {"The depot worked for years on repairs.", "years", "DURATION", "PXY", 1},
      {"The depot worked for hours on repairs.", "hours", "DURATION", "PTXH",
       1},
      {"The depot is inspected daily by crews.", "daily", "SET", "P1D", 1},
      {"Daily checks are made at the depot.", "Daily", "SET", "P1D", 1},
      {"The depot is inspected every week by crews.", "every week", "SET",
       "P1W", 1},
      {"Every Friday the depot is inspected.", "Every Friday", "SET",
       "XXXX-WXX-5", 1},
      {"The depot is inspected twice per month by crews.", "per month", "SET",
       "P1M", 1},
      {"The depot is busy now after repairs.", "now", "DATE", "PRESENT_REF", 1},
      {"Now the depot is busy.", "Now", "DATE", "PRESENT_REF", 1},
      {"The depot is busy these days after repairs.", "these days", "DATE",
       "PRESENT_REF", 1},
      {"The depot was busy recently after repairs.", "recently", "DATE",
       "PAST_REF", 1},
      {"The depot will be busy in future years.", "future years", "DATE",
       "FUTURE_REF", 1},
      {"The depot was busy in recent years.", "recent years", "DATE",
       "PAST_REF", 1},
      {"The depot will be busy in coming months.", "coming months", "DATE",
       "FUTURE_REF", 1},
      {"The depot is currently busy after repairs.", "currently", "DATE",
       "PRESENT_REF", 1},
      {"The depot will be busy in the future, crews said.", "the future",
       "DATE", "FUTURE_REF", 1},
      {"The depot will be busy in the near future.", "the near future", "DATE",
       "FUTURE_REF", 1},
      {"The depot reopened may 5 after repairs.", NULL, NULL, NULL, 0},
      {"The depot reopened on friday after repairs.", NULL, NULL, NULL, 0},
      {"The depot reopened on christmas after repairs.", NULL, NULL, NULL, 0},
      {"The depot reopened MAY 5 after repairs.", "MAY 5", "DATE", "2025-05-05",
       1},
      {"They met at 25 p.m. for repairs.", NULL, NULL, NULL, 0},
      {"The depot worked 1200 years on repairs.", NULL, NULL, NULL, 0},
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    found f = run(cases[k].text, DCT);
    if (f.n != cases[k].n)
      fail_msg("'%s': %zu expressions, want %zu", cases[k].text, f.n,
               cases[k].n);
    if (cases[k].span)
      expect(&f, cases[k].span, cases[k].type, cases[k].value);
    done(&f);
    assert_int_equal(
        same_with_analysis(cases[k].text, strlen(cases[k].text), DCT),
        cases[k].n);
  }
}

/* A holiday name directly before a noun it modifies ("an office
 * Christmas party", "Easter egg hunt") is no date; before a date or time
 * word, a number, a function word, punctuation or a verb or adverb it
 * stays one. */
static void holiday_modifiers(void **state) {
  (void)state;
  static const char *const none[] = {
      "Staff at the Orvane depot held an office Christmas party and "
      "trimmed a Christmas tree.",
      "Christmas shoppers cautiously returned to Brell.",
      "Kids in Brell joined the Easter egg hunt, ate a Thanksgiving dinner "
      "and wore a Halloween costume.",
      "The Velk family skipped the Christmas Eve party and the Independence "
      "Day parade, an early Christmas gift to the neighbours.",
  };
  for (size_t k = 0; k < sizeof none / sizeof none[0]; k++) {
    found f = run(none[k], DCT);
    if (f.n)
      fail_msg("'%s': %zu expressions, want none", none[k], f.n);
    done(&f);
    assert_int_equal(same_with_analysis(none[k], strlen(none[k]), DCT), 0);
  }
  /* DCT Thursday 2025-06-05: the last ones before it */
  found f = run("The Orvane depot shut on Christmas, reopened on Christmas Eve "
                "and closed Christmas Day.",
                DCT);
  assert_int_equal(f.n, 3);
  expect(&f, "Christmas", "DATE", "2024-12-25");
  expect(&f, "Christmas Eve", "DATE", "2024-12-24");
  expect(&f, "Christmas Day", "DATE", "2024-12-25");
  done(&f);
  f = run("The Brell line opened by Christmas 2031.", DCT);
  expect(&f, "Christmas 2031", "DATE", "2031-12-25");
  done(&f);
  /* a function word, a verb in "-ed" or "-ing", an adverb in "-ly" */
  f = run("Shoppers came back at Christmas anyway.", DCT);
  expect(&f, "Christmas", "DATE", "2024-12-25");
  done(&f);
  f = run("Trade slowed as Christmas approached.", DCT);
  expect(&f, "Christmas", "DATE", "2024-12-25");
  done(&f);
  f = run("The Korsa sailor spent Thanksgiving Day clinging to a raft.", DCT);
  expect(&f, "Thanksgiving Day", "DATE", "2024-11-28");
  done(&f);
  f = run("The Velk mill closed for Halloween mostly.", DCT);
  expect(&f, "Halloween", "DATE", "2024-10-31");
  done(&f);
  /* a date word after it, or a noun of a time */
  f = run("Pilgrims came as Easter week began.", "2025-10-27");
  expect(&f, "Easter week", "DATE", "2025-W16");
  done(&f);
  f = run("Trade picked up at Easter time and over the Christmas holidays.",
          DCT);
  assert_int_equal(f.n, 2);
  expect(&f, "Easter", "DATE", "2025-04-20");
  expect(&f, "Christmas", "DATE", "2024-12-25");
  done(&f);
}

/* Asserts that span was found with value (as expect()) and with exactly
 * the CW_TIMEX_*_WRITTEN bits flags. */
static void expect_written(const found *f, const char *span, const char *type,
                           const char *value, unsigned flags) {
  expect(f, span, type, value);
  const char *at = strstr(f->text, span);
  size_t start = (size_t)(at - f->text);
  for (size_t i = 0; i < f->n; i++)
    if (f->t[i].start == start) {
      if (f->t[i].flags != flags)
        fail_msg("'%s' (%s): flags %u, want %u", span, value, f->t[i].flags,
                 flags);
      return;
    }
}

#define YW CW_TIMEX_YEAR_WRITTEN
#define DW CW_TIMEX_DAY_WRITTEN

/* Which fields of a date the text writes (times.h): the year in digits
 * or words, or counted from a date whose year was written; the day of
 * the month as a number of the expression's own. Not the DCT's year or
 * day, a weekday's, a word's, a holiday's or a clock time's. */
static void written_fields(void **state) {
  (void)state;
  /* written in the expression */
  found f = run("The Brell dam opened on June 5, 2013, closed on 6/7/98 and "
                "reopened 2031-03-10. Fiscal 1989 was dry, the 1990s wet, "
                "and in summer 2013 and June '98 the river rose. The Orvane "
                "line ran by Christmas 2031.",
                DCT);
  expect_written(&f, "June 5, 2013", "DATE", "2013-06-05", YW | DW);
  expect_written(&f, "6/7/98", "DATE", "1998-06-07", YW | DW);
  expect_written(&f, "2031-03-10", "DATE", "2031-03-10", YW | DW);
  expect_written(&f, "Fiscal 1989", "DATE", "1989", YW);
  expect_written(&f, "the 1990s", "DATE", "199", YW);
  expect_written(&f, "summer 2013", "DATE", "2013-SU", YW);
  expect_written(&f, "June '98", "DATE", "1998-06", YW);
  expect_written(&f, "Christmas 2031", "DATE", "2031-12-25", YW);
  done(&f);
  f = run("The depot reopened in nineteen ninety-four after repairs.", DCT);
  expect_written(&f, "nineteen ninety-four", "DATE", "1994", YW);
  done(&f);
  /* the DCT's year, a weekday's or a word's day (the DCT is June 5: the
   * hour "5 p.m." is no day written) */
  f = run("The Velk council adjourned at 5 p.m.", DCT);
  expect_written(&f, "5 p.m.", "TIME", "2025-06-05T17:00", 0);
  done(&f);
  f = run("The Velk council met on June 7 and on Monday and voted "
          "yesterday. It closed last week, grew this year, fell in June "
          "last year, shut on Christmas and two years ago.",
          DCT);
  expect_written(&f, "June 7", "DATE", "2025-06-07", DW);
  expect_written(&f, "Monday", "DATE", "2025-06-02", 0);
  expect_written(&f, "yesterday", "DATE", "2025-06-04", 0);
  expect_written(&f, "last week", "DATE", "2025-W22", 0);
  expect_written(&f, "this year", "DATE", "2025", 0);
  expect_written(&f, "June last year", "DATE", "2024-06", 0);
  expect_written(&f, "Christmas", "DATE", "2024-12-25", 0);
  expect_written(&f, "two years ago", "DATE", "2023", 0);
  done(&f);
  /* counted from a date of the text: the year when that one's was
   * written, never the day */
  f = run("The Korsa mine flooded in 2013. Two years later it closed.", DCT);
  expect_written(&f, "2013", "DATE", "2013", YW);
  expect_written(&f, "Two years later", "DATE", "2015", YW);
  done(&f);
  f = run("The Korsa mine flooded on March 10, 2013. The next day it "
          "closed, and at 5 p.m. the pumps stopped.",
          DCT);
  expect_written(&f, "March 10, 2013", "DATE", "2013-03-10", YW | DW);
  expect_written(&f, "The next day", "DATE", "2013-03-11", YW);
  expect_written(&f, "5 p.m.", "TIME", "2013-03-11T17:00", YW);
  done(&f);
  f = run("The Korsa mine flooded on March 10. The next day it closed.", DCT);
  expect_written(&f, "March 10", "DATE", "2025-03-10", DW);
  expect_written(&f, "The next day", "DATE", "2025-03-11", 0);
  done(&f);
  f = run("Orvane Corp. earned more in the third quarter of 2013 than a year "
          "earlier.",
          DCT);
  expect_written(&f, "the third quarter of 2013", "DATE", "2013-Q3", YW);
  expect_written(&f, "a year earlier", "DATE", "2012-Q3", YW);
  done(&f);
  f = run("Orvane Corp. earned more in the fourth quarter than a year earlier.",
          DCT);
  expect_written(&f, "the fourth quarter", "DATE", "2024-Q4", 0);
  expect_written(&f, "a year earlier", "DATE", "2023-Q4", 0);
  done(&f);
  /* a day in a clock time's span is written; the second of two days */
  f = run("The Orvane ferry left at 5 p.m. March 10, 2013 and sailed on "
          "Friday, March 14 and on April 24 and 25.",
          DCT);
  expect_written(&f, "5 p.m. March 10, 2013", "TIME", "2013-03-10T17:00",
                 YW | DW);
  expect_written(&f, "Friday, March 14", "DATE", "2025-03-14", DW);
  expect_written(&f, "April 24", "DATE", "2025-04-24", DW);
  expect_written(&f, "25", "DATE", "2025-04-25", DW);
  done(&f);
  /* two dates: the second's year is the DCT's, not the first's */
  f = run("The Brell bridge was built in 1998. It was repaired on June 2.",
          DCT);
  expect_written(&f, "1998", "DATE", "1998", YW);
  expect_written(&f, "June 2", "DATE", "2025-06-02", DW);
  done(&f);
  /* no DCT: a day with no year; a year counted from a written one */
  f = run("The Velk mill burned on June 5 and on Monday. In 2013 it was "
          "rebuilt; a year later it closed.",
          NULL);
  expect_written(&f, "June 5", "DATE", "XXXX-06-05", DW);
  expect_written(&f, "Monday", "DATE", "XXXX-WXX-1", 0);
  expect_written(&f, "2013", "DATE", "2013", YW);
  expect_written(&f, "a year later", "DATE", "2014", YW);
  done(&f);
  /* cw_times_find_an() gives the same bits */
  static const char *const texts[] = {
      "The Korsa mine flooded on March 10, 2013. The next day it closed, "
      "and at 5 p.m. the pumps stopped. Two years later, on Monday, "
      "June 5 and 6, it reopened; Christmas 2031 and the 1990s.",
      "The Velk mill burned on 6/7/98 and yesterday. In 2013 it was "
      "rebuilt; a year later it closed by Christmas.",
  };
  for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
    assert_true(same_with_analysis(texts[k], strlen(texts[k]), DCT) >= 5);
    assert_true(same_with_analysis(texts[k], strlen(texts[k]), NULL) >= 3);
  }
  /* durations, sets and references write no field */
  f = run("The Korsa strike lasted three years, recurs every June and is "
          "over now.",
          DCT);
  expect_written(&f, "three years", "DURATION", "P3Y", 0);
  expect_written(&f, "every June", "SET", "XXXX-06", 0);
  expect_written(&f, "now", "DATE", "PRESENT_REF", 0);
  done(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(absolute_dates),
      cmocka_unit_test(blank_bytes_separate_words),
      cmocka_unit_test(seasons_quarters),
      cmocka_unit_test(weekdays_follow_tense),
      cmocka_unit_test(tense_window),
      cmocka_unit_test(day_words),
      cmocka_unit_test(relative_dates),
      cmocka_unit_test(anchored_on_previous_date),
      cmocka_unit_test(present_past_refs),
      cmocka_unit_test(clock_times),
      cmocka_unit_test(minutes_ago),
      cmocka_unit_test(durations),
      cmocka_unit_test(sets),
      cmocka_unit_test(no_dct_leaves_placeholders),
      cmocka_unit_test(earnings_periods),
      cmocka_unit_test(weekday_cues),
      cmocka_unit_test(last_year_compared),
      cmocka_unit_test(clause_tenses),
      cmocka_unit_test(weekdays_in_a_row),
      cmocka_unit_test(clock_time_then_day),
      cmocka_unit_test(in_months_looking_back),
      cmocka_unit_test(fractions_holidays_spoken),
      cmocka_unit_test(holiday_modifiers),
      cmocka_unit_test(not_times),
      cmocka_unit_test(word_lookup),
      cmocka_unit_test(type_names),
      cmocka_unit_test(hostile_input),
      cmocka_unit_test(values_of_every_form),
      cmocka_unit_test(skipped_words_before_dates),
      cmocka_unit_test(function_words_before_other_words),
      cmocka_unit_test(cue_words_never_start),
      cmocka_unit_test(abbreviations_end_no_sentence),
      cmocka_unit_test(lexicon_words_any_case_and_place),
      cmocka_unit_test(analysis_words_same_expressions),
      cmocka_unit_test(analysis_words_between_and_after),
      cmocka_unit_test(month_days_across_years),
      cmocka_unit_test(word_letters_read_from_text),
      cmocka_unit_test(each_kind_of_start),
      cmocka_unit_test(written_fields),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
