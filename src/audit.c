#include "audit.h"

#include "clock.h"
#include "db.h"

static const char *SQL_INSERT =
	"INSERT INTO audit_log (at, actor_user_id, organisation_id, ip, action, student_id, detail)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char *SQL_USER_ORG = "SELECT organisation_id FROM users WHERE id = ?";

static bool insert(long long actor, long long org, const char *ip, const char *action,
                   long long student_id, const char *detail)
{
	struct db_stmt *st = db_prepare(SQL_INSERT);
	db_bind_int(st, 1, clock_now());
	if (actor)
		db_bind_int(st, 2, actor);
	if (org)
		db_bind_int(st, 3, org);
	db_bind_text(st, 4, ip);
	db_bind_text(st, 5, action);
	if (student_id)
		db_bind_int(st, 6, student_id);
	db_bind_text(st, 7, detail ? detail : "");
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE;
}

bool audit(struct req *r, const char *action, long long student_id, const char *detail)
{
	return insert(r->user ? r->user->id : 0, r->user ? r->user->org_id : 0, r->ip, action, student_id, detail);
}

void audit_user(struct req *r, long long user_id, const char *action, const char *detail)
{
	long long org = user_id ? db_query_int(0, SQL_USER_ORG, "i", user_id) : 0;
	insert(user_id, org, r->ip, action, 0, detail);
}

void audit_system(long long actor_user_id, long long organisation_id, const char *action,
                  long long student_id, const char *detail)
{
	insert(actor_user_id, organisation_id, NULL, action, student_id, detail);
}
