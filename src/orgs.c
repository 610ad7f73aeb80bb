#include "orgs.h"

#include "clock.h"
#include "db.h"
#include "validate.h"

static const char *SQL_ORG =
	"INSERT INTO organisations (kind, name, institution_number, street, postcode, city, province,"
	" phone, email, capacity, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)";
static const char *SQL_ORG_UPDATE =
	"UPDATE organisations SET name = ?, institution_number = ?, street = ?, postcode = ?, city = ?,"
	" province = ?, phone = ?, email = ?, capacity = ? WHERE id = ? AND kind = ?";
static const char *SQL_ORG_ACTIVE =
	"UPDATE organisations SET active = ? WHERE id = ? AND kind IN ('school', 'service')";
static const char *SQL_AREAS_CLEAR = "DELETE FROM service_areas WHERE service_id = ?";
static const char *SQL_AREA_ADD =
	"INSERT INTO service_areas (service_id, province, postcode_from, postcode_to) VALUES (?, ?, ?, ?)";
static const char *SQL_USER =
	"INSERT INTO users (organisation_id, email, name, password_hash, state, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?)";
static const char *SQL_USER_BY_EMAIL = "SELECT id FROM users WHERE email = ?";

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

long long org_create(const struct org_fields *o)
{
	struct db_stmt *st = db_prepare(SQL_ORG);
	db_bind_text(st, 1, o->kind);
	bind_fields(st, 2, o);
	db_bind_int(st, 11, clock_now());
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? db_last_id() : 0;
}

int org_update(long long id, const struct org_fields *o)
{
	struct db_stmt *st = db_prepare(SQL_ORG_UPDATE);
	bind_fields(st, 1, o);
	db_bind_int(st, 10, id);
	db_bind_text(st, 11, o->kind);
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE && db_changes() == 1 ? DB_DONE : DB_ERROR;
}

int org_set_active(long long id, bool active)
{
	int rc = db_exec(SQL_ORG_ACTIVE, "ii", (long long)active, id);
	return rc == DB_DONE && db_changes() == 1 ? DB_DONE : DB_ERROR;
}

int org_set_areas(long long service_id, const struct service_area *areas, size_t count)
{
	if (db_exec(SQL_AREAS_CLEAR, "i", service_id) != DB_DONE)
		return DB_ERROR;
	for (size_t i = 0; i < count; i++) {
		struct db_stmt *st = db_prepare(SQL_AREA_ADD);
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

long long user_create(long long org_id, const char *email, const char *name, const char *password_hash)
{
	char normal[255];
	if (validate_email(email, normal, sizeof normal))
		return 0;
	int rc = db_exec(SQL_USER, "itttti", org_id, normal, name, password_hash,
	                 password_hash ? "active" : "invited", clock_now());
	return rc == DB_DONE ? db_last_id() : 0;
}

long long user_id_by_email(const char *email)
{
	char normal[255];
	if (validate_email(email, normal, sizeof normal))
		return 0;
	return db_query_int(0, SQL_USER_BY_EMAIL, "t", normal);
}

long long org_coordinator_id(void)
{
	long long id = db_query_int(0, "SELECT id FROM organisations WHERE kind = 'coordinator' ORDER BY id LIMIT 1", NULL);
	if (id)
		return id;
	struct org_fields f = {.kind = "coordinator", .name = "Coördinatie stages"};
	return org_create(&f);
}
