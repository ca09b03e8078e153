/* words.c - the small word lists of the text layer: English stopwords,
 * reporting verbs and the abbreviations the sentence splitter knows.
 *
 * We keep our own compact lists rather than a general-purpose stopword
 * file: news analysis must keep reporting verbs ("said", "told"), which
 * carry attribution, and must know which abbreviations can end a sentence
 * ("Inc.", "Jr.") and which cannot ("Mr.", "Dr."). Each table is sorted in
 * strcmp order (a unit test checks it); lookups go through a hash index
 * over all of them (below).
 */
#include "text/text_int.h"

#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

/* Longest entry of any table here, in bytes; longer words are in none. */
#define WORD_TABLE_MAX 16

static const char *const stopwords[] = {
    "'s",           "a",           "about",   "above",      "across",
    "after",        "afterwards",  "again",   "against",    "all",
    "almost",       "along",       "already", "also",       "although",
    "always",       "am",          "amid",    "among",      "amongst",
    "an",           "and",         "another", "any",        "anybody",
    "anyone",       "anything",    "anyway",  "are",        "aren't",
    "around",       "as",          "at",      "be",         "became",
    "because",      "become",      "becomes", "been",       "before",
    "behind",       "being",       "below",   "beside",     "besides",
    "between",      "beyond",      "both",    "but",        "by",
    "can",          "can't",       "cannot",  "could",      "couldn't",
    "did",          "didn't",      "do",      "does",       "doesn't",
    "doing",        "don't",       "down",    "during",     "each",
    "earlier",      "either",      "else",    "elsewhere",  "enough",
    "even",         "ever",        "every",   "everybody",  "everyone",
    "everything",   "few",         "finally", "for",        "from",
    "further",      "furthermore", "had",     "hadn't",     "has",
    "hasn't",       "have",        "haven't", "having",     "he",
    "he'd",         "he'll",       "he's",    "hence",      "her",
    "here",         "hers",        "herself", "him",        "himself",
    "his",          "how",         "however", "i",          "i'd",
    "i'll",         "i'm",         "i've",    "if",         "in",
    "indeed",       "inside",      "instead", "into",       "is",
    "isn't",        "it",          "it's",    "its",        "itself",
    "just",         "later",       "least",   "less",       "let's",
    "many",         "may",         "maybe",   "me",         "meanwhile",
    "might",        "mine",        "more",    "moreover",   "most",
    "mr",           "mrs",         "ms",      "much",       "must",
    "mustn't",      "mx",          "my",      "myself",     "neither",
    "nevertheless", "no",          "nobody",  "none",       "nonetheless",
    "nor",          "not",         "nothing", "now",        "of",
    "off",          "often",       "on",      "once",       "one",
    "only",         "onto",        "or",      "other",      "others",
    "otherwise",    "our",         "ours",    "ourselves",  "out",
    "over",         "overall",     "own",     "per",        "perhaps",
    "quite",        "rather",      "same",    "separately", "shall",
    "she",          "she'd",       "she'll",  "she's",      "should",
    "shouldn't",    "since",       "so",      "some",       "somebody",
    "someone",      "something",   "still",   "such",       "than",
    "that",         "that's",      "the",     "their",      "theirs",
    "them",         "themselves",  "then",    "there",      "there's",
    "therefore",    "these",       "they",    "they'd",     "they'll",
    "they're",      "they've",     "this",    "those",      "though",
    "through",      "throughout",  "thus",    "to",         "today",
    "tomorrow",     "tonight",     "too",     "toward",     "towards",
    "under",        "unless",      "until",   "up",         "upon",
    "us",           "very",        "via",     "was",        "wasn't",
    "we",           "we'd",        "we'll",   "we're",      "we've",
    "were",         "weren't",     "what",    "what's",     "whatever",
    "when",         "whenever",    "where",   "whereas",    "whether",
    "which",        "while",       "who",     "who's",      "whom",
    "whose",        "why",         "will",    "with",       "within",
    "without",      "won't",       "would",   "wouldn't",   "yes",
    "yesterday",    "yet",         "you",     "you'd",      "you'll",
    "you're",       "you've",      "your",    "yours",      "yourself",
    "yourselves",
};

static const char *const reporting_verbs[] = {
    "according", "accused",   "acknowledged", "add",       "added",
    "adds",      "admitted",  "announced",    "argued",    "asked",
    "asserted",  "claimed",   "commented",    "confirmed", "contended",
    "declared",  "denied",    "explained",    "insisted",  "noted",
    "observed",  "posted",    "recalled",     "remarked",  "replied",
    "reported",  "responded", "said",         "say",       "saying",
    "says",      "stated",    "suggested",    "tell",      "telling",
    "tells",     "testified", "told",         "tweeted",   "urged",
    "warned",    "write",     "writes",       "wrote",
};

/* Titles and short forms that precede a name or a number: never the end of
 * a sentence ("Dr. Ruiz", "vs. Ohio", "e.g. Ruiz"). */
static const char *const abbr_prefix[] = {
    "adm",  "brig", "capt",   "cdr",  "cf",   "cmdr", "col",  "cpl", "cpt",
    "det",  "dr",   "e.g",    "fr",   "gen",  "gov",  "hon",  "i.e", "insp",
    "lt",   "maj",  "messrs", "mme",  "mmes", "mr",   "mrs",  "ms",  "msgr",
    "mt",   "mx",   "pres",   "prof", "pvt",  "rep",  "reps", "rev", "sen",
    "sens", "sgt",  "st",     "ste",  "supt", "v",    "viz",  "vs",
};

/* Short forms that are usually followed by a number ("No. 10", "Jan. 5"). */
static const char *const abbr_digit[] = {
    "apr", "art", "aug", "dec", "feb", "fig", "jan", "jul", "jun",  "mar",
    "no",  "nos", "nov", "oct", "p",   "pp",  "sec", "sep", "sept", "vol",
};

/* Short forms that close a name or a list and may end a sentence. */
static const char *const abbr_suffix[] = {
    "al",   "assn", "ave", "blvd", "bros", "co",   "corp", "cos",
    "dept", "esq",  "etc", "govt", "inc",  "intl", "jr",   "llc",
    "llp",  "ltd",  "mfg", "natl", "plc",  "rd",   "sr",   "univ",
};

/* US state abbreviations of the AP style ("D-Ariz.", "Calif."); only with
 * an upper-case initial, so that "ill." or "wash." stay ordinary words. */
static const char *const abbr_state[] = {
    "ala",  "ariz", "ark", "calif", "colo", "conn", "del",  "fla", "ga",
    "ill",  "ind",  "kan", "kans",  "ky",   "la",   "mass", "md",  "mich",
    "minn", "miss", "mo",  "mont",  "neb",  "nev",  "okla", "ore", "pa",
    "penn", "tenn", "tex", "va",    "vt",   "wash", "wis",  "wyo",
};

#define COUNT(t) (sizeof(t) / sizeof((t)[0]))

/* The longest abbreviation of the tables above ("messrs"), in bytes. */
#define ABBR_MAX_BYTES 6

/* ---- a hash index over all the tables ------------------------------------
 *
 * The tables stay sorted lists (easy to read and to check); lookups go
 * through one open-addressing index over all of them, built once per
 * process, whose slots say which tables hold the word: these lookups run
 * for every distinct word of every article. */

enum {
  IN_STOP = 1 << 0,
  IN_REPORT = 1 << 1,
  IN_PREFIX = 1 << 2,
  IN_DIGIT = 1 << 3,
  IN_SUFFIX = 1 << 4,
  IN_STATE = 1 << 5
};

/* Slots of the index: a power of two, over twice the entries. */
#define WORD_INDEX_SLOTS 1024

typedef struct word_slot {
  const char *w; /* NULL = empty */
  unsigned char n;
  unsigned char in; /* IN_* */
} word_slot;

static word_slot word_index[WORD_INDEX_SLOTS];
static pthread_once_t word_index_once = PTHREAD_ONCE_INIT;

/* The index's hash: it is never stored, and a lookup is little more than
 * it (these run for every distinct word and every full stop). */
static uint32_t word_hash(const char *w, size_t n) {
  return cw_hash32_fast(w, n);
}

/* The slot of [w, w + n): its entry or the empty slot where it belongs. */
static word_slot *word_slot_of(const char *w, size_t n) {
  size_t i = word_hash(w, n) & (WORD_INDEX_SLOTS - 1);
  while (word_index[i].w &&
         (word_index[i].n != n || !cw_mem_eq(word_index[i].w, w, n)))
    i = (i + 1) & (WORD_INDEX_SLOTS - 1);
  return &word_index[i];
}

static void index_table(const char *const *table, size_t count,
                        unsigned char in) {
  for (size_t k = 0; k < count; k++) {
    size_t n = strlen(table[k]);
    /* cw_text_abbrev_class() looks up no longer word */
    assert(!(in & (IN_PREFIX | IN_DIGIT | IN_SUFFIX | IN_STATE)) ||
           (n <= ABBR_MAX_BYTES && !memchr(table[k], '\'', n)));
    word_slot *s = word_slot_of(table[k], n);
    s->w = table[k];
    s->n = (unsigned char)n;
    s->in |= in;
  }
}

static void word_index_build(void) {
  index_table(stopwords, COUNT(stopwords), IN_STOP);
  index_table(reporting_verbs, COUNT(reporting_verbs), IN_REPORT);
  index_table(abbr_prefix, COUNT(abbr_prefix), IN_PREFIX);
  index_table(abbr_digit, COUNT(abbr_digit), IN_DIGIT);
  index_table(abbr_suffix, COUNT(abbr_suffix), IN_SUFFIX);
  index_table(abbr_state, COUNT(abbr_state), IN_STATE);
}

/* IN_* of the exact bytes [w, w + n), 0 when in no table. */
static unsigned word_tables(const char *w, size_t n) {
  pthread_once(&word_index_once, word_index_build);
  return word_slot_of(w, n)->in;
}

/* Copies [w, w + n) into buf, curly apostrophes made straight and (when
 * lower is set) ASCII lower-cased; returns the new length, or 0 when the
 * word cannot be in a table (too long). */
static size_t normalise(const char *w, size_t n, char *buf, int lower) {
  size_t k = 0;
  if (n > 3 * WORD_TABLE_MAX) /* even if every byte were a curly ' */
    return 0;
  for (size_t i = 0; i < n; i++) {
    if (k >= WORD_TABLE_MAX)
      return 0;
    unsigned char c = (unsigned char)w[i];
    if (c == 0xE2 && i + 2 < n && (unsigned char)w[i + 1] == 0x80 &&
        (unsigned char)w[i + 2] == 0x99) {
      buf[k++] = '\'';
      i += 2;
      continue;
    }
    if (lower && c >= 'A' && c <= 'Z')
      c = (unsigned char)(c + 32);
    buf[k++] = (char)c;
  }
  return k;
}

int cw_is_stopword(const char *word, size_t n) {
  char buf[WORD_TABLE_MAX];
  size_t k = normalise(word, n, buf, 0);
  return k && (word_tables(buf, k) & IN_STOP) != 0;
}

int cw_is_reporting_verb(const char *word, size_t n) {
  char buf[WORD_TABLE_MAX];
  size_t k = normalise(word, n, buf, 0);
  return k && (word_tables(buf, k) & IN_REPORT) != 0;
}

unsigned cw_word_kinds(const char *word, size_t n) {
  char buf[WORD_TABLE_MAX];
  size_t k = normalise(word, n, buf, 0);
  unsigned in = k ? word_tables(buf, k) : 0;
  return ((in & IN_STOP) ? CW_WORD_STOP : 0u) |
         ((in & IN_REPORT) ? CW_WORD_REPORT : 0u);
}

const char *cw_stopword_at(size_t i) {
  return i < COUNT(stopwords) ? stopwords[i] : NULL;
}

int cw_text_abbrev_class(const char *w, size_t n) {
  /* a longer word is none: its bytes normalise to more than ABBR_MAX_BYTES
   * (or hold a curly apostrophe, which no abbreviation has) */
  if (n > ABBR_MAX_BYTES)
    return CW_ABBR_NONE;
  char buf[WORD_TABLE_MAX];
  size_t k = normalise(w, n, buf, 1);
  if (!k)
    return CW_ABBR_NONE;
  unsigned in = word_tables(buf, k);
  if (in & IN_PREFIX)
    return CW_ABBR_PREFIX;
  if (in & IN_DIGIT)
    return CW_ABBR_DIGIT;
  if (in & IN_SUFFIX)
    return CW_ABBR_SUFFIX;
  if (w[0] >= 'A' && w[0] <= 'Z' && (in & IN_STATE))
    return CW_ABBR_SUFFIX;
  return CW_ABBR_NONE;
}
