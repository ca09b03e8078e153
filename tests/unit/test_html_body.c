/* test_html_body.c - main-text extraction (src/extract/html_body.c): the
 * boxes around a story that are not the story (a form to fill in, an
 * author's card, screen-reader labels, small boilerplate in a listing's
 * main region), what must stay although it looks like them (a page
 * wrapped in one <form>, the authors of a thread's posts), and the copy of
 * the body that each scoring pass works on, which must read as the page
 * does (white space, short strings, the attributes the passes read).
 *
 * Pages are invented (invented outlets, people and places): a fixture in
 * tests/data/html/body/ and pages built in memory. Everything goes through
 * the public cw_extract_bytes() / cw_extract_file().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "extract/extract.h"
#include "html_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA CW_TEST_DATA "/html/body/"

/* ---- helpers ------------------------------------------------------------- */

/* Paragraphs first to last of an invented story. */
static void put_paragraphs(cw_buf *b, int first, int last) {
  for (int i = first; i <= last; i++)
    cw_buf_printf(b,
                  "<p>Paragraph %d: the Saltmere lock keepers, who have "
                  "worked the gates by hand since the canal reopened, say "
                  "the new schedule, the longer winter closures and the "
                  "cost of repairs leave them short of hands on busy "
                  "weekends.</p>",
                  i);
}

/* Six of them, enough for paragraph scoring to find the story. */
static void put_story(cw_buf *b) { put_paragraphs(b, 1, 6); }

/* Starts the page in b: an article that opens with head (the story's
 * title, a div around the story) and the story. */
static void begin_story(cw_buf *b, const char *head) {
  cw_buf_init(b, 0);
  cw_buf_puts(b, "<html><body><article>");
  cw_buf_puts(b, head);
  put_story(b);
}

/* A div whose class is n bytes of 'x' and then what the caller puts. */
static void put_long_class(cw_buf *b, size_t n) {
  cw_buf_puts(b, "<div class=\"");
  for (size_t i = 0; i < n; i++)
    cw_buf_putc(b, 'x');
}

/* Extracts the page in b, frees b and returns the first article's text in
 * a malloc'd copy ("" for none). */
static char *text_of(cw_buf *b, const char *origin) {
  assert_int_equal(b->err, CW_OK);
  cw_articles *list = extract_ok(b->ptr, b->len, origin);
  const char *t = cw_articles_get(list, 0)->text;
  size_t n = t ? strlen(t) : 0;
  char *copy = malloc(n + 1);
  assert_non_null(copy);
  memcpy(copy, t ? t : "", n);
  copy[n] = '\0';
  cw_articles_free(list);
  cw_buf_free(b);
  return copy;
}

/* Fails, naming the page and case k, unless words are in text (kept) or
 * not (as assert_has and assert_lacks). */
static void expect_words(const char *origin, size_t k, const char *text,
                         const char *words, int kept) {
  if ((strstr(text, words) != NULL) != (kept != 0))
    fail_msg("%s, case %zu: %s \"%s\" in:\n%s", origin, k,
             kept ? "expected" : "did not expect", words, text);
}

/* Extracts the page in b (and frees b): the story is whole (its last
 * paragraph is in the text), and words are in it when kept, not when
 * not. A failure names the page and case k. */
static void check_story(cw_buf *b, const char *origin, size_t k,
                        const char *words, int kept) {
  char *t = text_of(b, origin);
  expect_words(origin, k, t, "Paragraph 6:", 1);
  expect_words(origin, k, t, words, kept);
  free(t);
}

/* ---- the document's structure -------------------------------------------- */

/* A site whose header template ends the document ("</body></html>")
 * before the article follows, as browsers show it: the story after the
 * early end is the page's content, with its heading, and the page's
 * header and footer are not; also when only </body> comes early, and
 * when a second <body> opens the rest. */
static void test_story_after_early_end(void **state) {
  (void)state;
  const char *ends[] = {"</body></html>", "</body>", "</body></html><body>",
                        "</html><html><head><title>x</title></head><body>"};
  for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
    cw_buf b;
    cw_buf_init(&b, 0);
    cw_buf_puts(&b, "<html><head><title>Saltmere locks | Canal Post</title>"
                    "</head><body><header><nav><a href=\"/\">Home</a> "
                    "<a href=\"/news\">News</a></nav></header>");
    cw_buf_puts(&b, ends[k]);
    cw_buf_puts(&b, "<div class=\"post\"><h2>Lock keepers short of "
                    "hands</h2>");
    put_story(&b);
    cw_buf_puts(&b, "</div><footer><p>Copyright Canal Post, all rights "
                    "reserved.</p></footer></body></html>");
    char *t = text_of(&b, "early-end.html");
    expect_words("early-end.html", k, t, "Paragraph 1:", 1);
    expect_words("early-end.html", k, t, "Paragraph 6:", 1);
    expect_words("early-end.html", k, t, "Lock keepers short of hands", 1);
    expect_words("early-end.html", k, t, "Copyright", 0);
    expect_words("early-end.html", k, t, "Home", 0);
    free(t);
  }
}

/* A page rendered by React on the server that streams its article: the
 * placeholder in <main> (a template and a "Loading" fallback up to the
 * boundary's end comment), the page's footer, then the article in a
 * hidden part at the end of the body, whose last paragraphs are a part
 * of their own (a placeholder inside the first part). The article is
 * read where the placeholder was, whole and in order, without the
 * fallback; odd pairings (a part holding its own placeholder, a
 * fallback holding another placeholder or its own part, a placeholder
 * with no part) are left as they are or read without harm. */
static void test_streamed_parts_in_place(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_puts(&b, "<html><body><header><a href=\"/\">Canal Post</a>"
                  "</header><main><h1>Lock keepers short of hands</h1>"
                  "<!--$?--><template id=\"B:0\"></template>"
                  "<div>Loading story...</div><!--/$--></main>"
                  "<footer><p>Copyright Canal Post, all rights reserved."
                  "</p></footer><div hidden id=\"S:0\"><div>");
  put_paragraphs(&b, 1, 3);
  cw_buf_puts(&b, "<template id=\"P:1\"></template></div></div>"
                  "<script>$RC(\"B:0\",\"S:0\")</script>"
                  "<div hidden id=\"S:1\">");
  put_paragraphs(&b, 4, 6);
  cw_buf_puts(&b, "</div><div hidden id=\"S:2\"><template id=\"B:2\">"
                  "</template>x</div><!--$?--><template id=\"B:3\">"
                  "</template><div><template id=\"P:4\"></template>"
                  "</div><!--/$--><div hidden id=\"S:3\">y</div>"
                  "<div hidden id=\"S:4\">z</div><template id=\"P:9\">"
                  "</template><!--$?--><template id=\"B:5\"></template>"
                  "<div hidden id=\"S:5\">w</div><!--/$--></body></html>");
  char *t = text_of(&b, "streamed.html");
  expect_words("streamed.html", 0, t, "Loading story", 0);
  expect_words("streamed.html", 0, t, "Copyright", 0);
  const char *p1 = strstr(t, "Paragraph 1:"), *p3 = strstr(t, "Paragraph 3:"),
             *p4 = strstr(t, "Paragraph 4:"), *p6 = strstr(t, "Paragraph 6:");
  if (!p1 || !p3 || !p4 || !p6 || !(p1 < p3 && p3 < p4 && p4 < p6))
    fail_msg("streamed.html: paragraphs 1, 3, 4, 6 missing or out of "
             "order in:\n%s", t);
  free(t);
}

/* A web component rendered on the server: the story's paragraphs are in
 * its declarative shadow root (<template shadowrootmode="open">), which a
 * browser shows; an inert template's text stays out. */
static void test_shadow_root_shown(void **state) {
  (void)state;
  static const char *const modes[] = {"shadowrootmode=\"open\"",
                                      "shadowroot=\"open\""};
  for (size_t k = 0; k < sizeof modes / sizeof *modes; k++) {
    cw_buf b;
    cw_buf_init(&b, 0);
    cw_buf_printf(&b, "<html><body><canal-story><template %s>"
                      "<h1>Lock keepers short of hands</h1>", modes[k]);
    put_story(&b);
    cw_buf_puts(&b, "</template></canal-story><template id=\"row\">"
                    "<p>Row template: the name of the lock, its keeper, "
                    "the hours the gates open, the fee.</p></template>"
                    "</body></html>");
    char *t = text_of(&b, "shadow.html");
    expect_words("shadow.html", k, t, "Paragraph 1:", 1);
    expect_words("shadow.html", k, t, "Paragraph 6:", 1);
    expect_words("shadow.html", k, t, "Row template", 0);
    free(t);
  }
}

/* ---- boxes that are not the story ---------------------------------------- */

/* A story whose body ends with an author's card and a form asking for a
 * call, and whose link carries a label for screen readers: the story
 * stays whole, the card, the form's heading and pitch and the hidden
 * label go. */
static void test_boxes_around_story(void **state) {
  (void)state;
  cw_articles *list = NULL;
  cw_error err;
  memset(&err, 0, sizeof err);
  assert_int_equal(cw_extract_file(DATA "cta-article.html", NULL, &list,
                                   &err),
                   CW_OK);
  const char *t = cw_articles_get(list, 0)->text;
  assert_has(t, "Commuters in Lower Brackwater say");
  assert_has(t, "Councillor Odo Fenwick");
  assert_has(t, "Read the petition");
  /* the form to fill in, with its heading and pitch */
  assert_lacks(t, "Talk to our harbour team");
  assert_lacks(t, "Schedule a free call");
  /* the author's card, the story's second author element */
  assert_lacks(t, "is a staff writer");
  /* a label drawn for screen readers only */
  assert_lacks(t, "opens in a new window");
  cw_articles_free(list);
}

/* Pages that wrap everything in one <form> (with a search field) are no
 * form to fill in: the story in it stays. */
static void test_page_wide_form_kept(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_puts(&b, "<html><body><form id=\"main-form\" method=\"post\">"
                  "<input type=\"hidden\" name=\"state\" value=\"a1\">"
                  "<div class=\"search\"><input type=\"text\" name=\"q\">"
                  "</div><div class=\"page\"><h1>Saltmere lock</h1>");
  put_story(&b);
  cw_buf_puts(&b, "</div></form></body></html>");
  char *t = text_of(&b, "wrapped.html");
  assert_has(t, "Paragraph 1: the Saltmere lock keepers");
  assert_has(t, "Paragraph 6: the Saltmere lock keepers");
  free(t);
}

/* A comment form inside the story's body goes; a form without text
 * fields (a vote of buttons) is no box to fill in and its words stay. */
static void test_comment_form_dropped(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_puts(&b, "<html><body><div class=\"post\"><h1>Saltmere lock</h1>");
  put_story(&b);
  cw_buf_puts(&b, "<form action=\"/vote\"><p>Was this useful to you, "
                  "reader of the Saltmere Courier?</p>"
                  "<button>Yes</button><button>No</button></form>"
                  "<form action=\"/comment\"><h3>Leave a reply to the "
                  "editor</h3><p>Your address stays with us.</p>"
                  "<textarea name=\"c\"></textarea>"
                  "<input name=\"who\"><input type=\"submit\" value=\"Post\">"
                  "</form></div></body></html>");
  char *t = text_of(&b, "comment.html");
  assert_has(t, "Paragraph 6:");
  assert_has(t, "Was this useful to you");
  assert_lacks(t, "Leave a reply to the editor");
  assert_lacks(t, "Your address stays with us");
  free(t);
}

/* In a thread every post names its author in an element of the same
 * class: those names are the content and stay, where a story's single
 * author card goes. */
static void test_recurring_author_class_kept(void **state) {
  (void)state;
  static const char *const who[] = {"Maren Oduya", "Tobiah Lenk",
                                    "Ysolde Parr", "Quill Amsel"};
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_puts(&b, "<html><body><div class=\"thread\">");
  for (int k = 0; k < 4; k++)
    cw_buf_printf(&b,
                  "<div class=\"msg\"><div class=\"msg-author\">%s</div>"
                  "<div class=\"msg-text\"><p>Reply %d: cover the "
                  "seedlings with fleece at dusk, water them in the "
                  "morning only, and keep the cold frame shut when the "
                  "wind turns to the north again.</p></div></div>",
                  who[k], k + 1);
  cw_buf_puts(&b, "</div></body></html>");
  char *t = text_of(&b, "thread.html");
  assert_has(t, "Reply 1:");
  assert_has(t, "Reply 4:");
  assert_has(t, "Tobiah Lenk");
  assert_has(t, "Quill Amsel");
  free(t);
}

/* The items of the garden-tool listings below, as <li>s of a shop's list:
 * a link and a short stock line each. */
static void tool_items(cw_buf *b) {
  static const char *const items[] = {"Ash-handled spade", "Border fork",
                                      "Copper trowel", "Dutch hoe",
                                      "Edging shears", "Fruit picker"};
  for (size_t i = 0; i < sizeof items / sizeof *items; i++)
    cw_buf_printf(b,
                  "<li><a href=\"/p\">%s</a> <span>In stock, ships in two "
                  "days</span></li>",
                  items[i]);
}

/* A shop's listing (no article: the main region is the content) keeps
 * its items and drops a small sign-up box and a label for screen
 * readers. */
static void test_listing_region_boilerplate(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_puts(&b, "<html><body><main><h1>Garden tools</h1>"
                  "<div class=\"visuallyhidden\">Filters and sorting "
                  "options for this list</div><ul>");
  tool_items(&b);
  cw_buf_puts(&b, "</ul><div class=\"promo-signup\">Join the Ferrow club "
                  "today</div></main></body></html>");
  char *t = text_of(&b, "tools.html");
  assert_has(t, "Ash-handled spade");
  assert_has(t, "Fruit picker");
  assert_lacks(t, "Filters and sorting");
  assert_lacks(t, "Join the Ferrow club");
  free(t);
}

/* ---- the edges of the story ---------------------------------------------- */

/* A list of teaser links longer than a short link block ends the story
 * ("From the archive" and eight headlines): it goes, and the heading that
 * introduced it with it. A closing list whose items are sentences with a
 * link in them is the story's and stays. */
static void test_trailing_link_list(void **state) {
  (void)state;
  for (size_t k = 0; k < 2; k++) {
    cw_buf b;
    begin_story(&b, "<h1>Saltmere lock</h1>");
    cw_buf_puts(&b, "<h3>From the archive</h3><ul>");
    for (int i = 0; i < 8; i++) {
      if (k == 0)
        cw_buf_printf(&b,
                      "<li><a href=\"/archive/%d\">Lock keepers of the "
                      "upper reach, part %d</a></li>",
                      i, i + 1);
      else
        cw_buf_printf(&b,
                      "<li>The keepers of the upper reach open gate %d "
                      "at dawn and close it again at dusk, say the "
                      "<a href=\"/rules\">rules</a></li>",
                      i + 1);
    }
    cw_buf_puts(&b, "</ul></article></body></html>");
    char *t = text_of(&b, "archive.html");
    expect_words("archive.html", k, t, "Paragraph 6:", 1);
    if (k == 0) {
      expect_words("archive.html", k, t, "Lock keepers of the upper reach", 0);
      expect_words("archive.html", k, t, "From the archive", 0);
    } else {
      expect_words("archive.html", k, t, "open gate 1 at dawn", 1);
      expect_words("archive.html", k, t, "open gate 8 at dawn", 1);
    }
    free(t);
  }
}

/* The last lines of a story that are page furniture by their shape: a
 * heading that nothing follows (a question too, and one wrapped in a
 * box of its own), a short line ending in a no-break space. A heading
 * followed by its paragraph stays. */
static void test_trailing_furniture(void **state) {
  (void)state;
  static const char *const tails[] = {
      "<h2>Ready to see the lock at work?</h2>",
      "<div class=\"promo\"><h3>Questions about the gates?</h3></div>",
      "<p>Follow the Saltmere Courier\xC2\xA0</p>",
  };
  static const char *const gone[] = {"Ready to see the lock at work",
                                     "Questions about the gates",
                                     "Follow the Saltmere Courier"};
  for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
    cw_buf b;
    begin_story(&b, "<h1>Saltmere lock</h1>");
    cw_buf_puts(&b, tails[k]);
    cw_buf_puts(&b, "</article></body></html>");
    check_story(&b, "tail.html", k, gone[k], 0);
  }
  cw_buf b;
  begin_story(&b, "<h1>Saltmere lock</h1>");
  cw_buf_puts(&b, "<h2>Ready for the winter?</h2><p>The keepers "
                  "grease the gates in November, before the first "
                  "frost reaches the upper reach.</p>");
  cw_buf_puts(&b, "</article></body></html>");
  char *t = text_of(&b, "tail.html");
  assert_has(t, "Paragraph 6:");
  assert_has(t, "Ready for the winter?");
  assert_has(t, "The keepers grease the gates");
  free(t);
}

/* Trimming goes back up: a box at the end whose list of filters goes
 * leaves its own short heading, which goes then too. */
static void test_trailing_box_emptied(void **state) {
  (void)state;
  static const char *const opts[] = {
      "Oak boards",   "Ash boards",   "Larch boards", "Elm boards",
      "Birch boards", "Alder boards", "Beech boards", "Yew boards"};
  cw_buf b;
  begin_story(&b, "<h1>Saltmere lock</h1>");
  cw_buf_puts(&b, "<div class=\"filters\"><strong>Narrow by timber</strong>"
                  "<div class=\"pic\"><img src=\"/saw.png\" alt=\"\"></div>"
                  "<div class=\"list\">");
  for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
    cw_buf_printf(&b, "<div class=\"opt\">%s</div>", opts[i]);
  cw_buf_puts(&b, "</div></div></article></body></html>");
  char *t = text_of(&b, "filters.html");
  assert_has(t, "Paragraph 6:");
  assert_lacks(t, "Larch boards");
  assert_lacks(t, "Narrow by timber");
  free(t);
}

/* A page laid out in a table (tables inside its cells): the link rows at
 * its end are looked for in its rows and cells as in a div's blocks, and
 * go; the rows of the listing stay. */
static void test_layout_table_edges(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_puts(&b, "<html><body><center><table id=\"page\">"
                  "<tr><td><table><tr><td><b>Saltmere Board</b> "
                  "<a href=\"/new\">new</a> | <a href=\"/past\">past</a>"
                  "</td></tr></table></td></tr><tr><td><table>");
  for (int i = 0; i < 12; i++)
    cw_buf_printf(&b,
                  "<tr><td>%d.</td><td><a href=\"/item/%d\">Lock keeper "
                  "%d tells how the gate chain was found</a></td></tr>"
                  "<tr><td></td><td>%d points by a reader, %d hours ago, "
                  "%d replies so far</td></tr>",
                  i + 1, i, i + 1, 40 + i, i + 1, 3 * i);
  cw_buf_puts(&b, "</table></td></tr><tr><td><center><span class=\"links\">"
                  "<a href=\"/rules\">Guidelines</a> | <a href=\"/faq\">"
                  "FAQ</a> | <a href=\"/lists\">Lists</a> | "
                  "<a href=\"/contact\">Contact</a></span></center></td>"
                  "</tr></table></center></body></html>");
  char *t = text_of(&b, "board.html");
  assert_has(t, "Lock keeper 1 tells");
  assert_has(t, "Lock keeper 12 tells");
  assert_lacks(t, "Guidelines");
  free(t);
}

/* A timetable (a data table: a header row) in a box whose class says
 * "scroll", which alone would have the box go: the box stays with its
 * table, as the table would; a box of the same class without a table
 * goes. */
static void test_data_table_in_scroll_box(void **state) {
  (void)state;
  cw_buf b;
  begin_story(&b, "<h1>Winter timetable for the Saltmere locks</h1>");
  cw_buf_puts(&b, "<div class=\"overflow-x-scroll\"><table><thead><tr>"
                  "<td>Week</td><td>Monday</td><td>Tuesday</td></tr>"
                  "</thead><tbody>");
  for (int i = 0; i < 4; i++)
    cw_buf_printf(&b, "<tr><td>%d</td><td>Gates open 8:00</td>"
                      "<td>Gates shut 16:30</td></tr>", i + 1);
  cw_buf_puts(&b, "</tbody></table></div><div class=\"overflow-x-scroll\">"
                  "<a href=\"/more\">Slide to see more locks</a></div>"
                  "</article></body></html>");
  char *t = text_of(&b, "timetable.html");
  expect_words("timetable.html", 0, t, "Paragraph 6:", 1);
  expect_words("timetable.html", 0, t, "Gates shut 16:30", 1);
  expect_words("timetable.html", 0, t, "Week", 1);
  expect_words("timetable.html", 0, t, "Slide to see more", 0);
  free(t);
}

/* Author elements are counted by kind: the credits of one class in the
 * story stay (as a thread's names do; the first is read as the byline),
 * while a single author card of another class at its end goes. */
static void test_author_card_among_credits(void **state) {
  (void)state;
  static const char *const who[] = {"Maren Oduya", "Tobiah Lenk",
                                    "Ysolde Parr", "Quill Amsel"};
  cw_buf b;
  begin_story(&b, "<h1>Saltmere lock</h1>");
  cw_buf_puts(&b, "<ul class=\"credits\">");
  for (int i = 0; i < 4; i++)
    cw_buf_printf(&b,
                  "<li><span class=\"author\">%s</span> took the photographs "
                  "of gate %d</li>",
                  who[i], i + 1);
  cw_buf_puts(&b, "</ul><div class=\"post-author\"><p>Ilse Varga writes "
                  "about the canals of the north for the Saltmere "
                  "Courier.</p></div></article></body></html>");
  char *t = text_of(&b, "credits.html");
  assert_has(t, "Paragraph 6:");
  assert_has(t, "Tobiah Lenk");
  assert_has(t, "Quill Amsel");
  assert_lacks(t, "writes about the canals");
  free(t);
}

/* ---- the copy each pass scores ------------------------------------------- */

/* The passes score a copy of the body that shares white space and keeps
 * short strings in the nodes: preformatted text keeps its line breaks
 * (white space between tags holding one), runs of spaces still read as
 * one, and strings of every length up to and past the two pointers a
 * node holds come out whole, non-ASCII ones too. */
static void test_copy_reads_as_page(void **state) {
  (void)state;
  cw_buf b;
  begin_story(&b, "<h1>Saltmere lock</h1>");
  cw_buf_puts(&b, "<pre><code><span>gate</span>\n<span>open</span>   "
                  "<span>slow</span>\n\n  <span>close</span></code></pre>"
                  "<p>Short words: <b>a</b> <b>bc</b> <i>fifteen-letters</i> "
                  "<i>sixteen-letters!</i> <i>seventeen-letters</i> "
                  "<em>\xC3\xA9t\xC3\xA9</em>   <em>end</em>, said Ilse "
                  "Varga, the keeper of the upper gate, on Tuesday.</p>"
                  "</article></body></html>");
  char *t = text_of(&b, "copy.html");
  assert_has(t, "gate\nopen slow\n");
  assert_has(t, "close");
  assert_has(t, "Short words: a bc fifteen-letters sixteen-letters! "
                "seventeen-letters \xC3\xA9t\xC3\xA9 end, said Ilse Varga");
  free(t);
}

/* The copy keeps the attributes the passes read: an element whose class
 * says sidebar goes in the first pass, a role of navigation too, and a
 * list of in-page links at the end of the story (weighed 0.3 as links:
 * notes, a table of contents) is no link list to trim away, where the
 * same list of links to other pages is. Of an href the copy keeps the
 * first byte alone: long in-page anchors, one written as a character
 * reference, and long addresses of other pages read as the short ones;
 * an href without a value or with an empty one is no in-page link. */
static void test_copy_keeps_read_attributes(void **state) {
  (void)state;
  static const char *const targets[] = {
      "#", "#notes-of-the-saltmere-lock-keepers-", "&#35;n-",
      "/other/", "https://courier.saltmere.example/lock/log/", "", NULL};
  for (size_t k = 0; k < 7; k++) {
    cw_buf b;
    /* in an <article>: the first pass's text is taken as it is */
    begin_story(&b, "<h1>Saltmere</h1>");
    cw_buf_puts(&b,
                "<div class=\"sidebar-box\"><p>Weather for Saltmere, "
                "mild with showers, light winds from the west.</p></div>"
                "<div role=\"navigation\"><p>Sections of the Saltmere "
                "Courier, news, sport and the lock log.</p></div><ul>");
    if (targets[k])
      cw_buf_printf(&b,
                    "<li><a href=\"%sgates\">The gates and the keepers' "
                    "shifts</a></li><li><a href=\"%s\">The repair costs "
                    "of the winter</a></li>",
                    targets[k], targets[k]);
    else
      cw_buf_puts(&b, "<li><a href>The gates and the keepers' shifts</a>"
                      "</li><li><a href>The repair costs of the winter</a>"
                      "</li>");
    cw_buf_puts(&b, "</ul></article></body></html>");
    char *t = text_of(&b, "attrs.html");
    expect_words("attrs.html", k, t, "Paragraph 1:", 1);
    expect_words("attrs.html", k, t, "Paragraph 6:", 1);
    expect_words("attrs.html", k, t, "The gates and the keepers' shifts",
                 k < 3);
    expect_words("attrs.html", k, t, "Weather for Saltmere", 0);
    expect_words("attrs.html", k, t, "Sections of the Saltmere Courier", 0);
    free(t);
  }
}

/* The copy held in an arena is edited as libxml2 edits its own nodes: two
 * texts that come together (an <svg> and a <button> between them were
 * dropped before the copy) join into one paragraph when the div around
 * them is made into paragraphs, and a div around a single paragraph hands
 * its class to it, which then marks the paragraph as boilerplate (the
 * class read in lower case). */
static void test_copy_edits(void **state) {
  (void)state;
  cw_buf b;
  begin_story(&b, "<h1>Lock keepers</h1><div>The keepers met at dawn, "
                  "<svg><circle r=\"2\"/></svg>and the gates "
                  "<button>Share</button>opened at six.");
  cw_buf_puts(&b, "</div><div class=\"Lock-Log SUBSCRIBE-Box\"><p>Sign up "
                  "for the lock log of the Saltmere Courier, sent free "
                  "each Friday.</p></div></article></body></html>");
  char *t = text_of(&b, "edits.html");
  assert_true(!strncmp(t, "The keepers met at dawn, and the gates opened at "
                          "six.\n\nParagraph 1:",
                       strlen("The keepers met at dawn, and the gates opened "
                              "at six.\n\nParagraph 1:")));
  assert_has(t, "Paragraph 6:");
  assert_lacks(t, "Sign up for the lock log");
  free(t);
}

/* Pages whose first pass is short: the story sits in a box whose class
 * the first pass strips, beside a list of links. Each retry scores a new
 * copy of the page's body, and the last resort reads the body itself.
 * With a class that also weighs against the box, no retry finds the
 * story and the main region (the list and the story) is the text; with
 * one that does not, a retry finds the story alone. The texts are whole,
 * as the extractor gave them before copies were held in an arena. */
static void test_retry_passes(void **state) {
  (void)state;
  static const char *const boxes[] = {"sidebar-note", "extra-notes"};
  for (int k = 0; k < 2; k++) {
    cw_buf b, want;
    cw_buf_init(&b, 0);
    cw_buf_init(&want, 0);
    cw_buf_puts(&b, "<html><head><title>Lock keepers</title></head><body>"
                    "<div class=\"links\"><ul>");
    for (int i = 0; i < 8; i++) {
      cw_buf_printf(&b,
                    "<li><a href=\"/boats/%d\">Timetable of the Saltmere "
                    "ferry boats for week %d of the season</a></li>",
                    i, i);
      if (k == 0)
        cw_buf_printf(&want,
                      "%sTimetable of the Saltmere ferry boats for week %d "
                      "of the season",
                      i ? "\n" : "", i);
    }
    cw_buf_printf(&b, "</ul></div><div class=\"%s\">", boxes[k]);
    put_story(&b);
    cw_buf_puts(&b, "</div></body></html>");
    for (int i = 0; i < 6; i++)
      cw_buf_printf(&want,
                    "%sParagraph %d: the Saltmere lock keepers, who have "
                    "worked the gates by hand since the canal reopened, say "
                    "the new schedule, the longer winter closures and the "
                    "cost of repairs leave them short of hands on busy "
                    "weekends.",
                    want.len ? "\n\n" : "", i + 1);
    assert_int_equal(want.err, CW_OK);
    char *t = text_of(&b, "retry.html");
    assert_string_equal(t, want.ptr);
    free(t);
    cw_buf_free(&want);
  }
}

/* White space in the text output: inside a paragraph a run of spaces,
 * tabs or line breaks reads as one space, single spaces as they are; in
 * preformatted text a line break stays one and other runs read as one
 * space. */
static void test_text_spacing(void **state) {
  (void)state;
  cw_buf b;
  begin_story(&b, "<h1>Saltmere lock</h1>");
  cw_buf_puts(&b, "<p>The keepers\tsaid,\n  on the  quay, that one two "
                  "three <b>gates</b> open. Then\r\nthe tide   came in "
                  "over the sill of the lower gate.</p>"
                  "<pre>up one  two\tthree\n  down four five</pre>"
                  "</article></body></html>");
  char *t = text_of(&b, "spacing.html");
  assert_has(t, "The keepers said, on the quay, that one two three gates "
                "open. Then the tide came in over the sill of the lower "
                "gate.");
  assert_has(t, "up one two three\ndown four five");
  free(t);
}

/* A small box with a role of dialog (a sign-in prompt) goes before
 * scoring, read from the attribute in place; one whose role has no value
 * is no dialog and stays. */
static void test_dialog_role(void **state) {
  (void)state;
  for (size_t k = 0; k < 2; k++) {
    cw_buf b;
    begin_story(&b, "<h1>Saltmere lock</h1>");
    cw_buf_printf(&b,
                  "<div %s><p>Sign in to the Saltmere Courier to keep "
                  "reading the lock log, free for a month, then four "
                  "crowns a week.</p></div></article></body></html>",
                  k == 0 ? "role=\"dialog\"" : "role");
    check_story(&b, "dialog.html", k, "Sign in to the Saltmere Courier",
                k != 0);
  }
}

/* Lines of page furniture dropped by their wording (one row a rule): a
 * sponsor's label, a forum's two-word label without its value, an appeal
 * for support, a site search's label and prompt, a call to register, a
 * pager's position, a link to another story in the text (which goes
 * on after it). A sentence of the story
 * with the same words stays. */
static void test_furniture_lines(void **state) {
  (void)state;
  static const char *const lines[] = {
      "In partnership with",
      "Reaction score",
      "Trophy points:",
      "Our lock log is funded by readers like you.",
      "Search this site",
      "Type to search stories",
      "Register here",
      "Page 2 of 8",
      "You might also like: The Saltmere Lock Reopens",
      "You are browsing as a guest. Sign up to post.",
      "This topic was automatically closed after 30 days.",
      "Learn more",
      "Tell me more \xE2\x86\x92",
      "Get started",
      "Join the conversation",
      "Join the Facebook group of the Saltmere lock keepers",
      "Your email address will not be published. Required fields are "
      "marked *",
      "By posting a comment, you agree that your name and words are shown "
      "beside the story and kept as long as it is.",
  };
  for (size_t k = 0; k < sizeof lines / sizeof *lines; k++) {
    cw_buf b;
    begin_story(&b, "<h1>Saltmere lock</h1>");
    cw_buf_printf(&b,
                  "<p>%s</p><p>In partnership with the canal trust, the "
                  "keepers search the site of the old weir for the lost "
                  "gate chain each spring.</p></article></body></html>",
                  lines[k]);
    /* the line as a line of its own */
    char line[200];
    snprintf(line, sizeof line, "%s\n", lines[k]);
    char *t = text_of(&b, "furniture.html");
    expect_words("furniture.html", k, t, "Paragraph 6:", 1);
    expect_words("furniture.html", k, t, "In partnership with the canal trust",
                 1);
    expect_words("furniture.html", k, t, line, 0);
    free(t);
  }
}

/* ---- the words of class and id, found once per element ------------------- */

/* A box in the story whose id names a newsletter, after a class of n
 * bytes that holds no word of the lists: class and id are read as one
 * string of at most 256 bytes, so the id's word counts only while the
 * class leaves room for it (245 bytes and a space leave the ten bytes of
 * "newsletter", 246 leave nine). The box goes when its word counts. */
static void test_id_after_long_class(void **state) {
  (void)state;
  static const struct {
    size_t len;
    int kept;
  } cases[] = {{0, 0}, {245, 0}, {246, 1}, {400, 1}};
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    cw_buf b;
    begin_story(&b, "<h1>Lock keepers</h1>");
    put_long_class(&b, cases[k].len);
    cw_buf_puts(&b, "\" id=\"NewsLetter-box\"><p>The Saltmere Courier's "
                    "lock log, every Friday, with the gate times.</p></div>");
    put_story(&b);
    cw_buf_puts(&b, "</article></body></html>");
    check_story(&b, "long-class.html", cases[k].len, "lock log, every Friday",
                cases[k].kept);
  }
}

/* A word of the lists cut by the 256 bytes: a class whose "share" starts
 * at byte 252 ends in "shar" and names nothing; at byte 251 it names a
 * share box, which goes. */
static void test_word_at_class_end(void **state) {
  (void)state;
  for (size_t n = 251; n <= 252; n++) {
    cw_buf b;
    begin_story(&b, "<h1>Lock keepers</h1>");
    put_long_class(&b, n);
    cw_buf_puts(&b, "SHARE-tools\"><p>Send the lock log of the Saltmere "
                    "Courier to a friend by post.</p></div>");
    put_story(&b);
    cw_buf_puts(&b, "</article></body></html>");
    check_story(&b, "class-end.html", n, "Send the lock log", n != 251);
  }
}

/* Class weights, the class and the id each counted: a heading whose class
 * is exactly "hid" (in any case), or whose id names media, weighs against
 * itself and goes from the story, as does one whose class names media and
 * the story (-25 + 25) with such an id (-25); one whose class holds "hid"
 * in a longer name ("hide-on-print" holds no negative word), or names the
 * story beside such an id (+25 - 25), stays. */
static void test_heading_class_weight(void **state) {
  (void)state;
  static const struct {
    const char *attrs;
    int kept;
  } cases[] = {{"class=\"hid\"", 0},
               {"class=\"HID\"", 0},
               {"id=\"media-title\"", 0},
               {"class=\"media-story\" id=\"media-title\"", 0},
               {"class=\"hide-on-print\"", 1},
               {"class=\"story-title\" id=\"media-title\"", 1},
               {"class=\"plain\" id=\"x\"", 1}};
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    cw_buf b;
    begin_story(&b, "<div>");
    cw_buf_printf(&b, "<h2 %s>Winter closures at the lower gates</h2>",
                  cases[k].attrs);
    put_story(&b);
    cw_buf_puts(&b, "</div></article></body></html>");
    check_story(&b, "heading.html", k, "Winter closures at the lower gates",
                cases[k].kept);
  }
}

/* A paragraph with attributes but no class or id takes the class of the
 * div around it (which then goes): what its own class and id said (no
 * word of the lists) no longer holds, and the subscription box it now is
 * goes from the story; under a div of another class it stays. */
static void test_class_handed_down(void **state) {
  (void)state;
  static const char *const classes[] = {"Subscribe-Box", "plain-box"};
  for (size_t k = 0; k < 2; k++) {
    cw_buf b;
    begin_story(&b, "<h1>Lock keepers</h1><div>");
    cw_buf_printf(&b,
                  "</div><div class=\"%s\"><p lang=\"en\" "
                  "data-slot=\"4\">The lock log of the Saltmere Courier "
                  "comes free each Friday, with the gate times.</p></div>"
                  "</article></body></html>",
                  classes[k]);
    check_story(&b, "handed.html", k, "lock log of the Saltmere Courier",
                k != 0);
  }
}

/* Conditional cleaning keeps a block with ten commas or more, however
 * many links it holds, and reads no further than the tenth: a block of
 * links whose first line lists the gates with ten commas stays; with nine
 * it goes (its text is all links). */
static void test_comma_block(void **state) {
  (void)state;
  for (int n = 9; n <= 10; n++) {
    cw_buf b;
    begin_story(&b, "<h1>Lock keepers</h1><div>");
    cw_buf_puts(&b, "<div><a href=\"/gates\">Gate list: gate 0");
    for (int i = 1; i <= n; i++)
      cw_buf_printf(&b, ", gate %d", i);
    cw_buf_puts(&b, "</a><ul>");
    for (int i = 0; i < 4; i++)
      cw_buf_printf(&b, "<li><a href=\"/g%d\">Gate %d</a></li>", i, i);
    cw_buf_puts(&b, "</ul></div>");
    put_story(&b);
    cw_buf_puts(&b, "</div></article></body></html>");
    check_story(&b, "commas.html", (size_t)n, "Gate list: gate 0, gate 1",
                n == 10);
  }
}

/* A custom element that names itself a footer (<lock-page-footer>) goes
 * from the story as a <footer> does; one of another name stays. */
static void test_custom_footer(void **state) {
  (void)state;
  static const char *const tags[] = {"lock-page-footer", "lock-notes"};
  for (size_t k = 0; k < 2; k++) {
    cw_buf b;
    begin_story(&b, "<h1>Saltmere lock</h1>");
    cw_buf_printf(&b,
                  "<%s><p>Except where noted, the lock log is shared under "
                  "an open licence, and so are its gate charts.</p></%s>"
                  "</article></body></html>",
                  tags[k], tags[k]);
    check_story(&b, "footer.html", k, "shared under an open licence", k);
  }
}

/* Footnotes (an ordered list whose every item ends with a mark linking
 * back to its reference) go; a list whose items end with a link to
 * another page, or with a longer link within the page (an entry of a
 * table of contents), stays. */
static void test_footnotes(void **state) {
  (void)state;
  static const struct {
    const char *href; /* and the note's number */
    const char *mark;
  } ends[] = {{"#ref-", "\xE2\x86\xA9"},
              {"/notes/", "\xE2\x86\xA9"},
              {"#part-", "Back to the gate list"}};
  for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
    cw_buf b;
    begin_story(&b, "<h1>Saltmere lock</h1>");
    cw_buf_puts(&b, "<ol>");
    for (int i = 1; i <= 3; i++)
      cw_buf_printf(&b,
                    "<li><p>Note %d: the gate count of the winter "
                    "survey, taken by hand. <a href=\"%s%d\">%s</a></p>"
                    "</li>",
                    i, ends[k].href, i, ends[k].mark);
    cw_buf_puts(&b, "</ol><p>The keepers meet again in spring, when the "
                    "upper reach thaws and the first boats come "
                    "through.</p></article></body></html>");
    check_story(&b, "notes.html", k, "Note 2: the gate count", k != 0);
  }
}

/* At the start of a scored story a short line that is no heading and
 * ends in no full stop (a kicker over the title) goes; a heading, a line
 * ending with a full stop and a longer line stay. */
static void test_kicker(void **state) {
  (void)state;
  static const struct {
    const char *head;
    const char *words;
    int kept;
  } cases[] = {
      {"<p class=\"kicker\">Canal life</p>", "Canal life", 0},
      {"<h2>Canal life</h2>", "Canal life", 1},
      {"<p>Canal life goes on.</p>", "Canal life goes on.", 1},
      {"<p>Canal life on the upper reach of the Saltmere</p>",
       "Canal life on the upper reach", 1},
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    cw_buf b;
    cw_buf_init(&b, 0);
    cw_buf_puts(&b, "<html><body><article>");
    cw_buf_puts(&b, cases[k].head);
    cw_buf_puts(&b, "<h1>Saltmere lock</h1>");
    put_story(&b);
    cw_buf_puts(&b, "</article></body></html>");
    char *t = text_of(&b, "kicker.html");
    expect_words("kicker.html", k, t, "Saltmere lock", 1);
    expect_words("kicker.html", k, t, "Paragraph 6:", 1);
    expect_words("kicker.html", k, t, cases[k].words, cases[k].kept);
    free(t);
  }
}

/* Paragraph i of the invented Saltmere lock article that the box tests
 * put their boxes between. */
static void lock_paragraph(cw_buf *b, int i) {
  cw_buf_printf(b,
                "<p>Paragraph %d: the Saltmere lock keepers, who have "
                "worked the gates by hand since the canal reopened, say the "
                "new schedule, the longer winter closures and the cost of "
                "repairs leave them short of hands on busy weekends.</p>",
                i + 1);
}

/* A box set among the story's paragraphs that pitches something and ends
 * in a link to another page standing alone, drawn as a button, goes; the
 * same box stays when its link stays in the page (a reference), ends a
 * sentence, is an entry of a list, when boxes of its kind follow one
 * another (the story's own sections) or when it holds more text. */
static void test_promo_box(void **state) {
  (void)state;
  static const char *const pitch =
      "<h3>Stuck with a leaking lock gate?</h3><p>Our weekend course shows "
      "you how to seal the mitre posts yourself.</p>";
  static const char *const button =
      "<p>\xF0\x9F\x91\x89 <a href=\"/course\">Save your seat now</a></p>";
  static const struct {
    const char *end; /* after the pitch */
    int boxes;       /* of the same kind, one after another */
    int long_text;   /* a third paragraph in the box */
    int kept;
  } cases[] = {
      {NULL, 1, 0, 0},
      {"<p><a href=\"#gates\">Save your seat now</a></p>", 1, 0, 1},
      {"<p>The keepers run it each spring, <a href=\"/course\">book "
       "here</a></p>",
       1, 0, 1},
      {"<ul><li><a href=\"/course\">Save your seat now</a></li></ul>", 1,
       0, 1},
      {NULL, 2, 0, 1},
      {NULL, 1, 1, 1},
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    cw_buf b;
    cw_buf_init(&b, 0);
    cw_buf_puts(&b, "<html><body><article><h1>Saltmere lock</h1>");
    for (int i = 0; i < 6; i++) {
      lock_paragraph(&b, i);
      for (int j = 0; i == 2 && j < cases[k].boxes; j++) {
        cw_buf_printf(&b, "<div class=\"pitch\">%s", pitch);
        if (cases[k].long_text)
          cw_buf_puts(&b, "<p>It covers the hinges, the paddles, the "
                          "balance beams and the winter checks the river "
                          "trust asks of every keeper, over two days at "
                          "the Saltmere yard with lunch and tea, and a "
                          "walk down the flight to see the new paddle gear "
                          "at work.</p>");
        cw_buf_printf(&b, "%s</div>", cases[k].end ? cases[k].end : button);
      }
    }
    cw_buf_puts(&b, "</article></body></html>");
    check_story(&b, "promo.html", k, "Stuck with a leaking lock gate?",
                cases[k].kept);
  }
}

/* At the end of a scored story a box or a paragraph of its own all in
 * italics (but for a short label) is a note about the story and goes; the
 * same note stays when part of it is plain text or when it opens with a
 * footnote's mark. (A box of one paragraph is read as that paragraph.) */
static void test_italic_note(void **state) {
  (void)state;
  static const struct {
    const char *open;  /* the box and what opens the first paragraph */
    const char *first; /* how the first paragraph ends */
    const char *close; /* the box's end */
    int kept;
  } cases[] = {
      {"<div class=\"update\"><p><em>", "</em></p>", "</div>", 0},
      {"<section><p><strong>Note:</strong> <i>", "</i></p>", "</section>",
       0},
      {"<p><em>", "</em></p>", "", 0},
      {"<div class=\"update\"><p>", "</p>", "</div>", 1},
      {"<div class=\"update\"><p><em>", "</em> The keepers agree with "
       "every word of it.</p>", "</div>", 1},
      {"<div class=\"update\"><p><em>*", "</em></p>", "</div>", 1},
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    cw_buf b;
    begin_story(&b, "<h1>Saltmere lock</h1>");
    cw_buf_printf(&b,
                  "%sThe Saltmere Courier keeps its guides to the canal up "
                  "to date.%s<p><em>If you keep a lock and would like to "
                  "correct what we say of it, write to the desk.</em></p>"
                  "%s</article></body></html>",
                  cases[k].open, cases[k].first, cases[k].close);
    check_story(&b, "note.html", k, "keeps its guides to the canal",
                cases[k].kept);
  }
}

/* A note in italics that ends a story goes when it is about the story (a
 * bio, where it first appeared); it stays when it is the story's own: a
 * correction, an update, an editor's note (its label in bold, with a
 * typographic apostrophe), a postscript, and when a paragraph of the story
 * follows it. */
static void test_italic_note_kinds(void **state) {
  (void)state;
  static const struct {
    const char *note;
    const char *words;
    int kept;
  } cases[] = {
      {"<p><em>Lena Marsh writes on the canals for the Saltmere "
       "Courier.</em></p>",
       "Lena Marsh writes", 0},
      {"<p><i>This article originally appeared in the Kelby "
       "Gazette.</i></p>",
       "originally appeared", 0},
      {"<p><em>Correction: an earlier version of this story gave the wrong "
       "year for the reopening.</em></p>",
       "gave the wrong year", 1},
      {"<p><i>This story has been updated with the river trust's "
       "reply.</i></p>",
       "the river trust's reply", 1},
      {"<p><strong>Editor\xE2\x80\x99s note:</strong> <em>the keepers "
       "asked us not to name the boat.</em></p>",
       "not to name the boat", 1},
      {"<p><em>P.S. The tea hut at the top lock opens at nine.</em></p>",
       "The tea hut", 1},
      {"<p><em>Lena Marsh writes on the canals for the Saltmere "
       "Courier.</em></p><p>The trust meets again in March to decide on "
       "the summer hours of the flight.</p>",
       "Lena Marsh writes", 1},
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    cw_buf b;
    begin_story(&b, "<h1>Saltmere lock</h1>");
    cw_buf_printf(&b, "%s</article></body></html>", cases[k].note);
    check_story(&b, "note-kinds.html", k, cases[k].words, cases[k].kept);
  }
}

/* A page hidden whole until its script has run (visibility:hidden around
 * the body, menus and all) is read as shown; a small hidden part of a page
 * still goes. */
static void test_hidden_page(void **state) {
  (void)state;
  for (size_t k = 0; k < 2; k++) {
    cw_buf b;
    cw_buf_init(&b, 0);
    cw_buf_puts(&b, "<html><body><div style=\"visibility: hidden\">");
    cw_buf_puts(&b, "<ul class=\"topics\">");
    /* enough links that the wrapper is no text block that stays anyway */
    for (int i = 0; i < 30; i++)
      cw_buf_printf(&b, "<li><a href=\"/t/%d\">Canal guide number %d of "
                        "the flight</a></li>", i, i);
    cw_buf_puts(&b, "</ul><article><h1>Saltmere lock</h1>");
    put_story(&b);
    cw_buf_puts(&b, "</article>");
    if (k == 1)
      cw_buf_puts(&b, "<div style=\"display:none\"><p>Your basket of "
                      "mooring permits is empty.</p></div>");
    cw_buf_puts(&b, "</div></body></html>");
    char *t = text_of(&b, "hidden-page.html");
    expect_words("hidden-page.html", k, t, "Paragraph 1:", 1);
    expect_words("hidden-page.html", k, t, "Paragraph 6:", 1);
    expect_words("hidden-page.html", k, t, "basket of mooring", 0);
    free(t);
  }
}

/* A "More from ..." heading late in the text ends it: what follows is the
 * publisher's list and pitch. A sentence of the story that opens with the
 * same words stays. */
static void test_more_from(void **state) {
  (void)state;
  static const struct {
    const char *tail;
    const char *words;
    int kept;
  } cases[] = {
      {"<h3>More from the Saltmere Courier</h3><p>The Courier is a "
       "weekly paper of the canal towns, read by boaters since 1921.</p>",
       "read by boaters since 1921", 0},
      {"<h3>More from the Saltmere Courier</h3><p>The Courier is a "
       "weekly paper of the canal towns, read by boaters since 1921.</p>",
       "More from the Saltmere Courier", 0},
      {"<p>More from the keepers' log can be read at the lock house, where "
       "the book is kept.</p>",
       "More from the keepers' log", 1},
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    cw_buf b;
    begin_story(&b, "<h1>Saltmere lock</h1>");
    cw_buf_printf(&b, "%s</article></body></html>", cases[k].tail);
    check_story(&b, "more-from.html", k, cases[k].words, cases[k].kept);
  }
}

/* A ticker (one phrase over and over, for a strip that scrolls in a loop)
 * goes; a phrase said a few times over stays. */
static void test_ticker(void **state) {
  (void)state;
  static const int copies[] = {12, 3};
  for (size_t k = 0; k < 2; k++) {
    cw_buf b;
    begin_story(&b, "<h1>Saltmere lock</h1>");
    cw_buf_puts(&b, "<div class=\"strip\">");
    for (int i = 0; i < copies[k]; i++)
      cw_buf_puts(&b, "<span>Book a mooring <b>*</b></span>");
    cw_buf_puts(&b, "</div><p>The trust meets again in March to decide on "
                    "the summer hours of the flight.</p></article></body>"
                    "</html>");
    check_story(&b, "ticker.html", k, "Book a mooring *", k == 1);
  }
}

/* A box that held a form asking for an e-mail address goes with the
 * form when little is left in it (the form's heading and pitch); the
 * box of a form asking for something else stays, and so does one with
 * more text beside the form. */
static void test_signup_box(void **state) {
  (void)state;
  static const struct {
    const char *field;
    int long_text;
    int kept;
  } cases[] = {
      {"<input type=\"email\" placeholder=\"Your address\">", 0, 0},
      {"<input type=\"text\" name=\"EMAIL\">", 0, 0},
      {"<input type=\"text\" name=\"lock\">", 0, 1},
      {"<input type=\"email\">", 1, 1},
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    cw_buf b;
    cw_buf_init(&b, 0);
    cw_buf_puts(&b, "<html><body><article><h1>Saltmere lock</h1>");
    for (int i = 0; i < 6; i++) {
      lock_paragraph(&b, i);
      if (i != 2)
        continue;
      cw_buf_puts(&b, "<div class=\"box\"><div><h4>Want the lock log each "
                      "week?</h4>");
      cw_buf_printf(&b, "<form action=\"/join\">%s<button>Go</button>"
                        "</form>", cases[k].field);
      cw_buf_puts(&b, "<p>Notes from the keepers, every Friday.</p>");
      if (cases[k].long_text)
        cw_buf_puts(&b, "<p>The keepers of the Saltmere flight write each "
                        "week of the water levels, the boats through, the "
                        "repairs on the paddles and balance beams, the "
                        "herons on the weir and the winter stoppages, and "
                        "answer the letters of boaters who ask about the "
                        "tides at the lower gate and the moorings above "
                        "the top lock.</p>");
      cw_buf_puts(&b, "</div></div>");
    }
    cw_buf_puts(&b, "</article></body></html>");
    check_story(&b, "signup.html", k, "Want the lock log each week?",
                cases[k].kept);
  }
}

/* The edges of a scored story are trimmed inside its <header> too (a
 * kicker over the title), and past a picture without text standing
 * beside the last block (a link under a story, then an image column). */
static void test_edges_past_header_and_picture(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_puts(&b, "<html><body><article><header><div><span>Canal life"
                  "</span><h1>Saltmere lock</h1><p>The keepers of the "
                  "Saltmere flight count the cost of a hard winter on the "
                  "gates and paddles.</p></div></header>");
  put_story(&b);
  cw_buf_puts(&b, "<div><p>Saltmere trust members read it first</p></div>"
                  "<div><span><img src=\"gate.jpg\" alt=\"\"></span></div>"
                  "</article></body></html>");
  char *t = text_of(&b, "edges.html");
  assert_has(t, "The keepers of the Saltmere flight count");
  assert_has(t, "Paragraph 6:");
  assert_lacks(t, "Canal life");
  assert_lacks(t, "Saltmere trust members read it first");
  free(t);
}

/* A shop's strip of selling points ("usp", unique selling point) is no
 * content, in a scored story as in a listing's region; a class that only
 * holds the letters inside a word ("previouspage") is no such strip. */
static void test_selling_points(void **state) {
  (void)state;
  cw_buf b;
  begin_story(&b, "<h1>Saltmere lock</h1>");
  cw_buf_puts(&b, "<div class=\"product-usp\"><span>Free towpath delivery "
                  "over 40 crowns</span><span>Family-run since "
                  "1961</span></div><p class=\"previouspage\">Earlier "
                  "reports from the Saltmere flight are in the keepers' "
                  "almanac.</p></article></body></html>");
  char *t = text_of(&b, "usp-story.html");
  assert_has(t, "Paragraph 6:");
  assert_has(t, "keepers' almanac");
  assert_lacks(t, "Free towpath delivery");
  assert_lacks(t, "Family-run since");
  free(t);

  cw_buf_init(&b, 0);
  cw_buf_puts(&b, "<html><body><main><h1>Garden tools</h1><ul>");
  tool_items(&b);
  cw_buf_puts(&b, "</ul><ul class=\"usps_bar\"><li>Pick-up at the Ferrow "
                  "yard</li><li>Returns within a month</li></ul></main>"
                  "</body></html>");
  t = text_of(&b, "usp-listing.html");
  assert_has(t, "Ash-handled spade");
  assert_has(t, "Fruit picker");
  assert_lacks(t, "Pick-up at the Ferrow");
  assert_lacks(t, "Returns within a month");
  free(t);
}

/* In a listing's region, a fieldset (a form's group of controls that a
 * shop sets without a form: "Select a size") goes like a form. */
static void test_region_fieldset(void **state) {
  (void)state;
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_puts(&b, "<html><body><main><h1>Garden tools</h1><fieldset>"
                  "<legend>Select a handle length</legend><label>Short "
                  "handle</label><label>Long handle</label></fieldset><ul>");
  tool_items(&b);
  cw_buf_puts(&b, "</ul></main></body></html>");
  char *t = text_of(&b, "fieldset-listing.html");
  assert_has(t, "Ash-handled spade");
  assert_has(t, "Fruit picker");
  assert_lacks(t, "Select a handle length");
  assert_lacks(t, "Long handle");
  free(t);
}

/* In a listing's region, what precedes the page's title (its <h1>) is a
 * banner, an offer or an app's prompt, and goes; when it is much of the
 * region (the <h1> is a heading far down) it stays. */
static void test_region_before_title(void **state) {
  (void)state;
  for (size_t k = 0; k < 2; k++) {
    cw_buf b;
    cw_buf_init(&b, 0);
    cw_buf_puts(&b, "<html><body><main><div class=\"ribbon\"><p>Save a "
                    "fifth on every rake until Sunday</p></div>");
    if (k == 1) /* a ribbon of more than a quarter of the text */
      cw_buf_puts(&b, "<div><p>The yard at Ferrow has sold spades, forks "
                      "and hoes to the allotments of Lower Brackwater "
                      "since the canal reopened, and its smith still "
                      "mends what it sells, handle and blade, at the "
                      "price of the parts alone.</p></div>");
    cw_buf_puts(&b, "<div><h1>Garden tools</h1></div><ul>");
    tool_items(&b);
    cw_buf_puts(&b, "</ul></main></body></html>");
    char *t = text_of(&b, "title-listing.html");
    expect_words("title-listing.html", k, t, "Garden tools", 1);
    expect_words("title-listing.html", k, t, "Fruit picker", 1);
    expect_words("title-listing.html", k, t, "Save a fifth", k == 1);
    expect_words("title-listing.html", k, t, "price of the parts", k == 1);
    free(t);
  }
}

/* In a page's main region, a run of customer reviews, each rated with
 * stars, goes; reviews without a rating are no such widget and stay. */
static void test_region_reviews(void **state) {
  (void)state;
  static const char *const says[] = {"Mended my fork in a day",
                                     "Fair prices and a kind smith",
                                     "The spade outlived my shed"};
  for (size_t k = 0; k < 2; k++) {
    cw_buf b;
    cw_buf_init(&b, 0);
    cw_buf_puts(&b, "<html><body><main><h1>Garden tools</h1><ul>");
    tool_items(&b);
    cw_buf_puts(&b, "</ul><div class=\"reviews\">");
    for (size_t i = 0; i < 3; i++)
      cw_buf_printf(&b,
                    "<div class=\"review-card\">%s<p>Customer %zu</p>"
                    "<p>%s.</p></div>",
                    k == 0 ? "<span class=\"star-rating\">5</span>" : "",
                    i + 1, says[i]);
    cw_buf_puts(&b, "</div></main></body></html>");
    char *t = text_of(&b, "reviews.html");
    expect_words("reviews.html", k, t, "Fruit picker", 1);
    expect_words("reviews.html", k, t, "Mended my fork", k == 1);
    expect_words("reviews.html", k, t, "The spade outlived", k == 1);
    free(t);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_boxes_around_story),
      cmocka_unit_test(test_page_wide_form_kept),
      cmocka_unit_test(test_comment_form_dropped),
      cmocka_unit_test(test_recurring_author_class_kept),
      cmocka_unit_test(test_listing_region_boilerplate),
      cmocka_unit_test(test_trailing_link_list),
      cmocka_unit_test(test_trailing_furniture),
      cmocka_unit_test(test_trailing_box_emptied),
      cmocka_unit_test(test_layout_table_edges),
      cmocka_unit_test(test_data_table_in_scroll_box),
      cmocka_unit_test(test_author_card_among_credits),
      cmocka_unit_test(test_copy_reads_as_page),
      cmocka_unit_test(test_copy_keeps_read_attributes),
      cmocka_unit_test(test_copy_edits),
      cmocka_unit_test(test_retry_passes),
      cmocka_unit_test(test_text_spacing),
      cmocka_unit_test(test_dialog_role),
      cmocka_unit_test(test_furniture_lines),
      cmocka_unit_test(test_id_after_long_class),
      cmocka_unit_test(test_word_at_class_end),
      cmocka_unit_test(test_heading_class_weight),
      cmocka_unit_test(test_class_handed_down),
      cmocka_unit_test(test_comma_block),
      cmocka_unit_test(test_custom_footer),
      cmocka_unit_test(test_footnotes),
      cmocka_unit_test(test_kicker),
      cmocka_unit_test(test_promo_box),
      cmocka_unit_test(test_italic_note),
      cmocka_unit_test(test_italic_note_kinds),
      cmocka_unit_test(test_hidden_page),
      cmocka_unit_test(test_more_from),
      cmocka_unit_test(test_ticker),
      cmocka_unit_test(test_signup_box),
      cmocka_unit_test(test_edges_past_header_and_picture),
      cmocka_unit_test(test_selling_points),
      cmocka_unit_test(test_region_fieldset),
      cmocka_unit_test(test_region_before_title),
      cmocka_unit_test(test_region_reviews),
      cmocka_unit_test(test_story_after_early_end),
      cmocka_unit_test(test_streamed_parts_in_place),
      cmocka_unit_test(test_shadow_root_shown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
