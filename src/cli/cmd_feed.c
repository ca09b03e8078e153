/* cmd_feed.c - `crosswire feed [--json] FILE...`: parse feeds and print
 * them, storing nothing.
 *
 * With --json each file becomes one line holding the Feed contract of
 * DESIGN.md (feedparser's normalized model); without it, a short summary a
 * person can read: title, version, number of entries, whether the feed was
 * malformed. The bytes go to the parser undecoded so that the feed's own
 * encoding declaration (or BOM) is honoured.
 */
#include "cli/cli.h"

#include "extract/feed.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char feed_help[] =
    "usage: crosswire feed [--json] [--max-size SIZE] [--base URL] FILE...\n"
    "\n"
    "Parses RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and JSON Feed files.\n"
    "With --json, prints one object per file with feedparser's names:\n"
    "{\"bozo\", \"bozo_reason\", \"version\", \"encoding\", \"feed\": {...},\n"
    " \"entries\": [{\"id\", \"title\", \"link\", \"published\", ...}]}.\n"
    "Otherwise prints a summary per file. Nothing is stored.\n"
    "--base URL: the URL the feeds came from; relative links resolve\n"
    "against it where no xml:base applies.\n";

static void print_summary(const char *path, const json_t *model) {
  const json_t *feed = json_object_get(model, "feed");
  const char *title = json_string_value(json_object_get(feed, "title"));
  const char *version = json_string_value(json_object_get(model, "version"));
  size_t n = json_array_size(json_object_get(model, "entries"));
  printf("%s\n  title:   %s\n  version: %s\n  entries: %zu\n", path,
         title ? title : "(none)", version && *version ? version : "unknown",
         n);
  if (json_is_true(json_object_get(model, "bozo")))
    printf("  bozo:    yes (%s)\n",
           json_string_value(json_object_get(model, "bozo_reason")));
  else
    printf("  bozo:    no\n");
}

int cw_cmd_feed(cw_cli *cli) {
  size_t max = CW_DEFAULT_MAX_INPUT;
  const char *base = NULL; /* the feed's own URL, for relative links */
  int failed = 0, inputs = 0;
  if (cli->help) {
    fputs(feed_help, stdout);
    return CW_EXIT_OK;
  }
  for (int i = 0; i < cli->argc; i++) {
    const char *a = cli->argv[i];
    if (!strcmp(a, "--max-size")) {
      if (i + 1 >= cli->argc || !(max = cw_cli_parse_size(cli->argv[i + 1])))
        return cw_cli_usage("feed", "--max-size needs a size such as 16M");
      i++;
    } else if (!strcmp(a, "--base")) {
      if (i + 1 >= cli->argc)
        return cw_cli_usage("feed", "--base needs a URL");
      base = cli->argv[++i];
    } else if (a[0] == '-' && a[1]) {
      return cw_cli_usage("feed", "unknown flag '%s'", a);
    } else {
      inputs++;
    }
  }
  if (!inputs)
    return cw_cli_usage("feed", "no input given");
  for (int i = 0; i < cli->argc; i++) {
    const char *path = cli->argv[i];
    if (!strcmp(path, "--max-size") || !strcmp(path, "--base")) {
      i++;
      continue;
    }
    cw_buf b;
    cw_error err;
    json_t *model = NULL;
    cw_buf_init(&b, max + 1);
    cw_status st = cw_read_file(path, max, &b, &err);
    if (st == CW_OK)
      st = cw_feed_parse(b.ptr, b.len, path, NULL, base, &model, &err);
    cw_buf_free(&b);
    if (st) {
      cw_cli_error("%s", err.msg);
      failed = 1;
      continue;
    }
    if (cli->json) {
      char *js = json_dumps(model, JSON_COMPACT | JSON_PRESERVE_ORDER);
      if (!js) {
        cw_cli_error("%s: out of memory", path);
        failed = 1;
      } else {
        puts(js);
        free(js);
      }
    } else {
      print_summary(path, model);
    }
    json_decref(model);
  }
  return failed ? CW_EXIT_FAILED : CW_EXIT_OK;
}
