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

static int print_article(const cw_cli *cli, const cw_article *article,
                         void *ctx) {
  (void)cli;
  (void)ctx;
  char *js;
  if (cw_article_to_json(article, &js)) {
    cw_cli_error("%s: out of memory", article->source_path);
    return 1;
  }
  puts(js);
  free(js);
  return 0;
}

int cw_cmd_extract(cw_cli *cli) {
  if (cli->help) {
    fputs(extract_help, stdout);
    return CW_EXIT_OK;
  }
  return cw_cli_read_articles(cli, "extract", NULL, print_article, NULL);
}
