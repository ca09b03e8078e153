/* quotes.h - who said what: direct, partial and indirect quotations with
 * their speaker, cue verb and channel.
 *
 * Runs after entity analysis: the speaker is resolved to one of the
 * article's entities (aliases, roles such as "the president", pronouns to
 * the nearest compatible person).
 */
#ifndef CW_QUOTES_H
#define CW_QUOTES_H

#include "analyze/analyze.h"

typedef enum cw_quote_kind {
  CW_QUOTE_DIRECT = 0, /* a whole sentence or more in quote marks */
  CW_QUOTE_PARTIAL,    /* quoted words inside a sentence of the writer */
  CW_QUOTE_INDIRECT    /* reported speech: "X said that ...", "according to" */
} cw_quote_kind;

typedef struct cw_quote {
  /* Byte span in the text. Direct and partial: the quoted words with their
   * marks. Indirect: the reported clause, from "that" when there is one
   * ("Drozd stated [that the pipeline was safe]"). A quote running over
   * several paragraphs, or split by its attribution ("We will win," she
   * said, "and soon."), is reported as one quote per piece; a reported
   * clause split so ("The levy, she said, will pass") as one span whose
   * text leaves the attribution out ("The levy will pass"). */
  size_t start, end;
  cw_quote_kind kind;
  const char *text;     /* the quoted words without marks (indirect:
                           the clause without "that"; "whether", "how"
                           stay), in the arena */
  long speaker_entity;  /* index into the analysis' entities, or -1 */
  const char *speaker;  /* resolved name (entity name or the span's text;
                           a relative pronoun: the noun phrase before it),
                           NULL when unknown */
  size_t speaker_start, speaker_end; /* the mention attributed (a pronoun
                                        too); both 0 when none */
  const char *cue;      /* reporting verb as written ("said", "wrote"), or
                           NULL */
  const char *channel;  /* "X", "Truth Social", "statement", ... or NULL;
                           "According to the Ledger, an official stated
                           that ...": "Ledger", where the words of the
                           official were reported */
} cw_quote;

/* Finds the quotations of the analysed text an (its sentences and entities
 * refer to [text, text + len)), in text order (by start). *out (NULL when
 * none) and every string in it live in an->arena and are freed with the
 * analysis; *n receives the count, at most QUOTES_MAX (4096, see
 * quotes.c). Straight, curly, single and double marks and '' pairs are
 * recognised; apostrophes (don't, Musk's, voters', '90s, rock 'n' roll)
 * are not quotes. Invalid UTF-8 is tolerated. Linear in the text's length.
 * Returns CW_OK, CW_ERR_NOMEM, or CW_ERR_USAGE for a NULL an, out or n, or
 * a NULL text with len > 0. Thread safe: the analysis is only read, except
 * for allocations in its arena, so one analysis must not be used by two
 * calls at once. */
cw_status cw_quotes_find(const char *text, size_t len, const cw_analysis *an,
                         cw_quote **out, size_t *n);

/* "direct", "partial", "indirect". */
const char *cw_quote_kind_name(cw_quote_kind kind);

/* Whether q reports words someone said, wrote or holds, decided from the
 * fields stored with the article (kind, cue, text, span), so that a quote
 * read back from the archive is judged as the one just found: 1 for a
 * direct or partial quote, a transcript line (indirect, no cue), and an
 * indirect quote whose cue is a verb of saying, writing, stating,
 * believing or arguing of the finder's tables ("said", "told", "wrote",
 * "believes", "warned", "urged", "according to") or a report noun with its
 * "that" clause ("his claim that ..."); 0 for what the source did or wants
 * ("turned his attention to", "declined to comment", "wants a vote",
 * "responded to requests"), for what a document, poll or video shows
 * ("the records showed that ..."), for the object of a stance noun ("his
 * criticism of the levy"), for an indirect text of one word or a bare
 * name ("attacked Jane Roe"), and for a NULL q. The cue is matched without
 * regard to case. Thread safe. */
int cw_quote_is_utterance(const cw_quote *q);

#endif
