/* html.c - a first cut of HTML article extraction (libxml2's HTML parser).
 *
 * The full extractor (DOM scoring, boilerplate, metadata from JSON-LD) is
 * its own piece of work; this one is enough to read a plain article page:
 * the body is the paragraphs of the element whose direct <p> children carry
 * the most text, which skips navigation, footers and link lists in most
 * pages; the title comes from og:title, the first <h1> or <title>.
 */
#include "extract/extract.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

/* Parser options: recover from broken markup, never touch the network. */
#define HTML_OPTS                                                              \
  (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |           \
   HTML_PARSE_NONET | HTML_PARSE_COMPACT)

static int is_elem(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE &&
         xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

static int skipped(const xmlNode *n) {
  return is_elem(n, "script") || is_elem(n, "style") || is_elem(n, "nav") ||
         is_elem(n, "footer") || is_elem(n, "aside") || is_elem(n, "form");
}

/* Appends the text under n with white space collapsed. */
static void text_of(const xmlNode *n, cw_buf *b) {
  for (const xmlNode *c = n; c; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content) {
      for (const xmlChar *p = c->content; *p; p++) {
        if (cw_is_space(*p)) {
          if (b->len && b->ptr[b->len - 1] != ' ')
            cw_buf_putc(b, ' ');
        } else {
          cw_buf_putc(b, (char)*p);
        }
      }
    } else if (c->type == XML_ELEMENT_NODE && !skipped(c)) {
      if (is_elem(c, "br") && b->len && b->ptr[b->len - 1] != ' ')
        cw_buf_putc(b, ' ');
      text_of(c->children, b);
    }
  }
}

static size_t p_text_len(const xmlNode *parent, cw_buf *scratch) {
  size_t total = 0;
  for (const xmlNode *c = parent->children; c; c = c->next)
    if (is_elem(c, "p")) {
      cw_buf_reset(scratch);
      text_of(c->children, scratch);
      total += scratch->len;
    }
  return total;
}

static void best_parent(const xmlNode *n, const xmlNode **best,
                        size_t *best_len, cw_buf *scratch, int depth) {
  /* Depth bound: hostile pages nest thousands of levels; real articles do
   * not go past a few dozen. */
  if (depth > 256)
    return;
  for (const xmlNode *c = n; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || skipped(c))
      continue;
    size_t len = p_text_len(c, scratch);
    if (len > *best_len) {
      *best_len = len;
      *best = c;
    }
    best_parent(c->children, best, best_len, scratch, depth + 1);
  }
}

static const xmlNode *find_first(const xmlNode *n, const char *name,
                                 int depth) {
  if (depth > 256)
    return NULL;
  for (const xmlNode *c = n; c; c = c->next) {
    if (is_elem(c, name))
      return c;
    if (c->type == XML_ELEMENT_NODE) {
      const xmlNode *r = find_first(c->children, name, depth + 1);
      if (r)
        return r;
    }
  }
  return NULL;
}

static char *meta_content(const xmlNode *head, const char *prop) {
  for (const xmlNode *c = head ? head->children : NULL; c; c = c->next) {
    if (!is_elem(c, "meta"))
      continue;
    xmlChar *p = xmlGetProp(c, (const xmlChar *)"property");
    if (!p)
      p = xmlGetProp(c, (const xmlChar *)"name");
    int match = p && xmlStrcasecmp(p, (const xmlChar *)prop) == 0;
    xmlFree(p);
    if (match)
      return (char *)xmlGetProp(c, (const xmlChar *)"content");
  }
  return NULL;
}

static const char *trimmed_dup(cw_articles *out, const char *s) {
  size_t n = strlen(s);
  cw_trim(&s, &n);
  return n ? cw_articles_strndup(out, s, n) : NULL;
}

cw_status cw_extract_html(const char *text, size_t len,
                          const cw_extract_ctx *ctx, cw_articles *out,
                          cw_error *err) {
  if (len > (size_t)INT32_MAX)
    return cw_error_set(err, CW_ERR_TOO_BIG, 0, "%s: page too large",
                        ctx->origin);
  htmlDocPtr doc =
      htmlReadMemory(text, (int)len, ctx->origin, "UTF-8", HTML_OPTS);
  if (!doc)
    return cw_error_set(err, CW_ERR_FORMAT, 0, "%s: unreadable HTML",
                        ctx->origin);
  cw_status st = CW_OK;
  cw_buf scratch, body;
  cw_buf_init(&scratch, 0);
  cw_buf_init(&body, 0);
  const xmlNode *root = xmlDocGetRootElement(doc);
  const xmlNode *best = NULL;
  size_t best_len = 0;
  best_parent(root, &best, &best_len, &scratch, 0);
  if (best) {
    for (const xmlNode *c = best->children; c; c = c->next) {
      if (!is_elem(c, "p") && !is_elem(c, "h2") && !is_elem(c, "h3") &&
          !is_elem(c, "blockquote") && !is_elem(c, "li"))
        continue;
      cw_buf_reset(&scratch);
      text_of(c->children, &scratch);
      const char *s = scratch.ptr;
      size_t n = scratch.len;
      cw_trim(&s, &n);
      if (!n)
        continue;
      if (body.len)
        cw_buf_puts(&body, "\n\n");
      cw_buf_append(&body, s, n);
    }
  }
  if (body.err) {
    st = cw_error_set(err, body.err, 0, "%s: %s", ctx->origin,
                      cw_strerror(body.err));
    goto done;
  }
  if (body.len == 0) {
    st = cw_error_set(err, CW_ERR_EMPTY, 0, "%s: no article text found",
                      ctx->origin);
    goto done;
  }
  cw_article *a = cw_articles_add(out);
  if (!a || !(a->text = cw_articles_strndup(out, body.ptr, body.len))) {
    st = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", ctx->origin);
    goto done;
  }
  const xmlNode *head = find_first(root, "head", 0);
  char *og = meta_content(head, "og:title");
  if (og) {
    a->title = trimmed_dup(out, og);
    xmlFree(og);
  }
  const char *title_tags[] = {"h1", "title"};
  for (size_t i = 0; !a->title && i < 2; i++) {
    const xmlNode *t = find_first(root, title_tags[i], 0);
    if (t) {
      cw_buf_reset(&scratch);
      text_of(t->children, &scratch);
      a->title = trimmed_dup(out, scratch.ptr);
    }
  }
  char *site = meta_content(head, "og:site_name");
  if (site) {
    a->outlet = trimmed_dup(out, site);
    xmlFree(site);
  }
  char *when = meta_content(head, "article:published_time");
  if (when) {
    a->published = trimmed_dup(out, when);
    xmlFree(when);
  }
done:
  cw_buf_free(&scratch);
  cw_buf_free(&body);
  xmlFreeDoc(doc);
  return st;
}
