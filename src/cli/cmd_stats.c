/* cmd_stats.c - `crosswire stats`: what the archive holds.
 *
 * Counts, sizes and the schema version, as a short table or (--json) one
 * object. The hidden flag --check runs the integrity check instead (SQLite
 * integrity_check and the search index check) and prints "ok" or the
 * problems; exit 1 when there are any. It exists for the durability tests,
 * which cannot count on the sqlite3 shell being installed.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char stats_help[] =
    "usage: crosswire stats [--json]\n"
    "\n"
    "Shows what the archive holds: documents, articles, stories, outlets\n"
    "and distinct entities, the database size in bytes (pages in use, and\n"
    "the files on disk with the write-ahead log), the schema version, and\n"
    "one section per subscribed feed.\n";

static void print_stats(json_t *o) {
  static const char *const keys[] = {"documents",  "articles",      "stories",
                                     "outlets",    "entities",      "db_bytes",
                                     "file_bytes", "schema_version"};
  static const char *const labels[] = {
      "documents", "articles",       "stories",       "outlets",
      "entities",  "database bytes", "bytes on disk", "schema version"};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    printf("%-16s %lld\n", labels[i],
           (long long)json_integer_value(json_object_get(o, keys[i])));
  json_t *feeds = json_object_get(o, "feeds");
  printf("%-16s %zu\n", "feeds", json_array_size(feeds));
  size_t i;
  json_t *f;
  json_array_foreach(feeds, i, f) {
    const char *key;
    json_t *v;
    printf("  feed %zu:", i + 1);
    json_object_foreach(f, key, v) {
      char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
      printf(" %s=%s", key, s ? s : "?");
      free(s);
    }
    putchar('\n');
  }
}

int cw_cmd_stats(cw_cli *cli) {
  int check = 0;
  if (cli->help) {
    fputs(stats_help, stdout);
    return CW_EXIT_OK;
  }
  for (int i = 0; i < cli->argc; i++) {
    if (!strcmp(cli->argv[i], "--check"))
      check = 1;
    else
      return cw_cli_usage("stats", "unexpected argument '%s'", cli->argv[i]);
  }
  cw_store *store = cw_cli_open_store(cli);
  if (!store)
    return CW_EXIT_FAILED;
  cw_error err;
  char *out = NULL;
  cw_status st = check ? cw_store_check(store, &out, &err)
                       : cw_store_stats_json(store, &out, &err);
  cw_store_close(store);
  if (st) {
    cw_cli_error("%s", err.msg);
    return CW_EXIT_FAILED;
  }
  int rc = CW_EXIT_OK;
  if (check) {
    puts(out);
    rc = strcmp(out, "ok") ? CW_EXIT_FAILED : CW_EXIT_OK;
  } else if (cli->json) {
    puts(out);
  } else {
    json_t *o = json_loads(out, 0, NULL);
    if (o)
      print_stats(o);
    json_decref(o);
  }
  free(out);
  return rc;
}
