/* test_copies.c - MinHash signatures, band keys and containment on
 * invented wire copy: a republished article, a trimmed one, one with a
 * boilerplate line, and an independent article on the same event. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "story/copies.h"

#include <stdio.h>
#include <string.h>

static const char wire[] =
    "Dockworkers at the Port of Elmsby walked out at dawn on Tuesday, "
    "leaving eleven container ships waiting in the outer roads.\n\n"
    "The strike was called by the Elmsby Harbour Workers' Guild after a "
    "forklift overturned on the north quay last week, injuring two "
    "stevedores.\n\n"
    "Guild secretary Ada Korhonen said the union wanted an independent "
    "review of every machine on the quays before its members returned.\n\n"
    "The port authority said talks would resume on Thursday and that "
    "perishable cargo was being diverted to the river terminal.";

static const char trimmed[] =
    "Dockworkers at the Port of Elmsby walked out at dawn on Tuesday, "
    "leaving eleven container ships waiting in the outer roads.\n\n"
    "The strike was called by the Elmsby Harbour Workers' Guild after a "
    "forklift overturned on the north quay last week, injuring two "
    "stevedores.\n\n"
    "Guild secretary Ada Korhonen said the union wanted an independent "
    "review of every machine on the quays before its members returned.";

static const char independent[] =
    "Eleven ships sat idle off Elmsby on Tuesday as a walkout by dockers "
    "entered its first day. Ada Korhonen, who leads the harbour guild, "
    "told our reporter that safety came before cargo. The port authority "
    "expects to meet the guild later in the week.";

static void identical_texts_share_every_hash(void **state) {
  (void)state;
  cw_minhash a, b;
  assert_int_equal(cw_minhash_text(wire, strlen(wire), &a), CW_OK);
  assert_int_equal(cw_minhash_text(wire, strlen(wire), &b), CW_OK);
  assert_true(cw_minhash_jaccard(&a, &b) == 1.0);
  assert_true(a.n_shingles > CW_COPY_MIN_SHINGLES);
  uint64_t ba[CW_MINHASH_BANDS], bb[CW_MINHASH_BANDS];
  cw_minhash_bands(&a, ba);
  cw_minhash_bands(&b, bb);
  assert_memory_equal(ba, bb, sizeof ba);
  for (size_t i = 0; i < CW_MINHASH_BANDS; i++)
    assert_true(ba[i] < ((uint64_t)1 << 63));
}

static void trimmed_copy_is_contained(void **state) {
  (void)state;
  double c;
  assert_int_equal(cw_shingle_containment(wire, strlen(wire), trimmed,
                                          strlen(trimmed), &c),
                   CW_OK);
  assert_true(c >= CW_COPY_CONTAINMENT);
  cw_minhash a, b;
  cw_minhash_text(wire, strlen(wire), &a);
  cw_minhash_text(trimmed, strlen(trimmed), &b);
  assert_true(cw_minhash_jaccard(&a, &b) > 0.5);
}

static void case_and_punctuation_do_not_matter(void **state) {
  (void)state;
  char shout[sizeof wire];
  memcpy(shout, wire, sizeof wire);
  for (size_t i = 0; shout[i]; i++) {
    if (shout[i] >= 'a' && shout[i] <= 'z')
      shout[i] = (char)(shout[i] - 32);
    if (shout[i] == ',')
      shout[i] = ';';
  }
  double c;
  cw_shingle_containment(wire, strlen(wire), shout, strlen(shout), &c);
  assert_true(c == 1.0);
}

static void independent_report_is_not_a_copy(void **state) {
  (void)state;
  double c;
  cw_shingle_containment(wire, strlen(wire), independent, strlen(independent),
                         &c);
  assert_true(c < 0.2);
  cw_minhash a, b;
  cw_minhash_text(wire, strlen(wire), &a);
  cw_minhash_text(independent, strlen(independent), &b);
  assert_true(cw_minhash_jaccard(&a, &b) < 0.3);
}

static void short_and_empty_texts(void **state) {
  (void)state;
  cw_minhash m;
  assert_int_equal(cw_minhash_text("", 0, &m), CW_OK);
  assert_int_equal(m.n_shingles, 0);
  assert_int_equal(cw_minhash_text("Four words only here", 20, &m), CW_OK);
  assert_int_equal(m.n_shingles, 0);
  double c = 1;
  cw_shingle_containment("", 0, wire, strlen(wire), &c);
  assert_true(c == 0);
}

/* The shingle set is ascending with no repeats whatever the input order:
 * 400 distinct words give 396 shingles; a 30-word passage said five times
 * over gives 30 (every shingle of a periodic text recurs); the set made
 * once compares as the texts do. */
static void shingle_sets_sorted_and_distinct(void **state) {
  (void)state;
  char text[8192], passage[512];
  size_t n = 0;
  for (int i = 0; i < 400; i++) /* w0 ... w399, shuffled by a stride */
    n += (size_t)snprintf(text + n, sizeof text - n, "w%d ", (i * 37) % 400);
  cw_shingle_set a;
  assert_int_equal(cw_shingles(text, n, &a), CW_OK);
  assert_int_equal(a.n, 396);
  for (size_t i = 1; i < a.n; i++)
    assert_true(a.h[i - 1] < a.h[i]);
  size_t m = 0;
  for (int i = 0; i < 30; i++)
    m += (size_t)snprintf(passage + m, sizeof passage - m, "river%c%c ",
                          'a' + i % 26, 'a' + i / 26);
  n = 0;
  for (int r = 0; r < 5; r++)
    n += (size_t)snprintf(text + n, sizeof text - n, "%s", passage);
  cw_shingle_set b;
  assert_int_equal(cw_shingles(text, n, &b), CW_OK);
  assert_int_equal(b.n, 30);
  for (size_t i = 1; i < b.n; i++)
    assert_true(b.h[i - 1] < b.h[i]);
  /* set against set equals text against text */
  cw_shingle_set w, t;
  static const char trimmed_part[] =
      "The Halden river burst its banks on Sunday night";
  assert_int_equal(cw_shingles(wire, strlen(wire), &w), CW_OK);
  assert_int_equal(cw_shingles(trimmed_part, strlen(trimmed_part), &t), CW_OK);
  double c = -1;
  assert_int_equal(cw_shingle_containment(wire, strlen(wire), trimmed_part,
                                          strlen(trimmed_part), &c),
                   CW_OK);
  assert_true(c == cw_shingle_set_containment(&w, &t));
  assert_true(cw_shingle_set_containment(&w, &w) == 1.0);
  cw_minhash m1, m2;
  cw_minhash_of(&w, &m1);
  assert_int_equal(cw_minhash_text(wire, strlen(wire), &m2), CW_OK);
  assert_memory_equal(m1.h, m2.h, sizeof m1.h);
  cw_shingle_set_free(&a);
  cw_shingle_set_free(&b);
  cw_shingle_set_free(&w);
  cw_shingle_set_free(&t);
  assert_null(w.h);
}

/* The signature is the formula stored signatures depend on, whichever loop
 * computes it (cw_minhash_of takes AVX2 where the CPU has it): hash
 * function f of a shingle x is the top 32 bits of splitmix64's finaliser
 * of x ^ splitmix64(f + 1), and each hash keeps its minimum over the set.
 * Checked on random sets of every size from 0 to 300, extreme values
 * included. */
static uint64_t ref_mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

static void signature_follows_the_formula(void **state) {
  (void)state;
  static uint64_t h[300];
  uint64_t r = 0x243F6A8885A308D3ULL;
  for (size_t n = 0; n <= 300; n++) {
    for (size_t i = 0; i < n; i++) {
      r = ref_mix(r);
      h[i] = i % 97 == 5 ? 0 : i % 89 == 7 ? UINT64_MAX : r;
    }
    cw_shingle_set set = {h, n};
    cw_minhash m;
    memset(&m, 0xAB, sizeof m);
    cw_minhash_of(&set, &m);
    assert_int_equal(m.n_shingles, n);
    for (size_t f = 0; f < CW_MINHASH_N; f++) {
      uint32_t want = UINT32_MAX;
      for (size_t i = 0; i < n; i++) {
        uint32_t v = (uint32_t)(ref_mix(h[i] ^ ref_mix(f + 1)) >> 32);
        if (v < want)
          want = v;
      }
      if (m.h[f] != want)
        fail_msg("%zu shingles, hash %zu: %u, want %u", n, f, m.h[f], want);
    }
  }
}

/* Containment is the shared shingles over the smaller set's, whichever
 * set comes first, and never above 1 (a copy check stops at the first
 * candidate that reaches 1): two windows of one word stream, w0..w299
 * and w100..w399, have 296 shingles each and share the 196 of w100..w299;
 * a window inside the other is contained whole. */
static void containment_over_the_smaller_set(void **state) {
  (void)state;
  char text[8192];
  size_t off[401], n = 0;
  for (int i = 0; i < 400; i++) {
    off[i] = n;
    n += (size_t)snprintf(text + n, sizeof text - n, "w%d ", i);
  }
  off[400] = n;
  cw_shingle_set a, b, c;
  assert_int_equal(cw_shingles(text, off[300], &a), CW_OK);
  assert_int_equal(cw_shingles(text + off[100], off[400] - off[100], &b),
                   CW_OK);
  assert_int_equal(cw_shingles(text + off[150], off[250] - off[150], &c),
                   CW_OK);
  assert_int_equal(a.n, 296);
  assert_int_equal(b.n, 296);
  assert_int_equal(c.n, 96);
  assert_true(cw_shingle_set_containment(&a, &b) == 196.0 / 296.0);
  assert_true(cw_shingle_set_containment(&b, &a) == 196.0 / 296.0);
  assert_true(cw_shingle_set_containment(&a, &c) == 1.0);
  assert_true(cw_shingle_set_containment(&c, &b) == 1.0);
  assert_true(cw_shingle_set_containment(&a, &a) == 1.0);
  cw_shingle_set_free(&a);
  cw_shingle_set_free(&b);
  cw_shingle_set_free(&c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(identical_texts_share_every_hash),
      cmocka_unit_test(trimmed_copy_is_contained),
      cmocka_unit_test(case_and_punctuation_do_not_matter),
      cmocka_unit_test(independent_report_is_not_a_copy),
      cmocka_unit_test(short_and_empty_texts),
      cmocka_unit_test(shingle_sets_sorted_and_distinct),
      cmocka_unit_test(signature_follows_the_formula),
      cmocka_unit_test(containment_over_the_smaller_set),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
