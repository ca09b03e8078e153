/* test_story.c - term vectors, cosine and the online assignment rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "story/story.h"

#include <math.h>
#include <string.h>

static cw_termvec vec_of(const char **terms, const float *w, size_t n) {
  cw_termvec v = {0};
  for (size_t i = 0; i < n; i++) {
    cw_wterm t = {(char *)terms[i], w[i]};
    cw_termvec one = {&t, 1};
    assert_int_equal(cw_termvec_add(&v, &one, 1000), CW_OK);
  }
  return v;
}

static void cosine_of_identical_and_disjoint(void **state) {
  (void)state;
  const char *a[] = {"port", "strike", "e:lidia varga"};
  const char *b[] = {"fire", "valley"};
  float w[] = {1, 2, 3};
  cw_termvec va = vec_of(a, w, 3), vb = vec_of(b, w, 2);
  assert_true(fabs(cw_termvec_cosine(&va, &va) - 1.0) < 1e-6);
  assert_true(cw_termvec_cosine(&va, &vb) == 0.0);
  cw_termvec none = {0};
  assert_true(cw_termvec_cosine(&va, &none) == 0.0);
  cw_termvec_free(&va);
  cw_termvec_free(&vb);
}

static void add_merges_sorted_and_truncates(void **state) {
  (void)state;
  const char *a[] = {"strike", "port"};
  float wa[] = {1, 5};
  const char *b[] = {"port", "dock", "union"};
  float wb[] = {1, 0.5f, 9};
  cw_termvec va = vec_of(a, wa, 2), vb = vec_of(b, wb, 3);
  assert_int_equal(cw_termvec_add(&va, &vb, 3), CW_OK);
  /* kept: union 9, port 6, strike 1; dropped: dock 0.5; sorted by term */
  assert_int_equal(va.n, 3);
  assert_string_equal(va.items[0].term, "port");
  assert_true(va.items[0].w == 6.0f);
  assert_string_equal(va.items[1].term, "strike");
  assert_string_equal(va.items[2].term, "union");
  size_t idx[2];
  assert_int_equal(cw_termvec_top(&va, 2, idx), 2);
  assert_string_equal(va.items[idx[0]].term, "union");
  assert_string_equal(va.items[idx[1]].term, "port");
  cw_termvec_free(&va);
  cw_termvec_free(&vb);
}

static void vector_weights_rare_terms_and_names(void **state) {
  (void)state;
  cw_term terms[] = {{"e:lidia varga", 2, 1}, {"port", 2, 0}, {"said", 2, 0}};
  cw_analysis an = {.terms = terms, .n_terms = 3};
  uint32_t df[] = {3, 3, 900};
  cw_termvec v;
  assert_int_equal(cw_story_vector(&an, df, 1000, &v), CW_OK);
  assert_int_equal(v.n, 3);
  assert_true(fabs(cw_termvec_norm(&v) - 1.0) < 1e-5);
  /* sorted by term: e:lidia varga, port, said */
  assert_true(v.items[0].w > v.items[1].w); /* the name is boosted */
  assert_true(v.items[1].w > 2 * v.items[2].w); /* the common word is not */
  cw_termvec_free(&v);
}

static void pick_joins_best_above_threshold_within_window(void **state) {
  (void)state;
  const char *t1[] = {"port", "strike", "union"};
  const char *t2[] = {"fire", "valley", "evacuate"};
  float w[] = {1, 1, 1};
  cw_termvec art = vec_of(t1, w, 3);
  cw_story_candidate c[2] = {{1, 0, vec_of(t2, w, 3)}, {2, 0, vec_of(t1, w, 3)}};
  double score;
  assert_int_equal(cw_story_pick(&art, 0, c, 2, &score), 1);
  assert_true(score > 0.99);
  /* the same story gone quiet for longer than the window is not joined */
  int64_t day = 86400;
  c[1].last_published = 100 * day;
  assert_int_equal(
      cw_story_pick(&art, (100 + CW_STORY_WINDOW_DAYS + 1) * day, c, 2, &score),
      -1);
  assert_int_equal(cw_story_pick(&art, 101 * day, c, 2, &score), 1);
  /* nothing similar: open a new story */
  assert_int_equal(cw_story_pick(&art, 0, c, 1, &score), -1);
  assert_int_equal(cw_story_pick(&art, 0, NULL, 0, &score), -1);
  cw_termvec_free(&art);
  cw_termvec_free(&c[0].centroid);
  cw_termvec_free(&c[1].centroid);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(cosine_of_identical_and_disjoint),
      cmocka_unit_test(add_merges_sorted_and_truncates),
      cmocka_unit_test(vector_weights_rare_terms_and_names),
      cmocka_unit_test(pick_joins_best_above_threshold_within_window),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
