#include "placements_store.h"

#include <string.h>

#include "campaigns.h"
#include "clock.h"
#include "db.h"
#include "db_row.h"

enum placement_stmt {
	STMT_LAST_MENTOR,
	STMT_IS_OURS,
	STMT_COUNT_CURRENT,
	STMT_INSERT,
	STMT_PERIOD_INSERT,
	STMT_UPDATE,
	STMT_ID,
	STMT_PERIODS_CLEAR,
	STMT__MAX
};
static const char *const stmts[STMT__MAX] = {
	[STMT_LAST_MENTOR] = "SELECT site, mentor_name, mentor_phone, mentor_email FROM placements"
		" WHERE service_id = ? ORDER BY accepted_at DESC, id DESC LIMIT 1",
	[STMT_IS_OURS] = "SELECT COUNT(*) FROM placements WHERE student_id = ? AND service_id = ?",
	/* ?1 the service; then SQL_SERVICE_CAMPAIGNS' two: the service, now. */
	[STMT_COUNT_CURRENT] = "SELECT COUNT(*) FROM placements p JOIN students s ON s.id = p.student_id"
		" WHERE p.service_id = ? AND s.stopped_at IS NULL AND s.campaign_id IN (" SQL_SERVICE_CAMPAIGNS ")",
	[STMT_INSERT] = "INSERT INTO placements (student_id, service_id, site, mentor_name, mentor_phone, mentor_email,"
		" notes, round, accepted_by, accepted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_PERIOD_INSERT] =
		"INSERT INTO placement_periods (placement_id, position, starts_on, ends_on) VALUES (?, ?, ?, ?)",
	[STMT_UPDATE] = "UPDATE placements SET site = ?, mentor_name = ?, mentor_phone = ?, mentor_email = ?, notes = ?,"
		" version = version + 1, updated_at = ? WHERE student_id = ? AND service_id = ? AND version = ?",
	[STMT_ID] = "SELECT id FROM placements WHERE student_id = ? AND service_id = ?",
	[STMT_PERIODS_CLEAR] = "DELETE FROM placement_periods WHERE placement_id = ?",
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

long long placement_insert(struct scope sc, const struct placement_record *p)
{
	if (!service_of(sc))
		return 0;
	long long now = clock_now();
	struct db_stmt *st = db_prepare(stmts[STMT_INSERT]);
	db_bindv(st, "iittttt", p->student_id, service_of(sc), p->site, p->mentor_name, p->mentor_phone,
	         p->mentor_email, p->notes ? p->notes : "");
	db_bind_int(st, 8, p->round ? p->round : 1);
	if (sc.user_id)
		db_bind_int(st, 9, sc.user_id);
	db_bind_int(st, 10, now);
	db_bind_int(st, 11, now);
	int rc = db_step(st);
	db_reset(st);
	if (rc == DB_CONSTRAINT)
		return PLACEMENT_TAKEN;
	if (rc != DB_DONE)
		return 0;
	long long id = db_last_id();
	return db_insert_periods(stmts[STMT_PERIOD_INSERT], id, p->period_start, p->period_end) == 0 ? id : 0;
}

int placement_update(struct scope sc, const struct placement_record *p, long long expected_version)
{
	long long service = service_of(sc);
	if (!service)
		return 0;
	if (db_exec(stmts[STMT_UPDATE], "tttttiiii", p->site, p->mentor_name, p->mentor_phone, p->mentor_email,
	            p->notes ? p->notes : "", clock_now(), p->student_id, service, expected_version) != DB_DONE)
		return -1;
	if (db_changes() != 1)
		return 0;
	long long id = db_query_int(0, stmts[STMT_ID], "ii", p->student_id, service);
	if (!id || db_exec(stmts[STMT_PERIODS_CLEAR], "i", id) != DB_DONE ||
	    db_insert_periods(stmts[STMT_PERIOD_INSERT], id, p->period_start, p->period_end) != 0)
		return -1;
	return 1;
}
