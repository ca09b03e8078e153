/* search.c - full-text search over the archive's articles.
 *
 * The user's query is parsed here (search.h gives the language) and
 * rewritten into an FTS5 expression in which every word is a quoted
 * string: FTS5 then never sees user text as syntax, so a malformed query is
 * reported by our parser with a message a person can act on instead of an
 * SQLite error, and column filters, NEAR or '^' cannot be smuggled in.
 * Filters (outlet:, since:, until:, story:) become bound SQL parameters.
 *
 * Ranking blends BM25 with recency. BM25 comes from FTS5 with the title
 * weighted 4x the body; in an archive of more than SEARCH_IDF_WINDOW
 * articles its IDF is counted over the newest SEARCH_IDF_WINDOW (cw_bm25,
 * below), not the whole archive. Recency is measured against the newest
 * of the ranked candidates, not the wall clock, so that results are
 * reproducible and an archive of old news still ranks sensibly:
 *     score = -bm25 * (0.5 + 0.5 / (1 + age_days / 30))
 * i.e. recency can at most halve a match's relevance; an article a month
 * older than the newest match keeps 75% of it, a year older about 54%.
 *
 * The cost of a search must not grow with the archive. FTS5 computes BM25
 * row by row (a B-tree read of each row's length), so ranking every match
 * of a common word costs time in proportion to the archive. The candidates
 * ranked are therefore the newest matches, in FTS5's own rowid order (the
 * order of ingest, news' order): the newest SEARCH_CANDIDATES of them (10x
 * the limit when that is more), and BM25 is computed for those alone. A
 * query matching fewer articles is ranked exactly; a common word is ranked
 * among its recent coverage, which is what a news reader searching it
 * wants. Filters: story: walks the story's own articles (its index) and
 * looks each one up in FTS5; outlet:, since: and until: walk the matches
 * newest first, and look through the newest SEARCH_WINDOW matches at
 * most, reading each one's outlet, dates and story from the covering
 * index articles_search (schema version 11), not from the article's own
 * pages. Snippets are computed only for the results returned (FTS5
 * snippet() on one rowid each), never for every match.
 */
#include "store/search.h"
#include "store/sqlite_int.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/time.h"

/* Tokens of snippet() (FTS5 counts tokens, not bytes). */
#define SNIPPET_TOKENS 24
/* Bytes of text shown when a query has only filters (no words to mark). */
#define LEAD_BYTES 200
/* Title weight against the body in BM25. */
#define TITLE_WEIGHT "4.0"
/* Newest matches ranked (at least; 10x the limit when that is more). */
#define SEARCH_CANDIDATES 1000
/* Newest matches that outlet:, since: and until: look through at most. */
#define SEARCH_WINDOW 20000
/* Newest articles over which the IDF of BM25 is counted (see below). */
#define SEARCH_IDF_WINDOW 50000
/* Days over which recency halves its own bonus (see above). */
#define RECENCY_DAYS "30.0"

/* ---- query parsing ------------------------------------------------------ */

typedef enum tok_kind {
  TOK_END,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_WORD,   /* a bare word, maybe with trailing '*' */
  TOK_PHRASE, /* "quoted words", maybe followed by '*' */
  TOK_AND,
  TOK_OR,
  TOK_NOT
} tok_kind;

typedef struct token {
  tok_kind kind;
  const char *s; /* WORD/PHRASE: the text, without quotes or '*' */
  size_t n;
  int prefix; /* followed by '*' */
  size_t at;  /* byte offset in the query, for messages */
} token;

typedef struct parser {
  const char *q;
  token *toks;
  size_t ntoks, pos;
  cw_buf out;
  int depth;
  size_t terms;
  cw_error *err;
} parser;

/* A word or phrase FTS5's unicode61 tokenizer would find nothing in (only
 * punctuation) matches no row and would empty any AND it is part of: the
 * lexer drops it. Bytes >= 0x80 count as letters (UTF-8 text). */
static int has_token_char(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
        (c >= 'A' && c <= 'Z'))
      return 1;
  }
  return 0;
}

static int is_break(char c) {
  return c == '\0' || c == '(' || c == ')' || c == '"' ||
         cw_is_space((unsigned char)c);
}

/* YYYY, YYYY-MM, YYYY-MM-DD or a full ISO 8601 time. */
static int valid_date(const char *s) {
  size_t n = strlen(s);
  int64_t t;
  if (n > 10 && cw_parse_iso8601(s, n, &t, NULL) == n)
    return 1;
  static const char shape[] = "dddd-dd-dd";
  if (n != 4 && n != 7 && n != 10)
    return 0;
  for (size_t i = 0; i < n; i++) {
    if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')
      return 0;
  }
  if (n >= 7) {
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12)
      return 0;
  }
  if (n == 10) {
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (d < 1 || d > 31)
      return 0;
  }
  return 1;
}

static int filter_name(const char *name, size_t n) {
  return (n == 6 && cw_strncaseeq(name, "outlet", 6)) ||
         (n == 5 &&
          (cw_strncaseeq(name, "since", 5) || cw_strncaseeq(name, "until", 5) ||
           cw_strncaseeq(name, "story", 5)));
}

static cw_status set_filter(cw_search_query *q, const char *name, size_t nl,
                            const char *v, size_t vn, size_t at,
                            cw_error *err) {
  char **slot = NULL;
  if (vn == 0)
    return cw_error_set(err, CW_ERR_USAGE, at,
                        "search: filter '%.*s:' at byte %zu needs a value",
                        (int)nl, name, at);
  char *val = cw_strndup(v, vn);
  if (!val)
    return cw_error_set(err, CW_ERR_NOMEM, 0, "search: out of memory");
  if (nl == 6 && cw_strncaseeq(name, "outlet", 6)) {
    slot = &q->outlet;
  } else if (nl == 5 && cw_strncaseeq(name, "since", 5)) {
    slot = &q->since;
  } else if (nl == 5 && cw_strncaseeq(name, "until", 5)) {
    slot = &q->until;
  } else {
    /* story:ID */
    char *end;
    long long id = strtoll(val, &end, 10);
    int bad = *end || id <= 0 || val[0] == '+' || val[0] == '-';
    free(val);
    if (bad)
      return cw_error_set(err, CW_ERR_USAGE, at,
                          "search: story:%.*s is not a story id", (int)vn, v);
    if (q->story_id)
      return cw_error_set(err, CW_ERR_USAGE, at,
                          "search: filter 'story:' given twice");
    q->story_id = id;
    return CW_OK;
  }
  if (*slot) {
    free(val);
    return cw_error_set(err, CW_ERR_USAGE, at,
                        "search: filter '%.*s:' given twice", (int)nl, name);
  }
  if (slot != &q->outlet && !valid_date(val)) {
    cw_status st = cw_error_set(
        err, CW_ERR_USAGE, at,
        "search: %.*s:%s is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)",
        (int)nl, name, val);
    free(val);
    return st;
  }
  *slot = val;
  return CW_OK;
}

static cw_status push_tok(parser *p, size_t *cap, token t) {
  if (p->ntoks == *cap) {
    size_t nc = *cap ? *cap * 2 : 16;
    token *nt = realloc(p->toks, nc * sizeof *nt);
    if (!nt)
      return cw_error_set(p->err, CW_ERR_NOMEM, 0, "search: out of memory");
    p->toks = nt;
    *cap = nc;
  }
  p->toks[p->ntoks++] = t;
  return CW_OK;
}

/* Splits the query into tokens, taking filters out as it goes. */
static cw_status lex(parser *p, cw_search_query *q) {
  const char *s = p->q;
  size_t i = 0, cap = 0;
  cw_status st;
  for (;;) {
    while (s[i] && cw_is_space((unsigned char)s[i]))
      i++;
    token t = {TOK_END, s + i, 0, 0, i};
    if (!s[i])
      return push_tok(p, &cap, t);
    if (s[i] == '(' || s[i] == ')') {
      t.kind = s[i] == '(' ? TOK_LPAREN : TOK_RPAREN;
      i++;
    } else if (s[i] == '"') {
      const char *close = strchr(s + i + 1, '"');
      if (!close)
        return cw_error_set(p->err, CW_ERR_USAGE, i,
                            "search: unterminated quote at byte %zu", i);
      t.kind = TOK_PHRASE;
      t.s = s + i + 1;
      t.n = (size_t)(close - t.s);
      i = (size_t)(close - s) + 1;
      while (s[i] == '*') {
        t.prefix = 1;
        i++;
      }
      if (!has_token_char(t.s, t.n))
        continue; /* "..." or "" matches nothing: drop it */
    } else {
      size_t start = i;
      /* a filter: letters, ':', then a quoted or bare value */
      size_t k = i;
      while ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))
        k++;
      /* "Warning: storm": a colon that ends a word is punctuation, unless
       * the word names a filter (then the value is missing: an error) */
      int ends_word = s[k] == ':' && (s[k + 1] == '\0' || s[k + 1] == ')' ||
                                      cw_is_space((unsigned char)s[k + 1]));
      if (k > i && s[k] == ':' && (!ends_word || filter_name(s + i, k - i))) {
        size_t nl = k - i;
        const char *name = s + i;
        /* an unknown name with a value is most likely a mistyped filter */
        if (!filter_name(name, nl))
          return cw_error_set(p->err, CW_ERR_USAGE, i,
                              "search: unknown filter '%.*s:' at byte %zu "
                              "(filters: outlet: since: until: story:)",
                              (int)nl, name, i);
        k++;
        const char *v = s + k;
        size_t vn;
        if (*v == '"') {
          const char *close = strchr(v + 1, '"');
          if (!close)
            return cw_error_set(p->err, CW_ERR_USAGE, k,
                                "search: unterminated quote at byte %zu", k);
          v++;
          vn = (size_t)(close - v);
          i = (size_t)(close - s) + 1;
        } else {
          vn = 0;
          while (!is_break(v[vn]))
            vn++;
          i = k + vn;
        }
        if ((st = set_filter(q, name, nl, v, vn, start, p->err)))
          return st;
        continue;
      }
      while (!is_break(s[i]))
        i++;
      t.s = s + start;
      t.n = i - start;
      while (t.n && t.s[t.n - 1] == '*') {
        t.prefix = 1;
        t.n--;
      }
      if (t.n == 3 && !memcmp(t.s, "AND", 3) && !t.prefix)
        t.kind = TOK_AND;
      else if (t.n == 2 && !memcmp(t.s, "OR", 2) && !t.prefix)
        t.kind = TOK_OR;
      else if (t.n == 3 && !memcmp(t.s, "NOT", 3) && !t.prefix)
        t.kind = TOK_NOT;
      else if (t.n == 0)
        return cw_error_set(p->err, CW_ERR_USAGE, start,
                            "search: '*' at byte %zu needs a word before it",
                            start);
      else if (!has_token_char(t.s, t.n))
        continue; /* punctuation only: FTS5 would find no token in it */
      else
        t.kind = TOK_WORD;
    }
    if ((st = push_tok(p, &cap, t)))
      return st;
  }
}

static const char *tok_name(const token *t) {
  switch (t->kind) {
  case TOK_END:
    return "the end of the query";
  case TOK_LPAREN:
    return "'('";
  case TOK_RPAREN:
    return "')'";
  case TOK_AND:
    return "'AND'";
  case TOK_OR:
    return "'OR'";
  case TOK_NOT:
    return "'NOT'";
  default:
    return "a word";
  }
}

static cw_status parse_or(parser *p);

static cw_status syntax(parser *p, const char *what) {
  const token *t = &p->toks[p->pos];
  return cw_error_set(p->err, CW_ERR_USAGE, t->at,
                      "search: %s, found %s at byte %zu", what, tok_name(t),
                      t->at);
}

static cw_status parse_primary(parser *p) {
  token *t = &p->toks[p->pos];
  if (t->kind == TOK_LPAREN) {
    if (++p->depth > CW_SEARCH_MAX_DEPTH)
      return cw_error_set(p->err, CW_ERR_TOO_BIG, t->at,
                          "search: parentheses nested deeper than %d",
                          CW_SEARCH_MAX_DEPTH);
    p->pos++;
    if (p->toks[p->pos].kind == TOK_RPAREN)
      return syntax(p, "empty parentheses");
    cw_buf_putc(&p->out, '(');
    cw_status st = parse_or(p);
    if (st)
      return st;
    if (p->toks[p->pos].kind != TOK_RPAREN)
      return syntax(p, "expected ')'");
    p->pos++;
    p->depth--;
    cw_buf_putc(&p->out, ')');
    return CW_OK;
  }
  if (t->kind == TOK_WORD || t->kind == TOK_PHRASE) {
    if (++p->terms > CW_SEARCH_MAX_TERMS)
      return cw_error_set(p->err, CW_ERR_TOO_BIG, t->at,
                          "search: more than %d words and phrases",
                          CW_SEARCH_MAX_TERMS);
    /* an FTS5 string: '"' doubled inside (a bare word holds none, a
     * phrase ends at one, but stay safe) */
    cw_buf_putc(&p->out, '"');
    for (size_t i = 0; i < t->n; i++) {
      if (t->s[i] == '"')
        cw_buf_putc(&p->out, '"');
      cw_buf_putc(&p->out, t->s[i]);
    }
    cw_buf_putc(&p->out, '"');
    if (t->prefix)
      cw_buf_putc(&p->out, '*');
    p->pos++;
    return CW_OK;
  }
  if (t->kind == TOK_AND || t->kind == TOK_OR || t->kind == TOK_NOT) {
    if (p->pos == 0 || p->toks[p->pos - 1].kind == TOK_LPAREN)
      return cw_error_set(p->err, CW_ERR_USAGE, t->at,
                          "search: %s at byte %zu needs a term before it",
                          tok_name(t), t->at);
    return cw_error_set(p->err, CW_ERR_USAGE, t->at,
                        "search: %s at byte %zu follows another operator",
                        tok_name(t), t->at);
  }
  if (t->kind == TOK_RPAREN)
    return cw_error_set(p->err, CW_ERR_USAGE, t->at,
                        "search: unbalanced ')' at byte %zu", t->at);
  /* TOK_END after an operator */
  const token *prev = p->pos ? &p->toks[p->pos - 1] : NULL;
  if (prev && prev->kind == TOK_LPAREN)
    return cw_error_set(p->err, CW_ERR_USAGE, prev->at,
                        "search: unbalanced '(' at byte %zu", prev->at);
  return cw_error_set(p->err, CW_ERR_USAGE, t->at,
                      "search: the query ends after %s",
                      prev ? tok_name(prev) : "nothing");
}

/* NOT binds tighter than AND, AND tighter than OR: FTS5's own order. */
static cw_status parse_not(parser *p) {
  cw_status st = parse_primary(p);
  while (!st && p->toks[p->pos].kind == TOK_NOT) {
    p->pos++;
    cw_buf_puts(&p->out, " NOT ");
    st = parse_primary(p);
  }
  return st;
}

static cw_status parse_and(parser *p) {
  cw_status st = parse_not(p);
  for (;;) {
    tok_kind k = p->toks[p->pos].kind;
    if (st || k == TOK_OR || k == TOK_RPAREN || k == TOK_END)
      return st;
    if (k == TOK_AND)
      p->pos++;
    /* explicit AND always: FTS5 refuses implicit AND after ')' */
    cw_buf_puts(&p->out, " AND ");
    st = parse_not(p);
  }
}

static cw_status parse_or(parser *p) {
  cw_status st = parse_and(p);
  while (!st && p->toks[p->pos].kind == TOK_OR) {
    p->pos++;
    cw_buf_puts(&p->out, " OR ");
    st = parse_and(p);
  }
  return st;
}

void cw_search_query_free(cw_search_query *q) {
  if (!q)
    return;
  free(q->fts);
  free(q->outlet);
  free(q->since);
  free(q->until);
  memset(q, 0, sizeof *q);
}

cw_status cw_search_query_parse(const char *text, cw_search_query *q,
                                cw_error *err) {
  memset(q, 0, sizeof *q);
  if (!text)
    text = "";
  if (strlen(text) > CW_SEARCH_MAX_QUERY)
    return cw_error_set(err, CW_ERR_TOO_BIG, 0,
                        "search: query longer than %d bytes",
                        CW_SEARCH_MAX_QUERY);
  parser p = {0};
  p.q = text;
  p.err = err;
  cw_buf_init(&p.out, (size_t)CW_SEARCH_MAX_QUERY * 4);
  cw_status st = lex(&p, q);
  if (!st && p.toks[0].kind != TOK_END) {
    st = parse_or(&p);
    if (!st && p.toks[p.pos].kind != TOK_END)
      st = p.toks[p.pos].kind == TOK_RPAREN
               ? cw_error_set(err, CW_ERR_USAGE, p.toks[p.pos].at,
                              "search: unbalanced ')' at byte %zu",
                              p.toks[p.pos].at)
               : syntax(&p, "expected the end of the query");
    if (!st && p.out.err)
      st = cw_error_set(err, p.out.err, 0, "search: out of memory");
    if (!st && !(q->fts = cw_buf_detach(&p.out)))
      st = cw_error_set(err, CW_ERR_NOMEM, 0, "search: out of memory");
  } else if (!st && !q->outlet && !q->since && !q->until && !q->story_id) {
    st = cw_error_set(err, CW_ERR_EMPTY, 0,
                      "search: the query has no words to look for");
  }
  cw_buf_free(&p.out);
  free(p.toks);
  if (st)
    cw_search_query_free(q);
  return st;
}

/* ---- running a search --------------------------------------------------- */

static json_t *jstr_or_null(const char *s) {
  return s ? json_string(s) : json_null();
}

/* The start of a text, cut at a word boundary (never inside a UTF-8
 * sequence), for filter-only queries. */
static json_t *lead_text(const char *text) {
  if (!text)
    return json_string("");
  size_t n = strlen(text);
  if (n <= LEAD_BYTES)
    return json_string(text);
  size_t cut = LEAD_BYTES;
  while (cut > LEAD_BYTES / 2 && text[cut] != ' ')
    cut--;
  while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
    cut--;
  cw_buf b;
  cw_buf_init(&b, 0);
  cw_buf_append(&b, text, cut);
  cw_buf_puts(&b, "…");
  json_t *j = b.err ? NULL : json_string(b.ptr);
  cw_buf_free(&b);
  return j;
}

/* SQL pieces shared by the two queries: the filters, bound as ?2..?5. */
#define FILTERS                                                                \
  " AND (?2 IS NULL OR a.outlet = ?2 COLLATE NOCASE)"                          \
  " AND (?3 IS NULL OR coalesce(a.published, a.added) >= ?3)"                  \
  " AND (?4 IS NULL OR substr(coalesce(a.published, a.added), 1,"              \
  "      length(?4)) <= ?4)"                                                   \
  " AND (?5 = 0 OR a.story_id = ?5)"

/* The newest (?7 at most) rows of from_where with an id in [?8, ?9] that
 * pass the filters: (id, rel, jd). Only the leading columns of an article
 * are read (the later ones sit behind its text, in overflow pages). */
#define NEWEST(rel, from_where, newest_first)                                  \
  "SELECT * FROM ("                                                            \
  " SELECT a.id, " rel " AS rel,"                                              \
  "  julianday(substr(coalesce(a.published, a.added), 1, 10)) AS jd"           \
  from_where " AND " newest_first " BETWEEN ?8 AND ?9" FILTERS                 \
  " ORDER BY " newest_first " DESC LIMIT ?7)"

/* The candidates (id, rel, jd) ranked by the recency blend; the best ?6
 * joined with their articles for what is shown. */
#define RANKED(text, candidates)                                               \
  "SELECT b.id, b.story_id, b.title, b.outlet, b.published, b.source_path,"    \
  " b.source_part, b.source_id, x.score, " text " FROM ("                      \
  " SELECT id, rel * (0.5 + 0.5 / (1.0 + (top - coalesce(jd, top)) "          \
  "  / " RECENCY_DAYS ")) AS score FROM ("                                     \
  "  SELECT *, max(jd) OVER () AS top FROM (" candidates "))"                  \
  " ORDER BY score DESC, id DESC LIMIT ?6) AS x"                               \
  " JOIN articles b ON b.id = x.id ORDER BY x.score DESC, x.id DESC"

#define CANDIDATES(text, rel, from_where, newest_first)                        \
  RANKED(text, NEWEST(rel, from_where, newest_first))

/* Words: FTS5 outermost, newest match first (its rowid order), BM25 for
 * the candidates alone. A story's id range bounds the walk for story:. */
static const char search_sql[] = CANDIDATES(
    "NULL AS text", "-bm25(articles_fts, " TITLE_WEIGHT ", 1.0)",
    " FROM articles_fts JOIN articles a INDEXED BY articles_search"
    " ON a.id = articles_fts.rowid"
    " WHERE articles_fts MATCH ?1",
    "articles_fts.rowid");

/* The same with BM25's IDF counted over the newest articles (cw_bm25,
 * the IDFs in ?10) when the archive holds more than the IDF window. */
static const char search_window_sql[] = CANDIDATES(
    "NULL AS text", "-cw_bm25(articles_fts, ?10, " TITLE_WEIGHT ", 1.0)",
    " FROM articles_fts JOIN articles a INDEXED BY articles_search"
    " ON a.id = articles_fts.rowid"
    " WHERE articles_fts MATCH ?1",
    "articles_fts.rowid");

/* Filters only: newest first, every score from recency alone. */
static const char filter_sql[] =
    CANDIDATES("b.text", "1.0",
               " FROM articles a INDEXED BY articles_search WHERE ?1 IS NULL",
               "a.id");

/* story: alone: the story's articles by its index. */
static const char filter_story_sql[] =
    CANDIDATES("b.text", "1.0",
               " FROM articles a WHERE ?1 IS NULL AND a.story_id = ?5",
               "a.id");

/* The rowid of the ?2-th newest match (0-based): where the window of the
 * newest SEARCH_WINDOW matches starts. */
static const char window_sql[] =
    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1"
    " ORDER BY rowid DESC LIMIT 1 OFFSET ?2";

/* The first and last article of a story (articles_by_story). */
static const char story_range_sql[] =
    "SELECT min(id), max(id) FROM articles WHERE story_id = ?1";

/* The oldest of the newest ?1 + 1 articles (the search index's own list
 * of rows, ~12 bytes each): where the IDF window starts, and whether the
 * archive holds more than the window. */
static const char idf_window_sql[] =
    "SELECT id FROM articles_fts_docsize ORDER BY id DESC LIMIT 2 OFFSET ?1";

/* The articles from ?2 on that match the phrase ?1. */
static const char idf_count_sql[] =
    "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1"
    " AND rowid >= ?2";

/* The newest article. */
static const char newest_sql[] = "SELECT max(id) FROM articles";

/* The snippets of the results ?7 (a JSON array of ids) between ids ?5
 * and ?6: '+rowid' keeps the list from FTS5, which would evaluate the
 * query once per id. */
static const char snippet_sql[] =
    "SELECT rowid, snippet(articles_fts, 1, ?2, ?3, '…', ?4),"
    " snippet(articles_fts, 0, ?2, ?3, '…', ?4)"
    " FROM articles_fts WHERE articles_fts MATCH ?1"
    " AND rowid BETWEEN ?5 AND ?6"
    " AND +rowid IN (SELECT value FROM json_each(?7))";

/* The same in a pass over every match from id ?5 on, which counts them
 * too (the IDF of a query of one phrase, see window_idfs): a second
 * evaluation of a prefix word costs as much as the first (FTS5 merges the
 * doclists of all its words, over the whole archive), a count and the
 * snippets in one pass are one evaluation instead of two. */
#define IN_RESULTS "+rowid IN (SELECT value FROM json_each(?7))"
static const char snippet_count_sql[] =
    "SELECT rowid,"
    " CASE WHEN " IN_RESULTS " THEN snippet(articles_fts, 1, ?2, ?3, '…', ?4)"
    " END,"
    " CASE WHEN " IN_RESULTS " THEN snippet(articles_fts, 0, ?2, ?3, '…', ?4)"
    " END"
    " FROM articles_fts WHERE articles_fts MATCH ?1 AND rowid >= ?5";

/* FTS5 reports bad expressions as plain SQLITE_ERROR "fts5: ..."; that is
 * the user's query, not a broken archive. */
static cw_status step_error(cw_store *s, cw_error *err) {
  const char *msg = sqlite3_errmsg(s->db);
  if (msg && !strncmp(msg, "fts5:", 5))
    return cw_error_set(err, CW_ERR_USAGE, 0, "search: bad query: %s", msg);
  return cw_sq_error(s, err, "search");
}

/* Runs sql (one row of at most two integers) with ?1 = text, or ?1 = n
 * when text is NULL, and ?2 = m; out[] gets the columns, left as it is
 * when there is no row or a column is NULL. */
static cw_status int_row(cw_store *s, const char *sql, const char *text,
                         int64_t n, int64_t m, int64_t out[2],
                         cw_error *err) {
  sqlite3_stmt *st;
  if (cw_sq_prep(s, sql, &st) != SQLITE_OK)
    return cw_sq_error(s, err, "search");
  if (text)
    cw_sq_bind_text(st, 1, text);
  else
    sqlite3_bind_int64(st, 1, n);
  if (sqlite3_bind_parameter_count(st) >= 2)
    sqlite3_bind_int64(st, 2, m);
  int step = sqlite3_step(st);
  cw_status rc = CW_OK;
  if (step == SQLITE_ROW) {
    for (int i = 0; i < 2 && i < sqlite3_column_count(st); i++)
      if (sqlite3_column_type(st, i) != SQLITE_NULL)
        out[i] = sqlite3_column_int64(st, i);
  } else if (step != SQLITE_DONE) {
    rc = step_error(s, err);
  }
  cw_sq_done(s, st);
  return rc;
}

/* The ids [range[0], range[1]] a query walks: a story's own range for
 * story:; for outlet:, since: and until:, the newest SEARCH_WINDOW matches
 * (of the words, or of all articles for filters alone); else every id. */
static cw_status walk_range(cw_store *s, const cw_search_query *q,
                            int64_t range[2], cw_error *err) {
  range[0] = 0;
  range[1] = INT64_MAX;
  if (q->story_id)
    return int_row(s, story_range_sql, NULL, q->story_id, 0, range, err);
  if (!q->outlet && !q->since && !q->until)
    return CW_OK;
  int64_t r[2] = {0, 0};
  cw_status rc;
  if (q->fts) {
    rc = int_row(s, window_sql, q->fts, 0, SEARCH_WINDOW - 1, r, err);
    range[0] = r[0];
  } else {
    rc = int_row(s, newest_sql, NULL, 0, 0, r, err);
    range[0] = r[0] > SEARCH_WINDOW ? r[0] - SEARCH_WINDOW + 1 : 0;
  }
  return rc;
}

/* Sets the "snippet" of each result of rows (their ids in ids) by one
 * pass of FTS5 over the query fts: the body's snippet, or the title's
 * when only the title matched. With count_from > 0 (a query of one phrase
 * ranked with IDF 1, see window_idfs), *hits gets the number of matches
 * from id count_from on: counted by the same pass when every result is in
 * that range (snippet_count_sql), else by a query of their own. */
static cw_status add_snippets(cw_store *s, const char *fts, const char *mo,
                              const char *mc, json_t *rows, json_t *ids,
                              int64_t count_from, int64_t *hits,
                              cw_error *err) {
  json_int_t lo = INT64_MAX, hi = 0;
  size_t i;
  json_t *v;
  json_array_foreach(ids, i, v) {
    json_int_t id = json_integer_value(v);
    lo = id < lo ? id : lo;
    hi = id > hi ? id : hi;
  }
  int counting = count_from > 0 && lo >= count_from;
  cw_status rc = CW_OK;
  if (count_from > 0 && !counting) {
    int64_t n[2] = {0, 0};
    if ((rc = int_row(s, idf_count_sql, fts, 0, count_from, n, err)))
      return rc;
    *hits = n[0];
  }
  sqlite3_stmt *snip;
  if (sqlite3_prepare_v2(s->db, counting ? snippet_count_sql : snippet_sql,
                         -1, &snip, NULL) != SQLITE_OK)
    return cw_sq_error(s, err, "search");
  char *list = json_dumps(ids, JSON_COMPACT);
  if (!list) {
    sqlite3_finalize(snip);
    return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
  }
  cw_sq_bind_text(snip, 1, fts);
  cw_sq_bind_text(snip, 2, mo);
  cw_sq_bind_text(snip, 3, mc);
  sqlite3_bind_int(snip, 4, SNIPPET_TOKENS);
  if (counting) {
    sqlite3_bind_int64(snip, 5, count_from);
  } else {
    sqlite3_bind_int64(snip, 5, lo);
    sqlite3_bind_int64(snip, 6, hi);
  }
  sqlite3_bind_text(snip, 7, list, -1, SQLITE_TRANSIENT);
  free(list);
  int step;
  while ((step = sqlite3_step(snip)) == SQLITE_ROW) {
    json_int_t id = sqlite3_column_int64(snip, 0);
    if (counting) {
      (*hits)++;
      if (sqlite3_column_type(snip, 1) == SQLITE_NULL)
        continue; /* a match that is not a result */
    }
    const char *body = cw_sq_col_text(snip, 1);
    const char *title = cw_sq_col_text(snip, 2);
    const char *best = body && strstr(body, mo)     ? body
                       : title && strstr(title, mo) ? title
                       : body                       ? body
                                                    : "";
    json_array_foreach(ids, i, v) {
      if (json_integer_value(v) == id)
        json_object_set_new(json_array_get(rows, i), "snippet",
                            json_string(best));
    }
  }
  if (step != SQLITE_DONE)
    rc = step_error(s, err);
  sqlite3_finalize(snip);
  return rc;
}

/* ---- BM25 with the IDF of the newest articles ---------------------------
 *
 * FTS5's bm25() counts, once per query, the rows matching each phrase in
 * the whole archive (its IDF): a pass over every match, 5 ms for a common
 * word and 25 ms for a phrase at 1M articles, growing with the archive.
 * Past SEARCH_IDF_WINDOW articles the IDF is counted over the newest
 * SEARCH_IDF_WINDOW instead (one bounded count per phrase, FTS5 seeking to
 * the window's first row) and given to cw_bm25, which is bm25() (same
 * formula, same order of operations) with those IDFs. A smaller archive
 * is ranked by bm25() itself. */

/* bm25()'s constants. */
#define BM25_K1 1.2
#define BM25_B 0.75

/* The IDF of a phrase found in hits of n articles (bm25()'s formula and
 * floor). */
static double bm25_idf(int64_t n, int64_t hits) {
  double idf = log(((double)n - (double)hits + 0.5) / ((double)hits + 0.5));
  return idf <= 0.0 ? 1e-6 : idf;
}

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts,
                     void *n) {
  (void)api;
  (void)fts;
  (*(sqlite3_int64 *)n)++;
  return SQLITE_OK;
}

typedef struct bm25_data {
  int nphrase;
  double avgdl;
  double *idf, *freq;
} bm25_data;

/* cw_bm25(articles_fts, IDFS, W0, W1...): IDFS a blob of one double per
 * phrase of the query, in the order of the phrases (if it is not, each
 * phrase is counted in the whole archive, as bm25() does); W the weight of
 * each column. The row's score, negative as bm25()'s. */
static void cw_bm25(const Fts5ExtensionApi *api, Fts5Context *fts,
                    sqlite3_context *ctx, int nval, sqlite3_value **val) {
  bm25_data *d = api->xGetAuxdata(fts, 0);
  int rc = SQLITE_OK;
  if (!d) {
    int np = api->xPhraseCount(fts);
    d = sqlite3_malloc64(sizeof *d + 2 * (size_t)np * sizeof(double) + 1);
    if (!d) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    d->nphrase = np;
    d->idf = (double *)(d + 1);
    d->freq = d->idf + np;
    sqlite3_int64 nrow = 0, ntok = 0;
    if ((rc = api->xRowCount(fts, &nrow)) == SQLITE_OK)
      rc = api->xColumnTotalSize(fts, -1, &ntok);
    d->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 1.0;
    if (nval >= 1 && np > 0 &&
        sqlite3_value_bytes(val[0]) == np * (int)sizeof(double)) {
      memcpy(d->idf, sqlite3_value_blob(val[0]), (size_t)np * sizeof(double));
    } else {
      for (int i = 0; rc == SQLITE_OK && i < np; i++) {
        sqlite3_int64 hits = 0;
        rc = api->xQueryPhrase(fts, i, &hits, count_row);
        d->idf[i] = bm25_idf(nrow, hits);
      }
    }
    if (rc == SQLITE_OK)
      rc = api->xSetAuxdata(fts, d, sqlite3_free);
    else
      sqlite3_free(d);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
  }
  memset(d->freq, 0, (size_t)d->nphrase * sizeof(double));
  int ninst = 0, ntok = 0;
  rc = api->xInstCount(fts, &ninst);
  for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
    int ip, ic, io;
    rc = api->xInst(fts, i, &ip, &ic, &io);
    if (rc == SQLITE_OK && ip >= 0 && ip < d->nphrase)
      d->freq[ip] += nval > ic + 1 ? sqlite3_value_double(val[ic + 1]) : 1.0;
  }
  if (rc == SQLITE_OK)
    rc = api->xColumnSize(fts, -1, &ntok);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  double score = 0.0, dl = (double)ntok;
  for (int i = 0; i < d->nphrase; i++)
    score += d->idf[i] * ((d->freq[i] * (BM25_K1 + 1.0)) /
                          (d->freq[i] + BM25_K1 * (1 - BM25_B + BM25_B * dl /
                                                                   d->avgdl)));
  sqlite3_result_double(ctx, -1.0 * score);
}

/* Registers cw_bm25 with the connection's FTS5. */
static int register_bm25(sqlite3 *db) {
  fts5_api *api = NULL;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
    return SQLITE_ERROR;
  sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
  sqlite3_step(st);
  sqlite3_finalize(st);
  if (!api || api->iVersion < 2)
    return SQLITE_ERROR;
  return api->xCreateFunction(api, "cw_bm25", NULL, cw_bm25, NULL);
}

/* The phrases of an FTS5 expression made by the parser, in order (FTS5's
 * numbering): each a quoted string ('"' doubled inside) maybe followed by
 * '*'. The first max are copied into out (NUL-separated; strlen(fts) + max
 * bytes suffice) and pointed at from at[]; returns how many there are. */
static size_t phrases_of(const char *fts, char *out, const char **at,
                         size_t max) {
  size_t n = 0;
  for (const char *p = fts; *p;) {
    if (*p != '"') {
      p++;
      continue;
    }
    const char *start = p++;
    for (; *p; p++) {
      if (*p == '"') {
        if (p[1] != '"')
          break;
        p++;
      }
    }
    if (*p)
      p++;
    while (*p == '*')
      p++;
    if (n < max) {
      memcpy(out, start, (size_t)(p - start));
      out[p - start] = '\0';
      at[n] = out;
      out += p - start + 1;
    }
    n++;
  }
  return n;
}

/* The IDF of each phrase of fts over the newest window articles, as a
 * blob for cw_bm25 (*idfs, *nidfs bytes); *idfs NULL when the archive
 * holds no more than window articles (bm25() ranks it). A query of one
 * phrase gets IDF 1 and *count_from the window's first id: its IDF
 * multiplies every score alike, so it is counted afterwards, by the pass
 * that makes the snippets, and applied to the results' scores. */
static cw_status window_idfs(cw_store *s, const char *fts, int64_t window,
                             double **idfs, int *nidfs, int64_t *count_from,
                             cw_error *err) {
  *idfs = NULL;
  *nidfs = 0;
  *count_from = 0;
  sqlite3_stmt *st;
  if (cw_sq_prep(s, idf_window_sql, &st) != SQLITE_OK)
    return cw_sq_error(s, err, "search");
  sqlite3_bind_int64(st, 1, window - 1);
  int64_t lo = 0;
  int rows = 0, step;
  while ((step = sqlite3_step(st)) == SQLITE_ROW)
    if (rows++ == 0)
      lo = sqlite3_column_int64(st, 0);
  cw_sq_done(s, st);
  if (step != SQLITE_DONE)
    return cw_sq_error(s, err, "search");
  if (rows < 2)
    return CW_OK;
  size_t len = strlen(fts);
  char *buf = malloc(len + CW_SEARCH_MAX_TERMS + 1);
  const char *at[CW_SEARCH_MAX_TERMS];
  double *v = malloc(CW_SEARCH_MAX_TERMS * sizeof *v);
  cw_status rc = CW_OK;
  if (!buf || !v) {
    rc = cw_error_set(err, CW_ERR_NOMEM, 0, "search: out of memory");
    goto done;
  }
  size_t n = phrases_of(fts, buf, at, CW_SEARCH_MAX_TERMS);
  if (n == 1) {
    v[0] = 1.0;
    *count_from = lo;
  }
  for (size_t i = 0; i < n && n > 1 && i < CW_SEARCH_MAX_TERMS && !rc; i++) {
    int64_t hits[2] = {0, 0};
    if (!(rc = int_row(s, idf_count_sql, at[i], 0, lo, hits, err)))
      v[i] = bm25_idf(window, hits[0]);
  }
  if (!rc && n <= CW_SEARCH_MAX_TERMS) {
    *idfs = v;
    *nidfs = (int)(n * sizeof *v);
    v = NULL;
  }
done:
  free(buf);
  free(v);
  return rc;
}

cw_status cw_store_search(cw_store *s, const char *query,
                          const cw_search_opts *opts, cw_json_sink sink,
                          void *ctx, cw_error *err) {
  return cw_search_run(s, query, opts, SEARCH_IDF_WINDOW, sink, ctx, err);
}

cw_status cw_search_run(cw_store *s, const char *query,
                        const cw_search_opts *opts, int64_t idf_window,
                        cw_json_sink sink, void *ctx, cw_error *err) {
  cw_search_query q;
  cw_status rc = cw_search_query_parse(query, &q, err);
  if (rc)
    return rc;
  size_t limit = opts && opts->limit ? opts->limit : CW_SEARCH_DEFAULT_LIMIT;
  const char *mo = opts && opts->mark_open ? opts->mark_open : "«";
  const char *mc = opts && opts->mark_close ? opts->mark_close : "»";
  sqlite3_stmt *st = NULL;
  const char *sql = q.fts       ? search_sql
                    : q.story_id ? filter_story_sql
                                 : filter_sql;
  int64_t range[2];
  double *idfs = NULL;
  int nidfs = 0;
  int64_t count_from = 0, hits = 0;
  if ((rc = walk_range(s, &q, range, err)))
    goto done;
  if (q.fts && idf_window > 0 &&
      (rc = window_idfs(s, q.fts, idf_window, &idfs, &nidfs, &count_from,
                        err)))
    goto done;
  if (idfs) {
    sql = search_window_sql;
    /* cw_bm25 is registered by the first search that needs it */
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK &&
        register_bm25(s->db) == SQLITE_OK)
      sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  } else {
    sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  }
  if (!st) {
    rc = cw_sq_error(s, err, "search");
    goto done;
  }
  cw_sq_bind_text(st, 1, q.fts);
  cw_sq_bind_text(st, 2, q.outlet);
  cw_sq_bind_text(st, 3, q.since);
  cw_sq_bind_text(st, 4, q.until);
  sqlite3_bind_int64(st, 5, q.story_id);
  sqlite3_bind_int64(st, 6, limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
  /* -1: no LIMIT (a limit so large that 10x would overflow) */
  int64_t k = limit > (size_t)(INT64_MAX / 10) ? -1
              : limit * 10 > SEARCH_CANDIDATES ? (int64_t)limit * 10
                                               : SEARCH_CANDIDATES;
  sqlite3_bind_int64(st, 7, k);
  sqlite3_bind_int64(st, 8, range[0]);
  sqlite3_bind_int64(st, 9, range[1]);
  if (idfs)
    sqlite3_bind_blob(st, 10, idfs, nidfs, SQLITE_TRANSIENT);
  /* the results, in order; the snippets of all of them in one pass of
   * FTS5 afterwards (one evaluation of the query, not one per result:
   * a prefix word's doclist is built once) */
  json_t *rows = json_array(), *ids = json_array();
  int step;
  while (rows && ids && (step = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0);
    double score = sqlite3_column_double(st, 8);
    if (!count_from) /* else rounded once multiplied by the IDF */
      score = round(score * 1e6) / 1e6;
    json_t *src = json_pack(
        "{s:o,s:i,s:o}", "path", jstr_or_null(cw_sq_col_text(st, 5)), "part",
        sqlite3_column_int(st, 6), "id", jstr_or_null(cw_sq_col_text(st, 7)));
    json_t *snippet =
        q.fts ? json_string("") : lead_text(cw_sq_col_text(st, 9));
    json_t *o = json_pack(
        "{s:I,s:I,s:o,s:o,s:o,s:f,s:o,s:o}", "article_id", (json_int_t)id,
        "story_id", (json_int_t)sqlite3_column_int64(st, 1), "title",
        jstr_or_null(cw_sq_col_text(st, 2)), "outlet",
        jstr_or_null(cw_sq_col_text(st, 3)), "published",
        jstr_or_null(cw_sq_col_text(st, 4)), "score", score, "snippet",
        snippet ? snippet : json_string(""), "source", src ? src : json_null());
    if (!o || json_array_append_new(rows, o) ||
        json_array_append_new(ids, json_integer((json_int_t)id))) {
      rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
      break;
    }
  }
  if (!rows || !ids)
    rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
  if (!rc && step != SQLITE_ROW && step != SQLITE_DONE)
    rc = step_error(s, err);
  if (!rc && q.fts && json_array_size(ids))
    rc = add_snippets(s, q.fts, mo, mc, rows, ids, count_from, &hits, err);
  size_t i;
  json_t *o;
  json_array_foreach(rc || !count_from ? NULL : rows, i, o) {
    json_t *sc = json_object_get(o, "score");
    json_real_set(sc, round(json_real_value(sc) *
                            bm25_idf(idf_window, hits) * 1e6) /
                          1e6);
  }
  json_array_foreach(rc ? NULL : rows, i, o) {
    /* 9 significant digits: the score's rounding to 1e-6, without the
     * binary noise %.17g would show */
    char *js = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                 JSON_REAL_PRECISION(9));
    if (!js) {
      rc = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", s->path);
      break;
    }
    int stop = sink(ctx, js, strlen(js));
    free(js);
    if (stop)
      break;
  }
  json_decref(rows);
  json_decref(ids);
done:
  free(idfs);
  sqlite3_finalize(st);
  cw_search_query_free(&q);
  return rc;
}
