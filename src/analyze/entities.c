/* entities.c - finds the people, organisations and places an article names
 * and joins the ways it names them.
 *
 * First cut, deliberately simple and linear: a mention is a run of
 * capitalised words (with inner connectors such as "of" or "bin" and
 * initials such as "F."), cut into a role and a name at its last title
 * word ("US President | Donald Trump", "Tesla CEO | Elon Musk"); the role
 * also takes title words and qualifiers just before the run ("former
 * President", "White House press secretary"). A capitalised word that only
 * opens a sentence ("The", "Privately") is not a name: we drop it when it
 * is a stopword or occurs in lower case elsewhere in the text, and we
 * ignore capitalised words of title-cased headlines unless the body also
 * capitalises them. Within the article a one-word mention ("Musk",
 * "Mr Musk", "Musk's") joins the unique multi-word name ending in it, and an
 * acronym in parentheses after a name ("(DOGE)") becomes its alias. The
 * type follows from titles and honorifics, organisation keywords, a small
 * gazetteer, datelines and prepositions. Every loop is bounded by the
 * named limits below, so hostile text costs linear time.
 *
 * When the statistical tagger's model is present (ner_tagger.c), it runs
 * first: runs of capitalised words are still cut into roles and names as
 * above but take the tagger's type; where the tagger splits a run into
 * several names ("Essex Leicestershire" in a table) or finds names the
 * rules skip (a sentence's first word, an all-capitals headline) its
 * spans are taken; runs it calls MISC ("West Indian") or passes over
 * without other evidence ("SOCCER -") are dropped; a surname alone it
 * missed joins its full name. An entity's type is then the tagger's
 * majority over its mentions, overruled by an honorific (PERSON), a
 * dateline (PLACE) or an organisation head word ("Verde Group", ORG).
 * Without the model, the rules type with the gazetteer (gazetteer.c):
 * first names, countries, subdivisions and major cities. With or without
 * it, the words around a name weigh in (word_class()): a noun in
 * apposition ("the collector X", "X, the payments app") names its kind, a
 * firm's, a paper's or a club's last word or prefix ("Construct",
 * "Ledger", "United", "KV") makes an organisation, a building's ("Hall")
 * no person; and some capitalised words are no names at all: a verb
 * opening a quotation before a noun phrase ("Mark this post"), a number,
 * an adjective, a name in quotation marks of its own (a title), two
 * surnames hyphenated ("Musk-Trump bonhomie"), "Residents of" before a
 * place. A first name alone joins the one person of the text it opens.
 * Nor does a name take a word beside it that is none of it: a verb's -ing
 * form or an adverb opening the sentence ("Excluding Marr's points"), a
 * weekday after it ("in Korsa Friday"), a user name glued to an "@", a
 * function word or a noun for people heading a person's name ("So Marr",
 * "Veteran Ilse Marten"), its sentence's full stop ("said Ilse Marten.");
 * and the capitals of a clock time ("9:56 AM EDT") are none. A
 * title-cased line that capitalises a function word ("Rovers Make Offer
 * To Marr") is a headline wherever it stands.
 */
#include "analyze/analyze_int.h"
#include "analyze/quotes.h"

#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Tokens of one tagged span looked at (names, their inner punctuation
 * and the words cut off after a comma); a longer span is noise and its
 * rest is dropped, which keeps tagging linear. */
#define SPAN_MAX_TOKENS 64
/* Words one run may hold: a full role plus a full name. */
#define RUN_MAX_WORDS (CW_NAME_MAX_WORDS + CW_ROLE_MAX_WORDS)
/* White space allowed between two words of one name; more means layout
 * (columns, tables), not a name. */
#define NAME_GAP_MAX 8
/* Connectors in a row inside a name ("de la", "van der", "bin Abdul"). */
#define CONN_MAX 3
/* An acronym in parentheses longer than this is a word, not an alias. */
#define ACRONYM_MAX_BYTES 12
/* An all-capitals name of at most this many letters counts as an acronym
 * (NASA, DOGE); longer ones are shouted words. */
#define ACRONYM_MAX_LETTERS 6

/* Tagger types of a mention (cw_an_mention.tag). */
enum { TAG_NONE = 0, TAG_PER = 1, TAG_ORG = 2, TAG_LOC = 3 };

typedef struct run {
  size_t tok[RUN_MAX_WORDS]; /* token index of each word */
  size_t end[RUN_MAX_WORDS]; /* byte end of each word, abbreviation dot
                                included ("Dr.", "F.") */
  int m;                     /* words */
  size_t next;               /* first token after the run */
} run;

/* The word of token i, or NULL (none, or i past the last token: callers
 * ask of the token after a name, which may end the text). */
static cw_an_word *word_of(cw_an_ctx *c, size_t i) {
  if (i >= c->ntok)
    return NULL;
  long w = c->info[i].word;
  return w < 0 ? NULL : cw_an_word_at(c, w);
}

static unsigned lex_of(cw_an_ctx *c, size_t i) {
  cw_an_word *w = word_of(c, i);
  return w ? w->lex : 0;
}

static int initial_of_name(const cw_an_ctx *c, size_t i);

/* Whether token j follows byte from after a short white-space gap, inside
 * the same sentence (or one space after an initial, which the sentence
 * splitter may take for a full stop: "A. Hollis"). */
static int gap_ok(const cw_an_ctx *c, size_t from, size_t j) {
  if (j >= c->ntok)
    return 0;
  const cw_token *t = &c->tok[j];
  if (t->start <= from || t->start - from > NAME_GAP_MAX)
    return 0;
  if ((t->flags & CW_TOKF_SENT_START) &&
      !(j >= 2 && c->tok[j - 1].end == from && initial_of_name(c, j - 2)))
    return 0;
  for (size_t b = from; b < t->start; b++) {
    unsigned char ch = (unsigned char)c->text[b];
    if (cw_an_is_space(ch))
      continue;
    /* no-break space, U+00A0 */
    if (ch == 0xC2 && b + 1 < t->start &&
        (unsigned char)c->text[b + 1] == 0xA0) {
      b++;
      continue;
    }
    return 0;
  }
  return 1;
}

/* Whether token i is the word s (folded: "the" for "The" too); never past
 * the last token ("... council on Harbor Ledger" at the end of a text
 * asks of the token after the name). */
static int tok_word_is(cw_an_ctx *c, size_t i, const char *s) {
  cw_an_word *w = word_of(c, i);
  return w && w->n == strlen(s) && memcmp(w->s, s, w->n) == 0;
}

static int is_punct(const cw_an_ctx *c, size_t i, const char *s) {
  if (i >= c->ntok || c->tok[i].kind != CW_TOK_PUNCT)
    return 0;
  size_t n = strlen(s);
  return c->tok[i].end - c->tok[i].start == n &&
         memcmp(c->text + c->tok[i].start, s, n) == 0;
}

/* Whether word token i is glued after an "@": a user name ("@TheAcademy"),
 * not a name as written. */
static int after_handle(const cw_an_ctx *c, size_t i) {
  size_t b = c->tok[i].start;
  return b > 0 && c->text[b - 1] == '@';
}

/* Whether token k follows an initial ("F." in "John F. Kennedy"). */
static int after_initial(const cw_an_ctx *c, size_t k) {
  return k >= 2 && is_punct(c, k - 1, ".") &&
         c->tok[k - 2].kind == CW_TOK_WORD &&
         c->tok[k - 2].end - c->tok[k - 2].start == 1 &&
         c->tok[k - 1].start == c->tok[k - 2].end;
}

/* "al-Assad", "bin-Salman": an Arabic article or patronymic in lower case,
 * hyphenated to a capitalised name. */
static int is_particle_name(const cw_an_ctx *c, size_t i) {
  static const char *const prefixes[] = {"al-",  "el-",  "ad-",
                                         "bin-", "ibn-", "abu-"};
  const cw_token *t = &c->tok[i];
  const char *s = c->text + t->start;
  size_t n = t->end - t->start;
  for (size_t k = 0; k < sizeof prefixes / sizeof prefixes[0]; k++) {
    size_t pn = strlen(prefixes[k]);
    if (n > pn && memcmp(s, prefixes[k], pn) == 0 && s[pn] >= 'A' &&
        s[pn] <= 'Z')
      return 1;
  }
  return 0;
}

/* "US-led", "Western-backed", "pro-Kremlin": a hyphenated last part in
 * lower case makes an adjective (not so "Abd-ul-Karim", which ends in a
 * capital); and "D-Ariz" before a dot is an AP party and state tag.
 * Neither is a name word. */
static int is_modifier(const cw_an_ctx *c, size_t i) {
  const cw_token *t = &c->tok[i];
  const char *s = c->text + t->start;
  size_t n = t->end - t->start;
  const char *dash = NULL;
  /* a word's fold keeps each '-' of its bytes: most words have none */
  long wi = c->info[i].word;
  int may_dash = wi < 0 || ((const cw_an_word *)c->words.items)[wi].dash;
  assert(may_dash || !memchr(s, '-', n));
  for (size_t k = 0; may_dash && k + 1 < n; k++)
    if (s[k] == '-')
      dash = s + k;
  if (dash && cw_text_letter_case(dash + 1, (size_t)(s + n - dash - 1),
                                  NULL) == 1)
    return 1;
  return n >= 3 && n <= 7 && (s[0] == 'D' || s[0] == 'R' || s[0] == 'I') &&
         s[1] == '-' && is_punct(c, i + 1, ".") &&
         c->tok[i + 1].start == t->end;
}

/* "A. Hollis", "I. Brekke": a capital letter, a dot, then a capitalised
 * word is an initial, not the article or the pronoun ("N/A. Shares" is
 * neither). */
static int initial_of_name(const cw_an_ctx *c, size_t i) {
  const cw_token *t = &c->tok[i];
  return t->end - t->start == 1 && c->text[t->start] >= 'A' &&
         c->text[t->start] <= 'Z' && !(i > 0 && is_punct(c, i - 1, "/")) &&
         is_punct(c, i + 1, ".") &&
         c->tok[i + 1].start == t->end && i + 2 < c->ntok &&
         c->tok[i + 2].kind == CW_TOK_WORD &&
         (c->tok[i + 2].flags & CW_TOKF_CAP) &&
         c->tok[i + 2].start == c->tok[i + 1].end + 1 &&
         c->text[c->tok[i + 1].end] == ' ';
}

/* Whether token i is "am" or "pm" glued to the digits of a time
 * ("06AM", "11pm") or written "a.m." (one token, or the "m" of "a. m."). */
static int meridiem_at(const cw_an_ctx *c, size_t i) {
  const cw_token *t = &c->tok[i];
  const char *s = c->text + t->start;
  size_t n = t->end - t->start, d = 0;
  if (t->kind != CW_TOK_WORD)
    return 0;
  if (n == 1) { /* "p. m.": the "m" between dots, a letter before */
    if ((s[0] | 0x20) != 'm' || i < 2 || !is_punct(c, i + 1, ".") ||
        !is_punct(c, i - 1, "."))
      return 0;
    const cw_token *l = &c->tok[i - 2];
    char a = (char)(c->text[l->start] | 0x20);
    return l->end - l->start == 1 && (a == 'a' || a == 'p');
  }
  if (n == 4 && s[1] == '.' && s[3] == '.') /* "p.m." */
    return ((s[0] | 0x20) == 'a' || (s[0] | 0x20) == 'p') &&
           (s[2] | 0x20) == 'm';
  while (d < n && s[d] >= '0' && s[d] <= '9')
    d++;
  return d && d + 2 == n && ((s[d] | 0x20) == 'a' || (s[d] | 0x20) == 'p') &&
         (s[d + 1] | 0x20) == 'm';
}

/* Whether word token i (two to four capitals) directly follows a clock
 * time on its line: "9:56 AM", "5:40 p. m. ET", "11am IST". */
static int after_clock(const cw_an_ctx *c, size_t i) {
  const cw_token *t = &c->tok[i];
  if (!(t->flags & CW_TOKF_ALLCAPS) || t->end - t->start > 4 || i == 0)
    return 0;
  size_t p = i - 1, b = c->tok[p].end;
  if (t->start < b || t->start - b > 2 ||
      memchr(c->text + b, '\n', t->start - b))
    return 0;
  if (p > 0 && is_punct(c, p, ".")) /* "p. m. ET", not "at 9:30. NATO" */
    return meridiem_at(c, p - 1);
  if (c->tok[p].kind == CW_TOK_NUMBER) /* "9:56 AM" */
    return p >= 2 && is_punct(c, p - 1, ":") &&
           c->tok[p - 2].kind == CW_TOK_NUMBER;
  return meridiem_at(c, p);
}

/* Whether word token i is part of a clock time, no name: "06AM", or two
 * to four capitals after one ("9:56 AM", "5:40 p. m. ET") or after such
 * capitals ("AM PDT"). */
static int clock_word(const cw_an_ctx *c, size_t i) {
  const cw_token *t = &c->tok[i];
  if (t->end - t->start > 6)
    return 0;
  if (c->text[t->start] >= '0' && c->text[t->start] <= '9')
    return meridiem_at(c, i);
  return after_clock(c, i) ||
         (i > 0 && c->tok[i - 1].kind == CW_TOK_WORD &&
          c->tok[i].start - c->tok[i - 1].end == 1 &&
          (t->flags & CW_TOKF_ALLCAPS) && after_clock(c, i - 1));
}

/* capword() of a capitalised word token i (the rest of its tests). */
static int capword_cap(cw_an_ctx *c, size_t i) {
  const cw_token *t = &c->tok[i];
  cw_an_word *w = word_of(c, i);
  if (!w)
    return 0;
  if (w->lex & LX_TIME)
    return 0; /* "June", "Friday": time expressions, not names */
  if (after_handle(c, i))
    return 0;
  /* "The", "If" and "Our" are not name words even when capitalised; "US"
   * (a stopword folded) and "Mr" are */
  if (w->stop && !(t->flags & CW_TOKF_ALLCAPS) &&
      !(w->lex & (LX_TITLE | LX_HON | LX_QUAL)) && !initial_of_name(c, i))
    return 0;
  if (is_modifier(c, i))
    return 0;
  /* in a headline, Every Word Is Capitalised: trust only the words the
   * body capitalises too, and titles */
  if (c->info[i].title && !w->cap_mid && !(w->lex & (LX_TITLE | LX_QUAL)))
    return 0;
  /* "9:56 AM", "06AM": short words in capitals (digits too) */
  if ((t->flags & CW_TOKF_ALLCAPS) && w->n <= 6)
    return !clock_word(c, i);
  return 1;
}

/* Whether token t (a word in lower case) may be is_particle_name()'s:
 * its prefixes end in their hyphen, the third or fourth byte, and most
 * words have neither. */
static inline int particle_shaped(const cw_an_ctx *c, const cw_token *t) {
  const char *s = c->text + t->start;
  size_t n = t->end - t->start;
  return (n > 3 && s[2] == '-') || (n > 4 && s[3] == '-');
}

/* A word that may be part of a name: inline, since most tokens asked are
 * words in lower case, which the first tests settle. */
static inline int capword(cw_an_ctx *c, size_t i) {
  const cw_token *t = &c->tok[i];
  if (t->kind != CW_TOK_WORD)
    return 0;
  if (!(t->flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)))
    return particle_shaped(c, t) && c->info[i].word >= 0 &&
           is_particle_name(c, i);
  return capword_cap(c, i);
}

/* Whether token i is "the" or a possessive determiner ("his", "their"):
 * what precedes a common noun, seldom a name. */
static int is_determiner(cw_an_ctx *c, size_t i) {
  static const char *const dets[] = {"the",   "his", "her", "its",
                                     "their", "our", "my",  "your"};
  cw_an_word *w = word_of(c, i);
  if (!w || !w->stop || w->n < 2 || w->n > 5)
    return 0; /* each is a stopword of two to five letters */
  for (size_t k = 0; k < sizeof dets / sizeof dets[0]; k++)
    if (w->n == strlen(dets[k]) && memcmp(w->s, dets[k], w->n) == 0)
      return 1;
  return 0;
}

static int is_conn(cw_an_ctx *c, size_t i) {
  return i < c->ntok && c->tok[i].kind == CW_TOK_WORD &&
         !(c->tok[i].flags & CW_TOKF_CAP) && (lex_of(c, i) & LX_CONN);
}

/* A sentence-initial capitalised word that is an ordinary word: a
 * stopword, a reporting verb, or a word the text also writes in lower
 * case and never capitalises inside a sentence; or, when it stands alone
 * (alone: no name word follows it), capitalises there only as part of a
 * longer name ("Port data showed ..." beside "the port" and "Port of
 * Korsa"; a quote's "Safety is ..." beside "Maritime Safety
 * Directorate"). */
static int common_initial(cw_an_ctx *c, size_t i, int alone) {
  cw_an_word *w = word_of(c, i);
  if (!w || (w->lex & (LX_TITLE | LX_QUAL | LX_NATION)) ||
      (c->tok[i].flags & CW_TOKF_ALLCAPS) || initial_of_name(c, i))
    return 0;
  if (w->stop || w->report)
    return 1;
  if (!w->lower)
    return 0;
  if (!w->cap_mid)
    return 1;
  if (!alone)
    return 0;
  cw_an_mark_solo(c);
  return !w->cap_solo;
}

/* Whether token i is an initial or a title abbreviation that a dot
 * follows directly ("F.", "Dr.", "Gen.", "Jr."). */
static int dot_abbrev(cw_an_ctx *c, size_t i) {
  const cw_token *t = &c->tok[i];
  if (!is_punct(c, i + 1, ".") || c->tok[i + 1].start != t->end)
    return 0;
  size_t n = t->end - t->start, cl;
  if (cw_text_letter_case(c->text + t->start, n, &cl) == 2 && cl == n)
    return 1;
  cw_an_word *w = word_of(c, i);
  if (!w || n > 5)
    return 0;
  if (w->lex & (LX_TITLE | LX_HON))
    return 1;
  return (w->n == 2 &&
          (memcmp(w->s, "jr", 2) == 0 || memcmp(w->s, "sr", 2) == 0 ||
           memcmp(w->s, "st", 2) == 0));
}

static void add_word(cw_an_ctx *c, run *r, size_t i) {
  r->tok[r->m] = i;
  r->end[r->m] = c->tok[i].end;
  r->m++;
  r->next = i + 1;
  if (dot_abbrev(c, i) && gap_ok(c, c->tok[i + 1].end, i + 2) &&
      capword(c, i + 2)) {
    r->end[r->m - 1] = c->tok[i + 1].end;
    r->next = i + 2;
  }
}

static void build_run(cw_an_ctx *c, size_t i, run *r) {
  r->m = 0;
  add_word(c, r, i);
  while (r->m < RUN_MAX_WORDS) {
    size_t j = r->next;
    if (!gap_ok(c, r->end[r->m - 1], j))
      break;
    if (capword(c, j)) {
      add_word(c, r, j);
      continue;
    }
    /* connectors, then a capitalised word: "of", "de la", "van der" */
    size_t k = j;
    int conns = 0;
    while (conns < CONN_MAX && is_conn(c, k) &&
           gap_ok(c, c->tok[k].end, k + 1)) {
      conns++;
      k++;
    }
    if (conns && r->m + conns + 1 <= RUN_MAX_WORDS && capword(c, k)) {
      for (size_t q = j; q <= k; q++)
        add_word(c, r, q);
      continue;
    }
    break;
  }
}

/* collapse_n()'s fast path: when [s, e) of t is printable ASCII (0x21 to
 * 0x7F) and single spaces between such bytes, which collapsing leaves as
 * they are, copies it to out (room for e - s + 1 bytes, rounded up to 16)
 * with its NUL and returns 1; else returns 0, out's bytes undefined.
 * Eight bytes at a time where the byte order allows. */
static int collapse_copy(const char *t, size_t s, size_t e, char *out) {
  if (s >= e || t[s] == ' ' || t[e - 1] == ' ')
    return 0;
  size_t i = s;
  int prev_space = 0;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) &&                            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
  uint64_t prev = 0; /* 0x80 when the last byte before the chunk is ' ' */
  for (; e - i >= 8; i += 8) {
    uint64_t v;
    memcpy(&v, t + i, 8);
    /* high bit: a byte below 0x21 or from 0x80 on (a borrow marks bytes
     * above such a byte too: never a byte missed) */
    uint64_t bad = ((v - 0x21 * ones) | v) & high;
    /* high bit: a space (and maybe a '!' right above one) */
    uint64_t x = v ^ 0x20 * ones;
    uint64_t sp = (x - ones) & ~x & high;
    if ((bad & ~sp) || (sp & ((sp << 8) | prev)))
      return 0;
    memcpy(out + (i - s), &v, 8);
    prev = (sp >> 56) & 0x80;
  }
  prev_space = prev != 0;
#endif
  for (; i < e; i++) {
    unsigned char ch = (unsigned char)t[i];
    if (ch == ' ') {
      if (prev_space)
        return 0;
      prev_space = 1;
    } else if (ch < 0x21 || ch >= 0x80) {
      return 0;
    } else {
      prev_space = 0;
    }
    out[i - s] = (char)ch;
  }
  out[e - s] = '\0';
  return 1;
}

/* [s, e) of the text with white space runs collapsed to one space, in the
 * arena; *n its length, *plain whether it is ASCII without a NUL byte
 * (collapse() for callers that need neither). */
static char *collapse_n(cw_an_ctx *c, size_t s, size_t e, size_t *n,
                        int *plain) {
  char *out = cw_arena_alloc(c->arena, e - s + 1);
  if (!out)
    return NULL;
  int fast = collapse_copy(c->text, s, e, out);
#ifdef NDEBUG
  if (fast) {
    /* the common name: printable ASCII words one space apart */
    *n = e - s;
    *plain = 1;
    return out;
  }
#else
  /* debug builds: the fast copy must be what the loop below writes */
  char fast_out[256];
  if (fast && e - s < sizeof fast_out)
    memcpy(fast_out, out, e - s + 1);
#endif
  /* the fast path's partial copy undone: the bytes after the name's NUL
   * stay zero (cw_arena_alloc()'s), as fold_name() expects */
  if (!fast)
    memset(out, 0, e - s + 1);
  size_t k = 0;
  int space = 0, nul = 0;
  unsigned char hi = 0; /* the bytes copied, or-ed */
  for (size_t i = s; i < e; i++) {
    unsigned char ch = (unsigned char)c->text[i];
    if (!space && ch > ' ' && ch != 0xC2) {
      out[k++] = (char)ch; /* the common byte: no space, none pending */
      hi |= ch;
      continue;
    }
    if (cw_an_is_space(ch) ||
        (ch == 0xC2 && i + 1 < e && (unsigned char)c->text[i + 1] == 0xA0)) {
      if (ch == 0xC2)
        i++;
      space = 1;
      continue;
    }
    if (space && k)
      out[k++] = ' ';
    space = 0;
    out[k++] = (char)ch;
    hi |= ch;
    nul |= ch == 0;
  }
  out[k] = '\0';
  *n = k;
  *plain = !nul && hi < 0x80;
#ifndef NDEBUG
  if (fast)
    assert(k == e - s && *plain &&
           (e - s >= sizeof fast_out || memcmp(fast_out, out, k + 1) == 0));
#endif
  return out;
}

static char *collapse(cw_an_ctx *c, size_t s, size_t e) {
  size_t n;
  int plain;
  return collapse_n(c, s, e, &n, &plain);
}

static cw_status fold_key(cw_an_ctx *c, const char *s, const char **key,
                          size_t *key_n);

/* fold_key() of collapse_n()'s name s (length n, plain as it says): a
 * plain name's fold is its lower case, copied in one pass. s is
 * collapse_n()'s arena copy, zero from its NUL to its 16-byte end, so
 * both it and the key (16-byte rounded too) are read and written eight
 * bytes at a time up to the NUL's chunk: the bytes past the NUL stay 0. */
static cw_status fold_name(cw_an_ctx *c, const char *s, size_t n, int plain,
                           const char **key, size_t *key_n) {
  if (!plain)
    return fold_key(c, s, key, key_n);
  char *k = cw_arena_alloc_uninit(c->arena, n + 1);
  if (!k)
    return CW_ERR_NOMEM;
  const uint64_t high = 0x8080808080808080ULL;
  for (size_t i = 0; i <= n; i += 8) {
    uint64_t v;
    memcpy(&v, s + i, 8);
    assert(n - i >= 8 || s[n] == '\0');
    /* 0x20 added to the bytes in A..Z: each byte is ASCII (plain), so
     * none carries into the next */
    uint64_t ge_a = v + 0x3F3F3F3F3F3F3F3FULL, gt_z = v + 0x2525252525252525ULL;
    v |= (ge_a & ~gt_z & high) >> 2;
    memcpy(k + i, &v, 8);
  }
#ifndef NDEBUG
  for (size_t i = 0; i < n; i++)
    assert(k[i] == (s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i]));
  assert(k[n] == '\0');
  for (size_t i = n; i < ((n + 8) & ~(size_t)7); i++)
    assert(s[i] == '\0' && k[i] == '\0');
#endif
  *key = k;
  *key_n = n;
  return CW_OK;
}

/* Folds s into the arena, curly apostrophes made straight. */
static cw_status fold_key(cw_an_ctx *c, const char *s, const char **key,
                          size_t *key_n) {
  size_t n = 0;
  while (s[n] && (unsigned char)s[n] < 0x80)
    n++;
  if (!s[n]) {
    /* ASCII, the common case: the fold is the lower case (as
     * cw_text_fold), made in the arena copy; no curly apostrophes */
    char *k = cw_arena_strndup(c->arena, s, n);
    if (!k)
      return CW_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
      if (k[i] >= 'A' && k[i] <= 'Z')
        k[i] = (char)(k[i] + 32);
    *key = k;
    *key_n = n;
    return CW_OK;
  }
  cw_buf_reset(&c->scratch);
  cw_status st = cw_text_fold(s, n + strlen(s + n), &c->scratch);
  if (st)
    return st;
  char *b = c->scratch.ptr;
  size_t k = 0;
  for (size_t i = 0; i < c->scratch.len; i++) {
    if ((unsigned char)b[i] == 0xE2 && i + 2 < c->scratch.len &&
        (unsigned char)b[i + 1] == 0x80 && (unsigned char)b[i + 2] == 0x99) {
      b[k++] = '\'';
      i += 2;
    } else {
      b[k++] = b[i];
    }
  }
  *key = cw_arena_strndup(c->arena, b, k);
  *key_n = k;
  return *key ? CW_OK : CW_ERR_NOMEM;
}

/* Whether the acronym token a spells the initials of the name words
 * r->tok[ns..ne), with or without the connectors ("DoGE" or "DGE"). */
static int acronym_matches(cw_an_ctx *c, const run *r, int ns, int ne,
                           size_t a) {
  char acr[ACRONYM_MAX_BYTES], all[RUN_MAX_WORDS], bare[RUN_MAX_WORDS];
  size_t k = 0, n_all = 0, n_bare = 0;
  for (size_t b = c->tok[a].start; b < c->tok[a].end; b++) {
    char ch = c->text[b];
    if (ch == '.')
      continue;
    if (ch >= 'A' && ch <= 'Z')
      ch = (char)(ch + 32);
    if (ch < 'a' || ch > 'z' || k == sizeof acr)
      return 0;
    acr[k++] = ch;
  }
  if (k < 2)
    return 0;
  for (int j = ns; j < ne; j++) {
    char ch = c->text[c->tok[r->tok[j]].start];
    if (ch >= 'A' && ch <= 'Z')
      ch = (char)(ch + 32);
    if (ch < 'a' || ch > 'z')
      return 0;
    all[n_all++] = ch;
    if (!is_conn(c, r->tok[j]))
      bare[n_bare++] = ch;
  }
  return (n_all == k && memcmp(all, acr, k) == 0) ||
         (n_bare == k && memcmp(bare, acr, k) == 0);
}

static int is_dash_or_colon(const cw_an_ctx *c, size_t i) {
  return is_punct(c, i, "-") || is_punct(c, i, "\xE2\x80\x93") ||
         is_punct(c, i, "\xE2\x80\x94") || is_punct(c, i, ":");
}

/* Extends a role backwards over title words, qualifiers and (once a title
 * has been seen) capitalised words just before token first: "former
 * President", "White House press secretary". Returns the first role token
 * (first itself when nothing was taken); *count is updated. */
static size_t extend_role(cw_an_ctx *c, size_t first, int seen_title,
                          int *count) {
  size_t j = first;
  while (j > 0 && *count < CW_ROLE_MAX_WORDS) {
    size_t k = j - 1;
    if (!gap_ok(c, c->tok[k].end, j) || c->tok[k].kind != CW_TOK_WORD)
      break;
    cw_an_word *w = word_of(c, k);
    int caps = (c->tok[k].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) != 0;
    if (!w || (w->stop && !(caps && (w->lex & LX_QUAL))))
      break;
    if (w->lex & LX_TITLE)
      seen_title = 1;
    else if (!(seen_title &&
               ((w->lex & (LX_QUAL | LX_NATION)) || capword(c, k))))
      break;
    if (c->info[k].initial && common_initial(c, k, 0))
      break;
    (*count)++;
    j = k;
  }
  return j;
}

/* ---- the words around a name ----------------------------------------- */

/* The longest word of word_classes[]. */
#define WC_MAX_BYTES 13

/* The classes of the lower-case words entities.c looks for around a name
 * or as its last word (word_class()). */
enum {
  WC_NONE = 0,
  /* last words that make a name of two or more words an organisation,
   * beside the lexicon's LX_ORG: a firm's ("Brevik Construct"), a
   * newspaper's or a wire service's ("Harbor Ledger", "Desk Daily") and a
   * football club's ("Northbridge United"); only as the last word, so
   * "United States" and "Daily Mail" are not cut by them */
  WC_ORG_TAIL,
  WC_CLUB,     /* a football club's prefix in capitals ("KV Maasveld") */
  WC_FACILITY, /* a building's or a street's last word ("City Hall") */
  /* nouns in apposition to a name: "the collector Augustin Hallenberg",
   * "its chief executive, Oskar Brevik", "Tomas Brenner, the union's
   * general secretary"; "payments company Lumenpay", "Belgian club KV
   * Maasveld", "Lumenpay, the payments app"; "X, a village in ..." */
  WC_PERSON,
  WC_ORG,
  WC_PLACE,
  /* opening a noun phrase: a capitalised word before one, opening a
   * sentence or a quotation, is a verb ("Mark this post", "KILL the
   * BILL") */
  WC_OPENER,
  WC_NUMBER,  /* "Nine aircraft resumed ..." is no person */
  WC_OCCASION /* "the Eid al-Adha holiday": no person, firm or place */
};

/* The words and their classes (in strcmp order, for the reader). */
static const struct word_class_entry {
  const char *word;
  unsigned char n, cls;
} word_classes[] = {
    {"a", 1, WC_OPENER}, {"ac", 2, WC_CLUB}, {"activist", 8, WC_PERSON},
    {"actor", 5, WC_PERSON}, {"agency", 6, WC_ORG}, {"agent", 5, WC_PERSON},
    {"airline", 7, WC_ORG}, {"airport", 7, WC_FACILITY}, {"an", 2, WC_OPENER},
    {"analyst", 7, WC_PERSON}, {"app", 3, WC_ORG}, {"architect", 9, WC_PERSON},
    {"artist", 6, WC_PERSON}, {"athletic", 8, WC_ORG_TAIL},
    {"attorney", 8, WC_PERSON}, {"author", 6, WC_PERSON},
    {"avenue", 6, WC_FACILITY}, {"bank", 4, WC_ORG}, {"banker", 6, WC_PERSON},
    {"billionaire", 11, WC_PERSON}, {"bk", 2, WC_CLUB},
    {"boulevard", 9, WC_FACILITY}, {"bridge", 6, WC_FACILITY},
    {"broadcaster", 11, WC_ORG}, {"brother", 7, WC_PERSON},
    {"bulletin", 8, WC_ORG_TAIL}, {"businessman", 11, WC_PERSON},
    {"businesswoman", 13, WC_PERSON}, {"candidate", 9, WC_PERSON},
    {"capital", 7, WC_PLACE}, {"captain", 7, WC_PERSON}, {"carrier", 7, WC_ORG},
    {"cd", 2, WC_CLUB}, {"celebration", 11, WC_OCCASION},
    {"celebrations", 12, WC_OCCASION}, {"ceo", 3, WC_PERSON},
    {"cf", 2, WC_CLUB}, {"chain", 5, WC_ORG}, {"chairman", 8, WC_PERSON},
    {"chairwoman", 10, WC_PERSON}, {"charity", 7, WC_ORG},
    {"chronicle", 9, WC_ORG_TAIL}, {"city", 4, WC_PLACE}, {"club", 4, WC_ORG},
    {"coach", 5, WC_PERSON}, {"collector", 9, WC_PERSON},
    {"commander", 9, WC_PERSON}, {"company", 7, WC_ORG},
    {"compound", 8, WC_PLACE}, {"conglomerate", 12, WC_ORG},
    {"construct", 9, WC_ORG_TAIL}, {"consultancy", 11, WC_ORG},
    {"contractor", 10, WC_ORG}, {"country", 7, WC_PLACE},
    {"county", 6, WC_PLACE}, {"courier", 7, WC_ORG_TAIL},
    {"daily", 5, WC_ORG_TAIL}, {"daughter", 8, WC_PERSON},
    {"defender", 8, WC_PERSON}, {"developer", 9, WC_PERSON},
    {"diplomat", 8, WC_PERSON}, {"director", 8, WC_PERSON},
    {"dispatch", 8, WC_ORG_TAIL}, {"district", 8, WC_PLACE},
    {"doctor", 6, WC_PERSON}, {"dozen", 5, WC_NUMBER}, {"dozens", 6, WC_NUMBER},
    {"economist", 9, WC_PERSON}, {"eight", 5, WC_NUMBER},
    {"eighteen", 8, WC_NUMBER}, {"eighty", 6, WC_NUMBER},
    {"eleven", 6, WC_NUMBER}, {"enclave", 7, WC_PLACE},
    {"engineer", 8, WC_PERSON}, {"entrepreneur", 12, WC_PERSON},
    {"estate", 6, WC_PLACE}, {"estuary", 7, WC_PLACE},
    {"examiner", 8, WC_ORG_TAIL}, {"executive", 9, WC_PERSON},
    {"fan", 3, WC_PERSON},
    {"farmer", 6, WC_PERSON}, {"father", 6, WC_PERSON},
    {"feast", 5, WC_OCCASION}, {"festival", 8, WC_OCCASION},
    {"fifteen", 7, WC_NUMBER}, {"fifty", 5, WC_NUMBER}, {"firm", 4, WC_ORG},
    {"five", 4, WC_NUMBER}, {"fk", 2, WC_CLUB}, {"forty", 5, WC_NUMBER},
    {"foundation", 10, WC_ORG}, {"founder", 7, WC_PERSON},
    {"four", 4, WC_NUMBER}, {"fourteen", 8, WC_NUMBER},
    {"friend", 6, WC_PERSON},
    {"goalkeeper", 10, WC_PERSON}, {"group", 5, WC_ORG},
    {"hall", 4, WC_FACILITY}, {"harbour", 7, WC_FACILITY},
    {"her", 3, WC_OPENER},
    {"hero", 4, WC_PERSON},
    {"hideaway", 8, WC_PLACE}, {"his", 3, WC_OPENER},
    {"holiday", 7, WC_OCCASION}, {"hundred", 7, WC_NUMBER},
    {"hundreds", 8, WC_NUMBER}, {"husband", 7, WC_PERSON},
    {"inquirer", 8, WC_ORG_TAIL}, {"inspector", 9, WC_PERSON},
    {"insurer", 7, WC_ORG}, {"investor", 8, WC_PERSON}, {"island", 6, WC_PLACE},
    {"journalist", 10, WC_PERSON}, {"judge", 5, WC_PERSON}, {"kv", 2, WC_CLUB},
    {"lawmaker", 8, WC_PERSON}, {"lawyer", 6, WC_PERSON},
    {"ledger", 6, WC_ORG_TAIL},
    {"legend", 6, WC_PERSON},
    {"lender", 6, WC_ORG}, {"magazine", 8, WC_ORG},
    {"maker", 5, WC_ORG}, {"man", 3, WC_PERSON}, {"manager", 7, WC_PERSON},
    {"mansion", 7, WC_PLACE}, {"manufacturer", 12, WC_ORG},
    {"mediator", 8, WC_PERSON}, {"member", 6, WC_PERSON},
    {"midfielder", 10, WC_PERSON}, {"million", 7, WC_NUMBER},
    {"millions", 8, WC_NUMBER}, {"mother", 6, WC_PERSON}, {"my", 2, WC_OPENER},
    {"network", 7, WC_ORG}, {"newspaper", 9, WC_ORG}, {"nine", 4, WC_NUMBER},
    {"nineteen", 8, WC_NUMBER}, {"ninety", 6, WC_NUMBER},
    {"nurse", 5, WC_PERSON}, {"observer", 8, WC_ORG_TAIL},
    {"officer", 7, WC_PERSON}, {"official", 8, WC_PERSON},
    {"one", 3, WC_NUMBER}, {"operator", 8, WC_ORG},
    {"organisation", 12, WC_ORG}, {"organization", 12, WC_ORG},
    {"our", 3, WC_OPENER}, {"outlet", 6, WC_ORG}, {"owner", 5, WC_PERSON},
    {"palace", 6, WC_FACILITY}, {"park", 4, WC_FACILITY},
    {"platform", 8, WC_ORG}, {"player", 6, WC_PERSON},
    {"plaza", 5, WC_FACILITY}, {"politician", 10, WC_PERSON},
    {"port", 4, WC_PLACE}, {"professor", 9, WC_PERSON},
    {"prosecutor", 10, WC_PERSON}, {"province", 8, WC_PLACE},
    {"publisher", 9, WC_ORG}, {"pundit", 6, WC_PERSON}, {"ranch", 5, WC_PLACE},
    {"redoubt", 7, WC_PLACE}, {"region", 6, WC_PLACE}, {"regulator", 9, WC_ORG},
    {"reporter", 8, WC_PERSON}, {"researcher", 10, WC_PERSON},
    {"residence", 9, WC_PLACE}, {"resident", 8, WC_PERSON},
    {"resort", 6, WC_PLACE}, {"retailer", 8, WC_ORG}, {"retreat", 7, WC_PLACE},
    {"river", 5, WC_PLACE}, {"road", 4, WC_FACILITY},
    {"rookie", 6, WC_PERSON},
    {"rovers", 6, WC_ORG_TAIL}, {"sc", 2, WC_CLUB}, {"secretary", 9, WC_PERSON},
    {"sentinel", 8, WC_ORG_TAIL}, {"seven", 5, WC_NUMBER},
    {"seventeen", 9, WC_NUMBER}, {"seventy", 7, WC_NUMBER}, {"side", 4, WC_ORG},
    {"singer", 6, WC_PERSON}, {"sister", 6, WC_PERSON}, {"six", 3, WC_NUMBER},
    {"sixteen", 7, WC_NUMBER}, {"sixty", 5, WC_NUMBER}, {"sk", 2, WC_CLUB},
    {"son", 3, WC_PERSON}, {"spokesman", 9, WC_PERSON},
    {"spokesperson", 12, WC_PERSON}, {"spokeswoman", 11, WC_PERSON},
    {"square", 6, WC_FACILITY}, {"stadium", 7, WC_FACILITY},
    {"star", 4, WC_PERSON},
    {"startup", 7, WC_ORG}, {"station", 7, WC_FACILITY},
    {"street", 6, WC_FACILITY}, {"striker", 7, WC_PERSON},
    {"student", 7, WC_PERSON}, {"suburb", 6, WC_PLACE}, {"supplier", 8, WC_ORG},
    {"sv", 2, WC_CLUB}, {"tabloid", 7, WC_ORG}, {"teacher", 7, WC_PERSON},
    {"team", 4, WC_ORG}, {"telegraph", 9, WC_ORG_TAIL}, {"ten", 3, WC_NUMBER},
    {"territory", 9, WC_PLACE}, {"that", 4, WC_OPENER}, {"the", 3, WC_OPENER},
    {"their", 5, WC_OPENER}, {"these", 5, WC_OPENER},
    {"thirteen", 8, WC_NUMBER}, {"thirty", 6, WC_NUMBER},
    {"this", 4, WC_OPENER}, {"those", 5, WC_OPENER}, {"thousand", 8, WC_NUMBER},
    {"thousands", 9, WC_NUMBER}, {"three", 5, WC_NUMBER},
    {"tower", 5, WC_FACILITY}, {"town", 4, WC_PLACE}, {"twelve", 6, WC_NUMBER},
    {"twenty", 6, WC_NUMBER}, {"two", 3, WC_NUMBER}, {"tycoon", 6, WC_PERSON},
    {"united", 6, WC_ORG_TAIL}, {"valley", 6, WC_PLACE},
    {"veteran", 7, WC_PERSON},
    {"veterans", 8, WC_PERSON},
    {"vfb", 3, WC_CLUB},
    {"vfl", 3, WC_CLUB}, {"village", 7, WC_PLACE},
    {"wanderers", 9, WC_ORG_TAIL}, {"watchdog", 8, WC_ORG},
    {"website", 7, WC_ORG}, {"wife", 4, WC_PERSON}, {"wire", 4, WC_ORG_TAIL},
    {"witness", 7, WC_PERSON}, {"woman", 5, WC_PERSON},
    {"writer", 6, WC_PERSON}, {"your", 4, WC_OPENER},
};

/* word_classes[wc_slots[k] - 1] for the slots k of an open-addressed
 * table (0: empty) keyed by wc_hash() modulo WC_SLOTS with linear
 * probing, filled once per process (wc_build): a word costs a hash and a
 * probe or two where a bisection of the table took eight steps. */
#define WC_SLOTS 512
static unsigned char wc_slots[WC_SLOTS];
static pthread_once_t wc_once = PTHREAD_ONCE_INIT;

/* h * 31 + byte, in 32 bits. */
static uint32_t wc_hash(const char *s, size_t n) {
  uint32_t h = 0;
  for (size_t i = 0; i < n; i++)
    h = h * 31 + (unsigned char)s[i];
  return h;
}

static void wc_build(void) {
  size_t n = sizeof word_classes / sizeof word_classes[0];
  _Static_assert(sizeof word_classes / sizeof word_classes[0] < WC_SLOTS / 2 &&
                     sizeof word_classes / sizeof word_classes[0] < 255,
                 "the slots hold an entry's number plus one, half empty");
  for (size_t k = 0; k < n; k++) {
    const struct word_class_entry *e = &word_classes[k];
    assert(e->n == strlen(e->word) && e->n <= WC_MAX_BYTES);
    size_t at = wc_hash(e->word, e->n) % WC_SLOTS;
    while (wc_slots[at])
      at = (at + 1) % WC_SLOTS;
    wc_slots[at] = (unsigned char)(k + 1);
  }
}

/* word_class() of a word not looked up yet: looks it up and caches it. */
static unsigned word_class_lookup(cw_an_word *w) {
  pthread_once(&wc_once, wc_build);
  w->wc_known = 1;
  w->wc = WC_NONE;
  if (w->nul || !w->n || w->n > WC_MAX_BYTES)
    return WC_NONE;
  for (size_t k = wc_hash(w->s, w->n) % WC_SLOTS; wc_slots[k];
       k = (k + 1) % WC_SLOTS) {
    const struct word_class_entry *e = &word_classes[wc_slots[k] - 1];
    if (e->n == w->n && memcmp(e->word, w->s, w->n) == 0) {
      w->wc = e->cls;
      break;
    }
  }
  return w->wc;
}

/* The WC_* class of the folded word w, looked up once per distinct word
 * of the text (cached in w): inline, as most asks find it cached. */
static inline unsigned word_class(cw_an_word *w) {
  if (!w)
    return WC_NONE;
  return w->wc_known ? w->wc : word_class_lookup(w);
}

/* Whether byte b of the text opens (open) or closes a quotation: a quote
 * mark with white space (or nothing) on its outer side and a letter on
 * its inner side is no apostrophe ("Symposium'" before a comma closes). */
static int quote_mark_at(const cw_an_ctx *c, size_t b, int open) {
  /* the byte next to b first: a mark's last byte (open) or first byte */
  unsigned char nb = open ? (b ? (unsigned char)c->text[b - 1] : 0)
                          : (b < c->len ? (unsigned char)c->text[b] : 0);
  if (nb != '"' && nb != '\'' && nb != (open ? 0x9C : 0xE2) &&
      !(open && (nb == 0x9D || nb == 0x98 || nb == 0x99)))
    return 0;
  static const char *const marks[] = {"\"", "'", "\xE2\x80\x9C",
                                      "\xE2\x80\x9D", "\xE2\x80\x98",
                                      "\xE2\x80\x99"};
  for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
    size_t n = strlen(marks[k]);
    if (open) {
      if (b < n || memcmp(c->text + b - n, marks[k], n) != 0)
        continue;
      size_t o = b - n; /* the mark's first byte */
      return o == 0 || cw_an_is_space((unsigned char)c->text[o - 1]) ||
             c->text[o - 1] == '(';
    }
    if (b + n > c->len || memcmp(c->text + b, marks[k], n) != 0)
      continue;
    unsigned char after = b + n < c->len ? (unsigned char)c->text[b + n] : ' ';
    return !((after | 0x20) >= 'a' && (after | 0x20) <= 'z') && after < 0x80;
  }
  return 0;
}

/* Whether token i is a word in lower case. */
static int lower_word(const cw_an_ctx *c, size_t i) {
  return i < c->ntok && c->tok[i].kind == CW_TOK_WORD &&
         !(c->tok[i].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS));
}

/* The head noun of a noun phrase in apposition after a name, from token i
 * (its determiner: "the", "a", "an"): the last of at most five words
 * before a punctuation mark or a function word ("the Dublin-based
 * payments app", "the union's general secretary"); *stop gets the token
 * that ended it. NULL when there is none. */
static cw_an_word *appositive_head(cw_an_ctx *c, size_t i, size_t *stop) {
  cw_an_word *head = NULL;
  size_t j = i + 1;
  for (int words = 0; j < c->ntok && words < 5; j++) {
    const cw_token *t = &c->tok[j];
    if (t->kind == CW_TOK_PUNCT) {
      /* "union's": the possessive (one token or two); "Dublin-based":
       * the hyphen */
      if (t->start == c->tok[j - 1].end &&
          (c->text[t->start] == '\'' ||
           (t->end - t->start >= 3 &&
            memcmp(c->text + t->start, "\xE2\x80\x99", 3) == 0))) {
        if (tok_word_is(c, j + 1, "s") && c->tok[j + 1].start == t->end)
          j++;
        continue;
      }
      if (is_punct(c, j, "-") && t->start == c->tok[j - 1].end)
        continue;
      break;
    }
    cw_an_word *w = word_of(c, j);
    if (words && t->kind == CW_TOK_WORD && t->start == c->tok[j - 1].end &&
        (c->text[t->start] == '\'' || c->text[t->start] == '\xE2'))
      continue; /* "'s" as a word of its own */
    if (!w || t->kind != CW_TOK_WORD || (w->stop && words))
      break;
    head = w;
    words++;
  }
  *stop = j;
  return head;
}

/* Whether w is a word for kin, which also titles clergy ("Mother Teresa",
 * "Brother Roger") and may be a surname ("Son"). */
static int kin_word(const cw_an_word *w) {
  static const char *const kin[] = {"brother", "daughter", "father", "husband",
                                    "mother",  "sister",   "son",    "wife"};
  for (size_t k = 0; k < sizeof kin / sizeof kin[0]; k++)
    if (w->n == strlen(kin[k]) && memcmp(w->s, kin[k], w->n) == 0)
      return 1;
  return 0;
}

/* Whether word token i is a noun for people capitalised before a name
 * and left out of it (common_head(): "Veteran Ilse Marten"). */
static int person_head(cw_an_ctx *c, size_t i) {
  cw_an_word *w = word_of(c, i);
  return w && !w->stop &&
         (c->tok[i].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) == CW_TOKF_CAP &&
         !(w->lex & (LX_TITLE | LX_HON)) && word_class(w) == WC_PERSON &&
         !kin_word(w);
}

/* The type the words around a name give it (TAG_* or 0): a noun for
 * people, organisations or places in apposition just before it ("the
 * collector X", "chief executive, X", "payments company X") or after a
 * comma ("X, the payments app", "X, a village in ..."), "shares in X".
 * The name's words are [first, last], its role from token role_first on.
 * (A first name before "said" is weighed in entity_type(), once per
 * entity: cw_an_mention.said.) */
static unsigned char mention_cue(cw_an_ctx *c, size_t role_first, size_t first,
                                 size_t last) {
  /* a noun right before the name, none before its role ("team general
   * manager A.J. Smith") */
  if (role_first == first && role_first > 0 &&
      (lower_word(c, role_first - 1) || person_head(c, role_first - 1))) {
    cw_an_word *w = word_of(c, role_first - 1);
    /* most words before a name are function words ("the", "in"), or
     * "said": no noun of the table */
    unsigned wc = w && !w->stop && !w->report ? word_class(w) : WC_NONE;
    if (wc == WC_PERSON)
      return TAG_PER;
    /* not so a first name and more ("the team Chuck Pagano coached") */
    if (wc == WC_ORG &&
        !(last > first && (cw_an_gaz(word_of(c, first)->s,
                                     word_of(c, first)->n) & GZ_FIRST)))
      return TAG_ORG;
    if (role_first >= 2 && w && w->stop &&
        (tok_word_is(c, role_first - 1, "in") ||
         tok_word_is(c, role_first - 1, "of")) &&
        lower_word(c, role_first - 2) &&
        (tok_word_is(c, role_first - 2, "shares") ||
         tok_word_is(c, role_first - 2, "stake")))
      return TAG_ORG;
  }
  if (role_first >= 2 && is_punct(c, role_first - 1, ",") &&
      lower_word(c, role_first - 2) &&
      word_class(word_of(c, role_first - 2)) == WC_PERSON)
    return TAG_PER;
  size_t a = last + 1;
  if (a + 1 < c->ntok && is_punct(c, a, ",") &&
      (tok_word_is(c, a + 1, "the") || tok_word_is(c, a + 1, "a") ||
       tok_word_is(c, a + 1, "an")) &&
      lower_word(c, a + 1)) {
    size_t stop;
    cw_an_word *head = appositive_head(c, a + 1, &stop);
    /* "the city of Arbil, a senior official in Baghdad said": the phrase
     * is the speaker of a report, no apposition */
    for (size_t k = stop; head && k < c->ntok && k < stop + 8 &&
                          c->tok[k].kind != CW_TOK_PUNCT;
         k++) {
      cw_an_word *v = word_of(c, k);
      if (v && v->report)
        head = NULL;
    }
    if (head && word_class(head) == WC_PERSON)
      return TAG_PER;
    if (head && word_class(head) == WC_ORG)
      return TAG_ORG;
    if (head && word_class(head) == WC_PLACE)
      return TAG_LOC;
  }
  return 0;
}

/* Whether the one-word name at token i, with no role, is an ordinary word
 * capitalised: a verb opening a sentence or a quotation before a noun
 * phrase ("Mark this post", "KILL the BILL"), a number ("Nine aircraft"),
 * a stopword opening a sentence ("Most popular"), an adjective
 * ("Congressional", "Terrific"), an abstract noun opening a sentence
 * ("Independence is ...") the text never capitalises inside one. */
static int ordinary_word(cw_an_ctx *c, size_t i) {
  cw_an_word *w = word_of(c, i);
  const cw_token *t = &c->tok[i];
  if (!w)
    return 0;
  /* at the start of a sentence, a quotation or a line ("Most popular on
   * ..." under an article) */
  int opens = c->info[i].initial || quote_mark_at(c, t->start, 1) ||
              (t->start > 0 && c->text[t->start - 1] == '\n');
  if (opens && i + 1 < c->ntok && lower_word(c, i + 1) &&
      gap_ok(c, t->end, i + 1) && word_class(word_of(c, i + 1)) == WC_OPENER)
    return 1;
  if (word_class(w) == WC_NUMBER)
    return 1;
  /* "outside Gate 3", "at Hall 4": a numbered part of a place (not so a
   * place the lexicon or the gazetteer knows); "at" is no LX_PREP, which
   * the tagger reads, as it precedes firms as often as places */
  if (i > 0 && lower_word(c, i - 1) &&
      ((lex_of(c, i - 1) & LX_PREP) || tok_word_is(c, i - 1, "at")) &&
      !(w->lex & LX_PLACE) &&
      !(cw_an_gaz(w->s, w->n) &
        (GZ_COUNTRY | GZ_REGION | GZ_CITY | GZ_MAJOR)) &&
      i + 1 < c->ntok && c->tok[i + 1].kind == CW_TOK_NUMBER &&
      c->tok[i + 1].end - c->tok[i + 1].start <= 3 &&
      gap_ok(c, t->end, i + 1) &&
      !(i + 2 < c->ntok && c->tok[i + 2].start == c->tok[i + 1].end))
    return 1;
  if (t->flags & CW_TOKF_ALLCAPS)
    return 0;
  unsigned gz = 0;
  int gz_asked = 0;
  if (opens && w->stop) {
    gz = cw_an_gaz(w->s, w->n);
    gz_asked = 1;
    if (!(gz & GZ_FIRST))
      return 1; /* not so "May" or "Will" */
  }
  static const char *const adjective_ends[] = {"ional", "ific", "ical"};
  static const char *const noun_ends[] = {"ence", "ance", "ness", "ment",
                                          "ity",  "ism",  "tion", "sion"};
  for (size_t k = 0; k < sizeof adjective_ends / sizeof adjective_ends[0];
       k++) {
    size_t n = strlen(adjective_ends[k]);
    if (w->n >= n + 4 && memcmp(w->s + w->n - n, adjective_ends[k], n) == 0)
      return 1;
  }
  if (!opens || w->cap_mid)
    return 0;
  for (size_t k = 0; k < sizeof noun_ends / sizeof noun_ends[0]; k++) {
    size_t n = strlen(noun_ends[k]);
    if (w->n >= n + 4 && memcmp(w->s + w->n - n, noun_ends[k], n) == 0) {
      if (!gz_asked)
        gz = cw_an_gaz(w->s, w->n);
      return !(gz & (GZ_FIRST | GZ_NAME | GZ_COUNTRY | GZ_REGION | GZ_MAJOR));
    }
  }
  return 0;
}

/* Whether the gazetteer knows word token i as a name: a person's, a
 * place's or a firm's. */
static int name_gaz(cw_an_ctx *c, size_t i) {
  cw_an_word *w = word_of(c, i);
  return !w || (cw_an_gaz(w->s, w->n) &
                (GZ_FIRST | GZ_NAME | GZ_COUNTRY | GZ_REGION | GZ_CITY |
                 GZ_MAJOR | GZ_COMPANY));
}

/* Whether word token i, capitalised (not in capitals) at the start of a
 * sentence or a line, is a verb's -ing form or an adverb in -ly
 * ("Excluding", "Separately") that the gazetteer knows as no name. */
static int opening_verb_or_adverb(cw_an_ctx *c, size_t i) {
  const cw_token *t = &c->tok[i];
  cw_an_word *w = word_of(c, i);
  if (!w || w->n < 5 || (t->flags & CW_TOKF_ALLCAPS) ||
      !(c->info[i].initial ||
        (t->start > 0 && c->text[t->start - 1] == '\n')))
    return 0;
  const char *e = w->s + w->n;
  if (memcmp(e - 3, "ing", 3) != 0 && memcmp(e - 2, "ly", 2) != 0)
    return 0;
  return !(w->lex & (LX_TITLE | LX_HON | LX_QUAL | LX_NATION | LX_ORG |
                     LX_PLACE)) &&
         !name_gaz(c, i);
}

/* Whether word token i, capitalised (not in capitals) at the head of a
 * name of two or more words the tagger calls a person's (next: its second
 * word), is no part of it: a function word ("So Marr cleared ...", "Then
 * Brekke", "Offer To Brekke") that is no first name ("Will Marr") nor
 * "the" or a possessive, or a noun for people (word_class() WC_PERSON:
 * "Friend Marr", "Veterans Ilse Marten") that is no title (a role, cut
 * off as one), no word for kin ("Mother Agnetha") nor a first name before
 * a word that is none ("Star Marr" stays, "Star Ilse Marten" does not).
 * Where the tagger calls the name an organisation's (org), only such a
 * noun before a first name ("Veteran Ilse Marten"). */
static int common_head(cw_an_ctx *c, size_t i, size_t next, int org) {
  const cw_token *t = &c->tok[i];
  cw_an_word *w = word_of(c, i), *nw = word_of(c, next);
  if (!w || !nw || w->n < 2 ||
      (t->flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) != CW_TOKF_CAP ||
      (w->lex & (LX_TITLE | LX_HON | LX_NATION | LX_ORG | LX_PLACE |
                 LX_CONN)))
    return 0;
  if (w->stop) /* opening its sentence or after a mark: not "spokesman Per" */
    return !org && !is_determiner(c, i) &&
           (c->info[i].initial ||
            (i > 0 && c->tok[i - 1].kind != CW_TOK_WORD)) &&
           !(cw_an_gaz(w->s, w->n) & GZ_FIRST);
  if (word_class(w) != WC_PERSON || kin_word(w))
    return 0;
  if (cw_an_gaz(nw->s, nw->n) & GZ_FIRST)
    return 1;
  return !org && !(cw_an_gaz(w->s, w->n) & GZ_FIRST);
}

/* Turns one run into a mention (and maybe an acronym mention); *resume is
 * the token to go on from. */
static cw_status take_run(cw_an_ctx *c, const run *r, int tag,
                          size_t *resume) {
  int m = r->m, a = 0, re = -1;
  *resume = r->next;
  if (!tag &&
      ((c->info[r->tok[0]].initial && common_initial(c, r->tok[0], m == 1)) ||
       (m > 1 && opening_verb_or_adverb(c, r->tok[0]))))
    a = 1;
  while (a < m && is_conn(c, r->tok[a]))
    a++;
  if (a >= m)
    return CW_OK;
  /* "So Marr", "Friend Marr": a common word heading a person's name */
  if ((tag == TAG_PER || tag == TAG_ORG) && m - a >= 2 &&
      common_head(c, r->tok[a], r->tok[a + 1], tag == TAG_ORG))
    a++;

  /* the role ends at the last title word of the run; the tagger's
   * organisations and places keep theirs ("Minister" is not split off
   * "Foreign Ministry") */
  for (int j = a; j < m && (tag == 0 || tag == TAG_PER); j++)
    if (lex_of(c, r->tok[j]) & LX_TITLE)
      re = j;
  if (re >= 0) {
    while (re + 1 < m && (lex_of(c, r->tok[re + 1]) & LX_TAIL))
      re++;
    while (re + 2 < m && is_conn(c, r->tok[re + 1])) /* "Secretary of State" */
      re += 2;
    /* "Justice Department" is an organisation, not a justice named Department
     */
    for (int j = re + 1; j < m; j++)
      if (lex_of(c, r->tok[j]) & LX_ORG) {
        re = -1;
        break;
      }
  }
  int ns = re >= 0 ? re + 1 : a, ne = m;
  if (ns >= m)
    return CW_OK; /* a role without a name: "the Tesla CEO" */
  if (ne - ns > CW_NAME_MAX_WORDS)
    ne = ns + CW_NAME_MAX_WORDS;
  while (ne > ns && is_conn(c, r->tok[ne - 1]))
    ne--;
  /* "the Tesla CEO": an organisation the tagger ends in a title is a
   * description of a person (cw_an_descriptions), and the organisation is
   * the capitalised words before the title ("Tesla"); not "Office of the
   * President" */
  if (tag == TAG_ORG) {
    int k = ne;
    while (k > ns && (lex_of(c, r->tok[k - 1]) & LX_TITLE))
      k--;
    if (k < ne && (k == ns || ((c->tok[r->tok[k - 1]].flags & CW_TOKF_CAP) &&
                               !is_conn(c, r->tok[k - 1]) &&
                               !tok_word_is(c, r->tok[k - 1], "the")))) {
      if (k == ns)
        return CW_OK;
      ne = k;
      /* "the First Deputy Chairman": ranks of the title, no name; and
       * the ranks are no part of the organisation before them either
       * ("Kites Senior Vice President": "Kites") */
      while (k > ns && (lex_of(c, r->tok[k - 1]) & (LX_QUAL | LX_TAIL)) &&
             !(lex_of(c, r->tok[k - 1]) & LX_NATION) &&
             !(c->tok[r->tok[k - 1]].flags & CW_TOKF_ALLCAPS))
        k--;
      if (k == ns)
        return CW_OK;
      ne = k;
    }
  }
  size_t ft = r->tok[ns], lt = r->tok[ne - 1];
  cw_an_word *fw = word_of(c, ft);
  const cw_token *ftok = &c->tok[ft];
  int allcaps = 1;
  for (int j = ns; j < ne; j++)
    if (!(c->tok[r->tok[j]].flags & CW_TOKF_ALLCAPS) && !is_conn(c, r->tok[j]))
      allcaps = 0;
  if (ne - ns == 1 && ftok->end - ftok->start == 1)
    return CW_OK; /* "N/A": a letter alone is no name */
  if (ne - ns == 1 && !tag) {
    size_t n = ftok->end - ftok->start, cl;
    cw_text_letter_case(c->text + ftok->start, n, &cl);
    if (re < 0 && c->info[ft].initial && !fw->cap_mid)
      return CW_OK; /* a lone capitalised word opening a sentence */
    if ((fw->stop && !allcaps) || (fw->lex & (LX_NATION | LX_TIME)) || cl == n)
      return CW_OK;
  }
  if (ne - ns == 1 && re < 0 && ordinary_word(c, ft))
    return CW_OK;
  /* "'Make America Great Again'": a quoted phrase that ends in a function
   * word (not so "Peter Such") */
  cw_an_word *lw = word_of(c, lt);
  if (ne - ns >= 2 && lw->stop && !allcaps && !is_conn(c, lt) &&
      quote_mark_at(c, r->end[ne - 1], 0))
    return CW_OK;
  /* "the Eid al-Adha holiday": an occasion (not so the place of "the
   * Venice festival") */
  cw_an_word *nw = lower_word(c, lt + 1) ? word_of(c, lt + 1) : NULL;
  if (nw && !nw->stop && !nw->report && word_class(nw) == WC_OCCASION &&
      gap_ok(c, r->end[ne - 1], lt + 1)) {
    size_t name_n;
    int plain;
    const char *key, *name = collapse_n(c, ftok->start, r->end[ne - 1],
                                        &name_n, &plain);
    size_t key_n;
    if (!name)
      return CW_ERR_NOMEM;
    cw_status st = fold_name(c, name, name_n, plain, &key, &key_n);
    if (st)
      return st;
    if (!(cw_an_gaz(key, key_n) &
          (GZ_COUNTRY | GZ_REGION | GZ_CITY | GZ_MAJOR)) &&
        !(cw_an_lex(key, key_n) & LX_PLACE))
      return CW_OK;
  }

  /* the role: run words [rs, re], extended backwards */
  int count = 0;
  size_t role_first = ft, role_end = 0;
  if (re >= 0) {
    int rs = re - CW_ROLE_MAX_WORDS + 1 > a ? re - CW_ROLE_MAX_WORDS + 1 : a;
    count = re - rs + 1;
    role_first = r->tok[rs];
    role_end = r->end[re];
  }
  if (a == 0) {
    size_t j = extend_role(c, role_first, re >= 0, &count);
    if (j < role_first) {
      if (re < 0)
        role_end = c->tok[ft - 1].end;
      role_first = j;
    }
  }
  /* "a guest at 'Symposium'": a name in quotation marks of its own is a
   * title (of an event, a work, a slogan) */
  if (quote_mark_at(c, c->tok[role_first].start, 1) &&
      quote_mark_at(c, r->end[ne - 1], 0))
    return CW_OK;
  /* "the State Duma Committee on International Affairs": the remit after
   * an organisation's head word is part of its name */
  if (re < 0 && ft >= 2 && lower_word(c, ft - 1) &&
      (tok_word_is(c, ft - 1, "for") ||
       (tok_word_is(c, ft - 1, "on") &&
        (tok_word_is(c, ft - 2, "committee") ||
         tok_word_is(c, ft - 2, "subcommittee") ||
         tok_word_is(c, ft - 2, "commission") ||
         tok_word_is(c, ft - 2, "council") ||
         tok_word_is(c, ft - 2, "panel")))) &&
      !(tok_word_is(c, lt + 1, "and") && lower_word(c, lt + 1) &&
        lt + 2 < c->ntok && (c->tok[lt + 2].flags & CW_TOKF_CAP)) &&
      (lex_of(c, ft - 2) & LX_ORG) &&
      (c->tok[ft - 2].flags & CW_TOKF_CAP) && c->mentions.len &&
      gap_ok(c, c->tok[ft - 2].end, ft - 1) &&
      gap_ok(c, c->tok[ft - 1].end, ft)) {
    cw_an_mention *pm =
        &CW_VEC_AT(&c->mentions, cw_an_mention, c->mentions.len - 1);
    if (pm->start < ftok->start && pm->end >= r->end[ne - 1])
      return CW_OK; /* joined already (the tagger's span, asked again) */
    if (pm->end == c->tok[ft - 2].end && !pm->acronym &&
        pm->n_words + 1 + (ne - ns) <= CW_NAME_MAX_WORDS) {
      size_t name_n;
      int plain;
      pm->end = r->end[ne - 1];
      pm->n_words += 1 + (ne - ns);
      if (!(pm->name = collapse_n(c, pm->start, pm->end, &name_n, &plain)))
        return CW_ERR_NOMEM;
      cw_status st =
          fold_name(c, pm->name, name_n, plain, &pm->key, &pm->key_n);
      pm->last = lw->s;
      pm->last_n = lw->n;
      return st;
    }
  }
  cw_an_mention *mn = cw_vec_push(&c->mentions);
  if (!mn)
    return CW_ERR_NOMEM;
  mn->alias_of = -1;
  mn->entity = -1;
  mn->start = ftok->start;
  mn->end = r->end[ne - 1];
  mn->n_words = ne - ns;
  mn->allcaps = allcaps;
  mn->tag = (unsigned char)tag;
  size_t name_n;
  int plain;
  if (!(mn->name = collapse_n(c, mn->start, mn->end, &name_n, &plain)))
    return CW_ERR_NOMEM;
  cw_status st = fold_name(c, mn->name, name_n, plain, &mn->key, &mn->key_n);
  if (st)
    return st;
  mn->last = lw->s;
  mn->last_n = lw->n;
  for (int j = ns; j < ne; j++)
    if (lex_of(c, r->tok[j]) & LX_ORG)
      mn->org_word = 1;
  if (ne - ns >= 2) {
    unsigned wc = word_class(lw);
    /* not so a first name and a surname ("Hanna Courier") */
    if (wc == WC_ORG_TAIL &&
        !(ne - ns == 2 && (cw_an_gaz(fw->s, fw->n) & GZ_FIRST)))
      mn->org_word = 1;
    if (!mn->org_word && (c->tok[ft].flags & CW_TOKF_ALLCAPS) &&
        word_class(fw) == WC_CLUB)
      mn->org_word = mn->club = 1;
    if (wc == WC_FACILITY)
      mn->facility = 1;
  }
  mn->cue = mention_cue(c, role_first, ft, lt);
  if (ne - ns >= 2 && lower_word(c, lt + 1)) {
    cw_an_word *v = word_of(c, lt + 1);
    mn->said = v && v->report;
  }
  mn->source = role_first >= 2 && tok_word_is(c, role_first - 1, "to") &&
               tok_word_is(c, role_first - 2, "according");
  if (role_first < ft) {
    int words = 0, bare = 1, hon = 0;
    for (size_t k = role_first; k < ft; k++) {
      unsigned lx = lex_of(c, k);
      if (c->tok[k].kind != CW_TOK_WORD)
        continue;
      words++;
      if (lx & LX_TITLE)
        mn->titled = 1;
      if (lx & LX_HON)
        hon = 1;
      if (!(lx & LX_BARE))
        bare = 0;
    }
    mn->honorific = (unsigned)hon;
    mn->bare_role = (unsigned)bare;
    if (!(mn->role = collapse(c, c->tok[role_first].start, role_end)))
      return CW_ERR_NOMEM;
    if (words == 1 && hon) {
      size_t rn = strlen(mn->role), nn = strlen(mn->name);
      char *h = cw_arena_alloc(c->arena, rn + nn + 2);
      if (!h)
        return CW_ERR_NOMEM;
      memcpy(h, mn->role, rn);
      h[rn] = ' ';
      memcpy(h + rn + 1, mn->name, nn + 1);
      mn->hform = h;
    }
  }
  mn->after_the = ne - ns == 1 && role_first == ft && ft > 0 &&
                  tok_word_is(c, ft - 1, "the");
  mn->determined =
      mn->after_the || (ne - ns == 1 && role_first == ft && ft > 0 &&
                        !mn->allcaps && is_determiner(c, ft - 1));
  /* where it stands: "in Kabul", "WASHINGTON –" */
  if (role_first > 0) {
    size_t k = role_first - 1;
    if (c->tok[k].kind == CW_TOK_WORD && !(c->tok[k].flags & CW_TOKF_CAP) &&
        (lex_of(c, k) & LX_PREP))
      mn->place_cue = 1;
  }
  size_t after = lt + 1;
  if (c->info[ft].initial && allcaps && is_dash_or_colon(c, after))
    mn->dateline = 1;

  /* an acronym in parentheses right after the name */
  long self = (long)c->mentions.len - 1;
  if (ne == m && is_punct(c, after, "(") && is_punct(c, after + 2, ")") &&
      c->tok[after + 1].kind == CW_TOK_WORD &&
      (c->tok[after + 1].flags & CW_TOKF_CAP) &&
      c->tok[after + 1].end - c->tok[after + 1].start <= ACRONYM_MAX_BYTES) {
    size_t at = after + 1;
    int org = c->mentions.len &&
              CW_VEC_AT(&c->mentions, cw_an_mention, (size_t)self).org_word;
    if (acronym_matches(c, r, ns, ne, at) ||
        ((c->tok[at].flags & CW_TOKF_ALLCAPS) && org && ne - ns >= 2)) {
      cw_an_mention *am = cw_vec_push(&c->mentions);
      if (!am)
        return CW_ERR_NOMEM;
      am->alias_of = self;
      am->entity = -1;
      am->acronym = 1;
      am->start = c->tok[at].start;
      am->end = c->tok[at].end;
      am->n_words = 1;
      am->allcaps = (c->tok[at].flags & CW_TOKF_ALLCAPS) != 0;
      cw_an_word *aw = word_of(c, at);
      if (!(am->name = collapse(c, am->start, am->end)))
        return CW_ERR_NOMEM;
      am->key = am->last = aw->s;
      am->key_n = am->last_n = aw->n;
      *resume = after + 3;
    }
  }
  return CW_OK;
}

/* The first token from i on (n if none, i <= n) whose label is not O:
 * eight labels a load while they are all O (most are). */
static size_t next_labelled(const unsigned char *lab, size_t i, size_t n) {
  _Static_assert(NER_O == 0, "an O label is a zero byte");
  for (uint64_t v; n - i >= 8; i += 8) {
    memcpy(&v, lab + i, 8);
    if (v)
      break;
  }
  while (i < n && lab[i] == NER_O)
    i++;
  return i;
}

/* "Vincent J. Marr" tagged as two people around a middle initial, or a
 * name whose initial the tagger left out: one name. */
static void join_initials(cw_an_ctx *c, unsigned char *lab) {
  for (size_t i = 1; i + 2 < c->ntok; i++) {
    /* a token after an O label is none: passed over at once */
    i = next_labelled(lab, i - 1, c->ntok) + 1;
    if (i + 2 >= c->ntok)
      break;
    const cw_token *t = &c->tok[i];
    if (lab[i - 1] != NER_B_PER && lab[i - 1] != NER_I_PER)
      continue;
    if (t->kind != CW_TOK_WORD || t->end - t->start != 1 ||
        !(t->flags & CW_TOKF_CAP) || !is_punct(c, i + 1, ".") ||
        c->tok[i + 1].start != t->end)
      continue;
    if (lab[i + 2] != NER_B_PER && lab[i + 2] != NER_O)
      continue;
    if (lab[i + 2] == NER_O && !capword(c, i + 2))
      continue;
    lab[i] = lab[i + 1] = lab[i + 2] = NER_I_PER;
    for (size_t k = i + 3; k < c->ntok && lab[k] == NER_I_PER; k++)
      ;
  }
}

/* "Northbridge United beat Castlemoor": a word in lower case inside a
 * name must be a connector ("Bank of", "van der") or a function word
 * ("Sons and Lovers"); another one ("beat") is no part of it, and the
 * tagger's span is cut there into two names. */
static void cut_at_lower(cw_an_ctx *c, unsigned char *lab) {
  for (size_t i = 1; i < c->ntok; i++) {
    if ((i = next_labelled(lab, i, c->ntok)) >= c->ntok)
      break;
    if (lab[i] & 1)
      continue; /* the tokens inside a name alone are looked at */
    const cw_token *t = &c->tok[i];
    cw_an_word *w = word_of(c, i);
    if (t->kind != CW_TOK_WORD || !w ||
        (t->flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) || w->stop ||
        (w->lex & LX_CONN) || is_particle_name(c, i) ||
        cw_text_letter_case(c->text + t->start, t->end - t->start, NULL) != 1)
      continue;
    if (i + 1 < c->ntok && lab[i + 1] == lab[i])
      lab[i + 1] = (unsigned char)(lab[i] - 1);
    lab[i] = NER_O;
  }
}

/* Whether word token i, the last of a name, is a time rather than part
 * of it (take_tagged()). */
static int time_after_name(cw_an_ctx *c, size_t i) {
  cw_an_word *w = word_of(c, i);
  if (!w || !(w->lex & LX_TIME) || (cw_an_gaz(w->s, w->n) & GZ_FIRST))
    return 0;
  if (w->n > 3 && memcmp(w->s + w->n - 3, "day", 3) == 0)
    return 1; /* the weekdays, all in -day (no month is) */
  return i + 1 < c->ntok && c->tok[i + 1].kind == CW_TOK_NUMBER &&
         gap_ok(c, c->tok[i].end, i + 1);
}

/* Whether the dot at token k, right after word token i, is the full stop
 * of its sentence rather than an abbreviation's ("Calif.", "Inc.", "F."):
 * a sentence starts after it (or the text or its line ends) and the word
 * is no abbreviation: six letters or more, or a first name or surname the
 * gazetteer knows ("Paula Marr."), not an organisation's word ("Corp."). */
static int full_stop_after(cw_an_ctx *c, size_t i, size_t k) {
  if (k + 1 < c->ntok && !(c->tok[k + 1].flags & CW_TOKF_SENT_START) &&
      !memchr(c->text + c->tok[k].end, '\n',
              c->tok[k + 1].start - c->tok[k].end))
    return 0;
  cw_an_word *w = word_of(c, i);
  if (!w || dot_abbrev(c, i) || (w->lex & LX_ORG))
    return 0;
  return w->n >= 6 ||
         (w->n >= 3 && (cw_an_gaz(w->s, w->n) & (GZ_FIRST | GZ_NAME)));
}

static int headline_at(cw_an_ctx *c, unsigned char *hl, size_t k);

/* Takes the tagger's span of label l starting at token i (B- label) and
 * ending before j: its words made a run (a comma ends it, the rest is
 * relabelled to start a name of its own). Returns the token to go on
 * from in *next. */
static cw_status take_tagged(cw_an_ctx *c, unsigned char *lab,
                             unsigned char *headline, size_t i, size_t j,
                             int l, size_t *next) {
  run r;
  r.m = 0;
  size_t k = i, resume = j, last_end = 0;
  for (; k < j && r.m < RUN_MAX_WORDS; k++) {
    /* white space only, on one line, between the parts of a name */
    if (k > i && ((c->tok[k].start != last_end && !gap_ok(c, last_end, k)) ||
                  memchr(c->text + last_end, '\n',
                         c->tok[k].start - last_end)))
      break;
    last_end = c->tok[k].end;
    if (c->tok[k].kind == CW_TOK_PUNCT) {
      if (r.m && c->tok[k].start == r.end[r.m - 1] && is_punct(c, k, ".")) {
        if (l == NER_B_PER && full_stop_after(c, r.tok[r.m - 1], k))
          break; /* "... said Paula Marr." */
        r.end[r.m - 1] = c->tok[k].end; /* "F." "Inc." */
        continue;
      }
      /* inner "&" or "-" joins ("Douglas & Lomason"); a comma or a
       * spaced dot ends the name ("Wood, Loren Roberts") */
      if (r.m && k + 1 < j && (is_punct(c, k, "&") || is_punct(c, k, "-")))
        continue;
      /* "Dockworkers' Union" */
      if (r.m && k + 1 < j && c->tok[k].start == r.end[r.m - 1] &&
          (is_punct(c, k, "'") || is_punct(c, k, "\xE2\x80\x99")))
        continue;
      break;
    }
    if (!r.m && clock_word(c, k))
      continue; /* "9:56 AM EDT MUMBAI": the name after the time */
    if (!word_of(c, k) || is_modifier(c, k) || after_handle(c, k) ||
        clock_word(c, k)) {
      /* "D-Ariz." and "US-led" are no name words, nor "EDT" */
      if (!r.m) {
        *next = k + 1 > j ? k + 1 : j;
        return CW_OK;
      }
      break;
    }
    /* in a Title-Cased Headline, only words the body capitalises too */
    if ((headline[k] == 1 ||
         (c->info[k].title == 1 && headline_at(c, headline, k))) &&
        !(c->tok[k].flags & CW_TOKF_ALLCAPS) &&
        (c->tok[k].flags & CW_TOKF_CAP) && !capword(c, k)) {
      if (!r.m) {
        *next = j;
        return CW_OK;
      }
      k = j;
      break;
    }
    r.tok[r.m] = k;
    r.end[r.m] = c->tok[k].end;
    r.m++;
  }
  /* a trailing word in lower case is not part of the name ("the Kestrel
   * company") */
  while (r.m > 1 &&
         !(c->tok[r.tok[r.m - 1]].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) &&
         !is_particle_name(c, r.tok[r.m - 1])) { /* "Omar al-Rashid" */
    r.m--;
    k = j; /* and the rest is no name either */
  }
  /* nor is a capitalised "The" opening a sentence, nor a verb's -ing
   * form or an adverb opening one or a line ("Bringing Brand in was
   * ...", "Finally Marr said") */
  if (r.m > 1 &&
      ((c->info[r.tok[0]].initial && common_initial(c, r.tok[0], 0)) ||
       opening_verb_or_adverb(c, r.tok[0]))) {
    memmove(r.tok, r.tok + 1, (size_t)(r.m - 1) * sizeof r.tok[0]);
    memmove(r.end, r.end + 1, (size_t)(r.m - 1) * sizeof r.end[0]);
    r.m--;
  }
  /* a weekday after a name is a time ("in Cleveland Friday"), and so is
   * a month before a number ("Cleveland March 4"), unless it may be a
   * first name ("Theresa May"; not so a surname, "Fredric March") */
  while (r.m > 1 && time_after_name(c, r.tok[r.m - 1])) {
    r.m--;
    k = j;
  }
  r.next = k;
  cw_status st = CW_OK;
  if (r.m)
    st = take_run(c, &r, (l - NER_B_PER) / 2 + 1, &resume);
  *next = resume > j ? resume : j;
  if (k < j) {
    while (k < j && c->tok[k].kind == CW_TOK_PUNCT)
      k++;
    if (k < j) {
      lab[k] = (unsigned char)l;
      *next = k;
    }
  }
  return st;
}

/* The tagger's type of the words [start, end) (tokens from index from
 * on): the commonest type among
 * its tokens, NER_B_MISC for MISC, NER_O when it tagged none of them. */
static int span_label(const cw_an_ctx *c, const unsigned char *lab,
                      size_t from, size_t start, size_t end) {
  int n[5] = {0}, best = 0;
  for (size_t k = from; k < c->ntok && c->tok[k].start < end; k++)
    if (c->tok[k].start >= start && lab[k] != NER_O)
      n[(lab[k] + 1) / 2]++;
  for (int t = 1; t <= 4; t++)
    if (n[t] > n[best])
      best = t;
  return best ? 2 * best - 1 : NER_O;
}

/* hl[k] = 1 for the tokens of a Title-Cased Headline: a first sentence
 * that is title-cased (analyze.c), holds no numbers and does not end in a
 * full stop; a results table ("Essex 22 points, Kent 4") is no headline.
 * So are the headings glued into a sentence (title 2, analyze.c). */
static void mark_headlines(const cw_an_ctx *c, unsigned char *hl) {
  if (!c->ntok)
    return;
  memset(hl, 0, c->ntok);
  for (size_t k = 0; c->title_stretches && k < c->ntok; k++)
    hl[k] = c->info[k].title == 2;
  /* only the first sentence may be one: the others are not looked at */
  if (c->info[0].title != 1)
    return;
  size_t e = 1;
  int numbers = c->tok[0].kind == CW_TOK_NUMBER;
  for (; e < c->ntok && !(c->tok[e].flags & CW_TOKF_SENT_START); e++)
    numbers |= c->tok[e].kind == CW_TOK_NUMBER;
  if (!numbers && !is_punct(c, e - 1, "."))
    memset(hl, 1, e);
}

/* Whether token k, in a title-cased sentence (title 1) that
 * mark_headlines() did not take, stands in a Title-Cased Headline all
 * the same: its sentence does not end in a full stop and capitalises a
 * function word other than "the" inside it ("Rovers Make Offer To Brekke
 * (8 Years?)", "Why the Club Picked Marr As Captain"), which a list of
 * names or a results table does not ("Norway - Ilse Marten, Tomas Brekke";
 * "London (The Oval): Surrey 429-7 (C. Lewis 80, ...)."). Asked for the
 * tagger's names alone, as few texts have such sentences; the answer is
 * kept in hl for the sentence's tokens: 1 a headline, 2 none. */
static int headline_at(cw_an_ctx *c, unsigned char *hl, size_t k) {
  if (hl[k])
    return hl[k] == 1;
  size_t s = k, e = k + 1;
  while (s > 0 && !(c->tok[s].flags & CW_TOKF_SENT_START))
    s--;
  while (e < c->ntok && !(c->tok[e].flags & CW_TOKF_SENT_START))
    e++;
  int inner = 0;
  for (size_t q = s; q < e && !inner; q++) {
    const cw_token *t = &c->tok[q];
    cw_an_word *w = word_of(c, q);
    inner = w && (t->flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) == CW_TOKF_CAP &&
            !c->info[q].initial && w->stop && w->n > 1 &&
            !is_punct(c, q + 1, ".") && /* "No. 9", "A. Marr" */
            !is_determiner(c, q) &&
            !(w->lex & (LX_TITLE | LX_HON | LX_QUAL | LX_TIME | LX_CONN));
  }
  unsigned char v = inner && !is_punct(c, e - 1, ".") ? 1 : 2;
  memset(hl + s, v, e - s);
  return v == 1;
}

/* "Marevia-based": the capitalised part before "-based" is a place. */
static cw_status based_place(cw_an_ctx *c, size_t i) {
  static const char suffix[] = "-based";
  const size_t sn = sizeof suffix - 1;
  const cw_token *t = &c->tok[i];
  size_t n = t->end - t->start;
  if (t->kind != CW_TOK_WORD || !(t->flags & CW_TOKF_CAP) || n <= sn + 1 ||
      memcmp(c->text + t->end - sn, suffix, sn) != 0 ||
      memchr(c->text + t->start, '-', n - sn))
    return CW_OK;
  cw_an_mention *mn = cw_vec_push(&c->mentions);
  if (!mn)
    return CW_ERR_NOMEM;
  mn->alias_of = -1;
  mn->entity = -1;
  mn->start = t->start;
  mn->end = t->end - sn;
  mn->n_words = 1;
  mn->place_cue = 1;
  mn->tag = TAG_LOC;
  size_t name_n;
  int plain;
  if (!(mn->name = collapse_n(c, mn->start, mn->end, &name_n, &plain)))
    return CW_ERR_NOMEM;
  cw_status st = fold_name(c, mn->name, name_n, plain, &mn->key, &mn->key_n);
  mn->last = mn->key;
  mn->last_n = mn->key_n;
  return st;
}

/* The first token at or after byte start, from token index from on. */
static size_t ment_tok(const cw_an_ctx *c, size_t from, size_t start) {
  while (from + 1 < c->ntok && c->tok[from].start < start)
    from++;
  return from;
}

/* Whether the rules have evidence of their own for a mention the tagger
 * passed over: a role or honorific, an organisation word, a known place,
 * a name of two or more words, a word the text capitalises mid-sentence
 * too ("KORSVIK -" ... "Korsvik officials"). */
static int weighty(cw_an_ctx *c, const cw_an_mention *mn, size_t tok) {
  cw_an_word *w = word_of(c, tok);
  return mn->honorific || mn->titled || mn->org_word || mn->acronym ||
         mn->alias_of >= 0 || (mn->n_words >= 2 && !mn->allcaps) ||
         (!mn->allcaps && mn->n_words == 1 && w && w->cap_mid) ||
         (cw_an_lex(mn->key, mn->key_n) & LX_PLACE) ||
         (!mn->allcaps && (cw_an_gaz(mn->key, mn->key_n) & GZ_MAJOR));
}

static int cmp_mention_start(const void *x, const void *y) {
  const cw_an_mention *a = *(const cw_an_mention *const *)x,
                      *b = *(const cw_an_mention *const *)y;
  return (a->start > b->start) - (a->start < b->start);
}

/* A surname alone that the tagger passed over ("Prenn spoke ...") is a
 * mention when the article names a person of two or more words ending in
 * it; the new mentions are merged into text order. */
static cw_status propagate_surnames(cw_an_ctx *c) {
  cw_an_map lasts = {0};
  size_t old_n = c->mentions.len, m = 0;
  cw_status st = CW_OK;
  for (size_t k = 0; k < old_n; k++) {
    cw_an_mention *mn = &CW_VEC_AT(&c->mentions, cw_an_mention, k);
    if (mn->n_words >= 2 && mn->tag == TAG_PER && !mn->allcaps &&
        cw_an_map_put(&lasts, mn->last, mn->last_n, 0, 0, NULL, NULL))
      return CW_ERR_NOMEM;
  }
  if (!lasts.count)
    return CW_OK;
  for (size_t i = 0; i < c->ntok && !st; i++) {
    const cw_token *t = &c->tok[i];
    /* the token's own tests first: m, the first mention not before it,
     * moves on as far when fewer tokens ask (the ends only grow) */
    if (t->kind != CW_TOK_WORD || !(t->flags & CW_TOKF_CAP))
      continue;
    while (m < old_n &&
           CW_VEC_AT(&c->mentions, cw_an_mention, m).end <= c->tok[i].start)
      m++;
    if (m < old_n &&
        CW_VEC_AT(&c->mentions, cw_an_mention, m).start < c->tok[i].end)
      continue; /* inside a mention */
    cw_an_word *w = word_of(c, i);
    if (!w || w->stop || w->lex || !cw_an_map_get(&lasts, w->s, w->n, 0))
      continue;
    cw_an_mention *mn = cw_vec_push(&c->mentions);
    if (!mn) {
      st = CW_ERR_NOMEM;
      break;
    }
    mn->alias_of = -1;
    mn->entity = -1;
    mn->start = t->start;
    mn->end = t->end;
    mn->n_words = 1;
    mn->tag = TAG_PER;
    mn->key = mn->last = w->s;
    mn->key_n = mn->last_n = w->n;
    if (!(mn->name = collapse(c, mn->start, mn->end)))
      st = CW_ERR_NOMEM;
  }
  cw_an_map_free(&lasts);
  size_t n = c->mentions.len;
  if (st || n == old_n)
    return st;
  /* text order again; alias_of follows its mention */
  cw_an_mention **order = malloc(n * sizeof *order);
  cw_an_mention *copy = malloc(n * sizeof *copy);
  long *pos = malloc(n * sizeof *pos);
  if (!order || !copy || !pos) {
    free(order);
    free(copy);
    free(pos);
    return CW_ERR_NOMEM;
  }
  memcpy(copy, c->mentions.items, n * sizeof *copy);
  for (size_t k = 0; k < n; k++)
    order[k] = &copy[k];
  cw_sort_stable(order, n, sizeof *order, cmp_mention_start);
  for (size_t k = 0; k < n; k++)
    pos[order[k] - copy] = (long)k;
  cw_an_mention *M = c->mentions.items;
  for (size_t k = 0; k < n; k++) {
    M[k] = *order[k];
    if (M[k].alias_of >= 0)
      M[k].alias_of = pos[M[k].alias_of];
  }
  free(order);
  free(copy);
  free(pos);
  return CW_OK;
}

/* "Fullback Tomas Brekke", "Ex-Rover Ilse Marten": capitalised words the
 * tagger leaves out just before a person it names, and that are no
 * title the rules cut off as a role, are not part of the name. */
static void drop_untagged_head(cw_an_ctx *c, const unsigned char *lab,
                               run *r) {
  int k = 0;
  while (k < r->m && lab[r->tok[k]] == NER_O &&
         !(lex_of(c, r->tok[k]) & (LX_TITLE | LX_HON | LX_QUAL)) &&
         !is_conn(c, r->tok[k]) &&
         !((c->tok[r->tok[k]].flags & CW_TOKF_ALLCAPS) &&
           word_class(word_of(c, r->tok[k])) == WC_CLUB) && /* "KV" */
         c->tok[r->tok[k]].end - c->tok[r->tok[k]].start > 1) /* "A." */
    k++;
  if (k == 0 || k >= r->m || lab[r->tok[k]] != NER_B_PER)
    return;
  for (int j = k; j < r->m; j++)
    if (lab[r->tok[j]] != (j == k ? NER_B_PER : NER_I_PER))
      return; /* the rest is one person, as the tagger sees it */
  memmove(r->tok, r->tok + k, (size_t)(r->m - k) * sizeof r->tok[0]);
  memmove(r->end, r->end + k, (size_t)(r->m - k) * sizeof r->end[0]);
  r->m -= k;
}

/* "Residents of Valdecorza" opening a sentence: capitalised words before
 * "of" that the tagger leaves out, when it starts a place after it, are a
 * common noun capitalised there, not an organisation's head ("Bank of",
 * "University of" are LX_ORG) nor a title. (Before a person, "Critics of
 * Ostrova" stays a stray name, which test_analyze.c's
 * test_surname_past_stray_name relies on.) */
static void drop_untagged_of(cw_an_ctx *c, const unsigned char *lab, run *r) {
  assert(c->info[r->tok[0]].initial);
  int k = 0;
  while (k < r->m && lab[r->tok[k]] == NER_O && !is_conn(c, r->tok[k]) &&
         !(lex_of(c, r->tok[k]) & (LX_TITLE | LX_HON | LX_QUAL | LX_ORG)))
    k++;
  if (k == 0 || k + 1 >= r->m || !tok_word_is(c, r->tok[k], "of") ||
      lab[r->tok[k]] != NER_O || lab[r->tok[k + 1]] != NER_B_LOC)
    return;
  k++;
  memmove(r->tok, r->tok + k, (size_t)(r->m - k) * sizeof r->tok[0]);
  memmove(r->end, r->end + k, (size_t)(r->m - k) * sizeof r->end[0]);
  r->m -= k;
}

/* Mentions with the statistical tagger: runs of capitalised words are
 * taken as without it (roles, honorifics, acronyms) and get the tagger's
 * type; a run the tagger cuts into several names is taken as its names
 * ("Essex Leicestershire" in a table); a run it calls MISC ("West
 * Indian") is dropped; the names it finds outside runs (a sentence's
 * first word, a headline) are added. */
static cw_status find_tagged(cw_an_ctx *c, const cw_ner_model *model) {
  cw_ner_doc d;
  /* labels, then per token whether it stands in a headline */
  unsigned char *lab = malloc(2 * c->ntok + 1);
  if (!lab || cw_ner_doc_init_ctx(&d, c)) {
    free(lab);
    return CW_ERR_NOMEM;
  }
  mark_headlines(c, lab + c->ntok);
  cw_ner_decode(&d, cw_ner_model_score, (void *)model, lab);
  cw_ner_doc_free(&d);
  cut_at_lower(c, lab);
  join_initials(c, lab);
  cw_status st = CW_OK;
  size_t i = 0, tagger_until = 0;
  while (i < c->ntok && !st) {
    /* tokens outside the tagger's names that are no word, or a word in
     * lower case that cannot be a particle name, start nothing below
     * (capword() is false for them, based_place() needs a capital):
     * passed over at once */
    for (const cw_token *t = &c->tok[i];
         i < c->ntok && lab[i] == NER_O &&
         (t->kind != CW_TOK_WORD ||
          (!(t->flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) &&
           !particle_shaped(c, t)));
         t = &c->tok[++i])
      ;
    if (i >= c->ntok)
      break;
    /* capword() and based_place() pass over other tokens at once: asked
     * here, those spare the calls */
    int word = c->tok[i].kind == CW_TOK_WORD;
    if (i >= tagger_until && word && capword(c, i)) {
      run r;
      size_t resume, before = c->mentions.len;
      build_run(c, i, &r);
      /* names the tagger starts after the run's role words ("US President
       * Lidia Varga" is a role and a name, not a place and a person) */
      int starts = 0, name_from = 0;
      for (int j = 0; j < r.m; j++)
        if (lex_of(c, r.tok[j]) & LX_TITLE)
          name_from = j + 1;
      for (int j = name_from; j < r.m; j++)
        if (lex_of(c, r.tok[j]) & LX_ORG)
          name_from = 0; /* "Justice Department" */
      for (size_t k = name_from < r.m ? r.tok[name_from] : r.next; k < r.next;
           k++)
        starts += (lab[k] & 1) != 0 && !after_initial(c, k) &&
                  !after_initial(c, k + 2) &&
                  /* "Castlemoor FC": a head word starts no name */
                  !(k > r.tok[0] && (lex_of(c, k) & LX_ORG));
      /* a name of the tagger's running on past the run ("Organisation for
       * Security and Cooperation in Europe") */
      if (r.next < c->ntok && lab[r.next] != NER_O && !(lab[r.next] & 1) &&
          lab[r.next - 1] != NER_O)
        starts = 2;
      if (starts >= 2) {
        tagger_until = r.next; /* the tagger's cut */
      } else {
        drop_untagged_head(c, lab, &r);
        /* "Friend Marr": a common word heading a person the tagger names */
        if (r.m >= 2 && lab[r.tok[1]] >= NER_B_PER &&
            lab[r.tok[1]] <= NER_I_ORG &&
            common_head(c, r.tok[0], r.tok[1], lab[r.tok[1]] >= NER_B_ORG)) {
          memmove(r.tok, r.tok + 1, (size_t)(r.m - 1) * sizeof r.tok[0]);
          memmove(r.end, r.end + 1, (size_t)(r.m - 1) * sizeof r.end[0]);
          r.m--;
        }
        if (c->info[r.tok[0]].initial && r.m > 2)
          drop_untagged_of(c, lab, &r);
        if ((st = take_run(c, &r, 0, &resume)))
          break;
        for (size_t k = before; k < c->mentions.len; k++) {
          cw_an_mention *mn = &CW_VEC_AT(&c->mentions, cw_an_mention, k);
          int sl = span_label(c, lab, r.tok[0], mn->start, mn->end);
          if (sl == NER_B_MISC && mn->club)
            mn->tag = TAG_ORG; /* "KV Maasveld": a club, as its prefix says */
          else if (sl == NER_B_MISC && k + 1 == c->mentions.len &&
                   !mn->acronym)
            c->mentions.len--; /* "West Indian": not an entity here */
          else if (sl != NER_O && sl != NER_B_MISC)
            mn->tag = (unsigned char)((sl - NER_B_PER) / 2 + 1);
          else if (sl == NER_O && k + 1 == c->mentions.len && !weighty(c, mn, ment_tok(c, r.tok[0], mn->start)))
            c->mentions.len--; /* "SOCCER -": the rules' guess alone */
        }
        if (c->mentions.len > before ||
            (resume > i + 1 && !(lab[i] & 1))) {
          i = resume > i ? resume : i + 1;
          continue;
        }
      }
    }
    if (word && (c->tok[i].flags & CW_TOKF_CAP) && (st = based_place(c, i)))
      break;
    int l = lab[i];
    if (l == NER_B_PER || l == NER_B_ORG || l == NER_B_LOC) {
      size_t j = i + 1, next;
      while (j < c->ntok && lab[j] == l + 1 && j - i < SPAN_MAX_TOKENS)
        j++;
      st = take_tagged(c, lab, lab + c->ntok, i, j, l, &next);
      i = next > i ? next : i + 1;
      continue;
    }
    i++;
  }
  free(lab);
  if (!st)
    st = propagate_surnames(c);
  return st;
}

cw_status cw_an_find_mentions(cw_an_ctx *c) {
  /* a news text names something every twenty tokens or so: room for them
   * at once rather than by doublings */
  if (cw_vec_reserve(&c->mentions, c->mentions.len + c->ntok / 16 + 8))
    return CW_ERR_NOMEM;
  const cw_ner_model *model = cw_ner_model_get();
  if (model)
    return find_tagged(c, model);
  size_t i = 0;
  while (i < c->ntok) {
    if (!capword(c, i)) {
      i++;
      continue;
    }
    run r;
    size_t resume;
    build_run(c, i, &r);
    cw_status st = take_run(c, &r, 0, &resume);
    if (st)
      return st;
    i = resume > i ? resume : i + 1;
  }
  return CW_OK;
}

/* ---- resolution -------------------------------------------------------- */

/* The multi-word entities that end in one word. */
typedef struct cand {
  long best;      /* the entity named most often */
  size_t best_n;  /* its multi-word mentions */
  size_t total_n; /* multi-word mentions of all of them but the weak */
  int best_weak;  /* best is weak (not counted in total_n) */
} cand;

/* The best is dominant when named more than twice as often as all the
 * others together; weak ones (named once, with a first word that is no
 * known first name: "Welcome Musk" from a headline glued to a paragraph)
 * do not count against it. */
static int dominant(const cand *cd) {
  size_t others = cd->total_n - (cd->best_weak ? 0 : cd->best_n);
  return cd->best_n > 2 * others;
}

typedef struct ent {
  const char *key;
  size_t key_n;
  long first; /* first mention */
  size_t count;
  int surname; /* joined by its last word alone */
  /* "Musk-Trump bonhomie": two names the text has, hyphenated; no name */
  int compound;
  int per; /* its mentions the tagger calls PER, less the others (the
             * surnames alone counted as they join) */
} ent;

/* Lexicon bits of the first word of a folded name. */
static unsigned first_word_lex(const char *key, size_t n) {
  const char *sp = memchr(key, ' ', n);
  return cw_an_lex(key, sp ? (size_t)(sp - key) : n);
}

/* Gazetteer bits of the first word of a folded name. */
static unsigned first_word_gaz(const char *key, size_t n) {
  const char *sp = memchr(key, ' ', n);
  return cw_an_gaz(key, sp ? (size_t)(sp - key) : n);
}

static cw_status new_entity(cw_vec *ents, cw_an_map *keys,
                            const cw_an_mention *mn, long at, long *out) {
  long *slot;
  int created;
  /* one entity per name, whatever the tagger said of each mention: its
   * votes decide the type (keying by type as well split "PORTLAND -" from
   * "Portland officials" and gained only 0.3 F1 on CoNLL sports tables) */
  uint64_t tag = 0;
  if (cw_an_map_put(keys, mn->key, mn->key_n, tag, (long)ents->len, &slot,
                    &created))
    return CW_ERR_NOMEM;
  if (created) {
    ent *e = cw_vec_push(ents);
    if (!e)
      return CW_ERR_NOMEM;
    e->key = mn->key;
    e->key_n = mn->key_n;
    e->first = at;
  }
  *out = *slot;
  return CW_OK;
}

static int cmp_first(const void *x, const void *y) {
  const ent *a = *(const ent *const *)x, *b = *(const ent *const *)y;
  return (a->first > b->first) - (a->first < b->first);
}

/* Appends s to the distinct strings of entity tag (dedupe through seen). */
static cw_status add_distinct(cw_an_map *seen, uint64_t tag, cw_vec *out,
                              const char *s) {
  int created;
  if (cw_an_map_put(seen, s, strlen(s), tag, 0, NULL, &created))
    return CW_ERR_NOMEM;
  if (created) {
    const char **p = cw_vec_push(out);
    if (!p)
      return CW_ERR_NOMEM;
    *p = s;
  }
  return CW_OK;
}

static const char **arena_strings(cw_arena *arena, const cw_vec *v, size_t *n) {
  *n = v->len;
  if (!v->len)
    return NULL;
  const char **p = cw_arena_alloc(arena, v->len * sizeof *p);
  if (p)
    memcpy(p, v->items, v->len * sizeof *p);
  return p;
}

/* The type the cues of an entity's mentions agree on (mention_cue()),
 * CW_ENT_UNKNOWN when they are none or disagree. */
static cw_entity_type cue_type(const int *cue) {
  static const cw_entity_type types[4] = {CW_ENT_UNKNOWN, CW_ENT_PERSON,
                                          CW_ENT_ORG, CW_ENT_PLACE};
  int only = 0;
  for (int t = TAG_PER; t <= TAG_LOC; t++)
    if (cue[t]) {
      if (only)
        return CW_ENT_UNKNOWN;
      only = t;
    }
  return types[only];
}

/* Whether name is a country's abbreviation in capitals ("US", "U.K."),
 * which the tagger may take for an organisation's acronym. */
static int country_abbrev(const char *name) {
  static const char *const abbrevs[] = {"U.K.", "U.S.", "U.S.A.", "UAE",
                                        "UK",   "US",   "USA"};
  if (name[0] != 'U')
    return 0;
  for (size_t k = 0; k < sizeof abbrevs / sizeof abbrevs[0]; k++)
    if (strcmp(name, abbrevs[k]) == 0)
      return 1;
  return 0;
}

static cw_entity_type entity_type(const ent *e, const cw_an_mention *all,
                                  const long *idx, size_t n, const char *name) {
  int person = 0, org = 0, dateline = 0, acronym = 0, cues = 0, words = 1;
  int votes[4] = {0}, hon = 0, orgw = 0, dl = 0, named = 0;
  int cue[4] = {0}, facility = 0, titled = 0, sources = 0, said = 0;
  for (size_t k = 0; k < n; k++) {
    const cw_an_mention *mn = &all[idx[k]];
    votes[mn->tag] += 2;
    named |= !mn->after_the;
    hon |= mn->honorific && !mn->titled;
    dl |= mn->dateline;
    orgw |= mn->org_word && mn->n_words >= 2;
    cue[mn->cue]++;
    facility |= mn->facility;
    titled |= mn->titled || mn->honorific;
    if (mn->titled && mn->tag)
      votes[TAG_PER]++; /* "Transport Minister Irena Solberg" */
    sources += mn->source && mn->tag == TAG_LOC;
    said |= mn->said;
  }
  /* "according to Newsweek": a source, not a place (not so "according to
   * Iran's seismological centre") */
  if (sources && !(cw_an_lex(e->key, e->key_n) & LX_PLACE) &&
      !(cw_an_gaz(e->key, e->key_n) &
        (GZ_COUNTRY | GZ_REGION | GZ_CITY | GZ_MAJOR))) {
    votes[TAG_LOC] -= 2 * sources;
    votes[TAG_ORG] += 2 * sources;
  }
  cw_entity_type ct = cue_type(cue);
  /* a name opening with a first name that says something is a person;
   * asked only where the tagger's votes say otherwise */
  if (ct == CW_ENT_UNKNOWN && said && !cue[TAG_ORG] && !cue[TAG_LOC] &&
      (votes[TAG_PER] < votes[TAG_ORG] || votes[TAG_PER] < votes[TAG_LOC]) &&
      (first_word_gaz(e->key, e->key_n) & GZ_FIRST))
    ct = CW_ENT_PERSON;
  /* "City Hall", "Dock Street": no person unless a first name, an
   * initial or a title opens it ("H. Dale Hall", "Deputy Cynthia Hall") */
  if (facility && votes[TAG_PER] && !titled && e->key_n > 2 &&
      e->key[1] != '.' && e->key[1] != ' ' &&
      !(first_word_gaz(e->key, e->key_n) & GZ_FIRST)) {
    votes[TAG_LOC] += votes[TAG_PER];
    votes[TAG_PER] = 0;
  }
  if (votes[TAG_PER] + votes[TAG_ORG] + votes[TAG_LOC]) {
    /* the tagger's majority over all mentions, so that "Simmons" alone
     * takes the type of "Phil Simmons"; an honorific ("Mr") settles it,
     * and so does an organisation's head word ("Verde Group") */
    if (hon)
      return CW_ENT_PERSON;
    if (dl)
      return CW_ENT_PLACE; /* "PORTLAND –" */
    if (orgw && !(cw_an_lex(e->key, e->key_n) & LX_PLACE) &&
        !(cw_an_gaz(e->key, e->key_n) & (GZ_COUNTRY | GZ_REGION | GZ_MAJOR)))
      return CW_ENT_ORG;
    /* a noun in apposition names the kind: "the collector Augustin
     * Hallenberg", "Lumenpay, the payments app" */
    if (ct != CW_ENT_UNKNOWN) {
      /* not so "defending champion Spain", a team; the gazetteer asked
       * only where the cue and the votes disagree */
      int t = votes[TAG_PER] >= votes[TAG_ORG] &&
                      votes[TAG_PER] >= votes[TAG_LOC]
                  ? TAG_PER
                  : votes[TAG_ORG] >= votes[TAG_LOC] ? TAG_ORG : TAG_LOC;
      static const cw_entity_type of_tag[4] = {
          CW_ENT_UNKNOWN, CW_ENT_PERSON, CW_ENT_ORG, CW_ENT_PLACE};
      if (ct == CW_ENT_PLACE || (ct == of_tag[t] && named) ||
          !(cw_an_gaz(e->key, e->key_n) & (GZ_COUNTRY | GZ_REGION)))
        return ct;
    }
    if (country_abbrev(name))
      return CW_ENT_PLACE; /* "the US", the tagger's ORG */
    /* a person is not "the Bill" every time: a thing with a first
     * name's spelling (legislation, "the Will"), typed by the other votes */
    if (!named)
      votes[TAG_PER] = 0;
    if (votes[TAG_PER] >= votes[TAG_ORG] && votes[TAG_PER] >= votes[TAG_LOC])
      return votes[TAG_PER] ? CW_ENT_PERSON : CW_ENT_UNKNOWN;
    return votes[TAG_ORG] >= votes[TAG_LOC] ? CW_ENT_ORG : CW_ENT_PLACE;
  }
  for (size_t k = 0; k < n; k++) {
    const cw_an_mention *mn = &all[idx[k]];
    person |= mn->honorific || mn->titled;
    org |= mn->org_word;
    dateline |= mn->dateline;
    acronym |= mn->acronym;
    cues += mn->place_cue;
    if (mn->n_words > words)
      words = mn->n_words;
  }
  if (person)
    return CW_ENT_PERSON;
  if (org)
    return CW_ENT_ORG;
  if (ct != CW_ENT_UNKNOWN)
    return ct;
  if (cw_an_lex(e->key, e->key_n) & LX_PLACE)
    return CW_ENT_PLACE;
  if (dateline)
    return CW_ENT_PLACE;
  /* the gazetteer: "Norway", "Bavaria", "Oslo"; "Hanna Lund" */
  unsigned gz = cw_an_gaz(e->key, e->key_n);
  if (gz & (GZ_COUNTRY | GZ_REGION | GZ_MAJOR))
    return CW_ENT_PLACE;
  if (words >= 2 &&
      (first_word_gaz(e->key, e->key_n) & GZ_FIRST) &&
      !(first_word_lex(e->key, e->key_n) & (LX_QUAL | LX_NATION | LX_PLACE)))
    return CW_ENT_PERSON;
  size_t letters = 0;
  int caps = 1;
  for (const char *p = name; *p; p++) {
    if (*p >= 'A' && *p <= 'Z')
      letters++;
    else if (*p != '.')
      caps = 0;
  }
  if (acronym || (caps && letters >= 2 && letters <= ACRONYM_MAX_LETTERS))
    return CW_ENT_ORG;
  /* a first name and a surname used alone: "Lidia Varga" ... "Varga"; not
   * "REUTERS KABUL" or "Republican Bill" */
  if (e->surname && words >= 2 && !caps &&
      !(first_word_lex(e->key, e->key_n) & (LX_QUAL | LX_NATION)))
    return CW_ENT_PERSON;
  if (cues && (size_t)cues * 2 >= n)
    return CW_ENT_PLACE;
  return CW_ENT_UNKNOWN;
}

/* The entity among the first n of ents (those of several words) whose
 * first word is key, of a person's shape (no organisation word, not in
 * capitals): its index; -1 when there is none or several share it. */
static long first_name_of(const cw_vec *ents, const cw_an_mention *M,
                          size_t n, const char *key, size_t key_n) {
  long found = -1;
  for (size_t k = 0; k < n; k++) {
    const ent *e = &CW_VEC_AT(ents, ent, k);
    if (e->key_n <= key_n || e->key[key_n] != ' ' || e->key[0] != key[0] ||
        memcmp(e->key, key, key_n) != 0)
      continue;
    if (M[e->first].org_word || M[e->first].allcaps)
      continue;
    if (found >= 0)
      return -1;
    found = (long)k;
  }
  return found;
}

cw_status cw_an_resolve(cw_an_ctx *c, cw_analysis *a) {
  cw_status st = CW_ERR_NOMEM;
  cw_an_mention *M = c->mentions.items;
  size_t nm = c->mentions.len;
  cw_an_map keys = {0}, lasts = {0}, aliases = {0}, seen = {0};
  cw_vec ents, strs, cands;
  ent **order = NULL;
  long *idx = NULL;
  size_t *pos = NULL;
  cw_vec_init(&ents, sizeof(ent));
  cw_vec_init(&strs, sizeof(const char *));
  cw_vec_init(&cands, sizeof(cand));
  a->entities = NULL;
  a->n_entities = 0;
  if (nm == 0)
    return CW_OK;
  /* an entity or a candidate a mention at most: no doublings */
  if (cw_vec_reserve(&ents, nm) || cw_vec_reserve(&cands, nm))
    goto fail;

  /* 1. multi-word names make entities */
  for (size_t i = 0; i < nm; i++) {
    long e;
    if (M[i].acronym || M[i].n_words < 2)
      continue;
    if (new_entity(&ents, &keys, &M[i], (long)i, &e))
      goto fail;
    M[i].entity = e;
    CW_VEC_AT(&ents, ent, (size_t)e).count++;
    CW_VEC_AT(&ents, ent, (size_t)e).per +=
        M[i].tag == TAG_PER ? 1 : M[i].tag ? -1 : 0;
  }
  /* their last words join lone ones: "Musk" to the dominant "Elon Musk"
   * (the only one, or one named more than twice as often as all others
   * ending in "Musk" together; a stray "Welcome Musk" from a headline
   * glued to a paragraph must not block the join) */
  for (size_t k = 0; k < ents.len; k++) {
    const ent *e = &CW_VEC_AT(&ents, ent, k);
    const cw_an_mention *fm = &M[e->first];
    long *slot;
    int created;
    if (fm->org_word && !fm->club)
      continue; /* "Office" alone is not the Oval Office */
    if (cw_an_map_put(&lasts, fm->last, fm->last_n, 0, (long)cands.len, &slot,
                      &created))
      goto fail;
    int weak = e->count == 1 &&
               !(first_word_gaz(fm->key, fm->key_n) & GZ_FIRST);
    if (created) {
      cand *cd = cw_vec_push(&cands);
      if (!cd)
        goto fail;
      cd->best = (long)k;
      cd->best_n = e->count;
      cd->total_n = weak ? 0 : e->count;
      cd->best_weak = weak;
    } else {
      cand *cd = &CW_VEC_AT(&cands, cand, (size_t)*slot);
      if (!weak)
        cd->total_n += e->count;
      if (e->count > cd->best_n || (e->count == cd->best_n && cd->best_weak &&
                                    !weak)) {
        cd->best = (long)k;
        cd->best_n = e->count;
        cd->best_weak = weak;
      }
    }
  }
  size_t n_multi = ents.len;
  for (size_t k = 0; k < ents.len; k++)
    CW_VEC_AT(&ents, ent, k).count = 0;
  /* 2. acronyms of those names are aliases for the whole text */
  for (size_t i = 0; i < nm; i++) {
    if (!M[i].acronym || M[M[i].alias_of].entity < 0)
      continue;
    M[i].entity = M[M[i].alias_of].entity;
    if (cw_an_map_put(&aliases, M[i].key, M[i].key_n, 0, M[i].entity, NULL,
                      NULL))
      goto fail;
  }
  /* 3. one-word mentions, in text order; first names alone last, once
   * the surnames alone have told which full names are people */
  for (size_t i = 0, pass = 0; pass < 2; i = 0, pass++)
  for (; i < nm; i++) {
    long *p, e;
    if (M[i].entity >= 0)
      continue;
    if (M[i].acronym) {
      e = M[M[i].alias_of].entity; /* resolved: it comes first */
      if (cw_an_map_put(&aliases, M[i].key, M[i].key_n, 0, e, NULL, NULL))
        goto fail;
    } else if ((p = cw_an_map_get(&aliases, M[i].key, M[i].key_n, 0))) {
      e = *p;
    } else if (!(cw_an_lex(M[i].key, M[i].key_n) & LX_PLACE) &&
               (p = cw_an_map_get(&lasts, M[i].key, M[i].key_n, 0)) &&
               dominant(&CW_VEC_AT(&cands, cand, (size_t)*p))) {
      /* a known place keeps its own entity: "Kabul" is not "REUTERS
       * KABUL" */
      e = CW_VEC_AT(&cands, cand, (size_t)*p).best;
      CW_VEC_AT(&ents, ent, (size_t)e).surname = 1;
      CW_VEC_AT(&ents, ent, (size_t)e).per +=
          M[i].tag == TAG_PER ? 1 : M[i].tag ? -1 : 0;
    } else if (!M[i].allcaps && !M[i].org_word && M[i].tag != TAG_LOC &&
               (e = first_name_of(&ents, M, n_multi, M[i].key,
                                  M[i].key_n)) >= 0 &&
               !cw_an_map_get(&keys, M[i].key, M[i].key_n, 0) &&
               !(cw_an_lex(M[i].key, M[i].key_n) & LX_PLACE) &&
               !(cw_an_gaz(M[i].key, M[i].key_n) &
                 (GZ_COUNTRY | GZ_REGION | GZ_MAJOR)) &&
               (!pass || (CW_VEC_AT(&ents, ent, (size_t)e).surname &&
                          CW_VEC_AT(&ents, ent, (size_t)e).per > 0))) {
      /* a person named by the first name alone ("to cancel Elon's
       * contracts" beside "Elon Musk"): joined in a second pass, when the
       * text has also named the person by the surname alone and the
       * tagger calls the mentions of both names persons more often than
       * not */
      if (!pass)
        continue;
      M[i].tag = 0; /* the full name's mentions type it */
    } else {
      if (new_entity(&ents, &keys, &M[i], (long)i, &e))
        goto fail;
      const char *dash = memchr(M[i].key, '-', M[i].key_n);
      if (dash && dash > M[i].key && dash + 1 < M[i].key + M[i].key_n) {
        size_t ln = (size_t)(dash - M[i].key),
               rn = M[i].key_n - ln - 1;
        if (cw_an_map_get(&lasts, M[i].key, ln, 0) &&
            cw_an_map_get(&lasts, dash + 1, rn, 0))
          CW_VEC_AT(&ents, ent, (size_t)e).compound = 1;
      }
    }
    M[i].entity = e;
  }

  /* entities in order of first mention; mentions grouped per entity */
  size_t ne = ents.len;
  ent *E = ents.items;
  for (size_t i = 0; i < nm; i++) {
    ent *e = &E[M[i].entity];
    if ((long)i < e->first)
      e->first = (long)i;
    e->count++;
  }
  order = malloc((ne ? ne : 1) * sizeof(ent *));
  idx = malloc(nm * sizeof *idx);
  pos = calloc(ne + 1, sizeof *pos);
  if (!order || !idx || !pos)
    goto fail;
  for (size_t k = 0; k < ne; k++)
    order[k] = &E[k];
  cw_sort_stable(order, ne, sizeof(ent *), cmp_first);
  for (size_t k = 0; k < ne; k++) /* pos: start of each entity's slice */
    pos[k + 1] = pos[k] + E[k].count;
  {
    size_t *fill = calloc(ne ? ne : 1, sizeof *fill);
    if (!fill)
      goto fail;
    for (size_t i = 0; i < nm; i++) {
      size_t e = (size_t)M[i].entity;
      idx[pos[e] + fill[e]++] = (long)i;
    }
    free(fill);
  }

  a->entities = cw_arena_alloc(c->arena, ne * sizeof(cw_entity));
  if (!a->entities)
    goto fail;
  size_t kept = 0;
  for (size_t k = 0; k < ne; k++) {
    const ent *e = order[k];
    size_t ei = (size_t)(e - E);
    const long *mi = idx + pos[ei];
    size_t n = e->count;
    /* canonical: the longest form, not in capitals when another exists */
    const cw_an_mention *best = NULL;
    for (size_t j = 0; j < n; j++) {
      const cw_an_mention *mn = &M[mi[j]];
      if (mn->acronym)
        continue;
      if (!best || mn->n_words > best->n_words ||
          (mn->n_words == best->n_words && best->allcaps && !mn->allcaps))
        best = mn;
    }
    if (!best)
      best = &M[mi[0]];
    /* one word that always follows a determiner, and of no type: a
     * common noun or adjective capitalised for emphasis or house style
     * ("stewed over the Bill", "KILL the BILL", "his Presidential
     * campaign"), not a name */
    int determined = 1;
    for (size_t j = 0; j < n && determined; j++)
      determined = M[mi[j]].determined;
    cw_entity_type type = entity_type(e, M, mi, n, best->name);
    if ((determined && type == CW_ENT_UNKNOWN) || e->compound)
      continue;
    cw_entity *out = &a->entities[kept++];
    out->type = type;
    out->name = best->name;
    out->mentions = cw_arena_alloc(c->arena, n * sizeof(cw_mention));
    if (!out->mentions)
      goto fail;
    out->n_mentions = n;
    strs.len = 0;
    for (size_t j = 0; j < n; j++) {
      const cw_an_mention *mn = &M[mi[j]];
      out->mentions[j].start = mn->start;
      out->mentions[j].end = mn->end;
      out->mentions[j].role = mn->role;
      if (strcmp(mn->name, out->name) != 0 &&
          add_distinct(&seen, 2 * ei, &strs, mn->name))
        goto fail;
      if (mn->hform && add_distinct(&seen, 2 * ei, &strs, mn->hform))
        goto fail;
    }
    out->aliases = arena_strings(c->arena, &strs, &out->n_aliases);
    if (strs.len && !out->aliases)
      goto fail;
    strs.len = 0;
    for (size_t j = 0; j < n; j++) {
      const cw_an_mention *mn = &M[mi[j]];
      if (mn->role && !mn->bare_role &&
          add_distinct(&seen, 2 * ei + 1, &strs, mn->role))
        goto fail;
    }
    out->roles = arena_strings(c->arena, &strs, &out->n_roles);
    if (strs.len && !out->roles)
      goto fail;
  }
  a->n_entities = kept;
  st = CW_OK;
fail:
  if (st)
    a->entities = NULL;
  free(order);
  free(idx);
  free(pos);
  cw_vec_free(&ents);
  cw_vec_free(&strs);
  cw_vec_free(&cands);
  cw_an_map_free(&keys);
  cw_an_map_free(&lasts);
  cw_an_map_free(&aliases);
  cw_an_map_free(&seen);
  return st;
}

/* ---- descriptions -------------------------------------------------------
 *
 * "the Tesla CEO", "the billionaire", "the US President", "the Russian
 * lawmaker": a person named by what they are. A description joins the
 * person it unambiguously points at, as a mention without a role (its words
 * say what the outlet calls the person, not a title of the name, so no
 * role fact comes of it) and an alias "the ...":
 *   1. in apposition: "Friedrich Merz, the new German chancellor";
 *   2. else the nearest person named before it whose roles hold the
 *      description's head word ("President Donald Trump" ... "the
 *      president");
 *   3. else, for the heads that name public figures (DESC_FIGURES), the
 *      only person named in the sentence or the DESC_WINDOW sentences
 *      before it who has no role, or a role with that head ("Elon Musk" ...
 *      "tensions between the Tesla CEO and President Donald Trump": Donald
 *      Trump is a president, so the CEO is Musk).
 * Anything else stays unresolved: a wrong join is worse than none. */

/* Words between "the" and the head: "the SpaceX and Tesla CEO". */
#define DESC_MAX_MODIFIERS 4
/* Sentences before a description searched by rule 3, and by rule 2 (a
 * role said further back is left to the quotes' own lookback). */
#define DESC_WINDOW 2
#define DESC_ROLE_WINDOW 30
/* Descriptions joined per article at most: bounds the work on hostile
 * input (each looks at every person). */
#define DESC_MAX 512
/* Person mentions a description looks back over at most (as the quotes'
 * role lookback): bounds the work on a text of thousands of names. */
#define DESC_LOOKBACK 400

/* Heads that name a person in the public eye, besides the lexicon's
 * titles; rule 3 takes only these. Sorted (bsearch). */
static const char *const desc_figures[] = {
    "actor",       "billionaire", "businessman", "businesswoman", "ceo",
    "chairman",    "chairwoman",  "chancellor",  "congressman",
    "congresswoman", "entrepreneur", "founder",  "governor",  "lawmaker",
    "magnate",     "mayor",       "minister",    "mogul",     "premier",
    "president",   "senator",     "singer",      "spokesman", "spokesperson",
    "spokeswoman", "star",        "tycoon"};

/* Lower-case words that may stand between "the" and the head. */
static const char *const desc_adjectives[] = {
    "embattled", "ex",   "former", "incoming", "new",     "outgoing",
    "outspoken", "tech", "then",   "veteran",  "wealthy", "world's"};

static int cmp_str(const void *x, const void *y) {
  return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The first letters of the entries of a list, as bits: most words start
 * with a letter no entry starts with. A debug build checks them. */
#define LETTER(ch) (1u << ((ch) & 31))
#define FIGURE_LETTERS                                                       \
  (LETTER('a') | LETTER('b') | LETTER('c') | LETTER('e') | LETTER('f') |     \
   LETTER('g') | LETTER('l') | LETTER('m') | LETTER('p') | LETTER('s') |     \
   LETTER('t'))
#define ADJECTIVE_LETTERS                                                    \
  (LETTER('e') | LETTER('f') | LETTER('i') | LETTER('n') | LETTER('o') |     \
   LETTER('t') | LETTER('v') | LETTER('w'))

static int in_sorted(const char *const *list, size_t n, uint32_t letters,
                     const cw_an_word *w) {
#ifndef NDEBUG
  for (size_t i = 0; i < n; i++)
    assert(letters & LETTER(list[i][0]));
  for (size_t i = 1; i < n; i++)
    assert(strcmp(list[i - 1], list[i]) < 0);
#endif
  if (!w || w->nul || w->n >= 32 || w->n < 2 ||
      !(letters & LETTER(w->s[0])))
    return 0;
  /* a binary search comparing in place: strcmp(entry, w) without a copy
   * of w or a call (w holds no NUL: a shorter entry's NUL sorts first) */
  size_t lo = 0, hi = n;
  int found = 0;
  while (lo < hi && !found) {
    size_t mid = lo + (hi - lo) / 2, k = 0;
    const unsigned char *e = (const unsigned char *)list[mid];
    const unsigned char *ws = (const unsigned char *)w->s;
    while (k < w->n && e[k] == ws[k])
      k++;
    int cmp = k < w->n ? (int)e[k] - (int)ws[k] : e[k] != 0;
    if (cmp < 0)
      lo = mid + 1;
    else if (cmp > 0)
      hi = mid;
    else
      found = 1;
  }
#ifndef NDEBUG
  {
    char key[32];
    memcpy(key, w->s, w->n);
    key[w->n] = '\0';
    const char *k = key;
    assert(found == (bsearch(&k, list, n, sizeof *list, cmp_str) != NULL));
  }
#endif
  return found;
}

/* w's desc_figure and desc_adjective bits, looked up on first use. */
static cw_an_word *desc_word(cw_an_word *w) {
  if (w && !w->desc_known) {
    w->desc_known = 1;
    w->desc_figure = (unsigned)in_sorted(
        desc_figures, sizeof desc_figures / sizeof *desc_figures,
        FIGURE_LETTERS, w);
    w->desc_adjective = (unsigned)in_sorted(
        desc_adjectives, sizeof desc_adjectives / sizeof *desc_adjectives,
        ADJECTIVE_LETTERS, w);
  }
  return w;
}

static int is_figure(cw_an_word *w) { return w && desc_word(w)->desc_figure; }

static int is_adjective(cw_an_word *w) {
  return w && desc_word(w)->desc_adjective;
}

typedef struct desc {
  size_t the;        /* token of "the" */
  size_t first, head; /* tokens: first word after "the", the head */
} desc;

/* A description starting at token i ("the"), or 0. */
static int desc_at(cw_an_ctx *c, size_t i, desc *d) {
  if (!tok_word_is(c, i, "the"))
    return 0;
  size_t k = i + 1;
  for (; k < c->ntok && k <= i + DESC_MAX_MODIFIERS + 1; k++) {
    if (!gap_ok(c, c->tok[k - 1].end, k) || c->tok[k].kind != CW_TOK_WORD)
      return 0;
    cw_an_word *w = word_of(c, k);
    if (!w)
      return 0;
    if ((w->lex & LX_TITLE) || is_figure(w)) {
      /* "the Tesla CEO Elon Musk" is a title of a name; "the president of
       * the club" may be anyone's */
      size_t n = k + 1;
      if (n < c->ntok && gap_ok(c, c->tok[k].end, n) &&
          ((c->tok[n].kind == CW_TOK_WORD &&
            (c->tok[n].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS))) ||
           tok_word_is(c, n, "of") ||
           (lex_of(c, n) & (LX_TITLE | LX_TAIL))))
        return 0;
      d->the = i;
      d->first = i + 1;
      d->head = k;
      return 1;
    }
    int caps = (c->tok[k].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) != 0;
    if (caps || (w->lex & (LX_QUAL | LX_NATION | LX_PLACE)) || is_adjective(w))
      continue;
    /* "the SpaceX and Tesla CEO" */
    if (tok_word_is(c, k, "and") && k > i + 1 && k + 1 < c->ntok &&
        (c->tok[k + 1].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)))
      continue;
    return 0;
  }
  return 0;
}

/* Whether the role [r] holds the word [w, w + n) as a whole word. */
static int role_has_word(const char *r, const char *w, size_t n) {
  size_t rl = strlen(r);
  for (size_t p = 0; p + n <= rl; p++)
    if ((p == 0 || r[p - 1] == ' ' || r[p - 1] == '-') &&
        (p + n == rl || r[p + n] == ' ') && cw_strncaseeq(r + p, w, n))
      return 1;
  return 0;
}

/* Index of the sentence holding byte pos. */
static size_t sentence_of(const cw_analysis *a, size_t pos) {
  size_t lo = 0, hi = a->n_sentences;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (a->sentences[mid].end <= pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Words that change what a role says: a former minister is not the
 * minister, a deputy mayor not the mayor. Sorted. */
static const char *const desc_ranks[] = {
    "acting", "assistant", "deputy",   "ex",   "former",
    "incoming", "interim", "outgoing", "vice"};

static int is_rank(const char *w, size_t n) {
  char key[16];
  if (n >= sizeof key)
    return 0;
  for (size_t i = 0; i < n; i++)
    key[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] | 0x20 : w[i]);
  key[n] = '\0';
  const char *k = key;
  return bsearch(&k, desc_ranks, sizeof desc_ranks / sizeof *desc_ranks,
                 sizeof *desc_ranks, cmp_str) != NULL;
}

/* Whether token k of description d says which office: its head, or a
 * word but "and", place words and adjectives ("US", "new"), ranks
 * included; [*s, *s + *n) gets its bytes. */
static int office_word(cw_an_ctx *c, const desc *d, size_t k, const char **s,
                       size_t *n) {
  if (c->tok[k].kind != CW_TOK_WORD || tok_word_is(c, k, "and"))
    return 0;
  cw_an_word *w = word_of(c, k);
  *s = c->text + c->tok[k].start;
  *n = c->tok[k].end - c->tok[k].start;
  return k == d->head || is_rank(*s, *n) ||
         !((w && (w->lex & (LX_PLACE | LX_NATION))) || is_adjective(w));
}

/* Whether a person's role fits description d: it holds the head and every
 * word of the description that says which office ("finance", "Tesla",
 * "deputy"), and no rank word the description lacks ("former President"
 * is not "the president"). Place words and the like ("US", "Russian",
 * "new") may differ. */
static int role_fits(cw_an_ctx *c, const desc *d, const char *role) {
  for (size_t k = d->first; k <= d->head; k++) {
    const char *s;
    size_t n;
    if (office_word(c, d, k, &s, &n) && !role_has_word(role, s, n))
      return 0;
  }
  /* a rank in the role that the description does not say */
  for (const char *p = role; *p;) {
    while (*p == ' ' || *p == '-')
      p++;
    size_t n = 0;
    while (p[n] && p[n] != ' ' && p[n] != '-')
      n++;
    if (n && is_rank(p, n)) {
      int said = 0;
      for (size_t k = d->first; k < d->head && !said; k++)
        said = c->tok[k].end - c->tok[k].start == n &&
               cw_strncaseeq(c->text + c->tok[k].start, p, n);
      if (!said)
        return 0;
    }
    p += n;
  }
  return 1;
}

/* The first byte of the sentence `back` sentences before the one holding
 * pos. */
static size_t window_start(const cw_analysis *a, size_t pos, size_t back) {
  size_t s = sentence_of(a, pos);
  if (s >= a->n_sentences)
    s = a->n_sentences ? a->n_sentences - 1 : 0;
  return a->n_sentences ? a->sentences[s >= back ? s - back : 0].start : 0;
}

/* A name mention of a person, for the descriptions' look back. */
typedef struct pmention {
  size_t start, end, ent;
} pmention;

static int cmp_pmention(const void *x, const void *y) {
  const pmention *a = x, *b = y;
  return a->start < b->start ? -1 : a->start > b->start;
}

/* How many of the n mentions (in text order) start before pos. */
static size_t pm_before(const pmention *pm, size_t n, size_t pos) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (pm[mid].start < pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

static long desc_referent(cw_an_ctx *c, const cw_analysis *a,
                          const pmention *pm, size_t npm, const desc *d) {
  size_t pos = c->tok[d->the].start;
  /* 1. apposition: "Friedrich Merz, the new German chancellor" (a name
   * right before the comma, "Musk's" too; not another description) */
  if (d->the >= 2 && is_punct(c, d->the - 1, ",")) {
    size_t comma = c->tok[d->the - 1].start;
    size_t k = pm_before(pm, npm, comma);
    if (k && (pm[k - 1].end == comma ||
              (pm[k - 1].end + 3 >= comma && pm[k - 1].end + 1 < comma)))
      return (long)pm[k - 1].ent;
    /* set off by commas after a capitalised name that is no known person
     * ("Sedan Raskwick, the minister, said" with Raskwick untyped): its
     * own, never another person's; not a clause ("left the Oval Office,
     * the president said") */
    size_t w = d->the - 2;
    if (c->tok[w].kind == CW_TOK_WORD &&
        (c->tok[w].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) &&
        !(c->tok[w].flags & CW_TOKF_SENT_START) && c->tok[w].end == comma &&
        is_punct(c, d->head + 1, ","))
      return -2; /* not open either */
  }
  /* 2. the nearest person before, in the last DESC_ROLE_WINDOW sentences
   * and DESC_LOOKBACK mentions, with a role that fits */
  size_t before = pm_before(pm, npm, pos);
  size_t from = window_start(a, pos, DESC_ROLE_WINDOW);
  for (size_t k = before, seen = 0;
       k > 0 && pm[k - 1].start >= from && seen < DESC_LOOKBACK; k--, seen++) {
    const cw_entity *en = &a->entities[pm[k - 1].ent];
    for (size_t r = 0; r < en->n_roles; r++)
      if (role_fits(c, d, en->roles[r]))
        return (long)pm[k - 1].ent;
  }
  /* 3. a public figure: the only person near before without another role;
   * not when a word in lower case says which office ("the finance
   * minister": that role is not known of anyone here) */
  if (!is_figure(word_of(c, d->head)))
    return -1;
  for (size_t k = d->first; k < d->head; k++) {
    cw_an_word *w = word_of(c, k);
    if (c->tok[k].kind == CW_TOK_WORD && !tok_word_is(c, k, "and") &&
        !(c->tok[k].flags & (CW_TOKF_CAP | CW_TOKF_ALLCAPS)) &&
        !(w && (w->lex & (LX_PLACE | LX_NATION))) && !is_adjective(w))
      return -1;
  }
  from = window_start(a, pos, DESC_WINDOW);
  long only = -1;
  for (size_t k = before, seen = 0;
       k > 0 && pm[k - 1].start >= from && seen < DESC_LOOKBACK; k--, seen++) {
    size_t e = pm[k - 1].ent;
    if (a->entities[e].n_roles || (long)e == only)
      continue;
    if (only >= 0)
      return -1; /* two people it could be */
    only = (long)e;
  }
  return only;
}

/* Adds a description to entity en: a mention [start, end) in text order
 * and the alias ("the Tesla CEO", as the text writes it), once. */
static cw_status add_description(cw_arena *arena, cw_entity *en, size_t start,
                                 size_t end, const char *alias) {
  cw_mention *ms = cw_arena_alloc(arena, (en->n_mentions + 1) * sizeof *ms);
  if (!ms)
    return CW_ERR_NOMEM;
  size_t at = 0;
  while (at < en->n_mentions && en->mentions[at].start < start)
    at++;
  if (at)
    memcpy(ms, en->mentions, at * sizeof *ms);
  ms[at] = (cw_mention){start, end, NULL, 1};
  if (en->n_mentions > at)
    memcpy(ms + at + 1, en->mentions + at,
           (en->n_mentions - at) * sizeof *ms);
  en->mentions = ms;
  en->n_mentions++;
  for (size_t k = 0; k < en->n_aliases; k++)
    if (!strcmp(en->aliases[k], alias))
      return CW_OK;
  const char **al = cw_arena_alloc(arena, (en->n_aliases + 1) * sizeof *al);
  if (!al)
    return CW_ERR_NOMEM;
  if (en->n_aliases)
    memcpy(al, en->aliases, en->n_aliases * sizeof *al);
  al[en->n_aliases++] = alias;
  en->aliases = al;
  return CW_OK;
}

/* "the " and the words of description d as the text writes them (in the
 * arena), or NULL without memory. */
static char *desc_alias(cw_an_ctx *c, const desc *d) {
  char *words = collapse(c, c->tok[d->first].start, c->tok[d->head].end);
  if (!words)
    return NULL;
  size_t wn = strlen(words);
  char *alias = cw_arena_alloc(c->arena, wn + 5);
  if (!alias)
    return NULL;
  memcpy(alias, "the ", 4);
  memcpy(alias + 4, words, wn + 1);
  return alias;
}

/* Adds description d to entity en (add_description). */
static cw_status join_description(cw_an_ctx *c, cw_entity *en,
                                  const desc *d) {
  char *alias = desc_alias(c, d);
  if (!alias)
    return CW_ERR_NOMEM;
  return add_description(c->arena, en, c->tok[d->the].start,
                         c->tok[d->head].end, alias);
}

/* Appends word [s, s + n) in lower case and a space to b (at *at). */
static void put_lower(char *b, size_t *at, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    b[(*at)++] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] | 0x20 : s[i]);
  b[(*at)++] = ' ';
}

/* Keeps description d in a->open_descs: its words that role_fits() asks
 * a role to hold, and its ranks. */
static cw_status open_description(cw_an_ctx *c, cw_analysis *a,
                                  const desc *d) {
  enum { OPEN_MAX = 64 };
  if (a->n_open_descs >= OPEN_MAX)
    return CW_OK;
  if (!a->open_descs &&
      !(a->open_descs =
            cw_arena_alloc(c->arena, OPEN_MAX * sizeof *a->open_descs)))
    return CW_ERR_NOMEM;
  size_t len = c->tok[d->head].end - c->tok[d->first].start + 2;
  char *need = cw_arena_alloc(c->arena, len), *ranks =
                                                cw_arena_alloc(c->arena, len);
  char *alias = desc_alias(c, d);
  if (!need || !ranks || !alias)
    return CW_ERR_NOMEM;
  size_t nn = 0, nr = 0;
  for (size_t k = d->first; k <= d->head; k++) {
    const char *s;
    size_t n;
    if (!office_word(c, d, k, &s, &n))
      continue;
    put_lower(need, &nn, s, n);
    if (is_rank(s, n))
      put_lower(ranks, &nr, s, n);
  }
  need[nn ? nn - 1 : 0] = '\0';
  ranks[nr ? nr - 1 : 0] = '\0';
  a->open_descs[a->n_open_descs++] = (cw_open_desc){
      c->tok[d->the].start, c->tok[d->head].end, alias, need, ranks};
  return CW_OK;
}

cw_status cw_an_descriptions(cw_an_ctx *c, cw_analysis *a) {
  size_t npm = 0, joined = 0;
  for (size_t e = 0; e < a->n_entities; e++)
    if (a->entities[e].type == CW_ENT_PERSON)
      npm += a->entities[e].n_mentions;
  if (!npm)
    return CW_OK;
  pmention *pm = malloc(npm * sizeof *pm);
  if (!pm)
    return CW_ERR_NOMEM;
  npm = 0;
  for (size_t e = 0; e < a->n_entities; e++)
    if (a->entities[e].type == CW_ENT_PERSON)
      for (size_t m = 0; m < a->entities[e].n_mentions; m++)
        pm[npm++] = (pmention){a->entities[e].mentions[m].start,
                               a->entities[e].mentions[m].end, e};
  cw_sort_stable(pm, npm, sizeof *pm, cmp_pmention);
  /* a description starts at "the": its word index, once seen */
  long the = -1;
  cw_status st = CW_OK;
  const cw_an_tok *info = c->info;
  const size_t ntok = c->ntok;
  size_t i = 0;
  for (; i + 1 < ntok; i++)
    if (info[i].word >= 0 && tok_word_is(c, i, "the")) {
      the = info[i].word;
      break;
    }
  for (; the >= 0 && joined < DESC_MAX; i++) {
    /* the next "the": four tokens a step, then one */
    while (i + 4 < ntok && info[i].word != the && info[i + 1].word != the &&
           info[i + 2].word != the && info[i + 3].word != the)
      i += 4;
    while (i + 1 < ntok && info[i].word != the)
      i++;
    if (i + 1 >= ntok)
      break;
    desc d;
    if (!desc_at(c, i, &d))
      continue;
    long e = desc_referent(c, a, pm, npm, &d);
    i = d.head;
    if (e == -1 && (st = open_description(c, a, &d)))
      break;
    if (e < 0)
      continue;
    if ((st = join_description(c, &a->entities[e], &d)))
      break;
    joined++;
  }
  free(pm);
  return st;
}


/* ---- descriptions across articles ---------------------------------------- */

/* Whether a role (or the words of a description after "the") fits the open
 * description o: it holds each of o's words, and no rank that o lacks
 * (role_fits() on the words kept). */
static int open_fits(const cw_open_desc *o, const char *role) {
  for (const char *p = o->need; *p;) {
    size_t n = strcspn(p, " ");
    if (!role_has_word(role, p, n))
      return 0;
    p += n + (p[n] == ' ');
  }
  for (const char *p = role; *p;) {
    while (*p == ' ' || *p == '-')
      p++;
    size_t n = strcspn(p, " -");
    if (n && is_rank(p, n) && !role_has_word(o->ranks, p, n))
      return 0;
    p += n;
  }
  return 1;
}

/* Whether names a and b name one person: the same, or one the other's
 * last words ("Trump" and "Donald Trump"). */
static int same_person(const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  if (na > nb) {
    const char *t = a;
    a = b;
    b = t;
    size_t tn = na;
    na = nb;
    nb = tn;
  }
  return !strcmp(a, b + nb - na) && (na == nb || b[nb - na - 1] == ' ');
}

/* What one article says of a person's office: a role (weight 2) or a
 * description resolved to them (weight 1, its words after "the"). */
typedef struct office {
  size_t article;
  const char *name, *words;
  unsigned weight;
} office;

/* The person of a that the articles' offices name for o, or -1. */
static long open_referent(const cw_analysis *a, const cw_open_desc *o,
                          const office *of, size_t nof, unsigned *score,
                          size_t *cur_art, unsigned *cur_w) {
  for (size_t e = 0; e < a->n_entities; e++) {
    score[e] = cur_w[e] = 0;
    cur_art[e] = SIZE_MAX;
  }
  for (size_t t = 0; t < nof; t++) {
    if (!open_fits(o, of[t].words))
      continue;
    for (size_t e = 0; e < a->n_entities; e++) {
      if (a->entities[e].type != CW_ENT_PERSON ||
          !same_person(a->entities[e].name, of[t].name))
        continue;
      /* one count per article: its best */
      if (cur_art[e] != of[t].article) {
        score[e] += cur_w[e];
        cur_art[e] = of[t].article;
        cur_w[e] = 0;
      }
      if (of[t].weight > cur_w[e])
        cur_w[e] = of[t].weight;
    }
  }
  long best = -1;
  unsigned top = 0, second = 0;
  for (size_t e = 0; e < a->n_entities; e++) {
    unsigned s = score[e] + cur_w[e];
    if (s > top) {
      second = top;
      top = s;
      best = (long)e;
    } else if (s > second) {
      second = s;
    }
  }
  return top >= 2 && top > 2 * second ? best : -1;
}

cw_status cw_analyses_join(cw_analysis *const *v, size_t n) {
  size_t nof = 0, most = 0, open = 0;
  for (size_t i = 0; i < n; i++) {
    open += v[i]->n_open_descs;
    if (v[i]->n_entities > most)
      most = v[i]->n_entities;
    for (size_t e = 0; e < v[i]->n_entities; e++)
      if (v[i]->entities[e].type == CW_ENT_PERSON)
        nof += v[i]->entities[e].n_roles + v[i]->entities[e].n_aliases;
  }
  if (!open || !nof)
    return CW_OK;
  office *of = malloc(nof * sizeof *of);
  unsigned *score = malloc((most + 1) * sizeof *score);
  unsigned *cur_w = malloc((most + 1) * sizeof *cur_w);
  size_t *cur_art = malloc((most + 1) * sizeof *cur_art);
  cw_status st = CW_OK;
  if (!of || !score || !cur_w || !cur_art) {
    st = CW_ERR_NOMEM;
    goto done;
  }
  nof = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t e = 0; e < v[i]->n_entities; e++) {
      const cw_entity *en = &v[i]->entities[e];
      if (en->type != CW_ENT_PERSON)
        continue;
      for (size_t r = 0; r < en->n_roles; r++)
        of[nof++] = (office){i, en->name, en->roles[r], 2};
      for (size_t k = 0; k < en->n_aliases; k++)
        if (!strncmp(en->aliases[k], "the ", 4))
          of[nof++] = (office){i, en->name, en->aliases[k] + 4, 1};
    }
  for (size_t i = 0; i < n && !st; i++) {
    cw_analysis *a = v[i];
    size_t kept = 0;
    for (size_t k = 0; k < a->n_open_descs; k++) {
      const cw_open_desc *o = &a->open_descs[k];
      long e = st ? -1
                  : open_referent(a, o, of, nof, score, cur_art, cur_w);
      if (e < 0) {
        a->open_descs[kept++] = *o;
        continue;
      }
      cw_entity *en = &a->entities[e];
      if ((st = add_description(a->arena, en, o->start, o->end, o->alias)))
        continue;
      /* a quote the description said: its speaker now (the quotes'
       * guess from nearby names gives way) */
      for (size_t q = 0; q < a->n_quotes; q++) {
        cw_quote *qu = &a->quotes[q];
        if (qu->speaker_end > qu->speaker_start &&
            qu->speaker_start < o->end && qu->speaker_end > o->start) {
          qu->speaker_entity = e;
          qu->speaker = en->name;
        }
      }
    }
    a->n_open_descs = kept;
  }
done:
  free(of);
  free(score);
  free(cur_w);
  free(cur_art);
  return st;
}
