/* html_int.h - private interface between the parts of the HTML extractor:
 * html.c (entry, charset repair, DOM helpers, aggregator parts),
 * html_meta.c (title, outlet, byline, dates, canonical URL) and
 * html_body.c (main-content scoring and text output).
 */
#ifndef CW_EXTRACT_HTML_INT_H
#define CW_EXTRACT_HTML_INT_H

#include "extract/extract.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <assert.h>
#include <stdint.h>
#include <string.h>

/* Nesting depth beyond which recursive walks stop descending: hostile pages
 * nest thousands of levels, real articles a few dozen. */
#define CW_HTML_MAX_DEPTH 400

/* Parser options: recover from broken markup, never touch the network. */
#define CW_HTML_PARSE_OPTS                                                     \
  (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |           \
   HTML_PARSE_NONET | HTML_PARSE_COMPACT)

/* Metadata of a page; every string malloc'd (free with cw_html_meta_free)
 * and NULL when the page does not carry it. */
typedef struct cw_html_meta {
  char *title;     /* headline, site suffix removed */
  char *outlet;    /* og:site_name, JSON-LD publisher */
  char *url;       /* canonical URL */
  char *published; /* ISO 8601 */
  char *byline;    /* authors, "A and B" as the page writes them */
  char *lang;      /* html lang / og:locale (not in cw_article yet) */
  char *ld_body;   /* JSON-LD articleBody, a fallback for the text */
  /* og:description, twitter:description or the description meta: the
   * text of last resort, for a page whose body a script fills */
  char *description;
} cw_html_meta;

/* Classes of the bytes of UTF-8 text, for the counting loops (the
 * hottest of extraction): the end, white space (' ', \t, \n, \v, \f,
 * \r), a continuation byte, the first byte of a character, and such a
 * first byte that may start a comma (',', U+FF0C, U+3001). */
enum { CW_TC_END, CW_TC_SPACE, CW_TC_CONT, CW_TC_CHAR, CW_TC_COMMA };
extern const unsigned char cw_html_tc[256];

/* Adds to len the characters of the text p as cw_html_text_len counts
 * them (white space runs once, not before the first); *space says that
 * white space is pending, in and out. Returns the new length. */
size_t cw_html_count(const xmlChar *p, size_t len, int *space);
/* The same, adding to *commas the commas of p (',', U+FF0C, U+3001). */
size_t cw_html_count_commas(const xmlChar *p, size_t len, int *space,
                            size_t *commas);

/* The count of a text node kept in its _private, which nothing else reads
 * of a text node (libxml2 leaves it to the application; the scores in
 * html_body.c go to elements): every pass over the page and its copies
 * counts the same texts, most of them several times. What a text adds to
 * any running count follows from its count from nothing (len 0, no space
 * pending: its characters and the joins between them), whether white
 * space comes before its first character (lead) and whether it is pending
 * after it (for a text without characters: whether it holds any), and its
 * commas. These sit in one word, a bit saying it is known lowest; a text
 * whose count does not fit is counted each time. Whoever changes a text
 * node's content clears its _private (html_body.c's add_child); a copy of
 * a text (copy_rec) carries its original's, as the copy counts the same
 * (white space made one space counts as the run it stands for). */
#define CW_HTML_MEMO_KNOWN 1u
#define CW_HTML_MEMO_LEAD 2u
#define CW_HTML_MEMO_SPACE 4u
#define CW_HTML_MEMO_SHIFT 3
#if UINTPTR_MAX > 0xFFFFFFFFu
#define CW_HTML_MEMO_SUM_BITS 38
#else
#define CW_HTML_MEMO_SUM_BITS 18
#endif
#define CW_HTML_MEMO_COMMA_SHIFT (CW_HTML_MEMO_SHIFT + CW_HTML_MEMO_SUM_BITS)
#define CW_HTML_MEMO_SUM_MAX (((uintptr_t)1 << CW_HTML_MEMO_SUM_BITS) - 1)
#define CW_HTML_MEMO_COMMA_MAX (UINTPTR_MAX >> CW_HTML_MEMO_COMMA_SHIFT)

/* cw_html_count_text for a text not counted yet: counts it, and keeps the
 * count in t->_private when it fits. */
size_t cw_html_count_text_first(const xmlNode *t, size_t len, int *space,
                                size_t *commas);

/* cw_html_count_commas (commas may be NULL) of the text node t's content
 * (none: len as it is), from its memo once it has one. */
static inline size_t cw_html_count_text(const xmlNode *t, size_t len,
                                        int *space, size_t *commas) {
  uintptr_t memo = (uintptr_t)t->_private;
  if (!(memo & CW_HTML_MEMO_KNOWN))
    return cw_html_count_text_first(t, len, space, commas);
  size_t sum = (size_t)(memo >> CW_HTML_MEMO_SHIFT & CW_HTML_MEMO_SUM_MAX);
  if (commas)
    *commas += (size_t)(memo >> CW_HTML_MEMO_COMMA_SHIFT);
  if (sum) {
    len += sum + (size_t)((*space || (memo & CW_HTML_MEMO_LEAD)) && len);
    *space = (memo & CW_HTML_MEMO_SPACE) != 0;
  } else if (memo & CW_HTML_MEMO_SPACE) {
    *space = 1;
  }
  return len;
}

/* cw_is_space, inline. */
static inline int cw_html_space(unsigned char c) {
  return cw_html_tc[c] == CW_TC_SPACE;
}

/* cw_buf_putc, inline when the byte fits (the same result either way). */
static inline void cw_html_putc(cw_buf *b, char c) {
  if (!b->err && b->len < b->max && b->len + 2 <= b->cap) {
    b->ptr[b->len++] = c;
    b->ptr[b->len] = '\0';
  } else {
    cw_buf_putc(b, c);
  }
}

/* The attributes the extractor reads, the only ones cw_html_parse keeps
 * (cw_html_cut drops the others before parsing). An attribute read
 * anywhere in the extractor must be named here: cw_html_prop and
 * cw_html_attr assert it in builds with assertions. */
#define CW_HTML_KEPT_ATTRS                                                     \
  "class", "id", "role", "rel", "itemprop", "href", "summary", "style",       \
      "hidden", "aria-hidden", "type", "name", "content", "property",         \
      "datetime", "pubdate", "lang", "shadowroot", "shadowrootmode",          \
      "charset"

/* Whether the attribute name (len bytes, any case) is one of
 * CW_HTML_KEPT_ATTRS. */
int cw_html_attr_kept(const char *name, size_t len);

/* Attribute node name of element n, or NULL: xmlHasProp without its look
 * into the DTD, which an HTML document has none of. */
static inline xmlAttr *cw_html_prop(const xmlNode *n, const char *name) {
  assert(cw_html_attr_kept(name, strlen(name)));
  if (!n || n->type != XML_ELEMENT_NODE)
    return NULL;
  for (xmlAttr *a = n->properties; a; a = a->next)
    if (a->name && a->name[0] == (xmlChar)name[0] &&
        !strcmp((const char *)a->name, name))
      return a;
  return NULL;
}

/* Whether n is a <script> or <style> element, whose text is not the
 * page's: cw_html_is (n, "script") || cw_html_is (n, "style"), inline, as
 * every text walk asks it of every element. */
static inline int cw_html_script_or_style(const xmlNode *n) {
  const char *t = n && n->type == XML_ELEMENT_NODE ? (const char *)n->name
                                                    : NULL;
  return t && t[0] == 's' &&
         (!strcmp(t + 1, "cript") || !strcmp(t + 1, "tyle"));
}

/* Removes from n, its siblings after it and all below them the attributes
 * not in CW_HTML_KEPT_ATTRS (what the cut does before parsing, done on a
 * tree: the tests and fuzz_html_raw compare the two). */
void cw_html_drop_unkept(xmlNode *n);

/* The page t (n bytes) as the extractor hands it to libxml2: without the
 * text of its <script> (but JSON-LD) and <style> elements, and without
 * the attributes it never reads, cut where libxml2 would read them so
 * (html.c says how); malloc'd, its length in *out_len. NULL when there is
 * nothing to cut (or no memory): the page is parsed as it is. */
char *cw_html_cut(const char *t, size_t n, size_t *out_len);

/* Parses text (UTF-8) into a document; NULL when libxml2 gives up.
 * Scripts (but JSON-LD), styles, comments (but the markers of parts
 * streamed by React) and attributes not in CW_HTML_KEPT_ATTRS are left out
 * of the tree. */
htmlDocPtr cw_html_parse(const char *text, size_t len, const char *origin);
/* The same, with cut_raw 0: the whole page goes to libxml2 (the tree must
 * be the same but for the attributes not kept; the tests and
 * fuzz_html_raw compare the two). */
htmlDocPtr cw_html_parse_cut(const char *text, size_t len, const char *origin,
                             int cut_raw);

/* Element test by lower-case tag name. */
int cw_html_is(const xmlNode *n, const char *tag);
/* Value of attribute name (xmlFree it) or NULL. */
char *cw_html_attr(const xmlNode *n, const char *name);
/* Appends the text under n (n included) with white space collapsed. */
void cw_html_text(const xmlNode *n, cw_buf *b);
/* Characters of text under n, white space runs counted once. */
size_t cw_html_text_len(const xmlNode *n);
/* The same when under max; at least max otherwise (the walk stops there:
 * for tests of smallness on big subtrees). */
size_t cw_html_text_len_max(const xmlNode *n, size_t max);
/* First element named tag under n (n included), or NULL. */
xmlNode *cw_html_find(xmlNode *n, const char *tag);

/* Normalises a date as pages write it ("2023-05-17T10:00:00+02:00",
 * "May 17, 2023", RFC 822) to ISO 8601 in out, a time keeping the page's
 * own offset (UTC and zoneless times end in Z); 0 when it is not a date. */
int cw_html_norm_date(const char *s, char out[32]);

cw_status cw_html_meta_read(xmlDoc *doc, const char *origin,
                            cw_html_meta *m);
void cw_html_meta_free(cw_html_meta *m);

/* Drops from doc what is never content (scripts, styles, <head>, hidden
 * parts, navigation, consent boxes) and returns its body, or NULL; the
 * body's text length before that goes to page_len. */
xmlNode *cw_html_prune(xmlDoc *doc, double *page_len);

/* Main content of the page doc, whose metadata m has been read and which
 * cw_html_prune left with body. Scores copies of the body; when that finds
 * no article, its last resort (the page's main region) edits the body
 * itself, so doc is of no further use then but to be freed. Appends the
 * article text (paragraphs separated by a blank line) to out and each
 * figure caption to captions (vector of malloc'd char *). */
cw_status cw_html_body(xmlDoc *doc, xmlNode *body, double page_len,
                       const cw_html_meta *m, cw_buf *out, cw_vec *captions);

/* Text of one subtree as article paragraphs (used by the aggregator split). */
void cw_html_serialize(xmlNode *n, cw_buf *out, cw_vec *captions);

#endif
