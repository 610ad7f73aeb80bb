#include "placements_store.h"

#include <string.h>

#include "campaigns.h"
#include "db.h"
#include "db_row.h"

enum placement_stmt { STMT_LAST_MENTOR, STMT_IS_OURS, STMT_COUNT_CURRENT, STMT__MAX };
static const char *const stmts[STMT__MAX] = {
	[STMT_LAST_MENTOR] = "SELECT site, mentor_name, mentor_phone, mentor_email FROM placements"
		" WHERE service_id = ? ORDER BY accepted_at DESC, id DESC LIMIT 1",
	[STMT_IS_OURS] = "SELECT COUNT(*) FROM placements WHERE student_id = ? AND service_id = ?",
	/* ?1 the service; then SQL_SERVICE_CAMPAIGNS' two: the service, now. */
	[STMT_COUNT_CURRENT] = "SELECT COUNT(*) FROM placements p JOIN students s ON s.id = p.student_id"
		" WHERE p.service_id = ? AND s.stopped_at IS NULL AND s.campaign_id IN (" SQL_SERVICE_CAMPAIGNS ")",
};
enum mentor_col { MENTOR_COL_SITE, MENTOR_COL_NAME, MENTOR_COL_PHONE, MENTOR_COL_EMAIL };

static long long service_of(struct scope sc)
{
	return sc.role == ROLE_SERVICE && sc.org_id > 0 ? sc.org_id : 0;
}

bool placement_last_mentor(struct scope sc, struct arena *a, struct placement_mentor *out)
{
	memset(out, 0, sizeof *out);
	if (!service_of(sc))
		return false;
	struct db_stmt *st = db_prepare(stmts[STMT_LAST_MENTOR]);
	db_bind_int(st, 1, service_of(sc));
	bool found = db_step(st) == DB_ROW;
	if (found) {
		out->site = arena_strdup(a, db_text(st, MENTOR_COL_SITE));
		out->mentor_name = arena_strdup(a, db_text(st, MENTOR_COL_NAME));
		out->mentor_phone = arena_strdup(a, db_text(st, MENTOR_COL_PHONE));
		out->mentor_email = arena_strdup(a, db_text(st, MENTOR_COL_EMAIL));
	}
	db_reset(st);
	return found;
}

bool placement_is_ours(struct scope sc, long long student_id)
{
	return service_of(sc) && db_query_int(0, stmts[STMT_IS_OURS], "ii", student_id, service_of(sc)) > 0;
}

long long placement_count_current(struct scope sc, long long now)
{
	if (!service_of(sc))
		return 0;
	return db_query_int(0, stmts[STMT_COUNT_CURRENT], "iii", service_of(sc), service_of(sc), now);
}
