/* archive_files.h - what the archive tests share: removing a test
 * archive with its WAL and shared-memory files, and reading one integer
 * from an archive file without crosswire (include after cmocka.h). */
#ifndef CW_TEST_ARCHIVE_FILES_H
#define CW_TEST_ARCHIVE_FILES_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

/* The integer the first row of sql gives on the file at path; -1 when
 * there is no row. */
static inline int64_t archive_int(const char *path, const char *sql) {
  sqlite3 *db;
  sqlite3_stmt *st;
  int64_t v = -1;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
  if (sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

static inline void remove_archive(const char *path) {
  char p[512];
  unlink(path);
  snprintf(p, sizeof p, "%s-wal", path);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", path);
  unlink(p);
}

#endif
