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

#endif
