/* test_entities.c - typing, aliases and roles of named entities, one
 * invented sentence per kind of evidence: first names, honorifics and
 * person roles, organisation heads and suffixes, places from the
 * gazetteer, "in X", "X-based" and datelines, acronyms defined in the
 * text, surnames alone, party-state tags; plus the gazetteer and the
 * tagger's model file themselves. Every person, place and firm here is
 * made up.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyze/analyze_int.h"

static cw_analysis *analyze(const char *text) {
  cw_analysis *a = NULL;
  assert_int_equal(cw_analyze(NULL, text, strlen(text), &a), CW_OK);
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
      print_message("  entity [%s] %s\n", a->entities[i].name,
                    cw_entity_type_name(a->entities[i].type));
    fail_msg("no entity named [%s]", name);
  }
  return e;
}

static void expect(const cw_analysis *a, const char *name,
                   cw_entity_type type) {
  const cw_entity *e = entity(a, name);
  if (e->type != type)
    fail_msg("[%s] is %s, expected %s", name, cw_entity_type_name(e->type),
             cw_entity_type_name(type));
}

static int has_string(const char *const *list, size_t n, const char *s) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(list[i], s) == 0)
      return 1;
  return 0;
}

/* Whether any entity's name or alias contains s. */
static int named_anywhere(const cw_analysis *a, const char *s) {
  for (size_t i = 0; i < a->n_entities; i++) {
    if (strstr(a->entities[i].name, s))
      return 1;
    for (size_t k = 0; k < a->entities[i].n_aliases; k++)
      if (strstr(a->entities[i].aliases[k], s))
        return 1;
  }
  return 0;
}

/* ---- the gazetteer ------------------------------------------------------ */

static void test_gazetteer(void **state) {
  (void)state;
  assert_true(cw_gz_count > 1000);
  assert_true(cw_an_gaz_sorted());
  assert_true(cw_an_gaz("hanna", 5) & GZ_FIRST);
  assert_true(cw_an_gaz("norway", 6) & GZ_COUNTRY);
  assert_true(cw_an_gaz("united states", 13) & GZ_COUNTRY);
  assert_true(cw_an_gaz("oslo", 4) & GZ_MAJOR);
  assert_true(cw_an_gaz("norwegian", 9) & GZ_NATION);
  assert_int_equal(cw_an_gaz("zzqxv", 5), 0);
  assert_int_equal(cw_an_gaz("", 0), 0);
  /* a prefix of a name is not the name */
  assert_false(cw_an_gaz("norwa", 5) & GZ_COUNTRY);
  assert_true(cw_an_lex_sorted());
  assert_true(cw_an_lex("fc", 2) & LX_ORG);
}

/* ---- people --------------------------------------------------------------- */

static void test_first_name_and_surname(void **state) {
  (void)state;
  const char *text = "Hanna Lund, a nurse from Tromsvik, said the ward was "
                     "full. Lund added that two more beds had arrived.";
  cw_analysis *a = analyze(text);
  const cw_entity *lund = entity(a, "Hanna Lund");
  assert_int_equal(lund->type, CW_ENT_PERSON);
  assert_int_equal(lund->n_mentions, 2);
  assert_true(has_string(lund->aliases, lund->n_aliases, "Lund"));
  assert_null(find_entity(a, "Lund"));
  expect(a, "Tromsvik", CW_ENT_PLACE);
  cw_analysis_free(a);
}

static void test_honorifics_and_roles(void **state) {
  (void)state;
  const char *text =
      "Ms Orlen Vasko met Dr. Pell Ansgar in the morning. Committee chair "
      "Miroslav Dane joined them. Ms Vasko later left, and Dane said the "
      "hearing would go on. Former President Tomas Brandt, who met US "
      "President Lidia Varga in Norway, stayed away.";
  cw_analysis *a = analyze(text);
  const cw_entity *vasko = entity(a, "Orlen Vasko");
  assert_int_equal(vasko->type, CW_ENT_PERSON);
  assert_true(has_string(vasko->aliases, vasko->n_aliases, "Ms Vasko"));
  assert_int_equal(vasko->n_roles, 0); /* "Ms" is not a role */
  assert_string_equal(vasko->mentions[0].role, "Ms");
  expect(a, "Pell Ansgar", CW_ENT_PERSON);
  const cw_entity *dane = entity(a, "Miroslav Dane");
  assert_int_equal(dane->type, CW_ENT_PERSON);
  assert_int_equal(dane->n_mentions, 2);
  assert_true(has_string(dane->roles, dane->n_roles, "Committee chair"));
  const cw_entity *brandt = entity(a, "Tomas Brandt");
  assert_int_equal(brandt->type, CW_ENT_PERSON);
  assert_true(has_string(brandt->roles, brandt->n_roles, "Former President"));
  const cw_entity *varga = entity(a, "Lidia Varga");
  assert_true(has_string(varga->roles, varga->n_roles, "US President"));
  /* the role's "US" is no entity of its own */
  assert_null(find_entity(a, "US"));
  expect(a, "Norway", CW_ENT_PLACE);
  cw_analysis_free(a);
}

static void test_party_state_tags(void **state) {
  (void)state;
  const char *text =
      "Senator Dalia Prenn (D-Ariz.) said the bill would pass. Prenn spoke "
      "after Rep. Tom Barlow (R-La.) left the chamber.";
  cw_analysis *a = analyze(text);
  const cw_entity *prenn = entity(a, "Dalia Prenn");
  assert_int_equal(prenn->type, CW_ENT_PERSON);
  assert_int_equal(prenn->n_mentions, 2);
  assert_true(has_string(prenn->roles, prenn->n_roles, "Senator"));
  expect(a, "Tom Barlow", CW_ENT_PERSON);
  assert_false(named_anywhere(a, "D-Ariz"));
  assert_false(named_anywhere(a, "R-La"));
  cw_analysis_free(a);
}

/* ---- organisations -------------------------------------------------------- */

static void test_organisation_heads(void **state) {
  (void)state;
  const char *text =
      "Brevik Construct Ltd won the tender, ahead of Verde Group and the "
      "engineering faculty of Teravin University. Northbridge United beat "
      "Castlemoor FC 2-1 on Saturday, said coach Ilse Marten.";
  cw_analysis *a = analyze(text);
  expect(a, "Brevik Construct Ltd", CW_ENT_ORG);
  expect(a, "Verde Group", CW_ENT_ORG);
  expect(a, "Teravin University", CW_ENT_ORG);
  expect(a, "Northbridge United", CW_ENT_ORG);
  expect(a, "Castlemoor FC", CW_ENT_ORG);
  expect(a, "Ilse Marten", CW_ENT_PERSON);
  cw_analysis_free(a);
}

static void test_acronym_defined_in_text(void **state) {
  (void)state;
  const char *text =
      "The Maritime Safety Directorate (MSD) ordered an inspection of the "
      "cranes. The MSD said its report would follow within a week.";
  cw_analysis *a = analyze(text);
  const cw_entity *msd = entity(a, "Maritime Safety Directorate");
  assert_int_equal(msd->type, CW_ENT_ORG);
  assert_int_equal(msd->n_mentions, 3);
  assert_true(has_string(msd->aliases, msd->n_aliases, "MSD"));
  assert_null(find_entity(a, "MSD"));
  cw_analysis_free(a);
}

/* ---- places ---------------------------------------------------------------- */

static void test_place_evidence(void **state) {
  (void)state;
  const char *text =
      "KORSVIK \xE2\x80\x93 Dockworkers in Halvik walked out on Monday, a "
      "Marevia-based union said. Korsvik officials met in Bavaria.";
  cw_analysis *a = analyze(text);
  const cw_entity *k = entity(a, "Korsvik");
  assert_int_equal(k->type, CW_ENT_PLACE);
  assert_true(has_string(k->aliases, k->n_aliases, "KORSVIK"));
  expect(a, "Halvik", CW_ENT_PLACE);
  const cw_entity *m = entity(a, "Marevia");
  assert_int_equal(m->type, CW_ENT_PLACE);
  /* the mention is the place, without "-based" */
  assert_int_equal(m->mentions[0].end - m->mentions[0].start, 7);
  expect(a, "Bavaria", CW_ENT_PLACE);
  cw_analysis_free(a);
}

/* ---- the tagger ------------------------------------------------------------ */

static void test_tagger_model(void **state) {
  (void)state;
  const cw_ner_model *m = cw_ner_model_get();
  if (!m) {
    skip(); /* rules alone: data/ner/model.bin is not there */
    return;
  }
  assert_ptr_equal(cw_ner_model_get(), m); /* loaded once */
  const char *text = "Ilse Marten flew from Oslo to join Verde Group.";
  cw_vec sents, toks;
  cw_vec_init(&sents, sizeof(cw_span));
  cw_vec_init(&toks, sizeof(cw_token));
  assert_int_equal(cw_text_sentences(text, strlen(text), &sents), CW_OK);
  assert_int_equal(cw_text_tokens(text, strlen(text), &sents, &toks), CW_OK);
  cw_ner_doc d;
  assert_int_equal(cw_ner_doc_init(&d, text, toks.items, toks.len), CW_OK);
  unsigned char *lab = calloc(toks.len, 1);
  assert_non_null(lab);
  cw_ner_decode(&d, cw_ner_model_score, (void *)m, lab);
  assert_int_equal(lab[0], NER_B_PER);
  assert_int_equal(lab[1], NER_I_PER);
  assert_int_equal(lab[2], NER_O);   /* flew */
  assert_int_equal(lab[4], NER_B_LOC); /* Oslo */
  assert_int_equal(lab[7], NER_B_ORG); /* Verde */
  assert_int_equal(lab[8], NER_I_ORG);
  /* features are bounded and the same for the same input */
  uint32_t f1[NER_MAX_FEATS], f2[NER_MAX_FEATS];
  size_t n1 = cw_ner_features(&d, 0, NER_O, NER_O, f1);
  size_t n2 = cw_ner_features(&d, 0, NER_O, NER_O, f2);
  assert_true(n1 > 10 && n1 <= NER_MAX_FEATS);
  assert_int_equal(n1, n2);
  assert_memory_equal(f1, f2, n1 * sizeof f1[0]);
  free(lab);
  cw_ner_doc_free(&d);
  cw_vec_free(&sents);
  cw_vec_free(&toks);
  /* a missing or malformed file is refused */
  assert_null(cw_ner_model_load(CW_TEST_DATA "/no/such/model.bin"));
  assert_null(cw_ner_model_load(CW_SOURCE_DIR "/CMakeLists.txt"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_gazetteer),
      cmocka_unit_test(test_first_name_and_surname),
      cmocka_unit_test(test_honorifics_and_roles),
      cmocka_unit_test(test_party_state_tags),
      cmocka_unit_test(test_organisation_heads),
      cmocka_unit_test(test_acronym_defined_in_text),
      cmocka_unit_test(test_place_evidence),
      cmocka_unit_test(test_tagger_model),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
