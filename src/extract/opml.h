/* opml.h - OPML subscription lists (the export format of feed readers):
 * the feed URL and title of every <outline xmlUrl="..."> at any depth.
 */
#ifndef CW_EXTRACT_OPML_H
#define CW_EXTRACT_OPML_H

#include "core/core.h"

/* More outlines than this is not a reading list but a flood. */
#define CW_OPML_MAX_OUTLINES 10000
/* Folders nested deeper than this are not followed. */
#define CW_OPML_MAX_DEPTH 32

typedef struct cw_opml_outline {
  char *url;   /* xmlUrl, http or https only */
  char *title; /* title, else text, else NULL */
} cw_opml_outline;

/* Parses an OPML document held in memory (origin names it in messages).
 * Outlines whose xmlUrl is not http(s) are skipped; a URL listed twice
 * is given once. CW_ERR_FORMAT when the input is not OPML (root other
 * than <opml>, or not XML at all). On success *out (free with
 * cw_opml_free) holds *n outlines, in document order. Reentrant. */
cw_status cw_opml_parse(const char *bytes, size_t len, const char *origin,
                        cw_opml_outline **out, size_t *n, cw_error *err);
void cw_opml_free(cw_opml_outline *outlines, size_t n);

#endif
