#include "orgs.h"

#include "clock.h"
#include "db.h"
#include "validate.h"

static const char *SQL_ORG =
	"INSERT INTO organisations (kind, name, institution_number, street, postcode, city, province,"
	" phone, email, capacity, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)";
static const char *SQL_USER =
	"INSERT INTO users (organisation_id, email, name, password_hash, state, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?)";
static const char *SQL_USER_BY_EMAIL = "SELECT id FROM users WHERE email = ?";

long long org_create(const struct org_fields *o)
{
	struct db_stmt *st = db_prepare(SQL_ORG);
	db_bindv(st, "ttttttttt", o->kind, o->name, o->institution_number, o->street, o->postcode, o->city,
	         o->province, o->phone, o->email);
	if (o->capacity > 0)
		db_bind_int(st, 10, o->capacity);
	db_bind_int(st, 11, clock_now());
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? db_last_id() : 0;
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
