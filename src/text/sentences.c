/* sentences.c - splits UTF-8 news text into sentences.
 *
 * A rule-based splitter in one left-to-right pass: a run of '.', '!', '?'
 * or '…' (with the closing quotes and brackets right after it) ends a
 * sentence depending on the word before it and on what comes next. News
 * copy is full of dots that end nothing: honorifics ("Dr. Ruiz"), dotted
 * acronyms ("U.S. officials"), initials ("John F. Kennedy"), AP state tags
 * ("Sen. Kell, D-Ore., said"), decimals. Abbreviations fall in three
 * classes (see words.c): prefixes never end a sentence, digit-prefixes do
 * not before a number, and suffixes, acronyms and initials end one only
 * when a clear sentence opener follows (a capitalised function word or an
 * honorific: "in the U.S. The", but not "U.S. Treasury"). Line structure
 * counts too: a blank line always ends a sentence, and a single newline
 * ends one after terminal punctuation or after a line that looks like a
 * heading. Each decision looks at a bounded window, so the pass is linear.
 */
#include "text/text_int.h"

#include <stdint.h>
#include <string.h>

#define NONE SIZE_MAX

/* How far back the splitter looks for the word before a dot: abbreviations
 * and acronyms are short, and a longer "word" is an ordinary one. */
#define ABBREV_SCAN_MAX 32
/* How many closing or opening marks may follow one another (".'”)" or
 * "(“'"); more are noise and end the look-around. */
#define MARKS_MAX 4
/* Bytes of the next word read to tell whether it opens a sentence; the
 * openers we look for ("the", "however", "mrs") are shorter. */
#define NEXT_WORD_MAX 16
/* A line counts as a heading only when it is short: headlines, subheads
 * and bylines fit in this many bytes and words, whereas hard-wrapped prose
 * lines that happen to start a sentence are mostly longer. */
#define HEADING_MAX_BYTES 120
#define HEADING_MAX_WORDS 16
/* Text laid out one paragraph per line (the extractor's output, most
 * crawls) has many lines longer than any hard-wrapped text would: when at
 * least a quarter of the non-blank lines are longer than this, every
 * newline ends a sentence ("... men. PHOTO: ERIC LEE/NYTIMES" then the
 * next paragraph). */
#define UNWRAPPED_LINE_BYTES 160

/* Bytes of text whose sentences the first call makes room for at once
 * (as tokens.c's TOKENS_RESERVE_BYTES). */
#define SENTENCES_RESERVE_BYTES ((size_t)64 << 10)

typedef struct splitter {
  const char *t;
  size_t len;
  cw_vec *out;
  size_t start;  /* start of the open sentence, NONE when none is open */
  int unwrapped; /* one paragraph per line: every newline ends a sentence */
  cw_status st;
} splitter;

/* Closes the open sentence at end (exclusive), trimming white space. */
static void emit(splitter *sp, size_t end) {
  if (sp->start == NONE)
    return;
  size_t s = sp->start;
  sp->start = NONE;
  while (end > s) {
    size_t k = cw_tx_space_len_before(sp->t, end);
    if (!k)
      break;
    end -= k;
  }
  if (end <= s)
    return;
  /* cw_vec_push() inline while the vector has room (it has an article's) */
  cw_vec *v = sp->out;
  cw_span *p =
      v->len < v->cap ? (cw_span *)v->items + v->len++ : cw_vec_push(v);
  if (!p) {
    sp->st = CW_ERR_NOMEM;
    return;
  }
  p->start = s;
  p->end = end;
}

static size_t closer_len(const char *t, size_t len, size_t i) {
  if (i >= len)
    return 0;
  unsigned char c = (unsigned char)t[i];
  if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}')
    return 1;
  if (c < 0x80)
    return 0;
  int32_t cp;
  size_t n = cw_text_decode(t, len, i, &cp);
  /* ’ ” » › */
  if (cp == 0x2019 || cp == 0x201D || cp == 0x00BB || cp == 0x203A)
    return n;
  return 0;
}

static size_t opener_len(const char *t, size_t len, size_t i) {
  if (i >= len)
    return 0;
  unsigned char c = (unsigned char)t[i];
  if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '{')
    return 1;
  if (c < 0x80)
    return 0;
  int32_t cp;
  size_t n = cw_text_decode(t, len, i, &cp);
  /* ‘ “ „ « ‹ */
  if (cp == 0x2018 || cp == 0x201C || cp == 0x201E || cp == 0x00AB ||
      cp == 0x2039)
    return n;
  return 0;
}

static int is_ellipsis(const char *t, size_t len, size_t i) {
  return i + 2 < len && (unsigned char)t[i] == 0xE2 &&
         (unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] == 0xA6;
}

enum { NEXT_END, NEXT_LOWER, NEXT_UPPER, NEXT_DIGIT, NEXT_CONT, NEXT_OTHER };

typedef struct next_info {
  int kind;    /* NEXT_* */
  int newline; /* a line break lies between */
  int opener;  /* an opening quote or bracket comes first */
  size_t word; /* NEXT_UPPER: where the next word starts (opens_sentence()
                 tells whether it typically opens a sentence, asked only
                 after an abbreviation) */
} next_info;

/* Whether the ASCII word at t[i] is a typical sentence opener: a function
 * word or an honorific. */
static int opens_sentence(const char *t, size_t len, size_t i) {
  char w[NEXT_WORD_MAX];
  size_t n = 0;
  while (i < len && n < NEXT_WORD_MAX) {
    char c = t[i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c + 32);
    else if (!(c >= 'a' && c <= 'z') && c != '\'')
      break;
    w[n++] = c;
    i++;
  }
  if (n == 0 || n == NEXT_WORD_MAX)
    return 0;
  if (i < len && ((unsigned char)t[i] >= 0x80 || t[i] == '-' ||
                  (t[i] >= '0' && t[i] <= '9')))
    return 0; /* part of a longer word */
  return cw_is_stopword(w, n) || cw_text_abbrev_class(w, n) == CW_ABBR_PREFIX;
}

static void look_ahead(const char *t, size_t len, size_t i, next_info *ni) {
  size_t k;
  int marks = 0;
  ni->newline = ni->opener = 0;
  while ((k = cw_tx_space_len(t, len, i)) != 0) {
    if (t[i] == '\n')
      ni->newline = 1;
    i += k;
  }
  while (marks++ < MARKS_MAX && (k = opener_len(t, len, i)) != 0) {
    ni->opener = 1;
    i += k;
  }
  if (i >= len) {
    ni->kind = NEXT_END;
    return;
  }
  switch (cw_tx_class_at(t, len, i, NULL)) {
  case CW_CC_LOWER:
    ni->kind = NEXT_LOWER;
    return;
  case CW_CC_UPPER:
  case CW_CC_LETTER:
    ni->kind = NEXT_UPPER;
    ni->word = i;
    return;
  case CW_CC_DIGIT:
    ni->kind = NEXT_DIGIT;
    return;
  default:
    ni->kind =
        (t[i] == ',' || t[i] == ';' || t[i] == ':') ? NEXT_CONT : NEXT_OTHER;
  }
}

/* Whether [w, w + n) is a dotted acronym or abbreviation ("U.S", "e.g",
 * "Ph.D", "W.Va"): dot-separated pieces of one or two ASCII letters. */
static int is_dotted(const char *w, size_t n) {
  size_t piece = 0, dots = 0;
  for (size_t i = 0; i < n; i++) {
    char c = w[i];
    if (c == '.') {
      if (piece == 0)
        return 0;
      piece = 0;
      dots++;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      if (++piece > 2)
        return 0;
    } else {
      return 0;
    }
  }
  return dots > 0 && piece > 0;
}

/* Abbreviation class of the word that ends at the dot t[p]; lo is the
 * start of the open sentence (the word cannot begin before it). */
static int word_class_before(const char *t, size_t len, size_t p, size_t lo) {
  size_t b = p;
  while (b > lo && !cw_tx_is_space((unsigned char)t[b - 1])) {
    if (p - b >= ABBREV_SCAN_MAX)
      return CW_ABBR_NONE;
    b--;
  }
  /* skip opening quotes and brackets before the word */
  while (b < p) {
    size_t n;
    int cc = cw_tx_class_at(t, len, b, &n);
    if (cw_cc_is_alpha(cc) || cc == CW_CC_DIGIT)
      break;
    b += n;
  }
  size_t n = p - b;
  const char *w = t + b;
  if (n == 0)
    return CW_ABBR_NONE;
  if (is_dotted(w, n)) {
    if (cw_text_abbrev_class(w, n) == CW_ABBR_PREFIX) /* e.g, i.e */
      return CW_ABBR_PREFIX;
    return CW_ABBR_SUFFIX;
  }
  /* "D-Ariz", "ex-Gov": the piece after the last hyphen decides */
  for (size_t i = n; i > 0; i--) {
    if (w[i - 1] == '-') {
      if (i < n)
        return cw_text_abbrev_class(w + i, n - i);
      return CW_ABBR_NONE;
    }
  }
  size_t cl;
  int cc = cw_tx_class_at(w, n, 0, &cl);
  if (cl == n && cc == CW_CC_UPPER)
    return CW_ABBR_SUFFIX; /* an initial: "John F. Kennedy" */
  return cw_text_abbrev_class(w, n);
}

/* Handles the terminal run starting at t[i]; returns where to go on. */
static size_t terminal(splitter *sp, size_t i) {
  const char *t = sp->t;
  size_t len = sp->len, q = i, k;
  int dots = 0, excl = 0, ell = 0, marks = 0;
  while (q < len) {
    if (t[q] == '.') {
      dots++;
      q++;
    } else if (t[q] == '!' || t[q] == '?') {
      excl = 1;
      q++;
    } else if (is_ellipsis(t, len, q)) {
      ell = 1;
      q += 3;
    } else {
      break;
    }
  }
  if (dots >= 2)
    ell = 1;
  size_t r = q;
  while (marks++ < MARKS_MAX && (k = closer_len(t, len, r)) != 0)
    r += k;
  /* "3.5", "U.S.", "example.com", "Yahoo!'s": no space, no end */
  if (r < len && !cw_tx_space_len(t, len, r))
    return q;
  next_info ni;
  look_ahead(t, len, r, &ni);
  int split;
  if (ni.kind == NEXT_END) {
    split = 1;
  } else if (excl) {
    split = ni.kind != NEXT_LOWER && ni.kind != NEXT_CONT;
  } else if (ell) {
    split = ni.kind == NEXT_UPPER ||
            (ni.newline && ni.kind != NEXT_LOWER && ni.kind != NEXT_CONT);
  } else {
    int normal = ni.kind != NEXT_LOWER && ni.kind != NEXT_CONT;
    /* no word class splits before a lower-case word or a continuation
     * (each case below gives 0 when !normal): the word is not looked up */
    switch (normal ? word_class_before(t, len, i, sp->start) : CW_ABBR_PREFIX) {
    case CW_ABBR_PREFIX:
      split = 0;
      break;
    case CW_ABBR_DIGIT:
      split = ni.kind == NEXT_DIGIT ? 0 : normal;
      break;
    case CW_ABBR_SUFFIX:
      split = normal &&
              (ni.newline || (ni.kind == NEXT_UPPER &&
                              (ni.opener || opens_sentence(t, len, ni.word))));
      break;
    default:
      split = normal;
    }
  }
  if (!split)
    return q;
  emit(sp, r);
  return r;
}

/* Whether the line [line_start, nl), in which the open sentence started
 * at its first visible character, looks like a heading ending there. */
static int heading_line(const splitter *sp, size_t line_start, size_t nl) {
  const char *t = sp->t;
  size_t a = sp->start, b = nl, k;
  for (size_t i = line_start; i < a; i += k)
    if ((k = cw_tx_space_len(t, sp->len, i)) == 0)
      return 0; /* the sentence started mid-line */
  while (b > a && (k = cw_tx_space_len_before(t, b)) != 0)
    b -= k;
  if (b <= a || b - a > HEADING_MAX_BYTES)
    return 0;
  /* no final punctuation that continues or has been judged already */
  unsigned char last = (unsigned char)t[b - 1];
  if (last == '.' || last == ',' || last == ';' || last == ':' || last == '-' ||
      last == '&' || last == '/' || last == '(' || last == '!' || last == '?')
    return 0;
  if (b - a >= 3 && (unsigned char)t[b - 3] == 0xE2 &&
      (unsigned char)t[b - 2] == 0x80 &&
      (last == 0xA6 || last == 0x93 || last == 0x94)) /* … – — */
    return 0;
  if (closer_len(t, sp->len, b - 1) && b - a >= 2 &&
      (t[b - 2] == '.' || t[b - 2] == '!' || t[b - 2] == '?'))
    return 0;
  /* count words; note where the last one starts */
  size_t words = 0, last_word = a;
  int in_word = 0;
  for (size_t i = a; i < b; i++) {
    int sp_c = cw_tx_is_space((unsigned char)t[i]);
    if (!sp_c && !in_word) {
      words++;
      last_word = i;
    }
    in_word = !sp_c;
  }
  if (words > HEADING_MAX_WORDS)
    return 0;
  /* a heading does not end on "and", "of", "the" */
  if (t[last_word] >= 'a' && t[last_word] <= 'z' &&
      cw_is_stopword(t + last_word, b - last_word))
    return 0;
  next_info ni;
  look_ahead(t, sp->len, nl, &ni);
  return ni.kind != NEXT_LOWER && ni.kind != NEXT_CONT;
}

/* Whether the text is laid out one paragraph per line (see
 * UNWRAPPED_LINE_BYTES). */
static int is_unwrapped(const char *t, size_t len) {
  size_t lines = 0, long_lines = 0, i = 0;
  while (i < len) {
    const char *nl = memchr(t + i, '\n', len - i);
    size_t e = nl ? (size_t)(nl - t) : len, a = i, b = e;
    while (a < b && cw_tx_is_space((unsigned char)t[a]))
      a++;
    while (b > a && cw_tx_is_space((unsigned char)t[b - 1]))
      b--;
    if (b > a) {
      lines++;
      if (b - a > UNWRAPPED_LINE_BYTES)
        long_lines++;
    }
    i = e + 1;
  }
  return long_lines > 0 && long_lines * 4 >= lines;
}

/* The bytes of a plain run (cw_text_sentences()): printable ASCII and
 * the space, but the terminal marks . ! ? A run starts at another byte
 * than a space (the loop passes spaces itself), inside a sentence, where
 * a space between two such bytes does nothing: the run goes on over it
 * rather than back to the loop a word at a time. */
static const unsigned char plain_byte[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, /* 0x20 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, /* 0x30 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x50 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x70 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x80 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x90 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xA0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xB0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xC0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xD0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xE0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xF0 */
};

/* The end of the plain run from i: the first byte from i on that
 * plain_byte[] does not hold, or len. Eight bytes at a time where the
 * byte order allows: a byte is plain when its high bit is clear, its low
 * seven bits are 0x20 or more, and it is none of '!', '.' and '?' (each
 * test sets a byte's high bit; no byte carries into the next). */
static size_t plain_run(const char *t, size_t len, size_t i) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) &&                            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
  while (len - i >= 8) {
    uint64_t v;
    memcpy(&v, t + i, 8);
    uint64_t lo = v & 0x7F * ones;
    uint64_t x21 = lo ^ 0x21 * ones, x2e = lo ^ 0x2E * ones,
             x3f = lo ^ 0x3F * ones;
    uint64_t plain = (lo + 0x60 * ones) & ((x21 + 0x7F * ones) | x21) &
                     ((x2e + 0x7F * ones) | x2e) &
                     ((x3f + 0x7F * ones) | x3f) & ~v & high;
    if (plain != high)
      return i + (size_t)__builtin_ctzll(~plain & high) / 8;
    i += 8;
  }
#endif
  while (i < len && plain_byte[(unsigned char)t[i]])
    i++;
  return i;
}

cw_status cw_text_sentences(const char *text, size_t len, cw_vec *out) {
  splitter sp = {text, text ? len : 0, out, NONE, 0, CW_OK};
  size_t i = 0, line_start = 0, k;
  len = sp.len;
  /* a sentence every 64 bytes or more: room for an article's up front
   * (longer texts grow the vector as usual) */
  size_t room = len < SENTENCES_RESERVE_BYTES ? len : SENTENCES_RESERVE_BYTES;
  if (len && out->len == out->cap &&
      cw_vec_reserve(out, out->len + room / 64 + 8))
    return CW_ERR_NOMEM;
  sp.unwrapped = is_unwrapped(text, len);
  while (i < len && sp.st == CW_OK) {
    unsigned char c = (unsigned char)text[i];
    if (c == '\n') {
      size_t j = i + 1;
      while (j < len && text[j] != '\n' &&
             (k = cw_tx_space_len(text, len, j)) != 0)
        j += k;
      /* a blank line, the end of a paragraph, or a heading */
      if ((j < len && text[j] == '\n') || sp.unwrapped ||
          (sp.start != NONE && heading_line(&sp, line_start, i)))
        emit(&sp, i);
      line_start = i + 1;
      i++;
      continue;
    }
    /* ASCII white space inline: this loop sees every byte of the text */
    if (c < 0x80 ? c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
                 : (k = cw_tx_space_len(text, len, i)) != 0) {
      i += c < 0x80 ? 1 : k;
      continue;
    }
    if (sp.start == NONE)
      sp.start = i;
    /* a run of printable ASCII and spaces without terminal punctuation
     * (most of the text) is passed over at once */
    if (plain_byte[c]) {
      i = plain_run(text, len, i + 1);
      continue;
    }
    if (c == '.' || c == '!' || c == '?' || is_ellipsis(text, len, i)) {
      i = terminal(&sp, i);
      continue;
    }
    if (c < 0x80) {
      i++;
    } else {
      int32_t cp;
      i += cw_text_decode(text, len, i, &cp);
    }
  }
  if (sp.st == CW_OK)
    emit(&sp, len);
  return sp.st;
}
