/* archive_files.h - what the archive tests share: removing a test
 * archive with its WAL and shared-memory files. */
#ifndef CW_TEST_ARCHIVE_FILES_H
#define CW_TEST_ARCHIVE_FILES_H

#include <stdio.h>
#include <unistd.h>

static inline void remove_archive(const char *path) {
  char p[512];
  unlink(path);
  snprintf(p, sizeof p, "%s-wal", path);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", path);
  unlink(p);
}

#endif
