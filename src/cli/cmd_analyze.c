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
    "{\"article\", \"entities\", \"times\", \"quotes\", \"facts\"}.\n"
    "Articles are read in groups of 256: a description one leaves open\n"
    "(\"the Tesla CEO\" beside two names) joins the person the others say\n"
    "holds that office.\n";

static void print_text(const char *title, json_t *o) {
  printf("== %s\n", title ? title : "(no title)");
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

/* Articles are analysed in groups of this many, whose descriptions are
 * joined across the group (cw_analyses_join) before it is printed: "the
 * Tesla CEO" that one article leaves open is Elon Musk when others say
 * so. The bound keeps memory flat over inputs of any size. */
#define ANALYZE_GROUP 256

typedef struct pending {
  cw_analysis *an;
  char *text;
  json_t *article; /* the article's JSON (cw_article_json_object) */
} pending;

typedef struct analyze_ctx {
  const char *dct;
  pending group[ANALYZE_GROUP];
  size_t n;
} analyze_ctx;

/* Joins the group's descriptions and prints each article in order;
 * returns nonzero when one failed (reported). */
static int flush_group(const cw_cli *cli, analyze_ctx *g) {
  cw_analysis *v[ANALYZE_GROUP];
  for (size_t i = 0; i < g->n; i++)
    v[i] = g->group[i].an;
  int rc = 0;
  if (cw_analyses_join(v, g->n)) {
    /* what was joined before is kept: the articles still print */
    cw_cli_error("analyze: out of memory joining descriptions");
    rc = 1;
  }
  for (size_t i = 0; i < g->n; i++) {
    pending *p = &g->group[i];
    json_t *o = cw_analysis_json(p->an, p->text);
    if (!o) {
      cw_cli_error("%s: out of memory",
                   json_string_value(json_object_get(
                       json_object_get(p->article, "source"), "path")));
      rc = 1;
    } else if (cli->json) {
      json_object_set(o, "article", p->article);
      char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
      if (s)
        puts(s);
      free(s);
    } else {
      print_text(json_string_value(json_object_get(p->article, "title")), o);
    }
    json_decref(o);
    json_decref(p->article);
    cw_analysis_free(p->an);
    free(p->text);
  }
  g->n = 0;
  return rc;
}

static int analyze_one(const cw_cli *cli, const cw_article *art, void *ctx) {
  analyze_ctx *g = ctx;
  const char *text = art->text ? art->text : "";
  size_t len = strlen(text);
  cw_analysis *an = NULL;
  json_t *aj = NULL;
  char *copy = NULL;
  if (cw_analyze(art->title, text, len, &an) ||
      cw_analyze_deep(an, text, len, g->dct ? g->dct : art->published) ||
      !(aj = cw_article_json_object(art)) || !(copy = strdup(text))) {
    cw_cli_error("%s: out of memory", art->source_path);
    cw_analysis_free(an);
    json_decref(aj);
    return 1;
  }
  /* the analysis' spans point into the copy from here on */
  g->group[g->n++] = (pending){an, copy, aj};
  return g->n == ANALYZE_GROUP ? flush_group(cli, g) : 0;
}

int cw_cmd_analyze(cw_cli *cli) {
  if (cli->help) {
    fputs(analyze_help, stdout);
    return CW_EXIT_OK;
  }
  analyze_ctx *g = calloc(1, sizeof *g);
  if (!g) {
    cw_cli_error("analyze: out of memory");
    return CW_EXIT_FAILED;
  }
  int rc = cw_cli_read_articles(cli, "analyze", &g->dct, analyze_one, g);
  if (flush_group(cli, g) && rc == CW_EXIT_OK)
    rc = CW_EXIT_FAILED;
  free(g);
  return rc;
}
