/* textpage.c - the articles of a plain-text news page.
 *
 * Pages crawled as plain text keep the shape of the web page they came
 * from: an optional " date YYYY-MM-DD" header, a headline, a standfirst
 * ending in a photo credit, a dateline ("WASHINGTON – ", "Moscow: "), the
 * body one paragraph per line or in blank-line separated paragraphs, an
 * agency sign-off ("... Mr Musk. NYTIMES"), then site chrome (calls to
 * action, widget headings) and, on aggregator pages, a "Related Articles"
 * block whose entries each carry a whole article: outlet, age ("39 minutes
 * ago"), "- outlet", title, and the body on one line that often opens with a
 * photo caption. This reader recognises those parts by their shape and
 * position, never by one site's wording, so that other outlets' pages work
 * too; anything it cannot place stays in the body rather than being lost.
 *
 * The page is split once into trimmed non-blank lines; every later step
 * looks at a bounded window of each line or paragraph (or walks it once),
 * so the reader runs in time linear in its input. Article strings are
 * slices of the input until they are copied into the list's arena.
 */
#include "extract/extract.h"

#include "core/time.h"

#include <string.h>

/* ---- limits -------------------------------------------------------------
 *
 * A news page has hundreds of lines; the line index costs 32 bytes a line,
 * so a hostile input of millions of tiny lines is cut here (with a
 * warning) instead of growing the index without bound. */
#define TP_MAX_LINES ((size_t)1 << 20)
/* A headline longer than this is a paragraph (real headlines stay under
 * ~120 bytes; the margin covers long non-Latin headlines). */
#define TP_HEADLINE_MAX 160
/* A title derived from the first sentence is cut to this many bytes at a
 * word boundary; with the "…" it stays within 100 characters. */
#define TP_TITLE_CUT 99
/* The title line of a related entry; longer lines are the body. */
#define TP_ENTRY_TITLE_MAX 300
/* Outlet and "- outlet" lines of a related entry: short names. */
#define TP_META_MAX 80
#define TP_META_WORDS 8
/* Calls to action and widget labels are short; a longer line is content. */
#define TP_CHROME_MAX 200
/* A photo caption ahead of its credit: longer text is not dropped. */
#define TP_CAPTION_MAX 400
/* A dateline place ("WASHINGTON, D.C.", "Rio de Janeiro"). */
#define TP_DATELINE_MAX 50
#define TP_DATELINE_WORDS 5
/* An agency sign-off ("NYTIMES", "REUTERS, AFP"). */
#define TP_SIGNOFF_MAX 32
/* Lines after the headline searched for a byline or a date line, and the
 * paragraphs searched for a dateline: both sit at the very top. */
#define TP_TOP_LINES 3
#define TP_DATELINE_PARAS 3
/* Hard-wrapped text: every line of a block but the last is between these
 * lengths and within TP_WRAP_SPREAD bytes of the others, and at least
 * half of them stop mid-sentence (a page with one paragraph per line ends
 * its lines with a full stop). */
#define TP_WRAP_MIN 50
#define TP_WRAP_MAX 100
#define TP_WRAP_SPREAD 30
/* Largest count in "N units ago" (about 270 years of days). */
#define TP_AGE_COUNT_MAX 100000
/* Tokens looked at after "PHOTO:". */
#define TP_CREDIT_TOKENS 8

/* ---- types --------------------------------------------------------------- */

typedef struct tp_slice {
  const char *s;
  size_t n;
} tp_slice;

typedef struct tp_line {
  const char *s; /* trimmed, never empty */
  size_t n;
  size_t lineno;    /* 1-based line number in the page, for messages */
  int blank_before; /* a blank line (or the page start) precedes it */
  int drop;         /* chrome or metadata: not body */
} tp_line;

typedef struct tp_article {
  tp_slice title, byline, dateline, outlet;
  char published[32]; /* "" when unknown */
  cw_vec paras;       /* tp_slice */
  cw_vec credits;     /* tp_slice */
} tp_article;

typedef struct tp_page {
  const char *origin;
  const char *origin_copy; /* in the list's arena, or NULL */
  cw_articles *out;
  cw_arena *scratch; /* joined paragraphs, derived titles */
  tp_line *lines;
  size_t nlines;
  /* base time for relative ages: the page date, else the crawl time */
  int has_base, base_has_time;
  int64_t base;
} tp_page;

enum { AGE_NONE, AGE_FINE, AGE_DAYS, AGE_VAGUE, AGE_ABS };

typedef struct tp_age {
  int kind;
  int64_t secs;  /* AGE_FINE */
  int64_t days;  /* AGE_DAYS */
  int64_t epoch; /* AGE_ABS */
  int has_time;  /* AGE_ABS */
} tp_age;

/* ---- characters ---------------------------------------------------------- */

static int is_up(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_lo(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_dig(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_alpha(unsigned char c) { return is_up(c) || is_lo(c); }

/* Length of the white-space character at s: ASCII white space and the
 * Unicode spaces pages carry (no-break, en/em/thin spaces, zero width,
 * narrow no-break, ideographic, BOM); 0 when there is none. */
static size_t space_at(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  if (n == 0)
    return 0;
  if (cw_is_space(u[0]))
    return 1;
  if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
    return 2;
  if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
      ((u[2] >= 0x80 && u[2] <= 0x8B) || u[2] == 0xAF))
    return 3;
  if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F)
    return 3;
  if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
    return 3;
  if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    return 3;
  return 0;
}

/* Same, for a character ending at s + n. */
static size_t space_before(const char *s, size_t n) {
  if (n == 0)
    return 0;
  if (cw_is_space((unsigned char)s[n - 1]))
    return 1;
  if (n >= 2 && space_at(s + n - 2, 2) == 2)
    return 2;
  if (n >= 3 && space_at(s + n - 3, 3) == 3)
    return 3;
  return 0;
}

static void trim(tp_slice *x) {
  size_t k;
  while ((k = space_at(x->s, x->n)) != 0) {
    x->s += k;
    x->n -= k;
  }
  while ((k = space_before(x->s, x->n)) != 0)
    x->n -= k;
}

static tp_slice slice(const char *s, size_t n) {
  tp_slice x = {s, n};
  trim(&x);
  return x;
}

/* Length of a dash at s: hyphen-minus, figure/en/em dash, horizontal bar,
 * minus sign; 0 when there is none. */
static size_t dash_at(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  if (n >= 1 && u[0] == '-')
    return 1;
  if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x92 && u[2] <= 0x95)
    return 3;
  if (n >= 3 && u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92)
    return 3;
  return 0;
}

/* A closing quote or bracket ending at s + n: ' " ) ’ ” (its length). */
static size_t closer_before(const char *s, size_t n) {
  if (n >= 1 && (s[n - 1] == '\'' || s[n - 1] == '"' || s[n - 1] == ')'))
    return 1;
  if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
      (unsigned char)s[n - 2] == 0x80 &&
      ((unsigned char)s[n - 1] == 0x99 || (unsigned char)s[n - 1] == 0x9D))
    return 3;
  return 0;
}

/* Whether s[0, n) ends like a sentence: . ! ? …, maybe inside quotes. */
static int ends_sentence(const char *s, size_t n) {
  size_t k;
  while ((k = closer_before(s, n)) != 0)
    n -= k;
  if (n >= 1 && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?'))
    return 1;
  return n >= 3 && memcmp(s + n - 3, "\xE2\x80\xA6", 3) == 0;
}

/* A letter, digit or opening quote that can start a sentence. */
static int starts_sentence(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  if (n == 0)
    return 0;
  if (is_up(u[0]) || is_dig(u[0]) || u[0] == '"' || u[0] == '\'')
    return 1;
  /* a non-ASCII letter, or a curly quote ‘ “ */
  if (u[0] >= 0xC3 && u[0] != 0xE2)
    return 1;
  return n >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
         (u[2] == 0x98 || u[2] == 0x9C);
}

static int ieq(const char *s, size_t n, const char *lit) {
  size_t k = strlen(lit);
  return n == k && cw_strncaseeq(s, lit, k);
}

static int iprefix(const char *s, size_t n, const char *lit) {
  size_t k = strlen(lit);
  return n >= k && cw_strncaseeq(s, lit, k);
}

static int in_list(const char *s, size_t n, const char *const *list) {
  for (; *list; list++)
    if (ieq(s, n, *list))
      return 1;
  return 0;
}

/* Next white-space separated word of s[*pos, n). */
static int next_word(const char *s, size_t n, size_t *pos, tp_slice *w) {
  size_t i = *pos, k;
  while (i < n && (k = space_at(s + i, n - i)) != 0)
    i += k;
  if (i >= n) {
    *pos = n;
    return 0;
  }
  size_t st = i;
  while (i < n && !space_at(s + i, n - i))
    i++;
  w->s = s + st;
  w->n = i - st;
  *pos = i;
  return 1;
}

/* Next run of ASCII letters in s[*pos, n): keyword matching. */
static int next_alpha(const char *s, size_t n, size_t *pos, tp_slice *w) {
  size_t i = *pos;
  while (i < n && !is_alpha((unsigned char)s[i]))
    i++;
  if (i >= n) {
    *pos = n;
    return 0;
  }
  size_t st = i;
  while (i < n && is_alpha((unsigned char)s[i]))
    i++;
  w->s = s + st;
  w->n = i - st;
  *pos = i;
  return 1;
}

static int has_lower(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (is_lo((unsigned char)s[i]))
      return 1;
  return 0;
}

static size_t count_upper(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++)
    c += is_up((unsigned char)s[i]);
  return c;
}

/* Content: an ASCII letter or digit, or a non-ASCII letter (lead bytes from
 * U+00C0 on, but not the punctuation and symbol block of U+2000). */
static int has_content(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (is_alpha(c) || is_dig(c) || (c >= 0xC3 && c != 0xE2 && c < 0xF8))
      return 1;
  }
  return 0;
}

/* The line as a label: trimmed, without trailing . : ! | > … */
static tp_slice label_of(const char *s, size_t n) {
  tp_slice x = slice(s, n);
  for (;;) {
    size_t k;
    if (x.n && strchr(".:!|>", x.s[x.n - 1]) && x.s[x.n - 1] != '\0') {
      x.n--;
    } else if (x.n >= 3 && memcmp(x.s + x.n - 3, "\xE2\x80\xA6", 3) == 0) {
      x.n -= 3;
    } else if ((k = space_before(x.s, x.n)) != 0) {
      x.n -= k;
    } else {
      break;
    }
  }
  return x;
}

/* ---- chrome --------------------------------------------------------------
 *
 * Site chrome comes in three shapes: widget labels ("Comments",
 * "Advertisement", "Share this article"), calls to action (an imperative
 * verb and a channel: "Join ST's Telegram channel ...", "Follow HL on
 * WhatsApp ...", "Sign up for our newsletter"), and, in the block after the
 * article's last paragraph, short title-case widget lines ("Try Our AI
 * Features") and prompts ending in ":" or "...". Labels and strong calls to
 * action are removed anywhere; the weaker shapes only in that tail block,
 * so a short subheading inside the body ("Meltdown") stays. */

/* clang-format off */
static const char *const widget_labels[] = {
    "advertisement", "advertisements", "advert", "ad", "ads", "sponsored",
    "sponsored content", "paid content", "promoted", "promoted content",
    "comments", "comment", "no comments", "no comments yet",
    "be the first to comment", "leave a comment", "add a comment",
    "post a comment", "show comments", "view comments", "load comments",
    "join the conversation", "share", "share this", "share this article",
    "share this story", "share article", "share story", "share on facebook",
    "share on twitter", "share on x", "share on whatsapp", "share via email",
    "tweet", "email", "print", "copy link", "link copied", "bookmark",
    "most read", "most popular", "most viewed", "trending", "trending now",
    "top stories", "latest news", "latest stories", "editor's picks",
    "recommended for you", "you may also like", "you might also like",
    "skip to content", "skip to main content", "skip to navigation", "menu",
    "sign in", "log in", "login", "subscribe", "subscribe now", "newsletter",
    "newsletters", "follow us", "back to top", "continue reading",
    "read more", "read next", "read full article", "read the full story",
    "also read", "see also", "load more", "show more", "see more",
    "click here", "loading", "listen to this article", "listen to article",
    "story continues below advertisement",
    "article continues below advertisement", "story continues below",
    "article continues below", "scroll to continue",
    "scroll to continue with content", "advertisement - scroll to continue",
    "cookie settings", "accept cookies", "privacy policy", "terms of use",
    "terms of service", "contact us", "about us", "all rights reserved",
    NULL};
/* clang-format on */

/* clang-format off */
static const char *const widget_prefixes[] = {
    "copyright ", "\xC2\xA9", "(c) ", "all rights reserved", "read more:",
    "also read:", "read also:", "see also:", "related:", "tags:", "topics:",
    "sponsored:", "advertisement:", "story continues below",
    "article continues below", "click here to ", NULL};
/* clang-format on */

static int is_widget(const char *s, size_t n) {
  if (n > TP_CHROME_MAX)
    return 0;
  tp_slice x = label_of(s, n);
  if (in_list(x.s, x.n, widget_labels))
    return 1;
  for (const char *const *p = widget_prefixes; *p; p++)
    if (iprefix(s, n, *p))
      return 1;
  return 0;
}

/* clang-format off */
static const char *const cta_verbs[] = {
    "join",  "subscribe", "sign",     "follow", "download", "try",
    "explore", "share",   "read",     "get",    "click",    "tap",
    "install", "register", "stay",    "never",  "don",      "dont",
    "like",  "watch",     "listen",   "discover", "check",  "visit",
    "support", "become",  "enable",   "turn",   "want",     "receive",
    "keep",  "catch",     "tune",     "add",    "see",      NULL};
/* clang-format on */

/* Channels a call to action sends readers to: enough anywhere. */
/* clang-format off */
static const char *const cta_strong[] = {
    "telegram", "whatsapp", "newsletter", "newsletters", "podcast",
    "podcasts", "youtube", "instagram", "facebook", "tiktok", "linkedin",
    "twitter", "channel", "channels", "subscribe", "subscription", "inbox",
    "signal", "viber", NULL};
/* clang-format on */

/* Weaker cues: only in the chrome block after the article body. */
/* clang-format off */
static const char *const cta_weak[] = {
    "app", "apps", "updates", "you", "your", "our", "us", "here", "features",
    "alerts", "notifications", "free", "now", "today", "more", NULL};
/* clang-format on */

/* A call to action: a line that opens with an imperative verb and names a
 * channel ("Join ... Telegram channel"); at_tail also accepts the weaker
 * cues and prompts ending in ":". */
static int is_cta(const char *s, size_t n, int at_tail) {
  size_t pos = 0;
  tp_slice w, prev = {NULL, 0};
  if (n == 0 || n > TP_CHROME_MAX)
    return 0;
  if (!next_alpha(s, n, &pos, &w) || (size_t)(w.s - s) > 4 ||
      !in_list(w.s, w.n, cta_verbs))
    return 0;
  /* a whole word: "Follow-up talks" is no call to action */
  if (pos < n && s[pos] != ' ' && s[pos] != '\'' &&
      (unsigned char)s[pos] != 0xE2)
    return 0;
  if (ieq(w.s, w.n, "sign")) {
    tp_slice w2;
    size_t p2 = pos;
    if (!next_alpha(s, n, &p2, &w2) ||
        !(ieq(w2.s, w2.n, "up") || ieq(w2.s, w2.n, "in")))
      return 0;
    return 1; /* "Sign up ...", "Sign in ..." */
  }
  int weak = 0;
  prev = w;
  while (next_alpha(s, n, &pos, &w)) {
    if (in_list(w.s, w.n, cta_strong))
      return 1;
    if (ieq(w.s, w.n, "news") && prev.n && ieq(prev.s, prev.n, "google"))
      return 1;
    if (in_list(w.s, w.n, cta_weak))
      weak = 1;
    prev = w;
  }
  if (!at_tail)
    return 0;
  tp_slice x = slice(s, n);
  return weak || (x.n && x.s[x.n - 1] == ':');
}

/* clang-format off */
static const char *const small_words[] = {
    "a",  "an", "the", "of", "to", "for", "and", "or", "in", "on",
    "at", "by", "with", "from", "vs", "de", "la", "is", "yet", NULL};
/* clang-format on */

/* A short line in title case with no final stop: "Try Our AI Features",
 * "Comments". */
static int is_titlecase_short(const char *s, size_t n) {
  size_t pos = 0, words = 0, capital = 0;
  tp_slice w;
  if (n == 0 || n > 60 || strchr(".,;", s[n - 1]))
    return 0;
  while (next_word(s, n, &pos, &w)) {
    unsigned char c = (unsigned char)w.s[0];
    if (++words > 8)
      return 0;
    if (is_up(c))
      capital++;
    else if (is_lo(c) && !in_list(w.s, w.n, small_words))
      return 0;
  }
  return capital > 0;
}

/* "No comments yet...", "Loading…": a short prompt trailing off. */
static int is_short_ellipsis(const char *s, size_t n) {
  if (n == 0 || n > 40)
    return 0;
  return (n >= 3 && memcmp(s + n - 3, "...", 3) == 0) ||
         (n >= 3 && memcmp(s + n - 3, "\xE2\x80\xA6", 3) == 0);
}

/* A line that is an agency sign-off alone: "NYTIMES", "REUTERS, AFP". */
static int is_signoff_line(const char *s, size_t n) {
  size_t pos = 0, tokens = 0;
  tp_slice w;
  if (n == 0 || n > TP_SIGNOFF_MAX)
    return 0;
  while (next_word(s, n, &pos, &w)) {
    if (++tokens > 3)
      return 0;
    for (size_t i = 0; i < w.n; i++) {
      char c = w.s[i];
      if (!(is_up((unsigned char)c) || c == '/' || c == '&' || c == '-' ||
            (c == ',' && i + 1 == w.n)))
        return 0;
    }
    if (count_upper(w.s, w.n) < 2)
      return 0;
  }
  return tokens > 0;
}

/* ---- related articles ----------------------------------------------------
 *
 * The block that lists other articles: a heading ("Related Articles",
 * "Related", "More from X", "Read more"), then entries shaped
 *   outlet / age / "- outlet" / title / body
 * in which any of outlet, age and "- outlet" may be missing. */

/* clang-format off */
static const char *const related_strong[] = {
    "related articles", "related stories", "related news", "related content",
    "related posts", "related coverage", "related reading", "related links",
    "more stories", "more news", "you may also like", "you might also like",
    "recommended", "recommended for you", "recommended stories",
    "recommended articles", "more on this story", "more on this topic",
    "read more stories", NULL};
/* clang-format on */

/* clang-format off */
static const char *const related_weak[] = {
    "related", "read more", "read next", "also read", "see also", "more",
    NULL};
/* clang-format on */

/* 2 = a heading that ends the article; 1 = one that does only when
 * entries follow; 0 = none. */
static int related_heading(const char *s, size_t n) {
  if (n > 60)
    return 0;
  tp_slice x = label_of(s, n);
  if (in_list(x.s, x.n, related_strong))
    return 2;
  if (in_list(x.s, x.n, related_weak))
    return 1;
  if ((iprefix(x.s, x.n, "more from ") || iprefix(x.s, x.n, "more in ") ||
       iprefix(x.s, x.n, "more on ")) &&
      x.n > 8)
    return 1;
  return 0;
}

/* clang-format off */
static const char *const months[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december",
    NULL};
/* clang-format on */

/* 1..12 for a month name or its abbreviation ("Jun", "Sept"), else 0. */
static int month_of(const char *s, size_t n) {
  for (int m = 0; months[m]; m++) {
    size_t full = strlen(months[m]);
    if (ieq(s, n, months[m]))
      return m + 1;
    if (n == 3 && full >= 3 && cw_strncaseeq(s, months[m], 3))
      return m + 1;
    if (m == 8 && ieq(s, n, "sept"))
      return 9;
  }
  return 0;
}

static int small_int(const char *s, size_t n, int64_t *v) {
  int64_t x = 0;
  if (n == 0 || n > 6)
    return 0;
  for (size_t i = 0; i < n; i++) {
    if (!is_dig((unsigned char)s[i]))
      return 0;
    x = x * 10 + (s[i] - '0');
  }
  *v = x;
  return 1;
}

/* "2025-06-05", "June 5, 2025", "Jun. 5 2025", "5 June 2025", maybe after
 * a weekday ("Friday, June 6, 2025"). */
static int parse_abs_date(const char *s, size_t n, tp_age *age) {
  int64_t epoch;
  int has_time;
  size_t k = cw_parse_iso8601(s, n, &epoch, &has_time);
  if (k) {
    tp_slice rest = slice(s + k, n - k);
    if (rest.n)
      return 0;
    age->kind = AGE_ABS;
    age->epoch = epoch;
    age->has_time = has_time;
    return 1;
  }
  /* words split at spaces, commas and periods */
  tp_slice w[5];
  size_t nw = 0, i = 0;
  while (i < n) {
    while (i < n && (s[i] == ' ' || s[i] == ',' || s[i] == '.'))
      i++;
    if (i >= n)
      break;
    size_t st = i;
    while (i < n && s[i] != ' ' && s[i] != ',' && s[i] != '.')
      i++;
    if (nw == 5)
      return 0;
    w[nw].s = s + st;
    w[nw].n = i - st;
    nw++;
  }
  size_t f = 0;
  if (nw == 4) /* a weekday first */
    f = 1;
  if (nw - f != 3)
    return 0;
  int64_t d, y;
  int m = month_of(w[f].s, w[f].n); /* June 5 2025 */
  if (!m || !small_int(w[f + 1].s, w[f + 1].n, &d)) {
    m = month_of(w[f + 1].s, w[f + 1].n); /* 5 June 2025 */
    if (!m || !small_int(w[f].s, w[f].n, &d))
      return 0;
  }
  if (!small_int(w[f + 2].s, w[f + 2].n, &y) || y < 1900 || y > 2200 || d < 1 ||
      d > 31)
    return 0;
  char iso[16];
  iso[0] = (char)('0' + y / 1000);
  iso[1] = (char)('0' + y / 100 % 10);
  iso[2] = (char)('0' + y / 10 % 10);
  iso[3] = (char)('0' + y % 10);
  iso[4] = '-';
  iso[5] = (char)('0' + m / 10);
  iso[6] = (char)('0' + m % 10);
  iso[7] = '-';
  iso[8] = (char)('0' + d / 10);
  iso[9] = (char)('0' + d % 10);
  /* cw_parse_iso8601 checks the day against the month */
  if (cw_parse_iso8601(iso, 10, &epoch, &has_time) != 10)
    return 0;
  age->kind = AGE_ABS;
  age->epoch = epoch;
  age->has_time = 0;
  return 1;
}

/* clang-format off */
static const struct {
  const char *name;
  int kind;
  int64_t mult; /* seconds (AGE_FINE) or days (AGE_DAYS) */
} age_units[] = {
    {"s", AGE_FINE, 1},         {"sec", AGE_FINE, 1},
    {"secs", AGE_FINE, 1},      {"second", AGE_FINE, 1},
    {"seconds", AGE_FINE, 1},   {"m", AGE_FINE, 60},
    {"min", AGE_FINE, 60},      {"mins", AGE_FINE, 60},
    {"minute", AGE_FINE, 60},   {"minutes", AGE_FINE, 60},
    {"h", AGE_FINE, 3600},      {"hr", AGE_FINE, 3600},
    {"hrs", AGE_FINE, 3600},    {"hour", AGE_FINE, 3600},
    {"hours", AGE_FINE, 3600},  {"d", AGE_DAYS, 1},
    {"day", AGE_DAYS, 1},       {"days", AGE_DAYS, 1},
    {"w", AGE_DAYS, 7},         {"wk", AGE_DAYS, 7},
    {"wks", AGE_DAYS, 7},       {"week", AGE_DAYS, 7},
    {"weeks", AGE_DAYS, 7},     {"mo", AGE_VAGUE, 0},
    {"mos", AGE_VAGUE, 0},      {"month", AGE_VAGUE, 0},
    {"months", AGE_VAGUE, 0},   {"y", AGE_VAGUE, 0},
    {"yr", AGE_VAGUE, 0},       {"yrs", AGE_VAGUE, 0},
    {"year", AGE_VAGUE, 0},     {"years", AGE_VAGUE, 0},
};
/* clang-format on */

/* An age or date line: "39 minutes ago", "an hour ago", "yesterday",
 * "3d ago", "Updated 2 hours ago", "June 5, 2025", "2025-06-05". */
static int parse_age(const char *s, size_t n, tp_age *age) {
  static const char *const lead[] = {"updated", "published", "posted", NULL};
  tp_slice x = label_of(s, n);
  memset(age, 0, sizeof *age);
  if (x.n == 0 || x.n > 40)
    return 0;
  for (const char *const *p = lead; *p; p++) {
    size_t k = strlen(*p);
    if (iprefix(x.s, x.n, *p) && x.n > k && (x.s[k] == ' ' || x.s[k] == ':')) {
      x = slice(x.s + k + 1, x.n - k - 1);
      break;
    }
  }
  if (ieq(x.s, x.n, "just now") || ieq(x.s, x.n, "now") ||
      ieq(x.s, x.n, "moments ago") || ieq(x.s, x.n, "a moment ago")) {
    age->kind = AGE_FINE;
    return 1;
  }
  if (ieq(x.s, x.n, "today") || ieq(x.s, x.n, "yesterday")) {
    age->kind = AGE_DAYS;
    age->days = ieq(x.s, x.n, "yesterday");
    return 1;
  }
  if (parse_abs_date(x.s, x.n, age))
    return 1;
  /* count, unit, "ago" */
  size_t i = 0;
  int64_t count = 0;
  if (i < x.n && is_dig((unsigned char)x.s[i])) {
    while (i < x.n && is_dig((unsigned char)x.s[i])) {
      count = count * 10 + (x.s[i] - '0');
      if (count > TP_AGE_COUNT_MAX)
        return 0;
      i++;
    }
  } else {
    size_t pos = 0;
    tp_slice w;
    if (!next_word(x.s, x.n, &pos, &w) ||
        !(ieq(w.s, w.n, "a") || ieq(w.s, w.n, "an") || ieq(w.s, w.n, "one")))
      return 0;
    count = 1;
    i = pos;
  }
  while (i < x.n && x.s[i] == ' ')
    i++;
  size_t us = i;
  while (i < x.n && is_alpha((unsigned char)x.s[i]))
    i++;
  size_t un = i - us;
  tp_slice rest = slice(x.s + i, x.n - i);
  if (un == 0 || !ieq(rest.s, rest.n, "ago"))
    return 0;
  for (size_t u = 0; u < sizeof age_units / sizeof age_units[0]; u++) {
    if (!ieq(x.s + us, un, age_units[u].name))
      continue;
    age->kind = age_units[u].kind;
    if (age->kind == AGE_FINE)
      age->secs = count * age_units[u].mult;
    else if (age->kind == AGE_DAYS)
      age->days = count * age_units[u].mult;
    return 1;
  }
  return 0;
}

static int is_age_line(const tp_line *l) {
  tp_age age;
  return parse_age(l->s, l->n, &age);
}

/* "- Straits Times": a dash, then a short outlet name. */
static int dash_outlet(const tp_line *l, tp_slice *outlet) {
  size_t k = dash_at(l->s, l->n);
  if (!k || l->n > TP_META_MAX + 4 || k >= l->n ||
      !space_at(l->s + k, l->n - k))
    return 0;
  tp_slice x = slice(l->s + k, l->n - k);
  if (!x.n || x.s[x.n - 1] == '.' || !has_content(x.s, x.n))
    return 0;
  if (outlet)
    *outlet = x;
  return 1;
}

/* A short name line (an outlet): no final stop, a few words. */
static int is_meta_short(const tp_line *l) {
  size_t pos = 0, words = 0;
  tp_slice w;
  if (l->n > TP_META_MAX || strchr(".:", l->s[l->n - 1]) ||
      !has_content(l->s, l->n) || dash_at(l->s, l->n))
    return 0;
  while (next_word(l->s, l->n, &pos, &w))
    if (++words > TP_META_WORDS)
      return 0;
  return !is_age_line(l);
}

/* Whether a related entry starts at line i (of the region ending at end):
 * outlet + age, outlet + "- same outlet", or "- outlet" after a blank. */
static int entry_start(const tp_page *pg, size_t i, size_t end) {
  const tp_line *L = pg->lines;
  tp_slice o;
  if (i + 1 >= end)
    return 0;
  if (is_meta_short(&L[i])) {
    if (is_age_line(&L[i + 1]))
      return 1;
    if (dash_outlet(&L[i + 1], &o) && o.n == L[i].n &&
        cw_strncaseeq(o.s, L[i].s, o.n))
      return 1;
    return 0;
  }
  return L[i].blank_before && dash_outlet(&L[i], NULL);
}

/* ---- metadata at the top --------------------------------------------------
 */

/* " date 2025-06-06 ...": returns the bytes of the header (with the
 * spaces after it), 0 when the line has none. */
static size_t date_header(const char *s, size_t n, int64_t *epoch,
                          int *has_time) {
  size_t i = 4, j;
  if (!iprefix(s, n, "date"))
    return 0;
  if (i < n && s[i] == ':')
    i++;
  j = i;
  while (j < n && (s[j] == ' ' || s[j] == '\t'))
    j++;
  if (j == 4)
    return 0;
  size_t k = cw_parse_iso8601(s + j, n - j, epoch, has_time);
  if (!k)
    return 0;
  j += k;
  if (j < n && !space_at(s + j, n - j))
    return 0;
  while (j < n && space_at(s + j, n - j))
    j += space_at(s + j, n - j);
  return j;
}

/* clang-format off */
static const char *const byline_small[] = {
    "and", "&", "in", "for", "of", "de", "van", "von", "der", "la", "le",
    "du", "da", "bin", "al", NULL};
/* clang-format on */

/* "By Jane Doe", "By JANE DOE and JOHN ROE": the names, or 0. */
static int is_byline(const char *s, size_t n, tp_slice *who) {
  size_t pos = 0, words = 0;
  tp_slice w;
  if (n < 4 || n > TP_META_MAX || s[0] != 'B' || (s[1] != 'y' && s[1] != 'Y') ||
      s[2] != ' ' || s[n - 1] == '.')
    return 0;
  tp_slice x = slice(s + 3, n - 3);
  while (next_word(x.s, x.n, &pos, &w)) {
    unsigned char c = (unsigned char)w.s[0];
    if (++words > 10)
      return 0;
    if (is_up(c) || c >= 0xC3)
      continue;
    if (words > 1 && in_list(w.s, w.n, byline_small))
      continue;
    if (words > 1 && w.n == 1 && (c == '|' || c == ','))
      continue;
    return 0;
  }
  if (!words)
    return 0;
  *who = x;
  return 1;
}

/* The first non-empty line is a headline when it is short, has no final
 * stop (it may end in ? ! or a quote) and is not a byline or a date. */
static int is_headline(const tp_line *l) {
  tp_slice who;
  if (l->n > TP_HEADLINE_MAX || !has_content(l->s, l->n))
    return 0;
  char last = l->s[l->n - 1];
  if (last == ':' || last == ',' || last == ';')
    return 0;
  if (last == '.' && !(l->n >= 3 && memcmp(l->s + l->n - 3, "...", 3) == 0))
    return 0;
  return !is_byline(l->s, l->n, &who) && !is_age_line(l);
}

/* ---- datelines -----------------------------------------------------------
 *
 * "WASHINGTON – US President ...", "KABUL - The Taliban ...", "KABUL,
 * Afghanistan (AP) — ...", "NEW DELHI: ..." and, in the first paragraph
 * only, the title-case form "Moscow: A day after ...". The text after the
 * separator must open a sentence, so "NASA – the agency – said" is not a
 * dateline. */

/* clang-format off */
static const char *const dateline_connectors[] = {
    "de", "da", "do", "dos", "del", "la", "le", "el", "al", "of", "upon",
    "on", "am", "an", "der", "sur", "en", "y", NULL};
/* clang-format on */

/* clang-format off */
static const char *const not_places[] = {
    "update", "updated", "breaking", "note", "editor", "editors", "watch",
    "photo", "photos", "video", "read", "also", "exclusive", "analysis",
    "opinion", "live", "warning", "correction", "source", "sources",
    "credit", "caption", "summary", "q", "a", "question", "answer",
    "related", "listen", "image", "tags", "topics", "by", "comment",
    "comments", "advertisement", "sponsored", "disclaimer", "quote", NULL};
/* clang-format on */

static size_t parse_dateline(const char *s, size_t n, int allow_colon,
                             tp_slice *place) {
  size_t lim = n < TP_DATELINE_MAX + 32 ? n : TP_DATELINE_MAX + 32;
  size_t i = 0, words = 0, end = 0;
  int first_caps = 0, after_comma = 0, mixed = 0;
  while (i < lim) {
    size_t ws = i;
    while (i < lim && !space_at(s + i, lim - i) && s[i] != ':' && s[i] != '(' &&
           dash_at(s + i, lim - i) != 3)
      i++;
    if (i == ws)
      break;
    tp_slice w = {s + ws, i - ws};
    unsigned char c = (unsigned char)w.s[0];
    int lower = has_lower(w.s, w.n);
    for (size_t k = 0; k < w.n; k++)
      if (is_dig((unsigned char)w.s[k]))
        return 0;
    if (words == 0) {
      tp_slice bare = label_of(w.s, w.n);
      while (bare.n && bare.s[bare.n - 1] == ',')
        bare.n--;
      if (!(is_up(c) || c >= 0xC3) || in_list(bare.s, bare.n, not_places))
        return 0;
      first_caps = !lower;
    } else if (lower) {
      if (!(is_up(c) || c >= 0xC3 || in_list(w.s, w.n, dateline_connectors)))
        return 0;
      if (!after_comma)
        mixed = 1;
    }
    after_comma = w.n && w.s[w.n - 1] == ',' ? 1 : after_comma;
    if (++words > TP_DATELINE_WORDS)
      return 0;
    end = i;
    while (i < lim && space_at(s + i, lim - i))
      i += space_at(s + i, lim - i);
    if (i < lim && (s[i] == ':' || s[i] == '(' || dash_at(s + i, lim - i)))
      break;
  }
  if (words == 0 || end > TP_DATELINE_MAX || i >= n)
    return 0;
  tp_slice p = {s, end};
  while (p.n && (p.s[p.n - 1] == ',' || p.s[p.n - 1] == '-'))
    p.n--;
  trim(&p);
  if (!p.n)
    return 0;
  /* the first word all capitals, then only words after a comma in title
   * case ("KABUL, Afghanistan"): the wire-service form */
  int caps = first_caps && !mixed;
  if (s[i] == '(') {
    size_t close = i + 1;
    while (close < n && close < i + 24 && s[close] != ')')
      close++;
    if (close >= n || s[close] != ')')
      return 0;
    i = close + 1;
    while (i < n && space_at(s + i, n - i))
      i += space_at(s + i, n - i);
    if (i >= n)
      return 0;
  }
  size_t k;
  if (s[i] == ':') {
    if (!caps && (!allow_colon || words > 4 || after_comma))
      return 0;
    i++;
    if (i >= n || !space_at(s + i, n - i))
      return 0;
  } else if ((k = dash_at(s + i, n - i)) != 0) {
    if (!caps)
      return 0;
    /* a hyphen needs spaces around it: WINSTON-SALEM is one word */
    if (k == 1 && (i == end || i + 1 >= n || !space_at(s + i + 1, n - i - 1)))
      return 0;
    i += k;
  } else {
    return 0;
  }
  while (i < n && space_at(s + i, n - i))
    i += space_at(s + i, n - i);
  if (!starts_sentence(s + i, n - i))
    return 0;
  *place = p;
  return i;
}

/* ---- photo credits and sign-offs -------------------------------------- */

/* clang-format off */
static const char *const photo_markers[] = {"PHOTO: ",   "PHOTOS: ",
                                            "IMAGE: ",   "PICTURE: ",
                                            "PHOTO CREDIT: ", NULL};
/* clang-format on */

/* Finds "PHOTO: " (and the like) at a word start in s[from, n). */
static int find_photo(const char *s, size_t n, size_t from, size_t *ms,
                      size_t *me) {
  for (size_t i = from; i < n; i++) {
    if (s[i] != 'P' && s[i] != 'I')
      continue;
    if (i > 0 && !space_at(s + i - 1, 1) && s[i - 1] != '(')
      continue;
    for (const char *const *m = photo_markers; *m; m++) {
      size_t k = strlen(*m);
      if (n - i >= k && memcmp(s + i, *m, k) == 0) {
        *ms = i;
        *me = i + k;
        return 1;
      }
    }
  }
  return 0;
}

/* A word of a credit: capitals, digits and / & - . ' but no lower case. */
static int is_caps_token(tp_slice w) {
  if (!w.n || dash_at(w.s, w.n) == w.n)
    return 0;
  return !has_lower(w.s, w.n) && count_upper(w.s, w.n) > 0;
}

/* clang-format off */
static const char *const credit_suffixes[] = {
    "FILE", "IMAGES", "PHOTO", "PHOTOS", "PICTURES", "PRESS", "POOL",
    "HANDOUT", NULL};
/* clang-format on */

typedef struct tp_credit {
  size_t start, end; /* the credit, "PHOTO: ..." with a prefix like "ST " */
  size_t rest;       /* where the text after the credit starts */
} tp_credit;

/* Reads the credit whose marker is s[ms, me): "PHOTO: ERIC LEE/NYTIMES",
 * "PHOTO: REUTERS KABUL - The ...", "PHOTO: AFP - Tech ...". The capitals
 * after the marker belong to the credit up to the one holding a "/";
 * without one, the first (and a FILE/IMAGES-like word after it) is the
 * credit and the other capitals go back to the text, where a dateline
 * ("KABUL -") or a sentence ("US President ...") picks them up. At the end
 * of a paragraph every capital word is credit. */
static int parse_credit(const char *s, size_t n, size_t ms, size_t me,
                        tp_credit *cr) {
  tp_slice t[TP_CREDIT_TOKENS], w;
  size_t nt = 0, pos = me, rest = n, after_dash = n;
  enum { AT_END, AT_DASH, AT_OTHER } follow = AT_END;
  while (next_word(s, n, &pos, &w)) {
    if (dash_at(w.s, w.n) == w.n) {
      follow = AT_DASH;
      after_dash = pos;
      break;
    }
    if (!is_caps_token(w) || nt == TP_CREDIT_TOKENS) {
      follow = AT_OTHER;
      rest = (size_t)(w.s - s);
      break;
    }
    t[nt++] = w;
  }
  if (nt == 0)
    return 0;
  size_t nc = nt;
  if (follow != AT_END) {
    size_t slash = 0;
    for (size_t k = 0; k < nt; k++)
      if (memchr(t[k].s, '/', t[k].n))
        slash = k + 1;
    if (slash) {
      nc = slash;
    } else {
      nc = 1;
      while (nc < nt && in_list(t[nc].s, t[nc].n, credit_suffixes))
        nc++;
    }
    if (nc < nt)
      rest = (size_t)(t[nc].s - s);
    else if (follow == AT_DASH)
      rest = after_dash;
  } else {
    rest = n;
  }
  cr->end = (size_t)(t[nc - 1].s + t[nc - 1].n - s);
  while (cr->end > me && strchr(".,;", s[cr->end - 1]))
    cr->end--;
  /* a short capital prefix: "ST PHOTO:", "FILE PHOTO:" after a sentence */
  cr->start = ms;
  if (ms >= 2) {
    size_t e = ms;
    while (e > 0 && s[e - 1] == ' ')
      e--;
    size_t b = e;
    while (b > 0 && e - b <= 4 &&
           (is_up((unsigned char)s[b - 1]) || s[b - 1] == '&'))
      b--;
    int sentence_start = b == 0 || (s[b - 1] == ' ' && ends_sentence(s, b - 1));
    int file = e - b == 4 && memcmp(s + b, "FILE", 4) == 0 &&
               (b == 0 || s[b - 1] == ' ');
    if (e > b && e - b <= 4 && count_upper(s + b, e - b) == e - b &&
        (sentence_start || file))
      cr->start = b;
  }
  cr->rest = rest;
  return 1;
}

/* clang-format off */
static const char *const abbreviations[] = {
    "mr",  "mrs",  "ms",   "dr",   "st",   "jr",  "sr",  "prof", "gen",
    "sen", "rep",  "gov",  "lt",   "col",  "sgt", "capt", "cmdr", "adm",
    "no",  "vs",   "etc",  "inc",  "corp", "co",  "ltd", "jan",  "feb",
    "mar", "apr",  "jun",  "jul",  "aug",  "sep", "sept", "oct", "nov",
    "dec", "mt",   "ft",   "ave",  "rd",   "pres", "rev", "hon", "fig",
    NULL};
/* clang-format on */

/* Whether the stop at s[i] (. ! ? …) ends a sentence: not after an
 * abbreviation or an initial, and followed by a space and a sentence
 * opening, or by the end. Returns the end of the sentence (after closing
 * quotes) or 0. */
static size_t sentence_end_at(const char *s, size_t n, size_t i) {
  size_t j = i + 1;
  if (s[i] == '.') {
    size_t b = i;
    while (b > 0 && is_alpha((unsigned char)s[b - 1]))
      b--;
    if (i - b == 1 || (i > b && in_list(s + b, i - b, abbreviations)))
      return 0;
    if (b > 0 && s[b - 1] == '.') /* U.S. */
      return 0;
  }
  for (;;) {
    if (j < n && (s[j] == '\'' || s[j] == '"' || s[j] == ')')) {
      j++;
    } else if (n - j >= 3 && (unsigned char)s[j] == 0xE2 &&
               (unsigned char)s[j + 1] == 0x80 &&
               ((unsigned char)s[j + 2] == 0x99 ||
                (unsigned char)s[j + 2] == 0x9D)) {
      j += 3;
    } else {
      break;
    }
  }
  if (j >= n)
    return j;
  size_t k = space_at(s + j, n - j);
  if (!k)
    return 0;
  size_t m = j + k;
  while (m < n && space_at(s + m, n - m))
    m += space_at(s + m, n - m);
  return starts_sentence(s + m, n - m) ? j : 0;
}

/* The start of the last sentence that begins in s[lo, hi), or SIZE_MAX. */
static size_t last_sentence_start(const char *s, size_t lo, size_t hi) {
  for (size_t i = hi; i > lo; i--) {
    size_t b = i - 1; /* a candidate start: after "<stop> " */
    if (b == 0 || s[b - 1] != ' ' || !starts_sentence(s + b, hi - b))
      continue;
    size_t e = b - 1;
    while (e > 0 && s[e - 1] == ' ')
      e--;
    size_t k;
    size_t q = e;
    while ((k = closer_before(s, q)) != 0)
      q -= k;
    if (q == 0 || !strchr(".!?", s[q - 1]) || s[q - 1] == '\0')
      continue;
    if (sentence_end_at(s, hi, q - 1))
      return b;
  }
  return SIZE_MAX;
}

/* Whether s[0, n) holds a sentence break before its end. */
static int has_inner_break(const char *s, size_t n) {
  for (size_t i = 0; i + 1 < n; i++) {
    if (s[i] != '.' && s[i] != '!' && s[i] != '?')
      continue;
    size_t e = sentence_end_at(s, n, i);
    if (e && e < n && slice(s + e, n - e).n)
      return 1;
  }
  return 0;
}

/* Drops a call to action that ends a paragraph: "... would talk. AFP Join
 * ST's Telegram channel and get the latest breaking news delivered to
 * you." It must be one sentence with a strong channel word, after a
 * sentence end or a sign-off. Returns 1 when something was cut. */
static int strip_trailing_cta(tp_slice *p) {
  size_t lo = p->n > TP_CHROME_MAX ? p->n - TP_CHROME_MAX : 0;
  for (size_t i = lo; i < p->n; i++) {
    if (!is_up((unsigned char)p->s[i]) || (i > 0 && p->s[i - 1] != ' '))
      continue;
    if (!is_cta(p->s + i, p->n - i, 0) || has_inner_break(p->s + i, p->n - i))
      continue;
    tp_slice before = slice(p->s, i);
    if (before.n) {
      size_t b = before.n;
      while (b > 0 && before.n - b <= TP_SIGNOFF_MAX &&
             !space_at(before.s + b - 1, 1))
        b--;
      tp_slice last = {before.s + b, before.n - b};
      if (!ends_sentence(before.s, before.n) &&
          !(is_caps_token(last) && count_upper(last.s, last.n) >= 2))
        continue;
    }
    *p = before;
    return 1;
  }
  return 0;
}

/* Takes an agency sign-off off the end of a paragraph: "... for Mr Musk.
 * NYTIMES" gives "NYTIMES". The capitals (up to three words, joined by
 * spaces, commas or slashes) must follow a sentence end. */
static int strip_signoff(tp_slice *p, tp_slice *credit) {
  const char *s = p->s;
  size_t n = p->n, i = n, tokens = 0;
  if (n == 0)
    return 0;
  for (;;) {
    size_t te = i;
    while (i > 0 && (is_up((unsigned char)s[i - 1]) || s[i - 1] == '/' ||
                     s[i - 1] == '&' || s[i - 1] == '-'))
      i--;
    if (i == te || count_upper(s + i, te - i) < 2)
      return 0;
    if (i > 0 && s[i - 1] != ' ' && s[i - 1] != ',')
      return 0;
    tokens++;
    size_t j = i;
    while (j > 0 && s[j - 1] == ' ')
      j--;
    if (j > 0 && s[j - 1] == ',') {
      j--;
      while (j > 0 && s[j - 1] == ' ')
        j--;
    }
    if (n - i > TP_SIGNOFF_MAX)
      return 0;
    if (j == 0 || (j < i && ends_sentence(s, j))) {
      credit->s = s + i;
      credit->n = n - i;
      p->n = j;
      return 1;
    }
    if (tokens == 3)
      return 0;
    i = j;
  }
}

/* ---- articles ------------------------------------------------------------ */

static void art_init(tp_article *a) {
  memset(a, 0, sizeof *a);
  cw_vec_init(&a->paras, sizeof(tp_slice));
  cw_vec_init(&a->credits, sizeof(tp_slice));
}

static void art_free(tp_article *a) {
  cw_vec_free(&a->paras);
  cw_vec_free(&a->credits);
}

static void art_reset(tp_article *a) {
  cw_vec p = a->paras, c = a->credits;
  memset(a, 0, sizeof *a);
  p.len = c.len = 0;
  a->paras = p;
  a->credits = c;
}

static cw_status push_slice(cw_vec *v, const char *s, size_t n) {
  tp_slice x = slice(s, n);
  if (!x.n)
    return CW_OK;
  tp_slice *e = cw_vec_push(v);
  if (!e)
    return CW_ERR_NOMEM;
  *e = x;
  return CW_OK;
}

static cw_status add_credit(tp_article *a, const char *s, size_t n) {
  tp_slice x = slice(s, n);
  for (size_t i = 0; i < a->credits.len; i++) {
    tp_slice c = CW_VEC_AT(&a->credits, tp_slice, i);
    if (c.n == x.n && memcmp(c.s, x.s, x.n) == 0)
      return CW_OK;
  }
  return push_slice(&a->credits, x.s, x.n);
}

/* Resolves an age against the page's base time. A timed base with minutes
 * or hours gives a time ("2025-06-06T11:21:00Z"); days and weeks give a
 * date, since their time of day is unknown. Against a date-only base (the
 * " date" header) minutes and hours subtract only their whole days: "39
 * minutes ago" on a page dated 2025-06-06 is 2025-06-06 (it could be the
 * evening before, but a date one day early would be wrong more often than
 * the page date). Months and years are too vague to date. */
static int age_published(const tp_page *pg, const tp_age *age, char out[32]) {
  switch (age->kind) {
  case AGE_ABS:
    cw_format_iso8601(age->epoch, age->has_time, out);
    return 1;
  case AGE_FINE:
    if (!pg->has_base)
      return 0;
    if (pg->base_has_time)
      cw_format_iso8601(pg->base - age->secs, 1, out);
    else
      cw_format_iso8601(pg->base - age->secs / 86400 * 86400, 0, out);
    return 1;
  case AGE_DAYS:
    if (!pg->has_base)
      return 0;
    cw_format_iso8601(pg->base - age->days * 86400, 0, out);
    return 1;
  default:
    return 0;
  }
}

/* The next kept line at or after i (before hi); *brk is set when a blank
 * line comes first. Returns hi when there is none. */
static size_t next_kept(const tp_page *pg, size_t i, size_t hi, int *brk) {
  for (; i < hi; i++) {
    if (pg->lines[i].blank_before)
      *brk = 1;
    if (!pg->lines[i].drop)
      return i;
  }
  return hi;
}

/* Paragraphs of the kept lines in [lo, hi): one per line, except that the
 * lines of a hard-wrapped block (see TP_WRAP_*) are joined with spaces. A
 * block is a run of lines between blank lines. */
static cw_status build_paras(tp_page *pg, size_t lo, size_t hi, cw_vec *raw) {
  int brk = 0;
  size_t i = next_kept(pg, lo, hi, &brk);
  while (i < hi) {
    /* the block: kept lines up to the next blank line */
    size_t count = 1, total = pg->lines[i].n, last = i, e = i;
    size_t mn = SIZE_MAX, mx = 0, open = 0;
    for (;;) {
      int b2 = 0;
      size_t j = next_kept(pg, e + 1, hi, &b2);
      if (j >= hi || b2)
        break;
      size_t ln = pg->lines[e].n;
      mn = ln < mn ? ln : mn;
      mx = ln > mx ? ln : mx;
      open += !ends_sentence(pg->lines[e].s, ln);
      count++;
      total += 1 + pg->lines[j].n;
      e = last = j;
    }
    int wrapped = count >= 2 && mn >= TP_WRAP_MIN && mx <= TP_WRAP_MAX &&
                  mx - mn <= TP_WRAP_SPREAD && open * 2 >= count - 1;
    if (wrapped) {
      char *buf = cw_arena_alloc(pg->scratch, total + 1);
      size_t at = 0;
      if (!buf)
        return CW_ERR_NOMEM;
      for (size_t k = i; k <= last; k++) {
        if (pg->lines[k].drop)
          continue;
        if (at)
          buf[at++] = ' ';
        memcpy(buf + at, pg->lines[k].s, pg->lines[k].n);
        at += pg->lines[k].n;
      }
      if (push_slice(raw, buf, at))
        return CW_ERR_NOMEM;
    } else {
      for (size_t k = i; k <= last; k++)
        if (!pg->lines[k].drop &&
            push_slice(raw, pg->lines[k].s, pg->lines[k].n))
          return CW_ERR_NOMEM;
    }
    brk = 0;
    i = next_kept(pg, last + 1, hi, &brk);
  }
  return CW_OK;
}

/* Drops the chrome block that ends [lo, hi) (see "chrome" above); a lone
 * sign-off line just before it becomes a credit. Returns the new end. */
static size_t strip_tail(tp_page *pg, size_t lo, size_t hi, tp_slice *signoff) {
  size_t i = hi;
  signoff->n = 0;
  while (i > lo) {
    tp_line *l = &pg->lines[i - 1];
    if (l->drop) {
      i--;
      continue;
    }
    /* widget labels first: "ADVERTISEMENT" is no sign-off */
    int chrome = is_widget(l->s, l->n) || !has_content(l->s, l->n);
    if (!chrome && is_signoff_line(l->s, l->n)) {
      l->drop = 1;
      signoff->s = l->s;
      signoff->n = l->n;
      return i - 1;
    }
    if (!chrome && !is_cta(l->s, l->n, 1) && !is_titlecase_short(l->s, l->n) &&
        !is_short_ellipsis(l->s, l->n))
      break;
    l->drop = 1;
    i--;
  }
  return i;
}

/* Chrome that is removed wherever it stands. */
static int is_chrome_anywhere(const tp_line *l) {
  return !has_content(l->s, l->n) || is_widget(l->s, l->n) ||
         is_cta(l->s, l->n, 0) || related_heading(l->s, l->n);
}

/* Turns raw paragraphs into the article body: photo credits become
 * credits (a caption that opens a paragraph and is followed by more text
 * is dropped; one that fills the paragraph, like a standfirst, stays), a
 * dateline at the top is taken out, and the last paragraph loses a
 * trailing call to action and its agency sign-off. */
static cw_status shape_body(tp_article *a, const cw_vec *raw) {
  for (size_t k = 0; k < raw->len; k++) {
    tp_slice p = CW_VEC_AT(raw, tp_slice, k);
    int try_dateline = k < TP_DATELINE_PARAS, first = 1;
    size_t from = 0, ms, me;
    while (find_photo(p.s, p.n, from, &ms, &me)) {
      tp_credit cr;
      if (!parse_credit(p.s, p.n, ms, me, &cr)) {
        from = me;
        continue;
      }
      if (add_credit(a, p.s + cr.start, cr.end - cr.start))
        return CW_ERR_NOMEM;
      tp_slice rest = slice(p.s + cr.rest, p.n - cr.rest);
      if (!rest.n) {
        p = slice(p.s, cr.start);
        break;
      }
      /* A caption opening the paragraph goes whole; one further in
       * takes only its own sentence, and a long run with no sentence
       * start is kept, as it cannot be told from the body. */
      size_t keep = 0;
      if (!first || cr.start > TP_CAPTION_MAX) {
        size_t lo = cr.start > TP_CAPTION_MAX ? cr.start - TP_CAPTION_MAX : 0;
        size_t b = last_sentence_start(p.s, lo, cr.start);
        keep = b != SIZE_MAX ? b : cr.start > TP_CAPTION_MAX ? cr.start : 0;
      }
      if (push_slice(&a->paras, p.s, keep))
        return CW_ERR_NOMEM;
      size_t d = dash_at(rest.s, rest.n);
      if (d && d < rest.n && space_at(rest.s + d, rest.n - d))
        rest = slice(rest.s + d, rest.n - d);
      if (!a->dateline.n && try_dateline) {
        tp_slice place;
        size_t used = parse_dateline(rest.s, rest.n, 1, &place);
        if (used) {
          a->dateline = place;
          rest = slice(rest.s + used, rest.n - used);
        }
      }
      p = rest;
      from = 0;
      try_dateline = 0;
      first = 0;
    }
    if (try_dateline && !a->dateline.n) {
      tp_slice place;
      size_t used = parse_dateline(p.s, p.n, k == 0, &place);
      if (used) {
        a->dateline = place;
        p = slice(p.s + used, p.n - used);
      }
    }
    if (push_slice(&a->paras, p.s, p.n))
      return CW_ERR_NOMEM;
  }
  if (a->paras.len) {
    tp_slice *last = &CW_VEC_AT(&a->paras, tp_slice, a->paras.len - 1);
    tp_slice so;
    for (int r = 0; r < 3 && strip_trailing_cta(last); r++)
      ;
    if (strip_signoff(last, &so) && add_credit(a, so.s, so.n))
      return CW_ERR_NOMEM;
    trim(last);
    if (!last->n)
      a->paras.len--;
  }
  return CW_OK;
}

/* The title of an article without a headline: its first sentence, cut at
 * a word boundary to TP_TITLE_CUT bytes and "…" when longer. */
static tp_slice derive_title(tp_page *pg, tp_slice p) {
  size_t n = p.n, lim = p.n < 2000 ? p.n : 2000;
  tp_slice t = {NULL, 0};
  for (size_t i = 0; i < lim; i++) {
    if (p.s[i] != '.' && p.s[i] != '!' && p.s[i] != '?')
      continue;
    size_t e = sentence_end_at(p.s, p.n, i);
    if (e) {
      n = e;
      break;
    }
  }
  if (n <= TP_TITLE_CUT + 1) {
    t.s = p.s;
    t.n = n;
    if (t.n > 1 && t.s[t.n - 1] == '.' && t.s[t.n - 2] != '.')
      t.n--;
    return t;
  }
  size_t cut = TP_TITLE_CUT;
  while (cut > 0 && ((unsigned char)p.s[cut] & 0xC0) == 0x80)
    cut--;
  size_t sp = cut;
  while (sp > 0 && p.s[sp] != ' ')
    sp--;
  if (sp > TP_TITLE_CUT / 2)
    cut = sp;
  while (cut > 0 && (p.s[cut - 1] == ' ' || strchr(",;:-", p.s[cut - 1])))
    cut--;
  char *buf = cw_arena_alloc(pg->scratch, cut + 4);
  if (!buf)
    return t;
  memcpy(buf, p.s, cut);
  memcpy(buf + cut, "\xE2\x80\xA6", 3);
  buf[cut + 3] = '\0';
  t.s = buf;
  t.n = cut + 3;
  return t;
}

static char *dup_or_null(cw_articles *out, tp_slice x, cw_status *st) {
  if (!x.n)
    return NULL;
  char *r = cw_articles_strndup(out, x.s, x.n);
  if (!r)
    *st = CW_ERR_NOMEM;
  return r;
}

/* Appends the article unless its body is empty (*emitted says which). */
static cw_status emit(tp_page *pg, tp_article *a, int part, cw_buf *text,
                      int *emitted) {
  cw_status st = CW_OK;
  *emitted = 0;
  cw_buf_reset(text);
  for (size_t i = 0; i < a->paras.len; i++) {
    tp_slice p = CW_VEC_AT(&a->paras, tp_slice, i);
    if (text->len)
      cw_buf_append(text, "\n\n", 2);
    cw_buf_append(text, p.s, p.n);
  }
  if (text->err)
    return text->err;
  if (!text->len)
    return CW_OK;
  if (!a->title.n)
    a->title = derive_title(pg, CW_VEC_AT(&a->paras, tp_slice, 0));
  cw_article *art = cw_articles_add(pg->out);
  if (!art)
    return CW_ERR_NOMEM;
  art->part = part;
  art->source_path = pg->origin_copy;
  art->title = dup_or_null(pg->out, a->title, &st);
  art->outlet = dup_or_null(pg->out, a->outlet, &st);
  art->dateline = dup_or_null(pg->out, a->dateline, &st);
  art->byline = dup_or_null(pg->out, a->byline, &st);
  if (a->published[0])
    art->published = dup_or_null(
        pg->out, (tp_slice){a->published, strlen(a->published)}, &st);
  art->text = cw_articles_strndup(pg->out, text->ptr, text->len);
  if (!art->text)
    st = CW_ERR_NOMEM;
  for (size_t i = 0; st == CW_OK && i < a->credits.len; i++) {
    tp_slice c = CW_VEC_AT(&a->credits, tp_slice, i);
    st = cw_article_add_credit(pg->out, art, c.s, c.n);
  }
  *emitted = 1;
  return st;
}

/* ---- the page ------------------------------------------------------------ */

/* Splits text into trimmed non-blank lines (\n, \r\n or \r). */
static cw_status split_lines(tp_page *pg, const char *text, size_t len,
                             cw_vec *lines) {
  size_t i = 0, lineno = 0;
  int blank = 1;
  while (i < len) {
    lineno++;
    size_t st = i;
    while (i < len && text[i] != '\n' && text[i] != '\r')
      i++;
    tp_slice x = slice(text + st, i - st);
    if (i < len && text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
      i++;
    if (i < len)
      i++;
    if (!x.n) {
      blank = 1;
      continue;
    }
    if (lines->len == TP_MAX_LINES) {
      if (cw_articles_warn(pg->out, "%s: page cut after %zu lines", pg->origin,
                           lines->len))
        return CW_ERR_NOMEM;
      break;
    }
    tp_line *l = cw_vec_push(lines);
    if (!l)
      return CW_ERR_NOMEM;
    l->s = x.s;
    l->n = x.n;
    l->lineno = lineno;
    l->blank_before = blank;
    blank = 0;
  }
  return CW_OK;
}

/* The main article: lines [lo, hi). */
static cw_status read_main(tp_page *pg, size_t lo, size_t hi, tp_article *a,
                           cw_vec *raw) {
  tp_line *L = pg->lines;
  int brk = 0;
  size_t i = next_kept(pg, lo, hi, &brk);
  /* chrome above the headline ("Skip to content", "Advertisement") */
  while (i < hi && is_chrome_anywhere(&L[i])) {
    L[i].drop = 1;
    i = next_kept(pg, i + 1, hi, &brk);
  }
  if (i < hi) {
    size_t j = next_kept(pg, i + 1, hi, &brk);
    if (j < hi && is_headline(&L[i])) {
      a->title = (tp_slice){L[i].s, L[i].n};
      L[i].drop = 1;
      i = j;
    }
  }
  /* a byline or a date line just below */
  for (size_t seen = 0; i < hi && seen < TP_TOP_LINES; seen++) {
    tp_slice who;
    tp_age age;
    if (!a->byline.n && is_byline(L[i].s, L[i].n, &who)) {
      a->byline = who;
      L[i].drop = 1;
    } else if (parse_age(L[i].s, L[i].n, &age)) {
      if (!a->published[0])
        age_published(pg, &age, a->published);
      L[i].drop = 1;
    }
    i = next_kept(pg, i + 1, hi, &brk);
  }
  tp_slice signoff;
  size_t end = strip_tail(pg, lo, hi, &signoff);
  for (size_t k = lo; k < end; k++)
    if (!L[k].drop && is_chrome_anywhere(&L[k]))
      L[k].drop = 1;
  raw->len = 0;
  cw_status st = build_paras(pg, lo, end, raw);
  if (!st)
    st = shape_body(a, raw);
  if (!st && signoff.n)
    st = add_credit(a, signoff.s, signoff.n);
  return st;
}

/* One related entry starting at line i; *next receives the line after it. */
static cw_status read_entry(tp_page *pg, size_t i, size_t end, tp_article *a,
                            cw_vec *raw, size_t *next) {
  tp_line *L = pg->lines;
  tp_age age;
  tp_slice o;
  int aged = 0;
  size_t j = i;
  if (!dash_outlet(&L[j], NULL)) {
    a->outlet = (tp_slice){L[j].s, L[j].n};
    j++;
  }
  if (j < end && parse_age(L[j].s, L[j].n, &age)) {
    aged = 1;
    age_published(pg, &age, a->published);
    j++;
  }
  if (j < end && dash_outlet(&L[j], &o)) {
    if (!a->outlet.n)
      a->outlet = o;
    j++;
  }
  if (!aged && j < end && parse_age(L[j].s, L[j].n, &age)) {
    age_published(pg, &age, a->published);
    j++;
  }
  size_t k = j;
  while (k < end && !entry_start(pg, k, end))
    k++;
  *next = k;
  if (j < k && L[j].n <= TP_ENTRY_TITLE_MAX && k - j >= 2) {
    a->title = (tp_slice){L[j].s, L[j].n};
    j++;
  } else if (j < k && L[j].n <= TP_ENTRY_TITLE_MAX && k - j == 1 &&
             L[j].s[L[j].n - 1] != '.') {
    /* a title with no body: a teaser, no article */
    j = k;
  }
  if (j >= k)
    return cw_articles_warn(pg->out,
                            "%s: related entry at line %zu has no "
                            "text",
                            pg->origin, L[i].lineno);
  tp_slice signoff;
  size_t e = strip_tail(pg, j, k, &signoff);
  for (size_t m = j; m < e; m++)
    if (!L[m].drop && is_chrome_anywhere(&L[m]))
      L[m].drop = 1;
  raw->len = 0;
  cw_status st = build_paras(pg, j, e, raw);
  if (!st)
    st = shape_body(a, raw);
  if (!st && signoff.n)
    st = add_credit(a, signoff.s, signoff.n);
  return st;
}

cw_status cw_extract_text_page(const char *text, size_t len,
                               const cw_extract_ctx *ctx, cw_articles *out,
                               cw_error *err) {
  tp_page pg;
  tp_article a;
  cw_vec lines, raw;
  cw_buf buf;
  cw_status st = CW_OK;
  size_t base_len = out ? out->items.len : 0, emitted_total = 0;
  int emitted;

  memset(&pg, 0, sizeof pg);
  pg.origin = ctx && ctx->origin ? ctx->origin : "<text>";
  if (!out || (!text && len))
    return cw_error_set(err, CW_ERR_USAGE, 0, "%s: no page or no list",
                        pg.origin);
  pg.out = out;
  cw_vec_init(&lines, sizeof(tp_line));
  cw_vec_init(&raw, sizeof(tp_slice));
  cw_buf_init(&buf, 0);
  art_init(&a);
  pg.scratch = cw_arena_new();
  if (!pg.scratch)
    goto nomem;
  if (ctx && ctx->origin &&
      !(pg.origin_copy =
            cw_articles_strndup(out, ctx->origin, strlen(ctx->origin))))
    goto nomem;
  if (len && (st = split_lines(&pg, text, len, &lines)) != CW_OK)
    goto fail;
  pg.lines = lines.items;
  pg.nlines = lines.len;

  /* the " date YYYY-MM-DD" header: the main article's date and the base
   * of the related entries' ages */
  if (pg.nlines) {
    tp_line *l = &pg.lines[0];
    int64_t epoch;
    int has_time;
    size_t k = date_header(l->s, l->n, &epoch, &has_time);
    if (k) {
      pg.has_base = 1;
      pg.base = epoch;
      pg.base_has_time = has_time;
      cw_format_iso8601(epoch, has_time, a.published);
      l->s += k;
      l->n -= k;
      if (!l->n)
        l->drop = 1;
    }
  }
  if (!pg.has_base && ctx && ctx->crawl_time) {
    size_t n = strlen(ctx->crawl_time);
    if (cw_parse_iso8601(ctx->crawl_time, n, &pg.base, &pg.base_has_time))
      pg.has_base = 1;
    else if (cw_articles_warn(out,
                              "%s: crawl time is not ISO 8601; ages "
                              "left unresolved",
                              pg.origin))
      goto nomem;
  }

  /* where the related articles begin */
  size_t rel = pg.nlines;
  for (size_t i = 0; i < pg.nlines; i++) {
    tp_line *l = &pg.lines[i];
    if (l->drop)
      continue;
    int kind = related_heading(l->s, l->n);
    if (!kind)
      continue;
    if (entry_start(&pg, i + 1, pg.nlines) || kind == 2) {
      rel = i;
      break;
    }
  }

  if ((st = read_main(&pg, 0, rel, &a, &raw)) != CW_OK)
    goto fail;
  if ((st = emit(&pg, &a, 0, &buf, &emitted)) != CW_OK)
    goto fail;
  emitted_total += (size_t)emitted;
  if (!emitted && rel < pg.nlines &&
      cw_articles_warn(out, "%s: no main article, only related ones",
                       pg.origin))
    goto nomem;

  if (rel < pg.nlines) {
    size_t i = rel + 1, found = 0;
    while (i < pg.nlines && !entry_start(&pg, i, pg.nlines))
      i++;
    if (i >= pg.nlines && cw_articles_warn(out,
                                           "%s: related articles "
                                           "heading without entries",
                                           pg.origin))
      goto nomem;
    while (i < pg.nlines) {
      size_t next;
      art_reset(&a);
      if ((st = read_entry(&pg, i, pg.nlines, &a, &raw, &next)) != CW_OK)
        goto fail;
      if ((st = emit(&pg, &a, (int)found + 1, &buf, &emitted)) != CW_OK)
        goto fail;
      found += (size_t)emitted;
      emitted_total += (size_t)emitted;
      i = next > i ? next : i + 1;
    }
  }

  if (!emitted_total) {
    st = cw_error_set(err, CW_ERR_EMPTY, 0, "%s: no article text found",
                      pg.origin);
    goto fail;
  }
  st = CW_OK;
  goto done;
nomem:
  st = CW_ERR_NOMEM;
fail:
  if (st == CW_ERR_NOMEM)
    cw_error_set(err, st, 0, "%s: out of memory", pg.origin);
  else if (st == CW_ERR_TOO_BIG)
    cw_error_set(err, st, 0, "%s: article text too large", pg.origin);
  out->items.len = base_len; /* all of the page, or none of it */
done:
  art_free(&a);
  cw_vec_free(&lines);
  cw_vec_free(&raw);
  cw_buf_free(&buf);
  cw_arena_free(pg.scratch);
  return st;
}
