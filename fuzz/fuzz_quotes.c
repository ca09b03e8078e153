/* fuzz_quotes.c - libFuzzer harness for quotations (quotes.c) on top of
 * entity analysis (analyze.c).
 *
 * The input is decoded as crosswire decodes a file, analysed with
 * cw_analyze(), and searched with cw_quotes_find(). Spans must lie inside
 * the text and come in order of their start, and a speaker entity index
 * must name an entity, as quotes.h promises; a broken promise aborts.
 */
#include "analyze/quotes.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > CW_FUZZ_MAX_INPUT)
    return 0;
  cw_document doc;
  if (cw_document_decode((const char *)data, size, "fuzz.txt", &doc, NULL) !=
      CW_OK)
    return 0;
  cw_analysis *an = NULL;
  if (cw_analyze(NULL, doc.text, doc.len, &an) == CW_OK) {
    cw_quote *q = NULL;
    size_t n = 0;
    if (cw_quotes_find(doc.text, doc.len, an, &q, &n) == CW_OK) {
      size_t prev = 0;
      for (size_t i = 0; i < n; i++) {
        if (q[i].start > q[i].end || q[i].end > doc.len || q[i].start < prev ||
            q[i].speaker_end > doc.len ||
            q[i].speaker_entity >= (long)an->n_entities ||
            q[i].speaker_entity < -1)
          abort();
        prev = q[i].start;
        (void)strlen(cw_quote_kind_name(q[i].kind));
      }
    }
  }
  cw_analysis_free(an);
  cw_document_free(&doc);
  return 0;
}
