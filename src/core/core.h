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
