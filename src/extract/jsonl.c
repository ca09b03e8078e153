/* jsonl.c - JSON lines input: one article object per line.
 *
 * {"id", "title", "text", "published", "outlet", "url"}; only "text" is
 * required. A line that is not a JSON object, or has no text, is skipped
 * with a warning naming the line, so one bad record does not cost the batch.
 * Strings are NFC-normalised (JSON escapes can spell decomposed forms) and
 * the text's paragraphs are normalised to one blank line between them.
 */
#include "extract/extract.h"

#include "core/time.h"
#include "ingest/ingest.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest line we parse: a record larger than the input cap cannot exist,
 * but a single line is also bounded so one runaway record is reported. */
#define JSONL_MAX_LINE ((size_t)16 << 20)

static char *nfc_dup(cw_articles *list, const char *s, size_t n) {
  cw_buf b;
  cw_buf_init(&b, 0);
  char *r = cw_nfc_append(&b, s, n) || b.err
                ? NULL
                : cw_articles_strndup(list, b.ptr ? b.ptr : "", b.len);
  cw_buf_free(&b);
  return r;
}

/* Copies a body: lines trimmed, runs of blank lines become one blank line
 * between paragraphs, single newlines inside a paragraph are kept. */
static char *body_dup(cw_articles *list, const char *s, size_t n) {
  cw_buf b;
  cw_buf_init(&b, 0);
  size_t i = 0;
  int pending_blank = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && s[j] != '\n')
      j++;
    const char *line = s + i;
    size_t len = j - i;
    cw_trim(&line, &len);
    if (len == 0) {
      pending_blank = b.len > 0;
    } else {
      if (b.len)
        cw_buf_puts(&b, pending_blank ? "\n\n" : "\n");
      cw_buf_append(&b, line, len);
      pending_blank = 0;
    }
    i = j + 1;
  }
  char *r = b.err ? NULL : nfc_dup(list, b.ptr, b.len);
  cw_buf_free(&b);
  return r;
}

static const char *get_str(json_t *obj, const char *key, size_t *len) {
  json_t *v = json_object_get(obj, key);
  if (!json_is_string(v))
    return NULL;
  *len = json_string_length(v);
  return json_string_value(v);
}

/* A published value is kept when it parses as ISO 8601 (normalised to UTC);
 * anything else is dropped with a warning rather than stored unparsed. */
static const char *published_dup(cw_articles *list, const char *origin,
                                 size_t lineno, const char *s, size_t n) {
  int64_t t;
  int timed;
  size_t k = cw_parse_iso8601(s, n, &t, &timed);
  if (k == 0 || k != n) {
    cw_articles_warn(list, "%s:%zu: published \"%.40s\" is not ISO 8601, "
                           "left out",
                     origin, lineno, s);
    return NULL;
  }
  char iso[32];
  cw_format_iso8601(t, timed, iso);
  return cw_arena_strdup(list->arena, iso);
}

cw_status cw_extract_jsonl(const char *text, size_t len,
                           const cw_extract_ctx *ctx, cw_articles *out,
                           cw_error *err) {
  size_t i = 0, lineno = 0, bad = 0, used = 0;
  while (i < len) {
    size_t j = i;
    while (j < len && text[j] != '\n')
      j++;
    lineno++;
    const char *line = text + i;
    size_t n = j - i;
    i = j + 1;
    cw_trim(&line, &n);
    if (n == 0)
      continue;
    if (n > JSONL_MAX_LINE) {
      bad++;
      cw_articles_warn(out, "%s:%zu: line of %zu bytes exceeds the limit, "
                            "skipped",
                       ctx->origin, lineno, n);
      continue;
    }
    json_error_t jerr;
    json_t *obj = json_loadb(line, n, JSON_REJECT_DUPLICATES, &jerr);
    if (!json_is_object(obj)) {
      bad++;
      cw_articles_warn(out, "%s:%zu: %s, line skipped", ctx->origin, lineno,
                       obj ? "not a JSON object" : jerr.text);
      json_decref(obj);
      continue;
    }
    size_t tl = 0, sl;
    const char *body = get_str(obj, "text", &tl);
    const char *b2 = body;
    size_t bl = tl;
    if (body)
      cw_trim(&b2, &bl);
    if (!body || bl == 0) {
      bad++;
      cw_articles_warn(out, "%s:%zu: record has no \"text\", skipped",
                       ctx->origin, lineno);
      json_decref(obj);
      continue;
    }
    cw_article *a = cw_articles_add(out);
    if (!a)
      goto nomem;
    a->text = body_dup(out, b2, bl);
    if (!a->text)
      goto nomem;
    const char *s;
    if ((s = get_str(obj, "title", &sl)) && sl) {
      const char *t = s;
      cw_trim(&t, &sl);
      a->title = sl ? nfc_dup(out, t, sl) : NULL;
    }
    if ((s = get_str(obj, "outlet", &sl)) && sl)
      a->outlet = nfc_dup(out, s, sl);
    if ((s = get_str(obj, "url", &sl)) && sl)
      a->url = cw_articles_strndup(out, s, sl);
    if ((s = get_str(obj, "byline", &sl)) && sl)
      a->byline = nfc_dup(out, s, sl);
    if ((s = get_str(obj, "dateline", &sl)) && sl)
      a->dateline = nfc_dup(out, s, sl);
    if ((s = get_str(obj, "published", &sl)) && sl)
      a->published = published_dup(out, ctx->origin, lineno, s, sl);
    json_t *id = json_object_get(obj, "id");
    if (json_is_string(id)) {
      a->source_id = cw_articles_strndup(out, json_string_value(id),
                                         json_string_length(id));
    } else if (json_is_integer(id)) {
      char num[32];
      snprintf(num, sizeof num, "%lld", (long long)json_integer_value(id));
      a->source_id = cw_arena_strdup(out->arena, num);
    }
    json_decref(obj);
    used++;
    continue;
  nomem:
    json_decref(obj);
    return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory",
                        ctx->origin);
  }
  if (used == 0)
    return cw_error_set(err, bad ? CW_ERR_FORMAT : CW_ERR_EMPTY, 0,
                        "%s: no usable JSON lines record (%zu bad line%s)",
                        ctx->origin, bad, bad == 1 ? "" : "s");
  return CW_OK;
}
