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
static const char *SQL_GIVE_BACK = "UPDATE throttle SET hits = MAX(hits - 1, 0) WHERE key = ?";
static const char *SQL_CLEAR = "DELETE FROM throttle WHERE key = ?";
static const char *SQL_PURGE = "DELETE FROM throttle WHERE window_start < ?";

static void hashed(const char *key, char out[TOKEN_HASH_LEN])
{
	token_hash(key, out);
}

int throttle_hits(const char *key, int window_seconds)
{
	char h[TOKEN_HASH_LEN];
	hashed(key, h);
	struct db_stmt *st = db_prepare(SQL_GET);
	db_bind_text(st, 1, h);
	int hits = 0;
	if (db_step(st) == DB_ROW && db_int(st, 1) > clock_now() - window_seconds)
		hits = (int)db_int(st, 0);
	db_reset(st);
	return hits;
}

static int hit(const char *key, int window_seconds)
{
	char h[TOKEN_HASH_LEN];
	hashed(key, h);
	long long now = clock_now();
	long long expired_before = now - window_seconds;
	return db_exec(SQL_HIT, "tiii", h, now, expired_before, expired_before);
}

bool throttle_take(const struct throttle_rule *rules, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (throttle_hits(rules[i].key, rules[i].window_seconds) >= rules[i].limit)
			return false;
	for (size_t i = 0; i < count; i++)
		hit(rules[i].key, rules[i].window_seconds);
	return true;
}

enum throttle_result throttle_reserve(const struct throttle_rule *rules, size_t count)
{
	if (db_begin() != DB_DONE)
		return THROTTLE_ERROR;
	if (!throttle_take(rules, count)) {
		db_rollback();
		return THROTTLE_FULL;
	}
	return db_commit() == DB_DONE ? THROTTLE_TAKEN : THROTTLE_ERROR;
}

void throttle_give_back(const char *key)
{
	char h[TOKEN_HASH_LEN];
	hashed(key, h);
	db_exec(SQL_GIVE_BACK, "t", h);
}

void throttle_clear(const char *key)
{
	char h[TOKEN_HASH_LEN];
	hashed(key, h);
	db_exec(SQL_CLEAR, "t", h);
}

void throttle_purge(long long before)
{
	db_exec(SQL_PURGE, "i", before);
}
