#include "campaigns.h"

#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "db_row.h"

#define CAMPAIGN_COLUMNS                                                                        \
	"c.id, c.programme_id, p.code, p.name, c.school_year, c.registration_opens_at,"          \
	" c.registration_closes_at, c.handling_opens_at, c.handling_closes_at,"                  \
	" c.results_visible_at, c.second_round_opens_at, c.second_round_closes_at, c.round,"         \
	" c.personal_data_removed_at"

/* The campaign module: every statement on campaigns, programmes and campaign_services. The
 * reads of the coordinator's screens take the caller's scope first and reach nothing outside
 * the coordinator's. */
enum campaign_stmt {
	STMT_BY_ID,
	STMT_LATEST,
	STMT_INSERT,
	STMT_UPDATE,
	STMT_SERVICES_CLEAR,
	STMT_SERVICE_ADD,
	STMT_TAKES_PART,
	STMT_SEES_STUDENT,
	STMT_FOR_SCHOOL,
	STMT_PROGRAMMES,
	STMT_PROGRAMME_BY_CODE,
	STMT_OF_PROGRAMME,
	STMT_LABELS,
	STMT_TO_SHOW,
	STMT_FIND,
	STMT_SERVICE_CHOICES,
	STMT_SERVICE_COUNT,
	STMT_SERVICE_ADDRESSES,
	STMT_CAMPAIGN__MAX
};

static const char *const stmts[STMT_CAMPAIGN__MAX] = {
	[STMT_BY_ID] = "SELECT " CAMPAIGN_COLUMNS " FROM campaigns c JOIN programmes p ON p.id = c.programme_id"
	               " WHERE c.id = ?",
	[STMT_LATEST] = "SELECT " CAMPAIGN_COLUMNS " FROM campaigns c JOIN programmes p ON p.id = c.programme_id"
	                " WHERE p.code = ? ORDER BY c.school_year DESC LIMIT 1",
	[STMT_INSERT] = "INSERT INTO campaigns (programme_id, school_year, registration_opens_at, registration_closes_at,"
	                " handling_opens_at, handling_closes_at, results_visible_at, round, created_at)"
	                " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)",
	[STMT_UPDATE] = "UPDATE campaigns SET registration_opens_at = ?, registration_closes_at = ?, handling_opens_at = ?,"
	                " handling_closes_at = ?, results_visible_at = ?, round = ?, second_round_opens_at = ?,"
	                " second_round_closes_at = ? WHERE id = ?",
	[STMT_SERVICES_CLEAR] = "DELETE FROM campaign_services WHERE campaign_id = ?",
	[STMT_SERVICE_ADD] = "INSERT INTO campaign_services (campaign_id, service_id) VALUES (?, ?)",
	[STMT_TAKES_PART] = "SELECT 1 FROM campaign_services WHERE campaign_id = ? AND service_id = ?",
	/* The first-round part of campaign_service_scope() for one pupil; the second round adds
	 * the open pupils (?5 = 1). */
	[STMT_SEES_STUDENT] = "SELECT 1 FROM students s LEFT JOIN placements p ON p.student_id = s.id"
	                      " WHERE s.id = ? AND s.campaign_id = ? AND (s.preference_service_id = ? OR p.service_id = ?"
	                      " OR (? = 1 AND p.id IS NULL AND s.stopped_at IS NULL) OR " SQL_STUDENT_IN_SERVICE_AREA ")",
	[STMT_FOR_SCHOOL] = "SELECT " CAMPAIGN_COLUMNS " FROM campaigns c JOIN programmes p ON p.id = c.programme_id"
	                    " WHERE p.code = ?1 AND (?2 < " SQL_CAMPAIGN_RUNS_UNTIL("c")
	                    "  OR NOT EXISTS (SELECT 1 FROM campaigns c3 WHERE c3.programme_id = c.programme_id"
	                    "   AND c3.school_year > c.school_year AND c3.registration_opens_at <= ?2))"
	                    " ORDER BY c.school_year",
	/* The coordinator's reads bind ?1 = 1 for the coordinator's scope, 0 (nothing) else. */
	[STMT_PROGRAMMES] = "SELECT id, code, name FROM programmes WHERE ?1 = 1 ORDER BY position",
	[STMT_PROGRAMME_BY_CODE] = "SELECT id FROM programmes WHERE ?1 = 1 AND code = ?2",
	[STMT_OF_PROGRAMME] = "SELECT c.id, (SELECT COUNT(*) FROM campaign_services cs WHERE cs.campaign_id = c.id)"
	                      " FROM campaigns c WHERE ?1 = 1 AND c.programme_id = ?2 ORDER BY c.school_year DESC",
	[STMT_LABELS] = "SELECT c.id, p.name, c.school_year FROM campaigns c JOIN programmes p ON p.id = c.programme_id"
	                " WHERE ?1 = 1 ORDER BY c.school_year DESC, p.position",
	/* The newest that has started (a copy for next year made in spring does not push the
	 * running one aside), then the one with most pupils. */
	[STMT_TO_SHOW] = "SELECT c.id FROM campaigns c JOIN programmes p ON p.id = c.programme_id WHERE ?1 = 1"
	                 " ORDER BY CASE WHEN c.registration_opens_at <= ?2 THEN 0 ELSE 1 END, c.school_year DESC,"
	                 " (SELECT COUNT(*) FROM students s WHERE s.campaign_id = c.id) DESC, p.position LIMIT 1",
	[STMT_FIND] = "SELECT id FROM campaigns WHERE ?1 = 1 AND programme_id = ?2 AND school_year = ?3",
	[STMT_SERVICE_CHOICES] = "SELECT o.id, o.name, o.active = 1, EXISTS (SELECT 1 FROM campaign_services cs"
	                         "   WHERE cs.campaign_id = ?2 AND cs.service_id = o.id)"
	                         " FROM organisations o WHERE ?1 = 1 AND o.kind = 'service' ORDER BY o.name",
	[STMT_SERVICE_COUNT] = "SELECT COUNT(*) FROM campaign_services WHERE ?1 = 1 AND campaign_id = ?2",
	[STMT_SERVICE_ADDRESSES] = "SELECT u.email FROM campaign_services cs JOIN organisations o ON o.id = cs.service_id"
	                           " JOIN users u ON u.organisation_id = o.id"
	                           " WHERE ?1 = 1 AND cs.campaign_id = ?2 AND o.active = 1 AND u.state = 'active'"
	                           " ORDER BY u.id",
};

/* The columns of CAMPAIGN_COLUMNS. */
enum campaign_col {
	COL_ID, COL_PROGRAMME_ID, COL_PROGRAMME_CODE, COL_PROGRAMME_NAME, COL_SCHOOL_YEAR, COL_REGISTRATION_OPENS,
	COL_REGISTRATION_CLOSES, COL_HANDLING_OPENS, COL_HANDLING_CLOSES, COL_RESULTS_VISIBLE, COL_SECOND_OPENS,
	COL_SECOND_CLOSES, COL_ROUND, COL_REMOVED_AT
};
/* The columns of STMT_PROGRAMMES, STMT_OF_PROGRAMME, STMT_LABELS and STMT_SERVICE_CHOICES. */
enum programme_col { PROGRAMME_ID, PROGRAMME_CODE, PROGRAMME_NAME };
enum entry_col { ENTRY_ID, ENTRY_SERVICES };
enum label_col { LABEL_ID, LABEL_PROGRAMME, LABEL_SCHOOL_YEAR };
enum choice_col { CHOICE_ID, CHOICE_NAME, CHOICE_ACTIVE, CHOICE_MEMBER };

static void fill(struct db_stmt *st, struct campaign *c)
{
	c->id = db_int(st, COL_ID);
	c->programme_id = db_int(st, COL_PROGRAMME_ID);
	snprintf(c->programme_code, sizeof c->programme_code, "%s", db_text(st, COL_PROGRAMME_CODE));
	snprintf(c->programme_name, sizeof c->programme_name, "%s", db_text(st, COL_PROGRAMME_NAME));
	snprintf(c->school_year, sizeof c->school_year, "%s", db_text(st, COL_SCHOOL_YEAR));
	c->registration_opens_at = db_int(st, COL_REGISTRATION_OPENS);
	c->registration_closes_at = db_int(st, COL_REGISTRATION_CLOSES);
	c->handling_opens_at = db_int(st, COL_HANDLING_OPENS);
	c->handling_closes_at = db_int(st, COL_HANDLING_CLOSES);
	c->results_visible_at = db_int(st, COL_RESULTS_VISIBLE);
	c->second_round_opens_at = db_int(st, COL_SECOND_OPENS);
	c->second_round_closes_at = db_int(st, COL_SECOND_CLOSES);
	c->round = (int)db_int(st, COL_ROUND);
	c->personal_data_removed_at = db_int(st, COL_REMOVED_AT);
}

static bool read_row(struct db_stmt *st, struct campaign *c)
{
	bool found = db_step(st) == DB_ROW;
	if (found)
		fill(st, c);
	db_reset(st);
	return found;
}

int campaign_school_campaigns(const char *programme_code, long long now, struct campaign *out, int max)
{
	struct db_stmt *st = db_prepare(stmts[STMT_FOR_SCHOOL]);
	db_bind_text(st, 1, programme_code);
	db_bind_int(st, 2, now);
	int n = 0;
	while (n < max && db_step(st) == DB_ROW)
		fill(st, &out[n++]);
	db_reset(st);
	return n;
}

int campaign_school_default(const struct campaign *list, int count, long long now)
{
	for (int i = count - 1; i >= 0; i--)
		if (list[i].registration_opens_at <= now)
			return i;
	return 0;
}

int campaign_school_adding(const struct campaign *list, int count, long long now)
{
	for (int i = count - 1; i >= 0; i--)
		if (campaign_registration_open(&list[i], now))
			return i;
	return campaign_school_default(list, count, now);
}

bool campaign_load(long long id, struct campaign *c)
{
	struct db_stmt *st = db_prepare(stmts[STMT_BY_ID]);
	db_bind_int(st, 1, id);
	return read_row(st, c);
}

bool campaign_latest_for_programme(const char *programme_code, struct campaign *c)
{
	struct db_stmt *st = db_prepare(stmts[STMT_LATEST]);
	db_bind_text(st, 1, programme_code);
	return read_row(st, c);
}

bool campaign_registration_open(const struct campaign *c, long long now)
{
	return now >= c->registration_opens_at && now < c->registration_closes_at;
}

const char *campaign_registration_notice(const struct campaign *c, long long now, char *out, size_t size)
{
	if (campaign_registration_open(c, now))
		return NULL;
	char when[17];
	if (now < c->registration_opens_at) {
		brussels_format(c->registration_opens_at, when);
		snprintf(out, size,
		         "De registratie van leerlingen voor %s (schooljaar %s) opent pas op %s. Tot dan kan je "
		         "geen leerlingen toevoegen of wijzigen.",
		         c->programme_name, c->school_year, when);
	} else {
		brussels_format(c->registration_closes_at, when);
		snprintf(out, size,
		         "De registratie van leerlingen voor %s (schooljaar %s) is gesloten sinds %s. Leerlingen "
		         "toevoegen of wijzigen kan niet meer; melden dat een leerling gestopt is, kan wel.",
		         c->programme_name, c->school_year, when);
	}
	return out;
}

bool campaign_handling_open(const struct campaign *c, long long now)
{
	return (now >= c->handling_opens_at && now < c->handling_closes_at) || campaign_second_round_open(c, now);
}

bool campaign_second_round_open(const struct campaign *c, long long now)
{
	return c->round == 2 && now >= c->second_round_opens_at && now < c->second_round_closes_at;
}

long long campaign_handling_closes_at(const struct campaign *c, long long now)
{
	return c->round == 2 && now >= c->second_round_opens_at ? c->second_round_closes_at : c->handling_closes_at;
}

bool campaign_second_round_possible(const struct campaign *c, long long now)
{
	return c->round == 1 && now >= c->handling_closes_at && !c->personal_data_removed_at;
}

bool campaign_results_visible(const struct campaign *c, long long now)
{
	return now >= c->results_visible_at;
}

bool campaign_school_sees_answers(const struct campaign *c, long long now)
{
	return campaign_results_visible(c, now);
}

struct school_answer campaign_school_answer(const struct campaign *c, long long now, long long service_id,
                                            const char *service)
{
	struct school_answer a = {.accepted = service_id != 0};
	if (a.accepted && campaign_school_sees_answers(c, now)) {
		a.service_id = service_id;
		a.service = service ? service : "";
	}
	return a;
}

static long long brussels(int y, int m, int d, int h, int mi)
{
	char s[32];
	long long t = 0;
	snprintf(s, sizeof s, "%04u-%02u-%02u %02u:%02u", (unsigned)y % 10000, (unsigned)m % 100, (unsigned)d % 100,
	         (unsigned)h % 100, (unsigned)mi % 100);
	brussels_parse(s, &t);
	return t;
}

void campaign_default_timing(int start_year, struct campaign *c)
{
	school_year_name(start_year, c->school_year);
	c->registration_opens_at = brussels(start_year, 9, 1, 12, 0);
	c->handling_opens_at = brussels(start_year, 9, 18, 0, 0);
	c->registration_closes_at = brussels(start_year, 10, 7, 12, 0);
	c->handling_closes_at = brussels(start_year, 10, 7, 12, 0);
	c->results_visible_at = brussels(start_year, 10, 7, 12, 0);
	c->round = 1;
}

void campaign_shift_years(struct campaign *c, int years)
{
	int start = school_year_start(c->school_year);
	if (start > 0)
		school_year_name(start + years, c->school_year);
	long long *moments[] = {&c->registration_opens_at, &c->registration_closes_at, &c->handling_opens_at,
	                        &c->handling_closes_at, &c->results_visible_at, &c->second_round_opens_at,
	                        &c->second_round_closes_at};
	for (size_t i = 0; i < sizeof moments / sizeof moments[0]; i++)
		if (*moments[i])
			*moments[i] = brussels_add_years(*moments[i], years);
}

/* One rule of the order: `later` may not come before `earlier` (or not at it, when strict). */
struct order_rule {
	size_t earlier, later;
	bool strict;
	const char *moment;   /* the one to correct */
	const char *message;
};

const char *campaign_timing_problem(const struct campaign *c, const char **moment)
{
	enum { REG_OPENS, REG_CLOSES, HANDLING_OPENS, HANDLING_CLOSES, RESULTS, SECOND_OPENS, SECOND_CLOSES };
	const long long at[] = {c->registration_opens_at, c->registration_closes_at, c->handling_opens_at,
	                        c->handling_closes_at, c->results_visible_at, c->second_round_opens_at,
	                        c->second_round_closes_at};
	static const struct order_rule first_round[] = {
		{REG_OPENS, REG_CLOSES, true, "registration_closes_at", "De registratie moet sluiten na ze opent."},
		{HANDLING_OPENS, HANDLING_CLOSES, true, "handling_closes_at", "De behandeling moet sluiten na ze opent."},
		{REG_OPENS, HANDLING_OPENS, false, "handling_opens_at",
		 "De behandeling kan niet openen voor de registratie opent."},
		{REG_CLOSES, HANDLING_CLOSES, false, "handling_closes_at",
		 "De behandeling kan niet sluiten voor de registratie sluit: de diensten moeten alle aanvragen "
		 "kunnen behandelen."},
		{REG_CLOSES, RESULTS, false, "results_visible_at",
		 "De resultaten kunnen pas zichtbaar worden als de registratie gesloten is."},
	};
	static const struct order_rule second_round[] = {
		{HANDLING_CLOSES, SECOND_OPENS, false, "second_round_opens_at",
		 "De tweede ronde kan pas openen als de eerste behandeling gesloten is."},
		{SECOND_OPENS, SECOND_CLOSES, true, "second_round_closes_at", "De tweede ronde moet sluiten na ze opent."},
	};
	const struct order_rule *rules[] = {first_round, second_round};
	const size_t counts[] = {sizeof first_round / sizeof first_round[0],
	                         c->round == 2 ? sizeof second_round / sizeof second_round[0] : 0};
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < counts[k]; i++) {
			const struct order_rule *rule = &rules[k][i];
			if (at[rule->later] > at[rule->earlier] || (!rule->strict && at[rule->later] == at[rule->earlier]))
				continue;
			if (moment)
				*moment = rule->moment;
			return rule->message;
		}
	return NULL;
}

long long campaign_insert(const struct campaign *c)
{
	int rc = db_exec(stmts[STMT_INSERT], "itiiiiii", c->programme_id, c->school_year, c->registration_opens_at,
	                 c->registration_closes_at, c->handling_opens_at, c->handling_closes_at,
	                 c->results_visible_at, clock_now());
	return rc == DB_DONE ? db_last_id() : 0;
}

int campaign_update(const struct scope *s, const struct campaign *c)
{
	if (s->role != ROLE_ADMIN)
		return DB_ERROR;
	struct db_stmt *st = db_prepare(stmts[STMT_UPDATE]);
	db_bindv(st, "iiiiii", c->registration_opens_at, c->registration_closes_at, c->handling_opens_at,
	         c->handling_closes_at, c->results_visible_at, (long long)c->round);
	if (c->round == 2) { /* round 1 leaves them NULL */
		db_bind_int(st, 7, c->second_round_opens_at);
		db_bind_int(st, 8, c->second_round_closes_at);
	}
	db_bind_int(st, 9, c->id);
	int rc = db_step(st);
	db_reset(st);
	return rc;
}

int campaign_set_services(long long campaign_id, const long long *service_ids, size_t count)
{
	if (db_exec(stmts[STMT_SERVICES_CLEAR], "i", campaign_id) != DB_DONE)
		return DB_ERROR;
	for (size_t i = 0; i < count; i++)
		if (db_exec(stmts[STMT_SERVICE_ADD], "ii", campaign_id, service_ids[i]) != DB_DONE)
			return DB_ERROR;
	return DB_DONE;
}

enum campaign_scope campaign_service_scope(const struct campaign *c, long long service_id, long long now)
{
	if (db_query_int(0, stmts[STMT_TAKES_PART], "ii", c->id, service_id) != 1)
		return CAMPAIGN_SCOPE_NONE;
	return c->round == 2 && now >= c->second_round_opens_at ? CAMPAIGN_SCOPE_FLANDERS : CAMPAIGN_SCOPE_AREA;
}

bool campaign_service_sees_student(const struct campaign *c, long long service_id, long long student_id,
                                   long long now)
{
	enum campaign_scope scope = campaign_service_scope(c, service_id, now);
	if (scope == CAMPAIGN_SCOPE_NONE)
		return false;
	return db_query_int(0, stmts[STMT_SEES_STUDENT], "iiiiiiii", student_id, c->id, service_id, service_id,
	                    (long long)(scope == CAMPAIGN_SCOPE_FLANDERS), service_id, service_id, service_id) == 1;
}

/* ?1 of the coordinator's reads: 1 for the coordinator's scope, 0 (nothing) for any other. */
static long long coordinator(const struct scope *s)
{
	return s->role == ROLE_ADMIN;
}

static void read_programme(struct db_stmt *st, struct arena *a, void *row)
{
	struct programme_row *p = row;
	p->id = db_int(st, PROGRAMME_ID);
	p->code = db_text_dup(st, PROGRAMME_CODE, a);
	p->name = db_text_dup(st, PROGRAMME_NAME, a);
}

struct programme_row *campaign_programmes(const struct scope *s, struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_PROGRAMMES]);
	db_bind_int(st, 1, coordinator(s));
	return db_rows(st, a, sizeof(struct programme_row), count, read_programme);
}

long long campaign_programme_id(const struct scope *s, const char *code)
{
	return db_query_int(0, stmts[STMT_PROGRAMME_BY_CODE], "it", coordinator(s), code);
}

static void read_entry(struct db_stmt *st, struct arena *a, void *row)
{
	(void)a;
	struct campaign_entry *e = row;
	e->id = db_int(st, ENTRY_ID);
	e->services = db_int(st, ENTRY_SERVICES);
}

struct campaign_entry *campaign_list_of_programme(const struct scope *s, long long programme_id, struct arena *a,
                                                  size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_OF_PROGRAMME]);
	db_bindv(st, "ii", coordinator(s), programme_id);
	return db_rows(st, a, sizeof(struct campaign_entry), count, read_entry);
}

static void read_label(struct db_stmt *st, struct arena *a, void *row)
{
	struct campaign_label *l = row;
	l->id = db_int(st, LABEL_ID);
	l->programme = db_text_dup(st, LABEL_PROGRAMME, a);
	l->school_year = db_text_dup(st, LABEL_SCHOOL_YEAR, a);
}

struct campaign_label *campaign_labels(const struct scope *s, struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_LABELS]);
	db_bind_int(st, 1, coordinator(s));
	return db_rows(st, a, sizeof(struct campaign_label), count, read_label);
}

long long campaign_to_show(const struct scope *s, long long now)
{
	return db_query_int(0, stmts[STMT_TO_SHOW], "ii", coordinator(s), now);
}

long long campaign_find(const struct scope *s, long long programme_id, const char *school_year)
{
	return db_query_int(0, stmts[STMT_FIND], "iit", coordinator(s), programme_id, school_year);
}

static void read_choice(struct db_stmt *st, struct arena *a, void *row)
{
	struct campaign_service_choice *c = row;
	c->id = db_int(st, CHOICE_ID);
	c->name = db_text_dup(st, CHOICE_NAME, a);
	c->active = db_bool(st, CHOICE_ACTIVE);
	c->member = db_bool(st, CHOICE_MEMBER);
}

struct campaign_service_choice *campaign_service_choices(const struct scope *s, long long campaign_id,
                                                         struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_SERVICE_CHOICES]);
	db_bindv(st, "ii", coordinator(s), campaign_id);
	return db_rows(st, a, sizeof(struct campaign_service_choice), count, read_choice);
}

long long campaign_service_count(const struct scope *s, long long campaign_id)
{
	return db_query_int(0, stmts[STMT_SERVICE_COUNT], "ii", coordinator(s), campaign_id);
}

static void read_address(struct db_stmt *st, struct arena *a, void *row)
{
	*(const char **)row = db_text_dup(st, 0, a);
}

const char **campaign_service_addresses(const struct scope *s, long long campaign_id, struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_SERVICE_ADDRESSES]);
	db_bindv(st, "ii", coordinator(s), campaign_id);
	return db_rows(st, a, sizeof(const char *), count, read_address);
}
