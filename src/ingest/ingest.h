/* ingest.h - bytes in, a decoded document out.
 *
 * Decoding: a UTF-8 BOM is dropped; UTF-16 and UTF-32 with a byte order
 * mark are converted to UTF-8 first; valid UTF-8 is NFC-normalised; mostly
 * valid UTF-8 with a few broken sequences has them replaced by U+FFFD and
 * says so in a warning; anything else is read as Windows-1252 through iconv.
 * Empty input and binary data are refused. The format is detected from the
 * content (and the file name as a hint).
 */
#ifndef CW_INGEST_H
#define CW_INGEST_H

#include "core/core.h"

typedef enum cw_format {
  CW_FORMAT_TEXT = 0,
  CW_FORMAT_JSONL,
  CW_FORMAT_HTML,
  CW_FORMAT_FEED /* RSS, RDF, Atom or JSON Feed */
} cw_format;

typedef struct cw_document {
  char *text; /* UTF-8, NFC, NUL-terminated; free with cw_document_free */
  size_t len;
  cw_format format;
  const char *charset; /* "UTF-8", "WINDOWS-1252", "UTF-16LE", "UTF-16BE",
                          "UTF-32LE" or "UTF-32BE" (static) */
  char warning[256];   /* non-fatal remark naming the input, or "" */
} cw_document;

cw_status cw_document_decode(const char *bytes, size_t n, const char *origin,
                             cw_document *doc, cw_error *err);
void cw_document_free(cw_document *doc);

/* Detects the format of decoded text; origin's extension is a hint. */
cw_format cw_detect_format(const char *text, size_t len, const char *origin);

/* Appends the Unicode NFC of the UTF-8 s to b (runs of ASCII copied as
 * they are); CW_ERR_CHARSET when s is not valid UTF-8, CW_ERR_NOMEM. */
cw_status cw_nfc_append(cw_buf *b, const char *s, size_t n);

/* Number of bytes that do not form valid UTF-8 sequences in [s, s+n). */
size_t cw_utf8_invalid_count(const char *s, size_t n);

#endif
