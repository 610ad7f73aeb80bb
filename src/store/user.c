/* The user module (src/store/user.h): the users table as the screens list and manage it. */
#include "user.h"

#include "buf.h"
#include "clock.h"
#include "db.h"
#include "db_row.h"
#include "orgs.h"
#include "validate.h"

enum user_stmt {
	STMT_USER_LIST,
	STMT_USER_GET,
	STMT_USER_DISABLE,
	STMT_USER_ENABLE,
	STMT_USER_SET_NAME,
	STMT_USER_SET_PASSWORD,
	STMT_USER_ACTIVATE,
	STMT_USER_RESET_PASSWORD,
	STMT_USER_INSERT,
	STMT_USER_BY_EMAIL,
	STMT_USER_LOGIN,
	STMT_USER_REHASH,
	STMT_USER_COLLEAGUES,
	STMT_USER_ORG_ID,
	STMT_USER_ACTIVE_EMAILS,
	STMT_USER_ANY,
	STMT_USER_ACTIVE,
	STMT_USER_COUNT,
	STMT_USER__MAX
};

/* The reads bind the reach as ?1; `?1 = 0` is the coordinator's "every organisation". */
#define USER_COLUMNS                                                                                   \
	"u.id, o.id, o.name, o.kind, COALESCE(u.name, ''), u.email, u.state, COALESCE(u.last_login_at, 0),"  \
	" COALESCE((SELECT MAX(t.expires_at) FROM tokens t"                                                 \
	"  WHERE t.user_id = u.id AND t.purpose = 'activation' AND t.used_at IS NULL), 0)"                   \
	", o.active = 1 FROM users u JOIN organisations o ON o.id = u.organisation_id"
static const char *const stmts[STMT_USER__MAX] = {
	[STMT_USER_LIST] = "SELECT " USER_COLUMNS " WHERE (?1 = 0 OR o.id = ?1) AND (?2 = '' OR u.email LIKE ?3"
	                   " ESCAPE '\\' OR fold(u.name) LIKE fold(?3) ESCAPE '\\' OR fold(o.name) LIKE fold(?3) ESCAPE '\\')"
	                   " ORDER BY CASE o.kind WHEN 'coordinator' THEN 0 WHEN 'school' THEN 1 ELSE 2 END,"
	                   " o.name, o.id, u.email",
	[STMT_USER_GET] = "SELECT " USER_COLUMNS " WHERE (?1 = 0 OR o.id = ?1) AND u.id = ?2",
	[STMT_USER_DISABLE] = "UPDATE users SET state = 'disabled' WHERE id = ? AND state <> 'disabled'",
	[STMT_USER_ENABLE] = "UPDATE users SET state = CASE WHEN password_hash IS NULL THEN 'invited' ELSE 'active'"
	                     " END WHERE id = ? AND state = 'disabled'",
	[STMT_USER_SET_NAME] = "UPDATE users SET name = ? WHERE id = ?",
	[STMT_USER_SET_PASSWORD] = "UPDATE users SET password_hash = ? WHERE id = ?",
	[STMT_USER_ACTIVATE] = "UPDATE users SET password_hash = ?, name = ?, state = 'active' WHERE id = ?"
	                       " AND state = 'invited'",
	[STMT_USER_RESET_PASSWORD] = "UPDATE users SET password_hash = ? WHERE id = ? AND state = 'active'",
	[STMT_USER_INSERT] = "INSERT INTO users (organisation_id, email, name, password_hash, state, created_at)"
	                     " VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_USER_BY_EMAIL] = "SELECT id FROM users WHERE email = ?",
	[STMT_USER_LOGIN] = "SELECT u.id, u.organisation_id, COALESCE(u.password_hash, ''), u.state, o.active = 1"
	                    " FROM users u"
	                    " JOIN organisations o ON o.id = u.organisation_id WHERE u.email = ?",
	[STMT_USER_REHASH] = "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?",
	[STMT_USER_ORG_ID] = "SELECT organisation_id FROM users WHERE id = ?",
	[STMT_USER_COUNT] = "SELECT COUNT(*) FROM users WHERE (?1 = 0 OR organisation_id = ?1)",
	[STMT_USER_COLLEAGUES] = "SELECT id FROM users WHERE organisation_id = (SELECT organisation_id FROM users"
	                         " WHERE id = ?1) AND id <> ?1 AND state = 'active' ORDER BY id",
	[STMT_USER_ACTIVE_EMAILS] = "SELECT email FROM users WHERE (?1 = 0 OR organisation_id = ?1)"
	                            " AND organisation_id = ?2 AND state = 'active' ORDER BY id",
	[STMT_USER_ANY] = "SELECT COUNT(*) FROM (SELECT 1 FROM users LIMIT 1)",
	[STMT_USER_ACTIVE] = "SELECT COUNT(*) FROM users WHERE email = ? AND state = 'active'",
};

enum user_col {
	COL_ID, COL_ORG_ID, COL_ORG_NAME, COL_ORG_KIND, COL_NAME, COL_EMAIL, COL_STATE, COL_LAST_LOGIN,
	COL_INVITATION_EXPIRES, COL_ORG_ACTIVE
};
enum login_col { COL_LOGIN_ID, COL_LOGIN_ORG_ID, COL_LOGIN_HASH, COL_LOGIN_STATE, COL_LOGIN_ORG_ACTIVE };

static void read_user(struct db_stmt *st, struct arena *a, void *row)
{
	struct user_row *u = row;
	*u = (struct user_row){
		.id = db_int(st, COL_ID),
		.org_id = db_int(st, COL_ORG_ID),
		.org_name = db_text_dup(st, COL_ORG_NAME, a),
		.org_kind = db_text_dup(st, COL_ORG_KIND, a),
		.name = db_text_dup(st, COL_NAME, a),
		.email = db_text_dup(st, COL_EMAIL, a),
		.state = db_text_dup(st, COL_STATE, a),
		.last_login_at = db_int(st, COL_LAST_LOGIN),
		.invitation_expires_at = db_int(st, COL_INVITATION_EXPIRES),
		.org_active = db_bool(st, COL_ORG_ACTIVE),
	};
}

/* The search text as a LIKE pattern: %text% with the wildcards of the text escaped. */
static const char *like_pattern(const char *q, struct arena *a)
{
	struct buf b = {0};
	buf_putc(&b, '%');
	for (; *q; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			buf_putc(&b, '\\');
		buf_putc(&b, *q);
	}
	buf_putc(&b, '%');
	const char *s = arena_strdup(a, b.data);
	buf_free(&b);
	return s;
}

struct user_row *user_list(const struct scope *s, const char *search, struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_USER_LIST]);
	db_bindv(st, "itt", org_reach(s), search, like_pattern(search, a)); /* -1: no reach, no row */
	return db_rows(st, a, sizeof(struct user_row), count, read_user);
}

bool user_get(const struct scope *s, long long id, struct arena *a, struct user_row *out)
{
	long long reach = s->user_id && s->user_id == id ? 0 : org_reach(s);
	if (reach < 0)
		return false;
	struct db_stmt *st = db_prepare(stmts[STMT_USER_GET]);
	db_bindv(st, "ii", reach, id);
	return db_row(st, a, out, read_user);
}

int user_disable(const struct scope *s, long long id)
{
	return s->role == ROLE_ADMIN ? db_exec(stmts[STMT_USER_DISABLE], "i", id) : DB_ERROR;
}

int user_enable(const struct scope *s, long long id)
{
	return s->role == ROLE_ADMIN ? db_exec(stmts[STMT_USER_ENABLE], "i", id) : DB_ERROR;
}

/* A write on the scope's own account: the number of rows changed must be one. */
static int own_account(const struct scope *s, enum user_stmt stmt, const char *types, const char *text1,
                       const char *text2)
{
	if (s->user_id <= 0)
		return DB_ERROR;
	int rc = text2 ? db_exec(stmts[stmt], types, text1, text2, s->user_id) : db_exec(stmts[stmt], types, text1, s->user_id);
	return rc == DB_DONE && db_changes() == 1 ? DB_DONE : DB_ERROR;
}

int user_set_name(const struct scope *s, const char *name)
{
	return own_account(s, STMT_USER_SET_NAME, "ti", name, NULL);
}

int user_set_password(const struct scope *s, const char *password_hash)
{
	return own_account(s, STMT_USER_SET_PASSWORD, "ti", password_hash, NULL);
}

int user_activate(const struct scope *s, const char *password_hash, const char *name)
{
	return own_account(s, STMT_USER_ACTIVATE, "tti", password_hash, name);
}

int user_reset_password(const struct scope *s, const char *password_hash)
{
	return own_account(s, STMT_USER_RESET_PASSWORD, "ti", password_hash, NULL);
}

long long user_create(long long org_id, const char *email, const char *name, const char *password_hash)
{
	char normal[255];
	if (validate_email(email, normal, sizeof normal))
		return 0;
	int rc = db_exec(stmts[STMT_USER_INSERT], "itttti", org_id, normal, name, password_hash,
	                 password_hash ? "active" : "invited", clock_now());
	return rc == DB_DONE ? db_last_id() : 0;
}

long long user_id_by_email(const char *email)
{
	char normal[255];
	if (validate_email(email, normal, sizeof normal))
		return 0;
	return db_query_int(0, stmts[STMT_USER_BY_EMAIL], "t", normal);
}

bool user_login_get(const char *email, struct arena *a, struct user_login *out)
{
	*out = (struct user_login){0, 0, "", "", false};
	struct db_stmt *st = db_prepare(stmts[STMT_USER_LOGIN]);
	db_bind_text(st, 1, email);
	bool found = db_step(st) == DB_ROW;
	if (found)
		*out = (struct user_login){db_int(st, COL_LOGIN_ID), db_int(st, COL_LOGIN_ORG_ID), db_text_dup(st, COL_LOGIN_HASH, a),
		                           db_text_dup(st, COL_LOGIN_STATE, a), db_bool(st, COL_LOGIN_ORG_ACTIVE)};
	db_reset(st);
	return found;
}

int user_rehash(long long id, const char *old_hash, const char *new_hash)
{
	return db_exec(stmts[STMT_USER_REHASH], "tit", new_hash, id, old_hash);
}

int user_colleagues(long long new_user_id, long long *ids, size_t max, size_t *count)
{
	size_t n = 0;
	struct db_stmt *st = db_prepare(stmts[STMT_USER_COLLEAGUES]);
	db_bind_int(st, 1, new_user_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW && n < max)
		ids[n++] = db_int(st, COL_ID);
	db_reset(st);
	*count = n;
	return rc == DB_ROW || rc == DB_DONE ? DB_DONE : DB_ERROR;
}

long long user_org_id(long long id)
{
	return db_query_int(0, stmts[STMT_USER_ORG_ID], "i", id);
}

static void read_email(struct db_stmt *st, struct arena *a, void *row)
{
	*(const char **)row = db_text_dup(st, 0, a);
}

const char **user_active_emails(const struct scope *s, long long org_id, struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_USER_ACTIVE_EMAILS]);
	db_bindv(st, "ii", org_reach(s), org_id); /* -1, no reach, is no organisation's id */
	return db_rows(st, a, sizeof(const char *), count, read_email);
}

bool user_any(void)
{
	return db_query_int(1, stmts[STMT_USER_ANY], NULL) > 0;
}

bool user_active(const char *email)
{
	return db_query_int(0, stmts[STMT_USER_ACTIVE], "t", email) > 0;
}

long long user_count(const struct scope *s)
{
	return db_query_int(0, stmts[STMT_USER_COUNT], "i", org_reach(s));
}
