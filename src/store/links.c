/* links.c - the split check's links between articles, kept in memory.
 *
 * After an article joins a story of 6 to 32 articles, the split check
 * (sqlite.c, split_story) links every pair of the story's members
 * (cw_story_link: cosine and four facet agreements), a twelfth of adding
 * an article at 10k articles. The next check of the same story has the
 * same members and one more, so all but the new member's links were
 * computed before. A link is a function of the two articles' stored
 * vectors and facets, which never change: the values are kept here by
 * article pair, the later article first, with no invalidation but a
 * rollback (whose article ids are given out again) and the other ingest
 * caches' (cw_sq_forget). When half full the table is emptied.
 */
#include "core/core.h"
#include "store/sqlite_int.h"

#include <stdlib.h>
#include <string.h>

#define LINK_SLOTS ((size_t)1 << 20) /* 24 MiB */

typedef struct link_slot {
  int64_t later, earlier; /* later == 0: empty (article ids are positive) */
  double z;
} link_slot;

struct cw_sq_links {
  link_slot slot[LINK_SLOTS];
  size_t used;
};

void cw_sq_links_clear(cw_store *s) {
  free(s->links);
  s->links = NULL;
}

static size_t slot_of(int64_t later, int64_t earlier) {
  uint64_t h = ((uint64_t)later * 0x9E3779B97F4A7C15ULL) ^
               ((uint64_t)earlier * 0xC2B2AE3D27D4EB4FULL);
  return (size_t)(h >> 44) & (LINK_SLOTS - 1);
}

int cw_sq_link_get(cw_store *s, int64_t later, int64_t earlier, double *z) {
  struct cw_sq_links *l = s->links;
  if (!l)
    return 0;
  for (size_t i = slot_of(later, earlier); l->slot[i].later;
       i = (i + 1) & (LINK_SLOTS - 1))
    if (l->slot[i].later == later && l->slot[i].earlier == earlier) {
      *z = l->slot[i].z;
      return 1;
    }
  return 0;
}

void cw_sq_link_put(cw_store *s, int64_t later, int64_t earlier, double z) {
  struct cw_sq_links *l = s->links;
  if (later <= 0)
    return;
  if (!l && !(l = s->links = cw_zalloc_big(1, sizeof *l)))
    return; /* out of memory: links are computed again */
  if (l->used >= LINK_SLOTS / 2) {
    memset(l->slot, 0, sizeof l->slot);
    l->used = 0;
  }
  size_t i = slot_of(later, earlier);
  while (l->slot[i].later &&
         !(l->slot[i].later == later && l->slot[i].earlier == earlier))
    i = (i + 1) & (LINK_SLOTS - 1);
  if (!l->slot[i].later)
    l->used++;
  l->slot[i] = (link_slot){later, earlier, z};
}
