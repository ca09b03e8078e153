/* pagemem.c - the memory of SQLite's page caches, in one reserved region
 * the kernel may back with 2 MiB pages.
 *
 * An ingest reads and writes thousands of pages; SQLite keeps each in
 * its page cache, one allocation of a page and its headers (a slot)
 * apiece. From glibc's heap every new slot's first touch is a fault on
 * each of its 4 KiB pages, which the kernel answers by zeroing it: 15k of
 * them (12-15 us each on the virtual machines we measure on) to fill the
 * ingest's 64 MiB cache, a third of a short ingest's system time. Here
 * slots come from a region marked MADV_HUGEPAGE, so that filling the
 * cache takes one fault per 2 MiB where the kernel has huge pages to give
 * (THP "madvise" or "always"; with "never" it costs what the heap did).
 *
 * The region is reserved once, before SQLite can call the allocator (so
 * that its bounds never change while threads read them), as address space
 * without access: nothing is charged or touched until SQLite asks for
 * slots, and it is opened read-write 2 MiB at a time as slots are handed
 * out. Every allocation of more than a page and at most a slot goes to
 * the region (the cache's pages, and a few pager, sorter and record
 * buffers of that size; a cache's first 20 pages come in one bulk block
 * from the heap); every other allocation, and slots once the region is
 * full, go to SQLite's default allocator, which this wraps. Slots given
 * back are reused through a free list and stay with the process: after a
 * 64 MiB cache is closed RSS stays about 24 MiB higher than with the heap,
 * and a command that touches one slot holds one 2 MiB page.
 *
 * A slot freed twice, or a pointer into the region that is no slot, stops
 * the process (a heap would corrupt itself quietly or abort too). Under
 * AddressSanitizer or ThreadSanitizer the region is off, so that the
 * sanitizers see SQLite's buffers. The lock is never held across a call
 * out, and crosswire does not fork while other threads allocate.
 *
 * CROSSWIRE_PAGE_ARENA=0 in the environment turns it off (to measure it).
 */
#include "sqlite_int.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PAGEMEM_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define PAGEMEM_SANITIZED 1
#endif
#endif

/* Address space reserved: 1 GiB (63k slots) on 64-bit, 128 MiB else. */
#define ARENA_BYTES                                                           \
  (sizeof(void *) >= 8 ? (size_t)1 << 30 : (size_t)128 << 20)
#define HUGE_PAGE ((size_t)2 << 20)
/* The page size of the archives crosswire creates: an archive made with
 * 4 KiB pages, as crosswire made them before, takes its pages from the
 * heap. */
#define SLOT_PAGE CW_SQ_PAGE_SIZE
#define MAX_SLOTS (((size_t)1 << 30) / SLOT_PAGE)

static sqlite3_mem_methods base; /* SQLite's own allocator */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* Set once by cw_sq_pagemem_setup before SQLite's first use, then only
 * read: the region and its end (NULL: no region). */
static char *arena, *arena_end;
static size_t slot; /* bytes of one slot, a multiple of 16 */
/* Under the lock: */
static char *arena_next;  /* the first slot never handed out */
static char *arena_open;  /* the end of the part opened read-write */
static void *free_slots;  /* given back, a list through their first word */
static size_t slots_out;  /* handed out and not given back */
static unsigned char out_bits[MAX_SLOTS / 8 + 1]; /* slot i handed out */

static int in_arena(const void *p) {
  return (uintptr_t)p >= (uintptr_t)arena && (uintptr_t)p < (uintptr_t)arena_end;
}

/* Slot p's number; stops the process when p is not a slot's start. */
static size_t slot_index(const void *p) {
  size_t off = (size_t)((const char *)p - arena);
  if (off % slot) {
    fputs("crosswire: SQLite freed a pointer into its page memory that is "
          "no block of it\n",
          stderr);
    abort();
  }
  return off / slot;
}

static void *slot_take(void) {
  char *p = NULL;
  pthread_mutex_lock(&lock);
  if (free_slots) {
    p = free_slots;
    memcpy(&free_slots, p, sizeof free_slots);
  } else if ((size_t)(arena_end - arena_next) >= slot) {
    /* open the next 2 MiB when the slot reaches past what is open */
    if (arena_next + slot > arena_open) {
      if (mprotect(arena_open, HUGE_PAGE, PROT_READ | PROT_WRITE) == 0)
        arena_open += HUGE_PAGE;
    }
    if (arena_next + slot <= arena_open) {
      p = arena_next;
      arena_next += slot;
    }
  }
  if (p) {
    size_t i = slot_index(p);
    out_bits[i / 8] |= (unsigned char)(1u << (i % 8));
    slots_out++;
  }
  pthread_mutex_unlock(&lock);
  return p;
}

static void slot_give(void *p) {
  pthread_mutex_lock(&lock);
  size_t i = slot_index(p);
  if (!(out_bits[i / 8] & (1u << (i % 8)))) {
    fputs("crosswire: SQLite freed a block of its page memory twice\n",
          stderr);
    abort();
  }
  out_bits[i / 8] &= (unsigned char)~(1u << (i % 8));
  memcpy(p, &free_slots, sizeof free_slots);
  free_slots = p;
  slots_out--;
  pthread_mutex_unlock(&lock);
}

static int slot_sized(int n) {
  return n > SLOT_PAGE && (size_t)n <= slot;
}

static void *pm_malloc(int n) {
  if (slot_sized(n)) {
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
  if (n <= 0) { /* SQLite frees instead; kept safe all the same */
    slot_give(p);
    return NULL;
  }
  if ((size_t)n <= slot)
    return p;
  void *q = base.xMalloc(n);
  if (q) {
    memcpy(q, p, slot);
    slot_give(p);
  }
  return q;
}

/* What an allocation of n bytes really holds (SQLite may then use all of
 * it). */
static int pm_roundup(int n) {
  return slot_sized(n) ? (int)slot : base.xRoundup(n);
}
static int pm_init(void *app) {
  (void)app;
  return base.xInit(base.pAppData);
}
static void pm_shutdown(void *app) {
  (void)app;
  base.xShutdown(base.pAppData);
}

static const sqlite3_mem_methods methods = {
    pm_malloc, pm_free,  pm_realloc,  pm_size,
    pm_roundup, pm_init, pm_shutdown, NULL};

int cw_sq_pagemem_setup(void) {
#ifdef PAGEMEM_SANITIZED
  (void)methods;
  return 0;
#else
  const char *off = getenv("CROSSWIRE_PAGE_ARENA");
  if (off && !strcmp(off, "0"))
    return 0;
  int hdr = 0;
  if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr) != SQLITE_OK ||
      hdr <= 0 || sqlite3_config(SQLITE_CONFIG_GETMALLOC, &base) != SQLITE_OK)
    return 0;
  /* a cache entry of a 4 KiB page is the page and its headers */
  slot = ((size_t)SLOT_PAGE + (size_t)hdr + 15) & ~(size_t)15;
  /* no access until opened, so that nothing is charged for it even where
   * the kernel ignores MAP_NORESERVE (strict overcommit) */
  void *m = mmap(NULL, ARENA_BYTES + HUGE_PAGE, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (m == MAP_FAILED)
    return 0;
  /* start on a huge page's boundary so that each 2 MiB can be one */
  uintptr_t a = ((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
  char *start = (char *)a;
#ifdef MADV_HUGEPAGE
  madvise(start, ARENA_BYTES, MADV_HUGEPAGE); /* advice: fine if refused */
#endif
  if (sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) != SQLITE_OK) {
    munmap(m, ARENA_BYTES + HUGE_PAGE);
    return 0;
  }
  arena = arena_next = arena_open = start;
  arena_end = start + ARENA_BYTES;
  return 1;
#endif
}

int cw_sq_pagemem_active(void) { return arena != NULL; }

size_t cw_sq_pagemem_slots(void) {
  pthread_mutex_lock(&lock);
  size_t n = slots_out;
  pthread_mutex_unlock(&lock);
  return n;
}
