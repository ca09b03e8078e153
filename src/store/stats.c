/* stats.c - what is in the archive and whether the file is sound.
 *
 * Counts come from plain aggregate queries (the archive is small enough
 * per row that a COUNT is cheap next to ingest); sizes from SQLite's own
 * page accounting plus the files on disk, WAL included, so a person sees
 * both what the data takes and what the disk holds. The per-feed section
 * lists the rows of a `feeds` table when a later schema has one, column by
 * column, and is an empty list until then. The check runs PRAGMA
 * integrity_check and FTS5's own consistency check of the search index
 * against the articles.
 */
#include "store/sqlite_int.h"

#include "core/core.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Problems listed by the integrity check: SQLite's default is 100. */
#define CHECK_MAX_ERRORS 100

static int64_t scalar(cw_store *s, const char *sql, int *ok) {
  sqlite3_stmt *st;
  int64_t v = 0;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
    *ok = 0;
    return 0;
  }
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  else if (rc != SQLITE_DONE)
    *ok = 0;
  sqlite3_finalize(st);
  return v;
}

static int64_t file_size(const char *path, const char *suffix) {
  cw_buf p;
  struct stat sb;
  int64_t n = 0;
  cw_buf_init(&p, 0);
  cw_buf_printf(&p, "%s%s", path, suffix);
  if (!p.err && stat(p.ptr, &sb) == 0)
    n = (int64_t)sb.st_size;
  cw_buf_free(&p);
  return n;
}

static int table_exists(cw_store *s, const char *name) {
  sqlite3_stmt *st;
  int found = 0;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT 1 FROM sqlite_master WHERE type='table' AND "
                         "name=?",
                         -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
  }
  return found;
}

/* Every row of the feeds table as an object of its columns. */
static json_t *feeds(cw_store *s, int *ok) {
  json_t *arr = json_array();
  sqlite3_stmt *st;
  if (!arr || !table_exists(s, "feeds"))
    return arr;
  if (sqlite3_prepare_v2(s->db, "SELECT * FROM feeds ORDER BY rowid", -1, &st,
                         NULL) != SQLITE_OK) {
    *ok = 0;
    return arr;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    json_t *o = json_object();
    for (int c = 0; o && c < sqlite3_column_count(st); c++) {
      json_t *v;
      switch (sqlite3_column_type(st, c)) {
      case SQLITE_INTEGER:
        v = json_integer((json_int_t)sqlite3_column_int64(st, c));
        break;
      case SQLITE_FLOAT:
        v = json_real(sqlite3_column_double(st, c));
        break;
      case SQLITE_NULL:
        v = json_null();
        break;
      default:
        v = json_string(cw_sq_col_text(st, c));
      }
      json_object_set_new(o, sqlite3_column_name(st, c), v);
    }
    json_array_append_new(arr, o);
  }
  sqlite3_finalize(st);
  return arr;
}

cw_status cw_store_stats_json(cw_store *s, char **out, cw_error *err) {
  int ok = 1;
  *out = NULL;
  /* one read transaction: the counts agree with each other */
  cw_status rc = cw_sq_exec(s, "BEGIN", err);
  if (rc)
    return rc;
  json_t *o = json_object();
  int64_t pages = scalar(s, "PRAGMA page_count", &ok);
  int64_t page_size = scalar(s, "PRAGMA page_size", &ok);
  json_object_set_new(o, "schema_version",
                      json_integer(scalar(s, "PRAGMA user_version", &ok)));
  json_object_set_new(o, "db_bytes", json_integer(pages * page_size));
  json_object_set_new(
      o, "file_bytes",
      json_integer(file_size(s->path, "") + file_size(s->path, "-wal")));
  json_object_set_new(
      o, "documents",
      json_integer(scalar(s, "SELECT count(*) FROM documents", &ok)));
  json_object_set_new(
      o, "articles",
      json_integer(scalar(s, "SELECT count(*) FROM articles", &ok)));
  json_object_set_new(
      o, "stories",
      json_integer(
          scalar(s, "SELECT count(*) FROM stories WHERE n_articles > 0", &ok)));
  json_object_set_new(
      o, "outlets",
      json_integer(scalar(
          s, "SELECT count(DISTINCT outlet COLLATE NOCASE) FROM articles",
          &ok)));
  json_object_set_new(
      o, "entities",
      json_integer(scalar(s,
                          "SELECT count(*) FROM (SELECT 1 FROM article_entities"
                          " GROUP BY name, type)",
                          &ok)));
  json_object_set_new(o, "feeds", feeds(s, &ok));
  if (!ok)
    rc = cw_sq_error(s, err, "statistics");
  sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
  if (!rc && !(*out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER)))
    rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
  json_decref(o);
  return rc;
}

cw_status cw_store_check(cw_store *s, char **out, cw_error *err) {
  sqlite3_stmt *st;
  cw_buf b;
  *out = NULL;
  cw_buf_init(&b, 0);
  char sql[64];
  snprintf(sql, sizeof sql, "PRAGMA integrity_check(%d)", CHECK_MAX_ERRORS);
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
    return cw_sq_error(s, err, "integrity check");
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *line = cw_sq_col_text(st, 0);
    if (line && strcmp(line, "ok") != 0)
      cw_buf_printf(&b, "%s%s", b.len ? "\n" : "", line);
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) {
    cw_buf_free(&b);
    return cw_sq_error(s, err, "integrity check");
  }
  /* the search index must agree with the articles it indexes */
  if (sqlite3_exec(s->db,
                   "INSERT INTO articles_fts(articles_fts, rank) "
                   "VALUES('integrity-check', 1)",
                   NULL, NULL, NULL) != SQLITE_OK &&
      /* the check is written as an INSERT: on a read-only archive it
       * cannot run, which says nothing about the index */
      (sqlite3_errcode(s->db) & 0xff) != SQLITE_READONLY)
    cw_buf_printf(&b, "%ssearch index: %s", b.len ? "\n" : "",
                  sqlite3_errmsg(s->db));
  if (!b.len)
    cw_buf_puts(&b, "ok");
  if (b.err) {
    cw_buf_free(&b);
    return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
  }
  *out = cw_buf_detach(&b);
  return CW_OK;
}
