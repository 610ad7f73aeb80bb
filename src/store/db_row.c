#include "db_row.h"

#include <string.h>

#include "periods.h"

const char *db_text_dup(struct db_stmt *st, int col, struct arena *a)
{
	return arena_strdup(a, db_text(st, col));
}

bool db_bool(struct db_stmt *st, int col)
{
	return db_int(st, col) != 0;
}

void *db_rows(struct db_stmt *st, struct arena *a, size_t size, size_t *count,
              void (*read)(struct db_stmt *st, struct arena *a, void *row))
{
	char *rows = NULL;
	size_t n = 0, cap = 0;
	while (db_step(st) == DB_ROW) {
		rows = arena_grow(a, rows, n, &cap, size, 1);
		memset(rows + n * size, 0, size);
		read(st, a, rows + n++ * size);
	}
	db_reset(st);
	*count = n;
	return rows ? rows : arena_alloc(a, size);
}

bool db_row(struct db_stmt *st, struct arena *a, void *out, void (*read)(struct db_stmt *st, struct arena *a, void *row))
{
	bool found = db_step(st) == DB_ROW;
	if (found)
		read(st, a, out);
	db_reset(st);
	return found;
}

int db_insert_periods(const char *sql, long long owner, const char *const start[], const char *const end[])
{
	for (int i = 0; i < PERIODS_MAX; i++) {
		if (!start[i] || !*start[i])
			continue;
		if (db_exec(sql, "iitt", owner, (long long)(i + 1), start[i], end[i]) != DB_DONE)
			return -1;
	}
	return 0;
}
