/* cmd_feeds.c - `crosswire feeds [rm URL|ID]`: the feed subscriptions.
 *
 * Lists each subscription with the outcome of its last poll, so that a
 * feed that keeps failing (or whose article pages robots.txt refuses) is
 * visible; `rm` unsubscribes and keeps the articles already stored.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char feeds_help[] =
    "usage: crosswire feeds [--json]\n"
    "       crosswire feeds rm URL|ID...\n"
    "\n"
    "Lists the subscribed feeds with their last poll (time, HTTP status,\n"
    "error); with --json one JSON array of {\"id\", \"url\", \"title\",\n"
    "\"etag\", \"last_modified\", \"last_fetch\", \"last_status\",\n"
    "\"last_error\", \"added\", \"entries\"}. Subscribe with\n"
    "'crosswire add FEED-URL' or 'crosswire add LIST.opml'; poll with\n"
    "'crosswire fetch'. 'rm' unsubscribes (stored articles stay).\n";

static const char *or_dash(json_t *o, const char *k) {
  const char *s = json_string_value(json_object_get(o, k));
  return s ? s : "-";
}

static int list_feeds(cw_cli *cli, cw_store *store) {
  char *js = NULL;
  cw_error err;
  if (cw_store_feeds_json(store, &js, &err)) {
    cw_cli_error("%s", err.msg);
    return CW_EXIT_FAILED;
  }
  if (cli->json) {
    puts(js);
    free(js);
    return CW_EXIT_OK;
  }
  json_t *arr = json_loads(js, 0, NULL);
  free(js);
  size_t i;
  json_t *f;
  if (json_array_size(arr) == 0)
    puts("no feeds (subscribe with 'crosswire add FEED-URL')");
  json_array_foreach(arr, i, f) {
    printf("%lld  %s\n",
           (long long)json_integer_value(json_object_get(f, "id")),
           or_dash(f, "url"));
    printf("    title: %s\n", or_dash(f, "title"));
    printf("    last fetch: %s", or_dash(f, "last_fetch"));
    if (json_is_integer(json_object_get(f, "last_status")))
      printf(" (status %lld)",
             (long long)json_integer_value(json_object_get(f, "last_status")));
    printf(", %lld entries\n",
           (long long)json_integer_value(json_object_get(f, "entries")));
    if (json_string_value(json_object_get(f, "last_error")))
      printf("    last error: %s\n", or_dash(f, "last_error"));
  }
  json_decref(arr);
  return CW_EXIT_OK;
}

int cw_cmd_feeds(cw_cli *cli) {
  if (cli->help) {
    fputs(feeds_help, stdout);
    return CW_EXIT_OK;
  }
  int rm = cli->argc > 0 && !strcmp(cli->argv[0], "rm");
  if (!rm && cli->argc > 0)
    return cw_cli_usage("feeds", "unexpected argument '%s'", cli->argv[0]);
  if (rm && cli->argc < 2)
    return cw_cli_usage("feeds", "rm needs a feed URL or id");
  cw_store *store = cw_cli_open_store(cli);
  if (!store)
    return CW_EXIT_FAILED;
  int rc = CW_EXIT_OK;
  if (!rm) {
    rc = list_feeds(cli, store);
  } else {
    for (int i = 1; i < cli->argc; i++) {
      cw_error err;
      if (cw_store_feed_remove(store, cli->argv[i], &err)) {
        cw_cli_error("%s", err.msg);
        rc = CW_EXIT_FAILED;
      } else if (!cli->json) {
        printf("removed %s\n", cli->argv[i]);
      }
    }
  }
  cw_store_close(store);
  return rc;
}
