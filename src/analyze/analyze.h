/* analyze.h - what an article says: its sentences, the people,
 * organisations and places it names (with their aliases and roles), and a
 * bag of stemmed terms for clustering.
 *
 * This is the first cut of analysis: entities come from runs of
 * capitalised words with role words split off, joined within one article
 * by surname and acronym. Time expressions, quotes and facts come later and
 * will be added as further arrays of cw_analysis, never by changing the
 * fields below.
 */
#ifndef CW_ANALYZE_H
#define CW_ANALYZE_H

#include "core/core.h"
#include "text/text.h"

typedef struct cw_mention {
  size_t start, end; /* the name's bytes in the text, without role words and
                        without a possessive "'s" */
  /* Role words before the name in this mention ("US President", "former
   * President", "Tesla CEO", "Mr"), NULL when there are none. */
  const char *role;
  /* 1 for a description joined to the person ("the Tesla CEO", "the
   * president": start/end cover its words after "the"); 0 for a name. */
  int description;
} cw_mention;

typedef enum cw_entity_type {
  CW_ENT_UNKNOWN = 0,
  CW_ENT_PERSON,
  CW_ENT_ORG,
  CW_ENT_PLACE
} cw_entity_type;

typedef struct cw_entity {
  /* Canonical name: the longest full form, honorifics and titles stripped
   * ("Elon Musk"). */
  const char *name;
  cw_entity_type type;
  /* Distinct surface forms other than name: "Musk", "Mr Musk", "DOGE". */
  const char **aliases;
  size_t n_aliases;
  /* Distinct roles, e.g. "US President"; bare honorifics (Mr, Ms, Mrs,
   * Miss, Mx) are kept on the mention but are not roles of the entity. */
  const char **roles;
  size_t n_roles;
  cw_mention *mentions; /* in text order */
  size_t n_mentions;
} cw_entity;

/* A description of a person that its article alone does not resolve:
 * "the Tesla CEO" where two people it could be are named, or no one near
 * holds a role that fits. cw_analyses_join() resolves it against what the
 * other articles analysed with it say. */
typedef struct cw_open_desc {
  size_t start, end; /* as a description's mention: "the" to its head */
  const char *alias; /* "the Tesla CEO", as the text writes it */
  /* Its words that say which office, lower case, one space apart
   * ("tesla ceo"; place words and adjectives such as "US" or "new" left
   * out), and the rank words among them ("former"), "" for none. */
  const char *need, *ranks;
} cw_open_desc;

typedef struct cw_term {
  const char *term; /* stemmed, case-folded word, or "e:" + folded name */
  float tf;         /* occurrences; title words count twice */
  int is_name;      /* 1 for an entity term "e:..." */
} cw_term;

typedef struct cw_analysis {
  cw_arena *arena; /* owns everything below but own_tokens */
  cw_span *sentences;
  size_t n_sentences;
  cw_entity *entities; /* ordered by first mention */
  size_t n_entities;
  cw_term *terms; /* sorted by term (strcmp), unique */
  size_t n_terms;
  /* The tokens of the text (cw_text_tokens with the sentences above) and
   * its length, kept for cw_analyze_deep(): one tokenisation per article.
   * NULL in an analysis made by hand; users should not rely on them.
   * cw_analyze() hands over its token vector rather than copying it into
   * the arena: own_tokens, freed by cw_analysis_free(), whatever tokens
   * is set to later. */
  cw_token *tokens;
  size_t n_tokens, text_len;
  cw_token *own_tokens;
  /* Also for cw_analyze_deep(), beside tokens (NULL in an analysis made
   * by hand): token_word[i] indexes words when token i is ASCII without a
   * NUL byte, so that words[token_word[i]] is its lower case; -1 for the
   * other tokens. words (n_words) are the article's distinct folded
   * words, NUL-terminated. */
  int32_t *token_word;
  const char **words;
  size_t n_words;
  /* Filled by cw_analyze_deep(), empty after cw_analyze() alone: */
  struct cw_timex *times; /* time expressions, text order (times.h) */
  size_t n_times;
  struct cw_quote *quotes; /* quotations with speakers (quotes.h) */
  size_t n_quotes;
  struct cw_fact *facts; /* numbers and roles (facts.h) */
  size_t n_facts;
  /* Filled by cw_analyze(): the descriptions left unresolved, text order
   * (at most 64). */
  cw_open_desc *open_descs;
  size_t n_open_descs;
} cw_analysis;

/* Names longer than this many words are cut: real names (with "of", "de",
 * initials) stay well under it, and the bound keeps a run of capitalised
 * noise from becoming one giant entity. */
#define CW_NAME_MAX_WORDS 8
/* Role words taken before a name ("former deputy US Secretary of State"
 * fits); longer runs of title-like words are noise. */
#define CW_ROLE_MAX_WORDS 6

/* Analyses one article. title (NUL-terminated, may be NULL) contributes
 * terms only (counted twice); text [text, text + len) is the body, which
 * every span refers to. Terms: stemmed, case-folded content words (no
 * stopwords, no punctuation, numbers of three or more characters), plus
 * one term "e:" + folded canonical name per entity with is_name = 1 and
 * tf = its number of mentions.
 *
 * On success *out is a new analysis the caller frees with
 * cw_analysis_free(). Returns CW_OK, CW_ERR_NOMEM, or CW_ERR_USAGE for a
 * NULL text with len > 0 or a NULL out. Linear in the text's length;
 * thread safe (no shared state). */
cw_status cw_analyze(const char *title, const char *text, size_t len,
                     cw_analysis **out);

/* Adds time expressions (normalised against dct, "YYYY-MM-DD" or a full
 * ISO 8601 time, NULL when unknown), quotations and facts to a, which
 * cw_analyze() made from the same [text, text + len). Returns CW_OK or
 * CW_ERR_NOMEM (a then holds what was found before). */
cw_status cw_analyze_deep(cw_analysis *a, const char *text, size_t len,
                          const char *dct);

/* Joins the open descriptions of each of the n analyses (its
 * open_descs) to one of its people when the articles together say who
 * holds that office: a person whose role fits the description ("US
 * President" fits "the US President" and "the president", "former
 * President" does not), or whom another article's description of the same
 * words resolved to ("the Tesla CEO"), counts two for each article that
 * gives such a role and one for each that gives only such an alias. The
 * person is joined (a mention, the alias, the quotes attributed to the
 * description) when named in the article by the same name, with at least
 * two, and more than twice any other person named there. A description
 * joined leaves open_descs. Analyses made alone are unchanged by a call
 * with n = 1 but for roles outside the description's window. Returns CW_OK
 * or CW_ERR_NOMEM (the analyses then hold what was joined before). */
cw_status cw_analyses_join(cw_analysis *const *v, size_t n);

struct json_t;
/* The Analysis contract of DESIGN.md without its "article" member:
 * {"entities", "times", "quotes", "facts"}, offsets into text. Returns a
 * new jansson object (caller decrefs), NULL when out of memory. */
struct json_t *cw_analysis_json(const cw_analysis *a, const char *text);

/* Frees a; NULL does nothing. */
void cw_analysis_free(cw_analysis *a);

/* Static English name of a type: "UNKNOWN", "PERSON", "ORG", "PLACE". */
const char *cw_entity_type_name(cw_entity_type type);

#endif
