/* stem.c - the English Snowball stemmer behind a crosswire handle.
 *
 * libstemmer returns a pointer into its own state; we copy the stem into a
 * buffer of the handle so that the result is NUL-terminated and stays valid
 * until the next call whatever path produced it (stemmed, or passed through
 * unchanged because it was too long to be a word).
 *
 * Each handle memoises its stems: news text repeats its words, and a
 * Snowball run costs far more than a hash probe. The memo is an open
 * addressing table over (word, stem) pairs kept back to back in one pool;
 * it grows to STEM_MEMO_MAX_SLOTS and then starts over, so a handle's
 * memory stays bounded however much text it stems. cw_stemmer_thread()
 * keeps one handle per thread, so that the memo outlives one article.
 */
#include "text/text.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Slots of a new memo and at most: a power of two each; the memo holds at
 * most half as many entries (~12 bytes a slot, ~20 bytes of pool an
 * entry: under 300 KiB in all at the largest). */
#define STEM_MEMO_MIN_SLOTS 256
#define STEM_MEMO_MAX_SLOTS 8192

typedef struct memo_slot {
  uint32_t hash;
  uint32_t off; /* of the word in pool; its stem follows, NUL-terminated */
  uint16_t wn;  /* word bytes, 0 = empty slot */
  uint16_t sn;  /* stem bytes */
} memo_slot;

struct cw_stemmer {
  struct sb_stemmer *sb;
  cw_buf out; /* the last result */
  memo_slot *slots;
  size_t cap, count;
  cw_buf pool;
};

cw_stemmer *cw_stemmer_new(void) {
  cw_stemmer *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->sb = sb_stemmer_new("english", "UTF_8");
  if (!s->sb) {
    free(s);
    return NULL;
  }
  cw_buf_init(&s->out, 0);
  cw_buf_init(&s->pool, 0);
  return s;
}

void cw_stemmer_free(cw_stemmer *s) {
  if (!s)
    return;
  sb_stemmer_delete(s->sb);
  cw_buf_free(&s->out);
  cw_buf_free(&s->pool);
  free(s->slots);
  free(s);
}

/* The memo's hash: a hit costs little more than it, so eight bytes a
 * round (cw_hash32_fast) rather than FNV's one. */
static uint32_t memo_hash(const char *w, size_t n) {
  return cw_hash32_fast(w, n);
}

/* The slot of word [w, w + n) with hash h: its entry, or the empty slot
 * where it belongs. */
static inline memo_slot *memo_find(const cw_stemmer *s, const char *w,
                                   size_t n, uint32_t h) {
  size_t mask = s->cap - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    memo_slot *m = &s->slots[i];
    if (!m->wn ||
        (m->hash == h && m->wn == n && cw_mem_eq(s->pool.ptr + m->off, w, n)))
      return m;
  }
}

/* Makes room for one more entry: grows the table, or empties the memo
 * once it is as large as it may get. 0, or -1 without memory (the memo is
 * then left as it was). */
static int memo_room(cw_stemmer *s) {
  if (s->cap && (s->count + 1) * 2 <= s->cap)
    return 0;
  if (s->cap >= STEM_MEMO_MAX_SLOTS) {
    memset(s->slots, 0, s->cap * sizeof *s->slots);
    s->count = 0;
    cw_buf_reset(&s->pool);
    return 0;
  }
  size_t cap = s->cap ? s->cap * 2 : STEM_MEMO_MIN_SLOTS;
  memo_slot *old = s->slots;
  size_t old_cap = s->cap;
  if (!(s->slots = calloc(cap, sizeof *s->slots))) {
    s->slots = old;
    return -1;
  }
  s->cap = cap;
  for (size_t i = 0; i < old_cap; i++)
    if (old[i].wn)
      *memo_find(s, s->pool.ptr + old[i].off, old[i].wn, old[i].hash) = old[i];
  free(old);
  return 0;
}

/* Stems [word, word + n) into s->out with libstemmer; 0 or -1. */
static int stem_into_out(cw_stemmer *s, const char *word, size_t n) {
  cw_buf_reset(&s->out);
  if (n > CW_STEM_MAX_WORD) {
    /* too long to be an English word: pass it through unchanged */
    return cw_buf_append(&s->out, word, n) ? -1 : 0;
  }
  const sb_symbol *r = sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)n);
  if (!r)
    return -1;
  int rn = sb_stemmer_length(s->sb);
  if (rn < 0 || cw_buf_append(&s->out, (const char *)r, (size_t)rn))
    return -1;
  return 0;
}

/* cw_stem() for a word the memo does not hold (or that it cannot hold):
 * stems it with libstemmer, and memoises it when there is room. Kept out
 * of line so that a hit, the common case, saves no registers for it. */
__attribute__((noinline)) static const char *
stem_miss(cw_stemmer *s, const char *word, size_t n, size_t *out_len) {
  if (n == 0 || n > CW_STEM_MAX_WORD) {
    if (stem_into_out(s, word, n))
      return NULL;
    if (out_len)
      *out_len = s->out.len;
    return s->out.ptr;
  }
  if (stem_into_out(s, word, n))
    return NULL;
  /* memoise it when there is room; the result is in out either way */
  uint32_t h = memo_hash(word, n);
  size_t at = s->pool.len;
  if (s->out.len <= UINT16_MAX && at <= UINT32_MAX - n - s->out.len - 1 &&
      memo_room(s) == 0 && !cw_buf_append(&s->pool, word, n) &&
      !cw_buf_append(&s->pool, s->out.ptr, s->out.len) &&
      !cw_buf_putc(&s->pool, '\0')) {
    at = s->pool.len - n - s->out.len - 1; /* memo_room may have reset it */
    memo_slot *m = memo_find(s, word, n, h);
    m->hash = h;
    m->off = (uint32_t)at;
    m->wn = (uint16_t)n;
    m->sn = (uint16_t)s->out.len;
    s->count++;
  }
  if (out_len)
    *out_len = s->out.len;
  return s->out.ptr;
}

const char *cw_stem(cw_stemmer *s, const char *word, size_t n,
                    size_t *out_len) {
  if (n && n <= CW_STEM_MAX_WORD && s->cap) {
    const memo_slot *m = memo_find(s, word, n, memo_hash(word, n));
    if (m->wn) {
      if (out_len)
        *out_len = m->sn;
      return s->pool.ptr + m->off + m->wn;
    }
  }
  return stem_miss(s, word, n, out_len);
}

/* ---- one handle per thread ---------------------------------------------- */

/* The thread's handle: read through the C11 thread-local (which also keeps
 * it reachable for leak checkers), freed by the key's destructor when the
 * thread exits, and at exit() for the thread calling it (the main thread
 * runs no key destructors; and libstemmer's buffers are known by interior
 * pointers, which valgrind reports as possibly lost while they live). */
static _Thread_local cw_stemmer *thread_handle;

static void thread_handle_free(void *p) {
  cw_stemmer_free(p);
  thread_handle = NULL;
}

static cw_tls_kind handle_tls = CW_TLS_KIND(thread_handle_free);

cw_stemmer *cw_stemmer_thread(void) {
  if (thread_handle)
    return thread_handle;
  cw_stemmer *s = cw_stemmer_new();
  if (!s)
    return NULL;
  if (cw_tls_keep(&handle_tls, s)) {
    cw_stemmer_free(s);
    return NULL;
  }
  thread_handle = s;
  return s;
}
