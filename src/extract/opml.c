/* opml.c - the feeds of an OPML subscription list, read with libxml2.
 *
 * Feed readers export subscriptions as OPML: <opml><body> with <outline>
 * elements, folders nesting others, and each feed an outline carrying
 * xmlUrl (some writers spell it xmlurl). We keep only what subscribing
 * needs, the URL and a title. The parser never loads the network or
 * external entities (XML_PARSE_NONET, no XML_PARSE_NOENT) and relies on
 * libxml2's own limits against entity amplification.
 */
#include "extract/opml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

typedef struct opml_list {
  cw_opml_outline *items;
  size_t n, cap;
  int oom;
} opml_list;

/* The attribute named name, compared without case; a new string or NULL. */
static char *attr(xmlNode *node, const char *name) {
  for (xmlAttr *a = node->properties; a; a = a->next) {
    size_t n = strlen(name);
    if (strlen((const char *)a->name) == n &&
        cw_strncaseeq((const char *)a->name, name, n)) {
      xmlChar *v = xmlNodeListGetString(node->doc, a->children, 1);
      char *s = v ? cw_strdup((const char *)v) : NULL;
      xmlFree(v);
      if (s) {
        const char *p = s;
        size_t len = strlen(s);
        cw_trim(&p, &len);
        memmove(s, p, len);
        s[len] = '\0';
        if (!*s) {
          free(s);
          s = NULL;
        }
      }
      return s;
    }
  }
  return NULL;
}

static int is_http(const char *u) {
  return cw_strncaseeq(u, "http://", 7) || cw_strncaseeq(u, "https://", 8);
}

static void add_outline(opml_list *l, xmlNode *node) {
  char *url = attr(node, "xmlUrl");
  if (!url || !is_http(url) || l->n >= CW_OPML_MAX_OUTLINES) {
    free(url);
    return;
  }
  for (size_t i = 0; i < l->n; i++)
    if (!strcmp(l->items[i].url, url)) {
      free(url);
      return;
    }
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 16;
    cw_opml_outline *ni = realloc(l->items, cap * sizeof *ni);
    if (!ni) {
      free(url);
      l->oom = 1;
      return;
    }
    l->items = ni;
    l->cap = cap;
  }
  char *title = attr(node, "title");
  if (!title)
    title = attr(node, "text");
  l->items[l->n].url = url;
  l->items[l->n].title = title;
  l->n++;
}

static void walk(opml_list *l, xmlNode *node, int depth) {
  if (depth > CW_OPML_MAX_DEPTH)
    return;
  for (xmlNode *c = node; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    if (!xmlStrcasecmp(c->name, (const xmlChar *)"outline"))
      add_outline(l, c);
    walk(l, c->children, depth + 1);
  }
}

void cw_opml_free(cw_opml_outline *outlines, size_t n) {
  if (!outlines)
    return;
  for (size_t i = 0; i < n; i++) {
    free(outlines[i].url);
    free(outlines[i].title);
  }
  free(outlines);
}

cw_status cw_opml_parse(const char *bytes, size_t len, const char *origin,
                        cw_opml_outline **out, size_t *n, cw_error *err) {
  opml_list l = {0};
  *out = NULL;
  *n = 0;
  if (!origin)
    origin = "<opml>";
  if (len > (size_t)INT32_MAX)
    return cw_error_set(err, CW_ERR_TOO_BIG, 0, "%s: too large", origin);
  xmlDoc *doc = xmlReadMemory(bytes, (int)len, NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
  if (!doc)
    return cw_error_set(err, CW_ERR_FORMAT, 0, "%s: not well-formed XML",
                        origin);
  xmlNode *root = xmlDocGetRootElement(doc);
  if (!root || xmlStrcasecmp(root->name, (const xmlChar *)"opml")) {
    xmlFreeDoc(doc);
    return cw_error_set(err, CW_ERR_FORMAT, 0, "%s: not an OPML document",
                        origin);
  }
  walk(&l, root->children, 0);
  xmlFreeDoc(doc);
  if (l.oom) {
    cw_opml_free(l.items, l.n);
    return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", origin);
  }
  *out = l.items;
  *n = l.n;
  return CW_OK;
}
