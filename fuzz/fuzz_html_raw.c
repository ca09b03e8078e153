/* fuzz_html_raw.c - differential libFuzzer harness for the cut made
 * before parsing (cw_html_cut, html.c).
 *
 * The extractor cuts the text of scripts and styles, and the attributes
 * it never reads, out of a page before libxml2 parses it, reading the
 * page as libxml2 2.9 tokenises it. If the two readings ever disagree,
 * the cut removes markup and the tree changes. The input is decoded as
 * crosswire decodes a file, parsed with the cut and without it, the
 * attributes not kept are removed from both trees, and the two are
 * serialised: any difference aborts, with both printed. Run on files (fuzz_html_raw
 * FILE...) it checks real pages the same way.
 */
#include "extract/html_int.h"
#include "fuzz_common.h"

#include <libxml/HTMLtree.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static xmlChar *dump(const char *text, size_t len, int cut, int *n) {
  htmlDocPtr doc = cw_html_parse_cut(text, len, "fuzz.html", cut);
  xmlChar *out = NULL;
  *n = 0;
  if (doc) {
    cw_html_drop_unkept(doc->children);
    htmlDocDumpMemoryFormat(doc, &out, n, 0);
  }
  xmlFreeDoc(doc);
  return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > CW_FUZZ_MAX_INPUT)
    return 0;
  cw_document doc;
  if (cw_document_decode((const char *)data, size, "fuzz.html", &doc, NULL) !=
      CW_OK)
    return 0;
  int na, nb;
  xmlChar *a = dump(doc.text, doc.len, 0, &na);
  xmlChar *b = dump(doc.text, doc.len, 1, &nb);
  if ((a == NULL) != (b == NULL) || na != nb ||
      (a && memcmp(a, b, (size_t)na) != 0)) {
    fprintf(stderr, "fuzz_html_raw: the cut changed the tree\n"
                    "--- whole page:\n%s\n--- cut:\n%s\n",
            a ? (const char *)a : "(none)", b ? (const char *)b : "(none)");
    abort();
  }
  xmlFree(a);
  xmlFree(b);
  cw_document_free(&doc);
  return 0;
}
