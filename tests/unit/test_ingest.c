/* test_ingest.c - decoding and format detection of inputs, and the JSON
 * lines reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "extract/extract.h"
#include "ingest/ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static void utf8_with_bom_is_stripped_and_nfc(void **state) {
  (void)state;
  cw_document doc;
  /* BOM, then "Cafe" + combining acute: NFC composes it to U+00E9 */
  const char in[] = "\xEF\xBB\xBF" "Cafe\xCC\x81 talks resume";
  assert_int_equal(cw_document_decode(in, sizeof in - 1, "a.txt", &doc, NULL),
                   CW_OK);
  assert_string_equal(doc.text, "Caf\xC3\xA9 talks resume");
  assert_string_equal(doc.charset, "UTF-8");
  assert_string_equal(doc.warning, "");
  assert_int_equal(doc.format, CW_FORMAT_TEXT);
  cw_document_free(&doc);
}

static void windows_1252_is_converted(void **state) {
  (void)state;
  cw_document doc;
  /* 0x93/0x94 are curly quotes and 0xE9 is e-acute in Windows-1252 */
  const char in[] = "\x93" "D\xE9j\xE0 vu,\x94 said the mayor.";
  assert_int_equal(cw_document_decode(in, sizeof in - 1, "b.txt", &doc, NULL),
                   CW_OK);
  assert_string_equal(doc.charset, "WINDOWS-1252");
  assert_string_equal(doc.text, "\xE2\x80\x9C" "D\xC3\xA9j\xC3\xA0 vu,"
                                "\xE2\x80\x9D said the mayor.");
  cw_document_free(&doc);
}

static void few_broken_bytes_become_replacement(void **state) {
  (void)state;
  cw_document doc;
  cw_buf b;
  cw_buf_init(&b, 0);
  for (int i = 0; i < 20; i++)
    cw_buf_puts(&b, "The port reopened on Monday \xE2\x80\x94 caf\xC3\xA9s "
                    "too. ");
  cw_buf_append(&b, "\xFF", 1); /* one stray byte */
  assert_int_equal(cw_document_decode(b.ptr, b.len, "c.txt", &doc, NULL),
                   CW_OK);
  assert_string_equal(doc.charset, "UTF-8");
  assert_non_null(strstr(doc.text, "\xEF\xBF\xBD"));
  assert_non_null(strstr(doc.warning, "c.txt: 1 invalid UTF-8 byte"));
  cw_document_free(&doc);
  cw_buf_free(&b);
}

static void empty_and_binary_are_refused(void **state) {
  (void)state;
  cw_document doc;
  cw_error err;
  assert_int_equal(cw_document_decode("", 0, "e.txt", &doc, &err),
                   CW_ERR_EMPTY);
  assert_non_null(strstr(err.msg, "e.txt"));
  assert_int_equal(cw_document_decode(" \n\t\n", 4, "e.txt", &doc, &err),
                   CW_ERR_EMPTY);
  const char bin[] = "PK\x03\x04\x00\x00\x01\x02";
  assert_int_equal(cw_document_decode(bin, sizeof bin - 1, "z.txt", &doc, &err),
                   CW_ERR_BINARY);
  assert_non_null(strstr(err.msg, "z.txt: binary data"));
  assert_int_equal(err.offset, 4);
  char ctl[64];
  memset(ctl, 0x01, sizeof ctl);
  assert_int_equal(cw_document_decode(ctl, sizeof ctl, "y", &doc, &err),
                   CW_ERR_BINARY);
}

/* Text saved as UTF-16 or UTF-32 with a byte order mark (Windows
 * editors' "Unicode") is converted, its NUL bytes no sign of binary data;
 * a mark over bytes that are not that encoding is refused by name, and a
 * NUL character in the converted text is still binary. */
static void utf16_and_utf32_with_bom_are_converted(void **state) {
  (void)state;
  cw_document doc;
  cw_error err;
  /* "Café <p>" as UTF-16LE, UTF-16BE and UTF-32LE */
  const char le[] = "\xFF\xFE" "C\0a\0f\0\xE9\0 \0<\0p\0>\0";
  assert_int_equal(cw_document_decode(le, sizeof le - 1, "w.txt", &doc, &err),
                   CW_OK);
  assert_string_equal(doc.text, "Caf\xC3\xA9 <p>");
  assert_string_equal(doc.charset, "UTF-16LE");
  cw_document_free(&doc);
  const char be[] = "\xFE\xFF" "\0C\0a\0f\0\xE9\0 \0<\0p\0>";
  assert_int_equal(cw_document_decode(be, sizeof be - 1, "w.txt", &doc, &err),
                   CW_OK);
  assert_string_equal(doc.text, "Caf\xC3\xA9 <p>");
  assert_string_equal(doc.charset, "UTF-16BE");
  cw_document_free(&doc);
  const char l32[] = "\xFF\xFE\0\0" "C\0\0\0a\0\0\0f\0\0\0\xE9\0\0\0";
  assert_int_equal(cw_document_decode(l32, sizeof l32 - 1, "w", &doc, &err),
                   CW_OK);
  assert_string_equal(doc.text, "Caf\xC3\xA9");
  assert_string_equal(doc.charset, "UTF-32LE");
  cw_document_free(&doc);
  /* an odd byte at the end: not UTF-16 throughout */
  assert_int_equal(cw_document_decode(le, sizeof le - 2, "odd.txt", &doc,
                                      &err),
                   CW_ERR_CHARSET);
  assert_non_null(strstr(err.msg, "odd.txt: starts with a UTF-16LE byte "
                                  "order mark"));
  /* a NUL character among the text */
  const char nul[] = "\xFF\xFE" "a\0b\0\0\0c\0";
  assert_int_equal(cw_document_decode(nul, sizeof nul - 1, "n.txt", &doc,
                                      &err),
                   CW_ERR_BINARY);
  /* the mark alone: empty */
  assert_int_equal(cw_document_decode("\xFF\xFE", 2, "m.txt", &doc, &err),
                   CW_ERR_EMPTY);
}

static void formats_are_detected(void **state) {
  (void)state;
  assert_int_equal(cw_detect_format("{\"text\":\"x\"}", 12, "feed"),
                   CW_FORMAT_JSONL);
  assert_int_equal(cw_detect_format("<!DOCTYPE html><p>x", 19, "page"),
                   CW_FORMAT_HTML);
  assert_int_equal(cw_detect_format("Port strike ends", 16, "a.txt"),
                   CW_FORMAT_TEXT);
  assert_int_equal(cw_detect_format("x", 1, "items.JSONL"), CW_FORMAT_JSONL);
}

static void jsonl_reads_records_and_skips_bad_lines(void **state) {
  (void)state;
  const char in[] =
      "{\"id\":\"a1\",\"title\":\" Strike ends \",\"text\":\"First.\\r\\n\\n\\n"
      "Second.\",\"published\":\"2026-03-05T09:30:00+01:00\",\"outlet\":"
      "\"Harbor Ledger\",\"url\":\"https://harbor.test/a1\"}\n"
      "not json\n"
      "\n"
      "{\"id\":7,\"text\":\"Only text.\",\"published\":\"last Tuesday\"}\n"
      "{\"title\":\"no text\"}\n";
  cw_articles *list = cw_articles_new();
  cw_extract_ctx ctx = {"items.jsonl", NULL};
  assert_int_equal(cw_extract_jsonl(in, sizeof in - 1, &ctx, list, NULL),
                   CW_OK);
  assert_int_equal(cw_articles_count(list), 2);
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->title, "Strike ends");
  assert_string_equal(a->text, "First.\n\nSecond.");
  assert_string_equal(a->published, "2026-03-05T08:30:00Z");
  assert_string_equal(a->source_id, "a1");
  assert_string_equal(a->outlet, "Harbor Ledger");
  const cw_article *b = cw_articles_get(list, 1);
  assert_string_equal(b->source_id, "7");
  assert_null(b->published); /* not ISO 8601: dropped, not invented */
  assert_int_equal(b->part, 1);
  /* warnings: the bad line 2, the unparsable date of line 4, line 5 */
  assert_int_equal(cw_articles_warning_count(list), 3);
  assert_non_null(strstr(cw_articles_warning(list, 0), "items.jsonl:2:"));
  assert_non_null(strstr(cw_articles_warning(list, 2), "items.jsonl:5:"));
  cw_articles_free(list);
}

static void jsonl_without_usable_record_fails(void **state) {
  (void)state;
  cw_articles *list = cw_articles_new();
  cw_extract_ctx ctx = {"bad.jsonl", NULL};
  cw_error err;
  assert_int_equal(cw_extract_jsonl("[1,2]\n{\"text\":\"\"}\n", 18, &ctx, list,
                                    &err),
                   CW_ERR_FORMAT);
  assert_non_null(strstr(err.msg, "bad.jsonl: no usable"));
  cw_articles_free(list);
}

static void article_json_follows_contract(void **state) {
  (void)state;
  const char in[] = "{\"id\":\"x\",\"text\":\"Body <b>\\\"quoted\\\"</b>\"}";
  cw_articles *list;
  assert_int_equal(cw_extract_bytes(in, sizeof in - 1, "x.jsonl", NULL, &list,
                                    NULL),
                   CW_OK);
  char *js;
  assert_int_equal(cw_article_to_json(cw_articles_get(list, 0), &js), CW_OK);
  assert_string_equal(
      js, "{\"title\":null,\"outlet\":null,\"url\":null,\"published\":null,"
          "\"dateline\":null,\"byline\":null,\"text\":\"Body "
          "<b>\\\"quoted\\\"</b>\",\"credits\":[],\"source\":{\"path\":"
          "\"x.jsonl\",\"part\":0,\"id\":\"x\"}}");
  free(js);
  cw_articles_free(list);
}

static void oversized_input_is_refused(void **state) {
  (void)state;
  cw_extract_opts opts = {16, NULL};
  cw_articles *list;
  cw_error err;
  assert_int_equal(cw_extract_bytes("A headline\nAnd a body that is long.",
                                    35, "big.txt", &opts, &list, &err),
                   CW_ERR_TOO_BIG);
  assert_non_null(strstr(err.msg, "big.txt: input of 35 bytes exceeds"));
  assert_null(list);
}

/* NFC piece by piece (ASCII left alone) gives what NFC of the whole text
 * gives: combining marks after ASCII and non-ASCII bases, marks to be
 * reordered, Hangul jamo composing, a singleton decomposition (the
 * Kelvin sign), marks at the very start, and long mixed runs. */
static void nfc_by_runs_equals_whole_text(void **state) {
  (void)state;
  static const char *const cases[] = {
      "Cafe\xCC\x81 and Zu\xCC\x88rich",
      "A\xCC\x8A\xCC\x81 ring then acute, a\xCC\xA3\xCC\x87 reordered",
      "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8 jamo then text",
      "21 \xE2\x84\xAA is the Kelvin sign",
      "\xCC\x81 a mark first, \xE2\x80\x9Cquoted\xE2\x80\x9D, \xE2\x82\xAC\x35 euros",
      "plain ASCII only, nothing to compose",
      "e\xCC\x81\xCC\x81 two marks; o\xCC\x88\xCC\x84 then \xC3\xB1 end e",
      "x\xE2\x80\x99s \xC3\xA9\xCC\x81 n\xCC\x83o",
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    cw_document doc;
    const char *in = cases[i];
    assert_int_equal(cw_document_decode(in, strlen(in), "n.txt", &doc, NULL),
                     CW_OK);
    utf8proc_uint8_t *want = NULL;
    utf8proc_ssize_t k =
        utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)strlen(in),
                     &want, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    assert_true(k >= 0);
    assert_int_equal(doc.len, (size_t)k);
    assert_memory_equal(doc.text, want, (size_t)k);
    /* cw_nfc_append, which the JSON lines reader uses, agrees */
    cw_buf b;
    cw_buf_init(&b, 0);
    assert_int_equal(cw_buf_puts(&b, "kept|"), CW_OK);
    assert_int_equal(cw_nfc_append(&b, in, strlen(in)), CW_OK);
    assert_int_equal(b.len, 5 + (size_t)k);
    assert_memory_equal(b.ptr, "kept|", 5);
    assert_memory_equal(b.ptr + 5, want, (size_t)k);
    cw_buf_free(&b);
    free(want);
    cw_document_free(&doc);
  }
  cw_buf b;
  cw_buf_init(&b, 0);
  assert_int_equal(cw_nfc_append(&b, "ok \xC3", 4), CW_ERR_CHARSET);
  cw_buf_free(&b);
}

/* JSON escapes can spell decomposed forms, which the document's NFC cannot
 * see: the reader composes each string (title, outlet, text). */
static void jsonl_strings_are_nfc(void **state) {
  (void)state;
  static const char in[] =
      "{\"title\":\"Cafe\\u0301 owners in Zu\\u0308rich\","
      "\"outlet\":\"Ne\\u0301ret Post\","
      "\"text\":\"The cafe\\u0301 opened.\\n\\nIts owner, Ame\\u0301lie "
      "Vautrin, said so.\"}\n";
  cw_articles *list = cw_articles_new();
  cw_extract_ctx ctx = {"nfc.jsonl", NULL};
  assert_int_equal(cw_extract_jsonl(in, sizeof in - 1, &ctx, list, NULL),
                   CW_OK);
  assert_int_equal(cw_articles_count(list), 1);
  const cw_article *a = cw_articles_get(list, 0);
  assert_string_equal(a->title, "Caf\xC3\xA9 owners in Z\xC3\xBCrich");
  assert_string_equal(a->outlet, "N\xC3\xA9ret Post");
  assert_string_equal(a->text,
                      "The caf\xC3\xA9 opened.\n\nIts owner, Am\xC3\xA9lie "
                      "Vautrin, said so.");
  cw_articles_free(list);
}

/* The characters cw_nfc_append copies without utf8proc (Latin-1, Latin
 * Extended-A, general punctuation, currency signs): every pair of them, and
 * each beside every ASCII character, normalises to itself by utf8proc too,
 * and so does cw_nfc_append's copy. A character NFC changes or composes
 * (U+2000, a combining mark) is not among them. */
static size_t utf8_put(unsigned cp, char *out) {
  utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp,
                                            (utf8proc_uint8_t *)out);
  return (size_t)k;
}

static void nfc_copied_characters_are_stable(void **state) {
  (void)state;
  static const unsigned ranges[][2] = {{0x01, 0x7F},     {0x80, 0x17F},
                                       {0x2010, 0x2027}, {0x2030, 0x205E},
                                       {0x20A0, 0x20BF}};
  unsigned cps[600];
  size_t n = 0;
  for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++)
    for (unsigned c = ranges[r][0]; c <= ranges[r][1]; c++)
      cps[n++] = c;
  assert_true(n <= sizeof cps / sizeof *cps);
  size_t differ = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      if (cps[i] < 0x80 && cps[j] < 0x80)
        continue; /* ASCII alone never reaches the copy */
      char in[8];
      size_t len = utf8_put(cps[i], in);
      len += utf8_put(cps[j], in + len);
      utf8proc_uint8_t *want = NULL;
      utf8proc_ssize_t k =
          utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)len,
                       &want, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
      cw_buf b;
      cw_buf_init(&b, 0);
      assert_int_equal(cw_nfc_append(&b, in, len), CW_OK);
      differ += k != (utf8proc_ssize_t)len || memcmp(want, in, len) ||
                b.len != len || memcmp(b.ptr, in, len);
      cw_buf_free(&b);
      free(want);
    }
  assert_int_equal(differ, 0);
  /* and what NFC does change still changes */
  static const char *const changed[][2] = {
      {"a\xE2\x80\x80" "b", "a\xE2\x80\x82" "b"}, /* U+2000 -> U+2002 */
      {"\xE2\x80\x9C" "e\xCC\x81", "\xE2\x80\x9C\xC3\xA9"},
      {"\xC3\xAA\xCC\x81", "\xE1\xBA\xBF"}, /* e circumflex + acute */
  };
  for (size_t i = 0; i < sizeof changed / sizeof *changed; i++) {
    cw_buf b;
    cw_buf_init(&b, 0);
    assert_int_equal(cw_nfc_append(&b, changed[i][0], strlen(changed[i][0])),
                     CW_OK);
    assert_int_equal(b.len, strlen(changed[i][1]));
    assert_memory_equal(b.ptr, changed[i][1], b.len);
    cw_buf_free(&b);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(utf8_with_bom_is_stripped_and_nfc),
      cmocka_unit_test(windows_1252_is_converted),
      cmocka_unit_test(utf16_and_utf32_with_bom_are_converted),
      cmocka_unit_test(few_broken_bytes_become_replacement),
      cmocka_unit_test(empty_and_binary_are_refused),
      cmocka_unit_test(formats_are_detected),
      cmocka_unit_test(jsonl_reads_records_and_skips_bad_lines),
      cmocka_unit_test(jsonl_without_usable_record_fails),
      cmocka_unit_test(article_json_follows_contract),
      cmocka_unit_test(oversized_input_is_refused),
      cmocka_unit_test(nfc_by_runs_equals_whole_text),
      cmocka_unit_test(jsonl_strings_are_nfc),
      cmocka_unit_test(nfc_copied_characters_are_stable),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
