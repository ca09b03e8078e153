/* test_facts.c - amounts, percentages, counted quantities and roles found
 * in invented news sentences, with their qualifiers and spans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyze/facts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct found {
  cw_analysis *an;
  cw_fact *f;
  size_t n;
} found;

static found facts_of(const char *text) {
  found r = {0};
  assert_int_equal(cw_analyze(NULL, text, strlen(text), &r.an), CW_OK);
  assert_int_equal(cw_facts_find(text, strlen(text), r.an, &r.f, &r.n), CW_OK);
  return r;
}

/* The fact whose text is exactly span, or NULL. */
static const cw_fact *with_text(const found *r, const char *text,
                                const char *span) {
  for (size_t i = 0; i < r->n; i++)
    if (r->f[i].end - r->f[i].start == strlen(span) &&
        !memcmp(text + r->f[i].start, span, strlen(span)))
      return &r->f[i];
  return NULL;
}

static void money_with_scale_and_hedge(void **state) {
  (void)state;
  const char *t = "Rebuilding the bridge will cost nearly \xe2\x82\xac" "300 million, "
                  "up from an estimate of $250m last year.";
  found r = facts_of(t);
  const cw_fact *a = with_text(&r, t, "nearly \xe2\x82\xac" "300 million");
  assert_non_null(a);
  assert_int_equal(a->kind, CW_FACT_MONEY);
  assert_string_equal(a->subject, "EUR");
  assert_true(a->number == 300e6);
  assert_int_equal(a->qualifier, CW_QUAL_ATMOST);
  assert_string_equal(a->value, "<300000000 EUR");
  const cw_fact *b = with_text(&r, t, "$250m");
  assert_non_null(b);
  assert_string_equal(b->subject, "USD");
  assert_true(b->number == 250e6);
  assert_false(cw_fact_compatible(a, b) && strcmp(a->subject, b->subject) == 0);
  cw_analysis_free(r.an);
}

/* Every qualifier, in any case, before a count: its span and mark; a
 * word that only looks like one ("Tomorrow", "tool", "atoms") adds
 * none. */
static void every_qualifier(void **state) {
  (void)state;
  static const struct {
    const char *q;
    int qual, approx;
  } quals[] = {{"more than", CW_QUAL_ATLEAST, 0},
               {"AT LEAST", CW_QUAL_ATLEAST, 0},
               {"Upwards of", CW_QUAL_ATLEAST, 0},
               {"less than", CW_QUAL_ATMOST, 0},
               {"fewer than", CW_QUAL_ATMOST, 0},
               {"up to", CW_QUAL_ATMOST, 0},
               {"at most", CW_QUAL_ATMOST, 0},
               {"Close to", CW_QUAL_ATMOST, 1},
               {"nearly", CW_QUAL_ATMOST, 1},
               {"ALMOST", CW_QUAL_ATMOST, 1},
               {"over", CW_QUAL_ATLEAST, 0},
               {"under", CW_QUAL_ATMOST, 0},
               {"About", CW_QUAL_EXACT, 1},
               {"around", CW_QUAL_EXACT, 1},
               {"roughly", CW_QUAL_EXACT, 1},
               {"some", CW_QUAL_EXACT, 1},
               {"approximately", CW_QUAL_EXACT, 1},
               {"an estimated", CW_QUAL_EXACT, 1},
               {"Estimated", CW_QUAL_EXACT, 1},
               {"tool", CW_QUAL_EXACT, -1},
               {"atoms", CW_QUAL_EXACT, -1},
               {"Tomorrow", CW_QUAL_EXACT, -1}};
  char t[128], span[64];
  for (size_t k = 0; k < sizeof quals / sizeof quals[0]; k++) {
    snprintf(t, sizeof t, "The strike drew %s 40 dockers to the quay.",
             quals[k].q);
    found r = facts_of(t);
    if (quals[k].approx < 0) {
      snprintf(span, sizeof span, "40 dockers");
    } else {
      snprintf(span, sizeof span, "%s 40 dockers", quals[k].q);
      if (!strncmp(quals[k].q, "an ", 3)) /* "an estimated": both words */
        snprintf(span, sizeof span, "an estimated 40 dockers");
    }
    const cw_fact *f = with_text(&r, t, span);
    if (!f)
      fail_msg("no fact [%s] in [%s]", span, t);
    assert_int_equal(f->qualifier, quals[k].qual);
    assert_int_equal(f->approximate, quals[k].approx > 0);
    cw_analysis_free(r.an);
  }
}

static void counts_with_their_nouns(void **state) {
  (void)state;
  const char *t = "The collapse injured 12 workers. At least 15 people were "
                  "hurt, said the union, which has 3,400 of its members on "
                  "strike. Shares fell 9 percent.";
  found r = facts_of(t);
  const cw_fact *w = with_text(&r, t, "12 workers");
  assert_non_null(w);
  assert_int_equal(w->kind, CW_FACT_QUANTITY);
  assert_string_equal(w->subject, "worker");
  const cw_fact *p = with_text(&r, t, "At least 15 people");
  assert_non_null(p);
  assert_int_equal(p->qualifier, CW_QUAL_ATLEAST);
  assert_false(cw_fact_compatible(w, p)); /* 12 cannot be at least 15 */
  const cw_fact *m = with_text(&r, t, "3,400 of its members");
  assert_non_null(m);
  assert_true(m->number == 3400);
  const cw_fact *pc = with_text(&r, t, "9 percent");
  assert_non_null(pc);
  assert_int_equal(pc->kind, CW_FACT_PERCENT);
  cw_analysis_free(r.an);
}

/* Hedges of one and two words, "per cent" and clock times are matched
 * whatever the case of the text (words compared folded, in place). */
static void words_matched_in_any_case(void **state) {
  (void)state;
  const char *t = "An estimated 40 houses burned and AN ESTIMATED 70 barns "
                  "fell; around 5 per cent of crops and About 12 percent of "
                  "roads. At 3 P.M. the 4 a.m. crews, roughly 300 sheep.";
  found r = facts_of(t);
  const cw_fact *h = with_text(&r, t, "An estimated 40 houses");
  assert_non_null(h);
  assert_int_equal(h->kind, CW_FACT_QUANTITY);
  assert_true(h->approximate);
  const cw_fact *b = with_text(&r, t, "AN ESTIMATED 70 barns");
  assert_non_null(b);
  assert_true(b->approximate);
  assert_string_equal(b->subject, "barn");
  const cw_fact *pc = with_text(&r, t, "around 5 per cent");
  assert_non_null(pc);
  assert_int_equal(pc->kind, CW_FACT_PERCENT);
  assert_string_equal(pc->value, "~5%");
  const cw_fact *ab = with_text(&r, t, "About 12 percent");
  assert_non_null(ab);
  assert_true(ab->approximate);
  assert_non_null(with_text(&r, t, "roughly 300 sheep"));
  assert_int_equal(r.n, 5); /* "3 P.M." and "4 a.m." are clock times */
  cw_analysis_free(r.an);
}

static void dates_years_and_times_are_not_facts(void **state) {
  (void)state;
  const char *t = "On March 3, 2026, at 6 a.m., the 17th-century clock "
                  "stopped, as it had in 1998.";
  found r = facts_of(t);
  for (size_t i = 0; i < r.n; i++)
    assert_int_equal(r.f[i].kind, CW_FACT_ROLE);
  cw_analysis_free(r.an);
}

static void hedges_decide_compatibility(void **state) {
  (void)state;
  cw_fact a = {.kind = CW_FACT_QUANTITY, .number = 8000, .approximate = 1};
  cw_fact b = {.kind = CW_FACT_QUANTITY, .number = 11000,
               .qualifier = CW_QUAL_ATLEAST};
  cw_fact c = {.kind = CW_FACT_QUANTITY, .number = 8300};
  cw_fact d = {.kind = CW_FACT_QUANTITY, .number = 4.2e6};
  cw_fact e = {.kind = CW_FACT_QUANTITY, .number = 4e6,
               .qualifier = CW_QUAL_ATLEAST};
  assert_false(cw_fact_compatible(&a, &b));
  assert_true(cw_fact_compatible(&a, &c));  /* about 8,000 allows 8,300 */
  assert_true(cw_fact_compatible(&d, &e));  /* 4.2 million is more than 4 */
  assert_false(cw_fact_compatible(&b, &c));
}

static void roles_from_entity_mentions(void **state) {
  (void)state;
  const char *t = "Former Transport Minister Irena Solberg testified on "
                  "Friday. Mr Dane thanked Ms Solberg.";
  found r = facts_of(t);
  const cw_fact *role = NULL;
  size_t roles = 0;
  for (size_t i = 0; i < r.n; i++)
    if (r.f[i].kind == CW_FACT_ROLE) {
      roles++;
      role = &r.f[i];
    }
  assert_int_equal(roles, 1); /* "Mr", "Ms" are honorifics, not roles */
  assert_string_equal(role->subject, "Irena Solberg");
  assert_non_null(strstr(role->value, "Transport Minister"));
  cw_analysis_free(r.an);
}

static void hostile_numbers(void **state) {
  (void)state;
  size_t n = 200000;
  char *t = malloc(n + 1);
  assert_non_null(t);
  for (size_t i = 0; i < n; i++)
    t[i] = (i % 7 == 6) ? ' ' : (i % 13 == 0 ? ',' : '9');
  t[n] = 0;
  found r = facts_of(t);
  assert_true(r.n < n);
  cw_analysis_free(r.an);
  free(t);
}

/* Every value is what printf's %g (percentages) or %.15g (the others)
 * writes for the number after the qualifier's mark: whole numbers are
 * written without printf, the rest with it, and both must agree. */
static void values_as_printf_writes_them(void **state) {
  (void)state;
  const char *t = "Turnout reached 61.5% after 40% in 2019, and 0.25% of "
                  "ballots were void. The port handled 1,500,000 containers "
                  "and nearly 7 billion tonnes, up from about 3,400 ships. "
                  "At least 15 people were hurt and 2.5 million passengers "
                  "stranded; fares rose 1200% and costs 999999% for some 12 "
                  "airlines, while more than 250,000,000,000,000 grains of "
                  "sand were moved by 9 dredgers.";
  found r = facts_of(t);
  assert_true(r.n >= 8);
  for (size_t i = 0; i < r.n; i++) {
    const cw_fact *f = &r.f[i];
    const char *mark = f->qualifier == CW_QUAL_ATLEAST  ? ">"
                       : f->qualifier == CW_QUAL_ATMOST ? "<"
                       : f->approximate                 ? "~"
                                                        : "";
    char want[128];
    if (f->kind == CW_FACT_PERCENT)
      snprintf(want, sizeof want, "%s%g%%", mark, f->number);
    else
      snprintf(want, sizeof want, "%s%.15g %s", mark, f->number, f->subject);
    assert_string_equal(f->value, want);
  }
  const cw_fact *p = with_text(&r, t, "61.5%");
  assert_non_null(p);
  assert_string_equal(p->value, "61.5%");
  p = with_text(&r, t, "40%");
  assert_non_null(p);
  assert_string_equal(p->value, "40%");
  cw_analysis_free(r.an);
}

/* Month names beside a number, in any case, make it a date (the month
 * check skips tokens by their first letter: every month must still be
 * seen); words sharing a month's first letter, or a time word's, are
 * counted. */
static void months_by_first_letter(void **state) {
  (void)state;
  static const char *const months[] = {
      "january", "february", "march", "april",     "may",     "june",
      "july",    "august",   "september", "october", "november", "december",
      "jan",     "feb",      "mar",   "apr",       "jun",     "jul",
      "aug",     "sep",      "sept",  "oct",       "nov",     "dec"};
  for (size_t m = 0; m < sizeof months / sizeof *months; m++) {
    for (int form = 0; form < 3; form++) {
      char w[16], t[128];
      snprintf(w, sizeof w, "%s", months[m]);
      for (size_t k = 0; w[k]; k++)
        if (form == 2 || (form == 1 && k == 0))
          w[k] = (char)(w[k] - 'a' + 'A');
      snprintf(t, sizeof t, "The ferry ran on %s 12 and again 14 %s.", w, w);
      found r = facts_of(t);
      for (size_t i = 0; i < r.n; i++)
        assert_int_equal(r.f[i].kind, CW_FACT_ROLE);
      cw_analysis_free(r.an);
    }
  }
  /* same first letters, no months: counted */
  const char *t = "Crews stacked 12 jars, 14 marbles, 16 otters and 18 hounds.";
  found r = facts_of(t);
  assert_non_null(with_text(&r, t, "12 jars"));
  assert_non_null(with_text(&r, t, "14 marbles"));
  assert_non_null(with_text(&r, t, "16 otters"));
  assert_non_null(with_text(&r, t, "18 hounds"));
  cw_analysis_free(r.an);
  /* time words are no nouns to count */
  t = "Crews waited 12 hours, 14 minutes, 16 days and 18 weeks.";
  r = facts_of(t);
  assert_null(with_text(&r, t, "12 hours"));
  assert_null(with_text(&r, t, "18 weeks"));
  cw_analysis_free(r.an);
}

/* The answers facts.c keeps per word of the analysis (a month? a noun to
 * count?) are those of each of the word's tokens: a word counted twice is
 * counted alike, a capitalised token of a counted word is not counted, a
 * month is one wherever it comes; and the facts of the analysis's own
 * tokens (kept answers) are those of tokens made afresh (none kept). */
static void word_answers_kept_per_word(void **state) {
  (void)state;
  const char *t = "The port moved 300 crates on 3 May. Officials said 12 "
                  "workers left and 8 workers stayed, and 7 Workers Party "
                  "members joined. In May 4 crates broke, 9 crates sank.";
  found r = facts_of(t);
  static const char *const counted[] = {"300 crates", "12 workers",
                                        "8 workers", "9 crates"};
  size_t quantities = 0;
  for (size_t i = 0; i < r.n; i++)
    quantities += r.f[i].kind == CW_FACT_QUANTITY;
  assert_int_equal(quantities, 4);
  for (size_t k = 0; k < 4; k++)
    assert_non_null(with_text(&r, t, counted[k]));
  assert_string_equal(with_text(&r, t, "12 workers")->subject, "worker");
  assert_string_equal(with_text(&r, t, "8 workers")->subject, "worker");
  assert_null(with_text(&r, t, "7 Workers"));
  assert_null(with_text(&r, t, "4 crates"));
  /* the same text one byte longer: cw_facts_find() tokenizes it afresh */
  char longer[256];
  snprintf(longer, sizeof longer, "%s ", t);
  cw_fact *f2;
  size_t n2;
  assert_int_equal(cw_facts_find(longer, strlen(longer), r.an, &f2, &n2),
                   CW_OK);
  size_t q2 = 0;
  for (size_t i = 0; i < n2; i++) {
    if (f2[i].kind != CW_FACT_QUANTITY)
      continue;
    const cw_fact *same = NULL;
    for (size_t j = 0; j < r.n && !same; j++)
      if (r.f[j].start == f2[i].start && r.f[j].end == f2[i].end)
        same = &r.f[j];
    assert_non_null(same);
    assert_string_equal(same->value, f2[i].value);
    q2++;
  }
  assert_int_equal(q2, quantities);
  cw_analysis_free(r.an);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(money_with_scale_and_hedge),
      cmocka_unit_test(counts_with_their_nouns),
      cmocka_unit_test(every_qualifier),
      cmocka_unit_test(words_matched_in_any_case),
      cmocka_unit_test(dates_years_and_times_are_not_facts),
      cmocka_unit_test(hedges_decide_compatibility),
      cmocka_unit_test(roles_from_entity_mentions),
      cmocka_unit_test(hostile_numbers),
      cmocka_unit_test(values_as_printf_writes_them),
      cmocka_unit_test(months_by_first_letter),
      cmocka_unit_test(word_answers_kept_per_word),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
