#include "audit.h"

#include <ctype.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "db_row.h"
#include "user.h"
#include "validate.h"

/* The audit module: every statement on audit_log but the listing, which names the pupil
 * (src/admin_audit.c, for the pupil module to take over). */
enum audit_stmt { STMT_AUDIT_INSERT, STMT_AUDIT_FIRST_ID_FROM, STMT_AUDIT_LAST_ID_BEFORE, STMT_AUDIT_ACTIONS, STMT_AUDIT__MAX };

static const char *const stmts[STMT_AUDIT__MAX] = {
	[STMT_AUDIT_INSERT] = "INSERT INTO audit_log (at, actor_user_id, organisation_id, ip, action, student_id, detail)"
	                      " VALUES (?, ?, ?, ?, ?, ?, ?)",
	/* One seek each in audit_log_at. Ids grow with time as lines are written (the at filter
	 * stays exact; only a wall clock set back could put a line outside its id range). */
	[STMT_AUDIT_FIRST_ID_FROM] = "SELECT id FROM audit_log WHERE at >= ? ORDER BY at, id LIMIT 1",
	[STMT_AUDIT_LAST_ID_BEFORE] = "SELECT id FROM audit_log WHERE at < ? ORDER BY at DESC, id DESC LIMIT 1",
	/* Every distinct action, one index seek each. */
	[STMT_AUDIT_ACTIONS] = "WITH RECURSIVE x(action) AS (SELECT MIN(action) FROM audit_log UNION ALL"
	                       " SELECT (SELECT MIN(a.action) FROM audit_log a WHERE a.action > x.action) FROM x"
	                       " WHERE x.action IS NOT NULL) SELECT action FROM x WHERE action IS NOT NULL",
};

void audit_mask_national_numbers(const char *text, struct buf *out)
{
	buf_puts(out, "");
	for (const char *p = text; *p;) {
		if (isdigit((unsigned char)*p) && (p == text || !isdigit((unsigned char)p[-1]))) {
			/* The run of digits and separators from here that holds exactly 11 digits. */
			const char *q = p, *end = NULL;
			int digits = 0;
			while (*q && digits < 11 && (isdigit((unsigned char)*q) || strchr(".- /", *q))) {
				if (isdigit((unsigned char)*q++) && ++digits == 11)
					end = q;
			}
			char candidate[32], nn[12];
			if (end && !isdigit((unsigned char)*end) && (size_t)(end - p) < sizeof candidate) {
				memcpy(candidate, p, (size_t)(end - p));
				candidate[end - p] = 0;
				if (!validate_national_number(candidate, nn)) {
					buf_puts(out, "[rijksregisternummer]");
					p = end;
					continue;
				}
			}
		}
		buf_putc(out, *p++);
	}
}

static bool insert(long long actor, long long org, const char *ip, const char *action,
                   long long student_id, const char *detail)
{
	struct db_stmt *st = db_prepare(stmts[STMT_AUDIT_INSERT]);
	db_bind_int(st, 1, clock_now());
	if (actor)
		db_bind_int(st, 2, actor);
	if (org)
		db_bind_int(st, 3, org);
	db_bind_text(st, 4, ip);
	db_bind_text(st, 5, action);
	if (student_id)
		db_bind_int(st, 6, student_id);
	struct buf masked = {0};
	audit_mask_national_numbers(detail ? detail : "", &masked);
	db_bind_text(st, 7, masked.data);
	int rc = db_step(st);
	db_reset(st);
	buf_free(&masked);
	return rc == DB_DONE;
}

bool audit(struct req *r, const char *action, long long student_id, const char *detail)
{
	return insert(r->user ? r->user->id : 0, r->user ? r->user->org_id : 0, r->ip, action, student_id, detail);
}

void audit_user(struct req *r, long long user_id, const char *action, const char *detail)
{
	long long org = user_id ? user_org_id(user_id) : 0;
	insert(user_id, org, r->ip, action, 0, detail);
}

void audit_system(long long actor_user_id, long long organisation_id, const char *action,
                  long long student_id, const char *detail)
{
	insert(actor_user_id, organisation_id, NULL, action, student_id, detail);
}

long long audit_first_id_from(const struct scope *s, long long from, long long none)
{
	return s->role == ROLE_ADMIN ? db_query_int(none, stmts[STMT_AUDIT_FIRST_ID_FROM], "i", from) : none;
}

long long audit_last_id_before(const struct scope *s, long long until)
{
	return s->role == ROLE_ADMIN ? db_query_int(0, stmts[STMT_AUDIT_LAST_ID_BEFORE], "i", until) : 0;
}

static void read_action(struct db_stmt *st, struct arena *a, void *row)
{
	*(const char **)row = db_text_dup(st, 0, a);
}

const char **audit_actions(const struct scope *s, struct arena *a, size_t *count)
{
	if (s->role != ROLE_ADMIN) {
		*count = 0;
		return arena_alloc(a, sizeof(const char *));
	}
	return db_rows(db_prepare(stmts[STMT_AUDIT_ACTIONS]), a, sizeof(const char *), count, read_action);
}
