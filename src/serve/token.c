/* token.c - the write token of the HTTP API.
 *
 * Reads are open to anyone who can reach the server; writes (POST) need
 * "Authorization: Bearer <token>". The token is 32 random bytes from
 * /dev/urandom written as 64 hex digits into "<archive>.token" beside the
 * archive, created with O_EXCL and mode 0600 so that two processes racing
 * to make it agree on one and other users cannot read it. `crosswire token`
 * prints it.
 */
#include "serve/serve.h"

#include "core/core.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TOKEN_BYTES 32
#define TOKEN_HEX (2 * TOKEN_BYTES)

static char *token_path(const char *db) {
  size_t n = strlen(db);
  char *p = malloc(n + sizeof ".token");
  if (p) {
    memcpy(p, db, n);
    memcpy(p + n, ".token", sizeof ".token");
  }
  return p;
}

static int valid_token(const char *t, size_t n) {
  if (n != TOKEN_HEX)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (!((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'a' && t[i] <= 'f')))
      return 0;
  return 1;
}

/* Reads the token file: CW_OK, CW_ERR_NOT_FOUND when absent, or an error. */
static cw_status read_token(const char *path, char **out, cw_error *err) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT)
      return CW_ERR_NOT_FOUND;
    return cw_error_set(err, CW_ERR_IO, 0, "%s: %s", path, strerror(errno));
  }
  char buf[TOKEN_HEX + 8];
  size_t n = 0;
  ssize_t r;
  while (n < sizeof buf && (r = read(fd, buf + n, sizeof buf - n)) != 0) {
    if (r < 0) {
      if (errno == EINTR)
        continue;
      close(fd);
      return cw_error_set(err, CW_ERR_IO, 0, "%s: %s", path, strerror(errno));
    }
    n += (size_t)r;
  }
  close(fd);
  while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
    n--;
  if (!valid_token(buf, n))
    return cw_error_set(err, CW_ERR_FORMAT, 0,
                        "%s: not a crosswire token (64 hex digits); remove "
                        "it to make a new one",
                        path);
  if (!(*out = cw_strndup(buf, n)))
    return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", path);
  return CW_OK;
}

static cw_status make_token(const char *path, cw_error *err) {
  unsigned char raw[TOKEN_BYTES];
  char hex[TOKEN_HEX + 1];
  static const char digits[] = "0123456789abcdef";
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  size_t n = 0;
  while (fd >= 0 && n < sizeof raw) {
    ssize_t r = read(fd, raw + n, sizeof raw - n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      break;
    n += (size_t)r;
  }
  if (fd >= 0)
    close(fd);
  if (n < sizeof raw)
    return cw_error_set(err, CW_ERR_IO, 0,
                        "/dev/urandom: cannot read random bytes");
  for (size_t i = 0; i < sizeof raw; i++) {
    hex[2 * i] = digits[raw[i] >> 4];
    hex[2 * i + 1] = digits[raw[i] & 15];
  }
  hex[TOKEN_HEX] = '\n';
  fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return errno == EEXIST ? CW_OK /* another process made it first */
                           : cw_error_set(err, CW_ERR_IO, 0, "%s: %s", path,
                                          strerror(errno));
  int ok = write(fd, hex, sizeof hex) == (ssize_t)sizeof hex;
  if (close(fd) != 0)
    ok = 0;
  if (!ok) {
    unlink(path);
    return cw_error_set(err, CW_ERR_IO, 0, "%s: cannot write the token",
                        path);
  }
  return CW_OK;
}

cw_status cw_serve_token(const char *db, char **out, cw_error *err) {
  *out = NULL;
  char *path = token_path(db);
  if (!path)
    return cw_error_set(err, CW_ERR_NOMEM, 0, "%s: out of memory", db);
  cw_status st = read_token(path, out, err);
  if (st == CW_ERR_NOT_FOUND) {
    st = make_token(path, err);
    if (st == CW_OK)
      st = read_token(path, out, err);
    if (st == CW_ERR_NOT_FOUND)
      st = cw_error_set(err, CW_ERR_IO, 0, "%s: token file vanished", path);
  }
  free(path);
  return st;
}

int cw_serve_token_eq(const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  unsigned char diff = na != nb;
  /* walk the expected token's length whatever the guess holds */
  for (size_t i = 0; i < na; i++)
    diff |= (unsigned char)(a[i] ^ (i < nb ? b[i] : 0));
  return diff == 0;
}
