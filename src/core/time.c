/* time.c - UTC calendar arithmetic (Howard Hinnant's civil-days algorithm,
 * public domain description) and ISO 8601 parsing and formatting.
 */
#include "core/time.h"

#include <stdio.h>
#include <time.h>

int64_t cw_days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void cw_civil_from_days(int64_t z, int *y, int *m, int *d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t yy = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t dd = doy - (153 * mp + 2) / 5 + 1;
  int64_t mm = mp < 10 ? mp + 3 : mp - 9;
  *y = (int)(yy + (mm <= 2));
  *m = (int)mm;
  *d = (int)dd;
}

int cw_weekday(int64_t days) {
  /* 1970-01-01 was a Thursday (3 with Monday = 0) */
  int64_t w = (days + 3) % 7;
  return (int)(w < 0 ? w + 7 : w);
}

static int digits(const char *s, size_t n, size_t at, size_t count, int *v) {
  if (at + count > n)
    return 0;
  int x = 0;
  for (size_t i = 0; i < count; i++) {
    char c = s[at + i];
    if (c < '0' || c > '9')
      return 0;
    x = x * 10 + (c - '0');
  }
  *v = x;
  return 1;
}

static int days_in_month(int y, int m) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return dm[m - 1];
}

size_t cw_parse_iso8601(const char *s, size_t n, int64_t *epoch,
                        int *has_time) {
  int y, mo, d, hh = 0, mi = 0, ss = 0;
  if (!digits(s, n, 0, 4, &y) || n < 10 || s[4] != '-' ||
      !digits(s, n, 5, 2, &mo) || s[7] != '-' || !digits(s, n, 8, 2, &d))
    return 0;
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
    return 0;
  size_t i = 10;
  int timed = 0;
  int64_t offset = 0;
  if (i < n && (s[i] == 'T' || s[i] == ' ') && digits(s, n, i + 1, 2, &hh) &&
      i + 3 < n && s[i + 3] == ':' && digits(s, n, i + 4, 2, &mi)) {
    if (hh > 23 || mi > 59)
      return 0;
    timed = 1;
    i += 6;
    if (i < n && s[i] == ':' && digits(s, n, i + 1, 2, &ss)) {
      if (ss > 60)
        return 0;
      i += 3;
      if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
          i++;
      }
    }
    if (i < n && s[i] == 'Z') {
      i++;
    } else if (i < n && (s[i] == '+' || s[i] == '-')) {
      int oh, om = 0;
      size_t j = i + 1;
      if (digits(s, n, j, 2, &oh)) {
        j += 2;
        if (j < n && s[j] == ':')
          j++;
        if (digits(s, n, j, 2, &om))
          j += 2;
        offset = (int64_t)(oh * 3600 + om * 60) * (s[i] == '+' ? 1 : -1);
        i = j;
      }
    }
  }
  *epoch = cw_days_from_civil(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss -
           offset;
  if (has_time)
    *has_time = timed;
  return i;
}

void cw_format_iso8601(int64_t epoch, int has_time, char out[32]) {
  int64_t days = epoch >= 0 ? epoch / 86400 : -((-epoch + 86399) / 86400);
  int64_t rem = epoch - days * 86400;
  int y, m, d;
  cw_civil_from_days(days, &y, &m, &d);
  if (has_time)
    snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
             (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60));
  else
    snprintf(out, 32, "%04d-%02d-%02d", y, m, d);
}

int64_t cw_monotonic_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}
