/* gazetteer.c - looks names up in the generated gazetteer
 * (gazetteer_data.c): first names, person names, countries, subdivisions,
 * cities, nationalities and companies from openly licensed lists.
 *
 * The table is compiled in (no file to find at run time) and sorted in
 * strcmp order, so a lookup is one bisection over folded names. The bits
 * are evidence for typing, never a verdict: "Jordan" is both a country
 * and a first name, and the caller weighs context.
 */
#include "analyze/analyze_int.h"

#include <string.h>

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
  size_t lo = 0, hi = cw_gz_count;
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
