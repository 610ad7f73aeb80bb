#include "session.h"

#include <string.h>

#include "clock.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "db_row.h"

/*
 * The session module: every statement on the sessions table, and the user a session
 * stands for. The session is what makes the scope (src/store/scope.h), so these statements are
 * reached by the session's token or user, not by a scope.
 */
enum session_stmt {
	STMT_SESSION_LOAD,
	STMT_SESSION_TOUCH,
	STMT_SESSION_INSERT,
	STMT_SESSION_END,
	STMT_SESSION_END_TOKEN,
	STMT_SESSION_END_ALL,
	STMT_SESSION_END_ORGANISATION,
	STMT_SESSION_USER,
	STMT_SESSION_LOGIN_TIME,
	STMT_SESSION_ACTIVE_COUNT,
	STMT_SESSION_PURGE,
	STMT_FORM_KEEP,
	STMT_FORM_GET,
	STMT_FORM_DELETE,
	STMT_FORM_PURGE,
	STMT_SESSION__MAX
};

static const char *const stmts[STMT_SESSION__MAX] = {
	[STMT_SESSION_LOAD] = "SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.ended_at IS NULL,"
	                      "       u.email, u.name, u.state = 'active', o.id, o.kind, o.name, o.active = 1"
	                      "  FROM sessions s JOIN users u ON u.id = s.user_id"
	                      "  JOIN organisations o ON o.id = u.organisation_id"
	                      " WHERE s.token_hash = ?",
	[STMT_SESSION_TOUCH] = "UPDATE sessions SET last_seen_at = ? WHERE id = ?",
	[STMT_SESSION_INSERT] = "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, ip)"
	                        " VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_SESSION_END] = "UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
	[STMT_SESSION_END_TOKEN] = "UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL",
	[STMT_SESSION_END_ALL] = "UPDATE sessions SET ended_at = ? WHERE user_id = ? AND id <> ? AND ended_at IS NULL",
	[STMT_SESSION_END_ORGANISATION] = "UPDATE sessions SET ended_at = ? WHERE ended_at IS NULL"
	                                  " AND user_id IN (SELECT id FROM users WHERE organisation_id = ?)",
	[STMT_SESSION_USER] = "SELECT u.id, u.email, u.name, o.id, o.kind, o.name FROM users u"
	                      "  JOIN organisations o ON o.id = u.organisation_id"
	                      " WHERE u.id = ? AND u.state = 'active' AND o.active = 1",
	[STMT_SESSION_LOGIN_TIME] = "UPDATE users SET last_login_at = ? WHERE id = ?",
	[STMT_SESSION_ACTIVE_COUNT] = "SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL AND last_seen_at > ?"
	                              " AND created_at > ?",
	[STMT_SESSION_PURGE] = "DELETE FROM sessions WHERE last_seen_at < ?",
	[STMT_FORM_KEEP] = "INSERT INTO saved_forms (token_hash, user_id, path, body, created_at) VALUES (?, ?, ?, ?, ?)",
	[STMT_FORM_GET] = "SELECT id, path, body FROM saved_forms WHERE token_hash = ? AND user_id = ? AND created_at > ?",
	[STMT_FORM_DELETE] = "DELETE FROM saved_forms WHERE id = ?",
	[STMT_FORM_PURGE] = "DELETE FROM saved_forms WHERE created_at < ?",
};

/* The columns of STMT_FORM_GET. */
enum form_col { COL_FORM_ID, COL_FORM_PATH, COL_FORM_BODY };

/* The columns of STMT_SESSION_LOAD. */
enum load_col {
	COL_SESSION_ID, COL_SESSION_USER_ID, COL_SESSION_CSRF, COL_SESSION_CREATED, COL_SESSION_LAST_SEEN,
	COL_SESSION_OPEN, COL_SESSION_EMAIL, COL_SESSION_NAME, COL_SESSION_USER_ACTIVE, COL_SESSION_ORG_ID,
	COL_SESSION_ORG_KIND, COL_SESSION_ORG_NAME, COL_SESSION_ORG_ACTIVE
};
/* The columns of STMT_SESSION_USER. */
enum user_col { COL_USER_ID, COL_USER_EMAIL, COL_USER_NAME, COL_USER_ORG_ID, COL_USER_ORG_KIND, COL_USER_ORG_NAME };

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
	struct db_stmt *st = db_prepare(stmts[STMT_SESSION_LOAD]);
	db_bind_text(st, 1, hash);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return;
	}
	long long now = clock_now();
	long long session_id = db_int(st, COL_SESSION_ID);
	long long last_seen = db_int(st, COL_SESSION_LAST_SEEN);
	bool valid = db_bool(st, COL_SESSION_OPEN) && db_bool(st, COL_SESSION_USER_ACTIVE) &&
	             db_bool(st, COL_SESSION_ORG_ACTIVE) && now - last_seen < cfg.idle_minutes * 60LL &&
	             now - db_int(st, COL_SESSION_CREATED) < cfg.absolute_hours * 3600LL;
	if (!valid) {
		r->expired = arena_alloc(r->arena, sizeof *r->expired);
		r->expired->user_id = db_int(st, COL_SESSION_USER_ID);
		r->expired->csrf = db_text_dup(st, COL_SESSION_CSRF, r->arena);
		db_reset(st);
		return;
	}
	struct user *u = arena_alloc(r->arena, sizeof *u);
	u->session_id = session_id;
	u->id = db_int(st, COL_SESSION_USER_ID);
	u->csrf = db_text_dup(st, COL_SESSION_CSRF, r->arena);
	u->email = db_text_dup(st, COL_SESSION_EMAIL, r->arena);
	u->name = db_text_dup(st, COL_SESSION_NAME, r->arena);
	u->org_id = db_int(st, COL_SESSION_ORG_ID);
	u->role = role_of_kind(db_text(st, COL_SESSION_ORG_KIND));
	u->org_name = db_text_dup(st, COL_SESSION_ORG_NAME, r->arena);
	db_reset(st);
	r->user = u;
	/* Write at most once a minute per session: reads stay reads. */
	if (now - last_seen >= 60)
		db_exec(stmts[STMT_SESSION_TOUCH], "ii", now, session_id);
}

struct user *session_user_by_id(struct req *r, long long user_id)
{
	struct db_stmt *st = db_prepare(stmts[STMT_SESSION_USER]);
	db_bind_int(st, 1, user_id);
	struct user *u = NULL;
	if (db_step(st) == DB_ROW) {
		u = arena_alloc(r->arena, sizeof *u);
		u->id = db_int(st, COL_USER_ID);
		u->email = db_text_dup(st, COL_USER_EMAIL, r->arena);
		u->name = db_text_dup(st, COL_USER_NAME, r->arena);
		u->org_id = db_int(st, COL_USER_ORG_ID);
		u->role = role_of_kind(db_text(st, COL_USER_ORG_KIND));
		u->org_name = db_text_dup(st, COL_USER_ORG_NAME, r->arena);
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
		db_exec(stmts[STMT_SESSION_END_TOKEN], "it", now, old_hash);
	}
	if (db_exec(stmts[STMT_SESSION_INSERT], "titiit", hash, user_id, csrf, now, now, r->ip) != DB_DONE)
		goto fail;
	u->session_id = db_last_id();
	if (db_exec(stmts[STMT_SESSION_LOGIN_TIME], "ii", now, user_id) != DB_DONE || db_commit() != DB_DONE)
		goto fail;
	u->csrf = arena_strdup(r->arena, csrf);
	r->user = u;
	r->expired = NULL;
	resp_cookie(r, SESSION_COOKIE, arena_strdup(r->arena, token), -1);
	return true;
fail:
	db_rollback();
	return false;
}

void session_end(struct req *r)
{
	if (r->user)
		db_exec(stmts[STMT_SESSION_END], "ii", clock_now(), r->user->session_id);
	resp_cookie(r, SESSION_COOKIE, "", 0);
	r->user = NULL;
}

void session_end_all(long long user_id, long long keep_session_id)
{
	db_exec(stmts[STMT_SESSION_END_ALL], "iii", clock_now(), user_id, keep_session_id);
}

void session_end_organisation(long long org_id)
{
	db_exec(stmts[STMT_SESSION_END_ORGANISATION], "ii", clock_now(), org_id);
}

long long session_active_count(long long now)
{
	return db_query_int(0, stmts[STMT_SESSION_ACTIVE_COUNT], "ii", now - cfg.idle_minutes * 60LL,
	                    now - cfg.absolute_hours * 3600LL);
}

void session_purge(long long before)
{
	db_exec(stmts[STMT_SESSION_PURGE], "i", before);
}

int session_form_keep(long long user_id, const char *token_hash, const char *path, const char *sealed,
                      long long now)
{
	return db_exec(stmts[STMT_FORM_KEEP], "titti", token_hash, user_id, path, sealed, now);
}

static void read_saved_form(struct db_stmt *st, struct arena *a, void *row)
{
	struct saved_form *f = row;
	f->id = db_int(st, COL_FORM_ID);
	f->path = db_text_dup(st, COL_FORM_PATH, a);
	f->sealed = db_text_dup(st, COL_FORM_BODY, a);
}

bool session_form_take(long long user_id, const char *token_hash, long long since, struct arena *a,
                       struct saved_form *out)
{
	struct db_stmt *st = db_prepare(stmts[STMT_FORM_GET]);
	db_bindv(st, "tii", token_hash, user_id, since);
	if (!db_row(st, a, out, read_saved_form))
		return false;
	db_exec(stmts[STMT_FORM_DELETE], "i", out->id);
	return true;
}

void session_forms_purge(long long before)
{
	db_exec(stmts[STMT_FORM_PURGE], "i", before);
}
