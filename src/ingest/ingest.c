/* ingest.c - decoding of input bytes to NFC UTF-8 and format detection.
 *
 * Real crawls mix encodings: most pages are UTF-8, some were saved as
 * Windows-1252, and some UTF-8 pages carry a few broken bytes from a bad
 * cut. We keep what is readable: a page whose broken sequences are rare is
 * UTF-8 with U+FFFD for each bad byte (and a warning); a page where they are
 * common was never UTF-8 and is converted from Windows-1252 with iconv.
 * Binary data (NUL bytes, mostly control bytes) is refused, not guessed at.
 */
#include "ingest/ingest.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Share of broken UTF-8 bytes above which the input is taken as
 * Windows-1252: a real UTF-8 page with a few bad bytes stays well below it,
 * while Windows-1252 text with accents or smart quotes is far above it in
 * proportion to its non-ASCII bytes. */
#define BROKEN_UTF8_MAX_RATIO 0.2
/* Share of control bytes (other than tab, CR, LF, FF) that marks binary
 * data; text never has more than a stray one. */
#define CONTROL_MAX_RATIO 0.05

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  utf8proc_int32_t cp;
  utf8proc_ssize_t k = utf8proc_iterate(s, (utf8proc_ssize_t)n, &cp);
  return k > 0 ? (size_t)k : 0;
}

/* Length of the ASCII run at s (n bytes left), eight bytes at a time:
 * news text is mostly ASCII. */
static size_t ascii_run(const char *s, size_t n) {
  const uint64_t high = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (w & high)
      break;
  }
  while (i < n && (unsigned char)s[i] < 0x80)
    i++;
  return i;
}

size_t cw_utf8_invalid_count(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t bad = 0, i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      i += ascii_run(s + i, n - i);
      continue;
    }
    size_t k = utf8_seq(p + i, n - i);
    if (k) {
      i += k;
    } else {
      bad++;
      i++;
    }
  }
  return bad;
}

/* NFC of one piece into b (appended): CW_ERR_CHARSET for invalid UTF-8. */
static cw_status nfc_piece(const char *s, size_t n, cw_buf *b) {
  utf8proc_uint8_t *out = NULL;
  utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s,
                                    (utf8proc_ssize_t)n, &out,
                                    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  if (k < 0)
    return k == UTF8PROC_ERROR_NOMEM ? CW_ERR_NOMEM : CW_ERR_CHARSET;
  cw_status st = cw_buf_append(b, (const char *)out, (size_t)k);
  free(out);
  return st;
}

/* 1 when every character of the non-ASCII run s[0, n) is one NFC leaves
 * alone whatever stands beside it (of an ASCII character or another such
 * one): U+0080..U+017F (Latin-1 and Latin Extended-A: starters, each
 * already composed), U+2010..U+2027 and U+2030..U+205E (dashes, quotes,
 * ellipsis, primes; not U+2000 and U+2001, which NFC maps to U+2002 and
 * U+2003) and U+20A0..U+20BF (currency signs). None has a combining class,
 * none is the second of a composition and none composes with one of the
 * others (tests/unit/test_ingest.c checks every pair against utf8proc).
 * The curly quotes and dashes of news text are most of its non-ASCII
 * characters. */
static int nfc_inert(const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned char c = s[i];
    if (c >= 0xC2 && c <= 0xC5 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      i += 2;
      continue;
    }
    if (c != 0xE2 || i + 2 >= n || s[i + 1] < 0x80 || s[i + 1] > 0x82 ||
        (s[i + 2] & 0xC0) != 0x80)
      return 0;
    unsigned cp = 0x2000 + ((unsigned)(s[i + 1] & 0x3F) << 6) +
                  (unsigned)(s[i + 2] & 0x3F);
    if (!((cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
          (cp >= 0x20A0 && cp <= 0x20BF)))
      return 0;
    i += 3;
  }
  return 1;
}

/* ASCII is already NFC and no ASCII character is ever decomposed or
 * composed with what precedes it, so only each run of non-ASCII bytes,
 * with the one character before it (a base letter may take a combining
 * mark: "e" + U+0301), goes through utf8proc: news text is mostly ASCII,
 * and normalising all of it was a twentieth of ingest. A run of
 * characters NFC never changes (nfc_inert) is copied as it is. */
cw_status cw_nfc_append(cw_buf *b, const char *s, size_t n) {
  size_t i = 0, done = 0; /* s[done, i) is copied as it is */
  while (i < n) {
    size_t j = i + ascii_run(s + i, n - i);
    if (j == n)
      break;
    /* s[i, j) is ASCII; s[j] starts a non-ASCII run, which takes the
     * character before it along */
    size_t from = j > i ? j - 1 : j;
    size_t k = j;
    while (k < n && (unsigned char)s[k] >= 0x80)
      k++;
    if (nfc_inert((const unsigned char *)s + j, k - j)) {
      i = k;
      continue;
    }
    cw_status st = cw_buf_append(b, s + done, from - done);
    if (!st)
      st = nfc_piece(s + from, k - from, b);
    if (st)
      return st;
    i = done = k;
  }
  return cw_buf_append(b, s + done, n - done);
}

/* Unicode NFC of s into doc. */
static cw_status nfc(const char *s, size_t n, const char *origin,
                     cw_document *doc, cw_error *err) {
  cw_buf b;
  cw_buf_init(&b, (size_t)-1);
  cw_status st = cw_nfc_append(&b, s, n);
  if (!st && b.err)
    st = b.err;
  if (st) {
    cw_buf_free(&b);
    return cw_error_set(err, st, 0, "%s: %s", origin,
                        st == CW_ERR_NOMEM ? "out of memory"
                                           : "invalid UTF-8");
  }
  doc->len = b.len;
  doc->text = cw_buf_detach(&b);
  return CW_OK;
}

/* Copies s replacing each invalid byte with U+FFFD. */
static char *replace_invalid(const char *s, size_t n, size_t *out_len) {
  const unsigned char *p = (const unsigned char *)s;
  char *out = malloc(n * 3 + 1);
  size_t o = 0, i = 0;
  if (!out)
    return NULL;
  while (i < n) {
    size_t k = p[i] < 0x80 ? 1 : utf8_seq(p + i, n - i);
    if (k) {
      memcpy(out + o, s + i, k);
      o += k;
      i += k;
    } else {
      memcpy(out + o, "\xEF\xBF\xBD", 3);
      o += 3;
      i++;
    }
  }
  out[o] = '\0';
  *out_len = o;
  return out;
}

/* s (n bytes in charset cs) as UTF-8 in a malloc'd NUL-terminated block
 * of *out_len bytes (at most 3 a byte of input), or NULL. lenient: a
 * byte iconv cannot convert becomes U+FFFD (the five bytes Windows-1252
 * leaves undefined); otherwise it fails the whole. */
static char *to_utf8(const char *s, size_t n, const char *cs, int lenient,
                     size_t *out_len) {
  iconv_t cd = iconv_open("UTF-8", cs);
  if (cd == (iconv_t)-1)
    return NULL;
  size_t cap = n * 3 + 1, left_out = cap - 1, left_in = n;
  char *out = malloc(cap);
  char *in = (char *)s, *o = out;
  while (out && left_in > 0) {
    if (iconv(cd, &in, &left_in, &o, &left_out) != (size_t)-1)
      continue;
    if (!lenient || (errno != EILSEQ && errno != EINVAL) || left_out < 3) {
      if (!lenient) {
        free(out);
        out = NULL;
      }
      break;
    }
    memcpy(o, "\xEF\xBF\xBD", 3);
    o += 3;
    left_out -= 3;
    in++;
    left_in--;
  }
  iconv_close(cd);
  if (out) {
    *o = '\0';
    *out_len = (size_t)(o - out);
  }
  return out;
}

/* The UTF-16 or UTF-32 encoding a byte order mark at s names (its length
 * in *bom), or NULL. Text saved as "Unicode" by Windows editors is UTF-16
 * with a mark; its NUL bytes are no sign of binary data. */
static const char *wide_bom(const unsigned char *s, size_t n, size_t *bom) {
  *bom = 4;
  if (n >= 4 && !memcmp(s, "\xFF\xFE\x00\x00", 4))
    return "UTF-32LE";
  if (n >= 4 && !memcmp(s, "\x00\x00\xFE\xFF", 4))
    return "UTF-32BE";
  *bom = 2;
  if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
    return "UTF-16LE";
  if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
    return "UTF-16BE";
  return NULL;
}

cw_status cw_document_decode(const char *bytes, size_t n, const char *origin,
                             cw_document *doc, cw_error *err) {
  memset(doc, 0, sizeof *doc);
  size_t bom;
  const char *wide = wide_bom((const unsigned char *)bytes, n, &bom);
  if (wide) {
    size_t len;
    char *utf8 = to_utf8(bytes + bom, n - bom, wide, 0, &len);
    if (!utf8)
      return cw_error_set(err, CW_ERR_CHARSET, 0,
                          "%s: starts with a %s byte order mark but is not "
                          "%s throughout", origin, wide, wide);
    /* then read as any UTF-8 input: a NUL in the text is still binary */
    cw_status st = cw_document_decode(utf8, len, origin, doc, err);
    free(utf8);
    if (!st)
      doc->charset = wide;
    return st;
  }
  doc->charset = "UTF-8";
  if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
    bytes += 3;
    n -= 3;
  }
  /* how many of each byte, then the classes: one pass of a few
   * instructions a byte */
  size_t count[256] = {0};
  for (size_t i = 0; i < n; i++)
    count[(unsigned char)bytes[i]]++;
  size_t nonspace = n, control = 0, nul = count[0], high = 0;
  for (unsigned c = 0; c < 256; c++) {
    if (cw_is_space((unsigned char)c))
      nonspace -= count[c];
    else if (c > 0 && c < 0x20)
      control += count[c];
    else if (c >= 0x80)
      high += count[c];
  }
  if (nonspace == 0)
    return cw_error_set(err, CW_ERR_EMPTY, 0, "%s: empty input, no text",
                        origin);
  if (nul > 0 || (double)control > CONTROL_MAX_RATIO * (double)n) {
    size_t at = 0;
    while (at < n && bytes[at] != 0)
      at++;
    return cw_error_set(err, CW_ERR_BINARY, nul ? at : 0,
                        "%s: binary data, not text (%s)", origin,
                        nul ? "NUL byte" : "control bytes");
  }
  size_t bad = high ? cw_utf8_invalid_count(bytes, n) : 0;
  cw_status st;
  if (bad == 0) {
    st = nfc(bytes, n, origin, doc, err);
  } else if ((double)bad <= BROKEN_UTF8_MAX_RATIO * (double)high &&
             bad <= 64 + n / 1000) {
    size_t len;
    char *fixed = replace_invalid(bytes, n, &len);
    if (!fixed)
      return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", origin);
    st = nfc(fixed, len, origin, doc, err);
    free(fixed);
    snprintf(doc->warning, sizeof doc->warning,
             "%s: %zu invalid UTF-8 byte%s replaced by U+FFFD", origin, bad,
             bad == 1 ? "" : "s");
  } else {
    size_t len;
    char *conv = to_utf8(bytes, n, "WINDOWS-1252", 1, &len);
    if (!conv)
      return cw_error_set(err, CW_ERR_CHARSET, 0,
                          "%s: cannot convert from Windows-1252", origin);
    st = nfc(conv, len, origin, doc, err);
    free(conv);
    doc->charset = "WINDOWS-1252";
  }
  if (st)
    return st;
  doc->format = cw_detect_format(doc->text, doc->len, origin);
  return CW_OK;
}

void cw_document_free(cw_document *doc) {
  free(doc->text);
  doc->text = NULL;
  doc->len = 0;
}

static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && cw_strncaseeq(s + a - b, suffix, b);
}

/* Bytes looked at to recognise a feed: the XML declaration, comments and a
 * DOCTYPE come before the root element, and JSON Feed's "version" may
 * follow a long "items" array in a badly ordered object, but we only look
 * near the top. */
#define FEED_SNIFF_BYTES 4096

/* A feed: an <rss>, <rdf:RDF> or <feed> root element (after the prolog),
 * or a JSON object naming https://jsonfeed.org/version/ as its version. */
static int looks_like_feed(const char *p, size_t n) {
  size_t k = n < FEED_SNIFF_BYTES ? n : FEED_SNIFF_BYTES;
  if (n && *p == '{') {
    static const char ver[] = "\"https://jsonfeed.org/version/";
    for (size_t j = 0; j + sizeof ver - 1 <= k; j++)
      if (memcmp(p + j, ver, sizeof ver - 1) == 0)
        return 1;
    return 0;
  }
  for (size_t j = 0; j + 1 < k; j++) {
    if (p[j] != '<')
      continue;
    if (p[j + 1] == '?' || p[j + 1] == '!') {
      const char *end = j + 4 <= k && !memcmp(p + j, "<!--", 4)
                            ? strstr(p + j, "-->")
                            : NULL;
      if (end)
        j = (size_t)(end - p);
      continue;
    }
    /* the root element */
    const char *name = p + j + 1;
    size_t left = n - j - 1;
    return (left >= 3 && !memcmp(name, "rss", 3) &&
            (left == 3 || !((name[3] | 32) >= 'a' && (name[3] | 32) <= 'z'))) ||
           (left >= 7 && !memcmp(name, "rdf:RDF", 7)) ||
           (left >= 4 && !memcmp(name, "feed", 4) &&
            (left == 4 || cw_is_space((unsigned char)name[4]) ||
             name[4] == '>'));
  }
  return 0;
}

cw_format cw_detect_format(const char *text, size_t len, const char *origin) {
  size_t i = 0;
  while (i < len && cw_is_space((unsigned char)text[i]))
    i++;
  const char *p = text + i;
  size_t n = len - i;
  if (origin && (ends_with(origin, ".jsonl") || ends_with(origin, ".ndjson")))
    return CW_FORMAT_JSONL;
  if (looks_like_feed(p, n))
    return CW_FORMAT_FEED;
  if (n && *p == '{')
    return CW_FORMAT_JSONL;
  if (n && *p == '<') {
    size_t k = n < 1024 ? n : 1024;
    for (size_t j = 0; j + 5 <= k; j++)
      if (cw_strncaseeq(p + j, "<html", 5) || cw_strncaseeq(p + j, "<!doc", 5) ||
          cw_strncaseeq(p + j, "<body", 5) || cw_strncaseeq(p + j, "<head", 5) ||
          cw_strncaseeq(p + j, "<p>", 3) || cw_strncaseeq(p + j, "<div", 4))
        return CW_FORMAT_HTML;
  }
  if (origin && (ends_with(origin, ".html") || ends_with(origin, ".htm")))
    return CW_FORMAT_HTML;
  return CW_FORMAT_TEXT;
}
