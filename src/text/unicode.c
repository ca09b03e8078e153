/* unicode.c - character classes, case folding and NFC for the text layer.
 *
 * All Unicode knowledge comes from utf8proc (categories, case folding,
 * composition); this file only adds an ASCII fast path, because news text
 * is mostly ASCII and folding is done once per token, and maps utf8proc's
 * errors onto cw_status.
 */
#include "text/text_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>

size_t cw_text_decode(const char *s, size_t len, size_t i, int32_t *cp) {
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  utf8proc_int32_t v = -1;
  size_t avail = len - i;
  /* utf8proc_ssize_t is signed: bound the length we hand it */
  if (avail > 4)
    avail = 4;
  utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                        (utf8proc_ssize_t)avail, &v);
  if (n <= 0 || v < 0) {
    *cp = -1;
    return 1;
  }
  *cp = v;
  return (size_t)n;
}

/* Controls and the space are SPACE, letters LOWER or UPPER, digits DIGIT,
 * the rest OTHER. */
#define S CW_CC_SPACE
#define O CW_CC_OTHER
#define D CW_CC_DIGIT
#define U CW_CC_UPPER
#define L CW_CC_LOWER
const unsigned char cw_text_ascii_class[128] = {
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, /* 0x00 */
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, /* 0x10 */
    S, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, /* ' ' to '/' */
    D, D, D, D, D, D, D, D, D, D, O, O, O, O, O, O, /* '0' to '?' */
    O, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, /* '@' to 'O' */
    U, U, U, U, U, U, U, U, U, U, U, O, O, O, O, O, /* 'P' to '_' */
    O, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* '`' to 'o' */
    L, L, L, L, L, L, L, L, L, L, L, O, O, O, O, S  /* 'p' to DEL */
};
#undef S
#undef O
#undef D
#undef U
#undef L

int cw_text_class(int32_t cp) {
  if (cp < 0)
    return CW_CC_INVALID;
  if (cp < 0x80)
    return cw_text_ascii_class[cp];
  /* zero-width space, word joiner and BOM separate nothing visible */
  if (cp == 0x200B || cp == 0x2060 || cp == 0xFEFF)
    return CW_CC_SPACE;
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LL:
    return CW_CC_LOWER;
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LT:
    return CW_CC_UPPER;
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
  case UTF8PROC_CATEGORY_NL:
    return CW_CC_LETTER;
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME:
  case UTF8PROC_CATEGORY_CF:
    return CW_CC_MARK;
  case UTF8PROC_CATEGORY_ND:
    return CW_CC_DIGIT;
  case UTF8PROC_CATEGORY_ZS:
  case UTF8PROC_CATEGORY_ZL:
  case UTF8PROC_CATEGORY_ZP:
  case UTF8PROC_CATEGORY_CC:
    return CW_CC_SPACE;
  default:
    return CW_CC_OTHER;
  }
}

int cw_text_class_at(const char *s, size_t len, size_t i, size_t *n) {
  int32_t cp;
  size_t k = cw_text_decode(s, len, i, &cp);
  if (n)
    *n = k;
  return cw_text_class(cp);
}

size_t cw_text_space_len(const char *s, size_t len, size_t i) {
  if (i >= len)
    return 0;
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80)
    return cw_tx_is_space(c) ? 1 : 0;
  size_t n;
  return cw_text_class_at(s, len, i, &n) == CW_CC_SPACE ? n : 0;
}

size_t cw_text_space_len_before(const char *s, size_t i) {
  if (i == 0)
    return 0;
  unsigned char c = (unsigned char)s[i - 1];
  if (c < 0x80)
    return cw_tx_is_space(c) ? 1 : 0;
  /* step back to the lead byte of the last code point (at most 4 bytes) */
  size_t k = i - 1, steps = 0;
  while (k > 0 && steps < 3 && ((unsigned char)s[k] & 0xC0) == 0x80) {
    k--;
    steps++;
  }
  size_t n;
  if (cw_text_class_at(s, i, k, &n) == CW_CC_SPACE && k + n == i)
    return n;
  return 0;
}

int cw_text_letter_case(const char *s, size_t n, size_t *cp_len) {
  if (n == 0) {
    if (cp_len)
      *cp_len = 0;
    return 0;
  }
  size_t k;
  int cc = cw_text_class_at(s, n, 0, &k);
  if (cp_len)
    *cp_len = k;
  if (cc == CW_CC_UPPER)
    return 2;
  if (cc == CW_CC_LOWER || cc == CW_CC_LETTER)
    return 1;
  return 0;
}

static cw_status map_status(utf8proc_ssize_t rc) {
  return rc == UTF8PROC_ERROR_NOMEM ? CW_ERR_NOMEM : CW_ERR_CHARSET;
}

/* utf8proc takes a signed length; larger inputs are refused, not cut */
static int too_long(size_t n) { return n > (size_t)(SSIZE_MAX / 4); }

/* ---- the thread's cache of folds ------------------------------------------
 *
 * utf8proc_map() costs some thousands of instructions a call, and the
 * non-ASCII words and names of news repeat from article to article ("São
 * Paulo", "Ołena"): each thread keeps the folds of the short ones it made
 * last, direct-mapped by hash (a word evicts the one in its slot). A fold
 * is a function of the bytes alone, so a hit gives what the call would. */
#define FOLD_CACHE_SLOTS 256
#define FOLD_CACHE_BYTES 46 /* longer inputs or folds are not kept */

typedef struct fold_entry {
  uint32_t hash;    /* cw_hash32_fast() of s */
  unsigned char n;  /* bytes of s; 0: empty */
  unsigned char fn; /* bytes of f */
  char s[FOLD_CACHE_BYTES], f[FOLD_CACHE_BYTES];
} fold_entry;

typedef struct fold_cache {
  fold_entry e[FOLD_CACHE_SLOTS];
} fold_cache;

static _Thread_local fold_cache *thread_folds;

static void folds_free(void *p) {
  free(p);
  thread_folds = NULL;
}

static cw_tls_kind folds_tls = CW_TLS_KIND(folds_free);

cw_status cw_text_fold(const char *s, size_t n, cw_buf *out) {
  size_t i;
  for (i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80)
      break;
  if (i == n) {
    /* ASCII: folding is lower-casing, and NFC changes nothing */
    size_t at = out->len;
    if (cw_buf_append(out, s, n))
      return out->err;
    for (size_t k = at; k < out->len; k++)
      if (out->ptr[k] >= 'A' && out->ptr[k] <= 'Z')
        out->ptr[k] = (char)(out->ptr[k] + 32);
    return CW_OK;
  }
  if (too_long(n))
    return CW_ERR_TOO_BIG;
  fold_entry *e = NULL;
  uint32_t h = 0;
  if (n <= FOLD_CACHE_BYTES) {
    fold_cache *fc = thread_folds;
    if (!fc)
      fc = thread_folds = cw_tls_zalloc(&folds_tls, sizeof *fc);
    if (fc) { /* (without memory: uncached) */
      h = cw_hash32_fast(s, n);
      e = &fc->e[h & (FOLD_CACHE_SLOTS - 1)];
      if (e->n == n && e->hash == h && cw_mem_eq(e->s, s, n))
        return cw_buf_append(out, e->f, e->fn);
    }
  }
  utf8proc_uint8_t *dst = NULL;
  utf8proc_ssize_t rc =
      utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &dst,
                   UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
  if (rc < 0)
    return map_status(rc);
  if (e && (size_t)rc <= FOLD_CACHE_BYTES) {
    e->hash = h;
    e->n = (unsigned char)n;
    e->fn = (unsigned char)rc;
    memcpy(e->s, s, n);
    memcpy(e->f, dst, (size_t)rc);
  }
  cw_status st = cw_buf_append(out, (const char *)dst, (size_t)rc);
  free(dst);
  return st;
}

cw_status cw_text_nfc(const char *s, size_t n, char **out, size_t *out_len) {
  *out = NULL;
  if (too_long(n))
    return CW_ERR_TOO_BIG;
  if (n == 0) {
    *out = calloc(1, 1);
    if (!*out)
      return CW_ERR_NOMEM;
    if (out_len)
      *out_len = 0;
    return CW_OK;
  }
  utf8proc_uint8_t *dst = NULL;
  utf8proc_ssize_t rc =
      utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &dst,
                   UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  if (rc < 0)
    return map_status(rc);
  *out = (char *)dst;
  if (out_len)
    *out_len = (size_t)rc;
  return CW_OK;
}
