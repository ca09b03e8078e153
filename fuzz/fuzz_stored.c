/* fuzz_stored.c - libFuzzer harness for reading a story whose stored
 * analysis is damaged: the arrays of article_analysis (schema 20) are
 * read back by hand (derived.c's pk_* reader), and a row edited by hand,
 * cut short by a bad disk or written by another program may hold any
 * bytes.
 *
 * The input is split at its first two newlines into the facts, quotes
 * and times texts of one article's row (a part that is missing keeps
 * what the ingest stored). An archive with two invented articles of one
 * story is made once in a temporary directory; each input is written
 * into the first article's row through a connection of the harness's
 * own, then the story is read. It must answer, and with JSON.
 */
#include "fuzz_common.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static cw_store *store;
static sqlite3 *db;
static sqlite3_stmt *put;
static char dir[64];

static const char seed_articles[] =
    "{\"id\":\"s-1\",\"title\":\"Velmar port fees rise\",\"outlet\":"
    "\"Velmar Courier\",\"published\":\"2031-04-02\",\"text\":\"Port "
    "Velmar raised its berth fees by 9.25% on 1 April, harbor master Ilse "
    "Varnholm said. \\\"Costs have doubled,\\\" she said. The board meets "
    "on Friday.\"}\n"
    "{\"id\":\"s-2\",\"title\":\"Berth fees climb at Port Velmar\","
    "\"outlet\":\"Orrin Daily\",\"published\":\"2031-04-02\",\"text\":"
    "\"Port Velmar raised its berth fees by 9.75% on 1 April, harbor "
    "master Ilse Varnholm said. \\\"Our costs have doubled,\\\" she said."
    "\"}\n";

static void cleanup(void) {
  sqlite3_finalize(put);
  sqlite3_close(db);
  cw_store_close(store);
  cw_fuzz_remove(dir, "fuzz_stored");
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  strcpy(dir, "/tmp/cw-fuzz-stored-XXXXXX");
  char path[96];
  store = cw_fuzz_archive(dir, seed_articles, sizeof seed_articles - 1, path,
                          sizeof path);
  if (sqlite3_open(path, &db) != SQLITE_OK ||
      sqlite3_exec(db, "PRAGMA synchronous=OFF", NULL, NULL, NULL) ||
      sqlite3_prepare_v2(db,
                         "UPDATE article_analysis SET facts = coalesce(?1,"
                         " facts), quotes = coalesce(?2, quotes), times ="
                         " coalesce(?3, times) WHERE article_id = 1",
                         -1, &put, NULL) != SQLITE_OK)
    abort();
  atexit(cleanup);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 65536)
    return 0;
  const char *p = (const char *)data, *end = p + size;
  sqlite3_reset(put);
  sqlite3_clear_bindings(put);
  for (int i = 1; i <= 3 && p <= end; i++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *stop = nl ? nl : end;
    sqlite3_bind_text(put, i, p, (int)(stop - p), SQLITE_TRANSIENT);
    if (!nl)
      break;
    p = nl + 1;
  }
  if (sqlite3_step(put) != SQLITE_DONE)
    abort();
  char *json = NULL;
  if (cw_store_story_json(store, 1, &json, NULL) != CW_OK)
    abort(); /* a damaged row costs its own elements, never the story */
  json_t *v = json_loads(json, 0, NULL);
  if (!v || !json_is_array(json_object_get(v, "quotes")))
    abort();
  json_decref(v);
  free(json);
  return 0;
}
