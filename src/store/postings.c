/* postings.c - the story-term postings an ingest reads, kept in memory.
 *
 * Every new article looks up its CW_STORY_QUERY_TERMS heaviest terms in
 * story_terms, newest CW_SQ_POSTINGS_PER_TERM stories first: up to 1,152
 * rows stepped through per article, a fifth of ingest's instructions at
 * 10k articles and, at 1M, pages of a term index of 8M rows read again and
 * again. The rows read are kept here per term, updated beside every write
 * of story_terms, so that a term is read from the file once per ingest.
 *
 * Each term holds the newest stories of its full posting list, at most
 * POSTS_KEEP, with a flag saying whether that is the whole list. A story
 * that enters above the oldest one kept is inserted; one below it, in a
 * list that is not whole, is not known and needs no record: the kept ids
 * stay exactly the newest of the list. A removal that leaves fewer than
 * CW_SQ_POSTINGS_PER_TERM in a list that is not whole unloads the term,
 * read again on its next use. So a lookup returns what the SELECT would.
 *
 * The table is dropped with the other ingest caches (rollback, another
 * writer, cw_sq_forget) and when it holds more than POSTS_MAX_IDS ids.
 */
#include "store/sqlite_int.h"

#include "core/core.h"

#include <stdlib.h>
#include <string.h>

/* ids kept per term: the lookup's CW_SQ_POSTINGS_PER_TERM and room for
 * stories leaving before the term must be read again */
#define POSTS_KEEP 64
/* bytes held in all (slots, terms, ids, and malloc's 16 bytes a block)
 * past which the table is dropped at the next commit: 128 MiB, besides
 * the 64 MiB page cache of the ingest */
#define POSTS_MAX_BYTES ((size_t)128 << 20)
#define BLOCK_OVERHEAD 16

typedef struct post_term {
  char *term; /* NULL: an empty slot */
  uint64_t hash;
  int64_t *ids;      /* story ids, newest (largest) first */
  uint32_t n, cap;   /* ids held, allocated */
  uint8_t loaded;    /* ids are the newest n of the term's posting list */
  uint8_t complete;  /* ... and n is all of them */
} post_term;

struct cw_sq_posts {
  post_term *slot;
  size_t cap, used; /* slots (a power of two), terms in them */
  size_t bytes;     /* held, as POSTS_MAX_BYTES counts them */
};

static void term_unload(struct cw_sq_posts *p, post_term *e) {
  if (e->ids)
    p->bytes -= e->cap * sizeof *e->ids + BLOCK_OVERHEAD;
  free(e->ids);
  e->ids = NULL;
  e->n = e->cap = 0;
  e->loaded = e->complete = 0;
}

void cw_sq_posts_clear(cw_store *s) {
  struct cw_sq_posts *p = s->posts;
  if (!p)
    return;
  for (size_t i = 0; i < p->cap; i++) {
    free(p->slot[i].term);
    free(p->slot[i].ids);
  }
  free(p->slot);
  free(p);
  s->posts = NULL;
}

void cw_sq_posts_committed(cw_store *s) {
  if (s->posts && s->posts->bytes > POSTS_MAX_BYTES)
    cw_sq_posts_clear(s);
}

static post_term *find(struct cw_sq_posts *p, const char *term, uint64_t h) {
  size_t i = (size_t)h & (p->cap - 1);
  while (p->slot[i].term &&
         (p->slot[i].hash != h || strcmp(p->slot[i].term, term)))
    i = (i + 1) & (p->cap - 1);
  return &p->slot[i];
}

static int grow(struct cw_sq_posts *p) {
  size_t cap = p->cap ? p->cap * 2 : 4096, old_cap = p->cap;
  post_term *slot = calloc(cap, sizeof *slot), *old = p->slot;
  if (!slot)
    return -1;
  p->slot = slot;
  p->cap = cap;
  p->bytes += (cap - old_cap) * sizeof *slot;
  for (size_t i = 0; i < old_cap; i++)
    if (old[i].term)
      *find(p, old[i].term, old[i].hash) = old[i];
  free(old);
  return 0;
}

/* Makes room for one more id in e. */
static int reserve(struct cw_sq_posts *p, post_term *e) {
  if (e->n < e->cap)
    return 0;
  uint32_t cap = e->cap ? e->cap * 2 : 4;
  if (cap > POSTS_KEEP + 1)
    cap = POSTS_KEEP + 1;
  int64_t *ids = realloc(e->ids, sizeof *ids * cap);
  if (!ids)
    return -1;
  p->bytes += (cap - e->cap) * sizeof *ids + (e->cap ? 0 : BLOCK_OVERHEAD);
  e->ids = ids;
  e->cap = cap;
  return 0;
}

static cw_status load(cw_store *s, post_term *e, cw_error *err) {
  struct cw_sq_posts *p = s->posts;
  sqlite3_stmt *st;
  /* story_terms and the rows written since its last merge (sqlite.c;
   * a row is in one of them) */
  if (cw_sq_prep(s, "SELECT story_id FROM story_terms WHERE term=?1 UNION ALL "
                    "SELECT story_id FROM story_terms_recent WHERE term=?1 "
                    "ORDER BY 1 DESC LIMIT ?2", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "find candidate stories");
  sqlite3_bind_text(st, 1, e->term, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 2, POSTS_KEEP + 1);
  cw_status rc = CW_OK;
  int step;
  e->n = 0;
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    if (reserve(p, e)) {
      rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
      break;
    }
    e->ids[e->n++] = sqlite3_column_int64(st, 0);
  }
  if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
    rc = cw_sq_error(s, err, "find candidate stories");
  cw_sq_done(s, st);
  if (rc) {
    term_unload(p, e);
    return rc;
  }
  e->complete = e->n <= POSTS_KEEP;
  if (!e->complete)
    e->n = POSTS_KEEP;
  e->loaded = 1;
  return CW_OK;
}

cw_status cw_sq_posts_get(cw_store *s, const char *term, const int64_t **ids,
                          size_t *n, cw_error *err) {
  struct cw_sq_posts *p = s->posts;
  *ids = NULL;
  *n = 0;
  if (!p && !(p = s->posts = calloc(1, sizeof *p)))
    return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
  if ((p->used + 1) * 2 > p->cap && grow(p))
    return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
  uint64_t h = cw_hash64(term, strlen(term));
  post_term *e = find(p, term, h);
  if (!e->term) {
    if (!(e->term = cw_strdup(term)))
      return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
    e->hash = h;
    p->used++;
    p->bytes += strlen(term) + 1 + BLOCK_OVERHEAD;
  }
  cw_status rc;
  if (!e->loaded && (rc = load(s, e, err)))
    return rc;
  *ids = e->ids;
  *n = e->n < CW_SQ_POSTINGS_PER_TERM ? e->n : CW_SQ_POSTINGS_PER_TERM;
  return CW_OK;
}

/* The loaded entry of term, or NULL. */
static post_term *loaded(cw_store *s, const char *term) {
  struct cw_sq_posts *p = s->posts;
  if (!p || !p->used)
    return NULL;
  post_term *e = find(p, term, cw_hash64(term, strlen(term)));
  return e->term && e->loaded ? e : NULL;
}

/* The first index of e->ids not above story (ids are descending). */
static uint32_t position(const post_term *e, int64_t story) {
  uint32_t lo = 0, hi = e->n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (e->ids[mid] > story)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

void cw_sq_posts_added(cw_store *s, const char *term, int64_t story) {
  post_term *e = loaded(s, term);
  if (!e)
    return;
  uint32_t i = position(e, story);
  if (i < e->n && e->ids[i] == story)
    return;
  if (i == e->n && !e->complete)
    return; /* below the newest kept: the kept ids are still the newest */
  if (reserve(s->posts, e)) {
    term_unload(s->posts, e); /* read again when next used */
    return;
  }
  memmove(e->ids + i + 1, e->ids + i, sizeof *e->ids * (e->n - i));
  e->ids[i] = story;
  if (++e->n > POSTS_KEEP) {
    e->n = POSTS_KEEP;
    e->complete = 0;
  }
}

void cw_sq_posts_removed(cw_store *s, const char *term, int64_t story) {
  post_term *e = loaded(s, term);
  if (!e)
    return;
  uint32_t i = position(e, story);
  if (i < e->n && e->ids[i] == story) {
    memmove(e->ids + i, e->ids + i + 1, sizeof *e->ids * (e->n - i - 1));
    e->n--;
  }
  if (!e->complete && e->n < CW_SQ_POSTINGS_PER_TERM)
    term_unload(s->posts, e);
}
