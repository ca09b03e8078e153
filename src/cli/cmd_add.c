/* cmd_add.c - `crosswire add PATH...`: ingest files and folders.
 *
 * Folders are walked recursively in name order (so a run is repeatable)
 * and only files with a news extension are taken from them; a file named
 * on the command line is always taken. Each input is one transaction: a bad
 * input is reported on one line naming it, the others are still stored, and
 * the exit code is 1.
 */
#include "cli/cli.h"

#include "core/core.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char add_help[] =
    "usage: crosswire add [--max-size SIZE] [--crawl-time TIME] PATH...\n"
    "\n"
    "Ingests plain-text pages, aggregator pages, HTML pages, feeds and JSON\n"
    "lines (.txt .text .jsonl .ndjson .html .htm .xml .rss .atom .rdf .json;\n"
    "any file named directly) into\n"
    "the archive, grouping every article into a story. Folders are read\n"
    "recursively in name order. The same content twice adds nothing.\n"
    "\n"
    "  --max-size SIZE     refuse inputs larger than SIZE (default 64M;\n"
    "                      suffixes K, M, G)\n"
    "  --crawl-time TIME   when the pages were fetched (ISO 8601), to date\n"
    "                      relative ages such as \"39 minutes ago\"\n"
    "  --json              print the result as one JSON object\n"
    "  --verbose, -v       print \"stored PATH\" as each input is committed\n"
    "  --stages            also print the CPU time of each stage (reading,\n"
    "                      analysis, copies, clustering, writing, splits,\n"
    "                      commits), in seconds and per article added\n"
    "\n"
    "A PATH may be an http(s) URL: a page is fetched and stored; a feed is\n"
    "subscribed to and its entries' article pages fetched (see 'crosswire\n"
    "fetch'). A .opml file subscribes to every feed it lists.\n"
    "  --allow-private     allow URLs on loopback and private addresses\n";

/* Folder depth we follow: deeper trees are almost surely link loops. */
#define MAX_DEPTH 32

typedef struct file_list {
  char **paths;
  size_t n, cap;
} file_list;

static int push_path(file_list *fl, const char *p) {
  if (fl->n == fl->cap) {
    size_t cap = fl->cap ? fl->cap * 2 : 64;
    char **np = realloc(fl->paths, cap * sizeof *np);
    if (!np)
      return -1;
    fl->paths = np;
    fl->cap = cap;
  }
  fl->paths[fl->n] = cw_strdup(p);
  return fl->paths[fl->n] ? (int)fl->n++ : -1;
}

static int news_extension(const char *name) {
  static const char *const exts[] = {".txt",  ".text", ".jsonl", ".ndjson",
                                     ".html", ".htm",  ".xml",   ".rss",
                                     ".atom", ".rdf",  ".json"};
  size_t n = strlen(name);
  for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
    size_t k = strlen(exts[i]);
    if (n > k && cw_strncaseeq(name + n - k, exts[i], k))
      return 1;
  }
  return 0;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects the files under dir; unreadable entries go to `bad` with a
 * message already printed. */
static void walk(const char *dir, int depth, file_list *fl, size_t *bad) {
  if (depth > MAX_DEPTH) {
    cw_cli_error("%s: folders nested too deep, skipped", dir);
    (*bad)++;
    return;
  }
  DIR *d = opendir(dir);
  if (!d) {
    cw_cli_error("%s: %s", dir, strerror(errno));
    (*bad)++;
    return;
  }
  file_list names = {0};
  struct dirent *e;
  while ((e = readdir(d)))
    if (e->d_name[0] != '.')
      push_path(&names, e->d_name);
  closedir(d);
  qsort(names.paths, names.n, sizeof *names.paths, by_name);
  for (size_t i = 0; i < names.n; i++) {
    cw_buf p;
    cw_buf_init(&p, 0);
    cw_buf_printf(&p, "%s/%s", dir, names.paths[i]);
    struct stat st;
    if (stat(p.ptr, &st) != 0) {
      cw_cli_error("%s: %s", p.ptr, strerror(errno));
      (*bad)++;
    } else if (S_ISDIR(st.st_mode)) {
      walk(p.ptr, depth + 1, fl, bad);
    } else if (!S_ISREG(st.st_mode)) {
      if (news_extension(names.paths[i])) {
        cw_cli_error("%s: not a regular file, skipped", p.ptr);
        (*bad)++;
      }
    } else if (news_extension(names.paths[i])) {
      push_path(fl, p.ptr);
    }
    cw_buf_free(&p);
    free(names.paths[i]);
  }
  free(names.paths);
}

int cw_cmd_add(cw_cli *cli) {
  cw_extract_opts opts = {0};
  file_list files = {0};
  size_t failed = 0;
  int verbose = 0, allow_private = 0, stages = 0;
  cw_add_result remote_total = {0};
  size_t remote = 0;
  if (cli->help) {
    fputs(add_help, stdout);
    return CW_EXIT_OK;
  }
  for (int i = 0; i < cli->argc; i++) {
    const char *a = cli->argv[i];
    if (!strcmp(a, "--max-size") || !strcmp(a, "--crawl-time")) {
      if (i + 1 >= cli->argc)
        return cw_cli_usage("add", "%s needs a value", a);
      const char *v = cli->argv[++i];
      if (a[2] == 'm') {
        opts.max_input = cw_cli_parse_size(v);
        if (!opts.max_input)
          return cw_cli_usage("add", "--max-size: '%s' is not a size", v);
      } else {
        opts.crawl_time = v;
      }
    } else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
      verbose = 1;
    } else if (!strcmp(a, "--allow-private")) {
      allow_private = 1;
    } else if (!strcmp(a, "--stages")) {
      stages = 1;
    } else if (a[0] == '-' && a[1]) {
      return cw_cli_usage("add", "unknown flag '%s'", a);
    }
  }
  for (int i = 0; i < cli->argc; i++) {
    const char *a = cli->argv[i];
    if (!strcmp(a, "--max-size") || !strcmp(a, "--crawl-time")) {
      i++;
      continue;
    }
    if (!strcmp(a, "--verbose") || !strcmp(a, "-v") ||
        !strcmp(a, "--allow-private") || !strcmp(a, "--stages"))
      continue;
    if (cw_cli_add_remote(cli, a, allow_private, &remote_total, &failed,
                          &remote))
      continue;
    struct stat st;
    if (stat(a, &st) != 0) {
      cw_cli_error("%s: %s", a, strerror(errno));
      failed++;
    } else if (S_ISDIR(st.st_mode)) {
      walk(a, 0, &files, &failed);
    } else if (!S_ISREG(st.st_mode)) {
      cw_cli_error("%s: not a regular file", a);
      failed++;
    } else {
      push_path(&files, a);
    }
  }
  if (files.n == 0 && failed == 0 && remote == 0)
    return cw_cli_usage("add", "no input given");
  cw_store *store = files.n ? cw_cli_open_store(cli) : NULL;
  if (files.n && !store) {
    for (size_t i = 0; i < files.n; i++)
      free(files.paths[i]);
    free(files.paths);
    return CW_EXIT_FAILED;
  }
  cw_add_result total = remote_total;
  size_t done = remote;
  double read_cpu = 0; /* reading and parsing the inputs */
  if (stages && store)
    cw_store_time_stages(store, 1);
  for (size_t i = 0; i < files.n; i++) {
    const char *path = files.paths[i];
    cw_articles *list = NULL;
    cw_error err;
    cw_add_result r;
    if (cli->progress)
      fprintf(stderr, "\r\033[K[%zu/%zu] %s", i + 1, files.n, path);
    double t0 = stages ? cw_thread_cpu_seconds() : 0;
    int bad = cw_extract_file(path, &opts, &list, &err) != CW_OK;
    if (stages)
      read_cpu += cw_thread_cpu_seconds() - t0;
    if (bad) {
      if (cli->progress)
        fputs("\r\033[K", stderr);
      cw_cli_error("%s", err.msg);
      failed++;
      continue;
    }
    for (size_t w = 0; w < cw_articles_warning_count(list); w++) {
      if (cli->progress)
        fputs("\r\033[K", stderr);
      cw_cli_error("warning: %s", cw_articles_warning(list, w));
    }
    if (cw_store_add_articles(store, list, &r, &err)) {
      if (cli->progress)
        fputs("\r\033[K", stderr);
      cw_cli_error("%s: not stored: %s", path, err.msg);
      failed++;
    } else {
      done++;
      if (verbose) {
        /* printed after the commit and flushed: a line seen means the
         * input is durably stored, even if the process is killed next */
        printf("stored %s\n", path);
        fflush(stdout);
      }
      total.articles_found += r.articles_found;
      total.articles_added += r.articles_added;
      total.duplicates += r.duplicates;
      total.stories_created += r.stories_created;
    }
    cw_articles_free(list);
  }
  if (cli->progress && files.n)
    fputs("\r\033[K", stderr);
  cw_stage_times st = {0};
  if (stages && store)
    cw_store_stage_times(store, &st);
  const struct {
    const char *name;
    double s;
  } stage[] = {{"read", read_cpu},       {"analyze", st.analyze},
               {"copies", st.copies},    {"cluster", st.cluster},
               {"write", st.write},      {"split", st.split},
               {"commit", st.commit}};
  size_t nstage = stages ? sizeof stage / sizeof *stage : 0;
  if (cli->json) {
    json_t *o = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I}", "inputs",
                          (json_int_t)(files.n + remote), "failed",
                          (json_int_t)failed, "articles_found",
                          (json_int_t)total.articles_found, "articles_added",
                          (json_int_t)total.articles_added, "duplicates",
                          (json_int_t)total.duplicates, "stories_created",
                          (json_int_t)total.stories_created);
    if (o && nstage) {
      json_t *js = json_object();
      for (size_t k = 0; k < nstage; k++)
        json_object_set_new(js, stage[k].name, json_real(stage[k].s));
      json_object_set_new(o, "stage_cpu_seconds", js);
    }
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    if (s)
      puts(s);
    free(s);
    json_decref(o);
  } else {
    printf("added %zu article%s from %zu input%s (%zu already stored), "
           "%zu new stor%s",
           total.articles_added, total.articles_added == 1 ? "" : "s", done,
           done == 1 ? "" : "s", total.duplicates, total.stories_created,
           total.stories_created == 1 ? "y" : "ies");
    if (failed)
      printf("; %zu input%s failed", failed, failed == 1 ? "" : "s");
    putchar('\n');
    if (nstage) {
      /* CPU seconds, then microseconds per article added */
      double n = total.articles_added ? (double)total.articles_added : 1;
      fputs("stages (CPU s, us per article added):", stdout);
      for (size_t k = 0; k < nstage; k++)
        printf(" %s %.2f (%.0f)", stage[k].name, stage[k].s,
               stage[k].s * 1e6 / n);
      putchar('\n');
    }
  }
  cw_store_close(store);
  for (size_t i = 0; i < files.n; i++)
    free(files.paths[i]);
  free(files.paths);
  return failed ? CW_EXIT_FAILED : CW_EXIT_OK;
}
