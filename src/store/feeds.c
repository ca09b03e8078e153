/* feeds.c - feed subscriptions in the archive (schema migration 4).
 *
 * A subscription is a row of `feeds` keyed by its URL; each poll records
 * its outcome on the row (status, error, and the ETag / Last-Modified the
 * server sent, which the next poll sends back for a conditional GET).
 * `feed_entries` remembers which entries of a feed were already taken in,
 * so that a poll fetches the article pages of new entries only, and keeps
 * a note of what went wrong for an entry (robots.txt, a failed page).
 */
#include "store/sqlite_int.h"

#include "core/core.h"
#include "core/time.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void now_iso(char out[32]) {
  cw_format_iso8601((int64_t)time(NULL), 1, out);
}

static cw_status prepare(cw_store *s, const char *sql, sqlite3_stmt **st,
                         cw_error *err) {
  if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
    return cw_sq_error(s, err, "feeds");
  return CW_OK;
}

cw_status cw_store_feed_subscribe(cw_store *s, const char *url,
                                  const char *title, int64_t *id, int *created,
                                  cw_error *err) {
  sqlite3_stmt *st;
  char added[32];
  cw_status rc;
  if (id)
    *id = 0;
  if (created)
    *created = 0;
  if (!s || !url || !*url)
    return cw_error_set(err, CW_ERR_USAGE, 0, "feed URL missing");
  now_iso(added);
  rc = prepare(s,
               "INSERT INTO feeds(url, title, added) VALUES(?, ?, ?) "
               "ON CONFLICT(url) DO NOTHING",
               &st, err);
  if (rc)
    return rc;
  cw_sq_bind_text(st, 1, url);
  cw_sq_bind_text(st, 2, title);
  cw_sq_bind_text(st, 3, added);
  int step = sqlite3_step(st);
  sqlite3_finalize(st);
  if (step != SQLITE_DONE)
    return cw_sq_error(s, err, "cannot subscribe");
  if (created)
    *created = sqlite3_changes(s->db) > 0;
  rc = prepare(s, "SELECT id FROM feeds WHERE url = ?", &st, err);
  if (rc)
    return rc;
  cw_sq_bind_text(st, 1, url);
  if (sqlite3_step(st) == SQLITE_ROW && id)
    *id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if (title) {
    /* a title learnt later fills one that was unknown */
    rc =
        prepare(s, "UPDATE feeds SET title = ? WHERE url = ? AND title IS NULL",
                &st, err);
    if (rc)
      return rc;
    cw_sq_bind_text(st, 1, title);
    cw_sq_bind_text(st, 2, url);
    sqlite3_step(st);
    sqlite3_finalize(st);
  }
  return CW_OK;
}

static json_t *column_json(sqlite3_stmt *st, int c) {
  switch (sqlite3_column_type(st, c)) {
  case SQLITE_INTEGER:
    return json_integer((json_int_t)sqlite3_column_int64(st, c));
  case SQLITE_NULL:
    return json_null();
  default:
    return json_string(cw_sq_col_text(st, c));
  }
}

cw_status cw_store_feeds_json(cw_store *s, char **out, cw_error *err) {
  sqlite3_stmt *st;
  *out = NULL;
  cw_status rc = prepare(
      s,
      "SELECT id, url, title, etag, last_modified, last_fetch, last_status, "
      "last_error, added, (SELECT count(*) FROM feed_entries e "
      "WHERE e.feed_id = feeds.id) AS entries FROM feeds ORDER BY id",
      &st, err);
  if (rc)
    return rc;
  json_t *arr = json_array();
  int ok = arr != NULL;
  while (ok && sqlite3_step(st) == SQLITE_ROW) {
    json_t *o = json_object();
    ok = o != NULL;
    for (int c = 0; ok && c < sqlite3_column_count(st); c++)
      ok = !json_object_set_new(o, sqlite3_column_name(st, c),
                                column_json(st, c));
    if (ok)
      ok = !json_array_append_new(arr, o);
    else
      json_decref(o);
  }
  sqlite3_finalize(st);
  if (ok)
    *out = json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(arr);
  if (!*out)
    return cw_error_set(err, CW_ERR_NOMEM, 0, "feeds: out of memory");
  return CW_OK;
}

cw_status cw_store_feed_remove(cw_store *s, const char *url_or_id,
                               cw_error *err) {
  sqlite3_stmt *st;
  int64_t id = 0;
  cw_status rc;
  if (!url_or_id || !*url_or_id)
    return cw_error_set(err, CW_ERR_USAGE, 0, "feed URL or id missing");
  rc =
      prepare(s, "SELECT id FROM feeds WHERE url = ?1 OR CAST(id AS TEXT) = ?1",
              &st, err);
  if (rc)
    return rc;
  cw_sq_bind_text(st, 1, url_or_id);
  if (sqlite3_step(st) == SQLITE_ROW)
    id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if (!id)
    return cw_error_set(err, CW_ERR_NOT_FOUND, 0, "%s: no such feed",
                        url_or_id);
  rc = cw_sq_exec(s, "BEGIN IMMEDIATE", err);
  if (rc)
    return rc;
  static const char *const sql[] = {
      "DELETE FROM feed_entries WHERE feed_id = ?",
      "DELETE FROM feeds WHERE id = ?"};
  for (size_t i = 0; i < 2; i++) {
    rc = prepare(s, sql[i], &st, err);
    if (rc)
      break;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    if (step != SQLITE_DONE) {
      rc = cw_sq_error(s, err, "cannot remove feed");
      break;
    }
  }
  if (rc) {
    cw_sq_exec(s, "ROLLBACK", NULL);
    return rc;
  }
  return cw_sq_exec(s, "COMMIT", err);
}

cw_status cw_store_feed_record(cw_store *s, int64_t feed_id,
                               const cw_feed_poll *poll, cw_error *err) {
  sqlite3_stmt *st;
  char now[32];
  /* validators change only with a fresh 2xx answer: a 304 or a failure
   * keeps those of the last good copy */
  int fresh = poll->status >= 200 && poll->status < 300;
  now_iso(now);
  cw_status rc = prepare(
      s,
      "UPDATE feeds SET title = coalesce(?1, title),"
      " etag = CASE WHEN ?2 THEN ?3 ELSE etag END,"
      " last_modified = CASE WHEN ?2 THEN ?4 ELSE last_modified END,"
      " last_fetch = ?5, last_status = ?6, last_error = ?7 WHERE id = ?8",
      &st, err);
  if (rc)
    return rc;
  cw_sq_bind_text(st, 1, poll->title);
  sqlite3_bind_int(st, 2, fresh);
  cw_sq_bind_text(st, 3, poll->etag);
  cw_sq_bind_text(st, 4, poll->last_modified);
  cw_sq_bind_text(st, 5, now);
  sqlite3_bind_int64(st, 6, poll->status);
  cw_sq_bind_text(st, 7, poll->error);
  sqlite3_bind_int64(st, 8, feed_id);
  int step = sqlite3_step(st);
  sqlite3_finalize(st);
  if (step != SQLITE_DONE)
    return cw_sq_error(s, err, "cannot record feed poll");
  if (sqlite3_changes(s->db) == 0)
    return cw_error_set(err, CW_ERR_NOT_FOUND, 0, "feed %lld: no such feed",
                        (long long)feed_id);
  return CW_OK;
}

cw_status cw_store_feed_entry_seen(cw_store *s, int64_t feed_id,
                                   const char *entry, int *seen,
                                   cw_error *err) {
  sqlite3_stmt *st;
  *seen = 0;
  cw_status rc =
      prepare(s, "SELECT 1 FROM feed_entries WHERE feed_id = ? AND entry = ?",
              &st, err);
  if (rc)
    return rc;
  sqlite3_bind_int64(st, 1, feed_id);
  cw_sq_bind_text(st, 2, entry);
  *seen = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return CW_OK;
}

cw_status cw_store_feed_entry_mark(cw_store *s, int64_t feed_id,
                                   const char *entry, const char *note,
                                   cw_error *err) {
  sqlite3_stmt *st;
  char now[32];
  now_iso(now);
  cw_status rc = prepare(s,
                         "INSERT OR REPLACE INTO feed_entries(feed_id, entry,"
                         " note, seen) VALUES(?, ?, ?, ?)",
                         &st, err);
  if (rc)
    return rc;
  sqlite3_bind_int64(st, 1, feed_id);
  cw_sq_bind_text(st, 2, entry);
  cw_sq_bind_text(st, 3, note);
  cw_sq_bind_text(st, 4, now);
  int step = sqlite3_step(st);
  sqlite3_finalize(st);
  if (step != SQLITE_DONE)
    return cw_sq_error(s, err, "cannot record feed entry");
  return CW_OK;
}
