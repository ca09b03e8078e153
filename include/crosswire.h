/* crosswire.h - the public C API of crosswire, a news story engine.
 *
 * crosswire reads news (plain-text pages, aggregator pages, JSON lines),
 * extracts the articles in them, groups articles about one real-world event
 * into stories and keeps everything in an archive (SQLite by default).
 *
 * Conventions:
 * - Every call that can fail returns a cw_status (CW_OK = 0); results go in
 *   trailing out-parameters. Status numbers are never renumbered.
 * - An optional cw_error *err (may be NULL) receives a one-line message that
 *   names the input and the problem, lower case, no final period.
 * - Strings are UTF-8. Handles are opaque. Each result says who frees it;
 *   every cw_*_free(NULL) does nothing.
 * - Thread safety: distinct handles may be used from distinct threads; one
 *   handle must not be used by two threads at once.
 * - Numbers are read and written with a point ("9.25%", JSON) whatever
 *   locale the program has set (LC_NUMERIC). Text is compared as UTF-8
 *   bytes and ASCII case; the program's LC_CTYPE should be a UTF-8 locale
 *   or "C".
 */
#ifndef CROSSWIRE_H
#define CROSSWIRE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define CW_API __attribute__((visibility("default")))
#else
#define CW_API
#endif

#define CW_VERSION "0.1.0"

typedef enum cw_status {
  CW_OK = 0,
  CW_ERR_NOMEM = 1,     /* out of memory */
  CW_ERR_IO = 2,        /* cannot open, read or write a file */
  CW_ERR_USAGE = 3,     /* invalid argument */
  CW_ERR_FORMAT = 4,    /* input is not in a readable format */
  CW_ERR_TOO_BIG = 5,   /* input exceeds a size limit */
  CW_ERR_EMPTY = 6,     /* input holds no text */
  CW_ERR_BINARY = 7,    /* input is binary data, not text */
  CW_ERR_STORE = 8,     /* the archive failed (SQLite error) */
  CW_ERR_NOT_FOUND = 9, /* no such story, article or file */
  CW_ERR_CHARSET = 10,  /* text could not be decoded */
  CW_ERR_VERSION = 11   /* archive written by a newer crosswire */
} cw_status;

typedef struct cw_error {
  cw_status code;
  size_t offset; /* byte offset into the input when it applies, else 0 */
  char msg[512];
} cw_error;

/* Static English text for a status; never NULL. */
CW_API const char *cw_strerror(cw_status status);

/* ---- articles ----------------------------------------------------------
 *
 * An article as extracted from one input. All strings are UTF-8 (NFC) and
 * NULL when the input does not carry them. Owned by the cw_articles list.
 */
typedef struct cw_article {
  const char *title;
  const char *outlet;
  const char *url;
  const char *published; /* ISO 8601: 2025-06-06 or 2025-06-06T14:05:00Z */
  const char *dateline;  /* "Moscow", "WASHINGTON" */
  const char *byline;
  const char *text; /* body only, paragraphs separated by a blank line */
  const char *const *credits; /* "PHOTO: ERIC LEE/NYTIMES", "NYTIMES" */
  size_t n_credits;
  const char *source_path; /* the input's path or URL */
  const char *source_id;   /* the id of a JSON lines record */
  int part;                /* 0 = the page's main article, 1.. = others */
} cw_article;

typedef struct cw_articles cw_articles;

/* Limits against hostile or accidental input. */
#define CW_DEFAULT_MAX_INPUT ((size_t)64 << 20) /* 64 MiB per input file */

typedef struct cw_extract_opts {
  size_t max_input; /* bytes; 0 = CW_DEFAULT_MAX_INPUT */
  /* Crawl time of the input as ISO 8601, used to resolve relative ages
   * ("39 minutes ago") when the page carries no date; NULL = unknown, and
   * then no published time is invented. */
  const char *crawl_time;
} cw_extract_opts;

/* Extracts the articles of one input held in memory. origin names the
 * input in messages and becomes source_path. On success *out is a new list
 * the caller frees with cw_articles_free(). opts may be NULL. */
CW_API cw_status cw_extract_bytes(const char *data, size_t len,
                                  const char *origin,
                                  const cw_extract_opts *opts,
                                  cw_articles **out, cw_error *err);

/* Same, reading the file at path (at most opts->max_input bytes). */
CW_API cw_status cw_extract_file(const char *path, const cw_extract_opts *opts,
                                 cw_articles **out, cw_error *err);

CW_API size_t cw_articles_count(const cw_articles *list);
CW_API const cw_article *cw_articles_get(const cw_articles *list, size_t i);
/* Non-fatal remarks about the input ("3 invalid UTF-8 sequences replaced"),
 * each a one-line message naming the input. */
CW_API size_t cw_articles_warning_count(const cw_articles *list);
CW_API const char *cw_articles_warning(const cw_articles *list, size_t i);
CW_API void cw_articles_free(cw_articles *list);

/* Writes one article as a JSON object (the Article contract of DESIGN.md)
 * into a new string the caller frees with free(). */
CW_API cw_status cw_article_to_json(const cw_article *article, char **out);

/* ---- the archive ------------------------------------------------------- */

typedef struct cw_store cw_store;

/* Opens (creating when missing) the SQLite archive at path, migrating its
 * schema. Refuses, with CW_ERR_VERSION, a file written by a newer schema.
 * Free with cw_store_close(). */
CW_API cw_status cw_store_open(const char *path, cw_store **out,
                               cw_error *err);
CW_API void cw_store_close(cw_store *store);

typedef struct cw_add_result {
  size_t articles_found;  /* articles the input held */
  size_t articles_added;  /* new articles stored */
  size_t duplicates;      /* articles already in the archive */
  size_t stories_created; /* stories opened by this input */
} cw_add_result;

/* Stores every article of list, analysing and clustering each into a story,
 * in one transaction: all of the list is stored, or nothing. Storing the
 * same content again adds nothing. result may be NULL. */
CW_API cw_status cw_store_add_articles(cw_store *store,
                                       const cw_articles *list,
                                       cw_add_result *result, cw_error *err);

/* Where the CPU time of cw_store_add_articles goes, by stage: seconds of
 * the calling thread's CPU time (user and system), summed over the calls
 * on this store since cw_store_time_stages(store, 1). For finding what
 * grows with an archive's size (bench/run prints it per article). */
typedef struct cw_stage_times {
  double analyze; /* cw_analyze and cw_analyze_deep of each new article */
  double copies;  /* its shingles, MinHash and near-copy lookup */
  double cluster; /* its story vector, candidate stories and the pick */
  double write;   /* the duplicate check, the rows of the article, its
                     analysis and signature, the story's update */
  double split;   /* story merges and split checks after a join */
  double commit;  /* counts flushed, recent tables merged, the commit
                     (with SQLite's checkpoint of its log) */
} cw_stage_times;

/* Starts (on != 0) or stops timing the stages of the store's ingests;
 * starting clears the sums. Off by default: it costs six clock reads per
 * article. */
CW_API void cw_store_time_stages(cw_store *store, int on);
/* The sums so far (zeros when never started). */
CW_API void cw_store_stage_times(const cw_store *store, cw_stage_times *out);

/* Writes stories as JSON lines (the Story contract), newest activity first,
 * through the callback, one object per call. since (ISO date or NULL)
 * keeps stories updated on or after it. full = 0 leaves out the heavy
 * fields (timeline, quotes, discrepancies, summary). */
typedef int (*cw_json_sink)(void *ctx, const char *json, size_t len);
CW_API cw_status cw_store_list_stories(cw_store *store, const char *since,
                                       int full, cw_json_sink sink,
                                       void *ctx, cw_error *err);

/* One page of the story list, in the order of cw_store_list_stories
 * (last_update, then id, both descending), light objects (full = 0).
 * With newest > 0 each object is a list entry: "articles" keeps only the
 * newest `newest` articles (with their copies; n_articles still counts
 * all), and "articles_by_day" ([{"day", "n"}], copies counted) and
 * "n_with_copies" describe them all; a story of any size then costs one
 * index walk and `newest` article reads. */
typedef struct cw_story_page {
  const char *since;        /* last_update >= since; NULL for all */
  const char *after_update; /* a cursor: only stories sorting after */
  int64_t after_id;         /* (after_update, after_id); NULL for none */
  const char *outlet;       /* with an article of this outlet (any case) */
  size_t limit;             /* at most this many objects */
  const int64_t *ids;       /* only these stories (a search's), or NULL */
  size_t n_ids;
  size_t newest; /* list entries with the newest this many articles; 0: all */
} cw_story_page;
CW_API cw_status cw_store_story_page(cw_store *store, const cw_story_page *page,
                                     cw_json_sink sink, void *ctx,
                                     cw_error *err);

/* A story's version: a counter raised by every change to what the story
 * shows (an article joins, a story is merged in). Equal versions mean equal
 * cw_store_story_json output, save for "related", which follows other
 * stories. CW_ERR_NOT_FOUND when there is no such story. */
CW_API cw_status cw_store_story_version(cw_store *store, int64_t story_id,
                                        int64_t *version, cw_error *err);

/* One story as JSON (the Story contract) in a new string the caller frees
 * with free(). CW_ERR_NOT_FOUND when there is no such story. */
CW_API cw_status cw_store_story_json(cw_store *store, int64_t story_id,
                                     char **out, cw_error *err);

/* One stored article as JSON in a new string the caller frees with free():
 * the Article contract plus {"id", "story_id", "copy_of", "copies"}.
 * CW_ERR_NOT_FOUND when there is no such article. (src/store/article_json.c)
 */
CW_API cw_status cw_store_article_json(cw_store *store, int64_t article_id,
                                       char **out, cw_error *err);

/* The outlets of the archive as a JSON array in a new string the caller
 * frees: [{"name", "articles", "stories", "last_published"}], most
 * articles first. Articles without an outlet are not counted. */
CW_API cw_status cw_store_outlets_json(cw_store *store, char **out,
                                       cw_error *err);

/* ---- the archive: search, export and import, statistics ----------------
 * (src/store/search.c, export.c, stats.c; the query language is described
 * in src/store/search.h and docs/schema.md) */

#define CW_SEARCH_DEFAULT_LIMIT 20

typedef struct cw_search_opts {
  size_t limit;           /* results at most; 0 = CW_SEARCH_DEFAULT_LIMIT */
  const char *mark_open;  /* put before each match in snippets; NULL = "«" */
  const char *mark_close; /* and after it; NULL = "»" */
} cw_search_opts;

/* Full-text search over articles: words, "phrases", prefix*, AND OR NOT,
 * ( ), and the filters outlet:NAME since:DATE until:DATE story:ID. Each
 * result goes to sink as one JSON object {"article_id", "story_id",
 * "title", "outlet", "published", "score", "snippet", "source"}, best
 * first (BM25 blended with recency). A malformed query gives CW_ERR_USAGE
 * (CW_ERR_EMPTY when it holds nothing to search for) with a message; the
 * archive is only read. opts may be NULL. */
CW_API cw_status cw_store_search(cw_store *store, const char *query,
                                 const cw_search_opts *opts, cw_json_sink sink,
                                 void *ctx, cw_error *err);

/* Writes the whole archive as JSON lines through sink: a header line, then
 * stories (the Story object plus the clustering state), then each document
 * followed by its articles (text, source, copies, entities), then the
 * term statistics. Output is deterministic: the same archive gives the
 * same bytes. Reads in one transaction, so a concurrent writer does not
 * tear it. */
CW_API cw_status cw_store_export(cw_store *store, cw_json_sink sink, void *ctx,
                                 cw_error *err);

typedef struct cw_import_result {
  size_t documents;   /* documents restored */
  size_t articles;    /* articles restored with their story */
  size_t stories;     /* stories restored */
  size_t reclustered; /* articles without a story id, added as new input */
} cw_import_result;

/* Reads an export (path, "-" for standard input) into an EMPTY archive,
 * re-creating documents, articles, stories and assignments with their ids
 * and without re-clustering; articles that carry no story id are ingested
 * as new input afterwards. All of the export is restored or nothing
 * (CW_ERR_FORMAT names the line at fault). result may be NULL. */
CW_API cw_status cw_store_import(cw_store *store, const char *path,
                                 cw_import_result *result, cw_error *err);

/* Counts and sizes as one JSON object in a new string the caller frees:
 * {"schema_version", "db_bytes", "file_bytes", "documents", "articles",
 * "stories", "outlets", "entities", "feeds": [...]}. */
CW_API cw_status cw_store_stats_json(cw_store *store, char **out,
                                     cw_error *err);

/* Runs SQLite's integrity check (PRAGMA integrity_check) and the FTS
 * index check; *out (caller frees) is "ok" or the problems found, one per
 * line. CW_OK means the check ran, not that it passed. */
CW_API cw_status cw_store_check(cw_store *store, char **out, cw_error *err);

/* ---- the archive: feed subscriptions (src/store/feeds.c) --------------- */

/* Subscribes to the feed at url (title may be NULL); subscribing twice
 * keeps one row. *id gets its id and *created 1 when the row is new (both
 * may be NULL). */
CW_API cw_status cw_store_feed_subscribe(cw_store *store, const char *url,
                                         const char *title, int64_t *id,
                                         int *created, cw_error *err);
/* The subscriptions as a JSON array in a new string the caller frees:
 * [{"id", "url", "title", "etag", "last_modified", "last_fetch",
 * "last_status", "last_error", "added", "entries"}], oldest first. */
CW_API cw_status cw_store_feeds_json(cw_store *store, char **out,
                                     cw_error *err);
/* Unsubscribes by URL or by id (decimal text); CW_ERR_NOT_FOUND when no
 * feed matches. The entries already stored as articles stay. */
CW_API cw_status cw_store_feed_remove(cw_store *store, const char *url_or_id,
                                      cw_error *err);

typedef struct cw_feed_poll {
  const char *title;         /* feed title learnt, or NULL to keep */
  long status;               /* HTTP status, 0 when no answer came */
  const char *etag;          /* validators of a 2xx answer */
  const char *last_modified;
  const char *error;         /* what went wrong, or NULL */
} cw_feed_poll;

/* Records the outcome of one poll of feed feed_id (validators are kept
 * unless the answer was a 2xx). */
CW_API cw_status cw_store_feed_record(cw_store *store, int64_t feed_id,
                                      const cw_feed_poll *poll,
                                      cw_error *err);
/* Whether the entry key (its id, else its link) of a feed was taken in. */
CW_API cw_status cw_store_feed_entry_seen(cw_store *store, int64_t feed_id,
                                          const char *entry, int *seen,
                                          cw_error *err);
/* Marks an entry as taken in, with a note (NULL when all went well). */
CW_API cw_status cw_store_feed_entry_mark(cw_store *store, int64_t feed_id,
                                          const char *entry, const char *note,
                                          cw_error *err);

#ifdef __cplusplus
}
#endif
#endif
