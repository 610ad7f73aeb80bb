#include "placements_store.h"

#include <stdio.h>
#include <string.h>

#include "campaigns.h"
#include "clock.h"
#include "db.h"
#include "db_row.h"
#include "places.h"

enum placement_stmt {
	STMT_LAST_MENTOR,
	STMT_IS_OURS,
	STMT_COUNT_CURRENT,
	STMT_INSERT,
	STMT_PERIOD_INSERT,
	STMT_UPDATE,
	STMT_ID,
	STMT_PERIODS_CLEAR,
	STMT_PERIODS,
	STMT_PARTIES,
	STMT_DIGEST_DUE,
	STMT_CLAIM,
	STMT_CAMPAIGN_CLEAR,
	STMT_STANDING,
	STMT__MAX
};
static const char *const stmts[STMT__MAX] = {
	[STMT_LAST_MENTOR] = "SELECT site, mentor_name, mentor_phone, mentor_email FROM placements"
		" WHERE service_id = ? ORDER BY accepted_at DESC, id DESC LIMIT 1",
	[STMT_IS_OURS] = "SELECT COUNT(*) FROM placements WHERE student_id = ? AND service_id = ?",
	/* ?1 the service; then SQL_SERVICE_CAMPAIGNS' two: the service, now. */
	[STMT_COUNT_CURRENT] = "SELECT COUNT(*) FROM placements p JOIN students s ON s.id = p.student_id"
		" WHERE p.service_id = ? AND s.stopped_at IS NULL AND s.campaign_id IN (" SQL_SERVICE_CAMPAIGNS ")",
	/* ?1 the pupil, ?2 the service: only while the service has a place left in the pupil's
	 * campaign, counted in this same statement (places.h), so two accepts for the last
	 * place never both succeed. */
	[STMT_INSERT] = "INSERT INTO placements (student_id, service_id, site, mentor_name, mentor_phone, mentor_email,"
		" notes, round, accepted_by, accepted_at, updated_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11"
		" WHERE COALESCE(" SQL_PLACES_FILLED_OF_PUPIL " < " SQL_PLACES_LIMIT_OF_PUPIL ", 1)",
	[STMT_PERIOD_INSERT] =
		"INSERT INTO placement_periods (placement_id, position, starts_on, ends_on) VALUES (?, ?, ?, ?)",
	[STMT_UPDATE] = "UPDATE placements SET site = ?, mentor_name = ?, mentor_phone = ?, mentor_email = ?, notes = ?,"
		" version = version + 1, updated_at = ? WHERE student_id = ? AND service_id = ? AND version = ?",
	[STMT_ID] = "SELECT id FROM placements WHERE student_id = ? AND service_id = ?",
	[STMT_PERIODS_CLEAR] = "DELETE FROM placement_periods WHERE placement_id = ?",
	[STMT_PERIODS] = "SELECT starts_on, ends_on FROM placement_periods WHERE placement_id = ? ORDER BY position",
	[STMT_PARTIES] = "SELECT p.id, p.service_id, s.school_id, s.first_name, s.last_name, svc.name, sch.name,"
		" prog.name, prog.code, s.campaign_id FROM placements p JOIN students s ON s.id = p.student_id"
		" JOIN organisations svc ON svc.id = p.service_id JOIN organisations sch ON sch.id = s.school_id"
		" JOIN campaigns c ON c.id = s.campaign_id JOIN programmes prog ON prog.id = c.programme_id"
		" WHERE p.student_id = ?",
	/* Only campaigns whose results are visible: the SQL form of campaign_school_sees_answers(),
	 * so the digest names services only when the school may know them. */
	[STMT_DIGEST_DUE] = "SELECT p.id, s.school_id, sch.name, s.first_name, s.last_name, svc.name, p.site,"
		" p.mentor_name, p.mentor_phone, p.mentor_email, prog.name, prog.code, s.stopped_at IS NOT NULL, c.id"
		" FROM placements p JOIN students s ON s.id = p.student_id"
		" JOIN campaigns c ON c.id = s.campaign_id JOIN programmes prog ON prog.id = c.programme_id"
		" JOIN organisations svc ON svc.id = p.service_id JOIN organisations sch ON sch.id = s.school_id"
		" WHERE p.notified_at IS NULL AND c.results_visible_at <= ? AND c.personal_data_removed_at IS NULL"
		" ORDER BY s.school_id, prog.position, s.last_name, s.first_name, p.id",
	[STMT_CLAIM] = "UPDATE placements SET notified_at = ? WHERE id = ? AND notified_at IS NULL",
	[STMT_CAMPAIGN_CLEAR] = "UPDATE placements SET mentor_name = '', mentor_phone = '', mentor_email = '',"
		" notes = '', version = version + 1, updated_at = ?2"
		" WHERE student_id IN (SELECT s.id FROM students s WHERE s.campaign_id = ?1)",
	/* ?1 the pupil, ?2 the scope's service: the order of enum placement_standing. */
	[STMT_STANDING] = "SELECT CASE WHEN p.service_id = ?2 THEN 1 WHEN p.service_id IS NOT NULL THEN 2"
		" WHEN s.stopped_at IS NOT NULL THEN 3 ELSE 0 END"
		" FROM students s LEFT JOIN placements p ON p.student_id = s.id WHERE s.id = ?1",
};
enum mentor_col { MENTOR_COL_SITE, MENTOR_COL_NAME, MENTOR_COL_PHONE, MENTOR_COL_EMAIL };
enum period_col { PERIOD_COL_STARTS_ON, PERIOD_COL_ENDS_ON };
enum parties_col {
	PARTIES_COL_PLACEMENT, PARTIES_COL_SERVICE, PARTIES_COL_SCHOOL, PARTIES_COL_FIRST_NAME, PARTIES_COL_LAST_NAME,
	PARTIES_COL_SERVICE_NAME, PARTIES_COL_SCHOOL_NAME, PARTIES_COL_PROGRAMME, PARTIES_COL_PROGRAMME_CODE,
	PARTIES_COL_CAMPAIGN
};
enum due_col {
	DUE_COL_PLACEMENT, DUE_COL_SCHOOL, DUE_COL_SCHOOL_NAME, DUE_COL_FIRST_NAME, DUE_COL_LAST_NAME,
	DUE_COL_SERVICE_NAME, DUE_COL_SITE, DUE_COL_MENTOR_NAME, DUE_COL_MENTOR_PHONE, DUE_COL_MENTOR_EMAIL,
	DUE_COL_PROGRAMME, DUE_COL_PROGRAMME_CODE, DUE_COL_STOPPED, DUE_COL_CAMPAIGN
};

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
	if (db_changes() != 1)
		return PLACEMENT_FULL;
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

/* --- What the system's mails read and mark (notify.c) --------------------------------- */

/* Only the coordinator's (system's) scope: the mails go to both sides of a placement. */
static bool system_scope(struct scope sc)
{
	return sc.role == ROLE_ADMIN;
}

int placement_periods(struct scope sc, long long placement_id, char start[][11], char end[][11])
{
	if (!system_scope(sc))
		return 0;
	struct db_stmt *st = db_prepare(stmts[STMT_PERIODS]);
	db_bind_int(st, 1, placement_id);
	int n = 0;
	while (n < PERIODS_MAX && db_step(st) == DB_ROW) {
		snprintf(start[n], 11, "%s", db_text(st, PERIOD_COL_STARTS_ON));
		snprintf(end[n], 11, "%s", db_text(st, PERIOD_COL_ENDS_ON));
		n++;
	}
	db_reset(st);
	return n;
}

static void read_parties(struct db_stmt *st, struct arena *a, void *row)
{
	struct placement_parties *p = row;
	p->placement_id = db_int(st, PARTIES_COL_PLACEMENT);
	p->service_id = db_int(st, PARTIES_COL_SERVICE);
	p->school_id = db_int(st, PARTIES_COL_SCHOOL);
	p->pupil = arena_printf(a, "%s %s", db_text(st, PARTIES_COL_FIRST_NAME), db_text(st, PARTIES_COL_LAST_NAME));
	p->service = db_text_dup(st, PARTIES_COL_SERVICE_NAME, a);
	p->school = db_text_dup(st, PARTIES_COL_SCHOOL_NAME, a);
	p->programme = db_text_dup(st, PARTIES_COL_PROGRAMME, a);
	p->programme_code = db_text_dup(st, PARTIES_COL_PROGRAMME_CODE, a);
	p->campaign_id = db_int(st, PARTIES_COL_CAMPAIGN);
}

int placement_parties_get(struct scope sc, struct arena *a, long long student_id, struct placement_parties *out)
{
	memset(out, 0, sizeof *out);
	if (!system_scope(sc))
		return DB_DONE;
	struct db_stmt *st = db_prepare(stmts[STMT_PARTIES]);
	db_bind_int(st, 1, student_id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_parties(st, a, out);
	db_reset(st);
	return rc;
}

static void read_due(struct db_stmt *st, struct arena *a, void *row)
{
	struct placement_due *d = row;
	d->placement_id = db_int(st, DUE_COL_PLACEMENT);
	d->school_id = db_int(st, DUE_COL_SCHOOL);
	d->school = db_text_dup(st, DUE_COL_SCHOOL_NAME, a);
	d->pupil = arena_printf(a, "%s %s", db_text(st, DUE_COL_FIRST_NAME), db_text(st, DUE_COL_LAST_NAME));
	d->service = db_text_dup(st, DUE_COL_SERVICE_NAME, a);
	d->site = db_text_dup(st, DUE_COL_SITE, a);
	d->mentor_name = db_text_dup(st, DUE_COL_MENTOR_NAME, a);
	d->mentor_phone = db_text_dup(st, DUE_COL_MENTOR_PHONE, a);
	d->mentor_email = db_text_dup(st, DUE_COL_MENTOR_EMAIL, a);
	d->programme = db_text_dup(st, DUE_COL_PROGRAMME, a);
	d->programme_code = db_text_dup(st, DUE_COL_PROGRAMME_CODE, a);
	d->stopped = db_bool(st, DUE_COL_STOPPED);
	d->campaign_id = db_int(st, DUE_COL_CAMPAIGN);
}

struct placement_due *placement_digest_due(struct scope sc, struct arena *a, long long now, size_t *count)
{
	if (!system_scope(sc)) {
		*count = 0;
		return arena_alloc(a, sizeof(struct placement_due));
	}
	struct db_stmt *st = db_prepare(stmts[STMT_DIGEST_DUE]);
	db_bind_int(st, 1, now);
	return db_rows(st, a, sizeof(struct placement_due), count, read_due);
}

int placement_claim_notified(struct scope sc, long long placement_id, long long now)
{
	if (!system_scope(sc))
		return 0;
	if (db_exec(stmts[STMT_CLAIM], "ii", now, placement_id) != DB_DONE)
		return -1;
	return db_changes() == 1 ? 1 : 0;
}

long long placement_campaign_clear(struct scope sc, long long campaign_id, long long now)
{
	if (!system_scope(sc))
		return 0;
	if (db_exec(stmts[STMT_CAMPAIGN_CLEAR], "ii", campaign_id, now) != DB_DONE)
		return -1;
	return db_changes();
}

enum placement_standing placement_standing(struct scope sc, long long student_id)
{
	if (!service_of(sc))
		return STANDING_OPEN;
	return (enum placement_standing)db_query_int(STANDING_OPEN, stmts[STMT_STANDING], "ii", student_id,
	                                             service_of(sc));
}
