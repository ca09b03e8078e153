/* test_facts.c - amounts, percentages, counted quantities and roles found
 * in invented news sentences, with their qualifiers and spans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyze/facts.h"

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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(money_with_scale_and_hedge),
      cmocka_unit_test(counts_with_their_nouns),
      cmocka_unit_test(dates_years_and_times_are_not_facts),
      cmocka_unit_test(hedges_decide_compatibility),
      cmocka_unit_test(roles_from_entity_mentions),
      cmocka_unit_test(hostile_numbers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
