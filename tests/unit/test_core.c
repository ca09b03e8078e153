/* test_core.c - buffers with caps, the arena, vectors and UTC dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/core.h"
#include "core/time.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void buf_appends_and_keeps_nul(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 0);
  assert_string_equal(b.ptr, "");
  cw_buf_puts(&b, "Harbor ");
  cw_buf_printf(&b, "%d ships", 12);
  assert_string_equal(b.ptr, "Harbor 12 ships");
  assert_int_equal(b.len, 15);
  cw_buf_free(&b);
}

static void buf_cap_fails_and_stays_failed(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 8);
  assert_int_equal(cw_buf_puts(&b, "12345678"), CW_OK);
  assert_int_equal(cw_buf_putc(&b, '9'), CW_ERR_TOO_BIG);
  /* later appends that would fit are refused too: checked once at the end */
  cw_buf_reset(&b);
  b.err = CW_ERR_TOO_BIG;
  assert_int_equal(cw_buf_puts(&b, "a"), CW_ERR_TOO_BIG);
  assert_null(cw_buf_detach(&b));
}

/* A new arena whose next allocation comes after lead bytes, over memory
 * written with 0xA5 before: a block is dirtied through a zeroed
 * allocation, freed, and taken again by the next arena (allocations of
 * one arena are consecutive within a block). */
static cw_arena *dirty_arena(size_t lead) {
  cw_arena *a = cw_arena_new();
  assert_non_null(a);
  if (lead)
    assert_non_null(cw_arena_alloc(a, lead));
  unsigned char *dirty = cw_arena_alloc(a, 128);
  assert_non_null(dirty);
  memset(dirty, 0xA5, 128);
  cw_arena_free(a);
  a = cw_arena_new();
  assert_non_null(a);
  if (lead)
    assert_non_null(cw_arena_alloc(a, lead));
  return a;
}

/* A copy is its bytes, a NUL and zero bytes up to the next multiple of
 * 16 (code reads words 8 bytes at a time up to there), as a zeroed
 * allocation would give, in memory that was dirty before: each copy is
 * made over bytes written with 0xA5, at every length and offset of a
 * block, and the next allocation starts right after its padding. */
static void arena_strndup_pads_with_zeros(void **state) {
  (void)state;
  char src[80];
  for (size_t k = 0; k < sizeof src; k++)
    src[k] = (char)('a' + k % 26);
  for (size_t lead = 0; lead < 48; lead += 16)
    for (size_t n = 0; n < 64; n++) {
      cw_arena *a = dirty_arena(lead);
      char *p = cw_arena_strndup(a, src, n);
      assert_non_null(p);
      assert_int_equal((uintptr_t)p % 16, 0);
      assert_memory_equal(p, src, n);
      size_t padded = (n + 16) & ~(size_t)15;
      for (size_t k = n; k < padded; k++)
        assert_int_equal((unsigned char)p[k], 0);
      unsigned char *next = cw_arena_alloc(a, 1);
      assert_ptr_equal(next, (unsigned char *)p + padded);
      assert_int_equal(next[0], 0);
      cw_arena_free(a);
    }
}

/* cw_arena_memdup() gives what cw_arena_alloc() and a memcpy() over it
 * give: the bytes, zero padding up to 16 and the next allocation right
 * after, in memory dirtied before (as above); cw_arena_alloc_uninit()
 * the same room, its padding zero. */
static void arena_memdup_matches_alloc_and_copy(void **state) {
  (void)state;
  unsigned char src[80];
  for (size_t k = 0; k < sizeof src; k++)
    src[k] = (unsigned char)(0x31 + k);
  for (int uninit = 0; uninit < 2; uninit++)
    for (size_t lead = 0; lead < 48; lead += 16)
      for (size_t n = 1; n < 70; n++) {
        cw_arena *a = dirty_arena(lead);
        unsigned char *p;
        if (uninit) {
          p = cw_arena_alloc_uninit(a, n);
          assert_non_null(p);
          memcpy(p, src, n);
        } else {
          p = cw_arena_memdup(a, src, n);
          assert_non_null(p);
        }
        assert_int_equal((uintptr_t)p % 16, 0);
        assert_memory_equal(p, src, n);
        size_t padded = (n + 15) & ~(size_t)15;
        for (size_t k = n; k < padded; k++)
          assert_int_equal(p[k], 0);
        unsigned char *next = cw_arena_alloc(a, 1);
        assert_ptr_equal(next, p + padded);
        assert_int_equal(next[0], 0);
        cw_arena_free(a);
      }
}

/* cw_hash64() is FNV-1a's loop with its own offset basis (hashes may be
 * kept): equal to a byte-at-a-time reference at every length up to 40 and
 * every start (the loop takes four bytes a turn), and to fixed values. */
static void hash64_is_fnv1a(void **state) {
  (void)state;
  assert_true(cw_hash64("", 0) == 1469598103934665603ULL);
  assert_true(cw_hash64("a", 1) == ((1469598103934665603ULL ^ 'a') *
                                    1099511628211ULL));
  unsigned char buf[48];
  for (size_t k = 0; k < sizeof buf; k++)
    buf[k] = (unsigned char)(k * 37 + 11);
  for (size_t off = 0; off < 4; off++)
    for (size_t n = 0; n <= 40; n++) {
      uint64_t h = 1469598103934665603ULL;
      for (size_t k = 0; k < n; k++)
        h = (h ^ buf[off + k]) * 1099511628211ULL;
      assert_true(cw_hash64(buf + off, n) == h);
    }
}

static void arena_strings_survive_many_blocks(void **state) {
  (void)state;
  cw_arena *a = cw_arena_new();
  char *first = cw_arena_strdup(a, "Meridian Wire");
  for (int i = 0; i < 10000; i++)
    assert_non_null(cw_arena_alloc(a, 100));
  char *big = cw_arena_alloc(a, 1 << 20);
  assert_non_null(big);
  assert_string_equal(first, "Meridian Wire");
  assert_null(cw_arena_strdup(a, NULL));
  cw_arena_free(a);
  cw_arena_free(NULL);
}

/* cw_vec_reserve makes room once: pushes up to it keep the items in
 * place; a smaller request changes nothing; an impossible one fails and
 * leaves the vector as it was. */
static void vec_reserve(void **state) {
  (void)state;
  cw_vec v;
  cw_vec_init(&v, sizeof(int));
  *(int *)cw_vec_push(&v) = 7;
  assert_int_equal(cw_vec_reserve(&v, 100), CW_OK);
  assert_true(v.cap >= 100);
  assert_int_equal(v.len, 1);
  assert_int_equal(CW_VEC_AT(&v, int, 0), 7);
  void *items = v.items;
  for (int i = 1; i < 100; i++)
    *(int *)cw_vec_push(&v) = i;
  assert_ptr_equal(v.items, items);
  assert_int_equal(CW_VEC_AT(&v, int, 0), 7);
  assert_int_equal(CW_VEC_AT(&v, int, 99), 99);
  size_t cap = v.cap;
  assert_int_equal(cw_vec_reserve(&v, 10), CW_OK);
  assert_int_equal(v.cap, cap);
  assert_int_equal(cw_vec_reserve(&v, SIZE_MAX / 2), CW_ERR_NOMEM);
  assert_int_equal(v.cap, cap);
  assert_ptr_equal(v.items, items);
  assert_int_equal(v.len, 100);
  cw_vec_free(&v);
}

static void vec_grows(void **state) {
  (void)state;
  cw_vec v;
  cw_vec_init(&v, sizeof(int));
  for (int i = 0; i < 1000; i++)
    *(int *)cw_vec_push(&v) = i;
  assert_int_equal(v.len, 1000);
  assert_int_equal(CW_VEC_AT(&v, int, 999), 999);
  cw_vec_free(&v);
}

/* A pushed element is zero whatever its size and whatever the room held
 * before: each is written with 0xA5, given back (len--) and pushed again,
 * at every element size from 1 to 200 bytes (the sizes zeroed inline and
 * those left to memset) and at every place of a vector of 40. */
static void vec_push_zeroes_reused_room(void **state) {
  (void)state;
  for (size_t size = 1; size <= 200; size++) {
    cw_vec v;
    cw_vec_init(&v, size);
    for (size_t i = 0; i < 40; i++) {
      unsigned char *e = cw_vec_push(&v);
      assert_non_null(e);
      memset(e, 0xA5, size);
      v.len--;
      e = cw_vec_push(&v);
      assert_ptr_equal(e, (unsigned char *)v.items + i * size);
      for (size_t k = 0; k < size; k++)
        assert_int_equal(e[k], 0);
      memset(e, 0x5A, size); /* the next push must not touch it */
    }
    for (size_t k = 0; k < 40 * size; k++)
      assert_int_equal(((unsigned char *)v.items)[k], 0x5A);
    cw_vec_free(&v);
  }
}

/* cw_arena_alloc() zeroes its room, padding included, at every size from
 * 1 to 200 bytes, over memory written with 0xA5 before (as dirty_arena(),
 * over 256 bytes); the next allocation comes right after. */
static void arena_alloc_zeroes_dirty_room(void **state) {
  (void)state;
  for (size_t n = 1; n <= 200; n++) {
    cw_arena *a = cw_arena_new();
    assert_non_null(a);
    unsigned char *dirty = cw_arena_alloc(a, 256);
    assert_non_null(dirty);
    memset(dirty, 0xA5, 256);
    cw_arena_free(a);
    a = cw_arena_new();
    assert_non_null(a);
    unsigned char *p = cw_arena_alloc(a, n);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % 16, 0);
    size_t padded = (n + 15) & ~(size_t)15;
    for (size_t k = 0; k < padded; k++)
      assert_int_equal(p[k], 0);
    assert_ptr_equal(cw_arena_alloc(a, 1), p + padded);
    cw_arena_free(a);
  }
}

/* cw_mem_eq() says what memcmp() == 0 says, for every length up to 40 and
 * a difference at every place; the keys sit at the very end of buffers
 * of their size, so that a read past them fails under the sanitizer. */
static void mem_eq_agrees_with_memcmp(void **state) {
  (void)state;
  for (size_t n = 0; n <= 40; n++) {
    unsigned char *a = malloc(n ? n : 1), *b = malloc(n ? n : 1);
    assert_non_null(a);
    assert_non_null(b);
    for (size_t k = 0; k < n; k++)
      a[k] = b[k] = (unsigned char)('k' + k % 7);
    assert_true(cw_mem_eq(a, b, n));
    for (size_t k = 0; k < n; k++) {
      for (unsigned bit = 0; bit < 8; bit++) {
        b[k] = (unsigned char)(a[k] ^ (1u << bit));
        assert_false(cw_mem_eq(a, b, n));
        assert_false(cw_mem_eq(b, a, n));
        assert_int_equal(cw_mem_eq(a, b, k), memcmp(a, b, k) == 0);
      }
      b[k] = a[k];
    }
    assert_true(cw_mem_eq(a, b, n));
    free(a);
    free(b);
  }
}

/* cw_hash32_fast() hashes the bytes, not where they lie nor what follows
 * them (keys at the end of buffers of their size, as above); words that
 * differ in one byte or only in length hash apart here; and 20,000
 * invented words spread over 2,048 slots as evenly as chance would. */
static void hash32_fast_hashes_the_bytes(void **state) {
  (void)state;
  const char *text = "the harbour council voted on the new tariff schedule";
  size_t len = strlen(text);
  for (size_t n = 0; n <= len; n++) {
    char *a = malloc(n ? n : 1), *b = malloc(n + 8);
    assert_non_null(a);
    assert_non_null(b);
    memcpy(a, text, n);
    memcpy(b + 3, text, n);
    memset(b + 3 + n, 'x', 5);
    uint32_t h = cw_hash32_fast(a, n);
    assert_int_equal(h, cw_hash32_fast(b + 3, n));
    if (n) {
      assert_int_not_equal(h, cw_hash32_fast(a, n - 1));
      a[n - 1] ^= 1;
      assert_int_not_equal(h, cw_hash32_fast(a, n));
      a[0] ^= 2;
      assert_int_not_equal(h, cw_hash32_fast(a, n));
    }
    free(a);
    free(b);
  }
  static unsigned load[2048];
  memset(load, 0, sizeof load);
  char w[32];
  for (int k = 0; k < 20000; k++) {
    int n = snprintf(w, sizeof w, "%s%d", k % 2 ? "harbour" : "vote", k);
    load[cw_hash32_fast(w, (size_t)n) & 2047]++;
  }
  unsigned most = 0;
  for (size_t i = 0; i < 2048; i++)
    most = load[i] > most ? load[i] : most;
  assert_true(most < 30); /* about 10 a slot; skewed hashes give 100s */
}

static void iso_dates_round_trip(void **state) {
  (void)state;
  int64_t t;
  int timed;
  char out[32];
  assert_int_equal(cw_parse_iso8601("2025-06-06", 10, &t, &timed), 10);
  assert_false(timed);
  cw_format_iso8601(t, 0, out);
  assert_string_equal(out, "2025-06-06");
  const char *z = "2026-03-05T09:30:00+02:00";
  assert_int_equal(cw_parse_iso8601(z, strlen(z), &t, &timed), strlen(z));
  assert_true(timed);
  cw_format_iso8601(t, 1, out);
  assert_string_equal(out, "2026-03-05T07:30:00Z");
  /* invalid calendar dates are refused */
  assert_int_equal(cw_parse_iso8601("2025-02-29", 10, &t, NULL), 0);
  assert_int_equal(cw_parse_iso8601("2024-02-29", 10, &t, NULL), 10);
  assert_int_equal(cw_parse_iso8601("June 6", 6, &t, NULL), 0);
  /* 2025-06-06 was a Friday (Monday = 0) */
  assert_int_equal(cw_weekday(cw_days_from_civil(2025, 6, 6)), 4);
  int y, m, d;
  cw_civil_from_days(cw_days_from_civil(2000, 2, 29), &y, &m, &d);
  assert_int_equal(y * 10000 + m * 100 + d, 20000229);
}

static void errors_name_the_input(void **state) {
  (void)state;
  cw_error err;
  cw_buf b;
  cw_buf_init(&b, 0);
  assert_int_equal(cw_read_file("/nonexistent/crosswire.txt", 100, &b, &err),
                   CW_ERR_NOT_FOUND);
  assert_non_null(strstr(err.msg, "/nonexistent/crosswire.txt"));
  assert_int_equal(cw_read_file(CW_TEST_DATA, 100, &b, &err), CW_ERR_IO);
  assert_non_null(strstr(err.msg, "is a directory"));
  assert_string_equal(cw_strerror(CW_ERR_BINARY), "binary data, not text");
  cw_buf_free(&b);
}

/* A file of several read chunks comes back whole and exact, into a
 * buffer sized for it at once (the file's size is known before reading)
 * and appended to what the buffer held; one byte over the limit is
 * refused with the file's name. */
static void a_file_is_read_whole(void **state) {
  (void)state;
  char path[] = "/tmp/cw-test-read-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "wb");
  assert_non_null(f);
  enum { SIZE = 200003 }; /* three 64 KiB chunks and a bit */
  char *want = malloc(SIZE);
  assert_non_null(want);
  for (size_t i = 0; i < SIZE; i++)
    want[i] = (char)('a' + (i * 7 + i / 9973) % 26);
  assert_int_equal(fwrite(want, 1, SIZE, f), SIZE);
  assert_int_equal(fclose(f), 0);
  cw_error err;
  cw_buf b;
  cw_buf_init(&b, 0);
  assert_int_equal(cw_buf_puts(&b, "head:"), CW_OK);
  assert_int_equal(cw_read_file(path, 5 + SIZE, &b, &err), CW_OK);
  assert_int_equal(b.len, 5 + SIZE);
  assert_memory_equal(b.ptr, "head:", 5);
  assert_memory_equal(b.ptr + 5, want, SIZE);
  assert_int_equal(b.ptr[b.len], '\0');
  assert_true(b.cap >= b.len + 1 && b.cap <= 2 * (b.len + 1));
  cw_buf_reset(&b);
  assert_int_equal(cw_read_file(path, SIZE - 1, &b, &err), CW_ERR_TOO_BIG);
  assert_non_null(strstr(err.msg, path));
  cw_buf_free(&b);
  free(want);
  unlink(path);
}

/* cw_fmt_int() writes what printf's "%0*lld" writes, for the values the
 * analysis formats and the extremes. */
typedef struct sort_item {
  int key;
  int seq; /* the position before sorting */
} sort_item;

static int cmp_sort_item(const void *x, const void *y) {
  const sort_item *a = x, *b = y;
  return (a->key > b->key) - (a->key < b->key);
}

/* cw_sort_stable() orders by key and keeps equal keys in their order, for
 * short arrays (by insertion) and long ones (qsort), in order, reversed,
 * nearly in order and shuffled with many ties. */
static void sort_stable_keeps_ties_in_order(void **state) {
  (void)state;
  const size_t sizes[] = {0, 1, 2, 3, 17, 64, 65, 300};
  unsigned seed = 12345;
  for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
    size_t n = sizes[s];
    for (int shape = 0; shape < 4; shape++) {
      sort_item *v = malloc((n ? n : 1) * sizeof *v);
      assert_non_null(v);
      for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        int r = (int)(seed >> 16 & 0x7FFF);
        v[i].key = shape == 0   ? (int)i
                   : shape == 1 ? (int)(n - i)
                   : shape == 2 ? (int)i + (r % 3 == 0 ? 2 : 0)
                                : r % 7;
        v[i].seq = (int)i;
      }
      cw_sort_stable(v, n, sizeof *v, cmp_sort_item);
      for (size_t i = 1; i < n; i++) {
        assert_true(v[i - 1].key <= v[i].key);
        if (v[i - 1].key == v[i].key)
          assert_true(v[i - 1].seq < v[i].seq);
      }
      /* every element is still there once */
      int *seen = calloc(n ? n : 1, sizeof *seen);
      assert_non_null(seen);
      for (size_t i = 0; i < n; i++)
        seen[v[i].seq]++;
      for (size_t i = 0; i < n; i++)
        assert_int_equal(seen[i], 1);
      free(seen);
      free(v);
    }
  }
}

static void fmt_int_matches_printf(void **state) {
  (void)state;
  const long long vals[] = {0,
                            1,
                            7,
                            9,
                            10,
                            99,
                            100,
                            2025,
                            9999,
                            10000,
                            123456789,
                            -1,
                            -9,
                            -10,
                            -2025,
                            -123456,
                            999999999999999LL,
                            -999999999999999LL,
                            LLONG_MAX,
                            LLONG_MIN};
  for (size_t k = 0; k < sizeof vals / sizeof vals[0]; k++)
    for (int w = 0; w <= 6; w++) {
      char want[64], got[48];
      snprintf(want, sizeof want, "%0*lld", w, vals[k]);
      size_t n = cw_fmt_int(got, vals[k], w);
      assert_string_equal(got, want);
      assert_int_equal(n, strlen(want));
    }
  char got[48];
  cw_fmt_int(got, 5, -3); /* a negative width is none */
  assert_string_equal(got, "5");
}

static int cmp_u64(const void *x, const void *y) {
  uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
  return (a > b) - (a < b);
}

/* cw_sort_u64 agrees with qsort on sizes around its insertion-sort cutoff
 * and above, on random values, many repeats, sorted and reversed input. */
static void sort_u64_agrees_with_qsort(void **state) {
  (void)state;
  enum { MAX = 3000 };
  static uint64_t a[MAX], b[MAX];
  static const size_t sizes[] = {0, 1, 2, 15, 16, 17, 33, 100, 1000, MAX};
  uint64_t x = 88172645463325252ULL; /* xorshift64 */
  for (int shape = 0; shape < 4; shape++)
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
      size_t n = sizes[k];
      for (size_t i = 0; i < n; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        a[i] = shape == 0 ? x
               : shape == 1 ? x % 5 /* many repeats */
               : shape == 2 ? (uint64_t)i
                            : (uint64_t)(n - i) << 40; /* reversed */
      }
      memcpy(b, a, n * sizeof *a);
      cw_sort_u64(a, n);
      if (n) {
        qsort(b, n, sizeof *b, cmp_u64);
        assert_memory_equal(a, b, n * sizeof *a);
      }
    }
}

/* Per-thread objects: each thread keeps its own, released when the
 * thread ends; two kinds get keys of their own. The two threads' releases
 * may run at once: the counts are atomic (a plain += lost one of them in
 * a CI run, 2 where 3 was due). */
static atomic_int released_a, released_b;
static void release_a(void *p) {
  atomic_fetch_add(&released_a, *(int *)p);
  free(p);
}
static void release_b(void *p) {
  atomic_fetch_add(&released_b, *(int *)p);
  free(p);
}
static cw_tls_kind kind_a = CW_TLS_KIND(release_a);
static cw_tls_kind kind_b = CW_TLS_KIND(release_b);

static void *keep_two(void *arg) {
  int *a = malloc(sizeof *a), *b = malloc(sizeof *b);
  if (!a || !b)
    return NULL;
  *a = *(int *)arg;
  *b = 10 * *(int *)arg;
  if (cw_tls_keep(&kind_a, a) || cw_tls_keep(&kind_b, b))
    return NULL;
  return arg;
}

static void tls_objects_released_with_their_thread(void **state) {
  (void)state;
  int one = 1, two = 2;
  pthread_t t1, t2;
  void *r1, *r2;
  assert_int_equal(pthread_create(&t1, NULL, keep_two, &one), 0);
  assert_int_equal(pthread_create(&t2, NULL, keep_two, &two), 0);
  assert_int_equal(pthread_join(t1, &r1), 0);
  assert_int_equal(pthread_join(t2, &r2), 0);
  assert_ptr_equal(r1, &one);
  assert_ptr_equal(r2, &two);
  assert_int_equal(atomic_load(&released_a), 3); /* 1 + 2: each thread's */
  assert_int_equal(atomic_load(&released_b), 30); /* the other kind, apart */
  assert_true(kind_a.slot > 0 && kind_b.slot > 0 && kind_a.slot != kind_b.slot);
  /* this thread's object stays until exit (then released) */
  int *mine = cw_tls_zalloc(&kind_a, sizeof *mine);
  assert_non_null(mine);
  assert_int_equal(*mine, 0); /* zeroed */
  *mine = 100;
  assert_int_equal(atomic_load(&released_a), 3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(sort_u64_agrees_with_qsort),
      cmocka_unit_test(tls_objects_released_with_their_thread),
      cmocka_unit_test(buf_appends_and_keeps_nul),
      cmocka_unit_test(buf_cap_fails_and_stays_failed),
      cmocka_unit_test(arena_strings_survive_many_blocks),
      cmocka_unit_test(hash64_is_fnv1a),
      cmocka_unit_test(arena_memdup_matches_alloc_and_copy),
      cmocka_unit_test(arena_strndup_pads_with_zeros),
      cmocka_unit_test(vec_grows),
      cmocka_unit_test(vec_push_zeroes_reused_room),
      cmocka_unit_test(arena_alloc_zeroes_dirty_room),
      cmocka_unit_test(mem_eq_agrees_with_memcmp),
      cmocka_unit_test(hash32_fast_hashes_the_bytes),
      cmocka_unit_test(vec_reserve),
      cmocka_unit_test(iso_dates_round_trip),
      cmocka_unit_test(errors_name_the_input),
      cmocka_unit_test(a_file_is_read_whole),
      cmocka_unit_test(fmt_int_matches_printf),
      cmocka_unit_test(sort_stable_keeps_ties_in_order),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
