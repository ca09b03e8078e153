/* fetch.h - pages and feeds over HTTP(S) with libcurl, politely and safely.
 *
 * cw_fetch() gets one URL: bounded time and size, at most
 * CW_FETCH_MAX_REDIRECTS redirects, compressed transfer, a fixed
 * User-Agent, conditional GET (ETag / Last-Modified in, 304 out) and a
 * minimum delay between two requests to one host (in this process). Unless
 * allow_private is set, it refuses to connect to loopback, link-local,
 * private and unique-local addresses, judged on the address each connection
 * (redirects included) actually goes to, so a public name that resolves to
 * 127.0.0.1 is refused too. robots.txt is read once per host and process.
 */
#ifndef CW_INGEST_FETCH_H
#define CW_INGEST_FETCH_H

#include "core/core.h"

#define CW_FETCH_USER_AGENT "crosswire/0.1 (+https://example.invalid/crosswire)"
/* A news page or feed is well under this; more is a mistake or an attack. */
#define CW_FETCH_MAX_BYTES ((size_t)16 << 20)
/* Redirect chains longer than this are loops or tracking hops. */
#define CW_FETCH_MAX_REDIRECTS 5L
/* Seconds to connect and for the whole transfer: a stuck server must not
 * hold a polling run. */
#define CW_FETCH_CONNECT_TIMEOUT 10L
#define CW_FETCH_TOTAL_TIMEOUT 30L
/* Milliseconds between two requests to one host, so that a feed of fifty
 * entries on one site is not fifty requests in a burst. */
#define CW_FETCH_HOST_DELAY_MS 500
/* A robots.txt bigger than this is not read (all is then allowed, as for
 * one that cannot be fetched): real ones are a few KiB. */
#define CW_ROBOTS_MAX_BYTES ((size_t)512 << 10)

typedef struct cw_fetch_opts {
  int allow_private;         /* 1: private addresses allowed (tests, LANs) */
  const char *etag;          /* sent as If-None-Match, or NULL */
  const char *last_modified; /* sent as If-Modified-Since, or NULL */
  size_t max_bytes;          /* 0 = CW_FETCH_MAX_BYTES */
} cw_fetch_opts;

typedef struct cw_fetch_response {
  long status; /* HTTP status of the last response (304 = same) */
  char *body;  /* NUL-terminated, len bytes; never NULL on CW_OK */
  size_t len;
  char *final_url; /* after redirects */
  char *etag;      /* response headers, or NULL */
  char *last_modified;
  char *content_type;
} cw_fetch_response;

/* Fetches url (http or https only). CW_OK for any HTTP answer, including
 * 304 and 4xx/5xx (look at status); CW_ERR_IO when no answer came (with
 * the refused address named when the address check stopped it),
 * CW_ERR_TOO_BIG past the size cap, CW_ERR_USAGE for a bad URL. On CW_OK
 * the caller frees *resp with cw_fetch_response_free(). opts may be NULL.
 * Not thread-safe (the per-host delay and robots cache are process-wide). */
cw_status cw_fetch(const char *url, const cw_fetch_opts *opts,
                   cw_fetch_response *resp, cw_error *err);
void cw_fetch_response_free(cw_fetch_response *resp);

/* 1 when the numeric address ip (IPv4 dotted or IPv6, v4-mapped included)
 * is loopback, unspecified, link-local, private (10/8, 172.16/12,
 * 192.168/16, 100.64/10), unique-local (fc00::/7) or multicast; 0 when
 * public; -1 when ip is not a numeric address. */
int cw_fetch_ip_is_private(const char *ip);

/* 1 when the robots.txt text lets agent ("crosswire") get path (with its
 * query), 0 when it does not. Groups for the agent's own name win over the
 * "*" group; the longest matching Allow/Disallow rule wins, Allow on ties;
 * "*" and a final "$" in rules are understood. */
int cw_robots_allows(const char *robots, size_t len, const char *agent,
                     const char *path);

/* Whether robots.txt of url's host lets crosswire fetch url; fetched once
 * per host and process. As RFC 9309 says, a missing robots.txt (4xx)
 * allows all and a failing one (5xx) allows nothing; when it cannot be
 * fetched at all, all is allowed (the page fetch then fails by itself).
 * *allowed gets 1 or 0. */
cw_status cw_fetch_robots_check(const char *url, const cw_fetch_opts *opts,
                                int *allowed, cw_error *err);

/* 1 when s starts with http:// or https:// (any case). */
int cw_fetch_is_url(const char *s);

#endif
