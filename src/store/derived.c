/* derived.c - the rows the archive keeps about what each article says, and
 * the story parts computed from them.
 *
 * At ingest: the article's MinHash signature and band keys (to find later
 * copies by exact lookups), and its facts, quotes and time expressions
 * with byte spans into the stored text. At read: the story's timeline,
 * quote groups and discrepancies, computed by src/story/compare.c from
 * those rows, so that every derived item points back at an article and
 * the characters behind it.
 */
#include "store/sqlite_int.h"

#include "analyze/facts.h"
#include "analyze/quotes.h"
#include "analyze/times.h"
#include "story/compare.h"
#include "story/copies.h"
#include "text/text.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* Earlier articles looked at as possible originals of a new one: the ones
 * sharing the most band keys. */
#define COPY_CANDIDATES 8
/* Articles read per band key, newest first. Most keys are held by one or
 * two articles, but a few are shared by hundreds (texts of one template,
 * boilerplate), and counting every holder made the lookup grow with the
 * archive (a 100k archive: 67 keys held by over 64 articles, one by
 * 1,753). An original shares about six of its copy's sixteen keys, so it
 * is still found when one of them is crowded. */
#define COPY_POSTINGS 32

/* Band keys are filed by the time of their article, in periods of this
 * many days (schema version 10): the article's published time, else the
 * time it is added. An ingest of the day's news then writes its keys into
 * one recent part of the index: filed by key alone, each of an article's
 * 16 keys went to a page of its own, and at a million articles those
 * pages were 60% of what a commit wrote and 40% of what it read. A dated
 * article looks in its own period and the nearer neighbour (an original
 * published up to half a period away is always found) and in the period
 * of today (an undated original added with it); an undated article looks
 * in the newest COPY_UNDATED_PERIODS periods that hold keys. */
#define COPY_PERIOD_SECONDS ((int64_t)32 * 86400)
/* Periods an undated article is compared with, newest first: about a
 * year of news, at most 12 x 17 index seeks (a walk over every period of
 * a decade-long archive would cost ~2,000 per undated article). */
#define COPY_UNDATED_PERIODS 12

int64_t cw_sq_copy_period(int64_t when, int64_t *neighbour) {
  int64_t p = when >= 0 ? when / COPY_PERIOD_SECONDS
                        : -((-when + COPY_PERIOD_SECONDS - 1) / COPY_PERIOD_SECONDS);
  if (neighbour)
    *neighbour = when - p * COPY_PERIOD_SECONDS < COPY_PERIOD_SECONDS / 2
                     ? p - 1
                     : p + 1;
  return p;
}

/* ---- which band keys a period holds: filters kept in the archive ------
 *
 * Most of an article's 32 to 48 band-key lookups find no holder, and each
 * is an index seek: 6% of adding an article at 10k articles, and at 862k,
 * where a period of copy_bands holds a million keys over 5,000 pages, 55%
 * of the pages a short ingest read (7,606 of 13,863 for 2,000 articles,
 * bench/scale-ratio's batches). A period's keys in copy_bands are held in
 * a Bloom filter: a key the filter lacks has no holder there, and the
 * seek is skipped. copy_bands_recent has a filter of its own (below).
 *
 * A filter is kept in the archive (copy_band_filters, schema version 13;
 * built again with filter_mix's probes by version 14)
 * once built, so that a new connection, a `crosswire fetch` of a few
 * hundred articles, reads it (a period of a million keys: 2 MiB, 512
 * pages) instead of building it again (a scan of the period, 1.3 G
 * instructions) or going without. It is read once the period's lookups
 * reach its pages, as a lookup without it costs about a page. A period
 * with no kept filter is built as before once its lookups reach a
 * quarter of its keys: whether they have is found by counting the keys
 * up to four times the lookups made (a bounded scan), first after
 * BAND_FILTER_AFTER lookups, then each time the lookups have grown
 * fourfold; a small ingest into a period of a million keys never reads
 * it whole.
 *
 * Keys reach copy_bands only by a merge of copy_bands_recent
 * (cw_sq_bands_merge): the merge adds them to the kept filter of their
 * period, or builds it again from copy_bands, twice as large, when it
 * would hold fewer than PERIOD_FILTER_MIN_BITS bits per key; if that
 * fails the kept filter is deleted rather than left without them. Import
 * starts with none (cw_store_import). So a kept filter holds every key of
 * its period, and a false positive only costs the seek: the lookup
 * returns what it did without the filter. */
#define BAND_FILTER_AFTER 1024
#define BAND_FILTER_RATIO 4 /* keys per lookup made, at most, to build */
#define BAND_FILTER_PERIODS 64 /* periods followed (a period is 32 days) */
/* Bits per key when built: at least 10 (a power of two, so 10 to 20):
 * 0.2% to 1% false positives with 5 probes; a merge builds it again below
 * 6 (5.8%). */
#define PERIOD_FILTER_BITS 10
#define PERIOD_FILTER_MIN_BITS 6
#define PERIOD_FILTER_PROBES 5
#define FILTER_MIN_BITS ((uint64_t)4096)
#define FILTER_MAX_BITS ((uint64_t)1 << 36)
/* A lookup without a filter costs about a page read; a kept filter is read
 * once the period's lookups reach its pages (bytes / this). */
#define FILTER_LOAD_BYTES_PER_LOOKUP 4096

typedef struct band_filter {
  int64_t period;
  uint64_t lookups;
  uint64_t check;  /* lookups at which to count the keys again */
  uint64_t keys;   /* keys the filter holds, at most (once built) */
  uint8_t *bits;   /* bit i in byte i / 8, bit i % 8; NULL: not built */
  uint64_t mask;   /* bit count - 1 (a power of two) */
  int probes;
  int with_recent; /* holds the period's keys in copy_bands_recent too */
  uint64_t rcheck; /* lookups at which to count those keys again */
  int64_t stored;  /* bytes of the period's kept filter; 0 none, -1 unknown */
} band_filter;

/* copy_bands_recent's keys (by period and key) in a filter of their own,
 * read once the lookups of a connection repay reading the table: most
 * lookups then skip its tree (the two-table statement cost a third more
 * than one table's at a million articles). Reading a row costs about 800
 * instructions and a lookup that skips the tree saves about 2,900 (862k
 * articles), so the filter is built once the lookups made reach a quarter
 * of the table's rows, as if those to come were as many: at once when it
 * is nearly empty (after a merge), not in a short run over a full one.
 * Built after a fixed 8,192 lookups, it cost a run of 300 articles into
 * an 862k archive with 163k recent keys 15% of its instructions, and a
 * run of 1,000 into a 10k archive (whose period filters had already
 * turned away what it would) 6.6%. */
#define RECENT_FILTER_AFTER 1024 /* lookups, at the least */
#define RECENT_FILTER_RATIO 4    /* rows per lookup made, at most */
#define RECENT_FILTER_BITS ((uint64_t)1 << 22) /* 16 per key at 2^18 keys */
#define RECENT_FILTER_PROBES 8   /* ~0.05% false positives at 16 bits */

/* The newest holders of band keys looked up, kept in memory. A key's
 * holders are read newest first, up to COPY_POSTINGS, each time an
 * article shares the key, and at a million articles that was the
 * largest part of looking for copies: 165 holders read an article (2,000
 * articles into bench/run's 862k archive, 1.6k instructions each). The
 * keys read again are the shared ones: a wire text's keys, read by each
 * of its copies, and keys of template text held by hundreds of articles
 * in a period (in its last full period 1,305 keys had 32 holders or more,
 * and gave 43% of the holders a lookup reads).
 *
 * A slot holds a key's newest holders in both tables, as a lookup with
 * the limit COPY_POSTINGS read them (all of them when fewer): the
 * answer to every later lookup of the key, whatever its limit, is their
 * first ones. Each holder stored after (cw_sq_save_signature) is put in
 * front of its key's slot, so the slot stays that answer: article ids
 * grow, a new holder is the newest. Merges move holders between the two
 * tables and change no key's holders. Direct-mapped by key; only keys
 * with two holders or more take a slot, so that the many keys read once
 * do not push out the shared ones. Dropped with the filters (rollback,
 * another writer, import: cw_sq_forget). */
#define HOLDER_SLOTS 32768 /* 9 MiB */
#define HOLDERS_MIN 2

typedef struct holder_slot {
  int64_t period;
  uint64_t key;
  uint32_t n; /* 0: empty */
  int64_t ids[COPY_POSTINGS]; /* newest first */
} holder_slot;

struct cw_sq_bands {
  band_filter f[BAND_FILTER_PERIODS];
  size_t n;
  band_filter recent; /* bits NULL until built */
  size_t loaded;      /* kept filters read (for tests) */
  holder_slot *holders; /* HOLDER_SLOTS, NULL until a key takes one */
  uint64_t holder_hits; /* lookups answered from them (for tests) */
};

void cw_sq_bands_clear(cw_store *s) {
  struct cw_sq_bands *b = s->bands;
  s->bands_known = 0; /* copy_bands_recent counted again when needed */
  if (!b)
    return;
  for (size_t i = 0; i < b->n; i++)
    free(b->f[i].bits);
  free(b->recent.bits);
  free(b->holders);
  free(b);
  s->bands = NULL;
}

static holder_slot *holder_slot_of(const struct cw_sq_bands *b,
                                   int64_t period, uint64_t key) {
  uint64_t h = (key ^ ((uint64_t)period * 0xC2B2AE3D27D4EB4FULL)) *
               0x9E3779B97F4A7C15ULL;
  return &b->holders[(h >> 40) % HOLDER_SLOTS];
}

/* The kept holders of key in period, or NULL. */
static const holder_slot *holders_get(cw_store *s, int64_t period,
                                      uint64_t key) {
  struct cw_sq_bands *b = s->bands;
  if (!b || !b->holders)
    return NULL;
  const holder_slot *e = holder_slot_of(b, period, key);
  if (!e->n || e->key != key || e->period != period)
    return NULL;
  b->holder_hits++;
  return e;
}

/* Keeps ids[0..n), the newest holders of key in period newest first,
 * read with the limit COPY_POSTINGS (or all there are). */
static void holders_put(cw_store *s, int64_t period, uint64_t key,
                        const int64_t *ids, size_t n) {
  struct cw_sq_bands *b = s->bands;
  if (n < HOLDERS_MIN || n > COPY_POSTINGS || !b)
    return;
  if (!b->holders &&
      !(b->holders = cw_zalloc_big(HOLDER_SLOTS, sizeof *b->holders)))
    return; /* only a saving */
  holder_slot *e = holder_slot_of(b, period, key);
  e->period = period;
  e->key = key;
  e->n = (uint32_t)n;
  memcpy(e->ids, ids, n * sizeof *ids);
}

/* A holder just stored: in front of its key's slot, when kept. */
static void holders_added(cw_store *s, int64_t period, uint64_t key,
                          int64_t article) {
  struct cw_sq_bands *b = s->bands;
  if (!b || !b->holders)
    return;
  holder_slot *e = holder_slot_of(b, period, key);
  if (!e->n || e->key != key || e->period != period || e->ids[0] == article)
    return;
  size_t keep = e->n < COPY_POSTINGS ? e->n : COPY_POSTINGS - 1;
  memmove(e->ids + 1, e->ids, keep * sizeof *e->ids);
  e->ids[0] = article;
  e->n = (uint32_t)keep + 1;
}

uint64_t cw_sq_bands_holder_hits(const cw_store *s) {
  return s->bands ? s->bands->holder_hits : 0;
}

int64_t cw_sq_bands_holders_wrong(cw_store *s, size_t *kept) {
  struct cw_sq_bands *b = s->bands;
  *kept = 0;
  if (!b || !b->holders)
    return 0;
  sqlite3_stmt *st;
  if (cw_sq_prep(s, "SELECT article_id FROM copy_bands WHERE period = ?1"
                    " AND band = ?2 UNION ALL SELECT article_id FROM"
                    " copy_bands_recent WHERE period = ?1 AND band = ?2"
                    " ORDER BY 1 DESC LIMIT ?3",
                 &st) != SQLITE_OK)
    return -1;
  int64_t wrong = 0;
  for (size_t i = 0; i < HOLDER_SLOTS; i++) {
    const holder_slot *e = &b->holders[i];
    if (!e->n)
      continue;
    (*kept)++;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, e->period);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)e->key);
    sqlite3_bind_int(st, 3, COPY_POSTINGS);
    uint32_t n = 0;
    int same = 1;
    while (sqlite3_step(st) == SQLITE_ROW) {
      same = same && n < e->n && e->ids[n] == sqlite3_column_int64(st, 0);
      n++;
    }
    wrong += !same || n != e->n;
  }
  cw_sq_done(s, st);
  return wrong;
}

/* ---- shingle sets of recent articles ------------------------------------
 *
 * Checking a copy candidate needs its shingle set, and computing it from
 * the stored text (read, hash, sort) was 5.6% of an ingest into an 863k
 * archive, most of it for candidates seen before: a syndicated text is
 * checked against the same few earlier copies again and again, and those
 * are mostly recent. The set each new article computes anyway is kept
 * here, in a table indexed by the article id's low bits (ids grow, so the
 * newest CW_SQ_SETS_SLOTS articles each have a slot of their own), within
 * a byte bound. A set is a function of the stored text, which never
 * changes under its id; ids can be reused only after a rollback, which
 * drops the table (cw_sq_forget).
 *
 * In an archive of a million articles most candidates are older than
 * those slots, and the same few older articles come back as candidates
 * of one syndicated text after another (40% of the sets read back in a
 * batch of 1,000 into an 862k archive had been read before in the run,
 * 76% at 10k): a set computed from a stored text is kept too, in a
 * second table indexed by a hash of the id, with a byte bound of its
 * own so that it never takes the room of the recent sets. */
#define SETS_SLOTS 4096
/* At most this many hashes (8 bytes each) kept: 32 MiB. */
#define SETS_MAX_HASHES ((size_t)4 << 20)
/* Slots for sets read back from stored texts, and their hashes: 32 MiB.
 * With 2,048 slots and 8 MiB, 1,510 articles added to bench/run's 862k
 * archive read back 7,111 sets, 1,436 of them read before in the same run
 * (5,675 distinct); with 16,384 slots and 32 MiB 5,884, and 3.35 -> 3.32 G
 * instructions. */
#define READ_SLOTS 16384
#define READ_MAX_HASHES ((size_t)4 << 20)

typedef struct {
  int64_t article; /* 0: empty */
  cw_shingle_set set;
} set_slot;

struct cw_sq_sets {
  set_slot slot[SETS_SLOTS];
  size_t hashes; /* held over all slots */
  set_slot read[READ_SLOTS];
  size_t read_hashes; /* held over the read slots */
  size_t texts_read;  /* candidates' texts shingled (for tests) */
};

void cw_sq_sets_clear(cw_store *s) {
  struct cw_sq_sets *t = s->sets;
  if (!t)
    return;
  for (size_t i = 0; i < SETS_SLOTS; i++)
    cw_shingle_set_free(&t->slot[i].set);
  for (size_t i = 0; i < READ_SLOTS; i++)
    cw_shingle_set_free(&t->read[i].set);
  free(t);
  s->sets = NULL;
}

/* The read slot of article: the id's bits mixed, as the candidates of
 * one run are spread over the archive's ids. */
static size_t read_slot(int64_t article) {
  return (size_t)(((uint64_t)article * 0x9E3779B97F4A7C15ULL) >> 40) %
         READ_SLOTS;
}

/* Puts set (its hashes taken) into slot e for article, within a bound of
 * max hashes over the slots whose count *held keeps; left to the caller
 * when it would not fit. */
static void slot_take(set_slot *e, size_t *held, size_t max, int64_t article,
                      cw_shingle_set *set) {
  size_t others = *held - e->set.n;
  if (others + set->n > max)
    return;
  cw_shingle_set_free(&e->set);
  e->article = article;
  e->set = *set;
  set->h = NULL;
  set->n = 0;
  *held = others + e->set.n;
}

/* Keeps the set computed from the stored text of article (an older
 * candidate), taking its hashes as cw_sq_sets_put does. */
static void sets_put_read(cw_store *s, int64_t article, cw_shingle_set *set) {
  struct cw_sq_sets *t = s->sets;
  if (!t && !(t = s->sets = calloc(1, sizeof *t)))
    return;
  t->texts_read++;
  if (set->h)
    slot_take(&t->read[read_slot(article)], &t->read_hashes, READ_MAX_HASHES,
              article, set);
}

void cw_sq_sets_put(cw_store *s, int64_t article, cw_shingle_set *set) {
  struct cw_sq_sets *t = s->sets;
  if (!t && !(t = s->sets = calloc(1, sizeof *t)))
    return; /* the table is only a saving: nothing is lost */
  slot_take(&t->slot[(uint64_t)article % SETS_SLOTS], &t->hashes,
            SETS_MAX_HASHES, article, set);
}

size_t cw_sq_sets_held(const cw_store *s) {
  size_t n = 0;
  for (size_t i = 0; s->sets && i < SETS_SLOTS; i++)
    n += s->sets->slot[i].set.h != NULL;
  return n;
}

size_t cw_sq_sets_read_held(const cw_store *s) {
  size_t n = 0;
  for (size_t i = 0; s->sets && i < READ_SLOTS; i++)
    n += s->sets->read[i].set.h != NULL;
  return n;
}

size_t cw_sq_sets_texts_read(const cw_store *s) {
  return s->sets ? s->sets->texts_read : 0;
}

/* The kept set of article, or NULL. */
static const cw_shingle_set *sets_get(const cw_store *s, int64_t article) {
  const struct cw_sq_sets *t = s->sets;
  if (!t)
    return NULL;
  const set_slot *e = &t->slot[(uint64_t)article % SETS_SLOTS];
  if (e->article == article && e->set.h)
    return &e->set;
  e = &t->read[read_slot(article)];
  return e->article == article && e->set.h ? &e->set : NULL;
}

int cw_sq_bands_recent_built(const cw_store *s) {
  return s->bands && s->bands->recent.bits;
}

size_t cw_sq_bands_built(const cw_store *s) {
  size_t n = 0;
  for (size_t i = 0; s->bands && i < s->bands->n; i++)
    n += s->bands->f[i].bits != NULL;
  return n;
}

size_t cw_sq_bands_loaded(const cw_store *s) {
  return s->bands ? s->bands->loaded : 0;
}

static void filter_init(band_filter *f, int64_t period) {
  memset(f, 0, sizeof *f);
  f->period = period;
  f->check = BAND_FILTER_AFTER;
  f->stored = -1;
}

static band_filter *filter_of(cw_store *s, int64_t period, int create) {
  struct cw_sq_bands *b = s->bands;
  if (!b) {
    if (!create || !(b = s->bands = calloc(1, sizeof *b)))
      return NULL;
  }
  for (size_t i = 0; i < b->n; i++)
    if (b->f[i].period == period)
      return &b->f[i];
  if (!create || b->n == BAND_FILTER_PERIODS)
    return NULL;
  band_filter *f = &b->f[b->n++];
  filter_init(f, period);
  return f;
}

/* The probes of a key: h, h + step, h + 2 step, ... (mod the bit count),
 * both from all 64 bits of the key. Taken from the key's low bits alone
 * (schema 13), two keys alike in the low log2(bits) bits had the same
 * probes, so that a filter answered yes for about keys / bits of absent
 * keys whatever its probes: 5.8% at 862k articles (a period of 1.4M keys
 * in 2^24 bits), where 5 probes at 11.9 bits per key give 0.5%. */
static uint64_t filter_mix(uint64_t key, uint64_t *step) {
  uint64_t z = key;
  z ^= z >> 33;
  z *= 0xFF51AFD7ED558CCDULL;
  z ^= z >> 33;
  z *= 0xC4CEB9FE1A85EC53ULL;
  z ^= z >> 33;
  *step = ((z >> 32) | (z << 32)) | 1;
  return z;
}

static void filter_add(band_filter *f, uint64_t key) {
  uint64_t step, h = filter_mix(key, &step);
  for (int i = 0; i < f->probes; i++, h += step) {
    uint64_t bit = h & f->mask;
    f->bits[bit >> 3] |= (uint8_t)(1u << (bit & 7));
  }
}

static int filter_has(const band_filter *f, uint64_t key) {
  uint64_t step, h = filter_mix(key, &step);
  for (int i = 0; i < f->probes; i++, h += step) {
    uint64_t bit = h & f->mask;
    if (!(f->bits[bit >> 3] & (1u << (bit & 7))))
      return 0;
  }
  return 1;
}

/* An empty filter of `bits` bits (a power of two); 0 when out of memory. */
static int filter_alloc(band_filter *f, uint64_t bits, int probes) {
  free(f->bits);
  if (!(f->bits = calloc(bits / 8, 1)))
    return 0;
  f->mask = bits - 1;
  f->probes = probes;
  return 1;
}

/* Reads the period's f->keys keys of copy_bands (and of
 * copy_bands_recent with `recent`) into a new filter; 0 when it could not
 * (the lookups go on without it). */
static int filter_build(cw_store *s, band_filter *f, int recent) {
  uint64_t bits = FILTER_MIN_BITS;
  while (bits < f->keys * PERIOD_FILTER_BITS && bits < FILTER_MAX_BITS)
    bits <<= 1;
  if (!filter_alloc(f, bits, PERIOD_FILTER_PROBES))
    return 0;
  sqlite3_stmt *st;
  if (cw_sq_prep(s, recent ? "SELECT band FROM copy_bands WHERE period=?1"
                             " UNION ALL SELECT band FROM copy_bands_recent"
                             " WHERE period=?1"
                           : "SELECT band FROM copy_bands WHERE period=?1",
                 &st) != SQLITE_OK)
    goto fail;
  sqlite3_bind_int64(st, 1, f->period);
  int step;
  while ((step = sqlite3_step(st)) == SQLITE_ROW)
    filter_add(f, (uint64_t)sqlite3_column_int64(st, 0));
  cw_sq_done(s, st);
  f->with_recent = recent;
  if (step == SQLITE_DONE)
    return 1;
fail:
  free(f->bits);
  f->bits = NULL;
  return 0;
}

/* The keys of `period` in copy_bands (and copy_bands_recent with
 * `recent`), counted up to limit + 1. */
static uint64_t count_keys(cw_store *s, int64_t period, uint64_t limit,
                           int recent) {
  uint64_t n = limit + 1;
  sqlite3_stmt *st;
  if (cw_sq_prep(s, recent ? "SELECT count(*) FROM (SELECT 1 FROM copy_bands"
                             " WHERE period=?1 UNION ALL SELECT 1 FROM"
                             " copy_bands_recent WHERE period=?1 LIMIT ?2)"
                           : "SELECT count(*) FROM (SELECT 1 FROM"
                             " copy_bands_recent WHERE period=?1 LIMIT ?2)",
                 &st) == SQLITE_OK) {
    sqlite3_bind_int64(st, 1, period);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)(limit + 1));
    if (sqlite3_step(st) == SQLITE_ROW)
      n = (uint64_t)sqlite3_column_int64(st, 0);
    cw_sq_done(s, st);
  }
  return n;
}

/* Adds the period's keys in copy_bands_recent to f: 1 when all were
 * read. */
static int filter_add_recent(cw_store *s, band_filter *f) {
  sqlite3_stmt *st;
  if (cw_sq_prep(s, "SELECT band FROM copy_bands_recent WHERE period=?1",
                 &st) != SQLITE_OK)
    return 0;
  int step;
  sqlite3_bind_int64(st, 1, f->period);
  while ((step = sqlite3_step(st)) == SQLITE_ROW)
    filter_add(f, (uint64_t)sqlite3_column_int64(st, 0));
  cw_sq_done(s, st);
  return step == SQLITE_DONE;
}

/* The bytes of the period's kept filter, 0 when there is none. */
static int64_t filter_stored(cw_store *s, int64_t period) {
  sqlite3_stmt *st;
  int64_t n = 0;
  if (cw_sq_prep(s, "SELECT length(bits) FROM copy_band_filters"
                    " WHERE period=?1", &st) != SQLITE_OK)
    return 0;
  sqlite3_bind_int64(st, 1, period);
  if (sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int64(st, 0);
  cw_sq_done(s, st);
  return n;
}

/* Reads the period's kept filter into f; 0 when there is none or it is
 * not one this code wrote (a size not a power of two, odd probes). */
static int filter_load(cw_store *s, band_filter *f) {
  sqlite3_stmt *st;
  int ok = 0;
  if (cw_sq_prep(s, "SELECT keys, probes, bits FROM copy_band_filters"
                    " WHERE period=?1", &st) != SQLITE_OK)
    return 0;
  sqlite3_bind_int64(st, 1, f->period);
  if (sqlite3_step(st) == SQLITE_ROW) {
    int64_t keys = sqlite3_column_int64(st, 0);
    int probes = sqlite3_column_int(st, 1);
    const void *blob = sqlite3_column_blob(st, 2);
    uint64_t bytes = (uint64_t)sqlite3_column_bytes(st, 2);
    uint64_t bits = bytes * 8;
    if (blob && keys >= 0 && probes >= 1 && probes <= 16 &&
        bits >= FILTER_MIN_BITS && bits <= FILTER_MAX_BITS &&
        !(bits & (bits - 1)) && filter_alloc(f, bits, probes)) {
      memcpy(f->bits, blob, bytes);
      f->keys = (uint64_t)keys;
      f->with_recent = 0; /* copy_bands' keys */
      ok = 1;
    }
  }
  cw_sq_done(s, st);
  return ok;
}

/* Keeps f in the archive, in the write transaction open. */
static int filter_store(cw_store *s, band_filter *f) {
  sqlite3_stmt *st;
  if (cw_sq_prep(s, "INSERT OR REPLACE INTO copy_band_filters(period, keys,"
                    " probes, bits) VALUES(?1, ?2, ?3, ?4)", &st) != SQLITE_OK)
    return 0;
  sqlite3_bind_int64(st, 1, f->period);
  sqlite3_bind_int64(st, 2, (sqlite3_int64)f->keys);
  sqlite3_bind_int(st, 3, f->probes);
  sqlite3_bind_blob64(st, 4, f->bits, (f->mask + 1) / 8, SQLITE_STATIC);
  int ok = sqlite3_step(st) == SQLITE_DONE;
  cw_sq_done(s, st);
  if (ok)
    f->stored = (int64_t)((f->mask + 1) / 8);
  return ok;
}

/* What band_may_exist says of a key: it may have holders in copy_bands,
 * and it may have some in copy_bands_recent (for its own filter to say). */
#define MAY_OLD 1
#define MAY_RECENT 2

/* Where band key `key` may have holders in `period`: MAY_OLD and
 * MAY_RECENT, unless the period's filter lacks it. A kept filter holds
 * copy_bands' keys; the period's keys in copy_bands_recent are read into
 * it once its lookups reach a quarter of them (counted as for a build),
 * and a filter built here holds both tables' keys at once. */
static int band_may_exist(cw_store *s, int64_t period, uint64_t key) {
  band_filter *f = filter_of(s, period, 1);
  if (!f)
    return MAY_OLD | MAY_RECENT;
  f->lookups++;
  if (!f->bits) {
    if (f->stored < 0)
      f->stored = filter_stored(s, period);
    if (f->stored > 0) {
      if (f->lookups * FILTER_LOAD_BYTES_PER_LOOKUP < (uint64_t)f->stored)
        return MAY_OLD | MAY_RECENT;
      if (filter_load(s, f)) {
        s->bands->loaded++;
        f->rcheck = f->lookups + BAND_FILTER_AFTER;
      } else {
        f->stored = 0; /* unreadable: built as if there were none */
      }
    }
    if (!f->bits) {
      if (f->lookups < f->check)
        return MAY_OLD | MAY_RECENT;
      /* at most BAND_FILTER_RATIO x lookups keys? counted no further */
      uint64_t limit = f->lookups * BAND_FILTER_RATIO;
      uint64_t n = count_keys(s, period, limit, 1);
      f->keys = n;
      if (n > limit || !filter_build(s, f, 1)) {
        f->check = f->lookups * 4; /* try again later */
        return MAY_OLD | MAY_RECENT;
      }
      filter_store(s, f); /* kept for the next connection when it can be */
    }
  }
  if (!f->with_recent && f->lookups >= f->rcheck) {
    /* the period's recent keys, when few enough for the lookups made */
    uint64_t limit = f->lookups * BAND_FILTER_RATIO;
    uint64_t n = count_keys(s, period, limit, 0);
    if (n <= limit && (f->keys + n) * PERIOD_FILTER_MIN_BITS <= f->mask + 1) {
      /* when not all read: extra keys, harmless */
      f->with_recent = filter_add_recent(s, f);
      f->keys += n;
    }
    f->rcheck = f->lookups * 4;
  }
  if (filter_has(f, key))
    return MAY_OLD | MAY_RECENT;
  return f->with_recent ? 0 : MAY_RECENT;
}

/* A key of copy_bands_recent as its filter holds it: key and period. */
static uint64_t recent_key(int64_t period, uint64_t key) {
  return key ^ ((uint64_t)period * 0x9E3779B97F4A7C15ULL);
}

/* Counts copy_bands_recent's rows into s->bands_recent unless known;
 * 0 when it could not. */
static int count_recent(cw_store *s) {
  if (s->bands_known)
    return 1;
  sqlite3_stmt *st;
  if (cw_sq_prep(s, "SELECT count(*) FROM copy_bands_recent", &st) !=
      SQLITE_OK)
    return 0;
  int ok = sqlite3_step(st) == SQLITE_ROW;
  s->bands_recent = ok ? sqlite3_column_int64(st, 0) : 0;
  cw_sq_done(s, st);
  s->bands_known = ok;
  return ok;
}

/* Whether copy_bands_recent may hold key in period: 0 only when its
 * filter is built and lacks it. */
static int recent_may_hold(cw_store *s, int64_t period, uint64_t key) {
  struct cw_sq_bands *b = s->bands;
  if (!b && !(b = s->bands = calloc(1, sizeof *b)))
    return 1;
  band_filter *f = &b->recent;
  if (f->bits)
    return filter_has(f, recent_key(period, key));
  if (++f->lookups < RECENT_FILTER_AFTER)
    return 1;
  if (!count_recent(s)) {
    f->lookups = 0; /* tried again later */
    return 1;
  }
  if (f->lookups * RECENT_FILTER_RATIO < (uint64_t)s->bands_recent)
    return 1;
  if (!filter_alloc(f, RECENT_FILTER_BITS, RECENT_FILTER_PROBES))
    return 1;
  sqlite3_stmt *st;
  int step = SQLITE_ERROR;
  if (cw_sq_prep(s, "SELECT period, band FROM copy_bands_recent", &st) ==
      SQLITE_OK) {
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
      filter_add(f, recent_key(sqlite3_column_int64(st, 0),
                               (uint64_t)sqlite3_column_int64(st, 1)));
    cw_sq_done(s, st);
  }
  if (step != SQLITE_DONE) {
    free(f->bits);
    f->bits = NULL;
    f->lookups = 0; /* tried again later */
    return 1;
  }
  return filter_has(f, recent_key(period, key));
}

/* Keys just stored (in copy_bands_recent): into its filter when built,
 * and into the period's filter when that holds the recent keys. */
static void band_added(cw_store *s, int64_t period, uint64_t key) {
  if (s->bands && s->bands->recent.bits)
    filter_add(&s->bands->recent, recent_key(period, key));
  band_filter *f = filter_of(s, period, 0);
  if (!f || !f->bits || !f->with_recent)
    return;
  filter_add(f, key);
  if (++f->keys * PERIOD_FILTER_MIN_BITS > f->mask + 1) {
    /* too full: counted and read again, twice the size, once the
     * lookups since have repaid it (a growing period is read O(log n)
     * times); its kept filter may be read meanwhile */
    free(f->bits);
    f->bits = NULL;
    f->with_recent = 0;
    f->lookups = 0;
    f->stored = -1;
    f->check = f->keys / BAND_FILTER_RATIO > BAND_FILTER_AFTER
                   ? f->keys / BAND_FILTER_RATIO
                   : BAND_FILTER_AFTER;
  }
}

typedef struct band_hit {
  int64_t article;
  int shared;
} band_hit;

/* Whether a goes before b: most shared keys first, then the oldest
 * article (the original of a chain of copies). */
static int hit_before(const band_hit *a, const band_hit *b) {
  return a->shared != b->shared ? a->shared > b->shared
                                : a->article < b->article;
}

/* The k first hits of ids[0..n) (sorted) in hit_before order: each
 * article once, with the number of times it occurs. Returns how many. */
static size_t top_hits(const int64_t *ids, size_t n, band_hit *top,
                       size_t k) {
  size_t m = 0;
  for (size_t i = 0; i < n;) {
    band_hit h = {ids[i], 0};
    for (; i < n && ids[i] == h.article; i++)
      h.shared++;
    if (m == k && !hit_before(&h, &top[k - 1]))
      continue;
    size_t j = m < k ? m++ : k - 1;
    for (; j > 0 && hit_before(&h, &top[j - 1]); j--)
      top[j] = top[j - 1];
    top[j] = h;
  }
  return m;
}

cw_status cw_sq_find_copy(cw_store *s, const cw_minhash *mh,
                          const cw_shingle_set *shingles,
                          const int64_t *published, int64_t added,
                          int64_t *original, int64_t *story, cw_error *err) {
  *original = 0;
  *story = 0;
  if (mh->n_shingles < CW_COPY_MIN_SHINGLES)
    return CW_OK;
  uint64_t bands[CW_MINHASH_BANDS];
  cw_minhash_bands(mh, bands);
  sqlite3_stmt *both, *old, *recent, *get;
  /* the holders in both tables, one ordered merge of two index ranges;
   * in one table alone when the other's filter lacks the key */
  if (cw_sq_prep(s, "SELECT article_id FROM copy_bands WHERE period = ?1"
                    " AND band = ?2 UNION ALL SELECT article_id FROM"
                    " copy_bands_recent WHERE period = ?1 AND band = ?2"
                    " ORDER BY 1 DESC LIMIT ?3",
                 &both) != SQLITE_OK)
    return cw_sq_error(s, err, "look for copies");
  if (cw_sq_prep(s, "SELECT article_id FROM copy_bands WHERE period = ?1"
                    " AND band = ?2 ORDER BY article_id DESC LIMIT ?3",
                 &old) != SQLITE_OK) {
    cw_sq_done(s, both);
    return cw_sq_error(s, err, "look for copies");
  }
  if (cw_sq_prep(s, "SELECT article_id FROM copy_bands_recent WHERE"
                    " period = ?1 AND band = ?2 ORDER BY article_id DESC"
                    " LIMIT ?3",
                 &recent) != SQLITE_OK) {
    cw_sq_done(s, both);
    cw_sq_done(s, old);
    return cw_sq_error(s, err, "look for copies");
  }
  /* a dated text: its period, the nearer neighbour, and the period of
   * the time it is added (an undated original ingested with it); an
   * undated one: the newest COPY_UNDATED_PERIODS periods holding keys */
  int64_t periods[3];
  size_t np = 0;
  if (published) {
    periods[0] = cw_sq_copy_period(*published, &periods[1]);
    periods[2] = cw_sq_copy_period(added, NULL);
    np = periods[2] == periods[0] || periods[2] == periods[1] ? 2 : 3;
  }
  sqlite3_stmt *prev = NULL;
  if (!published &&
      cw_sq_prep(s, "SELECT max(p) FROM (SELECT max(period) AS p FROM"
                    " copy_bands WHERE period < ?1 UNION ALL SELECT"
                    " max(period) FROM copy_bands_recent WHERE period < ?1)",
                 &prev) != SQLITE_OK) {
    cw_sq_done(s, both);
    cw_sq_done(s, old);
    cw_sq_done(s, recent);
    return cw_sq_error(s, err, "look for copies");
  }
  int64_t ids[CW_MINHASH_BANDS * COPY_POSTINGS];
  int got[CW_MINHASH_BANDS] = {0}; /* holders read per key, at most
                                       COPY_POSTINGS over all periods */
  size_t n = 0, full = 0;
  int64_t period = INT64_MAX;
  for (size_t p = 0; full < CW_MINHASH_BANDS; p++) {
    if (published) {
      if (p == np)
        break;
      period = periods[p];
    } else {
      if (p == COPY_UNDATED_PERIODS)
        break;
      sqlite3_reset(prev);
      sqlite3_bind_int64(prev, 1, period);
      if (sqlite3_step(prev) != SQLITE_ROW ||
          sqlite3_column_type(prev, 0) == SQLITE_NULL)
        break;
      period = sqlite3_column_int64(prev, 0);
    }
    for (size_t b = 0; b < CW_MINHASH_BANDS; b++) {
      if (got[b] == COPY_POSTINGS)
        continue;
      const holder_slot *kept = holders_get(s, period, bands[b]);
      if (kept) {
        size_t take = (size_t)(COPY_POSTINGS - got[b]);
        if (take > kept->n)
          take = kept->n;
        memcpy(ids + n, kept->ids, take * sizeof *ids);
        n += take;
        got[b] += (int)take;
        full += got[b] == COPY_POSTINGS;
        continue;
      }
      int may = band_may_exist(s, period, bands[b]);
      if ((may & MAY_RECENT) && !recent_may_hold(s, period, bands[b]))
        may &= ~MAY_RECENT;
      if (!may)
        continue;
      sqlite3_stmt *st = may == MAY_RECENT ? recent : may == MAY_OLD ? old : both;
      sqlite3_reset(st);
      sqlite3_bind_int64(st, 1, period);
      sqlite3_bind_int64(st, 2, (sqlite3_int64)bands[b]);
      sqlite3_bind_int(st, 3, COPY_POSTINGS - got[b]);
      size_t first = n;
      int limit = COPY_POSTINGS - got[b];
      while (sqlite3_step(st) == SQLITE_ROW && got[b] < COPY_POSTINGS) {
        ids[n++] = sqlite3_column_int64(st, 0);
        full += ++got[b] == COPY_POSTINGS;
      }
      /* the key's newest COPY_POSTINGS holders, or all of them */
      if (limit == COPY_POSTINGS || n - first < (size_t)limit)
        holders_put(s, period, bands[b], ids + first, n - first);
    }
  }
  cw_sq_done(s, prev);
  cw_sq_done(s, both);
  cw_sq_done(s, old);
  cw_sq_done(s, recent);
  /* each article's keys counted; the candidates: most keys shared, then
   * the oldest */
  /* ids are positive: their order as uint64_t is theirs (core.c's sort;
   * qsort through a comparison function was 6% of an ingest's
   * instructions at 862k articles) */
  cw_sort_u64((uint64_t *)ids, n);
  band_hit hits[COPY_CANDIDATES];
  size_t u = top_hits(ids, n, hits, COPY_CANDIDATES);
  if (cw_sq_prep(s, "SELECT text, coalesce(copy_of, id), story_id "
                         "FROM articles WHERE id = ?", &get) != SQLITE_OK)
    return cw_sq_error(s, err, "look for copies");
  cw_status rc = CW_OK;
  double best = 0;
  /* no candidate beats a containment of 1 (all of the shorter text's
   * shingles): the first found is taken */
  for (size_t h = 0; h < u && !rc && best < 1; h++) {
    sqlite3_reset(get);
    sqlite3_bind_int64(get, 1, hits[h].article);
    const cw_shingle_set *kept = sets_get(s, hits[h].article);
    double c;
    if (kept) {
      /* the row is read only when the candidate would be taken */
      c = cw_shingle_set_containment(shingles, kept);
      if (c < CW_COPY_CONTAINMENT || c <= best ||
          sqlite3_step(get) != SQLITE_ROW)
        continue;
    } else {
      if (sqlite3_step(get) != SQLITE_ROW)
        continue;
      const char *other = cw_sq_col_text(get, 0);
      cw_shingle_set theirs;
      if (cw_shingles(other ? other : "", other ? strlen(other) : 0,
                      &theirs)) {
        rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
        break;
      }
      c = cw_shingle_set_containment(shingles, &theirs);
      sets_put_read(s, hits[h].article, &theirs);
      cw_shingle_set_free(&theirs);
    }
    if (c >= CW_COPY_CONTAINMENT && c > best) {
      best = c;
      *original = sqlite3_column_int64(get, 1);
      *story = sqlite3_column_int64(get, 2);
    }
  }
  cw_sq_done(s, get);
  return rc;
}

cw_status cw_sq_save_signature(cw_store *s, int64_t article, int64_t when,
                               const cw_minhash *mh, cw_error *err) {
  if (mh->n_shingles < CW_COPY_MIN_SHINGLES)
    return CW_OK;
  sqlite3_stmt *st;
  if (cw_sq_prep(s, "INSERT INTO article_signatures VALUES(?, ?)", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "store signature");
  sqlite3_bind_int64(st, 1, article);
  sqlite3_bind_blob(st, 2, mh->h, sizeof mh->h, SQLITE_TRANSIENT);
  int ok = sqlite3_step(st) == SQLITE_DONE;
  cw_sq_done(s, st);
  if (!ok)
    return cw_sq_error(s, err, "store signature");
  /* the keys in one statement: a statement per key spent a third of its
   * 1.2 us (10k articles) in the statement's own steps */
  _Static_assert(CW_MINHASH_BANDS == 16, "one placeholder per band below");
  if (cw_sq_prep(s, "INSERT OR IGNORE INTO copy_bands_recent(period, band,"
                    " article_id) VALUES(?1,?3,?2),(?1,?4,?2),(?1,?5,?2),"
                    "(?1,?6,?2),(?1,?7,?2),(?1,?8,?2),(?1,?9,?2),(?1,?10,?2),"
                    "(?1,?11,?2),(?1,?12,?2),(?1,?13,?2),(?1,?14,?2),"
                    "(?1,?15,?2),(?1,?16,?2),(?1,?17,?2),(?1,?18,?2)",
                 &st) != SQLITE_OK)
    return cw_sq_error(s, err, "store signature");
  int64_t period = cw_sq_copy_period(when, NULL);
  uint64_t bands[CW_MINHASH_BANDS];
  cw_minhash_bands(mh, bands);
  sqlite3_bind_int64(st, 1, period);
  sqlite3_bind_int64(st, 2, article);
  for (size_t b = 0; b < CW_MINHASH_BANDS; b++)
    sqlite3_bind_int64(st, 3 + (int)b, (sqlite3_int64)bands[b]);
  ok = sqlite3_step(st) == SQLITE_DONE;
  if (ok) {
    s->bands_recent += sqlite3_changes(s->db);
    for (size_t b = 0; b < CW_MINHASH_BANDS; b++) {
      band_added(s, period, bands[b]);
      holders_added(s, period, bands[b], article);
    }
  }
  cw_sq_done(s, st);
  return ok ? CW_OK : cw_sq_error(s, err, "store signature");
}

/* After copy_bands_recent's `added` keys of `period` have been merged
 * into copy_bands: into the period's kept filter (and its filter in
 * memory), or a filter built again from copy_bands when there is none or
 * it would hold fewer than PERIOD_FILTER_MIN_BITS bits per key. 0 when it
 * could not be kept up to date. */
static int filter_merged(cw_store *s, int64_t period, uint64_t added) {
  band_filter tmp, *f = filter_of(s, period, 1);
  if (!f) { /* more periods than followed: kept in the archive alone */
    filter_init(&tmp, period);
    f = &tmp;
  }
  if (!f->bits) {
    if (f->stored < 0)
      f->stored = filter_stored(s, period);
    if (f->stored > 0 && !filter_load(s, f))
      f->stored = 0;
  }
  int ok = 0;
  sqlite3_stmt *st;
  if (f->bits && f->with_recent) {
    ok = 1; /* holds them already */
  } else if (f->bits && f->probes == PERIOD_FILTER_PROBES &&
             (f->keys + added) * PERIOD_FILTER_MIN_BITS <= f->mask + 1) {
    ok = filter_add_recent(s, f);
    f->keys += added;
  } else if (cw_sq_prep(s, "SELECT count(*) FROM copy_bands WHERE period=?1",
                        &st) == SQLITE_OK) {
    sqlite3_bind_int64(st, 1, period);
    ok = sqlite3_step(st) == SQLITE_ROW;
    f->keys = ok ? (uint64_t)sqlite3_column_int64(st, 0) : 0;
    cw_sq_done(s, st);
    ok = ok && filter_build(s, f, 0);
  }
  ok = ok && filter_store(s, f);
  if (!ok) {
    free(f->bits);
    f->bits = NULL;
    f->with_recent = 0;
    f->lookups = 0;
    f->check = BAND_FILTER_AFTER;
  }
  if (f == &tmp)
    free(tmp.bits);
  return ok;
}

void cw_sq_bands_filters_build(cw_store *s) {
  sqlite3_stmt *next, *count;
  if (cw_sq_prep(s, "SELECT min(period) FROM copy_bands WHERE period > ?1",
                 &next) != SQLITE_OK)
    return;
  if (cw_sq_prep(s, "SELECT count(*) FROM copy_bands WHERE period = ?1",
                 &count) != SQLITE_OK) {
    cw_sq_done(s, next);
    return;
  }
  int64_t period = INT64_MIN;
  for (;;) {
    sqlite3_reset(next);
    sqlite3_bind_int64(next, 1, period);
    if (sqlite3_step(next) != SQLITE_ROW ||
        sqlite3_column_type(next, 0) == SQLITE_NULL)
      break;
    period = sqlite3_column_int64(next, 0);
    band_filter f;
    filter_init(&f, period);
    sqlite3_reset(count);
    sqlite3_bind_int64(count, 1, period);
    if (sqlite3_step(count) != SQLITE_ROW)
      continue;
    f.keys = (uint64_t)sqlite3_column_int64(count, 0);
    if (filter_build(s, &f, 0))
      filter_store(s, &f);
    free(f.bits);
  }
  cw_sq_done(s, count);
  cw_sq_done(s, next);
}

int64_t cw_sq_bands_filters_missing(cw_store *s) {
  sqlite3_stmt *fs, *keys;
  int64_t missing = 0;
  if (cw_sq_prep(s, "SELECT period FROM copy_band_filters", &fs) != SQLITE_OK)
    return -1;
  if (cw_sq_prep(s, "SELECT band FROM copy_bands WHERE period=?1", &keys) !=
      SQLITE_OK) {
    cw_sq_done(s, fs);
    return -1;
  }
  while (missing >= 0 && sqlite3_step(fs) == SQLITE_ROW) {
    band_filter f;
    filter_init(&f, sqlite3_column_int64(fs, 0));
    if (!filter_load(s, &f)) {
      missing = -1;
      break;
    }
    sqlite3_reset(keys);
    sqlite3_bind_int64(keys, 1, f.period);
    while (sqlite3_step(keys) == SQLITE_ROW)
      missing += !filter_has(&f, (uint64_t)sqlite3_column_int64(keys, 0));
    free(f.bits);
  }
  cw_sq_done(s, keys);
  cw_sq_done(s, fs);
  return missing;
}

/* copy_bands_recent holds the keys of the articles stored since its last
 * merge: a small tree whose pages an ingest finds in its cache. Moved
 * into copy_bands all at once and in key order, each page of a period
 * there takes the keys of many articles in one write instead of one key
 * each. Every lookup reads both tables (or skips one whose filter lacks
 * the key), so what is found does not depend on where a key is. */
cw_status cw_sq_bands_merge(cw_store *s, int64_t at_least, cw_error *err) {
  if (!count_recent(s))
    return cw_sq_error(s, err, "count band keys");
  if (s->bands_recent < at_least || s->bands_recent == 0)
    return CW_OK;
  cw_status rc = cw_sq_exec(
      s,
      "INSERT OR IGNORE INTO copy_bands(period, band, article_id)"
      " SELECT period, band, article_id FROM copy_bands_recent"
      " ORDER BY period, band, article_id;",
      err);
  if (rc)
    return rc;
  /* the periods merged, and their keys (before they leave) */
  sqlite3_stmt *st;
  int64_t *per = NULL;
  size_t n = 0, cap = 0;
  if (cw_sq_prep(s, "SELECT period, count(*) FROM copy_bands_recent"
                    " GROUP BY period", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "merge band keys");
  while (sqlite3_step(st) == SQLITE_ROW) {
    if (n + 2 > cap) {
      int64_t *p = realloc(per, (cap = cap ? 2 * cap : 32) * sizeof *p);
      if (!p) {
        cw_sq_done(s, st);
        free(per);
        return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
      }
      per = p;
    }
    per[n++] = sqlite3_column_int64(st, 0);
    per[n++] = sqlite3_column_int64(st, 1);
  }
  cw_sq_done(s, st);
  for (size_t i = 0; i < n && !rc; i += 2) {
    if (filter_merged(s, per[i], (uint64_t)per[i + 1]))
      continue;
    /* a kept filter without these keys would hide their holders */
    if (cw_sq_prep(s, "DELETE FROM copy_band_filters WHERE period=?1", &st) !=
        SQLITE_OK)
      rc = cw_sq_error(s, err, "merge band keys");
    else {
      sqlite3_bind_int64(st, 1, per[i]);
      if (sqlite3_step(st) != SQLITE_DONE)
        rc = cw_sq_error(s, err, "merge band keys");
      cw_sq_done(s, st);
      band_filter *f = filter_of(s, per[i], 0);
      if (f)
        f->stored = 0;
    }
  }
  free(per);
  if (!rc)
    rc = cw_sq_exec(s, "DELETE FROM copy_bands_recent;", err);
  if (!rc) {
    s->bands_recent = 0;
    if (s->bands && s->bands->recent.bits)
      memset(s->bands->recent.bits, 0, RECENT_FILTER_BITS / 8);
    /* copy_bands_recent is empty: every filter holds its keys, and takes
     * those stored from now on */
    for (size_t i = 0; s->bands && i < s->bands->n; i++)
      s->bands->f[i].with_recent = 1;
  }
  return rc;
}

/* ---- an article's facts, quotes and times, one row -------------------- */

/* s as a JSON string, or null. The analysers' strings are UTF-8 (the
 * extractors make every text so); what JSON cannot hold raw is escaped. */
static void put_json_str(cw_buf *b, const char *s) {
  if (!s) {
    cw_buf_puts(b, "null");
    return;
  }
  cw_buf_putc(b, '"');
  const char *run = s;
  for (const char *p = s; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c >= 0x20 && c != '"' && c != '\\')
      continue;
    cw_buf_append(b, run, (size_t)(p - run));
    if (c == '"' || c == '\\') {
      cw_buf_putc(b, '\\');
      cw_buf_putc(b, (char)c);
    } else {
      cw_buf_printf(b, "\\u%04x", c);
    }
    run = p + 1;
  }
  cw_buf_puts(b, run);
  cw_buf_putc(b, '"');
}

/* n in decimal, then the byte after (',' or ']'): what printf would
 * write, at a tenth of its instructions (the analysis of one article
 * writes some 80 numbers). */
static void put_json_uint(cw_buf *b, uint64_t n, char after) {
  char digits[24];
  size_t i = sizeof digits;
  digits[--i] = after;
  do {
    digits[--i] = (char)('0' + n % 10);
    n /= 10;
  } while (n);
  cw_buf_append(b, digits + i, sizeof digits - i);
}

/* x as a JSON number that reads back as the same double and as a real
 * (SQLite's json_array writes a REAL so: "3117.0"), 0.0 for what JSON
 * has no number for. */
static void put_json_real(cw_buf *b, double x) {
  char num[40];
  if (!isfinite(x))
    x = 0;
  /* the "C" locale's point, whatever locale a program embedding us set */
  cw_snprintf_c(num, sizeof num, "%.17g", x);
  cw_buf_puts(b, num);
  if (!strpbrk(num, ".eE"))
    cw_buf_puts(b, ".0");
}

/* Each of an article's lists as the JSON array migration 20 defines
 * (schema.sql.h: the columns of the old tables in their order), and the
 * row of article_analysis that holds them: one insert instead of one a
 * fact, quote and time. An article with none of them has no row. */
cw_status cw_sq_save_analysis(cw_store *s, int64_t article,
                              const cw_analysis *an, cw_error *err) {
  if (!an->n_facts && !an->n_quotes && !an->n_times)
    return CW_OK;
  cw_buf f, q, t;
  cw_buf_init(&f, 0);
  cw_buf_init(&q, 0);
  cw_buf_init(&t, 0);
  cw_buf_putc(&f, '[');
  for (size_t i = 0; i < an->n_facts; i++) {
    const cw_fact *x = &an->facts[i];
    cw_buf_puts(&f, i ? ",[" : "[");
    put_json_str(&f, cw_fact_kind_name(x->kind));
    cw_buf_putc(&f, ',');
    put_json_str(&f, x->subject ? x->subject : "");
    cw_buf_putc(&f, ',');
    put_json_str(&f, x->value ? x->value : "");
    cw_buf_putc(&f, ',');
    put_json_real(&f, x->number);
    cw_buf_putc(&f, ',');
    put_json_uint(&f, (uint64_t)x->qualifier, ',');
    put_json_uint(&f, x->approximate != 0, ',');
    put_json_uint(&f, x->start, ',');
    put_json_uint(&f, x->end, ']');
  }
  cw_buf_putc(&f, ']');
  cw_buf_putc(&q, '[');
  for (size_t i = 0; i < an->n_quotes; i++) {
    const cw_quote *x = &an->quotes[i];
    cw_buf_puts(&q, i ? ",[" : "[");
    put_json_uint(&q, x->start, ',');
    put_json_uint(&q, x->end, ',');
    put_json_str(&q, cw_quote_kind_name(x->kind));
    cw_buf_putc(&q, ',');
    put_json_str(&q, x->text ? x->text : "");
    cw_buf_putc(&q, ',');
    put_json_str(&q, x->speaker);
    if (x->speaker_end > x->speaker_start) {
      cw_buf_putc(&q, ',');
      put_json_uint(&q, x->speaker_start, ',');
      put_json_uint(&q, x->speaker_end, ',');
    } else
      cw_buf_puts(&q, ",null,null,");
    put_json_str(&q, x->cue);
    cw_buf_putc(&q, ',');
    put_json_str(&q, x->channel);
    cw_buf_putc(&q, ']');
  }
  cw_buf_putc(&q, ']');
  cw_buf_putc(&t, '[');
  for (size_t i = 0; i < an->n_times; i++) {
    const cw_timex *x = &an->times[i];
    cw_buf_puts(&t, i ? ",[" : "[");
    put_json_uint(&t, x->start, ',');
    put_json_uint(&t, x->end, ',');
    put_json_str(&t, cw_timex_type_name(x->type));
    cw_buf_putc(&t, ',');
    put_json_str(&t, x->value ? x->value : "");
    cw_buf_putc(&t, ']');
  }
  cw_buf_putc(&t, ']');
  cw_status rc = CW_OK;
  sqlite3_stmt *st;
  if (f.err || q.err || t.err) {
    rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
  } else if (cw_sq_prep(s, "INSERT INTO article_analysis(article_id, facts,"
                           " quotes, times) VALUES(?,?,?,?)", &st) != SQLITE_OK) {
    rc = cw_sq_error(s, err, "store analysis");
  } else {
    sqlite3_bind_int64(st, 1, article);
    sqlite3_bind_text(st, 2, f.ptr, (int)f.len, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, q.ptr, (int)q.len, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, t.ptr, (int)t.len, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
      rc = cw_sq_error(s, err, "store analysis");
    cw_sq_done(s, st);
  }
  cw_buf_free(&f);
  cw_buf_free(&q);
  cw_buf_free(&t);
  return rc;
}

/* ---- reading a story's derived parts -------------------------------- */

/* Runs sql (one ? = the article id) and returns the prepared statement,
 * or NULL. */
static sqlite3_stmt *per_article(cw_store *s, const char *sql) {
  sqlite3_stmt *st;
  return cw_sq_prep(s, sql, &st) == SQLITE_OK ? st
                                                                    : NULL;
}

static char *dup_col(cw_arena *arena, sqlite3_stmt *st, int i) {
  return cw_arena_strdup(arena, cw_sq_col_text(st, i));
}


/* Whether a stored speaker is a personal pronoun the analysis could not
 * resolve ("He", "It"): a story shows such a quote with no speaker rather
 * than under "It". */
static int unresolved_pronoun(const char *sp) {
  static const char *const pron[] = {"he", "she", "it", "they", "we",
                                     "i", "you"};
  if (!sp)
    return 0;
  for (size_t i = 0; i < sizeof pron / sizeof *pron; i++)
    if (!strcasecmp(sp, pron[i]))
      return 1;
  return 0;
}

/* ---- reading article_analysis's arrays ------------------------------ */

/* The arrays cw_sq_save_analysis writes (and the import triggers append
 * to with SQLite's json functions) hold rows of scalars only: strings,
 * numbers and null. They are read here by hand, as they were written:
 * jansson builds a tree of every value, some 150 instructions a byte,
 * which made a story's reading a tenth slower than the tables it
 * replaced; this reader copies the strings out once. Anything else (a
 * row edited by hand into another shape) ends the list where it starts:
 * the story is shown without the rest rather than not at all. */

/* One scalar of a packed row. */
typedef struct {
  enum { PK_NULL, PK_STR, PK_NUM } type;
  char *str; /* PK_STR: in the arena, NUL-terminated */
  double num;
} pk_val;

/* The most scalars a row holds (a quote's nine). */
#define PK_MAX_VALS 9

typedef struct {
  const char *p, *end;
  int nomem; /* a string could not be copied out */
} pk_cursor;

static void pk_space(pk_cursor *c) {
  while (c->p < c->end &&
         (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
    c->p++;
}

/* Consumes ch (after white space) if it is next. */
static int pk_take(pk_cursor *c, char ch) {
  pk_space(c);
  if (c->p < c->end && *c->p == ch) {
    c->p++;
    return 1;
  }
  return 0;
}

static int pk_hex4(const char *p, unsigned *out) {
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    char h = p[i];
    v <<= 4;
    if (h >= '0' && h <= '9')
      v |= (unsigned)(h - '0');
    else if (h >= 'a' && h <= 'f')
      v |= (unsigned)(h - 'a' + 10);
    else if (h >= 'A' && h <= 'F')
      v |= (unsigned)(h - 'A' + 10);
    else
      return 0;
  }
  *out = v;
  return 1;
}

/* A string at c->p (its opening quote), decoded into the arena. */
static char *pk_string(pk_cursor *c, cw_arena *arena) {
  const char *p = c->p + 1, *close = p;
  while (close < c->end && *close != '"')
    close += *close == '\\' ? 2 : 1;
  if (close >= c->end)
    return NULL;
  /* decoding never lengthens: an escape of n bytes gives at most n */
  char *out = cw_arena_alloc(arena, (size_t)(close - p) + 1), *o = out;
  if (!out) {
    c->nomem = 1;
    return NULL;
  }
  while (p < close) {
    if (*p != '\\') {
      *o++ = *p++;
      continue;
    }
    char e = p[1];
    p += 2;
    switch (e) {
    case '"': case '\\': case '/': *o++ = e; break;
    case 'b': *o++ = '\b'; break;
    case 'f': *o++ = '\f'; break;
    case 'n': *o++ = '\n'; break;
    case 'r': *o++ = '\r'; break;
    case 't': *o++ = '\t'; break;
    case 'u': {
      unsigned u, lo;
      if (close - p < 4 || !pk_hex4(p, &u))
        return NULL;
      p += 4;
      if (u >= 0xD800 && u < 0xDC00 && close - p >= 6 && p[0] == '\\' &&
          p[1] == 'u' && pk_hex4(p + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        p += 6;
      }
      if (u == 0 || (u >= 0xD800 && u < 0xE000))
        u = 0xFFFD; /* a NUL or a lone surrogate: not text we can hold */
      o += utf8proc_encode_char((utf8proc_int32_t)u, (utf8proc_uint8_t *)o);
      break;
    }
    default:
      return NULL;
    }
  }
  *o = '\0';
  c->p = close + 1;
  return out;
}

/* A number at c->p. An integer (every offset) is read here; another
 * goes to strtod in the "C" locale (cw_strtod: JSON's point whatever
 * locale a program embedding us set). A number past a double's range
 * reads as +-HUGE_VAL, as SQLite reads its own 9.0e+999. */
static int pk_number(pk_cursor *c, double *out) {
  const char *p = c->p;
  int neg = p < c->end && *p == '-';
  p += neg;
  uint64_t n = 0;
  const char *digits = p;
  while (p < c->end && *p >= '0' && *p <= '9' && p - digits < 18)
    n = n * 10 + (uint64_t)(*p++ - '0');
  if (p == digits)
    return 0;
  if (p == c->end || (*p != '.' && *p != 'e' && *p != 'E' &&
                      (*p < '0' || *p > '9'))) {
    *out = neg ? -(double)n : (double)n;
    c->p = p;
    return 1;
  }
  char num[64];
  size_t len = 0;
  for (p = c->p; p < c->end && len + 1 < sizeof num && *p &&
                 strchr("+-.0123456789eE", *p);
       p++)
    num[len++] = *p;
  num[len] = '\0';
  char *stop;
  *out = cw_strtod(num, &stop);
  if (stop == num)
    return 0;
  c->p += stop - num;
  return 1;
}

/* The next row of the list: 1 and its n scalars in v, 0 at the list's
 * end, -1 when the text is not a list of rows of scalars. */
static int pk_row(pk_cursor *c, cw_arena *arena, pk_val *v, size_t *n) {
  if (pk_take(c, ']'))
    return 0;
  if (!pk_take(c, '['))
    return -1;
  *n = 0;
  if (pk_take(c, ']'))
    goto next;
  for (;;) {
    if (*n == PK_MAX_VALS)
      return -1;
    pk_val *x = &v[(*n)++];
    pk_space(c);
    if (c->p >= c->end)
      return -1;
    if (*c->p == '"') {
      x->type = PK_STR;
      if (!(x->str = pk_string(c, arena)))
        return -1;
    } else if (c->end - c->p >= 4 && !memcmp(c->p, "null", 4)) {
      x->type = PK_NULL;
      c->p += 4;
    } else {
      x->type = PK_NUM;
      if (!pk_number(c, &x->num))
        return -1;
    }
    if (pk_take(c, ']'))
      break;
    if (!pk_take(c, ','))
      return -1;
  }
next:
  return pk_take(c, ',') || (pk_space(c), c->p < c->end && *c->p == ']') ? 1
                                                                         : -1;
}

/* A packed list's text (column i of st, when on a row) opened: 1 when it
 * starts a list. */
static int pk_open(pk_cursor *c, sqlite3_stmt *st, int row, int i) {
  const char *text = row ? (const char *)sqlite3_column_text(st, i) : NULL;
  if (!text)
    return 0;
  c->p = text;
  c->end = text + sqlite3_column_bytes(st, i);
  c->nomem = 0;
  return pk_take(c, '[');
}

static const char *pk_str(const pk_val *v, size_t n, size_t i) {
  return i < n && v[i].type == PK_STR ? v[i].str : NULL;
}

/* An offset or small count; SIZE_MAX (which no span check lets through)
 * when it is not a number of that range. */
static size_t pk_size(const pk_val *v, size_t n, size_t i) {
  return i < n && v[i].type == PK_NUM && v[i].num >= 0 &&
                 v[i].num < 9007199254740992.0
             ? (size_t)v[i].num
             : SIZE_MAX;
}

static double pk_num(const pk_val *v, size_t n, size_t i) {
  return i < n && v[i].type == PK_NUM ? v[i].num : 0;
}

/* Orders of a loaded list by span start (cw_sort_stable: ties keep
 * their stored order, as the tables' ORDER BY span_start gave them). */
#define BY_START(name, type)                                                  \
  static int name(const void *x, const void *y) {                             \
    size_t a = ((const type *)x)->start, b = ((const type *)y)->start;        \
    return (a > b) - (a < b);                                                 \
  }
BY_START(fact_by_start, cw_fact)
BY_START(quote_by_start, cw_quote)
BY_START(time_by_start, cw_timex)

/* Loads one article's facts, quotes, times (its row of article_analysis,
 * read by aq) and entities (eq) into a. An element that does not fit the
 * text is skipped, as the row of a hand-edited store may not. */
static cw_status load_article(cw_arena *arena, sqlite3_stmt *aq,
                              sqlite3_stmt *eq, cw_cmp_article *a) {
  cw_vec v;
  pk_val x[PK_MAX_VALS];
  size_t n;
  pk_cursor c = {0};
  sqlite3_reset(aq);
  sqlite3_bind_int64(aq, 1, a->id);
  int row = sqlite3_step(aq) == SQLITE_ROW;

  cw_vec_init(&v, sizeof(cw_fact));
  for (int more = pk_open(&c, aq, row, 0);
       more && pk_row(&c, arena, x, &n) > 0;) {
    cw_fact *f = cw_vec_push(&v);
    if (!f)
      goto nomem;
    const char *kind = pk_str(x, n, 0);
    f->kind = !kind                      ? CW_FACT_QUANTITY
              : !strcmp(kind, "money")   ? CW_FACT_MONEY
              : !strcmp(kind, "percent") ? CW_FACT_PERCENT
              : !strcmp(kind, "role")    ? CW_FACT_ROLE
                                         : CW_FACT_QUANTITY;
    f->subject = pk_str(x, n, 1);
    f->value = pk_str(x, n, 2);
    f->number = pk_num(x, n, 3);
    double qual = pk_num(x, n, 4); /* a damaged row's may be anything */
    f->qualifier = qual == CW_QUAL_ATLEAST  ? CW_QUAL_ATLEAST
                   : qual == CW_QUAL_ATMOST ? CW_QUAL_ATMOST
                                            : CW_QUAL_EXACT;
    f->approximate = pk_num(x, n, 5) != 0;
    f->start = pk_size(x, n, 6);
    f->end = pk_size(x, n, 7);
    if (!f->subject || !f->value || f->end > a->len || f->start > f->end)
      v.len--; /* an element that does not fit the text is skipped */
  }
  if (c.nomem)
    goto nomem;
  cw_sort_stable(v.items, v.len, sizeof(cw_fact), fact_by_start);
  a->facts = cw_arena_alloc(arena, (v.len + 1) * sizeof(cw_fact));
  if (!a->facts)
    goto nomem;
  if (v.len)
    memcpy((cw_fact *)a->facts, v.items, v.len * sizeof(cw_fact));
  a->n_facts = v.len;
  cw_vec_free(&v);

  cw_vec_init(&v, sizeof(cw_quote));
  for (int more = pk_open(&c, aq, row, 1);
       more && pk_row(&c, arena, x, &n) > 0;) {
    cw_quote *q = cw_vec_push(&v);
    if (!q)
      goto nomem;
    q->start = pk_size(x, n, 0);
    q->end = pk_size(x, n, 1);
    const char *kind = pk_str(x, n, 2);
    q->kind = !kind                       ? CW_QUOTE_DIRECT
              : !strcmp(kind, "partial")  ? CW_QUOTE_PARTIAL
              : !strcmp(kind, "indirect") ? CW_QUOTE_INDIRECT
                                          : CW_QUOTE_DIRECT;
    q->text = pk_str(x, n, 3);
    q->speaker = unresolved_pronoun(pk_str(x, n, 4))
                     ? NULL /* "He said ..." with no one to be he */
                     : pk_str(x, n, 4);
    q->speaker_entity = -1;
    q->cue = pk_str(x, n, 7);
    q->channel = pk_str(x, n, 8);
    if (!q->text || q->end > a->len || q->start > q->end)
      v.len--;
  }
  if (c.nomem)
    goto nomem;
  cw_sort_stable(v.items, v.len, sizeof(cw_quote), quote_by_start);
  a->quotes = cw_arena_alloc(arena, (v.len + 1) * sizeof(cw_quote));
  if (!a->quotes)
    goto nomem;
  if (v.len)
    memcpy((cw_quote *)a->quotes, v.items, v.len * sizeof(cw_quote));
  a->n_quotes = v.len;
  cw_vec_free(&v);

  cw_vec_init(&v, sizeof(cw_timex));
  for (int more = pk_open(&c, aq, row, 2);
       more && pk_row(&c, arena, x, &n) > 0;) {
    cw_timex *t = cw_vec_push(&v);
    if (!t)
      goto nomem;
    t->start = pk_size(x, n, 0);
    t->end = pk_size(x, n, 1);
    const char *type = pk_str(x, n, 2);
    t->type = !type                       ? CW_TIMEX_DATE
              : !strcmp(type, "TIME")     ? CW_TIMEX_TIME
              : !strcmp(type, "DURATION") ? CW_TIMEX_DURATION
              : !strcmp(type, "SET")      ? CW_TIMEX_SET
                                          : CW_TIMEX_DATE;
    t->value = pk_str(x, n, 3);
    if (!t->value || t->end > a->len || t->start > t->end)
      v.len--;
  }
  if (c.nomem)
    goto nomem;
  cw_sort_stable(v.items, v.len, sizeof(cw_timex), time_by_start);
  a->times = cw_arena_alloc(arena, (v.len + 1) * sizeof(cw_timex));
  if (!a->times)
    goto nomem;
  if (v.len)
    memcpy((cw_timex *)a->times, v.items, v.len * sizeof(cw_timex));
  a->n_times = v.len;
  cw_vec_free(&v);

  sqlite3_reset(eq);
  sqlite3_bind_int64(eq, 1, a->id);
  cw_vec_init(&v, sizeof(cw_cmp_entity));
  while (sqlite3_step(eq) == SQLITE_ROW) {
    cw_cmp_entity *e = cw_vec_push(&v);
    if (!e)
      goto nomem;
    e->name = dup_col(arena, eq, 0);
    e->type = dup_col(arena, eq, 1);
    if (!e->name || !e->type)
      v.len--;
  }
  a->entities = cw_arena_alloc(arena, (v.len + 1) * sizeof(cw_cmp_entity));
  if (!a->entities)
    goto nomem;
  if (v.len)
    memcpy((cw_cmp_entity *)a->entities, v.items, v.len * sizeof(cw_cmp_entity));
  a->n_entities = v.len;
  cw_vec_free(&v);
  return CW_OK;
nomem:
  cw_vec_free(&v);
  return CW_ERR_NOMEM;
}

cw_status cw_sq_story_derived(cw_store *s, int64_t story, json_t *obj) {
  cw_arena *arena = cw_arena_new();
  sqlite3_stmt *as = NULL, *aq = NULL, *eq = NULL;
  cw_vec arts;
  cw_vec_init(&arts, sizeof(cw_cmp_article));
  cw_status rc = CW_ERR_NOMEM;
  if (!arena)
    goto done;
  rc = CW_ERR_STORE;
  if (cw_sq_prep(s,
                         /* an undated copy is as old as its original */
                         "SELECT id, outlet, coalesce(published, (SELECT"
                         " o.published FROM articles o WHERE o.id ="
                         " articles.copy_of)), text FROM articles"
                         " WHERE story_id = ?"
                         " ORDER BY coalesce(published, added), id LIMIT ?", &as) != SQLITE_OK ||
      !(aq = per_article(s, "SELECT facts, quotes, times FROM"
                            " article_analysis WHERE article_id = ?")) ||
      !(eq = per_article(s, "SELECT name, type FROM article_entities"
                            " WHERE article_id = ?")))
    goto done;
  sqlite3_bind_int64(as, 1, story);
  sqlite3_bind_int(as, 2, CW_COMPARE_MAX_ARTICLES);
  rc = CW_ERR_NOMEM;
  while (sqlite3_step(as) == SQLITE_ROW) {
    cw_cmp_article *a = cw_vec_push(&arts);
    if (!a)
      goto done;
    a->id = sqlite3_column_int64(as, 0);
    a->outlet = dup_col(arena, as, 1);
    a->published = dup_col(arena, as, 2);
    a->text = dup_col(arena, as, 3);
    if (!a->text)
      a->text = "";
    a->len = strlen(a->text);
    if (load_article(arena, aq, eq, a))
      goto done;
  }
  json_t *timeline = cw_compare_timeline(arts.items, arts.len);
  json_t *quotes = cw_compare_quotes(arts.items, arts.len);
  json_t *disc = cw_compare_discrepancies(arts.items, arts.len);
  json_object_set_new(obj, "timeline", timeline ? timeline : json_array());
  json_object_set_new(obj, "quotes", quotes ? quotes : json_array());
  json_object_set_new(obj, "discrepancies", disc ? disc : json_array());
  rc = timeline && quotes && disc ? CW_OK : CW_ERR_NOMEM;
done:
  cw_sq_done(s, as);
  cw_sq_done(s, aq);
  cw_sq_done(s, eq);
  cw_vec_free(&arts);
  cw_arena_free(arena);
  return rc;
}

cw_status cw_sq_earliest_original(cw_store *s, int64_t article,
                                  int64_t original, const char *published,
                                  cw_error *err) {
  if (!published || !original)
    return CW_OK;
  sqlite3_stmt *st;
  if (cw_sq_prep(s, "SELECT published FROM articles WHERE id=?", &st) != SQLITE_OK)
    return cw_sq_error(s, err, "fold copies");
  sqlite3_bind_int64(st, 1, original);
  int older = 0;
  if (sqlite3_step(st) == SQLITE_ROW) {
    const char *op = cw_sq_col_text(st, 0);
    /* ISO 8601 strings of one zone compare as text; an undated original
     * gives way to a dated copy */
    older = !op || strcmp(published, op) < 0;
  }
  cw_sq_done(s, st);
  if (!older)
    return CW_OK;
  static const char *const sql[] = {
      "UPDATE articles SET copy_of=?1 WHERE copy_of=?2 OR id=?2",
      "UPDATE articles SET copy_of=NULL WHERE id=?1"};
  for (size_t i = 0; i < 2; i++) {
    if (cw_sq_prep(s, sql[i], &st) != SQLITE_OK)
      return cw_sq_error(s, err, "fold copies");
    sqlite3_bind_int64(st, 1, article);
    if (i == 0)
      sqlite3_bind_int64(st, 2, original);
    int ok = sqlite3_step(st) == SQLITE_DONE;
    cw_sq_done(s, st);
    if (!ok)
      return cw_sq_error(s, err, "fold copies");
  }
  return CW_OK;
}

json_t *cw_sq_story_coverage(cw_store *s, int64_t story) {
  sqlite3_stmt *st;
  json_t *arr = json_array();
  /* per outlet: its articles and when it first reported (null when none
   * of its articles is dated; articles of an unknown outlet are left
   * out: they say nothing about coverage) */
  if (!arr || cw_sq_prep(s, "SELECT outlet, min(published), count(*),"
                  " sum(copy_of IS NOT NULL) FROM articles"
                  " WHERE story_id = ? AND outlet IS NOT NULL"
                  " GROUP BY outlet ORDER BY 2, 1", &st) != SQLITE_OK) {
    json_decref(arr);
    return NULL;
  }
  sqlite3_bind_int64(st, 1, story);
  while (sqlite3_step(st) == SQLITE_ROW)
    json_array_append_new(
        arr, json_pack("{s:s, s:o, s:i, s:i}", "outlet",
                       cw_sq_col_text(st, 0), "first",
                       cw_sq_col_text(st, 1) ? json_string(cw_sq_col_text(st, 1))
                                             : json_null(),
                       "articles", sqlite3_column_int(st, 2), "copies",
                       sqlite3_column_int(st, 3)));
  cw_sq_done(s, st);
  return arr;
}

/* Stories sharing names with this one, at most this many. */
#define RELATED_STORIES 5
/* The time window of related stories: days before the story's first
 * report and after its last (a string: it goes into the SQL). */
#define RELATED_DAYS "7"
/* Articles ingested before and after the story's own in which its names
 * are looked up. */
#define RELATED_IDS 20000

json_t *cw_sq_story_related(cw_store *s, int64_t story) {
  sqlite3_stmt *st;
  json_t *arr = json_array();
  /* other stories naming the same people, organisations and places,
   * ranked by how many distinct names they share, within the time window:
   * stories active within RELATED_DAYS of this one's first and last
   * report. The names' articles are read by index (block of ids, name,
   * article id; schema 17) in the ids ingested around this story's
   * (RELATED_IDS each side), each name sought in each block of the span,
   * so the cost follows the story and the ingest rate, not the archive's
   * size. */
  if (!arr ||
      cw_sq_prep(s, "WITH RECURSIVE mine AS (SELECT DISTINCT e.name"
          "  FROM articles a"
          "  JOIN article_entities e ON e.article_id = a.id"
          "  WHERE a.story_id = ?1),"
          /* the story's own articles, to pass over their names without
           * reading each one's row: in a large story most of the rows
           * the names give are its own (the largest at 1M, 11,223
           * articles: 0.20 -> 0.12 s of CPU) */
          " own AS MATERIALIZED (SELECT id FROM articles"
          "  WHERE story_id = ?1),"
          " span AS (SELECT max(min(id) - ?3, 0) AS lo, max(id) + ?3 AS hi"
          "  FROM articles WHERE story_id = ?1),"
          " blocks(k) AS (SELECT lo >> 14 FROM span WHERE lo IS NOT NULL"
          "  UNION ALL SELECT k + 1 FROM blocks, span WHERE k < hi >> 14),"
          " me AS (SELECT date(first_seen, '-" RELATED_DAYS " days') AS since,"
          "  date(last_update, '+" RELATED_DAYS " days', '+1 day') AS until"
          "  FROM stories WHERE id = ?1)"
          " SELECT a.story_id, st.title, count(DISTINCT e.name) AS shared"
          /* this order, and the index named: SQLite would otherwise
           * build an index of its own over every name of the archive */
          " FROM span CROSS JOIN blocks b CROSS JOIN mine m CROSS JOIN me"
          " CROSS JOIN article_entities e INDEXED BY article_entities_by_block"
          " JOIN articles a ON a.id = e.article_id"
          " JOIN stories st ON st.id = a.story_id"
          " WHERE e.article_id >> 14 = b.k AND e.name = m.name"
          "  AND e.article_id BETWEEN span.lo AND span.hi"
          "  AND e.article_id NOT IN own"
          "  AND a.story_id != ?1 AND st.last_update >= me.since"
          "  AND st.first_seen < me.until"
          " GROUP BY a.story_id HAVING shared >= 2"
          " ORDER BY shared DESC, a.story_id DESC LIMIT ?2", &st) != SQLITE_OK) {
    json_decref(arr);
    return NULL;
  }
  sqlite3_bind_int64(st, 1, story);
  sqlite3_bind_int(st, 2, RELATED_STORIES);
  sqlite3_bind_int64(st, 3, RELATED_IDS);
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *title = cw_sq_col_text(st, 1);
    json_array_append_new(
        arr, json_pack("{s:I, s:o, s:i}", "id",
                       (json_int_t)sqlite3_column_int64(st, 0), "title",
                       title ? json_string(title) : json_null(),
                       "shared_names", sqlite3_column_int(st, 2)));
  }
  cw_sq_done(s, st);
  return arr;
}

/* ---- summary ---------------------------------------------------------- */

/* Sentences in a summary, and articles and sentences per article looked
 * at for them. */
#define SUMMARY_MAX 5
#define SUMMARY_ARTICLES 24
#define SUMMARY_SENTENCES_PER_ARTICLE 3
/* Word overlap from which two sentences say the same thing. */
#define SUMMARY_SAME 0.5

/* Lower-cased ASCII words of s as hashes, sorted; *n set. Caller frees. */
static uint64_t *summary_words(const char *s, size_t len, size_t *n) {
  uint64_t *w = malloc((len / 2 + 2) * sizeof *w);
  *n = 0;
  if (!w)
    return NULL;
  for (size_t i = 0; i < len;) {
    while (i < len && !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') &&
           !(s[i] >= '0' && s[i] <= '9') && !((unsigned char)s[i] & 0x80))
      i++;
    uint64_t h = 1469598103934665603ULL;
    size_t k = 0;
    for (; i < len && (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') ||
                       (s[i] >= '0' && s[i] <= '9') ||
                       ((unsigned char)s[i] & 0x80));
         i++, k++)
      h = (h ^ (unsigned char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] | 0x20 : s[i])) *
          1099511628211ULL;
    if (k > 2) /* short words ("a", "of") say little about sameness */
      w[(*n)++] = h;
  }
  for (size_t i = 1; i < *n; i++) /* insertion sort: sentences are short */
    for (size_t j = i; j > 0 && w[j - 1] > w[j]; j--) {
      uint64_t t = w[j];
      w[j] = w[j - 1];
      w[j - 1] = t;
    }
  return w;
}

static double summary_overlap(const uint64_t *a, size_t na, const uint64_t *b,
                              size_t nb) {
  size_t i = 0, j = 0, both = 0;
  while (i < na && j < nb) {
    if (a[i] == b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i] < b[j]) {
      i++;
    } else {
      j++;
    }
  }
  size_t small = na < nb ? na : nb;
  return small ? (double)both / (double)small : 0;
}

/* Length of a dateline opening a sentence ("KORSA – ", "DUBLIN - "), 0
 * when there is none: capital letters, spaces, commas and dots, then a
 * dash between spaces. */
static size_t dateline_prefix(const char *s, size_t len) {
  size_t i = 0;
  while (i < len && i < 40 &&
         ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == ' ' || s[i] == ',' ||
          s[i] == '.' ||
          (((unsigned char)s[i] & 0x80) && i + 2 < len &&
           memcmp(s + i, "\xe2\x80\x93", 3) &&
           memcmp(s + i, "\xe2\x80\x94", 3))))
    i++;
  if (i >= 2 && i + 2 < len && s[i - 1] == ' ') {
    if (s[i] == '-' && s[i + 1] == ' ')
      return i + 2;
    if (i + 4 < len && !memcmp(s + i, "\xe2\x80\x93 ", 4)) /* en dash */
      return i + 4;
    if (i + 4 < len && !memcmp(s + i, "\xe2\x80\x94 ", 4)) /* em dash */
      return i + 4;
  }
  return 0;
}

json_t *cw_sq_story_summary(cw_store *s, int64_t story) {
  sqlite3_stmt *st;
  json_t *arr = json_array();
  if (!arr ||
      cw_sq_prep(s,
                         /* originals only (a copy repeats its original),
                          * the most central first, one per outlet */
                         "SELECT text, coalesce(outlet, 'article ' || id)"
                         " FROM articles WHERE story_id=? AND copy_of IS NULL"
                         " ORDER BY similarity DESC, id LIMIT ?", &st) != SQLITE_OK) {
    json_decref(arr);
    return NULL;
  }
  sqlite3_bind_int64(st, 1, story);
  sqlite3_bind_int(st, 2, SUMMARY_ARTICLES);
  /* candidates: the first sentences of each article, round by round */
  typedef struct cand {
    char *text;
    int round;
  } cand;
  cand c[SUMMARY_ARTICLES * SUMMARY_SENTENCES_PER_ARTICLE];
  size_t nc = 0;
  char *outlets[SUMMARY_ARTICLES];
  size_t no = 0;
  while (sqlite3_step(st) == SQLITE_ROW && no < SUMMARY_ARTICLES) {
    const char *text = cw_sq_col_text(st, 0), *outlet = cw_sq_col_text(st, 1);
    int seen = 0;
    for (size_t i = 0; i < no && !seen; i++)
      seen = !strcmp(outlets[i], outlet ? outlet : "");
    if (seen || !text || !(outlets[no] = cw_strdup(outlet ? outlet : "")))
      continue;
    no++;
    cw_vec sents;
    cw_vec_init(&sents, sizeof(cw_span));
    if (cw_text_sentences(text, strlen(text), &sents) == CW_OK)
      for (size_t k = 0; k < sents.len && k < SUMMARY_SENTENCES_PER_ARTICLE;
           k++) {
        cw_span sp = CW_VEC_AT(&sents, cw_span, k);
        size_t skip = dateline_prefix(text + sp.start, sp.end - sp.start);
        size_t len = sp.end - sp.start - skip;
        /* headings and fragments are not summary sentences */
        if (len < 40 || !strchr(".!?\"\xe2", text[sp.end - 1]))
          continue;
        if ((c[nc].text = cw_strndup(text + sp.start + skip, len)))
          c[nc++].round = (int)k;
      }
    cw_vec_free(&sents);
  }
  cw_sq_done(s, st);
  uint64_t *chosen_w[SUMMARY_MAX];
  size_t chosen_n[SUMMARY_MAX], nchosen = 0;
  for (int round = 0; round < SUMMARY_SENTENCES_PER_ARTICLE; round++)
    for (size_t i = 0; i < nc && nchosen < SUMMARY_MAX; i++) {
      if (c[i].round != round)
        continue;
      size_t nw;
      uint64_t *w = summary_words(c[i].text, strlen(c[i].text), &nw);
      int same = !w;
      for (size_t k = 0; k < nchosen && !same; k++)
        same = summary_overlap(w, nw, chosen_w[k], chosen_n[k]) >=
               SUMMARY_SAME;
      if (same) {
        free(w);
        continue;
      }
      chosen_w[nchosen] = w;
      chosen_n[nchosen++] = nw;
      json_array_append_new(arr, json_string(c[i].text));
    }
  for (size_t k = 0; k < nchosen; k++)
    free(chosen_w[k]);
  for (size_t i = 0; i < nc; i++)
    free(c[i].text);
  for (size_t i = 0; i < no; i++)
    free(outlets[i]);
  return arr;
}
