/* extract.h - from a decoded document to its articles.
 *
 * A cw_articles list owns its articles and every string in them through one
 * arena. Readers for each input shape (plain-text pages, JSON lines) append
 * articles to a list; cw_extract_bytes() picks the reader.
 */
#ifndef CW_EXTRACT_H
#define CW_EXTRACT_H

#include "core/core.h"

struct cw_articles {
  cw_arena *arena; /* owns every string below */
  cw_vec items;    /* cw_article */
  cw_vec warnings; /* const char *, arena strings */
};

cw_articles *cw_articles_new(void);
/* Appends a zeroed article (part = its index in the list) or NULL. */
cw_article *cw_articles_add(cw_articles *list);
/* Copies [s, s+n) into the list's arena; NULL on OOM. */
char *cw_articles_strndup(cw_articles *list, const char *s, size_t n);
/* Records a warning message (printf format) */
cw_status cw_articles_warn(cw_articles *list, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Adds one credit string to an article. */
cw_status cw_article_add_credit(cw_articles *list, cw_article *a,
                                const char *s, size_t n);

/* Context a reader gets about its input. */
typedef struct cw_extract_ctx {
  const char *origin;     /* path or URL naming the input */
  const char *crawl_time; /* ISO 8601 or NULL (see cw_extract_opts) */
} cw_extract_ctx;

/* Plain-text news page (the seeds' shape): optional " date YYYY-MM-DD"
 * header, headline, dateline, body, credits, chrome, and aggregator pages
 * with "Related Articles" entries. text is UTF-8 (NFC), len bytes. Appends
 * one article per story found on the page (part 0 = main article). */
cw_status cw_extract_text_page(const char *text, size_t len,
                               const cw_extract_ctx *ctx, cw_articles *out,
                               cw_error *err);

/* JSON lines: one {"id","title","text","published","outlet","url"} object
 * per line, only "text" required. A bad line is reported as a warning that
 * names the line and is skipped; CW_ERR_FORMAT when no line is usable. */
cw_status cw_extract_jsonl(const char *text, size_t len,
                           const cw_extract_ctx *ctx, cw_articles *out,
                           cw_error *err);

/* HTML page (html.c, html_body.c, html_meta.c): the main text by DOM
 * scoring (text and link density, structure, class/id hints) with
 * boilerplate removed, metadata from JSON-LD, meta tags and the visible
 * page, and one article per full-text related article of an aggregator
 * page. */
cw_status cw_extract_html(const char *text, size_t len,
                          const cw_extract_ctx *ctx, cw_articles *out,
                          cw_error *err);

/* The Article contract as a jansson object (new reference) or NULL. */
struct json_t;
struct json_t *cw_article_json_object(const cw_article *a);

#endif
