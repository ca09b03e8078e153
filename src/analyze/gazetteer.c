/* gazetteer.c - looks names up in the generated gazetteer
 * (gazetteer_data.c): first names, person names, countries, subdivisions,
 * cities, nationalities and companies from openly licensed lists.
 *
 * The table is compiled in (no file to find at run time) and sorted in
 * strcmp order, so a lookup is one bisection over folded names (within
 * those that share its first two bytes). The bits
 * are evidence for typing, never a verdict: "Jordan" is both a country
 * and a first name, and the caller weighs context.
 */
#include "analyze/analyze_int.h"

#include <pthread.h>
#include <string.h>

/* The bisection starts from the names that share the first two bytes of
 * the one sought (a few dozen of the table's 160,000, so about half the
 * steps): names whose bytes begin (a, b) are cw_gz_entries[gz_from[k]] up
 * to gz_from[k + 1] with k = a * 256 + b, b = 0 for one-byte names. Built
 * once per process in one pass over the sorted table. */
#define GZ_KEYS 65536
static uint32_t gz_from[GZ_KEYS + 1];
static pthread_once_t gz_once = PTHREAD_ONCE_INIT;

static size_t gz_key(const char *w, size_t n) {
  if (!n)
    return 0;
  return (size_t)(unsigned char)w[0] << 8 |
         (n > 1 ? (size_t)(unsigned char)w[1] : 0);
}

static void gz_index(void) {
  size_t k = 0;
  for (size_t key = 0; key <= GZ_KEYS; key++) {
    while (k < cw_gz_count) {
      const char *name = cw_gz_entries[k].name;
      if (gz_key(name, name[0] ? 2 : 0) >= key)
        break;
      k++;
    }
    gz_from[key] = (uint32_t)k;
  }
}

/* strcmp order of NUL-terminated e against [w, w + n), without strlen
 * (lookups are hot: four per capitalised token). */
static int cmp_name(const char *e, const char *w, size_t n) {
  for (size_t k = 0; k < n; k++) {
    unsigned char a = (unsigned char)e[k], b = (unsigned char)w[k];
    if (a != b)
      return a < b ? -1 : 1; /* e ending (a == 0) sorts first */
  }
  return e[n] ? 1 : 0;
}

unsigned cw_an_gaz(const char *w, size_t n) {
  pthread_once(&gz_once, gz_index);
  size_t key = gz_key(w, n);
  size_t lo = gz_from[key], hi = gz_from[key + 1];
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = cmp_name(cw_gz_entries[mid].name, w, n);
    if (c == 0)
      return cw_gz_entries[mid].bits;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

int cw_an_gaz_sorted(void) {
  for (size_t i = 1; i < cw_gz_count; i++)
    if (strcmp(cw_gz_entries[i - 1].name, cw_gz_entries[i].name) >= 0)
      return 0;
  return 1;
}
