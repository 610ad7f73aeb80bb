#ifndef STAGEMATCH_DB_ROW_H
#define STAGEMATCH_DB_ROW_H
/*
 * Reading a row into a named struct: the data modules copy columns out of a statement
 * before the next step, into the request's arena, so the row outlives the statement.
 */
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "db.h"

/* Column col as text copied into a ("" for NULL). */
const char *db_text_dup(struct db_stmt *st, int col, struct arena *a);
/* Column col as a truth value (non-zero integer). */
bool db_bool(struct db_stmt *st, int col);
/* Steps st once and resets it: the row, when there is one, read by read into out. Whether
 * there was one. */
bool db_row(struct db_stmt *st, struct arena *a, void *out, void (*read)(struct db_stmt *st, struct arena *a, void *row));
/* Steps st to its end and resets it: each row read by read into a new element (size
 * bytes, zeroed) of an array in a. The array (never NULL); *count gets its length. */
void *db_rows(struct db_stmt *st, struct arena *a, size_t size, size_t *count,
              void (*read)(struct db_stmt *st, struct arena *a, void *row));

/* Inserts the periods start[i]..end[i] that are set (positions 1..PERIODS_MAX) with sql,
 * an INSERT of (owner, position, starts_on, ends_on). 0, or -1 when one failed. */
int db_insert_periods(const char *sql, long long owner, const char *const start[], const char *const end[]);

#endif
