/* test_opml.c - OPML subscription lists (src/extract/opml.c): nested
 * outlines, the xmlurl spelling, titles, non-http and duplicate URLs
 * skipped, and documents that are not OPML refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "extract/opml.h"

#include <string.h>

static void reading_list(void **state) {
  (void)state;
  cw_buf b;
  cw_error err;
  cw_opml_outline *o = NULL;
  size_t n = 0;
  cw_buf_init(&b, 0);
  assert_int_equal(
      cw_read_file(CW_TEST_DATA "/opml/subscriptions.opml", 1 << 20, &b, &err),
      CW_OK);
  assert_int_equal(cw_opml_parse(b.ptr, b.len, "list.opml", &o, &n, &err),
                   CW_OK);
  assert_int_equal(n, 3);
  assert_string_equal(o[0].url, "http://harrowmere-gazette.example/feed.xml");
  assert_string_equal(o[0].title, "The Harrowmere Gazette");
  assert_string_equal(o[1].url, "https://port-sennet-mercury.example/rss");
  assert_string_equal(o[1].title, "Port Sennet Mercury"); /* from text */
  assert_string_equal(o[2].url, "http://caddock-tides.example/atom.xml");
  cw_opml_free(o, n);
  cw_buf_free(&b);
}

static void empty_and_trimmed(void **state) {
  (void)state;
  const char *doc = "<opml version=\"1.0\"><body>"
                    "<outline xmlUrl=\"  http://brinley-post.example/rss  \"/>"
                    "<outline xmlUrl=\"\" text=\"empty\"/>"
                    "</body></opml>";
  cw_opml_outline *o = NULL;
  size_t n = 0;
  assert_int_equal(cw_opml_parse(doc, strlen(doc), "x", &o, &n, NULL), CW_OK);
  assert_int_equal(n, 1);
  assert_string_equal(o[0].url, "http://brinley-post.example/rss");
  assert_null(o[0].title);
  cw_opml_free(o, n);
  const char *none = "<opml><body/></opml>";
  assert_int_equal(cw_opml_parse(none, strlen(none), "x", &o, &n, NULL), CW_OK);
  assert_int_equal(n, 0);
  cw_opml_free(o, n);
}

static void not_opml(void **state) {
  (void)state;
  cw_opml_outline *o = (cw_opml_outline *)1;
  size_t n = 7;
  cw_error err;
  const char *rss = "<rss version=\"2.0\"><channel/></rss>";
  assert_int_equal(cw_opml_parse(rss, strlen(rss), "feed.xml", &o, &n, &err),
                   CW_ERR_FORMAT);
  assert_null(o);
  assert_int_equal(n, 0);
  assert_string_equal(err.msg, "feed.xml: not an OPML document");
  const char *junk = "this is not xml at all";
  assert_int_equal(cw_opml_parse(junk, strlen(junk), "j.opml", &o, &n, &err),
                   CW_ERR_FORMAT);
  assert_non_null(strstr(err.msg, "j.opml"));
}

static void deep_nesting_bounded(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_puts(&b, "<opml><body>");
  for (int i = 0; i < 100; i++)
    cw_buf_printf(&b, "<outline xmlUrl=\"http://depth%d.example/\">", i);
  for (int i = 0; i < 100; i++)
    cw_buf_puts(&b, "</outline>");
  cw_buf_puts(&b, "</body></opml>");
  assert_int_equal(b.err, CW_OK);
  cw_opml_outline *o = NULL;
  size_t n = 0;
  assert_int_equal(cw_opml_parse(b.ptr, b.len, "deep", &o, &n, NULL), CW_OK);
  assert_true(n > 0);
  assert_true(n <= CW_OPML_MAX_DEPTH + 1);
  assert_string_equal(o[0].url, "http://depth0.example/");
  cw_opml_free(o, n);
  cw_buf_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reading_list),
      cmocka_unit_test(empty_and_trimmed),
      cmocka_unit_test(not_opml),
      cmocka_unit_test(deep_nesting_bounded),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
