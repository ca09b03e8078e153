/* cli.h - what the command files of the crosswire CLI share.
 *
 * The CLI is a thin layer: it parses arguments, calls the library and
 * prints. Exit codes: 0 all inputs handled, 1 some inputs failed (the others
 * were stored), 2 usage.
 */
#ifndef CW_CLI_H
#define CW_CLI_H

#include "crosswire.h"

#include <stdio.h>

enum { CW_EXIT_OK = 0, CW_EXIT_FAILED = 1, CW_EXIT_USAGE = 2 };

typedef struct cw_cli {
  const char *db;   /* --db PATH, default ./crosswire.db */
  int json;         /* --json */
  int help;         /* --help on the command */
  int color;        /* stdout is a terminal and NO_COLOR unset */
  int progress;     /* stderr is a terminal */
  int argc;         /* command arguments, global flags removed */
  char **argv;
} cw_cli;

int cw_cmd_add(cw_cli *cli);
int cw_cmd_analyze(cw_cli *cli);
int cw_cmd_extract(cw_cli *cli);
int cw_cmd_feed(cw_cli *cli);
int cw_cmd_stories(cw_cli *cli);
int cw_cmd_story(cw_cli *cli);
int cw_cmd_search(cw_cli *cli);
int cw_cmd_export(cw_cli *cli);
int cw_cmd_import(cw_cli *cli);
int cw_cmd_stats(cw_cli *cli);
int cw_cmd_serve(cw_cli *cli);
int cw_cmd_token(cw_cli *cli);
int cw_cmd_fetch(cw_cli *cli);
int cw_cmd_feeds(cw_cli *cli);
/* cmd_fetch.c: when arg is an http(s) URL or an .opml file, handles it for
 * `add` (counting it in *done or *failed, adding to *total) and returns 1;
 * otherwise returns 0. */
int cw_cli_add_remote(cw_cli *cli, const char *arg, int allow_private,
                      cw_add_result *total, size_t *failed, size_t *done);

/* "crosswire: <message>" on stderr */
void cw_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints a usage error and the command's help hint; returns CW_EXIT_USAGE. */
int cw_cli_usage(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Parses a size such as 100M, 64K, 2G or plain bytes; 0 on error. */
size_t cw_cli_parse_size(const char *s);
/* Called with each article an input holds; nonzero marks a failure. */
typedef int (*cw_cli_article_fn)(const cw_cli *cli, const cw_article *article,
                                 void *ctx);
/* Reads every PATH argument of cli (flags --crawl-time, --max-size, and
 * --dct DATE into *dct when dct is not NULL), printing each input's errors
 * and warnings, and calls fn for every article found. Returns the exit
 * code: CW_EXIT_USAGE (message printed), CW_EXIT_FAILED when an input or
 * fn failed, else CW_EXIT_OK. */
int cw_cli_read_articles(cw_cli *cli, const char *cmd, const char **dct,
                         cw_cli_article_fn fn, void *ctx);
/* Opens the archive, printing the error; NULL on failure. */
cw_store *cw_cli_open_store(const cw_cli *cli);

#endif
