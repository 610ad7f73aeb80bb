/*
 * The pupil module (pupils.h): its statements in one enum-indexed table, its columns read
 * through enums generated from the same lists as the SELECTs, and the scope rules.
 */
#include "pupils.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "db_row.h"
#include "placements_store.h"
#include "validate.h"

#include <sodium.h>

/* A pupil as the school sees it: (enum name, SQL expression). The SELECT list and enum
 * pupil_col are both generated from this one list, so they cannot drift apart. */
#define PUPIL_COLUMNS(X)                                                                     \
	X(CAMPAIGN, "s.campaign_id") X(SCHOOL, "s.school_id") X(CONTACT, "s.contact_id")      \
	X(FIRST_NAME, "s.first_name") X(LAST_NAME, "s.last_name")                             \
	X(NN_BOX, "s.national_number_box") X(STREET, "s.street") X(POSTCODE, "s.postcode")     \
	X(CITY, "s.city") X(PROVINCE, "s.province") X(PHONE, "s.phone") X(EMAIL, "s.email")   \
	X(TRANSPORT, "s.transport") X(REMARKS, "s.remarks") X(FORMAT, "s.format")             \
	X(PERIOD_COUNT, "s.period_count") X(HOURS_PER_WEEK, "s.hours_per_week")                \
	X(TOTAL_HOURS, "s.total_hours") X(REQUEST_REMARKS, "s.request_remarks")                \
	X(PREFERENCE, "s.preference_service_id") X(STOPPED_AT, "s.stopped_at")                \
	X(VERSION, "s.version") X(PLACED_BY, "p.service_id") X(PLACED_BY_NAME, "o.name")
/* The SELECT list: every column followed by a comma, then the id last (PUPIL_COL_ID). */
#define SELECT_ITEM(name, sql) sql ", "
#define ENUM_ITEM(name, sql) PUPIL_COL_##name,
enum pupil_col { PUPIL_COLUMNS(ENUM_ITEM) PUPIL_COL_ID };

/* A pupil as a service may see it: no private column (pupils.h). */
#define SERVICE_COLUMNS(X)                                                                   \
	X(CAMPAIGN, "s.campaign_id") X(FIRST_NAME, "s.first_name") X(LAST_NAME, "s.last_name") \
	X(POSTCODE, "s.postcode") X(CITY, "s.city") X(PROVINCE, "s.province")                 \
	X(TRANSPORT, "s.transport") X(FORMAT, "s.format") X(PERIOD_COUNT, "s.period_count")    \
	X(HOURS_PER_WEEK, "s.hours_per_week") X(TOTAL_HOURS, "s.total_hours")                  \
	X(REMARKS, "s.remarks") X(REQUEST_REMARKS, "s.request_remarks")                        \
	X(PREFERENCE, "COALESCE(s.preference_service_id, 0)")                                  \
	X(PREFERENCE_NAME, "COALESCE(pref.name, '')") X(SCHOOL, "sch.name")                    \
	X(CONTACT_NAME, "ct.name") X(CONTACT_PHONE, "ct.phone") X(CONTACT_EMAIL, "ct.email")   \
	X(PLACED_BY, "COALESCE(p.service_id, 0)") X(STOPPED, "s.stopped_at IS NOT NULL")
#define SERVICE_ENUM_ITEM(name, sql) SERVICE_COL_##name,
enum service_col { SERVICE_COLUMNS(SERVICE_ENUM_ITEM) SERVICE_COL_ID };

#define SERVICE_JOINS                                                                          \
	" FROM students s JOIN organisations sch ON sch.id = s.school_id"                          \
	" JOIN contacts ct ON ct.id = s.contact_id"                                                \
	" LEFT JOIN organisations pref ON pref.id = s.preference_service_id"                       \
	" LEFT JOIN placements p ON p.student_id = s.id"
/* A service's own placement and the pupil's private fields (pupil_private_for_service). */
#define PRIVATE_COLUMNS(X)                                                                   \
	X(PLACEMENT, "p.id") X(VERSION, "p.version") X(SITE, "p.site")                        \
	X(MENTOR_NAME, "p.mentor_name") X(MENTOR_PHONE, "p.mentor_phone")                     \
	X(MENTOR_EMAIL, "p.mentor_email") X(NOTES, "p.notes") X(ACCEPTED_AT, "p.accepted_at") \
	X(STREET, "s.street") X(PHONE, "s.phone") X(EMAIL, "s.email") X(NN_BOX, "s.national_number_box")
#define PRIVATE_ENUM_ITEM(name, sql) PRIVATE_COL_##name,
enum private_col { PRIVATE_COLUMNS(PRIVATE_ENUM_ITEM) PRIVATE_COL_CAMPAIGN };

enum pupil_stmt {
	STMT_PUPIL_GET,
	STMT_PUPIL_PERIODS,
	STMT_FOR_SERVICE_GET,
	STMT_FOR_SERVICE_VISIBLE,
	STMT_FOR_SERVICE_ACCEPTED,
	STMT_PUPIL_CAMPAIGN,
	STMT_PRIVATE_FOR_SERVICE,
	STMT_PUPIL_NAME,
	STMT_PUPILS_OF_CONTACT,
	STMT__MAX
};

/* db_prepare caches per thread by the string's address: these strings never move. */
static const char *const stmts[STMT__MAX] = {
	[STMT_PUPIL_GET] =
		"SELECT " PUPIL_COLUMNS(SELECT_ITEM) "s.id"
		" FROM students s LEFT JOIN placements p ON p.student_id = s.id"
		" LEFT JOIN organisations o ON o.id = p.service_id"
		" WHERE s.id = ?1 AND (?2 = 0 OR s.school_id = ?2)",
	[STMT_PUPIL_PERIODS] =
		"SELECT position, starts_on, ends_on FROM student_periods WHERE student_id = ? ORDER BY position",
	[STMT_FOR_SERVICE_GET] =
		"SELECT " SERVICE_COLUMNS(SELECT_ITEM) "s.id" SERVICE_JOINS " WHERE s.id = ?",
	/* The campaign of the pupil when it concerns the service now (campaigns.h): ?1 the
	 * pupil, ?2 the service, ?3 now. */
	[STMT_FOR_SERVICE_VISIBLE] =
		"SELECT s.campaign_id FROM students s WHERE s.id = ? AND s.campaign_id IN (" SQL_SERVICE_CAMPAIGNS ")",
	/* The private part of a pupil: only through the service's own placement (?2). */
	[STMT_PRIVATE_FOR_SERVICE] = "SELECT " PRIVATE_COLUMNS(SELECT_ITEM) "s.campaign_id"
		" FROM placements p JOIN students s ON s.id = p.student_id"
		" WHERE p.student_id = ? AND p.service_id = ?",
	[STMT_PUPIL_NAME] = "SELECT first_name || ' ' || last_name FROM students WHERE id = ? AND school_id = ?",
	[STMT_PUPIL_CAMPAIGN] = "SELECT campaign_id FROM students WHERE id = ?",
	[STMT_FOR_SERVICE_ACCEPTED] = "SELECT COUNT(*) FROM placements WHERE student_id = ? AND service_id = ?",
	[STMT_PUPILS_OF_CONTACT] = "SELECT s.id, s.first_name, s.last_name, s.national_number_hint,"
		" s.stopped_at IS NOT NULL, p.name FROM students s JOIN campaigns c ON c.id = s.campaign_id"
		" JOIN programmes p ON p.id = c.programme_id WHERE s.contact_id = ? AND s.school_id = ?"
		" ORDER BY lower(s.last_name), lower(s.first_name), s.id",
};
enum period_col { PERIOD_COL_POSITION, PERIOD_COL_STARTS_ON, PERIOD_COL_ENDS_ON };

static void read_periods(long long id, struct arena *a, struct student_record *s)
{
	struct db_stmt *st = db_prepare(stmts[STMT_PUPIL_PERIODS]);
	db_bind_int(st, 1, id);
	while (db_step(st) == DB_ROW) {
		long long pos = db_int(st, PERIOD_COL_POSITION);
		if (pos >= 1 && pos <= PERIODS_MAX) {
			s->period_start[pos - 1] = db_text_dup(st, PERIOD_COL_STARTS_ON, a);
			s->period_end[pos - 1] = db_text_dup(st, PERIOD_COL_ENDS_ON, a);
		}
	}
	db_reset(st);
}

bool pupil_get(struct scope sc, struct arena *a, long long id, bool open_nn, struct pupil *p)
{
	memset(p, 0, sizeof *p);
	long long school;   /* the SQL's ?2: 0 = any school */
	if (sc.role == ROLE_SCHOOL && sc.org_id > 0)
		school = sc.org_id;
	else if (sc.role == ROLE_ADMIN)
		school = 0;
	else
		return false;   /* a service never gets this row: pupil_for_service_get */
	struct db_stmt *st = db_prepare(stmts[STMT_PUPIL_GET]);
	db_bindv(st, "ii", id, school);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return false;
	}
	struct student_record *s = &p->rec;
	p->id = db_int(st, PUPIL_COL_ID);
	s->campaign_id = db_int(st, PUPIL_COL_CAMPAIGN);
	s->school_id = db_int(st, PUPIL_COL_SCHOOL);
	s->contact_id = db_int(st, PUPIL_COL_CONTACT);
	s->first_name = db_text_dup(st, PUPIL_COL_FIRST_NAME, a);
	s->last_name = db_text_dup(st, PUPIL_COL_LAST_NAME, a);
	char *nn = arena_alloc(a, 12);
	size_t box_len = 0;
	const void *box = db_blob(st, PUPIL_COL_NN_BOX, &box_len);
	if (open_nn && box && nn_open(box, box_len, nn) != 0)
		nn[0] = '\0';
	s->national_number = nn;
	s->street = db_text_dup(st, PUPIL_COL_STREET, a);
	s->postcode = db_text_dup(st, PUPIL_COL_POSTCODE, a);
	s->city = db_text_dup(st, PUPIL_COL_CITY, a);
	s->province = db_text_dup(st, PUPIL_COL_PROVINCE, a);
	s->phone = db_text_dup(st, PUPIL_COL_PHONE, a);
	s->email = db_text_dup(st, PUPIL_COL_EMAIL, a);
	s->transport = (int)db_int(st, PUPIL_COL_TRANSPORT);
	s->remarks = db_text_dup(st, PUPIL_COL_REMARKS, a);
	s->format = db_text_dup(st, PUPIL_COL_FORMAT, a);
	s->period_count = (int)db_int(st, PUPIL_COL_PERIOD_COUNT);
	s->hours_per_week = (int)db_int(st, PUPIL_COL_HOURS_PER_WEEK);
	s->total_hours = (int)db_int(st, PUPIL_COL_TOTAL_HOURS);
	s->request_remarks = db_text_dup(st, PUPIL_COL_REQUEST_REMARKS, a);
	s->preference_service_id = db_int(st, PUPIL_COL_PREFERENCE);
	p->stopped_at = db_int(st, PUPIL_COL_STOPPED_AT);
	p->version = db_int(st, PUPIL_COL_VERSION);
	p->placed_by = db_int(st, PUPIL_COL_PLACED_BY);
	const char *service = db_text_dup(st, PUPIL_COL_PLACED_BY_NAME, a);
	db_reset(st);
	if (!campaign_load(s->campaign_id, &p->campaign))
		return false;
	if (sc.role == ROLE_SCHOOL)
		p->answer = campaign_school_answer(&p->campaign, clock_now(), p->placed_by, service);
	else
		p->answer = (struct school_answer){ .accepted = p->placed_by != 0, .service_id = p->placed_by,
		                                    .service = p->placed_by ? service : NULL };
	read_periods(id, a, s);
	return true;
}

/* The school a school scope may write: its own; 0 for any other scope. */
static long long school_of(struct scope sc)
{
	return sc.role == ROLE_SCHOOL && sc.org_id > 0 ? sc.org_id : 0;
}

const char *pupil_full_name(struct scope sc, struct arena *a, long long id)
{
	struct db_stmt *st = db_prepare(stmts[STMT_PUPIL_NAME]);
	db_bindv(st, "ii", id, school_of(sc));
	const char *name = db_step(st) == DB_ROW ? db_text_dup(st, 0, a) : "";
	db_reset(st);
	return name;
}

/* --- As a service sees a pupil ------------------------------------------------------ */

/* One row of SERVICE_COLUMNS, without its periods. */
static void read_service_row(struct db_stmt *st, struct arena *a, struct pupil_for_service *q)
{
	memset(q, 0, sizeof *q);
	q->id = db_int(st, SERVICE_COL_ID);
	q->campaign_id = db_int(st, SERVICE_COL_CAMPAIGN);
	q->first_name = db_text_dup(st, SERVICE_COL_FIRST_NAME, a);
	q->last_name = db_text_dup(st, SERVICE_COL_LAST_NAME, a);
	q->postcode = db_text_dup(st, SERVICE_COL_POSTCODE, a);
	q->city = db_text_dup(st, SERVICE_COL_CITY, a);
	q->province = db_text_dup(st, SERVICE_COL_PROVINCE, a);
	q->transport = (int)db_int(st, SERVICE_COL_TRANSPORT);
	q->format = db_text_dup(st, SERVICE_COL_FORMAT, a);
	q->period_count = (int)db_int(st, SERVICE_COL_PERIOD_COUNT);
	q->hours_per_week = (int)db_int(st, SERVICE_COL_HOURS_PER_WEEK);
	q->total_hours = (int)db_int(st, SERVICE_COL_TOTAL_HOURS);
	q->remarks = db_text_dup(st, SERVICE_COL_REMARKS, a);
	q->request_remarks = db_text_dup(st, SERVICE_COL_REQUEST_REMARKS, a);
	q->preference_service_id = db_int(st, SERVICE_COL_PREFERENCE);
	q->preference_name = db_text_dup(st, SERVICE_COL_PREFERENCE_NAME, a);
	q->school = db_text_dup(st, SERVICE_COL_SCHOOL, a);
	q->contact_name = db_text_dup(st, SERVICE_COL_CONTACT_NAME, a);
	q->contact_phone = db_text_dup(st, SERVICE_COL_CONTACT_PHONE, a);
	q->contact_email = db_text_dup(st, SERVICE_COL_CONTACT_EMAIL, a);
	q->placed_service_id = db_int(st, SERVICE_COL_PLACED_BY);
	q->stopped = db_int(st, SERVICE_COL_STOPPED) != 0;
}

static void read_service_periods(struct pupil_for_service *q)
{
	struct db_stmt *st = db_prepare(stmts[STMT_PUPIL_PERIODS]);
	db_bind_int(st, 1, q->id);
	while (q->periods < PERIODS_MAX && db_step(st) == DB_ROW) {
		snprintf(q->start[q->periods], 11, "%s", db_text(st, PERIOD_COL_STARTS_ON));
		snprintf(q->end[q->periods], 11, "%s", db_text(st, PERIOD_COL_ENDS_ON));
		q->periods++;
	}
	db_reset(st);
}

static bool read_for_service(struct arena *a, long long id, struct pupil_for_service *q)
{
	struct db_stmt *st = db_prepare(stmts[STMT_FOR_SERVICE_GET]);
	db_bind_int(st, 1, id);
	bool found = db_step(st) == DB_ROW;
	if (found)
		read_service_row(st, a, q);
	db_reset(st);
	if (found)
		read_service_periods(q);
	return found;
}

/* The area rule's gate: the campaign concerns the service now, its handling has opened,
 * and campaign_service_sees_student (the one function with the area rule) says yes. */
static bool service_sees(long long service_id, long long id, struct campaign *c)
{
	long long now = clock_now();
	long long campaign_id = db_query_int(0, stmts[STMT_FOR_SERVICE_VISIBLE], "iii", id, service_id, now);
	return campaign_id && campaign_load(campaign_id, c) && now >= c->handling_opens_at &&
	       campaign_service_sees_student(c, service_id, id, now);
}

bool pupil_service_visible(struct scope sc, long long id, struct campaign *c)
{
	if (sc.role == ROLE_SERVICE)
		return sc.org_id > 0 && service_sees(sc.org_id, id, c);
	long long campaign_id = db_query_int(0, stmts[STMT_PUPIL_CAMPAIGN], "i", id);
	return sc.role == ROLE_ADMIN && campaign_id && campaign_load(campaign_id, c);
}

bool pupil_for_service_get(struct scope sc, struct arena *a, long long id, struct pupil_for_service *q,
                           struct campaign *c)
{
	if (sc.role == ROLE_SERVICE) {
		if (sc.org_id <= 0 || !service_sees(sc.org_id, id, c))
			return false;
		return read_for_service(a, id, q);
	}
	if (sc.role != ROLE_ADMIN || !read_for_service(a, id, q))
		return false;
	return campaign_load(q->campaign_id, c);
}

bool pupil_for_service_accepted(struct scope sc, struct arena *a, long long id, struct pupil_for_service *q)
{
	if (sc.role != ROLE_SERVICE ||
	    db_query_int(0, stmts[STMT_FOR_SERVICE_ACCEPTED], "ii", id, sc.org_id) != 1)
		return false;
	return read_for_service(a, id, q);
}

bool pupil_national_number_viewed(struct scope sc, struct req *r, long long student_id, const char *where)
{
	return placement_is_ours(sc, student_id) && audit(r, "national_number_view", student_id, where);
}

bool pupil_private_for_service(struct scope sc, struct req *r, long long student_id, const char *nn_where,
                               struct pupil_private *out)
{
	memset(out, 0, sizeof *out);
	if (sc.role != ROLE_SERVICE || sc.org_id <= 0)
		return false;
	struct arena *a = r->arena;
	struct db_stmt *st = db_prepare(stmts[STMT_PRIVATE_FOR_SERVICE]);
	db_bindv(st, "ii", student_id, sc.org_id);
	bool found = db_step(st) == DB_ROW;
	if (found) {
		out->placement_id = db_int(st, PRIVATE_COL_PLACEMENT);
		out->placement_version = db_int(st, PRIVATE_COL_VERSION);
		out->site = db_text_dup(st, PRIVATE_COL_SITE, a);
		out->mentor_name = db_text_dup(st, PRIVATE_COL_MENTOR_NAME, a);
		out->mentor_phone = db_text_dup(st, PRIVATE_COL_MENTOR_PHONE, a);
		out->mentor_email = db_text_dup(st, PRIVATE_COL_MENTOR_EMAIL, a);
		out->notes = db_text_dup(st, PRIVATE_COL_NOTES, a);
		out->accepted_at = db_int(st, PRIVATE_COL_ACCEPTED_AT);
		out->street = db_text_dup(st, PRIVATE_COL_STREET, a);
		out->phone = db_text_dup(st, PRIVATE_COL_PHONE, a);
		out->email = db_text_dup(st, PRIVATE_COL_EMAIL, a);
		out->campaign_id = db_int(st, PRIVATE_COL_CAMPAIGN);
		size_t len = 0;
		const void *box = db_blob(st, PRIVATE_COL_NN_BOX, &len);
		char digits[12];
		if (nn_where && box && !db_is_null(st, PRIVATE_COL_NN_BOX) && nn_open(box, len, digits) == 0) {
			if (pupil_national_number_viewed(sc, r, student_id, nn_where))
				national_number_format(digits, out->national_number);
			sodium_memzero(digits, sizeof digits);
		}
	}
	db_reset(st);
	return found;
}

/* --- The pupils linked to a contact ---------------------------------------------------- */

enum of_contact_col {
	OF_CONTACT_COL_ID, OF_CONTACT_COL_FIRST_NAME, OF_CONTACT_COL_LAST_NAME, OF_CONTACT_COL_NN_HINT,
	OF_CONTACT_COL_STOPPED, OF_CONTACT_COL_PROGRAMME
};

static void read_of_contact(struct db_stmt *st, struct arena *a, void *row)
{
	struct pupil_of_contact *p = row;
	p->id = db_int(st, OF_CONTACT_COL_ID);
	p->first_name = db_text_dup(st, OF_CONTACT_COL_FIRST_NAME, a);
	p->last_name = db_text_dup(st, OF_CONTACT_COL_LAST_NAME, a);
	p->national_number_hint = db_text_dup(st, OF_CONTACT_COL_NN_HINT, a);
	p->stopped = db_bool(st, OF_CONTACT_COL_STOPPED);
	p->programme = db_text_dup(st, OF_CONTACT_COL_PROGRAMME, a);
}

struct pupil_of_contact *pupils_of_contact(struct scope sc, struct arena *a, long long contact_id, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_PUPILS_OF_CONTACT]);
	db_bindv(st, "ii", contact_id, school_of(sc)); /* 0 (not a school) is no school's id */
	return db_rows(st, a, sizeof(struct pupil_of_contact), count, read_of_contact);
}

/* --- The stopped pupils of a campaign ("Gestopte leerlingen", src/school/student_resume.c) ---- */

static const char *const stmt_stopped =
	"SELECT s.id, s.first_name, s.last_name, s.stopped_at, sch.name, COALESCE(svc.name, '')"
	" FROM students s JOIN organisations sch ON sch.id = s.school_id"
	" LEFT JOIN placements p ON p.student_id = s.id LEFT JOIN organisations svc ON svc.id = p.service_id"
	" WHERE s.campaign_id = ? AND s.stopped_at IS NOT NULL ORDER BY LOWER(s.last_name), LOWER(s.first_name), s.id";
enum stopped_col { STOPPED_COL_ID, STOPPED_COL_FIRST, STOPPED_COL_LAST, STOPPED_COL_AT, STOPPED_COL_SCHOOL,
                   STOPPED_COL_SERVICE };

static void read_stopped(struct db_stmt *st, struct arena *a, void *row)
{
	struct pupil_stopped *p = row;
	p->id = db_int(st, STOPPED_COL_ID);
	p->first_name = db_text_dup(st, STOPPED_COL_FIRST, a);
	p->last_name = db_text_dup(st, STOPPED_COL_LAST, a);
	p->stopped_at = db_int(st, STOPPED_COL_AT);
	p->school = db_text_dup(st, STOPPED_COL_SCHOOL, a);
	p->service = db_text_dup(st, STOPPED_COL_SERVICE, a);
}

struct pupil_stopped *pupil_stopped_list(struct scope sc, struct arena *a, long long campaign_id, size_t *count)
{
	*count = 0;
	if (sc.role != ROLE_ADMIN)
		return arena_alloc(a, sizeof(struct pupil_stopped));
	struct db_stmt *st = db_prepare(stmt_stopped);
	db_bind_int(st, 1, campaign_id);
	return db_rows(st, a, sizeof(struct pupil_stopped), count, read_stopped);
}
