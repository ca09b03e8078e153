/* store.h - the archive behind the cw_store_* calls of crosswire.h.
 *
 * Nothing outside src/store writes SQL. The SQLite backend (sqlite.c)
 * implements the public calls directly for now; the backend interface that
 * lets a PostgreSQL archive stand beside it is specified in docs/ and grows
 * here when a second backend exists.
 */
#ifndef CW_STORE_H
#define CW_STORE_H

#include "core/core.h"

#endif
