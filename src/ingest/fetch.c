/* fetch.c - HTTP(S) with libcurl for `crosswire add URL` and `fetch`.
 *
 * A news engine that follows links from feeds fetches URLs that strangers
 * wrote, so every request is bounded (time, size, redirects) and, unless
 * the caller allows it, may not reach the machine's own network: the
 * address check runs in curl's open-socket callback, on the address curl is
 * about to connect to, for the first request and every redirect alike (a
 * check on the host name before the request would miss a name that
 * resolves to 127.0.0.1, or a redirect to 10.0.0.1). Proxies are disabled
 * for the same reason: through a proxy the check would judge the proxy.
 *
 * Politeness: one User-Agent that names us, conditional GET, robots.txt
 * for article pages (a small parser of User-agent / Allow / Disallow with
 * "*" and "$"), and a minimum delay per host kept in this process.
 */
#include "ingest/fetch.h"

#include <arpa/inet.h>
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* libcurl is opened at the first fetch, not linked: its TLS, LDAP,
 * Kerberos and SSH libraries made every crosswire command spend half of
 * its start (12 M of 24 M instructions) relocating code that only `add
 * URL` and `fetch` use. CW_CURL_SONAME is the library the headers came
 * with (CMakeLists.txt). */
#ifndef CW_CURL_SONAME
#define CW_CURL_SONAME "libcurl.so.4"
#endif
static struct {
  CURLcode (*global_init)(long);
  CURL *(*easy_init)(void);
  CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
  CURLcode (*easy_perform)(CURL *);
  CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
  void (*easy_cleanup)(CURL *);
  const char *(*easy_strerror)(CURLcode);
  struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
  void (*slist_free_all)(struct curl_slist *);
  CURLU *(*url)(void);
  CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
  CURLUcode (*url_get)(const CURLU *, CURLUPart, char **, unsigned int);
  void (*url_cleanup)(CURLU *);
  void (*free)(void *);
} curl;
static char curl_problem[256]; /* why libcurl could not be used, or "" */
static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_open(void) {
  void *lib = dlopen(CW_CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    snprintf(curl_problem, sizeof curl_problem, "cannot load %s (install "
             "libcurl4): %s", CW_CURL_SONAME, dlerror());
    return;
  }
  /* the POSIX idiom for a function pointer from dlsym */
#define SYM(field, name)                                                      \
  if (!(*(void **)(&curl.field) = dlsym(lib, name))) {                        \
    snprintf(curl_problem, sizeof curl_problem, "%s lacks %s",              \
             CW_CURL_SONAME, name);                                          \
    return;                                                                  \
  }
  SYM(global_init, "curl_global_init")
  SYM(easy_init, "curl_easy_init")
  SYM(easy_setopt, "curl_easy_setopt")
  SYM(easy_perform, "curl_easy_perform")
  SYM(easy_getinfo, "curl_easy_getinfo")
  SYM(easy_cleanup, "curl_easy_cleanup")
  SYM(easy_strerror, "curl_easy_strerror")
  SYM(slist_append, "curl_slist_append")
  SYM(slist_free_all, "curl_slist_free_all")
  SYM(url, "curl_url")
  SYM(url_set, "curl_url_set")
  SYM(url_get, "curl_url_get")
  SYM(url_cleanup, "curl_url_cleanup")
  SYM(free, "curl_free")
#undef SYM
  if (curl.global_init(CURL_GLOBAL_DEFAULT))
    snprintf(curl_problem, sizeof curl_problem, "cannot start libcurl");
  /* the library stays loaded for the life of the process */
}

/* CW_OK once libcurl is loaded and started; else an error naming url. */
static cw_status curl_load(const char *url, cw_error *err) {
  pthread_once(&curl_once, curl_open);
  if (curl_problem[0])
    return cw_error_set(err, CW_ERR_IO, 0, "%s: %s", url, curl_problem);
  return CW_OK;
}

/* the calls below read as libcurl's own */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_easy_init curl.easy_init
#define curl_easy_setopt curl.easy_setopt
#define curl_easy_perform curl.easy_perform
#define curl_easy_getinfo curl.easy_getinfo
#define curl_easy_cleanup curl.easy_cleanup
#define curl_easy_strerror curl.easy_strerror
#define curl_slist_append curl.slist_append
#define curl_slist_free_all curl.slist_free_all
#define curl_url curl.url
#define curl_url_set curl.url_set
#define curl_url_get curl.url_get
#define curl_url_cleanup curl.url_cleanup
#define curl_free curl.free

/* Hosts remembered for the per-host delay and the robots cache; a run
 * touching more hosts forgets the oldest (a delay may then be skipped,
 * which is harmless). */
#define HOST_SLOTS 64
/* Longest host name kept (DNS names are at most 253 bytes). */
#define HOST_MAX 256

/* ---- addresses ---------------------------------------------------------- */

static int v4_is_private(const unsigned char a[4]) {
  if (a[0] == 0 || a[0] == 10 || a[0] == 127)
    return 1; /* this network, private, loopback */
  if (a[0] == 169 && a[1] == 254)
    return 1; /* link-local (cloud metadata lives here) */
  if (a[0] == 172 && (a[1] & 0xf0) == 16)
    return 1; /* 172.16.0.0/12 */
  if (a[0] == 192 && a[1] == 168)
    return 1;
  if (a[0] == 100 && (a[1] & 0xc0) == 64)
    return 1; /* carrier-grade NAT 100.64.0.0/10 */
  if (a[0] >= 224)
    return 1; /* multicast, reserved, broadcast */
  return 0;
}

static int v6_is_private(const unsigned char a[16]) {
  static const unsigned char zero[16];
  static const unsigned char mapped[12] = {0, 0, 0, 0, 0,    0,
                                           0, 0, 0, 0, 0xff, 0xff};
  if (!memcmp(a, zero, 15) && (a[15] == 0 || a[15] == 1))
    return 1; /* :: and ::1 */
  if (!memcmp(a, mapped, 12))
    return v4_is_private(a + 12); /* ::ffff:a.b.c.d */
  if (!memcmp(a, zero, 12))
    return v4_is_private(a + 12); /* deprecated ::a.b.c.d */
  if ((a[0] & 0xfe) == 0xfc)
    return 1; /* unique-local fc00::/7 */
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
    return 1; /* link-local fe80::/10 */
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
    return 1; /* site-local fec0::/10 (deprecated, still private) */
  if (a[0] == 0xff)
    return 1; /* multicast */
  if (a[0] == 0x20 && a[1] == 0x02)
    return v4_is_private(a + 2); /* 6to4 wraps an IPv4 address */
  if (a[0] == 0 && a[1] == 0x64 && a[2] == 0xff && a[3] == 0x9b)
    return v4_is_private(a + 12); /* NAT64 64:ff9b::/96 */
  return 0;
}

int cw_fetch_ip_is_private(const char *ip) {
  unsigned char a[16];
  if (!ip)
    return -1;
  if (inet_pton(AF_INET, ip, a) == 1)
    return v4_is_private(a);
  if (inet_pton(AF_INET6, ip, a) == 1)
    return v6_is_private(a);
  return -1;
}

/* 1 private, 0 public; writes the numeric form into ip. Other families
 * (Unix sockets) count as private. */
static int sockaddr_is_private(const struct sockaddr *sa, char *ip,
                               size_t iplen) {
  if (sa->sa_family == AF_INET) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
    inet_ntop(AF_INET, &in->sin_addr, ip, (socklen_t)iplen);
    return v4_is_private((const unsigned char *)&in->sin_addr);
  }
  if (sa->sa_family == AF_INET6) {
    const struct sockaddr_in6 *in6 =
        (const struct sockaddr_in6 *)(const void *)sa;
    inet_ntop(AF_INET6, &in6->sin6_addr, ip, (socklen_t)iplen);
    return v6_is_private((const unsigned char *)&in6->sin6_addr);
  }
  snprintf(ip, iplen, "(address family %d)", (int)sa->sa_family);
  return 1;
}

/* ---- robots.txt --------------------------------------------------------- */

/* Glob match of a robots rule against the whole path: '*' is any run of
 * bytes, a final '$' anchors the end, otherwise the rule is a prefix. The
 * single-backtrack-point algorithm keeps this O(len(rule) * len(path)). */
static int rule_matches(const char *rule, size_t rn, const char *path) {
  int anchored = rn > 0 && rule[rn - 1] == '$';
  if (anchored)
    rn--;
  size_t pn = strlen(path), r = 0, p = 0, star_r = (size_t)-1, star_p = 0;
  while (p < pn) {
    if (r < rn && rule[r] == '*') {
      star_r = r++;
      star_p = p;
    } else if (r < rn && rule[r] == path[p]) {
      r++;
      p++;
    } else if (r == rn && !anchored) {
      return 1; /* the rule is a prefix of the path */
    } else if (star_r != (size_t)-1) {
      r = star_r + 1;
      p = ++star_p;
    } else {
      return 0;
    }
  }
  while (r < rn && rule[r] == '*')
    r++;
  return r == rn;
}

typedef struct robots_best {
  size_t len; /* length of the longest matching rule */
  int allow;  /* its verdict */
  int any;    /* a rule matched */
} robots_best;

static void robots_rule(robots_best *b, int allow, const char *v, size_t vn,
                        const char *path) {
  if (vn == 0)
    return; /* "Disallow:" with nothing allows everything */
  if (!rule_matches(v, vn, path))
    return;
  if (!b->any || vn > b->len || (vn == b->len && allow)) {
    b->any = 1;
    b->len = vn;
    b->allow = allow;
  }
}

/* Whether the User-agent value names our product token. */
static int agent_matches(const char *v, size_t vn, const char *agent) {
  size_t an = strlen(agent);
  for (size_t i = 0; i + an <= vn; i++)
    if (cw_strncaseeq(v + i, agent, an))
      return 1;
  return 0;
}

int cw_robots_allows(const char *robots, size_t len, const char *agent,
                     const char *path) {
  robots_best mine = {0}, star = {0};
  int have_mine = 0, cur_mine = 0, cur_star = 0, last_was_agent = 0;
  size_t i = 0;
  if (!path || !*path)
    path = "/";
  while (i < len) {
    size_t start = i;
    while (i < len && robots[i] != '\n' && robots[i] != '\r')
      i++;
    size_t end = i;
    while (i < len && (robots[i] == '\n' || robots[i] == '\r'))
      i++;
    const char *hash = memchr(robots + start, '#', end - start);
    if (hash)
      end = (size_t)(hash - robots);
    const char *line = robots + start;
    size_t n = end - start;
    const char *colon = memchr(line, ':', n);
    if (!colon)
      continue;
    const char *k = line, *v = colon + 1;
    size_t kn = (size_t)(colon - line), vn = n - kn - 1;
    cw_trim(&k, &kn);
    cw_trim(&v, &vn);
    if (kn == 10 && cw_strncaseeq(k, "user-agent", 10)) {
      if (!last_was_agent)
        cur_mine = cur_star = 0; /* a new group starts */
      last_was_agent = 1;
      if (vn == 1 && v[0] == '*') {
        cur_star = 1;
      } else if (agent_matches(v, vn, agent)) {
        cur_mine = 1;
        have_mine = 1;
      }
      continue;
    }
    last_was_agent = 0;
    int allow;
    if (kn == 5 && cw_strncaseeq(k, "allow", 5))
      allow = 1;
    else if (kn == 8 && cw_strncaseeq(k, "disallow", 8))
      allow = 0;
    else
      continue; /* Sitemap, Crawl-delay and unknown lines */
    if (cur_mine)
      robots_rule(&mine, allow, v, vn, path);
    if (cur_star)
      robots_rule(&star, allow, v, vn, path);
  }
  const robots_best *b = have_mine ? &mine : &star;
  return b->any ? b->allow : 1;
}

/* ---- the per-host table ------------------------------------------------- */

typedef struct host_slot {
  char key[HOST_MAX + 16]; /* scheme://host:port */
  struct timespec last;    /* last request started */
  int used;
  int robots_known; /* robots below is valid */
  char *robots;     /* text, or NULL: everything allowed */
  int robots_deny;  /* robots.txt unreachable (5xx): nothing allowed */
} host_slot;

static host_slot hosts[HOST_SLOTS];
static unsigned next_slot;

static host_slot *host_find(const char *key, int create) {
  for (size_t i = 0; i < HOST_SLOTS; i++)
    if (hosts[i].used && !strcmp(hosts[i].key, key))
      return &hosts[i];
  if (!create)
    return NULL;
  host_slot *h = &hosts[next_slot++ % HOST_SLOTS];
  free(h->robots);
  memset(h, 0, sizeof *h);
  h->used = 1;
  snprintf(h->key, sizeof h->key, "%s", key);
  return h;
}

static void host_wait(host_slot *h) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (h->last.tv_sec || h->last.tv_nsec) {
    long long ms = (long long)(now.tv_sec - h->last.tv_sec) * 1000 +
                   (now.tv_nsec - h->last.tv_nsec) / 1000000;
    if (ms >= 0 && ms < CW_FETCH_HOST_DELAY_MS) {
      long long wait = CW_FETCH_HOST_DELAY_MS - ms;
      struct timespec ts = {(time_t)(wait / 1000),
                            (long)(wait % 1000) * 1000000L};
      nanosleep(&ts, NULL);
      clock_gettime(CLOCK_MONOTONIC, &now);
    }
  }
  h->last = now;
}

/* scheme://host:port of url into key; path+query into path (may be NULL). */
static cw_status url_parts(const char *url, char *key, size_t keylen,
                           cw_buf *path, cw_error *err) {
  CURLU *u = curl_url();
  char *scheme = NULL, *host = NULL, *port = NULL, *p = NULL, *q = NULL;
  cw_status st = CW_OK;
  if (!u)
    return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", url);
  if (curl_url_set(u, CURLUPART_URL, url, 0) ||
      curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) ||
      curl_url_get(u, CURLUPART_HOST, &host, 0) ||
      curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) ||
      curl_url_get(u, CURLUPART_PATH, &p, 0)) {
    st = cw_error_set(err, CW_ERR_USAGE, 0, "%s: not a valid URL", url);
    goto done;
  }
  if (strcmp(scheme, "http") && strcmp(scheme, "https")) {
    st = cw_error_set(err, CW_ERR_USAGE, 0,
                      "%s: only http and https URLs are fetched", url);
    goto done;
  }
  if (strlen(host) > HOST_MAX) {
    st = cw_error_set(err, CW_ERR_USAGE, 0, "%s: host name too long", url);
    goto done;
  }
  snprintf(key, keylen, "%s://%s:%s", scheme, host, port);
  if (path) {
    cw_buf_puts(path, p);
    if (!curl_url_get(u, CURLUPART_QUERY, &q, 0) && q) {
      cw_buf_putc(path, '?');
      cw_buf_puts(path, q);
    }
  }
done:
  curl_free(scheme);
  curl_free(host);
  curl_free(port);
  curl_free(p);
  curl_free(q);
  curl_url_cleanup(u);
  return st;
}

/* ---- one transfer ------------------------------------------------------- */

typedef struct transfer {
  cw_buf body;
  int too_big;
  int allow_private;
  char refused[96]; /* the private address refused, or "" */
  char *etag, *last_modified, *content_type;
} transfer;

static size_t on_body(char *data, size_t size, size_t n, void *ctx) {
  transfer *t = ctx;
  if (cw_buf_append(&t->body, data, size * n)) {
    t->too_big = 1;
    return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
  }
  return size * n;
}

static void take_header(char **dst, const char *v, size_t n) {
  free(*dst);
  cw_trim(&v, &n);
  *dst = n ? cw_strndup(v, n) : NULL;
}

static size_t on_header(char *data, size_t size, size_t n, void *ctx) {
  transfer *t = ctx;
  size_t len = size * n;
  if (len >= 5 && !memcmp(data, "HTTP/", 5)) {
    /* a new response (after a redirect): forget the previous headers */
    take_header(&t->etag, "", 0);
    take_header(&t->last_modified, "", 0);
    take_header(&t->content_type, "", 0);
  } else if (len > 5 && cw_strncaseeq(data, "etag:", 5)) {
    take_header(&t->etag, data + 5, len - 5);
  } else if (len > 14 && cw_strncaseeq(data, "last-modified:", 14)) {
    take_header(&t->last_modified, data + 14, len - 14);
  } else if (len > 13 && cw_strncaseeq(data, "content-type:", 13)) {
    take_header(&t->content_type, data + 13, len - 13);
  }
  return len;
}

static curl_socket_t on_open_socket(void *ctx, curlsocktype purpose,
                                    struct curl_sockaddr *addr) {
  transfer *t = ctx;
  char ip[INET6_ADDRSTRLEN + 32];
  (void)purpose;
  if (!t->allow_private && sockaddr_is_private(&addr->addr, ip, sizeof ip)) {
    snprintf(t->refused, sizeof t->refused, "%s", ip);
    return CURL_SOCKET_BAD;
  }
  return socket(addr->family, addr->socktype, addr->protocol);
}

/* A header value from a server is sent back only when it is one line. */
static int header_safe(const char *v) {
  return v && *v && !strpbrk(v, "\r\n") && strlen(v) < 1024;
}

int cw_fetch_is_url(const char *s) {
  return s &&
         (cw_strncaseeq(s, "http://", 7) || cw_strncaseeq(s, "https://", 8));
}

void cw_fetch_response_free(cw_fetch_response *resp) {
  if (!resp)
    return;
  free(resp->body);
  free(resp->final_url);
  free(resp->etag);
  free(resp->last_modified);
  free(resp->content_type);
  memset(resp, 0, sizeof *resp);
}

cw_status cw_fetch(const char *url, const cw_fetch_opts *opts,
                   cw_fetch_response *resp, cw_error *err) {
  static const cw_fetch_opts defaults = {0};
  char key[HOST_MAX + 16];
  struct curl_slist *headers = NULL;
  transfer t = {0};
  cw_status st;
  CURL *c = NULL;
  if (!opts)
    opts = &defaults;
  memset(resp, 0, sizeof *resp);
  if (!cw_fetch_is_url(url))
    return cw_error_set(err, CW_ERR_USAGE, 0,
                        "%s: only http and https URLs are fetched",
                        url ? url : "(null)");
  if ((st = curl_load(url, err)))
    return st;
  st = url_parts(url, key, sizeof key, NULL, err);
  if (st)
    return st;
  host_slot *h = host_find(key, 1);
  host_wait(h);

  size_t max = opts->max_bytes ? opts->max_bytes : CW_FETCH_MAX_BYTES;
  cw_buf_init(&t.body, max);
  t.allow_private = opts->allow_private;
  c = curl_easy_init();
  if (!c) {
    st = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", url);
    goto done;
  }
  if (header_safe(opts->etag)) {
    cw_buf hb;
    cw_buf_init(&hb, 0);
    cw_buf_printf(&hb, "If-None-Match: %s", opts->etag);
    headers = curl_slist_append(headers, hb.ptr);
    cw_buf_free(&hb);
  }
  if (header_safe(opts->last_modified)) {
    cw_buf hb;
    cw_buf_init(&hb, 0);
    cw_buf_printf(&hb, "If-Modified-Since: %s", opts->last_modified);
    struct curl_slist *nh = curl_slist_append(headers, hb.ptr);
    if (nh)
      headers = nh;
    cw_buf_free(&hb);
  }
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, CW_FETCH_MAX_REDIRECTS);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CW_FETCH_CONNECT_TIMEOUT);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, CW_FETCH_TOTAL_TIMEOUT);
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_USERAGENT, CW_FETCH_USER_AGENT);
  curl_easy_setopt(c, CURLOPT_PROXY, ""); /* see the top of the file */
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &t);
  CURLcode rc = curl_easy_perform(c);
  if (t.refused[0]) {
    st = cw_error_set(err, CW_ERR_IO, 0,
                      "%s: refused to connect to private address %s (use "
                      "--allow-private to allow it)",
                      url, t.refused);
    goto done;
  }
  if (t.too_big || rc == CURLE_FILESIZE_EXCEEDED) {
    st = cw_error_set(err, CW_ERR_TOO_BIG, 0,
                      "%s: response larger than %zu bytes", url, max);
    goto done;
  }
  if (rc != CURLE_OK) {
    st = cw_error_set(err, CW_ERR_IO, 0, "%s: %s", url, curl_easy_strerror(rc));
    goto done;
  }
  if (t.body.err) {
    st = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", url);
    goto done;
  }
  char *eff = NULL;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp->status);
  curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff);
  resp->final_url = cw_strdup(eff ? eff : url);
  resp->len = t.body.len;
  resp->body = cw_buf_detach(&t.body);
  resp->etag = t.etag;
  resp->last_modified = t.last_modified;
  resp->content_type = t.content_type;
  t.etag = t.last_modified = t.content_type = NULL;
  if (!resp->final_url || !resp->body) {
    cw_fetch_response_free(resp);
    st = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", url);
  }
done:
  cw_buf_free(&t.body);
  free(t.etag);
  free(t.last_modified);
  free(t.content_type);
  curl_slist_free_all(headers);
  curl_easy_cleanup(c);
  return st;
}

cw_status cw_fetch_robots_check(const char *url, const cw_fetch_opts *opts,
                                int *allowed, cw_error *err) {
  char key[HOST_MAX + 16];
  cw_buf path;
  cw_status st;
  *allowed = 1;
  cw_buf_init(&path, 0);
  if ((st = curl_load(url, err)) ||
      (st = url_parts(url, key, sizeof key, &path, err)))
    goto done;
  host_slot *h = host_find(key, 1);
  if (!h->robots_known) {
    cw_buf ru;
    cw_fetch_response r;
    cw_fetch_opts ro = {0};
    cw_error rerr;
    ro.allow_private = opts ? opts->allow_private : 0;
    ro.max_bytes = CW_ROBOTS_MAX_BYTES;
    cw_buf_init(&ru, 0);
    cw_buf_printf(&ru, "%s/robots.txt", key);
    if (cw_fetch(ru.ptr, &ro, &r, &rerr) == CW_OK) {
      /* re-find: cw_fetch may have recycled slots (it never does for a
       * key it just touched, but keep the pointer honest) */
      h = host_find(key, 1);
      if (r.status >= 200 && r.status < 300) {
        h->robots = r.body;
        r.body = NULL;
      } else if (r.status >= 500) {
        h->robots_deny = 1; /* RFC 9309: unreachable means disallowed */
      }
      cw_fetch_response_free(&r);
    } else {
      h = host_find(key, 1);
    }
    h->robots_known = 1;
    cw_buf_free(&ru);
  }
  if (h->robots_deny)
    *allowed = 0;
  else if (h->robots)
    *allowed =
        cw_robots_allows(h->robots, strlen(h->robots), "crosswire", path.ptr);
done:
  cw_buf_free(&path);
  return st;
}
