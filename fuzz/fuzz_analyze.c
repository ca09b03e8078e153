/* fuzz_analyze.c - libFuzzer harness for the whole analysis of one
 * article: entities and terms (cw_analyze), then times, quotes and facts
 * (cw_analyze_deep), the descriptions joined across the article and its
 * second half read as another (cw_analyses_join), then the Analysis JSON
 * (cw_analysis_json).
 *
 * The first line of the decoded input is the title, the rest the body; the
 * first byte picks the article's date. Entity mention spans must lie inside
 * the text and in text order, a quote's speaker must be an entity; a
 * broken promise aborts.
 */
#include "analyze/analyze.h"
#include "analyze/quotes.h"
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
  /* the body, and its second half as another article */
  const char *texts[2] = {body, body + len / 2};
  size_t lens[2] = {len, len - len / 2};
  cw_analysis *v[2] = {NULL, NULL};
  int ok = 1;
  for (int k = 0; k < 2 && ok; k++)
    ok = cw_analyze(k ? NULL : title, texts[k], lens[k], &v[k]) == CW_OK &&
         cw_analyze_deep(v[k], texts[k], lens[k], dct) == CW_OK;
  if (ok && cw_analyses_join(v, 2) == CW_OK) {
    for (int k = 0; k < 2; k++) {
      const cw_analysis *an = v[k];
      for (size_t i = 0; i < an->n_entities; i++)
        for (size_t j = 0; j < an->entities[i].n_mentions; j++) {
          const cw_mention *m = &an->entities[i].mentions[j];
          if (m->start > m->end || m->end > lens[k] ||
              (j && m->start < an->entities[i].mentions[j - 1].start))
            abort();
        }
      for (size_t q = 0; q < an->n_quotes; q++)
        if (an->quotes[q].speaker_entity >= (long)an->n_entities)
          abort();
      json_t *js = cw_analysis_json(an, texts[k]);
      if (js) {
        char *dump = json_dumps(js, JSON_COMPACT);
        free(dump);
        json_decref(js);
      }
    }
  }
  cw_analysis_free(v[0]);
  cw_analysis_free(v[1]);
  cw_document_free(&doc);
  return 0;
}
