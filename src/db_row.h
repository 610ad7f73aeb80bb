#ifndef STAGEMATCH_DB_ROW_H
#define STAGEMATCH_DB_ROW_H
/*
 * Reading a row into a named struct: the data modules copy columns out of a statement
 * before the next step, into the request's arena, so the row outlives the statement.
 */
#include <stdbool.h>

#include "arena.h"
#include "db.h"

/* Column col as text copied into a ("" for NULL). */
const char *db_text_dup(struct db_stmt *st, int col, struct arena *a);
/* Column col as a truth value (non-zero integer). */
bool db_bool(struct db_stmt *st, int col);

#endif
