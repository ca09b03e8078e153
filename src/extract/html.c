/* html.c - HTML article extraction: the entry point, charset repair and the
 * DOM helpers the other html_*.c files share.
 *
 * The page arrives decoded (src/ingest turns valid UTF-8 into NFC and
 * anything else into text read as Windows-1252). A page that declares a
 * legacy charset other than Windows-1252 (KOI8-R, ISO-8859-2, Shift_JIS...)
 * and was read as Windows-1252 is turned back into its bytes and decoded
 * with the declared charset. libxml2's HTML parser (recovering, no network)
 * builds the tree; html_meta.c reads the metadata (JSON-LD, Open Graph,
 * <meta>, <time>, URL), html_body.c prunes what is never content and finds
 * the main content by DOM scoring on copies of the pruned body (scoring
 * edits the tree); the page is parsed once. Stories printed in full in
 * <article>s of their own (aggregators) are read from the pruned page
 * before scoring, and kept as parts when they are not the main text. Pages
 * whose DOM holds only a teaser while the JSON-LD articleBody holds the
 * story take the latter.
 */
#include "extract/html_int.h"

#include "ingest/ingest.h"

#include <libxml/SAX2.h>
#include <libxml/globals.h>

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Bytes at the top of a page searched for a charset declaration (the HTML
 * standard says 1024; real pages put long scripts first). */
#define CHARSET_SCAN_BYTES 8192
/* A page without any body text (a shell that a script fills) is read
 * from its description meta when that has at least this many bytes: a
 * shorter one is a slogan, not a summary of the page. */
#define DESCRIPTION_MIN 80
/* A DOM text shorter than this share of the JSON-LD articleBody is taken
 * for a teaser and replaced by the articleBody. */
#define LD_BODY_RATIO 0.5
/* Figure captions kept as credits per article. */
#define MAX_CAPTIONS 16

/* ---- DOM helpers ---------------------------------------------------------- */

#define E CW_TC_END
#define S CW_TC_SPACE
#define T CW_TC_CONT
#define C CW_TC_CHAR
#define M CW_TC_COMMA
const unsigned char cw_html_tc[256] = {
    E, C, C, C, C, C, C, C, C, S, S, S, S, S, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    S, C, C, C, C, C, C, C, C, C, C, C, M, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T,
    T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T,
    T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T,
    T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, M, C, C, C, C, C, C, C, C, C, C, C, M,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
};
#undef E
#undef S
#undef T
#undef C
#undef M

int cw_html_is(const xmlNode *n, const char *tag) {
  /* the first byte settles most tests without a call */
  return n && n->type == XML_ELEMENT_NODE && n->name &&
         n->name[0] == (xmlChar)tag[0] &&
         strcmp((const char *)n->name, tag) == 0;
}

char *cw_html_attr(const xmlNode *n, const char *name) {
  assert(cw_html_attr_kept(name, strlen(name)));
  if (!n || n->type != XML_ELEMENT_NODE)
    return NULL;
  return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static void text_rec(const xmlNode *n, cw_buf *b, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return;
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    for (const xmlChar *p = n->content; p && *p; p++) {
      if (cw_html_space(*p)) {
        if (b->len && b->ptr[b->len - 1] != ' ')
          cw_html_putc(b, ' ');
      } else {
        cw_html_putc(b, (char)*p);
      }
    }
    return;
  }
  if (n->type != XML_ELEMENT_NODE)
    return;
  if (cw_html_is(n, "script") || cw_html_is(n, "style") ||
      cw_html_is(n, "template"))
    return;
  if (cw_html_is(n, "br") && b->len && b->ptr[b->len - 1] != ' ')
    cw_html_putc(b, ' ');
  for (const xmlNode *c = n->children; c; c = c->next)
    text_rec(c, b, depth + 1);
}

void cw_html_text(const xmlNode *n, cw_buf *b) {
  if (n)
    text_rec(n, b, 0);
}

/* One byte of cw_html_count_commas: p points into a text of which at least
 * the NUL is left. */
static inline void count_byte(const xmlChar *p, size_t *len, int *sp,
                              size_t *commas) {
  unsigned k = cw_html_tc[*p];
  if (k == CW_TC_SPACE) {
    *sp = 1;
  } else if (k >= CW_TC_CHAR) {
    *len += 1 + (size_t)(*sp && *len);
    *sp = 0;
    /* U+FF0C fullwidth comma, U+3001 ideographic comma */
    if (commas && k == CW_TC_COMMA &&
        (*p == ',' || (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) ||
         (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x81)))
      (*commas)++;
  }
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define COUNT_WORDS 1
/* Byte lanes of 64-bit words: the high bit of each lane (a lane < 0x80
 * below x has it set where the lane's byte is less than x). */
#define LANES_LOW 0x0101010101010101ull
#define LANES_HIGH 0x8080808080808080ull
static inline uint64_t lanes_below(uint64_t v, unsigned x) {
  return ~((v | LANES_HIGH) - x * LANES_LOW) & LANES_HIGH;
}
/* Lanes set in such a mask (their bytes summed into the top one). */
static inline size_t lanes_count(uint64_t m) {
  return (size_t)(((m >> 7) * LANES_LOW) >> 56);
}
#endif

size_t cw_html_count_commas(const xmlChar *p, size_t len, int *space,
                            size_t *commas) {
  /* the hottest loop of extraction: eight bytes at a time where they are
   * printable ASCII, a byte at a time elsewhere */
  size_t n = strlen((const char *)p), i = 0;
  int sp = *space;
#ifdef COUNT_WORDS
  while (i + 8 <= n) {
    uint64_t v;
    memcpy(&v, p + i, 8);
    if ((v & LANES_HIGH) ||
        ((lanes_below(v, 0x20) & ~lanes_below(v, 0x0E)) |
         lanes_below(v, 0x09))) {
      /* a control other than white space, or a non-ASCII byte: this word
       * byte by byte */
      for (size_t e = i + 8; i < e; i++)
        count_byte(p + i, &len, &sp, commas);
      continue;
    }
    /* ' ' and \t..\r, the only bytes below 0x21 left */
    uint64_t spaces = lanes_below(v, 0x21);
    uint64_t chars = LANES_HIGH & ~spaces;
    /* characters right after white space (or after the pending space
     * on entry) add one for it, but not the text's first character */
    uint64_t joined = chars & (spaces << 8 | (sp ? 0x80u : 0u));
    size_t add = lanes_count(chars) + lanes_count(joined);
    if (!len && (joined & chars & (0 - chars)))
      add--;
    len += add;
    sp = (int)(spaces >> 63);
    if (commas)
      *commas += lanes_count(lanes_below(v ^ (0x2Cu * LANES_LOW), 1));
    i += 8;
  }
#endif
  for (; i < n; i++)
    count_byte(p + i, &len, &sp, commas);
  *space = sp;
  return len;
}

size_t cw_html_count(const xmlChar *p, size_t len, int *space) {
  return cw_html_count_commas(p, len, space, NULL);
}

/* Whether white space comes before the first character of p. */
static int lead_space(const xmlChar *p) {
  int sp = 0;
  for (; *p; p++) {
    unsigned k = cw_html_tc[*p];
    if (k == CW_TC_SPACE)
      sp = 1;
    else if (k >= CW_TC_CHAR)
      return sp;
  }
  return 0;
}

size_t cw_html_count_text_first(const xmlNode *t, size_t len, int *space,
                                size_t *commas) {
  if (!t->content)
    return len;
  int sp = 0;
  size_t k = 0;
  size_t sum = cw_html_count_commas(t->content, 0, &sp, &k);
  if (sum > CW_HTML_MEMO_SUM_MAX || k > CW_HTML_MEMO_COMMA_MAX)
    return cw_html_count_commas(t->content, len, space, commas);
  uintptr_t memo = CW_HTML_MEMO_KNOWN |
                   (sum && lead_space(t->content) ? CW_HTML_MEMO_LEAD : 0) |
                   (sp ? CW_HTML_MEMO_SPACE : 0) |
                   (uintptr_t)sum << CW_HTML_MEMO_SHIFT |
                   (uintptr_t)k << CW_HTML_MEMO_COMMA_SHIFT;
  /* t is const to its callers but for this memo */
  ((xmlNode *)t)->_private = (void *)memo;
  return cw_html_count_text(t, len, space, commas);
}

/* Counts into *len the characters of text under n as cw_html_text_len
 * does; stops as soon as *len reaches max (the count only grows). */
static void len_rec(const xmlNode *n, size_t *len, int *space, size_t max,
                    int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return;
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    *len = cw_html_count_text(n, *len, space, NULL);
    return;
  }
  if (n->type != XML_ELEMENT_NODE || cw_html_script_or_style(n))
    return;
  for (const xmlNode *c = n->children; c && *len < max; c = c->next)
    len_rec(c, len, space, max, depth + 1);
}

size_t cw_html_text_len(const xmlNode *n) {
  return cw_html_text_len_max(n, SIZE_MAX);
}

size_t cw_html_text_len_max(const xmlNode *n, size_t max) {
  size_t len = 0;
  int space = 0;
  if (n)
    len_rec(n, &len, &space, max, 0);
  return len;
}

static xmlNode *find_rec(xmlNode *n, const char *tag, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return NULL;
  for (xmlNode *c = n; c; c = c->next) {
    if (cw_html_is(c, tag))
      return c;
    if (c->type == XML_ELEMENT_NODE) {
      xmlNode *r = find_rec(c->children, tag, depth + 1);
      if (r)
        return r;
    }
  }
  return NULL;
}

xmlNode *cw_html_find(xmlNode *n, const char *tag) {
  if (!n)
    return NULL;
  if (cw_html_is(n, tag))
    return n;
  return find_rec(n->children, tag, 0);
}

/* ---- charset ------------------------------------------------------------- */

/* The charset a page declares in <meta charset> or http-equiv content, or
 * "" (name copied into out, lower case). */
static void declared_charset(const char *s, size_t n, char out[40]) {
  out[0] = '\0';
  if (n > CHARSET_SCAN_BYTES)
    n = CHARSET_SCAN_BYTES;
  for (size_t i = 0; i + 8 < n; i++) {
    if ((s[i] | 32) != 'c' || !cw_strncaseeq(s + i, "charset", 7))
      continue;
    size_t j = i + 7;
    while (j < n && cw_is_space((unsigned char)s[j]))
      j++;
    if (j >= n || s[j] != '=')
      continue;
    j++;
    while (j < n && (cw_is_space((unsigned char)s[j]) || s[j] == '"' ||
                     s[j] == '\''))
      j++;
    size_t k = 0;
    while (j < n && k < 39 &&
           (cw_is_space((unsigned char)s[j]) == 0 && s[j] != '"' &&
            s[j] != '\'' && s[j] != ';' && s[j] != '>' && s[j] != '/')) {
      char c = s[j++];
      out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[k] = '\0';
    if (k)
      return;
  }
}

/* Converts [s, s+n) with iconv, failing (NULL) on any byte it cannot map. */
static char *convert_strict(const char *to, const char *from, const char *s,
                            size_t n, size_t *out_len) {
  iconv_t cd = iconv_open(to, from);
  if (cd == (iconv_t)-1)
    return NULL;
  size_t cap = n * 4 + 16, left_out = cap - 1, left_in = n;
  char *out = malloc(cap);
  char *in = (char *)s, *o = out;
  int ok = out != NULL;
  while (ok && left_in > 0)
    if (iconv(cd, &in, &left_in, &o, &left_out) == (size_t)-1)
      ok = 0;
  if (ok && iconv(cd, NULL, NULL, &o, &left_out) == (size_t)-1)
    ok = 0;
  iconv_close(cd);
  if (!ok) {
    free(out);
    return NULL;
  }
  *o = '\0';
  *out_len = (size_t)(o - out);
  return out;
}

static int is_latin1_family(const char *cs) {
  static const char *const names[] = {
      "utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "iso8859-1",
      "latin1", "latin-1", "windows-1252", "cp1252", "x-user-defined",
      "utf-16", "unicode"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp(cs, names[i]) == 0)
      return 1;
  return 0;
}

/* Windows-1252 byte of the code points at 0x80..0x9F, in byte order. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

/* The Windows-1252 bytes the text was decoded from. U+FFFD stands for one
 * of the five bytes Windows-1252 leaves undefined; 0x81 is the likeliest
 * in the multi-byte charsets (a lead byte in Shift_JIS and GBK). With c1,
 * the C1 controls U+0080..U+009F stand for their own bytes (text read as
 * ISO-8859-1) and U+FFFD for nothing. NULL when the text holds a character
 * these do not have (it was UTF-8), and with as_utf8 as soon as the bytes
 * put a UTF-8 lead or continuation byte where valid UTF-8 cannot have one
 * (real Latin text, at its first accent: the caller wanted UTF-8).
 * cp1252_walk writes them to out (n bytes at most) and returns how many,
 * or CP1252_NONE where cp1252_bytes returns NULL; with out NULL it only
 * counts them. */
#define CP1252_NONE ((size_t)-1)
static size_t cp1252_walk(const char *s, size_t n, char *out, int c1,
                          int as_utf8) {
  size_t o = 0;
  int need = 0; /* with as_utf8: continuation bytes the bytes owe */
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    uint32_t cp;
    size_t k;
    if (c < 0x80 && !need) { /* a run of ASCII is its own bytes */
      size_t j = i + 1;
      while (j + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + j, 8);
        if (w & 0x8080808080808080ULL)
          break;
        j += 8;
      }
      while (j < n && (unsigned char)s[j] < 0x80)
        j++;
      if (out)
        memcpy(out + o, s + i, j - i);
      o += j - i;
      i = j;
      continue;
    }
    if (c < 0x80) {
      cp = c;
      k = 1;
    } else if ((c & 0xE0) == 0xC0 && i + 1 < n) {
      cp = (uint32_t)(c & 0x1F) << 6 | ((unsigned char)s[i + 1] & 0x3F);
      k = 2;
    } else if ((c & 0xF0) == 0xE0 && i + 2 < n) {
      cp = (uint32_t)(c & 0x0F) << 12 |
           (uint32_t)((unsigned char)s[i + 1] & 0x3F) << 6 |
           ((unsigned char)s[i + 2] & 0x3F);
      k = 3;
    } else {
      return CP1252_NONE;
    }
    int byte = -1;
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF) || (c1 && cp <= 0xFF))
      byte = (int)cp;
    else if (cp == 0xFFFD && !c1)
      byte = 0x81;
    else
      for (int j = 0; j < 32; j++)
        if (cp1252_high[j] == cp && cp != 0xFFFD)
          byte = 0x80 + j;
    if (as_utf8) { /* give up at the first byte UTF-8 cannot have there */
      int cont = (byte & 0xC0) == 0x80;
      if (need ? !cont : cont || byte == 0xC0 || byte == 0xC1 || byte > 0xF4)
        byte = -1;
      else if (need)
        need--;
      else
        need = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC2 ? 1 : 0;
    }
    if (byte < 0)
      return CP1252_NONE;
    if (out)
      out[o] = (char)byte;
    o++;
    i += k;
  }
  return o;
}

static char *cp1252_bytes(const char *s, size_t n, size_t *out_len, int c1,
                          int as_utf8) {
  char *out = malloc(n + 1);
  if (!out)
    return NULL;
  size_t o = cp1252_walk(s, n, out, c1, as_utf8);
  if (o == CP1252_NONE) {
    free(out);
    return NULL;
  }
  out[o] = '\0';
  *out_len = o;
  return out;
}

/* Decodes with iconv, a U+FFFD for each byte it cannot read. */
static char *convert_lenient(const char *from, const char *s, size_t n,
                             size_t *out_len) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == (iconv_t)-1)
    return NULL;
  size_t cap = n * 4 + 16, left_out = cap - 1, left_in = n;
  char *out = malloc(cap);
  char *in = (char *)s, *o = out;
  if (!out) {
    iconv_close(cd);
    return NULL;
  }
  while (left_in > 0) {
    if (iconv(cd, &in, &left_in, &o, &left_out) != (size_t)-1)
      break;
    if ((errno != EILSEQ && errno != EINVAL) || left_out < 3)
      break;
    memcpy(o, "\xEF\xBF\xBD", 3);
    o += 3;
    left_out -= 3;
    in++;
    left_in--;
  }
  iconv_close(cd);
  *o = '\0';
  *out_len = (size_t)(o - out);
  return out;
}

/* When the page declares a legacy charset and its text reads back into
 * Windows-1252 bytes (it was decoded as such), returns the text decoded
 * with the declared charset (malloc'd), else NULL. */
static char *redecode(const char *text, size_t len, size_t *out_len) {
  char cs[40];
  declared_charset(text, len, cs);
  if (!cs[0] || is_latin1_family(cs))
    return NULL;
  int high = 0;
  for (size_t i = 0; i < len && !high; i++)
    high = (unsigned char)text[i] >= 0x80;
  if (!high)
    return NULL;
  size_t raw_len;
  char *raw = cp1252_bytes(text, len, &raw_len, 0, 0);
  if (!raw)
    return NULL;
  /* the declared name as iconv knows it: gb2312 pages are written in GBK */
  const char *from = strcmp(cs, "gb2312") == 0 ? "GBK" : cs;
  char *utf = convert_strict("UTF-8", from, raw, raw_len, out_len);
  if (!utf)
    utf = convert_lenient(from, raw, raw_len, out_len);
  free(raw);
  return utf;
}

/* Whether [s, s+n) holds a UTF-8 sequence of two bytes or more, and no
 * byte that is not UTF-8. */
static int utf8_multibyte(const char *s, size_t n) {
  int multi = 0;
  for (size_t i = 0; i < n && !multi; i++)
    multi = (unsigned char)s[i] >= 0x80;
  return multi && cw_utf8_invalid_count(s, n) == 0;
}

/* A page encoded twice: its UTF-8 was read as ISO-8859-1 or Windows-1252
 * and written out as UTF-8 again, so that a right quote (E2 80 99) reads
 * as "a-circumflex" and two C1 controls (or the euro and trade marks).
 * When every character of the text is one of those charsets and their
 * bytes are UTF-8 with at least one multi-byte sequence, returns those
 * bytes (malloc'd), else NULL. Real Latin text fails the test at its first
 * accent ("cafe" with an acute accent, then a space, is E9 20: no UTF-8). */
static char *undouble(const char *text, size_t len, size_t *out_len) {
  /* UTF-8 with a multi-byte sequence has a lead byte C2..F4, which the
   * text held as U+00C2..U+00F4: bytes C3 82..C3 B4. Most pages have no
   * such pair and are passed by memchr instead of converted twice (the
   * conversions cost a third as much as parsing the page) */
  int lead = 0;
  for (const char *p = memchr(text, 0xC3, len); p && !lead;
       p = memchr(p + 1, 0xC3, len - (size_t)(p + 1 - text)))
    lead = p + 1 < text + len && (unsigned char)p[1] >= 0x82 &&
           (unsigned char)p[1] <= 0xB4;
  if (!lead)
    return NULL;
  for (int c1 = 1; c1 >= 0; c1--) {
    /* a dry walk first: Latin text fails it at its first accent, where
     * the copy would have cost the allocation of the page's size */
    if (cp1252_walk(text, len, NULL, c1, 1) == CP1252_NONE)
      continue;
    size_t raw_len;
    char *raw = cp1252_bytes(text, len, &raw_len, c1, 1);
    if (raw && utf8_multibyte(raw, raw_len)) {
      *out_len = raw_len;
      return raw;
    }
    free(raw);
  }
  return NULL;
}

/* ---- parsing --------------------------------------------------------------- */

/* Moves start and the siblings after it to the end of body, in order; a
 * <head> among them stays, a <body> gives its children when open_body. */
static void move_to_body(xmlNode *body, xmlNode *start, int open_body) {
  for (xmlNode *c = start, *next; c; c = next) {
    next = c->next;
    if (cw_html_is(c, "head"))
      continue;
    if (open_body && cw_html_is(c, "body")) {
      move_to_body(body, c->children, 0);
      continue;
    }
    xmlUnlinkNode(c);
    xmlAddChild(body, c); /* may merge a text node into the last one */
  }
}

/* What a page puts after its </body> or </html> (a theme's header
 * template that closes the document before the article follows, a second
 * copy of the page's end) is body content to a browser, which reopens the
 * body (HTML5's "after body" mode). libxml2 2.9 leaves what follows
 * </body> beside the body, under <html>, and opens another <html> root
 * for what follows </html>: the article would be looked for in neither.
 * Moves both to the end of the first body, in order. */
static void rehome_after_body(htmlDocPtr doc) {
  xmlNode *root = xmlDocGetRootElement(doc);
  xmlNode *body = NULL;
  for (xmlNode *c = root ? root->children : NULL; c && !body; c = c->next)
    if (cw_html_is(c, "body"))
      body = c;
  if (!body)
    return;
  move_to_body(body, body->next, 0);
  for (xmlNode *r = root->next, *next; r; r = next) {
    next = r->next;
    if (r->type != XML_ELEMENT_NODE || !cw_html_is(r, "html"))
      continue;
    move_to_body(body, r->children, 1);
    xmlUnlinkNode(r);
    xmlFreeNode(r);
  }
}

/* Pages rendered by React on the server stream their slow parts after the
 * page: a placeholder where the part goes (<template id="B:0"> before a
 * fallback, "Loading...", up to a <!--/$--> comment; or <template
 * id="P:0"> alone) and, at the end of the body, the part itself in a
 * hidden <div id="S:0">, which a small inline script ($RC, $RS) moves into
 * place. A reader without scripts finds the article there, after the
 * page's footer and outside its <main>; a browser shows it where the
 * placeholder was. We move it so, pairing the placeholder and the part by
 * their number, as React names them. At most MAX_STREAMED of each. */
#define MAX_STREAMED 1024

static const char *id_of(const xmlNode *n) {
  xmlAttr *a = cw_html_prop(n, "id");
  return a && a->children && a->children->type == XML_TEXT_NODE
             ? (const char *)a->children->content
             : NULL;
}

static int is_inside(const xmlNode *n, const xmlNode *ancestor) {
  for (; n; n = n->parent)
    if (n == ancestor)
      return 1;
  return 0;
}

/* Nodes of the fallbacks looked at, each against every part and
 * placeholder, before the rest of the fallbacks stay as they are: a page
 * made of thousands of boundaries costs no more than this. */
#define FALLBACK_CHECKS (1u << 20)

typedef struct streamed {
  xmlNode *parts[MAX_STREAMED], *holders[MAX_STREAMED];
  xmlNode *shadows[MAX_STREAMED];
  size_t n_parts, n_holders, n_shadows;
  size_t checks; /* left of FALLBACK_CHECKS */
} streamed;

/* Whether a part or placeholder is n or under it (or the checks have run
 * out): n must stay. */
static int holds_streamed(streamed *sm, const xmlNode *n) {
  size_t cost = sm->n_parts + sm->n_holders;
  if (sm->checks < cost)
    return 1;
  sm->checks -= cost;
  for (size_t i = 0; i < sm->n_parts; i++)
    if (is_inside(sm->parts[i], n))
      return 1;
  for (size_t i = 0; i < sm->n_holders; i++)
    if (is_inside(sm->holders[i], n))
      return 1;
  return 0;
}

/* The comment that closes the boundary whose placeholder is b ("/$",
 * nested boundaries counted), or NULL; the fallback between the two goes
 * unless it holds another part or placeholder. */
static xmlNode *drop_fallback(streamed *sm, xmlNode *b) {
  int depth = 0;
  xmlNode *end = NULL;
  for (xmlNode *c = b->next; c && !end; c = c->next)
    if (c->type == XML_COMMENT_NODE && c->content) {
      const char *d = (const char *)c->content;
      if (!strcmp(d, "/$") && depth-- == 0)
        end = c;
      else if (!strcmp(d, "$") || !strcmp(d, "$?") || !strcmp(d, "$!"))
        depth++;
    }
  for (xmlNode *c = end ? b->next : NULL, *next; c != end; c = next) {
    next = c->next;
    if (!holds_streamed(sm, c)) {
      xmlUnlinkNode(c);
      xmlFreeNode(c);
    }
  }
  return end;
}

/* Web components rendered on the server carry their shadow root as a
 * <template shadowrootmode="open"> (older: shadowroot) first in the
 * element, which a browser shows in its place; any other template is
 * inert and dropped with the never-content parts. Its children take its
 * place (the slots of the element's own children are not followed: the
 * text is all there, in the order of the markup). */
static void open_shadow_roots(streamed *sm) {
  for (size_t i = 0; i < sm->n_shadows; i++) {
    xmlNode *t = sm->shadows[i];
    while (t->children) {
      xmlNode *c = t->children;
      xmlUnlinkNode(c);
      xmlAddPrevSibling(t, c);
    }
    xmlUnlinkNode(t);
    xmlFreeNode(t);
  }
}

/* Placeholders stay (empty templates); a part, emptied, goes. */
static void place_streamed(htmlDocPtr doc) {
  xmlNode *root = xmlDocGetRootElement(doc);
  streamed *sm = calloc(1, sizeof *sm);
  if (!sm)
    return;
  sm->checks = FALLBACK_CHECKS;
  for (xmlNode *n = root; n;) {
    const char *id = n->type == XML_ELEMENT_NODE && n->properties
                         ? id_of(n)
                         : NULL;
    if (id && id[0] == 'S' && id[1] == ':' && cw_html_is(n, "div") &&
        cw_html_prop(n, "hidden") && sm->n_parts < MAX_STREAMED)
      sm->parts[sm->n_parts++] = n;
    else if (id && (id[0] == 'B' || id[0] == 'P') && id[1] == ':' &&
             sm->n_holders < MAX_STREAMED)
      sm->holders[sm->n_holders++] = n;
    else if (n->type == XML_ELEMENT_NODE && n->properties &&
             cw_html_is(n, "template") &&
             (cw_html_prop(n, "shadowrootmode") ||
              cw_html_prop(n, "shadowroot")) &&
             sm->n_shadows < MAX_STREAMED)
      sm->shadows[sm->n_shadows++] = n;
    if (n->type == XML_ELEMENT_NODE && n->children) {
      n = n->children;
      continue;
    }
    while (n != root && !n->next)
      n = n->parent;
    n = n == root ? NULL : n->next;
  }
  /* first: a fallback that placing a part drops may hold a shadow root */
  open_shadow_roots(sm);
  for (size_t i = 0; i < sm->n_parts && sm->n_holders; i++) {
    xmlNode *part = sm->parts[i], *holder = NULL;
    const char *k = id_of(part) + 2;
    for (size_t j = 0; j < sm->n_holders && !holder; j++)
      if (!strcmp(id_of(sm->holders[j]) + 2, k))
        holder = sm->holders[j];
    /* a part cannot go inside itself */
    if (!holder || holder == root || is_inside(holder, part))
      continue;
    /* (the part itself may sit in the fallback: it stays until emptied) */
    xmlNode *at = id_of(holder)[0] == 'B' ? drop_fallback(sm, holder) : NULL;
    if (!at)
      at = holder->next;
    /* each child before at, or last in the holder's parent; a text node
     * may merge into a text beside it (libxml2 then frees it) */
    while (part->children) {
      xmlNode *c = part->children;
      xmlUnlinkNode(c);
      if (at)
        xmlAddPrevSibling(at, c);
      else
        xmlAddChild(holder->parent, c);
    }
    sm->parts[i] = NULL;
    xmlUnlinkNode(part);
    xmlFreeNode(part);
  }
  free(sm);
}

/* ---- what libxml2 is not given ------------------------------------------ */

/* The text of <script> and <style> elements is a third to a half of a
 * news page's bytes, and libxml2 reads it a character at a time
 * (htmlParseScript) only for the extractor to drop it; attributes the
 * extractor never reads (data-*, srcset, on*, width...) are another third
 * of what is left, each one parsed, copied and built into two nodes.
 * Before parsing, both are cut out of the page (all but JSON-LD, and all
 * but the attributes of CW_HTML_KEPT_ATTRS), so libxml2 sees
 * "<script ...></script>" and "<img class=x>". To cut nothing libxml2
 * would have read as markup, the page is read here as libxml2 2.9
 * tokenises it in recovery mode: start tags with their attributes (a
 * quoted value may hold '>'; a quote opens a value only after '='; a
 * bogus attribute runs to white space or '>'; names of at most 100
 * characters), end tags to the next '>', comments to "-->" or "--!>",
 * DOCTYPE and processing instructions to their '>'; a script or style
 * runs to the first "</script" or "</style", in any case. What is not
 * clearly so (a NUL byte, an unterminated quote, comment or raw text, an
 * end tag such as "</scripts" that libxml2 would not take for the end)
 * stops the cutting there: the rest of the page is passed as it is,
 * which is always safe. test_extract_html checks on pages of every shape
 * that the tree is the same either way (but for the attributes cut), and
 * fuzz_html_raw on random ones. */

static int html_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int ascii_letter(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* libxml2's htmlParseHTMLName */
static int name_start(unsigned char c) {
  return ascii_letter(c) || c == '_' || c == ':' || c == '.';
}

static int name_char(unsigned char c) {
  return name_start(c) || (c >= '0' && c <= '9') || c == '-';
}

/* The end of the tag or attribute name at p: htmlParseHTMLName reads at
 * most 100 characters (HTML_PARSER_BUFFER_SIZE), and what follows is read
 * as the next attribute. */
static size_t html_name_end(const char *t, size_t n, size_t p) {
  size_t k = p;
  while (k < n && k - p < 100 && name_char((unsigned char)t[k]))
    k++;
  return k;
}

static const char *const kept_attrs[] = {CW_HTML_KEPT_ATTRS};

int cw_html_attr_kept(const char *name, size_t len) {
  for (size_t i = 0; i < sizeof kept_attrs / sizeof *kept_attrs; i++)
    if ((name[0] | 0x20) == kept_attrs[i][0] &&
        strlen(kept_attrs[i]) == len && cw_strncaseeq(name, kept_attrs[i], len))
      return 1;
  return 0;
}

/* The page being cut: what is copied of t (n bytes) goes to out, made
 * at the first cut (never longer than the page); t before copied is
 * copied or cut. */
typedef struct {
  const char *t;
  size_t n;
  char *out;
  size_t o, copied;
} cutter;

/* Cuts t[from, to) out of the page; 0 when memory runs out. */
static int cut_out(cutter *c, size_t from, size_t to) {
  if (!c->out && !(c->out = malloc(c->n + 1)))
    return 0;
  memcpy(c->out + c->o, c->t + c->copied, from - c->copied);
  c->o += from - c->copied;
  c->copied = to;
  return 1;
}

/* The index past the closing quote of a literal at p, p itself when
 * there is no quote there; SIZE_MAX when it never closes. */
static size_t literal_end(const char *t, size_t n, size_t p) {
  if (p >= n || (t[p] != '"' && t[p] != '\''))
    return p;
  const char *q = memchr(t + p + 1, t[p], n - p - 1);
  return q ? (size_t)(q - t) + 1 : SIZE_MAX;
}

static size_t skip_blanks(const char *t, size_t n, size_t p) {
  while (p < n && html_blank((unsigned char)t[p]))
    p++;
  return p;
}

/* The index of the '>' that ends the start tag whose attributes begin at
 * p, *self_closing set when it is "/>"; SIZE_MAX when the text ends
 * first (or memory ran out). Attributes not kept are cut out of the page
 * with their values (the white space before the next stays). */
static size_t tag_end(cutter *c, size_t p, int *self_closing) {
  const char *t = c->t;
  size_t n = c->n;
  *self_closing = 0;
  for (;;) {
    p = skip_blanks(t, n, p);
    if (p >= n)
      return SIZE_MAX;
    if (t[p] == '>')
      return p;
    if (t[p] == '/' && p + 1 < n && t[p + 1] == '>') {
      *self_closing = 1;
      return p + 1;
    }
    if (!name_start((unsigned char)t[p])) {
      /* a bogus attribute: to white space, '>' or "/>" */
      while (p < n && !html_blank((unsigned char)t[p]) && t[p] != '>' &&
             !(t[p] == '/' && p + 1 < n && t[p + 1] == '>'))
        p++;
      continue;
    }
    size_t name = p;
    p = html_name_end(t, n, p);
    int kept = cw_html_attr_kept(t + name, p - name);
    size_t attr_end = p;
    p = skip_blanks(t, n, p);
    if (p < n && t[p] == '=') {
      p = skip_blanks(t, n, p + 1);
      if (p < n && (t[p] == '"' || t[p] == '\'')) {
        if ((p = literal_end(t, n, p)) == SIZE_MAX)
          return SIZE_MAX;
      } else {
        while (p < n && !html_blank((unsigned char)t[p]) && t[p] != '>')
          p++;
      }
      attr_end = p;
    }
    if (!kept && !cut_out(c, name, attr_end))
      return SIZE_MAX;
  }
}

/* The index past the comment whose text begins at p ("-->" or "--!>"),
 * or 0 when it never ends. */
static size_t comment_end(const char *t, size_t n, size_t p) {
  while (p + 2 < n) {
    const char *d = memchr(t + p, '-', n - p - 2);
    if (!d)
      return 0;
    size_t k = (size_t)(d - t);
    if (t[k + 1] == '-') {
      if (t[k + 2] == '>')
        return k + 3;
      if (t[k + 2] == '!' && k + 3 < n && t[k + 3] == '>')
        return k + 4;
    }
    p = k + 1;
  }
  return 0;
}

/* The index past a DOCTYPE whose body begins at p, read as libxml2's
 * htmlParseDocTypeDecl reads it: a name, then quoted literals only after
 * SYSTEM or PUBLIC, then on to the first '>' (0: not read here, when a
 * literal or the declaration never ends or the name is not ASCII). */
static size_t doctype_end(const char *t, size_t n, size_t p) {
  p = skip_blanks(t, n, p);
  if (p < n && (ascii_letter((unsigned char)t[p]) || t[p] == '_' ||
                t[p] == ':')) {
    while (p < n && name_char((unsigned char)t[p]))
      p++;
    if (p >= n || (unsigned char)t[p] >= 0x80)
      return 0;
  } else if (p < n && (unsigned char)t[p] >= 0x80) {
    return 0;
  }
  p = skip_blanks(t, n, p);
  int system = n - p >= 6 && cw_strncaseeq(t + p, "system", 6);
  int public = n - p >= 6 && cw_strncaseeq(t + p, "public", 6);
  if (system || public) {
    p = literal_end(t, n, skip_blanks(t, n, p + 6));
    if (public && p != SIZE_MAX)
      p = literal_end(t, n, skip_blanks(t, n, p));
    if (p == SIZE_MAX)
      return 0;
  }
  const char *gt = p < n ? memchr(t + p, '>', n - p) : NULL;
  return gt ? (size_t)(gt - t) + 1 : 0;
}

/* The index of the "</name" that ends raw text beginning at p, or
 * SIZE_MAX when there is none, or when a name character follows it (an
 * end tag libxml2 would not take for this element's). */
static size_t raw_end(const char *t, size_t n, size_t p, const char *name,
                      size_t nl) {
  while (p < n) {
    const char *lt = memchr(t + p, '<', n - p);
    if (!lt)
      return SIZE_MAX;
    size_t k = (size_t)(lt - t);
    if (k + 2 + nl <= n && t[k + 1] == '/' &&
        cw_strncaseeq(t + k + 2, name, nl)) {
      if (k + 2 + nl < n && name_char((unsigned char)t[k + 2 + nl]))
        return SIZE_MAX;
      return k;
    }
    p = k + 1;
  }
  return SIZE_MAX;
}

/* Whether the raw text of the element raw, beginning at p, begins with a
 * tag that libxml2 reads before it reads raw text: any end tag, or a
 * start tag that closes the element (<noscript> a script; <body> or
 * <frameset> a style), its name read as htmlParseHTMLName_nonInvasive
 * reads it (no '.'). */
static int raw_closed_at_once(const char *t, size_t n, size_t p,
                              const char *raw) {
  if (p + 1 >= n || t[p] != '<')
    return 0;
  if (t[p + 1] == '/')
    return 1;
  size_t k = p + 1;
  while (k < n && (ascii_letter((unsigned char)t[k]) ||
                   (t[k] >= '0' && t[k] <= '9') || t[k] == ':' ||
                   t[k] == '-' || t[k] == '_'))
    k++;
  size_t l = k - p - 1;
  const char *w = t + p + 1;
  if (raw[1] == 'c')
    return l == 8 && cw_strncaseeq(w, "noscript", 8);
  return (l == 4 && cw_strncaseeq(w, "body", 4)) ||
         (l == 8 && cw_strncaseeq(w, "frameset", 8));
}

/* Whether the n bytes at s hold w (lower case, ASCII), in any case. */
static int holds_nocase(const char *s, size_t n, const char *w) {
  size_t wl = strlen(w);
  for (size_t i = 0; i + wl <= n; i++)
    if (cw_strncaseeq(s + i, w, wl))
      return 1;
  return 0;
}

/* The rules above are libxml2 2.9's (read in its 2.9.14 source, Debian
 * 12's); later versions tokenise differently (2.14 as HTML5 does), so with
 * any other the whole page goes to libxml2. */
static int tokeniser_known(void) {
  return atoi(xmlParserVersion) / 100 == 209;
}

char *cw_html_cut(const char *t, size_t n, size_t *out_len) {
  if (!tokeniser_known() || memchr(t, '\0', n))
    return NULL;
  cutter c = {t, n, NULL, 0, 0};
  size_t p = 0;
  while (p < n) {
    const char *lt = memchr(t + p, '<', n - p);
    if (!lt)
      break;
    size_t i = (size_t)(lt - t);
    unsigned char c1 = i + 1 < n ? (unsigned char)t[i + 1] : 0;
    unsigned char c2 = i + 2 < n ? (unsigned char)t[i + 2] : 0;
    if (c1 == '!') {
      size_t e = 0;
      if (c2 == '-' && i + 3 < n && t[i + 3] == '-') {
        if (!(e = comment_end(t, n, i + 4)))
          break;
      } else if (n - i >= 9 && cw_strncaseeq(t + i + 2, "doctype", 7)) {
        if (!(e = doctype_end(t, n, i + 9)))
          break;
      } else {
        e = i + 1;
      }
      p = e;
      continue;
    }
    if (c1 == '?' || c1 == '/') {
      /* a processing instruction or an end tag runs to the first '>' when
       * a name begins it (a PI's target by XML's rules, an end tag's by
       * htmlParseHTMLName's); without one, "<?" or "</" is passed over.
       * A target that is not ASCII is read by Unicode classes: not here */
      if (c1 == '?' && c2 >= 0x80)
        break;
      if (c1 == '?' ? !(ascii_letter(c2) || c2 == '_' || c2 == ':')
                    : !name_start(c2)) {
        p = i + 2;
        continue;
      }
      const char *gt = memchr(t + i + 2, '>', n - i - 2);
      if (!gt)
        break;
      p = (size_t)(gt - t) + 1;
      continue;
    }
    if (!ascii_letter(c1)) {
      p = i + 1;
      continue;
    }
    size_t j = html_name_end(t, n, i + 1);
    const char *raw = j - i - 1 == 6 && cw_strncaseeq(t + i + 1, "script", 6)
                          ? "script"
                      : j - i - 1 == 5 && cw_strncaseeq(t + i + 1, "style", 5)
                          ? "style"
                          : NULL;
    int self_closing;
    size_t gt = tag_end(&c, j, &self_closing);
    if (gt == SIZE_MAX)
      break;
    p = gt + 1;
    if (!raw || self_closing)
      continue;
    size_t end = raw_end(t, n, p, raw, strlen(raw));
    if (end == SIZE_MAX || (end > p && raw_closed_at_once(t, n, p, raw)))
      break;
    /* JSON-LD is read (html_meta.c): a tag that names it keeps its text,
     * as does one with a character reference, which may spell it
     * ("ld&#x2B;json") */
    if (end > p &&
        !(raw[1] == 'c' && (memchr(t + i, '&', gt - i) ||
                            holds_nocase(t + i, gt - i, "ld+json"))) &&
        !cut_out(&c, p, end))
      break;
    p = end;
  }
  /* after a doubt (or when memory ran out), what is left goes whole */
  if (!c.out)
    return NULL;
  memcpy(c.out + c.o, t + c.copied, n - c.copied);
  c.o += n - c.copied;
  c.out[c.o] = '\0';
  *out_len = c.o;
  return c.out;
}

void cw_html_drop_unkept(xmlNode *n) {
  for (xmlNode *c = n; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    for (xmlAttr *a = c->properties, *next; a; a = next) {
      next = a->next;
      if (!a->name ||
          !cw_html_attr_kept((const char *)a->name,
                             strlen((const char *)a->name)))
        xmlRemoveProp(a);
    }
    cw_html_drop_unkept(c->children);
  }
}

/* What the extractor never reads is not built either: the text of a script
 * or style that the cut above left (after a doubt stopped it), which
 * libxml2 hands to the cdataBlock callback in pieces of about 1,000 bytes,
 * each a node of its own, and comments, but the markers of streamed parts
 * (place_streamed). The elements themselves stay, empty. So the tree is
 * the same whether the cut went to the end of the page or stopped. */
typedef struct {
  const xmlNode *node; /* the element decided last, and its answer */
  int keep;
} parse_filter;

/* A script read as data: its type names JSON-LD (any case). */
static int ld_json_type(const xmlNode *n) {
  xmlAttr *a = cw_html_prop(n, "type");
  const char *v = a && a->children && a->children->type == XML_TEXT_NODE
                      ? (const char *)a->children->content
                      : NULL;
  return v && holds_nocase(v, strlen(v), "ld+json");
}

static int keeps_raw_text(const xmlNode *n) {
  return !n || (!cw_html_is(n, "style") &&
                (!cw_html_is(n, "script") || ld_json_type(n)));
}

/* libxml2's own handlers (xmlSAX2CDataBlock, xmlSAX2Comment) do the
 * building; the decision for an element is kept in _private (libxml2
 * leaves it to the application), and made again if it is not there. */
static void filter_cdata(void *user, const xmlChar *value, int len) {
  xmlParserCtxtPtr ctxt = user;
  parse_filter *f = ctxt->_private;
  const xmlNode *n = ctxt->node;
  int keep;
  if (f && n == f->node) {
    keep = f->keep;
  } else {
    keep = keeps_raw_text(n);
    if (f) {
      f->node = n;
      f->keep = keep;
    }
  }
  if (keep)
    xmlSAX2CDataBlock(user, value, len);
}

static void filter_comment(void *user, const xmlChar *value) {
  const char *v = (const char *)value;
  if (v && (!strcmp(v, "$") || !strcmp(v, "/$") || !strcmp(v, "$?") ||
            !strcmp(v, "$!")))
    xmlSAX2Comment(user, value);
}

htmlDocPtr cw_html_parse(const char *text, size_t len, const char *origin) {
  return cw_html_parse_cut(text, len, origin, 1);
}

htmlDocPtr cw_html_parse_cut(const char *text, size_t len, const char *origin,
                             int cut_raw) {
  if (len > (size_t)INT32_MAX)
    return NULL;
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
  if (!ctxt)
    return NULL;
  parse_filter f = {NULL, 1};
  /* a handler of our own, the context's copied: when libxml2 could not
   * allocate the context's, it points at the process-wide default */
  xmlSAXHandler sax = *ctxt->sax, *own = ctxt->sax;
  sax.cdataBlock = filter_cdata;
  sax.comment = filter_comment;
  ctxt->sax = &sax;
  ctxt->_private = &f;
  /* The text is UTF-8 already: the charset the page declares must not make
   * libxml2 decode it a second time. HTML_PARSE_IGNORE_ENC has the parser
   * ignore the declarations in <meta> (with the encoding given, libxml2
   * 2.9 ignores them anyway), where a copy of the page with each
   * "charset" defused cost 7% of the extraction's own work (measured). */
  size_t cut_len = 0;
  char *cut = cut_raw ? cw_html_cut(text, len, &cut_len) : NULL;
  htmlDocPtr doc = htmlCtxtReadMemory(
      ctxt, cut ? cut : text, (int)(cut ? cut_len : len), origin, "UTF-8",
      CW_HTML_PARSE_OPTS | HTML_PARSE_IGNORE_ENC);
  ctxt->sax = own;
  htmlFreeParserCtxt(ctxt);
  free(cut);
  if (doc) {
    rehome_after_body(doc);
    place_streamed(doc);
  }
  return doc;
}

/* ---- related articles with full text ------------------------------------- */

/* Aggregator pages print related stories in full below the main one, each
 * in its own <article> with a heading. One counts as a story of its own
 * only when it is clearly one: a heading, RELATED_MIN_PARAS paragraphs,
 * RELATED_MIN_CHARS of text, few links, and not the main text again. */
#define RELATED_MIN_PARAS 3
#define RELATED_MIN_CHARS 400
#define RELATED_MAX_LINK_DENSITY 0.2
#define MAX_RELATED 32
/* Opening bytes of a paragraph looked up in the main text. */
#define MAIN_PROBE_BYTES 48

static size_t count_p(const xmlNode *n, int depth) {
  size_t k = 0;
  if (depth > CW_HTML_MAX_DEPTH)
    return 0;
  for (const xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      k += cw_html_is(c, "p") + count_p(c, depth + 1);
  return k;
}

static size_t link_text(const xmlNode *n, int depth) {
  size_t k = 0;
  if (depth > CW_HTML_MAX_DEPTH)
    return 0;
  for (const xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      k += cw_html_is(c, "a") ? cw_html_text_len(c) : link_text(c, depth + 1);
  return k;
}

static xmlNode *heading_of(xmlNode *n) {
  const char *hs[] = {"h1", "h2", "h3"};
  for (int k = 0; k < 3; k++) {
    xmlNode *h = cw_html_find(n, hs[k]);
    if (h)
      return h;
  }
  return NULL;
}

static const char *dup_or_null(cw_articles *out, const char *s, int *oom) {
  if (!s)
    return NULL;
  const char *r = cw_articles_strndup(out, s, strlen(s));
  if (!r)
    *oom = 1;
  return r;
}

/* A story found in an <article> of the page, before the main text is
 * known (scoring edits the page). */
typedef struct related_story {
  char *title, *text, *published; /* malloc'd; title, published or NULL */
} related_story;

typedef struct related_ctx {
  cw_vec *stories; /* related_story */
  cw_buf text, scratch;
  int oom;
} related_ctx;

static void related_one(related_ctx *rc, xmlNode *art) {
  xmlNode *h = heading_of(art);
  size_t len = cw_html_text_len(art);
  if (!h || count_p(art, 0) < RELATED_MIN_PARAS || len < RELATED_MIN_CHARS ||
      (double)link_text(art, 0) > RELATED_MAX_LINK_DENSITY * (double)len)
    return;
  cw_buf_reset(&rc->scratch);
  cw_html_text(h, &rc->scratch);
  /* the text without its heading; the heading goes back where it was, as
   * the main text is still to be found in this tree */
  xmlNode *parent = h->parent, *next = h->next;
  xmlUnlinkNode(h);
  cw_buf_reset(&rc->text);
  cw_html_serialize(art, &rc->text, NULL);
  if (next)
    xmlAddPrevSibling(next, h);
  else
    xmlAddChild(parent, h);
  if (rc->text.err || rc->scratch.err || rc->text.len < RELATED_MIN_CHARS)
    return;
  const char *t = rc->scratch.ptr;
  size_t tn = rc->scratch.len;
  cw_trim(&t, &tn);
  related_story *r = cw_vec_push(rc->stories);
  if (!r) {
    rc->oom = 1;
    return;
  }
  memset(r, 0, sizeof *r);
  r->text = cw_strndup(rc->text.ptr, rc->text.len);
  r->title = tn ? cw_strndup(t, tn) : NULL;
  xmlNode *tm = cw_html_find(art, "time");
  char *dt = tm ? cw_html_attr(tm, "datetime") : NULL;
  char iso[32];
  if (dt && cw_html_norm_date(dt, iso))
    r->published = cw_strdup(iso);
  xmlFree(dt);
  rc->oom |= !r->text || (tn && !r->title);
}

static void related_walk(related_ctx *rc, xmlNode *n, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return;
  xmlNode *c = n->children;
  while (c && rc->stories->len < MAX_RELATED && !rc->oom) {
    xmlNode *next = c->next;
    if (cw_html_is(c, "article"))
      related_one(rc, c);
    else if (c->type == XML_ELEMENT_NODE && !cw_html_script_or_style(c))
      related_walk(rc, c, depth + 1);
    c = next;
  }
}

/* The candidate stories under body (vector of related_story); 1 when out
 * of memory. */
static int related_collect(xmlNode *body, cw_vec *stories) {
  related_ctx rc = {stories, {0}, {0}, 0};
  cw_buf_init(&rc.text, 0);
  cw_buf_init(&rc.scratch, 0);
  if (body)
    related_walk(&rc, body, 0);
  cw_buf_free(&rc.text);
  cw_buf_free(&rc.scratch);
  return rc.oom;
}

static void related_free(cw_vec *stories) {
  for (size_t i = 0; i < stories->len; i++) {
    related_story *r = &CW_VEC_AT(stories, related_story, i);
    free(r->title);
    free(r->text);
    free(r->published);
  }
  cw_vec_free(stories);
}

/* The main story itself, seen again: one of its paragraphs is in the main
 * text. */
static int in_main_text(char *text, const char *main_text) {
  char *p = text;
  while (p && *p) {
    char *end = strstr(p, "\n\n");
    size_t plen = end ? (size_t)(end - p) : strlen(p);
    if (plen >= MAIN_PROBE_BYTES) {
      char save = p[MAIN_PROBE_BYTES];
      p[MAIN_PROBE_BYTES] = '\0';
      int seen = strstr(main_text, p) != NULL;
      p[MAIN_PROBE_BYTES] = save;
      if (seen)
        return 1;
    }
    p = end ? end + 2 : NULL;
  }
  return 0;
}

/* Adds the stories that are not the main one to out; 1 when out of
 * memory. */
static int related_emit(cw_vec *stories, const char *main_text,
                        const cw_html_meta *meta, cw_articles *out) {
  for (size_t i = 0; i < stories->len; i++) {
    related_story *r = &CW_VEC_AT(stories, related_story, i);
    if (in_main_text(r->text, main_text))
      continue;
    cw_article *a = cw_articles_add(out);
    if (!a)
      return 1;
    int oom = 0;
    a->text = dup_or_null(out, r->text, &oom);
    a->title = dup_or_null(out, r->title, &oom);
    a->outlet = dup_or_null(out, meta->outlet, &oom);
    a->published = dup_or_null(out, r->published, &oom);
    if (oom)
      return 1;
  }
  return 0;
}

/* ---- the article ------------------------------------------------------------ */

/* JSON-LD articleBody as paragraphs: its line breaks become blank lines. */
static void ld_paragraphs(const char *s, cw_buf *b) {
  cw_buf_reset(b);
  int nl = 0;
  for (const char *p = s; *p; p++) {
    if (*p == '\n' || *p == '\r') {
      nl = 1;
    } else if (cw_is_space((unsigned char)*p)) {
      if (b->len && b->ptr[b->len - 1] != ' ' && b->ptr[b->len - 1] != '\n' &&
          !nl)
        cw_buf_putc(b, ' ');
    } else {
      if (nl && b->len) {
        while (b->len && b->ptr[b->len - 1] == ' ')
          b->len--;
        cw_buf_puts(b, "\n\n");
      }
      nl = 0;
      cw_buf_putc(b, *p);
    }
  }
}

cw_status cw_extract_html(const char *text, size_t len,
                          const cw_extract_ctx *ctx, cw_articles *out,
                          cw_error *err) {
  cw_status st = CW_OK;
  cw_html_meta meta;
  memset(&meta, 0, sizeof meta);
  cw_buf body;
  cw_buf_init(&body, 0);
  cw_vec captions;
  cw_vec_init(&captions, sizeof(char *));
  cw_vec stories;
  cw_vec_init(&stories, sizeof(related_story));
  if (len > (size_t)INT32_MAX)
    return cw_error_set(err, CW_ERR_TOO_BIG, 0, "%s: page too large",
                        ctx->origin);
  size_t fixed_len = 0;
  char *fixed = undouble(text, len, &fixed_len);
  if (!fixed)
    fixed = redecode(text, len, &fixed_len);
  if (fixed) {
    text = fixed;
    len = fixed_len;
  }
  htmlDocPtr doc = cw_html_parse(text, len, ctx->origin);
  if (!doc || !xmlDocGetRootElement(doc)) {
    st = cw_error_set(err, CW_ERR_FORMAT, 0, "%s: unreadable HTML",
                      ctx->origin);
    goto done;
  }
  st = cw_html_meta_read(doc, ctx->origin, &meta);
  if (st) {
    st = cw_error_set(err, st, 0, "%s: %s", ctx->origin, cw_strerror(st));
    goto done;
  }
  double page_len;
  xmlNode *page_body = cw_html_prune(doc, &page_len);
  if (related_collect(page_body, &stories)) {
    st = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", ctx->origin);
    goto done;
  }
  st = cw_html_body(doc, page_body, page_len, &meta, &body, &captions);
  if (st) {
    st = cw_error_set(err, st, 0, "%s: %s", ctx->origin, cw_strerror(st));
    goto done;
  }
  if (meta.ld_body && (double)body.len < LD_BODY_RATIO * strlen(meta.ld_body))
    ld_paragraphs(meta.ld_body, &body);
  if (body.err) {
    st = cw_error_set(err, body.err, 0, "%s: %s", ctx->origin,
                      cw_strerror(body.err));
    goto done;
  }
  if (body.len == 0 && meta.description &&
      strlen(meta.description) >= DESCRIPTION_MIN) {
    /* a shell that a script fills: the page's own summary, said so */
    cw_buf_puts(&body, meta.description);
    if (cw_articles_warn(out, "%s: no article text in the page; its "
                              "description used instead",
                         ctx->origin)) {
      st = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory",
                        ctx->origin);
      goto done;
    }
  }
  if (body.err) {
    st = cw_error_set(err, body.err, 0, "%s: %s", ctx->origin,
                      cw_strerror(body.err));
    goto done;
  }
  if (body.len == 0) {
    st = cw_error_set(err, CW_ERR_EMPTY, 0, "%s: no article text found",
                      ctx->origin);
    goto done;
  }
  cw_article *a = cw_articles_add(out);
  int oom = !a;
  if (a) {
    a->text = cw_articles_strndup(out, body.ptr, body.len);
    oom |= !a->text;
    a->title = dup_or_null(out, meta.title, &oom);
    a->outlet = dup_or_null(out, meta.outlet, &oom);
    a->url = dup_or_null(out, meta.url, &oom);
    a->published = dup_or_null(out, meta.published, &oom);
    a->byline = dup_or_null(out, meta.byline, &oom);
    for (size_t i = 0; !oom && i < captions.len && i < MAX_CAPTIONS; i++) {
      const char *c = CW_VEC_AT(&captions, char *, i);
      oom |= cw_article_add_credit(out, a, c, strlen(c)) != CW_OK;
    }
  }
  if (!oom && a)
    oom = related_emit(&stories, a->text, &meta, out);
  if (oom)
    st = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", ctx->origin);
done:
  if (doc)
    xmlFreeDoc(doc);
  for (size_t i = 0; i < captions.len; i++)
    free(CW_VEC_AT(&captions, char *, i));
  cw_vec_free(&captions);
  related_free(&stories);
  cw_buf_free(&body);
  cw_html_meta_free(&meta);
  free(fixed);
  return st;
}
