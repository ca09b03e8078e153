/* test_joins.c - descriptions that one article leaves open ("the prime
 * minister" with two people it could be) joined across the articles
 * analysed together (cw_analyses_join), on invented articles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyze/analyze.h"
#include "analyze/quotes.h"

#include <stdlib.h>
#include <string.h>

/* Two people argue, then "the prime minister" speaks: either could be. */
static const char open_text[] =
    "Ilse Varnholt and Tomas Brek argued over the harbour budget in the "
    "chamber on Tuesday.\n\n"
    "\"We will not move the date,\" the prime minister said after the "
    "vote.\n";

static cw_analysis *analysed(const char *text) {
  cw_analysis *a = NULL;
  assert_int_equal(cw_analyze(NULL, text, strlen(text), &a), CW_OK);
  assert_int_equal(cw_analyze_deep(a, text, strlen(text), "2026-03-04"),
                   CW_OK);
  return a;
}

static const cw_entity *person(const cw_analysis *a, const char *name) {
  for (size_t e = 0; e < a->n_entities; e++)
    if (a->entities[e].type == CW_ENT_PERSON &&
        !strcmp(a->entities[e].name, name))
      return &a->entities[e];
  return NULL;
}

static int has_alias(const cw_entity *en, const char *alias) {
  for (size_t k = 0; en && k < en->n_aliases; k++)
    if (!strcmp(en->aliases[k], alias))
      return 1;
  return 0;
}

/* The analyses of texts[0..n), joined; the first is the open one. */
static void join_all(const char *const *texts, size_t n, cw_analysis **v) {
  for (size_t i = 0; i < n; i++)
    v[i] = analysed(texts[i]);
  assert_int_equal(cw_analyses_join(v, n), CW_OK);
}

static void free_all(cw_analysis **v, size_t n) {
  for (size_t i = 0; i < n; i++)
    cw_analysis_free(v[i]);
}

/* Alone, the article cannot tell: the description stays open. */
static void alone_stays_open(void **state) {
  (void)state;
  cw_analysis *v[1];
  join_all((const char *[]){open_text}, 1, v);
  assert_non_null(person(v[0], "Ilse Varnholt"));
  assert_non_null(person(v[0], "Tomas Brek"));
  assert_int_equal(v[0]->n_open_descs, 1);
  assert_string_equal(v[0]->open_descs[0].alias, "the prime minister");
  assert_string_equal(v[0]->open_descs[0].need, "prime minister");
  assert_false(has_alias(person(v[0], "Ilse Varnholt"), "the prime minister"));
  assert_false(has_alias(person(v[0], "Tomas Brek"), "the prime minister"));
  free_all(v, 1);
}

/* Another article titles Varnholt: the description is hers, with a
 * mention in text order and the quote (which the quotes alone gave to the
 * nearer name). */
static void role_elsewhere_joins(void **state) {
  (void)state;
  cw_analysis *v[2];
  join_all((const char *[]){open_text,
                            "Prime Minister Ilse Varnholt opened the new "
                            "ferry terminal in Lorvik on Monday.\n"},
           2, v);
  const cw_entity *ilse = person(v[0], "Ilse Varnholt");
  assert_true(has_alias(ilse, "the prime minister"));
  assert_false(has_alias(person(v[0], "Tomas Brek"), "the prime minister"));
  assert_int_equal(v[0]->n_open_descs, 0);
  size_t at = (size_t)(strstr(open_text, "the prime minister said") -
                       open_text);
  int found = 0;
  for (size_t m = 0; m < ilse->n_mentions; m++) {
    if (m)
      assert_true(ilse->mentions[m - 1].start <= ilse->mentions[m].start);
    if (ilse->mentions[m].start == at && ilse->mentions[m].description)
      found = 1;
  }
  assert_true(found);
  const cw_quote *said = NULL;
  for (size_t q = 0; q < v[0]->n_quotes; q++)
    if (v[0]->quotes[q].cue && !strcmp(v[0]->quotes[q].cue, "said"))
      said = &v[0]->quotes[q];
  assert_non_null(said);
  assert_string_equal(said->speaker, "Ilse Varnholt");
  assert_true(said->speaker_entity >= 0);
  assert_ptr_equal(&v[0]->entities[said->speaker_entity], ilse);
  free_all(v, 2);
}

/* A former prime minister is not "the prime minister". */
static void rank_the_description_lacks(void **state) {
  (void)state;
  cw_analysis *v[2];
  join_all((const char *[]){open_text,
                            "Former Prime Minister Ilse Varnholt opened the "
                            "new ferry terminal in Lorvik on Monday.\n"},
           2, v);
  assert_false(has_alias(person(v[0], "Ilse Varnholt"), "the prime minister"));
  assert_int_equal(v[0]->n_open_descs, 1);
  free_all(v, 2);
}

/* Articles that give the office to both people leave it open. */
static void two_holders_stay_open(void **state) {
  (void)state;
  cw_analysis *v[3];
  join_all((const char *[]){open_text,
                            "Prime Minister Ilse Varnholt opened the new "
                            "ferry terminal in Lorvik on Monday.\n",
                            "Prime Minister Tomas Brek flew to Ostrava for "
                            "the summit on Monday.\n"},
           3, v);
  assert_false(has_alias(person(v[0], "Ilse Varnholt"), "the prime minister"));
  assert_false(has_alias(person(v[0], "Tomas Brek"), "the prime minister"));
  assert_int_equal(v[0]->n_open_descs, 1);
  free_all(v, 3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(alone_stays_open),
      cmocka_unit_test(role_elsewhere_joins),
      cmocka_unit_test(rank_the_description_lacks),
      cmocka_unit_test(two_holders_stay_open),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
