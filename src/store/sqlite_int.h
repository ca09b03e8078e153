/* sqlite_int.h - what the files of the SQLite backend share (sqlite.c:
 * open, ingest, stories; search.c, export.c and others beside it). Private
 * to src/store: nothing outside this folder includes it.
 */
#ifndef CW_SQLITE_INT_H
#define CW_SQLITE_INT_H

#include "crosswire.h"

#include <sqlite3.h>

struct cw_store {
  sqlite3 *db;
  char *path;
};

/* Sets err from the connection's last error: "<path>: <what>: <sqlite>";
 * returns CW_ERR_STORE. */
cw_status cw_sq_error(cw_store *s, cw_error *err, const char *what);
/* Runs SQL without results (several statements allowed). */
cw_status cw_sq_exec(cw_store *s, const char *sql, cw_error *err);
/* Binds v as text, or NULL when v is NULL (SQLITE_TRANSIENT). */
void cw_sq_bind_text(sqlite3_stmt *st, int i, const char *v);
/* Column i as text (NULL for SQL NULL). */
const char *cw_sq_col_text(sqlite3_stmt *st, int i);

#endif
