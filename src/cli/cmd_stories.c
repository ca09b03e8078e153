/* cmd_stories.c - `crosswire stories` and `crosswire story ID`.
 *
 * The library hands out stories as JSON (the Story contract); with --json
 * they are printed as they are, otherwise rendered for a terminal: a table
 * of stories, or one story in sections, in colour when stdout is a
 * terminal.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char stories_help[] =
    "usage: crosswire stories [--since DATE] [--outlet NAME] [--limit N]\n"
    "                         [--json]\n"
    "\n"
    "Lists stories, newest activity first: id, number of articles and\n"
    "outlets, last update and title. --json prints one Story object per\n"
    "line, with its articles and their sources.\n"
    "\n"
    "  --since DATE   stories updated on or after DATE (ISO 8601)\n"
    "  --outlet NAME  stories with an article from this outlet (any case)\n"
    "  --limit N      the N stories updated last (default: all)\n";

static const char story_help[] =
    "usage: crosswire story ID [--json]\n"
    "\n"
    "Shows one story: title, dates, outlets, summary, entities with their\n"
    "roles, and the articles. --json prints the Story object.\n";

typedef struct table_ctx {
  const cw_cli *cli;
  size_t rows;
} table_ctx;

static const char *str_or(json_t *o, const char *key, const char *dflt) {
  const char *s = json_string_value(json_object_get(o, key));
  return s ? s : dflt;
}

/* Prints at most `width` display columns of s (UTF-8 aware). */
static void print_clipped(const char *s, int width) {
  int cols = 0;
  const unsigned char *p = (const unsigned char *)s;
  while (*p && cols < width) {
    size_t k = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
    if (cols == width - 1 && p[k]) {
      fputs("…", stdout);
      return;
    }
    fwrite(p, 1, k, stdout);
    for (size_t i = 0; i < k && *p; i++)
      p++;
    cols++;
  }
}

static int json_line(void *ctx, const char *json, size_t len) {
  (void)ctx;
  fwrite(json, 1, len, stdout);
  putchar('\n');
  return 0;
}

static int table_row(void *vctx, const char *json, size_t len) {
  table_ctx *ctx = vctx;
  json_t *o = json_loadb(json, len, 0, NULL);
  if (!o)
    return 0;
  if (ctx->rows++ == 0)
    printf("%s%5s  %8s  %7s  %-10s  %s%s\n", ctx->cli->color ? "\033[1m" : "",
           "ID", "ARTICLES", "OUTLETS", "UPDATED", "TITLE",
           ctx->cli->color ? "\033[0m" : "");
  char updated[11] = "-";
  const char *lu = str_or(o, "last_update", NULL);
  if (lu)
    snprintf(updated, sizeof updated, "%.10s", lu);
  printf("%5lld  %8zu  %7zu  %-10s  ",
         (long long)json_integer_value(json_object_get(o, "id")),
         json_array_size(json_object_get(o, "articles")),
         json_array_size(json_object_get(o, "outlets")), updated);
  print_clipped(str_or(o, "title", "(untitled)"), 90);
  putchar('\n');
  json_decref(o);
  return 0;
}

/* The value of flag `name` at argv[*i], as "--name VALUE" or
 * "--name=VALUE" (advancing *i past it); NULL when argv[*i] is another
 * argument, and *missing set when the flag is there without a value. */
static const char *flag_value(const cw_cli *cli, int *i, const char *name,
                              int *missing) {
  const char *a = cli->argv[*i];
  size_t n = strlen(name);
  if (strncmp(a, name, n))
    return NULL;
  if (a[n] == '=')
    return a + n + 1;
  if (a[n])
    return NULL;
  if (*i + 1 >= cli->argc) {
    *missing = 1;
    return NULL;
  }
  return cli->argv[++*i];
}

int cw_cmd_stories(cw_cli *cli) {
  cw_story_page page = {0};
  if (cli->help) {
    fputs(stories_help, stdout);
    return CW_EXIT_OK;
  }
  for (int i = 0; i < cli->argc; i++) {
    const char *v, *flag = cli->argv[i];
    int missing = 0;
    if ((v = flag_value(cli, &i, "--since", &missing))) {
      page.since = v;
    } else if ((v = flag_value(cli, &i, "--outlet", &missing))) {
      if (!*v)
        return cw_cli_usage("stories", "--outlet needs a name");
      page.outlet = v;
    } else if ((v = flag_value(cli, &i, "--limit", &missing)) ||
               (v = flag_value(cli, &i, "-n", &missing))) {
      char *end;
      long long n = strtoll(v, &end, 10);
      if (*end || end == v || n <= 0)
        return cw_cli_usage("stories", "--limit: '%s' is not a number above 0",
                            v);
      page.limit = (size_t)n;
    } else if (missing) {
      return cw_cli_usage("stories", "%s needs a value", flag);
    } else {
      return cw_cli_usage("stories", "unexpected argument '%s'", flag);
    }
  }
  cw_store *store = cw_cli_open_store(cli);
  if (!store)
    return CW_EXIT_FAILED;
  cw_error err;
  table_ctx ctx = {cli, 0};
  cw_json_sink sink = cli->json ? json_line : table_row;
  cw_status st;
  if (page.limit || page.outlet) {
    if (!page.limit)
      page.limit = (size_t)INT64_MAX; /* SQLite's LIMIT is signed */
    st = cw_store_story_page(store, &page, sink, &ctx, &err);
  } else {
    st = cw_store_list_stories(store, page.since, 0, sink, &ctx, &err);
  }
  cw_store_close(store);
  if (st) {
    cw_cli_error("%s", err.msg);
    return CW_EXIT_FAILED;
  }
  if (!cli->json && ctx.rows == 0)
    puts(page.since || page.outlet
             ? "no stories match"
             : "no stories yet: add some news with 'crosswire add PATH'");
  return CW_EXIT_OK;
}

static void heading(const cw_cli *cli, const char *text) {
  printf("\n%s%s%s\n", cli->color ? "\033[1;36m" : "", text,
         cli->color ? "\033[0m" : "");
}

static void print_story(const cw_cli *cli, json_t *o) {
  const char *bold = cli->color ? "\033[1m" : "", *off = cli->color ? "\033[0m" : "";
  size_t i, j;
  json_t *v;
  printf("%sstory %lld: %s%s\n", bold,
         (long long)json_integer_value(json_object_get(o, "id")),
         str_or(o, "title", "(untitled)"), off);
  printf("first seen %s, last update %s\n", str_or(o, "first_seen", "-"),
         str_or(o, "last_update", "-"));
  json_t *outlets = json_object_get(o, "outlets");
  size_t n_top = json_array_size(json_object_get(o, "articles"));
  json_int_t n_all = json_integer_value(json_object_get(o, "n_articles"));
  printf("%zu article%s", n_top, n_top == 1 ? "" : "s");
  if (n_all > (json_int_t)n_top) /* the entities below count copies too */
    printf(" (%lld with their copies)", (long long)n_all);
  printf(" from %zu outlet%s", json_array_size(outlets),
         json_array_size(outlets) == 1 ? "" : "s");
  json_array_foreach(outlets, i, v) printf("%s%s", i ? ", " : ": ",
                                           json_string_value(v));
  putchar('\n');
  json_t *summary = json_object_get(o, "summary");
  if (json_array_size(summary)) {
    heading(cli, "Summary");
    json_array_foreach(summary, i, v) printf("  - %s\n", json_string_value(v));
  }
  json_t *ents = json_object_get(o, "entities");
  if (json_array_size(ents)) {
    heading(cli, "People, organisations and places");
    json_array_foreach(ents, i, v) {
      if (i >= 12)
        break;
      printf("  %-28s %-12s %lld article%s", str_or(v, "name", "?"),
             str_or(v, "type", ""),
             (long long)json_integer_value(json_object_get(v, "articles")),
             json_integer_value(json_object_get(v, "articles")) == 1 ? "" : "s");
      json_t *roles = json_object_get(v, "roles"), *r;
      json_array_foreach(roles, j, r) printf("%s%s", j ? "; " : "  as ",
                                             json_string_value(r));
      putchar('\n');
    }
  }
  json_t *disc = json_object_get(o, "discrepancies");
  if (json_array_size(disc)) {
    heading(cli, "Where the outlets disagree");
    json_array_foreach(disc, i, v) {
      printf("  %s%s%s: %s\n", bold, str_or(v, "kind", "?"), off,
             str_or(v, "subject", "?"));
      json_t *var;
      json_array_foreach(json_object_get(v, "variants"), j, var) {
        printf("    - \"%s\" in article%s",
               str_or(var, "value", "?"),
               json_array_size(json_object_get(var, "articles")) == 1 ? ""
                                                                       : "s");
        size_t k;
        json_t *id;
        json_array_foreach(json_object_get(var, "articles"), k, id)
            printf(" %s%lld", k ? "" : "", (long long)json_integer_value(id));
        putchar('\n');
      }
    }
  }
  json_t *timeline = json_object_get(o, "timeline");
  if (json_array_size(timeline)) {
    heading(cli, "Timeline");
    int inferred = 0;
    json_array_foreach(timeline, i, v) {
      if (i >= 20)
        break;
      /* a day whose year the article does not give is marked */
      int yi = json_is_true(json_object_get(v, "year_inferred"));
      inferred |= yi;
      printf("  %-10s%s", str_or(v, "date", "?"), yi ? "* " : "  ");
      print_clipped(str_or(v, "text", ""), 100);
      printf(" (%zu)\n", json_array_size(json_object_get(v, "articles")));
    }
    if (inferred)
      printf("  * the article gives no year: the story's dated articles do\n");
  }
  json_t *quotes = json_object_get(o, "quotes");
  if (json_array_size(quotes)) {
    heading(cli, "Who said what");
    size_t shown = 0;
    json_array_foreach(quotes, i, v) {
      json_t *var0 = json_array_get(json_object_get(v, "variants"), 0);
      if (!json_is_string(json_object_get(v, "speaker")) || shown >= 12)
        continue;
      shown++;
      const char *channel = str_or(var0, "channel", NULL);
      printf("  %s", str_or(v, "speaker", "?"));
      if (channel)
        printf(" (%s)", channel);
      printf(": \"");
      print_clipped(str_or(var0, "text", ""), 90);
      printf("\"%s\n", json_array_size(json_object_get(v, "variants")) > 1
                            ? " (worded differently elsewhere)"
                            : "");
    }
  }
  heading(cli, "Articles");
  json_array_foreach(json_object_get(o, "articles"), i, v) {
    json_t *src = json_object_get(v, "source");
    printf("  [%lld] %-10.10s %-24.24s ",
           (long long)json_integer_value(json_object_get(v, "id")),
           str_or(v, "published", "-"), str_or(v, "outlet", "-"));
    print_clipped(str_or(v, "title", "(untitled)"), 70);
    printf("\n        %s%s#%lld%s\n", cli->color ? "\033[2m" : "",
           str_or(src, "path", "?"),
           (long long)json_integer_value(json_object_get(src, "part")), off);
    json_t *c;
    json_array_foreach(json_object_get(v, "copies"), j, c) {
      printf("        copy [%lld] %s, %s\n",
             (long long)json_integer_value(json_object_get(c, "id")),
             str_or(c, "outlet", "unknown outlet"),
             str_or(c, "published", "undated"));
    }
  }
}

int cw_cmd_story(cw_cli *cli) {
  if (cli->help) {
    fputs(story_help, stdout);
    return CW_EXIT_OK;
  }
  if (cli->argc != 1)
    return cw_cli_usage("story", "give one story ID");
  char *end;
  long long id = strtoll(cli->argv[0], &end, 10);
  if (*end || end == cli->argv[0] || id <= 0)
    return cw_cli_usage("story", "'%s' is not a story ID", cli->argv[0]);
  cw_store *store = cw_cli_open_store(cli);
  if (!store)
    return CW_EXIT_FAILED;
  char *js = NULL;
  cw_error err;
  cw_status st = cw_store_story_json(store, (int64_t)id, &js, &err);
  cw_store_close(store);
  if (st) {
    cw_cli_error("%s", err.msg);
    return CW_EXIT_FAILED;
  }
  if (cli->json) {
    puts(js);
  } else {
    json_t *o = json_loads(js, 0, NULL);
    if (o)
      print_story(cli, o);
    json_decref(o);
  }
  free(js);
  return CW_EXIT_OK;
}
