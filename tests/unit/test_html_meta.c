/* test_html_meta.c - the metadata of HTML pages (src/extract/html_meta.c)
 * and the repair of pages encoded twice (src/extract/html.c).
 *
 * Pages are invented (invented outlets, people and places), built in
 * memory, and one fixture in tests/data/html/meta/ holds a page whose UTF-8
 * was read as ISO-8859-1 and written out again. Everything goes through the
 * public cw_extract_bytes() / cw_extract_file(), so decoding is in the path
 * as in real use; dates are also checked on cw_html_norm_date() itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "extract/extract.h"
#include "html_check.h"
#include "extract/html_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA CW_TEST_DATA "/html/meta/"

/* ---- helpers ------------------------------------------------------------- */

/* A story long enough to be the page's main text. */
#define FERRY_STORY                                                            \
  "<p>The Kelby ferry returned to its winter timetable on Monday after "     \
  "repairs to the pier, the harbour office said in a short statement to "    \
  "travellers waiting on the quay.</p><p>Crossings now leave every ninety "  \
  "minutes from seven in the morning until late evening, with extra boats "  \
  "on market days and during the school holidays, the office added.</p>"

/* The title of the page made of head (inside <head>) and h1 (the visible
 * headline, or "" for none), into a static buffer. */
static const char *title_of(const char *head, const char *h1) {
  static char got[512];
  char page[4096];
  snprintf(page, sizeof page,
           "<html><head>%s</head><body><article>%s%s%s%s</article>"
           "</body></html>",
           head, *h1 ? "<h1>" : "", h1, *h1 ? "</h1>" : "", FERRY_STORY);
  cw_articles *list = extract_ok(page, strlen(page), "title.html");
  const char *t = cw_articles_get(list, 0)->title;
  snprintf(got, sizeof got, "%s", t ? t : "(null)");
  cw_articles_free(list);
  return got;
}

/* The title of the page made of head and body (markup put before the
 * story in its <article>), into a static buffer. */
static const char *title_in(const char *head, const char *body) {
  static char got[512];
  char page[4096];
  snprintf(page, sizeof page,
           "<html><head>%s</head><body><article>%s%s</article></body>"
           "</html>",
           head, body, FERRY_STORY);
  cw_articles *list = extract_ok(page, strlen(page), "title.html");
  const char *t = cw_articles_get(list, 0)->title;
  snprintf(got, sizeof got, "%s", t ? t : "(null)");
  cw_articles_free(list);
  return got;
}

static const char *published_of(const char *head) {
  static char got[64];
  char page[4096];
  snprintf(page, sizeof page,
           "<html><head><title>Ferry</title>%s</head><body><article>%s"
           "</article></body></html>",
           head, FERRY_STORY);
  cw_articles *list = extract_ok(page, strlen(page), "date.html");
  const char *p = cw_articles_get(list, 0)->published;
  snprintf(got, sizeof got, "%s", p ? p : "(null)");
  cw_articles_free(list);
  return got;
}

/* ---- pages encoded twice -------------------------------------------------- */

/* The fixture's UTF-8 was read as ISO-8859-1 and encoded again: the right
 * quote reads "a-circumflex" and two C1 controls. All of it comes back. */
static void test_double_encoded_file(void **state) {
  (void)state;
  cw_articles *list = NULL;
  cw_error err;
  memset(&err, 0, sizeof err);
  cw_status st =
      cw_extract_file(DATA "double-encoded.html", NULL, &list, &err);
  if (st != CW_OK)
    fail_msg("extract failed: %d %s", st, err.msg);
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->title,
                      "Kelby\xe2\x80\x99s harbour caf\xc3\xa9 reopens");
  assert_has(a->text, "cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e");
  assert_has(a->text, "fishermen\xe2\x80\x99s breakfast");
  assert_has(a->text, "\xe2\x80\x9cWe rebuilt the kitchen");
  /* no a-circumflex left anywhere */
  assert_lacks(a->text, "\xc3\xa2");
  assert_lacks(a->title, "\xc3\xa2");
  cw_articles_free(list);
}

/* The same damage through Windows-1252: the quote reads as a-circumflex,
 * the euro sign and the trade mark sign. */
static void test_double_encoded_cp1252(void **state) {
  (void)state;
  const char page[] =
      "<html><head><title>Harbour Trust\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s "
      "new ferry</title></head><body><article>" FERRY_STORY
      "<p>The trust\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s chair, Ann\xc3\x83\xc2\xa9"
      " Holm, said the boat would carry sixty cars.</p></article></body>"
      "</html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "cp1252.html");
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->title, "Harbour Trust\xe2\x80\x99s new ferry");
  assert_has(a->text, "The trust\xe2\x80\x99s chair, Ann\xc3\xa9 Holm");
  cw_articles_free(list);
}

/* Real Latin text is left alone: "café" is E9 and a space once read back
 * as bytes, which no UTF-8 reads, and a page without any multi-byte
 * sequence once read back has nothing to repair. */
static void test_latin_text_kept(void **state) {
  (void)state;
  const char page[] =
      "<html><head><title>Caf\xc3\xa9 \xc3\x82 la carte in Kelby</title>"
      "</head><body><article>" FERRY_STORY
      "<p>The caf\xc3\xa9 on Pier Road serves cr\xc3\xa8me br\xc3\xbbl\xc3\xa9"
      "e to the crews, \xc2\xa3" "4 a plate.</p></article></body></html>";
  cw_articles *list = extract_ok(page, sizeof page - 1, "latin.html");
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->title, "Caf\xc3\xa9 \xc3\x82 la carte in Kelby");
  assert_has(a->text, "cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e");
  assert_has(a->text, "\xc2\xa3" "4 a plate");
  cw_articles_free(list);
}

/* ---- titles ------------------------------------------------------------------ */

/* No-break and narrow spaces become spaces, soft hyphens and zero-width
 * spaces go, a fullwidth question mark in an English title becomes "?". */
static void test_title_cleaned(void **state) {
  (void)state;
  assert_string_equal(
      title_of("<meta property=\"og:title\" content=\"How\xc2\xa0"
               "do ferries\xe2\x80\xaf" "find the pier\xef\xbc\x9f\">",
               ""),
      "How do ferries find the pier?");
  assert_string_equal(
      title_of("<title>Harbour\xc2\xad" "master\xe2\x80\x8b report for "
               "the winter season</title>",
               ""),
      "Harbourmaster report for the winter season");
  /* in a Chinese title the fullwidth mark stays */
  assert_string_equal(
      title_of("<meta property=\"og:title\" content=\"\xe6\xb8\xa1\xe8\x88\xb9"
               "\xe4\xbd\x95\xe6\x97\xb6\xe5\xbc\x80\xef\xbc\x9f\">",
               ""),
      "\xe6\xb8\xa1\xe8\x88\xb9\xe4\xbd\x95\xe6\x97\xb6\xe5\xbc\x80\xef\xbc"
      "\x9f");
}

/* An <h1> chosen as the headline is printed as the metadata writes it when
 * the two differ only in quotes, dashes and spacing. */
static void test_title_metadata_form(void **state) {
  (void)state;
  assert_string_equal(
      title_of("<meta property=\"og:site_name\" content=\"Kelby Times\">"
               "<meta property=\"og:title\" content=\"A beginner's guide to "
               "the harbour ferries | Kelby Times\">",
               "A beginner\xe2\x80\x99s guide to the harbour ferries"),
      "A beginner's guide to the harbour ferries");
  assert_string_equal(
      title_of("<title>Question - Which ferry takes bicycles | Kelby "
               "Forum</title><meta property=\"og:title\" content=\"Question - "
               "Which ferry takes bicycles\">",
               "Question Which ferry takes bicycles"),
      "Question - Which ferry takes bicycles");
  /* other punctuation is the headline's own: kept as the <h1> has it */
  assert_string_equal(
      title_of("<meta property=\"og:site_name\" content=\"Kelby Times\">"
               "<meta property=\"og:title\" content=\"Ferries vs buses: "
               "which is faster | Kelby Times\">",
               "Ferries vs. buses: which is faster?"),
      "Ferries vs. buses: which is faster?");
}

/* An <h1> that puts a short label or date before the metadata's title
 * ("Thread:", "Dec 18 2025") gives way to the title; a longer lead-in is
 * part of the headline. */
static void test_title_h1_label(void **state) {
  (void)state;
  assert_string_equal(
      title_of("<meta property=\"og:title\" content=\"Winter timetable for "
               "the Kelby ferry\">",
               "Thread: Winter timetable for the Kelby ferry"),
      "Winter timetable for the Kelby ferry");
  assert_string_equal(
      title_of("<meta property=\"og:title\" content=\"Winter timetable for "
               "the Kelby ferry\">",
               "Dec 18 2025 Winter timetable for the Kelby ferry"),
      "Winter timetable for the Kelby ferry");
  assert_string_equal(
      title_of("<meta property=\"og:title\" content=\"Winter timetable for "
               "the Kelby ferry\">",
               "The harbour office has announced the winter timetable for "
               "the Kelby ferry"),
      "The harbour office has announced the winter timetable for the "
      "Kelby ferry");
}

/* On a page that og:type calls a website (a home, section or service
 * page) the metadata title names the page: an <h1> sharing its words is a
 * banner's line, not the headline. On an article the <h1> still is. */
static void test_title_site_page(void **state) {
  (void)state;
  const char *head =
      "<meta property=\"og:site_name\" content=\"Kelby Port\">"
      "<meta property=\"og:title\" content=\"Harbour ferry timetables and "
      "fares | Kelby Port\">";
  const char *h1 = "Ferry timetables and fares for the harbour";
  char page_head[1024];
  snprintf(page_head, sizeof page_head,
           "<meta property=\"og:type\" content=\"website\">%s", head);
  assert_string_equal(title_of(page_head, h1),
                      "Harbour ferry timetables and fares");
  snprintf(page_head, sizeof page_head,
           "<meta property=\"og:type\" content=\"article\">%s", head);
  assert_string_equal(title_of(page_head, h1), h1);
  assert_string_equal(title_of(head, h1), h1);
  /* many news systems call every page a website: one with a
   * publication date is an article, whose <h1> is the headline */
  snprintf(page_head, sizeof page_head,
           "<meta property=\"og:type\" content=\"website\">%s<meta "
           "property=\"article:published_time\" "
           "content=\"2025-06-12T08:00:00Z\">",
           head);
  assert_string_equal(title_of(page_head, h1), h1);
}

/* The outlet's name goes however often the page appends it, from an <h1>
 * too; a title that is only the name stays. */
static void test_title_outlet_repeated(void **state) {
  (void)state;
  const char *site = "<meta property=\"og:site_name\" content=\"Kelby "
                     "Gazette\">";
  char head[1024];
  snprintf(head, sizeof head,
           "%s<title>Harbour works reach the pier \xe2\x80\x93 Kelby Gazette "
           "- Kelby Gazette</title>",
           site);
  assert_string_equal(title_of(head, ""), "Harbour works reach the pier");
  snprintf(head, sizeof head,
           "%s<title>Harbour works reach the pier | Kelby Gazette</title>",
           site);
  assert_string_equal(
      title_of(head, "Harbour works reach the pier \xe2\x80\x93 Kelby Gazette"),
      "Harbour works reach the pier");
  snprintf(head, sizeof head, "%s<title>Kelby Gazette</title>", site);
  assert_string_equal(title_of(head, ""), "Kelby Gazette");
}

/* An <h1> that only links to the home page is the site's logo, never the
 * headline, however many words it shares with the title; an <h1> linking
 * to the story itself is the headline. */
static void test_title_logo_h1(void **state) {
  (void)state;
  const char *head = "<meta property=\"og:title\" content=\"Budget ferry "
                     "guide to the Kelby harbour\">";
  const char *homes[] = {"/", "https://kelby-ferry.example/",
                         "https://kelby-ferry.example", "/index.html"};
  char h1[512];
  for (size_t i = 0; i < sizeof homes / sizeof *homes; i++) {
    snprintf(h1, sizeof h1,
             "<a href=\"%s\">Kelby Ferry Guide</a></h1><h1>The budget "
             "ferry guide to the Kelby harbour",
             homes[i]);
    assert_string_equal(title_of(head, h1),
                        "The budget ferry guide to the Kelby harbour");
  }
  assert_string_equal(
      title_of(head, "<a href=\"/2025/budget-ferry-guide\">The budget ferry "
                     "guide to the Kelby harbour</a>"),
      "The budget ferry guide to the Kelby harbour");
  /* permalinks through index.php lead to the story, not home */
  const char *links[] = {"/index.php/2025/06/12/budget-ferry-guide/",
                         "https://kelby-ferry.example/index.php?p=123"};
  for (size_t i = 0; i < sizeof links / sizeof *links; i++) {
    snprintf(h1, sizeof h1,
             "<a href=\"%s\">The budget ferry guide to the Kelby "
             "harbour</a>",
             links[i]);
    assert_string_equal(title_of("<title>Kelby Ferry Guide</title>", h1),
                        "The budget ferry guide to the Kelby harbour");
  }
}

/* Of two <h1>s that are parts of the title, the first in the page, or a
 * later one that is the start of it: a forum repeats the thread's name
 * with and without the board's. */
static void test_title_h1_part_start(void **state) {
  (void)state;
  const char *head = "<title>Tips for the Kelby ferry - Travel Forum - Kelby "
                     "Guide</title>";
  assert_string_equal(title_in(head, "<h1>Tips for the Kelby ferry - Travel "
                                     "Forum</h1><h1>Tips for the Kelby "
                                     "ferry</h1>"),
                      "Tips for the Kelby ferry");
  /* an answer's <h1> that is the question's tag stays second */
  assert_string_equal(
      title_in("<title>backup - How to back up the harbour logs? - Ask "
               "Kelby</title>",
               "<h1>How to back up the harbour logs?</h1><h1>Backup</h1>"),
      "How to back up the harbour logs?");
}

/* When no <h1> is a part of the title, an <h2> or <h3> of the content of
 * three words or more that is one (the last one too) is the headline, in
 * the title's spelling; not a section's name, nor a heading of the
 * navigation. */
static void test_title_sub_heading(void **state) {
  (void)state;
  assert_string_equal(
      title_in("<title>Which ferry takes bicycles / Travel talk / Kelby "
               "Forum</title>",
               "<h1>Kelby Forum</h1><h3>Which Ferry Takes Bicycles</h3>"),
      "Which ferry takes bicycles");
  assert_string_equal(
      title_in("<title>Kelby Forum â¢ View topic - Winter timetable "
               "for the ferry</title>",
               "<h2>Winter timetable for the ferry</h2>"),
      "Winter timetable for the ferry");
  assert_string_equal(title_in("<title>Harbour news - Kelby Gazette</title>",
                               "<h2>Harbour news</h2>"),
                      "Harbour news - Kelby Gazette");
  assert_string_equal(
      title_in("<title>Kelby Gazette latest - Harbour works reach the "
               "pier</title>",
               "<nav><h2>Kelby Gazette latest</h2></nav>"),
      "Kelby Gazette latest - Harbour works reach the pier");
  /* a heading that is the title's last, shorter part names the site */
  assert_string_equal(
      title_in("<title>Storm closes the ferry route for a week | The Kelby "
               "Gazette</title>",
               "<div><h2>The Kelby Gazette</h2></div>"),
      "Storm closes the ferry route for a week");
}

/* A button in the headline ("Copy link") is no part of it. */
static void test_title_h1_button(void **state) {
  (void)state;
  assert_string_equal(
      title_of("", "The ferry timetable <button>Copy link</button>"),
      "The ferry timetable");
  assert_string_equal(
      title_of("", "The <span>ferry</span> timetable<span><button>Share"
                   "</button></span>"),
      "The ferry timetable");
}

/* What a reader does not see of a headline is no part of it: a copy
 * hidden from readers (aria-hidden, hidden) beside the readable one, and a
 * heading libxml2 leaves inside the <h1> where a browser closes it. */
static void test_title_h1_hidden_parts(void **state) {
  (void)state;
  assert_string_equal(
      title_in("", "<h1><span aria-hidden=\"true\"><span>Storm closes"
                   "</span><span>the ferry</span></span><span>Storm closes "
                   "the ferry route</span></h1>"),
      "Storm closes the ferry route");
  assert_string_equal(
      title_in("", "<h1>Storm closes the ferry route<span hidden>Storm "
                   "closes</span></h1>"),
      "Storm closes the ferry route");
  assert_string_equal(
      title_in("", "<h1>Storm closes the ferry route<div></div><h3>Posted "
                   "on June 12, 2025 by Anna Berg</h3></h1>"),
      "Storm closes the ferry route");
}

/* An <h1> that prints en or em dashes where the metadata title has
 * hyphens keeps its dashes; quotes still take the metadata's form. */
static void test_title_h1_dashes(void **state) {
  (void)state;
  assert_string_equal(
      title_of("<meta property=\"og:title\" content=\"Brake pads - a "
               "guide for ferry mechanics\">",
               "Brake pads \xe2\x80\x93 a guide for ferry mechanics"),
      "Brake pads \xe2\x80\x93 a guide for ferry mechanics");
  /* with quotes to fold too, the metadata's spelling */
  assert_string_equal(
      title_of("<meta property=\"og:title\" content=\"Ferry fares - a "
               "traveller's guide to the harbour\">",
               "Ferry fares \xe2\x80\x93 a traveller\xe2\x80\x99s guide to "
               "the harbour"),
      "Ferry fares - a traveller's guide to the harbour");
}

/* On a page of the site, an <h1> that is a run of the title's words is
 * the page's name the title dresses ("Hiking boots" of "Hiking boots: shop
 * boots for every trail"); a line sharing some of its words is not. */
static void test_title_site_page_h1_run(void **state) {
  (void)state;
  const char *head =
      "<meta property=\"og:type\" content=\"website\">"
      "<meta property=\"og:site_name\" content=\"Kelby Outfitters\">"
      "<meta property=\"og:title\" content=\"Hiking boots: shop boots "
      "for every trail | Kelby Outfitters\">";
  assert_string_equal(title_of(head, "Hiking boots"), "Hiking boots");
  assert_string_equal(title_of(head, "Boots for hiking every trail"),
                      "Hiking boots: shop boots for every trail");
  /* a word of the title is not its run: "Hiking boot" of "boots" */
  assert_string_equal(title_of(head, "Hiking boot"),
                      "Hiking boots: shop boots for every trail");
}

/* A title whose first part is empty ("| Kelby Gazette") names only the
 * site: the <h1> is the headline; without one that title stays. */
static void test_title_empty_lead(void **state) {
  (void)state;
  const char *head = "<title> | The Kelby Harbour Gazette</title>";
  assert_string_equal(title_of(head, "Harbour works reach the pier"),
                      "Harbour works reach the pier");
  assert_string_equal(title_of(head, ""), "| The Kelby Harbour Gazette");
}

/* A title that leaves the <h1>'s label out is preferred to one that
 * writes the label with a dash. */
static void test_title_label_dropped(void **state) {
  (void)state;
  assert_string_equal(
      title_of("<meta property=\"og:title\" content=\"Ferries - Which one "
               "takes bicycles\"><meta name=\"twitter:title\" "
               "content=\"Which one takes bicycles\">",
               "<span class=\"label\">Ferries</span> Which one takes "
               "bicycles"),
      "Which one takes bicycles");
}

/* The Dublin Core title comes before Open Graph's (as Readability reads
 * them), also from a property that names several; Parse.ly's, which often
 * names the site, after it. */
static void test_title_dublin_core_first(void **state) {
  (void)state;
  assert_string_equal(
      title_of("<meta property=\"og:title\" content=\"Winter ferries\">"
               "<meta name=\"DC.title\" content=\"Kelby ferry returns to "
               "its winter timetable\">",
               ""),
      "Kelby ferry returns to its winter timetable");
  assert_string_equal(
      title_of("<meta property=\"x:title dc:title\" content=\"Kelby ferry "
               "returns to its winter timetable\"><meta property=\"og:title"
               " twitter:title\" content=\"Winter ferries\">",
               ""),
      "Kelby ferry returns to its winter timetable");
  assert_string_equal(
      title_of("<meta name=\"parsely-title\" content=\"Kelby Gazette\">"
               "<meta property=\"og:title\" content=\"Kelby ferry returns "
               "to its winter timetable\">",
               ""),
      "Kelby ferry returns to its winter timetable");
}

/* An <h1> that is the metadata title but for a later year is the page's
 * renewed headline, on a website page too; an earlier year is not. */
static void test_title_newer_year(void **state) {
  (void)state;
  const char *head = "<meta property=\"og:type\" content=\"website\">"
                     "<meta property=\"og:title\" content=\"Tide tables "
                     "for 2025 | Kelby Port\">";
  assert_string_equal(title_of(head, "Tide tables for 2026"),
                      "Tide tables for 2026");
  assert_string_equal(title_of(head, "Tide tables for 2024"),
                      "Tide tables for 2025");
  assert_string_equal(title_of(head, "Tide tables for 2026 and 2027"),
                      "Tide tables for 2025");
}

/* Empty brackets a template left at the end of a title go. */
static void test_title_empty_brackets(void **state) {
  (void)state;
  assert_string_equal(
      title_of("<title>Harbour rope clips, clear, 40-pack ()</title>", ""),
      "Harbour rope clips, clear, 40-pack");
  assert_string_equal(
      title_of("<title>Harbour rope clips (clear) []</title>", ""),
      "Harbour rope clips (clear)");
  /* a call's brackets are part of the title */
  assert_string_equal(
      title_of("<title>Why the port office still calls lock()</title>", ""),
      "Why the port office still calls lock()");
}

/* ---- dates ---------------------------------------------------------------------- */

/* A time with an offset keeps it, so the day is the page's own; a time in
 * UTC or without a zone is written in UTC; a day stays a day. */
static void test_norm_date_offsets(void **state) {
  (void)state;
  char out[32];
  assert_true(cw_html_norm_date("2020-04-12T18:00:00-07:00", out));
  assert_string_equal(out, "2020-04-12T18:00:00-07:00");
  assert_true(cw_html_norm_date("2020-04-12T18:00:00-0700", out));
  assert_string_equal(out, "2020-04-12T18:00:00-07:00");
  assert_true(cw_html_norm_date("2025-12-19T01:00:00+05:30", out));
  assert_string_equal(out, "2025-12-19T01:00:00+05:30");
  assert_true(cw_html_norm_date("2025-12-19T09:04+13:00", out));
  assert_string_equal(out, "2025-12-19T09:04:00+13:00");
  assert_true(cw_html_norm_date("2025-12-19T02:41:41.120+00:00", out));
  assert_string_equal(out, "2025-12-19T02:41:41Z");
  assert_true(cw_html_norm_date("2025-12-19T02:41:41Z", out));
  assert_string_equal(out, "2025-12-19T02:41:41Z");
  assert_true(cw_html_norm_date("2025-11-25 08:33:24", out));
  assert_string_equal(out, "2025-11-25T08:33:24Z");
  assert_true(cw_html_norm_date("2025-06-17", out));
  assert_string_equal(out, "2025-06-17");
  assert_true(cw_html_norm_date("December 19, 2025", out));
  assert_string_equal(out, "2025-12-19");
  assert_false(cw_html_norm_date("2025-13-40T10:00:00+01:00", out));
}

/* Dates written in German, French, Spanish, Italian, Dutch and Portuguese,
 * accented month and weekday names whole. */
static void test_norm_date_locale(void **state) {
  (void)state;
  char out[32];
  assert_true(cw_html_norm_date("17. M\xc3\xa4rz 2025", out));
  assert_string_equal(out, "2025-03-17");
  assert_true(cw_html_norm_date("3 d\xc3\xa9" "cembre 2025", out));
  assert_string_equal(out, "2025-12-03");
  assert_true(cw_html_norm_date("5 de agosto de 2025", out));
  assert_string_equal(out, "2025-08-05");
  assert_true(cw_html_norm_date("luned\xc3\xac 2 giugno 2025", out));
  assert_string_equal(out, "2025-06-02");
  assert_true(cw_html_norm_date("12 mei 2025", out));
  assert_string_equal(out, "2025-05-12");
  assert_true(cw_html_norm_date("1 de outubro de 2025", out));
  assert_string_equal(out, "2025-10-01");
  assert_false(cw_html_norm_date("posted 3 days ago", out));
  assert_string_equal(
      published_of("<meta name=\"date\" content=\"Dienstag, 9. Dezember "
                   "2025\">"),
      "2025-12-09");
}

/* A name before the date is no month: not an English word that begins
 * like one ("Mark", "Jan" before a surname), nor another language's
 * month before any day ("Mai", "Mei", "Avril"); English months whole or
 * in three letters. */
static void test_norm_date_names(void **state) {
  (void)state;
  static const char *const lines[] = {
      "By Mai Tervo, 12 June 2025",   "By Mei Harlan, 12 June 2025",
      "By Avril Doune, 12 June 2025", "By Jan Vostrel, 12 June 2025",
      "By Mark Decker, 12 June 2025", "Jun. 12, 2025",
      "Thursday, June 12, 2025"};
  char out[32];
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    assert_true(cw_html_norm_date(lines[i], out));
    assert_string_equal(out, "2025-06-12");
  }
  assert_true(cw_html_norm_date("Sept 4, 2025", out));
  assert_string_equal(out, "2025-09-04");
  assert_true(cw_html_norm_date("Dec. 5, 2025", out));
  assert_string_equal(out, "2025-12-05");
  assert_false(cw_html_norm_date("Marching 12, 2025", out));
}

/* Through a page: the evening of April 12 in California is April 12. */
static void test_published_local_day(void **state) {
  (void)state;
  assert_string_equal(
      published_of("<meta property=\"article:published_time\" "
                   "content=\"2020-04-12T18:00:00-07:00\">"),
      "2020-04-12T18:00:00-07:00");
  assert_string_equal(
      published_of("<script type=\"application/ld+json\">{\"@type\":"
                   "\"NewsArticle\",\"headline\":\"Ferry\",\"datePublished\":"
                   "\"2025-07-05T06:03:42+0800\"}</script>"),
      "2025-07-05T06:03:42+08:00");
}

/* JSON-LD wrapped in CDATA, as Wikipedia and some WordPress plugins write
 * it: the "[" of "<![CDATA[" opens no array, so the object is still read
 * (its date, headline and author), with or without a comment's slashes
 * before the wrapper. */
static void test_ld_cdata(void **state) {
  (void)state;
  assert_string_equal(
      published_of("<script type=\"application/ld+json\">\n<![CDATA[\n"
                   "{\"@type\":\"Article\",\"name\":\"Kelby ferry\","
                   "\"datePublished\":\"2003-02-28T21:51:08Z\"}\n]]>"
                   "</script>"),
      "2003-02-28T21:51:08Z");
  assert_string_equal(
      published_of("<script type=\"application/ld+json\">//<![CDATA[\n"
                   "[{\"@type\":\"NewsArticle\",\"headline\":\"Ferry\","
                   "\"datePublished\":\"2020-07-10T14:15:42+00:00\"}]\n"
                   "//]]></script>"),
      "2020-07-10T14:15:42Z");
}

/* The metadata of a page of head (inside <head>, after its <title>) and
 * body, read straight from the parsed page; the caller frees it with
 * cw_html_meta_free. */
static void meta_page(const char *head, const char *body, cw_html_meta *m) {
  char page[8192];
  int n = snprintf(page, sizeof page,
                   "<html><head><title>Ferry</title>%s</head><body>%s"
                   "</body></html>",
                   head, body);
  assert_true(n > 0 && (size_t)n < sizeof page);
  htmlDocPtr doc = cw_html_parse(page, (size_t)n, "meta.html");
  assert_non_null(doc);
  assert_int_equal(cw_html_meta_read(doc, "meta.html", m), CW_OK);
  xmlFreeDoc(doc);
}

/* A description cut short gives way to a later meta that is the whole
 * of it; one that is not its start, or one itself cut, does not; an
 * entity the page escaped twice is read. */
static void test_description_whole(void **state) {
  (void)state;
  static const struct {
    const char *head, *want;
  } cases[] = {
      {"<meta name=\"description\" content=\"The ferry to Kelby\n"
       "stops at noon &amp;hellip;\">"
       "<meta property=\"og:description\" content=\"The ferry to Kelby "
       "stops at noon on Sundays.\">",
       "The ferry to Kelby stops at noon on Sundays."},
      {"<meta name=\"description\" content=\"The ferry to Kelby st\xe2\x80"
       "\xa6\"><meta property=\"og:description\" content=\"Timetables "
       "for the summer.\">",
       "The ferry to Kelby st\xe2\x80\xa6"},
      {"<meta name=\"description\" content=\"The ferry to Kelby "
       "stops at noon &amp;hellip;\">",
       "The ferry to Kelby stops at noon \xe2\x80\xa6"},
      {"<meta name=\"description\" content=\"The ferry to Kelby.\">"
       "<meta property=\"og:description\" content=\"The ferry to Kelby."
       " Timetables.\">",
       "The ferry to Kelby."},
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    cw_html_meta m;
    meta_page(cases[k].head, "<p>Text</p>", &m);
    if (!m.description || strcmp(m.description, cases[k].want))
      fail_msg("case %zu: description '%s', want '%s'", k,
               m.description ? m.description : "(none)", cases[k].want);
    cw_html_meta_free(&m);
  }
}

/* A page of head and body and what its metadata must read: the
 * publication date (NULL for none) and, where title is not NULL, the
 * title. */
struct meta_case {
  const char *head, *body, *published, *title;
};

/* Fails, naming case k and the field, unless got is want (both NULL for
 * none). */
static void check_field(size_t k, const char *field, const char *got,
                        const char *want) {
  if (want ? !got || strcmp(got, want) != 0 : got != NULL)
    fail_msg("case %zu: %s %s, want %s", k, field, got ? got : "(null)",
             want ? want : "(null)");
}

/* Reads the page of each of the n cases and checks its metadata. */
static void check_meta(const struct meta_case *cases, size_t n) {
  for (size_t k = 0; k < n; k++) {
    cw_html_meta m;
    meta_page(cases[k].head, cases[k].body, &m);
    if (cases[k].title)
      check_field(k, "title", m.title, cases[k].title);
    check_field(k, "published", m.published, cases[k].published);
    cw_html_meta_free(&m);
  }
}

/* Checks the byline of the page of bodies[k] (an empty head) against
 * bylines[k] (NULL for none), for each of the n. */
static void check_bylines(const char *const *bodies, const char *const *bylines,
                          size_t n) {
  for (size_t k = 0; k < n; k++) {
    cw_html_meta m;
    meta_page("", bodies[k], &m);
    check_field(k, "byline", m.byline, bylines[k]);
    cw_html_meta_free(&m);
  }
}

#define N_CASES(a) (sizeof(a) / sizeof(a)[0])

/* The visible date: text without a digit is passed over without a copy,
 * and a date still comes from a short element, from nested inline
 * elements, and from the first own text of an element too large to read
 * whole (its first child alone fills the node bound). */
static void test_visible_date_paths(void **state) {
  (void)state;
  static const struct meta_case cases[] = {
      {"",
       "<div><p>Ferry news from the harbour office</p>"
       "<p><span>Posted</span> <b>on <i>May 3, 2025</i></b></p></div>",
       "2025-05-03", NULL},
      {"", "<p><b><i>k</i><i>e</i><i>l</i><i>b</i></b>20 December 2025</p>",
       "2025-12-20", NULL},
      /* the same date after four children is not the element's first
       * text */
      {"",
       "<p><b><i>k</i><i>e</i><i>l</i><i>b</i></b><i>x</i><i>y</i>"
       "<i>z</i>20 December 2025 and a long sentence about the ferry "
       "timetable follows here</p>",
       NULL, NULL},
      /* no digit anywhere: no date */
      {"", "<div><span>Monday</span><p>The ferry runs again</p></div>", NULL,
       NULL},
      /* a date-classed element is preferred to plain text after it */
      {"",
       "<span class=\"Post-DATE\">July 9, 2025</span>"
       "<p>May 3, 2025</p>",
       "2025-07-09", NULL},
  };
  check_meta(cases, N_CASES(cases));
}

/* The byline element: its class and id read without regard to case (more
 * than eight bytes, upper-case letters around UTF-8 ones), its photo
 * refused, rel=author taken. */
static void test_byline_attributes(void **state) {
  (void)state;
  static const char *const bodies[] = {
      "<div class=\"Story-Meta \xc3\x9c ARTICLE-BYLINE-Wrapper\">By Anna "
      "Berg</div>",
      "<div class=\"AUTHOR-PHOTO-Box\">Anna Berg</div>"
      "<p id=\"WrittenBy\">By Tomas Lind</p>",
      "<p>Story <a href=\"/who\" data-x=\"1\" rel=\"Author\">Mira "
      "Holt</a></p>",
      "<div class=\"authorisation\" id=\"Comment-Box\">Anna Berg</div>"
      "<div class=\"plain\">Tomas Lind</div>",
      /* a blog's label before the name */
      "<span class=\"post-author\">Posted by <a href=\"/u/7\">Mira "
      "Holt</a></span>",
      "<div class=\"byline\">Written by Tomas Lind</div>",
  };
  static const char *const bylines[] = {"Anna Berg", "Tomas Lind", "Mira Holt",
                                        NULL, "Mira Holt", "Tomas Lind"};
  check_bylines(bodies, bylines, N_CASES(bodies));
}

#define LD_DATES(pub, mod)                                                     \
  "<script type=\"application/ld+json\">{\"@type\":\"BlogPosting\","        \
  "\"headline\":\"Ferry\",\"datePublished\":\"" pub "\",\"dateModified\":\"" \
  mod "\"}</script>"

/* A publication time no later than the modification time written beside
 * it is when a system wrote the page out: an earlier day the page shows is
 * the story's. A later modification, or a day shown after the stamp,
 * leaves the marked-up date. */
static void test_published_stamp(void **state) {
  (void)state;
  static const struct meta_case cases[] = {
      {LD_DATES("Jun 24, 2025", "Jun 24, 2025"),
       "<div class=\"post-date\">August 25, 2024</div>", "2024-08-25", NULL},
      /* modified 13 seconds before the publication */
      {LD_DATES("2025-12-19T22:02:58.705Z", "2025-12-19T22:02:45.351Z"),
       "<div>Dec 18, 2025</div>", "2025-12-18", NULL},
      /* the same clock time with two offsets */
      {"<meta name=\"DC.date\" content=\"2024-07-05T14:20:08Z\">"
       "<meta property=\"og:updated_time\" "
       "content=\"2024-07-05T14:20:08-04:00\">",
       "<time class=\"page-date\">March 1, 2024</time>", "2024-03-01", NULL},
      /* modified later: the publication date stands */
      {LD_DATES("2025-01-29T20:47:55+00:00", "2025-08-19T13:25:59+00:00"),
       "<div class=\"post-date\">August 19, 2025</div>", "2025-01-29T20:47:55Z",
       NULL},
      /* a stamp, but the day shown is later (a list after the story) */
      {LD_DATES("2025-06-17", "2025-06-17"),
       "<div class=\"post-date\">December 18, 2025</div>", "2025-06-17", NULL},
  };
  check_meta(cases, N_CASES(cases));
}

/* A line that says "Published" two days or more from the marked-up date
 * is the story's date; one day away is a time zone's doing. */
static void test_published_said(void **state) {
  (void)state;
  static const struct meta_case cases[] = {
      {LD_DATES("Aug 21, 2025", "Aug 22, 2025"),
       "<div>Published&ensp;<span>Apr 26, 2023</span></div>"
       "<div>Updated&ensp;<span>Aug 21, 2025</span></div>",
       "2023-04-26", NULL},
      {LD_DATES("2025-12-02", "2025-12-08"),
       "<div>Published: 03 Dec 2025</div>", "2025-12-02", NULL},
      /* "updated" on the line: not the publication */
      {LD_DATES("Aug 21, 2025", "Aug 22, 2025"),
       "<div>Published, updated Apr 26, 2023</div>", "2025-08-21", NULL},
  };
  check_meta(cases, N_CASES(cases));
}

/* A time in UTC a day after the URL's date is the URL's day (the
 * publisher's evening); with the page's own offset it stands. */
static void test_published_url_day(void **state) {
  (void)state;
  static const struct meta_case cases[] = {
      {"<link rel=\"canonical\" href=\"https://kelby.example/2025/12/18/"
       "ferry-returns/\"><meta property=\"article:published_time\" "
       "content=\"2025-12-19T02:41:41+00:00\">",
       "<p>The ferry</p>", "2025-12-18", NULL},
      {"<link rel=\"canonical\" href=\"https://kelby.example/2025/12/18/"
       "ferry-returns/\"><meta property=\"article:published_time\" "
       "content=\"2025-12-19T02:41:41+01:00\">",
       "<p>The ferry</p>", "2025-12-19T02:41:41+01:00", NULL},
      /* two days away: another matter */
      {"<link rel=\"canonical\" href=\"https://kelby.example/2025/12/17/"
       "ferry-returns/\"><meta property=\"article:published_time\" "
       "content=\"2025-12-19T02:41:41Z\">",
       "<p>The ferry</p>", "2025-12-19T02:41:41Z", NULL},
  };
  check_meta(cases, N_CASES(cases));
}

/* A <time> in UTC whose text shows the day before is read as its text. */
static void test_time_shown_day(void **state) {
  (void)state;
  static const struct meta_case cases[] = {
      {"",
       "<h1>Ferry</h1><span itemprop=\"datePublished\"><time "
       "datetime=\"2026-02-24T04:13:00Z\">February 23, 2026</time></span>",
       "2026-02-23", NULL},
      {"", "<time datetime=\"2026-02-24T04:13:00Z\">February 21, 2026</time>",
       "2026-02-24T04:13:00Z", NULL},
      {"",
       "<time datetime=\"2026-02-24T04:13:00+01:00\">February 23, "
       "2026</time>",
       "2026-02-24T04:13:00+01:00", NULL},
  };
  check_meta(cases, N_CASES(cases));
}

/* A forum's member dates are no story's; a post's number before its date
 * is cut; a masthead's date of today is passed over. */
static void test_visible_date_not_story(void **state) {
  (void)state;
  static const struct meta_case cases[] = {
      {"",
       "<dl><dd><span>Registered: 2024-01-27</span></dd></dl>"
       "<h2><span><span>#1</span> <a href=\"p1\">2024-08-03 10:59:47</a>"
       "</span></h2>",
       "2024-08-03T10:59:47Z", NULL},
      {"",
       "<dl><dd>Joined Nov 4, 2011</dd><dd>Founded: Dec 11, 2021</dd>"
       "<dd>Member since May 2, 2019</dd></dl>",
       NULL, NULL},
      {"",
       "<div><p id=\"todays-date-custom\"><strong>Friday</strong>, "
       "December 19, 2025</p></div><div>12.12.2025</div>",
       "2025-12-12", NULL},
      {"",
       "<div class=\"Masthead CURRENT-DATE\">Friday, December 19, 2025 "
       "and the weather</div><p>20 November 2025 &middot; Anna Berg</p>",
       "2025-11-20", NULL},
      /* too long to read whole: its first text read alone */
      {"",
       "<div class=\"current-date\">December 19, 2025 &middot; "
       "<b>Weather</b> sunny in Kelby with a light breeze from the west "
       "all day long</div><p>20 November 2025 &middot; Anna Berg</p>",
       "2025-11-20", NULL},
  };
  check_meta(cases, N_CASES(cases));
}

/* JSON-LD written into a meta's content, and a documentation system's
 * ms.date, which does not make a site's page an article. */
static void test_meta_dates(void **state) {
  (void)state;
  static const struct meta_case cases[] = {
      {"<meta name=\"script:ld+json\" content=\"{&quot;@type&quot;:"
       "&quot;Article&quot;,&quot;headline&quot;:&quot;Ferry "
       "returns&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:"
       "00-05:00&quot;}\">",
       "<p>The ferry</p>", "2025-11-17T09:00:00-05:00", "Ferry returns"},
      {"<meta property=\"og:type\" content=\"website\">"
       "<meta property=\"og:title\" content=\"Ferry timetable "
       "overview\"><meta name=\"ms.date\" "
       "content=\"2025-03-06T00:00:00Z\">",
       "<h1>The ferry timetable</h1>"
       "<p>Last updated on <span>2025-03-25</span></p>",
       "2025-03-06T00:00:00Z", "Ferry timetable overview"},
  };
  check_meta(cases, N_CASES(cases));
}

/* The <meta> and the JSON-LD give other days: the one the page shows
 * stands; where it shows neither, the JSON-LD. */
static void test_published_meta_shown(void **state) {
  (void)state;
  static const struct meta_case cases[] = {
      {LD_DATES("2018-04-03T16:50:31Z", "2025-12-19T18:06:00Z")
       "<meta property=\"article:published_time\" "
       "content=\"2025-12-19T18:06:00Z\">",
       "<div class=\"post-date\">December 19, 2025</div>",
       "2025-12-19T18:06:00Z", NULL},
      {LD_DATES("2018-04-03T16:50:31Z", "2025-12-19T18:06:00Z")
       "<meta property=\"article:published_time\" "
       "content=\"2025-12-19T18:06:00Z\">",
       "<div class=\"post-date\">March 3, 2024</div>",
       "2018-04-03T16:50:31Z", NULL},
  };
  check_meta(cases, N_CASES(cases));
}

/* A line saying when the story was first published is its date, before
 * the marked-up one; a forum's "Originally Posted by" and a month
 * without its day are not such lines. */
static void test_published_originally(void **state) {
  (void)state;
  static const struct meta_case cases[] = {
      {LD_DATES("2022-09-30", "2022-09-30"),
       "<p>This guide was originally published on\n     26 Sep 2019 at "
       "4:12pm but has been updated since.</p>",
       "2019-09-26", NULL},
      {LD_DATES("2022-09-30", "2022-09-30"),
       "<p>Originally Posted November 12, 2024. Last updated February 20, "
       "2025.</p>",
       "2024-11-12", NULL},
      {"",
       "<blockquote>Originally Posted by Anna Berg 3 May 2025</blockquote>"
       "<div class=\"post-date\">May 4, 2025</div>",
       "2025-05-04", NULL},
      {LD_DATES("2022-09-30", "2022-09-30"),
       "<p>This guide was originally published in March 2019.</p>",
       "2022-09-30", NULL},
  };
  check_meta(cases, N_CASES(cases));
}

/* A date in the URL, its month in words or numbers, comes before a date
 * only shown. */
static void test_published_url_first(void **state) {
  (void)state;
  static const struct meta_case cases[] = {
      {"<link rel=\"canonical\" href=\"https://kelby.example/blog/2023/"
       "october/03/ferry-returns\">",
       "<div class=\"blog-date\">03/10/2023</div>", "2023-10-03", NULL},
      {"<link rel=\"canonical\" href=\"https://kelby.example/2025/12/18/"
       "ferry-returns/\">",
       "<div class=\"post-date\">December 1, 2025</div>", "2025-12-18", NULL},
      /* a word that is no month */
      {"<link rel=\"canonical\" href=\"https://kelby.example/2023/ferry/03/"
       "returns\">",
       "<div class=\"post-date\">December 1, 2025</div>", "2025-12-01", NULL},
  };
  check_meta(cases, N_CASES(cases));
}

/* A marked-up time without a zone is read as the day the page shows
 * when that is one day away; not a time in UTC, nor two days away. */
static void test_published_naive_time(void **state) {
  (void)state;
  static const struct meta_case cases[] = {
      {LD_DATES("2026-02-15 03:05:48", "2026-02-20 05:47:29"),
       "<div>Feb 14, 2026 | 9:05 pm</div>", "2026-02-14", NULL},
      {LD_DATES("2026-02-15T03:05:48Z", "2026-02-20T05:47:29Z"),
       "<div>Feb 14, 2026 | 9:05 pm</div>", "2026-02-15T03:05:48Z", NULL},
      {LD_DATES("2026-02-16 03:05:48", "2026-02-20 05:47:29"),
       "<div>Feb 14, 2026 | 9:05 pm</div>", "2026-02-16T03:05:48Z", NULL},
      /* nothing shown: the first <time> */
      {LD_DATES("2024-05-27T07:11:40", "2024-10-01T05:33:23"),
       "<time datetime=\"2024-05-28T10:24:43\">two years ago</time>",
       "2024-05-28T10:24:43Z", NULL},
  };
  check_meta(cases, N_CASES(cases));
}

/* "02-12-2025" reads as 2 December when a <time> of the page writes that
 * day year first, else month first. */
static void test_published_two_readings(void **state) {
  (void)state;
  static const struct meta_case cases[] = {
      {"",
       "<time datetime=\"02-12-2025\">02-12-2025</time><ul><li><a "
       "href=\"/p\">Ferry</a> <time datetime=\"2025-12-02\">December 02, "
       "2025</time></li></ul>",
       "2025-12-02", NULL},
      {"", "<time datetime=\"02-12-2025\">02-12-2025</time>", "2025-02-12",
       NULL},
      {"",
       "<time datetime=\"02-12-2025\">02-12-2025</time><ul><li><a "
       "href=\"/p\">Ferry</a> <time datetime=\"2025-11-02\">November 02, "
       "2025</time></li></ul>",
       "2025-02-12", NULL},
  };
  check_meta(cases, N_CASES(cases));
}

/* Class and id words matched in place whatever their length and case, the
 * value read through libxml2 when it is more than one text node. */
static void test_byline_class_match(void **state) {
  (void)state;
  char body[2048], cls[600];
  size_t o = 0;
  while (o + 20 < 500)
    o += (size_t)snprintf(cls + o, sizeof cls - o, "flex-%zu gap-2 ", o);
  snprintf(cls + o, sizeof cls - o, "Post-AUTHORS");
  snprintf(body, sizeof body, "<div class=\"%s\">By Anna Berg</div>", cls);
  const char *const bodies[] = {
      body,
      /* "autho" then "r" elsewhere is no word; nor is a word cut by the
       * end */
      "<div class=\"autho r-box\">Anna Berg</div>"
      "<div class=\"card bylin\">Tomas Lind</div>",
      /* an entity in the value: read through libxml2 */
      "<div class=\"x&amp;y byLine\">By Mira Holt</div>",
  };
  static const char *const bylines[] = {"Anna Berg", NULL, "Mira Holt"};
  check_bylines(bodies, bylines, N_CASES(bodies));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_double_encoded_file),
      cmocka_unit_test(test_double_encoded_cp1252),
      cmocka_unit_test(test_latin_text_kept),
      cmocka_unit_test(test_title_cleaned),
      cmocka_unit_test(test_title_metadata_form),
      cmocka_unit_test(test_title_h1_label),
      cmocka_unit_test(test_title_site_page),
      cmocka_unit_test(test_title_outlet_repeated),
      cmocka_unit_test(test_title_logo_h1),
      cmocka_unit_test(test_title_empty_brackets),
      cmocka_unit_test(test_title_h1_part_start),
      cmocka_unit_test(test_title_sub_heading),
      cmocka_unit_test(test_title_h1_button),
      cmocka_unit_test(test_title_empty_lead),
      cmocka_unit_test(test_title_h1_hidden_parts),
      cmocka_unit_test(test_title_h1_dashes),
      cmocka_unit_test(test_title_site_page_h1_run),
      cmocka_unit_test(test_title_label_dropped),
      cmocka_unit_test(test_title_dublin_core_first),
      cmocka_unit_test(test_title_newer_year),
      cmocka_unit_test(test_norm_date_offsets),
      cmocka_unit_test(test_norm_date_locale),
      cmocka_unit_test(test_norm_date_names),
      cmocka_unit_test(test_published_local_day),
      cmocka_unit_test(test_ld_cdata),
      cmocka_unit_test(test_description_whole),
      cmocka_unit_test(test_visible_date_paths),
      cmocka_unit_test(test_byline_attributes),
      cmocka_unit_test(test_published_stamp),
      cmocka_unit_test(test_published_said),
      cmocka_unit_test(test_published_url_day),
      cmocka_unit_test(test_time_shown_day),
      cmocka_unit_test(test_visible_date_not_story),
      cmocka_unit_test(test_meta_dates),
      cmocka_unit_test(test_byline_class_match),
      cmocka_unit_test(test_published_meta_shown),
      cmocka_unit_test(test_published_originally),
      cmocka_unit_test(test_published_url_first),
      cmocka_unit_test(test_published_naive_time),
      cmocka_unit_test(test_published_two_readings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
