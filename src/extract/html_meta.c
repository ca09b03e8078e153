/* html_meta.c - the metadata of an HTML article page.
 *
 * Pages state their metadata several times over, with different care:
 * JSON-LD (schema.org Article objects) is written for search engines and
 * is the most exact; Open Graph and <meta> tags come next; the visible page
 * (<title>, <h1>, <time>, byline elements, a date in the URL) is the last
 * resort. Each field takes the first source that has it. Titles lose a
 * " | Outlet" suffix and keep the metadata's spelling when an <h1> differs
 * from it only in quotes and dashes (not when the <h1> prints dashes where
 * the metadata has hyphens); an <h1> that is the site's logo is no
 * headline, nor is a banner <h1> on a page og:type calls a website unless
 * it is a run of the title's words; what readers do not see of an <h1>
 * (aria-hidden copies, headings a browser would close it at) is left out;
 * dates become ISO 8601, a time with the offset the page gives (its day is
 * the page's day), else in UTC.
 */
#include "extract/html_int.h"

#include "core/time.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest text of a visible byline element; longer ones are paragraphs. */
#define MAX_BYLINE_CHARS 100
/* "By Anna Berg, Jon Li and Mai Sato" fits; sentences and menus do not. */
#define MAX_BYLINE_WORDS 10
/* JSON-LD nesting followed when looking for the Article object. */
#define MAX_LD_DEPTH 8
/* Meta values longer than this are not metadata (hostile attributes). */
#define MAX_META_VALUE 4096
/* <h1> elements kept as headline candidates; a headline is shorter than
 * MAX_HEADLINE bytes. */
#define MAX_H1 8
#define MAX_HEADLINE 300
/* <h2> and <h3> elements kept as headline candidates for a page whose
 * title names one of them */
#define MAX_SUB 8
/* such a heading is a headline, not a section's name ("Technology") */
#define MIN_SUB_WORDS 3
/* Words of a label or date an <h1> puts before the metadata's title. */
#define MAX_H1_LABEL_WORDS 3
/* An <h1> is the story's headline when this share of its words is in the
 * metadata title, and half this share of the title's words is in it. */
#define H1_TITLE_OVERLAP 0.5
/* A date shown as text ("Updated on July 9, 2025") is short and plain. */
#define VISIBLE_DATE_CHARS 48
#define VISIBLE_DATE_NODES 8
/* <time> days kept to read an ambiguous numeric date by */
#define MAX_TIME_DAYS 16

/* Collected candidates, each malloc'd or NULL. Index = priority source. */
enum {
  T_LD, T_DC, T_OG, T_TWITTER, T_META, T_TITLE, T_H1, T_N
}; /* title */
enum { B_LD, B_META, B_DOM, B_N };                       /* byline */
/* published: D_DOM is a short element whose class says date, D_TEXT the
 * first short text that is a date and nothing else, D_MOD a modification
 * time (pages that show "Updated on" in place of a publication date),
 * D_META_LOOSE a <meta> whose name says publish without being a known one
 * (or a documentation system's ms.date),
 * D_ITEMTEXT the text of an itemprop=datePublished element without a
 * machine-readable value (Q&A pages mark every answer so: after <time>) */
enum { D_LD, D_META, D_ITEMPROP, D_META_LOOSE, D_TIME, D_ITEMTEXT, D_DOM,
       D_TEXT, D_MOD, D_N };
enum { U_CANON, U_OG, U_LD, U_N };                       /* url */
enum { O_OG, O_LD, O_META, O_N };                        /* outlet */

typedef struct meta_scan {
  char *title[T_N];
  char *h1[MAX_H1]; /* visible headlines, in page order */
  size_t n_h1;
  /* <h2> and <h3> texts outside the page's navigation, header, footer and
   * asides, in page order */
  char *sub[MAX_SUB];
  size_t n_sub;
  char *byline[B_N];
  char *date[D_N];
  char *url[U_N];
  char *outlet[O_N];
  char *lang;
  char *og_type; /* og:type: "article", "website", ... */
  char *description; /* the first description meta */
  char *logo;    /* text of an <h1> that is the site's logo (logo_link) */
  char *ld_body;
  /* the day of a line that says when the story first appeared ("This
   * article was originally published on 26 Sep 2019 but has been
   * updated"), ISO 8601; before any marked-up date, which such pages
   * move to the last update */
  char *orig;
  /* days of the <time> elements whose datetime is ISO 8601 (year first,
   * so read one way only), to settle a day written "02-12-2025" */
  int64_t time_days[MAX_TIME_DAYS];
  size_t n_time_days;
  int ld_rank; /* rank of the JSON-LD object taken (lower is better) */
  int text_first; /* date[D_TEXT] came before date[D_DOM] in the page */
  /* date[D_DOM] / date[D_TEXT] read from a line that says it is the
   * publication date ("Published Apr 26, 2023", "Posted on ...") */
  int says_published[2];
  cw_buf scratch; /* visible_date's text, reused from element to element */
  /* an element whose whole text visible_date read and found no digit in:
   * nothing under it can be a date, and it is not read again */
  const xmlNode *no_digit;
} meta_scan;

static void set_once(char **slot, const char *v) {
  if (*slot || !v)
    return;
  size_t n = strlen(v);
  if (n > MAX_META_VALUE)
    return;
  const char *s = v;
  cw_trim(&s, &n);
  if (n)
    *slot = cw_strndup(s, n);
}

/* The length of description d without an ellipsis that ends it ("…",
 * "...", or "&hellip;" where a page escaped its entity twice), 0 when it
 * has none: the site cut it short. */
static size_t cut_short(const char *d) {
  static const char *const marks[] = {"\xe2\x80\xa6", "...", "&hellip;"};
  size_t n = strlen(d);
  while (n && (unsigned char)d[n - 1] <= ' ')
    n--;
  for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
    size_t m = strlen(marks[i]);
    if (n > m && !memcmp(d + n - m, marks[i], m))
      return n - m;
  }
  return 0;
}

/* Whether the first n bytes of a are the start of b, white space
 * compared as one space (pages break a description's lines unalike in
 * their metas). */
static int begins_loosely(const char *a, size_t n, const char *b) {
  size_t i = 0, j = 0;
  while (i < n) {
    int sa = (unsigned char)a[i] <= ' ', sb = (unsigned char)b[j] <= ' ';
    if (sa && sb) {
      while (i < n && (unsigned char)a[i] <= ' ')
        i++;
      while (b[j] && (unsigned char)b[j] <= ' ')
        j++;
    } else if (!b[j] || a[i] != b[j]) {
      return 0;
    } else {
      i++, j++;
    }
  }
  return 1;
}

/* The page's description: the first of its description metas, unless
 * that one is cut short ("... a sensor i…") and a later one is the whole
 * of it (a forum gives its first post whole in og:description and cut in
 * the plain description): the whole one is what the page says, and what
 * stands in for a body that a script fills. */
static void set_description(char **slot, const char *v) {
  size_t stem;
  const char *w = v;
  while (w && *w && (unsigned char)*w <= ' ')
    w++;
  if (*slot && w && (stem = cut_short(*slot)) > 0 &&
      strlen(w) > stem + 1 && strlen(w) <= MAX_META_VALUE &&
      !cut_short(w) && begins_loosely(*slot, stem, w)) {
    free(*slot);
    *slot = NULL;
  }
  set_once(slot, v);
}

static void collapse(char *s) {
  size_t o = 0;
  int sp = 0;
  for (size_t i = 0; s[i]; i++) {
    if (cw_html_space((unsigned char)s[i])) {
      sp = o > 0;
    } else {
      if (sp)
        s[o++] = ' ';
      sp = 0;
      s[o++] = s[i];
    }
  }
  s[o] = '\0';
}

/* Whether the UTF-8 text s holds CJK ideographs, kana or hangul
 * (U+3000..U+D7FF), the scripts whose titles use fullwidth punctuation. */
static int has_cjk(const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p >= 0xE3 && *p <= 0xED)
      return 1;
  return 0;
}

/* Cleans a title in place: no-break and other fixed-width spaces become
 * spaces, soft hyphens and zero-width spaces go, fullwidth ASCII forms
 * ("？", "：") become ASCII in a title without CJK text (where they are a
 * keyboard's slip), then white space runs are collapsed. */
static void clean_title(char *s) {
  int cjk = has_cjk(s);
  unsigned char *o = (unsigned char *)s;
  for (const unsigned char *p = (const unsigned char *)s; *p;) {
    if (p[0] == 0xC2 && p[1] == 0xA0) { /* no-break space */
      *o++ = ' ';
      p += 2;
    } else if (p[0] == 0xC2 && p[1] == 0xAD) { /* soft hyphen */
      p += 2;
    } else if (p[0] == 0xE2 && p[1] == 0x80 &&
               ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xAF)) {
      *o++ = ' '; /* en quad .. hair space, narrow no-break space */
      p += 3;
    } else if ((p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x8B) ||
               (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0xA0) ||
               (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)) {
      p += 3; /* zero-width space, word joiner, byte order mark */
    } else if (!cjk && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
      *o++ = ' '; /* ideographic space */
      p += 3;
    } else if (!cjk && p[0] == 0xEF &&
               ((p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF) ||
                (p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E))) {
      /* U+FF01..U+FF5E: U+0021..U+007E moved by 0xFEE0 */
      unsigned cp = 0xF000u | (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3Fu);
      *o++ = (unsigned char)(cp - 0xFEE0u);
      p += 3;
    } else {
      *o++ = *p++;
    }
  }
  *o = '\0';
  collapse(s);
  /* empty brackets a template leaves where a value was missing:
   * "Harbour clips, 40-pack ()"; not the call of "uses malloc()" */
  for (size_t n = strlen(s);
       n >= 3 && s[n - 3] == ' ' &&
       ((s[n - 2] == '(' && s[n - 1] == ')') ||
        (s[n - 2] == '[' && s[n - 1] == ']'));
       n = strlen(s)) {
    n -= 2;
    while (n && s[n - 1] == ' ')
      n--;
    s[n] = '\0';
  }
}

/* ---- JSON-LD ------------------------------------------------------------ */

static int ld_type_rank(json_t *obj) {
  static const char *const article_types[] = {
      "NewsArticle",         "Article",          "BlogPosting",
      "ReportageNews",       "AnalysisNewsArticle", "OpinionNewsArticle",
      "ReviewNewsArticle",   "BackgroundNewsArticle", "TechArticle",
      "ScholarlyArticle",    "LiveBlogPosting",  "Report",
      "SocialMediaPosting",  "Review",           "Recipe",
      "DiscussionForumPosting", "Posting"};
  json_t *t = json_object_get(obj, "@type");
  size_t n = json_is_array(t) ? json_array_size(t) : 1;
  int best = 99;
  for (size_t i = 0; i < n; i++) {
    json_t *ti = json_is_array(t) ? json_array_get(t, i) : t;
    const char *s = json_string_value(ti);
    if (!s)
      continue;
    for (size_t k = 0; k < sizeof article_types / sizeof *article_types; k++)
      if (strcmp(s, article_types[k]) == 0 && best > 1)
        best = 1;
    if ((strcmp(s, "WebPage") == 0 || strcmp(s, "ItemPage") == 0) &&
        best > 2)
      best = 2;
  }
  return best;
}

/* Names of the author value: a string, {name}, or an array of them. */
static void ld_names(json_t *v, cw_buf *b, int depth) {
  if (depth > 3 || !v)
    return;
  if (json_is_array(v)) {
    for (size_t i = 0; i < json_array_size(v); i++)
      ld_names(json_array_get(v, i), b, depth + 1);
    return;
  }
  const char *s = json_string_value(v);
  if (json_is_object(v))
    s = json_string_value(json_object_get(v, "name"));
  if (!s || !*s || strncmp(s, "http", 4) == 0 || strlen(s) > 200)
    return;
  if (b->len)
    cw_buf_puts(b, ", ");
  cw_buf_puts(b, s);
}

static const char *ld_str(json_t *obj, const char *key) {
  json_t *v = json_object_get(obj, key);
  if (json_is_array(v))
    v = json_array_get(v, 0);
  if (json_is_object(v))
    v = json_object_get(v, "@id") ? json_object_get(v, "@id")
                                   : json_object_get(v, "name");
  return json_string_value(v);
}

static void ld_take(meta_scan *ms, json_t *obj, int rank) {
  if (rank < ms->ld_rank) {
    /* a better object replaces what a weaker one (WebPage) gave */
    free(ms->title[T_LD]);
    free(ms->byline[B_LD]);
    free(ms->date[D_LD]);
    ms->title[T_LD] = ms->byline[B_LD] = ms->date[D_LD] = NULL;
    ms->ld_rank = rank;
  } else if (rank > ms->ld_rank) {
    return;
  }
  set_once(&ms->title[T_LD], json_string_value(json_object_get(obj,
                                                                "headline")));
  if (rank == 2)
    set_once(&ms->title[T_LD], json_string_value(json_object_get(obj,
                                                                  "name")));
  cw_buf names;
  cw_buf_init(&names, 4096);
  ld_names(json_object_get(obj, "author"), &names, 0);
  if (!names.err && names.len)
    set_once(&ms->byline[B_LD], names.ptr);
  cw_buf_free(&names);
  set_once(&ms->date[D_LD],
           json_string_value(json_object_get(obj, "datePublished")));
  if (!ms->date[D_LD])
    set_once(&ms->date[D_LD],
             json_string_value(json_object_get(obj, "dateCreated")));
  set_once(&ms->date[D_MOD],
           json_string_value(json_object_get(obj, "dateModified")));
  json_t *pub = json_object_get(obj, "publisher");
  if (json_is_array(pub))
    pub = json_array_get(pub, 0);
  set_once(&ms->outlet[O_LD],
           json_string_value(json_object_get(pub, "name")));
  const char *u = json_string_value(json_object_get(obj, "url"));
  if (!u)
    u = ld_str(obj, "mainEntityOfPage");
  if (u && strncmp(u, "http", 4) == 0)
    set_once(&ms->url[U_LD], u);
  if (rank == 1 && !ms->ld_body) {
    const char *body = json_string_value(json_object_get(obj, "articleBody"));
    if (body)
      ms->ld_body = cw_strdup(body);
  }
}

static void ld_walk(meta_scan *ms, json_t *v, int depth) {
  if (depth > MAX_LD_DEPTH || !v)
    return;
  if (json_is_array(v)) {
    for (size_t i = 0; i < json_array_size(v); i++)
      ld_walk(ms, json_array_get(v, i), depth + 1);
    return;
  }
  if (!json_is_object(v))
    return;
  int rank = ld_type_rank(v);
  if (rank < 99)
    ld_take(ms, v, rank);
  ld_walk(ms, json_object_get(v, "@graph"), depth + 1);
  if (rank == 2)
    ld_walk(ms, json_object_get(v, "mainEntity"), depth + 1);
}

/* Turns the control characters inside the strings of the JSON text s
 * into spaces, in place: pages write descriptions with raw line breaks,
 * which JSON forbids (and jansson refuses). Returns whether it changed s. */
static int blank_string_controls(char *s) {
  int in_str = 0, changed = 0;
  for (char *p = s; *p; p++) {
    if (in_str && *p == '\\' && p[1]) {
      p++;
    } else if (*p == '"') {
      in_str = !in_str;
    } else if (in_str && (unsigned char)*p < 0x20) {
      *p = ' ';
      changed = 1;
    }
  }
  return changed;
}

/* Whether the JSON text s may hold an object that ld_walk takes: one whose
 * @type is one of ld_type_rank's. Each of those names holds one of the
 * words below, and a JSON string holds the name's letters as they are
 * unless it escapes one (a backslash, u and four hex digits): without such
 * an escape in s, the name is in s word for word. Most JSON-LD of a page
 * describes its site, its breadcrumbs or its products, and is not parsed
 * (the parse cost more than all the rest of the metadata). */
static int ld_may_take(const char *s) {
  static const char *const words[] = {"Article", "Posting", "Report",
                                      "Review",  "Recipe",  "WebPage",
                                      "ItemPage"};
  if (strstr(s, "\\u"))
    return 1;
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (strstr(s, words[i]))
      return 1;
  return 0;
}

/* Reads the JSON-LD text s (changed in place). */
static void ld_text(meta_scan *ms, char *s) {
  /* tolerate <!-- --> and CDATA wrappers around the object: the '[' of
   * "<![CDATA[" opens no array (Wikipedia wraps its JSON-LD so) */
  const char *start = s;
  while (*s && *s != '{' && *s != '[')
    s++;
  if (s - start >= 2 && strncmp(s - 2, "<![CDATA[", 9) == 0)
    for (s += 7; *s && *s != '{' && *s != '[';)
      s++;
  if (!ld_may_take(s))
    return;
  json_error_t jerr;
  json_t *root = json_loads(s, JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &jerr);
  if (!root && blank_string_controls(s))
    root = json_loads(s, JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &jerr);
  if (root) {
    ld_walk(ms, root, 0);
    json_decref(root);
  }
}

static void ld_script(meta_scan *ms, const xmlNode *script) {
  cw_buf b;
  cw_buf_init(&b, (size_t)4 << 20);
  for (const xmlNode *c = script->children; c; c = c->next)
    if (c->content)
      cw_buf_puts(&b, (const char *)c->content);
  if (b.err || !b.len) {
    cw_buf_free(&b);
    return;
  }
  ld_text(ms, b.ptr);
  cw_buf_free(&b);
}

/* ---- <meta>, <link>, DOM ------------------------------------------------- */

static int key_is(const char *k, const char *const *names, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(k, names[i]) == 0)
      return 1;
  return 0;
}
#define KEY_IN(k, arr) key_is(k, arr, sizeof arr / sizeof *arr)

static void meta_tag(meta_scan *ms, const xmlNode *n) {
  static const char *const date_keys[] = {
      "article:published_time", "og:article:published_time",
      "article:published", "datepublished", "pubdate", "publishdate",
      "publish-date", "published-date", "date", "dc.date", "dc.date.issued",
      "dcterms.created", "dcterms.date", "dc.date.created", "sailthru.date",
      "parsely-pub-date", "article.published", "article_date_original",
      "original-publish-date", "citation_publication_date",
      "citation_date", "cxenseparse:recs:publishtime", "og:pubdate",
      "rnews:datepublished", "displaydate", "date_published"};
  static const char *const author_keys[] = {
      "author", "dc.creator", "dc:creator", "dcterms.creator",
      "parsely-author", "sailthru.author", "article:author", "byl",
      "citation_author", "twitter:creator:name", "cxenseparse:author"};
  char *key = cw_html_attr(n, "property");
  if (!key)
    key = cw_html_attr(n, "name");
  if (!key)
    key = cw_html_attr(n, "itemprop");
  char *val = cw_html_attr(n, "content");
  if (!val && key)
    val = cw_html_attr(n, "datetime");
  if (!key || !val)
    goto done;
  for (char *p = key; *p; p++)
    if (*p >= 'A' && *p <= 'Z')
      *p = (char)(*p + 32);
  /* JSON-LD written into a meta's content (name="script:ld+json") */
  size_t kl = strlen(key);
  if (kl >= 7 && !strcmp(key + kl - 7, "ld+json")) {
    ld_text(ms, val);
    goto done;
  }
  /* a property attribute may list several ("og:title twitter:title") */
  char *save = NULL;
  for (char *k = strtok_r(key, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
    if (!strcmp(k, "og:title"))
      set_once(&ms->title[T_OG], val);
    else if (!strcmp(k, "twitter:title"))
      set_once(&ms->title[T_TWITTER], val);
    /* the Dublin Core title, which a publishing system writes for the
     * document itself, before Open Graph's (as Readability reads them) */
    else if (!strcmp(k, "dc.title") || !strcmp(k, "dc:title") ||
             !strcmp(k, "dcterms.title") || !strcmp(k, "dcterm:title"))
      set_once(&ms->title[T_DC], val);
    else if (!strcmp(k, "parsely-title") || !strcmp(k, "headline"))
      set_once(&ms->title[T_META], val);
    else if (!strcmp(k, "og:site_name"))
      set_once(&ms->outlet[O_OG], val);
    else if (!strcmp(k, "og:type"))
      set_once(&ms->og_type, val);
    else if (!strcmp(k, "og:description") ||
             !strcmp(k, "twitter:description") || !strcmp(k, "description"))
      set_description(&ms->description, val);
    else if (!strcmp(k, "application-name") || !strcmp(k, "publisher") ||
             !strcmp(k, "dc.publisher"))
      set_once(&ms->outlet[O_META], val);
    else if (!strcmp(k, "og:url"))
      set_once(&ms->url[U_OG], val);
    else if (!strcmp(k, "og:locale") || !strcmp(k, "content-language") ||
             !strcmp(k, "language"))
      set_once(&ms->lang, val);
    else if (KEY_IN(k, date_keys))
      set_once(&ms->date[D_META], val);
    else if (!strcmp(k, "ms.date"))
      /* a documentation system's own name: not a sign of an article */
      set_once(&ms->date[D_META_LOOSE], val);
    else if (strstr(k, "publish") && !strstr(k, "publisher") &&
             !strstr(k, "modif") && !strstr(k, "update"))
      /* house names: "published", "w-published-date", "pub_publish_time" */
      set_once(&ms->date[D_META_LOOSE], val);
    else if (!strcmp(k, "article:modified_time") ||
             !strcmp(k, "og:updated_time") || !strcmp(k, "datemodified"))
      set_once(&ms->date[D_MOD], val);
    else if (KEY_IN(k, author_keys) && strncmp(val, "http", 4) != 0 &&
             val[0] != '@')
      set_once(&ms->byline[B_META], val);
  }
done:
  xmlFree(key);
  xmlFree(val);
}

/* The letter a byte is, case aside: 1 for 'A' and 'a' to 26 for 'Z' and
 * 'z'; 0 for any other byte. */
#define LETTER_NO(c) [c] = (c) - 'A' + 1, [(c) + 32] = (c) - 'A' + 1
static const unsigned char letter_no[256] = {
    LETTER_NO('A'), LETTER_NO('B'), LETTER_NO('C'), LETTER_NO('D'),
    LETTER_NO('E'), LETTER_NO('F'), LETTER_NO('G'), LETTER_NO('H'),
    LETTER_NO('I'), LETTER_NO('J'), LETTER_NO('K'), LETTER_NO('L'),
    LETTER_NO('M'), LETTER_NO('N'), LETTER_NO('O'), LETTER_NO('P'),
    LETTER_NO('Q'), LETTER_NO('R'), LETTER_NO('S'), LETTER_NO('T'),
    LETTER_NO('U'), LETTER_NO('V'), LETTER_NO('W'), LETTER_NO('X'),
    LETTER_NO('Y'), LETTER_NO('Z')};
#undef LETTER_NO

/* Whether s, the case of ASCII letters aside, contains one of the k
 * words (lower-case, each beginning with a letter): what strstr finds in s
 * lower-cased, in one pass over s without a copy. A word is tried where
 * its first letter is; most bytes of a class name begin none. */
static int holds_any(const unsigned char *s, const char *const *words,
                     size_t k) {
  uint32_t firsts = 0; /* bit l: a word begins with letter l */
  for (size_t i = 0; i < k; i++)
    firsts |= 1u << letter_no[(unsigned char)words[i][0]];
  for (; *s; s++) {
    unsigned l = letter_no[*s];
    if (!(firsts >> l & 1))
      continue;
    for (size_t i = 0; i < k; i++) {
      const unsigned char *w = (const unsigned char *)words[i];
      if (letter_no[w[0]] != l)
        continue;
      size_t j = 1;
      /* s's NUL stops it: no word holds one */
      while (w[j] && (s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 32 : s[j]) == w[j])
        j++;
      if (!w[j])
        return 1;
    }
  }
  return 0;
}

/* Whether attribute a (named attr) of n, lower-cased, contains one of
 * words (holds_any). Reads the value in place when it is one text (the
 * case on every element of a page). */
static int prop_any(const xmlNode *n, const xmlAttr *a, const char *attr,
                    const char *const *words, size_t k) {
  if (!a)
    return 0;
  if (a->type == XML_ATTRIBUTE_NODE && a->children && !a->children->next &&
      a->children->type == XML_TEXT_NODE && a->children->content)
    return holds_any(a->children->content, words, k);
  char *v = cw_html_attr(n, attr);
  int r = v && holds_any((const unsigned char *)v, words, k);
  xmlFree(v);
  return r;
}

static int attr_any(const xmlNode *n, const char *attr,
                    const char *const *words, size_t k) {
  return prop_any(n, cw_html_prop(n, attr), attr, words, k);
}

static int attr_has(const xmlNode *n, const char *attr, const char *word) {
  const char *const words[1] = {word};
  return attr_any(n, attr, words, 1);
}

/* Names, not a date line or a login menu: few words, few digits, no bars. */
static int looks_like_names(const char *s, size_t n) {
  size_t words = 1, digits = 0, upper = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '|' || s[i] == ':' || s[i] == '@')
      return 0;
    digits += s[i] >= '0' && s[i] <= '9';
    words += s[i] == ' ';
    upper += (i == 0 || s[i - 1] == ' ') &&
             ((s[i] >= 'A' && s[i] <= 'Z') || (unsigned char)s[i] >= 0xC0);
  }
  return digits <= 1 && words <= MAX_BYLINE_WORDS && upper >= 1;
}

static int name_is(const char *a, const char *b);

/* A visible byline element: rel=author, itemprop=author, class/id byline. */
static void dom_byline(meta_scan *ms, const xmlNode *n) {
  if (ms->byline[B_DOM])
    return;
  /* the four attributes found in one walk (each the first of its name, as
   * cw_html_prop finds it) */
  const xmlAttr *rel = NULL, *itemprop = NULL, *cls = NULL, *id = NULL;
  /* an element without children has no text, so no names */
  if (n->type != XML_ELEMENT_NODE || !n->children)
    return;
  for (const xmlAttr *a = n->properties; a; a = a->next) {
    const char *an = (const char *)a->name;
    if (!an)
      continue;
    if (!rel && name_is(an, "rel"))
      rel = a;
    else if (!itemprop && name_is(an, "itemprop"))
      itemprop = a;
    else if (!cls && name_is(an, "class"))
      cls = a;
    else if (!id && name_is(an, "id"))
      id = a;
  }
  if (!rel && !itemprop && !cls && !id)
    return;
  static const char *const author[] = {"author"};
  int hit = prop_any(n, rel, "rel", author, 1) ||
            prop_any(n, itemprop, "itemprop", author, 1);
  if (!hit) {
    static const char *const says[] = {"byline", "author", "writtenby",
                                       "dateline"};
    static const char *const not_name[] = {"avatar", "bio", "image", "photo",
                                           "comment"};
    hit = prop_any(n, cls, "class", says, 4) || prop_any(n, id, "id", says, 4);
    if (hit && (prop_any(n, cls, "class", not_name, 5) ||
                prop_any(n, id, "id", not_name, 5)))
      hit = 0;
  }
  if (!hit)
    return;
  /* itemprop=author often wraps a name element */
  cw_buf t;
  cw_buf_init(&t, 0);
  cw_html_text(n, &t);
  const char *s = t.ptr;
  size_t len = t.len;
  cw_trim(&s, &len);
  /* the label before the names ("By", "Posted by", "Written by") */
  static const char *const labels[] = {"by ", "posted by ", "written by "};
  for (size_t k = 0; k < sizeof labels / sizeof *labels; k++) {
    size_t ll = strlen(labels[k]);
    if (len > ll && cw_strncaseeq(s, labels[k], ll)) {
      s += ll;
      len -= ll;
      cw_trim(&s, &len);
      break;
    }
  }
  if (!t.err && len > 1 && len <= MAX_BYLINE_CHARS && looks_like_names(s, len))
    ms->byline[B_DOM] = cw_strndup(s, len);
  cw_buf_free(&t);
}

/* Whether the class or id of n says it shows today's date (a masthead's
 * "Friday, December 19, 2025"): the day the page was served, not the
 * story's. */
static int today_box(const xmlNode *n) {
  static const char *const says[] = {"today-date",   "todays-date",
                                     "todaydate",    "todaysdate",
                                     "today_date",   "todays_date",
                                     "current-date", "currentdate",
                                     "current_date"};
  return attr_any(n, "class", says, sizeof says / sizeof *says) ||
         attr_any(n, "id", says, sizeof says / sizeof *says);
}

/* Whether n or an element under it is a today_box: asked of the small
 * subtrees a date was read from (small_text bounds them). */
static int holds_today_box(const xmlNode *n, int depth) {
  if (today_box(n))
    return 1;
  for (const xmlNode *c = n->children; c && depth < VISIBLE_DATE_NODES;
       c = c->next)
    if (c->type == XML_ELEMENT_NODE && holds_today_box(c, depth + 1))
      return 1;
  return 0;
}

/* Text of a small subtree into b: 0 when it holds more than
 * VISIBLE_DATE_NODES nodes or VISIBLE_DATE_CHARS bytes (not a date line). */
static int small_text(const xmlNode *n, cw_buf *b, int *nodes) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (++*nodes > VISIBLE_DATE_NODES)
      return 0;
    if (c->type == XML_TEXT_NODE) {
      /* white space collapsed: indented markup ("\n\t\t\tMay 3, 2025\n")
       * must not push a short date line over the bound */
      for (const char *p = (const char *)c->content;
           p && *p && b->len <= VISIBLE_DATE_CHARS; p++) {
        int sp = cw_html_space((unsigned char)*p);
        if (!sp || (b->len && b->ptr[b->len - 1] != ' '))
          cw_html_putc(b, sp ? ' ' : *p);
      }
      if (b->len && b->ptr[b->len - 1] != ' ')
        cw_html_putc(b, ' ');
    } else if (c->type == XML_ELEMENT_NODE) {
      if (!strcmp((const char *)c->name, "script") ||
          !strcmp((const char *)c->name, "style"))
        continue;
      if (!small_text(c, b, nodes))
        return 0;
    }
    if (b->len > VISIBLE_DATE_CHARS)
      return 0;
  }
  return 1;
}

/* Whether the text small_text would copy from n may hold a digit: 1 when
 * it may (a digit seen), -1 when it holds none and small_text stops before
 * the end, 0 when it holds none and the walk goes on. Walks the same nodes
 * without copying: the text of most elements holds no digit, so no date,
 * and small_text's copy of it is not needed. Stops no later than small_text
 * does: at its node bound, or at the byte past VISIBLE_DATE_CHARS that are
 * not white space (the copy is longer by then). */
static int small_digits(const xmlNode *n, int *nodes, size_t *chars) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (++*nodes > VISIBLE_DATE_NODES)
      return -1;
    if (c->type == XML_TEXT_NODE) {
      for (const unsigned char *p = (const unsigned char *)c->content; p && *p;
           p++) {
        if (*p >= '0' && *p <= '9')
          return 1;
        if (!cw_html_space(*p) && ++*chars > VISIBLE_DATE_CHARS)
          return -1;
      }
    } else if (c->type == XML_ELEMENT_NODE) {
      if (!strcmp((const char *)c->name, "script") ||
          !strcmp((const char *)c->name, "style"))
        continue;
      int r = small_digits(c, nodes, chars);
      if (r)
        return r;
    }
  }
  return 0;
}

/* Whether a text node among the first k children of n holds a digit. */
static int child_text_digit(const xmlNode *n, int k) {
  for (const xmlNode *c = n->children; c && k > 0; c = c->next, k--)
    if (c->type == XML_TEXT_NODE && c->content &&
        strpbrk((const char *)c->content, "0123456789"))
      return 1;
  return 0;
}

static int month_of(const char *s, size_t n, int foreign);

/* Whether t holds a four-digit year (19xx, 20xx). */
static int has_year(const char *t) {
  for (const char *p = t; *p; p++)
    if (((p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0')) &&
        p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9')
      return 1;
  return 0;
}

static int lead_date(const char *t, char iso[32]);

static int ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* Whether the short line t dates a reader's account, not a story: a
 * forum's "Registered: 2024-01-27", "Joined Nov 4, 2011", "Member since
 * 2019", a nation's "Founded: Dec 11, 2021". */
static int account_date(const char *t) {
  static const char *const labels[] = {"registered", "joined", "founded",
                                       "member since"};
  for (const char *p = t; *p; p++)
    for (size_t k = 0; k < sizeof labels / sizeof *labels; k++)
      if ((*p | 32) == labels[k][0] &&
          cw_strncaseeq(p, labels[k], strlen(labels[k])))
        return 1;
  return 0;
}

/* The date of a short line that is a date and little else: "July 9,
 * 2025", "Last updated: Dec 12, 2025" (a label before a colon cut, but not
 * a time's "10:30"), "May 3, 2025. Updated: May 9, 2025" (the first date),
 * "By Anna Berg - Mar 27, 2024" (the date after a separator), "Posted on
 * the 15/12/2025 at 19:00 by Anna Berg" (lead_date's labels). */
static int text_date(const char *t, char iso[32]) {
  if (!has_year(t) || strlen(t) > VISIBLE_DATE_CHARS || account_date(t))
    return 0;
  /* without the bullets, dashes and brackets around it ("- 3 October
   * 2023", a date between two bullet characters), nor a forum post's
   * number before it ("#1 2024-08-03 10:59:47") */
  char buf[VISIBLE_DATE_CHARS + 1];
  while (*t && !ascii_alnum(*t))
    if (*t++ == '#')
      while (*t >= '0' && *t <= '9')
        t++;
  size_t n = strlen(t);
  while (n && !ascii_alnum(t[n - 1]))
    n--;
  memcpy(buf, t, n);
  buf[n] = '\0';
  t = buf;
  const char *colon = strchr(t, ':');
  if (colon && colon > t && !(colon[-1] >= '0' && colon[-1] <= '9')) {
    const char *p = t;
    while (p < colon && !(*p >= '0' && *p <= '9'))
      p++;
    if (p == colon && has_year(colon + 1))
      t = colon + 1; /* a label: "Published:" */
  }
  if (cw_html_norm_date(t, iso))
    return 1;
  static const char *const seps[] = {" - ", " \xe2\x80\x93 ", " | ",
                                     " \xc2\xb7 ", " \xe2\x80\xa2 ",
                                     " \xc2\xbb "};
  for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
    const char *p = strstr(t, seps[k]);
    if (p && has_year(p) && cw_html_norm_date(p + strlen(seps[k]), iso))
      return 1;
  }
  /* "Posted on the 15/12/2025 at 19:00 by Anna Berg" */
  return lead_date(t, iso);
}

/* A date at the start of a longer line: "Dec 19, 2025 · Anna Berg". Only
 * a month named in words or an ISO day counts (a bare number starts too
 * many sentences). */
static int lead_date(const char *t, char iso[32]) {
  size_t i = 0;
  while (t[i] && !((t[i] | 32) >= 'a' && (t[i] | 32) <= 'z') &&
         !(t[i] >= '0' && t[i] <= '9'))
    i++;
  const char *s = t + i;
  /* after a label the date may be in numbers: "Posted on the 15/12/2025
   * at 19:00 by" */
  static const char *const labels[] = {"posted on the ", "posted on ",
                                       "published on the ", "published on ",
                                       "posted ", "published "};
  int labelled = 0;
  for (size_t j = 0; j < sizeof labels / sizeof *labels && !labelled; j++)
    if (cw_strncaseeq(s, labels[j], strlen(labels[j]))) {
      s += strlen(labels[j]);
      labelled = 1;
    }
  size_t k = 0;
  while (((s[k] | 32) >= 'a' && (s[k] | 32) <= 'z'))
    k++;
  int worded = labelled || (k >= 3 && month_of(s, k, 0));
  if (!worded) {
    /* "20 December 2025", "2025-12-20" */
    size_t d = 0;
    while (s[d] >= '0' && s[d] <= '9')
      d++;
    const char *w = s + d;
    while (*w == ' ')
      w++;
    k = 0;
    while (((w[k] | 32) >= 'a' && (w[k] | 32) <= 'z'))
      k++;
    worded = (d == 1 || d == 2) && k >= 3 && month_of(w, k, 1);
    if (!worded && !(d == 4 && s[4] == '-'))
      return 0;
  }
  /* the date must be the line's first words: year within 20 bytes */
  char head[24];
  size_t n = strlen(s) < 20 ? strlen(s) : 20;
  memcpy(head, s, n);
  head[n] = '\0';
  return has_year(head) && cw_html_norm_date(s, iso);
}

/* Tag name a is b; the first byte settles most tests without a call. */
static int name_is(const char *a, const char *b) {
  return a[0] == b[0] && !strcmp(a, b);
}

/* A larger element whose first own text starts with the date: "Dec 19,
 * 2025 · Anna Berg on behalf of <a>the board</a>", a bare "20 December
 * 2025" line between a legend and the story. b is scratch. */
static void first_text_date(meta_scan *ms, const xmlNode *n, cw_buf *bp,
                            char iso[32]) {
  cw_buf b = *bp;
  int k = 0;
  for (const xmlNode *c = n->children; c && k < 4; c = c->next, k++) {
    if (c->type != XML_TEXT_NODE || !c->content)
      continue;
    const char *t = (const char *)c->content;
    size_t len = strlen(t);
    cw_trim(&t, &len);
    if (!len)
      continue;
    if (len <= VISIBLE_DATE_CHARS * 2) {
      /* white space runs as one space, up to VISIBLE_DATE_CHARS bytes */
      cw_buf_reset(&b);
      for (size_t j = 0; j < len && b.len < VISIBLE_DATE_CHARS; j++)
        if (!cw_html_space((unsigned char)t[j]))
          cw_buf_putc(&b, t[j]);
        else if (!cw_html_space((unsigned char)t[j + 1]))
          cw_buf_putc(&b, ' ');
      /* or is a short line of its own before a <br>: "by Ann Lee -
       * 2025-09-13<br>Updated: ..." */
      if (!b.err && (lead_date(b.ptr, iso) ||
                     (b.len < VISIBLE_DATE_CHARS && text_date(b.ptr, iso))) &&
          !today_box(n))
        set_once(&ms->date[D_TEXT], iso);
    }
    break;
  }
  *bp = b;
}

/* Whether the short line t names a publication date ("Published Apr 26,
 * 2023", "Posted on 3 May 2025") and not an update ("Published 2023,
 * updated 2025"). */
static int says_published(const char *t) {
  int pub = 0;
  for (const char *p = t; *p; p++) {
    if (cw_strncaseeq(p, "updat", 5) || cw_strncaseeq(p, "modif", 5))
      return 0;
    pub |= cw_strncaseeq(p, "publish", 7) || cw_strncaseeq(p, "posted", 6);
  }
  return pub;
}

/* A date shown on the page: "July 9, 2025", "Updated on: 12 May 2024",
 * a <time> without datetime. Taken from elements whose own text is short
 * and parses as a full date once a leading label ("Published:") is cut. */
static void visible_date(meta_scan *ms, const xmlNode *n, const char *name) {
  if ((ms->date[D_DOM] && ms->date[D_TEXT]) || ms->no_digit)
    return;
  if (name_is(name, "html") || name_is(name, "body") ||
      name_is(name, "head") || name_is(name, "title") ||
      name_is(name, "option") || name_is(name, "a"))
    return;
  cw_buf b = ms->scratch;
  cw_buf_reset(&b);
  int nodes = 0;
  size_t chars = 0;
  char iso[32];
  /* Without a digit in the text small_text would copy, text_date finds no
   * year and the branch below reads children whose text holds none (all of
   * it was copied when small_text succeeds): nothing is set unless a first
   * child's text, unread here, holds a digit. */
  int digits = small_digits(n, &nodes, &chars);
  if (digits == 0)
    ms->no_digit = n; /* its descendants' text is a part of what was read */
  if (digits <= 0) {
    if (!ms->date[D_TEXT] && child_text_digit(n, 4))
      first_text_date(ms, n, &b, iso);
  } else if ((nodes = 0, small_text(n, &b, &nodes)) && !b.err && b.len >= 6) {
    if (!text_date(b.ptr, iso)) {
      /* no date */
    } else if (holds_today_box(n, 0)) {
      ms->no_digit = n; /* nor is anything under it the story's date */
    } else {
      int hinted = name_is(name, "time") || attr_has(n, "class", "date") ||
                   attr_has(n, "class", "publish") ||
                   attr_has(n, "class", "posted") ||
                   attr_has(n, "id", "date");
      /* a plain date before the first date-classed element: that one is
       * likely an item of a list after the story (a <time> is not) */
      if (hinted && !ms->date[D_DOM] && ms->date[D_TEXT] &&
          !name_is(name, "time"))
        ms->text_first = 1;
      int slot = hinted ? D_DOM : D_TEXT;
      if (!ms->date[slot])
        ms->says_published[slot == D_TEXT] = says_published(b.ptr);
      set_once(&ms->date[slot], iso);
    }
  } else if (!ms->date[D_TEXT] && !b.err) {
    first_text_date(ms, n, &b, iso);
  }
  ms->scratch = b;
}

/* Whether href leads to the site's home page: "", "/", "/index.html",
 * "https://host" or "https://host/" (what a logo links to). */
static int home_href(const char *h) {
  static const char *const schemes[] = {"https://", "http://", "//"};
  for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
    if (!strncmp(h, schemes[i], strlen(schemes[i]))) {
      h += strlen(schemes[i]);
      while (*h && *h != '/')
        h++; /* the host */
      break;
    }
  if (*h == '/')
    h++;
  if (!*h)
    return 1;
  /* "index.html", not a permalink "index.php/2025/06/12/slug/" or a
   * query "index.php?p=123" */
  if (strncmp(h, "index.", 6))
    return 0;
  for (h += 6; *h; h++)
    if (!((*h | 32) >= 'a' && (*h | 32) <= 'z'))
      return 0;
  return 1;
}

/* Whether the <h1> n is the site's logo: all it holds is one link to the
 * home page ("<h1><a href="/">Kelby Gazette</a></h1>"), which is no
 * headline. */
static int logo_link(const xmlNode *n) {
  const xmlNode *link = NULL;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE) {
      for (const xmlChar *p = c->content; p && *p; p++)
        if (!cw_html_space(*p))
          return 0;
    } else if (c->type == XML_ELEMENT_NODE) {
      if (link || !name_is((const char *)c->name, "a"))
        return 0;
      link = c;
    }
  }
  char *href = link ? cw_html_attr(link, "href") : NULL;
  int home = href && home_href(href);
  xmlFree(href);
  return home;
}

/* Whether n sits in the page's navigation, header, footer or an aside. */
static int in_chrome(const xmlNode *n) {
  for (const xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE;
       p = p->parent) {
    const char *pn = (const char *)p->name;
    if (name_is(pn, "nav") || name_is(pn, "header") || name_is(pn, "footer") ||
        name_is(pn, "aside"))
      return 1;
  }
  return 0;
}

/* Whether the element n is hidden from readers: aria-hidden="true" (the
 * animated or split copy of a headline beside its readable one) or the
 * hidden attribute. */
static int hidden_el(const xmlNode *n) {
  return cw_html_prop(n, "hidden") || attr_has(n, "aria-hidden", "true");
}

/* Whether name is a heading's, h1 .. h6. */
static int heading_name(const char *name) {
  return (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' &&
         name[1] <= '6' && !name[2];
}

/* Appends the text of the heading n as cw_html_text does, less its
 * buttons ("Copy link", "Share"), which are no words of the headline, what
 * is hidden from readers, and headings that libxml2 leaves inside it (a
 * browser closes the heading there: "<h1>Title<div></div><h3>Posted on
 * ...</h3>"). */
static void heading_text(const xmlNode *n, cw_buf *b, int depth) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    int el = c->type == XML_ELEMENT_NODE;
    if (el && (name_is((const char *)c->name, "button") ||
               heading_name((const char *)c->name) || hidden_el(c)))
      continue;
    /* cw_html_text leaves scripts and styles out */
    if (el && c->children && depth < CW_HTML_MAX_DEPTH &&
        !name_is((const char *)c->name, "script") &&
        !name_is((const char *)c->name, "style") &&
        !name_is((const char *)c->name, "template"))
      heading_text(c, b, depth + 1);
    else
      cw_html_text(c, b);
  }
}

static int64_t iso_day(const char *iso);

/* The datetime *dt of the <time> n as its reader sees it: a time in UTC
 * whose text shows the day before or after ("2026-02-24T04:13:00Z" shown
 * as "February 23, 2026" by a publisher west of Greenwich) becomes the day
 * shown. *dt is libxml2's and replaced by another of libxml2's. */
static void time_shown_day(meta_scan *ms, const xmlNode *n, char **dt) {
  char iso[32], shown[32];
  if (!cw_html_norm_date(*dt, iso) || strlen(iso) != 20 || iso[19] != 'Z')
    return;
  cw_buf b = ms->scratch;
  cw_buf_reset(&b);
  int nodes = 0;
  if (small_text(n, &b, &nodes) && !b.err && text_date(b.ptr, shown)) {
    int64_t d = iso_day(shown) - iso_day(iso);
    xmlChar *day = d == 1 || d == -1 ? xmlStrdup((const xmlChar *)shown)
                                     : NULL;
    if (day) {
      xmlFree(*dt);
      *dt = (char *)day;
    }
  }
  ms->scratch = b;
}

static const char *skip_space(const char *s) {
  while (cw_html_space((unsigned char)*s))
    s++;
  return s;
}

/* The date the text t says the story was first published on:
 * "originally published on 26 Sep 2019 at 4:12pm", "Originally posted
 * November 12, 2024" (the date right after, a month's name or a number
 * first). A forum's "Originally Posted by" quotes a post, and "in March
 * 2022" names no day. */
static void orig_date(meta_scan *ms, const char *t) {
  /* "originally posted May 3, 2025" is the shortest such line: most text
   * nodes of a page (the white space between tags) are shorter */
  if (strnlen(t, 29) < 29)
    return;
  for (const char *p = strstr(t, "riginally"); p;
       p = strstr(p + 1, "riginally")) {
    if (p == t || (p[-1] != 'o' && p[-1] != 'O') ||
        !cw_html_space((unsigned char)p[9]))
      continue;
    const char *q = skip_space(p + 9);
    if (cw_strncaseeq(q, "published", 9))
      q = skip_space(q + 9);
    else if (cw_strncaseeq(q, "posted", 6))
      q = skip_space(q + 6);
    else
      continue;
    if (cw_strncaseeq(q, "on", 2) && cw_html_space((unsigned char)q[2]))
      q = skip_space(q + 2);
    size_t k = 0;
    while ((q[k] | 32) >= 'a' && (q[k] | 32) <= 'z')
      k++;
    char iso[32], head[VISIBLE_DATE_CHARS + 1];
    size_t n = strlen(q) < VISIBLE_DATE_CHARS ? strlen(q) : VISIBLE_DATE_CHARS;
    memcpy(head, q, n);
    head[n] = '\0';
    if (((*q >= '0' && *q <= '9') || (k >= 3 && month_of(q, k, 0))) &&
        cw_html_norm_date(head, iso)) {
      set_once(&ms->orig, iso);
      return;
    }
  }
}

/* Keeps the day of the <time> datetime dt when it is written year first
 * ("2025-12-02", "2025-12-02T10:00:00Z"). */
static void note_time_day(meta_scan *ms, const char *dt) {
  char iso[32];
  if (ms->n_time_days >= MAX_TIME_DAYS || strlen(dt) < 10 || dt[4] != '-' ||
      !cw_html_norm_date(dt, iso))
    return;
  int64_t d = iso_day(iso);
  for (size_t i = 0; i < ms->n_time_days; i++)
    if (ms->time_days[i] == d)
      return;
  ms->time_days[ms->n_time_days++] = d;
}

static void scan(meta_scan *ms, xmlNode *n, int depth) {
  if (depth > CW_HTML_MAX_DEPTH)
    return;
  for (xmlNode *c = n; c; c = c->next) {
    if (c->type == XML_TEXT_NODE && !ms->orig && c->content)
      orig_date(ms, (const char *)c->content);
    if (c->type != XML_ELEMENT_NODE)
      continue;
    const char *name = (const char *)c->name;
    if (name_is(name, "meta")) {
      meta_tag(ms, c);
    } else if (name_is(name, "link")) {
      char *rel = cw_html_attr(c, "rel");
      if (rel && !strcmp(rel, "canonical")) {
        char *href = cw_html_attr(c, "href");
        if (href && strncmp(href, "http", 4) == 0)
          set_once(&ms->url[U_CANON], href);
        xmlFree(href);
      }
      xmlFree(rel);
    } else if (name_is(name, "script")) {
      char *type = cw_html_attr(c, "type");
      if (type && strstr(type, "ld+json"))
        ld_script(ms, c);
      xmlFree(type);
      continue;
    } else if (name_is(name, "style")) {
      continue;
    } else if (name_is(name, "title") && !ms->title[T_TITLE]) {
      cw_buf b;
      cw_buf_init(&b, 0);
      cw_html_text(c, &b);
      if (!b.err)
        set_once(&ms->title[T_TITLE], b.ptr);
      cw_buf_free(&b);
      continue;
    } else if (name_is(name, "h1") && (ms->n_h1 < MAX_H1 || !ms->logo)) {
      int logo = logo_link(c);
      cw_buf b;
      cw_buf_init(&b, 0);
      if (logo ? !ms->logo : ms->n_h1 < MAX_H1)
        heading_text(c, &b, 0);
      if (!b.err && b.len && logo) {
        set_once(&ms->logo, b.ptr);
      } else if (!b.err && b.len) {
        /* the permalink mark documentation generators append ("¶") */
        while (b.len >= 2 && (unsigned char)b.ptr[b.len - 2] == 0xC2 &&
               (unsigned char)b.ptr[b.len - 1] == 0xB6)
          b.ptr[b.len -= 2] = '\0';
        set_once(&ms->title[T_H1], b.ptr);
        set_once(&ms->h1[ms->n_h1], b.ptr);
        ms->n_h1 += ms->h1[ms->n_h1] != NULL;
      }
      cw_buf_free(&b);
    } else if ((name_is(name, "h2") || name_is(name, "h3")) &&
               ms->n_sub < MAX_SUB && !in_chrome(c)) {
      cw_buf b;
      cw_buf_init(&b, 0);
      heading_text(c, &b, 0);
      if (!b.err && b.len) {
        set_once(&ms->sub[ms->n_sub], b.ptr);
        ms->n_sub += ms->sub[ms->n_sub] != NULL;
      }
      cw_buf_free(&b);
    } else if (name_is(name, "html")) {
      char *lang = cw_html_attr(c, "lang");
      set_once(&ms->lang, lang);
      xmlFree(lang);
    } else if (name_is(name, "time")) {
      char *dt = cw_html_attr(c, "datetime");
      if (dt && (!ms->date[D_TIME] || !ms->date[D_ITEMPROP]))
        time_shown_day(ms, c, &dt);
      if (dt && (attr_has(c, "itemprop", "datepublished") ||
                 cw_html_prop(c, "pubdate") ||
                 attr_has(c, "class", "publish")))
        set_once(&ms->date[D_ITEMPROP], dt);
      set_once(&ms->date[D_TIME], dt);
      if (dt)
        note_time_day(ms, dt);
      xmlFree(dt);
    } else if (attr_has(c, "itemprop", "datepublished")) {
      char *dt = cw_html_attr(c, "datetime");
      if (!dt)
        dt = cw_html_attr(c, "content");
      if (dt) {
        set_once(&ms->date[D_ITEMPROP], dt);
      } else if (!ms->date[D_ITEMTEXT]) {
        /* <span itemprop="datePublished">May 3, 2025</span> */
        cw_buf b = ms->scratch;
        cw_buf_reset(&b);
        int nodes = 0;
        char iso[32];
        if (small_text(c, &b, &nodes) && !b.err &&
            cw_html_norm_date(b.ptr, iso))
          set_once(&ms->date[D_ITEMTEXT], iso);
        ms->scratch = b;
      }
      xmlFree(dt);
    }
    /* a byline element is looked for while it may still be the one
     * taken: not once a <meta> gave one, nor once an Article's JSON-LD did
     * (no later object replaces it) */
    if (!ms->byline[B_DOM] && !ms->byline[B_META] &&
        !(ms->byline[B_LD] && ms->ld_rank == 1) && !name_is(name, "html") &&
        !name_is(name, "body") && !name_is(name, "head"))
      dom_byline(ms, c);
    visible_date(ms, c, name);
    scan(ms, c->children, depth + 1);
    if (ms->no_digit == c)
      ms->no_digit = NULL;
  }
}

/* ---- normalising ---------------------------------------------------------- */

/* Month of the word [s, s+n): an English month's name or its three
 * letters ("Dec", "December", also "Sept"), not any word that begins so
 * ("Mark", "Decker"); when foreign is set, also the months of German,
 * French, Spanish, Italian, Dutch and Portuguese dates as whole words
 * ("17. März 2025", "3 décembre 2025", "5 de mayo de 2025"); 0 if none. */
static int month_of(const char *s, size_t n, int foreign) {
  static const char *const months[] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  static const struct {
    const char *name;
    int month;
  } words[] = {
      /* German */
      {"januar", 1}, {"j\xc3\xa4nner", 1}, {"m\xc3\xa4rz", 3}, {"maerz", 3},
      {"mai", 5}, {"okt", 10}, {"oktober", 10}, {"dez", 12}, {"dezember", 12},
      /* French */
      {"janvier", 1}, {"janv", 1}, {"f\xc3\xa9vrier", 2}, {"fevrier", 2},
      {"f\xc3\xa9vr", 2}, {"avril", 4}, {"avr", 4}, {"juin", 6},
      {"juillet", 7}, {"juil", 7}, {"ao\xc3\xbbt", 8}, {"aout", 8},
      {"d\xc3\xa9" "cembre", 12}, {"decembre", 12}, {"d\xc3\xa9" "c", 12},
      /* Spanish */
      {"enero", 1}, {"ene", 1}, {"febrero", 2}, {"abril", 4}, {"agosto", 8},
      {"setiembre", 9}, {"diciembre", 12}, {"dic", 12},
      /* Italian */
      {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5},
      {"giugno", 6}, {"luglio", 7}, {"settembre", 9}, {"ottobre", 10},
      {"dicembre", 12},
      /* Dutch */
      {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5},
      {"augustus", 8},
      /* Portuguese */
      {"janeiro", 1}, {"fevereiro", 2}, {"mar\xc3\xa7o", 3}, {"maio", 5},
      {"setembro", 9}, {"outubro", 10}, {"dezembro", 12}};
  if (n < 3)
    return 0;
  for (int i = 0; i < 12; i++)
    if ((n == 3 || n == strlen(months[i])) && cw_strncaseeq(s, months[i], n))
      return i + 1;
  if (n == 4 && cw_strncaseeq(s, "sept", 4))
    return 9;
  if (!foreign)
    return 0;
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (strlen(words[i].name) == n && cw_strncaseeq(s, words[i].name, n))
      return words[i].month;
  return 0;
}

static int read_num(const char *s, size_t n, size_t *i, int maxd) {
  int v = 0, d = 0;
  while (*i < n && d < maxd && s[*i] >= '0' && s[*i] <= '9') {
    v = v * 10 + (s[*i] - '0');
    (*i)++;
    d++;
  }
  return d ? v : -1;
}

/* A day written with numbers, day or month first: "17.05.2023" (dots:
 * day first, as Europe writes it, unless the second number is above 12),
 * "17/05/2023" and "17-05-2023" (a first number above 12 is the day),
 * "05/17/2023", "03-09-2026" and "5/7/2023" (slashes and dashes otherwise:
 * month first, as the US writes it). Anything may follow. */
static int numeric_dmy(const char *s, size_t n, int *y, int *m, int *d) {
  size_t i = 0;
  int a = read_num(s, n, &i, 2);
  if (a < 1 || i >= n || (s[i] != '.' && s[i] != '/' && s[i] != '-'))
    return 0;
  char sep = s[i++];
  size_t st = i;
  int b = read_num(s, n, &i, 2);
  if (b < 1 || i == st || i >= n || s[i] != sep)
    return 0;
  i++;
  st = i;
  int yy = read_num(s, n, &i, 4);
  if (i - st != 4 || (i < n && s[i] >= '0' && s[i] <= '9'))
    return 0;
  if (a > 12 || (sep == '.' && b <= 12)) {
    *d = a;
    *m = b;
  } else {
    *m = a;
    *d = b;
  }
  *y = yy;
  return 1;
}

/* The time epoch as ISO 8601 at the offset off (minutes east of UTC):
 * "2020-04-12T18:00:00-07:00", or in UTC ("...Z") when off is 0. */
static void format_local(int64_t epoch, int has_time, int off, char out[32]) {
  if (off < -18 * 60 || off > 18 * 60)
    off = 0;
  cw_format_iso8601(epoch + (int64_t)off * 60, has_time, out);
  if (off && strlen(out) == 20) /* "...T08:30:00Z" */
    snprintf(out + 19, 13, "%c%02d:%02d", off < 0 ? '-' : '+',
             abs(off) / 60, abs(off) % 60);
}

/* Normalises a date as pages write it to ISO 8601 into out; 0 if none.
 * Accepts ISO 8601, YYYY/MM/DD, "May 17, 2023", "17 May 2023" and RFC 822
 * ("Wed, 17 May 2023 10:00:00 GMT"), and days in numbers (numeric_dmy). */
int cw_html_norm_date(const char *s, char out[32]) {
  int64_t epoch;
  int has_time = 0;
  size_t n = strlen(s);
  cw_trim(&s, &n);
  size_t used = n >= 10 ? cw_parse_iso8601(s, n, &epoch, &has_time) : 0;
  if (used) {
    /* a time with an offset keeps it: the day is the one the page gives
     * ("2020-04-12T18:00:00-07:00" is not April 13); UTC otherwise */
    int off = 0;
    for (size_t k = 16; has_time && k < used && !off; k++)
      if (s[k] == '+' || s[k] == '-') {
        size_t j = k + 1;
        int oh = read_num(s, used, &j, 2), om = 0;
        if (j < used && s[j] == ':')
          j++;
        if (j < used)
          om = read_num(s, used, &j, 2);
        off = (oh > 0 ? oh * 60 : 0) + (om > 0 ? om : 0);
        if (s[k] == '-')
          off = -off;
        if (!off)
          break;
      }
    format_local(epoch, has_time, off, out);
    return 1;
  }
  /* YYYY/MM/DD or YYYY.MM.DD or YYYYMMDD */
  size_t i = 0;
  int y = read_num(s, n, &i, 4), m = -1, d = -1;
  if (y >= 1990 && y <= 2100 && i == 4 && i < n &&
      (s[i] == '/' || s[i] == '.' || s[i] == '-')) {
    i++;
    m = read_num(s, n, &i, 2);
    if (i < n && (s[i] == '/' || s[i] == '.' || s[i] == '-')) {
      i++;
      d = read_num(s, n, &i, 2);
    }
  } else if (numeric_dmy(s, n, &y, &m, &d)) {
    /* 17.05.2023, 17/05/2023, 05/17/2023 */
  } else {
    /* words: skip a weekday, then "17 May 2023" or "May 17, 2023" */
    i = 0;
    y = -1;
    int m_tok = -9; /* the token m was read from */
    for (int tok = 0; tok < 6 && i < n; tok++) {
      while (i < n && (cw_html_space((unsigned char)s[i]) || s[i] == ',' ||
                       s[i] == '.'))
        i++;
      if (i < n && s[i] >= '0' && s[i] <= '9') {
        int v = read_num(s, n, &i, 4);
        if (i < n && (s[i] == 's' || s[i] == 'n' || s[i] == 'r' ||
                      s[i] == 't'))
          i += 2; /* 1st 2nd 3rd 4th */
        if (v >= 1990 && v <= 2100)
          y = v;
        else if (v >= 1 && v <= 31 && d < 0)
          d = v;
        else
          break;
        if (y > 0 && m > 0 && d > 0)
          break;
      } else {
        size_t st = i;
        /* letters, and the bytes of non-ASCII ones ("März") */
        while (i < n && (((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') ||
                         (unsigned char)s[i] >= 0x80))
          i++;
        /* another language's month only after the day, as those
         * languages write it: "Mai" in "By Mai Tran, 12 June" is a name */
        int mm = month_of(s + st, i - st, d > 0);
        if (mm && m < 0) {
          m = mm;
          m_tok = tok;
        } else if (i == st) {
          break;
        } else if (!mm && m_tok == tok - 1 && d < 0) {
          m = -1; /* a name, not a month: "By Jan Novak, 12 June" */
        }
      }
    }
  }
  if (y < 1990 || m < 1 || m > 12 || d < 1 || d > 31)
    return 0;
  epoch = cw_days_from_civil(y, m, d) * 86400;
  cw_format_iso8601(epoch, 0, out);
  return 1;
}

/* A date in the URL path: /2023/05/17/, /2023-05-17 or /2023/may/17/ */
static int url_date(const char *u, char out[32]) {
  if (!u)
    return 0;
  for (const char *p = u; *p; p++) {
    if (*p != '/')
      continue;
    size_t i = 0, n = strlen(p + 1);
    const char *s = p + 1;
    int y = read_num(s, n, &i, 4);
    if (i != 4 || y < 1990 || y > 2100 || i >= n ||
        (s[i] != '/' && s[i] != '-'))
      continue;
    i++;
    size_t mstart = i;
    int m = read_num(s, n, &i, 2);
    if (m >= 0 && i - mstart != 2)
      continue;
    if (m < 0) {
      /* the month's name: "/2023/october/03/", "/2023/oct/03/" */
      while (i < n && (s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')
        i++;
      m = month_of(s + mstart, i - mstart, 0);
    }
    if (m < 1 || m > 12 || i >= n || (s[i] != '/' && s[i] != '-'))
      continue;
    i++;
    size_t dstart = i;
    int d = read_num(s, n, &i, 2);
    if (d < 1 || d > 31 || i - dstart != 2)
      continue;
    cw_format_iso8601(cw_days_from_civil(y, m, d) * 86400, 0, out);
    return 1;
  }
  return 0;
}

/* What pages put between a title and the outlet or section names. */
static const char *const title_seps[] = {" | ", " - ", " – ", " — ", " :: ",
                                         " » ", " · ", " / ", " • "};
#define N_TITLE_SEPS (sizeof title_seps / sizeof *title_seps)

/* Length of the title separator at p, or 0. */
static size_t title_sep_at(const char *p) {
  for (size_t k = 0; k < N_TITLE_SEPS; k++) {
    size_t n = strlen(title_seps[k]);
    if (strncmp(p, title_seps[k], n) == 0)
      return n;
  }
  return 0;
}

/* Whether the collapsed title t begins with a separator: its first part,
 * the headline, is empty ("| Kelby Gazette") and what is left names the
 * site. */
static int empty_lead(const char *t) {
  for (size_t k = 0; k < N_TITLE_SEPS; k++)
    if (!strncmp(t, title_seps[k] + 1, strlen(title_seps[k]) - 1))
      return 1;
  return 0;
}

/* Whether h (collapsed) is the collapsed title t or one whole part of it
 * as separators cut it, the last part aside (where the outlet's name
 * goes): "Models" of "Models | Guide | Webframe", "News" of "News - Harbour
 * Trust", not "Harbour Trust" (case aside); with last set, the last part
 * too. Returns 1 + the number of parts before it, 0 when it is none; *at
 * (unless at is NULL) is where in t it is. */
static int title_part(const char *t, const char *h, const char **at,
                      int last) {
  size_t hl = strlen(h);
  if (!hl)
    return 0;
  int k = 1;
  for (const char *p = t; *p; k++) {
    if (cw_strncaseeq(p, h, hl) &&
        ((!p[hl] && (p == t || last)) || (p[hl] && title_sep_at(p + hl)))) {
      if (at)
        *at = p;
      return k;
    }
    /* next part */
    const char *q = p;
    size_t sl = 0;
    while (*q && !(sl = title_sep_at(q)))
      q++;
    if (!*q)
      break;
    p = q + sl;
  }
  return 0;
}

/* Cuts from title t a last part equal to h (case aside), the site's name:
 * "Harbour works | Kelby Gazette" when the page's logo <h1> says "Kelby
 * Gazette". When that <h1> is the page's only one and the rest of the
 * title one word, it is the headline and the word the site's name
 * ("Gazette | Harbour works reach the pier"): only_h1 says so. Returns
 * whether it cut. */
static int cut_title_tail(char *t, const char *h, int only_h1) {
  size_t hl = strlen(h), tl = strlen(t);
  if (!hl || hl >= tl || !cw_strncaseeq(t + tl - hl, h, hl + 1))
    return 0;
  char *end = t + tl - hl;
  for (size_t k = 0; k < N_TITLE_SEPS; k++) {
    size_t sl = strlen(title_seps[k]);
    if ((size_t)(end - t) > sl && !strncmp(end - sl, title_seps[k], sl)) {
      if (only_h1 && !memchr(t, ' ', (size_t)(end - t) - sl))
        return 0;
      end[-(ptrdiff_t)sl] = '\0';
      return 1;
    }
  }
  return 0;
}

/* Removes " | Outlet", " - Outlet" and similar from a title. */
static void strip_site_suffix(char *t, const char *outlet) {
  const char *const *seps = title_seps;
  size_t n = strlen(t);
  for (size_t k = 0; k < N_TITLE_SEPS; k++) {
    const char *last = NULL;
    for (const char *p = strstr(t, seps[k]); p; p = strstr(p + 1, seps[k]))
      last = p;
    if (!last)
      continue;
    const char *tail = last + strlen(seps[k]);
    size_t head_len = (size_t)(last - t);
    int words = 1;
    for (const char *p = t; p < last; p++)
      words += *p == ' ';
    int tail_is_outlet = outlet && cw_strncaseeq(tail, outlet, strlen(outlet));
    /* keep the title when what is left is too short to be one */
    if (tail_is_outlet || (words >= 3 && strlen(tail) < head_len &&
                           strlen(tail) <= 40)) {
      t[head_len] = '\0';
      return;
    }
    /* "Outlet | Title" */
    if (outlet && cw_strncaseeq(t, outlet, strlen(outlet)) &&
        t + strlen(outlet) == last) {
      memmove(t, tail, strlen(tail) + 1);
      return;
    }
  }
  (void)n;
}

static size_t count_words(const char *s);

/* Cuts from t every last part that is the outlet's name: pages name the
 * site twice ("Harbour works – Kelby Gazette - Kelby Gazette") and some
 * write it into the <h1> ("Harbour works – Kelby Gazette"). What is left
 * keeps two words at least. Returns whether it cut. */
static int cut_outlet_tail(char *t, const char *outlet) {
  size_t ol = outlet ? strlen(outlet) : 0;
  int cut = 0;
  while (ol) {
    size_t tl = strlen(t);
    if (tl <= ol || !cw_strncaseeq(t + tl - ol, outlet, ol + 1))
      break;
    char *end = t + tl - ol;
    size_t k = 0, sl = 0;
    for (; k < N_TITLE_SEPS; k++) {
      sl = strlen(title_seps[k]);
      if ((size_t)(end - t) > sl && !strncmp(end - sl, title_seps[k], sl))
        break;
    }
    if (k == N_TITLE_SEPS)
      break;
    char keep = end[-(ptrdiff_t)sl];
    end[-(ptrdiff_t)sl] = '\0';
    if (count_words(t) < 2) {
      end[-(ptrdiff_t)sl] = keep;
      break;
    }
    cut = 1;
  }
  return cut;
}

/* Keeps one part of a title that still holds " | " once the site's name
 * is gone: what is left there is a tagline or a section beside the
 * headline ("Movers in Leeds 2025 | Top 9 Firms", "News | Port Ellery
 * Herald"). The first part is the headline unless it is a single word (a
 * brand: "Ledgerly | Books for small shops"). */
static void cut_at_bar(char *t) {
  char *bar = strstr(t, " | ");
  if (!bar || bar == t)
    return;
  char *tail = bar + 3;
  char *next = strstr(tail, " | ");
  size_t tail_len = next ? (size_t)(next - tail) : strlen(tail);
  *bar = '\0';
  if (count_words(t) == 1 && tail_len > strlen(t) && tail_len) {
    memmove(t, tail, tail_len);
    t[tail_len] = '\0';
  }
}

static size_t count_words(const char *s) {
  size_t k = 0;
  for (const char *p = s; *p; p++)
    k += !cw_html_space((unsigned char)*p) &&
         (p == s || cw_html_space((unsigned char)p[-1]));
  return k;
}

/* The words of the n bytes at s that hold an ASCII letter or digit:
 * separators ("|", "-", "•") are none (nor are words of other scripts,
 * which leaves such titles as they were). */
static size_t lettered_words(const char *s, size_t n) {
  size_t k = 0;
  int in = 0, lettered = 0;
  for (size_t i = 0; i <= n; i++) {
    unsigned char ch = i < n ? (unsigned char)s[i] : ' ';
    if (cw_html_space(ch)) {
      k += in && lettered;
      in = lettered = 0;
    } else {
      in = 1;
      lettered |=
          (ch >= '0' && ch <= '9') || ((ch | 32) >= 'a' && (ch | 32) <= 'z');
    }
  }
  return k;
}

/* Decodes character references left in a value ("&amp;#8211;" in the
 * source reaches us as "&#8211;"), in place: numeric ones and the named
 * ones HTML knows. A reference that does not decode stays as written. */
static void decode_refs(char *s) {
  char *o = s;
  for (char *p = s; *p;) {
    const char *semi = *p == '&' ? strchr(p, ';') : NULL;
    unsigned long cp = 0;
    if (semi && semi - p > 2 && semi - p < 12) {
      if (p[1] == '#') {
        char *end;
        cp = (p[2] == 'x' || p[2] == 'X') ? strtoul(p + 3, &end, 16)
                                          : strtoul(p + 2, &end, 10);
        if (end != semi)
          cp = 0;
      } else {
        char name[12];
        memcpy(name, p + 1, (size_t)(semi - p - 1));
        name[semi - p - 1] = '\0';
        const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
        cp = e ? e->value : 0;
      }
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      *o++ = *p++;
      continue;
    }
    /* UTF-8 of a reference is never longer than the reference ("&#1;" is
     * 4 bytes, U+10FFFF 4 bytes of at least "&#x10FFFF;") */
    if (cp == 0xA0)
      cp = ' ';
    if (cp < 0x80) {
      *o++ = (char)cp;
    } else if (cp < 0x800) {
      *o++ = (char)(0xC0 | cp >> 6);
      *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      *o++ = (char)(0xE0 | cp >> 12);
      *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
      *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
      *o++ = (char)(0xF0 | cp >> 18);
      *o++ = (char)(0x80 | (cp >> 12 & 0x3F));
      *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
      *o++ = (char)(0x80 | (cp & 0x3F));
    }
    p = (char *)semi + 1;
  }
  *o = '\0';
}

static int word_byte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' &&
                                                 (c | 32) <= 'z');
}

/* Share of the words of a (case-folded ASCII) that occur in b. */
static double words_in(const char *a, const char *b) {
  size_t total = 0, found = 0;
  for (const char *p = a; *p;) {
    while (*p && !word_byte((unsigned char)*p))
      p++;
    const char *w = p;
    while (*p && word_byte((unsigned char)*p))
      p++;
    size_t n = (size_t)(p - w);
    if (!n)
      continue;
    total++;
    for (const char *q = b; *q; q++)
      if ((q == b || !word_byte((unsigned char)q[-1])) &&
          cw_strncaseeq(q, w, n) && !word_byte((unsigned char)q[n])) {
        found++;
        break;
      }
  }
  return total ? (double)found / (double)total : 0;
}

/* Whether h is a run of whole words of t, case aside: "Hiking Boots" of
 * "Hiking Boots: Shop Boots for Hiking". */
static int words_within(const char *h, const char *t) {
  size_t hl = strlen(h);
  for (const char *q = t; *q; q++)
    if ((q == t || !word_byte((unsigned char)q[-1])) &&
        cw_strncaseeq(q, h, hl) && !word_byte((unsigned char)q[hl]))
      return 1;
  return 0;
}

/* The visible headline that the metadata title stands for, or NULL: pages
 * dress the title for search engines and tabs ("Title | Outlet", "Title
 * (2025 Guide)") and show the headline as written in an <h1>. On a page
 * of the site (site_page) that headline is words of the title as they
 * stand ("Hiking Boots" of "Hiking Boots: Shop Boots for Hiking"), not a
 * banner's slogan that shares some of them. */
static char *headline_h1(meta_scan *ms, const char *title, int site_page) {
  for (size_t i = 0; i < ms->n_h1; i++) {
    char *h = ms->h1[i];
    if (!h)
      continue;
    collapse(h);
    if (!h[0] || strlen(h) > MAX_HEADLINE)
      continue;
    if ((!site_page || words_within(h, title)) &&
        words_in(h, title) >= H1_TITLE_OVERLAP &&
        words_in(title, h) >= H1_TITLE_OVERLAP / 2) {
      ms->h1[i] = NULL;
      return h;
    }
  }
  return NULL;
}

/* Whether the <h1> h is the title t but for a later year: the page
 * renewed its headline ("Tide tables for 2026") and not its metadata
 * ("Tide tables for 2025"). Both collapsed; case aside. */
static int newer_year(const char *h, const char *t) {
  int newer = 0;
  while (*h && *t) {
    if (*h >= '0' && *h <= '9' && *t >= '0' && *t <= '9') {
      size_t a = strspn(h, "0123456789"), b = strspn(t, "0123456789");
      if (a != b || strncmp(h, t, a)) {
        if (a != 4 || b != 4 || strncmp(h, t, a) < 0 ||
            (strncmp(h, "20", 2) && strncmp(h, "19", 2)) ||
            (strncmp(t, "20", 2) && strncmp(t, "19", 2)))
          return 0;
        newer = 1;
      }
      h += a;
      t += b;
    } else if (cw_strncaseeq(h, t, 1)) {
      h++;
      t++;
    } else {
      return 0;
    }
  }
  return newer && !*h && !*t;
}

/* s folded for comparing titles, malloc'd: typographic quotes read as
 * ASCII ones, and white space, hyphens and dashes (ASCII or not) and the
 * rest of general punctuation (U+2000..U+206F) left out. */
static char *fold_title(const char *s) {
  char *out = malloc(strlen(s) + 1);
  if (!out)
    return NULL;
  size_t o = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p;) {
    if (p[0] == 0xE2 && (p[1] == 0x80 || p[1] == 0x81) && p[2]) {
      if (p[1] == 0x80 && p[2] >= 0x98 && p[2] <= 0x9B)
        out[o++] = '\''; /* U+2018..U+201B */
      else if (p[1] == 0x80 && p[2] >= 0x9C && p[2] <= 0x9F)
        out[o++] = '"'; /* U+201C..U+201F */
      p += 3;
    } else if (*p < 0x80) {
      if (!cw_html_space(*p) && *p != '-')
        out[o++] = (char)*p;
      p++;
    } else {
      out[o++] = (char)*p++;
    }
  }
  out[o] = '\0';
  return out;
}

/* Whether the metadata title c is the <h1> h but for hyphens where h
 * prints en or em dashes ("Brake pads - a guide" for "Brake pads – a
 * guide"): such a headline keeps its dashes. */
static int ascii_dashes(const char *h, const char *c) {
  int dashed = 0;
  while (*h || *c) {
    if (*h == *c) {
      h++;
      c++;
    } else if (*c == '-' && (unsigned char)h[0] == 0xE2 &&
               (unsigned char)h[1] == 0x80 &&
               ((unsigned char)h[2] == 0x93 || (unsigned char)h[2] == 0x94)) {
      h += 3;
      c++;
      dashed = 1;
    } else {
      return 0;
    }
  }
  return dashed;
}

/* The title as the page's metadata writes it when it is the <h1> t but
 * for quotes, dashes and spacing: an <h1> prints "Beginner’s Guide" where
 * the metadata says "Beginner's Guide", "Info Ultimate guide" for "Info -
 * Ultimate guide". Replaces *t; the metadata titles are tried in the order
 * of cands, each without the outlet's name. */
static void metadata_form(char **t, char *const *cands, size_t n,
                          const char *outlet) {
  char *ft = fold_title(*t);
  if (!ft || !ft[0]) {
    free(ft);
    return;
  }
  /* a title that leaves a label out wins over one that only spells the
   * <h1> otherwise: a forum's <h1> "Ferries Which one takes bicycles" is
   * "Ferries - Which one takes bicycles" in og:title and "Which one takes
   * bicycles" in twitter:title */
  int done = 0;
  for (int label = 1; label >= 0 && !done; label--)
    for (size_t i = 0; i < n && !done; i++) {
      if (!cands[i] || strlen(cands[i]) > MAX_META_VALUE)
        continue;
      char *c = cw_strdup(cands[i]);
      if (!c)
        break;
      decode_refs(c);
      clean_title(c);
      strip_site_suffix(c, outlet);
      char *fc = fold_title(c);
      size_t lc = fc ? strlen(fc) : 0, lt = strlen(ft);
      int same = 0;
      if (!label)
        same = fc && !strcmp(fc, ft) && strcmp(c, *t) != 0 &&
               !ascii_dashes(*t, c);
      /* or the <h1> is that title after a label or date of a few words
       * ("Thread: ...", "Dec 18 2025 ...") */
      else if (fc && count_words(c) >= 3 && lc < lt &&
               !strcmp(ft + lt - lc, fc) &&
               count_words(*t) <= count_words(c) + MAX_H1_LABEL_WORDS)
        same = 1;
      free(fc);
      if (same) {
        free(*t);
        *t = c;
        done = 1;
      } else {
        free(c);
      }
    }
  free(ft);
}

/* The day number of an ISO 8601 date ("2025-12-19T02:41:41Z"). */
static int64_t iso_day(const char *iso) {
  return cw_days_from_civil(atoi(iso), atoi(iso + 5), atoi(iso + 8));
}

/* Whether the modification time mod (ISO 8601, as cw_html_norm_date
 * writes it) comes no later than the publication time pub, or is the same
 * clock time with another offset ("2024-07-05T14:20:08Z" and
 * "2024-07-05T14:20:08-04:00"): both are then the time a system wrote the
 * page out, the story's date left to the page. */
static int one_stamp(const char *mod, const char *pub) {
  int64_t em, ep;
  int tm, tp;
  if (!strncmp(mod, pub, 19))
    return 1;
  return cw_parse_iso8601(mod, strlen(mod), &em, &tm) &&
         cw_parse_iso8601(pub, strlen(pub), &ep, &tp) && em <= ep;
}

/* Whether the date s as a page writes it has a time of day and no zone:
 * "2026-02-15 03:05:48", "2026-02-15T03:05:48.120", not
 * "2026-02-15T03:05:48Z" nor "...+01:00" nor a day alone. */
static int naive_time(const char *s) {
  size_t n = strlen(s);
  if (n < 16 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
    return 0;
  for (size_t i = 16; i < n; i++)
    if (s[i] == 'Z' || s[i] == 'z' || s[i] == '+' || s[i] == '-' ||
        (s[i] | 32) == 'g' || (s[i] | 32) == 'u')
      return 0;
  return 1;
}

/* The other reading of a day written in numbers that may be read two
 * ways ("02-12-2025": February 12 or 2 December): the day number of the
 * one that is not iso's, or -1 when s is no such date. */
static int64_t other_reading(const char *s, const char *iso) {
  size_t i = 0, n = strlen(s);
  int a = read_num(s, n, &i, 2);
  if (a < 1 || a > 12 || i >= n || (s[i] != '-' && s[i] != '/' && s[i] != '.'))
    return -1;
  char sep = s[i++];
  int b = read_num(s, n, &i, 2);
  if (b < 1 || b > 12 || a == b || i >= n || s[i] != sep)
    return -1;
  i++;
  size_t ys = i;
  int y = read_num(s, n, &i, 4);
  if (i - ys != 4)
    return -1;
  int64_t ab = cw_days_from_civil(y, a, b), ba = cw_days_from_civil(y, b, a);
  int64_t d = iso_day(iso);
  return d == ab ? ba : d == ba ? ab : -1;
}

/* Whether the page shows the day of iso: its first date-classed or plain
 * date is that day. */
static int shown_day(const meta_scan *ms, const char *iso) {
  char shown[32];
  for (int k = D_DOM; k <= D_TEXT; k++)
    if (ms->date[k] && cw_html_norm_date(ms->date[k], shown) &&
        iso_day(shown) == iso_day(iso))
      return 1;
  return 0;
}

/* The publication date, malloc'd ISO 8601, or NULL: a line saying when
 * the story was originally published, else marked-up dates, then one in
 * the URL, then dates only shown. A day in numbers that reads two ways
 * takes the reading a <time> of the page writes year first. The JSON-LD's
 * date gives way to a <meta>'s other day that the page shows. A marked-up
 * date gives way to the date the page shows (its first, date-classed or
 * plain) when that is earlier and the modification time is no later than
 * the publication time (one_stamp), when the page's line says "Published"
 * and a day two days or more away, or when the marked-up time has no zone
 * and the shown day is one day away. A time in UTC one day away from the
 * URL's date gives way to the URL's day, the publisher's own
 * ("/2025/12/18/" for 2025-12-19T02:41:41Z). */
static char *published_of(const meta_scan *ms, const char *url) {
  if (ms->orig)
    return cw_strdup(ms->orig);
  char iso[32];
  int src = -1;
  for (int i = 0; i < D_N && src < 0; i++) {
    int k = i;
    if (ms->text_first && (i == D_DOM || i == D_TEXT))
      k = i == D_DOM ? D_TEXT : D_DOM;
    if (i == D_DOM && url_date(url, iso))
      src = D_N;
    else if (ms->date[k] && cw_html_norm_date(ms->date[k], iso))
      src = k;
  }
  if (src < 0)
    return NULL;
  /* a day in numbers that reads two ways is read the way a <time> of the
   * page writes it year first (the story's entry in a list of posts) */
  int64_t other = src < D_N ? other_reading(ms->date[src], iso) : -1;
  for (size_t i = 0; other >= 0 && i < ms->n_time_days; i++)
    if (ms->time_days[i] == other) {
      cw_format_iso8601(other * 86400, 0, iso);
      break;
    }
  char meta[32];
  if (src == D_LD && ms->date[D_META] &&
      cw_html_norm_date(ms->date[D_META], meta) &&
      iso_day(meta) != iso_day(iso) && shown_day(ms, meta)) {
    /* the <meta> and the JSON-LD disagree, and the page shows the
     * <meta>'s day: the JSON-LD is the stale one */
    memcpy(iso, meta, sizeof iso);
    src = D_META;
  }
  if (src == D_LD || src == D_META || src == D_ITEMPROP) {
    int k = ms->text_first ? D_TEXT : D_DOM;
    if (!ms->date[k])
      k = k == D_DOM ? D_TEXT : D_DOM;
    char shown[32], mod[32];
    if (ms->date[k] && cw_html_norm_date(ms->date[k], shown)) {
      int64_t ds = iso_day(shown), dp = iso_day(iso);
      int stamp = ds < dp && ms->date[D_MOD] &&
                  cw_html_norm_date(ms->date[D_MOD], mod) &&
                  one_stamp(mod, iso);
      int said = ms->says_published[k == D_TEXT] && (ds < dp - 1 ||
                                                      ds > dp + 1);
      if (stamp || said) {
        memcpy(iso, shown, sizeof iso);
        src = k;
      }
    }
    /* a time without a zone ("2026-02-15 03:05:48") may be any
     * zone's: a shown day one off is the day the publisher's readers saw */
    if ((src == D_LD || src == D_META || src == D_ITEMPROP) &&
        naive_time(ms->date[src])) {
      int j = ms->date[k] ? k : D_TIME;
      if (ms->date[j] && cw_html_norm_date(ms->date[j], shown)) {
        int64_t d = iso_day(shown) - iso_day(iso);
        if (d == 1 || d == -1) {
          memcpy(iso, shown, sizeof iso);
          src = j;
        }
      }
    }
  }
  char u[32];
  if (src != D_N && strlen(iso) == 20 && iso[19] == 'Z' &&
      url_date(url, u)) {
    int64_t d = iso_day(iso) - iso_day(u);
    if (d == 1 || d == -1)
      memcpy(iso, u, sizeof iso);
  }
  return cw_strdup(iso);
}

cw_status cw_html_meta_read(xmlDoc *doc, const char *origin,
                            cw_html_meta *m) {
  meta_scan ms;
  memset(&ms, 0, sizeof ms);
  ms.ld_rank = 99;
  cw_buf_init(&ms.scratch, 0);
  (void)origin;
  scan(&ms, xmlDocGetRootElement(doc), 0);
  cw_buf_free(&ms.scratch);
  for (int i = 0; i < T_N; i++)
    if (ms.title[i])
      clean_title(ms.title[i]);
  for (size_t j = 0; j < ms.n_h1; j++)
    clean_title(ms.h1[j]);
  memset(m, 0, sizeof *m);
  for (int i = 0; i < O_N && !m->outlet; i++)
    if (ms.outlet[i]) {
      m->outlet = ms.outlet[i];
      ms.outlet[i] = NULL;
    }
  /* og:type "website" declares a page of the site (a home, section,
   * product or service page), not an article: its visible <h1> is a
   * banner's slogan or a short label as often as the page's name, which
   * the metadata title gives, unless the <h1> is words of that title as
   * they stand (headline_h1). Many news systems call every page a
   * website: one that gives a publication date is taken as an article */
  int site_page = ms.og_type && cw_strncaseeq(ms.og_type, "website", 8) &&
                  !ms.date[D_LD] && !ms.date[D_META] && !ms.date[D_ITEMPROP];
  /* an <h1> that is one whole part of a metadata title ("Models" of
   * "Models | Guide | Webframe") is the headline that title dresses; of
   * several, the first in the page, or a later one that is the start of
   * it: "Tips for Kelby" before "Tips for Kelby - Forum" in "Tips for
   * Kelby - Forum - Kelby Guide" */
  char *part_h1 = NULL;
  size_t part_j = 0;
  int part_k = 0;
  for (size_t j = 0; j < ms.n_h1; j++) {
    collapse(ms.h1[j]);
    if (m->outlet && cw_strncaseeq(ms.h1[j], m->outlet, strlen(m->outlet) + 1))
      continue; /* the site's name in a logo <h1> */
    for (int i = 0; i < T_H1; i++)
      if (ms.title[i] && strlen(ms.h1[j]) <= MAX_HEADLINE) {
        collapse(ms.title[i]);
        int k = title_part(ms.title[i], ms.h1[j], NULL, 0);
        size_t hl = strlen(ms.h1[j]);
        if (k && (!part_h1 || (k <= part_k && hl < strlen(part_h1) &&
                               cw_strncaseeq(part_h1, ms.h1[j], hl)))) {
          part_h1 = ms.h1[j];
          part_j = j;
          part_k = k;
        }
      }
  }
  if (part_h1)
    ms.h1[part_j] = NULL;
  /* or, when none is, an <h2> or <h3> of the content that is: a forum
   * shows the thread's name so ("Which ferry takes bicycles / Travel /
   * Kelby Forum") under the site's <h1>. The title's spelling is kept. */
  int sub_part = 0;
  for (size_t j = 0; j < ms.n_sub && !part_h1 && !sub_part; j++) {
    clean_title(ms.sub[j]);
    collapse(ms.sub[j]);
    const char *at = NULL;
    if (m->outlet &&
        cw_strncaseeq(ms.sub[j], m->outlet, strlen(m->outlet) + 1))
      continue; /* the site's name */
    if (strlen(ms.sub[j]) > MAX_HEADLINE ||
        count_words(ms.sub[j]) < MIN_SUB_WORDS)
      continue;
    for (int i = 0; i < T_H1 && !sub_part; i++)
      if (ms.title[i]) {
        collapse(ms.title[i]);
        /* the last part is where the site's name goes: a heading there
         * is the headline only when it is no shorter than what comes
         * before ("Forum • View topic - Winter timetable for the ferry",
         * not "Storm closes the ferry route | The Kelby Gazette") */
        if (title_part(ms.title[i], ms.sub[j], &at, 1) &&
            (at[strlen(ms.sub[j])] ||
             lettered_words(ms.title[i], (size_t)(at - ms.title[i])) <=
                 count_words(ms.sub[j]))) {
          sub_part = 1;
          part_h1 = cw_strndup(at, strlen(ms.sub[j]));
        }
      }
  }
  int title_src = -1;
  for (int i = 0; i < T_N && !m->title; i++)
    if (ms.title[i]) {
      title_src = i;
      /* a copy: the source stays a candidate for metadata_form */
      m->title = i == T_H1 ? ms.title[i] : cw_strdup(ms.title[i]);
      if (i == T_H1)
        ms.title[i] = NULL;
      if (!m->title)
        break;
      collapse(m->title);
      if (i != T_H1)
        strip_site_suffix(m->title, m->outlet);
      /* a title that only names the site gives way to a later source */
      int later = 0;
      for (int k = i + 1; k < T_N; k++)
        later |= ms.title[k] != NULL;
      if (!m->title[0] || (later && empty_lead(m->title))) {
        free(m->title);
        m->title = NULL;
      }
    }
  int from_h1 = title_src == T_H1;
  /* a <title> of a word or two ("Tramway museum") names the section, not
   * the story, when the page's <h1> is a headline */
  if (m->title && title_src == T_TITLE && ms.title[T_H1] &&
      count_words(m->title) < 4 && count_words(ms.title[T_H1]) >= 4 &&
      strlen(ms.title[T_H1]) <= MAX_META_VALUE) {
    free(m->title);
    m->title = ms.title[T_H1];
    ms.title[T_H1] = NULL;
    collapse(m->title);
    from_h1 = 1;
  }
  /* an <h1> that is the title's last part names the site (a logo) */
  if (m->title && title_src != T_H1 && !part_h1) {
    if (ms.logo)
      collapse(ms.logo);
    /* the logo names the site too; a title that would be left with a
     * word ("About - Kelby Gazette") stays whole */
    int cut = ms.logo && cut_title_tail(m->title, ms.logo, 1);
    for (size_t j = 0; j < ms.n_h1 && !cut; j++)
      if (ms.h1[j] && cut_title_tail(m->title, ms.h1[j], ms.n_h1 == 1)) {
        free(ms.h1[j]);
        ms.h1[j] = NULL;
        break;
      }
  }
  if (part_h1) {
    free(m->title);
    m->title = part_h1;
    from_h1 = 1;
  } else if (m->title && title_src != T_H1) {
    char *h = headline_h1(&ms, m->title, site_page);
    for (size_t j = 0; j < ms.n_h1 && !h; j++)
      if (ms.h1[j] && newer_year(ms.h1[j], m->title)) {
        h = ms.h1[j];
        ms.h1[j] = NULL;
      }
    if (h) {
      free(m->title);
      m->title = h;
      from_h1 = 1;
    }
  }
  if (m->title) {
    decode_refs(m->title);
    clean_title(m->title);
    cut_at_bar(m->title);
    char *const cands[] = {ms.title[T_OG],    ms.title[T_TWITTER],
                           ms.title[T_TITLE], ms.title[T_LD],
                           ms.title[T_DC],    ms.title[T_META]};
    if (from_h1)
      metadata_form(&m->title, cands, sizeof cands / sizeof *cands,
                    m->outlet);
    cut_outlet_tail(m->title, m->outlet);
  }
  if (m->outlet)
    decode_refs(m->outlet);
  for (int i = 0; i < B_N && !m->byline; i++)
    if (ms.byline[i]) {
      m->byline = ms.byline[i];
      ms.byline[i] = NULL;
      collapse(m->byline);
    }
  for (int i = 0; i < U_N && !m->url; i++)
    if (ms.url[i]) {
      m->url = ms.url[i];
      ms.url[i] = NULL;
    }
  m->published = published_of(&ms, m->url);
  m->lang = ms.lang;
  m->description = ms.description;
  if (m->description) {
    collapse(m->description);
    /* a reference escaped twice ("&amp;hellip;") is the page's error */
    decode_refs(m->description);
  }
  free(ms.og_type);
  free(ms.logo);
  m->ld_body = ms.ld_body;
  for (int i = 0; i < T_N; i++)
    free(ms.title[i]);
  for (size_t i = 0; i < ms.n_h1; i++)
    free(ms.h1[i]);
  for (size_t i = 0; i < ms.n_sub; i++)
    free(ms.sub[i]);
  for (int i = 0; i < B_N; i++)
    free(ms.byline[i]);
  for (int i = 0; i < D_N; i++)
    free(ms.date[i]);
  free(ms.orig);
  for (int i = 0; i < U_N; i++)
    free(ms.url[i]);
  for (int i = 0; i < O_N; i++)
    free(ms.outlet[i]);
  return CW_OK;
}

void cw_html_meta_free(cw_html_meta *m) {
  free(m->title);
  free(m->outlet);
  free(m->url);
  free(m->published);
  free(m->byline);
  free(m->lang);
  free(m->ld_body);
  free(m->description);
  memset(m, 0, sizeof *m);
}
