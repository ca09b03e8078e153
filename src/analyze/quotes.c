/* quotes.c - who said what: direct quotes, partial quotes and reported
 * speech, each with its speaker, cue verb and channel.
 *
 * Works on the tokens of the text (src/text) and the entities of an
 * existing analysis. Five passes, each linear in the number of tokens
 * (every look-around is bounded by one of the windows defined below):
 * 1. pair quote marks paragraph by paragraph. Straight and curly, double
 *    and single marks; an apostrophe (don't, Musk's, voters', '90s,
 *    rock 'n' roll) is told apart from a single quote by its neighbours,
 *    and a single mark only closes a quote that a single mark opened. A
 *    quote still open at the end of its paragraph ends there (the news
 *    convention for a quotation running over several paragraphs, each
 *    opening with a mark). Two apostrophes ('') count as a double mark,
 *    as archive texts write them. A short run of title-case words in
 *    marks is a title ("Face the Nation"), never a direct quote.
 * 2. attribute each quote: a cue verb just after the closing mark
 *    ("...," Musk said / "...," said the spokesperson Dmitry Peskov), or
 *    before the opening mark in the same sentence (Musk said: "..."), or
 *    at the end of the previous sentence ending in a colon; else the
 *    speaker of the quote just before, when this one follows it closely.
 * 3. reported speech outside quotes: "X said (that) CLAUSE", "X told
 *    reporters CLAUSE", "CLAUSE, X said", "CLAUSE, he said, CLAUSE",
 *    "according to X, CLAUSE", "X urged a ceasefire", "his claim that
 *    CLAUSE", "Roe, who opposed the toll, ..." (the speaker is "who").
 *    An attribution ending the sentence ("CLAUSE, aides said", "CLAUSE,
 *    according to X") holds the whole clause before it, and the reports
 *    inside that clause are found too. "According to X, Y stated that
 *    ..." opening a sentence is Y's report with X for its channel, and
 *    "According to X, Y commented on ..." no quote (after_according()).
 *    A second report in the same sentence (", arguing that", "and he
 *    noted", "and said") ends the first, and so does a clause of the
 *    writer's or of another subject ("; ...", ", which ...", ",
 *    although ...", ", contradicting ...", ", and Republicans want
 *    ..."). A clause where no such report was
 *    found, whose subject is a named source, a pronoun or a noun naming
 *    a source, reports through its verb: "Roe backed the plan", "she is
 *    promising lower fares", "Roe, who opposed the toll", "Roe was
 *    critical of the levy", "the levy was backed by Roe"; so does a
 *    stance noun with a possessive owner ("his call for a vote"). Not
 *    a passive ("Roe is expected to testify"), a role ("Roe, who leads
 *    the union, ..."), a meeting or an appointment ("Roe met the
 *    union", "named Tom Berg to lead talks"), an act on others' words
 *    ("refused calls to resign"), nor what the writer ("I", "we") knows
 *    or thinks.
 * 4. the clause around a partial quote with a cue ("X called the bill a
 *    "...""), when pass 3 found none there.
 * 5. a paragraph that names its speaker before a colon: a transcript line
 *    ("ROE: We will ...") or a headline ("Roe: Voters Want Change").
 * A subject becomes a speaker through the entities' mentions (aliases are
 * already joined by the analysis; a name holds its prepositions: "the
 * Chamber of Commerce said", not "Commerce"), a pronoun through the
 * nearest earlier person (or organisation for "it"/"they"), a role noun
 * ("the president") through the entities' roles, a noun of a kind of
 * body ("the ministry") only to a body whose name says so. A subject
 * whose head noun has a modifier ("aides to the minister", "people close
 * to both men", "Tom Berg of the union", "papers seen by the
 * commission") is the whole phrase, and it names the head's entity, not
 * the object's: the aides are not the minister; but a spokesman speaks
 * for the ministry (modifier_at()).
 *
 * What a report found this way holds is not always words: "Roe declined
 * to comment", "Roe turned to the budget" are attributions for an
 * annotation such as PolNeAR's, not utterances; cw_quote_is_utterance()
 * tells them apart with the verb tables below, for a story's "who said
 * what".
 *
 * Rules rather than a model: they are fast, explainable and good enough
 * for English news, where attribution follows a handful of patterns.
 */
#include "analyze/quotes.h"
#include "analyze/analyze_int.h"

#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* At most this many quotes per article: a hostile text of 100k quote marks
 * would otherwise yield 50k quotes, each attributed. Real articles stay
 * far below (a long interview has a few hundred). */
#define QUOTES_MAX 4096
/* A cue verb after a closing mark is looked for within this many tokens
 * (", Scott Pruitt, the attorney general of Oklahoma, said" fits). */
#define ATTR_AFTER_MAX 30
/* ... and before an opening mark within this many tokens. */
#define ATTR_BEFORE_MAX 16
/* A subject noun phrase longer than this is not a subject. */
#define SUBJ_MAX 9
/* A pronoun or role noun looks back at most this many mentions for its
 * referent: bounds the work per quote on texts with many names. */
#define REFERENT_LOOKBACK 400
/* A pronoun speaker is none of the entities named in its own clause:
 * unbind_speaker() collects this many at most, looking at this many
 * mentions at most (a hostile clause may name thousands). */
#define BOUND_MAX 16
#define BOUND_SCAN_MAX 64
/* A channel ("on Truth Social", "in a statement", "told TASS") is looked
 * for within this many tokens of the cue verb: close enough for every
 * real attribution, and it keeps the work per quote bounded in a hostile
 * sentence of endless length. */
#define CHANNEL_WINDOW 14
/* A clause left of a partial quote's cue ends at a comma within this many
 * tokens, for the same reason. */
#define CLAUSE_BACK_MAX 80
/* The clause of a report found without a cue of the lists ("Roe backed
 * the plan") is at most this many tokens: it bounds the work per clause
 * in a hostile sentence of endless clauses. */
#define CLAUSE_MAX 120
/* A quote without attribution inherits the previous quote's speaker when
 * it starts within this many paragraphs of it. */
#define INHERIT_MAX_PARAS 1

/* ---- tokens and their words ------------------------------------------- */

/* The lists of the words reported_speech() looks at past a sentence's
 * first token: "who", "and", "but" (clause_opener()) and the stance nouns
 * (nominal_report()); the lists hold more words. */
#define RS_LISTS                                                               \
  (((uint64_t)1 << WL_WH_WORDS) | ((uint64_t)1 << WL_CLAUSE_LINKS) |           \
   ((uint64_t)1 << WL_STANCE_NOUNS))
/* The lists of the words reported_in_sentence() looks at beside the verbs
 * of RIS_VERBS: "according" (to X) and the report nouns ("his claim
 * that"). */
#define RIS_LISTS                                                              \
  (((uint64_t)1 << WL_ACCORDING) | ((uint64_t)1 << WL_REPORT_NOUNS))
#define RIS_VERBS (V_CLAUSE | V_THAT | V_OBJ | V_NP)

enum { M_NONE = 0, M_DQ, M_SQ }; /* mark family: double, single */

/* Punctuation classes of a token (qtok.pc): the marks the rules look for,
 * each a token of exactly these bytes. */
enum {
  PC_NONE = 0,
  PC_COMMA,    /* , */
  PC_SEMI,     /* ; */
  PC_COLON,    /* : */
  PC_PERIOD,   /* . */
  PC_QUESTION, /* ? */
  PC_EXCLAIM,  /* ! */
  PC_LPAREN,   /* ( */
  PC_RPAREN,   /* ) */
  PC_HYPHEN,   /* - */
  PC_EMDASH,   /* U+2014 */
  PC_ENDASH,   /* U+2013 */
  PC_HBAR,     /* U+2015 */
  PC_ELLIPSIS, /* U+2026 */
  PC_COUNT
};

typedef struct qtok {
  size_t start, end;
  const char *w; /* the token folded: ASCII lower case, a curly apostrophe
                    as a straight one, NUL-terminated */
  int kind, flags;
  int mark;       /* M_DQ, M_SQ or M_NONE */
  int pc;         /* PC_* of a punctuation token, PC_NONE for any other */
  int can_open;   /* this mark may open a quote */
  int can_close;  /* this mark may close a quote */
  size_t para;    /* paragraph number */
  size_t sent;    /* sentence number */
  long in_quote;  /* index of the quote (raw) the token lies in, or -1 */
  int used;       /* the cue verb of a direct quote */
  int vf;         /* its verb flags (verbs[]), 0 when it is none */
  uint64_t lists; /* the word lists holding it, bit WL_* */
  size_t rep;     /* sentence number + 1 of a report whose clause holds the
                     token, or 0 */
} qtok;

typedef struct speaker {
  long ent;
  size_t s, e; /* span of the subject as written; s == e: none */
} speaker;

typedef struct rawq {
  size_t ot, ct; /* token index of the opening mark and of the last token
                    (the closing mark when closed) */
  int closed;
  int family;
  long partial_cue; /* cue token of a partial quote, or -1 */
  speaker sp;       /* its speaker */
} rawq;

typedef struct mref {
  size_t start, end;
  long ent;
} mref;

typedef struct qctx {
  const char *text;
  size_t len;
  const cw_analysis *an;
  qtok *t;
  char *folded; /* the folded words of the tokens, one after another */
  size_t nt;
  size_t *sent_first; /* first token of each sentence */
  size_t *sent_end;   /* one past the last token */
  size_t ns;
  size_t *para_first; /* first token of each paragraph (in sent_first's
                         block) */
  size_t npara;
  size_t *marks; /* the punctuation tokens that may be quote marks (by
                    their first byte), ascending; classify_marks() keeps
                    those that are (in sent_first's block) */
  size_t nmarks;
  /* the tokens reported_in_sentence() looks at beyond their quote (a verb
   * of RIS_VERBS, a word of RIS_LISTS), ascending; their number; the first
   * not behind the sentence it works on (in sent_first's block) */
  size_t *ris;
  size_t nris, ris_at;
  /* the tokens reported_speech() looks at past the first of a sentence (a
   * word of RS_LISTS or one after a semicolon), the same way */
  size_t *rs;
  size_t nrs, rs_at;
  mref *m; /* every mention, by start */
  size_t nm;
  size_t *rm; /* the indices in m of the mentions of entities with roles,
                 ascending (role_referent() looks at no other) */
  size_t nrm;
  rawq *rq;
  size_t nrq;
  size_t rq_cap; /* QUOTES_MAX, or less for a short text: a quote spans
                    three tokens at least */
  cw_vec out;    /* cw_quote */
} qctx;

/* The lexicon's hash of the word w (n bytes, n > 0, NUL-terminated): its
 * first two bytes (the second may be the NUL), its last and middle ones
 * and its length, mixed. Cheaper than a hash of every byte, and good
 * enough for the lexicon's table (a lookup compares the words too). */
static inline uint32_t lex_hash(const char *w, size_t n) {
  const unsigned char *b = (const unsigned char *)w;
  uint32_t x = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[n - 1] << 16 |
               (uint32_t)b[n / 2] << 24;
  x = (x ^ (uint32_t)n * 0x9E3779B1u) * 0x85EBCA77u;
  return x ^ (x >> 15);
}

/* Folds the token [s, s + n) (n > 0) into out (room for n + 1 bytes):
 * ASCII lower case, a curly apostrophe as a straight one, a NUL byte as
 * 0xFF (it equals no word). Returns the folded length; *hash gets
 * lex_hash() of the folded bytes. */
static size_t fold_word(const unsigned char *s, size_t n, char *out,
                        uint32_t *hash) {
  size_t k = 0;
  for (size_t j = 0; j < n; j++) {
    unsigned char ch = s[j];
    if (ch >= 'A' && ch <= 'Z') {
      ch = (unsigned char)(ch + 32);
    } else if (ch == 0) {
      ch = 0xFF;
    } else if (ch == 0xE2 && j + 2 < n && s[j + 1] == 0x80 &&
               s[j + 2] == 0x99) {
      ch = '\'';
      j += 2;
    }
    out[k++] = (char)ch;
  }
  out[k] = 0;
  *hash = lex_hash(out, k);
  return k;
}

/* Token i equals the ASCII lower-case word w (a curly apostrophe in the
 * token matches a straight one in w): its folded form is w. Called for
 * every token with many words, so no strlen and an early exit. */
static int fold_is(const char *f, const char *w) {
  size_t k = 0;
  for (; f[k]; k++)
    if (f[k] != w[k])
      return 0; /* w's end too: f[k] is no NUL */
  return w[k] == 0;
}

/* The first bytes are compared inline (w is mostly a literal, so that is
 * one compare with a constant), the rest by fold_is(). */
static inline int tok_is(const qctx *c, size_t i, const char *w) {
  if (i >= c->nt)
    return 0;
  const char *f = c->t[i].w;
  if (f[0] != w[0])
    return 0;
  return fold_is(f, w);
}

/* The word lists below, one bit each in a token's lists: every token is
 * looked up once, then a test for a list is a bit test. */
enum {
  WL_ABBREV_WORDS,
  WL_AUX_WORDS,
  WL_PRON_PERSON,
  WL_PRON_GROUP,
  WL_PRON_SELF,
  WL_TITLE_SMALL,
  WL_REPORT_NOUNS,
  WL_NP_AFTER_STOP,
  WL_WH_WORDS,
  WL_NOUN_VERBS,
  WL_NP_DET,
  WL_ORG_NOUNS,
  WL_NP_STOP,
  WL_ELISION_WORDS,
  WL_RANK_PREPS,
  WL_PLATFORMS,
  WL_POST_WORDS,
  WL_MEDIUM_WORDS,
  WL_WHEN_WORDS,
  WL_MONTH_WORDS,
  WL_DATE_PREPS,
  WL_PLACE_WORDS,
  WL_IRREGULAR_PAST,
  WL_NOT_VERB,
  WL_EVENT_VERBS,
  WL_CLAUSE_BAD,
  WL_DAY_WORDS,
  WL_INTRO_WORDS,
  WL_OPENER_WORDS,
  WL_SOURCE_NOUNS,
  WL_STANCE_WORDS,
  WL_MODAL_WORDS,
  WL_PASSIVE_EXTRA,
  WL_PERFECT_WORDS,
  WL_PARTICLES,
  WL_BE_WORDS,
  WL_STANCE_PREPS,
  WL_STANCE_NOUNS,
  WL_OBJECT_PREPS,
  WL_POSS_WORDS,
  WL_LABEL_WORDS,
  WL_LY_NOUNS,
  WL_SUBORDINATORS,
  WL_CLAUSE_LINKS,
  WL_ACCORDING,
  WL_CHANNEL_CUES,
  WL_SPEECH_HEADS,
  WL_PART_HEADS,
  WL_MOD_WORDS,
  WL_MOD_PREPS,
  WL_ANY_ORG_NOUNS,
  WL_PEOPLE_ACTS,
  WL_DOC_NOUNS,
  WL_PAIR_ENDS,
  WL_COUNT
};
_Static_assert(WL_COUNT <= 64, "one bit per word list");

/* Token i is one of the words of the list WL_*. */
static int tok_in(const qctx *c, size_t i, int list) {
  return i < c->nt && ((c->t[i].lists >> list) & 1);
}

/* The punctuation class of the bytes [s, s + n) of a punctuation token:
 * PC_* when they are exactly that mark, PC_NONE otherwise. */
static int punct_class(const char *s, size_t n) {
  if (n == 1) {
    switch (s[0]) {
    case ',':
      return PC_COMMA;
    case ';':
      return PC_SEMI;
    case ':':
      return PC_COLON;
    case '.':
      return PC_PERIOD;
    case '?':
      return PC_QUESTION;
    case '!':
      return PC_EXCLAIM;
    case '(':
      return PC_LPAREN;
    case ')':
      return PC_RPAREN;
    case '-':
      return PC_HYPHEN;
    default:
      return PC_NONE;
    }
  }
  if (n == 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80) {
    switch ((unsigned char)s[2]) {
    case 0x93:
      return PC_ENDASH;
    case 0x94:
      return PC_EMDASH;
    case 0x95:
      return PC_HBAR;
    case 0xA6:
      return PC_ELLIPSIS;
    default:
      return PC_NONE;
    }
  }
  return PC_NONE;
}

#ifndef NDEBUG
/* The reference of tok_pc(): token i is the punctuation p, compared byte
 * by byte (debug builds check every tok_pc() against it). */
static int tok_punct(const qctx *c, size_t i, const char *p) {
  return i < c->nt && c->t[i].kind == CW_TOK_PUNCT &&
         c->t[i].end - c->t[i].start == strlen(p) &&
         memcmp(c->text + c->t[i].start, p, strlen(p)) == 0;
}

#endif

/* The bytes of each class: the fold of its tokens. */
/* clang-format off */
static const char *const pc_text[PC_COUNT] = {
    "",  ",", ";", ":", ".", "?", "!", "(", ")", "-",
    "\xE2\x80\x94", "\xE2\x80\x93", "\xE2\x80\x95", "\xE2\x80\xA6"};
/* clang-format on */

/* Token i is the punctuation mark of class pc (PC_*, not PC_NONE): a
 * compare with the class found once per token. */
static inline int tok_pc(const qctx *c, size_t i, int pc) {
  int r = i < c->nt && c->t[i].pc == pc;
  assert(pc != PC_NONE && r == tok_punct(c, i, pc_text[pc]));
  return r;
}

static int is_dash(const qctx *c, size_t i) {
  if (i >= c->nt)
    return 0;
  int pc = c->t[i].pc;
  int r =
      pc == PC_HYPHEN || pc == PC_EMDASH || pc == PC_ENDASH || pc == PC_HBAR;
  assert(r == (tok_punct(c, i, "-") || tok_punct(c, i, "\xE2\x80\x94") ||
               tok_punct(c, i, "\xE2\x80\x93") ||
               tok_punct(c, i, "\xE2\x80\x95")));
  return r;
}

static int is_word(const qctx *c, size_t i) {
  return i < c->nt && c->t[i].kind != CW_TOK_PUNCT;
}

static int is_cap(const qctx *c, size_t i) {
  return i < c->nt && c->t[i].kind == CW_TOK_WORD &&
         (c->t[i].flags & CW_TOKF_CAP);
}

/* Abbreviations written with a dot: "Mr.", "Sen.". */
static const char *const abbrev_words[] = {
    "mr",   "mrs", "ms", "dr",   "sen",  "rep",    "gov",  "gen",  "lt",  "col",
    "st",   "jr",  "sr", "prof", "rev",  "sgt",    "capt", "cmdr", "adm", "maj",
    "pres", "mt",  "ft", "sens", "reps", "messrs", "hon",  "supt", "det", NULL};

/* The dot of "Mr.", "Sen.", "Gov." or of an initial ("John F. Kennedy"):
 * part of a name, not the end of a sentence. */
static int abbrev_dot(const qctx *c, size_t i) {
  if (!tok_pc(c, i, PC_PERIOD) || i == 0 || c->t[i - 1].end != c->t[i].start)
    return 0;
  if (c->t[i - 1].end - c->t[i - 1].start == 1 && is_cap(c, i - 1))
    return 1;
  /* "Mitch McConnell, R-Ky., said": no sentence ends before a comma */
  if (i + 1 < c->nt && tok_pc(c, i + 1, PC_COMMA) &&
      c->t[i + 1].start == c->t[i].end)
    return 1;
  return tok_in(c, i - 1, WL_ABBREV_WORDS);
}

static int is_terminal(const qctx *c, size_t i) {
  if (i >= c->nt)
    return 0;
  int pc = c->t[i].pc; /* one load for the four classes */
  int r = pc == PC_PERIOD
              ? !abbrev_dot(c, i)
              : pc == PC_QUESTION || pc == PC_EXCLAIM || pc == PC_ELLIPSIS;
  assert(r == ((tok_pc(c, i, PC_PERIOD) && !abbrev_dot(c, i)) ||
               tok_pc(c, i, PC_QUESTION) || tok_pc(c, i, PC_EXCLAIM) ||
               tok_pc(c, i, PC_ELLIPSIS)));
  return r;
}

/* ---- word lists --------------------------------------------------------- */

/* Verb flags. */
enum {
  V_QUOTE = 1,    /* introduces or follows a direct quote */
  V_CLAUSE = 2,   /* takes a bare reported clause: "said the plan ..." */
  V_THAT = 4,     /* takes a clause only with "that": "believes that" */
  V_OBJ = 8,      /* takes a hearer first: "told reporters (that)" */
  V_PARTIAL = 16, /* names a partial quote: called the bill a "..." */
  V_NP = 32,      /* reports through its object: "urged a ceasefire" */
  V_ACT = 64,     /* a V_NP verb of a wish, a plan or an act, not of words:
                     "wants", "declined", "supported", or a verb of what a
                     document, poll or video shows: "showed" (no
                     utterance: cw_quote_is_utterance()) */
  V_TALK = 128    /* a verb of talk: reports only what the talk is about
                     (talk_topic()) */
};

typedef struct verb {
  const char *w;
  int f;
} verb;

static const verb verbs[] = {
    {"said", V_QUOTE | V_CLAUSE},
    {"says", V_QUOTE | V_CLAUSE},
    {"say", V_QUOTE | V_CLAUSE},
    {"saying", V_QUOTE | V_CLAUSE},
    {"told", V_QUOTE | V_OBJ},
    {"tells", V_QUOTE | V_OBJ},
    {"tell", V_OBJ},
    {"telling", V_QUOTE | V_OBJ},
    {"added", V_QUOTE | V_CLAUSE},
    {"adds", V_QUOTE | V_CLAUSE},
    {"adding", V_QUOTE | V_CLAUSE},
    {"wrote", V_QUOTE | V_CLAUSE},
    {"writes", V_QUOTE | V_CLAUSE},
    {"write", V_QUOTE},
    {"posted", V_QUOTE},
    {"tweeted", V_QUOTE | V_CLAUSE},
    {"asked", V_QUOTE | V_OBJ | V_NP},
    {"asks", V_QUOTE},
    {"replied", V_QUOTE | V_CLAUSE},
    {"retorted", V_QUOTE},
    {"continued", V_QUOTE},
    {"stated", V_QUOTE | V_CLAUSE},
    {"declared", V_QUOTE | V_CLAUSE},
    {"announced", V_QUOTE | V_NP},
    {"explained", V_QUOTE | V_CLAUSE},
    {"insisted", V_QUOTE | V_CLAUSE},
    {"insists", V_QUOTE | V_CLAUSE},
    {"noted", V_QUOTE | V_CLAUSE},
    {"notes", V_QUOTE | V_CLAUSE},
    {"warned", V_QUOTE | V_CLAUSE},
    {"warns", V_QUOTE | V_CLAUSE},
    {"argued", V_QUOTE | V_CLAUSE},
    {"argues", V_QUOTE | V_CLAUSE},
    {"arguing", V_QUOTE | V_CLAUSE},
    {"claimed", V_QUOTE | V_CLAUSE},
    {"claims", V_QUOTE | V_CLAUSE},
    {"claiming", V_CLAUSE},
    {"recalled", V_QUOTE | V_THAT},
    {"remarked", V_QUOTE | V_THAT},
    {"observed", V_QUOTE | V_THAT},
    {"commented", V_QUOTE},
    {"acknowledged", V_QUOTE | V_CLAUSE},
    {"admitted", V_QUOTE | V_CLAUSE},
    {"confirmed", V_QUOTE | V_THAT},
    {"joked", V_QUOTE | V_CLAUSE},
    {"quipped", V_QUOTE},
    {"vowed", V_QUOTE | V_NP},
    {"promised", V_QUOTE | V_NP},
    {"predicted", V_QUOTE | V_CLAUSE},
    {"cautioned", V_QUOTE | V_THAT},
    {"complained", V_QUOTE | V_CLAUSE},
    {"boasted", V_QUOTE | V_CLAUSE},
    {"shouted", V_QUOTE},
    {"exclaimed", V_QUOTE},
    {"concluded", V_QUOTE | V_THAT},
    {"conceded", V_QUOTE | V_CLAUSE},
    {"countered", V_QUOTE | V_CLAUSE},
    {"agreed", V_QUOTE | V_CLAUSE},
    {"maintained", V_QUOTE | V_THAT},
    {"asserted", V_QUOTE | V_CLAUSE},
    {"contended", V_QUOTE | V_THAT},
    {"testified", V_QUOTE | V_THAT},
    {"suggested", V_QUOTE | V_CLAUSE},
    {"suggests", V_CLAUSE},
    {"reported", V_QUOTE | V_THAT},
    {"reports", V_QUOTE | V_THAT},
    {"reads", V_QUOTE},
    {"read", V_QUOTE}, /* after the quote only: attr_before() */
    {"believes", V_CLAUSE},
    {"believe", V_CLAUSE},
    {"believed", V_CLAUSE},
    {"thinks", V_CLAUSE},
    {"think", V_CLAUSE},
    {"thought", V_CLAUSE},
    {"feared", V_THAT},
    {"fears", V_THAT},
    {"hopes", V_NP | V_ACT},
    {"denied", V_QUOTE | V_THAT},
    {"found", V_CLAUSE},
    {"showed", V_CLAUSE | V_ACT},
    {"shows", V_CLAUSE | V_ACT},
    {"show", V_CLAUSE | V_ACT},
    {"indicated", V_THAT},
    {"estimated", V_CLAUSE},
    {"knows", V_THAT},
    {"know", V_THAT},
    {"realized", V_THAT},
    {"acknowledges", V_CLAUSE},
    {"emphasized", V_QUOTE | V_THAT},
    {"stressed", V_QUOTE | V_THAT},
    {"pointed", V_NP},
    {"chanted", V_QUOTE},
    {"chanting", V_QUOTE},
    {"echoed", V_QUOTE | V_NP},
    {"announces", V_NP},
    {"assured", V_QUOTE | V_OBJ},
    {"reminded", V_QUOTE | V_OBJ},
    {"informed", V_OBJ},
    {"called", V_PARTIAL | V_NP},
    {"calling", V_PARTIAL | V_NP},
    {"calls", V_PARTIAL | V_NP},
    {"described", V_PARTIAL | V_NP},
    {"describing", V_PARTIAL},
    {"dubbed", V_PARTIAL},
    {"branded", V_PARTIAL},
    {"labeled", V_PARTIAL},
    {"labelled", V_PARTIAL},
    {"termed", V_PARTIAL},
    {"deemed", V_PARTIAL},
    {"cited", V_NP},
    {"citing", V_NP},
    {"criticized", V_NP},
    {"criticised", V_NP},
    {"attacked", V_NP},
    {"praised", V_NP},
    {"blasted", V_PARTIAL | V_NP},
    {"condemned", V_PARTIAL | V_NP},
    {"questioned", V_NP},
    {"mentioned", V_NP},
    {"urged", V_NP},
    {"urges", V_NP},
    {"urging", V_NP},
    {"pledged", V_NP},
    {"pledges", V_NP},
    {"demanded", V_NP},
    {"demanding", V_NP},
    {"demands", V_NP},
    {"defended", V_NP},
    {"defending", V_NP},
    {"accused", V_NP},
    {"accusing", V_NP},
    {"accuses", V_NP},
    {"denounced", V_PARTIAL | V_NP},
    {"denounces", V_PARTIAL | V_NP},
    {"denouncing", V_PARTIAL | V_NP},
    {"condemning", V_PARTIAL | V_NP},
    {"slamming", V_PARTIAL | V_NP},
    {"blasting", V_PARTIAL | V_NP},
    {"decrying", V_PARTIAL | V_NP},
    {"slammed", V_PARTIAL | V_NP},
    {"welcomed", V_NP},
    {"rejected", V_NP},
    {"dismissed", V_NP},
    {"wants", V_NP | V_ACT},
    {"plans", V_NP | V_ACT},
    {"refused", V_NP | V_ACT},
    {"refuses", V_NP | V_ACT},
    {"declined", V_NP | V_ACT},
    {"proposed", V_NP},
    {"proposes", V_NP},
    {"recommended", V_NP},
    {"endorsed", V_NP},
    {"hailed", V_NP},
    {"touted", V_NP},
    {"highlighted", V_NP},
    {"decried", V_PARTIAL | V_NP},
    {"mocked", V_NP},
    {"challenged", V_NP},
    {"expects", V_NP | V_ACT},
    {"expect", V_NP | V_ACT},
    {"supports", V_NP | V_ACT},
    {"opposes", V_NP | V_ACT},
    {"promising", V_NP},
    {"vowing", V_NP},
    {"pointing", V_NP},
    {"insisting", V_CLAUSE},
    {"blamed", V_NP},
    {"blames", V_NP},
    {"predicts", V_CLAUSE},
    {"warning", V_CLAUSE},
    {"explaining", V_CLAUSE},
    {"noting", V_CLAUSE},
    {"suggesting", V_CLAUSE},
    {"acknowledging", V_CLAUSE},
    {"admits", V_CLAUSE},
    {"argue", V_CLAUSE},
    {"claim", V_CLAUSE},
    {"reporting", V_THAT},
    {"announcing", V_NP},
    {"thinking", V_THAT},
    {"agrees", V_THAT},
    {"insist", V_CLAUSE},
    {"note", V_CLAUSE},
    {"warn", V_CLAUSE},
    {"believing", V_THAT},
    {"hoped", V_THAT},
    {"feels", V_THAT},
    {"felt", V_THAT},
    {"worried", V_THAT},
    {"worries", V_THAT},
    {"fear", V_THAT},
    {"doubts", V_THAT},
    {"doubted", V_THAT},
    {"stating", V_CLAUSE},
    {"emphasizing", V_CLAUSE},
    {"stressing", V_CLAUSE},
    {"hope", V_THAT},
    {"ruled", V_THAT},
    {"demand", V_NP},
    {"identified", V_NP | V_ACT},
    {"shown", V_CLAUSE | V_ACT},
    {"support", V_NP | V_ACT},
    {"want", V_NP | V_ACT},
    {"estimates", V_CLAUSE},
    {"responded", V_QUOTE | V_NP},
    {"criticizing", V_NP},
    {"attacking", V_NP},
    {"praising", V_NP},
    {"blaming", V_NP},
    {"touting", V_NP},
    {"predicting", V_CLAUSE},
    {"recommends", V_NP},
    {"sought", V_NP | V_ACT},
    {"expressed", V_NP},
    {"supported", V_NP | V_ACT},
    {"supporting", V_NP | V_ACT},
    {"revealed", V_CLAUSE},
    {"wanted", V_NP | V_ACT},
    {"suggest", V_CLAUSE},
    {"feel", V_THAT},
    {"hoping", V_NP | V_ACT},
    {"agree", V_THAT},
    {"opposed", V_NP | V_ACT},
    {"charged", V_THAT},
    {"referring", V_NP},
    {"seeking", V_NP | V_ACT},
    {"talked", V_NP | V_TALK},
    {"talking", V_NP | V_TALK},
    {"spoke", V_NP | V_TALK},
    {"speak", V_NP | V_TALK},
    {"speaks", V_NP | V_TALK},
    {"discussed", V_NP},
    {"discuss", V_NP},
    {"discussing", V_NP},
    {"explain", V_NP},
    {"explains", V_QUOTE | V_CLAUSE},
    {"decided", V_NP | V_ACT},
    {"voted", V_NP | V_ACT},
    {"encouraging", V_NP},
    {"encouraged", V_NP},
    {"encourages", V_NP},
    {"accuse", V_NP},
    {"denounce", V_PARTIAL | V_NP},
    {"mentions", V_NP},
    {"endorses", V_NP},
    {"likened", V_NP},
    {"disclosed", V_QUOTE | V_THAT},
    {"questioning", V_NP},
    {"worry", V_THAT},
    {"frustrated", V_THAT},
    {"concerned", V_THAT},
    {"convinced", V_THAT},
    {"confident", V_THAT},
    {"upset", V_THAT},
    {"angry", V_THAT},
    {"aware", V_THAT},
    {"disputes", V_NP},
    {"disputed", V_NP},
};

/* Flags of token i as a verb of verbs[] (looked up once per document). */
static int verb_flags(const qctx *c, size_t i) {
  return i < c->nt ? c->t[i].vf : 0;
}

/* Auxiliaries and adverbs between a subject and its verb; a negative
 * contraction too ("aides didn't say", "she hasn't said"; a curly
 * apostrophe folds to a straight one). */
static const char *const aux_words[] = {
    "has",       "have",       "had",        "also",       "later",
    "then",      "previously", "once",       "recently",   "repeatedly",
    "again",     "would",      "will",       "has",        "had",
    "did",       "does",       "do",         "often",      "publicly",
    "privately", "flatly",     "reportedly", "allegedly",  "already",
    "never",     "even",       "still",      "just",       "first",
    "further",   "simply",     "only",       "frequently", "is",
    "are",       "was",        "were",       "been",       "be",
    "being",     "not",        "has",        "can",        "could",
    "may",       "might",      "should",     "must",       "cannot",
    "didn't",    "doesn't",    "don't",      "won't",      "wouldn't",
    "couldn't",  "can't",      "shouldn't",  "mustn't",    "hasn't",
    "haven't",   "hadn't",     "isn't",      "aren't",     "wasn't",
    "weren't",   NULL};

static const char *const pron_person[] = {"he", "she", NULL};
static const char *const pron_group[] = {"they", "it", NULL};
static const char *const pron_self[] = {"i", "we", "you", NULL};

/* Small words left in lower case inside a title. */
static const char *const title_small[] = {
    "a",  "an",  "the",  "of", "and",  "or", "in", "on", "at",
    "to", "for", "with", "by", "from", "is", "as", "vs", NULL};

/* Nouns that carry a report in a "that" clause: "the claim that ...". */
static const char *const report_nouns[] = {
    "claim",      "claims",     "allegation",   "allegations", "assertion",
    "statement",  "argument",   "belief",       "view",        "suggestion",
    "promise",    "pledge",     "warning",      "accusation",  "accusations",
    "charge",     "charges",    "insistence",   "contention",  "assurance",
    "assurances", "prediction", "announcement", "admission",   "remarks",
    "comments",   "comment",    "conclusion",   "finding",     "findings",
    "message",    "theory",     "rumors",       "reports",     "report",
    "fears",      "hopes",      "concerns",     "notion",      NULL};

/* A V_NP verb followed by one of these is no report ("endorsed by",
 * "called up"). */
static const char *const np_after_stop[] = {"by",   "up",   "off",  "out",
                                            "into", "from", "down", "away",
                                            "back", "over", NULL};

/* Words that open an embedded question: "told X how ...". */
static const char *const wh_words[] = {
    "how", "what", "why", "whether", "when", "where", "who", "if", NULL};

/* Verbs that are also plural nouns ("his plans", "the claims"): taken as
 * verbs only after a name or a pronoun. */
static const char *const noun_verbs[] = {
    "plans",   "claims",  "calls",   "demands", "hopes",   "supports",
    "fears",   "doubts",  "reports", "shows",   "notes",   "warns",
    "expects", "blames",  "pledges", "wants",   "opposes", "proposes",
    "urges",   "accuses", "insists", "argues",  "says",    "tells",
    "writes",  "adds",    "support", "demand",  "want",    "claim",
    "plan",    "call",    "hope",    "fear",    "report",  "estimates",
    NULL};

/* Words that begin a noun phrase naming a speaker without a name. */
static const char *const np_det[] = {
    "the",     "a",    "an",  "his",   "her",  "their",   "its",   "one",
    "another", "some", "two", "three", "many", "several", "other", NULL};

/* Nouns of an organisation referred to by role ("the company said"). */
static const char *const org_nouns[] = {
    "company",        "firm",        "group",        "agency",
    "ministry",       "campaign",    "department",   "government",
    "administration", "committee",   "party",        "organization",
    "organisation",   "network",     "newspaper",    "paper",
    "office",         "embassy",     "kremlin",      "white",
    "spokesman",      "spokeswoman", "spokesperson", NULL};

/* The nouns of org_nouns[] that any organisation may be called ("the
 * company said"); the others name a kind of body ("the ministry"). */
static const char *const any_org_nouns[] = {
    "company",      "firm",        "group",        "organization",
    "organisation", "network",     "newspaper",    "paper",
    "spokesman",    "spokeswoman", "spokesperson", NULL};

/* Nouns of documents, which hold words but say none of their own: a
 * partial quote they are the subject of is the words of the report that
 * cites them (reports_hold_partials()). */
static const char *const doc_nouns[] = {
    "documents", "document", "papers",  "records", "files",    "file",
    "data",      "emails",   "memo",    "memos",   "letter",   "letters",
    "report",    "reports",  "study",   "poll",    "survey",   "analysis",
    "video",     "footage",  "figures", "minutes", "findings", NULL};

/* The second words of the adverbs of time of time_pair(). */
static const char *const pair_ends[] = {"far", "now", "yet", NULL};

/* Tokens that cannot be part of a subject noun phrase. */
static const char *const np_stop[] = {
    "and",       "but",     "or",      "that",     "which",    "who",
    "when",      "while",   "as",      "because",  "if",       "so",
    "in",        "on",      "at",      "to",       "for",      "with",
    "of",        "by",      "from",    "after",    "before",   "during",
    "since",     "not",     "is",      "was",      "were",     "are",
    "be",        "been",    "this",    "there",    "though",   "although",
    "whereas",   "whether", "unless",  "than",     "cannot",   "didn't",
    "doesn't",   "don't",   "won't",   "wouldn't", "couldn't", "can't",
    "shouldn't", "mustn't", "hasn't",  "haven't",  "hadn't",   "isn't",
    "aren't",    "wasn't",  "weren't", NULL};

/* Nouns of people who speak, the head of a subject that a modifier
 * follows: "aides to the minister", "people close to the talks",
 * "a spokesman for the ministry" (modifier_at()). */
static const char *const speech_heads[] = {
    "officials",  "official",    "aides",        "aide",
    "advisers",   "adviser",     "advisors",     "advisor",
    "allies",     "ally",        "friends",      "friend",
    "people",     "person",      "sources",      "source",
    "members",    "lawyers",     "lawyer",       "attorneys",
    "attorney",   "spokesman",   "spokeswoman",  "spokesperson",
    "spokesmen",  "spokeswomen", "spokespeople", "representatives",
    "associates", "confidants",  "insiders",     "relatives",
    "colleagues", "supporters",  "critics",      "staffers",
    "executives", "diplomats",   "negotiators",  "leaders",
    "head",       "someone",     "employees",    "analysts",
    NULL};

/* Words for a share of a group, a head before "of" ("one of the
 * lawyers"). */
static const char *const part_heads[] = {
    "one",  "two",  "three", "four", "some",    "many", "most",
    "none", "each", "both",  "all",  "several", NULL};

/* Adjectives and participles that open such a modifier before a
 * preposition: "close to", "familiar with", "briefed on". */
static const char *const mod_words[] = {
    "close",      "closest", "familiar", "loyal",         "briefed",
    "opposed",    "allied",  "linked",   "connected",     "sympathetic",
    "involved",   "privy",   "aware",    "knowledgeable", "working",
    "affiliated", "aligned", NULL};

/* Prepositions that open such a modifier alone ("aides to", "members
 * of", "officials at") or after one of mod_words[] ("briefed on"). */
static const char *const mod_preps[] = {"to", "of",    "for", "with", "at",
                                        "on", "about", "in",  "from", NULL};

/* Token i may be part of a subject noun phrase. */
static int np_tok(const qctx *c, size_t i) {
  if (i >= c->nt)
    return 0;
  /* a word unless one of np_stop[]; a mark only as an abbreviation's dot */
  int r = c->t[i].kind != CW_TOK_PUNCT ? !tok_in(c, i, WL_NP_STOP)
                                       : abbrev_dot(c, i);
  assert(r ==
         ((is_word(c, i) && !tok_in(c, i, WL_NP_STOP)) || abbrev_dot(c, i)));
  return r;
}

/* ---- helpers over text ----------------------------------------------- */

/* Decodes the code point before byte offset pos (0 when none). */
static unsigned prev_cp(const char *s, size_t pos) {
  if (pos == 0)
    return 0;
  size_t i = pos - 1, k = 0;
  while (i > 0 && k < 3 && ((unsigned char)s[i] & 0xC0) == 0x80) {
    i--;
    k++;
  }
  unsigned char b = (unsigned char)s[i];
  if (b < 0x80)
    return b;
  if ((b & 0xE0) == 0xC0 && pos - i == 2)
    return ((b & 0x1Fu) << 6) | ((unsigned char)s[i + 1] & 0x3Fu);
  if ((b & 0xF0) == 0xE0 && pos - i == 3)
    return ((b & 0x0Fu) << 12) | (((unsigned char)s[i + 1] & 0x3Fu) << 6) |
           ((unsigned char)s[i + 2] & 0x3Fu);
  return 0xFFFD;
}

static unsigned next_cp(const char *s, size_t len, size_t pos) {
  if (pos >= len)
    return 0;
  unsigned char b = (unsigned char)s[pos];
  if (b < 0x80)
    return b;
  if ((b & 0xE0) == 0xC0 && pos + 1 < len)
    return ((b & 0x1Fu) << 6) | ((unsigned char)s[pos + 1] & 0x3Fu);
  if ((b & 0xF0) == 0xE0 && pos + 2 < len)
    return ((b & 0x0Fu) << 12) | (((unsigned char)s[pos + 1] & 0x3Fu) << 6) |
           ((unsigned char)s[pos + 2] & 0x3Fu);
  return 0xFFFD;
}

static int cp_space(unsigned u) {
  return u == 0 || u == ' ' || u == '\t' || u == '\n' || u == '\r' ||
         u == '\f' || u == '\v' || u == 0xA0 || u == 0x2009 || u == 0x202F;
}

static int cp_alnum(unsigned u) {
  if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
      (u >= '0' && u <= '9'))
    return 1;
  return u >= 0xC0 && u != 0xFFFD && !(u >= 0x2000 && u <= 0x206F) &&
         u != 0xD7 && u != 0xF7;
}

/* Characters after which a mark opens: white space, brackets, dashes,
 * slashes and other marks. */
static int cp_open_ctx(unsigned u) {
  return cp_space(u) || u == '(' || u == '[' || u == '{' || u == '-' ||
         u == '/' || u == 0x2014 || u == 0x2013 || u == '"' || u == 0x201C ||
         u == 0x2018 || u == '\'' || u == ':';
}

/* ---- pass 1: quote marks ---------------------------------------------- */

/* Words elided at their start: 'em, 'til. */
static const char *const elision_words[] = {"em",    "til",  "tis",   "twas",
                                            "cause", "bout", "round", NULL};

/* Elisions that start with an apostrophe: '90s, 'em, 'til, 'n', 'cause. */
static int elision_after(const qctx *c, size_t i) {
  size_t j = i + 1;
  if (j >= c->nt || c->t[j].start != c->t[i].end)
    return 0;
  const char *s = c->text + c->t[j].start;
  size_t n = c->t[j].end - c->t[j].start;
  if (n >= 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
      (n == 2 || (n == 3 && s[2] == 's')))
    return 1;
  if (tok_is(c, j, "n") && j + 1 < c->nt && c->t[j + 1].start == c->t[j].end &&
      c->t[j + 1].kind == CW_TOK_PUNCT)
    return 1; /* rock 'n' roll: the closing one is handled below */
  return tok_in(c, j, WL_ELISION_WORDS);
}

/* A punctuation token whose first byte is b may be a quote mark: '"',
 * '\'', the first byte of U+2018 to U+201E or of U+00AB and U+00BB. */
static int mark_byte(unsigned char b) {
  return b == '"' || b == '\'' || b == 0xE2 || b == 0xC2;
}

static void classify_marks(qctx *c) {
  size_t nm = 0;
  for (size_t mi = 0; mi < c->nmarks; mi++) {
    size_t i = c->marks[mi];
    qtok *t = &c->t[i];
    unsigned u = next_cp(c->text, c->len, t->start);
    if (t->end - t->start == 2 && u == '\'')
      u = '"'; /* '' */
    switch (u) {
    case '"':
    case 0x201C:
    case 0x201E:
    case 0xAB:
    case 0x201D:
    case 0xBB:
    case '\'':
    case 0x2018:
    case 0x2019:
      break;
    default:
      continue; /* no mark: the cases below leave it alone */
    }
    unsigned before = prev_cp(c->text, t->start);
    unsigned after = next_cp(c->text, c->len, t->end);
    int open_ctx = cp_open_ctx(before);
    int close_ctx = !cp_alnum(after);
    int word_after = !cp_space(after) && after != 0;
    switch (u) {
    case '"':
      t->mark = M_DQ;
      t->can_open = open_ctx && word_after;
      t->can_close = !cp_space(before) && before != 0;
      if (!t->can_open && !t->can_close)
        t->can_open = t->can_close = 1;
      break;
    case 0x201C: /* left double */
    case 0x201E: /* low double */
    case 0xAB:   /* guillemet */
      t->mark = M_DQ;
      t->can_open = 1;
      break;
    case 0x201D: /* right double */
    case 0xBB:
      t->mark = M_DQ;
      t->can_close = 1;
      /* a right mark used as an opener after white space */
      if (open_ctx && word_after && cp_space(before) && before != 0)
        t->can_open = 1;
      break;
    case '\'':
    case 0x2018:
    case 0x2019:
      if (cp_alnum(before) && cp_alnum(after))
        break; /* inside a word */
      /* the closing mark of 'n' */
      if (i >= 2 && tok_is(c, i - 1, "n") && c->t[i - 1].end == t->start &&
          c->t[i - 2].kind == CW_TOK_PUNCT &&
          c->t[i - 2].end == c->t[i - 1].start)
        break;
      if (open_ctx && word_after) {
        if (!elision_after(c, i) && u != 0x2019)
          t->mark = M_SQ, t->can_open = 1;
        break;
      }
      if (!cp_space(before) && before != 0 && close_ctx && u != 0x2018)
        t->mark = M_SQ, t->can_close = 1;
      break;
    default:
      break;
    }
    if (t->mark)
      c->marks[nm++] = i;
  }
  c->nmarks = nm;
#ifndef NDEBUG
  /* the punctuation left out opens with none of the marks above */
  for (size_t i = 0; i < c->nt; i++) {
    const qtok *t = &c->t[i];
    if (t->kind != CW_TOK_PUNCT ||
        (t->pc == PC_NONE && mark_byte((unsigned char)c->text[t->start])))
      continue;
    unsigned u = next_cp(c->text, c->len, t->start);
    assert(u != '"' && u != 0x201C && u != 0x201E && u != 0xAB && u != 0x201D &&
           u != 0xBB && u != '\'' && u != 0x2018 && u != 0x2019);
  }
#endif
}

/* The quote that opened at token open and is still open at the end of its
 * paragraph ends there (when it holds a word or two). */
static void close_at_para_end(qctx *c, size_t open) {
  size_t e = c->para_first[c->t[open].para + 1]; /* the next paragraph */
  if (e - 1 > open + 2)
    c->rq[c->nrq++] = (rawq){open, e - 1, 0, c->t[open].mark, -1, {-1, 0, 0}};
}

/* Pairs the marks, visiting only the tokens classify_marks() listed: a
 * quote left open at the end of its paragraph is closed there when the
 * next mark (or the text's end) lies in a later paragraph. */
static void pair_marks(qctx *c) {
  long open = -1; /* token of the pending opening mark */
  for (size_t mi = 0; mi < c->nmarks && c->nrq < c->rq_cap; mi++) {
    size_t i = c->marks[mi];
    qtok *t = &c->t[i];
    if (open >= 0 && c->t[open].para != t->para) {
      /* unclosed at the end of its paragraph */
      close_at_para_end(c, (size_t)open);
      open = -1;
      if (c->nrq >= c->rq_cap)
        break;
    }
    if (open < 0) {
      if (t->can_open)
        open = (long)i;
      continue;
    }
    if (t->mark != c->t[open].mark)
      continue; /* the other family nests inside */
    if (t->can_close && i > (size_t)open + 1) {
      c->rq[c->nrq++] = (rawq){(size_t)open, i, 1, t->mark, -1, {-1, 0, 0}};
      open = -1;
    } else if (t->can_open && !t->can_close) {
      open = (long)i; /* the earlier mark was never closed */
    }
  }
  if (open >= 0 && c->nrq < c->rq_cap &&
      c->t[open].para != c->t[c->nt - 1].para) {
    close_at_para_end(c, (size_t)open);
    open = -1;
  }
  if (open >= 0 && c->nrq < c->rq_cap && c->nt - 1 > (size_t)open + 2)
    c->rq[c->nrq++] =
        (rawq){(size_t)open, c->nt - 1, 0, c->t[open].mark, -1, {-1, 0, 0}};
  for (size_t q = 0; q < c->nrq; q++)
    for (size_t i = c->rq[q].ot; i <= c->rq[q].ct; i++)
      c->t[i].in_quote = (long)q;
}

/* ---- speakers ----------------------------------------------------------- */

static int cmp_mref(const void *a, const void *b) {
  const mref *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* Index of the first mention starting at or after pos. */
static size_t mention_at(const qctx *c, size_t pos) {
  size_t lo = 0, hi = c->nm;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c->m[mid].start < pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* A mention starts at token i (i < c->nt). */
static int mention_opens(const qctx *c, size_t i) {
  size_t k = mention_at(c, c->t[i].start);
  return k < c->nm && c->m[k].start == c->t[i].start;
}

/* Whether byte pos lies inside a quote (binary search over raw quotes). */
static int pos_in_quote(const qctx *c, size_t pos) {
  size_t lo = 0, hi = c->nrq;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c->t[c->rq[mid].ct].end <= pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < c->nrq && c->t[c->rq[lo].ot].start <= pos;
}

/* The first of the tokens [lo, hi) that starts at or after byte pos, or
 * hi. */
static size_t token_search(const qctx *c, size_t pos, size_t lo, size_t hi) {
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c->t[mid].start < pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Index of the token that starts at or after byte pos. */
static size_t token_at(const qctx *c, size_t pos) {
  return token_search(c, pos, 0, c->nt);
}

/* token_at(c, pos) found among the tokens [lo, hi) when the answer lies
 * there or at hi (a quote of the sentence [lo, hi)): a shorter search. */
static size_t token_at_in(const qctx *c, size_t pos, size_t lo, size_t hi) {
  if ((lo > 0 && c->t[lo - 1].start >= pos) ||
      (hi < c->nt && c->t[hi].start < pos))
    return token_at(c, pos);
  lo = token_search(c, pos, lo, hi);
  assert(lo == token_at(c, pos));
  return lo;
}

/* The pronouns unbind_speaker() and speaker_name() look for ("their",
 * "which") are at most this many bytes, as written too (in ASCII). */
#define PRONOUN_MAX 5

#ifndef NDEBUG
/* [s, e) is one token, the word w (debug builds check the PRONOUN_MAX
 * shortcut with it). */
static int short_word_at(const qctx *c, size_t s, size_t e, const char *w) {
  size_t k = token_at(c, s);
  return k < c->nt && c->t[k].start == s && c->t[k].end == e && tok_is(c, k, w);
}
#endif

/* Words before a mention that is no subject: subject_rank(). */
static const char *const rank_preps[] = {
    "of", "in",    "at",      "from", "to",   "for", "with", "by",
    "on", "about", "against", "than", "like", "and", "or",   NULL};

/* How much a mention looks like the subject of its sentence: 2 when only
 * capitalised words (titles) or "the" come before it in the sentence, 1
 * when it does not follow a preposition, 0 otherwise. */
static int subject_rank(const qctx *c, size_t start) {
  size_t k = token_at(c, start);
  if (k >= c->nt)
    return 0;
  size_t first = c->sent_first[c->t[k].sent];
  size_t i = k;
  while (i > first && k - i < SUBJ_MAX &&
         (is_cap(c, i - 1) || tok_is(c, i - 1, "the") ||
          tok_is(c, i - 1, "former") || abbrev_dot(c, i - 1)))
    i--;
  if (i == first)
    return 2;
  return k > 0 && tok_in(c, k - 1, WL_RANK_PREPS) ? 0 : 1;
}

/* Whether entity ent is one of the n entities of ex. */
static int ent_in(long ent, const long *ex, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (ex[i] == ent)
      return 1;
  return 0;
}

static int finite_verb(const qctx *c, size_t i);
static size_t skip_openers(const qctx *c, size_t a, size_t v);

/* The head of the subject sentence s opens with, before byte pos, when
 * it names nothing "it" could refer to past it: common nouns after an
 * article, none an organisation's ("The post, seen by the Courier,
 * listed ..."), or a capitalised word no entity holds, before its verb
 * ("Brannic detected ..."); else SIZE_MAX. */
static size_t it_stops_at(const qctx *c, size_t s, size_t pos) {
  size_t e = c->sent_end[s];
  size_t f = skip_openers(c, c->sent_first[s], e);
  if (f + 1 >= e || c->t[f].start >= pos || c->t[f].in_quote >= 0 ||
      mention_opens(c, f))
    return SIZE_MAX;
  if (tok_is(c, f, "the") || tok_is(c, f, "a") || tok_is(c, f, "an")) {
    size_t h = f + 1;
    while (h < e && h < f + SUBJ_MAX && c->t[h].kind == CW_TOK_WORD &&
           !is_cap(c, h) && np_tok(c, h) && !tok_in(c, h, WL_AUX_WORDS) &&
           !verb_flags(c, h) && !(h > f + 1 && finite_verb(c, h)))
      h++;
    return h > f + 1 && h < e && !tok_in(c, h - 1, WL_ORG_NOUNS) &&
                   !tok_in(c, h - 1, WL_SOURCE_NOUNS) &&
                   (tok_pc(c, h, PC_COMMA) || tok_in(c, h, WL_AUX_WORDS) ||
                    verb_flags(c, h) || finite_verb(c, h))
               ? h - 1
               : SIZE_MAX;
  }
  return is_cap(c, f) && !tok_in(c, f, WL_PRON_GROUP) &&
                 !tok_in(c, f, WL_PRON_PERSON) && !tok_in(c, f, WL_PRON_SELF) &&
                 !tok_in(c, f, WL_NP_STOP) &&
                 (finite_verb(c, f + 1) || verb_flags(c, f + 1))
             ? f
             : SIZE_MAX;
}

/* Whether the name holds the word w (folded, n bytes) as a word of its
 * own: "Hallenberg Museum" holds "museum". */
static int name_has_word(const char *name, const char *w, size_t n) {
  for (const char *p = name; *p; p++)
    if ((p == name || p[-1] == ' ') && cw_strncaseeq(p, w, n) &&
        (p[n] == 0 || p[n] == ' '))
      return 1;
  return 0;
}

/* Whether the mention at token mt opens a clause of its own: after a
 * mark or "that" ("..., and Kelvar Water said", "said that Kelvar ..."),
 * not as the object of a verb ("told the Courier"). */
static int clause_subject_at(const qctx *c, size_t mt) {
  if (mt > 0 && tok_is(c, mt - 1, "the"))
    mt--;
  return mt > 0 &&
         (c->t[mt - 1].kind == CW_TOK_PUNCT || tok_is(c, mt - 1, "that") ||
          tok_in(c, mt - 1, WL_SUBORDINATORS));
}

/* The referent of a pronoun at pos: among the earlier mentions outside
 * quotes of an entity of type want (or alt when not UNKNOWN), none of the
 * nex entities of ex, the nearest subject of a sentence within the last
 * few sentences, else the nearest one not after a preposition, else the
 * nearest. -1 when none.
 * With it ("it"), only a subject of a clause, never a name after a
 * preposition or a verb ("seen by the Courier", "told the Courier"), and
 * nothing past a sentence whose subject names nothing (it_stops_at())
 * but an entity with that subject's noun in its name. */
static long referent_except(const qctx *c, size_t pos, cw_entity_type want,
                            cw_entity_type alt, const long *ex, size_t nex,
                            int it, size_t *ms, size_t *me) {
  size_t k = mention_at(c, pos);
  size_t tp = token_at(c, pos);
  size_t sent_now = tp < c->nt ? c->t[tp].sent : c->ns;
  /* "it": the sentences from here on were looked at (the pronoun's own
   * is the clause it reports, "The levy will pass, it said"); the head of
   * the subject of one that names nothing */
  size_t seen = sent_now, stop = SIZE_MAX;
  long best[3] = {-1, -1, -1};
  for (size_t n = 0; k > 0 && n < REFERENT_LOOKBACK; n++) {
    k--;
    const mref *m = &c->m[k];
    size_t mt = token_at(c, m->start);
    if (it && mt < c->nt && stop == SIZE_MAX) {
      /* "it" is the subject of an earlier clause: not past one that
       * names nothing, nor past the sentences the others look at */
      if (c->t[mt].sent + 3 < sent_now)
        break;
      while (seen > c->t[mt].sent && stop == SIZE_MAX)
        stop = it_stops_at(c, --seen, pos);
    }
    cw_entity_type ty = c->an->entities[m->ent].type;
    if (!(ty == want || (alt != CW_ENT_UNKNOWN && ty == alt)) ||
        ent_in(m->ent, ex, nex) || pos_in_quote(c, m->start))
      continue;
    if (stop != SIZE_MAX) {
      /* "The museum, founded in 1911, ... . It holds": the subject names
       * an entity by a word of its name ("Hallenberg Museum"), else
       * nothing named */
      const char *hw = c->t[stop].w;
      if (!is_cap(c, stop) && c->t[stop].kind == CW_TOK_WORD &&
          name_has_word(c->an->entities[m->ent].name, hw, strlen(hw))) {
        *ms = m->start;
        *me = m->end;
        return m->ent;
      }
      continue;
    }
    if (mt < c->nt && c->t[mt].sent + 3 < sent_now &&
        best[0] + best[1] + best[2] > -3)
      break; /* far back and something nearer was found */
    int r = subject_rank(c, m->start);
    if (it && (r == 0 || (r == 1 && !clause_subject_at(c, mt))))
      continue; /* "seen by the Courier", "told the Courier" */
    if (best[r] < 0)
      best[r] = (long)k;
    if (r == 2)
      break;
  }
  long pick = best[2] >= 0 ? best[2] : best[1] >= 0 ? best[1] : best[0];
  if (pick < 0)
    return -1;
  *ms = c->m[pick].start;
  *me = c->m[pick].end;
  return c->m[pick].ent;
}

static long referent(const qctx *c, size_t pos, cw_entity_type want,
                     cw_entity_type alt, size_t *ms, size_t *me) {
  return referent_except(c, pos, want, alt, NULL, 0, 0, ms, me);
}

/* The referent of "it" at pos (referent_except()). */
static long referent_it(const qctx *c, size_t pos, size_t *ms, size_t *me) {
  return referent_except(c, pos, CW_ENT_ORG, CW_ENT_UNKNOWN, NULL, 0, 1, ms,
                         me);
}

/* Nearest entity before pos whose roles contain the word [w, w + n). */
static long role_referent(const qctx *c, size_t pos, const char *w, size_t n) {
  size_t k = mention_at(c, pos);
  /* the REFERENT_LOOKBACK mentions before k, nearest first: those with
   * roles among them */
  size_t lo = k > REFERENT_LOOKBACK ? k - REFERENT_LOOKBACK : 0;
  size_t x = 0, hi = c->nrm; /* x: the first of rm at or after k */
  while (x < hi) {
    size_t mid = x + (hi - x) / 2;
    if (c->rm[mid] < k)
      x = mid + 1;
    else
      hi = mid;
  }
  while (x > 0 && c->rm[x - 1] >= lo) {
    k = c->rm[--x];
    const cw_entity *e = &c->an->entities[c->m[k].ent];
    for (size_t r = 0; r < e->n_roles; r++) {
      const char *role = e->roles[r];
      size_t rl = strlen(role);
      for (size_t p = 0; p + n <= rl; p++)
        if ((p == 0 || role[p - 1] == ' ') &&
            (p + n == rl || role[p + n] == ' ') &&
            cw_strncaseeq(role + p, w, n))
          return c->m[k].ent;
    }
  }
  return -1;
}

/* ---- subjects with a modifier ------------------------------------------ */

/* What heads a subject with a modifier (modifier_at()). */
enum {
  HEAD_NONE = 0,
  HEAD_SOURCE, /* "aides to the minister": speakers of their own, not the
                  minister */
  HEAD_SPOKES, /* "a spokesman for the ministry": speaks for the ministry,
                  as "the spokesman said" does (org_nouns[]) */
  HEAD_PERSON  /* "Tom Berg of the union": the person, not the union */
};

/* Token k is a participle of a passive before "by": a word in lower case
 * in -ed, -en or -wn ("obtained", "seen", "drawn") or an irregular past
 * ("held", "made"). */
static int by_participle(const qctx *c, size_t k) {
  if (k >= c->nt || c->t[k].kind != CW_TOK_WORD || is_cap(c, k) ||
      tok_in(c, k, WL_NP_STOP))
    return 0;
  if (tok_in(c, k, WL_IRREGULAR_PAST))
    return 1;
  size_t n = c->t[k].end - c->t[k].start;
  const char *w = c->text + c->t[k].end - 2;
  return n > 3 && (memcmp(w, "ed", 2) == 0 || memcmp(w, "en", 2) == 0 ||
                   memcmp(w, "wn", 2) == 0);
}

/* Whether the word at token h heads a subject with a modifier opening at
 * token h + 1: "close to", "familiar with", "with knowledge of", "briefed
 * on" (mod_words[] and a preposition), or one of "to", "of", "for",
 * "with", "at", "from" alone. Returns the first token of the modifier's
 * object (before token lim) and sets *kind (HEAD_*), else 0. The head is
 * a noun of speech_heads[], a share before "of" ("one of the lawyers"),
 * or a person's name before "of", "at" or "with". */
static size_t modifier_at(const qctx *c, size_t h, size_t lim, int *kind) {
  size_t k = h + 1, o;
  int bare = 0;
  if (k + 1 >= lim || c->t[h].in_quote >= 0 || c->t[k].in_quote >= 0 ||
      !is_word(c, h))
    return 0;
  /* "papers seen by the commission": a noun and a participle of a
   * passive; the papers, not the commission, are the subject */
  if (tok_is(c, k + 1, "by") && by_participle(c, k)) {
    o = k + 2;
    if (o >= lim || !np_tok(c, o) || c->t[o].in_quote >= 0 ||
        c->t[h].kind != CW_TOK_WORD || !np_tok(c, h) ||
        tok_in(c, h, WL_NP_DET) ||
        /* a common noun: no name, but a sentence's first word */
        (is_cap(c, h) &&
         (h != c->sent_first[c->t[h].sent] || mention_opens(c, h))))
      return 0;
    *kind = HEAD_SOURCE;
    return o;
  }
  if (tok_in(c, k, WL_MOD_WORDS) && tok_in(c, k + 1, WL_MOD_PREPS)) {
    o = k + 2;
  } else if (tok_is(c, k, "with") && tok_is(c, k + 1, "knowledge") &&
             tok_is(c, k + 2, "of")) {
    o = k + 3;
  } else if (tok_in(c, k, WL_MOD_PREPS) && !tok_is(c, k, "on") &&
             !tok_is(c, k, "about") && !tok_is(c, k, "in")) {
    o = k + 1;
    bare = 1;
  } else {
    return 0;
  }
  /* "most of whom": a relative clause, no subject of this one */
  if (o >= lim || !np_tok(c, o) || c->t[o].in_quote >= 0 ||
      tok_is(c, o, "whom") || tok_is(c, o, "whose"))
    return 0;
  if (tok_in(c, h, WL_SPEECH_HEADS)) {
    *kind = strncmp(c->t[h].w, "spokes", 6) == 0 ? HEAD_SPOKES : HEAD_SOURCE;
    return o;
  }
  if (!bare)
    return 0;
  if (tok_is(c, k, "of") && tok_in(c, h, WL_PART_HEADS)) {
    *kind = HEAD_SOURCE;
    return o;
  }
  /* "the former deputy mayor of Castlebrook", "the developer at the
   * center of the case": a common noun after an article heads the
   * phrase, the object only says where the head belongs */
  if ((tok_is(c, k, "of") || tok_is(c, k, "at") || tok_is(c, k, "for")) &&
      c->t[h].kind == CW_TOK_WORD && !is_cap(c, h) &&
      !tok_in(c, h, WL_NP_DET)) {
    size_t d = h;
    while (d > 0 && h - d < 4 && c->t[d - 1].kind == CW_TOK_WORD &&
           !is_cap(c, d - 1) && !tok_in(c, d - 1, WL_NP_DET) &&
           np_tok(c, d - 1))
      d--;
    /* the article opens the phrase: not "Roe posted [a series of] ..." */
    if (d > 0 &&
        (tok_is(c, d - 1, "the") || tok_is(c, d - 1, "a") ||
         tok_is(c, d - 1, "an")) &&
        (d - 1 == c->sent_first[c->t[d - 1].sent] || !np_tok(c, d - 2))) {
      *kind = HEAD_SOURCE;
      return o;
    }
  }
  if (tok_is(c, k, "of") || tok_is(c, k, "at") || tok_is(c, k, "with")) {
    size_t m = mention_at(c, c->t[h].end);
    if (m > 0 && c->m[m - 1].end == c->t[h].end &&
        c->an->entities[c->m[m - 1].ent].type == CW_ENT_PERSON) {
      *kind = HEAD_PERSON;
      return o;
    }
  }
  return 0;
}

/* A subject noun phrase from token s stops at token e (e > s): when a
 * modifier of its head opens there ("people close to", "aides to"), the
 * first token of the modifier's object (before token lim), its head in
 * *h and the head's kind in *kind; else 0. */
static size_t modifier_after(const qctx *c, size_t s, size_t e, size_t lim,
                             size_t *h, int *kind) {
  if (e < lim && e > s + 1 && tok_is(c, e, "by") && by_participle(c, e - 1)) {
    *h = e - 2; /* "papers seen by" */
    return modifier_at(c, *h, lim, kind);
  }
  /* most subjects stop at no preposition */
  if (e >= lim || e <= s || !tok_in(c, e, WL_MOD_PREPS))
    return 0;
  *h = e - 1;
  if (*h > s && tok_in(c, *h, WL_MOD_WORDS))
    (*h)--; /* "close" of "people close to" */
  return modifier_at(c, *h, lim, kind);
}

/* The end of the subject noun phrase from token s, before token lim: its
 * words and, when its head has a modifier, the modifier and its object
 * ("two people familiar with the talks", "a lawyer for one of the
 * dockers"). SUBJ_MAX words at most before each of two modifiers. */
static size_t subject_end(const qctx *c, size_t s, size_t lim) {
  size_t e = s, h;
  for (int n = 0;; n++) {
    size_t e0 = e;
    while (e < lim && e - e0 < SUBJ_MAX && np_tok(c, e))
      e++;
    int kind;
    size_t o = n < 2 && e > e0 ? modifier_after(c, e0, e, lim, &h, &kind) : 0;
    if (!o)
      return e;
    e = o;
  }
}

static int resolve_subject(const qctx *c, size_t a, size_t b, int prefer_end,
                           speaker *sp);

/* The speaker of the subject [a, b) whose head h has a modifier with its
 * object from token o (modifier_at() gave kind): the whole phrase, and
 * the entity of its head, never that of the object ("aides to the
 * minister" are not the minister), but a spokesman's for whom he speaks.
 * prefer_end as for resolve_subject(). */
static int modified_subject(const qctx *c, size_t a, size_t b, size_t h,
                            size_t o, int kind, int prefer_end, speaker *sp) {
  size_t oe = prefer_end ? b : subject_end(c, o, b);
  sp->ent = -1;
  sp->s = c->t[a].start;
  sp->e = c->t[oe - 1].end;
  if (kind == HEAD_PERSON) {
    /* the name alone, as a name with an apposition gives */
    const mref *m = &c->m[mention_at(c, c->t[h].end) - 1];
    sp->ent = m->ent;
    sp->s = m->start < sp->s ? sp->s : m->start;
    sp->e = m->end;
    return 1;
  }
  speaker obj;
  if (kind == HEAD_SPOKES) {
    if (resolve_subject(c, o, oe, prefer_end, &obj))
      sp->ent = obj.ent;
    return 1;
  }
  /* "the head of the union Tom Berg said": the name of the head, in
   * apposition after its organisation */
  if (prefer_end && tok_is(c, h, "head") && oe > o + 1 &&
      resolve_subject(c, o, oe, 1, &obj) && obj.ent >= 0 &&
      c->an->entities[obj.ent].type == CW_ENT_PERSON &&
      obj.e == c->t[oe - 1].end) {
    size_t n = token_at_in(c, obj.s, o, oe);
    if (n > o && n < oe && is_word(c, n - 1) && !is_cap(c, n - 1) &&
        !tok_in(c, n - 1, WL_NP_DET))
      *sp = obj;
  }
  return 1;
}

/* Resolves the subject noun phrase of tokens [a, b) (b exclusive), the
 * one nearest the cue verb: prefer_end says the verb follows the phrase.
 * Returns 1 when some subject was found. */
static int resolve_subject(const qctx *c, size_t a, size_t b, int prefer_end,
                           speaker *sp) {
  sp->ent = -1;
  sp->s = sp->e = 0;
  if (a >= b)
    return 0;
  /* "aides to the minister", "people close to the talks" */
  {
    size_t k = a, h;
    while (k < b && k - a < SUBJ_MAX && np_tok(c, k))
      k++;
    int kind;
    size_t o = k > a ? modifier_after(c, a, k, b, &h, &kind) : 0;
    if (o)
      return modified_subject(c, a, b, h, o, kind, prefer_end, sp);
  }
  size_t lo = c->t[a].start, hi = c->t[b - 1].end;
  /* a mention inside */
  size_t k = mention_at(c, lo);
  long best = -1;
  /* the mention nearest the verb, a person before anything else ("the
   * Kremlin spokesperson Dmitry Peskov") */
  int best_person = 0;
  for (; k < c->nm && c->m[k].start < hi; k++) {
    if (c->m[k].end > hi) {
      /* "The Bank of Marevia, saying ...": a subject cut at a small word
       * of a name ("of", "for") is that name (not at a capitalised word
       * that a title-case headline's name took in: "Chris Christie Just
       * Revealed ...") */
      if (best < 0 && b < c->nt && c->t[b].kind == CW_TOK_WORD &&
          !is_cap(c, b) && !verb_flags(c, b) && !finite_verb(c, b)) {
        best = (long)k;
        best_person = c->an->entities[c->m[k].ent].type == CW_ENT_PERSON;
      }
      break;
    }
    int person = c->an->entities[c->m[k].ent].type == CW_ENT_PERSON;
    if (best < 0 || person || !best_person) {
      if (best >= 0 && best_person && !person)
        continue;
      if (best >= 0 && !prefer_end && person == best_person)
        continue;
      best = (long)k;
      best_person = person;
    }
  }
  if (best >= 0) {
    sp->ent = c->m[best].ent;
    sp->s = c->m[best].start;
    sp->e = c->m[best].end;
    /* "the U.S. senator", "Korsa dockers": a place before the head only
     * says where it belongs; the phrase speaks */
    if (prefer_end && c->an->entities[sp->ent].type == CW_ENT_PLACE &&
        sp->e < hi && c->t[b - 1].kind == CW_TOK_WORD && !is_cap(c, b - 1) &&
        token_at_in(c, sp->e, a, b) < b && np_tok(c, b - 1)) {
      size_t x = token_at_in(c, sp->e, a, b);
      int plain = 1; /* words alone from the place to the head */
      for (; x < b && plain; x++)
        plain = np_tok(c, x) && c->t[x].in_quote < 0;
      if (plain) {
        sp->ent = -1;
        sp->s = lo;
        sp->e = hi;
        return 1;
      }
    }
    /* "Ms Varga's aides said": the aides speak, not Varga (but "Ms
     * Varga's spokesman" speaks for her) */
    size_t x = token_at_in(c, sp->e, a, b);
    if (x + 1 < b && c->t[x].start == sp->e && tok_is(c, x, "'s")) {
      size_t y = x + 1;
      while (y < b && y < x + 4 && np_tok(c, y))
        y++;
      if (y > x + 1 && (!prefer_end || y == b) &&
          tok_in(c, y - 1, WL_SPEECH_HEADS)) {
        if (strncmp(c->t[y - 1].w, "spokes", 6) != 0)
          sp->ent = -1;
        sp->s = c->t[a].start;
        sp->e = c->t[y - 1].end;
      }
    }
    return 1;
  }
  /* a pronoun */
  size_t pi = prefer_end ? b - 1 : a;
  if (b - a == 1 || tok_in(c, pi, WL_PRON_PERSON) ||
      tok_in(c, pi, WL_PRON_GROUP)) {
    size_t ms = 0, me = 0;
    if (tok_in(c, pi, WL_PRON_PERSON)) {
      sp->s = c->t[pi].start;
      sp->e = c->t[pi].end;
      sp->ent = referent(c, sp->s, CW_ENT_PERSON, CW_ENT_UNKNOWN, &ms, &me);
      return 1;
    }
    if (tok_is(c, pi, "it") || tok_is(c, pi, "they")) {
      sp->s = c->t[pi].start;
      sp->e = c->t[pi].end;
      sp->ent = tok_is(c, pi, "it")
                    ? referent_it(c, sp->s, &ms, &me)
                    : referent(c, sp->s, CW_ENT_ORG, CW_ENT_PERSON, &ms, &me);
      return 1;
    }
    if (tok_in(c, pi, WL_PRON_SELF)) {
      /* the writer or a speaker quoting himself: the pronoun, no entity */
      sp->s = c->t[pi].start;
      sp->e = c->t[pi].end;
      return 1;
    }
  }
  /* a noun phrase: from a determiner or a capitalised run up to b */
  size_t s = b, e = b;
  if (prefer_end) {
    while (s > a && np_tok(c, s - 1) && e - s < SUBJ_MAX)
      s--;
  } else {
    s = a;
    e = a;
    while (e < b && np_tok(c, e) && e - s < SUBJ_MAX)
      e++;
  }
  if (s >= e)
    return 0;
  sp->s = c->t[s].start;
  sp->e = c->t[e - 1].end;
  /* "the president": an entity by role; "the company": nearest ORG */
  size_t head = e - 1;
  const char *hw = c->text + c->t[head].start;
  size_t hn = c->t[head].end - c->t[head].start;
  if (tok_in(c, s, WL_NP_DET) || is_cap(c, head)) {
    long r = role_referent(c, sp->s, hw, hn);
    /* "the company": the nearest organisation, but "the ministry's roads
     * department" is none named so far */
    int owned = 0;
    for (size_t x = s; x < head && !owned; x++)
      owned = tok_is(c, x, "'s");
    if (r < 0 && !owned && tok_is(c, s, "the") &&
        tok_in(c, head, WL_ORG_NOUNS)) {
      size_t ms = 0, me = 0;
      r = referent(c, sp->s, CW_ENT_ORG, CW_ENT_UNKNOWN, &ms, &me);
      /* "the ministry", "the committee": a body of that kind, whose name
       * says so (a ministry is no port authority); any organisation may
       * be "the company" or "the group" */
      if (r >= 0 && !tok_in(c, head, WL_ANY_ORG_NOUNS) &&
          !name_has_word(c->an->entities[r].name, c->t[head].w,
                         strlen(c->t[head].w)))
        r = -1;
    }
    sp->ent = r;
  }
  return 1;
}

/* ---- channels ------------------------------------------------------------ */

/* Capitalised run starting at token i (at most 4 words): end token. */
static size_t cap_run(const qctx *c, size_t i, size_t lim) {
  size_t j = i;
  while (j < lim && j - i < 4 &&
         (is_cap(c, j) ||
          (c->t[j].kind == CW_TOK_WORD && (c->t[j].flags & CW_TOKF_ALLCAPS))))
    j++;
  return j;
}

/* Platforms named after "on" even without a verb before them. */
static const char *const platforms[] = {
    "x",        "twitter",  "facebook", "instagram", "telegram",
    "truth",    "tiktok",   "youtube",  "threads",   "bluesky",
    "linkedin", "weibo",    "vk",       "reddit",    "substack",
    "snapchat", "whatsapp", "mastodon", NULL};
/* Words after which "on Name" is where something was said. */
static const char *const post_words[] = {
    "post",      "posts",     "message",    "messages",  "video",
    "statement", "interview", "appearance", "remarks",   "comments",
    "thread",    "tweet",     "account",    "page",      "channel",
    "show",      "program",   "programme",  "broadcast", NULL};

static const char *const medium_words[] = {
    "statement", "interview", "post",       "tweet",  "video",  "letter",
    "speech",    "email",     "message",    "op-ed",  "memo",   "briefing",
    "podcast",   "release",   "conference", "filing", "report", NULL};

/* Looks for a channel in tokens [a, b): "on X", "in a statement",
 * "told TASS". Returns an arena string or NULL. */
/* Days and months ("said on Friday", "said on June 6") name no channel:
 * the analysis lexicon's time words. */
static int calendar_word(const qctx *c, size_t i) {
  return i < c->nt && c->t[i].kind == CW_TOK_WORD &&
         (cw_an_lex(c->t[i].w, strlen(c->t[i].w)) & LX_TIME);
}

/* Nouns of a news medium: "told the news agency" names the medium the
 * text named before ("the Russian news agency TASS"). */
static const char *const media_nouns[] = {
    "agency",  "newspaper", "paper", "outlet",   "broadcaster",
    "network", "channel",   "daily", "magazine", "station",
    "website", "tabloid",   NULL};

static int is_media_noun(const qctx *c, size_t i) {
  for (size_t k = 0; media_nouns[k]; k++)
    if (tok_is(c, i, media_nouns[k]))
      return 1;
  return 0;
}

/* Tokens looked back over for the name of a medium. */
#define MEDIUM_LOOKBACK 4000

/* The name of the medium nearest before token i given as a medium noun
 * and its name ("news agency TASS", "the daily Harbour Post"), or NULL. */
static const char *medium_named_before(qctx *c, size_t i) {
  for (size_t k = i; k-- > 0 && i - k < MEDIUM_LOOKBACK;) {
    if (!is_media_noun(c, k) || !is_cap(c, k + 1) || k + 1 >= i)
      continue;
    size_t j = cap_run(c, k + 1, i);
    return cw_arena_strndup(c->an->arena, c->text + c->t[k + 1].start,
                            c->t[j - 1].end - c->t[k + 1].start);
  }
  return NULL;
}

/* The words find_channel() looks at: every channel it finds follows one
 * of them. */
static const char *const channel_cues[] = {"on",   "via",   "in",
                                           "told", "tells", NULL};

static const char *find_channel(qctx *c, size_t a, size_t b) {
  const char *found = NULL;
  for (size_t i = a; i < b && i < c->nt; i++) {
    if (!tok_in(c, i, WL_CHANNEL_CUES)) {
      assert(!tok_is(c, i, "on") && !tok_is(c, i, "via") &&
             !tok_is(c, i, "in") && !tok_is(c, i, "told") &&
             !tok_is(c, i, "tells"));
      continue;
    }
    if ((tok_is(c, i, "on") || tok_is(c, i, "via")) && is_cap(c, i + 1) &&
        (tok_in(c, i + 1, WL_PLATFORMS) ||
         (i > 0 && (tok_in(c, i - 1, WL_POST_WORDS) ||
                    (verb_flags(c, i - 1) & V_QUOTE)))) &&
        !calendar_word(c, i + 1)) {
      size_t j = cap_run(c, i + 1, b);
      return cw_arena_strndup(c->an->arena, c->text + c->t[i + 1].start,
                              c->t[j - 1].end - c->t[i + 1].start);
    }
    if (tok_is(c, i, "in") && i + 2 < b && tok_in(c, i + 1, WL_NP_DET)) {
      size_t j = i + 2;
      while (j < b && j < i + 5 && is_word(c, j) &&
             !tok_in(c, j, WL_MEDIUM_WORDS))
        j++;
      if (j < b && tok_in(c, j, WL_MEDIUM_WORDS) && !found) {
        if (tok_is(c, j, "post") || tok_is(c, j, "tweet"))
          continue; /* "in a post on X": keep looking for the platform */
        if (tok_is(c, j, "release"))
          found = "press release";
        else if (tok_is(c, j, "conference"))
          found = "press conference";
        else
          found = cw_arena_strndup(c->an->arena, c->text + c->t[j].start,
                                   c->t[j].end - c->t[j].start);
      }
    }
    /* "told the news agency": the agency named before */
    if ((tok_is(c, i, "told") || tok_is(c, i, "tells")) &&
        tok_is(c, i + 1, "the")) {
      for (size_t j = i + 2; j < b && j < i + 5 && is_word(c, j); j++)
        if (is_media_noun(c, j)) {
          const char *m = medium_named_before(c, i);
          if (m)
            return m;
          break;
        }
    }
    if ((tok_is(c, i, "told") || tok_is(c, i, "tells")) && is_cap(c, i + 1)) {
      size_t j = cap_run(c, i + 1, b);
      size_t k = mention_at(c, c->t[i + 1].start);
      if (k < c->nm && c->m[k].start == c->t[i + 1].start &&
          c->an->entities[c->m[k].ent].type == CW_ENT_PERSON)
        continue;
      return cw_arena_strndup(c->an->arena, c->text + c->t[i + 1].start,
                              c->t[j - 1].end - c->t[i + 1].start);
    }
  }
  return found;
}

/* End of a channel search window starting near token i, within lim. */
static size_t window_end(size_t i, size_t lim) {
  return i + CHANNEL_WINDOW < lim ? i + CHANNEL_WINDOW : lim;
}

/* ---- output -------------------------------------------------------------- */

/* Token i is a person's age set off by commas: "Jane Roe, 56, who". */
static int age_apposition(const qctx *c, size_t i) {
  return i > 1 && c->t[i].kind == CW_TOK_NUMBER &&
         c->t[i].end - c->t[i].start <= 3 && tok_pc(c, i - 1, PC_COMMA) &&
         tok_pc(c, i + 1, PC_COMMA) && is_word(c, i - 2);
}

/* The noun phrase a relative pronoun at token r stands for, when no entity
 * was found for it: "the aides, who said ..." are "the aides", "a woman
 * who ..." is "a woman". Returns 0 for "all of whom" (the group is further
 * back) and when no noun phrase comes just before. */
static int relative_antecedent(const qctx *c, size_t r, size_t *s, size_t *e) {
  if (r == 0 || tok_is(c, r - 1, "of"))
    return 0;
  size_t b = tok_pc(c, r - 1, PC_COMMA) ? r - 1 : r;
  /* "Jane Roe, 56, who ...": the name before the age */
  if (b >= 3 && age_apposition(c, b - 1))
    b -= 2;
  size_t k = b;
  while (k > 0 && b - k < 4 && np_tok(c, k - 1) && c->t[k - 1].in_quote < 0 &&
         c->t[k - 1].sent == c->t[r].sent) {
    k--;
    if (tok_in(c, k, WL_NP_DET))
      break;
  }
  if (k == b)
    return 0;
  *s = c->t[k].start;
  *e = c->t[b - 1].end;
  return 1;
}

/* The speaker's name: its entity's, else the words of its span; a
 * relative pronoun is named by what it stands for (the span stays the
 * pronoun's, the mention attributed), or not at all. *name is NULL when
 * none; returns CW_ERR_NOMEM when a copy failed. */
static cw_status speaker_name(const qctx *c, const speaker *sp,
                              const char **name) {
  *name = NULL;
  if (!sp)
    return CW_OK;
  if (sp->ent >= 0) {
    *name = c->an->entities[sp->ent].name;
    return CW_OK;
  }
  if (sp->e <= sp->s)
    return CW_OK;
  size_t s = sp->s, e = sp->e;
  /* a relative pronoun is at most PRONOUN_MAX bytes */
  size_t r = e - s <= PRONOUN_MAX ? token_at(c, s) : c->nt;
  assert(r < c->nt ||
         (!short_word_at(c, s, e, "who") && !short_word_at(c, s, e, "whom") &&
          !short_word_at(c, s, e, "which")));
  if (r < c->nt && c->t[r].start == s && c->t[r].end == e &&
      (tok_is(c, r, "who") || tok_is(c, r, "whom") || tok_is(c, r, "which")) &&
      !relative_antecedent(c, r, &s, &e))
    return CW_OK;
  *name = cw_arena_strndup(c->an->arena, c->text + s, e - s);
  return *name ? CW_OK : CW_ERR_NOMEM;
}

/* Adds to ex (room for BOUND_MAX, *n used) the entities named outside
 * quotes in bytes [lo, hi), looking at BOUND_SCAN_MAX mentions at most. */
static void named_between(const qctx *c, size_t lo, size_t hi, long *ex,
                          size_t *n) {
  size_t k = mention_at(c, lo);
  for (size_t seen = 0; k < c->nm && c->m[k].start < hi &&
                        seen < BOUND_SCAN_MAX && *n < BOUND_MAX;
       k++, seen++)
    if (!ent_in(c->m[k].ent, ex, *n) && !pos_in_quote(c, c->m[k].start))
      ex[(*n)++] = c->m[k].ent;
}

/* Words opening a clause that is part of another: "though she said ...,
 * Roe left". */
static const char *const subordinators[] = {
    "though", "although", "while", "whereas", "as",     "when",  "after",
    "before", "because",  "since", "if",      "unless", "until", NULL};

/* Words after a comma that open another clause: "she said ..., but Roe
 * left". */
static const char *const clause_links[] = {
    "and",    "but",      "or",     "yet",   "so",    "while",  "whereas",
    "though", "although", "as",     "when",  "after", "before", "because",
    "since",  "if",       "unless", "until", NULL};

/* End (a token) of the clause a pronoun at token k is the subject of: its
 * sentence's end, a semicolon, a comma before another clause, or the
 * first comma when a subordinator opens the pronoun's clause ("As he
 * arrived, Roe left"); CLAUSE_MAX tokens at most. Commas inside quotes do
 * not count. */
static size_t pronoun_clause_end(const qctx *c, size_t k) {
  size_t se = c->sent_end[c->t[k].sent];
  if (se > k + CLAUSE_MAX)
    se = k + CLAUSE_MAX;
  int sub = k > 0 && c->t[k - 1].sent == c->t[k].sent &&
            tok_in(c, k - 1, WL_SUBORDINATORS);
  for (size_t i = k + 1; i < se; i++) {
    if (c->t[i].in_quote >= 0)
      continue;
    if (tok_pc(c, i, PC_SEMI))
      return i;
    if (tok_pc(c, i, PC_COMMA) && (sub || tok_in(c, i + 1, WL_CLAUSE_LINKS)))
      return i;
  }
  return se;
}

/* A pronoun speaker is nobody named in its own clause: in "he said he was
 * disappointed in Roe", "Roe said, he added" or "his criticism of Roe"
 * the pronoun is not Roe (a name there would be "himself" or the pronoun
 * again). When the referent of a pronoun speaker is named in the content
 * [ts, te) or after the pronoun in its clause (outside quotes), the
 * pronoun is resolved again without the entities named there. */
static void unbind_speaker(const qctx *c, size_t ts, size_t te, speaker *sp) {
  if (sp->ent < 0 || sp->e <= sp->s)
    return;
  /* the pronouns below are at most PRONOUN_MAX bytes: a longer span (a
   * name) is none of them */
  if (sp->e - sp->s > PRONOUN_MAX) {
    assert(!short_word_at(c, sp->s, sp->e, "he") &&
           !short_word_at(c, sp->s, sp->e, "she") &&
           !short_word_at(c, sp->s, sp->e, "they") &&
           !short_word_at(c, sp->s, sp->e, "their") &&
           !short_word_at(c, sp->s, sp->e, "it") &&
           !short_word_at(c, sp->s, sp->e, "its") &&
           !short_word_at(c, sp->s, sp->e, "his") &&
           !short_word_at(c, sp->s, sp->e, "her"));
    return;
  }
  size_t k = token_at(c, sp->s);
  if (k >= c->nt || c->t[k].start != sp->s || c->t[k].end != sp->e)
    return;
  cw_entity_type want = CW_ENT_PERSON, alt = CW_ENT_UNKNOWN;
  int it = 0;
  if (tok_is(c, k, "they") || tok_is(c, k, "their"))
    want = CW_ENT_ORG, alt = CW_ENT_PERSON;
  else if (tok_is(c, k, "it") || tok_is(c, k, "its"))
    want = CW_ENT_ORG, it = 1;
  else if (!tok_in(c, k, WL_PRON_PERSON) && !tok_is(c, k, "his") &&
           !tok_is(c, k, "her"))
    return;
  long ex[BOUND_MAX];
  size_t n = 0;
  size_t ce = pronoun_clause_end(c, k);
  /* the clause ends the content that follows the pronoun */
  size_t cb = ce > k + 1 ? c->t[ce - 1].end : sp->e;
  named_between(c, ts, ts >= sp->e && te > cb ? cb : te, ex, &n);
  named_between(c, sp->e, cb, ex, &n);
  if (!ent_in(sp->ent, ex, n))
    return;
  size_t ms = 0, me = 0;
  sp->ent = referent_except(c, sp->s, want, alt, ex, n, it, &ms, &me);
}

static int ly_adverb(const qctx *c, size_t i);

/* A report withheld or denied: "has not said", "did not immediately
 * say", "wouldn't say", "has yet to say", "never said", "cannot say".
 * The first token of the verb group of the cue verb at token v, from its
 * auxiliary, when a negation comes before v so; else v. */
static size_t withheld_from(const qctx *c, size_t v) {
  size_t first = c->sent_first[c->t[v].sent], k = v;
  while (k > first && v - k < 2 && ly_adverb(c, k - 1))
    k--;
  if (k < first + 2)
    return v;
  size_t n = k - 1; /* the negation */
  if (tok_is(c, n, "to") && tok_is(c, n - 1, "yet"))
    n--;
  else if (!tok_is(c, n, "not") && !tok_is(c, n, "never") &&
           !tok_is(c, n, "cannot") &&
           !(c->t[n].kind == CW_TOK_WORD && strlen(c->t[n].w) > 3 &&
             !strcmp(c->t[n].w + strlen(c->t[n].w) - 3, "n't")))
    return v;
  /* its auxiliary: "has not", "would never", "has yet to" */
  if (n > first &&
      (tok_is(c, n - 1, "has") || tok_is(c, n - 1, "have") ||
       tok_is(c, n - 1, "had") || tok_in(c, n - 1, WL_MODAL_WORDS) ||
       tok_is(c, n - 1, "is") || tok_is(c, n - 1, "are") ||
       tok_is(c, n - 1, "was") || tok_is(c, n - 1, "were")) &&
      !tok_is(c, n - 1, "to"))
    n--;
  return n;
}

static cw_status emit(qctx *c, size_t s, size_t e, size_t ts, size_t te,
                      cw_quote_kind kind, const speaker *sp_in, long cue,
                      const char *cue_text, const char *channel) {
  if (c->out.len >= QUOTES_MAX)
    return CW_OK;
  speaker bound, *sp = NULL;
  if (sp_in) {
    bound = *sp_in;
    unbind_speaker(c, ts, te, &bound);
    sp = &bound;
  }
  cw_quote *q = cw_vec_push(&c->out);
  if (!q)
    return CW_ERR_NOMEM;
  q->start = s;
  q->end = e;
  q->kind = kind;
  const char *tp = c->text + ts;
  size_t tn = te > ts ? te - ts : 0;
  cw_trim(&tp, &tn);
  q->text = cw_arena_strndup(c->an->arena, tp, tn);
  q->speaker_entity = sp ? sp->ent : -1;
  q->speaker_start = sp ? sp->s : 0;
  q->speaker_end = sp ? sp->e : 0;
  if (speaker_name(c, sp, &q->speaker) != CW_OK)
    return CW_ERR_NOMEM;
  if (cue >= 0) {
    /* "has not said whether ...": the negation belongs to the cue, and
     * tells a withheld report from words (cw_quote_is_utterance()) */
    size_t cf =
        kind == CW_QUOTE_INDIRECT ? withheld_from(c, (size_t)cue) : (size_t)cue;
    q->cue = cw_arena_strndup(c->an->arena, c->text + c->t[cf].start,
                              c->t[cue].end - c->t[cf].start);
  } else if (cue_text)
    q->cue = cue_text;
  q->channel = channel;
  if (!q->text || (cue >= 0 && !q->cue))
    return CW_ERR_NOMEM;
  return CW_OK;
}

/* ---- pass 2: direct and partial quotes -------------------------------- */

typedef struct attr {
  speaker sp;
  long cue;
  const char *channel;
  int found;
} attr;

/* Tokens of sentence s: [first, end). */
static size_t sent_first(const qctx *c, size_t i) {
  return c->sent_first[c->t[i].sent];
}
static size_t sent_end(const qctx *c, size_t i) {
  return c->sent_end[c->t[i].sent];
}

/* Time words between a subject and its verb: subject_back(). */
static const char *const when_words[] = {
    "week",    "month",     "year",      "weekend", "monday",
    "tuesday", "wednesday", "thursday",  "friday",  "saturday",
    "sunday",  "today",     "yesterday", "tonight", "morning",
    "night",   "afternoon", "evening",   NULL};

/* Months of a date before a verb: subject_back(). */
static const char *const month_words[] = {
    "january", "february",  "march",   "april",    "may",      "june", "july",
    "august",  "september", "october", "november", "december", NULL};

/* Prepositions of such a date. */
static const char *const date_preps[] = {"in",    "since",  "by",
                                         "until", "during", NULL};

/* Nouns in -ly that are no adverb: ly_adverb(). */
static const char *const ly_nouns[] = {
    "family",   "assembly",  "supply", "rally",      "ally",  "reply",
    "monopoly", "anomaly",   "bully",  "belly",      "jelly", "lily",
    "fly",      "butterfly", "homily", "melancholy", NULL};

/* Token i is an adverb in -ly before a verb: "Roe quickly said",
 * "who pointedly refused". */
static int ly_adverb(const qctx *c, size_t i) {
  if (i >= c->nt || c->t[i].kind != CW_TOK_WORD || is_cap(c, i) ||
      c->t[i].end - c->t[i].start <= 4 || tok_in(c, i, WL_LY_NOUNS))
    return 0;
  return memcmp(c->text + c->t[i].end - 2, "ly", 2) == 0;
}

/* Token i is an auxiliary contracted onto a pronoun: "who's called",
 * "he's said", "they've argued". */
static int contracted_aux(const qctx *c, size_t i) {
  if (i == 0 || c->t[i - 1].end != c->t[i].start ||
      !(tok_is(c, i, "'s") || tok_is(c, i, "'ve") || tok_is(c, i, "'d") ||
        tok_is(c, i, "'ll")))
    return 0;
  return tok_is(c, i - 1, "who") || tok_in(c, i - 1, WL_PRON_PERSON) ||
         tok_in(c, i - 1, WL_PRON_GROUP) || tok_in(c, i - 1, WL_PRON_SELF);
}

/* The head of a modifier whose object begins the subject [a, b) (a >
 * from): "aides" of "aides to the minister", "people" of "people close to
 * both men", at or after token from; SIZE_MAX when there is none. */
static size_t modifier_head(const qctx *c, size_t from, size_t a, size_t b) {
  size_t p = a - 1; /* the preposition the subject stopped at */
  int kind;
  if (tok_is(c, p, "by") && p > from + 1 && by_participle(c, p - 1))
    return modifier_at(c, p - 2, b, &kind) == a ? p - 2 : SIZE_MAX;
  if (!tok_in(c, p, WL_MOD_PREPS))
    return SIZE_MAX; /* most subjects stop at no such word */
  size_t h = p - 1;
  if (tok_is(c, p, "of") && p > from + 2 && tok_is(c, p - 1, "knowledge") &&
      tok_is(c, p - 2, "with"))
    h = p - 3;
  else if (p > from + 1 && tok_in(c, p - 1, WL_MOD_WORDS))
    h = p - 2;
  return modifier_at(c, h, b, &kind) == a ? h : SIZE_MAX;
}

/* Token k lies in the mention of a place. */
static int place_tok(const qctx *c, size_t k) {
  if (k >= c->nt || c->t[k].kind == CW_TOK_PUNCT)
    return 0;
  size_t m = mention_at(c, c->t[k].end);
  return m > 0 && c->m[m - 1].start <= c->t[k].start &&
         c->m[m - 1].end >= c->t[k].end &&
         c->an->entities[c->m[m - 1].ent].type == CW_ENT_PLACE;
}

/* Token k may be a place of a list: a place's mention, a capitalised
 * word no mention holds or one no person's ("Dockers in Korsa, Velm and
 * Orsa"). */
static int list_place_tok(const qctx *c, size_t k) {
  if (place_tok(c, k))
    return 1;
  if (k >= c->nt || c->t[k].kind != CW_TOK_WORD || !is_cap(c, k))
    return 0;
  /* or an organisation of one word, as a place of a list may be taken
   * for */
  size_t m = mention_at(c, c->t[k].end);
  return !(m > 0 && c->m[m - 1].end > c->t[k].start) ||
         (c->m[m - 1].start == c->t[k].start &&
          c->m[m - 1].end == c->t[k].end &&
          c->an->entities[c->m[m - 1].ent].type != CW_ENT_PERSON);
}

/* "The former first lady and U.S. senator": the words of a description
 * before "and" at token n, from their article, belong to the subject
 * whose head follows; the first of them, else n + 1. */
static size_t description_before(const qctx *c, size_t from, size_t n) {
  size_t d = n;
  while (d > from && n - d < SUBJ_MAX && c->t[d - 1].kind == CW_TOK_WORD &&
         !is_cap(c, d - 1) && np_tok(c, d - 1) && !tok_in(c, d - 1, WL_NP_DET))
    d--;
  if (d == n || d == from || d + 1 == n ||
      !(tok_is(c, d - 1, "the") || tok_is(c, d - 1, "a") ||
        tok_is(c, d - 1, "an")) ||
      (d - 1 > from && np_tok(c, d - 2)))
    return n + 1;
  return d - 1;
}

/* Tokens i and i + 1 are an adverb of time of two words between a
 * subject and its verb: "so far", "thus far", "as yet", "by now", "until
 * now" ("has so far declined"). */
static inline int time_pair(const qctx *c, size_t i) {
  if (!tok_in(c, i + 1, WL_PAIR_ENDS))
    return 0; /* one bit test for most tokens */
  if (tok_is(c, i + 1, "far"))
    return tok_is(c, i, "so") || tok_is(c, i, "thus");
  if (tok_is(c, i + 1, "now"))
    return tok_is(c, i, "by") || tok_is(c, i, "until");
  return tok_is(c, i + 1, "yet") && tok_is(c, i, "as");
}

/* The first token of the mention that holds token a and starts before it,
 * not before token from ("Chamber of Commerce": a name holds its
 * prepositions), else a. */
static size_t name_start(const qctx *c, size_t from, size_t a) {
  size_t m = mention_at(c, c->t[a].start);
  if (m == 0 || c->m[m - 1].end <= c->t[a].start ||
      c->m[m - 1].start < c->t[from].start)
    return a;
  return token_at_in(c, c->m[m - 1].start, from, a);
}

/* The subject before the verb at token v, not before token from:
 * [*sa, *sb), empty when none. Skips auxiliaries ("has also said") and a
 * bracket just before the verb ("Rep. Trey Gowdy (R-S.C.) said"). */
static void subject_back(const qctx *c, size_t from, size_t v, size_t *sa,
                         size_t *sb) {
  size_t b = v;
  for (int guard = 0; guard < 4; guard++) {
    /* "Roe, who earlier warned ...", "Roe now says ...": adverbs of
     * time are no subject either */
    while (
        b > from &&
        (tok_in(c, b - 1, WL_AUX_WORDS) || ly_adverb(c, b - 1) ||
         tok_is(c, b - 1, "now") || tok_is(c, b - 1, "earlier") ||
         /* "has yet to say" */
         (b > from + 1 && tok_is(c, b - 1, "to") && tok_is(c, b - 2, "yet")) ||
         (b > from && tok_is(c, b - 1, "yet") && tok_is(c, b, "to")) ||
         (b > from + 1 && contracted_aux(c, b - 1)) ||
         /* "has so far declined" */
         (b > from + 2 && time_pair(c, b - 2)) ||
         (b > from + 1 && time_pair(c, b - 1))))
      b--;
    if (b > from && tok_in(c, b - 1, WL_WHEN_WORDS)) {
      b--;
      if (b > from && (tok_is(c, b - 1, "this") || tok_is(c, b - 1, "last") ||
                       tok_is(c, b - 1, "on") || tok_is(c, b - 1, "next") ||
                       tok_in(c, b - 1, WL_WHEN_WORDS)))
        b--;
      continue;
    }
    /* a date after its preposition: "a poll in late August found", "a
     * panel in 2001 found" */
    size_t d = b;
    int day = 0; /* "The board on June 7 urged" */
    if (d > from + 1 && c->t[d - 1].kind == CW_TOK_NUMBER &&
        c->t[d - 1].end - c->t[d - 1].start <= 2 &&
        tok_in(c, d - 2, WL_MONTH_WORDS)) {
      d -= 2;
      day = 1;
    } else if (d > from && (tok_in(c, d - 1, WL_MONTH_WORDS) ||
                            (c->t[d - 1].kind == CW_TOK_NUMBER &&
                             c->t[d - 1].end - c->t[d - 1].start == 4))) {
      d--;
    }
    if (d < b && d > from &&
        (tok_is(c, d - 1, "late") || tok_is(c, d - 1, "early") ||
         tok_is(c, d - 1, "mid")))
      d--;
    if (d < b && d > from + 1 &&
        (tok_in(c, d - 1, WL_DATE_PREPS) || (day && tok_is(c, d - 1, "on")))) {
      b = d - 1;
      continue;
    }
    break;
  }
  if (b > from + 2 && tok_pc(c, b - 1, PC_RPAREN)) {
    size_t k = b - 1;
    while (k > from && b - k < 10 && !tok_pc(c, k, PC_LPAREN))
      k--;
    if (tok_pc(c, k, PC_LPAREN))
      b = k;
  }
  size_t a = b;
  while (a > from && b - a < SUBJ_MAX && c->t[a - 1].in_quote < 0 &&
         np_tok(c, a - 1))
    a--;
  /* "The Velmar Chamber of Commerce estimated": the whole name, and the
   * words before it */
  if (a > from && a < b && is_cap(c, a)) {
    size_t n = name_start(c, from, a);
    if (n < a) {
      a = n;
      while (a > from && b - a < 2 * SUBJ_MAX && c->t[a - 1].in_quote < 0 &&
             np_tok(c, a - 1))
        a--;
    }
  }
  /* "Consumer groups in Ireland and the Netherlands said": the source is
   * the noun before a list of places (below), named or not ("Dockers in
   * Korsa, Velm and Orsa") */
  int listed = a > from + 3 && a < b &&
               (tok_is(c, a - 1, "and") || tok_is(c, a - 1, "or"));
  for (size_t k = a; k < b && listed; k++)
    listed = list_place_tok(c, k) || (k + 1 < b && tok_is(c, k, "the"));
  if (listed) {
    size_t p = a - 1;
    while (p > from + 1 && a - p < 8 &&
           (list_place_tok(c, p - 1) || tok_is(c, p - 1, "the") ||
            tok_is(c, p - 1, "and") || tok_pc(c, p - 1, PC_COMMA)))
      p--;
    /* some place is named: "officials from Kelvar and Brannic" may be
     * the companies' */
    int places = 0;
    for (size_t k = p; k < b && !places; k++)
      places = place_tok(c, k);
    if (p > from + 1 && p < a - 1 && list_place_tok(c, p) && places &&
        (tok_is(c, p - 1, "in") || tok_is(c, p - 1, "from")) &&
        np_tok(c, p - 2) && !place_tok(c, p - 2)) {
      b = p - 1;
      a = b;
      while (a > from && b - a < SUBJ_MAX && c->t[a - 1].in_quote < 0 &&
             np_tok(c, a - 1))
        a--;
    }
  }
  /* "Lawmakers in Estrava said": the source is the noun before the
   * place; "the Halden Bridge in Korsa voted": no name of a place is a
   * subject */
  if (a > from + 1 && a < b &&
      (tok_is(c, a - 1, "in") || tok_is(c, a - 1, "from"))) {
    size_t m = mention_at(c, c->t[a].start);
    if (m < c->nm && c->m[m].start == c->t[a].start &&
        c->m[m].end >= c->t[b - 1].end &&
        (c->an->entities[c->m[m].ent].type == CW_ENT_PLACE ||
         (c->an->entities[c->m[m].ent].type == CW_ENT_ORG &&
          tok_is(c, a - 1, "in")))) {
      size_t n = mention_at(c, c->t[a - 2].end);
      int named = n > 0 && c->m[n - 1].start <= c->t[a - 2].start &&
                  c->m[n - 1].end >= c->t[a - 2].end;
      if (!named || tok_in(c, a - 2, WL_SOURCE_NOUNS)) {
        b = a - 1;
        a = b;
        while (a > from && b - a < SUBJ_MAX && c->t[a - 1].in_quote < 0 &&
               np_tok(c, a - 1))
          a--;
      } else {
        a = b;
      }
    }
  }
  /* "The former first lady and U.S. senator said": one person described
   * twice */
  if (a > from + 2 && a + 1 < b && tok_is(c, a - 1, "and") &&
      c->t[b - 1].kind == CW_TOK_WORD && !is_cap(c, b - 1)) {
    size_t d = description_before(c, from, a - 1);
    if (d < a)
      a = d;
  }
  /* "Aides to the minister said", "people close to both men said", "Tom
   * Berg of the union said": the head and its modifier are one subject
   * (resolve_subject() tells whose words they are) */
  for (int n = 0; n < 2 && a < b && a > from + 1; n++) {
    size_t h = modifier_head(c, from, a, b);
    if (h == SIZE_MAX)
      break;
    size_t a2 = h + 1;
    /* "Vesk said aides to the minister called": not past a verb that
     * reports this clause */
    while (a2 > from && h + 1 - a2 < SUBJ_MAX && c->t[a2 - 1].in_quote < 0 &&
           np_tok(c, a2 - 1) &&
           !(a2 <= h &&
             (verb_flags(c, a2 - 1) & (V_QUOTE | V_CLAUSE | V_THAT | V_OBJ))))
      a2--;
    if (a2 > h)
      break;
    a = a2;
  }
  *sa = a;
  *sb = b;
}

/* The name after a dash that closes a quote ("..." - Edwin Monroy):
 * returns 1 and fills at when the rest of the line is a short name. */
static int attr_dash(qctx *c, size_t i, size_t lim, attr *at) {
  if (!is_dash(c, i))
    return 0;
  size_t e = i + 1;
  while (e < lim && e < i + 1 + SUBJ_MAX && np_tok(c, e) &&
         c->t[e].para == c->t[i].para)
    e++;
  if (e == i + 1 || !is_cap(c, i + 1))
    return 0;
  resolve_subject(c, i + 1, e, 0, &at->sp);
  at->found = at->sp.e > at->sp.s;
  return at->found;
}

static int participle(const qctx *c, size_t v);
static int new_subject(const qctx *c, size_t i, size_t be);

/* Attribution after a closing mark at token ct. */
static int attr_after(qctx *c, size_t ct, attr *at) {
  size_t i = ct + 1, lim = sent_end(c, ct);
  /* `." He said` may be split: allow the next sentence when it is short */
  if (i < c->nt && i >= lim && c->t[i].para == c->t[ct].para) {
    lim = sent_end(c, i);
    if (lim - i > 10)
      return 0;
  }
  if (i < c->nt && c->t[i].para != c->t[ct].para)
    return 0;
  if (attr_dash(c, i, lim, at))
    return 1;
  if (i < lim && (tok_pc(c, i, PC_COMMA) || is_dash(c, i)))
    i++;
  /* `"..." and said ...`: the subject of the sentence said it, this is
   * no attribution after the quote */
  if (tok_is(c, i, "and") || tok_is(c, i, "but"))
    return 0;
  /* `"do what is necessary" to bring ...`: the sentence goes on, and
   * only an attribution after a comma ends it (`"..." to drive up the
   * price, she said`) */
  int goes_on = tok_is(c, i, "to");
  size_t s0 = i;
  /* the first comma after s0: "Alan Cole, an economist at X, said" */
  size_t comma = 0;
  int depth = 0; /* inside "(D-Wis.)" a dot ends nothing */
  for (; i < lim && i < s0 + ATTR_AFTER_MAX; i++) {
    if (c->t[i].mark && c->t[i].can_open)
      break;
    if (tok_pc(c, i, PC_LPAREN))
      depth++;
    else if (tok_pc(c, i, PC_RPAREN) && depth > 0)
      depth--;
    if (is_terminal(c, i) && !depth)
      break;
    if (tok_pc(c, i, PC_COMMA) && !comma)
      comma = i;
    /* `"..." if prices did not ease, but he declined to say ...`: a
     * clause of its own, whose verb is no attribution of the quote */
    if (tok_pc(c, i, PC_COMMA) &&
        (tok_is(c, i + 1, "but") || tok_is(c, i + 1, "and")))
      return 0;
    int f = verb_flags(c, i);
    if (!(f & V_QUOTE) || tok_is(c, i - 1, "to"))
      continue;
    /* `"...," adding that ...`: a participle with no subject of its own
     * continues the sentence of the speaker named before the quote */
    if (i == s0 && participle(c, i))
      return 0;
    size_t sa = s0, sb = i;
    if (goes_on) {
      size_t k = i;
      while (k > s0 && i - k < 6 && !tok_pc(c, k - 1, PC_COMMA))
        k--;
      if (k == s0 || !tok_pc(c, k - 1, PC_COMMA))
        return 0;
      sa = s0 = k;
      comma = 0;
    }
    at->cue = (long)i;
    while (sb > sa && tok_in(c, sb - 1, WL_AUX_WORDS))
      sb--;
    speaker ap;
    if (comma && comma > s0 && comma < sb) {
      /* `"...," the foundation's director, Willem Ostrand, said`: a
       * description with a common noun for head, then its person's name
       * alone up to the comma before the verb */
      if (sb > comma + 2 && tok_pc(c, sb - 1, PC_COMMA) &&
          c->t[comma - 1].kind == CW_TOK_WORD && !is_cap(c, comma - 1) &&
          resolve_subject(c, comma + 1, sb - 1, 1, &ap) && ap.ent >= 0 &&
          c->an->entities[ap.ent].type == CW_ENT_PERSON &&
          ap.s == c->t[comma + 1].start && ap.e == c->t[sb - 2].end) {
        at->cue = (long)i;
        at->sp = ap;
        at->channel = find_channel(c, s0, window_end(i, lim));
        at->found = 1;
        return 1;
      }
      sb = comma; /* the name before its apposition */
    }
    if (sb > sa) {
      if (!comma || comma >= i) {
        size_t a2, b2;
        subject_back(c, s0, sb, &a2, &b2);
        if (b2 > a2)
          sa = a2, sb = b2;
      }
      resolve_subject(c, sa, sb, 1, &at->sp);
    } else {
      /* said the Kremlin spokesperson Dmitry Peskov, said two people
       * familiar with the talks */
      size_t e = subject_end(c, i + 1, lim);
      resolve_subject(c, i + 1, e, 0, &at->sp);
    }
    at->channel = find_channel(c, s0, window_end(i, lim));
    at->found = 1;
    return 1;
  }
  return 0;
}

/* Attribution before an opening mark at token ot, within its sentence
 * (from token from on). */
static void sentence_subject(const qctx *c, size_t a, size_t v, speaker *sp);
static int appos_subject(const qctx *c, size_t a, size_t v);

static int attr_before(qctx *c, size_t from, size_t ot, attr *at) {
  size_t lo = ot > ATTR_BEFORE_MAX ? ot - ATTR_BEFORE_MAX : 0;
  if (lo < from)
    lo = from;
  for (size_t i = ot; i > lo;) {
    i--;
    if (c->t[i].in_quote >= 0)
      break;
    int f = verb_flags(c, i);
    /* "going to read you the question: "..."": reading out is no
     * attribution before a quote ("..., the letter read." is one after) */
    if (tok_is(c, i, "read"))
      f = 0;
    if (!(f & (V_QUOTE | V_PARTIAL))) {
      if (tok_in(c, i, WL_ACCORDING) && tok_is(c, i + 1, "to")) {
        size_t e = i + 2;
        while (e < ot && is_word(c, e))
          e++;
        resolve_subject(c, i + 2, e, 0, &at->sp);
        at->cue = (long)i;
        at->found = 1;
        return 1;
      }
      continue;
    }
    at->cue = (long)i;
    /* subject: back from the verb to the clause start */
    size_t sa, sb;
    subject_back(c, from, i, &sa, &sb);
    if (sa < sb)
      resolve_subject(c, sa, sb, 1, &at->sp);
    else if (f & V_QUOTE) {
      /* "Scary," wrote Musk: subject after the verb; but a clause after
       * it ("Rehn, whose sister died, said the minister had "..."") has
       * its own subject, and the speaker is the sentence's, before its
       * apposition */
      size_t e = i + 1;
      while (e < ot && (tok_in(c, e, WL_DAY_WORDS) || ly_adverb(c, e)))
        e++;
      if ((e == ot || tok_pc(c, e, PC_COMMA) || tok_pc(c, e, PC_COLON)) &&
          i > from + 1 &&
          (tok_pc(c, i - 1, PC_COMMA) || tok_is(c, i - 1, "while") ||
           tok_is(c, i - 1, "and") || tok_is(c, i - 1, "then"))) {
        /* "Roe attacked the levy, saying, "..."", "... while chanting,
         * "...", "Roe said, adding later, "..."": the verb has no subject
         * of its own, the sentence's speaks, from the last clause with a
         * subject ("When ..., I laughed and said, "..."") */
        size_t st = from;
        for (size_t k = i - 1; k > from + 1; k--)
          if (tok_pc(c, k - 1, PC_COMMA) && k < i - 1 && new_subject(c, k, i)) {
            st = k;
            break;
          }
        sentence_subject(c, st, i, &at->sp);
      } else {
        e = i + 1;
        while (e < ot && np_tok(c, e) && !tok_in(c, e, WL_AUX_WORDS))
          e++;
        if (e < ot && is_word(c, e)) {
          if (appos_subject(c, from, i))
            sentence_subject(c, from, i, &at->sp);
        } else {
          resolve_subject(c, i + 1, e, 0, &at->sp);
        }
      }
    }
    at->channel = find_channel(c, i, ot);
    at->found = 1;
    return 1;
  }
  return 0;
}

static cw_status direct_quotes(qctx *c) {
  speaker prev_sp = {-1, 0, 0};
  long prev_q = -1;
  size_t prev_para = 0;
  cw_status st = CW_OK;
  for (size_t q = 0; q < c->nrq && st == CW_OK; q++) {
    rawq *r = &c->rq[q];
    size_t ot = r->ot, ct = r->ct;
    size_t sf = sent_first(c, ot);
    /* what precedes the mark in its sentence, outside other quotes */
    size_t bf = sf;
    for (size_t i = ot; i > sf; i--)
      if (c->t[i - 1].in_quote >= 0) {
        bf = i;
        break;
      }
    int at_start = bf == ot || (ot > sf && c->t[ot - 1].in_quote >= 0);
    int intro = ot > 0 && !at_start &&
                (tok_pc(c, ot - 1, PC_COLON) || tok_pc(c, ot - 1, PC_COMMA) ||
                 is_dash(c, ot - 1));
    size_t words = 0;
    int inner_term = 0;
    for (size_t i = ot + 1; i < ct; i++) {
      if (is_word(c, i))
        words++; /* no punctuation: neither terminal nor a comma */
      else if (!inner_term && (is_terminal(c, i) || tok_pc(c, i, PC_COMMA)))
        inner_term = 1;
    }
    /* a short run of title-case words is a title ("State of the Union.",
     * "A Change Is Gonna Come,"), not somebody's words */
    int title = words > 0 && words <= 6;
    for (size_t i = ot + 1; title && i < ct; i++)
      if (is_word(c, i) && !is_cap(c, i) && !(c->t[i].kind == CW_TOK_NUMBER) &&
          !tok_in(c, i, WL_TITLE_SMALL))
        title = 0;
    attr at = {{-1, 0, 0}, -1, NULL, 0};
    if (r->closed)
      attr_after(c, ct, &at);
    if (!at.found)
      attr_before(c, bf, ot, &at);
    /* a colon at the end of the previous sentence: Musk wrote: \n "..." */
    if (!at.found && at_start && sf > 0 && tok_pc(c, sf - 1, PC_COLON)) {
      size_t pf = sent_first(c, sf - 1);
      attr_before(c, pf, sf - 1, &at);
    }
    cw_quote_kind kind;
    if (at_start || intro)
      kind = words >= 3 || inner_term ? CW_QUOTE_DIRECT : CW_QUOTE_PARTIAL;
    else if (inner_term && words >= 4 && is_cap(c, ot + 1) && at.found)
      kind = CW_QUOTE_DIRECT;
    else
      kind = CW_QUOTE_PARTIAL;
    if (kind == CW_QUOTE_DIRECT && !at.found && at_start && words < 4 &&
        !inner_term)
      kind = CW_QUOTE_PARTIAL;
    if (title && !at_start)
      kind = CW_QUOTE_PARTIAL;
    /* following quote paragraph with no attribution of its own */
    if (!at.found && kind == CW_QUOTE_DIRECT && prev_q >= 0 &&
        c->t[ot].para <= prev_para + INHERIT_MAX_PARAS) {
      at.sp = prev_sp;
    }
    /* an unclosed quote whose paragraph continues into the next: take the
     * speaker of the continuation when it has one */
    if (!at.found && !r->closed && q + 1 < c->nrq &&
        c->t[c->rq[q + 1].ot].para == c->t[ot].para + 1) {
      attr nx = {{-1, 0, 0}, -1, NULL, 0};
      if (c->rq[q + 1].closed && attr_after(c, c->rq[q + 1].ct, &nx) &&
          nx.sp.e > nx.sp.s)
        at.sp = nx.sp;
    }
    size_t s = c->t[ot].start, e = c->t[ct].end;
    size_t ts = c->t[ot].end, te = r->closed ? c->t[ct].start : e;
    /* the speaker kept for the quotes after this one: emit() checks it
     * the same way */
    unbind_speaker(c, ts, te, &at.sp);
    st = emit(c, s, e, ts, te, kind, &at.sp, at.cue, NULL, at.channel);
    r->partial_cue = kind == CW_QUOTE_PARTIAL && !title ? at.cue : -1;
    r->sp = at.sp;
    if (at.cue >= 0 && kind == CW_QUOTE_DIRECT)
      c->t[at.cue].used = 1;
    if (kind == CW_QUOTE_DIRECT) {
      if (at.sp.e > at.sp.s || at.sp.ent >= 0)
        prev_sp = at.sp;
      prev_q = (long)q;
      prev_para = c->t[ct].para;
    }
  }
  return st;
}

/* Words after a verb that place an act rather than report it: "spoke in
 * a cottage", "sat at the front", "was backed by". */
static const char *const place_words[] = {
    "in", "at",      "from", "during", "into",  "after",   "before",
    "by", "near",    "as",   "since",  "until", "while",   "when",
    "if", "because", "off",  "down",   "over",  "through", NULL};

/* Irregular past forms that report a stance or an act of a source, and
 * the pasts in "-eed" of verbs in "-ee" (finite_verb() takes no other
 * word in "-eed" for a past: "need", "proceed", "succeed"). */
static const char *const irregular_past[] = {
    "made",   "gave",      "took",    "sent",    "saw",        "knew",
    "met",    "sought",    "put",     "laid",    "held",       "threw",
    "won",    "lost",      "brought", "kept",    "spent",      "began",
    "chose",  "drew",      "wrote",   "spoke",   "told",       "thought",
    "agreed", "disagreed", "freed",   "decreed", "guaranteed", "refereed",
    NULL};

/* Words after a subject that are no verb of the subject. */
static const char *const not_verb[] = {
    "s",       "'s",       "who",        "which",   "that",      "and",
    "or",      "but",      "as",         "is",      "was",       "has",
    "does",    "news",     "its",        "this",    "his",       "press",
    "boss",    "plus",     "across",     "always",  "us",        "mass",
    "less",    "unless",   "perhaps",    "towards", "sometimes", "itself",
    "himself", "herself",  "themselves", "yes",     "alas",      "whereas",
    "class",   "business", "congress",   "campus",  "status",    "focus",
    "bus",     "gas",      "hundred",    "sacred",  "naked",     "wicked",
    "kindred", NULL};

/* Verbs of events and motion: what their subject did is no report; nor
 * is a role or a state, what a relative clause says of a speaker ("Tom
 * Berg, who leads the union, said"), or a charge the subject faces. */
static const char *const event_verbs[] = {
    "lost",     "won",     "died",     "killed",   "helped",     "visited",
    "entered",  "moved",   "worked",   "lived",    "owned",      "married",
    "boarded",  "arrived", "returned", "grew",     "fell",       "rose",
    "stood",    "sat",     "ran",      "walked",   "traveled",   "travelled",
    "flew",     "drove",   "left",     "came",     "went",       "happened",
    "occurred", "started", "ended",    "finished", "graduated",  "earned",
    "bought",   "sold",    "paid",     "lives",    "works",      "runs",
    "comes",    "goes",    "dies",     "wins",     "loses",      "heads",
    "headed",   "use",     "uses",     "used",     "includes",   "included",
    "include",  "remains", "remained", "became",   "becomes",    "seemed",
    "leads",    "led",     "chairs",   "chaired",  "represents", "represented",
    "oversees", "oversaw", "manages",  "managed",  "owns",       "serves",
    "served",   "sits",    "founded",  "teaches",  "taught",     "employs",
    "employed", "faces",   "faced",    NULL};

/* Verbs of meeting people and of naming them to a post: what their
 * subject did with people, an event and no report ("Kolva met leaders of
 * the union", "named Pieter Walsch to lead talks"); verbs all the same
 * (finite_verb()), where a subject ends. */
static const char *const people_acts[] = {
    "met",     "meets",     "named",     "appointed", "appoints",
    "hired",   "hires",     "nominated", "nominates", "invited",
    "invites", "recruited", NULL};

/* Token i looks like a finite verb: a past in -ed (not in -eed: "need",
 * "feed", "proceed", "exceed" are no pasts), a present in -s, or an
 * irregular past (with "agreed", "freed"). */
static int finite_verb(const qctx *c, size_t i) {
  if (i >= c->nt)
    return 0;
  const qtok *t = &c->t[i];
  /* a word in lower case, neither in not_verb[] nor in event_verbs[] */
  if (t->kind != CW_TOK_WORD || (t->flags & CW_TOKF_CAP) ||
      (t->lists &
       (((uint64_t)1 << WL_NOT_VERB) | ((uint64_t)1 << WL_EVENT_VERBS))))
    return 0;
  if (tok_in(c, i, WL_IRREGULAR_PAST))
    return 1;
  size_t n = c->t[i].end - c->t[i].start;
  const char *w = c->text + c->t[i].start;
  if (n > 3 && memcmp(w + n - 2, "ed", 2) == 0)
    return w[n - 3] != 'e';
  return n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' &&
         w[n - 2] != 'i';
}

/* ---- pass 3: reported speech -------------------------------------------- */

/* Words that open no reported clause: clause_start(). */
static const char *const clause_bad[] = {
    "to",         "by",         "in",        "on",       "at",      "for",
    "with",       "about",      "of",        "from",     "and",     "but",
    "or",         "so",         "as",        "after",    "before",  "during",
    "is",         "was",        "were",      "are",      "has",     "had",
    "have",       "be",         "been",      "goodbye",  "hello",   "yes",
    "no",         "nothing",    "something", "anything", "more",    "much",
    "little",     "otherwise",  "thanks",    "sorry",    "monday",  "tuesday",
    "wednesday",  "thursday",   "friday",    "saturday", "sunday",  "yesterday",
    "today",      "tonight",    "tomorrow",  "last",     "earlier", "later",
    "previously", "repeatedly", "recently",  "publicly", "also",    NULL};

/* Whether token i of a sentence may start a reported clause. */
static int clause_start(const qctx *c, size_t i, size_t lim) {
  if (i >= lim || !is_word(c, i))
    return 0;
  /* "said about 20 people had ...": a number's "about" opens a subject */
  if (tok_is(c, i, "about") && i + 2 < lim &&
      c->t[i + 1].kind == CW_TOK_NUMBER && is_word(c, i + 2))
    return 1;
  /* "said at least 40 ships were ...": a quantity opens the subject */
  if (tok_is(c, i, "at") &&
      (tok_is(c, i + 1, "least") || tok_is(c, i + 1, "most")) && i + 3 < lim &&
      (c->t[i + 2].kind == CW_TOK_NUMBER || tok_is(c, i + 2, "a") ||
       tok_is(c, i + 2, "one") || tok_is(c, i + 2, "two") ||
       tok_is(c, i + 2, "three") || tok_is(c, i + 2, "half")))
    return 1;
  return !tok_in(c, i, WL_CLAUSE_BAD);
}

/* Token j of a sentence ending at lim opens a subject that is a quantity,
 * its verb a few tokens on: "more than a dozen ships had ...", "nothing
 * had changed", "much of the bridge was ..."; not "little about the
 * levy", "little about how ... would", "nothing of the sort", "much the
 * same" (a quantity of words, no clause). */
static int quantity_subject(const qctx *c, size_t j, size_t lim) {
  if (!(tok_is(c, j, "more") || tok_is(c, j, "less") || tok_is(c, j, "fewer") ||
        tok_is(c, j, "much") || tok_is(c, j, "little") ||
        tok_is(c, j, "nothing")))
    return 0;
  size_t k = j + 1;
  if (tok_is(c, k, "than") || tok_is(c, k, "of"))
    k++;
  for (; k < lim && k < j + 12; k++) {
    /* an auxiliary or a past, not a plural noun in -s ("vessels") */
    if (tok_in(c, k, WL_PERFECT_WORDS) ||
        (tok_in(c, k, WL_MODAL_WORDS) && !tok_is(c, k, "to")) ||
        (finite_verb(c, k) && c->text[c->t[k].end - 1] != 's'))
      return 1;
    if (!np_tok(c, k) || c->t[k].in_quote >= 0 || tok_is(c, k, "about") ||
        tok_in(c, k, WL_WH_WORDS))
      return 0;
  }
  return 0;
}

/* Drops the final punctuation of [a, b): the end token. */
static size_t trim_end(const qctx *c, size_t a, size_t b) {
  while (b > a && c->t[b - 1].kind == CW_TOK_PUNCT &&
         !(c->t[b - 1].mark && c->t[b - 1].can_close))
    b--;
  return b;
}

/* Time and manner words after a verb: skip_adjuncts(). */
static const char *const day_words[] = {
    "monday",   "tuesday",    "wednesday", "thursday",   "friday",
    "saturday", "sunday",     "yesterday", "today",      "tonight",
    "recently", "repeatedly", "publicly",  "privately",  "also",
    "earlier",  "later",      "again",     "previously", NULL};

/* Skips time and manner words after a verb: "on Thursday", "Monday",
 * "in a statement", "in an interview with CNN", "last week". */
static size_t skip_adjuncts(const qctx *c, size_t i, size_t lim) {
  for (int guard = 0; guard < 4 && i < lim; guard++) {
    if (tok_is(c, i, "via") && i + 1 < lim) {
      i += 2;
      continue;
    }
    if (tok_in(c, i, WL_DAY_WORDS)) {
      i++;
      if (tok_is(c, i, "morning") || tok_is(c, i, "night") ||
          tok_is(c, i, "afternoon") || tok_is(c, i, "evening"))
        i++;
      continue;
    }
    if (tok_pc(c, i, PC_COMMA)) {
      i++;
      continue;
    }
    if ((tok_is(c, i, "last") || tok_is(c, i, "this")) &&
        (tok_is(c, i + 1, "week") || tok_is(c, i + 1, "month") ||
         tok_is(c, i + 1, "year") || tok_is(c, i + 1, "weekend"))) {
      i += 2;
      continue;
    }
    if ((tok_is(c, i, "in") || tok_is(c, i, "on") || tok_is(c, i, "at") ||
         tok_is(c, i, "during")) &&
        i + 1 < lim) {
      size_t j = i + 1;
      size_t stop = j + 8 < lim ? j + 8 : lim;
      int medium = 0;
      while (j < stop && !tok_is(c, j, "that") && !tok_pc(c, j, PC_COMMA)) {
        if (tok_in(c, j, WL_MEDIUM_WORDS) || is_cap(c, j) ||
            tok_in(c, j, WL_DAY_WORDS))
          medium = 1;
        j++;
      }
      if (j < lim &&
          (tok_is(c, j, "that") || (medium && tok_pc(c, j, PC_COMMA))) &&
          j <= i + 5) {
        i = j;
        continue;
      }
      /* "..., Roe said in an interview.", not "said on Monday it was
       * over" */
      int clause = 0;
      for (size_t x = i + 1; x < j && !clause; x++)
        clause = tok_in(c, x, WL_PRON_PERSON) || tok_in(c, x, WL_PRON_GROUP) ||
                 tok_in(c, x, WL_PERFECT_WORDS) || tok_in(c, x, WL_MODAL_WORDS);
      if (j >= lim && medium && j <= i + 6 && !clause) {
        i = j;
        continue;
      }
      if (medium && tok_in(c, i + 1, WL_DAY_WORDS)) {
        i += 2;
        continue;
      }
    }
    break;
  }
  return i;
}

/* Words that open an adjunct before the subject of a sentence. */
static const char *const intro_words[] = {
    "in",   "on",      "at",     "after",     "before",  "during",  "since",
    "last", "earlier", "later",  "meanwhile", "however", "instead", "still",
    "now",  "then",    "today",  "yesterday", "also",    "over",    "for",
    "with", "like",    "unlike", "despite",   "afterwards", "afterward",
    NULL};

/* Past an opening adjunct at token i ("In a speech Friday, ...", "On
 * "Face the Nation," ..."): the token after its comma, or i when there is
 * none within a few words. */
static size_t skip_intro(const qctx *c, size_t i, size_t v) {
  if (!tok_in(c, i, WL_INTRO_WORDS))
    return i;
  size_t k = i + 1;
  while (k < v && k < i + 12 && !tok_pc(c, k, PC_COMMA) &&
         (c->t[k].in_quote >= 0 || !finite_verb(c, k)))
    k++;
  if (k >= v || !tok_pc(c, k, PC_COMMA))
    return i;
  k++;
  if (k < v && c->t[k].mark && c->t[k].can_close && c->t[k].in_quote >= 0)
    k++; /* the comma inside a closing mark */
  return k < v ? k : i;
}

/* Conjunctions and adverbs before a subject: skip_openers(). */
static const char *const opener_words[] = {
    "but",       "and",  "yet",    "so",       "still", "however",
    "meanwhile", "also", "though", "although", NULL};

/* Token i is an adverb in -ly, capitalised or not ("Privately"). */
static int opening_adverb(const qctx *c, size_t i) {
  return i < c->nt && c->t[i].kind == CW_TOK_WORD &&
         c->t[i].end - c->t[i].start > 4 && !tok_in(c, i, WL_LY_NOUNS) &&
         !(c->t[i].flags & CW_TOKF_ALLCAPS) &&
         memcmp(c->text + c->t[i].end - 2, "ly", 2) == 0;
}

/* The first token of a sentence's subject from token a, before token v:
 * past a dateline ("WASHINGTON -- ") and a conjunction ("But ..."). */
static size_t skip_openers(const qctx *c, size_t a, size_t v) {
  if (a + 1 < v && (c->t[a].flags & CW_TOKF_ALLCAPS) && is_dash(c, a + 1)) {
    a += 2;
    while (a < v && is_dash(c, a))
      a++;
  }
  while (a < v && (tok_in(c, a, WL_OPENER_WORDS) || tok_pc(c, a, PC_COMMA)))
    a++;
  /* "Privately, ...", "Privately and publicly, Roe ...": an adverb is no
   * subject */
  size_t k = a;
  while (k < v && k < a + 3 && opening_adverb(c, k)) {
    k++;
    if ((tok_is(c, k, "and") || tok_is(c, k, "or")) && opening_adverb(c, k + 1))
      k++;
    else
      break;
  }
  if (k > a && k + 1 < v && tok_pc(c, k, PC_COMMA))
    a = k + 1;
  return a;
}

/* Token v ends in "ing": a participle. */
static int participle(const qctx *c, size_t v) {
  size_t n = c->t[v].end - c->t[v].start;
  return n > 4 && memcmp(c->text + c->t[v].end - 3, "ing", 3) == 0;
}

/* Token i is the verb after a subject: a finite verb, but not a plural
 * noun before one ("several fishing groups granted"). */
static int subject_verb(const qctx *c, size_t i) {
  if (!finite_verb(c, i))
    return 0;
  if (c->text[c->t[i].end - 1] != 's')
    return 1;
  /* "Consumer prices rose", "Shipping agents said" */
  return !(finite_verb(c, i + 1) || tok_in(c, i + 1, WL_AUX_WORDS) ||
           tok_in(c, i + 1, WL_MODAL_WORDS) ||
           tok_in(c, i + 1, WL_EVENT_VERBS) ||
           (verb_flags(c, i + 1) & (V_QUOTE | V_CLAUSE | V_THAT)));
}

/* Token e of a modifier's object that subject_verb() takes for a verb is
 * a noun: after an article ("aides to the lawyers"), or a plural before
 * the comma of an apposition ("a lawyer for the news outlets, David
 * Schulz, said"). */
static int object_noun(const qctx *c, size_t e) {
  return tok_in(c, e - 1, WL_NP_DET) ||
         (c->text[c->t[e].end - 1] == 's' && tok_pc(c, e + 1, PC_COMMA) &&
          is_cap(c, e + 2));
}

/* The subject of a sentence for a participle ("..., saying that ..."):
 * a mention or pronoun among its first tokens. */
static void sentence_subject(const qctx *c, size_t a, size_t v, speaker *sp) {
  /* "WASHINGTON -- President Obama, ...", "But Jane Roe, ..., said", "In
   * a statement, the union called ..." */
  a = skip_openers(c, skip_intro(c, skip_openers(c, a, v), v), v);
  /* "Chastened by the polls, Roe revised his plan, promising ...": past
   * an opening participle phrase; a name in "-ed" or "-ing" ("Alfred
   * Brenner, the port director, ...") is the subject */
  if (is_word(c, a) &&
      (participle(c, a) || (c->t[a].end - c->t[a].start > 4 &&
                            memcmp(c->text + c->t[a].end - 2, "ed", 2) == 0)) &&
      !mention_opens(c, a)) {
    size_t k = a + 1;
    while (k < v && k < a + 16 && !tok_pc(c, k, PC_COMMA) &&
           c->t[k].in_quote < 0)
      k++;
    if (k + 1 < v && tok_pc(c, k, PC_COMMA))
      a = k + 1;
  }
  if (tok_in(c, a, WL_PRON_PERSON) || tok_in(c, a, WL_PRON_GROUP)) {
    /* "Meanwhile, it attacked Roe, saying ...": the pronoun */
    resolve_subject(c, a, a + 1, 0, sp);
    return;
  }
  size_t e = a;
  /* "One of the lawyers, Tom Berg, said": a head with its modifier */
  for (int n = 0; n < 3; n++) {
    size_t e0 = e, h, o;
    int kind;
    while (
        e < v && e < e0 + SUBJ_MAX &&
        (np_tok(c, e) || tok_pc(c, e, PC_LPAREN) || tok_pc(c, e, PC_RPAREN)) &&
        !(e > a && ((subject_verb(c, e) && !(n > 0 && object_noun(c, e))) ||
                    tok_in(c, e, WL_AUX_WORDS) ||
                    (verb_flags(c, e) & (V_QUOTE | V_CLAUSE)))))
      e++;
    if (n == 2 || e == e0 || !(o = modifier_after(c, e0, e, v, &h, &kind)))
      break;
    e = o;
  }
  /* "Kessel's agent, Frank Oduya, posted ...": a noun phrase with a common
   * noun for head names its person in the apposition after it */
  if (e > a && e + 2 < v && tok_pc(c, e, PC_COMMA) && is_word(c, e - 1) &&
      !is_cap(c, e - 1)) {
    size_t k = e + 1;
    while (k < v && k < e + 1 + SUBJ_MAX && np_tok(c, k))
      k++;
    speaker ap;
    if (k > e + 1 && k < v && tok_pc(c, k, PC_COMMA) &&
        resolve_subject(c, e + 1, k, 0, &ap) && ap.ent >= 0 &&
        c->an->entities[ap.ent].type == CW_ENT_PERSON) {
      *sp = ap;
      return;
    }
  }
  resolve_subject(c, a, e, 0, sp);
}

/* The sentence from token a opens with a subject and its apposition up to
 * the comma before the verb at v: "Tom Barlow, a spokesman for the
 * union, said ...". Such a verb is followed by its clause, never by its
 * speaker ("CLAUSE, said Tom Barlow"). */
static int appos_subject(const qctx *c, size_t a, size_t v) {
  if (v < a + 4 || !tok_pc(c, v - 1, PC_COMMA))
    return 0;
  a = skip_openers(c, a, v);
  /* "In a statement, Tom Barlow, a spokesman, said ..." */
  a = skip_intro(c, a, v);
  if (!(is_cap(c, a) || tok_in(c, a, WL_NP_DET)) || tok_in(c, a, WL_PRON_SELF))
    return 0;
  size_t k = a;
  /* "One of the family's lawyers, Tom Barlow, said ...": a preposition
   * between nouns stays in the subject */
  while (k < v && k - a < SUBJ_MAX && c->t[k].in_quote < 0 &&
         (np_tok(c, k) ||
          (k > a && k + 1 < v && tok_in(c, k, WL_RANK_PREPS) &&
           !tok_is(c, k, "and") && !tok_is(c, k, "or") && np_tok(c, k + 1))))
    k++;
  return k > a && k + 2 < v && tok_pc(c, k, PC_COMMA);
}

/* The speaker of a cue verb just before token e (a comma), in the
 * sentence from token a: `"...," he said, adding ...`, `"...," said the
 * mayor, adding ...`. Returns 1 when found. */
static int cue_speaker(const qctx *c, size_t a, size_t e, speaker *sp) {
  for (size_t v = e; v > a && e - v < 12;) {
    v--;
    if (c->t[v].in_quote >= 0)
      return 0;
    if (!(verb_flags(c, v) & (V_QUOTE | V_CLAUSE)) || participle(c, v))
      continue;
    size_t from = v;
    while (from > a && c->t[from - 1].in_quote < 0)
      from--;
    if (from == a || v - from > 8)
      return 0; /* not the attribution of a quote just before */
    size_t sa, sb;
    subject_back(c, from, v, &sa, &sb);
    if (sa < sb)
      return resolve_subject(c, sa, sb, 1, sp);
    size_t k = subject_end(c, v + 1, e);
    return k > v + 1 && resolve_subject(c, v + 1, k, 0, sp);
  }
  return 0;
}

/* No auxiliary among tokens [a, b): what lies between a subject and
 * its participle is a time ("Roe posted a video Friday saying"), not "is"
 * of a progressive. */
static int no_aux(const qctx *c, size_t a, size_t b) {
  for (size_t k = a; k < b; k++)
    if (tok_in(c, k, WL_AUX_WORDS))
      return 0;
  return 1;
}

/* A relative pronoun at token r, the subject of a verb after it: "Jane
 * Roe, who chairs the board, said ...", "the panel, which found ...".
 * The speaker is the pronoun as written, its entity the nearest person
 * ("who") or organisation ("which") named before it in the sentence from
 * token a ("a woman who said" has no comma). Returns 1 when r is such a
 * pronoun. */
static int relative_subject(const qctx *c, size_t a, size_t r, speaker *sp) {
  int who = tok_is(c, r, "who");
  if (!(who || tok_is(c, r, "which")) || c->t[r].in_quote >= 0 ||
      !(who || tok_pc(c, r - 1, PC_COMMA)))
    return 0;
  sp->s = c->t[r].start;
  sp->e = c->t[r].end;
  sp->ent = -1;
  size_t k = mention_at(c, c->t[r].start);
  for (int n = 0; k > 0 && n < 4; n++) {
    k--;
    if (c->m[k].start < c->t[a].start)
      break;
    cw_entity_type ty = c->an->entities[c->m[k].ent].type;
    if (ty == (who ? CW_ENT_PERSON : CW_ENT_ORG)) {
      sp->ent = c->m[k].ent;
      break;
    }
  }
  return 1;
}

/* Token i opens a clause with its own subject and verb: "they say ...",
 * "the company will ...", "Republicans want ..." (within be). */
static int new_subject(const qctx *c, size_t i, size_t be) {
  size_t k = i;
  if (tok_in(c, k, WL_PRON_PERSON) || tok_in(c, k, WL_PRON_GROUP) ||
      tok_in(c, k, WL_PRON_SELF))
    k++;
  else if (is_cap(c, k) || tok_in(c, k, WL_NP_DET))
    while (k < be && k < i + 6 && np_tok(c, k) && !finite_verb(c, k) &&
           !tok_in(c, k, WL_AUX_WORDS) && !tok_in(c, k, WL_MODAL_WORDS))
      k++;
  return k > i && k < be &&
         (finite_verb(c, k) || tok_in(c, k, WL_AUX_WORDS) ||
          tok_in(c, k, WL_MODAL_WORDS));
}

/* The subject of a verb after a relative clause that ends with the
 * comma before token v, in the sentence from token a: "the union, which
 * has 900 members, wants ...". Returns 1 when found. */
static int relative_head(const qctx *c, size_t a, size_t v, speaker *sp) {
  if (v < a + 4 || !tok_pc(c, v - 1, PC_COMMA))
    return 0;
  for (size_t r = v - 2; r > a + 1 && v - r < 25; r--) {
    if (c->t[r].in_quote >= 0 || tok_pc(c, r, PC_SEMI))
      return 0;
    if (!(tok_is(c, r, "which") || tok_is(c, r, "who")) ||
        !tok_pc(c, r - 1, PC_COMMA))
      continue;
    size_t e = r - 1;
    if (e > a + 2 && age_apposition(c, e - 1))
      e -= 2; /* "Jane Roe, 56, who ..." */
    size_t s = e;
    while (s > a && e - s < SUBJ_MAX && np_tok(c, s - 1) &&
           c->t[s - 1].in_quote < 0)
      s--;
    /* "Tom Berg, who leads the union, which ...": the phrase ends a
     * relative clause of its own; its head is before that one */
    if (s > a + 1 && s < e &&
        (tok_is(c, s - 1, "who") || tok_is(c, s - 1, "which")) &&
        tok_pc(c, s - 2, PC_COMMA)) {
      r = s;
      continue;
    }
    return s < e && resolve_subject(c, s, e, 1, sp);
  }
  return 0;
}

/* Where a second report begins in [from, be): ", arguing that", "and he
 * noted", "-- and Democrats accused": the boundary token, or be. */
static size_t next_report(const qctx *c, size_t from, size_t be) {
  for (size_t v = from; v < be; v++) {
    if (c->t[v].in_quote >= 0)
      continue;
    /* a clause of its own ends the report: "; the rest ...", ", although
     * ...", ", and Republicans want ...", a relative clause or an adjunct
     * of the writer's: ", which ...", ", who ...", ", contradicting ..." */
    if (c->t[v].kind == CW_TOK_PUNCT) {
      if (tok_pc(c, v, PC_SEMI))
        return v;
      if ((tok_pc(c, v, PC_COMMA) || is_dash(c, v)) && v + 1 < be &&
          (tok_is(c, v + 1, "although") || tok_is(c, v + 1, "though") ||
           tok_is(c, v + 1, "whereas") || tok_is(c, v + 1, "which") ||
           tok_is(c, v + 1, "who") ||
           (c->t[v + 1].kind == CW_TOK_WORD && !is_cap(c, v + 1) &&
            participle(c, v + 1) && !tok_is(c, v + 1, "including") &&
            !tok_in(c, v + 1, WL_ACCORDING)) ||
           ((tok_is(c, v + 1, "and") || tok_is(c, v + 1, "but")) &&
            new_subject(c, v + 2, be))))
        return v;
      continue; /* a mark is no verb */
    }
    int f = verb_flags(c, v);
    if (!f)
      continue;
    /* "... and said ...", "... but noted that ...", "and has called" */
    size_t va = v;
    while (va > from && va + 3 > v && tok_in(c, va - 1, WL_AUX_WORDS))
      va--;
    if (va > from && (tok_is(c, va - 1, "and") || tok_is(c, va - 1, "but")) &&
        !participle(c, v) &&
        (f & (V_CLAUSE | V_THAT | V_QUOTE | V_NP | V_PARTIAL)))
      return va - 1;
    if (tok_in(c, v, WL_NOUN_VERBS))
      continue;
    if (!(f & (V_CLAUSE | V_THAT | V_QUOTE))) {
      /* "... and Democrats accused the GOP of ..." */
      size_t k = va;
      while (k > from && va - k < 5 && np_tok(c, k - 1))
        k--;
      if ((f & V_NP) && k > from + 1 && k < va && is_cap(c, k) &&
          (tok_is(c, k - 1, "and") || tok_is(c, k - 1, "but")))
        return k - 1;
      continue;
    }
    if (tok_pc(c, v - 1, PC_COMMA) && participle(c, v))
      return v - 1;
    size_t k = va;
    while (k > from && va - k < 5 && np_tok(c, k - 1))
      k--;
    if (k > from && k < va &&
        (tok_is(c, k - 1, "and") || tok_is(c, k - 1, "but")) &&
        (tok_pc(c, k - 2, PC_COMMA) || is_dash(c, k - 2) ||
         tok_pc(c, k - 2, PC_SEMI) || k - 2 >= from))
      return k - 1;
    if (k > from && k < va && (tok_pc(c, k - 1, PC_SEMI) || is_dash(c, k - 1)))
      return k - 1;
    /* "..., in a move that analysts said ...": a relative clause of a
     * noun holds a report of its own */
    if (k > from + 1 && k < va && tok_is(c, k - 1, "that") &&
        is_word(c, k - 2) && !is_cap(c, k - 2) && !verb_flags(c, k - 2) &&
        !finite_verb(c, k - 2) && !tok_in(c, k - 2, WL_AUX_WORDS) &&
        !tok_in(c, k - 2, WL_NP_STOP))
      return k - 1;
    /* "..., Roe noted that ...", but not a parenthetical ", Roe said," */
    if (k > from && k < va && tok_pc(c, k - 1, PC_COMMA) && !participle(c, v) &&
        (is_cap(c, k) || tok_in(c, k, WL_NP_DET) ||
         tok_in(c, k, WL_PRON_PERSON) || tok_in(c, k, WL_PRON_GROUP)) &&
        v + 1 < be && !tok_pc(c, v + 1, PC_COMMA))
      return k - 1;
  }
  return be;
}

/* Nouns naming a source without a name: "the group voted", "aides
 * argued". */
static const char *const source_nouns[] = {
    "officials",     "official",   "aides",        "aide",
    "advisers",      "adviser",    "advisors",     "experts",
    "analysts",      "critics",    "supporters",   "voters",
    "lawmakers",     "senators",   "nominee",      "candidate",
    "candidates",    "campaign",   "spokesman",    "spokeswoman",
    "president",     "governor",   "judge",        "court",
    "committee",     "agency",     "group",        "researchers",
    "economists",    "scholars",   "leaders",      "members",
    "report",        "study",      "poll",         "survey",
    "analysis",      "ad",         "article",      "newspaper",
    "board",         "union",      "company",      "administration",
    "government",    "police",     "authorities",  "prosecutors",
    "investigators", "protesters", "democrats",    "republicans",
    "people",        "americans",  "residents",    "activists",
    "lawyers",       "attorneys",  "senator",      "mayor",
    "secretary",     "chairman",   "spokesperson", "panel",
    "department",    "ministry",   "organization", "democrat",
    "republican",    "documents",  "records",      "data",
    "video",         "letter",     "statement",    "businessman",
    "billionaire",   "director",   "party",        NULL};

/* Adjectives of a stance after "is" or "was": what follows is held by the
 * subject. */
static const char *const stance_words[] = {
    "critical",   "skeptical",    "sceptical",  "confident",  "sure",
    "certain",    "convinced",    "afraid",     "worried",    "concerned",
    "optimistic", "pessimistic",  "hopeful",    "proud",      "angry",
    "upset",      "frustrated",   "furious",    "eager",      "reluctant",
    "willing",    "unwilling",    "opposed",    "supportive", "aware",
    "adamant",    "determined",   "keen",       "wary",       "coy",
    "passionate", "enthusiastic", "dismissive", "doubtful",   "fearful",
    "insistent",  "unsure",       "uncertain",  "clear",      "open",
    NULL};

/* Modal words after which a verb stands in its base form. */
static const char *const modal_words[] = {
    "would", "will", "could", "can", "may", "might", "should", "must",
    "did",   "does", "do",    "to",  "'ll", "'d",    "cannot", NULL};

/* Token i opens a clause inside the sentence that starts at token a:
 * ", who ...", "; ...", ", and ...", ", but ...". */
static int clause_opener(const qctx *c, size_t a, size_t i) {
  if (i <= a + 1 || c->t[i].in_quote >= 0)
    return 0;
  if (tok_is(c, i, "who"))
    return tok_pc(c, i - 1, PC_COMMA);
  if (tok_pc(c, i - 1, PC_SEMI))
    return 1;
  return (tok_is(c, i, "and") || tok_is(c, i, "but")) &&
         tok_pc(c, i - 1, PC_COMMA);
}

/* Verbs of a passive report beside verbs[]: passive_report(). */
static const char *const passive_extra[] = {
    "endorsed", "backed",   "approved",  "ordered",  "appointed", "nominated",
    "favored",  "favoured", "confirmed", "reported", NULL};

/* A passive report after the noun phrase [i, j): "The levy was backed by
 * Jane Roe": the phrase is what the source after "by" holds. Sets *done
 * when it emitted one. */
static cw_status passive_report(qctx *c, size_t i, size_t j, size_t be,
                                int *done) {
  size_t v = j;
  while (v < be && v < j + 4 && tok_in(c, v, WL_AUX_WORDS))
    v++;
  /* "was first reported by", "was widely reported by" */
  if (v > j && v + 1 < be && !tok_is(c, v + 1, "by") && ly_adverb(c, v))
    v++;
  size_t aux = v;
  while (aux > j + 1 && (ly_adverb(c, aux - 1) || tok_is(c, aux - 1, "first") ||
                         tok_is(c, aux - 1, "also")))
    aux--;
  if (v == j || v + 2 >= be || !tok_is(c, v + 1, "by") ||
      c->text[c->t[v].end - 1] != 'd' ||
      !(tok_is(c, aux - 1, "was") || tok_is(c, aux - 1, "were") ||
        tok_is(c, aux - 1, "is") || tok_is(c, aux - 1, "are") ||
        tok_is(c, aux - 1, "been")) ||
      !(verb_flags(c, v) || tok_in(c, v, WL_PASSIVE_EXTRA)))
    return CW_OK;
  size_t e = v + 2;
  while (e < be && e < v + 2 + SUBJ_MAX && np_tok(c, e))
    e++;
  speaker by;
  if (e == v + 2 || !resolve_subject(c, v + 2, e, 0, &by))
    return CW_OK;
  *done = 1;
  /* "It was announced by the council on Monday that ...": the clause;
   * a bare "it" reports nothing */
  if (j == i + 1 && tok_is(c, i, "it")) {
    size_t k = skip_adjuncts(c, e, be);
    if (k + 3 >= be || !tok_is(c, k, "that"))
      return CW_OK;
    size_t ce = trim_end(c, k, be);
    return emit(c, c->t[k].start, c->t[ce - 1].end, c->t[k + 1].start,
                c->t[ce - 1].end, CW_QUOTE_INDIRECT, &by, (long)v, NULL, NULL);
  }
  return emit(c, c->t[i].start, c->t[j - 1].end, c->t[i].start, c->t[j - 1].end,
              CW_QUOTE_INDIRECT, &by, (long)v, NULL, NULL);
}

/* Auxiliaries of a perfect or a passive: generic_report(). */
static const char *const perfect_words[] = {
    "has",    "have",  "had",    "is",     "are",     "was",
    "were",   "been",  "be",     "being",  "hasn't",  "haven't",
    "hadn't", "isn't", "aren't", "wasn't", "weren't", NULL};

/* Particles after a verb of generic_report(). */
static const char *const particles[] = {"on",      "about", "for", "out", "up",
                                        "against", "with",  "to",  NULL};

/* Forms of "be" before a stance adjective. */
static const char *const be_words[] = {
    "is", "are", "was",   "were",   "be",     "been",    "not",
    "'s", "'re", "isn't", "aren't", "wasn't", "weren't", NULL};

/* Words after a stance adjective that open its object. */
static const char *const stance_preps[] = {"that", "about", "of", "with",
                                           "on",   "over",  NULL};

/* Token i is a verb of talk: "spoke", "talked", "talking". */
static int talk_verb(const qctx *c, size_t i) {
  return (verb_flags(c, i) & V_TALK) != 0;
}

/* After a verb of talk at token j: the first token of what the talk was
 * about, past an adjunct ("spoke out Tuesday about", "spoke during the
 * debate of"), or be when it names no topic ("spoke for five minutes",
 * "spoke to the crowd", "spoke at a gathering of donors"). */
static size_t talk_topic(const qctx *c, size_t j, size_t be) {
  if (tok_is(c, j, "of"))
    return j + 1;
  size_t k = j;
  while (k < be && k < j + 8 && is_word(c, k) && !tok_is(c, k, "about") &&
         !tok_is(c, k, "of") && !verb_flags(c, k) && !finite_verb(c, k))
    k++;
  /* "for about five minutes": a number, no topic */
  if (k + 1 < be && tok_is(c, k, "about") &&
      (c->t[k + 1].kind == CW_TOK_NUMBER || tok_is(c, k + 1, "one") ||
       tok_is(c, k + 1, "two") || tok_is(c, k + 1, "three") ||
       tok_is(c, k + 1, "five") || tok_is(c, k + 1, "ten") ||
       tok_is(c, k + 1, "twenty") || tok_is(c, k + 1, "thirty") ||
       tok_is(c, k + 1, "half")))
    return be;
  if (k + 1 < be && tok_is(c, k, "about"))
    return k + 1;
  if (k > j && k + 1 < be &&
      (tok_is(c, k, "about") ||
       (tok_is(c, k, "of") && tok_in(c, j, WL_INTRO_WORDS) &&
        !tok_is(c, j, "at"))))
    return k + 1;
  return be;
}

/* The tokens from cs (before be) open with the name of a person that
 * ends the clause or an apposition follows ("hired Tom Berg, a lawyer"),
 * not a reason or a stance ("thanked Roe on Monday for ..."). */
static int person_object(const qctx *c, size_t cs, size_t be) {
  if (cs >= be || !is_cap(c, cs))
    return 0;
  size_t m = mention_at(c, c->t[cs].start);
  if (m >= c->nm || c->m[m].start != c->t[cs].start ||
      c->an->entities[c->m[m].ent].type != CW_ENT_PERSON)
    return 0;
  size_t e = token_at_in(c, c->m[m].end, cs, be);
  return e >= be || tok_pc(c, e, PC_COMMA) || is_terminal(c, e);
}

/* A clause with no report found: "Roe backed the plan", "the committee
 * voted against the bill". A named person or organisation, a personal
 * pronoun or a noun phrase naming a source as the subject at token i, a
 * verb after it: the rest of the clause is what the source holds or did.
 * Returns CW_OK, having emitted nothing when the clause does not fit. */
static cw_status generic_report(qctx *c, size_t i, size_t be) {
  i = skip_openers(c, i, be);
  /* an opening adjunct: "In a speech Friday, Roe laid out ..." */
  if (i < be && tok_in(c, i, WL_INTRO_WORDS)) {
    size_t k = skip_intro(c, i, be);
    if (k == i)
      return CW_OK;
    i = k;
  }
  if (i >= be || c->t[i].in_quote >= 0)
    return CW_OK;
  speaker sp = {-1, 0, 0};
  int pron = 0, np = 0;
  size_t se; /* one past the subject */
  if (tok_is(c, i, "who")) {
    /* "Jane Roe, who chairs the board, backed the plan": the name just
     * before the comma */
    sp.s = c->t[i].start;
    sp.e = c->t[i].end;
    size_t k = mention_at(c, c->t[i].start);
    if (k > 0 && i >= 2 && c->m[k - 1].end == c->t[i - 2].end &&
        c->an->entities[c->m[k - 1].ent].type != CW_ENT_PLACE)
      sp.ent = c->m[k - 1].ent;
    se = i + 1;
  } else if (tok_in(c, i, WL_PRON_PERSON) || tok_is(c, i, "they")) {
    /* the referent is looked for once the clause fits, below */
    sp.s = c->t[i].start;
    sp.e = c->t[i].end;
    pron = 1;
    se = i + 1;
  } else {
    /* a noun phrase: its last word is its head */
    size_t j = i;
    while (j < be && j < i + SUBJ_MAX && np_tok(c, j) && !finite_verb(c, j) &&
           !tok_in(c, j, WL_AUX_WORDS) && c->t[j].in_quote < 0)
      j++;
    if (j == i)
      return CW_OK;
    /* "Deeply divided about ..., leaders found": an adverb is no
     * subject */
    if (j == i + 1 && opening_adverb(c, i)) {
      size_t k = mention_at(c, c->t[i].start);
      if (!(k < c->nm && c->m[k].start == c->t[i].start))
        return CW_OK;
    }
    /* "Angry waves crashed", "Small groups of protesters continued": a
     * word capitalised only as the sentence's first, no name, and a
     * plural noun after it, not a verb */
    if (j == i + 1 && i == sent_first(c, i) && j < be && !is_cap(c, j) &&
        c->text[c->t[j].end - 1] == 's' && np_tok(c, j) &&
        !(verb_flags(c, j) & (V_QUOTE | V_CLAUSE | V_THAT)) &&
        (!subject_verb(c, j) || tok_is(c, j + 1, "of"))) {
      size_t k = mention_at(c, c->t[i].start);
      if (!(k < c->nm && c->m[k].start == c->t[i].start)) {
        j++;
        while (j < be && j < i + SUBJ_MAX &&
               (np_tok(c, j) || (tok_is(c, j, "of") && np_tok(c, j + 1))) &&
               !subject_verb(c, j) && !tok_in(c, j, WL_AUX_WORDS) &&
               c->t[j].in_quote < 0)
          j++;
      }
    }
    int done = 0;
    cw_status st = passive_report(c, i, j, be, &done);
    if (st != CW_OK || done)
      return st;
    se = j;
    np = 1; /* its source is resolved once the clause fits, below */
  }
  /* an apposition: "Mr. Roe, who ran the board, told ..." */
  size_t v = se;
  if (tok_pc(c, v, PC_COMMA)) {
    size_t k = v + 1;
    while (k < be && k < v + 25 && !tok_pc(c, k, PC_COMMA) &&
           c->t[k].in_quote < 0)
      k++;
    if (k >= be || k >= v + 25 || !tok_pc(c, k, PC_COMMA))
      return CW_OK;
    v = k + 1;
  }
  int modal = 0;
  size_t v0 = v; /* the auxiliaries [v0, v) */
  while (v < be &&
         (tok_in(c, v, WL_AUX_WORDS) || tok_in(c, v, WL_MODAL_WORDS) ||
          (c->t[v].end - c->t[v].start > 4 &&
           memcmp(c->text + c->t[v].end - 2, "ly", 2) == 0 &&
           c->t[v].kind == CW_TOK_WORD && !is_cap(c, v)))) {
    if (tok_in(c, v, WL_MODAL_WORDS))
      modal = 1;
    else if (tok_in(c, v, WL_PERFECT_WORDS))
      modal = 0; /* "has backed", "was backed" */
    v++;
  }
  if (v >= be || c->t[v].in_quote >= 0)
    return CW_OK;
  /* "Roe was asked about the levy": Roe heard the words */
  if (v > se && (verb_flags(c, v) & V_OBJ) && !participle(c, v) &&
      tok_in(c, v - 1, WL_PERFECT_WORDS) && !tok_is(c, v - 1, "has") &&
      !tok_is(c, v - 1, "have") && !tok_is(c, v - 1, "had"))
    return CW_OK;
  /* "is promising", "has been investigating" */
  int progressive = v > se && participle(c, v) && !is_cap(c, v) &&
                    (tok_is(c, v - 1, "is") || tok_is(c, v - 1, "are") ||
                     tok_is(c, v - 1, "was") || tok_is(c, v - 1, "were") ||
                     tok_is(c, v - 1, "been") || tok_is(c, v - 1, "'s") ||
                     tok_is(c, v - 1, "'re"));
  size_t cs = v + 1;
  /* a stance: "Roe is confident that ...", "was critical of ..." */
  if (v > se && tok_in(c, v - 1, WL_BE_WORDS) &&
      tok_in(c, v, WL_STANCE_WORDS)) {
    if (tok_in(c, cs, WL_STANCE_PREPS))
      cs++;
    else if (!tok_is(c, cs, "to"))
      return CW_OK;
  } else {
    /* a base form after "didn't": "need" is no past in -ed */
    int base =
        v > se && (tok_is(c, v - 1, "didn't") || tok_is(c, v - 1, "doesn't") ||
                   tok_is(c, v - 1, "don't"));
    /* a passive: "Solberg is expected to appear", "Comments are closed
     * for this story": what others did or think of the subject ("was
     * backed by Roe": passive_report()) */
    int passive = 0;
    for (size_t k = v0; k < v && !passive; k++)
      passive = tok_in(c, k, WL_PERFECT_WORDS) && c->t[k].w[0] != 'h';
    if (passive && !progressive)
      return CW_OK;
    if ((!finite_verb(c, v) || base) && !progressive &&
        !(modal && c->t[v].kind == CW_TOK_WORD && !is_cap(c, v) &&
          !tok_in(c, v, WL_NOT_VERB) && !tok_in(c, v, WL_NP_STOP) &&
          !tok_in(c, v, WL_EVENT_VERBS) && !tok_in(c, v, WL_NP_DET)))
      return CW_OK;
    /* a plural noun, not a verb: "Roe donors are ...", "Shipping agents
     * said ..." */
    if (c->text[c->t[v].end - 1] == 's' &&
        ((verb_flags(c, v + 1) & (V_QUOTE | V_CLAUSE | V_THAT)) ||
         tok_is(c, v + 1, "are") || tok_is(c, v + 1, "were") ||
         tok_is(c, v + 1, "have") || tok_is(c, v + 1, "had") ||
         tok_is(c, v + 1, "would") || tok_is(c, v + 1, "will") ||
         tok_is(c, v + 1, "could") || tok_is(c, v + 1, "can")))
      return CW_OK;
    /* an act in a place or at a time ("spoke in a cottage", "sat at the
     * front"), a passive ("was backed by") or a quote: no report */
    if (cs >= be || !is_word(c, cs) || c->t[cs].in_quote >= 0 ||
        tok_in(c, cs, WL_PLACE_WORDS))
      return CW_OK;
    if (talk_verb(c, v)) {
      cs = talk_topic(c, cs, be);
      if (cs >= be)
        return CW_OK;
    }
    if (tok_in(c, cs, WL_PARTICLES) && !tok_is(c, cs, "to"))
      cs++;
    if (tok_is(c, cs, "that"))
      cs++;
    /* "who has refused calls to resign": an act on others' words */
    if (verb_flags(c, v) & V_ACT) {
      size_t o = tok_is(c, cs, "the") ? cs + 1 : cs;
      if (tok_in(c, o, WL_STANCE_NOUNS) || tok_in(c, o, WL_REPORT_NOUNS))
        return CW_OK;
    }
    /* "Kolva named Pieter Walsch, who ...", "hired Tom Berg": a verb of
     * no table whose object is a person did something to that person,
     * an event (but "chided Roe for ...", "urged Roe to ..." hold a
     * stance) */
    if (!verb_flags(c, v) &&
        (tok_in(c, v, WL_PEOPLE_ACTS) || person_object(c, cs, be)))
      return CW_OK;
  }
  if (cs >= be || (!is_word(c, cs) && !c->t[cs].mark))
    return CW_OK;
  /* "Roe made these remarks while ...", "gave the statement Friday": the
   * words are elsewhere, the clause only names them */
  if ((tok_in(c, cs, WL_NP_DET) || tok_in(c, cs, WL_POSS_WORDS) ||
       tok_is(c, cs, "this") || tok_is(c, cs, "these") ||
       tok_is(c, cs, "those")) &&
      tok_in(c, cs + 1, WL_REPORT_NOUNS))
    return CW_OK;
  /* "asked for anonymity to describe the talks": the terms of the talk */
  if (tok_is(c, cs, "anonymity") ||
      (tok_is(c, cs, "for") && tok_is(c, cs + 1, "anonymity")))
    return CW_OK;
  /* up to the next clause, the next report of the sentence, or a
   * semicolon; each clause is scanned once */
  size_t mark = c->t[cs].sent + 1;
  if (c->t[cs].rep == mark)
    return CW_OK;
  size_t lim = cs + 1;
  while (lim < be && lim < cs + CLAUSE_MAX && c->t[lim].rep != mark &&
         !(c->t[lim].in_quote < 0 &&
           (tok_pc(c, lim, PC_SEMI) ||
            (tok_is(c, lim, "who") && clause_opener(c, cs, lim)))))
    lim++;
  size_t ce = next_report(c, cs + 1, lim);
  int who = sp.s == c->t[i].start && tok_is(c, i, "who");
  /* no semicolon outside quotes in [cs, ce): cs is a word or a mark, lim
   * and next_report() stop at the first after it */
  for (size_t k = cs; who && k < ce; k++)
    if ((tok_pc(c, k, PC_SEMI) || tok_pc(c, k, PC_COMMA)) &&
        c->t[k].in_quote < 0) {
      ce = k; /* a relative clause ends at its comma */
      break;
    }
#ifndef NDEBUG
  for (size_t k = cs; k < ce; k++)
    assert(!tok_pc(c, k, PC_SEMI) || c->t[k].in_quote >= 0);
#endif
  ce = trim_end(c, cs, ce);
  while (ce > cs && (tok_is(c, ce - 1, "and") || tok_is(c, ce - 1, "but") ||
                     tok_is(c, ce - 1, "who")))
    ce = trim_end(c, cs, ce - 1);
  /* one word is no clause: "Roe attacked Trump" */
  size_t words = 0;
  for (size_t k = cs; k < ce && words < 2; k++)
    words += is_word(c, k);
  if (words < 2)
    return CW_OK;
  /* the noun phrase [i, se): the mention nearest the verb, a person before
   * anything else (the tests above do not look at it: "who" is no noun
   * phrase) */
  if (np) {
    if (!resolve_subject(c, i, se, 1, &sp))
      return CW_OK;
    if (sp.ent >= 0) {
      cw_entity_type ty = c->an->entities[sp.ent].type;
      if (ty != CW_ENT_PERSON && ty != CW_ENT_ORG)
        return CW_OK;
      /* the mention ends the phrase: "Roe's plan" has no source */
      if (token_at(c, sp.e) != se && !tok_in(c, se - 1, WL_SOURCE_NOUNS))
        return CW_OK;
    } else if (!tok_in(c, se - 1, WL_SOURCE_NOUNS) &&
               /* "It demanded a payment": "it" of nothing named, with
                * a verb of the tables ("It took three days" is none) */
               !(se == i + 1 && tok_is(c, i, "it") && verb_flags(c, v)) &&
               !(is_cap(c, se - 1) && se - i <= 4 && sp.e > sp.s &&
                 !tok_is(c, se - 1, "the") && !tok_is(c, se - 1, "a") &&
                 !tok_is(c, se - 1, "an"))) {
      /* "The discussions about ... are": an article names nobody */
      return CW_OK;
    }
  }
  if (pron) {
    size_t ms = 0, me = 0;
    int they = tok_is(c, i, "they");
    sp.ent = referent(c, sp.s, they ? CW_ENT_ORG : CW_ENT_PERSON,
                      they ? CW_ENT_PERSON : CW_ENT_UNKNOWN, &ms, &me);
  }
  return emit(c, c->t[cs].start, c->t[ce - 1].end, c->t[cs].start,
              c->t[ce - 1].end, CW_QUOTE_INDIRECT, &sp, (long)v, NULL, NULL);
}

/* Nouns of a stance or a claim whose object is what the owner holds:
 * "Roe's criticism of the levy", "his support for the plan". */
static const char *const stance_nouns[] = {
    "criticism", "support",    "praise",    "opposition",    "endorsement",
    "call",      "calls",      "demand",    "demands",       "proposal",
    "proposals", "plan",       "plans",     "pledge",        "promise",
    "vow",       "commitment", "questions", "concerns",      "concern",
    "doubts",    "disdain",    "contempt",  "admiration",    "attack",
    "attacks",   "defense",    "defence",   "description",   "rejection",
    "embrace",   "push",       "desire",    "determination", "refusal",
    "threat",    "threats",    "comments",  "remarks",       "views",
    "view",      "stance",     "position",  "warnings",      "warning",
    NULL};

/* Prepositions after a stance noun: nominal_report(). */
static const char *const object_preps[] = {"of",      "for", "about", "to",
                                           "against", "on",  "with",  NULL};

/* Possessive pronouns before a stance noun. */
static const char *const poss_words[] = {"his", "her", "their", "its", NULL};

/* "Roe's criticism of the levy", "his call for a vote": a possessive
 * owner, a stance noun and a preposition; the object is the content. */
static cw_status nominal_report(qctx *c, size_t i, size_t be) {
  if (!tok_in(c, i, WL_STANCE_NOUNS) || !tok_in(c, i + 1, WL_OBJECT_PREPS) ||
      c->t[i].in_quote >= 0 || i + 2 >= be || !is_word(c, i + 2))
    return CW_OK;
  speaker sp = {-1, 0, 0};
  size_t o = i - 1;
  if (tok_in(c, o, WL_POSS_WORDS)) {
    size_t ms = 0, me = 0;
    sp.s = c->t[o].start;
    sp.e = c->t[o].end;
    if (tok_is(c, o, "his") || tok_is(c, o, "her"))
      sp.ent = referent(c, sp.s, CW_ENT_PERSON, CW_ENT_UNKNOWN, &ms, &me);
  } else if (tok_is(c, o, "'s") && o > 0 && is_cap(c, o - 1)) {
    size_t k = o;
    while (k > 0 && o - k < 4 && (is_cap(c, k - 1) || abbrev_dot(c, k - 1)))
      k--;
    resolve_subject(c, k, o, 1, &sp);
  } else {
    return CW_OK;
  }
  /* the object: up to a comma, a dash, a verb or a few words */
  size_t cs = i + 2, ce = cs;
  while (ce < be && ce < cs + 15 && c->t[ce].in_quote < 0 &&
         c->t[ce].rep != c->t[i].sent + 1 && !tok_pc(c, ce, PC_COMMA) &&
         !is_dash(c, ce) && !tok_pc(c, ce, PC_SEMI) &&
         !tok_in(c, ce, WL_AUX_WORDS) &&
         !(ce > cs && (finite_verb(c, ce) || tok_in(c, ce, WL_EVENT_VERBS))))
    ce++;
  /* one word is a time or a target ("his remarks Saturday", "his attacks
   * on moderators"), not what the owner holds */
  size_t words = 0;
  for (size_t k = cs; k < ce && words < 2; k++)
    words += is_word(c, k);
  if (words < 2)
    return CW_OK;
  return emit(c, c->t[cs].start, c->t[ce - 1].end, c->t[cs].start,
              c->t[ce - 1].end, CW_QUOTE_INDIRECT, &sp, (long)i, NULL, NULL);
}

static void reported_in_sentence(qctx *c, size_t a, size_t be, cw_status *stp);

static cw_status reported_speech(qctx *c) {
  cw_status st = CW_OK;
  for (size_t s = 0; s < c->ns && st == CW_OK; s++) {
    size_t a = c->sent_first[s], b = c->sent_end[s];
    if (a >= b)
      continue;
    size_t be = trim_end(c, a, b);
    size_t n_before = c->out.len;
    reported_in_sentence(c, a, be, &st);
    /* mark the clauses reported (they hardly overlap: each report of a
     * sentence starts after the one before) */
    for (size_t k = n_before; k < c->out.len; k++) {
      const cw_quote *o = &CW_VEC_AT(&c->out, cw_quote, k);
      if (o->kind != CW_QUOTE_INDIRECT)
        continue;
      for (size_t t = token_at_in(c, o->start, a, be);
           t < be && c->t[t].start < o->end; t++)
        c->t[t].rep = s + 1;
    }
    /* the clauses of the sentence where no report was found: past the
     * first token only a stance noun (nominal_report()) or a clause opener
     * (clause_opener(): "who", "and", "but", a word after ";") does
     * anything, the tokens of c->rs */
    for (size_t i = a; i < be && st == CW_OK; i++) {
      if (i > a) {
        size_t from = i;
        while (c->rs_at < c->nrs && c->rs[c->rs_at] < i)
          c->rs_at++;
        i = c->rs_at < c->nrs && c->rs[c->rs_at] < be ? c->rs[c->rs_at] : be;
#ifndef NDEBUG
        for (size_t k = from; k < i; k++)
          assert(!tok_in(c, k, WL_STANCE_NOUNS) && !clause_opener(c, a, k));
#else
        (void)from;
#endif
        if (i >= be)
          break;
      }
      if (c->t[i].rep != s + 1 && i > a && st == CW_OK)
        st = nominal_report(c, i, be);
      if (i == a ? c->out.len > n_before : !clause_opener(c, a, i))
        continue;
      if (c->t[i].rep != s + 1)
        st = generic_report(c, i, be);
    }
  }
  return st;
}

/* The verb at token v is a passive: "was disclosed", "had been first
 * reported" (the words of others, no attribution). */
static int passive_verb(const qctx *c, size_t v) {
  if (c->text[c->t[v].end - 1] != 'd')
    return 0;
  size_t k = v;
  while (k > 0 && v - k < 3 &&
         (ly_adverb(c, k - 1) || tok_is(c, k - 1, "first") ||
          tok_is(c, k - 1, "not") || tok_is(c, k - 1, "also")))
    k--;
  /* a form of "be", not "has", "have", "had" */
  return k > 0 && tok_in(c, k - 1, WL_PERFECT_WORDS) &&
         c->text[c->t[k - 1].start] != 'h';
}

/* Tokens [a, b) hold a clause rather than a bare noun phrase: a verb, an
 * auxiliary or a quote ("Taxes will rise", "The plan is "dead"", not
 * "Tom Barlow"). */
static int has_clause(const qctx *c, size_t a, size_t b) {
  for (size_t k = a; k < b; k++)
    if (c->t[k].in_quote >= 0 || tok_in(c, k, WL_AUX_WORDS) ||
        tok_in(c, k, WL_MODAL_WORDS) || verb_flags(c, k) || finite_verb(c, k))
      return 1;
  return 0;
}

/* The rest of a sentence after a tail's cue verb, [i, be), is a short
 * hearer or adjunct ("told The Ledger on Thursday"), no clause ("The
 * cranes, she said, will arrive in June": an auxiliary) and no object of
 * another sense ("asked for anonymity"). */
static int short_rest(const qctx *c, size_t i, size_t be) {
  if (be > i + 8)
    return 0;
  for (size_t k = i; k < be; k++)
    if (c->t[k].in_quote >= 0 || tok_is(c, k, "that") ||
        tok_in(c, k, WL_MODAL_WORDS) ||
        (tok_in(c, k, WL_PERFECT_WORDS) && !tok_is(c, k, "'s")) ||
        tok_in(c, k, WL_WH_WORDS) || tok_is(c, k, "to") ||
        tok_is(c, k, "for") || tok_is(c, k, "about") ||
        !(is_word(c, k) || abbrev_dot(c, k) || tok_pc(c, k, PC_LPAREN) ||
          tok_pc(c, k, PC_RPAREN)))
      return 0;
  return 1;
}

/* The start of a part of an apposition that ends before token e (e - 1
 * is its last token): nouns, names, numbers and the prepositions of a
 * title ("the head of the union", "a spokeswoman for Harlow Shipping",
 * "54"), no verb, after token a; e when there is none. */
static size_t appos_part(const qctx *c, size_t a, size_t e) {
  size_t k = e;
  while (k > a && e - k < SUBJ_MAX + 3 && c->t[k - 1].in_quote < 0 &&
         (np_tok(c, k - 1) ||
          (tok_in(c, k - 1, WL_RANK_PREPS) && !tok_is(c, k - 1, "and") &&
           !tok_is(c, k - 1, "or"))) &&
         (is_cap(c, k - 1) ||
          !(verb_flags(c, k - 1) || tok_in(c, k - 1, WL_AUX_WORDS) ||
            tok_in(c, k - 1, WL_MODAL_WORDS))))
    k--;
  /* the part opens with a noun, a name or a number, not a preposition */
  while (k < e && !np_tok(c, k))
    k++;
  return k < e && np_tok(c, e - 1) ? k : e;
}

/* How well the part [s, e) of an apposition names a speaker: 2 a person
 * whose mention opens it ("Tom Berg"), 1 another entity, 0 a description
 * ("the head of the union", "Harlow Shipping's chief") or an age, -1
 * nothing; sp gets its speaker. */
static int appos_name(const qctx *c, size_t s, size_t e, speaker *sp) {
  if (!resolve_subject(c, s, e, 1, sp))
    return -1;
  if (sp->ent < 0 || sp->s != c->t[s].start || tok_in(c, s, WL_NP_DET) ||
      (e == s + 1 && c->t[s].kind == CW_TOK_NUMBER))
    return 0;
  /* "Harlow Shipping's chief" describes */
  size_t x = token_at_in(c, sp->e, s, e);
  if (x < e && c->t[x].start == sp->e && tok_is(c, x, "'s"))
    return 0;
  return c->an->entities[sp->ent].type == CW_ENT_PERSON ? 2 : 1;
}

/* A tail attribution whose subject is a name with an apposition, set off
 * by commas before the cue at token v (auxiliaries skipped: token b):
 * "CLAUSE, the head of the union, Tom Berg, said", "CLAUSE, Tom Berg,
 * the head of the union, said", "CLAUSE, Tom Berg, 54, said", "CLAUSE,
 * Tom Berg, who leads the union, said". The speaker is the name (the
 * first part when neither names anyone); *comma is the comma before the
 * first part. Returns 1 when the sentence from token a ends so. */
static int appos_tail(const qctx *c, size_t a, size_t b, size_t *comma,
                      speaker *sp) {
  if (b < a + 8 || !tok_pc(c, b - 1, PC_COMMA))
    return 0;
  size_t p2 = appos_part(c, a, b - 1);
  if (p2 >= b - 1 || p2 < a + 6 || !tok_pc(c, p2 - 1, PC_COMMA)) {
    /* "CLAUSE, Tom Berg, who leads the union, said", "CLAUSE, the union,
     * which represents dockers, said": the noun phrase before a relative
     * clause */
    size_t w = b - 1;
    while (w > a + 6 && b - w < 20 && c->t[w - 1].in_quote < 0 &&
           !tok_pc(c, w - 1, PC_COMMA) && !tok_is(c, w - 1, "who") &&
           !tok_is(c, w - 1, "which"))
      w--;
    if (!(tok_is(c, w - 1, "who") || tok_is(c, w - 1, "which")) ||
        !tok_pc(c, w - 2, PC_COMMA) || w == b - 1)
      return 0;
    size_t p1 = appos_part(c, a, w - 2);
    if (p1 >= w - 2 || p1 < a + 4 || !tok_pc(c, p1 - 1, PC_COMMA) ||
        !has_clause(c, a, p1 - 1) || appos_name(c, p1, w - 2, sp) < 0)
      return 0;
    *comma = p1 - 1;
    return 1;
  }
  size_t p1 = appos_part(c, a, p2 - 1);
  if (p1 >= p2 - 1 || p1 < a + 4 || !tok_pc(c, p1 - 1, PC_COMMA) ||
      !has_clause(c, a, p1 - 1))
    return 0;
  speaker s1, s2;
  int n1 = appos_name(c, p1, p2 - 1, &s1), n2 = appos_name(c, p2, b - 1, &s2);
  if (n1 < 0 || n2 < 0)
    return 0;
  *sp = n2 > n1 ? s2 : s1;
  *comma = p1 - 1;
  return 1;
}

/* An attribution ending the sentence [a, be): "CLAUSE, sources said.",
 * "CLAUSE, Roe told The Ledger on Thursday.", "CLAUSE, said Tom Barlow,
 * a spokesman.", "CLAUSE, according to the survey." Sets *comma to the
 * comma before it and fills at. Whatever reports the clause holds of its
 * own ("Roe backed the plan, aides said") sit inside it. */
static int tail_attribution(qctx *c, size_t a, size_t be, size_t *comma,
                            attr *at) {
  for (size_t v = be; v > a + 3 && be - v < ATTR_AFTER_MAX;) {
    v--;
    const qtok *t = &c->t[v]; /* v < be, a token */
    if (t->in_quote >= 0)
      return 0;
    /* most tokens are neither "according" nor a cue */
    if (!((t->lists >> WL_ACCORDING) & 1) && !(t->vf & (V_QUOTE | V_CLAUSE)))
      continue;
    if (tok_in(c, v, WL_ACCORDING) && tok_is(c, v + 1, "to")) {
      if (!tok_pc(c, v - 1, PC_COMMA) || v + 2 >= be ||
          !has_clause(c, a, v - 1))
        return 0;
      resolve_subject(c, v + 2, be, 0, &at->sp);
      *comma = v - 1;
      return 1;
    }
    int f = verb_flags(c, v);
    if (!(f & (V_QUOTE | V_CLAUSE)) || participle(c, v) || c->t[v].used)
      continue;
    size_t sa, sb;
    subject_back(c, a, v, &sa, &sb);
    size_t after = skip_adjuncts(c, v + 1, be);
    at->cue = (long)v;
    /* CLAUSE, the head of the union, Tom Berg, said [to Y] [on Friday];
     * not "CLAUSE, said Tom Berg" (below) */
    if (sa == sb && short_rest(c, after, be) &&
        (after >= be || ((f & V_OBJ || be - after <= 4) &&
                         (f & V_OBJ || calendar_word(c, after) ||
                          !(is_cap(c, after) || tok_in(c, after, WL_NP_DET) ||
                            tok_in(c, after, WL_SPEECH_HEADS))))) &&
        appos_tail(c, a, sb, comma, &at->sp)) {
      at->channel = find_channel(c, v, window_end(v, be));
      return 1;
    }
    /* "CLAUSE, attorneys for the family said": back to the comma; the
     * head is then the first noun */
    int head_first = 0;
    for (size_t k = sa; sa < sb && k > a + 3 && sb - k < 10; k--) {
      if (tok_pc(c, k - 1, PC_COMMA)) {
        head_first = k < sa;
        sa = k;
        break;
      }
      if (!(np_tok(c, k - 1) ||
            (tok_in(c, k - 1, WL_RANK_PREPS) && !tok_is(c, k - 1, "and") &&
             !tok_is(c, k - 1, "or"))) ||
          c->t[k - 1].in_quote >= 0 || verb_flags(c, k - 1))
        break;
    }
    /* the subject holds no verb: not "..., saying the courts have no say" */
    for (size_t k = sa; k < sb; k++)
      if (!is_cap(c, k) && (verb_flags(c, k) || tok_in(c, k, WL_AUX_WORDS) ||
                            tok_in(c, k, WL_MODAL_WORDS)))
        return 0;
    if (sa < sb && sa > a + 3 && tok_pc(c, sa - 1, PC_COMMA)) {
      /* CLAUSE, X said [to Y] [when] */
      if (!short_rest(c, after, be) || !has_clause(c, a, sa - 1) ||
          (!(f & V_OBJ) && after < be && be - after > 4))
        return 0;
      resolve_subject(c, sa, sb, !head_first, &at->sp);
      *comma = sa - 1;
    } else if (sa == sb && v > a + 4 && tok_pc(c, v - 1, PC_COMMA) &&
               !(f & V_OBJ) && after < be &&
               (is_cap(c, after) || tok_in(c, after, WL_NP_DET) ||
                tok_in(c, after, WL_SPEECH_HEADS))) {
      /* CLAUSE, said X[, a spokesman], CLAUSE, said people close to Y */
      size_t e = subject_end(c, after, be);
      for (size_t k = after; k < be; k++)
        if (c->t[k].in_quote >= 0 || verb_flags(c, k) ||
            tok_in(c, k, WL_AUX_WORDS) || tok_in(c, k, WL_MODAL_WORDS) ||
            (k >= e && finite_verb(c, k)))
          return 0;
      if (!has_clause(c, a, v - 1) || appos_subject(c, a, v))
        return 0;
      resolve_subject(c, after, e, 0, &at->sp);
      *comma = v - 1;
    } else {
      return 0;
    }
    at->channel = find_channel(c, v, window_end(v, be));
    return 1;
  }
  return 0;
}

/* "said after the convention he would ...": past a time adjunct at token
 * j before a clause with its own subject; j when there is none. */
static size_t past_time_adjunct(const qctx *c, size_t j, size_t be) {
  if (!(tok_is(c, j, "after") || tok_is(c, j, "before") ||
        tok_is(c, j, "during") || tok_is(c, j, "since")))
    return j;
  for (size_t k = j + 2; k < be && k < j + 7; k++) {
    if (!np_tok(c, k - 1) || finite_verb(c, k - 1) ||
        tok_in(c, k - 1, WL_AUX_WORDS))
      break;
    if (new_subject(c, k, be))
      return k;
  }
  return j;
}

/* The token after an attribution inside a sentence that starts at the
 * verb at token i ("he said, ...", "the agency said in a report, ...",
 * "he told me on Friday, ..."), after the adjuncts at token after. */
static size_t parenthetical_end(const qctx *c, size_t i, int f, size_t after,
                                size_t be) {
  size_t pe = i + 1;
  if ((f & V_OBJ) && (tok_is(c, pe, "me") || tok_is(c, pe, "us") ||
                      tok_is(c, pe, "him") || tok_is(c, pe, "reporters")))
    return skip_adjuncts(c, pe + 1, be);
  return tok_pc(c, pe, PC_COMMA) ? pe + 1 : after;
}

/* "According to X, CLAUSE", the quote qi of c->out, X the tokens
 * [xs, xe), CLAUSE the tokens [cs, be), the reports found inside it after
 * qi. A clause that is a report of its own, its speaker opening it
 * ("According to The Ledger, a city official stated that the bridge may
 * close"), is that report: its words are the quote, said by its speaker,
 * and X is where they were reported, the quote's channel (PolNeAR keeps
 * one attribution per token too). A clause whose own cue only says that
 * someone talked ("According to local reports, Roe commented on the
 * dispute") reports no words: no quote. A source no reader can check,
 * lower-case words ending in "reports" ("media reports"), names no
 * speaker: it is the channel. */
static cw_status after_according(qctx *c, size_t qi, size_t xs, size_t xe,
                                 size_t cs, size_t be) {
  cw_quote *q = c->out.items;
  size_t n = c->out.len, open = skip_openers(c, cs, be);
  /* the channel without its article: "the Ledger" is "Ledger" */
  size_t x0 = xs + (xe > xs + 1 && (tok_is(c, xs, "the") ||
                                    tok_is(c, xs, "a") || tok_is(c, xs, "an")));
  const char *x = cw_arena_strndup(c->an->arena, c->text + c->t[x0].start,
                                   c->t[xe - 1].end - c->t[x0].start);
  if (!x)
    return CW_ERR_NOMEM;
  for (size_t k = qi + 1; k < n; k++) {
    if (q[k].kind != CW_QUOTE_INDIRECT ||
        q[k].speaker_start >= q[k].speaker_end)
      continue;
    size_t sp = token_at(c, q[k].speaker_start);
    /* the speaker opens the clause (after a determiner: "a Russian
     * official") */
    if (sp < cs || sp > open + 1)
      continue;
    if (!q[k].channel)
      q[k].channel = x;
    memmove(&q[qi], &q[qi + 1], (n - qi - 1) * sizeof *q);
    c->out.len--;
    return CW_OK;
  }
  /* the clause's first verb */
  for (size_t k = open; k < be && k < open + CLAUSE_MAX; k++) {
    if (c->t[k].in_quote >= 0 || tok_pc(c, k, PC_SEMI))
      break;
    int f = is_cap(c, k) ? 0 : verb_flags(c, k); /* not "State" */
    if (!f && !finite_verb(c, k) && !tok_in(c, k, WL_PERFECT_WORDS) &&
        (!tok_in(c, k, WL_MODAL_WORDS) || tok_is(c, k, "to")))
      continue;
    if ((f == V_QUOTE || (f & V_TALK)) && k > open &&
        (k + 1 >= be || tok_is(c, k + 1, "on") || tok_is(c, k + 1, "about") ||
         tok_is(c, k + 1, "upon") || tok_pc(c, k + 1, PC_COMMA))) {
      memmove(&q[qi], &q[qi + 1], (n - qi - 1) * sizeof *q);
      c->out.len--;
      /* nor do the later passes find a report in the sentence (from
       * "according", two tokens before X) */
      for (size_t t = xs - 2; t < be; t++)
        c->t[t].rep = c->t[t].sent + 1;
      return CW_OK;
    }
    break;
  }
  int vague = tok_is(c, xe - 1, "reports");
  for (size_t k = xs; vague && k < xe; k++)
    vague = is_word(c, k) && !is_cap(c, k);
  if (vague) {
    q[qi].speaker = NULL;
    q[qi].speaker_entity = -1;
    q[qi].speaker_start = q[qi].speaker_end = 0;
    q[qi].channel = x;
  }
  return CW_OK;
}

/* The text of the last quote found, a clause split by its attribution
 * ("The levy, she said, will pass"): the words of tokens [a, b) and
 * [p, e) without the attribution between them, as a direct quote split
 * so is given without it. A comma joins the two when the second opens
 * with a link ("... will turn, and it ..."), else a space ("The levy
 * will pass"). */
static cw_status text_around(qctx *c, size_t a, size_t b, size_t p, size_t e) {
  cw_quote *q = &CW_VEC_AT(&c->out, cw_quote, c->out.len - 1);
  const char *s1 = c->text + c->t[a].start, *s2 = c->text + c->t[p].start;
  size_t n1 = c->t[b - 1].end - c->t[a].start;
  size_t n2 = c->t[e - 1].end - c->t[p].start;
  cw_trim(&s1, &n1);
  cw_trim(&s2, &n2);
  int comma = tok_in(c, p, WL_CLAUSE_LINKS);
  char *t = cw_arena_alloc_uninit(c->an->arena, n1 + n2 + 3);
  if (!t)
    return CW_ERR_NOMEM;
  memcpy(t, s1, n1);
  size_t n = n1;
  if (comma)
    t[n++] = ',';
  t[n++] = ' ';
  memcpy(t + n, s2, n2);
  t[n + n2] = 0;
  q->text = t;
  return CW_OK;
}

/* The sentence from token a opens with a subordinate clause ("Though
 * aides said ..., Roe ...", "But while ...") and the verb at token i sits
 * in it, before any comma. Not "as" ("As Roe said, ..." reports the main
 * clause). */
static int subordinate_opening(const qctx *c, size_t a, size_t i) {
  size_t k = a;
  if (k < i && (tok_is(c, k, "but") || tok_is(c, k, "and")))
    k++;
  if (k >= i || !tok_in(c, k, WL_SUBORDINATORS) || tok_is(c, k, "as"))
    return 0;
  for (k++; k < i; k++)
    if (tok_pc(c, k, PC_COMMA))
      return 0;
  return 1;
}

/* The subject [sa, sb) names people who speak: its head is a noun of
 * speech_heads[] ("officials", "aides to the minister"). */
static int speech_subject(const qctx *c, size_t sa, size_t sb) {
  size_t k = sa, h;
  while (k < sb && k - sa < SUBJ_MAX && np_tok(c, k))
    k++;
  int kind;
  return k > sa && (tok_in(c, k - 1, WL_SPEECH_HEADS) ||
                    modifier_after(c, sa, k, sb, &h, &kind));
}

/* The tokens [a, s - 1) before the comma at s - 1 are only a conjunction
 * and an adjunct ("But in recent days, aides say, ..."): no clause that
 * an attribution after them interrupts. */
static int opening_adjunct(const qctx *c, size_t a, size_t s) {
  size_t k = skip_openers(c, a, s);
  if (!tok_in(c, k, WL_INTRO_WORDS) || k + 2 >= s)
    return 0;
  for (k++; k + 1 < s; k++)
    if (!is_word(c, k) || verb_flags(c, k) || tok_in(c, k, WL_AUX_WORDS) ||
        tok_in(c, k, WL_MODAL_WORDS))
      return 0;
  return 1;
}

/* Token k (auxiliaries skipped, before lim) is a finite verb or a cue
 * verb, no participle: the verb of a sentence after its subject's
 * apposition or relative clause ("..., said it would end"). */
static int main_verb_at(const qctx *c, size_t k, size_t lim) {
  while (k < lim && tok_in(c, k, WL_AUX_WORDS))
    k++;
  return k < lim && c->t[k].in_quote < 0 && !participle(c, k) &&
         ((verb_flags(c, k) & (V_QUOTE | V_CLAUSE | V_THAT | V_NP)) ||
          finite_verb(c, k));
}

/* The noun phrase from token i ends the clause [i, be): "CLAUSE, said
 * people close to the talks." */
static int np_closes(const qctx *c, size_t i, size_t be) {
  size_t e = subject_end(c, i, be);
  return e >= be || tok_pc(c, e, PC_COMMA) || is_terminal(c, e);
}

/* The noun phrase from token sa before a participle is its subject in
 * an absolute phrase of the sentence from token a: "..., with Finance
 * Minister Clara Vendt accusing ... and Orlov insisting ...". */
static int absolute_subject(const qctx *c, size_t a, size_t sa) {
  if (tok_is(c, sa - 1, "with"))
    return 1;
  if (!tok_is(c, sa - 1, "and"))
    return 0;
  for (size_t k = sa - 1; k > a && sa - k < 40; k--)
    if (tok_is(c, k - 1, "with") && c->t[k - 1].in_quote < 0)
      return 1;
  return 0;
}

/* Reported speech in the sentence [a, be): see pass 3 above. */
static void reported_in_sentence(qctx *c, size_t a, size_t be, cw_status *stp) {
  cw_status st = CW_OK;
  /* an attribution at the end holds the sentence before it: that one is
   * reported first, then the reports inside it */
  size_t tc = be;
  attr ta = {{-1, 0, 0}, -1, NULL, 0};
  if (tail_attribution(c, a, be, &tc, &ta)) {
    if (c->t[a].in_quote < 0 || c->t[a].in_quote != c->t[tc - 1].in_quote)
      st = emit(c, c->t[a].start, c->t[tc - 1].end, c->t[a].start,
                c->t[tc - 1].end, CW_QUOTE_INDIRECT, &ta.sp, ta.cue,
                ta.cue < 0 ? "according to" : NULL, ta.channel);
    be = tc;
  }
  size_t acc_q = SIZE_MAX, acc_src = 0, acc_srce = 0, acc_cs = 0;
  for (size_t i = a; i < be && st == CW_OK; i++) {
    /* the next token of c->ris: no other does anything below */
    size_t from = i;
    while (c->ris_at < c->nris && c->ris[c->ris_at] < i)
      c->ris_at++;
    i = c->ris_at < c->nris && c->ris[c->ris_at] < be ? c->ris[c->ris_at] : be;
#ifndef NDEBUG
    for (size_t k = from; k < i; k++)
      assert(c->t[k].in_quote >= 0 ||
             (!tok_is(c, k, "according") && !tok_in(c, k, WL_REPORT_NOUNS) &&
              !(verb_flags(c, k) & RIS_VERBS)));
#else
    (void)from;
#endif
    if (i >= be)
      break;
    if (c->t[i].in_quote >= 0)
      continue;
    /* according to X, CLAUSE / CLAUSE, according to X */
    if (tok_in(c, i, WL_ACCORDING) && tok_is(c, i + 1, "to")) {
      size_t e = i + 2;
      while (e < be && !tok_pc(c, e, PC_COMMA))
        e++;
      attr at = {{-1, 0, 0}, -1, NULL, 0};
      resolve_subject(c, i + 2, e, 0, &at.sp);
      size_t cs, ce;
      if (i == a && e < be) {
        cs = e + 1, ce = be;
      } else if (i > a && tok_pc(c, i - 1, PC_COMMA)) {
        cs = a, ce = i - 1;
      } else if (i > a && e >= be) {
        cs = a, ce = i;
      } else {
        cs = e + 1 < be ? e + 1 : be, ce = be;
      }
      if (ce > cs + 2 && c->t[cs].in_quote < 0) {
        size_t had = c->out.len; /* emit() adds nothing past QUOTES_MAX */
        st = emit(c, c->t[cs].start, c->t[ce - 1].end, c->t[cs].start,
                  c->t[ce - 1].end, CW_QUOTE_INDIRECT, &at.sp, -1,
                  "according to", NULL);
        /* "According to X, Y stated that ...": the clause after the
         * comma is looked at for a report of its own (after_according()) */
        if (i == a && e > i + 2 && st == CW_OK && c->out.len > had) {
          acc_q = c->out.len - 1;
          acc_src = i + 2, acc_srce = e, acc_cs = cs;
          i = e;
          continue;
        }
      }
      break;
    }
    /* "his claim that ...", "Drozd's warning that ..." */
    if (tok_in(c, i, WL_REPORT_NOUNS) && tok_is(c, i + 1, "that") &&
        i + 4 < be) {
      attr at = {{-1, 0, 0}, -1, NULL, 0};
      size_t sa, sb;
      subject_back(c, a, i, &sa, &sb);
      /* the owner: a possessive name or pronoun just before */
      if (sb > sa && tok_is(c, sb - 1, "'s") && sb - 1 > sa)
        resolve_subject(c, sa, sb - 1, 1, &at.sp);
      else if (sb > sa + 2 && tok_is(c, sb - 2, "'s") && !is_cap(c, sb - 1))
        /* "the police's earlier claim that" */
        resolve_subject(c, sa, sb - 2, 1, &at.sp);
      else if (sb > sa &&
               (tok_is(c, sb - 1, "his") || tok_is(c, sb - 1, "her"))) {
        size_t ms = 0, me = 0;
        at.sp.s = c->t[sb - 1].start;
        at.sp.e = c->t[sb - 1].end;
        at.sp.ent =
            referent(c, at.sp.s, CW_ENT_PERSON, CW_ENT_UNKNOWN, &ms, &me);
      } else if (sb > sa && sb == i &&
                 (!tok_in(c, sa, WL_NP_DET) || tok_in(c, i, WL_NOUN_VERBS)) &&
                 c->text[c->t[i].end - 1] == 's' &&
                 (is_cap(c, sb - 1) || tok_in(c, sb - 1, WL_PRON_PERSON) ||
                  tok_in(c, sb - 1, WL_PRON_GROUP))) {
        /* a verb after all: "The Daily Planet reports that ..." */
        resolve_subject(c, sa, sb, 1, &at.sp);
      }
      size_t ce = trim_end(c, i + 2, next_report(c, i + 3, be));
      if (ce > i + 3)
        st = emit(c, c->t[i + 1].start, c->t[ce - 1].end, c->t[i + 2].start,
                  c->t[ce - 1].end, CW_QUOTE_INDIRECT, &at.sp, (long)i, NULL,
                  NULL);
      i = ce;
      continue;
    }
    int f = verb_flags(c, i);
    if (!(f & RIS_VERBS) || c->t[i].used)
      continue;
    /* a passive of a verb with a hearer: "Roe was asked about the levy",
     * "they were told that ...": the subject heard the words */
    if (i > a && (verb_flags(c, i) & V_OBJ) && !participle(c, i) &&
        (tok_is(c, i - 1, "was") || tok_is(c, i - 1, "were") ||
         tok_is(c, i - 1, "is") || tok_is(c, i - 1, "are") ||
         tok_is(c, i - 1, "been") || tok_is(c, i - 1, "being") ||
         tok_is(c, i - 1, "be")))
      continue;
    size_t sa, sb;
    subject_back(c, a, i, &sa, &sb);
    /* "I know that ...", "we think ...", "..., I believe": what the writer
     * knows or holds is no quote (but "We told the council that ..." is
     * the writer's words) */
    if (sb == sa + 1 && tok_in(c, sa, WL_PRON_SELF) && !(f & V_QUOTE)) {
      /* nor is a report found inside it ("as I believed the years had
       * shown us ..."), as none is inside a report */
      size_t ce = next_report(c, i + 1, be);
      if (ce >= be)
        break;
      i = ce;
      continue;
    }
    if (tok_in(c, i, WL_NOUN_VERBS) && sb > sa &&
        (tok_in(c, sb - 1, WL_NP_DET) || tok_is(c, sb - 1, "his") ||
         tok_is(c, sb - 1, "our") || tok_is(c, sb - 1, "my") ||
         tok_is(c, sb - 1, "your") || tok_is(c, sb - 1, "whose") ||
         (sb - sa == 1 && !is_cap(c, sa) && !tok_in(c, sa, WL_PRON_PERSON) &&
          !tok_in(c, sa, WL_PRON_GROUP))))
      continue;
    /* "a swiftly called meeting": after an article the verb qualifies a
     * noun */
    if (sb > sa && sb < i &&
        (tok_is(c, sb - 1, "a") || tok_is(c, sb - 1, "an") ||
         tok_is(c, sb - 1, "the"))) {
      size_t k = sb;
      while (k < i && ly_adverb(c, k))
        k++;
      if (k == i)
        continue;
    }
    /* passives and phrasal uses: "endorsed by", "called to service",
     * "asked for" */
    if ((f & V_NP) && !(f & (V_CLAUSE | V_OBJ)) && !tok_is(c, i, "pointed") &&
        ((tok_in(c, i + 1, WL_NP_AFTER_STOP) &&
          !(talk_verb(c, i) && tok_is(c, i + 1, "out"))) ||
         (tok_is(c, i + 1, "to") && !(f & V_THAT) &&
          c->t[i].end - c->t[i].start > 2 &&
          memcmp(c->text + c->t[i].end - 2, "ed", 2) == 0 && i > a &&
          tok_pc(c, i - 1, PC_COMMA))))
      continue;
    /* "a group calling itself Graywake": a name, no report */
    if (tok_is(c, i + 1, "itself") || tok_is(c, i + 1, "themselves") ||
        tok_is(c, i + 1, "himself") || tok_is(c, i + 1, "herself"))
      continue;
    /* "asked for anonymity", "requested anonymity": the terms of the
     * talk, not its words; "the cast she blamed on a fall": what is
     * blamed is named before the verb */
    if (tok_is(c, i + 1, "anonymity") ||
        (tok_is(c, i + 1, "for") && tok_is(c, i + 2, "anonymity")) ||
        ((tok_is(c, i, "blamed") || tok_is(c, i, "blames") ||
          tok_is(c, i, "blaming")) &&
         tok_is(c, i + 1, "on")))
      continue;
    size_t after = skip_adjuncts(c, i + 1, be);
    attr at = {{-1, 0, 0}, -1, NULL, 0};
    /* CLAUSE, X said. / CLAUSE, said X. */
    /* "CLAUSE, said one source in the room." */
    int np_after =
        sa == sb && after < be &&
        (is_cap(c, after) || tok_in(c, after, WL_NP_DET) ||
         (tok_in(c, after, WL_SPEECH_HEADS) && np_closes(c, after, be))) &&
        !tok_is(c, after, "that") && !appos_subject(c, a, i) &&
        !(f & V_OBJ) &&    /* ", told a reporter ...": a hearer */
        !participle(c, i); /* ", saying the court ..." */
    /* "CLAUSE, lawmakers said Friday, as they ..." */
    int tail = after < be && tok_pc(c, after - 1, PC_COMMA) &&
               (participle(c, after) || tok_is(c, after, "as") ||
                tok_is(c, after, "while") || tok_is(c, after, "though"));
    /* the comma may sit inside a closing mark: `better," X said` */
    int comma = sa > a + 3 && (tok_pc(c, sa - 1, PC_COMMA) ||
                               (c->t[sa - 1].mark && c->t[sa - 1].can_close &&
                                tok_pc(c, sa - 2, PC_COMMA)));
    /* "CLAUSE, Drozd told reporters." */
    int short_obj = after < be && be - after <= 4;
    for (size_t k = after; short_obj && k < be; k++)
      if (!np_tok(c, k) || tok_is(c, k, "that") ||
          (!is_cap(c, k) &&
           (tok_in(c, k, WL_AUX_WORDS) || tok_in(c, k, WL_MODAL_WORDS) ||
            finite_verb(c, k))))
        short_obj = 0; /* not ", saying the board had failed" */
    if ((f & (V_QUOTE | V_CLAUSE)) && comma && !passive_verb(c, i) &&
        (after >= be || np_after || tail || short_obj)) {
      if (sa < sb)
        resolve_subject(c, sa, sb, 1, &at.sp);
      else
        resolve_subject(c, i + 1, be, 0, &at.sp);
      size_t ce = tok_pc(c, sa - 1, PC_COMMA) ? sa - 1 : sa;
      if (c->t[a].in_quote < 0 || c->t[a].in_quote != c->t[ce - 1].in_quote)
        st = emit(c, c->t[a].start, c->t[ce - 1].end, c->t[a].start,
                  c->t[ce - 1].end, CW_QUOTE_INDIRECT, &at.sp, (long)i, NULL,
                  find_channel(c, i, window_end(i, be)));
      break;
    }
    /* CLAUSE, attorneys for the family said. */
    if ((f & (V_QUOTE | V_CLAUSE)) && after >= be && sa > a &&
        !passive_verb(c, i)) {
      size_t k = sb;
      while (k > a + 3 && sb - k < 10 && !tok_pc(c, k - 1, PC_COMMA) &&
             (is_word(c, k - 1) || abbrev_dot(c, k - 1)))
        k--;
      if (k > a + 3 && tok_pc(c, k - 1, PC_COMMA) && c->t[a].in_quote < 0) {
        resolve_subject(c, k, sb, 0, &at.sp);
        st = emit(c, c->t[a].start, c->t[k - 2].end, c->t[a].start,
                  c->t[k - 2].end, CW_QUOTE_INDIRECT, &at.sp, (long)i, NULL,
                  find_channel(c, i, window_end(i, be)));
        break;
      }
    }
    /* CLAUSE, he said, CLAUSE. / CLAUSE, the agency said in a report,
     * CLAUSE. / CLAUSE, he told me on Friday, CLAUSE. */
    size_t pe;
    if ((f & (V_QUOTE | V_CLAUSE)) && sa > a + 1 && sb > sa &&
        tok_pc(c, sa - 1, PC_COMMA) && !opening_adjunct(c, a, sa) &&
        (pe = parenthetical_end(c, i, f, after, be)) > i + 1 && pe + 2 < be &&
        tok_pc(c, pe - 1, PC_COMMA)) {
      resolve_subject(c, sa, sb, 1, &at.sp);
      size_t had = c->out.len; /* emit() adds nothing past QUOTES_MAX */
      st = emit(c, c->t[a].start, c->t[be - 1].end, c->t[a].start,
                c->t[be - 1].end, CW_QUOTE_INDIRECT, &at.sp, (long)i, NULL,
                NULL);
      if (st == CW_OK && c->out.len > had)
        st = text_around(c, a, sa - 1, pe, be);
      break;
    }
    /* X said (that) CLAUSE */
    int part = 0, rel = 0;
    if (sa >= sb && sb > a + 1 && relative_subject(c, a, sb - 1, &at.sp)) {
      rel = 1; /* "Roe, who chairs the board, said ..." */
    } else if (sa >= sb) {
      /* ", saying ...", "and said ...", "and has called for ...", "X, a
       * spokesman for Y, said" */
      size_t ia = i;
      while (ia > a && ia + 3 > i &&
             (tok_in(c, ia - 1, WL_AUX_WORDS) || tok_is(c, ia - 1, "now") ||
              tok_is(c, ia - 1, "earlier")))
        ia--;
      /* `"...," adding that ...`: the comma inside the closing mark */
      if (!(ia > a && (tok_is(c, ia - 1, "and") || tok_is(c, ia - 1, "but") ||
                       tok_pc(c, ia - 1, PC_COMMA) || is_dash(c, ia - 1) ||
                       (ia > a + 1 && participle(c, i) && c->t[ia - 1].mark &&
                        c->t[ia - 1].can_close &&
                        tok_pc(c, ia - 2, PC_COMMA)))))
        continue; /* no subject */
      part = 1;
    } else if (participle(c, i) && no_aux(c, sb, i) && sa > a &&
               !tok_pc(c, sa - 1, PC_COMMA) && !tok_in(c, sa, WL_PRON_PERSON) &&
               !tok_in(c, sa, WL_PRON_GROUP) && !absolute_subject(c, a, sa)) {
      /* "Roe posted a video Friday saying ...": the object before a
       * participle is not its subject */
      part = 1;
    }
    size_t j = after;
    int hearer = 0; /* j is past the hearer of "told reporters the ..." */
    if (f & V_OBJ) {
      size_t k = j;
      while (k < be && k < j + 8 && !tok_is(c, k, "that") &&
             !tok_in(c, k, WL_WH_WORDS) && !tok_pc(c, k, PC_COMMA))
        k++;
      /* "who told reporters the cranes would move, met ...": a clause
       * before the comma, no hearer */
      int aux = 0;
      for (size_t x = j; x < k && !aux; x++)
        aux = tok_in(c, x, WL_PERFECT_WORDS) ||
              (tok_in(c, x, WL_MODAL_WORDS) && !tok_is(c, x, "to"));
      if (k < be && (tok_is(c, k, "that") || tok_in(c, k, WL_WH_WORDS)))
        j = k;
      else if (k < be && tok_pc(c, k, PC_COMMA) && is_word(c, k + 1) && !aux)
        j = k + 1;
      else {
        /* told reporters he would ... / told The Post the plan ... */
        size_t o = j;
        if (tok_in(c, o, WL_NP_DET))
          o++;
        size_t o0 = o;
        while (o < be && o < o0 + 4 && (is_cap(c, o) || o == o0) &&
               is_word(c, o) && !tok_in(c, o, WL_PRON_PERSON))
          o++;
        if (o > o0 && o < be &&
            (tok_in(c, o, WL_PRON_PERSON) || tok_in(c, o, WL_PRON_GROUP) ||
             tok_in(c, o, WL_NP_DET) || is_cap(c, o))) {
          j = o;
          hearer = 1;
        } else if (!(f & V_NP))
          continue;
      }
    }
    /* "complained to aides that ...", "said to reporters that ...": the
     * hearer comes before the clause */
    if (tok_is(c, j, "to") && (f & (V_CLAUSE | V_THAT | V_QUOTE))) {
      size_t k = j + 1;
      while (k < be && k < j + 6 && np_tok(c, k) && c->t[k].in_quote < 0)
        k++;
      if (k > j + 1 && tok_is(c, k, "that"))
        j = k;
    }
    /* "said at a stop in Toledo, Ohio, that ...": the adjuncts run to a
     * comma and "that" */
    if (!tok_is(c, j, "that") && (f & (V_CLAUSE | V_THAT | V_QUOTE))) {
      size_t k = j;
      while (k < be && k < j + 12 && c->t[k].in_quote < 0 &&
             !verb_flags(c, k) && !tok_is(c, k, "that") && !is_terminal(c, k))
        k++;
      if (k > j && k < be && tok_is(c, k, "that") && tok_pc(c, k - 1, PC_COMMA))
        j = k;
    }
    /* "said more than once that ...": an adjunct before "that" */
    if (tok_is(c, j, "more") && tok_is(c, j + 1, "than") &&
        (tok_is(c, j + 2, "once") || tok_is(c, j + 2, "twice")) &&
        (tok_is(c, j + 3, "that") ||
         (tok_pc(c, j + 3, PC_COMMA) && tok_is(c, j + 4, "that"))))
      j += tok_is(c, j + 3, "that") ? 3 : 4;
    if (f & V_CLAUSE)
      j = past_time_adjunct(c, j, be);
    int that =
        tok_is(c, j, "that") || (tok_in(c, j, WL_WH_WORDS) && !(f & V_PARTIAL));
    if (that)
      j++;
    else if (((f & V_PARTIAL) && (tok_is(c, j, "for") || tok_is(c, j, "on"))) ||
             (tok_is(c, i, "pointed") &&
              (tok_is(c, j, "to") || tok_is(c, j, "out"))) ||
             (tok_is(c, i, "referring") && tok_is(c, j, "to")) ||
             (tok_is(c, i, "voted") &&
              (tok_is(c, j, "against") || tok_is(c, j, "for")) &&
              is_word(c, j + 1) && is_word(c, j + 2)))
      j++; /* called for, called on, pointed to, pointed out */
    else if (talk_verb(c, i)) {
      /* "spoke for five minutes", "spoke to the crowd": a talk reports
       * only what it is about */
      j = talk_topic(c, j, be);
      if (j >= be)
        continue;
    } else if (!(f & (V_CLAUSE | V_NP)) && !hearer)
      continue;
    if (j >= be || (c->t[j].mark && c->t[j].can_open && c->t[j].in_quote >= 0 &&
                    tok_pc(c, j - 1, PC_COLON)))
      continue;
    /* "said no decision had been made" (but "said no to") */
    int no_np = tok_is(c, j, "no") && is_word(c, j + 1) &&
                !tok_is(c, j + 1, "to") && !tok_is(c, j + 1, "one");
    if (!that && !(f & V_NP) &&
        ((!clause_start(c, j, be) && !no_np && !quantity_subject(c, j, be)) ||
         be < j + 3))
      continue;
    if (!that && (f & V_NP) && !is_word(c, j) && !c->t[j].mark)
      continue;
    /* "who has refused calls to resign": an act on a demand or a claim
     * of others (no owner named) holds no words of the subject's */
    if (!that && (f & V_ACT)) {
      size_t o = tok_is(c, j, "the") ? j + 1 : j;
      if (tok_in(c, o, WL_STANCE_NOUNS) || tok_in(c, o, WL_REPORT_NOUNS)) {
        i = o; /* nor is the noun a verb ("calls") */
        continue;
      }
    }
    /* a direct quote right after the verb was reported already */
    if (c->t[j].in_quote >= 0 && c->t[j].mark &&
        (tok_pc(c, j - 1, PC_COLON) || tok_pc(c, j - 1, PC_COMMA)))
      continue;
    int found = rel; /* the relative pronoun, found above */
    /* `"...," he said, adding ...` */
    if (!found && part && tok_pc(c, i - 1, PC_COMMA) && participle(c, i))
      found = cue_speaker(c, a, i - 1, &at.sp);
    /* "the union, which has 900 members, wants ..." */
    if (!found && part && !participle(c, i))
      found = relative_head(c, a, sb, &at.sp);
    if (!found && part)
      sentence_subject(c, a, i, &at.sp);
    else if (!found)
      resolve_subject(c, sa, sb, 1, &at.sp);
    /* "President Obama, dedicating the museum on Saturday, said": the
     * name before the apposition, not "Saturday" */
    if (!part && !rel && at.sp.ent < 0 && sa > a + 1 &&
        tok_pc(c, sa - 1, PC_COMMA) && !tok_in(c, sa, WL_PRON_PERSON) &&
        !tok_in(c, sa, WL_PRON_GROUP) && !speech_subject(c, sa, sb)) {
      speaker s2;
      sentence_subject(c, a, sa - 1, &s2);
      /* "Unlike Roe, the firm predicted": an opening adjunct names no
       * subject */
      if (s2.ent >= 0 && !tok_in(c, token_at(c, s2.s), WL_PRON_PERSON) &&
          !tok_in(c, token_at(c, s2.s), WL_PRON_GROUP) &&
          !tok_in(c, skip_openers(c, a, sa - 1), WL_INTRO_WORDS))
        at.sp = s2; /* "Though it is hard, experts say": not "it" */
    }
    size_t cs = that ? j - 1 : j;
    /* "claimed responsibility and demanded ...": a report may follow the
     * first word */
    size_t ce = next_report(c, j + 1, be);
    /* ", who opposed the toll, and ...": the relative clause ends at
     * its comma; "the union leader who called the strike, said ...": at
     * the comma before the verb of the sentence */
    if (rel)
      for (size_t k = j + 1; k < ce; k++)
        if (tok_pc(c, k, PC_COMMA) && c->t[k].in_quote < 0 &&
            (tok_pc(c, sb - 2, PC_COMMA) || main_verb_at(c, k + 1, ce))) {
          ce = k;
          break;
        }
    /* "While aides have suggested he would run, Roe ...": a report in
     * the clause opening the sentence ends at its comma */
    int comma_before = 0;
    for (size_t k = i + 1; k < j && !comma_before; k++)
      comma_before = tok_pc(c, k, PC_COMMA);
    if (!rel && !comma_before && subordinate_opening(c, a, i))
      for (size_t k = j + 1; k + 2 < ce; k++)
        if (tok_pc(c, k, PC_COMMA) && c->t[k].in_quote < 0) {
          ce = k;
          break;
        }
    size_t ce2 = trim_end(c, cs, ce);
    if (ce2 <= cs)
      break;
    /* "claimed responsibility and demanded": one word cut off by the next
     * report is no clause */
    if (ce2 == cs + 1 && ce < be && !that && c->t[cs].kind == CW_TOK_WORD &&
        !is_cap(c, cs)) {
      i = ce;
      continue;
    }
    /* the text leaves out "that", not "whether" ("has not said whether
     * it will pay" is no "it will pay") */
    size_t ts = that && !tok_is(c, cs, "that") ? cs : j;
    st = emit(
        c, c->t[cs].start, c->t[ce2 - 1].end, c->t[ts].start, c->t[ce2 - 1].end,
        CW_QUOTE_INDIRECT, &at.sp, (long)i, NULL,
        find_channel(c, i > a + CHANNEL_WINDOW ? i - CHANNEL_WINDOW : a, j));
    if (ce >= be)
      break;
    i = ce; /* the next report in the same sentence */
  }
  if (st == CW_OK && acc_q != SIZE_MAX)
    st = after_according(c, acc_q, acc_src, acc_srce, acc_cs, be);
  *stp = st;
}

/* "according" (to X): a list of its own for the lists of the tokens
 * reported_in_sentence() visits (RIS_LISTS). */
static const char *const according_words[] = {"according", NULL};

/* Words that open a label line, not a speaker: "UPDATE: ...". */
static const char *const label_words[] = {
    "update",   "updated",   "clarification", "correction",
    "note",     "related",   "editor",        "photo",
    "video",    "source",    "sources",       "watch",
    "read",     "see",       "also",          "listen",
    "click",    "tags",      "share",         "subscribe",
    "more",     "warning",   "caption",       "credit",
    "contact",  "email",     "follow",        "by",
    "q",        "a",         "question",      "answer",
    "breaking", "exclusive", "live",          "opinion",
    "analysis", "the",       "this",          "here",
    "what",     "why",       "how",           "when",
    "where",    "who",       "first",         "second",
    "third",    "next",      "last",          "today",
    "now",      NULL};

/* A line that names its speaker before a colon: a transcript ("SMITH:
 * We will ...") or a headline ("Roe: Voters Want Change"). The rest of
 * the paragraph is the speaker's words, unless a quote already covers
 * it. */
static cw_status label_lines(qctx *c) {
  cw_status st = CW_OK;
  size_t n0 = c->out.len;
  /* the quote found so far over each token, partial ones aside (quotes
   * hardly overlap, so marking them is linear); made when the first line
   * gets that far (most texts have none), before any quote changes */
  long *cov = NULL;
  for (size_t p = 0; p < c->npara && st == CW_OK; p++) {
    size_t i = c->para_first[p]; /* each paragraph's first token */
    size_t k = i;
    if (c->t[k].mark && c->t[k].can_open)
      k++; /* a transcript paragraph in an unclosed quote */
    size_t w = k;
    while (w < c->nt && w < k + 4 && c->t[w].para == c->t[i].para &&
           (is_cap(c, w) || abbrev_dot(c, w) ||
            (c->t[w].kind == CW_TOK_WORD && (c->t[w].flags & CW_TOKF_ALLCAPS))))
      w++;
    if (w == k || !tok_pc(c, w, PC_COLON) || tok_in(c, k, WL_LABEL_WORDS) ||
        w + 3 >= c->nt || c->t[w + 1].para != c->t[i].para)
      continue;
    size_t e = w + 1;
    while (e < c->nt && c->t[e].para == c->t[i].para)
      e++;
    size_t cs = w + 1;
    if (c->t[cs].in_quote >= 0 && c->t[cs].mark)
      continue; /* Roe: "..." is a direct quote */
    size_t ce = trim_end(c, cs, e);
    if (ce < cs + 3)
      continue;
    speaker sp;
    resolve_subject(c, k, w, 1, &sp);
    if (!cov) {
      if (!(cov = malloc(c->nt * sizeof *cov)))
        return CW_ERR_NOMEM;
      for (size_t t = 0; t < c->nt; t++)
        cov[t] = -1;
      for (size_t q = 0; q < n0; q++) {
        const cw_quote *o = &CW_VEC_AT(&c->out, cw_quote, q);
        if (o->kind == CW_QUOTE_PARTIAL)
          continue;
        for (size_t t = token_at(c, o->start);
             t < c->nt && c->t[t].start < o->end; t++)
          if (cov[t] < 0)
            cov[t] = (long)q;
      }
    }
    long covered = -1;
    for (size_t t = cs; t < ce && covered < 0; t++)
      covered = cov[t];
    if (covered < 0) {
      st = emit(c, c->t[cs].start, c->t[ce - 1].end, c->t[cs].start,
                c->t[ce - 1].end, CW_QUOTE_INDIRECT, &sp, -1, NULL, NULL);
      continue;
    }
    cw_quote *o = &CW_VEC_AT(&c->out, cw_quote, (size_t)covered);
    if (k == i || o->start != c->t[i].start || o->kind != CW_QUOTE_DIRECT)
      continue;
    /* "SMITH: We will ...": the line in marks is Smith's */
    o->kind = CW_QUOTE_INDIRECT;
    o->start = c->t[cs].start;
    o->end = c->t[ce - 1].end;
    o->text =
        cw_arena_strndup(c->an->arena, c->text + o->start, o->end - o->start);
    o->speaker_entity = sp.ent;
    o->speaker_start = sp.s;
    o->speaker_end = sp.e;
    st = speaker_name(c, &sp, &o->speaker);
    if (!o->text)
      st = CW_ERR_NOMEM;
  }
  free(cov);
  return st;
}

/* A partial quote with a cue ("Ortiz called the bill a "disgrace"",
 * "the plan is "dead," Drozd said") sits in a reported clause; when no
 * reported speech was found around it, the clause is reported too. */
static cw_status partial_clauses(qctx *c) {
  cw_status st = CW_OK;
  size_t n0 = c->out.len;
  for (size_t q = 0; q < c->nrq && st == CW_OK; q++) {
    rawq *r = &c->rq[q];
    if (r->partial_cue < 0)
      continue;
    size_t v = (size_t)r->partial_cue;
    size_t ps = c->t[r->ot].start, pe = c->t[r->ct].end;
    int covered = 0;
    for (size_t k = 0; k < n0 && !covered; k++) {
      const cw_quote *o = &CW_VEC_AT(&c->out, cw_quote, k);
      if (o->kind == CW_QUOTE_INDIRECT && o->start < pe && ps < o->end)
        covered = 1;
    }
    if (covered)
      continue;
    size_t a = c->sent_first[c->t[r->ot].sent];
    size_t be = trim_end(c, a, c->sent_end[c->t[r->ot].sent]);
    size_t cs, ce;
    if (v < r->ot) {
      cs = skip_adjuncts(c, v + 1, be);
      ce = be;
    } else {
      cs = a;
      ce = v;
      while (ce > cs && v - ce < CLAUSE_BACK_MAX &&
             !tok_pc(c, ce - 1, PC_COMMA) &&
             !(c->t[ce - 1].mark && c->t[ce - 1].can_close))
        ce--;
      if (v - ce >= CLAUSE_BACK_MAX)
        continue;
      if (ce > cs && tok_pc(c, ce - 1, PC_COMMA))
        ce--;
    }
    if (cs >= ce || ce > be + 1 || c->t[cs].start > ps || c->t[ce - 1].end < pe)
      continue;
    st = emit(c, c->t[cs].start, c->t[ce - 1].end, c->t[cs].start,
              c->t[ce - 1].end, CW_QUOTE_INDIRECT, &r->sp, (long)v, NULL, NULL);
  }
  return st;
}

/* ---- lexicon ---------------------------------------------------------- */

static const char *const *const word_lists[WL_COUNT] = {
    [WL_ABBREV_WORDS] = abbrev_words,
    [WL_AUX_WORDS] = aux_words,
    [WL_PRON_PERSON] = pron_person,
    [WL_PRON_GROUP] = pron_group,
    [WL_PRON_SELF] = pron_self,
    [WL_TITLE_SMALL] = title_small,
    [WL_REPORT_NOUNS] = report_nouns,
    [WL_NP_AFTER_STOP] = np_after_stop,
    [WL_WH_WORDS] = wh_words,
    [WL_NOUN_VERBS] = noun_verbs,
    [WL_NP_DET] = np_det,
    [WL_ORG_NOUNS] = org_nouns,
    [WL_NP_STOP] = np_stop,
    [WL_ELISION_WORDS] = elision_words,
    [WL_RANK_PREPS] = rank_preps,
    [WL_PLATFORMS] = platforms,
    [WL_POST_WORDS] = post_words,
    [WL_MEDIUM_WORDS] = medium_words,
    [WL_WHEN_WORDS] = when_words,
    [WL_MONTH_WORDS] = month_words,
    [WL_DATE_PREPS] = date_preps,
    [WL_PLACE_WORDS] = place_words,
    [WL_IRREGULAR_PAST] = irregular_past,
    [WL_NOT_VERB] = not_verb,
    [WL_EVENT_VERBS] = event_verbs,
    [WL_CLAUSE_BAD] = clause_bad,
    [WL_DAY_WORDS] = day_words,
    [WL_INTRO_WORDS] = intro_words,
    [WL_OPENER_WORDS] = opener_words,
    [WL_SOURCE_NOUNS] = source_nouns,
    [WL_STANCE_WORDS] = stance_words,
    [WL_MODAL_WORDS] = modal_words,
    [WL_PASSIVE_EXTRA] = passive_extra,
    [WL_PERFECT_WORDS] = perfect_words,
    [WL_PARTICLES] = particles,
    [WL_BE_WORDS] = be_words,
    [WL_STANCE_PREPS] = stance_preps,
    [WL_STANCE_NOUNS] = stance_nouns,
    [WL_OBJECT_PREPS] = object_preps,
    [WL_POSS_WORDS] = poss_words,
    [WL_LABEL_WORDS] = label_words,
    [WL_LY_NOUNS] = ly_nouns,
    [WL_SUBORDINATORS] = subordinators,
    [WL_CLAUSE_LINKS] = clause_links,
    [WL_ACCORDING] = according_words,
    [WL_CHANNEL_CUES] = channel_cues,
    [WL_SPEECH_HEADS] = speech_heads,
    [WL_PART_HEADS] = part_heads,
    [WL_MOD_WORDS] = mod_words,
    [WL_MOD_PREPS] = mod_preps,
    [WL_ANY_ORG_NOUNS] = any_org_nouns,
    [WL_PEOPLE_ACTS] = people_acts,
    [WL_DOC_NOUNS] = doc_nouns,
    [WL_PAIR_ENDS] = pair_ends,
};

/* Every word of verbs[] and of the word lists with its verb flags and
 * lists, hashed (open addressing, less than a quarter full). Built once
 * per process, read-only afterwards. */
typedef struct lexword {
  const char *w; /* NULL: an empty slot */
  size_t n;      /* strlen(w) */
  uint32_t h;    /* lex_hash() of w */
  int vf;
  uint64_t lists;
} lexword;

#define LEXICON_SLOTS 8192
static lexword lexicon[LEXICON_SLOTS];
/* The first bytes of the lexicon's words: a fold starting with any other
 * is looked up no further. */
static unsigned char lexicon_first[256];
static pthread_once_t lexicon_once = PTHREAD_ONCE_INIT;

static unsigned word_hash(const char *w) { return lex_hash(w, strlen(w)); }

/* The slot of w: its entry, or the empty slot where it belongs. */
static lexword *lexicon_slot(const char *w) {
  unsigned h = word_hash(w) % LEXICON_SLOTS;
  while (lexicon[h].w && strcmp(lexicon[h].w, w) != 0)
    h = (h + 1) % LEXICON_SLOTS;
  return &lexicon[h];
}

static void lexicon_build(void) {
  for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++) {
    lexword *e = lexicon_slot(verbs[k].w);
    if (!e->w) /* the first entry of a verb wins */
      *e = (lexword){verbs[k].w, strlen(verbs[k].w), word_hash(verbs[k].w),
                     verbs[k].f, 0};
    lexicon_first[(unsigned char)verbs[k].w[0]] = 1;
  }
  for (int l = 0; l < WL_COUNT; l++)
    for (const char *const *w = word_lists[l]; *w; w++) {
      lexword *e = lexicon_slot(*w);
      e->w = *w;
      e->n = strlen(*w);
      e->h = word_hash(*w);
      e->lists |= (uint64_t)1 << l;
      lexicon_first[(unsigned char)(*w)[0]] = 1;
    }
}

/* lexicon_find() found nothing (in a cache of its answers). */
static const lexword no_entry;

/* The entry of the folded word w (n bytes, no NUL among them, lex_hash()
 * h), or NULL: lexicon_slot() without strlen or strcmp. */
static const lexword *lexicon_find(const char *w, size_t n, uint32_t h) {
  for (size_t k = h % LEXICON_SLOTS;; k = (k + 1) % LEXICON_SLOTS) {
    const lexword *e = &lexicon[k];
    if (!e->w)
      return NULL;
    if (e->h != h || e->n != n)
      continue;
    /* a short word: compared here rather than by memcmp() */
    size_t j = 0;
    while (j < n && e->w[j] == w[j])
      j++;
    if (j == n)
      return e;
  }
}

/* Token k is a verb of verbs[] in its base form ("note", "claim",
 * "warn"): the table has it with an "s" too. */
static int base_form_verb(const qctx *c, size_t k) {
  size_t n = c->t[k].end - c->t[k].start;
  char w[32];
  if (n < 3 || n + 2 > sizeof w)
    return 0;
  for (size_t i = 0; i < n; i++) {
    char ch = c->text[c->t[k].start + i];
    w[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
  }
  if (w[n - 1] == 's')
    return 0;
  w[n] = 's';
  const lexword *e = lexicon_find(w, n + 1, lex_hash(w, n + 1));
  return e && e->vf;
}

/* Verbs of the table in their base form that are nouns here: after an
 * indefinite article's noun ("A ransom note reached", "an insurance
 * claim"), which no base form agrees with, or before a past ("the
 * ransom note reached the board"). Their flags are cleared. */
static void base_forms_as_nouns(qctx *c) {
  for (size_t k = 2; k < c->nt; k++) {
    qtok *t = &c->t[k];
    if (!t->vf || t->kind != CW_TOK_WORD || (t->flags & CW_TOKF_CAP) ||
        !base_form_verb(c, k))
      continue;
    int after_a = is_word(c, k - 1) && !(c->t[k - 1].flags & CW_TOKF_CAP) &&
                  !c->t[k - 1].vf &&
                  (tok_is(c, k - 2, "a") || tok_is(c, k - 2, "an"));
    int before_past = k + 1 < c->nt && finite_verb(c, k + 1) &&
                      c->text[c->t[k + 1].end - 1] != 's';
    if (after_a || before_past)
      t->vf = 0;
  }
}

/* ---- driver ---------------------------------------------------------------
 */

static int cmp_quote(const void *a, const void *b) {
  const cw_quote *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* Up to this many mentions or quotes are sorted in place by insertion
 * (a few dozen in an article), more by qsort(). */
#define INSERTION_SORT_MAX 256

/* qsort(m, n, sizeof *m, cmp_mref) for a short array: an insertion sort,
 * stable as glibc's qsort() (a merge sort) is, so mentions of one start
 * keep their order there too. */
static void sort_mrefs(mref *m, size_t n) {
  if (n > INSERTION_SORT_MAX) {
    qsort(m, n, sizeof *m, cmp_mref);
    return;
  }
  for (size_t i = 1; i < n; i++) {
    mref x = m[i];
    size_t j = i;
    for (; j > 0 && m[j - 1].start > x.start; j--)
      m[j] = m[j - 1];
    m[j] = x;
  }
}

/* The quotes q (n of them) in the arena, by start (cmp_quote()), or NULL
 * when out of memory. Up to INSERTION_SORT_MAX are sorted by insertion
 * (stable, as glibc's qsort() is), moving their starts and indices only;
 * more are sorted in place by qsort() first. */
static cw_quote *sorted_quotes(cw_arena *arena, cw_quote *q, size_t n) {
  if (n > INSERTION_SORT_MAX) {
    qsort(q, n, sizeof *q, cmp_quote);
    return cw_arena_memdup(arena, q, n * sizeof *q);
  }
  struct {
    size_t start, k;
  } ord[INSERTION_SORT_MAX];
  for (size_t i = 0; i < n; i++) {
    size_t j = i;
    for (; j > 0 && ord[j - 1].start > q[i].start; j--)
      ord[j] = ord[j - 1];
    ord[j].start = q[i].start;
    ord[j].k = i;
  }
  cw_quote *res = cw_arena_alloc_uninit(arena, n * sizeof *res);
  if (res)
    for (size_t i = 0; i < n; i++)
      res[i] = q[ord[i].k];
  return res;
}

/* The speaker of quote q, a phrase with no entity, is a document ("the
 * papers seen by the commission suggested ..."): its head, the last word
 * before a modifier, is one of doc_nouns[]. */
static int document_speaker(const qctx *c, const cw_quote *q) {
  if (q->speaker_entity >= 0 || q->speaker_end <= q->speaker_start)
    return 0;
  size_t k = token_at(c, q->speaker_start), h = SIZE_MAX;
  for (; k < c->nt && c->t[k].end <= q->speaker_end && np_tok(c, k) &&
         !(tok_is(c, k + 1, "by") && by_participle(c, k));
       k++)
    h = k;
  return h != SIZE_MAX && tok_in(c, h, WL_DOC_NOUNS);
}

/* A partial quote without a speaker, or whose speaker is a document,
 * inside an indirect one with a speaker ("Voss said ... and described the
 * strike as "unlawful"", "Voss said papers seen by the panel suggested
 * ... "..."") is that speaker's. Its cue stays its own: the report's verb
 * may be none of the partial's ("told" for a word in marks of the clause),
 * and on PolNeAR the copied cues scored worse (cue F1 of all quotes 68.2
 * -> 66.9). q holds n quotes by start. */
static void reports_hold_partials(const qctx *c, cw_quote *q, size_t n) {
  size_t cover = SIZE_MAX; /* the indirect quote reaching furthest */
  for (size_t i = 0; i < n; i++) {
    if (q[i].kind == CW_QUOTE_INDIRECT) {
      if ((q[i].speaker || q[i].speaker_entity >= 0) &&
          (cover == SIZE_MAX || q[i].end > q[cover].end))
        cover = i;
      continue;
    }
    if (q[i].kind != CW_QUOTE_PARTIAL || q[i].speaker_entity >= 0 ||
        cover == SIZE_MAX || q[cover].end < q[i].end ||
        (q[i].speaker && !document_speaker(c, &q[i])))
      continue;
    q[i].speaker = q[cover].speaker;
    q[i].speaker_entity = q[cover].speaker_entity;
    q[i].speaker_start = q[cover].speaker_start;
    q[i].speaker_end = q[cover].speaker_end;
  }
}

const char *cw_quote_kind_name(cw_quote_kind kind) {
  switch (kind) {
  case CW_QUOTE_DIRECT:
    return "direct";
  case CW_QUOTE_PARTIAL:
    return "partial";
  case CW_QUOTE_INDIRECT:
    return "indirect";
  }
  return "direct";
}

/* Words of a reported clause, at most max: a run of letters, digits and
 * other bytes between spaces. *names counts those that open with a capital
 * letter. */
static size_t clause_words(const char *s, size_t max, size_t *names) {
  size_t n = 0;
  *names = 0;
  for (const char *p = s; *p && n < max;) {
    while (*p == ' ' || *p == '\n' || *p == '\t')
      p++;
    if (!*p)
      break;
    n++;
    *names += *p >= 'A' && *p <= 'Z';
    while (*p && *p != ' ' && *p != '\n' && *p != '\t')
      p++;
  }
  return n;
}

/* A bare name is at most this many capitalised words ("Jane Roe", "the
 * Port Authority of Nova" is no longer one). */
#define BARE_NAME_MAX 4

/* Whether a cue as written withholds or denies its report: one of its
 * words is "not", "never", "cannot", "yet" or ends in "n't" (a straight
 * or a curly apostrophe). A cue of one word has none. */
static int withheld_cue(const char *cue) {
  if (!strchr(cue, ' '))
    return 0;
  for (const char *p = cue; *p;) {
    while (*p == ' ')
      p++;
    const char *w = p;
    while (*p && *p != ' ')
      p++;
    size_t n = (size_t)(p - w);
    if ((n == 3 &&
         (cw_strncaseeq(w, "not", 3) || cw_strncaseeq(w, "yet", 3))) ||
        (n == 5 && cw_strncaseeq(w, "never", 5)) ||
        (n == 6 && cw_strncaseeq(w, "cannot", 6)) ||
        (n > 3 && cw_strncaseeq(w + n - 3, "n't", 3)) ||
        (n > 5 && cw_strncaseeq(w + n - 5, "n\xE2\x80\x99t", 5)))
      return 1;
  }
  return 0;
}

int cw_quote_is_utterance(const cw_quote *q) {
  if (!q)
    return 0;
  if (q->kind != CW_QUOTE_INDIRECT)
    return 1; /* words in marks */
  /* "Roe attacked Trump", "Roe endorsed Jane Doe": whom a report was
   * about, no words of it */
  size_t names,
      words = clause_words(q->text ? q->text : "", BARE_NAME_MAX + 1, &names);
  if (words < 2 || (words <= BARE_NAME_MAX && names == words))
    return 0;
  if (!q->cue)
    return 1; /* a transcript line ("ROE: We will ...") */
  if (withheld_cue(q->cue))
    return 0; /* "has not said whether ...", "did not confirm that ..." */
  size_t n = strlen(q->cue);
  char w[32];
  uint32_t h;
  if (n == 0 || n >= sizeof w)
    return 0;
  size_t fn = fold_word((const unsigned char *)q->cue, n, w, &h);
  if (!strcmp(w, "according to"))
    return 1;
  pthread_once(&lexicon_once, lexicon_build);
  const lexword *lw = lexicon_find(w, fn, h);
  if (!lw)
    return 0; /* a verb of an act: "turned", "made", "sporting" */
  /* "responded to requests for comment": what was answered, not how */
  if (lw->vf && !strncmp(w, "respon", 6) && q->text &&
      !strncmp(q->text, "to ", 3))
    return 0;
  if (lw->vf)
    return !(lw->vf & V_ACT);
  /* a noun: "his claim that ..." reports words, "his criticism of the
   * levy" only names what they were about; a noun of both lists
   * ("warning", "remarks") reports words when its clause opened with
   * "that", which the span holds and the text does not */
  if (!((lw->lists >> WL_REPORT_NOUNS) & 1))
    return 0;
  return !((lw->lists >> WL_STANCE_NOUNS) & 1) || !q->text ||
         q->end - q->start > strlen(q->text);
}

/* Cues of a written post. */
static const char *const writing_cues[] = {"wrote",     "writes",  "posted",
                                           "posts",     "tweeted", "tweets",
                                           "captioned", NULL};

/* strcasecmp(s, w) == 0 in the C locale for the lower-case ASCII word w,
 * leaving at the first byte that differs (most cues differ in their
 * first two). */
static int ascii_caseeq(const char *s, const char *w) {
  size_t k = 0;
  for (; w[k]; k++) {
    unsigned char ch = (unsigned char)s[k];
    if (ch >= 'A' && ch <= 'Z')
      ch = (unsigned char)(ch + 32);
    if (ch != (unsigned char)w[k])
      return 0;
  }
  return s[k] == 0;
}

/* A post quoted without saying where ("'Scary,' Mr Musk wrote as a
 * caption") was written on the platform its sentence or the two before
 * name after "on" ("He hinted at them on his social platform X"). */
static void channels_from_context(qctx *c) {
  cw_quote *q = c->out.items;
  for (size_t n = 0; n < c->out.len; n++) {
    if (q[n].channel || !q[n].cue)
      continue;
    /* every cue of writing_cues[] starts with one of these letters */
    char c0 = (char)(q[n].cue[0] | 0x20);
    if (c0 != 'w' && c0 != 'p' && c0 != 't' && c0 != 'c')
      continue;
    int writing = 0;
    for (size_t k = 0; writing_cues[k] && !writing; k++)
      writing = ascii_caseeq(q[n].cue, writing_cues[k]);
    if (!writing)
      continue;
    size_t ti = token_at(c, q[n].start);
    if (ti >= c->nt)
      continue;
    size_t s = c->t[ti].sent;
    size_t from = c->sent_first[s >= 2 ? s - 2 : 0];
    for (size_t k = ti; k-- > from;) {
      if (!tok_is(c, k, "on"))
        continue;
      size_t j = k + 1;
      if (tok_in(c, j, WL_POSS_WORDS))
        j++;
      while (j < ti && j < k + 5 && is_word(c, j) && !is_cap(c, j))
        j++;
      if (j < ti && is_cap(c, j) && tok_in(c, j, WL_PLATFORMS)) {
        size_t e = cap_run(c, j, ti);
        q[n].channel = cw_arena_strndup(c->an->arena, c->text + c->t[j].start,
                                        c->t[e - 1].end - c->t[j].start);
        break;
      }
    }
  }
}

cw_status cw_quotes_find(const char *text, size_t len, const cw_analysis *an,
                         cw_quote **out, size_t *n) {
  if (!out || !n || !an || (!text && len))
    return CW_ERR_USAGE;
  *out = NULL;
  *n = 0;
  if (!len)
    return CW_OK;
  qctx c;
  memset(&c, 0, sizeof c);
  c.text = text;
  c.len = len;
  c.an = an;
  cw_vec toks;
  const cw_token *tok;
  const lexword **wl = NULL; /* per analysis word: its entry, once found */
  cw_vec_init(&toks, sizeof(cw_token));
  cw_vec_init(&c.out, sizeof(cw_quote));
  /* the analysis' tokens (split with its sentences) */
  cw_status st = cw_an_tokens(an, text, len, 1, &toks, &tok, &c.nt);
  if (st)
    goto done;
  st = CW_ERR_NOMEM;
  /* not zeroed: each table is written before it is read (the tokens as
   * they are copied, a sentence's bounds for each of the c.ns numbered,
   * the quotes and the mentions as they are added) */
  c.t = c.nt ? malloc(c.nt * sizeof *c.t) : NULL;
  /* sent_first's block holds para_first, marks, ris and rs behind it */
  c.sent_first = malloc(5 * (c.nt + 1) * sizeof *c.sent_first);
  c.sent_end = malloc((c.nt + 1) * sizeof *c.sent_end);
  c.rq_cap = c.nt / 2 + 1 < QUOTES_MAX ? c.nt / 2 + 1 : QUOTES_MAX;
  c.rq = malloc(c.rq_cap * sizeof *c.rq);
  size_t nm = 0;
  for (size_t e = 0; e < an->n_entities; e++)
    nm += an->entities[e].n_mentions;
  c.m = nm ? malloc(nm * sizeof *c.m) : NULL;
  if ((c.nt && !c.t) || !c.sent_first || !c.sent_end || !c.rq || (nm && !c.m))
    goto done;
  /* room for the quotes of a news text (about one per 20 tokens) at once
   * rather than by doubling */
  if (cw_vec_reserve(&c.out,
                     c.nt / 16 + 8 < QUOTES_MAX ? c.nt / 16 + 8 : QUOTES_MAX))
    goto done;
  c.para_first = c.sent_first + c.nt + 1;
  c.marks = c.para_first + c.nt + 1;
  c.ris = c.marks + c.nt + 1;
  c.rs = c.ris + c.nt + 1;
  for (size_t e = 0; e < an->n_entities; e++)
    for (size_t k = 0; k < an->entities[e].n_mentions; k++)
      c.m[c.nm++] = (mref){an->entities[e].mentions[k].start,
                           an->entities[e].mentions[k].end, (long)e};
  if (c.nm)
    sort_mrefs(c.m, c.nm);
  c.rm = nm ? malloc(nm * sizeof *c.rm) : NULL;
  if (nm && !c.rm)
    goto done;
  for (size_t k = 0; k < c.nm; k++)
    if (an->entities[c.m[k].ent].n_roles)
      c.rm[c.nrm++] = k;
  /* the analysis' word of each ASCII token (its fold here too), when the
   * tokens are the analysis' own */
  const int32_t *tw =
      tok == an->tokens && an->token_word && an->words ? an->token_word : NULL;
  if (tw && !(wl = calloc(an->n_words ? an->n_words : 1, sizeof *wl)))
    goto done;
  /* the fold of tokens that are no analysis word: at most the text and a
   * NUL byte a token */
  st = CW_ERR_NOMEM;
  c.folded = malloc(len + c.nt + 1);
  if (!c.folded)
    goto done;
  st = CW_OK;
  pthread_once(&lexicon_once, lexicon_build);
  char *fw = c.folded;
  /* one pass: copy the tokens (two straight apostrophes in a row ('') are
   * one double mark, as some wire and archive texts write them), fold each
   * word once, look each word up once, number paragraphs and sentences */
  /* locals rather than c's fields, which the stores through the tables
   * would make the compiler reload */
  const size_t nt = c.nt;
  qtok *const T = c.t;
  size_t *const sf = c.sent_first, *const se = c.sent_end;
  size_t *const pf = c.para_first, *const marks = c.marks, *const ris = c.ris,
                *const rs = c.rs;
  size_t nmarks = 0, nris = 0, nrs = 0;
  size_t k = 0, para = 0, sent = 0;
  size_t prev_end = 0;
  int prev_kind = 0, prev_pc = PC_NONE;
  if (nt) {
    pf[0] = 0;
    sf[0] = 0;
  }
  for (size_t i = 0; i < nt; i++, k++) {
    const cw_token *tk = &tok[i];
    qtok *t = &T[k];
    const size_t ts = tk->start;
    size_t te = tk->end;
    const int kind = tk->kind, flags = tk->flags;
    int32_t wi = tw ? tw[i] : -1; /* -1 for a pair of marks, as for either */
    int pc = PC_NONE;
    if (kind == CW_TOK_PUNCT) {
      if (i + 1 < nt && te == ts + 1 && text[ts] == '\'' && tk[1].start == te &&
          tk[1].end == te + 1 && text[te] == '\'') {
        te++;
        i++;
      }
      pc = punct_class(text + ts, te - ts);
    }
    const lexword *lw;
    if (wi >= 0) {
      /* the analysis' word: looked up once per word */
      const char *w = an->words[wi];
      const lexword **slot = &wl[wi];
      if (!*slot) {
        /* the lower case of the ASCII token: its length */
        size_t wn = tk->end - ts;
        assert(wn == strlen(w));
        /* no word of the lexicon starts with a digit, for one */
        *slot = lexicon_first[(unsigned char)w[0]]
                    ? lexicon_find(w, wn, lex_hash(w, wn))
                    : NULL;
        assert(*slot == lexicon_find(w, wn, lex_hash(w, wn)));
        if (!*slot)
          *slot = &no_entry;
      }
      t->w = w;
      lw = *slot;
    } else if (pc != PC_NONE) {
      t->w = pc_text[pc]; /* its fold; no word of the lexicon */
      lw = &no_entry;
      assert(!lexicon_first[(unsigned char)pc_text[pc][0]]);
    } else {
      uint32_t h;
      size_t fn = fold_word((const unsigned char *)text + ts, te - ts, fw, &h);
      t->w = fw;
      fw += fn + 1;
      /* no word of the lexicon starts with most bytes */
      lw = lexicon_first[(unsigned char)t->w[0]] ? lexicon_find(t->w, fn, h)
                                                 : NULL;
      assert(lw == lexicon_find(t->w, fn, h));
      if (!lw)
        lw = &no_entry;
    }
    if (k > 0) {
      /* a paragraph ends at a blank line, or at a newline after terminal
       * punctuation, a mark or a colon (hard-wrapped prose keeps its
       * lines together) */
      size_t nl = 0;
      if (ts == prev_end + 1) /* the usual gap: one byte */
        nl = text[prev_end] == '\n';
      else
        for (size_t p = prev_end; p < ts; p++)
          if (text[p] == '\n')
            nl++;
      if (nl >= 2 || (nl == 1 && prev_kind == CW_TOK_PUNCT))
        pf[++para] = k;
      if (flags & CW_TOKF_SENT_START) {
        se[sent] = k;
        sf[++sent] = k;
      }
    }
    /* no_entry: vf and lists 0 */
    const int vf = kind == CW_TOK_WORD ? lw->vf : 0;
    const uint64_t lists = lw->lists;
    t->start = ts;
    t->end = te;
    t->kind = kind;
    t->flags = flags;
    t->mark = M_NONE;
    t->pc = pc;
    t->can_open = t->can_close = 0;
    t->para = para;
    t->sent = sent;
    t->in_quote = -1;
    t->used = 0;
    t->vf = vf;
    t->lists = lists;
    t->rep = 0;
    if (pc == PC_NONE && kind == CW_TOK_PUNCT &&
        mark_byte((unsigned char)text[ts]))
      marks[nmarks++] = k;
    if ((vf & RIS_VERBS) || (lists & RIS_LISTS))
      ris[nris++] = k;
    if ((lists & RS_LISTS) || prev_pc == PC_SEMI)
      rs[nrs++] = k;
    prev_end = te;
    prev_kind = kind;
    prev_pc = pc;
  }
  c.nt = k;
  if (k)
    se[sent] = k;
  c.nmarks = nmarks;
  c.nris = nris;
  c.nrs = nrs;
  c.ns = k ? sent + 1 : 0;
  c.npara = k ? para + 1 : 0;
  base_forms_as_nouns(&c);
  classify_marks(&c);
  pair_marks(&c);
  st = direct_quotes(&c);
  if (st == CW_OK)
    st = reported_speech(&c);
  if (st == CW_OK)
    st = partial_clauses(&c);
  if (st == CW_OK)
    st = label_lines(&c);
  if (st)
    goto done;
  channels_from_context(&c);
  if (c.out.len) {
    cw_quote *res = sorted_quotes(an->arena, c.out.items, c.out.len);
    if (!res) {
      st = CW_ERR_NOMEM;
      goto done;
    }
    reports_hold_partials(&c, res, c.out.len);
    *out = res;
    *n = c.out.len;
  }
done:
  free(wl);
  free(c.t);
  free(c.folded);
  free(c.sent_first);
  free(c.sent_end);
  free(c.rq);
  free(c.m);
  free(c.rm);
  cw_vec_free(&toks);
  cw_vec_free(&c.out);
  return st;
}
