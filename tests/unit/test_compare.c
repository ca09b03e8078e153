/* test_compare.c - discrepancies, quote groups and the timeline of one
 * invented story, built from hand-made facts, quotes and dates so that
 * each rule of src/story/compare.c is checked on its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "story/compare.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* Byte offset of needle in hay (the test texts contain each once). */
static size_t at(const char *hay, const char *needle) {
  const char *p = strstr(hay, needle);
  assert_non_null(p);
  return (size_t)(p - hay);
}

static cw_fact quantity(const char *text, const char *span, const char *noun,
                        double number, cw_fact_qualifier q) {
  cw_fact f = {0};
  f.start = at(text, span);
  f.end = f.start + strlen(span);
  f.kind = CW_FACT_QUANTITY;
  f.subject = noun;
  f.value = span;
  f.number = number;
  f.qualifier = q;
  return f;
}

static cw_cmp_article article(int64_t id, const char *outlet,
                              const char *published, const char *text) {
  cw_cmp_article a = {0};
  a.id = id;
  a.outlet = outlet;
  a.published = published;
  a.text = text;
  a.len = strlen(text);
  return a;
}

/* The discrepancies of one kind. */
static size_t count_kind(json_t *d, const char *kind, json_t **first) {
  size_t i, n = 0;
  json_t *v;
  json_array_foreach(d, i, v) {
    if (!strcmp(json_string_value(json_object_get(v, "kind")), kind)) {
      if (!n && first)
        *first = v;
      n++;
    }
  }
  return n;
}

static const char t1[] = "The crane collapse on the east quay injured 12 "
                         "workers, the harbour authority said.";
static const char t2[] = "At least 15 workers were injured when the crane "
                         "collapsed on the east quay, the union said.";
static const char t3[] = "By Monday night 14 ships waited at anchor off the "
                         "harbour.";
static const char t4[] = "By Wednesday 31 ships waited at anchor off the "
                         "harbour.";

static void conflicting_figures_on_one_day(void **state) {
  (void)state;
  cw_fact f1 = quantity(t1, "12 workers", "worker", 12, CW_QUAL_EXACT);
  cw_fact f2 = quantity(t2, "At least 15 workers", "worker", 15,
                        CW_QUAL_ATLEAST);
  cw_cmp_article a[2] = {article(1, "Harbour Gazette", "2026-04-02", t1),
                         article(2, "Quayside News", "2026-04-02", t2)};
  a[0].facts = &f1;
  a[0].n_facts = 1;
  a[1].facts = &f2;
  a[1].n_facts = 1;
  json_t *d = cw_compare_discrepancies(a, 2), *x = NULL;
  assert_non_null(d);
  assert_int_equal(count_kind(d, "number", &x), 1);
  json_t *vars = json_object_get(x, "variants");
  assert_int_equal(json_array_size(vars), 2);
  json_t *v0 = json_array_get(vars, 0);
  assert_string_equal(json_string_value(json_object_get(v0, "value")),
                      "12 workers");
  json_t *ev = json_array_get(json_object_get(v0, "evidence"), 0);
  assert_int_equal(json_integer_value(json_object_get(ev, "article")), 1);
  assert_int_equal(json_integer_value(json_object_get(ev, "start")),
                   (json_int_t)f1.start);
  assert_string_equal(json_string_value(json_object_get(ev, "sentence")), t1);
  json_decref(d);
}

static void growing_figure_is_not_a_discrepancy(void **state) {
  (void)state;
  cw_fact f3 = quantity(t3, "14 ships", "ship", 14, CW_QUAL_EXACT);
  cw_fact f4 = quantity(t4, "31 ships", "ship", 31, CW_QUAL_EXACT);
  cw_cmp_article a[2] = {article(1, "Harbour Gazette", "2026-04-02", t3),
                         article(2, "Quayside News", "2026-04-04", t4)};
  a[0].facts = &f3;
  a[0].n_facts = 1;
  a[1].facts = &f4;
  a[1].n_facts = 1;
  json_t *d = cw_compare_discrepancies(a, 2);
  assert_int_equal(count_kind(d, "number", NULL), 0);
  json_decref(d);
  /* the same figures reported for one day do disagree */
  a[1].published = "2026-04-02";
  d = cw_compare_discrepancies(a, 2);
  assert_int_equal(count_kind(d, "number", NULL), 1);
  json_decref(d);
}

/* An outlet that gives both figures of a measure tells two things apart
 * (injured at the scene, treated in all): the two values are then no
 * discrepancy between the outlets that give one each. */
static const char t5[] = "The crane collapse on the east quay injured 12 "
                         "workers at the scene and 15 workers in all, the "
                         "harbour authority said.";
static const char t6[] = "The crane collapse on the east quay injured 15 "
                         "workers, the harbour authority said.";

static void figures_given_together_are_no_conflict(void **state) {
  (void)state;
  cw_fact f5[2] = {quantity(t5, "12 workers", "worker", 12, CW_QUAL_EXACT),
                   quantity(t5, "15 workers", "worker", 15, CW_QUAL_EXACT)};
  cw_fact f1 = quantity(t1, "12 workers", "worker", 12, CW_QUAL_EXACT);
  cw_fact f6 = quantity(t6, "15 workers", "worker", 15, CW_QUAL_EXACT);
  cw_cmp_article a[3] = {article(1, "Harbour Gazette", "2026-04-02", t1),
                         article(2, "Quayside News", "2026-04-02", t6),
                         article(3, "Dockland Post", "2026-04-02", t5)};
  a[0].facts = &f1;
  a[0].n_facts = 1;
  a[1].facts = &f6;
  a[1].n_facts = 1;
  a[2].facts = f5;
  a[2].n_facts = 2;
  /* the two outlets giving one figure each disagree */
  json_t *d = cw_compare_discrepancies(a, 2);
  assert_int_equal(count_kind(d, "number", NULL), 1);
  json_decref(d);
  /* not once the third gives both in one report */
  d = cw_compare_discrepancies(a, 3);
  assert_int_equal(count_kind(d, "number", NULL), 0);
  json_decref(d);
}

static const char r1[] = "Former Harbour Minister Petra Lindqvist spoke.";
static const char r2[] = "Harbour Minister Petra Lindqvist spoke.";
static const char r3[] = "Minister Petra Lindqvist spoke.";

static cw_fact role(const char *text, const char *span, const char *value) {
  cw_fact f = {0};
  f.start = at(text, span);
  f.end = f.start + strlen(span);
  f.kind = CW_FACT_ROLE;
  f.subject = "Petra Lindqvist";
  f.value = value;
  return f;
}

static void former_title_conflicts_style_does_not(void **state) {
  (void)state;
  cw_fact f1 = role(r1, "Former Harbour Minister Petra Lindqvist",
                    "Former Harbour Minister");
  cw_fact f2 = role(r2, "Harbour Minister Petra Lindqvist", "Harbour Minister");
  cw_fact f3 = role(r3, "Minister Petra Lindqvist", "Minister");
  cw_cmp_article a[3] = {article(1, "A", NULL, r1), article(2, "B", NULL, r2),
                         article(3, "C", NULL, r3)};
  a[0].facts = &f1;
  a[0].n_facts = 1;
  a[1].facts = &f2;
  a[1].n_facts = 1;
  a[2].facts = &f3;
  a[2].n_facts = 1;
  json_t *x = NULL, *d = cw_compare_discrepancies(a, 3);
  assert_int_equal(count_kind(d, "role", &x), 1);
  json_t *vars = json_object_get(x, "variants");
  assert_int_equal(json_array_size(vars), 2);
  /* "Minister" and "Harbour Minister" are one variant, two articles */
  size_t i;
  json_t *v;
  int former = 0, current = 0;
  json_array_foreach(vars, i, v) {
    const char *val = json_string_value(json_object_get(v, "value"));
    size_t n = json_array_size(json_object_get(v, "articles"));
    if (!strcmp(val, "Former Harbour Minister") && n == 1)
      former = 1;
    if (!strcmp(val, "Harbour Minister") && n == 2)
      current = 1;
  }
  assert_true(former && current);
  json_decref(d);
  /* without the former title nothing conflicts */
  d = cw_compare_discrepancies(a + 1, 2);
  assert_int_equal(count_kind(d, "role", NULL), 0);
  json_decref(d);
}

static const char q1[] = "\"We will not reopen the quay until every crane "
                         "is inspected,\" Ada Korhonen said.";
static const char q2[] = "\"No crane moves on this quay before it has been "
                         "inspected,\" said Ada Korhonen.";
static const char q3[] = "\"We will not reopen the quay until every crane "
                         "is inspected,\" Tomas Wirth said.";

static cw_quote quote(const char *text, const char *words, const char *who) {
  cw_quote q = {0};
  q.start = at(text, words) - 1;
  q.end = q.start + strlen(words) + 2;
  q.kind = CW_QUOTE_DIRECT;
  q.text = words;
  q.speaker = who;
  q.speaker_entity = -1;
  return q;
}

/* Gives article a[i] the one quote q[i], for i < n. */
static void one_quote_each(cw_cmp_article *a, cw_quote *q, size_t n) {
  for (size_t i = 0; i < n; i++) {
    a[i].quotes = &q[i];
    a[i].n_quotes = 1;
  }
}

static void quote_wording_and_attribution(void **state) {
  (void)state;
  cw_quote q[3] = {quote(q1, "We will not reopen the quay until every crane "
                             "is inspected,", "Ada Korhonen"),
                   quote(q2, "No crane moves on this quay before it has been "
                             "inspected,", "Ada Korhonen"),
                   quote(q3, "We will not reopen the quay until every crane "
                             "is inspected,", "Tomas Wirth")};
  cw_cmp_article a[3] = {article(1, "A", NULL, q1), article(2, "B", NULL, q2),
                         article(3, "C", NULL, q3)};
  one_quote_each(a, q, 3);
  json_t *x = NULL, *d = cw_compare_discrepancies(a, 3);
  assert_int_equal(count_kind(d, "quote_wording", &x), 1);
  assert_string_equal(json_string_value(json_object_get(x, "subject")),
                      "Ada Korhonen");
  assert_int_equal(count_kind(d, "attribution", &x), 1);
  json_t *vars = json_object_get(x, "variants");
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(vars, 0), "value")),
      "Ada Korhonen");
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(vars, 1), "value")),
      "Tomas Wirth");
  json_decref(d);
  /* quote groups: Korhonen's two wordings form one group */
  json_t *g = cw_compare_quotes(a, 3);
  assert_non_null(g);
  size_t i, korhonen = 0;
  json_t *v;
  json_array_foreach(g, i, v) {
    const char *sp = json_string_value(json_object_get(v, "speaker"));
    if (sp && !strcmp(sp, "Ada Korhonen")) {
      korhonen++;
      assert_int_equal(json_array_size(json_object_get(v, "variants")), 2);
    }
  }
  assert_int_equal(korhonen, 1);
  json_decref(g);
}

static const char p1[] = "\"This overpriced harbour plan is a shameful "
                         "giveaway. Nobody asked for it,\" Ada Korhonen "
                         "wrote.";
static const char p2[] = "Ada Korhonen called the plan a \"shameful waste "
                         "of harbour money\".";
static const char p3[] = "Ada Korhonen called the plan \"a long overdue "
                         "repair of the harbour\".";

/* A partial quote that gives part of a long quote's words otherwise is a
 * quote_wording discrepancy; one that shares a single word is another
 * utterance. */
static void quote_wording_of_partial_quote(void **state) {
  (void)state;
  cw_quote q[3] = {quote(p1, "This overpriced harbour plan is a shameful "
                             "giveaway. Nobody asked for it,", "Ada Korhonen"),
                   quote(p2, "shameful waste of harbour money", "Ada Korhonen"),
                   quote(p3, "a long overdue repair of the harbour",
                         "Ada Korhonen")};
  q[1].kind = q[2].kind = CW_QUOTE_PARTIAL;
  cw_cmp_article a[3] = {article(1, "A", NULL, p1), article(2, "B", NULL, p2),
                         article(3, "C", NULL, p3)};
  one_quote_each(a, q, 3);
  json_t *x = NULL, *d = cw_compare_discrepancies(a, 2);
  assert_int_equal(count_kind(d, "quote_wording", &x), 1);
  json_t *vars = json_object_get(x, "variants");
  assert_int_equal(json_array_size(vars), 2);
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(vars, 1), "value")),
      "shameful waste of harbour money");
  json_decref(d);
  /* a hyphenated word counts as its parts: "harbour-funded" gives
   * "harbour" */
  static const char p4[] = "\"This harbour-funded plan is a shameful "
                           "giveaway,\" Ada Korhonen wrote.";
  cw_quote q4[2] = {quote(p4, "This harbour-funded plan is a shameful "
                              "giveaway,", "Ada Korhonen"), q[1]};
  cw_cmp_article b[2] = {article(1, "A", NULL, p4), a[1]};
  one_quote_each(b, q4, 2);
  d = cw_compare_discrepancies(b, 2);
  assert_int_equal(count_kind(d, "quote_wording", NULL), 1);
  json_decref(d);
  /* "harbour" alone in common: another thing she said */
  a[1] = a[2];
  d = cw_compare_discrepancies(a, 2);
  assert_int_equal(count_kind(d, "quote_wording", NULL), 0);
  json_decref(d);
}

static const char e1[] = "The quay reopened on Friday. Dr. Vera Quist, a "
                         "professor of logistics at Elmsby University, said "
                         "delays would last weeks.";
static const char e2[] = "The quay reopened on Friday after talks.";
static const char e3[] = "Ships began unloading as the quay reopened.";

static void expert_only_one_outlet_names(void **state) {
  (void)state;
  cw_cmp_entity vq = {"Vera Quist", "PERSON"};
  cw_cmp_article a[3] = {article(1, "A", NULL, e1), article(2, "B", NULL, e2),
                         article(3, "C", NULL, e3)};
  a[0].entities = &vq;
  a[0].n_entities = 1;
  json_t *x = NULL, *d = cw_compare_discrepancies(a, 3);
  assert_int_equal(count_kind(d, "uncorroborated", &x), 1);
  assert_string_equal(json_string_value(json_object_get(x, "subject")),
                      "Vera Quist");
  json_decref(d);
  /* with two outlets only, nothing is pointed out */
  d = cw_compare_discrepancies(a, 2);
  assert_int_equal(count_kind(d, "uncorroborated", NULL), 0);
  json_decref(d);
  /* the title capitalised ("Senior Analyst") introduces her too; a job
   * that names no expert does not */
  static const char e4[] = "The quay reopened on Friday. Vera Quist, Senior "
                           "Analyst at Elmsby Shipping, said delays would "
                           "last weeks.";
  static const char e5[] = "The quay reopened on Friday. Vera Quist, Crane "
                           "Driver at Elmsby Shipping, said delays would "
                           "last weeks.";
  const struct {
    const char *text;
    size_t expected;
  } cases[] = {{e4, 1}, {e5, 0}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    a[0] = article(1, "A", NULL, cases[i].text);
    a[0].entities = &vq;
    a[0].n_entities = 1;
    d = cw_compare_discrepancies(a, 3);
    assert_int_equal(count_kind(d, "uncorroborated", NULL), cases[i].expected);
    json_decref(d);
  }
}

static const char u1[] = "Ada Korhonen said the quay would reopen on "
                         "Friday. She declined to comment on the cranes. "
                         "Tomas Wirth turned his attention to the cranes of "
                         "the quay. Korhonen attacked Tomas Wirth.";
static const char u2[] = "The quay would reopen on Friday, Ada Korhonen "
                         "said.";

/* An indirect quote of words in text, with its speaker and cue. */
static cw_quote reported(const char *text, const char *words, const char *who,
                         const char *cue) {
  cw_quote q = {0};
  q.start = at(text, words);
  q.end = q.start + strlen(words);
  q.kind = CW_QUOTE_INDIRECT;
  q.text = words;
  q.speaker = who;
  q.speaker_entity = -1;
  q.cue = cue;
  return q;
}

static void who_said_what_takes_only_words(void **state) {
  (void)state;
  cw_quote q1s[4] = {
      reported(u1, "the quay would reopen on Friday", "Ada Korhonen", "said"),
      reported(u1, "to comment on the cranes", "Ada Korhonen", "declined"),
      reported(u1, "his attention to the cranes of the quay", "Tomas Wirth",
               "turned"),
      reported(u1, "Tomas Wirth", "Ada Korhonen", "attacked")};
  cw_quote q2s[1] = {
      reported(u2, "The quay would reopen on Friday", "Ada Korhonen", "said")};
  cw_cmp_article a[2] = {article(1, "A", NULL, u1), article(2, "B", NULL, u2)};
  a[0].quotes = q1s;
  a[0].n_quotes = 4;
  a[1].quotes = q2s;
  a[1].n_quotes = 1;
  json_t *g = cw_compare_quotes(a, 2);
  assert_non_null(g);
  /* one group: what Korhonen said, in both articles */
  assert_int_equal(json_array_size(g), 1);
  json_t *v = json_array_get(g, 0);
  assert_string_equal(json_string_value(json_object_get(v, "speaker")),
                      "Ada Korhonen");
  json_t *var = json_array_get(json_object_get(v, "variants"), 0);
  assert_int_equal(json_array_size(json_object_get(var, "articles")), 2);
  json_decref(g);
}

static void expert_quoted_only_by_words(void **state) {
  (void)state;
  /* an expert of unknown type counts when quoted: "declined to comment"
   * is no quote */
  cw_cmp_entity vq = {"Vera Quist", "UNKNOWN"};
  cw_cmp_article a[3] = {article(1, "A", NULL, e1), article(2, "B", NULL, e2),
                         article(3, "C", NULL, e3)};
  a[0].entities = &vq;
  a[0].n_entities = 1;
  cw_quote q = reported(e1, "delays would last weeks", "Vera Quist", "said");
  a[0].quotes = &q;
  a[0].n_quotes = 1;
  json_t *d = cw_compare_discrepancies(a, 3);
  assert_int_equal(count_kind(d, "uncorroborated", NULL), 1);
  json_decref(d);
  q.cue = "declined";
  d = cw_compare_discrepancies(a, 3);
  assert_int_equal(count_kind(d, "uncorroborated", NULL), 0);
  json_decref(d);
}

static const char d1[] = "The guild voted to end the strike on April 9.";
static const char d2[] = "The guild voted on April 9 to end the strike.";
static const char d3[] = "The port said the first ship left on April 7.";

static cw_timex date(const char *text, const char *span, const char *value) {
  cw_timex t = {0};
  t.start = at(text, span);
  t.end = t.start + strlen(span);
  t.type = CW_TIMEX_DATE;
  t.value = value;
  return t;
}

static void timeline_merges_one_event(void **state) {
  (void)state;
  cw_timex x1 = date(d1, "April 9", "2026-04-09");
  cw_timex x2 = date(d2, "April 9", "2026-04-09");
  cw_timex x3 = date(d3, "April 7", "2026-04-07");
  cw_cmp_article a[3] = {article(1, "A", NULL, d1), article(2, "B", NULL, d2),
                         article(3, "C", NULL, d3)};
  a[0].times = &x1;
  a[0].n_times = 1;
  a[1].times = &x2;
  a[1].n_times = 1;
  a[2].times = &x3;
  a[2].n_times = 1;
  /* a date that is no day ("FUTURE_REF" has ten characters too; a week)
   * makes no timeline entry */
  cw_timex x3b[3] = {date(d3, "April 7", "FUTURE_REF"),
                     date(d3, "April 7", "2026-W15-2"), x3};
  a[2].times = x3b;
  a[2].n_times = 3;
  json_t *tl = cw_compare_timeline(a, 3);
  assert_int_equal(json_array_size(tl), 2);
  json_t *first = json_array_get(tl, 0), *second = json_array_get(tl, 1);
  assert_string_equal(json_string_value(json_object_get(first, "date")),
                      "2026-04-07");
  assert_int_equal(json_array_size(json_object_get(second, "articles")), 2);
  json_decref(tl);
  /* one outlet saying April 10 for the same vote is a date discrepancy */
  cw_timex x2b = date(d2, "April 9", "2026-04-10");
  a[1].times = &x2b;
  json_t *d = cw_compare_discrepancies(a, 3);
  assert_int_equal(count_kind(d, "date", NULL), 1);
  json_decref(d);
}

/* A dated sentence is the analysis's sentence: a quote closing after its
 * full stop ends the one before, an honorific's dot ends nothing, and a
 * blank line always ends one. */
static void timeline_sentences_as_analysed(void **state) {
  (void)state;
  static const char q[] =
      "The mayor wrote: 'Keep this for later. The truth will out.' "
      "However, Dr. Ines Vale said on May 4 that the file was complete.\n\n"
      "No dates here";
  static const char b[] = "Councillors met on May 4\n\nand voted.";
  cw_timex xq = date(q, "May 4", "2026-05-04"), xb = date(b, "May 4", "2026-05-04");
  cw_cmp_article a[2] = {article(1, "A", "2026-05-05", q),
                         article(2, "B", "2026-05-05", b)};
  a[0].times = &xq;
  a[0].n_times = 1;
  a[1].times = &xb;
  a[1].n_times = 1;
  json_t *tl = cw_compare_timeline(a, 2), *e;
  size_t i, found = 0;
  json_array_foreach(tl, i, e) {
    json_t *ev;
    size_t j;
    json_array_foreach(json_object_get(e, "evidence"), j, ev) {
      const char *sent = json_string_value(json_object_get(ev, "sentence"));
      int64_t art = json_integer_value(json_object_get(ev, "article"));
      if (art == 1)
        assert_string_equal(sent, "However, Dr. Ines Vale said on May 4 "
                                  "that the file was complete.");
      else
        assert_string_equal(sent, "Councillors met on May 4");
      found++;
    }
  }
  assert_int_equal(found, 2);
  json_decref(tl);
}

/* An article without a date says "On December 30" and "on January 8":
 * the story's day (the last of its dated articles) gives the years, the
 * nearest before it or at most a week after; alone, it makes no entry. */
static void timeline_year_of_undated_article(void **state) {
  (void)state;
  static const char u[] = "The guild voted on December 30 to strike. The "
                          "port reopens on January 8. Talks end on "
                          "January 20.";
  cw_timex xu[3] = {date(u, "December 30", "XXXX-12-30"),
                    date(u, "January 8", "XXXX-01-08"),
                    date(u, "January 20", "XXXX-01-20")};
  cw_cmp_article a[2] = {article(1, "A", "2026-01-03T09:00:00Z", d3),
                         article(2, "B", NULL, u)};
  a[1].times = xu;
  a[1].n_times = 3;
  json_t *tl = cw_compare_timeline(a, 2);
  assert_int_equal(json_array_size(tl), 3);
  const char *want[3] = {"2025-01-20", "2025-12-30", "2026-01-08"};
  for (size_t i = 0; i < 3; i++) {
    json_t *e = json_array_get(tl, i);
    assert_string_equal(json_string_value(json_object_get(e, "date")),
                        want[i]);
    assert_true(json_is_true(json_object_get(e, "year_inferred")));
  }
  json_decref(tl);
  /* a dated article's own days are never moved, nor marked */
  cw_timex x3 = date(d3, "April 7", "2026-04-07");
  a[0].times = &x3;
  a[0].n_times = 1;
  tl = cw_compare_timeline(a, 2);
  assert_int_equal(json_array_size(tl), 4);
  json_t *last = json_array_get(tl, 3);
  assert_string_equal(json_string_value(json_object_get(last, "date")),
                      "2026-04-07");
  assert_null(json_object_get(last, "year_inferred"));
  json_decref(tl);
  /* no dated article in the story: no year to give */
  tl = cw_compare_timeline(&a[1], 1);
  assert_int_equal(json_array_size(tl), 0);
  json_decref(tl);
}

/* Thirty outlets carry one utterance in two wordings: one discrepancy
 * with two variants naming every article, not a pair per two articles,
 * and a bounded number of evidence sentences. */
static void one_discrepancy_per_utterance(void **state) {
  (void)state;
  enum { N = 30 };
  cw_cmp_article a[N];
  cw_quote q[N];
  char outlet[N][16];
  for (int i = 0; i < N; i++) {
    const char *text = i % 2 ? q2 : q1;
    snprintf(outlet[i], sizeof outlet[i], "Outlet %d", i);
    a[i] = article(i + 1, outlet[i], NULL, text);
    q[i] = i % 2 ? quote(q2, "No crane moves on this quay before it has "
                             "been inspected,", "Ada Korhonen")
                 : quote(q1, "We will not reopen the quay until every "
                             "crane is inspected,", "Ada Korhonen");
    a[i].quotes = &q[i];
    a[i].n_quotes = 1;
  }
  json_t *x = NULL, *d = cw_compare_discrepancies(a, N);
  assert_int_equal(count_kind(d, "quote_wording", &x), 1);
  json_t *vars = json_object_get(x, "variants");
  assert_int_equal(json_array_size(vars), 2);
  size_t articles = 0, i;
  json_t *v;
  json_array_foreach(vars, i, v) {
    articles += json_array_size(json_object_get(v, "articles"));
    assert_true(json_array_size(json_object_get(v, "evidence")) <= 12);
  }
  assert_int_equal(articles, N);
  json_decref(d);
}

/* A short report and a long one of the same vote, worded apart: the verb
 * before the date ("voted on ...") and most of the short one's words make
 * them one event, so their days disagree; three outlets give one
 * discrepancy listing the two that agree under one day. Statements "said
 * on" different days are different events. */
static const char v1[] =
    "The Ferrin town council voted on Monday to close the old library on "
    "Quay Street, ending a two-year dispute over the building's repairs.";
static const char v2[] =
    "Ferrin's council voted on Monday to close the Quay Street library "
    "after the repairs dispute.";
static const char v3[] = "The Ferrin council voted on May 12 to close the "
                         "library on Quay Street.";
static const char w1[] = "Mayor Idris Vell said on Monday that the library "
                         "would close.";
static const char w2[] =
    "Mayor Idris Vell said on Tuesday that funding for the harbour ferry, "
    "the museum "
    "and the library would be reviewed by the council.";

static void date_of_one_event_worded_apart(void **state) {
  (void)state;
  cw_timex x1 = date(v1, "Monday", "2026-05-11");
  cw_timex x2 = date(v2, "Monday", "2026-05-11");
  cw_timex x3 = date(v3, "May 12", "2026-05-12");
  cw_cmp_article a[3] = {article(1, "A", NULL, v1), article(2, "B", NULL, v2),
                         article(3, "C", NULL, v3)};
  a[0].times = &x1;
  a[0].n_times = 1;
  a[1].times = &x2;
  a[1].n_times = 1;
  a[2].times = &x3;
  a[2].n_times = 1;
  json_t *d = cw_compare_discrepancies(a, 3);
  assert_int_equal(count_kind(d, "date", NULL), 1);
  size_t i;
  json_t *x;
  json_array_foreach(d, i, x) {
    if (strcmp(json_string_value(json_object_get(x, "kind")), "date"))
      continue;
    json_t *v = json_object_get(x, "variants");
    assert_int_equal(json_array_size(v), 2);
    json_t *monday = json_array_get(v, 0);
    assert_string_equal(json_string_value(json_object_get(monday, "value")),
                        "2026-05-11");
    assert_int_equal(json_array_size(json_object_get(monday, "articles")), 2);
  }
  json_decref(d);

  cw_timex y1 = date(w1, "Monday", "2026-05-11");
  cw_timex y2 = date(w2, "Tuesday", "2026-05-12");
  cw_cmp_article b[2] = {article(1, "A", NULL, w1), article(2, "B", NULL, w2)};
  b[0].times = &y1;
  b[0].n_times = 1;
  b[1].times = &y2;
  b[1].n_times = 1;
  d = cw_compare_discrepancies(b, 2);
  /* most of the short sentence's words are in the long one, but "said"
   * names no event: two statements, no disagreement */
  assert_int_equal(count_kind(d, "date", NULL), 0);
  json_decref(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(conflicting_figures_on_one_day),
      cmocka_unit_test(growing_figure_is_not_a_discrepancy),
      cmocka_unit_test(figures_given_together_are_no_conflict),
      cmocka_unit_test(former_title_conflicts_style_does_not),
      cmocka_unit_test(quote_wording_and_attribution),
      cmocka_unit_test(quote_wording_of_partial_quote),
      cmocka_unit_test(expert_only_one_outlet_names),
      cmocka_unit_test(who_said_what_takes_only_words),
      cmocka_unit_test(expert_quoted_only_by_words),
      cmocka_unit_test(timeline_merges_one_event),
      cmocka_unit_test(timeline_year_of_undated_article),
      cmocka_unit_test(timeline_sentences_as_analysed),
      cmocka_unit_test(date_of_one_event_worded_apart),
      cmocka_unit_test(one_discrepancy_per_utterance),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
