/* fuzz_api.c - libFuzzer harness for the HTTP request path of `crosswire
 * serve` past the socket: api.c's routing, parameter checks, cursors,
 * search queries and the bodies of POST /api/articles and /api/feeds.
 *
 * The input is split as "METHOD\nPATH\nNAME=VALUE&...\nBODY": the first
 * byte picks the method, and whether the write token was presented. An
 * archive with a few invented articles is made once in a temporary
 * directory; writes go into it (it is removed at exit). Every answer must
 * be JSON with a status the API documents, and an error answer must carry
 * {"error": {"code", "message"}}.
 */
#include "fuzz_common.h"
#include "serve/serve.h"

#include <jansson.h>
#include <stdio.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static cw_store *store;
static cw_serve_cache *cache;
static char dir[64];

static const char seed_articles[] =
    "{\"id\":\"f-1\",\"title\":\"Ferry crews strike at Port Velmar\","
    "\"outlet\":\"Velmar Courier\",\"published\":\"2031-04-02\",\"text\":"
    "\"Ferry crews at Port Velmar walked out on Monday over rosters, the "
    "union said.\"}\n"
    "{\"id\":\"f-2\",\"title\":\"Velmar ferry strike strands travellers\","
    "\"outlet\":\"Orrin Daily\",\"published\":\"2031-04-03\",\"text\":"
    "\"Hundreds of travellers were stranded at Port Velmar as ferry crews "
    "went on strike over rosters.\"}\n";

static void cleanup(void) {
  cw_serve_cache_free(cache);
  cw_store_close(store);
  cw_fuzz_remove(dir, "fuzz_api");
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  strcpy(dir, "/tmp/cw-fuzz-api-XXXXXX");
  char db[96];
  store = cw_fuzz_archive(dir, seed_articles, sizeof seed_articles - 1, db,
                          sizeof db);
  cache = cw_serve_cache_new(1 << 20);
  atexit(cleanup);
  return 0;
}

typedef struct query {
  const char *s; /* "a=1&b=2", NUL-terminated */
  char buf[256];
} query;

static const char *arg(void *ctx, const char *name) {
  query *q = ctx;
  size_t n = strlen(name);
  for (const char *p = q->s; *p;) {
    const char *amp = strchr(p, '&');
    size_t len = amp ? (size_t)(amp - p) : strlen(p);
    if (len > n && !strncmp(p, name, n) && p[n] == '=' &&
        len - n - 1 < sizeof q->buf) {
      memcpy(q->buf, p + n + 1, len - n - 1);
      q->buf[len - n - 1] = '\0';
      return q->buf;
    }
    p += len + (amp != NULL);
  }
  return NULL;
}

/* The next '\n'-ended part of [*p, end) as a new string. */
static char *part(const char **p, const char *end) {
  const char *nl = memchr(*p, '\n', (size_t)(end - *p));
  const char *stop = nl ? nl : end;
  char *s = malloc((size_t)(stop - *p) + 1);
  if (!s)
    abort();
  memcpy(s, *p, (size_t)(stop - *p));
  s[stop - *p] = '\0';
  *p = nl ? nl + 1 : end;
  return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > 65536)
    return 0;
  static const char *const methods[] = {"GET", "HEAD", "POST", "DELETE",
                                        "PUT"};
  const char *method = methods[data[0] % 5];
  int authorized = (data[0] >> 3) & 1;
  const char *p = (const char *)data + 1, *end = (const char *)data + size;
  char *path = part(&p, end), *qs = part(&p, end);
  size_t body_len = (size_t)(end - p);
  char *body = malloc(body_len + 1);
  if (!body)
    abort();
  memcpy(body, p, body_len);
  body[body_len] = '\0';
  query q = {qs, {0}};
  cw_serve_request rq = {method, path, arg,        &q,   body,
                         body_len, authorized, cache, NULL, NULL};
  cw_serve_reply r = {0};
  if (cw_serve_is_api(path)) {
    cw_serve_api(store, &rq, &r);
    if (r.status < 200 || r.status > 599)
      abort();
    if (r.body) {
      json_t *v = json_loadb(r.body, r.len, 0, NULL);
      if (!v)
        abort(); /* every answer is JSON */
      if (r.status >= 400) {
        json_t *e = json_object_get(v, "error");
        if (!json_is_string(json_object_get(e, "code")) ||
            !json_is_string(json_object_get(e, "message")))
          abort();
      }
      json_decref(v);
    }
  } else {
    (void)cw_serve_find_asset(path);
  }
  free(r.body);
  free(path);
  free(qs);
  free(body);
  return 0;
}
