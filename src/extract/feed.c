/* feed.c - RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and JSON Feed 1.0/1.1
 * read into Python feedparser's normalized model, and feed entries turned
 * into articles.
 *
 * Why feedparser's model: it is the de facto reference for what a feed
 * "means" (which of dc:date, pubDate and atom:updated is the date, how a
 * person is split into name and e-mail, how xml:base and xml:lang inherit),
 * and its large test suite can then be run against us path for path.
 *
 * XML goes through libxml2's DOM parser in recovery mode: real feeds are
 * often ill-formed (unclosed tags, HTML entities, truncated downloads), and
 * a reader that gives up on them loses news. Whatever libxml2 complains
 * about sets "bozo" with the first complaint as "bozo_reason", as feedparser
 * does. Hostile input is bounded: no network, no external entities, entity
 * declarations that expand other entities are refused before parsing (the
 * "billion laughs"), and our own walks are limited in depth and in nodes.
 *
 * HTML inside feeds (escaped descriptions, CDATA, inline XHTML) is
 * sanitised by a small tokenizer rather than a DOM round trip so that the
 * text between tags is kept byte for byte (entity spellings included, as
 * feedparser keeps them). Only allow-listed elements and attributes
 * survive, rebuilt from scratch: feedparser's list (html5lib's, without
 * SVG and MathML), no event handlers, URL attributes resolved and
 * emptied unless their scheme is safe, style cut down to plain CSS
 * properties, script/style/applet dropped with their content, and every
 * open element closed.
 */
#include "extract/feed.h"

#include "core/time.h"

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Element depth our walks follow: feeds nest a handful of levels (rss >
 * channel > item > media:group > media:content); anything deeper is not
 * feed structure. libxml2 itself stops at 256 levels. */
#define FEED_MAX_DEPTH 64
/* Nodes visited per document, counting entity content each time it is
 * referenced: bounds the work of any document whatever its shape. */
#define FEED_MAX_NODES 4000000L
/* Entries kept per feed: real feeds carry tens to a few thousand. */
#define FEED_MAX_ENTRIES 20000
/* Bytes of one text value (a title, an entry's content). */
#define FEED_MAX_FIELD ((size_t)8 << 20)
/* Entity declarations in a DOCTYPE: feeds declare a few HTML entities at
 * most; hundreds are an attack or not a feed. */
#define FEED_MAX_ENTITY_DECLS 128
/* Bytes looked at for the DOCTYPE and its internal subset. */
#define FEED_MAX_PROLOG ((size_t)64 << 10)
/* Open allow-listed tags tracked by the sanitiser. */
#define SANITIZE_MAX_OPEN 128

/* Recover from errors, never touch the network, no DTD loading (so no
 * external entities), CDATA as plain text, quiet. */
#define FEED_XML_OPTS                                                          \
  (XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |                  \
   XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

/* ---- small helpers ----------------------------------------------------- */

static int streq(const char *a, const char *b) {
  return a && b && strcmp(a, b) == 0;
}

static int is_alpha(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static void utf8_put(cw_buf *b, unsigned cp) {
  char s[4];
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    cp = 0xFFFD;
  if (cp < 0x80) {
    cw_buf_putc(b, (char)cp);
  } else if (cp < 0x800) {
    s[0] = (char)(0xC0 | (cp >> 6));
    s[1] = (char)(0x80 | (cp & 0x3F));
    cw_buf_append(b, s, 2);
  } else if (cp < 0x10000) {
    s[0] = (char)(0xE0 | (cp >> 12));
    s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    s[2] = (char)(0x80 | (cp & 0x3F));
    cw_buf_append(b, s, 3);
  } else {
    s[0] = (char)(0xF0 | (cp >> 18));
    s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    s[3] = (char)(0x80 | (cp & 0x3F));
    cw_buf_append(b, s, 4);
  }
}

/* Value of an entity reference at s[0] == '&' (n bytes left): the code
 * point in *cp and the bytes it spans, or 0 when it is not a reference. */
static size_t entity_at(const char *s, size_t n, unsigned *cp) {
  size_t i = 1;
  if (n < 3)
    return 0;
  if (s[1] == '#') {
    unsigned long v = 0;
    int hex = i + 1 < n && (s[2] == 'x' || s[2] == 'X');
    i = hex ? 3 : 2;
    size_t start = i;
    while (i < n && i - start < 8 &&
           (is_digit(s[i]) ||
            (hex && ((lower(s[i]) >= 'a' && lower(s[i]) <= 'f'))))) {
      int c = lower(s[i]);
      v = v * (hex ? 16 : 10) + (unsigned long)(is_digit(c) ? c - '0'
                                                            : c - 'a' + 10);
      i++;
    }
    if (i == start || i >= n || s[i] != ';')
      return 0;
    *cp = v > 0x10FFFF ? 0xFFFD : (unsigned)v;
    return i + 1;
  }
  char name[33];
  while (i < n && i < 33 && (is_alpha(s[i]) || is_digit(s[i]))) {
    name[i - 1] = s[i];
    i++;
  }
  if (i == 1 || i >= n || s[i] != ';' || i > 32)
    return 0;
  name[i - 1] = '\0';
  const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
  if (!e) {
    if (streq(name, "apos")) {
      *cp = '\'';
      return i + 1;
    }
    return 0;
  }
  *cp = e->value;
  return i + 1;
}

/* Windows-1252 meanings of the C1 controls U+0080..U+009F: feeds declared
 * ISO-8859-1 are nearly always written in Windows-1252, and a C1 control
 * in news text is always such a smart quote or dash. 0 = unassigned. */
static const unsigned short cp1252_c1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static void utf8_put(cw_buf *b, unsigned cp);

/* Appends UTF-8 text with C1 controls read as Windows-1252. */
static void put_text(cw_buf *b, const char *s, size_t n) {
  size_t run = 0;
  for (size_t i = 0; i + 1 < n; i++) {
    unsigned char c = (unsigned char)s[i], d = (unsigned char)s[i + 1];
    if (c == 0xC2 && d >= 0x80 && d <= 0x9F && cp1252_c1[d - 0x80]) {
      cw_buf_append(b, s + run, i - run);
      utf8_put(b, cp1252_c1[d - 0x80]);
      run = i + 2;
      i++;
    }
  }
  cw_buf_append(b, s + run, n - run);
}

/* Appends s with &, <, > (and " when attr) escaped. */
static void escape_html(cw_buf *b, const char *s, size_t n, int attr) {
  for (size_t i = 0; i < n; i++) {
    switch (s[i]) {
    case '&':
      cw_buf_puts(b, "&amp;");
      break;
    case '<':
      cw_buf_puts(b, "&lt;");
      break;
    case '>':
      cw_buf_puts(b, "&gt;");
      break;
    case '"':
      cw_buf_puts(b, attr ? "&quot;" : "\"");
      break;
    default:
      cw_buf_putc(b, s[i]);
    }
  }
}

/* ---- HTML tokenizer (sanitiser and plain text share it) ---------------- */

typedef struct html_tag {
  char name[32]; /* lower case; "" when longer than 31 bytes */
  int end;       /* </name> */
  int self_close;
  const char *attrs; /* raw attribute text */
  size_t attrs_len;
  size_t next; /* index after '>' */
} html_tag;

/* Index after the last '>' of s (0 when there is none): no tag can start
 * at or after it, which keeps "<a<a<a..." without a '>' linear. */
static size_t tags_end(const char *s, size_t n) {
  while (n > 0 && s[n - 1] != '>')
    n--;
  return n;
}

/* Parses the tag at s[i] == '<'; limit is tags_end(s, n). Returns 1 when
 * it is a tag. */
static int parse_tag(const char *s, size_t n, size_t limit, size_t i,
                     html_tag *t) {
  size_t j = i + 1;
  memset(t, 0, sizeof *t);
  if (i >= limit)
    return 0;
  if (j < n && s[j] == '/') {
    t->end = 1;
    j++;
  }
  if (j >= n || !is_alpha(s[j]))
    return 0;
  size_t k = 0;
  while (j < n && (is_alpha(s[j]) || is_digit(s[j]) || s[j] == ':' ||
                   s[j] == '-' || s[j] == '_' || s[j] == '.')) {
    if (k < sizeof t->name - 1)
      t->name[k] = (char)lower(s[j]);
    k++;
    j++;
  }
  if (k >= sizeof t->name)
    t->name[0] = '\0';
  t->attrs = s + j;
  /* find the closing '>' outside quoted values; a quote opens a value
   * only after '=', and one never closed leaves the tag at the first '>'
   * (href=http://x/" is a missing quote, not a quoted "> ...) */
  char q = 0;
  size_t qstart = 0;
  char prev = 0; /* last non-space character */
  while (j < limit) {
    if (q) {
      if (s[j] == q)
        q = 0;
    } else if ((s[j] == '"' || s[j] == '\'') && prev == '=') {
      q = s[j];
      qstart = j;
    } else if (s[j] == '>') {
      break;
    }
    if (!cw_is_space((unsigned char)s[j]))
      prev = s[j];
    j++;
  }
  if (j >= limit && q) {
    const char *gt = memchr(s + qstart, '>', limit - qstart);
    if (!gt)
      return 0;
    j = (size_t)(gt - s);
  }
  if (j >= limit)
    return 0;
  t->attrs_len = (size_t)(s + j - t->attrs);
  if (t->attrs_len && t->attrs[t->attrs_len - 1] == '/') {
    t->self_close = 1;
    t->attrs_len--;
  }
  t->next = j + 1;
  return 1;
}

/* Next attribute of a tag: name and value slices. Returns 0 at the end. */
static int next_attr(const char *a, size_t n, size_t *pos, const char **name,
                     size_t *nlen, const char **val, size_t *vlen) {
  size_t i = *pos;
  while (i < n && (cw_is_space((unsigned char)a[i]) || a[i] == '/'))
    i++;
  if (i >= n)
    return 0;
  *name = a + i;
  while (i < n && !cw_is_space((unsigned char)a[i]) && a[i] != '=' &&
         a[i] != '/')
    i++;
  *nlen = (size_t)(a + i - *name);
  *val = NULL;
  *vlen = 0;
  while (i < n && cw_is_space((unsigned char)a[i]))
    i++;
  if (i < n && a[i] == '=') {
    i++;
    while (i < n && cw_is_space((unsigned char)a[i]))
      i++;
    if (i < n && (a[i] == '"' || a[i] == '\'')) {
      char q = a[i++];
      *val = a + i;
      while (i < n && a[i] != q)
        i++;
      *vlen = (size_t)(a + i - *val);
      if (i < n)
        i++;
    } else {
      *val = a + i;
      while (i < n && !cw_is_space((unsigned char)a[i]))
        i++;
      *vlen = (size_t)(a + i - *val);
    }
  }
  if (*nlen == 0)
    i++; /* stray character: step over it */
  *pos = i;
  return 1;
}

/* Elements dropped with everything inside them (up to their end tag, or
 * to the end of the fragment when it never comes). Other unknown elements
 * (iframe, object, embed: often void in practice) lose only their tags. */
static const char *const drop_with_content[] = {"script", "style", "applet",
                                                "template", "head", "xml"};

/* The sanitiser's vocabulary: the HTML elements and attributes that
 * feedparser (after html5lib's sanitiser) keeps, so that feeds read here
 * and there agree. None of these elements runs script by itself; what
 * could (event handlers, javascript: URLs, CSS) is filtered below: on*
 * attributes are not in the list, URL attributes keep only safe schemes
 * and style keeps only a small set of plain CSS properties. Sorted for
 * bsearch. */
static const char *const acceptable_elements[] = {
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio",
    "b", "big", "blockquote", "br", "button", "canvas", "caption", "center",
    "cite", "code", "col", "colgroup", "command", "datagrid", "datalist",
    "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em",
    "event-source", "fieldset", "figcaption", "figure", "font", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img",
    "input", "ins", "kbd", "keygen", "label", "legend", "li", "m", "map",
    "menu", "meter", "multicol", "nav", "nextid", "noscript", "ol",
    "optgroup", "option", "output", "p", "pre", "progress", "q", "rp", "rt",
    "ruby", "s", "samp", "section", "select", "small", "sound", "source",
    "spacer", "span", "strike", "strong", "sub", "sup", "table", "tbody",
    "td", "textarea", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul",
    "var", "video"
};
static const char *const acceptable_attributes[] = {
    "abbr", "accept", "accept-charset", "accesskey", "action", "align", "alt",
    "autocomplete", "autofocus", "axis", "background", "balance", "bgcolor",
    "bgproperties", "border", "bordercolor", "bordercolordark",
    "bordercolorlight", "bottompadding", "cellpadding", "cellspacing", "ch",
    "challenge", "char", "charoff", "charset", "checked", "choff", "cite",
    "class", "clear", "color", "cols", "colspan", "compact",
    "contenteditable", "controls", "coords", "data", "datafld",
    "datapagesize", "datasrc", "datetime", "default", "delay", "dir",
    "disabled", "draggable", "dynsrc", "enctype", "end", "face", "for",
    "form", "frame", "galleryimg", "gutter", "headers", "height", "hidden",
    "hidefocus", "high", "href", "hreflang", "hspace", "icon", "id",
    "inputmode", "ismap", "keytype", "label", "lang", "leftspacing", "list",
    "longdesc", "loop", "loopcount", "loopend", "loopstart", "low", "lowsrc",
    "max", "maxlength", "media", "method", "min", "multiple", "name",
    "nohref", "noshade", "nowrap", "open", "optimum", "pattern", "ping",
    "point-size", "poster", "pqg", "preload", "prompt", "radiogroup",
    "readonly", "rel", "repeat-max", "repeat-min", "replace", "required",
    "rev", "rightspacing", "rows", "rowspan", "rules", "scope", "selected",
    "shape", "size", "span", "src", "start", "step", "style", "summary",
    "suppress", "tabindex", "target", "template", "title", "toppadding",
    "type", "unselectable", "urn", "usemap", "valign", "value", "variable",
    "volume", "vrml", "vspace", "width", "wrap", "xml:lang"
};
static const char *const void_elements[] = {
    "area", "base", "basefont", "br", "col", "command", "embed", "frame",
    "hr", "img", "input", "isindex", "keygen", "link", "meta", "param",
    "source", "track", "wbr"
};
static const char *const css_properties[] = {
    "azimuth", "background-color", "border-bottom-color", "border-collapse",
    "border-color", "border-left-color", "border-right-color",
    "border-top-color", "clear", "color", "cursor", "direction", "display",
    "elevation", "float", "font", "font-family", "font-size", "font-style",
    "font-variant", "font-weight", "height", "letter-spacing", "line-height",
    "overflow", "pause", "pause-after", "pause-before", "pitch",
    "pitch-range", "richness", "speak", "speak-header", "speak-numeral",
    "speak-punctuation", "speech-rate", "stress", "text-align",
    "text-decoration", "text-indent", "unicode-bidi", "vertical-align",
    "voice-family", "volume", "white-space", "width"
};
static const char *const css_keywords[] = {
    "!important", "aqua", "auto", "black", "block", "blue", "bold", "both",
    "bottom", "brown", "center", "collapse", "dashed", "dotted", "fuchsia",
    "gray", "green", "italic", "left", "lime", "maroon", "medium", "navy",
    "none", "normal", "nowrap", "olive", "pointer", "purple", "red", "right",
    "silver", "solid", "teal", "top", "transparent", "underline", "white",
    "yellow"
};
static int in_list(const char *name, const char *const *list, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(name, list[i]) == 0)
      return (int)i;
  return -1;
}

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static int cmp_name(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Index of name in a sorted list, -1 when absent. */
static int in_sorted(const char *name, const char *const *list, size_t n) {
  const char *const *hit = bsearch(&name, list, n, sizeof *list, cmp_name);
  return hit ? (int)(hit - list) : -1;
}

#define IN_SORTED(name, arr) (in_sorted((name), (arr), N_ELEMS(arr)) >= 0)

/* Attributes holding a URL: their scheme is checked on every element. */
static const char *const url_attributes[] = {
    "action", "background", "cite",   "data",   "datasrc",
    "dynsrc", "href",       "icon",   "longdesc", "lowsrc",
    "ping",   "poster",     "src",    "usemap"};

/* (element, attribute) pairs whose relative URL is resolved against the
 * base, as feedparser resolves them. */
static const char *const resolved_attrs[][2] = {
    {"a", "href"},        {"area", "href"},       {"audio", "src"},
    {"blockquote", "cite"}, {"del", "cite"},      {"form", "action"},
    {"img", "longdesc"},  {"img", "src"},         {"img", "usemap"},
    {"input", "src"},     {"input", "usemap"},    {"ins", "cite"},
    {"q", "cite"},        {"source", "src"},      {"video", "poster"},
    {"video", "src"}};

static int is_resolved_attr(const char *tag, const char *name) {
  for (size_t i = 0; i < N_ELEMS(resolved_attrs); i++)
    if (streq(tag, resolved_attrs[i][0]) && streq(name, resolved_attrs[i][1]))
      return 1;
  return 0;
}

/* Index after the end tag </name> that closes a dropped element. */
static size_t skip_element(const char *s, size_t n, size_t i,
                           const char *name) {
  size_t nl = strlen(name);
  for (; i + 2 + nl <= n; i++)
    if (s[i] == '<' && s[i + 1] == '/' && cw_strncaseeq(s + i + 2, name, nl)) {
      while (i < n && s[i] != '>')
        i++;
      return i < n ? i + 1 : n;
    }
  return n;
}

/* Index after a comment, declaration or processing instruction at s[i]. */
static size_t skip_markup_decl(const char *s, size_t n, size_t i) {
  if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
    for (size_t j = i + 4; j + 3 <= n; j++)
      if (memcmp(s + j, "-->", 3) == 0)
        return j + 3;
    return n;
  }
  while (i < n && s[i] != '>')
    i++;
  return i < n ? i + 1 : n;
}

/* Index after the comment at s[i] == "<!--": it ends at "--" and ">" with
 * only white space between; failing that at the first "--...>" (a comment
 * written to slip markup past a sanitiser); failing that at the end. */
static size_t skip_comment(const char *s, size_t n, size_t i) {
  for (size_t j = i + 4; j + 1 < n; j++)
    if (s[j] == '-' && s[j + 1] == '-') {
      size_t k = j + 2;
      while (k < n && cw_is_space((unsigned char)s[k]))
        k++;
      if (k < n && s[k] == '>')
        return k + 1;
    }
  for (size_t j = i + 4; j + 1 < n; j++)
    if (s[j] == '-' && s[j + 1] == '-') {
      const char *gt = memchr(s + j + 2, '>', n - j - 2);
      return gt ? (size_t)(gt - s) + 1 : n;
    }
  return n;
}

/* Decodes entities of an attribute value. */
static void decode_into(cw_buf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned cp;
    size_t k = s[i] == '&' ? entity_at(s + i, n - i, &cp) : 0;
    if (k) {
      utf8_put(b, cp);
      i += k;
    } else {
      cw_buf_putc(b, s[i++]);
    }
  }
}

/* Schemes a link or an image may use. */
static const char *const safe_schemes[] = {
    "aim",     "callto", "cvs",    "facetime", "feed",   "ftp",   "git",
    "gopher",  "gtalk",  "h323",   "hdl",      "http",   "https", "imap",
    "irc",     "irc6",   "ircs",   "itms",     "magnet", "mailto", "mms",
    "msnim",   "news",   "nntp",   "prospero", "rsync",  "rtsp",  "rtspu",
    "sftp",    "shttp",  "sip",    "sips",     "skype",  "smb",   "snews",
    "ssh",     "svn",    "svn+ssh", "tel",     "telnet", "wais",  "ymsg"};

/* Whether a URL (already resolved) may be linked to: no scheme (relative)
 * or one of safe_schemes. Control characters and white space are ignored
 * when reading the scheme, as browsers do ("java\tscript:"). */
static int safe_url(const char *u) {
  char scheme[16];
  size_t k = 0;
  for (const char *p = u; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c <= 0x20)
      continue;
    if (c == ':') {
      scheme[k] = '\0';
      return in_list(scheme, safe_schemes, N_ELEMS(safe_schemes)) >= 0;
    }
    if (c == '/' || c == '?' || c == '#')
      return 1;
    if (k >= sizeof scheme - 1)
      return 0;
    scheme[k++] = (char)lower(c);
  }
  return 1;
}

/* Value of an upper-case hex digit, -1 for anything else (NUL too). */
static int upper_hex(char c) {
  return is_digit(c) ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* rel resolved against base (RFC 3986), non-ASCII characters (IRIs) kept
 * as they are; extra slashes after "scheme://" dropped, as feedparser
 * does. Returns a malloc'd string, NULL when it cannot be resolved. */
static char *build_uri(const char *rel, const char *base) {
  cw_buf r, bb;
  cw_buf_init(&r, FEED_MAX_FIELD);
  cw_buf_init(&bb, FEED_MAX_FIELD);
  static const char hex[] = "0123456789ABCDEF";
  for (int pass = 0; pass < 2; pass++) {
    const char *s = pass ? base : rel;
    cw_buf *o = pass ? &bb : &r;
    for (const char *p = s; *p; p++) {
      unsigned char c = (unsigned char)*p;
      if (c >= 0x80 || c == ' ') {
        cw_buf_putc(o, '%');
        cw_buf_putc(o, hex[c >> 4]);
        cw_buf_putc(o, hex[c & 15]);
      } else {
        cw_buf_putc(o, (char)c);
      }
    }
    cw_buf_putc(o, '\0');
  }
  char *out = NULL;
  if (!r.err && !bb.err) {
    xmlChar *u = xmlBuildURI((const xmlChar *)r.ptr, (const xmlChar *)bb.ptr);
    if (u) {
      /* undo the escapes of non-ASCII bytes and spaces */
      cw_buf d;
      cw_buf_init(&d, FEED_MAX_FIELD);
      const char *p = (const char *)u;
      const char *sl = strstr(p, "://");
      for (size_t i = 0; p[i];) {
        if (sl && p + i == sl + 3) {
          while (p[i] == '/')
            i++; /* "http:///x" */
          sl = NULL;
          continue;
        }
        int hi = p[i] == '%' ? upper_hex(p[i + 1]) : -1;
        int lo = hi >= 0 ? upper_hex(p[i + 2]) : -1;
        int v = hi * 16 + lo;
        if (hi >= 0 && lo >= 0 && (v >= 0x80 || v == ' ')) {
          cw_buf_putc(&d, (char)v);
          i += 3;
        } else {
          cw_buf_putc(&d, p[i++]);
        }
      }
      xmlFree(u);
      out = d.err ? NULL : cw_buf_detach(&d);
      cw_buf_free(&d);
    }
  }
  cw_buf_free(&r);
  cw_buf_free(&bb);
  return out;
}

/* A URL attribute's value decoded, trimmed, resolved against base when
 * resolve is set, and "" when its scheme is not safe; caller frees. */
static char *safe_href(const char *v, size_t n, const char *base,
                       int resolve_it) {
  cw_buf d;
  cw_buf_init(&d, FEED_MAX_FIELD);
  decode_into(&d, v, n);
  const char *s = d.ptr ? d.ptr : "";
  size_t len = d.len;
  cw_trim(&s, &len);
  char *raw = cw_strndup(s, len);
  cw_buf_free(&d);
  if (!raw)
    return NULL;
  if (!safe_url(raw)) {
    free(raw);
    return cw_strdup("");
  }
  if (resolve_it && base && *base && safe_url(base)) {
    char *out = build_uri(raw, base);
    if (out) {
      free(raw);
      if (!safe_url(out)) {
        free(out);
        return cw_strdup("");
      }
      return out;
    }
  }
  return raw;
}

/* Whether s[0] == '&' starts a reference: "&#123;", "&#x1F;" or "&name;". */
static int is_ref(const char *s, size_t n) {
  size_t i = 1;
  if (i < n && s[i] == '#') {
    i++;
    int hex = i < n && s[i] == 'x';
    i += (size_t)hex;
    size_t st = i;
    while (i < n && (is_digit(s[i]) ||
                     (hex && lower(s[i]) >= 'a' && lower(s[i]) <= 'f')))
      i++;
    return i > st && i < n && s[i] == ';';
  }
  size_t st = i;
  while (i < n && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '_'))
    i++;
  return i > st && i < n && s[i] == ';';
}

/* Appends an attribute value as written, with <, >, " and bare ampersands
 * escaped. */
static void put_attr_value(cw_buf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    switch (s[i]) {
    case '<':
      cw_buf_puts(b, "&lt;");
      break;
    case '>':
      cw_buf_puts(b, "&gt;");
      break;
    case '"':
      cw_buf_puts(b, "&quot;");
      break;
    case '&':
      cw_buf_puts(b, is_ref(s + i, n - i) ? "&" : "&amp;");
      break;
    default:
      cw_buf_putc(b, s[i]);
    }
  }
}

/* A reference in HTML text at s[0] == '&', written back as feedparser
 * writes it: known names as "&name;", unknown ones escaped ("&amp;name"),
 * numbers lower-cased with the Windows-1252 meaning of 128..159. Returns
 * the bytes read, 0 when s starts no reference (a bare ampersand). */
static size_t put_html_ref(cw_buf *b, const char *s, size_t n) {
  size_t i = 1;
  if (i < n && s[i] == '#') {
    int hex = i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'X');
    i += 1 + (size_t)hex;
    size_t st = i;
    unsigned long v = 0;
    while (i < n && i - st < 8 &&
           (is_digit(s[i]) ||
            (hex && lower(s[i]) >= 'a' && lower(s[i]) <= 'f'))) {
      int c = lower(s[i]);
      v = v * (hex ? 16 : 10) +
          (unsigned long)(is_digit(c) ? c - '0' : c - 'a' + 10);
      i++;
    }
    if (i == st || i >= n || is_digit(s[i]) ||
        (lower(s[i]) >= 'a' && lower(s[i]) <= 'f'))
      return 0;
    if (v >= 0x80 && v <= 0x9F && cp1252_c1[v - 0x80])
      cw_buf_printf(b, "&#x%x;", (unsigned)cp1252_c1[v - 0x80]);
    else if (hex)
      cw_buf_printf(b, "&#x%lx;", v);
    else
      cw_buf_printf(b, "&#%lu;", v);
    return i + (s[i] == ';');
  }
  if (i >= n || !is_alpha(s[i]))
    return 0;
  char name[40];
  size_t k = 0;
  while (i < n && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '-' ||
                   s[i] == '.')) {
    if (k < sizeof name - 1)
      name[k++] = s[i];
    i++;
  }
  name[k] = '\0';
  if (i >= n)
    return 0;
  if (htmlEntityLookup((const xmlChar *)name) || streq(name, "apos"))
    cw_buf_printf(b, "&%s;", name);
  else
    cw_buf_printf(b, "&amp;%s", name);
  return i + (s[i] == ';');
}

/* ---- CSS in style attributes ---- */

static int is_word(int c) { return is_alpha(c) || is_digit(c) || c == '_'; }

/* A CSS value token allowed in background, border, margin and padding:
 * a keyword, a colour (#hex, rgb(...)) or a small length. */
static int css_token_ok(const char *s, size_t n) {
  char tok[32];
  if (n == 0 || n >= sizeof tok)
    return 0;
  memcpy(tok, s, n);
  tok[n] = '\0';
  if (IN_SORTED(tok, css_keywords))
    return 1;
  size_t i = 0;
  if (s[0] == '#') {
    for (i = 1; i < n; i++)
      if (!is_digit(s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
        return 0;
    return n > 1;
  }
  if (n >= 4 && !memcmp(s, "rgb(", 4)) {
    i = 4;
    size_t st = i;
    while (i < n && is_digit(s[i]))
      i++;
    if (i == st)
      return 0;
    i += i < n && s[i] == '%';
    if (i >= n || s[i] != ',')
      return 0;
    i++;
    for (int part = 0; part < 2; part++) {
      while (i < n && is_digit(s[i]))
        i++;
      i += i < n && s[i] == '%';
      if (part == 0)
        i += i < n && s[i] == ',';
    }
    i += i < n && s[i] == ')';
    return i == n;
  }
  size_t a = 0;
  while (i < n && is_digit(s[i]))
    i++, a++;
  if (i < n && s[i] == '.') {
    size_t b = 0;
    i++;
    while (i < n && is_digit(s[i]))
      i++, b++;
    if (a > 2 || b > 2)
      return 0;
  } else if (a > 4) {
    return 0;
  }
  static const char *const units[] = {"cm", "em", "ex", "in", "mm",
                                      "pc", "pt", "px", "%",  ",", ")"};
  if (i == n)
    return 1;
  for (size_t u = 0; u < N_ELEMS(units); u++)
    if (n - i == strlen(units[u]) && !memcmp(s + i, units[u], n - i))
      return 1;
  return 0;
}

/* The whole style must be made of plain characters, hyphenated words,
 * quoted words and parenthesised numbers: anything else (backslash
 * escapes, comments, expression(), non-ASCII) rejects it. */
static int css_gauntlet(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    if (i + 2 < n && is_word(c) && s[i + 1] == '-' &&
        is_word((unsigned char)s[i + 2])) {
      i += 3;
    } else if (is_alpha(c) || is_digit(c) || cw_is_space(c) ||
               strchr(":,;#%.!", c)) {
      i++;
    } else if (c == '\'' || c == '"') {
      size_t j = i + 1;
      while (j < n && (is_word((unsigned char)s[j]) ||
                       cw_is_space((unsigned char)s[j])))
        j++;
      if (j == i + 1 || j >= n || s[j] != (char)c)
        return 0;
      i = j + 1;
    } else if (c == '(') {
      size_t j = i + 1;
      while (j < n && (is_digit(s[j]) || s[j] == ',' ||
                       cw_is_space((unsigned char)s[j])))
        j++;
      if (j == i + 1 || j >= n || s[j] != ')')
        return 0;
      i = j + 1;
    } else {
      return 0;
    }
  }
  return 1;
}

/* Appends the safe part of a style attribute: url(...) removed, then the
 * declarations whose property is a plain presentational one, or a
 * background, border, margin or padding whose every value token is
 * plain. Nothing when the style does not pass css_gauntlet. */
static void sanitize_style(cw_buf *out, const char *in, size_t in_n) {
  cw_buf t;
  cw_buf_init(&t, FEED_MAX_FIELD);
  for (size_t i = 0; i < in_n;) {
    if (i + 3 <= in_n && !memcmp(in + i, "url", 3)) {
      size_t j = i + 3;
      while (j < in_n && cw_is_space((unsigned char)in[j]))
        j++;
      if (j < in_n && in[j] == '(') {
        j++;
        while (j < in_n && cw_is_space((unsigned char)in[j]))
          j++;
        size_t st = j;
        while (j < in_n && !cw_is_space((unsigned char)in[j]) && in[j] != ')')
          j++;
        size_t e = j;
        while (j < in_n && cw_is_space((unsigned char)in[j]))
          j++;
        if (e > st && j < in_n && in[j] == ')') {
          j++;
          while (j < in_n && cw_is_space((unsigned char)in[j]))
            j++;
          cw_buf_putc(&t, ' ');
          i = j;
          continue;
        }
      }
    }
    cw_buf_putc(&t, in[i++]);
  }
  const char *s = t.ptr ? t.ptr : "";
  size_t n = t.err ? 0 : t.len;
  if (!css_gauntlet(s, n)) {
    cw_buf_free(&t);
    return;
  }
  /* declarations: name ':' value [';'] */
  size_t i = 0;
  int ok = 1;
  cw_buf clean;
  cw_buf_init(&clean, FEED_MAX_FIELD);
  while (ok) {
    while (i < n && cw_is_space((unsigned char)s[i]))
      i++;
    if (i >= n)
      break;
    size_t ps = i;
    while (i < n && (is_word((unsigned char)s[i]) || s[i] == '-'))
      i++;
    size_t pe = i;
    while (i < n && cw_is_space((unsigned char)s[i]))
      i++;
    if (pe == ps || i >= n || s[i] != ':') {
      ok = 0;
      break;
    }
    i++;
    while (i < n && cw_is_space((unsigned char)s[i]))
      i++;
    size_t vs = i;
    while (i < n && s[i] != ':' && s[i] != ';')
      i++;
    size_t ve = i;
    if (i < n && s[i] == ';')
      i++;
    if (ve == vs)
      continue;
    char prop[48];
    size_t pl = pe - ps < sizeof prop - 1 ? pe - ps : sizeof prop - 1;
    for (size_t k = 0; k < pl; k++)
      prop[k] = (char)lower(s[ps + k]);
    prop[pl] = '\0';
    int keep = IN_SORTED(prop, css_properties);
    if (!keep) {
      char *dash = strchr(prop, '-');
      if (dash)
        *dash = '\0';
      if (streq(prop, "background") || streq(prop, "border") ||
          streq(prop, "margin") || streq(prop, "padding")) {
        keep = 1;
        for (size_t k = vs; k < ve && keep;) {
          while (k < ve && cw_is_space((unsigned char)s[k]))
            k++;
          size_t ts = k;
          while (k < ve && !cw_is_space((unsigned char)s[k]))
            k++;
          if (k > ts && !css_token_ok(s + ts, k - ts))
            keep = 0;
        }
      }
    }
    if (keep) {
      if (clean.len)
        cw_buf_putc(&clean, ' ');
      cw_buf_append(&clean, s + ps, pe - ps);
      cw_buf_puts(&clean, ": ");
      cw_buf_append(&clean, s + vs, ve - vs);
      cw_buf_putc(&clean, ';');
    }
  }
  if (ok && clean.len && !clean.err)
    cw_buf_append(out, clean.ptr, clean.len);
  cw_buf_free(&clean);
  cw_buf_free(&t);
}

/* ---- attributes ---- */

#define SANITIZE_MAX_ATTRS 64

typedef struct html_attr {
  char name[32]; /* lower case */
  const char *val; /* as written; NULL when the attribute has no value */
  size_t vlen;
} html_attr;

static int cmp_attr(const void *a, const void *b) {
  return strcmp(((const html_attr *)a)->name, ((const html_attr *)b)->name);
}

/* Writes the allowed attributes of tag t, sorted by name, the last of
 * duplicates winning (as feedparser writes them). */
static void put_attributes(cw_buf *b, const html_tag *t, const char *base) {
  html_attr at[SANITIZE_MAX_ATTRS];
  size_t na = 0, pos = 0, nl, vl;
  const char *an, *av;
  while (next_attr(t->attrs, t->attrs_len, &pos, &an, &nl, &av, &vl)) {
    if (nl == 0 || nl >= sizeof at[0].name)
      continue;
    char name[32];
    for (size_t k = 0; k < nl; k++)
      name[k] = (char)lower(an[k]);
    name[nl] = '\0';
    size_t k = 0;
    while (k < na && strcmp(at[k].name, name))
      k++;
    if (k == na) {
      if (na == SANITIZE_MAX_ATTRS)
        continue;
      memcpy(at[na].name, name, nl + 1);
      na++;
    }
    at[k].val = av;
    at[k].vlen = vl;
  }
  qsort(at, na, sizeof at[0], cmp_attr);
  for (size_t k = 0; k < na; k++) {
    const char *name = at[k].name;
    const char *v = at[k].val ? at[k].val : name;
    size_t vlen = at[k].val ? at[k].vlen : strlen(name);
    if (streq(name, "style")) {
      cw_buf st;
      cw_buf_init(&st, FEED_MAX_FIELD);
      sanitize_style(&st, v, vlen);
      if (st.len && !st.err) {
        cw_buf_puts(b, " style=\"");
        put_attr_value(b, st.ptr, st.len);
        cw_buf_putc(b, '"');
      }
      cw_buf_free(&st);
      continue;
    }
    if (!IN_SORTED(name, acceptable_attributes))
      continue;
    cw_buf_printf(b, " %s=\"", name);
    if (IN_SORTED(name, url_attributes)) {
      char *u = safe_href(v, vlen, base, is_resolved_attr(t->name, name));
      if (u)
        escape_html(b, u, strlen(u), 1);
      free(u);
    } else if (streq(name, "rel") || streq(name, "type")) {
      char low[256];
      size_t ln = vlen < sizeof low ? vlen : sizeof low;
      for (size_t q = 0; q < ln; q++)
        low[q] = (char)lower(v[q]);
      put_attr_value(b, low, ln);
    } else {
      put_attr_value(b, v, vlen);
    }
    cw_buf_putc(b, '"');
  }
}

char *cw_feed_sanitize_html(const char *s, size_t n, const char *base) {
  cw_buf b;
  int open[SANITIZE_MAX_OPEN];
  size_t depth = 0, limit = tags_end(s, n);
  cw_buf_init(&b, FEED_MAX_FIELD);
  for (size_t i = 0; i < n;) {
    char c = s[i];
    if (c == '&') {
      size_t k = put_html_ref(&b, s + i, n - i);
      if (!k)
        cw_buf_putc(&b, '&');
      i += k ? k : 1;
      continue;
    }
    if (c == '\r' && i + 1 < n && s[i + 1] == '\n') {
      i++;
      continue;
    }
    if (c != '<') {
      cw_buf_putc(&b, c);
      i++;
      continue;
    }
    if (i + 4 <= n && !memcmp(s + i, "<!--", 4)) {
      i = skip_comment(s, n, i); /* unterminated: to the end */
      continue;
    }
    if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
      /* a declaration (<!DOCTYPE ...>) or processing instruction goes;
       * anything else, CDATA included, stays as text */
      if (i < limit &&
          (s[i + 1] == '?' || (i + 2 < n && is_alpha(s[i + 2])))) {
        i = skip_markup_decl(s, n, i);
      } else {
        cw_buf_puts(&b, "&lt;");
        i++;
      }
      continue;
    }
    html_tag t;
    if (!parse_tag(s, n, limit, i, &t)) {
      cw_buf_puts(&b, "&lt;");
      i++;
      continue;
    }
    i = t.next;
    if (!t.end && in_list(t.name, drop_with_content,
                          N_ELEMS(drop_with_content)) >= 0) {
      if (!t.self_close)
        i = skip_element(s, n, i, t.name);
      continue;
    }
    int k = in_sorted(t.name, acceptable_elements,
                      N_ELEMS(acceptable_elements));
    if (k < 0)
      continue;
    int is_void = IN_SORTED(t.name, void_elements);
    if (t.end) {
      if (is_void)
        continue;
      size_t at = depth;
      while (at > 0 && open[at - 1] != k)
        at--;
      if (at == 0)
        continue; /* stray end tag */
      while (depth >= at) {
        cw_buf_printf(&b, "</%s>", acceptable_elements[open[depth - 1]]);
        depth--;
        if (depth < at)
          break;
      }
      continue;
    }
    cw_buf_printf(&b, "<%s", t.name);
    put_attributes(&b, &t, base);
    if (is_void) {
      cw_buf_puts(&b, " />");
      continue;
    }
    cw_buf_putc(&b, '>');
    if (t.self_close || depth >= SANITIZE_MAX_OPEN)
      cw_buf_printf(&b, "</%s>", t.name);
    else
      open[depth++] = k;
  }
  while (depth > 0)
    cw_buf_printf(&b, "</%s>", acceptable_elements[open[--depth]]);
  if (b.err) {
    cw_buf_free(&b);
    return NULL;
  }
  const char *p = b.ptr ? b.ptr : "";
  size_t len = b.len;
  cw_trim(&p, &len);
  char *r = cw_strndup(p, len);
  cw_buf_free(&b);
  return r;
}

/* Tags that end a paragraph in plain text. */
static const char *const block_tags[] = {
    "p",      "div",     "li",     "ul",   "ol",     "blockquote", "pre",
    "h1",     "h2",      "h3",     "h4",   "h5",     "h6",         "tr",
    "table",  "section", "article", "header", "footer", "figure",   "dd",
    "dt",     "dl",      "hr",     "figcaption", "address", "main", "aside"};

typedef struct text_out {
  cw_buf *b;
  int pending; /* 0 nothing, 1 space, 2 line break, 3 paragraph break */
} text_out;

static void text_break(text_out *o, int level) {
  if (level > o->pending)
    o->pending = level;
}

static void text_char(text_out *o, const char *s, size_t n) {
  if (o->b->len) {
    if (o->pending == 3)
      cw_buf_puts(o->b, "\n\n");
    else if (o->pending == 2)
      cw_buf_putc(o->b, '\n');
    else if (o->pending == 1)
      cw_buf_putc(o->b, ' ');
  }
  o->pending = 0;
  cw_buf_append(o->b, s, n);
}

/* Text between tags: entities decoded, white space collapsed, a blank
 * line in the source kept as a paragraph break. */
static void text_run(text_out *o, const char *s, size_t n) {
  size_t newlines = 0;
  int in_space = 0;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    if (cw_is_space(c)) {
      if (!in_space)
        newlines = 0;
      in_space = 1;
      newlines += c == '\n';
      i++;
      continue;
    }
    if (in_space)
      text_break(o, newlines >= 2 ? 3 : 1);
    in_space = 0;
    unsigned cp;
    size_t k = c == '&' ? entity_at(s + i, n - i, &cp) : 0;
    if (k) {
      cw_buf tmp;
      cw_buf_init(&tmp, 16);
      if (cp == 0xA0)
        cp = ' ';
      utf8_put(&tmp, cp);
      if (cp == ' ')
        text_break(o, 1);
      else
        text_char(o, tmp.ptr, tmp.len);
      cw_buf_free(&tmp);
      i += k;
    } else {
      text_char(o, s + i, 1);
      i++;
    }
  }
  if (in_space)
    text_break(o, newlines >= 2 ? 3 : 1);
}

char *cw_feed_html_to_text(const char *s, size_t n) {
  cw_buf b;
  cw_buf_init(&b, FEED_MAX_FIELD);
  text_out o = {&b, 0};
  size_t run = 0, limit = tags_end(s, n);
  for (size_t i = 0; i < n;) {
    if (s[i] != '<') {
      i++;
      continue;
    }
    html_tag t;
    int decl = i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?');
    if (!decl && !parse_tag(s, n, limit, i, &t)) {
      i++;
      continue;
    }
    text_run(&o, s + run, i - run);
    if (decl) {
      i = skip_markup_decl(s, n, i);
    } else {
      i = t.next;
      if (!t.end &&
          in_list(t.name, drop_with_content, N_ELEMS(drop_with_content)) >= 0) {
        if (!t.self_close)
          i = skip_element(s, n, i, t.name);
      } else if (streq(t.name, "br")) {
        text_break(&o, 2);
      } else if (in_list(t.name, block_tags, N_ELEMS(block_tags)) >= 0) {
        text_break(&o, 3);
      }
    }
    run = i;
  }
  text_run(&o, s + run, n - run);
  if (b.err) {
    cw_buf_free(&b);
    return NULL;
  }
  return cw_buf_detach(&b);
}

/* ---- dates -------------------------------------------------------------- */

static const char *const month_names[] = {"jan", "feb", "mar", "apr",
                                          "may", "jun", "jul", "aug",
                                          "sep", "oct", "nov", "dec"};

/* Named zones seen in feeds, offsets in minutes east of UTC. */
static const struct {
  const char *name;
  int minutes;
} zones[] = {{"ut", 0},      {"utc", 0},     {"gmt", 0},    {"z", 0},
             {"wet", 0},     {"bst", 60},    {"cet", 60},   {"cest", 120},
             {"met", 60},    {"mest", 120},  {"eet", 120},  {"eest", 180},
             {"est", -300},  {"edt", -240},  {"cst", -360}, {"cdt", -300},
             {"mst", -420},  {"mdt", -360},  {"pst", -480}, {"pdt", -420},
             {"akst", -540}, {"akdt", -480}, {"hst", -600}, {"ast", -240},
             {"adt", -180},  {"nst", -210},  {"ndt", -150}, {"jst", 540},
             {"kst", 540},   {"ist", 330},   {"aest", 600}, {"aedt", 660},
             {"msk", 180},   {"a", -60},     {"m", -720},   {"n", 60},
             {"y", 720},     {"et", -300},   {"ct", -360},  {"mt", -420},
             {"pt", -480}};

static int days_in(int y, int m) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return dm[m - 1];
}

static int valid_date(int y, int mo, int d, int h, int mi, int s) {
  return y >= 1 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 &&
         d <= days_in(y, mo) && h >= 0 && h <= 24 && mi >= 0 && mi <= 59 &&
         s >= 0 && s <= 61;
}

static int64_t to_epoch(int y, int mo, int d, int h, int mi, int s,
                        int zone_min) {
  if (s > 59)
    s = 59;
  return cw_days_from_civil(y, mo, d) * 86400 + (int64_t)h * 3600 +
         (int64_t)mi * 60 + s - (int64_t)zone_min * 60;
}

static int read_num(const char *s, size_t n, size_t *i, size_t count,
                    int *v) {
  if (*i + count > n)
    return 0;
  int x = 0;
  for (size_t k = 0; k < count; k++) {
    if (!is_digit(s[*i + k]))
      return 0;
    x = x * 10 + s[*i + k] - '0';
  }
  *i += count;
  *v = x;
  return 1;
}

/* "+HH:MM", "-HHMM", "+HH", "Z"; returns bytes read, 0 if none. */
static size_t read_offset(const char *s, size_t n, size_t i, int *minutes) {
  size_t j = i;
  if (j < n && (s[j] == 'Z' || s[j] == 'z')) {
    *minutes = 0;
    return 1;
  }
  if (j >= n || (s[j] != '+' && s[j] != '-'))
    return 0;
  int sign = s[j] == '-' ? -1 : 1, hh, mm = 0;
  j++;
  if (!read_num(s, n, &j, 2, &hh))
    return 0;
  if (j < n && s[j] == ':')
    j++;
  size_t save = j;
  if (!read_num(s, n, &j, 2, &mm))
    j = save;
  if (hh > 14 || mm > 59)
    return 0;
  *minutes = sign * (hh * 60 + mm);
  return j - i;
}

/* ISO 8601 / W3CDTF: YYYY, YYYY-MM, YYYY-MM-DD, YYYYMMDD, with an optional
 * time (T or space) HH:MM[:SS[.f]] or HHMMSS and zone; no zone = UTC. */
static int parse_iso(const char *s, size_t n, int64_t *epoch) {
  size_t i = 0;
  int y, mo = 1, d = 1, h = 0, mi = 0, sec = 0, zone = 0;
  if (!read_num(s, n, &i, 4, &y))
    return 0;
  if (i < n && s[i] == '-') {
    i++;
    if (!read_num(s, n, &i, 2, &mo))
      return 0;
    if (i < n && s[i] == '-') {
      i++;
      if (!read_num(s, n, &i, 2, &d))
        return 0;
    }
  } else if (i < n && is_digit(s[i])) {
    if (!read_num(s, n, &i, 2, &mo) || !read_num(s, n, &i, 2, &d))
      return 0;
  }
  if (i < n && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
    size_t j = i + 1;
    while (j < n && s[j] == ' ')
      j++;
    if (read_num(s, n, &j, 2, &h)) {
      int colon = j < n && s[j] == ':';
      if (colon)
        j++;
      if (!read_num(s, n, &j, 2, &mi))
        return 0;
      if (j < n && (s[j] == ':' || (!colon && is_digit(s[j])))) {
        if (s[j] == ':')
          j++;
        if (!read_num(s, n, &j, 2, &sec))
          return 0;
        if (j < n && (s[j] == '.' || s[j] == ',')) {
          j++;
          while (j < n && is_digit(s[j]))
            j++;
        }
      }
      while (j < n && s[j] == ' ')
        j++;
      size_t k = read_offset(s, n, j, &zone);
      if (k) {
        j += k;
      } else if (j < n && is_alpha(s[j])) {
        size_t a = j;
        while (j < n && is_alpha(s[j]))
          j++;
        char z[8];
        size_t zl = j - a < 7 ? j - a : 7;
        for (size_t q = 0; q < zl; q++)
          z[q] = (char)lower(s[a + q]);
        z[zl] = '\0';
        int found = 0;
        for (size_t q = 0; q < N_ELEMS(zones); q++)
          if (streq(z, zones[q].name)) {
            zone = zones[q].minutes;
            found = 1;
          }
        if (!found)
          return 0;
      }
      i = j;
    }
  } else {
    size_t k = read_offset(s, n, i, &zone);
    i += k;
  }
  while (i < n && cw_is_space((unsigned char)s[i]))
    i++;
  if (i != n || !valid_date(y, mo, d, h, mi, sec))
    return 0;
  *epoch = to_epoch(y, mo, d, h, mi, sec, zone);
  return 1;
}

/* RFC 822 and the broken forms around it, token by token: a month name,
 * numbers (a 4-digit or second number is the year, two digits map to
 * 1950-2049), H:M[:S] with optional am/pm, and a zone (name or offset).
 * Also reads asctime ("Sun Jan  4 16:29:06 PST 2004") and "2004/01/04". */
static int parse_loose(const char *s, size_t n, int64_t *epoch) {
  int y = -1, mo = -1, d = -1, h = 0, mi = 0, sec = 0, zone = 0;
  int have_time = 0, pm = -1, numbers[3], nnum = 0;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    if (cw_is_space(c) || c == ',' || c == '.') {
      i++;
      continue;
    }
    if (is_digit(c)) {
      size_t a = i;
      long v = 0;
      while (i < n && is_digit(s[i]) && i - a < 9)
        v = v * 10 + s[i++] - '0';
      size_t len = i - a;
      if (i < n && s[i] == ':' && !have_time && len <= 2) {
        i++;
        size_t b = i;
        int m2 = 0, s2 = 0;
        if (!read_num(s, n, &i, 2, &m2)) {
          i = b;
          if (!read_num(s, n, &i, 1, &m2))
            return 0;
        }
        if (i < n && s[i] == ':') {
          i++;
          b = i;
          if (!read_num(s, n, &i, 2, &s2)) {
            i = b; /* "1:2:3" */
            if (!read_num(s, n, &i, 1, &s2))
              return 0;
          }
          if (i < n && s[i] == '.')
            for (i++; i < n && is_digit(s[i]); i++)
              ;
        }
        h = (int)v;
        mi = m2;
        sec = s2;
        have_time = 1;
        continue;
      }
      if (i < n && (s[i] == '/' || s[i] == '-') && len == 4 && mo < 0) {
        /* 2004/01/04 */
        int m2, d2;
        size_t j = i + 1;
        if (read_num(s, n, &j, 2, &m2) && j < n && s[j] == s[i] &&
            (j++, read_num(s, n, &j, 2, &d2))) {
          y = (int)v;
          mo = m2;
          d = d2;
          i = j;
          if (i < n && (s[i] == 'T'))
            i++;
          continue;
        }
      }
      if (i < n && s[i] == '.' && len <= 2 && mo < 0 && d < 0) {
        /* 06.12.2011: day first, as written where dots separate */
        int m2, y2;
        size_t j = i + 1;
        if (read_num(s, n, &j, 2, &m2) && j < n && s[j] == '.' &&
            (j++, read_num(s, n, &j, 4, &y2)) && (j >= n || !is_digit(s[j]))) {
          d = (int)v;
          mo = m2;
          y = y2;
          i = j;
          continue;
        }
      }
      if (nnum >= 3)
        return 0;
      if (len == 4 && y < 0)
        y = (int)v;
      else
        numbers[nnum++] = (int)v;
      continue;
    }
    if (c == '+' || c == '-') {
      int z;
      size_t k = read_offset(s, n, i, &z);
      if (k && have_time) {
        zone = z;
        i += k;
        continue;
      }
      i++;
      continue;
    }
    if (is_alpha(c)) {
      size_t a = i;
      while (i < n && is_alpha(s[i]))
        i++;
      char w[16];
      size_t wl = i - a < 15 ? i - a : 15;
      for (size_t q = 0; q < wl; q++)
        w[q] = (char)lower(s[a + q]);
      w[wl] = '\0';
      if (wl >= 3) {
        int found = 0;
        for (int q = 0; q < 12; q++)
          if (!strncmp(w, month_names[q], 3)) {
            if (mo < 0)
              mo = q + 1;
            found = 1;
          }
        if (found)
          continue;
      }
      if (streq(w, "am") || streq(w, "pm")) {
        pm = w[0] == 'p';
        continue;
      }
      int known = 0;
      for (size_t q = 0; q < N_ELEMS(zones); q++)
        if (streq(w, zones[q].name) && (wl > 1 || have_time)) {
          zone = zones[q].minutes;
          known = 1;
        }
      if (known) {
        int z;
        size_t k = read_offset(s, n, i, &z); /* GMT+0100 */
        if (k) {
          zone += z;
          i += k;
        }
      }
      continue; /* weekday names and other words */
    }
    i++;
  }
  if (mo < 0)
    return 0;
  int k = 0;
  if (d < 0 && k < nnum)
    d = numbers[k++];
  if (y < 0 && k < nnum) {
    y = numbers[k++];
    if (y < 100)
      y += y < 50 ? 2000 : 1900;
  }
  if (y < 0 || d < 0)
    return 0;
  if (pm >= 0) {
    if (h == 12)
      h = 0;
    if (pm)
      h += 12;
  }
  if (!valid_date(y, mo, d, h, mi, sec))
    return 0;
  *epoch = to_epoch(y, mo, d, h, mi, sec, zone);
  return 1;
}

int cw_feed_parse_date(const char *s, int64_t *epoch) {
  if (!s)
    return 0;
  size_t n = strlen(s);
  cw_trim(&s, &n);
  if (n == 0 || n > 128)
    return 0;
  if (n >= 4 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) &&
      is_digit(s[3]) && parse_iso(s, n, epoch))
    return 1;
  return parse_loose(s, n, epoch);
}

/* ---- the parse state ---------------------------------------------------- */

typedef struct feed_parser {
  xmlDocPtr doc;
  int atom;   /* Atom rules for text constructs and links */
  int atom10; /* Atom 1.0: an xhtml construct's wrapping <div> goes */
  int cdf;    /* Microsoft CDF: link and date are attributes */
  long nodes; /* budget left, FEED_MAX_NODES at the start */
  int bozo;
  char reason[256];
  char *lang; /* RSS <language>, inherited like xml:lang */
} feed_parser;

static void set_bozo(feed_parser *p, const char *fmt, const char *arg) {
  if (p->bozo)
    return;
  p->bozo = 1;
  snprintf(p->reason, sizeof p->reason, fmt, arg ? arg : "");
}

/* json helpers: every setter ignores NULL values and OOM (the object then
 * lacks the key; a feed parse never half-fails). */
static void jset(json_t *o, const char *key, json_t *v) {
  if (v)
    json_object_set_new(o, key, v);
}

static void jset_str(json_t *o, const char *key, const char *s) {
  if (s)
    jset(o, key, json_string(s));
}

static void jset_if_absent(json_t *o, const char *key, json_t *v) {
  if (!v)
    return;
  if (json_object_get(o, key))
    json_decref(v);
  else
    json_object_set_new(o, key, v);
}

static json_t *jlist(json_t *o, const char *key) {
  json_t *a = json_object_get(o, key);
  if (!json_is_array(a)) {
    a = json_array();
    if (!a)
      return NULL;
    json_object_set_new(o, key, a);
  }
  return a;
}

static const char *jstr(const json_t *o, const char *key) {
  return json_string_value(json_object_get(o, key));
}

/* ---- XML node access ----------------------------------------------------- */

static const struct {
  const char *uri, *prefix;
} known_ns[] = {
    {"http://www.w3.org/2005/Atom", ""},
    {"http://purl.org/atom/ns#", ""},
    {"http://purl.org/rss/1.0/", ""},
    {"http://my.netscape.com/rdf/simple/0.9/", ""},
    {"http://backend.userland.com/rss2", ""},
    {"http://backend.userland.com/RSS2", ""},
    {"http://blogs.law.harvard.edu/tech/rss", ""},
    {"http://purl.org/net/rss1.1#", ""},
    {"http://purl.org/dc/elements/1.1/", "dc"},
    {"http://purl.org/dc/elements/1.0/", "dc"},
    {"http://purl.org/dc/terms/", "dcterms"},
    {"http://purl.org/rss/1.0/modules/content/", "content"},
    {"http://search.yahoo.com/mrss/", "media"},
    {"http://search.yahoo.com/mrss", "media"},
    {"http://www.itunes.com/DTDs/PodCast-1.0.dtd", "itunes"},
    {"http://example.com/DTDs/PodCast-1.0.dtd", "itunes"},
    {"http://www.w3.org/1999/xhtml", "xhtml"},
    {"http://wellformedweb.org/CommentAPI/", "wfw"},
    {"http://purl.org/rss/1.0/modules/slash/", "slash"},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"},
    {"http://webns.net/mvcb/", "admin"},
    {"http://purl.org/rss/1.0/modules/syndication/", "sy"},
    {"http://web.resource.org/cc/", "cc"},
    {"http://creativecommons.org/ns#", "cc"},
    {"http://backend.userland.com/creativeCommonsRssModule",
     "creativecommons"},
    {"http://cyber.law.harvard.edu/rss/creativeCommonsRssModule.html",
     "creativecommons"},
    {"http://www.georss.org/georss", "georss"},
    {"http://podlove.org/simple-chapters", "psc"},
    {"http://purl.org/syndication/thread/1.0", "thr"},
    {"http://rssnamespace.org/feedburner/ext/1.0", "feedburner"},
    {"http://www.w3.org/2003/01/geo/wgs84_pos#", "geo"},
    {"http://www.opengis.net/gml", "gml"},
    {"http://purl.org/rss/1.0/modules/image/", "image"},
    {"http://purl.org/rss/1.0/modules/textinput/", "ti"},
    {"http://madskills.com/public/xml/rss/module/trackback/", "trackback"},
    {"http://xmlns.com/foaf/0.1/", "foaf"},
};

/* Canonical namespace prefix ("" for the feed's own vocabulary) and local
 * name of an element. An undeclared prefix ("dc:creator" with no xmlns:dc,
 * which libxml2 keeps in the name) is taken at its word. */
static const char *elem_name(const xmlNode *n, char *prefix, size_t cap) {
  const char *name = (const char *)n->name;
  prefix[0] = '\0';
  if (n->ns && n->ns->href) {
    for (size_t i = 0; i < N_ELEMS(known_ns); i++)
      if (streq((const char *)n->ns->href, known_ns[i].uri)) {
        snprintf(prefix, cap, "%s", known_ns[i].prefix);
        return name;
      }
    snprintf(prefix, cap, "%s",
             n->ns->prefix ? (const char *)n->ns->prefix : "");
    return name;
  }
  const char *colon = strchr(name, ':');
  if (colon) {
    size_t k = (size_t)(colon - name);
    if (k >= cap)
      k = cap - 1;
    memcpy(prefix, name, k);
    prefix[k] = '\0';
    for (char *q = prefix; *q; q++)
      *q = (char)lower(*q);
    if (streq(prefix, "atom") || streq(prefix, "rss"))
      prefix[0] = '\0';
    return colon + 1;
  }
  return name;
}

static int name_is(const xmlNode *n, const char *prefix, const char *local) {
  char pre[32];
  if (n->type != XML_ELEMENT_NODE)
    return 0;
  const char *l = elem_name(n, pre, sizeof pre);
  return streq(pre, prefix) && cw_strncaseeq(l, local, strlen(local) + 1);
}

static char *attr(const xmlNode *n, const char *name) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
  if (!v) {
    /* namespaced attribute (atom:href) or any prefix */
    for (xmlAttr *a = n->properties; a; a = a->next)
      if (a->name && streq((const char *)a->name, name)) {
        v = xmlNodeGetContent((const xmlNode *)a);
        break;
      }
  }
  if (!v)
    return NULL;
  char *r = cw_strdup((const char *)v);
  xmlFree(v);
  return r;
}

static int has_element_child(const xmlNode *n) {
  for (const xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      return 1;
  return 0;
}

/* Appends the replacement text of an entity reference node. */
static void entity_text(feed_parser *p, const xmlNode *n, cw_buf *b,
                        int markup, int depth);

/* Text of the subtree (entities expanded); markup = 1 serialises child
 * elements as HTML, text escaped. */
static void node_text(feed_parser *p, const xmlNode *first, cw_buf *b,
                      int markup, int depth) {
  if (depth > FEED_MAX_DEPTH) {
    set_bozo(p, "nesting deeper than the limit%s", "");
    return;
  }
  for (const xmlNode *c = first; c; c = c->next) {
    if (--p->nodes < 0) {
      set_bozo(p, "document too large to walk%s", "");
      return;
    }
    if (b->err)
      return;
    switch (c->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      if (c->content) {
        if (markup) {
          cw_buf tmp;
          cw_buf_init(&tmp, FEED_MAX_FIELD);
          put_text(&tmp, (const char *)c->content,
                   strlen((const char *)c->content));
          escape_html(b, tmp.ptr, tmp.len, 0);
          cw_buf_free(&tmp);
        } else {
          put_text(b, (const char *)c->content,
                   strlen((const char *)c->content));
        }
      }
      break;
    case XML_ENTITY_REF_NODE:
      entity_text(p, c, b, markup, depth + 1);
      break;
    case XML_ELEMENT_NODE:
      if (!markup) {
        node_text(p, c->children, b, 0, depth + 1);
        break;
      }
      {
        char pre[32];
        const char *local = elem_name(c, pre, sizeof pre);
        int is_void = !strcmp(local, "br") || !strcmp(local, "img") ||
                      !strcmp(local, "hr");
        cw_buf_printf(b, "<%s", local);
        for (xmlAttr *a = c->properties; a; a = a->next) {
          xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
          cw_buf_printf(b, " %s=\"", (const char *)a->name);
          if (v)
            escape_html(b, (const char *)v, strlen((const char *)v), 1);
          cw_buf_putc(b, '"');
          xmlFree(v);
        }
        if (is_void && !c->children) {
          cw_buf_puts(b, " />");
        } else {
          cw_buf_putc(b, '>');
          node_text(p, c->children, b, 1, depth + 1);
          cw_buf_printf(b, "</%s>", local);
        }
      }
      break;
    default:
      break;
    }
  }
}

static void entity_text(feed_parser *p, const xmlNode *n, cw_buf *b,
                        int markup, int depth) {
  xmlEntityPtr ent = xmlGetDocEntity(p->doc, n->name);
  if (ent && ent->children) {
    node_text(p, ent->children, b, markup, depth);
    return;
  }
  if (ent && ent->content) {
    cw_buf_puts(b, (const char *)ent->content);
    return;
  }
  const htmlEntityDesc *h = htmlEntityLookup(n->name);
  if (h) {
    utf8_put(b, h->value);
  } else {
    /* unknown: keep it visible, as written */
    cw_buf_printf(b, markup ? "&amp;%s;" : "&%s;", (const char *)n->name);
  }
}

/* Plain text of an element, trimmed; caller frees. */
static char *elem_text(feed_parser *p, const xmlNode *n) {
  cw_buf b;
  cw_buf_init(&b, FEED_MAX_FIELD);
  node_text(p, n->children, &b, 0, 0);
  const char *s = b.ptr;
  size_t len = b.len;
  cw_trim(&s, &len);
  char *r = b.err ? NULL : cw_strndup(s, len);
  cw_buf_free(&b);
  return r;
}

/* The base URL in force at n: the document's URL, then each xml:base
 * from the root down resolved against the one before. A base with an
 * unsafe scheme (xml:base="javascript:...") is passed over. Caller
 * frees; NULL when there is none. */
static char *node_base(feed_parser *p, const xmlNode *n) {
  xmlChar *chain[FEED_MAX_DEPTH];
  size_t k = 0;
  for (const xmlNode *c = n; c && c->type == XML_ELEMENT_NODE &&
                             k < N_ELEMS(chain);
       c = c->parent) {
    xmlChar *b = xmlGetNsProp(c, (const xmlChar *)"base", XML_XML_NAMESPACE);
    if (b)
      chain[k++] = b;
  }
  const char *doc_url = p->doc ? (const char *)p->doc->URL : NULL;
  char *base = doc_url && *doc_url && safe_url(doc_url) ? cw_strdup(doc_url)
                                                        : NULL;
  while (k > 0) {
    const char *b = (const char *)chain[--k];
    char *next = base && *base ? build_uri(b, base) : cw_strdup(b);
    if (next && *next && safe_url(next)) {
      free(base);
      base = next;
    } else {
      free(next);
    }
    xmlFree(chain[k]);
  }
  return base;
}

/* href resolved against the element's base; "" when the result has an
 * unsafe scheme (javascript:, data:); caller frees. */
static char *resolve(feed_parser *p, const xmlNode *n, const char *href) {
  if (!href)
    return NULL;
  char *base = node_base(p, n);
  char *out = base && *base ? build_uri(href, base) : NULL;
  free(base);
  if (!out)
    out = cw_strdup(href);
  if (out && !safe_url(out)) {
    free(out);
    out = cw_strdup("");
  }
  return out;
}

static char *node_lang(feed_parser *p, const xmlNode *n) {
  xmlChar *l = xmlNodeGetLang(n);
  if (l) {
    char *r = cw_strdup((const char *)l);
    xmlFree(l);
    for (char *q = r; q && *q; q++)
      if (*q == '_')
        *q = '-'; /* en_US is a common slip for en-US */
    return r;
  }
  return cw_strdup(p->lang);
}

/* ---- text constructs ---------------------------------------------------- */

static int base64_val(int c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (is_digit(c))
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

static char *base64_decode(const char *s) {
  cw_buf b;
  cw_buf_init(&b, FEED_MAX_FIELD);
  unsigned acc = 0;
  int bits = 0;
  for (; *s; s++) {
    int v = base64_val((unsigned char)*s);
    if (v < 0)
      continue;
    acc = (acc << 6) | (unsigned)v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      cw_buf_putc(&b, (char)((acc >> bits) & 0xFF));
    }
  }
  if (b.err) {
    cw_buf_free(&b);
    return NULL;
  }
  return cw_buf_detach(&b);
}

/* feedparser's test for HTML in a text/plain RSS element: an end tag or an
 * entity reference. */
static int looks_like_html(const char *s) {
  for (const char *p = s; *p; p++) {
    if (p[0] == '<' && p[1] == '/' && is_alpha((unsigned char)p[2])) {
      const char *q = p + 2;
      while (is_alpha((unsigned char)*q) || is_digit((unsigned char)*q))
        q++;
      if (*q == '>')
        return 1;
    }
    if (p[0] == '&') {
      unsigned cp;
      if (entity_at(p, strlen(p), &cp))
        return 1;
    }
  }
  return 0;
}

static const char *map_type(const char *t) {
  if (!t || !*t)
    return NULL;
  if (!strcmp(t, "text") || !strcmp(t, "plain"))
    return "text/plain";
  if (!strcmp(t, "html"))
    return "text/html";
  if (!strcmp(t, "xhtml"))
    return "application/xhtml+xml";
  return t;
}

static int is_html_type(const char *t) {
  return streq(t, "text/html") || streq(t, "application/xhtml+xml");
}

/* A text construct: {type, language, base, value, text}. *value (caller
 * frees) receives the value. */
static json_t *text_construct(feed_parser *p, const xmlNode *n,
                              const char *deftype, int atom_rules) {
  char *type_attr = atom_rules ? attr(n, "type") : NULL;
  char *mode = atom_rules ? attr(n, "mode") : NULL;
  for (char *q = type_attr; q && *q; q++)
    *q = (char)lower(*q);
  char type[64];
  const char *mt = map_type(type_attr);
  snprintf(type, sizeof type, "%s", mt ? mt : deftype);
  char *raw = NULL;
  int inline_markup = has_element_child(n);
  int binary = atom_rules && strncmp(type, "text/", 5) &&
               !strstr(type, "xml") && strcmp(type, "text/plain");
  if (streq(mode, "base64") || (binary && !inline_markup)) {
    char *t = elem_text(p, n);
    raw = t ? base64_decode(t) : NULL;
    free(t);
  } else if (inline_markup) {
    cw_buf b;
    cw_buf_init(&b, FEED_MAX_FIELD);
    const xmlNode *from = n->children;
    /* an xhtml construct wraps its content in one <div> */
    const xmlNode *only = NULL;
    int count = 0;
    for (const xmlNode *c = n->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE) {
        only = c;
        count++;
      }
    if (p->atom10 && streq(type, "application/xhtml+xml") && count == 1 &&
        name_is(only, "xhtml", "div"))
      from = only->children;
    node_text(p, from, &b, 1, 0);
    raw = b.err ? NULL : cw_buf_detach(&b);
    cw_buf_free(&b);
    if (streq(type, "text/plain"))
      snprintf(type, sizeof type, "%s",
               atom_rules ? "application/xhtml+xml" : "text/html");
  } else {
    raw = elem_text(p, n);
  }
  free(type_attr);
  free(mode);
  if (!raw)
    return NULL;
  {
    const char *s = raw;
    size_t len = strlen(raw);
    cw_trim(&s, &len);
    memmove(raw, s, len);
    raw[len] = '\0';
  }
  if (!atom_rules && streq(type, "text/plain") && looks_like_html(raw))
    snprintf(type, sizeof type, "text/html");
  char *base = node_base(p, n);
  char *value = raw, *text = NULL;
  if (is_html_type(type)) {
    value = cw_feed_sanitize_html(raw, strlen(raw), base);
    text = value ? cw_feed_html_to_text(value, strlen(value)) : NULL;
    free(raw);
  } else {
    text = cw_strdup(raw);
  }
  json_t *d = json_object();
  char *lang = node_lang(p, n);
  if (d && value) {
    jset_str(d, "type", type);
    jset(d, "language", lang && *lang ? json_string(lang) : json_null());
    jset(d, "base", json_string(base ? base : ""));
    jset_str(d, "value", value);
    jset_str(d, "text", text ? text : "");
  }
  free(lang);
  free(base);
  free(value);
  free(text);
  if (d && !json_object_get(d, "value")) {
    json_decref(d);
    return NULL;
  }
  return d;
}

static void set_text(feed_parser *p, json_t *ctx, const xmlNode *n,
                     const char *key, const char *deftype, int atom_rules) {
  char detail_key[64];
  snprintf(detail_key, sizeof detail_key, "%s_detail", key);
  if (json_object_get(ctx, key))
    return; /* the first wins */
  json_t *d = text_construct(p, n, deftype, atom_rules);
  if (!d)
    return;
  jset(ctx, key, json_string(jstr(d, "value")));
  jset(ctx, detail_key, d);
}

/* ---- people, dates, links, categories ---------------------------------- */

/* Splits "Name <mail>", "mail (Name)" or "mail" into name and email. */
static json_t *person_from_text(const char *s) {
  json_t *d = json_object();
  if (!d)
    return NULL;
  const char *at = strchr(s, '@');
  if (!at) {
    jset_str(d, "name", s);
    return d;
  }
  const char *a = at, *b = at;
  while (a > s && !cw_is_space((unsigned char)a[-1]) && a[-1] != '<' &&
         a[-1] != '(' && a[-1] != ':')
    a--;
  while (*b && !cw_is_space((unsigned char)*b) && *b != '>' && *b != ')')
    b++;
  char *email = cw_strndup(a, (size_t)(b - a));
  cw_buf name;
  cw_buf_init(&name, FEED_MAX_FIELD);
  cw_buf_append(&name, s, (size_t)(a - s));
  cw_buf_puts(&name, b);
  /* drop the brackets and "mailto:" around what is left */
  cw_buf clean;
  cw_buf_init(&clean, FEED_MAX_FIELD);
  for (size_t i = 0; i < name.len; i++) {
    char c = name.ptr[i];
    if (c == '<' || c == '>' || c == '(' || c == ')')
      c = ' ';
    if (i + 7 <= name.len && !memcmp(name.ptr + i, "mailto:", 7)) {
      i += 6;
      continue;
    }
    cw_buf_putc(&clean, c);
  }
  const char *ns = clean.ptr;
  size_t nl = clean.len;
  cw_trim(&ns, &nl);
  if (nl)
    jset(d, "name", json_stringn(ns, nl));
  jset_str(d, "email", email);
  free(email);
  cw_buf_free(&name);
  cw_buf_free(&clean);
  return d;
}

static json_t *person_from_elem(feed_parser *p, const xmlNode *n) {
  json_t *d = json_object();
  if (!d)
    return NULL;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    char pre[32];
    const char *l = elem_name(c, pre, sizeof pre);
    char *v = elem_text(p, c);
    if (!v)
      continue;
    if (!strcmp(l, "name"))
      jset_str(d, "name", v);
    else if (!strcmp(l, "email"))
      jset_str(d, "email", v);
    else if (!strcmp(l, "uri") || !strcmp(l, "url") ||
             !strcmp(l, "homepage")) {
      char *r = resolve(p, c, v);
      jset_str(d, "href", r);
      free(r);
    }
    free(v);
  }
  return d;
}

static void set_person(feed_parser *p, json_t *ctx, const xmlNode *n,
                       const char *key) {
  json_t *d;
  char *text = NULL;
  if (has_element_child(n)) {
    d = person_from_elem(p, n);
  } else {
    text = elem_text(p, n);
    if (!text || !*text) {
      free(text);
      return;
    }
    d = person_from_text(text);
  }
  if (!d) {
    free(text);
    return;
  }
  if (!strcmp(key, "contributor")) {
    json_t *l = jlist(ctx, "contributors");
    if (l)
      json_array_append_new(l, d);
    else
      json_decref(d);
    free(text);
    return;
  }
  char dk[64];
  snprintf(dk, sizeof dk, "%s_detail", key);
  if (!json_object_get(ctx, key)) {
    const char *name = jstr(d, "name"), *email = jstr(d, "email");
    if (text) {
      jset_str(ctx, key, text);
    } else if (name && email) {
      cw_buf b;
      cw_buf_init(&b, 0);
      cw_buf_printf(&b, "%s (%s)", name, email);
      jset_str(ctx, key, b.ptr);
      cw_buf_free(&b);
    } else {
      jset_str(ctx, key, name ? name : email);
    }
    jset(ctx, dk, json_deep_copy(d));
  }
  if (!strcmp(key, "author")) {
    json_t *l = jlist(ctx, "authors");
    if (l) {
      json_array_append_new(l, d);
      d = NULL;
    }
  }
  json_decref(d);
  free(text);
}

static void set_date_value(json_t *ctx, const char *key, const char *v) {
  jset_str(ctx, key, v);
  int64_t t;
  char pk[64];
  snprintf(pk, sizeof pk, "%s_parsed", key);
  if (cw_feed_parse_date(v, &t)) {
    char iso[32];
    cw_format_iso8601(t, 1, iso);
    jset_str(ctx, pk, iso);
  } else {
    jset(ctx, pk, json_null());
  }
}

static void set_date(feed_parser *p, json_t *ctx, const xmlNode *n,
                     const char *key) {
  char *v = elem_text(p, n);
  if (v && *v)
    set_date_value(ctx, key, v);
  free(v);
}

static json_t *link_object(const char *rel, const char *type,
                           const char *href) {
  json_t *l = json_object();
  if (!l)
    return NULL;
  jset_str(l, "rel", rel);
  jset_str(l, "type", type);
  jset_str(l, "href", href ? href : "");
  return l;
}

static void add_enclosure(json_t *ctx, const char *href, const char *type,
                          const char *length) {
  json_t *e = json_object();
  json_t *l = jlist(ctx, "enclosures");
  if (!e || !l) {
    json_decref(e);
    return;
  }
  jset_str(e, "href", href ? href : "");
  jset_str(e, "type", type);
  jset_str(e, "length", length);
  json_array_append_new(l, e);
}

static void set_link(feed_parser *p, json_t *ctx, const xmlNode *n) {
  char *href = attr(n, "href");
  if (!href && !p->atom) {
    /* RSS: <link>URL</link> */
    char *t = elem_text(p, n);
    if (t && *t) {
      char *r = resolve(p, n, t);
      jset_if_absent(ctx, "link", json_string(r));
      json_t *l = jlist(ctx, "links");
      if (l)
        json_array_append_new(l, link_object("alternate", "text/html", r));
      free(r);
    }
    free(t);
    return;
  }
  char *rel = attr(n, "rel"), *type = attr(n, "type");
  char *title = attr(n, "title"), *hreflang = attr(n, "hreflang");
  char *length = attr(n, "length");
  char *r = href ? resolve(p, n, href) : NULL;
  const char *rl = rel && *rel ? rel : "alternate";
  const char *ty =
      type && *type ? type
                    : (!strcmp(rl, "self") ? "application/atom+xml"
                                           : "text/html");
  json_t *l = link_object(rl, ty, r);
  if (l) {
    jset_str(l, "title", title);
    jset_str(l, "hreflang", hreflang);
    jset_str(l, "length", length);
    json_t *list = jlist(ctx, "links");
    if (list)
      json_array_append_new(list, l);
    else
      json_decref(l);
  }
  if (!strcmp(rl, "alternate") && r &&
      (is_html_type(ty) || !json_object_get(ctx, "link")))
    jset_if_absent(ctx, "link", json_string(r));
  if (!strcmp(rl, "enclosure"))
    add_enclosure(ctx, r, type, length);
  if (!strcmp(rl, "license") && r)
    jset_if_absent(ctx, "license", json_string(r));
  free(r);
  free(href);
  free(rel);
  free(type);
  free(title);
  free(hreflang);
  free(length);
}

static void add_tag(json_t *ctx, const char *term, const char *scheme,
                    const char *label) {
  if (!term || !*term)
    return;
  json_t *l = jlist(ctx, "tags");
  size_t i;
  json_t *old;
  json_array_foreach(l, i, old) {
    const char *os = jstr(old, "scheme");
    if (streq(jstr(old, "term"), term) &&
        ((!os && !scheme) || streq(os, scheme)))
      return; /* the same tag twice */
  }
  json_t *t = json_object();
  if (!t || !l) {
    json_decref(t);
    return;
  }
  jset_str(t, "term", term);
  jset(t, "scheme", scheme ? json_string(scheme) : json_null());
  jset(t, "label", label ? json_string(label) : json_null());
  json_array_append_new(l, t);
}

static void set_category(feed_parser *p, json_t *ctx, const xmlNode *n,
                         const char *scheme_default) {
  char *term = attr(n, "term");
  char *scheme = attr(n, "scheme");
  if (!scheme)
    scheme = attr(n, "domain");
  char *label = attr(n, "label");
  if (!term)
    term = attr(n, "text"); /* itunes:category */
  if (!term)
    term = elem_text(p, n);
  add_tag(ctx, term, scheme ? scheme : scheme_default, label);
  /* itunes categories nest */
  for (const xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && name_is(c, "itunes", "category"))
      set_category(p, ctx, c, scheme_default);
  free(term);
  free(scheme);
  free(label);
}

/* ---- the element table -------------------------------------------------- */

typedef enum kind {
  K_TEXT,
  K_DESCRIPTION,
  K_CONTENT,
  K_STR,
  K_URL,
  K_DATE,
  K_PERSON,
  K_LINK,
  K_CATEGORY,
  K_KEYWORDS,
  K_ENCLOSURE,
  K_GUID,
  K_IMAGE,
  K_ITUNES_IMAGE,
  K_SOURCE,
  K_GENERATOR,
  K_ITEM,
  K_ITUNES_BLOCK,
  K_ITUNES_EXPLICIT,
  K_MEDIA,
  K_ATTRS,
  K_LICENSE,
  K_MEDIA_TEXT,
  K_MEDIA_OBJ,
  K_MEDIA_LIST,
  K_GROUP,
  K_TAGS,
  K_VALIDITY,
  K_GEO,
  K_GEO_GML,
  K_PSC,
  K_IGNORE
} kind;

typedef struct rule {
  const char *prefix, *local;
  kind kind;
  const char *key;
} rule;

static const rule rules[] = {
    {"", "title", K_TEXT, "title"},
    {"dc", "title", K_TEXT, "title"},
    {"", "description", K_DESCRIPTION, NULL},
    {"dc", "description", K_DESCRIPTION, NULL},
    {"", "summary", K_TEXT, "summary"},
    {"itunes", "summary", K_TEXT, "summary"},
    {"", "subtitle", K_TEXT, "subtitle"},
    {"", "tagline", K_TEXT, "subtitle"},
    {"itunes", "subtitle", K_TEXT, "subtitle"},
    {"", "info", K_TEXT, "info"},
    {"", "rights", K_TEXT, "rights"},
    {"", "copyright", K_TEXT, "rights"},
    {"dc", "rights", K_TEXT, "rights"},
    {"", "content", K_CONTENT, "text/plain"},
    {"content", "encoded", K_CONTENT, "text/html"},
    {"xhtml", "body", K_CONTENT, "application/xhtml+xml"},
    {"", "body", K_CONTENT, "application/xhtml+xml"},
    {"", "fullitem", K_CONTENT, "text/html"},
    {"", "language", K_STR, "language"},
    {"dc", "language", K_STR, "language"},
    {"", "id", K_STR, "id"},
    {"", "guid", K_GUID, "id"},
    {"", "comments", K_URL, "comments"},
    {"", "docs", K_URL, "docs"},
    {"", "ttl", K_STR, "ttl"},
    {"", "icon", K_URL, "icon"},
    {"", "logo", K_URL, "logo"},
    {"", "generator", K_GENERATOR, "generator"},
    {"admin", "generatorAgent", K_GENERATOR, "generator"},
    {"", "pubDate", K_DATE, "published"},
    {"", "published", K_DATE, "published"},
    {"", "issued", K_DATE, "published"},
    {"dcterms", "issued", K_DATE, "published"},
    {"", "lastBuildDate", K_DATE, "updated"},
    {"", "updated", K_DATE, "updated"},
    {"", "modified", K_DATE, "updated"},
    {"dc", "date", K_DATE, "updated"},
    {"dcterms", "modified", K_DATE, "updated"},
    {"", "created", K_DATE, "created"},
    {"dcterms", "created", K_DATE, "created"},
    {"", "expirationDate", K_DATE, "expired"},
    {"", "author", K_PERSON, "author"},
    {"dc", "creator", K_PERSON, "author"},
    {"dc", "author", K_PERSON, "author"},
    {"", "managingEditor", K_PERSON, "author"},
    {"itunes", "author", K_PERSON, "author"},
    {"itunes", "owner", K_PERSON, "publisher"},
    {"", "webMaster", K_PERSON, "publisher"},
    {"dc", "publisher", K_PERSON, "publisher"},
    {"", "contributor", K_PERSON, "contributor"},
    {"dc", "contributor", K_PERSON, "contributor"},
    {"", "link", K_LINK, NULL},
    {"", "category", K_CATEGORY, NULL},
    {"dc", "subject", K_CATEGORY, NULL},
    {"itunes", "category", K_CATEGORY, "http://www.itunes.com/"},
    {"itunes", "keywords", K_KEYWORDS, NULL},
    {"", "enclosure", K_ENCLOSURE, NULL},
    {"", "image", K_IMAGE, "image"},
    {"", "textinput", K_IMAGE, "textinput"},
    {"", "textInput", K_IMAGE, "textinput"},
    {"itunes", "image", K_ITUNES_IMAGE, NULL},
    {"itunes", "link", K_ITUNES_IMAGE, NULL},
    {"", "source", K_SOURCE, NULL},
    {"", "item", K_ITEM, NULL},
    {"", "entry", K_ITEM, NULL},
    {"itunes", "block", K_ITUNES_BLOCK, "itunes_block"},
    {"itunes", "explicit", K_ITUNES_EXPLICIT, "itunes_explicit"},
    {"media", "content", K_MEDIA, "media_content"},
    {"media", "thumbnail", K_MEDIA, "media_thumbnail"},
    {"media", "group", K_MEDIA, NULL},
    {"", "cloud", K_ATTRS, "cloud"},
    {"cc", "license", K_LICENSE, NULL},
    {"creativecommons", "license", K_LICENSE, NULL},
    {"", "abstract", K_DESCRIPTION, NULL},
    {"media", "title", K_MEDIA_TEXT, "title"},
    {"media", "description", K_MEDIA_TEXT, "description"},
    {"media", "category", K_CATEGORY,
     "http://search.yahoo.com/mrss/category_schema"},
    {"media", "credit", K_MEDIA_LIST, "media_credit"},
    {"media", "restriction", K_MEDIA_OBJ, "media_restriction"},
    {"media", "license", K_MEDIA_OBJ, "media_license"},
    {"media", "rating", K_MEDIA_OBJ, "media_rating"},
    {"media", "player", K_MEDIA_OBJ, "media_player"},
    {"thr", "in-reply-to", K_ATTRS, "thr_in-reply-to"},
    {"wfw", "comment", K_URL, "wfw_comment"},
    {"wfw", "commentRss", K_URL, "wfw_commentrss"},
    {"feedburner", "browserFriendly", K_TEXT, "info"},
    {"", "redirect", K_GROUP, NULL},
    {"", "newLocation", K_URL, "newlocation"},
    {"", "tags", K_TAGS, NULL},
    {"dcterms", "valid", K_VALIDITY, NULL},
    {"georss", "point", K_GEO, "Point"},
    {"georss", "line", K_GEO, "LineString"},
    {"georss", "polygon", K_GEO, "Polygon"},
    {"georss", "box", K_GEO, "Box"},
    {"georss", "where", K_GEO_GML, NULL},
    {"gml", "Point", K_GEO_GML, NULL},
    {"gml", "LineString", K_GEO_GML, NULL},
    {"gml", "Polygon", K_GEO_GML, NULL},
    {"psc", "chapters", K_PSC, NULL},
    {"", "items", K_IGNORE, NULL},
    {"rdf", "li", K_IGNORE, NULL},
};

static void walk(feed_parser *p, json_t *ctx, json_t *entries,
                 const xmlNode *first, int in_entry, int depth);
static void set_date_value(json_t *ctx, const char *key, const char *v);

/* CDF carries the link and the date as HREF and LASTMOD attributes. */
static void cdf_attrs(feed_parser *p, json_t *ctx, const xmlNode *n) {
  for (xmlAttr *a = n->properties; a; a = a->next) {
    xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
    if (!v)
      continue;
    if (!xmlStrcasecmp(a->name, (const xmlChar *)"href")) {
      char *r = resolve(p, n, (const char *)v);
      jset_if_absent(ctx, "link", json_string(r));
      json_t *l = jlist(ctx, "links");
      if (l)
        json_array_append_new(l, link_object("alternate", "text/html", r));
      free(r);
    } else if (!xmlStrcasecmp(a->name, (const xmlChar *)"lastmod")) {
      set_date_value(ctx, "updated", (const char *)v);
    }
    xmlFree(v);
  }
}

/* A Media RSS element as an object: its attributes (url resolved) and
 * its text as "content"; media:restriction's content is its list of
 * codes. */
static json_t *media_object(feed_parser *p, const xmlNode *n,
                            const char *key) {
  json_t *m = json_object();
  if (!m)
    return NULL;
  for (xmlAttr *a = n->properties; a; a = a->next) {
    xmlChar *av = xmlNodeGetContent((const xmlNode *)a);
    if (av) {
      if (!strcmp((const char *)a->name, "url") ||
          !strcmp((const char *)a->name, "href")) {
        char *u = resolve(p, n, (const char *)av);
        jset_str(m, (const char *)a->name, u);
        free(u);
      } else {
        jset_str(m, (const char *)a->name, (const char *)av);
      }
    }
    xmlFree(av);
  }
  char *t = elem_text(p, n);
  if (streq(key, "media_restriction")) {
    json_t *codes = json_array();
    char *save = NULL;
    for (char *w = t ? strtok_r(t, " \t\r\n", &save) : NULL; w && codes;
         w = strtok_r(NULL, " \t\r\n", &save)) {
      for (char *q = w; *q; q++)
        *q = (char)lower(*q);
      json_array_append_new(codes, json_string(w));
    }
    jset(m, "content", codes);
  } else {
    jset_str(m, "content", t ? t : "");
  }
  if (streq(key, "media_rating") && !json_object_get(m, "scheme"))
    jset_str(m, "scheme", "urn:simple");
  free(t);
  return m;
}

/* GeoRSS coordinates: numbers read in pairs (lat lon; lon lat when swap
 * is 0), or triples when dims is 3, each given as [lon, lat(, alt)].
 * NULL when a number does not read. */
static json_t *geo_coords(const char *s, int swap, int dims) {
  json_t *list = json_array();
  double v[3];
  int k = 0;
  for (const char *q = s; list && *q;) {
    while (*q && (cw_is_space((unsigned char)*q) || *q == ','))
      q++;
    if (!*q)
      break;
    char *end;
    double d = cw_strtod(q, &end);
    if (end == q) {
      json_decref(list);
      return NULL;
    }
    q = end;
    v[k++] = d;
    if (k == dims) {
      json_t *t = json_array();
      json_array_append_new(t, json_real(swap ? v[1] : v[0]));
      json_array_append_new(t, json_real(swap ? v[0] : v[1]));
      if (dims == 3)
        json_array_append_new(t, json_real(v[2]));
      json_array_append_new(list, t);
      k = 0;
      if (json_array_size(list) >= 100000)
        break;
    }
  }
  return list;
}

/* {"type", "coordinates"} of a GeoRSS geometry, NULL when unreadable. */
static json_t *geo_where(const char *type, const char *text, int swap,
                         int dims) {
  json_t *c = geo_coords(text, swap, dims);
  size_t n = json_array_size(c);
  json_t *coords = NULL;
  if (!c)
    return NULL;
  if (streq(type, "Point") && n >= 1) {
    coords = json_incref(json_array_get(c, 0));
  } else if (streq(type, "Polygon") && n >= 4) {
    coords = json_array();
    json_array_append(coords, c);
  } else if ((streq(type, "LineString") || streq(type, "Box")) && n >= 1) {
    coords = json_incref(c);
  }
  json_decref(c);
  if (!coords)
    return NULL;
  json_t *w = json_object();
  jset_str(w, "type", type);
  jset(w, "coordinates", coords);
  return w;
}

/* First descendant element with the given GML local name. */
static const xmlNode *gml_find(const xmlNode *n, const char *local,
                               int depth) {
  for (const xmlNode *c = n->children; c && depth < 8; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    if (name_is(c, "gml", local))
      return c;
    const xmlNode *d = gml_find(c, local, depth + 1);
    if (d)
      return d;
  }
  return NULL;
}

/* A GML geometry (gml:Point, gml:LineString, gml:Polygon), alone or in
 * georss:where. Coordinates are latitude first unless the srsName names
 * a projected EPSG system (codes outside the geographic 38xx-49xx). */
static void geo_gml(feed_parser *p, json_t *ctx, const xmlNode *n) {
  const xmlNode *g = n;
  if (name_is(n, "georss", "where")) {
    g = NULL;
    for (const xmlNode *c = n->children; c && !g; c = c->next)
      if (c->type == XML_ELEMENT_NODE &&
          (name_is(c, "gml", "Point") || name_is(c, "gml", "LineString") ||
           name_is(c, "gml", "Polygon")))
        g = c;
  }
  json_t *w = NULL;
  if (g) {
    char *srs = attr(g, "srsName"), *dim = attr(g, "srsDimension");
    int dims = dim && atoi(dim) == 3 ? 3 : 2, swap = 1;
    const char *epsg = srs ? strstr(srs, "EPSG") : NULL;
    if (epsg) {
      const char *colon = strrchr(srs, ':');
      long code = colon ? strtol(colon + 1, NULL, 10) : 0;
      swap = code >= 3800 && code < 5000;
    }
    const char *type = name_is(g, "gml", "Point")        ? "Point"
                       : name_is(g, "gml", "LineString") ? "LineString"
                                                         : "Polygon";
    const xmlNode *pos =
        gml_find(g, streq(type, "Point") ? "pos" : "posList", 0);
    char *t = pos ? elem_text(p, pos) : NULL;
    w = t ? geo_where(type, t, swap, dims) : NULL;
    free(t);
    if (w) {
      jset(w, "srsName", srs ? json_string(srs) : json_null());
      jset(w, "srsDimension", json_integer(dims));
    }
    free(srs);
    free(dim);
  }
  jset(ctx, "where", w ? w : json_object());
}

/* Podlove Simple Chapters: {"version", "chapters": [{"start",
 * "start_parsed" (seconds), "title", "href", "image"}]}. */
static json_t *psc_chapters(feed_parser *p, const xmlNode *n) {
  json_t *o = json_object(), *l = json_array();
  char *ver = attr(n, "version");
  jset_str(o, "version", ver);
  free(ver);
  for (const xmlNode *c = n->children; c && l; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || !name_is(c, "psc", "chapter"))
      continue;
    json_t *ch = json_object();
    static const char *const names[] = {"start", "title", "href", "image"};
    for (size_t i = 0; i < N_ELEMS(names); i++) {
      char *a = attr(c, names[i]);
      if (a && i == 2) {
        char *u = resolve(p, c, a);
        free(a);
        a = u;
      }
      jset_str(ch, names[i], a);
      if (a && i == 0) {
        /* [[hh:]mm:]ss[.mmm] */
        double secs = 0;
        for (char *q = a; *q;) {
          char *end;
          double part = cw_strtod(q, &end);
          if (end == q)
            break;
          secs = secs * 60 + part;
          q = *end == ':' ? end + 1 : end;
          if (*end != ':')
            break;
        }
        jset(ch, "start_parsed", json_real(secs));
      }
      free(a);
    }
    json_array_append_new(l, ch);
  }
  jset(o, "chapters", l);
  return o;
}

/* media:title and media:description fill a missing title and
 * description. */
static void media_fallbacks(json_t *ctx, int in_entry) {
  static const char *const from[][2] = {{"media_title", "title"},
                                        {"media_description", "summary"}};
  for (size_t i = 0; i < N_ELEMS(from); i++) {
    const char *to = i == 1 && !in_entry ? "subtitle" : from[i][1];
    char fd[48], td[48];
    snprintf(fd, sizeof fd, "%s_detail", from[i][0]);
    snprintf(td, sizeof td, "%s_detail", to);
    json_t *v = json_object_get(ctx, from[i][0]);
    if (v && !json_object_get(ctx, to)) {
      jset(ctx, to, json_deep_copy(v));
      json_t *d = json_object_get(ctx, fd);
      if (d)
        jset(ctx, td, json_deep_copy(d));
    }
  }
}

static json_t *parse_entry(feed_parser *p, const xmlNode *n, int depth) {
  json_t *e = json_object();
  if (!e)
    return NULL;
  if (p->cdf)
    cdf_attrs(p, e, n);
  walk(p, e, NULL, n->children, 1, depth + 1);
  media_fallbacks(e, 1);
  if (!json_object_get(e, "id")) {
    /* RSS 1.0: the item's rdf:about is its id */
    char *about = attr(n, "about");
    if (about && *about)
      jset_str(e, "id", about);
    free(about);
  }
  /* an entry without summary shows its content */
  json_t *content = json_object_get(e, "content");
  if (!json_object_get(e, "summary") && json_array_size(content) > 0) {
    json_t *c0 = json_array_get(content, 0);
    const char *t = jstr(c0, "type");
    if (streq(t, "text/plain") || is_html_type(t)) {
      jset_str(e, "summary", jstr(c0, "value"));
      jset(e, "summary_detail", json_deep_copy(c0));
    }
  }
  if (json_is_true(json_object_get(e, "guidislink")) &&
      !json_object_get(e, "link"))
    jset_str(e, "link", jstr(e, "id"));
  else if (json_object_get(e, "guidislink"))
    jset(e, "guidislink", json_false());
  return e;
}

static void handle(feed_parser *p, json_t *ctx, json_t *entries,
                   const xmlNode *n, int in_entry, int depth) {
  char pre[32];
  const char *local = elem_name(n, pre, sizeof pre);
  const rule *r = NULL;
  for (size_t i = 0; i < N_ELEMS(rules); i++)
    if (streq(rules[i].prefix, pre) && !strcmp(rules[i].local, local)) {
      r = &rules[i];
      break;
    }
  if (!r) {
    /* lower-case variants (pubdate, lastbuilddate) */
    for (size_t i = 0; i < N_ELEMS(rules); i++)
      if (streq(rules[i].prefix, pre) &&
          cw_strncaseeq(rules[i].local, local, strlen(local) + 1)) {
        r = &rules[i];
        break;
      }
  }
  int atom_rules = p->atom || (n->ns && n->ns->href &&
                               (strstr((const char *)n->ns->href, "Atom") ||
                                strstr((const char *)n->ns->href, "atom")));
  if (!r) {
    if (*pre && strcmp(pre, "xhtml") && strcmp(pre, "rdf")) {
      /* other namespaces: prefix_local as plain text */
      char key[96];
      snprintf(key, sizeof key, "%s_%s", pre, local);
      for (char *q = key; *q; q++)
        *q = (char)lower(*q);
      if (!json_object_get(ctx, key) && !has_element_child(n)) {
        char *v = elem_text(p, n);
        jset_str(ctx, key, v);
        free(v);
      }
    }
    return;
  }
  char *v = NULL;
  switch (r->kind) {
  case K_TEXT:
    set_text(p, ctx, n, r->key, "text/plain", atom_rules);
    break;
  case K_DESCRIPTION:
    set_text(p, ctx, n, in_entry ? "summary" : "subtitle", "text/html",
             atom_rules);
    break;
  case K_CONTENT: {
    json_t *d = text_construct(p, n, r->key, atom_rules || !strcmp(local, "content"));
    char *src = d ? attr(n, "src") : NULL;
    if (src) {
      /* Atom out-of-line content: <content src="..." type="video/mp4"/> */
      char *u = resolve(p, n, src);
      jset_str(d, "src", u);
      free(u);
      free(src);
    }
    json_t *l = d ? jlist(ctx, "content") : NULL;
    if (l)
      json_array_append_new(l, d);
    else
      json_decref(d);
    break;
  }
  case K_STR:
    if (!json_object_get(ctx, r->key) && (v = elem_text(p, n)) && *v) {
      /* an id written as a path ("/2025/06/ferry") is a link on the
       * feed's site: resolved like one (other ids are left alone) */
      char *u = streq(r->key, "id") && v[0] == '/' ? resolve(p, n, v) : NULL;
      jset_str(ctx, r->key, u ? u : v);
      free(u);
    }
    break;
  case K_URL:
    if (!json_object_get(ctx, r->key) && (v = elem_text(p, n)) && *v) {
      char *u = resolve(p, n, v);
      jset_str(ctx, r->key, u);
      free(u);
    }
    break;
  case K_GUID:
    if (!json_object_get(ctx, "id") && (v = elem_text(p, n)) && *v) {
      jset_str(ctx, "id", v);
      char *perma = attr(n, "isPermaLink");
      int is_link = !perma || cw_strncaseeq(perma, "true", 5);
      free(perma);
      jset(ctx, "guidislink", json_boolean(is_link));
    }
    break;
  case K_DATE:
    set_date(p, ctx, n, r->key);
    break;
  case K_PERSON:
    set_person(p, ctx, n, r->key);
    break;
  case K_LINK:
    set_link(p, ctx, n);
    break;
  case K_CATEGORY:
    set_category(p, ctx, n, r->key);
    break;
  case K_KEYWORDS:
    if ((v = elem_text(p, n))) {
      char *save = NULL;
      for (char *w = strtok_r(v, ", \t\n", &save); w;
           w = strtok_r(NULL, ", \t\n", &save))
        add_tag(ctx, w, "http://www.itunes.com/", NULL);
    }
    break;
  case K_ENCLOSURE: {
    char *url = attr(n, "url"), *type = attr(n, "type");
    char *length = attr(n, "length");
    char *u = url ? resolve(p, n, url) : NULL;
    add_enclosure(ctx, u, type, length);
    json_t *l = jlist(ctx, "links");
    json_t *lo = link_object("enclosure", type, u);
    if (lo) {
      jset_str(lo, "length", length);
      if (l)
        json_array_append_new(l, lo);
      else
        json_decref(lo);
    }
    free(url);
    free(type);
    free(length);
    free(u);
    break;
  }
  case K_IMAGE: {
    json_t *img = json_object();
    if (!img)
      break;
    for (const xmlNode *c = n->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      char cp[32];
      const char *cl = elem_name(c, cp, sizeof cp);
      char *t = elem_text(p, c);
      if (!t)
        continue;
      if (!strcmp(cl, "url") || !strcmp(cl, "link")) {
        char *u = resolve(p, c, t);
        jset_str(img, !strcmp(cl, "url") ? "href" : "link", u);
        free(u);
      } else if (!strcmp(cl, "width") || !strcmp(cl, "height")) {
        jset(img, cl, json_integer(strtol(t, NULL, 10)));
      } else {
        jset_str(img, cl, t);
      }
      free(t);
    }
    jset_if_absent(ctx, r->key, img);
    break;
  }
  case K_ITUNES_IMAGE: {
    char *rel = attr(n, "rel");
    if (!strcmp(local, "link") && !streq(rel, "image")) {
      free(rel);
      break;
    }
    free(rel);
    char *h = attr(n, "href");
    if (!h)
      h = attr(n, "url");
    if (h && !json_object_get(ctx, "image")) {
      json_t *img = json_object();
      char *u = resolve(p, n, h);
      jset_str(img, "href", u);
      free(u);
      jset(ctx, "image", img);
    }
    free(h);
    break;
  }
  case K_SOURCE: {
    json_t *src = json_object();
    if (!src)
      break;
    if (has_element_child(n)) {
      walk(p, src, NULL, n->children, 0, depth + 1);
    } else {
      char *url = attr(n, "url");
      v = elem_text(p, n);
      jset_str(src, "href", url);
      jset_str(src, "title", v);
      free(url);
    }
    jset_if_absent(ctx, "source", src);
    break;
  }
  case K_GENERATOR:
    if (!json_object_get(ctx, "generator")) {
      json_t *g = json_object();
      char *uri = attr(n, "uri"), *url = attr(n, "url");
      char *res = attr(n, "resource"), *ver = attr(n, "version");
      v = elem_text(p, n);
      const char *href = uri ? uri : url ? url : res;
      char *h = href ? resolve(p, n, href) : NULL;
      jset_str(g, "name", v);
      jset_str(g, "href", h);
      jset_str(g, "version", ver);
      jset_str(ctx, "generator", v && *v ? v : h);
      jset(ctx, "generator_detail", g);
      free(uri);
      free(url);
      free(res);
      free(ver);
      free(h);
    }
    break;
  case K_ITEM:
    if (!in_entry && entries) {
      if (json_array_size(entries) >= FEED_MAX_ENTRIES) {
        set_bozo(p, "more than the limit of entries%s", "");
        break;
      }
      json_t *e = parse_entry(p, n, depth);
      if (e)
        json_array_append_new(entries, e);
    }
    break;
  case K_ITUNES_BLOCK: {
    /* only the exact "yes" blocks (feedparser) */
    xmlChar *raw = xmlNodeGetContent(n);
    jset(ctx, r->key,
         json_integer(raw && !strcmp((const char *)raw, "yes")));
    xmlFree(raw);
    break;
  }
  case K_ITUNES_EXPLICIT:
    if ((v = elem_text(p, n))) {
      for (char *q = v; *q; q++)
        *q = (char)lower(*q);
      jset(ctx, r->key,
           streq(v, "yes") || streq(v, "true")   ? json_true()
           : streq(v, "clean") || streq(v, "no") || streq(v, "false")
               ? json_false()
               : json_null());
    }
    break;
  case K_MEDIA:
    if (!r->key) {
      walk(p, ctx, NULL, n->children, in_entry, depth + 1);
    } else {
      json_t *m = json_object();
      json_t *l = jlist(ctx, r->key);
      if (!m || !l) {
        json_decref(m);
        break;
      }
      for (xmlAttr *a = n->properties; a; a = a->next) {
        xmlChar *av = xmlNodeGetContent((const xmlNode *)a);
        if (av) {
          if (!strcmp((const char *)a->name, "url")) {
            char *u = resolve(p, n, (const char *)av);
            jset_str(m, "url", u);
            free(u);
          } else {
            jset_str(m, (const char *)a->name, (const char *)av);
          }
        }
        xmlFree(av);
      }
      json_array_append_new(l, m);
    }
    break;
  case K_ATTRS: {
    json_t *o = json_object();
    for (xmlAttr *a = n->properties; o && a; a = a->next) {
      xmlChar *av = xmlNodeGetContent((const xmlNode *)a);
      char key[64];
      snprintf(key, sizeof key, "%s", (const char *)a->name);
      for (char *q = key; *q; q++)
        *q = (char)lower(*q);
      if (av)
        jset_str(o, key, (const char *)av);
      xmlFree(av);
    }
    jset_if_absent(ctx, r->key, o);
    break;
  }
  case K_LICENSE: {
    char *res = attr(n, "resource");
    v = res ? res : elem_text(p, n);
    if (v && *v) {
      json_t *lo = link_object("license", "text/html", v);
      json_t *l = jlist(ctx, "links");
      if (l && lo)
        json_array_append_new(l, lo);
      else
        json_decref(lo);
      jset_if_absent(ctx, "license", json_string(v));
    }
    break;
  }
  case K_MEDIA_TEXT: {
    /* media:title and media:description stand in for a missing title
     * and description (media_fallbacks) */
    char key[32];
    snprintf(key, sizeof key, "media_%s", r->key);
    set_text(p, ctx, n, key, "text/plain", 0);
    break;
  }
  case K_MEDIA_OBJ:
  case K_MEDIA_LIST: {
    json_t *m = media_object(p, n, r->key);
    if (r->kind == K_MEDIA_OBJ) {
      jset_if_absent(ctx, r->key, m);
    } else {
      json_t *l = m ? jlist(ctx, r->key) : NULL;
      if (l)
        json_array_append_new(l, m);
      else
        json_decref(m);
    }
    break;
  }
  case K_GROUP:
    walk(p, ctx, NULL, n->children, in_entry, depth + 1);
    break;
  case K_TAGS:
    /* a made-up <tags>one, two</tags> */
    if ((v = elem_text(p, n))) {
      char *save = NULL;
      for (char *w = strtok_r(v, ",", &save); w;
           w = strtok_r(NULL, ",", &save)) {
        const char *t = w;
        size_t tl = strlen(w);
        cw_trim(&t, &tl);
        char *term = cw_strndup(t, tl);
        add_tag(ctx, term, NULL, NULL);
        free(term);
      }
    }
    break;
  case K_VALIDITY:
    /* DCMI period: "start=...; end=...; scheme=W3C-DTF" */
    if ((v = elem_text(p, n))) {
      char *save = NULL;
      for (char *w = strtok_r(v, ";", &save); w;
           w = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(w, '=');
        if (!eq)
          continue;
        *eq = '\0';
        const char *k = w, *val = eq + 1;
        size_t kl = strlen(k), vl = strlen(val);
        cw_trim(&k, &kl);
        cw_trim(&val, &vl);
        char *vv = cw_strndup(val, vl);
        if (vv && *vv && kl == 5 && !strncmp(k, "start", 5))
          set_date_value(ctx, "validity_start", vv);
        else if (vv && *vv && kl == 3 && !strncmp(k, "end", 3))
          set_date_value(ctx, "validity_end", vv);
        free(vv);
      }
    }
    break;
  case K_GEO:
    if ((v = elem_text(p, n))) {
      json_t *w = geo_where(r->key, v, 1, 2);
      jset(ctx, "where", w ? w : json_object());
    }
    break;
  case K_GEO_GML:
    geo_gml(p, ctx, n);
    break;
  case K_PSC:
    if (!json_object_get(ctx, "psc_chapters"))
      jset(ctx, "psc_chapters", psc_chapters(p, n));
    break;
  case K_IGNORE:
    break;
  }
  free(v);
}

static void walk(feed_parser *p, json_t *ctx, json_t *entries,
                 const xmlNode *first, int in_entry, int depth) {
  if (depth > FEED_MAX_DEPTH) {
    set_bozo(p, "nesting deeper than the limit%s", "");
    return;
  }
  for (const xmlNode *c = first; c; c = c->next) {
    if (--p->nodes < 0) {
      set_bozo(p, "document too large to walk%s", "");
      return;
    }
    if (c->type != XML_ELEMENT_NODE)
      continue;
    /* RSS <channel> and <items> only group: walk through them */
    if (!in_entry && (name_is(c, "", "channel"))) {
      walk(p, ctx, entries, c->children, 0, depth + 1);
      continue;
    }
    handle(p, ctx, entries, c, in_entry, depth);
  }
}

/* ---- bytes to a document ------------------------------------------------ */

typedef struct entity_scan {
  int refused;
  char names[FEED_MAX_ENTITY_DECLS][33];
  size_t n_names;
} entity_scan;

/* Looks at the DOCTYPE's internal subset: refuses entity declarations that
 * expand other entities (the "billion laughs" and its cousins) or are too
 * many, and records the declared names. */
static void scan_doctype(const char *s, size_t n, entity_scan *es) {
  size_t lim = n < FEED_MAX_PROLOG ? n : FEED_MAX_PROLOG;
  const char *dt = NULL;
  for (size_t i = 0; i + 9 <= lim; i++)
    if (s[i] == '<' && !memcmp(s + i, "<!DOCTYPE", 9)) {
      dt = s + i;
      break;
    }
  if (!dt)
    return;
  const char *end = s + n;
  for (const char *q = dt; q + 8 <= end; q++) {
    if (*q == ']' || (*q == '>' && !memchr(dt, '[', (size_t)(q - dt))))
      break;
    if (memcmp(q, "<!ENTITY", 8) != 0)
      continue;
    if (es->n_names >= FEED_MAX_ENTITY_DECLS) {
      es->refused = 1;
      return;
    }
    const char *r = q + 8;
    while (r < end && cw_is_space((unsigned char)*r))
      r++;
    if (r < end && *r == '%') {
      /* a parameter entity: an external one (the XHTML entity sets, often
       * seen) is never loaded, so harmless; one with a literal value can
       * build an expansion bomb inside the DTD, and no feed needs it */
      const char *gt = memchr(r, '>', (size_t)(end - r));
      const char *lim2 = gt ? gt : end;
      int external = 0;
      for (const char *k = r; k + 6 <= lim2; k++)
        if (!memcmp(k, "PUBLIC", 6) || !memcmp(k, "SYSTEM", 6))
          external = 1;
      if (!external) {
        es->refused = 1;
        return;
      }
      q = lim2;
      continue;
    }
    size_t k = 0;
    while (r < end && !cw_is_space((unsigned char)*r) && k < 32)
      es->names[es->n_names][k++] = *r++;
    es->names[es->n_names++][k] = '\0';
    while (r < end && *r != '"' && *r != '\'' && *r != '>')
      r++;
    if (r < end && (*r == '"' || *r == '\'')) {
      char qc = *r++;
      for (; r < end && *r != qc; r++)
        if (*r == '&' && r + 1 < end && r[1] != '#') {
          es->refused = 1;
          return;
        }
    }
    q = r;
  }
}

static int declared(const entity_scan *es, const char *name, size_t n) {
  for (size_t i = 0; i < es->n_names; i++)
    if (strlen(es->names[i]) == n && !memcmp(es->names[i], name, n))
      return 1;
  return 0;
}

/* Copies s repairing ampersands, outside CDATA and comments: HTML named
 * entities that XML does not know (&nbsp;, &Rho;) become character
 * references, unknown names and bare ampersands become text (&amp;), so
 * that libxml2's recovery does not silently drop them. Returns the number
 * of repairs and describes the first in first. */
static size_t fix_html_entities(const char *s, size_t n,
                                const entity_scan *es, cw_buf *out,
                                char first[64]) {
  size_t fixed = 0;
  for (size_t i = 0; i < n;) {
    if (s[i] == '<' && i + 9 <= n && !memcmp(s + i, "<![CDATA[", 9)) {
      size_t j = i + 9;
      while (j + 3 <= n && memcmp(s + j, "]]>", 3))
        j++;
      j = j + 3 <= n ? j + 3 : n;
      cw_buf_append(out, s + i, j - i);
      i = j;
      continue;
    }
    if (s[i] == '<' && i + 4 <= n && !memcmp(s + i, "<!--", 4)) {
      size_t j = skip_markup_decl(s, n, i);
      cw_buf_append(out, s + i, j - i);
      i = j;
      continue;
    }
    if (s[i] == '&' && i + 1 < n && s[i + 1] == '#') {
      unsigned cp;
      size_t k = entity_at(s + i, n - i, &cp);
      if (k && s[i + 2] == 'X') {
        /* &#X41; is HTML, not XML: written &#x41; */
        if (!fixed++)
          snprintf(first, 64, "character reference with upper-case X");
        cw_buf_puts(out, "&#x");
        cw_buf_append(out, s + i + 3, k - 3);
        i += k;
        continue;
      }
      if (k) {
        cw_buf_append(out, s + i, k);
        i += k;
        continue;
      }
    } else if (s[i] == '&' && i + 1 < n && is_alpha(s[i + 1])) {
      size_t j = i + 1;
      while (j < n && j - i < 33 &&
             (is_alpha(s[j]) || is_digit(s[j]) || s[j] == '.' ||
              s[j] == '-' || s[j] == '_' || s[j] == ':'))
        j++;
      size_t nl = j - i - 1;
      if (j < n && s[j] == ';' && nl < 33) {
        char name[33];
        memcpy(name, s + i + 1, nl);
        name[nl] = '\0';
        if (!strcmp(name, "amp") || !strcmp(name, "lt") ||
            !strcmp(name, "gt") || !strcmp(name, "quot") ||
            !strcmp(name, "apos") || declared(es, name, nl)) {
          cw_buf_append(out, s + i, j + 1 - i);
          i = j + 1;
          continue;
        }
        const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
        if (!fixed++)
          snprintf(first, 64, "undefined entity &%s;", name);
        if (e)
          cw_buf_printf(out, "&#%u;", e->value);
        else /* unknown: keep it visible as text */
          cw_buf_printf(out, "&amp;%s;", name);
        i = j + 1;
        continue;
      }
    }
    if (s[i] == '&') {
      /* a bare ampersand: XML wants &amp; */
      if (!fixed++)
        snprintf(first, 64, "bare & that starts no entity reference");
      cw_buf_puts(out, "&amp;");
      i++;
      continue;
    }
    cw_buf_putc(out, s[i]);
    i++;
  }
  return fixed;
}

typedef struct xml_errors {
  int count;
  char first[200];
} xml_errors;

static void on_xml_error(void *user, xmlErrorPtr e) {
  xmlParserCtxtPtr ctxt = user;
  xml_errors *xe = ctxt ? ctxt->_private : NULL;
  if (!xe || !e || e->level < XML_ERR_ERROR)
    return;
  if (!xe->count++) {
    char msg[160];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "error");
    size_t l = strlen(msg);
    while (l && (msg[l - 1] == '\n' || msg[l - 1] == ' '))
      msg[--l] = '\0';
    snprintf(xe->first, sizeof xe->first, "%s at line %d", msg, e->line);
  }
}

static const char *bom_encoding(const unsigned char *s, size_t n) {
  if (n >= 4 && !memcmp(s, "\x00\x00\xFE\xFF", 4))
    return "utf-32be";
  if (n >= 4 && !memcmp(s, "\xFF\xFE\x00\x00", 4))
    return "utf-32le";
  if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
    return "utf-8";
  if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
    return "utf-16be";
  if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
    return "utf-16le";
  /* no byte order mark: the first '<' tells (XML 1.0, appendix F) */
  if (n >= 4 && !memcmp(s, "\x00\x00\x00\x3C", 4))
    return "utf-32be";
  if (n >= 4 && !memcmp(s, "\x3C\x00\x00\x00", 4))
    return "utf-32le";
  if (n >= 4 && !memcmp(s, "\x00\x3C\x00\x3F", 4))
    return "utf-16be";
  if (n >= 4 && !memcmp(s, "\x3C\x00\x3F\x00", 4))
    return "utf-16le";
  return NULL;
}

/* ---- JSON Feed ---------------------------------------------------------- */

static void json_feed_author(json_t *dst, const json_t *src) {
  const json_t *a = json_object_get(src, "author");
  const json_t *list = json_object_get(src, "authors");
  if (json_is_array(list) && json_array_size(list))
    a = json_array_get(list, 0);
  if (!json_is_object(a))
    return;
  json_t *d = json_object();
  jset_str(d, "name", jstr(a, "name"));
  jset_str(d, "href", jstr(a, "url"));
  jset_str(dst, "author", jstr(a, "name"));
  jset(dst, "author_detail", d);
}

static json_t *json_text(const char *value, const char *type) {
  json_t *d = json_object();
  char *v = is_html_type(type) ? cw_feed_sanitize_html(value, strlen(value),
                                                       NULL)
                               : cw_strdup(value);
  char *t = v && is_html_type(type) ? cw_feed_html_to_text(v, strlen(v))
                                    : cw_strdup(v);
  jset_str(d, "type", type);
  jset(d, "language", json_null());
  jset_str(d, "base", "");
  jset_str(d, "value", v ? v : "");
  jset_str(d, "text", t ? t : "");
  free(v);
  free(t);
  return d;
}

static void json_date(json_t *dst, const char *key, const char *v) {
  int64_t t;
  char pk[64], iso[32];
  if (!v)
    return;
  jset_str(dst, key, v);
  snprintf(pk, sizeof pk, "%s_parsed", key);
  if (cw_feed_parse_date(v, &t)) {
    cw_format_iso8601(t, 1, iso);
    jset_str(dst, pk, iso);
  } else {
    jset(dst, pk, json_null());
  }
}

static json_t *parse_json_feed(const char *text, size_t len) {
  json_error_t je;
  json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
  json_t *out = json_object(), *feed = json_object(),
         *entries = json_array();
  if (!out || !feed || !entries) {
    json_decref(root);
    json_decref(out);
    json_decref(feed);
    json_decref(entries);
    return NULL;
  }
  jset(out, "bozo", json_false());
  const char *ver = jstr(root, "version");
  jset_str(out, "version",
           !ver ? ""
           : strstr(ver, "/version/1.1") ? "json11"
           : strstr(ver, "/version/1") ? "json1"
                                        : "json");
  jset_str(out, "encoding", "utf-8");
  if (!json_is_object(root)) {
    jset(out, "bozo", json_true());
    char msg[256];
    snprintf(msg, sizeof msg, "invalid JSON Feed: %s at line %d", je.text,
             je.line);
    jset_str(out, "bozo_reason", msg);
  }
  const char *s;
  if ((s = jstr(root, "title"))) {
    jset(feed, "title_detail", json_text(s, "text/plain"));
    jset_str(feed, "title", s);
  }
  if ((s = jstr(root, "home_page_url"))) {
    jset_str(feed, "link", s);
    json_t *l = jlist(feed, "links");
    json_array_append_new(l, link_object("alternate", "text/html", s));
  }
  if ((s = jstr(root, "feed_url"))) {
    json_t *l = jlist(feed, "links");
    json_array_append_new(l, link_object("self", "application/json", s));
  }
  if ((s = jstr(root, "description"))) {
    jset(feed, "subtitle_detail", json_text(s, "text/plain"));
    jset_str(feed, "subtitle", s);
  }
  jset_str(feed, "icon", jstr(root, "icon"));
  jset_str(feed, "favicon", jstr(root, "favicon"));
  jset_str(feed, "language", jstr(root, "language"));
  json_feed_author(feed, root);
  json_t *items = json_object_get(root, "items");
  size_t i;
  json_t *it;
  json_array_foreach(items, i, it) {
    if (!json_is_object(it) || i >= FEED_MAX_ENTRIES)
      continue;
    json_t *e = json_object();
    json_t *id = json_object_get(it, "id");
    if (json_is_string(id))
      jset_str(e, "id", json_string_value(id));
    else if (json_is_integer(id)) {
      char num[32];
      snprintf(num, sizeof num, "%lld", (long long)json_integer_value(id));
      jset_str(e, "id", num);
    }
    if ((s = jstr(it, "title"))) {
      jset(e, "title_detail", json_text(s, "text/plain"));
      jset_str(e, "title", s);
    }
    if ((s = jstr(it, "url"))) {
      jset_str(e, "link", s);
      json_array_append_new(jlist(e, "links"),
                            link_object("alternate", "text/html", s));
    }
    jset_str(e, "external_url", jstr(it, "external_url"));
    if ((s = jstr(it, "content_html")))
      json_array_append_new(jlist(e, "content"), json_text(s, "text/html"));
    if ((s = jstr(it, "content_text")))
      json_array_append_new(jlist(e, "content"), json_text(s, "text/plain"));
    if ((s = jstr(it, "summary"))) {
      json_t *d = json_text(s, "text/plain");
      jset_str(e, "summary", jstr(d, "value"));
      jset(e, "summary_detail", d);
    } else if (json_array_size(json_object_get(e, "content"))) {
      json_t *c0 = json_array_get(json_object_get(e, "content"), 0);
      jset_str(e, "summary", jstr(c0, "value"));
      jset(e, "summary_detail", json_deep_copy(c0));
    }
    json_date(e, "published", jstr(it, "date_published"));
    json_date(e, "updated", jstr(it, "date_modified"));
    json_feed_author(e, it);
    size_t k;
    json_t *v;
    json_array_foreach(json_object_get(it, "tags"), k, v) {
      if (json_is_string(v))
        add_tag(e, json_string_value(v), NULL, NULL);
    }
    json_array_foreach(json_object_get(it, "attachments"), k, v) {
      json_t *len_v = json_object_get(v, "size_in_bytes");
      char num[32] = "";
      if (json_is_integer(len_v))
        snprintf(num, sizeof num, "%lld",
                 (long long)json_integer_value(len_v));
      add_enclosure(e, jstr(v, "url"), jstr(v, "mime_type"),
                    *num ? num : NULL);
    }
    if ((s = jstr(it, "image"))) {
      json_t *img = json_object();
      jset_str(img, "href", s);
      jset(e, "image", img);
    }
    json_array_append_new(entries, e);
  }
  json_decref(root);
  jset(out, "feed", feed);
  jset(out, "entries", entries);
  return out;
}

/* ---- the parse ---------------------------------------------------------- */

static int is_json_feed(const char *s, size_t n) {
  size_t i = 0;
  if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
    i = 3;
  while (i < n && cw_is_space((unsigned char)s[i]))
    i++;
  return i < n && s[i] == '{';
}

static const char *rss_version(const char *v, const xmlDoc *doc) {
  if (!v || !*v)
    return "rss";
  if (!strncmp(v, "2.", 2) || !strcmp(v, "2"))
    return "rss20";
  if (!strcmp(v, "0.91")) {
    const xmlDtd *dtd = doc->intSubset;
    return dtd && dtd->ExternalID &&
                   strstr((const char *)dtd->ExternalID, "Netscape")
               ? "rss091n"
               : "rss091u";
  }
  if (!strcmp(v, "0.92"))
    return "rss092";
  if (!strcmp(v, "0.93"))
    return "rss093";
  if (!strcmp(v, "0.94"))
    return "rss094";
  return "rss";
}

static const char *root_version(const xmlNode *root, const xmlDoc *doc) {
  char pre[32];
  const char *local = elem_name(root, pre, sizeof pre);
  const char *ns = root->ns ? (const char *)root->ns->href : NULL;
  if (!strcmp(local, "rss")) {
    char *v = attr(root, "version");
    const char *r = rss_version(v, doc);
    free(v);
    return r;
  }
  if (!strcmp(local, "RDF")) {
    for (const xmlNs *d = root->nsDef; d; d = d->next)
      if (!d->prefix && streq((const char *)d->href,
                              "http://my.netscape.com/rdf/simple/0.9/"))
        return "rss090";
    for (const xmlNode *c = root->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || !c->ns)
        continue;
      if (streq((const char *)c->ns->href, "http://purl.org/rss/1.0/"))
        return "rss10";
      if (streq((const char *)c->ns->href,
                "http://my.netscape.com/rdf/simple/0.9/"))
        return "rss090";
    }
    return "rss10";
  }
  if (!strcmp(local, "feed")) {
    if (streq(ns, "http://www.w3.org/2005/Atom"))
      return "atom10";
    char *v = attr(root, "version");
    const char *r = streq(v, "0.3")   ? "atom03"
                    : streq(v, "0.2") ? "atom02"
                    : streq(v, "0.1") ? "atom01"
                                      : "atom";
    free(v);
    return r;
  }
  if (!xmlStrcasecmp((const xmlChar *)local, (const xmlChar *)"channel"))
    return "cdf";
  return NULL;
}

cw_status cw_feed_parse(const char *bytes, size_t len, const char *origin,
                        const char *encoding, const char *base_url,
                        json_t **out, cw_error *err) {
  *out = NULL;
  if (!origin)
    origin = "<feed>";
  if (len > (size_t)INT32_MAX)
    return cw_error_set(err, CW_ERR_TOO_BIG, 0, "%s: feed too large", origin);
  if (is_json_feed(bytes, len)) {
    size_t skip = len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3) ? 3 : 0;
    *out = parse_json_feed(bytes + skip, len - skip);
    return *out ? CW_OK
                : cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory",
                               origin);
  }
  const char *enc_name = bom_encoding((const unsigned char *)bytes, len);
  cw_buf utf32;
  cw_buf_init(&utf32, len + 64);
  if (!encoding && enc_name && !strncmp(enc_name, "utf-32", 6)) {
    /* libxml2 reads UTF-32 only through iconv: convert it here */
    int le = !strcmp(enc_name, "utf-32le");
    const unsigned char *u = (const unsigned char *)bytes;
    for (size_t i = 0; i + 4 <= len; i += 4) {
      unsigned cp = le ? (unsigned)u[i] | (unsigned)u[i + 1] << 8 |
                             (unsigned)u[i + 2] << 16 | (unsigned)u[i + 3] << 24
                       : (unsigned)u[i + 3] | (unsigned)u[i + 2] << 8 |
                             (unsigned)u[i + 1] << 16 | (unsigned)u[i] << 24;
      if (cp == 0xFEFF && i == 0)
        continue;
      utf8_put(&utf32, cp);
    }
    if (!utf32.err) {
      bytes = utf32.ptr;
      len = utf32.len;
      encoding = "UTF-8";
    }
  }
  if (!encoding && enc_name && !strncmp(enc_name, "utf-16", 6))
    /* the bytes tell; a declaration naming something else ("u16") would
     * only make libxml2 give up */
    encoding = streq(enc_name, "utf-16be") ? "UTF-16BE" : "UTF-16LE";
  int ascii_compatible = !enc_name || streq(enc_name, "utf-8");
  entity_scan *es = calloc(1, sizeof *es);
  if (!es) {
    cw_buf_free(&utf32);
    return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", origin);
  }
  if (ascii_compatible)
    scan_doctype(bytes, len, es);
  if (es->refused) {
    free(es);
    cw_buf_free(&utf32);
    return cw_error_set(err, CW_ERR_FORMAT, 0,
                        "%s: entity declarations refused (entities that "
                        "expand entities, parameter entities or more than "
                        "%d)",
                        origin, FEED_MAX_ENTITY_DECLS);
  }
  feed_parser p = {0};
  p.nodes = FEED_MAX_NODES;
  cw_buf fixed;
  cw_buf_init(&fixed, len * 2 + 64);
  char first_entity[64] = "";
  size_t n_fixed = 0;
  const char *src = bytes;
  size_t src_len = len;
  if (ascii_compatible) {
    n_fixed = fix_html_entities(bytes, len, es, &fixed, first_entity);
    if (n_fixed && !fixed.err) {
      src = fixed.ptr;
      src_len = fixed.len;
    }
  }
  free(es);
  if (len == 0 || src_len == 0)
    set_bozo(&p, "empty document%s", "");
  xml_errors xe = {0, ""};
  xmlParserCtxtPtr ctxt =
      src_len ? xmlCreateMemoryParserCtxt(src, (int)src_len) : NULL;
  if (ctxt) {
    xmlCtxtUseOptions(ctxt, FEED_XML_OPTS | (encoding ? XML_PARSE_IGNORE_ENC
                                                      : 0));
    if (encoding) {
      xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(encoding);
      if (h)
        xmlSwitchToEncoding(ctxt, h);
    }
    ctxt->_private = &xe;
    ctxt->sax->serror = on_xml_error;
    xmlParseDocument(ctxt);
    p.doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (p.doc && base_url && *base_url) {
      /* xmlNodeGetBase falls back to the document URL */
      xmlFree((xmlChar *)p.doc->URL);
      p.doc->URL = xmlStrdup((const xmlChar *)base_url);
    }
    xmlFreeParserCtxt(ctxt);
  }
  cw_buf_free(&fixed);
  if (xe.count)
    set_bozo(&p, "%s", xe.first);
  if (n_fixed)
    set_bozo(&p, "%s", first_entity);
  json_t *res = json_object(), *feed = json_object(), *entries = json_array();
  if (!res || !feed || !entries) {
    json_decref(res);
    json_decref(feed);
    json_decref(entries);
    xmlFreeDoc(p.doc);
    cw_buf_free(&utf32);
    free(p.lang);
    return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", origin);
  }
  const xmlNode *root = p.doc ? xmlDocGetRootElement(p.doc) : NULL;
  const char *version = root ? root_version(root, p.doc) : NULL;
  if (root && !version)
    set_bozo(&p, "not a feed: the root element is <%s>",
             (const char *)root->name);
  if (!root)
    set_bozo(&p, "no XML element found%s", "");
  char enc[64] = "utf-8";
  if (enc_name)
    snprintf(enc, sizeof enc, "%s", enc_name);
  else if (encoding)
    snprintf(enc, sizeof enc, "utf-8");
  else if (enc_name)
    snprintf(enc, sizeof enc, "%s", enc_name);
  else if (p.doc && p.doc->encoding)
    snprintf(enc, sizeof enc, "%s", (const char *)p.doc->encoding);
  for (char *q = enc; *q; q++)
    *q = (char)lower(*q);
  if (version) {
    p.atom = !strncmp(version, "atom", 4);
    p.atom10 = !strcmp(version, "atom10");
    p.cdf = !strcmp(version, "cdf");
    if (p.cdf)
      cdf_attrs(&p, feed, root);
    /* RSS <language> applies to everything below, like xml:lang */
    for (const xmlNode *c = root->children; c && !p.lang; c = c->next) {
      const xmlNode *lang_parent = name_is(c, "", "channel") ? c : NULL;
      for (const xmlNode *d = lang_parent ? lang_parent->children : NULL; d;
           d = d->next)
        if (name_is(d, "", "language") || name_is(d, "dc", "language")) {
          p.lang = elem_text(&p, d);
          break;
        }
    }
    walk(&p, feed, entries, root->children, 0, 0);
    media_fallbacks(feed, 0);
    if (!json_object_get(feed, "language")) {
      char *l = node_lang(&p, root);
      if (l && *l)
        jset_str(feed, "language", l);
      free(l);
    }
  }
  jset(res, "bozo", json_boolean(p.bozo));
  if (p.bozo)
    jset_str(res, "bozo_reason", p.reason);
  jset_str(res, "version", version ? version : "");
  jset_str(res, "encoding", enc);
  jset(res, "feed", feed);
  jset(res, "entries", entries);
  cw_buf_free(&utf32);
  free(p.lang);
  xmlFreeDoc(p.doc);
  *out = res;
  return CW_OK;
}

/* ---- entries as articles ------------------------------------------------ */

static const char *plain_of(cw_articles *out, const json_t *detail,
                            const char *value) {
  const char *t = jstr(detail, "text");
  if (!t)
    t = value;
  if (!t)
    return NULL;
  size_t n = strlen(t);
  cw_trim(&t, &n);
  return n ? cw_articles_strndup(out, t, n) : NULL;
}

/* Article text from a content item or summary: HTML made plain; plain text
 * keeps its blank lines as paragraph breaks. */
static char *body_of(const json_t *detail) {
  const char *v = jstr(detail, "value");
  if (!v)
    return NULL;
  /* plain text goes through the same reader: no tags, and entities in
   * plain text are rare enough that decoding them is harmless */
  return cw_feed_html_to_text(v, strlen(v));
}

cw_status cw_extract_feed(const char *text, size_t len,
                          const cw_extract_ctx *ctx, cw_articles *out,
                          cw_error *err) {
  json_t *model;
  const char *o = ctx->origin;
  int is_url = o && (!strncmp(o, "http://", 7) || !strncmp(o, "https://", 8));
  cw_status st =
      cw_feed_parse(text, len, o, "UTF-8", is_url ? o : NULL, &model, err);
  if (st)
    return st;
  if (json_is_true(json_object_get(model, "bozo")))
    cw_articles_warn(out, "%s: feed is malformed, recovered: %s", ctx->origin,
                     jstr(model, "bozo_reason"));
  const json_t *feed = json_object_get(model, "feed");
  const json_t *entries = json_object_get(model, "entries");
  const char *outlet_v = jstr(feed, "title");
  size_t i;
  const json_t *e;
  size_t added = 0;
  json_array_foreach(entries, i, e) {
    const json_t *content = json_array_get(json_object_get(e, "content"), 0);
    const json_t *src = content ? content : json_object_get(e, "summary_detail");
    char *body = src ? body_of(src) : NULL;
    const char *title = plain_of(out, json_object_get(e, "title_detail"),
                                 jstr(e, "title"));
    if (!body || !*body) {
      free(body);
      body = title ? cw_strdup(title) : NULL;
      if (!body)
        continue; /* nothing to read */
    }
    cw_article *a = cw_articles_add(out);
    if (!a || !(a->text = cw_articles_strndup(out, body, strlen(body)))) {
      free(body);
      json_decref(model);
      return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory",
                          ctx->origin);
    }
    free(body);
    a->part = (int)i;
    a->title = title;
    a->outlet = plain_of(out, json_object_get(feed, "title_detail"), outlet_v);
    a->url = cw_articles_strndup(out, jstr(e, "link") ? jstr(e, "link") : "",
                                 jstr(e, "link") ? strlen(jstr(e, "link")) : 0);
    if (!jstr(e, "link"))
      a->url = NULL;
    const char *when = jstr(e, "published_parsed");
    if (!when)
      when = jstr(e, "updated_parsed");
    if (when)
      a->published = cw_articles_strndup(out, when, strlen(when));
    const json_t *ad = json_object_get(e, "author_detail");
    const char *by = jstr(ad, "name") ? jstr(ad, "name") : jstr(e, "author");
    if (by)
      a->byline = cw_articles_strndup(out, by, strlen(by));
    const char *id = jstr(e, "id");
    if (id)
      a->source_id = cw_articles_strndup(out, id, strlen(id));
    added++;
  }
  json_decref(model);
  if (!added)
    return cw_error_set(err, CW_ERR_EMPTY, 0, "%s: feed has no entries",
                        ctx->origin);
  return CW_OK;
}
