/* fuzz_common.h - helpers shared by the libFuzzer harnesses.
 *
 * Each harness turns the fuzzer's bytes into the input a crosswire stage
 * really receives: readers and analysers get text the way
 * cw_extract_bytes() hands it on, decoded by cw_document_decode() (valid
 * UTF-8, NFC, NUL-terminated), so that a crash is reachable from a file on
 * disk and not an artefact of skipping the decoder.
 */
#ifndef CW_FUZZ_COMMON_H
#define CW_FUZZ_COMMON_H

#include "crosswire.h"
#include "ingest/ingest.h"

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Inputs above this size are skipped: the readers are linear, and large
 * inputs only slow the search down (libFuzzer's default -max_len is 4096
 * anyway). */
#define CW_FUZZ_MAX_INPUT ((size_t)1 << 20)

/* Serialises every article of list (exercises cw_article_to_json on
 * whatever the reader produced). */
static inline void cw_fuzz_touch_articles(const cw_articles *list) {
  for (size_t i = 0; i < cw_articles_count(list); i++) {
    char *json = NULL;
    if (cw_article_to_json(cw_articles_get(list, i), &json) == CW_OK)
      free(json);
  }
  for (size_t i = 0; i < cw_articles_warning_count(list); i++)
    (void)strlen(cw_articles_warning(list, i));
}

/* A new archive, a.db in a new temporary folder made from dir (a
 * mkdtemp template, rewritten in place), holding the n bytes of JSON
 * lines seed; its path goes to path (room for path_size). Aborts when it
 * cannot be made: a harness without its archive tests nothing. */
static inline cw_store *cw_fuzz_archive(char *dir, const char *seed,
                                        size_t n, char *path,
                                        size_t path_size) {
  cw_store *store;
  cw_articles *list;
  if (!mkdtemp(dir))
    abort();
  snprintf(path, path_size, "%s/a.db", dir);
  if (cw_store_open(path, &store, NULL) ||
      cw_extract_bytes(seed, n, "seed.jsonl", NULL, &list, NULL) ||
      cw_store_add_articles(store, list, NULL, NULL))
    abort();
  cw_articles_free(list);
  return store;
}

/* Removes the folder cw_fuzz_archive made (at exit). */
static inline void cw_fuzz_remove(const char *dir, const char *who) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0)
    fprintf(stderr, "%s: could not remove %s\n", who, dir);
}

#endif
