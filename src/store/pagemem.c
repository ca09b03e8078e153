/* pagemem.c - the memory of SQLite's page caches, in one reserved region
 * the kernel may back with 2 MiB pages.
 *
 * An ingest reads and writes thousands of 4 KiB pages; SQLite keeps each in
 * its page cache, one allocation of a page and its header (a slot) apiece.
 * From glibc's heap every new slot's first touch is a page fault that the
 * kernel answers by zeroing 4 KiB: 15k of them (12-15 us each on the
 * virtual machines we measure on) to fill the ingest's 64 MiB cache, a
 * third of a short ingest's system time. Here the slots come from a region
 * marked MADV_HUGEPAGE, so that filling the cache takes one fault per
 * 2 MiB. Nothing is touched before SQLite asks for it: the region is only
 * reserved address space (MAP_NORESERVE) until then, and a command that
 * reads a few pages costs what it did.
 *
 * Allocations of a slot's size go to the region, handed out upward and
 * reused through a free list; every other allocation, and slots once the
 * region is full, go to SQLite's default allocator, which this wraps. The
 * region's memory stays with the process for its life: the slots of a
 * closed connection's cache are reused by the next one.
 *
 * CROSSWIRE_PAGE_ARENA=0 in the environment turns it off (to measure it).
 */
#define _GNU_SOURCE
#include "sqlite_int.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Address space reserved: room for 230k pages of cache. */
#define ARENA_BYTES ((size_t)1 << 30)
#define HUGE_PAGE ((size_t)2 << 20)
/* The page size of the archives crosswire creates. */
#define SLOT_PAGE 4096

static sqlite3_mem_methods base; /* SQLite's own allocator */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *arena;      /* the region; NULL until the first slot */
static char *arena_end;  /* its end */
static char *arena_next; /* the first slot never handed out */
static void *free_slots; /* given back, a list through their first word */
static size_t slot_min;  /* allocations of slot_min..slot bytes are slots */
static size_t slot;      /* bytes of one slot, a multiple of 16 */
static int arena_failed; /* the reservation was refused: use base only */
static size_t slots_out; /* handed out and not given back */

static int in_arena(const void *p) {
  return arena && (const char *)p >= arena && (const char *)p < arena_end;
}

/* Reserves the region on first use, under the lock. */
static int arena_reserve(void) {
  if (arena || arena_failed)
    return arena != NULL;
  void *m = mmap(NULL, ARENA_BYTES + HUGE_PAGE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (m == MAP_FAILED) {
    arena_failed = 1;
    return 0;
  }
  /* start on a huge page's boundary so that each 2 MiB can be one */
  uintptr_t a = ((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
  arena = arena_next = (char *)a;
  arena_end = arena + ARENA_BYTES;
#ifdef MADV_HUGEPAGE
  madvise(arena, ARENA_BYTES, MADV_HUGEPAGE); /* advice: fine if refused */
#endif
  return 1;
}

static void *slot_take(void) {
  void *p = NULL;
  pthread_mutex_lock(&lock);
  if (free_slots) {
    p = free_slots;
    memcpy(&free_slots, p, sizeof free_slots);
  } else if (arena_reserve() && (size_t)(arena_end - arena_next) >= slot) {
    p = arena_next;
    arena_next += slot;
  }
  if (p)
    slots_out++;
  pthread_mutex_unlock(&lock);
  return p;
}

static void slot_give(void *p) {
  pthread_mutex_lock(&lock);
  memcpy(p, &free_slots, sizeof free_slots);
  free_slots = p;
  slots_out--;
  pthread_mutex_unlock(&lock);
}

static void *pm_malloc(int n) {
  if ((size_t)n >= slot_min && (size_t)n <= slot) {
    void *p = slot_take();
    if (p)
      return p;
  }
  return base.xMalloc(n);
}

static void pm_free(void *p) {
  if (in_arena(p))
    slot_give(p);
  else
    base.xFree(p);
}

static int pm_size(void *p) {
  return in_arena(p) ? (int)slot : base.xSize(p);
}

static void *pm_realloc(void *p, int n) {
  if (!in_arena(p))
    return base.xRealloc(p, n);
  if (n > 0 && (size_t)n <= slot)
    return p;
  void *q = base.xMalloc(n);
  if (q) {
    memcpy(q, p, slot);
    slot_give(p);
  }
  return q;
}

static int pm_roundup(int n) { return base.xRoundup(n); }
static int pm_init(void *app) { return base.xInit(app); }
static void pm_shutdown(void *app) { base.xShutdown(app); }

static const sqlite3_mem_methods methods = {
    pm_malloc, pm_free,  pm_realloc,  pm_size,
    pm_roundup, pm_init, pm_shutdown, NULL};

int cw_sq_pagemem_setup(void) {
  const char *off = getenv("CROSSWIRE_PAGE_ARENA");
  if (off && !strcmp(off, "0"))
    return 0;
  int hdr = 0;
  if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr) != SQLITE_OK ||
      hdr <= 0 || sqlite3_config(SQLITE_CONFIG_GETMALLOC, &base) != SQLITE_OK)
    return 0;
  /* a cache entry of a 4 KiB page is the page and its headers; the
   * smallest one worth a slot is a page's worth, so that other
   * allocations of SQLite stay in its own heap */
  slot = ((size_t)SLOT_PAGE + (size_t)hdr + 15) & ~(size_t)15;
  slot_min = SLOT_PAGE;
  return sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) == SQLITE_OK;
}

size_t cw_sq_pagemem_slots(void) {
  pthread_mutex_lock(&lock);
  size_t n = slots_out;
  pthread_mutex_unlock(&lock);
  return n;
}
