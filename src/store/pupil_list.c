/*
 * The pupil lists (pupils.h): the school's overview and its exports, a service's request
 * list and "Mijn stagiairs". The reading of each list has one owner, here.
 *
 * Speed (issue 19): a page is one statement with only the columns it prints, plus one
 * statement for the periods of all its pupils (their ids bound as one JSON array), instead
 * of a join per period and per row. Counts and totals are one statement.
 *
 * A name filter compares names folded (fold.h): 'chloe' finds Chloë, 'dhondt' D'Hondt.
 *
 * Parameters are numbered (?1, ?2, ...) and the same number is used again where a value
 * is needed twice; each statement group lists its numbers in an enum next to it.
 */
#include "pupils.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto.h"
#include "db.h"
#include "db_row.h"
#include "validate.h"

/* ---- periods of many pupils at once ---- */

/* Where the periods of one owner (a pupil or a placement) go. */
struct period_slot {
	long long owner;
	int *count;
	char (*start)[11], (*end)[11];
};

static int slot_order(const void *a, const void *b)
{
	long long x = ((const struct period_slot *)a)->owner, y = ((const struct period_slot *)b)->owner;
	return (x > y) - (x < y);
}

/* The owners' ids as a JSON array for json_each(), in a. */
static const char *ids_json(struct arena *a, const struct period_slot *slots, size_t n)
{
	char *json = arena_alloc(a, n * 21 + 3), *p = json;
	*p++ = '[';
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, i ? ",%lld" : "%lld", slots[i].owner);
	*p++ = ']';
	*p = 0;
	return json;
}

enum period_col { PERIOD_COL_OWNER, PERIOD_COL_STARTS_ON, PERIOD_COL_ENDS_ON };

/* Appends the current row's period to the slot's. */
static void period_put(struct db_stmt *st, const struct period_slot *s)
{
	if (*s->count >= PERIODS_MAX)
		return;
	snprintf(s->start[*s->count], 11, "%s", db_text(st, PERIOD_COL_STARTS_ON));
	snprintf(s->end[*s->count], 11, "%s", db_text(st, PERIOD_COL_ENDS_ON));
	++*s->count;
}

static struct period_slot slot_of(long long owner, struct pupil_periods *p)
{
	return (struct period_slot){owner, &p->count, p->start, p->end};
}

/*
 * Runs sql (its ?1 the owners as a JSON array, or bound already when ids is false; rows:
 * owner, starts_on, ends_on, by owner and position) and puts each row into its slot.
 */
static void periods_fill(const char *sql, struct arena *a, struct period_slot *slots, size_t n, bool bind_ids,
                         long long param)
{
	if (!n)
		return;
	qsort(slots, n, sizeof *slots, slot_order);
	struct db_stmt *st = db_prepare(sql);
	if (bind_ids)
		db_bind_text(st, 1, ids_json(a, slots, n));
	else
		db_bind_int(st, 1, param);
	while (db_step(st) == DB_ROW) {
		struct period_slot key = {.owner = db_int(st, PERIOD_COL_OWNER)};
		struct period_slot *s = bsearch(&key, slots, n, sizeof *slots, slot_order);
		if (s)
			period_put(st, s);
	}
	db_reset(st);
}

#define IN_IDS " IN (SELECT value FROM json_each(?1))"
static const char SQL_REQUESTED_PERIODS[] =
	"SELECT student_id, starts_on, ends_on FROM student_periods WHERE student_id" IN_IDS
	" ORDER BY student_id, position";
static const char SQL_APPROVED_PERIODS_OF_PUPILS[] =
	"SELECT p.student_id, pp.starts_on, pp.ends_on FROM placements p"
	" JOIN placement_periods pp ON pp.placement_id = p.id WHERE p.student_id" IN_IDS
	" ORDER BY p.student_id, pp.position";
static const char SQL_APPROVED_PERIODS_OF_SERVICE[] =
	"SELECT pp.placement_id, pp.starts_on, pp.ends_on FROM placements p"
	" JOIN placement_periods pp ON pp.placement_id = p.id WHERE p.service_id = ?1"
	" ORDER BY pp.placement_id, pp.position";
static const char SQL_APPROVED_PERIODS_OF_PLACEMENT[] =
	"SELECT pp.placement_id, pp.starts_on, pp.ends_on FROM placements p"
	" JOIN placement_periods pp ON pp.placement_id = p.id WHERE p.id = ?1 AND (?2 = 0 OR p.service_id = ?2)"
	" ORDER BY pp.position";

/* ---- the school's overview ---- */

/* ?1 results visible (placements joined), ?2 school, ?3 campaign, ?4 status, ?5 contact,
 * ?6 name pattern, ?7 period filter on, ?8 from, ?9 to, ?10 transport, ?11 LIMIT, ?12 OFFSET. */
enum school_param {
	SCHOOL_P_VISIBLE = 1, SCHOOL_P_SCHOOL, SCHOOL_P_CAMPAIGN, SCHOOL_P_STATUS, SCHOOL_P_CONTACT, SCHOOL_P_LIKE,
	SCHOOL_P_PERIOD, SCHOOL_P_FROM, SCHOOL_P_TO, SCHOOL_P_TRANSPORT, SCHOOL_P_LIMIT, SCHOOL_P_OFFSET
};
/* The values of enum pupil_list_status. */
#define STATUS_SQL "CASE WHEN s.stopped_at IS NOT NULL THEN 3 WHEN p.id IS NOT NULL THEN 2 ELSE 1 END"
#define SCHOOL_FROM                                                                                \
	" FROM students s LEFT JOIN placements p ON p.student_id = s.id AND ?1 = 1"
#define SCHOOL_WHERE " WHERE s.school_id = ?2 AND s.campaign_id = ?3"
/* A period filter looks at the approved periods of an accepted pupil and at the requested
 * ones of the others. */
#define SCHOOL_FILTER                                                                              \
	"(?4 = 0 OR " STATUS_SQL " = ?4)"                                                          \
	" AND (?5 = 0 OR s.contact_id = ?5)"                                                       \
	" AND (?6 = '' OR fold(s.last_name || s.first_name) LIKE fold(?6) ESCAPE '\\'"            \
	"      OR fold(s.first_name || s.last_name) LIKE fold(?6) ESCAPE '\\')"                   \
	" AND (?7 = 0 OR CASE WHEN p.id IS NULL"                                                   \
	"      THEN EXISTS (SELECT 1 FROM student_periods x"                                      \
	"                   WHERE x.student_id = s.id AND x.ends_on >= ?8 AND x.starts_on <= ?9)"   \
	"      ELSE EXISTS (SELECT 1 FROM placement_periods y"                                    \
	"                   WHERE y.placement_id = p.id AND y.ends_on >= ?8 AND y.starts_on <= ?9)" \
	"      END)"                                                                               \
	" AND (?10 = 0 OR (s.transport & ?10) <> 0)"

/* The filter as a CASE condition: a condition short-circuits its ORs (the period look-ups
 * and fold() run only when their filter is on), a value would evaluate every operand. */
static const char SQL_SCHOOL_TALLY[] =
	"SELECT COUNT(*), COALESCE(SUM(" STATUS_SQL " = 2), 0), COALESCE(SUM(s.stopped_at IS NOT NULL), 0),"
	" COALESCE(SUM(CASE WHEN " SCHOOL_FILTER " THEN 1 ELSE 0 END), 0)" SCHOOL_FROM SCHOOL_WHERE;
enum tally_col { TALLY_COL_TOTAL, TALLY_COL_ACCEPTED, TALLY_COL_STOPPED, TALLY_COL_MATCHING };

/* A select list and its column enum from one list of (name, SQL), the id first. */
#define COL_ITEM(prefix, name, sql) ", " sql
#define COL_ENUM(prefix, name, sql) prefix##_##name,

#define SCHOOL_PAGE_COLUMNS(X)                                                                 \
	X(PAGE, STATUS, STATUS_SQL) X(PAGE, LAST_NAME, "s.last_name") X(PAGE, FIRST_NAME, "s.first_name") \
	X(PAGE, SERVICE_ID, "COALESCE(p.service_id, 0)") X(PAGE, SERVICE, "sv.name")                  \
	X(PAGE, SITE, "p.site") X(PAGE, MENTOR_NAME, "p.mentor_name") X(PAGE, MENTOR_PHONE, "p.mentor_phone") \
	X(PAGE, MENTOR_EMAIL, "p.mentor_email") X(PAGE, NOTES, "p.notes")
enum school_page_col { PAGE_ID, SCHOOL_PAGE_COLUMNS(COL_ENUM) };

#define SCHOOL_EXPORT_COLUMNS(X)                                                               \
	X(EXPORT, STATUS, STATUS_SQL) X(EXPORT, LAST_NAME, "s.last_name") X(EXPORT, FIRST_NAME, "s.first_name") \
	X(EXPORT, STREET, "s.street") X(EXPORT, POSTCODE, "s.postcode") X(EXPORT, CITY, "s.city")           \
	X(EXPORT, PROVINCE, "s.province") X(EXPORT, PHONE, "s.phone") X(EXPORT, EMAIL, "s.email")           \
	X(EXPORT, TRANSPORT, "s.transport") X(EXPORT, REMARKS, "s.remarks") X(EXPORT, CONTACT, "c.name")    \
	X(EXPORT, FORMAT, "s.format") X(EXPORT, PERIOD_COUNT, "s.period_count")                            \
	X(EXPORT, HOURS_PER_WEEK, "s.hours_per_week") X(EXPORT, TOTAL_HOURS, "s.total_hours")               \
	X(EXPORT, REQUEST_REMARKS, "s.request_remarks") X(EXPORT, PREFERENCE, "pref.name")                  \
	X(EXPORT, STOPPED_AT, "COALESCE(s.stopped_at, 0)")                                                   \
	X(EXPORT, REQUESTED, "(SELECT group_concat(starts_on || ends_on, '') FROM (SELECT starts_on, ends_on" \
	                     " FROM student_periods WHERE student_id = s.id ORDER BY position))")          \
	X(EXPORT, SERVICE_ID, "COALESCE(p.service_id, 0)") X(EXPORT, SERVICE, "sv.name")                     \
	X(EXPORT, SITE, "p.site") X(EXPORT, MENTOR_NAME, "p.mentor_name") X(EXPORT, MENTOR_PHONE, "p.mentor_phone") \
	X(EXPORT, MENTOR_EMAIL, "p.mentor_email") X(EXPORT, NOTES, "p.notes")                                \
	X(EXPORT, APPROVED, "(SELECT group_concat(starts_on || ends_on, '') FROM (SELECT starts_on, ends_on" \
	                    " FROM placement_periods WHERE placement_id = p.id ORDER BY position))")       \
	X(EXPORT, NN_BOX, "s.national_number_box")
enum school_export_col { EXPORT_ID, SCHOOL_EXPORT_COLUMNS(COL_ENUM) };

#define SCHOOL_PAGE_SQL(order)                                                                  \
	"SELECT s.id" SCHOOL_PAGE_COLUMNS(COL_ITEM) SCHOOL_FROM                                      \
	" LEFT JOIN organisations sv ON sv.id = p.service_id" SCHOOL_WHERE " AND " SCHOOL_FILTER     \
	" ORDER BY " order " LIMIT ?11 OFFSET ?12"
#define SCHOOL_EXPORT_SQL(order)                                                                \
	"SELECT s.id" SCHOOL_EXPORT_COLUMNS(COL_ITEM) SCHOOL_FROM                                    \
	" JOIN contacts c ON c.id = s.contact_id"                                                    \
	" LEFT JOIN organisations pref ON pref.id = s.preference_service_id"                        \
	" LEFT JOIN organisations sv ON sv.id = p.service_id" SCHOOL_WHERE " AND " SCHOOL_FILTER     \
	" ORDER BY " order
#define BY_NAME "s.last_name, s.first_name, s.id"
#define FIRST_APPROVED "(SELECT f.starts_on FROM placement_periods f WHERE f.placement_id = p.id AND f.position = 1)"
/* For each enum pupil_list_sort: ascending and descending. */
#define SCHOOL_ORDERS(SQL)                                                                      \
	{                                                                                          \
		{SQL(BY_NAME), SQL("s.last_name DESC, s.first_name DESC, s.id DESC")},             \
		{SQL(STATUS_SQL ", " BY_NAME), SQL(STATUS_SQL " DESC, " BY_NAME)},                 \
		{SQL("sv.name IS NULL, sv.name, p.site, " BY_NAME),                                \
		 SQL("sv.name IS NULL, sv.name DESC, p.site DESC, " BY_NAME)},                     \
		{SQL(FIRST_APPROVED " IS NULL, " FIRST_APPROVED ", " BY_NAME),                     \
		 SQL(FIRST_APPROVED " IS NULL, " FIRST_APPROVED " DESC, " BY_NAME)},               \
		{SQL("COALESCE(p.mentor_name, '') = '', p.mentor_name, " BY_NAME),                 \
		 SQL("COALESCE(p.mentor_name, '') = '', p.mentor_name DESC, " BY_NAME)},           \
	}
static const char *const school_page_sql[PUPIL_LIST_SORT__MAX][2] = SCHOOL_ORDERS(SCHOOL_PAGE_SQL);
static const char *const school_export_sql[PUPIL_LIST_SORT__MAX][2] = SCHOOL_ORDERS(SCHOOL_EXPORT_SQL);

/* The school of the scope, or 0 for any other scope. */
static long long school_of(struct scope sc)
{
	return sc.role == ROLE_SCHOOL && sc.org_id > 0 ? sc.org_id : 0;
}

/* Binds ?1-?10. */
static void bind_school_filter(struct db_stmt *st, long long school, const struct campaign *c, long long now,
                               const struct pupil_list_filter *f)
{
	db_bind_int(st, SCHOOL_P_VISIBLE, campaign_school_sees_answers(c, now));
	db_bind_int(st, SCHOOL_P_SCHOOL, school);
	db_bind_int(st, SCHOOL_P_CAMPAIGN, c->id);
	db_bind_int(st, SCHOOL_P_STATUS, f->status);
	db_bind_int(st, SCHOOL_P_CONTACT, f->contact > 0 ? f->contact : 0);
	db_bind_text(st, SCHOOL_P_LIKE, f->like ? f->like : "");
	db_bind_int(st, SCHOOL_P_PERIOD, f->period);
	db_bind_text(st, SCHOOL_P_FROM, f->from[0] ? f->from : "0000-01-01");
	db_bind_text(st, SCHOOL_P_TO, f->to[0] ? f->to : "9999-12-31");
	db_bind_int(st, SCHOOL_P_TRANSPORT, f->transport);
}

bool pupil_list_tally(struct scope sc, const struct campaign *c, long long now, const struct pupil_list_filter *f,
                      struct pupil_list_tally *out)
{
	memset(out, 0, sizeof *out);
	long long school = school_of(sc);
	if (!school)
		return false;
	struct db_stmt *st = db_prepare(SQL_SCHOOL_TALLY);
	bind_school_filter(st, school, c, now, f);
	bool found = db_step(st) == DB_ROW;
	if (found) {
		out->total = db_int(st, TALLY_COL_TOTAL);
		out->accepted = db_int(st, TALLY_COL_ACCEPTED);
		out->stopped = db_int(st, TALLY_COL_STOPPED);
		out->matching = db_int(st, TALLY_COL_MATCHING);
	}
	db_reset(st);
	return found;
}

/* The service's answer as the school may know it now, through campaign_school_answer. */
static struct school_answer answer_of(struct db_stmt *st, int service_id_col, int service_col,
                                      const struct campaign *c, long long now)
{
	return campaign_school_answer(c, now, db_int(st, service_id_col), db_text(st, service_col));
}

int pupil_list_page(struct scope sc, struct arena *a, const struct campaign *c, long long now,
                    const struct pupil_list_filter *f, enum pupil_list_sort sort, bool desc, long long offset,
                    struct pupil_list_row *rows, int max)
{
	long long school = school_of(sc);
	if (!school || sort < 0 || sort >= PUPIL_LIST_SORT__MAX || max <= 0)
		return 0;
	struct db_stmt *st = db_prepare(school_page_sql[sort][desc ? 1 : 0]);
	bind_school_filter(st, school, c, now, f);
	db_bind_int(st, SCHOOL_P_LIMIT, max);
	db_bind_int(st, SCHOOL_P_OFFSET, offset);
	int n = 0;
	struct period_slot *slots = arena_alloc(a, (size_t)max * sizeof *slots);
	size_t placed = 0;
	while (n < max && db_step(st) == DB_ROW) {
		struct pupil_list_row *row = &rows[n++];
		memset(row, 0, sizeof *row);
		row->id = db_int(st, PAGE_ID);
		row->status = (enum pupil_list_status)db_int(st, PAGE_STATUS);
		row->last_name = db_text_dup(st, PAGE_LAST_NAME, a);
		row->first_name = db_text_dup(st, PAGE_FIRST_NAME, a);
		row->answer = answer_of(st, PAGE_SERVICE_ID, PAGE_SERVICE, c, now);
		row->site = row->mentor_name = row->mentor_phone = row->mentor_email = row->notes = "";
		if (!row->answer.service)
			continue;
		row->answer.service = db_text_dup(st, PAGE_SERVICE, a);
		row->site = db_text_dup(st, PAGE_SITE, a);
		row->mentor_name = db_text_dup(st, PAGE_MENTOR_NAME, a);
		row->mentor_phone = db_text_dup(st, PAGE_MENTOR_PHONE, a);
		row->mentor_email = db_text_dup(st, PAGE_MENTOR_EMAIL, a);
		row->notes = db_text_dup(st, PAGE_NOTES, a);
		slots[placed++] = slot_of(row->id, &row->approved);
	}
	db_reset(st);
	periods_fill(SQL_APPROVED_PERIODS_OF_PUPILS, a, slots, placed, true, 0);
	return n;
}

/* ---- the school's export ---- */

struct pupil_export_cursor {
	struct db_stmt *st;
	struct campaign campaign;
	long long now;
};

struct pupil_export_cursor *pupil_export_open(struct scope sc, const struct campaign *c, long long now,
                                              const struct pupil_list_filter *f, enum pupil_list_sort sort,
                                              bool desc)
{
	long long school = school_of(sc);
	if (!school || sort < 0 || sort >= PUPIL_LIST_SORT__MAX)
		return NULL;
	struct pupil_export_cursor *cur = calloc(1, sizeof *cur);
	if (!cur)
		return NULL;
	cur->st = db_cursor_open(school_export_sql[sort][desc ? 1 : 0]);
	if (!cur->st) {
		free(cur);
		return NULL;
	}
	cur->campaign = *c;
	cur->now = now;
	bind_school_filter(cur->st, school, c, now, f);
	return cur;
}

/* "startend" pairs of 20 characters (the group_concat of the export's statement). */
static void periods_from_pairs(const char *pairs, struct pupil_periods *out)
{
	out->count = 0;
	for (size_t len = strlen(pairs); len >= 20 && out->count < PERIODS_MAX; len -= 20, pairs += 20) {
		memcpy(out->start[out->count], pairs, 10);
		out->start[out->count][10] = 0;
		memcpy(out->end[out->count], pairs + 10, 10);
		out->end[out->count][10] = 0;
		out->count++;
	}
}

int pupil_export_next(struct pupil_export_cursor *cur, struct pupil_export_row *row)
{
	struct db_stmt *st = cur->st;
	int rc = db_step(st);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return -1;
	memset(row, 0, sizeof *row);
	row->id = db_int(st, EXPORT_ID);
	row->status = (enum pupil_list_status)db_int(st, EXPORT_STATUS);
	const char **text[] = {
		[EXPORT_LAST_NAME] = &row->last_name, [EXPORT_FIRST_NAME] = &row->first_name,
		[EXPORT_STREET] = &row->street, [EXPORT_POSTCODE] = &row->postcode, [EXPORT_CITY] = &row->city,
		[EXPORT_PROVINCE] = &row->province, [EXPORT_PHONE] = &row->phone, [EXPORT_EMAIL] = &row->email,
		[EXPORT_REMARKS] = &row->remarks, [EXPORT_CONTACT] = &row->contact, [EXPORT_FORMAT] = &row->format,
		[EXPORT_PERIOD_COUNT] = &row->period_count, [EXPORT_HOURS_PER_WEEK] = &row->hours_per_week,
		[EXPORT_TOTAL_HOURS] = &row->total_hours, [EXPORT_REQUEST_REMARKS] = &row->request_remarks,
		[EXPORT_PREFERENCE] = &row->preference,
	};
	for (int col = 0; col < (int)(sizeof text / sizeof text[0]); col++)
		if (text[col])
			*text[col] = db_text(st, col);
	row->transport = (int)db_int(st, EXPORT_TRANSPORT);
	row->stopped_at = db_int(st, EXPORT_STOPPED_AT);
	periods_from_pairs(db_text(st, EXPORT_REQUESTED), &row->requested);
	row->answer = answer_of(st, EXPORT_SERVICE_ID, EXPORT_SERVICE, &cur->campaign, cur->now);
	row->site = row->mentor_name = row->mentor_phone = row->mentor_email = row->notes = "";
	if (row->answer.service) {
		row->site = db_text(st, EXPORT_SITE);
		row->mentor_name = db_text(st, EXPORT_MENTOR_NAME);
		row->mentor_phone = db_text(st, EXPORT_MENTOR_PHONE);
		row->mentor_email = db_text(st, EXPORT_MENTOR_EMAIL);
		row->notes = db_text(st, EXPORT_NOTES);
		periods_from_pairs(db_text(st, EXPORT_APPROVED), &row->approved);
	}
	size_t len = 0;
	const void *box = db_blob(st, EXPORT_NN_BOX, &len);
	char digits[12];
	if (box && nn_open(box, len, digits) == 0) {
		national_number_format(digits, row->national_number);
		sodium_memzero(digits, sizeof digits);
	}
	return 1;
}

void pupil_export_close(struct pupil_export_cursor *cur)
{
	if (!cur)
		return;
	db_cursor_close(cur->st);
	free(cur);
}

/* ---- a service's request list ---- */

/*
 * One statement per sort order and direction (ORDER BY cannot be a parameter), the
 * filters as "(? = unset OR condition)" so one statement serves every combination. The
 * last condition is the service's scope (campaign_service_scope in campaigns.h: the SQL
 * form of its area rule): its area, its preference and its own pupils in the first round,
 * and every open pupil once the second round has opened. Its columns carry a unary + so
 * that SQLite does not turn the OR into index look-ups and lose the walk below.
 *
 * Speed: the page's statements name the campaign as `+s.campaign_id`, which keeps SQLite
 * from filtering through the campaign index and lets it walk students_name_order
 * (migration 003) in the list's default order instead, stopping after one page; sorting
 * every matching request first cost 20 ms at 10,000 requests. The count joins only what
 * the filter needs, and reads the pupils from the campaign index alone (students_campaign
 * holds every column its filters and the area rule read: migration 012).
 *
 * Parameters 1-28 are bound by bind_request_filter() below, in the order they appear:
 * SQL_SERVICE_CAMPAIGNS and SQL_STUDENT_IN_SERVICE_AREA (campaigns.h) are written with
 * plain `?`, which cannot be mixed with numbered ones.
 */
#define REQUEST_WHERE(campaign)                                                                  \
	" JOIN campaigns c ON c.id = s.campaign_id"                                                \
	" WHERE " campaign " IN (" SQL_SERVICE_CAMPAIGNS ") AND c.handling_opens_at <= ?"             \
	" AND s.stopped_at IS NULL"                                                                \
	" AND (? = '' OR s.province = ?)"                                                          \
	" AND (? = 0 OR CAST(s.postcode AS INTEGER) >= ?)"                                         \
	" AND (? = 0 OR CAST(s.postcode AS INTEGER) <= ?)"                                         \
	" AND (? = 0 OR (s.transport & ?) <> 0)"                                                   \
	" AND (? = 0 OR s.preference_service_id = ?)"                                              \
	" AND (? = '' OR (? = 'open' AND p.id IS NULL) OR (? = 'ons' AND p.service_id = ?)"        \
	"      OR (? = 'elders' AND p.service_id <> ?))"                                           \
	" AND (? = 0 OR EXISTS (SELECT 1 FROM student_periods sp WHERE sp.student_id = s.id"       \
	"      AND sp.ends_on >= ? AND sp.starts_on <= ?))"                                        \
	" AND (+s.preference_service_id = ? OR +p.service_id = ?"                                  \
	"      OR (c.round = 2 AND c.second_round_opens_at <= ? AND p.id IS NULL)"                 \
	"      OR " SQL_STUDENT_IN_SERVICE_AREA ")"
enum { REQUEST_FILTER_PARAMS = 28 };

/* What the list prints of a request (no private column: pupils.h). */
#define REQUEST_COLUMNS(X)                                                                     \
	X(REQUEST, FIRST_NAME, "s.first_name") X(REQUEST, LAST_NAME, "s.last_name")                \
	X(REQUEST, POSTCODE, "s.postcode") X(REQUEST, CITY, "s.city") X(REQUEST, PROVINCE, "s.province") \
	X(REQUEST, TRANSPORT, "s.transport") X(REQUEST, FORMAT, "s.format")                        \
	X(REQUEST, HOURS_PER_WEEK, "s.hours_per_week") X(REQUEST, TOTAL_HOURS, "s.total_hours")    \
	X(REQUEST, REMARKS, "s.remarks") X(REQUEST, REQUEST_REMARKS, "s.request_remarks")          \
	X(REQUEST, PREFERENCE, "COALESCE(s.preference_service_id, 0)")                             \
	X(REQUEST, PREFERENCE_NAME, "COALESCE(pref.name, '')") X(REQUEST, SCHOOL, "sch.name")      \
	X(REQUEST, CONTACT_NAME, "ct.name") X(REQUEST, CONTACT_PHONE, "ct.phone")                  \
	X(REQUEST, CONTACT_EMAIL, "ct.email") X(REQUEST, PLACED_BY, "COALESCE(p.service_id, 0)")   \
	X(REQUEST, STOPPED, "s.stopped_at IS NOT NULL")
enum request_col { REQUEST_ID, REQUEST_COLUMNS(COL_ENUM) };

/* After the filter: the service id when the order needs it (status), LIMIT, OFFSET. */
#define REQUEST_PAGE_SQL(order)                                                                \
	"SELECT s.id" REQUEST_COLUMNS(COL_ITEM)                                                    \
	" FROM students s JOIN organisations sch ON sch.id = s.school_id"                          \
	" JOIN contacts ct ON ct.id = s.contact_id"                                                \
	" LEFT JOIN organisations pref ON pref.id = s.preference_service_id"                       \
	" LEFT JOIN placements p ON p.student_id = s.id" REQUEST_WHERE("+s.campaign_id")          \
	" ORDER BY " order ", s.id LIMIT ? OFFSET ?"
#define FIRST_START "(SELECT MIN(sp2.starts_on) FROM student_periods sp2 WHERE sp2.student_id = s.id)"
#define STATE_ORDER "(CASE WHEN p.id IS NULL THEN 0 WHEN p.service_id = ? THEN 1 ELSE 2 END)"

/* The count needs no names: school, contact and preference are joined for display only. */
static const char SQL_REQUESTS_COUNT[] =
	"SELECT COUNT(*) FROM students s LEFT JOIN placements p ON p.student_id = s.id" REQUEST_WHERE("s.campaign_id");
/* For each enum pupil_request_sort: ascending and descending. */
static const char *const request_page_sql[PUPIL_SORT__MAX][2] = {
	{REQUEST_PAGE_SQL("LOWER(s.last_name), LOWER(s.first_name)"),
	 REQUEST_PAGE_SQL("LOWER(s.last_name) DESC, LOWER(s.first_name) DESC")},
	{REQUEST_PAGE_SQL(STATE_ORDER ", LOWER(s.last_name)"), REQUEST_PAGE_SQL(STATE_ORDER " DESC, LOWER(s.last_name)")},
	{REQUEST_PAGE_SQL("s.postcode, LOWER(s.city), LOWER(s.last_name)"),
	 REQUEST_PAGE_SQL("s.postcode DESC, LOWER(s.city), LOWER(s.last_name)")},
	{REQUEST_PAGE_SQL("s.total_hours, LOWER(s.last_name)"), REQUEST_PAGE_SQL("s.total_hours DESC, LOWER(s.last_name)")},
	{REQUEST_PAGE_SQL(FIRST_START ", LOWER(s.last_name)"), REQUEST_PAGE_SQL(FIRST_START " DESC, LOWER(s.last_name)")},
	{REQUEST_PAGE_SQL("LOWER(sch.name), LOWER(s.last_name)"),
	 REQUEST_PAGE_SQL("LOWER(sch.name) DESC, LOWER(s.last_name)")},
};

/* Binds parameters 1-28: the current campaigns, the handling moment, the filters and the
 * service's scope. */
static void bind_request_filter(struct db_stmt *st, long long me, long long now, const struct pupil_request_filter *fl)
{
	long long preferred = fl->preference ? me : 0;
	db_bindv(st, "iiittiiiiiiiitttitiitt", me, now, now, fl->province, fl->province, (long long)fl->postcode_from,
	         (long long)fl->postcode_from, (long long)fl->postcode_to, (long long)fl->postcode_to,
	         (long long)fl->transport, (long long)fl->transport, preferred, preferred, fl->state, fl->state,
	         fl->state, me, fl->state, me, (long long)(fl->from[0] || fl->to[0]),
	         fl->from[0] ? fl->from : "0000-01-01", fl->to[0] ? fl->to : "9999-12-31");
	db_bind_int(st, 23, me);
	db_bind_int(st, 24, me);
	db_bind_int(st, 25, now);
	db_bind_int(st, 26, me); /* SQL_STUDENT_IN_SERVICE_AREA: three times the service */
	db_bind_int(st, 27, me);
	db_bind_int(st, REQUEST_FILTER_PARAMS, me);
}

static long long service_of(struct scope sc)
{
	return sc.role == ROLE_SERVICE && sc.org_id > 0 ? sc.org_id : 0;
}

long long pupil_requests_count(struct scope sc, long long now, const struct pupil_request_filter *f)
{
	long long me = service_of(sc);
	if (!me)
		return 0;
	struct db_stmt *st = db_prepare(SQL_REQUESTS_COUNT);
	bind_request_filter(st, me, now, f);
	long long n = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
	db_reset(st);
	return n;
}

static void read_request_row(struct db_stmt *st, struct arena *a, struct pupil_for_service *q)
{
	memset(q, 0, sizeof *q);
	q->id = db_int(st, REQUEST_ID);
	q->first_name = db_text_dup(st, REQUEST_FIRST_NAME, a);
	q->last_name = db_text_dup(st, REQUEST_LAST_NAME, a);
	q->postcode = db_text_dup(st, REQUEST_POSTCODE, a);
	q->city = db_text_dup(st, REQUEST_CITY, a);
	q->province = db_text_dup(st, REQUEST_PROVINCE, a);
	q->transport = (int)db_int(st, REQUEST_TRANSPORT);
	q->format = db_text_dup(st, REQUEST_FORMAT, a);
	q->hours_per_week = (int)db_int(st, REQUEST_HOURS_PER_WEEK);
	q->total_hours = (int)db_int(st, REQUEST_TOTAL_HOURS);
	q->remarks = db_text_dup(st, REQUEST_REMARKS, a);
	q->request_remarks = db_text_dup(st, REQUEST_REQUEST_REMARKS, a);
	q->preference_service_id = db_int(st, REQUEST_PREFERENCE);
	q->preference_name = db_text_dup(st, REQUEST_PREFERENCE_NAME, a);
	q->school = db_text_dup(st, REQUEST_SCHOOL, a);
	q->contact_name = db_text_dup(st, REQUEST_CONTACT_NAME, a);
	q->contact_phone = db_text_dup(st, REQUEST_CONTACT_PHONE, a);
	q->contact_email = db_text_dup(st, REQUEST_CONTACT_EMAIL, a);
	q->placed_service_id = db_int(st, REQUEST_PLACED_BY);
	q->stopped = db_bool(st, REQUEST_STOPPED);
}

int pupil_requests_page(struct scope sc, struct arena *a, long long now, const struct pupil_request_filter *f,
                        enum pupil_request_sort sort, bool desc, long long offset, struct pupil_for_service *rows,
                        int max)
{
	long long me = service_of(sc);
	if (!me || sort < 0 || sort >= PUPIL_SORT__MAX || max <= 0)
		return 0;
	struct db_stmt *st = db_prepare(request_page_sql[sort][desc ? 1 : 0]);
	bind_request_filter(st, me, now, f);
	int next = REQUEST_FILTER_PARAMS + 1;
	if (sort == PUPIL_SORT_STATUS)
		db_bind_int(st, next++, me);
	db_bind_int(st, next++, max);
	db_bind_int(st, next, offset);
	int count = 0;
	struct period_slot *slots = arena_alloc(a, (size_t)max * sizeof *slots);
	while (count < max && db_step(st) == DB_ROW) {
		struct pupil_for_service *q = &rows[count];
		read_request_row(st, a, q);
		slots[count++] = (struct period_slot){q->id, &q->periods, q->start, q->end};
	}
	db_reset(st);
	periods_fill(SQL_REQUESTED_PERIODS, a, slots, (size_t)count, true, 0);
	return count;
}

/* The campaigns the list spans, by programme: ?1 the service, ?2 now (SQL_SERVICE_CAMPAIGNS). */
static const char SQL_REQUEST_CAMPAIGNS[] =
	"SELECT c.id FROM campaigns c JOIN programmes pr ON pr.id = c.programme_id"
	" WHERE c.id IN (" SQL_SERVICE_CAMPAIGNS ") ORDER BY pr.position";

int pupil_request_campaigns(struct scope sc, long long now, long long *ids, int max)
{
	long long me = service_of(sc);
	if (!me)
		return 0;
	struct db_stmt *st = db_prepare(SQL_REQUEST_CAMPAIGNS);
	db_bind_int(st, 1, me);
	db_bind_int(st, 2, now);
	int n = 0;
	while (n < max && db_step(st) == DB_ROW)
		ids[n++] = db_int(st, 0);
	db_reset(st);
	return n;
}

/* ---- "Mijn stagiairs" ---- */

#define INTERN_COLUMNS(X)                                                                      \
	X(INTERN, PLACEMENT, "p.id") X(INTERN, PROGRAMME, "pr.name") X(INTERN, SCHOOL_YEAR, "c.school_year") \
	X(INTERN, LAST_NAME, "s.last_name") X(INTERN, FIRST_NAME, "s.first_name") X(INTERN, STREET, "s.street") \
	X(INTERN, POSTCODE, "s.postcode") X(INTERN, CITY, "s.city") X(INTERN, PROVINCE, "s.province")   \
	X(INTERN, PHONE, "s.phone") X(INTERN, EMAIL, "s.email") X(INTERN, TRANSPORT, "s.transport")      \
	X(INTERN, REMARKS, "s.remarks") X(INTERN, SCHOOL, "sch.name") X(INTERN, CONTACT_NAME, "ct.name") \
	X(INTERN, CONTACT_PHONE, "ct.phone") X(INTERN, CONTACT_EMAIL, "ct.email") X(INTERN, FORMAT, "s.format") \
	X(INTERN, HOURS_PER_WEEK, "s.hours_per_week") X(INTERN, TOTAL_HOURS, "s.total_hours")          \
	X(INTERN, REQUEST_REMARKS, "s.request_remarks") X(INTERN, STOPPED, "s.stopped_at IS NOT NULL")  \
	X(INTERN, SITE, "p.site") X(INTERN, MENTOR_NAME, "p.mentor_name") X(INTERN, MENTOR_PHONE, "p.mentor_phone") \
	X(INTERN, MENTOR_EMAIL, "p.mentor_email") X(INTERN, NOTES, "p.notes") X(INTERN, ACCEPTED_AT, "p.accepted_at") \
	X(INTERN, NN_BOX, "s.national_number_box")
enum intern_col { INTERN_ID, INTERN_COLUMNS(COL_ENUM) };

/* ?1 the service. */
static const char SQL_INTERNS[] =
	"SELECT s.id" INTERN_COLUMNS(COL_ITEM)
	" FROM placements p JOIN students s ON s.id = p.student_id"
	" JOIN organisations sch ON sch.id = s.school_id JOIN contacts ct ON ct.id = s.contact_id"
	" JOIN campaigns c ON c.id = s.campaign_id JOIN programmes pr ON pr.id = c.programme_id"
	" WHERE p.service_id = ?1 AND c.personal_data_removed_at IS NULL"
	" ORDER BY c.school_year DESC, pr.position, LOWER(s.last_name), LOWER(s.first_name), s.id";

static void read_intern_row(struct db_stmt *st, struct arena *a, struct pupil_intern_row *row, bool with_nn)
{
	memset(row, 0, sizeof *row);
	row->id = db_int(st, INTERN_ID);
	row->placement_id = db_int(st, INTERN_PLACEMENT);
	const char **text[] = {
		[INTERN_PROGRAMME] = &row->programme, [INTERN_SCHOOL_YEAR] = &row->school_year,
		[INTERN_LAST_NAME] = &row->last_name, [INTERN_FIRST_NAME] = &row->first_name,
		[INTERN_STREET] = &row->street, [INTERN_POSTCODE] = &row->postcode, [INTERN_CITY] = &row->city,
		[INTERN_PROVINCE] = &row->province, [INTERN_PHONE] = &row->phone, [INTERN_EMAIL] = &row->email,
		[INTERN_REMARKS] = &row->remarks, [INTERN_SCHOOL] = &row->school,
		[INTERN_CONTACT_NAME] = &row->contact_name, [INTERN_CONTACT_PHONE] = &row->contact_phone,
		[INTERN_CONTACT_EMAIL] = &row->contact_email, [INTERN_FORMAT] = &row->format,
		[INTERN_HOURS_PER_WEEK] = &row->hours_per_week, [INTERN_TOTAL_HOURS] = &row->total_hours,
		[INTERN_REQUEST_REMARKS] = &row->request_remarks, [INTERN_STOPPED] = NULL, [INTERN_SITE] = &row->site,
		[INTERN_MENTOR_NAME] = &row->mentor_name, [INTERN_MENTOR_PHONE] = &row->mentor_phone,
		[INTERN_MENTOR_EMAIL] = &row->mentor_email, [INTERN_NOTES] = &row->notes,
	};
	for (int col = 0; col < (int)(sizeof text / sizeof text[0]); col++)
		if (text[col])
			*text[col] = db_text_dup(st, col, a);
	row->transport = (int)db_int(st, INTERN_TRANSPORT);
	row->stopped = db_bool(st, INTERN_STOPPED);
	row->accepted_at = db_int(st, INTERN_ACCEPTED_AT);
	row->national_number = "";
	size_t len = 0;
	const void *box = db_blob(st, INTERN_NN_BOX, &len);
	char digits[12], shown[16];
	if (with_nn && box && nn_open(box, len, digits) == 0) {
		national_number_format(digits, shown);
		row->national_number = arena_strdup(a, shown);
		sodium_memzero(digits, sizeof digits);
		sodium_memzero(shown, sizeof shown);
	}
}

size_t pupil_interns(struct scope sc, struct arena *a, bool with_nn, struct pupil_intern_row **out)
{
	long long me = service_of(sc);
	size_t count = 0, cap = 16;
	struct pupil_intern_row *rows = arena_alloc(a, cap * sizeof *rows);
	*out = rows;
	if (!me)
		return 0;
	struct db_stmt *st = db_prepare(SQL_INTERNS);
	db_bind_int(st, 1, me);
	while (db_step(st) == DB_ROW) {
		if (count == cap) {
			struct pupil_intern_row *more = arena_alloc(a, 2 * cap * sizeof *more);
			memcpy(more, rows, count * sizeof *rows);
			rows = more;
			cap *= 2;
		}
		read_intern_row(st, a, &rows[count++], with_nn);
	}
	db_reset(st);
	struct period_slot *slots = arena_alloc(a, (count ? count : 1) * sizeof *slots);
	for (size_t i = 0; i < count; i++)
		slots[i] = slot_of(rows[i].placement_id, &rows[i].approved);
	periods_fill(SQL_APPROVED_PERIODS_OF_SERVICE, a, slots, count, false, me);
	*out = rows;
	return count;
}

int pupil_approved_periods(struct scope sc, long long placement_id, struct pupil_periods *out)
{
	memset(out, 0, sizeof *out);
	long long service = service_of(sc);
	if (!service && sc.role != ROLE_ADMIN)
		return 0;
	struct db_stmt *st = db_prepare(SQL_APPROVED_PERIODS_OF_PLACEMENT);
	db_bind_int(st, 1, placement_id);
	db_bind_int(st, 2, service);
	struct period_slot slot = slot_of(placement_id, out);
	while (db_step(st) == DB_ROW)
		period_put(st, &slot);
	db_reset(st);
	return out->count;
}
