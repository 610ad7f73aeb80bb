#include "throttle.h"

#include "clock.h"
#include "crypto.h"
#include "db.h"

static const char *SQL_GET = "SELECT hits, window_start FROM throttle WHERE key = ?";
static const char *SQL_HIT =
	"INSERT INTO throttle (key, hits, window_start) VALUES (?, 1, ?)"
	" ON CONFLICT (key) DO UPDATE SET"
	"   hits = CASE WHEN throttle.window_start <= ? THEN 1 ELSE throttle.hits + 1 END,"
	"   window_start = CASE WHEN throttle.window_start <= ? THEN excluded.window_start"
	"                  ELSE throttle.window_start END";
static const char *SQL_CLEAR = "DELETE FROM throttle WHERE key = ?";

static void hashed(const char *key, char out[TOKEN_HASH_LEN])
{
	token_hash(key, out);
}

bool throttle_exceeded(const char *key, int limit, int window_seconds)
{
	char h[TOKEN_HASH_LEN];
	hashed(key, h);
	struct db_stmt *st = db_prepare(SQL_GET);
	db_bind_text(st, 1, h);
	bool over = false;
	if (db_step(st) == DB_ROW)
		over = db_int(st, 1) > clock_now() - window_seconds && db_int(st, 0) >= limit;
	db_reset(st);
	return over;
}

void throttle_hit(const char *key, int window_seconds)
{
	char h[TOKEN_HASH_LEN];
	hashed(key, h);
	long long now = clock_now();
	long long expired_before = now - window_seconds;
	db_exec(SQL_HIT, "tiii", h, now, expired_before, expired_before);
}

void throttle_clear(const char *key)
{
	char h[TOKEN_HASH_LEN];
	hashed(key, h);
	db_exec(SQL_CLEAR, "t", h);
}
