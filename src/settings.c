#include "settings.h"

#include <stdio.h>
#include <string.h>

#include "db.h"

static const char *SQL_SET =
	"INSERT INTO settings (key, value) VALUES (?, ?)"
	" ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static const char *SQL_GET = "SELECT value FROM settings WHERE key = ?";

int setting_set(const char *key, const char *value)
{
	return db_exec(SQL_SET, "tt", key, value) == DB_DONE ? 0 : -1;
}

char *setting_get(const char *key, char *out, size_t size)
{
	struct db_stmt *st = db_prepare(SQL_GET);
	db_bind_text(st, 1, key);
	char *found = NULL;
	if (db_step(st) == DB_ROW && strlen(db_text(st, 0)) < size) {
		snprintf(out, size, "%s", db_text(st, 0));
		found = out;
	}
	db_reset(st);
	return found;
}
