/* core.h - the small toolbox every other module builds on.
 *
 * cw_buf: one growable byte buffer with a size cap fixed at creation; it
 * always keeps a NUL after its content, and once an append fails it stays
 * failed so callers check once at the end (git strbuf, sqlite3_str).
 * cw_arena: bump allocator that owns everything a parsed document produces,
 * freed at once.
 * cw_vec: growable array of fixed-size elements.
 * Errors: cw_status codes and cw_error_set() to fill an optional cw_error.
 */
#ifndef CW_CORE_H
#define CW_CORE_H

#include "crosswire.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- growable buffer -------------------------------------------------- */

typedef struct cw_buf {
  char *ptr;     /* NUL-terminated content, never NULL after init */
  size_t len;    /* bytes of content, not counting the NUL */
  size_t cap;    /* bytes allocated */
  size_t max;    /* size cap: appends beyond it fail */
  cw_status err; /* first failure, CW_OK while healthy */
} cw_buf;

/* Default cap of a buffer when the caller names none: 256 MiB. */
#define CW_BUF_DEFAULT_MAX ((size_t)256 << 20)

void cw_buf_init(cw_buf *b, size_t max);
void cw_buf_free(cw_buf *b);
void cw_buf_reset(cw_buf *b);
cw_status cw_buf_append(cw_buf *b, const char *s, size_t n);
cw_status cw_buf_puts(cw_buf *b, const char *s);
cw_status cw_buf_putc(cw_buf *b, char c);
cw_status cw_buf_printf(cw_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
cw_status cw_buf_vprintf(cw_buf *b, const char *fmt, va_list ap);
/* Takes the content: the caller frees the returned string with free(). */
char *cw_buf_detach(cw_buf *b);

/* ---- arena ------------------------------------------------------------ */

typedef struct cw_arena cw_arena;

cw_arena *cw_arena_new(void);
void cw_arena_free(cw_arena *a);
void *cw_arena_alloc(cw_arena *a, size_t n); /* zeroed, 16-aligned */
char *cw_arena_strndup(cw_arena *a, const char *s, size_t n);
char *cw_arena_strdup(cw_arena *a, const char *s); /* NULL stays NULL */
/* A copy of the n bytes at p (n > 0), 16-aligned: the bytes cw_arena_alloc()
 * and a memcpy() over them would give (the padding to 16 zero), written once. */
void *cw_arena_memdup(cw_arena *a, const void *p, size_t n);
/* n bytes (n > 0), 16-aligned, not zeroed but for the padding to 16: for
 * an array the caller writes whole. */
void *cw_arena_alloc_uninit(cw_arena *a, size_t n);

/* ---- vector ----------------------------------------------------------- */

typedef struct cw_vec {
  void *items;
  size_t len, cap, size; /* size: bytes per element */
} cw_vec;

void cw_vec_init(cw_vec *v, size_t elem_size);
void cw_vec_free(cw_vec *v);
/* Appends one zeroed element and returns it, or NULL when out of memory. */
void *cw_vec_push(cw_vec *v);
/* Makes room for n elements in all (those held included), so that pushes
 * up to n do not move them. CW_OK or CW_ERR_NOMEM (v then unchanged). */
cw_status cw_vec_reserve(cw_vec *v, size_t n);
#define CW_VEC_AT(v, type, i) (((type *)(v)->items)[i])

/* qsort(base, n, size, cmp), stable (as glibc's merge sort is): elements
 * that compare equal keep their order. A short array (the few dozen
 * mentions or facts of an article, often nearly in order already) is
 * sorted by insertion without a call to qsort. */
void cw_sort_stable(void *base, size_t n, size_t size,
                    int (*cmp)(const void *, const void *));

/* ---- strings and hashing ---------------------------------------------- */

uint64_t cw_hash64(const void *data, size_t n); /* FNV-1a, 64 bit */
/* FNV-1a, 32 bit, inline: the hash of the small open-addressing word
 * tables (lexicon, stopwords, stem memo), one per token on hot paths. */
static inline uint32_t cw_hash32(const void *data, size_t n) {
  const unsigned char *p = data;
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ p[i]) * 16777619u;
  return h;
}
/* A 32-bit hash of [data, data + n) eight bytes a round rather than FNV's
 * one, the last load overlapping the one before, seeded with the length:
 * for the in-memory caches whose hashes are never stored (stem memo,
 * gazetteer cache), where FNV was most of a hit. Reads only the n bytes. */
static inline uint32_t cw_hash32_fast(const void *data, size_t n) {
  const unsigned char *p = data;
  const uint64_t k = 0x9E3779B97F4A7C15ULL;
  uint64_t h = (uint64_t)n * k, v = 0;
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) {
      memcpy(&v, p + i, 8);
      h = (h ^ v) * k;
      h ^= h >> 29;
    }
    memcpy(&v, p + n - 8, 8);
  } else if (n >= 4) {
    uint32_t x, y;
    memcpy(&x, p, 4);
    memcpy(&y, p + n - 4, 4);
    v = (uint64_t)x << 32 | y;
  } else if (n) {
    v = (uint64_t)p[0] << 16 | (uint64_t)p[n >> 1] << 8 | p[n - 1];
  }
  h = (h ^ v) * k;
  /* a product's low bits see only the low bits of its factor: the high
   * half is folded down and multiplied again, and the top half taken */
  h = (h ^ (h >> 32)) * k;
  return (uint32_t)(h >> 32);
}
/* memcmp(a, b, n) == 0, inline and call-free for the short keys of the
 * hot word tables (a call to memcmp, and the registers it made the caller
 * save, were half of a lookup): eight bytes a load, the last load
 * overlapping the one before. Reads only the n bytes of a and of b. */
static inline int cw_mem_eq(const void *a, const void *b, size_t n) {
  const unsigned char *p = a, *q = b;
  if (n >= 8) {
    uint64_t x, y;
    for (size_t i = 0; i + 8 < n; i += 8) {
      memcpy(&x, p + i, 8);
      memcpy(&y, q + i, 8);
      if (x != y)
        return 0;
    }
    memcpy(&x, p + n - 8, 8);
    memcpy(&y, q + n - 8, 8);
    return x == y;
  }
  if (n >= 4) {
    uint32_t x, y, u, v;
    memcpy(&x, p, 4);
    memcpy(&y, q, 4);
    memcpy(&u, p + n - 4, 4);
    memcpy(&v, q + n - 4, 4);
    return ((x ^ y) | (u ^ v)) == 0;
  }
  /* 0 to 3 bytes: the first, middle and last cover them */
  return n == 0 || (p[0] == q[0] && p[n >> 1] == q[n >> 1] &&
                    p[n - 1] == q[n - 1]);
}
/* Sorts v[0..n) ascending, in place: for the hot sorts of ids and hashes,
 * where qsort's call per compare was most of the cost (a third of finding
 * copies, a tenth of an article's ingest in candidate counting). */
void cw_sort_u64(uint64_t *v, size_t n);
char *cw_strndup(const char *s, size_t n);      /* malloc'd; NULL on OOM */
/* v in decimal as printf("%0*lld", width, v) writes it (width clamped
 * to 0..24), NUL-terminated into out (room for 48 bytes); returns the
 * length. For hot formatting paths, where snprintf costs a thousand
 * instructions a call. */
size_t cw_fmt_int(char *out, long long v, int width);
char *cw_strdup(const char *s);                 /* NULL stays NULL */
/* strtod and snprintf in the "C" locale, whatever locale the program
 * that embeds crosswire has set (LC_NUMERIC): stored and printed numbers
 * ("9.25%", JSON) and parsed ones take a point, never a comma. */
double cw_strtod(const char *s, char **end);
int cw_snprintf_c(char *out, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int cw_is_space(unsigned char c);               /* ASCII white space */
/* Trims ASCII white space from both ends of [*s, *s + *n). */
void cw_trim(const char **s, size_t *n);
int cw_starts_with(const char *s, size_t n, const char *prefix);
int cw_strncaseeq(const char *a, const char *b, size_t n);

/* ---- errors ----------------------------------------------------------- */

/* Fills err (when not NULL) and returns code. */
cw_status cw_error_set(cw_error *err, cw_status code, size_t offset,
                       const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* ---- files ------------------------------------------------------------ */

/* Reads a whole regular file of at most max bytes into b. Errors name
 * the path: CW_ERR_IO (cannot open/read, with errno text), CW_ERR_TOO_BIG. */
cw_status cw_read_file(const char *path, size_t max, cw_buf *b,
                       cw_error *err);

/* ---- large tables ------------------------------------------------------ */

/* A zeroed array of n elements of size bytes for a table read and written
 * at random (a hash table), released with free(); NULL without memory or
 * when n * size overflows. The whole 2 MiB pages inside a block of 2 MiB
 * and more are marked for the kernel to back with 2 MiB pages where it can
 * (MADV_HUGEPAGE): a table touched at random otherwise costs a page fault
 * per 4 KiB page it touches (12-15 us each on the machines we measure on;
 * 1,600 random touches of a 24 MiB table fault in 1,412 pages). Nothing is
 * touched here: where the kernel gives no huge pages it costs what calloc
 * does. */
void *cw_zalloc_big(size_t n, size_t size);

/* The calling thread's CPU time (user and system), in seconds; 0 where
 * the clock is missing. */
double cw_thread_cpu_seconds(void);

/* ---- per-thread objects ---------------------------------------------- */

/* A kind of object that each thread makes for itself on first use (a
 * cache, a library handle) and reads through a C11 thread-local pointer
 * (which also keeps it reachable for leak checkers). release() frees one
 * when its thread ends, and at exit() for the thread calling exit, since
 * the main thread runs no thread-key destructors. */
typedef struct cw_tls_kind {
  void (*release)(void *obj);
  int slot; /* core.c's: 0 before first use, then its key + 1, -1 none */
} cw_tls_kind;
#define CW_TLS_KIND(release) {release, 0}

/* Makes obj the calling thread's object of kind k, to be released as
 * above; 0, or -1 when no thread key could be had (obj is then the
 * caller's to free). */
int cw_tls_keep(cw_tls_kind *k, void *obj);
/* A zeroed block of size bytes kept as the calling thread's object of
 * kind k (released with free() by k's release, which may do more), or
 * NULL without memory or key. */
void *cw_tls_zalloc(cw_tls_kind *k, size_t size);

#endif
