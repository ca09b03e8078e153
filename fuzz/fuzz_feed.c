/* fuzz_feed.c - libFuzzer harness for the feed parser (feed.c): RSS,
 * RDF, Atom and JSON Feed.
 *
 * The raw bytes go to cw_feed_parse() as a crawler would pass them (the
 * parser takes the encoding from the BOM or the XML declaration); the
 * model is printed back to JSON; the decoded text goes through
 * cw_extract_feed(), the path `crosswire add` takes; and the first line is
 * tried as a feed date.
 */
#include "extract/feed.h"
#include "fuzz_common.h"

#include <jansson.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Feed dates are short; longer first lines are not dates. */
#define FUZZ_DATE_MAX 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > CW_FUZZ_MAX_INPUT)
    return 0;
  json_t *model = NULL;
  if (cw_feed_parse((const char *)data, size, "fuzz.xml", NULL,
                    "https://feeds.example/news/", &model, NULL) == CW_OK &&
      model) {
    char *dump = json_dumps(model, JSON_COMPACT);
    free(dump);
  }
  json_decref(model);

  cw_document doc;
  if (cw_document_decode((const char *)data, size, "fuzz.xml", &doc, NULL) ==
      CW_OK) {
    cw_articles *list = cw_articles_new();
    if (list) {
      cw_extract_ctx ctx = {"fuzz.xml", NULL};
      if (cw_extract_feed(doc.text, doc.len, &ctx, list, NULL) == CW_OK)
        cw_fuzz_touch_articles(list);
      cw_articles_free(list);
    }
    char *text = cw_feed_html_to_text(doc.text, doc.len);
    free(text);
    char *clean =
        cw_feed_sanitize_html(doc.text, doc.len, "https://feeds.example/a/b");
    free(clean);
    cw_document_free(&doc);
  }

  char date[FUZZ_DATE_MAX + 1];
  size_t n = 0;
  while (n < size && n < FUZZ_DATE_MAX && data[n] != '\n' && data[n] != 0) {
    date[n] = (char)data[n];
    n++;
  }
  date[n] = '\0';
  int64_t epoch;
  (void)cw_feed_parse_date(date, &epoch);
  return 0;
}
