/*
 * The reminders' data module (reminders_store.h): its statements in one enum-indexed
 * table; the coordinator's scope only.
 */
#include "reminders_store.h"

#include "campaigns.h"
#include "db.h"
#include "db_row.h"

static const char *const kind_codes[REMINDER__MAX] = {
	[REMINDER_SCHOOLS] = "schools", [REMINDER_SERVICES] = "services", [REMINDER_SUMMARY] = "summary",
};

enum reminders_stmt {
	STMT_OFF,
	STMT_OFF_CLEAR,
	STMT_OFF_ADD,
	STMT_CLAIM,
	STMT_SENT,
	STMT_CAMPAIGNS,
	STMT_SCHOOLS_WITHOUT_PUPILS,
	STMT_CAMPAIGN_SERVICES,
	STMT_SERVICE_OPEN,
	STMT_COUNTS,
	STMT__MAX
};

#define NOT_SENT                                                                                   \
	" AND NOT EXISTS (SELECT 1 FROM reminders_sent r WHERE r.campaign_id = ?1 AND r.reminder = ?2"    \
	" AND r.org_id = o.id AND r.day = ?3)"

static const char *const stmts[STMT__MAX] = {
	[STMT_OFF] = "SELECT COUNT(*) FROM reminders_off WHERE campaign_id = ? AND kind = ?",
	[STMT_OFF_CLEAR] = "DELETE FROM reminders_off WHERE campaign_id = ?",
	[STMT_OFF_ADD] = "INSERT INTO reminders_off (campaign_id, kind) VALUES (?, ?)",
	[STMT_CLAIM] = "INSERT INTO reminders_sent (campaign_id, reminder, org_id, day, sent_at) VALUES (?, ?, ?, ?, ?)"
	               " ON CONFLICT DO NOTHING",
	[STMT_SENT] = "SELECT COUNT(*) FROM reminders_sent WHERE campaign_id = ? AND reminder = ? AND org_id = ? AND day = ?",
	[STMT_CAMPAIGNS] = "SELECT id FROM campaigns WHERE personal_data_removed_at IS NULL AND registration_opens_at <= ?1"
	                   " AND ?1 < MAX(registration_closes_at, handling_closes_at, COALESCE(second_round_closes_at, 0))"
	                   " ORDER BY id",
	/* These two leave out who had the reminder (?2, day ?3) already: read without the write lock,
	 * so a run in which nothing is due takes none; the claim is what decides. */
	[STMT_SCHOOLS_WITHOUT_PUPILS] =
		"SELECT o.id, o.name FROM organisations o WHERE o.kind = 'school' AND o.active = 1"
		" AND NOT EXISTS (SELECT 1 FROM students s WHERE s.school_id = o.id AND s.campaign_id = ?1)" NOT_SENT
		" ORDER BY o.id",
	[STMT_CAMPAIGN_SERVICES] =
		"SELECT o.id, o.name FROM campaign_services cs JOIN organisations o ON o.id = cs.service_id"
		" WHERE cs.campaign_id = ?1 AND o.kind = 'service' AND o.active = 1" NOT_SENT " ORDER BY o.id",
	/* Placeholders: the service, the campaign, then the service four times (preference, area). */
	[STMT_SERVICE_OPEN] =
		"SELECT COUNT(*), COALESCE(SUM(CASE WHEN s.preference_service_id = ?1 THEN 1 ELSE 0 END), 0) FROM students s"
		" WHERE s.campaign_id = ?2 AND s.stopped_at IS NULL"
		" AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.student_id = s.id)"
		" AND (s.preference_service_id = ?1 OR " SQL_STUDENT_IN_SERVICE_AREA ")",
	[STMT_COUNTS] =
		"SELECT COUNT(*),"
		" COALESCE(SUM(CASE WHEN s.stopped_at IS NULL AND p.id IS NOT NULL THEN 1 ELSE 0 END), 0),"
		" COALESCE(SUM(CASE WHEN s.stopped_at IS NULL AND p.id IS NULL THEN 1 ELSE 0 END), 0),"
		" COALESCE(SUM(CASE WHEN s.stopped_at IS NOT NULL THEN 1 ELSE 0 END), 0)"
		" FROM students s LEFT JOIN placements p ON p.student_id = s.id WHERE s.campaign_id = ?",
};
enum org_col { ORG_COL_ID, ORG_COL_NAME };
enum open_col { OPEN_COL_COUNT, OPEN_COL_PREFERRED };
enum counts_col { COUNTS_COL_REGISTERED, COUNTS_COL_ACCEPTED, COUNTS_COL_OPEN, COUNTS_COL_STOPPED };

static bool coordinator(struct scope s)
{
	return s.role == ROLE_ADMIN;
}

bool reminders_switches(struct scope s, long long campaign_id, bool on[REMINDER__MAX])
{
	if (!coordinator(s))
		return false;
	for (int k = 0; k < REMINDER__MAX; k++)
		on[k] = db_query_int(1, stmts[STMT_OFF], "it", campaign_id, kind_codes[k]) == 0;
	return true;
}

int reminders_switches_set(struct scope s, long long campaign_id, const bool on[REMINDER__MAX])
{
	if (!coordinator(s))
		return DB_ERROR;
	int rc = db_exec(stmts[STMT_OFF_CLEAR], "i", campaign_id);
	for (int k = 0; rc == DB_DONE && k < REMINDER__MAX; k++)
		if (!on[k])
			rc = db_exec(stmts[STMT_OFF_ADD], "it", campaign_id, kind_codes[k]);
	return rc;
}

int reminders_claim(struct scope s, long long campaign_id, const char *reminder, long long org_id, const char *day,
                    long long now)
{
	if (!coordinator(s))
		return 0;
	if (db_exec(stmts[STMT_CLAIM], "ititi", campaign_id, reminder, org_id, day, now) != DB_DONE)
		return -1;
	return db_changes() == 1 ? 1 : 0;
}

bool reminders_sent(struct scope s, long long campaign_id, const char *reminder, long long org_id, const char *day)
{
	return !coordinator(s) || db_query_int(1, stmts[STMT_SENT], "itit", campaign_id, reminder, org_id, day) > 0;
}

static void read_id(struct db_stmt *st, struct arena *a, void *row)
{
	(void)a;
	*(long long *)row = db_int(st, 0);
}

long long *reminders_campaigns(struct scope s, struct arena *a, long long now, size_t *count)
{
	*count = 0;
	if (!coordinator(s))
		return arena_alloc(a, sizeof(long long));
	struct db_stmt *st = db_prepare(stmts[STMT_CAMPAIGNS]);
	db_bind_int(st, 1, now);
	return db_rows(st, a, sizeof(long long), count, read_id);
}

static void read_org(struct db_stmt *st, struct arena *a, void *row)
{
	struct reminder_org *o = row;
	o->id = db_int(st, ORG_COL_ID);
	o->name = db_text_dup(st, ORG_COL_NAME, a);
}

/* The organisations statement id lists for the campaign that did not have the reminder of day
 * yet; none outside the scope. */
static struct reminder_org *orgs_of_campaign(struct scope s, struct arena *a, enum reminders_stmt id,
                                             long long campaign_id, const char *reminder, const char *day,
                                             size_t *count)
{
	*count = 0;
	if (!coordinator(s))
		return arena_alloc(a, sizeof(struct reminder_org));
	struct db_stmt *st = db_prepare(stmts[id]);
	db_bindv(st, "itt", campaign_id, reminder, day);
	return db_rows(st, a, sizeof(struct reminder_org), count, read_org);
}

struct reminder_org *reminders_schools_without_pupils(struct scope s, struct arena *a, long long campaign_id,
                                                      const char *reminder, const char *day, size_t *count)
{
	return orgs_of_campaign(s, a, STMT_SCHOOLS_WITHOUT_PUPILS, campaign_id, reminder, day, count);
}

struct reminder_org *reminders_services_with_open_requests(struct scope s, struct arena *a, long long campaign_id,
                                                           const char *reminder, const char *day, size_t *count)
{
	size_t n;
	struct reminder_org *all = orgs_of_campaign(s, a, STMT_CAMPAIGN_SERVICES, campaign_id, reminder, day, &n);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		struct db_stmt *st = db_prepare(stmts[STMT_SERVICE_OPEN]);
		db_bindv(st, "iiiii", all[i].id, campaign_id, all[i].id, all[i].id, all[i].id);
		if (db_step(st) == DB_ROW) {
			all[i].open = db_int(st, OPEN_COL_COUNT);
			all[i].preferred = db_int(st, OPEN_COL_PREFERRED);
		}
		db_reset(st);
		if (all[i].open > 0)
			all[kept++] = all[i];
	}
	*count = kept;
	return all;
}

bool reminders_campaign_counts(struct scope s, long long campaign_id, struct reminder_counts *out)
{
	*out = (struct reminder_counts){0};
	if (!coordinator(s))
		return false;
	struct db_stmt *st = db_prepare(stmts[STMT_COUNTS]);
	db_bind_int(st, 1, campaign_id);
	bool found = db_step(st) == DB_ROW;
	if (found) {
		out->registered = db_int(st, COUNTS_COL_REGISTERED);
		out->accepted = db_int(st, COUNTS_COL_ACCEPTED);
		out->open = db_int(st, COUNTS_COL_OPEN);
		out->stopped = db_int(st, COUNTS_COL_STOPPED);
	}
	db_reset(st);
	return found;
}
