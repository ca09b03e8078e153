/* fuzz_opml.c - libFuzzer harness for the OPML reader (opml.c): the
 * subscription lists `crosswire add list.opml` reads.
 *
 * The raw bytes go to cw_opml_parse() as read from disk; every outline it
 * returns must carry an http(s) URL (the header's promise), within the
 * outline cap.
 */
#include "extract/opml.h"
#include "fuzz_common.h"

#include <strings.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > CW_FUZZ_MAX_INPUT)
    return 0;
  cw_opml_outline *out = NULL;
  size_t n = 0;
  if (cw_opml_parse((const char *)data, size, "fuzz.opml", &out, &n, NULL) ==
      CW_OK) {
    if (n > CW_OPML_MAX_OUTLINES)
      abort();
    for (size_t i = 0; i < n; i++)
      if (!out[i].url || (strncasecmp(out[i].url, "http://", 7) &&
                          strncasecmp(out[i].url, "https://", 8)))
        abort();
    cw_opml_free(out, n);
  }
  return 0;
}
