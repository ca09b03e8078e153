/* stem.c - the English Snowball stemmer behind a crosswire handle.
 *
 * libstemmer returns a pointer into its own state; we copy the stem into a
 * buffer of the handle so that the result is NUL-terminated and stays valid
 * until the next call whatever path produced it (stemmed, or passed through
 * unchanged because it was too long to be a word).
 */
#include "text/text.h"

#include <libstemmer.h>
#include <stdlib.h>

struct cw_stemmer {
  struct sb_stemmer *sb;
  cw_buf out; /* the last result */
};

cw_stemmer *cw_stemmer_new(void) {
  cw_stemmer *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->sb = sb_stemmer_new("english", "UTF_8");
  if (!s->sb) {
    free(s);
    return NULL;
  }
  cw_buf_init(&s->out, 0);
  return s;
}

void cw_stemmer_free(cw_stemmer *s) {
  if (!s)
    return;
  sb_stemmer_delete(s->sb);
  cw_buf_free(&s->out);
  free(s);
}

const char *cw_stem(cw_stemmer *s, const char *word, size_t n,
                    size_t *out_len) {
  cw_buf_reset(&s->out);
  if (n > CW_STEM_MAX_WORD) {
    /* too long to be an English word: pass it through unchanged */
    if (cw_buf_append(&s->out, word, n))
      return NULL;
  } else {
    const sb_symbol *r =
        sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)n);
    if (!r)
      return NULL;
    int rn = sb_stemmer_length(s->sb);
    if (rn < 0 || cw_buf_append(&s->out, (const char *)r, (size_t)rn))
      return NULL;
  }
  if (out_len)
    *out_len = s->out.len;
  return s->out.ptr;
}
