/* cmd_analyze.c - `crosswire analyze [--dct DATE] PATH...`: what each
 * article says (people, places and organisations with their roles, time
 * expressions, quotations, facts), as the Analysis contract of DESIGN.md
 * with --json or as a readable list. Stores nothing.
 */
#include "cli/cli.h"

#include "analyze/analyze.h"
#include "analyze/facts.h"
#include "extract/extract.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char analyze_help[] =
    "usage: crosswire analyze [--json] [--dct DATE] [--crawl-time TIME]"
    " [--max-size SIZE] PATH...\n"
    "\n"
    "Reads the articles of each input and prints what they say: entities\n"
    "with aliases and roles, time expressions (TimeML values), quotations\n"
    "with speakers, and facts (amounts, counts, roles). --dct sets the\n"
    "article date that relative times are resolved against (default: each\n"
    "article's published date). --json prints one object per article:\n"
    "{\"article\", \"entities\", \"times\", \"quotes\", \"facts\"}.\n";

static void print_text(const cw_article *art, json_t *o) {
  printf("== %s\n", art->title ? art->title : "(no title)");
  size_t i;
  json_t *v;
  json_array_foreach(json_object_get(o, "entities"), i, v) {
    printf("  %-7s %s", json_string_value(json_object_get(v, "type")),
           json_string_value(json_object_get(v, "name")));
    json_t *roles = json_object_get(v, "roles");
    if (json_array_size(roles)) {
      printf("  [");
      size_t k;
      json_t *r;
      json_array_foreach(roles, k, r) {
        printf("%s%s", k ? "; " : "", json_string_value(r));
      }
      printf("]");
    }
    printf("\n");
  }
  json_array_foreach(json_object_get(o, "times"), i, v) {
    printf("  time    %s = %s\n",
           json_string_value(json_object_get(v, "text")),
           json_string_value(json_object_get(v, "value")));
  }
  json_array_foreach(json_object_get(o, "quotes"), i, v) {
    const char *sp = json_string_value(json_object_get(v, "speaker"));
    printf("  quote   %s: %s\n", sp ? sp : "?",
           json_string_value(json_object_get(v, "text")));
  }
  json_array_foreach(json_object_get(o, "facts"), i, v) {
    printf("  fact    %s: %s (%s)\n",
           json_string_value(json_object_get(v, "kind")),
           json_string_value(json_object_get(v, "value")),
           json_string_value(json_object_get(v, "text")));
  }
}

static int analyze_one(const cw_cli *cli, const cw_article *art, void *ctx) {
  const char *dct = *(const char **)ctx;
  const char *text = art->text ? art->text : "";
  size_t len = strlen(text);
  cw_analysis *an;
  if (cw_analyze(art->title, text, len, &an) ||
      cw_analyze_deep(an, text, len, dct ? dct : art->published)) {
    cw_cli_error("%s: out of memory", art->source_path);
    return 1;
  }
  json_t *o = cw_analysis_json(an, text);
  json_t *aj = cw_article_json_object(art);
  int rc = 0;
  if (!o || !aj) {
    cw_cli_error("%s: out of memory", art->source_path);
    rc = 1;
  } else if (cli->json) {
    json_object_set_new(o, "article", aj);
    aj = NULL;
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (s)
      puts(s);
    free(s);
  } else {
    print_text(art, o);
  }
  json_decref(aj);
  json_decref(o);
  cw_analysis_free(an);
  return rc;
}

int cw_cmd_analyze(cw_cli *cli) {
  const char *dct = NULL;
  if (cli->help) {
    fputs(analyze_help, stdout);
    return CW_EXIT_OK;
  }
  return cw_cli_read_articles(cli, "analyze", &dct, analyze_one, &dct);
}
