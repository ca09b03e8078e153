/* fuzz_html.c - libFuzzer harness for the reader of HTML pages (html.c,
 * html_body.c, html_meta.c).
 *
 * The input is decoded as crosswire decodes a file, then handed straight
 * to cw_extract_html() whatever format the detector would have chosen, so the
 * reader sees every shape of text, not only what looks like its format.
 * The whole cw_extract_bytes() path runs on the raw bytes too.
 */
#include "extract/extract.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > CW_FUZZ_MAX_INPUT)
    return 0;
  cw_document doc;
  if (cw_document_decode((const char *)data, size, "fuzz.html", &doc, NULL) ==
      CW_OK) {
    cw_articles *list = cw_articles_new();
    if (list) {
      cw_extract_ctx ctx = {"fuzz.html", "2025-06-06T12:00:00Z"};
      if (cw_extract_html(doc.text, doc.len, &ctx, list, NULL) == CW_OK)
        cw_fuzz_touch_articles(list);
      cw_articles_free(list);
    }
    cw_document_free(&doc);
  }
  cw_articles *all = NULL;
  if (cw_extract_bytes((const char *)data, size, "fuzz.html", NULL, &all,
                       NULL) == CW_OK)
    cw_fuzz_touch_articles(all);
  cw_articles_free(all);
  return 0;
}
