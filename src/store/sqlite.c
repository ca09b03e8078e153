/* sqlite.c - the archive in one SQLite file.
 *
 * WAL journal so readers never block the writer; one transaction per input
 * document, so a crash mid-ingest leaves every earlier document intact and
 * the current one absent. Each article is analysed and clustered as it is
 * stored: document frequencies and the bounded story-term index live in the
 * same file, so clustering state survives between runs and grows with the
 * archive without being loaded whole. Every value from the input is bound as
 * a parameter, never spliced into SQL.
 */
#include "store/store.h"
#include "store/sqlite_int.h"

#include "analyze/analyze.h"
#include "core/time.h"
#include "extract/extract.h"
#include "story/copies.h"
#include "story/story.h"
#include "store/schema.sql.h"
#include "text/text.h"

#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Stories looked at per query term of a new article: newest first
 * (sqlite_int.h). Keeps the cost of an article independent of how many
 * stories use a word. */
#define POSTINGS_PER_TERM CW_SQ_POSTINGS_PER_TERM
/* SQLite's page cache of a connection that ingests, in KiB (its default
 * is 2 MiB): at 100k articles an ingest's index pages (story terms, names,
 * the search index) no longer fit in 2 MiB and each miss is a read() of
 * the file; with 64 MiB the kernel time of adding 3,000 articles to a 112k
 * archive fell 1.2 -> 0.4 s (of 6 s of CPU). Readers keep the default: a
 * one-shot search reading 15,000 pages spent more on faulting in fresh
 * cache memory than it saved. */
#define INGEST_CACHE_KIB "65536"
/* Candidates scored in full (cosine over centroids), chosen by how many
 * query terms they share with the article. */
#define MAX_CANDIDATES 24
/* Articles analysed one after another before they are stored (see
 * cw_store_add_articles). */
#define ANALYSIS_BATCH 32
/* How long to wait for a lock held by another process (ms). */
#define BUSY_TIMEOUT_MS 10000

static void states_free(cw_store *s);
static void df_clear(cw_store *s);

cw_status cw_sq_error(cw_store *s, cw_error *err, const char *what) {
  return cw_error_set(err, CW_ERR_STORE, 0, "%s: %s: %s", s->path, what,
                      sqlite3_errmsg(s->db));
}

cw_status cw_sq_exec(cw_store *s, const char *sql, cw_error *err) {
  char *msg = NULL;
  if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    cw_status st = cw_error_set(err, CW_ERR_STORE, 0, "%s: %s", s->path,
                                msg ? msg : sqlite3_errmsg(s->db));
    sqlite3_free(msg);
    return st;
  }
  return CW_OK;
}

static int user_version(cw_store *s) {
  sqlite3_stmt *st;
  int v = -1;
  if (cw_sq_prep(s, "PRAGMA user_version", &st) ==
      SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW)
      v = sqlite3_column_int(st, 0);
    cw_sq_done(s, st);
  }
  return v;
}

/* Schema 18: article_vectors without its story_id column (its index by
 * story is gone with migration 18), once: the column is dropped where it
 * is still there (SQLite 3.35's DROP COLUMN rewrites the table). */
static cw_status vectors_story_dropped(cw_store *s, cw_error *err) {
  sqlite3_stmt *st;
  if (cw_sq_prep(s, "SELECT 1 FROM pragma_table_info('article_vectors')"
                    " WHERE name = 'story_id'", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "schema 18");
  int there = sqlite3_step(st) == SQLITE_ROW;
  cw_sq_done(s, st);
  return there ? cw_sq_exec(s, "ALTER TABLE article_vectors DROP COLUMN"
                               " story_id", err)
               : CW_OK;
}

/* Schema 19: article_facts, article_quotes and article_times as WITHOUT
 * ROWID tables keyed by article and seq, each rebuilt once: where it is
 * still a rowid table (a version set back by hand may have it rebuilt). */
static cw_status analysis_by_article(cw_store *s, cw_error *err) {
  for (int i = 0; i < CW_SCHEMA_19_TABLES; i++) {
    sqlite3_stmt *st;
    if (cw_sq_prep(s, "SELECT 1 FROM sqlite_master WHERE type = 'table'"
                      " AND name = ? AND instr(sql, 'WITHOUT ROWID') = 0",
                   &st) != SQLITE_OK)
      return cw_sq_error(s, err, "schema 19");
    cw_sq_bind_static(st, 1, cw_schema_19_rebuild[i][0]);
    int rowid_table = sqlite3_step(st) == SQLITE_ROW;
    cw_sq_done(s, st);
    cw_status rc;
    if (rowid_table && (rc = cw_sq_exec(s, cw_schema_19_rebuild[i][1], err)))
      return rc;
  }
  return CW_OK;
}

/* Schema 20: an article's facts, quotes and times in one row of
 * article_analysis, the three tables become its views
 * (cw_schema_20_pack): where article_facts is still a table (a version
 * set back by hand may have the views already). */
static cw_status analysis_packed(cw_store *s, cw_error *err) {
  sqlite3_stmt *st;
  if (cw_sq_prep(s, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND"
                    " name = 'article_facts'", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "schema 20");
  int table = sqlite3_step(st) == SQLITE_ROW;
  cw_sq_done(s, st);
  return table ? cw_sq_exec(s, cw_schema_20_pack, err) : CW_OK;
}

/* Schema 15: articles.content_hash becomes nullable, new articles keeping
 * their hash in article_hashes instead (schema.sql.h). SQL has no ALTER
 * for a column's constraint; SQLite documents editing the table's CREATE
 * statement in sqlite_master to drop a NOT NULL constraint, which no
 * stored row or index depends on: the edit, then a new schema cookie so
 * that every connection, this one too, reads the definition again. */
static cw_status hash_column_nullable(cw_store *s, cw_error *err) {
  sqlite3_stmt *st;
  int64_t cookie = -1;
  if (cw_sq_prep(s, "PRAGMA schema_version", &st) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW)
      cookie = sqlite3_column_int64(st, 0);
    cw_sq_done(s, st);
  }
  if (cookie < 0)
    return cw_sq_error(s, err, "read the schema version");
  cw_status rc = cw_sq_exec(s, "PRAGMA writable_schema=ON", err);
  if (rc)
    return rc;
  rc = cw_sq_exec(s,
                  "UPDATE sqlite_master SET sql = replace(sql,"
                  " 'content_hash TEXT NOT NULL UNIQUE',"
                  " 'content_hash TEXT UNIQUE')"
                  " WHERE type='table' AND name='articles' AND"
                  " instr(sql, 'content_hash TEXT NOT NULL UNIQUE') > 0",
                  err);
  int changed = rc ? 0 : sqlite3_changes(s->db);
  if (!rc && !changed) { /* nullable already (a version set back by hand) */
    int nullable = 0;
    if (cw_sq_prep(s, "SELECT 1 FROM sqlite_master WHERE type='table' AND"
                      " name='articles' AND"
                      " instr(sql, 'content_hash TEXT UNIQUE') > 0",
                   &st) == SQLITE_OK) {
      nullable = sqlite3_step(st) == SQLITE_ROW;
      cw_sq_done(s, st);
    }
    if (!nullable)
      rc = cw_error_set(err, CW_ERR_STORE, 0,
                        "%s: the articles table's definition is not one "
                        "this crosswire made (content_hash)",
                        s->path);
  }
  char sql[64];
  snprintf(sql, sizeof sql, "PRAGMA schema_version=%lld",
           (long long)cookie + 1);
  if (!rc && changed)
    rc = cw_sq_exec(s, sql, err);
  cw_error ignored;
  cw_sq_exec(s, "PRAGMA writable_schema=OFF", rc ? &ignored : err);
  return rc;
}

static cw_status migrate(cw_store *s, cw_error *err) {
  int v = user_version(s);
  if (v < 0)
    return cw_sq_error(s, err, "cannot read schema version");
  if (v > CW_SCHEMA_VERSION)
    return cw_error_set(err, CW_ERR_VERSION, 0,
                        "%s: archive schema version %d is newer than this "
                        "crosswire supports (%d); upgrade crosswire",
                        s->path, v, CW_SCHEMA_VERSION);
  if (v == CW_SCHEMA_VERSION)
    return CW_OK;
  cw_status st = cw_sq_exec(s, "BEGIN IMMEDIATE", err);
  if (st)
    return st;
  /* re-read under the write lock: another process may have migrated */
  v = user_version(s);
  for (int i = v; i < CW_SCHEMA_VERSION && v >= 0; i++) {
    if (i == 15 && v > 0 && (st = cw_sq_centroids_pack(s, err)))
      goto fail;
    st = cw_sq_exec(s, cw_schema_migrations[i], err);
    if (st)
      goto fail;
  }
  if (v < 15 && (st = hash_column_nullable(s, err)))
    goto fail;
  if (v < 18 && (st = vectors_story_dropped(s, err)))
    goto fail;
  if (v < 19 && (st = analysis_by_article(s, err)))
    goto fail;
  if (v < 20 && (st = analysis_packed(s, err)))
    goto fail;
  if (v < 14) /* the filters of the band keys already stored (13), built
                 again with the probes of version 14 */
    cw_sq_bands_filters_build(s);
  char sql[64];
  snprintf(sql, sizeof sql, "PRAGMA user_version=%d", CW_SCHEMA_VERSION);
  if ((st = cw_sq_exec(s, sql, err)) || (st = cw_sq_exec(s, "COMMIT", err)))
    goto fail;
  return CW_OK;
fail:
  sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return st;
}

/* Once per process, before SQLite's first use: it would otherwise count
 * its memory under a global mutex at every allocation and release (2.2%
 * of an ingest's instructions); crosswire never reads the counts. Its page
 * caches then take their memory from pagemem.c. Has no effect when the
 * host program has already used SQLite. */
static void sqlite_setup(void) {
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  cw_sq_pagemem_setup();
}

cw_status cw_store_open(const char *path, cw_store **out, cw_error *err) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, sqlite_setup);
  *out = NULL;
  if (!path || !*path)
    return cw_error_set(err, CW_ERR_USAGE, 0, "no archive path given");
  cw_store *s = calloc(1, sizeof *s);
  if (!s || !(s->path = cw_strdup(path))) {
    free(s);
    return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", path);
  }
  cw_status st;
  int rc = sqlite3_open_v2(path, &s->db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                               SQLITE_OPEN_NOMUTEX,
                           NULL);
  if (rc != SQLITE_OK) {
    st = cw_error_set(err, CW_ERR_STORE, 0, "%s: cannot open archive: %s",
                      path, s->db ? sqlite3_errmsg(s->db) : "out of memory");
    goto fail;
  }
  sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes(s->db, 1);
  /* a file that is not SQLite is refused here, before anything is written;
   * the page size takes effect only where the file is new */
  char page_size[40];
  snprintf(page_size, sizeof page_size, "PRAGMA page_size=%d", CW_SQ_PAGE_SIZE);
  if ((st = cw_sq_exec(s, page_size, err)) ||
      (st = cw_sq_exec(s, "PRAGMA journal_mode=WAL", err)) ||
      (st = cw_sq_exec(s, "PRAGMA synchronous=NORMAL", err)) ||
      (st = cw_sq_exec(s, "PRAGMA foreign_keys=ON", err)))
    goto fail;
  if ((st = migrate(s, err)))
    goto fail;
  /* the write-ahead log is folded into the file once it holds 4 MiB, as
   * SQLite's default of 1,000 pages did at 4 KiB; counted in pages, which
   * at 16 KiB would let it grow to 16 MiB */
  sqlite3_stmt *ps = NULL;
  if (sqlite3_prepare_v2(s->db, "PRAGMA page_size", -1, &ps, NULL) ==
          SQLITE_OK &&
      sqlite3_step(ps) == SQLITE_ROW && sqlite3_column_int(ps, 0) > 0)
    sqlite3_wal_autocheckpoint(s->db, (4 << 20) / sqlite3_column_int(ps, 0));
  sqlite3_finalize(ps);
  *out = s;
  return CW_OK;
fail:
  cw_store_close(s);
  return st;
}

void cw_store_close(cw_store *s) {
  if (!s)
    return;
  states_free(s);
  df_clear(s);
  cw_sq_posts_clear(s);
  cw_sq_bands_clear(s);
  cw_sq_links_clear(s);
  cw_sq_sets_clear(s);
  cw_sq_hashset_clear(s);
  for (size_t i = 0; i < s->n_cache; i++)
    sqlite3_finalize(s->cache[i].st);
  sqlite3_close_v2(s->db);
  free(s->path);
  free(s);
}

/* ---- small statement helpers ------------------------------------------ */

int cw_sq_prep(cw_store *s, const char *sql, sqlite3_stmt **st) {
  for (size_t i = 0; i < s->n_cache; i++) {
    cw_sq_cached *c = &s->cache[i];
    if (c->sql == sql && !c->busy) {
      c->busy = 1;
      *st = c->st;
      return SQLITE_OK;
    }
  }
  int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
                              NULL);
  if (rc != SQLITE_OK) {
    *st = NULL;
    return rc;
  }
  if (s->n_cache < CW_SQ_CACHE) {
    /* a statement in use (a nested call with the same SQL) gets a second,
     * uncached one: it is finalized when given back */
    int taken = 0;
    for (size_t i = 0; i < s->n_cache && !taken; i++)
      taken = s->cache[i].sql == sql;
    if (!taken)
      s->cache[s->n_cache++] = (cw_sq_cached){sql, *st, 1};
  }
  return SQLITE_OK;
}

void cw_sq_done(cw_store *s, sqlite3_stmt *st) {
  if (!st)
    return;
  for (size_t i = 0; i < s->n_cache; i++) {
    if (s->cache[i].st == st) {
      sqlite3_reset(st);
      sqlite3_clear_bindings(st);
      s->cache[i].busy = 0;
      return;
    }
  }
  sqlite3_finalize(st);
}

void cw_sq_bind_text(sqlite3_stmt *st, int i, const char *v) {
  if (v)
    sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(st, i);
}

void cw_sq_bind_static(sqlite3_stmt *st, int i, const char *v) {
  if (v)
    sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(st, i);
}

const char *cw_sq_col_text(sqlite3_stmt *st, int i) {
  return (const char *)sqlite3_column_text(st, i);
}

static void now_iso(char out[32]) {
  cw_format_iso8601((int64_t)time(NULL), 1, out);
}

/* 128-bit content hash as 32 hex digits: two independent 64-bit FNV-1a
 * runs (different seeds by prefix), enough to make accidental collisions
 * between distinct articles negligible. */
static void content_hash(const char *a, const char *b, char out[33]) {
  uint64_t h1 = 1469598103934665603ULL, h2 = 0x9E3779B97F4A7C15ULL;
  const char *parts[2] = {a ? a : "", b ? b : ""};
  for (int p = 0; p < 2; p++) {
    for (const unsigned char *c = (const unsigned char *)parts[p]; *c; c++) {
      h1 = (h1 ^ *c) * 1099511628211ULL;
      h2 = (h2 ^ *c) * 0x100000001B3ULL;
      h2 ^= h2 >> 29;
    }
    h1 = (h1 ^ 0xFF) * 1099511628211ULL; /* separator */
    h2 = (h2 ^ 0xFF) * 0x100000001B3ULL;
  }
  snprintf(out, 33, "%016llx%016llx", (unsigned long long)h1,
           (unsigned long long)h2);
}

static int64_t published_epoch(const char *published) {
  int64_t t;
  if (published && cw_parse_iso8601(published, strlen(published), &t, NULL))
    return t;
  return 0;
}

/* *t = the article's published time; 0 when it has none. */
static int published_time(const cw_article *a, int64_t *t) {
  return a->published &&
         cw_parse_iso8601(a->published, strlen(a->published), t, NULL);
}

static const char *entity_type_name(cw_entity_type t) {
  switch (t) {
  case CW_ENT_PERSON:
    return "person";
  case CW_ENT_ORG:
    return "organization";
  case CW_ENT_PLACE:
    return "place";
  default:
    return "unknown";
  }
}

/* ---- clustering state in the archive ----------------------------------- */

/* A story's centroid read from its story_terms rows, in term order: for
 * a story whose packed copy is missing (stored before schema 5, packed by
 * the migration to 16) or damaged. Without an index by story (schema 16)
 * this reads the whole table. */
static cw_status load_centroid_rows(cw_store *s, int64_t story, cw_termvec *v,
                                    cw_error *err) {
  sqlite3_stmt *st;
  if (cw_sq_prep(s, "SELECT term, weight FROM story_terms WHERE story_id=?1"
                    " UNION ALL SELECT term, weight FROM story_terms_recent"
                    " WHERE story_id=?1 ORDER BY 1", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "load story terms");
  sqlite3_bind_int64(st, 1, story);
  size_t cap = 0;
  cw_status rc = CW_OK;
  while (sqlite3_step(st) == SQLITE_ROW) {
    if (v->n == cap) {
      cap = cap ? cap * 2 : CW_STORY_VECTOR_TERMS;
      cw_wterm *p = realloc(v->items, cap * sizeof *p);
      if (!p) {
        rc = CW_ERR_NOMEM;
        break;
      }
      v->items = p;
    }
    v->items[v->n].term = cw_strdup(cw_sq_col_text(st, 0));
    v->items[v->n].w = (float)sqlite3_column_double(st, 1);
    v->items[v->n].key = 0; /* computed by the vector functions */
    if (!v->items[v->n].term) {
      rc = CW_ERR_NOMEM;
      break;
    }
    v->n++;
  }
  cw_sq_done(s, st);
  if (rc) {
    cw_termvec_free(v);
    return cw_error_set(err, rc, 0, "%s: out of memory", s->path);
  }
  /* ORDER BY term uses SQLite's BINARY collation, which is memcmp order,
   * the same as strcmp for UTF-8 without NUL bytes */
  return CW_OK;
}

/* A story's centroid: its packed copy (schema 5), NULL for an empty one
 * (since schema 16 every story with terms has its copy). */
static cw_status load_centroid(cw_store *s, int64_t story, cw_termvec *v,
                               cw_error *err) {
  sqlite3_stmt *st;
  v->items = NULL;
  v->n = 0;
  v->pool = NULL;
  if (cw_sq_prep(s, "SELECT centroid FROM stories WHERE id=?", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "load story terms");
  sqlite3_bind_int64(st, 1, story);
  if (sqlite3_step(st) != SQLITE_ROW ||
      sqlite3_column_type(st, 0) != SQLITE_BLOB) {
    cw_sq_done(s, st);
    return CW_OK;
  }
  cw_status urc = cw_termvec_unpack(sqlite3_column_blob(st, 0),
                                    (size_t)sqlite3_column_bytes(st, 0), v);
  cw_sq_done(s, st);
  if (urc == CW_OK)
    return CW_OK;
  if (urc == CW_ERR_NOMEM)
    return cw_error_set(err, urc, 0, "%s: out of memory", s->path);
  return load_centroid_rows(s, story, v, err); /* a damaged copy */
}

/* Packs the centroid of every story that has story_terms rows but no
 * packed copy (stored before schema 5): at the migration to 16, and after
 * an import of an old export. One ordered pass over the rows of those
 * stories, without an index by story. */
static cw_status store_packed(cw_store *s, sqlite3_stmt *up, int64_t id,
                              cw_termvec *v, cw_error *err) {
  unsigned char *blob = NULL;
  size_t blen = 0;
  cw_status rc = CW_OK;
  if (v->n && cw_termvec_pack(v, &blob, &blen))
    rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
  else if (blob) {
    sqlite3_reset(up);
    sqlite3_bind_int64(up, 1, id);
    sqlite3_bind_blob(up, 2, blob, (int)blen, SQLITE_TRANSIENT);
    if (sqlite3_step(up) != SQLITE_DONE)
      rc = cw_sq_error(s, err, "pack story centroids");
  }
  free(blob);
  cw_termvec_free(v);
  return rc;
}

cw_status cw_sq_centroids_pack(cw_store *s, cw_error *err) {
  sqlite3_stmt *st = NULL, *up = NULL;
  if (cw_sq_prep(s, "SELECT story_id, term, weight FROM (SELECT story_id,"
                    " term, weight FROM story_terms UNION ALL SELECT"
                    " story_id, term, weight FROM story_terms_recent)"
                    " WHERE story_id IN (SELECT id FROM stories WHERE"
                    " centroid IS NULL) ORDER BY 1, 2", &st) != SQLITE_OK ||
      cw_sq_prep(s, "UPDATE stories SET centroid=?2 WHERE id=?1", &up) !=
          SQLITE_OK) {
    cw_sq_done(s, st);
    return cw_sq_error(s, err, "pack story centroids");
  }
  cw_status rc = CW_OK;
  cw_termvec v = {0};
  size_t cap = 0;
  int64_t story = 0;
  int step = SQLITE_DONE;
  while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0);
    if (id != story && v.n && (rc = store_packed(s, up, story, &v, err)))
      break;
    if (id != story)
      cap = 0, story = id;
    if (v.n == cap) {
      cap = cap ? cap * 2 : CW_STORY_VECTOR_TERMS;
      cw_wterm *p = realloc(v.items, cap * sizeof *p);
      if (!p) {
        rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
        break;
      }
      v.items = p;
    }
    v.items[v.n].term = cw_strdup(cw_sq_col_text(st, 1));
    v.items[v.n].w = (float)sqlite3_column_double(st, 2);
    v.items[v.n].key = 0;
    if (!v.items[v.n++].term)
      rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
  }
  if (!rc && step != SQLITE_DONE)
    rc = cw_sq_error(s, err, "pack story centroids");
  if (!rc && v.n)
    rc = store_packed(s, up, story, &v, err);
  cw_termvec_free(&v);
  cw_sq_done(s, st);
  cw_sq_done(s, up);
  return rc;
}

/* A story's facets (story_facets), as a vector of prefixed terms. */
static cw_status load_facets(cw_store *s, int64_t story, cw_termvec *v,
                            cw_error *err) {
  sqlite3_stmt *st;
  cw_status rc = CW_OK;
  v->items = NULL;
  v->n = 0;
  v->pool = NULL;
  if (cw_sq_prep(s, "SELECT facet, weight FROM story_facets WHERE "
                         "story_id=? ORDER BY facet", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "load story facets");
  sqlite3_bind_int64(st, 1, story);
  /* the rows come in term order (BINARY collation: strcmp's order), so
   * they are the vector as they are, without adding them one by one as
   * vectors of one term */
  size_t cap = 0;
  int ordered = 1;
  while (!rc && sqlite3_step(st) == SQLITE_ROW) {
    const char *term = cw_sq_col_text(st, 0);
    if (v->n == cap) {
      size_t ncap = cap ? cap * 2 : 16;
      cw_wterm *p = realloc(v->items, ncap * sizeof *p);
      if (!p) {
        rc = CW_ERR_NOMEM;
        break;
      }
      v->items = p;
      cap = ncap;
    }
    cw_wterm *t = &v->items[v->n];
    if (!(t->term = cw_strdup(term ? term : ""))) {
      rc = CW_ERR_NOMEM;
      break;
    }
    t->w = (float)sqlite3_column_double(st, 1);
    t->key = cw_term_key(t->term);
    ordered = ordered && (v->n == 0 || strcmp(v->items[v->n - 1].term,
                                              t->term) < 0);
    v->n++;
  }
  cw_sq_done(s, st);
  if (!rc && !ordered) {
    /* not our rows' order: summed into a vector term by term, as before */
    cw_termvec rows = *v, sum = {0};
    for (size_t i = 0; i < rows.n && !rc; i++) {
      cw_termvec one = {&rows.items[i], 1, NULL};
      rc = cw_termvec_add(&sum, &one, (size_t)-1);
    }
    cw_termvec_free(&rows);
    *v = sum;
  }
  if (rc) {
    cw_termvec_free(v);
    return cw_error_set(err, rc, 0, "%s: out of memory", s->path);
  }
  return CW_OK;
}

/* Stores a story's facets v over what story_facets holds for it. With
 * old (its stored value, both sorted by facet), only the rows that
 * differ are written: an article changes a few of a story's facets, and
 * rewriting all of them per article was 4% of ingest. Without old, every
 * row is replaced. */
static cw_status save_facets(cw_store *s, int64_t story, const cw_termvec *old,
                             const cw_termvec *v, cw_error *err) {
  static const char *const sql[] = {
      "DELETE FROM story_facets WHERE story_id=?1 AND facet=?2",
      "INSERT INTO story_facets(story_id, facet, weight) VALUES(?1,?2,?3)",
      "UPDATE story_facets SET weight=?3 WHERE story_id=?1 AND facet=?2"};
  sqlite3_stmt *st[3] = {NULL, NULL, NULL};
  cw_termvec none = {0};
  cw_status rc = CW_OK;
  for (size_t k = 0; k < 3; k++)
    if (cw_sq_prep(s, sql[k], &st[k]) != SQLITE_OK) {
      rc = cw_sq_error(s, err, "save story facets");
      goto done;
    }
  if (!old) {
    sqlite3_stmt *all;
    if (cw_sq_prep(s, "DELETE FROM story_facets WHERE story_id=?", &all) !=
        SQLITE_OK) {
      rc = cw_sq_error(s, err, "save story facets");
      goto done;
    }
    sqlite3_bind_int64(all, 1, story);
    int step = sqlite3_step(all);
    cw_sq_done(s, all);
    if (step != SQLITE_DONE) {
      rc = cw_sq_error(s, err, "save story facets");
      goto done;
    }
    old = &none;
  }
  for (size_t i = 0, j = 0; i < old->n || j < v->n;) {
    int c = i == old->n ? 1
            : j == v->n ? -1
                        : strcmp(old->items[i].term, v->items[j].term);
    sqlite3_stmt *w = c < 0 ? st[0] : c > 0 ? st[1] : st[2];
    const cw_wterm *t = c < 0 ? &old->items[i] : &v->items[j];
    i += c <= 0;
    j += c >= 0;
    if (c == 0 && old->items[i - 1].w == t->w)
      continue; /* unchanged */
    sqlite3_reset(w);
    sqlite3_bind_int64(w, 1, story);
    sqlite3_bind_text(w, 2, t->term, -1, SQLITE_STATIC);
    if (c >= 0)
      sqlite3_bind_double(w, 3, t->w);
    if (sqlite3_step(w) != SQLITE_DONE) {
      rc = cw_sq_error(s, err, "save story facets");
      goto done;
    }
  }
done:
  for (size_t k = 0; k < 3; k++)
    cw_sq_done(s, st[k]);
  return rc;
}

/* ---- the clustering state of live stories, in memory ------------------ */

/* Every new article reads the centroid, facets and newest member vectors
 * of up to MAX_CANDIDATES stories; reading and unpacking them from the
 * archive was a third of ingest. They are kept here instead, set-
 * associative with least-recently-used eviction, updated beside every
 * write of the same state, and dropped whole when a transaction rolls
 * back or another connection has written (PRAGMA data_version). Entries
 * used by the article being stored are pinned (stamp == tick). */
#define STATE_WAYS 8
#define STATE_SETS 512 /* STATE_WAYS * STATE_SETS stories, ~25 KB each */

typedef struct cw_sq_state {
  cw_story_candidate c; /* c.id == 0: an empty way */
  uint64_t stamp;
} cw_sq_state;

struct cw_sq_states {
  cw_sq_state way[STATE_SETS][STATE_WAYS];
  uint64_t tick;
};

static void state_free(cw_sq_state *e) {
  cw_story_candidate_free(&e->c);
  memset(e, 0, sizeof *e);
}

static void states_clear(cw_store *s) {
  if (!s->states)
    return;
  for (size_t i = 0; i < STATE_SETS; i++)
    for (size_t j = 0; j < STATE_WAYS; j++)
      state_free(&s->states->way[i][j]);
}

static void states_free(cw_store *s) {
  states_clear(s);
  free(s->states);
  s->states = NULL;
}

static cw_sq_state *state_set(cw_store *s, int64_t story) {
  uint64_t h = (uint64_t)story * 0x9E3779B97F4A7C15ULL;
  return s->states->way[(h >> 32) % STATE_SETS];
}

static void state_drop(cw_store *s, int64_t story) {
  if (!s->states)
    return;
  cw_sq_state *set = state_set(s, story);
  for (size_t j = 0; j < STATE_WAYS; j++)
    if (set[j].c.id == story)
      state_free(&set[j]);
}

static cw_status load_members(cw_store *s, int64_t story,
                              cw_story_candidate *c, cw_error *err);

/* Reads a story's state from the archive into c (owned by the caller). */
static cw_status state_load(cw_store *s, int64_t story, cw_story_candidate *c,
                            cw_error *err) {
  sqlite3_stmt *st;
  memset(c, 0, sizeof *c);
  c->id = story;
  if (cw_sq_prep(s, "SELECT last_published FROM stories WHERE id=?", &st) !=
      SQLITE_OK)
    return cw_sq_error(s, err, "load stories");
  sqlite3_bind_int64(st, 1, story);
  if (sqlite3_step(st) == SQLITE_ROW)
    c->last_published = sqlite3_column_int64(st, 0);
  cw_sq_done(s, st);
  cw_status rc;
  if ((rc = load_centroid(s, story, &c->centroid, err)) ||
      (rc = load_facets(s, story, &c->facets, err)) ||
      (rc = load_members(s, story, c, err))) {
    cw_story_candidate_free(c);
    return rc;
  }
  return CW_OK;
}

/* The state of a story, from memory or read in, pinned for the current
 * article. NULL with *rc set on failure; NULL with *rc == CW_OK when every
 * way of its set is pinned (the caller reads an owned copy instead). */
static cw_sq_state *state_get(cw_store *s, int64_t story, cw_status *rc,
                              cw_error *err) {
  *rc = CW_OK;
  if (!s->states) {
    if (!(s->states = calloc(1, sizeof *s->states))) {
      *rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
      return NULL;
    }
    s->states->tick = 1; /* empty ways (stamp 0) are never pinned */
  }
  cw_sq_state *set = state_set(s, story), *victim = NULL;
  for (size_t j = 0; j < STATE_WAYS; j++) {
    if (set[j].c.id == story) {
      set[j].stamp = s->states->tick;
      return &set[j];
    }
    if (set[j].stamp != s->states->tick &&
        (!victim || !set[j].c.id ||
         (victim->c.id && set[j].stamp < victim->stamp)))
      victim = &set[j];
  }
  if (!victim)
    return NULL;
  state_free(victim);
  if ((*rc = state_load(s, story, &victim->c, err)))
    return NULL;
  victim->stamp = s->states->tick;
  return victim;
}

/* Adds a copy of v in front of the story's newest members. */
static cw_status state_push_member(cw_story_candidate *c, const cw_termvec *v) {
  if (!v->n)
    return CW_OK; /* load_members skips empty vectors too */
  if (!c->members &&
      !(c->members = calloc(CW_STORY_MEMBER_SAMPLE, sizeof *c->members)))
    return CW_ERR_NOMEM;
  cw_termvec copy = {0};
  cw_status rc = cw_termvec_add(&copy, v, (size_t)-1);
  if (rc)
    return rc;
  if (c->n_members == CW_STORY_MEMBER_SAMPLE)
    cw_termvec_free(&c->members[--c->n_members]);
  memmove(c->members + 1, c->members, c->n_members * sizeof *c->members);
  c->members[0] = copy;
  c->n_members++;
  return CW_OK;
}

void cw_sq_forget(cw_store *s) {
  s->terms_known = 0; /* story_terms_recent counted again when needed */
  s->hashes_known = 0; /* and article_hashes_recent */
  states_clear(s);
  df_clear(s);
  cw_sq_posts_clear(s);
  cw_sq_bands_clear(s);
  cw_sq_links_clear(s);
  cw_sq_sets_clear(s);
  cw_sq_hashset_clear(s);
}

/* At the start of a write transaction: forget the states when another
 * connection has committed since they were read. */
static cw_status states_check(cw_store *s, cw_error *err) {
  sqlite3_stmt *st;
  if (cw_sq_prep(s, "PRAGMA data_version", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "read data version");
  int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  cw_sq_done(s, st);
  if (v != s->data_version)
    cw_sq_forget(s);
  s->data_version = v;
  return CW_OK;
}

/* Adds facets into the story's facets, keeping the heaviest
 * CW_STORY_FACET_TERMS of each kind. */
static cw_status add_facets(cw_store *s, int64_t story,
                            const cw_termvec *facets, cw_error *err) {
  if (!facets->n)
    return CW_OK;
  cw_status rc;
  cw_sq_state *e = state_get(s, story, &rc, err);
  cw_termvec mine = {0};
  cw_termvec *v = e ? &e->c.facets : &mine;
  if (rc || (!e && (rc = load_facets(s, story, &mine, err))))
    return rc;
  cw_termvec before = {0}; /* what story_facets holds */
  if ((rc = cw_termvec_add(&before, v, (size_t)-1)) ||
      (rc = cw_story_facets_add(v, facets))) {
    cw_termvec_free(&mine);
    cw_termvec_free(&before);
    return cw_error_set(err, rc, 0, "%s: out of memory", s->path);
  }
  rc = save_facets(s, story, &before, v, err);
  cw_termvec_free(&mine);
  cw_termvec_free(&before);
  return rc;
}

static void bind_packed(sqlite3_stmt *st, int i, const unsigned char *b,
                        size_t len) {
  if (len)
    sqlite3_bind_blob(st, i, b, (int)len, SQLITE_TRANSIENT);
  else
    sqlite3_bind_zeroblob(st, i, 0); /* NOT NULL: an empty vector */
}

/* Records an article's vector and facets for later member comparisons. */
static cw_status save_article_vector(cw_store *s, int64_t article,
                                     int64_t story, const cw_termvec *vec,
                                     const cw_termvec *facets, cw_error *err) {
  unsigned char *bv = NULL, *by = NULL;
  size_t lv = 0, ly = 0;
  sqlite3_stmt *st = NULL;
  cw_status rc = CW_OK;
  if (cw_termvec_pack(vec, &bv, &lv) || cw_termvec_pack(facets, &by, &ly)) {
    rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
    goto done;
  }
  if (cw_sq_prep(s, "INSERT INTO article_vectors(article_id, vector, facets)"
                         " VALUES(?,?,?)", &st) != SQLITE_OK) {
    rc = cw_sq_error(s, err, "save article vector");
    goto done;
  }
  sqlite3_bind_int64(st, 1, article);
  bind_packed(st, 2, bv, lv);
  bind_packed(st, 3, by, ly);
  if (sqlite3_step(st) != SQLITE_DONE) {
    rc = cw_sq_error(s, err, "save article vector");
    goto done;
  }
  cw_sq_state *e = state_get(s, story, &rc, err);
  if (e && (rc = state_push_member(&e->c, vec)))
    cw_error_set(err, rc, 0, "%s: out of memory", s->path);
done:
  cw_sq_done(s, st);
  free(bv);
  free(by);
  return rc;
}

/* The vectors of a story's CW_STORY_MEMBER_SAMPLE newest articles. A
 * vector that does not unpack (a damaged row) is skipped: it only weakens
 * the evidence. */
static cw_status load_members(cw_store *s, int64_t story,
                              cw_story_candidate *c, cw_error *err) {
  sqlite3_stmt *st;
  c->members = NULL;
  c->n_members = 0;
  /* a story's articles by articles_by_story, newest first, then each
   * vector by its article's id (schema 18: the vectors do not repeat the
   * story, which merges and splits would have to rewrite) */
  if (cw_sq_prep(s, "SELECT v.vector FROM articles a"
                    " JOIN article_vectors v ON v.article_id = a.id"
                    " WHERE a.story_id=? ORDER BY a.id DESC LIMIT ?",
                 &st) != SQLITE_OK)
    return cw_sq_error(s, err, "load story members");
  sqlite3_bind_int64(st, 1, story);
  sqlite3_bind_int(st, 2, CW_STORY_MEMBER_SAMPLE);
  cw_status rc = CW_OK;
  c->members = calloc(CW_STORY_MEMBER_SAMPLE, sizeof *c->members);
  if (!c->members)
    rc = CW_ERR_NOMEM;
  while (!rc && sqlite3_step(st) == SQLITE_ROW) {
    const void *b = sqlite3_column_blob(st, 0);
    size_t len = (size_t)sqlite3_column_bytes(st, 0);
    cw_termvec v;
    cw_status r = cw_termvec_unpack(b, len, &v);
    if (r == CW_ERR_NOMEM)
      rc = r;
    else if (r == CW_OK && v.n)
      c->members[c->n_members++] = v;
  }
  cw_sq_done(s, st);
  if (rc)
    return cw_error_set(err, rc, 0, "%s: out of memory", s->path);
  return CW_OK;
}

/* A candidate's rank key: shared terms above story id, so that sorting the
 * keys ranks by shared terms, then newest story first (ids stay below 2^48). */
#define CAND_SHIFT 48
#define CAND_ID_MASK (((uint64_t)1 << CAND_SHIFT) - 1)

/* Candidate stories for an article vector: those sharing its heaviest
 * terms, found through the story_terms index with a bounded posting list
 * per term, ranked by the number of shared terms. */
static void candidates_free(cw_story_candidate *cands, unsigned char *owned,
                            size_t n) {
  for (size_t i = 0; i < n; i++)
    if (owned && owned[i])
      cw_story_candidate_free(&cands[i]);
  free(cands);
  free(owned);
}

static cw_status find_candidates(cw_store *s, const cw_termvec *vec,
                                 cw_story_candidate **out,
                                 unsigned char **owned_out, size_t *n_out,
                                 cw_error *err) {
  size_t idx[CW_STORY_QUERY_TERMS];
  size_t nq = cw_termvec_top(vec, CW_STORY_QUERY_TERMS, idx);
  int64_t *ids = NULL;
  size_t n = 0;
  cw_status rc = CW_OK;
  *out = NULL;
  *owned_out = NULL;
  *n_out = 0;
  /* every posting (postings.c), then counted by sorting: at most
   * CW_STORY_QUERY_TERMS * POSTINGS_PER_TERM ids */
  ids = malloc(sizeof *ids * CW_STORY_QUERY_TERMS * POSTINGS_PER_TERM);
  size_t nids = 0;
  if (!ids) {
    rc = CW_ERR_NOMEM;
    goto done;
  }
  for (size_t q = 0; q < nq; q++) {
    const int64_t *post;
    size_t npost;
    if ((rc = cw_sq_posts_get(s, vec->items[idx[q]].term, &post, &npost, err))) {
      free(ids);
      return rc;
    }
    if (npost) /* a term no story holds has no ids */
      memcpy(ids + nids, post, sizeof *ids * npost);
    nids += npost;
  }
  /* counted in a hash table (open addressing, under 0.6 full): sorting
   * the 1,152 ids to count their runs was 2% of adding an article; then
   * ids[0..n) become rank keys in the order first seen */
  enum { SLOTS = 2048 };
  _Static_assert(CW_STORY_QUERY_TERMS * POSTINGS_PER_TERM * 10 <= SLOTS * 6,
                 "the candidate count table must stay under 0.6 full");
  uint16_t slot[SLOTS]; /* 0: empty, else 1 + the key's index */
  memset(slot, 0, sizeof slot);
  uint64_t *keys = (uint64_t *)ids;
  for (size_t i = 0; i < nids; i++) {
    uint64_t id = (uint64_t)ids[i];
    if (id > CAND_ID_MASK)
      continue;
    size_t h = (size_t)((id * 0x9E3779B97F4A7C15ULL) >> 53); /* 11 bits */
    while (slot[h] && (keys[slot[h] - 1] & CAND_ID_MASK) != id)
      h = (h + 1) & (SLOTS - 1);
    if (slot[h]) {
      keys[slot[h] - 1] += (uint64_t)1 << CAND_SHIFT;
    } else {
      /* n <= i: the key overwrites an id already read */
      slot[h] = (uint16_t)(n + 1);
      keys[n++] = ((uint64_t)1 << CAND_SHIFT) | id;
    }
  }
  /* the MAX_CANDIDATES largest keys, largest first (keys are distinct:
   * one per story); sorting all of them was 0.5% of adding an article */
  uint64_t top[MAX_CANDIDATES];
  size_t ntop = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t k = keys[i];
    if (ntop == MAX_CANDIDATES && k <= top[ntop - 1])
      continue;
    size_t pos = ntop < MAX_CANDIDATES ? ntop++ : ntop - 1;
    for (; pos > 0 && top[pos - 1] < k; pos--)
      top[pos] = top[pos - 1];
    top[pos] = k;
  }
  n = ntop;
  if (n == 0)
    goto done;
  cw_story_candidate *cands = calloc(n, sizeof *cands);
  unsigned char *owned = calloc(n, 1);
  if (!cands || !owned) {
    free(cands);
    free(owned);
    rc = CW_ERR_NOMEM;
    goto done;
  }
  for (size_t i = 0; i < n && !rc; i++) {
    int64_t story = (int64_t)(top[i] & CAND_ID_MASK);
    cw_sq_state *e = state_get(s, story, &rc, err);
    if (e)
      cands[i] = e->c; /* borrowed: pinned for this article */
    else if (!rc && !(rc = state_load(s, story, &cands[i], err)))
      owned[i] = 1;
  }
  if (rc) {
    candidates_free(cands, owned, n);
    goto done;
  }
  *owned_out = owned;
  *out = cands;
  *n_out = n;
done:
  free(ids);
  if (rc == CW_ERR_NOMEM)
    cw_error_set(err, rc, 0, "%s: out of memory", s->path);
  return rc;
}

/* Moves the rows of a *_recent table into its big table in key order
 * (merge_sql) when it holds at least at_least rows: *n counts them,
 * read with count_sql the first time (*known). */
static cw_status recent_merge(cw_store *s, int *known, int64_t *n,
                              const char *count_sql, const char *merge_sql,
                              const char *what, int64_t at_least,
                              cw_error *err) {
  sqlite3_stmt *st;
  if (!*known) {
    if (cw_sq_prep(s, count_sql, &st) != SQLITE_OK)
      return cw_sq_error(s, err, what);
    int ok = sqlite3_step(st) == SQLITE_ROW;
    *n = ok ? sqlite3_column_int64(st, 0) : 0;
    cw_sq_done(s, st);
    if (!ok)
      return cw_sq_error(s, err, what);
    *known = 1;
  }
  if (*n < at_least || *n == 0)
    return CW_OK;
  cw_status rc = cw_sq_exec(s, merge_sql, err);
  if (!rc)
    *n = 0;
  return rc;
}

/* story_terms_recent holds the rows written since its last merge: a small
 * tree that stays in the ingest's cache, where the term index of a million
 * articles had an ingest write a page of its own for most rows (4.0 pages
 * an article). The rows move into story_terms in key order once there are
 * CW_SQ_TERMS_RECENT_MAX, at a commit: a page there then takes many rows in
 * one write. A (term, story) row is in one of the two tables; every read
 * reads both. */
cw_status cw_sq_terms_merge(cw_store *s, int64_t at_least, cw_error *err) {
  return recent_merge(s, &s->terms_known, &s->terms_recent,
                      "SELECT count(*) FROM story_terms_recent",
                      "INSERT OR REPLACE INTO story_terms(term, story_id,"
                      " weight) SELECT term, story_id, weight"
                      " FROM story_terms_recent ORDER BY term, story_id;"
                      "DELETE FROM story_terms_recent;",
                      "count story terms", at_least, err);
}

/* article_hashes_recent holds the content hashes of the articles added
 * since its last merge, a small tree that stays in the ingest's cache;
 * they move into article_hashes in key order once there are
 * CW_SQ_HASHES_RECENT_MAX, at a commit, so that a page of the big tree
 * takes many of them in one write (schema 15). A hash is in one of the
 * two tables; already_stored() reads both. */
cw_status cw_sq_hashes_merge(cw_store *s, int64_t at_least, cw_error *err) {
  return recent_merge(s, &s->hashes_known, &s->hashes_recent,
                      "SELECT count(*) FROM article_hashes_recent",
                      "INSERT OR REPLACE INTO article_hashes(hash, article_id)"
                      " SELECT hash, article_id FROM article_hashes_recent"
                      " ORDER BY hash;"
                      "DELETE FROM article_hashes_recent;",
                      "count article hashes", at_least, err);
}

/* Stores a story's new centroid v, whose previous value was old: the
 * packed blob, and the story_terms rows of the terms that entered or left
 * (both vectors are sorted by term). A row's weight is the term's weight
 * when it entered: the rows serve the term -> story lookup only, the blob
 * holds the live weights. Rewriting all 64 rows per article was a tenth of
 * ingest. New rows go to story_terms_recent; a row leaves the table it is
 * in. */
static cw_status save_centroid(cw_store *s, int64_t story,
                               const cw_termvec *old, const cw_termvec *v,
                               cw_error *err) {
  sqlite3_stmt *del = NULL, *del_old = NULL, *ins = NULL;
  cw_status rc = CW_OK;
  if (cw_sq_prep(s, "DELETE FROM story_terms_recent WHERE term=? AND"
                    " story_id=?", &del) != SQLITE_OK ||
      cw_sq_prep(s, "DELETE FROM story_terms WHERE term=? AND story_id=?",
                 &del_old) != SQLITE_OK ||
      cw_sq_prep(s, "INSERT OR REPLACE INTO story_terms_recent(term,"
                    " story_id, weight) VALUES(?,?,?)", &ins) != SQLITE_OK) {
    rc = cw_sq_error(s, err, "save story terms");
    goto done;
  }
  for (size_t i = 0, j = 0; i < old->n || j < v->n;) {
    int c = i == old->n   ? 1
            : j == v->n   ? -1
                          : strcmp(old->items[i].term, v->items[j].term);
    sqlite3_stmt *st = c < 0 ? del : c > 0 ? ins : NULL;
    if (c == 0) {
      i++, j++;
      continue;
    }
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, c < 0 ? old->items[i].term : v->items[j].term,
                      -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, story);
    if (c > 0)
      sqlite3_bind_double(st, 3, v->items[j].w);
    if (sqlite3_step(st) != SQLITE_DONE) {
      rc = cw_sq_error(s, err, "save story terms");
      goto done;
    }
    int changed = sqlite3_changes(s->db);
    if (c < 0 && !changed) { /* not in the recent rows: an older one */
      sqlite3_reset(del_old);
      sqlite3_bind_text(del_old, 1, old->items[i].term, -1, SQLITE_STATIC);
      sqlite3_bind_int64(del_old, 2, story);
      if (sqlite3_step(del_old) != SQLITE_DONE) {
        rc = cw_sq_error(s, err, "save story terms");
        goto done;
      }
    } else {
      s->terms_recent += c < 0 ? -changed : changed;
    }
    if (c < 0)
      cw_sq_posts_removed(s, old->items[i++].term, story);
    else
      cw_sq_posts_added(s, v->items[j++].term, story);
  }
  if (!rc) {
    unsigned char *blob = NULL;
    size_t blen = 0;
    sqlite3_stmt *up = NULL;
    if (cw_termvec_pack(v, &blob, &blen)) {
      rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
    } else if (cw_sq_prep(s, "UPDATE stories SET centroid=? WHERE id=?", &up) != SQLITE_OK) {
      rc = cw_sq_error(s, err, "save story terms");
    } else {
      if (blob)
        sqlite3_bind_blob(up, 1, blob, (int)blen, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null(up, 1);
      sqlite3_bind_int64(up, 2, story);
      if (sqlite3_step(up) != SQLITE_DONE)
        rc = cw_sq_error(s, err, "save story terms");
    }
    cw_sq_done(s, up);
    free(blob);
  }
done:
  cw_sq_done(s, del);
  cw_sq_done(s, del_old);
  cw_sq_done(s, ins);
  return rc;
}

/* ---- document frequencies, counted in memory ------------------------- */

/* Every article reads the document frequency of each of its terms and
 * counts itself into them: two statements per term. The counts read are
 * kept here (open addressing on the term's hash) and the increments are
 * summed, then written once per term when the document's transaction
 * commits: a batch of many articles writes each common word once. The
 * table is dropped with the clustering states (rollback, another writer)
 * and when it grows past DF_MAX_TERMS. */
#define DF_MAX_TERMS ((size_t)1 << 21)

typedef struct df_slot {
  char *term; /* NULL: empty */
  uint64_t hash;
  uint32_t n;     /* as stored */
  uint32_t delta; /* counted since, not yet stored */
} df_slot;

struct cw_sq_df {
  df_slot *slot;
  size_t cap, used; /* cap a power of two */
  uint64_t ndocs, ndocs_delta;
  int have_ndocs;
};

static void df_clear(cw_store *s) {
  struct cw_sq_df *d = s->df;
  if (!d)
    return;
  for (size_t i = 0; i < d->cap; i++)
    free(d->slot[i].term);
  free(d->slot);
  free(d);
  s->df = NULL;
}

static df_slot *df_find(struct cw_sq_df *d, const char *term, uint64_t h) {
  size_t i = (size_t)h & (d->cap - 1);
  while (d->slot[i].term &&
         (d->slot[i].hash != h || strcmp(d->slot[i].term, term)))
    i = (i + 1) & (d->cap - 1);
  return &d->slot[i];
}

static int df_grow(struct cw_sq_df *d) {
  size_t cap = d->cap ? d->cap * 2 : 4096;
  df_slot *n = calloc(cap, sizeof *n), *old = d->slot;
  if (!n)
    return -1;
  size_t old_cap = d->cap;
  d->slot = n;
  d->cap = cap;
  for (size_t i = 0; i < old_cap; i++)
    if (old[i].term)
      *df_find(d, old[i].term, old[i].hash) = old[i];
  free(old);
  return 0;
}

/* Document frequencies of the analysis' terms and the archive's document
 * count, read before this article is counted. */
static cw_status read_df(cw_store *s, const cw_analysis *an, uint32_t *df,
                         uint64_t *ndocs, cw_error *err) {
  struct cw_sq_df *d = s->df;
  if (!d && !(d = s->df = calloc(1, sizeof *d)))
    return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
  sqlite3_stmt *st;
  if (!d->have_ndocs) {
    if (cw_sq_prep(s, "SELECT value FROM meta WHERE key='ndocs'", &st) !=
        SQLITE_OK)
      return cw_sq_error(s, err, "read document count");
    d->ndocs = sqlite3_step(st) == SQLITE_ROW
                   ? (uint64_t)sqlite3_column_int64(st, 0)
                   : 0;
    cw_sq_done(s, st);
    d->have_ndocs = 1;
  }
  *ndocs = d->ndocs + d->ndocs_delta;
  if (cw_sq_prep(s, "SELECT n FROM df WHERE term=?", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "read document frequencies");
  cw_status rc = CW_OK;
  for (size_t i = 0; i < an->n_terms && !rc; i++) {
    const char *term = an->terms[i].term;
    uint64_t h = cw_hash64(term, strlen(term));
    if ((d->used + 1) * 2 > d->cap && df_grow(d)) {
      rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
      break;
    }
    df_slot *e = df_find(d, term, h);
    if (!e->term) {
      sqlite3_reset(st);
      sqlite3_bind_text(st, 1, term, -1, SQLITE_STATIC);
      uint32_t n = sqlite3_step(st) == SQLITE_ROW
                       ? (uint32_t)sqlite3_column_int64(st, 0)
                       : 0;
      if (!(e->term = cw_strdup(term))) {
        rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
        break;
      }
      e->hash = h;
      e->n = n;
      e->delta = 0;
      d->used++;
    }
    df[i] = e->n + e->delta;
  }
  cw_sq_done(s, st);
  return rc;
}

/* Counts the article into its terms' frequencies (in memory; df_flush
 * stores them). read_df has put every term in the table. */
static void count_df(cw_store *s, const cw_analysis *an) {
  struct cw_sq_df *d = s->df;
  for (size_t i = 0; i < an->n_terms; i++) {
    const char *term = an->terms[i].term;
    df_slot *e = df_find(d, term, cw_hash64(term, strlen(term)));
    if (e->term)
      e->delta++;
  }
  d->ndocs_delta++;
}

/* Writes the counted increments, inside the document's transaction. */
static cw_status df_flush(cw_store *s, cw_error *err) {
  struct cw_sq_df *d = s->df;
  if (!d || !d->ndocs_delta)
    return CW_OK;
  sqlite3_stmt *st;
  if (cw_sq_prep(s,
                 "INSERT INTO df(term, n) VALUES(?1, ?2) "
                 "ON CONFLICT(term) DO UPDATE SET n = n + ?2",
                 &st) != SQLITE_OK)
    return cw_sq_error(s, err, "count document frequencies");
  cw_status rc = CW_OK;
  for (size_t i = 0; i < d->cap && !rc; i++) {
    df_slot *e = &d->slot[i];
    if (!e->term || !e->delta)
      continue;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, e->term, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, e->delta);
    if (sqlite3_step(st) != SQLITE_DONE)
      rc = cw_sq_error(s, err, "count document frequencies");
  }
  cw_sq_done(s, st);
  if (rc)
    return rc;
  if (cw_sq_prep(s, "UPDATE meta SET value = value + ? WHERE key='ndocs'",
                 &st) != SQLITE_OK)
    return cw_sq_error(s, err, "count document frequencies");
  sqlite3_bind_int64(st, 1, (sqlite3_int64)d->ndocs_delta);
  if (sqlite3_step(st) != SQLITE_DONE)
    rc = cw_sq_error(s, err, "count document frequencies");
  cw_sq_done(s, st);
  return rc;
}

/* After the commit: the increments are stored. */
static void df_committed(cw_store *s) {
  struct cw_sq_df *d = s->df;
  if (!d)
    return;
  if (d->used > DF_MAX_TERMS) {
    df_clear(s);
    return;
  }
  for (size_t i = 0; i < d->cap; i++) {
    d->slot[i].n += d->slot[i].delta;
    d->slot[i].delta = 0;
  }
  d->ndocs += d->ndocs_delta;
  d->ndocs_delta = 0;
}

/* ---- storing one article ----------------------------------------------- */

/* A JSON array of strings, compact, as json_dumps writes it (malloc'd;
 * NULL when out of memory). Most entities have no role and most articles
 * no credit: their "[]" needs no JSON writer. */
static char *string_array_json(const char *const *v, size_t n) {
  if (n == 0)
    return cw_strdup("[]");
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < n; i++)
    json_array_append_new(arr, json_string(v[i]));
  char *s = arr ? json_dumps(arr, JSON_COMPACT) : NULL;
  json_decref(arr);
  return s;
}

static char *credits_json(const cw_article *a) {
  return string_array_json(a->credits, a->n_credits);
}

static char *roles_json(const cw_entity *e) {
  return string_array_json((const char *const *)e->roles, e->n_roles);
}

static cw_status insert_entities(cw_store *s, int64_t article,
                                 const cw_analysis *an, cw_error *err) {
  sqlite3_stmt *st;
  cw_status rc = CW_OK;
  if (cw_sq_prep(s, "INSERT INTO article_entities(article_id, name, "
                         "type, roles, mentions) VALUES(?,?,?,?,?)", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "store entities");
  for (size_t i = 0; i < an->n_entities && !rc; i++) {
    const cw_entity *e = &an->entities[i];
    char *roles = roles_json(e);
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, article);
    cw_sq_bind_static(st, 2, e->name);
    cw_sq_bind_static(st, 3, entity_type_name(e->type));
    cw_sq_bind_text(st, 4, roles ? roles : "[]");
    sqlite3_bind_int64(st, 5, (sqlite3_int64)e->n_mentions);
    if (sqlite3_step(st) != SQLITE_DONE)
      rc = cw_sq_error(s, err, "store entities");
    free(roles);
  }
  cw_sq_done(s, st);
  return rc;
}

/* Returns 1 when an article with this content hash is already stored. */
/* ---- stored content hashes, kept in memory ----------------------------
 *
 * Every article is looked up by its content hash before anything else,
 * and nearly all are new: at a million articles each miss read a random
 * page of article_hashes (7.8 us of the 10 us an article spent there in
 * bench/run's 1M ingest). Once a connection has looked up HASHSET_AFTER
 * hashes, and an eighth as many as the archive holds (reading them costs
 * far less than a lookup each), a 64-bit hash of every stored content
 * hash is read into an open-addressing set (16 bytes a stored article at
 * most), and each hash stored after is added: a hash not in the set is
 * not stored, and only one in the set (a duplicate, or a rare collision)
 * is looked up in the archive. Dropped with the other ingest caches
 * (cw_sq_forget), and not built for more than HASHSET_MAX_KEYS hashes. */
#define HASHSET_AFTER 16384
#define HASHSET_RATIO 8
#define HASHSET_MAX_KEYS ((size_t)1 << 24)

struct cw_sq_hashset {
  uint64_t *slot; /* 0: empty */
  size_t cap, used; /* cap a power of two, used at most cap / 2 */
  uint64_t lookups; /* before it is built */
  uint64_t check;   /* lookups at which to look at the archive's size */
  int failed;       /* could not be built on this connection */
  uint64_t skipped; /* lookups it answered (for tests) */
};

static uint64_t hashset_key(const char *hash) {
  uint64_t k = cw_hash64(hash, strlen(hash));
  return k ? k : 1;
}

static int hashset_has(const struct cw_sq_hashset *h, uint64_t k) {
  for (size_t i = (size_t)(k * 0x9E3779B97F4A7C15ULL) & (h->cap - 1);
       h->slot[i]; i = (i + 1) & (h->cap - 1))
    if (h->slot[i] == k)
      return 1;
  return 0;
}

/* 0, or -1 when the set would pass its bound (nothing added). */
static int hashset_add(struct cw_sq_hashset *h, uint64_t k) {
  if (2 * (h->used + 1) > h->cap) {
    size_t cap = h->cap ? 2 * h->cap : 1 << 16;
    if (cap / 2 > HASHSET_MAX_KEYS)
      return -1;
    uint64_t *slot = cw_zalloc_big(cap, sizeof *slot), *old = h->slot;
    if (!slot)
      return -1;
    for (size_t i = 0; i < h->cap; i++) {
      if (!old[i])
        continue;
      size_t j = (size_t)(old[i] * 0x9E3779B97F4A7C15ULL) & (cap - 1);
      while (slot[j])
        j = (j + 1) & (cap - 1);
      slot[j] = old[i];
    }
    free(old);
    h->slot = slot;
    h->cap = cap;
  }
  size_t i = (size_t)(k * 0x9E3779B97F4A7C15ULL) & (h->cap - 1);
  while (h->slot[i] && h->slot[i] != k)
    i = (i + 1) & (h->cap - 1);
  if (!h->slot[i]) {
    h->slot[i] = k;
    h->used++;
  }
  return 0;
}

void cw_sq_hashset_clear(cw_store *s) {
  if (s->hashset) {
    free(s->hashset->slot);
    free(s->hashset);
    s->hashset = NULL;
  }
}

/* Reads every stored hash into the set: 1 when built. */
static int hashset_build(cw_store *s, struct cw_sq_hashset *h) {
  sqlite3_stmt *st;
  if (cw_sq_prep(s, "SELECT hash FROM article_hashes UNION ALL"
                    " SELECT hash FROM article_hashes_recent", &st) !=
      SQLITE_OK)
    return 0;
  int rc, ok = 1;
  while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *hash = cw_sq_col_text(st, 0);
    ok = !hash || hashset_add(h, hashset_key(hash)) == 0;
  }
  cw_sq_done(s, st);
  if (ok && rc == SQLITE_DONE)
    return 1;
  free(h->slot);
  h->slot = NULL;
  h->cap = h->used = 0;
  return 0;
}

/* A content hash just stored. */
static void hashset_stored(cw_store *s, const char *hash) {
  struct cw_sq_hashset *h = s->hashset;
  if (h && h->slot && hashset_add(h, hashset_key(hash))) {
    free(h->slot); /* past its bound: not used on this connection */
    h->slot = NULL;
    h->cap = h->used = 0;
    h->failed = 1;
  }
}

int cw_sq_hashset_build(cw_store *s) {
  struct cw_sq_hashset *h = s->hashset;
  if (!h && !(h = s->hashset = calloc(1, sizeof *h)))
    return 0;
  h->check = HASHSET_AFTER;
  return h->slot || hashset_build(s, h);
}

uint64_t cw_sq_hashset_skipped(const cw_store *s) {
  return s->hashset ? s->hashset->skipped : 0;
}

/* Whether the set is worth building now. */
static int hashset_due(cw_store *s, struct cw_sq_hashset *h) {
  if (h->slot || h->failed || ++h->lookups < h->check)
    return 0;
  sqlite3_stmt *st;
  int64_t stored = INT64_MAX;
  if (cw_sq_prep(s, "SELECT max(id) FROM articles", &st) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW)
      stored = sqlite3_column_int64(st, 0);
    cw_sq_done(s, st);
  }
  if ((int64_t)h->lookups * HASHSET_RATIO >= stored)
    return 1;
  h->check = h->lookups * 2; /* looked at again later */
  return 0;
}

static int already_stored(cw_store *s, const char *hash) {
  struct cw_sq_hashset *h = s->hashset;
  if (!h && (h = s->hashset = calloc(1, sizeof *h)) != NULL)
    h->check = HASHSET_AFTER;
  /* without memory every hash is looked up */
  if (h && hashset_due(s, h))
    h->failed = !hashset_build(s, h);
  if (h && h->slot && !hashset_has(h, hashset_key(hash))) {
    h->skipped++;
    return 0;
  }
  sqlite3_stmt *st;
  int found = 0;
  if (cw_sq_prep(s, "SELECT 1 FROM article_hashes_recent WHERE hash=?1"
                    " UNION ALL SELECT 1 FROM article_hashes WHERE hash=?1"
                    " LIMIT 1",
                 &st) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    found = sqlite3_step(st) == SQLITE_ROW;
    cw_sq_done(s, st);
  }
  return found;
}

static cw_status new_story(cw_store *s, int64_t *id, cw_error *err) {
  sqlite3_stmt *st; /* prepared once: one new story in six articles */
  if (cw_sq_prep(s, "INSERT INTO stories DEFAULT VALUES", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "open a story");
  int ok = sqlite3_step(st) == SQLITE_DONE;
  cw_sq_done(s, st);
  if (!ok)
    return cw_sq_error(s, err, "open a story");
  *id = sqlite3_last_insert_rowid(s->db);
  return CW_OK;
}

/* Adds the number of articles of a story to *n. */
static cw_status story_size(cw_store *s, int64_t story, int64_t *n,
                            cw_error *err) {
  sqlite3_stmt *st;
  if (cw_sq_prep(s, "SELECT n_articles FROM stories WHERE id=?", &st) !=
      SQLITE_OK)
    return cw_sq_error(s, err, "read story size");
  sqlite3_bind_int64(st, 1, story);
  if (sqlite3_step(st) == SQLITE_ROW)
    *n += sqlite3_column_int64(st, 0);
  cw_sq_done(s, st);
  return CW_OK;
}

/* Moves every article of the smaller story into the larger one, adds the
 * centroids, drops the smaller and records the merge (so `story FROM` can
 * say where its articles went). The larger keeps its id: a merge rewrites
 * the rows of the few articles that moved, where moving an old story of
 * thousands into the new one a report had bridged it to rewrote them all
 * (11,457 articles at once in bench/run's million), and a story's address
 * stays the same as it grows. */
cw_status cw_sq_merge_stories(cw_store *s, int64_t from, int64_t into,
                              double sim, const char *when, int64_t *kept,
                              cw_error *err) {
  int64_t n_from = 0, n_into = 0;
  cw_status rc;
  if ((rc = story_size(s, from, &n_from, err)) ||
      (rc = story_size(s, into, &n_into, err)))
    return rc;
  if (n_from > n_into) {
    int64_t smaller = into;
    into = from;
    from = smaller;
  }
  *kept = into;
  cw_termvec a = {0}, b = {0};
  rc = load_centroid(s, into, &a, err);
  if (rc)
    return rc;
  if ((rc = load_centroid(s, from, &b, err))) {
    cw_termvec_free(&a);
    return rc;
  }
  cw_termvec old = {0}, none = {0};
  if (!(rc = cw_termvec_add(&old, &a, (size_t)-1)))
    rc = cw_termvec_add(&a, &b, CW_STORY_VECTOR_TERMS);
  if (rc) {
    cw_termvec_free(&a);
    cw_termvec_free(&b);
    cw_termvec_free(&old);
    return cw_error_set(err, rc, 0, "%s: out of memory", s->path);
  }
  rc = save_centroid(s, into, &old, &a, err);
  /* from's story_terms rows are the terms of its centroid (save_centroid
   * keeps the two equal): removed by key, out of the postings too, where
   * a DELETE by story_id needed an index by story that every merge of the
   * recent rows had to keep up (schema 16) */
  if (!rc)
    rc = save_centroid(s, from, &b, &none, err);
  cw_termvec_free(&a);
  cw_termvec_free(&b);
  cw_termvec_free(&old);
  if (rc)
    return rc;
  if ((rc = load_facets(s, from, &b, err)))
    return rc;
  rc = add_facets(s, into, &b, err);
  cw_termvec_free(&b);
  if (rc)
    return rc;
  sqlite3_stmt *st;
  static const char *const sql[] = {
      "UPDATE stories SET version = version + 1,"
      " n_articles = n_articles + (SELECT n_articles FROM stories WHERE id=?1),"
      " first_seen = (SELECT min(first_seen) FROM stories"
      "   WHERE id IN (?1, ?2)),"
      " last_update = (SELECT max(last_update) FROM stories"
      "   WHERE id IN (?1, ?2)),"
      " dated = max(dated, (SELECT dated FROM stories WHERE id=?1)),"
      " last_published = max(last_published,"
      "   (SELECT last_published FROM stories WHERE id=?1)),"
      /* a headline of the merged story over a lead of this one (see
       * cw_story_title_score: a lead scores below -1) */
      " title_score = CASE WHEN (title IS NULL OR title_score < -1) AND"
      "   (SELECT title IS NOT NULL AND title_score >= -1 FROM stories"
      "   WHERE id=?1) THEN (SELECT title_score FROM stories WHERE id=?1)"
      "   ELSE title_score END,"
      " title = CASE WHEN (title IS NULL OR title_score < -1) AND"
      "   (SELECT title IS NOT NULL AND title_score >= -1 FROM stories"
      "   WHERE id=?1) THEN (SELECT title FROM stories WHERE id=?1)"
      "   ELSE title END"
      " WHERE id=?2",
      "UPDATE articles SET story_id=?2 WHERE story_id=?1",
      "DELETE FROM story_facets WHERE story_id=?1",
      "DELETE FROM stories WHERE id=?1",
      ("INSERT INTO story_merges(from_story, into_story, similarity, at)"
       " VALUES(?1, ?2, ?3, ?4)")};
  for (size_t i = 0; i < sizeof sql / sizeof *sql && !rc; i++) {
    if (cw_sq_prep(s, sql[i], &st) != SQLITE_OK)
      return cw_sq_error(s, err, "merge stories");
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, into);
    if (sqlite3_bind_parameter_count(st) >= 3) {
      sqlite3_bind_double(st, 3, sim);
      cw_sq_bind_text(st, 4, when);
    }
    if (sqlite3_step(st) != SQLITE_DONE)
      rc = cw_sq_error(s, err, "merge stories");
    cw_sq_done(s, st);
  }
  /* both states changed beyond what is mirrored: read again when needed */
  state_drop(s, from);
  state_drop(s, into);
  return rc;
}

/* Folds the article into its story: centroid, counts, times, and the title
 * when this article is now the most central one that has a headline. */
static cw_status update_story(cw_store *s, int64_t story,
                              const cw_article *a, const cw_termvec *vec,
                              const char *when, cw_error *err) {
  cw_status rc;
  cw_sq_state *e = state_get(s, story, &rc, err);
  cw_termvec mine = {0}, old = {0};
  cw_termvec *centroid = e ? &e->c.centroid : &mine;
  if (rc || (!e && (rc = load_centroid(s, story, &mine, err))))
    return rc;
  if ((rc = cw_termvec_add(&old, centroid, (size_t)-1)) ||
      (rc = cw_termvec_add(centroid, vec, CW_STORY_VECTOR_TERMS))) {
    cw_termvec_free(&mine);
    cw_termvec_free(&old);
    return cw_error_set(err, rc, 0, "%s: out of memory", s->path);
  }
  double central = cw_termvec_cosine(vec, centroid);
  rc = save_centroid(s, story, &old, centroid, err);
  cw_termvec_free(&mine);
  cw_termvec_free(&old);
  if (rc)
    return rc;
  int64_t published = published_epoch(a->published);
  if (e && published > e->c.last_published)
    e->c.last_published = published;
  sqlite3_stmt *st;
  if (cw_sq_prep(s,
          /* first_seen and last_update come from publication dates; an
           * undated article gives its ingest time only while the story
           * has no dated article (then the first dated one replaces it) */
          "UPDATE stories SET n_articles = n_articles + 1,"
          " version = version + 1,"
          " first_seen = CASE"
          "   WHEN ?6 AND (NOT dated OR first_seen IS NULL OR ?1 < first_seen)"
          "     THEN ?1"
          "   WHEN NOT ?6 AND NOT dated AND (first_seen IS NULL OR"
          "     ?1 < first_seen) THEN ?1"
          "   ELSE first_seen END,"
          " last_update = CASE"
          "   WHEN ?6 AND (NOT dated OR last_update IS NULL OR ?1 > last_update)"
          "     THEN ?1"
          "   WHEN NOT ?6 AND NOT dated AND (last_update IS NULL OR"
          "     ?1 > last_update) THEN ?1"
          "   ELSE last_update END,"
          " dated = max(dated, ?6),"
          " last_published = max(last_published, ?2),"
          " title = CASE WHEN ?3 IS NOT NULL AND"
          "   (title IS NULL OR ?4 > title_score) THEN ?3 ELSE title END,"
          " title_score = CASE WHEN ?3 IS NOT NULL AND"
          "   (title IS NULL OR ?4 > title_score) THEN ?4 ELSE title_score END"
          " WHERE id = ?5", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "update story");
  cw_sq_bind_text(st, 1, when);
  sqlite3_bind_int64(st, 2, published);
  cw_sq_bind_text(st, 3, a->title);
  sqlite3_bind_double(st, 4, cw_story_title_score(a->title, a->text, central));
  sqlite3_bind_int64(st, 5, story);
  sqlite3_bind_int(st, 6, a->published != NULL);
  rc = sqlite3_step(st) == SQLITE_DONE ? CW_OK
                                        : cw_sq_error(s, err, "update story");
  cw_sq_done(s, st);
  return rc;
}

/* One side of a split: its members' centroid, facets, newest publication
 * time and most central title, stored over the story's previous state
 * (old_centroid: what story_terms holds for it now). */
static cw_status store_side(cw_store *s, int64_t story,
                            const cw_termvec *old_centroid,
                            const int64_t *ids, const cw_termvec *vecs,
                            const cw_termvec *facets, char *const *titles,
                            const int64_t *published,
                            const unsigned char *side, unsigned char which,
                            size_t n, cw_error *err) {
  cw_termvec centroid = {0}, fsum = {0};
  cw_status rc = CW_OK;
  int64_t last = 0;
  for (size_t k = 0; k < n && !rc; k++)
    if (side[k] == which) {
      if (!(rc = cw_termvec_add(&centroid, &vecs[k], CW_STORY_VECTOR_TERMS)))
        rc = cw_story_facets_add(&fsum, &facets[k]);
      if (published[k] > last)
        last = published[k];
    }
  if (rc) {
    rc = cw_error_set(err, rc, 0, "%s: out of memory", s->path);
    goto done;
  }
  long best = -1;
  double best_score = 0;
  sqlite3_stmt *st;
  /* the start of each titled member's text, to tell a headline from a
   * lead (read here only: a split is rare) */
  if (cw_sq_prep(s, "SELECT substr(text, 1, ?2) FROM articles WHERE id=?1",
                 &st) != SQLITE_OK) {
    rc = cw_sq_error(s, err, "split story");
    goto done;
  }
  for (size_t k = 0; k < n; k++)
    if (side[k] == which && titles[k]) {
      sqlite3_reset(st);
      sqlite3_bind_int64(st, 1, ids[k]);
      sqlite3_bind_int64(st, 2, (sqlite3_int64)strlen(titles[k]) + 64);
      const char *lead =
          sqlite3_step(st) == SQLITE_ROW ? cw_sq_col_text(st, 0) : NULL;
      double c = cw_story_title_score(titles[k], lead,
                                      cw_termvec_cosine(&vecs[k], &centroid));
      if (best < 0 || c > best_score)
        best = (long)k, best_score = c;
    }
  cw_sq_done(s, st);
  if ((rc = save_centroid(s, story, old_centroid, &centroid, err)) ||
      (rc = save_facets(s, story, NULL, &fsum, err)))
    goto done;
  if (cw_sq_prep(s,
          "UPDATE stories SET version = version + 1,"
          " n_articles = (SELECT count(*) FROM articles WHERE story_id=?1),"
          " dated = EXISTS(SELECT 1 FROM articles WHERE story_id=?1"
          "   AND published IS NOT NULL),"
          " first_seen = coalesce((SELECT min(published) FROM articles"
          "   WHERE story_id=?1), (SELECT min(added) FROM articles"
          "   WHERE story_id=?1)),"
          " last_update = coalesce((SELECT max(published) FROM articles"
          "   WHERE story_id=?1), (SELECT max(added) FROM articles"
          "   WHERE story_id=?1)),"
          " last_published = ?2,"
          " title = ?3, title_score = ?4"
          " WHERE id=?1", &st) != SQLITE_OK) {
    rc = cw_sq_error(s, err, "split story");
    goto done;
  }
  sqlite3_bind_int64(st, 1, story);
  sqlite3_bind_int64(st, 2, last);
  cw_sq_bind_text(st, 3, best >= 0 ? titles[best] : NULL);
  sqlite3_bind_double(st, 4, best >= 0 ? best_score : 0);
  if (sqlite3_step(st) != SQLITE_DONE)
    rc = cw_sq_error(s, err, "split story");
  cw_sq_done(s, st);
done:
  cw_termvec_free(&centroid);
  cw_termvec_free(&fsum);
  return rc;
}

/* After an article joined a story: splits it in two when its members
 * report two events (cw_story_split). The side of its oldest article keeps
 * the story; the other side's articles move to a new story. Only stories
 * of at most CW_STORY_SPLIT_MAX articles are read, so the work per article
 * stays bounded. *split_into gets the new story, or 0. */
static cw_status split_story(cw_store *s, int64_t story, const char *when,
                             int64_t *split_into, cw_error *err) {
  enum { MAX = CW_STORY_SPLIT_MAX };
  cw_termvec vecs[MAX], facets[MAX], old = {0};
  char *titles[MAX];
  int64_t ids[MAX], copy_of[MAX], published[MAX];
  long with[MAX];
  unsigned char side[MAX];
  size_t n = 0, rows = 0;
  cw_status rc = CW_OK;
  sqlite3_stmt *st;
  *split_into = 0;
  int64_t size = 0;
  if ((rc = story_size(s, story, &size, err)) || size < CW_STORY_SPLIT_MIN ||
      size > MAX)
    return rc;
  if (cw_sq_prep(s, "SELECT v.article_id, v.vector, v.facets, a.copy_of,"
                    " a.title, a.published FROM articles a"
                    " JOIN article_vectors v ON v.article_id = a.id"
                    " WHERE a.story_id=? ORDER BY a.id LIMIT ?",
                 &st) != SQLITE_OK)
    return cw_sq_error(s, err, "split story");
  sqlite3_bind_int64(st, 1, story);
  sqlite3_bind_int(st, 2, MAX + 1);
  while (!rc && sqlite3_step(st) == SQLITE_ROW) {
    if (++rows > MAX)
      break; /* too big to check: established */
    cw_termvec v, f;
    cw_status r = cw_termvec_unpack(sqlite3_column_blob(st, 1),
                                    (size_t)sqlite3_column_bytes(st, 1), &v);
    if (r == CW_OK && !v.n)
      continue; /* nothing to link by: stays where it is */
    if (r == CW_OK &&
        (r = cw_termvec_unpack(sqlite3_column_blob(st, 2),
                               (size_t)sqlite3_column_bytes(st, 2), &f)))
      cw_termvec_free(&v);
    if (r == CW_ERR_NOMEM)
      rc = r;
    if (r)
      continue; /* a damaged row: left out, stays where it is */
    const char *title = cw_sq_col_text(st, 4);
    titles[n] = title ? cw_strdup(title) : NULL;
    if (title && !titles[n]) {
      cw_termvec_free(&v);
      cw_termvec_free(&f);
      rc = CW_ERR_NOMEM;
      break;
    }
    ids[n] = sqlite3_column_int64(st, 0);
    copy_of[n] = sqlite3_column_type(st, 3) == SQLITE_NULL
                     ? 0
                     : sqlite3_column_int64(st, 3);
    published[n] = published_epoch(cw_sq_col_text(st, 5));
    vecs[n] = v;
    facets[n++] = f;
  }
  cw_sq_done(s, st);
  if (rc) {
    rc = cw_error_set(err, rc, 0, "%s: out of memory", s->path);
    goto done;
  }
  if (rows > MAX)
    goto done;
  for (size_t k = 0; k < n; k++) {
    with[k] = -1;
    for (size_t j = 0; j < n && copy_of[k]; j++)
      if (ids[j] == copy_of[k])
        with[k] = (long)j;
  }
  /* links known from earlier checks of the story are not computed again */
  double z[MAX * MAX];
  for (size_t i = 0; i < n; i++) {
    z[i * n + i] = 0;
    for (size_t j = 0; j < i; j++) { /* ids[i] > ids[j]: article order */
      double v;
      if (!cw_sq_link_get(s, ids[i], ids[j], &v)) {
        v = cw_story_link(&vecs[i], &facets[i], &vecs[j], &facets[j]);
        cw_sq_link_put(s, ids[i], ids[j], v);
      }
      z[i * n + j] = z[j * n + i] = v;
    }
  }
  if (!cw_story_split_links(z, with, n, side))
    goto done;
  int64_t into = 0;
  if ((rc = new_story(s, &into, err)))
    goto done;
  if (cw_sq_prep(s, "UPDATE articles SET story_id=?2 WHERE id=?1", &st) !=
      SQLITE_OK) {
    rc = cw_sq_error(s, err, "split story");
  } else {
    for (size_t k = 0; k < n && !rc; k++) {
      if (!side[k])
        continue;
      sqlite3_reset(st);
      sqlite3_bind_int64(st, 1, ids[k]);
      sqlite3_bind_int64(st, 2, into);
      if (sqlite3_step(st) != SQLITE_DONE)
        rc = cw_sq_error(s, err, "split story");
    }
    cw_sq_done(s, st);
  }
  cw_termvec none = {0};
  if (rc || (rc = load_centroid(s, story, &old, err)) ||
      (rc = store_side(s, story, &old, ids, vecs, facets, titles, published,
                       side, 0, n, err)) ||
      (rc = store_side(s, into, &none, ids, vecs, facets, titles, published,
                       side, 1, n, err)))
    goto done;
  /* recorded, as merges are */
  size_t moved = 0;
  for (size_t k = 0; k < n; k++)
    moved += side[k] != 0;
  if (cw_sq_prep(s, "INSERT INTO story_splits(from_story, into_story,"
                    " articles, at) VALUES(?1, ?2, ?3, ?4)", &st) != SQLITE_OK) {
    rc = cw_sq_error(s, err, "split story");
    goto done;
  }
  sqlite3_bind_int64(st, 1, story);
  sqlite3_bind_int64(st, 2, into);
  sqlite3_bind_int64(st, 3, (sqlite3_int64)moved);
  cw_sq_bind_text(st, 4, when);
  if (sqlite3_step(st) != SQLITE_DONE)
    rc = cw_sq_error(s, err, "split story");
  cw_sq_done(s, st);
  if (rc)
    goto done;
  state_drop(s, story);
  *split_into = into;
done:
  for (size_t k = 0; k < n; k++) {
    cw_termvec_free(&vecs[k]);
    cw_termvec_free(&facets[k]);
    free(titles[k]);
  }
  cw_termvec_free(&old);
  return rc;
}

static cw_status insert_article(cw_store *s, int64_t doc, int64_t story,
                                const cw_article *a, const char *hash,
                                const char *added, double sim,
                                int64_t copy_of, int64_t *id, cw_error *err) {
  sqlite3_stmt *st;
  char *credits = credits_json(a);
  cw_status rc = CW_OK;
  if (cw_sq_prep(s, "INSERT INTO articles(document_id, story_id, content_hash, title,"
          " outlet, url, published, dateline, byline, text, credits,"
          " source_path, source_part, source_id, added, similarity, copy_of)"
          " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &st) != SQLITE_OK) {
    free(credits);
    return cw_sq_error(s, err, "store article");
  }
  sqlite3_bind_int64(st, 1, doc);
  sqlite3_bind_int64(st, 2, story);
  sqlite3_bind_null(st, 3); /* the hash goes to article_hashes_recent */
  cw_sq_bind_static(st, 4, a->title);
  cw_sq_bind_static(st, 5, a->outlet);
  cw_sq_bind_static(st, 6, a->url);
  cw_sq_bind_static(st, 7, a->published);
  cw_sq_bind_static(st, 8, a->dateline);
  cw_sq_bind_static(st, 9, a->byline);
  cw_sq_bind_static(st, 10, a->text ? a->text : "");
  cw_sq_bind_static(st, 11, credits ? credits : "[]");
  cw_sq_bind_static(st, 12, a->source_path);
  sqlite3_bind_int(st, 13, a->part);
  cw_sq_bind_static(st, 14, a->source_id);
  cw_sq_bind_static(st, 15, added);
  sqlite3_bind_double(st, 16, sim);
  if (copy_of)
    sqlite3_bind_int64(st, 17, copy_of);
  else
    sqlite3_bind_null(st, 17);
  if (sqlite3_step(st) != SQLITE_DONE)
    rc = cw_sq_error(s, err, "store article");
  *id = sqlite3_last_insert_rowid(s->db);
  cw_sq_done(s, st);
  free(credits);
  if (rc)
    return rc;
  if (cw_sq_prep(s, "INSERT INTO article_hashes_recent(hash, article_id)"
                    " VALUES(?,?)", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "store article hash");
  cw_sq_bind_static(st, 1, hash);
  sqlite3_bind_int64(st, 2, *id);
  if (sqlite3_step(st) != SQLITE_DONE)
    rc = cw_sq_error(s, err, "store article hash");
  cw_sq_done(s, st);
  if (rc)
    return rc;
  s->hashes_recent++; /* counted from here when hashes_known */
  hashset_stored(s, hash);
  if (cw_sq_prep(s, "INSERT INTO articles_fts(rowid, title, text) "
                         "VALUES(?,?,?)", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "index article");
  sqlite3_bind_int64(st, 1, *id);
  cw_sq_bind_static(st, 2, a->title);
  cw_sq_bind_static(st, 3, a->text ? a->text : "");
  if (sqlite3_step(st) != SQLITE_DONE)
    rc = cw_sq_error(s, err, "index article");
  cw_sq_done(s, st);
  return rc;
}

/* ---- where an ingest's time goes ------------------------------------------ */

/* Charges the CPU time since the last mark to *stage. */
static void stage_mark(cw_store *s, double *stage) {
  if (!s->stage_on)
    return;
  double now = cw_thread_cpu_seconds();
  *stage += now - s->stage_last;
  s->stage_last = now;
}

void cw_store_time_stages(cw_store *s, int on) {
  s->stage_on = on != 0;
  if (on) {
    memset(&s->stages, 0, sizeof s->stages);
    s->stage_last = cw_thread_cpu_seconds();
  }
}

void cw_store_stage_times(const cw_store *s, cw_stage_times *out) {
  *out = s->stages;
}

/* a as stored: a time with its page's offset (2024-03-09T08:30:00+01:00,
 * as an HTML page may give it) is stored in UTC, as the archive orders and
 * compares published times as text. Returns a, or *utc (its published
 * time in pub) when the time was converted. */
static const cw_article *stored_form(const cw_article *a, cw_article *utc,
                                     char pub[32]) {
  int64_t t;
  int has_time;
  if (a->published && *a->published &&
      a->published[strlen(a->published) - 1] != 'Z' &&
      cw_parse_iso8601(a->published, strlen(a->published), &t, &has_time) ==
          strlen(a->published) &&
      has_time) {
    cw_format_iso8601(t, 1, pub);
    *utc = *a;
    utc->published = pub;
    return utc;
  }
  return a;
}

/* The analysis add_one makes of a (in its stored form). */
static cw_status analyze_article(const cw_article *a, cw_analysis **an) {
  const char *text = a->text ? a->text : "";
  cw_status rc = cw_analyze(a->title, text, strlen(text), an);
  if (!rc && (rc = cw_analyze_deep(*an, text, strlen(text), a->published))) {
    cw_analysis_free(*an);
    *an = NULL;
  }
  return rc;
}

/* Adds article a of document doc. hash: its content_hash; pre: its
 * analysis made beforehand, or NULL, which add_one owns either way;
 * fresh: the caller has found a's content not stored yet. */
static cw_status add_one(cw_store *s, int64_t doc, const cw_article *a,
                         const char *hash, cw_analysis *pre, int fresh,
                         const char *added, cw_add_result *res,
                         cw_error *err) {
  if (!fresh && already_stored(s, hash)) {
    cw_analysis_free(pre);
    res->duplicates++;
    return CW_OK;
  }
  cw_article utc;
  char pub[32];
  a = stored_form(a, &utc, pub);
  cw_analysis *an = pre;
  uint32_t *df = NULL;
  cw_termvec vec = {0}, facets = {0};
  cw_story_candidate *cands = NULL;
  unsigned char *owned = NULL;
  size_t ncands = 0;
  cw_shingle_set sh = {0};
  if (s->states)
    s->states->tick++; /* unpins the previous article's stories */
  uint64_t ndocs = 0;
  const char *text = a->text ? a->text : "";
  stage_mark(s, &s->stages.write); /* the duplicate check */
  cw_status rc = an ? CW_OK : analyze_article(a, &an);
  if (rc) {
    cw_error_set(err, rc, 0, "%s: analysis failed: %s", a->source_path,
                 cw_strerror(rc));
    goto done;
  }
  stage_mark(s, &s->stages.analyze);
  /* the shingles once: the signature and every copy candidate's check */
  int64_t pub_t = 0, added_t = published_epoch(added);
  int dated = published_time(a, &pub_t);
  cw_minhash mh;
  int64_t original = 0, original_story = 0;
  if (!(rc = cw_shingles(text, strlen(text), &sh)))
    cw_minhash_of(&sh, &mh);
  if (rc ||
      (rc = cw_sq_find_copy(s, &mh, &sh, dated ? &pub_t : NULL, added_t,
                            &original, &original_story, err))) {
    if (rc == CW_ERR_NOMEM)
      cw_error_set(err, rc, 0, "%s: out of memory", s->path);
    goto done;
  }
  stage_mark(s, &s->stages.copies);
  df = calloc(an->n_terms + 1, sizeof *df);
  if (!df) {
    rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
    goto done;
  }
  if ((rc = read_df(s, an, df, &ndocs, err)))
    goto done;
  if ((rc = cw_story_vector(an, df, ndocs, &vec)) ||
      (rc = cw_story_facets(an, &facets))) {
    cw_error_set(err, rc, 0, "%s: out of memory", s->path);
    goto done;
  }
  /* a near-copy goes where its original is; anything else is clustered */
  if (!original &&
      (rc = find_candidates(s, &vec, &cands, &owned, &ncands, err)))
    goto done;
  /* cw_story_pick_facets' rule (the best score at or above the join
   * threshold among stories not gone quiet) with each score kept for the
   * runner-up below, which scored every candidate again; a quiet story's
   * score is only taken when needed (NAN) */
  double sim = original ? 1.0 : 0;
  double score[MAX_CANDIDATES];
  long pick = -1;
  if (!original) {
    int64_t published = published_epoch(a->published);
    for (size_t c = 0; c < ncands; c++) {
      if (published && cands[c].last_published &&
          published - cands[c].last_published >
              (int64_t)CW_STORY_WINDOW_DAYS * 86400) {
        score[c] = NAN;
        continue;
      }
      score[c] = cw_story_score(&vec, &facets, &cands[c]);
      if (score[c] > sim) {
        sim = score[c];
        pick = (long)c;
      }
    }
    if (sim < cw_story_join_threshold())
      pick = -1;
  }
  if (getenv("CW_DEBUG_PICK")) {
    for (size_t c = 0; c < ncands; c++)
      fprintf(stderr, "pick: '%.40s' vs story %lld: %.3f (score %.3f)\n",
              a->title ? a->title : "", (long long)cands[c].id,
              cw_termvec_cosine(&vec, &cands[c].centroid),
              cw_story_score(&vec, &facets, &cands[c]));
  }
  int64_t story = 0, merge_from = 0;
  double merge_sim = 0;
  if (pick >= 0 && sim >= CW_STORY_MERGE_SMALL) {
    /* the runner-up story: merged when this article ties it strongly to
     * the best one and the two stories already look alike (never when
     * the best one scores below CW_STORY_MERGE_SMALL) */
    for (size_t c = 0; c < ncands; c++) {
      if ((long)c == pick)
        continue;
      double other = isnan(score[c])
                         ? cw_story_score(&vec, &facets, &cands[c])
                         : score[c];
      if (other < CW_STORY_MERGE_SMALL || other <= merge_sim ||
          cw_termvec_cosine(&cands[c].centroid, &cands[pick].centroid) <
              CW_STORY_MERGE_CENTROIDS)
        continue;
      /* below the full threshold only stories the split check still
       * covers (it can undo a wrong merge of them) */
      if (other < CW_STORY_MERGE_THRESHOLD || sim < CW_STORY_MERGE_THRESHOLD) {
        int64_t together = 0;
        if ((rc = story_size(s, cands[c].id, &together, err)) ||
            (rc = story_size(s, cands[pick].id, &together, err)))
          goto done;
        if (together > CW_STORY_SPLIT_MAX)
          continue;
      }
      merge_sim = other;
      merge_from = cands[c].id;
    }
  }
  if (original) {
    story = original_story;
  } else if (pick >= 0) {
    story = cands[pick].id;
  } else {
    if ((rc = new_story(s, &story, err)))
      goto done;
    res->stories_created++;
    sim = 0;
  }
  int64_t id = 0;
  const char *when = a->published ? a->published : added;
  stage_mark(s, &s->stages.cluster);
  if ((rc = insert_article(s, doc, story, a, hash, added, sim, original, &id,
                           err)) ||
      (rc = insert_entities(s, id, an, err)) ||
      (rc = cw_sq_save_signature(s, id, dated ? pub_t : added_t, &mh, err)) ||
      (rc = cw_sq_earliest_original(s, id, original, a->published, err)) ||
      (rc = cw_sq_save_analysis(s, id, an, err)) ||
      (rc = update_story(s, story, a, &vec, when, err)) ||
      (rc = add_facets(s, story, &facets, err)) ||
      (rc = save_article_vector(s, id, story, &vec, &facets, err)))
    goto done;
  count_df(s, an);
  stage_mark(s, &s->stages.write);
  if (merge_from && (rc = cw_sq_merge_stories(s, merge_from, story,
                                              merge_sim, added, &story, err)))
    goto done;
  /* the story the article joined (a copy adds nothing to tell events
   * apart), and after a split both of its sides again: either may still
   * hold two events (each check leaves fewer members; bounded) */
  int64_t check[7] = {story};
  size_t nchecks = original ? 0 : 1;
  for (size_t i = 0; i < nchecks; i++) {
    int64_t split_into = 0;
    if ((rc = split_story(s, check[i], added, &split_into, err)))
      goto done;
    if (split_into) {
      res->stories_created++;
      if (nchecks + 2 <= sizeof check / sizeof *check) {
        check[nchecks++] = check[i];
        check[nchecks++] = split_into;
      }
    }
  }
  stage_mark(s, &s->stages.split);
  res->articles_added++;
  if (mh.n_shingles >= CW_COPY_MIN_SHINGLES) /* a later copy's candidate */
    cw_sq_sets_put(s, id, &sh);
done:
  cw_shingle_set_free(&sh);
  candidates_free(cands, owned, ncands);
  cw_termvec_free(&vec);
  cw_termvec_free(&facets);
  free(df);
  cw_analysis_free(an);
  return rc;
}

cw_status cw_store_add_articles(cw_store *s, const cw_articles *list,
                                cw_add_result *result, cw_error *err) {
  cw_add_result res = {0};
  size_t n = cw_articles_count(list);
  char added[32];
  now_iso(added);
  res.articles_found = n;
  if (!s->ingest_cache) { /* the first ingest on this connection */
    cw_status cst = cw_sq_exec(s, "PRAGMA cache_size=-" INGEST_CACHE_KIB, err);
    if (cst)
      return cst;
    s->ingest_cache = 1;
  }
  if (n == 0) {
    if (result)
      *result = res;
    return CW_OK;
  }
  const cw_article *first = cw_articles_get(list, 0);
  /* the document's identity: all of its articles' content */
  uint64_t h1 = 0, h2 = 0;
  for (size_t i = 0; i < n; i++) {
    const cw_article *a = cw_articles_get(list, i);
    h1 = h1 * 31 + cw_hash64(a->text ? a->text : "", a->text ? strlen(a->text) : 0);
    h2 = h2 * 37 + cw_hash64(a->title ? a->title : "", a->title ? strlen(a->title) : 0);
  }
  char dochash[40];
  snprintf(dochash, sizeof dochash, "%016llx%016llx", (unsigned long long)h1,
           (unsigned long long)h2);
  if (s->stage_on) /* what came before is not the ingest's */
    s->stage_last = cw_thread_cpu_seconds();
  cw_status rc = cw_sq_exec(s, "BEGIN IMMEDIATE", err);
  if (rc)
    return rc;
  if ((rc = states_check(s, err)))
    goto fail;
  sqlite3_stmt *st;
  int64_t doc = 0;
  if (cw_sq_prep(s, "SELECT id FROM documents WHERE hash=?", &st) != SQLITE_OK) {
    rc = cw_sq_error(s, err, "find document");
    goto fail;
  }
  sqlite3_bind_text(st, 1, dochash, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW)
    doc = sqlite3_column_int64(st, 0);
  cw_sq_done(s, st);
  if (doc) {
    /* the same document again: nothing changes */
    res.duplicates = n;
    rc = cw_sq_exec(s, "COMMIT", err);
    if (rc)
      goto fail;
    if (result)
      *result = res;
    return CW_OK;
  }
  if (cw_sq_prep(s, "INSERT INTO documents(origin, hash, added, articles)"
                         " VALUES(?,?,?,?)", &st) != SQLITE_OK) {
    rc = cw_sq_error(s, err, "store document");
    goto fail;
  }
  cw_sq_bind_text(st, 1, first->source_path ? first->source_path : "");
  cw_sq_bind_text(st, 2, dochash);
  cw_sq_bind_text(st, 3, added);
  sqlite3_bind_int64(st, 4, (sqlite3_int64)n);
  rc = sqlite3_step(st) == SQLITE_DONE ? CW_OK
                                        : cw_sq_error(s, err, "store document");
  cw_sq_done(s, st);
  if (rc)
    goto fail;
  doc = sqlite3_last_insert_rowid(s->db);
  /* the articles are analysed ANALYSIS_BATCH at a time, then stored one
   * by one: the analysis's tables (the tagger's weights, the gazetteer)
   * stay in the CPU's caches through a batch, where one article's
   * storing between two analyses would push them out */
  for (size_t i0 = 0; i0 < n; i0 += ANALYSIS_BATCH) {
    size_t m = n - i0 < ANALYSIS_BATCH ? n - i0 : ANALYSIS_BATCH;
    cw_analysis *pre[ANALYSIS_BATCH] = {0};
    char hash[ANALYSIS_BATCH][33];
    int fresh[ANALYSIS_BATCH];
    for (size_t k = 0; k < m; k++) {
      const cw_article *a = cw_articles_get(list, i0 + k);
      content_hash(a->title, a->text, hash[k]);
      /* what is stored is not analysed; nor is the content of an earlier
       * article of the batch, which add_one finds stored by then */
      fresh[k] = !already_stored(s, hash[k]);
      for (size_t e = 0; e < k && fresh[k]; e++)
        fresh[k] = strcmp(hash[e], hash[k]) != 0;
    }
    stage_mark(s, &s->stages.write);
    for (size_t k = 0; k < m; k++) {
      cw_article utc;
      char pub[32];
      /* a failure is left to add_one, which analyses again and says so */
      if (fresh[k])
        analyze_article(stored_form(cw_articles_get(list, i0 + k), &utc, pub),
                        &pre[k]);
    }
    stage_mark(s, &s->stages.analyze);
    for (size_t k = 0; k < m; k++) {
      rc = add_one(s, doc, cw_articles_get(list, i0 + k), hash[k], pre[k],
                   fresh[k], added, &res, err);
      pre[k] = NULL;
      if (rc) {
        while (++k < m)
          cw_analysis_free(pre[k]);
        goto fail;
      }
    }
  }
  stage_mark(s, &s->stages.write);
  if ((rc = df_flush(s, err)) ||
      (rc = cw_sq_bands_merge(s, CW_SQ_BANDS_RECENT_MAX, err)) ||
      (rc = cw_sq_terms_merge(s, CW_SQ_TERMS_RECENT_MAX, err)) ||
      (rc = cw_sq_hashes_merge(s, CW_SQ_HASHES_RECENT_MAX, err)) ||
      (rc = cw_sq_exec(s, "COMMIT", err)))
    goto fail;
  df_committed(s);
  cw_sq_posts_committed(s);
  stage_mark(s, &s->stages.commit);
  if (result)
    *result = res;
  return CW_OK;
fail:
  sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  cw_sq_forget(s); /* they may hold what was rolled back */
  return rc;
}

/* ---- reading stories ---------------------------------------------------- */

static json_t *jstr(const char *s) { return s ? json_string(s) : json_null(); }

/* An Article entry of a story from a row of (id, title, outlet, published,
 * source_path, source_part, source_id): {"id", "title", "outlet",
 * "published", "source", "copies": []}. */
static json_t *article_entry(sqlite3_stmt *st) {
  json_t *src = json_pack("{s:o,s:i,s:o}", "path", jstr(cw_sq_col_text(st, 4)),
                          "part", sqlite3_column_int(st, 5), "id",
                          jstr(cw_sq_col_text(st, 6)));
  return json_pack("{s:I,s:o,s:o,s:o,s:o,s:[]}", "id",
                   (json_int_t)sqlite3_column_int64(st, 0), "title",
                   jstr(cw_sq_col_text(st, 1)), "outlet",
                   jstr(cw_sq_col_text(st, 2)), "published",
                   jstr(cw_sq_col_text(st, 3)), "source", src, "copies");
}

/* The articles of a story, oldest first, with their source. */
static json_t *story_articles(cw_store *s, int64_t story, json_t *outlets) {
  sqlite3_stmt *st;
  json_t *arr = json_array();
  /* the copies array of each top-level article by id, and the outlets
   * seen: lookups by hash, so a story of a thousand articles and copies is
   * not quadratic */
  json_t *homes = json_object(), *seen = json_object();
  /* originals first, in publication order; then each copy under its
   * original (a copy whose original is elsewhere stands on its own) */
  if (!arr || !homes || !seen ||
      cw_sq_prep(s, "SELECT id, title, outlet, published, source_path,"
                    " source_part, source_id, copy_of FROM articles"
                    " WHERE story_id=? ORDER BY copy_of IS NOT NULL,"
                    " coalesce(published, added), id", &st) != SQLITE_OK) {
    json_decref(arr);
    json_decref(homes);
    json_decref(seen);
    return NULL;
  }
  sqlite3_bind_int64(st, 1, story);
  char key[24];
  while (sqlite3_step(st) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0);
    json_t *a = article_entry(st);
    if (!a)
      continue;
    json_t *home = NULL;
    if (sqlite3_column_type(st, 7) != SQLITE_NULL) {
      int64_t original = sqlite3_column_int64(st, 7);
      snprintf(key, sizeof key, "%lld", (long long)original);
      home = json_object_get(homes, key);
      if (home) {
        json_object_del(a, "copies");
        json_object_set_new(a, "copy_of", json_integer(original));
      }
    }
    if (!home) { /* top level: copies may come under it */
      snprintf(key, sizeof key, "%lld", (long long)id);
      json_object_set(homes, key, json_object_get(a, "copies"));
    }
    json_array_append_new(home ? home : arr, a);
    const char *outlet = cw_sq_col_text(st, 2);
    if (outlet && outlets && !json_object_get(seen, outlet)) {
      json_object_set_new(seen, outlet, json_true());
      json_array_append_new(outlets, json_string(outlet));
    }
  }
  cw_sq_done(s, st);
  json_decref(homes);
  json_decref(seen);
  return arr;
}

/* ---- a story as the list shows it -------------------------------------- */

typedef struct list_row {
  int64_t id;
  const char *pub; /* published, "" when none (in the arena) */
  long home;       /* the top-level row a copy sits under, or -1 */
  json_t *entry;   /* the row's Article entry when kept, else NULL */
} list_row;

typedef struct id_index {
  int64_t id;
  long row;
} id_index;

static int by_id_index(const void *x, const void *y) {
  int64_t a = ((const id_index *)x)->id, b = ((const id_index *)y)->id;
  return (a > b) - (a < b);
}

static int by_cstr(const void *x, const void *y) {
  return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* [{"day", "n"}] over the rows with a published day, days ascending. */
static json_t *articles_by_day(const list_row *rows, size_t n) {
  const char **days = malloc((n ? n : 1) * sizeof *days);
  json_t *out = json_array();
  if (!days || !out) {
    free(days);
    json_decref(out);
    return NULL;
  }
  size_t nd = 0, i, j;
  for (i = 0; i < n; i++)
    if (strlen(rows[i].pub) >= 10)
      days[nd++] = rows[i].pub;
  qsort(days, nd, sizeof *days, by_cstr);
  for (i = 0; i < nd; i = j) {
    for (j = i + 1; j < nd && !strncmp(days[i], days[j], 10); j++)
      ;
    json_array_append_new(out, json_pack("{s:s%,s:I}", "day", days[i],
                                         (size_t)10, "n", (json_int_t)(j - i)));
  }
  free(days);
  return out;
}

/* Marks the newest max top-level rows of rows[0..n_top) kept (entry set to
 * json_null() as a mark); of those published at the same time as the
 * oldest kept, the first in story order. */
static int keep_newest(list_row *rows, size_t n_top, size_t max) {
  size_t i;
  if (n_top <= max) {
    for (i = 0; i < n_top; i++)
      rows[i].entry = json_null();
    return 0;
  }
  const char **sorted = malloc(n_top * sizeof *sorted);
  if (!sorted)
    return -1;
  for (i = 0; i < n_top; i++)
    sorted[i] = rows[i].pub;
  qsort(sorted, n_top, sizeof *sorted, by_cstr);
  const char *cut = sorted[n_top - max];
  size_t above = 0; /* rows strictly newer than cut */
  for (i = 0; i < n_top; i++)
    above += strcmp(rows[i].pub, cut) > 0;
  size_t ties = max - above; /* of those equal to cut */
  for (i = 0; i < n_top; i++) {
    int c = strcmp(rows[i].pub, cut);
    if (c > 0 || (c == 0 && ties && ties--))
      rows[i].entry = json_null();
  }
  free(sorted);
  return 0;
}

/* A story's articles as its list entry carries them: those of
 * story_articles, but only the newest max top-level articles, each with
 * its copies, in story order. *by_day gets articles_by_day() of every
 * article and copy, *n_all their number, outlets every outlet. Every row
 * is read once for its id, outlet, date and original (no JSON for it);
 * only the kept ones are read in full, so a story of a thousand articles
 * costs the list a thousand index steps, not a thousand JSON objects. */
static json_t *story_articles_newest(cw_store *s, int64_t story,
                                     json_t *outlets, size_t max,
                                     json_t **by_day, size_t *n_all) {
  sqlite3_stmt *st;
  cw_vec rows, tops;
  cw_vec_init(&rows, sizeof(list_row));
  cw_vec_init(&tops, sizeof(id_index));
  cw_arena *ar = cw_arena_new();
  json_t *seen = json_object(), *arr = NULL;
  *by_day = NULL;
  *n_all = 0;
  if (!ar || !seen ||
      cw_sq_prep(s, "SELECT id, outlet, published, copy_of FROM articles"
                    " WHERE story_id=? ORDER BY copy_of IS NOT NULL,"
                    " coalesce(published, added), id", &st) != SQLITE_OK)
    goto out;
  sqlite3_bind_int64(st, 1, story);
  int sorted = 0, nomem = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    list_row *r = cw_vec_push(&rows);
    const char *pub = cw_sq_col_text(st, 2);
    if (!r || !(r->pub = cw_arena_strdup(ar, pub ? pub : ""))) {
      nomem = 1;
      break;
    }
    r->id = sqlite3_column_int64(st, 0);
    r->home = -1;
    if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
      /* copies come after every top-level row: its original, if here and
       * top-level itself, is among tops */
      if (!sorted) {
        qsort(tops.items, tops.len, sizeof(id_index), by_id_index);
        sorted = 1;
      }
      id_index key = {sqlite3_column_int64(st, 3), 0};
      const id_index *hit =
          tops.len ? bsearch(&key, tops.items, tops.len, sizeof key,
                             by_id_index)
                   : NULL;
      if (hit)
        r->home = hit->row;
    }
    if (r->home < 0) { /* top level; a copy standing alone sorts after */
      id_index *t = cw_vec_push(&tops);
      if (!t) {
        nomem = 1;
        break;
      }
      t->id = r->id;
      t->row = (long)(rows.len - 1);
      if (sorted) { /* a copy standing alone: into its place */
        id_index *v = tops.items, new = *t;
        size_t k = tops.len - 1;
        for (; k > 0 && v[k - 1].id > new.id; k--)
          v[k] = v[k - 1];
        v[k] = new;
      }
    }
    const char *outlet = cw_sq_col_text(st, 1);
    if (outlet && outlets && !json_object_get(seen, outlet)) {
      json_object_set_new(seen, outlet, json_true());
      json_array_append_new(outlets, json_string(outlet));
    }
  }
  cw_sq_done(s, st);
  list_row *row = rows.items;
  if (nomem || !(*by_day = articles_by_day(row, rows.len)))
    goto out;
  *n_all = rows.len;
  /* the top-level rows, in story order (originals, then copies standing
   * alone, as story_articles puts them), gathered for keep_newest */
  size_t i;
  list_row **top = malloc((tops.len ? tops.len : 1) * sizeof *top);
  list_row *tmp = malloc((tops.len ? tops.len : 1) * sizeof *tmp);
  if (!top || !tmp) {
    free(top);
    free(tmp);
    goto out;
  }
  size_t nt = 0;
  for (i = 0; i < rows.len; i++)
    if (row[i].home < 0) {
      top[nt] = &row[i];
      tmp[nt++] = row[i];
    }
  if (keep_newest(tmp, nt, max)) {
    free(top);
    free(tmp);
    goto out;
  }
  for (i = 0; i < nt; i++)
    top[i]->entry = tmp[i].entry;
  free(top);
  free(tmp);
  /* the kept rows (and their copies) read in full */
  if (cw_sq_prep(s, "SELECT id, title, outlet, published, source_path,"
                    " source_part, source_id FROM articles WHERE id=?",
                 &st) != SQLITE_OK)
    goto out;
  arr = json_array();
  for (i = 0; arr && i < rows.len; i++) {
    list_row *r = &row[i];
    list_row *home = r->home >= 0 ? &row[r->home] : NULL;
    if (home ? !home->entry : !r->entry)
      continue;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, r->id);
    json_t *a = sqlite3_step(st) == SQLITE_ROW ? article_entry(st) : NULL;
    r->entry = NULL;
    if (!a)
      continue;
    if (home) {
      json_object_del(a, "copies");
      json_object_set_new(a, "copy_of", json_integer(home->id));
      json_array_append_new(json_object_get(home->entry, "copies"), a);
    } else {
      r->entry = a; /* borrowed: arr holds it */
      json_array_append_new(arr, a);
    }
  }
  cw_sq_done(s, st);
out:
  cw_vec_free(&rows);
  cw_vec_free(&tops);
  cw_arena_free(ar);
  json_decref(seen);
  if (!arr) {
    json_decref(*by_day);
    *by_day = NULL;
  }
  return arr;
}

static void story_entity_types(cw_store *s, int64_t story, json_t *arr);

static json_t *story_entities(cw_store *s, int64_t story) {
  sqlite3_stmt *st;
  json_t *arr = json_array();
  if (cw_sq_prep(s, "SELECT e.name, e.type, count(DISTINCT e.article_id),"
          " sum(e.mentions), json_group_array(e.roles)"
          " FROM article_entities e JOIN articles a ON a.id = e.article_id"
          " WHERE a.story_id=? GROUP BY e.name"
          " ORDER BY count(DISTINCT e.article_id) DESC, sum(e.mentions) DESC,"
          " e.name LIMIT 30", &st) != SQLITE_OK) {
    json_decref(arr);
    return NULL;
  }
  sqlite3_bind_int64(st, 1, story);
  while (sqlite3_step(st) == SQLITE_ROW) {
    json_t *roles = json_array();
    json_t *lists = json_loads(cw_sq_col_text(st, 4), 0, NULL);
    size_t i, j;
    json_t *list, *r;
    json_array_foreach(lists, i, list) {
      json_t *inner = json_is_string(list) ? json_loads(json_string_value(list), 0, NULL) : json_incref(list);
      json_array_foreach(inner, j, r) {
        size_t k;
        json_t *have;
        int seen = 0;
        json_array_foreach(roles, k, have) seen |= json_equal(have, r);
        if (!seen)
          json_array_append(roles, r);
      }
      json_decref(inner);
    }
    json_decref(lists);
    json_array_append_new(
        arr, json_pack("{s:s,s:s,s:o,s:I,s:I}", "name", cw_sq_col_text(st, 0),
                       "type", cw_sq_col_text(st, 1), "roles", roles, "articles",
                       (json_int_t)sqlite3_column_int64(st, 2), "mentions",
                       (json_int_t)sqlite3_column_int64(st, 3)));
  }
  cw_sq_done(s, st);
  story_entity_types(s, story, arr);
  return arr;
}

/* Sets the "type" of each entity of arr (story_entities) to the one most of
 * the story's articles give it, then the one of most mentions, a known
 * type before "unknown": outlets' analyses disagree ("Brevik Construct"
 * typed a person by one article and an organisation by three), and the
 * grouped query above would show whichever row came last. */
static void story_entity_types(cw_store *s, int64_t story, json_t *arr) {
  size_t n = json_array_size(arr);
  if (!n)
    return;
  int64_t *best = calloc(n, 2 * sizeof *best); /* articles, mentions */
  sqlite3_stmt *st;
  if (!best ||
      cw_sq_prep(s, "SELECT e.name, e.type, count(DISTINCT e.article_id),"
                    " sum(e.mentions)"
                    " FROM article_entities e JOIN articles a"
                    " ON a.id = e.article_id WHERE a.story_id=?"
                    " GROUP BY e.name, e.type", &st) != SQLITE_OK) {
    free(best);
    return;
  }
  sqlite3_bind_int64(st, 1, story);
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *name = cw_sq_col_text(st, 0), *type = cw_sq_col_text(st, 1);
    int64_t arts = sqlite3_column_int64(st, 2), ments = sqlite3_column_int64(st, 3);
    for (size_t i = 0; i < n; i++) {
      json_t *e = json_array_get(arr, i);
      if (strcmp(json_string_value(json_object_get(e, "name")), name))
        continue;
      const char *have = json_string_value(json_object_get(e, "type"));
      int64_t *b = &best[2 * i];
      int better = arts != b[0] ? arts > b[0]
                   : ments != b[1] ? ments > b[1]
                   : strcmp(have, "unknown") ? 0
                                             : strcmp(type, "unknown") != 0;
      if (!b[0] || better) {
        b[0] = arts;
        b[1] = ments;
        json_object_set_new(e, "type", json_string(type));
      }
      break;
    }
  }
  cw_sq_done(s, st);
  free(best);
}

/* Summary: the lead sentence of the most central articles, one per outlet,
 * in order of centrality, at most three. */

/* A story from a row of STORY_COLUMNS: the light object, or with full the
 * whole Story; with newest (light only), as the list shows it: the newest
 * articles only, with "articles_by_day" and "n_with_copies". */
static json_t *story_object(cw_store *s, sqlite3_stmt *row, int full,
                            size_t newest) {
  int64_t id = sqlite3_column_int64(row, 0);
  json_t *outlets = json_array();
  json_t *by_day = NULL;
  size_t n_all = 0;
  json_t *articles =
      newest && !full
          ? story_articles_newest(s, id, outlets, newest, &by_day, &n_all)
          : story_articles(s, id, outlets);
  json_t *o = json_pack("{s:I,s:o,s:o,s:o,s:o,s:o}", "id", (json_int_t)id,
                        "title", jstr(cw_sq_col_text(row, 1)), "first_seen",
                        jstr(cw_sq_col_text(row, 2)), "last_update",
                        jstr(cw_sq_col_text(row, 3)), "outlets", outlets,
                        "articles", articles ? articles : json_array());
  if (!o) {
    json_decref(by_day);
    return NULL;
  }
  json_object_set_new(o, "n_articles", json_integer(sqlite3_column_int(row, 4)));
  if (by_day) {
    json_object_set_new(o, "articles_by_day", by_day);
    json_object_set_new(o, "n_with_copies", json_integer((json_int_t)n_all));
  }
  if (full) {
    json_t *ents = story_entities(s, id);
    json_t *summary = cw_sq_story_summary(s, id);
    json_object_set_new(o, "entities", ents ? ents : json_array());
    if (cw_sq_story_derived(s, id, o)) {
      json_object_set_new(o, "timeline", json_array());
      json_object_set_new(o, "quotes", json_array());
      json_object_set_new(o, "discrepancies", json_array());
    }
    json_object_set_new(o, "summary", summary ? summary : json_array());
    json_t *coverage = cw_sq_story_coverage(s, id);
    json_t *related = cw_sq_story_related(s, id);
    json_object_set_new(o, "coverage", coverage ? coverage : json_array());
    json_object_set_new(o, "related", related ? related : json_array());
  }
  return o;
}

#define STORY_COLUMNS "id, title, first_seen, last_update, n_articles"

/* Steps st (rows of STORY_COLUMNS) and hands each story to sink; gives st
 * back. */
static cw_status emit_stories(cw_store *s, sqlite3_stmt *st, int full,
                              size_t newest, cw_json_sink sink, void *ctx,
                              cw_error *err) {
  cw_status rc = CW_OK;
  int step;
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    json_t *o = story_object(s, st, full, newest);
    char *js = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    if (!js) {
      rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
      break;
    }
    int stop = sink(ctx, js, strlen(js));
    free(js);
    if (stop)
      break;
  }
  if (!rc && step != SQLITE_ROW && step != SQLITE_DONE)
    rc = cw_sq_error(s, err, "list stories");
  cw_sq_done(s, st);
  return rc;
}

cw_status cw_store_list_stories(cw_store *s, const char *since, int full,
                                cw_json_sink sink, void *ctx, cw_error *err) {
  sqlite3_stmt *st;
  if (cw_sq_prep(s,
                         "SELECT " STORY_COLUMNS " FROM stories"
                         " WHERE n_articles > 0 AND (?1 IS NULL OR"
                         " last_update >= ?1)"
                         " ORDER BY last_update DESC, id DESC", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "list stories");
  cw_sq_bind_text(st, 1, since);
  return emit_stories(s, st, full, 0, sink, ctx, err);
}

cw_status cw_store_story_page(cw_store *s, const cw_story_page *pg,
                              cw_json_sink sink, void *ctx, cw_error *err) {
  /* one statement per shape, so that SQLite plans each well: with a
   * cursor, the scan of stories_by_update (last_update, then rowid) starts
   * at it; with ids, the rows are looked up by id and sorted */
#define PAGE_SQL(extra)                                                      \
  "SELECT " STORY_COLUMNS " FROM stories"                                    \
  " WHERE n_articles > 0 AND (?1 IS NULL OR last_update >= ?1)" extra        \
  " AND (?4 IS NULL OR EXISTS(SELECT 1 FROM articles a"                      \
  "   WHERE a.story_id = stories.id AND a.outlet = ?4 COLLATE NOCASE))"      \
  " AND (?6 IS NULL OR id IN (SELECT value FROM json_each(?6)))"             \
  " ORDER BY last_update DESC, id DESC LIMIT ?5"
  static const char *const sql[2] = {
      PAGE_SQL(""),
      PAGE_SQL(" AND (last_update < ?2 OR (last_update = ?2 AND id < ?3))")};
#undef PAGE_SQL
  sqlite3_stmt *st;
  if (cw_sq_prep(s, sql[pg->after_update != NULL], &st) != SQLITE_OK)
    return cw_sq_error(s, err, "list stories");
  char *ids = NULL;
  if (pg->ids) {
    cw_buf b;
    cw_buf_init(&b, 32 + 21 * pg->n_ids);
    cw_buf_putc(&b, '[');
    for (size_t i = 0; i < pg->n_ids; i++)
      cw_buf_printf(&b, "%s%lld", i ? "," : "", (long long)pg->ids[i]);
    cw_buf_putc(&b, ']');
    if (b.err) {
      cw_buf_free(&b);
      cw_sq_done(s, st);
      return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
    }
    ids = cw_buf_detach(&b);
  }
  cw_sq_bind_text(st, 1, pg->since);
  if (pg->after_update) {
    cw_sq_bind_text(st, 2, pg->after_update);
    sqlite3_bind_int64(st, 3, pg->after_id);
  }
  cw_sq_bind_text(st, 4, pg->outlet);
  sqlite3_bind_int64(st, 5, (sqlite3_int64)pg->limit);
  cw_sq_bind_text(st, 6, ids);
  cw_status rc = emit_stories(s, st, 0, pg->newest, sink, ctx, err);
  free(ids);
  return rc;
}

cw_status cw_store_story_version(cw_store *s, int64_t story, int64_t *version,
                                 cw_error *err) {
  sqlite3_stmt *st;
  if (cw_sq_prep(s, "SELECT version FROM stories WHERE id=? AND n_articles > 0",
                 &st) != SQLITE_OK)
    return cw_sq_error(s, err, "read story");
  sqlite3_bind_int64(st, 1, story);
  int step = sqlite3_step(st);
  cw_status rc = CW_OK;
  if (step == SQLITE_ROW)
    *version = sqlite3_column_int64(st, 0);
  else if (step == SQLITE_DONE)
    rc = cw_error_set(err, CW_ERR_NOT_FOUND, 0, "%s: no story %lld", s->path,
                      (long long)story);
  else
    rc = cw_sq_error(s, err, "read story");
  cw_sq_done(s, st);
  return rc;
}

cw_status cw_store_story_json(cw_store *s, int64_t story, char **out,
                              cw_error *err) {
  sqlite3_stmt *st;
  cw_status rc = CW_OK;
  *out = NULL;
  if (cw_sq_prep(s,
                         "SELECT " STORY_COLUMNS " FROM stories WHERE id=?"
                         " AND n_articles > 0", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "read story");
  sqlite3_bind_int64(st, 1, story);
  if (sqlite3_step(st) == SQLITE_ROW) {
    json_t *o = story_object(s, st, 1, 0);
    *out = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    if (!*out)
      rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
  } else {
    /* a story merged into another says where its articles went */
    sqlite3_stmt *m;
    int64_t into = 0;
    if (cw_sq_prep(s, "SELECT into_story FROM story_merges"
                           " WHERE from_story=? ORDER BY rowid DESC LIMIT 1", &m) == SQLITE_OK) {
      sqlite3_bind_int64(m, 1, story);
      if (sqlite3_step(m) == SQLITE_ROW)
        into = sqlite3_column_int64(m, 0);
      cw_sq_done(s, m);
    }
    if (into)
      rc = cw_error_set(err, CW_ERR_NOT_FOUND, 0,
                        "%s: story %lld was merged into story %lld", s->path,
                        (long long)story, (long long)into);
    else
      rc = cw_error_set(err, CW_ERR_NOT_FOUND, 0, "%s: no story %lld",
                        s->path, (long long)story);
  }
  cw_sq_done(s, st);
  return rc;
}
