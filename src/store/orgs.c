#include "orgs.h"

#include "clock.h"
#include "db.h"

#include "db_row.h"

enum org_stmt {
	STMT_ORG_LIST,
	STMT_ORG_GET,
	STMT_ORG_ACTIVE_ALL,
	STMT_ORG_IS_ACTIVE,
	STMT_ORG_ALL,
	STMT_ORG_SAME_NUMBER,
	STMT_ORG_INSERT,
	STMT_ORG_UPDATE,
	STMT_ORG_ACTIVE,
	STMT_ORG_COORDINATOR,
	STMT_AREA_LIST,
	STMT_AREA_CLEAR,
	STMT_AREA_ADD,
	STMT_ORG_CAMPAIGNS,
	STMT_CAMPAIGN_SERVICES,
	STMT_ORG_ACTIVE_BY_NAME,
	STMT_ORG_NAME_LIKE,
	STMT_ORG_COUNT,
	STMT_ORG__MAX
};

/* The reads bind the reach as ?1; `?1 = 0` is the coordinator's "every organisation". */
#define ORG_COLUMNS                                                                                  \
	"o.id, o.name, o.institution_number, o.street, o.postcode, o.city, o.province, o.phone, o.email," \
	" o.capacity, o.active"
static const char *const stmts[STMT_ORG__MAX] = {
	[STMT_ORG_LIST] = "SELECT " ORG_COLUMNS ", (SELECT COUNT(*) FROM users u WHERE u.organisation_id = o.id"
	                  " AND u.state <> 'disabled') FROM organisations o WHERE (?1 = 0 OR o.id = ?1) AND o.kind = ?2"
	                  " ORDER BY o.active DESC, o.name",
	[STMT_ORG_GET] = "SELECT " ORG_COLUMNS ", 0, o.kind FROM organisations o WHERE (?1 = 0 OR o.id = ?1)"
	                 " AND o.id = ?2 AND o.kind IN ('school', 'service')",
	[STMT_ORG_ACTIVE_ALL] = "SELECT " ORG_COLUMNS ", 0, o.kind FROM organisations o WHERE (?1 = 0 OR o.id = ?1)"
	                        " AND o.active = 1"
	                        " ORDER BY CASE o.kind WHEN 'coordinator' THEN 0 WHEN 'school' THEN 1 ELSE 2 END, o.name",
	[STMT_ORG_ALL] = "SELECT " ORG_COLUMNS ", 0, o.kind FROM organisations o WHERE (?1 = 0 OR o.id = ?1)"
	                 " ORDER BY o.kind = 'coordinator' DESC, o.kind, o.name",
	[STMT_ORG_IS_ACTIVE] = "SELECT COUNT(*) FROM organisations WHERE (?1 = 0 OR id = ?1) AND id = ?2 AND active = 1",
	[STMT_ORG_SAME_NUMBER] = "SELECT name FROM organisations WHERE kind = 'school' AND institution_number = ?"
	                         " AND id <> ?",
	[STMT_ORG_INSERT] = "INSERT INTO organisations (kind, name, institution_number, street, postcode, city, province,"
	                    " phone, email, capacity, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
	[STMT_ORG_UPDATE] = "UPDATE organisations SET name = ?, institution_number = ?, street = ?, postcode = ?,"
	                    " city = ?, province = ?, phone = ?, email = ?, capacity = ? WHERE id = ? AND kind = ?",
	[STMT_ORG_ACTIVE] = "UPDATE organisations SET active = ? WHERE id = ? AND kind IN ('school', 'service')",
	[STMT_ORG_COORDINATOR] = "SELECT id FROM organisations WHERE kind = 'coordinator' ORDER BY id LIMIT 1",
	[STMT_AREA_LIST] = "SELECT a.province, a.postcode_from, a.postcode_to FROM service_areas a"
	                   " WHERE (?1 = 0 OR a.service_id = ?1) AND a.service_id = ?2"
	                   " ORDER BY a.province IS NULL, a.province, a.postcode_from",
	[STMT_AREA_CLEAR] = "DELETE FROM service_areas WHERE service_id = ?",
	[STMT_AREA_ADD] = "INSERT INTO service_areas (service_id, province, postcode_from, postcode_to)"
	                  " VALUES (?, ?, ?, ?)",
	[STMT_ORG_CAMPAIGNS] = "SELECT c.id, p.name, c.school_year FROM campaign_services cs"
	                       " JOIN campaigns c ON c.id = cs.campaign_id JOIN programmes p ON p.id = c.programme_id"
	                       " WHERE (?1 = 0 OR cs.service_id = ?1) AND cs.service_id = ?2"
	                       " ORDER BY c.school_year DESC, p.position",
	[STMT_CAMPAIGN_SERVICES] = "SELECT o.id, o.name FROM campaign_services cs JOIN organisations o"
	                           " ON o.id = cs.service_id WHERE cs.campaign_id = ? ORDER BY lower(o.name), o.id",
	[STMT_ORG_ACTIVE_BY_NAME] = "SELECT id FROM organisations WHERE (?1 = 0 OR id = ?1) AND lower(name) = lower(?2)"
	                            " AND active = 1 ORDER BY id",
	[STMT_ORG_NAME_LIKE] = "SELECT " ORG_COLUMNS ", 0, o.kind FROM organisations o WHERE (?1 = 0 OR o.id = ?1)"
	                       " AND (fold(o.name) LIKE fold(?2) OR lower(o.name) = lower(?3)) AND o.active = 1"
	                       " ORDER BY o.name LIMIT 10",
	[STMT_ORG_COUNT] = "SELECT COUNT(*) FROM organisations WHERE (?1 = 0 OR id = ?1)",
};

/* The columns of STMT_ORG_LIST and STMT_ORG_GET (ORG_COLUMNS, then the user count). */
enum org_col {
	COL_ID, COL_NAME, COL_NUMBER, COL_STREET, COL_POSTCODE, COL_CITY, COL_PROVINCE, COL_PHONE, COL_EMAIL,
	COL_CAPACITY, COL_ACTIVE, COL_USERS, COL_KIND
};
enum area_col { COL_AREA_PROVINCE, COL_AREA_FROM, COL_AREA_TO };
enum campaign_col { COL_CAMPAIGN_ID, COL_CAMPAIGN_PROGRAMME, COL_CAMPAIGN_YEAR };
enum choice_col { COL_CHOICE_ID, COL_CHOICE_NAME };

long long org_reach(const struct scope *s)
{
	if (s->role == ROLE_ADMIN)
		return 0;
	if ((s->role == ROLE_SCHOOL || s->role == ROLE_SERVICE) && s->org_id > 0)
		return s->org_id;
	return -1;
}

/* Only the coordinator creates and changes organisations. */
static bool may_write(const struct scope *s)
{
	return s->role == ROLE_ADMIN;
}

static void read_org(struct db_stmt *st, struct arena *a, void *row)
{
	struct org_row *o = row;
	o->id = db_int(st, COL_ID);
	o->fields = (struct org_fields){
		.name = db_text_dup(st, COL_NAME, a),
		.institution_number = db_text_dup(st, COL_NUMBER, a),
		.street = db_text_dup(st, COL_STREET, a),
		.postcode = db_text_dup(st, COL_POSTCODE, a),
		.city = db_text_dup(st, COL_CITY, a),
		.province = db_text_dup(st, COL_PROVINCE, a),
		.phone = db_text_dup(st, COL_PHONE, a),
		.email = db_text_dup(st, COL_EMAIL, a),
		.capacity = db_int(st, COL_CAPACITY),
	};
	o->active = db_int(st, COL_ACTIVE) == 1;
	o->users = db_int(st, COL_USERS);
}

/* An org_row with its kind from the statement's last column. */
static void read_org_kind(struct db_stmt *st, struct arena *a, void *row)
{
	read_org(st, a, row);
	((struct org_row *)row)->fields.kind = db_text_dup(st, COL_KIND, a);
}

/* The rows of statement stmt (the reach bound as ?1, kind as ?2 when not NULL), in a. */
static struct org_row *org_rows(const struct scope *s, enum org_stmt stmt, const char *kind, struct arena *a,
                                size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[stmt]);
	db_bind_int(st, 1, org_reach(s)); /* -1, no reach, is no organisation's id */
	if (kind)
		db_bind_text(st, 2, kind);
	struct org_row *rows = db_rows(st, a, sizeof *rows, count, kind ? read_org : read_org_kind);
	for (size_t i = 0; kind && i < *count; i++)
		rows[i].fields.kind = kind;
	return rows;
}

struct org_row *org_list(const struct scope *s, const char *kind, struct arena *a, size_t *count)
{
	return org_rows(s, STMT_ORG_LIST, kind, a, count);
}

struct org_row *org_list_active(const struct scope *s, struct arena *a, size_t *count)
{
	return org_rows(s, STMT_ORG_ACTIVE_ALL, NULL, a, count);
}

struct org_row *org_list_all(const struct scope *s, struct arena *a, size_t *count)
{
	return org_rows(s, STMT_ORG_ALL, NULL, a, count);
}

bool org_get(const struct scope *s, long long id, struct arena *a, struct org_row *out)
{
	long long reach = org_reach(s);
	if (reach < 0)
		return false;
	struct db_stmt *st = db_prepare(stmts[STMT_ORG_GET]);
	db_bindv(st, "ii", reach, id);
	return db_row(st, a, out, read_org_kind);
}

bool org_active(const struct scope *s, long long id)
{
	long long reach = org_reach(s);
	return reach >= 0 && db_query_int(0, stmts[STMT_ORG_IS_ACTIVE], "ii", reach, id) == 1;
}

const char *org_school_with_number(const struct scope *s, const char *number, long long except_id,
                                   struct arena *a)
{
	if (!may_write(s)) /* only the coordinator's form asks */
		return NULL;
	struct db_stmt *st = db_prepare(stmts[STMT_ORG_SAME_NUMBER]);
	db_bindv(st, "ti", number, except_id);
	const char *name = db_step(st) == DB_ROW ? db_text_dup(st, 0, a) : NULL;
	db_reset(st);
	return name;
}

/* Binds name .. capacity of o from position `first` on (9 placeholders). */
static void bind_fields(struct db_stmt *st, int first, const struct org_fields *o)
{
	const char *text[] = {o->name, o->institution_number, o->street, o->postcode, o->city,
	                      o->province, o->phone, o->email};
	for (int i = 0; i < 8; i++)
		db_bind_text(st, first + i, text[i] && *text[i] ? text[i] : NULL);
	if (o->capacity > 0)
		db_bind_int(st, first + 8, o->capacity);
}

long long org_create(const struct scope *s, const struct org_fields *o)
{
	if (!may_write(s))
		return 0;
	struct db_stmt *st = db_prepare(stmts[STMT_ORG_INSERT]);
	db_bind_text(st, 1, o->kind);
	bind_fields(st, 2, o);
	db_bind_int(st, 11, clock_now());
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? db_last_id() : 0;
}

int org_update(const struct scope *s, long long id, const struct org_fields *o)
{
	if (!may_write(s))
		return DB_ERROR;
	struct db_stmt *st = db_prepare(stmts[STMT_ORG_UPDATE]);
	bind_fields(st, 1, o);
	db_bind_int(st, 10, id);
	db_bind_text(st, 11, o->kind);
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE && db_changes() == 1 ? DB_DONE : DB_ERROR;
}

int org_set_active(const struct scope *s, long long id, bool active)
{
	if (!may_write(s))
		return DB_ERROR;
	int rc = db_exec(stmts[STMT_ORG_ACTIVE], "ii", (long long)active, id);
	return rc == DB_DONE && db_changes() == 1 ? DB_DONE : DB_ERROR;
}

static void read_area(struct db_stmt *st, struct arena *a, void *row)
{
	*(struct service_area *)row = (struct service_area){
		db_is_null(st, COL_AREA_PROVINCE) ? NULL : db_text_dup(st, COL_AREA_PROVINCE, a),
		(int)db_int(st, COL_AREA_FROM), (int)db_int(st, COL_AREA_TO)};
}

struct service_area *org_areas(const struct scope *s, long long service_id, struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_AREA_LIST]);
	db_bindv(st, "ii", org_reach(s), service_id);
	return db_rows(st, a, sizeof(struct service_area), count, read_area);
}

int org_set_areas(const struct scope *s, long long service_id, const struct service_area *areas, size_t count)
{
	if (!may_write(s) || db_exec(stmts[STMT_AREA_CLEAR], "i", service_id) != DB_DONE)
		return DB_ERROR;
	for (size_t i = 0; i < count; i++) {
		struct db_stmt *st = db_prepare(stmts[STMT_AREA_ADD]);
		db_bind_int(st, 1, service_id);
		db_bind_text(st, 2, areas[i].province);
		if (!areas[i].province) {
			db_bind_int(st, 3, areas[i].postcode_from);
			db_bind_int(st, 4, areas[i].postcode_to);
		}
		int rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return DB_ERROR;
	}
	return DB_DONE;
}

static void read_campaign(struct db_stmt *st, struct arena *a, void *row)
{
	*(struct org_campaign *)row = (struct org_campaign){db_int(st, COL_CAMPAIGN_ID),
	                                                    db_text_dup(st, COL_CAMPAIGN_PROGRAMME, a),
	                                                    db_text_dup(st, COL_CAMPAIGN_YEAR, a)};
}

struct org_campaign *org_service_campaigns(const struct scope *s, long long service_id, struct arena *a,
                                           size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_ORG_CAMPAIGNS]);
	db_bindv(st, "ii", org_reach(s), service_id);
	return db_rows(st, a, sizeof(struct org_campaign), count, read_campaign);
}

long long org_coordinator_id(void)
{
	long long id = db_query_int(0, stmts[STMT_ORG_COORDINATOR], NULL);
	if (id)
		return id;
	struct org_fields f = {.kind = "coordinator", .name = "Coördinatie stages"};
	struct scope sys = scope_system();
	return org_create(&sys, &f);
}

static void read_choice(struct db_stmt *st, struct arena *a, void *row)
{
	struct org_choice *c = row;
	c->id = db_int(st, COL_CHOICE_ID);
	c->name = db_text_dup(st, COL_CHOICE_NAME, a);
}

struct org_choice *org_campaign_services(const struct scope *s, long long campaign_id, struct arena *a,
                                         size_t *count)
{
	if (org_reach(s) < 0) {
		*count = 0;
		return arena_alloc(a, sizeof(struct org_choice));
	}
	struct db_stmt *st = db_prepare(stmts[STMT_CAMPAIGN_SERVICES]);
	db_bind_int(st, 1, campaign_id);
	return db_rows(st, a, sizeof(struct org_choice), count, read_choice);
}

size_t org_active_by_name(const struct scope *s, const char *name, long long *id)
{
	struct db_stmt *st = db_prepare(stmts[STMT_ORG_ACTIVE_BY_NAME]);
	db_bindv(st, "it", org_reach(s), name);
	size_t matches = 0;
	while (db_step(st) == DB_ROW) {
		*id = db_int(st, 0);
		matches++;
	}
	db_reset(st);
	return matches;
}

struct org_row *org_named_like(const struct scope *s, const char *text, struct arena *a, size_t *count)
{
	struct db_stmt *st = db_prepare(stmts[STMT_ORG_NAME_LIKE]);
	db_bindv(st, "itt", org_reach(s), arena_printf(a, "%%%s%%", text), text);
	return db_rows(st, a, sizeof(struct org_row), count, read_org_kind);
}

long long org_count(const struct scope *s)
{
	return db_query_int(0, stmts[STMT_ORG_COUNT], "i", org_reach(s));
}
