/* test_story.c - term vectors, cosine, facets (years, days, people,
 * numbers), packing, the online assignment rule and the split check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyze/facts.h"
#include "analyze/times.h"
#include "story/story.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cw_termvec vec_of(const char **terms, const float *w, size_t n) {
  cw_termvec v = {0};
  for (size_t i = 0; i < n; i++) {
    cw_wterm t = {(char *)terms[i], w[i], 0};
    cw_termvec one = {&t, 1, NULL};
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

static int cmp_str(const void *x, const void *y) {
  return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int by_weight_then_term(const void *x, const void *y) {
  const cw_wterm *a = x, *b = y;
  if (a->w != b->w)
    return a->w < b->w ? 1 : -1;
  return strcmp(a->term, b->term);
}

/* The heaviest kept by selection are those a full sort by weight (ties by
 * term) keeps, returned in term order: 100 and 400 terms with weights
 * from five values, so that ties cross the cut; 400 is past the
 * selection's stack buffer. */
static void keep_heaviest_matches_full_sort(void **state) {
  (void)state;
  for (size_t total = 100; total <= 400; total += 300) {
    char names[400][8];
    cw_wterm all[400];
    uint32_t x = 2463534242u;
    cw_termvec v = {0};
    for (size_t i = 0; i < total; i++) {
      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      snprintf(names[i], sizeof names[i], "t%03zu", (i * 37) % total);
      all[i] = (cw_wterm){names[i], (float)(1 + x % 5), 0};
      cw_termvec one = {&all[i], 1, NULL};
      assert_int_equal(cw_termvec_add(&v, &one, (size_t)-1), CW_OK);
    }
    assert_int_equal(v.n, total);
    cw_termvec none = {0};
    assert_int_equal(cw_termvec_add(&v, &none, 64), CW_OK);
    qsort(all, total, sizeof *all, by_weight_then_term);
    const char *expect[64];
    for (size_t i = 0; i < 64; i++)
      expect[i] = all[i].term;
    qsort(expect, 64, sizeof *expect, cmp_str);
    assert_int_equal(v.n, 64);
    for (size_t i = 0; i < 64; i++)
      assert_string_equal(v.items[i].term, expect[i]);
    /* the article vector keeps the same 64 */
    cw_term terms[400];
    uint32_t df[400];
    for (size_t i = 0; i < total; i++) {
      terms[i] = (cw_term){all[i].term, all[i].w, 0};
      df[i] = 10;
    }
    cw_analysis an = {.terms = terms, .n_terms = total};
    cw_termvec u;
    assert_int_equal(cw_story_vector(&an, df, 1000, &u), CW_OK);
    assert_int_equal(u.n, CW_STORY_VECTOR_TERMS);
    for (size_t i = 1; i < u.n; i++)
      assert_true(strcmp(u.items[i - 1].term, u.items[i].term) < 0);
    for (size_t i = 0; i < 64; i++) /* CW_STORY_VECTOR_TERMS is 64 */
      assert_string_equal(u.items[i].term, expect[i]);
    cw_termvec_free(&u);
    cw_termvec_free(&v);
  }
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
  assert_true(v.items[0].w > v.items[1].w);     /* the name is boosted */
  assert_true(v.items[1].w > 2 * v.items[2].w); /* the common word is not */
  cw_termvec_free(&v);
}

/* A name's repeats count less than a word's (1 + CW_STORY_NAME_REPEATS *
 * ln mentions), and the names together weigh against the words what they
 * would with every mention counted in full: the main person named nine
 * times outweighs the one named once by less, the word keeps its share. */
static void vector_damps_repeated_names(void **state) {
  (void)state;
  cw_term terms[] = {
      {"e:lidia varga", 9, 1}, {"e:oren pask", 1, 1}, {"port", 3, 0}};
  cw_analysis an = {.terms = terms, .n_terms = 3};
  uint32_t df[] = {5, 5, 40};
  cw_termvec v;
  assert_int_equal(cw_story_vector(&an, df, 1000, &v), CW_OK);
  assert_int_equal(v.n, 3);
  assert_true(fabs(cw_termvec_norm(&v) - 1.0) < 1e-5);
  /* sorted by term: e:lidia varga, e:oren pask, port */
  double ratio = v.items[0].w / v.items[1].w;
  assert_true(fabs(ratio - (1.0 + CW_STORY_NAME_REPEATS * log(9.0))) < 1e-4);
  assert_true(ratio < 1.0 + log(9.0) - 0.5);
  /* the names' share of the vector: as with full counting */
  double idf_name = log(1001.0 / 6.0) + 1.0, idf_port = log(1001.0 / 41.0) + 1;
  double full9 = (1.0 + log(9.0)) * idf_name * CW_STORY_NAME_BOOST;
  double full1 = idf_name * CW_STORY_NAME_BOOST;
  double word = (1.0 + log(3.0)) * idf_port;
  double names = full9 * full9 + full1 * full1;
  double share = names / (names + word * word);
  double got =
      (double)v.items[0].w * v.items[0].w + (double)v.items[1].w * v.items[1].w;
  assert_true(fabs(got - share) < 1e-4);
  cw_termvec_free(&v);
}

static void pick_joins_best_above_threshold_within_window(void **state) {
  (void)state;
  const char *t1[] = {"port", "strike", "union"};
  const char *t2[] = {"fire", "valley", "evacuate"};
  float w[] = {1, 1, 1};
  cw_termvec art = vec_of(t1, w, 3);
  cw_story_candidate c[2] = {{.id = 1, .centroid = vec_of(t2, w, 3)},
                             {.id = 2, .centroid = vec_of(t1, w, 3)}};
  double score;
  assert_int_equal(cw_story_pick(&art, 0, c, 2, &score), 1);
  /* identical wording: as sure as wording alone makes it */
  assert_true(score == cw_story_score(&art, NULL, &c[1]));
  assert_true(score > 0.9);
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

/* A shared town name (its name term and its word) is no story: two
 * tiny texts about different things in Korvik share little else, yet
 * enough for the minimum cosine. Two shared names, or the name and a
 * word of what happened, are. */
static void one_shared_name_is_no_story(void **state) {
  (void)state;
  const char *fire[] = {"e:korvik", "korvik", "bakeri", "fire", "night"};
  const char *choir[] = {"e:korvik", "korvik", "choir", "prize", "festiv"};
  const char *two_names[] = {"e:korvik", "korvik", "e:tamsin vael",
                             "tamsin", "vael"};
  const char *fire_too[] = {"e:korvik", "korvik", "blaze", "fire", "oven"};
  const char *city[] = {"e:velm city", "velm", "citi", "choir", "prize"};
  const char *city_fire[] = {"e:velm city", "velm", "citi", "fire", "night"};
  float w[] = {2, 1, 1, 1, 1};
  cw_termvec art = vec_of(fire, w, 5);
  cw_story_candidate c = {.id = 1, .centroid = vec_of(choir, w, 5)};
  /* the cosine clears the minimum: only the name is missing evidence */
  assert_true(cw_termvec_cosine(&art, &c.centroid) >= CW_STORY_MIN_COSINE);
  assert_true(cw_story_score(&art, NULL, &c) == 0.0);
  cw_termvec_free(&c.centroid);
  c.centroid = vec_of(two_names, w, 5);
  cw_termvec_free(&art);
  const char *with_person[] = {"e:korvik", "korvik", "e:tamsin vael",
                               "bakeri", "fire"};
  art = vec_of(with_person, w, 5);
  assert_true(cw_story_score(&art, NULL, &c) > 0.0);
  cw_termvec_free(&art);
  cw_termvec_free(&c.centroid);
  art = vec_of(fire, w, 5);
  c.centroid = vec_of(fire_too, w, 5);
  assert_true(cw_story_score(&art, NULL, &c) > 0.0); /* "fire" too */
  cw_termvec_free(&art);
  cw_termvec_free(&c.centroid);
  /* the words of a name of two words, stemmed ("citi"), are the name's */
  art = vec_of(city, w, 5);
  c.centroid = vec_of(city_fire, w, 5);
  assert_true(cw_termvec_cosine(&art, &c.centroid) >= CW_STORY_MIN_COSINE);
  assert_true(cw_story_score(&art, NULL, &c) == 0.0);
  cw_termvec_free(&art);
  cw_termvec_free(&c.centroid);
  /* a short word is the name's only when it is the name's word: "un" is
   * not one of "Ulrich", so the two share the name and a word of their
   * own ("lu" is one of "Lu") */
  const char *un[] = {"e:tomas ulrich", "tomas", "un", "choir", "prize"};
  const char *un_fire[] = {"e:tomas ulrich", "tomas", "un", "fire", "night"};
  const char *lu[] = {"e:mei lu", "mei", "lu", "choir", "prize"};
  const char *lu_fire[] = {"e:mei lu", "mei", "lu", "fire", "night"};
  art = vec_of(un, w, 5);
  c.centroid = vec_of(un_fire, w, 5);
  assert_true(cw_termvec_cosine(&art, &c.centroid) >= CW_STORY_MIN_COSINE);
  assert_true(cw_story_score(&art, NULL, &c) > 0.0);
  cw_termvec_free(&art);
  cw_termvec_free(&c.centroid);
  art = vec_of(lu, w, 5);
  c.centroid = vec_of(lu_fire, w, 5);
  assert_true(cw_termvec_cosine(&art, &c.centroid) >= CW_STORY_MIN_COSINE);
  assert_true(cw_story_score(&art, NULL, &c) == 0.0);
  cw_termvec_free(&art);
  cw_termvec_free(&c.centroid);
  /* a stem of one letter is no name's word, not even of "Malcolm X" */
  const char *x[] = {"e:malcolm x", "malcolm", "x", "choir", "prize"};
  const char *x_fire[] = {"e:malcolm x", "malcolm", "x", "fire", "night"};
  art = vec_of(x, w, 5);
  c.centroid = vec_of(x_fire, w, 5);
  assert_true(cw_story_score(&art, NULL, &c) > 0.0);
  cw_termvec_free(&art);
  cw_termvec_free(&c.centroid);
}

/* An article that shares one person with a story, and with it little
 * more than that person's name, reports another event of that person:
 * the people's agreement does not count the name a second time. It does
 * when the article shares two of the story's people, more of its wording
 * than the name, or reads like its members. */
static void one_shared_person_is_no_story(void **state) {
  (void)state;
  const char *cent[] = {"e:lena marsk",  "marsk", "e:tomas vide",
                        "vide",          "feud",  "tariff",
                        "e:harbor hall", "rift",  "e:port selm"};
  float cw[] = {4, 2, 4, 2, 3, 2, 2, 2, 1};
  const char *m1[] = {"e:lena marsk", "e:tomas vide", "feud", "rift"};
  float m1w[] = {2, 3, 2, 2};
  const char *m2[] = {"e:tomas vide", "tariff", "feud", "e:harbor hall"};
  float m2w[] = {2, 1, 1, 1};
  const char *m3[] = {"e:lena marsk", "e:tomas vide", "tariff", "feud",
                      "e:port selm"};
  float m3w[] = {2, 2, 2, 2, 2};
  /* a report on refugees told to return, naming the famous Lena Marsk */
  const char *refuge[] = {"e:lena marsk", "marsk",  "e:harbor hall",
                          "refuge",       "border", "camp",
                          "e:orsk",       "return", "amnesti",
                          "e:ivo darn",   "feud",   "rift"};
  float rw[] = {2, 1, 1, 2, 2, 2, 3, 2, 2, 2, 2, 2};
  const char *story_f[] = {"p:lena marsk", "p:tomas vide", "q:13 peopl",
                           "y:2027"};
  float sfw[] = {50, 50, 1, 2};
  const char *art_f[] = {"p:ivo darn", "p:lena marsk", "q:12 famili", "y:2029"};
  const char *two_f[] = {"p:tomas vide", "p:lena marsk", "q:12 famili",
                         "y:2029"};
  float afw[] = {1, 3, 1, 4};
  cw_termvec members[3] = {vec_of(m1, m1w, 4), vec_of(m2, m2w, 4),
                           vec_of(m3, m3w, 5)};
  cw_story_candidate c = {.id = 1,
                          .centroid = vec_of(cent, cw, 9),
                          .facets = vec_of(story_f, sfw, 4),
                          .members = members,
                          .n_members = 3};
  cw_termvec art = vec_of(refuge, rw, 10); /* without "feud", "rift" */
  cw_termvec mine = vec_of(art_f, afw, 4), two = vec_of(two_f, afw, 4);
  cw_termvec no_people = vec_of(art_f + 2, afw + 2, 2);
  /* the wording clears the minimum on the centroid, not on the members */
  assert_true(cw_termvec_cosine(&art, &c.centroid) >= CW_STORY_MIN_COSINE);
  double members_cos = 0;
  for (size_t i = 0; i < 3; i++)
    members_cos += cw_termvec_cosine(&art, &members[i]) / 3;
  assert_true(members_cos < CW_STORY_MIN_COSINE);
  assert_true(cw_story_facet_agreement(&mine, &c.facets, 'p') > 0.5);
  double one = cw_story_score(&art, &mine, &c);
  assert_true(one == cw_story_score(&art, &no_people, &c));
  assert_true(one < cw_story_join_threshold());
  double score;
  assert_int_equal(cw_story_pick_facets(&art, &mine, 0, &c, 1, &score), -1);
  /* two of the story's people shared: they count, and carry it in */
  double both = cw_story_score(&art, &two, &c);
  assert_true(both > cw_story_score(&art, &no_people, &c));
  assert_true(both >= cw_story_join_threshold());
  /* read against the centroid alone (no members), the wording holds */
  c.n_members = 0;
  assert_true(cw_story_score(&art, &mine, &c) >
              cw_story_score(&art, &no_people, &c));
  /* members far from it, but the wording shares more than the name */
  const char *off[] = {"budget", "vote"};
  cw_termvec far = vec_of(off, rw, 2);
  c.members = &far;
  c.n_members = 1;
  assert_true(cw_story_score(&art, &mine, &c) ==
              cw_story_score(&art, &no_people, &c));
  cw_termvec more = vec_of(refuge, rw, 12);
  assert_true(cw_story_score(&more, &mine, &c) >
              cw_story_score(&more, &no_people, &c));
  c.members = NULL;
  c.n_members = 0;
  cw_story_candidate_free(&c);
  for (size_t i = 0; i < 3; i++)
    cw_termvec_free(&members[i]);
  cw_termvec_free(&far);
  cw_termvec_free(&more);
  cw_termvec_free(&art);
  cw_termvec_free(&mine);
  cw_termvec_free(&two);
  cw_termvec_free(&no_people);
}

static double weight_of(const cw_termvec *v, const char *term) {
  for (size_t i = 0; i < v->n; i++)
    if (!strcmp(v->items[i].term, term))
      return v->items[i].w;
  return 0;
}

static void facets_from_times_terms_people_and_numbers(void **state) {
  (void)state;
  /* invented: a ferry fire in Port Alder reported by Mira Solen */
  cw_timex times[] = {
      /* year and day, both written */
      {0, 1, CW_TIMEX_DATE, "2031-03-14",
       CW_TIMEX_YEAR_WRITTEN | CW_TIMEX_DAY_WRITTEN},
      {2, 3, CW_TIMEX_DATE, "XXXX-03-14", CW_TIMEX_DAY_WRITTEN}, /* day */
      {4, 5, CW_TIMEX_DATE, "XXXX-WXX-2", 0},                    /* nothing */
      {6, 7, CW_TIMEX_DURATION, "P3Y", 0},                       /* nothing */
      {8, 9, CW_TIMEX_TIME, "2031-03-14T06:00",
       CW_TIMEX_YEAR_WRITTEN | CW_TIMEX_DAY_WRITTEN},
      /* a year and a day taken from the article's date: no facet */
      {10, 11, CW_TIMEX_DATE, "2031-03-16", 0},
  };
  cw_term terms[] = {{"1850", 1, 0}, /* out of range: not a year */
                     {"2029", 2, 0}, /* a year in passing (title: 2) */
                     {"4000", 1, 0}, /* a count */
                     {"ferri", 3, 0},
                     {"e:2030 plan", 1, 1}};
  cw_entity ents[] = {
      {.name = "Mira Solen", .type = CW_ENT_PERSON, .n_mentions = 3},
      {.name = "Port Alder", .type = CW_ENT_PLACE, .n_mentions = 2}};
  cw_fact facts[] = {
      {.kind = CW_FACT_QUANTITY, .subject = "passeng", .value = "212 passeng"},
      {.kind = CW_FACT_ROLE, .subject = "Mira Solen", .value = "captain"}};
  cw_analysis an = {.terms = terms,
                    .n_terms = 5,
                    .entities = ents,
                    .n_entities = 2,
                    .times = times,
                    .n_times = 6,
                    .facts = facts,
                    .n_facts = 2};
  cw_termvec f;
  assert_int_equal(cw_story_facets(&an, &f), CW_OK);
  assert_true(weight_of(&f, "y:2031") == 2.0); /* date and time */
  assert_true(weight_of(&f, "y:2029") == 2.0);
  assert_true(weight_of(&f, "y:1850") == 0.0);
  assert_true(weight_of(&f, "y:4000") == 0.0);
  assert_true(weight_of(&f, "y:2030") == 0.0); /* inside a name */
  assert_true(weight_of(&f, "d:03-14") == 3.0);
  assert_true(weight_of(&f, "p:mira solen") == 3.0);
  assert_true(weight_of(&f, "p:port alder") == 0.0); /* a place */
  assert_true(weight_of(&f, "q:212 passeng") == 1.0);
  assert_int_equal(f.n, 5);
  for (size_t i = 1; i < f.n; i++)
    assert_true(strcmp(f.items[i - 1].term, f.items[i].term) < 0);
  cw_termvec_free(&f);
  /* nothing to say: an empty vector */
  cw_analysis none = {0};
  assert_int_equal(cw_story_facets(&none, &f), CW_OK);
  assert_int_equal(f.n, 0);
}

/* The facets of a text analysed as the archive analyses it, dated dct. */
static cw_termvec facets_of_text(const char *text, const char *dct) {
  cw_analysis *an = NULL;
  assert_int_equal(cw_analyze(NULL, text, strlen(text), &an), CW_OK);
  assert_int_equal(cw_analyze_deep(an, text, strlen(text), dct), CW_OK);
  /* the test means something only if a date with a year was found */
  int dated = 0;
  for (size_t i = 0; i < an->n_times; i++)
    dated |= an->times[i].value && !strncmp(an->times[i].value, "2031-", 5);
  assert_true(dated);
  cw_termvec f;
  assert_int_equal(cw_story_facets(an, &f), CW_OK);
  cw_analysis_free(an);
  return f;
}

static void facets_keep_only_written_years(void **state) {
  (void)state;
  /* invented: a dock strike in Korsa. "On Monday" takes its year from the
   * article's date, which every story of that week shares: its year is
   * no facet (nor its day: facets_keep_only_written_days) */
  cw_termvec f = facets_of_text(
      "Dock workers in Korsa walked out on Monday, the union said.",
      "2031-03-14");
  assert_true(weight_of(&f, "y:2031") == 0.0);
  cw_termvec_free(&f);
  /* a year the text writes is one, whether alone or in a range */
  f = facets_of_text(
      "Dock workers in Korsa walked out on March 10, 2031, the union said.",
      "2031-03-14");
  assert_true(weight_of(&f, "y:2031") > 0.0);
  assert_true(weight_of(&f, "d:03-10") > 0.0);
  cw_termvec_free(&f);
  f = facets_of_text("The 2030-2031 contract ended on Monday, the Korsa "
                     "dock union said.",
                     "2031-03-14");
  assert_true(weight_of(&f, "y:2031") > 0.0);
  cw_termvec_free(&f);
  /* a year counted from a written one is written too; the digits of the
   * article's own year elsewhere in the text do not make "on Monday"'s
   * year written */
  f = facets_of_text("The Korsa dock union was founded in 2019. Two years "
                     "later it struck for a month. Its 2031 plan was "
                     "announced on Monday.",
                     "2031-03-14");
  assert_true(weight_of(&f, "y:2019") > 0.0);
  assert_true(weight_of(&f, "y:2021") > 0.0);
  cw_termvec_free(&f);
}

/* The number of day facets ("d:...") of f. */
static size_t days_of(const cw_termvec *f) {
  size_t days = 0;
  for (size_t i = 0; i < f->n; i++)
    days += f->items[i].term[0] == 'd';
  return days;
}

static void facets_keep_only_written_days(void **state) {
  (void)state;
  /* invented: a ferry strike in Port Alder. A weekday, "yesterday" and a
   * clock time take their day from the article's date, which every
   * story of that day shares: no day facet */
  const char *relative[] = {
      "Ferry crews in Port Alder walked out on Monday, the union said.",
      "Ferry crews in Port Alder walked out yesterday, the union said.",
      "Ferry crews in Port Alder walked out at 4:25 p.m., the union said.",
  };
  for (size_t k = 0; k < sizeof relative / sizeof *relative; k++) {
    cw_termvec f = facets_of_text(relative[k], "2031-03-14");
    assert_int_equal(days_of(&f), 0);
    cw_termvec_free(&f);
  }
  /* a date the text writes is a day, however written */
  const char *written[] = {
      "Ferry crews in Port Alder walked out on March 10, the union said.",
      "Ferry crews in Port Alder walked out on 10 March, the union said.",
      "Port Alder ferry crews walked out on Monday, March 10, a union said.",
  };
  for (size_t k = 0; k < sizeof written / sizeof *written; k++) {
    cw_termvec f = facets_of_text(written[k], "2031-03-14");
    assert_true(weight_of(&f, "d:03-10") > 0.0);
    assert_int_equal(days_of(&f), 1);
    cw_termvec_free(&f);
  }
  /* a holiday's name mostly names the season, not the event's day */
  cw_termvec f = facets_of_text(
      "A gunman opened fire at a Port Alder office Christmas party on "
      "Monday, police said.",
      "2031-12-19");
  assert_true(weight_of(&f, "d:12-25") == 0.0);
  assert_int_equal(days_of(&f), 0);
  cw_termvec_free(&f);
}

static void facet_agreement_per_kind(void **state) {
  (void)state;
  const char *a[] = {"p:mira solen", "y:2031"};
  const char *b[] = {"p:tomas ek", "y:2031"};
  const char *c[] = {"d:03-14", "y:2027"};
  float w[] = {1, 1};
  cw_termvec va = vec_of(a, w, 2), vb = vec_of(b, w, 2), vc = vec_of(c, w, 2);
  assert_true(fabs(cw_story_facet_agreement(&va, &vb, 'y') - 1.0) < 1e-6);
  assert_true(cw_story_facet_agreement(&va, &vb, 'p') == 0.0); /* clash */
  assert_true(cw_story_facet_agreement(&va, &vc, 'y') == 0.0);
  assert_true(cw_story_facet_agreement(&va, &vc, 'd') == -1.0); /* no days */
  assert_true(cw_story_facet_agreement(&va, &vc, 'q') == -1.0);
  assert_true(cw_story_facet_agreement(&va, NULL, 'y') == -1.0);
  cw_termvec_free(&va);
  cw_termvec_free(&vb);
  cw_termvec_free(&vc);
}

static void facets_add_bounds_each_kind(void **state) {
  (void)state;
  cw_termvec acc = {0};
  char term[16];
  for (int i = 0; i < CW_STORY_FACET_TERMS + 5; i++) {
    snprintf(term, sizeof term, "q:%d boat", 100 + i);
    cw_wterm t = {term, (float)(i + 1), 0};
    cw_termvec one = {&t, 1, NULL};
    assert_int_equal(cw_story_facets_add(&acc, &one), CW_OK);
  }
  cw_wterm y = {"y:2031", 0.5f, 0};
  cw_termvec one = {&y, 1, NULL};
  assert_int_equal(cw_story_facets_add(&acc, &one), CW_OK);
  /* the numbers are capped, the light year survives beside them */
  assert_int_equal(acc.n, CW_STORY_FACET_TERMS + 1);
  assert_true(weight_of(&acc, "y:2031") == 0.5);
  assert_true(weight_of(&acc, "q:100 boat") == 0.0); /* lightest dropped */
  assert_true(weight_of(&acc, "q:120 boat") == 21.0);
  cw_termvec_free(&acc);
}

static void pack_round_trip_and_damage(void **state) {
  (void)state;
  const char *t[] = {"e:mira solen", "ferri", "y:2031"};
  float w[] = {0.25f, -1.5f, 3};
  cw_termvec v = vec_of(t, w, 3), back;
  unsigned char *buf, *buf2;
  size_t len;
  assert_int_equal(cw_termvec_pack(&v, &buf, &len), CW_OK);
  assert_int_equal(cw_termvec_unpack(buf, len, &back), CW_OK);
  assert_int_equal(back.n, 3);
  for (size_t i = 0; i < 3; i++) {
    assert_string_equal(back.items[i].term, v.items[i].term);
    assert_true(back.items[i].w == v.items[i].w);
  }
  /* the terms live in one block beside the vector, not in the buffer */
  assert_non_null(back.pool);
  memset(buf, 'x', len);
  assert_string_equal(back.items[0].term, "e:mira solen");
  /* an unpacked vector that grows gets terms of its own; its block goes
   * (ASan sees a term freed from inside the block or leaked) */
  const char *more[] = {"ferri", "harbour"};
  float wm[] = {1, 2};
  cw_termvec m = vec_of(more, wm, 2);
  assert_int_equal(cw_termvec_add(&back, &m, 3), CW_OK);
  assert_null(back.pool);
  assert_int_equal(back.n, 3); /* y:2031 3, harbour 2, e:mira solen .25 */
  assert_string_equal(back.items[0].term, "e:mira solen");
  assert_string_equal(back.items[1].term, "harbour");
  assert_string_equal(back.items[2].term, "y:2031");
  cw_termvec_free(&m);
  cw_termvec_free(&back);
  assert_int_equal(cw_termvec_pack(&v, &buf2, &len), CW_OK);
  free(buf);
  buf = buf2;
  /* truncated: no NUL at the end of the last term */
  assert_int_equal(cw_termvec_unpack(buf, len - 1, &back), CW_ERR_FORMAT);
  assert_int_equal(back.n, 0);
  /* a weight with no term */
  assert_int_equal(cw_termvec_unpack(buf, 3, &back), CW_ERR_FORMAT);
  free(buf);
  /* a duplicate term */
  const unsigned char dup[] = {0, 0, 128, 63, 'a', 0, 0, 0, 128, 63, 'a', 0};
  assert_int_equal(cw_termvec_unpack(dup, sizeof dup, &back), CW_ERR_FORMAT);
  /* out of order: sorted */
  const unsigned char rev[] = {0, 0, 128, 63, 'b', 0, 0, 0, 0, 64, 'a', 0};
  assert_int_equal(cw_termvec_unpack(rev, sizeof rev, &back), CW_OK);
  assert_string_equal(back.items[0].term, "a");
  assert_true(back.items[0].w == 2.0f);
  cw_termvec_free(&back);
  /* empty */
  cw_termvec none = {0};
  assert_int_equal(cw_termvec_pack(&none, &buf, &len), CW_OK);
  assert_int_equal(len, 0);
  assert_int_equal(cw_termvec_unpack(NULL, 0, &back), CW_OK);
  assert_int_equal(back.n, 0);
  cw_termvec_free(&v);
}

/* Two sibling stories with the same wording: two ferry fires in one port,
 * in different years with different captains. */
static void facets_tell_sibling_events_apart(void **state) {
  (void)state;
  const char *words[] = {"ferri", "fire", "harbour", "port"};
  float w[] = {1, 1, 1, 1};
  const char *fa[] = {"p:mira solen", "y:2031"};
  const char *fb[] = {"p:tomas ek", "y:2027"};
  float fw[] = {2, 1};
  cw_story_candidate c[2] = {
      {.id = 1, .centroid = vec_of(words, w, 4), .facets = vec_of(fb, fw, 2)},
      {.id = 2, .centroid = vec_of(words, w, 4), .facets = vec_of(fa, fw, 2)}};
  cw_termvec art = vec_of(words, w, 4), mine = vec_of(fa, fw, 2);
  double s_other = cw_story_score(&art, &mine, &c[0]);
  double s_same = cw_story_score(&art, &mine, &c[1]);
  double s_none = cw_story_score(&art, NULL, &c[0]);
  assert_true(s_same > s_none);  /* agreement adds */
  assert_true(s_other < s_none); /* clashes take away */
  double score;
  assert_int_equal(cw_story_pick_facets(&art, &mine, 0, c, 2, &score), 1);
  assert_true(score == s_same);
  /* with the wording far apart, agreeing facets alone never join */
  const char *other[] = {"budget", "council", "vote"};
  cw_termvec far = vec_of(other, w, 3);
  assert_true(cw_story_score(&far, &mine, &c[1]) == 0.0);
  assert_int_equal(cw_story_pick_facets(&far, &mine, 0, c, 2, &score), -1);
  cw_termvec_free(&far);
  cw_termvec_free(&art);
  cw_termvec_free(&mine);
  cw_story_candidate_free(&c[0]);
  cw_story_candidate_free(&c[1]);
}

/* The average cosine to sampled members counts beside the centroid's. */
static void members_weigh_in(void **state) {
  (void)state;
  const char *words[] = {"ferri", "fire", "harbour", "port"};
  const char *m1[] = {"ferri", "fire"};
  const char *m2[] = {"budget", "vote"};
  float w[] = {1, 1, 1, 1};
  cw_story_candidate c = {.id = 1, .centroid = vec_of(words, w, 4)};
  cw_termvec art = vec_of(words, w, 4);
  double centroid_only = cw_story_score(&art, NULL, &c);
  cw_termvec members[2] = {vec_of(m1, w, 2), vec_of(m2, w, 2)};
  c.members = members;
  c.n_members = 2;
  double with_members = cw_story_score(&art, NULL, &c);
  assert_true(with_members < centroid_only); /* one member is off-topic */
  assert_true(with_members > 0);
  c.n_members = 1;
  assert_true(cw_story_score(&art, NULL, &c) > with_members);
  cw_termvec_free(&members[0]);
  cw_termvec_free(&members[1]);
  c.members = NULL;
  c.n_members = 0;
  cw_story_candidate_free(&c);
  cw_termvec_free(&art);
}

/* Pair links: shared wording and facets link, clashing facets unlink. */
static void link_weighs_wording_and_facets(void **state) {
  (void)state;
  const char *words[] = {"ferri", "fire", "harbour", "port"};
  const char *other[] = {"budget", "council", "vote"};
  const char *fa[] = {"d:05-02", "y:2031"};
  const char *fb[] = {"d:09-14", "y:2027"};
  float w[] = {1, 1, 1, 1};
  cw_termvec a = vec_of(words, w, 4), far = vec_of(other, w, 3);
  cw_termvec ya = vec_of(fa, w, 2), yb = vec_of(fb, w, 2);
  double bare = cw_story_link(&a, NULL, &a, NULL);
  assert_true(bare > 0);
  assert_true(cw_story_link(&a, &ya, &a, &ya) > bare);
  assert_true(cw_story_link(&a, &ya, &a, &yb) < bare);
  assert_true(cw_story_link(&a, NULL, &far, NULL) < 0);
  /* symmetric */
  assert_true(cw_story_link(&a, &ya, &far, &yb) ==
              cw_story_link(&far, &yb, &a, &ya));
  cw_termvec_free(&a);
  cw_termvec_free(&far);
  cw_termvec_free(&ya);
  cw_termvec_free(&yb);
}

/* A story holding the reports of two quakes (shared words, their own
 * places and years), interleaved, splits along them; the reports of one
 * quake do not split; copies stay with their originals. */
static void split_separates_two_events(void **state) {
  (void)state;
  enum { N = 8 };
  const char *ta[] = {"quak", "coast", "e:port vela", "rescu", "tremor"};
  const char *tb[] = {"quak", "coast", "e:mount arin", "lava", "ash"};
  const char *extra[N] = {"bridg", "school", "road", "hospit",
                          "power", "tent", "aid", "damag"};
  const char *ya[] = {"y:2011"}, *yb[] = {"y:2014"};
  float w[] = {1, 1, 2, 1, 1};
  cw_termvec vecs[N], facets[N];
  for (size_t k = 0; k < N; k++) {
    vecs[k] = vec_of(k % 2 ? tb : ta, w, 5);
    cw_termvec one = vec_of(&extra[k], w, 1);
    assert_int_equal(cw_termvec_add(&vecs[k], &one, 100), CW_OK);
    cw_termvec_free(&one);
    facets[k] = vec_of(k % 2 ? yb : ya, w, 1);
  }
  unsigned char side[N];
  assert_int_equal(cw_story_split(vecs, facets, NULL, N, side), 1);
  for (size_t k = 0; k < N; k++)
    assert_int_equal(side[k], k % 2); /* the first member's side is 0 */
  /* member 3 a copy of member 1: they stay together */
  long with[N];
  for (size_t k = 0; k < N; k++)
    with[k] = -1;
  with[3] = 1;
  assert_int_equal(cw_story_split(vecs, facets, with, N, side), 1);
  assert_int_equal(side[3], 1);
  /* held to member 0's side, member 3 leaves the sides linked across:
   * no split */
  with[3] = 0;
  assert_int_equal(cw_story_split(vecs, facets, with, N, side), 0);
  /* too few members to be checked */
  assert_int_equal(
      cw_story_split(vecs, facets, NULL, CW_STORY_SPLIT_MIN - 1, side), 0);
  /* one event: the same quake's reports (the even members) */
  cw_termvec same[N], samef[N];
  for (size_t k = 0; k < N; k++) {
    same[k] = vecs[(k * 2) % N];
    samef[k] = facets[(k * 2) % N];
  }
  assert_int_equal(cw_story_split(same, samef, NULL, N, side), 0);
  for (size_t k = 0; k < N; k++) {
    cw_termvec_free(&vecs[k]);
    cw_termvec_free(&facets[k]);
  }
}

/* A ferry fire's close reports (shared wording, day and year) beside a
 * storm's looser reports that share only the harbour words: the storm
 * reports link to the fire's about as often as not (cross links above 0),
 * yet the fire's reports stand far apart from them, and the story splits;
 * storm reports worded like the fire's stay. */
/* A title that is the text's first sentence (whole or cut with "…") is a
 * lead; a headline is not, nor a short kicker that the text opens with. */
static void titles_that_repeat_the_lead(void **state) {
  (void)state;
  const char *text = "Ferry workers in Lund Harbour walked out at dawn,\n"
                     "stranding 4,000 travellers.\n\nThe union said talks failed.";
  assert_true(cw_story_title_is_lead(
      "Ferry workers in Lund Harbour walked out at dawn, stranding 4,000 "
      "travellers.", text));
  assert_true(cw_story_title_is_lead(
      "Ferry workers in Lund Harbour walked out at dawn, strand\xE2\x80\xA6",
      text));
  assert_true(cw_story_title_is_lead("  Ferry workers in Lund", "\n  Ferry workers in Lund Harbour"));
  assert_false(cw_story_title_is_lead("Lund ferry strike strands 4,000", text));
  assert_false(cw_story_title_is_lead("Ferry workers", text)); /* a kicker */
  assert_false(cw_story_title_is_lead(
      "Ferry workers in Lund Harbour walked out at dusk", text));
  assert_false(cw_story_title_is_lead("Ferry workers in Lund Harbour walked "
                                      "out at dawn, stranding 4,000 travellers "
                                      "and 300 lorries", text));
  assert_false(cw_story_title_is_lead(NULL, text));
  assert_false(cw_story_title_is_lead("Ferry workers in Lund Harbour", NULL));
  /* any headline outranks any lead; among leads the most central */
  double lead = cw_story_title_score("Ferry workers in Lund Harbour walked", text, 0.9);
  double headline = cw_story_title_score("Lund ferry strike strands 4,000", text, 0.1);
  assert_true(headline > lead);
  assert_true(cw_story_title_score("Ferry workers in Lund Harbour walked", text, 0.8) < lead);
  assert_true(headline == 0.1);
}

static void split_separates_tight_event_from_loose_one(void **state) {
  (void)state;
  enum { N = 8 };
  const char *tight[] = {"crew", "e:port vela", "ferri", "fire", "harbour"};
  const char *loose[] = {"e:ostra bay", "ferri", "harbour", "storm"};
  const char *extra[] = {"bridg", "school", "road", "hospit", "power", "tent",
                         "aid",   "damag",  "pump", "mast",   "deck",  "hull"};
  const char *fd[] = {"d:05-02", "y:2031"};
  float one[] = {1, 1, 1, 1, 1}, far[] = {0.8f, 0.8f, 0.8f, 0.8f},
        close[] = {1, 1, 1, 1}, own[] = {1.2f, 1.2f};
  cw_termvec vecs[N], facets[N];
  for (size_t k = 0; k < N; k++) {
    cw_termvec ext;
    if (k % 2 == 0) {
      vecs[k] = vec_of(tight, one, 5);
      ext = vec_of(&extra[k / 2], one, 1);
      facets[k] = vec_of(fd, one, 2);
    } else {
      vecs[k] = vec_of(loose, far, 4);
      ext = vec_of(&extra[4 + (k / 2) * 2], own, 2);
      facets[k] = (cw_termvec){0};
    }
    assert_int_equal(cw_termvec_add(&vecs[k], &ext, 100), CW_OK);
    cw_termvec_free(&ext);
  }
  /* the storm reports do link to the fire's: no split by the first rule */
  double cross = 0;
  for (size_t i = 0; i < N; i += 2)
    for (size_t j = 1; j < N; j += 2)
      cross += cw_story_link(&vecs[i], &facets[i], &vecs[j], &facets[j]);
  assert_true(cross / 16 > CW_STORY_SPLIT_CROSS);
  assert_true(cross / 16 <= CW_STORY_SPLIT_TIGHT_CROSS);
  unsigned char side[N];
  assert_int_equal(cw_story_split(vecs, facets, NULL, N, side), 1);
  for (size_t k = 0; k < N; k++)
    assert_int_equal(side[k], k % 2);
  /* storm reports worded like the fire's (same weights as its words): they
   * link across too well, one story */
  for (size_t k = 1; k < N; k += 2) {
    cw_termvec_free(&vecs[k]);
    vecs[k] = vec_of(loose, close, 4);
    cw_termvec ext = vec_of(&extra[4 + (k / 2) * 2], own, 2);
    assert_int_equal(cw_termvec_add(&vecs[k], &ext, 100), CW_OK);
    cw_termvec_free(&ext);
  }
  assert_int_equal(cw_story_split(vecs, facets, NULL, N, side), 0);
  for (size_t k = 0; k < N; k++) {
    cw_termvec_free(&vecs[k]);
    cw_termvec_free(&facets[k]);
  }
}

/* Term keys order terms as strcmp does, around the 8-byte boundary and for
 * shared prefixes; vectors merged from such terms come out in strcmp order
 * and their cosine equals one computed with strcmp. */
static int sign(int x) { return (x > 0) - (x < 0); }

static void term_keys_keep_strcmp_order(void **state) {
  (void)state;
  static const char *terms[] = {
      "a",        "ab",        "abcdefg",   "abcdefgh", "abcdefgha",
      "abcdefgh~", "abcdefghb", "abcdefgz",  "b",        "e:anna lind",
      "e:anna linde", "e:anna", "y:2031",    "y:2030",   "zz\xc3\xa9t",
      "zz\xc3\xa9",  "~",         "n:300 million", "n:300 millions"};
  size_t n = sizeof terms / sizeof *terms;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      cw_wterm a = {(char *)terms[i], 1, cw_term_key(terms[i])};
      cw_wterm b = {(char *)terms[j], 1, cw_term_key(terms[j])};
      int by_key = a.key != b.key ? (a.key < b.key ? -1 : 1)
                   : (a.key & 0xff) ? sign(strcmp(a.term + 8, b.term + 8))
                                    : 0;
      assert_int_equal(by_key, sign(strcmp(terms[i], terms[j])));
    }
  /* merged in a scrambled order: sorted by strcmp, cosine as by strcmp */
  cw_termvec v = {0}, u = {0};
  for (size_t i = 0; i < n; i++) {
    size_t k = (i * 7) % n; /* 7 and 19 are coprime */
    cw_wterm t = {(char *)terms[k], (float)(k + 1), 0};
    cw_termvec one = {&t, 1, NULL};
    assert_int_equal(cw_termvec_add(&v, &one, 1000), CW_OK);
    if (k % 3 == 0)
      assert_int_equal(cw_termvec_add(&u, &one, 1000), CW_OK);
  }
  assert_int_equal(v.n, n);
  for (size_t i = 1; i < v.n; i++)
    assert_true(strcmp(v.items[i - 1].term, v.items[i].term) < 0);
  double dot = 0;
  for (size_t i = 0; i < v.n; i++)
    for (size_t j = 0; j < u.n; j++)
      if (!strcmp(v.items[i].term, u.items[j].term))
        dot += (double)v.items[i].w * u.items[j].w;
  double want = dot / (cw_termvec_norm(&v) * cw_termvec_norm(&u));
  assert_true(fabs(cw_termvec_cosine(&v, &u) - want) < 1e-12);
  assert_true(want > 0.1 && want < 0.9);
  cw_termvec_free(&v);
  cw_termvec_free(&u);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(cosine_of_identical_and_disjoint),
      cmocka_unit_test(term_keys_keep_strcmp_order),
      cmocka_unit_test(add_merges_sorted_and_truncates),
      cmocka_unit_test(keep_heaviest_matches_full_sort),
      cmocka_unit_test(vector_weights_rare_terms_and_names),
      cmocka_unit_test(vector_damps_repeated_names),
      cmocka_unit_test(pick_joins_best_above_threshold_within_window),
      cmocka_unit_test(facets_from_times_terms_people_and_numbers),
      cmocka_unit_test(facets_keep_only_written_years),
      cmocka_unit_test(facets_keep_only_written_days),
      cmocka_unit_test(facet_agreement_per_kind),
      cmocka_unit_test(facets_add_bounds_each_kind),
      cmocka_unit_test(pack_round_trip_and_damage),
      cmocka_unit_test(facets_tell_sibling_events_apart),
      cmocka_unit_test(members_weigh_in),
      cmocka_unit_test(link_weighs_wording_and_facets),
      cmocka_unit_test(split_separates_two_events),
      cmocka_unit_test(split_separates_tight_event_from_loose_one),
      cmocka_unit_test(titles_that_repeat_the_lead),
      cmocka_unit_test(one_shared_name_is_no_story),
      cmocka_unit_test(one_shared_person_is_no_story),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
