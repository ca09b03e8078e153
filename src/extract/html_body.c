/* html_body.c - the main content of an HTML page, by DOM scoring.
 *
 * The method is Readability's, which holds up across the web's variety
 * better than any per-site rule: drop what is never content (scripts,
 * forms, hidden parts, elements whose class or id says navigation, share
 * bar, comments...), score each paragraph (length, commas) into its parent
 * and, less, its ancestors, discount link-heavy elements, take the best
 * element, widen it to a common ancestor when several good candidates share
 * one, add siblings that score near it, then clean the result (link-heavy
 * lists and tables, share bars, headers with bad class names, the byline).
 * When that leaves less than a short article, it retries with fewer
 * removals, keeping the longest result (as Readability does), and weighs
 * that against the page's main region without its chrome (pages that are
 * no article: listings, shops, service pages). On top of it, a last pass
 * drops boilerplate that survives scoring: share and newsletter boxes,
 * "related" lists, author boxes, pitches boxed among the paragraphs (a
 * short box ending in a link drawn as a button) and the like inside the
 * article. Our additions to the method: consent boxes and small modals go
 * with the never-content parts (and so does the small box around a form
 * asking for an e-mail address: its heading and pitch), and when the
 * best element is one of many repeated items (the posts of a thread, the
 * cards of a listing) the content is their parent; a block of text that
 * repeats an earlier one word for word (carousel slides, a second copy of
 * the page) is kept once; lines that are page furniture by their wording
 * whatever their markup ("Sign up for our newsletter", "Posts: 1,077",
 * "You might also like", a dateline at the head) go (see
 * drop_boiler_lines).
 *
 * The text keeps headings, lists, tables (cells on one line) and block
 * quotes; figure captions go to a separate list (credits), not the text.
 * Scores live in xmlNode._private (a node_info in blocks, per attempt).
 */
#include "extract/html_int.h"

#include <libxml/parserInternals.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Readability's defaults, kept because its benchmark results rest on them:
 * paragraphs under MIN_PARA_CHARS do not score, an attempt under
 * CHAR_THRESHOLD characters is retried with fewer removals. */
#define MIN_PARA_CHARS 25
#define CHAR_THRESHOLD 500
/* A first pass shorter than this, outside an <article>, is weighed
 * against the retries and the main region (retry): landing, product and
 * thread pages yield one section of a few paragraphs to it (our
 * addition). */
#define SHORT_TEXT_CHARS 1500
#define N_TOP_CANDIDATES 5
#define ANCESTOR_LEVELS 5
/* Conditional cleaning keeps a block with this many commas (prose). */
#define KEEP_COMMAS 10
/* Share bars and similar inside the article are dropped below this size. */
#define SHARE_MAX_CHARS 500
/* An element whose class says button or menu entry ("btn", "cta",
 * "nav-item") holds a call to action or a link, not text, when shorter
 * than this. */
#define CTA_MAX_CHARS 60
/* Bytes of class + id looked at: hostile pages carry megabyte attributes. */
#define MATCH_MAX 256
/* An element holding more than this share of the page's text is never
 * removed for its name or class alone (see holds_page). */
#define MOST_OF_PAGE 0.75
/* Hidden elements with at least this much text are kept. */
#define HIDDEN_KEEP_CHARS 1000
/* In the last-resort region, elements whose class or id says chrome are
 * dropped when they hold less than this share of its text. */
#define REGION_CHROME_SHARE 0.3
/* The region replaces a short scored text unless it is shorter than this
 * share of it. */
#define REGION_MIN_SHARE 0.5
/* ... and a text found only by a retry unless it is shorter than this many
 * times it. */
#define REGION_GAIN 2.0
/* Edge trimming: a link block under EDGE_LINKS_CHARS, a last line under
 * EDGE_LINE_CHARS without a full stop. */
#define EDGE_LINKS_CHARS 200
#define EDGE_LINE_CHARS 60
#define EDGE_MAX_SHARE 0.25
/* ... and at the start of a scored article a line under KICKER_CHARS
 * without a full stop */
#define KICKER_CHARS 40
/* ... and at the end a block of links up to EDGE_LIST_CHARS when at least
 * EDGE_LIST_LINKS of its text is links, EDGE_LIST_MIN_LINKS of them or
 * more (a list of teasers, a tag cloud) */
#define EDGE_LIST_CHARS 1500
#define EDGE_LIST_LINKS 0.8
#define EDGE_LIST_MIN_LINKS 3
/* ... and at the end of a scored article a box (div, section, aside) or a
 * paragraph of its own under NOTE_MAX_CHARS, all in italics but for up to
 * NOTE_LABEL_CHARS ("Note from the editors:"): see italic_note */
#define NOTE_MAX_CHARS 1500
#define NOTE_LABEL_CHARS 40
/* Consent and modal overlays are dropped below this share of the page. */
#define OVERLAY_MAX_SHARE 0.2
/* ... or below this size when they are not most of it. */
#define OVERLAY_MAX_CHARS 1500
/* Modals and dialogs with this many paragraphs may be the article. */
#define OVERLAY_MAX_PARAS 4
/* Repeated items (widen_to_items): looked for up to ITEM_LEVELS above the
 * best element; at least ITEM_MIN of a kind, holding ITEM_GAIN times the
 * text of the one found and ITEM_SHARE of their parent's, links under
 * ITEM_MAX_LINKS of it. */
#define ITEM_LEVELS 6
#define ITEM_MIN 3
#define ITEM_GAIN 2.0
#define ITEM_SHARE 0.6
#define ITEM_MAX_LINKS 0.5
/* Author boxes go when fewer than this many are in the article. */
#define AUTHOR_MAX_BOXES 3
/* Forms to fill in with less text than this are dropped (form_chrome). */
#define FORM_MAX_CHARS 600
/* ... and the box around one that asks for an e-mail address, up to
 * SIGNUP_LEVELS above it, while it holds no more than SIGNUP_MAX_CHARS
 * of text besides the form and no image. */
#define SIGNUP_LEVELS 3
#define SIGNUP_MAX_CHARS 300
/* A run of this many rated reviews in a page's main region is a widget of
 * customer reviews (drop_reviews). */
#define REVIEW_MIN_ITEMS 3
/* Blocks of the text this long that repeat an earlier one are dropped. */
#define REPEAT_MIN_BYTES 40
/* A footnote's link back to its reference is a mark of up to this many
 * characters ("↩", "^", "[1]"), its item's last element or within that
 * up to BACKLINK_LEVELS down (a paragraph of the note). */
#define BACKLINK_MAX_CHARS 4
#define BACKLINK_LEVELS 3
/* A box among the story's paragraphs (at least PROMO_MIN_PARAS of
 * PROMO_PARA_CHARS or more beside it) with up to PROMO_MAX_CHARS of text
 * that ends in a link to elsewhere standing alone (at most
 * PROMO_LINK_EXTRA characters beside it: "👉") is a pitch ("Struggling
 * with X? ... Join the workshop"). */
#define PROMO_MAX_CHARS 300
#define PROMO_MIN_PARAS 2
#define PROMO_PARA_CHARS 80
#define PROMO_LINK_EXTRA 4
/* ... and that holds at least this much text besides the link. */
#define PROMO_PITCH_CHARS 20

enum {
  F_STRIP_UNLIKELY = 1,
  F_WEIGHT_CLASSES = 2,
  F_CLEAN_COND = 4,
};

typedef struct scorer {
  xmlDoc *doc;
  int flags;
  struct info_block *infos; /* node_info of the candidates */
  cw_vec candidates; /* xmlNode * */
  const char *title;
  int byline_removed;
  double page_len; /* text of the body before any removal */
  cw_arena *arena; /* holds the copy scored (held nodes), or NULL */
} scorer;

/* ---- small helpers ------------------------------------------------------- */

static const char *tag(const xmlNode *n) {
  return n && n->type == XML_ELEMENT_NODE ? (const char *)n->name : "";
}

/* Tag names equal; the first byte settles most tests without a call. */
static int same_name(const char *a, const char *b) {
  return a[0] == b[0] && !strcmp(a, b);
}


/* Whether s contains one of the k words. */
static int contains_any(const char *s, const char *const *words, size_t k) {
  for (size_t i = 0; i < k; i++)
    if (strstr(s, words[i]))
      return 1;
  return 0;
}

/* Copies to out the bytes of p up to its NUL, at most max, with ASCII
 * upper case made lower; returns how many. Eight bytes at a time: class
 * names run long ("flex items-center justify-between ..."), and every
 * element's are read on each cleaning walk. */
static size_t lower_copy(char *out, const xmlChar *p, size_t max) {
  size_t n = strnlen((const char *)p, max), i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t v;
    memcpy(&v, p + i, 8);
    /* per byte below 0x80: bit 7 set from 'A' on, and past 'Z' */
    uint64_t low7 = v & 0x7F7F7F7F7F7F7F7Full;
    uint64_t from_a = low7 + 0x3F3F3F3F3F3F3F3Full; /* 0x80 - 'A' */
    uint64_t past_z = low7 + 0x2525252525252525ull; /* 0x7F - 'Z' */
    uint64_t upper = (from_a ^ past_z) & ~v & 0x8080808080808080ull;
    v |= upper >> 2; /* 0x80 >> 2 is 0x20, 'a' - 'A' */
    memcpy(out + i, &v, 8);
  }
  for (; i < n; i++)
    out[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
  return n;
}

/* Value of n's attribute name as cw_html_attr reads it (xmlGetProp: ""
 * for an attribute without value), or NULL without the attribute; read in
 * place where the attribute holds one text, as the parser makes it (no
 * copy to allocate and free), copied otherwise into *owned, for the
 * caller to xmlFree (NULL when nothing was copied). */
static const char *attr_ref(const xmlNode *n, const char *name,
                            char **owned) {
  *owned = NULL;
  xmlAttr *a = cw_html_prop(n, name);
  if (!a)
    return NULL;
  const xmlNode *t = a->children;
  if (!t)
    return "";
  if (!t->next &&
      (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE))
    return (const char *)t->content;
  *owned = cw_html_attr(n, name);
  return *owned;
}

/* A node of a copy held in an arena (see copy_rec) has its psvi, which
 * the HTML parser never sets, point to that arena; it is never freed on
 * its own, but with its arena when the attempt ends. The copy holds no
 * other node, and the page's tree none of these. */
static int held(const xmlNode *n) { return n->psvi != NULL; }

static void remove_node(xmlNode *n) {
  xmlUnlinkNode(n);
  if (!held(n))
    xmlFreeNode(n);
}

/* A node of the kind given, held in arena a; NULL when memory runs out. */
static xmlNode *held_node(cw_arena *a, xmlDoc *doc, xmlElementType type,
                          const xmlChar *name) {
  xmlNode *n = cw_arena_alloc(a, sizeof *n);
  if (!n)
    return NULL;
  n->type = type;
  n->name = name;
  n->doc = doc;
  n->psvi = a;
  return n;
}

/* A new element named name, held in a when a is not NULL, as xmlNewDocNode
 * makes it otherwise (the name from the document's dictionary). */
static xmlNode *new_element(xmlDoc *doc, cw_arena *a, const char *name) {
  if (!a || !doc->dict)
    return xmlNewDocNode(doc, NULL, (const xmlChar *)name, NULL);
  const xmlChar *dn = xmlDictLookup(doc->dict, (const xmlChar *)name, -1);
  return dn ? held_node(a, doc, XML_ELEMENT_NODE, dn) : NULL;
}

/* xmlAddChild (p, c) for an element p: c goes last among p's children,
 * or, a text after a text, joins it (the joined one returned). A held c
 * takes the same steps without the frees and reallocations of libxml2,
 * its new text in the arena. */
static xmlNode *add_child(xmlNode *p, xmlNode *c) {
  if (!held(c)) {
    xmlNode *r = xmlAddChild(p, c);
    /* a text joined to the last may have changed it: its count anew */
    if (r && r->type == XML_TEXT_NODE)
      r->_private = NULL;
    return r;
  }
  xmlNode *last = p->last;
  if (c->type == XML_TEXT_NODE && last && last->type == XML_TEXT_NODE &&
      last->name == c->name && last != c) {
    size_t a = last->content ? strlen((const char *)last->content) : 0;
    size_t b = c->content ? strlen((const char *)c->content) : 0;
    if (b) {
      char *t = cw_arena_alloc(c->psvi, a + b + 1);
      if (!t)
        return NULL;
      if (a)
        memcpy(t, last->content, a);
      memcpy(t + a, c->content, b + 1);
      last->content = (xmlChar *)t;
      /* no longer the string held in the node itself, nor counted */
      last->properties = NULL;
      last->nsDef = NULL;
      last->_private = NULL;
    }
    return last;
  }
  xmlNode *was = c->parent;
  c->parent = p;
  if (was == p)
    return c;
  c->prev = p->last;
  c->next = NULL;
  if (p->last)
    p->last->next = c;
  else
    p->children = c;
  p->last = c;
  return c;
}

/* xmlSetProp (n, name, v) for an n without that attribute: a new one,
 * last of n's; held in n's arena when n is held (and then not entered in
 * the document's table of IDs, which nothing here reads). */
static void set_prop(xmlDoc *doc, xmlNode *n, const char *name,
                     const char *v) {
  n->extra = 0; /* the words of its class and id, if known (words_of) */
  if (!held(n) || !doc->dict) {
    xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)v);
    return;
  }
  cw_arena *a = n->psvi;
  xmlAttr *na = cw_arena_alloc(a, sizeof *na);
  const xmlChar *dn = xmlDictLookup(doc->dict, (const xmlChar *)name, -1);
  xmlNode *t = held_node(a, doc, XML_TEXT_NODE, xmlStringText);
  if (!na || !dn || !t || !(t->content = (xmlChar *)cw_arena_strdup(a, v)))
    return;
  na->type = XML_ATTRIBUTE_NODE;
  na->name = dn;
  na->doc = doc;
  na->parent = n;
  na->children = na->last = t;
  t->parent = (xmlNode *)na;
  xmlAttr *last = n->properties;
  while (last && last->next)
    last = last->next;
  na->prev = last;
  if (last)
    last->next = na;
  else
    n->properties = na;
}

static xmlNode *first_elem(const xmlNode *n) {
  for (xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      return c;
  return NULL;
}

static xmlNode *next_elem(const xmlNode *n) {
  for (xmlNode *c = n->next; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      return c;
  return NULL;
}

static xmlNode *prev_elem(const xmlNode *n) {
  for (xmlNode *c = n->prev; c; c = c->prev)
    if (c->type == XML_ELEMENT_NODE)
      return c;
  return NULL;
}

static int is_element(const xmlNode *n) {
  return n && n->type == XML_ELEMENT_NODE;
}

/* Document-order walk over elements. */
static xmlNode *next_node(xmlNode *n, int skip_children) {
  xmlNode *c = skip_children ? NULL : first_elem(n);
  if (c)
    return c;
  while (n && is_element(n)) {
    xmlNode *s = next_elem(n);
    if (s)
      return s;
    n = n->parent;
  }
  return NULL;
}

static xmlNode *remove_and_next(xmlNode *n) {
  xmlNode *next = next_node(n, 1);
  remove_node(n);
  return next;
}

static int has_ancestor(const xmlNode *n, const char *t, int max_depth) {
  int d = 0;
  for (n = n->parent; n && is_element(n); n = n->parent) {
    if (max_depth > 0 && ++d > max_depth)
      return 0;
    if (same_name(tag(n), t))
      return 1;
  }
  return 0;
}

/* What a candidate carries: its score, and its text and link text once
 * measured (measure_candidates). The score comes first: score_of casts. */
typedef struct node_info {
  double score;
  double len, links;
} node_info;

/* The node_infos of an attempt, in blocks small enough that their malloc
 * and free stay clear of glibc's consolidation of its free lists (a 64 KiB
 * arena block set it off twice per attempt, for a few dozen infos). */
#define INFO_BLOCK 30
typedef struct info_block {
  struct info_block *next;
  size_t used;
  node_info items[INFO_BLOCK];
} info_block;

static node_info *new_info(scorer *s) {
  info_block *b = s->infos;
  if (!b || b->used == INFO_BLOCK) {
    b = malloc(sizeof *b);
    if (!b)
      return NULL;
    b->next = s->infos;
    b->used = 0;
    s->infos = b;
  }
  return &b->items[b->used++];
}

static void free_infos(scorer *s) {
  while (s->infos) {
    info_block *next = s->infos->next;
    free(s->infos);
    s->infos = next;
  }
}

static double *score_of(scorer *s, xmlNode *n) {
  (void)s;
  return &((node_info *)n->_private)->score;
}

static double text_len(const xmlNode *n) {
  return (double)cw_html_text_len(n);
}

static double link_len_rec(const xmlNode *n, int depth) {
  double total = 0;
  if (depth > CW_HTML_MAX_DEPTH)
    return 0;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (!is_element(c))
      continue;
    if (same_name(tag(c), "a")) {
      char *owned;
      const char *href = attr_ref(c, "href", &owned);
      double coeff = href && href[0] == '#' ? 0.3 : 1.0;
      xmlFree(owned);
      total += text_len(c) * coeff;
    } else {
      total += link_len_rec(c, depth + 1);
    }
  }
  return total;
}

static double link_density(const xmlNode *n) {
  double len = text_len(n);
  if (len <= 0)
    return 0;
  return link_len_rec(n, 0) / len;
}

static size_t count_tag_rec(const xmlNode *n, const char *t, int depth) {
  size_t k = 0;
  if (depth > CW_HTML_MAX_DEPTH)
    return 0;
  for (const xmlNode *c = n->children; c; c = c->next)
    if (is_element(c)) {
      k += same_name(tag(c), t);
      k += count_tag_rec(c, t, depth + 1);
    }
  return k;
}

/* What should_clean weighs about a subtree, gathered in one walk (the
 * per-measure walks made cleaning quadratic in the nesting depth). Text
 * lengths count characters as cw_html_text_len does; a descendant's text
 * is the growth of the running length while the walk is inside it. */
typedef struct subtree_stats {
  size_t len;
  int space;
  double lists, heads, textish, links;
  size_t p, img, li, input, commas;
} subtree_stats;

static void stats_text(subtree_stats *st, const xmlNode *t) {
  st->len = cw_html_count_text(t, st->len, &st->space, &st->commas);
}

/* ---- word lists (Readability's, plus a few of our own) ------------------ */

static const char *const unlikely_words[] = {
    "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment",
    "community", "cover-wrap", "disqus", "extra", "footer", "gdpr",
    "header", "legends", "menu", "related", "remark", "replies", "rss",
    "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
    "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
    "yom-remote", "cookie", "consent", "newsletter", "outbrain", "taboola"};
static const char *const maybe_words[] = {"and", "article", "body", "column",
                                          "content", "main", "shadow"};
static const char *const positive_words[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main",
    "page", "pagination", "post", "text", "blog", "story"};
static const char *const negative_words[] = {
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
    "footer", "gdpr", "masthead", "media", "meta", "outbrain", "promo",
    "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
    "sponsor", "shopping", "tags", "widget"};
static const char *const byline_words[] = {"byline", "author", "dateline",
                                           "writtenby", "p-author"};
/* boilerplate inside an article, dropped when small (our addition) */
static const char *const boiler_words[] = {
    "share", "sharing", "social", "newsletter", "subscribe", "signup",
    "sign-up", "related", "recommend", "promo", "advert", "cookie",
    "consent", "comment", "author-bio", "authorbio", "author-box",
    "authorbox", "about-author", "about-the-author", "breadcrumb",
    "popular", "trending", "read-more", "readmore", "more-stories",
    "outbrain", "taboola", "follow-us", "tag-list", "taglist", "post-tags",
    "article-tags", "entry-tags", "newsletter", "donate", "inline-ad",
    "ad-container", "ad-slot", "adslot", "print-only", "sr-only",
    "visually-hidden", "screen-reader", "skip-link", "toolbar", "jump-link",
    "pagination", "nav-links", "post-navigation", "prev-next",
    /* a paywall's and a sign-up's pitch */
    "paywall", "optin", "opt-in", "leadgen", "lead-gen", "upsell",
    "cross-sell",
    /* a shop's strip of selling points ("usp": unique selling point):
     * "Free shipping over $100", "Locally owned", "Pick-up in store" */
    "usp-", "usp_", "-usp", "_usp", "usps"};
/* the same in the main region of a page that is no article, less the
 * words that name its items there (a listing of "related" or "popular"
 * products, a pager of results) */
static const char *const region_boiler_words[] = {
    "share", "sharing", "social", "newsletter", "subscribe", "signup",
    "sign-up", "promo", "advert", "cookie", "consent", "breadcrumb",
    "follow-us", "donate", "inline-ad", "ad-container", "ad-slot", "adslot",
    "print-only", "sr-only", "visually-hidden", "screen-reader",
    "skip-link", "toolbar", "jump-link", "sr_only", "screenreader",
    "visuallyhidden", "hidden-visually", "assistive-text", "usp-", "usp_",
    "-usp", "_usp", "usps"};
/* calls to action drawn as buttons and entries of menus, dropped when
 * short (our addition) */
static const char *const cta_words[] = {"btn", "button", "cta", "navbar",
                                        "nav-item", "nav-link", "menu-item",
                                        "signature"};
static const char *const unlikely_roles[] = {
    "menu", "menubar", "complementary", "navigation", "alert", "alertdialog",
    "dialog"};

/* Tags removed before anything else: never article text. */
static const char *const drop_tags[] = {
    "script", "style", "template", "iframe", "svg", "canvas",
    "object", "embed", "button", "input", "select", "textarea", "option",
    "link", "meta", "base", "dialog", "math", "audio", "video",
    "source", "track", "map", "head", "title"};
static const char *const phrasing_tags[] = {
    "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data",
    "datalist", "dfn", "em", "embed", "i", "img", "input", "kbd", "label",
    "mark", "math", "meter", "noscript", "object", "output", "progress", "q",
    "ruby", "samp", "script", "select", "small", "span", "strong", "sub",
    "sup", "textarea", "time", "var", "wbr", "u", "s", "font", "big", "tt",
    "strike"};
static const char *const div_to_p_tags[] = {
    "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"};
static const char *const score_tags[] = {"section", "h2", "h3", "h4", "h5",
                                         "h6", "p", "td", "pre"};
static const char *const para_tags[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl",
    "table", "blockquote", "pre", "section", "article", "header", "main",
    "figure", "hr", "address", "center", "details", "summary", "fieldset",
    "form", "aside", "footer"};
static const char *const line_tags[] = {"li", "tr", "br", "dt", "dd",
                                        "caption", "thead", "tbody"};
/* what wraps_text never turns into a div */
static const char *const never_text_tags[] = {
    "script", "style", "template", "head", "title", "meta", "link", "base"};
static const char *const head_tags[] = {"h1", "h2", "h3", "h4", "h5", "h6"};
/* what should_clean counts as text */
static const char *const textish_tags[] = {
    "span", "li", "td", "blockquote", "dl", "div", "img", "ol", "p", "pre",
    "table", "ul"};
/* boxes: a sign-up's, a pitch's, a note's */
static const char *const box_tags[] = {"div", "section", "aside"};
/* containers of article blocks, not lists or tables of items (trim_in) */
static const char *const wrapper_tags[] = {"div",  "section", "article",
                                           "main", "center",  "header"};
static const char *const cell_tags[] = {"tbody", "tr", "td", "th"};
/* phrasing when all their children are (is_phrasing) */
static const char *const phrasing_if_tags[] = {"a", "del", "ins"};

/* ---- the tag lists, looked up by name ------------------------------------ */

/* Which of the lists above hold a tag name: every element of the page is
 * looked up in several of them, and a walk of a list compared the name
 * with each entry (the lists of drop and phrasing tags hold dozens). Each
 * name of the lists is kept once, with the bits of the lists that hold
 * it, in a table open-addressed by a hash of the name. */
enum {
  K_DROP = 1 << 0,
  K_PHRASING = 1 << 1,
  K_DIV_TO_P = 1 << 2,
  K_SCORE = 1 << 3,
  K_PARA = 1 << 4,
  K_LINE = 1 << 5,
  K_NEVER_TEXT = 1 << 6,
  K_HEAD = 1 << 7,
  K_TEXTISH = 1 << 8,
  K_BOX = 1 << 9,
  K_WRAPPER = 1 << 10,
  K_CELL = 1 << 11,
  K_PHRASING_IF = 1 << 12,
};

/* Slots of the table: a power of two, well above the names of the lists
 * (under a hundred), so that probes stay short. */
#define KIND_SLOTS 512

typedef struct kind_entry {
  const char *name; /* NULL: an empty slot */
  size_t len;
  unsigned hash, bits;
} kind_entry;

static kind_entry kinds[KIND_SLOTS];
static pthread_once_t kinds_once = PTHREAD_ONCE_INIT;

/* Hash of the name s and its length in *len. */
static unsigned kind_hash(const xmlChar *s, size_t *len) {
  unsigned h = 0;
  size_t i = 0;
  for (; s[i]; i++)
    h = h * 31 + s[i];
  *len = i;
  return h ^ (h >> 9);
}

static void kinds_build(void) {
#define KLIST(arr, bit) {arr, sizeof arr / sizeof *arr, bit}
  static const struct {
    const char *const *tags;
    size_t k;
    unsigned bit;
  } lists[] = {KLIST(drop_tags, K_DROP),
               KLIST(phrasing_tags, K_PHRASING),
               KLIST(div_to_p_tags, K_DIV_TO_P),
               KLIST(score_tags, K_SCORE),
               KLIST(para_tags, K_PARA),
               KLIST(line_tags, K_LINE),
               KLIST(never_text_tags, K_NEVER_TEXT),
               KLIST(head_tags, K_HEAD),
               KLIST(textish_tags, K_TEXTISH),
               KLIST(box_tags, K_BOX),
               KLIST(wrapper_tags, K_WRAPPER),
               KLIST(cell_tags, K_CELL),
               KLIST(phrasing_if_tags, K_PHRASING_IF)};
#undef KLIST
  for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
    for (size_t i = 0; i < lists[l].k; i++) {
      const char *t = lists[l].tags[i];
      size_t len;
      unsigned h = kind_hash((const xmlChar *)t, &len);
      size_t k = h & (KIND_SLOTS - 1);
      while (kinds[k].name && strcmp(kinds[k].name, t))
        k = (k + 1) & (KIND_SLOTS - 1);
      kinds[k].name = t;
      kinds[k].len = len;
      kinds[k].hash = h;
      kinds[k].bits |= lists[l].bit;
    }
}

/* The K_ bits of element n's name (0 for any other node); kinds_build has
 * run (cw_html_prune, cw_html_body and cw_html_serialize see to it). */
static unsigned tag_bits(const xmlNode *n) {
  if (!n || n->type != XML_ELEMENT_NODE || !n->name)
    return 0;
  size_t len;
  unsigned h = kind_hash(n->name, &len);
  for (size_t k = h & (KIND_SLOTS - 1); kinds[k].name;
       k = (k + 1) & (KIND_SLOTS - 1)) {
    if (kinds[k].hash != h || kinds[k].len != len)
      continue;
    /* a short name: compared here, not by a call */
    size_t i = 0;
    while (i < len && (xmlChar)kinds[k].name[i] == n->name[i])
      i++;
    if (i == len)
      return kinds[k].bits;
  }
  return 0;
}

static int tag_has(const xmlNode *n, unsigned bits) {
  return (tag_bits(n) & bits) != 0;
}

/* ---- the words of an element's class and id, found once --------------- */

/* Which word lists an element's class and id hold (the lists looked for
 * in class + " " + id, lower case, at most MATCH_MAX bytes), and its class
 * weight: every pass of every attempt asks about the same elements, so
 * the answers are found once, when first asked, and kept in the element's
 * xmlNode.extra (which libxml2 reads for XPath alone): prep finds them
 * for the page's elements, the copies scored carry their originals'
 * (copy_rec), and a change of class or id forgets them (set_prop). */
enum {
  W_KNOWN = 1 << 0,
  W_UNLIKELY = 1 << 1,
  W_MAYBE = 1 << 2,
  W_BYLINE = 1 << 3,
  W_SHARE = 1 << 4,
  W_BOILER = 1 << 5,
  W_REGION_BOILER = 1 << 6,
  W_CTA = 1 << 7,
  W_AUTHOR = 1 << 8,
  W_CONSENT = 1 << 9,
  W_MODAL = 1 << 10,
};
/* ... and the class weight, plus 2 in units of 25 (0 to 4), above them */
#define W_WEIGHT_SHIFT 11

static const char *const share_words[] = {"share", "sharedaddy"};
static const char *const author_words[] = {"author"};
static const char *const consent_words[] = {"cookie", "consent", "gdpr",
                                            "paywall"};
static const char *const modal_words[] = {"modal", "overlay", "popup"};

/* ... and, found by the same scan, Readability's negative and positive
 * words (the class weight counts them in the class and the id apart) */
#define W_NEGATIVE (1u << 16)
#define W_POSITIVE (1u << 17)
#define W_LISTS 0x7FEu /* W_UNLIKELY to W_MODAL */

#define LIST(arr, bit) {arr, sizeof arr / sizeof *arr, bit}
#define N_LIST_WORDS                                                           \
  (sizeof unlikely_words / sizeof *unlikely_words +                          \
   sizeof maybe_words / sizeof *maybe_words +                                \
   sizeof byline_words / sizeof *byline_words +                              \
   sizeof share_words / sizeof *share_words +                                \
   sizeof boiler_words / sizeof *boiler_words +                              \
   sizeof region_boiler_words / sizeof *region_boiler_words +                \
   sizeof cta_words / sizeof *cta_words +                                    \
   sizeof author_words / sizeof *author_words +                              \
   sizeof consent_words / sizeof *consent_words +                            \
   sizeof modal_words / sizeof *modal_words +                                \
   sizeof negative_words / sizeof *negative_words +                          \
   sizeof positive_words / sizeof *positive_words)

/* Every word of the lists once, with the bits of the lists that hold it,
 * by the hash of its first two bytes (bucket 256: words of one byte): a
 * scan of a string looks at each pair of neighbouring bytes for the words
 * that start with it, where strstr per word read the string once a word
 * (no word is empty).
 * Built once per process. */
typedef struct word_entry {
  const char *w;
  size_t len;
  uint32_t bits;
} word_entry;

static struct {
  word_entry e[N_LIST_WORDS];
  unsigned short order[N_LIST_WORDS]; /* e's indices, by bucket */
  unsigned short start[258];          /* bucket b: order[start[b]..] */
  /* bit a | b << 8: a word begins with the bytes a, b (most pairs of a
   * class name begin none, and are passed at this one test) */
  unsigned char pairs[65536 / 8];
} windex;
static pthread_once_t windex_once = PTHREAD_ONCE_INIT;

static unsigned pair_hash(unsigned char a, unsigned char b) {
  return (a * 31u + b) & 255;
}

static void windex_build(void) {
  static const struct {
    const char *const *words;
    size_t k;
    uint32_t bit;
  } lists[] = {LIST(unlikely_words, W_UNLIKELY),
               LIST(maybe_words, W_MAYBE),
               LIST(byline_words, W_BYLINE),
               LIST(share_words, W_SHARE),
               LIST(boiler_words, W_BOILER),
               LIST(region_boiler_words, W_REGION_BOILER),
               LIST(cta_words, W_CTA),
               LIST(author_words, W_AUTHOR),
               LIST(consent_words, W_CONSENT),
               LIST(modal_words, W_MODAL),
               LIST(negative_words, W_NEGATIVE),
               LIST(positive_words, W_POSITIVE)};
  size_t n = 0;
  for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
    for (size_t i = 0; i < lists[l].k; i++) {
      const char *w = lists[l].words[i];
      size_t k = 0;
      while (k < n && strcmp(windex.e[k].w, w))
        k++;
      if (k == n) {
        windex.e[n].w = w;
        windex.e[n].len = strlen(w);
        windex.e[n].bits = 0;
        n++;
      }
      windex.e[k].bits |= lists[l].bit;
    }
  unsigned count[257] = {0};
  unsigned bucket[N_LIST_WORDS];
  for (size_t k = 0; k < n; k++) {
    const unsigned char *w = (const unsigned char *)windex.e[k].w;
    bucket[k] = windex.e[k].len >= 2 ? pair_hash(w[0], w[1]) : 256;
    count[bucket[k]]++;
    if (windex.e[k].len >= 2) {
      unsigned pair = w[0] | (unsigned)w[1] << 8;
      windex.pairs[pair >> 3] |= (unsigned char)(1u << (pair & 7));
    }
  }
  windex.start[0] = 0;
  for (unsigned b = 0; b < 257; b++)
    windex.start[b + 1] = (unsigned short)(windex.start[b] + count[b]);
  unsigned fill[257];
  for (unsigned b = 0; b < 257; b++)
    fill[b] = windex.start[b];
  for (size_t k = 0; k < n; k++)
    windex.order[fill[bucket[k]]++] = (unsigned short)k;
}

/* The bits of the lists whose words the len bytes of s (no NUL among
 * them) hold: what strstr (s, word) would find, word by word. */
static uint32_t scan_words(const char *s, size_t len) {
  uint32_t found = 0;
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i + 1 < len; i++) {
    unsigned pair = u[i] | (unsigned)u[i + 1] << 8;
    if (!(windex.pairs[pair >> 3] >> (pair & 7) & 1))
      continue;
    unsigned h = pair_hash(u[i], u[i + 1]);
    for (unsigned j = windex.start[h]; j < windex.start[h + 1]; j++) {
      const word_entry *e = &windex.e[windex.order[j]];
      /* the pair itself first: many pairs share a hash */
      if (e->w[0] != s[i] || e->w[1] != s[i + 1] ||
          (found & e->bits) == e->bits || e->len > len - i)
        continue;
      /* the rest of the word, short: compared here, not by a call */
      size_t k = 2;
      while (k < e->len && e->w[k] == s[i + k])
        k++;
      if (k == e->len)
        found |= e->bits;
    }
  }
  for (unsigned j = windex.start[256]; j < windex.start[257]; j++) {
    const word_entry *e = &windex.e[windex.order[j]];
    if (len && memchr(s, e->w[0], len))
      found |= e->bits;
  }
  return found;
}

/* The W_ bits of element n, found when first asked (n is const to its
 * callers but for this memo). */
static unsigned words_of(const xmlNode *n) {
  if (n->extra & W_KNOWN)
    return n->extra;
  unsigned w = W_KNOWN;
  int weight = 0;
  if (n->properties) {
    pthread_once(&windex_once, windex_build);
    const char *names[2] = {"class", "id"};
    char v[2][MATCH_MAX + 1];
    size_t len[2] = {0, 0};
    uint32_t bits[2] = {0, 0};
    int has[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
      xmlAttr *a = cw_html_prop(n, names[k]);
      if (!a || !a->children || !a->children->content)
        continue;
      has[k] = 1;
      len[k] = lower_copy(v[k], a->children->content, MATCH_MAX);
      v[k][len[k]] = '\0';
      bits[k] = scan_words(v[k], len[k]);
      if ((bits[k] & W_NEGATIVE) || !strcmp(v[k], "hid"))
        weight -= 25;
      if (bits[k] & W_POSITIVE)
        weight += 25;
    }
    /* of the id, class + " " + id holds what room the class leaves of
     * MATCH_MAX bytes; no word holds a space, so none spans the two */
    size_t o = len[0];
    if (has[1] && o && o < MATCH_MAX)
      o++;
    size_t room = MATCH_MAX - o;
    uint32_t id_bits = len[1] <= room ? bits[1] : scan_words(v[1], room);
    w |= (bits[0] | id_bits) & W_LISTS;
  }
  w |= (unsigned)(weight / 25 + 2) << W_WEIGHT_SHIFT;
  ((xmlNode *)n)->extra = (unsigned short)w;
  return w;
}

static int class_weight(const scorer *s, const xmlNode *n) {
  if (!(s->flags & F_WEIGHT_CLASSES))
    return 0;
  return (int)(words_of(n) >> W_WEIGHT_SHIFT & 7) * 25 - 50;
}

/* ---- preparation ---------------------------------------------------------- */

static int hidden(const xmlNode *n) {
  xmlAttr *a;
  if (!n->properties)
    return 0;
  if (cw_html_prop(n, "hidden"))
    return 1;
  if ((a = cw_html_prop(n, "aria-hidden")) && a->children &&
      a->children->content &&
      !strcmp((const char *)a->children->content, "true"))
    return 1;
  if ((a = cw_html_prop(n, "style")) && a->children &&
      a->children->content) {
    char v[MATCH_MAX + 1];
    size_t o = 0;
    for (const xmlChar *p = a->children->content; *p && o < MATCH_MAX; p++)
      if (!cw_html_space(*p))
        v[o++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    v[o] = '\0';
    if (strstr(v, "display:none") || strstr(v, "visibility:hidden"))
      return 1;
  }
  return 0;
}

/* Holds most of the page's text: libxml2 does not rebuild HTML5 trees, so an
 * unclosed <nav> or <header> can end up wrapping the whole article. */
static int holds_page(const xmlNode *n, double page_len) {
  return page_len > 0 && text_len(n) > MOST_OF_PAGE * page_len;
}

/* Hidden parts are dropped, except big text blocks (server-rendered pages
 * stream their article into a hidden element that a script reveals) and
 * a wrapper of most of the page, links and all (a page kept hidden until
 * its script has loaded: "visibility:hidden" around the whole body). */
static int hidden_chrome(const xmlNode *n, double page_len) {
  if (same_name(tag(n), "noscript"))
    return !holds_page(n, page_len);
  return hidden(n) &&
         !(text_len(n) >= HIDDEN_KEEP_CHARS && link_density(n) < 0.3) &&
         !holds_page(n, page_len);
}

/* Consent banners and modal overlays: never the content, and retries with
 * fewer removals would otherwise take them for it. Either goes when it is
 * small (a share of the page, or short and not most of it); a modal or
 * dialog only when it has few paragraphs too (some pages show the article
 * in one). */
static int overlay_chrome(const xmlNode *n, double page_len) {
  /* no class, id or role: the common case, settled at once */
  if (!n->properties)
    return 0;
  unsigned words = words_of(n);
  int hit = (words & W_CONSENT) != 0;
  if (!hit) {
    int dialog = (words & W_MODAL) != 0;
    if (!dialog) {
      char *owned;
      const char *role = attr_ref(n, "role", &owned);
      dialog = role && (!strcmp(role, "dialog") ||
                        !strcmp(role, "alertdialog"));
      xmlFree(owned);
    }
    hit = dialog && count_tag_rec(n, "p", 0) < OVERLAY_MAX_PARAS;
  }
  /* boxes, not words in a sentence (a link "popup" of notes); the tag
   * is looked at only for a hit, the rare case */
  if (!hit || tag_has(n, K_PHRASING) || cw_html_is(n, "a"))
    return 0;
  double len = text_len(n);
  return len < OVERLAY_MAX_SHARE * page_len ||
         (len < OVERLAY_MAX_CHARS && !holds_page(n, page_len));
}

/* A control or embed that wraps paragraphs of text: libxml2 nests the rest
 * of the page inside an unclosed <button> or <select>, where an HTML5
 * parser would have closed it. Such an element becomes a plain <div>. */
static int wraps_text(xmlNode *n) {
  if (tag_has(n, K_NEVER_TEXT) || text_len(n) < CHAR_THRESHOLD ||
      count_tag_rec(n, "p", 0) < 2)
    return 0;
  xmlNodeSetName(n, (const xmlChar *)"div");
  return 1;
}

/* Visible form controls under n (a text field, a list, a text box): what
 * makes a form one to fill in. Hidden inputs and buttons do not count. */
static size_t count_controls(const xmlNode *n, int depth) {
  size_t k = 0;
  if (depth > CW_HTML_MAX_DEPTH)
    return 0;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (!is_element(c))
      continue;
    const char *t = tag(c);
    if (same_name(t, "input")) {
      xmlAttr *a = cw_html_prop(c, "type");
      const char *v = a && a->children && a->children->content
                          ? (const char *)a->children->content
                          : "text";
      static const char *const inert[] = {"hidden", "submit", "button",
                                          "image", "reset"};
      int field = 1;
      for (size_t i = 0; i < sizeof inert / sizeof *inert && field; i++)
        field = !(strlen(v) == strlen(inert[i]) &&
                  cw_strncaseeq(v, inert[i], strlen(v)));
      k += field;
    } else if (same_name(t, "textarea") || same_name(t, "select")) {
      k++;
    } else {
      k += count_controls(c, depth + 1);
    }
  }
  return k;
}

/* A form to fill in with little text around its fields: a newsletter
 * sign-up, a quote request, a search or comment box. Its labels and
 * headings are calls to action, never the article (pages that wrap
 * everything in one <form> hold much more text). Looked at before prep
 * drops the controls, which would hide what the form is. */
static int form_chrome(const xmlNode *n, double page_len) {
  if (!same_name(tag(n), "form") || !count_controls(n, 0))
    return 0;
  size_t len = cw_html_text_len_max(n, FORM_MAX_CHARS);
  return len < FORM_MAX_CHARS && !holds_page(n, page_len);
}

/* Whether the form n asks for an e-mail address (a field of type email,
 * or named so): a sign-up or a request for contact. */
static int email_field(const xmlNode *n, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return 0;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (!is_element(c))
      continue;
    if (same_name(tag(c), "input")) {
      static const char *const attrs[] = {"type", "name"};
      for (size_t i = 0; i < 2; i++) {
        char v[MATCH_MAX + 1];
        xmlAttr *a = cw_html_prop(c, attrs[i]);
        if (a && a->children && a->children->content) {
          v[lower_copy(v, a->children->content, MATCH_MAX)] = '\0';
          if (strstr(v, "email"))
            return 1;
        }
      }
    } else if (email_field(c, depth + 1)) {
      return 1;
    }
  }
  return 0;
}

/* Drops comments, never-content tags and hidden elements; cuts subtrees
 * nested deeper than CW_HTML_MAX_DEPTH. Returns, when it dropped a form
 * asking for an e-mail address among n's children, how many levels up
 * from n the box around it may still go (see SIGNUP_LEVELS), else 0. */
static int prep(xmlNode *n, int depth, double page_len) {
  int signup = 0;
  xmlNode *c = n->children;
  while (c) {
    xmlNode *next = c->next;
    if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE ||
        (c->type == XML_ELEMENT_NODE &&
         (depth >= CW_HTML_MAX_DEPTH ||
          (tag_has(c, K_DROP) && !wraps_text(c)) ||
          hidden_chrome(c, page_len) || overlay_chrome(c, page_len) ||
          (same_name(tag(c), "nav") && !holds_page(c, page_len))))) {
      remove_node(c);
    } else if (c->type == XML_ELEMENT_NODE && form_chrome(c, page_len)) {
      if (email_field(c, 0) && SIGNUP_LEVELS > signup)
        signup = SIGNUP_LEVELS;
      remove_node(c);
    } else if (c->type == XML_ELEMENT_NODE) {
      /* the box that held a sign-up form goes with it when little is
       * left in it: its heading and pitch ("Want more? Get our weekly
       * digest") were the form's (one in the footer stays: the footer goes
       * anyway, and a page whose best text is there has none of its own) */
      int up = prep(c, depth + 1, page_len);
      if (up && tag_has(c, K_BOX) && !has_ancestor(c, "footer", 0) &&
          cw_html_text_len_max(c, SIGNUP_MAX_CHARS + 1) <= SIGNUP_MAX_CHARS &&
          !count_tag_rec(c, "img", 0)) {
        remove_node(c);
        if (up - 1 > signup)
          signup = up - 1;
      }
    }
    c = next;
  }
  return signup;
}

/* ---- scoring ---------------------------------------------------------------- */

static void init_node(scorer *s, xmlNode *n) {
  node_info *info = new_info(s);
  if (!info)
    return;
  info->len = info->links = -1;
  double *sc = &info->score;
  const char *t = tag(n);
  double v = 0;
  if (same_name(t, "div"))
    v = 5;
  else if (same_name(t, "pre") || same_name(t, "td") ||
           same_name(t, "blockquote"))
    v = 3;
  else if (same_name(t, "address") || same_name(t, "ol") ||
           same_name(t, "ul") || same_name(t, "dl") || same_name(t, "dd") ||
           same_name(t, "dt") || same_name(t, "li") || same_name(t, "form"))
    v = -3;
  else if ((t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2]) ||
           same_name(t, "th"))
    v = -5;
  v += class_weight(s, n);
  *sc = v;
  n->_private = info;
  xmlNode **slot = cw_vec_push(&s->candidates);
  if (slot)
    *slot = n;
}

static int is_phrasing(const xmlNode *n) {
  if (n->type == XML_TEXT_NODE)
    return 1;
  if (!is_element(n))
    return 0;
  unsigned kind = tag_bits(n);
  if (kind & K_PHRASING)
    return 1;
  if (kind & K_PHRASING_IF) {
    for (const xmlNode *c = n->children; c; c = c->next)
      if (!is_phrasing(c))
        return 0;
    return 1;
  }
  return 0;
}

static int is_whitespace(const xmlNode *n) {
  if (n->type == XML_TEXT_NODE) {
    for (const xmlChar *p = n->content; p && *p; p++)
      if (!cw_html_space(*p))
        return 0;
    return 1;
  }
  return cw_html_is(n, "br");
}

static int has_block_child(const xmlNode *n, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return 0;
  for (const xmlNode *c = n->children; c; c = c->next)
    if (is_element(c) &&
        (tag_has(c, K_DIV_TO_P) || has_block_child(c, depth + 1)))
      return 1;
  return 0;
}

static int single_child_tag(const xmlNode *n, const char *t) {
  int elems = 0;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (is_element(c)) {
      if (++elems > 1 || !same_name(tag(c), t))
        return 0;
    } else if (c->type == XML_TEXT_NODE && !is_whitespace(c)) {
      return 0;
    }
  }
  return elems == 1;
}

static int without_content(const xmlNode *n) {
  for (const xmlNode *c = n->children; c; c = c->next)
    if ((is_element(c) && !cw_html_is(c, "br") && !cw_html_is(c, "hr")) ||
        ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
         !is_whitespace(c)))
      return 0;
  return 1;
}

/* Lower-case words of s, for title similarity. */
static double similarity(const char *a, const char *b) {
  /* share of b's characters (in words) that also occur as words in a */
  size_t total = 0, shared = 0;
  const char *p = b;
  while (*p) {
    while (*p && !((unsigned char)*p >= 0x80 || (*p | 32) >= 'a') )
      p++;
    const char *w = p;
    while (*p && ((unsigned char)*p >= 0x80 || ((*p | 32) >= 'a' &&
                                                 (*p | 32) <= 'z') ||
                  (*p >= '0' && *p <= '9')))
      p++;
    size_t n = (size_t)(p - w);
    if (!n) {
      if (*p)
        p++;
      continue;
    }
    total += n;
    for (const char *q = a; *q; q++)
      if (cw_strncaseeq(q, w, n) && (q == a || !((*(q - 1) | 32) >= 'a' &&
                                                 (*(q - 1) | 32) <= 'z')) &&
          !(((q[n] | 32) >= 'a' && (q[n] | 32) <= 'z'))) {
        shared += n;
        break;
      }
  }
  return total ? (double)shared / (double)total : 0;
}

static int duplicates_title(scorer *s, xmlNode *n, cw_buf *scratch) {
  if (!s->title || (!same_name(tag(n), "h1") && !same_name(tag(n), "h2")))
    return 0;
  cw_buf_reset(scratch);
  cw_html_text(n, scratch);
  if (scratch->err || !scratch->len)
    return 0;
  return similarity(s->title, scratch->ptr) > 0.75 &&
         similarity(scratch->ptr, s->title) > 0.75;
}

static int is_byline(const xmlNode *n, cw_buf *scratch) {
  char *rel_owned, *ip_owned;
  const char *rel = attr_ref(n, "rel", &rel_owned);
  const char *ip = attr_ref(n, "itemprop", &ip_owned);
  int hit = (rel && !strcmp(rel, "author")) || (ip && strstr(ip, "author")) ||
            (words_of(n) & W_BYLINE);
  xmlFree(rel_owned);
  xmlFree(ip_owned);
  if (!hit)
    return 0;
  cw_buf_reset(scratch);
  cw_html_text(n, scratch);
  const char *t = scratch->ptr;
  size_t len = scratch->len;
  cw_trim(&t, &len);
  return len > 0 && len < 100;
}

static void wrap_phrasing(scorer *s, xmlNode *div) {
  xmlNode *p = NULL;
  xmlNode *c = div->children;
  while (c) {
    xmlNode *next = c->next;
    if (is_phrasing(c)) {
      if (p) {
        xmlUnlinkNode(c);
        add_child(p, c);
      } else if (!is_whitespace(c)) {
        p = new_element(s->doc, s->arena, "p");
        if (!p)
          return;
        xmlAddPrevSibling(c, p);
        xmlUnlinkNode(c);
        add_child(p, c);
      }
    } else if (p) {
      while (p->last && is_whitespace(p->last))
        remove_node(p->last);
      p = NULL;
    }
    c = next;
  }
}

/* Readability's _grabArticle loop: removals, div rewriting, and the list of
 * elements to score. */
static void collect(scorer *s, xmlNode *body, cw_vec *to_score,
                    cw_buf *scratch) {
  xmlNode *n = body;
  while (n) {
    if (n != body && !(n->parent && is_element(n->parent)))
      break;
    const char *t = tag(n);
    if (!s->byline_removed && n != body && is_byline(n, scratch)) {
      s->byline_removed = 1;
      n = remove_and_next(n);
      continue;
    }
    if (duplicates_title(s, n, scratch)) {
      n = remove_and_next(n);
      continue;
    }
    if ((s->flags & F_STRIP_UNLIKELY) && n != body) {
      unsigned words = words_of(n);
      if ((words & W_UNLIKELY) && !(words & W_MAYBE) &&
          !has_ancestor(n, "table", 0) && !has_ancestor(n, "code", 0) &&
          !same_name(t, "body") && !same_name(t, "a") &&
          !holds_page(n, s->page_len)) {
        n = remove_and_next(n);
        continue;
      }
      char *owned;
      const char *role = attr_ref(n, "role", &owned);
      int bad = role && contains_any(role, unlikely_roles,
                                     sizeof unlikely_roles /
                                         sizeof *unlikely_roles) &&
                strlen(role) < 16;
      xmlFree(owned);
      if (bad) {
        n = remove_and_next(n);
        continue;
      }
    }
    if ((same_name(t, "div") || same_name(t, "section") ||
         same_name(t, "header") ||
         (t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2])) &&
        without_content(n)) {
      n = remove_and_next(n);
      continue;
    }
    if (tag_has(n, K_SCORE)) {
      xmlNode **slot = cw_vec_push(to_score);
      if (slot)
        *slot = n;
    }
    if (same_name(t, "div")) {
      wrap_phrasing(s, n);
      if (single_child_tag(n, "p") && link_density(n) < 0.25) {
        xmlNode *child = first_elem(n);
        /* the div's class and id still describe the paragraph */
        const char *names[2] = {"class", "id"};
        for (int k = 0; k < 2; k++) {
          char *v = cw_html_attr(n, names[k]);
          if (v && !cw_html_prop(child, names[k]))
            set_prop(s->doc, child, names[k], v);
          xmlFree(v);
        }
        xmlUnlinkNode(child);
        xmlReplaceNode(n, child);
        if (!held(n))
          xmlFreeNode(n);
        n = child;
        xmlNode **slot = cw_vec_push(to_score);
        if (slot)
          *slot = n;
      } else if (!has_block_child(n, 0)) {
        xmlNodeSetName(n, (const xmlChar *)"p");
        xmlNode **slot = cw_vec_push(to_score);
        if (slot)
          *slot = n;
      }
    }
    n = next_node(n, 0);
  }
}

/* Text length and commas of a paragraph in one walk (as cw_html_text_len
 * counts, and the commas of its text). */
static void para_rec(const xmlNode *n, subtree_stats *st, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      stats_text(st, c);
    else if (is_element(c) && !cw_html_script_or_style(c))
      para_rec(c, st, depth + 1);
  }
}

static void score_paragraphs(scorer *s, cw_vec *to_score) {
  for (size_t i = 0; i < to_score->len; i++) {
    xmlNode *e = CW_VEC_AT(to_score, xmlNode *, i);
    if (!e->parent || !is_element(e->parent))
      continue;
    subtree_stats st;
    memset(&st, 0, sizeof st);
    para_rec(e, &st, 0);
    double len = (double)st.len;
    if (len < MIN_PARA_CHARS)
      continue;
    double score = 1 + (double)(st.commas + 1) + fmin(floor(len / 100), 3);
    xmlNode *anc = e->parent;
    for (int level = 0; anc && is_element(anc) && level < ANCESTOR_LEVELS;
         level++, anc = anc->parent) {
      if (!anc->parent || !is_element(anc->parent))
        break;
      if (!anc->_private)
        init_node(s, anc);
      double *sc = score_of(s, anc);
      if (!sc)
        continue;
      double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      *sc += score / div;
    }
  }
}

/* Text and link text of every candidate in one walk of the body (one
 * text_len and link walk per candidate was the costliest part of scoring
 * on big pages). A node's text is the growth of the running length while
 * the walk is inside it, as in stats_rec. */
static void measure_rec(xmlNode *n, subtree_stats *st, int in_link,
                        int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return;
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      stats_text(st, c);
      continue;
    }
    if (!is_element(c) || cw_html_script_or_style(c))
      continue;
    int link = !in_link && cw_html_is(c, "a");
    size_t start = st->len;
    double links = st->links;
    measure_rec(c, st, in_link || link, depth + 1);
    double grown = (double)(st->len - start);
    if (link) {
      char *owned;
      const char *href = attr_ref(c, "href", &owned);
      st->links += grown * (href && href[0] == '#' ? 0.3 : 1.0);
      xmlFree(owned);
    }
    if (c->_private) {
      node_info *info = c->_private;
      info->len = grown;
      info->links = st->links - links;
    }
  }
}

static double candidate_link_density(xmlNode *n) {
  node_info *info = n->_private;
  if (!info || info->len < 0)
    return link_density(n);
  return info->len > 0 ? info->links / info->len : 0;
}

/* Same item kind: same tag and same first class name (a post, a card; the
 * other class names often number or mark the item). */
static int same_kind(const xmlNode *a, const xmlNode *b) {
  if (!same_name(tag(a), tag(b)))
    return 0;
  xmlAttr *ca = cw_html_prop(a, "class");
  xmlAttr *cb = cw_html_prop(b, "class");
  const xmlChar *va = ca && ca->children ? ca->children->content : NULL;
  const xmlChar *vb = cb && cb->children ? cb->children->content : NULL;
  while (va && cw_html_space(*va))
    va++;
  while (vb && cw_html_space(*vb))
    vb++;
  if (!va || !*va || !vb || !*vb)
    return (!va || !*va) && (!vb || !*vb);
  size_t i = 0;
  for (; i < MATCH_MAX && va[i] && !cw_html_space(va[i]); i++)
    if (va[i] != vb[i])
      return 0;
  return !vb[i] || cw_html_space(vb[i]) || i == MATCH_MAX;
}

/* Threads, listings and shop pages repeat one item (a post, a card) many
 * times, and paragraph scoring finds one item. When best lies in an item
 * whose siblings of the same kind hold most of their parent's text, with
 * few links, the parent of the items is the content. Stories in <article>
 * elements are not items: the aggregator split takes them one by one. */
static xmlNode *widen_to_items(xmlNode *best, xmlNode *body) {
  xmlNode *a = best;
  for (int level = 0; level < ITEM_LEVELS && a != body; level++) {
    xmlNode *p = a->parent;
    if (!p || !is_element(p) || p == body)
      break;
    size_t same = 0;
    if (!cw_html_is(a, "article") && !cw_html_is(a, "tr"))
      for (xmlNode *c = first_elem(p); c && same < ITEM_MIN; c = next_elem(c))
        same += same_kind(a, c);
    /* the text is measured only where items repeat */
    if (same >= ITEM_MIN) {
      double same_len = 0, same_links = 0;
      for (xmlNode *c = first_elem(p); c; c = next_elem(c))
        if (same_kind(a, c))
          same_len += text_len(c);
      if (same_len >= ITEM_GAIN * text_len(a) &&
          same_len >= ITEM_SHARE * text_len(p)) {
        for (xmlNode *c = first_elem(p); c; c = next_elem(c))
          if (same_kind(a, c))
            same_links += link_len_rec(c, 0);
        if (same_links < ITEM_MAX_LINKS * same_len)
          return p;
      }
    }
    a = p;
  }
  return best;
}

/* The element holding the article, Readability's way. */
static xmlNode *top_candidate(scorer *s, xmlNode *body) {
  xmlNode *top[N_TOP_CANDIDATES] = {0};
  subtree_stats st;
  memset(&st, 0, sizeof st);
  /* from the root: the body itself can be a candidate */
  xmlNode *root = body;
  while (root->parent && is_element(root->parent))
    root = root->parent;
  measure_rec(root, &st, 0, 0);
  for (size_t i = 0; i < s->candidates.len; i++) {
    xmlNode *c = CW_VEC_AT(&s->candidates, xmlNode *, i);
    double *sc = score_of(s, c);
    *sc *= 1 - candidate_link_density(c);
    for (int k = 0; k < N_TOP_CANDIDATES; k++) {
      if (!top[k] || *sc > *score_of(s, top[k])) {
        memmove(&top[k + 1], &top[k],
                (size_t)(N_TOP_CANDIDATES - k - 1) * sizeof top[0]);
        top[k] = c;
        break;
      }
    }
  }
  xmlNode *best = top[0];
  if (!best || cw_html_is(best, "body"))
    return body;
  double best_score = *score_of(s, best);
  /* several near-equal candidates under one ancestor: take the ancestor */
  int alts = 0;
  for (int k = 1; k < N_TOP_CANDIDATES; k++)
    if (top[k] && *score_of(s, top[k]) / best_score >= 0.75)
      alts++;
  if (alts >= 3) {
    for (xmlNode *p = best->parent; p && is_element(p) && p != body;
         p = p->parent) {
      int containing = 0;
      for (int k = 1; k < N_TOP_CANDIDATES; k++) {
        if (!top[k] || *score_of(s, top[k]) / best_score < 0.75)
          continue;
        for (xmlNode *a = top[k]->parent; a && is_element(a); a = a->parent)
          if (a == p) {
            containing++;
            break;
          }
      }
      if (containing >= 3) {
        best = p;
        break;
      }
    }
    if (!best->_private)
      init_node(s, best);
  }
  /* climb while the parent scores at least as well */
  if (best->_private) {
    double last = *score_of(s, best);
    double threshold = last / 3;
    for (xmlNode *p = best->parent; p && is_element(p) && p != body;
         p = p->parent) {
      if (!p->_private)
        continue;
      double ps = *score_of(s, p);
      if (ps < threshold)
        break;
      if (ps > last) {
        best = p;
        break;
      }
      last = ps;
    }
  }
  best = widen_to_items(best, body);
  /* a parent with this single child is the same content */
  for (xmlNode *p = best->parent; p && is_element(p) && p != body &&
                                  first_elem(p) == best && !next_elem(best);
       p = best->parent)
    best = p;
  if (!best->_private)
    init_node(s, best);
  return best;
}

static int ends_sentence(const xmlNode *n, cw_buf *scratch) {
  cw_buf_reset(scratch);
  cw_html_text(n, scratch);
  const char *p = strstr(scratch->ptr, ".");
  while (p) {
    if (p[1] == ' ' || p[1] == '\0')
      return 1;
    p = strstr(p + 1, ".");
  }
  return 0;
}

/* Moves the best element and its qualifying siblings into a new div. */
static xmlNode *gather(scorer *s, xmlNode *best, xmlNode *body,
                       cw_buf *scratch) {
  xmlNode *art = new_element(s->doc, s->arena, "div");
  if (!art)
    return NULL;
  if (best == body) {
    xmlNode *c = body->children;
    while (c) {
      xmlNode *next = c->next;
      xmlUnlinkNode(c);
      add_child(art, c);
      c = next;
    }
    return art;
  }
  double best_score = best->_private ? *score_of(s, best) : 0;
  double threshold = fmax(10, best_score * 0.2);
  char *best_owned;
  const char *best_class = attr_ref(best, "class", &best_owned);
  xmlNode *parent = best->parent;
  xmlNode *c = parent ? parent->children : best;
  while (c) {
    xmlNode *next = c->next;
    int append = c == best;
    if (!append && is_element(c)) {
      double bonus = 0;
      char *owned;
      const char *cls = attr_ref(c, "class", &owned);
      if (cls && best_class && best_class[0] && !strcmp(cls, best_class))
        bonus = best_score * 0.2;
      xmlFree(owned);
      if (c->_private && *score_of(s, c) + bonus >= threshold) {
        append = 1;
      } else if (cw_html_is(c, "p")) {
        double ld = link_density(c), len = text_len(c);
        if (len > 80 && ld < 0.25)
          append = 1;
        else if (len < 80 && len > 0 && ld == 0 && ends_sentence(c, scratch))
          append = 1;
      }
    }
    if (append) {
      xmlUnlinkNode(c);
      add_child(art, c);
    }
    if (!parent)
      break;
    c = next;
  }
  xmlFree(best_owned);
  return art;
}

/* ---- cleaning ------------------------------------------------------------- */

static void collect_tag(xmlNode *n, const char *t, cw_vec *out, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return;
  for (xmlNode *c = n->children; c; c = c->next)
    if (is_element(c)) {
      if (same_name(tag(c), t)) {
        xmlNode **slot = cw_vec_push(out);
        if (slot)
          *slot = c;
      }
      collect_tag(c, t, out, depth + 1);
    }
}

/* The elements under a table that say what it is, counted in one walk
 * (count_tag_rec's, once for all of them). */
typedef struct table_parts {
  size_t caption, thead, th, tfoot, colgroup, table, tr, td;
} table_parts;

static void table_parts_rec(const xmlNode *n, table_parts *k, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (!is_element(c))
      continue;
    const char *t = tag(c);
    if (t[0] == 't') {
      k->table += same_name(t, "table");
      k->thead += same_name(t, "thead");
      k->th += same_name(t, "th");
      k->tfoot += same_name(t, "tfoot");
      k->tr += same_name(t, "tr");
      k->td += same_name(t, "td");
    } else if (t[0] == 'c') {
      k->caption += same_name(t, "caption");
      k->colgroup += same_name(t, "colgroup");
    }
    table_parts_rec(c, k, depth + 1);
  }
}

static int is_data_table(const xmlNode *t) {
  char *owned;
  const char *role = attr_ref(t, "role", &owned);
  int pres = role && !strcmp(role, "presentation");
  xmlFree(owned);
  if (pres)
    return 0;
  if (cw_html_prop(t, "summary"))
    return 1;
  table_parts k;
  memset(&k, 0, sizeof k);
  table_parts_rec(t, &k, 0);
  if (k.caption || k.thead || k.th || k.tfoot || k.colgroup)
    return 1;
  if (k.table)
    return 0;
  size_t rows = k.tr;
  size_t cells = k.td;
  size_t cols = rows ? cells / rows : 0;
  return rows >= 10 || cols > 4 || rows * cols > 10;
}

/* The last table is_data_table was asked about, and its answer: one
 * cleaning pass asks about the table around each of its candidates, and
 * a layout table holds hundreds of them (each answer a walk of the whole
 * table). The pass forgets it when it removes a node in or around it. */
typedef struct table_memo {
  const xmlNode *table;
  int data;
} table_memo;

static int data_table(table_memo *m, const xmlNode *t) {
  if (m->table != t) {
    m->data = is_data_table(t);
    m->table = t;
  }
  return m->data;
}

/* Forgets m's table when removing n changes it: n is in it or around it. */
static void table_memo_drop(table_memo *m, const xmlNode *n) {
  if (!m->table)
    return;
  for (const xmlNode *p = n; p; p = p->parent)
    if (p == m->table) {
      m->table = NULL;
      return;
    }
  for (const xmlNode *p = m->table; p; p = p->parent)
    if (p == n) {
      m->table = NULL;
      return;
    }
}

static int in_data_table(table_memo *m, const xmlNode *n) {
  for (const xmlNode *p = n->parent; p && is_element(p); p = p->parent)
    if (cw_html_is(p, "table"))
      return data_table(m, p);
  return 0;
}

static void stats_rec(const xmlNode *n, subtree_stats *st, int in_link,
                      int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return;
  for (const xmlNode *c = n->children; c; c = c->next) {
    /* enough commas settle should_clean whatever the rest holds: the
     * walk of a big block stops there (the other counts then unread) */
    if (st->commas >= KEEP_COMMAS)
      return;
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      stats_text(st, c);
      continue;
    }
    if (!is_element(c))
      continue;
    const char *t = tag(c);
    if (same_name(t, "script") || same_name(t, "style"))
      continue;
    st->p += same_name(t, "p");
    st->img += same_name(t, "img");
    st->li += same_name(t, "li");
    st->input += same_name(t, "input");
    int link = !in_link && same_name(t, "a");
    size_t start = st->len;
    stats_rec(c, st, in_link || link, depth + 1);
    double grown = (double)(st->len - start);
    if (same_name(t, "ul") || same_name(t, "ol"))
      st->lists += grown;
    unsigned kind = tag_bits(c);
    if (kind & K_HEAD)
      st->heads += grown;
    if (kind & K_TEXTISH)
      st->textish += grown;
    if (link) {
      char *owned;
      const char *href = attr_ref(c, "href", &owned);
      st->links += grown * (href && href[0] == '#' ? 0.3 : 1.0);
      xmlFree(owned);
    }
  }
}

/* Whether a data table is under n (n aside). */
static int holds_data_table(const xmlNode *n, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return 0;
  for (const xmlNode *c = n->children; c; c = c->next)
    if (is_element(c) && ((same_name(tag(c), "table") && is_data_table(c)) ||
                          holds_data_table(c, depth + 1)))
      return 1;
  return 0;
}

static int cleanable(scorer *s, xmlNode *n, table_memo *m) {
  const char *t = tag(n);
  int is_list = same_name(t, "ul") || same_name(t, "ol");
  if (same_name(t, "table") && data_table(m, n))
    return 0;
  if (in_data_table(m, n) || has_ancestor(n, "code", 0))
    return 0;
  int weight = class_weight(s, n);
  if (weight < 0)
    return 1;
  /* the subtree is walked only when the tests above leave it open */
  subtree_stats st;
  memset(&st, 0, sizeof st);
  stats_rec(n, &st, cw_html_is(n, "a"), 0);
  double len = (double)st.len;
  if (!is_list && len > 0 && st.lists / len > 0.9)
    is_list = 1;
  if (st.commas >= KEEP_COMMAS)
    return 0;
  double p = (double)st.p;
  double img = (double)st.img;
  double li = (double)st.li - 100;
  double input = (double)st.input;
  double heading_density = len > 0 ? st.heads / len : 0;
  double text_density = len > 0 ? st.textish / len : 0;
  int fig = has_ancestor(n, "figure", 0);
  double ld = len > 0 ? st.links / len : 0;
  int remove =
      (!fig && img > 1 && p / img < 0.5) || (!is_list && li > p) ||
      (input > floor(p / 3)) ||
      (!is_list && heading_density < 0.9 && len < 25 &&
       (img == 0 || img > 2) && !fig && ld > 0) ||
      (!is_list && weight < 25 && ld > 0.2) || (weight >= 25 && ld > 0.5) ||
      (img == 0 && text_density == 0);
  if (is_list && remove) {
    for (xmlNode *c = n->children; c; c = c->next)
      if (is_element(c) && first_elem(c) && next_elem(first_elem(c)))
        return remove;
    if ((double)st.li == img)
      return 0;
  }
  return remove;
}

/* An element that would go by its class, links or shape stays when it
 * holds a data table, as the table itself would (Readability's rule too):
 * a schedule or a price list in a scrolling box ("overflow-x-scroll"). */
static int should_clean(scorer *s, xmlNode *n, table_memo *m) {
  return cleanable(s, n, m) && !holds_data_table(n, 0);
}

static void clean_conditionally(scorer *s, xmlNode *art, const char *t) {
  if (!(s->flags & F_CLEAN_COND))
    return;
  cw_vec nodes;
  cw_vec_init(&nodes, sizeof(xmlNode *));
  collect_tag(art, t, &nodes, 0);
  table_memo memo = {NULL, 0};
  for (size_t i = nodes.len; i-- > 0;) {
    xmlNode *n = CW_VEC_AT(&nodes, xmlNode *, i);
    if (should_clean(s, n, &memo)) {
      table_memo_drop(&memo, n);
      remove_node(n);
    }
  }
  cw_vec_free(&nodes);
}

static void remove_tag(xmlNode *art, const char *t) {
  cw_vec nodes;
  cw_vec_init(&nodes, sizeof(xmlNode *));
  collect_tag(art, t, &nodes, 0);
  for (size_t i = nodes.len; i-- > 0;)
    remove_node(CW_VEC_AT(&nodes, xmlNode *, i));
  cw_vec_free(&nodes);
}

/* Drops descendants whose class/id holds a word of the family given (a
 * W_ bit) when they are small; returns the characters of text dropped. */
static double clean_matched(xmlNode *n, unsigned family, double max_chars,
                            int depth) {
  double dropped = 0;
  if (depth > CW_HTML_MAX_DEPTH)
    return 0;
  xmlNode *c = n->children;
  while (c) {
    xmlNode *next = c->next;
    if (is_element(c)) {
      double len;
      if ((words_of(c) & family) && (len = text_len(c)) < max_chars) {
        dropped += len;
        remove_node(c);
      } else {
        dropped += clean_matched(c, family, max_chars, depth + 1);
      }
    }
    c = next;
  }
  return dropped;
}

/* Collects into out the outermost elements under n whose class or id
 * names an author ("author-card", "post-author"). */
static void collect_authors(xmlNode *n, cw_vec *out, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return;
  for (xmlNode *c = n->children; c; c = c->next) {
    if (!is_element(c))
      continue;
    if (words_of(c) & W_AUTHOR) {
      xmlNode **slot = cw_vec_push(out);
      if (slot)
        *slot = c;
    } else {
      collect_authors(c, out, depth + 1);
    }
  }
}

/* Removes box when it holds less than SHARE_MAX_CHARS of text, else the
 * parts of it whose class or id names an author that do (a big box of a
 * photo, a name, a bio and links: its bio goes). */
static void drop_author_box(xmlNode *box, int depth) {
  if (cw_html_text_len_max(box, SHARE_MAX_CHARS) < SHARE_MAX_CHARS) {
    remove_node(box);
    return;
  }
  if (depth > CW_HTML_MAX_DEPTH)
    return;
  cw_vec parts;
  cw_vec_init(&parts, sizeof(xmlNode *));
  collect_authors(box, &parts, 0);
  for (size_t i = 0; i < parts.len; i++)
    drop_author_box(CW_VEC_AT(&parts, xmlNode *, i), depth + 1);
  cw_vec_free(&parts);
}

/* An article's author box (a name, a photo, a bio) and byline blocks:
 * their text is the metadata's, not the story's. Where the kind of box
 * recurs (AUTHOR_MAX_BOXES or more of one tag and class: the posts of a
 * thread, the items of a listing each name theirs) it is part of the
 * content and stays; a box of another kind still goes. The parts of one
 * box count as one. */
static void drop_author_boxes(xmlNode *art) {
  cw_vec boxes;
  cw_vec_init(&boxes, sizeof(xmlNode *));
  collect_authors(art, &boxes, 0);
  size_t n = boxes.len;
  /* the kinds are settled before any removal */
  unsigned char *keep = n ? calloc(n, 1) : NULL;
  for (size_t i = 0; i < n && keep; i++) {
    size_t same = 0;
    for (size_t k = 0; k < n && same < AUTHOR_MAX_BOXES; k++)
      same += same_kind(CW_VEC_AT(&boxes, xmlNode *, i),
                        CW_VEC_AT(&boxes, xmlNode *, k));
    keep[i] = same >= AUTHOR_MAX_BOXES;
  }
  for (size_t i = 0; i < n && keep; i++)
    if (!keep[i])
      drop_author_box(CW_VEC_AT(&boxes, xmlNode *, i), 0);
  free(keep);
  cw_vec_free(&boxes);
}

/* A custom element that names itself a footer ("page-footer",
 * "devsite-content-footer"): a footer as <footer> is. */
static int custom_footer(const xmlNode *n) {
  const char *t = tag(n);
  size_t k = strlen(t);
  return k > 7 && !strcmp(t + k - 7, "-footer");
}

/* Removes the custom footers under n. */
static void remove_custom_footers(xmlNode *n, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return;
  for (xmlNode *c = n->children; c;) {
    xmlNode *next = c->next;
    if (is_element(c)) {
      if (custom_footer(c))
        remove_node(c);
      else
        remove_custom_footers(c, depth + 1);
    }
    c = next;
  }
}

/* Whether the last element of n (a footnote) is a link back into the
 * page, a mark ("↩", "^") and not a title (a table of contents' entry is
 * all link). */
static int ends_in_backlink(const xmlNode *n, int depth) {
  const xmlNode *last = NULL;
  if (depth > BACKLINK_LEVELS)
    return 0;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (is_element(c))
      last = c;
    else if (c->type == XML_TEXT_NODE && !is_whitespace(c))
      last = NULL;
  }
  if (!last)
    return 0;
  if (cw_html_is(last, "a")) {
    char *owned;
    const char *href = attr_ref(last, "href", &owned);
    int in_page = href && href[0] == '#';
    xmlFree(owned);
    return in_page && cw_html_text_len_max(last, BACKLINK_MAX_CHARS + 1) <=
                          BACKLINK_MAX_CHARS;
  }
  return ends_in_backlink(last, depth + 1);
}

/* Drops the lists of footnotes under art: ordered lists whose every item
 * ends with a link back to its reference. */
static void drop_footnotes(xmlNode *art) {
  cw_vec nodes;
  cw_vec_init(&nodes, sizeof(xmlNode *));
  collect_tag(art, "ol", &nodes, 0);
  for (size_t i = nodes.len; i-- > 0;) {
    xmlNode *n = CW_VEC_AT(&nodes, xmlNode *, i);
    size_t items = 0, notes = 0;
    for (xmlNode *c = first_elem(n); c; c = next_elem(c))
      if (cw_html_is(c, "li")) {
        items++;
        notes += ends_in_backlink(c, 0);
      }
    if (items && notes == items)
      remove_node(n);
  }
  cw_vec_free(&nodes);
}

/* The first (last != 0: the last) text node under n with any text, or
 * NULL. */
static const xmlNode *edge_text(const xmlNode *n, int last, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return NULL;
  for (const xmlNode *c = last ? n->last : n->children; c;
       c = last ? c->prev : c->next) {
    if (is_element(c)) {
      const xmlNode *t = edge_text(c, last, depth + 1);
      if (t)
        return t;
    } else if ((c->type == XML_TEXT_NODE ||
                c->type == XML_CDATA_SECTION_NODE) && !is_whitespace(c)) {
      return c;
    }
  }
  return NULL;
}

/* The link that ends box n as a button would: n's last text is in it, it
 * leads out of the page, it is short, no list entry, and its element
 * holds little else ("👉 Save your spot"); NULL when there is none. */
static const xmlNode *closing_button(const xmlNode *n) {
  const xmlNode *t = edge_text(n, 1, 0);
  const xmlNode *a = t ? t->parent : NULL;
  for (int up = 0; a && a != n && !cw_html_is(a, "a") && up < 4; up++)
    a = a->parent;
  if (!a || a == n || !cw_html_is(a, "a"))
    return NULL;
  size_t len = cw_html_text_len_max(a, CTA_MAX_CHARS);
  if (len >= CTA_MAX_CHARS ||
      cw_html_text_len_max(a->parent, len + PROMO_LINK_EXTRA + 1) >
          len + PROMO_LINK_EXTRA)
    return NULL;
  char *owned;
  const char *href = attr_ref(a, "href", &owned);
  int away = href && href[0] && href[0] != '#';
  xmlFree(owned);
  if (!away)
    return NULL;
  for (const xmlNode *u = a->parent; u && u != n; u = u->parent)
    if (cw_html_is(u, "li"))
      return NULL;
  return a;
}

/* Whether n, a child of an element that holds the story's paragraphs, is
 * a pitch boxed among them: a short div (section, aside) that ends in a
 * button-like link, with more text than the link, unlike its neighbours
 * (a run of such boxes is the content: cards, the sections of a
 * dictionary entry). See PROMO_MAX_CHARS. */
static int promo_box(const xmlNode *n) {
  if (!tag_has(n, K_BOX))
    return 0;
  size_t len = cw_html_text_len_max(n, PROMO_MAX_CHARS + 1);
  if (!len || len > PROMO_MAX_CHARS)
    return 0;
  const xmlNode *a = closing_button(n);
  if (!a ||
      cw_html_text_len_max(a, CTA_MAX_CHARS) + PROMO_PITCH_CHARS >= len ||
      count_tag_rec(n, "table", 0) || count_tag_rec(n, "pre", 0))
    return 0;
  const xmlNode *prev = prev_elem(n), *next = next_elem(n);
  return !(prev && same_kind(prev, n)) && !(next && same_kind(next, n));
}

/* Removes the promo boxes under n: the boxes among paragraphs, where n
 * holds PROMO_MIN_PARAS of them (before conditional cleaning, which takes
 * the buttons out of the boxes first). */
static void drop_promo_boxes(xmlNode *n, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return;
  size_t paras = 0;
  for (xmlNode *c = n->children; c && paras < PROMO_MIN_PARAS; c = c->next)
    paras += cw_html_is(c, "p") &&
             cw_html_text_len_max(c, PROMO_PARA_CHARS) >= PROMO_PARA_CHARS;
  for (xmlNode *c = n->children; c;) {
    xmlNode *next = c->next;
    if (is_element(c)) {
      if (paras >= PROMO_MIN_PARAS && promo_box(c))
        remove_node(c);
      else
        drop_promo_boxes(c, depth + 1);
    }
    c = next;
  }
}

static void prep_article(scorer *s, xmlNode *art) {
  drop_promo_boxes(art, 0);
  clean_conditionally(s, art, "form");
  clean_conditionally(s, art, "fieldset");
  remove_tag(art, "footer");
  remove_custom_footers(art, 0);
  remove_tag(art, "aside");
  for (xmlNode *c = art->children; c; c = c->next)
    if (is_element(c))
      clean_matched(c, W_SHARE, SHARE_MAX_CHARS, 0);
  /* headers with bad class names */
  if (s->flags & F_WEIGHT_CLASSES) {
    const char *hs[] = {"h1", "h2"};
    for (int k = 0; k < 2; k++) {
      cw_vec nodes;
      cw_vec_init(&nodes, sizeof(xmlNode *));
      collect_tag(art, hs[k], &nodes, 0);
      for (size_t i = nodes.len; i-- > 0;) {
        xmlNode *h = CW_VEC_AT(&nodes, xmlNode *, i);
        if (class_weight(s, h) < 0)
          remove_node(h);
      }
      cw_vec_free(&nodes);
    }
  }
  clean_conditionally(s, art, "table");
  clean_conditionally(s, art, "ul");
  clean_conditionally(s, art, "div");
  /* our addition: boilerplate boxes that survived scoring */
  clean_matched(art, W_BOILER, SHARE_MAX_CHARS, 0);
  /* links and boxes drawn as buttons ("Book a demo", "Add to cart") */
  clean_matched(art, W_CTA, CTA_MAX_CHARS, 0);
  drop_author_boxes(art);
  drop_footnotes(art);
}

/* ---- text output ------------------------------------------------------------ */

/* Tags seen by the text output, by name pointer: the tree does not change
 * while it is written, so a name pointer stands for one name (most are
 * libxml2's dictionary's, shared by every element of the kind). */
#define SER_CACHE 32

typedef struct ser {
  cw_buf *out;
  cw_vec *captions;
  int pending; /* 0 nothing, 1 space, 2 line break, 3 paragraph break */
  int pre;
  int mark; /* start each line of preformatted text with PRE_MARK */
  const xmlChar *names[SER_CACHE];
  int kinds[SER_CACHE];
} ser;

/* Starts the lines of <pre> text in the scored output, so that the
 * boilerplate line filter leaves code alone ("image: nginx" in a YAML
 * listing is no photo credit); removed before the text leaves. */
#define PRE_MARK '\x01'

static void brk(ser *w, int level) {
  if (level > w->pending)
    w->pending = level;
}

static void put_text(ser *w, const xmlChar *t) {
  for (const xmlChar *p = t; p && *p; p++) {
    if (cw_html_space(*p)) {
      if (w->pre && *p == '\n')
        brk(w, 2);
      else
        brk(w, 1);
      continue;
    }
    if (w->pending && w->out->len) {
      if (w->pending == 1)
        cw_html_putc(w->out, ' ');
      else
        cw_buf_puts(w->out, w->pending == 2 ? "\n" : "\n\n");
    }
    w->pending = 0;
    if (w->mark && w->pre &&
        (!w->out->len || w->out->ptr[w->out->len - 1] == '\n'))
      cw_html_putc(w->out, PRE_MARK);
    /* the run of characters up to the next white space at once: nothing
     * goes between them */
    const xmlChar *e = p + 1;
    while (*e && !cw_html_space(*e))
      e++;
    /* outside preformatted text a single space between two words prints
     * as it is: the words that follow so go at once too */
    if (!w->pre)
      while (e[0] == ' ' && e[1] && !cw_html_space(e[1])) {
        e += 2;
        while (*e && !cw_html_space(*e))
          e++;
      }
    cw_buf_append(w->out, (const char *)p, (size_t)(e - p));
    p = e - 1;
  }
}


/* What the text output does with an element: skip it (SER_DROP), take it
 * for a caption (SER_CAPTION), or break before and after it at a level
 * (the low bits), preformatted (SER_PRE) or not. */
enum { SER_DROP = 4, SER_CAPTION = 8, SER_PRE = 16 };

static int ser_kind_of(const xmlNode *c) {
  unsigned kind = tag_bits(c);
  if (kind & K_DROP)
    return SER_DROP;
  if (cw_html_is(c, "figcaption"))
    return SER_CAPTION;
  int level = kind & K_PARA ? 3 : kind & K_LINE ? 2 : 0;
  if (cw_html_is(c, "td") || cw_html_is(c, "th"))
    level = 1;
  return level | (cw_html_is(c, "pre") ? SER_PRE : 0);
}

static int ser_kind(ser *w, const xmlNode *c) {
  size_t h = ((uintptr_t)c->name >> 3) % SER_CACHE;
  if (!c->name || w->names[h] != c->name) {
    int k = ser_kind_of(c);
    if (!c->name)
      return k;
    w->names[h] = c->name;
    w->kinds[h] = k;
  }
  return w->kinds[h];
}

static void ser_rec(ser *w, xmlNode *n, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return;
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      put_text(w, c->content);
      continue;
    }
    if (!is_element(c))
      continue;
    int kind = ser_kind(w, c);
    if (kind & SER_DROP)
      continue;
    if (kind & SER_CAPTION) {
      cw_buf cap;
      cw_buf_init(&cap, 0);
      cw_html_text(c, &cap);
      const char *t = cap.ptr;
      size_t len = cap.len;
      cw_trim(&t, &len);
      if (!cap.err && len && w->captions) {
        char **slot = cw_vec_push(w->captions);
        if (slot)
          *slot = cw_strndup(t, len);
      }
      cw_buf_free(&cap);
      continue;
    }
    int level = kind & 3;
    int was_pre = w->pre;
    if (kind & SER_PRE)
      w->pre = 1;
    brk(w, level);
    ser_rec(w, c, depth + 1);
    brk(w, level);
    w->pre = was_pre;
  }
}

static void serialize(xmlNode *n, cw_buf *out, cw_vec *captions, int mark) {
  ser w = {out, captions, 0, 0, mark, {0}, {0}};
  if (out->len)
    w.pending = 3;
  ser_rec(&w, n, 0);
}

void cw_html_serialize(xmlNode *n, cw_buf *out, cw_vec *captions) {
  pthread_once(&kinds_once, kinds_build);
  serialize(n, out, captions, 0);
}

/* h1 to h6. */
static int is_heading(const xmlNode *n) {
  const char *t = tag(n);
  return t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2];
}

/* A heading, or an element that only wraps one (its text is all the
 * heading's). */
static int heading(const xmlNode *n) {
  for (int depth = 0; n && depth < CW_HTML_MAX_DEPTH; depth++) {
    if (is_heading(n))
      return 1;
    const xmlNode *only = NULL;
    for (const xmlNode *c = n->children; c; c = c->next) {
      if (is_element(c)) {
        if (only)
          return 0;
        only = c;
      } else if ((c->type == XML_TEXT_NODE ||
                  c->type == XML_CDATA_SECTION_NODE) && !is_whitespace(c)) {
        return 0;
      }
    }
    n = only;
  }
  return 0;
}

/* Characters of the text under n inside <em> or <i>. */
static size_t italic_len(const xmlNode *n, int depth) {
  size_t k = 0;
  if (depth > CW_HTML_MAX_DEPTH)
    return 0;
  for (const xmlNode *c = n->children; c; c = c->next)
    if (is_element(c))
      k += cw_html_is(c, "em") || cw_html_is(c, "i")
               ? cw_html_text_len(c)
               : italic_len(c, depth + 1);
  return k;
}

/* Whether the text of n (read into scratch) is the story's own word on
 * itself: a correction or an update ("Correction:", "Update, May 2:",
 * "Editor's note:", "This story has been updated to ..."), or the
 * writer's postscript ("P.S."). Editors and fact-checkers read these as
 * part of the story, however they are set. */
static int story_note(const xmlNode *n, cw_buf *scratch) {
  static const char *const lead[] = {
      "correction", "corrections", "update", "updated", "updates",
      "clarification", "editor's note", "editors' note", "editor's update",
      "note from the editor", "erratum", "retraction", "p.s.", "p.p.s."};
  static const char *const marks[] = {
      "been updated", "was updated", "were updated", "been corrected",
      "was corrected", "were corrected", "been amended", "been clarified",
      "earlier version of this", "previous version of this"};
  cw_buf_reset(scratch);
  cw_html_text(n, scratch);
  if (scratch->err)
    return 1; /* unread: kept */
  /* ASCII lower case, and the typographic apostrophe (U+2019) as "'" */
  char *s = scratch->ptr;
  size_t o = 0;
  for (size_t i = 0; i < scratch->len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0xE2 && i + 2 < scratch->len &&
        (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99) {
      s[o++] = '\'';
      i += 2;
    } else {
      s[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
  }
  s[o] = '\0';
  scratch->len = o;
  while (*s && !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
    s++;
  for (size_t k = 0; k < sizeof lead / sizeof *lead; k++) {
    size_t m = strlen(lead[k]);
    if (!strncmp(s, lead[k], m) &&
        !((s[m] >= 'a' && s[m] <= 'z') || (s[m] >= '0' && s[m] <= '9')))
      return 1;
  }
  for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
    if (strstr(s, marks[k]))
      return 1;
  return 0;
}

/* Whether n, of len characters, is a note set in italics, a box or a
 * paragraph of its own: all its text but a short label, no footnote
 * (which opens with its mark, "*Tested in June") and no story_note. At
 * the end of a story such a note is about it, not of it: a bio, "This
 * article originally appeared in ...", thanks, a call to follow. (A div
 * of one paragraph is that paragraph by now.) */
static int italic_note(const xmlNode *n, double len, cw_buf *scratch) {
  if (len >= NOTE_MAX_CHARS ||
      !(tag_has(n, K_BOX) || cw_html_is(n, "p")) || heading(n))
    return 0;
  const xmlNode *t = edge_text(n, 0, 0);
  const xmlChar *p = t ? t->content : NULL;
  while (p && cw_html_space(*p))
    p++;
  if (p && *p == '*')
    return 0;
  double it = (double)italic_len(n, 0);
  return it > 0 && len - it <= NOTE_LABEL_CHARS &&
         !story_note(n, scratch);
}

/* Boilerplate at the edge of the article: a link list or a lone short
 * line ("You might also like", "Subscribe here", "Skip to content"). At the
 * end, short lines without a full stop go too, and a heading that nothing
 * follows; with lists, a longer block of links too (a list of teasers at
 * the end of a scored article, where a listing's region has its items)
 * and a boxed note in italics (italic_note). At the start links, and with
 * lists a line shorter still that is no heading (a kicker over the title:
 * a short heading there is content, and so is the first line of a
 * listing's region). */
static int edge_junk(xmlNode *n, int at_end, int lists, cw_buf *scratch) {
  if (cw_html_is(n, "img") || cw_html_is(n, "figure") ||
      cw_html_is(n, "table") || cw_html_is(n, "pre"))
    return 0;
  /* each test below is of a short text: counting stops past the longest
   * (a wrapper of the whole article is measured once per level) */
  double len = (double)cw_html_text_len_max(
      n, lists ? EDGE_LIST_CHARS : EDGE_LINKS_CHARS);
  if (len == 0)
    return !count_tag_rec(n, "img", 0);
  /* in-page links count 0.3 in link_density: a skip link is one */
  if (len < EDGE_LINKS_CHARS &&
      (cw_html_is(n, "a") || link_density(n) >= (at_end ? 0.5 : 0.3)))
    return 1;
  if (lists && at_end && len < EDGE_LIST_CHARS &&
      link_density(n) >= EDGE_LIST_LINKS &&
      count_tag_rec(n, "a", 0) >= EDGE_LIST_MIN_LINKS)
    return 1;
  /* a heading that nothing follows introduces nothing of the article
   * ("You might also like...", "Ready to get started?") */
  if (at_end && len < EDGE_LINKS_CHARS && heading(n))
    return 1;
  /* at the end of a scored article a note in italics is about the story,
   * not of it: a disclaimer, who publishes it, a bio, thanks */
  if (at_end && lists && italic_note(n, len, scratch))
    return 1;
  /* at the start of a scored article (lists) a short line goes too that
   * is no heading: a kicker or a trail over the title ("Regional
   * guides", "Company spotlight") */
  if (!at_end && (!lists || len >= KICKER_CHARS || heading(n)))
    return 0;
  if (len >= EDGE_LINE_CHARS || count_tag_rec(n, "li", 0) > 0)
    return 0;
  cw_buf_reset(scratch);
  cw_html_text(n, scratch);
  const char *t = scratch->ptr;
  size_t tl = scratch->len;
  cw_trim(&t, &tl);
  /* no-break spaces (U+00A0) end many a line too */
  while (tl >= 2 && (unsigned char)t[tl - 2] == 0xC2 &&
         (unsigned char)t[tl - 1] == 0xA0) {
    tl -= 2;
    cw_trim(&t, &tl);
  }
  if (!tl)
    return 1;
  char last = t[tl - 1];
  return last != '.' && last != '!' && last != '?' && last != '"' &&
         last != ')' && (unsigned char)last < 0x80;
}

/* What trim_edges carries down the tree. */
typedef struct trimmer {
  xmlNode *art;
  int at_end;
  int lists; /* edge_junk's */
  cw_buf *scratch;
  double left, budget;
} trimmer;

/* Trims edge_junk from the end (the start) of n, descending into its last
 * (first) element while that wraps article blocks (a div, or the rows and
 * cells of a table that lays out the page); an element that the trimming
 * inside leaves as junk itself goes too ("Shop by" over a list of filters
 * that went). Returns whether it removed anything. */
static int trim_in(trimmer *t, xmlNode *n, int layout, int depth) {
  int removed = 0;
  xmlNode *done = NULL; /* trimmed inside already */
  for (;;) {
    /* past white space, and past pictures: an image without text beside
     * the last block (a column of its own) hides no junk before it */
    xmlNode *c = t->at_end ? n->last : n->children;
    while (c && (is_element(c) ? cw_html_text_len_max(c, 1) == 0 &&
                                     count_tag_rec(c, "img", 0)
                               : c->type != XML_TEXT_NODE || is_whitespace(c)))
      c = t->at_end ? c->prev : c->next;
    if (!c || !is_element(c))
      return removed;
    if (edge_junk(c, t->at_end, t->lists, t->scratch)) {
      /* trimming never takes more than EDGE_MAX_SHARE of the text: on a
       * tiny page the short lines are all there is. The text is measured
       * when the first junk is found (most articles have none), before
       * any removal. */
      if (t->left < 0) {
        t->left = text_len(t->art);
        t->budget = EDGE_MAX_SHARE * t->left;
      }
      double len = text_len(c);
      if (len > t->budget || len >= t->left)
        return removed;
      t->budget -= len;
      t->left -= len;
      remove_node(c);
      removed = 1;
      continue;
    }
    if (c == done)
      return removed;
    /* a table that lays out the page, not one of data, wraps blocks as a
     * div does: its rows and cells are looked into too */
    int in_layout = layout;
    if (cw_html_is(c, "table") && !is_data_table(c))
      in_layout = 1;
    else if (!tag_has(c, K_WRAPPER) && !(layout && tag_has(c, K_CELL)))
      return removed;
    if (depth >= CW_HTML_MAX_DEPTH || !trim_in(t, c, in_layout, depth + 1))
      return removed;
    /* c once more: what is left of it may be junk now */
    removed = 1;
    done = c;
  }
}

/* Trims the end (at_end) or the start of art; lists: see edge_junk. */
static void trim_edges(xmlNode *art, int at_end, int lists,
                       cw_buf *scratch) {
  trimmer t = {art, at_end, lists, scratch, -1, 0};
  trim_in(&t, art, 0, 0);
}

/* ---- the copy of the body --------------------------------------------------- */

/* Attributes the scoring passes read (prep, which reads hidden, style and
 * the like, has run on the body): the copy keeps only these. The rest
 * (style, data-*, srcset...) cost allocations to copy and to free, per
 * pass. */
static const char *const kept_attrs[] = {"class", "id",       "role",
                                         "rel",   "itemprop", "href",
                                         "summary"};
#define N_KEPT_ATTRS (sizeof kept_attrs / sizeof *kept_attrs)

/* The index of name in kept_attrs, or -1. */
static int kept_attr(const xmlChar *name) {
  const char *s = (const char *)name;
  if (!s)
    return -1;
  for (size_t i = 0; i < N_KEPT_ATTRS; i++)
    if (same_name(s, kept_attrs[i]))
      return (int)i;
  return -1;
}

typedef struct copier {
  xmlDoc *doc;
  /* " " and "\n" in the document's dictionary, or NULL */
  const xmlChar *space, *newline;
  /* where the copy is held, or NULL for nodes of libxml2's own (malloc'd
   * one by one, freed one by one) */
  cw_arena *arena;
  int unheld; /* the body holds a node the arena copy does not make */
  /* kept_attrs in the document's dictionary, looked up once a copy */
  const xmlChar *attr_names[N_KEPT_ATTRS];
} copier;

/* Appends c to n's children without merging text nodes (as the copy in
 * libxml2 does: xmlAddChild would merge neighbouring text). */
static void append_child(xmlNode *n, xmlNode *c) {
  c->parent = n;
  c->prev = n->last;
  c->next = NULL;
  if (n->last)
    n->last->next = c;
  else
    n->children = c;
  n->last = c;
}

static xmlNode *copy_rec(copier *cp, const xmlNode *n, int depth);

/* The text of a node that is only white space, as every pass reads it: a
 * run of white space counts, joins and prints as one space, or as a line
 * break in preformatted text when it holds one. The copy of such a text is
 * " " or "\n", held by the document's dictionary (libxml2 frees no string
 * of it), which saves the copy of the string and its free: most text
 * nodes of a page are the white space between its tags. NULL for other
 * text. */
static const xmlChar *white_text(copier *cp, const xmlChar *p) {
  int nl = 0;
  /* most texts are settled by their first byte */
  if (!p || !cw_html_space(*p) || !cp->space)
    return NULL;
  /* the indentation between tags: runs of spaces, eight at a time */
  size_t n = strlen((const char *)p), i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    if (w == 0x2020202020202020ull)
      continue;
    for (size_t e = i + 8; i < e; i++) {
      if (!cw_html_space(p[i]))
        return NULL;
      nl |= p[i] == '\n';
    }
    i -= 8;
  }
  for (; i < n; i++) {
    if (!cw_html_space(p[i]))
      return NULL;
    nl |= p[i] == '\n';
  }
  return nl ? cp->newline : cp->space;
}

/* A text node holding p, as xmlNewDocText makes it, but without a copy
 * of the string where libxml2 has a cheaper place for it: white space in
 * the dictionary (white_text; white = 1, for the text of the page, not an
 * attribute's, whose value is compared whole), a string shorter than two
 * pointers in the node itself, where the parser puts such strings
 * (HTML_PARSE_COMPACT) and whence libxml2 never frees them. */
static xmlNode *new_text(copier *cp, const xmlChar *p, int white) {
  const xmlChar *ws = white ? white_text(cp, p) : NULL;
  size_t len = 0;
  if (!ws && p)
    while (p[len] && len < 2 * sizeof(void *))
      len++;
  int in_node = !ws && p && len < 2 * sizeof(void *);
  xmlNode *t;
  if (cp->arena) {
    t = held_node(cp->arena, cp->doc, XML_TEXT_NODE, xmlStringText);
    if (!t)
      return NULL;
    if (!ws && !in_node) { /* a longer string: copied into the arena too */
      if (p && !(t->content = (xmlChar *)cw_arena_strdup(cp->arena,
                                                         (const char *)p)))
        return NULL;
      return t;
    }
  } else {
    if (!ws && !in_node)
      return xmlNewDocText(cp->doc, p);
    t = xmlNewDocText(cp->doc, NULL);
    if (!t)
      return NULL;
  }
  if (ws) {
    t->content = (xmlChar *)ws;
  } else {
    xmlChar *in = (xmlChar *)&t->properties;
    memcpy(in, p, len);
    in[len] = '\0';
    t->content = in;
  }
  return t;
}

static xmlAttr *copy_attr(copier *cp, const xmlAttr *a, int kept,
                          xmlNode *owner) {
  xmlAttr *na;
  if (cp->arena) {
    const xmlChar **name = &cp->attr_names[kept];
    if (!*name)
      *name = xmlDictLookup(cp->doc->dict, a->name, -1);
    na = cw_arena_alloc(cp->arena, sizeof *na);
    if (na) {
      na->type = XML_ATTRIBUTE_NODE;
      na->doc = cp->doc;
      na->name = *name;
    }
    if (!na || !na->name)
      return NULL;
  } else {
    na = xmlNewDocProp(cp->doc, a->name, NULL);
  }
  if (!na)
    return NULL;
  na->parent = owner;
  /* of an href the passes read the first byte alone (whether the link
   * points into the page, "#..."): a value of one text keeps only that
   * byte, which the node holds itself (new_text), not a copy of the URL */
  const xmlNode *only = a->children && !a->children->next &&
                                a->children->type == XML_TEXT_NODE &&
                                a->children->content &&
                                a->children->content[0] &&
                                same_name((const char *)a->name, "href")
                            ? a->children
                            : NULL;
  for (const xmlNode *t = a->children; t; t = t->next) {
    xmlChar first[2];
    if (only) {
      first[0] = only->content[0];
      first[1] = '\0';
    }
    xmlNode *nt = new_text(cp, only ? first : t->content, 0);
    if (!nt) {
      if (!cp->arena)
        xmlFreeProp(na);
      return NULL;
    }
    nt->parent = (xmlNode *)na;
    nt->prev = na->last;
    if (na->last)
      na->last->next = nt;
    else
      na->children = nt;
    na->last = nt;
  }
  return na;
}

/* The subtree n as xmlDocCopyNode (n, doc, 1) copies it, less the
 * attributes no pass reads; NULL when memory runs out. With cp->arena,
 * every node of the copy is held there (one allocation for many nodes,
 * and one free for all: the copy cost as much to free as to make), and
 * NULL with cp->unheld set when the body holds a node only libxml2's
 * copy makes (CDATA, a namespace, nesting past CW_HTML_MAX_DEPTH). */
static xmlNode *copy_rec(copier *cp, const xmlNode *n, int depth) {
  /* a text node is named "text", or "textnoenc" when it is to be output
   * unescaped (not by the parser): xmlDocCopyNode keeps such rare kinds */
  if (n->type == XML_TEXT_NODE && n->name &&
      (n->name == xmlStringText || !strcmp((const char *)n->name, "text"))) {
    xmlNode *t = new_text(cp, n->content, 1);
    /* the count of the text (cw_html_count_text), the same for the copy */
    if (t)
      t->_private = n->_private;
    return t;
  }
  int plain = n->type == XML_ELEMENT_NODE && !n->ns && n->name &&
              depth <= CW_HTML_MAX_DEPTH;
  if (cp->arena && !plain) {
    cp->unheld = 1;
    return NULL;
  }
  if (n->type == XML_CDATA_SECTION_NODE)
    return xmlNewCDataBlock(cp->doc, n->content,
                            n->content ? xmlStrlen(n->content) : 0);
  if (!plain)
    return xmlDocCopyNode((xmlNode *)n, cp->doc, 1);
  xmlNode *c;
  if (cp->arena) {
    const xmlChar *name = xmlDictLookup(cp->doc->dict, n->name, -1);
    c = name ? held_node(cp->arena, cp->doc, XML_ELEMENT_NODE, name) : NULL;
  } else {
    c = xmlNewDocNode(cp->doc, NULL, n->name, NULL);
  }
  if (!c)
    return NULL;
  c->line = n->line;
  c->extra = n->extra; /* what words_of found, when it has */
  xmlAttr *last = NULL;
  for (const xmlAttr *a = n->properties; a; a = a->next) {
    int kept = kept_attr(a->name);
    if (kept < 0)
      continue;
    xmlAttr *na = copy_attr(cp, a, kept, c);
    if (!na) {
      if (!cp->arena)
        xmlFreeNode(c);
      return NULL;
    }
    na->prev = last;
    if (last)
      last->next = na;
    else
      c->properties = na;
    last = na;
  }
  for (const xmlNode *ch = n->children; ch; ch = ch->next) {
    xmlNode *k = copy_rec(cp, ch, depth + 1);
    if (!k) {
      if (!cp->arena)
        xmlFreeNode(c);
      return NULL;
    }
    append_child(c, k);
  }
  return c;
}

/* ---- attempts -------------------------------------------------------------- */

/* One scoring pass with the given flags over a copy of the pruned body
 * (scoring edits the tree, and a retry needs it whole). */
static cw_status attempt(xmlDoc *doc, xmlNode *pristine, double page_len,
                         const cw_html_meta *m, int flags, cw_buf *out,
                         cw_vec *captions, int *in_article) {
  copier cp;
  memset(&cp, 0, sizeof cp);
  cp.doc = doc;
  if (doc->dict) {
    cp.space = xmlDictLookup(doc->dict, (const xmlChar *)" ", 1);
    cp.newline = xmlDictLookup(doc->dict, (const xmlChar *)"\n", 1);
    if (!cp.newline)
      cp.space = NULL;
  }
  /* held in an arena when the document has its dictionary (the names of
   * the held nodes are its) */
  if (cp.space)
    cp.arena = cw_arena_new();
  /* the copy sits under an <html> of its own, as the body does in the
   * page, so that walks up the tree stop where they would there */
  xmlNode *root = new_element(doc, cp.arena, "html");
  xmlNode *body = root ? copy_rec(&cp, pristine, 0) : NULL;
  if (!body && cp.unheld) { /* a copy of libxml2's nodes after all */
    cw_arena_free(cp.arena);
    cp.arena = NULL;
    root = new_element(doc, NULL, "html");
    body = root ? copy_rec(&cp, pristine, 0) : NULL;
  }
  if (!body) {
    if (cp.arena)
      cw_arena_free(cp.arena);
    else
      xmlFreeNode(root);
    return CW_ERR_NOMEM;
  }
  add_child(root, body);
  scorer s = {doc, flags, NULL, {0}, m->title, 0, page_len, cp.arena};
  cw_vec_init(&s.candidates, sizeof(xmlNode *));
  cw_vec to_score;
  cw_vec_init(&to_score, sizeof(xmlNode *));
  cw_buf scratch;
  cw_buf_init(&scratch, 0);
  cw_status st = CW_OK;
  collect(&s, body, &to_score, &scratch);
  score_paragraphs(&s, &to_score);
  xmlNode *best = top_candidate(&s, body);
  /* the best text in the page's footer: the page has none of its own (a
   * shell that a script fills) */
  if (best && (cw_html_is(best, "footer") || has_ancestor(best, "footer", 0)))
    goto done;
  if (in_article)
    *in_article = best && (cw_html_is(best, "article") ||
                           has_ancestor(best, "article", 0));
  xmlNode *art = gather(&s, best, body, &scratch);
  if (!art) {
    st = CW_ERR_NOMEM;
    goto done;
  }
  /* keep the new node in the copy so it is freed with it */
  add_child(body, art);
  prep_article(&s, art);
  trim_edges(art, 1, 1, &scratch);
  trim_edges(art, 0, 1, &scratch);
  serialize(art, out, captions, 1);
  if (out->err)
    st = out->err;
done:
  /* the nodes go first: they point into the info blocks (libxml2 never
   * reads _private) */
  if (cp.arena)
    cw_arena_free(cp.arena);
  else
    xmlFreeNode(root);
  cw_vec_free(&s.candidates);
  cw_vec_free(&to_score);
  cw_buf_free(&scratch);
  free_infos(&s);
  return st;
}

static void free_captions(cw_vec *v) {
  for (size_t i = 0; i < v->len; i++)
    free(CW_VEC_AT(v, char *, i));
  v->len = 0;
}

static size_t chars(const cw_buf *b) {
  /* the bytes less the UTF-8 continuation bytes (10xxxxxx), eight at a
   * time, and less the PRE_MARKs (few texts have any) */
  const unsigned char *p = (const unsigned char *)b->ptr;
  size_t k = b->len, i = 0;
  for (; i + 8 <= b->len; i += 8) {
    uint64_t v;
    memcpy(&v, p + i, 8);
    /* per byte: bit 7 set and bit 6 (shifted to 7) clear */
    uint64_t cont = v & ~(v << 1) & 0x8080808080808080ull;
    k -= (size_t)(((cont >> 7) * 0x0101010101010101ull) >> 56);
  }
  for (; i < b->len; i++)
    k -= (p[i] & 0xC0) == 0x80;
  for (const char *m = b->len ? memchr(b->ptr, PRE_MARK, b->len) : NULL; m;
       m = memchr(m + 1, PRE_MARK, b->len - (size_t)(m + 1 - b->ptr)))
    k--;
  return k;
}

/* The page's main region: <main> or role=main, else the body. */
static xmlNode *main_region(xmlNode *body) {
  for (xmlNode *n = first_elem(body); n; n = next_node(n, 0)) {
    if (cw_html_is(n, "main"))
      return n;
    char *owned;
    const char *role = attr_ref(n, "role", &owned);
    int is_main = role && !strcmp(role, "main");
    xmlFree(owned);
    if (is_main)
      return n;
  }
  return body;
}

/* The first <h1> with text under n (document order), or NULL. */
static xmlNode *first_title(xmlNode *n, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return NULL;
  for (xmlNode *c = n->children; c; c = c->next)
    if (is_element(c)) {
      if (cw_html_is(c, "h1") && cw_html_text_len_max(c, 1))
        return c;
      xmlNode *h = first_title(c, depth + 1);
      if (h)
        return h;
    }
  return NULL;
}

/* Removes what comes before the page's title (its first <h1> with text)
 * in region, a page that is no article: a banner, an offer, a shop's
 * strip of promises, the chips of a search box ("Save a fifth on every
 * rake", "Free pick-up in store"). Only while that is at most
 * EDGE_MAX_SHARE of len, the region's text: a page whose <h1> is a
 * heading far down keeps what precedes it. */
static void trim_before_title(xmlNode *region, double len) {
  xmlNode *h = first_title(region, 0);
  if (!h)
    return;
  double before = 0;
  for (xmlNode *u = h; u != region; u = u->parent)
    for (xmlNode *c = u->prev; c; c = c->prev)
      before += text_len(c);
  if (before == 0 || before > EDGE_MAX_SHARE * len)
    return;
  for (xmlNode *u = h; u != region; u = u->parent)
    while (u->prev)
      remove_node(u->prev);
}

/* Whether the class of n holds w (lower case). */
static int class_holds(const xmlNode *n, const char *w) {
  char *owned;
  const char *v = attr_ref(n, "class", &owned);
  char low[MATCH_MAX + 1];
  int hit = 0;
  if (v) {
    low[lower_copy(low, (const xmlChar *)v, MATCH_MAX)] = '\0';
    hit = strstr(low, w) != NULL;
  }
  xmlFree(owned);
  return hit;
}

/* Whether an element under n has a class that holds one of the k words
 * ws. */
static int class_below(const xmlNode *n, const char *const *ws, size_t k,
                       int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return 0;
  for (const xmlNode *c = n->children; c; c = c->next)
    if (is_element(c)) {
      for (size_t i = 0; i < k; i++)
        if (class_holds(c, ws[i]))
          return 1;
      if (class_below(c, ws, k, depth + 1))
        return 1;
    }
  return 0;
}

/* A customer's review: an element whose class says so, holding a star
 * rating. */
static int review_item(const xmlNode *n) {
  static const char *const rating[] = {"star", "rating"};
  return class_holds(n, "review") &&
         class_below(n, rating, sizeof rating / sizeof *rating, 0);
}

/* Removes the runs of customer reviews under n: an element whose children
 * with text are REVIEW_MIN_ITEMS or more reviews of one kind (a widget of
 * rated reviews on a shop's or a firm's page). Like the comments under a
 * story, they are what visitors wrote, not the page. */
static void drop_reviews(xmlNode *n, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return;
  size_t items = 0, others = 0;
  const xmlNode *first = NULL;
  for (const xmlNode *c = first_elem(n); c && !others; c = next_elem(c)) {
    if (!cw_html_text_len_max(c, 1))
      continue;
    if (!first)
      first = c;
    if (same_kind(first, c) && review_item(c))
      items++;
    else
      others++;
  }
  int run = !others && items >= REVIEW_MIN_ITEMS;
  for (xmlNode *c = n->children; c;) {
    xmlNode *next = c->next;
    if (is_element(c)) {
      if (run)
        remove_node(c);
      else
        drop_reviews(c, depth + 1);
    }
    c = next;
  }
}

/* Last resort for pages that are no article (listings, shops, forums,
 * service pages): their content is many short items that no paragraph
 * scoring finds. Takes the main region without the page chrome (header,
 * footer, navigation, asides, forms and the groups of a form's controls
 * that shops set without one (fieldset: "Select a size"), small elements
 * whose class says
 * chrome, what precedes the page's title: trim_before_title, and runs of
 * customer reviews: drop_reviews). Edits the tree: the last use of it. */
static cw_status region_text(xmlNode *body, cw_buf *out, cw_buf *scratch,
                             double *boiler) {
  static const char *const chrome[] = {"header", "footer", "nav", "aside",
                                       "form", "fieldset"};
  xmlNode *region = main_region(body);
  double len = text_len(region);
  for (size_t k = 0; k < sizeof chrome / sizeof *chrome; k++) {
    cw_vec nodes;
    cw_vec_init(&nodes, sizeof(xmlNode *));
    collect_tag(region, chrome[k], &nodes, 0);
    for (size_t i = nodes.len; i-- > 0;) {
      xmlNode *n = CW_VEC_AT(&nodes, xmlNode *, i);
      /* a footer is never content, even one holding all the text there
       * is (a page whose body a script fills) */
      if (k == 1 || !holds_page(n, len))
        remove_node(n);
    }
    cw_vec_free(&nodes);
  }
  clean_matched(region, W_UNLIKELY, REGION_CHROME_SHARE * len, 0);
  clean_matched(region, W_CTA, CTA_MAX_CHARS, 0);
  trim_before_title(region, text_len(region));
  drop_reviews(region, 0);
  /* small boilerplate boxes go from the text, but count in its length
   * when it is weighed against the scored text (retry): they are part of
   * what makes the region the page's content */
  *boiler = clean_matched(region, W_REGION_BOILER, SHARE_MAX_CHARS, 0);
  trim_edges(region, 1, 0, scratch);
  trim_edges(region, 0, 0, scratch);
  serialize(region, out, NULL, 1);
  return out->err;
}

xmlNode *cw_html_prune(xmlDoc *doc, double *page_len) {
  pthread_once(&kinds_once, kinds_build);
  xmlNode *root = xmlDocGetRootElement(doc);
  xmlNode *body = root ? cw_html_find(root, "body") : NULL;
  *page_len = 0;
  if (!body)
    return NULL;
  *page_len = text_len(body);
  prep(root, 0, *page_len);
  /* prep may have removed the body itself, or an element around it, when
   * the parser nested <body> inside something prep drops
   * ("<head><t><body"): look it up again */
  return cw_html_find(root, "body");
}

/* Drops from the text in b each block (paragraph) of at least
 * REPEAT_MIN_BYTES that repeats an earlier one word for word: carousels,
 * tabs and pages that carry their content twice (a desktop and a mobile
 * copy, the slides of a slider) repeat whole blocks, which an article
 * does not. */
static void drop_repeats(cw_buf *b) {
  size_t n = 0;
  for (const char *p = b->len ? memchr(b->ptr, '\n', b->len) : NULL; p;
       p = memchr(p + 1, '\n', b->len - (size_t)(p + 1 - b->ptr)))
    n += p + 1 < b->ptr + b->len && p[1] == '\n';
  if (!n)
    return;
  /* open addressing over block starts, a power of two above 2 (n + 1) */
  size_t cap = 4;
  while (cap < 2 * (n + 1))
    cap *= 2;
  size_t *start = malloc(cap * sizeof *start);
  size_t *len = malloc(cap * sizeof *len);
  uint64_t *hash = malloc(cap * sizeof *hash);
  if (!start || !len || !hash)
    goto done;
  for (size_t k = 0; k < cap; k++)
    len[k] = 0;
  size_t in = 0, out = 0;
  while (in < b->len) {
    const char *end = strstr(b->ptr + in, "\n\n");
    size_t bl = end ? (size_t)(end - (b->ptr + in)) : b->len - in;
    int keep = 1;
    if (bl >= REPEAT_MIN_BYTES) {
      uint64_t h = cw_hash64(b->ptr + in, bl);
      size_t k = (size_t)h & (cap - 1);
      for (; len[k]; k = (k + 1) & (cap - 1))
        if (hash[k] == h && len[k] == bl &&
            !memcmp(b->ptr + start[k], b->ptr + in, bl)) {
          keep = 0;
          break;
        }
      if (keep) {
        /* kept blocks only move towards the start: start[] stays valid
         * as their offset once copied */
        hash[k] = h;
        len[k] = bl;
        start[k] = out + (out ? 2 : 0);
      }
    }
    if (keep) {
      if (out) {
        memmove(b->ptr + out, "\n\n", 2);
        out += 2;
      }
      memmove(b->ptr + out, b->ptr + in, bl);
      out += bl;
    }
    in += bl + (end ? 2 : 0);
  }
  b->len = out;
  b->ptr[out] = '\0';
done:
  free(start);
  free(len);
  free(hash);
}

/* ---- boilerplate lines ------------------------------------------------------
 *
 * Lines of the text that are page furniture by their wording, whatever
 * the markup around them (our addition; measured on WCXB's dev pages,
 * whose "without" snippets list such furniture): an ad slot's label, a
 * call to subscribe or follow, a forum's poster statistics and buttons, a
 * shop's and a site's controls ("Add to cart", "See all", "Log in"), a
 * photo credit, the heading of a "related" list (and, near the end, the
 * list after it); at the head a dateline or a reading time; at the end a
 * copyright line or an author box's heading; an affiliate disclosure as
 * the first or last line. Each test is of a short line, so that a sentence
 * of the story that uses the same words is kept, and none is of
 * preformatted text (PRE_MARK). */

/* Lines longer than this are never boilerplate by their wording. */
#define LINE_MAX_BYTES 600
/* A "related" heading this far into the text ends it: what follows is the
 * list it introduces and the page's furniture after it. */
#define RELATED_TAIL_SHARE 0.7
/* A "More from ..." heading is one up to this many bytes ("More from The
 * Kelby Gazette"). */
#define MORE_FROM_CHARS 40
/* A ticker line (ticker_line) repeats a phrase of up to TICKER_MAX_UNIT
 * bytes at least TICKER_MIN_COPIES times. */
#define TICKER_MIN_COPIES 8
#define TICKER_MAX_UNIT 60
/* Author boxes and copyright lines are looked for in this last share of
 * the text. */
#define TAIL_SHARE 0.15
/* A line that is only a date, or a reading time, is the page's dateline
 * among the text's first HEAD_LINES lines (further on, the items of a
 * listing carry them). */
#define HEAD_LINES 3

static int is_alnum_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

/* s starts with the words w (lower case), ending at a word boundary. */
static int starts_word(const char *s, const char *w) {
  /* the first byte settles most tests without a call */
  if (w[0] && s[0] != w[0])
    return 0;
  size_t n = strlen(w);
  return !strncmp(s, w, n) && !is_alnum_byte(s[n]);
}

static int starts_any(const char *s, const char *const *ws, size_t k) {
  for (size_t i = 0; i < k; i++)
    if (starts_word(s, ws[i]))
      return 1;
  return 0;
}
#define STARTS_ANY(s, arr) starts_any(s, arr, sizeof arr / sizeof *arr)

/* Calls to subscribe, sign up or follow (a line that begins with one). */
static int cta_line(const char *s, size_t len) {
  static const char *const cta[] = {
      "sign up", "subscribe", "join our", "join my", "join the facebook",
      "join the conversation", "join the discussion", "follow us",
      "follow me", "stay connected", "would you like to receive",
      "pin this for later", "pin it for later", "pin for later",
      "want more from", "thank you for subscribing", "sponsor this"};
  /* or ends with the promise: "The week's best, directly in your inbox.",
   * or asks for support: "Our reporting is funded by readers like you." */
  return len <= 120 &&
         (STARTS_ANY(s, cta) || strstr(s, "your inbox") ||
          strstr(s, "by readers like you"));
}

/* A forum poster's statistics: "Posts: 1,077", "Join Date: Aug 2008". */
static int forum_stat_line(const char *s, size_t len) {
  static const char *const labels[] = {
      "join date", "joined", "posts", "threads", "messages", "reputation",
      "reaction score", "points", "likes received", "trophy points"};
  if (len > 40)
    return 0;
  for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
    if (labels[i][0] && s[0] != labels[i][0])
      continue;
    size_t n = strlen(labels[i]);
    if (strncmp(s, labels[i], n) || is_alnum_byte(s[n]))
      continue;
    const char *p = s + n;
    while (*p == ' ' || *p == ':')
      p++;
    /* a label of two words alone, its value on the next line ("Reaction
     * score"; a single word, "Posts", may be a heading) */
    if (*p == '\0' && strchr(labels[i], ' '))
      return 1;
    if (i < 2) /* a join date: any short value */
      return *p != '\0';
    if (!(*p >= '0' && *p <= '9'))
      return 0;
    while ((*p >= '0' && *p <= '9') || *p == ',' || *p == '.')
      p++;
    if (*p == 'k')
      p++;
    return *p == '\0';
  }
  return 0;
}

static int ends_with(const char *s, size_t len, const char *w) {
  size_t n = strlen(w);
  return len >= n && !memcmp(s + len - n, w, n);
}

/* "© 2025 ...", "Copyright 2004-2025 ...", "... All rights reserved." */
static int copyright_line(const char *raw, const char *s, size_t len) {
  if (len > 200)
    return 0;
  while (*raw == ' ')
    raw++;
  if (!strncmp(raw, "\xC2\xA9", 2) || starts_word(s, "copyright"))
    return 1;
  return ends_with(s, len, "all rights reserved") ||
         ends_with(s, len, "all rights reserved.");
}

/* Controls and their labels: "Back to top", "Share this", "Sort by:",
 * "Reply with quote", "Added to your cart!". */
static int control_line(const char *s, size_t len) {
  static const char *const whole[] = {
      "back to top", "skip to content", "skip to main content",
      "rate this page", "print this page", "share this", "share this post",
      "share this article", "share this page", "share this story", "tweet",
      "email this", "leave a comment", "leave a reply", "loading",
      "loading paragraph", "loading image", "sort by", "book a demo",
      "book a call", "book a consultation", "book a lesson",
      "talk to our experts", "talk to our expert", "talk to our team",
      "talk to an expert", "request a quote", "request a demo", "get a quote",
      "get a free quote", "get a demo", "shop now", "buy now", "download now",
      "download the app", "start free trial", "start your free trial",
      "log in", "login", "sign in", "register", "register here",
      "get started", "get started now", "get started today", "try for free",
      "try it free", "start for free",
      /* a forum's buttons and ranks */
      "reply with quote", "reply", "quote", "multi quote", "report",
      "report post", "permalink", "link to post", "like", "likes", "share",
      "member", "new member", "registered user", "junior member",
      "senior member", "full member", "active member", "well-known member",
      /* a documentation page's */
      "expand description", "on this page", "jump to section",
      "jump to the list", "skip to",
      /* a listing's and a site's */
      "contact", "contact us", "donate", "donate now", "donate today",
      "support us", "search this site"};
  static const char *const lead[] = {
      "add to cart", "add to bag", "add to basket", "add to wishlist",
      "notify me when", "share on", "already have an account",
      "download the app", "download our app", "get the app", "get our app",
      "type to search"};
  static const char *const more[] = {"see",   "view",     "show",    "load",
                                     "read",  "learn",    "find out", "tell me",
                                     "discover"};
  /* notices to a visitor (a shop's price labels stay: on a listing they
   * are its items') */
  static const char *const notice[] = {
      "sent from my", "you must log in", "you must sign in",
      "you must be logged in", "join to see", "log in to reply",
      "log in to answer", "log in to comment", "remove all",
      "added to your cart", "free shipping over",
      "free shipping on orders over", "this topic was automatically closed",
      "this thread was automatically closed"};
  /* a comment form's small print: "Your email address will not be
   * published.", "By posting a comment, you consent to ..." */
  static const char *const small_print[] = {
      "your email address will not be published",
      "your email will not be published", "by posting a comment",
      "by submitting a comment", "by submitting this form",
      "by submitting your comment"};
  if (len <= 140 && STARTS_ANY(s, notice))
    return 1;
  if (len <= 300 && STARTS_ANY(s, small_print))
    return 1;
  /* a forum's word to a visitor not logged in: "You're browsing the
   * boards as a guest. Sign up for free (or log in) to post messages" */
  if (len <= 300 && strstr(s, "as a guest") &&
      (strstr(s, "sign up") || strstr(s, "log in") || strstr(s, "register")))
    return 1;
  if (len > 70)
    return 0;
  /* the line without its trailing punctuation and arrows */
  size_t n = len;
  while (n && !is_alnum_byte(s[n - 1]))
    n--;
  /* the first byte settles most without a call */
  for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
    if (whole[i][0] == s[0] && n == strlen(whole[i]) &&
        !memcmp(s, whole[i], n))
      return 1;
  if (STARTS_ANY(s, lead) && len <= 40)
    return 1;
  /* "See all", "View more", "Load more stories" */
  for (size_t k = 0; k < sizeof more / sizeof *more; k++) {
    if (more[k][0] && s[0] != more[k][0])
      continue;
    size_t m = strlen(more[k]);
    if (!strncmp(s, more[k], m) &&
        (starts_word(s + m, " all") || starts_word(s + m, " more"))) {
      int words = 1;
      for (size_t i = 0; i < n; i++)
        words += s[i] == ' ';
      if (words <= 3)
        return 1;
    }
  }
  /* a pager's "Page 2 of 8" */
  if (starts_word(s, "page")) {
    const char *p = s + 4;
    int parts = 0;
    while (*p == ' ' && p[1] >= '0' && p[1] <= '9') {
      p++;
      while (*p >= '0' && *p <= '9')
        p++;
      parts++;
      if (parts == 1 && starts_word(p, " of"))
        p += 3;
    }
    if (parts == 2 && (size_t)(p - s) == n)
      return 1;
  }
  /* "10+ Year Member" */
  if (n <= 24 && n >= 11 && !memcmp(s + n - 11, "year member", 11) &&
      s[0] >= '0' && s[0] <= '9')
    return 1;
  return strstr(s, "calculated at checkout") != NULL && len <= 70;
}

/* How the heading of a list of other stories begins (related_heading). */
static const char *const related_heads[] = {
    "you might also like", "you may also like", "you might like",
    "you may like", "you might also enjoy", "you may also enjoy",
    "you might enjoy", "you may enjoy", "you may be interested",
    "you might be interested", "you may also be interested",
    "you might also be interested", "recommended for you",
    "recommended reading", "people also viewed", "people who viewed",
    "people also bought", "people who bought", "people also read",
    "about the author"};

/* A link to one other story set in the text: "You might also like: The
 * Saltmere Lock Reopens" (the line only; the text goes on after it). */
static int related_link_line(const char *s, size_t len) {
  if (len > 200)
    return 0;
  for (size_t i = 0; i < sizeof related_heads / sizeof *related_heads;
       i++) {
    /* (the author box's heading with a name after it is a bio_line) */
    if (!starts_word(s, related_heads[i]) ||
        !strcmp(related_heads[i], "about the author"))
      continue;
    const char *p = s + strlen(related_heads[i]);
    if (*p != ':')
      return 0;
    while (*++p == ' ')
      ;
    return *p != '\0';
  }
  return 0;
}

/* The heading of a list of other stories or products ("You might also
 * like", "More stories", "People who viewed this item also viewed"). */
static int related_heading(const char *s, size_t len) {
  static const char *const first[] = {"other", "more", "related", "similar",
                                      "trending", "popular", "latest",
                                      "recommended"};
  static const char *const second[] = {"posts", "articles", "stories",
                                       "reads", "news"};
  if (len > 80)
    return 0;
  /* a heading, not a sentence: no full stop inside (trailing dots and a
   * colon allowed) */
  size_t n = len;
  while (n && (s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == ' '))
    n--;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '.' || s[i] == '!' || s[i] == '?' || s[i] == '"')
      return 0;
  if (STARTS_ANY(s, related_heads))
    return 1;
  /* "More from The Ledger", "More from this brand:" */
  if (starts_word(s, "more from") && n <= MORE_FROM_CHARS)
    return 1;
  for (size_t i = 0; i < sizeof first / sizeof *first; i++) {
    if (first[i][0] && s[0] != first[i][0])
      continue;
    size_t k = strlen(first[i]);
    if (!strncmp(s, first[i], k) && s[k] == ' ' &&
        STARTS_ANY(s + k + 1, second))
      return 1;
  }
  return 0;
}

/* A reading time: "5 min read", "Ann Lee | 7 minute read" (at the head). */
static int read_time_line(const char *s, size_t len) {
  static const char *const lead[] = {"reading time", "read time",
                                     "estimated reading time"};
  if (len <= 40 && STARTS_ANY(s, lead))
    return 1;
  return len <= 60 &&
         (strstr(s, " min read") || strstr(s, " mins read") ||
          strstr(s, " min. read") || strstr(s, " minute read") ||
          strstr(s, " minutes read") || strstr(s, " min reading"));
}

/* A word of a date line: a number ("15", "2025", "10:39", "12/15/2025",
 * "5th", "10:39am"), a month or weekday name, "at", "am", "pm" or a time
 * zone's letters. */
static int date_word(const char *w, size_t n) {
  static const char *const names[] = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
      "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  static const char *const small[] = {
      "at", "am", "pm", "a.m.", "p.m.", "utc", "gmt", "et", "est", "edt",
      "pt", "pst", "pdt", "ct", "cst", "cdt", "bst", "cet", "cest", "ist",
      "min", "mins", "minute", "minutes", "hour", "hours", "day", "days",
      "week", "weeks", "ago"};
  size_t i = 0;
  while (i < n && ((w[i] >= '0' && w[i] <= '9') || w[i] == '.' ||
                   w[i] == '/' || w[i] == ':' || w[i] == '-'))
    i++;
  if (i == n)
    return 1;
  if (i > 0) { /* "5th", "10:39am" */
    const char *r = w + i;
    size_t k = n - i;
    return (k == 2 && (!strncmp(r, "st", 2) || !strncmp(r, "nd", 2) ||
                       !strncmp(r, "rd", 2) || !strncmp(r, "th", 2) ||
                       !strncmp(r, "am", 2) || !strncmp(r, "pm", 2)));
  }
  for (size_t k = 0; k < sizeof small / sizeof *small; k++)
    if (n == strlen(small[k]) && !strncmp(w, small[k], n))
      return 1;
  if (n < 3 || n > 10)
    return 0;
  for (size_t k = 0; k < n; k++)
    if (!((w[k] >= 'a' && w[k] <= 'z') || (k == n - 1 && w[k] == '.')))
      return 0;
  for (size_t k = 0; k < sizeof names / sizeof *names; k++)
    if (!strncmp(w, names[k], 3))
      return 1;
  return 0;
}

/* A line that is a date and nothing else, after a label: "15 Dec, 2025",
 * "Published June 23, 2025 10:39AM", "Updated: 2025-09-13", "June 11,
 * 2025 5 min", "Published 6 hours ago". At the head
 * of the text it is the page's dateline, which the metadata carries. */
static int date_line(const char *s, size_t len) {
  static const char *const labels[] = {
      "last updated on", "last updated", "published on", "published",
      "posted on", "posted", "updated on", "updated"};
  if (len > 48)
    return 0;
  for (size_t k = 0; k < sizeof labels / sizeof *labels; k++)
    if (starts_word(s, labels[k])) {
      s += strlen(labels[k]);
      break;
    }
  const char *p = s;
  int words = 0;
  while (*p) {
    while (*p == ' ' || *p == ',' || *p == '|' || *p == ':')
      p++;
    const char *w = p;
    while (*p && *p != ' ' && *p != ',' && *p != '|')
      p++;
    size_t n = (size_t)(p - w);
    if (n && !date_word(w, n))
      return 0;
    words += n > 0;
  }
  char iso[32];
  while (*s == ' ' || *s == ':')
    s++;
  /* "Published 6 hours ago" */
  size_t sl = strlen(s);
  if (words >= 1 && sl >= 4 && !strcmp(s + sl - 4, " ago"))
    return 1;
  return words >= 1 && cw_html_norm_date(s, iso);
}

/* A photo credit: "Photo: Ann Lee / Kelby Gazette", "Image credit: ...". */
static int credit_line(const char *s, size_t len) {
  static const char *const lead[] = {
      "image:", "images:", "photo:", "photos:", "photograph:", "picture:",
      "illustration:", "credit:", "image credit:", "photo credit:",
      "image credits:", "photo credits:"};
  if (len > 80)
    return 0;
  for (size_t k = 0; k < sizeof lead / sizeof *lead; k++)
    if ((!lead[k][0] || s[0] == lead[k][0]) &&
        !strncmp(s, lead[k], strlen(lead[k])))
      return 1;
  return 0;
}

/* An author's box: "About the author", "Written by Ann Lee". (The
 * sentences of a bio, "Ann Lee is a writer who ...", the pages' own text
 * as often as not, stay.) */
static int bio_line(const char *s, size_t len) {
  return starts_word(s, "about the author") ||
         (starts_word(s, "written by") && len <= 50);
}

/* An affiliate disclosure ("This post contains affiliate links ..."). */
static int disclosure_line(const char *s, size_t len) {
  static const char *const marks[] = {
      "affiliate link", "earn a commission", "earn us a commission",
      "small commission", "qualifying purchases",
      "chosen independently by our editors"};
  if (len > 400)
    return 0;
  for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
    if (strstr(s, marks[i]))
      return 1;
  return 0;
}

static int ad_label(const char *s, size_t len) {
  static const char *const labels[] = {
      "advertisement", "advertisement - continue reading below",
      "article continues below", "story continues below",
      "continue reading below", "sponsored", "in partnership with"};
  for (size_t k = 0; k < sizeof labels / sizeof *labels; k++)
    if (len == strlen(labels[k]) && !memcmp(s, labels[k], len))
      return 1;
  return 0;
}

enum { LINE_KEEP, LINE_DROP, LINE_DROP_REST };

/* Verdict on one line (raw, ll bytes, not NUL-terminated) that starts at
 * byte at of a text of total bytes, the index-th line with text; first /
 * last: no text kept before it / none after it. */
/* A ticker: one short phrase with a letter in it, TICKER_MIN_COPIES times
 * or more and nothing else ("Book now *Book now *Book now *..."): a
 * scrolling strip repeats its words so that they loop; a sentence, or a
 * table's row of column heads, does not repeat so often. */
static int ticker_line(const char *t, size_t tl) {
  /* (a line of preformatted text opens with PRE_MARK: never one) */
  if (tl < TICKER_MIN_COPIES * 2 || !is_alnum_byte(t[0]))
    return 0;
  /* the unit: up to where the line starts over */
  size_t unit = 0;
  for (size_t p = 1; p <= TICKER_MAX_UNIT && p * TICKER_MIN_COPIES <= tl;
       p++)
    if (t[p] == t[0] && !memcmp(t, t + p, p)) {
      unit = p;
      break;
    }
  if (!unit)
    return 0;
  int letter = 0;
  for (size_t i = 0; i < unit && !letter; i++)
    letter = (t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z');
  if (!letter)
    return 0;
  /* the rest repeats it (the last copy may be cut short) */
  for (size_t i = unit; i < tl; i++)
    if (t[i] != t[i - unit])
      return 0;
  return 1;
}

static int judge_line(const char *raw, size_t ll, size_t at, size_t total,
                      size_t index, int first, int last) {
  char low[LINE_MAX_BYTES + 1], org[LINE_MAX_BYTES + 1];
  const char *t = raw;
  size_t tl = ll;
  cw_trim(&t, &tl);
  /* a ticker of any length (before the limit on lines below) */
  if (tl && ticker_line(t, tl))
    return LINE_DROP;
  if (!tl || tl > LINE_MAX_BYTES || t[0] == PRE_MARK)
    return LINE_KEEP;
  /* the words from the first letter or digit on, ASCII lower-cased */
  size_t skip = 0;
  while (skip < tl && !is_alnum_byte(t[skip]))
    skip++;
  if (skip == tl)
    return LINE_KEEP;
  memcpy(org, t, tl);
  org[tl] = '\0';
  size_t n = tl - skip;
  for (size_t i = 0; i < n; i++) {
    char c = t[skip + i];
    low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  low[n] = '\0';
  int tail = (double)(total - at) < TAIL_SHARE * (double)total;
  if (ad_label(low, n) || cta_line(low, n) || forum_stat_line(low, n) ||
      control_line(low, n) || credit_line(low, n) ||
      (tail && copyright_line(org, low, n)) ||
      (index < HEAD_LINES && (date_line(low, n) || read_time_line(low, n))))
    return LINE_DROP;
  if (related_link_line(low, n))
    return LINE_DROP;
  if (related_heading(low, n))
    return (double)at > RELATED_TAIL_SHARE * (double)total ? LINE_DROP_REST
                                                           : LINE_DROP;
  if (tail && bio_line(low, n))
    return LINE_DROP;
  if ((first || last) && disclosure_line(low, n))
    return LINE_DROP;
  return LINE_KEEP;
}

/* Drops boilerplate lines (judge_line) from the text in b, and the blank
 * lines around them. */
static void drop_boiler_lines(cw_buf *b) {
  size_t in = 0, out = 0, total = b->len, index = 0;
  int dropped = 0, kept = 0; /* kept: a line with text is kept */
  while (in < b->len) {
    const char *nl = memchr(b->ptr + in, '\n', b->len - in);
    size_t ll = nl ? (size_t)(nl - (b->ptr + in)) : b->len - in;
    size_t next = in + ll + (nl ? 1 : 0);
    int last = 1;
    for (size_t k = next; k < b->len && last; k++)
      last = cw_html_space((unsigned char)b->ptr[k]);
    int v = judge_line(b->ptr + in, ll, in, total, index, !kept, last);
    int has_text = 0;
    for (size_t k = 0; k < ll && !has_text; k++)
      has_text = !cw_html_space((unsigned char)b->ptr[in + k]);
    index += has_text;
    kept |= has_text && v == LINE_KEEP;
    if (v == LINE_DROP_REST) {
      dropped = 1;
      break;
    }
    if (v == LINE_KEEP) {
      memmove(b->ptr + out, b->ptr + in, next - in);
      out += next - in;
    }
    dropped |= v != LINE_KEEP;
    in = next;
  }
  if (!dropped)
    return;
  /* the blank lines around a dropped one: no run of more than one, none
   * at the ends */
  size_t o = 0, nls = 0;
  for (size_t i = 0; i < out; i++) {
    if (b->ptr[i] == '\n') {
      nls++;
      continue;
    }
    if (o && nls)
      for (size_t k = 0; k < (nls > 2 ? 2 : nls); k++)
        b->ptr[o++] = '\n';
    nls = 0;
    b->ptr[o++] = b->ptr[i];
  }
  b->len = o;
  b->ptr[o] = '\0';
}

static void drop_pre_marks(cw_buf *b) {
  /* most texts have none: they are left as they are */
  const char *first = b->len ? memchr(b->ptr, PRE_MARK, b->len) : NULL;
  if (!first)
    return;
  size_t o = (size_t)(first - b->ptr);
  for (size_t i = o; i < b->len; i++)
    if (b->ptr[i] != PRE_MARK)
      b->ptr[o++] = b->ptr[i];
  b->len = o;
  b->ptr[o] = '\0';
}

/* Keeps cur in best when it is longer (or best is empty). */
static void keep_longer(cw_buf *best, cw_vec *best_caps, size_t *best_chars,
                        cw_buf *cur, cw_vec *cur_caps) {
  size_t n = chars(cur);
  if (best->len && n <= *best_chars)
    return;
  cw_buf tb = *best;
  *best = *cur;
  *cur = tb;
  cw_vec tv = *best_caps;
  *best_caps = *cur_caps;
  *cur_caps = tv;
  *best_chars = n;
}

/* The passes after a short first one: fewer removals each, over copies of
 * the pruned body, keeping the longest text; then the main region, which
 * replaces it when it is the page's content (see REGION_GAIN). */
static cw_status retry(xmlDoc *doc, xmlNode *body, double page_len,
                       const cw_html_meta *m, cw_buf *best, cw_vec *best_caps,
                       size_t *best_chars) {
  static const int flag_sets[] = {F_WEIGHT_CLASSES | F_CLEAN_COND,
                                  F_CLEAN_COND, 0};
  cw_status st = CW_OK;
  cw_buf cur;
  cw_vec cur_caps;
  cw_vec_init(&cur_caps, sizeof(char *));
  for (size_t k = 0; k < sizeof flag_sets / sizeof *flag_sets; k++) {
    cw_buf_init(&cur, 0);
    st = attempt(doc, body, page_len, m, flag_sets[k], &cur, &cur_caps,
                 NULL);
    if (!st)
      keep_longer(best, best_caps, best_chars, &cur, &cur_caps);
    cw_buf_free(&cur);
    free_captions(&cur_caps);
    if (st || *best_chars >= CHAR_THRESHOLD)
      break;
  }
  if (!st) {
    cw_buf_init(&cur, 0);
    cw_buf scratch;
    cw_buf_init(&scratch, 0);
    double boiler = 0;
    st = region_text(body, &cur, &scratch, &boiler);
    cw_buf_free(&scratch);
    /* short scored text: no article, and the region is the page's content
     * unless much shorter still; a text only a retry found gives way to
     * a region REGION_GAIN times as long */
    double need = *best_chars < CHAR_THRESHOLD ? REGION_MIN_SHARE
                                                : REGION_GAIN;
    if (!st &&
        (double)chars(&cur) + boiler >= need * (double)*best_chars) {
      cw_buf tmp = *best;
      *best = cur;
      cur = tmp;
      free_captions(best_caps);
      *best_chars = chars(best);
    }
    cw_buf_free(&cur);
  }
  cw_vec_free(&cur_caps);
  return st;
}

cw_status cw_html_body(xmlDoc *doc, xmlNode *body, double page_len,
                       const cw_html_meta *m, cw_buf *out, cw_vec *captions) {
  cw_buf best;
  cw_vec best_caps;
  cw_buf_init(&best, 0);
  cw_vec_init(&best_caps, sizeof(char *));
  cw_status st = CW_OK;
  size_t best_chars = 0;
  xmlDict *made_dict = NULL;
  if (!body)
    goto done;
  pthread_once(&kinds_once, kinds_build);
  /* on a copy: copying is cheaper than parsing the page again for the
   * retries (measured), and the copy, compact in memory, scores faster */
  int in_article = 0;
  /* libxml2's HTML parser builds no dictionary (each node its own copy of
   * its name): one given to the document for the passes holds the names
   * and the white space of the copies (copy_rec), which are then neither
   * copied nor freed one by one; the parsed nodes' own strings are not
   * its and are freed as before. Taken back when the passes are done (at
   * done: the copies are gone, and nothing of the page's own tree holds
   * its strings), so that freeing the page does not look every string up
   * in it. */
  if (!doc->dict)
    doc->dict = made_dict = xmlDictCreate();
  st = attempt(doc, body, page_len, m,
               F_STRIP_UNLIKELY | F_WEIGHT_CLASSES | F_CLEAN_COND, &best,
               &best_caps, &in_article);
  best_chars = chars(&best);
  /* a short text in an <article> is the story as its page marks it */
  if (!st && (best_chars < CHAR_THRESHOLD ||
              (best_chars < SHORT_TEXT_CHARS && !in_article)))
    st = retry(doc, body, page_len, m, &best, &best_caps, &best_chars);
  if (!st) {
    if (best.len) {
      drop_repeats(&best);
      drop_boiler_lines(&best);
      drop_pre_marks(&best);
    }
    cw_buf_append(out, best.ptr, best.len);
    for (size_t i = 0; i < best_caps.len; i++) {
      char **slot = cw_vec_push(captions);
      if (slot) {
        *slot = CW_VEC_AT(&best_caps, char *, i);
        CW_VEC_AT(&best_caps, char *, i) = NULL;
      }
    }
  }
done:
  if (made_dict && doc->dict == made_dict) {
    doc->dict = NULL;
    xmlDictFree(made_dict);
  }
  free_captions(&best_caps);
  cw_vec_free(&best_caps);
  cw_buf_free(&best);
  return st ? st : out->err;
}
