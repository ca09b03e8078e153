/* fuzz_analyze.c - libFuzzer harness for the whole analysis of one
 * article: entities and terms (cw_analyze), then times, quotes and facts
 * (cw_analyze_deep), then the Analysis JSON (cw_analysis_json).
 *
 * The first line of the decoded input is the title, the rest the body; the
 * first byte picks the article's date. Entity mention spans must lie inside
 * the text; a broken promise aborts.
 */
#include "analyze/analyze.h"
#include "fuzz_common.h"

#include <jansson.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A title longer than this is cut: real headlines are far shorter. */
#define FUZZ_TITLE_MAX 512

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const dcts[] = {NULL, "2025-06-06",
                                     "2025-06-06T14:05:00Z"};
  if (size < 1 || size > CW_FUZZ_MAX_INPUT)
    return 0;
  const char *dct = dcts[data[0] % 3];
  cw_document doc;
  if (cw_document_decode((const char *)data + 1, size - 1, "fuzz.txt", &doc,
                         NULL) != CW_OK)
    return 0;
  char title[FUZZ_TITLE_MAX + 1];
  size_t tl = 0;
  while (tl < doc.len && tl < FUZZ_TITLE_MAX && doc.text[tl] != '\n') {
    title[tl] = doc.text[tl];
    tl++;
  }
  title[tl] = '\0';
  const char *body = doc.text + tl;
  size_t len = doc.len - tl;
  cw_analysis *an = NULL;
  if (cw_analyze(title, body, len, &an) == CW_OK) {
    for (size_t i = 0; i < an->n_entities; i++)
      for (size_t j = 0; j < an->entities[i].n_mentions; j++) {
        const cw_mention *m = &an->entities[i].mentions[j];
        if (m->start > m->end || m->end > len)
          abort();
      }
    if (cw_analyze_deep(an, body, len, dct) == CW_OK) {
      json_t *js = cw_analysis_json(an, body);
      if (js) {
        char *dump = json_dumps(js, JSON_COMPACT);
        free(dump);
        json_decref(js);
      }
    }
  }
  cw_analysis_free(an);
  cw_document_free(&doc);
  return 0;
}
