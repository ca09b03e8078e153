/* test_text.c - unit tests of src/text: sentences, tokens, folding, NFC,
 * stemming and stopwords. Every sentence here is invented for the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/text.h"
#include "text/text_int.h"

#include <pthread.h>
#include <stdio.h>

/* ---- helpers ----------------------------------------------------------- */

/* Splits text and checks the sentences against expect (NULL-terminated). */
static void check_sentences(const char *text, const char *const *expect) {
  cw_vec v;
  cw_vec_init(&v, sizeof(cw_span));
  assert_int_equal(cw_text_sentences(text, strlen(text), &v), CW_OK);
  size_t n = 0;
  while (expect[n])
    n++;
  for (size_t i = 0; i < v.len && i < n; i++) {
    cw_span s = CW_VEC_AT(&v, cw_span, i);
    size_t len = s.end - s.start;
    if (len != strlen(expect[i]) || memcmp(text + s.start, expect[i], len) != 0)
      fail_msg("sentence %zu: got [%.*s], want [%s]", i, (int)len,
               text + s.start, expect[i]);
  }
  if (v.len != n) {
    for (size_t i = 0; i < v.len; i++) {
      cw_span s = CW_VEC_AT(&v, cw_span, i);
      print_message("  got [%.*s]\n", (int)(s.end - s.start), text + s.start);
    }
    fail_msg("got %zu sentences, want %zu", v.len, n);
  }
  cw_vec_free(&v);
}

#define SENTENCES(text, ...)                                                   \
  do {                                                                         \
    const char *const want_[] = {__VA_ARGS__, NULL};                           \
    check_sentences(text, want_);                                              \
  } while (0)

static cw_vec tokens_of(const char *text) {
  cw_vec s, t;
  cw_vec_init(&s, sizeof(cw_span));
  cw_vec_init(&t, sizeof(cw_token));
  assert_int_equal(cw_text_sentences(text, strlen(text), &s), CW_OK);
  assert_int_equal(cw_text_tokens(text, strlen(text), &s, &t), CW_OK);
  cw_vec_free(&s);
  return t;
}

static void check_token(const char *text, const cw_vec *t, size_t i,
                        const char *surface, int kind, int flags) {
  assert_true(i < t->len);
  cw_token k = CW_VEC_AT(t, cw_token, i);
  size_t len = k.end - k.start;
  if (len != strlen(surface) || memcmp(text + k.start, surface, len) != 0)
    fail_msg("token %zu: got [%.*s], want [%s]", i, (int)len, text + k.start,
             surface);
  assert_int_equal(k.kind, kind);
  /* the case and sentence flags (test_tokens_ascii_letters checks the
   * fast path's CW_TOKF_ASCII and CW_TOKF_MIXED) */
  assert_int_equal(
      k.flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS | CW_TOKF_SENT_START), flags);
}

/* ---- sentences --------------------------------------------------------- */

static void test_sentences_honorifics(void **state) {
  (void)state;
  SENTENCES("Mr Varga said. Ms Kell left.", "Mr Varga said.", "Ms Kell left.");
  SENTENCES("Dr. Ana Ruiz arrived late. She spoke first.",
            "Dr. Ana Ruiz arrived late.", "She spoke first.");
  SENTENCES("Prof. Lin and Gen. Okoro met Sen. Vale and Gov. Pratt on St. "
            "Agnes Road. Nothing was agreed.",
            "Prof. Lin and Gen. Okoro met Sen. Vale and Gov. Pratt on St. "
            "Agnes Road.",
            "Nothing was agreed.");
  SENTENCES("Mrs. Dale lost to Mr. Abbot vs. all odds. Lt. Col. Reyes "
            "watched.",
            "Mrs. Dale lost to Mr. Abbot vs. all odds.",
            "Lt. Col. Reyes watched.");
}

/* The splitter passes runs of plain bytes eight at a time: a terminal
 * mark, a byte beyond ASCII, a control byte or a line break at any
 * offset of the run (every offset within a few words) still counts
 * where it stands. */
static void test_sentences_plain_runs(void **state) {
  (void)state;
  static const char filler[] = "ab cd, ef gh ij kl mn op qr st uv wx yz ab cd";
  static const char marks[] = ".!?";
  char text[160], first[120];
  for (int p = 0; p <= 40; p++) {
    for (int m = 0; m < 3; m++) {
      snprintf(first, sizeof first, "Tugs %.*sharbour%c", p, filler,
               marks[m]);
      snprintf(text, sizeof text, "%s Cranes moved.", first);
      SENTENCES(text, first, "Cranes moved.");
    }
    /* bytes that are no terminal: the sentence goes on over them */
    static const char *const inner[] = {"\xC3\xA9", "\x01", "\t", "~\x7F"};
    for (int k = 0; k < 4; k++) {
      snprintf(first, sizeof first, "Tugs %.*s%sx harbour.", p, filler,
               inner[k]);
      snprintf(text, sizeof text, "%s Cranes moved.", first);
      SENTENCES(text, first, "Cranes moved.");
    }
    /* a paragraph break ends the sentence wherever it falls */
    snprintf(text, sizeof text, "Tugs %.*sharbour\n\nCranes moved.", p,
             filler);
    snprintf(first, sizeof first, "Tugs %.*sharbour", p, filler);
    SENTENCES(text, first, "Cranes moved.");
  }
}

static void test_sentences_acronyms(void **state) {
  (void)state;
  SENTENCES("U.S. officials met the U.N. envoy. They left.",
            "U.S. officials met the U.N. envoy.", "They left.");
  /* a dotted acronym ends a sentence only before a clear opener */
  SENTENCES("The talks moved to the U.S. The mood was tense.",
            "The talks moved to the U.S.", "The mood was tense.");
  SENTENCES("The U.S. Treasury said nothing.",
            "The U.S. Treasury said nothing.");
  SENTENCES("Prices rose, e.g. bread and milk. Wages did not.",
            "Prices rose, e.g. bread and milk.", "Wages did not.");
  SENTENCES("The U.K. and the U.S. agreed. Talks ended at 5 p.m. Nobody "
            "spoke.",
            "The U.K. and the U.S. agreed.", "Talks ended at 5 p.m.",
            "Nobody spoke.");
}

static void test_sentences_state_tags(void **state) {
  (void)state;
  SENTENCES("Senator Ana Kell, D-Ore., said the vote would wait. Others "
            "disagreed.",
            "Senator Ana Kell, D-Ore., said the vote would wait.",
            "Others disagreed.");
  SENTENCES("Rep. Tom Hale, R-Tex., objected. He left early.",
            "Rep. Tom Hale, R-Tex., objected.", "He left early.");
  SENTENCES("She grew up in Fresno, Calif. The family moved later.",
            "She grew up in Fresno, Calif.", "The family moved later.");
  SENTENCES("The firm is based in Salem, Ore., and in Reno, Nev., too.",
            "The firm is based in Salem, Ore., and in Reno, Nev., too.");
}

static void test_sentences_initials_and_suffixes(void **state) {
  (void)state;
  SENTENCES("John F. Kennedy spoke. J. R. Smith listened.",
            "John F. Kennedy spoke.", "J. R. Smith listened.");
  SENTENCES("They sold Acme Inc. The deal closed.", "They sold Acme Inc.",
            "The deal closed.");
  SENTENCES("Acme Inc. said yes. Bolt Corp. declined.", "Acme Inc. said yes.",
            "Bolt Corp. declined.");
  SENTENCES("Sam Ortiz Jr. won. Pens, pads, etc. were free.",
            "Sam Ortiz Jr. won.", "Pens, pads, etc. were free.");
  SENTENCES("No. 10 said nothing. Jan. 5 was quiet.", "No. 10 said nothing.",
            "Jan. 5 was quiet.");
  /* lower-case "no" is an ordinary word */
  SENTENCES("She said no. Then she left.", "She said no.", "Then she left.");
}

/* After a suffix abbreviation a sentence ends before a capitalised word
 * only when a line break or an opening mark comes first or the word
 * typically opens a sentence (a function word or an honorific, looked at
 * only there): "Inc. The", "Jr. Mr", "Co. \"Smith", not "Corp. Smith"
 * nor "Inc. The-" (a longer word) or "Ltd. Thermo". */
static void test_sentences_after_suffix_starters(void **state) {
  (void)state;
  SENTENCES("They sold Acme Inc. They left.", "They sold Acme Inc.",
            "They left.");
  SENTENCES("Ask Sam Ortiz Jr. Mr Lund agreed.", "Ask Sam Ortiz Jr.",
            "Mr Lund agreed.");
  SENTENCES("Bolt Corp. Smith agreed.", "Bolt Corp. Smith agreed.");
  SENTENCES("Bolt Co. \"Smith agreed.\"", "Bolt Co.", "\"Smith agreed.\"");
  SENTENCES("Bolt Corp.\nSmith agreed.", "Bolt Corp.", "Smith agreed.");
  SENTENCES("Acme Inc. The-Group rose.", "Acme Inc. The-Group rose.");
  SENTENCES("Acme Ltd. Thermo rose.", "Acme Ltd. Thermo rose.");
  SENTENCES("Acme Ltd. The", "Acme Ltd.", "The");
}

static void test_sentences_before_lower_case(void **state) {
  (void)state;
  /* a lower-case word or a continuation after a period never starts a
   * sentence, whatever the word before (its class is not looked up) */
  SENTENCES("The levy rose. and the toll fell.",
            "The levy rose. and the toll fell.");
  SENTENCES("Bolt Corp. shares rose, e.g. yesterday.",
            "Bolt Corp. shares rose, e.g. yesterday.");
  SENTENCES("See No. 5, then Gen. reserves fell.",
            "See No. 5, then Gen. reserves fell.");
  SENTENCES("It rose 5 p.m. , then fell.", "It rose 5 p.m. , then fell.");
  /* with an upper-case word next, each class still decides */
  SENTENCES("The levy rose. The toll fell.", "The levy rose.",
            "The toll fell.");
  SENTENCES("Ask Sen. Ortiz, e.g. Paris.", "Ask Sen. Ortiz, e.g. Paris.");
  SENTENCES("They sold Acme Inc. They left.", "They sold Acme Inc.",
            "They left.");
  SENTENCES("See No. 5 there.", "See No. 5 there.");
}

static void test_sentences_numbers_and_ellipses(void **state) {
  (void)state;
  SENTENCES("Growth was 3.5 percent. Prices rose 2.1 percent.",
            "Growth was 3.5 percent.", "Prices rose 2.1 percent.");
  SENTENCES("He paused... Then he left.", "He paused...", "Then he left.");
  SENTENCES("It was... fine, he said.", "It was... fine, he said.");
  SENTENCES("It was\xE2\x80\xA6 over. Nobody came back\xE2\x80\xA6",
            "It was\xE2\x80\xA6 over.", "Nobody came back\xE2\x80\xA6");
  SENTENCES("Visit example.com today. It is free.", "Visit example.com today.",
            "It is free.");
}

static void test_sentences_quotes(void **state) {
  (void)state;
  SENTENCES("\"We will win.\" He smiled.", "\"We will win.\"", "He smiled.");
  SENTENCES("\xE2\x80\x9CWe will win.\xE2\x80\x9D He smiled.",
            "\xE2\x80\x9CWe will win.\xE2\x80\x9D", "He smiled.");
  SENTENCES("'It is over.' She left.", "'It is over.'", "She left.");
  SENTENCES("\xE2\x80\x98It is over.\xE2\x80\x99 She left.",
            "\xE2\x80\x98It is over.\xE2\x80\x99", "She left.");
  SENTENCES("\"Is it over?\" she asked.", "\"Is it over?\" she asked.");
  SENTENCES("'Scary,' Ms Kell wrote. Nobody answered.",
            "'Scary,' Ms Kell wrote.", "Nobody answered.");
  SENTENCES("He said: \"Go.\" (They went.) Later it rained.",
            "He said: \"Go.\"", "(They went.)", "Later it rained.");
}

static void test_sentences_marks(void **state) {
  (void)state;
  SENTENCES("Is it over? Nobody knows! We wait.", "Is it over?",
            "Nobody knows!", "We wait.");
  SENTENCES("Really?! Yes.", "Really?!", "Yes.");
  SENTENCES("Yahoo! said nothing.", "Yahoo! said nothing.");
}

static void test_sentences_lines(void **state) {
  (void)state;
  /* a blank line always ends a sentence */
  SENTENCES("Storm warning\n\nThe port closed today\n \r\nShips waited",
            "Storm warning", "The port closed today", "Ships waited");
  /* hard-wrapped prose: a newline inside a sentence ends nothing */
  SENTENCES("The mayor said the\nport would close. It did\nnot reopen.",
            "The mayor said the\nport would close.", "It did\nnot reopen.");
  /* terminal punctuation at the end of a line */
  SENTENCES("The port closed.\nShips waited.", "The port closed.",
            "Ships waited.");
  /* a heading line */
  SENTENCES("Port closes after storm\nThe harbour closed on Monday. Ships "
            "waited.",
            "Port closes after storm", "The harbour closed on Monday.",
            "Ships waited.");
  /* a line ending on a function word is not a heading */
  SENTENCES("The harbour closed and\nThe Times reported it.",
            "The harbour closed and\nThe Times reported it.");
  /* one paragraph per line: every newline ends a sentence */
  SENTENCES("The harbour board met for six hours on Tuesday and agreed to "
            "reopen the eastern pier once inspectors finish their survey of "
            "the damaged cranes and mooring posts. PHOTO: ANA RUIZ/HARBOUR "
            "DAILY\nPORTLAND \xE2\x80\x93 The board chair said work starts "
            "soon.",
            "The harbour board met for six hours on Tuesday and agreed to "
            "reopen the eastern pier once inspectors finish their survey of "
            "the damaged cranes and mooring posts.",
            "PHOTO: ANA RUIZ/HARBOUR DAILY",
            "PORTLAND \xE2\x80\x93 The board chair said work starts soon.");
}

/* Runs of printable ASCII are passed over at once: the bytes that end
 * them (spaces, control bytes, terminal marks, DEL and non-ASCII) still
 * split where they did, whatever the run before them. */
static void test_sentences_ascii_runs(void **state) {
  (void)state;
  SENTENCES("Ferries#1,2&3~run(daily). Buses@5:30{sharp}! Trams?No.",
            "Ferries#1,2&3~run(daily).", "Buses@5:30{sharp}!", "Trams?No.");
  SENTENCES("Rain\x7fstopped. Wind\x01rose.\tSun\x1fset.", "Rain\x7fstopped.",
            "Wind\x01rose.", "Sun\x1fset.");
  SENTENCES("Caf\xC3\xA9s opened. Na\xC3\xAFve plans\xE2\x80\xA6 failed.",
            "Caf\xC3\xA9s opened.", "Na\xC3\xAFve plans\xE2\x80\xA6 failed.");
  SENTENCES("x", "x");
  SENTENCES("Ends here.Next", "Ends here.Next");
}

/* Every byte of a plain run (printable ASCII but the terminal marks)
 * inside a word leaves the split where the terminal mark after it is. */
static void test_sentences_run_bytes(void **state) {
  (void)state;
  for (int b = 0x21; b < 0x80; b++) {
    if (b == '.' || b == '!' || b == '?')
      continue;
    char text[16] = {'G', 'o', (char)b, 'g', 'o', '.', ' ',
                     'S', 't', 'o',     'p', '.', 0};
    cw_vec v;
    cw_vec_init(&v, sizeof(cw_span));
    assert_int_equal(cw_text_sentences(text, strlen(text), &v), CW_OK);
    assert_int_equal(v.len, 2);
    assert_int_equal(CW_VEC_AT(&v, cw_span, 0).start, 0);
    assert_int_equal(CW_VEC_AT(&v, cw_span, 0).end, 6);
    assert_int_equal(CW_VEC_AT(&v, cw_span, 1).start, 7);
    assert_int_equal(CW_VEC_AT(&v, cw_span, 1).end, 12);
    cw_vec_free(&v);
  }
}

static void test_sentences_offsets(void **state) {
  (void)state;
  const char *text = "  Hello there.  \n\n  Bye now. ";
  cw_vec v;
  cw_vec_init(&v, sizeof(cw_span));
  assert_int_equal(cw_text_sentences(text, strlen(text), &v), CW_OK);
  assert_int_equal(v.len, 2);
  assert_int_equal(CW_VEC_AT(&v, cw_span, 0).start, 2);
  assert_int_equal(CW_VEC_AT(&v, cw_span, 0).end, 14);
  assert_int_equal(CW_VEC_AT(&v, cw_span, 1).start, 20);
  assert_int_equal(CW_VEC_AT(&v, cw_span, 1).end, 28);
  cw_vec_free(&v);
  /* nothing in, nothing out; no-break spaces are trimmed too */
  cw_vec_init(&v, sizeof(cw_span));
  assert_int_equal(cw_text_sentences("", 0, &v), CW_OK);
  assert_int_equal(cw_text_sentences(NULL, 0, &v), CW_OK);
  assert_int_equal(cw_text_sentences(" \n\n\t ", 5, &v), CW_OK);
  assert_int_equal(v.len, 0);
  assert_int_equal(cw_text_sentences("\xC2\xA0Hi.\xC2\xA0", 7, &v), CW_OK);
  assert_int_equal(v.len, 1);
  assert_int_equal(CW_VEC_AT(&v, cw_span, 0).start, 2);
  assert_int_equal(CW_VEC_AT(&v, cw_span, 0).end, 5);
  cw_vec_free(&v);
}

static void test_sentences_invalid_utf8(void **state) {
  (void)state;
  SENTENCES("Bad \xFF\xFE byte here. Next one.", "Bad \xFF\xFE byte here.",
            "Next one.");
  /* a truncated sequence at the very end */
  SENTENCES("Cut short \xE2\x80", "Cut short \xE2\x80");
}

/* ---- tokens ------------------------------------------------------------ */

static void test_tokens_words(void **state) {
  (void)state;
  const char *text = "Musk's Trump-Musk feud: don't ask O'Brien.";
  cw_vec t = tokens_of(text);
  assert_int_equal(t.len, 9);
  check_token(text, &t, 0, "Musk", CW_TOK_WORD,
              CW_TOKF_CAP | CW_TOKF_SENT_START);
  check_token(text, &t, 1, "'s", CW_TOK_WORD, 0);
  check_token(text, &t, 2, "Trump-Musk", CW_TOK_WORD, CW_TOKF_CAP);
  check_token(text, &t, 3, "feud", CW_TOK_WORD, 0);
  check_token(text, &t, 4, ":", CW_TOK_PUNCT, 0);
  check_token(text, &t, 5, "don't", CW_TOK_WORD, 0);
  check_token(text, &t, 6, "ask", CW_TOK_WORD, 0);
  check_token(text, &t, 7, "O'Brien", CW_TOK_WORD, CW_TOKF_CAP);
  check_token(text, &t, 8, ".", CW_TOK_PUNCT, 0);
  cw_vec_free(&t);
}

/* Words of ASCII letters take a fast path that must hand over to the
 * general scanner wherever the next character could continue or split
 * the word: a hyphen, an apostrophe, a digit, the dot of an acronym, a
 * non-ASCII character, the end of the text. */
static void test_tokens_ascii_boundaries(void **state) {
  (void)state;
  const char *text = "NASA's U.S. x-ray B52 abc\xC3\xA9 rock'n I. OK, Ok. "
                     "a.b\x01WHO x\xE2\x80\x99s ok";
  cw_vec t = tokens_of(text);
  check_token(text, &t, 0, "NASA", CW_TOK_WORD,
              CW_TOKF_CAP | CW_TOKF_ALLCAPS | CW_TOKF_SENT_START);
  check_token(text, &t, 1, "'s", CW_TOK_WORD, 0);
  check_token(text, &t, 2, "U.S.", CW_TOK_WORD, CW_TOKF_CAP | CW_TOKF_ALLCAPS);
  check_token(text, &t, 3, "x-ray", CW_TOK_WORD, 0);
  check_token(text, &t, 4, "B52", CW_TOK_WORD, CW_TOKF_CAP);
  check_token(text, &t, 5, "abc\xC3\xA9", CW_TOK_WORD, 0);
  check_token(text, &t, 6, "rock'n", CW_TOK_WORD, 0);
  check_token(text, &t, 7, "I", CW_TOK_WORD, CW_TOKF_CAP);
  check_token(text, &t, 8, ".", CW_TOK_PUNCT, 0);
  check_token(text, &t, 9, "OK", CW_TOK_WORD, CW_TOKF_CAP | CW_TOKF_ALLCAPS);
  check_token(text, &t, 10, ",", CW_TOK_PUNCT, 0);
  check_token(text, &t, 11, "Ok", CW_TOK_WORD, CW_TOKF_CAP);
  check_token(text, &t, 12, ".", CW_TOK_PUNCT, 0);
  check_token(text, &t, 13, "a", CW_TOK_WORD, 0); /* one letter, one dot */
  check_token(text, &t, 14, ".", CW_TOK_PUNCT, 0);
  check_token(text, &t, 15, "b", CW_TOK_WORD, 0);
  check_token(text, &t, 16, "WHO", CW_TOK_WORD, CW_TOKF_CAP | CW_TOKF_ALLCAPS);
  check_token(text, &t, 17, "x", CW_TOK_WORD, 0);
  check_token(text, &t, 18, "\xE2\x80\x99s", CW_TOK_WORD, 0);
  check_token(text, &t, 19, "ok", CW_TOK_WORD, 0);
  assert_int_equal(t.len, 20);
  cw_vec_free(&t);
  /* the ASCII class table agrees with the general classifier */
  for (int32_t cp = 0; cp < 0x80; cp++)
    assert_int_equal(cw_text_ascii_class[cp], cw_text_class(cp));
}

/* The fast path's letters (one table lookup a byte): after "aBc" or
 * "ABC", every byte value either continues the word as a letter, hands
 * it to the general scanner, or ends it, with the case flags of the
 * letters it holds. */
static void test_tokens_ascii_letters(void **state) {
  (void)state;
  for (int b = 1; b < 256; b++) {
    for (int caps = 0; caps < 2; caps++) {
      char text[8] = {
          caps ? 'A' : 'a', 'B', caps ? 'C' : 'c', (char)b, ' ', 'z', 0};
      cw_vec t = tokens_of(text);
      assert_true(t.len >= 2);
      const cw_token *w = &CW_VEC_AT(&t, cw_token, 0);
      int letter = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
      int upper = b >= 'A' && b <= 'Z';
      int fl = CW_TOKF_CAP | CW_TOKF_ALLCAPS | CW_TOKF_ASCII | CW_TOKF_MIXED;
      if (letter) {
        /* "aBcx" and "aBcX" are mixed, "ABCx" too, "ABCX" all capitals */
        assert_int_equal(w->end, 4);
        assert_int_equal(w->kind, CW_TOK_WORD);
        assert_int_equal(w->flags & fl,
                         CW_TOKF_ASCII | (caps ? CW_TOKF_CAP : 0) |
                             (caps && upper ? CW_TOKF_ALLCAPS : CW_TOKF_MIXED));
      } else if (b < 0x80 && b != '-' && b != '\'' && !(b >= '0' && b <= '9')) {
        /* ends the word: space, control bytes, punctuation, DEL */
        assert_int_equal(w->end, 3);
        assert_int_equal(w->kind, CW_TOK_WORD);
        assert_int_equal(w->flags & fl,
                         CW_TOKF_ASCII | (caps ? CW_TOKF_CAP | CW_TOKF_ALLCAPS
                                               : CW_TOKF_MIXED));
      } else {
        /* the general scanner decides; the word still starts at 0 */
        assert_int_equal(w->start, 0);
        assert_true(w->end >= 3);
      }
      cw_vec_free(&t);
    }
  }
  /* one case, a capital then lower case, one letter: not mixed */
  static const struct {
    const char *w;
    int flags;
  } words[] = {{"harbour", CW_TOKF_ASCII},
               {"Harbour", CW_TOKF_ASCII | CW_TOKF_CAP},
               {"HARBOUR", CW_TOKF_ASCII | CW_TOKF_CAP | CW_TOKF_ALLCAPS},
               {"A", CW_TOKF_ASCII | CW_TOKF_CAP},
               {"a", CW_TOKF_ASCII},
               {"McRae", CW_TOKF_ASCII | CW_TOKF_CAP | CW_TOKF_MIXED},
               {"iPad", CW_TOKF_ASCII | CW_TOKF_MIXED},
               {"HarbouR", CW_TOKF_ASCII | CW_TOKF_CAP | CW_TOKF_MIXED},
               /* not the fast path: no ASCII flag */
               {"caf\xC3\xA9", 0},
               {"B52", CW_TOKF_CAP}};
  for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
    char text[32];
    snprintf(text, sizeof text, "x %s y", words[k].w);
    cw_vec t = tokens_of(text);
    assert_int_equal(t.len, 3);
    const cw_token *w = &CW_VEC_AT(&t, cw_token, 1);
    assert_int_equal(w->end - w->start, strlen(words[k].w));
    assert_int_equal(w->flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS | CW_TOKF_ASCII |
                                 CW_TOKF_MIXED),
                     words[k].flags);
    cw_vec_free(&t);
  }
}

static void test_tokens_numbers(void **state) {
  (void)state;
  const char *text = "It cost $2,000 or 3.5% of 300 on the 10th, in 2019.";
  cw_vec t = tokens_of(text);
  assert_int_equal(t.len, 16);
  check_token(text, &t, 2, "$", CW_TOK_PUNCT, 0);
  check_token(text, &t, 3, "2,000", CW_TOK_NUMBER, 0);
  check_token(text, &t, 5, "3.5", CW_TOK_NUMBER, 0);
  check_token(text, &t, 6, "%", CW_TOK_PUNCT, 0);
  check_token(text, &t, 8, "300", CW_TOK_NUMBER, 0);
  check_token(text, &t, 11, "10th", CW_TOK_WORD, 0);
  check_token(text, &t, 12, ",", CW_TOK_PUNCT, 0);
  check_token(text, &t, 14, "2019", CW_TOK_NUMBER, 0);
  check_token(text, &t, 15, ".", CW_TOK_PUNCT, 0);
  cw_vec_free(&t);
  text = "The 20-year-old paid 1,234.50 on 2025-06-06.";
  t = tokens_of(text);
  check_token(text, &t, 1, "20-year-old", CW_TOK_WORD, 0);
  check_token(text, &t, 3, "1,234.50", CW_TOK_NUMBER, 0);
  check_token(text, &t, 5, "2025-06-06", CW_TOK_NUMBER, 0);
  cw_vec_free(&t);
}

static void test_tokens_quotes_and_unicode(void **state) {
  (void)state;
  /* “Musk’s” NASA U.S. École naïve */
  const char *text = "\xE2\x80\x9CMusk\xE2\x80\x99s\xE2\x80\x9D NASA U.S. "
                     "\xC3\x89\x63ole na\xC3\xAFve DEMOCRATS' MUSK'S";
  cw_vec t = tokens_of(text);
  assert_int_equal(t.len, 12);
  check_token(text, &t, 0, "\xE2\x80\x9C", CW_TOK_PUNCT, CW_TOKF_SENT_START);
  check_token(text, &t, 1, "Musk", CW_TOK_WORD, CW_TOKF_CAP);
  check_token(text, &t, 2, "\xE2\x80\x99s", CW_TOK_WORD, 0);
  check_token(text, &t, 3, "\xE2\x80\x9D", CW_TOK_PUNCT, 0);
  check_token(text, &t, 4, "NASA", CW_TOK_WORD, CW_TOKF_CAP | CW_TOKF_ALLCAPS);
  check_token(text, &t, 5, "U.S.", CW_TOK_WORD, CW_TOKF_CAP | CW_TOKF_ALLCAPS);
  check_token(text, &t, 6, "\xC3\x89\x63ole", CW_TOK_WORD, CW_TOKF_CAP);
  check_token(text, &t, 7, "na\xC3\xAFve", CW_TOK_WORD, 0);
  check_token(text, &t, 8, "DEMOCRATS", CW_TOK_WORD,
              CW_TOKF_CAP | CW_TOKF_ALLCAPS);
  check_token(text, &t, 9, "'", CW_TOK_PUNCT, 0);
  check_token(text, &t, 10, "MUSK", CW_TOK_WORD, CW_TOKF_CAP | CW_TOKF_ALLCAPS);
  check_token(text, &t, 11, "'S", CW_TOK_WORD, 0);
  cw_vec_free(&t);
}

static void test_tokens_sentence_starts(void **state) {
  (void)state;
  const char *text = "Ships waited. \"Go,\" she said. Dr. Ruiz left.";
  cw_vec t = tokens_of(text);
  size_t starts = 0;
  for (size_t i = 0; i < t.len; i++)
    if (CW_VEC_AT(&t, cw_token, i).flags & CW_TOKF_SENT_START)
      starts++;
  assert_int_equal(starts, 3);
  check_token(text, &t, 0, "Ships", CW_TOK_WORD,
              CW_TOKF_CAP | CW_TOKF_SENT_START);
  check_token(text, &t, 3, "\"", CW_TOK_PUNCT, CW_TOKF_SENT_START);
  check_token(text, &t, 10, "Dr", CW_TOK_WORD,
              CW_TOKF_CAP | CW_TOKF_SENT_START);
  cw_vec_free(&t);
  /* without sentences no token is marked */
  cw_vec_init(&t, sizeof(cw_token));
  assert_int_equal(cw_text_tokens(text, strlen(text), NULL, &t), CW_OK);
  for (size_t i = 0; i < t.len; i++)
    assert_false(CW_VEC_AT(&t, cw_token, i).flags & CW_TOKF_SENT_START);
  cw_vec_free(&t);
}

static void test_tokens_invalid(void **state) {
  (void)state;
  const char *text = "ab\xFF\xC3 cd \xF0\x9F\x98\x80!";
  cw_vec t;
  cw_vec_init(&t, sizeof(cw_token));
  assert_int_equal(cw_text_tokens(text, strlen(text), NULL, &t), CW_OK);
  assert_int_equal(t.len, 4); /* ab, cd, the emoji, ! */
  check_token(text, &t, 0, "ab", CW_TOK_WORD, 0);
  check_token(text, &t, 1, "cd", CW_TOK_WORD, 0);
  check_token(text, &t, 2, "\xF0\x9F\x98\x80", CW_TOK_PUNCT, 0);
  cw_vec_free(&t);
}

/* ---- folding, NFC, stemming, stopwords --------------------------------- */

static void test_fold(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 0);
  assert_int_equal(cw_text_fold("\xC3\x89\x43OLE", 6, &b), CW_OK);
  assert_string_equal(b.ptr, "\xC3\xA9\x63ole"); /* école */
  cw_buf_reset(&b);
  /* decomposed É folds to the composed é */
  assert_int_equal(cw_text_fold("E\xCC\x81t\xC3\xA9", 6, &b), CW_OK);
  assert_string_equal(b.ptr, "\xC3\xA9t\xC3\xA9");
  cw_buf_reset(&b);
  assert_int_equal(cw_text_fold("Stra\xC3\x9F\x45", 7, &b), CW_OK);
  assert_string_equal(b.ptr, "strasse");
  cw_buf_reset(&b);
  assert_int_equal(cw_text_fold("Elon MUSK", 9, &b), CW_OK);
  assert_string_equal(b.ptr, "elon musk");
  assert_int_equal(cw_text_fold("x\xFF", 2, &b), CW_ERR_CHARSET);
  assert_string_equal(b.ptr, "elon musk"); /* unchanged */
  cw_buf_free(&b);
}

/* Folds are kept per thread (short ones): a fold asked again, after a
 * thousand others evicted it, or after a bad text of the same bytes but
 * one, is the same; a fold appends; an invalid text is never kept. */
static void test_fold_kept(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 0);
  static const char *const in[] = {"\xC3\x89\x43OLE", "Stra\xC3\x9F\x45",
                                   "S\xC3\xA3o Paulo", "O\xC5\x82\x65na"};
  static const char *const want[] = {"\xC3\xA9\x63ole", "strasse",
                                     "s\xC3\xA3o paulo", "o\xC5\x82\x65na"};
  for (int round = 0; round < 3; round++) {
    for (size_t k = 0; k < sizeof in / sizeof *in; k++) {
      cw_buf_reset(&b);
      cw_buf_puts(&b, "e:");
      assert_int_equal(cw_text_fold(in[k], strlen(in[k]), &b), CW_OK);
      assert_int_equal(b.len, 2 + strlen(want[k]));
      assert_memory_equal(b.ptr, "e:", 2);
      assert_memory_equal(b.ptr + 2, want[k], strlen(want[k]));
    }
    /* others, to evict them */
    for (int k = 0; k < 1000; k++) {
      char w[32];
      int n = snprintf(w, sizeof w, "\xC3\x89t%d", k);
      cw_buf_reset(&b);
      assert_int_equal(cw_text_fold(w, (size_t)n, &b), CW_OK);
      assert_memory_equal(b.ptr, "\xC3\xA9t", 3);
    }
    /* an invalid text of the same length as a kept one */
    cw_buf_reset(&b);
    assert_int_equal(cw_text_fold("\xC3\x89\xFFOLE", 6, &b), CW_ERR_CHARSET);
  }
  /* longer than kept: folded as ever */
  char longw[160];
  size_t n = 0;
  while (n + 2 <= 150) {
    memcpy(longw + n, "\xC3\x89", 2);
    n += 2;
  }
  cw_buf_reset(&b);
  assert_int_equal(cw_text_fold(longw, n, &b), CW_OK);
  assert_int_equal(b.len, n);
  for (size_t k = 0; k < n; k += 2)
    assert_memory_equal(b.ptr + k, "\xC3\xA9", 2);
  cw_buf_free(&b);
}

static void test_nfc(void **state) {
  (void)state;
  char *out = NULL;
  size_t n = 0;
  assert_int_equal(cw_text_nfc("caf"
                               "e\xCC\x81",
                               6, &out, &n),
                   CW_OK);
  assert_string_equal(out, "caf\xC3\xA9");
  assert_int_equal(n, 5);
  free(out);
  assert_int_equal(cw_text_nfc("", 0, &out, &n), CW_OK);
  assert_string_equal(out, "");
  assert_int_equal(n, 0);
  free(out);
  assert_int_equal(cw_text_nfc("ok\xFF", 3, &out, &n), CW_ERR_CHARSET);
  assert_null(out);
}

static void test_letter_case(void **state) {
  (void)state;
  size_t n;
  assert_int_equal(cw_text_letter_case("\xC3\x89x", 3, &n), 2);
  assert_int_equal(n, 2);
  assert_int_equal(cw_text_letter_case("e", 1, &n), 1);
  assert_int_equal(cw_text_letter_case("\xE4\xB8\xAD", 3, &n), 1);
  assert_int_equal(cw_text_letter_case("7", 1, &n), 0);
  assert_int_equal(cw_text_letter_case("\xFF", 1, &n), 0);
  assert_int_equal(n, 1);
}

static void test_stem(void **state) {
  (void)state;
  cw_stemmer *s = cw_stemmer_new();
  assert_non_null(s);
  size_t n;
  assert_string_equal(cw_stem(s, "running", 7, &n), "run");
  assert_int_equal(n, 3);
  assert_string_equal(cw_stem(s, "reports", 7, &n), "report");
  assert_string_equal(cw_stem(s, "reporting", 9, NULL), "report");
  assert_string_equal(cw_stem(s, "tariffs", 7, NULL), "tariff");
  /* a slice, not a C string */
  assert_string_equal(cw_stem(s, "cranesXYZ", 6, NULL), "crane");
  char longword[CW_STEM_MAX_WORD + 11];
  memset(longword, 'a', sizeof longword - 1);
  longword[sizeof longword - 1] = '\0';
  assert_string_equal(cw_stem(s, longword, strlen(longword), &n), longword);
  assert_int_equal(n, strlen(longword));
  cw_stemmer_free(s);
  cw_stemmer_free(NULL);
}

/* The memo of a stemmer gives what a fresh stemmer gives, also after it
 * filled up and started over, and for slices of longer strings. */
static void test_stem_memo(void **state) {
  (void)state;
  static const char *const bases[] = {"report",  "run",    "tariff", "crane",
                                      "harbour", "strike", "vote",   "city"};
  static const char *const ends[] = {"",   "s",    "ing", "ed",
                                     "er", "ness", "ies", "ly"};
  cw_stemmer *memo = cw_stemmer_new(), *fresh = cw_stemmer_new();
  assert_non_null(memo);
  assert_non_null(fresh);
  char w[64];
  /* 20,000 distinct words fill the memo (8,192 slots) more than twice */
  for (int round = 0; round < 2; round++) {
    for (int k = 0; k < 20000; k++) {
      int n = snprintf(w, sizeof w, "%s%s%d%s", bases[k % 8], ends[(k / 8) % 8],
                       k / 64, ends[k % 8]);
      size_t a, b;
      const char *x = cw_stem(memo, w, (size_t)n, &a);
      assert_non_null(x);
      char copy[64];
      memcpy(copy, x, a + 1);
      /* at once again: from the memo, the same */
      const char *y = cw_stem(memo, w, (size_t)n, &b);
      assert_int_equal(a, b);
      assert_memory_equal(copy, y, a + 1);
      cw_stemmer_free(fresh);
      fresh = cw_stemmer_new();
      const char *z = cw_stem(fresh, w, (size_t)n, &b);
      assert_int_equal(a, b);
      assert_memory_equal(copy, z, a + 1);
    }
  }
  /* a slice is stemmed as the slice, memoised or not */
  assert_string_equal(cw_stem(memo, "reports", 7, NULL), "report");
  assert_string_equal(cw_stem(memo, "reportsXYZ", 7, NULL), "report");
  assert_string_equal(cw_stem(memo, "reportsXYZ", 6, NULL), "report");
  assert_string_equal(cw_stem(memo, "running", 3, NULL), "run");
  assert_string_equal(cw_stem(memo, "", 0, NULL), "");
  cw_stemmer_free(memo);
  cw_stemmer_free(fresh);
}

/* A word is stemmed from its own bytes alone, memoised or not: words of
 * every length up to past CW_STEM_MAX_WORD, each at the very end of a
 * buffer of its size (a read past it fails under the sanitizer), give
 * on a miss, on a hit and from a fresh stemmer the same stem; so do
 * words that share all but their last byte, or their first. */
static void test_stem_reads_only_the_word(void **state) {
  (void)state;
  static const char letters[] = "reportingharbourstrikesvotedtariffs";
  cw_stemmer *memo = cw_stemmer_new();
  assert_non_null(memo);
  for (size_t n = 1; n <= CW_STEM_MAX_WORD + 2; n++) {
    for (int variant = 0; variant < 3; variant++) {
      char *w = malloc(n);
      assert_non_null(w);
      for (size_t k = 0; k < n; k++)
        w[k] = letters[k % (sizeof letters - 1)];
      if (variant == 1)
        w[n - 1] = 's';
      if (variant == 2)
        w[0] = 'x';
      size_t a, b, c;
      const char *x = cw_stem(memo, w, n, &a);
      assert_non_null(x);
      char copy[CW_STEM_MAX_WORD + 8];
      assert_true(a < sizeof copy);
      memcpy(copy, x, a + 1);
      const char *y = cw_stem(memo, w, n, &b);
      assert_int_equal(a, b);
      assert_memory_equal(copy, y, a + 1);
      cw_stemmer *fresh = cw_stemmer_new();
      assert_non_null(fresh);
      const char *z = cw_stem(fresh, w, n, &c);
      assert_int_equal(a, c);
      assert_memory_equal(copy, z, a + 1);
      cw_stemmer_free(fresh);
      free(w);
    }
  }
  cw_stemmer_free(memo);
}

static void *thread_stemmer_of(void *arg) {
  (void)arg;
  cw_stemmer *s = cw_stemmer_thread();
  return s && !strcmp(cw_stem(s, "strikes", 7, NULL), "strike") ? s : NULL;
}

/* One stemmer per thread: the same handle on every call of a thread,
 * another in another thread (freed when that thread ends). */
static void test_stem_thread(void **state) {
  (void)state;
  cw_stemmer *mine = cw_stemmer_thread();
  assert_non_null(mine);
  assert_ptr_equal(cw_stemmer_thread(), mine);
  assert_string_equal(cw_stem(mine, "votes", 5, NULL), "vote");
  pthread_t th;
  void *other = NULL;
  assert_int_equal(pthread_create(&th, NULL, thread_stemmer_of, NULL), 0);
  assert_int_equal(pthread_join(th, &other), 0);
  assert_non_null(other);
  assert_ptr_not_equal(other, mine);
  assert_ptr_equal(cw_stemmer_thread(), mine);
}

/* Abbreviations are short: a longer word is none without a look-up, and
 * the longest ones and slices of longer words still are. */
static void test_abbrev_long_words(void **state) {
  (void)state;
  assert_int_equal(cw_text_abbrev_class("Messrs", 6), CW_ABBR_PREFIX);
  assert_int_equal(cw_text_abbrev_class("messrsx", 6), CW_ABBR_PREFIX);
  assert_int_equal(cw_text_abbrev_class("messrsx", 7), CW_ABBR_NONE);
  assert_int_equal(cw_text_abbrev_class("Calif", 5), CW_ABBR_SUFFIX);
  assert_int_equal(cw_text_abbrev_class("Califs", 6), CW_ABBR_NONE);
  assert_int_equal(cw_text_abbrev_class("Corporation", 11), CW_ABBR_NONE);
  assert_int_equal(cw_text_abbrev_class("against", 7), CW_ABBR_NONE);
  /* a curly apostrophe: no abbreviation holds one */
  assert_int_equal(cw_text_abbrev_class("Jr\xE2\x80\x99", 5), CW_ABBR_NONE);
  assert_int_equal(cw_text_abbrev_class("Sept", 4), CW_ABBR_DIGIT);
  /* the splitter: "Messrs." opens no sentence, a long word's dot ends one */
  cw_vec v;
  cw_vec_init(&v, sizeof(cw_span));
  const char *t = "We met Messrs. Kell and Orm. Mountaineers. Then we left.";
  assert_int_equal(cw_text_sentences(t, strlen(t), &v), CW_OK);
  assert_int_equal(v.len, 3);
  assert_int_equal(CW_VEC_AT(&v, cw_span, 1).start,
                   (size_t)(strstr(t, "Mountaineers") - t));
  cw_vec_free(&v);
}

/* The splitter's inline ASCII cases (text_int.h) answer as the functions
 * do, for every byte before, at and after a position, and at the ends. */
static void test_space_helpers_agree(void **state) {
  (void)state;
  for (int b = 0; b < 256; b++) {
    char t[8] = {'a', (char)b, 'b', '\xC2', '\xA0', 'c', '\xE2', '\x80'};
    for (size_t len = 0; len <= sizeof t; len++) {
      for (size_t i = 0; i <= len + 1; i++) {
        assert_int_equal(cw_tx_space_len(t, len, i),
                         cw_text_space_len(t, len, i));
        if (i <= len)
          assert_int_equal(cw_tx_space_len_before(t, i),
                           cw_text_space_len_before(t, i));
        if (i < len) {
          size_t n1 = 0, n2 = 0;
          assert_int_equal(cw_tx_class_at(t, len, i, &n1),
                           cw_text_class_at(t, len, i, &n2));
          assert_int_equal(n1, n2);
          assert_int_equal(cw_tx_class_at(t, len, i, NULL),
                           cw_text_class_at(t, len, i, NULL));
        }
      }
    }
  }
}

/* Sentences past the room made up front (and after spans already in the
 * vector) are all there, in order. */
static void test_sentences_many(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 0);
  const size_t count = 5000; /* about 90 KB: more than the room reserved */
  for (size_t i = 0; i < count; i++)
    cw_buf_printf(&b, "Crate %zu was loaded. ", i);
  assert_int_equal(b.err, CW_OK);
  cw_vec v;
  cw_vec_init(&v, sizeof(cw_span));
  cw_span *first = cw_vec_push(&v);
  assert_non_null(first);
  first->start = 7;
  first->end = 9;
  assert_int_equal(cw_text_sentences(b.ptr, b.len, &v), CW_OK);
  assert_int_equal(v.len, count + 1);
  assert_int_equal(CW_VEC_AT(&v, cw_span, 0).start, 7);
  assert_int_equal(CW_VEC_AT(&v, cw_span, 0).end, 9);
  size_t at = 0;
  for (size_t i = 0; i < count; i++) {
    const cw_span *sp = &CW_VEC_AT(&v, cw_span, i + 1);
    char want[64];
    int n = snprintf(want, sizeof want, "Crate %zu was loaded.", i);
    assert_int_equal(sp->start, at);
    assert_int_equal(sp->end - sp->start, (size_t)n);
    assert_memory_equal(b.ptr + sp->start, want, (size_t)n);
    at = sp->end + 1;
  }
  cw_vec_free(&v);
  cw_buf_free(&b);
}

/* The word tables answer through one hash index: exact bytes, each table
 * apart. */
static void test_word_tables(void **state) {
  (void)state;
  assert_int_equal(cw_text_abbrev_class("Mr", 2), CW_ABBR_PREFIX);
  assert_int_equal(cw_text_abbrev_class("dr", 2), CW_ABBR_PREFIX);
  assert_int_equal(cw_text_abbrev_class("No", 2), CW_ABBR_DIGIT);
  assert_int_equal(cw_text_abbrev_class("Inc", 3), CW_ABBR_SUFFIX);
  assert_int_equal(cw_text_abbrev_class("Calif", 5), CW_ABBR_SUFFIX);
  assert_int_equal(cw_text_abbrev_class("calif", 5), CW_ABBR_NONE);
  assert_int_equal(cw_text_abbrev_class("Harbour", 7), CW_ABBR_NONE);
  assert_int_equal(cw_text_abbrev_class("", 0), CW_ABBR_NONE);
  assert_int_equal(cw_text_abbrev_class("Mrx", 2), CW_ABBR_PREFIX); /* slice */
  /* a word of one table is not taken for one of another */
  assert_false(cw_is_stopword("Mr", 2));
  assert_false(cw_is_reporting_verb("the", 3));
  assert_false(cw_is_stopword("said", 4));
  assert_true(cw_is_reporting_verb("said", 4));
  assert_true(cw_is_reporting_verb("announced", 9));
  assert_false(cw_is_reporting_verb("announce", 8));
  assert_false(cw_is_reporting_verb("Said", 4));
  /* longer than any entry */
  assert_false(cw_is_stopword("thethethethethethe", 18));
  /* every stopword is found through the index, in any slot it took */
  size_t k = 0;
  for (const char *w; (w = cw_stopword_at(k)) != NULL; k++)
    assert_true(cw_is_stopword(w, strlen(w)));
  assert_true(k > 100);
  /* curly apostrophes count one byte each: "can’t" is "can't"; a word of
   * more bytes than three times the longest entry is in no table */
  assert_true(cw_is_stopword("can\xE2\x80\x99t", 7));
  char w49[49];
  memset(w49, '\'', sizeof w49);
  assert_false(cw_is_stopword(w49, sizeof w49));
  assert_int_equal(cw_text_abbrev_class(w49, sizeof w49), CW_ABBR_NONE);
  assert_int_equal(cw_word_kinds(w49, sizeof w49), 0);
}

/* cw_word_kinds() answers both word tests at once, as each answers. */
static void test_word_kinds(void **state) {
  (void)state;
  static const char *const words[] = {
      "the",  "said",       "told", "harbour", "it\xE2\x80\x99s",
      "it's", "says",       "of",   "wrote",   "quay",
      "",     "announced",  "they", "Said",    "THE",
      "a",    "reportedly", "would"};
  for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
    const char *w = words[k];
    size_t n = strlen(w);
    unsigned want = (cw_is_stopword(w, n) ? CW_WORD_STOP : 0u) |
                    (cw_is_reporting_verb(w, n) ? CW_WORD_REPORT : 0u);
    assert_int_equal(cw_word_kinds(w, n), want);
  }
  assert_int_equal(cw_word_kinds("the", 3), CW_WORD_STOP);
  assert_int_equal(cw_word_kinds("said", 4), CW_WORD_REPORT);
  char longw[200];
  memset(longw, 'a', sizeof longw);
  assert_int_equal(cw_word_kinds(longw, sizeof longw), 0);
}

static void test_stopwords(void **state) {
  (void)state;
  assert_true(cw_is_stopword("the", 3));
  assert_true(cw_is_stopword("and", 3));
  assert_true(cw_is_stopword("'s", 2));
  assert_true(cw_is_stopword("it's", 4));
  assert_true(cw_is_stopword("it\xE2\x80\x99s", 6)); /* curly apostrophe */
  assert_true(cw_is_stopword("themxx", 4));          /* a slice: "them" */
  assert_false(cw_is_stopword("said", 4));
  assert_false(cw_is_stopword("harbour", 7));
  assert_false(cw_is_stopword("The", 3)); /* folded input only */
  assert_false(cw_is_stopword("", 0));
  assert_true(cw_is_reporting_verb("said", 4));
  assert_true(cw_is_reporting_verb("told", 4));
  assert_false(cw_is_reporting_verb("the", 3));
  /* the table is sorted (as the source keeps it) and finds every entry */
  const char *prev = NULL, *w;
  for (size_t i = 0; (w = cw_stopword_at(i)) != NULL; i++) {
    if (prev)
      assert_true(strcmp(prev, w) < 0);
    assert_true(cw_is_stopword(w, strlen(w)));
    prev = w;
  }
}

/* ASCII words are scanned eight bytes at a time where the text goes on
 * that far, a byte at a time near its end: every length, case pattern,
 * alignment and following byte (the neighbours of the letters' ranges,
 * punctuation, a byte beyond ASCII, the text's end in a block of its
 * own size) gives the word's end and case flags. */
static void test_tokens_ascii_words(void **state) {
  (void)state;
  /* then "e" acute (a letter beyond ASCII), then nothing */
  static const char after[] = {' ', '@', '[', '`', '{', ',', '/'};
  const size_t n_after = sizeof after + 2;
  char buf[64];
  size_t checked = 0;
  for (size_t n = 1; n <= 19; n++)
    for (int pat = 0; pat < 5; pat++)
      for (size_t pad = 0; pad < 8; pad++)
        for (size_t a = 0; a < n_after; a++) {
          size_t len = 0, upper = 0;
          for (size_t k = 0; k < pad; k++)
            buf[len++] = ' ';
          for (size_t k = 0; k < n; k++) {
            /* lower, Capitalised, CAPITALS, alternating, and a capital
             * at the end alone */
            int up = pat == 1   ? k == 0
                     : pat == 2 ? 1
                     : pat == 3 ? k % 2 == 0
                     : pat == 4 ? k == n - 1
                                : 0;
            buf[len++] = (char)((up ? 'A' : 'a') + (k * 7) % 26);
            upper += (size_t)up;
          }
          if (a < sizeof after)
            buf[len++] = after[a];
          if (a == sizeof after) {
            buf[len++] = '\xC3';
            buf[len++] = '\xA9';
          }
          char *text = malloc(len);
          assert_non_null(text);
          memcpy(text, buf, len);
          cw_vec toks;
          cw_vec_init(&toks, sizeof(cw_token));
          assert_int_equal(cw_text_tokens(text, len, NULL, &toks), CW_OK);
          assert_true(toks.len >= 1);
          const cw_token *t = &CW_VEC_AT(&toks, cw_token, 0);
          int first_up =
              pat == 1 || pat == 2 || pat == 3 || (pat == 4 && n == 1);
          int want =
              (first_up ? CW_TOKF_CAP : 0) |
              (n >= 2 && upper == n ? CW_TOKF_ALLCAPS : 0) | CW_TOKF_ASCII |
              (upper != n && upper > (size_t)first_up ? CW_TOKF_MIXED : 0);
          if (a == sizeof after) {
            /* a letter beyond ASCII goes on the word: the general path */
            assert_int_equal(t->end, len);
            assert_false(t->flags & CW_TOKF_ASCII);
          } else {
            assert_int_equal(t->start, pad);
            assert_int_equal(t->end, pad + n);
            assert_int_equal(t->kind, CW_TOK_WORD);
            assert_int_equal(t->flags, want);
          }
          checked++;
          cw_vec_free(&toks);
          free(text);
        }
  assert_int_equal(checked, 19 * 5 * 8 * n_after);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sentences_honorifics),
      cmocka_unit_test(test_sentences_acronyms),
      cmocka_unit_test(test_sentences_plain_runs),
      cmocka_unit_test(test_sentences_state_tags),
      cmocka_unit_test(test_sentences_initials_and_suffixes),
      cmocka_unit_test(test_sentences_after_suffix_starters),
      cmocka_unit_test(test_sentences_before_lower_case),
      cmocka_unit_test(test_sentences_numbers_and_ellipses),
      cmocka_unit_test(test_sentences_quotes),
      cmocka_unit_test(test_sentences_marks),
      cmocka_unit_test(test_sentences_lines),
      cmocka_unit_test(test_sentences_ascii_runs),
      cmocka_unit_test(test_sentences_run_bytes),
      cmocka_unit_test(test_sentences_offsets),
      cmocka_unit_test(test_sentences_invalid_utf8),
      cmocka_unit_test(test_tokens_words),
      cmocka_unit_test(test_tokens_ascii_boundaries),
      cmocka_unit_test(test_tokens_ascii_letters),
      cmocka_unit_test(test_tokens_numbers),
      cmocka_unit_test(test_tokens_quotes_and_unicode),
      cmocka_unit_test(test_tokens_sentence_starts),
      cmocka_unit_test(test_tokens_invalid),
      cmocka_unit_test(test_fold),
      cmocka_unit_test(test_fold_kept),
      cmocka_unit_test(test_nfc),
      cmocka_unit_test(test_letter_case),
      cmocka_unit_test(test_stem),
      cmocka_unit_test(test_stem_memo),
      cmocka_unit_test(test_stem_reads_only_the_word),
      cmocka_unit_test(test_stem_thread),
      cmocka_unit_test(test_word_tables),
      cmocka_unit_test(test_abbrev_long_words),
      cmocka_unit_test(test_space_helpers_agree),
      cmocka_unit_test(test_sentences_many),
      cmocka_unit_test(test_stopwords),
      cmocka_unit_test(test_word_kinds),
      cmocka_unit_test(test_tokens_ascii_words),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
