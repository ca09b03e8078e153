/* text_int.h - helpers shared by the files of src/text, not exported.
 *
 * Character classes come from utf8proc's Unicode categories with an ASCII
 * fast path, so that the sentence splitter and the tokenizer agree on what
 * a letter, a digit or a space is.
 */
#ifndef CW_TEXT_INT_H
#define CW_TEXT_INT_H

#include "text/text.h"

#include <stdint.h>

enum {
  CW_CC_INVALID = 0, /* a byte that does not start valid UTF-8 */
  CW_CC_SPACE,       /* white space, controls, zero-width spaces, BOM */
  CW_CC_LOWER,       /* Ll */
  CW_CC_UPPER,       /* Lu, Lt */
  CW_CC_LETTER,      /* Lm, Lo, Nl: letters without case */
  CW_CC_MARK,        /* Mn, Mc, Me, and Cf inside words (soft hyphen) */
  CW_CC_DIGIT,       /* Nd */
  CW_CC_OTHER        /* punctuation, symbols, everything else */
};

/* Decodes the code point at s[i] (i < len) into *cp and returns its byte
 * length; an invalid byte gives length 1 and *cp = -1. */
size_t cw_text_decode(const char *s, size_t len, size_t i, int32_t *cp);

/* The class (CW_CC_*) of code point cp; -1 gives CW_CC_INVALID. */
int cw_text_class(int32_t cp);

/* cw_text_class of the ASCII code points 0..127, for the fast paths of
 * the tokenizer and the sentence splitter (news text is mostly ASCII). */
extern const unsigned char cw_text_ascii_class[128];

/* Class of the code point at s[i], its length in *n. */
int cw_text_class_at(const char *s, size_t len, size_t i, size_t *n);

/* cw_is_space() inline, for the loops over every byte of a text. */
static inline int cw_tx_is_space(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r'); /* \t \n \v \f \r */
}

/* Whether a class belongs inside a word. */
static inline int cw_cc_is_alpha(int cc) {
  return cc == CW_CC_LOWER || cc == CW_CC_UPPER || cc == CW_CC_LETTER;
}

/* Byte length of the white space character at s[i], 0 when there is none
 * (also 0 at i >= len). */
size_t cw_text_space_len(const char *s, size_t len, size_t i);

/* Byte length of the white space character ending just before s[i], 0
 * when there is none. */
size_t cw_text_space_len_before(const char *s, size_t i);

/* cw_text_space_len(), cw_text_space_len_before() and cw_text_class_at()
 * with their ASCII case inline (the same answers), for the scans of the
 * sentence splitter. */
static inline size_t cw_tx_space_len(const char *s, size_t len, size_t i) {
  if (i < len && (unsigned char)s[i] < 0x80)
    return cw_tx_is_space((unsigned char)s[i]) ? 1 : 0;
  return cw_text_space_len(s, len, i);
}

static inline size_t cw_tx_space_len_before(const char *s, size_t i) {
  if (i > 0 && (unsigned char)s[i - 1] < 0x80)
    return cw_tx_is_space((unsigned char)s[i - 1]) ? 1 : 0;
  return cw_text_space_len_before(s, i);
}

static inline int cw_tx_class_at(const char *s, size_t len, size_t i,
                                 size_t *n) {
  if (i < len && (unsigned char)s[i] < 0x80) {
    if (n)
      *n = 1;
    return cw_text_ascii_class[(unsigned char)s[i]];
  }
  return cw_text_class_at(s, len, i, n);
}

/* Abbreviation classes for the sentence splitter (see sentences.c). */
enum {
  CW_ABBR_NONE = 0,
  CW_ABBR_PREFIX, /* Mr., Dr., Gen., vs., e.g.: never ends a sentence */
  CW_ABBR_DIGIT,  /* No., Jan., Fig.: does not end one before a number */
  CW_ABBR_SUFFIX  /* Inc., Jr., etc., Calif.: ends one before a clear start */
};

/* Class of the abbreviation [w, w + n) (without its final dot). */
int cw_text_abbrev_class(const char *w, size_t n);

#endif
