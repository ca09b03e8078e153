/* test_postings.c - the story-term postings kept in memory during an
 * ingest (src/store/postings.c) answer exactly what story_terms answers:
 * the newest 48 stories of a term, through additions and removals above,
 * inside and below the ids the table keeps. The split check's link table
 * (src/store/links.c) keeps a value per ordered article pair. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "crosswire.h"
#include "archive_files.h"
#include "store/sqlite_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char db_path[64];

static int setup(void **state) {
  snprintf(db_path, sizeof db_path, "/tmp/cw-test-postings-%d.db",
           (int)getpid());
  cw_store *s;
  if (cw_store_open(db_path, &s, NULL) != CW_OK)
    return -1;
  *state = s;
  return 0;
}

static int teardown(void **state) {
  cw_store_close(*state);
  remove_archive(db_path);
  return 0;
}

static void row(cw_store *s, const char *term, int64_t story, int add) {
  sqlite3_stmt *st;
  assert_int_equal(
      sqlite3_prepare_v2(s->db,
                         add ? "INSERT INTO story_terms(term, story_id, weight) "
                               "VALUES(?, ?, 1)"
                             : "DELETE FROM story_terms WHERE term=? AND "
                               "story_id=?",
                         -1, &st, NULL),
      SQLITE_OK);
  sqlite3_bind_text(st, 1, term, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 2, story);
  assert_int_equal(sqlite3_step(st), SQLITE_DONE);
  sqlite3_finalize(st);
  if (add)
    cw_sq_posts_added(s, term, story);
  else
    cw_sq_posts_removed(s, term, story);
}

static int has_row(cw_store *s, const char *term, int64_t story) {
  sqlite3_stmt *st;
  assert_int_equal(sqlite3_prepare_v2(s->db,
                                      "SELECT 1 FROM story_terms WHERE term=? "
                                      "AND story_id=?",
                                      -1, &st, NULL),
                   SQLITE_OK);
  sqlite3_bind_text(st, 1, term, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 2, story);
  int found = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return found;
}

/* The lookup equals the SELECT it replaces; returns how many ids. */
static size_t check(cw_store *s, const char *term) {
  const int64_t *ids;
  size_t n;
  cw_error err;
  assert_int_equal(cw_sq_posts_get(s, term, &ids, &n, &err), CW_OK);
  sqlite3_stmt *st;
  assert_int_equal(sqlite3_prepare_v2(s->db,
                                      "SELECT story_id FROM story_terms WHERE "
                                      "term=? ORDER BY story_id DESC LIMIT ?",
                                      -1, &st, NULL),
                   SQLITE_OK);
  sqlite3_bind_text(st, 1, term, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 2, CW_SQ_POSTINGS_PER_TERM);
  size_t i = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    assert_true(i < n);
    assert_int_equal(ids[i], sqlite3_column_int64(st, 0));
    i++;
  }
  sqlite3_finalize(st);
  assert_int_equal(i, n);
  return n;
}

/* The edges one at a time: a long list loses its newest ids until fewer
 * than 48 are kept and is read again; an id below the kept ones enters a
 * whole list but not a partial one. */
static void edges(void **state) {
  cw_store *s = *state;
  for (int64_t id = 1; id <= 70; id++)
    row(s, "harbour", id, 1);
  row(s, "crane", 3, 1);
  row(s, "crane", 9, 1);
  assert_int_equal(check(s, "harbour"), 48); /* 70 .. 23 */
  assert_int_equal(check(s, "crane"), 2);
  for (int64_t id = 70; id > 54; id--) /* 16 of the 64 kept go */
    row(s, "harbour", id, 0);
  assert_int_equal(check(s, "harbour"), 48); /* 54 .. 7, from memory */
  row(s, "harbour", 54, 0);                  /* 47 kept: read again */
  assert_int_equal(check(s, "harbour"), 48);
  row(s, "harbour", 100, 1); /* above every kept id */
  row(s, "harbour", 30, 0);  /* inside */
  assert_int_equal(check(s, "harbour"), 48);
  row(s, "crane", 1, 1); /* below the kept ids of a whole list */
  row(s, "crane", 5, 1);
  assert_int_equal(check(s, "crane"), 4);
  row(s, "quay", 8, 1); /* not read yet: nothing to keep in step */
  assert_int_equal(check(s, "quay"), 1);
  cw_sq_posts_clear(s);
  assert_int_equal(check(s, "crane"), 4);
}

/* Random additions and removals over a few terms, each compared with the
 * SELECT after every step (a fixed generator: the same run every time). */
static void random_walk(void **state) {
  cw_store *s = *state;
  static const char *const terms[] = {"strike", "ferry", "vote"};
  uint64_t x = 88172645463325252ULL;
  for (int step = 0; step < 4000; step++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const char *term = terms[x % 3];
    /* ids drift upwards, as new stories do, with old ones still touched */
    int64_t id = 1 + (int64_t)((x >> 8) % (uint64_t)(60 + step / 20));
    row(s, term, id, !has_row(s, term, id));
    check(s, terms[(x >> 40) % 3]);
  }
  for (size_t i = 0; i < 3; i++)
    assert_true(check(s, terms[i]) > 0);
}

static void links_by_ordered_pair(void **state) {
  cw_store *s = *state;
  double z = 0;
  assert_false(cw_sq_link_get(s, 9, 4, &z));
  cw_sq_link_put(s, 9, 4, -1.25);
  cw_sq_link_put(s, 9, 5, 3.5);
  assert_true(cw_sq_link_get(s, 9, 4, &z));
  assert_true(z == -1.25);
  assert_true(cw_sq_link_get(s, 9, 5, &z));
  assert_true(z == 3.5);
  assert_false(cw_sq_link_get(s, 4, 9, &z)); /* the later article first */
  cw_sq_link_put(s, 9, 4, 2.0);             /* replaced, not added */
  assert_true(cw_sq_link_get(s, 9, 4, &z));
  assert_true(z == 2.0);
  /* many pairs: all found while the table is under half full */
  for (int64_t a = 2; a < 400; a++)
    for (int64_t b = 1; b < a; b += 7)
      cw_sq_link_put(s, a, b, (double)(a * 1000 + b));
  for (int64_t a = 2; a < 400; a++)
    for (int64_t b = 1; b < a; b += 7) {
      assert_true(cw_sq_link_get(s, a, b, &z));
      assert_true(z == (double)(a * 1000 + b));
    }
  cw_sq_forget(s); /* a rollback gives article ids out again */
  assert_false(cw_sq_link_get(s, 9, 5, &z));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(edges, setup, teardown),
      cmocka_unit_test_setup_teardown(random_walk, setup, teardown),
      cmocka_unit_test_setup_teardown(links_by_ordered_pair, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
