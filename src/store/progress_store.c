/*
 * The progress counts (src/store/progress_store.h). Measured on the 2-core machine with
 * `stagematch demo --scale 100000`: the whole "Voortgang" page in about 100 ms (each pass
 * over the 100,000 pupils about 45 ms); the open list's first page is read without a sort.
 */
#include "progress_store.h"

#include "db.h"
#include "db_row.h"

enum progress_stmt {
	STMT_PROGRESS_GROUPS,
	STMT_PROGRESS_PER_PROGRAMME,
	STMT_PROGRESS_SERVICES,
	STMT_PROGRESS_OPEN_COUNT,
	STMT_PROGRESS_OPEN_PAGE,
	STMT_PROGRESS_OPEN_EXPORT,
	STMT_PROGRESS_PUPILS,
	STMT_PROGRESS_PLACEMENTS,
	STMT_PROGRESS__MAX
};

/* Three counts of a tally (accepted, open, stopped) over pupils s with placement `p`. */
#define TALLY(p)                                                                                   \
	" COALESCE(SUM(CASE WHEN s.stopped_at IS NULL AND " p ".id IS NOT NULL THEN 1 ELSE 0 END), 0),"  \
	" COALESCE(SUM(CASE WHEN s.id IS NOT NULL AND s.stopped_at IS NULL AND " p ".id IS NULL"          \
	"  THEN 1 ELSE 0 END), 0),"                                                                      \
	" COALESCE(SUM(CASE WHEN s.stopped_at IS NOT NULL THEN 1 ELSE 0 END), 0)"
/* The open pupils of campaign ?1: not stopped, accepted by nobody. Schools in name order,
 * each one's pupils in name order: page 1 is read without sorting the whole list (CROSS JOIN
 * keeps that join order). */
#define OPEN_PUPILS                                                                                \
	" WHERE sc.kind = 'school' AND s.school_id = sc.id AND s.campaign_id = ?1 AND s.stopped_at IS NULL" \
	" AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.student_id = s.id)"                         \
	" ORDER BY sc.name, s.last_name, s.first_name, s.id"

/* Every statement reads nothing for a campaign id of 0: the scope without reach binds 0. */
static const char *const stmts[STMT_PROGRESS__MAX] = {
	[STMT_PROGRESS_GROUPS] = "SELECT s.school_id, s.province, COALESCE(s.preference_service_id, 0), COUNT(*),"
	                         TALLY("p")
	                         " FROM students s LEFT JOIN placements p ON p.student_id = s.id WHERE s.campaign_id = ?"
	                         " GROUP BY s.school_id, s.province, s.preference_service_id",
	[STMT_PROGRESS_PER_PROGRAMME] = "SELECT c.id, p.name, COUNT(s.id)," TALLY("pl")
	                                " FROM campaigns c JOIN programmes p ON p.id = c.programme_id"
	                                " LEFT JOIN students s ON s.campaign_id = c.id AND c.id <> ?2"
	                                " LEFT JOIN placements pl ON pl.student_id = s.id"
	                                " WHERE c.school_year = ?1 AND ?3 = 1 GROUP BY c.id, p.name, p.position"
	                                " ORDER BY p.position",
	[STMT_PROGRESS_SERVICES] =
		"SELECT o.id, o.name, o.capacity, COALESCE(a.accepted, 0),"
		" EXISTS (SELECT 1 FROM campaign_services cs WHERE cs.campaign_id = ?1 AND cs.service_id = o.id),"
		" COALESCE(w.done, 0), COALESCE(w.after_private, 0), COALESCE(w.pending, 0)"
		" FROM organisations o"
		" LEFT JOIN (SELECT p.service_id AS id, COUNT(*) AS accepted FROM students s"
		"   JOIN placements p ON p.student_id = s.id WHERE s.campaign_id = ?1 AND s.stopped_at IS NULL"
		"   GROUP BY p.service_id) a ON a.id = o.id"
		" LEFT JOIN (SELECT service_id AS id, SUM(state = 'done') AS done,"
		"   SUM(state = 'done' AND private_data_shown = 1) AS after_private, SUM(state = 'pending') AS pending"
		"   FROM withdrawals WHERE campaign_id = ?1 GROUP BY service_id) w ON w.id = o.id"
		" WHERE o.kind = 'service' AND (a.id IS NOT NULL OR w.id IS NOT NULL"
		"   OR o.id IN (SELECT cs.service_id FROM campaign_services cs WHERE cs.campaign_id = ?1))"
		" ORDER BY o.name",
	[STMT_PROGRESS_OPEN_COUNT] = "SELECT COUNT(*) FROM students s WHERE s.campaign_id = ? AND s.stopped_at IS NULL"
	                             " AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.student_id = s.id)",
	[STMT_PROGRESS_OPEN_PAGE] = "SELECT s.id, s.last_name, s.first_name, sc.name, s.city, s.province, pref.name"
	                            " FROM organisations sc CROSS JOIN students s"
	                            " LEFT JOIN organisations pref ON pref.id = s.preference_service_id"
	                            OPEN_PUPILS " LIMIT ?2 OFFSET ?3",
	[STMT_PROGRESS_OPEN_EXPORT] =
		"SELECT s.last_name, s.first_name, sc.name, s.postcode, s.city, s.province, COALESCE(pref.name, ''),"
		" ct.name, ct.phone, ct.email, s.created_at"
		" FROM organisations sc CROSS JOIN students s JOIN contacts ct ON ct.id = s.contact_id"
		" LEFT JOIN organisations pref ON pref.id = s.preference_service_id" OPEN_PUPILS,
	[STMT_PROGRESS_PUPILS] = "SELECT COUNT(*) FROM students WHERE ?1 = 1",
	[STMT_PROGRESS_PLACEMENTS] = "SELECT COUNT(*) FROM placements WHERE ?1 = 1",
};

enum group_col { GROUP_SCHOOL, GROUP_PROVINCE, GROUP_PREFERENCE, GROUP_TALLY };
enum programme_col { PROGRAMME_CAMPAIGN, PROGRAMME_NAME, PROGRAMME_TALLY };
enum service_col {
	SERVICE_ID, SERVICE_NAME, SERVICE_CAPACITY, SERVICE_ACCEPTED, SERVICE_TAKES_PART, SERVICE_WITHDRAWN,
	SERVICE_AFTER_PRIVATE, SERVICE_PENDING
};
enum open_col { OPEN_ID, OPEN_LAST_NAME, OPEN_FIRST_NAME, OPEN_SCHOOL, OPEN_CITY, OPEN_PROVINCE, OPEN_PREFERENCE };
enum export_col {
	EXPORT_LAST_NAME, EXPORT_FIRST_NAME, EXPORT_SCHOOL, EXPORT_POSTCODE, EXPORT_CITY, EXPORT_PROVINCE,
	EXPORT_PREFERENCE, EXPORT_CONTACT, EXPORT_CONTACT_PHONE, EXPORT_CONTACT_EMAIL, EXPORT_CREATED_AT
};

/* The campaign as the scope reaches it: every one for the coordinator, none (0) otherwise. */
static long long reach(const struct scope *s, long long campaign_id)
{
	return s->role == ROLE_ADMIN ? campaign_id : 0;
}

/* The four columns of a tally from col on: registered, accepted, open, stopped. */
static struct progress_tally tally_at(struct db_stmt *st, int col)
{
	return (struct progress_tally){db_int(st, col), db_int(st, col + 1), db_int(st, col + 2), db_int(st, col + 3)};
}

static void read_group(struct db_stmt *st, struct arena *a, void *row)
{
	struct progress_group *g = row;
	g->school_id = db_int(st, GROUP_SCHOOL);
	g->province = db_text_dup(st, GROUP_PROVINCE, a);
	g->preference_service_id = db_int(st, GROUP_PREFERENCE);
	g->t = tally_at(st, GROUP_TALLY);
}

struct progress_group *progress_groups(const struct scope *s, long long campaign_id, struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_PROGRESS_GROUPS]);
	db_bind_int(st, 1, reach(s, campaign_id));
	return db_rows(st, a, sizeof(struct progress_group), count, read_group);
}

static void read_programme(struct db_stmt *st, struct arena *a, void *row)
{
	struct progress_programme *p = row;
	p->campaign_id = db_int(st, PROGRAMME_CAMPAIGN);
	p->programme = db_text_dup(st, PROGRAMME_NAME, a);
	p->t = tally_at(st, PROGRAMME_TALLY);
}

struct progress_programme *progress_per_programme(const struct scope *s, const char *school_year, long long known,
                                                  struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_PROGRESS_PER_PROGRAMME]);
	db_bindv(st, "tii", school_year, known, (long long)(s->role == ROLE_ADMIN));
	return db_rows(st, a, sizeof(struct progress_programme), count, read_programme);
}

static void read_service(struct db_stmt *st, struct arena *a, void *row)
{
	struct progress_service *x = row;
	x->id = db_int(st, SERVICE_ID);
	x->name = db_text_dup(st, SERVICE_NAME, a);
	x->capacity = db_int(st, SERVICE_CAPACITY);
	x->accepted = db_int(st, SERVICE_ACCEPTED);
	x->takes_part = db_bool(st, SERVICE_TAKES_PART);
	x->withdrawn = db_int(st, SERVICE_WITHDRAWN);
	x->withdrawn_after_private = db_int(st, SERVICE_AFTER_PRIVATE);
	x->withdrawals_pending = db_int(st, SERVICE_PENDING);
}

struct progress_service *progress_services(const struct scope *s, long long campaign_id, struct arena *a,
                                           size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_PROGRESS_SERVICES]);
	db_bind_int(st, 1, reach(s, campaign_id));
	return db_rows(st, a, sizeof(struct progress_service), count, read_service);
}

long long progress_open_count(const struct scope *s, long long campaign_id)
{
	return db_query_int(0, stmts[STMT_PROGRESS_OPEN_COUNT], "i", reach(s, campaign_id));
}

static void read_open(struct db_stmt *st, struct arena *a, void *row)
{
	struct progress_open_pupil *o = row;
	o->id = db_int(st, OPEN_ID);
	o->last_name = db_text_dup(st, OPEN_LAST_NAME, a);
	o->first_name = db_text_dup(st, OPEN_FIRST_NAME, a);
	o->school = db_text_dup(st, OPEN_SCHOOL, a);
	o->city = db_text_dup(st, OPEN_CITY, a);
	o->province = db_text_dup(st, OPEN_PROVINCE, a);
	o->preference = db_is_null(st, OPEN_PREFERENCE) ? NULL : db_text_dup(st, OPEN_PREFERENCE, a);
}

struct progress_open_pupil *progress_open_page(const struct scope *s, long long campaign_id, long long limit,
                                               long long offset, struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_PROGRESS_OPEN_PAGE]);
	db_bindv(st, "iii", reach(s, campaign_id), limit, offset);
	return db_rows(st, a, sizeof(struct progress_open_pupil), count, read_open);
}

struct progress_tally progress_everything(const struct scope *s)
{
	long long coordinator = s->role == ROLE_ADMIN;
	return (struct progress_tally){
		.registered = db_query_int(0, stmts[STMT_PROGRESS_PUPILS], "i", coordinator),
		.accepted = db_query_int(0, stmts[STMT_PROGRESS_PLACEMENTS], "i", coordinator),
	};
}

struct db_stmt *progress_open_cursor(const struct scope *s, long long campaign_id)
{
	struct db_stmt *st = db_cursor_open(stmts[STMT_PROGRESS_OPEN_EXPORT]);
	if (st)
		db_bind_int(st, 1, reach(s, campaign_id));
	return st;
}

int progress_open_next(struct db_stmt *cursor, struct progress_open_export *row)
{
	int rc = db_step(cursor);
	if (rc != DB_ROW)
		return rc == DB_DONE ? 0 : -1;
	*row = (struct progress_open_export){
		.last_name = db_text(cursor, EXPORT_LAST_NAME),
		.first_name = db_text(cursor, EXPORT_FIRST_NAME),
		.school = db_text(cursor, EXPORT_SCHOOL),
		.postcode = db_text(cursor, EXPORT_POSTCODE),
		.city = db_text(cursor, EXPORT_CITY),
		.province = db_text(cursor, EXPORT_PROVINCE),
		.preference = db_text(cursor, EXPORT_PREFERENCE),
		.contact = db_text(cursor, EXPORT_CONTACT),
		.contact_phone = db_text(cursor, EXPORT_CONTACT_PHONE),
		.contact_email = db_text(cursor, EXPORT_CONTACT_EMAIL),
		.created_at = db_int(cursor, EXPORT_CREATED_AT),
	};
	return 1;
}
