/* article_json.c - one stored article, and the list of outlets, as JSON.
 *
 * The HTTP API (src/serve) shows an article on its own and lists the
 * outlets of the archive; both are reads of the articles table that the
 * story reader in sqlite.c does not cover. The article keeps the Article
 * contract of DESIGN.md (the fields `crosswire extract --json` prints) and
 * adds where it sits in the archive: its id, its story, the original it
 * copies and the copies of it. Text from the input stays data: it is only
 * ever bound as a parameter and written through jansson's escaping.
 */
#include "store/sqlite_int.h"
#include "store/store.h"

#include <jansson.h>
#include <stdlib.h>

static json_t *jtext(sqlite3_stmt *st, int i) {
  const char *s = cw_sq_col_text(st, i);
  return s ? json_string(s) : json_null();
}

/* Ids of the articles stored as copies of article, oldest first. */
static json_t *copies_of(cw_store *s, int64_t article) {
  sqlite3_stmt *st;
  json_t *arr = json_array();
  if (!arr || cw_sq_prep(s, "SELECT id FROM articles WHERE copy_of=?"
                                 " ORDER BY id", &st) != SQLITE_OK) {
    json_decref(arr);
    return NULL;
  }
  sqlite3_bind_int64(st, 1, article);
  while (sqlite3_step(st) == SQLITE_ROW)
    json_array_append_new(arr, json_integer(sqlite3_column_int64(st, 0)));
  cw_sq_done(s, st);
  return arr;
}

cw_status cw_store_article_json(cw_store *s, int64_t article, char **out,
                                cw_error *err) {
  sqlite3_stmt *st;
  cw_status rc = CW_OK;
  *out = NULL;
  if (cw_sq_prep(s, "SELECT id, story_id, title, outlet, url, published,"
                         " dateline, byline, text, credits, source_path,"
                         " source_part, source_id, copy_of"
                         " FROM articles WHERE id=?", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "read article");
  sqlite3_bind_int64(st, 1, article);
  int step = sqlite3_step(st);
  if (step == SQLITE_ROW) {
    json_t *credits = json_loads(cw_sq_col_text(st, 9), 0, NULL);
    if (!json_is_array(credits)) {
      json_decref(credits);
      credits = json_array();
    }
    json_t *src = json_pack("{s:o,s:i,s:o}", "path", jtext(st, 10), "part",
                            sqlite3_column_int(st, 11), "id", jtext(st, 12));
    json_t *copies = copies_of(s, article);
    json_t *o = json_pack(
        "{s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "id",
        (json_int_t)sqlite3_column_int64(st, 0), "story_id",
        (json_int_t)sqlite3_column_int64(st, 1), "title", jtext(st, 2),
        "outlet", jtext(st, 3), "url", jtext(st, 4), "published",
        jtext(st, 5), "dateline", jtext(st, 6), "byline", jtext(st, 7), "text",
        jtext(st, 8), "credits", credits, "source",
        src ? src : json_null(), "copy_of",
        sqlite3_column_type(st, 13) == SQLITE_NULL
            ? json_null()
            : json_integer(sqlite3_column_int64(st, 13)),
        "copies", copies ? copies : json_array());
    *out = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    if (!*out)
      rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
  } else if (step == SQLITE_DONE) {
    rc = cw_error_set(err, CW_ERR_NOT_FOUND, 0, "%s: no article %lld",
                      s->path, (long long)article);
  } else {
    rc = cw_sq_error(s, err, "read article");
  }
  cw_sq_done(s, st);
  return rc;
}

cw_status cw_store_outlets_json(cw_store *s, char **out, cw_error *err) {
  sqlite3_stmt *st;
  cw_status rc = CW_OK;
  *out = NULL;
  if (cw_sq_prep(s, "SELECT outlet, count(*), count(DISTINCT story_id),"
                         " max(published) FROM articles"
                         " WHERE outlet IS NOT NULL AND outlet <> ''"
                         " GROUP BY outlet ORDER BY count(*) DESC, outlet", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "list outlets");
  json_t *arr = json_array();
  int step = SQLITE_DONE;
  while (arr && (step = sqlite3_step(st)) == SQLITE_ROW) {
    json_t *o = json_pack("{s:o,s:I,s:I,s:o}", "name", jtext(st, 0),
                          "articles", (json_int_t)sqlite3_column_int64(st, 1),
                          "stories", (json_int_t)sqlite3_column_int64(st, 2),
                          "last_published", jtext(st, 3));
    if (!o || json_array_append_new(arr, o)) {
      json_decref(arr);
      arr = NULL;
    }
  }
  if (arr && step != SQLITE_DONE) {
    rc = cw_sq_error(s, err, "list outlets");
  } else {
    *out = arr ? json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    if (!*out)
      rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
  }
  json_decref(arr);
  cw_sq_done(s, st);
  return rc;
}
