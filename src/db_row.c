#include "db_row.h"

const char *db_text_dup(struct db_stmt *st, int col, struct arena *a)
{
	return arena_strdup(a, db_text(st, col));
}

bool db_bool(struct db_stmt *st, int col)
{
	return db_int(st, col) != 0;
}
