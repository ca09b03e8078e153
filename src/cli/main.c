/* main.c - the crosswire command line: global flags, dispatch, help.
 *
 * Global flags (--db PATH, --json, --help) are accepted before or after the
 * command name, as DESIGN.md's contract says; everything else is handed to
 * the command untouched, in order.
 */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef CW_WITH_MIMALLOC
#include <mimalloc.h>
#endif

static const char usage_text[] =
    "usage: crosswire [--db PATH] [--json] COMMAND [ARGS]\n"
    "\n"
    "crosswire turns news pages, aggregator pages and JSON lines into\n"
    "stories: one per real-world event, with every outlet's article.\n"
    "\n"
    "commands:\n"
    "  add PATH...        ingest files and folders into the archive\n"
    "  analyze PATH...    entities, times, quotes and facts of each article\n"
    "  stories            list stories, newest activity first\n"
    "  story ID           one story: outlets, articles, entities, summary\n"
    "  extract PATH...    print the articles found in files as JSON lines\n"
    "  feed FILE...       parse feeds (RSS, Atom, JSON Feed): summary or --json\n"
    "  feeds [rm URL|ID]  list feed subscriptions, or unsubscribe\n"
    "  fetch              poll subscribed feeds and fetch new articles\n"
    "  search QUERY       full-text search over articles\n"
    "  export             the whole archive as JSON lines\n"
    "  import FILE        restore an export into an empty archive\n"
    "  stats              counts, sizes and schema version of the archive\n"
    "  serve              JSON API and web page on 127.0.0.1:8080\n"
    "  token              print the write token of the API\n"
    "  help [COMMAND]     this text, or a command's\n"
    "\n"
    "global flags:\n"
    "  --db PATH          archive file (default ./crosswire.db)\n"
    "  --json             machine-readable output (JSON lines)\n"
    "  --help, -h         help\n"
    "  --version          print the version\n"
    "\n"
    "exit status: 0 all inputs handled, 1 some inputs failed (the rest were\n"
    "stored), 2 usage error.\n";

void cw_cli_error(const char *fmt, ...) {
  va_list ap;
  fputs("crosswire: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

int cw_cli_usage(const char *command, const char *fmt, ...) {
  va_list ap;
  fputs("crosswire: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nsee 'crosswire %s --help'\n", command ? command : "");
  return CW_EXIT_USAGE;
}

size_t cw_cli_parse_size(const char *s) {
  char *end;
  unsigned long long v;
  if (!s || *s < '0' || *s > '9')
    return 0;
  v = strtoull(s, &end, 10);
  unsigned shift = 0;
  switch (*end) {
  case '\0':
    break;
  case 'k':
  case 'K':
    shift = 10;
    end++;
    break;
  case 'm':
  case 'M':
    shift = 20;
    end++;
    break;
  case 'g':
  case 'G':
    shift = 30;
    end++;
    break;
  default:
    return 0;
  }
  if (*end == 'B' || *end == 'b')
    end++;
  if (*end || v == 0 || v > (SIZE_MAX >> shift))
    return 0;
  return (size_t)(v << shift);
}

cw_store *cw_cli_open_store(const cw_cli *cli) {
  cw_store *store;
  cw_error err;
  if (cw_store_open(cli->db, &store, &err)) {
    cw_cli_error("%s", err.msg);
    return NULL;
  }
  return store;
}

typedef struct command {
  const char *name;
  int (*run)(cw_cli *);
} command;

static const command commands[] = {
    {"add", cw_cmd_add},
    {"analyze", cw_cmd_analyze},
    {"extract", cw_cmd_extract},
    {"feed", cw_cmd_feed},
    {"feeds", cw_cmd_feeds},
    {"fetch", cw_cmd_fetch},
    {"stories", cw_cmd_stories},
    {"story", cw_cmd_story},
    {"search", cw_cmd_search},
    {"export", cw_cmd_export},
    {"import", cw_cmd_import},
    {"stats", cw_cmd_stats},
    {"serve", cw_cmd_serve},
    {"token", cw_cmd_token},
};

int main(int argc, char **argv) {
#ifdef CW_WITH_MIMALLOC
  /* memory freed is given back to the kernel after a second unused
   * rather than mimalloc's 25 ms: an ingest frees and takes again the same
   * megabytes for every input file and batch, and each 4 KiB taken again
   * after being given back is a page fault (12-15 us on the machines we
   * measure on): 10k generated articles 27.5-29.3k faults -> 22.4k.
   * MIMALLOC_DECOMMIT_DELAY in the environment still decides. */
  if (!getenv("MIMALLOC_DECOMMIT_DELAY"))
    mi_option_set(mi_option_decommit_delay, 1000);
  /* the heap's segments made from here on are offered 2 MiB pages
   * (madvise; used where the kernel's transparent huge pages allow): a
   * long ingest's heap of hundreds of megabytes then takes a fraction of
   * the page faults and TLB misses. The first segment, made before main,
   * keeps 4 KiB pages, so a short command costs what it did.
   * MIMALLOC_LARGE_OS_PAGES in the environment still decides. */
  if (!getenv("MIMALLOC_LARGE_OS_PAGES"))
    mi_option_enable(mi_option_large_os_pages);
#endif
  cw_cli cli = {0};
  const char *name = NULL;
  char **rest = calloc((size_t)argc + 1, sizeof *rest);
  int top_help = 0;
  if (!rest) {
    cw_cli_error("out of memory");
    return CW_EXIT_FAILED;
  }
  cli.db = getenv("CROSSWIRE_DB");
  if (!cli.db || !*cli.db)
    cli.db = "crosswire.db";
  int only_args = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!only_args && !strcmp(a, "--")) {
      only_args = 1;
    } else if (!only_args && !strcmp(a, "--db")) {
      if (i + 1 >= argc) {
        free(rest);
        return cw_cli_usage(name, "--db needs a path");
      }
      cli.db = argv[++i];
    } else if (!only_args && !strncmp(a, "--db=", 5)) {
      cli.db = a + 5;
    } else if (!only_args && !strcmp(a, "--json")) {
      cli.json = 1;
    } else if (!only_args && (!strcmp(a, "--help") || !strcmp(a, "-h"))) {
      if (name)
        cli.help = 1;
      else
        top_help = 1;
    } else if (!only_args && !strcmp(a, "--version")) {
      printf("crosswire %s\n", CW_VERSION);
      free(rest);
      return CW_EXIT_OK;
    } else if (!name && a[0] == '-' && !only_args) {
      free(rest);
      return cw_cli_usage(NULL, "unknown global flag '%s'", a);
    } else if (!name) {
      name = a;
    } else {
      rest[cli.argc++] = argv[i];
    }
  }
  cli.argv = rest;
  if (!name || !strcmp(name, "help")) {
    if (name && cli.argc > 0) {
      name = cli.argv[0];
      cli.argc = 0;
      cli.help = 1;
    } else {
      fputs(usage_text, (name || top_help) ? stdout : stderr);
      free(rest);
      return (name || top_help) ? CW_EXIT_OK : CW_EXIT_USAGE;
    }
  }
  if (top_help)
    cli.help = 1;
  cli.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
  cli.progress = isatty(STDERR_FILENO);
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
    if (!strcmp(commands[i].name, name)) {
      int rc = commands[i].run(&cli);
      free(rest);
      return rc;
    }
  }
  free(rest);
  cw_cli_error("unknown command '%s'", name);
  fputs(usage_text, stderr);
  return CW_EXIT_USAGE;
}
