/* cmd_export.c - `crosswire export` and `crosswire import FILE`.
 *
 * Export writes the whole archive as JSON lines on stdout (or --output
 * FILE); import reads such a file into an empty archive, re-creating
 * documents, articles, stories and their assignments without clustering
 * again. The format is described in src/store/export.c and docs/schema.md.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char export_help[] =
    "usage: crosswire export [--format jsonl] [--output FILE]\n"
    "\n"
    "Writes the whole archive as JSON lines: a header, the stories (the\n"
    "Story object with everything derived, and the clustering state), each\n"
    "document followed by its articles (text, source, copies, entities),\n"
    "term statistics and an end line with counts. The same archive always\n"
    "gives the same bytes; 'crosswire import' reads it back.\n"
    "\n"
    "  --format jsonl   the only format (the default)\n"
    "  --output FILE    write to FILE instead of standard output\n";

static const char import_help[] =
    "usage: crosswire import FILE\n"
    "\n"
    "Reads an export (FILE, or - for standard input) into an empty archive:\n"
    "documents, articles, stories and which story each article belongs to\n"
    "are restored as they were, without clustering again. Articles that\n"
    "carry no story_id are ingested as new input and clustered. All of the\n"
    "file is imported, or nothing.\n";

typedef struct out_ctx {
  FILE *f;
  int failed;
} out_ctx;

static int write_line(void *vctx, const char *json, size_t len) {
  out_ctx *ctx = vctx;
  if (fwrite(json, 1, len, ctx->f) != len || putc('\n', ctx->f) == EOF) {
    ctx->failed = errno ? errno : EIO;
    return 1;
  }
  return 0;
}

int cw_cmd_export(cw_cli *cli) {
  const char *output = NULL;
  if (cli->help) {
    fputs(export_help, stdout);
    return CW_EXIT_OK;
  }
  for (int i = 0; i < cli->argc; i++) {
    const char *a = cli->argv[i];
    const char *format = NULL;
    if ((!strcmp(a, "--format") || !strcmp(a, "--output") ||
         !strcmp(a, "-o")) &&
        i + 1 < cli->argc) {
      if (a[2] == 'f')
        format = cli->argv[++i];
      else
        output = cli->argv[++i];
    } else if (!strncmp(a, "--format=", 9)) {
      format = a + 9;
    } else if (!strncmp(a, "--output=", 9)) {
      output = a + 9;
    } else {
      return cw_cli_usage("export", "unexpected argument '%s'", a);
    }
    if (format && strcmp(format, "jsonl") != 0 && strcmp(format, "ndjson") != 0)
      return cw_cli_usage("export", "unknown format '%s' (jsonl)", format);
  }
  out_ctx ctx = {stdout, 0};
  if (output && strcmp(output, "-") != 0 && !(ctx.f = fopen(output, "wb"))) {
    cw_cli_error("%s: %s", output, strerror(errno));
    return CW_EXIT_FAILED;
  }
  cw_store *store = cw_cli_open_store(cli);
  if (!store) {
    if (ctx.f != stdout)
      fclose(ctx.f);
    return CW_EXIT_FAILED;
  }
  cw_error err;
  errno = 0;
  cw_status st = cw_store_export(store, write_line, &ctx, &err);
  cw_store_close(store);
  int close_failed = ctx.f != stdout ? fclose(ctx.f) != 0 : fflush(stdout) != 0;
  if (st) {
    cw_cli_error("%s", err.msg);
    return CW_EXIT_FAILED;
  }
  if (ctx.failed || close_failed) {
    cw_cli_error("%s: %s", output ? output : "<stdout>",
                 strerror(ctx.failed ? ctx.failed : errno));
    return CW_EXIT_FAILED;
  }
  return CW_EXIT_OK;
}

int cw_cmd_import(cw_cli *cli) {
  if (cli->help) {
    fputs(import_help, stdout);
    return CW_EXIT_OK;
  }
  if (cli->argc != 1 || (cli->argv[0][0] == '-' && cli->argv[0][1]))
    return cw_cli_usage("import", "give one export FILE (or -)");
  cw_store *store = cw_cli_open_store(cli);
  if (!store)
    return CW_EXIT_FAILED;
  cw_error err;
  cw_import_result r = {0};
  cw_status st = cw_store_import(store, cli->argv[0], &r, &err);
  cw_store_close(store);
  if (st) {
    cw_cli_error("%s", err.msg);
    return st == CW_ERR_USAGE ? CW_EXIT_USAGE : CW_EXIT_FAILED;
  }
  if (cli->json)
    printf("{\"documents\":%zu,\"articles\":%zu,\"stories\":%zu,"
           "\"reclustered\":%zu}\n",
           r.documents, r.articles, r.stories, r.reclustered);
  else
    printf("imported %zu article%s in %zu stor%s from %zu document%s"
           "%s",
           r.articles, r.articles == 1 ? "" : "s", r.stories,
           r.stories == 1 ? "y" : "ies", r.documents,
           r.documents == 1 ? "" : "s", r.reclustered ? "" : "\n");
  if (!cli->json && r.reclustered)
    printf("; %zu article%s without a story clustered anew\n", r.reclustered,
           r.reclustered == 1 ? "" : "s");
  return CW_EXIT_OK;
}
