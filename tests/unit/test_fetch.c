/* test_fetch.c - the parts of src/ingest/fetch.c that decide without the
 * network: the private-address classifier that guards every connection,
 * the robots.txt parser, and URL refusal before any request. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ingest/fetch.h"

#include <string.h>
#include <time.h>

static void private_v4(void **state) {
  (void)state;
  static const char *const priv[] = {
      "127.0.0.1",       "127.8.9.10",      "10.0.0.1",       "10.255.255.255",
      "172.16.0.1",      "172.20.3.4",      "172.31.255.255", "192.168.0.1",
      "192.168.255.254", "169.254.169.254", "0.0.0.0",        "100.64.0.1",
      "224.0.0.1",       "255.255.255.255"};
  for (size_t i = 0; i < sizeof priv / sizeof priv[0]; i++) {
    if (cw_fetch_ip_is_private(priv[i]) != 1)
      fail_msg("%s should be private", priv[i]);
  }
  static const char *const pub[] = {
      "8.8.8.8",     "172.15.255.255", "172.32.0.1",  "192.167.1.1",
      "169.253.1.1", "11.0.0.1",       "100.128.0.1", "93.184.216.34"};
  for (size_t i = 0; i < sizeof pub / sizeof pub[0]; i++) {
    if (cw_fetch_ip_is_private(pub[i]) != 0)
      fail_msg("%s should be public", pub[i]);
  }
}

static void private_v6(void **state) {
  (void)state;
  static const char *const priv[] = {"::1",
                                     "::",
                                     "fc00::1",
                                     "fd12:3456:789a::1",
                                     "fe80::1",
                                     "febf::1",
                                     "::ffff:127.0.0.1",
                                     "::ffff:10.1.2.3",
                                     "::ffff:192.168.1.1",
                                     "::ffff:169.254.169.254",
                                     "ff02::1",
                                     "64:ff9b::7f00:1",
                                     "2002:7f00:1::1"};
  for (size_t i = 0; i < sizeof priv / sizeof priv[0]; i++) {
    if (cw_fetch_ip_is_private(priv[i]) != 1)
      fail_msg("%s should be private", priv[i]);
  }
  static const char *const pub[] = {"2001:db8::1", "2606:4700::1111",
                                    "::ffff:8.8.8.8", "fbff::1",
                                    "2002:0808:0808::1"};
  for (size_t i = 0; i < sizeof pub / sizeof pub[0]; i++) {
    if (cw_fetch_ip_is_private(pub[i]) != 0)
      fail_msg("%s should be public", pub[i]);
  }
}

static void not_an_address(void **state) {
  (void)state;
  assert_int_equal(cw_fetch_ip_is_private("localhost"), -1);
  assert_int_equal(cw_fetch_ip_is_private("127.0.0.1.example"), -1);
  assert_int_equal(cw_fetch_ip_is_private(""), -1);
  assert_int_equal(cw_fetch_ip_is_private(NULL), -1);
}

static int allows(const char *robots, const char *path) {
  return cw_robots_allows(robots, strlen(robots), "crosswire", path);
}

static void robots_star_group(void **state) {
  (void)state;
  const char *r = "# comment\n"
                  "User-agent: *\n"
                  "Disallow: /private/\n"
                  "Disallow: /tmp # trailing comment\n"
                  "\n"
                  "User-agent: OtherBot\n"
                  "Disallow: /\n";
  assert_int_equal(allows(r, "/private/draft.html"), 0);
  assert_int_equal(allows(r, "/private"), 1); /* a prefix, not the folder */
  assert_int_equal(allows(r, "/tmpfile"), 0);
  assert_int_equal(allows(r, "/news/story.html"), 1);
  assert_int_equal(allows(r, "/"), 1);
  assert_int_equal(allows("", "/anything"), 1);
}

static void robots_own_group_wins(void **state) {
  (void)state;
  /* our own group replaces "*": /news is allowed to us, /admin is not */
  const char *r = "User-agent: *\r\n"
                  "Disallow: /\r\n"
                  "\r\n"
                  "User-agent: googlebot\r\n"
                  "User-agent: Crosswire\r\n"
                  "Disallow: /admin\r\n";
  assert_int_equal(allows(r, "/news/a.html"), 1);
  assert_int_equal(allows(r, "/admin/x"), 0);
  /* an empty Disallow in our group allows everything */
  const char *r2 = "User-agent: *\nDisallow: /\n\nUser-agent: crosswire\n"
                   "Disallow:\n";
  assert_int_equal(allows(r2, "/x"), 1);
  /* no group for us and none for "*": all allowed */
  assert_int_equal(allows("User-agent: other\nDisallow: /\n", "/x"), 1);
}

static void robots_longest_match_and_wildcards(void **state) {
  (void)state;
  const char *r = "user-agent: *\n"
                  "disallow: /news/\n"
                  "allow: /news/public/\n"
                  "disallow: /*.pdf$\n"
                  "disallow: /search*q=\n"
                  "allow: /same\n"
                  "disallow: /same\n";
  assert_int_equal(allows(r, "/news/secret.html"), 0);
  assert_int_equal(allows(r, "/news/public/a.html"), 1);
  assert_int_equal(allows(r, "/files/report.pdf"), 0);
  assert_int_equal(allows(r, "/files/report.pdf?x=1"), 1); /* $ anchors */
  assert_int_equal(allows(r, "/search?lang=en&q=ferry"), 0);
  assert_int_equal(allows(r, "/search?lang=en"), 1);
  assert_int_equal(allows(r, "/same/page"), 1); /* Allow wins a tie */
}

static void robots_hostile(void **state) {
  (void)state;
  /* many stars must not blow up (backtracking is bounded) */
  char rule[4096] = "User-agent: *\nDisallow: /";
  size_t n = strlen(rule);
  for (int i = 0; i < 1000; i++) {
    rule[n++] = '*';
    rule[n++] = 'a';
  }
  rule[n++] = 'b';
  rule[n] = '\0';
  char path[3000];
  path[0] = '/';
  memset(path + 1, 'a', sizeof path - 2);
  path[sizeof path - 1] = '\0';
  assert_int_equal(allows(rule, path), 1);
  /* lines without a colon, binary junk */
  const char junk[] = "User-agent *\nDisallow /\n\x01\x02:\xff\n";
  assert_int_equal(cw_robots_allows(junk, sizeof junk - 1, "crosswire", "/"),
                   1);
}

static void refuses_bad_urls(void **state) {
  (void)state;
  cw_fetch_response r;
  cw_error err;
  assert_int_equal(cw_fetch("ftp://127.0.0.1/x", NULL, &r, &err), CW_ERR_USAGE);
  assert_non_null(strstr(err.msg, "only http and https"));
  assert_int_equal(cw_fetch("http://", NULL, &r, &err), CW_ERR_USAGE);
  assert_int_equal(cw_fetch_is_url("HTTPS://example.invalid/"), 1);
  assert_int_equal(cw_fetch_is_url("file:///etc/passwd"), 0);
}

static void refuses_loopback(void **state) {
  (void)state;
  /* nothing needs to listen: the socket is refused before connecting */
  cw_fetch_response r;
  cw_error err;
  assert_int_equal(cw_fetch("http://127.0.0.1:9/feed.xml", NULL, &r, &err),
                   CW_ERR_IO);
  assert_non_null(strstr(err.msg, "private address 127.0.0.1"));
  assert_int_equal(cw_fetch("http://[::1]:9/", NULL, &r, &err), CW_ERR_IO);
  assert_non_null(strstr(err.msg, "private address ::1"));
  /* the per-host delay holds even for requests that fail */
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  assert_int_equal(cw_fetch("http://127.0.0.1:9/again", NULL, &r, &err),
                   CW_ERR_IO);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long long ms = (long long)(t1.tv_sec - t0.tv_sec) * 1000 +
                 (t1.tv_nsec - t0.tv_nsec) / 1000000;
  assert_true(ms >= CW_FETCH_HOST_DELAY_MS / 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(private_v4),
      cmocka_unit_test(private_v6),
      cmocka_unit_test(not_an_address),
      cmocka_unit_test(robots_star_group),
      cmocka_unit_test(robots_own_group_wins),
      cmocka_unit_test(robots_longest_match_and_wildcards),
      cmocka_unit_test(robots_hostile),
      cmocka_unit_test(refuses_bad_urls),
      cmocka_unit_test(refuses_loopback),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
