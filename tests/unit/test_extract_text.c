/* test_extract_text.c - the plain-text page reader (src/extract/textpage.c).
 *
 * Fixtures in tests/data/extract/ copy the shapes of the seed pages with
 * invented outlets, people and events: a dated page with a "Place:"
 * dateline, a headline page with a photo credit, an en-dash dateline, a
 * sign-off and chrome, an aggregator page with related entries, and a page
 * that opens with a long lead paragraph. When the seeds themselves are
 * present beside the repository they are checked too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "extract/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DATA CW_TEST_DATA "/extract/"
#define SEEDS CW_SOURCE_DIR "/../shared/seeds/"

/* ---- helpers ------------------------------------------------------------- */

static char *load(const char *path, size_t *len) {
  cw_buf b;
  cw_error err;
  cw_buf_init(&b, 0);
  if (cw_read_file(path, (size_t)1 << 24, &b, &err) != CW_OK) {
    cw_buf_free(&b);
    fail_msg("cannot read %s: %s", path, err.msg);
  }
  *len = b.len;
  return cw_buf_detach(&b);
}

static cw_status run(const char *text, size_t len, const char *crawl_time,
                     cw_articles **list, cw_error *err) {
  cw_extract_ctx ctx = {"page.txt", crawl_time};
  *list = cw_articles_new();
  assert_non_null(*list);
  memset(err, 0, sizeof *err);
  return cw_extract_text_page(text, len, &ctx, *list, err);
}

static cw_articles *run_ok(const char *text, size_t len,
                           const char *crawl_time) {
  cw_articles *list;
  cw_error err;
  cw_status st = run(text, len, crawl_time, &list, &err);
  if (st != CW_OK)
    fail_msg("extract failed: %d %s", st, err.msg);
  return list;
}

static cw_articles *run_file(const char *name, const char *crawl_time) {
  size_t len;
  char *path_text = load(name, &len);
  cw_articles *list = run_ok(path_text, len, crawl_time);
  free(path_text);
  return list;
}

static int has_credit(const cw_article *a, const char *credit) {
  for (size_t i = 0; i < a->n_credits; i++)
    if (strcmp(a->credits[i], credit) == 0)
      return 1;
  return 0;
}

/* Whether text holds a paragraph exactly equal to para. */
static int has_paragraph(const char *text, const char *para) {
  size_t n = strlen(para);
  for (const char *p = text; (p = strstr(p, para)) != NULL; p++) {
    int starts = p == text || (p - text >= 2 && p[-1] == '\n' && p[-2] == '\n');
    int ends = p[n] == '\0' || (p[n] == '\n' && p[n + 1] == '\n');
    if (starts && ends)
      return 1;
  }
  return 0;
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static size_t utf8_chars(const char *s) {
  size_t c = 0;
  for (; *s; s++)
    c += ((unsigned char)*s & 0xC0) != 0x80;
  return c;
}

/* The text contract: no leading/trailing white space, paragraphs separated
 * by exactly one blank line, no white-space-only paragraph. */
static void check_text_shape(const char *text) {
  size_t n = strlen(text);
  assert_true(n > 0);
  assert_false(cw_is_space((unsigned char)text[0]));
  assert_false(cw_is_space((unsigned char)text[n - 1]));
  assert_null(strstr(text, "\n\n\n"));
  assert_null(strchr(text, '\r'));
  for (const char *p = text; (p = strstr(p, "\n\n")) != NULL; p += 2) {
    assert_false(cw_is_space((unsigned char)p[2]));
    assert_true(p == text || !cw_is_space((unsigned char)p[-1]));
  }
}

static void check_no_chrome(const cw_articles *list) {
  static const char *const chrome[] = {"Telegram channel",
                                       "Try Our AI Features",
                                       "Daily8",
                                       "No comments yet",
                                       "Related Articles",
                                       "WhatsApp",
                                       "newsletter",
                                       "Advertisement",
                                       "Explore what",
                                       "Try Our Reader",
                                       NULL};
  for (size_t i = 0; i < cw_articles_count(list); i++) {
    const cw_article *a = cw_articles_get(list, i);
    check_text_shape(a->text);
    for (const char *const *c = chrome; *c; c++)
      if (strstr(a->text, *c))
        fail_msg("article %zu keeps chrome \"%s\"", i, *c);
    assert_false(has_paragraph(a->text, "Comments"));
  }
}

/* ---- fixtures ------------------------------------------------------------ */

/* " date YYYY-MM-DD Place: ..." header, blank-line paragraphs, no
 * headline: the title comes from the first sentence. */
static void test_dated_dateline(void **state) {
  (void)state;
  cw_articles *list = run_file(DATA "dated_dateline.txt", NULL);
  assert_int_equal(cw_articles_count(list), 1);
  const cw_article *a = cw_articles_get(list, 0);
  assert_int_equal(a->part, 0);
  assert_string_equal(a->source_path, "page.txt");
  assert_string_equal(a->published, "2024-11-03");
  assert_string_equal(a->dateline, "Portvale");
  assert_null(a->outlet);
  assert_null(a->byline);
  assert_int_equal(a->n_credits, 0);
  /* the dateline and the header are not body */
  assert_true(strncmp(a->text, "A day after dock workers", 24) == 0);
  assert_null(strstr(a->text, "2024-11-03"));
  assert_null(strstr(a->text, "Portvale:"));
  /* subheadings inside the body stay, as their own paragraphs */
  assert_true(
      has_paragraph(a->text, "What happened to the Portvale pay deal?"));
  assert_true(has_paragraph(a->text,
                            "Harbour board threatens to hire replacement "
                            "crews"));
  assert_true(ends_with(a->text, "lasted beyond Wednesday."));
  /* first sentence, cut at a word and marked */
  assert_true(utf8_chars(a->title) <= 100);
  assert_true(ends_with(a->title, "\xE2\x80\xA6"));
  assert_true(strncmp(a->title, "A day after dock workers walked off", 35) ==
              0);
  check_text_shape(a->text);
  cw_articles_free(list);
}

/* Headline, byline, standfirst with a photo credit, en-dash dateline,
 * sign-off, chrome after the body and an advertisement inside it. */
static void test_headline_credit_chrome(void **state) {
  (void)state;
  cw_articles *list = run_file(DATA "headline_credit_chrome.txt", NULL);
  assert_int_equal(cw_articles_count(list), 1);
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->title,
                      "Harbour talks collapse: How the Velmore port deal fell "
                      "apart");
  assert_string_equal(a->byline, "Ana Korsgaard");
  assert_string_equal(a->dateline, "VELMORE");
  assert_null(a->published);
  assert_null(a->outlet);
  assert_int_equal(a->n_credits, 2);
  assert_string_equal(a->credits[0], "PHOTO: JONAS BREK/HARBOUR LEDGER");
  assert_string_equal(a->credits[1], "VALLEYWIRE");
  /* the standfirst stays, without its credit */
  assert_true(strncmp(a->text, "The three-week effort", 21) == 0);
  assert_true(
      has_paragraph(a->text, "Port commissioner Teodor Vance was furious."));
  assert_null(strstr(a->text, "PHOTO"));
  assert_null(strstr(a->text, "By Ana"));
  assert_true(has_paragraph(a->text, "A broken promise"));
  assert_true(has_paragraph(a->text, "Standoff"));
  assert_true(ends_with(a->text, "appoint a mediator."));
  assert_null(strstr(a->text, "VALLEYWIRE"));
  check_no_chrome(list);
  cw_articles_free(list);
}

static void check_aggregator(const cw_articles *list, const char *p0,
                             const char *p1, const char *p2, const char *p3) {
  const char *pub[4] = {p0, p1, p2, p3};
  assert_int_equal(cw_articles_count(list), 4);
  for (int i = 0; i < 4; i++) {
    const cw_article *a = cw_articles_get(list, (size_t)i);
    assert_int_equal(a->part, i);
    if (pub[i])
      assert_string_equal(a->published, pub[i]);
    else
      assert_null(a->published);
  }
  const cw_article *m = cw_articles_get(list, 0);
  assert_string_equal(m->title,
                      "Ferry fares frozen as Velmore council backs down");
  assert_null(m->outlet);
  assert_string_equal(m->dateline, "VELMORE");
  assert_true(has_credit(m, "PHOTO: LINA MORAU/NORTHGATE TIMES"));
  assert_true(has_credit(m, "NTIMES"));
  assert_true(has_paragraph(m->text, "Backlash"));
  assert_true(ends_with(m->text, "the council said in a statement."));

  const cw_article *r1 = cw_articles_get(list, 1);
  assert_string_equal(r1->outlet, "Northgate Times");
  assert_string_equal(r1->title,
                      "Island commuters block Velmore pier for second time");
  assert_null(r1->dateline);
  assert_int_equal(r1->n_credits, 2);
  assert_string_equal(r1->credits[0], "PHOTO: AFP");
  assert_string_equal(r1->credits[1], "AFP");
  /* the caption is not body; the body follows the dash */
  assert_true(strncmp(r1->text, "Several hundred island commuters", 32) == 0);
  assert_null(strstr(r1->text, "wave banners"));
  assert_true(ends_with(r1->text, "said organiser Dina Falk."));

  const cw_article *r2 = cw_articles_get(list, 2);
  assert_string_equal(r2->outlet, "Northgate Times");
  assert_string_equal(r2->title, "\xE2\x80\x98Pay what is fair': Harlow "
                                 "ferry crews back commuters");
  assert_string_equal(r2->dateline, "HARLOW");
  assert_true(has_credit(r2, "PHOTO: REUTERS"));
  assert_true(has_credit(r2, "REUTERS"));
  assert_true(strncmp(r2->text, "Ferry crews in the neighbouring port", 36) ==
              0);
  assert_true(ends_with(r2->text, "it would not strike."));

  const cw_article *r3 = cw_articles_get(list, 3);
  assert_string_equal(r3->outlet, "Coastal Business Daily");
  assert_string_equal(r3->title,
                      "Velmore Ferry Operator Warns of Losses After Fare "
                      "Freeze");
  assert_int_equal(r3->n_credits, 0);
  assert_null(r3->dateline);
  assert_true(ends_with(r3->text, "ask the council for a subsidy."));
  check_no_chrome(list);
}

/* No page date and no crawl time: ages are not turned into dates. */
static void test_aggregator_undated(void **state) {
  (void)state;
  cw_articles *list = run_file(DATA "aggregator.txt", NULL);
  check_aggregator(list, NULL, NULL, NULL, NULL);
  cw_articles_free(list);
}

/* With a crawl time: minutes and hours give a time, days a date; the main
 * article still has no date (the crawl time is not its publication). */
static void test_aggregator_crawl_time(void **state) {
  (void)state;
  cw_articles *list = run_file(DATA "aggregator.txt", "2025-03-14T09:30:00Z");
  check_aggregator(list, NULL, "2025-03-14T08:51:00Z", "2025-03-14T08:30:00Z",
                   "2025-03-12");
  cw_articles_free(list);
  /* a date-only crawl time: whole days only */
  list = run_file(DATA "aggregator.txt", "2025-03-14");
  check_aggregator(list, NULL, "2025-03-14", "2025-03-14", "2025-03-12");
  cw_articles_free(list);
}

/* With a " date" header: the page date dates the main article and is the
 * base of the ages (and wins over the crawl time). */
static void test_aggregator_page_date(void **state) {
  (void)state;
  size_t len;
  char *page = load(DATA "aggregator.txt", &len);
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_puts(&b, " date 2025-03-14\n");
  cw_buf_append(&b, page, len);
  assert_int_equal(b.err, CW_OK);
  cw_articles *list = run_ok(b.ptr, b.len, "2025-04-01T00:00:00Z");
  check_aggregator(list, "2025-03-14", "2025-03-14", "2025-03-14",
                   "2025-03-12");
  cw_articles_free(list);
  cw_buf_free(&b);
  free(page);
}

/* A first line that is a long lead paragraph is body, not a headline. */
static void test_lead_paragraph(void **state) {
  (void)state;
  cw_articles *list = run_file(DATA "lead_paragraph.txt", NULL);
  assert_int_equal(cw_articles_count(list), 1);
  const cw_article *a = cw_articles_get(list, 0);
  assert_true(strncmp(a->text, "The long-running dispute", 24) == 0);
  assert_true(strncmp(a->title, "The long-running dispute", 24) == 0);
  assert_true(utf8_chars(a->title) <= 100);
  assert_null(a->dateline);
  assert_null(a->published);
  /* one paragraph per line */
  size_t paras = 1;
  for (const char *p = a->text; (p = strstr(p, "\n\n")) != NULL; p += 2)
    paras++;
  assert_int_equal(paras, 4);
  check_text_shape(a->text);
  cw_articles_free(list);
}

/* Chrome shapes the seeds do not show, in and after the body, while short
 * subheadings inside the body stay. */
static void test_chrome_variants(void **state) {
  (void)state;
  static const char page[] =
      "Tidal barrier fails its first winter test\n"
      "Skip to main content\n"
      "The new tidal barrier at Osterly leaked during its first storm, "
      "flooding two streets. PHOTO: ST FILE\n"
      "OSTERLY \xE2\x80\x94 Engineers were called out at 3am on Sunday.\n"
      "Follow HL on WhatsApp for breaking news.\n"
      "The barrier cost 40 million crowns and opened in September.\n"
      "Meltdown\n"
      "Residents said the water rose within minutes.\n"
      "Sign up for our newsletter\n"
      "A tanked nomination\n"
      "The engineer who designed the barrier withdrew from a board post on "
      "Monday.\n"
      "Share this article\n"
      "Story continues below advertisement\n"
      "The city will publish its review in January.\n"
      "REUTERS\n"
      "Download the Harbour Ledger app for live updates\n"
      "Most Read\n"
      "Harbour Ledger Newsletters\n"
      "Loading...\n"
      "Copyright 2025 Harbour Ledger. All rights reserved.\n";
  cw_articles *list = run_ok(page, sizeof page - 1, NULL);
  assert_int_equal(cw_articles_count(list), 1);
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->title, "Tidal barrier fails its first winter test");
  assert_string_equal(a->dateline, "OSTERLY");
  assert_true(has_credit(a, "PHOTO: ST FILE"));
  assert_true(has_credit(a, "REUTERS"));
  assert_true(has_paragraph(a->text, "Meltdown"));
  assert_true(has_paragraph(a->text, "A tanked nomination"));
  assert_true(has_paragraph(a->text, "Engineers were called out at 3am on "
                                     "Sunday."));
  assert_true(ends_with(a->text, "publish its review in January."));
  static const char *const gone[] = {
      "WhatsApp", "Sign up",   "Share this", "Story continues",
      "Skip to",  "Download",  "Most Read",  "Newsletters",
      "Loading",  "Copyright", "REUTERS",    NULL};
  for (const char *const *g = gone; *g; g++)
    if (strstr(a->text, *g))
      fail_msg("chrome kept: %s", *g);
  check_text_shape(a->text);
  cw_articles_free(list);
}

/* CRLF pages give the same articles as LF pages. */
static void test_crlf(void **state) {
  (void)state;
  static const char *const files[] = {DATA "aggregator.txt",
                                      DATA "headline_credit_chrome.txt",
                                      DATA "dated_dateline.txt", NULL};
  for (const char *const *f = files; *f; f++) {
    size_t len;
    char *page = load(*f, &len);
    cw_buf b;
    cw_buf_init(&b, 0);
    for (size_t i = 0; i < len; i++) {
      if (page[i] == '\n')
        cw_buf_putc(&b, '\r');
      cw_buf_putc(&b, page[i]);
    }
    assert_int_equal(b.err, CW_OK);
    cw_articles *lf = run_ok(page, len, NULL);
    cw_articles *crlf = run_ok(b.ptr, b.len, NULL);
    assert_int_equal(cw_articles_count(lf), cw_articles_count(crlf));
    for (size_t i = 0; i < cw_articles_count(lf); i++) {
      char *j1, *j2;
      assert_int_equal(cw_article_to_json(cw_articles_get(lf, i), &j1), 0);
      assert_int_equal(cw_article_to_json(cw_articles_get(crlf, i), &j2), 0);
      assert_string_equal(j1, j2);
      free(j1);
      free(j2);
    }
    cw_articles_free(lf);
    cw_articles_free(crlf);
    cw_buf_free(&b);
    free(page);
  }
}

static void expect_empty(const char *text, size_t len) {
  cw_articles *list;
  cw_error err;
  assert_int_equal(run(text, len, NULL, &list, &err), CW_ERR_EMPTY);
  assert_int_equal(err.code, CW_ERR_EMPTY);
  assert_string_equal(err.msg, "page.txt: no article text found");
  assert_int_equal(cw_articles_count(list), 0);
  cw_articles_free(list);
}

static void test_empty(void **state) {
  (void)state;
  static const char only_chrome[] =
      "Advertisement\n"
      "Join our Telegram channel for the latest news.\n"
      "Comments\n"
      "No comments yet...\n";
  expect_empty("", 0);
  expect_empty(NULL, 0);
  static const char *const blank[] = {"\n",
                                      " \t \r\n\r\n   \n\xC2\xA0\n\xE3\x80\x80",
                                      "\r\r\r",
                                      " date 2025-01-02\n",
                                      "Related Articles\n\nNorthgate Times\n",
                                      "...\n***\n\xE2\x80\x94\n",
                                      NULL};
  for (const char *const *b = blank; *b; b++)
    expect_empty(*b, strlen(*b));
  expect_empty(only_chrome, sizeof only_chrome - 1);
}

static void test_usage(void **state) {
  (void)state;
  cw_error err;
  cw_extract_ctx ctx = {"x.txt", NULL};
  assert_int_equal(cw_extract_text_page("a", 1, &ctx, NULL, &err),
                   CW_ERR_USAGE);
  cw_articles *list = cw_articles_new();
  assert_int_equal(cw_extract_text_page(NULL, 5, &ctx, list, &err),
                   CW_ERR_USAGE);
  /* no context: a made-up origin in messages, no source path */
  assert_int_equal(cw_extract_text_page("Hello there.", 12, NULL, list, &err),
                   CW_OK);
  assert_null(cw_articles_get(list, 0)->source_path);
  assert_string_equal(cw_articles_get(list, 0)->text, "Hello there.");
  assert_string_equal(cw_articles_get(list, 0)->title, "Hello there");
  cw_articles_free(list);
}

/* Related sections that are empty or cut short. */
static void test_related_truncated(void **state) {
  (void)state;
  static const char heading_only[] =
      "Body line one of the article, with a full stop.\n"
      "Related Articles\n";
  static const char cut_entries[] =
      "Body line one of the article, with a full stop.\n"
      "Related Articles\n\n"
      "Northgate Times\n"
      "39 minutes ago\n"
      "- Northgate Times\n"
      "A title and nothing else\n\n"
      "Coastal Business Daily\n"
      "3 days ago\n";
  cw_articles *list = run_ok(heading_only, sizeof heading_only - 1, NULL);
  assert_int_equal(cw_articles_count(list), 1);
  assert_string_equal(cw_articles_get(list, 0)->text,
                      "Body line one of the article, with a full stop.");
  assert_true(cw_articles_warning_count(list) >= 1);
  cw_articles_free(list);

  list = run_ok(cut_entries, sizeof cut_entries - 1, NULL);
  assert_int_equal(cw_articles_count(list), 1);
  assert_true(cw_articles_warning_count(list) >= 1);
  cw_articles_free(list);

  /* entries without a main article: parts still count from 1 */
  static const char no_main[] = "Related Articles\n\n"
                                "Northgate Times\n"
                                "yesterday\n"
                                "- Northgate Times\n"
                                "Velmore reopens its pier\n"
                                "The pier reopened on Friday after repairs.\n";
  list = run_ok(no_main, sizeof no_main - 1, "2025-05-02T10:00:00Z");
  assert_int_equal(cw_articles_count(list), 1);
  const cw_article *a = cw_articles_get(list, 0);
  assert_int_equal(a->part, 1);
  assert_string_equal(a->published, "2025-05-01");
  assert_string_equal(a->title, "Velmore reopens its pier");
  cw_articles_free(list);
}

/* Hard-wrapped paragraphs are joined; one-paragraph-per-line is kept. */
static void test_wrapped(void **state) {
  (void)state;
  static const char page[] =
      "Wrapped text from an old wire feed\n"
      "\n"
      "The harbour board met on Tuesday to discuss the repair of the\n"
      "eastern breakwater, which was damaged in the February storms and\n"
      "has been closed to walkers since.\n"
      "\n"
      "Board chair Ilse Brandt said the work would start in the summer.\n";
  cw_articles *list = run_ok(page, sizeof page - 1, NULL);
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->title, "Wrapped text from an old wire feed");
  assert_string_equal(a->text,
                      "The harbour board met on Tuesday to discuss the repair "
                      "of the eastern breakwater, which was damaged in the "
                      "February storms and has been closed to walkers "
                      "since.\n\nBoard chair Ilse Brandt said the work would "
                      "start in the summer.");
  cw_articles_free(list);

  /* lines of like length that each end a sentence are paragraphs */
  static const char lines[] =
      "\n"
      "The harbour board met on Tuesday to discuss the breakwater.\n"
      "Board chair Ilse Brandt said the repairs would start soon.\n"
      "The work is expected to cost about two million crowns.\n";
  list = run_ok(lines, sizeof lines - 1, NULL);
  assert_string_equal(cw_articles_get(list, 0)->text,
                      "The harbour board met on Tuesday to discuss the "
                      "breakwater.\n\nBoard chair Ilse Brandt said the "
                      "repairs would start soon.\n\nThe work is expected to "
                      "cost about two million crowns.");
  cw_articles_free(list);
}

/* Bylines, date lines, dateline forms and what is not a dateline; age
 * forms and a weak "More from" heading. */
static void test_metadata_variants(void **state) {
  (void)state;
  static const char wire[] =
      "Ferry strike spreads to Harlow\n"
      "By JANE DOE and JOHN ROE\n"
      "June 5, 2025\n"
      "HARLOW, Eastmark (AP) \xE2\x80\x94 Ferry crews walked out on "
      "Thursday.\n"
      "Read more\n"
      "NASA \xE2\x80\x93 the agency \xE2\x80\x93 said nothing.\n";
  cw_articles *list = run_ok(wire, sizeof wire - 1, NULL);
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->title, "Ferry strike spreads to Harlow");
  assert_string_equal(a->byline, "JANE DOE and JOHN ROE");
  assert_string_equal(a->published, "2025-06-05");
  assert_string_equal(a->dateline, "HARLOW, Eastmark");
  assert_string_equal(a->text, "Ferry crews walked out on Thursday.\n\n"
                               "NASA \xE2\x80\x93 the agency \xE2\x80\x93 "
                               "said nothing.");
  cw_articles_free(list);

  static const char colon[] = "Rio de Janeiro: Dock workers in the city "
                              "voted to join the strike on Friday.\n";
  list = run_ok(colon, sizeof colon - 1, NULL);
  assert_string_equal(cw_articles_get(list, 0)->dateline, "Rio de Janeiro");
  assert_string_equal(cw_articles_get(list, 0)->text,
                      "Dock workers in the city voted to join the strike on "
                      "Friday.");
  cw_articles_free(list);

  static const char *const not_datelines[] = {
      "Update: The ferry timetable changed on Monday after the strike.",
      "NASA \xE2\x80\x93 the agency \xE2\x80\x93 said nothing more.",
      "Ms Okonjo: the talks are over, she told reporters on Friday.",
      "US President Ada Lind \xE2\x80\x93 who flew in on Monday \xE2\x80\x93 "
      "said little.",
      NULL};
  for (const char *const *t = not_datelines; *t; t++) {
    list = run_ok(*t, strlen(*t), NULL);
    assert_null(cw_articles_get(list, 0)->dateline);
    assert_string_equal(cw_articles_get(list, 0)->text, *t);
    cw_articles_free(list);
  }

  static const char ages[] = "Main body sentence here.\n"
                             "More from Northgate Times\n\n"
                             "Northgate Times\n5 mins ago\n- Northgate Times\n"
                             "Title one\nBody one.\n\n"
                             "Northgate Times\nUpdated 2h ago\n"
                             "- Northgate Times\nTitle two\nBody two.\n\n"
                             "Northgate Times\n3 months ago\n"
                             "- Northgate Times\nTitle three\nBody three.\n\n"
                             "Northgate Times\nJune 1, 2025\n"
                             "- Northgate Times\nTitle four\nBody four.\n";
  static const char *const expect[] = {
      NULL, "2025-06-06T11:55:00Z", "2025-06-06T10:00:00Z", NULL, "2025-06-01"};
  list = run_ok(ages, sizeof ages - 1, "2025-06-06T12:00:00Z");
  assert_int_equal(cw_articles_count(list), 5);
  assert_string_equal(cw_articles_get(list, 0)->text,
                      "Main body sentence here.");
  for (size_t i = 0; i < 5; i++) {
    const cw_article *r = cw_articles_get(list, i);
    if (expect[i])
      assert_string_equal(r->published, expect[i]);
    else
      assert_null(r->published);
  }
  assert_string_equal(cw_articles_get(list, 4)->title, "Title four");
  assert_string_equal(cw_articles_get(list, 4)->text, "Body four.");
  cw_articles_free(list);
}

/* Appending to a list that already holds articles: parts are per page,
 * and a failed page leaves the list as it was. */
static void test_append(void **state) {
  (void)state;
  size_t len;
  char *page = load(DATA "aggregator.txt", &len);
  cw_extract_ctx ctx = {"a.txt", NULL};
  cw_error err;
  cw_articles *list = cw_articles_new();
  assert_int_equal(cw_extract_text_page(page, len, &ctx, list, &err), CW_OK);
  assert_int_equal(cw_extract_text_page(page, len, &ctx, list, &err), CW_OK);
  assert_int_equal(cw_extract_text_page("Comments\n", 9, &ctx, list, &err),
                   CW_ERR_EMPTY);
  assert_int_equal(cw_articles_count(list), 8);
  for (size_t i = 0; i < 8; i++)
    assert_int_equal(cw_articles_get(list, i)->part, (int)(i % 4));
  cw_articles_free(list);
  free(page);
}

/* Hostile and odd inputs: no crash, no hang, a sane status. */
static void test_garbage(void **state) {
  (void)state;
  cw_buf b;
  cw_articles *list;
  cw_error err;
  uint32_t seed = 12345;
  cw_buf_init(&b, 0);

  /* random bytes, with many newlines and NULs */
  for (int round = 0; round < 200; round++) {
    cw_buf_reset(&b);
    size_t n = (size_t)(seed % 4000);
    for (size_t i = 0; i < n; i++) {
      seed = seed * 1103515245u + 12345u;
      unsigned char c = (unsigned char)(seed >> 16);
      if (c % 7 == 0)
        c = '\n';
      cw_buf_putc(&b, (char)c);
    }
    cw_status st = run(b.ptr, b.len, "2025-01-01T00:00:00Z", &list, &err);
    assert_true(st == CW_OK || st == CW_ERR_EMPTY);
    cw_articles_free(list);
  }

  /* random words shaped like the page parts */
  static const char *const parts[] = {"PHOTO: ",
                                      "AFP",
                                      " - ",
                                      "\xE2\x80\x93 ",
                                      "KABUL",
                                      "Related Articles",
                                      "\n",
                                      "\n\n",
                                      "39 minutes ago",
                                      "- Northgate Times",
                                      "Northgate Times",
                                      ". ",
                                      "Join our Telegram channel",
                                      " date 2025-06-06 ",
                                      "Moscow: ",
                                      "By Jane Roe",
                                      "\r\n",
                                      "\xE2\x80\xA6",
                                      "Mr",
                                      "The",
                                      "'",
                                      "\"",
                                      "(",
                                      ")",
                                      ":",
                                      "PHOTO: ERIC/",
                                      "yesterday",
                                      "WASHINGTON",
                                      "NYTIMES",
                                      ""};
  size_t nparts = sizeof parts / sizeof parts[0];
  for (int round = 0; round < 500; round++) {
    cw_buf_reset(&b);
    size_t n = (size_t)(seed % 300);
    for (size_t i = 0; i < n; i++) {
      seed = seed * 1103515245u + 12345u;
      cw_buf_puts(&b, parts[(seed >> 16) % nparts]);
    }
    cw_status st = run(b.ptr, b.len, NULL, &list, &err);
    assert_true(st == CW_OK || st == CW_ERR_EMPTY);
    for (size_t i = 0; i < cw_articles_count(list); i++)
      check_text_shape(cw_articles_get(list, i)->text);
    cw_articles_free(list);
  }

  /* a 4 MiB line, then a 4 MiB line of one word, then 2 Mi lines */
  cw_buf_reset(&b);
  for (size_t i = 0; i < ((size_t)4 << 20) / 16; i++)
    cw_buf_puts(&b, "PHOTO: AFP word ");
  assert_int_equal(run(b.ptr, b.len, NULL, &list, &err), CW_OK);
  assert_int_equal(cw_articles_count(list), 1);
  cw_articles_free(list);
  cw_buf_reset(&b);
  for (size_t i = 0; i < ((size_t)4 << 20); i++)
    cw_buf_putc(&b, (char)('A' + i % 3));
  cw_buf_puts(&b, ". NYTIMES");
  assert_int_equal(run(b.ptr, b.len, NULL, &list, &err), CW_OK);
  cw_articles_free(list);
  cw_buf_reset(&b);
  for (size_t i = 0; i < ((size_t)2 << 20); i++)
    cw_buf_puts(&b, "x\n");
  assert_int_equal(run(b.ptr, b.len, NULL, &list, &err), CW_OK);
  assert_true(cw_articles_warning_count(list) >= 1);
  cw_articles_free(list);
  cw_buf_free(&b);
}

/* ---- the seeds ----------------------------------------------------------- */

static int exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

static void test_seeds(void **state) {
  (void)state;
  if (!exists(SEEDS "001_9605064fc8c192f4.txt"))
    skip();

  cw_articles *list = run_file(SEEDS "000_7d8a7c931019e445.txt", NULL);
  assert_int_equal(cw_articles_count(list), 1);
  assert_string_equal(cw_articles_get(list, 0)->published, "2025-06-06");
  assert_string_equal(cw_articles_get(list, 0)->dateline, "Moscow");
  check_no_chrome(list);
  cw_articles_free(list);

  list = run_file(SEEDS "001_9605064fc8c192f4.txt", NULL);
  assert_int_equal(cw_articles_count(list), 4);
  const cw_article *m = cw_articles_get(list, 0);
  assert_string_equal(m->title,
                      "Buildup to a meltdown: How the Trump-Musk alliance "
                      "collapsed");
  assert_string_equal(m->dateline, "WASHINGTON");
  assert_true(has_credit(m, "PHOTO: ERIC LEE/NYTIMES"));
  assert_true(has_credit(m, "NYTIMES"));
  assert_true(has_paragraph(m->text, "Meltdown"));
  assert_true(has_paragraph(m->text, "A tanked nomination"));
  assert_true(ends_with(m->text, "show of support for Mr Musk."));
  static const char *const outlets[] = {"Straits Times", "Straits Times",
                                        "International Business Times"};
  static const char *const titles[] = {
      "Musk deletes post claiming Trump \xE2\x80\x98in the Epstein files'",
      "\xE2\x80\x98Return to your country': Kabul tells Afghans rebuffed by "
      "Washington",
      "Russia Offers Political Asylum to Elon Musk Amid Escalating Feud with "
      "Donald Trump"};
  for (size_t i = 1; i < 4; i++) {
    const cw_article *r = cw_articles_get(list, i);
    assert_int_equal(r->part, (int)i);
    assert_string_equal(r->outlet, outlets[i - 1]);
    assert_string_equal(r->title, titles[i - 1]);
    assert_null(r->published); /* no page date, no crawl time */
  }
  assert_string_equal(cw_articles_get(list, 2)->dateline, "KABUL");
  check_no_chrome(list);
  cw_articles_free(list);

  list = run_file(SEEDS "002_a58b73a585484031.txt", NULL);
  assert_int_equal(cw_articles_count(list), 1);
  check_no_chrome(list);
  cw_articles_free(list);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dated_dateline),
      cmocka_unit_test(test_headline_credit_chrome),
      cmocka_unit_test(test_aggregator_undated),
      cmocka_unit_test(test_aggregator_crawl_time),
      cmocka_unit_test(test_aggregator_page_date),
      cmocka_unit_test(test_lead_paragraph),
      cmocka_unit_test(test_chrome_variants),
      cmocka_unit_test(test_crlf),
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_usage),
      cmocka_unit_test(test_related_truncated),
      cmocka_unit_test(test_wrapped),
      cmocka_unit_test(test_metadata_variants),
      cmocka_unit_test(test_append),
      cmocka_unit_test(test_garbage),
      cmocka_unit_test(test_seeds),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
