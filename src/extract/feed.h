/* feed.h - news feeds (RSS 0.9x/2.0, RSS 1.0 RDF, Atom 0.3/1.0, JSON Feed
 * 1.0/1.1) parsed into Python feedparser's normalized model, and feed
 * entries turned into articles.
 *
 * The model is a jansson object so that `crosswire feed --json` prints it
 * as it is and tests can address it with feedparser's paths:
 *   {"bozo", "bozo_reason", "version", "encoding",
 *    "feed": {"title", "title_detail", "link", "links", "subtitle",
 *             "language", "updated", "updated_parsed", "author", ...},
 *    "entries": [{"id", "title", "link", "links", "published",
 *                 "published_parsed", "updated", "updated_parsed", "author",
 *                 "summary", "content", "tags", "enclosures", ...}]}
 * *_parsed values are ISO 8601 in UTC ("2025-06-06T14:05:00Z"). HTML values
 * are sanitised to an allow-list (cw_feed_sanitize_html); each *_detail and
 * content item also carries "text", the plain text of its value. Beyond
 * feedparser's core names the model carries its extension keys: media_*
 * (Media RSS), "where" (GeoRSS/GML: {"type", "coordinates"} with longitude
 * first), "psc_chapters", "thr_in-reply-to", "validity_start"/"_end", and
 * other namespaced elements as "prefix_local" strings.
 */
#ifndef CW_EXTRACT_FEED_H
#define CW_EXTRACT_FEED_H

#include "extract/extract.h"

/* Parses one feed. bytes are the raw file (encoding taken from the BOM or
 * the XML declaration) unless encoding names the encoding the bytes are
 * already in ("UTF-8" after cw_document_decode). base_url (may be NULL)
 * is the document's own URL, against which relative links resolve when no
 * xml:base applies. Malformed XML is
 * recovered and reported through "bozo": 1 and "bozo_reason". Returns
 * CW_ERR_FORMAT only for input refused outright (an entity expansion
 * bomb); *out is then NULL. On success *out is a new reference the caller
 * releases with json_decref(). Thread safety: reentrant. */
struct json_t;
cw_status cw_feed_parse(const char *bytes, size_t len, const char *origin,
                        const char *encoding, const char *base_url,
                        struct json_t **out, cw_error *err);

/* Plain text of an HTML fragment: tags dropped (script and style with their
 * content), entities decoded, white space collapsed, one blank line between
 * paragraphs. Returns a malloc'd string the caller frees, NULL on OOM. */
char *cw_feed_html_to_text(const char *html, size_t len);

/* Sanitises an HTML fragment as feedparser does, so that its output can be
 * put in a page: the elements kept are feedparser's acceptable HTML ones
 * (text formatting, lists, tables, images, media, forms; no SVG, MathML,
 * iframe, object, embed, link or meta), with their acceptable attributes
 * sorted by name (never on* handlers); URL attributes (href, src, cite,
 * action, ...) are resolved against base (may be NULL) where feedparser
 * resolves them and emptied unless the scheme is safe (http, https,
 * mailto, ftp, ... never javascript, vbscript or data); style keeps only
 * plain presentational CSS (no url(), no expression()). Other elements
 * lose their tags but keep their text; script, style, applet and similar
 * go with their content; comments and declarations go; every element
 * left open is closed; references are kept as written (unknown names
 * escaped). Returns a malloc'd string the caller frees, NULL on OOM. */
char *cw_feed_sanitize_html(const char *html, size_t len, const char *base);

/* Parses a feed date (RFC 822 and its broken forms, ISO 8601/W3CDTF,
 * asctime; two-digit years, named zones) into seconds since the epoch in
 * UTC. Returns 1 on success, 0 when s is not a date. */
int cw_feed_parse_date(const char *s, int64_t *epoch);

/* Reads a feed (decoded UTF-8 text) and appends one article per entry:
 * title, url = link, published (UTC), outlet = feed title, byline =
 * author, text = plain text of the content (or summary), source.part = the
 * entry's index and source.id = its id. */
cw_status cw_extract_feed(const char *text, size_t len,
                          const cw_extract_ctx *ctx, cw_articles *out,
                          cw_error *err);

#endif
