/* tokens.c - splits UTF-8 text into word, number and punctuation tokens.
 *
 * Tokens keep byte offsets into the caller's text and copy nothing, so
 * analysis can point back at what it found. The rules are those news
 * analysis needs: hyphenated compounds stay whole ("Trump-Musk"), inner
 * apostrophes stay in the word ("don't", "O'Brien") but a possessive "'s"
 * becomes a token of its own so that "Musk's" still mentions "Musk", dotted
 * acronyms ("U.S.") are single words, and numbers keep their separators
 * ("2,000", "3.5"). Letters are recognised by Unicode category, so accented
 * and non-Latin names are words too.
 */
#include "text/text_int.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Bytes of text that the first token of a call makes room for at once:
 * a long article; a huge text must not reserve memory in proportion. */
#define TOKENS_RESERVE_BYTES ((size_t)64 << 10)

static int is_apostrophe(int32_t cp) { return cp == '\'' || cp == 0x2019; }

static int is_hyphen(int32_t cp) {
  return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* Class of the code point at t[i], CW_CC_SPACE past the end. ASCII, most
 * of news text, is classed from a table without decoding. */
static inline int class_at(const char *t, size_t len, size_t i, size_t *n,
                           int32_t *cp) {
  if (i >= len) {
    *n = 0;
    *cp = -1;
    return CW_CC_SPACE;
  }
  unsigned char c = (unsigned char)t[i];
  if (c < 0x80) {
    *n = 1;
    *cp = c;
    return cw_text_ascii_class[c];
  }
  *n = cw_text_decode(t, len, i, cp);
  return cw_text_class(*cp);
}

static int word_char(int cc) {
  return cw_cc_is_alpha(cc) || cc == CW_CC_DIGIT || cc == CW_CC_MARK;
}

/* End of a dotted acronym of two or more single letters starting at i
 * ("U.S.", "e.g."), 0 when there is none. */
static size_t dotted_end(const char *t, size_t len, size_t i) {
  size_t j = i, letters = 0, n;
  int32_t cp;
  while (cw_cc_is_alpha(class_at(t, len, j, &n, &cp)) && j + n < len &&
         t[j + n] == '.') {
    letters++;
    j += n + 1;
  }
  return letters >= 2 ? j : 0;
}

/* Scans the word or number starting at i into tk. */
static void scan_word(const char *t, size_t len, size_t i, cw_token *tk) {
  size_t j = i, n, n2;
  int32_t cp, cp2;
  int cc = class_at(t, len, i, &n, &cp);
  int number = cc == CW_CC_DIGIT;
  size_t d = number ? 0 : dotted_end(t, len, i);
  if (d) {
    tk->end = d;
    tk->kind = CW_TOK_WORD;
    return;
  }
  while (j < len) {
    cc = class_at(t, len, j, &n, &cp);
    if (cw_cc_is_alpha(cc)) {
      number = 0;
      j += n;
      continue;
    }
    if (cc == CW_CC_DIGIT || cc == CW_CC_MARK) {
      j += n;
      continue;
    }
    int next = class_at(t, len, j + n, &n2, &cp2);
    if (is_hyphen(cp) && (cw_cc_is_alpha(next) || next == CW_CC_DIGIT)) {
      j += n;
      continue;
    }
    if (!number && is_apostrophe(cp) && cw_cc_is_alpha(next)) {
      size_t n3;
      int32_t cp3;
      int after = class_at(t, len, j + n + n2, &n3, &cp3);
      if ((cp2 == 's' || cp2 == 'S') && !word_char(after))
        break; /* possessive: "'s" is the next token */
      j += n;
      continue;
    }
    if (number && (cp == ',' || cp == '.') && next == CW_CC_DIGIT) {
      j += n;
      continue;
    }
    break;
  }
  tk->end = j;
  tk->kind = number ? CW_TOK_NUMBER : CW_TOK_WORD;
}

/* CW_TOKF_CAP and CW_TOKF_ALLCAPS of the word [s, e). */
static int case_flags(const char *t, size_t s, size_t e) {
  int flags = 0, first = 1, letters = 0, lower = 0, upper = 0;
  size_t n;
  int32_t cp;
  for (size_t i = s; i < e; i += n) {
    int cc = class_at(t, e, i, &n, &cp);
    if (!cw_cc_is_alpha(cc))
      continue;
    letters++;
    if (cc == CW_CC_LOWER)
      lower++;
    else if (cc == CW_CC_UPPER)
      upper++;
    if (first && cc == CW_CC_UPPER)
      flags |= CW_TOKF_CAP;
    first = 0;
  }
  if (letters >= 2 && upper && !lower)
    flags |= CW_TOKF_ALLCAPS;
  return flags;
}

/* ASCII letters: 1 for a lower-case one, 3 for a capital (bit 1), 0 for
 * any other byte (those from 0x80 on included). */
static const unsigned char ascii_letter[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x30 */
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0x40 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, /* 0x50 */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* 0x70 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x80 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x90 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xA0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xB0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xC0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xD0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xE0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xF0 */
};

/* What the byte after a word's ASCII letters says (ascii_word()): 1 that
 * it may continue the word (from 0x80 on, '-', '\'', a digit), 2 for a dot
 * (an acronym's after one letter), 0 that the word ends before it. */
static const unsigned char word_after[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 2, 0, /* 0x20 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, /* 0x30 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x40 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x50 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x60 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x70 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x80 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x90 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xA0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xB0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xC0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xD0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xE0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xF0 */
};

/* The fast path of a word of ASCII letters at tk->start (first_upper:
 * whether that letter is a capital): sets tk to it and returns 1 when it
 * ends at a character that cannot continue or change it (white space, or
 * ASCII punctuation other than a hyphen, an apostrophe and the dot of
 * "U.S."), 0 when scan_word() must look. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) &&                            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TOKENS_SWAR 1
/* Eight bytes of [t + j, t + len) at a time while that many remain: *j
 * moves past the ASCII letters from j on and *upper counts the capitals
 * among them. Returns 1 when a byte other than a letter stopped the scan,
 * 0 when fewer than eight bytes remain (the caller goes on a byte at a
 * time). */
static int letters_swar(const char *t, size_t len, size_t *j, size_t *upper) {
  const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
  while (len - *j >= 8) {
    uint64_t v;
    memcpy(&v, t + *j, 8);
    /* a letter: ASCII, and in a..z once the 0x20 bit is set (each byte
     * below 0x80 before the additions, so none carries into the next) */
    uint64_t lo = (v | 0x20 * ones) & 0x7F * ones;
    uint64_t letter = (lo + 0x1F * ones) & ~(lo + 0x05 * ones) & ~v & high;
    /* a capital: a letter with the 0x20 bit clear (bit 5 moved to 7) */
    uint64_t cap = letter & ~(v << 2);
    if (letter == high) {
      *upper += (size_t)(((cap >> 7) * ones) >> 56);
      *j += 8;
      continue;
    }
    unsigned k = (unsigned)__builtin_ctzll(~letter & high) / 8;
    uint64_t before = k ? (((uint64_t)1 << (8 * k)) - 1) : 0;
    *upper += (size_t)((((cap & before) >> 7) * ones) >> 56);
    *j += k;
    return 1;
  }
  return 0;
}
#endif

static int ascii_word(const char *t, size_t len, cw_token *tk,
                      int first_upper) {
  size_t i = tk->start, j = i, upper = 0;
#ifdef TOKENS_SWAR
  int stopped = letters_swar(t, len, &j, &upper);
#else
  int stopped = 0;
#endif
  /* the letters (left) in one table lookup a byte (ascii_letter) */
  for (; !stopped && j < len; j++) {
    unsigned v = ascii_letter[(unsigned char)t[j]];
    if (!v)
      break;
    upper += v >> 1;
  }
  if (j < len) {
    /* a byte from 0x80 on, a hyphen, an apostrophe or a digit may go on
     * with the word, as may the dot after one letter ("U.S."): one look-up */
    unsigned after = word_after[(unsigned char)t[j]];
    if (after == 1 || (after == 2 && j == i + 1))
      return 0;
  }
  size_t letters = j - i;
  /* first_upper: the caller's class of t[i], a letter */
  assert(first_upper ==
         (cw_text_ascii_class[(unsigned char)t[i]] == CW_CC_UPPER));
  tk->end = j;
  tk->kind = CW_TOK_WORD;
  tk->flags =
      (first_upper ? CW_TOKF_CAP : 0) |
      (letters >= 2 && upper == letters ? CW_TOKF_ALLCAPS : 0) | CW_TOKF_ASCII |
      (upper != letters && upper > (size_t)first_upper ? CW_TOKF_MIXED : 0);
  return 1;
}

cw_status cw_text_tokens(const char *text, size_t len, const cw_vec *sentences,
                         cw_vec *out) {
  size_t first = out->len, i = 0, n, n2;
  int32_t cp, cp2;
  if (!text)
    len = 0;
  /* a token a few bytes long: room for an article's worth up front
   * (longer texts grow the vector as usual) */
  if (len && out->len == out->cap) {
    size_t want =
        first +
        (len < TOKENS_RESERVE_BYTES ? len : TOKENS_RESERVE_BYTES) / 4 + 8;
    if (cw_vec_reserve(out, want))
      return CW_ERR_NOMEM;
  }
  /* the vector's fields in locals while it has room (a token stored could
   * otherwise be them, reloaded for every token) */
  cw_token *items = out->items;
  size_t count = out->len, cap = out->cap;
  while (i < len) {
    if (text[i] == ' ') { /* the space between words, most often */
      i++;
      continue;
    }
    int cc = class_at(text, len, i, &n, &cp);
    if (cc == CW_CC_SPACE || cc == CW_CC_INVALID) {
      i += n;
      continue;
    }
    cw_token tk = {i, i + n, CW_TOK_PUNCT, 0};
    if ((cc == CW_CC_LOWER || cc == CW_CC_UPPER) && cp < 0x80 &&
        ascii_word(text, len, &tk, cc == CW_CC_UPPER)) {
      /* the common case, scanned in one pass */
    } else if (word_char(cc)) {
      scan_word(text, len, i, &tk);
      if (tk.kind == CW_TOK_WORD)
        tk.flags = case_flags(text, tk.start, tk.end);
    } else if (is_apostrophe(cp) && count > first) {
      /* a possessive "'s" right after a word */
      const cw_token *prev = &items[count - 1];
      size_t n3;
      int32_t cp3;
      class_at(text, len, i + n, &n2, &cp2);
      if (prev->end == i && prev->kind != CW_TOK_PUNCT &&
          (cp2 == 's' || cp2 == 'S') &&
          !word_char(class_at(text, len, i + n + 1, &n3, &cp3))) {
        tk.end = i + n + 1;
        tk.kind = CW_TOK_WORD;
      }
    }
    if (count < cap) {
      items[count++] = tk;
    } else {
      out->len = count;
      cw_token *p = cw_vec_push(out);
      if (!p)
        return CW_ERR_NOMEM;
      *p = tk;
      items = out->items;
      count = out->len;
      cap = out->cap;
    }
    i = tk.end;
  }
  out->len = count;
  if (sentences) {
    size_t k = first;
    for (size_t s = 0; s < sentences->len && k < out->len; s++) {
      const cw_span *sp = &CW_VEC_AT(sentences, cw_span, s);
      while (k < out->len && CW_VEC_AT(out, cw_token, k).start < sp->start)
        k++;
      if (k < out->len && CW_VEC_AT(out, cw_token, k).start < sp->end)
        CW_VEC_AT(out, cw_token, k).flags |= CW_TOKF_SENT_START;
    }
  }
  return CW_OK;
}
