/* text.h - the language layer under analysis: sentences, tokens, case
 * folding, NFC, stemming and stopwords for English news text in UTF-8.
 *
 * Everything here works on borrowed (const char *, size_t) slices and
 * reports positions as byte offsets into the caller's text, so that every
 * later fact can point back at the characters it came from. The functions
 * keep no global state and are thread safe, except a cw_stemmer handle,
 * which one thread at a time may use (cw_stemmer_thread() gives each
 * thread its own).
 */
#ifndef CW_TEXT_H
#define CW_TEXT_H

#include "core/core.h"

typedef struct cw_span {
  size_t start, end; /* byte offsets, end exclusive */
} cw_span;

/* Appends to out (a cw_vec of cw_span, initialised by the caller) the
 * sentence spans of the UTF-8 text [text, text + len), in order, each with
 * white space trimmed off both ends; empty sentences are not reported.
 *
 * Knows abbreviations and honorifics (Mr, Mrs, Ms, Dr., Prof., St., Gen.,
 * Sen., Rep., Gov., Lt., Col., Jr., Sr., Inc., Co., Corp., Ltd., vs., etc.,
 * e.g., i.e., No.), dotted acronyms (U.S., U.N.), initials ("John F.
 * Kennedy"), state tags ("D-Ariz.", "Calif."), decimals, ellipses,
 * sentence-final quotes (`." He` ends after the quote mark), '?' and '!',
 * and line structure: a blank line always ends a sentence; a single newline
 * ends one when the line ends with terminal punctuation or looks like a
 * heading (short, no final punctuation, next line not in lower case), and
 * always in text laid out one paragraph per line (at least a quarter of
 * its lines longer than hard-wrapped prose ever is, 160 bytes).
 * Invalid UTF-8 is tolerated (treated as ordinary bytes). Linear time.
 * Returns CW_OK or CW_ERR_NOMEM (out then holds the spans found so far). */
cw_status cw_text_sentences(const char *text, size_t len, cw_vec *out);

enum { CW_TOK_WORD = 1, CW_TOK_NUMBER = 2, CW_TOK_PUNCT = 3 };
enum {
  CW_TOKF_CAP = 1,        /* first letter upper (or title) case */
  CW_TOKF_ALLCAPS = 2,    /* two or more letters, none lower case */
  CW_TOKF_SENT_START = 4, /* first token of a sentence */
  /* A word of ASCII letters alone, as the common case of the tokenizer
   * finds it (a word without the flag may still be one): with CAP and
   * ALLCAPS it tells the case of every letter but where it is mixed. */
  CW_TOKF_ASCII = 8,
  CW_TOKF_MIXED = 16 /* with ASCII: a capital after the first letter, and
                        lower case too ("McRae", "iPad") */
};
typedef struct cw_token {
  size_t start, end; /* byte offsets, end exclusive */
  int kind;          /* CW_TOK_* */
  int flags;         /* CW_TOKF_* */
} cw_token;

/* Appends to out (a cw_vec of cw_token) the tokens of the UTF-8 text:
 * - WORD: letters, digits and combining marks, with inner hyphens
 *   ("Trump-Musk", "COVID-19") and inner apostrophes ("don't", "O'Brien");
 *   a final possessive "'s" / "’s" is a WORD of its own ("Musk", "'s");
 *   a dotted acronym ("U.S.", "e.g.") is one WORD, its final dot included;
 *   digits followed by letters ("10th", "5G") form a WORD.
 * - NUMBER: digits with inner ',' or '.' between digits ("2,000", "3.5").
 * - PUNCT: every other visible character, one code point per token
 *   (quotes, curly quotes, '$', dashes, emoji).
 * White space and invalid UTF-8 bytes produce no token. Letter classes come
 * from utf8proc's Unicode categories. When sentences (a cw_vec of cw_span
 * from cw_text_sentences over the same text) is not NULL, the first token
 * of each sentence gets CW_TOKF_SENT_START. Returns CW_OK or CW_ERR_NOMEM. */
cw_status cw_text_tokens(const char *text, size_t len, const cw_vec *sentences,
                         cw_vec *out);

/* Appends the Unicode case fold of [s, s + n), composed to NFC, to out.
 * ASCII takes a fast path. Returns CW_OK, CW_ERR_CHARSET when the slice is
 * not valid UTF-8 (nothing appended), or out's error. */
cw_status cw_text_fold(const char *s, size_t n, cw_buf *out);

/* NFC-normalises [s, s + n) into a new NUL-terminated string *out of
 * *out_len bytes (out_len may be NULL); the caller frees *out with free().
 * Returns CW_OK, CW_ERR_CHARSET when s is not valid UTF-8, CW_ERR_NOMEM. */
cw_status cw_text_nfc(const char *s, size_t n, char **out, size_t *out_len);

/* Tells whether the code point starting at s[0] (at most n bytes) is a
 * letter, and whether it is upper or title case: returns 0 for a non-letter
 * or invalid UTF-8, 1 for a lower-case or caseless letter, 2 for upper or
 * title case. *cp_len (may be NULL) receives the encoded length (1 for an
 * invalid byte). */
int cw_text_letter_case(const char *s, size_t n, size_t *cp_len);

/* English Snowball stemmer (libstemmer). One handle per thread. */
typedef struct cw_stemmer cw_stemmer;

/* Returns a new stemmer, or NULL when out of memory. A stemmer memoises
 * the stems it made (a bounded table of a few hundred KiB at most), so a
 * handle that lives across articles is much faster than one per article. */
cw_stemmer *cw_stemmer_new(void);
/* Frees s; NULL does nothing. */
void cw_stemmer_free(cw_stemmer *s);
/* The calling thread's stemmer, made on first use and freed when the
 * thread exits (not by the caller); NULL when out of memory. */
cw_stemmer *cw_stemmer_thread(void);
/* Stems the case-folded word [word, word + n). Returns a NUL-terminated
 * stem of *out_len bytes (out_len may be NULL), valid until the next call
 * on s, or NULL when out of memory. Words longer than CW_STEM_MAX_WORD
 * bytes are returned unchanged (no English word is that long; the limit
 * keeps hostile tokens away from the stemmer). */
#define CW_STEM_MAX_WORD 64
const char *cw_stem(cw_stemmer *s, const char *word, size_t n, size_t *out_len);

/* English stopword test on a case-folded word: articles, pronouns,
 * auxiliaries, prepositions, conjunctions, determiners, a few adverbs, and
 * the possessive "'s". Reporting verbs (said, says, told) are deliberately
 * not stopwords: they carry attribution; see cw_is_reporting_verb. Both
 * straight and curly apostrophes are accepted. One hash probe into static
 * tables. */
int cw_is_stopword(const char *word, size_t n);

/* Reporting-verb test on a case-folded word: "said", "says", "told",
 * "added", "wrote", "posted", "announced", ... (the cue verbs of quotes). */
int cw_is_reporting_verb(const char *word, size_t n);

/* cw_is_stopword() and cw_is_reporting_verb() in one lookup: bit
 * CW_WORD_STOP and bit CW_WORD_REPORT. */
enum { CW_WORD_STOP = 1, CW_WORD_REPORT = 2 };
unsigned cw_word_kinds(const char *word, size_t n);

/* The stopword table, for tests: entry i in strcmp order, NULL past the end. */
const char *cw_stopword_at(size_t i);

#endif
