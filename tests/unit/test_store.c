/* test_store.c - the SQLite archive: schema versions, idempotent ingest,
 * stories as JSON, and refusal of files it cannot trust. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/core.h"
#include "crosswire.h"
#include "archive_files.h"
#include "store/schema.sql.h"
#include "store/sqlite_int.h"
#include "story/story.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static char db_path[64];

static int setup(void **state) {
  (void)state;
  snprintf(db_path, sizeof db_path, "/tmp/cw-test-store-%d.db", (int)getpid());
  return 0;
}

static int teardown(void **state) {
  (void)state;
  remove_archive(db_path);
  return 0;
}

static const char harbor[] =
    "{\"id\":\"h1\",\"title\":\"Dockers strike at Santa Lucia harbor\","
    "\"text\":\"Dock workers at Santa Lucia harbor walked out on Tuesday over "
    "a crane collapse. Union leader Tomas Ferreira said the strike would go "
    "on until the safety report on the crane is published.\","
    "\"published\":\"2026-03-03\",\"outlet\":\"Harbor Ledger\"}\n"
    "{\"id\":\"h2\",\"title\":\"Santa Lucia harbor strike enters second day\","
    "\"text\":\"The strike at Santa Lucia harbor entered its second day as "
    "union leader Tomas Ferreira demanded the crane safety report. Ships "
    "waited offshore while dock workers picketed the harbor gates.\","
    "\"published\":\"2026-03-04\",\"outlet\":\"Coastal Courier\"}\n"
    "{\"id\":\"f1\",\"title\":\"Wildfire forces evacuation in Redwater "
    "Valley\",\"text\":\"Firefighters battled a wildfire in Redwater Valley "
    "as dry winds pushed flames toward three villages. Fire chief Marta "
    "Okonkwo ordered the evacuation of the villages overnight.\","
    "\"published\":\"2026-03-04\",\"outlet\":\"Valley Observer\"}\n";

typedef struct lines {
  json_t *all;
} lines;

static int collect(void *ctx, const char *json, size_t len) {
  lines *l = ctx;
  json_array_append_new(l->all, json_loadb(json, len, 0, NULL));
  return 0;
}

/* Extracts the n bytes of in (named name) and adds them to s, asserting
 * that both succeed; r (or NULL) receives the counts. */
static void add_jsonl(cw_store *s, const char *in, size_t n, const char *name,
                      cw_add_result *r) {
  cw_articles *list;
  cw_error err;
  assert_int_equal(cw_extract_bytes(in, n, name, NULL, &list, &err), CW_OK);
  assert_int_equal(cw_store_add_articles(s, list, r, &err), CW_OK);
  cw_articles_free(list);
}

/* A new archive at db_path holding the n bytes of in (named name); r (or
 * NULL) receives the counts. */
static cw_store *store_with(const char *in, size_t n, const char *name,
                            cw_add_result *r) {
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  add_jsonl(s, in, n, name, r);
  return s;
}

static void ingest_is_idempotent_and_clusters(void **state) {
  (void)state;
  cw_store *s;
  cw_articles *list;
  cw_add_result r;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  assert_int_equal(cw_extract_bytes(harbor, sizeof harbor - 1, "n.jsonl",
                                    NULL, &list, &err),
                   CW_OK);
  assert_int_equal(cw_store_add_articles(s, list, &r, &err), CW_OK);
  assert_int_equal(r.articles_found, 3);
  assert_int_equal(r.articles_added, 3);
  assert_int_equal(r.stories_created, 2);
  assert_int_equal(cw_store_add_articles(s, list, &r, &err), CW_OK);
  assert_int_equal(r.articles_added, 0);
  assert_int_equal(r.duplicates, 3);
  cw_articles_free(list);

  lines l = {json_array()};
  assert_int_equal(cw_store_list_stories(s, NULL, 0, collect, &l, &err), CW_OK);
  assert_int_equal(json_array_size(l.all), 2);
  /* newest activity first: both end on 2026-03-04; the harbor story has
   * two articles from two outlets */
  json_t *st;
  size_t i;
  int harbor_seen = 0;
  json_array_foreach(l.all, i, st) {
    json_t *arts = json_object_get(st, "articles");
    if (json_array_size(arts) == 2) {
      harbor_seen = 1;
      assert_int_equal(json_array_size(json_object_get(st, "outlets")), 2);
      assert_string_equal(
          json_string_value(json_object_get(st, "first_seen")), "2026-03-03");
      json_t *src = json_object_get(json_array_get(arts, 0), "source");
      assert_string_equal(json_string_value(json_object_get(src, "id")), "h1");
      assert_null(json_object_get(st, "timeline")); /* not in listings */
    }
  }
  assert_true(harbor_seen);
  json_int_t id = json_integer_value(
      json_object_get(json_array_get(l.all, 0), "id"));
  json_decref(l.all);

  char *js;
  assert_int_equal(cw_store_story_json(s, id, &js, &err), CW_OK);
  json_t *full = json_loads(js, 0, NULL);
  assert_non_null(json_object_get(full, "entities"));
  assert_true(json_array_size(json_object_get(full, "summary")) >= 1);
  json_decref(full);
  free(js);
  assert_int_equal(cw_store_story_json(s, 12345, &js, &err),
                   CW_ERR_NOT_FOUND);
  assert_non_null(strstr(err.msg, "no story 12345"));
  cw_store_close(s);
  cw_store_close(NULL);
}

static void newer_schema_is_refused(void **state) {
  (void)state;
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  cw_store_close(s);
  sqlite3 *db;
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=999", 0, 0, 0),
                   SQLITE_OK);
  sqlite3_close(db);
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_ERR_VERSION);
  assert_non_null(strstr(err.msg, "version 999 is newer"));
  assert_null(s);
}

static void non_sqlite_file_is_refused(void **state) {
  (void)state;
  FILE *f = fopen(db_path, "wb");
  fputs("these are not the bytes of an SQLite database, not at all\n", f);
  fclose(f);
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_ERR_STORE);
  assert_non_null(strstr(err.msg, db_path));
  /* the file is left as it was */
  f = fopen(db_path, "rb");
  char buf[16] = {0};
  assert_int_equal(fread(buf, 1, 15, f), 15);
  fclose(f);
  assert_string_equal(buf, "these are not t");
}

static int64_t story_of(cw_store *s, const char *title_word) {
  lines l = {json_array()};
  cw_error err;
  assert_int_equal(cw_store_list_stories(s, NULL, 0, collect, &l, &err), CW_OK);
  int64_t id = 0;
  size_t i;
  json_t *st;
  json_array_foreach(l.all, i, st) {
    const char *t = json_string_value(json_object_get(st, "title"));
    if (t && strstr(t, title_word))
      id = json_integer_value(json_object_get(st, "id"));
  }
  json_decref(l.all);
  return id;
}

/* The version rises when an article joins a story and not otherwise; a
 * second connection writing is seen by the first one's clustering state
 * (PRAGMA data_version), so both articles land in one story. */
static void versions_and_pages(void **state) {
  (void)state;
  cw_store *s, *other;
  cw_add_result r;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  assert_int_equal(cw_store_open(db_path, &other, &err), CW_OK);
  add_jsonl(s, harbor, sizeof harbor - 1, "n.jsonl", &r);
  int64_t harbor_id = story_of(s, "harbor"), fire = story_of(s, "Wildfire");
  assert_true(harbor_id > 0 && fire > 0 && harbor_id != fire);
  int64_t v_harbor = 0, v_fire = 0, v;
  assert_int_equal(cw_store_story_version(s, harbor_id, &v_harbor, &err), CW_OK);
  assert_int_equal(cw_store_story_version(s, fire, &v_fire, &err), CW_OK);
  assert_true(v_harbor > v_fire); /* two articles joined it, one the other */
  assert_int_equal(cw_store_story_version(s, 999999, &v, &err),
                   CW_ERR_NOT_FOUND);

  /* a third harbor article through the other connection */
  static const char more[] =
      "{\"id\":\"h3\",\"title\":\"Santa Lucia harbor strike ends\","
      "\"text\":\"The strike at Santa Lucia harbor ended on Thursday when "
      "union leader Tomas Ferreira received the crane safety report. Dock "
      "workers returned to the harbor gates and the waiting ships came "
      "in.\",\"published\":\"2026-03-05\",\"outlet\":\"Harbor Ledger\"}\n";
  add_jsonl(other, more, sizeof more - 1, "m.jsonl", &r);
  assert_int_equal(r.stories_created, 0);
  assert_int_equal(cw_store_story_version(s, harbor_id, &v, &err), CW_OK);
  assert_int_equal(v, v_harbor + 1);
  assert_int_equal(cw_store_story_version(s, fire, &v, &err), CW_OK);
  assert_int_equal(v, v_fire);

  /* and back on the first connection: its cached state of the harbor
   * story is dropped, so the fourth article still joins it */
  static const char fourth[] =
      "{\"id\":\"h4\",\"title\":\"Santa Lucia harbor reopens after "
      "strike\",\"text\":\"Santa Lucia harbor reopened fully on Friday, a "
      "day after union leader Tomas Ferreira ended the strike over the "
      "crane safety report. Dock workers cleared the ships waiting "
      "offshore.\",\"published\":\"2026-03-06\",\"outlet\":\"Coastal "
      "Courier\"}\n";
  add_jsonl(s, fourth, sizeof fourth - 1, "f.jsonl", &r);
  assert_int_equal(r.stories_created, 0);
  assert_int_equal(cw_store_story_version(s, harbor_id, &v, &err), CW_OK);
  assert_int_equal(v, v_harbor + 2);

  /* pages: newest update first, the cursor continues, outlet filters */
  lines l = {json_array()};
  cw_story_page pg = {NULL, NULL, 0, NULL, 1, NULL, 0, 0};
  assert_int_equal(cw_store_story_page(s, &pg, collect, &l, &err), CW_OK);
  assert_int_equal(json_array_size(l.all), 1);
  json_t *first = json_array_get(l.all, 0);
  assert_int_equal(json_integer_value(json_object_get(first, "id")), harbor_id);
  char upd[64];
  snprintf(upd, sizeof upd, "%s",
           json_string_value(json_object_get(first, "last_update")));
  json_array_clear(l.all);
  cw_story_page next = {NULL, upd, harbor_id, NULL, 5, NULL, 0, 0};
  assert_int_equal(cw_store_story_page(s, &next, collect, &l, &err), CW_OK);
  assert_int_equal(json_array_size(l.all), 1);
  assert_int_equal(json_integer_value(json_object_get(json_array_get(l.all, 0),
                                                      "id")),
                   fire);
  json_array_clear(l.all);
  cw_story_page by_outlet = {NULL, NULL, 0, "valley OBSERVER", 5, NULL, 0, 0};
  assert_int_equal(cw_store_story_page(s, &by_outlet, collect, &l, &err),
                   CW_OK);
  assert_int_equal(json_array_size(l.all), 1);
  json_array_clear(l.all);
  cw_story_page since = {"2026-03-05", NULL, 0, NULL, 5, NULL, 0, 0};
  assert_int_equal(cw_store_story_page(s, &since, collect, &l, &err), CW_OK);
  assert_int_equal(json_array_size(l.all), 1);
  json_array_clear(l.all);
  int64_t only[] = {fire, 424242};
  cw_story_page by_ids = {NULL, NULL, 0, NULL, 5, only, 2, 0};
  assert_int_equal(cw_store_story_page(s, &by_ids, collect, &l, &err), CW_OK);
  assert_int_equal(json_array_size(l.all), 1);
  assert_int_equal(
      json_integer_value(json_object_get(json_array_get(l.all, 0), "id")),
      fire);
  json_decref(l.all);
  cw_store_close(other);
  cw_store_close(s);
}

/* Invented: the reports of two floods of one river in one town, years
 * apart, interleaved. The first report of the second flood joins the first
 * flood's story (the same river, town and words); once the story has
 * enough reports to tell the two floods apart by their own years, days,
 * people and figures, it is split, and each flood's later reports join
 * their own story. The side of the oldest article keeps the story. */
static const char two_floods[] =
    "{\"id\": \"a1\", \"title\": \"River Osk floods Marlow Ferry on "
    "March 3, 2031\", \"text\": \"The River Osk burst its banks in "
    "Marlow Ferry on March 3, 2031, flooding 140 homes. Mayor Ilse "
    "Varro ordered the evacuation of the lower town. Rescue boats "
    "carried families from the flooded streets.\"}\n"
    "{\"id\": \"b1\", \"title\": \"River Osk floods Marlow Ferry again "
    "on October 19, 2034\", \"text\": \"The River Osk flooded Marlow "
    "Ferry on October 19, 2034, when a levee failed near the mill. "
    "Fire chief Dag Holm said 35 shops were inundated. Volunteers "
    "stacked sandbags along the quay.\"}\n"
    "{\"id\": \"a2\", \"title\": \"Marlow Ferry flood: 140 homes under "
    "water\", \"text\": \"Floodwater from the River Osk covered 140 "
    "homes in Marlow Ferry on March 3, 2031. Mayor Ilse Varro said the "
    "lower town would stay evacuated. Rescue boats worked through the "
    "night.\"}\n"
    "{\"id\": \"b2\", \"title\": \"Levee failure floods 35 shops in "
    "Marlow Ferry\", \"text\": \"A levee failed near the mill in "
    "Marlow Ferry on October 19, 2034, and 35 shops were inundated. "
    "Fire chief Dag Holm blamed the old levee. Volunteers stacked "
    "sandbags on the quay.\"}\n"
    "{\"id\": \"a3\", \"title\": \"Mayor Ilse Varro tours flooded "
    "Marlow Ferry\", \"text\": \"Mayor Ilse Varro toured the flooded "
    "lower town of Marlow Ferry after the River Osk rose on March 3, "
    "2031. She said 140 homes were damaged and rescue boats had saved "
    "dozens.\"}\n"
    "{\"id\": \"b3\", \"title\": \"Fire chief Dag Holm: the levee was "
    "old\", \"text\": \"Fire chief Dag Holm said the levee that failed "
    "near the mill on October 19, 2034 was old. Volunteers stacked "
    "sandbags while 35 shops in Marlow Ferry were pumped dry.\"}\n"
    "{\"id\": \"a4\", \"title\": \"River Osk recedes in Marlow Ferry "
    "after March 3, 2031 flood\", \"text\": \"The River Osk fell back "
    "on Thursday in Marlow Ferry, after the March 3, 2031 flood that "
    "damaged 140 homes. Mayor Ilse Varro thanked the crews of the "
    "rescue boats.\"}\n"
    "{\"id\": \"b4\", \"title\": \"Marlow Ferry shops pumped dry after "
    "October 19, 2034 levee failure\", \"text\": \"Pumps emptied 35 "
    "shops in Marlow Ferry after the levee near the mill failed on "
    "October 19, 2034. Fire chief Dag Holm thanked the volunteers with "
    "the sandbags.\"}\n";

static void mixed_story_is_split(void **state) {
  (void)state;
  cw_add_result r;
  cw_error err;
  cw_store *s = store_with(two_floods, sizeof two_floods - 1, "floods.jsonl",
                           &r);
  assert_int_equal(r.articles_added, 8);
  assert_int_equal(r.stories_created, 2); /* one opened, one split off */
  lines l = {json_array()};
  assert_int_equal(cw_store_list_stories(s, NULL, 0, collect, &l, &err), CW_OK);
  assert_int_equal(json_array_size(l.all), 2);
  size_t i;
  json_t *st;
  json_array_foreach(l.all, i, st) {
    int64_t id = json_integer_value(json_object_get(st, "id"));
    assert_int_equal(json_integer_value(json_object_get(st, "n_articles")), 4);
    char *js = NULL;
    assert_int_equal(cw_store_story_json(s, id, &js, &err), CW_OK);
    json_t *o = json_loads(js, 0, NULL);
    free(js);
    json_t *arts = json_object_get(o, "articles"), *a;
    size_t j;
    assert_int_equal(json_array_size(arts), 4);
    char flood = 0;
    json_array_foreach(arts, j, a) {
      const char *src = json_string_value(
          json_object_get(json_object_get(a, "source"), "id"));
      assert_non_null(src);
      if (!flood)
        flood = src[0];
      assert_int_equal(src[0], flood); /* one flood per story */
    }
    /* the first flood's story is the one first opened */
    assert_int_equal(flood == 'a', id == 1);
    json_decref(o);
  }
  json_decref(l.all);
  cw_store_close(s);
  /* the split is recorded, as merges are: from story 1, four articles */
  sqlite3 *db;
  sqlite3_stmt *q;
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db,
                                      "SELECT from_story, into_story, articles,"
                                      " at FROM story_splits",
                                      -1, &q, NULL),
                   SQLITE_OK);
  assert_int_equal(sqlite3_step(q), SQLITE_ROW);
  assert_int_equal(sqlite3_column_int64(q, 0), 1);
  assert_true(sqlite3_column_int64(q, 1) > 1);
  assert_true(sqlite3_column_int64(q, 2) >= 1);
  assert_non_null(sqlite3_column_text(q, 3));
  assert_int_equal(sqlite3_step(q), SQLITE_DONE); /* one split */
  sqlite3_finalize(q);
  sqlite3_close(db);
}

/* A story is titled by a headline when one of its articles has one, even
 * when an article titled by its own first sentence (a text page without
 * a headline) is more central: the first article of a story is as
 * central as can be. */
static void headline_over_lead(void **state) {
  (void)state;
  static const char in[] =
      "{\"id\":\"l1\",\"title\":\"Volunteers in Tarrow rebuilt the "
      "footbridge over the Mell\xE2\x80\xA6\",\"text\":\"Volunteers in Tarrow "
      "rebuilt the footbridge over the Mell river in four days after the spring "
      "flood swept it away. Mayor Ines Kallio thanked the carpenters' guild.\","
      "\"published\":\"2026-04-02\"}\n"
      "{\"id\":\"l2\",\"title\":\"Tarrow footbridge back in four days\","
      "\"text\":\"The Tarrow footbridge over the Mell river is open again: "
      "volunteers from the carpenters' guild rebuilt it in four days after "
      "the spring flood, and Mayor Ines Kallio thanked them.\","
      "\"published\":\"2026-04-03\",\"outlet\":\"Mell Valley News\"}\n";
  cw_store *s;
  cw_add_result r;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  add_jsonl(s, in, sizeof in - 1, "bridge.jsonl", &r);
  assert_int_equal(r.articles_added, 2);
  assert_int_equal(r.stories_created, 1);
  lines l = {json_array()};
  assert_int_equal(cw_store_list_stories(s, NULL, 0, collect, &l, &err), CW_OK);
  assert_int_equal(json_array_size(l.all), 1);
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(l.all, 0), "title")),
      "Tarrow footbridge back in four days");
  json_decref(l.all);
  cw_store_close(s);
}

/* A quote whose speaker is a pronoun the analysis left unresolved ("It
 * demanded") shows in its story with no speaker, not under "It". */
static void unresolved_pronoun_no_speaker(void **state) {
  (void)state;
  static const char in[] =
      "{\"id\":\"p1\",\"title\":\"Ransom note sent to Tarrow water board\","
      "\"text\":\"A ransom note reached the Tarrow water board on Monday. It "
      "demanded a payment of 40 bitcoin by Friday. Board chair Ines Kallio said "
      "the board would not pay.\",\"published\":\"2026-04-06\"}\n";
  cw_store *s;
  cw_add_result r;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  add_jsonl(s, in, sizeof in - 1, "note.jsonl", &r);
  char *js = NULL;
  assert_int_equal(cw_store_story_json(s, 1, &js, &err), CW_OK);
  json_t *o = json_loads(js, 0, NULL), *q;
  free(js);
  size_t i, named = 0;
  json_array_foreach(json_object_get(o, "quotes"), i, q) {
    const char *who = json_string_value(json_object_get(q, "speaker"));
    assert_true(!who || strcasecmp(who, "it"));
    named += who && !strcmp(who, "Ines Kallio");
  }
  assert_int_equal(named, 1); /* a resolved speaker stays */
  json_decref(o);
  cw_store_close(s);
}

/* Related stories share at least two names and are active within the time
 * window: the housing council named a week after the port strike shares
 * its union leader and its mayor; the choir's prize names both too, but
 * six months later. */
static const char related_news[] =
    "{\"id\":\"r1\",\"title\":\"Brenmoor port strike halts ferries\",\""
    "text\":\"Dockworkers at the Brenmoor port walked out on Monday ove"
    "r rosters and pay, stranding ferry passengers and leaving containe"
    "r ships waiting offshore. Union leader Halvard Quist said the port"
    "'s owners had refused to talk for weeks. Mayor Ines Tarrow urged b"
    "oth sides to meet before the weekend, when holiday crossings begin"
    ".\",\"published\":\"2031-03-02\",\"outlet\":\"Brenmoor Courier\"}"
    "\n"
    "{\"id\":\"r2\",\"title\":\"Housing council gets new members\",\"te"
    "xt\":\"Mayor Ines Tarrow named Halvard Quist and two architects to"
    " the city housing council, which will review plans for four hundre"
    "d flats near the old rail yard. The council meets monthly and advi"
    "ses on zoning, rents and the design of public gardens between the "
    "new blocks.\",\"published\":\"2031-03-07\",\"outlet\":\"Coastline "
    "Ledger\"}\n"
    "{\"id\":\"r3\",\"title\":\"Choir wins national prize\",\"text\":\""
    "A youth choir won the national prize at the spring festival of son"
    "g. Its conductor Sela Vornik thanked the singers, the organist, Ha"
    "lvard Quist and Mayor Ines Tarrow for their support during rehears"
    "als in the cathedral crypt.\",\"published\":\"2031-09-20\",\"outle"
    "t\":\"Coastline Ledger\"}\n"
    "{\"id\":\"r4\",\"title\":\"Tarrow opens new library wing\",\"text"
    "\":\"The new wing of the city library opened on Tuesday with three"
    " thousand books, a reading garden and a room for chess clubs. Mayo"
    "r Ines Tarrow cut the ribbon while pupils from four schools sang."
    "\",\"published\":\"2031-03-03\",\"outlet\":\"Brenmoor Courier\"}\n";

static char *rows_of(const char *sql);

static void related_within_window(void **state) {
  (void)state;
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  add_jsonl(s, related_news, sizeof related_news - 1, "r.jsonl", NULL);
  int64_t strike = story_of(s, "strike"), audit = story_of(s, "Housing");
  int64_t choir = story_of(s, "Choir");
  assert_true(strike && audit && choir);
  assert_true(strike != audit && strike != choir && audit != choir);
  char *js = NULL;
  assert_int_equal(cw_store_story_json(s, strike, &js, &err), CW_OK);
  json_t *o = json_loads(js, 0, NULL);
  free(js);
  json_t *rel = json_object_get(o, "related");
  int has_audit = 0, has_choir = 0;
  size_t i;
  json_t *r;
  json_array_foreach(rel, i, r) {
    int64_t id = json_integer_value(json_object_get(r, "id"));
    has_audit |= id == audit;
    has_choir |= id == choir;
    if (id == audit)
      assert_true(json_integer_value(json_object_get(r, "shared_names")) >= 2);
  }
  assert_true(has_audit);  /* two names, a week apart */
  assert_false(has_choir); /* the same names, six months later */
  char *before = json_dumps(rel, JSON_COMPACT);
  json_decref(o);
  cw_store_close(s);
  /* back to version 16, the names' index by name alone and the vectors
   * with their story: migration 17 files the index by block of ids, 18
   * drops the vectors' story, and the related stories are the same */
  sqlite3 *db;
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(
      sqlite3_exec(db,
                   "DROP INDEX article_entities_by_block;"
                   "CREATE INDEX article_entities_by_name"
                   "  ON article_entities(name, article_id);"
                   "ALTER TABLE article_vectors ADD COLUMN story_id INTEGER"
                   "  NOT NULL DEFAULT 0;"
                   "CREATE INDEX article_vectors_by_story"
                   "  ON article_vectors(story_id, article_id);"
                   "PRAGMA user_version=16;",
                   0, 0, 0),
      SQLITE_OK);
  sqlite3_close(db);
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  assert_int_equal(cw_store_story_json(s, strike, &js, &err), CW_OK);
  o = json_loads(js, 0, NULL);
  free(js);
  char *after = json_dumps(json_object_get(o, "related"), JSON_COMPACT);
  assert_string_equal(after, before);
  free(before);
  free(after);
  json_decref(o);
  cw_store_close(s);
  char *indexes = rows_of("SELECT name FROM sqlite_master WHERE name LIKE"
                          " 'article_entities_by_%' OR name LIKE"
                          " 'article_vectors_by_%' ORDER BY 1");
  assert_string_equal(indexes, "article_entities_by_article\n"
                               "article_entities_by_block\n");
  free(indexes);
  char *columns = rows_of("SELECT group_concat(name, ',') FROM"
                          " pragma_table_info('article_vectors')");
  assert_string_equal(columns, "article_id,vector,facets\n");
  free(columns);
}

/* Invented: four reports of a bridge closure on four days, the first and
 * the last each syndicated word for word by a second outlet. A list entry
 * keeping the newest two keeps reports 3 and 4, report 4 with its copy
 * under it (as the full story nests it), and counts all six by day; the
 * outlets are all six, the kept entries equal the full story's. */
static void list_entry_keeps_newest(void **state) {
  (void)state;
  static const char *const body = "";
  static const char *const later[] = {
      "Engineers closed the Varn river bridge at Tolsk after cracks were "
      "found in its eastern pier, the Tolsk roads office said.",
      "Divers inspecting the closed Varn bridge at Tolsk found a second "
      "crack in the eastern pier on Tuesday, and drivers queued for the "
      "Mira ferry.",
      "The Tolsk roads office said repairs to the Varn bridge pier would "
      "take three weeks and cost the town far more than planned.",
      "Engineer Ilse Varga told reporters in Tolsk that the cracked Varn "
      "bridge pier would be braced with steel before it reopens."};
  cw_buf b;
  cw_buf_init(&b, 0);
  for (int i = 0; i < 4; i++)
    cw_buf_printf(&b,
                  "{\"id\":\"br%d\",\"title\":\"Varn bridge at Tolsk closed, "
                  "day %d\",\"text\":\"%s%s\",\"published\":"
                  "\"2032-04-0%dT08:00:00Z\",\"outlet\":\"Tolsk Outlet %d\"}\n",
                  i + 1, i + 1, body, later[i], i + 1, i + 1);
  for (int i = 0; i < 4; i += 3) /* the copies of reports 1 and 4 */
    cw_buf_printf(&b,
                  "{\"id\":\"br%dc\",\"title\":\"Varn bridge at Tolsk closed, "
                  "day %d\",\"text\":\"%s%s\",\"published\":"
                  "\"2032-04-0%dT09:00:00Z\",\"outlet\":\"Wire Copy %d\"}\n",
                  i + 1, i + 1, later[i], " (Wire desk.)", i + 1, i + 1);
  assert_int_equal(b.err, CW_OK);
  cw_store *s;
  cw_add_result r;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  add_jsonl(s, b.ptr, b.len, "br.jsonl", &r);
  cw_buf_free(&b);
  assert_int_equal(r.stories_created, 1);

  lines full = {json_array()}, slim = {json_array()};
  assert_int_equal(cw_store_list_stories(s, NULL, 0, collect, &full, &err),
                   CW_OK);
  cw_story_page pg = {NULL, NULL, 0, NULL, 5, NULL, 0, 2};
  assert_int_equal(cw_store_story_page(s, &pg, collect, &slim, &err), CW_OK);
  assert_int_equal(json_array_size(slim.all), 1);
  json_t *f = json_array_get(full.all, 0), *e = json_array_get(slim.all, 0);
  json_t *every = json_object_get(f, "articles");
  assert_int_equal(json_array_size(every), 4); /* the copies nested */
  assert_int_equal(json_integer_value(json_object_get(e, "n_with_copies")), 6);
  assert_int_equal(json_integer_value(json_object_get(e, "n_articles")),
                   json_integer_value(json_object_get(f, "n_articles")));
  assert_true(json_equal(json_object_get(e, "outlets"),
                         json_object_get(f, "outlets")));
  assert_int_equal(json_array_size(json_object_get(e, "outlets")), 6);
  json_t *kept = json_object_get(e, "articles");
  assert_int_equal(json_array_size(kept), 2);
  /* the kept entries are the full story's last two, copies and all */
  assert_true(json_equal(json_array_get(kept, 0), json_array_get(every, 2)));
  assert_true(json_equal(json_array_get(kept, 1), json_array_get(every, 3)));
  json_t *last = json_array_get(kept, 1);
  assert_string_equal(json_string_value(json_object_get(last, "title")),
                      "Varn bridge at Tolsk closed, day 4");
  json_t *copies = json_object_get(last, "copies");
  assert_int_equal(json_array_size(copies), 1);
  assert_int_equal(
      json_integer_value(json_object_get(json_array_get(copies, 0), "copy_of")),
      json_integer_value(json_object_get(last, "id")));
  /* by day: four days, the first and the fourth with their copy */
  json_t *days = json_object_get(e, "articles_by_day");
  assert_int_equal(json_array_size(days), 4);
  static const int want[] = {2, 1, 1, 2};
  size_t i;
  json_t *d;
  json_array_foreach(days, i, d) {
    char day[32];
    snprintf(day, sizeof day, "2032-04-0%d", (int)(i % 9) + 1);
    assert_string_equal(json_string_value(json_object_get(d, "day")), day);
    assert_int_equal(json_integer_value(json_object_get(d, "n")), want[i]);
  }
  /* newest larger than the story: every article, as in the full list */
  json_array_clear(slim.all);
  pg.newest = 10;
  assert_int_equal(cw_store_story_page(s, &pg, collect, &slim, &err), CW_OK);
  assert_true(json_equal(json_object_get(json_array_get(slim.all, 0), "articles"),
                         every));
  json_decref(full.all);
  json_decref(slim.all);
  cw_store_close(s);
}

/* Rows of a query as one string: "a|b|c\n..." */
/* The band keys and story terms wherever they are filed (schema 12: the
 * rows written since the last merge are in the *_recent tables). */
#define ALL_BANDS                                                            \
  "(SELECT * FROM copy_bands UNION ALL SELECT * FROM copy_bands_recent)"
#define ALL_TERMS                                                            \
  "(SELECT * FROM story_terms UNION ALL SELECT * FROM story_terms_recent)"

/* The pages the write-ahead log of s may hold before a checkpoint. */
static int autocheckpoint_of(cw_store *s) {
  sqlite3_stmt *st;
  assert_int_equal(
      sqlite3_prepare_v2(s->db, "PRAGMA wal_autocheckpoint", -1, &st, NULL),
      SQLITE_OK);
  assert_int_equal(sqlite3_step(st), SQLITE_ROW);
  int n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return n;
}

/* A new archive is made with 16 KiB pages and checkpoints its log at
 * 4 MiB; an archive made with 4 KiB pages (as crosswire made them before)
 * keeps them, takes the same articles into the same stories, and stays
 * whole. */
static void page_size_of_new_and_old_archives(void **state) {
  (void)state;
  cw_add_result r16 = {0}, r4 = {0};
  cw_store *s = store_with(harbor, sizeof harbor - 1, "h.jsonl", &r16);
  assert_int_equal(autocheckpoint_of(s), 256); /* 4 MiB of 16 KiB */
  cw_store_close(s);
  char *rows = rows_of("PRAGMA page_size");
  assert_string_equal(rows, "16384\n");
  free(rows);
  sqlite3 *db;
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  sqlite3_stmt *st;
  assert_int_equal(
      sqlite3_prepare_v2(db, "SELECT count(*) FROM stories", -1, &st, NULL),
      SQLITE_OK);
  assert_int_equal(sqlite3_step(st), SQLITE_ROW);
  int stories16 = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  remove_archive(db_path);

  /* an older archive: 4 KiB pages set before its first table */
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "PRAGMA page_size=4096; CREATE TABLE "
                                    "t(x); DROP TABLE t;", 0, 0, 0),
                   SQLITE_OK);
  sqlite3_close(db);
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  assert_int_equal(autocheckpoint_of(s), 1024); /* 4 MiB of 4 KiB */
  add_jsonl(s, harbor, sizeof harbor - 1, "h.jsonl", &r4);
  cw_store_close(s);
  rows = rows_of("PRAGMA page_size");
  assert_string_equal(rows, "4096\n");
  free(rows);
  assert_int_equal(r4.articles_added, r16.articles_added);
  assert_int_equal(r4.articles_added, 3);
  char sql[64];
  snprintf(sql, sizeof sql, "SELECT count(*) = %d FROM stories", stories16);
  rows = rows_of(sql);
  assert_string_equal(rows, "1\n");
  free(rows);
  rows = rows_of("PRAGMA integrity_check");
  assert_string_equal(rows, "ok\n");
  free(rows);
}

static char *rows_of(const char *sql) {
  sqlite3 *db;
  sqlite3_stmt *st;
  cw_buf b;
  cw_buf_init(&b, 0);
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(st); i++) {
      const unsigned char *t = sqlite3_column_text(st, i);
      cw_buf_printf(&b, "%s%s", i ? "|" : "", t ? (const char *)t : "-");
    }
    cw_buf_putc(&b, '\n');
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  assert_int_equal(b.err, CW_OK);
  return b.ptr ? b.ptr : cw_strdup("");
}

/* Invented: a ferry report, its word-for-word copy nine days later on the
 * far side of a 32-day period boundary (2032-06-20), and another copy
 * eighty days later, and an undated copy. Band keys are filed by period:
 * the near copy is found (the nearer neighbour period is searched), the
 * far one is not (outside the window docs/schema.md states), the undated
 * one is (every period is searched for it). A file whose keys are in
 * version 9's layout (by key alone) is migrated to exactly the rows
 * crosswire files itself. */
static void copies_by_period_and_migration(void **state) {
  (void)state;
  static const char text[] =
      "The Orsk ferry Linnea ran aground on a sandbar off Kettle Point at "
      "dawn, and coast guard boats took all ninety passengers ashore before "
      "noon, harbour master Oda Brenning said in a statement.";
  cw_buf b;
  cw_buf_init(&b, 0);
  static const char *const when[] = {"2032-06-17T08:00:00Z",
                                     "2032-06-26T09:00:00Z",
                                     "2032-09-08T00:00:00Z"};
  for (int i = 0; i < 3; i++)
    cw_buf_printf(&b,
                  "{\"id\":\"f%d\",\"title\":\"Ferry aground off Kettle "
                  "Point\",\"text\":\"%s%s\",\"published\":\"%s\","
                  "\"outlet\":\"Orsk Outlet %d\"}\n",
                  i, text, i == 1 ? " (Wire.)" : i ? " (Wire desk.)" : "",
                  when[i], i);
  cw_buf_printf(&b, "{\"id\":\"f3\",\"title\":\"Ferry aground\","
                    "\"text\":\"%s (Agencies.)\",\"outlet\":\"Orsk Daily\"}\n",
                text);
  assert_int_equal(b.err, CW_OK);
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  add_jsonl(s, b.ptr, b.len, "f.jsonl", NULL);
  cw_buf_free(&b);
  cw_store_close(s);
  char *copies = rows_of("SELECT id, copy_of FROM articles ORDER BY id");
  assert_string_equal(copies, "1|-\n2|1\n3|-\n4|1\n");
  free(copies);
  char *periods = rows_of("SELECT article_id, count(DISTINCT period), "
                          "count(*) FROM " ALL_BANDS " GROUP BY 1 ORDER BY 1");
  assert_string_equal(periods, "1|1|16\n2|1|16\n3|1|16\n4|1|16\n");
  free(periods);
  char *filed = rows_of("SELECT period, band, article_id FROM " ALL_BANDS
                        " ORDER BY 1, 2, 3");
  char *distinct = rows_of("SELECT count(DISTINCT period) FROM " ALL_BANDS);
  assert_string_equal(distinct, "4\n"); /* the undated: today's period */
  free(distinct);
  /* back to version 9's layout, then opened again */
  sqlite3 *db;
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(
      sqlite3_exec(db,
                   "CREATE TABLE v9(band INTEGER NOT NULL, article_id INTEGER "
                   "NOT NULL, PRIMARY KEY(band, article_id)) WITHOUT ROWID;"
                   "INSERT INTO v9 SELECT band, article_id FROM " ALL_BANDS ";"
                   "DROP TABLE copy_bands; ALTER TABLE v9 RENAME TO copy_bands;"
                   "DROP TABLE copy_bands_recent;"
                   "INSERT INTO story_terms SELECT * FROM story_terms_recent;"
                   "DROP TABLE story_terms_recent;"
                   "PRAGMA user_version=9;",
                   0, 0, 0),
      SQLITE_OK);
  sqlite3_close(db);
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  cw_store_close(s);
  char *migrated = rows_of("SELECT period, band, article_id FROM " ALL_BANDS
                           " ORDER BY 1, 2, 3");
  assert_string_equal(migrated, filed);
  free(migrated);
  free(filed);
  /* twelve newer periods with keys: an undated copy looks in those only
   * (a year of news) and no longer reaches the ferry report */
  cw_buf_init(&b, 0);
  static const char *const topic[] = {"orchard", "bridge", "library",
                                      "harbour", "stadium", "museum"};
  for (int i = 0; i < 12; i++)
    cw_buf_printf(&b,
                  "{\"id\":\"n%d\",\"title\":\"Velm notes %d\",\"text\":\"The "
                  "Velm %s committee number %d met in hall %d, where clerk "
                  "Ada Rusk number %d read the %s accounts and the minutes "
                  "of meeting %d aloud.\",\"published\":\"20%02d-%02d-15T08:00:00Z\","
                  "\"outlet\":\"Velm Sheet\"}\n",
                  i, i, topic[i % 6], i, i + 3, i * 7, topic[(i + 1) % 6],
                  i * 11, 33 + i / 6, 1 + 2 * (i % 6));
  cw_buf_printf(&b, "{\"id\":\"f4\",\"title\":\"Ferry aground\","
                    "\"text\":\"%s (Agencies, later.)\",\"outlet\":\"Orsk Daily\"}\n",
                text);
  assert_int_equal(b.err, CW_OK);
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  add_jsonl(s, b.ptr, b.len, "n.jsonl", NULL);
  cw_buf_free(&b);
  cw_store_close(s);
  char *newer = rows_of("SELECT count(DISTINCT period) FROM " ALL_BANDS
                        " WHERE period > (SELECT max(period) FROM " ALL_BANDS
                        " WHERE article_id = 3)");
  assert_string_equal(newer, "12\n");
  free(newer);
  char *last = rows_of("SELECT copy_of FROM articles WHERE source_id = 'f4'");
  assert_string_equal(last, "-\n");
  free(last);
}

/* Schema 12: an ingest files its band keys and story terms in the small
 * *_recent tables; a merge moves them into copy_bands and story_terms
 * (in key order) and the lookups still find them there: a copy of a merged
 * article is found, a report of a merged story joins it, its terms move
 * between the tables without a row in both, and the union of the tables
 * holds what it held before the merge. */
static void recent_rows_merge(void **state) {
  (void)state;
  static const char first[] =
      "{\"id\":\"r1\",\"title\":\"Velm tram depot fire\",\"text\":\"A "
      "fire broke out at the Velm tram depot on Friday night and destroyed "
      "four of the city's oldest trams, depot chief Ilse Marrow said, while "
      "firefighters kept the flames from the workshop and its fuel store "
      "until dawn.\",\"published\":\"2033-02-11T22:00:00Z\","
      "\"outlet\":\"Velm Sheet\"}\n";
  static const char later[] =
      "{\"id\":\"r2\",\"title\":\"Velm tram depot fire\",\"text\":\"A "
      "fire broke out at the Velm tram depot on Friday night and destroyed "
      "four of the city's oldest trams, depot chief Ilse Marrow said, while "
      "firefighters kept the flames from the workshop and its fuel store "
      "until dawn. (Wire.)\",\"published\":\"2033-02-12T06:00:00Z\","
      "\"outlet\":\"Orsk Daily\"}\n"
      "{\"id\":\"r3\",\"title\":\"Velm trams out after depot fire\","
      "\"text\":\"Velm ran a reduced tram timetable on Saturday after the "
      "depot fire destroyed four trams, depot chief Ilse Marrow said; "
      "investigators searched the workshop and the fuel store for the "
      "cause of the fire.\",\"published\":\"2033-02-12T12:00:00Z\","
      "\"outlet\":\"Velm Sheet\"}\n";
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  add_jsonl(s, first, sizeof first - 1, "r1.jsonl", NULL);
  char *before = rows_of("SELECT (SELECT count(*) FROM copy_bands),"
                         " (SELECT count(*) FROM copy_bands_recent),"
                         " (SELECT count(*) FROM story_terms),"
                         " (SELECT count(*) > 0 FROM story_terms_recent)");
  assert_string_equal(before, "0|16|0|1\n"); /* under the bounds: recent */
  free(before);
  char *bands = rows_of("SELECT * FROM " ALL_BANDS " ORDER BY 1, 2, 3");
  char *terms = rows_of("SELECT * FROM " ALL_TERMS " ORDER BY 1, 2");
  assert_int_equal(cw_sq_exec(s, "BEGIN", &err), CW_OK);
  assert_int_equal(cw_sq_bands_merge(s, 17, &err), CW_OK); /* 16 < 17 */
  assert_int_equal(cw_sq_terms_merge(s, CW_SQ_TERMS_RECENT_MAX, &err), CW_OK);
  assert_int_equal(cw_sq_exec(s, "COMMIT", &err), CW_OK);
  char *kept = rows_of("SELECT count(*) FROM copy_bands_recent");
  assert_string_equal(kept, "16\n");
  free(kept);
  assert_int_equal(cw_sq_exec(s, "BEGIN", &err), CW_OK);
  assert_int_equal(cw_sq_bands_merge(s, 16, &err), CW_OK);
  assert_int_equal(cw_sq_terms_merge(s, 1, &err), CW_OK);
  assert_int_equal(cw_sq_exec(s, "COMMIT", &err), CW_OK);
  char *after = rows_of("SELECT (SELECT count(*) FROM copy_bands),"
                        " (SELECT count(*) FROM copy_bands_recent),"
                        " (SELECT count(*) > 0 FROM story_terms),"
                        " (SELECT count(*) FROM story_terms_recent)");
  assert_string_equal(after, "16|0|1|0\n");
  free(after);
  char *bands2 = rows_of("SELECT * FROM " ALL_BANDS " ORDER BY 1, 2, 3");
  char *terms2 = rows_of("SELECT * FROM " ALL_TERMS " ORDER BY 1, 2");
  assert_string_equal(bands2, bands);
  assert_string_equal(terms2, terms);
  free(bands);
  free(bands2);
  free(terms);
  free(terms2);
  /* the copy is found through copy_bands, the report joins the story
   * found through story_terms */
  cw_add_result r;
  add_jsonl(s, later, sizeof later - 1, "r2.jsonl", &r);
  cw_store_close(s);
  assert_int_equal(r.articles_added, 2);
  assert_int_equal(r.stories_created, 0);
  char *got = rows_of("SELECT source_id, copy_of, story_id FROM articles "
                      "ORDER BY id");
  assert_string_equal(got, "r1|-|1\nr2|1|1\nr3|-|1\n");
  free(got);
  char *both = rows_of("SELECT count(*) FROM (SELECT term, story_id FROM "
                       "story_terms INTERSECT SELECT term, story_id FROM "
                       "story_terms_recent)");
  assert_string_equal(both, "0\n");
  free(both);
  char *per = rows_of("SELECT count(*) <= 64 FROM " ALL_TERMS
                      " WHERE story_id = 1");
  assert_string_equal(per, "1\n");
  free(per);
}

/* The story_terms rows (both tables) of every story are exactly the terms
 * of its packed centroid: "" when they agree, else the first story that
 * differs. */
static char *terms_against_centroids(void) {
  sqlite3 *db;
  sqlite3_stmt *st, *rows;
  cw_buf b;
  cw_buf_init(&b, 0);
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db, "SELECT id, centroid FROM stories",
                                      -1, &st, NULL),
                   SQLITE_OK);
  assert_int_equal(
      sqlite3_prepare_v2(db, "SELECT term FROM " ALL_TERMS
                             " WHERE story_id=? ORDER BY 1", -1, &rows, NULL),
      SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW && !b.len) {
    cw_termvec v = {0};
    if (sqlite3_column_type(st, 1) == SQLITE_BLOB)
      assert_int_equal(cw_termvec_unpack(sqlite3_column_blob(st, 1),
                                         (size_t)sqlite3_column_bytes(st, 1),
                                         &v),
                       CW_OK);
    sqlite3_reset(rows);
    sqlite3_bind_int64(rows, 1, sqlite3_column_int64(st, 0));
    size_t n = 0;
    while (sqlite3_step(rows) == SQLITE_ROW)
      if (n >= v.n ||
          strcmp((const char *)sqlite3_column_text(rows, 0), v.items[n++].term))
        n = v.n + 1;
    if (n != v.n)
      cw_buf_printf(&b, "story %lld", (long long)sqlite3_column_int64(st, 0));
    cw_termvec_free(&v);
  }
  sqlite3_finalize(rows);
  sqlite3_finalize(st);
  /* and no rows of a story that is gone */
  assert_int_equal(
      sqlite3_prepare_v2(db, "SELECT count(*) FROM " ALL_TERMS " t WHERE NOT"
                             " EXISTS(SELECT 1 FROM stories WHERE id ="
                             " t.story_id)", -1, &st, NULL),
      SQLITE_OK);
  assert_int_equal(sqlite3_step(st), SQLITE_ROW);
  if (sqlite3_column_int64(st, 0))
    cw_buf_printf(&b, "%lld rows of stories gone",
                  (long long)sqlite3_column_int64(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  cw_buf_putc(&b, '\0');
  return b.ptr;
}

/* A new archive holding the harbor fixture: the strike (story 1, two
 * articles) and the fire (story 2, one). */
static cw_store *harbor_store(void) {
  cw_add_result r;
  cw_store *s = store_with(harbor, sizeof harbor - 1, "h.jsonl", &r);
  assert_int_equal(r.stories_created, 2);
  return s;
}

/* A merge moves the smaller story into the larger, whichever the ingest
 * names first: the strike's two articles stay where they are (story 1)
 * and the fire's one joins them; story 2 is gone, and `story 2` says where
 * it went. */
static void story_merge_keeps_larger(void **state) {
  (void)state;
  cw_store *s = harbor_store();
  cw_error err;
  int64_t kept = 0;
  assert_int_equal(cw_sq_exec(s, "BEGIN", &err), CW_OK);
  assert_int_equal(cw_sq_merge_stories(s, 1, 2, 0.5, "2026-03-07T00:00:00Z",
                                       &kept, &err), CW_OK);
  assert_int_equal(cw_sq_exec(s, "COMMIT", &err), CW_OK);
  assert_int_equal(kept, 1);
  char *json = NULL;
  assert_int_equal(cw_store_story_json(s, 2, &json, &err), CW_ERR_NOT_FOUND);
  assert_non_null(strstr(err.msg, "merged into story 1"));
  cw_store_close(s);
  char *rows = rows_of("SELECT (SELECT group_concat(story_id) FROM articles),"
                       " (SELECT n_articles FROM stories WHERE id = 1),"
                       " (SELECT count(*) FROM stories),"
                       " (SELECT from_story || '>' || into_story FROM"
                       " story_merges)");
  assert_string_equal(rows, "1,1,1|3|1|2>1\n");
  free(rows);
  char *agree = terms_against_centroids();
  assert_string_equal(agree, "");
  free(agree);
}

/* Schema 16: story_terms has no index by story. A merge removes the
 * absorbed story's rows by key, from both tables (some merged into
 * story_terms, the rest recent), and out of the postings: its terms no
 * longer lead to it, the rows of every story are the terms of its packed
 * centroid. An archive of version 15 whose story kept its centroid in rows
 * alone (as stories stored before version 5) gets it packed, loses both
 * indexes and the rows of a story that is gone. */
static void story_merge_by_centroid_terms(void **state) {
  (void)state;
  cw_store *s = harbor_store();
  cw_error err;
  cw_add_result r;
  assert_int_equal(cw_sq_exec(s, "BEGIN", &err), CW_OK);
  assert_int_equal(cw_sq_terms_merge(s, 1, &err), CW_OK);
  assert_int_equal(cw_sq_exec(s, "COMMIT", &err), CW_OK);
  /* a later article of the fire: story 2's rows in both tables */
  static const char fire2[] =
      "{\"id\":\"f2\",\"title\":\"Redwater Valley villages reopen\","
      "\"text\":\"Residents of three Redwater Valley villages returned home "
      "after the wildfire was contained, fire chief Marta Okonkwo said, "
      "although smoke still hung over the orchards and the school stayed "
      "shut.\",\"published\":\"2026-03-06\",\"outlet\":\"Valley Observer\"}\n";
  add_jsonl(s, fire2, sizeof fire2 - 1, "f2.jsonl", &r);
  assert_int_equal(r.stories_created, 0);
  char *split = rows_of("SELECT (SELECT count(*) > 0 FROM story_terms WHERE"
                        " story_id = 2), (SELECT count(*) > 0 FROM"
                        " story_terms_recent WHERE story_id = 2)");
  assert_string_equal(split, "1|1\n");
  free(split);
  char *agree = terms_against_centroids();
  assert_string_equal(agree, "");
  free(agree);
  assert_int_equal(cw_sq_exec(s, "BEGIN", &err), CW_OK);
  int64_t kept = 0;
  assert_int_equal(cw_sq_merge_stories(s, 2, 1, 0.5, "2026-03-07T00:00:00Z",
                                       &kept, &err), CW_OK);
  assert_int_equal(kept, 1); /* two articles each: the second is kept */
  assert_int_equal(cw_sq_exec(s, "COMMIT", &err), CW_OK);
  char *gone = rows_of("SELECT (SELECT count(*) FROM " ALL_TERMS
                       " WHERE story_id = 2), (SELECT count(*) FROM stories"
                       " WHERE id = 2), (SELECT group_concat(story_id) FROM"
                       " articles), (SELECT count(*) FROM " ALL_TERMS
                       " WHERE story_id = 1 AND term = 'wildfir')");
  assert_string_equal(gone, "0|0|1,1,1,1|1\n");
  free(gone);
  agree = terms_against_centroids();
  assert_string_equal(agree, "");
  free(agree);
  char *json = NULL;
  assert_int_equal(cw_store_story_json(s, 2, &json, &err), CW_ERR_NOT_FOUND);
  assert_non_null(strstr(err.msg, "merged into story 1"));
  /* a report of the fire now joins story 1, found through its terms */
  static const char fire3[] =
      "{\"id\":\"f3\",\"title\":\"Redwater Valley wildfire inquiry\","
      "\"text\":\"An inquiry into the Redwater Valley wildfire opened as "
      "fire chief Marta Okonkwo said dry winds had pushed the flames toward "
      "the three villages before the evacuation.\",\"published\":"
      "\"2026-03-08\",\"outlet\":\"Valley Observer\"}\n";
  add_jsonl(s, fire3, sizeof fire3 - 1, "f3.jsonl", &r);
  assert_int_equal(r.stories_created, 0);
  cw_store_close(s);
  char *joined = rows_of("SELECT story_id FROM articles WHERE source_id"
                         " = 'f3'");
  assert_string_equal(joined, "1\n");
  free(joined);
  /* back to version 15: both indexes, story 1's centroid in rows alone */
  char *terms = rows_of("SELECT term FROM " ALL_TERMS " WHERE story_id = 1"
                        " ORDER BY 1");
  sqlite3 *db;
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(
      sqlite3_exec(db,
                   "CREATE INDEX story_terms_by_story ON story_terms(story_id);"
                   "CREATE INDEX story_terms_recent_by_story"
                   "  ON story_terms_recent(story_id);"
                   "UPDATE stories SET centroid = NULL WHERE id = 1;"
                   /* a row of a story that is gone */
                   "INSERT INTO story_terms VALUES('wildfir', 999, 1);"
                   "PRAGMA user_version=15;",
                   0, 0, 0),
      SQLITE_OK);
  sqlite3_close(db);
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  cw_store_close(s);
  char *migrated = rows_of("SELECT (SELECT count(*) FROM sqlite_master WHERE"
                           " name LIKE 'story_terms%by_story'), (SELECT"
                           " centroid IS NOT NULL FROM stories WHERE id = 1),"
                           " (SELECT count(*) FROM story_terms WHERE"
                           " story_id = 999)");
  assert_string_equal(migrated, "0|1|0\n");
  free(migrated);
  agree = terms_against_centroids();
  assert_string_equal(agree, "");
  free(agree);
  char *terms2 = rows_of("SELECT term FROM " ALL_TERMS " WHERE story_id = 1"
                         " ORDER BY 1");
  assert_string_equal(terms2, terms);
  free(terms);
  free(terms2);
}

/* A page gives its time with its own offset (the day the outlet printed);
 * the archive stores it in UTC, since it orders and compares published
 * times as text: a -05:00 evening is the next day in UTC. */
/* Schema 15: an article's content hash goes to article_hashes_recent (the
 * articles' own column stays NULL) and moves to article_hashes at a merge;
 * an exact copy of a stored article is a duplicate wherever its hash is.
 * An archive of version 14 (hashes in the UNIQUE NOT NULL column) is
 * migrated: every hash copied into article_hashes, the column nullable,
 * its copies still found. */
static void content_hashes_recent_merged_and_migrated(void **state) {
  (void)state;
  static const char first[] =
      "{\"id\":\"h1\",\"title\":\"Brill ferry runs aground\",\"text\":"
      "\"The Brill island ferry ran aground on a sandbank on Tuesday, the "
      "harbour office said; its 40 passengers were taken off by lifeboat.\","
      "\"outlet\":\"Brill Post\"}\n"
      "{\"id\":\"h2\",\"title\":\"Brill council delays budget\",\"text\":"
      "\"The Brill council put off its budget vote to March after two "
      "members fell ill, council leader Anneke Sol said.\","
      "\"outlet\":\"Brill Post\"}\n";
  /* another document: h1's exact text again under another id, and a new
   * article */
  static const char second[] =
      "{\"id\":\"h1-again\",\"title\":\"Brill ferry runs aground\","
      "\"text\":\"The Brill island ferry ran aground on a sandbank on "
      "Tuesday, the harbour office said; its 40 passengers were taken off "
      "by lifeboat.\",\"outlet\":\"Coast Wire\"}\n"
      "{\"id\":\"h3\",\"title\":\"Brill school reopens\",\"text\":"
      "\"The Brill school reopened on Monday after a month of repairs to "
      "its roof, head teacher Joost Amel said.\",\"outlet\":\"Brill "
      "Post\"}\n";
  static const char third[] =
      "{\"id\":\"h2-again\",\"title\":\"Brill council delays budget\","
      "\"text\":\"The Brill council put off its budget vote to March after "
      "two members fell ill, council leader Anneke Sol said.\","
      "\"outlet\":\"Coast Wire\"}\n";
  cw_store *s;
  cw_error err;
  cw_add_result r;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  add_jsonl(s, first, sizeof first - 1, "h1.jsonl", &r);
  assert_int_equal(r.articles_added, 2);
  char *where = rows_of("SELECT (SELECT count(*) FROM article_hashes),"
                        " (SELECT count(*) FROM article_hashes_recent),"
                        " (SELECT count(*) FROM articles"
                        "  WHERE content_hash IS NULL)");
  assert_string_equal(where, "0|2|2\n");
  free(where);
  add_jsonl(s, second, sizeof second - 1, "h2.jsonl", &r);
  assert_int_equal(r.articles_added, 1); /* found in the recent table */
  assert_int_equal(r.duplicates, 1);
  assert_int_equal(cw_sq_exec(s, "BEGIN", &err), CW_OK);
  assert_int_equal(cw_sq_hashes_merge(s, 4, &err), CW_OK); /* 3 < 4 */
  assert_int_equal(cw_sq_exec(s, "COMMIT", &err), CW_OK);
  where = rows_of("SELECT count(*) FROM article_hashes_recent");
  assert_string_equal(where, "3\n");
  free(where);
  assert_int_equal(cw_sq_exec(s, "BEGIN", &err), CW_OK);
  assert_int_equal(cw_sq_hashes_merge(s, 3, &err), CW_OK);
  assert_int_equal(cw_sq_exec(s, "COMMIT", &err), CW_OK);
  where = rows_of("SELECT (SELECT count(*) FROM article_hashes),"
                  " (SELECT count(*) FROM article_hashes_recent)");
  assert_string_equal(where, "3|0\n");
  free(where);
  add_jsonl(s, third, sizeof third - 1, "h3.jsonl", &r);
  assert_int_equal(r.articles_added, 0); /* found in the merged table */
  assert_int_equal(r.duplicates, 1);
  cw_store_close(s);
  char *hashes = rows_of("SELECT hash, article_id FROM article_hashes"
                         " ORDER BY article_id");
  /* back to version 14: the hashes in the articles' UNIQUE NOT NULL
   * column, no hash tables */
  sqlite3 *db;
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(
      sqlite3_exec(db,
                   "UPDATE articles SET content_hash = (SELECT hash FROM"
                   " article_hashes WHERE article_id = articles.id);"
                   "DROP TABLE article_hashes; DROP TABLE article_hashes_recent;"
                   "PRAGMA writable_schema=ON;"
                   "UPDATE sqlite_master SET sql = replace(sql,"
                   " 'content_hash TEXT UNIQUE',"
                   " 'content_hash TEXT NOT NULL UNIQUE')"
                   " WHERE type='table' AND name='articles';"
                   "PRAGMA writable_schema=OFF;"
                   "PRAGMA user_version=14;",
                   0, 0, 0),
      SQLITE_OK);
  sqlite3_close(db);
  sqlite3_open(db_path, &db);
  assert_int_equal(sqlite3_exec(db, "INSERT INTO articles(document_id,"
                                    " story_id, text, added) VALUES(1, 1,"
                                    " 'x', 'now')",
                                0, 0, 0),
                   SQLITE_CONSTRAINT_NOTNULL & 0xff); /* version 14 indeed */
  sqlite3_close(db);
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  char *migrated = rows_of("SELECT hash, article_id FROM article_hashes"
                           " ORDER BY article_id");
  assert_string_equal(migrated, hashes);
  free(migrated);
  free(hashes);
  add_jsonl(s, third, sizeof third - 1, "h3b.jsonl", &r);
  assert_int_equal(r.duplicates, 1); /* a version 14 article's copy */
  static const char fourth[] =
      "{\"id\":\"h4\",\"title\":\"Brill lighthouse repainted\",\"text\":"
      "\"Painters finished the Brill lighthouse on Friday, two weeks late "
      "because of storms, the island trust said.\",\"outlet\":\"Brill "
      "Post\"}\n";
  add_jsonl(s, fourth, sizeof fourth - 1, "h4.jsonl", &r);
  assert_int_equal(r.articles_added, 1); /* stored with a NULL column */
  cw_store_close(s);
  where = rows_of("SELECT (SELECT count(*) FROM articles"
                  "  WHERE content_hash IS NULL),"
                  " (SELECT user_version FROM pragma_user_version),"
                  " (SELECT integrity_check FROM pragma_integrity_check)");
  char expect[32];
  snprintf(expect, sizeof expect, "1|%d|ok\n", CW_SCHEMA_VERSION);
  assert_string_equal(where, expect);
  free(where);
}

static void offset_times_stored_in_utc(void **state) {
  (void)state;
  static const char page[] =
      "<html><head><title>Ferry fares rise at Kettle Point</title>"
      "<meta property=\"article:published_time\" "
      "content=\"2032-03-09T22:30:00-05:00\"></head><body><article>"
      "<h1>Ferry fares rise at Kettle Point</h1>"
      "<p>The Kettle Point ferry company raised its fares by a tenth on "
      "Tuesday, the first rise in four years, citing the cost of fuel and "
      "of repairs to its oldest boat.</p>"
      "<p>Commuters said the rise would cost them more than a week of "
      "lunches a month, and the island council asked for a season ticket "
      "for residents.</p></article></body></html>";
  cw_store *s;
  cw_articles *list;
  cw_error err;
  assert_int_equal(cw_extract_bytes(page, sizeof page - 1, "fares.html", NULL,
                                    &list, &err),
                   CW_OK);
  assert_string_equal(cw_articles_get(list, 0)->published,
                      "2032-03-09T22:30:00-05:00");
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  assert_int_equal(cw_store_add_articles(s, list, NULL, &err), CW_OK);
  cw_articles_free(list);
  cw_store_close(s);
  char *got = rows_of("SELECT published FROM articles");
  assert_string_equal(got, "2032-03-10T03:30:00Z\n");
  free(got);
}

/* Stories stored before schema 5 have no centroid blob: the migration to
 * version 16 packs it from their story_terms rows (the only test of that
 * path). A new report of such a story joins it. */
static void story_without_centroid_blob_takes_reports(void **state) {
  (void)state;
  cw_store *s;
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  add_jsonl(s, harbor, sizeof harbor - 1, "n.jsonl", NULL);
  cw_store_close(s);
  sqlite3 *db;
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "UPDATE stories SET centroid = NULL;"
                                    "PRAGMA user_version=15;",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  sqlite3_close(db);
  static const char more[] =
      "{\"id\":\"h3\",\"title\":\"Santa Lucia harbor strike ends\","
      "\"text\":\"Dock workers at Santa Lucia harbor ended their strike on "
      "Thursday after union leader Tomas Ferreira received the crane safety "
      "report. Ships began unloading at the harbor gates.\","
      "\"published\":\"2026-03-05\",\"outlet\":\"Harbor Ledger\"}\n";
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  cw_add_result r;
  add_jsonl(s, more, sizeof more - 1, "m.jsonl", &r);
  cw_store_close(s);
  assert_int_equal(r.stories_created, 0);
  char *got = rows_of("SELECT count(*), sum(centroid IS NOT NULL) FROM "
                      "stories WHERE n_articles = 3");
  assert_string_equal(got, "1|1\n");
  free(got);
}

/* An entity's roles and an article's credits are stored as json_dumps
 * writes a compact array (the store writes arrays of plain ASCII strings
 * itself, jansson the others): each stored value reads back as an array
 * and dumps to the same bytes. */
static void roles_stored_as_compact_json(void **state) {
  (void)state;
  static const char in[] =
      "{\"id\":\"r1\",\"title\":\"Port council meets on the strike\","
      "\"text\":\"Harbor Authority chairwoman Ines Duarte met union leader "
      "Tomas Ferreira on Monday. Former mayor Ruth Abernathy joined them, "
      "and Ines Duarte said the talks would go on. Tomas Ferreira asked "
      "for the crane report.\",\"published\":\"2026-03-05\"}\n";
  cw_store *s;
  cw_articles *list;
  cw_error err;
  assert_int_equal(cw_extract_bytes(in, sizeof in - 1, "roles.jsonl", NULL,
                                    &list, &err),
                   CW_OK);
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  assert_int_equal(cw_store_add_articles(s, list, NULL, &err), CW_OK);
  cw_articles_free(list);
  cw_store_close(s);
  char *got = rows_of("SELECT roles FROM article_entities UNION ALL "
                      "SELECT credits FROM articles");
  size_t rows = 0, with_roles = 0;
  for (char *line = got, *nl; (nl = strchr(line, '\n')); line = nl + 1) {
    *nl = '\0';
    json_t *arr = json_loads(line, 0, NULL);
    assert_true(json_is_array(arr));
    char *again = json_dumps(arr, JSON_COMPACT);
    assert_string_equal(again, line);
    with_roles += json_array_size(arr) > 0;
    free(again);
    json_decref(arr);
    rows++;
  }
  free(got);
  assert_true(rows >= 3);
  assert_true(with_roles >= 1);
}

/* Invented: two reports of a ferry fire, each with a quote, a figure and
 * dates. Schema 20 keeps an article's facts, quotes and times in one row
 * of article_analysis (three JSON arrays); article_facts, article_quotes
 * and article_times are views of it, seq the place in the array. An
 * archive of version 18, whose rows were rowid tables with an index by
 * article (rowids unlike the seqs), is migrated through 19 (WITHOUT ROWID
 * tables, the rowid as seq) to 20: every row reads back the same, in its
 * order, the tables and indexes are gone, and the story reads exactly as
 * before. */
static void analysis_rows_by_article(void **state) {
  (void)state;
  static const char in[] =
      "{\"id\":\"k1\",\"title\":\"Fire on the Morrow Bay ferry\","
      "\"text\":\"A fire broke out on the Morrow Bay ferry on 2 March 2026 "
      "with 214 passengers aboard. \\\"We smelled smoke and then the alarms "
      "went off,\\\" said deckhand Pavel Ionescu. The crossing resumed on "
      "4 March.\",\"published\":\"2026-03-04\",\"outlet\":\"Bay Herald\"}\n"
      "{\"id\":\"k2\",\"title\":\"Morrow Bay ferry fire: passengers safe\","
      "\"text\":\"All 214 passengers of the Morrow Bay ferry were brought "
      "ashore after the fire of 2 March 2026. \\\"Nobody panicked,\\\" "
      "captain Lena Sorvik told reporters on Wednesday.\","
      "\"published\":\"2026-03-04\",\"outlet\":\"Coast Daily\"}\n";
  static const char *const tables[] = {"article_facts", "article_quotes",
                                       "article_times"};
  cw_error err;
  cw_store *s = store_with(in, sizeof in - 1, "ferry.jsonl", NULL);
  char *before = NULL;
  assert_int_equal(cw_store_story_json(s, 1, &before, &err), CW_OK);
  cw_store_close(s);
  /* every table has rows, numbered from 0 within each article */
  for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) > 0, min(seq) = 0 AND max(seq) = count(*) - 1"
             " FROM %s GROUP BY article_id",
             tables[i]);
    char *got = rows_of(sql);
    assert_string_equal(got, "1|1\n1|1\n");
    free(got);
  }
  static const char every_row[] =
      "SELECT 'f', article_id, seq, kind, subject, value, number, qualifier,"
      "  approximate, span_start, span_end, NULL FROM article_facts"
      " UNION ALL SELECT 'q', article_id, seq, span_start, span_end, kind,"
      "  text, speaker, speaker_start, speaker_end, cue, channel"
      "  FROM article_quotes"
      " UNION ALL SELECT 't', article_id, seq, span_start, span_end, type,"
      "  value, NULL, NULL, NULL, NULL, NULL FROM article_times"
      " ORDER BY 1, 2, 3";
  char *rows_before = rows_of(every_row);
  /* one row an article in article_analysis */
  char *packed = rows_of("SELECT count(*), count(DISTINCT article_id) FROM"
                         " article_analysis");
  assert_string_equal(packed, "2|2\n");
  free(packed);
  /* back to version 18: rowid tables (rows in the order they were written,
   * so that the rowids differ from the seqs) with their indexes */
  sqlite3 *db;
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(
      sqlite3_exec(
          db,
          "CREATE TABLE f18(article_id INTEGER NOT NULL, kind TEXT NOT NULL,"
          "  subject TEXT NOT NULL, value TEXT NOT NULL,"
          "  number REAL NOT NULL DEFAULT 0,"
          "  qualifier INTEGER NOT NULL DEFAULT 0,"
          "  approximate INTEGER NOT NULL DEFAULT 0,"
          "  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL);"
          "INSERT INTO f18(rowid, article_id, kind, subject, value, number,"
          "  qualifier, approximate, span_start, span_end)"
          "  SELECT 100 + 10 * article_id + seq, article_id, kind, subject,"
          "  value, number, qualifier, approximate, span_start, span_end"
          "  FROM article_facts;"
          "DROP VIEW article_facts; ALTER TABLE f18 RENAME TO article_facts;"
          "CREATE INDEX article_facts_by_article ON article_facts(article_id);"
          "CREATE TABLE q18(article_id INTEGER NOT NULL,"
          "  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,"
          "  kind TEXT NOT NULL, text TEXT NOT NULL, speaker TEXT,"
          "  speaker_start INTEGER, speaker_end INTEGER, cue TEXT,"
          "  channel TEXT);"
          "INSERT INTO q18(rowid, article_id, span_start, span_end, kind,"
          "  text, speaker, speaker_start, speaker_end, cue, channel)"
          "  SELECT 200 + 10 * article_id + seq, article_id, span_start,"
          "  span_end, kind, text, speaker, speaker_start, speaker_end, cue,"
          "  channel FROM article_quotes;"
          "DROP VIEW article_quotes; ALTER TABLE q18 RENAME TO"
          "  article_quotes;"
          "CREATE INDEX article_quotes_by_article"
          "  ON article_quotes(article_id);"
          "CREATE TABLE t18(article_id INTEGER NOT NULL,"
          "  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,"
          "  type TEXT NOT NULL, value TEXT NOT NULL);"
          "INSERT INTO t18(rowid, article_id, span_start, span_end, type,"
          "  value) SELECT 300 + 10 * article_id + seq, article_id,"
          "  span_start, span_end, type, value FROM article_times;"
          "DROP VIEW article_times; ALTER TABLE t18 RENAME TO article_times;"
          "CREATE INDEX article_times_by_article ON article_times(article_id);"
          "DROP TABLE article_analysis;"
          "PRAGMA user_version=18;",
          0, 0, 0),
      SQLITE_OK);
  sqlite3_close(db);
  char *rowids = rows_of("SELECT group_concat(rowid) FROM (SELECT rowid FROM"
                         " article_facts UNION ALL SELECT rowid FROM"
                         " article_quotes UNION ALL SELECT rowid FROM"
                         " article_times ORDER BY 1)");
  assert_string_not_equal(rowids, "\n");
  free(rowids);
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  char *after = NULL;
  assert_int_equal(cw_store_story_json(s, 1, &after, &err), CW_OK);
  cw_store_close(s);
  assert_string_equal(after, before);
  free(before);
  free(after);
  char *rows_after = rows_of(every_row);
  assert_string_equal(rows_after, rows_before);
  free(rows_after);
  free(rows_before);
  char *layout = rows_of(
      "SELECT type, name FROM sqlite_master"
      " WHERE name LIKE 'article_facts%' OR name LIKE 'article_quotes%'"
      " OR name LIKE 'article_times%' OR name = 'article_analysis'"
      " ORDER BY name");
  assert_string_equal(layout, "table|article_analysis\n"
                              "view|article_facts\n"
                              "trigger|article_facts_append\n"
                              "view|article_quotes\n"
                              "trigger|article_quotes_append\n"
                              "view|article_times\n"
                              "trigger|article_times_append\n");
  free(layout);
}

/* Invented: a report whose quote holds a backslash, a tab and double
 * quotes, and a figure with a fraction. The arrays of article_analysis
 * are valid JSON (cw_sq_save_analysis writes them by hand), and the views
 * give back each text and number as the analysis found them. */
/* Invented: a harbor board's decision, with a quote holding a backslash,
 * a tab and single quotes. */
static const char harbor_quote[] =
    "{\"id\":\"p1\",\"title\":\"Harbor board backs the dredging plan\","
    "\"text\":\"The Morrow Bay harbor board approved 2.5 million dollars "
    "for dredging on 3 May 2026. \\\"The path is C:\\\\harbor\\tnow, "
    "the 'old' one is closed,\\\" said harbor master Lena "
    "Sorvik.\",\"published\":\"2026-05-04\",\"outlet\":\"Bay Herald\"}\n";

static void analysis_arrays_are_json(void **state) {
  (void)state;
  cw_store *s = store_with(harbor_quote, sizeof harbor_quote - 1,
                           "harbor.jsonl", NULL);
  cw_store_close(s);
  char *got = rows_of("SELECT count(*), sum(json_valid(facts)),"
                      " sum(json_valid(quotes)), sum(json_valid(times)),"
                      " sum(json_array_length(quotes) > 0)"
                      " FROM article_analysis");
  assert_string_equal(got, "1|1|1|1|1\n");
  free(got);
  /* the quote's text as the article has it: a backslash, a tab, quotes */
  got = rows_of("SELECT count(*) FROM article_quotes q JOIN articles a ON"
                " a.id = q.article_id WHERE instr(q.text, 'C:\\harbor') > 0"
                " AND instr(q.text, char(9)) > 0 AND instr(q.text, '''old''')"
                " > 0 AND substr(a.text, q.span_start + 1, q.span_end -"
                " q.span_start) LIKE '%' || q.text || '%'");
  assert_string_equal(got, "1\n");
  free(got);
  /* a figure's number is a real, as the table's REAL column held it */
  got = rows_of("SELECT typeof(number), number FROM article_facts WHERE"
                " kind = 'money'");
  assert_string_equal(got, "real|2500000.0\n");
  free(got);
}

/* The quote texts of story 1 in s, one a line, in the story's order. */
static char *story_quote_texts(cw_store *s) {
  char *js = NULL;
  cw_error err;
  assert_int_equal(cw_store_story_json(s, 1, &js, &err), CW_OK);
  json_t *o = json_loads(js, 0, NULL), *q, *v;
  free(js);
  assert_non_null(o);
  cw_buf b;
  cw_buf_init(&b, 0);
  size_t i, j;
  json_array_foreach(json_object_get(o, "quotes"), i, q)
    json_array_foreach(json_object_get(q, "variants"), j, v)
      cw_buf_printf(&b, "%s\n", json_string_value(json_object_get(v, "text")));
  json_decref(o);
  return b.ptr ? b.ptr : cw_strdup("");
}

/* Runs sql on the archive at db_path through a connection of its own. */
static void exec_on_archive(const char *sql) {
  sqlite3 *db;
  assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, sql, 0, 0, 0), SQLITE_OK);
  sqlite3_close(db);
}

/* A story reads article_analysis's arrays by hand (derived.c's pk_*):
 * what the ingest wrote comes back (a backslash, and a tab written as
 * \u0009); JSON it did not write but SQLite's functions or an editor
 * might (white space, \u escapes of accents and of a surrogate pair,
 * "\/") is read as JSON means it; a damaged list is read up to the
 * damage, a span past the text is skipped, and the story is still
 * shown. */
static void analysis_read_by_hand(void **state) {
  (void)state;
  cw_store *s = store_with(harbor_quote, sizeof harbor_quote - 1,
                           "harbor.jsonl", NULL);
  char *got = story_quote_texts(s);
  assert_string_equal(got,
                      "The path is C:\\harbor\tnow, the 'old' one is closed,\n");
  free(got);
  cw_store_close(s);

  exec_on_archive("UPDATE article_analysis SET quotes = '[ [85 , 138,"
                  " \"direct\", \"Caf\\u00e9 \\ud83d\\ude00 \\/ closed\","
                  " \"Lena Sorvik\", 158, 169, \"said\", null] ]'");
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  got = story_quote_texts(s);
  assert_string_equal(got, "Caf\xc3\xa9 \xf0\x9f\x98\x80 / closed\n");
  free(got);
  cw_store_close(s);

  exec_on_archive(
      "UPDATE article_analysis SET quotes = '["
      "[85,99999,\"direct\",\"Past the end\",\"Lena Sorvik\",158,169,\"said\","
      "null],"
      "[85,138,\"direct\",\"First text\",\"Lena Sorvik\",158,169,\"said\","
      "null],{\"x\":1},"
      "[85,138,\"direct\",\"Second text\",\"Lena Sorvik\",158,169,\"said\","
      "null]]', facts = '[[\"money\",\"USD\"', times = 'null'");
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  got = story_quote_texts(s);
  assert_string_equal(got, "First text\n");
  free(got);
  cw_store_close(s);
}

/* Invented: n short reports, article i in JSON lines; article dup_of[i]
 * (when not -1) gives article i the same title and text. */
static char *batch_news(size_t n, const int *dup_of) {
  cw_buf b;
  cw_buf_init(&b, 0);
  for (size_t i = 0; i < n; i++) {
    size_t k = dup_of[i] >= 0 ? (size_t)dup_of[i] : i;
    cw_buf_printf(&b,
                  "{\"id\":\"b%zu\",\"title\":\"Pier %zu of Velmar harbor "
                  "closes\",\"text\":\"Velmar harbor closed pier %zu on 3 May "
                  "2026 after %zu cranes failed inspection. \\\"We will not "
                  "reopen it before the repairs are done,\\\" said harbor "
                  "master Ilse Varnholm%zu. The repairs will cost %zu,000 "
                  "euros.\",\"published\":\"2026-05-0%zu\",\"outlet\":"
                  "\"Velmar Post %zu\"}\n",
                  i, k, k, k % 9 + 2, k, k * 7 + 40, k % 5 + 3, k % 4);
  }
  assert_int_equal(b.err, CW_OK);
  return b.ptr;
}

/* The articles of a document are analysed in batches before they are
 * stored (cw_store_add_articles): 70 articles, more than two batches,
 * stored with the same analysis, row for row, as when each article is a
 * document of its own; content seen earlier in the same batch, in an
 * earlier batch of the document, or in an earlier document is a
 * duplicate and is not stored. */
static void batched_analysis_as_one_by_one(void **state) {
  (void)state;
  enum { N = 70 };
  int dup_of[N];
  for (size_t i = 0; i < N; i++)
    dup_of[i] = -1;
  dup_of[10] = 3;  /* the same batch */
  dup_of[40] = 5;  /* an earlier batch */
  dup_of[69] = 68; /* the last batch, one before */
  char *all = batch_news(N, dup_of);
  static const char earlier[] =
      "{\"id\":\"e1\",\"title\":\"Pier 20 of Velmar harbor closes\","
      "\"text\":\"Velmar harbor closed pier 20 on 3 May 2026 after 4 "
      "cranes failed inspection. \\\"We will not reopen it before the "
      "repairs are done,\\\" said harbor master Ilse Varnholm20. The "
      "repairs will cost 180,000 euros.\",\"published\":\"2026-05-03\","
      "\"outlet\":\"Velmar Post 0\"}\n";
  cw_add_result r;
  cw_store *s = store_with(earlier, sizeof earlier - 1, "earlier.jsonl", &r);
  assert_int_equal(r.articles_added, 1);
  add_jsonl(s, all, strlen(all), "all.jsonl", &r);
  assert_int_equal(r.articles_added, N - 4);
  assert_int_equal(r.duplicates, 4); /* three in the document, pier 20 */
  cw_store_close(s);
  const char *rows_sql =
      "SELECT a.source_id, x.facts, x.quotes, x.times FROM articles a"
      " JOIN article_analysis x ON x.article_id = a.id ORDER BY 1";
  char *batched = rows_of(rows_sql);
  remove_archive(db_path);

  /* one document an article */
  cw_error err;
  assert_int_equal(cw_store_open(db_path, &s, &err), CW_OK);
  add_jsonl(s, earlier, sizeof earlier - 1, "earlier.jsonl", &r);
  const char *line = all;
  size_t added = 0;
  for (size_t i = 0; i < N; i++) {
    const char *end = strchr(line, '\n') + 1;
    char name[32];
    snprintf(name, sizeof name, "one-%zu.jsonl", i);
    add_jsonl(s, line, (size_t)(end - line), name, &r);
    added += r.articles_added;
    line = end;
  }
  assert_int_equal(added, N - 4);
  cw_store_close(s);
  char *single = rows_of(rows_sql);
  assert_true(strlen(batched) > 1000); /* facts, quotes and times stored */
  assert_string_equal(batched, single);
  free(batched);
  free(single);
  free(all);
}

/* Invented: two outlets give one month's price rise differently. */
static const char price_rise[] =
    "{\"id\":\"r1\",\"title\":\"Bay towns see prices climb\",\"text\":\""
    "Prices in the Morrow Bay towns rose 9.25% in April from a year "
    "earlier, the harbor board's statistics office said on Monday. Rents "
    "and ferry fares led the rise.\",\"published\":\"2026-05-04\","
    "\"outlet\":\"Bay Herald\"}\n"
    "{\"id\":\"r2\",\"title\":\"Morrow Bay inflation at decade high\","
    "\"text\":\"Prices in the Morrow Bay towns climbed 9.75% in April from "
    "a year earlier, the statistics office of the harbor board said on "
    "Monday, with ferry fares and rents leading.\",\"published\":"
    "\"2026-05-04\",\"outlet\":\"Coast Ledger\"}\n";

/* A program that embeds crosswire may set a locale whose decimal point
 * is a comma (de_DE) or the two bytes of U+066B (ps_AF): a fact's number
 * is still written with JSON's point and read back, so the story still
 * shows the two figures as a discrepancy. The locales are compiled into a
 * folder of the test's own (localedef, from Debian's locales package,
 * which scripts/deps installs for the tests); the test is skipped where
 * they cannot be. */
/* Content hashes kept in memory (sqlite.c) answer "not stored" as the
 * archive does: 30 reports stored, then a document of 70 that repeats 29
 * of them, gives two others the content of stored ones and repeats one
 * of its own new reports (which must be found through the hash kept when
 * it was stored): the same counts, and the same rows, as on a connection
 * that looks every hash up in the archive. */
static void duplicates_found_with_kept_hashes(void **state) {
  (void)state;
  enum { N = 70 };
  int none[N], dup_of[N];
  for (size_t i = 0; i < N; i++)
    none[i] = dup_of[i] = -1;
  dup_of[10] = 3;
  dup_of[40] = 5;
  dup_of[69] = 68;
  char *first = batch_news(30, none);
  char *all = batch_news(N, dup_of);
  const char *rows_sql = "SELECT source_id, title FROM articles ORDER BY id";
  char *rows[2];
  uint64_t skipped[2];
  for (int kept = 0; kept < 2; kept++) {
    cw_add_result r;
    cw_store *s = store_with(first, strlen(first), "first.jsonl", &r);
    assert_int_equal(r.articles_added, 30);
    if (kept)
      assert_int_equal(cw_sq_hashset_build(s), 1);
    add_jsonl(s, all, strlen(all), "all.jsonl", &r);
    assert_int_equal(r.articles_added, N - 32);
    assert_int_equal(r.duplicates, 32);
    skipped[kept] = cw_sq_hashset_skipped(s);
    cw_sq_forget(s); /* as after a rollback */
    assert_int_equal(cw_sq_hashset_skipped(s), 0);
    cw_store_close(s);
    rows[kept] = rows_of(rows_sql);
    remove_archive(db_path);
  }
  assert_int_equal(skipped[0], 0);
  assert_true(skipped[1] >= N - 32); /* every new report's lookup */
  assert_string_equal(rows[0], rows[1]);
  free(rows[0]);
  free(rows[1]);
  free(first);
  free(all);
}

static void analysis_numbers_in_any_locale(void **state) {
  (void)state;
  char dir[64], cmd[256];
  snprintf(dir, sizeof dir, "/tmp/cw-test-locales-%d", (int)getpid());
  static const char *const names[] = {"de_DE", "ps_AF"};
  int made = mkdir(dir, 0700) == 0;
  for (size_t i = 0; i < 2 && made; i++) {
    snprintf(cmd, sizeof cmd,
             "localedef -i %s -f UTF-8 %s/%s.UTF-8 >/dev/null 2>&1", names[i],
             dir, names[i]);
    made = system(cmd) == 0;
  }
  setenv("LOCPATH", dir, 1);
  for (size_t i = 0; i < 2 && made; i++) {
    char loc[32];
    snprintf(loc, sizeof loc, "%s.UTF-8", names[i]);
    if (!setlocale(LC_NUMERIC, loc)) {
      made = 0;
      break;
    }
    assert_string_not_equal(localeconv()->decimal_point, ".");
    cw_store *s = store_with(price_rise, sizeof price_rise - 1, "prices.jsonl",
                             NULL);
    char *js = NULL;
    cw_error err;
    assert_int_equal(cw_store_story_json(s, 1, &js, &err), CW_OK);
    cw_store_close(s);
    setlocale(LC_NUMERIC, "C");
    json_t *o = json_loads(js, 0, NULL), *d;
    free(js);
    size_t k, numbers = 0;
    json_array_foreach(json_object_get(o, "discrepancies"), k, d)
      numbers += !strcmp(json_string_value(json_object_get(d, "kind")),
                         "number") &&
                 json_array_size(json_object_get(d, "variants")) == 2;
    json_decref(o);
    assert_int_equal(numbers, 1);
    char *got = rows_of("SELECT (SELECT sum(json_valid(facts)) FROM"
                        " article_analysis), (SELECT group_concat(number, ' ')"
                        " FROM (SELECT number FROM article_facts ORDER BY"
                        " number)), (SELECT group_concat(value, ' ') FROM"
                        " (SELECT value FROM article_facts ORDER BY value))");
    assert_string_equal(got, "2|9.25 9.75|9.25% 9.75%\n");
    free(got);
    remove_archive(db_path);
  }
  setlocale(LC_NUMERIC, "C");
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  assert_int_equal(system(cmd), 0);
  if (!made)
    skip(); /* no localedef or no locale sources on this machine */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(ingest_is_idempotent_and_clusters,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(versions_and_pages, setup, teardown),
      cmocka_unit_test_setup_teardown(mixed_story_is_split, setup, teardown),
      cmocka_unit_test_setup_teardown(headline_over_lead, setup, teardown),
      cmocka_unit_test_setup_teardown(unresolved_pronoun_no_speaker, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(related_within_window, setup, teardown),
      cmocka_unit_test_setup_teardown(copies_by_period_and_migration, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(list_entry_keeps_newest, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(recent_rows_merge, setup, teardown),
      cmocka_unit_test_setup_teardown(
          content_hashes_recent_merged_and_migrated, setup, teardown),
      cmocka_unit_test_setup_teardown(page_size_of_new_and_old_archives,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(story_merge_keeps_larger, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(story_merge_by_centroid_terms, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(offset_times_stored_in_utc, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(analysis_arrays_are_json, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(analysis_rows_by_article, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(analysis_read_by_hand, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(batched_analysis_as_one_by_one, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(duplicates_found_with_kept_hashes,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(analysis_numbers_in_any_locale, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(roles_stored_as_compact_json, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(
          story_without_centroid_blob_takes_reports, setup, teardown),
      cmocka_unit_test_setup_teardown(newer_schema_is_refused, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(non_sqlite_file_is_refused, setup,
                                      teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
