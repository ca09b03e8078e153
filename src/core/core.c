/* core.c - buffers, arena, vectors, hashing, errors and file reading.
 *
 * These are the only allocation helpers in crosswire. cw_buf enforces a size
 * cap so that hostile input cannot make a buffer grow without bound; after
 * the first failed append a buffer ignores further appends and reports the
 * failure, so a long sequence of appends is checked once at the end.
 */
#include "core.h"

#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>

const char *cw_strerror(cw_status status) {
  switch (status) {
  case CW_OK:
    return "ok";
  case CW_ERR_NOMEM:
    return "out of memory";
  case CW_ERR_IO:
    return "input/output error";
  case CW_ERR_USAGE:
    return "invalid argument";
  case CW_ERR_FORMAT:
    return "unreadable format";
  case CW_ERR_TOO_BIG:
    return "input too large";
  case CW_ERR_EMPTY:
    return "empty input";
  case CW_ERR_BINARY:
    return "binary data, not text";
  case CW_ERR_STORE:
    return "archive error";
  case CW_ERR_NOT_FOUND:
    return "not found";
  case CW_ERR_CHARSET:
    return "cannot decode text";
  case CW_ERR_VERSION:
    return "archive from a newer version";
  }
  return "unknown error";
}

/* ---- cw_buf ------------------------------------------------------------ */

static char cw_empty_string[1];

void cw_buf_init(cw_buf *b, size_t max) {
  b->ptr = cw_empty_string;
  b->len = 0;
  b->cap = 0;
  b->max = max ? max : CW_BUF_DEFAULT_MAX;
  b->err = CW_OK;
}

void cw_buf_free(cw_buf *b) {
  if (b->cap)
    free(b->ptr);
  b->ptr = cw_empty_string;
  b->len = b->cap = 0;
  b->err = CW_OK;
}

void cw_buf_reset(cw_buf *b) {
  b->len = 0;
  if (b->cap)
    b->ptr[0] = '\0';
  b->err = CW_OK;
}

static cw_status buf_grow(cw_buf *b, size_t extra) {
  if (b->err)
    return b->err;
  if (extra > b->max || b->len > b->max - extra) {
    b->err = CW_ERR_TOO_BIG;
    return b->err;
  }
  size_t need = b->len + extra + 1;
  if (need <= b->cap)
    return CW_OK;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  char *p = realloc(b->cap ? b->ptr : NULL, cap);
  if (!p) {
    b->err = CW_ERR_NOMEM;
    return b->err;
  }
  if (!b->cap)
    p[0] = '\0';
  b->ptr = p;
  b->cap = cap;
  return CW_OK;
}

cw_status cw_buf_append(cw_buf *b, const char *s, size_t n) {
  if (buf_grow(b, n))
    return b->err;
  if (n)
    memcpy(b->ptr + b->len, s, n);
  b->len += n;
  b->ptr[b->len] = '\0';
  return CW_OK;
}

cw_status cw_buf_puts(cw_buf *b, const char *s) {
  return cw_buf_append(b, s, strlen(s));
}

cw_status cw_buf_putc(cw_buf *b, char c) { return cw_buf_append(b, &c, 1); }

cw_status cw_buf_vprintf(cw_buf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0)
    return b->err = CW_ERR_USAGE;
  if (buf_grow(b, (size_t)n))
    return b->err;
  vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
  return CW_OK;
}

cw_status cw_buf_printf(cw_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  cw_status st = cw_buf_vprintf(b, fmt, ap);
  va_end(ap);
  return st;
}

char *cw_buf_detach(cw_buf *b) {
  char *p;
  if (b->err) {
    cw_buf_free(b);
    return NULL;
  }
  if (b->cap) {
    p = b->ptr;
  } else {
    p = calloc(1, 1);
  }
  b->ptr = cw_empty_string;
  b->len = b->cap = 0;
  return p;
}

/* ---- arena ------------------------------------------------------------- */

/* memset(e, 0, n), without a call for the sizes of most vector elements
 * and arena allocations (8 to 128 bytes): stores of 8, 16 or 64 bytes,
 * the last ones overlapping. */
static void zero_small(void *e, size_t n) {
  unsigned char *p = e;
  static const unsigned char zero[64];
  if (n > 64 && n <= 128) {
    memcpy(p, zero, 64);
    memcpy(p + n - 64, zero, 64);
  } else if (n >= 16 && n <= 64) {
    memcpy(p, zero, 16);
    memcpy(p + n - 16, zero, 16);
    if (n > 32) {
      memcpy(p + 16, zero, 16);
      memcpy(p + n - 32, zero, 16);
    }
  } else if (n >= 8 && n < 16) {
    memcpy(p, zero, 8);
    memcpy(p + n - 8, zero, 8);
  } else {
    memset(p, 0, n);
  }
}

/* Blocks of 64 KiB; a larger request gets a block of its own. */
#define ARENA_BLOCK ((size_t)64 << 10)

struct arena_block {
  struct arena_block *next;
  size_t used, size;
  _Alignas(16) unsigned char data[];
};

struct cw_arena {
  struct arena_block *head;
};

cw_arena *cw_arena_new(void) { return calloc(1, sizeof(cw_arena)); }

void cw_arena_free(cw_arena *a) {
  if (!a)
    return;
  struct arena_block *b = a->head;
  while (b) {
    struct arena_block *next = b->next;
    free(b);
    b = next;
  }
  free(a);
}

/* arena_take() when the current block lacks room: a new block. Out of
 * line, so that the common case saves no registers for the call. */
__attribute__((noinline)) static void *arena_take_new(cw_arena *a, size_t n) {
  size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
  struct arena_block *b = malloc(sizeof(*b) + size);
  if (!b)
    return NULL;
  b->size = size;
  b->used = n;
  if (a->head && n > ARENA_BLOCK) {
    /* keep filling the current block: put the big one behind it */
    b->next = a->head->next;
    a->head->next = b;
  } else {
    b->next = a->head;
    a->head = b;
  }
  return b->data;
}

/* n bytes (a multiple of 16, not 0) of the arena, 16-aligned, not
 * zeroed. */
static inline void *arena_take(cw_arena *a, size_t n) {
  struct arena_block *b = a->head;
  if (!b || b->size - b->used < n)
    return arena_take_new(a, n);
  void *p = b->data + b->used;
  b->used += n;
  return p;
}

void *cw_arena_alloc(cw_arena *a, size_t n) {
  n = (n + 15) & ~(size_t)15;
  if (n == 0)
    n = 16;
  void *p = arena_take(a, n);
  if (p)
    zero_small(p, n);
  return p;
}

/* The copy's bytes are those cw_arena_alloc() and a copy over them would
 * give (the NUL and the padding to 16 bytes zero) without writing the
 * string's bytes twice: only its last 16 bytes are zeroed first. */
char *cw_arena_strndup(cw_arena *a, const char *s, size_t n) {
  if (n > SIZE_MAX - 16)
    return NULL;
  char *p = arena_take(a, (n + 16) & ~(size_t)15);
  if (!p)
    return NULL;
  memset(p + (n & ~(size_t)15), 0, 16);
  /* most copies are words: short ones in two overlapping moves, without
   * a call to memcpy (which cost more than the rest) */
  if (n >= 16 && n <= 32) {
    memcpy(p, s, 16);
    memcpy(p + n - 16, s + n - 16, 16);
  } else if (n >= 8 && n < 16) {
    uint64_t x, y;
    memcpy(&x, s, 8);
    memcpy(&y, s + n - 8, 8);
    memcpy(p, &x, 8);
    memcpy(p + n - 8, &y, 8);
  } else if (n >= 4 && n < 8) {
    uint32_t x, y;
    memcpy(&x, s, 4);
    memcpy(&y, s + n - 4, 4);
    memcpy(p, &x, 4);
    memcpy(p + n - 4, &y, 4);
  } else if (n && n < 4) {
    p[0] = s[0];
    p[n >> 1] = s[n >> 1];
    p[n - 1] = s[n - 1];
  } else if (n) {
    memcpy(p, s, n);
  }
  return p;
}

void *cw_arena_alloc_uninit(cw_arena *a, size_t n) {
  if (n == 0 || n > SIZE_MAX - 15)
    return n ? NULL : cw_arena_alloc(a, 0);
  size_t r = (n + 15) & ~(size_t)15;
  char *q = arena_take(a, r);
  if (q)
    memset(q + r - 16, 0, 16); /* the padding (and bytes the caller writes) */
  return q;
}

void *cw_arena_memdup(cw_arena *a, const void *p, size_t n) {
  void *q = cw_arena_alloc_uninit(a, n);
  if (q && n)
    memcpy(q, p, n);
  return q;
}

char *cw_arena_strdup(cw_arena *a, const char *s) {
  return s ? cw_arena_strndup(a, s, strlen(s)) : NULL;
}

/* ---- vector ------------------------------------------------------------ */

void cw_vec_init(cw_vec *v, size_t elem_size) {
  v->items = NULL;
  v->len = v->cap = 0;
  v->size = elem_size;
}

void cw_vec_free(cw_vec *v) {
  free(v->items);
  v->items = NULL;
  v->len = v->cap = 0;
}

void *cw_vec_push(cw_vec *v) {
  if (v->len == v->cap) {
    size_t cap = v->cap ? v->cap * 2 : 8;
    void *p = realloc(v->items, cap * v->size);
    if (!p)
      return NULL;
    v->items = p;
    v->cap = cap;
  }
  void *e = (char *)v->items + v->len * v->size;
  zero_small(e, v->size);
  v->len++;
  return e;
}

cw_status cw_vec_reserve(cw_vec *v, size_t n) {
  if (n <= v->cap)
    return CW_OK;
  if (!v->size || n > SIZE_MAX / v->size)
    return CW_ERR_NOMEM;
  void *p = realloc(v->items, n * v->size);
  if (!p)
    return CW_ERR_NOMEM;
  v->items = p;
  v->cap = n;
  return CW_OK;
}

/* Arrays of this many elements or fewer, of elements this large or
 * smaller, are sorted by insertion (cw_sort_stable()). */
#define SORT_SMALL_N 64
#define SORT_SMALL_SIZE 256

void cw_sort_stable(void *base, size_t n, size_t size,
                    int (*cmp)(const void *, const void *)) {
  unsigned char *a = base, tmp[SORT_SMALL_SIZE];
  if (n > SORT_SMALL_N || size > sizeof tmp) {
    qsort(base, n, size, cmp);
    return;
  }
  for (size_t i = 1; i < n; i++) {
    if (cmp(a + (i - 1) * size, a + i * size) <= 0)
      continue; /* in order already, the common case */
    /* past the elements greater than it, not the equal ones: stable */
    memcpy(tmp, a + i * size, size);
    size_t j = i;
    do {
      memcpy(a + j * size, a + (j - 1) * size, size);
      j--;
    } while (j > 0 && cmp(a + (j - 1) * size, tmp) > 0);
    memcpy(a + j * size, tmp, size);
  }
}

/* ---- strings ----------------------------------------------------------- */

uint64_t cw_hash64(const void *data, size_t n) {
  const unsigned char *p = data;
  uint64_t h = 1469598103934665603ULL;
  size_t i = 0;
  /* FNV-1a a byte at a time as ever, four a turn of the loop */
  for (; i + 4 <= n; i += 4) {
    h = (h ^ p[i]) * 1099511628211ULL;
    h = (h ^ p[i + 1]) * 1099511628211ULL;
    h = (h ^ p[i + 2]) * 1099511628211ULL;
    h = (h ^ p[i + 3]) * 1099511628211ULL;
  }
  for (; i < n; i++)
    h = (h ^ p[i]) * 1099511628211ULL;
  return h;
}

/* The "C" locale, made once; (locale_t)0 when it could not be, and the
 * program's locale is used. */
static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void c_locale_make(void) {
  c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

/* Switches this thread to the "C" locale; returns what to switch back
 * to, or (locale_t)0 when nothing was switched. */
static locale_t c_locale_enter(void) {
  pthread_once(&c_locale_once, c_locale_make);
  return c_locale ? uselocale(c_locale) : (locale_t)0;
}

double cw_strtod(const char *s, char **end) {
  locale_t old = c_locale_enter();
  double v = strtod(s, end);
  if (old)
    uselocale(old);
  return v;
}

int cw_snprintf_c(char *out, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  locale_t old = c_locale_enter();
  int r = vsnprintf(out, n, fmt, ap);
  if (old)
    uselocale(old);
  va_end(ap);
  return r;
}

size_t cw_fmt_int(char *out, long long v, int width) {
  char dig[24];
  size_t nd = 0, k = 0;
  unsigned long long u =
      v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
  do {
    dig[nd++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (width < 0)
    width = 0;
  if (width > 24)
    width = 24;
  if (v < 0) {
    out[k++] = '-';
    width--; /* the sign counts in the width */
  }
  for (int pad = width - (int)nd; pad > 0; pad--)
    out[k++] = '0';
  while (nd)
    out[k++] = dig[--nd];
  out[k] = '\0';
  return k;
}

char *cw_strndup(const char *s, size_t n) {
  char *p = malloc(n + 1);
  if (!p)
    return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *cw_strdup(const char *s) { return s ? cw_strndup(s, strlen(s)) : NULL; }

int cw_is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

void cw_trim(const char **s, size_t *n) {
  while (*n && cw_is_space((unsigned char)**s)) {
    (*s)++;
    (*n)--;
  }
  while (*n && cw_is_space((unsigned char)(*s)[*n - 1]))
    (*n)--;
}

int cw_starts_with(const char *s, size_t n, const char *prefix) {
  size_t k = strlen(prefix);
  return n >= k && memcmp(s, prefix, k) == 0;
}

int cw_strncaseeq(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
    if (x >= 'A' && x <= 'Z')
      x = (unsigned char)(x + 32);
    if (y >= 'A' && y <= 'Z')
      y = (unsigned char)(y + 32);
    if (x != y)
      return 0;
    if (!x)
      return 1;
  }
  return 1;
}

/* ---- errors ------------------------------------------------------------ */

cw_status cw_error_set(cw_error *err, cw_status code, size_t offset,
                       const char *fmt, ...) {
  if (err) {
    va_list ap;
    err->code = code;
    err->offset = offset;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
  }
  return code;
}

/* ---- files ------------------------------------------------------------- */

cw_status cw_read_file(const char *path, size_t max, cw_buf *b,
                       cw_error *err) {
  struct stat st;
  FILE *f = fopen(path, "rb");
  if (!f)
    return cw_error_set(err, errno == ENOENT ? CW_ERR_NOT_FOUND : CW_ERR_IO,
                        0, "%s: %s", path, strerror(errno));
  if (fstat(fileno(f), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      fclose(f);
      return cw_error_set(err, CW_ERR_IO, 0, "%s: is a directory", path);
    }
    if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > (uint64_t)max) {
      fclose(f);
      return cw_error_set(err, CW_ERR_TOO_BIG, 0,
                          "%s: file of %lld bytes exceeds the limit of %zu "
                          "bytes",
                          path, (long long)st.st_size, max);
    }
    /* room for the whole file at once: a buffer doubled from 64 bytes is
     * copied a dozen times, and an allocator that does not move large
     * blocks in place (mimalloc; glibc's mremap does) faults in each new
     * copy: a 5 MB input of JSON lines took 1,850 more page faults */
    if (S_ISREG(st.st_mode) && st.st_size > 0 &&
        buf_grow(b, (size_t)st.st_size)) {
      fclose(f);
      return cw_error_set(err, b->err, 0, "%s: %s", path,
                          cw_strerror(b->err));
    }
  }
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (b->len + n > max) {
      fclose(f);
      return cw_error_set(err, CW_ERR_TOO_BIG, 0,
                          "%s: input exceeds the limit of %zu bytes", path,
                          max);
    }
    if (cw_buf_append(b, chunk, n)) {
      fclose(f);
      return cw_error_set(err, b->err, 0, "%s: %s", path,
                          cw_strerror(b->err));
    }
  }
  int failed = ferror(f);
  int e = errno;
  fclose(f);
  if (failed)
    return cw_error_set(err, CW_ERR_IO, 0, "%s: %s", path, strerror(e));
  return CW_OK;
}

/* Sorts v[0..n) ascending: quicksort on the median of three with
 * insertion sort for short runs, the compares inline. */
void cw_sort_u64(uint64_t *v, size_t n) {
  while (n > 16) {
    uint64_t a = v[0], b = v[n / 2], c = v[n - 1];
    uint64_t p = a < b ? (b < c ? b : (a < c ? c : a))
                       : (a < c ? a : (b < c ? c : b));
    size_t i = 0, j = n - 1;
    for (;;) { /* Hoare partition: v[0..i) <= p <= v(j..n) */
      while (v[i] < p)
        i++;
      while (v[j] > p)
        j--;
      if (i >= j)
        break;
      uint64_t t = v[i];
      v[i++] = v[j];
      v[j--] = t;
    }
    /* recurse into the smaller side, loop on the larger */
    size_t left = j + 1;
    if (left < n - left) {
      cw_sort_u64(v, left);
      v += left;
      n -= left;
    } else {
      cw_sort_u64(v + left, n - left);
      n = left;
    }
  }
  for (size_t i = 1; i < n; i++) {
    uint64_t x = v[i];
    size_t k = i;
    for (; k > 0 && v[k - 1] > x; k--)
      v[k] = v[k - 1];
    v[k] = x;
  }
}

/* ---- per-thread objects ---------------------------------------------- */

/* Kinds of per-thread object: a few caches and handles. */
#define TLS_KINDS 16

static pthread_mutex_t tls_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_key_t tls_keys[TLS_KINDS];
static cw_tls_kind *tls_kinds[TLS_KINDS];
static int tls_n;

/* At exit: the exiting thread's objects (no key destructor runs for it). */
static void tls_release_at_exit(void) {
  pthread_mutex_lock(&tls_lock);
  int n = tls_n;
  pthread_mutex_unlock(&tls_lock);
  for (int i = 0; i < n; i++) {
    void *obj = pthread_getspecific(tls_keys[i]);
    if (obj) {
      pthread_setspecific(tls_keys[i], NULL);
      tls_kinds[i]->release(obj);
    }
  }
}

int cw_tls_keep(cw_tls_kind *k, void *obj) {
  pthread_mutex_lock(&tls_lock);
  if (k->slot == 0) {
    k->slot = -1;
    if (tls_n < TLS_KINDS &&
        pthread_key_create(&tls_keys[tls_n], k->release) == 0) {
      if (tls_n == 0)
        atexit(tls_release_at_exit);
      tls_kinds[tls_n] = k;
      k->slot = ++tls_n;
    }
  }
  int slot = k->slot;
  pthread_mutex_unlock(&tls_lock);
  return slot > 0 && pthread_setspecific(tls_keys[slot - 1], obj) == 0 ? 0 : -1;
}

void *cw_zalloc_big(size_t n, size_t size) {
  if (size && n > SIZE_MAX / size)
    return NULL;
  void *p = calloc(n ? n : 1, size ? size : 1);
#ifdef MADV_HUGEPAGE
  /* glibc gives a block this big a fresh mapping of its own, zeroed by the
   * kernel on first touch and not yet touched */
  const uintptr_t huge = (uintptr_t)2 << 20;
  if (p && size && n >= huge / size) {
    uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1);
    uintptr_t e = ((uintptr_t)p + n * size) & ~(huge - 1);
    if (e > a)
      madvise((void *)a, e - a, MADV_HUGEPAGE); /* advice: fine if refused */
  }
#endif
  return p;
}

double cw_thread_cpu_seconds(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts))
    return 0;
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void *cw_tls_zalloc(cw_tls_kind *k, size_t size) {
  void *obj = cw_zalloc_big(1, size);
  if (obj && cw_tls_keep(k, obj)) {
    free(obj);
    obj = NULL;
  }
  return obj;
}
