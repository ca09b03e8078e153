/* ner_driver.c - runs the entity finder of cw_analyze() over documents
 * read from stdin and prints every mention with its entity's type, for
 * bench/eval-ner to score against CoNLL-2003.
 *
 * Input: records "DOC <bytes>\n" followed by exactly <bytes> bytes of
 * text. Output per record: "DOC <index>\n", then one line
 * "<start> <end> <TYPE>" per name mention (byte offsets into that text, TYPE as
 * cw_entity_type_name() spells it), in no particular order.
 * With --tagger, the statistical tagger's own spans are printed instead
 * (MISC as UNKNOWN), to measure it apart from the rules.
 */
#include "analyze/analyze_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A document longer than this is refused: CoNLL documents are a few KB. */
#define DOC_MAX_BYTES (16u << 20)

/* The tagger's spans of one text. */
static int print_tagger(const char *text, size_t n) {
  const cw_ner_model *m = cw_ner_model_get();
  cw_vec sents, toks;
  cw_ner_doc d;
  cw_vec_init(&sents, sizeof(cw_span));
  cw_vec_init(&toks, sizeof(cw_token));
  if (!m || cw_text_sentences(text, n, &sents) ||
      cw_text_tokens(text, n, &sents, &toks) ||
      cw_ner_doc_init(&d, text, toks.items, toks.len))
    return -1;
  unsigned char *lab = calloc(toks.len + 1, 1);
  if (!lab)
    return -1;
  cw_ner_decode(&d, cw_ner_model_score, (void *)m, lab);
  static const char *const names[] = {"PERSON", "ORG", "PLACE", "UNKNOWN"};
  const cw_token *t = toks.items;
  for (size_t i = 0; i < toks.len; i++) {
    if (lab[i] == NER_O || !(lab[i] & 1))
      continue;
    size_t j = i + 1;
    while (j < toks.len && lab[j] == lab[i] + 1)
      j++;
    printf("%zu %zu %s\n", t[i].start, t[j - 1].end, names[(lab[i] - 1) / 2]);
  }
  free(lab);
  cw_ner_doc_free(&d);
  cw_vec_free(&sents);
  cw_vec_free(&toks);
  return 0;
}

int main(int argc, char **argv) {
  int tagger = argc > 1 && strcmp(argv[1], "--tagger") == 0;
  char line[64];
  size_t index = 0;
  while (fgets(line, sizeof line, stdin)) {
    char *end = NULL;
    if (strncmp(line, "DOC ", 4) != 0)
      continue;
    unsigned long n = strtoul(line + 4, &end, 10);
    if (end == line + 4 || n > DOC_MAX_BYTES) {
      fprintf(stderr, "cw-ner: bad record header\n");
      return 1;
    }
    char *text = malloc(n + 1);
    if (!text || fread(text, 1, n, stdin) != n) {
      fprintf(stderr, "cw-ner: short read\n");
      free(text);
      return 1;
    }
    text[n] = '\0';
    if (tagger) {
      printf("DOC %zu\n", index++);
      if (print_tagger(text, n)) {
        fprintf(stderr, "cw-ner: tagger failed (no model?)\n");
        free(text);
        return 1;
      }
      free(text);
      continue;
    }
    cw_analysis *a = NULL;
    if (cw_analyze(NULL, text, n, &a) != CW_OK) {
      fprintf(stderr, "cw-ner: analysis failed\n");
      free(text);
      return 1;
    }
    printf("DOC %zu\n", index++);
    for (size_t e = 0; e < a->n_entities; e++) {
      const cw_entity *en = &a->entities[e];
      for (size_t m = 0; m < en->n_mentions; m++)
        if (!en->mentions[m].description) /* CoNLL marks names only */
          printf("%zu %zu %s\n", en->mentions[m].start, en->mentions[m].end,
                 cw_entity_type_name(en->type));
    }
    cw_analysis_free(a);
    free(text);
  }
  return 0;
}
