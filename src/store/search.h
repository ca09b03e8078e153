/* search.h - the query language of `crosswire search`, parsed apart from
 * SQLite so it can be tested on its own (private to src/store and the unit
 * tests).
 *
 * A query is free text with FTS5-style operators and filters:
 *   harbor strike            both words (implicit AND)
 *   "walked out"             a phrase
 *   strik*                   a prefix
 *   a OR b, a AND b, a NOT b boolean operators (upper case only, as in
 *                            FTS5; lower-case "and" is a word)
 *   ( ... )                  grouping
 *   outlet:NAME  outlet:"Two Words"   one outlet (case-insensitive)
 *   since:DATE  until:DATE   published on/after, on/before (ISO 8601 date
 *                            or a prefix of one: until:2025-06 = June too)
 *   story:ID                 articles of one story
 * The parser rewrites the text part into a safe FTS5 expression in which
 * every word is a quoted string, so no user text can reach FTS5 as syntax
 * (column filters, NEAR, ^), and rejects malformed input with a message.
 */
#ifndef CW_STORE_SEARCH_H
#define CW_STORE_SEARCH_H

#include "core/core.h"
#include "crosswire.h"

#include <stdint.h>

/* Limits against hostile queries: a search box never needs more. */
#define CW_SEARCH_MAX_QUERY 2048 /* bytes of query text */
#define CW_SEARCH_MAX_DEPTH 16   /* nested parentheses */
#define CW_SEARCH_MAX_TERMS 64   /* words and phrases */

typedef struct cw_search_query {
  char *fts;        /* FTS5 MATCH expression; NULL when only filters */
  char *outlet;     /* outlet:NAME or NULL */
  char *since;      /* since:DATE or NULL */
  char *until;      /* until:DATE or NULL */
  int64_t story_id; /* story:ID or 0 */
} cw_search_query;

/* Parses text into q (which the caller releases with
 * cw_search_query_free). CW_ERR_USAGE with a message naming the problem
 * for malformed queries, CW_ERR_EMPTY for a query with neither words nor
 * filters, CW_ERR_TOO_BIG past the limits above. */
cw_status cw_search_query_parse(const char *text, cw_search_query *q,
                                cw_error *err);
void cw_search_query_free(cw_search_query *q);

/* cw_store_search with the IDF of BM25 counted over the newest idf_window
 * articles once the archive holds more (cw_store_search: 50,000); 0 counts
 * it over the whole archive. For the tests, which cannot build an archive
 * of 50,000 articles. */
cw_status cw_search_run(cw_store *s, const char *query,
                        const cw_search_opts *opts, int64_t idf_window,
                        cw_json_sink sink, void *ctx, cw_error *err);

#endif
