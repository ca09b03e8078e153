/* cmd_extract.c - `crosswire extract PATH...`: print the articles found in
 * each input as JSON lines (the Article contract), storing nothing.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

static const char extract_help[] =
    "usage: crosswire extract [--json] [--crawl-time TIME] [--max-size SIZE]"
    " PATH...\n"
    "\n"
    "Prints every article found in the inputs as one JSON object per line:\n"
    "{\"title\", \"outlet\", \"url\", \"published\", \"dateline\", \"byline\",\n"
    " \"text\", \"credits\", \"source\": {\"path\", \"part\", \"id\"}}.\n"
    "Nothing is stored. Warnings and errors go to standard error.\n";

int cw_cmd_extract(cw_cli *cli) {
  cw_extract_opts opts = {0};
  int failed = 0, inputs = 0;
  if (cli->help) {
    fputs(extract_help, stdout);
    return CW_EXIT_OK;
  }
  for (int i = 0; i < cli->argc; i++) {
    const char *a = cli->argv[i];
    if (!strcmp(a, "--crawl-time") || !strcmp(a, "--max-size")) {
      if (i + 1 >= cli->argc)
        return cw_cli_usage("extract", "%s needs a value", a);
      if (a[2] == 'c') {
        opts.crawl_time = cli->argv[i + 1];
      } else if (!(opts.max_input = cw_cli_parse_size(cli->argv[i + 1]))) {
        return cw_cli_usage("extract", "--max-size: '%s' is not a size",
                            cli->argv[i + 1]);
      }
      i++;
    } else if (a[0] == '-' && a[1]) {
      return cw_cli_usage("extract", "unknown flag '%s'", a);
    } else {
      inputs++;
    }
  }
  if (!inputs)
    return cw_cli_usage("extract", "no input given");
  for (int i = 0; i < cli->argc; i++) {
    const char *a = cli->argv[i];
    if (!strcmp(a, "--crawl-time") || !strcmp(a, "--max-size")) {
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
    for (size_t k = 0; k < cw_articles_count(list); k++) {
      char *js;
      if (cw_article_to_json(cw_articles_get(list, k), &js)) {
        cw_cli_error("%s: out of memory", a);
        failed = 1;
        break;
      }
      puts(js);
      free(js);
    }
    cw_articles_free(list);
  }
  return failed ? CW_EXIT_FAILED : CW_EXIT_OK;
}
