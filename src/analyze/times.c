/* times.c - finds time expressions in English news text and normalises
 * them to TimeML TIMEX3 values against the document creation time (DCT).
 *
 * Why rules and not a model: news dates come in a small number of shapes
 * ("June 5", "last week", "three days ago", "4:25 p.m. EST") and TimeML's
 * values are computed by calendar arithmetic, which a rule system does
 * exactly (HeidelTime's approach). The text is cut into ASCII word, number
 * and punctuation tokens; at each token a set of matchers proposes an
 * expression and the longest wins, so "two days later" beats the duration
 * "two days". Spans follow TimeBank: leading prepositions ("on", "in",
 * "since") stay outside, determiners and modifiers ("the", "last",
 * "early", "ago") inside. Dates are kept as a granularity plus fields, so
 * "a year earlier" after "the third quarter" becomes the quarter a year
 * before (the year before after "the first nine months"; a forecast
 * quarter or "a flat second quarter" does not change the quarter under
 * discussion), and "two days later" counts from the last date found.
 * Weekdays and bare month-days pick the side of the DCT the sentence's
 * tense points to (a weekday with no tense is the one of the DCT's week).
 * Without a DCT nothing is guessed: missing fields become X.
 * Every matcher looks at a bounded number of tokens, so the whole pass is
 * linear in the text. Speed: each word is looked up once in a hashed
 * lexicon of the words the matchers know, so a word test is an integer
 * compare, and the matchers are not even tried at words that cannot
 * start an expression (most of a text); elsewhere only those that can
 * start at the token's word or number are (starts_at()).
 */
#include "analyze/times.h"

#include "analyze/analyze.h"

#include "core/time.h"
#include "text/text.h"

#include <assert.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest word compared against the lexicon (lowercase copy); longer
 * words match nothing, which bounds every comparison. */
#define TX_WORD_MAX 16
/* Digit runs longer than this are not numbers: no overflow on hostile
 * input such as a line of ten thousand digits. */
#define TX_DIGITS_MAX 9
/* Room for any value we write ("2025-06-05T16:25", "XXXX-WXX-5"). */
#define TX_VALUE_MAX 64
/* A date written alone, before a time of day is appended. */
#define TX_DAY_MAX 24
/* Longest word tested against the stopwords after a holiday name. */
#define TX_HOLIDAY_WORD_MAX 24
/* How far around an expression the tense of its sentence is looked for. */
#define TX_TENSE_WINDOW 40
/* tok.tense of a word not asked yet (word_tense() gives -1, 0 or 1). */
#define TENSE_UNSET 3

enum { K_WORD, K_NUM, K_PUNCT };

/* Every word the matchers test for (kept in alphabetical order for the
 * reader; word_id hashes). The tokenizer looks each word up once and the
 * matchers compare ids: "is_w(c, i, W_JUNE)" is one integer compare, and
 * a word outside the lexicon (id W_NONE) can start no expression. */
/* clang-format off */
#define TX_LEXICON(X) \
    X(W_A, "a") X(W_ABOUT, "about") X(W_ADDITIONAL, "additional") \
    X(W_ADVANCED, "advanced") X(W_AEST, "aest") X(W_AFTER, "after") \
    X(W_AFTERNOON, "afternoon") X(W_AGO, "ago") X(W_ALMOST, "almost") \
    X(W_AM, "am") X(W_AN, "an") X(W_AND, "and") X(W_ANNUALLY, "annually") \
    X(W_APPROXIMATELY, "approximately") X(W_APR, "apr") X(W_APRIL, "april") \
    X(W_ARE, "are") X(W_AROSE, "arose") X(W_AROUND, "around") X(W_AS, "as") \
    X(W_AT, "at") X(W_ATE, "ate") X(W_AUG, "aug") X(W_AUGUST, "august") \
    X(W_AUTUMN, "autumn") X(W_BASED, "based") X(W_BE, "be") \
    X(W_BECAME, "became") X(W_BECAUSE, "because") X(W_BED, "bed") \
    X(W_BEEN, "been") X(W_BEFORE, "before") X(W_BEGAN, "began") \
    X(W_BEGINNING, "beginning") X(W_BIT, "bit") X(W_BIWEEKLY, "biweekly") \
    X(W_BLED, "bled") X(W_BLEW, "blew") X(W_BOUGHT, "bought") \
    X(W_BROKE, "broke") X(W_BROUGHT, "brought") X(W_BST, "bst") \
    X(W_BUDGET, "budget") X(W_BUILT, "built") X(W_BUT, "but") X(W_BY, "by") \
    X(W_CAME, "came") X(W_CAN, "can") X(W_CAPT, "capt") \
    X(W_CAUGHT, "caught") X(W_CDT, "cdt") X(W_CENSUS, "census") \
    X(W_CENTURIES, "centuries") X(W_CENTURY, "century") X(W_CEST, "cest") \
    X(W_CET, "cet") X(W_CHOSE, "chose") X(W_CHRISTMAS, "christmas") \
    X(W_CLOCK, "clock") X(W_CLOSE, "close") X(W_CO, "co") X(W_COL, "col") \
    X(W_COMING, "coming") X(W_COMPARED, "compared") X(W_CORP, "corp") \
    X(W_COULD, "could") X(W_COUPLE, "couple") X(W_CRISIS, "crisis") \
    X(W_CST, "cst") X(W_CT, "ct") X(W_CURRENT, "current") \
    X(W_CURRENTLY, "currently") X(W_DAILY, "daily") X(W_DAY, "day") \
    X(W_DAYS, "days") X(W_DEC, "dec") X(W_DECADE, "decade") \
    X(W_DECADES, "decades") X(W_DECEMBER, "december") \
    X(W_DETAILED, "detailed") X(W_DID, "did") X(W_DOZEN, "dozen") \
    X(W_DR, "dr") X(W_DREW, "drew") X(W_DROVE, "drove") X(W_DUE, "due") \
    X(W_DUG, "dug") X(W_DURING, "during") X(W_EACH, "each") \
    X(W_EARLIER, "earlier") X(W_EARLY, "early") X(W_EARNINGS, "earnings") \
    X(W_EASTER, "easter") X(W_EDT, "edt") X(W_EET, "eet") \
    X(W_EIGHT, "eight") X(W_EIGHTEEN, "eighteen") \
    X(W_EIGHTEENTH, "eighteenth") X(W_EIGHTH, "eighth") \
    X(W_EIGHTIES, "eighties") X(W_EIGHTY, "eighty") \
    X(W_ELECTION, "election") X(W_ELECTIONS, "elections") \
    X(W_ELEVEN, "eleven") X(W_ELEVENTH, "eleventh") X(W_END, "end") \
    X(W_ENDED, "ended") X(W_ENDING, "ending") X(W_EST, "est") X(W_ET, "et") \
    X(W_EVE, "eve") X(W_EVENING, "evening") X(W_EVERY, "every") \
    X(W_EXCEED, "exceed") X(W_EXPECTED, "expected") X(W_EXPECTS, "expects") \
    X(W_FALL, "fall") X(W_FEB, "feb") X(W_FEBRUARY, "february") \
    X(W_FEED, "feed") X(W_FELL, "fell") X(W_FEW, "few") X(W_FEWER, "fewer") \
    X(W_FIFTEEN, "fifteen") X(W_FIFTEENTH, "fifteenth") X(W_FIFTH, "fifth") \
    X(W_FIFTIES, "fifties") X(W_FIFTY, "fifty") X(W_FIGURES, "figures") \
    X(W_FINAL, "final") X(W_FIRST, "first") X(W_FISCAL, "fiscal") \
    X(W_FIVE, "five") X(W_FLED, "fled") X(W_FLEW, "flew") \
    X(W_FOLLOWING, "following") X(W_FOR, "for") X(W_FORGOT, "forgot") \
    X(W_FORTIES, "forties") X(W_FORTY, "forty") X(W_FOUGHT, "fought") \
    X(W_FOUND, "found") X(W_FOUR, "four") X(W_FOURTEEN, "fourteen") \
    X(W_FOURTH, "fourth") X(W_FRIDAY, "friday") X(W_FROM, "from") \
    X(W_FROZE, "froze") X(W_FULL, "full") X(W_FUTURE, "future") \
    X(W_GAMES, "games") X(W_GAVE, "gave") X(W_GEN, "gen") X(W_GMT, "gmt") \
    X(W_GOING, "going") X(W_GOT, "got") X(W_GOV, "gov") X(W_GREW, "grew") \
    X(W_HAD, "had") X(W_HALF, "half") X(W_HALLOWEEN, "halloween") \
    X(W_HE, "he") X(W_HEARD, "heard") X(W_HELD, "held") X(W_HENCE, "hence") \
    X(W_HID, "hid") X(W_HIGH, "high") X(W_HIT, "hit") X(W_HKT, "hkt") \
    X(W_HOUR, "hour") X(W_HOURLY, "hourly") X(W_HOURS, "hours") \
    X(W_HUNDRED, "hundred") X(W_HUNG, "hung") X(W_I, "i") X(W_IF, "if") \
    X(W_IN, "in") X(W_INC, "inc") X(W_INDEED, "indeed") \
    X(W_INDEPENDENCE, "independence") X(W_IS, "is") X(W_IST, "ist") \
    X(W_IT, "it") X(W_JAN, "jan") X(W_JANUARY, "january") X(W_JR, "jr") \
    X(W_JST, "jst") X(W_JUL, "jul") X(W_JULY, "july") X(W_JUN, "jun") \
    X(W_JUNE, "june") X(W_KEPT, "kept") X(W_KNEW, "knew") X(W_LAST, "last") \
    X(W_LATE, "late") X(W_LATELY, "lately") X(W_LATER, "later") \
    X(W_LATEST, "latest") X(W_LEAST, "least") X(W_LED, "led") \
    X(W_LEFT, "left") X(W_LESS, "less") X(W_LEVEL, "level") \
    X(W_LEVELS, "levels") X(W_LIMITED, "limited") X(W_LISTED, "listed") \
    X(W_LL, "ll") X(W_LOST, "lost") X(W_LT, "lt") X(W_M, "m") \
    X(W_MADE, "made") X(W_MANY, "many") X(W_MAR, "mar") X(W_MARCH, "march") \
    X(W_MAY, "may") X(W_MDT, "mdt") X(W_MEANT, "meant") X(W_MET, "met") \
    X(W_MID, "mid") X(W_MIDDAY, "midday") X(W_MIDDLE, "middle") \
    X(W_MIDNIGHT, "midnight") X(W_MIGHT, "might") X(W_MINUTE, "minute") \
    X(W_MINUTES, "minutes") X(W_MONDAY, "monday") X(W_MONTH, "month") \
    X(W_MONTHLY, "monthly") X(W_MONTHS, "months") X(W_MORE, "more") \
    X(W_MORNING, "morning") X(W_MOST, "most") X(W_MR, "mr") X(W_MRS, "mrs") \
    X(W_MS, "ms") X(W_MSK, "msk") X(W_MST, "mst") X(W_MT, "mt") \
    X(W_ND, "nd") X(W_NEAR, "near") X(W_NEARLY, "nearly") X(W_NEED, "need") \
    X(W_NEEDED, "needed") X(W_NEW, "new") X(W_NEXT, "next") \
    X(W_NIGHT, "night") X(W_NIGHTLY, "nightly") X(W_NINE, "nine") \
    X(W_NINETEEN, "nineteen") X(W_NINETEENTH, "nineteenth") \
    X(W_NINETIES, "nineties") X(W_NINETY, "ninety") X(W_NINTH, "ninth") \
    X(W_NO, "no") X(W_NOON, "noon") X(W_NOV, "nov") \
    X(W_NOVEMBER, "november") X(W_NOW, "now") X(W_NOWADAYS, "nowadays") \
    X(W_O, "o") X(W_OCT, "oct") X(W_OCTOBER, "october") X(W_OF, "of") \
    X(W_OLD, "old") X(W_OLYMPICS, "olympics") X(W_ON, "on") X(W_ONE, "one") \
    X(W_OR, "or") X(W_OTHER, "other") X(W_OVER, "over") \
    X(W_OVERNIGHT, "overnight") X(W_OVERTOOK, "overtook") \
    X(W_OWNED, "owned") X(W_P, "p") X(W_PAID, "paid") X(W_PAST, "past") \
    X(W_PDT, "pdt") X(W_PER, "per") X(W_PERIOD, "period") X(W_PLAN, "plan") \
    X(W_PLANNED, "planned") X(W_PLANNING, "planning") X(W_PLANS, "plans") \
    X(W_PM, "pm") X(W_PRECEDING, "preceding") X(W_PRESENT, "present") \
    X(W_PRESENTLY, "presently") X(W_PREVIOUS, "previous") \
    X(W_PRIOR, "prior") X(W_PROCEED, "proceed") X(W_PROPOSED, "proposed") \
    X(W_PST, "pst") X(W_PT, "pt") X(W_PUT, "put") X(W_QUARTER, "quarter") \
    X(W_QUARTERS, "quarters") X(W_RAN, "ran") X(W_RANG, "rang") \
    X(W_RATE, "rate") X(W_RATES, "rates") X(W_RD, "rd") \
    X(W_RECENT, "recent") X(W_RECENTLY, "recently") X(W_RED, "red") \
    X(W_RELATED, "related") X(W_REP, "rep") X(W_RESULTS, "results") \
    X(W_RODE, "rode") X(W_ROSE, "rose") X(W_ROUGHLY, "roughly") X(W_S, "s") \
    X(W_SAID, "said") X(W_SALES, "sales") X(W_SAME, "same") \
    X(W_SANG, "sang") X(W_SANK, "sank") X(W_SAT, "sat") \
    X(W_SATURDAY, "saturday") X(W_SAW, "saw") X(W_SCHEDULED, "scheduled") \
    X(W_SEASON, "season") X(W_SECOND, "second") X(W_SECONDS, "seconds") \
    X(W_SEED, "seed") X(W_SEN, "sen") X(W_SENT, "sent") X(W_SEP, "sep") \
    X(W_SEPT, "sept") X(W_SEPTEMBER, "september") X(W_SET, "set") \
    X(W_SEVEN, "seven") X(W_SEVENTEEN, "seventeen") \
    X(W_SEVENTEENTH, "seventeenth") X(W_SEVENTH, "seventh") \
    X(W_SEVENTIES, "seventies") X(W_SEVENTY, "seventy") \
    X(W_SEVERAL, "several") X(W_SGT, "sgt") X(W_SHALL, "shall") \
    X(W_SHE, "she") X(W_SHOOK, "shook") X(W_SHORT, "short") \
    X(W_SHOT, "shot") X(W_SHRANK, "shrank") X(W_SINCE, "since") \
    X(W_SIX, "six") X(W_SIXTEEN, "sixteen") X(W_SIXTEENTH, "sixteenth") \
    X(W_SIXTH, "sixth") X(W_SIXTIES, "sixties") X(W_SIXTY, "sixty") \
    X(W_SLID, "slid") X(W_SOLD, "sold") X(W_SOME, "some") X(W_SOON, "soon") \
    X(W_SOUGHT, "sought") X(W_SPED, "sped") X(W_SPEED, "speed") \
    X(W_SPENT, "spent") X(W_SPOKE, "spoke") X(W_SPRING, "spring") \
    X(W_SPUN, "spun") X(W_ST, "st") X(W_START, "start") X(W_STOLE, "stole") \
    X(W_STOOD, "stood") X(W_STRAIGHT, "straight") X(W_STRODE, "strode") \
    X(W_STRUCK, "struck") X(W_STUCK, "stuck") X(W_SUCCEED, "succeed") \
    X(W_SUMMER, "summer") X(W_SUNDAY, "sunday") X(W_SWEPT, "swept") \
    X(W_SWORE, "swore") X(W_SWUNG, "swung") X(W_TAUGHT, "taught") \
    X(W_TEN, "ten") X(W_TENTH, "tenth") X(W_TERM, "term") X(W_TH, "th") \
    X(W_THAN, "than") X(W_THANKSGIVING, "thanksgiving") X(W_THAT, "that") \
    X(W_THE, "the") X(W_THESE, "these") X(W_THEY, "they") \
    X(W_THIRD, "third") X(W_THIRTEEN, "thirteen") X(W_THIRTIES, "thirties") \
    X(W_THIRTY, "thirty") X(W_THIS, "this") X(W_THOUGHT, "thought") \
    X(W_THOUSAND, "thousand") X(W_THREE, "three") X(W_THREW, "threw") \
    X(W_THROUGH, "through") X(W_THURSDAY, "thursday") X(W_TO, "to") \
    X(W_TODAY, "today") X(W_TOLD, "told") X(W_TOMORROW, "tomorrow") \
    X(W_TONIGHT, "tonight") X(W_TOOK, "took") X(W_TORE, "tore") \
    X(W_TUESDAY, "tuesday") X(W_TURN, "turn") X(W_TWELFTH, "twelfth") \
    X(W_TWELVE, "twelve") X(W_TWENTIES, "twenties") \
    X(W_TWENTIETH, "twentieth") X(W_TWENTY, "twenty") X(W_TWO, "two") \
    X(W_U, "u") X(W_UNDERSTOOD, "understood") X(W_UNDERTOOK, "undertook") \
    X(W_UNITED, "united") X(W_UNTIL, "until") X(W_UP, "up") \
    X(W_UPCOMING, "upcoming") X(W_UTC, "utc") X(W_VS, "vs") X(W_WAS, "was") \
    X(W_WE, "we") X(W_WEDNESDAY, "wednesday") X(W_WEEK, "week") \
    X(W_WEEKEND, "weekend") X(W_WEEKENDS, "weekends") X(W_WEEKLY, "weekly") \
    X(W_WEEKS, "weeks") X(W_WENT, "went") X(W_WERE, "were") \
    X(W_WHEN, "when") X(W_WHICH, "which") X(W_WHILE, "while") \
    X(W_WIB, "wib") X(W_WILL, "will") X(W_WINTER, "winter") \
    X(W_WITH, "with") X(W_WITHDREW, "withdrew") X(W_WITHIN, "within") \
    X(W_WOKE, "woke") X(W_WON, "won") X(W_WORE, "wore") X(W_WOULD, "would") \
    X(W_WROTE, "wrote") X(W_YEAR, "year") X(W_YEARLY, "yearly") \
    X(W_YEARS, "years") X(W_YESTERDAY, "yesterday") X(W_YOU, "you") \
    X(W_ZERO, "zero")
/* clang-format on */

#define TX_WORD_ENUM(id, s) id,
enum { W_NONE, TX_LEXICON(TX_WORD_ENUM) W_COUNT };
#define TX_WORD_STRING(id, s) s,
static const char LEXICON[][TX_WORD_MAX] = {"", TX_LEXICON(TX_WORD_STRING)};

/* A token, 32 bytes: every byte of a text is read into one, and the
 * matchers mostly test id, kind and p. A word's letters are its text's
 * (tok_lower() for the few tests of a word outside the lexicon). */
typedef struct tok {
  size_t s, e;
  int num;             /* K_NUM: value, -1 when too long */
  int sent;            /* sentence index */
  unsigned short id;   /* K_WORD: W_* of its lower case, W_NONE when not in
                          the lexicon (or TX_WORD_MAX letters or more) */
  unsigned char kind;  /* K_* */
  unsigned char cap;   /* first byte is an ASCII capital */
  unsigned char ndig;  /* K_NUM: digit count, at most 100 */
  signed char tense;   /* +1 future cue, -1 or -2 past cue, 0 none
                          (word_tense); TENSE_UNSET for a word until first
                          asked */
  char p;              /* K_PUNCT: the byte, 0 for a run of non-ASCII */
  unsigned char start; /* something may start here (start_any()) */
} tok;

/* Granularities of a date, coarse to fine. */
enum {
  G_NONE,
  G_CENT,
  G_DEC,
  G_YEAR,
  G_HALF,
  G_QUART,
  G_SEASON,
  G_MONTH,
  G_WEEK,
  G_WEEKEND,
  G_DAY
};
/* Units of "three days", "two weeks ago". */
enum {
  U_NONE,
  U_SEC,
  U_MIN,
  U_HOUR,
  U_DAY,
  U_WEEK,
  U_MONTH,
  U_QUART,
  U_YEAR,
  U_DEC,
  U_CENT,
  U_WEEKEND
};

/* A date at some granularity. y < 0: year unknown; for G_DAY m < 0 means
 * only the weekday (wd, 1 = Monday) is known. G_WEEK/G_WEEKEND keep the
 * week's Monday in y-m-d. sub: the quarter, half or season (1..4). wr:
 * CW_TIMEX_YEAR_WRITTEN when y (or the decade, the century) is the
 * text's (times.h); a date counted from this one keeps it, as copies
 * and cd_shift() do, so "two years later" after "2013" is written too.
 * The day's own bit is the expression's (cand.flags), never carried. */
typedef struct cdate {
  int g;
  int y, m, d;
  int sub;
  int wd;
  unsigned wr;
} cdate;

typedef struct ctx {
  const char *text;
  tok *tk;
  size_t nt;
  int has_dct, dct_time;
  cdate dct;     /* G_DAY */
  int64_t dct_z; /* day_num(&dct) */
  int dh, dmi;
  cdate anchor;  /* last date found, G_NONE before the first */
  cdate quarter; /* last quarter found: "a year earlier" in earnings news */
  cdate named_quarter; /* last quarter named, forecasts included */
  int year_period;     /* "the first nine months" came after it: "a year
                          earlier" is then the year before */
} ctx;

/* A proposed expression over tokens [a, b). */
typedef struct cand {
  size_t a, b;
  cw_timex_type type;
  char val[TX_VALUE_MAX];
  cdate date; /* set when the expression is a usable anchor */
  int anchor;
  int quarter;    /* an explicit quarter ("the third quarter") */
  int period;     /* a part of the year ("the first nine months") */
  unsigned flags; /* CW_TIMEX_*_WRITTEN of the value (times.h) */
} cand;

/* ---- tokens ----------------------------------------------------------- */

static int is_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* The lexicon's hash table: open addressing, at most an eighth full (most
 * words looked up are not in it, and a miss probes up to an empty slot).
 * Built once per process (pthread_once), read-only afterwards. */
#define TX_LEXICON_SLOTS 4096
_Static_assert(8 * W_COUNT <= TX_LEXICON_SLOTS, "lexicon table too small");
static unsigned short lexicon_slot[TX_LEXICON_SLOTS]; /* W_*, 0 empty */
static pthread_once_t lexicon_once = PTHREAD_ONCE_INIT;

/* The hash of a word as the tokenizer holds it (lower case, NUL-padded
 * to TX_WORD_MAX bytes): its two halves mixed (the lexicon's entries are
 * padded alike). */
_Static_assert(TX_WORD_MAX == 16, "w_hash() reads two 8-byte halves");
static uint32_t w_hash(const char *w) {
  uint64_t a, b;
  memcpy(&a, w, 8);
  memcpy(&b, w + 8, 8);
  uint64_t h = a * 0x9E3779B97F4A7C15ULL + b * 0xC2B2AE3D27D4EB4FULL;
  return (uint32_t)(h >> 32);
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) &&                            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TX_SWAR 1
/* The ASCII letters of the eight bytes of v, a high bit each. */
static uint64_t letter_bits(uint64_t v) {
  const uint64_t ones = 0x0101010101010101ULL;
  /* each byte below 0x80 before the additions: none carries */
  uint64_t lo = (v | 0x20 * ones) & 0x7F * ones;
  return (lo + 0x1F * ones) & ~(lo + 0x05 * ones) & ~v & 0x80 * ones;
}
#endif

static void starts_build(void);

/* The starts of a word token by its W_* id, [0] lower case, [1]
 * capitalised (month names, weekdays and most holidays must be): built
 * once with the lexicon (starts_build()). */
static uint32_t start_bits[2][W_COUNT];

/* A word token's bytes from its id on (id, kind, cap, ndig, tense, p,
 * start) follow from its id and capital: tokenize_an() copies them
 * whole from word_tail[cap][id], filled with the lexicon. */
#define TOK_TAIL offsetof(tok, id)
#define TOK_TAIL_SIZE 8
_Static_assert(sizeof(tok) - TOK_TAIL == TOK_TAIL_SIZE,
               "a token's tail is 8 bytes");
static unsigned char word_tail[2][W_COUNT][TOK_TAIL_SIZE];

/* The lexicon's hash table, the starts of its words (starts_build()) and
 * their tokens' tails. */
static void lexicon_build(void) {
  for (int id = 1; id < W_COUNT; id++) {
    uint32_t k = w_hash(LEXICON[id]) & (TX_LEXICON_SLOTS - 1);
    while (lexicon_slot[k])
      k = (k + 1) & (TX_LEXICON_SLOTS - 1);
    lexicon_slot[k] = (unsigned short)id;
  }
  starts_build();
  for (int cap = 0; cap < 2; cap++)
    for (int id = 0; id < W_COUNT; id++) {
      /* as tokenize_span() writes a word's token */
      tok k;
      memset(&k, 0, sizeof k);
      k.id = (unsigned short)id;
      k.kind = K_WORD;
      k.cap = (unsigned char)cap;
      k.tense = TENSE_UNSET;
      k.start = start_bits[cap][id] != 0;
      memcpy(word_tail[cap][id], (const char *)&k + TOK_TAIL, TOK_TAIL_SIZE);
    }
}

/* The W_* id of the lowercase word w (zero-padded to TX_WORD_MAX bytes)
 * of hash h, or W_NONE. */
static int word_id(const char *w, uint32_t h) {
  uint32_t k = h & (TX_LEXICON_SLOTS - 1);
  for (int id; (id = lexicon_slot[k]) != W_NONE;
       k = (k + 1) & (TX_LEXICON_SLOTS - 1))
    if (!memcmp(w, LEXICON[id], TX_WORD_MAX))
      return id;
  return W_NONE;
}

/* Abbreviations whose period does not end a sentence. */
static int no_stop_abbrev(int id) {
  switch (id) { /* a switch: the compiler tests them at once */
  case W_MR:
  case W_MRS:
  case W_MS:
  case W_DR:
  case W_ST:
  case W_GEN:
  case W_SEN:
  case W_REP:
  case W_GOV:
  case W_JAN:
  case W_FEB:
  case W_MAR:
  case W_APR:
  case W_JUN:
  case W_JUL:
  case W_AUG:
  case W_SEP:
  case W_SEPT:
  case W_OCT:
  case W_NOV:
  case W_DEC:
  case W_U:
  case W_S:
  case W_CO:
  case W_CORP:
  case W_INC:
  case W_NO:
  case W_A:
  case W_P:
  case W_M:
  case W_LT:
  case W_COL:
  case W_CAPT:
  case W_JR:
  case W_VS:
    return 1;
  default:
    return 0;
  }
}

/* The tokenizer's state between two tokens: the sentence index, whether
 * a sentence end is pending (1 after . ! ?, 2 after a blank line) and the
 * newlines since the last token. */
typedef struct tz_state {
  int sent, pending, newlines;
} tz_state;

/* Room for an article's tokens, a few bytes each, up front (at most 64 KiB
 * worth: a huge text grows the vector as usual). */
static cw_status tokens_reserve(cw_vec *v, size_t n) {
  if (v->cap)
    return CW_OK;
  size_t want = (n < ((size_t)64 << 10) ? n : ((size_t)64 << 10)) / 4 + 16;
  return cw_vec_reserve(v, want) ? CW_ERR_NOMEM : CW_OK;
}

/* Appends to v the tokens of t[i, n), t's bytes from i on (n may be short
 * of the text's end when a token ends there and another begins), going on
 * from state z. */
static cw_status tokenize_span(const char *t, size_t i, size_t n, tz_state *z,
                               cw_vec *v) {
  int sent = z->sent, pending = z->pending, newlines = z->newlines;
  while (i < n) {
    unsigned char c = (unsigned char)t[i];
    if (c <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
                     c == '\f' || c == '\v')) {
      if (c == '\n' && ++newlines >= 2)
        pending = 2;
      i++;
      continue;
    }
    newlines = 0;
    tok *k;
    if (v->len < v->cap) { /* cw_vec_push() without the call */
      k = &CW_VEC_AT(v, tok, v->len++);
      memset(k, 0, sizeof *k);
    } else if (!(k = cw_vec_push(v))) {
      return CW_ERR_NOMEM;
    }
    k->s = i;
    k->num = -1;
    size_t j = i;
    if (is_alpha(c)) {
      char w[TX_WORD_MAX] = {0}; /* the lower case, while it fits */
      /* the run of letters and its lower case (an ASCII letter with the
       * 0x20 bit set is its lower case, and only letters land in a..z
       * that way), copied into w while it fits; a word too long for w
       * keeps it empty and matches nothing */
#ifdef TX_SWAR
      /* eight bytes at a time while the text goes on that far */
      while (n - j >= 8) {
        const uint64_t high = 0x8080808080808080ULL;
        uint64_t chunk;
        memcpy(&chunk, t + j, 8);
        uint64_t others = ~letter_bits(chunk) & high;
        /* m letters, then (when m < 8) the byte that ends the word */
        size_t m = others ? (size_t)__builtin_ctzll(others) / 8 : 8;
        uint64_t lower = (chunk | 0x2020202020202020ULL) &
                         (m == 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * m)) - 1);
        if (j - i <= TX_WORD_MAX - 8)
          memcpy(w + (j - i), &lower, 8);
        j += m;
        if (m < 8)
          break;
      }
#endif
      for (; j < n; j++) {
        unsigned char ch = (unsigned char)((unsigned char)t[j] | 0x20);
        if ((unsigned)(ch - 'a') >= 26u)
          break;
        if (j - i < TX_WORD_MAX - 1)
          w[j - i] = (char)ch;
      }
      k->kind = K_WORD;
      k->tense = TENSE_UNSET; /* tense_of() */
      k->cap = c >= 'A' && c <= 'Z';
      if (j - i < TX_WORD_MAX)
        k->id = (unsigned short)word_id(w, w_hash(w));
      k->start = start_bits[k->cap][k->id] != 0;
    } else if (is_digit(c)) {
      while (j < n && is_digit((unsigned char)t[j]))
        j++;
      k->kind = K_NUM;
      k->start = 1;
      k->ndig = (unsigned char)(j - i < 100 ? j - i : 100);
      if (j - i <= TX_DIGITS_MAX) {
        int val = 0;
        for (size_t q = i; q < j; q++)
          val = val * 10 + (t[q] - '0');
        k->num = val;
      }
    } else if (c >= 0x80) {
      while (j < n && (unsigned char)t[j] >= 0x80)
        j++;
      k->kind = K_PUNCT;
    } else {
      j = i + 1;
      k->kind = K_PUNCT;
      k->p = (char)c;
      k->start = c == '\'';
    }
    k->e = j;
    /* a sentence ends at . ! ? followed by space and a capital, or at a
     * blank line */
    if (pending == 2 || (pending == 1 && k->kind == K_WORD && k->cap &&
                         k->s > 0 && cw_is_space((unsigned char)t[k->s - 1])))
      sent++;
    if (k->kind != K_PUNCT || k->p == '"' || k->p == '\'')
      pending = pending == 1 && k->kind == K_PUNCT ? 1 : 0;
    if (k->kind == K_PUNCT && (k->p == '!' || k->p == '?'))
      pending = 1;
    if (k->kind == K_PUNCT && k->p == '.') {
      tok *prev = v->len >= 2 ? &CW_VEC_AT(v, tok, v->len - 2) : NULL;
      pending = !(prev && prev->kind == K_WORD && prev->e == k->s &&
                  no_stop_abbrev(prev->id));
    }
    k->sent = sent;
    i = j;
  }
  z->sent = sent;
  z->pending = pending;
  z->newlines = newlines;
  return CW_OK;
}

static cw_status tokenize(const char *t, size_t n, cw_vec *v) {
  tz_state z = {0, 0, 0};
  cw_status st = tokens_reserve(v, n);
  return st ? st : tokenize_span(t, 0, n, &z, v);
}

/* A distinct word of an analysis as tokenize_span() would read its
 * tokens (their id and start), computed the first time one is met. */
typedef struct an_word {
  unsigned len1;          /* 0 until met; then 1 + the word's length, or 1
                             when it is not all lower-case ASCII letters
                             (the length of no word token) */
  unsigned short id;      /* tok.id */
  unsigned char start[2]; /* tok.start, by tok.cap */
} an_word;

static void an_word_init(an_word *m, const char *s) {
  char w[TX_WORD_MAX] = {0}; /* the word while it fits */
  size_t l = 0;
  for (; (unsigned)(s[l] - 'a') < 26u; l++)
    if (l < TX_WORD_MAX)
      w[l] = s[l];
  m->len1 = 1; /* not all lower-case ASCII letters: no token's length */
  m->id = W_NONE;
  if (!s[l] && l < UINT32_MAX) {
    m->len1 = (unsigned)l + 1;
    if (l < TX_WORD_MAX) /* longer words: no id */
      m->id = (unsigned short)word_id(w, w_hash(w));
  }
  m->start[0] = start_bits[0][m->id] != 0;
  m->start[1] = start_bits[1][m->id] != 0;
}

/* an_word_init() from a token of the word, [s, e) of the text t (n
 * bytes), that the tokenizer marked as ASCII letters alone
 * (CW_TOKF_ASCII): the word is their lower case (analyze.h). */
static void an_word_init_ascii(an_word *m, const char *t, size_t s, size_t e,
                               size_t n) {
  size_t l = e - s;
  m->len1 = l < UINT32_MAX ? (unsigned)l + 1 : 1;
  m->id = W_NONE;
  if (l < TX_WORD_MAX) {
    char w[TX_WORD_MAX] = {0};
#ifdef TX_SWAR
    /* sixteen bytes (zero past the text), folded eight at a time and cut
     * to the word */
    uint64_t half[2];
    if (n - s >= TX_WORD_MAX) {
      memcpy(half, t + s, TX_WORD_MAX);
    } else {
      char b[TX_WORD_MAX] = {0};
      memcpy(b, t + s, n - s);
      memcpy(half, b, TX_WORD_MAX);
    }
    half[0] |= 0x2020202020202020ULL;
    half[1] |= 0x2020202020202020ULL;
    if (l < 8) {
      half[0] &= ((uint64_t)1 << (8 * l)) - 1;
      half[1] = 0;
    } else {
      half[1] &= ((uint64_t)1 << (8 * (l - 8))) - 1;
    }
    memcpy(w, half, TX_WORD_MAX);
#else
    (void)n;
    for (size_t k = 0; k < l; k++)
      w[k] = (char)(t[s + k] | 0x20);
#endif
    m->id = (unsigned short)word_id(w, w_hash(w));
  }
  m->start[0] = start_bits[0][m->id] != 0;
  m->start[1] = start_bits[1][m->id] != 0;
}

/* Fills m, the entry of the analysis' word w, when its first token,
 * [s, e) with flags, is met in the text t (n bytes): its length, id and
 * starts. */
static void an_word_met(an_word *m, const char *t, size_t n, size_t s, size_t e,
                        int flags, const char *w) {
  if ((flags & CW_TOKF_ASCII) && s < e && e <= n) {
    an_word_init_ascii(m, t, s, e, n);
#ifndef NDEBUG
    an_word ref; /* the word's own letters say the same */
    an_word_init(&ref, w);
    assert(ref.len1 == m->len1 && ref.id == m->id &&
           ref.start[0] == m->start[0] && ref.start[1] == m->start[1]);
#endif
  } else {
    an_word_init(m, w);
  }
}

/* The tokens before a word of the analysis at [s, e) of the text t when
 * the bytes since pos (the end of the last word taken, or 0) are not a
 * single space, and the word's: appended to v, the sentence state going
 * on from z. A letter just before s makes the word part of a longer
 * token: nothing is appended then (the next call covers it). Returns
 * CW_OK or CW_ERR_NOMEM. */
static inline cw_status an_gap(const char *t, size_t pos, size_t s, size_t e,
                               const an_word *m, tz_state *z, cw_vec *v) {
  unsigned char p0 = (unsigned char)t[pos];
  if (s == pos + 1 && p0 == ' ') {
    /* nothing */
  } else if (s > 0 && is_alpha((unsigned char)t[s - 1])) {
    return CW_OK;
  } else if (s == pos + 2 && t[pos + 1] == ' ' && p0 > ' ' && p0 < 0x80 &&
             !is_alpha(p0) && !is_digit(p0)) {
    /* a mark and a space (", ", ". "): tokenize_span()'s token and rule
     * for the mark, inline */
    tok *k = v->len < v->cap ? &CW_VEC_AT(v, tok, v->len++) : cw_vec_push(v);
    if (!k)
      return CW_ERR_NOMEM;
    if (z->pending == 2)
      z->sent++;
    *k = (tok){.s = pos,
               .e = pos + 1,
               .num = -1,
               .sent = z->sent,
               .kind = K_PUNCT,
               .p = (char)p0,
               .start = p0 == '\''};
    if (p0 == '"' || p0 == '\'')
      z->pending = z->pending == 1;
    else if (p0 == '!' || p0 == '?')
      z->pending = 1;
    else if (p0 == '.') {
      const tok *prev = v->len >= 2 ? k - 1 : NULL;
      z->pending = !(prev && prev->kind == K_WORD && prev->e == k->s &&
                     no_stop_abbrev(prev->id));
    }
  } else if (s > pos) {
    /* the newlines before pos: none, a word ends there (or the text
     * starts) */
    z->newlines = 0;
    cw_status st = tokenize_span(t, pos, s, z, v);
    if (st)
      return st;
  }
  tok *k = v->len < v->cap ? &CW_VEC_AT(v, tok, v->len++) : cw_vec_push(v);
  if (!k)
    return CW_ERR_NOMEM;
  unsigned char cap = t[s] >= 'A' && t[s] <= 'Z';
  /* tokenize_span()'s sentence rule for a word */
  if (z->pending) {
    if (z->pending == 2 ||
        (cap && s > 0 && cw_is_space((unsigned char)t[s - 1])))
      z->sent++;
    z->pending = 0;
  }
  k->s = s;
  k->e = e;
  k->num = -1;
  k->sent = z->sent;
  memcpy((char *)k + TOK_TAIL, word_tail[cap][m->id], TOK_TAIL_SIZE);
  return CW_OK;
}

/* tokenize() of the text [t, t + n) that cw_analyze() read into a, the
 * same tokens: a word of ASCII letters the analysis found (most of a
 * text's tokens) is taken whole, its lexicon id looked up once per
 * distinct word of the analysis rather than per token; the bytes between
 * such words go through tokenize_span() (but a single space, and a mark
 * and a space, inline: an_gap()). Such a word is a token of
 * tokenize_span() too (no letter before or after it), so the spans
 * between are cut where tokenize_span() would cut them anyway, and the
 * sentence state carries over the word as tokenize_span() carries it.
 * A word after a single space after a word needs no sentence rule (the
 * word before cleared the pending end) and is written here; the others go
 * through an_gap(). Debug builds compare with tokenize(). Out of line:
 * the loop gets registers of its own (and a line of its own in a
 * profile). */
__attribute__((noinline)) static cw_status
tokenize_an(const char *t, size_t n, const cw_analysis *a, cw_vec *v) {
  cw_status st = tokens_reserve(v, n);
  if (st)
    return st;
  /* a word's entry is written when its first token is met */
  an_word *memo = calloc(a->n_words ? a->n_words : 1, sizeof *memo);
  if (!memo)
    return CW_ERR_NOMEM;
  tz_state z = {0, 0, 0}; /* the sentence state after the last token */
  size_t pos = 0;
  /* the room left, tokens written through out (v->len set before v is
   * used) */
  tok *out = (tok *)v->items + v->len, *end = (tok *)v->items + v->cap;
  const int32_t *token_word = a->token_word;
  const cw_token *tokens = a->tokens;
  for (size_t q = 0, nq = a->n_tokens; q < nq; q++) {
    int32_t tw = token_word[q];
    if (tw < 0) /* punctuation, or not ASCII */
      continue;
    an_word *m = &memo[tw];
    size_t s = tokens[q].start, e = tokens[q].end;
    if (!m->len1)
      an_word_met(m, t, n, s, e, tokens[q].flags, a->words[tw]);
    /* a number's word is no word of letters; the analysis' words are
     * its tokens' lower case (the length is checked all the same), and
     * a letter after one would be in it (text.h: a WORD is a run of
     * letters, digits and marks; debug builds check), one before it too
     * (an_gap() checks, but after a space) */
    if (e - s + 1 != m->len1)
      continue;
    /* after a single space (so s > pos), in the text and room left: the
     * word is written below */
    if (s != pos + 1 || e <= s || e > n || t[pos] != ' ' || out == end) {
      if (s < pos || e > n || e <= s)
        continue;
      v->len = (size_t)(out - (tok *)v->items);
      size_t len0 = v->len;
      if ((st = an_gap(t, pos, s, e, m, &z, v)))
        goto done;
      out = (tok *)v->items + v->len;
      end = (tok *)v->items + v->cap;
      if (v->len > len0)
        pos = e;
      continue;
    }
    unsigned char cap = (unsigned char)(t[s] - 'A') < 26u;
    out->s = s;
    out->e = e;
    out->num = -1;
    out->sent = z.sent;
    memcpy((char *)out + TOK_TAIL, word_tail[cap][m->id], TOK_TAIL_SIZE);
    out++;
    pos = e;
  }
  v->len = (size_t)(out - (tok *)v->items);
  if (pos < n) {
    z.newlines = 0;
    st = tokenize_span(t, pos, n, &z, v);
  }
done:
  free(memo);
  return st;
}

#ifndef NDEBUG
/* Debug builds: the tokens of tokenize_an() are those of tokenize(). */
static void check_tokens_an(const char *t, size_t n, const cw_vec *v) {
  cw_vec ref;
  cw_vec_init(&ref, sizeof(tok));
  if (tokenize(t, n, &ref) == CW_OK) {
    assert(ref.len == v->len);
    for (size_t i = 0; i < ref.len && i < v->len; i++) {
      const tok *x = &CW_VEC_AT(&ref, tok, i), *y = &CW_VEC_AT(v, tok, i);
      assert(x->s == y->s && x->e == y->e && x->kind == y->kind &&
             x->num == y->num && x->ndig == y->ndig && x->cap == y->cap &&
             x->sent == y->sent && x->tense == y->tense && x->id == y->id &&
             x->p == y->p && x->start == y->start);
    }
  }
  cw_vec_free(&ref);
}
#endif

/* ---- token predicates ------------------------------------------------- */

/* Token i is the word id (W_*); only words have an id. */
static int is_w(const ctx *c, size_t i, int id) {
  return i < c->nt && c->tk[i].id == id;
}
static int is_p(const ctx *c, size_t i, char p) {
  return i < c->nt && c->tk[i].kind == K_PUNCT && c->tk[i].p == p;
}
/* Byte k of word token i's lower case (its text's letters: the tokens of
 * a word are ASCII letters, their 0x20 bit set is their lower case); k
 * below its length. */
static char tok_lower(const ctx *c, size_t i, size_t k) {
  return (char)(c->text[c->tk[i].s + k] | 0x20);
}
/* Word token i is the lower-case word w, of fewer than TX_WORD_MAX
 * letters. */
static int tok_is(const ctx *c, size_t i, const char *w) {
  size_t l = c->tk[i].e - c->tk[i].s;
  if (l != strlen(w))
    return 0;
  for (size_t k = 0; k < l; k++)
    if (tok_lower(c, i, k) != w[k])
      return 0;
  return 1;
}
static int is_num(const ctx *c, size_t i) {
  return i < c->nt && c->tk[i].kind == K_NUM && c->tk[i].num >= 0;
}
/* tokens i and i + 1 touch (no space between) */
static int adj(const ctx *c, size_t i) {
  return i + 1 < c->nt && c->tk[i].e == c->tk[i + 1].s;
}
/* Index of token i's word in list, an array of W_* ids (not a pointer:
 * its size is taken), or -1. */
#define word_in(c, i, list)                                                    \
  word_index(c, i, list, sizeof(list) / sizeof((list)[0]))
static int word_index(const ctx *c, size_t i, const int *list, size_t n) {
  if (i >= c->nt || c->tk[i].id == W_NONE)
    return -1;
  for (size_t k = 0; k < n; k++)
    if (c->tk[i].id == list[k])
      return (int)k;
  return -1;
}

/* Words that start expressions only with a lexicon word, a number or a
 * capitalised word after them ("the third quarter", "a year ago", "every
 * Monday", "more than a year"): before a lower-case word
 * outside the lexicon ("the company", "a spokesman") they start none. The
 * most common starting words of news text; debug builds check the
 * shortcut never hides a find. */
static int starts_only_before_known(int id) {
  switch (id) {
  case W_THE:
  case W_A:
  case W_AN:
  case W_THIS:
  case W_PER:
  case W_EVERY:
  case W_MORE:
  case W_MOST:
    return 1;
  default:
    return 0;
  }
}

/* skips an optional period glued to token i - 1 */
static size_t opt_dot(const ctx *c, size_t i) {
  return is_p(c, i, '.') && i > 0 && adj(c, i - 1) ? i + 1 : i;
}
/* optional "-" between i - 1 and i+1 (glued or spaced) */
static size_t opt_hyphen(const ctx *c, size_t i) {
  return is_p(c, i, '-') ? i + 1 : i;
}

/* ---- lexicon ---------------------------------------------------------- */

static const int MONTHS[] = {W_JANUARY,   W_FEBRUARY, W_MARCH,    W_APRIL,
                             W_MAY,       W_JUNE,     W_JULY,     W_AUGUST,
                             W_SEPTEMBER, W_OCTOBER,  W_NOVEMBER, W_DECEMBER};
static const int MONTHS3[] = {W_JAN, W_FEB, W_MAR, W_APR, W_MAY, W_JUN,
                              W_JUL, W_AUG, W_SEP, W_OCT, W_NOV, W_DEC};
static const int WEEKDAYS[] = {W_MONDAY, W_TUESDAY,  W_WEDNESDAY, W_THURSDAY,
                               W_FRIDAY, W_SATURDAY, W_SUNDAY};
static const int NUM_WORDS[] = {W_ZERO,    W_ONE,       W_TWO,      W_THREE,
                                W_FOUR,    W_FIVE,      W_SIX,      W_SEVEN,
                                W_EIGHT,   W_NINE,      W_TEN,      W_ELEVEN,
                                W_TWELVE,  W_THIRTEEN,  W_FOURTEEN, W_FIFTEEN,
                                W_SIXTEEN, W_SEVENTEEN, W_EIGHTEEN, W_NINETEEN};
static const int TENS[] = {W_TWENTY, W_THIRTY,  W_FORTY,  W_FIFTY,
                           W_SIXTY,  W_SEVENTY, W_EIGHTY, W_NINETY};
static const int ORDINALS[] = {W_FIRST, W_SECOND, W_THIRD,    W_FOURTH,
                               W_FIFTH, W_SIXTH,  W_SEVENTH,  W_EIGHTH,
                               W_NINTH, W_TENTH,  W_ELEVENTH, W_TWELFTH};
static const int PARTS[] = {W_MORNING, W_AFTERNOON, W_EVENING, W_NIGHT};
static const char *const PART_CODE[] = {"MO", "AF", "EV", "NI"};
static const int ZONES[] = {W_EST, W_EDT, W_CST, W_CDT, W_MST, W_MDT,  W_PST,
                            W_PDT, W_GMT, W_UTC, W_BST, W_CET, W_CEST, W_IST,
                            W_JST, W_ET,  W_PT,  W_CT,  W_MT,  W_AEST, W_HKT,
                            W_SGT, W_MSK, W_EET, W_WIB};

/* Month of token i (1..12) and the tokens it takes ("Jan." is two), or 0.
 * Month names must be capitalised: "may" and "march" are verbs. */
static int month_at(const ctx *c, size_t i, size_t *end) {
  if (i >= c->nt || c->tk[i].kind != K_WORD || !c->tk[i].cap)
    return 0;
  int m = word_in(c, i, MONTHS);
  if (m >= 0) {
    *end = i + 1;
    return m + 1;
  }
  m = word_in(c, i, MONTHS3);
  if (m < 0 && is_w(c, i, W_SEPT))
    m = 8;
  if (m >= 0 && m != 4) {
    *end = opt_dot(c, i + 1);
    /* "Mar" without a period next to no number is likely a name */
    if (*end == i + 1 && !is_num(c, i + 1))
      return 0;
    return m + 1;
  }
  return 0;
}

/* A number at i: digits (optionally "1,000" not handled: stops at comma),
 * number words up to ninety-nine, "a"/"an" (1), "several"/"a few"/"some"
 * (-2: unknown, X). Returns tokens used, 0 when none. */
#define NUM_X (-2)
static size_t number_at(const ctx *c, size_t i, int *val, int allow_a) {
  if (i >= c->nt)
    return 0;
  if (is_num(c, i)) {
    /* "1.5" and "3,000" are not counts of time units we handle */
    if ((is_p(c, i + 1, '.') || is_p(c, i + 1, ',')) && adj(c, i) &&
        i + 2 < c->nt && c->tk[i + 2].kind == K_NUM && adj(c, i + 1))
      return 0;
    *val = c->tk[i].num;
    return 1;
  }
  int k = word_in(c, i, NUM_WORDS);
  if (k >= 0) {
    *val = k;
    return 1;
  }
  k = word_in(c, i, TENS);
  if (k >= 0) {
    *val = (k + 2) * 10;
    size_t j = opt_hyphen(c, i + 1);
    int u = word_in(c, j, NUM_WORDS);
    if (u >= 1 && u <= 9) {
      *val += u;
      return j + 1 - i;
    }
    return 1;
  }
  if (is_w(c, i, W_COUPLE) && is_w(c, i + 1, W_OF)) {
    *val = 2;
    return 2;
  }
  if (is_w(c, i, W_DOZEN)) {
    *val = 12;
    return 1;
  }
  if (allow_a && (is_w(c, i, W_A) || is_w(c, i, W_AN))) {
    if (is_w(c, i + 1, W_FEW) || is_w(c, i + 1, W_COUPLE)) {
      *val = is_w(c, i + 1, W_FEW) ? NUM_X : 2;
      return is_w(c, i + 2, W_OF) ? 3 : 2;
    }
    if (is_w(c, i + 1, W_DOZEN)) {
      *val = 12;
      return 2;
    }
    *val = 1;
    return 1;
  }
  if (is_w(c, i, W_SEVERAL) || is_w(c, i, W_FEW) || is_w(c, i, W_MANY) ||
      is_w(c, i, W_SOME)) {
    *val = NUM_X;
    return 1;
  }
  return 0;
}

/* A time unit at i ("days", "year", "decade"): returns U_*, 0 if none;
 * *plural says whether the plural was used. */
static int unit_at(const ctx *c, size_t i, int *plural) {
  static const struct {
    int s, p; /* W_* of the singular and the plural */
    int u;
  } units[] = {
      {W_SECOND, W_SECONDS, U_SEC},      {W_MINUTE, W_MINUTES, U_MIN},
      {W_HOUR, W_HOURS, U_HOUR},         {W_DAY, W_DAYS, U_DAY},
      {W_WEEK, W_WEEKS, U_WEEK},         {W_MONTH, W_MONTHS, U_MONTH},
      {W_QUARTER, W_QUARTERS, U_QUART},  {W_YEAR, W_YEARS, U_YEAR},
      {W_DECADE, W_DECADES, U_DEC},      {W_CENTURY, W_CENTURIES, U_CENT},
      {W_WEEKEND, W_WEEKENDS, U_WEEKEND}};
  if (i >= c->nt || c->tk[i].kind != K_WORD)
    return 0;
  for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
    if (c->tk[i].id == units[k].s) {
      *plural = 0;
      return units[k].u;
    }
    if (c->tk[i].id == units[k].p) {
      *plural = 1;
      return units[k].u;
    }
  }
  return 0;
}

/* ---- calendar --------------------------------------------------------- */

static int64_t day_num(const cdate *d) {
  return cw_days_from_civil(d->y, d->m, d->d);
}
static void set_day(cdate *d, int64_t z) {
  cw_civil_from_days(z, &d->y, &d->m, &d->d);
}
/* Whether the year y has a February 29 (proleptic Gregorian). */
static int is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
static int days_in_month(int y, int m) {
  static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && is_leap(y))
    return 29;
  return len[(m - 1) % 12];
}
static int valid_ymd(int y, int m, int d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y < 0 ? 2000 : y, m);
}

/* Coarsens d to granularity g (never refines). */
static void cd_coarsen(cdate *d, int g) {
  if (d->g == G_NONE || g >= d->g)
    return;
  if (d->y < 0 && g != G_DAY) {
    d->g = g;
    return;
  }
  if ((d->g == G_DAY || d->g == G_WEEK || d->g == G_WEEKEND) &&
      d->m < 1) { /* only a weekday known */
    d->g = g;
    return;
  }
  if (g == G_WEEK || g == G_WEEKEND) {
    int64_t z = day_num(d);
    set_day(d, z - cw_weekday(z));
  } else if (g == G_MONTH) {
    /* a week belongs to the month of its Thursday */
    if (d->g == G_WEEK || d->g == G_WEEKEND)
      set_day(d, day_num(d) + 3);
  } else if (g == G_QUART) {
    d->sub = d->g == G_MONTH || d->g >= G_WEEK ? (d->m - 1) / 3 + 1 : d->sub;
  } else if (g == G_HALF) {
    d->sub = d->g == G_QUART ? (d->sub + 1) / 2 : (d->m - 1) / 6 + 1;
  } else if (g == G_SEASON) {
    d->sub = (d->m % 12) / 3 + 1; /* 1 winter..., fixed below */
  }
  d->g = g;
}

/* Moves d by n units at its own granularity; a unit finer than d's
 * granularity leaves it alone (two days after "June" is still June). */
static void cd_shift(cdate *d, int unit, int n) {
  if (d->y < 0 || d->g == G_NONE || n == 0)
    return;
  int months = 0;
  switch (unit) {
  case U_MONTH:
    months = n;
    break;
  case U_QUART:
    months = 3 * n;
    break;
  case U_YEAR:
    months = 12 * n;
    break;
  case U_DEC:
    months = 120 * n;
    break;
  case U_CENT:
    months = 1200 * n;
    break;
  default:
    break;
  }
  switch (d->g) {
  case G_DAY:
  case G_WEEK:
  case G_WEEKEND:
    if (d->m < 1)
      return;
    if (unit == U_DAY || unit == U_WEEK || unit == U_WEEKEND) {
      set_day(d, day_num(d) + (unit == U_DAY ? n : 7 * n));
    } else if (months) {
      int t = d->y * 12 + d->m - 1 + months;
      d->y = t / 12;
      d->m = t % 12 + 1;
      if (d->d > days_in_month(d->y, d->m))
        d->d = days_in_month(d->y, d->m);
      if (d->g != G_DAY) {
        int64_t z = day_num(d);
        set_day(d, z - cw_weekday(z));
      }
    }
    break;
  case G_MONTH:
    if (months) {
      int t = d->y * 12 + d->m - 1 + months;
      d->y = t / 12;
      d->m = t % 12 + 1;
    }
    break;
  case G_QUART:
    if (months && months % 3 == 0) {
      int t = d->y * 4 + d->sub - 1 + months / 3;
      d->y = t / 4;
      d->sub = t % 4 + 1;
    }
    break;
  case G_HALF:
    if (months && months % 6 == 0) {
      int t = d->y * 2 + d->sub - 1 + months / 6;
      d->y = t / 2;
      d->sub = t % 2 + 1;
    }
    break;
  case G_SEASON:
  case G_YEAR:
    if (months && months % 12 == 0)
      d->y += months / 12;
    break;
  case G_DEC:
    if (months && months % 120 == 0)
      d->y += months / 12;
    break;
  case G_CENT:
    if (months && months % 1200 == 0)
      d->y += months / 12;
    break;
  default:
    break;
  }
}

static int unit_gran(int u) {
  switch (u) {
  case U_DAY:
    return G_DAY;
  case U_WEEK:
    return G_WEEK;
  case U_WEEKEND:
    return G_WEEKEND;
  case U_MONTH:
    return G_MONTH;
  case U_QUART:
    return G_QUART;
  case U_YEAR:
    return G_YEAR;
  case U_DEC:
    return G_DEC;
  case U_CENT:
    return G_CENT;
  default:
    return G_DAY;
  }
}

/* A value being written by cd_format(): snprintf's output, without its
 * cost (cd_format runs for every date candidate). */
typedef struct vbuf {
  char b[64];
  size_t n;
} vbuf;

static void vb_str(vbuf *v, const char *s) {
  while (*s && v->n + 1 < sizeof v->b)
    v->b[v->n++] = *s++;
}

/* printf's "%0<width>d" */
static void vb_int(vbuf *v, int x, int width) {
  if (x >= 0 && x <= 9999 && width <= 4) {
    /* the values of dates: years, months, days, weeks, written here */
    char t[4];
    int nd = x < 10 ? 1 : x < 100 ? 2 : x < 1000 ? 3 : 4;
    int w = width > nd ? width : nd;
    for (int k = w - 1, y = x; k >= 0; k--, y /= 10)
      t[k] = (char)('0' + y % 10); /* zeros once y runs out */
    for (int k = 0; k < w && v->n + 1 < sizeof v->b; k++)
      v->b[v->n++] = t[k];
    return;
  }
  char t[48];
  cw_fmt_int(t, x, width);
  vb_str(v, t);
}

/* snprintf(out, n, "%s", v->b) */
static void vb_out(const vbuf *v, char *out, size_t n) {
  if (!n)
    return;
  size_t k = v->n < n - 1 ? v->n : n - 1;
  memcpy(out, v->b, k);
  out[k] = '\0';
}

/* cd_format() of any date. */
static void cd_format_any(const cdate *d, char *out, size_t n) {
  vbuf y = {{0}, 0}, v = {{0}, 0};
  if (d->y >= 0)
    vb_int(&y, d->y % 10000, 4);
  else
    vb_str(&y, "XXXX");
  switch (d->g) {
  case G_CENT:
    if (d->y >= 0)
      vb_int(&v, d->y / 100 % 100, 2);
    else
      vb_str(&v, "XX");
    break;
  case G_DEC:
    if (d->y >= 0)
      vb_int(&v, d->y / 10 % 1000, 3);
    else
      vb_str(&v, "XXX");
    break;
  case G_YEAR:
    vb_str(&v, y.b);
    break;
  case G_HALF:
    vb_str(&v, y.b);
    vb_str(&v, "-H");
    vb_int(&v, d->sub, 0);
    break;
  case G_QUART:
    vb_str(&v, y.b);
    if (d->sub >= 1) {
      vb_str(&v, "-Q");
      vb_int(&v, d->sub, 0);
    } else {
      vb_str(&v, "-QX");
    }
    break;
  case G_SEASON: {
    static const char *const code[] = {"WI", "SP", "SU", "FA"};
    vb_str(&v, y.b);
    vb_str(&v, "-");
    vb_str(&v, code[(d->sub + 3) % 4]);
    break;
  }
  case G_MONTH:
    vb_str(&v, y.b);
    if (d->m >= 1) {
      vb_str(&v, "-");
      vb_int(&v, d->m, 2);
    } else {
      vb_str(&v, "-XX");
    }
    break;
  case G_WEEK:
  case G_WEEKEND:
    if (d->y >= 0 && d->m >= 1) {
      int64_t z = day_num(d);
      int64_t thu = z - cw_weekday(z) + 3;
      int ty, tm, td;
      cw_civil_from_days(thu, &ty, &tm, &td);
      int w = (int)((thu - cw_days_from_civil(ty, 1, 1)) / 7) + 1;
      vb_int(&v, ty, 4);
      vb_str(&v, "-W");
      vb_int(&v, w, 2);
    } else {
      vb_str(&v, "XXXX-WXX");
    }
    if (d->g == G_WEEKEND)
      vb_str(&v, "-WE");
    break;
  case G_DAY:
    if (d->m < 1 && d->wd >= 1) {
      vb_str(&v, "XXXX-WXX-");
      vb_int(&v, d->wd, 0);
    } else if (d->m < 1) {
      vb_str(&v, "XXXX-XX-XX");
    } else {
      vb_str(&v, y.b);
      vb_str(&v, "-");
      vb_int(&v, d->m, 2);
      if (d->d < 1) {
        vb_str(&v, "-XX");
      } else {
        vb_str(&v, "-");
        vb_int(&v, d->d, 2);
      }
    }
    break;
  default:
    vb_str(&v, "XXXX");
    break;
  }
  vb_out(&v, out, n);
}

/* The TimeML value of d into out (n bytes): "2025-06-05", "2025-W23",
 * "XXXX-06-05", "199". */
static void cd_format(const cdate *d, char *out, size_t n) {
  /* most dates found, a known day, month or year ("2025-06-05",
   * "2025-06", "2025"), written at once: the fields of cd_format_any(),
   * the year's last four digits, the month and day in two (debug builds
   * compare) */
  if (d->y < 0 || n <= 10 ||
      !(d->g == G_YEAR ||
        (d->m >= 1 && d->m <= 99 &&
         (d->g == G_MONTH || (d->g == G_DAY && d->d >= 1 && d->d <= 99))))) {
    cd_format_any(d, out, n);
    return;
  }
  int y = d->y % 10000;
  out[0] = (char)('0' + y / 1000);
  out[1] = (char)('0' + y / 100 % 10);
  out[2] = (char)('0' + y / 10 % 10);
  out[3] = (char)('0' + y % 10);
  size_t k = 4;
  if (d->g != G_YEAR) {
    out[4] = '-';
    out[5] = (char)('0' + d->m / 10);
    out[6] = (char)('0' + d->m % 10);
    k = 7;
    if (d->g == G_DAY) {
      out[7] = '-';
      out[8] = (char)('0' + d->d / 10);
      out[9] = (char)('0' + d->d % 10);
      k = 10;
    }
  }
  out[k] = '\0';
#ifndef NDEBUG
  char ref[TX_VALUE_MAX];
  cd_format_any(d, ref, sizeof ref);
  assert(!strcmp(ref, out));
#endif
}

static cdate unknown_date(int g) {
  cdate d = {g, -1, -1, -1, 0, 0, 0};
  return d;
}

/* The DCT coarsened to g, or an unknown date. */
static cdate dct_at(const ctx *c, int g) {
  if (!c->has_dct)
    return unknown_date(g);
  cdate d = c->dct;
  cd_coarsen(&d, g);
  if (g == G_SEASON)
    d.sub = (c->dct.m % 12) / 3 + 1;
  return d;
}

/* ---- tense ------------------------------------------------------------ */

/* The tense a listed word points to: +1 future ("will", "expected"),
 * -1 past ("said", "ago"), TENSE_EVENT_PAST for the past tense of a verb
 * of events ("bought", "swept"), TENSE_NOT_PAST for "-ed" words that are
 * no past tense ("needed", "hundred"; "expected" and the like are
 * future), 0 for the rest. A switch on the word id: this runs for every
 * token. */
#define TENSE_NOT_PAST 2
#define TENSE_EVENT_PAST (-2)
static int listed_tense(int id) {
  switch (id) {
  case W_WILL:
  case W_SHALL:
  case W_LL:
  case W_TOMORROW:
  case W_SCHEDULED:
  case W_GOING:
  case W_PLANNED:
  case W_PLANNING:
  case W_PLANS:
  case W_PLAN:
  case W_MIGHT:
  case W_UNTIL:
  case W_SOON:
  case W_EXPECTED:
  case W_EXPECTS:
  case W_UPCOMING:
  case W_NEXT:
  case W_WOULD:
    return 1;
  case W_SAID:
  case W_WAS:
  case W_WERE:
  case W_HAD:
  case W_DID:
  case W_AGO:
  case W_LAST:
  case W_YESTERDAY:
  case W_TOLD:
  case W_HIT:
  case W_SPOKE:
  case W_WROTE:
  case W_KNEW:
  case W_THOUGHT:
  case W_SET:
  case W_PUT:
  case W_EARLIER:
  case W_BEEN:
    return -1;
  /* verbs of events: the past tense of the clause itself */
  case W_ENDED:
  case W_CAME:
  case W_WENT:
  case W_TOOK:
  case W_MADE:
  case W_SAW:
  case W_GOT:
  case W_GAVE:
  case W_FOUND:
  case W_LEFT:
  case W_BEGAN:
  case W_MET:
  case W_SOLD:
  case W_BOUGHT:
  case W_FELL:
  case W_ROSE:
  case W_LOST:
  case W_WON:
  case W_HELD:
  case W_LED:
  case W_STRUCK:
  case W_SHOT:
  case W_RAN:
  case W_BROUGHT:
  case W_PAID:
  case W_SENT:
  case W_KEPT:
  case W_BECAME:
  case W_AROSE:
  case W_ATE:
  case W_BIT:
  case W_BLED:
  case W_BLEW:
  case W_BROKE:
  case W_BUILT:
  case W_CAUGHT:
  case W_CHOSE:
  case W_DREW:
  case W_DROVE:
  case W_DUG:
  case W_FLED:
  case W_FLEW:
  case W_FOUGHT:
  case W_FORGOT:
  case W_FROZE:
  case W_GREW:
  case W_HEARD:
  case W_HID:
  case W_HUNG:
  case W_MEANT:
  case W_OVERTOOK:
  case W_RANG:
  case W_RODE:
  case W_SANG:
  case W_SANK:
  case W_SAT:
  case W_SHOOK:
  case W_SHRANK:
  case W_SLID:
  case W_SOUGHT:
  case W_SPED:
  case W_SPENT:
  case W_SPUN:
  case W_STOLE:
  case W_STOOD:
  case W_STRODE:
  case W_STUCK:
  case W_SWEPT:
  case W_SWORE:
  case W_SWUNG:
  case W_TAUGHT:
  case W_THREW:
  case W_TORE:
  case W_UNDERSTOOD:
  case W_UNDERTOOK:
  case W_WITHDREW:
  case W_WOKE:
  case W_WORE:
    return TENSE_EVENT_PAST;
  case W_NEED:
  case W_NEEDED:
  case W_PROCEED:
  case W_SUCCEED:
  case W_EXCEED:
  case W_INDEED:
  case W_HUNDRED:
  case W_UNITED:
  case W_BASED:
  case W_RELATED:
  case W_LIMITED:
  case W_RED:
  case W_BED:
  case W_SPEED:
  case W_FEED:
  case W_SEED:
  case W_PROPOSED:
  case W_OWNED:
  case W_LISTED:
  case W_DETAILED:
  case W_ADVANCED:
    return TENSE_NOT_PAST;
  default:
    return 0;
  }
}

/* +1 future, -1 past, 0 unknown, for a single word. */
static int word_tense(const ctx *c, size_t i) {
  if (i >= c->nt || c->tk[i].kind != K_WORD)
    return 0;
  /* "next to the embassy" is a place; "set to resume" a plan */
  if (is_w(c, i, W_NEXT) && is_w(c, i + 1, W_TO))
    return 0;
  if (is_w(c, i, W_SET) && is_w(c, i + 1, W_TO))
    return 1;
  /* "she is due to testify"; "due to the strike" is a cause */
  if (is_w(c, i, W_DUE))
    return i > 0 && (is_w(c, i - 1, W_IS) || is_w(c, i - 1, W_ARE));
  int t = listed_tense(c->tk[i].id);
  if (t == 1)
    return t;
  if (t >= 0) {
    /* other words of 5 to TX_WORD_MAX - 1 letters in "-ed" */
    size_t l = c->tk[i].e - c->tk[i].s;
    if (!(l >= 5 && l < TX_WORD_MAX && tok_lower(c, i, l - 2) == 'e' &&
          tok_lower(c, i, l - 1) == 'd' && t != TENSE_NOT_PAST))
      return 0;
    t = -1;
  }
  /* "will be paid", "to be held", "the case is heard": a passive, no
   * past tense of its own ("been" is) */
  if (i > 0 && c->tk[i].id != W_BEEN &&
      (is_w(c, i - 1, W_BE) || is_w(c, i - 1, W_IS) || is_w(c, i - 1, W_ARE)))
    return 0;
  return t;
}

/* word_tense() of token i, computed when first asked (few tokens are
 * near an expression) and kept in its tense. */
static int tense_of(const ctx *c, size_t i) {
  if (c->tk[i].tense == TENSE_UNSET)
    c->tk[i].tense = word_tense(c, i);
  return c->tk[i].tense;
}

/* Tense of the sentence around tokens [a, b): the nearest cue within
 * window tokens wins, one after them counting at twice its distance, and
 * one past a comma, quote mark or bracket after them only when none comes
 * before. */
static int tense_near(const ctx *c, size_t a, size_t b, size_t window) {
  int sent = c->tk[a].sent;
  int tail = 0;     /* a comma, quote mark or bracket was passed after b */
  int fallback = 0; /* the first cue past it */
  /* a cue after the expression counts at twice its distance: the verb
   * of a clause mostly comes before its time ("met on Friday") */
  size_t left = window < a ? window : a, right = 0;
  for (size_t d = 1; d <= left || right < window; d++) {
    if (d <= left) {
      if (c->tk[a - d].sent != sent)
        left = 0;
      else if (tense_of(c, a - d))
        return tense_of(c, a - d);
    }
    if (!(d & 1) || right >= window)
      continue;
    size_t j = b + right++;
    if (j >= c->nt || c->tk[j].sent != sent) {
      right = window; /* the sentence ends */
      continue;
    }
    char ch = c->tk[j].p;
    if (c->tk[j].kind == K_PUNCT &&
        (!ch || ch == ',' || ch == '\'' || ch == '"' || ch == '(' || ch == ')'))
      tail = 1;
    /* "will leave Thursday, officials said", "in two weeks, favoured a
     * rise": past a comma another clause speaks, heard only when the
     * words before say nothing */
    if (tense_of(c, j)) {
      if (!tail)
        return tense_of(c, j);
      if (!fallback)
        fallback = tense_of(c, j);
    }
  }
  return fallback;
}

/* A clause boundary: a comma, semicolon, colon or dash. */
static int clause_mark(const ctx *c, size_t i) {
  char ch = c->tk[i].p;
  return c->tk[i].kind == K_PUNCT &&
         (!ch || ch == ',' || ch == ';' || ch == ':' || ch == '-');
}

/* Tense of the clause around tokens [a, b): the nearest cue before them
 * back to a comma, else after them up to one. "had signed up in two
 * days" is past; in "the mill two weeks ago, and the port opens in three
 * years" the "ago" belongs to another clause. */
static int clause_tense(const ctx *c, size_t a, size_t b) {
  int sent = c->tk[a].sent;
  for (size_t d = 1; d <= TX_TENSE_WINDOW && d <= a; d++) {
    size_t j = a - d;
    if (c->tk[j].sent != sent || clause_mark(c, j))
      break;
    if (tense_of(c, j))
      return tense_of(c, j);
  }
  for (size_t j = b; j < c->nt && j < b + TX_TENSE_WINDOW; j++) {
    if (c->tk[j].sent != sent || clause_mark(c, j))
      break;
    if (tense_of(c, j))
      return tense_of(c, j);
  }
  return 0;
}

static int tense_at(const ctx *c, size_t a, size_t b) {
  return tense_near(c, a, b, TX_TENSE_WINDOW);
}

/* ---- candidates ------------------------------------------------------- */

static void cand_date(cand *m, size_t a, size_t b, const cdate *d) {
  m->a = a;
  m->b = b;
  m->type = CW_TIMEX_DATE;
  m->date = *d;
  m->anchor = 1;
  m->flags = d->wr;
  cd_format(d, m->val, sizeof m->val);
}

/* cand_date() of a date whose day of the month the expression writes as
 * a number of its own ("June 5", "6/5/2025"). */
static void cand_day(cand *m, size_t a, size_t b, const cdate *d) {
  cand_date(m, a, b, d);
  m->flags |= CW_TIMEX_DAY_WRITTEN;
}

static void cand_str(cand *m, size_t a, size_t b, cw_timex_type t,
                     const char *v) {
  m->a = a;
  m->b = b;
  m->type = t;
  m->anchor = 0;
  m->flags = 0;
  size_t k = strlen(v);
  if (k >= sizeof m->val)
    k = sizeof m->val - 1;
  memcpy(m->val, v, k);
  m->val[k] = '\0';
}

/* keeps the longer of best and m */
static void take(cand *best, const cand *m) {
  if (m->b > m->a && m->b - m->a > best->b - best->a)
    *best = *m;
}

/* A plausible year at token i ("1990", "'90" not included). */
static int year_at(const ctx *c, size_t i) {
  if (!is_num(c, i) || c->tk[i].ndig != 4)
    return -1;
  int y = c->tk[i].num;
  return y >= 1000 && y <= 2199 ? y : -1;
}

/* A spoken year at i ("nineteen ninety-four", broadcast transcripts):
 * returns it and sets *end, or -1. */
static int spoken_year_at(const ctx *c, size_t i, size_t *end) {
  if (!(is_w(c, i, W_NINETEEN) || is_w(c, i, W_EIGHTEEN)) ||
      word_in(c, i + 1, TENS) < 0)
    return -1;
  int v;
  size_t nt = number_at(c, i + 1, &v, 0);
  if (!nt || v < 10)
    return -1;
  *end = i + 1 + nt;
  return (is_w(c, i, W_NINETEEN) ? 1900 : 1800) + v;
}

/* Day of month at i ("5", "5th"): returns day and sets *end. */
static int mday_at(const ctx *c, size_t i, size_t *end) {
  if (!is_num(c, i) || c->tk[i].ndig > 2)
    return 0;
  int d = c->tk[i].num;
  if (d < 1 || d > 31)
    return 0;
  *end = i + 1;
  if (adj(c, i) && (is_w(c, i + 1, W_ST) || is_w(c, i + 1, W_ND) ||
                    is_w(c, i + 1, W_RD) || is_w(c, i + 1, W_TH)))
    *end = i + 2;
  return d;
}

/* Year of a month-day without one: the DCT's, moved a year back when a
 * past-tense sentence would otherwise put it months after the DCT (and
 * forward for the future). */
static int guess_year(const ctx *c, int m, int d, size_t a, size_t b) {
  if (!c->has_dct)
    return -1;
  /* the year that puts the date nearest the DCT, dates ahead of it
   * counting double unless the sentence is in the future tense (news
   * reports the past more than it announces), eight times after the past
   * tense of an event verb ("bought RJR in February", said in October),
   * dates behind it four times in the future tense ("will fly in
   * December", said in March): [0] for the past or no tense, [1] for the
   * future, [2] for an event verb's past */
  int64_t dz = c->dct_z, best_dist[3] = {-1, -1, -1};
  int best[3] = {c->dct.y, c->dct.y, c->dct.y};
  /* the day in the DCT's year and a year either side: a year moves a
   * date in January or February past the leap day of the year before
   * it, a later one past its own year's (cw_days_from_civil()'s days of
   * a year run from March 1) */
  int yb = c->dct.y - (m <= 2);
  int64_t zm = cw_days_from_civil(c->dct.y, m, d < 1 ? 15 : d);
  int64_t zy[3] = {zm - 365 - is_leap(yb), zm, zm + 365 + is_leap(yb + 1)};
  for (int y = c->dct.y - 1; y <= c->dct.y + 1; y++) {
    int64_t z = zy[y - (c->dct.y - 1)];
    assert(z == cw_days_from_civil(y, m, d < 1 ? 15 : d));
    int64_t dist = z >= dz ? z - dz : dz - z;
    int64_t weighted[3] = {z > dz ? 2 * dist : dist, z < dz ? 4 * dist : dist,
                           z > dz ? 8 * dist : dist};
    for (int k = 0; k < 3; k++)
      if (best_dist[k] < 0 || weighted[k] < best_dist[k]) {
        best[k] = y;
        best_dist[k] = weighted[k];
      }
  }
  /* the tense is looked for only when it would change the year */
  if (best[0] == best[1] && best[0] == best[2])
    return best[0];
  int t = tense_at(c, a, b);
  return t > 0 ? best[1] : t == TENSE_EVENT_PAST ? best[2] : best[0];
}

/* Month forms: "June 5", "June 5, 2025", "5 June 2025", "June 2025",
 * "June of 2025", "June". */
static size_t core_month(const ctx *c, size_t i, cand *m) {
  size_t j, e;
  int day = 0, mon = month_at(c, i, &j);
  size_t start = i;
  if (!mon) {
    day = mday_at(c, i, &e);
    if (!day)
      return 0;
    if (is_w(c, e, W_OF))
      e++;
    mon = month_at(c, e, &j);
    if (!mon)
      return 0;
  } else {
    int d2 = mday_at(c, j, &e);
    /* "June 5" but not "June 5,000" */
    if (d2 && !(is_p(c, e, ',') && adj(c, e - 1) && is_num(c, e + 1) &&
                adj(c, e) && c->tk[e + 1].ndig == 3)) {
      day = d2;
      j = e;
    }
  }
  int y = -1;
  size_t k = j;
  if (is_p(c, k, ',') || (is_w(c, k, W_OF) && !day))
    k++;
  if (year_at(c, k) >= 0) {
    y = year_at(c, k);
    j = k + 1;
  } else if (is_p(c, k, '\'') && is_num(c, k + 1) && c->tk[k + 1].ndig == 2 &&
             adj(c, k)) {
    y = 1900 + c->tk[k + 1].num;
    j = k + 2;
  } else if (spoken_year_at(c, k, &e) >= 0) {
    y = spoken_year_at(c, k, &j); /* "January nineteen ninety-seven" */
  }
  int rel_year = 0;
  unsigned wr = y >= 0 ? CW_TIMEX_YEAR_WRITTEN : 0;
  if (y < 0 &&
      (is_w(c, j, W_THIS) || is_w(c, j, W_LAST) || is_w(c, j, W_NEXT)) &&
      is_w(c, j + 1, W_YEAR)) {
    /* "June last year" */
    rel_year = is_w(c, j, W_LAST) ? -1 : is_w(c, j, W_NEXT) ? 1 : 0;
    y = c->has_dct ? c->dct.y + rel_year : -1;
    j += 2;
    if (y < 0)
      return 0;
  }
  if (day && !valid_ymd(y, mon, day))
    return 0;
  /* "May" and "March" alone are too often other words */
  if (!day && y < 0 && (mon == 5 || mon == 3)) {
    static const int before[] = {W_IN,   W_SINCE,   W_UNTIL,  W_BY,   W_EARLY,
                                 W_LATE, W_MID,     W_LAST,   W_NEXT, W_THIS,
                                 W_OF,   W_THROUGH, W_DURING, W_FROM, W_TO};
    if (start == 0 || word_in(c, start - 1, before) < 0)
      return 0;
  }
  cdate d;
  if (day) {
    d.g = G_DAY;
    d.m = mon;
    d.d = day;
    d.y = y >= 0 ? y : guess_year(c, mon, day, start, j);
  } else {
    d.g = G_MONTH;
    d.m = mon;
    d.d = 1;
    d.y = y >= 0 ? y : guess_year(c, mon, 0, start, j);
  }
  d.sub = 0;
  d.wd = 0;
  d.wr = wr;
  if (day)
    cand_day(m, start, j, &d);
  else
    cand_date(m, start, j, &d);
  return j;
}

/* The second day of "April 24 and 25", "June 5 or 6". */
static size_t core_second_day(const ctx *c, size_t i, cand *m) {
  size_t e, me;
  int day = mday_at(c, i, &e);
  if (!day || i < 3 || !(is_w(c, i - 1, W_AND) || is_w(c, i - 1, W_OR)) ||
      !is_num(c, i - 2))
    return 0;
  int mon = month_at(c, i - 3, &me);
  if (!mon || me != i - 2)
    mon = i >= 4 ? month_at(c, i - 4, &me) : 0;
  if (!mon || me != i - 2 || !valid_ymd(2000, mon, day))
    return 0;
  /* "June 5 and 6 people" is not a date */
  if (e < c->nt && c->tk[e].kind != K_PUNCT && !is_w(c, e, W_AND) &&
      !is_w(c, e, W_IN) && !is_w(c, e, W_AT))
    return 0;
  cdate d = {G_DAY, guess_year(c, mon, day, i, e), mon, day, 0, 0, 0};
  cand_day(m, i, e, &d);
  return e;
}

/* "2025-06-05", "06/05/2025" (US order), "6/5/25". */
static size_t core_numeric(const ctx *c, size_t i, cand *m) {
  if (!is_num(c, i))
    return 0;
  cdate d = {G_DAY, -1, -1, -1, 0, 0, CW_TIMEX_YEAR_WRITTEN};
  if (c->tk[i].ndig == 4 && is_p(c, i + 1, '-') && is_num(c, i + 2) &&
      is_p(c, i + 3, '-') && is_num(c, i + 4) && adj(c, i) && adj(c, i + 1) &&
      adj(c, i + 2) && adj(c, i + 3) && c->tk[i + 2].ndig <= 2 &&
      c->tk[i + 4].ndig <= 2) {
    d.y = c->tk[i].num;
    d.m = c->tk[i + 2].num;
    d.d = c->tk[i + 4].num;
    if (!valid_ymd(d.y, d.m, d.d) ||
        (i + 5 < c->nt && adj(c, i + 4) && c->tk[i + 5].kind != K_PUNCT))
      return 0;
    cand_day(m, i, i + 5, &d);
    return i + 5;
  }
  if (c->tk[i].ndig <= 2 && is_p(c, i + 1, '/') && is_num(c, i + 2) &&
      c->tk[i + 2].ndig <= 2 && adj(c, i) && adj(c, i + 1)) {
    d.m = c->tk[i].num;
    d.d = c->tk[i + 2].num;
    size_t e;
    if (is_p(c, i + 3, '/') && is_num(c, i + 4) && adj(c, i + 2) &&
        adj(c, i + 3) && (c->tk[i + 4].ndig == 4 || c->tk[i + 4].ndig == 2)) {
      d.y = c->tk[i + 4].num;
      if (c->tk[i + 4].ndig == 2)
        d.y += d.y < 50 ? 2000 : 1900;
      e = i + 5;
    } else {
      return 0; /* "3/4" is more often a fraction */
    }
    if (!valid_ymd(d.y, d.m, d.d) ||
        (e < c->nt && adj(c, e - 1) && c->tk[e].kind != K_PUNCT) ||
        is_p(c, e, '/'))
      return 0;
    cand_day(m, i, e, &d);
    return e;
  }
  return 0;
}

/* Year forms: "2025", "fiscal 1989", "the year 2000", "'98". */
static size_t core_year(const ctx *c, size_t i, cand *m) {
  size_t j = i;
  /* spoken: "nineteen ninety-six", "the year two thousand" */
  if (is_w(c, j, W_THE) && is_w(c, j + 1, W_YEAR))
    j += 2;
  size_t se;
  int sy = spoken_year_at(c, j, &se);
  if (sy >= 0) {
    cdate d = {G_YEAR, sy, 1, 1, 0, 0, CW_TIMEX_YEAR_WRITTEN};
    cand_date(m, i, se, &d);
    return m->b;
  }
  if (is_w(c, j, W_TWO) && is_w(c, j + 1, W_THOUSAND) &&
      (j > i || (i > 0 && (is_w(c, i - 1, W_IN) || is_w(c, i - 1, W_BY) ||
                           is_w(c, i - 1, W_SINCE))))) {
    int v = 0;
    size_t nt = is_w(c, j + 2, W_AND) ? 0 : number_at(c, j + 2, &v, 0);
    if (v >= 100)
      nt = 0, v = 0;
    cdate d = {G_YEAR, 2000 + v, 1, 1, 0, 0, CW_TIMEX_YEAR_WRITTEN};
    cand_date(m, i, j + 2 + nt, &d);
    return m->b;
  }
  j = i;
  int fiscal = 0;
  if (is_w(c, j, W_FISCAL)) {
    j++;
    fiscal = 1;
    if (is_w(c, j, W_YEAR))
      j++;
  } else if (is_w(c, j, W_THE) && is_w(c, j + 1, W_YEAR) &&
             year_at(c, j + 2) >= 0) {
    j += 2;
  }
  int y = year_at(c, j);
  if (y < 0)
    return 0;
  /* "$1990", "1990 people", "1,990", "2025-26" score lines */
  if (j > 0 && (is_p(c, j - 1, '$') ||
                ((is_p(c, j - 1, ',') || is_p(c, j - 1, '.')) &&
                 adj(c, j - 1) && j >= 2 && c->tk[j - 2].kind == K_NUM)))
    return 0;
  if (adj(c, j) && (is_p(c, j + 1, ',') || is_p(c, j + 1, '.')) &&
      is_num(c, j + 2) && adj(c, j + 1))
    return 0;
  if (adj(c, j) && j + 1 < c->nt && c->tk[j + 1].kind == K_WORD)
    return 0; /* "1990s" is a decade, "2000m" not a year */
  if (!fiscal && j + 1 < c->nt && c->tk[j + 1].kind == K_WORD &&
      !c->tk[j + 1].cap) {
    /* a year is rarely followed by a plural noun ("1990 votes") */
    static const int ok[] = {
        W_AND,     W_TO,        W_OR,       W_WHEN,     W_AFTER,    W_BEFORE,
        W_AS,      W_THAT,      W_WAS,      W_WERE,     W_IS,       W_THE,
        W_A,       W_IN,        W_ON,       W_BY,       W_WITH,     W_FOR,
        W_FROM,    W_AT,        W_BUT,      W_BECAUSE,  W_IT,       W_HE,
        W_SHE,     W_THEY,      W_WE,       W_WHICH,    W_WHILE,    W_UNTIL,
        W_THROUGH, W_ELECTIONS, W_ELECTION, W_SEASON,   W_BUDGET,   W_LEVELS,
        W_LEVEL,   W_FIGURES,   W_RESULTS,  W_CENSUS,   W_OLYMPICS, W_GAMES,
        W_CRISIS,  W_PERIOD,    W_FISCAL,   W_EARNINGS, W_SALES,    W_COMPARED,
        W_OF};
    size_t l = c->tk[j + 1].e - c->tk[j + 1].s;
    /* but "the 1992 protests", "the 2020 elections": after "the" a year
     * of this era names the events */
    int the_year = j > 0 && is_w(c, j - 1, W_THE) && y >= 1900 && y < 2100;
    if (l > 1 && l < TX_WORD_MAX && tok_lower(c, j + 1, l - 1) == 's' &&
        word_in(c, j + 1, ok) < 0 && !the_year)
      return 0;
  }
  cdate d = {G_YEAR, y, 1, 1, 0, 0, CW_TIMEX_YEAR_WRITTEN};
  cand_date(m, i, j + 1, &d);
  return j + 1;
}

/* Centuries: "the 20th century" (19), "the nineteenth century". */
static size_t core_century(const ctx *c, size_t i, cand *m) {
  size_t j = i;
  if (is_w(c, j, W_THE))
    j++;
  int n = 0;
  size_t e = 0;
  if (is_num(c, j) && c->tk[j].ndig <= 2 && adj(c, j) &&
      (is_w(c, j + 1, W_TH) || is_w(c, j + 1, W_ST) || is_w(c, j + 1, W_ND) ||
       is_w(c, j + 1, W_RD))) {
    n = c->tk[j].num;
    e = j + 2;
  } else {
    static const int ords[] = {W_FIFTEENTH,  W_SIXTEENTH,  W_SEVENTEENTH,
                               W_EIGHTEENTH, W_NINETEENTH, W_TWENTIETH};
    int k = word_in(c, j, ords);
    if (k >= 0 && !is_p(c, j + 1, '-')) {
      n = 15 + k;
      e = j + 1;
    } else if (is_w(c, j, W_TWENTY) && is_p(c, j + 1, '-') &&
               is_w(c, j + 2, W_FIRST)) {
      n = 21;
      e = j + 3;
    }
  }
  if (n < 1 || n > 21 || !is_w(c, e, W_CENTURY))
    return 0;
  cdate d = {G_CENT, (n - 1) * 100, 1, 1, 0, 0, CW_TIMEX_YEAR_WRITTEN};
  cand_date(m, i, e + 1, &d);
  m->anchor = 0;
  return m->b;
}

/* Decades: "the 1990s", "1990s", "the '90s", "the nineties", "the mid-1990s"
 * (the "mid" is taken by the modifier). */
static size_t core_decade(const ctx *c, size_t i, cand *m) {
  static const int names[] = {W_TWENTIES, W_THIRTIES,  W_FORTIES,  W_FIFTIES,
                              W_SIXTIES,  W_SEVENTIES, W_EIGHTIES, W_NINETIES};
  size_t j = i;
  if (is_w(c, j, W_THE))
    j++;
  int y = -1;
  size_t e = 0;
  if (year_at(c, j) >= 0 && c->tk[j].num % 10 == 0 && adj(c, j) &&
      (is_w(c, j + 1, W_S) ||
       (is_p(c, j + 1, '\'') && adj(c, j + 1) && is_w(c, j + 2, W_S)))) {
    y = c->tk[j].num;
    e = is_w(c, j + 1, W_S) ? j + 2 : j + 3;
  } else if (is_p(c, j, '\'') && is_num(c, j + 1) && c->tk[j + 1].ndig == 2 &&
             c->tk[j + 1].num % 10 == 0 && adj(c, j) && adj(c, j + 1) &&
             is_w(c, j + 2, W_S)) {
    y = 1900 + c->tk[j + 1].num;
    e = j + 3;
  } else if (j > i && word_in(c, j, names) >= 0) {
    y = 1900 + (word_in(c, j, names) + 2) * 10;
    e = j + 1;
  }
  if (y < 0)
    return 0;
  cdate d = {G_DEC, y, 1, 1, 0, 0, CW_TIMEX_YEAR_WRITTEN};
  cand_date(m, i, e, &d);
  return e;
}

static int season_at(const ctx *c, size_t i) {
  static const int names[] = {W_WINTER, W_SPRING, W_SUMMER, W_FALL, W_AUTUMN};
  int k = word_in(c, i, names);
  if (k < 0)
    return 0;
  return k == 4 ? 4 : k + 1; /* 1 WI, 2 SP, 3 SU, 4 FA */
}

/* The season value of a season index: cd_format maps sub via (sub+3)%4. */
static cdate season_date(int y, int s) {
  cdate d = {G_SEASON, y, 1, 1, 0, 0, 0};
  static const int sub_of[] = {0, 1, 2, 3, 4};
  /* cd_format: code[(sub + 3) % 4] with code = WI SP SU FA, so sub 1 -> WI */
  d.sub = sub_of[s];
  return d;
}

/* "this summer", "last fall", "summer 2025", "the summer of 1998". */
static size_t core_season(const ctx *c, size_t i, cand *m) {
  size_t j = i;
  int rel = 2; /* 0 last, 1 this, 3 next, 2 none */
  if (is_w(c, j, W_THIS) && is_w(c, j + 1, W_PAST)) {
    rel = 0;
    j += 2;
  } else if (is_w(c, j, W_LAST) || is_w(c, j, W_THIS) || is_w(c, j, W_NEXT)) {
    rel = is_w(c, j, W_LAST) ? 0 : is_w(c, j, W_THIS) ? 1 : 3;
    j++;
  } else if (is_w(c, j, W_THE)) {
    j++;
    rel = 4; /* "the summer": this year's, or last year's if still ahead */
  }
  int s = season_at(c, j);
  if (!s)
    return 0;
  j++;
  int y = -1;
  size_t se;
  if (is_w(c, j, W_OF) && year_at(c, j + 1) >= 0) {
    y = year_at(c, j + 1);
    j += 2;
  } else if (year_at(c, j) >= 0) {
    y = year_at(c, j);
    j++;
  } else if (is_w(c, j, W_OF) && spoken_year_at(c, j + 1, &se) >= 0) {
    y = spoken_year_at(c, j + 1, &se);
    j = se;
  }
  /* "early summer", "the late spring": the modifier makes it a time */
  if (y < 0 && rel == 2 && i > 0 &&
      (is_w(c, i - 1, W_EARLY) || is_w(c, i - 1, W_LATE) ||
       is_w(c, i - 1, W_MID) ||
       (is_p(c, i - 1, '-') && i > 1 && is_w(c, i - 2, W_MID))))
    rel = 4;
  if (y < 0 && rel == 2)
    return 0;
  unsigned wr = y >= 0 ? CW_TIMEX_YEAR_WRITTEN : 0;
  /* "the summer": the current one while it lasts */
  int current_ok = rel == 4;
  if (rel == 4)
    rel = tense_at(c, i, j) > 0 ? 3 : 0;
  if (y < 0 && c->has_dct) {
    y = c->dct.y;
    int now = (c->dct.m % 12) / 3 + 1; /* 1 WI .. 4 FA */
    if (rel == 0 && (s > now || (s == now && !current_ok)))
      y--;
    else if (rel == 3 && (s < now || (s == now && !current_ok)))
      y++;
    if (s == 1 && c->dct.m == 12 && rel != 0)
      y++;
  }
  cdate d = season_date(y, s);
  d.wr = wr;
  cand_date(m, i, j, &d);
  return j;
}

/* Quarters and halves: "the third quarter", "third-quarter", "the fourth
 * quarter of 1989", "the fiscal first quarter", "the quarter", "the latest
 * quarter", "first-half", "the year-earlier quarter". */
static size_t core_quarter(const ctx *c, size_t i, cand *m) {
  size_t j = i;
  int the = 0;
  if (is_w(c, j, W_THE)) {
    j++;
    the = 1;
  }
  int ord = 0, which = 0; /* which: 1 current, -1 previous, -2 year-earlier */
  size_t k = j;
  int fiscal = 0;
  int yearsub = 0;
  unsigned yearsub_wr = 0; /* CW_TIMEX_YEAR_WRITTEN: yearsub is written */
  if (year_at(c, k) >= 0 &&
      (is_w(c, k + 1, W_FISCAL) || is_w(c, k + 1, W_QUARTER) ||
       (is_w(c, k + 1, W_PERIOD) && the &&
        (c->quarter.g == G_QUART || c->year_period)) ||
       word_in(c, k + 1, ORDINALS) >= 0)) {
    /* "the 1989 third quarter", "the 1988 period" */
    yearsub = year_at(c, k);
    yearsub_wr = CW_TIMEX_YEAR_WRITTEN;
    k++;
  } else if (!the &&
             (is_w(c, k, W_THIS) || is_w(c, k, W_LAST) || is_w(c, k, W_NEXT)) &&
             is_w(c, k + 1, W_YEAR) && is_p(c, k + 2, '\'') &&
             is_w(c, k + 3, W_S) && c->has_dct) {
    /* "this year's third quarter", "last year's quarter" */
    yearsub = c->dct.y + (is_w(c, k, W_LAST) ? -1 : is_w(c, k, W_NEXT));
    k += 4;
    the = 1;
  }
  if (is_w(c, k, W_FISCAL)) {
    k++;
    fiscal = 1;
  }
  int o = word_in(c, k, ORDINALS);
  int adjective = 0; /* "a third-quarter loss" */
  if (o >= 0 && o < 4) {
    ord = o + 1;
    adjective = is_p(c, k + 1, '-');
    /* "the third-quarter loss": the article belongs to the noun */
    if (is_p(c, k + 1, '-') && the && k == j && is_w(c, i, W_THE))
      i = j;
    k = opt_hyphen(c, k + 1);
  } else if (is_w(c, k, W_LATEST) || is_w(c, k, W_RECENT) ||
             is_w(c, k, W_LAST) || is_w(c, k, W_PREVIOUS) ||
             is_w(c, k, W_PAST)) {
    which = -1;
    k++;
  } else if (is_w(c, k, W_CURRENT) || is_w(c, k, W_THIS)) {
    which = 1;
    k++;
  } else if ((is_w(c, k, W_YEAR) && is_p(c, k + 1, '-') &&
              (is_w(c, k + 2, W_EARLIER) || is_w(c, k + 2, W_AGO)))) {
    which = -2;
    k += 3;
  } else if (!the && !fiscal) {
    return 0;
  }
  int half = 0;
  if (is_w(c, k, W_QUARTER) && is_p(c, k + 1, '-') && is_w(c, k + 2, W_TO))
    return 0; /* "the quarter-to-quarter comparison" */
  if (is_w(c, k, W_QUARTER) ||
      (yearsub && is_w(c, k, W_PERIOD) && !ord && !which) ||
      (which == -2 && (is_w(c, k, W_PERIOD) || is_w(c, k, W_LEVEL) ||
                       is_w(c, k, W_RESULTS)))) {
    k++;
  } else if (is_w(c, k, W_HALF) && ord >= 1 && ord <= 2) {
    half = 1;
    k++;
  } else if (which == -2 && !the) {
    /* "year-earlier" alone, as an adjective */
  } else {
    return 0;
  }
  if (!the && !ord && which != -2 && which != -1 && which != 1)
    return 0;
  if (!the && which == -1 && !is_w(c, i, W_LAST))
    return 0;
  cdate d;
  int y = yearsub ? yearsub : -1;
  unsigned y_wr = yearsub_wr;
  size_t e = k;
  if (is_w(c, e, W_OF) && year_at(c, e + 1) >= 0) {
    y = year_at(c, e + 1);
    y_wr = CW_TIMEX_YEAR_WRITTEN;
    e += 2;
  } else if (year_at(c, e) >= 0) {
    y = year_at(c, e);
    y_wr = CW_TIMEX_YEAR_WRITTEN;
    e++;
  }
  if (which == -2) {
    if (c->year_period && c->has_dct)
      d = dct_at(c, G_YEAR);
    else
      d = c->quarter.g == G_QUART ? c->quarter : dct_at(c, G_QUART);
    if (c->quarter.g != G_QUART && d.g == G_QUART && d.y >= 0)
      cd_shift(&d, U_QUART, -1);
    cd_shift(&d, U_YEAR, -1);
    cand_date(m, i, e, &d);
    m->anchor = 0;
    return e;
  }
  d = dct_at(c, half ? G_HALF : G_QUART);
  if (ord) {
    d.sub = ord;
    if (y >= 0) {
      d.y = y;
      d.wr = y_wr;
    } else if (c->has_dct) {
      int now = half ? (c->dct.m - 1) / 6 + 1 : (c->dct.m - 1) / 3 + 1;
      if (ord > now && tense_at(c, i, e) <= 0)
        d.y--;
    }
  } else if (which == 0 && the && yearsub && is_w(c, k - 1, W_PERIOD)) {
    /* "the 1988 period": the quarter under discussion, or the year after
     * "the first nine months" */
    if (c->year_period)
      d = (cdate){G_YEAR, yearsub, 1, 1, 0, 0, 0};
    else
      d = c->quarter;
    d.y = yearsub;
    d.wr = yearsub_wr;
  } else if (which == 0 && the && yearsub) {
    /* "the 1988 quarter": the quarter under discussion, that year */
    if (c->quarter.g == G_QUART)
      d.sub = c->quarter.sub;
    else
      cd_shift(&d, U_QUART, -1);
    d.y = yearsub;
    d.wr = yearsub_wr;
  } else if (which == -1 || (which == 0 && the)) {
    if (y >= 0)
      return 0;
    /* "the quarter": the one under discussion, not one compared with it */
    if (which == 0 && c->quarter.g == G_QUART && !c->year_period)
      d = c->quarter;
    else if (which == 0 && c->anchor.g == G_QUART)
      d = c->anchor;
    else
      cd_shift(&d, U_QUART, -1);
  } else if (y >= 0) {
    d.y = y;
    d.wr = y_wr;
  }
  cand_date(m, i, e, &d);
  m->quarter = ord > 0 || which == -1;
  /* "after a flat second quarter": a quarter compared with, not the one
   * reported */
  if (!adjective &&
      ((i >= 1 && is_w(c, i - 1, W_A)) ||
       (i >= 2 && is_w(c, i - 2, W_A) && c->tk[i - 1].kind == K_WORD)))
    m->quarter = 0;
  /* "the fourth quarter ended Sept. 30" is over whatever its number */
  if (m->quarter && (is_w(c, e, W_ENDED) || is_w(c, e, W_ENDING)))
    m->quarter = 2;
  return e;
}

/* Adds a part of day to a date value: "2025-06-05TMO". */
static void with_part(cand *m, int part) {
  size_t l = strlen(m->val);
  snprintf(m->val + l, sizeof m->val - l, "T%s", PART_CODE[part]);
  m->type = CW_TIMEX_TIME;
}

/* Weekday of token i (0 Monday .. 6 Sunday), "Fri." too, or -1. */
static int weekday_at(const ctx *c, size_t i, size_t *end) {
  int w = word_in(c, i, WEEKDAYS);
  if (w >= 0 && c->tk[i].cap) {
    *end = i + 1;
    return w;
  }
  return -1;
}

/* The date of a weekday in the DCT's week, on the side the tense says. */
static cdate weekday_date(const ctx *c, int w, size_t a, size_t b) {
  cdate d = unknown_date(G_DAY);
  d.wd = w + 1;
  if (!c->has_dct)
    return d;
  int64_t z = c->dct_z;
  int dw = cw_weekday(z);
  /* "Wednesday's ruling" names an event already known: the past one; the
   * DCT's own weekday is the DCT whatever the tense */
  int t = w == dw                                   ? 0
          : is_p(c, b, '\'') && is_w(c, b + 1, W_S) ? -1
                                                    : tense_at(c, a, b);
  int64_t r;
  if (t > 0) /* the next one */
    r = z + ((w - dw + 7) % 7);
  else if (t == 0) /* the one of the DCT's week (Monday to Sunday) */
    r = z + (w - dw);
  else /* the last one */
    r = z - ((dw - w + 7) % 7);
  d = c->dct;
  set_day(&d, r);
  return d;
}

/* Day words and weekdays: "today", "yesterday morning", "tonight",
 * "this morning", "last night", "Friday", "Friday night", "Friday, June
 * 5". */
static size_t core_day(const ctx *c, size_t i, cand *m) {
  size_t j = i, e;
  cdate d;
  int part = -1;
  int w = weekday_at(c, i, &e);
  if (w >= 0) {
    j = e;
    size_t k = is_p(c, j, ',') ? j + 1 : j;
    cand mm;
    memset(&mm, 0, sizeof mm);
    if (core_month(c, k, &mm) && mm.date.g == G_DAY) {
      mm.a = i;
      /* the weekday can fix the year when none was written */
      *m = mm;
      return m->b;
    }
    d = weekday_date(c, w, i, j);
    /* "for Wednesday and Thursday", "from Monday to Friday": the day
     * after the one just named that falls on it */
    if (i >= 2 && c->anchor.g == G_DAY && c->anchor.m >= 1 &&
        (is_w(c, i - 1, W_AND) || is_w(c, i - 1, W_OR) ||
         is_w(c, i - 1, W_TO) || is_w(c, i - 1, W_THROUGH) ||
         (is_p(c, i - 1, '-') && adj(c, i - 2) && adj(c, i - 1))) &&
        word_in(c, i - 2, WEEKDAYS) == cw_weekday(day_num(&c->anchor)) &&
        w > word_in(c, i - 2, WEEKDAYS)) {
      /* not across the article's day against the tense: "talks were
       * held on Tuesday and Thursday", written on a Wednesday, puts no
       * Thursday tomorrow (a forecast "for Wednesday and Thursday" made
       * on the Wednesday does) */
      int64_t a0 = day_num(&c->anchor);
      int64_t r = a0 + (w - word_in(c, i - 2, WEEKDAYS));
      if (!(c->has_dct && a0 < c->dct_z && r > c->dct_z &&
            tense_at(c, i, j) < 0)) {
        d = c->anchor;
        set_day(&d, r);
      }
    }
  } else if (is_w(c, i, W_TODAY) || is_w(c, i, W_TONIGHT)) {
    d = dct_at(c, G_DAY);
    j = i + 1;
    if (is_w(c, i, W_TONIGHT))
      part = 3;
  } else if (is_w(c, i, W_YESTERDAY) || is_w(c, i, W_TOMORROW)) {
    d = dct_at(c, G_DAY);
    if (d.y >= 0)
      set_day(&d, day_num(&d) + (is_w(c, i, W_TOMORROW) ? 1 : -1));
    j = i + 1;
  } else if ((is_w(c, i, W_THIS) || is_w(c, i, W_LAST) ||
              is_w(c, i, W_TOMORROW)) &&
             word_in(c, i + 1, PARTS) >= 0) {
    part = word_in(c, i + 1, PARTS);
    if (is_w(c, i, W_LAST) && part != 3)
      return 0;
    d = dct_at(c, G_DAY);
    if (is_w(c, i, W_LAST) && d.y >= 0)
      set_day(&d, day_num(&d) - 1);
    j = i + 2;
  } else if (word_in(c, i, PARTS) >= 0 && i > 0 && !is_p(c, i + 1, '-') &&
             (is_w(c, i - 1, W_EARLY) || is_w(c, i - 1, W_LATE) ||
              is_w(c, i - 1, W_MID) ||
              (is_p(c, i - 1, '-') && i > 1 && is_w(c, i - 2, W_MID)))) {
    /* "mid-afternoon", "late morning yesterday": today's unless a day
     * follows */
    part = word_in(c, i, PARTS);
    d = dct_at(c, G_DAY);
    j = i + 1;
    if (is_w(c, j, W_YESTERDAY) || is_w(c, j, W_TODAY) ||
        is_w(c, j, W_TOMORROW)) {
      if (d.y >= 0)
        set_day(&d, day_num(&d) + (is_w(c, j, W_YESTERDAY)  ? -1
                                   : is_w(c, j, W_TOMORROW) ? 1
                                                            : 0));
      j++;
    }
  } else if (is_w(c, i, W_OVERNIGHT) && i > 0 && !is_w(c, i + 1, W_RATE) &&
             !is_w(c, i + 1, W_RATES)) {
    d = dct_at(c, G_DAY);
    if (d.y >= 0)
      set_day(&d, day_num(&d) - 1);
    cand_date(m, i, i + 1, &d);
    with_part(m, 3);
    return i + 1;
  } else {
    return 0;
  }
  int evening = 0;
  if (part < 0 && word_in(c, j, PARTS) >= 0) {
    /* "Friday night", "yesterday morning": TimeBank mostly keeps these as
     * the DATE of the day, but "Friday evening" as the evening */
    evening = w >= 0 && is_w(c, j, W_EVENING);
    j++;
  }
  cand_date(m, i, j, &d);
  if (part >= 0)
    with_part(m, part);
  else if (evening && d.y >= 0)
    with_part(m, 2);
  return j;
}

/* A figure compared with an earlier one before token i in its sentence:
 * "compared with", "vs" within a few words ("up from" is not enough: "up
 * from last year's $3.27 a share" may compare years). */
static int compared_before(const ctx *c, size_t i) {
  int sent = c->tk[i].sent;
  for (size_t d = 1; d <= 12 && d <= i && c->tk[i - d].sent == sent; d++)
    if (is_w(c, i - d, W_COMPARED) || is_w(c, i - d, W_VS))
      return 1;
  return 0;
}

/* this/last/next/the coming/the previous + unit: "last week" (2025-W22),
 * "next month", "this year", "the following day" (anchored), "the same
 * day", "the year" (DCT year). */
static size_t core_rel_unit(const ctx *c, size_t i, cand *m) {
  size_t j = i;
  int shift = 0, anchored = 0;
  if (is_w(c, j, W_THIS) || is_w(c, j, W_CURRENT)) {
    j++;
  } else if (is_w(c, j, W_LAST) || is_w(c, j, W_PAST)) {
    shift = -1;
    j++;
  } else if (is_w(c, j, W_NEXT) || is_w(c, j, W_COMING)) {
    shift = 1;
    j++;
  } else if (is_w(c, j, W_THE) &&
             (is_w(c, j + 1, W_PAST) || is_w(c, j + 1, W_LAST))) {
    shift = -1;
    j += 2;
  } else if (is_w(c, j, W_THE)) {
    j++;
    if (is_w(c, j, W_NEXT) || is_w(c, j, W_FOLLOWING) || is_w(c, j, W_COMING)) {
      shift = 1;
      anchored = !is_w(c, j, W_COMING);
    } else if (is_w(c, j, W_PREVIOUS) || is_w(c, j, W_PRECEDING) ||
               is_w(c, j, W_PRIOR)) {
      shift = -1;
      anchored = 1;
    } else if (is_w(c, j, W_SAME)) {
      anchored = 1;
    } else if (is_w(c, j, W_CURRENT) || is_w(c, j, W_PRESENT)) {
    } else {
      return 0;
    }
    j++;
  } else {
    return 0;
  }
  int pl, u = unit_at(c, j, &pl);
  if (!u || pl || u < U_DAY)
    return 0;
  if (u == U_QUART)
    return 0; /* core_quarter */
  if (c->tk[j].cap)
    return 0; /* "This Week", a programme */
  /* "last week's vote" keeps its value; "next year's budget" too */
  if (!anchored && u == U_DAY)
    return 0;
  if (is_w(c, i, W_PAST) && !shift)
    return 0;
  /* "the past year" and "the last year" are durations in TimeBank; this
   * only handles "last year" */
  int g = unit_gran(u);
  cdate d;
  if (anchored && c->anchor.g != G_NONE) {
    d = c->anchor;
    if (d.g > g)
      cd_coarsen(&d, g);
  } else if (u == U_YEAR && shift < 0 && c->quarter.g == G_QUART &&
             !c->year_period && compared_before(c, i)) {
    /* "earnings of $24 million, compared with a loss of $3 million last
     * year": the same quarter a year before, like "a year ago" */
    d = c->quarter;
  } else {
    d = dct_at(c, g);
  }
  /* an anchor coarser than the unit keeps its granularity (cd_shift
   * ignores the finer step) */
  cd_shift(&d, u, shift);
  cand_date(m, i, j + 1, &d);
  return j + 1;
}

/* "earlier this year", "later this month", "earlier this week": take the
 * unit's value; the modifier stays in the span. */
static size_t core_earlier_this(const ctx *c, size_t i, cand *m) {
  if (!(is_w(c, i, W_EARLIER) || is_w(c, i, W_LATER)))
    return 0;
  if (!(is_w(c, i + 1, W_THIS) || is_w(c, i + 1, W_LAST) ||
        is_w(c, i + 1, W_NEXT)))
    return 0;
  size_t e = core_rel_unit(c, i + 1, m);
  if (!e) {
    e = core_day(c, i + 1, m);
    if (!e)
      return 0;
  }
  m->a = i;
  return e;
}

/* Day of March (> 31: of April) of Easter Sunday in year y (Gregorian,
 * the anonymous algorithm of Meeus). */
static int easter_march_day(int y) {
  int a = y % 19, b = y / 100, cc = y % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = cc / 4, k = cc % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  return h + l - 7 * m + 22;
}

/* Token j is a noun that the holiday name before it modifies ("office
 * Christmas party", "Easter egg hunt", "Thanksgiving dinner"): the name
 * is then no date. A noun here is a lower-case word of the same sentence
 * that the lexicon does not know (its words are dates, units, parts of
 * the day, tense cues: "Christmas morning", "Christmas season", "Easter
 * week", "Christmas last year"; a few nouns of a time besides: "Easter
 * time"), no stopword ("by Christmas when", "at Christmas too") and no
 * verb or adverb by its ending: past tense "-ed" (word_tense(): "as
 * Christmas approached"), "-ing" ("Thanksgiving Day clinging to an inner
 * tube") and "-ly" ("by Christmas probably"). Holidays are rare, so the
 * words are compared here rather than given lexicon ids. */
static int holiday_modifies(const ctx *c, size_t i, size_t j) {
  if (j >= c->nt || c->tk[j].kind != K_WORD || c->tk[j].cap ||
      c->tk[j].id != W_NONE || c->tk[j].sent != c->tk[i].sent)
    return 0;
  size_t l = c->tk[j].e - c->tk[j].s;
  if (l >= 3 &&
      ((tok_lower(c, j, l - 3) == 'i' && tok_lower(c, j, l - 2) == 'n' &&
        tok_lower(c, j, l - 1) == 'g') ||
       (tok_lower(c, j, l - 2) == 'l' && tok_lower(c, j, l - 1) == 'y')))
    return 0;
  if (tense_of(c, j))
    return 0;
  /* nouns of a time the lexicon does not know: "at Easter time", "the
   * Christmas holidays", "the Thanksgiving recess" */
  static const char *const time_nouns[] = {"time",  "holiday",  "holidays",
                                           "break", "vacation", "recess"};
  for (size_t k = 0; k < sizeof time_nouns / sizeof time_nouns[0]; k++)
    if (tok_is(c, j, time_nouns[k]))
      return 0;
  char w[TX_HOLIDAY_WORD_MAX];
  if (l < sizeof w) { /* longer words are no stopwords */
    for (size_t k = 0; k < l; k++)
      w[k] = tok_lower(c, j, k);
    if (cw_is_stopword(w, l))
      return 0;
  }
  return 1;
}

/* Holidays with fixed or computable dates. */
static size_t core_holiday(const ctx *c, size_t i, cand *m) {
  int mon = 0, day = 0;
  size_t j = i;
  if (is_w(c, i, W_CHRISTMAS) && c->tk[i].cap) {
    mon = 12;
    day = 25;
    j = i + 1;
    if (is_w(c, j, W_EVE)) {
      day = 24;
      j++;
    } else if (is_w(c, j, W_DAY)) {
      j++;
    }
  } else if (is_w(c, i, W_NEW) && is_w(c, i + 1, W_YEAR) &&
             is_p(c, i + 2, '\'') && is_w(c, i + 3, W_S) &&
             (is_w(c, i + 4, W_DAY) || is_w(c, i + 4, W_EVE))) {
    mon = is_w(c, i + 4, W_EVE) ? 12 : 1;
    day = mon == 12 ? 31 : 1;
    j = i + 5;
  } else if (is_w(c, i, W_HALLOWEEN) && c->tk[i].cap) {
    mon = 10;
    day = 31;
    j = i + 1;
  } else if (is_w(c, i, W_INDEPENDENCE) && is_w(c, i + 1, W_DAY) &&
             c->tk[i].cap) {
    mon = 7;
    day = 4;
    j = i + 2;
  } else if (is_w(c, i, W_THANKSGIVING) && c->tk[i].cap) {
    mon = 11;
    day = -1;
    j = i + 1;
    if (is_w(c, j, W_DAY))
      j++;
  } else if (is_w(c, i, W_EASTER) && c->tk[i].cap) {
    /* "Easter", "Easter Sunday", "Easter week" (the week ending on it) */
    mon = 4;
    day = -3;
    j = i + 1;
    if (is_w(c, j, W_SUNDAY) || is_w(c, j, W_WEEK))
      j++;
  } else if (is_w(c, i, W_ELECTION) && c->tk[i].cap && is_w(c, i + 1, W_DAY) &&
             c->tk[i + 1].cap) {
    /* the US general election: the Tuesday after the first Monday of
     * November */
    mon = 11;
    day = -2;
    j = i + 2;
  } else {
    return 0;
  }
  int y = -1;
  unsigned wr = 0;
  if (year_at(c, j) >= 0) {
    y = year_at(c, j);
    wr = CW_TIMEX_YEAR_WRITTEN;
    j++;
  } else if (holiday_modifies(c, i, j)) {
    return 0; /* "an office Christmas party": no date */
  } else if (c->has_dct) {
    /* the nearest one, preferring the past (news reports what happened) */
    y = guess_year(c, mon,
                   day == -1   ? 25
                   : day == -2 ? 5
                   : day == -3 ? 1
                               : day,
                   i, j);
  }
  cdate d = {G_DAY, y, mon, day, 0, 0, wr};
  if (day < 0) {
    if (y < 0) {
      d.d = -1;
      if (day == -3) { /* March or April */
        d.m = -1;
        if (is_w(c, j - 1, W_WEEK))
          d.g = G_WEEK;
      }
    } else if (day == -3) {
      int md = easter_march_day(y);
      d.m = md > 31 ? 4 : 3;
      d.d = md > 31 ? md - 31 : md;
      if (is_w(c, j - 1, W_WEEK))
        cd_coarsen(&d, G_WEEK);
    } else if (day == -2) { /* Tuesday after the first Monday */
      int64_t z = cw_days_from_civil(y, 11, 1);
      d.d = 2 + (int)((7 - cw_weekday(z)) % 7);
    } else { /* fourth Thursday of November */
      int64_t z = cw_days_from_civil(y, 11, 1);
      int first = (int)((3 - cw_weekday(z) + 7) % 7);
      d.d = 1 + first + 21;
    }
  }
  cand_date(m, i, j, &d);
  return j;
}

/* "last November", "next June", "this April", "last Friday", "next
 * Tuesday", "this Sunday": the nearest one on that side of the DCT. */
static size_t core_named_rel(const ctx *c, size_t i, cand *m) {
  int dir;
  size_t e0;
  if (is_w(c, i, W_THE) &&
      (is_w(c, i + 1, W_PREVIOUS) || is_w(c, i + 1, W_PRECEDING) ||
       is_w(c, i + 1, W_FOLLOWING)) &&
      weekday_at(c, i + 2, &e0) >= 0) {
    /* "the previous Friday": the one before the day under discussion */
    int w = weekday_at(c, i + 2, &e0);
    cdate d = c->anchor.g == G_DAY && c->anchor.m >= 1 ? c->anchor : c->dct;
    if (!c->has_dct && !(c->anchor.g == G_DAY && c->anchor.m >= 1)) {
      d = unknown_date(G_DAY);
      d.wd = w + 1;
    } else {
      int64_t z = day_num(&d);
      int dw = cw_weekday(z);
      set_day(&d, is_w(c, i + 1, W_FOLLOWING) ? z + ((w - dw + 6) % 7 + 1)
                                              : z - ((dw - w + 6) % 7 + 1));
    }
    cand_date(m, i, e0, &d);
    return m->b;
  }
  if (is_w(c, i, W_LAST) || is_w(c, i, W_PAST))
    dir = -1;
  else if (is_w(c, i, W_NEXT))
    dir = 1;
  else if (is_w(c, i, W_THIS))
    dir = 0;
  else
    return 0;
  size_t j = i + 1;
  if (dir == 0 && is_w(c, j, W_COMING)) {
    dir = 1;
    j++;
  } else if (dir == 0 && is_w(c, j, W_PAST)) {
    dir = -1;
    j++;
  }
  size_t e;
  int w = weekday_at(c, j, &e);
  if (w >= 0) {
    cdate d = unknown_date(G_DAY);
    d.wd = w + 1;
    if (c->has_dct) {
      int64_t z = c->dct_z;
      int dw = cw_weekday(z);
      int64_t r;
      if (dir < 0)
        r = z - ((dw - w + 6) % 7 + 1);
      else if (dir > 0)
        r = z + ((w - dw + 6) % 7 + 1);
      else
        r = z - dw + w; /* this Friday: in the DCT's week */
      d = c->dct;
      set_day(&d, r);
    }
    cand_date(m, i, e, &d);
    if (word_in(c, e, PARTS) >= 0)
      m->b = e + 1;
    return m->b;
  }
  int mon = month_at(c, j, &e);
  size_t dummy;
  if (!mon || mday_at(c, e, &dummy) || year_at(c, e) >= 0)
    return 0;
  cdate d = {G_MONTH, -1, mon, 1, 0, 0, 0};
  if (c->has_dct) {
    d.y = c->dct.y;
    if (dir < 0 && mon >= c->dct.m)
      d.y--;
    else if (dir > 0 && mon <= c->dct.m)
      d.y++;
  }
  cand_date(m, i, e, &d);
  return m->b;
}

/* Phrases that point back at the date under discussion or at the DCT's
 * year: "that day", "later that year", "the same day", "the latest
 * period" (a quarter in earnings news), "the year", "the full year", "the
 * fiscal year" (DATE, but a DURATION in "the year ended June 30"), "the
 * weekend" (the last one, or the coming one in the future tense). */
static size_t core_anaphoric(const ctx *c, size_t i, cand *m) {
  size_t j = i;
  if (is_w(c, j, W_EARLIER) || is_w(c, j, W_LATER))
    j++;
  if (is_w(c, j, W_THAT) || (is_w(c, j, W_THE) && is_w(c, j + 1, W_SAME))) {
    j += is_w(c, j, W_THAT) ? 1 : 2;
    if (is_w(c, j, W_SAME))
      j++;
    int pl, u = unit_at(c, j, &pl);
    if (!u || pl || u < U_DAY || u == U_WEEKEND || c->anchor.g == G_NONE)
      return 0;
    cdate d = c->anchor;
    if (d.g > unit_gran(u)) {
      cd_coarsen(&d, unit_gran(u));
    } else if (u == U_DAY && d.g < G_DAY) {
      /* "that same day" after "in October": a day of that month; after
       * a year or a week the day cannot be told */
      if (d.g != G_MONTH)
        return 0;
      d.g = G_DAY;
      d.d = -1;
    }
    cand_date(m, i, j + 1, &d);
    m->anchor = 0;
    return m->b;
  }
  if (j == i && is_w(c, j, W_YEAR) &&
      ((is_p(c, j + 1, '-') && is_w(c, j + 2, W_END)) ||
       is_w(c, j + 1, W_END) ||
       (is_p(c, j + 1, '\'') && is_w(c, j + 2, W_S) &&
        is_w(c, j + 3, W_END)))) {
    /* "by year-end", "year's end": the end of the DCT's year, or of the
     * year before after "since" */
    size_t e = is_w(c, j + 1, W_END) ? j + 2
               : is_p(c, j + 1, '-') ? j + 3
                                     : j + 4;
    cdate d = dct_at(c, G_YEAR);
    if (i > 0 && is_w(c, i - 1, W_SINCE))
      cd_shift(&d, U_YEAR, -1);
    cand_date(m, i, e, &d);
    m->anchor = 0;
    return m->b;
  }
  if (j > i || !is_w(c, j, W_THE))
    return 0;
  j++;
  if ((is_w(c, j, W_NEXT) || is_w(c, j, W_FOLLOWING) ||
       is_w(c, j, W_PREVIOUS)) &&
      word_in(c, j + 1, PARTS) >= 0 && c->anchor.g == G_DAY &&
      c->anchor.m >= 1) {
    /* "the next morning": the day after the date under discussion */
    cdate d = c->anchor;
    set_day(&d, day_num(&d) + (is_w(c, j, W_PREVIOUS) ? -1 : 1));
    cand_date(m, i, j + 2, &d);
    return m->b;
  }
  if ((is_w(c, j, W_LATEST) || is_w(c, j, W_RECENT)) &&
      is_w(c, j + 1, W_PERIOD) &&
      (c->quarter.g == G_QUART || c->named_quarter.g == G_QUART)) {
    cand_date(m, i, j + 2,
              c->quarter.g == G_QUART ? &c->quarter : &c->named_quarter);
    return m->b;
  }
  if (is_w(c, j, W_WEEKEND)) {
    cdate d = dct_at(c, G_WEEKEND);
    if (c->has_dct && cw_weekday(c->dct_z) < 5 && tense_at(c, i, j + 1) <= 0)
      cd_shift(&d, U_WEEK, -1);
    cand_date(m, i, j + 1, &d);
    return m->b;
  }
  int prior = 0; /* "the latest fiscal year": the last one closed */
  if ((is_w(c, j, W_LATEST) || is_w(c, j, W_LAST) || is_w(c, j, W_PREVIOUS) ||
       is_w(c, j, W_PAST)) &&
      is_w(c, j + 1, W_FISCAL) && is_w(c, j + 2, W_YEAR)) {
    prior = 1;
    j += 2;
  } else if (is_w(c, j, W_CURRENT) && is_w(c, j + 1, W_FISCAL))
    j += 2;
  else if (is_w(c, j, W_FULL) || is_w(c, j, W_FISCAL) || is_w(c, j, W_CURRENT))
    j++;
  if (!is_w(c, j, W_YEAR))
    return 0;
  if (is_w(c, j + 1, W_ENDED) || is_w(c, j + 1, W_ENDING) ||
      is_w(c, j + 1, W_THROUGH) || is_w(c, j + 1, W_TO)) {
    cand_str(m, i, j + 1, CW_TIMEX_DURATION, "P1Y");
    return m->b;
  }
  if (is_w(c, j + 1, W_BEFORE) || is_w(c, j + 1, W_AFTER) ||
      is_w(c, j + 1, W_EARLIER) || is_w(c, j + 1, W_AGO) ||
      is_p(c, j + 1, '-') || is_w(c, j + 1, W_S) || is_p(c, j + 1, '\''))
    return 0;
  cdate d = dct_at(c, G_YEAR);
  if (prior && d.y >= 0)
    d.y--;
  cand_date(m, i, j + 1, &d);
  m->anchor = 0;
  return m->b;
}

/* Modifiers TimeML keeps in the span: "early", "mid-", "late", "the end
 * of", "the beginning of", "the middle of". Returns the token after. */
static size_t modifier_at(const ctx *c, size_t i) {
  size_t j = i;
  if (is_w(c, j, W_THE) && (is_w(c, j + 1, W_EARLY) || is_w(c, j + 1, W_LATE) ||
                            is_w(c, j + 1, W_MID)))
    j++;
  else if (is_w(c, j, W_THE) || is_w(c, j, W_THIS)) {
    if ((is_w(c, j + 1, W_END) || is_w(c, j + 1, W_BEGINNING) ||
         is_w(c, j + 1, W_START) || is_w(c, j + 1, W_MIDDLE) ||
         is_w(c, j + 1, W_CLOSE) || is_w(c, j + 1, W_TURN)) &&
        is_w(c, j + 2, W_OF))
      return j + 3;
    return i;
  }
  if ((is_w(c, j, W_END) || is_w(c, j, W_BEGINNING)) && is_w(c, j + 1, W_OF))
    return j + 2;
  if (is_w(c, j, W_EARLY) || is_w(c, j, W_LATE) || is_w(c, j, W_MID)) {
    j++;
    if (is_p(c, j, '-') && adj(c, j - 1))
      j++;
    return j;
  }
  return i;
}

/* ---- starts ----------------------------------------------------------- */

/* What can start at a token: m_date()'s cores (their order in m_date())
 * and the other matchers, a bit each. ST_MODIFIER: a modifier of
 * modifier_at(), after which m_date() tries its cores. */
enum {
  ST_MONTH,
  ST_NAMED_REL,
  ST_NUMERIC,
  ST_YEAR,
  ST_SECOND_DAY,
  ST_DECADE,
  ST_SEASON,
  ST_QUARTER,
  ST_DAY,
  ST_REL_UNIT,
  ST_EARLIER_THIS,
  ST_HOLIDAY,
  ST_ANAPHORIC,
  ST_CENTURY,
  ST_N_CORES,
  ST_MODIFIER = ST_N_CORES,
  ST_TIME,
  ST_NUMBER_UNIT,
  ST_BARE_PLURAL,
  ST_SET,
  ST_REF
};
#define ST_BIT(k) ((uint32_t)1 << (k))
#define ST_CORES (ST_BIT(ST_N_CORES) - 1)
_Static_assert(ST_REF < 32, "the starts fit in 32 bits");

/* The words each of them can start at, read off its first tests (the
 * token it is called at must be one of these, or a number below, for it
 * to find anything). A superset is harmless; a word missing would lose
 * finds, so debug builds run all of them at every token and assert that
 * those the starts rule out find nothing. A lexicon word in no list
 * starts nothing, and the driver skips it like a word outside the
 * lexicon: the frequent "to", "said", "and", tense cues ("rose",
 * "held"), words tested only after a first token ("high noon",
 * "o'clock", "2024 figures"; "within two weeks" and "two days before",
 * which m_bare_plural() and m_number_unit() look at from the number or
 * unit). */
static const int ST_W_NAMED_REL[] = {W_THE, W_LAST, W_PAST, W_NEXT, W_THIS};
static const int ST_W_YEAR[] = {W_THE, W_NINETEEN, W_EIGHTEEN, W_TWO, W_FISCAL};
static const int ST_W_SEASON[] = {W_THIS,   W_LAST,   W_NEXT, W_THE,   W_WINTER,
                                  W_SPRING, W_SUMMER, W_FALL, W_AUTUMN};
static const int ST_W_QUARTER[] = {W_THE,    W_THIS,    W_LAST,   W_NEXT,
                                   W_FISCAL, W_FIRST,   W_SECOND, W_THIRD,
                                   W_FOURTH, W_LATEST,  W_RECENT, W_PREVIOUS,
                                   W_PAST,   W_CURRENT, W_YEAR};
static const int ST_W_DAY[] = {W_TODAY,   W_TONIGHT, W_YESTERDAY, W_TOMORROW,
                               W_THIS,    W_LAST,    W_MORNING,   W_AFTERNOON,
                               W_EVENING, W_NIGHT,   W_OVERNIGHT};
static const int ST_W_REL_UNIT[] = {W_THIS, W_CURRENT, W_LAST, W_PAST,
                                    W_NEXT, W_COMING,  W_THE};
static const int ST_W_EARLIER_THIS[] = {W_EARLIER, W_LATER};
static const int ST_W_HOLIDAY[] = {W_NEW}; /* the others capitalised */
static const int ST_W_HOLIDAY_CAP[] = {W_CHRISTMAS,    W_HALLOWEEN,
                                       W_INDEPENDENCE, W_THANKSGIVING,
                                       W_EASTER,       W_ELECTION};
static const int ST_W_ANAPHORIC[] = {W_EARLIER, W_LATER, W_THAT, W_THE, W_YEAR};
static const int ST_W_CENTURY[] = {W_THE,         W_FIFTEENTH,  W_SIXTEENTH,
                                   W_SEVENTEENTH, W_EIGHTEENTH, W_NINETEENTH,
                                   W_TWENTIETH,   W_TWENTY};
static const int ST_W_MODIFIER[] = {W_THE,   W_THIS, W_END, W_BEGINNING,
                                    W_EARLY, W_LATE, W_MID};
static const int ST_W_TIME[] = {W_NOON, W_MIDDAY, W_MIDNIGHT};
static const int ST_W_NUMBER_UNIT[] = {
    W_NEARLY,  W_ALMOST, W_ABOUT, W_APPROXIMATELY,
    W_ROUGHLY, W_AROUND, W_MORE,  W_LESS,
    W_FEWER,   W_UP,     W_AT,    W_THE,
    W_PAST,    W_LAST,   W_NEXT,  W_COUPLE,
    W_DOZEN,   W_A,      W_AN,    W_SEVERAL,
    W_FEW,     W_MANY,   W_SOME}; /* and NUM_WORDS, TENS */
static const int ST_W_BARE_PLURAL[] = {W_MINUTES, W_HOURS,    W_DAYS,
                                       W_WEEKS,   W_MONTHS,   W_YEARS,
                                       W_DECADES, W_CENTURIES};
static const int ST_W_SET[] = {W_DAILY,    W_WEEKLY, W_MONTHLY, W_YEARLY,
                               W_ANNUALLY, W_HOURLY, W_NIGHTLY, W_BIWEEKLY,
                               W_EVERY,    W_EACH,   W_PER};
static const int ST_W_REF[] = {W_NOW,    W_CURRENTLY, W_NOWADAYS, W_PRESENTLY,
                               W_THESE,  W_RECENTLY,  W_LATELY,   W_FUTURE,
                               W_RECENT, W_COMING,    W_CURRENT,  W_THE};

static void starts_add(int st, int cap_only, const int *ids, size_t n) {
  for (size_t k = 0; k < n; k++) {
    start_bits[1][ids[k]] |= ST_BIT(st);
    if (!cap_only)
      start_bits[0][ids[k]] |= ST_BIT(st);
  }
}
#define STARTS_ADD(st, cap_only, list)                                         \
  starts_add(st, cap_only, list, sizeof(list) / sizeof((list)[0]))

static void starts_build(void) {
  STARTS_ADD(ST_MONTH, 1, MONTHS);
  STARTS_ADD(ST_MONTH, 1, MONTHS3);
  starts_add(ST_MONTH, 1, (const int[]){W_SEPT}, 1);
  STARTS_ADD(ST_NAMED_REL, 0, ST_W_NAMED_REL);
  STARTS_ADD(ST_YEAR, 0, ST_W_YEAR);
  starts_add(ST_DECADE, 0, (const int[]){W_THE}, 1);
  STARTS_ADD(ST_SEASON, 0, ST_W_SEASON);
  STARTS_ADD(ST_QUARTER, 0, ST_W_QUARTER);
  STARTS_ADD(ST_DAY, 1, WEEKDAYS);
  STARTS_ADD(ST_DAY, 0, ST_W_DAY);
  STARTS_ADD(ST_REL_UNIT, 0, ST_W_REL_UNIT);
  STARTS_ADD(ST_EARLIER_THIS, 0, ST_W_EARLIER_THIS);
  STARTS_ADD(ST_HOLIDAY, 0, ST_W_HOLIDAY);
  STARTS_ADD(ST_HOLIDAY, 1, ST_W_HOLIDAY_CAP);
  STARTS_ADD(ST_ANAPHORIC, 0, ST_W_ANAPHORIC);
  STARTS_ADD(ST_CENTURY, 0, ST_W_CENTURY);
  STARTS_ADD(ST_MODIFIER, 0, ST_W_MODIFIER);
  STARTS_ADD(ST_TIME, 0, ST_W_TIME);
  STARTS_ADD(ST_NUMBER_UNIT, 0, ST_W_NUMBER_UNIT);
  STARTS_ADD(ST_NUMBER_UNIT, 0, NUM_WORDS);
  STARTS_ADD(ST_NUMBER_UNIT, 0, TENS);
  STARTS_ADD(ST_BARE_PLURAL, 0, ST_W_BARE_PLURAL);
  STARTS_ADD(ST_SET, 0, ST_W_SET);
  STARTS_ADD(ST_REF, 0, ST_W_REF);
}

/* What can start at token i (0 past the end). A number starts what its
 * digits allow: a day of the month or an hour has at most two, a year
 * four, any count goes before a unit; "'" only a decade ("'90s"). */
static uint32_t starts_at(const ctx *c, size_t i) {
  if (i >= c->nt)
    return 0;
  const tok *t = &c->tk[i];
  if (t->kind == K_WORD)
    return start_bits[t->cap != 0][t->id];
  if (t->kind == K_PUNCT)
    return t->p == '\'' ? ST_BIT(ST_DECADE) : 0;
  if (t->num < 0)
    return 0; /* too many digits: no number (is_num()) */
  if (t->ndig == 4)
    return ST_BIT(ST_NUMERIC) | ST_BIT(ST_YEAR) | ST_BIT(ST_DECADE) |
           ST_BIT(ST_QUARTER) | ST_BIT(ST_NUMBER_UNIT);
  if (t->ndig > 2)
    return ST_BIT(ST_NUMBER_UNIT);
  return ST_BIT(ST_MONTH) | ST_BIT(ST_NUMERIC) | ST_BIT(ST_SECOND_DAY) |
         ST_BIT(ST_CENTURY) | ST_BIT(ST_NUMBER_UNIT) |
         (t->num <= 24 ? ST_BIT(ST_TIME) : 0);
}

/* The index of the lowest bit set in x (not 0). */
static int lowest_bit(uint32_t x) {
#if defined(__GNUC__)
  return __builtin_ctz(x);
#else
  int k = 0;
  while (!(x & 1u)) {
    x >>= 1;
    k++;
  }
  return k;
#endif
}

/* A date at i, with an optional modifier in front. */
static size_t m_date(const ctx *c, size_t i, cand *best) {
  size_t j = modifier_at(c, i);
  static size_t (*const cores[ST_N_CORES])(const ctx *, size_t, cand *) = {
      [ST_MONTH] = core_month,
      [ST_NAMED_REL] = core_named_rel,
      [ST_NUMERIC] = core_numeric,
      [ST_YEAR] = core_year,
      [ST_SECOND_DAY] = core_second_day,
      [ST_DECADE] = core_decade,
      [ST_SEASON] = core_season,
      [ST_QUARTER] = core_quarter,
      [ST_DAY] = core_day,
      [ST_REL_UNIT] = core_rel_unit,
      [ST_EARLIER_THIS] = core_earlier_this,
      [ST_HOLIDAY] = core_holiday,
      [ST_ANAPHORIC] = core_anaphoric,
      [ST_CENTURY] = core_century};
  /* only the cores that can start at token j, in their order (debug
   * builds try all and check the others find nothing) */
  uint32_t starts = starts_at(c, j);
#ifdef NDEBUG
  uint32_t todo = starts & ST_CORES;
#else
  uint32_t todo = ST_CORES;
#endif
  static const cand none;
  cand local = none, m = none;
  for (; todo; todo &= todo - 1) {
    int k = lowest_bit(todo);
    /* a core writes m only when it finds something: clearing m after a
     * find is enough (this runs at most tokens; debug builds check) */
    if (cores[k](c, j, &m)) {
      assert(starts & ST_BIT(k)); /* the starts hide no find */
      if (j > i)
        m.a = i; /* the modifier belongs to the expression */
      take(&local, &m);
      m = none;
    }
    assert(!memcmp(&m, &none, sizeof m));
  }
  /* "the end of the year" -> this year */
  if (local.b == local.a && j > i && is_w(c, j, W_THE)) {
    int pl, u = unit_at(c, j + 1, &pl);
    if (u >= U_WEEK && u <= U_YEAR && !pl && u != U_QUART) {
      cdate d = dct_at(c, unit_gran(u));
      cand_date(&local, i, j + 2, &d);
    }
  }
  if (local.b > local.a)
    take(best, &local);
  return best->b;
}

/* The day a clock time ending before token j is on when a day follows
 * it as an expression of its own: "2 p.m. local time on Thursday", "10:35
 * a.m. (0735 GMT) Friday", "9 a.m. on June 5". Sets *d and returns 1. */
static int day_after(const ctx *c, size_t j, cdate *d) {
  /* "local time": words outside the lexicon (so that "the time" still
   * starts nothing) */
  if (j + 1 < c->nt && c->tk[j].kind == K_WORD && c->tk[j + 1].kind == K_WORD &&
      tok_is(c, j, "local") && tok_is(c, j + 1, "time"))
    j += 2;
  if (is_p(c, j, '(')) {
    size_t k = j + 1;
    while (k < c->nt && k < j + 6 && !is_p(c, k, ')'))
      k++;
    if (!is_p(c, k, ')'))
      return 0;
    j = k + 1;
  }
  if (is_w(c, j, W_ON))
    j++;
  if (j >= c->nt || c->tk[j].sent != c->tk[j - 1].sent)
    return 0;
  cand dm;
  memset(&dm, 0, sizeof dm);
  if (!(core_day(c, j, &dm) || core_month(c, j, &dm)) || dm.date.g != G_DAY ||
      dm.type != CW_TIMEX_DATE || dm.date.m < 1)
    return 0;
  *d = dm.date;
  return 1;
}

/* Clock times: "4:25 PM", "4:25 p.m. IST", "6 a.m.", "noon", "midnight",
 * optionally followed by the day ("10 p.m. Wednesday", "noon Friday",
 * "5 p.m. EST Nov. 9"). The date part: that day, else a day named just
 * after as its own expression (day_after()), else the last day named,
 * else the DCT. */
static size_t m_time(const ctx *c, size_t i, cand *best) {
  int h = -1, mi = 0;
  size_t j = i;
  if ((is_w(c, i, W_NOON) || is_w(c, i, W_MIDDAY)) &&
      !(i > 0 && is_w(c, i - 1, W_HIGH))) {
    h = 12;
    j = i + 1;
  } else if (is_w(c, i, W_MIDNIGHT)) {
    h = 24;
    j = i + 1;
  } else if (is_num(c, i) && c->tk[i].ndig <= 2 && c->tk[i].num <= 24) {
    h = c->tk[i].num;
    j = i + 1;
    if (is_p(c, j, ':') && adj(c, i) && is_num(c, j + 1) && adj(c, j) &&
        c->tk[j + 1].ndig == 2 && c->tk[j + 1].num < 60) {
      mi = c->tk[j + 1].num;
      j += 2;
    }
    /* a.m. / p.m. / am / pm / AM / PM */
    int pm = -1;
    size_t k = j;
    if (is_w(c, k, W_AM) || is_w(c, k, W_PM)) {
      pm = is_w(c, k, W_PM);
      k++;
    } else if ((is_w(c, k, W_A) || is_w(c, k, W_P)) && is_p(c, k + 1, '.') &&
               adj(c, k) && is_w(c, k + 2, W_M) && adj(c, k + 1)) {
      pm = is_w(c, k, W_P);
      k += 3;
      if (is_p(c, k, '.') && adj(c, k - 1)) {
        /* the final period belongs to the time unless it ends the
         * sentence; TimeBank keeps it inside either way */
        k++;
      }
    } else if (is_w(c, k, W_O) && is_p(c, k + 1, '\'') &&
               is_w(c, k + 2, W_CLOCK)) {
      pm = -2;
      k += 3;
    }
    if (pm == -1 && j == i + 1)
      return 0; /* a bare number is not a time */
    if (pm == -1 && !(j == i + 3))
      return 0;
    if (pm >= 0 && h > 12)
      return 0;
    if (pm == 1 && h < 12)
      h += 12;
    if (pm == 0 && h == 12)
      h = 0;
    if (pm == -1) {
      /* "4:25" alone: only with a zone or an "at" before */
      if (!(i > 0 && is_w(c, i - 1, W_AT)) && word_in(c, k, ZONES) < 0)
        return 0;
    }
    j = k;
  } else {
    return 0;
  }
  if (word_in(c, j, ZONES) >= 0 && c->tk[j].cap)
    j++;
  /* the day it belongs to; the day's number is written only when the
   * day is part of the span ("5 p.m. March 10", not "at 5 p.m." on the
   * day under discussion) */
  cdate d = {G_NONE, -1, -1, -1, 0, 0, 0};
  unsigned flags = 0;
  size_t k = is_p(c, j, ',') ? j + 1 : j;
  cand dm;
  memset(&dm, 0, sizeof dm);
  if ((core_day(c, k, &dm) || core_month(c, k, &dm)) && dm.date.g == G_DAY &&
      dm.type == CW_TIMEX_DATE) {
    d = dm.date;
    flags = dm.flags;
    j = dm.b;
  } else if (day_after(c, j, &d)) {
    /* "at 2 p.m. local time on Thursday": that Thursday's, the day a
     * span of its own */
  } else if (c->anchor.g == G_DAY && c->anchor.m >= 1) {
    d = c->anchor;
  } else {
    d = dct_at(c, G_DAY);
  }
  cand m;
  memset(&m, 0, sizeof m);
  m.a = i;
  m.b = j;
  m.type = CW_TIMEX_TIME;
  m.flags = flags | d.wr;
  char day[TX_DAY_MAX];
  d.g = G_DAY;
  cd_format(&d, day, sizeof day);
  snprintf(m.val, sizeof m.val, "%sT%02d:%02d", day, h, mi);
  take(best, &m);
  return best->b;
}

/* Durations and number-based relative dates: "three years", "48 hours",
 * "a decade", "the past two months", "the first nine months", "two-year",
 * "three days ago", "two days later", "39 minutes ago", "in three years"
 * (a date). */
/* snprintf(v, TX_VALUE_MAX, "%s%s%c%s", pre, num, unit, halfs) for the
 * short strings of a duration ("PT", "12", 'H', "30M"), without printf. */
static void dur_value(char *v, const char *pre, const char *num, char unit,
                      const char *halfs) {
  size_t k = 0;
  while (*pre)
    v[k++] = *pre++;
  while (*num && k < TX_VALUE_MAX - 7)
    v[k++] = *num++;
  v[k++] = unit;
  while (*halfs)
    v[k++] = *halfs++;
  v[k] = '\0';
}

/* A record or a count before "in" at token i, which makes "in six months"
 * the stretch looked back over, not a date ahead: "the third time in six
 * months", "its highest level in 20 years", "the worst in a decade". */
static int record_before(const ctx *c, size_t i) {
  if (i == 0 || c->tk[i - 1].kind != K_WORD)
    return 0;
  size_t w = i - 1, l = c->tk[w].e - c->tk[w].s;
  if (l >= TX_WORD_MAX)
    return 0;
  return tok_is(c, w, "time") || tok_is(c, w, "times") ||
         tok_is(c, w, "level") || tok_is(c, w, "high") || tok_is(c, w, "low") ||
         tok_is(c, w, "worst") || tok_is(c, w, "best") ||
         tok_is(c, w, "ever") ||
         (l >= 6 && tok_lower(c, w, l - 3) == 'e' &&
          tok_lower(c, w, l - 2) == 's' && tok_lower(c, w, l - 1) == 't' &&
          !tok_is(c, w, "interest"));
}

static size_t m_number_unit(const ctx *c, size_t i, cand *best) {
  size_t j = i;
  int the = 0, pastlast = 0, first = 0;
  /* TimeBank keeps "nearly", "about", "more than", "up to" in the span */
  static const int approx1[] = {W_NEARLY,        W_ALMOST,  W_ABOUT,
                                W_APPROXIMATELY, W_ROUGHLY, W_AROUND};
  if (word_in(c, j, approx1) >= 0 && !(i > 0 && is_w(c, i - 1, W_AT)))
    j++;
  else if (((is_w(c, j, W_MORE) || is_w(c, j, W_LESS) || is_w(c, j, W_FEWER)) &&
            is_w(c, j + 1, W_THAN)) ||
           (is_w(c, j, W_UP) && is_w(c, j + 1, W_TO)) ||
           (is_w(c, j, W_AT) &&
            (is_w(c, j + 1, W_LEAST) || is_w(c, j + 1, W_MOST))))
    j += 2;
  if (j > i && !number_at(c, j, &(int){0}, 1))
    return 0;
  if (is_w(c, j, W_THE)) {
    the = 1;
    j++;
  }
  if (is_w(c, j, W_PAST) || is_w(c, j, W_LAST) || is_w(c, j, W_NEXT) ||
      is_w(c, j, W_PREVIOUS) || is_w(c, j, W_COMING) ||
      is_w(c, j, W_FOLLOWING)) {
    pastlast = 1;
    j++;
  } else if (is_w(c, j, W_FIRST) || is_w(c, j, W_FINAL)) {
    first = 1;
    j++;
  }
  if ((first || pastlast) && !the && !is_w(c, i, W_PAST) &&
      !is_w(c, i, W_LAST) && !is_w(c, i, W_NEXT))
    return 0;
  int n = 1;
  int article = is_w(c, j, W_A) || is_w(c, j, W_AN);
  size_t nt = number_at(c, j, &n, !the && !pastlast && !first);
  if (nt && n >= 1000)
    return 0; /* "the 1988 quarter", "2000 years" is rare in news */
  int has_num = nt > 0;
  /* "half an hour", "a year and a half" */
  j += nt;
  /* "2 1/2 years": a half more */
  int half = 0;
  if (has_num && n != NUM_X && is_num(c, j) && c->tk[j].num == 1 &&
      is_p(c, j + 1, '/') && adj(c, j) && is_num(c, j + 2) &&
      c->tk[j + 2].num == 2 && adj(c, j + 1)) {
    half = 1;
    j += 3;
  }
  if (!has_num && !the && !pastlast)
    return 0;
  if (!has_num && !pastlast)
    return 0; /* "the year" is left alone */
  size_t uj = j;
  int hyph = 0;
  if (is_p(c, uj, '-') && has_num) {
    uj++;
    hyph = 1;
  } else if (has_num && (is_w(c, uj, W_MORE) || is_w(c, uj, W_ADDITIONAL) ||
                         is_w(c, uj, W_STRAIGHT) || is_w(c, uj, W_FULL))) {
    uj++; /* "two more weeks", "three straight years" */
  }
  int pl, u = unit_at(c, uj, &pl);
  if (!u)
    return 0;
  if (u == U_WEEKEND)
    return 0;
  /* "60 Minutes" is a title; "a second group" an ordinal */
  if (c->tk[uj].cap && !c->tk[i].cap)
    return 0;
  if (u == U_SEC && !pl && (is_w(c, j - 1, W_A) || is_w(c, j - 1, W_AN)) &&
      uj + 1 < c->nt && c->tk[uj + 1].kind == K_WORD &&
      !is_w(c, uj + 1, W_AGO) && !is_w(c, uj + 1, W_LATER) &&
      !is_w(c, uj + 1, W_EARLIER) && !is_w(c, uj + 1, W_OR) &&
      !is_w(c, uj + 1, W_AND) && !is_w(c, uj + 1, W_BEFORE) &&
      !is_w(c, uj + 1, W_AFTER))
    return 0;
  size_t e = uj + 1;
  /* "more than a quarter of the market" is a fraction */
  if (u == U_QUART && !pl && is_w(c, e, W_OF) && year_at(c, e + 1) < 0)
    return 0;
  if (has_num && n != NUM_X && !half && is_w(c, e, W_AND) &&
      is_w(c, e + 1, W_A) && is_w(c, e + 2, W_HALF)) {
    half = 1; /* "a minute and a half" */
    e += 3;
  }
  /* "45-year-old", "two-year-old" are ages, not durations */
  if ((is_p(c, e, '-') && is_w(c, e + 1, W_OLD)) || is_w(c, e, W_OLD))
    return 0;
  /* "a year-earlier quarter" belongs to core_quarter */
  if (is_p(c, e, '-') && (is_w(c, e + 1, W_EARLIER) || is_w(c, e + 1, W_AGO)))
    return 0;
  if (!has_num && !pl)
    return 0; /* "the past week" is handled as a date elsewhere */
  if (hyph && u == U_QUART && pl)
    return 0; /* "three-quarters" */
  size_t a0 = i;
  if (hyph && the && !pastlast && !first) {
    the = 0;
    a0 = i + 1; /* "the two-year plan": the article is the plan's */
  }
  cand m;
  memset(&m, 0, sizeof m);
  /* relative: "three days ago", "two weeks earlier", "a year later",
   * "two days from now" */
  int dir = 0, anchored = 0;
  size_t r = e;
  if (!the && !pastlast && !first && !hyph) {
    if (is_w(c, r, W_AGO)) {
      dir = -1;
      r++;
    } else if (is_w(c, r, W_EARLIER) || is_w(c, r, W_BEFORE)) {
      dir = -1;
      anchored = 1;
      r++;
    } else if (is_w(c, r, W_LATER) || is_w(c, r, W_AFTER)) {
      dir = 1;
      anchored = 1;
      r++;
    } else if (is_w(c, r, W_FROM) && is_w(c, r + 1, W_NOW)) {
      dir = 1;
      r += 2;
    } else if (is_w(c, r, W_HENCE)) {
      dir = 1;
      r++;
    }
  }
  /* "after" and "before" are dates only at the end of a phrase ("two days
   * after the vote" is the day after the vote, which we cannot resolve) */
  if (dir && anchored && (is_w(c, r - 1, W_AFTER) || is_w(c, r - 1, W_BEFORE)))
    dir = 0, r = e;
  /* "in three years" is a date when "in" precedes a bare count */
  int in_future = !dir && i > 0 && is_w(c, i - 1, W_IN) && !the && !pastlast &&
                  !first && !hyph && has_num && n != NUM_X && !article &&
                  !record_before(c, i - 1) && !is_w(c, e, W_OF) &&
                  clause_tense(c, i, e) >= 0;
  if (dir || in_future) {
    if (u <= U_HOUR) {
      /* "39 minutes ago": a TIME when the DCT has a time */
      if (c->has_dct && c->dct_time && !anchored && n != NUM_X) {
        int64_t secs =
            c->dct_z * 86400 + (int64_t)c->dh * 3600 + (int64_t)c->dmi * 60;
        int64_t step = u == U_SEC ? 1 : u == U_MIN ? 60 : 3600;
        secs += (dir ? dir : 1) * (int64_t)n * step;
        int64_t z = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
        int64_t rem = secs - z * 86400;
        cdate d = c->dct;
        set_day(&d, z);
        char day[TX_DAY_MAX];
        cd_format(&d, day, sizeof day);
        snprintf(m.val, sizeof m.val, "%sT%02d:%02d", day, (int)(rem / 3600),
                 (int)(rem % 3600 / 60));
        m.a = i;
        m.b = in_future ? e : r;
        m.type = CW_TIMEX_TIME;
        take(best, &m);
        return best->b;
      }
      cdate d = anchored && c->anchor.g == G_DAY ? c->anchor : dct_at(c, G_DAY);
      cand_date(&m, i, in_future ? e : r, &d);
      m.anchor = 0;
      take(best, &m);
      return best->b;
    }
    int g = unit_gran(u);
    cdate d;
    if (u == U_YEAR && n == 1 && dir < 0 && c->year_period && c->has_dct) {
      /* "the first nine months ... a year earlier": last year */
      d = dct_at(c, G_YEAR);
    } else if (u == U_YEAR && n == 1 && dir < 0 && c->quarter.g == G_QUART) {
      /* "a year ago" in an earnings report: the same quarter last year */
      d = c->quarter;
    } else if (anchored && c->anchor.g != G_NONE) {
      d = c->anchor;
      /* an anchor day moved by months or years reads at the unit's
       * granularity; a quarter moved by a year stays a quarter */
      if ((d.g == G_DAY && g < G_WEEK) || (d.g > g && d.g >= G_WEEK))
        cd_coarsen(&d, g);
    } else {
      d = dct_at(c, g);
    }
    if (n == NUM_X) {
      if (d.g == G_DAY && d.y >= 0)
        d.d = -1, d.m = d.m; /* some days ago: day unknown */
      cd_format(&d, m.val, sizeof m.val);
      if (d.g == G_YEAR && d.y >= 0)
        snprintf(m.val, sizeof m.val, "PAST_REF");
      m.a = i;
      m.b = in_future ? e : r;
      m.type = CW_TIMEX_DATE;
      if (dir < 0)
        snprintf(m.val, sizeof m.val, "PAST_REF");
      else
        snprintf(m.val, sizeof m.val, "FUTURE_REF");
      take(best, &m);
      return best->b;
    }
    cd_shift(&d, u, (dir ? dir : 1) * n);
    cand_date(&m, i, in_future ? e : r, &d);
    take(best, &m);
    if (!in_future)
      return best->b;
  }
  /* "the first two quarters of 1990" is its first half */
  if (u == U_QUART && n == 2 && (first || is_w(c, j - 2, W_LAST)) &&
      is_w(c, e, W_OF) && year_at(c, e + 1) >= 0) {
    cdate d = {G_HALF, year_at(c, e + 1), 1, 1, first ? 1 : 2, 0, 0};
    d.wr = CW_TIMEX_YEAR_WRITTEN;
    cand_date(&m, i, e + 2, &d);
    take(best, &m);
    return best->b;
  }
  /* "Islam will one day be", "he hopes he one day follows": some day */
  if (u == U_DAY && !pl && is_w(c, j - 1, W_ONE) && i > 0 && j - 1 == i &&
      e < c->nt && c->tk[e].kind == K_WORD && !c->tk[e].cap) {
    static const int subj[] = {W_WILL, W_WOULD, W_COULD, W_MAY, W_MIGHT,
                               W_CAN,  W_SHALL, W_HE,    W_SHE, W_THEY,
                               W_WE,   W_I,     W_YOU,   W_IT};
    if (word_in(c, i - 1, subj) >= 0 && word_tense(c, e) == 0 &&
        !is_w(c, e, W_OF) && !is_w(c, e, W_AND) && !is_w(c, e, W_OR) &&
        !is_w(c, e, W_IN) && !is_w(c, e, W_TO)) {
      cand_str(&m, i, e, CW_TIMEX_DATE, "FUTURE_REF");
      take(best, &m);
      return best->b;
    }
  }
  /* a duration */
  char v[TX_VALUE_MAX];
  char num[24];
  if (n == NUM_X)
    memcpy(num, "X", 2);
  else
    cw_fmt_int(num, n, 0); /* "%d" */
  /* the half goes to the next smaller unit: "2 1/2 years" = P2Y6M */
  const char *halfs = !half         ? ""
                      : u == U_MIN  ? "30S"
                      : u == U_HOUR ? "30M"
                      : u == U_DAY  ? "T12H"
                      : u == U_YEAR ? "6M"
                                    : "";
  switch (u) {
  case U_SEC:
    dur_value(v, "PT", num, 'S', "");
    break;
  case U_MIN:
    dur_value(v, "PT", num, 'M', halfs);
    break;
  case U_HOUR:
    dur_value(v, "PT", num, 'H', halfs);
    break;
  case U_DAY:
    dur_value(v, "P", num, 'D', halfs);
    break;
  case U_WEEK:
    dur_value(v, "P", num, 'W', "");
    break;
  case U_MONTH:
    dur_value(v, "P", num, 'M', "");
    break;
  case U_QUART: /* TimeML's quarter unit: "the past two quarters" P2Q */
    dur_value(v, "P", num, 'Q', "");
    break;
  case U_YEAR:
    dur_value(v, "P", num, 'Y', halfs);
    break;
  case U_DEC:
    if (n == NUM_X)
      snprintf(v, sizeof v, "PXDE");
    else
      snprintf(v, sizeof v, "P%dY", 10 * n);
    break;
  default:
    if (n == NUM_X)
      snprintf(v, sizeof v, "PXCE");
    else
      snprintf(v, sizeof v, "P%dY", 100 * n);
    break;
  }
  if ((n == NUM_X || !has_num) && pastlast && u >= U_DAY &&
      (is_w(c, i, W_PAST) || is_w(c, i, W_LAST) || is_w(c, i + 1, W_PAST) ||
       is_w(c, i + 1, W_LAST))) {
    /* "the past several quarters", "the last few months", "past years" */
    cand_str(&m, i, e, CW_TIMEX_DATE, "PAST_REF");
    take(best, &m);
    return best->b;
  }
  if (!has_num) {
    /* "the past weeks" */
    v[1] = 'X';
    if (u <= U_HOUR)
      snprintf(v, sizeof v, "PTX%c", u == U_SEC ? 'S' : u == U_MIN ? 'M' : 'H');
    else
      snprintf(v, sizeof v, "PX%c",
               u == U_DAY     ? 'D'
               : u == U_WEEK  ? 'W'
               : u == U_MONTH ? 'M'
                              : 'Y');
  }
  cand_str(&m, a0, e, CW_TIMEX_DURATION, v);
  /* "the first nine months", "the latest six months": a part of the year
   * that earnings news then compares with the year before */
  m.period = u == U_MONTH && (n == 6 || n == 9) && (the || first);
  take(best, &m);
  return best->b;
}

/* Bare plural units after "for"/"in"/"over"/"within": "for years" (PXY),
 * "in months". */
static size_t m_bare_plural(const ctx *c, size_t i, cand *best) {
  if (i == 0 || !(is_w(c, i - 1, W_FOR) || is_w(c, i - 1, W_IN) ||
                  is_w(c, i - 1, W_OVER) || is_w(c, i - 1, W_WITHIN)))
    return 0;
  int pl, u = unit_at(c, i, &pl);
  if (!u || !pl || u < U_MIN || u == U_QUART || u == U_WEEKEND)
    return 0;
  char v[TX_VALUE_MAX];
  if (u <= U_HOUR)
    snprintf(v, sizeof v, "PTX%c", u == U_MIN ? 'M' : 'H');
  else if (u == U_DEC)
    snprintf(v, sizeof v, "PXDE");
  else if (u == U_CENT)
    snprintf(v, sizeof v, "PXCE");
  else
    snprintf(v, sizeof v, "PX%c",
             u == U_DAY     ? 'D'
             : u == U_WEEK  ? 'W'
             : u == U_MONTH ? 'M'
                            : 'Y');
  cand m;
  memset(&m, 0, sizeof m);
  cand_str(&m, i, i + 1, CW_TIMEX_DURATION, v);
  take(best, &m);
  return best->b;
}

/* Sets: "every week", "each year", "daily", "weekly", "every Friday". */
static size_t m_set(const ctx *c, size_t i, cand *best) {
  static const struct {
    int w;
    const char *v;
  } adverbs[] = {{W_DAILY, "P1D"},   {W_WEEKLY, "P1W"},   {W_MONTHLY, "P1M"},
                 {W_YEARLY, "P1Y"},  {W_ANNUALLY, "P1Y"}, {W_HOURLY, "PT1H"},
                 {W_NIGHTLY, "P1D"}, {W_BIWEEKLY, "P2W"}};
  cand m;
  memset(&m, 0, sizeof m);
  for (size_t k = 0; k < sizeof adverbs / sizeof adverbs[0]; k++) {
    if (is_w(c, i, adverbs[k].w)) {
      cand_str(&m, i, i + 1, CW_TIMEX_SET, adverbs[k].v);
      take(best, &m);
      return best->b;
    }
  }
  if (!(is_w(c, i, W_EVERY) || is_w(c, i, W_EACH) || is_w(c, i, W_PER)))
    return 0;
  size_t j = i + 1;
  int n = 1;
  size_t nt = is_w(c, i, W_PER) ? 0 : number_at(c, j, &n, 0);
  if (is_w(c, j, W_OTHER)) {
    n = 2;
    nt = 1;
  }
  j += nt;
  int pl, u = unit_at(c, j, &pl);
  char v[TX_VALUE_MAX];
  if (u && u != U_WEEKEND) {
    const char *code = u == U_SEC     ? "S"
                       : u == U_MIN   ? "M"
                       : u == U_HOUR  ? "H"
                       : u == U_DAY   ? "D"
                       : u == U_WEEK  ? "W"
                       : u == U_MONTH ? "M"
                       : u == U_QUART ? "Q"
                                      : "Y";
    int k = n == NUM_X ? 1 : n;
    if (u == U_DEC)
      snprintf(v, sizeof v, "P%dY", 10 * k);
    else if (u == U_CENT)
      snprintf(v, sizeof v, "P%dY", 100 * k);
    else
      snprintf(v, sizeof v, "P%s%d%s", u <= U_HOUR ? "T" : "", k, code);
  } else if (u == U_WEEKEND) {
    snprintf(v, sizeof v, "XXXX-WXX-WE");
  } else {
    size_t e;
    int w = weekday_at(c, j, &e);
    if (w >= 0) {
      snprintf(v, sizeof v, "XXXX-WXX-%d", w + 1);
    } else if (word_in(c, j, PARTS) >= 0) {
      snprintf(v, sizeof v, "XXXX-XX-XXT%s", PART_CODE[word_in(c, j, PARTS)]);
    } else {
      size_t me;
      int mon = month_at(c, j, &me);
      if (!mon || me != j + 1)
        return 0;
      snprintf(v, sizeof v, "XXXX-%02d", mon);
    }
  }
  cand_str(&m, i, j + 1, CW_TIMEX_SET, v);
  take(best, &m);
  return best->b;
}

/* PRESENT_REF, PAST_REF, FUTURE_REF words. */
static size_t m_ref(const ctx *c, size_t i, cand *best) {
  cand m;
  memset(&m, 0, sizeof m);
  const char *v = NULL;
  size_t e = i + 1;
  if (is_w(c, i, W_NOW) || is_w(c, i, W_CURRENTLY) || is_w(c, i, W_NOWADAYS) ||
      is_w(c, i, W_PRESENTLY)) {
    /* "now-defunct", "from now" (consumed by the count), "now that" */
    v = "PRESENT_REF";
  } else if (is_w(c, i, W_THESE) && is_w(c, i + 1, W_DAYS)) {
    v = "PRESENT_REF";
    e = i + 2;
  } else if (is_w(c, i, W_RECENTLY) || is_w(c, i, W_LATELY)) {
    v = "PAST_REF";
  } else if (is_w(c, i, W_FUTURE) && !(i > 0 && is_w(c, i - 1, W_THE))) {
    /* "in future quarters": the future; "future demand" is left alone */
    int pl, u = unit_at(c, i + 1, &pl);
    if (!u || !pl || u < U_DAY || u == U_WEEKEND)
      return 0;
    v = "FUTURE_REF";
    e = i + 2;
  } else if (is_w(c, i, W_RECENT) || is_w(c, i, W_COMING)) {
    /* "recent years" is a vague duration, "recent" alone the past */
    int pl, u = unit_at(c, i + 1, &pl);
    if (u && pl && u >= U_DAY && u != U_WEEKEND) {
      static const char *const vals[] = {
          "", "", "", "", "PXD", "PXW", "PXM", "PXM", "PXY", "PXDE", "PXCE"};
      /* TimeBank: "coming months" is the future, "recent years" the past,
       * "recent weeks" a vague duration */
      if (is_w(c, i, W_COMING))
        cand_str(&m, i, i + 2, CW_TIMEX_DATE, "FUTURE_REF");
      else if (u >= U_YEAR)
        cand_str(&m, i, i + 2, CW_TIMEX_DATE, "PAST_REF");
      else
        cand_str(&m, i, i + 2, CW_TIMEX_DURATION, vals[u]);
      take(best, &m);
      return best->b;
    }
    /* "recent" alone is an adjective more often than a time */
    return 0;
  } else if (is_w(c, i, W_CURRENT)) {
    int pl;
    if (unit_at(c, i + 1, &pl) || is_w(c, i + 1, W_FISCAL) ||
        (i > 0 && is_w(c, i - 1, W_THE)))
      return 0;
    v = "PRESENT_REF";
  } else if (is_w(c, i, W_THE) &&
             (is_w(c, i + 1, W_PAST) || is_w(c, i + 1, W_FUTURE))) {
    int pl, n;
    if (number_at(c, i + 2, &n, 1) || unit_at(c, i + 2, &pl) ||
        (i + 2 < c->nt && c->tk[i + 2].kind == K_WORD &&
         !is_w(c, i + 2, W_AND) && !is_w(c, i + 2, W_OR) &&
         !is_w(c, i + 2, W_TO) && !is_w(c, i + 2, W_IS) &&
         !is_w(c, i + 2, W_WAS) && !is_w(c, i + 2, W_WILL) &&
         !is_w(c, i + 2, W_THAT) && !is_w(c, i + 2, W_WITH) &&
         !is_w(c, i + 2, W_IN) && !is_w(c, i + 2, W_IF) &&
         !is_w(c, i + 2, W_WHEN) && !is_w(c, i + 2, W_AS) &&
         !is_w(c, i + 2, W_BUT) && !is_w(c, i + 2, W_BECAUSE)))
      return 0; /* "the future of the port" is its prospects, not a time */
    v = is_w(c, i + 1, W_PAST) ? "PAST_REF" : "FUTURE_REF";
    e = i + 2;
  } else if (is_w(c, i, W_THE) &&
             (is_w(c, i + 1, W_NEAR) || is_w(c, i + 1, W_SHORT)) &&
             (is_w(c, i + 2, W_FUTURE) || is_w(c, i + 2, W_TERM))) {
    v = "FUTURE_REF";
    e = i + 3;
  } else {
    return 0;
  }
  if (is_w(c, i, W_NOW) && adj(c, i) && is_p(c, i + 1, '-'))
    return 0;
  cand_str(&m, i, e, CW_TIMEX_DATE, v);
  take(best, &m);
  return best->b;
}

/* ---- driver ----------------------------------------------------------- */

const char *cw_timex_type_name(cw_timex_type type) {
  switch (type) {
  case CW_TIMEX_DATE:
    return "DATE";
  case CW_TIMEX_TIME:
    return "TIME";
  case CW_TIMEX_DURATION:
    return "DURATION";
  case CW_TIMEX_SET:
    return "SET";
  }
  return "DATE";
}

static void parse_dct(ctx *c, const char *dct) {
  c->has_dct = 0;
  if (!dct)
    return;
  size_t n = strlen(dct);
  int64_t epoch;
  int timed = 0;
  if (!cw_parse_iso8601(dct, n, &epoch, &timed)) {
    /* "20250605" */
    if (n >= 8) {
      int ok = 1, v = 0;
      for (size_t i = 0; i < 8; i++) {
        if (!is_digit((unsigned char)dct[i]))
          ok = 0;
        else
          v = v * 10 + (dct[i] - '0');
      }
      if (ok && valid_ymd(v / 10000, v / 100 % 100, v % 100)) {
        epoch = cw_days_from_civil(v / 10000, v / 100 % 100, v % 100) * 86400;
        timed = 0;
      } else {
        return;
      }
    } else {
      return;
    }
  }
  int64_t z = epoch >= 0 ? epoch / 86400 : (epoch - 86399) / 86400;
  int64_t rem = epoch - z * 86400;
  c->has_dct = 1;
  c->dct.g = G_DAY;
  set_day(&c->dct, z);
  c->dct_z = z;
  c->dct.sub = 0;
  c->dct.wd = 0;
  c->dct_time = timed;
  c->dh = (int)(rem / 3600);
  c->dmi = (int)(rem % 3600 / 60);
}

/* Words that start an expression only beside certain tokens, without
 * them at token i (a word of the lexicon): the only starts of each are
 * those named (the matchers test no other token there), so the driver
 * skips it like a word that never starts. Debug builds check. */
static int starts_without_neighbour(const ctx *c, size_t i) {
  int v;
  size_t k;
  switch (c->tk[i].id) {
  case W_AT: /* "at least", "at most" */
    return !(is_w(c, i + 1, W_LEAST) || is_w(c, i + 1, W_MOST));
  case W_UP: /* "up to" */
    return !is_w(c, i + 1, W_TO);
  case W_NEW: /* "New Year's Day" */
    return !is_w(c, i + 1, W_YEAR);
  case W_ELECTION: /* "Election Day" */
    return !is_w(c, i + 1, W_DAY);
  case W_FIRST: /* "first quarter", "first-half" */
    k = opt_hyphen(c, i + 1);
    return !(is_w(c, k, W_QUARTER) || is_w(c, k, W_HALF));
  case W_THAT: /* "that day", "that same week" */
    return !unit_at(c, i + 1, &v) && !is_w(c, i + 1, W_SAME);
  case W_ABOUT: /* approximations: "about two weeks", "nearly a year" */
  case W_NEARLY:
  case W_ALMOST:
  case W_APPROXIMATELY:
  case W_ROUGHLY:
  case W_AROUND:
    return !number_at(c, i + 1, &v, 1);
  case W_MORNING: /* "early morning", "late evening", "mid-afternoon" */
  case W_AFTERNOON:
  case W_EVENING:
  case W_NIGHT:
    return !(i > 0 &&
             (is_w(c, i - 1, W_EARLY) || is_w(c, i - 1, W_LATE) ||
              is_w(c, i - 1, W_MID) ||
              (is_p(c, i - 1, '-') && i > 1 && is_w(c, i - 2, W_MID))));
  default:
    return 0;
  }
}

/* cw_times_find(), its tokens read with the analysis a of the text when
 * a is not NULL (tokenize_an()). */
static cw_status times_find(const char *text, size_t len, const char *dct,
                            const cw_analysis *a, cw_arena *arena,
                            cw_timex **out, size_t *n) {
  *out = NULL;
  *n = 0;
  if (!text || !len)
    return CW_OK;
  pthread_once(&lexicon_once, lexicon_build);
  cw_vec toks, found;
  cw_vec_init(&toks, sizeof(tok));
  cw_vec_init(&found, sizeof(cw_timex));
  cw_status st =
      a ? tokenize_an(text, len, a, &toks) : tokenize(text, len, &toks);
  /* room for the expressions up front (news has about one in 150 bytes;
   * at most 64 KiB's worth: a huge text grows the vector as usual) */
  if (st == CW_OK &&
      cw_vec_reserve(
          &found,
          (len < ((size_t)64 << 10) ? len : ((size_t)64 << 10)) / 128 + 8))
    st = CW_ERR_NOMEM;
  if (st != CW_OK)
    goto done;
#ifndef NDEBUG
  if (a)
    check_tokens_an(text, len, &toks);
#endif
  /* a sentinel past the last token, marked as a start, ends the driver's
   * runs of tokens that start nothing (outside c.nt: no matcher sees it) */
  size_t ntok = toks.len;
  tok *sentinel = cw_vec_push(&toks);
  if (!sentinel) {
    st = CW_ERR_NOMEM;
    goto done;
  }
  memset(sentinel, 0, sizeof *sentinel);
  sentinel->kind = K_PUNCT;
  sentinel->start = 1;
  ctx c;
  memset(&c, 0, sizeof c);
  c.text = text;
  c.tk = toks.items;
  c.nt = ntok;
  parse_dct(&c, dct);
  /* the tense of words: tense_of(), when asked; other tokens' is 0,
   * zeroed when pushed */
  c.anchor.g = G_NONE;
  /* each matcher with what must start at its token for it to find
   * anything (m_date(): a core, or a modifier before one) */
  static const struct {
    size_t (*match)(const ctx *, size_t, cand *);
    uint32_t starts;
  } matchers[] = {{m_date, ST_CORES | ST_BIT(ST_MODIFIER)},
                  {m_time, ST_BIT(ST_TIME)},
                  {m_number_unit, ST_BIT(ST_NUMBER_UNIT)},
                  {m_bare_plural, ST_BIT(ST_BARE_PLURAL)},
                  {m_set, ST_BIT(ST_SET)},
                  {m_ref, ST_BIT(ST_REF)}};
  for (size_t i = 0; i < c.nt;) {
    /* what can start at token i (starts_at()): nothing at most of a
     * text's tokens, words outside the lexicon, lexicon words that start
     * nothing ("to", "said", "rose") and punctuation (but "'90s") */
#ifdef NDEBUG
    /* the run of them ahead (tok.start, set by the tokenizer; the
     * sentinel at c.nt has it) */
    while (!c.tk[i].start)
      i++;
    if (i == c.nt)
      break;
#endif
    uint32_t starts = starts_at(&c, i);
    /* no expression starts with punctuation (but "'90s") */
    if (c.tk[i].kind == K_PUNCT && c.tk[i].p != '\'') {
      i++;
      continue;
    }
    /* nor where the tokens around rule out all that starts here: skip
     * them cheaply */
    int unknown_after =
        i + 1 < c.nt && c.tk[i + 1].kind == K_WORD && c.tk[i + 1].id == W_NONE;
    int unknown_next = unknown_after && !c.tk[i + 1].cap;
    int hopeless =
        !starts ||
        (c.tk[i].kind == K_WORD &&
         ((starts_only_before_known(c.tk[i].id) && unknown_next) ||
          /* "the" is followed by a lexicon word, a number or a mark in
           * every expression it starts: a name after it ("the Harbour
           * Board") ends the hope too */
          (c.tk[i].id == W_THE && unknown_after) ||
          starts_without_neighbour(&c, i))) ||
        /* a number but a year ("12 workers", not "2024 figures"): its
         * units, months, suffixes and clock words are all in the lexicon */
        (c.tk[i].kind == K_NUM && c.tk[i].ndig != 4 && unknown_next) ||
        /* an apostrophe starts only a decade ("'90s"): two digits follow */
        (c.tk[i].kind == K_PUNCT &&
         !(is_num(&c, i + 1) && c.tk[i + 1].ndig == 2));
#ifdef NDEBUG
    if (hopeless) {
      i++;
      continue;
    }
#endif
    cand best;
    memset(&best, 0, sizeof best);
    best.a = best.b = i;
    for (size_t k = 0; k < sizeof matchers / sizeof matchers[0]; k++) {
#ifdef NDEBUG
      if (!(starts & matchers[k].starts))
        continue;
#else
      /* debug builds try every matcher and check that those the starts
       * rule out find nothing at all (not even a shorter expression) */
      cand probe;
      memset(&probe, 0, sizeof probe);
      probe.a = probe.b = i;
      matchers[k].match(&c, i, &probe);
      assert(probe.b <= probe.a || (starts & matchers[k].starts));
#endif
      matchers[k].match(&c, i, &best);
    }
    assert(!hopeless || best.b <= best.a); /* the shortcut hides nothing */
    if (best.b <= best.a) {
      i++;
      continue;
    }
    cw_timex *t = found.len < found.cap
                      ? &CW_VEC_AT(&found, cw_timex, found.len++)
                      : cw_vec_push(&found);
    if (!t) {
      st = CW_ERR_NOMEM;
      goto done;
    }
    t->start = c.tk[best.a].s;
    t->end = c.tk[best.b - 1].e;
    t->type = best.type;
    t->flags = best.flags;
    t->value = cw_arena_strdup(arena, best.val);
    if (!t->value) {
      st = CW_ERR_NOMEM;
      goto done;
    }
    if (best.period) {
      c.year_period = 1;
    } else if (best.anchor && best.date.g >= G_YEAR && best.date.y >= 0 &&
               best.type == CW_TIMEX_DATE) {
      c.anchor = best.date;
      /* a quarter not over at the DCT is a forecast, not the one the
       * report is about */
      if (best.date.g == G_QUART && best.quarter)
        c.named_quarter = best.date;
      if (best.date.g == G_QUART && best.quarter &&
          (!c.has_dct || best.quarter == 2 || best.date.y < c.dct.y ||
           (best.date.y == c.dct.y && best.date.sub * 3 < c.dct.m))) {
        c.quarter = best.date;
        c.year_period = 0;
      }
    }
    i = best.b;
  }
  if (found.len) {
    *out = cw_arena_memdup(arena, found.items, found.len * sizeof(cw_timex));
    if (!*out) {
      st = CW_ERR_NOMEM;
      goto done;
    }
    *n = found.len;
  }
done:
  cw_vec_free(&toks);
  cw_vec_free(&found);
  return st;
}

cw_status cw_times_find(const char *text, size_t len, const char *dct,
                        cw_arena *arena, cw_timex **out, size_t *n) {
  return times_find(text, len, dct, NULL, arena, out, n);
}

cw_status cw_times_find_an(const char *text, size_t len, const char *dct,
                           const cw_analysis *a, cw_arena *arena,
                           cw_timex **out, size_t *n) {
  /* the analysis' words serve only for the text it read (the check of
   * cw_an_tokens()) */
  if (!a || !a->tokens || !a->token_word || a->text_len != len)
    a = NULL;
  return times_find(text, len, dct, a, arena, out, n);
}
