/* test_entities.c - typing, aliases and roles of named entities, one
 * invented sentence per kind of evidence: first names, honorifics and
 * person roles, organisation heads and suffixes, places from the
 * gazetteer, "in X", "X-based" and datelines, acronyms defined in the
 * text, surnames alone, party-state tags; plus the gazetteer and the
 * tagger: its model file, its document context, its two passes and line
 * breaks. Every person, place and firm here is made up.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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

/* The gazetteer's bits for NUL-terminated name by bisection over the
 * whole table, as a reference for cw_an_gaz(). */
static unsigned gaz_bisect(const char *name) {
  size_t lo = 0, hi = cw_gz_count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(cw_gz_name(mid), name);
    if (c == 0)
      return cw_gz_entries[mid].bits;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

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
  /* the lookup starts from the names of the same first two bytes: every
   * name is found with its bits, and a name cut by one byte or lengthened
   * by one is found exactly when the table has it */
  char buf[256];
  for (size_t i = 0; i < cw_gz_count; i++) {
    const cw_gz_entry *e = &cw_gz_entries[i];
    const char *name = cw_gz_name(i);
    size_t n = strlen(name);
    if (cw_an_gaz(name, n) != e->bits)
      fail_msg("gazetteer: [%s] not found with its bits", name);
    if (n + 2 > sizeof buf)
      continue;
    memcpy(buf, name, n);
    buf[n - 1] = '\0';
    assert_int_equal(cw_an_gaz(name, n - 1), gaz_bisect(buf));
    buf[n - 1] = name[n - 1];
    buf[n] = 'a';
    buf[n + 1] = '\0';
    assert_int_equal(cw_an_gaz(buf, n + 1), gaz_bisect(buf));
  }
  /* asked again, the thread's cache of lookups answers: the same bits,
   * for names and their prefixes taken in turns (which share hash slots
   * now and then), and for keys too long to be kept */
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = pass; i < cw_gz_count; i += 97) {
      const cw_gz_entry *e = &cw_gz_entries[i];
      const char *name = cw_gz_name(i);
      size_t n = strlen(name);
      if (n + 1 > sizeof buf)
        continue;
      for (int rep = 0; rep < 2; rep++) {
        assert_int_equal(cw_an_gaz(name, n), e->bits);
        memcpy(buf, name, n);
        buf[n - 1] = '\0';
        assert_int_equal(cw_an_gaz(name, n - 1), gaz_bisect(buf));
      }
    }
  char longer[80];
  memset(longer, 'k', sizeof longer);
  memcpy(longer, "oslo", 4);
  for (int rep = 0; rep < 2; rep++) {
    assert_int_equal(cw_an_gaz(longer, sizeof longer), 0);
    assert_true(cw_an_gaz(longer, 4) & GZ_MAJOR);
  }
  assert_int_equal(cw_an_gaz("\xff\xff", 2), 0); /* the last two-byte key */
  assert_int_equal(cw_an_gaz("\xff", 1), 0);
  /* a prefix of a name is not the name */
  assert_false(cw_an_gaz("norwa", 5) & GZ_COUNTRY);
  assert_true(cw_an_lex_sorted());
  assert_true(cw_an_lex("fc", 2) & LX_ORG);
}

/* Whether some name begins with the NUL-terminated p and a space, by
 * bisection over the whole table: a reference for cw_an_gaz_longer(). */
static int gaz_longer_ref(const char *p) {
  char q[300];
  size_t n = strlen(p);
  if (n + 2 > sizeof q)
    return 1;
  memcpy(q, p, n);
  q[n] = ' ';
  q[n + 1] = '\0';
  size_t lo = 0, hi = cw_gz_count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(cw_gz_name(mid), q) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < cw_gz_count && strncmp(cw_gz_name(lo), q, n + 1) == 0;
}

/* cw_an_gaz_longer(): the bits of cw_an_gaz() and whether a name goes on
 * after the key and a space, for every name's leading words, every name
 * whole, cut by a byte and lengthened by a byte, asked twice (the second
 * time from the thread's cache). The tagger stops a run of words at a
 * key without a longer name, so a wrong "no" would lose names. */
static void test_gazetteer_longer(void **state) {
  (void)state;
  int longer = -1;
  assert_true(cw_an_gaz_longer("new", 3, &longer) == cw_an_gaz("new", 3));
  assert_int_equal(longer, 1); /* "new york" */
  assert_true(cw_an_gaz_longer("new york", 8, &longer) & GZ_CITY);
  longer = -1;
  cw_an_gaz_longer("zzqxv", 5, &longer);
  assert_int_equal(longer, 0);
  cw_an_gaz_longer("", 0, &longer);
  assert_int_equal(longer, 1);
  assert_int_equal(cw_an_gaz_longer("oslo", 4, NULL), cw_an_gaz("oslo", 4));
  char buf[300];
  size_t checked = 0, yes = 0;
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < cw_gz_count; i += pass ? 7 : 1) {
      const char *name = cw_gz_name(i);
      size_t n = strlen(name);
      if (n + 2 > sizeof buf)
        continue;
      for (size_t k = 1; k <= n + 1; k++) {
        /* the words before each space, the name, and the name cut and
         * lengthened by a byte */
        if (k < n - 1 && name[k] != ' ')
          continue;
        memcpy(buf, name, n);
        buf[n] = 'a';
        buf[k] = '\0';
        int got = -1;
        unsigned bits = cw_an_gaz_longer(buf, k, &got);
        if (bits != gaz_bisect(buf) || got != gaz_longer_ref(buf))
          fail_msg("gazetteer: [%s]: bits %u longer %d", buf, bits, got);
        checked++;
        yes += got != 0;
      }
    }
  assert_true(checked > cw_gz_count);
  assert_true(yes > 100 && yes < checked);
}

static void test_lexicon_lookup(void **state) {
  (void)state;
  /* first, last and multi-word entries of the table */
  assert_int_equal(cw_an_lex("abu dhabi", 9), LX_PLACE);
  assert_int_equal(cw_an_lex("academy", 7), LX_ORG);
  assert_int_equal(cw_an_lex("zimbabwe", 8), LX_PLACE);
  assert_int_equal(cw_an_lex("zu", 2), LX_CONN);
  /* the length counts: prefixes, extensions and slices miss */
  assert_int_equal(cw_an_lex("academy", 6), 0);
  assert_int_equal(cw_an_lex("academyx", 8), 0);
  assert_int_equal(cw_an_lex("abu", 3), 0);
  assert_int_equal(cw_an_lex("zuzu", 2), LX_CONN);
  assert_int_equal(cw_an_lex("zu\0", 3), 0); /* a NUL is a byte too */
  assert_int_equal(cw_an_lex("", 0), 0);
  /* keys are folded: other cases are not entries */
  assert_int_equal(cw_an_lex("Academy", 7), 0);
  assert_int_equal(cw_an_lex("qqzzx", 5), 0);
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

/* A lower-case Arabic article or patronymic hyphenated to a capitalised
 * name is a name word ("Nadia el-Amrani"); the check looks at the bytes
 * around the hyphen first, so hyphens elsewhere and short words are
 * passed over. */
static void test_particle_names(void **state) {
  (void)state;
  const char *text =
      "Talks between Corvania and Lorvik stalled, said Omar Haddi, who "
      "leads the delegation. The envoy, Nadia el-Amrani, disagreed. A "
      "well-known re-run of the vote was ruled out by al-Corvan officials.";
  cw_analysis *a = analyze(text);
  const cw_entity *nadia = entity(a, "Nadia el-Amrani");
  assert_int_equal(nadia->type, CW_ENT_PERSON);
  assert_false(named_anywhere(a, "well-known"));
  assert_false(named_anywhere(a, "re-run"));
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

static void test_initials_and_hyphens(void **state) {
  (void)state;
  /* an initial opening a line is no article, even where the sentence
   * splitter cuts after its dot; a letter alone ("N/A") is no name */
  cw_analysis *a = analyze("Bowling\n\nA. Brekke 8-1-25-1, I. Solberg "
                           "10-2-30-0.\n\nPrice range N/A.");
  expect(a, "A. Brekke", CW_ENT_PERSON);
  entity(a, "I. Solberg");
  assert_null(find_entity(a, "Brekke"));
  assert_null(find_entity(a, "A"));
  cw_analysis_free(a);
  /* "Abd-ul-Karim" ends in a capital: a name, where "US-led" is not */
  a = analyze("Rafiq Abd-ul-Karim met US-led forces. Abd-ul-Karim spoke.");
  const cw_entity *e = entity(a, "Rafiq Abd-ul-Karim");
  assert_int_equal(e->n_mentions, 2);
  assert_false(named_anywhere(a, "led"));
  cw_analysis_free(a);
}

/* A word that opens a sentence or a quote alone and that the text also
 * writes in lower case is an ordinary word when it is capitalised inside
 * sentences only as part of longer names; a name that stands alone inside
 * a sentence too keeps its sentence-initial mentions. */
static void test_initial_words_inside_longer_names(void **state) {
  (void)state;
  cw_analysis *a = analyze(
      "Ships waited off the Port of Velmora on Monday as the strike went "
      "on. The port was closed and the safety report was late.\n\n"
      "Port data showed 14 vessels at anchor. Officials of the Coastal "
      "Safety Board met on Tuesday.\n\n"
      "\xE2\x80\x9CSafety comes first,\xE2\x80\x9D said Anja Ferrow. "
      "Port of Velmora officials declined to comment.\n\n"
      "Shares in Crest fell on Monday. Crest said profits were down. The "
      "crest of the wave hit the pier.");
  assert_null(find_entity(a, "Port"));
  assert_null(find_entity(a, "Safety"));
  /* a longer name opening a sentence keeps its first word */
  assert_int_equal(entity(a, "Port of Velmora")->n_mentions, 2);
  entity(a, "Coastal Safety Board");
  /* "in Crest fell": alone inside a sentence, so a name at its start */
  assert_int_equal(entity(a, "Crest")->n_mentions, 2);
  cw_analysis_free(a);
}

/* A title-cased heading glued to the sentence after it: its words are no
 * evidence of names, and the known name in it joins its entity. */
static void test_heading_glued_to_sentence(void **state) {
  (void)state;
  cw_analysis *a =
      analyze("Officials urged the council to expel Tarek Vollan. Velmora to "
              "Welcome Vollan If Needed \"We would take him,\" said Mayor Ilsa "
              "Brandt.");
  assert_false(named_anywhere(a, "Welcome"));
  assert_false(named_anywhere(a, "Needed"));
  assert_false(named_anywhere(a, "If"));
  assert_int_equal(entity(a, "Tarek Vollan")->n_mentions, 2);
  entity(a, "Ilsa Brandt");
  cw_analysis_free(a);
  /* a list of names inside a sentence is no heading */
  a = analyze("Buyers include Torvald Holdings and Banc One Marvik Corp, "
              "analysts said.");
  assert_true(named_anywhere(a, "Banc One Marvik Corp"));
  cw_analysis_free(a);
}

/* One capitalised word that always follows "the" or a possessive and
 * gets no type is a common word capitalised for emphasis ("the Bill",
 * "his Presidential campaign"); with a type it stays. */
static void test_determined_common_words(void **state) {
  (void)state;
  cw_analysis *a = analyze(
      "Lawmakers stewed over the Bill on Monday. Jonas Arvid said the Bill "
      "would fail and urged them to KILL the BILL. Critics attacked his "
      "Ministerial record. Staff at the Oslo office said little.");
  assert_null(find_entity(a, "Bill"));
  assert_null(find_entity(a, "BILL"));
  assert_null(find_entity(a, "Ministerial"));
  expect(a, "Jonas Arvid", CW_ENT_PERSON);
  expect(a, "Oslo", CW_ENT_PLACE);
  cw_analysis_free(a);
}

/* ---- the words around a name ----------------------------------------- */

/* A firm's, a newspaper's or a club's last word or prefix makes a name an
 * organisation ("Tarvik Construct", "Quayside Ledger", "FK Dravenmoor",
 * which lends its last word to "Dravenmoor"); not a first name and a
 * surname that happens to be one ("Hanna Courier"), and an organisation
 * named "of" a place lends it nothing ("Bank of Marevia", "Marevia"). */
static void test_organisation_tails_and_clubs(void **state) {
  (void)state;
  cw_analysis *a = analyze(
      "Engineers at Tarvik Construct warned about the bearings, the inquiry "
      "heard. Most popular on Quayside Ledger");
  expect(a, "Tarvik Construct", CW_ENT_ORG);
  expect(a, "Quayside Ledger", CW_ENT_ORG);
  assert_null(find_entity(a, "Most")); /* a stopword opening a line */
  cw_analysis_free(a);

  a = analyze("Belgian side FK Dravenmoor have agreed to sell their "
              "striker. Dravenmoor said the fee would fund a new academy.");
  const cw_entity *club = entity(a, "FK Dravenmoor");
  assert_int_equal(club->type, CW_ENT_ORG);
  assert_true(has_string(club->aliases, club->n_aliases, "Dravenmoor"));
  assert_null(find_entity(a, "Dravenmoor"));
  cw_analysis_free(a);

  a = analyze("Hanna Courier, a nurse from Tromsvik, said the ward was full. "
              "Bank of Marevia raised rates on Thursday. Marevia's finance "
              "minister objected.");
  expect(a, "Hanna Courier", CW_ENT_PERSON);
  expect(a, "Bank of Marevia", CW_ENT_ORG);
  assert_non_null(find_entity(a, "Marevia"));
  cw_analysis_free(a);
}

/* A noun in apposition says what a name is: "Shares in Quillmark",
 * "Quillmark, the Oslo-based payments app" (an organisation where the
 * tagger sees a place); a phrase after a comma that is the speaker of a
 * report is none ("Tarvos, a senior official in Karvia said"). */
static void test_apposition_types(void **state) {
  (void)state;
  cw_analysis *a = analyze(
      "The museum was founded in 1911 by the collector Anselm Varrow and "
      "opened in 1952. Shares in Quillmark fell 9 percent after Quillmark, "
      "the Oslo-based payments app, disclosed the breach.");
  expect(a, "Anselm Varrow", CW_ENT_PERSON);
  expect(a, "Quillmark", CW_ENT_ORG);
  expect(a, "Oslo", CW_ENT_PLACE);
  cw_analysis_free(a);

  a = analyze("Arrivals surged at the city of Tarvos, a senior official in "
              "Karvia said on Monday.");
  expect(a, "Tarvos", CW_ENT_PLACE);
  cw_analysis_free(a);
}

/* Capitalised words that are no names: a verb before a noun phrase at
 * the start of a quotation ("Mark this day"), a number ("Nine aircraft"),
 * a common noun before "of" the tagger leaves out ("Residents of
 * Valmora"), a numbered gate, an occasion ("the Eid al-Adha holiday"), an
 * adjective ("Congressional"), an abstract noun opening a quotation
 * ("Independence is"). The names beside them stay. */
static void test_capitalised_common_words(void **state) {
  (void)state;
  cw_analysis *a = analyze(
      "Ilsa Brenwick told reporters on Monday that the crane had failed. "
      "'Mark this day,' she wrote. Nine aircraft resumed water drops at "
      "first light. Residents of Valmora were taken to the sports hall.");
  expect(a, "Ilsa Brenwick", CW_ENT_PERSON);
  expect(a, "Valmora", CW_ENT_PLACE);
  assert_null(find_entity(a, "Mark"));
  assert_null(find_entity(a, "Nine"));
  assert_false(named_anywhere(a, "Residents"));
  cw_analysis_free(a);

  a = analyze("He spoke at the Eid al-Adha holiday prayers. Dockworkers "
              "gathered outside Gate 3 on Monday. The Congressional spending "
              "bill passed. 'Independence is not immunity,' she wrote. Marta "
              "Ruiz runs a cafe two blocks from City Hall.");
  assert_false(named_anywhere(a, "Eid"));
  assert_null(find_entity(a, "Gate"));
  assert_null(find_entity(a, "Congressional"));
  assert_null(find_entity(a, "Independence"));
  expect(a, "Marta Ruiz", CW_ENT_PERSON);
  cw_analysis_free(a);
}

/* A name takes no neighbouring word that is none of it: a verb's -ing
 * form or an adverb opening a sentence before it ("Bringing Velloran
 * in"), though a first name in -ing or -ly stays ("Sterling Okafor"); a
 * weekday after it ("in Talminster Friday"), though a month that is a
 * first name may end one ("Gwenda May"); the ranks of a title after an
 * organisation ("Kites Senior Vice President"), though the names after
 * titles stay; a user name glued to an "@" ("@TheVelloraGuild"), though
 * the guild's name stays. */
static void test_neighbouring_words(void **state) {
  (void)state;
  cw_analysis *a =
      analyze("The club signed Dervla Velloran in June.\n"
              "Bringing Velloran in was the coup of the summer.\n"
              "The team lost at home, coach Ossian Dunmore said.\n"
              "Ironically Dunmore had won there before.\n"
              "Sterling Okafor scored twice and Beverly Quist added one.");
  assert_false(named_anywhere(a, "Bringing"));
  assert_false(named_anywhere(a, "Ironically"));
  assert_non_null(entity(a, "Dervla Velloran"));
  assert_non_null(entity(a, "Ossian Dunmore"));
  expect(a, "Sterling Okafor", CW_ENT_PERSON);
  expect(a, "Beverly Quist", CW_ENT_PERSON);
  cw_analysis_free(a);

  a = analyze("Officials met in Talminster Friday to talk. Harrowgate Kites "
              "chair Gwenda May spoke.");
  assert_false(named_anywhere(a, "Friday"));
  assert_true(named_anywhere(a, "Talminster"));
  expect(a, "Gwenda May", CW_ENT_PERSON);
  cw_analysis_free(a);

  /* the ranks of a title after an organisation are no part of it */
  a = analyze("Dunmore will be replaced on an interim basis by Kites Senior "
              "Vice President and Assistant General Manager Ossian Vell. "
              "Brisk Otters Chairman Lew Arden agreed.");
  assert_non_null(entity(a, "Kites"));
  assert_false(named_anywhere(a, "Senior"));
  assert_non_null(entity(a, "Ossian Vell"));
  assert_non_null(entity(a, "Lew Arden"));
  cw_analysis_free(a);

  a = analyze("I'd like to thank @TheVelloraGuild and my wife Petra for "
              "this, the host wrote. The Vellora Guild hands out the prize "
              "each spring.");
  assert_false(named_anywhere(a, "TheVelloraGuild"));
  assert_true(named_anywhere(a, "Vellora Guild"));
  cw_analysis_free(a);
}

/* A name in quotation marks of its own is a title ("'Larkspur'", an
 * event), not a place or a person; the names around it stay. */
static void test_quoted_titles(void **state) {
  (void)state;
  cw_analysis *a = analyze(
      "Jared Vance spent part of the weekend outside Missoula, Montana, as a "
      "guest at 'Larkspur', an event for tech executives.");
  assert_null(find_entity(a, "Larkspur"));
  expect(a, "Jared Vance", CW_ENT_PERSON);
  expect(a, "Missoula", CW_ENT_PLACE);
  cw_analysis_free(a);
}

/* A first name alone joins the one person of the text it opens, once the
 * surname alone has named that person too ("Lena's account" is Lena
 * Farrow's); two people of one first name keep it apart. Two surnames
 * joined by a hyphen ("Farrow-Quell bonhomie") name no one; a
 * double-barrelled surname is a name ("Berg-Holm"). */
static void test_first_names_and_pairs(void **state) {
  (void)state;
  cw_analysis *a = analyze(
      "Lena Farrow met Tomas Quell on Friday. Farrow and Quell argued "
      "later.\n\nWhat happened to Farrow-Quell bonhomie?\n\nFarrow said "
      "Lena's account was true. Quell disagreed.");
  const cw_entity *lena = entity(a, "Lena Farrow");
  assert_int_equal(lena->type, CW_ENT_PERSON);
  assert_true(has_string(lena->aliases, lena->n_aliases, "Lena"));
  assert_null(find_entity(a, "Lena"));
  assert_false(named_anywhere(a, "Farrow-Quell"));
  cw_analysis_free(a);

  a = analyze("Lena Farrow and Lena Marsk met on Friday. Farrow and Marsk "
              "argued later. Lena said nothing.");
  assert_non_null(find_entity(a, "Lena"));
  cw_analysis_free(a);

  a = analyze("Anna Berg-Holm said the strike would go on. Berg-Holm spoke "
              "outside the port.");
  const cw_entity *anna = entity(a, "Anna Berg-Holm");
  assert_true(has_string(anna->aliases, anna->n_aliases, "Berg-Holm"));
  cw_analysis_free(a);
}

/* A committee's remit after "on" is part of its name ("Senate Committee
 * on Coastal Affairs"), a weekday after it is not; the ranks of a title
 * cut off an organisation are no name ("the First Deputy Chairman of");
 * "the US" is a country where the tagger sees an organisation. */
static void test_committees_ranks_countries(void **state) {
  (void)state;
  cw_analysis *a = analyze(
      "Talks with the Senate Committee on Coastal Affairs ended on Monday. "
      "The US has not had a working embassy in Karvia since 2021, and "
      "Karvians have seen their chances of migrating to the US shrink.");
  expect(a, "Senate Committee on Coastal Affairs", CW_ENT_ORG);
  assert_null(find_entity(a, "Coastal Affairs"));
  expect(a, "US", CW_ENT_PLACE);
  cw_analysis_free(a);

  a = analyze("The senators told the Senate Committee on Tuesday that the "
              "bridge was safe. Oren Talvik, the First Deputy Chairman of "
              "the Karvian Assembly Committee, spoke on Monday.");
  expect(a, "Senate Committee", CW_ENT_ORG);
  expect(a, "Karvian Assembly Committee", CW_ENT_ORG);
  expect(a, "Oren Talvik", CW_ENT_PERSON);
  assert_false(named_anywhere(a, "First Deputy"));
  cw_analysis_free(a);
}

/* A building's name is no person ("visited City Hall"), unless a title or
 * a first name opens it ("Mayor Petra Hall"). */
static void test_facilities(void **state) {
  (void)state;
  cw_analysis *a = analyze(
      "Carla Venn, who worked there from 2019 until 2024, told jurors that "
      "the developer visited City Hall on a Friday afternoon carrying an "
      "envelope.");
  const cw_entity *hall = find_entity(a, "City Hall");
  assert_true(!hall || hall->type != CW_ENT_PERSON);
  expect(a, "Carla Venn", CW_ENT_PERSON);
  cw_analysis_free(a);

  a = analyze("Mayor Petra Hall said the budget was balanced. Hall spoke at "
              "noon.");
  expect(a, "Petra Hall", CW_ENT_PERSON);
  cw_analysis_free(a);
}

/* ---- the tagger ------------------------------------------------------------ */

/* The shipped model; where data/ner/model.bin is not there (rules alone)
 * the test is skipped, which leaves it (cmocka's skip() does not
 * return). */
static const cw_ner_model *model_or_skip(void) {
  const cw_ner_model *m = cw_ner_model_get();
  if (!m)
    skip();
  return m;
}

/* The sentences and tokens of text, as the analysis makes them. */
static void tokens_of(const char *text, cw_vec *sents, cw_vec *toks) {
  cw_vec_init(sents, sizeof(cw_span));
  cw_vec_init(toks, sizeof(cw_token));
  assert_int_equal(cw_text_sentences(text, strlen(text), sents), CW_OK);
  assert_int_equal(cw_text_tokens(text, strlen(text), sents, toks), CW_OK);
}

static void test_tagger_model(void **state) {
  (void)state;
  const cw_ner_model *m = model_or_skip();
  assert_ptr_equal(cw_ner_model_get(), m); /* loaded once */
  const char *text = "Ilse Marten flew from Oslo to join Verde Group.";
  cw_vec sents, toks;
  tokens_of(text, &sents, &toks);
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

/* cw_ner_doc_init_ctx() reuses the analysis' interned words and must
 * prepare the very document cw_ner_doc_init() does: here with words whose
 * interned form differs from their fold (a curly apostrophe made straight
 * beside the straight spelling; a Kelvin sign, which folds to "k", beside
 * the plain word), repeats, numbers and invalid bytes. */
static void check_doc_ctx(const char *text, size_t want_curly) {
  size_t len = strlen(text);
  cw_vec sents, toks, words;
  cw_vec_init(&sents, sizeof(cw_span));
  cw_vec_init(&toks, sizeof(cw_token));
  cw_vec_init(&words, sizeof(cw_an_word));
  assert_int_equal(cw_text_sentences(text, len, &sents), CW_OK);
  assert_int_equal(cw_text_tokens(text, len, &sents, &toks), CW_OK);
  cw_an_ctx c;
  memset(&c, 0, sizeof c);
  c.text = text;
  c.len = len;
  c.tok = toks.items;
  c.ntok = toks.len;
  c.info = calloc(c.ntok, sizeof *c.info);
  assert_non_null(c.info);
  /* intern as cw_analyze() does: fold, curly apostrophes made straight */
  char store[64][48];
  size_t nstore = 0, curly = 0, unfolded = 0;
  for (size_t i = 0; i < c.ntok; i++) {
    c.info[i].word = -1;
    if (c.tok[i].kind == CW_TOK_PUNCT)
      continue;
    cw_buf b;
    cw_buf_init(&b, 0);
    if (cw_text_fold(text + c.tok[i].start, c.tok[i].end - c.tok[i].start,
                     &b) != CW_OK) {
      unfolded++;
      cw_buf_free(&b);
      continue;
    }
    size_t k = 0;
    for (size_t j = 0; j < b.len; j++) {
      if (j + 2 < b.len && !memcmp(b.ptr + j, "\xE2\x80\x99", 3)) {
        store[nstore][k++] = '\'';
        j += 2;
        curly++;
      } else {
        store[nstore][k++] = b.ptr[j];
      }
    }
    store[nstore][k] = 0;
    cw_buf_free(&b);
    long found = -1;
    for (size_t w = 0; w < words.len; w++)
      if (!strcmp(CW_VEC_AT(&words, cw_an_word, w).s, store[nstore]))
        found = (long)w;
    if (found < 0) {
      cw_an_word *w = cw_vec_push(&words);
      assert_non_null(w);
      memset(w, 0, sizeof *w);
      w->s = store[nstore];
      w->n = k;
      w->lex = cw_an_lex(w->s, w->n);
      found = (long)words.len - 1;
      nstore++;
      assert_true(nstore < 64);
    }
    c.info[i].word = found;
  }
  c.words = words;
  assert_int_equal(curly, want_curly);
  assert_int_equal(unfolded, 0); /* invalid bytes make no token */
  cw_ner_doc a, b;
  assert_int_equal(cw_ner_doc_init(&a, text, c.tok, c.ntok), CW_OK);
  assert_int_equal(cw_ner_doc_init_ctx(&b, &c), CW_OK);
  assert_int_equal(a.n_words, b.n_words);
  size_t keel = 0;
  for (size_t i = 0; i < c.ntok; i++) {
    assert_string_equal(a.fold[i], b.fold[i]);
    assert_int_equal(a.fold_len[i], b.fold_len[i]);
    assert_int_equal(a.lex[i], b.lex[i]);
    assert_int_equal(a.tflags[i], b.tflags[i]);
    assert_int_equal(a.gaz[i], b.gaz[i]);
    assert_int_equal(a.gaz_b[i], b.gaz_b[i]);
    assert_int_equal(a.word_id[i], b.word_id[i]);
    assert_memory_equal(a.shape[i], b.shape[i], sizeof a.shape[i]);
    keel += !strcmp(b.fold[i], "\xE2\x80\x99s");
  }
  assert_int_equal(keel, want_curly); /* the tagger keeps it curly */
  const cw_ner_model *m = cw_ner_model_get();
  if (m) {
    unsigned char *la = calloc(c.ntok, 1), *lb = calloc(c.ntok, 1);
    assert_non_null(la);
    assert_non_null(lb);
    cw_ner_decode(&a, cw_ner_model_score, (void *)m, la);
    cw_ner_decode(&b, cw_ner_model_score, (void *)m, lb);
    assert_memory_equal(la, lb, c.ntok);
    assert_int_equal(la[0], NER_B_PER); /* Dana */
    free(la);
    free(lb);
  }
  cw_ner_doc_free(&a);
  cw_ner_doc_free(&b);
  free(c.info);
  cw_vec_free(&words);
  cw_vec_free(&sents);
  cw_vec_free(&toks);
}

/* FNV-1a, a byte at a time: the hash the model's features were trained
 * with (the tagger hashes four bytes a round). */
static uint32_t ref_fnv(unsigned char tmpl, const char *s, size_t n) {
  uint32_t h = (2166136261u ^ tmpl) * 16777619u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* The features of a word (template 2) and the bias (template 1) are the
 * byte-wise hashes of their strings, for words of every length modulo
 * four (the rounds and the tail of the tagger's loop). */
static void test_tagger_feature_hash(void **state) {
  (void)state;
  const char *words[] = {
      "a",           "ox",          "elm",          "fjord",      "quince",
      "harbour",     "wharfage",    "gantrymen",    "stevedores", "breakwaters",
      "lighthouses", "shipwrights", "quartermaster"};
  for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
    const char *w = words[k];
    cw_vec sents, toks;
    cw_vec_init(&sents, sizeof(cw_span));
    cw_vec_init(&toks, sizeof(cw_token));
    assert_int_equal(cw_text_sentences(w, strlen(w), &sents), CW_OK);
    assert_int_equal(cw_text_tokens(w, strlen(w), &sents, &toks), CW_OK);
    assert_int_equal(toks.len, 1);
    cw_ner_doc d;
    assert_int_equal(cw_ner_doc_init(&d, w, toks.items, toks.len), CW_OK);
    uint32_t f[NER_MAX_FEATS];
    size_t n = cw_ner_features(&d, 0, NER_O, NER_O, f);
    assert_true(n > 2);
    assert_int_equal(f[0], ref_fnv(1, "bias", 4));
    assert_int_equal(f[1], ref_fnv(2, w, strlen(w)));
    cw_ner_doc_free(&d);
    cw_vec_free(&sents);
    cw_vec_free(&toks);
  }
}

/* Each token's tagger fold is cw_text_fold() of its bytes, also when a
 * text repeats more distinct marks and letters beyond ASCII than the
 * tagger remembers folds of (it copies a repeated token's fold), and for
 * tokens too long to be remembered. */
static void test_tagger_folds_repeated_marks(void **state) {
  (void)state;
  const char *text =
      "\xE2\x80\x9CHalvik\xE2\x80\x9D \xE2\x80\x94 \xC3\x86R\xC3\x98 "
      "\xC3\x89" "COLE \xC2\xAB Keel \xC2\xBB \xE2\x80\x98tug\xE2\x80\x99 "
      "\xE2\x80\x93 \xE2\x82\xAC" "5 \xC2\xA3 7\xC2\xB0 \xE2\x80\xA6 "
      "\xC3\x89" "cole \xC3\x86r\xC3\xB8 \xE2\x80\x9CKalm\xE2\x80\x9D "
      "\xE2\x80\x94 \xC3\x89" "COLE \xC3\x86R\xC3\x98 \xC2\xAB \xC2\xBB "
      "\xC3\x89" "COLEDESHAVRESETDEHALVIK \xC3\x89" "COLEDESHAVRESETDEHALVIK "
      "Dana Keel\xE2\x80\x99s \xE2\x80\x98Kalm\xE2\x80\x99 \xE2\x80\x94";
  size_t len = strlen(text);
  cw_vec sents, toks;
  cw_vec_init(&sents, sizeof(cw_span));
  cw_vec_init(&toks, sizeof(cw_token));
  assert_int_equal(cw_text_sentences(text, len, &sents), CW_OK);
  assert_int_equal(cw_text_tokens(text, len, &sents, &toks), CW_OK);
  assert_true(toks.len > 30);
  cw_ner_doc d;
  assert_int_equal(cw_ner_doc_init(&d, text, toks.items, toks.len), CW_OK);
  size_t beyond = 0;
  for (size_t i = 0; i < toks.len; i++) {
    const cw_token *t = &CW_VEC_AT(&toks, cw_token, i);
    cw_buf b;
    cw_buf_init(&b, 0);
    if (cw_text_fold(text + t->start, t->end - t->start, &b) ==
        CW_ERR_CHARSET)
      assert_int_equal(cw_buf_append(&b, "?", 1), CW_OK);
    assert_string_equal(d.fold[i], b.ptr);
    size_t want = b.len > 40 ? 40 : b.len;
    assert_int_equal(d.fold_len[i], want);
    for (size_t k = t->start; k < t->end; k++)
      beyond += (unsigned char)text[k] >= 0x80;
    cw_buf_free(&b);
  }
  assert_true(beyond > 40);
  cw_ner_doc_free(&d);
  cw_vec_free(&sents);
  cw_vec_free(&toks);
}

static void test_tagger_doc_ctx(void **state) {
  (void)state;
  check_doc_ctx("Dana Keel\xE2\x80\x99s barge met Dana Keel's tug at Halvik. "
                "\xE2\x84\xAA"
                "alm Works and Kalm Works paid 300 crowns in Halvik.\n"
                "Mr Keel said \xFF\xFE odd \xE2\x80\x9C"
                "fine\xE2\x80\x9D words.",
                1);
  /* every word as interned: numbered from the analysis alone */
  check_doc_ctx("Dana Keel met Dana Keel's tug at Halvik. KALM WORKS and "
                "Kalm Works paid 300 crowns in Halvik.\nMr Keel said so.",
                0);
}

/* One-byte tokens (punctuation, digits, single letters) and words of one
 * case or a capital then lower case take short cuts in doc_init(): each
 * still gets its fold (the byte lower-cased), its length and its shape
 * as make_shape() writes them, in both document builders. */
static void test_tagger_doc_one_byte_tokens(void **state) {
  (void)state;
  const char *text =
      "Dana Kroll said A b I ! # $ % & ( ) * + , - / : ; < = > @ [ ] ^ _ "
      "` { | } ~ 5 Z q ALL CAPS Mixed lower McKay O'Neil.";
  check_doc_ctx(text, 0);
  cw_vec sents, toks;
  tokens_of(text, &sents, &toks);
  cw_ner_doc d;
  assert_int_equal(cw_ner_doc_init(&d, text, toks.items, toks.len), CW_OK);
  size_t ones = 0;
  for (size_t i = 0; i < toks.len; i++) {
    const cw_token *t = &CW_VEC_AT(&toks, cw_token, i);
    unsigned char b = (unsigned char)text[t->start];
    if (t->end - t->start == 1) {
      char want = b >= 'A' && b <= 'Z' ? (char)(b + 32) : (char)b;
      char shape = b >= '0' && b <= '9'   ? 'd'
                   : b >= 'a' && b <= 'z' ? 'x'
                   : b >= 'A' && b <= 'Z' ? 'X'
                                          : (char)b;
      assert_int_equal(d.fold[i][0], want);
      assert_int_equal(d.fold[i][1], 0);
      assert_int_equal(d.fold_len[i], 1);
      assert_int_equal(d.shape[i][0], shape);
      assert_int_equal(d.shape[i][1], 0);
      ones++;
    }
  }
  assert_true(ones >= 30);
  /* "Dana" Xx, "ALL" X, "lower" x, "McKay" mixed: Xx then X */
  assert_string_equal(d.shape[0], "Xx");
  for (size_t i = 0; i < toks.len; i++) {
    const cw_token *t = &CW_VEC_AT(&toks, cw_token, i);
    if (t->end - t->start == 3 && !memcmp(text + t->start, "ALL", 3))
      assert_string_equal(d.shape[i], "X");
    if (t->end - t->start == 5 && !memcmp(text + t->start, "lower", 5))
      assert_string_equal(d.shape[i], "x");
    if (t->end - t->start == 5 && !memcmp(text + t->start, "McKay", 5))
      assert_string_equal(d.shape[i], "XxXx");
  }
  cw_ner_doc_free(&d);
  cw_vec_free(&sents);
  cw_vec_free(&toks);
}

/* A scorer that calls every token B-PER and counts its calls. */
static void all_person(void *ctx, const uint32_t *f, size_t nf,
                       float *scores) {
  (void)f;
  (void)nf;
  (*(size_t *)ctx)++;
  for (int l = 0; l < NER_NLABELS; l++)
    scores[l] = l == NER_B_PER ? 1.0f : 0.0f;
}

/* Tokens and a prepared tagger document of text. */
typedef struct tagged {
  cw_vec sents, toks;
  cw_ner_doc d;
} tagged;

static void tag_prepare(tagged *t, const char *text) {
  cw_vec_init(&t->sents, sizeof(cw_span));
  cw_vec_init(&t->toks, sizeof(cw_token));
  assert_int_equal(cw_text_sentences(text, strlen(text), &t->sents), CW_OK);
  assert_int_equal(cw_text_tokens(text, strlen(text), &t->sents, &t->toks),
                   CW_OK);
  assert_int_equal(cw_ner_doc_init(&t->d, text, t->toks.items, t->toks.len),
                   CW_OK);
}

static void tag_free(tagged *t) {
  cw_ner_doc_free(&t->d);
  cw_vec_free(&t->sents);
  cw_vec_free(&t->toks);
}

/* The byte-wise hash of feature (tmpl, a, b), as ref_fnv(). */
static uint32_t ref_fnv2(unsigned char tmpl, const char *a, size_t an,
                         const char *b, size_t bn) {
  uint32_t h = (ref_fnv(tmpl, a, an) ^ 0x1f) * 16777619u;
  for (size_t i = 0; i < bn; i++)
    h = (h ^ (unsigned char)b[i]) * 16777619u;
  return h;
}

/* The case flags token i of d shows its features with its shape
 * (template 27): sentence start "S" or "s", sentence of capitals "C" or
 * "c", then "a" plus 1 when the document also writes the word in lower
 * case and plus 2 when it capitalises it inside a sentence of mixed case
 * (not after punctuation). Exactly one of the sixteen is among them. */
static void case_flags_of(const cw_ner_doc *d, size_t i, char out[4]) {
  uint32_t f[NER_MAX_FEATS];
  size_t nf = cw_ner_features(d, i, NER_O, NER_O, f);
  size_t shl = strnlen(d->shape[i], sizeof d->shape[i]);
  int found = 0;
  for (int k = 0; k < 16; k++) {
    char flag[4] = {k & 1 ? 'S' : 's', k & 2 ? 'C' : 'c',
                    (char)('a' + (k >> 2)), 0};
    uint32_t h = ref_fnv2(27, flag, 3, d->shape[i], shl);
    for (size_t j = 0; j < nf; j++)
      if (f[j] == h) {
        memcpy(out, flag, 4);
        found++;
        break;
      }
  }
  assert_int_equal(found, 1);
}

/* Token of t whose bytes are w, the nth (from 0) of them. */
static size_t token_of(const cw_vec *toks, const char *text, const char *w,
                       int nth) {
  size_t n = strlen(w);
  for (size_t i = 0; i < toks->len; i++) {
    const cw_token *k = &CW_VEC_AT(toks, cw_token, i);
    if (k->end - k->start == n && !memcmp(text + k->start, w, n) &&
        nth-- == 0)
      return i;
  }
  fail_msg("no token %s", w);
  return 0;
}

/* The document flags of doc_init()'s first pass: a headline sentence of
 * capitals among mixed ones, a word written in lower case elsewhere
 * ("kalm"), capitalised inside a sentence ("Halvik", "Works") or only
 * where capitals are due (a sentence start, the headline, after a quote
 * mark: "Ovra"); with the analysis' words for every word and with a curly
 * apostrophe late in the text (the words then numbered by their folds),
 * both as cw_ner_doc_init() prepares them. */
static void test_tagger_doc_flags(void **state) {
  (void)state;
  static const struct {
    const char *word;
    int nth;
    const char *flags;
  } want[] = {
      {"Dana", 0, "Scc"},   {"Keel", 0, "scc"},   {"KALM", 0, "SCb"},
      {"WORKS", 0, "sCc"},  {"OUT", 0, "sCa"},    {".", 1, "sCa"},
      {"Kalm", 0, "Scb"},   {"Works", 0, "scc"},  {"Halvik", 0, "scc"},
      {"kalm", 0, "scb"},   {"Ovra", 0, "sca"},   {"Ovra", 1, "Sca"},
      {"Halvik", 1, "Scc"}, {"Out", 0, "Sca"},
  };
  static const char *const texts[] = {
      "Dana Keel left. KALM WORKS PAYS OUT. Kalm Works paid Dana Keel in "
      "Halvik. She said \"Ovra\" and kalm words. Ovra agreed. Halvik "
      "slept. Out went Keel's tug.",
      "Dana Keel left. KALM WORKS PAYS OUT. Kalm Works paid Dana Keel in "
      "Halvik. She said \"Ovra\" and kalm words. Ovra agreed. Halvik "
      "slept. Out went Keel\xE2\x80\x99s tug.",
  };
  for (size_t k = 0; k < 2; k++) {
    tagged t;
    tag_prepare(&t, texts[k]);
    for (size_t q = 0; q < sizeof want / sizeof want[0]; q++) {
      char got[4];
      size_t i = token_of(&t.toks, texts[k], want[q].word, want[q].nth);
      case_flags_of(&t.d, i, got);
      if (strcmp(got, want[q].flags))
        fail_msg("text %zu, %s #%d: flags %s, want %s", k, want[q].word,
                 want[q].nth, got, want[q].flags);
    }
    tag_free(&t);
    /* the analysis' words prepare the same document */
    check_doc_ctx(texts[k], k);
  }
}

/* Appends word k of the run from token i (a capitalised word right
 * after the previous one) to the gazetteer key [key, key+*kn): 0 when the
 * run ends there. */
static int run_key_add(const cw_ner_doc *d, const cw_token *tok, size_t i,
                       size_t k, char *key, size_t cap, size_t *kn) {
  size_t j = i + k;
  if (tok[j].kind != CW_TOK_WORD ||
      !(tok[j].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) ||
      (k && tok[j].start != tok[j - 1].end + 1))
    return 0;
  size_t wn = strlen(d->fold[j]);
  if (*kn + wn + 1 > cap)
    return 0;
  if (k)
    key[(*kn)++] = ' ';
  memcpy(key + *kn, d->fold[j], wn);
  *kn += wn;
  return 1;
}

/* The gazetteer bits of a document's capitalised runs (d->gaz, d->gaz_b)
 * are those of looking up every run of one to four adjacent capitalised
 * words, although the tagger stops a run where no name goes on
 * (cw_an_gaz_longer): names of two to four words, runs inside longer
 * runs, runs that look like the start of a name and are not ("Salt
 * Lake", "New Varga"), capitals, line breaks and punctuation between
 * the words. */
static void test_tagger_gazetteer_runs(void **state) {
  (void)state;
  const char *text =
      "Envoys from the United Arab Emirates, Papua New Guinea and South "
      "Korea met in New York City. Salt Lake City and Salt Lake Varga "
      "sent Ho Chi Minh City delegates; New Varga Bay Mill did not. NEW "
      "ZEALAND and Costa\nRica, Hong Kong, Sri-Lanka and New South Wales "
      "Harbour Board joined Kestrel Bay United later.";
  tagged t;
  tag_prepare(&t, text);
  const cw_ner_doc *d = &t.d;
  const cw_token *tok = t.toks.items;
  size_t multi = 0;
  for (size_t i = 0; i < d->ntok; i++) {
    /* the reference: every run from token i, looked up whole */
    unsigned want_b = 0;
    char key[64];
    size_t kn = 0;
    for (size_t k = 0; k < 4 && i + k < d->ntok; k++) {
      if (!run_key_add(d, tok, i, k, key, sizeof key, &kn))
        break;
      unsigned g = cw_an_gaz(key, kn);
      want_b |= g;
      multi += k && g;
    }
    assert_int_equal(d->gaz_b[i], want_b);
  }
  /* a token's gaz: the bits of every name found over it */
  for (size_t q = 0; q < d->ntok; q++) {
    unsigned want = 0;
    for (size_t i = q >= 3 ? q - 3 : 0; i <= q; i++) {
      char key[64];
      size_t kn = 0;
      for (size_t k = 0; k < 4 && i + k < d->ntok; k++) {
        if (!run_key_add(d, tok, i, k, key, sizeof key, &kn))
          break;
        if (i + k >= q)
          want |= cw_an_gaz(key, kn);
      }
    }
    assert_int_equal(d->gaz[q], want);
  }
  assert_true(multi >= 8); /* names of two words and more were found */
  tag_free(&t);
}

/* The shipped model's scorer under another address: cw_ner_decode() then
 * takes its general path, scoring every feature at every step. */
static void model_score_slow(void *ctx, const uint32_t *f, size_t nf,
                             float *scores) {
  cw_ner_model_score(ctx, f, nf, scores);
}

/* The shipped scorer's fast path labels the prepared document t as the
 * general path does, and finds at least min_names names in it, so that the
 * comparison is not of all-O labels. doc names the document in a
 * failure. */
static void check_fast_path(const cw_ner_model *m, const tagged *t,
                            const char *doc, size_t min_names) {
  size_t len = t->toks.len, n = len ? len : 1;
  unsigned char *fast = calloc(n, 1), *slow = calloc(n, 1);
  assert_non_null(fast);
  assert_non_null(slow);
  memset(slow, 0xee, n);
  cw_ner_decode(&t->d, cw_ner_model_score, (void *)m, fast);
  cw_ner_decode(&t->d, model_score_slow, (void *)m, slow);
  size_t names = 0;
  for (size_t i = 0; i < len; i++) {
    if (fast[i] != slow[i])
      fail_msg("%s: token %zu is label %d by the fast path, %d by the "
               "general path",
               doc, i, fast[i], slow[i]);
    names += fast[i] != NER_O;
  }
  if (names < min_names)
    fail_msg("%s: %zu names, want %zu or more", doc, names, min_names);
  free(fast);
  free(slow);
}

/* The shipped scorer's fast path (label-free features scored once, the
 * history reused in the second pass, tokens the second pass cannot
 * change kept unscored there) labels as the general path does. */
static void test_tagger_fast_path(void **state) {
  (void)state;
  const cw_ner_model *m = model_or_skip();
  static const char *const texts[] = {
      "KESTREL BAY MILL TO CLOSE\n\nTorvik Harbour, March 3 (Wire) - "
      "Lidia Varga, head of Kestrel Bay Mill, said on Monday the plant in "
      "Torvik would close. Varga told the Torvik Courier that Mr. Olsen "
      "of Brannock Holdings Ltd. had agreed.\n\nVARGA: \"We tried.\" "
      "J. R. Hollis, a Kestrel spokesman, and Hollis's deputy left for "
      "Oslo and Norway's west coast with the New Harbour Workers' Union.",
      "Mira Sund beat Tove Lind 6-3 6-4 in Vesterby. Sund, 24, meets "
      "Lind's sister Ada Lind next. SUND 6-3 LIND. Vesterby FC won 2-1.",
      /* the second pass relabels "Varga" and what follows it, so the
       * history scored in the first pass must not be reused there */
      "Varga arrived late. Later, Lidia Varga of Kestrel Bay Mill said "
      "Varga Holdings would stay in Torvik.",
      "AMSTEL CUP\n\nVesterby 3 Torvik 1\n\nVesterby: Lind 23, Sund 45. "
      "Torvik: Hollis 60.\n\nMira Lind and Ada Sund scored for Vesterby FC "
      "against Torvik United.",
      /* words scored once per document: repeated words, words past the
       * feature length (40 bytes), cut ones alike, punctuation and
       * numbers at both ends of the text */
      "\"Lidia Varga,\" said Varga's aide, \"met Varga in Torvik.\" The "
      "Kestrelbaymillworkersunionandassociatesltdx and the "
      "Kestrelbaymillworkersunionandassociatesltdy met Lidia Varga "
      "(Torvik) on 3-4 May; Ada Sund, Ada Sund and ADA SUND left 2,000 "
      "times -- 12",
      /* second-pass changes followed by tokens without first-pass bits,
       * whose history then differs and which must be scored again */
      "Kestrel won. Lidia Kestrel of Varga Bay said Kestrel and Varga "
      "would stay, and Kestrel Bay Mill hired Varga on Monday. Kestrel "
      "said so.",
      /* marks beyond ASCII, wide gaps and line breaks between tokens
       * (a headline, a dateline, then names across lines) */
      "TORVIK  COURIER\n\n  Torvik ,\tMarch 3 \xE2\x80\x94 "
      "\xE2\x80\x9CLidia Varga\xE2\x80\x9D of Kestrel Bay Mill met "
      "Varga\xE2\x80\x99s aide Ada   Sund in\n\nOslo. \xE2\x80\x98Sund"
      "\xE2\x80\x99 said Mira Lind of Vesterby FC \xE2\x80\x93 and "
      "Lind\xE2\x80\x99s\nsister\n\xE2\x80\x9C" "Ada Lind\xE2\x80\x9D.",
      "",
  };
  for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
    tagged t;
    tag_prepare(&t, texts[k]);
    char doc[32];
    snprintf(doc, sizeof doc, "text %zu", k);
    /* names in every text with tokens */
    check_fast_path(m, &t, doc, t.toks.len ? 4 : 0);
    tag_free(&t);
  }
}

/* Only the tokens next to a capitalised word are scored, and the fast
 * path sums only what they read (the words two tokens further, the
 * shapes one further, the pairs of words and shapes with a scored
 * token): it labels as the general path does with capitalised words one
 * to seven tokens apart, at the very start and end of the text or not,
 * and in a text without one. */
static void test_tagger_fast_path_far_runs(void **state) {
  (void)state;
  const cw_ner_model *m = model_or_skip();
  static const struct {
    const char *text;
    size_t min_names;
  } texts[] = {
      {"the tug left port at noon and then the barge of Lidia Varga came "
       "in slowly with a load of coal for the mill at Torvik",
       2},
      {"Lidia Varga met a man who had seen Ada Sund and a dog and then "
       "a cat near Oslo before the storm came to Torvik",
       4},
      {"so we went on and on until the mill, where Kestrel Bay Mill and "
       "its long grey sheds of old tin stood by Varga and Sund, Lind, "
       "Olsen and a tug called Torvik",
       3},
      {"a b Varga c d e Sund f g h i Lind j k l m n Olsen o p q r s t u "
       "Hollis v w x y z aa bb Torvik",
       4},
      {"nothing here is written with a capital letter at all, not one "
       "word of it, from the first to the last",
       0},
  };
  for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
    tagged t;
    tag_prepare(&t, texts[k].text);
    char doc[32];
    snprintf(doc, sizeof doc, "far text %zu", k);
    check_fast_path(m, &t, doc, texts[k].min_names);
    tag_free(&t);
  }
}

/* The fast path sums only the tokens in runs around the capitalised
 * words, widened by one token for shapes and two for words, and keys the
 * other tokens' words by their bytes: capitalised words first and last,
 * runs that touch (three tokens apart), runs one, two and three tokens
 * apart, numbers and marks of one to nine bytes (the short ones keyed as
 * numbers, the rest by the map), some repeated, beside names. */
static void test_tagger_fast_path_run_edges(void **state) {
  (void)state;
  const cw_ner_model *m = model_or_skip();
  static const struct {
    const char *text;
    size_t min_names;
  } texts[] = {
      {"Varga a b Sund c d e Lind f g h i Olsen j k l m n Hollis", 4},
      {"Varga Sund", 1},
      {"Torvik", 1},
      {"Lidia Varga paid 7 , 42 ; 3.5 -- 2,000 ... 1,000,000 and "
       "12,345,678 to Ada Sund , 7 ; 42 , 2,000 -- 1,000,000 : Torvik",
       3},
      {"\xE2\x80\x9CVarga\xE2\x80\x9D \xE2\x80\x94 Sund \xE2\x80\x93 "
       "Lind \xE2\x80\xA6 \xE2\x80\x9CKestrel Bay\xE2\x80\x9D 19 % "
       "of 1.5 bn in Oslo",
       3},
      {"so 4 . Varga , 5 ! Sund ? 6 ; Lind : 7 , Olsen", 4},
  };
  for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
    tagged t;
    tag_prepare(&t, texts[k].text);
    char doc[32];
    snprintf(doc, sizeof doc, "run edges %zu", k);
    check_fast_path(m, &t, doc, texts[k].min_names);
    /* decoded again (the thread's caches warm): the same labels */
    size_t n = t.toks.len ? t.toks.len : 1;
    unsigned char *a = calloc(n, 1), *b = calloc(n, 1);
    assert_non_null(a);
    assert_non_null(b);
    cw_ner_decode(&t.d, cw_ner_model_score, (void *)m, a);
    cw_ner_decode(&t.d, cw_ner_model_score, (void *)m, b);
    assert_memory_equal(a, b, n);
    free(a);
    free(b);
    tag_free(&t);
  }
}

/* The fast path writes every label, whatever the array held: the tokens
 * it does not score (more than one token from every capitalised word) O,
 * the others as over a zeroed array. Gaps of one, two and three such
 * tokens between scored ones, and scored tokens at both ends. */
static void test_tagger_fast_path_labels_written(void **state) {
  (void)state;
  const cw_ner_model *m = model_or_skip();
  const char *text = "Varga a Sund b c Lind d e f Olsen g h i j Hollis said "
                     "that the mill in Torvik would close on Monday";
  tagged t;
  tag_prepare(&t, text);
  size_t n = t.toks.len;
  unsigned char *zeroed = calloc(n, 1), *filled = malloc(n);
  assert_non_null(zeroed);
  assert_non_null(filled);
  memset(filled, 0xee, n);
  cw_ner_decode(&t.d, cw_ner_model_score, (void *)m, zeroed);
  cw_ner_decode(&t.d, cw_ner_model_score, (void *)m, filled);
  assert_memory_equal(zeroed, filled, n);
  const cw_token *tok = t.toks.items;
  size_t far = 0;
  for (size_t i = 0; i < n; i++) {
    int near = 0;
    for (size_t j = i ? i - 1 : 0; j <= i + 1 && j < n; j++)
      near |= (tok[j].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) != 0;
    if (!near) {
      far++;
      assert_int_equal(filled[i], NER_O);
    }
    assert_true(filled[i] < NER_NLABELS);
  }
  assert_int_equal(far, 7); /* "e", "h i", "that the mill", "close" */
  free(zeroed);
  free(filled);
  tag_free(&t);
}

/* A document of more shapes than the tagger numbers in its square table
 * of shape pairs (PAIR_SQUARE_MAX, 128): the pairs then go through the
 * map, and the fast path still labels as the general path does. Every
 * shape of one to seven of X, x and d without a repeat (381 of them),
 * written as words of K, e and 7, after a sentence of names. */
static void test_tagger_fast_path_many_shapes(void **state) {
  (void)state;
  const cw_ner_model *m = model_or_skip();
  static const char head[] = "Lidia Varga of Kestrel Bay Mill met Ada Sund "
                             "in Torvik on Monday. Varga said so.";
  static const char letter[3] = {'K', 'e', '7'};
  char *text = malloc(sizeof head + 381 * 9 + 64);
  assert_non_null(text);
  size_t n = sizeof head - 1, words = 0;
  memcpy(text, head, n);
  for (unsigned len = 1; len <= 7; len++) {
    /* shape k of this length: its first class, then a step of 1 or 2
     * (mod 3) per bit, so that no class repeats */
    for (unsigned k = 0; k < 3u << (len - 1); k++) {
      unsigned cls = k % 3, bits = k / 3;
      text[n++] = ' ';
      text[n++] = letter[cls];
      for (unsigned b = 0; b + 1 < len; b++) {
        cls = (cls + 1 + (bits >> b & 1)) % 3;
        text[n++] = letter[cls];
      }
      words++;
    }
  }
  memcpy(text + n, ". Ada Sund left.", 17);
  assert_int_equal(words, 381);
  tagged t;
  tag_prepare(&t, text);
  /* the shapes are distinct: at least that many tokens */
  assert_true(t.toks.len > 381);
  check_fast_path(m, &t, "381 shapes", 4);
  tag_free(&t);
  free(text);
}

/* Appends word k of an invented filler vocabulary ("qa", "qb", ...,
 * then longer), distinct for each k, and a space to text at *n. */
static void filler_word(char *text, size_t *n, unsigned k) {
  text[(*n)++] = 'q';
  do {
    text[(*n)++] = (char)('a' + k % 26);
    k /= 26;
  } while (k);
  text[(*n)++] = ' ';
}

/* A document of common words in an order drawn from seed (an LCG), with
 * names among them, and every `filler`-th word (0 for none) a filler word
 * of its own: decoded by the fast path (its word and pair sums from the
 * thread's caches, warm from the documents before) and by the general
 * path, the labels agree. Debug builds also check each pair found in the
 * cache against its sums scored afresh, and every token's sums against
 * those of all its features. */
static void pair_cache_doc(const cw_ner_model *m, unsigned seed, unsigned words,
                           unsigned filler, unsigned *next) {
  static const char *const vocab[] = {
      "the",       "of",   "in",       "said",   "on",       "Monday",
      "to",        "a",    "and",      "for",    "with",     "by",
      "at",        "from", "minister", "chief",  "Lidia",    "Varga",
      "Kestrel",   "Bay",  "Mill",     "Torvik", "Group",    "Mr",
      "company",   "city", "new",      "was",    "has",      "told",
      "reporters", ",",    ".",        "Ada",    "Sund",     "Holdings",
      "Ltd",       "week", "last",     "would",  "president"};
  static const char head[] = "Lidia Varga of Kestrel Bay Mill said on "
                             "Monday that Ada Sund of Torvik Group agreed. ";
  char *text = malloc(sizeof head + (size_t)words * 12 + 8);
  assert_non_null(text);
  size_t n = sizeof head - 1;
  memcpy(text, head, n);
  unsigned x = seed;
  for (unsigned k = 0; k < words; k++) {
    if (filler && k % filler == 0) {
      filler_word(text, &n, (*next)++);
      continue;
    }
    x = x * 1103515245u + 12345u;
    const char *w = vocab[(x >> 16) % (sizeof vocab / sizeof vocab[0])];
    size_t wn = strlen(w);
    memcpy(text + n, w, wn);
    n += wn;
    text[n++] = ' ';
  }
  memcpy(text + n, "Varga left.", 12);
  tagged t;
  tag_prepare(&t, text);
  char doc[64];
  snprintf(doc, sizeof doc, "seed %u, %u words, filler %u", seed, words,
           filler);
  check_fast_path(m, &t, doc, 4);
  tag_free(&t);
  free(text);
}

/* The sums of pairs of neighbouring words kept from document to document
 * (ner_tagger.c's pair cache, keyed by the stamps of the words' entries in
 * the word cache): the same pairs again, the same words in other pairs,
 * and documents of more distinct words than the word cache holds (4,096)
 * and more pairs than the pair cache holds (8,192), whose words evict
 * one another while their pairs stay cached under the old stamps. */
static void test_tagger_word_pair_cache(void **state) {
  (void)state;
  const cw_ner_model *m = model_or_skip();
  unsigned next = 0; /* the next filler word */
  pair_cache_doc(m, 1, 400, 0, &next);
  pair_cache_doc(m, 1, 400, 0, &next);   /* the same pairs, from the cache */
  pair_cache_doc(m, 2, 400, 0, &next);   /* the same words, other pairs */
  pair_cache_doc(m, 3, 12000, 2, &next); /* 6,000 words of their own */
  assert_true(next >= 6000);
  pair_cache_doc(m, 1, 400, 0, &next); /* after the evictions */
  pair_cache_doc(m, 4, 3000, 3, &next);
  pair_cache_doc(m, 2, 400, 0, &next);
  /* the stamps run out inside a document (its later words are scored
   * uncached), then the cache starts over for the next one */
  cw_ner_cache_restamp(m, UINT32_MAX - 300);
  pair_cache_doc(m, 5, 400, 4, &next);  /* some 150 stamps given */
  pair_cache_doc(m, 6, 1600, 2, &next); /* 800 words more: they run out */
  pair_cache_doc(m, 5, 400, 4, &next);  /* a fresh cache */
  pair_cache_doc(m, 6, 1600, 2, &next);
  cw_ner_cache_restamp(m, 0);
}

/* The document's list of capitalised words (the tokens the gazetteer
 * runs, the document context and the first pass's labels start from):
 * every word token with a capital first letter or in capitals, in order,
 * sentence starts, headlines and words beyond ASCII included, and no
 * other token. */
static void test_tagger_caps_list(void **state) {
  (void)state;
  static const char text[] =
      "TORVIK MILL CLOSES\n\nTorvik, March 3 - Lidia Varga of Kestrel Bay "
      "said 3 of 4 workers (\xC3\x89mile and ada) left; iPad x-ray U.S. "
      "\xC3\xA9"
      "cole B52 \"Sund\" met O'Neill.";
  tagged t;
  tag_prepare(&t, text);
  const cw_token *tok = t.toks.items;
  size_t k = 0, caps = 0;
  for (size_t i = 0; i < t.toks.len; i++) {
    int cap = tok[i].kind == CW_TOK_WORD &&
              (tok[i].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS));
    if (!cap)
      continue;
    caps++;
    assert_true(k < t.d.ncaps);
    assert_int_equal(t.d.caps[k], i);
    k++;
  }
  assert_int_equal(t.d.ncaps, k);
  assert_true(caps >= 12);
  tag_free(&t);
}

/* Shapes from the tokenizer's flags (a word of ASCII letters in one
 * case, or a capital then lower case) are those spelled out byte by
 * byte: the same document with CW_TOKF_ASCII cleared has the same shape
 * at every token. */
static void test_tagger_shapes_from_flags(void **state) {
  (void)state;
  const char *text = "Harbour HARBOUR harbour A a McRae iPad HarbouR I'm "
                     "B52 x-ray U.S. caf\xC3\xA9 \xC3\x89"
                     "cole 3.5 -- "
                     "Oslo's OSLO, oslo. Ab aB AB ab";
  tagged t;
  tag_prepare(&t, text);
  cw_token *plain = malloc(t.toks.len * sizeof *plain);
  assert_non_null(plain);
  memcpy(plain, t.toks.items, t.toks.len * sizeof *plain);
  size_t ascii = 0;
  for (size_t i = 0; i < t.toks.len; i++) {
    ascii += (plain[i].flags & CW_TOKF_ASCII) != 0;
    plain[i].flags &= ~(CW_TOKF_ASCII | CW_TOKF_MIXED);
  }
  assert_true(ascii >= 12); /* the shortcut is taken */
  cw_ner_doc d;
  assert_int_equal(cw_ner_doc_init(&d, text, plain, t.toks.len), CW_OK);
  for (size_t i = 0; i < t.toks.len; i++)
    assert_memory_equal(t.d.shape[i], d.shape[i], sizeof d.shape[i]);
  /* and they are what the words look like */
  assert_string_equal(t.d.shape[0], "Xx");
  assert_string_equal(t.d.shape[1], "X");
  assert_string_equal(t.d.shape[2], "x");
  assert_string_equal(t.d.shape[3], "X");
  assert_string_equal(t.d.shape[5], "XxXx");
  cw_ner_doc_free(&d);
  free(plain);
  tag_free(&t);
}

/* Whether token i has the same features in a and b. */
static int same_features(const cw_ner_doc *a, size_t i, const cw_ner_doc *b,
                         size_t j) {
  uint32_t fa[NER_MAX_FEATS], fb[NER_MAX_FEATS];
  size_t na = cw_ner_features(a, i, NER_O, NER_O, fa);
  size_t nb = cw_ner_features(b, j, NER_O, NER_O, fb);
  return na == nb && memcmp(fa, fb, na * sizeof fa[0]) == 0;
}

static size_t n_features(const cw_ner_doc *d, size_t i) {
  uint32_t f[NER_MAX_FEATS];
  return cw_ner_features(d, i, NER_O, NER_O, f);
}

static void test_tagger_document_context(void **state) {
  (void)state;
  /* "Varga" opening a sentence looks the same in both texts, but only the
   * first names a Lidia Varga elsewhere */
  tagged with, without;
  tag_prepare(&with, "Varga spoke first. Then Lidia Varga left.");
  tag_prepare(&without, "Varga spoke first. Then Lidia Marten left.");
  assert_int_equal(with.toks.len, without.toks.len);
  assert_false(same_features(&with.d, 0, &without.d, 0));
  assert_true(same_features(&with.d, 1, &without.d, 1)); /* "spoke" */
  tag_free(&with);
  tag_free(&without);
}

static void test_tagger_two_passes(void **state) {
  (void)state;
  tagged t, fresh;
  const char *text = "Varga met Pell in Oslo. Varga left.";
  tag_prepare(&t, text);
  tag_prepare(&fresh, text);
  size_t n = t.toks.len, calls = 0;
  unsigned char *lab = calloc(n, 1), *again = calloc(n, 1);
  assert_non_null(lab);
  assert_non_null(again);
  cw_ner_decode(&t.d, all_person, &calls, lab);
  /* two greedy passes over every token but the last full stop, two
   * tokens from the last capitalised word */
  assert_int_equal(calls, 2 * (n - 1));
  for (size_t i = 0; i + 1 < n; i++)
    assert_int_equal(lab[i], NER_B_PER);
  assert_int_equal(lab[n - 1], NER_O);
  /* the second pass saw "Varga" called PER elsewhere; "Oslo", named once,
   * has no other occurrence to learn from */
  assert_true(n_features(&t.d, 0) > n_features(&fresh.d, 0));
  assert_false(same_features(&t.d, 0, &fresh.d, 0));
  assert_true(same_features(&t.d, 4, &fresh.d, 4));
  /* decoding again starts from a clean first pass: same labels */
  calls = 0;
  cw_ner_decode(&t.d, all_person, &calls, again);
  assert_int_equal(calls, 2 * (n - 1));
  assert_memory_equal(lab, again, n);
  free(lab);
  free(again);
  tag_free(&t);
  tag_free(&fresh);
}

static void test_tagger_far_tokens(void **state) {
  (void)state;
  /* only the words next to a capitalised word are scored: the rest is O
   * whatever the scorer would say, the full stops included */
  const char *text = "She said that the port of Korsvik would reopen in a "
                     "week, and nobody there objected.";
  tagged t;
  tag_prepare(&t, text);
  size_t calls = 0, n = t.toks.len, korsvik = n;
  unsigned char *lab = calloc(n, 1);
  assert_non_null(lab);
  cw_ner_decode(&t.d, all_person, &calls, lab);
  const cw_token *tok = t.toks.items;
  for (size_t i = 0; i < n; i++)
    if (tok[i].end - tok[i].start == 7 &&
        memcmp(text + tok[i].start, "Korsvik", 7) == 0)
      korsvik = i;
  assert_true(korsvik > 2 && korsvik + 2 < n);
  /* "She" and "said"; "of", "Korsvik" and "would": five, in each pass */
  assert_int_equal(calls, 2 * 5);
  for (size_t i = 0; i < n; i++) {
    int near = i <= 1 || (i + 1 >= korsvik && i <= korsvik + 1);
    assert_int_equal(lab[i], near ? NER_B_PER : NER_O);
  }
  free(lab);
  tag_free(&t);
}

/* A scorer that would continue every name once one is open. */
static void continue_person(void *ctx, const uint32_t *f, size_t nf,
                            float *scores) {
  all_person(ctx, f, nf, scores);
  scores[NER_I_PER] = 2.0f;
}

/* A scorer that labels the k-th token it is asked about script[k % n]. */
typedef struct scripted {
  const unsigned char *script;
  size_t n, calls;
} scripted;

static void scripted_score(void *ctx, const uint32_t *f, size_t nf,
                           float *scores) {
  (void)f;
  (void)nf;
  scripted *sc = ctx;
  int want = sc->script[sc->calls++ % sc->n];
  for (int l = 0; l < NER_NLABELS; l++)
    scores[l] = l == want ? 1.0f : 0.0f;
}

/* After decoding, each capitalised word holds the first pass's context
 * bits (ner_tagger.c: NF_L1_* from bit 19, the majority type from bit 25):
 * which label types (O fifth, a surname sixth) the word's other
 * capitalised occurrences had, and the type most of them had (the first
 * of equal counts, 0 for none). Labels scripted: a word met once, words
 * met with one label throughout, with several, as a surname and not, and
 * a majority tie. */
static void test_tagger_label_context(void **state) {
  (void)state;
  static const char text[] =
      "Varga Sund Varga Lind Varga Sund Olsen Varga Sund Olsen Kestrel "
      "Torvik Varga Torvik Lind";
  static const unsigned char script[] = {
      NER_B_PER,  NER_I_PER, NER_B_PER, NER_B_LOC, NER_O,
      NER_B_PER,  NER_O,     NER_B_LOC, NER_B_ORG, NER_O,
      NER_B_MISC, NER_B_ORG, NER_I_ORG, NER_B_LOC, NER_B_LOC};
  tagged t;
  tag_prepare(&t, text);
  const size_t n = t.toks.len;
  assert_int_equal(n, sizeof script);
  assert_int_equal(t.d.ncaps, n);
  scripted sc = {script, n, 0};
  unsigned char *lab = calloc(n, 1);
  assert_non_null(lab);
  cw_ner_decode(&t.d, scripted_score, &sc, lab);
  assert_int_equal(sc.calls, 2 * n); /* both passes, every token */
  assert_memory_equal(lab, script, n);
  size_t with_bits = 0, with_maj = 0;
  for (size_t q = 0; q < n; q++) {
    size_t i = t.d.caps[q];
    unsigned c[6] = {0}, bits = 0, maj = 0, best = 0;
    for (size_t r = 0; r < n; r++) {
      size_t j = t.d.caps[r];
      if (j == i || t.d.word_id[j] != t.d.word_id[i])
        continue;
      int l = script[j];
      c[l == NER_O ? 4 : (l - 1) / 2]++;
      if (l == NER_I_PER && (j + 1 == n || script[j + 1] != NER_I_PER))
        c[5]++;
    }
    for (unsigned k = 0; k < 6; k++)
      bits |= (unsigned)(c[k] != 0) << k;
    for (unsigned k = 0; k < 5; k++)
      if (c[k] > best) {
        best = c[k];
        maj = k + 1;
      }
    assert_int_equal((t.d.tflags[i] >> 19) & 0x3fu, bits);
    assert_int_equal((t.d.tflags[i] >> 25) & 7u, maj);
    with_bits += bits != 0;
    with_maj += maj != 0;
  }
  /* Kestrel alone has none; Lind's other is a LOC; the second Sund's
   * others are a surname and an ORG, the first's no surname; the first
   * Varga's others four types once each: PER, the first */
  assert_int_equal(with_bits, n - 1);
  assert_int_equal((t.d.tflags[t.d.caps[10]] >> 19) & 0x3fu, 0);
  assert_int_equal((t.d.tflags[t.d.caps[3]] >> 25) & 7u, 3); /* LOC */
  assert_int_equal((t.d.tflags[t.d.caps[5]] >> 19) & 0x3fu, 1u | 2u | 1u << 5);
  assert_int_equal((t.d.tflags[t.d.caps[1]] >> 19) & 0x3fu, 1u | 2u);
  assert_int_equal((t.d.tflags[t.d.caps[0]] >> 25) & 7u, 1); /* PER */
  assert_int_equal(with_maj, n - 1);
  free(lab);
  tag_free(&t);
}

static void test_tagger_line_break(void **state) {
  (void)state;
  /* names are not carried over a line break: the headline's last word
   * and the dateline are two */
  const char *text = "Harbour Deal Agreed\nKORSVIK - Officials met.";
  tagged t;
  tag_prepare(&t, text);
  size_t calls = 0, n = t.toks.len, korsvik = n;
  unsigned char *lab = calloc(n, 1);
  assert_non_null(lab);
  cw_ner_decode(&t.d, continue_person, &calls, lab);
  const cw_token *tok = t.toks.items;
  for (size_t i = 0; i < n; i++)
    if (tok[i].end - tok[i].start == 7 &&
        memcmp(text + tok[i].start, "KORSVIK", 7) == 0)
      korsvik = i;
  assert_true(korsvik < n);
  assert_int_equal(lab[0], NER_B_PER);
  assert_int_equal(lab[korsvik - 1], NER_I_PER); /* "Agreed" */
  assert_int_equal(lab[korsvik], NER_B_PER);
  assert_int_equal(lab[korsvik + 1], NER_I_PER);
  free(lab);
  tag_free(&t);
}

/* A common word capitalised at the head of a person's name is no part of
 * it: a function word opening a sentence or after a mark ("So Kellerman"),
 * a noun for people ("Veteran Daniel Okafor", "All - Star Peter
 * Quintrell", "Friend Halloran"); though a first name stays ("Will
 * Okafor", "spokesman Per Lindqvist"), and so do a word for kin that
 * titles clergy ("Mother Agnetha") and a name that is no person's ("Star
 * Tribune"). The tagger's types decide which names are people's. */
static void test_common_word_heads(void **state) {
  (void)state;
  model_or_skip();
  cw_analysis *a = analyze(
      "After a long chase of free agent Tobias Renwick, So Kellerman cleared "
      "the cap room the club needed. Kellerman said the team would "
      "improve.\n\nVeteran Daniel Okafor and rookie Brisk Aldane signed later "
      "in the summer. Former All - Star Peter Quintrell joined them. Friend "
      "Halloran stayed away.");
  expect(a, "Kellerman", CW_ENT_PERSON);
  expect(a, "Daniel Okafor", CW_ENT_PERSON);
  expect(a, "Peter Quintrell", CW_ENT_PERSON);
  expect(a, "Halloran", CW_ENT_PERSON);
  assert_false(named_anywhere(a, "So "));
  assert_false(named_anywhere(a, "Veteran"));
  assert_false(named_anywhere(a, "Star "));
  assert_false(named_anywhere(a, "Friend"));
  cw_analysis_free(a);

  a = analyze("Star Tribune reporters asked about the trade. Harrowgate "
              "spokesman Per Lindqvist told reporters the club was calm. "
              "Mother Agnetha led the prayers, and Will Okafor read the "
              "lesson.");
  assert_non_null(entity(a, "Star Tribune"));
  expect(a, "Per Lindqvist", CW_ENT_PERSON);
  assert_non_null(entity(a, "Mother Agnetha"));
  expect(a, "Will Okafor", CW_ENT_PERSON);
  cw_analysis_free(a);
}

/* A title-cased line that capitalises a function word is a headline
 * wherever it stands and whatever numbers it holds: only the words the
 * body capitalises too are names there ("Kites Make Offer To Renwick (8
 * Years?)"). A list of names or a results table is none, nor is a
 * sentence that ends in a full stop ("Korsvik (The Meadow): ..."). */
static void test_headlines_with_function_words(void **state) {
  (void)state;
  model_or_skip();
  cw_analysis *a =
      analyze("The Harrowgate Kites have offered a contract to Tobias "
              "Renwick, the club said.\n\nKites Make Offer To Renwick (8 "
              "Years?)\n\nRenwick declined to comment on the offer.");
  expect(a, "Tobias Renwick", CW_ENT_PERSON);
  assert_false(named_anywhere(a, "Offer"));
  assert_false(named_anywhere(a, "To Renwick"));
  cw_analysis_free(a);

  a = analyze("The squads were named on Monday.\n\nNorway - Ilse Marten, "
              "Tomas Brekke, Halvard Osk\n\nKorsvik (The Meadow): "
              "Harrowfield 195, Brennmoor 429-7 (T. Aldane 80 not out, M. "
              "Quintrell 70).");
  expect(a, "Ilse Marten", CW_ENT_PERSON);
  expect(a, "Tomas Brekke", CW_ENT_PERSON);
  expect(a, "Halvard Osk", CW_ENT_PERSON);
  expect(a, "T. Aldane", CW_ENT_PERSON);
  expect(a, "M. Quintrell", CW_ENT_PERSON);
  cw_analysis_free(a);
}

/* A person's name that ends its sentence leaves the full stop out
 * ("Benjamin David Lindqvist."); an abbreviation keeps its dot there
 * ("Lindqvist Jr."). */
static void test_name_before_full_stop(void **state) {
  (void)state;
  model_or_skip();
  cw_analysis *a =
      analyze("The lawsuit names Brevik shipping heir Benjamin David "
              "Lindqvist.\n\nFanning says at least a dozen people saw it.");
  expect(a, "Benjamin David Lindqvist", CW_ENT_PERSON);
  assert_false(named_anywhere(a, "Lindqvist."));
  cw_analysis_free(a);

  a = analyze("The lawsuit names Brevik shipping heir Benjamin David "
              "Lindqvist Jr.\n\nFanning says at least a dozen people saw it.");
  expect(a, "Benjamin David Lindqvist Jr.", CW_ENT_PERSON);
  cw_analysis_free(a);
}

/* The capitals of a clock time are no name ("5:40 p.m. ET", "08:45 AM
 * PDT", "11am IST"), nor is a numbered gate after "at"; capitals after a
 * number that is no time stay ("In 2019 NATO"), or after a time that
 * ends a sentence ("at 9:30. NATO"), as does a known place after "at". */
/* A name after "council on" that ends the text: the check for "and"
 * after the name asked of the token past the last one (a read past the
 * token array, found by fuzz_quotes; ASan stops the test build on it). */
static void test_remit_name_at_text_end(void **state) {
  (void)state;
  static const char *const texts[] = {
      "Most council on Harbor Ledger",
      "Residents met the Harbor Council on Tuesday.\n\n"
      "Most council on Harbor Ledger"};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    cw_analysis *a = analyze(texts[i]);
    assert_non_null(find_entity(a, "Harbor Ledger"));
    cw_analysis_free(a);
  }
}

static void test_clock_times_and_numbered_places(void **state) {
  (void)state;
  cw_analysis *a = analyze(
      "Updated 5:40 p.m. ET\n\nPosted on June 13, 2023 08:45 AM PDT\n\nThe "
      "strike at the Port of Korsa began at 11am IST when dockworkers walked "
      "out. They gathered at Gate 3 on Monday.");
  assert_non_null(entity(a, "Port of Korsa"));
  assert_null(find_entity(a, "ET"));
  assert_null(find_entity(a, "AM"));
  assert_false(named_anywhere(a, "PDT"));
  assert_false(named_anywhere(a, "IST"));
  assert_false(named_anywhere(a, "11am"));
  assert_null(find_entity(a, "Gate"));
  cw_analysis_free(a);

  a = analyze("In 2019 NATO held its summit in Korsvik. The ministers met at "
              "9:30. NATO officials briefed reporters. The ferry docked at "
              "Bergen 2 hours late.");
  assert_non_null(entity(a, "NATO"));
  assert_non_null(entity(a, "Bergen"));
  cw_analysis_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_gazetteer),
      cmocka_unit_test(test_tagger_far_tokens),
      cmocka_unit_test(test_tagger_fast_path_labels_written),
      cmocka_unit_test(test_gazetteer_longer),
      cmocka_unit_test(test_tagger_gazetteer_runs),
      cmocka_unit_test(test_lexicon_lookup),
      cmocka_unit_test(test_first_name_and_surname),
      cmocka_unit_test(test_honorifics_and_roles),
      cmocka_unit_test(test_particle_names),
      cmocka_unit_test(test_party_state_tags),
      cmocka_unit_test(test_organisation_heads),
      cmocka_unit_test(test_acronym_defined_in_text),
      cmocka_unit_test(test_place_evidence),
      cmocka_unit_test(test_initials_and_hyphens),
      cmocka_unit_test(test_initial_words_inside_longer_names),
      cmocka_unit_test(test_heading_glued_to_sentence),
      cmocka_unit_test(test_determined_common_words),
      cmocka_unit_test(test_organisation_tails_and_clubs),
      cmocka_unit_test(test_apposition_types),
      cmocka_unit_test(test_capitalised_common_words),
      cmocka_unit_test(test_quoted_titles),
      cmocka_unit_test(test_first_names_and_pairs),
      cmocka_unit_test(test_committees_ranks_countries),
      cmocka_unit_test(test_facilities),
      cmocka_unit_test(test_tagger_model),
      cmocka_unit_test(test_tagger_feature_hash),
      cmocka_unit_test(test_tagger_folds_repeated_marks),
      cmocka_unit_test(test_tagger_doc_ctx),
      cmocka_unit_test(test_tagger_doc_one_byte_tokens),
      cmocka_unit_test(test_tagger_doc_flags),
      cmocka_unit_test(test_tagger_document_context),
      cmocka_unit_test(test_tagger_two_passes),
      cmocka_unit_test(test_tagger_fast_path),
      cmocka_unit_test(test_tagger_fast_path_far_runs),
      cmocka_unit_test(test_tagger_fast_path_run_edges),
      cmocka_unit_test(test_tagger_fast_path_many_shapes),
      cmocka_unit_test(test_tagger_word_pair_cache),
      cmocka_unit_test(test_tagger_caps_list),
      cmocka_unit_test(test_tagger_shapes_from_flags),
      cmocka_unit_test(test_tagger_line_break),
      cmocka_unit_test(test_tagger_label_context),
      cmocka_unit_test(test_neighbouring_words),
      cmocka_unit_test(test_common_word_heads),
      cmocka_unit_test(test_headlines_with_function_words),
      cmocka_unit_test(test_name_before_full_stop),
      cmocka_unit_test(test_clock_times_and_numbered_places),
      cmocka_unit_test(test_remit_name_at_text_end),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
