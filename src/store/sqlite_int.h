/* sqlite_int.h - what the files of the SQLite backend share (sqlite.c:
 * open, ingest, stories; search.c, export.c and others beside it). Private
 * to src/store: nothing outside this folder includes it but the unit
 * tests of its in-memory caches (test_postings.c, test_copy_filter.c).
 */
#ifndef CW_SQLITE_INT_H
#define CW_SQLITE_INT_H

#include "crosswire.h"

#include <sqlite3.h>
#include <stddef.h>

/* The page size of the archives crosswire creates (an archive keeps the
 * size it was made with). An ingest into a big archive dirties a few
 * pages of random-keyed indexes per article, and on the machines we
 * measure on each page costs more in system calls (the WAL frame's two
 * writes, the checkpoint's read and write) than in bytes: at 16 KiB an
 * article added to a million-article archive costs about a tenth less
 * CPU than at 4 KiB, its commit stage a third less (docs/schema.md,
 * "Connection settings"). */
#define CW_SQ_PAGE_SIZE 16384

/* Prepared statements kept for the connection's life, keyed by the
 * address of their SQL text (a string literal or other storage that
 * outlives the store). Preparing is a sixth of an ingest otherwise. */
#define CW_SQ_CACHE 128
typedef struct cw_sq_cached {
  const char *sql;
  sqlite3_stmt *st;
  int busy; /* handed out and not yet given back */
} cw_sq_cached;

struct cw_store {
  sqlite3 *db;
  char *path;
  cw_sq_cached cache[CW_SQ_CACHE];
  size_t n_cache;
  /* sqlite.c: the clustering state of recently used stories, kept in
   * memory while this connection writes (NULL until the first ingest) */
  struct cw_sq_states *states;
  struct cw_sq_df *df; /* document frequencies read and counted */
  struct cw_sq_posts *posts; /* postings.c: story-term postings read */
  struct cw_sq_bands *bands; /* derived.c: band keys each period holds */
  struct cw_sq_links *links; /* links.c: split-check links by article pair */
  struct cw_sq_sets *sets;   /* derived.c: shingle sets of recent articles */
  struct cw_sq_hashset *hashset; /* sqlite.c: the stored content hashes */
  /* derived.c: rows of copy_bands_recent, when counted (bands_known);
   * sqlite.c: of story_terms_recent (terms_known) and of
   * article_hashes_recent (hashes_known) */
  int64_t bands_recent, terms_recent, hashes_recent;
  int bands_known, terms_known, hashes_known;
  int64_t data_version; /* PRAGMA data_version when the states were valid */
  int ingest_cache;     /* the ingest's larger page cache is set */
  /* sqlite.c: cw_store_time_stages; the thread CPU time at the last mark */
  int stage_on;
  double stage_last;
  cw_stage_times stages;
};

/* pagemem.c: makes SQLite allocate its page caches' pages from a region
 * the kernel may back with huge pages (fewer page faults to fill a cache).
 * Call once, before SQLite's first use; returns 1 when it took effect (0:
 * SQLite was already in use, a sanitizer build, no address space, or
 * CROSSWIRE_PAGE_ARENA=0). */
int cw_sq_pagemem_setup(void);
/* 1 when the region is in use. */
int cw_sq_pagemem_active(void);
/* Blocks (slots) of that region in use now. */
size_t cw_sq_pagemem_slots(void);

/* Sets err from the connection's last error: "<path>: <what>: <sqlite>";
 * returns CW_ERR_STORE. */
cw_status cw_sq_error(cw_store *s, cw_error *err, const char *what);
/* Runs SQL without results (several statements allowed). */
cw_status cw_sq_exec(cw_store *s, const char *sql, cw_error *err);
/* Prepares sql, reusing the connection's cached statement for that
 * address when it is free; returns SQLITE_OK or SQLite's error. sql must
 * outlive the store (a literal). Give the statement back with cw_sq_done. */
int cw_sq_prep(cw_store *s, const char *sql, sqlite3_stmt **st);
/* Gives back a statement from cw_sq_prep (or any statement of s): a cached
 * one is reset and its bindings cleared, another finalized. NULL is fine. */
void cw_sq_done(cw_store *s, sqlite3_stmt *st);
/* Binds v as text, or NULL when v is NULL (SQLITE_TRANSIENT). */
void cw_sq_bind_text(sqlite3_stmt *st, int i, const char *v);
/* Binds v as text without copying it (NULL: SQL NULL): v must stay
 * unchanged until the statement is given back (cw_sq_done) or bound
 * again. Copying each article's text and every analysis string was 1% of
 * ingest. */
void cw_sq_bind_static(sqlite3_stmt *st, int i, const char *v);
/* Column i as text (NULL for SQL NULL). */
const char *cw_sq_col_text(sqlite3_stmt *st, int i);

/* Forgets what the connection keeps in memory of the archive between
 * ingests (story states, document frequencies, postings): after a write
 * that bypassed them, such as an import. */
void cw_sq_forget(cw_store *s);

/* postings.c: story ids whose index terms (story_terms) hold a term,
 * newest first, kept in memory while the connection ingests. A lookup
 * reads at most this many. */
#define CW_SQ_POSTINGS_PER_TERM 48
/* The newest stories (at most CW_SQ_POSTINGS_PER_TERM, newest first) that
 * hold term: *ids is borrowed until the next call on s. */
cw_status cw_sq_posts_get(cw_store *s, const char *term, const int64_t **ids,
                          size_t *n, cw_error *err);
/* story_terms gained or lost the row (term, story). */
void cw_sq_posts_added(cw_store *s, const char *term, int64_t story);
void cw_sq_posts_removed(cw_store *s, const char *term, int64_t story);
/* After a commit: drops the table when it has grown past its bound. */
void cw_sq_posts_committed(cw_store *s);
/* Drops the table (rollback, another writer, close). */
void cw_sq_posts_clear(cw_store *s);

/* links.c: cw_story_link of two articles (later = the larger id, passed
 * first to cw_story_link), kept while the connection ingests. get returns
 * 1 and *z when known. */
int cw_sq_link_get(cw_store *s, int64_t later, int64_t earlier, double *z);
void cw_sq_link_put(cw_store *s, int64_t later, int64_t earlier, double z);
void cw_sq_links_clear(cw_store *s);

/* derived.c: near-copies and what articles say */
/* Drops the filters of the band keys each period holds (and the count of
 * copy_bands_recent's rows). */
void cw_sq_bands_clear(cw_store *s);
/* Before the ingest's commit: moves the band keys of recent articles
 * into copy_bands, in key order, once copy_bands_recent holds
 * `at_least` keys (derived.c uses 2^18; a test passes less). */
cw_status cw_sq_bands_merge(cw_store *s, int64_t at_least, cw_error *err);
/* Builds and keeps the band-key filter of every period of copy_bands
 * (copy_band_filters, schema version 13), in the write transaction open:
 * migration 13 of an existing archive (about 4 s at 862k articles, once).
 * A period whose filter could not be built is looked up without one. */
void cw_sq_bands_filters_build(cw_store *s);
/* The bound an ingest merges at (a build may set it lower to test). */
#ifndef CW_SQ_BANDS_RECENT_MAX
#define CW_SQ_BANDS_RECENT_MAX ((int64_t)1 << 18)
#endif
/* sqlite.c: story_terms_recent's rows are moved into story_terms at the
 * ingest's commit once there are this many. */
#ifndef CW_SQ_TERMS_RECENT_MAX
#define CW_SQ_TERMS_RECENT_MAX ((int64_t)1 << 17)
#endif
cw_status cw_sq_terms_merge(cw_store *s, int64_t at_least, cw_error *err);
/* sqlite.c: article_hashes_recent's rows are moved into article_hashes at
 * the ingest's commit once there are this many. */
#ifndef CW_SQ_HASHES_RECENT_MAX
#define CW_SQ_HASHES_RECENT_MAX ((int64_t)1 << 16)
#endif
cw_status cw_sq_hashes_merge(cw_store *s, int64_t at_least, cw_error *err);
/* sqlite.c: packs the centroid (stories.centroid) of every story that has
 * story_terms rows but no packed copy, as stories stored before schema 5:
 * the migration to 16 and import call it. */
cw_status cw_sq_centroids_pack(cw_store *s, cw_error *err);
/* sqlite.c: merges stories `a` and `b` (similarity sim, at `when`) in the
 * write transaction open: the one with fewer articles (`a` on a tie) moves
 * into the other, which keeps its id (*kept), adds the centroids and
 * facets, and the move is recorded; the ingest calls it when an article
 * ties two stories that already look alike. */
cw_status cw_sq_merge_stories(cw_store *s, int64_t a, int64_t b, double sim,
                              const char *when, int64_t *kept,
                              cw_error *err);
/* Keeps the shingle set of a stored article for later copy checks,
 * taking set's hashes (set is left empty) unless the byte bound is
 * reached (set is then left as it was). */
struct cw_shingle_set;
void cw_sq_sets_put(cw_store *s, int64_t article, struct cw_shingle_set *set);
/* Drops the kept shingle sets (rollback, another writer, close). */
void cw_sq_sets_clear(cw_store *s);
/* How many shingle sets are kept (for tests): of the articles stored on
 * this connection, and computed from a candidate's stored text. */
size_t cw_sq_sets_held(const cw_store *s);
size_t cw_sq_sets_read_held(const cw_store *s);
/* How many candidates' stored texts were shingled since the sets were
 * last dropped (for tests). */
size_t cw_sq_sets_texts_read(const cw_store *s);
/* How many periods have their filter built, and whether the filter of
 * copy_bands_recent is (for tests). */
size_t cw_sq_bands_built(const cw_store *s);
int cw_sq_bands_recent_built(const cw_store *s);
/* Kept band-key filters read from the archive on this connection, and
 * the keys of copy_bands that their period's kept filter lacks (0 unless
 * a filter is wrong; -1 when a kept filter cannot be read) (for tests). */
size_t cw_sq_bands_loaded(const cw_store *s);
/* Band-key lookups answered from the holders kept in memory (for tests). */
uint64_t cw_sq_bands_holder_hits(const cw_store *s);
/* Drops the stored content hashes kept in memory (sqlite.c). */
void cw_sq_hashset_clear(cw_store *s);
/* Content-hash lookups that the hashes kept in memory answered, and
 * builds that set now, whatever the lookups made: 1 when built (for
 * tests). */
uint64_t cw_sq_hashset_skipped(const cw_store *s);
int cw_sq_hashset_build(cw_store *s);
/* The holders kept in memory that are not the newest COPY_POSTINGS
 * holders of their key in the archive (0 unless the cache is wrong; -1
 * when the archive cannot be read); *kept gets how many keys are kept
 * (for tests). */
int64_t cw_sq_bands_holders_wrong(cw_store *s, size_t *kept);
int64_t cw_sq_bands_filters_missing(cw_store *s);
struct cw_minhash;
struct cw_shingle_set;
struct cw_analysis;
struct json_t;
/* The earliest stored original of which a text (its signature mh and
 * shingle set; *published, seconds since 1970, or NULL when undated;
 * added, the time of the ingest) is a near-copy: *original (0 when none)
 * and its story. The periods searched are in derived.c. */
cw_status cw_sq_find_copy(cw_store *s, const struct cw_minhash *mh,
                          const struct cw_shingle_set *shingles,
                          const int64_t *published, int64_t added,
                          int64_t *original, int64_t *story, cw_error *err);
/* Stores the article's signature and its band keys, filed in the period
 * of `when` (published, else added). */
cw_status cw_sq_save_signature(cw_store *s, int64_t article, int64_t when,
                               const struct cw_minhash *mh, cw_error *err);
/* The period of band keys holding time `when` (floor of 32-day periods
 * since 1970), and in *neighbour (when not NULL) the adjacent period
 * nearer to `when`. Schema migration 10 files stored keys the same way. */
int64_t cw_sq_copy_period(int64_t when, int64_t *neighbour);
/* Stores the facts, quotes and times of an analysed article. */
cw_status cw_sq_save_analysis(cw_store *s, int64_t article,
                              const struct cw_analysis *an, cw_error *err);
/* When the new article (a copy of original) was published before it, the
 * new one becomes the original of the whole group. */
cw_status cw_sq_earliest_original(cw_store *s, int64_t article,
                                  int64_t original, const char *published,
                                  cw_error *err);
/* Sets "timeline", "quotes" and "discrepancies" of a story object. */
cw_status cw_sq_story_derived(cw_store *s, int64_t story, struct json_t *obj);
/* Outlets of a story with their first report: [{"outlet", "first",
 * "articles", "copies"}]; NULL on error. */
struct json_t *cw_sq_story_coverage(cw_store *s, int64_t story);
/* Up to 5 sentences, most central articles first, one outlet at a time,
 * copies left out, no two saying the same thing; NULL on error. */
struct json_t *cw_sq_story_summary(cw_store *s, int64_t story);
/* Stories sharing the most names with this one: [{"id", "title",
 * "shared_names"}]; NULL on error. */
struct json_t *cw_sq_story_related(cw_store *s, int64_t story);

#endif
