/* test_feed.c - feeds into feedparser's model (RSS 2.0, RSS 1.0, Atom 0.3
 * and 1.0, JSON Feed), dates, HTML sanitising, recovery from ill-formed
 * XML, refusal of entity bombs and deep nesting, and feed entries as
 * articles through the extract dispatcher. Fixtures in tests/data/feeds
 * are invented outlets and news. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/time.h"
#include "extract/feed.h"
#include "ingest/ingest.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FEEDS CW_TEST_DATA "/feeds/"

static json_t *parse_file(const char *name) {
  cw_buf b;
  cw_error err;
  char path[512];
  json_t *model = NULL;
  snprintf(path, sizeof path, FEEDS "%s", name);
  cw_buf_init(&b, 0);
  assert_int_equal(cw_read_file(path, 1 << 20, &b, &err), CW_OK);
  assert_int_equal(cw_feed_parse(b.ptr, b.len, path, NULL, NULL, &model, &err),
                   CW_OK);
  cw_buf_free(&b);
  assert_non_null(model);
  return model;
}

/* The string at a path such as "entries.0.links.1.href". */
static const char *at(json_t *root, const char *path) {
  char buf[256];
  snprintf(buf, sizeof buf, "%s", path);
  json_t *cur = root;
  char *save = NULL;
  for (char *k = strtok_r(buf, ".", &save); k && cur;
       k = strtok_r(NULL, ".", &save)) {
    if (json_is_array(cur))
      cur = json_array_get(cur, strtoul(k, NULL, 10));
    else
      cur = json_object_get(cur, k);
  }
  return json_string_value(cur);
}

static json_t *node(json_t *root, const char *path) {
  char buf[256];
  snprintf(buf, sizeof buf, "%s", path);
  json_t *cur = root;
  char *save = NULL;
  for (char *k = strtok_r(buf, ".", &save); k && cur;
       k = strtok_r(NULL, ".", &save))
    cur = json_is_array(cur) ? json_array_get(cur, strtoul(k, NULL, 10))
                             : json_object_get(cur, k);
  return cur;
}

static void rss2_with_namespaces(void **state) {
  (void)state;
  json_t *m = parse_file("rss2_harbor.xml");
  assert_false(json_is_true(json_object_get(m, "bozo")));
  assert_string_equal(at(m, "version"), "rss20");
  assert_string_equal(at(m, "encoding"), "utf-8");
  assert_string_equal(at(m, "feed.title"), "The Lantern Bay Courier");
  assert_string_equal(at(m, "feed.language"), "en-gb");
  assert_string_equal(at(m, "feed.subtitle"),
                      "Harbour news from Lantern Bay & the islands");
  assert_string_equal(at(m, "feed.updated_parsed"), "2025-06-10T17:30:00Z");
  /* atom:link inside RSS, resolved against the channel's xml:base */
  assert_string_equal(at(m, "feed.links.1.rel"), "self");
  assert_string_equal(at(m, "feed.links.1.href"),
                      "https://news.lantern-bay.example/feeds/top.xml");
  assert_int_equal(json_array_size(node(m, "entries")), 2);
  assert_string_equal(at(m, "entries.0.id"), "courier-2025-0610-ferry");
  assert_string_equal(at(m, "entries.0.link"),
                      "https://news.lantern-bay.example/stories/ferry-rota");
  assert_string_equal(at(m, "entries.0.author"), "Morwenna Quill");
  /* BST is UTC+1 */
  assert_string_equal(at(m, "entries.0.published_parsed"),
                      "2025-06-10T08:15:00Z");
  assert_string_equal(at(m, "entries.0.tags.0.term"), "Transport");
  assert_string_equal(at(m, "entries.0.tags.1.scheme"),
                      "https://news.lantern-bay.example/topics");
  assert_string_equal(at(m, "entries.0.content.0.type"), "text/html");
  assert_non_null(strstr(at(m, "entries.0.content.0.value"),
                         "<em>forty sailings</em>"));
  assert_string_equal(at(m, "entries.0.summary"),
                      "Crews and the operator reached a deal on Monday "
                      "night.");
  assert_string_equal(at(m, "entries.0.enclosures.0.href"),
                      "https://news.lantern-bay.example/media/ferry.mp3");
  assert_string_equal(at(m, "entries.0.enclosures.0.length"), "48213");
  assert_string_equal(at(m, "entries.0.enclosures.0.type"), "audio/mpeg");
  assert_string_equal(at(m, "entries.0.media_content.0.url"),
                      "https://news.lantern-bay.example/media/ferry.jpg");
  /* "email (name)" is split */
  assert_string_equal(at(m, "entries.1.author_detail.name"), "Ewan Trelawny");
  assert_string_equal(at(m, "entries.1.author_detail.email"),
                      "desk@lantern-bay.example");
  /* dc:date, W3CDTF with an offset */
  assert_string_equal(at(m, "entries.1.updated_parsed"),
                      "2025-06-09T15:40:00Z");
  /* an RSS title with markup is HTML, sanitised, with its plain text */
  assert_string_equal(at(m, "entries.1.title_detail.type"), "text/html");
  assert_string_equal(at(m, "entries.1.title"),
                      "Lighthouse <b>reopens</b> to visitors");
  assert_string_equal(at(m, "entries.1.title_detail.text"),
                      "Lighthouse reopens to visitors");
  json_decref(m);
}

static void rss2_summary_is_sanitised(void **state) {
  (void)state;
  json_t *m = parse_file("rss2_harbor.xml");
  const char *s = at(m, "entries.1.summary");
  assert_non_null(s);
  assert_null(strstr(s, "script"));
  assert_null(strstr(s, "alert"));
  assert_null(strstr(s, "onerror"));
  assert_null(strstr(s, "onclick"));
  assert_null(strstr(s, "javascript"));
  /* the image stays without its handler, its src resolved */
  assert_non_null(
      strstr(s, "<img src=\"https://news.lantern-bay.example/x.gif\" />"));
  /* the safe link stays, resolved against xml:base */
  assert_non_null(
      strstr(s, "<a href=\"https://news.lantern-bay.example/visit\">online"));
  /* the unsafe one keeps its text, not its href */
  assert_non_null(strstr(s, "<a href=\"\">booking</a>"));
  assert_string_equal(at(m, "entries.1.summary_detail.text"),
                      "The old lighthouse on Gull Point opened its doors "
                      "again.\n\nTickets cost \xC2\xA3"
                      "4 and booking is online.");
  json_decref(m);
}

static void atom10_xml_base_and_xhtml(void **state) {
  (void)state;
  json_t *m = parse_file("atom10_valley.xml");
  assert_false(json_is_true(json_object_get(m, "bozo")));
  assert_string_equal(at(m, "version"), "atom10");
  assert_string_equal(at(m, "feed.link"), "https://valleyherald.example/");
  assert_string_equal(at(m, "feed.title_detail.language"), "en");
  assert_string_equal(at(m, "feed.subtitle"),
                      "Fire, farms &amp; the <em>valley</em>");
  assert_string_equal(at(m, "feed.author_detail.email"),
                      "desk@valleyherald.example");
  /* entry xml:base "news/2025/" is relative to the feed's */
  assert_string_equal(at(m, "entries.0.link"),
                      "https://valleyherald.example/news/2025/corrin-ridge");
  assert_string_equal(at(m, "entries.0.title_detail.base"),
                      "https://valleyherald.example/news/2025/");
  assert_string_equal(at(m, "entries.0.enclosures.0.href"),
                      "https://valleyherald.example/news/2025/img/ridge.jpg");
  assert_string_equal(at(m, "entries.0.author_detail.href"),
                      "https://valleyherald.example/staff/hollander");
  assert_string_equal(at(m, "entries.0.published_parsed"),
                      "2025-07-02T05:05:00Z");
  assert_string_equal(at(m, "entries.0.tags.0.label"), "Wildfire");
  assert_string_equal(at(m, "entries.0.content.0.type"),
                      "application/xhtml+xml");
  const char *c = at(m, "entries.0.content.0.value");
  assert_non_null(c);
  assert_int_equal(strncmp(c, "<p>Crews held", 13), 0); /* div unwrapped */
  assert_non_null(strstr(
      c, "<a href=\"https://valleyherald.example/places/millbrook\">"));
  assert_string_equal(at(m, "entries.1.updated_parsed"),
                      "2025-06-30T06:00:00Z");
  assert_string_equal(at(m, "entries.1.summary_detail.text"),
                      "Growers lost about a third of the early crop.");
  json_decref(m);
}

static void rss10_and_atom03(void **state) {
  (void)state;
  json_t *m = parse_file("rss1_rdf.xml");
  assert_string_equal(at(m, "version"), "rss10");
  assert_string_equal(at(m, "feed.language"), "en");
  assert_string_equal(at(m, "entries.0.author"), "Aldous Fenwright");
  assert_string_equal(at(m, "entries.0.updated_parsed"),
                      "2025-05-14T00:00:00Z");
  assert_string_equal(at(m, "entries.0.tags.0.term"), "Council");
  json_decref(m);
  m = parse_file("atom03_old.xml");
  assert_string_equal(at(m, "version"), "atom03");
  assert_string_equal(at(m, "feed.subtitle"), "Small <b>town</b>, big weather");
  assert_string_equal(at(m, "entries.0.published_parsed"),
                      "2004-03-01T23:20:00Z");
  assert_string_equal(at(m, "entries.0.author_detail.href"),
                      "http://fernmoor.example/tamsin");
  assert_string_equal(at(m, "entries.0.content.0.value"),
                      "<p>The high road closed at dusk.</p>");
  json_decref(m);
}

static void json_feed(void **state) {
  (void)state;
  json_t *m = parse_file("jsonfeed.json");
  assert_string_equal(at(m, "version"), "json11");
  assert_string_equal(at(m, "feed.title"), "Saltmarsh Evening Post");
  assert_string_equal(at(m, "feed.link"), "https://saltmarsh-post.example/");
  assert_string_equal(at(m, "entries.0.id"), "sep-881");
  assert_string_equal(at(m, "entries.0.author"), "Idris Mallory");
  assert_string_equal(at(m, "entries.0.published_parsed"),
                      "2025-03-03T07:45:00Z");
  assert_null(strstr(at(m, "entries.0.content.0.value"), "script"));
  assert_string_equal(at(m, "entries.0.tags.1.term"), "works");
  assert_string_equal(at(m, "entries.0.enclosures.0.length"), "9000");
  assert_string_equal(at(m, "entries.1.id"), "882"); /* a number */
  assert_string_equal(at(m, "entries.1.content.0.type"), "text/plain");
  json_decref(m);
}

static void dates_in_many_forms(void **state) {
  (void)state;
  static const struct {
    const char *in, *want;
  } cases[] = {
      {"Tue, 10 Jun 2025 09:15:00 GMT", "2025-06-10T09:15:00Z"},
      {"Tue, 10 Jun 2025 09:15:00 +0200", "2025-06-10T07:15:00Z"},
      {"10 Jun 2025 09:15 EST", "2025-06-10T14:15:00Z"}, /* no seconds */
      {"Tue, 10 Jun 25 09:15:00 PDT", "2025-06-10T16:15:00Z"}, /* yy */
      {"Sat, 01 Jan 99 00:00:00 GMT", "1999-01-01T00:00:00Z"},
      {"Tue, 10 Jun 2025 09:15:00", "2025-06-10T09:15:00Z"}, /* no zone */
      {"Tuesday, June 10, 2025 9:15 pm", "2025-06-10T21:15:00Z"},
      {"2025-06-10T09:15:00Z", "2025-06-10T09:15:00Z"},
      {"2025-06-10T09:15:00.250-05:00", "2025-06-10T14:15:00Z"},
      {"2025-06-10T09:15+01:00", "2025-06-10T08:15:00Z"},
      {"2025-06-10 09:15:00", "2025-06-10T09:15:00Z"},
      {"2025-06-10", "2025-06-10T00:00:00Z"},
      {"2025-06", "2025-06-01T00:00:00Z"},
      {"20250610T091500Z", "2025-06-10T09:15:00Z"},
      {"Sun Jun  8 16:29:06 PST 2025", "2025-06-09T00:29:06Z"}, /* asctime */
      {"Mon, 9 Jun 2025 7:5:3 +0100", "2025-06-09T06:05:03Z"}, /* 1 digit */
      {"Mon, 09 Jun 2025 16:31:00 ET", "2025-06-09T21:31:00Z"},
      {"June 9, 2025 4:31 PM PT", "2025-06-10T00:31:00Z"}, /* PT = PST */
      {"09.06.2025 14:30 +0200", "2025-06-09T12:30:00Z"}, /* day first */
      {"2025/06/10 09:15", "2025-06-10T09:15:00Z"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int64_t t = 0;
    char iso[32];
    if (!cw_feed_parse_date(cases[i].in, &t))
      fail_msg("not parsed: %s", cases[i].in);
    cw_format_iso8601(t, 1, iso);
    if (strcmp(iso, cases[i].want))
      fail_msg("%s: got %s, want %s", cases[i].in, iso, cases[i].want);
  }
  int64_t t;
  assert_false(cw_feed_parse_date("yesterday-ish", &t));
  assert_false(cw_feed_parse_date("2025-13-45", &t));
  assert_false(cw_feed_parse_date("31 Feb 2025 10:00 GMT", &t));
  assert_false(cw_feed_parse_date("", &t));
}

static void sanitiser_allow_list(void **state) {
  (void)state;
  static const struct {
    const char *in, *want;
  } cases[] = {
      /* handlers go; style keeps plain CSS only */
      {"<p onclick=\"x()\">Hi <b style=\"color:red\">there</b></p>",
       "<p>Hi <b style=\"color: red;\">there</b></p>"},
      {"<span style=\"color: red; background: url(javascript:x); "
       "position: absolute; margin: 0 4px\">t</span>",
       "<span style=\"color: red; margin: 0 4px;\">t</span>"},
      {"<div style=\"width: expression(alert(1))\">x</div>", "<div>x</div>"},
      {"<i style=\"color: red; -moz-binding: url(x.xml#y)\">b</i>",
       "<i>b</i>"},
      {"a<script>evil()</script>b<style>p{}</style>c", "abc"},
      {"x<applet code=\"a\"><b>in</b></applet>y", "xy"},
      /* images stay, src resolved; attributes sorted, the last of
       * duplicates wins, names lower-cased */
      {"<img src=\"x.gif\" onerror=\"steal()\" alt=\"a\" ALT=\"b\">text",
       "<img alt=\"b\" src=\"https://base.example/feed/x.gif\" />text"},
      {"<img src=\"javascript:steal()\">", "<img src=\"\" />"},
      {"<a href=\"javascript:steal()\">x</a>", "<a href=\"\">x</a>"},
      {"<a href=\"java&#x09;script:steal()\">x</a>", "<a href=\"\">x</a>"},
      {"<a href=\" JAVASCRIPT:steal()\">x</a>", "<a href=\"\">x</a>"},
      {"<a href=\"&#106;avascript:steal()\">x</a>", "<a href=\"\">x</a>"},
      {"<a href=\"data:text/html,x\">x</a>", "<a href=\"\">x</a>"},
      {"<span background=\"vbscript:x\">v</span>",
       "<span background=\"\">v</span>"},
      {"<a href=\"mailto:desk@example.org\" target=_blank>m</a>",
       "<a href=\"mailto:desk@example.org\" target=\"_blank\">m</a>"},
      {"<a href=\"/news?a=1&amp;b=2\" rel=\"NoFollow\" "
       "title=\"&quot;q&quot; & more\">n</a>",
       "<a href=\"https://base.example/news?a=1&amp;b=2\" rel=\"nofollow\" "
       "title=\"&quot;q&quot; &amp; more\">n</a>"},
      /* a quote that never closes; markup inside a quoted value */
      {"<a href=http://e.example/\">e</a>",
       "<a href=\"http://e.example/&quot;\">e</a>"},
      {"<img alt=\"cat<br />dog\" src=\"c.jpg\">",
       "<img alt=\"cat&lt;br /&gt;dog\" src=\"https://base.example/feed/c.jpg\" "
       "/>"},
      {"<table><tr><td colspan=2>c</td></tr></table>",
       "<table><tr><td colspan=\"2\">c</td></tr></table>"},
      {"<input checked>", "<input checked=\"checked\" />"},
      /* unknown elements lose their tags, not their text */
      {"<blink>b</blink><iframe src=\"x\">i</iframe>", "bi"},
      {"<embed src=\"x\"> <b>kept</b>", "<b>kept</b>"},
      {"<div><ul><li>one<li>two</ul></div>",
       "<div><ul><li>one<li>two</li></li></ul></div>"},
      {"<em>unclosed", "<em>unclosed</em>"},
      {"</p>stray end", "stray end"},
      {"<span/>s", "<span></span>s"},
      /* comments, declarations, CDATA */
      {"safe<!-- unclosed comment <script>", "safe"},
      {"sa<!-- -- x >fe<script>alert(1)</script>", "safe"},
      {"<!-- note -->kept", "kept"},
      {"<!DOCTYPE html><p>d</p>", "<p>d</p>"},
      {"<![CDATA[x]]>", "&lt;![CDATA[x]]>"},
      /* references: known ones kept, numbers lower-cased and
       * Windows-1252 ones mapped, unknown names escaped */
      {"1 < 2 &amp; 3", "1 &lt; 2 &amp; 3"},
      {"don&#146;t &#X61; &bogus; AT&T", "don&#x2019;t &#x61; &amp;bogus AT&T"},
      {"<br>line<br/>", "<br />line<br />"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *out = cw_feed_sanitize_html(cases[i].in, strlen(cases[i].in),
                                      "https://base.example/feed/");
    assert_non_null(out);
    if (strcmp(out, cases[i].want))
      fail_msg("%s: got %s, want %s", cases[i].in, out, cases[i].want);
    free(out);
  }
}

/* Parses an in-memory feed (invented text) with base as its URL. */
static json_t *parse_str(const char *xml, const char *base) {
  json_t *model = NULL;
  cw_error err;
  assert_int_equal(
      cw_feed_parse(xml, strlen(xml), "inline", NULL, base, &model, &err),
      CW_OK);
  assert_non_null(model);
  return model;
}

static double num(json_t *root, const char *path) {
  return json_number_value(node(root, path));
}

static void media_rss_and_extensions(void **state) {
  (void)state;
  const char xml[] =
      "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"\n"
      " xmlns:thr=\"http://purl.org/syndication/thread/1.0\"\n"
      " xmlns:wfw=\"http://wellformedweb.org/CommentAPI/\"\n"
      " xmlns:dcterms=\"http://purl.org/dc/terms/\"\n"
      " xmlns:psc=\"http://podlove.org/simple-chapters\"\n"
      " xmlns:georss=\"http://www.georss.org/georss\"><channel>\n"
      "<title>Fernwick Radio</title>\n"
      "<dcterms:valid>start=2025-03-01T08:00+01:00;end=2025-03-09T20:00+01:00;"
      "scheme=W3C-DTF</dcterms:valid>\n"
      "<item><media:group>\n"
      "  <media:title>Ferry strike, day two</media:title>\n"
      "  <media:description>Crews stay ashore.</media:description>\n"
      "  <media:credit role=\"reporter\">Tamsin Vell</media:credit>\n"
      "  <media:credit role=\"editor\">Oskar Brae</media:credit>\n"
      "  <media:restriction relationship=\"allow\" type=\"country\">GB IE"
      "</media:restriction>\n"
      "  <media:category label=\"Transport\">ferries</media:category>\n"
      "  <media:player url=\"/play/77\"/>\n"
      "</media:group>\n"
      "<wfw:comment>/comments/77</wfw:comment>\n"
      "<thr:in-reply-to ref=\"urn:fernwick:76\" href=\"/news/76\"/>\n"
      "<georss:point>50.12 -5.53</georss:point>\n"
      "<psc:chapters version=\"1.2\">\n"
      "  <psc:chapter start=\"00:00:00\" title=\"Headlines\"/>\n"
      "  <psc:chapter start=\"01:02.5\" title=\"The harbour\"/>\n"
      "</psc:chapters>\n"
      "</item></channel></rss>";
  json_t *m = parse_str(xml, "https://radio.fernwick.example/feed.xml");
  assert_false(json_is_true(json_object_get(m, "bozo")));
  assert_string_equal(at(m, "feed.validity_start"), "2025-03-01T08:00+01:00");
  assert_string_equal(at(m, "feed.validity_end_parsed"),
                      "2025-03-09T19:00:00Z");
  /* media:title and media:description stand in for the missing ones */
  assert_string_equal(at(m, "entries.0.title"), "Ferry strike, day two");
  assert_string_equal(at(m, "entries.0.summary"), "Crews stay ashore.");
  assert_string_equal(at(m, "entries.0.media_credit.1.role"), "editor");
  assert_string_equal(at(m, "entries.0.media_credit.1.content"), "Oskar Brae");
  assert_string_equal(at(m, "entries.0.media_restriction.content.1"), "ie");
  assert_string_equal(at(m, "entries.0.tags.0.term"), "ferries");
  assert_string_equal(at(m, "entries.0.tags.0.label"), "Transport");
  assert_string_equal(at(m, "entries.0.tags.0.scheme"),
                      "http://search.yahoo.com/mrss/category_schema");
  assert_string_equal(at(m, "entries.0.media_player.url"),
                      "https://radio.fernwick.example/play/77");
  assert_string_equal(at(m, "entries.0.wfw_comment"),
                      "https://radio.fernwick.example/comments/77");
  assert_string_equal(at(m, "entries.0.thr_in-reply-to.ref"),
                      "urn:fernwick:76");
  /* GeoRSS is latitude first; the model gives longitude first */
  assert_string_equal(at(m, "entries.0.where.type"), "Point");
  assert_true(num(m, "entries.0.where.coordinates.0") == -5.53);
  assert_true(num(m, "entries.0.where.coordinates.1") == 50.12);
  assert_string_equal(at(m, "entries.0.psc_chapters.version"), "1.2");
  assert_string_equal(at(m, "entries.0.psc_chapters.chapters.1.title"),
                      "The harbour");
  assert_true(num(m, "entries.0.psc_chapters.chapters.1.start_parsed") ==
              62.5);
  json_decref(m);

  /* a real title wins over media:title, wherever it comes */
  const char both[] =
      "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\">"
      "<channel><item><media:title>Clip</media:title>"
      "<title>Lifeboat launched twice</title></item></channel></rss>";
  m = parse_str(both, NULL);
  assert_string_equal(at(m, "entries.0.title"), "Lifeboat launched twice");
  json_decref(m);
}

static void geo_shapes(void **state) {
  (void)state;
  const char xml[] =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"\n"
      " xmlns:georss=\"http://www.georss.org/georss\"\n"
      " xmlns:gml=\"http://www.opengis.net/gml\">\n"
      "<entry><georss:polygon>10 20 10 21 11 21 10 20</georss:polygon></entry>\n"
      "<entry><georss:where><gml:Point srsName=\"EPSG:32630\">"
      "<gml:pos>512000 5650000</gml:pos></gml:Point></georss:where></entry>\n"
      "<entry><georss:where><gml:LineString><gml:posList>1 2 3 4"
      "</gml:posList></gml:LineString></georss:where></entry>\n"
      "<entry><georss:point>not a place</georss:point></entry>\n"
      "</feed>";
  json_t *m = parse_str(xml, NULL);
  assert_string_equal(at(m, "entries.0.where.type"), "Polygon");
  assert_int_equal(json_array_size(node(m, "entries.0.where.coordinates.0")),
                   4);
  assert_true(num(m, "entries.0.where.coordinates.0.3.0") == 20);
  /* a projected system (UTM) is not swapped */
  assert_true(num(m, "entries.1.where.coordinates.0") == 512000);
  assert_string_equal(at(m, "entries.1.where.srsName"), "EPSG:32630");
  assert_string_equal(at(m, "entries.2.where.type"), "LineString");
  assert_true(num(m, "entries.2.where.coordinates.1.0") == 4);
  /* unreadable: an empty where, no crash */
  assert_int_equal(json_object_size(node(m, "entries.3.where")), 0);
  json_decref(m);
}

static void xhtml_div_ids_and_rdf_about(void **state) {
  (void)state;
  /* Atom 1.0 drops the <div> that wraps xhtml; Atom 0.3 keeps it */
  const char a10[] =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
      "<id>/2025/04/quay</id>"
      "<title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
      "Quay <b>reopens</b></div></title></entry></feed>";
  json_t *m = parse_str(a10, "https://quay.example/atom.xml");
  assert_string_equal(at(m, "entries.0.title"), "Quay <b>reopens</b>");
  /* an id written as a path resolves like a link */
  assert_string_equal(at(m, "entries.0.id"), "https://quay.example/2025/04/quay");
  json_decref(m);
  const char a03[] =
      "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry>"
      "<id>tag:quay.example,2025:9</id>"
      "<content type=\"application/xhtml+xml\" mode=\"xml\">"
      "<div xmlns=\"http://www.w3.org/1999/xhtml\">Tide <i>late</i></div>"
      "</content></entry></feed>";
  m = parse_str(a03, "https://quay.example/atom.xml");
  assert_string_equal(at(m, "entries.0.content.0.value"),
                      "<div>Tide <i>late</i></div>");
  assert_string_equal(at(m, "entries.0.id"), "tag:quay.example,2025:9");
  json_decref(m);
  const char rdf[] =
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
      "xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"x\">"
      "<title>Moorland Post</title></channel>"
      "<item rdf:about=\"https://moorland.example/n/4\">"
      "<title>Bridge toll</title></item></rdf:RDF>";
  m = parse_str(rdf, NULL);
  assert_string_equal(at(m, "entries.0.id"), "https://moorland.example/n/4");
  json_decref(m);
}

static void html_to_plain_text(void **state) {
  (void)state;
  const char html[] = "<p>First  paragraph,\n wrapped.</p>"
                      "<script>var x = '<p>';</script>"
                      "<p>Second &amp; last &#8212; &eacute;t&eacute;"
                      "<br>new line</p>plain tail";
  char *t = cw_feed_html_to_text(html, sizeof html - 1);
  assert_non_null(t);
  assert_string_equal(t, "First paragraph, wrapped.\n\nSecond & last "
                         "\xE2\x80\x94 \xC3\xA9t\xC3\xA9\nnew line\n\n"
                         "plain tail");
  free(t);
  const char plain[] = "Tide at six.\n\nWind from the west.";
  t = cw_feed_html_to_text(plain, sizeof plain - 1);
  assert_string_equal(t, "Tide at six.\n\nWind from the west.");
  free(t);
}

static void illformed_feeds_recover_with_bozo(void **state) {
  (void)state;
  json_t *m = parse_file("illformed_unclosed.xml");
  assert_true(json_is_true(json_object_get(m, "bozo")));
  assert_non_null(strstr(at(m, "bozo_reason"), "mismatch"));
  assert_string_equal(at(m, "feed.title"), "Brindle Cove Echo");
  assert_true(json_array_size(node(m, "entries")) >= 1);
  assert_non_null(strstr(at(m, "entries.0.title"), "Harbour master"));
  json_decref(m);

  m = parse_file("illformed_entities.xml");
  assert_true(json_is_true(json_object_get(m, "bozo")));
  assert_non_null(strstr(at(m, "bozo_reason"), "&nbsp;"));
  /* &nbsp; and &copy; are HTML entities: read as such */
  assert_string_equal(at(m, "feed.title"),
                      "Kestrel\xC2\xA0Point Daily \xC2\xA9 2025");
  /* an unknown entity and a bare & stay visible */
  assert_string_equal(at(m, "entries.0.title"),
                      "Fish & chips prices rise &bogus; again");
  assert_non_null(strstr(at(m, "entries.0.summary"), "pier & the"));
  json_decref(m);

  m = parse_file("illformed_truncated.xml");
  assert_true(json_is_true(json_object_get(m, "bozo")));
  assert_int_equal(json_array_size(node(m, "entries")), 2);
  assert_string_equal(at(m, "entries.0.link"),
                      "http://mosshollow.example/library");
  json_decref(m);

  /* empty and non-feed documents */
  json_t *e = NULL;
  assert_int_equal(cw_feed_parse("", 0, "empty", NULL, NULL, &e, NULL), CW_OK);
  assert_true(json_is_true(json_object_get(e, "bozo")));
  json_decref(e);
  const char html[] = "<html><body><p>not a feed</p></body></html>";
  assert_int_equal(
      cw_feed_parse(html, sizeof html - 1, "page", NULL, NULL, &e, NULL),
      CW_OK);
  assert_true(json_is_true(json_object_get(e, "bozo")));
  assert_string_equal(at(e, "version"), "");
  json_decref(e);
}

static double seconds_since(struct timespec t0) {
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (double)(t1.tv_sec - t0.tv_sec) +
         (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

static void entity_bomb_refused_quickly(void **state) {
  (void)state;
  cw_buf b;
  cw_error err;
  json_t *m = NULL;
  struct timespec t0;
  cw_buf_init(&b, 0);
  assert_int_equal(cw_read_file(FEEDS "bomb.xml", 1 << 20, &b, &err), CW_OK);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  assert_int_equal(
      cw_feed_parse(b.ptr, b.len, "bomb.xml", NULL, NULL, &m, &err),
      CW_ERR_FORMAT);
  assert_null(m);
  assert_non_null(strstr(err.msg, "bomb.xml: entity declarations refused"));
  assert_true(seconds_since(t0) < 1.0);
  cw_buf_free(&b);
  /* parameter entities too */
  const char pe[] = "<!DOCTYPE rss [<!ENTITY % p \"x\">]><rss/>";
  assert_int_equal(cw_feed_parse(pe, sizeof pe - 1, "pe", NULL, NULL, &m, NULL),
                   CW_ERR_FORMAT);
  /* an external parameter entity is never loaded: harmless */
  const char ext[] = "<!DOCTYPE rss [<!ENTITY % lat1 PUBLIC \"-//W3C//ENTITIES "
                     "Latin 1//EN\" \"http://example.org/lat1.ent\"> %lat1;]>"
                     "<rss version=\"2.0\"><channel><title>Caf&eacute; "
                     "news</title></channel></rss>";
  assert_int_equal(
      cw_feed_parse(ext, sizeof ext - 1, "ext", NULL, NULL, &m, NULL), CW_OK);
  assert_string_equal(at(m, "feed.title"), "Caf\xC3\xA9 news");
  json_decref(m);
  /* a plain declared entity is fine */
  const char ok[] = "<!DOCTYPE rss [<!ENTITY mill \"Millbrook\">]>"
                    "<rss version=\"2.0\"><channel><title>&mill; News</title>"
                    "</channel></rss>";
  assert_int_equal(cw_feed_parse(ok, sizeof ok - 1, "ok", NULL, NULL, &m, NULL),
                   CW_OK);
  assert_string_equal(at(m, "feed.title"), "Millbrook News");
  json_decref(m);
}

static void deep_nesting_refused_quickly(void **state) {
  (void)state;
  enum { DEPTH = 100000 };
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_puts(&b, "<rss version=\"2.0\"><channel><title>Deep</title><item>"
                  "<title>Deep one</title><description>");
  for (int i = 0; i < DEPTH; i++)
    cw_buf_puts(&b, "<x>");
  cw_buf_puts(&b, "core");
  for (int i = 0; i < DEPTH; i++)
    cw_buf_puts(&b, "</x>");
  cw_buf_puts(&b, "</description></item></channel></rss>");
  assert_int_equal(b.err, CW_OK);
  json_t *m = NULL;
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  assert_int_equal(cw_feed_parse(b.ptr, b.len, "deep", NULL, NULL, &m, NULL),
                   CW_OK);
  assert_true(seconds_since(t0) < 5.0);
  assert_true(json_is_true(json_object_get(m, "bozo")));
  assert_string_equal(at(m, "feed.title"), "Deep");
  json_decref(m);
  cw_buf_free(&b);
}

static void formats_are_detected(void **state) {
  (void)state;
  static const struct {
    const char *text;
    cw_format want;
  } cases[] = {
      {"<?xml version=\"1.0\"?>\n<!-- c --><rss version=\"2.0\">", CW_FORMAT_FEED},
      {"<feed xmlns=\"http://www.w3.org/2005/Atom\">", CW_FORMAT_FEED},
      {"<rdf:RDF xmlns:rdf=\"x\">", CW_FORMAT_FEED},
      {"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}",
       CW_FORMAT_FEED},
      {"{\"text\": \"a jsonl record\"}", CW_FORMAT_JSONL},
      {"<!DOCTYPE html><html><body><p>x</p>", CW_FORMAT_HTML},
      {"<rsstuff>", CW_FORMAT_TEXT},
      {"Harbour news\nA plain page.", CW_FORMAT_TEXT},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    if (cw_detect_format(cases[i].text, strlen(cases[i].text), "x") !=
        cases[i].want)
      fail_msg("wrong format for: %s", cases[i].text);
}

static void feed_entries_become_articles(void **state) {
  (void)state;
  cw_articles *list = NULL;
  cw_error err;
  assert_int_equal(cw_extract_file(FEEDS "rss2_harbor.xml", NULL, &list, &err),
                   CW_OK);
  assert_int_equal(cw_articles_count(list), 2);
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->title,
                      "Ferry crews agree new rota after week-long dispute");
  assert_string_equal(a->outlet, "The Lantern Bay Courier");
  assert_string_equal(a->url,
                      "https://news.lantern-bay.example/stories/ferry-rota");
  assert_string_equal(a->byline, "Morwenna Quill");
  assert_string_equal(a->published, "2025-06-10T08:15:00Z");
  assert_string_equal(a->source_id, "courier-2025-0610-ferry");
  assert_int_equal(a->part, 0);
  assert_string_equal(a->text,
                      "Ferry crews on the Lantern Bay crossing agreed a new "
                      "rota on Monday night, ending a dispute that had "
                      "cancelled forty sailings.\n\nThe operator, Tidewright "
                      "Lines, said services would run normally from "
                      "Wednesday.");
  const cw_article *b = cw_articles_get(list, 1);
  assert_int_equal(b->part, 1);
  assert_string_equal(b->title, "Lighthouse reopens to visitors");
  assert_string_equal(b->byline, "Ewan Trelawny");
  assert_null(strstr(b->text, "alert"));
  assert_non_null(strstr(b->text, "\n\nTickets cost"));
  cw_articles_free(list);

  /* JSON Feed and Atom go the same way */
  assert_int_equal(cw_extract_file(FEEDS "jsonfeed.json", NULL, &list, &err),
                   CW_OK);
  assert_int_equal(cw_articles_count(list), 2);
  assert_string_equal(cw_articles_get(list, 1)->text,
                      "High water at 06:10.\n\nLow water at 12:25.");
  assert_string_equal(cw_articles_get(list, 1)->source_id, "882");
  cw_articles_free(list);
  assert_int_equal(cw_extract_file(FEEDS "atom10_valley.xml", NULL, &list,
                                   &err),
                   CW_OK);
  assert_int_equal(cw_articles_count(list), 2);
  assert_string_equal(cw_articles_get(list, 0)->published,
                      "2025-07-02T05:05:00Z");
  assert_string_equal(cw_articles_get(list, 1)->text,
                      "Growers lost about a third of the early crop.");
  cw_articles_free(list);

  /* an ill-formed feed still yields its articles, with a warning */
  assert_int_equal(
      cw_extract_file(FEEDS "illformed_truncated.xml", NULL, &list, &err),
      CW_OK);
  assert_int_equal(cw_articles_count(list), 2);
  assert_true(cw_articles_warning_count(list) >= 1);
  assert_non_null(strstr(cw_articles_warning(list, 0), "malformed"));
  cw_articles_free(list);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(rss2_with_namespaces),
      cmocka_unit_test(rss2_summary_is_sanitised),
      cmocka_unit_test(atom10_xml_base_and_xhtml),
      cmocka_unit_test(rss10_and_atom03),
      cmocka_unit_test(json_feed),
      cmocka_unit_test(dates_in_many_forms),
      cmocka_unit_test(sanitiser_allow_list),
      cmocka_unit_test(html_to_plain_text),
      cmocka_unit_test(media_rss_and_extensions),
      cmocka_unit_test(geo_shapes),
      cmocka_unit_test(xhtml_div_ids_and_rdf_about),
      cmocka_unit_test(illformed_feeds_recover_with_bozo),
      cmocka_unit_test(entity_bomb_refused_quickly),
      cmocka_unit_test(deep_nesting_refused_quickly),
      cmocka_unit_test(formats_are_detected),
      cmocka_unit_test(feed_entries_become_articles),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
