/* test_quotes.c - unit tests of src/analyze/quotes.c: direct quotes in
 * every kind of mark, split and multi-paragraph quotes, colon quotes,
 * partial quotes, reported speech, channels, speakers through aliases,
 * pronouns and roles, apostrophes that are not quotes, unbalanced marks
 * and hostile input. Every sentence here is invented for the test.
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

#include "analyze/analyze.h"
#include "analyze/quotes.h"

/* ---- helpers ----------------------------------------------------------- */

typedef struct doc {
  const char *text;
  cw_analysis *an;
  cw_quote *q;
  size_t n;
} doc;

static doc run(const char *text) {
  doc d = {text, NULL, NULL, 0};
  assert_int_equal(cw_analyze(NULL, text, strlen(text), &d.an), CW_OK);
  assert_int_equal(cw_quotes_find(text, strlen(text), d.an, &d.q, &d.n), CW_OK);
  return d;
}

static void done(doc *d) { cw_analysis_free(d->an); }

/* Byte offset of the n-th (0-based) occurrence of s in the text. */
static size_t at(const doc *d, const char *s, int n) {
  const char *p = d->text;
  for (;;) {
    p = strstr(p, s);
    if (!p)
      fail_msg("[%s] not in the text", s);
    if (n-- == 0)
      return (size_t)(p - d->text);
    p++;
  }
}

static void dump(const doc *d) {
  for (size_t i = 0; i < d->n; i++)
    print_message("  %s [%.*s] speaker=%s cue=%s channel=%s\n",
                  cw_quote_kind_name(d->q[i].kind),
                  (int)(d->q[i].end - d->q[i].start), d->text + d->q[i].start,
                  d->q[i].speaker ? d->q[i].speaker : "-",
                  d->q[i].cue ? d->q[i].cue : "-",
                  d->q[i].channel ? d->q[i].channel : "-");
}

/* The quote that starts at the first occurrence of s. */
static const cw_quote *quote_at(const doc *d, const char *s) {
  size_t off = at(d, s, 0);
  for (size_t i = 0; i < d->n; i++)
    if (d->q[i].start == off)
      return &d->q[i];
  dump(d);
  fail_msg("no quote starts at [%s]", s);
  return NULL;
}

static long entity_ix(const doc *d, const char *name) {
  for (size_t i = 0; i < d->an->n_entities; i++)
    if (strcmp(d->an->entities[i].name, name) == 0)
      return (long)i;
  for (size_t i = 0; i < d->an->n_entities; i++)
    print_message("  entity [%s]\n", d->an->entities[i].name);
  fail_msg("no entity [%s]", name);
  return -1;
}

/* Checks a quote: its span is exactly `span` (first occurrence), its kind,
 * speaker entity, the speaker mention `who` (its n-th occurrence, NULL:
 * none), cue and channel (NULL: none). */
static void check(const doc *d, const char *span, cw_quote_kind kind,
                  const char *entity, const char *who, int who_n,
                  const char *cue, const char *channel) {
  const cw_quote *q = quote_at(d, span);
  assert_int_equal(q->end - q->start, strlen(span));
  assert_int_equal(q->kind, kind);
  if (entity)
    assert_int_equal(q->speaker_entity, entity_ix(d, entity));
  else
    assert_int_equal(q->speaker_entity, -1);
  if (who) {
    assert_int_equal(q->speaker_start, at(d, who, who_n));
    assert_int_equal(q->speaker_end, at(d, who, who_n) + strlen(who));
  }
  if (cue) {
    assert_non_null(q->cue);
    assert_string_equal(q->cue, cue);
  } else {
    assert_null(q->cue);
  }
  if (channel) {
    assert_non_null(q->channel);
    assert_string_equal(q->channel, channel);
  } else {
    assert_null(q->channel);
  }
}

/* Every quote lies inside the text, in order, with its text set. */
static void check_sane(const doc *d, size_t len) {
  for (size_t i = 0; i < d->n; i++) {
    assert_true(d->q[i].start < d->q[i].end);
    assert_true(d->q[i].end <= len);
    assert_non_null(d->q[i].text);
    if (i)
      assert_true(d->q[i - 1].start <= d->q[i].start);
    if (d->q[i].speaker_entity >= 0)
      assert_true((size_t)d->q[i].speaker_entity < d->an->n_entities);
    assert_true(d->q[i].speaker_start <= d->q[i].speaker_end);
    assert_true(d->q[i].speaker_end <= len);
  }
}

/* ---- direct quotes ---------------------------------------------------- */

static void test_curly_double_after(void **state) {
  (void)state;
  doc d = run("Mayor Ana Petrov opened the bridge on Sunday. \xE2\x80\x9CThe "
              "river is ours again,\xE2\x80\x9D Petrov said.");
  check(&d, "\xE2\x80\x9CThe river is ours again,\xE2\x80\x9D", CW_QUOTE_DIRECT,
        "Ana Petrov", "Petrov", 1, "said", NULL);
  const cw_quote *q = quote_at(&d, "\xE2\x80\x9CThe river");
  assert_string_equal(q->text, "The river is ours again,");
  assert_string_equal(q->speaker, "Ana Petrov");
  done(&d);
}

static void test_british_single_with_channel(void **state) {
  (void)state;
  doc d = run("Tomas Varga, the chief executive of Lumen Motors, read the "
              "bill on Monday. 'Scary,' Mr Varga wrote on X. It was his "
              "third post.");
  check(&d, "'Scary,'", CW_QUOTE_DIRECT, "Tomas Varga", "Varga", 1, "wrote",
        "X");
  done(&d);
}

/* A partial quote after a verb of labelling and "as" is the verb's
 * subject's ("with Vell publicly denouncing the bill as a "..."");
 * one in a clause reported by a speaker set off by an apposition is that
 * speaker's, not the clause subject's, and an opening "Afterwards," is no
 * speaker. */
static void test_partial_quote_speakers(void **state) {
  (void)state;
  doc d = run("The alliance between investor Marko Vell and Governor Ada "
              "Holm is cracking, with Vell publicly denouncing a key tax "
              "bill as a \"shameful giveaway full of favours.\"\n\n"
              "Afterwards, Tobias Rehn, whose sister died in the collapse, "
              "said the minister had \"answered none of the questions that "
              "matter.\"");
  check(&d, "\"shameful giveaway full of favours.\"", CW_QUOTE_PARTIAL,
        "Marko Vell", "Vell", 1, "denouncing", NULL);
  check(&d, "\"answered none of the questions that matter.\"",
        CW_QUOTE_PARTIAL, "Tobias Rehn", "Tobias Rehn", 0, "said", NULL);
  const cw_quote *q = quote_at(&d, "the minister had");
  assert_int_equal(q->kind, CW_QUOTE_INDIRECT);
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Tobias Rehn"));
  done(&d);
}

/* A subject whose head is a common noun ("Varga's lawyer", "Its
 * president") names its person in the apposition after it: the speaker
 * is the lawyer, not the client named in the possessive. */
static void test_speaker_in_apposition(void **state) {
  (void)state;
  doc d = run("The trial of Lidia Varga opened on Monday. Varga's lawyer, "
              "Iris Moen, said the case rested on misread documents.");
  const cw_quote *q = quote_at(&d, "the case rested");
  assert_int_equal(q->kind, CW_QUOTE_INDIRECT);
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Iris Moen"));
  done(&d);
}

/* A post quoted without saying where takes the platform named after "on"
 * in its sentence or the two before; a medium named by its noun ("told
 * the news agency") is the one named before with that noun; a date after
 * "on" is no channel. */
static void test_channel_from_context(void **state) {
  (void)state;
  doc d = run("Tomas Varga read the bill on Monday. He hinted at his doubts "
              "on his social platform X, sharing a chart of the debt.\n"
              "'Grim,' Mr Varga wrote as a caption.");
  check(&d, "'Grim,'", CW_QUOTE_DIRECT, "Tomas Varga", "Varga", 1, "wrote",
        "X");
  done(&d);
  d = run("Ada Holm spoke to the Varnian news agency VNA about the strike. "
          "\"We will wait for the court,\" Holm told the news agency on "
          "Friday.");
  check(&d, "\"We will wait for the court,\"", CW_QUOTE_DIRECT, "Ada Holm",
        "Holm", 1, "told", "VNA");
  done(&d);
  d = run("Harbour officials said on June 6 that the gates would open "
          "again.");
  for (size_t i = 0; i < d.n; i++)
    assert_null(d.q[i].channel);
  done(&d);
}

static void test_apostrophes_are_not_quotes(void **state) {
  (void)state;
  const char *text =
      "Tomas Varga's company sold '90s cars. Critics don't agree, and it "
      "was rock 'n' roll for the workers' union. Varga's rivals' plans "
      "failed. The shop's O'Brien owner sold 'em all.";
  doc d = run(text);
  if (d.n)
    dump(&d);
  assert_int_equal(d.n, 0);
  done(&d);
}

static void test_split_quote(void **state) {
  (void)state;
  doc d = run("Lena Ortiz, the mayor of Corvale, spoke after the vote. "
              "\xE2\x80\x9CWe will win,\xE2\x80\x9D she said, "
              "\xE2\x80\x9C"
              "and soon.\xE2\x80\x9D");
  check(&d, "\xE2\x80\x9CWe will win,\xE2\x80\x9D", CW_QUOTE_DIRECT,
        "Lena Ortiz", "she", 0, "said", NULL);
  check(&d,
        "\xE2\x80\x9C"
        "and soon.\xE2\x80\x9D",
        CW_QUOTE_DIRECT, "Lena Ortiz", "she", 0, "said", NULL);
  done(&d);
}

static void test_multi_paragraph(void **state) {
  (void)state;
  doc d = run("Senator Marco Bellini addressed the chamber on Tuesday.\n\n"
              "\"This budget is a promise to every family in the valley.\n\n"
              "\"It is also a warning to those who waste public money,\" "
              "Bellini said.\n");
  /* the first paragraph's quote has no closing mark: it ends with the
   * paragraph and takes the speaker of its continuation */
  check(&d, "\"This budget is a promise to every family in the valley.",
        CW_QUOTE_DIRECT, "Marco Bellini", "Bellini", 1, NULL, NULL);
  check(&d, "\"It is also a warning to those who waste public money,\"",
        CW_QUOTE_DIRECT, "Marco Bellini", "Bellini", 1, "said", NULL);
  done(&d);
}

static void test_colon_quote_told(void **state) {
  (void)state;
  doc d = run("The Varnian spokesperson Pavel Drozd told Norvik Radio: "
              "\"Nothing has changed since the summit.\"");
  check(&d, "\"Nothing has changed since the summit.\"", CW_QUOTE_DIRECT,
        "Pavel Drozd", "Pavel Drozd", 0, "told", "Norvik Radio");
  done(&d);
}

/* Each family of marks, straight, curly, low, guillemets and doubled
 * apostrophes, opens and closes a direct quote (classify_marks() skips
 * other punctuation before looking at its neighbours, not these). */
static void test_every_mark_family(void **state) {
  (void)state;
  static const char *const pairs[][2] = {{"\"", "\""},
                                         {"\xE2\x80\x9C", "\xE2\x80\x9D"},
                                         {"\xE2\x80\x9E", "\xE2\x80\x9D"},
                                         {"\xC2\xAB", "\xC2\xBB"},
                                         {"\xE2\x80\x98", "\xE2\x80\x99"},
                                         {"\xE2\x80\x9D", "\xE2\x80\x9D"},
                                         {"''", "''"},
                                         {"'", "'"}};
  for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
    char text[256], span[128];
    snprintf(span, sizeof span, "%sThe bridge will open in May,%s", pairs[k][0],
             pairs[k][1]);
    snprintf(text, sizeof text,
             "Mayor Ilse Marrow spoke in Harlow. %s Marrow said; (the "
             "crowd cheered) - and left.",
             span);
    doc d = run(text);
    check_sane(&d, strlen(text));
    check(&d, span, CW_QUOTE_DIRECT, "Ilse Marrow", "Marrow", 1, "said", NULL);
    done(&d);
  }
}

static void test_said_after_subject(void **state) {
  (void)state;
  doc d = run("Talks resumed in Harlow. \xE2\x80\x98Talks are over for "
              "now,\xE2\x80\x99 said the Varnian spokesperson Pavel Drozd.");
  check(&d, "\xE2\x80\x98Talks are over for now,\xE2\x80\x99", CW_QUOTE_DIRECT,
        "Pavel Drozd", "Pavel Drozd", 0, "said", NULL);
  done(&d);
}

static void test_president_by_role(void **state) {
  (void)state;
  doc d = run("President Ilse Marrow met farmers in Kestland on Friday. Her "
              "aide Jonas Pell stayed home. \"We will not raise taxes this "
              "year,\" the president said.");
  check(&d, "\"We will not raise taxes this year,\"", CW_QUOTE_DIRECT,
        "Ilse Marrow", "the president", 0, "said", NULL);
  done(&d);
}

/* A role noun finds the entity with that role among the last
 * REFERENT_LOOKBACK (400) mentions before it, past mentions with other
 * roles ("Minister") and mentions of entities without roles, and none
 * further back: Ilse Marrow is mention 0, the quote's mention index is
 * 3 + n, so she is in reach up to n = 397. */
static void test_role_lookback_bound(void **state) {
  (void)state;
  for (int n = 396; n <= 398; n++) {
    size_t cap = 256 + (size_t)n * 20;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t len = (size_t)snprintf(text, cap,
                                  "President Ilse Marrow spoke in "
                                  "Kestland. Minister Ada Holm "
                                  "met her.");
    for (int k = 0; k < n; k++)
      len += (size_t)snprintf(text + len, cap - len, " Trains left Harlow.");
    snprintf(text + len, cap - len,
             " \"We will not raise taxes this year,\" the president said.");
    doc d = run(text);
    long ada = entity_ix(&d, "Ada Holm");
    assert_true(d.an->entities[ada].n_roles > 0);
    check(&d, "\"We will not raise taxes this year,\"", CW_QUOTE_DIRECT,
          n <= 397 ? "Ilse Marrow" : NULL, "the president", 0, "said", NULL);
    done(&d);
    free(text);
  }
}

/* Clauses without a cue of the lists: the subject noun phrase is judged
 * once the rest of the clause fits (generic_report()), and it still
 * decides: a person, a source noun after a name or a source noun alone
 * hold their clause; a place or a phrase with an article and no source
 * noun hold none. */
static void test_generic_subjects(void **state) {
  (void)state;
  const char *text =
      "Mayor Ilse Marrow spoke in Kestland on Friday. Ilse Marrow backed "
      "the plan to rebuild the harbour wall. Kestland backed the plan to "
      "close the old ferry line. The talks about the levy were continuing "
      "until late at night. Marrow's deputy opposed the toll on the "
      "bridge. The harbour board rejected the bid from the shipyard.";
  doc d = run(text);
  check_sane(&d, strlen(text));
  assert_int_equal(d.n, 3);
  check(&d, "the plan to rebuild the harbour wall", CW_QUOTE_INDIRECT,
        "Ilse Marrow", "Ilse Marrow", 1, "backed", NULL);
  check(&d, "the toll on the bridge", CW_QUOTE_INDIRECT, "Ilse Marrow",
        "Marrow", 2, "opposed", NULL);
  check(&d, "the bid from the shipyard", CW_QUOTE_INDIRECT, NULL,
        "The harbour board", 0, "rejected", NULL);
  done(&d);
}

static void test_previous_speaker_fallback(void **state) {
  (void)state;
  doc d = run("Lena Ortiz spoke at the depot.\n\n"
              "\"We are ready to leave,\" Ortiz said.\n\n"
              "\"The trucks leave at dawn.\"\n");
  check(&d, "\"The trucks leave at dawn.\"", CW_QUOTE_DIRECT, "Lena Ortiz",
        "Ortiz", 1, NULL, NULL);
  done(&d);
}

static void test_it_resolves_to_org(void **state) {
  (void)state;
  doc d = run("Lumen Motors recalled 4,000 vans on Monday. \"Safety comes "
              "before sales,\" it said in a statement.");
  check(&d, "\"Safety comes before sales,\"", CW_QUOTE_DIRECT, "Lumen Motors",
        "it", 0, "said", "statement");
  done(&d);
}

/* ---- partial and reported speech ------------------------------------- */

static void test_partial(void **state) {
  (void)state;
  doc d = run("Lena Ortiz visited the plant. Ortiz called the bill a "
              "\"disgusting abomination\" and left.");
  check(&d, "\"disgusting abomination\"", CW_QUOTE_PARTIAL, "Lena Ortiz",
        "Ortiz", 1, "called", NULL);
  done(&d);
}

static void test_indirect_stated_that(void **state) {
  (void)state;
  doc d = run("Pavel Drozd visited the port. Drozd stated that the pipeline "
              "was safe.");
  check(&d, "that the pipeline was safe", CW_QUOTE_INDIRECT, "Pavel Drozd",
        "Drozd", 1, "stated", NULL);
  assert_string_equal(quote_at(&d, "that the pipeline")->text,
                      "the pipeline was safe");
  done(&d);
}

static void test_indirect_said_clause_and_pronoun(void **state) {
  (void)state;
  doc d = run("Tomas Varga toured Harlow. He said the plan would ruin small "
              "firms.");
  check(&d, "the plan would ruin small firms", CW_QUOTE_INDIRECT, "Tomas Varga",
        "He", 0, "said", NULL);
  done(&d);
}

/* A pronoun speaker is nobody named in its own clause: "she said she was
 * disappointed in Varga" is not Varga's, though Varga is the subject
 * nearest before; a name in a clause the pronoun does not head stays a
 * referent. */
static void test_pronoun_not_named_in_clause(void **state) {
  (void)state;
  doc d = run("Tomas Varga criticised the levy on Monday. Later that day, "
              "Lena Ortiz was asked about his remarks. She said she was "
              "disappointed in Mr Varga.");
  check(&d, "she was disappointed in Mr Varga", CW_QUOTE_INDIRECT, "Lena Ortiz",
        "She", 0, "said", NULL);
  done(&d);
  /* the content before the pronoun */
  d = run("Lena Ortiz met Tomas Varga in Harlow. Varga was wrong about the "
          "levy, she said.");
  check(&d, "Varga was wrong about the levy", CW_QUOTE_INDIRECT, "Lena Ortiz",
        "she", 0, "said", NULL);
  done(&d);
  /* the hearer of a direct quote */
  d = run("Tomas Varga met Marco Bellini in Harlow.\n\n"
          "\"The levy is dead,\" he told Varga on Friday.\n");
  check(&d, "\"The levy is dead,\"", CW_QUOTE_DIRECT, "Marco Bellini", "he", 1,
        "told", NULL);
  done(&d);
  /* "As he ..., Drozd": the name is in another clause */
  d = run("Pavel Drozd chairs the board. As he said the talks had failed, "
          "Drozd left the room.");
  assert_int_equal(quote_at(&d, "the talks had failed")->speaker_entity,
                   entity_ix(&d, "Pavel Drozd"));
  done(&d);
  /* ", but Ortiz ...": another clause */
  d = run("Lena Ortiz chairs the board.\n\n"
          "\"We lost the vote,\" she said, but Ortiz stayed calm.\n");
  check(&d, "\"We lost the vote,\"", CW_QUOTE_DIRECT, "Lena Ortiz", "she", 0,
        "said", NULL);
  done(&d);
}

/* A channel follows one of the words find_channel() looks at ("on",
 * "via", "in", "told"), in any case, and no other word: "through" names
 * none. */
static void test_channel_cues(void **state) {
  (void)state;
  doc d = run("Ada Holm met the dockers in Harlow on Friday.\n\n"
              "\"We will not sign,\" Holm wrote via Telegram.\n\n"
              "\"The gates stay shut,\" Holm said In a statement.\n\n"
              "\"Nobody asked us,\" Holm said through Telegram.\n");
  check(&d, "\"We will not sign,\"", CW_QUOTE_DIRECT, "Ada Holm", "Holm", 1,
        "wrote", "Telegram");
  check(&d, "\"The gates stay shut,\"", CW_QUOTE_DIRECT, "Ada Holm", "Holm", 2,
        "said", "statement");
  check(&d, "\"Nobody asked us,\"", CW_QUOTE_DIRECT, "Ada Holm", "Holm", 3,
        "said", NULL);
  done(&d);
}

/* A quote of two words is words of a speaker when a comma or a stop
 * inside ends them ("Never again," she said), a phrase otherwise; the
 * clause of a relative pronoun ends at its comma, a reported clause at a
 * semicolon. */
static void test_quote_ends_and_clause_ends(void **state) {
  (void)state;
  doc d = run("Lena Ortiz opened the tender in Harlow.\n\n"
              "\"Never again,\" Ortiz said.\n\n"
              "The mayor called the deal \"never again\" on Friday.\n\n"
              "Ortiz, who opposed the port levy, backed the plan to widen "
              "the bridge.\n\n"
              "Ortiz backed the plan to widen the bridge; the council did "
              "not.\n");
  check(&d, "\"Never again,\"", CW_QUOTE_DIRECT, "Lena Ortiz", "Ortiz", 1,
        "said", NULL);
  const cw_quote *q = quote_at(&d, "\"never again\"");
  assert_int_equal(q->kind, CW_QUOTE_PARTIAL);
  q = quote_at(&d, "the port levy");
  assert_int_equal(q->kind, CW_QUOTE_INDIRECT);
  assert_int_equal(q->end - q->start, strlen("the port levy"));
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Lena Ortiz"));
  q = quote_at(&d, "the plan to widen the bridge;");
  assert_int_equal(q->kind, CW_QUOTE_INDIRECT);
  assert_int_equal(q->end - q->start, strlen("the plan to widen the bridge"));
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Lena Ortiz"));
  check_sane(&d, strlen(d.text));
  done(&d);
}

static void test_according_to(void **state) {
  (void)state;
  doc d = run("Lena Ortiz opened the tender. According to Ortiz, the bridge "
              "will cost more than planned.");
  check(&d, "the bridge will cost more than planned", CW_QUOTE_INDIRECT,
        "Lena Ortiz", "Ortiz", 1, "according to", NULL);
  done(&d);
}

static void test_indirect_channels(void **state) {
  (void)state;
  doc d = run("Tomas Varga and Marco Bellini met Pavel Drozd in Harlow.\n\n"
              "In a post on X, Varga had said the tariffs were a mistake.\n\n"
              "Bellini wrote on Truth Social that the vote was rigged.\n\n"
              "Drozd said in a statement that talks would resume.\n\n"
              "Bellini told Norvik Radio that he would appeal.\n");
  check(&d, "the tariffs were a mistake", CW_QUOTE_INDIRECT, "Tomas Varga",
        "Varga", 1, "said", "X");
  check(&d, "that the vote was rigged", CW_QUOTE_INDIRECT, "Marco Bellini",
        "Bellini", 1, "wrote", "Truth Social");
  check(&d, "that talks would resume", CW_QUOTE_INDIRECT, "Pavel Drozd",
        "Drozd", 1, "said", "statement");
  check(&d, "that he would appeal", CW_QUOTE_INDIRECT, "Marco Bellini",
        "Bellini", 2, "told", "Norvik Radio");
  done(&d);
}

static void test_clause_then_attribution(void **state) {
  (void)state;
  doc d = run("Pavel Drozd spoke in Harlow. The grain deal will expire in "
              "May, Drozd said.");
  check(&d, "The grain deal will expire in May", CW_QUOTE_INDIRECT,
        "Pavel Drozd", "Drozd", 1, "said", NULL);
  done(&d);
}

static void test_apposition_subject(void **state) {
  (void)state;
  /* the verb after "Name, apposition," takes a clause, not a speaker */
  doc d = run("Tom Barlow, a spokesman for the Fishers Union of Norvia, said "
              "the union expected catches to improve.\n\n"
              "But Ivo Senn, a lawyer for the Harlow dockers, said the strike "
              "would go on.\n");
  check(&d, "the union expected catches to improve", CW_QUOTE_INDIRECT,
        "Tom Barlow", "Tom Barlow", 0, "said", NULL);
  check(&d, "the strike would go on", CW_QUOTE_INDIRECT, "Ivo Senn", "Ivo Senn",
        0, "said", NULL);
  done(&d);
}

static void test_source_acts(void **state) {
  (void)state;
  /* a named subject and a verb: what the source backs, promises, wants */
  doc d = run("Marta Kovac backed the harbour plan. Kovac walked to the pier. "
              "She is promising lower fares.\n");
  check(&d, "the harbour plan", CW_QUOTE_INDIRECT, "Marta Kovac", "Marta Kovac",
        0, "backed", NULL);
  check(&d, "lower fares", CW_QUOTE_INDIRECT, "Marta Kovac", "She", 0,
        "promising", NULL);
  for (size_t i = 0; i < d.n; i++)
    assert_true(d.q[i].start < at(&d, "Kovac walked", 0) ||
                d.q[i].start > at(&d, "the pier", 0));
  done(&d);
}

static void test_who_clause(void **state) {
  (void)state;
  doc d = run("The council met Lena Ortiz, who opposed the toll, and Pavel "
              "Drozd.\n");
  check(&d, "the toll", CW_QUOTE_INDIRECT, "Lena Ortiz", "who", 0, "opposed",
        NULL);
  done(&d);
}

static void test_second_report_and_said(void **state) {
  (void)state;
  /* "and said" opens a second report; "said no ..." is a clause */
  doc d = run("Pavel Drozd announced an arrest and said a curfew would "
              "continue.\n\nLena Ortiz said no decision had been made.\n");
  check(&d, "an arrest", CW_QUOTE_INDIRECT, "Pavel Drozd", "Pavel Drozd", 0,
        "announced", NULL);
  check(&d, "a curfew would continue", CW_QUOTE_INDIRECT, "Pavel Drozd", NULL,
        0, "said", NULL);
  check(&d, "no decision had been made", CW_QUOTE_INDIRECT, "Lena Ortiz",
        "Lena Ortiz", 0, "said", NULL);
  done(&d);
}

static void test_that_after_adjuncts(void **state) {
  (void)state;
  doc d = run("Lena Ortiz said at a rally in Harlow, Norvia, that the bridge "
              "would open.\n\n"
              "Pavel Drozd in late August said the port was safe.\n");
  check(&d, "that the bridge would open", CW_QUOTE_INDIRECT, "Lena Ortiz",
        "Lena Ortiz", 0, "said", NULL);
  /* a date between the subject and the verb is not the subject */
  check(&d, "the port was safe", CW_QUOTE_INDIRECT, "Pavel Drozd",
        "Pavel Drozd", 0, "said", NULL);
  done(&d);
}

static void test_label_lines(void **state) {
  (void)state;
  /* a transcript line and a headline name their speaker before a colon */
  doc d = run("Pavel Drozd spoke to Lena Ortiz on Norvia One.\n\n"
              "ORTIZ: Will you sign the treaty this year?\n\n"
              "\"DROZD: We will not sign the treaty this year.\n\n"
              "UPDATE: The talks resume on Monday.\n");
  check(&d, "Will you sign the treaty this year", CW_QUOTE_INDIRECT,
        "Lena Ortiz", "ORTIZ", 0, NULL, NULL);
  check(&d, "We will not sign the treaty this year", CW_QUOTE_INDIRECT,
        "Pavel Drozd", "DROZD", 0, NULL, NULL);
  for (size_t i = 0; i < d.n; i++)
    assert_true(d.q[i].start != at(&d, "The talks", 0));
  done(&d);
}

/* Label lines are looked for at each paragraph's first token only: the
 * text's first token, after a blank line, after a newline that follows
 * punctuation; not after a hard-wrapped line's newline. */
static void test_label_lines_paragraph_starts(void **state) {
  (void)state;
  doc d = run("ORTIZ: Will you sign the treaty this year?\n"
              "DROZD: We will not sign the treaty this year.\n\n"
              "ORTIZ: Then the talks end here and now.\n"
              "Lena Ortiz and Pavel Drozd left the hall and\n"
              "DROZD: said nothing to the crowd outside.\n");
  static const struct {
    const char *span, *who;
    int who_n;
  } lines[] = {{"Will you sign the treaty this year", "ORTIZ", 0},
               {"We will not sign the treaty this year", "DROZD", 0},
               {"Then the talks end here and now", "ORTIZ", 1}};
  for (size_t k = 0; k < sizeof lines / sizeof *lines; k++) {
    const cw_quote *q = quote_at(&d, lines[k].span);
    assert_int_equal(q->end - q->start, strlen(lines[k].span));
    assert_int_equal(q->kind, CW_QUOTE_INDIRECT);
    assert_int_equal(q->speaker_start, at(&d, lines[k].who, lines[k].who_n));
  }
  for (size_t i = 0; i < d.n; i++)
    assert_true(d.q[i].start != at(&d, "said nothing", 0));
  done(&d);
}

static void test_report_noun_as_verb(void **state) {
  (void)state;
  /* "reports that" after a name is a verb; after a possessive a noun */
  doc d = run("The Harlow Courier reports that the port will close.\n\n"
              "Ortiz doubts Drozd's claim that the port was safe.\n");
  /* the paper may or may not be an entity: its name is the speaker */
  const cw_quote *q = quote_at(&d, "that the port will close");
  assert_int_equal(q->kind, CW_QUOTE_INDIRECT);
  assert_string_equal(q->cue, "reports");
  assert_true(q->speaker_start <= at(&d, "Harlow Courier", 0));
  assert_true(q->speaker_end >= at(&d, "Harlow Courier", 0) + 14);
  assert_true(q->speaker_end < at(&d, "reports", 0));
  check(&d, "that the port was safe", CW_QUOTE_INDIRECT, "Drozd", "Drozd", 0,
        "claim", NULL);
  done(&d);
}

static void test_writer_as_speaker(void **state) {
  (void)state;
  /* "I" and "we" speak for the writer: the pronoun, no entity */
  doc d = run("We told the council that the port was safe.\n");
  check(&d, "that the port was safe", CW_QUOTE_INDIRECT, NULL, "We", 0, "told",
        NULL);
  done(&d);
}

static void test_participle_subject(void **state) {
  (void)state;
  /* the object before "saying" is not who says */
  doc d = run("Rex Tan posted a video Friday saying that the vote was "
              "rigged.\n");
  check(&d, "that the vote was rigged", CW_QUOTE_INDIRECT, "Rex Tan", "Rex Tan",
        0, "saying", NULL);
  done(&d);
}

static void test_stance_and_passive(void **state) {
  (void)state;
  doc d = run("Jane Roe was critical of the harbour levy.\n\n"
              "The bridge toll was backed by Jane Roe.\n");
  check(&d, "the harbour levy", CW_QUOTE_INDIRECT, "Jane Roe", "Jane Roe", 0,
        "critical", NULL);
  check(&d, "The bridge toll", CW_QUOTE_INDIRECT, "Jane Roe", "Jane Roe", 1,
        "backed", NULL);
  done(&d);
}

static void test_opening_adjunct(void **state) {
  (void)state;
  doc d = run("In a speech on Friday, Marta Kovac laid out her plan for the "
              "docks.\n");
  check(&d, "her plan for the docks", CW_QUOTE_INDIRECT, "Marta Kovac",
        "Marta Kovac", 0, "laid", NULL);
  done(&d);
}

static void test_adding_after_quote(void **state) {
  (void)state;
  /* the participle after a quote's attribution shares its speaker */
  doc d = run("Ivo Senn spoke at a gate.\n\n"
              "\"We will not give up,\" he said, adding that the strike "
              "would go on.\n\n"
              "Fares will rise next year, Mr. Senn said in an interview.\n\n"
              "Mr. Senn has attacked the levy, and has called for a new "
              "vote.\n");
  check(&d, "that the strike would go on", CW_QUOTE_INDIRECT, "Ivo Senn", "he",
        0, "adding", NULL);
  check(&d, "Fares will rise next year", CW_QUOTE_INDIRECT, "Ivo Senn", "Senn",
        1, "said", "interview");
  check(&d, "the levy", CW_QUOTE_INDIRECT, "Ivo Senn", "Senn", 2, "attacked",
        NULL);
  check(&d, "a new vote", CW_QUOTE_INDIRECT, "Ivo Senn", "Senn", 2, "called",
        NULL);
  done(&d);
}

static void test_nominal_stance(void **state) {
  (void)state;
  /* a possessive owner and a stance noun: the object is the content */
  doc d = run("Marta Kovac spoke at the port. Her call for a new harbour "
              "levy went unheard. Kovac's criticism of the toll angered "
              "them.\n");
  check(&d, "a new harbour levy", CW_QUOTE_INDIRECT, "Marta Kovac", "Her", 0,
        "call", NULL);
  check(&d, "the toll", CW_QUOTE_INDIRECT, "Marta Kovac", "Kovac", 1,
        "criticism", NULL);
  done(&d);
}

/* ---- speakers and clauses of later rules -------------------------------- */

/* No quote starts at the first occurrence of s. */
static void no_quote_at(const doc *d, const char *s) {
  size_t off = at(d, s, 0);
  for (size_t i = 0; i < d->n; i++)
    if (d->q[i].start == off) {
      dump(d);
      fail_msg("a quote starts at [%s]", s);
    }
}

static void test_participle_before_quote(void **state) {
  (void)state;
  /* a participle with no subject of its own before a quote: the
   * sentence's subject speaks */
  doc d = run("Jane Roe spoke in Halden on Friday.\n\n"
              "During a rally, Roe attacked the levy, saying, \"It is "
              "reckless and unfair to every family.\"\n\n"
              "\"We cannot afford it,\" Roe said, adding later, \"The "
              "toll is costing us a fortune.\"\n\n"
              "Dockworkers marched past the hall while chanting, \"No new "
              "tolls for the valley.\"\n");
  const cw_quote *q = quote_at(&d, "\"It is reckless");
  assert_int_equal(q->kind, CW_QUOTE_DIRECT);
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Jane Roe"));
  assert_int_equal(q->speaker_start, at(&d, "Roe", 1));
  assert_string_equal(q->cue, "saying");
  q = quote_at(&d, "\"The toll is");
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Jane Roe"));
  assert_int_equal(q->speaker_start, at(&d, "Roe", 2));
  assert_string_equal(q->cue, "adding");
  q = quote_at(&d, "\"No new tolls");
  assert_int_equal(q->speaker_start, at(&d, "Dockworkers", 0));
  done(&d);
}

static void test_adding_after_closing_mark(void **state) {
  (void)state;
  /* `"...," adding that ...`: the participle is no attribution after the
   * quote; the quote keeps the speaker before it, the clause after it is
   * reported by the same speaker */
  doc d = run("Tom Kessel runs the ferry line.\n\n"
              "In a statement, Kessel said: \"The line was a success when "
              "it opened,\" adding that its traffic doubled in a year.\n");
  const cw_quote *q = quote_at(&d, "\"The line was");
  assert_int_equal(q->kind, CW_QUOTE_DIRECT);
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Tom Kessel"));
  assert_int_equal(q->speaker_start, at(&d, "Kessel", 1));
  assert_string_equal(q->cue, "said");
  check(&d, "that its traffic doubled in a year", CW_QUOTE_INDIRECT,
        "Tom Kessel", "Kessel", 1, "adding", NULL);
  done(&d);
}

static void test_reads_is_a_cue(void **state) {
  (void)state;
  /* "reads" after a quote: the document named before it speaks */
  doc d = run("\"The harbour will stay open all winter,\" the letter "
              "reads.\n");
  const cw_quote *q = quote_at(&d, "\"The harbour");
  assert_int_equal(q->kind, CW_QUOTE_DIRECT);
  assert_non_null(q->cue);
  assert_string_equal(q->cue, "reads");
  assert_true(q->speaker_end > q->speaker_start);
  done(&d);
}

static void test_talk_reports_its_topic(void **state) {
  (void)state;
  /* "spoke" reports what the talk is about, not where or how long */
  doc d = run("Jane Roe spoke for about five minutes.\n\n"
              "Roe spoke in a cottage near the old pier.\n\n"
              "Roe spoke out on Tuesday about the closure of the port.\n");
  no_quote_at(&d, "for about five minutes");
  no_quote_at(&d, "five minutes");
  no_quote_at(&d, "in a cottage");
  check(&d, "the closure of the port", CW_QUOTE_INDIRECT, "Jane Roe", "Roe",
        2, "spoke", NULL);
  done(&d);
}

static void test_capital_first_word_is_no_name(void **state) {
  (void)state;
  /* a word capitalised only as the sentence's first, then a plural noun:
   * the noun phrase runs on to its verb */
  doc d = run("Angry waves crashed on the rocks below the pier.\n\n"
              "Small groups of protesters continued to call for a new "
              "vote on the toll.\n");
  assert_int_equal(d.n, 1);
  const cw_quote *q = quote_at(&d, "to call for a new vote");
  assert_int_equal(q->speaker_start, at(&d, "protesters", 0));
  done(&d);
}

static void test_parenthetical_with_adjunct(void **state) {
  (void)state;
  /* "CLAUSE, the agency said in a report, CLAUSE", "CLAUSE, he told me
   * on Friday, CLAUSE": the attribution inside the sentence */
  doc d = run("Fares rose by 9 percent, the agency said in a June report, "
              "and the toll rose by 4 percent.\n\n"
              "Tom Kessel runs the ferry line. The difference now, he told "
              "me on Friday, is that the line pays its way.\n");
  const cw_quote *q = quote_at(&d, "Fares rose by 9 percent");
  assert_int_equal(q->kind, CW_QUOTE_INDIRECT);
  assert_int_equal(q->speaker_start, at(&d, "the agency", 0));
  q = quote_at(&d, "The difference now");
  assert_int_equal(q->kind, CW_QUOTE_INDIRECT);
  assert_int_equal(q->speaker_start, at(&d, " he told", 0) + 1);
  assert_string_equal(q->cue, "told");
  done(&d);
}

static void test_time_adjunct_before_clause(void **state) {
  (void)state;
  /* "said after the vote he would ...": the adjunct is no part of the
   * clause */
  doc d = run("Jane Roe said after the vote she would not resign. Roe said "
              "before the meeting the bill was doomed.\n");
  check(&d, "she would not resign", CW_QUOTE_INDIRECT, "Jane Roe", "Jane Roe",
        0, "said", NULL);
  check(&d, "the bill was doomed", CW_QUOTE_INDIRECT, "Jane Roe", "Roe", 1,
        "said", NULL);
  done(&d);
}

static void test_more_report_verbs(void **state) {
  (void)state;
  /* "encouraging", "explain", "decided" report what their object says */
  doc d = run("Jane Roe questioned the levy again, encouraging her "
              "supporters to write to the council. Later, Roe said she "
              "would discuss the plan with the union, and explain how the "
              "money would be spent.\n\n"
              "Tom Kessel met the board. Kessel discussed the plan, and "
              "decided to delay the vote on the harbour levy.\n");
  check(&d, "her supporters to write to the council", CW_QUOTE_INDIRECT,
        "Jane Roe", "Jane Roe", 0, "encouraging", NULL);
  check(&d, "how the money would be spent", CW_QUOTE_INDIRECT, "Jane Roe",
        "Roe", 1, "explain", NULL);
  check(&d, "to delay the vote on the harbour levy", CW_QUOTE_INDIRECT,
        "Tom Kessel", "Kessel", 1, "decided", NULL);
  done(&d);
}

static void test_no_subject_of_modifier(void **state) {
  (void)state;
  /* "a hastily called meeting": a verb after an article qualifies a noun;
   * "Deeply divided ...": an adverb is no subject; "Unlike X, the union":
   * an opening adjunct names no speaker */
  doc d = run("Following a hastily called, late meeting, the council "
              "issued a statement on the levy.\n\n"
              "Deeply divided about how to keep the union from further "
              "spiraling apart, leaders found little unity on a plan.\n\n"
              "Unlike Tom Kessel, the union predicted that fares would "
              "rise.\n");
  for (size_t i = 0; i < d.n; i++) {
    assert_false(d.q[i].speaker_start == at(&d, "Following", 0));
    assert_false(d.q[i].speaker_start == at(&d, "Deeply", 0) &&
                 d.q[i].speaker_end > d.q[i].speaker_start);
  }
  no_quote_at(&d, "late meeting");
  no_quote_at(&d, "about how to keep");
  check(&d, "that fares would rise", CW_QUOTE_INDIRECT, NULL, "the union", 1,
        "predicted", NULL);
  done(&d);
}

static void test_attribution_details(void **state) {
  (void)state;
  /* a state after a name ("D-Ore.,") ends no sentence; a subject of its
   * own before "and said"; reading out is no attribution before a
   * quote */
  doc d = run("Dana Roe is a senator. \"We will win,\" Senator Dana Roe, "
              "D-Ore., said on Friday.\n\n"
              "Once, when the board met in the harbour hall, Roe laughed and "
              "said, \"The levy is dead.\"\n\n"
              "Tom Kessel spoke to the port board. He was going to read you "
              "the question: \"Do you back the levy on ferries?\"\n");
  check(&d, "\"We will win,\"", CW_QUOTE_DIRECT, "Dana Roe", "Dana Roe", 1,
        "said", NULL);
  const cw_quote *q = quote_at(&d, "\"The levy is dead.\"");
  assert_int_equal(q->speaker_start, at(&d, "Roe laughed", 0));
  q = quote_at(&d, "\"Do you back");
  assert_false(q->speaker_start == at(&d, "you the question", 0));
  done(&d);
}

static void test_tail_and_place_subjects(void **state) {
  (void)state;
  /* "CLAUSE, the company disclosed on Monday" is an attribution, "53 days
   * before it was reported" (a passive) none; "Dockworkers in Halden": the
   * source is the noun before the place; a relative clause of a noun
   * holds its own report */
  doc d = run("Personal records of 200,000 Velhavn Ferry Line customers were "
              "stolen in a cyberattack, the company disclosed on Monday.\n\n"
              "The leak at the Velhavn Ferry Line was first detected on "
              "June 17, 53 days before it was reported.\n\n"
              "Dockworkers in Halden warned on Thursday that the strike was "
              "pushing firms towards insolvency.\n\n"
              "The minister will face questions after lawmakers voted to "
              "summon her, in a move that analysts said could threaten her "
              "post.\n");
  const cw_quote *q = quote_at(&d, "Personal records");
  assert_int_equal(q->kind, CW_QUOTE_INDIRECT);
  assert_int_equal(q->speaker_start, at(&d, "the company", 0));
  assert_string_equal(q->cue, "disclosed");
  no_quote_at(&d, "The leak at");
  for (size_t i = 0; i < d.n; i++)
    assert_false(d.q[i].speaker_start == at(&d, "53 days", 0));
  q = quote_at(&d, "that the strike was");
  assert_int_equal(q->speaker_start, at(&d, "Dockworkers", 0));
  check(&d, "could threaten her post", CW_QUOTE_INDIRECT, NULL, "analysts", 0,
        "said", NULL);
  q = quote_at(&d, "to summon her");
  assert_true(q->end <= at(&d, " that analysts", 0));
  done(&d);
}

/* ---- word forms --------------------------------------------------------- */

static void test_word_forms(void **state) {
  (void)state;
  /* a curly apostrophe stands for a straight one in "'s" */
  doc d = run("Marta Kovac spoke at the port. Kovac\xE2\x80\x99s criticism of "
              "the toll angered them.\n");
  check(&d, "the toll", CW_QUOTE_INDIRECT, "Marta Kovac", "Kovac", 1,
        "criticism", NULL);
  done(&d);
  /* cue verbs in any case, the first and the last of the verb table */
  d = run("Marta Kovac spoke at the port.\n\n\"The harbour will close in "
          "May,\" she SAID.\n\nKovac disputed the figures of the port "
          "authority.\n");
  check(&d, "\"The harbour will close in May,\"", CW_QUOTE_DIRECT,
        "Marta Kovac", "she", 0, "SAID", NULL);
  check(&d, "the figures of the port authority", CW_QUOTE_INDIRECT,
        "Marta Kovac", "Kovac", 1, "disputed", NULL);
  done(&d);
  /* a NUL byte inside a word makes it no cue verb */
  static const char nul[] = "\"The harbour will close in May,\" Marta Kovac "
                            "sa\0id.\n";
  cw_analysis *an = NULL;
  cw_quote *q = NULL;
  size_t n = 0;
  assert_int_equal(cw_analyze(NULL, nul, sizeof nul - 1, &an), CW_OK);
  assert_int_equal(cw_quotes_find(nul, sizeof nul - 1, an, &q, &n), CW_OK);
  for (size_t i = 0; i < n; i++)
    assert_true(!q[i].cue || strncmp(q[i].cue, "sa", 2) != 0);
  cw_analysis_free(an);
}

/* ---- unbalanced and hostile input ------------------------------------ */

static void test_unbalanced(void **state) {
  (void)state;
  const char *texts[] = {
      "He said \"this never ends.",
      ("The \xE2\x80\x9Cquote never closes and \xE2\x80\x9D then \xE2\x80\x9D "
       "again."),
      "\xE2\x80\x9D\xE2\x80\x9D\xE2\x80\x9C",
      "'",
      "\"",
      "Lena Ortiz said: \"",
      "''Well,'' she said. '' '' ''",
      "\xE2\x80\x98Half \xE2\x80\x99 \xE2\x80\x98",
  };
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    doc d = run(texts[i]);
    check_sane(&d, strlen(texts[i]));
    done(&d);
  }
  /* a stray closing mark opens nothing */
  doc d = run("Prices rose 4\xE2\x80\x9D last year, the agency said.");
  for (size_t i = 0; i < d.n; i++)
    assert_int_not_equal(d.q[i].kind, CW_QUOTE_DIRECT);
  done(&d);
}

static void test_empty_and_usage(void **state) {
  (void)state;
  cw_analysis *an = NULL;
  assert_int_equal(cw_analyze(NULL, "", 0, &an), CW_OK);
  cw_quote *q = (cw_quote *)1;
  size_t n = 7;
  assert_int_equal(cw_quotes_find("", 0, an, &q, &n), CW_OK);
  assert_null(q);
  assert_int_equal(n, 0);
  assert_int_equal(cw_quotes_find(NULL, 5, an, &q, &n), CW_ERR_USAGE);
  assert_int_equal(cw_quotes_find("x", 1, NULL, &q, &n), CW_ERR_USAGE);
  cw_analysis_free(an);
  assert_string_equal(cw_quote_kind_name(CW_QUOTE_DIRECT), "direct");
  assert_string_equal(cw_quote_kind_name(CW_QUOTE_PARTIAL), "partial");
  assert_string_equal(cw_quote_kind_name(CW_QUOTE_INDIRECT), "indirect");
}

/* Runs text of len bytes and checks it finishes within max_sec. */
static void hostile(const char *text, size_t len, double max_sec) {
  clock_t t0 = clock();
  cw_analysis *an = NULL;
  cw_status st = cw_analyze(NULL, text, len, &an);
  if (st != CW_OK) {
    /* the entity pass may refuse a name that is not UTF-8; quotes must
     * still cope with the text, so run them over an empty analysis */
    assert_int_equal(st, CW_ERR_CHARSET);
    assert_int_equal(cw_analyze(NULL, "", 0, &an), CW_OK);
  }
  cw_quote *q = NULL;
  size_t n = 0;
  assert_int_equal(cw_quotes_find(text, len, an, &q, &n), CW_OK);
  for (size_t i = 0; i < n; i++) {
    assert_true(q[i].start < q[i].end);
    assert_true(q[i].end <= len);
  }
  double sec = (double)(clock() - t0) / CLOCKS_PER_SEC;
  cw_analysis_free(an);
  assert_true(sec < max_sec);
}

static void test_hostile_marks(void **state) {
  (void)state;
  const size_t n = 100000;
  char *buf = malloc(n * 3 + 1);
  assert_non_null(buf);
  /* 100k straight double marks */
  memset(buf, '"', n);
  hostile(buf, n, 20.0);
  /* 100k marks with words between, all on one line */
  for (size_t i = 0; i < n; i++)
    buf[i] = (char)(i % 3 == 0 ? '"' : i % 3 == 1 ? 'a' : ' ');
  hostile(buf, n, 20.0);
  /* 100k single marks and apostrophes */
  for (size_t i = 0; i < n; i++)
    buf[i] = (char)(i % 2 ? '\'' : 's');
  hostile(buf, n, 20.0);
  /* 100k curly marks (3 bytes each) */
  for (size_t i = 0; i < n; i++) {
    buf[3 * i] = (char)0xE2;
    buf[3 * i + 1] = (char)0x80;
    buf[3 * i + 2] = (char)(i % 2 ? 0x9D : 0x9C);
  }
  hostile(buf, 3 * n, 20.0);
  free(buf);
  /* one endless sentence of reports and partial quotes */
  const char *unit = "Ortiz said the plan \"failed\" and Drozd told TASS ";
  size_t ul = strlen(unit), reps = 4000;
  char *big = malloc(ul * reps + 1);
  assert_non_null(big);
  for (size_t i = 0; i < reps; i++)
    memcpy(big + i * ul, unit, ul);
  hostile(big, ul * reps, 20.0);
  /* names and pronouns without end: every "he" looks back for a person */
  unit = "Mayor Ana Petrov Of Harlow Met Tomas Varga and he said it ";
  ul = strlen(unit);
  char *big2 = realloc(big, ul * reps + 1);
  assert_non_null(big2);
  for (size_t i = 0; i < reps; i++)
    memcpy(big2 + i * ul, unit, ul);
  hostile(big2, ul * reps, 20.0);
  /* one endless sentence of clauses, each a source acting on something:
   * every clause is tried, none may rescan the rest of the sentence */
  unit = ", and Ana Petrov backed the levy, who opposed the toll; she has ";
  ul = strlen(unit);
  reps = 20000;
  char *big3 = realloc(big2, ul * reps + 1);
  assert_non_null(big3);
  for (size_t i = 0; i < reps; i++)
    memcpy(big3 + i * ul, unit, ul);
  hostile(big3, ul * reps, 20.0);
  free(big3);
}

static void test_invalid_utf8(void **state) {
  (void)state;
  const char text[] = "Lena Ortiz said: \"\xFF\xFE bad \xC3 bytes \xE2\x80\" "
                      "\xE2\x80\x9C\xF0\x9F\x98 more\xE2\x80\x9D, she said. "
                      "'\x80\x80' \xE2\x80\x98\xC0\xAF\xE2\x80\x99";
  hostile(text, sizeof text - 1, 5.0);
  /* random bytes */
  char buf[4096];
  unsigned x = 12345;
  for (int round = 0; round < 20; round++) {
    for (size_t i = 0; i < sizeof buf; i++) {
      x = x * 1103515245u + 12345u;
      unsigned char b = (unsigned char)(x >> 16);
      /* lean towards marks, apostrophes, spaces and UTF-8 lead bytes */
      static const unsigned char pick[] = {'"',  '\'', ' ',  '\n', 0xE2,
                                           0x80, 0x9C, 0x9D, 0x98, 0x99,
                                           'a',  'S',  ',',  '.',  ':'};
      buf[i] = (char)(b < 200 ? pick[b % sizeof pick] : b);
    }
    hostile(buf, sizeof buf, 5.0);
  }
}

/* The indirect quote spanning exactly `span` (first occurrence), whose
 * speaker mention overlaps the n-th occurrence of `who` (NULL: the quote
 * has no speaker mention). For speakers that are no entity of their
 * own ("an aide", "officials"). */
static void check_by(const doc *d, const char *span, const char *who, int n) {
  const cw_quote *q = quote_at(d, span);
  assert_int_equal(q->end - q->start, strlen(span));
  assert_int_equal(q->kind, CW_QUOTE_INDIRECT);
  if (!who) {
    assert_int_equal(q->speaker_end, q->speaker_start);
    return;
  }
  size_t w = at(d, who, n);
  if (!(q->speaker_start < w + strlen(who) && w < q->speaker_end)) {
    dump(d);
    fail_msg("[%s]: speaker is not [%s]", span, who);
  }
}

/* No quote starts at the first occurrence of s. */
static void check_none_at(const doc *d, const char *s) {
  size_t off = at(d, s, 0);
  for (size_t i = 0; i < d->n; i++)
    if (d->q[i].start == off) {
      dump(d);
      fail_msg("a quote starts at [%s]", s);
    }
}

/* ---- what is no report, and what is no utterance ------------------------ */

/* No quote has the cue cue. */
static void check_no_cue(const doc *d, const char *cue) {
  for (size_t i = 0; i < d->n; i++)
    if (d->q[i].cue && !strcmp(d->q[i].cue, cue)) {
      dump(d);
      fail_msg("a quote has the cue [%s]", cue);
    }
}

static void test_relative_speaker_named(void **state) {
  (void)state;
  /* a relative pronoun with no entity: the span stays the pronoun, the
   * name is the noun phrase it stands for, or none ("all of whom") */
  doc d = run("The dock workers, who said the crane was unsafe, left early."
              "\n\nNine pilots met the board, all of whom said the fares "
              "were too high.\n");
  const cw_quote *q = quote_at(&d, "the crane was unsafe");
  assert_int_equal(q->speaker_start, at(&d, "who", 0));
  assert_non_null(q->speaker);
  assert_string_equal(q->speaker, "The dock workers");
  q = quote_at(&d, "the fares were too high");
  assert_int_equal(q->speaker_start, at(&d, "whom", 0));
  assert_null(q->speaker);
  done(&d);
}

static void test_no_adverb_speaker(void **state) {
  (void)state;
  doc d = run("Marta Kovac spoke at the port. Privately and publicly, Kovac "
              "fumed over the levy, arguing that it would ruin the "
              "harbour.\n");
  check_by(&d, "that it would ruin the harbour", "Kovac", 1);
  assert_string_equal(quote_at(&d, "that it would ruin")->speaker,
                      "Marta Kovac");
  done(&d);
}

static void test_no_content(void **state) {
  (void)state;
  /* one word after a stance noun; a clause that only names the words
   * ("made these remarks"); the terms of a talk ("asked for anonymity");
   * what is blamed named before the verb */
  doc d = run("Marta Kovac spoke at the port. Kovac's view of Lund is "
              "old.\n\n"
              "Kovac made these remarks while visiting the harbour.\n\n"
              "The account rests on talks with nine dockers, all of whom "
              "asked for anonymity to describe the talks.\n\n"
              "Kovac requested anonymity to discuss the talks.\n\n"
              "Kovac, who wore a cast that she blamed on a fall at the pier, "
              "smiled.\n");
  check_none_at(&d, "Lund");
  check_no_cue(&d, "view");
  check_no_cue(&d, "made");
  check_no_cue(&d, "asked");
  check_no_cue(&d, "requested");
  check_no_cue(&d, "blamed");
  done(&d);
}

static void test_hearer_is_no_speaker(void **state) {
  (void)state;
  /* a passive of a verb with a hearer; a hearer before "that" */
  doc d = run("Marta Kovac was asked about the levy during a visit to the "
              "port.\n\n"
              "Kovac complained to two aides that the levy would ruin the "
              "port.\n");
  check_no_cue(&d, "asked");
  check(&d, "that the levy would ruin the port", CW_QUOTE_INDIRECT,
        "Marta Kovac", "Kovac", 1, "complained", NULL);
  done(&d);
}

static void test_date_before_verb(void **state) {
  (void)state;
  /* "on June 7" between the subject and its verb */
  doc d = run("The harbour board on June 7 urged ferry owners to cut their "
              "fares.\n");
  check_by(&d, "ferry owners to cut their fares", "harbour board", 0);
  done(&d);
}

/* An indirect quote of text with cue, its span [start, end). */
static cw_quote indirect(const char *text, const char *cue, size_t start,
                         size_t end) {
  cw_quote q = {0};
  q.kind = CW_QUOTE_INDIRECT;
  q.text = text;
  q.cue = cue;
  q.start = start;
  q.end = end;
  q.speaker_entity = -1;
  return q;
}

/* Every cue word is found in the lexicon whatever its case, the words
 * whose bytes the lexicon's hash reads alike too ("reported", "retorted",
 * "remarked"; "contended", "concerned", "commented"): a verb of words is
 * an utterance, a verb of acts and a word of no list are none. */
static void test_lexicon_lookups(void **state) {
  (void)state;
  const char *clause = "the levy would ruin the port";
  size_t n = strlen(clause);
  static const char *const said[] = {
      "say",       "says",      "SAID",      "Told",         "retorted",
      "reported",  "remarked",  "commented", "contended",    "concerned",
      "convinced", "confirmed", "continued", "exclaimed",    "explained",
      "realized",  "thinks",    "defended",  "acknowledged", "REPORTS",
      "Remarked",  "demanded",  NULL};
  for (const char *const *c = said; *c; c++) {
    cw_quote q = indirect(clause, *c, 10, 10 + n);
    if (!cw_quote_is_utterance(&q))
      fail_msg("[%s] is no utterance", *c);
  }
  static const char *const none[] = {
      "expects", "returned", "retort", "reporter",   "remarkedly", "sa",
      "s",       "2024",     "x",      "commentedd", NULL};
  for (const char *const *c = none; *c; c++) {
    cw_quote q = indirect(clause, *c, 10, 10 + n);
    if (cw_quote_is_utterance(&q))
      fail_msg("[%s] is an utterance", *c);
  }
}

static void test_is_utterance(void **state) {
  (void)state;
  const char *clause = "the levy would ruin the port";
  size_t n = strlen(clause);
  static const char *const said[] = {
      "said",         "Said",         "told",   "wrote",   "stated",
      "argued",       "believes",     "warned", "claimed", "urged",
      "according to", "According to", "called", NULL};
  for (const char *const *c = said; *c; c++) {
    cw_quote q = indirect(clause, *c, 10, 10 + n);
    if (!cw_quote_is_utterance(&q))
      fail_msg("[%s] is no utterance", *c);
  }
  static const char *const acts[] = {
      "turned",    "made",      "sporting", "declined", "wants",
      "supported", "criticism", "marks",    "",         NULL};
  for (const char *const *c = acts; *c; c++) {
    cw_quote q = indirect(clause, *c, 10, 10 + n);
    if (cw_quote_is_utterance(&q))
      fail_msg("[%s] is an utterance", *c);
  }
  /* a noun of both lists: words when its span held "that" */
  cw_quote q = indirect(clause, "remarks", 10, 10 + n);
  assert_false(cw_quote_is_utterance(&q));
  q = indirect(clause, "remarks", 5, 10 + n);
  assert_true(cw_quote_is_utterance(&q));
  q = indirect(clause, "claim", 5, 10 + n);
  assert_true(cw_quote_is_utterance(&q));
  /* one word, a bare name, what was answered */
  q = indirect("Saturday", "said", 0, 8);
  assert_false(cw_quote_is_utterance(&q));
  q = indirect("Jane Roe", "attacked", 0, 8);
  assert_false(cw_quote_is_utterance(&q));
  q = indirect("to requests for comment", "responded", 0, 23);
  assert_false(cw_quote_is_utterance(&q));
  /* a transcript line, words in marks, nothing */
  q = indirect(clause, NULL, 0, n);
  assert_true(cw_quote_is_utterance(&q));
  q.kind = CW_QUOTE_DIRECT;
  q.cue = "turned";
  assert_true(cw_quote_is_utterance(&q));
  q.kind = CW_QUOTE_PARTIAL;
  assert_true(cw_quote_is_utterance(&q));
  assert_false(cw_quote_is_utterance(NULL));
  /* from the finder */
  doc d = run("Marta Kovac said the levy would ruin the port. Kovac declined "
              "to comment on the toll. Kovac turned her attention to the "
              "cranes of the harbour.\n");
  assert_true(cw_quote_is_utterance(quote_at(&d, "the levy would ruin")));
  for (size_t i = 0; i < d.n; i++)
    if (d.q[i].start > at(&d, "Kovac", 1))
      assert_false(cw_quote_is_utterance(&d.q[i]));
  done(&d);
}

static void test_tail_attribution(void **state) {
  (void)state;
  /* an attribution at the end of the sentence holds the sentence before
   * it, reports inside it included */
  doc d = run("The Daily Ledger reports that the mayor will resign, according "
              "to the Civic Survey.\n\n"
              "Lena Ortiz had told officials that she wanted no escort, an "
              "aide added.\n\n"
              "The toll would fund the bridge, Tom Barlow (L-Harlow) told The "
              "Ledger on Thursday.\n\n"
              "The crew watched the videos on Monday, lawyers for the family "
              "said.\n\n"
              "Harbour rules called for the ferry to be moved to a dry dock, "
              "sources said.\n");
  check_by(&d, "The Daily Ledger reports that the mayor will resign",
           "Civic Survey", 0);
  check_by(&d, "that the mayor will resign", "Daily Ledger", 0);
  check_by(&d, "Lena Ortiz had told officials that she wanted no escort",
           "an aide", 0);
  check(&d, "that she wanted no escort", CW_QUOTE_INDIRECT, "Lena Ortiz",
        "Lena Ortiz", 0, "told", NULL);
  check(&d, "The toll would fund the bridge", CW_QUOTE_INDIRECT, "Tom Barlow",
        "Tom Barlow", 0, "told", "The Ledger");
  check_by(&d, "The crew watched the videos on Monday", "lawyers", 0);
  check_by(&d, "Harbour rules called for the ferry to be moved to a dry dock",
           "sources", 0);
  check_by(&d, "the ferry to be moved to a dry dock", "Harbour rules", 0);
  done(&d);
  /* no tail: a verb with its own clause, a noun "say", a bare name */
  d = run("Tom Barlow said the port was safe, although inspectors say the "
          "cranes are old.\n\n"
          "A Harlow judge rejected the request, saying the courts have no say "
          "in it.\n");
  check_by(&d, "the port was safe", "Tom Barlow", 0);
  check_by(&d, "the cranes are old", "inspectors", 0);
  check_none_at(&d, "Tom Barlow said");
  check_by(&d, "the courts have no say in it", "A Harlow judge", 0);
  check_none_at(&d, "A Harlow judge");
  done(&d);
}

static void test_clause_boundaries(void **state) {
  (void)state;
  /* a reported clause ends where a clause of the writer's or of another
   * source begins */
  doc d =
      run("Lena Ortiz said the ferry would run; the council put the cost "
          "at two million.\n\n"
          "Pavel Drozd wants a new pier, and the mayor wants a new road.\n\n"
          "Lena Ortiz rejected the toll plan, which the council approved "
          "in May.\n\n"
          "Tom Barlow said the port was safe, contradicting the Harlow "
          "police's earlier claim that the cranes had failed.\n\n"
          "Ivo Senn said the levy was fair \xE2\x80\x94 which the "
          "council doubted.\n\n"
          "Writing for a panel that all agreed Lena Ortiz won the debate, "
          "Marta Kovac noted that her poise was critical.\n");
  check(&d, "the ferry would run", CW_QUOTE_INDIRECT, "Lena Ortiz",
        "Lena Ortiz", 0, "said", NULL);
  check(&d, "a new pier", CW_QUOTE_INDIRECT, "Pavel Drozd", "Pavel Drozd", 0,
        "wants", NULL);
  check_by(&d, "a new road", "the mayor", 0);
  check(&d, "the toll plan", CW_QUOTE_INDIRECT, "Lena Ortiz", "Lena Ortiz", 1,
        "rejected", NULL);
  check_by(&d, "the port was safe", "Tom Barlow", 0);
  check_by(&d, "that the cranes had failed", "Harlow police", 0);
  check_by(&d, "the levy was fair", "Ivo Senn", 0);
  check_by(&d, "Lena Ortiz won the debate", "all", 0);
  check(&d, "that her poise was critical", CW_QUOTE_INDIRECT, "Marta Kovac",
        "Marta Kovac", 0, "noted", NULL);
  done(&d);
  /* an article alone is no subject: "The talks" has no verb "talks" */
  d = run("The talks about the harbour levy are backed by a coalition of "
          "mayors.\n\n"
          "The efforts to pool the fleets would touch the core of the "
          "treaty.\n");
  for (size_t i = 0; i < d.n; i++)
    assert_true(d.q[i].speaker_end - d.q[i].speaker_start != 3);
  check_none_at(&d, "the harbour levy");
  check_none_at(&d, "to pool the fleets");
  done(&d);
}

static void test_relative_subject(void **state) {
  (void)state;
  /* "who" and "which" as subjects: the pronoun is the speaker mention, the
   * name before it the entity; an adverb before the verb is skipped */
  doc d = run("The vote is risky for Jane Roe, who pointedly refused to back "
              "the levy, and for her party.\n\n"
              "Peter Lund, now the harbour master, who in 2010 said the port "
              "had to grow, met her.\n\n"
              "The Civic League, which has 900 members, wants to keep its "
              "neutral stance.\n\n"
              "Ivo Senn, who's called for a new pier, spoke on Monday.\n");
  check(&d, "to back the levy", CW_QUOTE_INDIRECT, "Jane Roe", "who", 0,
        "refused", NULL);
  check(&d, "the port had to grow", CW_QUOTE_INDIRECT, "Peter Lund", "who", 1,
        "said", NULL);
  check_by(&d, "to keep its neutral stance", "Civic League", 0);
  check(&d, "a new pier", CW_QUOTE_INDIRECT, "Ivo Senn", "who", 2, "called",
        NULL);
  done(&d);
}

static void test_subject_of_sentence(void **state) {
  (void)state;
  doc d = run(
      /* a time between the object and the participle */
      "Tom Barlow posted a series of notes early Friday saying that Lena "
      "Ortiz had erred.\n\n"
      /* "though" opens no subject */
      "Norvia kept calm, though a tribunal in 2001 found the treaty was "
      "breached.\n\n"
      /* a pronoun opening the sentence */
      "Meanwhile, it attacked the Harlow Port Board, saying the board had "
      "failed.\n\n"
      /* the subject ends at its verb; a plural noun is no verb */
      "In August, several fishing groups granted Tom Barlow a delay, saying "
      "his boats were idle.\n\n"
      /* an opening participle phrase and an adverb after an adjunct */
      "Chastened by the polls, Ivo Senn revised his plan, promising to cut "
      "port fees.\n\n"
      "On Thursday, however, Pavel Drozd spoke to dock owners, promising to "
      "lift the toll.\n\n"
      /* the hearer after "told" is no speaker */
      "At a forum in Harlow, Marta Kovac, the head of the Civic League, "
      "told a student that the vote mattered.\n\n"
      /* a subject of an adverb and a verb */
      "Lena Ortiz quickly said the bridge was sound.\n");
  check(&d, "that Lena Ortiz had erred", CW_QUOTE_INDIRECT, "Tom Barlow",
        "Tom Barlow", 0, "saying", NULL);
  check_by(&d, "the treaty was breached", "a tribunal", 0);
  check_by(&d, "the board had failed", "it", 0);
  check_by(&d, "his boats were idle", "several fishing groups", 0);
  const cw_quote *q = quote_at(&d, "his boats were idle");
  assert_true(q->speaker_end <= at(&d, "granted", 0));
  check(&d, "to cut port fees", CW_QUOTE_INDIRECT, "Ivo Senn", "Ivo Senn", 0,
        "promising", NULL);
  check(&d, "to lift the toll", CW_QUOTE_INDIRECT, "Pavel Drozd", "Pavel Drozd",
        0, "promising", NULL);
  check(&d, "that the vote mattered", CW_QUOTE_INDIRECT, "Marta Kovac",
        "Marta Kovac", 0, "told", NULL);
  check(&d, "the bridge was sound", CW_QUOTE_INDIRECT, "Lena Ortiz",
        "Lena Ortiz", 1, "said", NULL);
  done(&d);
  /* `"..." and said`: the quote is not attributed by the later verb */
  d = run("Lena Ortiz urged voters to \"stay calm\" and said the vote was "
          "fair.\n");
  q = quote_at(&d, "\"stay calm\"");
  assert_true(q->cue == NULL || strcmp(q->cue, "said") != 0);
  check(&d, "the vote was fair", CW_QUOTE_INDIRECT, "Lena Ortiz", "Lena Ortiz",
        0, "said", NULL);
  done(&d);
}

/* The finder's tables are not zeroed when allocated (each entry is
 * written before it is read): the quotes of a text do not change when
 * the memory they reuse held garbage. */
static void test_tables_not_zeroed(void **state) {
  (void)state;
  const char *text =
      "\"We will reopen the quay by spring,\" said harbour master Ilka "
      "Demmer. ''Not before the dredging,'' replied Tomas Verhoek, who "
      "said the channel was too shallow. Demmer told reporters that the "
      "budget was \"ample\" and that crews would start soon.\n\n"
      "\"It is a long job,\" Verhoek said. \"We know.\"";
  doc a = run(text);
  for (int round = 0; round < 3; round++) {
    /* freed garbage where the next tables are likely to be placed */
    for (size_t sz = 1024; sz <= 65536; sz *= 2) {
      unsigned char *junk = malloc(sz);
      assert_non_null(junk);
      memset(junk, 0xA5 + round, sz);
      free(junk);
    }
    doc b = run(text);
    assert_int_equal(a.n, b.n);
    for (size_t i = 0; i < a.n; i++) {
      assert_int_equal(a.q[i].start, b.q[i].start);
      assert_int_equal(a.q[i].end, b.q[i].end);
      assert_int_equal(a.q[i].kind, b.q[i].kind);
      assert_int_equal(a.q[i].speaker_entity, b.q[i].speaker_entity);
      assert_int_equal(a.q[i].speaker_start, b.q[i].speaker_start);
      assert_int_equal(a.q[i].speaker_end, b.q[i].speaker_end);
      assert_string_equal(a.q[i].text, b.q[i].text);
    }
    done(&b);
  }
  assert_true(a.n >= 3);
  done(&a);
}

/* A quote left open runs to the end of its paragraph, whether the next
 * mark is paragraphs later or there is none at all (pair_marks() visits
 * the marks only). */
static void test_open_quote_ends_with_paragraph(void **state) {
  (void)state;
  doc d = run("Mayor Jane Roe spoke at the depot.\n\n\"The new line opens in "
              "May and the fares stay low, Roe told the crowd.\n\nThe council "
              "approved the plan on Tuesday.\n\nWork starts next week.");
  check(&d,
        "\"The new line opens in May and the fares stay low, Roe told the "
        "crowd.",
        CW_QUOTE_DIRECT, NULL, NULL, 0, NULL, NULL);
  done(&d);
  d = run("\"The depot will close for a week, the manager said.\n\nBuses "
          "will run instead.\n\n\"We are sorry,\" Jane Roe said.");
  check(&d, "\"The depot will close for a week, the manager said.",
        CW_QUOTE_DIRECT, NULL, NULL, 0, NULL, NULL);
  check(&d, "\"We are sorry,\"", CW_QUOTE_DIRECT, "Jane Roe", "Jane Roe", 0,
        "said", NULL);
  assert_int_equal(d.n, 2);
  done(&d);
}

/* Every punctuation class that ends a reported clause: a semicolon, the
 * four dashes before "although", "which" or "though", an ellipsis; a
 * clause after a semicolon, a comma and "and", a stance noun, "according
 * to" (reported_speech() and reported_in_sentence() visit only the tokens
 * that can start one). */
static const char clause_marks_text[] =
    "Jane Roe said the fares would fall; Tom Barlow backed the plan for the "
    "depot on Friday.\n\nThe board, which Roe chairs, met in Ardley. Roe "
    "argued that the levy was fair, and Barlow said the depot would close. "
    "Critics of the plan voted against it; they said the cost was too high "
    "\xE2\x80\x94 although the levy was small.\n\nRoe\xE2\x80\x99s criticism "
    "of the levy plan drew praise. According to Barlow, the line will open "
    "in May.\n\nJane Roe said the fares would stay low \xE2\x80\x93 although "
    "the levy rose.\n\nTom Barlow said the depot would close \xE2\x80\x95 "
    "which the council feared.\n\nRoe said the line was late - though the "
    "trains were new.\n\nBarlow said the plan works\xE2\x80\xA6 The council "
    "disagreed.";

static void test_clause_ends_and_openers(void **state) {
  (void)state;
  doc d = run(clause_marks_text);
  check(&d, "the fares would fall", CW_QUOTE_INDIRECT, "Jane Roe", "Jane Roe",
        0, "said", NULL);
  check(&d, "the plan for the depot on Friday", CW_QUOTE_INDIRECT, "Tom Barlow",
        "Tom Barlow", 0, "backed", NULL);
  check(&d, "that the levy was fair", CW_QUOTE_INDIRECT, "Jane Roe", "Roe", 2,
        "argued", NULL);
  const cw_quote *q = quote_at(&d, "the depot would close. ");
  assert_int_equal(q->end - q->start, strlen("the depot would close"));
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Tom Barlow"));
  assert_string_equal(q->cue, "said");
  q = quote_at(&d, "the cost was too high");
  assert_int_equal(q->end - q->start, strlen("the cost was too high"));
  assert_string_equal(q->cue, "said");
  check(&d, "the levy plan", CW_QUOTE_INDIRECT, "Jane Roe", NULL, 0,
        "criticism", NULL);
  check(&d, "the line will open in May", CW_QUOTE_INDIRECT, "Tom Barlow",
        "Barlow", 2, "according to", NULL);
  check(&d, "the fares would stay low", CW_QUOTE_INDIRECT, "Jane Roe",
        "Jane Roe", 1, "said", NULL);
  q = quote_at(&d, "the depot would close \xE2\x80\x95");
  assert_int_equal(q->end - q->start, strlen("the depot would close"));
  assert_int_equal(q->speaker_start, at(&d, "Tom Barlow", 1));
  assert_string_equal(q->cue, "said");
  check(&d, "the line was late", CW_QUOTE_INDIRECT, "Jane Roe", "Roe", 5,
        "said", NULL);
  check(&d, "the plan works", CW_QUOTE_INDIRECT, "Tom Barlow", "Barlow", 4,
        "said", NULL);
  check_sane(&d, strlen(clause_marks_text));
  done(&d);
}

/* Quotes come out by start however they were found (the direct ones
 * first): sorted by insertion up to 256, by qsort() beyond. */
static void test_quotes_sorted(void **state) {
  (void)state;
  const size_t paras[] = {100, 150};
  for (size_t r = 0; r < 2; r++) {
    char *t = malloc(paras[r] * 96 + 1);
    assert_non_null(t);
    size_t len = 0;
    for (size_t i = 0; i < paras[r]; i++)
      len += (size_t)sprintf(t + len,
                             "\"Line %zu is open,\" Jane Roe said. Tom Barlow "
                             "said the depot %zu would close.\n\n",
                             i, i);
    doc d = run(t);
    assert_int_equal(d.n, 2 * paras[r]);
    for (size_t i = 0; i < d.n; i++) {
      assert_int_equal(d.q[i].kind,
                       i % 2 ? CW_QUOTE_INDIRECT : CW_QUOTE_DIRECT);
      if (i)
        assert_true(d.q[i - 1].start < d.q[i].start);
      assert_string_equal(d.q[i].speaker, i % 2 ? "Tom Barlow" : "Jane Roe");
    }
    check_sane(&d, len);
    done(&d);
    free(t);
  }
}

/* The words of ASCII tokens come from the analysis (cw_analyze() keeps
 * them beside its tokens); quotes found that way are those found folding
 * every token here, as for an analysis without its tokens: cue verbs in
 * capitals, curly apostrophes, a NUL byte, words past 64 bytes, '' marks. */
static void test_words_from_analysis(void **state) {
  (void)state;
  static const char t1[] =
      "Marta Kovac spoke at the port.\n\n\"The harbour will close in May,\" "
      "she SAID. Kovac\xE2\x80\x99s aide TOLD reporters that the toll "
      "would rise. ''We will stay,'' Ilse Brand said.\n";
  static const char t2[] =
      "\xE2\x80\x9CNo ships today,\xE2\x80\x9D Harbour Master Tove Lind "
      "told the Halvik Courier, adding that the "
      "Kestrelbaymillworkersunionandassociatesltdandfriendsofthedocks "
      "\"would strike\". She said: \"Never.\"\n";
  static const char t3[] = /* with a NUL byte */
      "\"The harbour will close in May,\" Marta Kovac sa\0id. Officials "
      "said the port stays shut, according to Lind.\n";
  const char *const texts[] = {t1, t2, t3, clause_marks_text};
  const size_t lens[] = {sizeof t1 - 1, sizeof t2 - 1, sizeof t3 - 1,
                         sizeof clause_marks_text - 1};
  for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
    const char *t = texts[k];
    size_t len = lens[k];
    cw_analysis *a = NULL, *b = NULL;
    assert_int_equal(cw_analyze(NULL, t, len, &a), CW_OK);
    assert_int_equal(cw_analyze(NULL, t, len, &b), CW_OK);
    assert_non_null(a->token_word);
    b->tokens = NULL; /* tokenised and folded again by cw_quotes_find() */
    b->n_tokens = 0;
    cw_quote *qa = NULL, *qb = NULL;
    size_t na = 0, nb = 0;
    assert_int_equal(cw_quotes_find(t, len, a, &qa, &na), CW_OK);
    assert_int_equal(cw_quotes_find(t, len, b, &qb, &nb), CW_OK);
    assert_true(na >= 2);
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
      assert_int_equal(qa[i].start, qb[i].start);
      assert_int_equal(qa[i].end, qb[i].end);
      assert_int_equal(qa[i].kind, qb[i].kind);
      assert_int_equal(qa[i].speaker_entity, qb[i].speaker_entity);
      assert_int_equal(qa[i].speaker_start, qb[i].speaker_start);
      assert_int_equal(qa[i].speaker_end, qb[i].speaker_end);
      assert_true((qa[i].cue == NULL) == (qb[i].cue == NULL));
      if (qa[i].cue)
        assert_string_equal(qa[i].cue, qb[i].cue);
    }
    cw_analysis_free(a);
    cw_analysis_free(b);
  }
}

/* "According to X, Y stated that ...": the clause's own report is the
 * quote, its speaker Y (as written when no entity), X its channel; no
 * outer quote of X. A clause without one stays X's. */
static void test_according_to_inner_report(void **state) {
  (void)state;
  doc d = run("Ferries to Halvik stopped on Monday.\n\nAccording to the "
              "Halvik Courier, a port official stated that the harbour may "
              "reopen to ferries before the storm season. According to the "
              "Halvik Courier, the harbour will stay closed for a week.\n");
  const cw_quote *q = quote_at(&d, "that the harbour may reopen");
  assert_int_equal(q->kind, CW_QUOTE_INDIRECT);
  assert_string_equal(q->text,
                      "the harbour may reopen to ferries before the storm "
                      "season");
  assert_non_null(q->speaker);
  assert_string_equal(q->speaker, "a port official");
  assert_int_equal(q->speaker_entity, -1);
  assert_string_equal(q->cue, "stated");
  assert_non_null(q->channel);
  assert_string_equal(q->channel, "Halvik Courier");
  for (size_t i = 0; i < d.n; i++)
    if (d.q[i].start < at(&d, "the harbour will stay", 0))
      assert_true(d.q[i].start >= at(&d, "that the harbour may", 0));
  q = quote_at(&d, "the harbour will stay closed");
  assert_string_equal(q->cue, "according to");
  assert_non_null(q->speaker);
  assert_string_equal(q->speaker, "Halvik Courier");
  done(&d);
}

/* "According to media reports, Roe commented on the dispute": a talk with
 * no words is no quote; "according to local reports, CLAUSE": the
 * reports are no speaker a reader can check, they are the channel. */
static void test_according_to_talk_and_reports(void **state) {
  (void)state;
  doc d = run("Ferries to Halvik stopped on Monday.\n\nAccording to media "
              "reports, Marta Kovac, the deputy head of the Halvik Port "
              "Board, commented on the dispute between the ferry company and "
              "the dockers. According to local reports, the ferry company "
              "will sell two of its ships.\n");
  for (size_t i = 0; i < d.n; i++)
    if (d.q[i].end <= at(&d, "According to local", 0)) {
      dump(&d);
      fail_msg("a quote in the sentence of a talk with no words");
    }
  const cw_quote *q = quote_at(&d, "the ferry company will sell");
  assert_string_equal(q->cue, "according to");
  assert_null(q->speaker);
  assert_int_equal(q->speaker_entity, -1);
  assert_non_null(q->channel);
  assert_string_equal(q->channel, "local reports");
  done(&d);
  /* no source at all, no clause after it */
  d = run("According to, the ferry company will sell two ships. According "
          "to media reports,\n");
  for (size_t i = 0; i < d.n; i++)
    assert_null(d.q[i].channel);
  done(&d);
}

/* "CLAUSE, he said, CLAUSE." without marks: the span covers both parts,
 * the text holds them without the attribution. */
static void test_split_indirect_text(void **state) {
  (void)state;
  doc d = run("Marta Kovac spoke to dockers on Monday.\n\nThese are the "
              "kind of owners who will sell, she said, and it won't end "
              "well for the port. The new cranes, she said, will arrive in "
              "June.\n");
  const cw_quote *q = quote_at(&d, "These are the kind");
  assert_int_equal(q->kind, CW_QUOTE_INDIRECT);
  assert_int_equal(q->end, at(&d, ". The new", 0));
  assert_string_equal(q->text, "These are the kind of owners who will sell, "
                               "and it won't end well for the port");
  assert_string_equal(q->speaker, "Marta Kovac");
  q = quote_at(&d, "The new cranes");
  assert_string_equal(q->text, "The new cranes will arrive in June");
  done(&d);
}

/* At the cap of quotes per text, the clause split by its attribution and
 * the according-to report that come after it touch no earlier quote (they
 * once rewrote the text, speaker or channel of the last one kept). */
static void test_cap_leaves_last_quote(void **state) {
  (void)state;
  static const char *const tails[] = {
      "The levy, Marr said, will pass in May.\n",
      "According to media reports, the port will close.\n"};
  for (size_t t = 0; t < 2; t++) {
    cw_buf b;
    cw_buf_init(&b, 0);
    for (int k = 0; k < 4200; k++)
      cw_buf_printf(&b, "Roe said the ferry number %d will close on time.\n",
                    k);
    cw_buf_puts(&b, tails[t]);
    assert_false(b.err);
    doc d = run(b.ptr);
    assert_true(d.n > 0);
    const cw_quote *last = &d.q[d.n - 1];
    assert_non_null(strstr(last->text, "ferry number"));
    assert_null(strstr(last->text, "levy"));
    assert_non_null(last->speaker);
    assert_string_equal(last->speaker, "Roe");
    assert_null(last->channel);
    done(&d);
    cw_buf_free(&b);
  }
}

/* What documents, polls or video show is found (PolNeAR annotates it,
 * with the document as source) but is no utterance of a speaker. */
static void test_documents_show_no_utterance(void **state) {
  (void)state;
  doc d = run("The port board met on Monday.\n\nThe records showed that the "
              "board's chairman had sold shares in the ferry company before "
              "the vote.\n");
  const cw_quote *q = quote_at(&d, "that the board's chairman");
  assert_non_null(q->speaker);
  assert_string_equal(q->speaker, "The records");
  assert_string_equal(q->cue, "showed");
  assert_false(cw_quote_is_utterance(q));
  done(&d);
  static const char *const shows[] = {"shows", "show",  "showed",
                                      "shown", "Shows", NULL};
  for (const char *const *c = shows; *c; c++) {
    cw_quote x = indirect("the levy would ruin the port", *c, 10, 40);
    if (cw_quote_is_utterance(&x))
      fail_msg("[%s] is an utterance", *c);
  }
}

/* The quote starting at the first occurrence of span is exactly span. */
static const cw_quote *span_is(const doc *d, const char *span) {
  const cw_quote *q = quote_at(d, span);
  if (q->end - q->start != strlen(span)) {
    dump(d);
    fail_msg("quote at [%s] is [%.*s]", span, (int)(q->end - q->start),
             d->text + q->start);
  }
  return q;
}

/* "ROLE, Name, said CLAUSE": the verb is followed by its clause, not by
 * its speaker ("CLAUSE, said X") */
static void test_role_name_apposition_said(void **state) {
  (void)state;
  doc d = run("In a statement, one of the family's lawyers, Tomas Berg, said "
              "the recordings show Vance calmly leaving his truck.\n");
  const cw_quote *q =
      span_is(&d, "the recordings show Vance calmly leaving his truck");
  assert_int_equal(q->kind, CW_QUOTE_INDIRECT);
  assert_string_equal(q->cue, "said");
  no_quote_at(&d, "In a statement");
  done(&d);
}

/* "said about 20 people ...": the approximate number opens the clause */
static void test_said_about_number(void **state) {
  (void)state;
  doc d = run("Governor Alma Reyes has said about 20 people have indicated an "
              "interest in the seat.\n");
  const cw_quote *q =
      span_is(&d, "about 20 people have indicated an interest in the seat");
  assert_string_equal(q->cue, "said");
  done(&d);
}

/* A report in a clause opening the sentence ends at its comma; the main
 * clause's report is found after it */
static void test_report_in_opening_clause(void **state) {
  (void)state;
  doc d = run("While his advisers have suggested his best role is as a "
              "mediator, Mr. Orlov is also determined to campaign.\n\nThough "
              "he has promised sweeping cuts, analysts say the savings would "
              "be swamped by his other plans.\n");
  const cw_quote *q = span_is(&d, "his best role is as a mediator");
  assert_string_equal(q->cue, "suggested");
  q = span_is(&d, "the savings would be swamped by his other plans");
  assert_string_equal(q->cue, "say");
  done(&d);
}

/* "Name, 56, who ..., told": the name, not the age */
static void test_age_apposition_speaker(void **state) {
  (void)state;
  doc d = run("Harlan Voss, 56, who has served on the council for a decade, "
              "told reporters that the leak came from abroad.\n");
  const cw_quote *q = span_is(&d, "that the leak came from abroad");
  assert_string_equal(q->cue, "told");
  assert_non_null(q->speaker);
  assert_string_equal(q->speaker, "Harlan Voss");
  done(&d);
}

/* Passives: an adverb before the verb, "It was announced by X that",
 * and a bare "it" that reports nothing */
static void test_passive_reports_by(void **state) {
  (void)state;
  doc d = run("It was announced by the Halden council on Monday that the "
              "bridge would close.\n\nThe closure was first reported by the "
              "Korsa Ledger.\n\nIt was first declared by Mayor Ilse Brandt in "
              "2019.\n");
  const cw_quote *q = span_is(&d, "that the bridge would close");
  assert_string_equal(q->cue, "announced");
  q = span_is(&d, "The closure");
  assert_string_equal(q->cue, "reported");
  assert_non_null(q->speaker);
  assert_non_null(strstr(q->speaker, "Korsa Ledger"));
  no_quote_at(&d, "It was announced");
  no_quote_at(&d, "It was first declared");
  done(&d);
}

/* "told reporters CLAUSE": the hearer is no part of the words */
static void test_told_hearer_then_clause(void **state) {
  (void)state;
  doc d = run("Mayor Ilse Brandt told reporters the bridge would close.\n");
  const cw_quote *q = span_is(&d, "the bridge would close");
  assert_string_equal(q->cue, "told");
  done(&d);
}

/* The speaker of a quote is the phrase [who] (its n-th occurrence), with
 * the entity named `entity` or none (NULL). */
static void speaker_is(const doc *d, const char *span, const char *who, int n,
                       const char *entity) {
  const cw_quote *q = quote_at(d, span);
  size_t w = at(d, who, n);
  if (q->speaker_start != w || q->speaker_end != w + strlen(who)) {
    dump(d);
    fail_msg("[%s]: speaker is [%.*s], not [%s]", span,
             (int)(q->speaker_end - q->speaker_start),
             d->text + q->speaker_start, who);
  }
  if (entity)
    assert_int_equal(q->speaker_entity, entity_ix(d, entity));
  else
    assert_int_equal(q->speaker_entity, -1);
}

/* A speaker whose head noun has a modifier ("aides to the minister",
 * "people close to both men") is the whole phrase, and not the entity of
 * the modifier's object: the aides are not the minister. */
static void test_modified_subjects(void **state) {
  (void)state;
  doc d = run(
      "Ms Hanna Varga, the labour minister, met Tomas Brell on Thursday.\n\n"
      "While the talks had been losing steam for months as Ms Varga "
      "clashed with union officials, people close to both men said the "
      "pension dispute sped up the breakup. Aides to the minister said the "
      "letter was sent on Friday. Two officials familiar with the matter "
      "said the vote would be delayed.\n\n"
      "Aides to Ms Varga said the meeting would resume next week. Ms "
      "Varga's aides said the meeting had been cordial. Sources with "
      "knowledge of the plan said it would cost millions. Advisers briefed "
      "on the talks said a deal was near. Officials loyal to Ms Varga said "
      "she would stay.\n");
  speaker_is(&d, "the pension dispute sped up the breakup",
             "people close to both men", 0, NULL);
  speaker_is(&d, "the letter was sent on Friday", "Aides to the minister", 0,
             NULL);
  speaker_is(&d, "the vote would be delayed",
             "Two officials familiar with the matter", 0, NULL);
  speaker_is(&d, "the meeting would resume next week", "Aides to Ms Varga", 0,
             NULL);
  speaker_is(&d, "the meeting had been cordial", "Ms Varga's aides", 0, NULL);
  speaker_is(&d, "it would cost millions", "Sources with knowledge of the plan",
             0, NULL);
  speaker_is(&d, "a deal was near", "Advisers briefed on the talks", 0, NULL);
  speaker_is(&d, "she would stay", "Officials loyal to Ms Varga", 0, NULL);
  done(&d);
  /* after the cue, in a tail, after "according to" */
  d = run("Ms Hanna Varga met Tomas Brell on Thursday.\n\n"
          "The fund would run dry by 2030, said people close to the talks. "
          "The plan failed, lawyers for the Brell family said. \"The deal is "
          "dead,\" said two people familiar with the talks. The strike will "
          "end soon, according to people close to Ms Varga.\n");
  check(&d, "The fund would run dry by 2030", CW_QUOTE_INDIRECT, NULL,
        "people close to the talks", 0, "said", NULL);
  check(&d, "The plan failed", CW_QUOTE_INDIRECT, NULL,
        "lawyers for the Brell family", 0, "said", NULL);
  check(&d, "\"The deal is dead,\"", CW_QUOTE_DIRECT, NULL,
        "two people familiar with the talks", 0, "said", NULL);
  check(&d, "The strike will end soon", CW_QUOTE_INDIRECT, NULL,
        "people close to Ms Varga", 0, "according to", NULL);
  done(&d);
}

/* What a modifier leaves as it was: a place after the source noun, a
 * name in apposition, a spokesman who speaks for his organisation, a
 * person's name before "of" (the person, not the organisation), a
 * relative pronoun after "most of". */
static void test_modified_subjects_kept(void **state) {
  (void)state;
  doc d = run("Tomas Brell met the Korsa Port Authority in Estrava on "
              "Thursday.\n\n"
              "Lawmakers in Estrava said the bill would pass. The head of the "
              "union, Tomas Brell, said the strike would go on. One of the "
              "lawyers, Ilka Demmer, said the appeal was ready. A spokesman "
              "for the Korsa Port Authority said the offer stood. Tomas Brell "
              "of the Korsa Port Authority said the cranes were idle.\n");
  speaker_is(&d, "the bill would pass", "Lawmakers", 0, NULL);
  speaker_is(&d, "the strike would go on", "Tomas Brell", 1, "Tomas Brell");
  speaker_is(&d, "the appeal was ready", "Ilka Demmer", 0, "Ilka Demmer");
  speaker_is(&d, "the offer stood", "A spokesman for the Korsa Port Authority",
             0, "Korsa Port Authority");
  speaker_is(&d, "the cranes were idle", "Tomas Brell", 2, "Tomas Brell");
  done(&d);
  /* an opening adjunct is no clause that the attribution interrupts */
  d = run("Ms Hanna Varga met Tomas Brell on Thursday.\n\n"
          "But in recent days, advisers to Ms Varga say, the minister has "
          "grown tired of the talks.\n");
  check(&d, "the minister has grown tired of the talks", CW_QUOTE_INDIRECT,
        NULL, "advisers to Ms Varga", 0, "say", NULL);
  done(&d);
  d = run("Brell released a list of endorsements from 95 retired sailors -- "
          "most of whom had previously announced their support -- which he "
          "said showed his strength.\n");
  const cw_quote *q = quote_at(&d, "their support");
  assert_int_equal(q->speaker_start, at(&d, "whom", 0));
  done(&d);
}

/* A tail attribution whose subject is a name with an apposition set off by
 * commas, before or after the name, or a relative clause: the speaker is
 * the name, the quote ends before the first comma of the subject. */
static void test_tail_apposition_speaker(void **state) {
  (void)state;
  doc d = run("Tomas Brell met the Korsa Port Authority on Thursday.\n\n"
              "The port will reopen on Monday, the head of the union, Tomas "
              "Brell, said. The cranes are idle in Estrava, Tomas Brell, the "
              "head of the union, told reporters. The strike will go on, "
              "Tomas Brell, 54, said on Friday. The ships are waiting, Tomas "
              "Brell, who has led the union since 2019, said. The offer is "
              "fair, the Korsa Port Authority's chief, Ilka Demmer, has "
              "said.\n");
  check(&d, "The port will reopen on Monday", CW_QUOTE_INDIRECT, "Tomas Brell",
        "Tomas Brell", 1, "said", NULL);
  check(&d, "The cranes are idle in Estrava", CW_QUOTE_INDIRECT, "Tomas Brell",
        "Tomas Brell", 2, "told", NULL);
  check(&d, "The strike will go on", CW_QUOTE_INDIRECT, "Tomas Brell",
        "Tomas Brell", 3, "said", NULL);
  check(&d, "The ships are waiting", CW_QUOTE_INDIRECT, "Tomas Brell",
        "Tomas Brell", 4, "said", NULL);
  check(&d, "The offer is fair", CW_QUOTE_INDIRECT, "Ilka Demmer",
        "Ilka Demmer", 0, "said", NULL);
  done(&d);
  /* a list of places before "said X" is no apposition: X speaks */
  d = run("Ships will dock in Tarnbeck, Velm, Orsa, said Tomas Brell.\n");
  check(&d, "Ships will dock in Tarnbeck, Velm, Orsa", CW_QUOTE_INDIRECT,
        "Tomas Brell", "Tomas Brell", 0, "said", NULL);
  done(&d);
}

/* A negative contraction is an auxiliary, with a straight or a curly
 * apostrophe: it ends no speaker's name, and a base form after "didn't"
 * is no past in -ed. */
static void test_negative_contractions(void **state) {
  (void)state;
  doc d = run("Advisers to Ms Varga didn't say whether the port would reopen. "
              "Officials at the port don\xE2\x80\x99t believe the cranes "
              "will move. The union hasn't said when the strike will end. "
              "Aides to Tomas Brell wouldn't say that the talks had failed. "
              "The ships won't dock on Monday, advisers to Tomas Brell "
              "haven't said.\n");
  speaker_is(&d, "whether the port would reopen", "Advisers to Ms Varga", 0,
             NULL);
  speaker_is(&d, "the cranes will move", "Officials at the port", 0, NULL);
  check(&d, "when the strike will end", CW_QUOTE_INDIRECT, NULL, "The union", 0,
        "hasn't said", NULL);
  speaker_is(&d, "that the talks had failed", "Aides to Tomas Brell", 0, NULL);
  speaker_is(&d, "The ships won't dock on Monday", "advisers to Tomas Brell", 0,
             NULL);
  done(&d);
  d = run("Ilka Demmer didn't need a long speech on Monday.\n");
  assert_int_equal(d.n, 0);
  done(&d);
}

/* A word in "-eed" is no past in "-ed" ("need", "feed", "proceed",
 * "succeed"), but a verb in "-ee" has one ("agreed", "decreed"); a name
 * in "-ed" ("Alfred") opens no participle phrase. */
static void test_eed_is_no_past(void **state) {
  (void)state;
  doc d = run("Residents feed the gulls on the pier every morning.\n\n"
              "Officials proceed with caution on the harbour levy.\n\n"
              "Lena Voss and Tom Berg succeed where others fail.\n");
  if (d.n) {
    dump(&d);
    fail_msg("a verb in -eed taken for a past");
  }
  done(&d);
  d = run("Jane Roe decreed a curfew for the docks.\n");
  check(&d, "a curfew for the docks", CW_QUOTE_INDIRECT, "Jane Roe", "Jane Roe",
        0, "decreed", NULL);
  done(&d);
  d = run("Alfred Brenner, the port director, met the union on Monday, "
          "saying the cranes would move.\n");
  check(&d, "the cranes would move", CW_QUOTE_INDIRECT, "Alfred Brenner",
        "Alfred Brenner", 0, "saying", NULL);
  done(&d);
}

/* "said more than a dozen ships had ...", "said nothing had changed": a
 * quantity opens the reported clause; "said little about the levy",
 * "said nothing of the sort", "said much the same" report no words, and
 * "said more than once that ..." reports the clause after "that". */
static void test_said_quantity(void **state) {
  (void)state;
  doc d = run("Shipping agents said more than a dozen vessels had been "
              "diverted.\n\nHarbour officials said nothing had changed "
              "since the strike began.\n\nJon Aldo said more than once "
              "that the toll was unfair.\n\nMara Quist said much of the "
              "bridge was unsafe.\n\nFerry operators said at least 12 "
              "sailings were cancelled.\n");
  check_by(&d, "more than a dozen vessels had been diverted", "Shipping agents",
           0);
  check_by(&d, "nothing had changed since the strike began",
           "Harbour officials", 0);
  check(&d, "that the toll was unfair", CW_QUOTE_INDIRECT, "Jon Aldo",
        "Jon Aldo", 0, "said", NULL);
  check(&d, "much of the bridge was unsafe", CW_QUOTE_INDIRECT, "Mara Quist",
        "Mara Quist", 0, "said", NULL);
  check_by(&d, "at least 12 sailings were cancelled", "Ferry operators", 0);
  check_no_cue(&d, "agents");
  check_no_cue(&d, "operators");
  done(&d);
  d = run("Jon Aldo said little about the levy on Monday. Mara Quist said "
          "nothing of the sort. Aldo said much the same on Friday. Quist "
          "has said little about how the toll would be spent.\n");
  if (d.n) {
    dump(&d);
    fail_msg("a quantity of words reported as a clause");
  }
  done(&d);
}

/* The writer's own knowledge or belief ("I know that ...", "we think
 * ...") is no quote; the writer's words ("We told the council that ...")
 * and a speaker's "I think" inside quote marks are. */
static void test_writer_belief_is_no_quote(void **state) {
  (void)state;
  doc d = run("The harbour is crowded this week. I know that the ferries "
              "will be late. We think the toll is too high. I believe the "
              "council has failed the docks. We found that half the "
              "cranes were idle.\n");
  if (d.n) {
    dump(&d);
    fail_msg("the writer's belief reported as a quote");
  }
  done(&d);
  d = run("We told the council that the port was safe.\n\n"
          "\"I think the toll is too high,\" Lena Voss said.\n");
  check(&d, "that the port was safe", CW_QUOTE_INDIRECT, NULL, "We", 0, "told",
        NULL);
  check(&d, "\"I think the toll is too high,\"", CW_QUOTE_DIRECT, "Lena Voss",
        "Lena Voss", 0, "said", NULL);
  done(&d);
}

/* A relative clause inside a speaker describes the speaker ("Tom Berg,
 * who leads the union, said ..."): no quote of its own when it says no
 * words, the speaker is the name before it, and the report after it is
 * found whole. */
static void test_relative_clause_in_speaker(void **state) {
  (void)state;
  doc d = run("Tom Berg, who leads the union, said the strike would end on "
              "Friday.\n\nThe cranes will move, said Lena Voss, who chairs "
              "the port board.\n\nIlka Demmer, who sits on the port board, "
              "told reporters the ferries would run.\n");
  check(&d, "the strike would end on Friday", CW_QUOTE_INDIRECT, "Tom Berg",
        "Tom Berg", 0, "said", NULL);
  check(&d, "The cranes will move", CW_QUOTE_INDIRECT, "Lena Voss", "Lena Voss",
        0, "said", NULL);
  check(&d, "the ferries would run", CW_QUOTE_INDIRECT, "Ilka Demmer",
        "Ilka Demmer", 0, "told", NULL);
  assert_int_equal(d.n, 3);
  done(&d);
  d = run("Tom Berg, the union leader who called the strike, said it would "
          "end on Friday.\n\nTom Berg, who earlier warned the strike would "
          "spread, said on Monday it was over.\n\nTom Berg, who leads the "
          "union, which called the strike, said it would end soon.\n\nTom "
          "Berg, who said in May that the strike would be short, now says "
          "it could last a year.\n\nLena Voss, who told reporters the "
          "cranes would move, met the board.\n");
  check(&d, "it would end on Friday", CW_QUOTE_INDIRECT, "Tom Berg", "Tom Berg",
        0, "said", NULL);
  check(&d, "the strike would spread", CW_QUOTE_INDIRECT, "Tom Berg", "who", 1,
        "warned", NULL);
  check(&d, "it was over", CW_QUOTE_INDIRECT, "Tom Berg", "Tom Berg", 1, "said",
        NULL);
  check(&d, "it would end soon", CW_QUOTE_INDIRECT, "Tom Berg", "Tom Berg", 2,
        "said", NULL);
  check(&d, "that the strike would be short", CW_QUOTE_INDIRECT, "Tom Berg",
        "who", 3, "said", NULL);
  check(&d, "it could last a year", CW_QUOTE_INDIRECT, "Tom Berg", "Tom Berg",
        3, "says", NULL);
  check(&d, "the cranes would move", CW_QUOTE_INDIRECT, "Lena Voss", "who", 4,
        "told", NULL);
  done(&d);
}

/* A cue after a partial quote belongs to it only as its attribution: not
 * "declined to say" or the verb of a clause after ", but", and an
 * infinitive after the quote goes on with the sentence up to ", she
 * said". */
static void test_cue_after_partial(void **state) {
  (void)state;
  doc d = run("Mayor Ilse Brandt said the council was \"ready to act again\" "
              "if prices did not ease, but she declined to say whether the "
              "levy would rise.\n\n"
              "Brandt said in May that the port would \"do what is "
              "necessary\" to cut the queues, but she also warned against "
              "\"rushing the repairs.\"\n\n"
              "Lena Voss questioned the port chief on Monday. \"You pushed "
              "the crews to the breaking point\" to cut costs, she said.\n");
  const cw_quote *q = quote_at(&d, "\"ready to act again\"");
  assert_int_equal(q->kind, CW_QUOTE_PARTIAL);
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Ilse Brandt"));
  q = quote_at(&d, "\"do what is necessary\"");
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Ilse Brandt"));
  q = quote_at(&d, "\"You pushed");
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Lena Voss"));
  assert_non_null(q->cue);
  assert_string_equal(q->cue, "said");
  done(&d);
}

/* What others did to or think of a subject is no report of it: a passive
 * ("is expected to appear", "are closed"), a name ("calling itself"), a
 * plural noun before the verb ("Consumer prices rose"), a charge it
 * faces. */
static void test_passive_and_names_no_report(void **state) {
  (void)state;
  doc d = run("Ilka Demmer is expected to appear before the committee on "
              "Friday.\n\nComments are closed for this story.\n\nConsumer "
              "prices rose 7.8 percent in the year to February.\n\nTomas "
              "Brell faces six counts of fraud in Harlow.\n\nA hacking group "
              "calling itself Graywake claimed the breach on Monday.\n");
  check_no_cue(&d, "expected");
  check_no_cue(&d, "closed");
  check_no_cue(&d, "prices");
  check_no_cue(&d, "faces");
  check_no_cue(&d, "calling");
  done(&d);
}

/* The text of a reported question keeps its "whether" ("has not said
 * whether it will pay" is no "it will pay"); "that" is left out. */
static void test_whether_kept_in_text(void **state) {
  (void)state;
  doc d = run("Lumenpay has not said whether it will pay the ransom. Lumenpay "
              "said that it would not pay.\n");
  const cw_quote *q = quote_at(&d, "whether it will pay the ransom");
  assert_string_equal(q->text, "whether it will pay the ransom");
  q = quote_at(&d, "that it would not pay");
  assert_string_equal(q->text, "it would not pay");
  done(&d);
}

/* "The former deputy mayor of Castlebrook told ...": the whole phrase
 * speaks, not the town; "groups in Ireland and the Netherlands said": the
 * groups; "the ministry's roads department" is not the nearest
 * organisation named before. */
static void test_role_head_with_modifier(void **state) {
  (void)state;
  doc d = run("The former deputy mayor of Castlebrook told a jury on "
              "Wednesday that Mayor Gordon Pell took cash.\n\n"
              "Consumer groups in Ireland and the Netherlands said they were "
              "exploring legal action.\n\n"
              "The Korsa Port Authority met the unions on Monday. The "
              "ministry's roads department replied that the work should "
              "wait.\n");
  speaker_is(&d, "that Mayor Gordon Pell took cash",
             "The former deputy mayor of Castlebrook", 0, NULL);
  check_by(&d, "they were exploring legal action", "Consumer groups", 0);
  const cw_quote *q = quote_at(&d, "that the work should wait");
  assert_int_equal(q->speaker_entity, -1);
  done(&d);
}

/* A report withheld or denied ("has not said whether", "did not say",
 * "would not say", "has yet to say", "declined to comment on whether",
 * "refused to confirm") is no words of its source: the quote is kept for
 * the attribution, with the negation in its cue ("has not said"), as
 * "declined to say" keeps "declined", and none of them is an utterance. */
/* A verb of saying in its base form is a noun after an indefinite
 * article's noun or before a past: "A ransom note said" is the note's
 * report, not the ransom's "note"; "The unions warn" stays a report. */
static void test_base_form_nouns(void **state) {
  (void)state;
  doc d = run("A ransom note reached the Orsk water board on Monday. A ransom "
              "note said the data would be sold. An insurance claim filed on "
              "Monday was rejected. The dock unions warn the talks will "
              "fail.\n");
  for (size_t i = 0; i < d.n; i++)
    if (d.q[i].cue && (!strcmp(d.q[i].cue, "note") ||
                       !strcmp(d.q[i].cue, "claim"))) {
      dump(&d);
      fail_msg("[%s]: cue '%s' is a noun", d.q[i].text, d.q[i].cue);
    }
  const cw_quote *q = quote_at(&d, "the data would be sold");
  assert_string_equal(q->cue, "said");
  check_by(&d, "the data would be sold", "note", 1);
  q = quote_at(&d, "the talks will fail");
  assert_string_equal(q->cue, "warn");
  done(&d);
}

static void test_withheld_reports(void **state) {
  (void)state;
  doc d = run("Brannic Foods has not said whether it will close the mill. "
              "Tove Arnell did not say when the plant would reopen. The "
              "mayor, Ilse Norrvik, would not say how much the deal cost. "
              "Corvane Bank has yet to say whether it will appeal. Odran "
              "Vesk wouldn't say when the berths would close. Pell Harbour "
              "Authority declined to comment on whether the berths would "
              "close. Odran Vesk refused to confirm that the talks had "
              "failed. Mara Quist would not confirm that she had resigned. "
              "Odran Vesk never said that the cranes were unsafe.\n");
  const cw_quote *q = quote_at(&d, "whether it will close the mill");
  assert_string_equal(q->cue, "has not said");
  check_by(&d, "whether it will close the mill", "Brannic Foods", 0);
  q = quote_at(&d, "when the plant would reopen");
  assert_string_equal(q->cue, "did not say");
  q = quote_at(&d, "how much the deal cost");
  assert_string_equal(q->cue, "would not say");
  q = quote_at(&d, "whether it will appeal");
  assert_string_equal(q->cue, "has yet to say");
  q = quote_at(&d, "when the berths would close");
  assert_string_equal(q->cue, "wouldn't say");
  size_t n = 0;
  for (size_t i = 0; i < d.n; i++) {
    if (cw_quote_is_utterance(&d.q[i])) {
      dump(&d);
      fail_msg("[%s] (%s) is an utterance", d.q[i].text, d.q[i].cue);
    }
    n++;
  }
  assert_true(n >= 5);
  done(&d);
  /* the same words said are words */
  d = run("Odran Vesk said when the berths would close. Mara Quist "
          "confirmed that she had resigned. Tove Arnell has said that the "
          "plant would reopen.\n");
  assert_true(cw_quote_is_utterance(quote_at(&d, "when the berths would")));
  assert_true(cw_quote_is_utterance(quote_at(&d, "that she had resigned")));
  q = quote_at(&d, "that the plant would reopen");
  assert_string_equal(q->cue, "said");
  assert_true(cw_quote_is_utterance(q));
  done(&d);
  /* stored cues */
  const char *clause = "whether the levy would pass";
  size_t len = strlen(clause);
  static const char *const withheld[] = {
      "did not say", "Did not say",    "hasn't said", "didn\xE2\x80\x99t say",
      "never said",  "has yet to say", "cannot say",  NULL};
  for (const char *const *c = withheld; *c; c++) {
    cw_quote w = {0};
    w.kind = CW_QUOTE_INDIRECT;
    w.text = clause;
    w.cue = *c;
    w.start = 10;
    w.end = 10 + len;
    w.speaker_entity = -1;
    if (cw_quote_is_utterance(&w))
      fail_msg("[%s] is an utterance", *c);
  }
}

/* "it" speaks for the subject of an earlier clause of its kind, or stays
 * unresolved: never for an outlet named as a source ("seen by the
 * Harwick Times", "told the Harwick Times"), nor for an organisation
 * named before the clause whose subject it follows. */
static void test_it_is_a_subject(void **state) {
  (void)state;
  doc d = run("Thieves Leak Records\n\n"
              "The post, seen by the Harwick Times, listed 300 names. It "
              "demanded a payment of two million euros by Friday.\n");
  const cw_quote *q = quote_at(&d, "a payment of two million euros");
  assert_int_equal(q->speaker_start, at(&d, "It", 0));
  assert_int_equal(q->speaker_entity, -1);
  done(&d);
  d = run("A spokeswoman for the plant told the Harwick Times on Monday "
          "that the leak was small. It said the pumps of the plant were "
          "safe.\n");
  q = quote_at(&d, "the pumps of the plant were safe");
  assert_int_equal(q->speaker_start, at(&d, "It", 0));
  assert_int_equal(q->speaker_entity, -1);
  done(&d);
  d = run("The Velm Consumer Foundation said more than 300 customers had "
          "joined its claim.\n\n"
          "Brannic detected the intrusion on May 2. Two days later, it "
          "notified the regulators, but it warned customers only on May 9 "
          "that their data was exposed.\n");
  q = quote_at(&d, "customers only on May 9");
  assert_int_equal(q->speaker_start, at(&d, "it", 2));
  assert_true(q->speaker_entity < 0 ||
              q->speaker_entity != entity_ix(&d, "Velm Consumer Foundation"));
  done(&d);
  /* a subject naming an entity by a word of its name; the clause an
   * attribution ends is no subject of "it" */
  d = run("The Orlen Museum reopened on Monday.\n\n"
          "The museum, founded in 1911 by a collector, was closed for a "
          "year. It said the collection had been insured.\n\n"
          "Kelvar Water said on Tuesday that its pumps had failed. The "
          "company said the fault lay with a supplier. The leak was found "
          "on May 2 and closed the same day, it said.\n");
  q = quote_at(&d, "the collection had been insured");
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Orlen Museum"));
  q = quote_at(&d, "The leak was found on May 2");
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Kelvar Water"));
  done(&d);
  /* the subject of the sentence before */
  d = run("Kelvar Water told the Harwick Courier on Monday that the leak "
          "was small. It said the pumps of the plant were safe.\n");
  q = quote_at(&d, "the pumps of the plant were safe");
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Kelvar Water"));
  done(&d);
}

/* "has claimed responsibility and demanded a ransom": the second verb
 * opens a report of its own, and one word ("responsibility") is no
 * clause. */
static void test_second_verb_after_one_word(void **state) {
  (void)state;
  doc d = run("A group calling itself Grey Lantern has claimed "
              "responsibility and demanded a ransom by May 9.\n");
  size_t r = at(&d, "responsibility", 0);
  for (size_t i = 0; i < d.n; i++)
    if (d.q[i].start == r) {
      dump(&d);
      fail_msg("a quote opens at [responsibility]");
    }
  const cw_quote *q = quote_at(&d, "a ransom by May 9");
  assert_string_equal(q->cue, "demanded");
  done(&d);
}

/* "Dockers in Korsa, Velm and Orsa said": the dockers speak (the noun
 * before the list, as "Consumer groups in Ireland and the Netherlands"),
 * whether the places of the list are taken for places or not; "The
 * former first lady and U.S. senator said": a name inside a description
 * is not the speaker. */
static void test_head_before_list_and_description(void **state) {
  (void)state;
  doc d = run("Dockers in Tarnbeck, Velm and Orsa said they would stop work "
              "on Monday.\n\n"
              "The former first lady and U.S. senator said she would not "
              "seek the post.\n");
  speaker_is(&d, "they would stop work on Monday", "Dockers", 0, NULL);
  speaker_is(&d, "she would not seek the post",
             "The former first lady and U.S. senator", 0, NULL);
  done(&d);
}

/* Quoted words inside a report ("... and described the strike as
 * "unlawful"") are a partial quote of the report's speaker. */
static void test_partial_inside_report(void **state) {
  (void)state;
  doc d = run("The Tarn Port Authority disputed that account. Its chief "
              "executive, Mirela Kast, said all cranes had been certified "
              "and described the strike as \"unlawful and reckless.\"\n");
  const cw_quote *q = quote_at(&d, "\"unlawful and reckless.\"");
  assert_int_equal(q->kind, CW_QUOTE_PARTIAL);
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Mirela Kast"));
  assert_string_equal(q->cue, "described");
  done(&d);
}

/* A name that holds a preposition ("Chamber of Commerce", "Bank of
 * Trade") is one speaker, the entity it names, not its last word; an
 * adverb of time between a subject and its verb ("has so far declined")
 * is no subject. */
static void test_name_with_preposition_speaks(void **state) {
  (void)state;
  doc d = run("The Velmar Chamber of Commerce estimated that the closure was "
              "costing the region about 3 million marks a day.\n\n"
              "The Orsa Bank of Trade said the rate would rise in May.\n\n"
              "The Tarnbeck Association of Growers has so far declined to "
              "comment.\n\n"
              "Lena Moravec has thus far refused to testify before the "
              "panel.\n");
  speaker_is(&d, "that the closure was costing", "Velmar Chamber of Commerce",
             0, "Velmar Chamber of Commerce");
  speaker_is(&d, "the rate would rise in May", "Orsa Bank of Trade", 0,
             "Orsa Bank of Trade");
  speaker_is(&d, "to comment", "Tarnbeck Association of Growers", 0,
             "Tarnbeck Association of Growers");
  speaker_is(&d, "to testify before the panel", "Lena Moravec", 0,
             "Lena Moravec");
  done(&d);
  /* a name with an apostrophe, and a head with its modifier naming one */
  d = run("The Tarnbeck Dockers' Union said about 300 of its members had "
          "joined the strike.\n\n"
          "Members of the Tarnbeck Dockers' Union voted to end their strike "
          "on Sunday.\n");
  const cw_quote *q = quote_at(&d, "about 300 of its members");
  assert_true(q->speaker_start <= at(&d, "Dockers'", 0));
  assert_int_equal(q->speaker_end, at(&d, "Union", 0) + strlen("Union"));
  speaker_is(&d, "to end their strike on Sunday",
             "Members of the Tarnbeck Dockers' Union", 0, NULL);
  done(&d);
}

/* Meeting people and naming or appointing someone are events, not
 * reports; "refused calls to resign": the calls are others' words, not
 * the subject's. */
static void test_acts_on_people_are_no_reports(void **state) {
  (void)state;
  doc d = run("Transport Minister Irena Kolva met leaders of the Tarnbeck "
              "Dockers Union and the Orsa Port Authority on Tuesday.\n\n"
              "Irena Kolva named Pieter Walsch, who led the appeals board "
              "for a decade, to lead talks between the two sides.\n\n"
              "Mayor Tomas Rell, who has refused calls to resign, did not "
              "speak to reporters on Monday.\n\n"
              "Tomas Rell backed the harbour plan.\n");
  check_none_at(&d, "leaders of the Tarnbeck");
  check_none_at(&d, "Pieter Walsch, who");
  check_none_at(&d, "calls to resign");
  /* what a source backs is still reported */
  speaker_is(&d, "the harbour plan", "Tomas Rell", 1, "Tomas Rell");
  done(&d);
}

/* A partial quote inside a report whose own cue has for its subject a
 * document ("papers seen by the commission suggested ...") is the words
 * of the report's speaker; "seen by the commission" modifies the papers,
 * and the commission is not their subject. */
static void test_partial_of_documents_in_report(void **state) {
  (void)state;
  doc d = run("Odran Vesk said papers seen by the commission suggested the "
              "repairs had been postponed \"on orders from the top.\"\n");
  const cw_quote *q = quote_at(&d, "\"on orders from the top.\"");
  assert_int_equal(q->kind, CW_QUOTE_PARTIAL);
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Odran Vesk"));
  assert_int_equal(q->speaker_start, at(&d, "Odran Vesk", 0));
  done(&d);
}

/* "'...,' the foundation's director, Willem Ostrand, said": the name in
 * apposition after a description is the speaker. */
static void test_quote_then_description_and_name(void **state) {
  (void)state;
  doc d = run("'Four days passed before anyone was told,' the foundation's "
              "director, Willem Ostrand, said in a statement.\n");
  const cw_quote *q = quote_at(&d, "'Four days passed");
  assert_int_equal(q->kind, CW_QUOTE_DIRECT);
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Willem Ostrand"));
  assert_int_equal(q->speaker_start, at(&d, "Willem Ostrand", 0));
  done(&d);
}

/* "according to the ministry" after a sentence naming a port authority:
 * a ministry is no port authority, the phrase names no entity; "the
 * company" is still the company named before. */
static void test_body_noun_names_its_kind(void **state) {
  (void)state;
  doc d = run("Irena Kolva named Pieter Walsch to lead talks between the "
              "Tarnbeck Dockers Union and the Orsa Port Authority. Both "
              "sides accepted the choice within hours, according to the "
              "ministry.\n\n"
              "Brannic Foods closed its mill in Velm. The company said the "
              "mill had lost money for years.\n");
  const cw_quote *q = quote_at(&d, "Both sides accepted the choice");
  assert_int_equal(q->speaker_start, at(&d, "the ministry", 0));
  assert_int_equal(q->speaker_entity, -1);
  speaker_is(&d, "the mill had lost money for years", "The company", 0,
             "Brannic Foods");
  done(&d);
}

/* A subject cut at a preposition of a name ("The Orsa Bank of Trade
 * raised ..., saying") is the name; in an absolute phrase ("with Finance
 * Minister Clara Vendt accusing ... and Ostrova insisting ...") the name
 * before each participle is its subject. */
static void test_participle_subjects_named(void **state) {
  (void)state;
  doc d = run("The Orsa Bank of Trade raised its main rate on Thursday, "
              "saying prices were rising too fast.\n\n"
              "The decision has opened a rift, with Finance Minister Clara "
              "Vendt accusing Governor Mira Ostrova of hurting exporters and "
              "Ostrova insisting the bank would not let prices run.\n");
  const cw_quote *q = quote_at(&d, "prices were rising too fast");
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Orsa Bank of Trade"));
  q = quote_at(&d, "Governor Mira Ostrova of hurting exporters");
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Clara Vendt"));
  q = quote_at(&d, "the bank would not let prices run");
  assert_int_equal(q->speaker_entity, entity_ix(&d, "Mira Ostrova"));
  done(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_curly_double_after),
      cmocka_unit_test(test_british_single_with_channel),
      cmocka_unit_test(test_partial_quote_speakers),
      cmocka_unit_test(test_speaker_in_apposition),
      cmocka_unit_test(test_channel_from_context),
      cmocka_unit_test(test_apostrophes_are_not_quotes),
      cmocka_unit_test(test_split_quote),
      cmocka_unit_test(test_multi_paragraph),
      cmocka_unit_test(test_colon_quote_told),
      cmocka_unit_test(test_said_after_subject),
      cmocka_unit_test(test_every_mark_family),
      cmocka_unit_test(test_president_by_role),
      cmocka_unit_test(test_role_lookback_bound),
      cmocka_unit_test(test_generic_subjects),
      cmocka_unit_test(test_previous_speaker_fallback),
      cmocka_unit_test(test_it_resolves_to_org),
      cmocka_unit_test(test_partial),
      cmocka_unit_test(test_indirect_stated_that),
      cmocka_unit_test(test_indirect_said_clause_and_pronoun),
      cmocka_unit_test(test_pronoun_not_named_in_clause),
      cmocka_unit_test(test_according_to),
      cmocka_unit_test(test_indirect_channels),
      cmocka_unit_test(test_clause_then_attribution),
      cmocka_unit_test(test_apposition_subject),
      cmocka_unit_test(test_source_acts),
      cmocka_unit_test(test_who_clause),
      cmocka_unit_test(test_second_report_and_said),
      cmocka_unit_test(test_that_after_adjuncts),
      cmocka_unit_test(test_label_lines),
      cmocka_unit_test(test_label_lines_paragraph_starts),
      cmocka_unit_test(test_report_noun_as_verb),
      cmocka_unit_test(test_participle_subject),
      cmocka_unit_test(test_writer_as_speaker),
      cmocka_unit_test(test_stance_and_passive),
      cmocka_unit_test(test_opening_adjunct),
      cmocka_unit_test(test_adding_after_quote),
      cmocka_unit_test(test_nominal_stance),
      cmocka_unit_test(test_relative_speaker_named),
      cmocka_unit_test(test_no_adverb_speaker),
      cmocka_unit_test(test_no_content),
      cmocka_unit_test(test_hearer_is_no_speaker),
      cmocka_unit_test(test_date_before_verb),
      cmocka_unit_test(test_is_utterance),
      cmocka_unit_test(test_word_forms),
      cmocka_unit_test(test_tail_attribution),
      cmocka_unit_test(test_clause_boundaries),
      cmocka_unit_test(test_relative_subject),
      cmocka_unit_test(test_subject_of_sentence),
      cmocka_unit_test(test_unbalanced),
      cmocka_unit_test(test_empty_and_usage),
      cmocka_unit_test(test_hostile_marks),
      cmocka_unit_test(test_invalid_utf8),
      cmocka_unit_test(test_tables_not_zeroed),
      cmocka_unit_test(test_words_from_analysis),
      cmocka_unit_test(test_open_quote_ends_with_paragraph),
      cmocka_unit_test(test_clause_ends_and_openers),
      cmocka_unit_test(test_quotes_sorted),
      cmocka_unit_test(test_participle_before_quote),
      cmocka_unit_test(test_adding_after_closing_mark),
      cmocka_unit_test(test_reads_is_a_cue),
      cmocka_unit_test(test_talk_reports_its_topic),
      cmocka_unit_test(test_capital_first_word_is_no_name),
      cmocka_unit_test(test_parenthetical_with_adjunct),
      cmocka_unit_test(test_time_adjunct_before_clause),
      cmocka_unit_test(test_more_report_verbs),
      cmocka_unit_test(test_no_subject_of_modifier),
      cmocka_unit_test(test_attribution_details),
      cmocka_unit_test(test_tail_and_place_subjects),
      cmocka_unit_test(test_according_to_inner_report),
      cmocka_unit_test(test_according_to_talk_and_reports),
      cmocka_unit_test(test_split_indirect_text),
      cmocka_unit_test(test_documents_show_no_utterance),
      cmocka_unit_test(test_role_name_apposition_said),
      cmocka_unit_test(test_said_about_number),
      cmocka_unit_test(test_report_in_opening_clause),
      cmocka_unit_test(test_age_apposition_speaker),
      cmocka_unit_test(test_passive_reports_by),
      cmocka_unit_test(test_told_hearer_then_clause),
      cmocka_unit_test(test_cap_leaves_last_quote),
      cmocka_unit_test(test_lexicon_lookups),
      cmocka_unit_test(test_channel_cues),
      cmocka_unit_test(test_quote_ends_and_clause_ends),
      cmocka_unit_test(test_modified_subjects),
      cmocka_unit_test(test_modified_subjects_kept),
      cmocka_unit_test(test_tail_apposition_speaker),
      cmocka_unit_test(test_negative_contractions),
      cmocka_unit_test(test_eed_is_no_past),
      cmocka_unit_test(test_said_quantity),
      cmocka_unit_test(test_writer_belief_is_no_quote),
      cmocka_unit_test(test_relative_clause_in_speaker),
      cmocka_unit_test(test_cue_after_partial),
      cmocka_unit_test(test_passive_and_names_no_report),
      cmocka_unit_test(test_whether_kept_in_text),
      cmocka_unit_test(test_role_head_with_modifier),
      cmocka_unit_test(test_withheld_reports),
      cmocka_unit_test(test_base_form_nouns),
      cmocka_unit_test(test_it_is_a_subject),
      cmocka_unit_test(test_second_verb_after_one_word),
      cmocka_unit_test(test_head_before_list_and_description),
      cmocka_unit_test(test_partial_inside_report),
      cmocka_unit_test(test_name_with_preposition_speaks),
      cmocka_unit_test(test_acts_on_people_are_no_reports),
      cmocka_unit_test(test_partial_of_documents_in_report),
      cmocka_unit_test(test_quote_then_description_and_name),
      cmocka_unit_test(test_body_noun_names_its_kind),
      cmocka_unit_test(test_participle_subjects_named),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
