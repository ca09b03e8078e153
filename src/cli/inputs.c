/* inputs.c - the input side that `extract` and `analyze` share: their
 * flags (--crawl-time, --max-size, and --dct for analyze), and the loop
 * that reads every PATH, reports its errors and warnings, and hands each
 * article found to the command.
 */
#include "cli/cli.h"

#include "core/time.h"

#include <string.h>

static int takes_value(const char *a, int with_dct) {
  return !strcmp(a, "--crawl-time") || !strcmp(a, "--max-size") ||
         (with_dct && !strcmp(a, "--dct"));
}

int cw_cli_read_articles(cw_cli *cli, const char *cmd, const char **dct,
                         cw_cli_article_fn fn, void *ctx) {
  cw_extract_opts opts = {0};
  int failed = 0, inputs = 0;
  for (int i = 0; i < cli->argc; i++) {
    const char *a = cli->argv[i];
    if (takes_value(a, dct != NULL)) {
      if (i + 1 >= cli->argc)
        return cw_cli_usage(cmd, "%s needs a value", a);
      const char *v = cli->argv[++i];
      if (!strcmp(a, "--dct")) {
        int64_t t;
        int has_time;
        if (cw_parse_iso8601(v, strlen(v), &t, &has_time) != strlen(v))
          return cw_cli_usage(cmd, "--dct: '%s' is not a date", v);
        *dct = v;
      } else if (!strcmp(a, "--crawl-time")) {
        opts.crawl_time = v;
      } else if (!(opts.max_input = cw_cli_parse_size(v))) {
        return cw_cli_usage(cmd, "--max-size: '%s' is not a size", v);
      }
    } else if (a[0] == '-' && a[1]) {
      return cw_cli_usage(cmd, "unknown flag '%s'", a);
    } else {
      inputs++;
    }
  }
  if (!inputs)
    return cw_cli_usage(cmd, "no input given");
  for (int i = 0; i < cli->argc; i++) {
    const char *a = cli->argv[i];
    if (takes_value(a, dct != NULL)) {
      i++;
      continue;
    }
    cw_articles *list;
    cw_error err;
    if (cw_extract_file(a, &opts, &list, &err)) {
      cw_cli_error("%s", err.msg);
      failed = 1;
      continue;
    }
    for (size_t w = 0; w < cw_articles_warning_count(list); w++)
      cw_cli_error("warning: %s", cw_articles_warning(list, w));
    for (size_t k = 0; k < cw_articles_count(list); k++)
      failed |= fn(cli, cw_articles_get(list, k), ctx) != 0;
    cw_articles_free(list);
  }
  return failed ? CW_EXIT_FAILED : CW_EXIT_OK;
}
