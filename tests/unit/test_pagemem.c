/* test_pagemem.c - SQLite's page caches take their pages from pagemem.c's
 * region while a store reads and writes, and give every one back when the
 * store closes; a block grown out of a slot keeps its bytes; the region is
 * on in every build but the sanitizers' (where it is off so that they see
 * SQLite's buffers) unless CROSSWIRE_PAGE_ARENA=0; large tables from
 * cw_zalloc_big() are zeroed and writable to their last byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/core.h"
#include "crosswire.h"
#include "archive_files.h"
#include "store/sqlite_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char db_path[64];

static int setup(void **state) {
  (void)state;
  snprintf(db_path, sizeof db_path, "/tmp/cw-test-pagemem-%d.db", (int)getpid());
  return 0;
}

static int teardown(void **state) {
  (void)state;
  remove_archive(db_path);
  return 0;
}

static void page_cache_lives_in_the_region(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 0);
  /* 60 invented notices of a harbour town, each with its own number */
  for (int i = 1; i <= 60; i++)
    cw_buf_printf(&b,
                  "{\"id\":\"n%d\",\"title\":\"Ferry timetable %d for Oskarvik\","
                  "\"text\":\"The Oskarvik ferry office posted timetable "
                  "number %d on Monday, with %d sailings to the outer "
                  "islands and a new night crossing.\","
                  "\"published\":\"2031-06-%02dT08:00:00Z\","
                  "\"outlet\":\"Oskarvik Post\"}\n",
                  i, i, i, 10 + i, 1 + i % 28);
  assert_int_equal(b.err, CW_OK);
  assert_int_equal(cw_sq_pagemem_slots(), 0);
  cw_store *s;
  cw_articles *list;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  const char *env = getenv("CROSSWIRE_PAGE_ARENA");
  int want = !(env && !strcmp(env, "0"));
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  want = 0;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  want = 0;
#endif
#endif
  assert_int_equal(cw_sq_pagemem_active(), want);
  if (!want) { /* nothing to see: the archive is still written */
    cw_store_close(s);
    cw_buf_free(&b);
    skip();
  }
  /* a block of a slot's size (a page and a little) grown past it keeps
   * its bytes */
  enum { SMALL = CW_SQ_PAGE_SIZE + 104, GROWN = 2 * CW_SQ_PAGE_SIZE + 808 };
  size_t before = cw_sq_pagemem_slots(); /* the pager's own buffers */
  unsigned char *blk = sqlite3_malloc(SMALL);
  assert_non_null(blk);
  assert_true(sqlite3_msize(blk) >= SMALL);
  for (int i = 0; i < SMALL; i++)
    blk[i] = (unsigned char)(i * 7);
  assert_int_equal(cw_sq_pagemem_slots(), before + 1);
  blk = sqlite3_realloc(blk, GROWN);
  assert_non_null(blk);
  assert_int_equal(cw_sq_pagemem_slots(), before);
  for (int i = 0; i < SMALL; i++)
    assert_int_equal(blk[i], (unsigned char)(i * 7));
  sqlite3_free(blk);
  assert_int_equal(cw_extract_bytes(b.ptr, b.len, "n.jsonl", NULL, &list, &err),
                   CW_OK);
  assert_int_equal(cw_store_add_articles(s, list, NULL, &err), CW_OK);
  cw_articles_free(list);
  /* the pages just written are in the connection's cache, from the region */
  assert_true(cw_sq_pagemem_slots() >= 20);
  cw_store_close(s);
  /* a closed connection's cache gives all of its slots back */
  assert_int_equal(cw_sq_pagemem_slots(), 0);
  /* the archive is whole, read through a new connection's cache */
  sqlite3 *db;
  sqlite3_stmt *st;
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(
      sqlite3_prepare_v2(db, "SELECT count(*) FROM articles", -1, &st, NULL),
      SQLITE_OK);
  assert_int_equal(sqlite3_step(st), SQLITE_ROW);
  assert_int_equal(sqlite3_column_int(st, 0), 60);
  sqlite3_finalize(st);
  assert_int_equal(
      sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL),
      SQLITE_OK);
  assert_int_equal(sqlite3_step(st), SQLITE_ROW);
  assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
  sqlite3_finalize(st);
  sqlite3_close(db);
  assert_int_equal(cw_sq_pagemem_slots(), 0);
  cw_buf_free(&b);
}

static void big_tables_are_zeroed(void **state) {
  (void)state;
  const size_t sizes[] = {100, (size_t)3 << 20, ((size_t)2 << 20) + 7};
  for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
    size_t n = sizes[k];
    unsigned char *p = cw_zalloc_big(n, 1);
    assert_non_null(p);
    for (size_t i = 0; i < n; i += 4093)
      assert_int_equal(p[i], 0);
    assert_int_equal(p[n - 1], 0);
    memset(p, 0xA5, n); /* writable to the last byte (ASan checks the end) */
    assert_int_equal(p[n - 1], 0xA5);
    free(p);
  }
  /* an array whose size overflows is refused, not made small */
  assert_null(cw_zalloc_big(SIZE_MAX / 8, 16));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(page_cache_lives_in_the_region, setup,
                                      teardown),
      cmocka_unit_test(big_tables_are_zeroed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
