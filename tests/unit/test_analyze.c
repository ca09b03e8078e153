/* test_analyze.c - unit tests of src/analyze: entities with roles and
 * aliases, terms, empty and hostile input, and (when the shared seeds are
 * present) one real aggregator page. Every article here is invented for
 * the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <pthread.h>

#include "analyze/analyze.h"
#include "analyze/analyze_int.h"
#include "analyze/facts.h"
#include "analyze/quotes.h"
#include "text/text.h"

/* ---- helpers ----------------------------------------------------------- */

static cw_analysis *analyze(const char *title, const char *text) {
  cw_analysis *a = NULL;
  assert_int_equal(cw_analyze(title, text, strlen(text), &a), CW_OK);
  assert_non_null(a);
  return a;
}

static const cw_entity *find_entity(const cw_analysis *a, const char *name) {
  for (size_t i = 0; i < a->n_entities; i++)
    if (strcmp(a->entities[i].name, name) == 0)
      return &a->entities[i];
  return NULL;
}

static const cw_entity *entity(const cw_analysis *a, const char *name) {
  const cw_entity *e = find_entity(a, name);
  if (!e) {
    for (size_t i = 0; i < a->n_entities; i++)
      print_message("  entity [%s]\n", a->entities[i].name);
    fail_msg("no entity named [%s]", name);
  }
  return e;
}

static int has_string(const char *const *list, size_t n, const char *s) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(list[i], s) == 0)
      return 1;
  return 0;
}

static const cw_term *find_term(const cw_analysis *a, const char *term) {
  for (size_t i = 0; i < a->n_terms; i++)
    if (strcmp(a->terms[i].term, term) == 0)
      return &a->terms[i];
  return NULL;
}

/* Checks mention i of e: it covers `surface` at the n-th (0-based)
 * occurrence of `surface` in text, with role `role` (NULL = none). */
static void check_mention(const char *text, const cw_entity *e, size_t i,
                          const char *surface, int nth, const char *role) {
  assert_true(i < e->n_mentions);
  const char *p = text;
  for (int k = 0; k <= nth; k++) {
    p = strstr(k ? p + 1 : p, surface);
    assert_non_null(p);
  }
  size_t start = (size_t)(p - text);
  assert_int_equal(e->mentions[i].start, start);
  assert_int_equal(e->mentions[i].end, start + strlen(surface));
  if (role)
    assert_string_equal(e->mentions[i].role, role);
  else
    assert_null(e->mentions[i].role);
}

/* ---- entities ---------------------------------------------------------- */

static const char varga_text[] =
    "US President Lidia Varga opened the new harbour on Monday. Critics "
    "said Ms Varga had ignored the budget. Varga's office declined to "
    "comment.";

static void test_person_role_and_surname(void **state) {
  (void)state;
  cw_analysis *a = analyze(NULL, varga_text);
  const cw_entity *e = entity(a, "Lidia Varga");
  assert_int_equal(e->type, CW_ENT_PERSON);
  assert_int_equal(e->n_mentions, 3);
  check_mention(varga_text, e, 0, "Lidia Varga", 0, "US President");
  check_mention(varga_text, e, 1, "Varga", 1, "Ms");
  check_mention(varga_text, e, 2, "Varga", 2, NULL); /* "Varga's" */
  /* a bare honorific is the mention's role, not the person's */
  assert_int_equal(e->n_roles, 1);
  assert_string_equal(e->roles[0], "US President");
  assert_true(has_string(e->aliases, e->n_aliases, "Varga"));
  assert_true(has_string(e->aliases, e->n_aliases, "Ms Varga"));
  assert_false(has_string(e->aliases, e->n_aliases, "Lidia Varga"));
  /* sentence-initial "Critics" and weekday "Monday" are no entities */
  assert_null(find_entity(a, "Critics"));
  assert_null(find_entity(a, "Monday"));
  assert_int_equal(a->n_entities, 1);
  assert_int_equal(a->n_sentences, 3);
  cw_analysis_free(a);
}

static void test_roles_kept_distinct(void **state) {
  (void)state;
  const char *text =
      "US President Lidia Varga met former President Tomas Brandt in "
      "Lisbon. Ms Varga and Mr Brandt spoke for an hour. Later, President "
      "Tomas Brandt thanked the crews.";
  cw_analysis *a = analyze(NULL, text);
  const cw_entity *varga = entity(a, "Lidia Varga");
  const cw_entity *brandt = entity(a, "Tomas Brandt");
  assert_int_equal(brandt->type, CW_ENT_PERSON);
  assert_int_equal(brandt->n_mentions, 3);
  check_mention(text, brandt, 0, "Tomas Brandt", 0, "former President");
  check_mention(text, brandt, 1, "Brandt", 1, "Mr");
  check_mention(text, brandt, 2, "Tomas Brandt", 1, "President");
  assert_int_equal(brandt->n_roles, 2);
  assert_string_equal(brandt->roles[0], "former President");
  assert_string_equal(brandt->roles[1], "President");
  assert_int_equal(varga->n_roles, 1);
  assert_string_equal(varga->roles[0], "US President");
  const cw_entity *lisbon = entity(a, "Lisbon");
  assert_int_equal(lisbon->type, CW_ENT_PLACE);
  /* ordered by first mention */
  assert_ptr_equal(&a->entities[0], varga);
  assert_ptr_equal(&a->entities[1], brandt);
  assert_ptr_equal(&a->entities[2], lisbon);
  cw_analysis_free(a);
}

static void test_role_words_before_name(void **state) {
  (void)state;
  const char *text =
      "Harbour Board chair Ana Ruiz and Dr. Emil Sorensen toured the pier "
      "with the Kestrel CEO Jon Abara. The board thanked Prime Minister "
      "Mara Olsen and Attorney General Pia Lund.";
  cw_analysis *a = analyze(NULL, text);
  const cw_entity *ruiz = entity(a, "Ana Ruiz");
  check_mention(text, ruiz, 0, "Ana Ruiz", 0, "Harbour Board chair");
  const cw_entity *sorensen = entity(a, "Emil Sorensen");
  check_mention(text, sorensen, 0, "Emil Sorensen", 0, "Dr.");
  assert_int_equal(sorensen->type, CW_ENT_PERSON);
  check_mention(text, entity(a, "Jon Abara"), 0, "Jon Abara", 0, "Kestrel CEO");
  check_mention(text, entity(a, "Mara Olsen"), 0, "Mara Olsen", 0,
                "Prime Minister");
  check_mention(text, entity(a, "Pia Lund"), 0, "Pia Lund", 0,
                "Attorney General");
  /* a title alone names no one */
  assert_null(find_entity(a, "Kestrel CEO"));
  cw_analysis_free(a);
}

/* Descriptions ("the Kestrel CEO", "the president") join the person they
 * point at without doubt, as a mention flagged description (its span
 * "the ..." as written, no role) and an alias; a doubtful one joins
 * nobody. */
static size_t descriptions_of(const cw_entity *e, const char *text,
                              const char *words) {
  size_t n = 0, wn = strlen(words);
  for (size_t i = 0; i < e->n_mentions; i++) {
    const cw_mention *m = &e->mentions[i];
    if (m->description) {
      assert_null(m->role);
      if (m->end - m->start == wn && !memcmp(text + m->start, words, wn))
        n++;
    }
  }
  return n;
}

static void test_descriptions(void **state) {
  (void)state;
  /* rule 3: the only person near before without another role; the
   * organisation keeps its name without the title */
  const char *t1 = "Marta Lind founded Kestrel Motors in 2009. Tensions grew "
                   "between the Kestrel CEO and President Ilse Marrow this "
                   "week.";
  /* rule 2: a role that fits, nearest first; the rank must agree */
  const char *t2 = "President Ilse Marrow met Mayor Gordon Pell in Harlow. "
                   "The president praised the port. The former deputy mayor "
                   "stayed away, and the mayor said little.";
  /* rule 1: apposition */
  const char *t3 = "Jon Abara, the veteran tycoon, met Senator Ada Holm on "
                   "Friday. Tomas Brekke, the billionaire, stayed home.";
  /* a rank the description does not say ("former President" is not "the
   * president"); a description right after one in apposition is not in
   * apposition to it */
  const char *t5 = "Former President Ada Holm met President Ilse Marrow and "
                   "Jon Abara, the veteran tycoon, the president said.";
  const char *t6 = "Former President Ada Holm toured Halvik. The president "
                   "waved.";
  /* an office word in lower case: only a person known to hold it */
  const char *t7 = "Ana Berg arrived in Halvik on Friday. The finance "
                   "minister did not.";
  /* set off by commas after a name that is no person: not another's */
  const char *t8 = "Ana Berg arrived in Halvik on Friday. Kestrel Group, "
                   "the spokesperson, said the talks would go on.";
  /* "the Bill" is a bill, not a second person who could be the
   * billionaire */
  const char *t9 = "Mr Tomas Brekke stewed over the Bill for a week. On "
                   "Friday, Speaker Ada Holm walked the billionaire through "
                   "the Bill.";
  const struct {
    const char *const *text, *who, *words;
    size_t want;
  } cases[] = {
      {&t1, "Marta Lind", "the Kestrel CEO", 1},
      {&t1, "Ilse Marrow", "the Kestrel CEO", 0},
      {&t2, "Ilse Marrow", "The president", 1},
      {&t2, "Gordon Pell", "the mayor", 1},
      {&t2, "Gordon Pell", "The former deputy mayor", 0},
      {&t3, "Jon Abara", "the veteran tycoon", 1},
      {&t3, "Tomas Brekke", "the billionaire", 1},
      {&t3, "Jon Abara", "the billionaire", 0},
      {&t5, "Ilse Marrow", "the president", 1},
      {&t5, "Ada Holm", "the president", 0},
      {&t5, "Jon Abara", "the president", 0},
      {&t5, "Jon Abara", "the veteran tycoon", 1},
      {&t6, "Ada Holm", "The president", 0},
      {&t7, "Ana Berg", "The finance minister", 0},
      {&t8, "Ana Berg", "the spokesperson", 0},
      {&t9, "Tomas Brekke", "the billionaire", 1},
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    const char *text = *cases[k].text;
    cw_analysis *a = analyze(NULL, text);
    const cw_entity *e = entity(a, cases[k].who);
    if (descriptions_of(e, text, cases[k].words) != cases[k].want)
      fail_msg("case %zu: [%s] -> %s: want %zu", k, cases[k].words,
               cases[k].who, cases[k].want);
    cw_analysis_free(a);
  }
  cw_analysis *a = analyze(NULL, t1);
  const cw_entity *lind = entity(a, "Marta Lind");
  assert_true(has_string(lind->aliases, lind->n_aliases, "the Kestrel CEO"));
  assert_int_equal(lind->n_roles, 0);
  assert_null(find_entity(a, "Kestrel CEO"));
  cw_analysis_free(a);
  a = analyze(NULL, t9);
  /* no person: an ordinary word (no entity), or of another type */
  const cw_entity *bill = find_entity(a, "Bill");
  assert_true(!bill || bill->type != CW_ENT_PERSON);
  cw_analysis_free(a);

  /* doubt: two people without roles; an office nobody here holds */
  const char *t4 = "Ana Berg met Lars Dahl in Halvik. The billionaire left "
                   "early. Transport Minister Irena Solberg arrived later, "
                   "and the finance minister did not.";
  a = analyze(NULL, t4);
  for (size_t i = 0; i < a->n_entities; i++)
    for (size_t k = 0; k < a->entities[i].n_mentions; k++)
      assert_false(a->entities[i].mentions[k].description);
  cw_analysis_free(a);
}

/* A surname alone joins the full name named twice even beside a stray
 * longer name ending in it that is named once and opens with no first
 * name ("Critics of Ostrova", as a headline glued to a paragraph gives
 * "Welcome Musk"): such a name does not count against the join. */
static void test_surname_past_stray_name(void **state) {
  (void)state;
  const char *t = "The minister said Lena Ostrova might seek a new post in "
                  "Halvik. Critics of Ostrova spoke on Monday. Lena Ostrova "
                  "declined to comment, and Ostrova left the city. Aides "
                  "said Ostrova would return.";
  cw_analysis *a = analyze("Talks stall", t);
  const cw_entity *e = entity(a, "Lena Ostrova");
  assert_null(find_entity(a, "Ostrova"));
  assert_int_equal(e->n_mentions, 4);
  cw_analysis_free(a);
}

static void test_acronym_alias(void **state) {
  (void)state;
  const char *text =
      "The Harbour Safety Agency (HSA) closed the pier. The HSA said "
      "repairs would take a week. The Department of Port Works (DoPW) "
      "agreed.";
  cw_analysis *a = analyze(NULL, text);
  const cw_entity *hsa = entity(a, "Harbour Safety Agency");
  assert_int_equal(hsa->type, CW_ENT_ORG);
  assert_int_equal(hsa->n_mentions, 3);
  check_mention(text, hsa, 0, "Harbour Safety Agency", 0, NULL);
  check_mention(text, hsa, 1, "HSA", 0, NULL);
  check_mention(text, hsa, 2, "HSA", 1, NULL);
  assert_int_equal(hsa->n_aliases, 1);
  assert_string_equal(hsa->aliases[0], "HSA");
  const cw_entity *dpw = entity(a, "Department of Port Works");
  assert_int_equal(dpw->type, CW_ENT_ORG);
  assert_true(has_string(dpw->aliases, dpw->n_aliases, "DoPW"));
  assert_null(find_entity(a, "HSA"));
  cw_analysis_free(a);
}

static void test_names_with_particles_and_initials(void **state) {
  (void)state;
  const char *text =
      "Officials said John F. Kennedy Airport reopened. Later Omar "
      "al-Rashid met Ines de la Cruz and J. R. Hollis in Oslo.";
  cw_analysis *a = analyze(NULL, text);
  entity(a, "John F. Kennedy Airport");
  entity(a, "Omar al-Rashid");
  entity(a, "J. R. Hollis");
  const cw_entity *oslo = entity(a, "Oslo");
  assert_int_equal(oslo->type, CW_ENT_PLACE); /* "in Oslo" */
  cw_analysis_free(a);
}

static void test_dateline_and_headline(void **state) {
  (void)state;
  const char *text =
      "Kestrel Offers Harbour Deal to Port Authority\n"
      "PORTLAND \xE2\x80\x93 The Kestrel company offered a deal to the Port "
      "Authority on Friday. Portland officials welcomed it.";
  cw_analysis *a = analyze(NULL, text);
  const cw_entity *p = entity(a, "Portland");
  assert_int_equal(p->type, CW_ENT_PLACE);
  assert_true(has_string(p->aliases, p->n_aliases, "PORTLAND"));
  entity(a, "Port Authority");
  /* headline words the body writes in lower case are not names */
  assert_null(find_entity(a, "Kestrel Offers Harbour Deal"));
  assert_null(find_entity(a, "Offers Harbour Deal"));
  assert_null(find_entity(a, "Friday"));
  cw_analysis_free(a);
}

/* Sentences of more capitalised words than mark_sentences() keeps aside
 * while it learns whether the sentence is a headline (64): a list of 69
 * farms, then one of 7, in a sentence of mixed case (debug builds check
 * that every capitalised word inside it is marked so). */
static void test_sentences_of_many_capitals(void **state) {
  (void)state;
  for (int k = 0; k < 2; k++) {
    char text[4096];
    int nw = k ? 7 : 69;
    size_t n = (size_t)snprintf(text, sizeof text,
                                "Varga Hires Olsen Near Brannock Harbour\n\n"
                                "The council heard");
    for (int w = 0; w < nw; w++)
      n += (size_t)snprintf(text + n, sizeof text - n, "%s Kx%c%c farm",
                            w ? "," : "", 'a' + w / 26, 'a' + w % 26);
    snprintf(text + n, sizeof text - n,
             " and Varga of Brannock on Monday. Olsen left the harbour.");
    cw_analysis *a = analyze(NULL, text);
    assert_int_equal(entity(a, "Varga")->type, CW_ENT_PERSON);
    entity(a, "Kxaa");
    entity(a, k ? "Kxag" : "Kxcq"); /* the last of the list */
    cw_analysis_free(a);
  }
}

/* Names keep their bytes when they are printable ASCII one space apart
 * (copied eight bytes at a time), and have white space runs, tabs and
 * no-break spaces collapsed to one space otherwise: the same entity. */
static void test_names_collapsed(void **state) {
  (void)state;
  const char *text =
      "Officials in Brennvik said Annemarie Kowalczyk-Brandt will chair the "
      "panel. Later Annemarie  Kowalczyk-Brandt spoke to reporters. "
      "Annemarie\tKowalczyk-Brandt thanked the staff. Critics said "
      "Annemarie\xC2\xA0Kowalczyk-Brandt had waited too long.";
  cw_analysis *a = analyze(NULL, text);
  const cw_entity *e = entity(a, "Annemarie Kowalczyk-Brandt");
  assert_int_equal(e->n_mentions, 4);
  for (size_t i = 0; i < e->n_mentions; i++)
    assert_true(strncmp(text + e->mentions[i].start, "Annemarie", 9) == 0);
  const cw_term *t = find_term(a, "e:annemarie kowalczyk-brandt");
  assert_non_null(t);
  assert_true(t->tf == 4.0f);
  cw_analysis_free(a);
}

/* Terms sharing their first eight bytes, shorter ones among them, sort as
 * strcmp sorts them. */
static void test_terms_shared_prefixes(void **state) {
  (void)state;
  const char *text =
      "The quarrymen met the quarrymaster near the quarryside. A quarry "
      "and a quarrel: quarrelling quarrymasters left quarrysides early. "
      "Quar, qua and quarrymanship were words of the day.";
  cw_analysis *a = analyze("Quarrymasters", text);
  assert_true(a->n_terms > 8);
  for (size_t i = 1; i < a->n_terms; i++)
    assert_true(strcmp(a->terms[i - 1].term, a->terms[i].term) < 0);
  assert_non_null(find_term(a, "quar"));
  assert_non_null(find_term(a, "qua"));
  assert_non_null(find_term(a, "quarri"));
  cw_analysis_free(a);
}

/* ---- terms ------------------------------------------------------------- */

static void test_terms(void **state) {
  (void)state;
  cw_analysis *a = analyze("Harbour reopens", varga_text);
  for (size_t i = 1; i < a->n_terms; i++)
    assert_true(strcmp(a->terms[i - 1].term, a->terms[i].term) < 0);
  const cw_term *t = find_term(a, "e:lidia varga");
  assert_non_null(t);
  assert_true(t->is_name);
  assert_true(t->tf == 3.0f);
  /* stemmed, folded; the title counts twice */
  t = find_term(a, "harbour");
  assert_non_null(t);
  assert_false(t->is_name);
  assert_true(t->tf == 3.0f);
  assert_non_null(find_term(a, "reopen"));
  assert_non_null(find_term(a, "critic"));
  assert_non_null(find_term(a, "varga"));
  assert_non_null(find_term(a, "said")); /* reporting verbs are kept */
  /* stopwords and punctuation are not terms */
  assert_null(find_term(a, "the"));
  assert_null(find_term(a, "to"));
  assert_null(find_term(a, "'s"));
  assert_null(find_term(a, "."));
  assert_null(find_term(a, "us"));
  for (size_t i = 0; i < a->n_terms; i++)
    assert_false(cw_is_stopword(a->terms[i].term, strlen(a->terms[i].term)));
  cw_analysis_free(a);

  a = analyze(NULL, "The 3 crews moved 300 crates and 2,000 tonnes in 45 "
                    "days.");
  assert_non_null(find_term(a, "300"));
  assert_non_null(find_term(a, "2,000"));
  assert_null(find_term(a, "3"));
  assert_null(find_term(a, "45"));
  cw_analysis_free(a);
}

/* Terms as one string "term:tf;..." (malloc'd). */
static char *terms_string(const cw_analysis *a) {
  cw_buf b;
  cw_buf_init(&b, 0);
  for (size_t i = 0; i < a->n_terms; i++)
    cw_buf_printf(&b, "%s:%g:%d;", a->terms[i].term, (double)a->terms[i].tf,
                  a->terms[i].is_name);
  cw_buf_putc(&b, '\0');
  assert_int_equal(b.err, CW_OK);
  return cw_buf_detach(&b);
}

/* Stems are memoised per thread across articles: an article gives the
 * same terms the first time, after others, and in another thread (whose
 * memo starts empty). */
static void *terms_in_thread(void *arg) {
  cw_analysis *a;
  if (cw_analyze("Harbour reopens", (const char *)arg,
                 strlen((const char *)arg), &a) != CW_OK)
    return NULL;
  char *s = terms_string(a);
  cw_analysis_free(a);
  return s;
}

static void test_terms_across_articles(void **state) {
  (void)state;
  cw_analysis *a = analyze("Harbour reopens", varga_text);
  char *first = terms_string(a);
  cw_analysis_free(a);
  char text[256];
  for (int k = 0; k < 50; k++) {
    snprintf(text, sizeof text,
             "Crews%d reported %d strikes; harbours reopening, reopened "
             "the harbour %d times, said Lidia Varga.",
             k, k * 7, k);
    a = analyze("Strikers strike", text);
    cw_analysis_free(a);
  }
  a = analyze("Harbour reopens", varga_text);
  char *again = terms_string(a);
  cw_analysis_free(a);
  assert_string_equal(first, again);
  pthread_t th;
  void *other = NULL;
  assert_int_equal(
      pthread_create(&th, NULL, terms_in_thread, (void *)varga_text), 0);
  assert_int_equal(pthread_join(th, &other), 0);
  assert_non_null(other);
  assert_string_equal(first, other);
  free(first);
  free(again);
  free(other);
}

/* A word's stem is kept beside its kinds in the thread's cache: after
 * thousands of other words have evicted most of it, an article gives the
 * terms it gave first, and each word's term is cw_stem()'s (words too long
 * for the cache, 24 bytes and more, included). */
static void test_stems_kept_with_kinds(void **state) {
  (void)state;
  const char *text = "Runners kept running past the harbours; the "
                     "internationalisationprocesses stalled, "
                     "internationalisationprocesses said.";
  cw_analysis *a = analyze(NULL, text);
  char *first = terms_string(a);
  cw_stemmer *st = cw_stemmer_thread();
  assert_non_null(st);
  static const char *const words[] = {"runners", "running", "harbours",
                                      "internationalisationprocesses",
                                      "stalled"};
  for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
    size_t n;
    const char *s = cw_stem(st, words[k], strlen(words[k]), &n);
    assert_non_null(s);
    char term[64];
    assert_true(n < sizeof term);
    memcpy(term, s, n);
    term[n] = '\0';
    assert_non_null(find_term(a, term));
  }
  cw_analysis_free(a);
  char other[2048];
  for (int k = 0; k < 120; k++) {
    size_t o = 0;
    for (int w = 0; w < 60; w++)
      o += (size_t)snprintf(other + o, sizeof other - o, "zq%dwords%d ", k, w);
    a = analyze(NULL, other);
    cw_analysis_free(a);
  }
  a = analyze(NULL, text);
  char *again = terms_string(a);
  cw_analysis_free(a);
  assert_string_equal(first, again);
  free(first);
  free(again);
}

/* ---- edge cases and hostile input -------------------------------------- */

static void test_empty(void **state) {
  (void)state;
  cw_analysis *a = NULL;
  assert_int_equal(cw_analyze(NULL, "", 0, &a), CW_OK);
  assert_int_equal(a->n_entities, 0);
  assert_int_equal(a->n_sentences, 0);
  assert_int_equal(a->n_terms, 0);
  cw_analysis_free(a);
  assert_int_equal(cw_analyze(NULL, NULL, 0, &a), CW_OK);
  assert_int_equal(a->n_entities, 0);
  cw_analysis_free(a);
  /* the title alone still gives terms */
  assert_int_equal(cw_analyze("Harbour storm", "   \n\n ", 7, &a), CW_OK);
  assert_int_equal(a->n_entities, 0);
  assert_non_null(find_term(a, "harbour"));
  cw_analysis_free(a);
  assert_int_equal(cw_analyze(NULL, NULL, 3, &a), CW_ERR_USAGE);
  assert_int_equal(cw_analyze(NULL, "x", 1, NULL), CW_ERR_USAGE);
  cw_analysis_free(NULL);
  assert_string_equal(cw_entity_type_name(CW_ENT_PERSON), "PERSON");
  assert_string_equal(cw_entity_type_name(CW_ENT_UNKNOWN), "UNKNOWN");
  assert_true(cw_an_lex_sorted());
}

/* Deterministic noise (xorshift), so that a failure can be replayed. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static uint32_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (uint32_t)(rng_state >> 16);
}

/* One megabyte, analysed within a few seconds even under sanitizers. */
#define NOISE_BYTES ((size_t)1 << 20)
#define NOISE_SECONDS 20.0

static void analyze_noise(const char *text, size_t len) {
  cw_analysis *a = NULL;
  clock_t t0 = clock();
  assert_int_equal(cw_analyze("Noise", text, len, &a), CW_OK);
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  if (secs > NOISE_SECONDS)
    fail_msg("1 MB of noise took %.1f s", secs);
  for (size_t i = 0; i < a->n_entities; i++)
    for (size_t k = 0; k < a->entities[i].n_mentions; k++)
      assert_true(a->entities[i].mentions[k].end <= len);
  for (size_t i = 1; i < a->n_terms; i++)
    assert_true(strcmp(a->terms[i - 1].term, a->terms[i].term) < 0);
  cw_analysis_free(a);
}

static void test_hostile_input(void **state) {
  (void)state;
  char *buf = malloc(NOISE_BYTES + 8);
  assert_non_null(buf);
  size_t n;

  /* random bytes, mostly invalid UTF-8 */
  for (n = 0; n < NOISE_BYTES; n++)
    buf[n] = (char)(rng() & 0xFF);
  analyze_noise(buf, n);

  /* valid UTF-8 noise: letters of both cases, accents, CJK, emoji, dots,
   * quotes, parentheses and line breaks */
  static const char *const pieces[] = {"A",
                                       "b",
                                       "Mr",
                                       "Dr.",
                                       " ",
                                       " ",
                                       " ",
                                       "\n",
                                       ".",
                                       "?",
                                       "'",
                                       "\xE2\x80\x99",
                                       "(",
                                       ")",
                                       "-",
                                       "of",
                                       "\xC3\x89",
                                       "\xD0\x96",
                                       "\xE4\xB8\xAD",
                                       "\xF0\x9F\x98\x80",
                                       "US",
                                       "President",
                                       "Q",
                                       "z",
                                       "3",
                                       ",",
                                       "\xE2\x80\x9C",
                                       "\xCC\x81"};
  const size_t np = sizeof pieces / sizeof pieces[0];
  n = 0;
  while (n + 8 < NOISE_BYTES) {
    const char *p = pieces[rng() % np];
    size_t k = strlen(p);
    memcpy(buf + n, p, k);
    n += k;
  }
  analyze_noise(buf, n);

  /* patterns aimed at the run, role and acronym logic */
  static const char *const patterns[] = {"Aa ",
                                         "Mr ",
                                         "President ",
                                         "Xy Zw (XZ) ",
                                         "A. ",
                                         "of Ab ",
                                         ". ",
                                         "\n",
                                         "former ",
                                         "Ab-cd ",
                                         "US President Ab ",
                                         "\xE2\x80\xA6 ",
                                         "'s ",
                                         "Ab's "};
  for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
    size_t k = strlen(patterns[p]);
    for (n = 0; n + k < NOISE_BYTES; n += k)
      memcpy(buf + n, patterns[p], k);
    analyze_noise(buf, n);
  }
  free(buf);
}

/* ---- the shared seed, when present ------------------------------------- */

static void test_seed_aggregator_page(void **state) {
  (void)state;
  const char *path = CW_SOURCE_DIR "/../shared/seeds/001_9605064fc8c192f4.txt";
  FILE *f = fopen(path, "rb");
  if (!f) {
    skip();
    return;
  }
  fclose(f);
  cw_buf b;
  cw_buf_init(&b, 0);
  assert_int_equal(cw_read_file(path, (size_t)1 << 24, &b, NULL), CW_OK);
  cw_analysis *a = analyze(NULL, b.ptr);
  const cw_entity *musk = entity(a, "Elon Musk");
  assert_int_equal(musk->type, CW_ENT_PERSON);
  size_t mr_musk = 0;
  for (size_t i = 0; i < musk->n_mentions; i++) {
    const cw_mention *m = &musk->mentions[i];
    if (m->role && strcmp(m->role, "Mr") == 0 && m->end - m->start == 4 &&
        memcmp(b.ptr + m->start, "Musk", 4) == 0)
      mr_musk++;
  }
  assert_true(mr_musk >= 10);
  assert_true(has_string(musk->aliases, musk->n_aliases, "Mr Musk"));
  const cw_entity *trump = entity(a, "Donald Trump");
  assert_int_equal(trump->type, CW_ENT_PERSON);
  assert_true(has_string(trump->roles, trump->n_roles, "US President"));
  assert_null(find_entity(a, "Musk"));
  assert_null(find_entity(a, "Trump"));
  cw_analysis_free(a);
  cw_buf_free(&b);
}

/* cw_analyze() keeps the tokens of the text for cw_analyze_deep(): the
 * tokens cw_text_tokens() gives with the analysis' sentences, and the
 * quotes and facts found with them are those found by tokenising again
 * (an analysis without them, or given a text of another length). */
static void test_tokens_kept_for_deep(void **state) {
  (void)state;
  const char *text =
      "Port of Halvik \xE2\x80\x93 Harbour chief Ines Varga said on Monday "
      "that 1,200 dock workers would strike. \"We will not load a single "
      "ship,\" Varga told reporters.\n\nThe union's 40% raise would cost "
      "Halvik Ports about $3.5 million, officials said.";
  size_t len = strlen(text);
  cw_analysis *a = analyze("Halvik strike", text);
  cw_vec sents, toks;
  cw_vec_init(&sents, sizeof(cw_span));
  cw_vec_init(&toks, sizeof(cw_token));
  assert_int_equal(cw_text_sentences(text, len, &sents), CW_OK);
  assert_int_equal(cw_text_tokens(text, len, &sents, &toks), CW_OK);
  assert_int_equal(a->text_len, len);
  assert_int_equal(a->n_tokens, toks.len);
  assert_non_null(a->tokens);
  assert_memory_equal(a->tokens, toks.items, toks.len * sizeof(cw_token));
  const cw_token *tk;
  size_t nt;
  cw_vec own;
  cw_vec_init(&own, sizeof(cw_token));
  assert_int_equal(cw_an_tokens(a, text, len, 1, &own, &tk, &nt), CW_OK);
  assert_ptr_equal(tk, a->tokens); /* nothing tokenised again */
  assert_int_equal(own.len, 0);
  /* another length: tokenised afresh */
  assert_int_equal(cw_an_tokens(a, text, 14, 1, &own, &tk, &nt), CW_OK);
  assert_ptr_equal(tk, own.items);
  assert_int_equal(nt, 3); /* Port of Halvik */
  cw_vec_free(&own);
  /* the deep pass with and without the kept tokens */
  cw_analysis *b = analyze("Halvik strike", text);
  b->tokens = NULL;
  b->n_tokens = 0;
  assert_int_equal(cw_analyze_deep(a, text, len, "2025-06-02"), CW_OK);
  assert_int_equal(cw_analyze_deep(b, text, len, "2025-06-02"), CW_OK);
  assert_true(a->n_quotes >= 2);
  assert_true(a->n_facts >= 2);
  assert_int_equal(a->n_quotes, b->n_quotes);
  for (size_t i = 0; i < a->n_quotes; i++) {
    assert_int_equal(a->quotes[i].start, b->quotes[i].start);
    assert_int_equal(a->quotes[i].end, b->quotes[i].end);
    assert_int_equal(a->quotes[i].kind, b->quotes[i].kind);
    assert_int_equal(a->quotes[i].speaker_start, b->quotes[i].speaker_start);
    assert_int_equal(a->quotes[i].speaker_end, b->quotes[i].speaker_end);
  }
  assert_int_equal(a->n_facts, b->n_facts);
  for (size_t i = 0; i < a->n_facts; i++) {
    assert_int_equal(a->facts[i].start, b->facts[i].start);
    assert_int_equal(a->facts[i].end, b->facts[i].end);
    assert_string_equal(a->facts[i].value, b->facts[i].value);
  }
  cw_analysis_free(a);
  cw_analysis_free(b);
  cw_vec_free(&sents);
  cw_vec_free(&toks);
}

/* Interning folds and hashes a token eight bytes at a time, loading a
 * whole chunk past the token when the text goes on that far: tokens that
 * fold alike are one word and others are not, for every length across
 * the chunk boundaries, in any case, at the very end of a text that has
 * no byte after it (ASan builds see a read past it), and for a curly
 * apostrophe folded the slow way ("o\u2019clock" is "o'clock"). */
static void test_intern_chunks(void **state) {
  (void)state;
  static const char letters[] = "abcdefghijklmnopqrstuvwx";
  cw_buf b;
  cw_buf_init(&b, 0);
  /* each length three times: mixed case, capitals, lower case, then once
   * more at the end; and a word that differs in its last byte only */
  for (int pass = 0; pass < 4; pass++) {
    for (size_t n = 1; n <= 20; n++) {
      for (size_t k = 0; k < n; k++) {
        char ch = letters[k];
        if (pass == 0 ? k % 2 == 1 : pass == 1)
          ch = (char)(ch - 32);
        cw_buf_putc(&b, ch);
      }
      if (pass == 0 && n >= 8) {
        /* the same letters but the last */
        cw_buf_putc(&b, ' ');
        cw_buf_append(&b, letters, n - 1);
        cw_buf_putc(&b, 'z');
      }
      cw_buf_putc(&b, pass == 3 && n == 20 ? 'q' : ' ');
    }
    if (pass == 0)
      cw_buf_puts(&b, "o\xE2\x80\x99"
                      "clock and O'clock. ");
  }
  assert_int_equal(b.err, CW_OK);
  /* the text in a block of its own length: nothing after its last byte */
  size_t len = b.len;
  char *text = malloc(len);
  assert_non_null(text);
  memcpy(text, b.ptr, len);
  cw_analysis *a = NULL;
  assert_int_equal(cw_analyze(NULL, text, len, &a), CW_OK);
  assert_int_equal(a->n_tokens, 4 * 20 + 13 + 4);
  size_t clock = 0;
  for (size_t k = 0; k < a->n_words; k++)
    clock += strcmp(a->words[k], "o'clock") == 0;
  assert_int_equal(clock, 1);
  for (size_t i = 0; i < a->n_tokens; i++) {
    const cw_token *ti = &a->tokens[i];
    size_t ni = ti->end - ti->start, ascii = 0;
    while (ascii < ni && (unsigned char)text[ti->start + ascii] < 0x80)
      ascii++;
    if (ti->kind == CW_TOK_PUNCT || ascii < ni)
      continue;
    int32_t wi = a->token_word[i];
    assert_true(wi >= 0);
    /* its word is its lower case */
    assert_int_equal(strlen(a->words[wi]), ni);
    for (size_t k = 0; k < ni; k++) {
      char ch = text[ti->start + k];
      if (ch >= 'A' && ch <= 'Z')
        ch = (char)(ch + 32);
      assert_int_equal(a->words[wi][k], ch);
    }
    /* and tokens share a word exactly when they fold alike */
    for (size_t j = 0; j < i; j++) {
      const cw_token *tj = &a->tokens[j];
      if (a->token_word[j] < 0)
        continue;
      int same = tj->end - tj->start == ni &&
                 strcmp(a->words[a->token_word[j]], a->words[wi]) == 0;
      assert_int_equal(a->token_word[j] == wi, same);
    }
  }
  cw_analysis_free(a);
  free(text);
  cw_buf_free(&b);
}

/* cw_an_map_get_h64() finds what cw_an_map_get() finds, from the key's
 * cw_an_map_hash() given by the caller. */
static void test_map_get_h64(void **state) {
  (void)state;
  cw_an_map m = {0};
  assert_null(cw_an_map_get_h64(&m, "quay", 4, 0, cw_an_map_hash("quay", 4)));
  static const char *const keys[] = {"quay", "harbour", "pier", "dock", "tug"};
  char many[200][8];
  for (long i = 0; i < 5; i++)
    assert_int_equal(
        cw_an_map_put(&m, keys[i], strlen(keys[i]), 0, i, NULL, NULL), CW_OK);
  for (int i = 0; i < 200; i++) { /* grown past its first size */
    snprintf(many[i], sizeof many[i], "w%d", i);
    assert_int_equal(
        cw_an_map_put(&m, many[i], strlen(many[i]), 0, 100 + i, NULL, NULL),
        CW_OK);
  }
  for (long i = 0; i < 5; i++) {
    size_t n = strlen(keys[i]);
    long *p = cw_an_map_get_h64(&m, keys[i], n, 0, cw_an_map_hash(keys[i], n));
    assert_non_null(p);
    assert_int_equal(*p, i);
    assert_ptr_equal(p, cw_an_map_get(&m, keys[i], n, 0));
    /* another tag is another key */
    assert_null(cw_an_map_get_h64(&m, keys[i], n, 1, cw_an_map_hash(keys[i], n)));
  }
  long *p = cw_an_map_get_h64(&m, "w150", 4, 0, cw_an_map_hash("w150", 4));
  assert_non_null(p);
  assert_int_equal(*p, 250);
  assert_null(cw_an_map_get_h64(&m, "jetty", 5, 0, cw_an_map_hash("jetty", 5)));
  cw_an_map_free(&m);
}

/* cw_an_map_put_slot_h64() inserts once: the first put of a key creates
 * its slot with the value given, later ones find it (value kept); a key
 * borrowed for the call is pointed at a lasting copy; puts that grow the
 * table keep every key (lookups through the other calls agree). */
static void test_map_put_slot(void **state) {
  (void)state;
  cw_an_map m = {0};
  char keys[300][8], borrowed[8];
  for (int i = 0; i < 300; i++) {
    snprintf(keys[i], sizeof keys[i], "k%d", i);
    /* put through a buffer that is overwritten after each call */
    size_t n = strlen(keys[i]);
    memcpy(borrowed, keys[i], n + 1);
    int created = -1;
    cw_an_slot *s = cw_an_map_put_slot_h64(
        &m, borrowed, n, 0, cw_an_map_hash(borrowed, n), i, &created);
    assert_non_null(s);
    assert_int_equal(created, 1);
    assert_int_equal(s->val, i);
    s->key = keys[i];
    memset(borrowed, 'x', sizeof borrowed - 1);
    /* again: found, its value kept */
    s = cw_an_map_put_slot_h64(&m, keys[i], n, 0, cw_an_map_hash(keys[i], n),
                               1000 + i, &created);
    assert_non_null(s);
    assert_int_equal(created, 0);
    assert_int_equal(s->val, i);
  }
  assert_int_equal(m.count, 300);
  for (int i = 0; i < 300; i++) {
    long *p = cw_an_map_get(&m, keys[i], strlen(keys[i]), 0);
    assert_non_null(p);
    assert_int_equal(*p, i);
  }
  assert_null(cw_an_map_get(&m, "k300", 4, 0));
  assert_null(cw_an_map_get(&m, "k1", 2, 7)); /* another tag */
  cw_an_map_free(&m);
}

/* cw_an_map_reserve() sizes a map once: keys put before and after it are
 * all found, and puts up to the reserved count never move a slot (a
 * value pointer stays valid). */
static void test_map_reserve(void **state) {
  (void)state;
  cw_an_map m = {0};
  assert_int_equal(cw_an_map_put(&m, "quay", 4, 0, 7, NULL, NULL), CW_OK);
  assert_int_equal(cw_an_map_reserve(&m, 300), CW_OK);
  size_t cap = m.cap;
  assert_true(cap >= 2 * 301);
  long *quay = cw_an_map_get(&m, "quay", 4, 0);
  assert_non_null(quay);
  assert_int_equal(*quay, 7);
  char keys[299][8];
  for (int i = 0; i < 299; i++) {
    snprintf(keys[i], sizeof keys[i], "k%d", i);
    assert_int_equal(
        cw_an_map_put(&m, keys[i], strlen(keys[i]), 0, i, NULL, NULL), CW_OK);
  }
  assert_int_equal(m.cap, cap); /* no rehash */
  assert_ptr_equal(cw_an_map_get(&m, "quay", 4, 0), quay);
  for (int i = 0; i < 299; i++) {
    long *p = cw_an_map_get(&m, keys[i], strlen(keys[i]), 0);
    assert_non_null(p);
    assert_int_equal(*p, i);
  }
  assert_int_equal(cw_an_map_reserve(&m, 10), CW_OK); /* never shrinks */
  assert_int_equal(m.cap, cap);
  cw_an_map_free(&m);
  cw_an_map e = {0};
  assert_int_equal(cw_an_map_reserve(&e, 0), CW_OK);
  assert_null(cw_an_map_get(&e, "quay", 4, 0));
  cw_an_map_free(&e);
}

/* Maps made after others were freed start empty, whatever the slot
 * arrays they get held before (map.c keeps freed arrays for the next maps
 * of the thread and empties them by generation, not by zeroing), at every
 * size and over many rounds; a tag still tells keys apart. */
static void test_map_slots_reused(void **state) {
  (void)state;
  static char keys[600][8];
  for (int i = 0; i < 600; i++)
    snprintf(keys[i], sizeof keys[i], "k%d", i);
  for (int round = 0; round < 300; round++) {
    size_t n = (size_t)(round * 37 % 600) + 1; /* sizes 64 to 2048 slots */
    long base = round * 1000;
    cw_an_map m = {0}, other = {0};
    if (round % 3 == 0)
      assert_int_equal(cw_an_map_reserve(&m, n), CW_OK);
    /* this round's keys are those of even rounds, half of them: the rest
     * must not be found although earlier maps held them */
    for (size_t i = 0; i < n; i++) {
      if ((i + (size_t)round) % 2)
        continue;
      int created = 0;
      long *slot = NULL;
      assert_int_equal(cw_an_map_put(&m, keys[i], strlen(keys[i]),
                                     (uint64_t)(i % 3), base + (long)i, &slot,
                                     &created),
                       CW_OK);
      assert_true(created);
      assert_int_equal(*slot, base + (long)i);
    }
    assert_int_equal(cw_an_map_put(&other, "quay", 4, 0, 5, NULL, NULL), CW_OK);
    for (size_t i = 0; i < 600; i++) {
      long *p = cw_an_map_get(&m, keys[i], strlen(keys[i]), (uint64_t)(i % 3));
      if (i < n && (i + (size_t)round) % 2 == 0) {
        assert_non_null(p);
        assert_int_equal(*p, base + (long)i);
        int created = 1;
        assert_int_equal(cw_an_map_put(&m, keys[i], strlen(keys[i]),
                                       (uint64_t)(i % 3), -1, NULL, &created),
                         CW_OK);
        assert_false(created); /* found, value kept */
        assert_int_equal(*p, base + (long)i);
      } else {
        assert_null(p);
      }
      /* another tag is another key */
      assert_null(
          cw_an_map_get(&m, keys[i], strlen(keys[i]), (uint64_t)(i % 3) + 3));
    }
    assert_null(cw_an_map_get(&other, "pier", 4, 0));
    assert_non_null(cw_an_map_get(&other, "quay", 4, 0));
    if (round % 2)
      cw_an_map_free(&other);
    cw_an_map_free(&m);
    assert_null(m.slots);
    assert_int_equal(m.count, 0);
    if (!(round % 2))
      cw_an_map_free(&other);
  }
}

/* Terms come sorted as strcmp orders them, also when many share their
 * first eight bytes (the sort compares those first) or are shorter. */
static void test_terms_sorted(void **state) {
  (void)state;
  const char *text =
      "Internationalists met internationally at the Internationale hall. "
      "Interchangeable interchanges and international interns interned "
      "inter alia. An inn, innkeepers and innovations. Ada Brennholt of "
      "Brennholt Logistics spoke; Brennholt Logistics hired Ada.";
  cw_analysis *a;
  assert_int_equal(
      cw_analyze("Internationals at the inn", text, strlen(text), &a), CW_OK);
  assert_true(a->n_terms > 10);
  for (size_t i = 1; i < a->n_terms; i++)
    if (strcmp(a->terms[i - 1].term, a->terms[i].term) >= 0)
      fail_msg("'%s' before '%s'", a->terms[i - 1].term, a->terms[i].term);
  cw_analysis_free(a);
}

/* Terms sorted in buckets of their first byte: one bucket of more terms
 * than an insertion sort takes (sorted by merging), many sharing their
 * first eight bytes (ordered by strcmp), written in descending order;
 * small buckets beside it, and first bytes above 0x7F (after ASCII). */
static void test_terms_sorted_buckets(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 0);
  for (int k = 39; k >= 0; k--) /* "spacecraftzq" down to "spacecraftan" */
    cw_buf_printf(&b, "spacecraft%c%c sk%cwalker ", 'a' + k % 26, 'n' + k / 13,
                  'a' + k % 26);
  cw_buf_puts(&b, "zebras yaks \xC3\xBC"
                  "ber \xC3\xA9"
                  "cole walruses "
                  "voles \xC3\xA5"
                  "ngstr\xC3\xB6"
                  "m urchins tapirs.");
  assert_int_equal(b.err, CW_OK);
  cw_analysis *a;
  assert_int_equal(cw_analyze(NULL, b.ptr, b.len, &a), CW_OK);
  size_t s_terms = 0, high = 0;
  for (size_t i = 0; i < a->n_terms; i++) {
    s_terms += a->terms[i].term[0] == 's';
    high += (unsigned char)a->terms[i].term[0] >= 0x80;
  }
  assert_true(s_terms >= 60); /* a bucket merged, not insertion-sorted */
  assert_int_equal(high, 3);
  for (size_t i = 1; i < a->n_terms; i++)
    if (strcmp(a->terms[i - 1].term, a->terms[i].term) >= 0)
      fail_msg("'%s' before '%s'", a->terms[i - 1].term, a->terms[i].term);
  /* the last three: the words of a first byte above 0x7F */
  assert_true((unsigned char)a->terms[a->n_terms - 3].term[0] >= 0x80);
  cw_analysis_free(a);
  cw_buf_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_person_role_and_surname),
      cmocka_unit_test(test_roles_kept_distinct),
      cmocka_unit_test(test_role_words_before_name),
      cmocka_unit_test(test_acronym_alias),
      cmocka_unit_test(test_descriptions),
      cmocka_unit_test(test_surname_past_stray_name),
      cmocka_unit_test(test_names_with_particles_and_initials),
      cmocka_unit_test(test_dateline_and_headline),
      cmocka_unit_test(test_sentences_of_many_capitals),
      cmocka_unit_test(test_terms),
      cmocka_unit_test(test_tokens_kept_for_deep),
      cmocka_unit_test(test_intern_chunks),
      cmocka_unit_test(test_map_get_h64),
      cmocka_unit_test(test_map_put_slot),
      cmocka_unit_test(test_map_reserve),
      cmocka_unit_test(test_map_slots_reused),
      cmocka_unit_test(test_terms_sorted),
      cmocka_unit_test(test_terms_sorted_buckets),
      cmocka_unit_test(test_terms_across_articles),
      cmocka_unit_test(test_stems_kept_with_kinds),
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_hostile_input),
      cmocka_unit_test(test_names_collapsed),
      cmocka_unit_test(test_terms_shared_prefixes),
      cmocka_unit_test(test_seed_aggregator_page),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
