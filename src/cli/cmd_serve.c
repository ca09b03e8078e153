/* cmd_serve.c - `crosswire serve` and `crosswire token`.
 *
 * serve runs the JSON API and the web page (src/serve) on 127.0.0.1 unless
 * --bind names another address, until SIGINT or SIGTERM; token prints the
 * write token that POST requests must present, making it on first use.
 */
#include "cli/cli.h"

#include "serve/serve.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

static const char serve_help[] =
    "usage: crosswire serve [--port 8080] [--bind 127.0.0.1] [--quiet]\n"
    "\n"
    "Serves the archive: the JSON API under /api/ (see docs/api.md) and the\n"
    "web page at /. Listens on 127.0.0.1 unless --bind gives another\n"
    "numeric address (0.0.0.0 or :: for every interface). --port 0 picks a\n"
    "free port; the address is printed on stderr. Writes (POST) need the\n"
    "token that 'crosswire token' prints. --quiet leaves out the request\n"
    "log. Stops on Ctrl-C or SIGTERM.\n";

static const char token_help[] =
    "usage: crosswire token\n"
    "\n"
    "Prints the write token of the archive, making it on first use: POST\n"
    "requests to 'crosswire serve' send it as 'Authorization: Bearer\n"
    "TOKEN'. It is kept in the file ARCHIVE.token (mode 0600); remove that\n"
    "file to make a new token.\n";

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig) {
  (void)sig;
  stop_requested = 1;
}

int cw_cmd_serve(cw_cli *cli) {
  cw_serve_opts opts = {cli->db, CW_SERVE_DEFAULT_BIND, CW_SERVE_DEFAULT_PORT,
                        0};
  if (cli->help) {
    fputs(serve_help, stdout);
    return CW_EXIT_OK;
  }
  for (int i = 0; i < cli->argc; i++) {
    const char *a = cli->argv[i];
    const char *v = NULL;
    if ((!strcmp(a, "--port") || !strcmp(a, "--bind")) && i + 1 < cli->argc)
      v = cli->argv[++i];
    else if (!strncmp(a, "--port=", 7) || !strncmp(a, "--bind=", 7))
      v = a + 7;
    if (v && !strncmp(a, "--port", 6)) {
      char *end;
      long p = strtol(v, &end, 10);
      if (*end || end == v || p < 0 || p > 65535)
        return cw_cli_usage("serve", "--port %s: not a port number", v);
      opts.port = (unsigned)p;
    } else if (v) {
      opts.bind = v;
    } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
      opts.quiet = 1;
    } else {
      return cw_cli_usage("serve", "unexpected argument '%s'", a);
    }
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sa.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &sa, NULL);
  cw_error err;
  cw_status st = cw_serve_run(&opts, &stop_requested, &err);
  if (st) {
    cw_cli_error("serve: %s", err.msg);
    return st == CW_ERR_USAGE ? CW_EXIT_USAGE : CW_EXIT_FAILED;
  }
  return CW_EXIT_OK;
}

int cw_cmd_token(cw_cli *cli) {
  if (cli->help) {
    fputs(token_help, stdout);
    return CW_EXIT_OK;
  }
  if (cli->argc)
    return cw_cli_usage("token", "unexpected argument '%s'", cli->argv[0]);
  char *token = NULL;
  cw_error err;
  if (cw_serve_token(cli->db, &token, &err)) {
    cw_cli_error("token: %s", err.msg);
    return CW_EXIT_FAILED;
  }
  puts(token);
  free(token);
  return CW_EXIT_OK;
}
