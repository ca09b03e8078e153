/* html_check.h - what the HTML extraction tests share: extracting bytes
 * that must give at least one article, and checks on its text. Included
 * after <cmocka.h> and "extract/extract.h". */
#ifndef CW_TEST_HTML_CHECK_H
#define CW_TEST_HTML_CHECK_H

#include <string.h>

static inline cw_articles *extract_ok(const char *data, size_t len,
                                      const char *origin) {
  cw_articles *list = NULL;
  cw_error err;
  memset(&err, 0, sizeof err);
  cw_status st = cw_extract_bytes(data, len, origin, NULL, &list, &err);
  if (st != CW_OK)
    fail_msg("extract %s failed: %d %s", origin, st, err.msg);
  assert_non_null(list);
  assert_true(cw_articles_count(list) >= 1);
  return list;
}

static inline void assert_has(const char *text, const char *needle) {
  if (!text || !strstr(text, needle))
    fail_msg("expected \"%s\" in:\n%s", needle, text ? text : "(null)");
}

static inline void assert_lacks(const char *text, const char *needle) {
  if (text && strstr(text, needle))
    fail_msg("did not expect \"%s\" in:\n%s", needle, text);
}

#endif
