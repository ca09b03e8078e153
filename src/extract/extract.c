/* extract.c - the article list, the choice of reader for an input, and the
 * Article JSON writer.
 *
 * cw_extract_bytes() decodes the input (src/ingest), detects its shape and
 * hands it to the reader for that shape. Every string of every article lives
 * in the list's arena, so a list is freed in one call.
 */
#include "extract/extract.h"

#include "extract/feed.h"
#include "ingest/ingest.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

cw_articles *cw_articles_new(void) {
  cw_articles *list = calloc(1, sizeof *list);
  if (!list)
    return NULL;
  list->arena = cw_arena_new();
  if (!list->arena) {
    free(list);
    return NULL;
  }
  cw_vec_init(&list->items, sizeof(cw_article));
  cw_vec_init(&list->warnings, sizeof(const char *));
  return list;
}

void cw_articles_free(cw_articles *list) {
  if (!list)
    return;
  cw_vec_free(&list->items);
  cw_vec_free(&list->warnings);
  cw_arena_free(list->arena);
  free(list);
}

cw_article *cw_articles_add(cw_articles *list) {
  cw_article *a = cw_vec_push(&list->items);
  if (a)
    a->part = (int)(list->items.len - 1);
  return a;
}

char *cw_articles_strndup(cw_articles *list, const char *s, size_t n) {
  return cw_arena_strndup(list->arena, s, n);
}

cw_status cw_articles_warn(cw_articles *list, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  const char **slot = cw_vec_push(&list->warnings);
  if (!slot)
    return CW_ERR_NOMEM;
  *slot = cw_arena_strdup(list->arena, msg);
  return *slot ? CW_OK : CW_ERR_NOMEM;
}

cw_status cw_article_add_credit(cw_articles *list, cw_article *a,
                                const char *s, size_t n) {
  const char **credits =
      cw_arena_alloc(list->arena, (a->n_credits + 1) * sizeof(char *));
  if (!credits)
    return CW_ERR_NOMEM;
  if (a->n_credits)
    memcpy(credits, a->credits, a->n_credits * sizeof(char *));
  credits[a->n_credits] = cw_arena_strndup(list->arena, s, n);
  if (!credits[a->n_credits])
    return CW_ERR_NOMEM;
  a->credits = credits;
  a->n_credits++;
  return CW_OK;
}

size_t cw_articles_count(const cw_articles *list) {
  return list ? list->items.len : 0;
}

const cw_article *cw_articles_get(const cw_articles *list, size_t i) {
  if (!list || i >= list->items.len)
    return NULL;
  return &CW_VEC_AT(&list->items, cw_article, i);
}

size_t cw_articles_warning_count(const cw_articles *list) {
  return list ? list->warnings.len : 0;
}

const char *cw_articles_warning(const cw_articles *list, size_t i) {
  if (!list || i >= list->warnings.len)
    return NULL;
  return CW_VEC_AT(&list->warnings, const char *, i);
}

cw_status cw_extract_bytes(const char *data, size_t len, const char *origin,
                           const cw_extract_opts *opts, cw_articles **out,
                           cw_error *err) {
  cw_document doc;
  cw_status st;
  size_t max = opts && opts->max_input ? opts->max_input : CW_DEFAULT_MAX_INPUT;
  *out = NULL;
  if (!origin)
    origin = "<input>";
  if (len > max)
    return cw_error_set(err, CW_ERR_TOO_BIG, 0,
                        "%s: input of %zu bytes exceeds the limit of %zu "
                        "bytes",
                        origin, len, max);
  cw_articles *list = cw_articles_new();
  if (!list)
    return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", origin);
  st = cw_document_decode(data, len, origin, &doc, err);
  if (st)
    goto fail;
  if (doc.warning[0] && cw_articles_warn(list, "%s", doc.warning)) {
    st = cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", origin);
    cw_document_free(&doc);
    goto fail;
  }
  cw_extract_ctx ctx = {origin, opts ? opts->crawl_time : NULL};
  switch (doc.format) {
  case CW_FORMAT_JSONL:
    st = cw_extract_jsonl(doc.text, doc.len, &ctx, list, err);
    break;
  case CW_FORMAT_HTML:
    st = cw_extract_html(doc.text, doc.len, &ctx, list, err);
    break;
  case CW_FORMAT_FEED:
    st = cw_extract_feed(doc.text, doc.len, &ctx, list, err);
    break;
  case CW_FORMAT_TEXT:
  default:
    st = cw_extract_text_page(doc.text, doc.len, &ctx, list, err);
    break;
  }
  cw_document_free(&doc);
  if (st)
    goto fail;
  /* every article names its input */
  for (size_t i = 0; i < list->items.len; i++) {
    cw_article *a = &CW_VEC_AT(&list->items, cw_article, i);
    if (!a->source_path)
      a->source_path = cw_arena_strdup(list->arena, origin);
  }
  *out = list;
  return CW_OK;
fail:
  cw_articles_free(list);
  return st;
}

cw_status cw_extract_file(const char *path, const cw_extract_opts *opts,
                          cw_articles **out, cw_error *err) {
  cw_buf b;
  size_t max = opts && opts->max_input ? opts->max_input : CW_DEFAULT_MAX_INPUT;
  *out = NULL;
  cw_buf_init(&b, max + 1);
  cw_status st = cw_read_file(path, max, &b, err);
  if (st == CW_OK)
    st = cw_extract_bytes(b.ptr, b.len, path, opts, out, err);
  cw_buf_free(&b);
  return st;
}

/* ---- Article JSON -------------------------------------------------------- */

static int set_str(json_t *obj, const char *key, const char *value) {
  return json_object_set_new(obj, key, value ? json_string(value) : json_null());
}

json_t *cw_article_json_object(const cw_article *a) {
  json_t *o = json_object();
  json_t *src = json_object();
  json_t *credits = json_array();
  if (!o || !src || !credits)
    goto fail;
  if (set_str(o, "title", a->title) || set_str(o, "outlet", a->outlet) ||
      set_str(o, "url", a->url) || set_str(o, "published", a->published) ||
      set_str(o, "dateline", a->dateline) || set_str(o, "byline", a->byline) ||
      set_str(o, "text", a->text ? a->text : ""))
    goto fail;
  for (size_t i = 0; i < a->n_credits; i++)
    if (json_array_append_new(credits, json_string(a->credits[i])))
      goto fail;
  if (json_object_set_new(o, "credits", credits))
    goto fail_src;
  credits = NULL;
  if (set_str(src, "path", a->source_path) ||
      json_object_set_new(src, "part", json_integer(a->part)) ||
      set_str(src, "id", a->source_id))
    goto fail_src;
  if (json_object_set_new(o, "source", src))
    goto fail_obj;
  return o;
fail:
  json_decref(credits);
fail_src:
  json_decref(src);
fail_obj:
  json_decref(o);
  return NULL;
}

cw_status cw_article_to_json(const cw_article *a, char **out) {
  json_t *o = cw_article_json_object(a);
  *out = NULL;
  if (!o)
    return CW_ERR_NOMEM;
  *out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(o);
  return *out ? CW_OK : CW_ERR_NOMEM;
}
