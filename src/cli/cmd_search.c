/* cmd_search.c - `crosswire search QUERY`: full-text search of articles.
 *
 * The query language and the ranking live in the library
 * (cw_store_search); this file parses flags and prints. With --json each
 * result is one JSON object per line and the snippet marks matches with
 * « and »; for a terminal the matches are shown in [brackets] (bold when
 * stdout is a terminal). A malformed query is a usage error (exit 2) with
 * the parser's message.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char search_help[] =
    "usage: crosswire search QUERY... [--limit N] [--json]\n"
    "\n"
    "Searches the articles of the archive. The words of QUERY are joined\n"
    "into one query:\n"
    "  harbor strike          articles with both words (stemmed: strikes)\n"
    "  \"walked out\"           a phrase\n"
    "  strik*                 words starting with strik\n"
    "  a OR b, a AND b, a NOT b, ( )   boolean operators in capitals\n"
    "  outlet:NAME            one outlet (outlet:\"Two Words\")\n"
    "  since:DATE until:DATE  published from/to (2025-06-06, 2025-06, 2025)\n"
    "  story:ID               articles of one story\n"
    "Results are ranked by BM25 relevance (the title weighs more) blended\n"
    "with recency, best first.\n"
    "\n"
    "  --limit N   at most N results (default 20)\n"
    "  --json      one object per line: article_id, story_id, title, outlet,\n"
    "              published, score, snippet (matches between « and »),\n"
    "              source\n";

/* Results one search may ask for: more is a dump, not a search. */
#define MAX_LIMIT 10000
/* Bytes of query the CLI joins from its arguments (the library refuses
 * longer ones with its own message). */
#define MAX_QUERY_ARGS 8192

typedef struct print_ctx {
  const cw_cli *cli;
  size_t rows;
} print_ctx;

static int json_line(void *vctx, const char *json, size_t len) {
  print_ctx *ctx = vctx;
  ctx->rows++;
  fwrite(json, 1, len, stdout);
  putchar('\n');
  return 0;
}

static const char *str_or(json_t *o, const char *key, const char *dflt) {
  const char *s = json_string_value(json_object_get(o, key));
  return s ? s : dflt;
}

static int text_row(void *vctx, const char *json, size_t len) {
  print_ctx *ctx = vctx;
  json_t *o = json_loadb(json, len, 0, NULL);
  if (!o)
    return 0;
  const char *bold = ctx->cli->color ? "\033[1m" : "";
  const char *dim = ctx->cli->color ? "\033[2m" : "";
  const char *off = ctx->cli->color ? "\033[0m" : "";
  char date[11] = "-";
  const char *pub = str_or(o, "published", NULL);
  if (pub)
    snprintf(date, sizeof date, "%.10s", pub);
  if (ctx->rows++)
    putchar('\n');
  printf("%s[%lld] %s%s\n", bold,
         (long long)json_integer_value(json_object_get(o, "article_id")),
         str_or(o, "title", "(untitled)"), off);
  printf("%s%s  %s  story %lld  score %.3f%s\n", dim, date,
         str_or(o, "outlet", "-"),
         (long long)json_integer_value(json_object_get(o, "story_id")),
         json_number_value(json_object_get(o, "score")), off);
  /* the library was asked for [ ] marks in text mode */
  const char *snip = str_or(o, "snippet", "");
  fputs("  ", stdout);
  for (const char *p = snip; *p; p++) {
    if (ctx->cli->color && *p == '[')
      fputs("\033[1;33m[", stdout);
    else if (ctx->cli->color && *p == ']')
      fputs("]\033[0m", stdout);
    else if (*p == '\n')
      fputs(" ", stdout);
    else
      putchar(*p);
  }
  putchar('\n');
  json_decref(o);
  return 0;
}

int cw_cmd_search(cw_cli *cli) {
  cw_search_opts opts = {0};
  if (cli->help) {
    fputs(search_help, stdout);
    return CW_EXIT_OK;
  }
  char query[MAX_QUERY_ARGS];
  size_t qlen = 0;
  query[0] = '\0';
  for (int i = 0; i < cli->argc; i++) {
    const char *a = cli->argv[i];
    const char *v = NULL;
    if (!strcmp(a, "--limit") || !strcmp(a, "-n")) {
      if (i + 1 >= cli->argc)
        return cw_cli_usage("search", "%s needs a number", a);
      v = cli->argv[++i];
    } else if (!strncmp(a, "--limit=", 8)) {
      v = a + 8;
    } else if (a[0] == '-' && a[1] == '-' && a[2]) {
      return cw_cli_usage("search", "unknown flag '%s'", a);
    } else {
      size_t n = strlen(a);
      if (qlen + n + 2 > sizeof query)
        return cw_cli_usage("search", "query too long");
      if (qlen)
        query[qlen++] = ' ';
      memcpy(query + qlen, a, n + 1);
      qlen += n;
      continue;
    }
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*end || end == v || n <= 0 || n > MAX_LIMIT)
      return cw_cli_usage(
          "search", "--limit: '%s' is not a number from 1 to %d", v, MAX_LIMIT);
    opts.limit = (size_t)n;
  }
  if (qlen == 0)
    return cw_cli_usage("search", "give a query");
  if (!cli->json) {
    opts.mark_open = "[";
    opts.mark_close = "]";
  }
  cw_store *store = cw_cli_open_store(cli);
  if (!store)
    return CW_EXIT_FAILED;
  cw_error err;
  print_ctx ctx = {cli, 0};
  cw_status st = cw_store_search(store, query, &opts,
                                 cli->json ? json_line : text_row, &ctx, &err);
  cw_store_close(store);
  if (st == CW_ERR_USAGE || st == CW_ERR_EMPTY || st == CW_ERR_TOO_BIG)
    return cw_cli_usage("search", "%s", err.msg);
  if (st) {
    cw_cli_error("%s", err.msg);
    return CW_EXIT_FAILED;
  }
  if (!cli->json && ctx.rows == 0)
    puts("no articles match");
  return CW_EXIT_OK;
}
