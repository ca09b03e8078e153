/* deep.c - the second pass of analysis: time expressions, quotations and
 * facts over an article cw_analyze() has already read, and the Analysis
 * JSON of DESIGN.md.
 *
 * Kept apart from analyze.c because clustering needs only the first pass:
 * the archive asks for the deep pass once per stored article, the
 * `analyze` command for every article it prints.
 */
#include "analyze/analyze.h"
#include "analyze/facts.h"
#include "analyze/quotes.h"
#include "analyze/times.h"

#include <jansson.h>
#include <string.h>

cw_status cw_analyze_deep(cw_analysis *a, const char *text, size_t len,
                          const char *dct) {
  if (!a || (!text && len))
    return CW_ERR_USAGE;
  if (!text)
    text = "";
  cw_status st;
  if ((st = cw_times_find_an(text, len, dct, a, a->arena, &a->times,
                             &a->n_times)) ||
      (st = cw_quotes_find(text, len, a, &a->quotes, &a->n_quotes)))
    return st;
  return cw_facts_find(text, len, a, &a->facts, &a->n_facts);
}

static json_t *str_or_null(const char *s) {
  return s ? json_string(s) : json_null();
}

static json_t *span_text(const char *text, size_t start, size_t end) {
  return json_stringn(text + start, end - start);
}

static json_t *entities_json(const cw_analysis *a, const char *text) {
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < a->n_entities; i++) {
    const cw_entity *e = &a->entities[i];
    json_t *aliases = json_array(), *roles = json_array(),
           *mentions = json_array();
    for (size_t k = 0; k < e->n_aliases; k++)
      json_array_append_new(aliases, json_string(e->aliases[k]));
    for (size_t k = 0; k < e->n_roles; k++)
      json_array_append_new(roles, json_string(e->roles[k]));
    for (size_t k = 0; k < e->n_mentions; k++) {
      const cw_mention *m = &e->mentions[k];
      json_t *mj = json_pack("{s:I, s:I, s:o, s:o}", "start",
                             (json_int_t)m->start, "end", (json_int_t)m->end,
                             "text", span_text(text, m->start, m->end),
                             "role", str_or_null(m->role));
      /* "the Tesla CEO": a description of the person, not a name */
      if (mj && m->description)
        json_object_set_new(mj, "description", json_true());
      json_array_append_new(mentions, mj);
    }
    json_array_append_new(
        arr, json_pack("{s:I, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)i,
                       "name", e->name, "type",
                       cw_entity_type_name(e->type), "aliases", aliases,
                       "roles", roles, "mentions", mentions));
  }
  return arr;
}

static json_t *facts_json(const cw_analysis *a, const char *text) {
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < a->n_facts; i++) {
    const cw_fact *f = &a->facts[i];
    json_t *o = json_pack("{s:I, s:I, s:o, s:s, s:s, s:s}", "start",
                          (json_int_t)f->start, "end", (json_int_t)f->end,
                          "text", span_text(text, f->start, f->end), "kind",
                          cw_fact_kind_name(f->kind), "subject", f->subject,
                          "value", f->value);
    if (o && f->kind != CW_FACT_ROLE)
      json_object_set_new(o, "number", json_real(f->number));
    json_array_append_new(arr, o);
  }
  return arr;
}

static json_t *times_json(const cw_analysis *a, const char *text) {
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < a->n_times; i++) {
    const cw_timex *t = &a->times[i];
    json_array_append_new(
        arr, json_pack("{s:I, s:I, s:o, s:s, s:s}", "start",
                       (json_int_t)t->start, "end", (json_int_t)t->end, "text",
                       span_text(text, t->start, t->end), "type",
                       cw_timex_type_name(t->type), "value",
                       t->value ? t->value : ""));
  }
  return arr;
}

static json_t *quotes_json(const cw_analysis *a) {
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < a->n_quotes; i++) {
    const cw_quote *q = &a->quotes[i];
    json_t *span = q->speaker_end > q->speaker_start
                       ? json_pack("[I, I]", (json_int_t)q->speaker_start,
                                   (json_int_t)q->speaker_end)
                       : json_null();
    json_array_append_new(
        arr,
        json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "start",
                  (json_int_t)q->start, "end", (json_int_t)q->end, "text",
                  q->text ? q->text : "", "kind", cw_quote_kind_name(q->kind),
                  "speaker", str_or_null(q->speaker), "speaker_entity",
                  q->speaker_entity >= 0 ? json_integer(q->speaker_entity)
                                         : json_null(),
                  "speaker_span", span, "cue", str_or_null(q->cue), "channel",
                  str_or_null(q->channel)));
  }
  return arr;
}

json_t *cw_analysis_json(const cw_analysis *a, const char *text) {
  if (!text)
    text = "";
  return json_pack("{s:o, s:o, s:o, s:o}", "entities", entities_json(a, text),
                   "times", times_json(a, text), "quotes",
                   quotes_json(a), "facts", facts_json(a, text));
}
