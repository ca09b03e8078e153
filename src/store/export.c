/* export.c - the archive as JSON lines, and back.
 *
 * An export is self-contained and deterministic: rows are written in key
 * order with a fixed key order, and reals with 17 significant digits
 * (jansson's default), so export -> import into an empty file -> export
 * gives the same bytes. Lines, one JSON object each, told apart by "type":
 *   header    format name and version, the schema version
 *   story     the Story object (everything derived, as `story --json`
 *             shows it) and "state": the story's row, which import restores
 *   document  one input document's row, followed by
 *   article   its articles: every column of the row, "source" grouping
 *             source_path/part/id as in the Article contract, "credits" as
 *             an array, and "copies": the ids of articles folded into it
 *   rows      the other tables (entities, facts, quotes, the clustering
 *             index, ...) generically: table, columns, rows in key order
 *   end       counts, so a truncated export is refused
 * The generic part follows the schema as it grows: a migration that adds a
 * table or a column needs no change here. Import restores all rows with
 * their ids in one transaction, without analysing or clustering, then
 * rebuilds the search index; the derived story fields are recomputed from
 * the same rows they came from. An article line without story_id (an
 * export from elsewhere, or a hand-written one) is ingested as new input
 * after the restore instead, and clustered then. Unknown line types are
 * skipped; a table or column this archive does not have is refused, since
 * restoring it partly would lose data silently.
 */
#include "store/sqlite_int.h"

#include "core/core.h"
#include "store/schema.sql.h"

#include <errno.h>
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define EXPORT_FORMAT "crosswire-export"
#define EXPORT_VERSION 1
/* Rows per "rows" line: keeps lines a few tens of KB. */
#define ROWS_PER_LINE 500
/* Longest line import accepts: an article is at most 64 MiB of input
 * (CW_DEFAULT_MAX_INPUT) and JSON escaping can double it. */
#define IMPORT_MAX_LINE ((size_t)160 << 20)
/* Columns of one table we handle; the schema has a dozen at most. */
#define MAX_COLUMNS 64
/* Length of a table or column name from an export file. */
#define MAX_NAME 64

static json_t *jstr(const char *s) { return s ? json_string(s) : json_null(); }

static cw_status emit(cw_store *s, json_t *o, cw_json_sink sink, void *ctx,
                      int *stop, cw_error *err) {
  char *js = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  json_decref(o);
  if (!js)
    return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
  *stop = sink(ctx, js, strlen(js));
  free(js);
  return CW_OK;
}

static int64_t scalar(cw_store *s, const char *sql) {
  sqlite3_stmt *st;
  int64_t n = -1;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW)
      n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  return n;
}

/* "name" with inner quotes doubled, for identifiers in generated SQL. */
static void put_ident(cw_buf *b, const char *name) {
  cw_buf_putc(b, '"');
  for (const char *p = name; *p; p++) {
    if (*p == '"')
      cw_buf_putc(b, '"');
    cw_buf_putc(b, *p);
  }
  cw_buf_putc(b, '"');
}

static json_t *value_json(sqlite3_stmt *st, int c) {
  switch (sqlite3_column_type(st, c)) {
  case SQLITE_INTEGER:
    return json_integer((json_int_t)sqlite3_column_int64(st, c));
  case SQLITE_FLOAT:
    return json_real(sqlite3_column_double(st, c));
  case SQLITE_NULL:
    return json_null();
  case SQLITE_BLOB: {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = sqlite3_column_blob(st, c);
    int n = sqlite3_column_bytes(st, c);
    cw_buf b;
    cw_buf_init(&b, 0);
    for (int i = 0; i < n; i++) {
      cw_buf_putc(&b, hex[p[i] >> 4]);
      cw_buf_putc(&b, hex[p[i] & 15]);
    }
    json_t *o = b.err ? NULL : json_pack("{s:s}", "hex", b.ptr);
    cw_buf_free(&b);
    return o;
  }
  default:
    return jstr(cw_sq_col_text(st, c));
  }
}

static int bind_json(sqlite3_stmt *st, int i, json_t *v) {
  if (json_is_integer(v))
    return sqlite3_bind_int64(st, i, json_integer_value(v));
  if (json_is_real(v))
    return sqlite3_bind_double(st, i, json_real_value(v));
  if (json_is_string(v))
    return sqlite3_bind_text(st, i, json_string_value(v),
                             (int)json_string_length(v), SQLITE_TRANSIENT);
  if (json_is_true(v) || json_is_false(v))
    return sqlite3_bind_int(st, i, json_is_true(v));
  const char *hex = json_string_value(json_object_get(v, "hex"));
  if (hex) {
    size_t n = strlen(hex) / 2;
    unsigned char *p = malloc(n + 1);
    if (!p)
      return SQLITE_NOMEM;
    for (size_t k = 0; k < n; k++) {
      unsigned hi = 0, lo = 0;
      char h = hex[2 * k], l = hex[2 * k + 1];
      hi = h >= 'a' ? (unsigned)(h - 'a' + 10) : (unsigned)(h - '0');
      lo = l >= 'a' ? (unsigned)(l - 'a' + 10) : (unsigned)(l - '0');
      p[k] = (unsigned char)((hi << 4) | (lo & 15));
    }
    return sqlite3_bind_blob(st, i, p, (int)n, free);
  }
  return sqlite3_bind_null(st, i);
}

/* ---- which tables, and how to read them in order ------------------------ */

/* Tables exported generically: every ordinary table but the three with
 * line types of their own, SQLite's own, the band-key filters (derived,
 * 2 MiB a period, built again after import), and virtual tables with
 * their shadow tables (the search index is rebuilt from the articles);
 * and the views of article_analysis in its place (schema 20): an export
 * keeps the rows of article_facts, article_quotes and article_times that
 * it had, and an import writes them through the views' triggers. */
static int generic_table(cw_store *s, const char *name) {
  if (!strcmp(name, "stories") || !strcmp(name, "documents") ||
      !strcmp(name, "articles") || !strncmp(name, "sqlite_", 7) ||
      !strcmp(name, "copy_band_filters") ||
      !strcmp(name, "article_analysis"))
    return 0;
  sqlite3_stmt *st;
  int ok = 1;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT 1 FROM sqlite_master WHERE type='table' AND"
                         " sql LIKE 'CREATE VIRTUAL TABLE%' AND"
                         " (?1 = name OR substr(?1, 1, length(name) + 1) ="
                         "  name || '_')",
                         -1, &st, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW)
    ok = 0;
  sqlite3_finalize(st);
  return ok;
}

/* Whether name is a view of the archive. */
static int is_view(cw_store *s, const char *name) {
  sqlite3_stmt *st;
  int found = 0;
  if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_master WHERE"
                                " type='view' AND name=?",
                         -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
  }
  return found;
}

/* SELECT for all rows of table in key order: rowid tables by rowid (and
 * the rowid itself when no column is an alias of it, so that restored
 * rows keep it), WITHOUT ROWID tables by their primary key. */
static cw_status table_select(cw_store *s, const char *table, cw_buf *sql,
                              cw_error *err) {
  sqlite3_stmt *st;
  cw_buf q, order;
  cw_buf_init(&q, 0);
  cw_buf_init(&order, 0);
  cw_buf_puts(&q, "SELECT name, type, pk FROM pragma_table_info(?)"
                  " WHERE pk > 0 ORDER BY pk");
  if (q.err || sqlite3_prepare_v2(s->db, q.ptr, -1, &st, NULL) != SQLITE_OK) {
    cw_buf_free(&q);
    cw_buf_free(&order);
    return cw_sq_error(s, err, "export: read table layout");
  }
  sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
  int npk = 0, int_pk = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    if (npk++)
      cw_buf_puts(&order, ", ");
    put_ident(&order, cw_sq_col_text(st, 0));
    const char *type = cw_sq_col_text(st, 1);
    int_pk = type && !strcmp(type, "INTEGER");
  }
  sqlite3_finalize(st);
  cw_buf_reset(&q);
  cw_buf_printf(&q, "SELECT sql FROM sqlite_master WHERE name=?");
  int without_rowid = 0;
  if (sqlite3_prepare_v2(s->db, q.ptr, -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
      const char *ddl = cw_sq_col_text(st, 0);
      without_rowid = ddl && strstr(ddl, "WITHOUT ROWID") != NULL;
    }
    sqlite3_finalize(st);
  }
  cw_buf_reset(sql);
  if (is_view(s, table)) {
    /* article_analysis's views: by article, then place (their first two
     * columns) */
    cw_buf_puts(sql, "SELECT * FROM ");
    put_ident(sql, table);
    cw_buf_puts(sql, " ORDER BY 1, 2");
  } else if (without_rowid) {
    cw_buf_puts(sql, "SELECT * FROM ");
    put_ident(sql, table);
    cw_buf_printf(sql, " ORDER BY %s", order.ptr);
  } else {
    cw_buf_puts(sql, npk == 1 && int_pk ? "SELECT * FROM "
                                        : "SELECT rowid AS rowid, * FROM ");
    put_ident(sql, table);
    cw_buf_puts(sql, " ORDER BY rowid");
  }
  cw_buf_free(&q);
  cw_buf_free(&order);
  return sql->err
             ? cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path)
             : CW_OK;
}

static json_t *row_object(sqlite3_stmt *st) {
  json_t *o = json_object();
  for (int c = 0; o && c < sqlite3_column_count(st); c++)
    json_object_set_new(o, sqlite3_column_name(st, c), value_json(st, c));
  return o;
}

/* ---- export ------------------------------------------------------------- */

static cw_status export_stories(cw_store *s, cw_json_sink sink, void *ctx,
                                int *stop, int64_t *n, cw_error *err) {
  sqlite3_stmt *st = NULL;
  cw_buf sql;
  cw_buf_init(&sql, 0);
  cw_status rc = table_select(s, "stories", &sql, err);
  if (!rc && sqlite3_prepare_v2(s->db, sql.ptr, -1, &st, NULL) != SQLITE_OK)
    rc = cw_sq_error(s, err, "export stories");
  cw_buf_free(&sql);
  int step = SQLITE_DONE;
  while (!rc && !*stop && (step = sqlite3_step(st)) == SQLITE_ROW) {
    json_t *state = row_object(st);
    json_t *idv = json_object_get(state, "id");
    int64_t id = json_integer_value(idv);
    json_t *o = json_pack("{s:s,s:I}", "type", "story", "id", (json_int_t)id);
    /* the derived fields, exactly as `story --json` shows them (a story
     * without articles has none) */
    char *js = NULL;
    cw_status sst = cw_store_story_json(s, id, &js, err);
    if (sst && sst != CW_ERR_NOT_FOUND) {
      json_decref(o);
      json_decref(state);
      rc = sst;
      break;
    }
    if (!sst) {
      json_t *story = json_loads(js, 0, NULL);
      const char *key;
      json_t *v;
      json_object_foreach(story, key, v) {
        if (strcmp(key, "id") != 0 && strcmp(key, "type") != 0 &&
            strcmp(key, "state") != 0)
          json_object_set(o, key, v);
      }
      json_decref(story);
    }
    free(js);
    json_object_set_new(o, "state", state);
    if ((rc = emit(s, o, sink, ctx, stop, err)))
      break;
    (*n)++;
  }
  if (!rc && !*stop && step != SQLITE_DONE)
    rc = cw_sq_error(s, err, "export stories");
  sqlite3_finalize(st);
  return rc;
}

static int has_column(cw_store *s, const char *table, const char *column) {
  sqlite3_stmt *st;
  int found = 0;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT 1 FROM pragma_table_info(?) WHERE name=?", -1,
                         &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
    found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
  }
  return found;
}

/* One article row as its line: columns in table order, source_* grouped
 * into "source" (where source_path stands), credits as an array. */
static json_t *article_line(sqlite3_stmt *st, sqlite3_stmt *copies) {
  json_t *o = json_pack("{s:s}", "type", "article");
  json_t *src = json_object();
  int64_t id = 0;
  for (int c = 0; o && c < sqlite3_column_count(st); c++) {
    const char *name = sqlite3_column_name(st, c);
    json_t *v = value_json(st, c);
    if (!strcmp(name, "id"))
      id = sqlite3_column_int64(st, c);
    if (!strncmp(name, "source_", 7)) {
      if (json_object_size(src) == 0)
        json_object_set(o, "source", src);
      json_object_set_new(src, name + 7, v);
    } else if (!strcmp(name, "credits") && json_is_string(v)) {
      json_t *arr = json_loads(json_string_value(v), 0, NULL);
      json_decref(v);
      json_object_set_new(o, name, arr ? arr : json_array());
    } else {
      json_object_set_new(o, name, v);
    }
  }
  json_decref(src);
  json_t *list = json_array();
  if (copies) {
    sqlite3_reset(copies);
    sqlite3_bind_int64(copies, 1, id);
    while (sqlite3_step(copies) == SQLITE_ROW)
      json_array_append_new(
          list, json_integer((json_int_t)sqlite3_column_int64(copies, 0)));
  }
  json_object_set_new(o, "copies", list);
  return o;
}

/* Documents in id order, each followed by its articles: a merge of two
 * ordered scans, no per-document lookup. */
static cw_status export_documents(cw_store *s, cw_json_sink sink, void *ctx,
                                  int *stop, int64_t *ndoc, int64_t *nart,
                                  cw_error *err) {
  sqlite3_stmt *docs = NULL, *arts = NULL, *copies = NULL;
  cw_status rc = CW_OK;
  if (sqlite3_prepare_v2(s->db, "SELECT * FROM documents ORDER BY id", -1,
                         &docs, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(s->db,
                         "SELECT * FROM articles ORDER BY document_id, id", -1,
                         &arts, NULL) != SQLITE_OK ||
      (has_column(s, "articles", "copy_of") &&
       sqlite3_prepare_v2(s->db,
                          "SELECT id FROM articles WHERE copy_of=? ORDER BY id",
                          -1, &copies, NULL) != SQLITE_OK)) {
    rc = cw_sq_error(s, err, "export documents");
    goto done;
  }
  int doc_col = -1;
  for (int c = 0; c < sqlite3_column_count(arts); c++)
    if (!strcmp(sqlite3_column_name(arts, c), "document_id"))
      doc_col = c;
  int astep = sqlite3_step(arts);
  int dstep = SQLITE_DONE;
  while (!*stop && (dstep = sqlite3_step(docs)) == SQLITE_ROW) {
    int64_t doc = sqlite3_column_int64(docs, 0);
    json_t *o = json_pack("{s:s}", "type", "document");
    json_t *row = row_object(docs);
    json_object_update(o, row);
    json_decref(row);
    if ((rc = emit(s, o, sink, ctx, stop, err)))
      goto done;
    (*ndoc)++;
    while (!*stop && astep == SQLITE_ROW &&
           sqlite3_column_int64(arts, doc_col) <= doc) {
      /* an article of a missing document cannot exist (foreign key);
       * skip rather than loop if one ever does */
      if (sqlite3_column_int64(arts, doc_col) == doc) {
        if ((rc = emit(s, article_line(arts, copies), sink, ctx, stop, err)))
          goto done;
        (*nart)++;
      }
      astep = sqlite3_step(arts);
    }
  }
  if (!*stop &&
      (dstep != SQLITE_DONE || (astep != SQLITE_ROW && astep != SQLITE_DONE)))
    rc = cw_sq_error(s, err, "export documents");
done:
  sqlite3_finalize(docs);
  sqlite3_finalize(arts);
  sqlite3_finalize(copies);
  return rc;
}

static cw_status export_table(cw_store *s, const char *table, cw_json_sink sink,
                              void *ctx, int *stop, int64_t *nrows,
                              cw_error *err) {
  sqlite3_stmt *st = NULL;
  cw_buf sql;
  cw_buf_init(&sql, 0);
  cw_status rc = table_select(s, table, &sql, err);
  if (!rc && sqlite3_prepare_v2(s->db, sql.ptr, -1, &st, NULL) != SQLITE_OK)
    rc = cw_sq_error(s, err, "export table");
  cw_buf_free(&sql);
  if (rc)
    return rc;
  json_t *cols = json_array();
  for (int c = 0; c < sqlite3_column_count(st); c++)
    json_array_append_new(cols, json_string(sqlite3_column_name(st, c)));
  json_t *rows = NULL;
  int step;
  while (!*stop && (step = sqlite3_step(st)) == SQLITE_ROW) {
    if (!rows)
      rows = json_array();
    json_t *row = json_array();
    for (int c = 0; c < sqlite3_column_count(st); c++)
      json_array_append_new(row, value_json(st, c));
    json_array_append_new(rows, row);
    (*nrows)++;
    if (json_array_size(rows) == ROWS_PER_LINE) {
      rc = emit(s,
                json_pack("{s:s,s:s,s:O,s:o}", "type", "rows", "table", table,
                          "columns", cols, "rows", rows),
                sink, ctx, stop, err);
      rows = NULL;
      if (rc)
        break;
    }
  }
  if (!rc && rows && !*stop)
    rc = emit(s,
              json_pack("{s:s,s:s,s:O,s:o}", "type", "rows", "table", table,
                        "columns", cols, "rows", rows),
              sink, ctx, stop, err);
  else
    json_decref(rows);
  if (!rc && !*stop && step != SQLITE_DONE)
    rc = cw_sq_error(s, err, "export table");
  json_decref(cols);
  sqlite3_finalize(st);
  return rc;
}

static cw_status export_tables(cw_store *s, cw_json_sink sink, void *ctx,
                               int *stop, int64_t *nrows, cw_error *err) {
  sqlite3_stmt *st;
  cw_status rc = CW_OK;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT name FROM sqlite_master WHERE type IN"
                         " ('table', 'view') ORDER BY name",
                         -1, &st, NULL) != SQLITE_OK)
    return cw_sq_error(s, err, "export tables");
  while (!rc && !*stop && sqlite3_step(st) == SQLITE_ROW) {
    char *name = cw_strdup(cw_sq_col_text(st, 0));
    if (!name)
      rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
    else if (generic_table(s, name))
      rc = export_table(s, name, sink, ctx, stop, nrows, err);
    free(name);
  }
  sqlite3_finalize(st);
  return rc;
}

cw_status cw_store_export(cw_store *s, cw_json_sink sink, void *ctx,
                          cw_error *err) {
  int stop = 0;
  int64_t nstory = 0, ndoc = 0, nart = 0, nrows = 0;
  /* one read transaction: a snapshot even while `add` writes */
  cw_status rc = cw_sq_exec(s, "BEGIN", err);
  if (rc)
    return rc;
  rc =
      emit(s,
           json_pack("{s:s,s:s,s:i,s:I}", "type", "header", "format",
                     EXPORT_FORMAT, "version", EXPORT_VERSION, "schema_version",
                     (json_int_t)scalar(s, "PRAGMA user_version")),
           sink, ctx, &stop, err);
  if (!rc && !stop)
    rc = export_stories(s, sink, ctx, &stop, &nstory, err);
  if (!rc && !stop)
    rc = export_documents(s, sink, ctx, &stop, &ndoc, &nart, err);
  if (!rc && !stop)
    rc = export_tables(s, sink, ctx, &stop, &nrows, err);
  if (!rc && !stop)
    rc =
        emit(s,
             json_pack("{s:s,s:I,s:I,s:I,s:I}", "type", "end", "stories",
                       (json_int_t)nstory, "documents", (json_int_t)ndoc,
                       "articles", (json_int_t)nart, "rows", (json_int_t)nrows),
             sink, ctx, &stop, err);
  sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
  return rc;
}

/* ---- import ------------------------------------------------------------- */

typedef struct importer {
  cw_store *s;
  const char *path;
  size_t line;
  cw_error *err;
  cw_buf recluster; /* JSON lines of articles to ingest as new input */
  size_t n_recluster;
  int seen_header, seen_end;
  int64_t rows;
  cw_import_result res;
  /* the last INSERT prepared, by table and column list: consecutive rows
   * of one table reuse it */
  cw_buf cached_key;
  sqlite3_stmt *cached;
} importer;

static cw_status bad_line(importer *im, const char *what) {
  return cw_error_set(im->err, CW_ERR_FORMAT, 0, "%s: line %zu: %s", im->path,
                      im->line, what);
}

static const char *get_str(json_t *o, const char *key) {
  return json_string_value(json_object_get(o, key));
}

/* A table import may write: an ordinary table of this archive or a view
 * that takes inserts (generic_table's), not SQLite's own, not the search
 * index. */
static int writable_table(importer *im, const char *table) {
  if (strlen(table) > MAX_NAME)
    return 0;
  sqlite3_stmt *st;
  int found = 0;
  if (sqlite3_prepare_v2(im->s->db,
                         "SELECT 1 FROM sqlite_master WHERE type IN"
                         " ('table', 'view') AND name=?",
                         -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
  }
  return found && (generic_table(im->s, table) || !strcmp(table, "stories") ||
                   !strcmp(table, "documents") || !strcmp(table, "articles"));
}

/* INSERT OR REPLACE (the migrations seed rows such as meta's) of one row
 * given as n column names and values. */
static cw_status insert_row(importer *im, const char *table,
                            const char *const *cols, json_t *const *vals,
                            size_t n) {
  cw_buf key;
  cw_buf_init(&key, 0);
  cw_buf_puts(&key, table);
  for (size_t i = 0; i < n; i++) {
    cw_buf_putc(&key, '\x1f');
    cw_buf_puts(&key, cols[i]);
  }
  if (!key.err && im->cached && !strcmp(key.ptr, im->cached_key.ptr)) {
    cw_buf_free(&key);
    sqlite3_stmt *st = im->cached;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (size_t i = 0; i < n; i++)
      bind_json(st, (int)i + 1, vals[i]);
    if (sqlite3_step(st) != SQLITE_DONE)
      return cw_error_set(im->err, CW_ERR_STORE, 0, "%s: line %zu: %s: %s",
                          im->path, im->line, table, sqlite3_errmsg(im->s->db));
    return CW_OK;
  }
  sqlite3_finalize(im->cached);
  im->cached = NULL;
  cw_buf_reset(&im->cached_key);
  cw_buf_append(&im->cached_key, key.ptr, key.len);
  cw_buf_free(&key);
  if (!writable_table(im, table)) {
    cw_error_set(im->err, CW_ERR_FORMAT, 0,
                 "%s: line %zu: table '%.64s' is not in this archive", im->path,
                 im->line, table);
    return CW_ERR_FORMAT;
  }
  cw_buf sql;
  cw_buf_init(&sql, 0);
  int legacy_bands = !strcmp(table, "copy_bands") && n == 2 &&
                     !strcmp(cols[0], "band") && !strcmp(cols[1], "article_id");
  if (legacy_bands) {
    /* an export of schema 9 or older: the keys' period is filed from their
     * article (already restored: rows follow the articles), as migration
     * 10 files them */
    cw_buf_puts(&sql, "INSERT OR REPLACE INTO copy_bands(period, band, "
                      "article_id) SELECT " CW_SQL_COPY_PERIOD ", ?1, ?2 "
                      "FROM (SELECT " CW_SQL_COPY_TIME("a") " AS e "
                      "FROM articles a WHERE a.id = ?2)");
  } else {
    cw_buf_puts(&sql, "INSERT OR REPLACE INTO ");
    put_ident(&sql, table);
    cw_buf_putc(&sql, '(');
    for (size_t i = 0; i < n; i++) {
      if (strlen(cols[i]) > MAX_NAME ||
          (strcmp(cols[i], "rowid") != 0 &&
           !has_column(im->s, table, cols[i]))) {
        cw_buf_free(&sql);
        cw_error_set(im->err, CW_ERR_FORMAT, 0,
                     "%s: line %zu: table %s has no column '%.64s'",
                     im->path, im->line, table, cols[i]);
        return CW_ERR_FORMAT;
      }
      if (i)
        cw_buf_putc(&sql, ',');
      put_ident(&sql, cols[i]);
    }
    cw_buf_puts(&sql, ") VALUES(");
    for (size_t i = 0; i < n; i++)
      cw_buf_puts(&sql, i ? ",?" : "?");
    cw_buf_putc(&sql, ')');
  }
  sqlite3_stmt *st;
  cw_status rc = CW_OK;
  if (sql.err) {
    rc = cw_error_set(im->err, CW_ERR_NOMEM, 0, "%s: out of memory", im->path);
  } else if (sqlite3_prepare_v3(im->s->db, sql.ptr, -1,
                                SQLITE_PREPARE_PERSISTENT, &st,
                                NULL) != SQLITE_OK) {
    rc = cw_error_set(im->err, CW_ERR_STORE, 0, "%s: line %zu: %s", im->path,
                      im->line, sqlite3_errmsg(im->s->db));
  } else {
    for (size_t i = 0; i < n; i++)
      bind_json(st, (int)i + 1, vals[i]);
    if (sqlite3_step(st) != SQLITE_DONE)
      rc = cw_error_set(im->err, CW_ERR_STORE, 0, "%s: line %zu: %s: %s",
                        im->path, im->line, table, sqlite3_errmsg(im->s->db));
    if (rc || im->cached_key.err)
      sqlite3_finalize(st);
    else
      im->cached = st;
  }
  cw_buf_free(&sql);
  return rc;
}

/* A row given as an object: every key is a column. */
static cw_status insert_object(importer *im, const char *table, json_t *o) {
  const char *cols[MAX_COLUMNS];
  json_t *vals[MAX_COLUMNS];
  size_t n = 0;
  const char *key;
  json_t *v;
  json_object_foreach(o, key, v) {
    if (n == MAX_COLUMNS)
      return bad_line(im, "too many columns");
    cols[n] = key;
    vals[n++] = v;
  }
  return insert_row(im, table, cols, vals, n);
}

static cw_status import_story(importer *im, json_t *o) {
  json_t *state = json_object_get(o, "state");
  if (!json_is_object(state) || !json_is_integer(json_object_get(state, "id")))
    return bad_line(im, "story without a state row");
  cw_status rc = insert_object(im, "stories", state);
  if (!rc)
    im->res.stories++;
  return rc;
}

static cw_status import_document(importer *im, json_t *o) {
  json_t *row = json_deep_copy(o);
  json_object_del(row, "type");
  cw_status rc = row ? insert_object(im, "documents", row)
                     : cw_error_set(im->err, CW_ERR_NOMEM, 0,
                                    "%s: out of memory", im->path);
  json_decref(row);
  if (!rc)
    im->res.documents++;
  return rc;
}

/* An article without a story: kept as an input JSON line (the Input
 * contract of DESIGN.md) for cw_store_add_articles after the restore. */
static cw_status queue_article(importer *im, json_t *o) {
  json_t *src = json_object_get(o, "source");
  json_t *sid = src ? json_object_get(src, "id") : json_object_get(o, "id");
  json_t *in =
      json_pack("{s:O?,s:O?,s:O?,s:O?,s:O?,s:O?}", "id", sid, "title",
                json_object_get(o, "title"), "text", json_object_get(o, "text"),
                "published", json_object_get(o, "published"), "outlet",
                json_object_get(o, "outlet"), "url", json_object_get(o, "url"));
  char *js = in ? json_dumps(in, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  json_decref(in);
  if (!js)
    return cw_error_set(im->err, CW_ERR_NOMEM, 0, "%s: out of memory",
                        im->path);
  cw_buf_puts(&im->recluster, js);
  cw_buf_putc(&im->recluster, '\n');
  free(js);
  im->n_recluster++;
  return im->recluster.err ? cw_error_set(im->err, im->recluster.err, 0,
                                          "%s: too many articles to "
                                          "re-cluster",
                                          im->path)
                           : CW_OK;
}

static cw_status import_article(importer *im, json_t *o) {
  if (!get_str(o, "text"))
    return bad_line(im, "article without text");
  if (!json_is_integer(json_object_get(o, "story_id")) ||
      !json_is_integer(json_object_get(o, "document_id")) ||
      !json_is_integer(json_object_get(o, "id")))
    return queue_article(im, o);
  /* back from the line's shape to the row's columns */
  json_t *row = json_object();
  const char *key;
  json_t *v;
  char *credits = NULL;
  cw_status rc = CW_OK;
  json_object_foreach(o, key, v) {
    if (!strcmp(key, "type") || !strcmp(key, "copies"))
      continue;
    if (!strcmp(key, "source") && json_is_object(v)) {
      const char *k2;
      json_t *v2;
      json_object_foreach(v, k2, v2) {
        char col[MAX_NAME + 8];
        snprintf(col, sizeof col, "source_%.*s", MAX_NAME, k2);
        json_object_set(row, col, v2);
      }
    } else if (!strcmp(key, "credits") && json_is_array(v)) {
      free(credits);
      credits = json_dumps(v, JSON_COMPACT);
      json_object_set_new(row, key, jstr(credits ? credits : "[]"));
    } else {
      json_object_set(row, key, v);
    }
  }
  rc = insert_object(im, "articles", row);
  free(credits);
  json_decref(row);
  if (!rc)
    im->res.articles++;
  return rc;
}

/* The name this schema gives column of table, as an older export wrote
 * it; NULL for a column this schema dropped, its value derived from the
 * rest: article_vectors.story_id (schema 18: the story is the article's).
 * The rowid of article_facts, article_quotes and article_times is their
 * seq (schema 19 keeps it so, schema.sql.h). */
static const char *current_column(const char *table, const char *column) {
  static const char *const by_article[] = {"article_facts", "article_quotes",
                                           "article_times"};
  if (!strcmp(table, "article_vectors") && !strcmp(column, "story_id"))
    return NULL;
  if (strcmp(column, "rowid") != 0)
    return column;
  for (size_t i = 0; i < sizeof by_article / sizeof *by_article; i++)
    if (!strcmp(table, by_article[i]))
      return "seq";
  return column;
}

static cw_status import_rows(importer *im, json_t *o) {
  const char *table = get_str(o, "table");
  json_t *cols = json_object_get(o, "columns");
  json_t *rows = json_object_get(o, "rows");
  size_t n = json_array_size(cols);
  if (!table || !n || n > MAX_COLUMNS || !json_is_array(rows))
    return bad_line(im, "rows without table, columns or rows");
  const char *names[MAX_COLUMNS];
  json_t *vals[MAX_COLUMNS];
  size_t keep[MAX_COLUMNS], k = 0;
  for (size_t i = 0; i < n; i++) {
    const char *name = json_string_value(json_array_get(cols, i));
    if (!name)
      return bad_line(im, "column name is not a string");
    const char *now = current_column(table, name);
    if (now) {
      keep[k] = i;
      names[k++] = now;
    }
  }
  if (!k)
    return bad_line(im, "rows without table, columns or rows");
  size_t r;
  json_t *row;
  json_array_foreach(rows, r, row) {
    if (json_array_size(row) != n)
      return bad_line(im, "row and columns differ in length");
    for (size_t i = 0; i < k; i++)
      vals[i] = json_array_get(row, keep[i]);
    cw_status rc = insert_row(im, table, names, vals, k);
    if (rc)
      return rc;
    im->rows++;
  }
  return CW_OK;
}

static cw_status import_line(importer *im, const char *line, size_t len) {
  json_error_t jerr;
  json_t *o = json_loadb(line, len, 0, &jerr);
  cw_status rc = CW_OK;
  if (!json_is_object(o)) {
    json_decref(o);
    return cw_error_set(im->err, CW_ERR_FORMAT, 0, "%s: line %zu: %s", im->path,
                        im->line, o ? "not a JSON object" : jerr.text);
  }
  const char *type = get_str(o, "type");
  if (!im->seen_header) {
    const char *format = get_str(o, "format");
    if (!type || strcmp(type, "header") != 0 || !format ||
        strcmp(format, EXPORT_FORMAT) != 0)
      rc = bad_line(im, "not a crosswire export (no header line)");
    else if (json_integer_value(json_object_get(o, "version")) >
                 EXPORT_VERSION ||
             json_integer_value(json_object_get(o, "schema_version")) >
                 CW_SCHEMA_VERSION)
      rc = bad_line(im, "export written by a newer crosswire; upgrade");
    im->seen_header = 1;
  } else if (im->seen_end) {
    rc = bad_line(im, "data after the end line");
  } else if (!type) {
    rc = bad_line(im, "line without a type");
  } else if (!strcmp(type, "story")) {
    rc = import_story(im, o);
  } else if (!strcmp(type, "document")) {
    rc = import_document(im, o);
  } else if (!strcmp(type, "article")) {
    rc = import_article(im, o);
  } else if (!strcmp(type, "rows")) {
    rc = import_rows(im, o);
  } else if (!strcmp(type, "end")) {
    im->seen_end = 1;
    if ((size_t)json_integer_value(json_object_get(o, "stories")) !=
            im->res.stories ||
        (size_t)json_integer_value(json_object_get(o, "documents")) !=
            im->res.documents ||
        (size_t)json_integer_value(json_object_get(o, "articles")) !=
            im->res.articles + im->n_recluster ||
        json_integer_value(json_object_get(o, "rows")) != im->rows)
      rc = bad_line(im, "counts do not match the lines read");
  } /* else: a line type from a newer crosswire, skipped */
  json_decref(o);
  return rc;
}

/* Ingests the queued story-less articles as one new input. */
static cw_status recluster(importer *im) {
  cw_articles *list = NULL;
  cw_add_result r;
  cw_status rc = cw_extract_bytes(im->recluster.ptr, im->recluster.len,
                                  im->path, NULL, &list, im->err);
  if (rc)
    return rc;
  rc = cw_store_add_articles(im->s, list, &r, im->err);
  cw_articles_free(list);
  if (!rc)
    im->res.reclustered += r.articles_added;
  return rc;
}

static int fts_exists(cw_store *s) {
  return scalar(s, "SELECT count(*) FROM sqlite_master WHERE "
                   "name='articles_fts'") == 1;
}

cw_status cw_store_import(cw_store *s, const char *path,
                          cw_import_result *result, cw_error *err) {
  importer im = {0};
  im.s = s;
  im.path = path && strcmp(path, "-") != 0 ? path : "<stdin>";
  im.err = err;
  cw_buf_init(&im.recluster, CW_DEFAULT_MAX_INPUT);
  cw_buf_init(&im.cached_key, 0);
  FILE *f = path && strcmp(path, "-") != 0 ? fopen(path, "rb") : stdin;
  if (!f)
    return cw_error_set(err, errno == ENOENT ? CW_ERR_NOT_FOUND : CW_ERR_IO, 0,
                        "%s: %s", path, strerror(errno));
  char *line = NULL;
  size_t cap = 0;
  cw_status rc = cw_sq_exec(s, "BEGIN IMMEDIATE", err);
  if (rc)
    goto close;
  if (scalar(s, "SELECT (SELECT count(*) FROM documents) +"
                " (SELECT count(*) FROM articles) +"
                " (SELECT count(*) FROM stories)") != 0) {
    rc = cw_error_set(err, CW_ERR_USAGE, 0, "%s: import needs an empty archive",
                      s->path);
    goto rollback;
  }
  /* rows reference each other across lines (articles -> stories); the
   * band-key filters are derived from copy_bands and built again */
  if ((rc = cw_sq_exec(s, "PRAGMA defer_foreign_keys=ON", err)) ||
      (rc = cw_sq_exec(s, "DELETE FROM copy_band_filters", err)))
    goto rollback;
  ssize_t n;
  errno = 0;
  while ((n = getline(&line, &cap, f)) >= 0) {
    im.line++;
    if ((size_t)n > IMPORT_MAX_LINE) {
      rc = bad_line(&im, "line longer than the limit");
      goto rollback;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      n--;
    if (n == 0)
      continue;
    if ((rc = import_line(&im, line, (size_t)n)))
      goto rollback;
  }
  if (ferror(f)) {
    rc = cw_error_set(err, CW_ERR_IO, 0, "%s: %s", im.path, strerror(errno));
    goto rollback;
  }
  if (!im.seen_header) {
    rc = cw_error_set(err, CW_ERR_EMPTY, 0, "%s: empty export", im.path);
    goto rollback;
  }
  if (!im.seen_end) {
    rc = cw_error_set(err, CW_ERR_FORMAT, 0,
                      "%s: export is truncated (no end line)", im.path);
    goto rollback;
  }
  /* the content hashes of articles exported before schema 15 are in
   * their content_hash column alone (later ones come with article_hashes
   * and article_hashes_recent, exported as they are) */
  if ((rc = cw_sq_exec(s,
                       "INSERT OR IGNORE INTO article_hashes(hash, article_id)"
                       " SELECT content_hash, id FROM articles"
                       " WHERE content_hash IS NOT NULL ORDER BY content_hash",
                       err)))
    goto rollback;
  /* stories exported before schema 5 have their centroid in story_terms
   * rows alone: packed, as the migration to 16 does */
  if ((rc = cw_sq_centroids_pack(s, err)))
    goto rollback;
  /* the search index is derived: rebuilt from the restored articles */
  if (fts_exists(s) &&
      (rc = cw_sq_exec(s,
                       "INSERT INTO articles_fts(articles_fts) "
                       "VALUES('rebuild')",
                       err)))
    goto rollback;
  sqlite3_finalize(im.cached);
  im.cached = NULL;
  if ((rc = cw_sq_exec(s, "COMMIT", err)))
    goto rollback;
  cw_sq_forget(s); /* what the ingest caches knew of the archive is stale */
  if (im.n_recluster)
    rc = recluster(&im);
  goto close;
rollback:
  sqlite3_finalize(im.cached);
  im.cached = NULL;
  sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  cw_sq_forget(s);
close:
  free(line);
  cw_buf_free(&im.recluster);
  cw_buf_free(&im.cached_key);
  if (f != stdin)
    fclose(f);
  if (!rc && result)
    *result = im.res;
  return rc;
}
