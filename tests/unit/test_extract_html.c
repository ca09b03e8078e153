/* test_extract_html.c - the HTML article extractor (src/extract/html*.c).
 *
 * Fixtures in tests/data/html/ are invented pages (invented outlets, people
 * and places): a news page carrying every kind of boilerplate around its
 * story, pages whose metadata sits only in <meta> tags or only in the
 * visible page, and a teaser page whose full text is in JSON-LD. Charset
 * cases and hostile inputs are built in memory here. Everything goes through
 * the public cw_extract_bytes(), so decoding and format detection are in
 * the path as in real use.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "extract/extract.h"
#include "html_check.h"
#include "extract/html_int.h"

#include <libxml/HTMLtree.h>
#include <libxml/globals.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA CW_TEST_DATA "/html/"

/* ---- helpers ------------------------------------------------------------- */

static cw_articles *extract_file(const char *name) {
  char path[512];
  cw_articles *list = NULL;
  cw_error err;
  snprintf(path, sizeof path, "%s%s", DATA, name);
  cw_status st = cw_extract_file(path, NULL, &list, &err);
  if (st != CW_OK)
    fail_msg("extract %s failed: %d %s", path, st, err.msg);
  return list;
}

/* ---- text measures ---------------------------------------------------------- */

/* The character count as the extractor defined it before cw_html_count:
 * one byte at a time; commas as it counted them for paragraph scores. */
static size_t count_ref(const unsigned char *p, size_t len, int *space,
                        size_t *commas) {
  for (; *p; p++) {
    if (*p == ' ' || (*p >= '\t' && *p <= '\r')) {
      *space = 1;
    } else if ((*p & 0xC0) != 0x80) {
      if (*space && len)
        len++;
      *space = 0;
      len++;
      if (*p == ',' || (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) ||
          (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x81))
        (*commas)++;
    }
  }
  return len;
}

static void check_count(const unsigned char *text, size_t start, int sp) {
  int a = sp, b = sp, c = sp;
  size_t ca = 0, cb = 0;
  size_t want = count_ref(text, start, &a, &ca);
  assert_int_equal(cw_html_count_commas(text, start, &b, &cb), want);
  assert_int_equal(b, a);
  assert_int_equal(cb, ca);
  assert_int_equal(cw_html_count(text, start, &c), want);
  assert_int_equal(c, a);
}

static void test_count_matches_bytewise(void **state) {
  (void)state;
  static const char *const cases[] = {
      "", " ", "a", " a", "a ", "  a  b  ", "\t\nx\r\fy\v",
      "caf\xC3\xA9 cr\xC3\xA8me", "\xE3\x80\x81,\xEF\xBC\x8C a,b",
      "\xC3", "\x80\x80 \x80x", "one, two,three , four",
      "        x", "abcdefgh", " abcdefg", "abcdefg ", "a,b,c,d, e,f,g,h,i",
      ("The council met on Tuesday, and the vote was close.  Twelve to "
       "eleven,\tafter\na long debate \xE2\x80\x94 caf\xC3\xA9s, bars.")};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    for (size_t start = 0; start < 3; start++)
      for (int sp = 0; sp < 2; sp++)
        check_count((const unsigned char *)cases[i], start, sp);
  /* random texts: all non-zero bytes, then mostly letters, spaces and
   * commas with a few other bytes (the eight-byte path and its edges) */
  static const char pool[] = "abcXYZ09 ,  ,.\t\n\xC3\xA9\x01";
  unsigned seed = 12345;
  unsigned char buf[200];
  for (int round = 0; round < 4000; round++) {
    size_t n = (size_t)(round % 199);
    for (size_t k = 0; k < n; k++) {
      seed = seed * 1103515245u + 12345u;
      unsigned r = seed >> 16;
      buf[k] = round < 2000 ? (unsigned char)(1 + r % 255)
                            : (unsigned char)pool[r % (sizeof pool - 1)];
    }
    buf[n] = 0;
    check_count(buf, (size_t)(round % 3), round & 1);
  }
}

/* The count of a text node (its memo in _private) matches the count of
 * its content, on the first call (which counts) and the next (which
 * reads the memo), from any running length and pending space. */
static void test_count_text_memo(void **state) {
  (void)state;
  static const char pool[] = "abcXYZ09 ,  ,.\t\n\xC3\xA9\x80\xEF\xBC\x8C";
  unsigned seed = 777;
  xmlChar buf[64];
  for (int round = 0; round < 3000; round++) {
    size_t n = (size_t)(round % 40);
    for (size_t k = 0; k < n; k++) {
      seed = seed * 1103515245u + 12345u;
      buf[k] = (xmlChar)pool[(seed >> 16) % (sizeof pool - 1)];
    }
    buf[n] = 0;
    xmlNode *t = xmlNewText(buf);
    assert_non_null(t);
    for (int pass = 0; pass < 2; pass++)
      for (size_t start = 0; start < 3; start++)
        for (int sp = 0; sp < 2; sp++) {
          int a = sp, b = sp;
          size_t ca = start, cb = start;
          size_t want = cw_html_count_commas(buf, start, &a, &ca);
          assert_int_equal(cw_html_count_text(t, start, &b, &cb), want);
          assert_int_equal(b, a);
          assert_int_equal(cb, ca);
          b = sp;
          assert_int_equal(cw_html_count_text(t, start, &b, NULL), want);
          assert_int_equal(b, a);
        }
    assert_true(((uintptr_t)t->_private & 1) != 0);
    xmlFreeNode(t);
  }
}

static void test_text_len_across_nodes(void **state) {
  (void)state;
  /* white space runs count once across element boundaries, none before
   * the first character; scripts and styles do not count; a character of
   * several bytes counts once */
  static const char page[] =
      "<html><body><div id=x>  Ann <b> Lee</b><script>var a=1;</script>"
      "<style>p{}</style>\n<i>caf\xC3\xA9</i> </div></body></html>";
  htmlDocPtr doc = cw_html_parse(page, sizeof page - 1, "t");
  assert_non_null(doc);
  xmlNode *div = cw_html_find(xmlDocGetRootElement(doc), "div");
  assert_non_null(div);
  assert_int_equal(cw_html_text_len(div), strlen("Ann Lee caf") + 1);
  assert_true(cw_html_text_len_max(div, 3) >= 3);
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_html_text(div, &b);
  assert_string_equal(b.ptr, "Ann Lee caf\xC3\xA9 ");
  cw_buf_free(&b);
  /* the attribute lookup sees the attribute, and no other */
  assert_non_null(cw_html_prop(div, "id"));
  assert_null(cw_html_prop(div, "class"));
  xmlFreeDoc(doc);
}

/* ---- main content ----------------------------------------------------------- */

static void test_boilerplate_removed(void **state) {
  (void)state;
  cw_articles *list = extract_file("boilerplate.html");
  const cw_article *a = cw_articles_get(list, 0);
  const char *t = a->text;
  /* the story, in reading order, headings, quotes, lists and tables kept */
  assert_has(t, "The ferry connection between Port Aldmere");
  assert_has(t, "Repairs ahead of schedule");
  assert_has(t, "We were told to expect April");
  assert_has(t, "Vehicle bookings open again online");
  assert_has(t, "First 07:15");
  assert_has(t, "review the design of the island's older breakwater");
  assert_true(strstr(t, "The ferry connection") < strstr(t, "Engineers from"));
  assert_true(strstr(t, "Engineers from") < strstr(t, "older breakwater"));
  /* paragraphs separated by one blank line */
  assert_has(t, "supply boat.\n\nThe first crossing");
  /* boilerplate of every kind left out */
  assert_lacks(t, "cookies");
  assert_lacks(t, "Sport");
  assert_lacks(t, "Share on Facebook");
  assert_lacks(t, "morning newsletter");
  assert_lacks(t, "Related articles");
  assert_lacks(t, "Storm damages Quillon pier");
  assert_lacks(t, "Took them long enough");
  assert_lacks(t, "Lighthouse keeper");
  assert_lacks(t, "Advertisement");
  assert_lacks(t, "All rights reserved");
  assert_lacks(t, "covers transport and the islands");
  assert_lacks(t, "Do not extract");
  assert_lacks(t, "By Marta Ellingsen");
  /* the headline is the title, not body text */
  assert_lacks(t, "Ferry line to Quillon Island reopens");
  /* the caption is set apart as a credit */
  assert_lacks(t, "PHOTO: ANNIKA VOSS");
  assert_int_equal(a->n_credits, 1);
  assert_has(a->credits[0], "PHOTO: ANNIKA VOSS");
  cw_articles_free(list);
}

static void test_jsonld_metadata(void **state) {
  (void)state;
  cw_articles *list = extract_file("boilerplate.html");
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->title,
                      "Ferry line to Quillon Island reopens after storm "
                      "repairs");
  assert_string_equal(a->outlet, "The Harbor Ledger");
  assert_string_equal(a->byline, "Marta Ellingsen, Tobias Rawe");
  /* the page's own offset is kept (the day as the outlet printed it);
   * the archive stores the time in UTC */
  assert_string_equal(a->published, "2024-03-09T08:30:00+01:00");
  /* rel=canonical wins over og:url */
  assert_string_equal(a->url,
                      "https://harborledger.example/news/quillon-ferry-reopens");
  assert_int_equal(a->part, 0);
  cw_articles_free(list);
}

static void test_meta_tag_fallbacks(void **state) {
  (void)state;
  cw_articles *list = extract_file("meta-fallbacks.html");
  const cw_article *a = cw_articles_get(list, 0);
  /* <title> minus " - Valley Courier" */
  assert_string_equal(a->title, "Orchard growers count frost losses");
  assert_string_equal(a->outlet, "Valley Courier");
  assert_string_equal(a->byline, "Priya Castellan");
  assert_string_equal(a->published, "2023-11-04T22:45:00-05:00");
  assert_string_equal(a->url,
                      "https://valleycourier.example/farming/orchard-frost");
  assert_has(a->text, "Apple and pear growers");
  assert_has(a->text, "smaller growers without the equipment");
  assert_lacks(a->text, "Contact");
  assert_lacks(a->text, "Mill Lane");
  cw_articles_free(list);
}

static void test_visible_metadata(void **state) {
  (void)state;
  cw_articles *list = extract_file("visible-meta.html");
  const cw_article *a = cw_articles_get(list, 0);
  /* no og:title, no JSON-LD: the two-word <title> names a section, the
   * <h1> is the headline */
  assert_string_equal(a->title, "Restored tramcars roll into new Kelby "
                                "museum");
  assert_string_equal(a->byline, "Oskar Lindqvist");
  assert_string_equal(a->published, "2022-07-15T10:00:00Z");
  assert_string_equal(a->url,
                      "https://northgazette.example/2022/07/15/"
                      "tramway-museum-opens/");
  assert_has(a->text, "Six restored tramcars");
  assert_has(a->text, "double-deck model from 1921");
  assert_lacks(a->text, "By Oskar");
  cw_articles_free(list);
}

static void test_url_date(void **state) {
  (void)state;
  static const char page[] =
      "<html><head><title>Pier</title>"
      "<link rel=\"canonical\" href=\"https://x.example/2020/05/06/pier\">"
      "</head><body><div><p>The old pier at Sandhollow will be rebuilt in "
      "stone after the county approved the plan on Wednesday, ending a long "
      "argument over its cost and design between the town and the "
      "fishermen's association that uses it every day.</p></div></body>"
      "</html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "pier.html");
  assert_string_equal(cw_articles_get(list, 0)->published, "2020-05-06");
  cw_articles_free(list);
}

static void test_text_dates(void **state) {
  (void)state;
  static const char page[] =
      "<html><head><meta name=\"date\" content=\"March 3rd, 2019\">"
      "</head><body><p>Snow closed the mountain road above Ferrant for the "
      "third time this winter, and the pass will stay shut until crews clear "
      "the avalanche debris that buried a stretch of it overnight.</p>"
      "</body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "snow.html");
  assert_string_equal(cw_articles_get(list, 0)->published, "2019-03-03");
  cw_articles_free(list);
}

static void test_jsonld_article_body(void **state) {
  (void)state;
  cw_articles *list = extract_file("ld-body.html");
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->title, "Brenmoor council votes to keep night buses");
  assert_string_equal(a->byline, "Leona Fitch");
  assert_string_equal(a->published, "2021-02-03");
  assert_has(a->text, "petition signed by more than 6,000 residents");
  assert_has(a->text, "another year, reversing a plan to cut them to save "
                      "money.\n\nThe vote");
  assert_lacks(a->text, "Subscribe to read more");
  cw_articles_free(list);
}

static void test_aggregator_parts(void **state) {
  (void)state;
  cw_articles *list = extract_file("aggregator.html");
  /* the main story and the two related stories printed in full; the
   * teaser is not a story */
  assert_int_equal(cw_articles_count(list), 3);
  const cw_article *a = cw_articles_get(list, 0);
  assert_int_equal(a->part, 0);
  assert_string_equal(a->title, "Wind farm off Skerrow Point gets final "
                                "approval");
  assert_has(a->text, "40-turbine wind farm");
  assert_has(a->text, "sixty permanent jobs");
  assert_lacks(a->text, "law firms");
  const cw_article *b = cw_articles_get(list, 1);
  assert_int_equal(b->part, 1);
  assert_string_equal(b->title,
                      "Crab fishers weigh legal challenge to turbine plan");
  assert_string_equal(b->published, "2024-06-12T09:00:00Z");
  assert_string_equal(b->outlet, "Coastline Daily");
  assert_has(b->text, "asked two law firms for advice");
  assert_lacks(b->text, "Crab fishers weigh");
  const cw_article *c = cw_articles_get(list, 2);
  assert_int_equal(c->part, 2);
  assert_has(c->text, "single export cable");
  cw_articles_free(list);

  /* a single-story page gives one article */
  list = extract_file("boilerplate.html");
  assert_int_equal(cw_articles_count(list), 1);
  cw_articles_free(list);
}

/* ---- charsets ------------------------------------------------------------- */

static void test_undeclared_cp1252(void **state) {
  (void)state;
  /* Windows-1252 bytes, no declaration: e acute, curly quotes, en dash */
  static const char page[] =
      "<html><head><title>Caf\xe9 reopens</title></head><body><p>The "
      "\x93" "Caf\xe9 Lumi\xe8re\x94 on Tessel Square reopened on Friday "
      "\x96 two years after a fire gutted its kitchen \x96 with the same "
      "owners, the same menu and, its regulars say, the same crooked "
      "tables that the fire somehow spared.</p></body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "cafe.html");
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->title, "Caf\xc3\xa9 reopens");
  assert_has(a->text, "\xe2\x80\x9c"
                      "Caf\xc3\xa9 Lumi\xc3\xa8re\xe2\x80\x9d");
  assert_has(a->text, "Friday \xe2\x80\x93 two years");
  cw_articles_free(list);
}

static void test_declared_koi8r(void **state) {
  (void)state;
  /* KOI8-R: "Привет" is F0 D2 C9 D7 C5 D4 */
  static const char page[] =
      "<html><head><meta charset=\"koi8-r\"><title>\xf0\xd2\xc9\xd7\xc5\xd4"
      "</title></head><body><p>\xf0\xd2\xc9\xd7\xc5\xd4, the harbour choir "
      "of Vessby sang at the opening of the new concert hall on the quay, "
      "in front of an audience of four hundred and the mayor.</p></body>"
      "</html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "koi8.html");
  const cw_article *a = cw_articles_get(list, 0);
  const char *privet = "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82";
  assert_string_equal(a->title, privet);
  assert_has(a->text, privet);
  cw_articles_free(list);
}

static void test_declared_shift_jis(void **state) {
  (void)state;
  /* Shift_JIS "日本語" (93 FA 96 7B 8C EA), with 0x81 0x42 "。" whose lead
   * byte Windows-1252 leaves undefined */
  static const char page[] =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=Shift_JIS\"><title>\x93\xfa\x96\x7b\x8c\xea</title></head>"
      "<body><p>\x93\xfa\x96\x7b\x8c\xea\x81\x42 The Kanto ferry timetable "
      "changes on Monday, the operator said in a notice to passengers "
      "posted at every pier along the bay.</p></body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "sjis.html");
  const cw_article *a = cw_articles_get(list, 0);
  const char *nihongo = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e";
  assert_string_equal(a->title, nihongo);
  assert_has(a->text, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x80\x82 The "
                      "Kanto");
  cw_articles_free(list);
}

static void test_declared_utf8_with_bom(void **state) {
  (void)state;
  /* a UTF-8 page that also (wrongly) declares latin-1 stays UTF-8 */
  static const char page[] =
      "\xef\xbb\xbf<html><head><meta http-equiv=\"Content-Type\" "
      "content=\"text/html; charset=iso-8859-1\"><title>N\xc3\xbcrnberg"
      "</title></head><body><p>The N\xc3\xbcrnberg toy fair closed its "
      "doors on Sunday after five days, with organisers reporting more "
      "visitors than in any year since the fair moved to its new hall.</p>"
      "</body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "fair.html");
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->title, "N\xc3\xbcrnberg");
  assert_has(a->text, "The N\xc3\xbcrnberg toy fair");
  cw_articles_free(list);
}

/* The word "charset" near the top of a page stays as written: the parser
 * is told to ignore the page's declarations, the page is not changed. */
static void test_charset_word_kept(void **state) {
  (void)state;
  static const char page[] =
      "<html><head><meta charset=\"iso-8859-1\"><title>Courier help"
      "</title></head><body><article><h1>Courier help</h1><p>To show the "
      "lock log in N\xc3\xbcrnberg type, the page starts with &lt;meta "
      "charset=\"utf-8\"&gt; and nothing else, say the web keepers of the "
      "Saltmere Courier, who set the lock log up last spring.</p><p>The "
      "keepers add that a page declaring another charset, as old pages "
      "of the Courier do, is read as it was written all the same.</p>"
      "</article></body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "help.html");
  const cw_article *a = cw_articles_get(list, 0);
  assert_has(a->text, "starts with <meta charset=\"utf-8\"> and nothing");
  assert_lacks(a->text, "xharset");
  assert_has(a->text, "lock log in N\xc3\xbcrnberg type");
  cw_articles_free(list);
}

/* A page encoded as UTF-8 twice (its bytes read as Windows-1252 and
 * written out as UTF-8 again) is read back; a page in UTF-8 whose accents
 * only look like such pairs at first stays as it is. */
static void test_utf8_encoded_twice(void **state) {
  (void)state;
  /* "Café’s" twice: C3 A9 as "Ã©", E2 80 99 as "â€™" */
  static const char twice[] =
      "<html><head><title>Caf\xc3\x83\xc2\xa9</title></head><body><p>The "
      "Caf\xc3\x83\xc2\xa9 on the quay at Saltmere opened its doors again "
      "on Sunday\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s morning, after a "
      "winter of repairs to the roof and the old kitchen range.</p>"
      "</body></html>";
  cw_articles *list = extract_ok(twice, sizeof twice - 1, "twice.html");
  const cw_article *a = cw_articles_get(list, 0);
  assert_has(a->text, "The Caf\xc3\xa9 on the quay");
  assert_has(a->text, "Sunday\xe2\x80\x99s morning");
  cw_articles_free(list);
  static const char once[] =
      "<html><head><title>K\xc3\xbc" "che</title></head><body><p>The "
      "K\xc3\xbc" "che on the quay at Saltmere opened its doors again on "
      "Sunday morning, after a winter of repairs to the roof and the old "
      "kitchen range, \xc3\xa0 la carte.</p></body></html>";
  list = extract_ok(once, sizeof once - 1, "once.html");
  a = cw_articles_get(list, 0);
  assert_has(a->text, "The K\xc3\xbc" "che on the quay");
  assert_has(a->text, "\xc3\xa0 la carte");
  cw_articles_free(list);
}

/* A body holding a node that the copies held in an arena do not make (a
 * CDATA section, which the parser puts only in scripts and styles) is
 * scored on copies of libxml2's own nodes: the text reads as it does with
 * a text node in the section's place. */
static void test_body_copy_fallback(void **state) {
  (void)state;
  static const char page[] =
      "<html><body><article><h1>Saltmere lock</h1><p>The keepers opened "
      "the upper gate at six, as they do each spring,</p><p>Repairs to the "
      "lower gate, the keepers say, will take the rest of the month, and "
      "the boats will queue at the quay until then, as they did last "
      "year.</p><p>The council, which pays for the repairs, says the "
      "money is there, and that the work will be done before the summer "
      "crowds arrive at the lock.</p></article></body></html>";
  static const char more[] = " and the tide came in over the sill.";
  char *texts[2];
  for (int k = 0; k < 2; k++) {
    htmlDocPtr doc = cw_html_parse(page, sizeof page - 1, "cdata.html");
    assert_non_null(doc);
    cw_html_meta m;
    memset(&m, 0, sizeof m);
    assert_int_equal(cw_html_meta_read(doc, "cdata.html", &m), CW_OK);
    double page_len;
    xmlNode *body = cw_html_prune(doc, &page_len);
    xmlNode *p = cw_html_find(body, "p");
    assert_non_null(p);
    xmlNode *t = k ? xmlNewCDataBlock(doc, (const xmlChar *)more,
                                      (int)strlen(more))
                   : xmlNewDocText(doc, (const xmlChar *)more);
    assert_non_null(xmlAddChild(p, t));
    cw_buf out;
    cw_buf_init(&out, 0);
    cw_vec caps;
    cw_vec_init(&caps, sizeof(char *));
    assert_int_equal(cw_html_body(doc, body, page_len, &m, &out, &caps),
                     CW_OK);
    texts[k] = cw_strndup(out.ptr, out.len);
    assert_non_null(texts[k]);
    for (size_t i = 0; i < caps.len; i++)
      free(CW_VEC_AT(&caps, char *, i));
    cw_vec_free(&caps);
    cw_buf_free(&out);
    cw_html_meta_free(&m);
    xmlFreeDoc(doc);
  }
  assert_has(texts[1], "as they do each spring, and the tide came in over "
                       "the sill.");
  assert_string_equal(texts[0], texts[1]);
  free(texts[0]);
  free(texts[1]);
}

/* ---- hostile input ----------------------------------------------------------- */

static void test_deep_nesting(void **state) {
  (void)state;
  size_t depth = 100000;
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_puts(&b, "<html><body>");
  for (size_t i = 0; i < depth; i++)
    cw_buf_puts(&b, "<div>");
  cw_buf_puts(&b, "<p>Deep text that nobody will read.</p>");
  for (size_t i = 0; i < depth; i++)
    cw_buf_puts(&b, "</div>");
  cw_buf_puts(&b, "<p>A shallow paragraph about the lock keepers of the "
                  "Ormen canal, who went on strike for a day over pay and "
                  "left forty barges waiting at the upper gates.</p>");
  cw_buf_puts(&b, "</body></html>");
  assert_int_equal(b.err, CW_OK);
  cw_articles *list = NULL;
  cw_error err;
  cw_status st = cw_extract_bytes(b.ptr, b.len, "deep.html", NULL, &list, &err);
  /* either an article or a clear error, never a crash or a hang */
  if (st == CW_OK) {
    assert_true(cw_articles_count(list) >= 1);
    cw_articles_free(list);
  } else {
    assert_true(err.msg[0] != '\0');
  }
  cw_buf_free(&b);
}

static void test_huge_attribute(void **state) {
  (void)state;
  size_t n = (size_t)8 << 20;
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_puts(&b, "<html><body><div class=\"");
  for (size_t i = 0; i < n; i++)
    cw_buf_putc(&b, (char)('a' + i % 26));
  cw_buf_puts(&b, "\"><p>The tide tables for the Marren estuary were "
                  "corrected on Monday after the harbour office found that "
                  "the printed times were an hour out for the whole of "
                  "April.</p></div></body></html>");
  assert_int_equal(b.err, CW_OK);
  cw_articles *list = extract_ok(b.ptr, b.len, "attr.html");
  assert_has(cw_articles_get(list, 0)->text, "Marren estuary");
  cw_articles_free(list);
  cw_buf_free(&b);
}

static void test_no_body_and_empty(void **state) {
  (void)state;
  cw_articles *list = NULL;
  cw_error err;
  static const char head_only[] =
      "<html><head><title>Nothing here</title></head></html>";
  cw_status st = cw_extract_bytes(head_only, sizeof head_only - 1,
                                  "head.html", NULL, &list, &err);
  assert_int_equal(st, CW_ERR_EMPTY);
  assert_null(list);
  assert_non_null(strstr(err.msg, "head.html"));

  static const char empty_body[] = "<html><body>   </body></html>";
  st = cw_extract_bytes(empty_body, sizeof empty_body - 1, "e.html", NULL,
                        &list, &err);
  assert_int_equal(st, CW_ERR_EMPTY);

  st = cw_extract_bytes("", 0, "zero.html", NULL, &list, &err);
  assert_int_equal(st, CW_ERR_EMPTY);

  static const char binary[] = "<html>\x00\x01\x02\x03\xff\xfe";
  st = cw_extract_bytes(binary, sizeof binary - 1, "bin.html", NULL, &list,
                        &err);
  assert_int_equal(st, CW_ERR_BINARY);
}

/* Found by fuzz/fuzz_html.c: the parser nests <body> inside an unknown
 * element of <head> that the cleaning pass drops, which freed the body
 * the scorer then walked (use-after-free under ASan). */
static void test_body_inside_dropped_element(void **state) {
  (void)state;
  static const char *const pages[] = {
      "<head><t><body",
      "<head><t><body><p>One line that is not an article.</p>",
      "<head><script><body><p>x</p></script>"};
  for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
    cw_articles *list = NULL;
    cw_error err;
    cw_status st = cw_extract_bytes(pages[i], strlen(pages[i]), "fuzz.html",
                                    NULL, &list, &err);
    assert_true(st == CW_OK || st == CW_ERR_EMPTY);
    if (st == CW_OK)
      cw_articles_free(list);
    else
      assert_non_null(strstr(err.msg, "fuzz.html"));
  }
}

static void test_direct_reader(void **state) {
  (void)state;
  /* cw_extract_html itself on broken markup: unclosed tags, stray ends */
  static const char page[] =
      "<div><p>Unclosed paragraph about the Tarrow bridge toll, which rises "
      "by ten cents in June <b>for cars<p>and by a dollar for lorries, the "
      "bridge trust said on Tuesday in a statement</i></span></div></div>";
  cw_extract_ctx ctx = {"broken.html", NULL};
  cw_articles *list = cw_articles_new();
  cw_error err;
  assert_non_null(list);
  assert_int_equal(cw_extract_html(page, sizeof page - 1, &ctx, list, &err),
                   CW_OK);
  assert_has(cw_articles_get(list, 0)->text, "Tarrow bridge toll");
  assert_has(cw_articles_get(list, 0)->text, "by a dollar for lorries");
  cw_articles_free(list);
}

/* The <h1> is the headline when the metadata title is it dressed up for
 * search engines; character references left in metadata are decoded. */
static void test_h1_headline_and_refs(void **state) {
  (void)state;
  static const char page[] =
      "<html><head><title>Quay cranes return &amp;#8211; Port Ellery "
      "Gazette</title>"
      "<meta property=\"og:title\" content=\"Quay cranes return to Port "
      "Ellery (2031 update) &amp;#8211; Port Ellery Gazette\">"
      "<meta property=\"og:site_name\" content=\"Ellery &amp;amp; Co\">"
      "</head><body><h1>Menu</h1><article><h1>Quay cranes return to Port "
      "Ellery</h1><p>Two container cranes that were shipped away for "
      "repairs last winter came back to the quay at Port Ellery on "
      "Thursday, and the harbour board said loading would resume within a "
      "fortnight once the rails were checked.</p></article></body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "cranes.html");
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->title, "Quay cranes return to Port Ellery");
  assert_string_equal(a->outlet, "Ellery & Co");
  cw_articles_free(list);

  /* an <h1> that shares few words with the title is not its headline */
  static const char other[] =
      "<html><head><meta property=\"og:title\" content=\"Night ferry "
      "timetable changes for winter &amp;amp; spring\"></head><body>"
      "<h1>Latest from "
      "the harbour</h1><p>The night ferry between Calden and Sorrow Point "
      "will leave half an hour earlier from November, the operator said, "
      "to match the last train from the city.</p></body></html>";
  list = extract_ok(other, sizeof other - 1, "ferry.html");
  assert_string_equal(cw_articles_get(list, 0)->title,
                      "Night ferry timetable changes for winter & spring");
  cw_articles_free(list);
}

/* A date shown only as text near the headline, behind a label. */
static void test_visible_date(void **state) {
  (void)state;
  static const char page[] =
      "<html><head><title>Orchard fair</title></head><body>"
      "<p class=\"nav-note\">Call 555-0101 from 2020 onwards</p>"
      "<h1>Orchard fair draws record crowd</h1>"
      "<div><span>Last updated:</span> <span>Sep 14, 2030</span></div>"
      "<p>More than nine thousand visitors came to the orchard fair at "
      "Wenholt over the weekend, the organisers said, the most since the "
      "fair began, helped by dry weather and a new bus link.</p>"
      "</body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "fair.html");
  assert_string_equal(cw_articles_get(list, 0)->published, "2030-09-14");
  cw_articles_free(list);

  /* marked-up dates win over shown ones; a modification time is the last
   * resort */
  static const char marked[] =
      "<html><head><meta property=\"article:modified_time\" "
      "content=\"2031-01-05T10:00:00Z\"></head><body>"
      "<p>Ice on the Varn canal was thick enough for skating on Sunday for "
      "the first time in eleven years, and hundreds of people came out "
      "onto it before the thaw set in.</p></body></html>";
  list = extract_ok(marked, sizeof marked - 1, "ice.html");
  assert_string_equal(cw_articles_get(list, 0)->published,
                      "2031-01-05T10:00:00Z");
  cw_articles_free(list);
  static const char both[] =
      "<html><head><meta property=\"article:modified_time\" "
      "content=\"2031-01-05T10:00:00Z\"></head><body>"
      "<time>January 2, 2031</time>"
      "<p>Ice on the Varn canal was thick enough for skating on Sunday for "
      "the first time in eleven years, and hundreds of people came out "
      "onto it before the thaw set in.</p></body></html>";
  list = extract_ok(both, sizeof both - 1, "ice2.html");
  assert_string_equal(cw_articles_get(list, 0)->published, "2031-01-02");
  cw_articles_free(list);
}

/* libxml2 nests the rest of the page in an unclosed <button>: the story
 * inside it is still the story. */
static void test_unclosed_button(void **state) {
  (void)state;
  static const char page[] =
      "<html><body><header><div><button class=\"menu\"><div>"
      "<main><article><p>The lighthouse at Carrow Head was switched back on "
      "on Friday night after a two-year restoration paid for by a public "
      "appeal, and its beam can again be seen from the far side of the "
      "bay on clear nights.</p>"
      "<p>Volunteers rebuilt the lamp room, replaced the glazing and "
      "repainted the tower in its old red and white bands, using paint "
      "mixed to match flakes found under the gallery.</p>"
      "<p>The trust that owns it plans to open the tower to visitors on "
      "summer weekends from next year, with the climb limited to small "
      "groups because the stair is narrow and steep.</p>"
      "<p>Shipping no longer needs the light, which was replaced by a "
      "buoy in the 1990s, but the coastguard has agreed to list it as an "
      "aid to small craft heading for the harbour.</p>"
      "</article></main></div></button></div></header></body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "light.html");
  const char *t = cw_articles_get(list, 0)->text;
  assert_has(t, "lighthouse at Carrow Head");
  assert_has(t, "aid to small craft");
  cw_articles_free(list);

  /* a real button's label stays out */
  static const char small[] =
      "<html><body><button>Subscribe now for updates</button><p>The "
      "lighthouse at Carrow Head was switched back on on Friday night after "
      "a two-year restoration paid for by a public appeal.</p>"
      "</body></html>";
  list = extract_ok(small, sizeof small - 1, "light2.html");
  assert_lacks(cw_articles_get(list, 0)->text, "Subscribe now");
  cw_articles_free(list);
}

/* A listing has no paragraph long enough to score: its main region, less
 * the page chrome, is the content. */
static void test_listing_region(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_puts(&b, "<html><body><header><a href=\"/\">Home</a> "
                  "<a href=\"/shop\">Shop the Ferrow catalogue</a></header>"
                  "<main><h1>Garden tools</h1><ul>");
  static const char *const items[] = {"Ash-handled spade", "Border fork",
                                      "Copper trowel", "Dutch hoe",
                                      "Edging shears", "Fruit picker"};
  for (size_t i = 0; i < 6; i++) {
    cw_buf_puts(&b, "<li><a href=\"/p\">");
    cw_buf_puts(&b, items[i]);
    cw_buf_puts(&b, "</a> <span>In stock, ships in two days</span></li>");
  }
  cw_buf_puts(&b, "</ul></main><footer>Ferrow Tools Ltd, 4 Mill Yard. "
                  "All rights reserved.</footer>"
                  "<div class=\"newsletter\">Sign up for our newsletter and "
                  "get ten percent off your first order with us.</div>"
                  "</body></html>");
  assert_int_equal(b.err, CW_OK);
  cw_articles *list = extract_ok(b.ptr, b.len, "tools.html");
  const char *t = cw_articles_get(list, 0)->text;
  assert_has(t, "Ash-handled spade");
  assert_has(t, "Fruit picker");
  assert_lacks(t, "All rights reserved");
  assert_lacks(t, "newsletter");
  assert_lacks(t, "Shop the Ferrow catalogue");
  cw_articles_free(list);
  cw_buf_free(&b);
}

/* A discussion thread: the opening post and its replies repeat one
 * structure, nested deeper than paragraph scores reach, and the replies
 * are short, each scoring well below the opening post; together they hold
 * more than it, and all of them are the content, not only the longest
 * post. */
static void test_thread_posts(void **state) {
  (void)state;
  static const char *const who[] = {"Maren Oduya", "Tobiah Lenk",
                                    "Ysolde Parr", "Quill Amsel",
                                    "Bram Ostrova", "Edda Kolm"};
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_puts(&b, "<html><head><title>Frost on the seedlings - Vetch Lane "
                  "Growers</title></head><body><nav><a href=\"/\">Boards"
                  "</a> <a href=\"/new\">New posts</a></nav>"
                  "<div class=\"thread\">");
  cw_buf_puts(&b, "<div class=\"msg first\"><div class=\"msg-wrap\">"
                  "<div class=\"msg-inner\"><div class=\"msg-from\">"
                  "Halvard Stene</div><div class=\"msg-text\">");
  for (int i = 0; i < 4; i++)
    cw_buf_printf(&b,
                  "<p>Opening paragraph %d: the seedlings on the north bed "
                  "came through the first frost of the season but the "
                  "leaves went dark at the edges overnight and the stems "
                  "look thinner than last spring when we planted the same "
                  "seed in the same raised beds near the shed.</p>",
                  i + 1);
  cw_buf_puts(&b, "</div></div></div></div>");
  for (int k = 0; k < 6; k++)
    cw_buf_printf(&b,
                  "<div class=\"msg reply\"><div class=\"msg-wrap\">"
                  "<div class=\"msg-inner\"><div class=\"msg-from\">%s"
                  "</div><div class=\"msg-text\"><p>Reply %d: cover them "
                  "with fleece at dusk and water in the morning only so "
                  "the soil is not wet and cold when the temperature drops "
                  "again after dark and the wind turns to the north "
                  "again.</p></div></div></div></div>",
                  who[k], k + 1);
  cw_buf_puts(&b, "</div><footer>Vetch Lane Growers forum, run by "
                  "volunteers.</footer></body></html>");
  assert_int_equal(b.err, CW_OK);
  cw_articles *list = extract_ok(b.ptr, b.len, "thread.html");
  const char *t = cw_articles_get(list, 0)->text;
  assert_has(t, "Opening paragraph 1:");
  assert_has(t, "Opening paragraph 4:");
  assert_has(t, "Reply 1:");
  assert_has(t, "Reply 6:");
  assert_has(t, "Ysolde Parr");
  assert_lacks(t, "run by volunteers");
  cw_articles_free(list);
  cw_buf_free(&b);
}

/* A consent box or modal is never the content, even on a page too short
 * for an article, where the retries with fewer removals run. */
static void test_consent_overlay(void **state) {
  (void)state;
  static const char page[] =
      "<html><body>"
      "<div class=\"consent-layer\"><h2>We value your privacy</h2>"
      "<p>We and our 214 partners process personal data such as device "
      "identifiers to personalise content, measure audiences, develop and "
      "improve products, and store or access information on your device. "
      "You can accept, reject or manage your choices at any time.</p>"
      "<p>Your choices apply to this site only and are kept for thirteen "
      "months, after which we will ask you again for your consent.</p>"
      "</div>"
      "<div class=\"modal-window\"><p>Get the Orrin Kettle guide, free "
      "every week in your inbox, with recipes, offers and much more from "
      "our kitchen team.</p></div>"
      "<div class=\"product\"><h1>Orrin stovetop kettle, 1.8 litres</h1>"
      "<p>Brushed steel body, a whistle that lifts with the handle, and a "
      "base for gas, electric and induction hobs. See the care notes "
      "before first use.</p>"
      "<p>Price: 46 pounds. Ships in three days.</p></div>"
      "</body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "kettle.html");
  const char *t = cw_articles_get(list, 0)->text;
  assert_has(t, "Brushed steel body");
  assert_has(t, "See the care notes before first use.");
  assert_lacks(t, "partners process");
  assert_lacks(t, "thirteen months");
  assert_lacks(t, "in your inbox");
  cw_articles_free(list);
}

/* Lines at the edges of the article that are no part of it: a skip link
 * before, a "more to read" heading and its links after. */
static void test_edge_trimming(void **state) {
  (void)state;
  static const char page[] =
      "<html><body><div class=\"post\">"
      "<a href=\"#main\">Skip to the story</a>"
      "<p>The ferry to Inchmurrin ran again on Saturday after the pier was "
      "rebuilt, and the first crossing carried forty passengers, two dogs "
      "and the island's post for the week.</p>"
      "<p>The council paid for the new pier with a loan it will repay from "
      "landing fees, which rise by a pound from April, the harbour master "
      "said.</p>"
      "<p>Islanders had crossed by a borrowed fishing boat since the old "
      "pier was closed in January, when a survey found its piles had "
      "rotted through.</p>"
      "<p>A second boat will join it in the summer, when the crossing runs "
      "every two hours and the island's campsite opens again.</p>"
      "<p>Thanks for reading.</p>"
      "<h3>You might also like</h3>"
      "<div><a href=\"/a\">Bridge tolls go up</a> <a href=\"/b\">A new "
      "bus to Calden</a></div>"
      "<div>Share this</div>"
      "</div></body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "pier2.html");
  const char *t = cw_articles_get(list, 0)->text;
  assert_has(t, "The ferry to Inchmurrin");
  assert_has(t, "Thanks for reading.");
  assert_lacks(t, "Skip to the story");
  assert_lacks(t, "You might also like");
  assert_lacks(t, "Bridge tolls");
  assert_lacks(t, "Share this");
  cw_articles_free(list);

  /* a page of nothing but short lines keeps them */
  static const char tiny[] =
      "<html><body><article><h2>Gate times</h2><img src=\"g.png\">"
      "<h2>Ferry prices</h2></article></body></html>";
  list = extract_ok(tiny, sizeof tiny - 1, "tiny.html");
  assert_has(cw_articles_get(list, 0)->text, "Gate times");
  assert_has(cw_articles_get(list, 0)->text, "Ferry prices");
  cw_articles_free(list);
}

/* Edge trimming measures a block only as far as its size matters: a
 * trailing link block under the cut (200 characters) goes, one over it
 * stays, and a class read in place or copied (over 256 bytes) names the
 * byline alike, upper case or not, avatars aside. */
static void test_edge_cap_and_byline_class(void **state) {
  (void)state;
  static const char page[] =
      "<html><body><div class=\"story\">"
      "<div class=\"Author-Avatar\">Picture desk</div>"
      "<span class=\"x1 x2 x3 x4 x5 x6 x7 x8 x9 x10 x11 x12 x13 x14 x15 x16 "
      "x17 x18 x19 x20 x21 x22 x23 x24 x25 x26 x27 x28 x29 x30 x31 x32 x33 "
      "x34 x35 x36 x37 x38 x39 x40 x41 x42 x43 x44 x45 x46 x47 x48 x49 x50 "
      "x51 x52 x53 x54 x55 x56 x57 x58 x59 x60 x61 x62 x63 x64 x65 x66 x67 "
      "x68 x69 x70 ByLine\">"
      "Ravi Ostendorf</span>"
      "<p>The lock keepers on the Selby cut went back to work on Monday after "
      "the canal trust agreed to hire two more staff for the summer, ending "
      "a week in which boats queued for hours at the top gate.</p>"
      "<p>The trust said the extra keepers would work the busiest weekends, "
      "when more than a hundred boats pass the flight, and that it would "
      "review the rota again in September.</p>"
      "<p>Boaters had complained that the queue reached back past the "
      "swing bridge, and some moored overnight rather than wait for the "
      "gates to open in the morning.</p>"
      "<p>A keeper who has worked the flight for eleven years said the "
      "summer crowds had doubled since the marina opened upstream.</p>"
      "<p>The trust will publish the queue times it records at each lock "
      "on its website every week, so that crews can plan their passage "
      "through the flight at quieter hours.</p>"
      "<p>Volunteers who helped at the top gate during the worst of the "
      "queues were thanked by the trust, which said it hoped some of them "
      "would train as keepers before next season.</p>"
      "<p>The marina owners said they would ask their berth holders to "
      "leave on weekday mornings where they could, easing the Saturday "
      "rush at the bottom of the flight.</p>"
      "<p><a href=\"/c1\">Canal trust annual report and accounts, with the "
      "repairs made to every lock, weir and bridge on the northern network "
      "this year and last</a> and "
      "<a href=\"/c2\">the winter stoppage programme for every waterway "
      "in the region</a></p>"
      "<p><a href=\"/d1\">Marina fees</a> <a href=\"/d2\">Towpath "
      "closures</a></p>"
      "</div></body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "locks.html");
  const cw_article *a = cw_articles_get(list, 0);
  assert_has(a->text, "The lock keepers on the Selby cut");
  assert_has(a->text, "Canal trust annual report");
  assert_lacks(a->text, "Towpath closures");
  assert_non_null(a->byline);
  assert_string_equal(a->byline, "Ravi Ostendorf");
  cw_articles_free(list);
}

/* A block repeated word for word (the slides of a carousel, a second copy
 * of the page for small screens) is kept once; short repeats stay. */
static void test_repeated_blocks(void **state) {
  (void)state;
  static const char page[] =
      "<html><body><article>"
      "<p>The Harwick orchard sells its first cider this autumn, pressed "
      "from apples that grew on trees planted by the village school.</p>"
      "<div class=\"slide\"><p>Pressed on the farm, bottled by hand and "
      "sold at the gate every Saturday morning.</p></div>"
      "<div class=\"slide\"><p>Pressed on the farm, bottled by hand and "
      "sold at the gate every Saturday morning.</p></div>"
      "<p>Pupils planted the trees twelve years ago, and the orchard now "
      "has more than two hundred of them, of nine varieties.</p>"
      "<p>Orchard diary.</p>"
      "<p>The school will spend what the cider earns on a new greenhouse, "
      "the head teacher, Wilma Dunstable, said on Friday.</p>"
      "<p>Orchard diary.</p>"
      "</article></body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "cider.html");
  const char *t = cw_articles_get(list, 0)->text;
  const char *once = strstr(t, "Pressed on the farm");
  assert_non_null(once);
  assert_null(strstr(once + 1, "Pressed on the farm"));
  assert_has(t, "Pupils planted the trees");
  assert_has(t, "new greenhouse");
  const char *more = strstr(t, "Orchard diary.");
  assert_non_null(more);
  assert_non_null(strstr(more + 1, "Orchard diary."));
  cw_articles_free(list);
}

/* ---- dates, titles and chrome (helper html4) ------------------------------ */

/* The story of the invented pages below: its date is whatever each page
 * shows around it. */
#define FERRY_STORY                                                            \
  "<article><p>The Kelby ferry returned to its winter timetable on Monday "  \
  "after repairs to the pier, the harbour office said in a short "           \
  "statement to travellers.</p><p>Crossings now leave every ninety "         \
  "minutes from seven in the morning until late evening, with extra boats "  \
  "on market days and during the school holidays.</p></article>"

static const char *published_of(const char *page, const char *origin) {
  static char got[32];
  cw_articles *list = extract_ok(page, strlen(page), origin);
  const char *p = cw_articles_get(list, 0)->published;
  snprintf(got, sizeof got, "%s", p ? p : "(null)");
  cw_articles_free(list);
  return got;
}

/* A <meta> whose name says publish without being one of the known names,
 * and a datePublished element with the date only as its text (which comes
 * before a date-classed element elsewhere on the page). */
static void test_date_loose_markup(void **state) {
  (void)state;
  assert_string_equal(
      published_of("<html><head><title>Ferry</title><meta name=\"published\" "
                   "content=\"July 17, 2025\"><meta name=\"publisher\" "
                   "content=\"Kelby Times\"></head><body>" FERRY_STORY
                   "</body></html>",
                   "meta.html"),
      "2025-07-17");
  assert_string_equal(
      published_of("<html><body><span itemprop=\"datePublished\">October 17, "
                   "2018</span>" FERRY_STORY "<aside><div class=\"date\">"
                   "January 28, 2026</div></aside></body></html>",
                   "itemprop.html"),
      "2018-10-17");
  /* a <time> with a value still comes first (Q&A pages mark every answer
   * with a datePublished text) */
  assert_string_equal(
      published_of("<html><body><time datetime=\"2014-02-04T13:02:51Z\">"
                   "Feb 4</time>" FERRY_STORY "<div itemprop=\"datePublished\">"
                   "2018-05-21 20:37:55 +00:00</div></body></html>",
                   "answers.html"),
      "2014-02-04T13:02:51Z");
}

/* Days written in numbers: dots day first, slashes month first unless the
 * first number cannot be a month; indented markup does not make a short
 * date line long. */
static void test_date_numeric_and_indented(void **state) {
  (void)state;
  assert_string_equal(
      published_of("<html><body><div class=\"when\">\n        12.11.2025\n"
                   "    </div>" FERRY_STORY "</body></html>",
                   "dots.html"),
      "2025-11-12");
  assert_string_equal(
      published_of("<html><body><span class=\"posted\">15/12/2025</span>"
                   FERRY_STORY "</body></html>",
                   "slash.html"),
      "2025-12-15");
  assert_string_equal(
      published_of("<html><body><span class=\"posted\">03/01/2017</span>"
                   FERRY_STORY "</body></html>",
                   "us.html"),
      "2017-03-01");
  assert_string_equal(
      published_of("<html><body><table><tr><td>\r\n\t\t\t<!-- status -->\r\n"
                   "\t\t\t<img src=\"old.gif\" alt=\"\">\r\n\t\t\t30th March "
                   "2025, 16:26\r\n\t\t\t\r\n\t\t\t<!-- / status -->\r\n\t\t"
                   "</td></tr></table>" FERRY_STORY "</body></html>",
                   "forum.html"),
      "2025-03-30");
}

/* Date lines with more than the date: a byline after it, an update after
 * it, a byline before it. */
static void test_date_lines(void **state) {
  (void)state;
  assert_string_equal(
      published_of("<html><body><div class=\"meta\">Dec. 19, 2025 &middot; "
                   "Anna Berg\n  on behalf of <a href=\"/team\">the harbour "
                   "board</a></div>" FERRY_STORY "</body></html>",
                   "lead.html"),
      "2025-12-19");
  assert_string_equal(
      published_of("<html><body><fieldset><legend>Harbour notes, week 2"
                   "</legend>\n20 December 2025\n\n<div class=\"body\">"
                   FERRY_STORY "</div></fieldset></body></html>",
                   "legend.html"),
      "2025-12-20");
  assert_string_equal(
      published_of("<html><body><p class=\"when\">December 3, 2025. <i>"
                   "Updated: December 7, 2025</i></p>" FERRY_STORY
                   "</body></html>",
                   "updated.html"),
      "2025-12-03");
  assert_string_equal(
      published_of("<html><body><div class=\"credit\"><strong>By <a "
                   "href=\"/anna\">Anna Berg</a></strong> - Mar 27, 2024"
                   "</div>" FERRY_STORY "</body></html>",
                   "credit.html"),
      "2024-03-27");
  /* a sentence that starts with a number is no date line */
  assert_string_equal(
      published_of("<html><body><div>12 boats and 2025 passengers crossed "
                   "on <a href=\"/m\">market day</a> alone</div>" FERRY_STORY
                   "</body></html>",
                   "numbers.html"),
      "(null)");
}

static const char *title_of(const char *page, const char *origin) {
  static char got[256];
  cw_articles *list = extract_ok(page, strlen(page), origin);
  const char *t = cw_articles_get(list, 0)->title;
  snprintf(got, sizeof got, "%s", t ? t : "(null)");
  cw_articles_free(list);
  return got;
}

/* The <h1> that is one part of the title ("Software | Tech News | ...") is
 * the headline; a documentation generator's "¶" is no part of it; an <h1>
 * that is the title's last part is the site's logo, and its name leaves the
 * title; a logo <h1> never is the headline. */
static void test_title_parts(void **state) {
  (void)state;
  assert_string_equal(
      title_of("<html><head><title>Software | Tech News | Kelby Institute "
               "of Technology</title></head><body><h1>Software</h1>"
               FERRY_STORY "</body></html>",
               "part.html"),
      "Software");
  assert_string_equal(
      title_of("<html><head><title>Logging guide \xe2\x80\x94 Kelby docs"
               "</title></head><body><h1>Logging guide\xc2\xb6</h1>"
               FERRY_STORY "</body></html>",
               "pilcrow.html"),
      "Logging guide");
  assert_string_equal(
      title_of("<html><head><title>Harbour works | Kelby Gazette</title>"
               "</head><body><h1>Kelby Gazette</h1>" FERRY_STORY
               "</body></html>",
               "logo.html"),
      "Harbour works");
  assert_string_equal(
      title_of("<html><head><title>Ferry back on winter timetable | Kelby "
               "Times</title><meta property=\"og:site_name\" content=\"Kelby "
               "Times\"></head><body><h1>Kelby Times</h1>" FERRY_STORY
               "</body></html>",
               "outlet.html"),
      "Ferry back on winter timetable");
  /* "Outlet | Headline" with the headline as the only <h1> */
  assert_string_equal(
      title_of("<html><head><meta property=\"og:title\" content=\"Gazette | "
               "Ferry back on its winter timetable\"></head><body><h1>Ferry "
               "back on its winter timetable</h1>" FERRY_STORY
               "</body></html>",
               "front.html"),
      "Ferry back on its winter timetable");
}

/* Links drawn as buttons and menu entries inside the article go. */
static void test_calls_to_action(void **state) {
  (void)state;
  static const char page[] =
      "<html><body><article><p>The Kelby ferry returned to its winter "
      "timetable on Monday after repairs to the pier, the harbour office "
      "said in a short statement to travellers.</p>"
      "<p><a class=\"btn btn-primary\" href=\"/book\">Book a crossing</a></p>"
      "<ul><li class=\"menu-item\"><a href=\"/about\">About us</a></li></ul>"
      "<p>Crossings now leave every ninety minutes from seven in the morning "
      "until late evening, with extra boats on market days.</p>"
      "<p>The harbour office thanked travellers for their patience during "
      "the works and said the pier would be repainted in the spring.</p>"
      "</article></body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "cta.html");
  const char *t = cw_articles_get(list, 0)->text;
  assert_has(t, "repainted in the spring");
  assert_has(t, "every ninety minutes");
  assert_lacks(t, "Book a crossing");
  assert_lacks(t, "About us");
  cw_articles_free(list);
}

/* The label an emptied ad slot leaves in the story goes; the word in a
 * sentence stays. */
static void test_ad_labels(void **state) {
  (void)state;
  static const char page[] =
      "<html><body><article><p>The Kelby ferry returned to its winter "
      "timetable on Monday after repairs to the pier, the harbour office "
      "said in a short statement to travellers.</p>"
      "<div class=\"breaker\"><span>Advertisement - Continue Reading Below"
      "</span></div>"
      "<p>Crossings now leave every ninety minutes from seven in the morning "
      "until late evening, with extra boats on market days.</p>"
      "<div class=\"breaker\"><span>Advertisement</span></div>"
      "<p>The harbour office thanked travellers for their patience and said "
      "an advertisement for summer crews would appear in the spring.</p>"
      "</article></body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "ads.html");
  const char *t = cw_articles_get(list, 0)->text;
  assert_lacks(t, "Continue Reading Below");
  assert_lacks(t, "\nAdvertisement\n");
  assert_has(t, "an advertisement for summer crews");
  /* paragraphs still one blank line apart */
  assert_has(t, "travellers.\n\nCrossings now leave");
  assert_has(t, "market days.\n\nThe harbour office");
  cw_articles_free(list);
}

/* Lines that are page furniture by their wording go, wherever the markup
 * put them: the dateline and reading time at the head, calls to sign up or
 * follow, share and login controls, an affiliate disclosure as the first
 * line, a "related" heading (alone mid-text; with the rest near the end),
 * a copyright line at the end. Sentences of the story that use the same
 * words stay. */
static void test_boilerplate_lines(void **state) {
  (void)state;
  static const char page[] =
      "<html><body><article><div class=\"top\"><p>Published June 3, 2025 "
      "10:39AM</p><p>4 min read</p><p>This post contains affiliate links; "
      "we may earn a small commission.</p></div>"
      "<p>The Kelby ferry returned to its winter timetable on Monday after "
      "repairs to the pier, the harbour office said in a short statement "
      "to travellers who subscribe to its notices.</p>"
      "<p>Sign up for the Kelby Gazette newsletter</p>"
      "<p>Crossings now leave every ninety minutes from seven in the "
      "morning until late evening, with extra boats on market days.</p>"
      "<h3>You might also like</h3>"
      "<p>The pier itself was rebuilt in stone after the storms of the "
      "winter before last, and the old timber jetty was taken down.</p>"
      "<p>Share this article</p><p>Already have an account? Log in</p>"
      "<p>Read more.</p><p>Photo: Anna Berg / Kelby Gazette</p>"
      "<p>Follow us on Fernwick Social for harbour news</p>"
      "<p>The harbour office thanked travellers for their patience and said "
      "that summer crews would be hired in the spring, as every year, from "
      "the island's own villages and the mainland towns across the sound, "
      "with training on the new boats from March.</p>"
      "<h3>More stories</h3><p>Lighthouse keepers' cottage to open as a "
      "museum</p><p>Island school gets a new roof</p>"
      "<p>\xc2\xa9 2025 Kelby Gazette. All rights reserved.</p>"
      "</article></body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "lines.html");
  const char *t = cw_articles_get(list, 0)->text;
  assert_lacks(t, "Published June 3");
  assert_lacks(t, "4 min read");
  assert_lacks(t, "affiliate links");
  assert_lacks(t, "Sign up for");
  assert_lacks(t, "You might also like");
  assert_lacks(t, "Share this article");
  assert_lacks(t, "Log in");
  assert_lacks(t, "Read more");
  assert_lacks(t, "Anna Berg");
  assert_lacks(t, "Follow us");
  assert_lacks(t, "More stories");
  assert_lacks(t, "Lighthouse keepers");
  assert_lacks(t, "new roof");
  assert_lacks(t, "All rights reserved");
  /* the story, a sentence with "subscribe" in it, and the paragraph after
   * a mid-text "related" heading stay */
  assert_has(t, "travellers who subscribe to its notices.");
  assert_has(t, "The pier itself was rebuilt");
  assert_has(t, "training on the new boats from March.");
  assert_true(strncmp(t, "The Kelby ferry", 15) == 0);
  assert_has(t, "notices.\n\nCrossings now leave");
  cw_articles_free(list);
}

/* Preformatted text is never judged by its wording: a configuration
 * listing whose lines read like a photo credit or a poster's statistics
 * stays whole, while the same words as a line of the story go. */
static void test_boilerplate_lines_spare_code(void **state) {
  (void)state;
  static const char page[] =
      "<html><body><article><p>The Kelby harbour office publishes its "
      "ferry timetable as a small service that any island business can "
      "run on its own machine, configured with a short file.</p>"
      "<p>Photo: Anna Berg / Kelby Gazette</p>"
      "<pre>name: timetable\nimage: kelby/timetable:2.1\nposts: 4\n"
      "share this\n</pre>"
      "<p>The file names the container image and the number of posts the "
      "service keeps, and the office answers questions about it by mail "
      "on weekdays until the end of the season.</p></article></body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "code.html");
  const char *t = cw_articles_get(list, 0)->text;
  assert_lacks(t, "Photo: Anna Berg");
  assert_has(t, "name: timetable\nimage: kelby/timetable:2.1\nposts: 4\n"
                "share this");
  assert_lacks(t, "\x01");
  cw_articles_free(list);
}

/* A thread's posts keep their text; the posters' statistics, the reply
 * buttons and the phone signature go. */
static void test_forum_furniture(void **state) {
  (void)state;
  static const char page[] =
      "<html><body><div class=\"thread\">"
      "<div class=\"post\"><div class=\"who\"><b>ferryfan</b><br>Join Date: "
      "Aug 2008<br>Posts: 1,077<br>10+ Year Member</div><div class=\"msg\">"
      "Does anyone know whether the Kelby ferry still runs on market days "
      "now that the winter timetable is back? I need to bring a trailer "
      "across on Thursday morning.</div><div>Reply with quote</div></div>"
      "<div class=\"post\"><div class=\"who\"><b>harbourwatch</b><br>Join "
      "Date: Mar 2016<br>Posts: 88</div><div class=\"msg\">Yes, there are "
      "extra boats on market days, every ninety minutes from seven in the "
      "morning. Book the trailer space ahead, it fills up by Wednesday."
      "<br>Sent from my phone using Harbour Forums mobile app</div><div>"
      "Reply with quote</div></div>"
      "<div class=\"post\"><div class=\"who\"><b>islander</b><br>Join Date: "
      "Jan 2011<br>Posts: 2,301</div><div class=\"msg\">The office on the "
      "pier takes bookings by phone too, and they hold a few trailer spaces "
      "back for islanders until the evening before.</div><div>Reply with "
      "quote</div></div></div></body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "thread.html");
  const char *t = cw_articles_get(list, 0)->text;
  assert_has(t, "bring a trailer across on Thursday morning.");
  assert_has(t, "it fills up by Wednesday.");
  assert_has(t, "until the evening before.");
  assert_lacks(t, "Join Date");
  assert_lacks(t, "Posts: 1,077");
  assert_lacks(t, "Year Member");
  assert_lacks(t, "Reply with quote");
  assert_lacks(t, "Sent from my phone");
  cw_articles_free(list);
}

/* A title that still holds " | " once the site's name is gone keeps its
 * first part, or the second when the first is one word (a brand). */
static void test_title_bar(void **state) {
  (void)state;
  assert_string_equal(
      title_of("<html><head><title>Movers in Kelby 2025 | Top 9 Firms | "
               "Kelby Guide</title><meta property=\"og:site_name\" "
               "content=\"Kelby Guide\"></head><body>" FERRY_STORY
               "</body></html>",
               "bar.html"),
      "Movers in Kelby 2025");
  assert_string_equal(
      title_of("<html><head><title>Ledgerly | Books for small harbour shops"
               "</title></head><body>" FERRY_STORY "</body></html>",
               "brand.html"),
      "Books for small harbour shops");
}

/* Dates written with bullets around them, after "Posted on the", on a
 * line of their own before a <br>, and in JSON-LD whose strings hold raw
 * line breaks (which JSON forbids); a plain date before the first
 * date-classed element (a list of other stories after the story) is the
 * page's. */
static void test_date_forms(void **state) {
  (void)state;
  assert_string_equal(
      published_of("<html><body><div class=\"meta\"><span><span>\xe2\x97\x8f"
                   "</span> December 23, 2025 <span>\xe2\x97\x8f</span>"
                   "</span></div>" FERRY_STORY "</body></html>",
                   "bullets.html"),
      "2025-12-23");
  assert_string_equal(
      published_of("<html><body><div class=\"meta\">Posted on the 15/12/2025 "
                   "at 19:00 by <a href=\"/anna\">Anna Berg</a></div>"
                   FERRY_STORY "</body></html>",
                   "posted.html"),
      "2025-12-15");
  assert_string_equal(
      published_of("<html><body><p>by Anna Berg\n      -\n      \n      "
                   "2025-09-13<br>\n      Last changed by the harbour office"
                   " on 2025-09-20<br></p>" FERRY_STORY "</body></html>",
                   "byline-br.html"),
      "2025-09-13");
  assert_string_equal(
      published_of("<html><head><script type=\"application/ld+json\">"
                   "{\"@type\": \"NewsArticle\", \"description\": \"Ferry"
                   "\nback on its winter timetable\", \"datePublished\": "
                   "\"2024-02-21 13:00:00\"}</script></head><body>"
                   FERRY_STORY "</body></html>",
                   "ld-newline.html"),
      "2024-02-21T13:00:00Z");
  assert_string_equal(
      published_of("<html><body><div class=\"meta\"><span class=\"value\">"
                   "February 6, 2026</span></div>" FERRY_STORY
                   "<div class=\"more\"><h3>Island school gets a new roof"
                   "</h3><div class=\"item-date\">Mar 3, 2026</div></div>"
                   "</body></html>",
                   "text-first.html"),
      "2026-02-06");
}

/* A page whose only text is its footer (a shell a script fills) has no
 * article. */
static void test_footer_only_page(void **state) {
  (void)state;
  static const char page[] =
      "<html><head><title>Kelby Shop</title></head><body><div id=\"root\">"
      "</div><footer><div class=\"site-footer\"><dl><dt>Help</dt><dd><a "
      "href=\"/help\">Help centre</a>, <a href=\"/returns\">Returns and "
      "refunds policy for every order</a>, <a href=\"/report\">Report a "
      "listing that breaks our rules</a></dd></dl><p>Kelby Shop collects "
      "and uses your data as described in our privacy notice, which "
      "explains your rights and how to exercise them.</p></div></footer>"
      "</body></html>";
  cw_articles *list = NULL;
  cw_error err;
  cw_status st =
      cw_extract_bytes(page, sizeof page - 1, "shell.html", NULL, &list, &err);
  assert_int_equal(st, CW_ERR_EMPTY);
  assert_null(list);
}

/* A first pass of a few paragraphs (over 500 characters, under 1500) gives
 * way to the page's main region when that holds twice as much: a rental
 * page's intro and its list of plans. */
static void test_short_pass_region(void **state) {
  (void)state;
  cw_buf page;
  cw_buf_init(&page, 0);
  cw_buf_puts(&page,
              "<html><head><title>Kelby Bikes - Rentals</title></head><body>"
              "<div class=\"top\"><div class=\"intro-wrap\"><section "
              "class=\"intro\"><p>Kelby Bikes rents sturdy touring bicycles "
              "from its shop beside the harbour, a short walk from the ferry "
              "pier and the station.</p><p>Every bike is checked by our "
              "mechanics before each rental, and comes with a lock, a pump, "
              "a repair kit and a map of the island trails.</p><p>Families "
              "can add child seats, trailers and tag-along bikes at no extra "
              "cost, and we deliver to hotels anywhere in town.</p><p>Groups "
              "of eight or more riders get a guide for the day, who knows the "
              "quiet lanes, the bakeries and the best picnic spots.</p>"
              "</section></div></div><div class=\"plans\"><ul>");
  for (int i = 1; i <= 30; i++)
    cw_buf_printf(&page,
                  "<li><b>Plan %d</b> day rate %d crowns, helmet included, "
                  "free delivery</li>",
                  i, i + 10);
  cw_buf_puts(&page, "</ul></div></body></html>");
  assert_false(page.err);
  cw_articles *list = extract_ok(page.ptr, page.len, "bikes.html");
  const char *t = cw_articles_get(list, 0)->text;
  assert_has(t, "Kelby Bikes rents sturdy touring bicycles");
  assert_has(t, "Plan 9 day rate 19 crowns");
  cw_articles_free(list);
  cw_buf_free(&page);
}

/* A page whose body a script fills (a spinner and stylesheets) is read
 * from its description, with a warning saying so; a description too
 * short to summarise anything leaves the page without text. */
static void test_script_shell_description(void **state) {
  (void)state;
  static const char shell[] =
      "<html><head><title>Night sky: choosing a first telescope - Kelby "
      "Stargazers</title>"
      "<meta property=\"og:description\" content=\"Hello all, I am new "
      "to the night sky over Kelby and would like advice on a first "
      "telescope for the harbour wall.\">"
      "<meta property=\"article:published_time\" "
      "content=\"2025-06-12T08:00:00Z\"></head>"
      "<body><section id=\"splash\"><div class=\"dots\"></div>"
      "<div class=\"dots\"></div></section>"
      "<link rel=\"stylesheet\" href=\"/s/app.css\"></body></html>";
  cw_articles *list = extract_ok(shell, sizeof shell - 1, "shell.html");
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->text,
                      "Hello all, I am new to the night sky over Kelby and "
                      "would like advice on a first telescope for the "
                      "harbour wall.");
  assert_string_equal(a->title, "Night sky: choosing a first telescope");
  assert_non_null(a->published);
  assert_int_equal(strncmp(a->published, "2025-06-12", 10), 0);
  assert_int_equal(cw_articles_warning_count(list), 1);
  assert_has(cw_articles_warning(list, 0), "description used");
  cw_articles_free(list);
  static const char slogan[] =
      "<html><head><title>Kelby Stargazers</title>"
      "<meta name=\"description\" content=\"Clear skies over Kelby.\">"
      "</head><body><div id=\"app\"></div></body></html>";
  list = NULL;
  cw_error err;
  assert_int_equal(cw_extract_bytes(slogan, sizeof slogan - 1, "slogan.html",
                                    NULL, &list, &err),
                   CW_ERR_EMPTY);
  assert_has(err.msg, "no article text found");
  cw_articles_free(list);
}


/* ---- raw text cut before parsing ------------------------------------------ */

/* The page serialised as parsed with the cut (cut 1) or without it (cut
 * 0), without the attributes the extractor does not keep; malloc'd by
 * libxml2. */
static char *tree_of(const char *page, int cut) {
  htmlDocPtr doc = cw_html_parse_cut(page, strlen(page), "t.html", cut);
  xmlChar *out = NULL;
  int n = 0;
  if (doc) {
    cw_html_drop_unkept(doc->children);
    htmlDocDumpMemoryFormat(doc, &out, &n, 0);
  }
  xmlFreeDoc(doc);
  return (char *)out;
}

static void same_tree(const char *page) {
  char *whole = tree_of(page, 0), *cut = tree_of(page, 1);
  assert_non_null(whole);
  assert_non_null(cut);
  if (strcmp(whole, cut))
    fail_msg("the cut changed the tree of\n%s\nwhole: %s\ncut:   %s", page,
             whole, cut);
  xmlFree(whole);
  xmlFree(cut);
}

/* The text of scripts and styles goes before libxml2 reads it, all but
 * JSON-LD, and only where libxml2 would read it as raw text: the tree is
 * the same with the cut and without it, on pages shaped to make the two
 * readings of the markup part ways. */
static void test_raw_text_cut(void **state) {
  (void)state;
  static const char *const pages[] = {
      /* '>' in quoted values, in the tag of a script and of a div */
      "<div data-x=\"<script>\" title='a>b'><script type=\"text/javascript\">"
      "if (a < b && c > d) { x = \"</div>\"; }</script><p>after</p></div>",
      /* comments: a script inside one, "--!>", "<!---->", "<!-->" */
      "<!-- <script> --><p>one</p><!-- a --!><script>x<y</script><!---->"
      "<p>two</p><!--> <script>hidden</script> --><p>three</p>",
      /* a DOCTYPE whose literal holds '>', then a style */
      "<!DOCTYPE html PUBLIC \"-//Cedar//DTD a>b//EN\" \"x.dtd\"><html><head>"
      "<style>p > a { color: red }</style></head><body><p>Alder Bay</p>",
      /* quotes in a DOCTYPE are literals only after SYSTEM or PUBLIC */
      "<!DOCTYPE html's <p>a</p> --><script>b</script>'<p>c</p>",
      "<!DOCTYPE html SYSTEM 'a>b'><script>d</script><p>e</p>",
      "<!doctype html public \"x\" 'y>z'><style>f</style><p>g</p>",
      "<!DOCTYPE html PUBLIC \"x\" junk 'y>z'><style>h</style><p>i</p>",
      /* processing instructions, good and bad */
      "<?xml version=\"1.0\"?><?bad <script>x</script><p>pi</p>"
      "<? <script>y</script><p>end</p>",
      /* bogus attributes run to white space or '>', not to a quote */
      "<p @click=\"a>b\" :prop=\"c>d\">vue</p><script/>not raw"
      "<script src=x/>still raw</script><SCRIPT>UPPER</SCRIPT ><p>x</p>"
      "<style>s</style x=\"y>\"><p>y</p>",
      /* names of more than 100 characters: libxml2 reads the rest as the
       * next attribute (here a bogus one, up to "/>") */
      "<script data-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa888=/>n</script><p>o</p>",
      /* attributes cut: before "/>", unquoted up to '>', with no white
       * space after a quote, in capitals, twice, and the tail of a long
       * name that libxml2 reads as an attribute of its own ("class") */
      "<br data-x=\"1\"/><p><span data-v=\"1\"/>out</p><p data-y=a/>one</p><a data-z=\"1\"href=\"/x\" "
      "ONCLICK='go()' CLASS=k class=l>two</a><img srcset=\"a 1x, b 2x\" "
      "alt=\"i\" data-w = 'q>r' id=m>",
      "<div data-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      "class=hit>three</div><div data-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaclass = x>four</div>",
      /* an end tag libxml2 does not take for the script's */
      "<script>one</scripts><p>is this markup?</p></script><p>four</p>",
      /* JSON-LD, spelled with a character reference, in capitals */
      "<script type=\"application/ld&#x2B;json\">{\"headline\":\"Kept\"}"
      "</script><script type=\"APPLICATION/LD+JSON\">{\"a\":1}</script>"
      "<script type=\"application/json\">{\"dropped\":true}</script><p>z</p>",
      /* a script that never ends, and a quote that never closes */
      "<p>unterminated <script>var s = \"no end",
      "<p title=\"never closed><script>x</script><p>q</p>",
      /* raw text that libxml2 reads as markup first: an end tag, or a
       * start tag that closes the element */
      "<div><script></div><p>in the div?</p></script><p>e</p></div>",
      "<script><noscript><p>f</p></noscript></script><p>g</p>",
      "<script><NOSCRIPT.x><p>h</p></script><p>i</p>",
      "<style><body><p>j</p></style><p>k</p>",
      "<style><frameset><p>l</p></style><p>m</p>",
      /* end tags that run past a script's start tag */
      "<p>a</p <script>b</script><p>c</p></ p><script>d</script>",
  };
  for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
    same_tree(pages[i]);

  /* and it does cut (with the libxml2 whose tokeniser it reads: with any
   * other it passes every page whole): the script's text is gone, the
   * markup after it stays, JSON-LD stays */
  const char *page =
      "<html><head><script>var big = \"<p>not text</p>\";</script>"
      "<script type=\"application/ld+json\">{\"headline\":\"Kept\"}</script>"
      "<style>.a > .b {}</style></head><body><p>Story</p></body></html>";
  size_t n = 0;
  char *cut = cw_html_cut(page, strlen(page), &n);
  if (atoi(xmlParserVersion) / 100 != 209) {
    assert_null(cut);
    return;
  }
  assert_non_null(cut);
  assert_int_equal(n, strlen(cut));
  assert_null(strstr(cut, "not text"));
  assert_null(strstr(cut, ".a > .b"));
  assert_non_null(strstr(cut, "{\"headline\":\"Kept\"}"));
  assert_non_null(strstr(cut, "<script></script>"));
  assert_non_null(strstr(cut, "<style></style></head><body><p>Story</p>"));
  free(cut);
  /* attributes no part of the extractor reads go; the others stay as
   * written */
  const char *attrs =
      "<a data-track=\"x\" HREF=\"/y\" onclick=\"z()\">t</a>"
      "<img srcset=\"a 1x\" class=pic loading=lazy>";
  cut = cw_html_cut(attrs, strlen(attrs), &n);
  assert_non_null(cut);
  assert_string_equal(cut, "<a  HREF=\"/y\" >t</a><img  class=pic >");
  free(cut);
  assert_true(cw_html_attr_kept("CLASS", 5));
  assert_true(cw_html_attr_kept("datetime", 8));
  assert_false(cw_html_attr_kept("data-src", 8));
  assert_false(cw_html_attr_kept("classes", 7));
  /* nothing to cut, or a reading not sure of itself: the page as it is */
  const char *plain = "<p class=\"a\">no scripts here</p>";
  assert_null(cw_html_cut(plain, strlen(plain), &n));
  const char *odd = "<script>one</scripts><script>two</script>";
  assert_null(cw_html_cut(odd, strlen(odd), &n));
  /* the cut stops at the first doubt, keeping what it cut before it */
  const char *later = "<script>cut me</script><p title=\"open><script>x";
  cut = cw_html_cut(later, strlen(later), &n);
  assert_non_null(cut);
  assert_string_equal(cut, "<script></script><p title=\"open><script>x");
  free(cut);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_raw_text_cut),
      cmocka_unit_test(test_boilerplate_removed),
      cmocka_unit_test(test_jsonld_metadata),
      cmocka_unit_test(test_meta_tag_fallbacks),
      cmocka_unit_test(test_visible_metadata),
      cmocka_unit_test(test_url_date),
      cmocka_unit_test(test_text_dates),
      cmocka_unit_test(test_jsonld_article_body),
      cmocka_unit_test(test_aggregator_parts),
      cmocka_unit_test(test_undeclared_cp1252),
      cmocka_unit_test(test_declared_koi8r),
      cmocka_unit_test(test_declared_shift_jis),
      cmocka_unit_test(test_declared_utf8_with_bom),
      cmocka_unit_test(test_charset_word_kept),
      cmocka_unit_test(test_script_shell_description),
      cmocka_unit_test(test_utf8_encoded_twice),
      cmocka_unit_test(test_body_copy_fallback),
      cmocka_unit_test(test_deep_nesting),
      cmocka_unit_test(test_huge_attribute),
      cmocka_unit_test(test_no_body_and_empty),
      cmocka_unit_test(test_body_inside_dropped_element),
      cmocka_unit_test(test_direct_reader),
      cmocka_unit_test(test_h1_headline_and_refs),
      cmocka_unit_test(test_visible_date),
      cmocka_unit_test(test_unclosed_button),
      cmocka_unit_test(test_listing_region),
      cmocka_unit_test(test_edge_trimming),
      cmocka_unit_test(test_edge_cap_and_byline_class),
      cmocka_unit_test(test_repeated_blocks),
      cmocka_unit_test(test_thread_posts),
      cmocka_unit_test(test_consent_overlay),
      cmocka_unit_test(test_date_loose_markup),
      cmocka_unit_test(test_date_numeric_and_indented),
      cmocka_unit_test(test_date_lines),
      cmocka_unit_test(test_title_parts),
      cmocka_unit_test(test_calls_to_action),
      cmocka_unit_test(test_ad_labels),
      cmocka_unit_test(test_footer_only_page),
      cmocka_unit_test(test_boilerplate_lines),
      cmocka_unit_test(test_boilerplate_lines_spare_code),
      cmocka_unit_test(test_forum_furniture),
      cmocka_unit_test(test_title_bar),
      cmocka_unit_test(test_date_forms),
      cmocka_unit_test(test_short_pass_region),
      cmocka_unit_test(test_count_matches_bytewise),
      cmocka_unit_test(test_count_text_memo),
      cmocka_unit_test(test_text_len_across_nodes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
