/* time.h - calendar arithmetic in UTC without the C library's time zone
 * state (timegm is not C11, and mktime depends on TZ).
 */
#ifndef CW_CORE_TIME_H
#define CW_CORE_TIME_H

#include <stddef.h>
#include <stdint.h>

/* Nanoseconds of CLOCK_MONOTONIC: for intervals, never for dates. */
int64_t cw_monotonic_ns(void);

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t cw_days_from_civil(int y, int m, int d);
void cw_civil_from_days(int64_t days, int *y, int *m, int *d);
/* 0 = Monday .. 6 = Sunday */
int cw_weekday(int64_t days);

/* Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]" at the start of
 * s (n bytes) into seconds since the epoch (UTC). *has_time says whether a
 * time of day was present. Returns the bytes consumed, 0 when s does not
 * start with such a date. */
size_t cw_parse_iso8601(const char *s, size_t n, int64_t *epoch,
                        int *has_time);

/* Writes "YYYY-MM-DD" (has_time = 0) or "YYYY-MM-DDTHH:MM:SSZ" into out,
 * which holds at least 32 bytes. */
void cw_format_iso8601(int64_t epoch, int has_time, char out[32]);

#endif
