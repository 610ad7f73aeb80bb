#include "session.h"

#include <string.h>

#include "clock.h"
#include "config.h"
#include "crypto.h"
#include "db.h"

static const char *SQL_LOAD =
	"SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.ended_at,"
	"       u.email, u.name, u.state, o.id, o.kind, o.name, o.active"
	"  FROM sessions s JOIN users u ON u.id = s.user_id"
	"  JOIN organisations o ON o.id = u.organisation_id"
	" WHERE s.token_hash = ?";
static const char *SQL_TOUCH = "UPDATE sessions SET last_seen_at = ? WHERE id = ?";
static const char *SQL_INSERT =
	"INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, ip)"
	" VALUES (?, ?, ?, ?, ?, ?)";
static const char *SQL_END = "UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL";
static const char *SQL_END_ALL =
	"UPDATE sessions SET ended_at = ? WHERE user_id = ? AND id <> ? AND ended_at IS NULL";
static const char *SQL_USER =
	"SELECT u.id, u.email, u.name, o.id, o.kind, o.name FROM users u"
	"  JOIN organisations o ON o.id = u.organisation_id"
	" WHERE u.id = ? AND u.state = 'active' AND o.active = 1";
static const char *SQL_LOGIN_TIME = "UPDATE users SET last_login_at = ? WHERE id = ?";

static int role_of_kind(const char *kind)
{
	if (strcmp(kind, "coordinator") == 0)
		return ROLE_ADMIN;
	if (strcmp(kind, "school") == 0)
		return ROLE_SCHOOL;
	return ROLE_SERVICE;
}

void session_load(struct req *r)
{
	const char *token = params_get(&r->cookies, cookie_name(r, SESSION_COOKIE));
	if (!token || strlen(token) != TOKEN_LEN - 1)
		return;
	char hash[TOKEN_HASH_LEN];
	token_hash(token, hash);
	struct db_stmt *st = db_prepare(SQL_LOAD);
	db_bind_text(st, 1, hash);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return;
	}
	long long now = clock_now();
	long long session_id = db_int(st, 0);
	long long last_seen = db_int(st, 4);
	bool valid = db_is_null(st, 5) && strcmp(db_text(st, 8), "active") == 0 && db_int(st, 12) == 1 &&
	             now - last_seen < cfg.idle_minutes * 60LL &&
	             now - db_int(st, 3) < cfg.absolute_hours * 3600LL;
	if (!valid) {
		r->expired = arena_alloc(r->arena, sizeof *r->expired);
		r->expired->user_id = db_int(st, 1);
		r->expired->csrf = arena_strdup(r->arena, db_text(st, 2));
		db_reset(st);
		return;
	}
	struct user *u = arena_alloc(r->arena, sizeof *u);
	u->session_id = session_id;
	u->id = db_int(st, 1);
	u->csrf = arena_strdup(r->arena, db_text(st, 2));
	u->email = arena_strdup(r->arena, db_text(st, 6));
	u->name = arena_strdup(r->arena, db_text(st, 7));
	u->org_id = db_int(st, 9);
	u->role = role_of_kind(db_text(st, 10));
	u->org_name = arena_strdup(r->arena, db_text(st, 11));
	db_reset(st);
	r->user = u;
	/* Write at most once a minute per session: reads stay reads. */
	if (now - last_seen >= 60)
		db_exec(SQL_TOUCH, "ii", now, session_id);
}

struct user *session_user_by_id(struct req *r, long long user_id)
{
	struct db_stmt *st = db_prepare(SQL_USER);
	db_bind_int(st, 1, user_id);
	struct user *u = NULL;
	if (db_step(st) == DB_ROW) {
		u = arena_alloc(r->arena, sizeof *u);
		u->id = db_int(st, 0);
		u->email = arena_strdup(r->arena, db_text(st, 1));
		u->name = arena_strdup(r->arena, db_text(st, 2));
		u->org_id = db_int(st, 3);
		u->role = role_of_kind(db_text(st, 4));
		u->org_name = arena_strdup(r->arena, db_text(st, 5));
	}
	db_reset(st);
	return u;
}

bool session_start(struct req *r, long long user_id)
{
	struct user *u = session_user_by_id(r, user_id);
	if (!u)
		return false;
	/* Renew at login: the old session (if any) ends, a new token is issued. */
	const char *old = params_get(&r->cookies, cookie_name(r, SESSION_COOKIE));
	long long now = clock_now();
	char token[TOKEN_LEN], hash[TOKEN_HASH_LEN], csrf[TOKEN_LEN];
	token_new(token);
	token_hash(token, hash);
	token_new(csrf);
	if (db_begin() != DB_DONE)
		return false;
	if (old && strlen(old) == TOKEN_LEN - 1) {
		char old_hash[TOKEN_HASH_LEN];
		token_hash(old, old_hash);
		db_exec("UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL", "it", now,
		        old_hash);
	}
	if (db_exec(SQL_INSERT, "titiit", hash, user_id, csrf, now, now, r->ip) != DB_DONE ||
	    db_exec(SQL_LOGIN_TIME, "ii", now, user_id) != DB_DONE) {
		db_rollback();
		return false;
	}
	u->session_id = db_last_id();
	if (db_commit() != DB_DONE)
		return false;
	u->csrf = arena_strdup(r->arena, csrf);
	r->user = u;
	r->expired = NULL;
	resp_cookie(r, SESSION_COOKIE, arena_strdup(r->arena, token), -1);
	return true;
}

void session_end(struct req *r)
{
	if (r->user)
		db_exec(SQL_END, "ii", clock_now(), r->user->session_id);
	resp_cookie(r, SESSION_COOKIE, "", 0);
	r->user = NULL;
}

void session_end_all(long long user_id, long long keep_session_id)
{
	db_exec(SQL_END_ALL, "iii", clock_now(), user_id, keep_session_id);
}

void session_end_organisation(long long org_id)
{
	db_exec("UPDATE sessions SET ended_at = ? WHERE ended_at IS NULL"
	        " AND user_id IN (SELECT id FROM users WHERE organisation_id = ?)",
	        "ii", clock_now(), org_id);
}
